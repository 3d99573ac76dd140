"""`sitegen new` writes a requirements.txt that installs this project (issue 19): the distribution is named
sitegen-stories (the name "sitegen" on the public index is another project's), and the file names it.

Installed in a fresh virtual environment from a wheel of this checkout, with the package index switched
off: the requirement can only be met by this project's wheel, so the test proves the name and version
resolve to it (its dependencies are skipped with --no-deps: the fresh-install test covers them)."""
from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from sitegen import __version__
from sitegen.cli import main
from sitegen.commands.new import DISTRIBUTION

REPO = Path(__file__).resolve().parents[1]


def run(cmd: list[str], offline: bool = False, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    if offline:  # no index or find-links from the machine's pip settings: only the folder we pass
        env = {k: v for k, v in env.items() if not k.startswith("PIP_")} | {"PIP_CONFIG_FILE": os.devnull,
                                                                          "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600, **kwargs)  # type: ignore[call-overload]


def test_pyproject_names_the_distribution() -> None:
    pyproject = (REPO / "pyproject.toml").read_text("utf-8")
    assert f'name = "{DISTRIBUTION}"' in pyproject
    assert DISTRIBUTION in (REPO / "README.md").read_text("utf-8")


def test_requirements_name_this_project(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "s")]) == 0
    lines = [line for line in (tmp_path / "s" / "requirements.txt").read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert len(lines) == 1
    assert lines[0] == f"{DISTRIBUTION}=={__version__}" or lines[0].startswith(f"{DISTRIBUTION} @ git+")
    assert "@REQUIREMENT@" not in (tmp_path / "s" / "requirements.txt").read_text("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="venv layout")
def test_the_written_requirements_install_this_project_in_a_fresh_venv(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    made = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheels), str(REPO)])
    assert made.returncode == 0, made.stderr
    site = tmp_path / "site"
    assert main(["new", str(site)]) == 0
    requirements = site / "requirements.txt"
    if " @ git+" in requirements.read_text("utf-8"):  # this checkout was installed from git: pin by version
        requirements.write_text(f"{DISTRIBUTION}=={__version__}\n", "utf-8")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = str(env_dir / "bin" / "python")
    installed = run([python, "-m", "pip", "install", "--no-index", "--find-links", str(wheels), "--no-deps",
                     "-r", str(requirements)], offline=True)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    shown = run([python, "-c", "import importlib.metadata as m; d = m.distribution('sitegen-stories'); "
                               "print(d.version); print(sorted({f.parts[0] for f in d.files}))"])
    assert shown.returncode == 0, shown.stderr
    version, packages = shown.stdout.splitlines()
    assert version == __version__ and "'sitegen'" in packages
