"""`sitegen build` flags of issue 7: --jobs, --clean, the summary line, the progress line, -q."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.commands.build import ProgressLine

from test_incremental_build import make_site


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr("sitegen.cache.code_fingerprint", lambda: "code-under-test")
    return make_site(tmp_path)


def test_summary_line_counts_written_and_unchanged_pages(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--site", str(site), "--jobs", "1"]) == 0
    first = capsys.readouterr().err.strip().splitlines()[-1]
    assert " written, 0 unchanged" in first and "(2 stories, 6 articles)" in first
    assert main(["build", "--site", str(site), "-j", "1"]) == 0
    second = capsys.readouterr().err.strip().splitlines()[-1]
    assert ": 0 written, " in second and second.endswith("s")
    assert "\r" not in second, "no progress line when stderr is not a terminal"


def test_clean_rewrites_everything(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["build", "--site", str(site), "-j", "1"])
    capsys.readouterr()
    assert main(["build", "--site", str(site), "-j", "1", "--clean"]) == 0
    assert " 0 unchanged" in capsys.readouterr().err


def test_quiet_prints_nothing(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--site", str(site), "-j", "1", "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_jobs_must_be_positive(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--site", str(site), "--jobs", "0"])
    assert exit_info.value.code == 2
    assert "must be 1 or more" in capsys.readouterr().err


def test_progress_line_rewrites_itself_and_clears() -> None:
    stream = io.StringIO()
    line = ProgressLine(stream)
    line("render", 5, 10)
    line("render", 10, 10)
    line.clear()
    assert stream.getvalue() == "\r\x1b[Krender 5/10\r\x1b[Krender 10/10\r\x1b[K"
