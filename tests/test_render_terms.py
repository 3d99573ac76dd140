"""Category, tag and outlet listings: what collect_terms files where, against the plain definition
(every article under each of its names, first spelling wins, each list newest first)."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sitegen.model import Article
from sitegen.render.environment import term_slug
from sitegen.render.pages import collect_terms

SPELLINGS = (("AI", "ai", "Ai "), ("Trade", "trade"), ("Space",), ("Courts", "COURTS"))
OUTLETS = ("Example Wire", "example wire", "Demo Daily", None)


def articles(seed: int, count: int = 60) -> tuple[Article, ...]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    made = []
    for n in range(count):
        tags = tuple(rng.choice(group) for group in rng.sample(SPELLINGS, rng.randint(0, 3)))
        published = None if rng.random() < 0.1 else start + timedelta(hours=rng.randint(0, 30))  # ties too
        made.append(Article(slug=f"a{n:03d}", source_path=Path(f"/site/a{n:03d}.md"), title=f"Article {n}",
                            body="", outlet=rng.choice(OUTLETS), published=published,
                            category=rng.choice(("Business", "business", None)), tags=tags))
    return tuple(made)


def plain_terms(site_articles: tuple[Article, ...]) -> dict[str, list[tuple[str, str, list[str]]]]:
    def newest_first(a: Article) -> tuple[bool, float, str]:
        return (a.published is None, -(a.published.timestamp() if a.published else 0), a.slug)

    found: dict[str, dict[str, tuple[str, list[Article]]]] = {"categories": {}, "tags": {}, "outlets": {}}
    for article in site_articles:
        for kind, names in (("categories", [article.category]), ("tags", list(article.tags)),
                            ("outlets", [article.outlet])):
            for name in dict.fromkeys(names):
                if name and name.strip():
                    entry = found[kind].setdefault(term_slug(name), (name.strip(), []))
                    entry[1].append(article)
    return {kind: [(name, slug, [a.slug for a in sorted(listed, key=newest_first)])
                   for slug, (name, listed) in sorted(terms.items(), key=lambda item: item[1][0].lower())]
            for kind, terms in found.items()}


def test_terms_match_the_plain_definition() -> None:
    for seed in range(25):
        site_articles = articles(seed)
        terms = collect_terms([], site_articles)
        got = {kind: [(t.name, t.slug, [a.slug for a in t.articles]) for t in listed] for kind, listed in terms.items()}
        assert got == plain_terms(site_articles), seed
