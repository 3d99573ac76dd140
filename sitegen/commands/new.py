"""`sitegen new DIR`: scaffold a working site."""
from __future__ import annotations

import argparse
import json
import logging
from importlib import metadata
from pathlib import Path

from ..errors import SitegenError

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"
DISTRIBUTION = "sitegen-stories"  # the project's name on the package index ("sitegen" there is another project)
REQUIREMENT_MARK = "@REQUIREMENT@"
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
        data = source.read_bytes()
        if rel.as_posix() == "requirements.txt":
            data = data.decode("utf-8").replace(REQUIREMENT_MARK, requirement()).encode("utf-8")
        with dest.open("xb") as out:  # never over a file (or through a symlink) that appeared meanwhile
            out.write(data)
        written.append(dest)
    return written


def requirement() -> str:
    """The requirement that installs the sitegen running now: its git commit when it was installed from a
    repository (PEP 610's direct_url.json), else its version under the project's own distribution name."""
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        from .. import __version__
        return f"{DISTRIBUTION}=={__version__}"
    try:
        direct = json.loads(dist.read_text("direct_url.json") or "{}")
    except ValueError:
        direct = {}
    vcs = direct.get("vcs_info") if isinstance(direct, dict) else None
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id") and direct.get("url"):
        return f"{DISTRIBUTION} @ git+{direct['url']}@{vcs['commit_id']}"
    return f"{DISTRIBUTION}=={dist.version}"


def run(args: argparse.Namespace) -> int:
    written = scaffold(args.directory)
    log.info("created %d files in %s\nnext: cd %s && sitegen build && sitegen serve", len(written),
             args.directory, args.directory)
    return 0
