"""Root-relative links in Markdown ("/static/x.png", "/") follow the site's base path (issue 19): on a GitHub
project site they become "/proj/static/x.png"; a link that already starts with the base path is ambiguous,
stays as written, and is a warning naming its file and line (so --strict fails on it)."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.cli import main

BODY = """The new ferry timetable is posted at the pier.

![The north pier](/static/pier.png)

See [our front page](/) and [the timetable][t].

[t]: /static/timetable.txt
"""


def make_site(root: Path, body: str = BODY) -> Path:
    site = root / "site"
    for folder in ("content/articles", "content/stories", "static"):
        (site / folder).mkdir(parents=True)
    (site / "config.yml").write_text("title: Links\nbase_url: https://someone.github.io/proj/\narticle_pages: full\n",
                                     "utf-8")
    (site / "content" / "articles" / "ferry.md").write_text(
        "---\ntitle: Ferry timetable\noutlet: Example Wire\nurl: https://examplewire.example/ferry\n"
        "published: 2026-05-02\nstory: ferry\n---\n" + body, "utf-8")
    (site / "content" / "stories" / "ferry.md").write_text("---\ntitle: Ferry\n---\nOur photo: ![pier](/static/pier.png)\n",
                                                           "utf-8")
    (site / "static" / "pier.png").write_bytes(b"\x89PNG\r\n")
    (site / "static" / "timetable.txt").write_text("06:00 07:00\n", "utf-8")
    return site


def test_root_relative_links_are_put_under_the_base_path(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    assert main(["build", "--site", str(site), "--strict", "-q"]) == 0  # --strict: every link is checked
    page = (site / "output" / "articles" / "ferry" / "index.html").read_text("utf-8")
    assert 'src="/proj/static/pier.png"' in page and 'href="/proj/"' in page
    assert 'href="/proj/static/timetable.txt"' in page
    assert 'src="/static/' not in page
    story = (site / "output" / "stories" / "ferry" / "index.html").read_text("utf-8")
    assert 'src="/proj/static/pier.png"' in story  # the curator's note too


def test_a_link_already_under_the_base_path_warns_with_its_line_and_fails_strict(tmp_path: Path,
                                                                               capsys: pytest.CaptureFixture[str]
                                                                               ) -> None:
    site = make_site(tmp_path, BODY + "\nAnd [the pier photo](/proj/static/pier.png).\n")
    article = site / "content" / "articles" / "ferry.md"
    line = article.read_text("utf-8").splitlines().index("And [the pier photo](/proj/static/pier.png).") + 1
    assert main(["build", "--site", str(site), "-q"]) == 0
    page = (site / "output" / "articles" / "ferry" / "index.html").read_text("utf-8")
    assert 'href="/proj/static/pier.png"' in page and "/proj/proj/" not in page  # left as written
    capsys.readouterr()
    assert main(["build", "--site", str(site), "--strict"]) == 1
    err = capsys.readouterr().err
    assert f"{article}:{line}: " in err and "already starts with the base path /proj/" in err
