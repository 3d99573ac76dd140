"""Template override, sub-path links, Markdown options."""
from __future__ import annotations

import re
from pathlib import Path

from sitegen.build import build
from sitegen.cli import main
from sitegen.render.markdown import make_renderer


def new_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    assert main(["new", str(site)]) == 0
    return site


def test_site_template_overrides_and_extends_default(tmp_path: Path) -> None:
    site = new_site(tmp_path)
    (site / "templates" / "story.html").write_text(
        '{% extends "theme/story.html" %}{% block after_summary %}<p class="mine">Local note</p>{% endblock %}')
    build(site)
    page = next((site / "output" / "stories").glob("*/index.html")).read_text()
    assert '<p class="mine">Local note</p>' in page
    assert 'id="sources"' in page  # the rest of the default template still renders


def test_site_template_replaces_default(tmp_path: Path) -> None:
    site = new_site(tmp_path)
    (site / "templates" / "404.html").write_text("<p>custom missing page</p>")
    build(site)
    assert (site / "output" / "404.html").read_text() == "<p>custom missing page</p>"


def test_links_under_sub_path(tmp_path: Path) -> None:
    site = new_site(tmp_path)
    build(site, base_url="https://user.github.io/repo/")
    out = site / "output"
    for page in out.rglob("*.html"):
        text = page.read_text()
        for href in re.findall(r'(?:href|src)="([^"]+)"', text):
            if href.startswith("/"):
                assert href.startswith("/repo/"), (page, href)
            elif href.startswith("http"):
                continue
            else:
                assert href.startswith("#") or href == "story.json", (page, href)
    feed = (out / "feed.xml").read_text()
    assert "https://user.github.io/repo/stories/" in feed
    assert "Sitemap: https://user.github.io/repo/sitemap.xml" in (out / "robots.txt").read_text()


def test_markdown_features_and_raw_html_off() -> None:
    render = make_renderer(raw_html=False)
    html = render("## Key facts\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nNote[^1].\n\n[^1]: Footnote.\n\n"
                  "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n::: opinion\nMy view.\n:::\n")
    assert '<h2 id="key-facts"' in html
    assert "<table>" in html and 'class="footnote-ref"' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert '<aside class="opinion"' in html


def test_raw_html_on_is_sanitised() -> None:
    html = make_renderer(raw_html=True)('<p onclick="x()">hi</p><script>alert(1)</script><b>bold</b>')
    assert "<b>bold</b>" in html and "onclick" not in html and "<script" not in html


def test_raw_html_on_keeps_our_own_markup() -> None:
    html = make_renderer(raw_html=True)("## Heading\n\n::: opinion\nView.\n:::\n\n<i onmouseover=\"x()\">i</i>")
    assert '<h2 id="heading"' in html and '<aside class="opinion"' in html
    assert "onmouseover" not in html
