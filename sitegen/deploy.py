"""`sitegen deploy`: build for production and publish the output as the whole tree of a branch.

Plain git plumbing, no extra dependency: blobs via ``hash-object``, a tree via a throwaway index
(``update-index --index-info`` + ``write-tree``), a commit via ``commit-tree`` whose parent is the
branch's current tip on the remote (so history is kept and every push is a fast-forward), then
``push``. The user's work tree, index and checked-out branch are never touched. Why not ghp-import:
it would be one more dependency for ~100 lines, and it drops CNAME unless told each time; here a
CNAME from the flag, from config.yml, or from the previous deploy is always carried forward.
"""
from __future__ import annotations

import logging
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import config as config_stage
from .build import build
from .errors import Diagnostics, SitegenError
from .output import MARKER
from .published import RECORD_NAME

log = logging.getLogger("sitegen.deploy")

SOURCE_PATHS = ("config.yml", "content", "templates", "static")  # what a deploy publishes
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "0.0.0.0")
FALLBACK_IDENTITY = {"GIT_AUTHOR_NAME": "sitegen deploy", "GIT_AUTHOR_EMAIL": "sitegen@localhost",
                     "GIT_COMMITTER_NAME": "sitegen deploy", "GIT_COMMITTER_EMAIL": "sitegen@localhost"}


@dataclass(frozen=True, slots=True)
class DeployOptions:
    site_dir: Path
    remote: str = "origin"
    branch: str = "gh-pages"
    message: str | None = None
    cname: str | None = None
    base_url: str | None = None  # overrides config.yml's base_url (the production URL)
    dry_run: bool = False
    force: bool = False  # deploy even with uncommitted changes to the site's sources


@dataclass(frozen=True, slots=True)
class DeployResult:
    commit: str | None  # None when the branch already holds exactly this site
    parent: str | None
    files: int
    pushed: bool
    source_commit: str
    cname: str | None


class Git:
    """Runs git in one repository; any failure becomes a SitegenError carrying git's own words."""

    def __init__(self, cwd: Path, env: dict[str, str] | None = None) -> None:
        self.cwd = cwd
        self.env = env

    def run(self, *args: str, stdin: str | None = None, extra_env: dict[str, str] | None = None,
            check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, **(self.env or {}), **(extra_env or {})}
        try:
            done = subprocess.run(["git", *args], cwd=self.cwd, input=stdin, capture_output=True, text=True, env=env)
        except FileNotFoundError:
            raise SitegenError("git is not installed; sitegen deploy needs it") from None
        if check and done.returncode != 0:
            raise SitegenError(f"git {args[0]} failed: {done.stderr.strip() or done.stdout.strip()}", self.cwd)
        return done

    def out(self, *args: str, stdin: str | None = None, extra_env: dict[str, str] | None = None) -> str:
        return self.run(*args, stdin=stdin, extra_env=extra_env).stdout.strip()

    def ok(self, *args: str) -> str | None:
        """Output when the command succeeds, None when git says no (e.g. a ref that does not exist)."""
        done = self.run(*args, check=False)
        return done.stdout.strip() if done.returncode == 0 else None


def deploy(options: DeployOptions) -> DeployResult:
    """Refuse early (no repo, no remote, dirty sources), then build, commit and push (unless dry-run)."""
    config = config_stage.load(options.site_dir)
    git = Git(config.root)
    source = check_repository(git, options)
    sources_file = site_file_in_repository(git, config.root)
    check_branch(git, options.branch, sources_file)
    parent = remote_tip(git, options.remote, options.branch)
    refuse_source_tree(git, parent, options.branch, sources_file)
    cname = options.cname or config.cname or previous_cname(git, parent)
    base_url = options.base_url or config.base_url
    warn_if_local(base_url)
    with tempfile.TemporaryDirectory(prefix="sitegen-deploy-") as workdir:
        out = Path(workdir) / "site"
        built = build(config.root, out, diagnostics=Diagnostics(), base_url=base_url, find_unrecorded=True)
        add_pages_files(out, cname)
        tree, files = write_tree(git, out, Path(workdir) / "index")
    if parent is not None and git.out("rev-parse", f"{parent}^{{tree}}") == tree:
        log.info("%s on %s already holds this exact site; nothing to deploy", options.branch, options.remote)
        return DeployResult(None, parent, files, False, source, cname)
    warn_if_unrecorded(built.unrecorded)
    commit = commit_tree(git, tree, parent, deploy_message(options, source, git, base_url))
    if options.dry_run:
        log.info("dry run: would push %s (%d files%s) to %s %s; nothing pushed", commit[:12], files,
                 f", CNAME {cname}" if cname else "", options.remote, options.branch)
        return DeployResult(commit, parent, files, False, source, cname)
    git.out("push", "--quiet", options.remote, f"{commit}:refs/heads/{options.branch}")
    git.out("update-ref", f"refs/heads/{options.branch}", commit)
    git.out("update-ref", f"refs/remotes/{options.remote}/{options.branch}", commit)
    log.info("deployed %s (%d files) to %s %s", commit[:12], files, options.remote, options.branch)
    return DeployResult(commit, parent, files, True, source, cname)


def check_repository(git: Git, options: DeployOptions) -> str:
    """The source commit; refuses when there is no repo, no such remote, or uncommitted site sources."""
    if git.ok("rev-parse", "--show-toplevel") is None:
        raise SitegenError("not inside a git repository; deploy publishes a committed site "
                           "(git init && git add . && git commit)", git.cwd)
    if git.ok("remote", "get-url", options.remote) is None:
        known = git.out("remote").split() or ["none"]
        raise SitegenError(f"no git remote named '{options.remote}' (remotes: {', '.join(known)}); add one with "
                           f"'git remote add {options.remote} URL' or pass --remote NAME", git.cwd)
    source = git.ok("rev-parse", "--verify", "HEAD")
    if source is None:
        raise SitegenError("the repository has no commits yet; commit the site before deploying", git.cwd)
    present = [path for path in SOURCE_PATHS if (git.cwd / path).exists()]
    # The builds write content/published.yml (sitegen.published): a change to it follows from the committed
    # content and the committed record, so it does not stop a deploy, but it should be committed.
    record = "content/" + RECORD_NAME
    if git.ok("status", "--porcelain", "--untracked-files=all", "--", record):
        log.warning("%s has changes: commit it so that every clone publishes the same story addresses", record)
    dirty = git.out("status", "--porcelain", "--untracked-files=all", "--", *present,
                    f":(exclude){record}").splitlines()
    if dirty and not options.force:
        shown = "; ".join(line[3:] for line in dirty[:5]) + (f"; and {len(dirty) - 5} more" if len(dirty) > 5 else "")
        raise SitegenError(f"uncommitted changes to the site ({shown}): commit them so the deploy names the "
                           "commit it was built from, or pass --force", git.cwd)
    return source


def site_file_in_repository(git: Git, root: Path) -> str:
    """The site's config.yml as a path in the repository's trees (a branch holding it holds the sources)."""
    top = Path(git.out("rev-parse", "--show-toplevel")).resolve()
    return (root.resolve() / config_stage.CONFIG_NAME).relative_to(top).as_posix()


def check_branch(git: Git, branch: str, sources_file: str) -> None:
    """Refuse a target branch that deploying would damage or git would read as something else.

    Deploying moves the branch to a commit holding only the built site, so it must not be the checked-out
    branch or any branch that holds the site's sources; and a name git resolves differently in different
    commands (HEAD, a tag's or remote's name, a commit id, an invalid ref name) would leave a ref that makes
    every later git command warn, or move something other than a branch.
    """
    def refuse(why: str) -> SitegenError:
        return SitegenError(f"refusing to deploy to branch '{branch}': {why}; choose another --branch "
                            "(the usual one is gh-pages)", git.cwd)

    if branch in ("HEAD", "@") or branch.startswith("-") or "@{" in branch or \
            git.ok("check-ref-format", f"refs/heads/{branch}") is None:
        raise refuse("it is not a plain branch name (git would read it as something else)")
    if git.ok("symbolic-ref", "--quiet", "--short", "HEAD") == branch:
        raise refuse("it is the branch checked out here, which holds the site's sources")
    others = [f"refs/{branch}", f"refs/tags/{branch}", f"refs/remotes/{branch}", f"refs/remotes/{branch}/HEAD"]
    clash = next((ref for ref in others if git.ok("rev-parse", "--verify", "--quiet", ref) is not None), None)
    if clash is not None or branch in git.out("remote").split():
        raise refuse(f"the name is also {clash or 'a remote'}, so git commands would be ambiguous")
    if git.ok("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}") is None and \
            git.ok("rev-parse", "--verify", "--quiet", f"{branch}^{{object}}") is not None:
        raise refuse("the name already means a commit or object in this repository")
    # the remote's branch is checked too, once fetched (the deploy's parent)
    refuse_source_tree(git, git.ok("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}"), branch,
                       sources_file)


def refuse_source_tree(git: Git, commit: str | None, branch: str, sources_file: str) -> None:
    """Refuse when ``commit`` (the branch's tip) holds the site's config.yml: it is a source branch."""
    if commit is not None and git.ok("cat-file", "-e", f"{commit}:{sources_file}") is not None:
        raise SitegenError(f"refusing to deploy to branch '{branch}': it holds the site's sources ({sources_file}), "
                           "and deploying would replace them with the built site; choose another --branch "
                           "(the usual one is gh-pages)", git.cwd)


def remote_tip(git: Git, remote: str, branch: str) -> str | None:
    """The branch's commit on the remote (fetched, so it can be a parent), else a local branch, else None.

    Fetched into no ref (FETCH_HEAD only): the branch may yet be refused (refuse_source_tree), and a refused
    deploy changes no ref; a pushed one updates the remote-tracking ref itself."""
    listed = git.out("ls-remote", "--heads", remote, f"refs/heads/{branch}")
    if listed:
        git.out("fetch", "--quiet", "--no-write-fetch-head", remote, f"refs/heads/{branch}")
        return listed.split()[0]
    return git.ok("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}")


def previous_cname(git: Git, parent: str | None) -> str | None:
    """The custom domain the last deploy published, so a deploy without --cname never drops it."""
    if parent is None:
        return None
    text = git.ok("cat-file", "-p", f"{parent}:CNAME")
    if text is None:
        return None
    return text.strip() or None


def warn_if_local(base_url: str) -> None:
    if urlsplit(base_url).netloc.split(":")[0] in LOOPBACK_HOSTS:
        log.warning("base_url is %s: links in the published site will point at this machine; set base_url in "
                    "config.yml (e.g. https://USER.github.io/REPO/) or pass --base-url", base_url)


def warn_if_unrecorded(slugs: tuple[str, ...]) -> None:
    """A deploy publishes the committed site, history included (content/history/), and writes nothing to it
    (as the Actions workflow builds what is committed): changes a curator has not recorded are only named."""
    if slugs:
        log.warning("%d stor%s changed since %s last recorded publish (%s): their Updates sections do not say so "
                    "yet; run 'sitegen build --record', commit content/history/, and deploy again",
                    len(slugs), "y has" if len(slugs) == 1 else "ies have", "its" if len(slugs) == 1 else "their",
                    ", ".join(slugs))


def add_pages_files(out: Path, cname: str | None) -> None:
    """.nojekyll stops GitHub running Jekyll (which hides _folders); CNAME keeps the custom domain."""
    (out / ".nojekyll").write_bytes(b"")
    if cname:
        (out / "CNAME").write_text(cname.strip() + "\n", encoding="utf-8")


def write_tree(git: Git, folder: Path, index_file: Path) -> tuple[str, int]:
    """Store every file of ``folder`` as the whole tree of a commit; returns (tree id, file count)."""
    files = sorted(path for path in folder.rglob("*")
                   if path.is_file() and not path.is_symlink() and path != folder / MARKER)  # (not published)
    names = [path.relative_to(folder).as_posix() for path in files]
    git_dir = git.out("rev-parse", "--absolute-git-dir")
    outside = Git(folder, {"GIT_DIR": git_dir})
    blobs = outside.out("hash-object", "-w", "--no-filters", "--stdin-paths", stdin="\n".join(names) + "\n").split()
    entries = "".join(f"{file_mode(path)} {blob}\t{name}\n" for path, blob, name in zip(files, blobs, names))
    index_env = {"GIT_INDEX_FILE": str(index_file)}
    git.out("update-index", "--add", "--index-info", stdin=entries, extra_env=index_env)
    return git.out("write-tree", extra_env=index_env), len(files)


def file_mode(path: Path) -> str:
    return "100755" if os.access(path, os.X_OK) else "100644"


def deploy_message(options: DeployOptions, source: str, git: Git, base_url: str) -> str:
    branch = git.ok("rev-parse", "--abbrev-ref", "HEAD") or "HEAD"
    subject = options.message or f"Deploy site from {source[:12]}"
    return f"{subject}\n\nSource commit: {source} ({branch})\nBuilt by sitegen deploy for {base_url}\n"


def commit_tree(git: Git, tree: str, parent: str | None, message: str) -> str:
    has_identity = git.ok("config", "user.email") and git.ok("config", "user.name")
    identity = None if has_identity else FALLBACK_IDENTITY  # a CI box without git identity can still deploy
    args = ["commit-tree", tree, *(["-p", parent] if parent else [])]
    return git.out(*args, stdin=message, extra_env=identity)


