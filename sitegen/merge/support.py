"""Support for a claim wherever a source states it, not only where its sentence was grouped.

The sentence grouping puts each sentence in one group, so a source whose sentence also says
something else, or says the fact in a longer sentence, ends up elsewhere and the fact looks
thinly sourced. A claim stated by two outlets or more has a *core*: the words most of its
outlets' sentences use (up to three; the rarer first among words used equally often), leaving
out the words most of the story's outlets use (the story's own subject: "Alibaba", "Claude"). Any sentence of another outlet that holds
every core word, with the same polarity, states the claim too and joins it as a quote: a
sentence may support several claims, as a sentence may state several facts.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Protocol, Sequence

from .claims import Item

CORE_WORDS = 3  # at most this many core words, rarest first
MIN_CORE_WORDS = 2  # a claim with fewer shared words is not extended (one shared word is chance)
CORE_COVERAGE = 0.6  # a core word is used by this share of the claim's outlets (two at least)
STORY_WORD_SHARE = 0.6  # a word this share of the story's outlets use is no core word
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"})


class DraftLike(Protocol):
    members: list[int]
    articles: list[int]


def terms(item: Item) -> frozenset[str]:
    return frozenset(item.features.stems) | item.features.names


def negated(text: str) -> bool:
    words = text.lower().replace("’", "'").split()
    return any(w.strip(".,;:\"'()") in NEGATIONS or w.endswith("n't") for w in words)


def extend(drafts: Sequence[DraftLike], items: list[Item]) -> None:
    """Add to each draft stated by two articles or more every other article's sentence that holds
    its core words with the same polarity (in place; members stay in (article, index) order)."""
    term_sets = [terms(it) for it in items]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ts in enumerate(term_sets):
        for t in ts:
            postings[t].append(i)
    total = len(items)
    idf = {t: math.log((total + 1) / (len(p) + 0.5)) for t, p in postings.items()}
    polarity = [negated(it.sentence.text) for it in items]
    articles = len({it.sentence.article for it in items})
    spread: dict[str, int] = {t: len({items[i].sentence.article for i in p}) for t, p in postings.items()}
    # words most of the story's outlets use say what the story is, not which of its facts a sentence states
    story_words = frozenset(t for t, n in spread.items() if articles >= 3 and n >= STORY_WORD_SHARE * articles)
    for d in drafts:
        if len(d.articles) < 2:
            continue
        core = _core(d, items, term_sets, idf, story_words)
        if len(core) < MIN_CORE_WORDS:
            continue
        negative = Counter(polarity[m] for m in d.members).most_common(1)[0][0]
        candidates = set(postings[core[0]])
        for t in core[1:]:
            candidates.intersection_update(postings[t])
        have = set(d.articles)
        added = sorted(i for i in candidates if items[i].sentence.article not in have and polarity[i] == negative)
        if not added:
            continue
        d.members = sorted({*d.members, *added}, key=lambda m: (items[m].sentence.article, items[m].sentence.index))
        d.articles = sorted({items[m].sentence.article for m in d.members})


def _core(d: DraftLike, items: list[Item], term_sets: list[frozenset[str]], idf: dict[str, float],
          story_words: frozenset[str]) -> list[str]:
    coverage: dict[str, set[int]] = defaultdict(set)
    for m in d.members:
        for t in term_sets[m] - story_words:
            coverage[t].add(items[m].sentence.article)
    need = max(2, math.ceil(CORE_COVERAGE * len(d.articles)))
    shared = [t for t, arts in coverage.items() if len(arts) >= need]
    # the words most of its outlets use, the rarer first among equals: what the claim is about
    return sorted(shared, key=lambda t: (-len(coverage[t]), -idf[t], t))[:CORE_WORDS]
