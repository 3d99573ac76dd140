"""What changed between the last published state of a story and the story now: the history's new entries.

Claims are paired by what they rest on and what they say, never by text identity: a pair's score is the
mean of the overlap of their articles and of their key terms (Dice), halved when both give figures and no
figure is shared. Pairs are taken best first; a claim left without a partner was added or dropped. A
paired claim is an entry only when its badge changed, so a re-worded sentence with the same sources is not.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Correction
from .state import ClaimState, DisputeState, StoryState, key_terms

# Entry kinds, in the order one update lists them (story.json and the schema name the same set).
KINDS = ("published", "correction", "source-added", "source-removed", "dispute-opened", "dispute-settled",
         "badge-changed", "claim-added", "claim-removed", "confidence-changed")
BADGE_LABELS = {"confirmed": "Confirmed", "corroborated": "Corroborated", "single-source": "Single source",
                "alleged": "Alleged", "disputed": "Disputed"}
SAME_CLAIM = 0.35  # the least pair score at which two claims are one claim, before and after
SAME_DISPUTE = 0.5  # the least Dice overlap of two disputes' "about" terms (same kind) that makes them one


@dataclass(frozen=True, slots=True)
class Change:
    """An entry before it is stamped with the publishing build's time."""

    kind: str
    text: str
    sources: tuple[str, ...]  # article slugs that caused it
    claim: str | None = None


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def claim_score(old: ClaimState, new: ClaimState) -> float:
    score = (dice(frozenset(old.sources), frozenset(new.sources)) + dice(old.terms(), new.terms())) / 2
    old_figures, new_figures = old.numbers(), new.numbers()
    if old_figures and new_figures and not old_figures & new_figures:
        score /= 2
    return score


def pair_claims(old: tuple[ClaimState, ...], new: tuple[ClaimState, ...]
                ) -> tuple[list[tuple[ClaimState, ClaimState]], list[ClaimState], list[ClaimState]]:
    """(pairs, claims only in ``new``, claims only in ``old``), each list in its claims' own order."""
    scored = sorted(((claim_score(o, n), i, j) for i, o in enumerate(old) for j, n in enumerate(new)),
                    key=lambda t: (-t[0], t[1], t[2]))
    partner: dict[int, int] = {}
    taken: set[int] = set()
    for score, i, j in scored:
        if score < SAME_CLAIM:
            break
        if i not in partner and j not in taken:
            partner[i] = j
            taken.add(j)
    pairs = sorted(((old[i], new[j]) for i, j in partner.items()), key=lambda p: new.index(p[1]))
    return pairs, [n for j, n in enumerate(new) if j not in taken], [o for i, o in enumerate(old) if i not in partner]


def _same_dispute(a: DisputeState, b: DisputeState) -> bool:
    if a.kind != b.kind:
        return False
    values = {v.value.strip().lower() for v in a.values} & {v.value.strip().lower() for v in b.values}
    return bool(values) or dice(key_terms(a.about), key_terms(b.about)) >= SAME_DISPUTE


def _names(articles: tuple[str, ...], state: StoryState) -> str:
    return ", ".join(dict.fromkeys(state.outlet_of(a) for a in articles))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def changes(before: StoryState | None, after: StoryState) -> list[Change]:
    """The entries the next publish adds; none when the story says what it said (see the module doc)."""
    if before is None:
        every = tuple(s.article for s in after.sources)
        return [Change("published", f"First published, from {_plural(len(every), 'source')}: "
                                    f"{_names(every, after)}.", every)]
    was = {s.article for s in before.sources}
    now = {s.article for s in after.sources}
    new_articles = tuple(s.article for s in after.sources if s.article not in was)
    found = _corrections(before, after)
    found += [Change("source-added", f"New source: {s.label()}.", (s.article,))
              for s in after.sources if s.article not in was]
    found += [Change("source-removed", f"Source removed: {s.label()}.", (s.article,))
              for s in before.sources if s.article not in now]
    found += _disputes(before, after, new_articles)
    found += _claims(before, after, new_articles)
    if before.confidence != after.confidence:
        found.append(Change("confidence-changed", f"Overall confidence {before.confidence} \u2192 "
                                                  f"{after.confidence}: {after.confidence_why}", new_articles))
    return found


def _corrections(before: StoryState, after: StoryState) -> list[Change]:
    published = {(c.date, c.text) for c in before.corrections}
    claims = {c.id: c for c in after.claims}
    return [Change("correction", f"Correction ({c.date}): {c.text}",
                   claims[c.claim].sources if c.claim in claims else (), c.claim)
            for c in after.corrections if (c.date, c.text) not in published]


def _disputes(before: StoryState, after: StoryState, new_articles: tuple[str, ...]) -> list[Change]:
    found = []
    for d in after.disputes:
        if not any(_same_dispute(old, d) for old in before.disputes):
            sides = "; ".join(f"{v.value} ({_names(v.sources, after)})" for v in d.values)
            found.append(Change("dispute-opened", f"Now disputed: {d.about}: {sides}.",
                                _caused_by(d.sources(), new_articles)))
    for d in before.disputes:
        if not any(_same_dispute(d, new) for new in after.disputes):
            found.append(Change("dispute-settled", f"No longer disputed: {d.about}.",
                                _caused_by(d.sources(), new_articles)))
    return found


def _claims(before: StoryState, after: StoryState, new_articles: tuple[str, ...]) -> list[Change]:
    pairs, added, dropped = pair_claims(before.claims, after.claims)
    found = []
    for old, new in pairs:
        if old.badge != new.badge:
            gained = tuple(s for s in new.sources if s not in old.sources)
            lost = tuple(s for s in old.sources if s not in new.sources)
            found.append(Change("badge-changed", f"{BADGE_LABELS.get(old.badge, old.badge)} \u2192 "
                                                 f"{BADGE_LABELS.get(new.badge, new.badge)}: {new.text} "
                                                 f"({_reason(old, new)})",
                                gained or lost or new.sources, new.id))
    found += [Change("claim-added", f"New key point: {c.text}", _caused_by(c.sources, new_articles), c.id)
              for c in added]
    found += [Change("claim-removed", f"Key point dropped: {c.text}", c.sources) for c in dropped]
    return found


def _reason(old: ClaimState, new: ClaimState) -> str:
    if new.badge == "disputed":
        return "outlets now give conflicting values for it"
    if old.badge == "disputed":
        return "no longer contradicted"
    if new.independent != old.independent:
        return f"now stated by {_plural(new.independent, 'independent line')}, was {old.independent}"
    return new.why.rstrip(".") or "the editor's call"


def _caused_by(sources: tuple[str, ...], new_articles: tuple[str, ...]) -> tuple[str, ...]:
    """The new articles among ``sources`` when there are any (they caused it), else all of ``sources``."""
    return tuple(s for s in sources if s in new_articles) or sources


def unknown_claim_corrections(corrections: tuple[Correction, ...], claim_ids: set[str]) -> list[Correction]:
    """Corrections naming a claim id the story does not have (ids follow the merge; the curator should look)."""
    return [c for c in corrections if c.claim is not None and c.claim not in claim_ids]
