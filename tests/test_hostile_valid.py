"""Awkward but valid input must build: BOM and CRLF, big files, 10,000 tags, non-Latin titles and file names,
symlinks that stay inside the site. Site helpers come from test_hostile_content."""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

from sitegen.build import build
from test_hostile_content import CONFIG, article, make_site, write


def varied_text(size: int, seed: int = 8) -> str:
    """Markdown paragraphs of made-up words (varied like real prose, unlike one sentence repeated)."""
    import random

    rng = random.Random(seed)
    vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9))) for _ in range(5000)]
    paragraphs = []
    total = 0
    while total < size:
        sentences = [" ".join(rng.choice(vocab) for _ in range(12)).capitalize() + "." for _ in range(5)]
        paragraphs.append(" ".join(sentences))
        total += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs) + "\n"


def test_large_but_allowed_article_builds(tmp_path: Path) -> None:
    body = varied_text(512 * 1024)  # 512 KB: five times a very long real article
    site = make_site(tmp_path, articles={"long.md": article("title: A long one", body=body)})
    started = time.perf_counter()
    build(site)
    assert time.perf_counter() - started < 15
    page = (site / "output" / "articles" / "long" / "index.html").read_text(encoding="utf-8")
    assert page.count("<p>") >= body.count("\n\n")


def test_ten_thousand_tags_build(tmp_path: Path) -> None:
    tags = ", ".join(f"tag-{i}" for i in range(10_000))
    site = make_site(tmp_path, articles={"tagged.md": article("title: Many tags", f"tags: [{tags}]")})
    started = time.perf_counter()
    result = build(site)
    assert time.perf_counter() - started < 30  # 10,000 tag pages are written too
    assert result.articles == 1
    from sitegen import config as config_stage, content
    from sitegen.errors import Diagnostics

    loaded = content.load(config_stage.load(site), Diagnostics())
    assert len(loaded.articles[0].tags) == 10_000


def test_bom_and_crlf_article_and_config_work(tmp_path: Path) -> None:
    text = article("title: Windows saved this", "outlet: Example Wire", "tags: [a, b]",
                   body="First line.\n\n## A heading\n\nSecond paragraph.\n")
    site = make_site(tmp_path, articles={"windows.md": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()},
                     config=b"\xef\xbb\xbf" + CONFIG.replace("\n", "\r\n").encode())
    build(site)
    page = (site / "output" / "articles" / "windows" / "index.html").read_bytes()
    assert b"<h1>Windows saved this</h1>" in page
    assert b"\r" not in page
    assert b"A heading</h2>" in page
    assert b"\xef\xbb\xbf" not in page


def test_old_mac_line_endings_work(tmp_path: Path) -> None:
    text = article("title: Carriage returns only", body="One.\n\nTwo.\n").replace("\n", "\r")
    site = make_site(tmp_path, articles={"cr.md": text.encode()})
    build(site)
    page = (site / "output" / "articles" / "cr" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Carriage returns only</h1>" in page and "<p>Two.</p>" in page


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
WORLD_TITLES = {
    "北京地铁新线开通.md": "北京地铁新线开通",
    "上海地铁新线开通.md": "上海地铁新线开通",
    "افتتاح خط مترو جديد.md": "افتتاح خط مترو جديد في المدينة",
    "افتتاح جسر جديد.md": "افتتاح جسر جديد",
    "\U0001F680\U0001F319.md": "Rocket \U0001F680 to the moon \U0001F319",
    "\U0001F389.md": "\U0001F389 Party \U0001F389",
    "Ünïcödé café.md": "Ünïcödé café reopens",
}


def test_titles_and_names_in_chinese_arabic_and_emoji(tmp_path: Path) -> None:
    articles = {name: article(f"title: '{title}'", "story: world-news") for name, title in WORLD_TITLES.items()}
    site = make_site(tmp_path, articles=articles)
    result = build(site)
    assert result.articles == len(WORLD_TITLES)
    slugs = sorted(p.name for p in (site / "output" / "articles").iterdir())
    assert len(slugs) == len(set(slugs)) == len(WORLD_TITLES)
    assert all(SLUG.match(slug) and len(slug) <= 80 for slug in slugs), slugs
    story_page = (site / "output" / "stories" / "world-news" / "index.html").read_text(encoding="utf-8")
    for title in WORLD_TITLES.values():
        assert title in story_page  # verbatim, not mangled or entity-escaped away
    rebuilt = build(site, tmp_path / "again")
    assert sorted(p.name for p in (rebuilt.out_dir / "articles").iterdir()) == slugs  # stable across builds


def test_symlink_inside_site_is_allowed(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    shared = site / "drafts-shared" / "shared.md"
    write(shared, article("title: Shared within the site"))
    os.symlink(shared, site / "content" / "articles" / "shared.md")
    assert build(site).articles == 2
