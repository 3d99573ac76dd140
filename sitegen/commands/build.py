"""`sitegen build`: the whole pipeline once, atomically."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..build import build


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("build", parents=[common], help="build the site into output/",
                                   description="Build the site. A failed build leaves the previous output intact.")
    parser.add_argument("--site", type=Path, default=Path("."), help="site directory (default: current)")
    parser.add_argument("--out", type=Path, default=None, help="output directory (default: <site>/output)")
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    parser.add_argument("--strict", action="store_true", help="fail on any warning")
    parser.add_argument("--base-url", default=None, help="override config base_url (e.g. for deployment)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    build(args.site, args.out, drafts=args.drafts, strict=args.strict, base_url=args.base_url)
    return 0
