"""One story per event: the corpus's raw articles ingested without --story (so no `story:` key) cluster
into one story per event, two events at a time and all together. Reads ../shared/corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen import config as config_stage
from sitegen import content
from sitegen.cli import main
from sitegen.errors import Diagnostics
from sitegen.merge.grouping import group_site

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS} (../shared/corpus)")


def events() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if (p / "expect.json").is_file()) if CORPUS.is_dir() else []


def stories_of(tmp_path: Path, folders: list[Path]) -> list[set[str]]:
    """Ingest the folders' raw files into a new site (no --story) and return, per story, the events its
    articles come from."""
    site = tmp_path / "site"
    (site / "content" / "articles").mkdir(parents=True)
    (site / "config.yml").write_text("title: Corpus\n", encoding="utf-8")
    raws = []
    event_of_url: dict[str, str] = {}
    for folder in folders:
        for raw in sorted(folder.glob("[0-9][0-9]_*.txt")):
            copy = tmp_path / f"{folder.name}--{raw.name}"
            text = raw.read_text(encoding="utf-8", errors="replace")
            copy.write_text(text, encoding="utf-8")
            raws.append(str(copy))
            event_of_url[text.splitlines()[0].removeprefix("SOURCE-URL:").strip()] = folder.name
    assert main(["ingest", *raws, "--site", str(site), "--quiet"]) == 0
    cfg = config_stage.load(site)
    site_content = content.load(cfg, Diagnostics())
    grouping = group_site(site_content, cfg)
    return [{event_of_url.get(a.url or "", "?") for a in members} for members in grouping.groups.values()]


@pytest.mark.parametrize("pair", [(0, 1), (4, 5), (2, 6), (3, 7)])
def test_two_events_ingested_together_make_two_stories(tmp_path: Path, pair: tuple[int, int]) -> None:
    found = events()
    if len(found) <= max(pair):
        pytest.skip(f"the corpus has {len(found)} events")
    folders = [found[i] for i in pair]
    stories = stories_of(tmp_path, folders)
    assert sorted(map(sorted, stories)) == sorted([[f.name] for f in folders]), stories


def test_every_event_ingested_together_makes_one_story_each(tmp_path: Path) -> None:
    folders = events()
    stories = stories_of(tmp_path, folders)
    assert all(len(s) == 1 for s in stories), [sorted(s) for s in stories if len(s) > 1]
    assert len(stories) == len(folders), [sorted(s) for s in stories]
