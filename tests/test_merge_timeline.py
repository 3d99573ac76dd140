"""The timeline: dated statements of the story's own event; a plan superseded by the outcome of the
same day; background dates left out. Fixtures are written for these tests."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sitegen.config import Config
from sitegen.merge import merge_story
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
