"""The dev server's HTTP side: base path mounting, traversal refusal, client injection, 404s."""
from __future__ import annotations

import http.client
import threading
from pathlib import Path
from typing import Iterator

import pytest

from sitegen.serve.server import DevHTTPServer, Mount, inject_client, resolve_inside
from sitegen.serve.state import LiveState

from conftest import HANG_GUARD


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """A build folder served under /proj/, plus a secret file beside it that must never be served."""
    out = tmp_path / "site"
    (out / "stories" / "one").mkdir(parents=True)
    (out / "index.html").write_text("<!doctype html><html><body><p>home</p></body></html>")
    (out / "stories" / "one" / "index.html").write_text("<html><body>story one</body></html>")
    (out / "404.html").write_text("<html><body>lost page</body></html>")
    (out / "feed.xml").write_text("<feed/>")
    (tmp_path / "secret.txt").write_text("do not serve")
    (out / "escape").symlink_to(tmp_path / "secret.txt")
    server = DevHTTPServer(("127.0.0.1", 0), Mount(out, "/proj/"), LiveState())
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1]), out
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HANG_GUARD)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_site_is_served_under_its_base_path_with_the_reload_client(served: tuple[int, Path]) -> None:
    port, _ = served
    status, headers, body = get(port, "/proj/stories/one/")
    assert status == 200
    assert b"story one" in body
    assert b'<script src="/proj/__sitegen/reload.js"' in body
    assert body.index(b"reload.js") < body.index(b"</body>")
    assert headers["Cache-Control"] == "no-store"


def test_root_and_bare_base_redirect_into_the_base_path(served: tuple[int, Path]) -> None:
    port, _ = served
    assert get(port, "/")[0] == 301 and get(port, "/")[1]["Location"] == "/proj/"
    assert get(port, "/proj")[1]["Location"] == "/proj/"
    assert get(port, "/proj/stories/one")[1]["Location"] == "/proj/stories/one/"
    status, _, body = get(port, "/stories/one/")
    assert status == 404 and b"/proj/" in body


@pytest.mark.parametrize("attack", [
    "/proj/..%2fsecret.txt", "/proj/..%2F..%2Fetc%2Fpasswd", "/proj/%2e%2e/secret.txt", "/proj/../secret.txt",
    "/proj/stories/..%2f..%2fsecret.txt", "/proj/escape", "/proj/..%5csecret.txt", "/proj/%00index.html",
])
def test_nothing_outside_the_build_folder_is_served(served: tuple[int, Path], attack: str) -> None:
    port, _ = served
    status, _, body = get(port, attack)
    assert status == 404
    assert b"do not serve" not in body
    assert b"lost page" in body  # the site's own 404 page


def test_non_html_is_not_injected_and_has_a_type(served: tuple[int, Path]) -> None:
    port, _ = served
    status, headers, body = get(port, "/proj/feed.xml")
    assert status == 200 and body == b"<feed/>"
    assert "xml" in headers["Content-Type"]


def test_client_assets_are_served_by_the_dev_server(served: tuple[int, Path]) -> None:
    port, _ = served
    status, headers, body = get(port, "/proj/__sitegen/reload.js")
    assert status == 200 and "javascript" in headers["Content-Type"] and b"EventSource" in body
    assert get(port, "/proj/__sitegen/overlay.css")[0] == 200
    assert get(port, "/proj/__sitegen/nothing")[0] == 404


def test_missing_build_folder_serves_a_waiting_page_with_the_client(served: tuple[int, Path]) -> None:
    port, out = served
    out.rename(out.with_name("moved"))
    status, _, body = get(port, "/proj/")
    assert status == 503 and b"reload.js" in body


def test_resolve_inside_refuses_escapes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    assert resolve_inside(tmp_path, "a") == (tmp_path / "a").resolve()
    assert resolve_inside(tmp_path, "") == tmp_path.resolve()
    assert resolve_inside(tmp_path, "a/../../x") is None
    assert resolve_inside(tmp_path, "..") is None


def test_injection_without_a_body_tag_appends() -> None:
    assert inject_client(b"<p>x</p>", "/", 3).startswith(b"<p>x</p><script src=\"/__sitegen/reload.js\" data-generation=\"3\"")
    page = inject_client(b"<body>a</BODY >", "/b/", 1)
    assert page.endswith(b"</BODY >") and b"/b/__sitegen/events" in page
