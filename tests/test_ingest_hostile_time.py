"""Hostile article text cannot hang ingest: long lines are linear, and each input has a CPU budget."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from sitegen.cli import main
from test_ingest_cli import site  # noqa: F401 (a fixture: a bare site folder)

LEDE = ("A regional ferry operator added two night crossings on Monday after months of complaints "
        "about crowded evening boats, the operator said in a statement.\n")


def _long_line(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize("body", [
    pytest.param(_long_line("harbour ", 160_000), id="one word repeated on a 160 KB line"),
    pytest.param(_long_line("Jean-Pierre Marie-Claire Al-Rashid ", 1_000_000), id="1 MB of hyphenated names"),
])
def test_a_long_line_ingests_in_under_two_seconds(site: Path, tmp_path: Path, body: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "long.txt"
    page.write_text(f"Ferry operator adds night crossings\n\n{LEDE}\n{body}\n", encoding="utf-8")
    started = time.process_time()  # CPU time: the budget is about the work, not how busy the machine is
    code = main(["ingest", "--site", str(site), "--dry-run", "-q", str(page)])
    assert time.process_time() - started < 2.0
    assert code == 0
    assert "title: Ferry operator adds night crossings" in capsys.readouterr().out


def test_an_input_over_the_time_limit_fails_alone(site: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    # A site's own noise rule that backtracks exponentially: without the budget this never ends.
    (site / "config.yml").write_text('title: Test site\nnoise_rules:\n  - name: greedy\n    pattern: "^(a+)+$"\n',
                                     encoding="utf-8")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "a-first.txt").write_text(f"Ferry operator adds night crossings\n\n{LEDE}", encoding="utf-8")
    (inputs / "b-hostile.txt").write_text(f"Ferry timetable dispute\n\n{LEDE}\n{'a' * 40}b\n", encoding="utf-8")
    (inputs / "c-last.txt").write_text(f"Night ferries sell out\n\n{LEDE.replace('two', 'three')}",
                                       encoding="utf-8")
    code = main(["ingest", "--site", str(site), "--time-limit", "0.3", str(inputs)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{inputs / 'b-hostile.txt'}: took more than 0.3 s of CPU to ingest" in err
    assert "ingested 2 article(s), 1 failed" in err
    written = sorted(p.name for p in (site / "content" / "articles").iterdir())
    assert written == ["ferry-operator-adds-night-crossings.md", "night-ferries-sell-out.md"]
