"""`sitegen check` reports clusters, per-story sources, claims by badge, disputes and warnings."""
from __future__ import annotations

import shutil
from pathlib import Path

from merge_support import FIXTURES
from sitegen.cli import main


def test_check_reports_story_and_warnings(tmp_path: Path, capsys) -> None:
    (tmp_path / "config.yml").write_text("title: t\n", encoding="utf-8")
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    for path in (FIXTURES / "scooters").glob("*.md"):
        shutil.copy(path, articles / path.name)
    (articles / "lone.md").write_text("---\ntitle: Lighthouse reopens\noutlet: Gull Times\n---\n"
                                      "The old lighthouse on Gull Point reopened to visitors after two years of work.\n",
                                      encoding="utf-8")
    assert main(["check", "--site", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "story harbor-scooters" in out and "sources: 5" in out
    assert "disputed" in out and "dispute d1 [date]" in out and "[number]" in out and "likely April 1, 2031" in out
    assert "warning: rests on a single source" in out and "no publish date: lone" in out
    assert main(["check", "--site", str(tmp_path), "--strict"]) == 1
