"""One `sitegen serve` session: bind, build, serve, watch, and clean up on stop."""
from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .. import config as config_stage
from ..cache import BuildMemo, cache_folder, open_cache_file
from ..errors import SitegenError
from .loop import Debounce, Rebuilder, watch_and_rebuild
from .server import DevHTTPServer, Mount
from .state import LiveState
from .watch import Watcher, make_watcher

log = logging.getLogger("sitegen.serve")

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class ServeOptions:
    site_dir: Path
    host: str = "127.0.0.1"
    port: int = 8000  # 0 picks a free port (tests)
    drafts: bool = False
    poll: bool = False
    debounce: Debounce = Debounce()


class Preview:
    """Owns the server thread, the build folder and the watcher; :meth:`close` releases all three."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        config = config_stage.load(options.site_dir)  # a broken config.yml at start is reported, not served
        self.site_root = config.root
        self.base_path = config.base_path
        self.state = LiveState()
        self.out_dir, self._workdir, self._folder_lock = _preview_folder(config.root)
        self._stop = threading.Event()
        self._server = self._bind(options.host, options.port)
        self.port = int(self._server.server_address[1])
        self.url = f"http://{url_host(options.host)}:{self.port}{self.base_path}"
        # The memo keeps parsed articles and merged stories in memory between rebuilds (issue 7).
        self.rebuilder = Rebuilder(self.site_root, self.out_dir, self.url, self.state, drafts=options.drafts,
                                   memo=BuildMemo(private_output=True))
        self._watcher: Watcher | None = None
        self._threads: list[threading.Thread] = []
        self._serving = False  # the server thread runs (after the first build: a Ctrl-C may come before)

    def _bind(self, host: str, port: int) -> DevHTTPServer:
        if host not in LOOPBACK:
            log.warning("serving on %s: other machines on the network can see this preview", host)
        try:
            return DevHTTPServer((host, port), Mount(self.out_dir, self.base_path), self.state)
        except OSError as exc:
            self._release_folder()
            raise SitegenError(f"cannot listen on {host}:{port}: {exc.strerror or exc}"
                               " (is another server running? try --port)") from None

    def start(self) -> str:
        """First build (a failure is shown in the page, not fatal), then serve and watch in threads."""
        self._watcher = make_watcher(self.site_root, poll=self.options.poll)
        self._watcher.take_changes()  # the first build scans everything anyway
        self.rebuilder.rebuild()
        self._spawn("sitegen-http", lambda: self._server.serve_forever(poll_interval=0.2))
        self._serving = True
        # a big site's first build merged in worker processes: this one has yet to import the merge code,
        # which the first edit's rebuild (merged here) would otherwise wait for
        self._spawn("sitegen-warm-up", _load_merge_code)
        return self.url

    def watch_in_background(self) -> None:
        self._spawn("sitegen-watch", self.watch)

    def watch(self) -> None:
        """Block, rebuilding on changes, until :meth:`close` is called (or Ctrl-C in the caller)."""
        assert self._watcher is not None, "call start() first"
        watch_and_rebuild(self._watcher, self.rebuilder, self._stop, self.options.debounce)

    def _spawn(self, name: str, target: object) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)  # type: ignore[arg-type]
        thread.start()
        self._threads.append(thread)

    def close(self) -> None:
        """Stop watching, end event streams, stop the server, let the build folder go (a temporary one is deleted)."""
        self._stop.set()
        self.state.stop()
        if self._serving:  # (shutdown() waits for serve_forever to return: forever, if it never ran)
            self._server.shutdown()
        self._server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        if self._watcher is not None:
            self._watcher.close()
        self.rebuilder.memo.wait_for_save()
        self._release_folder()

    @property
    def kept(self) -> bool:
        """The preview is built into the site's cache folder and kept for the next session (else into a
        temporary folder, deleted on close: another session of this site holds the kept one)."""
        return self._workdir is None

    def _release_folder(self) -> None:
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
        if self._folder_lock is not None:
            self._folder_lock.close()  # (closing the file releases its lock)

    def __enter__(self) -> "Preview":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


PREVIEW_FOLDER = "preview"  # in the site's cache folder


def _preview_folder(site_root: Path) -> tuple[Path, Path | None, IO[bytes] | None]:
    """(build folder, temporary folder to delete on close, lock held for the session).

    The preview is built into ``.sitegen-cache/preview`` and kept: the next session renders only what
    changed since (a 10,000-article site's first build re-rendered all 15,000 pages, and deleting them
    on exit slowed the next creation of as many files). One session at a time holds it; another session
    of the same site builds into a temporary folder instead."""
    folder = cache_folder(site_root)
    handle = os.fdopen(open_cache_file(folder / (PREVIEW_FOLDER + ".lock"), os.O_RDWR | os.O_CREAT | os.O_APPEND),
                       "a+b")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        workdir = Path(tempfile.mkdtemp(prefix="sitegen-serve-"))
        return workdir / "site", workdir, None
    return folder / PREVIEW_FOLDER, None, handle


def _load_merge_code() -> None:
    from ..merge import load_merge_code

    load_merge_code()


def url_host(host: str) -> str:
    """The host to put in links: a wildcard bind is still browsed via loopback."""
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host
