"""The dev server's HTTP side: the live build folder under the site's base path, plus three
``__sitegen/`` endpoints (the reload client, its overlay stylesheet, and a server-sent event stream).

Every request is resolved against the build folder *at request time*, because each rebuild swaps
a whole new folder in under the same name. Nothing outside that folder is ever served: any '..'
segment (also percent-encoded) is refused, and the resolved path must stay inside the folder.
"""
from __future__ import annotations

import html
import json
import logging
import mimetypes
import posixpath
import re
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .state import LiveState, Snapshot

log = logging.getLogger("sitegen.serve.http")

CLIENT_DIR = Path(__file__).resolve().parent / "client"
INTERNAL_PREFIX = "__sitegen/"
CLIENT_FILES = {"reload.js": "text/javascript; charset=utf-8", "overlay.css": "text/css; charset=utf-8"}
KEEPALIVE_SECONDS = 10.0  # an idle stream sends a comment this often, so dead clients are noticed
BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mount:
    """Where the build lives on disk and under which URL path it is served."""

    out_dir: Path
    base_path: str  # always starts and ends with '/'


class DevHTTPServer(ThreadingHTTPServer):
    """A threading server that knows its mount and the live build state (no module-level globals)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], mount: Mount, state: LiveState) -> None:
        self.mount = mount
        self.state = state
        super().__init__(address, DevRequestHandler)


class DevRequestHandler(BaseHTTPRequestHandler):
    server: DevHTTPServer
    server_version = "sitegen-serve"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._dispatch(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._dispatch(send_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (signature is http.server's)
        log.debug("%s %s", self.address_string(), format % args)

    # ------------------------------------------------------------------ routing

    def _dispatch(self, send_body: bool) -> None:
        mount = self.server.mount
        split = urlsplit(self.path)
        raw_path = split.path or "/"
        if not raw_path.startswith(mount.base_path):
            self._outside_base(raw_path, split.query, send_body)
            return
        rel = unquote(raw_path[len(mount.base_path):])
        if rel.startswith(INTERNAL_PREFIX):
            self._internal(rel[len(INTERNAL_PREFIX):], send_body)
            return
        self._site_file(rel, raw_path, split.query, send_body)

    def _outside_base(self, raw_path: str, query: str, send_body: bool) -> None:
        base = self.server.mount.base_path
        if raw_path == "/" or raw_path + "/" == base:
            self._redirect(base + (f"?{query}" if query else ""))
            return
        note = f"This site is served under {base} (its base_url path), as in production."
        self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", note.encode(), send_body)

    def _internal(self, name: str, send_body: bool) -> None:
        if name == "events":
            self._event_stream()
        elif name in CLIENT_FILES:
            self._send(HTTPStatus.OK, CLIENT_FILES[name], (CLIENT_DIR / name).read_bytes(), send_body)
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found", send_body)

    def _site_file(self, rel: str, raw_path: str, query: str, send_body: bool) -> None:
        out_dir = self.server.mount.out_dir
        if not out_dir.is_dir():
            self._no_build_yet(send_body)
            return
        target = resolve_inside(out_dir, rel)
        if target is not None and target.is_dir():
            if not raw_path.endswith("/"):
                self._redirect(raw_path + "/" + (f"?{query}" if query else ""))
                return
            target = target / "index.html"
        if target is None or not target.is_file():
            self._not_found(out_dir, send_body)
            return
        self._send_file(HTTPStatus.OK, target, send_body)

    # ------------------------------------------------------------------ responses

    def _send_file(self, status: HTTPStatus, path: Path, send_body: bool) -> None:
        try:
            body = path.read_bytes()
        except OSError:  # swapped away mid-request by a rebuild: the next request sees the new tree
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", b"rebuilding, retry", send_body)
            return
        kind = content_type(path)
        if kind.startswith("text/html"):
            body = inject_client(body, self.server.mount.base_path, self.server.state.snapshot().generation)
        self._send(status, kind, body, send_body)

    def _not_found(self, out_dir: Path, send_body: bool) -> None:
        page = out_dir / "404.html"
        if page.is_file():
            self._send_file(HTTPStatus.NOT_FOUND, page, send_body)
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found", send_body)

    def _no_build_yet(self, send_body: bool) -> None:
        """No good build exists yet: a bare page whose client shows the error and reloads once fixed."""
        page = (b"<!doctype html><html><head><meta charset=\"utf-8\"><title>sitegen serve: waiting for a good build"
                b"</title></head><body><p>No successful build yet; fix the error and this page reloads.</p></body></html>")
        body = inject_client(page, self.server.mount.base_path, self.server.state.snapshot().generation)
        self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/html; charset=utf-8", body, send_body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _send(self, status: HTTPStatus, kind: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        # The preview changes under the browser's feet: never let it cache a page or asset.
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    # ------------------------------------------------------------------ live reload

    def _event_stream(self) -> None:
        """Server-sent events: ``hello`` with the current state, then ``reload`` or ``error`` per build."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = self.server.state
        current = state.snapshot()
        try:
            self._write_event("hello", hello_payload(current))
            while not current.stopping:
                newer = state.wait_for_change(current.version, KEEPALIVE_SECONDS)
                if newer.stopping:
                    break
                if newer.version == current.version:
                    self.wfile.write(b": keepalive\n\n")
                elif newer.error is not None and newer.generation == current.generation:
                    self._write_event("error", error_payload(newer))
                else:
                    self._write_event("reload", {"generation": newer.generation})
                self.wfile.flush()
                current = newer
        except (BrokenPipeError, ConnectionResetError):
            log.debug("event stream closed by the browser")

    def _write_event(self, name: str, payload: dict[str, object]) -> None:
        self.wfile.write(f"event: {name}\ndata: {json.dumps(payload)}\n\n".encode())
        self.wfile.flush()


def hello_payload(snapshot: Snapshot) -> dict[str, object]:
    return {"generation": snapshot.generation, **(error_payload(snapshot) if snapshot.error else {"error": None})}


def error_payload(snapshot: Snapshot) -> dict[str, object]:
    error = snapshot.error
    assert error is not None
    return {"generation": snapshot.generation, "error": error.text, "path": error.path, "line": error.line}


def resolve_inside(root: Path, rel: str) -> Path | None:
    """``root/rel`` if it stays inside ``root`` after resolving symlinks; None for any escape attempt."""
    if "\x00" in rel or "\\" in rel:
        return None
    parts = [part for part in rel.split("/") if part not in ("", ".")]
    if any(part == ".." for part in parts):
        return None
    real_root = root.resolve()
    candidate = real_root.joinpath(*parts).resolve() if parts else real_root
    if candidate != real_root and not candidate.is_relative_to(real_root):
        return None
    return candidate


def content_type(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".xml" and kind == "application/xml":
        kind = "application/xml"
    if kind.startswith("text/") or kind in ("application/javascript", "application/json", "application/xml"):
        kind += "; charset=utf-8"
    return kind


def inject_client(page: bytes, base_path: str, generation: int) -> bytes:
    """Add the reload client as an *external* script (so a CSP of ``script-src 'self'`` allows it)."""
    prefix = html.escape(posixpath.join(base_path, INTERNAL_PREFIX), quote=True)
    tag = (f'<script src="{prefix}reload.js" data-generation="{generation}" '
           f'data-events="{prefix}events" data-css="{prefix}overlay.css"></script>\n').encode()
    matches = list(BODY_END.finditer(page))
    if not matches:
        return page + tag
    at = matches[-1].start()
    return page[:at] + tag + page[at:]
