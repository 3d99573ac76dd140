"""`sitegen deploy`: publish the built site as the gh-pages branch."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..deploy import deploy


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "deploy", parents=[common], help="build and push the site to the gh-pages branch",
        description="Build with the production base_url and commit the result as the whole tree of the "
                    "target branch (with .nojekyll and CNAME), then push it.")
    parser.add_argument("--site", type=Path, default=Path("."), help="site directory (default: current)")
    parser.add_argument("--remote", default="origin", help="git remote to push to (default: origin)")
    parser.add_argument("--branch", default="gh-pages", help="branch to publish (default: gh-pages)")
    parser.add_argument("--message", default=None, help="commit message (default names the source commit)")
    parser.add_argument("--cname", default=None, help="custom domain for CNAME (default: config cname, "
                                                      "else the one already published)")
    parser.add_argument("--base-url", default=None, help="override config base_url for this deploy")
    parser.add_argument("--dry-run", action="store_true", help="build and report, push nothing")
    parser.add_argument("--force", action="store_true", help="deploy even with uncommitted content changes")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    deploy(args.site, remote=args.remote, branch=args.branch, message=args.message, cname=args.cname,
           dry_run=args.dry_run, force=args.force, base_url=args.base_url)
    return 0
