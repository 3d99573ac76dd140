"""The default theme as strings: every part of the story page, head tags, JSON-LD, escaping, CSP,
listings, search index, feed/sitemap validity and the link checker. Browser checks: test_browser_theme.py."""
from __future__ import annotations

import html as html_module
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitegen import linkcheck
from sitegen.render import search
from theme_fixture import HOSTILE, render_site

STORY = "stories/bridge-closure/index.html"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return render_site(tmp_path_factory.mktemp("site"))[1]


@pytest.fixture(scope="module")
def sub_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return render_site(tmp_path_factory.mktemp("sub"), "https://example.org/repo/")[1]


def text(files: dict[str, bytes], path: str) -> str:
    return files[path].decode("utf-8")


class Scripts(HTMLParser):
    """Collects <script> elements: (attributes, body)."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def scripts(html: str) -> list[tuple[dict[str, str | None], str]]:
    parser = Scripts()
    parser.feed(html)
    return parser.scripts


def test_story_page_shows_every_part(files: dict[str, bytes]) -> None:
    html = text(files, STORY)
    for needle in ("Local news", "Harbour bridge closes for repairs", "Six weeks of deck repairs",
                   "First reported", "Updated", "Overall confidence: medium", "Key points", "What's disputed",
                   "When the works start", "more likely", "First reported by <strong>Example Wire</strong>",
                   "2 independent lines", "anonymous sourcing", "attributes its reporting to", "Syndicated copies",
                   "Timeline", "Closure announced.", "Frequently asked questions", "When does the bridge close?",
                   "Editor's note", "<strong>contract</strong>", "Sources", "Ann Writer", "authority 70%",
                   "authority unrated", "follows", "syndicated", "Key points: ", 'href="/stories/bridge-closure/story.json"'):
        assert needle in html, needle
    for label in ("Confirmed", "Corroborated", "Single source", "Alleged", "Disputed"):
        assert f">{label}</span>" in html


def test_badges_are_focusable_and_described(files: dict[str, bytes]) -> None:
    html = text(files, STORY)
    badges = re.findall(r'<span class="badge badge-([a-z-]+)" tabindex="0" aria-describedby="(why-c\d)">', html)
    assert len(badges) == 5
    for _, target in badges:
        assert f'id="{target}"' in html


def test_citations_point_at_numbered_sources(files: dict[str, bytes]) -> None:
    html = text(files, STORY)
    targets = set(re.findall(r'class="cite" href="#(source-s\d)"', html))
    assert targets == {"source-s1", "source-s2", "source-s3"}
    assert all(f'id="{t}"' in html for t in targets)
    assert '>[3]</a>' in html


def test_hostile_text_is_escaped_everywhere(files: dict[str, bytes]) -> None:
    for path, content in files.items():
        if path.endswith(".html"):
            html = content.decode()
            assert "<script>alert(1)" not in html, path
            assert "<b>bold</b>" not in html, path
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in text(files, STORY)


def test_head_has_seo_social_and_feed_tags(files: dict[str, bytes]) -> None:
    html = text(files, STORY)
    assert "<title>Harbour bridge closes for repairs · Fixture News</title>" in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/stories/bridge-closure/">' in html
    assert '<meta property="og:title" content="Harbour bridge closes for repairs">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert '<meta name="description" content="Six weeks of deck repairs' in html
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_json_ld_parses_and_cites_the_sources(files: dict[str, bytes]) -> None:
    blocks = [json.loads(body) for attrs, body in scripts(text(files, STORY)) if attrs.get("type") == "application/ld+json"]
    kinds = {b["@type"]: b for b in blocks}
    article = kinds["NewsArticle"]
    assert article["headline"] == "Harbour bridge closes for repairs"
    assert article["datePublished"].startswith("2026-05-01") and article["dateModified"].startswith("2026-05-03")
    assert article["isBasedOn"] == ["https://examplewire.example/wire-bridge", "https://demodaily.example/daily-bridge"]
    assert [c["headline"] for c in article["citation"]][2] == HOSTILE  # round-trips exactly, yet escaped in HTML
    faq = kinds["FAQPage"]
    assert [q["name"] for q in faq["mainEntity"]] == ["When does the bridge close?", "What is not known?"]
    assert faq["mainEntity"][0]["acceptedAnswer"]["text"].startswith("On June 2")


def test_only_data_scripts_inline_and_csp_forbids_inline_script(files: dict[str, bytes]) -> None:
    for path, content in files.items():
        if not path.endswith(".html"):
            continue
        html = content.decode()
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert csp, path
        policy = html_module.unescape(csp.group(1))
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'" and "unsafe-inline" not in policy
        for attrs, body in scripts(html):
            assert attrs.get("src") or attrs.get("type") == "application/ld+json", (path, attrs)
            assert "<" not in body, path  # the jsonld filter escapes < > &


def test_article_page_links_original_and_story(files: dict[str, bytes]) -> None:
    html = text(files, "articles/wire-bridge/index.html")
    assert 'href="https://examplewire.example/wire-bridge"' in html and "Read the original" in html
    assert 'href="/stories/bridge-closure/"' in html
    assert '<aside class="opinion"' in html
    assert html.count("The bridge shuts on June 2") == 1  # body rendered once


def test_listing_pages_file_everything(files: dict[str, bytes]) -> None:
    outlet = text(files, "outlets/example-wire/index.html")
    assert "Harbour bridge to shut for six weeks" in outlet
    category = text(files, "categories/local-news/index.html")
    assert "Harbour bridge closes for repairs" in category and category.count('href="/articles/') == 3
    tags = text(files, "tags/index.html")
    assert 'href="/tags/bridges/"' in tags and 'href="/tags/transport/"' in tags
    assert "Sample Ledger" in text(files, "outlets/index.html")


def test_feed_is_atom_with_absolute_ids(files: dict[str, bytes]) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(files["feed.xml"])
    assert root.find("a:id", ns) is not None and root.find("a:updated", ns) is not None
    entries = root.findall("a:entry", ns)
    assert len(entries) == 1
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert entry.find(f"a:{tag}", ns) is not None, tag
        assert entry.find("a:id", ns).text == "http://127.0.0.1:8000/stories/bridge-closure/"  # type: ignore[union-attr]


@pytest.mark.parametrize("fixture", ["files", "sub_files"])
def test_every_sitemap_and_feed_url_resolves(fixture: str, request: pytest.FixtureRequest) -> None:
    site_files: dict[str, bytes] = request.getfixturevalue(fixture)
    base = "https://example.org/repo/" if fixture == "sub_files" else "http://127.0.0.1:8000/"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "a": "http://www.w3.org/2005/Atom"}
    urls = [e.text for e in ET.fromstring(site_files["sitemap.xml"]).iter(f"{{{ns['s']}}}loc")]
    urls += [e.get("href") for e in ET.fromstring(site_files["feed.xml"]).iter(f"{{{ns['a']}}}link")]
    assert len(urls) > 10
    assert all(u.find(f"{{{ns['s']}}}lastmod") is not None for u in ET.fromstring(site_files["sitemap.xml"]))
    for url in urls:
        assert url and url.startswith(base), url
        rel = urlsplit(url).path[len(urlsplit(base).path):]
        assert (rel + "index.html" if rel.endswith("/") or not rel else rel) in site_files, url
    assert f"Sitemap: {base}sitemap.xml" in site_files["robots.txt"].decode()


def test_sub_path_site_has_no_broken_links(sub_files: dict[str, bytes]) -> None:
    assert linkcheck.check_files(sub_files, "https://example.org/repo/") == []
    assert 'href="/repo/static/style.css"' in sub_files[STORY].decode()


def test_link_checker_finds_broken_links_assets_and_fragments(files: dict[str, bytes]) -> None:
    broken = dict(files)
    broken["extra.html"] = (b'<a href="/articles/nope/">a</a><img src="static/missing.png">'
                            b'<a href="/stories/bridge-closure/#no-such-id">f</a><a href="https://x.example/">ok</a>'
                            b'<a href="#here">self</a><p id="here"></p>')
    broken["static/extra.css"] = b"body { background: url('../static/gone.png'); }"
    found = {(b.page, b.target) for b in linkcheck.check_files(broken, "http://127.0.0.1:8000/")}
    assert found == {("extra.html", "/articles/nope/"), ("extra.html", "static/missing.png"),
                     ("extra.html", "/stories/bridge-closure/#no-such-id"), ("static/extra.css", "../static/gone.png")}


def test_link_checker_rejects_links_outside_the_sub_path(sub_files: dict[str, bytes]) -> None:
    broken = dict(sub_files)
    broken["x.html"] = b'<a href="/stories/bridge-closure/">escapes /repo/</a>'
    assert [b.target for b in linkcheck.check_files(broken, "https://example.org/repo/")] == ["/stories/bridge-closure/"]


def test_search_index_finds_words_by_prefix(files: dict[str, bytes]) -> None:
    index = json.loads(files["search/docs.json"])
    docs, shards = index["docs"], set(index["shards"])
    name = search.shard_name("ferry")
    assert name in shards
    postings = json.loads(files[f"search/t/{name}.json"])
    hits = {docs[i][0] for word, ids in postings.items() if word.startswith("fer") for i in ids}
    assert "stories/bridge-closure/" in hits
    assert all(f"search/t/{s}.json" in files for s in shards)
    the_shard = files.get(f"search/t/{search.shard_name('the')}.json", b"{}")
    assert "the" not in json.loads(the_shard) and "the" in search.STOP_WORDS


def test_site_template_overrides_and_extends_the_theme(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "index.html").write_text(
        '{% extends "theme/index.html" %}{% block content %}<p id="custom">Hello</p>{{ super() }}{% endblock %}')
    index = render_site(tmp_path)[1]["index.html"].decode()
    assert '<p id="custom">Hello</p>' in index and "Harbour bridge closes for repairs" in index
