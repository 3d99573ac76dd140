"""Group sentences from different outlets that state the same thing into claims.

Similarity is the cosine of TF-IDF vectors built within one story over: content stems (synonyms
folded, so paraphrases meet), names, numbers-with-units and month/day dates, the last three
weighted up because a shared "25,000 accounts" or "July 10" is stronger evidence than a shared
verb. IDF is computed over the story's own sentences, so the names every sentence carries
("Alibaba") count for little and the rare ones ("Qoder") for a lot.

Pairs are found through an inverted index (only sentences that share a feature are compared) and
only across articles. Clusters form greedily from the strongest pair down, with an average-link
check so that one bridging sentence cannot chain two different facts together. A story of
PARTNERS_FROM sentences or more (~60 articles) walks each sentence's strongest pairs and then the
strongest pair between clusters, not every strong pair (:meth:`_PairScores._sparse_walk`): the only
place where a speed-up changes which claims form. rapidfuzz is not needed here; it is used for FAQ
question de-duplication and near-duplicate articles.

Speed without changing a bit: :func:`vectors` and :func:`similarities` are the reference
definitions; :func:`group` computes the same vectors on numpy arrays (:func:`_entries`) and
the same pair sums with every product added in the reference's order (:func:`_dense_sums`),
so ties and threshold tests fall exactly as they did (tests/test_merge_speed_equivalence.py).
"""
from __future__ import annotations

import math
from operator import mul
from itertools import chain, filterfalse, groupby
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, NamedTuple

import numpy as np

from .features import Features, stem
from .reading import Reading
from .sentences import Sentence

PAIR_THRESHOLD = 0.33  # a pair this similar may join two clusters ...
LINK_THRESHOLD = 0.20  # ... if the clusters' average cross-article similarity also reaches this
NUMBER_BONUS = 0.08  # a shared figure ("28.8 million") links long sentences that cosine alone would dilute
SUBJECT_MISMATCH = 0.75  # similarity kept when two sentences are about different parties
FEATURE_WEIGHT = {"w": 1.0, "n": 1.3, "#": 2.0, "d": 1.5}


class Item(NamedTuple):
    """A sentence with its features, ready to compare (a NamedTuple: one is made per sentence)."""

    sentence: Sentence
    features: Features
    reading: Reading | None = None  # the merge's memo of what its sentences state (None: read afresh)


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


DENSE_ROWS_UP_TO = 1200  # items; beyond this, pairs are scored by sparse matrix products to bound memory (n * n floats)
BLOCK_CELLS = 1 << 21  # pair scores held at once when a long story's strong pairs are listed (16 MB of floats)
CLOSE = 1e-9  # a product sum this near a threshold is summed again in the reference's order (errors are ~1e-15)


@dataclass(frozen=True, slots=True)
class _Entries:
    """The nonzero values of :func:`vectors`, as parallel arrays in the same order (item by item,
    each item's features in its dict order); features are numbered by first appearance."""

    item: np.ndarray  # item index per entry
    feature: np.ndarray  # feature number per entry
    weight: np.ndarray  # unit-vector weight, equal bit for bit to vectors()'s value
    kinds: list[str]  # kind letter ("w", "n", "#", "d") per feature number


def _entries(items: list[Item]) -> _Entries:
    """:func:`vectors` computed on arrays: the same operations on the same operands, so the same floats.

    Logarithms stay with :func:`math.log` (numpy's may round differently), the norm's sum of
    squares is added in each item's entry order, and every product is formed left to right."""
    flat, ends = _feature_keys([it.features for it in items])
    number = dict.fromkeys(flat)  # numbered by first appearance
    number.update(zip(number, range(len(number))))
    feature = np.fromiter(map(number.__getitem__, flat), dtype=np.intp, count=len(flat))
    # (numpy's stubs type a diff with prepend= as timedelta64, whatever the array's dtype)
    item = np.repeat(np.arange(len(items)), np.diff(np.array(ends, dtype=np.intp), prepend=0))  # type: ignore[arg-type]
    repeats = _count_repeats(item, feature, len(number))
    tf = None
    if repeats is not None:  # some sentence names a feature twice: one entry for it, at its first place
        item, feature, tf = repeats
    kinds = [key[1] if key[0] == " " else "w" for key in number]
    df = np.bincount(feature, minlength=len(kinds))
    df_values, df_index = np.unique(df, return_inverse=True)  # few distinct counts: one log each
    total = len(items)
    idf = np.array([math.log((total + 1) / (int(d) + 0.5)) for d in df_values])[df_index]
    scale = np.array([FEATURE_WEIGHT[kind] for kind in kinds])
    weight = idf[feature] * scale[feature]  # a feature met once: idf * w
    if tf is not None:
        repeated = np.flatnonzero(tf > 1)
        counts, count_index = np.unique(tf[repeated], return_inverse=True)
        boost = np.array([1 + math.log(int(c)) for c in counts])[count_index]  # math.log, once per count
        f = feature[repeated]
        weight[repeated] = boost * idf[f] * scale[f]  # (1 + log tf) * idf * w, left to right
    weight = weight / _norms(item, weight, len(items))[item]
    keep = weight > 0  # vectors() drops non-positive weights
    if not keep.all():
        item, feature, weight = item[keep], feature[keep], weight[keep]
    return _Entries(item, feature, weight, kinds)


def _count_repeats(item: np.ndarray, feature: np.ndarray,
                   features: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """None when no sentence repeats a feature; else (item, feature, count) with one entry per
    distinct (item, feature), kept at its first place, so each item's entries keep their order."""
    pair = item * features + feature
    _unique, first, counts = np.unique(pair, return_index=True, return_counts=True)
    if len(first) == len(pair):
        return None
    order = np.argsort(first)
    first = first[order]
    return item[first], feature[first], counts[order]


def _feature_keys(features: list[Features]) -> tuple[list[str], list[int]]:
    """:func:`_raw_features`'s keys of every sentence, one list for all (and where each sentence's
    keys end), without building a string per stem: a content stem stands for itself, the other
    kinds are " n", " #" or " d" and the value. A stem is made of a word's letters, apostrophes
    and hyphens, never a space, so no two kinds can meet."""
    names = set().union(*[f.names for f in features])
    name_key = {name: " n" + name for name in names}.__getitem__  # one string per name, its hash kept
    name_stem = {name: stem(name) for name in names}.__getitem__
    keys: list[str] = []
    ends: list[int] = []
    add, end = keys.extend, ends.append
    for f in features:
        if f.names:
            name_stems = set(map(name_stem, f.names))  # a name counts once, as a name, not also as a word
            add(filterfalse(name_stems.__contains__, f.stems))
            add(map(name_key, f.names))
        else:
            add(f.stems)
        if f.numbers:
            add([" #" + _round_key(num.value) for num in f.numbers])
        if f.dates:
            add([f" d{d.month}-{d.day or 0}" for d in f.dates])
        end(len(keys))
    return keys, ends


def _norms(item: np.ndarray, weight: np.ndarray, n: int) -> np.ndarray:
    """Each item's vector length: squares summed one by one in entry order, as sum() does."""
    counts = np.bincount(item, minlength=n)
    width = int(counts.max()) if n else 0
    position = np.arange(len(item)) - (np.cumsum(counts) - counts)[item]
    squares = np.zeros((n, width + 1))  # (a zero column first: the sum of an item without entries is 0.0)
    squares[item, position + 1] = weight * weight
    # a running sum along each row adds one square at a time, in entry order, as sum() does;
    # adding the zero padding after an item's last square changes nothing
    total = np.cumsum(squares, axis=1)[:, -1]
    norms = np.sqrt(total)
    norms[norms == 0] = 1.0  # math.sqrt(0.0) or 1.0
    return norms


PAIRS_AT_ONCE = 1 << 18  # products of a story summed in one call (~8 MB of temporaries at most)
PAIR_BATCH = 4096  # (pair, feature) products added per batch: small arrays reuse malloc's memory
PAIR_LIST = 8192  # products whose (posting, partner) numbers are listed at once (int32, 32 KB: larger
# temporaries made the heap shrink and grow back story by story, page faults ~5 % of the merge)


def _dense_sums(entries: _Entries, later: np.ndarray, row_start: np.ndarray) -> np.ndarray:
    """Raw scores of every cross-article pair i < j, each a sum over shared features, at
    ``row_start[i] + j - later[i]``: row i holds item i's pairs with the items of later articles.

    Every (pair, feature) product is listed feature by feature in first-appearance order, and
    ``np.bincount`` (a long story's: ``np.add.at``, a batch at a time) adds them into their pair's
    cell one by one in that order, starting from 0.0:
    the additions :func:`similarities` makes, in its order, so the sums are the same floats.
    (Pairs within one article get no cell: about half the memory of an n x n array, which kept
    the heap from being handed back and asked for again story by story.)"""
    n = len(later)
    df = np.bincount(entries.feature, minlength=len(entries.kinds))
    # by feature, items ascending within one (16-bit feature numbers get numpy's radix sort)
    numbers = entries.feature.astype(np.int16) if len(entries.kinds) <= np.iinfo(np.int16).max else entries.feature
    order = np.argsort(numbers, kind="stable")
    order = order[df[entries.feature[order]] > 1]  # a feature met once pairs nothing
    feature, item, weight = entries.feature[order], entries.item[order], entries.weight[order]
    # posting a pairs with the postings of its feature from the next article on: [first_later, end)
    key = feature * n + item
    first_later = np.searchsorted(key, feature * n + later[item])
    partners = np.searchsorted(feature, feature, side="right") - first_later
    bonus = (np.array([NUMBER_BONUS if kind == "#" else 0.0 for kind in entries.kinds])[feature]
             if "#" in entries.kinds else None)
    cell = row_start[item] - later[item]  # + the partner's item: the pair's cell
    # the products are listed posting by posting: posting a's partners are postings first_later[a],
    # first_later[a] + 1, ... of its feature; listed for up to PAIR_LIST postings' worth at a time
    done = np.cumsum(partners)  # products listed up to and including each posting
    skip = done - partners - first_later  # a product's number minus its partner's posting
    if not len(done) or done[-1] <= PAIRS_AT_ONCE:
        # (a short story: every product listed at once, and bincount adds each into its cell in the
        # order listed, from 0.0, as np.add.at does; one call instead of a batch's worth of calls)
        left = np.repeat(np.arange(len(partners), dtype=np.int32), partners)
        right = np.arange(len(left), dtype=np.int32) - np.repeat(skip.astype(np.int32), partners)
        products = weight[left] * weight[right]
        if bonus is not None:
            products += bonus[left]
        return np.bincount(cell[left] + item[right], weights=products, minlength=int(row_start[-1]))
    sums = np.zeros(int(row_start[-1]))
    start = 0
    while start < len(partners):
        before = int(done[start - 1]) if start else 0
        stop = max(start + 1, int(np.searchsorted(done, before + PAIR_LIST, side="right")))
        counts = partners[start:stop]
        left = np.repeat(np.arange(start, stop, dtype=np.int32), counts)
        right = np.arange(before, before + len(left), dtype=np.int32) - np.repeat(skip[start:stop].astype(np.int32), counts)
        for at in range(0, len(left), PAIR_BATCH):  # (batches: small arrays reuse malloc's memory)
            a, b = left[at:at + PAIR_BATCH], right[at:at + PAIR_BATCH]
            products = weight[a] * weight[b]
            if bonus is not None:  # wi * wj + bonus; with a 0.0 bonus the product is unchanged
                products += bonus[a]
            np.add.at(sums, cell[a] + item[b], products)
        start = stop
    return sums


# A story this long walks each sentence's PARTNERS strongest pairs, then the strongest pair between
# two clusters left apart (see _PairScores._sparse_walk): one fact told by every outlet gives a strong
# pair per two outlets, so walking them all grew with the square of the story (a product choice: the
# claims may differ from a walk of every pair, in long stories only)
PARTNERS_FROM = 2400  # items (sentences): ~90 bench articles, 60 of 40 sentences
PARTNERS = 8


def _strongest_partners(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Of pairs listed strongest first, which are among the first PARTNERS pairs of either of their
    sentences (a mask)."""
    ends = np.empty(2 * len(first), dtype=np.intp)
    ends[0::2], ends[1::2] = first, second  # pair k's sentences at 2k and 2k + 1
    order = np.argsort(ends, kind="stable")  # by sentence, each sentence's pairs strongest first
    ranked = ends[order]
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order)) - np.searchsorted(ranked, ranked, side="left")
    return np.minimum(rank[0::2], rank[1::2]) < PARTNERS


EXACT_ARRAYS_FROM = 64  # a run of this many tied pairs is scored exactly on arrays
EXACT_BATCH = 8192  # pairs scored on arrays at once (their rows' entries: a few MB)


def _row_entries(indptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the entries of each of ``rows`` (a CSR matrix's rows, in that order), and the
    index into ``rows`` of each."""
    counts = indptr[rows + 1] - indptr[rows]
    owner = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
    offsets = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return indptr[rows][owner] + offsets, owner


class _PairScores:
    """Every cross-article pair's similarity, equal bit for bit to :func:`similarities`.

    :func:`similarities` adds into a dict keyed by pair tuples, one posting pair at a time, which
    dominated the merge. Up to ``DENSE_ROWS_UP_TO`` items the scores are one array of every
    cross-article pair built by :func:`_dense_sums`, which adds features in the order
    :func:`similarities` visits them (first appearance), so every pair's sum is formed from the same
    terms in the same order: identical floats, hence identical ties and threshold tests. Beyond, no
    pair's score is stored: sparse matrix products find the pairs near a threshold, and those alone
    are summed in the reference's order (:meth:`_exact`), so every listed score and every decision
    is still the reference's, in memory linear in the story's length.
    Assumes items are grouped by article (the callers build them article by article).
    """

    def __init__(self, items: list[Item], vecs: list[dict[str, float]] | None = None) -> None:
        n = len(items)
        self.subjects = [it.features.subject for it in items]
        self.article = [it.sentence.article for it in items]
        self.later: list[int] = []  # per item: the index just past its run of one article's items
        for _article, run in groupby(self.article):
            size = sum(1 for _item in run)
            self.later += [len(self.later) + size] * size
        self.later_ids = np.array(self.later, dtype=np.intp)
        number: dict[str, int] = {}
        self.subject_ids = np.array([number.setdefault(s, len(number)) if s else -1 for s in self.subjects],
                                    dtype=np.intp)  # -1: no subject
        self.dense = n <= DENSE_ROWS_UP_TO
        if self.dense:
            self._init_dense(_entries(items), n)
        else:
            self._init_sparse(vecs if vecs is not None else vectors(items), n)

    def _init_dense(self, entries: _Entries, n: int) -> None:
        later = self.later_ids
        # row i: item i's pairs with later-article items j (later[i] <= j < n), at row_start[i] + j - later[i]
        self.row_start = np.zeros(n + 1, dtype=np.intp)
        np.cumsum(n - later, out=self.row_start[1:])
        self.cell_base = (self.row_start[:-1] - later).tolist()  # + j: the pair's cell (Python ints, for score)
        self.raw = _dense_sums(entries, later, self.row_start)
        # (a cell read as a Python float: twice as fast as raw.item; numpy's stubs give ndarray the
        # buffer protocol only from Python 3.12)
        self.cells = memoryview(self.raw)  # type: ignore[arg-type]
        self.article_ids = np.array(self.article, dtype=np.intp)

    def _init_sparse(self, vecs: list[dict[str, float]], n: int) -> None:
        """A long story: pairs are scored by sparse matrix products a block of rows at a time, and only
        pairs that decide something are scored exactly.

        Summing the products of every pair sharing a feature in Python cost time and memory quadratic
        in the story's length (a 200-article story: 17 s and 1.9 GB), as nearly every pair of a long
        story shares some common word."""
        from scipy import sparse  # only long stories need it (importing it costs ~0.15 s)

        self.vecs = vecs
        self.rows: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None  # (see _exact_many)
        self.feature_number: dict[str, int] = {}  # first appearance, the order the reference sums in
        rows: list[int] = []
        columns: list[int] = []
        weights: list[float] = []
        for i, vec in enumerate(vecs):
            for key, weight in vec.items():
                rows.append(i)
                columns.append(self.feature_number.setdefault(key, len(self.feature_number)))
                weights.append(weight)
        shape = (n, max(1, len(self.feature_number)))
        self.matrix = sparse.csr_matrix((weights, (rows, columns)), shape=shape)
        # a shared figure's bonus as the product of two columns of sqrt(NUMBER_BONUS): one matrix product
        # gives the score (adding a second product's matrix cost ~7 % of a 400-article story's merge)
        is_number = np.array([key[0] == "#" for key in self.feature_number] or [False])
        numbered = np.flatnonzero(is_number[np.array(columns, dtype=np.intp)]) if columns else np.zeros(0, dtype=np.intp)
        bonus = sparse.csr_matrix((np.full(len(numbered), math.sqrt(NUMBER_BONUS)),
                                   (np.array(rows, dtype=np.intp)[numbered], np.array(columns, dtype=np.intp)[numbered])),
                                  shape=shape)
        self.scoring = sparse.hstack((self.matrix, bonus), format="csr")

    def _approximate(self, rows: slice, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Scores of the items ``rows`` x the items from the first of them on, as a matrix product, before
        the subject rule: the reference's sums, added in another order (so equal to them within ~1e-15).
        Returned as (row within ``rows``, item, score) of the cells scoring ``floor`` (> 0) or more, read
        from the sparse product (the cells a dense copy of it would hold, with no n-wide rows to scan)."""
        scores = (self.scoring[rows] @ self.scoring[rows.start:].T).tocoo()
        keep = scores.data >= floor
        return (scores.row[keep].astype(np.intp), scores.col[keep].astype(np.intp) + rows.start,
                scores.data[keep])

    def _exact(self, i: int, j: int) -> float:
        """One pair's score summed as :func:`similarities` sums it: shared features in first-appearance
        order, ``wi * wj + bonus`` each, the subject rule last."""
        if j < self.later[i]:
            return 0.0  # the same article (or j before i): never scored
        vi, vj = self.vecs[i], self.vecs[j]
        shared = sorted((key for key in vi if key in vj), key=self.feature_number.__getitem__)
        score = 0.0
        for key in shared:
            score += vi[key] * vj[key] + (NUMBER_BONUS if key[0] == "#" else 0.0)
        si, sj = self.subjects[i], self.subjects[j]
        return score * SUBJECT_MISMATCH if si and sj and si != sj else score

    def _sparse_candidates(self, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Approximate scores and pairs (i, j) of every cross-article pair that may reach
        ``threshold``, by approximate score (high first), then i, then j."""
        n = len(self.article)
        block = max(1, BLOCK_CELLS // max(1, n))
        found_scores, found_i, found_j = [], [], []
        for start in range(0, n, block):
            # the subject rule only lowers a score: it and the later-articles test are applied to the
            # pairs found, not to every cell of the block
            i, j, score = self._approximate(slice(start, min(n, start + block)), threshold - CLOSE)
            i = i + start
            later = j >= self.later_ids[i]
            score, i, j = score[later], i[later], j[later]
            si, sj = self.subject_ids[i], self.subject_ids[j]
            score = np.where((si >= 0) & (sj >= 0) & (si != sj), score * SUBJECT_MISMATCH, score)
            keep = score >= threshold - CLOSE
            found_scores.append(score[keep])
            found_i.append(i[keep])
            found_j.append(j[keep])
        approx, i, j = (np.concatenate(parts) for parts in (found_scores, found_i, found_j))
        order = np.lexsort((j, i, -approx))
        return approx[order], i[order], j[order]

    def _sparse_at_least(self, threshold: float) -> list[tuple[float, tuple[int, int]]]:
        out = []
        _approx, first, second = self._sparse_candidates(threshold)
        for i, j in zip(first.tolist(), second.tolist()):
            score = self._exact(i, j)
            if score >= threshold:
                out.append((-score, (i, j)))
        out.sort()
        return out

    def walk(self, threshold: float, cluster_of: list[int]) -> Iterable[tuple[float, tuple[int, int]]]:
        """(-score, pair) as :meth:`at_least` lists them; a long story's less pairs already in one
        cluster (by ``cluster_of``, read as the walk goes) when that spares scoring them exactly, and
        with approximate scores; a story of PARTNERS_FROM sentences or more, fewer pairs (see
        :meth:`_sparse_walk`)."""
        return self.at_least(threshold) if self.dense else self._sparse_walk(threshold, cluster_of)

    def _sparse_walk(self, threshold: float, cluster_of: list[int]) -> Iterator[tuple[float, tuple[int, int]]]:
        """:meth:`walk` of a long story.

        A long story's sentences of one fact give a strong pair per two outlets stating it, most of
        them joined by the time they come up, and the exact score of each cost the square of the
        story's length in Python. Approximate scores are within ~1e-15 of the exact ones, so pairs
        whose approximate scores lie CLOSE apart or more are in the exact order already; only a run of
        closer ones is put in exact order (its pairs already in one cluster when the run is reached
        stay so through it, and are skipped wherever they fall), and only a score within CLOSE of the
        threshold is checked against it exactly.

        A story of PARTNERS_FROM sentences or more walks each sentence's PARTNERS strongest pairs first,
        then, of the other strong pairs, the strongest between each two clusters that the first walk
        left apart, each cluster's PARTNERS strongest (the outlets that worded a fact alike are one
        clique of close partners, joined to the other wordings at the cluster level)."""
        approx, first, second = self._sparse_candidates(threshold)
        if len(self.article) < PARTNERS_FROM:
            yield from self._walk_pairs(threshold, cluster_of, approx, first, second)
            return
        close = _strongest_partners(first, second)
        yield from self._walk_pairs(threshold, cluster_of, approx[close], first[close], second[close])
        approx, first, second = approx[~close], first[~close], second[~close]
        clusters = np.array(cluster_of, dtype=np.intp)
        low, high = clusters[first], clusters[second]
        apart = np.flatnonzero(low != high)
        low, high = np.minimum(low[apart], high[apart]), np.maximum(low[apart], high[apart])
        _pairs, strongest = np.unique(low * len(cluster_of) + high, return_index=True)  # (first: the strongest)
        strongest.sort()
        rest = apart[strongest[_strongest_partners(low[strongest], high[strongest])]]
        yield from self._walk_pairs(threshold, cluster_of, approx[rest], first[rest], second[rest])

    def _walk_pairs(self, threshold: float, cluster_of: list[int], approx: np.ndarray, first_ids: np.ndarray,
                    second_ids: np.ndarray) -> Iterator[tuple[float, tuple[int, int]]]:
        """The walk over candidate pairs listed by approximate score (see :meth:`_sparse_walk`)."""
        if not len(approx):
            return
        starts = np.flatnonzero(np.concatenate(([True], np.diff(approx) <= -CLOSE)))  # (approx is descending)
        stops = np.append(starts[1:], len(approx))
        sure = (stops - starts == 1) & (approx[starts] >= threshold + CLOSE)  # a lone pair surely strong enough
        scores, first, second = approx.tolist(), first_ids.tolist(), second_ids.tolist()
        for start, stop, alone in zip(starts.tolist(), stops.tolist(), sure.tolist()):
            if alone:
                yield -scores[start], (first[start], second[start])
                continue
            run = [(i, j) for i, j in zip(first[start:stop], second[start:stop]) if cluster_of[i] != cluster_of[j]]
            exact = self._exact_many(run) if len(run) >= EXACT_ARRAYS_FROM else [self._exact(i, j) for i, j in run]
            yield from sorted((-score, pair) for pair, score in zip(run, exact) if score >= threshold)

    def _exact_many(self, pairs: list[tuple[int, int]]) -> list[float]:
        """:meth:`_exact` of many pairs (of different articles, i < j) on arrays: each pair's shared
        features found by merging its two rows in feature order, ``wi * wj + bonus`` formed for each
        and added into the pair's sum one by one in that order by ``np.add.at``, from 0.0: the
        additions :meth:`_exact` makes. (A run of tied pairs, one fact stated alike by many outlets,
        holds thousands of pairs.)"""
        if self.rows is None:
            rows = self.matrix.copy()
            rows.sort_indices()  # (a copy: the products keep the matrix as it was built)
            bonus = np.array([NUMBER_BONUS if key[0] == "#" else 0.0 for key in self.feature_number] or [0.0])
            self.rows = (rows.indptr.astype(np.int64), rows.indices.astype(np.int64), rows.data, bonus)
        indptr, features, weights, bonus = self.rows
        width = max(1, len(bonus))
        out: list[float] = []
        for at in range(0, len(pairs), EXACT_BATCH):
            i, j = np.array(pairs[at:at + EXACT_BATCH], dtype=np.int64).reshape(-1, 2).T
            left, pair_left = _row_entries(indptr, i)
            right, pair_right = _row_entries(indptr, j)
            # (pair, feature) keys ascend within each side: a pair's features in feature order
            _keys, a, b = np.intersect1d(pair_left * width + features[left], pair_right * width + features[right],
                                         assume_unique=True, return_indices=True)
            terms = weights[left[a]] * weights[right[b]] + bonus[features[left[a]]]
            sums = np.zeros(len(i))
            np.add.at(sums, pair_left[a], terms)
            si, sj = self.subject_ids[i], self.subject_ids[j]
            sums = np.where((si >= 0) & (sj >= 0) & (si != sj), sums * SUBJECT_MISMATCH, sums)
            out += np.where(j < self.later_ids[i], 0.0, sums).tolist()
        return out

    def exact_mean(self, a: list[int], b: list[int]) -> float:
        """A long story's :func:`_average_link`, every pair summed and added as the reference does."""
        total, count = 0.0, 0
        for i in a:
            for j in b:
                if self.article[i] != self.article[j]:
                    total += self._exact(min(i, j), max(i, j))
                    count += 1
        return total / count if count else 1.0

    def get(self, pair: tuple[int, int]) -> float:
        """Score of (i, j), i < j, from different articles; 0.0 when they share no feature."""
        return self.score(*pair)

    def score(self, i: int, j: int) -> float:
        """:meth:`get` for ``i < j`` passed as two ints (the average link asks this in a tight loop)."""
        if not self.dense:
            return self._exact(i, j)
        score = self.cells[self.cell_base[i] + j] if j >= self.later[i] else 0.0
        # "Anthropic has not responded" and "Alibaba has not responded" are two facts, not one
        si, sj = self.subjects[i], self.subjects[j]
        return score * SUBJECT_MISMATCH if si and sj and si != sj else score

    def average(self, a: list[int], b: list[int]) -> float:
        """Mean score over the cross-article pairs of a x b (dense rows only), added up in the
        order of the loop in :func:`_average_link`: a pair within one article has a 0.0 cell,
        and adding 0.0 to the running total changes nothing."""
        first, second = np.repeat(a, len(b)), np.tile(b, len(a))
        low, high = np.minimum(first, second), np.maximum(first, second)
        article = self.article_ids
        across = article[first] != article[second]
        cell = np.where(across, self.row_start[low] + high - self.later_ids[low], 0)
        score = np.where(across, self.raw[cell], 0.0)  # (a pair within one article adds 0.0)
        si, sj = self.subject_ids[low], self.subject_ids[high]
        score = np.where((si >= 0) & (sj >= 0) & (si != sj), score * SUBJECT_MISMATCH, score)
        count = int(np.count_nonzero(across))
        return float(np.cumsum(score)[-1]) / count if count else 1.0  # cumsum adds one by one

    def at_least(self, threshold: float) -> list[tuple[float, tuple[int, int]]]:
        """(-score, pair) for every cross-article pair scoring ``threshold`` (> 0) or more, sorted."""
        if self.dense:
            # the subject rule only lowers a score, so the raw score pre-filters (a pair sharing
            # nothing keeps its 0.0 and drops out); a cell's row is its first item
            cell = np.flatnonzero(self.raw >= threshold)
            i = np.searchsorted(self.row_start, cell, side="right") - 1
            j = cell - self.row_start[i] + self.later_ids[i]
            score = self.raw[cell]
            si, sj = self.subject_ids[i], self.subject_ids[j]
            score = np.where((si >= 0) & (sj >= 0) & (si != sj), score * SUBJECT_MISMATCH, score)
            keep = score >= threshold
            i, j, negative = i[keep], j[keep], -score[keep]
            order = np.lexsort((j, i, negative))  # as sorting (-score, (i, j)) tuples
            return list(zip(negative[order].tolist(), zip(i[order].tolist(), j[order].tolist())))
        return self._sparse_at_least(threshold)


def group(items: list[Item], pair_threshold: float = PAIR_THRESHOLD,
          link_threshold: float = LINK_THRESHOLD) -> list[list[int]]:
    """Clusters of item indices; deterministic (ties broken by index)."""
    sims = _PairScores(items)
    cluster_of = list(range(len(items)))
    members: dict[int, list[int]] = {}  # clusters of two or more, by id (a lone item is its own cluster)
    # only pairs above the threshold can join clusters: sort those, not every scored pair
    if pair_threshold > 0:
        strong = sims.walk(pair_threshold, cluster_of)
    else:  # rows hold zeros for pairs sharing nothing, which similarities() never lists
        strong = sorted((-score, pair) for pair, score in similarities(items, vectors(items)).items()
                        if score >= pair_threshold)
    # two lone sentences link at their own score, which is at least pair_threshold
    lone_pairs_link = pair_threshold >= link_threshold
    sums = None if sims.dense else _ClusterSums(sims, link_threshold)  # a long story's links
    for _negative_score, (i, j) in strong:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        a, b = members.get(ci) or [ci], members.get(cj) or [cj]
        if not (lone_pairs_link and len(a) == 1 and len(b) == 1):
            if not (_average_link(a, b, sims) >= link_threshold if sums is None else sums.links(ci, cj, a, b)):
                continue
        keep, drop = min(ci, cj), max(ci, cj)
        dropped = members.pop(drop, None) or [drop]
        for m in dropped:
            cluster_of[m] = keep
        members[keep] = (members.get(keep) or [keep]) + dropped
        if sums is not None:
            sums.join(keep, drop)
    # a cluster's id is its smallest member: clusters in order of it, as lone items are
    return [sorted(members[i]) if i in members else [i] for i, c in enumerate(cluster_of) if c == i]


ARRAY_LINK_FROM = 64  # cross products of this many pairs are summed with numpy


class _Sums:
    """Over a set of sentences: the sum of their vectors and the count of each figure among them, so
    that for two sets ``s.dot(t)`` is the sum of the pair scores of s x t before the subject rule."""

    __slots__ = ("vector", "figures", "size")

    def __init__(self) -> None:
        self.vector: dict[str, float] = {}
        self.figures: dict[str, int] = {}
        self.size = 0

    @classmethod
    def of(cls, vec: dict[str, float]) -> _Sums:
        """The sums of one sentence."""
        sums = cls()
        sums.add_item(vec)
        return sums

    def add_item(self, vec: dict[str, float]) -> None:
        self.size += 1
        vector, figures = self.vector, self.figures
        for key, weight in vec.items():
            vector[key] = vector.get(key, 0.0) + weight
            if key[0] == "#":
                figures[key] = figures.get(key, 0) + 1

    def add(self, other: _Sums) -> None:
        self.size += other.size
        vector, figures = self.vector, self.figures
        for key, weight in other.vector.items():
            vector[key] = vector.get(key, 0.0) + weight
        for key, count in other.figures.items():
            figures[key] = figures.get(key, 0) + count

    def dot(self, other: _Sums) -> float:
        small, large = (self, other) if len(self.vector) <= len(other.vector) else (other, self)
        found = large.vector.get
        total = sum(weight * found(key, 0.0) for key, weight in small.vector.items())
        small, large = (self, other) if len(self.figures) <= len(other.figures) else (other, self)
        found_count = large.figures.get
        return total + NUMBER_BONUS * sum(count * found_count(key, 0) for key, count in small.figures.items())


class _Cluster:
    """A cluster's sums, whole and split by article and subject (the pairs the average leaves out or
    scales are pairs of one article, and pairs of two different subjects)."""

    __slots__ = ("all", "with_subject", "by_article", "with_subject_by_article", "by_subject",
                 "by_article_subject")

    def __init__(self) -> None:
        self.all = _Sums()
        self.with_subject = _Sums()
        self.by_article: dict[int, _Sums] = {}
        self.with_subject_by_article: dict[int, _Sums] = {}
        self.by_subject: dict[str, _Sums] = {}
        self.by_article_subject: dict[tuple[int, str], _Sums] = {}


def _add_to(groups: dict[Any, _Sums], key: Any, sums: _Sums) -> None:
    if key in groups:
        groups[key].add(sums)
    else:
        groups[key] = mine = _Sums()
        mine.add(sums)


class _ClusterSums:
    """Average links of a long story's clusters from sums over them: the pair scores of A x B add up
    to dot(sum of A, sum of B), less the pairs of one article, less a quarter of the pairs of two
    different subjects, so a link costs a few sparse dot products instead of |A| x |B| pair scores.
    The mean is the reference's up to float rounding; one within CLOSE of the threshold is summed
    again pair by pair in the reference's order (:meth:`_PairScores.exact_mean`)."""

    def __init__(self, sims: _PairScores, threshold: float) -> None:
        self.sims = sims
        self.threshold = threshold
        self.clusters: dict[int, _Cluster] = {}
        # Two clusters that failed to link fail again until one of them grows, and a cluster keeps its
        # id while it grows: (id, size) names one state of a cluster. In a long story most strong pairs
        # join sentences already in two clusters found apart (one fact stated by every outlet gives a
        # pair per two outlets), so without this the walk cost the square of the story's length.
        self.apart: set[tuple[int, int, int, int]] = set()

    def _cluster(self, cid: int) -> _Cluster:
        found = self.clusters.get(cid)
        if found is None:  # a lone sentence: its cluster id is its index
            found = self.clusters[cid] = _Cluster()
            vec, article, subject = self.sims.vecs[cid], self.sims.article[cid], self.sims.subjects[cid]
            found.all.add_item(vec)
            found.by_article[article] = _Sums.of(vec)  # one object per place: each grows on its own
            if subject:
                found.with_subject.add_item(vec)
                found.with_subject_by_article[article] = _Sums.of(vec)
                found.by_subject[subject] = _Sums.of(vec)
                found.by_article_subject[(article, subject)] = _Sums.of(vec)
        return found

    def links(self, ci: int, cj: int, a: list[int], b: list[int]) -> bool:
        """Whether clusters ``ci`` (members ``a``) and ``cj`` (members ``b``) link at the threshold."""
        if (ci, len(a), cj, len(b)) in self.apart:
            return False
        mean = self.mean(ci, cj)
        sure = abs(mean - self.threshold) > CLOSE  # (too far from it for the order of a sum to matter)
        if not sure:
            mean = self.sims.exact_mean(a, b)  # near the threshold: the reference's own sum
        if mean >= self.threshold:
            return True
        self.apart.add((ci, len(a), cj, len(b)))  # (a mean near the threshold: in the order it was summed)
        if sure:
            self.apart.add((cj, len(b), ci, len(a)))
        return False

    def mean(self, ci: int, cj: int) -> float:
        """The average link of two clusters, from their sums."""
        x, y = self._cluster(ci), self._cluster(cj)
        small, large = (x, y) if len(x.by_article) <= len(y.by_article) else (y, x)
        pairs = x.all.size * y.all.size - sum(part.size * large.by_article[key].size
                                              for key, part in small.by_article.items() if key in large.by_article)
        if not pairs:
            return 1.0
        across = self._across(x.all, x.by_article, y.all, y.by_article)
        both_named = self._across(x.with_subject, x.with_subject_by_article, y.with_subject, y.with_subject_by_article)
        # (a float, not the float | Literal[0] mypy reads from sum: mypyc's -= sum(...) below fails on that union)
        same_name: float = sum(part.dot(y.by_subject[name]) for name, part in x.by_subject.items()
                               if name in y.by_subject)
        same_name -= sum(part.dot(y.by_article_subject[key]) for key, part in x.by_article_subject.items()
                         if key in y.by_article_subject)
        return (across - (1 - SUBJECT_MISMATCH) * (both_named - same_name)) / pairs

    @staticmethod
    def _across(x: _Sums, x_by_article: dict[int, _Sums], y: _Sums, y_by_article: dict[int, _Sums]) -> float:
        """Sum over the pairs of x x y from two different articles."""
        if not x.size or not y.size:
            return 0.0
        total = x.dot(y)
        if len(x_by_article) > len(y_by_article):
            x_by_article, y_by_article = y_by_article, x_by_article
        return total - sum(part.dot(y_by_article[key]) for key, part in x_by_article.items() if key in y_by_article)

    def join(self, keep: int, drop: int) -> None:
        """Cluster ``drop`` is now part of ``keep``: the smaller one's sums are added to the larger's."""
        big, small = self._cluster(keep), self._cluster(drop)
        del self.clusters[drop]
        if small.all.size > big.all.size:
            big, small = small, big
        big.all.add(small.all)
        big.with_subject.add(small.with_subject)
        for mine, theirs in ((big.by_article, small.by_article),
                             (big.with_subject_by_article, small.with_subject_by_article),
                             (big.by_subject, small.by_subject), (big.by_article_subject, small.by_article_subject)):
            for key, sums in theirs.items():
                _add_to(mine, key, sums)
        self.clusters[keep] = big


def _average_link(a: list[int], b: list[int], sims: _PairScores) -> float:
    """The mean score of a x b's cross-article pairs (dense scores: stories up to DENSE_ROWS_UP_TO items)."""
    if len(a) * len(b) >= ARRAY_LINK_FROM:
        return sims.average(a, b)
    # sims.score inlined: this loop runs for most strong pairs
    total, count = 0.0, 0
    article_of, subjects = sims.article, sims.subjects
    cells, cell_base = sims.cells, sims.cell_base  # (pair i < j of two articles: cell_base[i] + j)
    for i in a:
        article, si, base = article_of[i], subjects[i], cell_base[i]
        for j in b:
            if article_of[j] == article:
                continue
            score = cells[base + j] if i < j else cells[cell_base[j] + i]
            sj = subjects[j]
            total += score * SUBJECT_MISMATCH if si and sj and si != sj else score  # in the same order as before
            count += 1
    return total / count if count else 1.0
