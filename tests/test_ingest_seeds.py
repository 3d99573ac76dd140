"""Acceptance of `sitegen ingest` on the five real seed pages (read at run time, never copied here)."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from sitegen.config import Config
from sitegen.content import load as load_content
from sitegen.errors import Diagnostics
from sitegen.ingest import IngestResult, ingest_text, run

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
pytestmark = pytest.mark.seeds

# Short markers (fewer than 9 words) that tell the seeds apart without naming files.
MARKERS = {
    "aggregator": "Read original at",
    "hoka": "hoka.news",
    "logicity": "Logicity",
    "mind": "MindTickleBytes",
}
FORBIDDEN = ["Advertisement", "Comedian Price", "World Cup Combo", "crypto.news@mexc.com", "hokan",
             "Need Help Implementing This", "A video editing tool", "Produced with AI assistance",
             "HOKA.NEWS", "reposted on this site", "MEXC", "not financial advice", "Market Impact analysis"]
# Real news paragraphs, found in the seed by their opening words; the whole line must survive.
NEWS_OPENINGS = {
    "aggregator": ["Alibaba has restricted its employees"],
    "plain": ["Alibaba has ordered employees", "The move follows a widening dispute", "Alibaba’s response was not"],
    "hoka": ["Chinese technology giant Alibaba has reportedly moved", "The ban comes shortly after Anthropic",
             "Alibaba has not publicly issued", "The outcome of this dispute may"],
    "logicity": ["Alibaba did not immediately respond", "Claude Code is Anthropic's agentic",
                 "Anthropic has not publicly addressed", "The timing here is curious"],
    "mind": ["Alibaba has currently classified Claude Code", "This case will serve as a",
             "While technological progress cannot be stopped"],
}


@pytest.fixture(scope="module")
def seeds() -> dict[str, Path]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (../shared is absent in this checkout)")
    found: dict[str, Path] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        kind = next((k for k, marker in MARKERS.items() if marker in text), "plain")
        found[kind] = path
    assert set(found) == {*MARKERS, "plain"}, f"could not tell the seeds apart: {sorted(found)}"
    return found


@pytest.fixture(scope="module")
def results(seeds: dict[str, Path]) -> dict[str, IngestResult]:
    config = Config(root=Path("/nonexistent-site"))
    return {kind: ingest_text(path.read_text(encoding="utf-8"), source_name=str(path), config=config, story=None)
            for kind, path in seeds.items()}


def test_five_seeds_become_five_loadable_articles(seeds: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "config.yml").write_text("title: t\n", encoding="utf-8")
    config = Config(root=tmp_path)
    written = run([SEEDS], config, story="alibaba-claude-code-ban", diagnostics=Diagnostics())
    assert len(written) == 5 and len({p.name for p in written}) == 5
    site = load_content(config, Diagnostics())
    assert len(site.articles) == 5
    assert {a.story for a in site.articles} == {"alibaba-claude-code-ban"}


def test_aggregator_card_front_matter(results: dict[str, IngestResult]) -> None:
    front = results["aggregator"].front_matter
    assert front.outlet == "Crypto.News"
    assert front.published == datetime(2026, 7, 3, 7, 40, tzinfo=timezone.utc)
    assert front.category == "Rumors & Leaks"
    assert dict(front.ratings) == {"authority": 0.45, "credibility": 0.28, "relevance": 0.18}
    assert "Articles/" not in front.title and "ago" not in front.title


def test_hoka_repost_front_matter(results: dict[str, IngestResult]) -> None:
    front = results["hoka"].front_matter
    assert front.outlet == "hoka.news"
    assert front.author == "Victoria Hale"
    assert front.published == datetime(2026, 7, 3, 21, 30)
    assert front.reposted_by == "MEXC"
    assert "Reuters" in front.cites


def test_logicity_front_matter_and_faq(results: dict[str, IngestResult]) -> None:
    result = results["logicity"]
    front = result.front_matter
    assert front.author == "Huma Shazia"
    assert front.published == datetime(2026, 7, 3, 12, 32)
    assert {"Tech-Economic Times", "Yicai"} <= set(front.cites)
    faq = result.body.split("## Frequently Asked Questions\n", 1)[1]
    questions = re.findall(r"^### (.+)$", faq, re.M)
    assert len(questions) == 5 and all(q.endswith("?") for q in questions)
    answers = re.split(r"^### .+$", faq, flags=re.M)[1:]
    assert all(a.strip() for a in answers), "every question keeps its answer"


def test_opinion_sections_are_wrapped(results: dict[str, IngestResult]) -> None:
    assert re.search(r"^::: opinion\n## Logicity's Take\n(?:.|\n)+?^:::$", results["logicity"].body, re.M)
    assert re.search(r"^::: opinion\n## MindTickleBytes", results["mind"].body, re.M)


def test_reference_list_becomes_links(results: dict[str, IngestResult]) -> None:
    body = results["mind"].body
    references = body.split("## References\n", 1)[1]
    assert re.search(r"^- \[[^\]]+\]\(https://kfgo\.com/[^)]+\)", references, re.M)
    assert all(line.startswith("- ") for line in references.strip().splitlines())


def test_seed_without_outlet_or_date_warns(results: dict[str, IngestResult]) -> None:
    result = results["plain"]
    assert result.front_matter.outlet is None and result.front_matter.published is None
    warning = next(w for w in result.warnings if "fill" in w)
    assert "outlet" in warning and "published" in warning
    assert "outlet: null" in result.to_markdown() and "published: null" in result.to_markdown()


@pytest.mark.parametrize("needle", FORBIDDEN)
def test_noise_does_not_survive(results: dict[str, IngestResult], needle: str) -> None:
    for kind, result in results.items():
        assert needle not in result.body, f"{needle!r} survived in the {kind} seed"


def test_duplicated_truncated_lede_is_dropped(seeds: dict[str, Path], results: dict[str, IngestResult]) -> None:
    first_line = seeds["hoka"].read_text(encoding="utf-8").splitlines()[0]
    assert results["hoka"].body.count(first_line[:80]) == 1  # only the real paragraph keeps it
    assert any(d.rule == "duplicate-lede" and d.line_no == 1 for d in results["hoka"].dropped)


@pytest.mark.parametrize("kind", sorted(NEWS_OPENINGS))
def test_news_paragraphs_survive(seeds: dict[str, Path], results: dict[str, IngestResult], kind: str) -> None:
    lines = seeds[kind].read_text(encoding="utf-8").splitlines()
    for opening in NEWS_OPENINGS[kind]:
        # the last line with this opening: a page may show a cut copy of its lede first
        paragraph = [line.strip() for line in lines if line.startswith(opening) and len(line) > 100][-1]
        assert paragraph in results[kind].body, f"lost a news paragraph starting {opening!r}"


def test_every_dropped_line_names_a_rule(results: dict[str, IngestResult]) -> None:
    from sitegen.ingest.rules import DEFAULT_RULES, STRUCTURAL_RULES

    known = {r.name for r in DEFAULT_RULES} | set(STRUCTURAL_RULES)
    for result in results.values():
        assert result.dropped
        assert {d.rule for d in result.dropped} <= known
