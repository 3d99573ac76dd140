"""Issue 22, items 1, 3 and 4, through the real CLI on a real site: symlinks under templates/ and
symlinked site folders, wrong-typed story-file fields, control characters from YAML escapes, and a
feed and sitemap that parse whatever the content holds."""
from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from sitegen.cli import main
from test_hostile_content import GOOD, article, make_site, snapshot, write

SECRET = "secret-marker-7f3a"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = make_site(tmp_path_factory.mktemp("good"), stories={"harbour-bridge.md": article("title: Bridge")})
    assert main(["build", "--site", str(site), "-q"]) == 0
    return site


@pytest.fixture
def site(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def fails_cleanly(site: Path, capsys: pytest.CaptureFixture[str], where: str, fragment: str) -> None:
    """The build exits 1 with one `path[:line]: message` line and leaves output/ as it was."""
    before = snapshot(site / "output")
    capsys.readouterr()
    assert main(["build", "--site", str(site), "-q"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(where) and fragment in err, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert snapshot(site / "output") == before
    assert not any(SECRET.encode() in p.read_bytes() for p in (site / "output").rglob("*") if p.is_file())


def outside_file(site: Path) -> Path:
    secret = site.parent / "elsewhere" / "notes.txt"
    write(secret, f"{SECRET}\n")
    return secret


# --------------------------------------------------------------------------- 1. symlinks


@pytest.mark.parametrize("target", ["outside file", "/proc/self/environ", "inside the site"])
def test_a_symlinked_template_is_refused_and_never_read(site: Path, target: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    pointed = {"outside file": outside_file(site), "/proc/self/environ": Path("/proc/self/environ"),
               "inside the site": site / "config.yml"}[target]
    os.symlink(pointed, site / "templates" / "users.txt")
    write(site / "templates" / "index.html", '{% extends "theme/index.html" %}{% block content %}'
                                             '{% include "users.txt" %}{% endblock %}')
    fails_cleanly(site, capsys, f"{site / 'templates' / 'users.txt'}: ", "templates may not be symlinks")


@pytest.mark.parametrize("folder", ["content/articles", "content", "templates", "static", "content/stories"])
def test_a_site_folder_symlinked_outside_is_refused(site: Path, folder: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = site.parent / "elsewhere" / folder.replace("/", "-")
    shutil.copytree(site / folder, elsewhere)
    if folder.startswith("content"):
        write(elsewhere / ("articles" if folder == "content" else "") / "leak.md",
              article(f"title: {SECRET}", "story: harbour-bridge"))
    else:
        write(elsewhere / "leak.txt", SECRET)
    shutil.rmtree(site / folder)
    os.symlink(elsewhere, site / folder)
    fails_cleanly(site, capsys, f"{site / folder}", "leads outside the site")


# --------------------------------------------------------------------------- 3. story-file field types


def story(*front: str) -> str:
    return article("title: Bridge", *front)


GOOD_FAQ = "  - {question: Why?, answer: Repairs.}"  # a good first entry: the bad one is named by its own line


@pytest.mark.parametrize("front, line, fragment", [
    (("dek: {a: 1}",), 3, "'dek' must be text"),
    (("summary: [one, two]",), 3, "'summary' must be text"),
    (("faq:", GOOD_FAQ, "  - question: When?", "    answer: {text: Soon}"), 5, "'answer' must be text, got a mapping"),
    (("faq:", GOOD_FAQ, "  - question: When?", "    answer:"), 5, "missing 'answer'"),
    (("faq:", "  - question: [a, b]", "    answer: Soon"), 4, "'question' must be text, got a list"),
    (("faq:", GOOD_FAQ, "  - {question: When?, answer: Soon, sources: [{a: b}]}"), 5, "'sources' must be text"),
    (("faq:", "  - {question: When?, answer: Soon, source: x}",), 4, "unknown key 'source'"),
    (("disputes:", "  - about: when", "    values: [{value: [May]}, {value: June}]"), 4,
     "'value' must be text, got a list"),
    (("disputes:", "  - {about: when, values: [{value: May}, {value: June}], likely: {x: 1}}",), 4,
     "'likely' must be text"),
    (("disputes:", "  - {about: when, values: [{value: May, quote: [q]}, {value: June}]}",), 4,
     "'quote' must be text"),
    (("badges:", "  - {claim: c1, badge: confirmed}", "  - {claim: c2, badge: confirmed, why: {because: yes}}"), 5,
     "'why' must be text"),
    (("badges:", "  - {claim: null, badge: confirmed}",), 4, "missing 'claim'"),
    (("badges:", "  - {claim: c1, badge: [confirmed]}",), 4, "'badge' must be text"),
])
def test_a_wrong_typed_story_field_is_an_error_with_its_line(site: Path, front: tuple[str, ...], line: int,
                                                            fragment: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = site / "content" / "stories" / "harbour-bridge.md"
    write(path, story(*front))
    fails_cleanly(site, capsys, f"{path}:{line}: ", fragment)


def test_numbers_and_dates_in_text_fields_read_as_their_text(site: Path) -> None:
    write(site / "content" / "stories" / "harbour-bridge.md",
          story("disputes:", "  - {about: year, values: [{value: 2025}, {value: 2026-07-10}]}"))
    assert main(["build", "--site", str(site), "-q"]) == 0
    page = (site / "output" / "stories" / "harbour-bridge" / "index.html").read_text(encoding="utf-8")
    assert "2025" in page and "2026-07-10" in page


# --------------------------------------------------------------------------- 4. control characters


@pytest.mark.parametrize("escape, code", [("\\x01", "U+0001"), ("\\e", "U+001B"), ("\\0", "U+0000"),
                                          ("\\uFFFE", "U+FFFE"), ("\\x7f", "U+007F")])
@pytest.mark.parametrize("where", ["article title", "story dek", "config title"])
def test_a_control_character_written_as_an_escape_is_refused(site: Path, escape: str, code: str, where: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    if where == "article title":
        path, line = site / "content" / "articles" / "bad.md", 2
        write(path, article(f'title: "A{escape}B"'))
    elif where == "story dek":
        path, line = site / "content" / "stories" / "harbour-bridge.md", 3
        write(path, story(f'dek: "A{escape}B"'))
    else:
        path, line = site / "config.yml", 1
        write(path, f'title: "A{escape}B"\nbase_url: http://127.0.0.1:8000/\n')
    fails_cleanly(site, capsys, f"{path}:{line}: ", f"control character {code}")


HOSTILE_TEXT = 'Tom & Jerry <b>"quoted"</b> ]]> \u202eevil\u202c \U0001F525 caf\u00e9 end'


def parse_xml(path: Path) -> ElementTree.Element:
    return ElementTree.fromstring(path.read_bytes())  # raises on any ill-formed byte


def test_feed_and_sitemap_parse_whatever_the_content_holds(tmp_path: Path) -> None:
    body = ("The harbour bridge \x01closes on Monday for repairs\x1b, the city said \x0b today.\n\n"
            f"{HOSTILE_TEXT} is what the sign said.\n")
    hostile = article(f"title: '{HOSTILE_TEXT}'", "outlet: 'R&D <Weekly>'", "url: https://example.com/a?b=1&c=2",
                      "published: 2026-01-05T10:00:00Z", "story: harbour-bridge", f"category: '{HOSTILE_TEXT}'",
                      "tags: ['<x>', '&amp;', ']]>']", body=body)
    site = make_site(tmp_path, articles={"good.md": GOOD, "hostile.md": hostile},
                     config=f"title: '{HOSTILE_TEXT}'\ndescription: 'a & b < c'\nbase_url: http://127.0.0.1:8000/\n",
                     stories={"harbour-bridge.md": story(f"dek: '{HOSTILE_TEXT}'")})
    assert main(["build", "--site", str(site), "-q"]) == 0
    feed = parse_xml(site / "output" / "feed.xml")
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.findtext(f"{atom}title") == HOSTILE_TEXT
    entries = feed.findall(f"{atom}entry")
    assert entries and HOSTILE_TEXT in entries[0].findtext(f"{atom}summary", "")
    sitemap = parse_xml(site / "output" / "sitemap.xml")
    assert len(sitemap) >= 3


def test_feed_summary_from_an_article_body_with_control_characters_parses(tmp_path: Path) -> None:
    # Article bodies are not YAML: their control characters reach the story summary through the merge.
    # both statements hold control characters: whichever the merge ranks first becomes the summary
    body = ("The harbour bridge will close\x01 on Monday for two weeks\x1b of repairs, the city council said.\n\n"
            "Engineers found 14 worn\x01 joints\x1b during an inspection in March, according to the council.\n")
    articles = {f"a{i}.md": article("title: Harbour bridge to close for repairs", f"outlet: Outlet {i}",
                                    "story: harbour-bridge", f"published: 2026-01-0{i + 1}T10:00:00Z",
                                    f"url: https://o{i}.example.com/a", body=body) for i in range(3)}
    site = make_site(tmp_path, articles=articles)
    assert main(["build", "--site", str(site), "-q"]) == 0
    summary = parse_xml(site / "output" / "feed.xml").findtext(".//{http://www.w3.org/2005/Atom}summary", "")
    assert ("Engineers found 14 worn joints during an inspection" in summary
            or "will close on Monday for two weeks of repairs" in summary), summary
    parse_xml(site / "output" / "sitemap.xml")
