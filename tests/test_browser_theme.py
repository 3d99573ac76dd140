"""The default theme in headless Chromium, served under a sub-path (/repo/) from a local server whose root is
one level up, as on GitHub Pages: every page type loads clean at phone and desktop sizes, axe-core finds no
WCAG 2.1 A/AA violation, badges explain themselves to the keyboard, search finds the Alibaba story.

Screenshots of the demo story go to docs/ when SITEGEN_SCREENSHOTS=docs, else to a temp folder.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest

from sitegen import linkcheck
from sitegen.build import build
from theme_fixture import write_site

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"mobile": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 800}}
DEMO_STORY = "repo/stories/alibaba-claude-code-ban/"
PAGES = {
    "index": "repo/",
    "story": DEMO_STORY,
    "article": "repo/articles/logicity-alibaba-claude-code-backdoor-risks/",
    "category": "repo/categories/technology/",
    "tag": "repo/tags/qoder/",
    "outlet": "repo/outlets/logicity/",
    "outlets": "repo/outlets/",
    "search": "repo/search/?q=claude",
    "404": "repo/404.html",
    "fixture-story": "fix/stories/bridge-closure/",
    "fixture-article": "fix/articles/ledger-bridge/",
}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def audit(page: Any) -> list[Any]:
    """axe-core's WCAG 2.1 A/AA violations on the page (id, help, first targets); fails if axe did not run."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    assert result["passes"]  # axe really ran
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@dataclass(frozen=True, slots=True)
class Served:
    root: Path  # the server's root: demo output in repo/, the fixture story's in fix/
    origin: str  # http://127.0.0.1:PORT/

    def url(self, path: str) -> str:
        return self.origin + path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    work = tmp_path_factory.mktemp("browser")
    root = work / "www"
    root.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    site = work / "demo"
    site.mkdir()
    shutil.copy(REPO / "config.yml", site / "config.yml")
    shutil.copytree(REPO / "content", site / "content")
    build(site, root / "repo", base_url=origin + "repo/")
    write_site(work, root / "fix", base_url=origin + "fix/")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(root, origin)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class PageWatch:
    """Console errors and failed requests of one page."""

    def __init__(self, page: Any) -> None:
        self.problems: list[str] = []
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        # net::ERR_ABORTED: a request still in flight when the test navigated away (a favicon, a search
        # shard under load), which says nothing about the page
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} {r.failure}")
                if r.failure != "net::ERR_ABORTED" else None)
        page.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)


def screenshot_dir(tmp_path: Path) -> Path:
    return REPO / "docs" if os.environ.get("SITEGEN_SCREENSHOTS") == "docs" else tmp_path


def test_demo_output_has_no_broken_links_under_the_sub_path(served: Served) -> None:
    assert linkcheck.check_dir(served.root / "repo", served.origin + "repo/") == []
    assert linkcheck.check_dir(served.root / "fix", served.origin + "fix/") == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_type_loads_clean(browser: Any, served: Served, viewport: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    try:
        for name, path in PAGES.items():
            page = context.new_page()
            watch = PageWatch(page)
            response = page.goto(served.url(path))
            assert response is not None and response.status == 200, (name, path)
            if name == "search":  # its index requests come after load
                page.locator("#search-results ol").wait_for()  # (Playwright's own 30 s guard)
            assert page.title(), name
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS[viewport]["width"], f"{name} scrolls sideways at {viewport}: {width}px"
            if name == "story":
                page.screenshot(path=str(screenshot_dir(tmp_path) / f"story-{viewport}.png"))
            assert watch.problems == [], (name, watch.problems)
            page.close()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violations(browser: Any, served: Served, scheme: str) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core not installed at {AXE} (run: npm install in the repository root)")
    # Injecting axe is an inline script, which the site's own CSP rightly forbids: bypass it for the audit only.
    context = browser.new_context(bypass_csp=True, color_scheme=scheme, viewport=VIEWPORTS["desktop"])
    try:
        names = ("index", "story", "article", "fixture-story", "search", "outlet") if scheme == "light" else (
            "index", "story", "article")
        for name in names:
            page = context.new_page()
            page.goto(served.url(PAGES[name]))
            violations = audit(page)
            assert violations == [], (name, scheme, violations)
            page.close()
    finally:
        context.close()


def test_tab_reaches_every_badge_and_its_reason(browser: Any, served: Served) -> None:
    page = browser.new_page()
    try:
        page.goto(served.url(PAGES["fixture-story"]))
        total = page.locator(".badge").count()
        assert total == 5
        reached: dict[str, str] = {}
        for _ in range(200):
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => {
                const el = document.activeElement;
                if (!el || !el.classList.contains('badge')) return null;
                const why = document.getElementById(el.getAttribute('aria-describedby'));
                return [el.textContent.trim(), why ? why.textContent.trim() : ''];
            }""")
            if focused:
                reached[focused[0]] = focused[1]
            if len(reached) == total:
                break
        assert set(reached) == {"Confirmed", "Corroborated", "Single source", "Alleged", "Disputed"}
        assert reached["Single source"] == "Only Example Wire reports it."
        assert all(reached.values())
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"  # visible focus
    finally:
        page.close()


def test_search_for_qoder_finds_the_alibaba_story(browser: Any, served: Served) -> None:
    page = browser.new_page()
    watch = PageWatch(page)
    try:
        page.goto(served.url("repo/search/"))
        page.fill("#search-q", "Qoder")
        link = page.locator("#search-results a[href='/repo/stories/alibaba-claude-code-ban/']")
        link.wait_for()
        assert "Alibaba" in link.inner_text()
        link.click()
        page.wait_for_url(served.url(DEMO_STORY))
        assert "Alibaba" in page.locator("h1").inner_text()
        page.goto(served.url("repo/search/?q=qod"))  # a word's beginning is enough, and ?q= works
        page.locator("#search-results a[href='/repo/stories/alibaba-claude-code-ban/']").wait_for()
        page.fill("#search-q", "zzzqqq")
        page.locator("#search-results", has_text="0 results").wait_for()
        assert watch.problems == []
    finally:
        page.close()


def test_search_without_javascript_offers_fallback_links(browser: Any, served: Served) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served.url("repo/search/"))
        fallback = page.locator("noscript").first.inner_html()
        assert 'href="/repo/categories/"' in fallback and 'href="/repo/"' in fallback
        assert page.locator("h1").inner_text() == "Search"
    finally:
        context.close()
