"""`sitegen new DIR`: scaffold a working site."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from ..errors import SitegenError

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"
log = logging.getLogger("sitegen.new")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("new", parents=[common], help="create a new site directory",
                                   description="Create a working site: config.yml, content/, templates/.")
    parser.add_argument("directory", type=Path, help="where to create the site (must be empty or absent)")
    parser.set_defaults(handler=run)


def scaffold(target: Path) -> list[Path]:
    """Copy the starter site into ``target``; refuses to touch a non-empty folder."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SitegenError("folder exists and is not empty; choose a new one", target)
    written = []
    for source in sorted(SCAFFOLD.rglob("*")):
        if source.is_dir() or source.name == "__pycache__":
            continue
        rel = source.relative_to(SCAFFOLD)
        dest = target / Path(*(part.replace("dot-", ".", 1) if part.startswith("dot-") else part for part in rel.parts))
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("xb") as out:  # never over a file (or through a symlink) that appeared meanwhile
            out.write(source.read_bytes())
        written.append(dest)
    return written


def run(args: argparse.Namespace) -> int:
    written = scaffold(args.directory)
    log.info("created %d files in %s\nnext: cd %s && sitegen build && sitegen serve", len(written),
             args.directory, args.directory)
    return 0
