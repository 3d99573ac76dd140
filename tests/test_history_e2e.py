"""A story's history, end to end through the real CLI: a story built in steps (2 articles; a confirming
article; an article giving a conflicting figure; a curator correction; a rebuild with no change), each
published with ``sitegen build --record``, and the history asserted after each step. It lives in
content/history/, so it survives deleting .sitegen-cache/ and output/ (a fresh clone).

The fixture articles are our own, about an invented town. Assertions are on kinds of entries and the
articles they cite, not on the merge's wording, so a better merge keeps them true: the sentences are
written so plainly that any reasonable merge groups them as meant.
"""
from __future__ import annotations

import json
import logging
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from sitegen import history
from sitegen.build import build
from sitegen.cli import main
from sitegen.deploy import DeployOptions, deploy
from test_incremental_build import reference_build, tree

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = Path(__file__).resolve().parents[1] / "sitegen" / "schema" / "story.schema.json"
STORY = "northport-fare"
T1, T2, T3, T4, T5 = 1772960400, 1773046800, 1773133200, 1773219600, 1773306000  # 8-12 March 2026, 09:00 UTC

CONFIG = """\
title: History test
base_url: http://127.0.0.1:8000/
language: en
timezone: UTC
outlets:
  Example Wire: {domain: example.com, owner: Example Media}
  Demo Daily: {domain: example.org, owner: Demo Publishing}
  Sample Ledger: {domain: example.net, owner: Sample Ledger Ltd}
  Test Gazette: {domain: gazette.example, owner: Gazette Group}
badges:
  confirmed: 3
  corroborated: 2
"""

ARTICLES = {
    "wire-fare": ("Northport raises its bus fare to 3 euros", "Example Wire", "https://example.com/northport-fare",
                  "2026-03-02T08:00:00Z", [
                      "Northport city council voted on Monday to raise the single bus fare to 3 euros.",
                      "The new fare takes effect on March 9.",
                      "The transport department said the extra money will pay for twelve electric buses."]),
    "daily-fare": ("Bus fare in Northport goes up to 3 euros", "Demo Daily", "https://example.org/northport-bus-fare",
                   "2026-03-02T11:00:00Z", [
                       "Northport city council raised the single bus fare to 3 euros in a vote on Monday.",
                       "The higher fare takes effect on March 9.",
                       "The transport department said the extra money will pay for twelve electric buses."]),
    # confirms all three points, in its own words
    "ledger-fare": ("Northport bus riders will pay 3 euros a trip", "Sample Ledger",
                    "https://example.net/northport-fare-rise", "2026-03-03T09:00:00Z", [
                        "Northport's council has approved a rise in the single bus fare to 3 euros.",
                        "The new fare takes effect from March 9.",
                        "Twelve electric buses will be paid for with the extra money, the transport department said."]),
    # gives another figure for the fare
    "gazette-fare": ("Northport bus fare climbs to 4 euros", "Test Gazette", "https://gazette.example/northport-bus",
                     "2026-03-04T09:00:00Z", [
                         "Northport city council voted to raise the single bus fare to 4 euros.",
                         "Passengers start paying the new fare on March 9."]),
}

STORY_FILE = """\
---
title: Northport raises its bus fare
corrections:
  - date: 2026-03-11
    text: An earlier version of this page said the new fare starts on March 2; it starts on March 9.
---
"""


def write_article(site: Path, slug: str) -> None:
    title, outlet, url, published, sentences = ARTICLES[slug]
    body = "\n\n".join(sentences)
    (site / "content" / "articles" / f"{slug}.md").write_text(
        f"---\ntitle: {title}\noutlet: {outlet}\nurl: {url}\npublished: {published}\nstory: {STORY}\n---\n{body}\n",
        encoding="utf-8")


def publish(site: Path, at: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(at))
    code = main(["build", "--site", str(site), "--record", "-j", "1"])
    err = capsys.readouterr().err
    assert code == 0, err
    return err


def entries(site: Path) -> list[dict]:
    """The story's history as story.json publishes it (newest first)."""
    data = json.loads((site / "output" / "stories" / STORY / "story.json").read_text(encoding="utf-8"))
    return data["history"]


def of_publish(site: Path, at: int) -> list[dict]:
    stamp = history.record.stamp(history.now({"SOURCE_DATE_EPOCH": str(at)}))
    return [e for e in entries(site) if e["at"].replace("+00:00", "Z") == stamp]


def feed_entry(site: Path) -> ET.Element:
    root = ET.parse(site / "output" / "feed.xml").getroot()
    (entry,) = root.findall(f"{ATOM}entry")
    return entry


def feed_updated(site: Path) -> str:
    return feed_entry(site).findtext(f"{ATOM}updated") or ""


def assert_story_json_valid(site: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads((site / "output" / "stories" / STORY / "story.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")),
                        format_checker=jsonschema.FormatChecker())


def assert_no_duplicates(site: Path) -> None:
    seen = Counter((e["kind"], e["text"]) for e in entries(site))
    assert [key for key, n in seen.items() if n > 1] == []


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "stories").mkdir()
    (root / "config.yml").write_text(CONFIG, encoding="utf-8")
    return root


def test_history_grows_step_by_step_and_survives_a_fresh_clone(site: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    history_file = site / "content" / "history" / f"{STORY}.jsonl"

    # 1. two articles: the story is first published, citing both
    write_article(site, "wire-fare")
    write_article(site, "daily-fare")
    err = publish(site, T1, monkeypatch, capsys)
    assert f"history: 1 update(s) recorded for 1 story ({STORY}) in content/history/" in err
    first = of_publish(site, T1)
    assert [e["kind"] for e in first] == ["published"]
    assert set(first[0]["sources"]) == {"wire-fare", "daily-fare"}
    assert len(entries(site)) == 1
    assert feed_updated(site).startswith("2026-03-08T09:00:00")
    assert_story_json_valid(site)

    # 2. a third outlet confirms: a new source, and points it confirms become Confirmed, citing it
    write_article(site, "ledger-fare")
    publish(site, T2, monkeypatch, capsys)
    second = of_publish(site, T2)
    kinds = Counter(e["kind"] for e in second)
    assert kinds["source-added"] == 1 and kinds["badge-changed"] >= 1, second
    assert not kinds.keys() & {"published", "source-removed", "claim-removed", "dispute-opened", "correction"}
    added = next(e for e in second if e["kind"] == "source-added")
    assert added["sources"] == ["ledger-fare"] and "Sample Ledger" in added["text"]
    for change in (e for e in second if e["kind"] == "badge-changed"):
        assert change["sources"] == ["ledger-fare"]
        assert "\u2192 Confirmed" in change["text"] and "3 independent lines" in change["text"]
    assert entries(site)[len(second):] == first  # newest first; the earlier publish untouched
    assert feed_updated(site).startswith("2026-03-09T09:00:00")
    feed_time = ET.parse(site / "output" / "feed.xml").getroot().findtext(f"{ATOM}updated") or ""
    assert feed_time.startswith("2026-03-09T09:00:00")  # the feed changed when its newest entry did
    sitemap = (site / "output" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"stories/{STORY}/</loc><lastmod>2026-03-09" in sitemap.replace("\n", "").replace(" ", "")
    summary = feed_entry(site).findtext(f"{ATOM}summary") or ""
    assert summary.startswith("Updated: New source: Sample Ledger") and f"(and {len(second) - 1} more change" in summary

    # 3. a fourth outlet gives another figure: a dispute opens, caused by that article
    write_article(site, "gazette-fare")
    publish(site, T3, monkeypatch, capsys)
    third = of_publish(site, T3)
    kinds = Counter(e["kind"] for e in third)
    assert kinds["source-added"] == 1 and kinds["dispute-opened"] == 1, third
    assert not kinds.keys() & {"published", "source-removed", "dispute-settled", "correction"}
    opened = next(e for e in third if e["kind"] == "dispute-opened")
    assert opened["sources"] == ["gazette-fare"]
    assert "3 euros" in opened["text"] and "4 euros" in opened["text"]
    assert all("gazette-fare" in e["sources"] for e in third if e["kind"] != "confidence-changed")
    assert_no_duplicates(site)

    # 4. the curator corrects the page: one correction entry, and the correction atop the page
    (site / "content" / "stories" / f"{STORY}.md").write_text(STORY_FILE, encoding="utf-8")
    publish(site, T4, monkeypatch, capsys)
    fourth = of_publish(site, T4)
    assert [e["kind"] for e in fourth] == ["correction"]
    assert "starts on March 9" in fourth[0]["text"]
    page = (site / "output" / "stories" / STORY / "index.html").read_text(encoding="utf-8")
    assert page.index('id="corrections"') < page.index('id="updates"') < page.index('id="key-points"')
    assert_story_json_valid(site)
    before_rebuild = history_file.read_text(encoding="utf-8")
    updated = feed_updated(site)
    assert updated.startswith("2026-03-11T09:00:00")

    # 5. a rebuild with no change adds nothing, and the feed entry keeps its time
    err = publish(site, T5, monkeypatch, capsys)
    assert "nothing changed since the last publish" in err
    assert of_publish(site, T5) == []
    assert history_file.read_text(encoding="utf-8") == before_rebuild
    assert feed_updated(site) == updated
    full = entries(site)
    assert [e["kind"] for e in full[-1:]] == ["published"] and len(full) == len(first + second + third + fourth)
    assert_no_duplicates(site)

    # a fresh clone: no cache, no output; the history is read back whole, and publishing again adds nothing
    page_before = (site / "output" / "stories" / STORY / "index.html").read_bytes()
    shutil.rmtree(site / ".sitegen-cache")
    shutil.rmtree(site / "output")
    assert main(["build", "--site", str(site), "-q", "-j", "1"]) == 0
    assert entries(site) == full
    assert (site / "output" / "stories" / STORY / "index.html").read_bytes() == page_before
    publish(site, T5, monkeypatch, capsys)
    assert entries(site) == full and history_file.read_text(encoding="utf-8") == before_rebuild


def test_a_plain_build_reads_the_history_but_never_writes_it(site: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    write_article(site, "wire-fare")
    write_article(site, "daily-fare")
    assert main(["build", "--site", str(site), "-q", "-j", "1"]) == 0
    assert not (site / "content" / "history").exists()
    assert entries(site) == []
    publish(site, T1, monkeypatch, capsys)
    write_article(site, "ledger-fare")
    assert main(["build", "--site", str(site), "-q", "-j", "1"]) == 0  # unpublished: the page shows what was published
    assert [e["kind"] for e in entries(site)] == ["published"]
    assert feed_updated(site).startswith("2026-03-08T09:00:00")
    assert main(["check", "--site", str(site)]) == 0
    report = capsys.readouterr().out
    assert "history: the next publish adds" in report and "source-added: New source: Sample Ledger" in report
    assert main(["build", "--site", str(site), "--record", "--drafts", "-q"]) == 1  # a draft is never published
    assert "without --drafts" in capsys.readouterr().err
    assert [e["kind"] for e in entries(site)] == ["published"]


def test_a_publish_never_rewrites_a_history_changed_behind_its_back(site: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    write_article(site, "wire-fare")
    write_article(site, "daily-fare")
    publish(site, T1, monkeypatch, capsys)
    history_file = site / "content" / "history" / f"{STORY}.jsonl"
    lines = history_file.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"published"', '"invented-kind"')
    history_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_article(site, "ledger-fare")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T2))
    assert main(["build", "--site", str(site), "--record", "-q"]) == 1
    err = capsys.readouterr().err
    assert f"{STORY}.jsonl:2: unknown entry kind 'invented-kind'" in err
    assert history_file.read_text(encoding="utf-8").splitlines()[1:] == lines[1:]


def test_deploy_publishes_the_committed_history_and_names_unrecorded_changes(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    def git(*args: str, cwd: Path = site) -> str:
        return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()

    write_article(site, "wire-fare")
    write_article(site, "daily-fare")
    git("init", "-q", "--bare", "remote.git", cwd=site.parent)
    git("init", "-q", "-b", "main")
    git("config", "user.name", "Test Curator")
    git("config", "user.email", "curator@example.com")
    git("remote", "add", "origin", str(site.parent / "remote.git"))
    git("add", ".")
    git("commit", "-qm", "two articles")
    logging.getLogger("sitegen").addHandler(caplog.handler)  # the CLI's logger does not propagate
    try:
        with caplog.at_level(logging.WARNING, logger="sitegen"):
            deploy(DeployOptions(site, base_url="https://news.example.org/"))
        assert any(STORY in r.getMessage() and "sitegen build --record" in r.getMessage() for r in caplog.records)
        assert git("status", "--porcelain", "--", "content/history") == ""  # a deploy records no history
        published = json.loads(git("show", f"gh-pages:stories/{STORY}/story.json", cwd=site.parent / "remote.git"))
        assert published["history"] == []

        publish(site, T1, monkeypatch, capsys)
        git("add", "content/history")
        git("commit", "-qm", "record the first publish")
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="sitegen"):
            deploy(DeployOptions(site, base_url="https://news.example.org/"))
        assert not [r for r in caplog.records if STORY in r.getMessage()]
    finally:
        logging.getLogger("sitegen").removeHandler(caplog.handler)
    published = json.loads(git("show", f"gh-pages:stories/{STORY}/story.json", cwd=site.parent / "remote.git"))
    assert [e["kind"] for e in published["history"]] == ["published"]


def test_a_correction_naming_a_missing_claim_is_a_warning_with_its_line(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write_article(site, "wire-fare")
    write_article(site, "daily-fare")
    story_file = site / "content" / "stories" / f"{STORY}.md"
    story_file.write_text(STORY_FILE.replace("starts on March 9.\n", "starts on March 9.\n    claim: c99\n"),
                          encoding="utf-8")
    assert main(["check", "--site", str(site)]) == 0
    assert f"{story_file}:4: correction names claim 'c99'" in capsys.readouterr().out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T1))
    assert main(["build", "--site", str(site), "--record", "--strict", "-q"]) == 1
    assert f"{story_file}:4: " in capsys.readouterr().err
    assert not (site / "content" / "history").exists()  # a failed publish records nothing


def test_a_history_pulled_from_elsewhere_rebuilds_the_pages_that_show_it(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for slug in ("wire-fare", "daily-fare", "ledger-fare"):
        write_article(site, slug)
    publish(site, T1, monkeypatch, capsys)
    elsewhere = tmp_path / "clone"
    shutil.copytree(site, elsewhere, ignore=shutil.ignore_patterns("output", ".sitegen-cache"))
    (elsewhere / "content" / "stories" / f"{STORY}.md").write_text(STORY_FILE, encoding="utf-8")
    publish(elsewhere, T1, monkeypatch, capsys)  # the same time: no date on any page moves, only the history
    # a colleague's correction arrives (git pull), then their publish of it: the history file alone
    shutil.copy(elsewhere / "content" / "stories" / f"{STORY}.md", site / "content" / "stories" / f"{STORY}.md")
    build(site, jobs=1)
    assert [e["kind"] for e in entries(site)] == ["published"]
    shutil.copy(elsewhere / "content" / "history" / f"{STORY}.jsonl", site / "content" / "history" / f"{STORY}.jsonl")
    result = build(site, jobs=1)
    assert result.incremental and result.written < result.pages  # only what shows the story was rendered
    assert [e["kind"] for e in entries(site)] == ["published", "correction"]  # one publish time: file order
    assert tree(site / "output") == reference_build(site, tmp_path / "reference")


def test_a_preview_picks_up_a_publish_made_beside_it(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """sitegen serve's rebuilds (a memo, the watcher's changed paths) show a history recorded in another
    terminal."""
    from sitegen.cache import BuildMemo

    write_article(site, "wire-fare")
    write_article(site, "daily-fare")
    preview = tmp_path / "preview"
    memo = BuildMemo(private_output=True)
    build(site, preview, jobs=1, memo=memo)
    memo.wait_for_save()
    shown = preview / "stories" / STORY / "story.json"
    assert json.loads(shown.read_text(encoding="utf-8"))["history"] == []
    publish(site, T1, monkeypatch, capsys)  # another process: writes site/output and the history file
    changed = frozenset({str(site / "content" / "history" / f"{STORY}.jsonl")})
    result = build(site, preview, jobs=1, memo=memo, changed=changed)
    memo.wait_for_save()
    assert result.written < result.pages
    assert [e["kind"] for e in json.loads(shown.read_text(encoding="utf-8"))["history"]] == ["published"]


def test_hostile_text_in_a_correction_and_in_the_history_file_stays_text(
        site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "</script><script>alert(1)</script> & <b>bold</b>"
    write_article(site, "wire-fare")
    write_article(site, "daily-fare")
    (site / "content" / "stories" / f"{STORY}.md").write_text(
        f"---\ntitle: Fare\ncorrections:\n  - date: 2026-03-11\n    text: {json.dumps(hostile)}\n---\n", encoding="utf-8")
    publish(site, T1, monkeypatch, capsys)
    history_file = site / "content" / "history" / f"{STORY}.jsonl"
    entry = {"at": "2026-03-09T09:00:00Z", "kind": "source-added", "text": hostile, "sources": [hostile]}
    history_file.write_text(history_file.read_text(encoding="utf-8") + json.dumps(entry) + "\n", encoding="utf-8")
    assert main(["build", "--site", str(site), "-q", "-j", "1"]) == 0
    for name in (f"stories/{STORY}/index.html", "feed.xml", "index.html"):
        assert "<script>alert" not in (site / "output" / name).read_text(encoding="utf-8"), name
    assert sum(e["text"] == hostile for e in entries(site)) == 1
