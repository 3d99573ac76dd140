"""Broken and hostile content, config and templates: each gives one clear `path:line: message`,
exit code 1, and leaves the previous output/ byte-identical (no staging folders left behind)."""
from __future__ import annotations

import hashlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sitegen import output
from sitegen.build import build
from sitegen.cli import main

# article_pages: full, so that every article body reaches a page (the default shows an excerpt)
CONFIG = "title: Hostile input test site\nbase_url: http://127.0.0.1:8000/\ntimezone: UTC\narticle_pages: full\n"

GOOD = """---
title: Harbour bridge closes for two weeks
outlet: Example Wire
url: https://example.com/news/bridge
published: 2026-01-05T09:00:00Z
story: harbour-bridge
tags: [transport]
---
The harbour bridge closes on Monday for repairs, the city said.
"""


def article(*front: str, body: str = "Body text.\n") -> str:
    return "---\n" + "".join(line + "\n" for line in front) + "---\n" + body


def make_site(root: Path, articles: dict[str, str | bytes] | None = None, config: str | bytes = CONFIG,
              stories: dict[str, str] | None = None, templates: dict[str, str] | None = None) -> Path:
    """A site dir under ``root`` with the given files (names relative to their folders)."""
    site = root / "site"
    for folder in ("content/articles", "content/stories", "templates", "static"):
        (site / folder).mkdir(parents=True, exist_ok=True)
    write(site / "config.yml", config)
    for name, text in (articles if articles is not None else {"good.md": GOOD}).items():
        write(site / "content" / "articles" / name, text)
    for name, text in (stories or {}).items():
        write(site / "content" / "stories" / name, text)
    for name, text in (templates or {}).items():
        write(site / "templates" / name, text)
    return site


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file (relative path -> sha256) and every folder under ``folder``."""
    result = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        result[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "<dir>"
    return result


def leftovers(site: Path) -> list[str]:
    """Staging or retired output folders, commit plans and records being written, which a failed or killed
    build must not leave next to output/ (the shadow and its record are the output's own: sitegen.output)."""
    own = {f".output.{output.SHADOW}", f".output.{output.SHADOW_RECORD}"}
    return sorted(p.name for p in site.iterdir() if p.name.startswith(".output") and p.name not in own)


@dataclass(frozen=True)
class Bad:
    """One bad input: files to add to a good site, and the error the user must see."""

    name: str
    file: str  # path of the file the message must name, relative to the site
    line: int | None
    message: str  # a fragment of the message
    articles: dict[str, str | bytes] = field(default_factory=dict)
    stories: dict[str, str] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)
    config: str | bytes | None = None
    strict: bool = False


A = "content/articles/bad.md"
S = "content/stories/harbour-bridge.md"
STORY_OK = ("title: Bridge", )

BAD_ARTICLES = [
    Bad("malformed yaml", A, 3, "invalid YAML", articles={"bad.md": article("title: Fine", "tags: [a, b")}),
    Bad("yaml bad indentation", A, 3, "invalid YAML",
        articles={"bad.md": article("title: Fine", "  outlet: x", "story: y")}),
    Bad("front matter never closed", A, 1, "never closed", articles={"bad.md": "---\ntitle: Open\nbody\n"}),
    Bad("no front matter", A, 1, "no front matter", articles={"bad.md": "Just a body, no header.\n"}),
    Bad("title is a list", A, 2, "'title' must be text", articles={"bad.md": article("title: [a, b]")}),
    Bad("title is a mapping", A, 2, "'title' must be text", articles={"bad.md": article("title: {a: 1}")}),
    Bad("title is binary", A, 2, "binary data", articles={"bad.md": article("title: !!binary aGVsbG8=")}),
    Bad("tags is a mapping", A, 3, "'tags' must be a list",
        articles={"bad.md": article("title: T", "tags: {a: 1}")}),
    Bad("tags nested list", A, 3, "'tags' must be a list", articles={"bad.md": article("title: T", "tags: [[a]]")}),
    Bad("authority is a word", A, 3, "'authority' must be a number",
        articles={"bad.md": article("title: T", "authority: high")}),
    Bad("authority out of range", A, 3, "from 0 to 1", articles={"bad.md": article("title: T", "authority: 1.5")}),
    Bad("authority nan", A, 3, "from 0 to 1", articles={"bad.md": article("title: T", "authority: .nan")}),
    Bad("draft is a word", A, 3, "true or false", articles={"bad.md": article("title: T", "draft: maybe")}),
    Bad("ratings not numbers", A, 3, "'ratings' must map names to numbers",
        articles={"bad.md": article("title: T", "ratings: {credibility: high}")}),
    Bad("published is a word", A, 4, "ISO date",
        articles={"bad.md": article("title: T", "outlet: O", "published: last tuesday")}),
    Bad("published is a number", A, 3, "'published' must be a date",
        articles={"bad.md": article("title: T", "published: 20260101")}),
    Bad("impossible date", A, 3, "day is out of range",
        articles={"bad.md": article("title: T", "published: 2026-02-30")}),
    Bad("impossible month", A, 4, "month must be in 1..12",
        articles={"bad.md": article("title: T", "outlet: O", "published: 2026-13-01")}),
    Bad("impossible hour", A, 3, "hour must be in 0..23",
        articles={"bad.md": article("title: T", "published: 2026-07-03T25:00:00")}),
    Bad("impossible offset", A, 3, "'published'",
        articles={"bad.md": article("title: T", "published: 2026-07-03T10:00:00+99:00")}),
    Bad("five digit year", A, 3, "ISO date", articles={"bad.md": article("title: T", "published: '99999-01-01'")}),
    Bad("unknown key with typo", A, 2, "did you mean 'title'", articles={"bad.md": article("titel: T")}),
    Bad("typo of a known key under --strict", A, 3, "did you mean 'outlet'", strict=True,
        articles={"bad.md": article("title: T", "outlte: Example Wire", "url: https://example.com/b",
                                    "published: 2026-01-05")}),
    Bad("key given twice", A, 3, "given twice", articles={"bad.md": article("title: A", "title: B")}),
    Bad("key not a name", A, 3, "plain names", articles={"bad.md": article("title: A", "? [a, b]", ": c")}),
    Bad("missing title", A, 1, "'title' is required", articles={"bad.md": article("outlet: Example Wire")}),
    Bad("empty title", A, 2, "'title' is required", articles={"bad.md": article("title: ''")}),
    Bad("null title", A, 2, "'title' is required", articles={"bad.md": article("title: null")}),
    Bad("front matter is a list", A, 2, "mapping", articles={"bad.md": article("- a", "- b")}),
    Bad("front matter is a scalar", A, 2, "mapping", articles={"bad.md": article("just words")}),
    Bad("empty front matter", A, 1, "'title' is required", articles={"bad.md": "---\n---\nbody\n"}),
    Bad("empty file", A, 1, "empty file", articles={"bad.md": ""}),
    Bad("whitespace-only file", A, 1, "empty file", articles={"bad.md": "  \n\n\t\n"}),
    Bad("latin-1 bytes", A, 4, "not valid UTF-8",
        articles={"bad.md": b"---\ntitle: Caf\xc3\xa9\n---\nna\xefve caf\xe9\n"}),
    Bad("utf-16 file", A, None, "binary file", articles={"bad.md": article("title: T").encode("utf-16")}),
    Bad("binary file", A, None, "binary file", articles={"bad.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40}),
    Bad("control character", A, 3, "not allowed", articles={"bad.md": article("title: T", "outlet: a\x07b")}),
    Bad("python object tag", A, 2, "could not determine a constructor",
        articles={"bad.md": article("title: !!python/object/apply:os.system ['echo pwned']")}),
    Bad("bad unicode escape", A, 2, "invalid YAML", articles={"bad.md": article('title: "\\ud800"')}),
    Bad("nested 5000 deep", A, 2, "nested too deeply",
        articles={"bad.md": article("title: T", "tags: " + "[" * 5000 + "]" * 5000)}),
    Bad("story key climbs out", A, 3, "'story' must be lowercase",
        articles={"bad.md": article("title: T", "story: ../../etc")}),
    Bad("story key absolute", A, 3, "'story' must be lowercase",
        articles={"bad.md": article("title: T", "story: /etc/passwd")}),
    Bad("story key with slash", A, 3, "'story' must be lowercase",
        articles={"bad.md": article("title: T", "story: a/b")}),
    Bad("javascript url", A, 3, "must be an http(s) URL",
        articles={"bad.md": article("title: T", "url: javascript:alert(1)")}),
    Bad("data url", A, 3, "must be an http(s) URL",
        articles={"bad.md": article("title: T", "url: 'data:text/html,<script>alert(1)</script>'")}),
    Bad("url with newline", A, 3, "must be an http(s) URL",
        articles={"bad.md": article("title: T", 'url: "https://example.com/\\njavascript:alert(1)"')}),
    Bad("slugs collide after slugifying", "content/articles/hello-world.md", None, "two articles get the slug",
        articles={"Hello World!.md": article("title: A"), "hello-world.md": article("title: B")}),
    Bad("slugs collide by case", "content/articles/report.md", None, "two articles get the slug 'report'",
        articles={"Report.md": article("title: A"), "report.md": article("title: B")}),
    Bad("emoji prefix collides", "content/articles/\U0001F525 news.md", None, "two articles get the slug 'news'",
        articles={"\U0001F525 news.md": article("title: A"), "news.md": article("title: B")}),
]

BAD_STORIES = [
    Bad("story badge unknown", S, 2, "badge must be one of",
        stories={"harbour-bridge.md": article("badges: [{claim: c1, badge: certain}]")}),
    Bad("story faq missing answer", S, 2, "missing 'answer'",
        stories={"harbour-bridge.md": article("faq: [{question: Why?}]")}),
    Bad("story dispute with one value", S, 3, "at least two values",
        stories={"harbour-bridge.md": article("title: B", "disputes: [{about: when, values: [{value: May}]}]")}),
    Bad("story dispute values are words", S, 2, "bad entry in 'disputes'",
        stories={"harbour-bridge.md": article("disputes: [{about: when, values: [May, June]}]")}),
    Bad("story disputes not a list", S, 2, "must be a list of mappings", stories={"harbour-bridge.md": article("disputes: 3")}),
    Bad("story file name not a key", "content/stories/Bad_Key.md", None, "story file name",
        stories={"Bad_Key.md": article("title: B")}),
    Bad("story key typo under --strict", S, 2, "did you mean 'title'", strict=True,
        stories={"harbour-bridge.md": article("titel: B")}),
]

C = "config.yml"
BAD_CONFIGS = [
    Bad("config malformed yaml", C, 1, "invalid YAML", config="title: [a\n"),  # where the [ opened
    Bad("config unknown key", C, 2, "unknown key 'titel'", config="base_url: http://x.test/\ntitel: T\n"),
    Bad("config key twice", C, 2, "given twice", config="title: A\ntitle: B\n"),
    Bad("config title is a list", C, 1, "'title' must be a single value", config="title: [a]\n"),
    Bad("config title is a boolean", C, 1, "not a boolean", config="title: yes\n"),
    Bad("config javascript base_url", C, 1, "absolute http(s) URL", config="base_url: 'javascript:alert(1)//'\n"),
    Bad("config unknown timezone", C, 1, "not a known time zone", config="timezone: Mars/Olympus_Mons\n"),
    Bad("config timezone path", C, 1, "not a known time zone", config="timezone: ../../../etc/passwd\n"),
    Bad("config output_dir climbs out", C, 1, "relative folder inside the site", config="output_dir: ../../etc\n"),
    Bad("config output_dir absolute", C, 1, "relative folder inside the site", config="output_dir: /tmp\n"),
    Bad("config is a list", C, 1, "must be a mapping", config="- title\n- base_url\n"),
    Bad("config python tag", C, 1, "cannot read", config="title: !!python/name:os.system\n"),
    Bad("config impossible date", C, 1, "day is out of range", config="title: 2026-02-30\n"),
    Bad("config control character", C, 1, "not allowed", config="title: a\x01b\n"),
    Bad("config not utf-8", C, 2, "not valid UTF-8", config=b"title: ok\ndescription: caf\xe9\n"),
    Bad("config window too large", C, 1, "at most", config="cluster_window_days: 99999999999999999999\n"),
    Bad("config thresholds inverted", C, 1, "cannot exceed", config="badges: {confirmed: 1, corroborated: 2}\n"),
    Bad("config bad regex", C, 1, "not a valid regex", config="noise_rules: [{name: a, pattern: '(('}]\n"),
    Bad("config nested key", C, 2, "plain names", config="outlets:\n  ? [a]\n  : null\n"),
]

T = "templates/article.html"
BAD_TEMPLATES = [
    Bad("template syntax error", T, 3, "template syntax error",
        templates={"article.html": '{% extends "base.html" %}\n{% block content %}\n{% if %}\n{% endblock %}\n'}),
    Bad("template unclosed block", T, None, "template syntax error",
        templates={"article.html": '{% extends "base.html" %}\n{% block content %}\n<p>x</p>\n'}),
    Bad("template undefined under strict", T, 3, "undefined", strict=True,
        templates={"article.html": '{% extends "base.html" %}\n{% block content %}\n{{ no_such_value }}\n'
                                   '{% endblock %}\n'}),
    Bad("template attribute of undefined", T, 3, "undefined",
        templates={"article.html": '{% extends "base.html" %}\n{% block content %}\n{{ no_such.thing }}\n'
                                   '{% endblock %}\n'}),
    Bad("template extends a missing file", T, None, "template not found",
        templates={"article.html": '{% extends "nowhere.html" %}\n'}),
    Bad("template raises", T, 2, "ZeroDivisionError",
        templates={"article.html": '{% extends "base.html" %}\n{% block content %}{{ 1 // 0 }}{% endblock %}\n'}),
]

ALL_BAD = BAD_ARTICLES + BAD_STORIES + BAD_CONFIGS + BAD_TEMPLATES


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One good site, built once; each case works on a copy (a copy is cheaper than a build)."""
    site = make_site(tmp_path_factory.mktemp("good"), stories={"harbour-bridge.md": article("title: Bridge")})
    build(site)
    return site


@pytest.mark.parametrize("bad", ALL_BAD, ids=[b.name for b in ALL_BAD])
def test_bad_input_names_file_and_line_and_keeps_previous_output(bad: Bad, built_site: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site, symlinks=True)  # a good build's output must survive the bad one
    before = snapshot(site / "output")
    assert "index.html" in before
    if bad.config is not None:
        write(site / "config.yml", bad.config)
    for folder, files in (("content/articles", bad.articles), ("content/stories", bad.stories),
                          ("templates", bad.templates)):
        for name, data in files.items():
            write(site / folder / name, data)
    capsys.readouterr()

    code = main(["build", "--site", str(site), "-q", *(["--strict"] if bad.strict else [])])

    err = capsys.readouterr().err.strip()
    assert code == 1, err
    expected = str(site / bad.file) + (f":{bad.line}: " if bad.line else ":")
    assert err.startswith(expected), f"expected {expected!r}, got {err!r}"
    assert bad.message.lower() in err.lower()
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, "one clear line, not a dump"
    assert snapshot(site / "output") == before
    assert leftovers(site) == []


def test_template_undefined_renders_empty_without_strict(tmp_path: Path) -> None:
    template = '{% extends "base.html" %}\n{% block content %}[{{ no_such_value }}]{% endblock %}\n'
    site = make_site(tmp_path, templates={"article.html": template})
    build(site)
    page = (site / "output" / "articles" / "good" / "index.html").read_text(encoding="utf-8")
    assert "[]" in page


def test_missing_config_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    (site / "config.yml").unlink()
    assert main(["build", "--site", str(site), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"{site / 'config.yml'}: no config.yml here" in err


def test_fifty_megabyte_article_is_refused_quickly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    build(site)
    before = snapshot(site / "output")
    big = site / "content" / "articles" / "huge.md"
    with big.open("wb") as handle:  # sparse: the loader must refuse on size before reading it all
        handle.write(article("title: Huge").encode())
        handle.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    assert main(["build", "--site", str(site), "-q"]) == 1
    assert time.perf_counter() - started < 5
    err = capsys.readouterr().err
    assert f"{big}: file is 50 MB; the limit is" in err
    assert snapshot(site / "output") == before


def test_symlink_outside_site_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "elsewhere" / "secret.md"
    write(outside, article("title: Not part of this site"))
    site = make_site(tmp_path)
    build(site)
    before = snapshot(site / "output")
    link = site / "content" / "articles" / "linked.md"
    os.symlink(outside, link)
    assert main(["build", "--site", str(site), "-q"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{link}:") and "symlink points outside the site" in err
    assert snapshot(site / "output") == before


def test_symlink_to_etc_is_refused(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    os.symlink("/etc/hostname" if Path("/etc/hostname").exists() else "/etc/passwd",
               site / "content" / "articles" / "host.md")
    from sitegen.errors import SitegenError

    with pytest.raises(SitegenError, match="symlink points outside the site"):
        build(site)


def test_bad_build_reports_first_bad_file_by_name_among_many(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    articles: dict[str, str | bytes] = {f"good-{i:03}.md": GOOD for i in range(50)}
    articles["zz-bad.md"] = article("title: T", "published: 2026-04-31")
    site = make_site(tmp_path, articles=articles)
    assert main(["build", "--site", str(site), "-q"]) == 1
    assert capsys.readouterr().err.startswith(f"{site / 'content/articles/zz-bad.md'}:3: ")
    assert not (site / "output").exists()  # nothing half-written when there was no previous build


def test_distinct_bad_inputs_are_many() -> None:
    """The issue asks how many distinct bad inputs are covered: keep the corpus from shrinking."""
    assert len({b.name for b in ALL_BAD}) == len(ALL_BAD) >= 75
