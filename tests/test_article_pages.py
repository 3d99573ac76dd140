"""article_pages (issue 19): an ingested article's page quotes, it does not copy. The default `excerpt` page
shows the lede (<= 60 words), the claims the article supports with its own short quotes, and its role, with a
canonical link to the original; the sitemap and the search index hold nothing of the rest of its text.
`full` shows the whole text (a site that owns its articles); `none` writes no article page at all."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.model import QUOTE_WORDS
from sitegen.render.excerpt import EXCERPT_WORDS, lede

# Our own words. The ninth paragraph's marker sentence stands for "the rest of the article".
DEEP = "Engineers measured the eastern cable anchors at minus four millimetres of drift."
PARAGRAPHS = [
    "The harbour bridge will close for six weeks from June 2 while crews replace the deck, the city council "
    "said on Tuesday. Drivers will be sent over the inland ring road, and a temporary ferry will carry cyclists "
    "and pedestrians between the two piers every twenty minutes from early morning until late evening.",
    "The council approved the repair contract last month after an inspection found corroded joints.",
    "## What changes for commuters",
    "- Buses follow the ring road.\n- The ferry is free.",
] + [f"Paragraph {n} adds detail on the works schedule, the contractors and the night shifts." for n in range(4)] + [
    DEEP + " The figure is within tolerance, the inspectors said.",
    "A second inspection is planned for the autumn.",
]
BODY = "\n\n".join(PARAGRAPHS)


def article(outlet: str, day: int, lead: str) -> str:
    return (f"---\ntitle: Harbour bridge to close for repairs ({outlet})\noutlet: {outlet}\n"
            f"url: https://{outlet.lower().replace(' ', '')}.example/bridge\npublished: 2026-05-{day:02d}T09:00:00Z\n"
            f"author: A. Reporter\nstory: harbour-bridge\n---\n{lead}\n\n{BODY}\n")


def make_site(root: Path, mode: str | None) -> Path:
    site = root / "site"
    (site / "content" / "articles").mkdir(parents=True)
    setting = f"article_pages: {mode}\n" if mode else ""
    (site / "config.yml").write_text(f"title: Quotes\nbase_url: https://news.example/proj/\n{setting}", "utf-8")
    for n, outlet in enumerate(("Example Wire", "Sample Ledger", "Demo Daily"), 1):
        (site / "content" / "articles" / f"bridge-{n}.md").write_text(
            article(outlet, n, f"{outlet} reports that the harbour bridge closes on June 2 for six weeks."), "utf-8")
    build(site, jobs=1)
    return site / "output"


def text_of(out: Path, rel: str) -> str:
    return (out / rel).read_text("utf-8")


def every_search_file(out: Path) -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted((out / "search").rglob("*.json")))


def test_the_lede_is_at_most_sixty_words_and_ends_at_a_sentence() -> None:
    excerpt = lede(BODY)
    assert len(excerpt.split()) <= EXCERPT_WORDS
    assert excerpt.startswith("The harbour bridge will close") and excerpt.endswith(".")
    assert DEEP not in excerpt and "##" not in excerpt and "Buses" not in excerpt
    assert lede("[A link](https://x.example) and **bold** text.") == "A link and bold text."
    assert lede(" ".join(["word"] * 200)).endswith("…") and len(lede(" ".join(["word"] * 200)).split()) == 61


def test_default_pages_are_excerpts_with_canonical_original_and_no_full_text_elsewhere(tmp_path: Path) -> None:
    out = make_site(tmp_path, None)
    page = text_of(out, "articles/bridge-1/index.html")
    main = page[page.index("<main"):page.index("</main>")]
    assert DEEP not in page and "second inspection" not in page
    assert '<link rel="canonical" href="https://examplewire.example/bridge">' in page
    assert 'class="original"' in main and 'href="https://examplewire.example/bridge"' in main
    assert "A. Reporter" in main and "Example Wire" in main and "<time" in main
    excerpt = re.search(r'<section class="excerpt".*?<blockquote><p>(.*?)</p>', main, re.S).group(1)
    assert 0 < len(excerpt.split()) <= EXCERPT_WORDS
    assert 'class="supports"' in main and "#claim-" in main  # the claims it supports, linked to the story
    assert re.search(r'role-(original|follows|syndicated|aggregator)', main)
    sitemap = text_of(out, "sitemap.xml")
    assert "/articles/" not in sitemap and "/stories/harbour-bridge/" in sitemap
    index = every_search_file(out)
    assert "drift" not in index and "tolerance" not in index and "autumn" not in index
    assert '"articles/bridge-1/"' in index  # the excerpt page itself is found
    story = json.loads(text_of(out, "stories/harbour-bridge/story.json"))
    for claim in story["claims"]:
        for quote in claim["quotes"]:
            assert len(quote["text"].split()) <= QUOTE_WORDS + 1
    assert BODY.split("\n\n")[0] not in json.dumps(story)  # never a whole paragraph, let alone the body


def test_full_restores_the_whole_text(tmp_path: Path) -> None:
    out = make_site(tmp_path, "full")
    page = text_of(out, "articles/bridge-1/index.html")
    assert DEEP in page and "second inspection is planned" in page
    assert '<link rel="canonical" href="https://news.example/proj/articles/bridge-1/">' in page
    assert "https://news.example/proj/articles/bridge-1/" in text_of(out, "sitemap.xml")
    assert "drift" in every_search_file(out)


def test_none_writes_no_article_page_and_nothing_links_to_one(tmp_path: Path) -> None:
    out = make_site(tmp_path, "none")
    assert not (out / "articles").exists()
    for page in out.rglob("*"):
        if page.suffix in (".html", ".xml", ".json"):
            assert "articles/" not in page.read_text("utf-8"), page
    docs = json.loads(text_of(out, "search/docs.json"))["docs"]
    assert docs and {kind for _, _, kind, _ in docs} == {"story"}
    story = text_of(out, "stories/harbour-bridge/index.html")
    assert 'href="https://examplewire.example/bridge"' in story  # the sources list links to the originals


@pytest.mark.parametrize("mode", ["excerpt", "none"])
def test_incremental_builds_equal_clean_ones(tmp_path: Path, mode: str) -> None:
    out = make_site(tmp_path, mode)
    site = out.parent
    path = site / "content" / "articles" / "bridge-2.md"
    path.write_text(path.read_text("utf-8").replace("six weeks.", "six weeks, the ledger says."), "utf-8")
    build(site, jobs=1)
    incremental = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    build(site, jobs=1, clean=True)
    clean = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert incremental == clean
