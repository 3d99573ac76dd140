"""The curator's loop through the real CLI on a site in tmp: `sitegen check STORY` lists claims by their
content-derived ids; a story file's badges, merge, split and copies keyed by those ids take effect and
survive a new source and a reworded sentence; sources go by one name everywhere."""
from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from merge_support import FIXTURES
from sitegen.cli import main

STORY = "harbor-scooters"


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    (tmp_path / "config.yml").write_text("title: Curated\n", encoding="utf-8")
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    for path in (FIXTURES / "scooters").glob("*.md"):
        shutil.copy(path, articles / path.name)
    (tmp_path / "content" / "stories").mkdir()
    return tmp_path


def check(site: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code = main(["check", STORY, "--site", str(site), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def claims_in(report: str) -> dict[str, tuple[str, str]]:
    """claim id -> (badge, text), from check's listing."""
    return {m.group(1): (m.group(2), m.group(3))
            for m in re.finditer(r"^  claim (\S+) \[([a-z-]+)\] (.*)$", report, re.M)}


def claim_with(report: str, phrase: str) -> tuple[str, str]:
    """(id, badge) of the one claim whose text holds ``phrase``."""
    hits = [(cid, badge) for cid, (badge, text) in claims_in(report).items() if phrase in text]
    assert len(hits) == 1, (phrase, report)
    return hits[0]


def story_file(site: Path, front_matter: str) -> None:
    (site / "content" / "stories" / f"{STORY}.md").write_text(f"---\n{front_matter}---\n", encoding="utf-8")


def build(site: Path) -> tuple[dict, str]:
    assert main(["build", "--site", str(site)]) == 0
    folder = site / "output" / "stories" / STORY
    return (json.loads((folder / "story.json").read_text(encoding="utf-8")),
            (folder / "index.html").read_text(encoding="utf-8"))


def test_check_lists_each_claim_with_id_badge_why_sources_and_the_disputes(site: Path, capsys) -> None:
    code, out, _err = check(site, capsys)
    assert code == 0
    assert "automatic cluster" not in out  # one story asked for: no site-wide listing
    claims = claims_in(out)
    assert len(claims) >= 4
    for cid in claims:
        assert re.fullmatch(r"[a-z0-9_]+(?:-[a-z0-9_]+)*", cid), cid
        block = out.split(f"  claim {cid} ", 1)[1].splitlines()
        assert block[1].startswith("    why: ") and len(block[1]) > len("    why: ")
        assert block[2].startswith("    sources: [")
    assert "[2] Coastline Wire" in out and "Harbor Gazette" in out
    assert re.search(r"^  dispute d\d+ \[date\] .*April 1, 2031 \(.*\[\d\] Harbor Gazette", out, re.M)
    assert re.search(r"^  dispute d\d+ \[number\] .*\$250 .*\$500", out, re.M)
    # a story that does not exist is an error naming the site
    assert main(["check", "no-such-story", "--site", str(site)]) == 1
    assert "no story 'no-such-story'" in capsys.readouterr().err


def test_badge_override_by_id_survives_a_new_source_and_a_reworded_sentence(site: Path, capsys) -> None:
    _code, out, _err = check(site, capsys)
    appeal, badge = claim_with(out, "ZipRide")
    assert badge == "single-source"
    story_file(site, f"badges:\n  - {{claim: {appeal}, badge: alleged, why: Only the operator says so.}}\n")
    _code, out, _err = check(site, capsys)
    assert claim_with(out, "ZipRide")[1] == "alleged" and "Only the operator says so." in out

    # a new outlet reports the same appeal, and the wire's sentence is reworded slightly
    (site / "content" / "articles" / "bay.md").write_text(
        "---\ntitle: Operator to fight Harbor scooter ban\noutlet: Bay Courier\nurl: https://bay.example/zip\n"
        "published: 2031-03-06T10:00:00+00:00\nstory: harbor-scooters\n---\n"
        "ZipRide, the largest operator, said it would appeal the ruling in court.\n\n"
        "The company runs most of the rental scooters in the city.\n", encoding="utf-8")
    wire = site / "content" / "articles" / "wire.md"
    wire.write_text(wire.read_text(encoding="utf-8").replace("the largest operator", "the biggest operator"),
                    encoding="utf-8")
    _code, out, _err = check(site, capsys)
    assert "no claim matches" not in out, out  # the override still names its claim
    new_id, badge = claim_with(out, "ZipRide")
    assert badge == "alleged"
    if new_id != appeal:  # its key terms moved: check says which id to write
        assert f"badges: '{appeal}' now reads '{new_id}'" in out
    story, html = build(site)
    zip_claim = next(c for c in story["claims"] if "ZipRide" in c["text"])
    assert zip_claim["badge"] == "alleged" and zip_claim["why"] == "Only the operator says so."
    assert f'id="claim-{zip_claim["id"]}"' in html


def test_an_override_that_names_no_claim_is_reported_with_its_line(site: Path, capsys) -> None:
    story_file(site, "title: Harbor scooters\nbadges:\n  - {claim: no-such-claim-at-all, badge: confirmed}\n")
    code, out, _err = check(site, capsys, "--strict")
    assert code == 1
    assert re.search(r"story file: \S*harbor-scooters\.md:3: badges: no claim matches 'no-such-claim-at-all'", out)


MUSEUM = {
    "town-crier": ("Museum shuts for roof work", "Town Crier", "2031-05-02T08:00:00+00:00",
                   "The Harbor museum will close on June 2 so that its leaking roof can be replaced.\n\n"
                   "The museum cafe has been leased to Marta Olsen, who runs two bakeries on Quay Street.\n"),
    "evening-lamp": ("Harbor museum to close in June", "Evening Lamp", "2031-05-02T12:00:00+00:00",
                     "The Harbor museum closes on June 2 so its leaking roof can be replaced.\n\n"
                     "Tickets for the reopening on August 14 go on sale at the Quay Street kiosk on July 1.\n"),
}


def museum_site(site: Path) -> None:
    for slug, (title, outlet, published, body) in MUSEUM.items():
        (site / "content" / "articles" / f"{slug}.md").write_text(
            f"---\ntitle: {title}\noutlet: {outlet}\nurl: https://{slug}.example/museum\npublished: {published}\n"
            f"story: {STORY}\n---\n{body}", encoding="utf-8")


def test_merge_and_split_take_effect(site: Path, capsys) -> None:
    museum_site(site)
    for path in (site / "content" / "articles").glob("*.md"):
        if path.stem not in MUSEUM:
            path.unlink()
    _code, out, _err = check(site, capsys)
    roof, roof_badge = claim_with(out, "leaking roof")
    cafe, _ = claim_with(out, "Marta Olsen")
    tickets, _ = claim_with(out, "Tickets")
    assert roof_badge == "corroborated"
    story_file(site, f"merge:\n  - [{cafe}, {tickets}]\nsplit: [{roof}]\n")
    code, out, _err = check(site, capsys, "--strict")
    assert "story file:" not in out, out
    claims = claims_in(out)
    assert tickets not in claims and cafe in claims
    merged = out.split(f"  claim {cafe} ", 1)[1].splitlines()
    assert "Town Crier" in merged[2] and "Evening Lamp" in merged[2] and "Merged by the story's curator" in merged[1]
    assert claims[cafe][0] == "corroborated"  # two independent outlets now back the merged claim
    # the roof claim is now one claim per outlet's sentence, each single-source
    parts = [(cid, badge) for cid, (badge, text) in claims.items() if "leaking roof" in text]
    assert len(parts) == 2 and roof not in dict(parts)
    assert all(badge == "single-source" for _cid, badge in parts)
    story, _html = build(site)
    ids = {c["id"] for c in story["claims"]}
    assert all(set(source["claims"]) <= ids for source in story["sources"])
    assert sorted(len(c["sources"]) for c in story["claims"] if "leaking roof" in c["text"]) == [1, 1]


def test_copies_declared_in_the_story_file(site: Path, capsys) -> None:
    before, _html = build(site)
    post = next(s for s in before["sources"] if s["article"] == "post")
    daily = next(s for s in before["sources"] if s["article"] == "daily")
    assert post["role"] != "syndicated"
    story_file(site, "copies:\n  post: daily\n")
    after, html = build(site)
    post = next(s for s in after["sources"] if s["article"] == "post")
    assert post["role"] == "syndicated" and post["syndicated_from"] == daily["id"]
    assert re.search(r"Pier Post <span class=\"cites\">.*?</span> republished Metro Daily", html)
    story_file(site, "copies:\n  post: daily\n  no-such-article: daily\n")
    code, out, _err = check(site, capsys, "--strict")
    assert code == 1 and "harbor-scooters.md:2: copies: no article 'no-such-article' in this story" in out


@pytest.mark.parametrize(("front_matter", "line", "needle"), [
    ("title: T\nmerge: [a, b]\n", 3, "'merge' must be a list of lists of two or more claim ids"),
    ("title: T\nmerge:\n  - [only-one]\n", 3, "two or more"),
    ("split: {a: b}\n", 2, "'split' must be a list of claim ids"),
    ("title: T\ncopies: [a, b]\n", 3, "'copies' must map an article slug"),
    ("copies:\n  post: post\n", 2, "cannot be a copy of itself"),
    ("copies:\n  post: daily\n  daily: post\n", 2, "cannot be copies of each other"),
])
def test_bad_story_file_fields_name_file_and_line(site: Path, capsys, front_matter: str, line: int,
                                                 needle: str) -> None:
    story_file(site, front_matter)
    code, _out, err = check(site, capsys)
    assert code == 1
    assert f"harbor-scooters.md:{line}: " in err and needle in err, err


def test_sources_go_by_one_name_and_a_repost_reads_the_right_way(site: Path, capsys) -> None:
    gazette = site / "content" / "articles" / "gazette.md"
    gazette.write_text(gazette.read_text(encoding="utf-8").replace("outlet: Harbor Gazette\n", ""), encoding="utf-8")
    story, html = build(site)
    by_article = {s["article"]: s for s in story["sources"]}
    assert by_article["gazette"]["outlet"] == "gazette.example"  # the domain of its URL
    repost = by_article["repost"]
    assert repost["outlet"] == "Coastline Wire" and repost["reposted_by"] == "Newsfeed Hub"
    text = unescape(re.sub(r"<[^>]+>", "", html))
    assert "Newsfeed Hub reposted Coastline Wire's report" in text
    assert "Coastline Wire republished Newsfeed Hub" not in text
    # no internal id or headline stands in for a name, wherever the page names a source
    assert not re.search(r"\bs\d+\b", text)
    assert 'title="gazette.example: ' in html and "gazette.example" in text.split("Sources", 1)[1]
    for claim in story["claims"]:
        assert all(not re.fullmatch(r"s\d+", name) for name in re.findall(r"\(([^()]*)\)", claim["why"]))


def test_a_single_source_claim_does_not_quote_itself(site: Path) -> None:
    story, html = build(site)
    lone = next(c for c in story["claims"] if len(c["sources"]) == 1 and
                all(q["text"] == c["text"] for q in c["quotes"]))
    item = html.split(f'id="claim-{lone["id"]}"', 1)[1].split("</li>\n", 1)[0]
    assert 'class="quotes"' not in item
    several = next(c for c in story["claims"] if len(c["sources"]) > 1)
    item = html.split(f'id="claim-{several["id"]}"', 1)[1].split('<li id="claim-', 1)[0]
    assert 'class="quotes"' in item
