"""The history stage on its own: comparing story states, the history file, corrections in the story file."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from sitegen import history
from sitegen.content import parse_story_file
from sitegen.errors import SitegenError
from sitegen.history import record
from sitegen.history.changes import changes
from sitegen.history.state import ClaimState, DisputeState, SourceState, StoryState, ValueState, from_json, to_json
from sitegen.model import Correction, HistoryEntry

A, B, C, D = "wire-fare", "daily-fare", "ledger-fare", "gazette-fare"
FARE = ClaimState("c1", "The council raised the single bus fare to 3 euros on Monday.", "corroborated", (A, B), 2)
START = ClaimState("c2", "The new fare takes effect on March 9.", "corroborated", (A, B), 2)
BUSES = ClaimState("c3", "Twelve electric buses will be bought with the money.", "single-source", (A,), 1)


def state(*claims: ClaimState, sources: tuple[str, ...] = (A, B), disputes: tuple[DisputeState, ...] = (),
          confidence: str = "medium", corrections: tuple[Correction, ...] = ()) -> StoryState:
    names = {A: "Example Wire", B: "Demo Daily", C: "Sample Ledger", D: "Test Gazette"}
    return StoryState(tuple(SourceState(s, names[s], f"Headline of {s}") for s in sources), claims, disputes,
                      confidence, "why", corrections)


BEFORE = state(FARE, START, BUSES)


def kinds(found: list[history.Change]) -> list[str]:
    return [c.kind for c in found]


def test_first_publish_is_one_entry_citing_every_source() -> None:
    found = changes(None, BEFORE)
    assert kinds(found) == ["published"]
    assert found[0].sources == (A, B) and "Example Wire, Demo Daily" in found[0].text


def test_the_same_story_adds_nothing() -> None:
    assert changes(BEFORE, BEFORE) == []


def test_a_reworded_sentence_with_the_same_sources_is_not_a_change() -> None:
    reworded = state(replace(FARE, id="c7", text="On Monday the single bus fare went up to 3 euros, set by the council."),
                     START, BUSES)
    assert changes(BEFORE, reworded) == []
    reordered = state(BUSES, replace(START, id="c1"), replace(FARE, id="c2"))
    assert changes(BEFORE, reordered) == []


def test_a_confirming_source_changes_badges_with_the_reason_and_cites_it() -> None:
    after = state(replace(FARE, badge="confirmed", sources=(A, B, C), independent=3), START, BUSES,
                  sources=(A, B, C), confidence="high")
    found = changes(BEFORE, after)
    assert kinds(found) == ["source-added", "badge-changed", "confidence-changed"]
    badge = found[1]
    assert badge.sources == (C,) and badge.claim == "c1"
    assert "Corroborated \u2192 Confirmed" in badge.text and "now stated by 3 independent lines, was 2" in badge.text
    assert found[2].text.startswith("Overall confidence medium \u2192 high") and found[2].sources == (C,)


def test_a_conflicting_figure_opens_a_dispute_and_a_settled_one_is_an_entry() -> None:
    dispute = DisputeState("The single fare", "number", (ValueState("3 euros", (A, B)), ValueState("4 euros", (D,))))
    after = state(replace(FARE, badge="disputed", sources=(A, B, D)), START, BUSES, sources=(A, B, D),
                  disputes=(dispute,))
    found = changes(BEFORE, after)
    assert kinds(found) == ["source-added", "dispute-opened", "badge-changed"]
    assert found[1].sources == (D,) and "3 euros (Example Wire, Demo Daily)" in found[1].text
    assert "conflicting values" in found[2].text
    # a re-worded "about" with a shared value is the same dispute; dropping it settles it
    renamed = replace(dispute, about="What a single ride costs")
    assert changes(after, replace(after, disputes=(renamed,))) == []
    settled = changes(after, state(FARE, START, BUSES, sources=(A, B, D)))
    assert kinds(settled) == ["dispute-settled", "badge-changed"]
    assert "no longer contradicted" in settled[1].text


def test_removed_sources_and_claims_are_entries() -> None:
    after = state(replace(FARE, sources=(B,), badge="single-source", independent=1),
                  replace(START, sources=(B,), badge="single-source", independent=1), sources=(B,))
    found = changes(BEFORE, after)
    assert kinds(found) == ["source-removed", "badge-changed", "badge-changed", "claim-removed"]
    assert found[0].sources == (A,) and found[-1].text.startswith("Key point dropped: Twelve electric buses")


def test_a_new_point_with_other_figures_is_added_not_paired() -> None:
    fine = ClaimState("c4", "Fare dodgers will pay a fine of 60 euros.", "single-source", (C,), 1)
    found = changes(BEFORE, state(FARE, START, BUSES, fine, sources=(A, B, C)))
    assert kinds(found) == ["source-added", "claim-added"]
    assert found[1].sources == (C,) and found[1].claim == "c4"


def test_corrections_are_entries_once_and_an_edited_one_again() -> None:
    fix = Correction("2026-03-11", "The fare starts on March 9, not March 2.", "c2")
    with_fix = replace(BEFORE, corrections=(fix,))
    found = changes(BEFORE, with_fix)
    assert kinds(found) == ["correction"] and found[0].sources == (A, B) and found[0].claim == "c2"
    assert changes(with_fix, with_fix) == []
    edited = replace(BEFORE, corrections=(replace(fix, text="The fare starts on March 9."),))
    assert kinds(changes(with_fix, edited)) == ["correction"]


def test_state_survives_its_json() -> None:
    dispute = DisputeState("The single fare", "number", (ValueState("3 euros", (A,)), ValueState("4 euros", (D,))))
    full = state(FARE, START, disputes=(dispute,), corrections=(Correction("2026-03-11", "Fixed.", None),))
    assert from_json(to_json(full)) == full


def test_now_reads_source_date_epoch() -> None:
    assert history.now({"SOURCE_DATE_EPOCH": "1772960400"}) == datetime(2026, 3, 8, 9, tzinfo=timezone.utc)
    with pytest.raises(SitegenError, match="SOURCE_DATE_EPOCH"):
        history.now({"SOURCE_DATE_EPOCH": "yesterday"})
    assert history.now({}).tzinfo is not None


# --------------------------------------------------------------------------- the history file


def test_history_file_appends_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "history" / "northport-fare.jsonl"
    at = datetime(2026, 3, 8, 9, tzinfo=timezone.utc)
    text = record.appended(None, "northport-fare", changes(None, BEFORE), BEFORE, at)
    record.write(path, None, text)
    first = record.parse(path, path.read_text(encoding="utf-8"))
    assert first.published() == BEFORE
    assert first.entries == (HistoryEntry(at, "published", changes(None, BEFORE)[0].text, (A, B)),)
    later = replace(BEFORE, sources=BEFORE.sources + (SourceState(C, "Sample Ledger", "A headline"),))
    grown = record.appended(first, "northport-fare", changes(BEFORE, later), later, at.replace(day=9))
    assert grown.startswith(first.text)  # appended, never rewritten
    record.write(path, first, grown)
    second = record.parse(path, path.read_text(encoding="utf-8"))
    assert [e.kind for e in second.entries] == ["published", "source-added"] and second.published() == later
    assert record.load_all(tmp_path / "history")["northport-fare"].text == grown


@pytest.mark.parametrize("lines, line, message", [
    (['{"sitegen-history": 1, "story": "other"}'], 1, "the first line must be"),
    (['{"sitegen-history": 1, "story": "s"}', "{not json"], 2, "not a JSON line"),
    (['{"sitegen-history": 1, "story": "s"}', '{"at": "2026-03-08T09:00:00Z", "kind": "published", "text": "x", '
      '"sources": "s"}'], 2, "list of article slugs"),
    (['{"sitegen-history": 1, "story": "s"}', '{"at": "March", "kind": "published", "text": "x", "sources": []}'],
     2, "'at' must be an ISO date-time"),
    (['{"sitegen-history": 1, "story": "s"}', "", '{"at": "2026-03-08T09:00:00Z", "state": {"sources": []}}'],
     3, "malformed published state"),
    (['{"sitegen-history": 1, "story": "s"}', '{"at": "2026-03-08T09:00:00Z", "kind": "published", "text": "x", '
      '"sources": []}'], 2, "no published state"),
])
def test_a_malformed_history_file_names_its_line(tmp_path: Path, lines: list[str], line: int, message: str) -> None:
    path = tmp_path / "s.jsonl"
    with pytest.raises(SitegenError, match=message) as caught:
        record.parse(path, "\n".join(lines) + "\n").published()
    assert caught.value.line == line and caught.value.path == str(path)


def test_a_publish_writes_only_over_its_own_history_file(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    at = datetime(2026, 3, 8, 9, tzinfo=timezone.utc)
    path.write_text("a curator's notes\n", encoding="utf-8")
    with pytest.raises(SitegenError, match="in the way"):
        record.write(path, None, record.appended(None, "s", [], BEFORE, at))
    assert path.read_text(encoding="utf-8") == "a curator's notes\n"
    path.unlink()
    record.write(path, None, record.appended(None, "s", changes(None, BEFORE), BEFORE, at))
    read = record.parse(path, path.read_text(encoding="utf-8"))
    path.write_text(read.text + '{"at": "2026-03-09T09:00:00Z", "kind": "correction", "text": "x"}\n', encoding="utf-8")
    with pytest.raises(SitegenError, match="refusing to rewrite history"):
        record.write(path, read, record.appended(read, "s", [], BEFORE, at))
    link = tmp_path / "history"
    link.mkdir()
    (link / "t.jsonl").symlink_to(path)
    with pytest.raises(SitegenError, match="plain file"):
        record.load_all(link)


# --------------------------------------------------------------------------- corrections in the story file


def story_file(tmp_path: Path, front: str) -> Path:
    path = tmp_path / "northport-fare.md"
    path.write_text(f"---\ntitle: Fare\n{front}---\nNote.\n", encoding="utf-8")
    return path


def test_corrections_parse_with_their_lines(tmp_path: Path) -> None:
    path = story_file(tmp_path, "corrections:\n  - date: 2026-03-11\n    text: The fare starts\n      on March 9.\n"
                                "    claim: c2\n  - {date: '2026-03-12', text: Second.}\n")
    parsed = parse_story_file(path, path.read_text(encoding="utf-8"))
    assert parsed.corrections == (Correction("2026-03-11", "The fare starts on March 9.", "c2", 4),
                                  Correction("2026-03-12", "Second.", None, 8))


@pytest.mark.parametrize("front, line, message", [
    ("corrections: yes\n", 3, "must be a list"),
    ("corrections:\n  - date: 2026-03-11\n    text: Fine.\n  - date: March\n    text: Bad date.\n", 6, "'date' must be"),
    ("corrections:\n  - date: 2026-03-11\n", 4, "'text' is required"),
    ("corrections:\n  - date: 2026-03-11\n    text: Fine.\n    claims: c2\n", 4, "unknown key 'claims'"),
    ("corrections:\n  - date: 2026-03-11\n    text: Fine.\n    claim: [c2]\n", 4, "'claim' must be a claim id"),
    ("corrections:\n  - just words\n", 4, "must be a mapping"),
])
def test_bad_corrections_name_the_entry_line(tmp_path: Path, front: str, line: int, message: str) -> None:
    path = story_file(tmp_path, front)
    with pytest.raises(SitegenError, match=message) as caught:
        parse_story_file(path, path.read_text(encoding="utf-8"))
    assert (caught.value.path, caught.value.line) == (str(path), line)


def test_a_story_whose_slug_changed_keeps_the_history_of_its_key(tmp_path: Path) -> None:
    at = datetime(2026, 3, 8, 9, tzinfo=timezone.utc)
    path = tmp_path / "northport-fare.jsonl"
    record.write(path, None, record.appended(None, "northport-fare", changes(None, BEFORE), BEFORE, at))
    files = record.load_all(tmp_path)
    renamed = SimpleNamespace(slug="northport-bus-fare", key="northport-fare")
    assert history.file_of(files, renamed) is files["northport-fare"]
    assert history.file_of(files, SimpleNamespace(slug="other", key="other")) is None
