"""Confidence badges (PRODUCT.md), each with a one-sentence ``why``.

Precedence: disputed > single-source > alleged > confirmed > corroborated. "Unhedged" counts the
independent outlets that state the claim on their own authority: none of their sentences for it
carries a hedge or attribution cue. A source with several sentences for a claim is hedged if
any of them is, since one "according to Reuters" shows it is relaying, not reporting.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..config import BadgeThresholds
from ..model import Badge


@dataclass(frozen=True, slots=True)
class Support:
    outlets: tuple[str, ...]  # display names of the independent outlets, in source order
    unhedged: int  # independent outlets stating it without hedging
    cue: str | None  # an example hedge cue, for the explanation
    dispute_about: str | None = None
    # outlets whose sentences tell the fact but not every figure or day of the shown text: left out of
    # the count, and said so, or a reader sees a "one outlet only" badge over three outlets' quotes
    partial: int = 0


def _names(outlets: tuple[str, ...], limit: int = 3) -> str:
    if len(outlets) <= limit:
        return ", ".join(outlets)
    return ", ".join(outlets[:limit]) + f" and {len(outlets) - limit} more"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def badge(support: Support, thresholds: BadgeThresholds) -> tuple[Badge, str]:
    found, why = _counted(support, thresholds)
    if support.partial and found != "disputed":
        verb = "tells" if support.partial == 1 else "tell"
        why += f" {_plural(support.partial, 'more outlet')} {verb} the fact without every figure or day given here."
    return found, why


def _counted(support: Support, thresholds: BadgeThresholds) -> tuple[Badge, str]:
    count = len(support.outlets)
    hedge_note = f' (e.g. "{support.cue}")' if support.cue else ""
    stated = "Stated in full" if support.partial else "Stated"
    if support.dispute_about:
        hedged = count - support.unhedged
        tail = f", {hedged} of which hedge it or attribute it to others" if hedged else ""
        return "disputed", (f"Outlets give conflicting values for it ({support.dispute_about[0].lower()}"
                            f"{support.dispute_about[1:]}); stated by {_plural(count, 'independent outlet')}{tail}.")
    if count <= 1:
        extra = ", and hedged" + hedge_note if support.unhedged == 0 else ""
        return "single-source", f"{stated} by one outlet only ({_names(support.outlets)}){extra}."
    if support.unhedged == 0:
        return "alleged", (f"{stated} by {_plural(count, 'independent outlet')}, but every one hedges it or "
                           f"attributes it to someone else{hedge_note}.")
    if support.unhedged >= thresholds.confirmed:
        return "confirmed", (f"Stated without hedging by {_plural(support.unhedged, 'independent outlet')} "
                             f"({_names(support.outlets)}), with no conflict.")
    if count >= thresholds.corroborated:
        hedged = count - support.unhedged
        tail = f"; {hedged} of them hedge it" if hedged else ""
        return "corroborated", f"{stated} by {_plural(count, 'independent outlet')} ({_names(support.outlets)}){tail}."
    return "single-source", f"{stated} by {_plural(count, 'independent outlet')} only."
