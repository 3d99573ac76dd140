"""Every page of the built XSS corpus loaded in headless Chromium: no payload script runs, no dialog opens."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Iterator

import pytest

from conftest import HANG_GUARD
from test_xss_static import build_corpus, html_pages

pytestmark = pytest.mark.browser

DANGEROUS_LINKS = ("() => [...document.querySelectorAll('a[href], area[href], iframe, object, embed')]"
                   ".map(e => e.href || e.src || e.data || '').filter(h => /^(javascript|data|vbscript):/i.test(h))")
PWNED = "() => window.__pwned === undefined && !window.parent.__pwned ? null : String(window.__pwned)"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module", params=[False, True], ids=["raw-html-off", "raw-html-on"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    out = build_corpus(tmp_path_factory.mktemp("xss-browser") / "output", raw_html=request.param)
    # a control page proves the hook notices a script that does run
    (out / "control.html").write_text("<!doctype html><script>window.__pwned='control'</script><p>x</p>")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", out
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def visit(browser: object, url: str) -> tuple[str | None, list[str]]:
    """Load ``url``, poke it the way a reader would (hover, focus, scroll), return (pwned marker, dialogs)."""
    context = browser.new_context(java_script_enabled=True)  # type: ignore[attr-defined]
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: object) -> None:
        dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", on_dialog)
    try:
        page.goto(url, wait_until="load", timeout=HANG_GUARD * 1000)
        page.mouse.move(200, 200)
        page.keyboard.press("Tab")
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
        # two rendered frames: what the hover, focus and scroll queued (handlers, lazy loads) has run
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        marker = page.evaluate(PWNED)
        bad_links = page.evaluate(DANGEROUS_LINKS)
        assert bad_links == [], f"{url}: dangerous links in the DOM: {bad_links}"
        return marker, dialogs
    finally:
        context.close()


def test_the_hook_sees_a_script_that_runs(browser: object, served: tuple[str, Path]) -> None:
    base, _out = served
    marker, _dialogs = visit(browser, base + "control.html")
    assert marker == "control"


def test_no_content_script_runs_on_any_page(browser: object, served: tuple[str, Path]) -> None:
    base, out = served
    pages = html_pages(out)
    failures = []
    for path in pages:
        if path.name == "control.html":
            continue
        url = base + path.relative_to(out).as_posix()
        marker, dialogs = visit(browser, url)
        if marker is not None or dialogs:
            failures.append(f"{url}: __pwned={marker!r} dialogs={dialogs}")
    assert failures == []
    assert len(pages) >= 5
