"""sitegen replaces only an output folder it owns: a missing or empty one, or one with its marker. The
site itself, its parents, its own folders (and anything inside them), a git repository and a non-empty
folder sitegen did not write are refused, through --out or config.yml's output_dir, with exit 1, a
message naming the folder, and nothing anywhere changed (issue 15)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sitegen import cli, output

from test_incremental_build import make_site, reference_build, tree

pytestmark = pytest.mark.usefixtures("steady_code")


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``root``."""
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(root.rglob("*"))}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = make_site(tmp_path)
    for name in ("templates", "static"):
        (site / name).mkdir()
    (site / "templates" / "base.html").write_text("{% extends 'theme/base.html' %}\n", "utf-8")
    (site / "static" / "logo.txt").write_text("a logo\n", "utf-8")
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    assert cli.main(["build", "-q", "--site", str(site), "-j", "1"]) == 0  # a cache folder, and output/
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "notes.txt").write_text("someone's notes\n", "utf-8")
    return site


REFUSED = [".", "content", "content/articles", "templates", "static", ".git", ".git/objects", ".sitegen-cache",
           "..", "../foreign"]


@pytest.mark.parametrize("where", REFUSED)
def test_out_flag_refuses_folders_sitegen_does_not_own(site: Path, where: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(site.parent)
    assert cli.main(["build", "--site", str(site), "-j", "1", "--out", str(site / where)]) == 1
    message = capsys.readouterr().err
    assert f"refusing to use {(site / where).resolve()} as the output folder" in message
    assert snapshot(site.parent) == before


@pytest.mark.parametrize("where", [w for w in REFUSED if w not in (".", "..")] + ["content/stories"])
def test_output_dir_in_config_refuses_the_same(site: Path, where: str, capsys: pytest.CaptureFixture[str]) -> None:
    if where == "../foreign":
        pytest.skip("config.yml refuses an output_dir outside the site on its own")
    config = site / "config.yml"
    config.write_text(config.read_text("utf-8") + f"output_dir: {where}\n", "utf-8")
    before = snapshot(site.parent)
    assert cli.main(["build", "--site", str(site), "-j", "1"]) == 1
    assert str((site / where).resolve()) in capsys.readouterr().err
    assert snapshot(site.parent) == before


def test_a_symlinked_output_folder_is_judged_where_it_points(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "elsewhere").symlink_to(site.parent / "foreign")
    before = snapshot(site.parent)
    assert cli.main(["build", "--site", str(site), "-j", "1", "--out", str(site / "elsewhere")]) == 1
    assert str((site.parent / "foreign").resolve()) in capsys.readouterr().err
    assert snapshot(site.parent) == before


def test_empty_new_and_owned_folders_are_built(site: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for folder in (empty, tmp_path / "new" / "deeper", site / "output"):
        assert cli.main(["build", "-q", "--site", str(site), "-j", "1", "--out", str(folder)]) == 0
        assert (folder / "index.html").is_file() and output.owned(folder)
    assert cli.main(["build", "-q", "--site", str(site), "-j", "1", "--out", str(empty)]) == 0  # owned now
    assert cli.main(["build", "-q", "--site", str(site), "-j", "1", "--clean", "--out", str(empty)]) == 0


def test_a_folder_whose_marker_was_removed_is_no_longer_replaced(site: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (site / "output" / output.MARKER).unlink()
    before = snapshot(site / "output")
    assert cli.main(["build", "--site", str(site), "-j", "1", "--clean"]) == 1
    assert "did not write it" in capsys.readouterr().err
    assert snapshot(site / "output") == before


def test_a_marker_must_be_a_file_not_a_symlink(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (tmp_path / "real-marker").write_bytes(output.MARKER_TEXT)
    (folder / output.MARKER).symlink_to(tmp_path / "real-marker")
    assert not output.owned(folder)


def test_a_committed_output_symlink_cannot_send_the_build_outside_the_site(site: Path, tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    shutil.rmtree(site / "output")
    outside = tmp_path / "outside-new-folder"
    (site / "output").symlink_to(outside)  # a folder that does not exist yet: nothing to refuse but the link
    assert cli.main(["build", "--site", str(site), "-j", "1"]) == 1
    assert "leads outside the site" in capsys.readouterr().err
    assert not outside.exists()
    # named on the command line, the same folder is the user's own choice
    assert cli.main(["build", "-q", "--site", str(site), "-j", "1", "--out", str(site / "output")]) == 0
    assert (outside / "index.html").is_file()


def test_symlinks_inside_an_owned_output_folder_are_never_written_or_deleted_through(site: Path,
                                                                                   tmp_path: Path) -> None:
    """A committed output folder (with the marker) and cache may name pages through a symlink: an edit's
    commit then refuses rather than write or delete outside the folder."""
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "index.html").write_text("someone else's page\n", "utf-8")
    (victim / "keep.txt").write_text("keep me\n", "utf-8")
    articles = site / "output" / "articles"
    moved = tmp_path / "moved-articles"
    articles.rename(moved)
    articles.symlink_to(victim)
    for name in ("piece-0",):  # the record's page for piece-0 now lies behind the symlink
        (victim / name).mkdir()
        (victim / name / "index.html").write_bytes((moved / name / "index.html").read_bytes())
    before = snapshot(victim)
    (site / "content" / "articles" / "piece-0.md").unlink()  # its page is now stale: a delete through the link
    assert cli.main(["build", "--site", str(site), "-j", "1"]) in (0, 1)
    assert snapshot(victim) == before


# --------------------------------------------------------------------------- the output's shadow (issue 22)

def shadow_of(site: Path) -> Path:
    return site / f".output.{output.SHADOW}"


def edit_and_build(site: Path, words: str) -> int:
    piece = site / "content" / "articles" / "piece-4.md"
    piece.write_text(piece.read_text("utf-8").replace("Second point", words, 1), "utf-8")
    return cli.main(["build", "--site", str(site), "-j", "1"])


@pytest.mark.parametrize("kind", ["folder", "symlink", "file"])
def test_a_shadow_name_sitegen_did_not_write_is_never_touched(site: Path, kind: str, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Something of the user's at the shadow's name (no marker) is left as it is; the incremental build still
    succeeds, through the plan-file commit, and says why."""
    import shutil

    shutil.rmtree(shadow_of(site))
    if kind == "folder":
        shadow_of(site).mkdir()
        (shadow_of(site) / "mine.txt").write_text("mine\n", "utf-8")
    elif kind == "symlink":
        shadow_of(site).symlink_to(tmp_path / "foreign", target_is_directory=True)
    else:
        shadow_of(site).write_text("mine\n", "utf-8")
    before = snapshot(tmp_path / "foreign"), (shadow_of(site) / "mine.txt").read_bytes() if kind == "folder" else None
    assert edit_and_build(site, "Second point, changed") == 0
    assert "Second point, changed" in (site / "output" / "articles" / "piece-4" / "index.html").read_text("utf-8")
    assert "is not sitegen's" in capsys.readouterr().err
    assert (snapshot(tmp_path / "foreign"), (shadow_of(site) / "mine.txt").read_bytes() if kind == "folder" else None) \
        == before
    assert shadow_of(site).is_symlink() == (kind == "symlink") and shadow_of(site).is_file() == (kind == "file")


@pytest.mark.parametrize("record", ['{"shadow": 1, "output": 2, "differ": ["../../foreign/notes.txt"]}',
                                    '{"shadow": 1, "output": 2, "differ": "index.html"}', "[]", "not json"])
def test_a_hostile_shadow_record_costs_a_new_shadow_never_a_write_outside(site: Path, record: str,
                                                                            tmp_path: Path) -> None:
    """The record lies in the (untrusted) site folder: one that does not name the two folders, or names a path
    outside them, is not used; the shadow is made anew from output/, and the build succeeds."""
    path = site / f".output.{output.SHADOW_RECORD}"
    fields = (path.read_text("utf-8"),)
    if record.startswith('{"shadow"'):  # naming the real folders, so that only its paths are wrong
        inodes = f'"shadow": {shadow_of(site).stat().st_ino}, "output": {(site / "output").stat().st_ino}'
        record = record.replace('"shadow": 1, "output": 2', inodes)
    path.write_text(record, "utf-8")
    foreign = snapshot(tmp_path / "foreign")
    assert edit_and_build(site, "Second point, changed") == 0
    assert snapshot(tmp_path / "foreign") == foreign
    assert path.read_text("utf-8") != fields[0] and '"differ"' in path.read_text("utf-8")
    assert "Second point, changed" in (site / "output" / "articles" / "piece-4" / "index.html").read_text("utf-8")


def test_without_a_folder_swap_an_incremental_build_commits_by_plan(site: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A system or file system that cannot swap two folders: the build says so, and moves its pages in one by
    one after writing a plan (the next command completes it after a kill: test_crash_consistency)."""
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)  # as a file system refusing it
    assert edit_and_build(site, "Second point, refused") == 0
    assert "cannot swap two folders in one step" in capsys.readouterr().err
    assert '"refused"' in (site / f".output.{output.SHADOW_RECORD}").read_text("utf-8")
    assert edit_and_build(site, "Second point, refused again") == 0  # the record remembers: no new shadow tried
    assert '"refused"' in (site / f".output.{output.SHADOW_RECORD}").read_text("utf-8")
    said = capsys.readouterr().err
    assert "file by file" in said and "killed" not in said  # a line on each build, the warning once
    assert tree(site / "output") == reference_build(site, tmp_path / "reference")
    monkeypatch.undo()
    assert cli.main(["build", "-q", "--clean", "--site", str(site), "-j", "1"]) == 0  # a full build tries again
    assert '"differ"' in (site / f".output.{output.SHADOW_RECORD}").read_text("utf-8")


def test_the_swapped_in_output_keeps_the_folder_mode_of_a_full_build(site: Path) -> None:
    """A web server reading output/ as another user must still be able to, after the shadow takes its place."""
    mode = (site / "output").stat().st_mode & 0o777
    assert mode == 0o755
    for n in range(2):  # both folders have been output/ once
        before = (site / "output").stat().st_ino
        assert edit_and_build(site, f"Second point, edit {n}") == 0
        assert (site / "output").stat().st_ino != before  # swapped
        assert (site / "output").stat().st_mode & 0o777 == mode
