"""`sitegen deploy` against a local bare repository as the remote."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.cli import main
from sitegen.commands.new import scaffold
from sitegen.deploy import DeployOptions, deploy
from sitegen.errors import SitegenError
from sitegen.output import MARKER

BASE_URL = "https://someone.github.io/proj/"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A committed site whose 'origin' is a bare repository beside it."""
    site = tmp_path / "site"
    scaffold(site)
    config = site / "config.yml"
    config.write_text(re.sub(r"(?m)^base_url: .*$", f"base_url: {BASE_URL}", config.read_text()))
    git(tmp_path, "init", "-q", "--bare", "remote.git")
    git(site, "init", "-q", "-b", "main")
    git(site, "config", "user.name", "Test Curator")
    git(site, "config", "user.email", "curator@example.com")
    git(site, "add", ".")
    git(site, "commit", "-q", "-m", "site")
    git(site, "remote", "add", "origin", str(tmp_path / "remote.git"))
    return site


def remote(site: Path) -> Path:
    return site.parent / "remote.git"


def published_files(site: Path, ref: str = "gh-pages") -> set[str]:
    return set(git(remote(site), "ls-tree", "-r", "--name-only", ref).splitlines())


def test_branch_holds_exactly_the_built_site_plus_pages_files(repo: Path, tmp_path: Path) -> None:
    result = deploy(DeployOptions(repo, cname="news.example.org"))
    assert result.pushed and result.parent is None
    expected = build(repo, tmp_path / "expected").out_dir
    built = {p.relative_to(expected).as_posix() for p in expected.rglob("*") if p.is_file()} - {MARKER}
    assert published_files(repo) == built | {".nojekyll", "CNAME"}  # (the output folder's marker is not published)
    assert git(remote(repo), "show", "gh-pages:CNAME") == "news.example.org"
    index = git(remote(repo), "show", "gh-pages:index.html")
    assert "https://someone.github.io/proj/" in index and "/proj/static/" in index
    message = git(remote(repo), "log", "-1", "--format=%B", "gh-pages")
    assert f"Source commit: {git(repo, 'rev-parse', 'HEAD')}" in message
    assert git(repo, "status", "--porcelain") == ""  # the work tree and index are untouched
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD") == "main"


def test_second_deploy_keeps_history_and_cname(repo: Path) -> None:
    first = deploy(DeployOptions(repo, cname="news.example.org"))
    article = repo / "content/articles/example-wire-first-report.md"
    article.write_text(article.read_text().replace("expansion joints", "joints and rusty bolts"))
    git(repo, "commit", "-q", "-am", "edit")
    second = deploy(DeployOptions(repo, message="Publish the bolts update"))
    assert second.parent == first.commit
    assert git(remote(repo), "rev-list", "--count", "gh-pages") == "2"
    assert git(remote(repo), "show", "gh-pages:CNAME") == "news.example.org"
    assert "rusty bolts" in git(remote(repo), "show", "gh-pages:articles/example-wire-first-report/index.html")
    assert git(remote(repo), "log", "-1", "--format=%s", "gh-pages") == "Publish the bolts update"
    again = deploy(DeployOptions(repo))
    assert again.commit is None and git(remote(repo), "rev-list", "--count", "gh-pages") == "2"


def test_dry_run_pushes_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deploy", "--site", str(repo), "--dry-run", "-q"]) == 0
    assert "nothing pushed" in capsys.readouterr().out
    assert git(remote(repo), "for-each-ref") == ""
    assert subprocess.run(["git", "rev-parse", "--verify", "-q", "gh-pages"], cwd=repo).returncode != 0


def test_refuses_uncommitted_content_unless_forced(repo: Path) -> None:
    (repo / "content/articles/new-draft.md").write_text("---\ntitle: Not yet committed\n---\nText.\n")
    with pytest.raises(SitegenError, match="uncommitted changes.*new-draft.md.*--force"):
        deploy(DeployOptions(repo))
    assert git(remote(repo), "for-each-ref") == ""
    assert deploy(DeployOptions(repo, force=True)).pushed


def test_changes_outside_the_site_sources_do_not_block(repo: Path) -> None:
    (repo / "notes.txt").write_text("scratch")
    (repo / "output").mkdir()
    (repo / "output" / "stale.html").write_text("old build")
    result = deploy(DeployOptions(repo))
    assert result.pushed and "stale.html" not in published_files(repo)


def test_refuses_a_missing_remote(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deploy", "--site", str(repo), "--remote", "upstream"]) == 1
    err = capsys.readouterr().err
    assert "no git remote named 'upstream'" in err and "origin" in err


def test_refuses_outside_a_repository(tmp_path: Path) -> None:
    site = tmp_path / "loose"
    scaffold(site)
    with pytest.raises(SitegenError, match="not inside a git repository"):
        deploy(DeployOptions(site))


def test_failed_build_pushes_nothing(repo: Path) -> None:
    (repo / "content/articles/broken.md").write_text("---\ntitle: [unclosed\n---\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "broken")
    with pytest.raises(SitegenError, match="broken.md"):
        deploy(DeployOptions(repo))
    assert git(remote(repo), "for-each-ref") == ""


def all_refs(site: Path) -> tuple[str, str]:
    """Every ref of the site's repository and of its remote, with the commits they point at."""
    return git(site, "for-each-ref", "--format=%(refname) %(objectname)"), git(remote(site), "for-each-ref")


@pytest.mark.parametrize("branch, why", [
    ("main", "checked out here"),
    ("HEAD", "not a plain branch name"),
    ("-f", "not a plain branch name"),
    ("a..b", "not a plain branch name"),
    ("v1", "also refs/tags/v1"),
    ("origin", "also a remote"),
    ("sources-backup", "holds the site's sources (config.yml)"),
    ("COMMIT", "already means a commit"),
])
def test_refuses_branches_that_hold_sources_or_are_ambiguous(repo: Path, branch: str, why: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    deploy(DeployOptions(repo))  # a normal first deploy, so the remote has refs to keep
    git(repo, "tag", "v1")
    git(repo, "branch", "sources-backup")
    if branch == "COMMIT":
        branch = git(repo, "rev-parse", "--short=12", "HEAD")
    before = all_refs(repo)
    assert main(["deploy", "--site", str(repo), f"--branch={branch}"]) == 1
    err = capsys.readouterr().err
    assert f"refusing to deploy to branch '{branch}'" in err and why in err and "--branch" in err
    assert all_refs(repo) == before
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD") == "main"
    assert "config.yml" in git(repo, "ls-tree", "--name-only", "main")


def test_refuses_a_remote_branch_that_holds_the_sources(repo: Path) -> None:
    git(repo, "push", "-q", "origin", "main:refs/heads/develop")  # the sources, on the remote only
    before = all_refs(repo)
    with pytest.raises(SitegenError, match="holds the site's sources"):
        deploy(DeployOptions(repo, branch="develop"))
    assert all_refs(repo) == before  # not even a remote-tracking ref for develop
