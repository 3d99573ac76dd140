"""Headless Chromium against `sitegen serve`: an edit on disk shows in the open page with no manual
reload; a broken template shows the overlay naming file and line; fixing it recovers. How fast the edit
shows is a figure of bench/run.py (edit to served page), not a wall-clock assertion here: a 2 s limit
failed under a loaded machine while the reload itself was right.
The site uses a sub-path base_url, so the page is served under /proj/ as it would be in production."""
from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from sitegen.commands.new import scaffold
from sitegen.serve import Debounce, Preview, ServeOptions

from conftest import HANG_GUARD

pytestmark = pytest.mark.browser

ARTICLE = Path("content/articles/example-wire-first-report.md")
STORY_PATH = "stories/harbour-bridge-repairs/"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    site = tmp_path / "site"
    scaffold(site)
    config = site / "config.yml"
    config.write_text(re.sub(r"(?m)^base_url: .*$", "base_url: https://someone.github.io/proj/", config.read_text()))
    with Preview(ServeOptions(site, port=0, debounce=Debounce(quiet=0.1, max_wait=0.8))) as live:
        live.start()
        live.watch_in_background()
        yield live


def wait_for_text(page: Any, text: str, timeout: float) -> float:
    """Seconds until ``text`` is in the page's visible text (fails after ``timeout``)."""
    started = time.perf_counter()
    page.wait_for_function("t => document.body && document.body.innerText.includes(t)", arg=text,
                           timeout=timeout * 1000)
    return time.perf_counter() - started


def test_edit_reloads_open_page_and_template_error_overlay_recovers(browser: Any, preview: Preview) -> None:
    site = preview.site_root
    page = browser.new_page()
    console_errors: list[str] = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    try:
        assert preview.url.endswith("/proj/")
        # the event stream answering (its headers and first event) means the page will hear of the next build
        with page.expect_response(lambda response: "__sitegen/events" in response.url, timeout=HANG_GUARD * 1000):
            page.goto(preview.url + STORY_PATH)
        assert "Harbour bridge" in page.inner_text("body")

        article = site / ARTICLE
        article.write_text(article.read_text().replace("Harbour bridge to close for two weeks of repairs",
                                                       "Harbour bridge shut for a fortnight of tangerine repairs"))
        latency = wait_for_text(page, "tangerine repairs", HANG_GUARD)
        print(f"\nreload latency after the write: {latency:.2f}s")
        assert page.url.endswith("/proj/" + STORY_PATH)

        broken = site / "templates" / "story.html"
        broken.write_text('{% extends "theme/story.html" %}\n{% block content %}\n{% for x in %}\n{% endblock %}\n')
        overlay = page.locator("#sitegen-error-overlay")
        overlay.wait_for(state="visible", timeout=HANG_GUARD * 1000)
        assert re.match(r"templates/story\.html:3: template syntax error", overlay.locator("pre").inner_text())
        assert "tangerine repairs" in page.inner_text("body")  # the last good page stays under the overlay
        assert overlay.evaluate("e => getComputedStyle(e).position") == "fixed"  # overlay.css loaded under CSP

        broken.write_text('{% extends "theme/story.html" %}\n')
        overlay.wait_for(state="detached", timeout=HANG_GUARD * 1000)
        wait_for_text(page, "tangerine repairs", HANG_GUARD)
        assert not [text for text in console_errors if "Content Security Policy" in text]
    finally:
        page.close()
