"""The timeline: dated statements of the story's own event; a plan superseded by the outcome of the
same day; background dates left out. Fixtures are written for these tests."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sitegen.config import Config
from sitegen.merge import merge_story
from sitegen.merge.story import _of_the_story
from sitegen.model import Article


def article(n: int, day: int, body: str) -> Article:
    return Article(slug=f"t{n}", title="Harrow bridge reopens to traffic", body=body, source_path=Path(f"t{n}.md"),
                   outlet=f"Outlet {n}", story="bridge", published=datetime(2031, 6, day, 9, tzinfo=timezone.utc))


def timeline(articles: list[Article]) -> list[tuple[str, str]]:
    return [(t.date, t.text) for t in merge_story("bridge", articles, None, Config(root=Path("."))).timeline]


PLAN = ("The Harrow bridge is scheduled to reopen to traffic on June 9, 2031, the roads office said.",
        "Traffic is set to return to the Harrow bridge on June 9, 2031, after the repairs, the roads office said.")
OUTCOME = ("The Harrow bridge reopened to traffic on June 9, 2031, after four months of repairs.",
           "Cars crossed the reopened Harrow bridge on June 9, 2031, as the repairs ended.")


# (June: until frames reads a date's modality from the words before it, "May 9" reads as the modal "may")
def test_a_plan_is_superseded_by_the_outcome_of_the_same_day() -> None:
    articles = [article(1, 2, PLAN[0]), article(2, 3, PLAN[1]), article(3, 9, OUTCOME[0]), article(4, 10, OUTCOME[1])]
    entries = timeline(articles)
    assert [d for d, _t in entries] == ["2031-06-09"]
    assert "reopened" in entries[0][1] and "(planned)" not in entries[0][1]


def test_a_plan_nothing_has_superseded_says_it_is_planned() -> None:
    entries = timeline([article(1, 2, PLAN[0]), article(2, 3, PLAN[1])])
    assert len(entries) == 1 and entries[0][1].endswith("(planned)")


def test_a_single_source_date_long_before_the_story_is_background() -> None:
    background = "The old Harrow bridge was first closed on March 3, 2019, after a barge struck a pier."
    articles = [article(1, 9, OUTCOME[0] + "\n\n" + background), article(2, 10, OUTCOME[1])]
    dates = [d for d, _t in timeline(articles)]
    assert "2019-03-03" not in dates and "2031-06-09" in dates


def undated(n: int, body: str) -> Article:
    return Article(slug=f"u{n}", title="Harrow bridge reopens to traffic", body=body, source_path=Path(f"u{n}.md"),
                   outlet=f"Undated {n}", story="bridge", published=None)


def test_one_step_of_the_story_is_told_once() -> None:
    # two claims of one day telling the same step (reopening): one entry, from the claim more lines tell
    other = "Drivers returned to the reopened Harrow bridge on June 9, 2031, the roads office said."
    entries = timeline([article(1, 9, OUTCOME[0]), article(2, 10, OUTCOME[0]), article(3, 10, other)])
    assert [d for d, _t in entries] == ["2031-06-09"]
    assert "reopened to traffic" in entries[0][1]


def test_an_undated_articles_day_takes_the_year_of_the_story() -> None:
    # no publish date: the year nearest the story's dates, never one written in another sentence
    body = "The Harrow bridge reopened to traffic on June 9 after four months of repairs. It was built in 1998."
    entries = timeline([undated(1, body), undated(2, body), article(3, 12, "The roads office praised the crews.")])
    assert ("2031-06-09" in [d for d, _t in entries]) and all(not d.startswith("1998") for d, _t in entries)


def test_a_day_of_another_subject_is_not_a_step_of_the_story() -> None:
    weights = {"harrow": 2.0, "bridg": 2.0, "kessel": 0.1, "reopen": 1.0}
    # a sentence opening on a name the story hardly uses, naming nothing the story is about
    assert not _of_the_story("kessel", "Kessel Ferries began a new river service on Monday.", weights)
    # the same name beside the story's own
    assert _of_the_story("kessel", "Kessel Ferries closed as the Harrow bridge reopened.", weights)
    # the story's subject, a weekday, or no name at all
    assert _of_the_story("harrow", "Harrow bridge reopened on Monday.", weights)
    assert _of_the_story("monday", "Monday saw the first cars cross.", weights)
    assert _of_the_story(None, "The first cars crossed on Monday.", weights)


def test_the_less_likely_side_of_a_dispute_makes_no_entry() -> None:
    slipped = "The Harrow bridge reopened to traffic on June 19, 2031, after four months of repairs."
    entries = timeline([article(1, 20, OUTCOME[0]), article(2, 20, OUTCOME[0]), article(3, 20, OUTCOME[1]),
                        article(4, 20, slipped)])
    assert [d for d, _t in entries] == ["2031-06-09"]


def test_a_step_known_to_its_month_is_an_entry_of_that_month() -> None:
    # no day given: the month the sentences place the step in, never the start of a span ("since May")
    bodies = ["The Harrow bridge was closed in February 2031 after a barge struck a pier. " + OUTCOME[0],
              "The Harrow bridge was closed in February 2031 after a barge hit it. " + OUTCOME[1],
              "Traffic has used the ferry since May while the bridge was repaired. " + OUTCOME[0]]
    entries = timeline([article(n, 9 + n, body) for n, body in enumerate(bodies)])
    assert [d for d, _t in entries] == ["2031-02", "2031-06-09"]


def test_a_month_entry_reads_as_its_month_on_the_page() -> None:
    from sitegen.render.environment import format_date
    assert format_date("2031-02") == "February 2031"
    assert format_date("2031-02-09") == "9 February 2031"


def test_a_step_told_with_the_less_likely_side_of_a_dispute_makes_no_entry() -> None:
    landfall = "Storm Ida made landfall near Port Elm late on Sunday, the weather office said."
    weakened = "Storm Ida weakened over the hills on June 10, 2031, two days after it made landfall near Cape Rowan."
    articles = [article(1, 9, landfall), article(2, 9, landfall.replace("late on Sunday", "on Sunday night")),
                article(3, 10, landfall), article(4, 11, f"Storm Ida made landfall near Cape Rowan, one report said. "
                                                          f"{weakened}"),
                article(5, 11, weakened)]
    story = merge_story("bridge", articles, None, Config(root=Path(".")))
    [dispute] = story.disputes
    assert dispute.likely is not None and any("Cape Rowan" in v.value for v in dispute.values)
    # the other side's place is not asserted by an entry, though its day is a step of its own
    assert not any("Cape Rowan" in t.text for t in story.timeline)
    assert any("Port Elm" in t.text for t in story.timeline)


def test_a_day_told_in_a_relative_clause_is_not_the_day_of_the_sentence() -> None:
    # the count is not of the day the flood began: the sentence dates the noun, not what it states
    told = "The toll from the flood that began on June 2, 2031, stood at 40 by the weekend."
    entries = timeline([article(1, 9, told), article(2, 9, told.replace("stood at", "had reached")),
                        article(3, 10, told)])
    assert entries == []
