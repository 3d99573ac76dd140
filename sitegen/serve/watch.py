"""Watching a site's inputs: config.yml, content/, templates/, static/.

Two watchers with one interface, ``changed(timeout) -> bool`` ("did any input change since the
last call?", waiting up to ``timeout`` seconds for the first change):

- :class:`InotifyWatcher` (Linux, the default): the kernel wakes us, no scanning.
- :class:`PollingWatcher` (``--poll``, and the fallback elsewhere): compares stat snapshots;
  works on network and container-mounted folders where inotify events never arrive.

Editor droppings (swap files, backups, vim's write test file) never count as a change.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import os
import select
import struct
import time
from pathlib import Path
from typing import Protocol

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
    """The inotify watcher unless polling is asked for or inotify is unavailable here."""
    if not poll:
        try:
            return InotifyWatcher(site_root)
        except OSError as exc:
            log.info("file events unavailable (%s); polling for changes instead", exc)
    return PollingWatcher(site_root, interval)


# --------------------------------------------------------------------------- polling

Signature = tuple[int, int, int]  # mtime_ns, size, inode: an in-place write or a rename both change it


def snapshot(site_root: Path) -> dict[str, Signature]:
    """Every watched input file and its stat signature."""
    seen: dict[str, Signature] = {}
    for name in WATCHED_FILES:
        _record(seen, site_root / name)
    for folder in WATCHED_DIRS:
        for dirpath, dirnames, filenames in os.walk(site_root / folder):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for filename in filenames:
                if not is_noise(filename):
                    _record(seen, Path(dirpath) / filename)
    return seen


def _record(seen: dict[str, Signature], path: Path) -> None:
    try:
        info = path.stat()
    except OSError:  # absent, or deleted between listing and stat: the next snapshot settles it
        return
    seen[str(path)] = (info.st_mtime_ns, info.st_size, info.st_ino)


class PollingWatcher:
    def __init__(self, site_root: Path, interval: float = 0.1) -> None:
        self.site_root = site_root
        self.interval = interval
        self._last = snapshot(site_root)
        self._touched: set[str] = set()

    def changed(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            current = snapshot(self.site_root)
            if current != self._last:
                self._touched |= {path for path in current.keys() | self._last.keys()
                                  if current.get(path) != self._last.get(path)}
                self._last = current
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            time.sleep(min(self.interval, remaining))

    def take_changes(self) -> frozenset[str] | None:
        touched, self._touched = frozenset(self._touched), set()
        return touched

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------- inotify

IN_MODIFY, IN_ATTRIB, IN_CLOSE_WRITE = 0x002, 0x004, 0x008
IN_MOVED_FROM, IN_MOVED_TO, IN_CREATE, IN_DELETE = 0x040, 0x080, 0x100, 0x200
IN_DELETE_SELF, IN_MOVE_SELF, IN_Q_OVERFLOW, IN_ISDIR = 0x400, 0x800, 0x4000, 0x40000000
IN_NONBLOCK, IN_CLOEXEC = 0o4000, 0o2000000
WATCH_MASK = (IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
              | IN_DELETE_SELF | IN_MOVE_SELF)
EVENT_HEADER = struct.Struct("iIII")  # wd, mask, cookie, len of the name that follows


class InotifyWatcher:
    """Recursive inotify over the watched folders, plus the site root for config.yml and new folders."""

    def __init__(self, site_root: Path) -> None:
        libc_name = ctypes.util.find_library("c")
        if not hasattr(os, "uname") or os.uname().sysname != "Linux" or not libc_name:
            raise OSError("inotify needs Linux")
        self._libc = ctypes.CDLL(libc_name, use_errno=True)
        self.site_root = site_root
        self._fd = self._libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
        self._dirs: dict[int, Path] = {}
        self._touched: set[str] | None = set()  # None: something changed that a list of files can't say
        try:
            self._add(site_root)
            for name in WATCHED_DIRS:
                self._add_tree(site_root / name)
        except OSError:
            self.close()
            raise

    def _add(self, folder: Path) -> None:
        wd = self._libc.inotify_add_watch(self._fd, os.fsencode(folder), WATCH_MASK)
        if wd < 0:
            code = ctypes.get_errno()
            if code in (errno.ENOENT, errno.ENOTDIR):  # gone again already: nothing to watch
                return
            raise OSError(code, f"inotify_add_watch {folder}: {os.strerror(code)}")
        self._dirs[wd] = folder

    def _add_tree(self, folder: Path) -> None:
        if not folder.is_dir():
            return
        self._add(folder)
        for dirpath, dirnames, _files in os.walk(folder):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in dirnames:
                self._add(Path(dirpath) / name)

    def changed(self, timeout: float) -> bool:
        ready, _, _ = select.select([self._fd], [], [], max(timeout, 0))
        if not ready:
            return False
        relevant = False
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return relevant
            relevant = self._handle(data) or relevant

    def _handle(self, data: bytes) -> bool:
        relevant = False
        offset = 0
        while offset < len(data):
            wd, mask, _cookie, length = EVENT_HEADER.unpack_from(data, offset)
            offset += EVENT_HEADER.size
            name = os.fsdecode(data[offset:offset + length].rstrip(b"\0"))
            offset += length
            relevant = self._event(wd, mask, name) or relevant
        return relevant

    def _event(self, wd: int, mask: int, name: str) -> bool:
        if mask & IN_Q_OVERFLOW:
            self._touched = None
            return True  # events were lost: assume something changed
        folder = self._dirs.get(wd)
        if folder is None:
            return False
        if mask & (IN_DELETE_SELF | IN_MOVE_SELF):
            self._dirs.pop(wd, None)
            self._touched = None
            return folder != self.site_root
        if folder == self.site_root:  # the root: only config.yml and the watched folders matter
            if name in WATCHED_DIRS and mask & (IN_CREATE | IN_MOVED_TO):
                self._add_tree(folder / name)
            if name in WATCHED_DIRS:
                self._touched = None
            elif name in WATCHED_FILES:
                self._touch(folder / name)
            return name in WATCHED_FILES or name in WATCHED_DIRS
        if mask & IN_ISDIR:
            if mask & (IN_CREATE | IN_MOVED_TO) and not name.startswith("."):
                self._add_tree(folder / name)
            self._touched = None  # a folder came, went or moved: its files are not listed one by one
        elif not is_noise(name):
            self._touch(folder / name)
        return not is_noise(name)

    def _touch(self, path: Path) -> None:
        if self._touched is not None:
            self._touched.add(str(path))

    def take_changes(self) -> frozenset[str] | None:
        touched, self._touched = self._touched, set()
        return None if touched is None else frozenset(touched)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
