"""The Pages workflow's Build step, run as GitHub would run it (bash, the step's own text) on the repo's
demo site with a project-site base_url; and the wiring between its steps and jobs."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import HANG_GUARD

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
PAGES_BASE_URL = "https://someone.github.io/proj"  # actions/configure-pages reports it without the slash


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def build_steps() -> list[dict]:
    return workflow()["jobs"]["build"]["steps"]


def test_triggers_and_jobs_are_wired() -> None:
    data = workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` key as true
    assert "workflow_dispatch" in triggers and "push" in triggers
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    step = next(s for s in build_steps() if s.get("name") == "Build")
    out = re.search(r"--out (\S+)", step["run"]).group(1)
    upload = next(s for s in build_steps() if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == out  # the artifact is the folder the build wrote


def test_build_step_runs_in_bash_with_a_sub_path(demo_site: Path) -> None:
    command = next(s["run"] for s in build_steps() if s.get("name") == "Build")
    command = command.replace("${{ steps.pages.outputs.base_url }}", PAGES_BASE_URL)
    assert "${{" not in command
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "-e", "-c", command], cwd=demo_site, env=env, capture_output=True, text=True,
                          timeout=HANG_GUARD)
    assert done.returncode == 0, done.stderr
    index = (demo_site / "_site" / "index.html").read_text(encoding="utf-8")
    assert f'href="{PAGES_BASE_URL}/"' in index  # canonical URL is the Pages URL
    assert 'href="/proj/static/' in index and 'href="/static/' not in index
    story_links = re.findall(r'href="(/[^"]*stories/[^"]*)"', index)
    assert story_links and all(link.startswith("/proj/") for link in story_links)
