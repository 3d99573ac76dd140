"""`sitegen deploy`: build with the production base_url and publish it as the whole tree of gh-pages.

Git plumbing of our own (no ghp-import): a temporary index over the freshly built folder, write-tree,
commit-tree on top of the branch's previous tip (so history is kept), update-ref, push. The site's own
working tree and index are never touched, and nothing is pushed unless the build succeeded completely.
"""
from __future__ import annotations

import logging
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import config as config_stage
from .build import build
from .errors import SitegenError

log = logging.getLogger("sitegen.deploy")

SOURCE_PATHS = ("config.yml", "content", "templates", "static")


@dataclass(frozen=True, slots=True)
class DeployResult:
    branch: str
    commit: str | None  # None on a dry run
    files: int
    pushed: bool


def _git(repo: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    if check and result.returncode != 0:
        raise SitegenError(f"git {' '.join(args[:2])} failed: {result.stderr.strip() or result.stdout.strip()}",
                           repo)
    return result.stdout.strip()


def _repo_root(site: Path) -> Path:
    result = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=site, capture_output=True, text=True)
    if result.returncode != 0:
        raise SitegenError("not inside a git repository; `git init` and commit the site first", site)
    return Path(result.stdout.strip())


def _refuse_uncommitted(repo: Path, site: Path) -> None:
    paths = [str((site / p).relative_to(repo)) if (site / p).resolve().is_relative_to(repo) else str(site / p)
             for p in SOURCE_PATHS if (site / p).exists()]
    dirty = _git(repo, "status", "--porcelain", "--", *paths) if paths else ""
    if dirty:
        first = dirty.splitlines()[0][3:]
        raise SitegenError(f"uncommitted changes to the site's sources (e.g. {first}); commit them so the deploy "
                           "names a source commit, or pass --force", repo / first)


def _previous_tip(repo: Path, remote: str, branch: str) -> str | None:
    _git(repo, "fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}", check=False)
    for ref in (f"refs/remotes/{remote}/{branch}", f"refs/heads/{branch}"):
        tip = _git(repo, "rev-parse", "--verify", "--quiet", ref + "^{commit}", check=False)
        if tip:
            return tip
    return None


def _previous_cname(repo: Path, tip: str | None) -> str | None:
    if tip is None:
        return None
    text = _git(repo, "show", f"{tip}:CNAME", check=False)
    return text.strip() or None


def _commit_tree(repo: Path, folder: Path, parent: str | None, message: str) -> str:
    with tempfile.TemporaryDirectory(prefix="sitegen-deploy-index-") as tmp:
        git_dir = _git(repo, "rev-parse", "--absolute-git-dir")
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index"), "GIT_DIR": git_dir, "GIT_WORK_TREE": str(folder)}
        _git(folder, "add", "--all", "--force", ".", env=env)  # a private index: the user's is untouched
        tree = _git(folder, "write-tree", env=env)
    args = ["commit-tree", tree, "-m", message]
    if parent:
        args[2:2] = ["-p", parent]
    return _git(repo, *args, env=_identity(repo))


def _identity(repo: Path) -> dict[str, str]:
    """commit-tree needs a committer; CI machines often have none configured."""
    env = {}
    if not _git(repo, "config", "user.name", check=False):
        env.update(GIT_AUTHOR_NAME="sitegen", GIT_COMMITTER_NAME="sitegen")
    if not _git(repo, "config", "user.email", check=False):
        env.update(GIT_AUTHOR_EMAIL="sitegen@localhost", GIT_COMMITTER_EMAIL="sitegen@localhost")
    return env


def deploy(site: Path, *, remote: str = "origin", branch: str = "gh-pages", message: str | None = None,
           cname: str | None = None, dry_run: bool = False, force: bool = False,
           base_url: str | None = None) -> DeployResult:
    site = site.resolve()
    config = config_stage.load(site)
    repo = _repo_root(site)
    if not _git(repo, "remote", "get-url", remote, check=False):
        raise SitegenError(f"no git remote named '{remote}'; add one with `git remote add {remote} URL`", repo)
    if not force:
        _refuse_uncommitted(repo, site)
    source = _git(repo, "rev-parse", "--short", "HEAD", check=False) or "no commit"
    tip = _previous_tip(repo, remote, branch)
    with tempfile.TemporaryDirectory(prefix="sitegen-deploy-") as tmp:
        folder = Path(tmp) / "site"
        build(site, folder, base_url=base_url)  # raises before anything is committed if the build fails
        (folder / ".nojekyll").write_bytes(b"")
        domain = cname or config.cname or _previous_cname(repo, tip)
        if domain:
            (folder / "CNAME").write_text(domain.strip() + "\n")
        files = sum(1 for p in folder.rglob("*") if p.is_file())
        if dry_run:
            log.info("dry run: would publish %d files to %s/%s (source %s); nothing pushed", files, remote,
                     branch, source)
            return DeployResult(branch, None, files, pushed=False)
        commit = _commit_tree(repo, folder, tip, message or f"Deploy site from {source}")
    _git(repo, "update-ref", f"refs/heads/{branch}", commit)
    _git(repo, "push", "--quiet", remote, f"{commit}:refs/heads/{branch}")
    log.info("published %d files to %s/%s as %s (source %s)", files, remote, branch, commit[:10], source)
    return DeployResult(branch, commit, files, pushed=True)
