"""Golden output: the demo site must build to exactly the recorded bytes, in any process.

Story pages and story.json are kept whole under tests/golden/demo/ (readable diffs when a change is
meant); every other file is pinned by its SHA-256 in tests/golden/demo-manifest.txt. After an intended
change, regenerate with ``SITEGEN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_demo.py`` and
review the diff before committing.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
MANIFEST = GOLDEN / "demo-manifest.txt"
KEPT_WHOLE = ("stories/",)  # story pages and story.json: the product's core output


def _build(demo_site: Path, out: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(demo_site), "--out", str(out), "-q",
                    "--clean"], check=True, env=env, cwd=demo_site)


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _manifest(tree: dict[str, bytes]) -> str:
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in tree.items())


def test_demo_output_matches_golden(demo_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(demo_site, out, "1")
    tree = _tree(out)
    if os.environ.get("SITEGEN_UPDATE_GOLDEN") == "1":
        shutil.rmtree(GOLDEN / "demo", ignore_errors=True)
        for path, data in tree.items():
            if path.startswith(KEPT_WHOLE):
                (GOLDEN / "demo" / path).parent.mkdir(parents=True, exist_ok=True)
                (GOLDEN / "demo" / path).write_bytes(data)
        MANIFEST.write_text(_manifest(tree), encoding="utf-8")
    expected_manifest = MANIFEST.read_text(encoding="utf-8")
    for path, data in tree.items():
        if path.startswith(KEPT_WHOLE):
            golden = GOLDEN / "demo" / path
            assert golden.is_file(), f"{path} is new: regenerate the golden files if that is intended"
            assert data.decode("utf-8") == golden.read_text(encoding="utf-8"), f"{path} differs from golden"
    assert _manifest(tree) == expected_manifest


@pytest.mark.parametrize("seeds", [("0", "12345")])
def test_output_does_not_depend_on_the_hash_seed(demo_site: Path, tmp_path: Path, seeds: tuple[str, str]) -> None:
    """Set and dict iteration order of strings changes per process; no output byte may follow it."""
    trees = []
    for seed in seeds:
        out = tmp_path / f"out-{seed}"
        _build(demo_site, out, seed)
        trees.append(_tree(out))
    assert trees[0].keys() == trees[1].keys()
    differing = [path for path in trees[0] if trees[0][path] != trees[1][path]]
    assert differing == []


FULL_ARTICLES = GOLDEN / "demo-full-articles.txt"


def test_full_article_pages_match_their_golden(demo_site: Path, tmp_path: Path) -> None:
    """`article_pages: full` (issue 19) publishes the article pages sitegen wrote before excerpts became the
    default; their hashes are pinned here (regenerated with the others)."""
    with (demo_site / "config.yml").open("a", encoding="utf-8") as config:
        config.write("\narticle_pages: full\n")
    out = tmp_path / "out"
    _build(demo_site, out, "1")
    pages = {path: data for path, data in _tree(out).items() if path.startswith("articles/")}
    assert pages and all(b"wording as published" in data for data in pages.values())
    if os.environ.get("SITEGEN_UPDATE_GOLDEN") == "1":
        FULL_ARTICLES.write_text(_manifest(pages), encoding="utf-8")
    assert _manifest(pages) == FULL_ARTICLES.read_text(encoding="utf-8")
