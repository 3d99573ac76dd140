"""The atomic swap: a build either replaces output/ completely or leaves it untouched."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen import output
from sitegen.errors import SitegenError
from sitegen.model import Page


def test_write_replaces_whole_tree(tmp_path: Path) -> None:
    out = tmp_path / "output"
    output.write([Page("a/index.html", b"one"), Page("stale.txt", b"x")], out)
    output.write([Page("a/index.html", b"two")], out)
    assert (out / "a" / "index.html").read_bytes() == b"two"
    assert not (out / "stale.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["output"]  # no temp dirs left behind


def test_failure_midway_leaves_old_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "output"
    output.write([Page("index.html", b"good")], out)
    real = output.write_tree

    def half_then_fail(pages: list[Page], folder: Path) -> None:
        real(pages[:1], folder)
        raise OSError("disk full")

    monkeypatch.setattr(output, "write_tree", half_then_fail)
    with pytest.raises(OSError):
        output.write([Page("index.html", b"new"), Page("more.html", b"x")], out)
    assert (out / "index.html").read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../b", "C:\\x", ""])
def test_paths_outside_output_are_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(SitegenError):
        output.write([Page(path, b"x")], tmp_path / "output")
    assert not (tmp_path / "escape.html").exists()
