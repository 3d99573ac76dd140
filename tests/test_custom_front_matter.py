"""Your own fields (issue 19): unknown front-matter keys reach templates as article.extra / story.extra,
config `extra:` as site.extra; summary, image and image_alt feed the page and its social card; a slip of a
known key's spelling warns with "did you mean", and fails --strict."""
from __future__ import annotations

import re
from pathlib import Path

from sitegen.cli import main

REPO = Path(__file__).resolve().parents[1]


def readme_template() -> str:
    """The template example the README shows for custom fields (so the README stays true)."""
    readme = (REPO / "README.md").read_text("utf-8")
    block = re.search(r"```jinja\n(\{# templates/article.html #\}.*?)```", readme, re.S)
    assert block, "README lost its custom-field template example"
    return block.group(1)


ARTICLE = """---
title: Ferry timetable doubles for the bridge closure
outlet: Example Wire
url: https://examplewire.example/ferry
published: 2026-05-02T08:00:00Z
story: harbour-bridge
summary: Boats every ten minutes at rush hour.
image: /static/ferry.jpg
image_alt: The ferry at the north pier
reading_time: 4
{typo}---
The ferry will run every ten minutes at rush hour while the bridge is shut, the operator said.
"""

STORY = """---
title: Harbour bridge closes for six weeks
image: https://cdn.example.org/bridge.jpg
image_alt: The bridge under scaffolding
section_colour: teal
---
"""


def make_site(root: Path, typo: str = "") -> Path:
    site = root / "site"
    for folder in ("content/articles", "content/stories", "templates", "static"):
        (site / folder).mkdir(parents=True)
    (site / "config.yml").write_text("title: Extras\nbase_url: https://news.example/proj/\n"
                                     "extra: {desk_email: desk@example.com}\n", "utf-8")
    (site / "content" / "articles" / "ferry.md").write_text(ARTICLE.format(typo=typo), "utf-8")
    (site / "content" / "stories" / "harbour-bridge.md").write_text(STORY, "utf-8")
    (site / "templates" / "article.html").write_text(readme_template(), "utf-8")
    (site / "templates" / "story.html").write_text(
        '{% extends "theme/story.html" %}{% block content %}{{ super() }}'
        '<p class="colour">{{ story.extra.section_colour }}</p>{% endblock %}\n', "utf-8")
    (site / "static" / "ferry.jpg").write_bytes(b"\xff\xd8\xff")
    return site


def test_custom_keys_summary_and_image_reach_the_pages(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    assert main(["build", "--site", str(site), "--strict", "-q"]) == 0
    out = site / "output"
    article = (out / "articles" / "ferry" / "index.html").read_text("utf-8")
    assert "4 min read" in article and "Desk: desk@example.com" in article
    assert '<p class="dek">Boats every ten minutes at rush hour.</p>' in article
    assert '<meta name="description" content="Boats every ten minutes at rush hour.">' in article
    assert '<meta property="og:image" content="https://news.example/proj/static/ferry.jpg">' in article
    assert '<meta property="og:image:alt" content="The ferry at the north pier">' in article
    assert '<meta name="twitter:card" content="summary_large_image">' in article
    story = (out / "stories" / "harbour-bridge" / "index.html").read_text("utf-8")
    assert '<p class="colour">teal</p>' in story
    assert '<meta property="og:image" content="https://cdn.example.org/bridge.jpg">' in story
    index = (out / "index.html").read_text("utf-8")
    assert '<img class="card-image" src="https://cdn.example.org/bridge.jpg" alt="The bridge under scaffolding"' in index


def test_a_misspelt_key_warns_did_you_mean_and_fails_strict(tmp_path: Path, capsys) -> None:
    site = make_site(tmp_path, typo="titel: A second title\n")
    assert main(["build", "--site", str(site)]) == 0
    err = capsys.readouterr().err
    line = ARTICLE.format(typo="titel: x\n").splitlines().index("titel: x") + 1
    assert f"ferry.md:{line}: unknown front-matter key 'titel' (kept in extra); did you mean 'title'?" in err
    assert main(["build", "--site", str(site), "--strict"]) == 1
    assert "did you mean 'title'" in capsys.readouterr().err
