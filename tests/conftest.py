"""Shared fixtures: the seeds folder, a copy of the demo site, a free port, headless Chromium."""
from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
# How long a test waits for a state (a line, an event, a build) before calling it hung: only a hang takes
# this long, since every wait ends as soon as its state is there, so it can be generous for loaded machines.
HANG_GUARD = 180.0
# Property tests judge results, never speed: on a loaded machine an example (or making one) may be slow.
settings.register_profile("sitegen", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("sitegen")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(autouse=True, scope="session")
def user_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """sitegen keeps compiled templates in the user's cache folder: the tests' go to a folder of their own
    (subprocesses inherit it), not into the home folder of whoever runs them."""
    folder = tmp_path_factory.mktemp("user-cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (../shared is absent in this checkout)")
    return SEEDS


@pytest.fixture
def steady_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cache tests pin sitegen's code fingerprint: other people editing sitegen/ while they run would
    (rightly) force full rebuilds."""
    monkeypatch.setattr("sitegen.cache.code_fingerprint", lambda: "code-under-test")


@pytest.fixture
def demo_site(tmp_path: Path) -> Path:
    """A writable copy of the repository's demo site (config.yml, content/, templates/, static/)."""
    site = tmp_path / "demo"
    site.mkdir()
    shutil.copy(REPO / "config.yml", site / "config.yml")
    for name in ("content", "templates", "static"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, site / name)
    return site


def find_free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def free_port() -> int:
    return find_free_port()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Debian Chromium driven by Playwright; skips with the reason when either is missing."""
    if not CHROMIUM.exists():
        pytest.skip("headless browser tests need /usr/bin/chromium (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("headless browser tests need the playwright package (pip install playwright)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()
