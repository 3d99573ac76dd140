"""Which articles form one story.

1. A story file's ``articles:`` pins slugs to its key (the curator wins).
2. An article's ``story:`` key groups it.
3. The rest are clustered automatically: an inverted index over each article's rare names,
   numbers and dates plus its title words proposes candidates (no all-pairs loop over the
   site); a candidate pair joins when published within ``cluster_window_days`` and similar
   enough (weighted Jaccard over those features, shared names and numbers counting double).
4. Reports of one event often share too few lead names and figures for that test (one leads with
   the death toll, another with the governor's words), so the groups are then joined by the words
   of their articles. Two loose articles within the window join their groups when the words and
   names of their titles and first 400 words agree twice over: weighted by how rare each term is
   among the loose articles (terms only one article holds left out), their cosine reaches
   EVENT_THRESHOLD; and unweighted, EVENT_OVERLAP. The first test is what tells events apart on a
   site of many (two market stories share "shares" and "Nasdaq", which many articles hold); the
   second is what does on a site of few, where rarity says little (on a site of two articles every
   shared word looks rare). An article's candidates are the articles holding one of its heaviest terms.
   The rarity of a term depends on every loose article, so this step is run afresh at each build; a site
   with more than EVENT_MAX_ARTICLES loose articles skips it (it would cost over a second per build):
   pin such stories with ``story:`` keys.
"""
from __future__ import annotations

import re
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple

from slugify import slugify

from ..config import Config
from ..errors import Diagnostics
from ..model import Article, Site
from .features import content_stems, dates_in, name_candidates, numbers_in

EVENT_THRESHOLD = 0.22  # cosine of two articles' rarity-weighted words and names for one event
EVENT_OVERLAP = 0.2  # and their cosine unweighted
EVENT_LEAD_WORDS = 400
EVENT_TERMS = 120  # an article's most frequent terms kept for the comparison
EVENT_PROPOSERS = 8  # an article's heaviest shared terms (by weight in its vector) find its candidates
EVENT_MAX_ARTICLES = 2000  # loose articles above which the event step is skipped (see the docstring)
EVENT_MAX_POSTING = 30  # a term more articles hold proposes no pairs (it may still count in the cosine)

CLUSTER_THRESHOLD = 0.28
MAX_POSTING = 200  # a feature shared by more articles than this is too common to propose pairs
_LEAD_WORDS = 120


@dataclass(frozen=True, slots=True)
class Grouping:
    groups: dict[str, list[Article]]  # story key -> articles
    automatic: list[list[str]]  # slugs per automatic cluster of 2+ (for `sitegen check`)
    clustering: ClusterState | None = None  # what the next group_site() may start from (see cluster_with_state)


# Weights of the kinds of feature: shared names and numbers count double. Every weight is a multiple of
# 0.5, so the sums below are exact whatever their order.
TITLE_WORD, NAME, NUMBER, DATE = 1.0, 2.0, 2.0, 1.5


class Features(NamedTuple):
    """What an article is compared by: its title's stems, and the names, numbers and dates of its lead."""

    words: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[str]
    dates: frozenset[str]
    weight: float  # the sum of the weights of all of them

    def proposing_keys(self) -> Iterator[str]:
        """The features rare ones of which propose pairs (title words are too common to)."""
        yield from ("n:" + name for name in self.names)
        yield from ("#:" + number for number in self.numbers)
        yield from ("d:" + date for date in self.dates)


def _fingerprint(article: Article) -> Features:
    lead = " ".join(article.body.split()[:_LEAD_WORDS])
    text = f"{article.title}. {lead}"
    words = frozenset(content_stems(article.title))
    names = frozenset(name_candidates(text) | name_candidates(". " + article.title))
    numbers = frozenset(f"{num.unit}:{num.value:g}" for num in numbers_in(lead))
    dates = frozenset(f"{d.month}-{d.day or 0}" for d in dates_in(lead, article.published))
    weight = TITLE_WORD * len(words) + NAME * len(names) + NUMBER * len(numbers) + DATE * len(dates)
    return Features(words, names, numbers, dates, weight)


def _similar(a: Features, b: Features) -> float:
    """Weighted Jaccard: the weight of the shared features over the weight of all of either's."""
    shared = (TITLE_WORD * len(a.words & b.words) + NAME * len(a.names & b.names)
              + NUMBER * len(a.numbers & b.numbers) + DATE * len(a.dates & b.dates))
    total = a.weight + b.weight - shared
    return shared / total if total else 0.0


def _linked(a: Article, a_features: Features, b: Article, b_features: Features, days: int) -> bool:
    """The test a candidate pair must pass to be linked."""
    return _within_window(a, b, days) and _similar(a_features, b_features) >= CLUSTER_THRESHOLD


def _within_window(a: Article, b: Article, days: int) -> bool:
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).total_seconds()) <= days * 86400


@dataclass(frozen=True, slots=True)
class ClusterState:
    """What one clustering leaves for the next: each loose article's proposing keys, under the identity of
    its text, and the pairs it linked. With it, a later clustering re-tests only the pairs of articles that
    changed and the pairs under keys that crossed MAX_POSTING, instead of every candidate pair of the site
    (fingerprinting 10,000 articles alone cost ~0.75 s)."""

    basis: str  # what every fingerprint and test depended on besides the articles (code, window, limits)
    keys: dict[str, tuple[str, tuple[str, ...]]]  # slug -> (identity, proposing keys)
    links: frozenset[tuple[str, str]]  # the linked pairs, each as (smaller slug, larger slug)
    terms: dict[str, tuple[str, EventTerms]] = field(default_factory=dict)  # slug -> (identity, event terms)


def cluster(articles: list[Article], config: Config) -> list[list[Article]]:
    """Automatic clusters (including lone articles), deterministic."""
    return cluster_with_state(articles, config)[0]


def cluster_with_state(articles: list[Article], config: Config, previous: ClusterState | None = None,
                       identities: dict[str, str] | None = None,
                       basis: str = "") -> tuple[list[list[Article]], ClusterState | None]:
    """cluster(), and the state a later call can start from. ``identities``: slug -> a text that changes
    whenever the article does (without them no state is kept); ``basis``: what else the articles'
    fingerprints depend on (code, time zone). The clusters are always those a fresh clustering finds."""
    ordered = sorted(articles, key=lambda a: a.slug)
    basis = (f"{basis}/{config.cluster_window_days}/{MAX_POSTING}/{CLUSTER_THRESHOLD}/"
             f"{EVENT_LEAD_WORDS}/{EVENT_TERMS}")
    fresh = identities is None or previous is None or previous.basis != basis
    if fresh:
        links, keys = _all_links(ordered, config)
    else:
        assert previous is not None and identities is not None  # (not fresh)
        links, keys = _links_since(ordered, config, previous, identities)
    terms = _event_terms_of(ordered, None if fresh else previous, identities) \
        if len(ordered) <= EVENT_MAX_ARTICLES else None
    state = None
    if identities is not None:
        state = ClusterState(basis, {a.slug: (identities[a.slug], k) for a, k in zip(ordered, keys)}, links,
                             {a.slug: (identities[a.slug], t) for a, t in zip(ordered, terms or ())})
    return _components(ordered, links, terms, config.cluster_window_days), state


EventTerms = tuple[tuple[str, float], ...]  # (term, weight): 1 + log of its count, as a unit vector; most frequent first


def _event_terms_of(ordered: list[Article], previous: ClusterState | None,
                    identities: dict[str, str] | None) -> list[EventTerms]:
    """Each article's event terms, taken from the last state where the article is unchanged."""
    old = previous.terms if previous is not None and identities is not None else {}
    return [entry[1] if (entry := old.get(a.slug)) is not None and identities is not None
            and entry[0] == identities[a.slug] else _event_terms(a) for a in ordered]


def _event_terms(article: Article) -> EventTerms:
    """The words (stems) and names of an article's title and lead, title words and names counting more."""
    lead = " ".join(article.body.split()[:EVENT_LEAD_WORDS])
    text = f"{article.title}. {lead}"
    counts = Counter(content_stems(text))
    counts.update({word: 2 for word in content_stems(article.title)})
    counts.update({"n:" + name.lower(): 2 for name in name_candidates(text) | name_candidates(". " + article.title)})
    kept = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:EVENT_TERMS]
    return tuple(_unit({term: 1.0 + math.log(count) for term, count in kept}).items())


def _join_events(ordered: list[Article], terms: list[EventTerms], days: int, joins: _Joins) -> None:
    """Join the groups of each candidate pair that passes the event test (see the module's docstring); a
    pair already in one group is not tested, since testing it could change nothing. A term's rarity is
    log(1 + n / holders) over the n articles; a term only one article holds is left out of the weighted
    vector (it cannot be shared, and would only lengthen that article's vector)."""
    held = Counter(term for article_terms in terms for term, _w in article_terms)
    n = len(ordered)
    rarity = {term: math.log(1.0 + n / holders) for term, holders in held.items() if holders > 1}
    vectors = [_unit({t: w * r for t, w in article_terms if (r := rarity.get(t)) is not None})
               for article_terms in terms]
    plain: dict[int, dict[str, float]] = {}  # the unweighted vectors, made when first compared

    def plain_cosine(i: int, j: int) -> float:
        for k in (i, j):
            if k not in plain:
                plain[k] = dict(terms[k])
        return _cosine(plain[i], plain[j])

    postings: dict[str, list[int]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for term in vector:
            if held[term] <= EVENT_MAX_POSTING:
                postings[term].append(i)
    find = joins.find
    for i, vector in enumerate(vectors):
        proposers = sorted(filter(postings.__contains__, vector), key=lambda t: (-vector[t], t))[:EVENT_PROPOSERS]
        for term in proposers:
            for j in postings[term]:
                if find(i) == find(j):  # (i == j too)
                    continue
                if (_within_window(ordered[i], ordered[j], days) and _cosine(vectors[i], vectors[j]) >= EVENT_THRESHOLD
                        and plain_cosine(i, j) >= EVENT_OVERLAP):
                    joins.join(i, j)


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The dot product of two unit vectors (summed over the shorter one's terms, in its order)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(w * large.get(t, 0.0) for t, w in small.items())


def _all_links(ordered: list[Article], config: Config) -> tuple[frozenset[tuple[str, str]], list[tuple[str, ...]]]:
    prints = [_fingerprint(a) for a in ordered]
    keys = _shared_keys([tuple(f.proposing_keys()) for f in prints])
    postings = _postings(keys)
    # Each article's candidates: the later articles sharing one of its keys that is rare enough. Sets built
    # by slices (a pair met under several keys is tested once) instead of a set of every pair tuple, which
    # cost ~0.5 s at 10,000 loose articles.
    later: list[set[int]] = [set() for _ in ordered]
    for plist in postings.values():  # each in ascending article order
        if len(plist) <= MAX_POSTING:
            for x in range(len(plist) - 1):
                later[plist[x]].update(plist[x + 1:])
    days = config.cluster_window_days
    links = set()
    for i, partners in enumerate(later):
        article, features = ordered[i], prints[i]
        for j in partners:
            if _linked(article, features, ordered[j], prints[j], days):
                links.add((article.slug, ordered[j].slug))
    return frozenset(links), keys


def _links_since(ordered: list[Article], config: Config, previous: ClusterState,
                 identities: dict[str, str]) -> tuple[frozenset[tuple[str, str]], list[tuple[str, ...]]]:
    """The links a fresh clustering would find, from the last ones: a pair of unchanged articles keeps its
    fate unless a key they share crossed MAX_POSTING (their features, dates and so their test are the same)."""
    old = previous.keys
    changed = {i for i, a in enumerate(ordered)
               if (entry := old.get(a.slug)) is None or entry[0] != identities[a.slug]}
    present = {a.slug for a in ordered}
    removed = [slug for slug in old if slug not in present]
    prints: dict[int, Features] = {}

    def features_of(i: int) -> Features:
        if i not in prints:
            prints[i] = _fingerprint(ordered[i])
        return prints[i]

    keys = [tuple(features_of(i).proposing_keys()) if i in changed else old[a.slug][1] for i, a in enumerate(ordered)]
    if not changed and not removed:
        return previous.links, keys
    postings = _postings(keys)
    delta: defaultdict[str, int] = defaultdict(int)  # how many more articles hold each key than last time
    for i in changed:
        for key in old[ordered[i].slug][1] if ordered[i].slug in old else ():
            delta[key] -= 1
        for key in keys[i]:
            delta[key] += 1
    for slug in removed:
        for key in old[slug][1]:
            delta[key] -= 1
    now_rare, now_common = [], []
    for key, more in delta.items():
        held = len(postings.get(key, ()))
        if held - more > MAX_POSTING >= held:
            now_rare.append(key)
        elif held > MAX_POSTING >= held - more:
            now_common.append(key)

    gone = {ordered[i].slug for i in changed} | set(removed)
    links = {pair for pair in previous.links if pair[0] not in gone and pair[1] not in gone}
    days = config.cluster_window_days

    def test(i: int, j: int) -> None:
        a, b = (i, j) if i < j else (j, i)
        if _linked(ordered[a], features_of(a), ordered[b], features_of(b), days):
            links.add((ordered[a].slug, ordered[b].slug))

    for i in sorted(changed):
        partners = {j for key in keys[i] if len(plist := postings[key]) <= MAX_POSTING for j in plist}
        for j in sorted(partners - {i}):
            if j not in changed or j > i:  # a pair of two changed articles once
                test(i, j)
    for key in now_rare:  # pairs of unchanged articles that this key now proposes
        members = [i for i in postings[key] if i not in changed]
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                test(i, j)
    if now_common:  # pairs of unchanged articles that only this key proposed
        index = {a.slug: i for i, a in enumerate(ordered)}
        for pair in sorted(links):
            i, j = index[pair[0]], index[pair[1]]
            shared = set(keys[i]).intersection(keys[j])
            if (not shared.isdisjoint(now_common)
                    and not any(len(postings[key]) <= MAX_POSTING for key in shared)):
                links.discard(pair)
    return frozenset(links), keys


def _shared_keys(keys: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The same keys, each text one object: the saved state then pickles it once."""
    one: dict[str, str] = {}
    return [tuple(one.setdefault(key, key) for key in held) for held in keys]


def _postings(keys: list[tuple[str, ...]]) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for i, held in enumerate(keys):
        for key in held:
            postings[key].append(i)
    return postings


class _Joins:
    """Union-find over article indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(b)] = self.find(a)


def _components(ordered: list[Article], links: frozenset[tuple[str, str]],
                terms: list[EventTerms] | None = None, days: int = 0) -> list[list[Article]]:
    """The linked groups, then joined by the event test when ``terms`` are given; members in slug order,
    groups by their first slug."""
    index = {a.slug: i for i, a in enumerate(ordered)}
    joins = _Joins(len(ordered))
    for a, b in links:
        joins.join(index[a], index[b])
    if terms is not None:
        _join_events(ordered, terms, days, joins)
    find = joins.find
    groups: dict[int, list[Article]] = defaultdict(list)
    for i, article in enumerate(ordered):
        groups[find(i)].append(article)
    return sorted(groups.values(), key=lambda g: g[0].slug)


def _cluster_key(members: list[Article]) -> str:
    """A stable key for an automatic cluster: slug of the earliest article's title."""
    first = min(members, key=lambda a: (a.published is None, a.published.isoformat() if a.published else "", a.slug))
    return slugify(first.title)[:60].strip("-") or first.slug


def group_site(site: Site, config: Config, diagnostics: Diagnostics | None = None,
               previous: ClusterState | None = None, identities: dict[str, str] | None = None,
               basis: str = "") -> Grouping:
    """Story key -> articles. ``previous``, ``identities``, ``basis``: see cluster_with_state."""
    articles = [a for a in site.articles if not a.draft]
    by_slug = {a.slug: a for a in articles}
    pinned: dict[str, str] = {}
    for key, story_file in sorted(site.story_files.items()):
        for slug in story_file.articles:
            if slug not in by_slug:
                if diagnostics is not None:
                    diagnostics.warn(f"story '{key}' pins unknown article '{slug}'", story_file.source_path)
                continue
            pinned.setdefault(slug, key)
    groups: dict[str, list[Article]] = defaultdict(list)
    loose = []
    for a in articles:
        story = pinned.get(a.slug) or a.story
        if story:
            groups[story].append(a)
        else:
            loose.append(a)
    automatic = []
    clusters, state = cluster_with_state(loose, config, previous, identities, basis)
    for members in clusters:
        key = _cluster_key(members) if len(members) > 1 else members[0].slug
        while key in groups:
            key = key + "-story"
        groups[key] = members
        if len(members) > 1:
            automatic.append(sorted(a.slug for a in members))
    return Grouping(dict(groups), automatic, state)


def unique_slug(key: str, taken: set[str]) -> str:
    base = slugify(key) or "story"
    base = re.sub(r"^[^a-z0-9]+", "", base) or "story"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug
