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
from collections import defaultdict
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


def _raw_features(features: Features) -> dict[str, float]:
    counts: dict[str, float] = defaultdict(float)
    name_stems = {stem(n) for n in features.names}  # a name counts once, as a name, not also as a word
    for s in features.stems:
        if s not in name_stems:
            counts["w:" + s] += 1.0
    for n in features.names:
        counts["n:" + n] += 1.0
    for num in features.numbers:
        counts[f"#:{_round_key(num.value)}"] += 1.0  # the value alone: units are worded too freely
    for d in features.dates:
        counts[f"d:{d.month}-{d.day or 0}"] += 1.0
    return counts


def _round_key(value: float) -> str:
    """Two significant figures, so "$68.7bn" and "about $69bn" share a key."""
    if value == 0:
        return "0"
    digits = 2 - int(math.floor(math.log10(abs(value)))) - 1
    return f"{round(value, digits):g}"


def vectors(items: list[Item]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors; IDF over these items only."""
    raws = [_raw_features(it.features) for it in items]
    df: dict[str, int] = defaultdict(int)
    for raw in raws:
        for key in raw:
            df[key] += 1
    total = len(items)
    out = []
    for raw in raws:
        vec = {k: (1 + math.log(tf)) * math.log((total + 1) / (df[k] + 0.5)) * FEATURE_WEIGHT[k[0]]
               for k, tf in raw.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({k: v / norm for k, v in vec.items() if v > 0})
    return out


def similarities(items: list[Item], vecs: list[dict[str, float]]) -> dict[tuple[int, int], float]:
    """Cosine for every cross-article pair sharing a feature (inverted index, no all-pairs loop)."""
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


def group(items: list[Item], pair_threshold: float = PAIR_THRESHOLD,
          link_threshold: float = LINK_THRESHOLD) -> list[list[int]]:
    """Clusters of item indices; deterministic (ties broken by index)."""
    vecs = vectors(items)
    sims = similarities(items, vecs)
    cluster_of = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    # only pairs above the threshold can join clusters: sort those, not every scored pair
    strong = [(-score, pair) for pair, score in sims.items() if score >= pair_threshold]
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


def _average_link(a: list[int], b: list[int], items: list[Item], sims: dict[tuple[int, int], float]) -> float:
    total, count = 0.0, 0
    for i in a:
        for j in b:
            if items[i].sentence.article == items[j].sentence.article:
                continue
            total += sims.get((min(i, j), max(i, j)), 0.0)
            count += 1
    return total / count if count else 1.0
