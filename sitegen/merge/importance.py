"""How central a sentence is to its story, and how many claims a page shows.

A story's core is what most of its lines of reporting write about: the words (stems, names
included) that many independent outlets use somewhere in their text, and above all the words of
their headlines. A sentence is central when it uses several of those words. Nothing here looks
at digits or capital letters: a plain key fact ("the sirens were not sounded") is as central as
one full of figures, and a credit or a ticker full of capitals is not lifted by them.

The page shows the corroborated claims (two or more independent lines) that pass the statement
tests, then single-source claims only when they are central, at most as many as the corroborated
ones or SINGLE_CLAIMS_PER_LINE per line of reporting, whichever is more (with a small floor so
that a young story with few sources still says something: a story with more lines has more
facts to tell), under an upper bound that grows with the story's lines of reporting (page_bound).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import chain

from .features import content_stems

# A single-source sentence must be at least this central to be shown: it uses one word that half
# the headlines share, or a few words most outlets use (the budget below ranks the rest).
MIN_SINGLE_CENTRALITY = 0.5
# A single-source sentence must say something: at least this many distinct content words
# ("Its account is specific about scale" has four).
MIN_SINGLE_TERMS = 5
# The words of a sentence counted for its centrality: its most central ones; a long sentence
# is not more central for being long.
TOP_TERMS = 8
# Single-source claims shown: at most as many as the corroborated claims or SINGLE_CLAIMS_PER_LINE
# per line of reporting, whichever is more, but at least this many.
MIN_SINGLE_CLAIMS = 6
SINGLE_CLAIMS_PER_LINE = 2
# Upper bound on the claims of one page: a story told by more independent lines of reporting may
# show more (PAGE_CLAIMS_BASE + PAGE_CLAIMS_PER_LINE per line), never more than MAX_PAGE_CLAIMS.
PAGE_CLAIMS_BASE = 12
PAGE_CLAIMS_PER_LINE = 3
MAX_PAGE_CLAIMS = 40


def term_weights(sentence_stems: Iterable[tuple[int, Iterable[str]]], titles: Sequence[str],
                 keys: Sequence[str]) -> dict[str, float]:
    """Weight of each word of the story: the share of lines of reporting whose headline uses it,
    plus the square of the share whose text uses it (squared: a word half the lines use counts
    a quarter, one every line uses counts fully). ``sentence_stems``: (article, stems) per
    sentence; ``titles`` and ``keys`` (independence keys) per article."""
    words_of_line: dict[str, set[str]] = defaultdict(set)
    for article, stems in sentence_stems:
        words_of_line[keys[article]].update(stems)
    heads_of_line: dict[str, set[str]] = defaultdict(set)
    for article, title in enumerate(titles):
        heads_of_line[keys[article]].update(content_stems(title))
    body = Counter(chain.from_iterable(words_of_line.values()))
    head = Counter(chain.from_iterable(heads_of_line.values()))
    lines = len(set(keys)) or 1
    weights = {}
    shared = min(2, lines)  # one outlet's word is no part of the story's core, unless it is the only outlet
    for stem, in_body in body.items():
        if in_body >= shared or stem in head:
            weights[stem] = (in_body / lines) ** 2 + head.get(stem, 0) / lines
    for stem in head.keys() - body.keys():
        weights[stem] = head[stem] / lines
    return weights


def centrality(stems: Iterable[str], weights: dict[str, float]) -> float:
    """The sum of the weights of a sentence's most central distinct words."""
    return centralities([stems], weights)[0]


def centralities(stem_lists: Iterable[Iterable[str]], weights: dict[str, float]) -> list[float]:
    """:func:`centrality` of each sentence (one call for a story's sentences)."""
    get = weights.get
    out = []
    for stems in stem_lists:
        # summed in sorted order: a set's order changes with the hash seed, and so would the last bit
        out.append(sum(sorted(filter(None, map(get, set(stems))))[-TOP_TERMS:]))
    return out


def mean_weight(stems: Iterable[str], weights: dict[str, float]) -> float:
    """The mean weight of a headline's distinct words: a headline made of the story's core words
    names its event; one of side words (an explainer's, a related story's) does not."""
    distinct = set(stems)
    return sum(sorted(weights.get(s, 0.0) for s in distinct)) / len(distinct) if distinct else 0.0


_QUESTION_OPENERS = frozenset("what how why when who whom whose where which".split())
_LABEL = re.compile(r"^\s*+([^:]{1,40}):\s+\S")


def is_question(headline: str) -> bool:
    """A question, or an explainer's heading that asks one ("What is ...", "How the ... works")."""
    words = headline.strip().strip("'\"‘’“”").split()
    return headline.rstrip().rstrip("'\"’”").endswith("?") or bool(words) and words[0].lower() in _QUESTION_OPENERS


def unlabelled(headline: str, weights: dict[str, float]) -> str:
    """The headline without a label before a colon ("Live updates: ...", "Watch: ...", "STORY:
    ..."): at most three words, none of them a core word of the story (``weights`` from
    :func:`term_weights`), so "Nvidia: shares ..." keeps its subject."""
    match = _LABEL.match(headline)
    if not match or len(match.group(1).split()) > 3:
        return headline
    if any(weights.get(s, 0.0) >= LABEL_CORE_WEIGHT for s in content_stems(match.group(1))):
        return headline
    rest = headline[match.end(1) + 1:].strip()
    return rest[:1].upper() + rest[1:]


LABEL_CORE_WEIGHT = 0.5  # a word of a label shares less than this with the story's core


def page_bound(lines: int) -> int:
    """How many claims a page of a story with ``lines`` independent lines of reporting may show."""
    return min(MAX_PAGE_CLAIMS, PAGE_CLAIMS_BASE + PAGE_CLAIMS_PER_LINE * lines)


def single_budget(corroborated: int, lines: int = 0) -> int:
    """How many single-source claims a page with ``corroborated`` claims, of a story told by
    ``lines`` independent lines of reporting, may show."""
    return max(MIN_SINGLE_CLAIMS, corroborated, SINGLE_CLAIMS_PER_LINE * lines)
