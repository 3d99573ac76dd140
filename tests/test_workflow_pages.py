"""The GitHub Pages workflow: valid YAML, the documented steps, and its build command works here."""
from __future__ import annotations

import shlex
from pathlib import Path

import yaml

from sitegen.cli import main

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def steps() -> list[dict]:
    data = yaml.safe_load(WORKFLOW.read_text())
    return [step for job in data["jobs"].values() for step in job["steps"]]


def test_workflow_parses_and_has_the_pages_steps() -> None:
    data = yaml.safe_load(WORKFLOW.read_text())
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [s.get("uses", "").split("@")[0] for s in steps()]
    for action in ("actions/checkout", "actions/setup-python", "actions/configure-pages",
                   "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")


def test_new_sites_get_the_same_workflow(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "s")]) == 0
    written = tmp_path / "s" / ".github" / "workflows" / "pages.yml"
    assert written.read_text() == WORKFLOW.read_text()
    assert (tmp_path / "s" / "requirements.txt").is_file()


def test_the_workflow_build_step_works_with_a_sub_path(tmp_path: Path, monkeypatch) -> None:
    command = next(s["run"] for s in steps() if s.get("name") == "Build")
    base = "https://user.github.io/repo"  # what configure-pages reports for a project site
    argv = shlex.split(command.replace("${{ steps.pages.outputs.base_url }}", base))
    assert argv[0] == "sitegen"
    site = tmp_path / "s"
    assert main(["new", str(site)]) == 0
    monkeypatch.chdir(site)
    assert main(argv[1:]) == 0
    index = (site / "_site" / "index.html").read_text()
    assert 'href="/repo/static/' in index or "/repo/" in index
    assert 'href="/static/' not in index
