"""The `sitegen` command: parses flags, runs one command, maps errors to exit codes.

Exit codes: 0 ok, 1 content/config error (or a warning under --strict), 2 usage.
Each command lives in ``sitegen/commands/<name>.py`` and exposes ``register(subparsers)``,
which adds its parser and sets ``handler`` to a function ``(args) -> int``.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
from typing import NoReturn

from . import __version__
from .errors import SitegenError

COMMANDS = ("new", "build", "ingest", "check", "serve", "deploy")

log = logging.getLogger("sitegen")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen",
        description="Build curated story pages: many outlets' articles merged into one honest page.",
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    volume = common.add_mutually_exclusive_group()
    volume.add_argument("-v", "--verbose", action="store_true", help="more detail, and tracebacks on errors")
    volume.add_argument("-q", "--quiet", action="store_true", help="only errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f".commands.{name}", __package__)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.endswith(f"commands.{name}"):
                continue  # not built yet: --help lists only commands that work
            raise
        module.register(subparsers, common)
    return parser


def setup_logging(verbose: bool, quiet: bool) -> None:
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s" if not verbose else "%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("sitegen")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    return 2 if args is None else _dispatch(args)


def _parse(argv: list[str] | None) -> argparse.Namespace | None:
    """The parsed command line, or None after printing the help (no command given)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return None
    return args


def _dispatch(args: argparse.Namespace) -> int:
    setup_logging(getattr(args, "verbose", False), getattr(args, "quiet", False))
    try:
        return int(args.handler(args) or 0)
    except SitegenError as exc:
        if getattr(args, "verbose", False):
            log.exception("error")
        print(f"error: {exc}" if exc.path is None else str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def run_and_exit(argv: list[str] | None = None) -> NoReturn:
    """The ``sitegen`` command: :func:`main`, then leave without tearing the heap down object by object.

    A build of 10,000 articles holds about a million objects; freeing them one at a time at interpreter
    exit cost ~0.12 s, a tenth of an edit's rebuild, for memory the OS takes back at once. Every file is
    closed and every worker joined by then; streams and log handlers are flushed here.
    """
    args = _parse(argv)
    if args is not None and getattr(args, "short_lived", False):
        # The process ends with the command: a cyclic collection would only walk objects that die with it
        # (~75 ms after an edit's rebuild at 10,000 articles). Long-running commands keep the collector.
        gc.disable()
    code = 2 if args is None else _dispatch(args)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run_and_exit()
