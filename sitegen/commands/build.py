"""`sitegen build`: the whole pipeline once; incremental, parallel, with progress and a summary line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from .. import history
from ..build import BuildResult, build


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("build", parents=[common], help="build the site into output/",
                                   description="Build the site. A failed build leaves the previous output intact. "
                                               "Unchanged pages are reused from the cache in .sitegen-cache/.")
    parser.add_argument("--site", type=Path, default=Path("."), help="site directory (default: current)")
    parser.add_argument("--out", type=Path, default=None, help="output directory (default: <site>/output)")
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    parser.add_argument("--strict", action="store_true", help="fail on any warning")
    parser.add_argument("--base-url", default=None, help="override config base_url (e.g. for deployment)")
    parser.add_argument("-j", "--jobs", type=_positive, default=None,
                        help="worker processes (default: all cores; 1 = no workers)")
    parser.add_argument("--clean", action="store_true", help="ignore the build cache and rebuild everything")
    parser.add_argument("--record", action="store_true",
                        help="publish: append what changed in each story since its last publish to its history "
                             "file in content/history/ (commit those files); the time is SOURCE_DATE_EPOCH or now")
    parser.set_defaults(handler=run, short_lived=True)  # see cli.run_and_exit


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


class ProgressLine:
    """One stderr line rewritten in place ("render 5120/12003"); silent when stderr is not a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.stream.write(f"\r\x1b[K{stage} {done}/{total}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def summary(result: BuildResult) -> str:
    """The one line a build prints: what was written, what was already right, how long it took."""
    removed = f", {result.removed} removed" if result.removed else ""
    return (f"{result.pages} pages: {result.written} written, {result.skipped} unchanged{removed} "
            f"({result.stories} stories, {result.articles} articles) in {result.seconds:.2f}s")


def run(args: argparse.Namespace) -> int:
    quiet = getattr(args, "quiet", False)
    progress = ProgressLine(sys.stderr) if sys.stderr.isatty() and not quiet else None
    try:
        result = build(args.site, args.out, drafts=args.drafts, strict=args.strict, base_url=args.base_url,
                       jobs=args.jobs, clean=args.clean, progress=progress,
                       record_at=history.now() if args.record else None)
    finally:
        if progress is not None:
            progress.clear()
    if not quiet:
        print(summary(result), file=sys.stderr)
        if args.record:
            print(recorded_line(result), file=sys.stderr)
    return 0


def recorded_line(result: BuildResult) -> str:
    if not result.recorded:
        return "history: nothing changed since the last publish"
    names = list(result.recorded_stories)
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return (f"history: {result.recorded} update(s) recorded for {len(names)} stor{'y' if len(names) == 1 else 'ies'} "
            f"({shown}) in content/history/; commit them with the site")
