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


def _within_window(a: Article, b: Article, days: int) -> bool:
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).total_seconds()) <= days * 86400


def cluster(articles: list[Article], config: Config) -> list[list[Article]]:
    """Automatic clusters (including lone articles), deterministic."""
    ordered = sorted(articles, key=lambda a: a.slug)
    prints = [_fingerprint(a) for a in ordered]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, features in enumerate(prints):
        for key in features.proposing_keys():
            postings[key].append(i)
    # Each article's candidates: the later articles sharing one of its keys that is rare enough. Sets built
    # by slices (a pair met under several keys is tested once) instead of a set of every pair tuple, which
    # cost ~0.5 s at 10,000 loose articles; the pairs linked, hence the clusters, are the same.
    later: list[set[int]] = [set() for _ in ordered]
    for plist in postings.values():  # each in ascending article order
        if len(plist) <= MAX_POSTING:
            for x in range(len(plist) - 1):
                later[plist[x]].update(plist[x + 1:])
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    days = config.cluster_window_days
    for i, partners in enumerate(later):
        article, features = ordered[i], prints[i]
        for j in partners:
            if _within_window(article, ordered[j], days) and _similar(features, prints[j]) >= CLUSTER_THRESHOLD:
                parent[find(j)] = find(i)
    groups: dict[int, list[Article]] = defaultdict(list)
    for i, a in enumerate(ordered):
        groups[find(i)].append(a)
    return sorted(groups.values(), key=lambda g: g[0].slug)


def _cluster_key(members: list[Article]) -> str:
    """A stable key for an automatic cluster: slug of the earliest article's title."""
    first = min(members, key=lambda a: (a.published is None, a.published.isoformat() if a.published else "", a.slug))
    return slugify(first.title)[:60].strip("-") or first.slug


def group_site(site: Site, config: Config, diagnostics: Diagnostics | None = None) -> Grouping:
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
    for members in cluster(loose, config):
        key = _cluster_key(members) if len(members) > 1 else members[0].slug
        while key in groups:
            key = key + "-story"
        groups[key] = members
        if len(members) > 1:
            automatic.append(sorted(a.slug for a in members))
    return Grouping(dict(groups), automatic)


def unique_slug(key: str, taken: set[str]) -> str:
    base = slugify(key) or "story"
    base = re.sub(r"^[^a-z0-9]+", "", base) or "story"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug
