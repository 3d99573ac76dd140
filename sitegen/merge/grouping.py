"""Which articles form one story.

1. A story file's ``articles:`` pins slugs to its key (the curator wins).
2. An article's ``story:`` key groups it.
3. The rest are clustered automatically: an inverted index over each article's rare names,
   numbers and dates plus its title words proposes candidates (no all-pairs loop over the
   site); a candidate pair joins when published within ``cluster_window_days`` and similar
   enough (weighted Jaccard over those features, shared names and numbers counting double).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterator, NamedTuple

from slugify import slugify

from ..config import Config
from ..errors import Diagnostics
from ..model import Article, Site
from .features import content_stems, dates_in, name_candidates, numbers_in

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
    basis = f"{basis}/{config.cluster_window_days}/{MAX_POSTING}/{CLUSTER_THRESHOLD}"
    if identities is None or previous is None or previous.basis != basis:
        links, keys = _all_links(ordered, config)
    else:
        links, keys = _links_since(ordered, config, previous, identities)
    state = None
    if identities is not None:
        state = ClusterState(basis, {a.slug: (identities[a.slug], k) for a, k in zip(ordered, keys)}, links)
    return _components(ordered, links), state


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


def _components(ordered: list[Article], links: frozenset[tuple[str, str]]) -> list[list[Article]]:
    """The linked groups, members in slug order, groups by their first slug."""
    index = {a.slug: i for i, a in enumerate(ordered)}
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in links:
        parent[find(index[b])] = find(index[a])
    groups: dict[int, list[Article]] = defaultdict(list)
    for i, a in enumerate(ordered):
        groups[find(i)].append(a)
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
        key = pinned.get(a.slug) or a.story
        if key:
            groups[key].append(a)
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
