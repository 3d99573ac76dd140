"""Article and story loaders: typed fields, time zones, and file:line errors."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from sitegen import config as config_stage
from sitegen import content
from sitegen.errors import Diagnostics, SitegenError

CFG = config_stage.parse("timezone: Asia/Shanghai\n", Path("config.yml"), Path("."))

ARTICLE = """---
title: Harbour bridge closes
outlet: Example Wire
url: https://example.com/a
published: 2026-07-03 21:30
author: A. Writer
story: harbour-bridge
tags: [transport, city]
cites: [Reuters, Yicai]
authority: 0.6
ratings: {credibility: 0.28}
---
First paragraph.
"""


def test_article_fields_are_typed() -> None:
    art = content.parse_article(Path("content/articles/Bridge Story.md"), ARTICLE, CFG)
    assert art.slug == "bridge-story"
    assert art.title == "Harbour bridge closes"
    assert art.published == datetime(2026, 7, 3, 21, 30, tzinfo=CFG.tz)
    assert art.published.utcoffset() == timedelta(hours=8)
    assert art.tags == ("transport", "city") and art.cites == ("Reuters", "Yicai")
    assert art.ratings == (("credibility", 0.28),)
    assert art.body == "First paragraph.\n" and art.body_line == 13


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-07-03", datetime(2026, 7, 3, tzinfo=CFG.tz)),
        ("2026-07-03T07:40:00Z", datetime(2026, 7, 3, 7, 40, tzinfo=timezone.utc)),
        ("'2026-07-03T07:40:00+02:00'", datetime(2026, 7, 3, 5, 40, tzinfo=timezone.utc)),
        ("null", None),
    ],
)
def test_published_formats(value: str, expected: datetime | None) -> None:
    art = content.parse_article(Path("a.md"), f"---\ntitle: T\npublished: {value}\n---\n", CFG)
    assert art.published == expected
    if expected is not None:
        assert art.published.tzinfo is not None


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("---\ntitle: T\noutlet: [a, b]\n---\n", 3, "'outlet' must be text"),
        ("---\noutlet: X\n---\nbody", 1, "'title' is required"),
        ("---\ntitle: T\nauthority: 3\n---\n", 3, "from 0 to 1"),
        ("---\ntitle: T\npublished: someday\n---\n", 3, "ISO date"),
        ("---\ntitle: T\npublished: 2026-02-30\n---\n", 3, "published"),
        ("---\ntitle: T\nsotry: x\n---\n", 3, "did you mean 'story'"),
        ("---\ntitle: T\nstory: ../../etc\n---\n", 3, "lowercase letters"),
        ("---\ntitle: T\n", 1, "never closed"),
        ("no front matter\n", 1, "must start with a '---'"),
        ("---\ntitle: 'open\n---\n", 2, "invalid YAML"),
        ("---\ntitle: T\nurl: javascript:alert(1)\n---\n", 3, "http(s) URL"),
        ("", 1, "empty file"),
    ],
)
def test_article_errors_name_file_and_line(text: str, line: int, needle: str) -> None:
    with pytest.raises(SitegenError) as info:
        content.parse_article(Path("content/articles/x.md"), text, CFG)
    assert info.value.path == "content/articles/x.md"
    assert info.value.line == line, str(info.value)
    assert needle in info.value.message


def test_story_file_overrides(tmp_path: Path) -> None:
    text = """---
title: Curated title
dek: A dek
articles: [one, two]
badges:
  - {claim: c1, badge: alleged, why: Only one anonymous source.}
faq:
  - {question: When?, answer: July., sources: [one]}
disputes:
  - about: Evidence
    values:
      - {value: Audit found defects, sources: [one]}
      - {value: No evidence given, sources: [two]}
---
Editor's note.
"""
    story = content.parse_story_file(tmp_path / "my-story.md", text)
    assert story.key == "my-story" and story.title == "Curated title"
    assert story.badges[0].badge == "alleged"
    assert story.faq[0].sources == ("one",)
    assert story.disputes[0].values[1].value == "No evidence given"
    assert story.note == "Editor's note."


def test_story_file_bad_badge_names_line(tmp_path: Path) -> None:
    text = "---\ntitle: T\nbadges:\n  - {claim: c1, badge: certain}\n---\n"
    with pytest.raises(SitegenError) as info:
        content.parse_story_file(tmp_path / "s.md", text)
    assert info.value.line == 4 and "badge must be one of" in info.value.message  # the entry's own line


def make_site(root: Path, files: dict[str, str | bytes]) -> config_stage.Config:
    (root / "config.yml").write_text("title: T\n")
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return config_stage.load(root)


def test_load_reads_bom_and_crlf_and_skips_drafts(tmp_path: Path) -> None:
    cfg = make_site(tmp_path, {
        "content/articles/a.md": "\ufeff---\r\ntitle: A\r\nurl: https://e.com/a\r\n---\r\nBody\r\n",
        "content/articles/b.md": "---\ntitle: B\ndraft: true\n---\n",
    })
    diags = Diagnostics()
    site = content.load(cfg, diags)
    assert [a.slug for a in site.articles] == ["a"]
    assert site.articles[0].body == "Body\n"
    assert any("missing outlet, published" in w.message for w in diags.warnings)
    assert [a.slug for a in content.load(cfg, Diagnostics(), include_drafts=True).articles] == ["a", "b"]


def test_slug_collision_after_slugify(tmp_path: Path) -> None:
    cfg = make_site(tmp_path, {"content/articles/My Story.md": "---\ntitle: A\n---\n",
                               "content/articles/my-story.md": "---\ntitle: B\n---\n"})
    with pytest.raises(SitegenError, match="slug 'my-story'"):
        content.load(cfg, Diagnostics())


def test_non_utf8_names_line(tmp_path: Path) -> None:
    cfg = make_site(tmp_path, {"content/articles/a.md": b"---\ntitle: A\n---\nok\n\xff\xfe bad\n"})
    with pytest.raises(SitegenError) as info:
        content.load(cfg, Diagnostics())
    assert info.value.line == 5 and "UTF-8" in info.value.message
