"""A build that fails or is killed at any moment leaves an output folder and a cache the next build can
use: the next build succeeds and its output equals a clean build's, byte for byte (issue 15); and the
output folder, once the next build has completed a half-done commit (its first step), is the old
output or the new one, never a mix, with no staging folder left (issue 22, items 5 and 6).

Kills are deterministic: SITEGEN_TEST_CRASH_AFTER=N makes the build SIGKILL itself at its Nth write
or move of output or cache files (sitegen.output.crash_point), one build per N until a build finishes.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from sitegen import content, merge, output, render_stage
from sitegen.build import build

from test_incremental_build import edit, make_site, reference_build, tree

REPO = Path(__file__).resolve().parents[1]


def leftovers(site: Path) -> list[str]:
    """Staging folders and commit plans beside the output folder."""
    return sorted(p.name for p in site.iterdir() if p.name.startswith(".output.sitegen-"))


def killed_build(site: Path, point: int) -> int:
    """Run `sitegen build -j 1` in a child process that kills itself at its ``point``-th write; its exit code
    (-SIGKILL when it was killed)."""
    env = {**os.environ, output.CRASH_AFTER: str(point), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "sitegen", "build", "-q", "-j", "1", "--site", str(site)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, -signal.SIGKILL), done.stderr
    return done.returncode


def edits() -> list[Callable[[Path], None]]:
    """Changes between two builds: a body edit (a few pages), a new article (new folders), a removed one
    (stale pages), and a story moved (listings)."""
    articles = Path("content") / "articles"

    def body(site: Path) -> None:
        edit(site / articles / "piece-4.md", lambda t: t.replace("Second point.", "Second point, revised."))

    def added(site: Path) -> None:
        text = (site / articles / "piece-1.md").read_text("utf-8").replace("Piece number 1", "A fresh piece")
        (site / articles / "piece-7.md").write_text(text.replace("example.org/2", "example.org/7"), "utf-8")

    def removed(site: Path) -> None:
        (site / articles / "piece-5.md").unlink()

    def moved(site: Path) -> None:
        edit(site / articles / "piece-2.md", lambda t: t.replace("story: port-tariff", "story: grid-upgrade"))

    return [body, added, removed, moved]


# (no steady_code fixture here: the killed builds run in child processes, which must see the same code
# fingerprint as the builds here, or every one of them would be a full build)
@pytest.mark.parametrize("change", [None, *edits()], ids=["cold", "body", "added", "removed", "moved"])
def test_sigkill_leaves_old_or_new_output_and_the_next_build_sound(change: Callable[[Path], None] | None,
                                                                   tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    old = None
    if change is not None:
        build(site, jobs=1)
        old = tree(site / "output")
        change(site)
    new = reference_build(site, tmp_path / "reference")
    saved = _snapshot(site)
    total = _points(site, monkeypatch)
    # every point of a small build; of a bigger one, the first, one in the middle of rendering, and the last
    # ten: the commit and the cache save
    points = sorted({1, total // 2, *range(max(1, total - 9), total + 1)}) if total > 14 else range(1, total + 1)
    for point in points:
        _restore(site, saved)
        assert killed_build(site, point) == -signal.SIGKILL
        output.recover((site / "output").resolve())  # what the next build does before anything else
        now = tree(site / "output") if (site / "output").exists() else None
        assert now in (old, new), f"after a kill at point {point}/{total}, output/ is neither the old nor the new tree"
        build(site, jobs=1)
        assert tree(site / "output") == new, f"the build after a kill at point {point}/{total} differs from a clean one"
        assert leftovers(site) == []
    _restore(site, saved)
    assert killed_build(site, total + 1) == 0  # one point further: the build finishes
    assert tree(site / "output") == new and leftovers(site) == []


def _points(site: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many crash points a build of ``site`` as it stands passes (run here, then undone)."""
    saved = _snapshot(site)
    with monkeypatch.context() as patch:
        patch.setenv(output.CRASH_AFTER, str(10 ** 9))
        patch.setattr(output, "_crash_count", [0])
        build(site, jobs=1)
        total = output._crash_count[0]
    _restore(site, saved)
    return total


def _snapshot(site: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(site.rglob("*")) if p.is_file()}


def _restore(site: Path, saved: dict[str, tuple[bytes, int]]) -> None:
    """Put the site folder (content, output, cache) back exactly as ``saved``, mtimes included (the cache
    tells unchanged files by them)."""
    for path in sorted(site.rglob("*"), reverse=True):
        rel = path.relative_to(site).as_posix()
        if path.is_symlink() or path.is_file():
            if rel not in saved:
                path.unlink()
        elif not any(key.startswith(rel + "/") for key in saved):
            path.rmdir()
    for rel, (data, mtime_ns) in saved.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.stat().st_mtime_ns != mtime_ns or path.read_bytes() != data:
            path.write_bytes(data)
            os.utime(path, ns=(mtime_ns, mtime_ns))


def _fail_on(marker: str, real: Callable[..., object]) -> Callable[..., object]:
    def failing(*args: object, **kwargs: object) -> object:
        if marker in repr(args):
            raise RuntimeError(f"injected failure on {marker}")
        return real(*args, **kwargs)
    return failing


@pytest.mark.usefixtures("steady_code")
@pytest.mark.parametrize("stage", ["parse", "merge", "render"])
@pytest.mark.parametrize("cold", [True, False])
def test_an_exception_in_a_worker_leaves_a_sound_site(stage: str, cold: bool, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    if not cold:
        build(site, jobs=2)
    before = tree(site / "output") if not cold else None
    edit(site / "content" / "articles" / "piece-4.md", lambda t: t.replace("Second point.", "Second point, again."))
    with monkeypatch.context() as patch:  # workers are forked: they see the patched functions
        if stage == "parse":
            patch.setattr(content, "parse_article", _fail_on("piece-4.md", content.parse_article))
        elif stage == "merge":
            patch.setattr(merge, "merge_story", _fail_on("grid-upgrade", merge.merge_story))
        else:
            patch.setattr(render_stage, "SERIAL_PAGES", 0)  # render in workers even for this small site
            patch.setattr(render_stage, "story_pages", _fail_on("grid-upgrade", render_stage.story_pages))
        with pytest.raises(RuntimeError, match="injected failure"):
            build(site, jobs=2)
    assert (tree(site / "output") if (site / "output").exists() else None) == before  # untouched
    assert leftovers(site) == []
    build(site, jobs=2)
    assert tree(site / "output") == reference_build(site, tmp_path / "reference")
    build(site, jobs=2, clean=True)
    assert tree(site / "output") == reference_build(site, tmp_path / "reference")


@pytest.mark.parametrize("gitignore", ["scaffold", "repository"])
def test_staging_folders_and_plans_are_ignored_by_git(gitignore: str, tmp_path: Path) -> None:
    from sitegen.commands.new import scaffold

    site = tmp_path / "site"
    scaffold(site)
    if gitignore == "repository":
        (site / ".gitignore").write_bytes((REPO / ".gitignore").read_bytes())
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    staging = output.new_staging(site / "output")
    (staging / "index.html").write_text("a page\n", "utf-8")
    (site / f".output.{output.PLAN}").write_text("{}", "utf-8")
    (site / f".output.{output.PLAN}-x1y2").write_text("{}", "utf-8")
    (site / f".output.{output.RETIRED}abcd").mkdir()
    (site / f".output.{output.RETIRED}abcd" / "old.html").write_text("old\n", "utf-8")
    listed = subprocess.run(["git", "-C", str(site), "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    assert ".sitegen-" not in listed and "config.yml" in listed
