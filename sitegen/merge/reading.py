"""What a story's sentences state, read the first time a stage asks and kept for one merge.

Several stages ask the same sentence the same question: its figures (the attribute claims, support,
the shown text's particulars), its dates (the attribute claims, the timeline, a plan overtaken) and
its terms (support, a retold fact). Each of a merge's Items points to the merge's one Reading (made
with the items, in ``story._items``), and the functions that read a sentence keep their answer in
it (:func:`frames.figures_given`, :func:`frames.dates_of`, :func:`support.terms`): most sentences
are never asked, so nothing is read ahead. Nothing here outlives the merge: a real build merges a
sentence once, so a cache kept across merges would only flatter a benchmark that merges twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .frames import Statement


@dataclass(slots=True, eq=False)
class Reading:
    """One merge's memo of its sentences' figures, dates and terms (filled as stages ask)."""

    figures: dict[str, list[Statement]] = field(default_factory=dict)  # text -> frames.figures_in
    numbers: dict[str, list[Statement]] = field(default_factory=dict)  # text -> its figure statements, with its names
    dates: dict[int, list[Statement]] = field(default_factory=dict)  # item index -> frames.date_statements
    terms: dict[str, frozenset[str]] = field(default_factory=dict)  # text -> support.terms
