"""One `sitegen serve` session: bind, build, serve, watch, and clean up on stop."""
from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from .. import config as config_stage
from ..cache import BuildMemo
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
    """Owns the server thread, the temp build folder and the watcher; :meth:`close` releases all three."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        config = config_stage.load(options.site_dir)  # a broken config.yml at start is reported, not served
        self.site_root = config.root
        self.base_path = config.base_path
        self.state = LiveState()
        self._workdir = Path(tempfile.mkdtemp(prefix="sitegen-serve-"))
        self.out_dir = self._workdir / "site"
        self._stop = threading.Event()
        self._server = self._bind(options.host, options.port)
        self.port = int(self._server.server_address[1])
        self.url = f"http://{url_host(options.host)}:{self.port}{self.base_path}"
        # The memo keeps parsed articles and merged stories in memory between rebuilds (issue 7).
        self.rebuilder = Rebuilder(self.site_root, self.out_dir, self.url, self.state, drafts=options.drafts,
                                   memo=BuildMemo(private_output=True))
        self._watcher: Watcher | None = None
        self._threads: list[threading.Thread] = []

    def _bind(self, host: str, port: int) -> DevHTTPServer:
        if host not in LOOPBACK:
            log.warning("serving on %s: other machines on the network can see this preview", host)
        try:
            return DevHTTPServer((host, port), Mount(self.out_dir, self.base_path), self.state)
        except OSError as exc:
            shutil.rmtree(self._workdir, ignore_errors=True)
            raise SitegenError(f"cannot listen on {host}:{port}: {exc.strerror or exc}"
                               " (is another server running? try --port)") from None

    def start(self) -> str:
        """First build (a failure is shown in the page, not fatal), then serve and watch in threads."""
        self._watcher = make_watcher(self.site_root, poll=self.options.poll)
        self._watcher.take_changes()  # the first build scans everything anyway
        self.rebuilder.rebuild()
        self._spawn("sitegen-http", lambda: self._server.serve_forever(poll_interval=0.2))
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
        """Stop watching, end event streams, stop the server, delete the temp build."""
        self._stop.set()
        self.state.stop()
        self._server.shutdown()
        self._server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        if self._watcher is not None:
            self._watcher.close()
        self.rebuilder.memo.wait_for_save()
        shutil.rmtree(self._workdir, ignore_errors=True)

    def __enter__(self) -> "Preview":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
