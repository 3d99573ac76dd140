"""A plain `pip install` of the project brings everything its input formats need (issue 23).

The developers' own environments hide undeclared dependencies (a module installed by hand once keeps
working for them), so these tests build a fresh virtual environment from the project's declared
dependencies only and run the real `sitegen ingest` on a saved HTML page written for this test.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "install" / "saved-page.html"
# pip learned to compare extra names in their normalised form (PEP 685) in 23.3; older pips warn that
# lxml "does not provide the extra 'html_clean'" for a requirement inside trafilatura's own tree.
PIP_WITH_NORMALISED_EXTRAS = "pip>=23.3"


def _project_copy(dest: Path) -> Path:
    """The files the repository tracks (never a developer's build leftovers or venv)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True)
    if listed.returncode != 0:
        shutil.copytree(REPO, dest, ignore=shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info",
                                                                  "node_modules", "output", ".sitegen-cache"))
        return dest
    for name in listed.stdout.decode().split("\0"):
        if name and (REPO / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, dest / name)
    return dest


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PIP_REQUIRE_VIRTUALENV")}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fresh-install")
    project = _project_copy(root / "project")
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    pip = [str(env_dir / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
    upgraded = _run(pip + ["install", "--quiet", PIP_WITH_NORMALISED_EXTRAS])
    assert upgraded.returncode == 0, upgraded.stderr
    installed = _run(pip + ["install", str(project)])
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "does not provide the extra" not in installed.stdout + installed.stderr
    return env_dir


def _new_site(env_dir: Path, where: Path) -> Path:
    made = _run([str(env_dir / "bin" / "sitegen"), "new", str(where)])
    assert made.returncode == 0, made.stderr
    return where


def test_fresh_install_ingests_a_saved_html_page(fresh_venv: Path, tmp_path: Path) -> None:
    site = _new_site(fresh_venv, tmp_path / "site")
    proc = _run([str(fresh_venv / "bin" / "sitegen"), "ingest", "--dry-run", str(FIXTURE)], cwd=site)
    assert proc.returncode == 0, proc.stderr
    assert "ImportError" not in proc.stderr and "Traceback" not in proc.stderr
    assert "title: Harbor bridge reopens after eight months of repairs" in proc.stdout
    assert "outlet: Example Gazette" in proc.stdout
    assert "reopened to traffic on Monday morning" in proc.stdout


def test_a_missing_extraction_module_is_one_line_naming_the_file(fresh_venv: Path, tmp_path: Path) -> None:
    site = _new_site(fresh_venv, tmp_path / "site")
    # A partial install: lxml present, its html-clean module gone (None in sys.modules makes importing it fail).
    hide = ("import sys; sys.modules['lxml.html.clean'] = None; sys.modules['lxml_html_clean'] = None; "
            "from sitegen.cli import run_and_exit; sys.argv = ['sitegen'] + sys.argv[1:]; run_and_exit()")
    proc = _run([str(fresh_venv / "bin" / "python"), "-c", hide, "ingest", "--dry-run", str(FIXTURE)], cwd=site)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert any(line.startswith(f"{FIXTURE}: saved HTML needs the module") for line in lines), proc.stderr



# Made unimportable by a finder that answers first (a plain install has no accelerator anyway; this keeps
# the test about the fallback should the extra ever become a dependency).
WITHOUT_ACCELERATOR = """
import sys
class NoAccelerator:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "markdown_it_pyrs":
            raise ImportError(f"{name} hidden by the test")
sys.meta_path.insert(0, NoAccelerator())
from sitegen.render import markdown
assert markdown.markdown_it_pyrs is None and markdown.make_renderer().fast is None
from sitegen.cli import run_and_exit
sys.argv = ["sitegen"] + sys.argv[1:]
run_and_exit()
"""


def _demo_build(python: Path, site: Path, out: Path, prelude: list[str]) -> dict[str, bytes]:
    built = _run([str(python), *prelude, "build", "--site", str(site), "--out", str(out), "-q", "--clean"],
                 cwd=site)
    assert built.returncode == 0, built.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_without_the_accelerator_the_demo_site_builds_byte_identically(fresh_venv: Path, demo_site: Path,
                                                                       tmp_path: Path) -> None:
    other_site = shutil.copytree(demo_site, tmp_path / "demo-fresh")  # a cache of its own: every page rendered
    reference = _demo_build(Path(sys.executable), demo_site, tmp_path / "dev", ["-m", "sitegen"])
    fallback = _demo_build(fresh_venv / "bin" / "python", other_site, tmp_path / "fresh", ["-c", WITHOUT_ACCELERATOR])
    assert len(reference) > 20 and reference.keys() == fallback.keys()
    assert [path for path in reference if reference[path] != fallback[path]] == []
