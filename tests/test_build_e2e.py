"""`sitegen build` end to end through the real CLI on real site dirs."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.cli import main

from conftest import HANG_GUARD

REPO = Path(__file__).resolve().parents[1]
SHARED_SCHEMA = REPO.parent / "shared" / "story.schema.json"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sitegen", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=HANG_GUARD)


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built_demo(demo_site: Path, tmp_path: Path) -> Path:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("build", "--site", str(demo_site), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    return demo_site / "output"


def test_demo_story_lists_five_sources_with_links(built_demo: Path) -> None:
    page = (built_demo / "stories" / "alibaba-claude-code-ban" / "index.html").read_text()
    sources = page[page.index('id="sources"'):]
    items = re.findall(r'<li id="source-[^"]+"', sources)
    assert len(items) == 5
    assert len(re.findall(r'<a href="https?://', sources)) >= 4  # one demo article has no URL
    assert sources.count("/articles/") >= 5


def test_every_output_kind_exists(built_demo: Path) -> None:
    for name in ("index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "static/style.css"):
        assert (built_demo / name).is_file(), name
    articles = list((built_demo / "articles").glob("*/index.html"))
    assert len(articles) == len(list((REPO / "content" / "articles").glob("*.md")))


def test_index_lists_stories_newest_first(built_demo: Path) -> None:
    stories = [json.loads(p.read_text()) for p in (built_demo / "stories").glob("*/story.json")]
    assert len(stories) >= 2
    index = (built_demo / "index.html").read_text()
    order = sorted(stories, key=lambda s: s["updated"] or "", reverse=True)
    positions = [index.index(f'/stories/{s["slug"]}/') for s in order]
    assert positions == sorted(positions)


def test_story_json_matches_schemas(built_demo: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    ours = json.loads((REPO / "sitegen" / "schema" / "story.schema.json").read_text())
    schemas = [ours] + ([json.loads(SHARED_SCHEMA.read_text())] if SHARED_SCHEMA.is_file() else [])
    files = list((built_demo / "stories").glob("*/story.json"))
    assert files
    for path in files:
        data = json.loads(path.read_text())
        for schema in schemas:
            jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    if not SHARED_SCHEMA.is_file():
        pytest.skip(f"validated against our schema only: {SHARED_SCHEMA} is absent")


def test_strict_fails_on_missing_url(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "s")]) == 0
    article = next((tmp_path / "s" / "content" / "articles").glob("*.md"))
    article.write_text(re.sub(r"(?m)^url: .*\n", "", article.read_text()))
    assert main(["build", "--site", str(tmp_path / "s")]) == 0
    assert main(["build", "--site", str(tmp_path / "s"), "--strict"]) == 1


def test_content_error_keeps_previous_output(demo_site: Path, tmp_path: Path) -> None:
    assert run_cli("build", "--site", str(demo_site), cwd=tmp_path).returncode == 0
    before = tree_digest(demo_site / "output")
    bad = demo_site / "content" / "articles" / "zz-broken.md"
    bad.write_text("---\ntitle: Broken\npublished: not a date\n---\nbody\n")
    result = run_cli("build", "--site", str(demo_site), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{bad}:3: " in result.stderr and "published" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(demo_site / "output") == before


def test_config_error_exit_1_with_line(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "s")]) == 0
    cfg = tmp_path / "s" / "config.yml"
    cfg.write_text(cfg.read_text() + "colour: blue\n")
    result = run_cli("build", "--site", str(tmp_path / "s"), cwd=tmp_path)
    assert result.returncode == 1
    line = len(cfg.read_text().splitlines())
    assert f"config.yml:{line}: unknown key 'colour'" in result.stderr


def test_usage_error_exit_2(tmp_path: Path) -> None:
    assert run_cli("build", "--no-such-flag", cwd=tmp_path).returncode == 2
    assert run_cli(cwd=tmp_path).returncode == 2


def test_new_refuses_non_empty_dir(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "keep.txt").write_text("mine")
    assert main(["new", str(tmp_path / "s")]) == 1
    assert (tmp_path / "s" / "keep.txt").read_text() == "mine"


def test_help_lists_only_working_commands(tmp_path: Path) -> None:
    result = run_cli("--help", cwd=tmp_path)
    listed = set(re.findall(r"^    (\w+)\s", result.stdout, re.M))
    assert {"new", "build"} <= listed
    for name in listed:
        assert run_cli(name, "--help", cwd=tmp_path).returncode == 0, name
