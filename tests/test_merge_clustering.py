"""Automatic clustering (merge.grouping.cluster) against its plain definition: two articles are linked
when they share a name, number or date that at most MAX_POSTING articles have, were published within the
window, and their weighted Jaccard similarity (title stems 1, names 2, numbers 2, dates 1.5) reaches the
threshold; or (the event test) when one holds another's heaviest term, they were published within the
window, and their word vectors agree (grouping.EVENT_THRESHOLD weighted by rarity, EVENT_OVERLAP plain);
clusters are the connected groups."""
from __future__ import annotations

import dataclasses
import math
import random
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from merge_support import config
from sitegen.merge import grouping
from sitegen.model import Article

PEOPLE = ("Ada Quill", "Bram Stoke", "Cora Lind", "Dov Mertz", "Esa Rauk", "Fen Oduya", "Gil Varro", "Hana Reil",
          "Ivo Tesk", "Jun Amari", "Kit Sorel", "Lio Brand")
PLACES = ("Port Elm", "Lake Vire", "North Gate", "Cape Ruen", "Old Marsh", "West Fold", "Iron Bay")
TOPICS = ("tariff", "harbour", "vote", "grid", "storm", "audit", "strike", "levy", "bridge", "quota", "ferry",
          "drought")
# Made-up words for the event test's reports: each event has its own; any report uses the common ones, a
# few often and most rarely (as in real text)
EVENT_WORDS = tuple(f"{a}{b}" for a in ("bel", "cor", "dun", "fal", "gor", "hix", "jor", "kal", "lum", "mev")
                    for b in ("ama", "eno", "ilt", "orv", "usk", "ape", "oth", "ird", "ulm", "eck"))
COMMON = tuple(f"{a}{b}{c}" for a in ("pr", "st", "tr", "v", "w", "y", "z", "qu", "n", "r", "t", "gl")
               for b in ("a", "e", "i", "o", "u", "ai", "ou") for c in ("dan", "fey", "gol", "hum", "jip", "kor",
                                                                         "lat", "mur", "nix", "pol", "ser", "tov"))
COMMON_WEIGHTS = tuple(1 / rank for rank in range(1, len(COMMON) + 1))


def dict_features(article: Article) -> dict[str, float]:
    """The features as the first version kept them: one dict, the weight per key."""
    found = grouping._fingerprint(article)
    weights = {"w:" + w: 1.0 for w in found.words}
    weights |= {"n:" + n: 2.0 for n in found.names}
    weights |= {"#:" + n: 2.0 for n in found.numbers}
    weights |= {"d:" + d: 1.5 for d in found.dates}
    return weights


def plain_event_pairs(ordered: list[Article], window_days: int) -> set[tuple[int, int]]:
    """The event test over every pair, written out."""
    terms = [dict(grouping._event_terms(a)) for a in ordered]
    held = Counter(t for found in terms for t in found)
    n = len(ordered)

    def unit(vector: dict[str, float]) -> dict[str, float]:
        norm = math.sqrt(sum(v * v for v in vector.values()))
        return {t: v / norm for t, v in vector.items()} if norm else {}

    weighted = [unit({t: w * math.log(1 + n / held[t]) for t, w in found.items() if held[t] > 1}) for found in terms]
    plain = terms  # (each article's terms are a unit vector already)
    heaviest = [sorted((t for t in v if held[t] <= grouping.EVENT_MAX_POSTING), key=lambda t: (-v[t], t))
                [:grouping.EVENT_PROPOSERS] for v in weighted]
    pairs = set()
    for i in range(n):
        for j in range(i + 1, n):
            if not (set(heaviest[i]) & weighted[j].keys() or set(heaviest[j]) & weighted[i].keys()):
                continue
            pa, pb = ordered[i].published, ordered[j].published
            if pa is not None and pb is not None and abs((pa - pb).total_seconds()) > window_days * 86400:
                continue
            if (grouping._cosine(weighted[i], weighted[j]) >= grouping.EVENT_THRESHOLD
                    and grouping._cosine(plain[i], plain[j]) >= grouping.EVENT_OVERLAP):
                pairs.add((i, j))
    return pairs


def plain_clusters(articles: list[Article], window_days: int) -> list[list[str]]:
    ordered = sorted(articles, key=lambda a: a.slug)
    feats = [dict_features(a) for a in ordered]
    holders: dict[str, int] = {}
    for f in feats:
        for key in f:
            holders[key] = holders.get(key, 0) + 1
    group = list(range(len(ordered)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i in range(len(ordered)):
        for j in range(i + 1, len(ordered)):
            a, b = feats[i], feats[j]
            if not any(not k.startswith("w:") and holders[k] <= grouping.MAX_POSTING for k in a.keys() & b.keys()):
                continue
            pa, pb = ordered[i].published, ordered[j].published
            if pa is not None and pb is not None and abs((pa - pb).total_seconds()) > window_days * 86400:
                continue
            shared = sum(min(a[k], b[k]) for k in a.keys() & b.keys())
            total = sum(a.values()) + sum(b.values()) - shared
            if (shared / total if total else 0.0) >= grouping.CLUSTER_THRESHOLD:
                group[root(j)] = root(i)
    for i, j in sorted(plain_event_pairs(ordered, window_days)):
        if root(i) != root(j):
            group[root(j)] = root(i)
    members: dict[int, list[str]] = {}
    for i, article in enumerate(ordered):
        members.setdefault(root(i), []).append(article.slug)
    return sorted(members.values(), key=lambda m: m[0])


def articles(seed: int, count: int) -> list[Article]:
    """Reports of a few dozen events (who, where, what, a figure, a day), some sharing a person or a place."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 1, tzinfo=timezone.utc)
    events = [(rng.choice(PEOPLE), rng.choice(PLACES), rng.choice(TOPICS), rng.randint(2, 900), rng.randint(1, 28))
              for _ in range(count // 3)]
    made = []
    for n in range(count):
        who, where, topic, figure, day = rng.choice(events)
        lead = f"{who} said in {where} on March {day} that the {topic} plan covers {figure} ships."
        if rng.random() < 0.5:
            lead += f" {rng.choice(PEOPLE)} disagreed."
        filler = " ".join(rng.choice(TOPICS) for _ in range(20))
        published = None if rng.random() < 0.1 else start + timedelta(days=day + rng.randint(0, 9))
        made.append(Article(slug=f"a{n:03d}", source_path=Path(f"/s/a{n:03d}.md"),
                            title=f"{who} on the {topic} in {where}", body=f"{lead} {filler}", published=published))
    return made


def event_reports(seed: int, events: int = 12) -> list[Article]:
    """Several reports per event that share no lead name, figure or date (so only the event test can join
    them), each with its event's own words among many common ones."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 1, tzinfo=timezone.utc)
    words = rng.sample(EVENT_WORDS, events * 5)
    made = []
    for e in range(events):
        own = words[e * 5:(e + 1) * 5]
        for r in range(rng.randint(2, 6)):
            body = rng.choices(COMMON, COMMON_WEIGHTS, k=160)
            for k in rng.sample(range(160), 40):
                body[k] = rng.choice(own)
            slug = f"e{e:02d}r{r}"
            published = None if rng.random() < 0.2 else start + timedelta(days=2 * e + rng.randint(0, 2))
            made.append(Article(slug=slug, source_path=Path(f"/s/{slug}.md"), title=f"{own[r % 5]} {rng.choice(COMMON)}",
                                body=" ".join(body) + ".", published=published))
    return made


@pytest.fixture()
def no_event_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """The event test off: what is left is the plain pairwise test on lead names, figures and dates."""
    monkeypatch.setattr(grouping, "EVENT_THRESHOLD", 2.0)


@pytest.mark.parametrize("seed", range(6))
def test_clusters_equal_the_plain_definition(seed: int, monkeypatch: pytest.MonkeyPatch, no_event_test: None) -> None:
    site_articles = articles(seed, 90)
    holders: dict[str, int] = {}
    for article in site_articles:
        for key in dict_features(article):
            holders[key] = holders.get(key, 0) + (not key.startswith("w:"))
    # the limit set where some keys are too common, and others exactly at it
    monkeypatch.setattr(grouping, "MAX_POSTING", sorted(set(holders.values()))[-2])
    got = [[a.slug for a in members] for members in grouping.cluster(site_articles, config())]
    expected = plain_clusters(site_articles, config().cluster_window_days)
    assert got == expected
    assert any(len(m) > 1 for m in got) and any(len(m) == 1 for m in got)  # the case is not trivial


def _edited(article: Article, rng: random.Random, events: list[Article]) -> Article:
    """The article rewritten as another event's report (new names, figures and day), or redated."""
    if rng.random() < 0.3 and article.published is not None:
        return dataclasses.replace(article, published=article.published + timedelta(days=rng.choice((-20, 3, 40))))
    model = rng.choice(events)
    return dataclasses.replace(article, title=model.title, body=model.body + " " + rng.choice(TOPICS))


def _key_counts(site_articles: list[Article]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for article in site_articles:
        for key in grouping._fingerprint(article).proposing_keys():
            counts[key] = counts.get(key, 0) + 1
    return counts


@pytest.mark.parametrize("seed", range(4))
def test_the_event_test_joins_each_events_reports_and_no_others(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = event_reports(seed)
    got = [[a.slug for a in members] for members in grouping.cluster(reports, config())]
    assert got == plain_clusters(reports, config().cluster_window_days)
    assert all(len({slug[:3] for slug in members}) == 1 for members in got)  # no two events joined
    assert len(got) == len({a.slug[:3] for a in reports})  # and each event's reports all together
    monkeypatch.setattr(grouping, "EVENT_THRESHOLD", 2.0)
    assert len(grouping.cluster(reports, config())) > len(got)  # the lead test alone would not join them


def test_the_event_test_is_skipped_on_a_site_of_too_many_loose_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    reports = event_reports(1)
    joined = grouping.cluster(reports, config())
    monkeypatch.setattr(grouping, "EVENT_MAX_ARTICLES", len(reports) - 1)
    assert len(grouping.cluster(reports, config())) > len(joined)


@pytest.mark.parametrize("seed", range(4))
def test_event_clustering_from_the_last_state_equals_a_fresh_one(seed: int) -> None:
    """Reports move between events, arrive and leave: the event test, run from the last state, finds
    what a fresh clustering finds."""
    rng = random.Random(seed)
    pool = event_reports(seed + 50)
    current = {a.slug: a for a in event_reports(seed)}
    identity = {slug: repr(a) for slug, a in current.items()}
    _, state = grouping.cluster_with_state(list(current.values()), config(), None, identity, "code")
    for step in range(12):
        move = rng.random()
        if move < 0.5:
            slug = rng.choice(sorted(current))
            model = rng.choice(pool)
            current[slug] = dataclasses.replace(current[slug], title=model.title, body=model.body)
        elif move < 0.8:
            model = rng.choice(pool)
            slug = f"n{step:02d}"
            current[slug] = dataclasses.replace(model, slug=slug, source_path=Path(f"/s/{slug}.md"))
        else:
            del current[rng.choice(sorted(current))]
        identity = {slug: repr(a) for slug, a in current.items()}
        got, state = grouping.cluster_with_state(list(current.values()), config(), state, identity, "code")
        expected = grouping.cluster(list(current.values()), config())
        assert [[a.slug for a in g] for g in got] == [[a.slug for a in g] for g in expected], f"step {step}"


@pytest.mark.parametrize("seed", range(8))
def test_clustering_from_the_last_state_equals_a_fresh_one(seed: int, monkeypatch: pytest.MonkeyPatch,
                                                           no_event_test: None) -> None:
    """Edits, additions and removals, one or a few at a time, with a limit low enough that keys cross it
    both ways: after every step the clusters are those of a fresh clustering and of the plain definition."""
    rng = random.Random(seed)
    pool = articles(seed + 100, 60)
    current = {a.slug: a for a in articles(seed, 40)}
    monkeypatch.setattr(grouping, "MAX_POSTING", 4)
    identity = {slug: repr(a) for slug, a in current.items()}
    _, state = grouping.cluster_with_state(list(current.values()), config(), None, identity, "code")
    crossed = 0
    for step in range(25):
        before = _key_counts(list(current.values()))
        for _ in range(rng.choice((1, 1, 2, 4))):
            move = rng.random()
            if move < 0.6:
                slug = rng.choice(sorted(current))
                current[slug] = _edited(current[slug], rng, pool)
            elif move < 0.8 or len(current) < 10:
                model = rng.choice(pool)
                slug = f"n{step:02d}{rng.randrange(1000):03d}"
                current[slug] = dataclasses.replace(model, slug=slug, source_path=Path(f"/s/{slug}.md"))
            else:
                del current[rng.choice(sorted(current))]
        after = _key_counts(list(current.values()))
        crossed += sum((before.get(k, 0) <= 4) != (after.get(k, 0) <= 4) for k in before.keys() | after.keys()
                       if before.get(k, 0) and after.get(k, 0))
        identity = {slug: repr(a) for slug, a in current.items()}
        got, state = grouping.cluster_with_state(list(current.values()), config(), state, identity, "code")
        expected = grouping.cluster(list(current.values()), config())
        assert [[a.slug for a in g] for g in got] == [[a.slug for a in g] for g in expected], f"step {step}"
        assert [[a.slug for a in g] for g in got] == plain_clusters(list(current.values()),
                                                                   config().cluster_window_days)
    assert crossed > 0  # some key went over the limit or back under it: those paths ran


def test_clustering_state_starts_afresh_when_its_basis_changes(monkeypatch: pytest.MonkeyPatch,
                                                               no_event_test: None) -> None:
    site_articles = articles(3, 30)
    identity = {a.slug: a.slug for a in site_articles}
    _, state = grouping.cluster_with_state(site_articles, config(), None, identity, "code-1")
    assert state is not None and state.links  # something was linked, so a stale state would show
    stale = grouping.ClusterState(state.basis, state.keys, frozenset())  # claims nothing is linked
    fresh = grouping.cluster(site_articles, config())
    again, _ = grouping.cluster_with_state(site_articles, config(), stale, identity, "code-2")
    assert [[a.slug for a in g] for g in again] == [[a.slug for a in g] for g in fresh]
    trusted, _ = grouping.cluster_with_state(site_articles, config(), stale, identity, "code-1")
    assert all(len(g) == 1 for g in trusted)  # the same basis: the state is taken as it is
