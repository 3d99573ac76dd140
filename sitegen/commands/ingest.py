"""`sitegen ingest`: raw article pages -> content/articles/<slug>.md for the curator to review."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import load
from ..errors import Diagnostics, SitegenError


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "ingest", parents=[common], help="turn raw article text/HTML/Markdown into content/articles/*.md",
        description="Turn raw articles (copied page text, saved HTML, Markdown) into front-mattered Markdown in "
                    "content/articles/. Fields the input does not support are written as null and listed in a "
                    "warning. '-' reads standard input.")
    parser.add_argument("inputs", nargs="*", type=Path, metavar="FILE|DIR|-", help="inputs to ingest")
    parser.add_argument("--story", default=None, metavar="KEY", help="story key to put in each article's front matter")
    parser.add_argument("--site", type=Path, default=Path("."), help="site directory (default: current)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing article with the same slug")
    parser.add_argument("--dry-run", action="store_true", help="print the articles instead of writing them")
    parser.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                        help="CPU seconds one input may take before it is skipped with an error (default: 5; 0: none)")
    parser.add_argument("--explain", action="store_true",
                        help="print every dropped line with the rule that dropped it (with no inputs: list the rules)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..ingest import describe_rules, run as ingest
    from ..ingest.writer import TIME_LIMIT

    if not args.inputs:
        if args.explain:
            print(describe_rules())
            return 0
        raise SitegenError("nothing to ingest: give files, folders, or '-' for standard input")
    config = load(args.site)
    failures: list[SitegenError] = []
    written = ingest(list(args.inputs), config, story=args.story, force=args.force, dry_run=args.dry_run,
                     explain=args.explain, diagnostics=Diagnostics(), failures=failures,
                     time_limit=TIME_LIMIT if args.time_limit is None else args.time_limit)
    # each failure was already reported as "path: message" by the ingest logger
    if not args.dry_run:
        print(f"ingested {len(written)} article(s)" + (f", {len(failures)} failed" if failures else ""),
              file=sys.stderr)
    return 1 if failures else 0
