"""`sitegen deploy`: build with the production base_url and push the output to the gh-pages branch."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from ..deploy import DeployOptions, deploy

log = logging.getLogger("sitegen.deploy")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "deploy", parents=[common], help="publish the built site to GitHub Pages (gh-pages branch)",
        description="Build with the production base_url and commit the output, plus .nojekyll and CNAME, as "
                    "the whole tree of the target branch (history kept), then push it. Refuses when the "
                    "site has uncommitted changes (unless --force) or the remote is missing.")
    parser.add_argument("--site", type=Path, default=Path("."), help="site directory (default: current)")
    parser.add_argument("--remote", default="origin", help="git remote to push to (default: origin)")
    parser.add_argument("--branch", default="gh-pages", help="branch that holds the published site (default: gh-pages)")
    parser.add_argument("--message", default=None, help="commit message subject (the source commit is always named)")
    parser.add_argument("--cname", default=None,
                        help="custom domain written to CNAME (default: config.yml cname, else the last deploy's)")
    parser.add_argument("--base-url", default=None, help="production URL, overriding config.yml base_url")
    parser.add_argument("--dry-run", action="store_true", help="build and commit locally, but push nothing")
    parser.add_argument("--force", action="store_true", help="deploy even with uncommitted changes to the site")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = DeployOptions(args.site, remote=args.remote, branch=args.branch, message=args.message,
                            cname=args.cname, base_url=args.base_url, dry_run=args.dry_run, force=args.force)
    result = deploy(options)
    if result.commit is None:
        print("nothing to deploy: the branch already holds this site")
    elif result.pushed:
        print(f"deployed {result.commit[:12]} to {args.remote}/{args.branch} ({result.files} files)")
    else:
        print(f"dry run: built {result.commit[:12]} ({result.files} files); nothing pushed")
    return 0
