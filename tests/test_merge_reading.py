"""One reading of each sentence per merge: the stages that ask a sentence's figures, dates and terms
again read them from the merge's Reading, never from a cache that outlives the merge. Fixtures are
written for these tests."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest

from sitegen.config import Config
from sitegen.merge import frames, merge_story, support
from sitegen.merge.claims import Item
from sitegen.merge.features import sentence_features
from sitegen.merge.reading import Reading
from sitegen.merge.sentences import Sentence
from sitegen.model import Article

BODIES = (
    "The Corvan ferry carried 212 passengers when it ran aground near Pellham on Tuesday, June 3, 2031. "
    "The operator, Tessaro Lines, valued at $1.4 billion, said repairs would cost about $12 million. "
    "Three crew members were hurt, the coast guard said on Wednesday.",
    "The Corvan ran aground near Pellham on June 3, 2031, with 212 passengers aboard. "
    "Tessaro Lines said the repairs would cost $12 million and take six weeks. "
    "The coast guard said three crew members were hurt.",
    "About 210 passengers were on the Corvan when it struck a sandbank near Pellham on Tuesday. "
    "Repairs are expected to cost $12 million, Tessaro Lines said. "
    "The company said it would not cancel the summer timetable.",
)


def articles() -> list[Article]:
    return [Article(slug=f"f{n}", title="Ferry runs aground near Pellham", body=body, source_path=Path(f"f{n}.md"),
                    outlet=f"Outlet {n}", story="ferry", published=datetime(2031, 6, 3 + n, 8, tzinfo=timezone.utc))
            for n, body in enumerate(BODIES)]


def test_a_merge_reads_each_sentence_s_figures_and_dates_once(monkeypatch: pytest.MonkeyPatch) -> None:
    numbers: Counter[str] = Counter()
    dates: Counter[str] = Counter()
    number_statements, date_statements = frames.number_statements, frames.date_statements

    def count_numbers(item: int, article: int, text: str, *rest: object) -> list[frames.Statement]:
        numbers[text] += 1
        return number_statements(item, article, text, *rest)  # type: ignore[arg-type]

    def count_dates(item: int, article: int, text: str, *rest: object) -> list[frames.Statement]:
        dates[text] += 1
        return date_statements(item, article, text, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(frames, "number_statements", count_numbers)
    monkeypatch.setattr(frames, "date_statements", count_dates)
    story = merge_story("ferry", articles(), None, Config(root=Path(".")))
    assert any("$12 million" in c.text for c in story.claims) and story.timeline  # (figures and days were asked)
    assert numbers and max(numbers.values()) == 1, numbers.most_common(3)
    assert dates and max(dates.values()) == 1, dates.most_common(3)


def test_a_sentence_s_figures_are_the_same_read_with_or_without_its_names() -> None:
    """Names change what a figure is about (its context, head and subject), never which figures a
    sentence gives, nor their unit, value, precision, bound or words: figures_in from the statements
    read with the story's names equals figures_in read afresh."""
    texts = [
        "Tessaro Lines, valued at $1.4 billion, said repairs would cost about $12 million.",
        "Shares of Vantor rose 5% to $40 in early trading, a gain of more than $2 billion.",
        "The Corvan carried 212 passengers and 14 crew, including two Pellham pilots.",
        "Up to 30 Tessaro ships, each a 150-car ferry, sail seven days a week.",
        "Hundreds of Pellham residents, some 2,000 people, waited for the fifth ferry to arrive.",
    ]
    names = frozenset({"tessaro", "lines", "vantor", "corvan", "pellham"})
    about_names = 0
    for text in texts:
        named = frames.number_statements(3, 1, text, names)
        plain = frames.number_statements(0, 0, text, frozenset())
        about_names += named != plain
        assert frames.figures_in(text, numbers=named) == frames.figures_in(text) == frames.figures_in(text, numbers=plain)
        assert [(s.unit, s.value, s.text, s.bound) for s in named] == [(s.unit, s.value, s.text, s.bound) for s in plain]
    assert about_names >= 2  # (the names did change what some figures are about)


def test_what_a_stage_reads_is_kept_in_the_merge_s_reading_only() -> None:
    text = "Repairs will cost $12 million, Tessaro Lines said on Wednesday."
    [features] = sentence_features([text], frozenset({"tessaro", "lines"}), None, None)
    reading = Reading()
    item, other = Item(Sentence(0, 0, text), features, reading), Item(Sentence(0, 0, text), features)
    assert frames.figures_given(item) == frames.figures_given(other) == frames.figures_in(text)
    assert support.terms(item) == support.terms(other)
    assert reading.figures[text][0].text == "$12 million" and text in reading.terms
    assert frames.figures_given(item) is frames.figures_given(item)  # (kept: read once)
