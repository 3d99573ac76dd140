"""YAML alias bombs ("billion laughs") in any YAML sitegen reads fail fast with `path:line: ... too many
aliases`, exit 1, little memory, and the previous output/ untouched."""
from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.errors import SitegenError
from sitegen.yamlsafe import MAX_ALIAS_NODES, compose
from test_hostile_content import GOOD, make_site, snapshot

REPO = Path(__file__).resolve().parents[1]


def bomb(depth: int = 9, width: int = 9) -> str:
    """A flow list of nested anchors: ~600 bytes that expand to width**depth items."""
    levels = [f"&a0 [{', '.join(['ha'] * width)}]"]
    levels += [f"&a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, depth)]
    return "[" + ", ".join(levels) + "]"


# The CLI, then its own peak RSS (VmHWM: this process image only; wait4's ru_maxrss would also count the
# pytest process it was forked from, whose pages the child held until exec).
_CLI = ("import sys\nfrom sitegen.cli import main\ncode = main(sys.argv[1:])\n"
        "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
        "print('peak-kb', peak)\nsys.exit(code)\n")


def run_cli(*args: str, cwd: Path) -> tuple[int, str, float, int]:
    """(exit code, stderr, CPU seconds, peak RSS in MB) of one `sitegen` process.

    Hard limits keep a regression from taking the machine down: 30 s of CPU, 2 GB of address space."""
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (30, 30))
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    before = resource.getrusage(resource.RUSAGE_CHILDREN)  # cumulative over waited children: take the difference
    process = subprocess.Popen([sys.executable, "-c", _CLI, *args], cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, preexec_fn=limits)
    out, err = process.communicate()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    peak_kb = int(out.rsplit("peak-kb", 1)[1]) if "peak-kb" in out else 1 << 30
    return process.returncode, err, cpu, peak_kb // 1024


def assert_fails_fast(code: int, err: str, cpu: float, rss_mb: int, where: str) -> None:
    assert code == 1, err
    assert f"{where}: " in err and "too many aliases" in err, err
    assert len(err.strip().splitlines()) == 1, err  # one line, no traceback
    assert cpu < 1.0, f"{cpu:.2f} s of CPU"
    assert rss_mb < 200, f"{rss_mb} MB"


@pytest.mark.parametrize("case", ["article draft", "article tags", "story faq question", "config"])
def test_alias_bomb_fails_the_build_fast_and_keeps_output(case: str, tmp_path: Path) -> None:
    site = make_site(tmp_path, stories={"harbour-bridge.md": "---\ntitle: Bridge\n---\n"})
    assert run_cli("build", "--site", str(site), "-q", cwd=tmp_path)[0] == 0
    before = snapshot(site / "output")
    if case == "article draft":
        (site / "content/articles/bomb.md").write_text(f"---\ntitle: T\ndraft: {bomb()}\n---\nBody.\n")
        where = f"{site / 'content/articles/bomb.md'}:3"
    elif case == "article tags":
        (site / "content/articles/bomb.md").write_text(f"---\ntitle: T\noutlet: O\ntags: {bomb()}\n---\nBody.\n")
        where = f"{site / 'content/articles/bomb.md'}:4"
    elif case == "story faq question":
        (site / "content/stories/harbour-bridge.md").write_text(
            f"---\ntitle: Bridge\nfaq:\n  - question: {bomb()}\n    answer: Soon.\n---\n")
        where = f"{site / 'content/stories/harbour-bridge.md'}:3"
    else:
        (site / "config.yml").write_text(f"title: T\ndescription: {bomb()}\n")
        where = f"{site / 'config.yml'}:2"
    assert_fails_fast(*run_cli("build", "--site", str(site), cwd=tmp_path), where=where)
    assert snapshot(site / "output") == before


def test_alias_bomb_in_an_ingested_markdown_file_fails_alone(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    page = tmp_path / "bomb.md"
    page.write_text(f"---\ntitle: Ferry dispute\ntags: {bomb()}\n---\nThe ferry operator said it would appeal.\n")
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    code, err, cpu, rss = run_cli("ingest", "-q", "--site", str(site), "--force", str(page), str(good), cwd=tmp_path)
    assert_fails_fast(code, err.replace("ingested 1 article(s), 1 failed\n", ""), cpu, rss, where=f"{page}:3")
    assert "ingested 1 article(s), 1 failed" in err


def test_aliases_within_the_budget_still_load() -> None:
    small = "base: &b [x, y]\ncopy: *b\nmore: [*b, *b]\n"
    assert compose(small, "config.yml") is not None
    with pytest.raises(SitegenError, match="too many aliases") as raised:
        compose(f"title: T\nwide: &w [{', '.join(['v'] * 50)}]\nmany: [{', '.join(['*w'] * 30)}]\n", "c.yml")
    assert raised.value.line == 3 and 50 * 30 > MAX_ALIAS_NODES
