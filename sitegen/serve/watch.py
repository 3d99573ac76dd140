"""Watching a site's inputs: config.yml, content/, templates/, static/.

Two watchers with one interface, ``changed(timeout) -> bool`` ("did any input change since the
last call?", waiting up to ``timeout`` seconds for the first change):

- :class:`NativeWatcher` (the default): the operating system's file events through watchfiles (Rust's
  notify: inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows); no scanning.
- :class:`PollingWatcher` (``--poll``, and the fallback where file events are unavailable): compares
  stat snapshots; works on network and container-mounted folders where file events never arrive.

Editor droppings (swap files, backups, vim's write test file) never count as a change.
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Protocol

from watchfiles._rust_notify import RustNotify  # watchfiles' documented low-level API (its "Rust backend")

log = logging.getLogger("sitegen.serve.watch")

WATCHED_DIRS = ("content", "templates", "static")
WATCHED_FILES = ("config.yml",)


class Watcher(Protocol):
    def changed(self, timeout: float) -> bool: ...

    def take_changes(self) -> frozenset[str] | None:
        """The paths of the files that changed since the last call (None: not known exactly, e.g. a
        folder moved or events were lost): a rebuild then looks at these alone."""

    def close(self) -> None: ...


def is_noise(name: str) -> bool:
    """Temporary files editors write beside the real one."""
    return (name.startswith((".#", "#")) or name.endswith(("~", ".swp", ".swx", ".swo", ".tmp"))
            or name in ("4913", ".DS_Store"))


def make_watcher(site_root: Path, poll: bool = False, interval: float = 0.1) -> Watcher:
    """The native watcher unless polling is asked for or file events are unavailable here."""
    if not poll:
        try:
            return NativeWatcher(site_root)
        except (OSError, RuntimeError) as exc:  # e.g. the inotify watch limit reached
            log.info("file events unavailable (%s); polling for changes instead", exc)
    return PollingWatcher(site_root, interval)


# --------------------------------------------------------------------------- polling

Signature = tuple[int, int, int]  # mtime_ns, size, inode: an in-place write or a rename both change it


# A scan may take this share of the time at most: each pause lasts at least (1 - share) / share times as
# long as the last scan (about 0.04 s at 10,000 articles: a change shows within ~0.4 s, at ~10 % of a core).
POLL_SHARE = 0.1


def snapshot(site_root: Path) -> dict[str, Signature]:
    """Every watched input file and its stat signature."""
    seen: dict[str, Signature] = {}
    for name in WATCHED_FILES:
        path = os.path.join(site_root, name)
        try:
            _record(seen, path, os.stat(path))
        except OSError:  # not there (yet)
            pass
    folders = [os.path.join(site_root, name) for name in WATCHED_DIRS]
    while folders:
        try:
            entries = os.scandir(folders.pop())
        except OSError:  # absent, or gone since it was listed: the next snapshot settles it
            continue
        with entries:
            for entry in entries:
                if entry.is_dir():  # (hidden folders and links to folders are not walked, as os.walk doesn't)
                    if not entry.name.startswith(".") and not entry.is_symlink():
                        folders.append(entry.path)
                elif not is_noise(entry.name):
                    try:
                        _record(seen, entry.path, entry.stat())
                    except OSError:
                        pass
    return seen


def _record(seen: dict[str, Signature], path: str, info: os.stat_result) -> None:
    seen[path] = (info.st_mtime_ns, info.st_size, info.st_ino)


class PollingWatcher:
    def __init__(self, site_root: Path, interval: float = 0.1) -> None:
        self.site_root = site_root
        self.interval = interval  # the shortest pause between two scans
        self._last = snapshot(site_root)
        self._touched: set[str] = set()

    def changed(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            started = time.monotonic()
            current = snapshot(self.site_root)
            scanned = time.monotonic()
            if current != self._last:
                self._touched |= {path for path in current.keys() | self._last.keys()
                                  if current.get(path) != self._last.get(path)}
                self._last = current
                return True
            remaining = deadline - scanned
            if remaining <= 0:
                return False
            pause = max(self.interval, (scanned - started) * (1 - POLL_SHARE) / POLL_SHARE)
            time.sleep(min(pause, remaining))

    def take_changes(self) -> frozenset[str] | None:
        touched, self._touched = frozenset(self._touched), set()
        return touched

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------- file events

ADDED, MODIFIED, DELETED = 1, 2, 3  # watchfiles.Change
STEP_MS = 50  # how often notify's loop looks for new events (and for Ctrl-C) while it waits
ROOT_SLICE = 0.1  # seconds between two looks at the site root's own events while waiting
# A batch naming more files than this (a checkout, a folder copied in) may have overflowed the kernel's
# event queue, which notify does not tell us: the rebuild walks the folders instead (cheap next to it).
BIG_BURST = 1000


class NativeWatcher:
    """File events from two sources: the watched folders, recursively, and the site root alone (config.yml,
    and a watched folder made, removed or moved, after which the folders are watched anew).

    The root is not watched recursively: output/ and the cache folder hold thousands of folders that
    every build rewrites. A folder's own event (made, moved, removed) can't say which files it held, so
    it makes :meth:`take_changes` answer None; files in hidden folders (.git) never count.
    """

    def __init__(self, site_root: Path) -> None:
        self.site_root = site_root
        self._touched: set[str] | None = set()  # None: something changed that a list of files can't say
        self._root = RustNotify([str(site_root)], False, False, 0, False, False)
        self._folders: RustNotify | None = None
        self._known_folders: set[str] = set()
        try:
            self._watch_folders()
        except (OSError, RuntimeError):
            self._root.close()
            raise

    def _watch_folders(self) -> None:
        if self._folders is not None:
            self._folders.close()
            self._folders = None
        present = [self.site_root / name for name in WATCHED_DIRS if (self.site_root / name).is_dir()]
        self._known_folders = {str(folder) for top in present for folder in _folders_under(top)}
        if present:
            self._folders = RustNotify([str(folder) for folder in present], False, False, 0, True, False)

    def changed(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            wait = max(min(ROOT_SLICE, remaining), 0.001)
            relevant = self._take_root_events(wait if self._folders is None else 0.001)
            if self._folders is not None:
                relevant = self._take_folder_events(wait) or relevant
            if relevant:
                return True
            if deadline - time.monotonic() <= 0:
                return False

    def _take_root_events(self, wait: float) -> bool:
        relevant = False
        for _change, path in _events(self._root, wait):
            name = os.path.basename(path)
            if name in WATCHED_DIRS:  # a watched folder came, went or moved: watch what is there now
                self._watch_folders()
                self._touched = None
                relevant = True
            elif name in WATCHED_FILES:
                self._touch(os.path.join(self.site_root, name))
                relevant = True
        return relevant

    def _take_folder_events(self, wait: float) -> bool:
        assert self._folders is not None
        try:
            events = _events(self._folders, wait)
        except (OSError, RuntimeError) as exc:  # e.g. a watched folder removed under notify
            log.debug("file events interrupted (%s); watching the folders anew", exc)
            self._watch_folders()
            self._touched = None
            return True
        if len(events) > BIG_BURST:
            self._touched = None
        relevant = False
        for change, path in events:
            inside = os.path.relpath(path, self.site_root).split(os.sep)
            if any(part.startswith(".") for part in inside[:-1]) or is_noise(inside[-1]):
                continue
            relevant = True
            if path in self._known_folders or os.path.isdir(path):
                if change == ADDED:
                    self._known_folders.update(str(folder) for folder in _folders_under(Path(path)))
                self._touched = None
            else:
                self._touch(path)
        return relevant

    def _touch(self, path: str) -> None:
        if self._touched is not None:
            self._touched.add(path)

    def take_changes(self) -> frozenset[str] | None:
        touched, self._touched = self._touched, set()
        return None if touched is None else frozenset(touched)

    def close(self) -> None:
        self._root.close()
        if self._folders is not None:
            self._folders.close()


def _events(notify: RustNotify, wait: float) -> set[tuple[int, str]]:
    """The events notify gathered, waiting up to ``wait`` seconds for a first one."""
    result = notify.watch(STEP_MS, min(STEP_MS, max(int(wait * 1000), 1)), max(int(wait * 1000), 1), None)
    if result == "signal":  # notify looked at Python's signals and a handler raised (Ctrl-C, SIGTERM)
        raise KeyboardInterrupt
    return result if isinstance(result, set) else set()


def _folders_under(top: Path) -> list[Path]:
    """``top`` and every folder below it, hidden ones excepted."""
    found = [top]
    for dirpath, dirnames, _files in os.walk(top):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        found.extend(Path(dirpath) / name for name in dirnames)
    return found
