"""The repository's own demo site: it loads, it has the stories the README promises, and its
prose is the project's own (no run of 9 words taken from the seed articles)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from sitegen import config as config_mod
from sitegen import content
from sitegen.errors import Diagnostics
from sitegen.model import Article, Site

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
MAIN_STORY = "alibaba-claude-code-ban"
RUN_LENGTH = 9
# A Markdown link target is a source's address, a fact rather than prose: the brief requires one
# real address whose path repeats a seed headline, so link targets are left out of the word check.
LINK_TARGET = re.compile(r"\]\([^)\s]+\)")


@pytest.fixture(scope="module")
def demo() -> Site:
    cfg = config_mod.load(REPO)
    return content.load(cfg, Diagnostics())


def _by_slug(site: Site) -> dict[str, Article]:
    return {article.slug: article for article in site.articles}


def test_config_has_exactly_the_demo_keys() -> None:
    keys = set(yaml.safe_load((REPO / "config.yml").read_text(encoding="utf-8")))
    assert keys == {"title", "description", "base_url", "language", "timezone", "outlets", "badges", "hedge_words"}


def test_every_named_outlet_is_configured(demo: Site) -> None:
    cfg = config_mod.load(REPO)
    named = {a.outlet for a in demo.articles if a.outlet} | {a.reposted_by for a in demo.articles if a.reposted_by}
    named |= {"Reuters", "Yicai", "Tech-Economic Times", "Moneycontrol", "Modelora"}
    missing = sorted(name for name in named if cfg.outlet(name) is None)
    assert missing == []
    assert cfg.outlet("MEXC News").owner == "MEXC"
    assert cfg.outlet("hoka.news").owner == "HOKA"


def test_three_stories_with_five_three_and_one_articles(demo: Site) -> None:
    counts: dict[str, int] = {}
    for article in demo.articles:
        counts[article.story or ""] = counts.get(article.story or "", 0) + 1
    assert counts == {MAIN_STORY: 5, "anthropic-qwen-distillation": 3, "alibaba-qoder-migration": 1}


def test_main_story_keeps_the_seeds_quirks(demo: Site) -> None:
    articles = _by_slug(demo)
    unnamed = articles["unattributed-alibaba-claude-purge-qoder"]
    assert unnamed.outlet is None and unnamed.published is None
    repost = articles["hoka-news-alibaba-claude-code-ban-mexc"]
    assert (repost.outlet, repost.reposted_by, repost.syndicated_from) == ("hoka.news", "MEXC News", None)
    aggregator = articles["crypto-news-alibaba-claude-code-ban"]
    assert dict(aggregator.ratings) == {"authority": 0.45, "credibility": 0.28, "relevance": 0.18}
    # The 2025/2026 start-date disagreement is the point of the demo's date dispute.
    assert "July 10, 2025" in articles["logicity-alibaba-claude-code-backdoor-risks"].body
    assert "July 10, 2026" in articles["mindticklebytes-alibaba-claude-code-explainer"].body


def test_story_file_declares_the_evidence_dispute(demo: Site) -> None:
    story = demo.story_files[MAIN_STORY]
    slugs = set(_by_slug(demo))
    (dispute,) = story.disputes
    assert dispute.kind == "assertion"
    assert len(dispute.values) == 2
    assert all(source in slugs for value in dispute.values for source in value.sources)
    assert len(story.faq) == 1 and story.note.strip()


def test_article_bodies_are_150_to_400_words(demo: Site) -> None:
    lengths = {a.slug: len(a.body.split()) for a in demo.articles}
    assert {slug: n for slug, n in lengths.items() if not 150 <= n <= 400} == {}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _runs(words: list[str]) -> set[str]:
    return {" ".join(words[i:i + RUN_LENGTH]) for i in range(len(words) - RUN_LENGTH + 1)}


@pytest.mark.seeds
def test_demo_prose_copies_no_seed_sentences() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (../shared is absent in this checkout)")
    seed_runs: set[str] = set()
    for seed in SEEDS.glob("*.txt"):
        seed_runs |= _runs(_words(seed.read_text(encoding="utf-8", errors="replace")))
    copied = {}
    for path in [REPO / "config.yml", *sorted((REPO / "content").rglob("*.md"))]:
        prose = LINK_TARGET.sub("]()", path.read_text(encoding="utf-8"))
        hits = _runs(_words(prose)) & seed_runs
        if hits:
            copied[path.name] = sorted(hits)[0]
    assert copied == {}
