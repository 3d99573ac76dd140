"""Group sentences from different outlets that state the same thing into claims.

Similarity is the cosine of TF-IDF vectors built within one story over: content stems (synonyms
folded, so paraphrases meet), names, numbers-with-units and month/day dates, the last three
weighted up because a shared "25,000 accounts" or "July 10" is stronger evidence than a shared
verb. IDF is computed over the story's own sentences, so the names every sentence carries
("Alibaba") count for little and the rare ones ("Qoder") for a lot.

Pairs are found through an inverted index (only sentences that share a feature are compared) and
only across articles. Clusters form greedily from the strongest pair down, with an average-link
check so that one bridging sentence cannot chain two different facts together. rapidfuzz is not
needed here; it is used for FAQ question de-duplication and near-duplicate articles.
"""
from __future__ import annotations

import math
from operator import mul
from bisect import bisect_left
from itertools import chain, compress, islice
from collections import Counter, defaultdict
from dataclasses import dataclass

from .features import Features, stem
from .sentences import Sentence

PAIR_THRESHOLD = 0.33  # a pair this similar may join two clusters ...
LINK_THRESHOLD = 0.20  # ... if the clusters' average cross-article similarity also reaches this
NUMBER_BONUS = 0.08  # a shared figure ("28.8 million") links long sentences that cosine alone would dilute
SUBJECT_MISMATCH = 0.75  # similarity kept when two sentences are about different parties
FEATURE_WEIGHT = {"w": 1.0, "n": 1.3, "#": 2.0, "d": 1.5}


@dataclass(frozen=True, slots=True)
class Item:
    """A sentence with its features, ready to compare."""

    sentence: Sentence
    features: Features


def _raw_features(features: Features) -> dict[str, int]:
    """Feature counts, keyed in first-appearance order (the order scores are later summed in)."""
    name_stems = {stem(n) for n in features.names}  # a name counts once, as a name, not also as a word
    keys = ["w:" + s for s in features.stems if s not in name_stems]
    keys += ["n:" + n for n in features.names]
    keys += [f"#:{_round_key(num.value)}" for num in features.numbers]  # the value alone: units are worded too freely
    keys += [f"d:{d.month}-{d.day or 0}" for d in features.dates]
    counts = dict.fromkeys(keys, 1)  # most sentences repeat no feature: no counting needed
    return counts if len(counts) == len(keys) else Counter(keys)


def _round_key(value: float) -> str:
    """Two significant figures, so "$68.7bn" and "about $69bn" share a key."""
    if value == 0:
        return "0"
    digits = 2 - int(math.floor(math.log10(abs(value)))) - 1
    return f"{round(value, digits):g}"


def vectors(items: list[Item]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors; IDF over these items only."""
    raws = [_raw_features(it.features) for it in items]
    df = Counter(chain.from_iterable(raws))  # sentences holding each feature (counted in C)
    total = len(items)
    log_idf = {k: math.log((total + 1) / (n + 0.5)) for k, n in df.items()}
    # weight of a feature met once: (1 + log 1) * idf * w, and 1.0 * idf is exactly idf
    once = {k: idf * FEATURE_WEIGHT[k[0]] for k, idf in log_idf.items()}
    out = []
    for raw in raws:
        vec = {k: once[k] if tf == 1 else (1 + math.log(tf)) * log_idf[k] * FEATURE_WEIGHT[k[0]]
               for k, tf in raw.items()}
        values = list(vec.values())
        norm = math.sqrt(sum(map(mul, values, values))) or 1.0  # same products, same order as a generator
        out.append({k: v / norm for k, v in vec.items() if v > 0})
    return out


def similarities(items: list[Item], vecs: list[dict[str, float]]) -> dict[tuple[int, int], float]:
    """Cosine for every cross-article pair sharing a feature (inverted index, no all-pairs loop).

    The reference definition: :func:`group` uses :class:`_PairScores`, which gives the same
    values for the pairs it looks at without enumerating every pair of a common feature."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vec in enumerate(vecs):
        for key, weight in vec.items():
            postings[key].append((i, weight))
    scores: dict[tuple[int, int], float] = defaultdict(float)
    for key, plist in postings.items():
        bonus = NUMBER_BONUS if key[0] == "#" else 0.0
        # postings are in item order, and items are grouped by article: pair each entry only with
        # entries of later articles (same-article pairs are never compared, so never enumerated)
        next_article_at = _next_article_starts(plist, items)
        for a in range(len(plist)):
            i, wi = plist[a]
            for b in range(next_article_at[a], len(plist)):
                j, wj = plist[b]
                scores[(i, j)] += wi * wj + bonus
    # "Anthropic has not responded" and "Alibaba has not responded" are two facts, not one
    for (i, j), score in scores.items():
        si, sj = items[i].features.subject, items[j].features.subject
        if si and sj and si != sj:
            scores[(i, j)] = score * SUBJECT_MISMATCH
    return dict(scores)


def _next_article_starts(plist: list[tuple[int, float]], items: list[Item]) -> list[int]:
    """For each posting, the index of the first posting from a different (later) article."""
    starts = [len(plist)] * len(plist)
    boundary = len(plist)
    for a in range(len(plist) - 1, -1, -1):
        if a + 1 < len(plist) and items[plist[a + 1][0]].sentence.article != items[plist[a][0]].sentence.article:
            boundary = a + 1
        starts[a] = boundary
    return starts


DENSE_ROWS_UP_TO = 1200  # items; beyond this, score rows are kept sparse to bound memory (n * n floats)


class _PairScores:
    """Every cross-article pair's similarity, equal bit for bit to :func:`similarities`.

    :func:`similarities` adds into a dict keyed by pair tuples, one posting pair at a time, which
    dominated the merge. Here each sentence ``i`` keeps its scores against later-article sentences
    in one list (row) indexed by ``j``, and features are added in the order :func:`similarities`
    visits them (first appearance), so every pair's sum is formed from the same terms in the same
    order: identical floats, hence identical ties and threshold tests.
    Assumes items are grouped by article (the callers build them article by article).
    """

    def __init__(self, items: list[Item], vecs: list[dict[str, float]]) -> None:
        n = len(items)
        self.subjects = [it.features.subject for it in items]
        article = [it.sentence.article for it in items]
        self.later = [n] * n  # index of the first item of the next article
        for i in range(n - 2, -1, -1):
            self.later[i] = i + 1 if article[i + 1] != article[i] else self.later[i + 1]
        # features in first-appearance order (similarities' order); one met once pairs nothing
        df = Counter(chain.from_iterable(vecs))
        postings = {key: ([], []) for key, count in df.items() if count > 1}
        for i, vec in enumerate(vecs):
            for key, weight in vec.items():
                entry = postings.get(key)
                if entry is not None:
                    entry[0].append(i)
                    entry[1].append(weight)
        self.dense = n <= DENSE_ROWS_UP_TO
        self.rows: list = [[0.0] * n for _ in range(n)] if self.dense else [defaultdict(float) for _ in range(n)]
        for key, (js, ws) in postings.items():  # features in similarities' order, so each pair's sum is too
            self._add_feature(js, ws, NUMBER_BONUS if key[0] == "#" else 0.0)

    def _add_feature(self, js: list[int], ws: list[float], bonus: float) -> None:
        """Add one feature's products to the rows of every pair of its sentences across articles."""
        later, rows, end = self.later, self.rows, len(js)
        for a, i in enumerate(js):
            at = bisect_left(js, later[i], a + 1)
            if at == end:
                break  # later[] only grows along the postings: no later entry pairs with anything
            row, wi = rows[i], ws[a]
            if bonus:
                for j, wj in zip(js[at:], ws[at:]):
                    row[j] += wi * wj + bonus
            else:
                for j, wj in zip(js[at:], ws[at:]):
                    row[j] += wi * wj  # adding the 0.0 bonus, as similarities() does, changes nothing

    def get(self, pair: tuple[int, int]) -> float:
        """Score of (i, j), i < j, from different articles; 0.0 when they share no feature."""
        return self.score(*pair)

    def score(self, i: int, j: int) -> float:
        """:meth:`get` for ``i < j`` passed as two ints (the average link asks this in a tight loop)."""
        row = self.rows[i]
        score = row[j] if self.dense else row.get(j, 0.0)
        # "Anthropic has not responded" and "Alibaba has not responded" are two facts, not one
        si, sj = self.subjects[i], self.subjects[j]
        return score * SUBJECT_MISMATCH if si and sj and si != sj else score

    def at_least(self, threshold: float) -> list[tuple[float, tuple[int, int]]]:
        """(-score, pair) for every cross-article pair scoring ``threshold`` or more."""
        out = []
        for i, row in enumerate(self.rows):
            # the subject rule only lowers a score, so the raw score pre-filters
            if self.dense:  # compress/map keep the scan in C; columns before later[i] are all zero
                start = self.later[i]
                scores = islice(row, start, None)
                hits = compress(range(start, len(row)), map(threshold.__le__, scores)) \
                    if start < len(row) and max(islice(row, start, None)) >= threshold else ()
            else:
                hits = [j for j, s in row.items() if s >= threshold]
            for j in hits:
                score = self.get((i, j))
                if score >= threshold:
                    out.append((-score, (i, j)))
        return out


def group(items: list[Item], pair_threshold: float = PAIR_THRESHOLD,
          link_threshold: float = LINK_THRESHOLD) -> list[list[int]]:
    """Clusters of item indices; deterministic (ties broken by index)."""
    vecs = vectors(items)
    sims = _PairScores(items, vecs)
    cluster_of = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    # only pairs above the threshold can join clusters: sort those, not every scored pair
    if pair_threshold > 0:
        strong = sims.at_least(pair_threshold)
    else:  # rows hold zeros for pairs sharing nothing, which similarities() never lists
        strong = [(-score, pair) for pair, score in similarities(items, vecs).items() if score >= pair_threshold]
    strong.sort()
    for _negative_score, (i, j) in strong:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj or _average_link(members[ci], members[cj], items, sims) < link_threshold:
            continue
        keep, drop = min(ci, cj), max(ci, cj)
        for m in members[drop]:
            cluster_of[m] = keep
        members[keep].extend(members.pop(drop))
    return [sorted(m) for _, m in sorted(members.items())]


def _average_link(a: list[int], b: list[int], items: list[Item], sims: _PairScores) -> float:
    total, count = 0.0, 0
    score = sims.score
    for i in a:
        article = items[i].sentence.article
        for j in b:
            if items[j].sentence.article == article:
                continue
            total += score(i, j) if i < j else score(j, i)  # summed in the same order as before
            count += 1
    return total / count if count else 1.0
