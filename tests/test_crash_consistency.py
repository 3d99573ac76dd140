"""A build that fails or is killed at any moment leaves an output folder and a cache the next build can
use: the next build succeeds and its output equals a clean build's, byte for byte (issue 15); and the
output folder, right after the kill, is the complete old output or the complete new one, never a mix,
with no staging folder left after the next build and the output's shadow sound (issue 22, items 5 and 6).

Kills are deterministic: SITEGEN_TEST_CRASH_AFTER=N makes the build SIGKILL itself at its Nth write
or move of output or cache files (sitegen.output.crash_point), one build per N until a build finishes.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from sitegen import cache, content, merge, output, render_stage
from sitegen.build import build

from test_hostile_content import leftovers
from test_incremental_build import edit, make_site, reference_build, tree

REPO = Path(__file__).resolve().parents[1]


def sound_shadow(site: Path) -> None:
    """The shadow is the output one generation behind: its record names both folders, and they hold the same
    files outside the record's list of differences, hard links to the same inodes (nothing copied)."""
    out, shadow = site / "output", site / f".output.{output.SHADOW}"
    record = json.loads((site / f".output.{output.SHADOW_RECORD}").read_bytes())
    assert (record["shadow"], record["output"]) == (shadow.stat().st_ino, out.stat().st_ino)
    differ = set(record["differ"])
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    kept = {p.relative_to(shadow).as_posix() for p in shadow.rglob("*") if p.is_file()}
    assert files - differ == kept - differ
    assert all((out / path).stat().st_ino == (shadow / path).stat().st_ino for path in files - differ)


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
@pytest.mark.parametrize(("change", "shadow"), [*((change, "kept") for change in (None, *edits())),
                                                (edits()[0], "lost")],
                         ids=["cold", "body", "added", "removed", "moved", "body-shadow-lost"])
def test_sigkill_leaves_old_or_new_output_and_the_next_build_sound(change: Callable[[Path], None] | None,
                                                                   shadow: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 22 item 6, in its literal reading: right after the kill, before any other command, output/ is the
    complete old tree or the complete new one. ``shadow``: the shadow is one generation behind (an edit
    built before this one), or its record is lost (the commit first makes it anew)."""
    site = make_site(tmp_path)
    old = None
    if change is not None:
        build(site, jobs=1)
        for name in ("piece-0.md", "piece-3.md"):  # one article of each story
            edit(site / "content" / "articles" / name, lambda t: t.replace("First point", "Opening point"))
        build(site, jobs=1)  # the shadow is now behind at this edit's pages
        old = tree(site / "output")
        if shadow == "lost":
            (site / f".output.{output.SHADOW_RECORD}").unlink()
        change(site)
    new = reference_build(site, tmp_path / "reference")
    saved = _snapshot(site)
    labels = _points(site, monkeypatch)
    total = len(labels)
    committing = [n for n, label in enumerate(labels, 1) if label in COMMIT_STEPS]
    assert len(committing) >= (10 if change else 3), " ".join(labels)  # the commit is where a kill could leave a mix
    # the first write of a page, one in the middle of rendering, up to 14 steps of the commit spread over it
    # (its first and last among them), and the first and last step of the cache save after it
    step = max(1, (len(committing) - 1) // 13)
    points = sorted({1, committing[0] // 2, *committing[::step], committing[-1], committing[-1] + 1, total})
    for point in points:
        _restore(site, saved)
        assert killed_build(site, point) == -signal.SIGKILL
        now = tree(site / "output") if (site / "output").exists() else None  # no other command has run
        assert now in (old, new), (f"after a kill at point {point}/{total} ({labels[point - 1]}), output/ is neither "
                                   "the old nor the new tree")
        build(site, jobs=1)
        assert tree(site / "output") == new, f"the build after a kill at point {point}/{total} differs from a clean one"
        assert leftovers(site) == []
        sound_shadow(site)
    _restore(site, saved)
    assert killed_build(site, total + 1) == 0  # one point further: the build finishes
    assert tree(site / "output") == new and leftovers(site) == []
    sound_shadow(site)


# the functions whose crash points are steps of the commit (the rest write pages into staging, or the cache)
COMMIT_STEPS = {"commit_by_swap", "_mirror", "_apply", "_write_beside", "make_shadow", "_link_tree", "swap_in",
                "_swap_by_renames", "_carry_out"}


def _points(site: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The crash points a build of ``site`` as it stands passes (run here, then undone), each named by the
    function it is in."""
    saved = _snapshot(site)
    labels: list[str] = []
    real = output.crash_point

    def labelled() -> None:
        labels.append(sys._getframe(1).f_code.co_name)
        real()

    with monkeypatch.context() as patch:
        patch.setenv(output.CRASH_AFTER, str(10 ** 9))
        patch.setattr(output, "_crash_count", [0])
        patch.setattr(output, "crash_point", labelled)
        patch.setattr(cache, "crash_point", labelled)
        build(site, jobs=1)
        assert output._crash_count[0] == len(labels)
    _restore(site, saved)
    return labels


@dataclass
class Snapshot:
    """A site folder as it stood: content and cache files by their bytes and mtimes; the files of the output
    folder and its shadow by their inodes (both share most of them, and which inodes they share is part of
    their state), kept alive by hard links in ``vault``; and the two folders' own inodes."""

    files: dict[str, tuple[bytes, int]]
    links: dict[str, int]
    folders: dict[str, int]
    vault: Path


def _snapshot(site: Path) -> Snapshot:
    vault = site.parent / f"vault-{len(list(site.parent.glob('vault-*')))}"
    vault.mkdir()
    trees = {name: site / name for name in ("output", f".output.{output.SHADOW}") if (site / name).is_dir()}
    snapshot = Snapshot({}, {}, {name: folder.stat().st_ino for name, folder in trees.items()}, vault)
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if rel.split("/")[0] in trees:
            inode = path.stat().st_ino
            snapshot.links[rel] = inode
            if not (vault / str(inode)).exists():
                os.link(path, vault / str(inode))
        else:
            snapshot.files[rel] = (path.read_bytes(), path.stat().st_mtime_ns)
    return snapshot


def _restore(site: Path, saved: Snapshot) -> None:
    """Put the site folder back exactly as ``saved``: content and cache with their mtimes (the cache tells
    unchanged files by them); the output folder and its shadow with their own inodes where a build swapped
    them, and each file the inode it had (a build replaces or unlinks files, never writes them in place)."""
    names = list(saved.folders)
    if len(names) == 2:
        now = [(site / name).stat().st_ino if (site / name).is_dir() else None for name in names]
        if now == [saved.folders[names[1]], saved.folders[names[0]]]:
            assert output._exchange(site / names[0], site / names[1])
    for path in sorted(site.rglob("*"), reverse=True):
        rel = path.relative_to(site).as_posix()
        if path.is_symlink() or path.is_file():
            if rel not in saved.files and saved.links.get(rel) != path.stat().st_ino:
                path.unlink()
        elif not any(key.startswith(rel + "/") for key in (*saved.files, *saved.links)):
            path.rmdir()
    for rel, inode in saved.links.items():
        if not (site / rel).exists():
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            os.link(saved.vault / str(inode), site / rel)
    record = f".output.{output.SHADOW_RECORD}"
    for rel, (data, mtime_ns) in saved.files.items():
        path = site / rel
        if rel == record and "shadow" in (fields := json.loads(data)):  # a folder made anew has a new inode
            now = {inode: (site / name).stat().st_ino for name, inode in saved.folders.items()}
            data = json.dumps({**fields, "shadow": now[fields["shadow"]], "output": now[fields["output"]]}).encode()
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
def test_staging_folders_plans_and_shadows_are_ignored_by_git(gitignore: str, tmp_path: Path) -> None:
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
    (site / f".output.{output.SHADOW}").mkdir()
    (site / f".output.{output.SHADOW}" / "index.html").write_text("a page\n", "utf-8")
    (site / f".output.{output.SHADOW_RECORD}").write_text("{}", "utf-8")
    (site / f".output.{output.SHADOW_RECORD}-x1y2").write_text("{}", "utf-8")
    listed = subprocess.run(["git", "-C", str(site), "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    assert ".sitegen-" not in listed and "config.yml" in listed
