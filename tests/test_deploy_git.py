"""`sitegen deploy` against a local bare repository standing in for GitHub."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.deploy import deploy
from sitegen.errors import SitegenError


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def site_repo(tmp_path: Path) -> tuple[Path, Path]:
    site = tmp_path / "site"
    assert main(["new", str(site)]) == 0
    git(site, "init", "-q", "-b", "main")
    git(site, "config", "user.name", "Curator")
    git(site, "config", "user.email", "curator@example.com")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "site")
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(site, "remote", "add", "origin", str(remote))
    return site, remote


def published_files(remote: Path, branch: str = "gh-pages") -> set[str]:
    return set(git(remote, "ls-tree", "-r", "--name-only", branch).splitlines())


def built_files(site: Path, base_url: str | None = None) -> set[str]:
    out = site.parent / "reference-build"
    assert main(["build", "--site", str(site), "--out", str(out), "--clean", "-q"]
                + (["--base-url", base_url] if base_url else [])) == 0
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


def test_deploy_publishes_exactly_the_built_site(site_repo: tuple[Path, Path]) -> None:
    site, remote = site_repo
    result = deploy(site, cname="news.example.org")
    assert result.pushed
    assert published_files(remote) == built_files(site) | {".nojekyll", "CNAME"}
    assert git(remote, "show", "gh-pages:CNAME") == "news.example.org"
    source = git(site, "rev-parse", "--short", "HEAD")
    assert source in git(remote, "log", "-1", "--format=%s", "gh-pages")
    assert git(site, "status", "--porcelain") == ""  # the curator's checkout and index are untouched
    assert git(site, "branch", "--show-current") == "main"


def test_second_deploy_keeps_history_and_cname(site_repo: tuple[Path, Path]) -> None:
    site, remote = site_repo
    deploy(site, cname="news.example.org")
    article = next((site / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text() + "\nA later paragraph.\n")
    git(site, "commit", "-qam", "edit")
    deploy(site)  # no --cname this time: the published one stays
    assert git(remote, "rev-list", "--count", "gh-pages") == "2"
    assert git(remote, "show", "gh-pages:CNAME") == "news.example.org"
    assert "A later paragraph." in git(remote, "show", f"gh-pages:articles/{article.stem}/index.html")


def test_dry_run_pushes_nothing(site_repo: tuple[Path, Path]) -> None:
    site, remote = site_repo
    assert main(["deploy", "--site", str(site), "--dry-run"]) == 0
    assert git(remote, "for-each-ref") == ""


def test_refuses_uncommitted_content_unless_forced(site_repo: tuple[Path, Path]) -> None:
    site, remote = site_repo
    article = next((site / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text() + "\nUnsaved.\n")
    with pytest.raises(SitegenError, match="uncommitted changes"):
        deploy(site)
    assert git(remote, "for-each-ref") == ""
    assert deploy(site, force=True).pushed


def test_refuses_missing_remote(site_repo: tuple[Path, Path]) -> None:
    site, _remote = site_repo
    with pytest.raises(SitegenError, match="no git remote named 'upstream'"):
        deploy(site, remote="upstream")


def test_failed_build_pushes_nothing(site_repo: tuple[Path, Path]) -> None:
    site, remote = site_repo
    (site / "content" / "articles" / "broken.md").write_text("---\ntitle: [unclosed\n---\n")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "broken")
    with pytest.raises(SitegenError):
        deploy(site)
    assert git(remote, "for-each-ref") == ""


def test_production_base_url_is_used(site_repo: tuple[Path, Path]) -> None:
    site, remote = site_repo
    deploy(site, base_url="https://user.github.io/repo/")
    index = git(remote, "show", "gh-pages:index.html")
    assert 'href="/repo/' in index and 'href="/static/' not in index
