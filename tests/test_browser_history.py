"""The demo story's Updates section and correction in headless Chromium: the correction sits atop the page,
updates come newest first with the earlier ones folded behind a keyboard-operable summary, and axe-core finds
no WCAG 2.1 A/AA violation with the fold closed or open, in light and dark."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

import pytest

from sitegen.build import build
from test_browser_theme import AXE, PageWatch, QuietHandler, audit

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
STORY = "stories/alibaba-claude-code-ban/"


@pytest.fixture(scope="module")
def story_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("history-browser")
    site, root = work / "demo", work / "www"
    site.mkdir()
    root.mkdir()
    shutil.copy(REPO / "config.yml", site / "config.yml")
    shutil.copytree(REPO / "content", site / "content")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    build(site, root / "news", base_url=origin + "news/")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield origin + "news/" + STORY
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_updates_and_correction_read_in_order_and_the_fold_opens_by_keyboard(browser: Any, story_url: str) -> None:
    page = browser.new_page()
    watch = PageWatch(page)
    try:
        page.goto(story_url)
        correction = page.locator("#corrections")
        assert correction.is_visible() and "July 10, 2026" in correction.inner_text()
        tops = page.evaluate("""() => ['#corrections', '#updates', '#key-points'].map(
            s => document.querySelector(s).getBoundingClientRect().top)""")
        assert tops == sorted(tops), tops  # the correction first, then the updates, then the key points
        assert page.get_by_role("heading", name="Updates").is_visible()
        shown = page.locator("#updates > ol.updates > li > time").evaluate_all("els => els.map(e => e.dateTime)")
        assert shown and [datetime.fromisoformat(t) for t in shown] == sorted(
            (datetime.fromisoformat(t) for t in shown), reverse=True)
        assert page.locator("#updates > ol.updates li.update").count() == 4
        assert "Correction" in page.locator("#updates li.update").first.inner_text()
        earlier = page.locator("#updates details li.update")
        assert earlier.count() > 0 and not earlier.first.is_visible()  # folded
        summary = page.locator("#updates details summary")
        assert "Earlier updates" in summary.inner_text()
        summary.focus()
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        page.keyboard.press("Enter")
        earlier.first.wait_for(state="visible", timeout=5000)
        assert "First published" in page.locator("#updates details li.update").last.inner_text()
        assert watch.problems == []
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_with_the_fold_closed_or_open(browser: Any, story_url: str, scheme: str) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core not installed at {AXE} (run: npm install in the repository root)")
    context = browser.new_context(bypass_csp=True, color_scheme=scheme, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(story_url)
        assert audit(page) == []
        page.locator("#updates details summary").click()
        page.locator("#updates details li.update").first.wait_for(state="visible", timeout=5000)
        assert audit(page) == []
    finally:
        context.close()
