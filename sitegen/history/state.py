"""What a published story said, kept small enough to store after every publish and to compare with the next.

A claim is remembered by the articles that support it and its text; two claims are "the same" when they
rest on overlapping articles and say overlapping things (key terms, figures), never by text identity, so a
re-worded representative sentence is not a change (see :mod:`sitegen.history.changes`). Articles are named
by slug, the one name of a source that survives sources being added or removed (source ids are renumbered).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..model import Correction, Story

# Words that say nothing about what a claim states; what is left are its key terms.
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers him his how i if in into is it its itself just may me might more most much must my no nor not now of off on
once only or other our out over own said same says she should so some such than that the their them then there
these they this those through to too under until up very was we were what when where which while who whom why
will with would you your reported reports report according told tells say saying
""".split())
_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class SourceState:
    article: str  # slug
    outlet: str | None
    title: str

    def label(self) -> str:
        return f"{self.outlet}, \u201c{self.title}\u201d" if self.outlet else f"\u201c{self.title}\u201d"


@dataclass(frozen=True, slots=True)
class ClaimState:
    id: str
    text: str
    badge: str
    sources: tuple[str, ...]  # article slugs
    independent: int  # independent lines of reporting that state it
    why: str = ""

    def terms(self) -> frozenset[str]:
        return key_terms(self.text)

    def numbers(self) -> frozenset[str]:
        return figures(self.text)


@dataclass(frozen=True, slots=True)
class ValueState:
    value: str
    sources: tuple[str, ...]  # article slugs


@dataclass(frozen=True, slots=True)
class DisputeState:
    about: str
    kind: str
    values: tuple[ValueState, ...]

    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for v in self.values for s in v.sources))


@dataclass(frozen=True, slots=True)
class StoryState:
    sources: tuple[SourceState, ...]
    claims: tuple[ClaimState, ...]
    disputes: tuple[DisputeState, ...]
    confidence: str  # high, medium or low
    confidence_why: str
    corrections: tuple[Correction, ...]

    def outlet_of(self, article: str) -> str:
        return next((s.outlet or f"\u201c{s.title}\u201d" for s in self.sources if s.article == article), article)


def key_terms(text: str) -> frozenset[str]:
    """The words of ``text`` that carry meaning, lower-cased, possessives and plural -s cut off."""
    terms = set()
    for word in _WORD.findall(text.lower()):
        word = word.removesuffix("'s").removesuffix("\u2019s").strip("'-")
        if len(word) < 3 or word in STOP_WORDS:
            continue
        terms.add(word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word)
    return frozenset(terms)


def figures(text: str) -> frozenset[str]:
    """The numbers ``text`` gives, thousands separators removed ("1,200" and "1200" are one figure)."""
    return frozenset(m.group(0).replace(",", "") for m in _NUMBER.finditer(text))


def of_story(story: Story, corrections: tuple[Correction, ...]) -> StoryState:
    """The state of a merged story (a full Story: claims and disputes are read)."""
    article_of = {s.id: s.article for s in story.sources}

    def articles(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(article_of.get(i, i) for i in ids))

    return StoryState(
        sources=tuple(SourceState(s.article, s.outlet, s.title) for s in story.sources),
        claims=tuple(ClaimState(c.id, c.text, c.badge, articles(c.sources), c.independent_sources, c.why)
                     for c in story.claims),
        disputes=tuple(DisputeState(d.about, d.kind, tuple(ValueState(v.value, articles(v.sources)) for v in d.values))
                       for d in story.disputes),
        confidence=story.confidence.level, confidence_why=story.confidence.explanation,
        corrections=corrections)


# --------------------------------------------------------------------------- JSON (the history file's state lines)


def to_json(state: StoryState) -> dict[str, Any]:
    return {
        "sources": [{"article": s.article, "outlet": s.outlet, "title": s.title} for s in state.sources],
        "claims": [{"id": c.id, "text": c.text, "badge": c.badge, "sources": list(c.sources),
                    "independent": c.independent, "why": c.why} for c in state.claims],
        "disputes": [{"about": d.about, "kind": d.kind,
                      "values": [{"value": v.value, "sources": list(v.sources)} for v in d.values]}
                     for d in state.disputes],
        "confidence": {"level": state.confidence, "explanation": state.confidence_why},
        "corrections": [{"date": c.date, "text": c.text, "claim": c.claim} for c in state.corrections],
    }


def from_json(data: Any) -> StoryState:
    """The state a history file stored; raises ValueError (KeyError, TypeError) on anything malformed."""
    def text(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {value!r}")
        return value

    def slugs(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise ValueError(f"expected a list of article slugs, got {value!r}")
        return tuple(text(v) for v in value)

    def optional(value: Any) -> str | None:
        return None if value is None else text(value)

    confidence = data["confidence"]
    return StoryState(
        sources=tuple(SourceState(text(s["article"]), optional(s.get("outlet")), text(s["title"]))
                      for s in data["sources"]),
        claims=tuple(ClaimState(text(c["id"]), text(c["text"]), text(c["badge"]), slugs(c["sources"]),
                                int(c["independent"]), text(c.get("why", ""))) for c in data["claims"]),
        disputes=tuple(DisputeState(text(d["about"]), text(d["kind"]),
                                    tuple(ValueState(text(v["value"]), slugs(v["sources"])) for v in d["values"]))
                       for d in data["disputes"]),
        confidence=text(confidence["level"]), confidence_why=text(confidence["explanation"]),
        corrections=tuple(Correction(text(c["date"]), text(c["text"]), optional(c.get("claim")))
                          for c in data["corrections"]))
