"""The dispute drafts the merge builds before numbering them (see :mod:`frames` for how rival
values of one attribute are found: figures with their units, dates with their years; and
:mod:`assertions` for the rest: who said a remark, its wording, a name's spelling, a venue, a cause)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ValueDraft:
    value: str
    articles: tuple[int, ...]
    quote: str | None


@dataclass(frozen=True, slots=True)
class DisputeDraft:
    about: str
    kind: str
    values: tuple[ValueDraft, ...]
    likely: str | None
    member_hint: tuple[int, ...]  # article indices whose sentences anchor the dispute
