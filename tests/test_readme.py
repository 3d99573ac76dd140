"""The README stays true: every command it shows exists, every file it points to is there."""
from __future__ import annotations

import re
from pathlib import Path

from sitegen.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text()


def shell_lines() -> list[str]:
    blocks = re.findall(r"```(?:sh|bash|console)\n(.*?)```", README, re.S)
    return [line.split("#")[0].strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_sitegen_commands_in_readme_exist() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    available = set(subparsers.choices)
    used = {line.split()[1] for line in shell_lines() if line.startswith("sitegen ")}
    used |= set(re.findall(r"`sitegen (\w+)[^`]*`", README)) - {"site"}
    assert used, "README shows no sitegen command"
    assert used <= available, f"README mentions commands that do not exist: {used - available}"


def test_make_targets_in_readme_exist() -> None:
    makefile = (REPO / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    used = {line.split()[1] for line in shell_lines() if line.startswith("make ")}
    assert {"demo", "test"} <= used
    assert used <= targets


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    assert "make test" in README and re.search(r"^make test$", ci, re.M)


def test_files_the_readme_points_to_exist() -> None:
    for target in re.findall(r"\]\(([^)#:]+)\)", README):
        assert (REPO / target).exists(), target
