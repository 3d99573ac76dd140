"""Conflicting values for the same fact: dates (by year), numbers with units; curator assertions.

Dates: every article's mentions of the same month and day are compared by year. A year written
out wins over one inferred from the publish date, within one article. Numbers: within one claim,
values with the same unit conflict only beyond rounding ("$68.7bn" vs "about $69bn" agree).
``likely`` is the value backed by more independent outlets, or None on a tie.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .features import DateMention, NumberMention, format_date


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
    member_hint: tuple[int, ...]  # article indices whose sentences anchor the dispute (for claim linking)
    month_day: tuple[int, int | None] | None = None


def _likely(values: list[ValueDraft], keys: list[str]) -> str | None:
    weights = sorted(((len({keys[a] for a in v.articles}), v.value) for v in values), reverse=True)
    if len(weights) > 1 and weights[0][0] > weights[1][0]:
        return weights[0][1]
    return None


def date_disputes(mentions: dict[int, list[tuple[DateMention, str]]], keys: list[str]) -> list[DisputeDraft]:
    """``mentions``: article index -> (date mention, sentence containing it)."""
    by_day: dict[tuple[int, int], dict[int, dict[int, tuple[bool, str]]]] = defaultdict(lambda: defaultdict(dict))
    for article, items in mentions.items():
        for mention, sentence in items:
            if mention.day is None or mention.resolved is None:
                continue
            explicit = mention.year is not None
            years = by_day[(mention.month, mention.day)][article]
            years.setdefault(mention.resolved.year, (explicit, sentence))
            if explicit:
                years[mention.resolved.year] = (True, sentence)
    disputes = []
    for (month, day), per_article in sorted(by_day.items()):
        chosen: dict[int, tuple[int, str]] = {}
        for article, years in per_article.items():
            explicit = {y: s for y, (e, s) in years.items() if e}
            pool = explicit or {y: s for y, (_e, s) in years.items()}
            if len(pool) == 1:
                year, sentence = next(iter(pool.items()))
                chosen[article] = (year, sentence)
        distinct = sorted({y for y, _ in chosen.values()}, reverse=True)
        if len(distinct) < 2:
            continue
        sample = DateMention("", month, day, None, None)
        values = []
        for year in distinct:
            arts = tuple(sorted(a for a, (y, _) in chosen.items() if y == year))
            quote = next((s for a, (y, s) in sorted(chosen.items()) if y == year and _has_year(s, year)),
                         chosen[arts[0]][1])
            values.append(ValueDraft(format_date(sample, year), arts, quote))
        about = f"The year of {format_date(sample, None)}"
        disputes.append(DisputeDraft(about, "date", tuple(values), _likely(values, keys),
                                     tuple(sorted(chosen)), (month, day)))
    return disputes


def _has_year(sentence: str, year: int) -> bool:
    return str(year) in sentence


def consistent(a: NumberMention, b: NumberMention) -> bool:
    """Equal within the coarser value's written precision (wider when either says "about")."""
    tolerance = max(a.precision, b.precision)
    if a.approximate or b.approximate:
        tolerance = max(tolerance, 0.05 * max(abs(a.value), abs(b.value)))
    return abs(a.value - b.value) <= tolerance + 1e-9 * max(abs(a.value), abs(b.value), 1.0)


def number_disputes(claim_text: str, numbers: dict[int, list[tuple[NumberMention, str]]],
                    keys: list[str]) -> list[DisputeDraft]:
    """Within one claim: ``numbers`` maps article index -> (mention, sentence)."""
    by_unit: dict[str, list[tuple[int, NumberMention, str]]] = defaultdict(list)
    for article, items in numbers.items():
        for mention, sentence in items:
            by_unit[mention.unit].append((article, mention, sentence))
    disputes = []
    for unit, entries in sorted(by_unit.items()):
        clusters = _value_clusters(entries)
        if len(clusters) < 2:
            continue
        per_article = defaultdict(set)
        for ci, cluster in enumerate(clusters):
            for article, _m, _s in cluster:
                per_article[article].add(ci)
        if any(len(c) > 1 for c in per_article.values()) or len(per_article) < 2:
            continue  # one article giving two values: likely two different facts, not a conflict
        values = [ValueDraft(c[0][1].text, tuple(sorted({a for a, _m, _s in c})), c[0][2]) for c in clusters]
        about = f"The figure ({unit}) in: {short(claim_text)}"
        disputes.append(DisputeDraft(about, "number", tuple(values), _likely(values, keys),
                                     tuple(sorted(per_article))))
    return disputes


def _value_clusters(entries: list[tuple[int, NumberMention, str]]) -> list[list[tuple[int, NumberMention, str]]]:
    ordered = sorted(entries, key=lambda e: (e[1].value, e[0]))
    clusters: list[list[tuple[int, NumberMention, str]]] = []
    for entry in ordered:
        if clusters and any(consistent(entry[1], other[1]) for other in clusters[-1]):
            clusters[-1].append(entry)
        else:
            clusters.append([entry])
    return clusters


def short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
