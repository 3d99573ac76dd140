"""A long story (claims.PARTNERS_FROM sentences or more) walks each sentence's strongest pairs, then the
strongest pair between clusters: one fact told by every outlet in several wordings is still one claim."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sitegen.config import Config
from sitegen.merge import claims, merge_story
from sitegen.merge.story import sentence_groups
from sitegen.model import Article

OUTLETS = 84
# one fact, worded four ways (each wording a clique of near-identical sentences)
WORDINGS = (
    "Engineers at the Corrow dam found {n} cracked sluice gates on Tuesday, the water board said.",
    "The water board said engineers found {n} cracked sluice gates at the Corrow dam on Tuesday.",
    "Inspectors discovered {n} cracked sluice gates at the Corrow dam on Tuesday, according to the water board.",
    "On Tuesday {n} sluice gates at the Corrow dam were found cracked, a water board spokesperson told reporters.",
)
FILLER = ("orchard", "ledger", "violin", "harvest", "copper", "lantern", "meadow", "tunnel", "carpet", "falcon",
          "pottery", "glacier", "saddle", "compass", "thistle", "quarry", "bakery", "anchor", "velvet", "timber",
          "marble", "beacon", "canyon", "walnut", "pigeon", "ribbon", "summit", "parlor", "kettle", "cobalt")


def _articles(seed: int = 3) -> list[Article]:
    rng = random.Random(seed)
    start = datetime(2026, 4, 7, tzinfo=timezone.utc)
    articles = []
    for n in range(OUTLETS):
        own = [" ".join(rng.sample(FILLER, 7)).capitalize() + " were listed near the old mill." for _ in range(29)]
        sentences = [WORDINGS[n % len(WORDINGS)].format(n=17)] + own
        rng.shuffle(sentences)
        articles.append(Article(slug=f"a{n:03d}", title="Cracked gates at the Corrow dam", body=" ".join(sentences),
                                source_path=Path(f"a{n:03d}.md"), outlet=f"Outlet {n}", story="dam",
                                published=start + timedelta(minutes=n)))
    return articles


def test_a_fact_every_outlet_tells_is_one_claim_in_a_long_story(monkeypatch) -> None:  # noqa: ANN001
    walked = []
    partners = claims._strongest_partners
    monkeypatch.setattr(claims, "_strongest_partners", lambda *a: walked.append(1) or partners(*a))
    articles = _articles()
    story = merge_story("dam", articles, None, Config(root=Path(".")))
    assert walked  # the long story's path was taken
    groups = [g for g in sentence_groups(articles, Config(root=Path("."))) if any("sluice" in t for _s, t in g)]
    assert len(groups) == 1 and len(groups[0]) == OUTLETS  # grouped as one (not left to support to gather)
    told = [c for c in story.claims if "sluice" in c.text]
    assert len(told) == 1
    assert told[0].independent_sources >= OUTLETS - 2
    shuffled = list(reversed(articles))
    assert merge_story("dam", shuffled, None, Config(root=Path("."))) == story  # order-independent
