"""Helpers for the merge tests: fixture articles, configs, seeds location."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import yaml

from sitegen.config import Config
from sitegen.content import parse_article
from sitegen.merge import merge_story
from sitegen.model import Article, Story

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "merge"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def config(**overrides: object) -> Config:
    return Config(root=FIXTURES, **overrides)  # type: ignore[arg-type]


def story_from_bodies(bodies: dict[str, tuple[str, str | None]], title: str, slug: str) -> Story:
    """A merged story from {outlet: (body, published ISO date or None)}, articles in outlet order."""
    articles = [Article(slug=f"a{n}", title=title, body=body, source_path=Path(f"a{n}.md"), outlet=outlet,
                        story=slug,
                        published=datetime.fromisoformat(day).replace(tzinfo=timezone.utc) if day else None)
                for n, (outlet, (body, day)) in enumerate(sorted(bodies.items()))]
    return merge_story(slug, articles, None, Config(root=Path(".")))


def fixture_articles(name: str = "scooters") -> list[Article]:
    folder = FIXTURES / name
    cfg = config()
    return [parse_article(p, p.read_text(encoding="utf-8"), cfg) for p in sorted(folder.glob("*.md"))]


def labels(name: str = "scooters") -> dict[str, list[tuple[str, str]]]:
    raw = yaml.safe_load((FIXTURES / name / "labels.yml").read_text(encoding="utf-8"))
    return {label: [(slug, phrase) for slug, phrase in pairs] for label, pairs in raw.items()}


def pairwise_scores(groups: list[list[tuple[str, str]]], gold: dict[str, list[tuple[str, str]]]) -> tuple[float, float]:
    """Precision and recall over pairs of labelled sentences put in the same claim."""
    def label_of(slug: str, text: str) -> str | None:
        for label, entries in gold.items():
            if any(slug == s and phrase in text for s, phrase in entries):
                return label
        return None

    labelled = []  # (group index, label)
    for gi, members in enumerate(groups):
        for slug, text in members:
            label = label_of(slug, text)
            if label:
                labelled.append((gi, label))
    predicted = gold_pairs = both = 0
    for a in range(len(labelled)):
        for b in range(a + 1, len(labelled)):
            same_group = labelled[a][0] == labelled[b][0]
            same_label = labelled[a][1] == labelled[b][1]
            predicted += same_group
            gold_pairs += same_label
            both += same_group and same_label
    precision = both / predicted if predicted else 1.0
    recall = both / gold_pairs if gold_pairs else 1.0
    return precision, recall
