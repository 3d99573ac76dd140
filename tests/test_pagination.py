"""Listings are paged (config page_size) and the feed holds the newest stories (config feed_size); an edit
re-renders only the pages of the listings it changes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_incremental_build import check, edit, make_site, mtimes

pytestmark = pytest.mark.usefixtures("steady_code")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = make_site(tmp_path)
    config = site / "config.yml"
    config.write_text(config.read_text("utf-8") + "page_size: 2\nfeed_size: 1\n", "utf-8")
    return site


def test_listings_are_paged_with_links_both_ways(site: Path, tmp_path: Path) -> None:
    check(site, tmp_path)
    out = site / "output"
    # 6 Business articles, 2 per page: pages 1..3 of the category
    first = (out / "categories" / "business" / "index.html").read_text("utf-8")
    second = (out / "categories" / "business" / "page" / "2" / "index.html").read_text("utf-8")
    third = (out / "categories" / "business" / "page" / "3" / "index.html").read_text("utf-8")
    assert not (out / "categories" / "business" / "page" / "4").exists()
    assert "Page 1 of 3" in first and 'rel="next"' in first and 'rel="prev"' not in first
    assert 'href="/categories/business/page/3/" rel="next"' in second and 'href="/categories/business/" rel="prev"' in second
    assert 'rel="next"' not in third and "<title>Business · page 3" in third
    listed = [re.findall(r'href="/articles/([^/"]+)/"', page) for page in (first, second, third)]
    assert [len(names) for names in listed] == [2, 2, 2]
    assert len({name for names in listed for name in names}) == 6  # each article on exactly one page
    home = (out / "index.html").read_text("utf-8")
    assert "Page" not in home.split("</ol>")[1].split("</main>")[0]  # 2 stories fit on one home page
    feed = (out / "feed.xml").read_text("utf-8")
    assert feed.count("<entry>") == 1


def test_an_edit_rewrites_only_the_page_that_lists_it(site: Path, tmp_path: Path) -> None:
    check(site, tmp_path)
    before = mtimes(site / "output")
    edit(site / "content" / "articles" / "piece-5.md", lambda t: t.replace("Piece number 5", "Piece number five"))
    check(site, tmp_path)
    after = mtimes(site / "output")
    changed = {path for path in after if before.get(path) != after[path]}
    pages = [p for p in after if p.startswith("categories/business/")]
    assert len(pages) == 3
    holding = [p for p in pages if "piece-5" in (site / "output" / p).read_text("utf-8")]
    assert len(holding) == 1 and holding[0] in changed
    assert [p for p in pages if p in changed] == holding
