"""Output safety: nothing is written outside the output dir, a failed write leaves the old output whole,
the dev server serves only the build dir and binds 127.0.0.1, ingest never overwrites without --force."""
from __future__ import annotations

import http.client
import os
import signal
from pathlib import Path
from typing import Iterator

import pytest

from sitegen import output
from sitegen.build import build
from sitegen.cli import main
from sitegen.errors import SitegenError
from sitegen.model import Page

from conftest import HANG_GUARD
from serve_process import ServeProcess
from test_hostile_content import article, leftovers, make_site, snapshot, write

ESCAPES = ["../evil.html", "../../etc/passwd", "/etc/passwd", "a/../../b.html", "a/../..", "..", "",
           "C:evil.html", "C:/evil.html", "a\\..\\..\\evil.html", "\\\\server\\share\\x.html"]


@pytest.mark.parametrize("path", ESCAPES)
def test_safe_relative_refuses_escapes(path: str) -> None:
    with pytest.raises(SitegenError, match="outside the output folder"):
        output.safe_relative(path)


@pytest.mark.parametrize("path", ["index.html", "stories/a/index.html", "static/style.css", "a..b/c.html",
                                  "tags/%2e%2e/index.html"])
def test_safe_relative_allows_ordinary_paths(path: str) -> None:
    assert output.safe_relative(path).as_posix() == path


@pytest.mark.parametrize("path", ESCAPES[:5])
def test_write_with_escaping_page_writes_nothing_anywhere(path: str, tmp_path: Path) -> None:
    out = tmp_path / "box" / "output"
    output.write([Page("index.html", b"old")], out)
    before_box = snapshot(tmp_path)
    with pytest.raises(SitegenError):
        output.write([Page("index.html", b"new"), Page(path, b"pwned")], out)
    assert snapshot(tmp_path) == before_box  # nothing outside, nothing half-swapped, no staging left


def test_failure_in_the_middle_of_writing_keeps_old_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path, articles={f"a{i}.md": article(f"title: Article {i}") for i in range(5)})
    build(site)
    before = snapshot(site / "output")
    real_open = os.open

    def failing_open(file: str, flags: int, *args: object, **kwargs: object) -> int:
        # fails by page, not by call count: pages may be written in forked worker processes
        if str(file).endswith(os.path.join("a0", "index.html")) and flags & os.O_WRONLY:
            raise OSError(28, "No space left on device")
        return real_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", failing_open)  # pages are written with os.open (sitegen.output.write_file)
    write(site / "content" / "articles" / "a0.md", article("title: Changed title"))
    with pytest.raises(Exception, match="No space left"):
        build(site)
    monkeypatch.undo()
    assert snapshot(site / "output") == before
    assert leftovers(site) == []


def test_out_dir_that_holds_the_site_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    for target in (site, site / "content", site.parent):
        with pytest.raises(SitegenError, match="refusing"):
            build(site, target)
    assert (site / "content" / "articles" / "good.md").is_file()


def test_static_symlink_outside_site_is_not_published(tmp_path: Path) -> None:
    secret = tmp_path / "private" / "secret.txt"
    write(secret, "private key material")
    site = make_site(tmp_path)
    os.symlink(secret, site / "static" / "leak.txt")
    try:
        build(site)
    except SitegenError as exc:  # refusing with a clear message is fine too
        assert "symlink" in exc.message and exc.path and exc.path.endswith("leak.txt")
        return
    published = site / "output" / "static" / "leak.txt"
    assert not published.exists() or b"private key material" not in published.read_bytes()


# --------------------------------------------------------------------------- dev server

@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[tuple[str, int, Path]]:
    site = make_site(tmp_path)
    write(tmp_path / "secret.txt", "outside the build dir")
    write(site / "content" / "articles" / "note.md", article("title: Note"))
    serve = ServeProcess.ready(site, "-v")
    try:
        yield "127.0.0.1", serve.port, site
    finally:
        serve.stop(signal.SIGTERM)


def raw_get(host: str, port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=HANG_GUARD)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


TRAVERSALS = ["/../secret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt",
              "/static/..%2f..%2fsecret.txt", "/static/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt",
              "/%252e%252e%252fsecret.txt", "/....//secret.txt", "//secret.txt", "/static/../../secret.txt",
              "/%2e%2e%2f%2e%2e%2fcontent/articles/good.md", "/..%2fconfig.yml", "/%00/../secret.txt",
              "/static/%c0%ae%c0%ae/secret.txt"]


def test_dev_server_serves_only_the_build_dir(dev_server: tuple[str, int, Path]) -> None:
    host, port, _site = dev_server
    status, body = raw_get(host, port, "/")
    assert status == 200 and b"<html" in body.lower()
    for path in TRAVERSALS:
        status, body = raw_get(host, port, path)
        assert b"outside the build dir" not in body and b"title: Harbour" not in body, path
        assert b"base_url" not in body, path
        assert status in (400, 403, 404), (path, status)


def test_dev_server_binds_loopback_by_default(dev_server: tuple[str, int, Path]) -> None:
    _host, port, _site = dev_server
    import socket

    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    addresses.discard("127.0.0.1")
    for address in addresses:
        if address.startswith("127."):
            continue
        with socket.socket() as sock:
            sock.settimeout(1)
            assert sock.connect_ex((address, port)) != 0, f"serve answered on {address}"


# --------------------------------------------------------------------------- ingest

def test_ingest_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, articles={})
    raw = tmp_path / "raw.txt"
    raw.write_text("Bridge closes for repairs\n\nThe bridge closes on Monday for two weeks, the council said.\n",
                   encoding="utf-8")
    assert main(["ingest", str(raw), "--site", str(site), "-q"]) == 0
    written = sorted((site / "content" / "articles").glob("*.md"))
    assert len(written) == 1
    original = written[0].read_bytes()
    raw.write_text("Bridge closes for repairs\n\nA different body entirely, longer than before.\n",
                   encoding="utf-8")
    code = main(["ingest", str(raw), "--site", str(site), "-q"])
    assert code == 1
    assert "--force" in capsys.readouterr().err
    assert written[0].read_bytes() == original
    assert main(["ingest", str(raw), "--site", str(site), "-q", "--force"]) == 0
    assert written[0].read_bytes() != original
