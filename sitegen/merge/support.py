"""Support for a claim wherever a source states it, not only where its sentence was grouped.

The sentence grouping puts each sentence in one group, so a source whose sentence also says
something else, or says the fact in a longer sentence, ends up elsewhere and the fact looks
thinly sourced. A claim stated by two outlets or more has a *core*: the words most of its
outlets' sentences use, attribution left out (up to three; among words used equally often, the
ones fewer of the story's outlets use first). A core of the story's own words only ("Alibaba",
"Claude") says nothing in particular; a core of one word must be a word few outlets use. Any sentence of another outlet that holds
every core word, with the same polarity, states the claim too and joins it as a quote: a
sentence may support several claims, as a sentence may state several facts.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from itertools import chain
from typing import Protocol, Sequence

from .claims import Item
from .features import content_stems
from .frames import ATTRIBUTION_VERBS

CORE_WORDS = 3
MIN_CORE_WORDS = 2
CORE_COVERAGE = 0.6  # a core word is used by this share of the claim's outlets (two at least)
RARE_SHARE = 0.5  # a claim extended on one word needs a word at most this share of outlets use
STORY_WORD_SHARE = 0.6  # a word this share of the story's outlets use is no core word
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"})


_NEGATION = re.compile(r"\b(?:" + "|".join(sorted(NEGATIONS)) + r")\b|n['’]t\b", re.IGNORECASE)


class DraftLike(Protocol):
    members: list[int]
    articles: list[int]


def terms(item: Item) -> frozenset[str]:
    """What the sentence states: its content stems and names, less those of its attribution
    ("…," the minister told reporters on Saturday): who said it is not what was said."""
    found = frozenset(item.features.stems) | item.features.names
    tail = attribution_tail(item.sentence.text)
    if not tail:
        return found
    words = content_stems(tail)
    return found - frozenset(words) - frozenset(w.lower() for w in tail.split())


def attribution_tail(text: str) -> str:
    """The "X said" part of a sentence: after a closing quote, or after the last comma when it
    holds an attribution verb ("…, NASA officials announced on Saturday")."""
    cut = max(text.rfind('”'), text.rfind('," '), text.rfind(',” '))
    if cut > 0 and cut > len(text) // 3:
        return text[cut + 1:]
    comma = text.rfind(", ")
    if comma > len(text) // 3:
        tail = text[comma + 2:]
        if any(w.strip(".,").lower() in ATTRIBUTION_VERBS for w in tail.split()[:8]):
            return tail
    return ""


def negated(text: str) -> bool:
    return _NEGATION.search(text) is not None


def extend(drafts: Sequence[DraftLike], items: list[Item]) -> None:
    """Add to each draft stated by two articles or more every other article's sentence that holds
    its core words with the same polarity (in place; members stay in (article, index) order)."""
    term_sets = [terms(it) for it in items]
    by_article: dict[int, set[str]] = defaultdict(set)
    for it, ts in zip(items, term_sets):
        by_article[it.sentence.article].update(ts)
    articles = len(by_article)
    spread: Counter[str] = Counter(chain.from_iterable(by_article.values()))
    polarity: dict[int, bool] = {}  # read only for the sentences a claim could gain (most are not)

    def negative_at(i: int) -> bool:
        if i not in polarity:
            polarity[i] = negated(items[i].sentence.text)
        return polarity[i]

    # words most of the story's outlets use say what the story is, not which of its facts a sentence states
    story_words = frozenset(t for t, n in spread.items() if articles >= 3 and n >= STORY_WORD_SHARE * articles)
    cores = []
    for d in drafts:
        if len(d.articles) < 2 or len(d.articles) == articles:
            continue  # (a claim every outlet states already has all the support there is)
        core = _core(d, items, term_sets, spread)
        if len(core) < MIN_CORE_WORDS or (len(core) == 1 and spread[core[0]] > RARE_SHARE * articles):
            continue
        if all(t in story_words for t in core):
            continue  # the story's own words ("Alibaba", "Claude") say nothing in particular
        cores.append((d, core))
    # (a core depends only on its own draft's sentences, so all are read before any draft grows;
    # the sentences are then indexed by core words only)
    core_words = frozenset(chain.from_iterable(core for _d, core in cores))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ts in enumerate(term_sets):
        for t in ts & core_words:
            postings[t].append(i)
    for d, core in cores:
        candidates = set(postings[core[0]])
        for t in core[1:]:
            candidates.intersection_update(postings[t])
        have = set(d.articles)
        candidates = {i for i in candidates if items[i].sentence.article not in have}
        if not candidates:
            continue
        negative = Counter(negative_at(m) for m in d.members).most_common(1)[0][0]
        added = sorted(i for i in candidates if negative_at(i) == negative)
        if not added:
            continue
        d.members = sorted({*d.members, *added}, key=lambda m: (items[m].sentence.article, items[m].sentence.index))
        d.articles = sorted({items[m].sentence.article for m in d.members})


def _core(d: DraftLike, items: list[Item], term_sets: list[frozenset[str]], spread: dict[str, int]) -> list[str]:
    by_article: dict[int, frozenset[str] | set[str]] = {}  # each article's terms in the draft
    for m in d.members:
        article = items[m].sentence.article
        held = by_article.get(article)
        by_article[article] = term_sets[m] if held is None else held | term_sets[m]
    coverage = Counter(chain.from_iterable(by_article.values()))  # term -> articles using it
    need = max(2, math.ceil(CORE_COVERAGE * len(d.articles)))
    shared = [t for t, n in coverage.items() if n >= need]
    # the words most of its outlets use, the ones fewer outlets of the story use first among equals
    return sorted(shared, key=lambda t: (-coverage[t], spread[t], t))[:CORE_WORDS]
