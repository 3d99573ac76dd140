"""Inputs (files, folders, stdin) -> content/articles/<slug>.md, one failure never stopping the rest."""
from __future__ import annotations

import logging
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ..config import Config
from ..content import MAX_SLUG
from ..errors import Diagnostics, SitegenError
from .detect import decode
from .pipeline import ingest_text, make_slug
from .result import IngestResult
from .rules import compile_rules
from .shape import StoryWords, story_words

log = logging.getLogger("sitegen.ingest")

TIME_LIMIT = 5.0  # CPU seconds one input may take; a page that needs more is refused, the batch goes on
INPUT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".md", ".markdown")
STDIN = Path("-")


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; a folder contributes its text/HTML/Markdown files, sorted, recursively."""
    inputs: list[Path] = []
    for path in paths:
        if path != STDIN and path.is_dir():
            inputs.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                                 and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            inputs.append(path)
    return inputs


def read_input(path: Path, stdin: TextIO | None = None) -> tuple[str, str]:
    """(text, name for messages); garbage is a SitegenError naming the file."""
    if path == STDIN:
        stream = stdin if stdin is not None else sys.stdin
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode("utf-8")
        return decode(data, "<stdin>").text, "<stdin>"
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SitegenError(f"cannot read: {exc.strerror or exc}", name) from None
    from .detect import MAX_BYTES

    if size > MAX_BYTES:  # refuse before reading a huge file into memory
        raise SitegenError(f"file is too large ({size / 1048576:.1f} MB; the limit is {MAX_BYTES // 1048576} MB)", name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SitegenError(f"cannot read: {exc.strerror or exc}", name) from None
    return decode(data, name).text, name


def run(paths: list[Path], config: Config, *, story: str | None = None, force: bool = False, dry_run: bool = False,
        explain: bool = False, diagnostics: Diagnostics | None = None, failures: list[SitegenError] | None = None,
        out: TextIO | None = None, time_limit: float = TIME_LIMIT) -> list[Path]:
    """Ingest every input; returns the article files written (or that would be, with ``dry_run``).

    Each failing input is logged as ``path: message`` and collected in ``failures`` when given;
    without that list, a SitegenError summarising the failures is raised after the others ran.
    An input that takes more than ``time_limit`` CPU seconds fails alone (0: no limit).
    """
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    out = out if out is not None else sys.stdout
    rules = compile_rules(config)
    articles_dir = config.content_dir / "articles"
    written: list[Path] = []
    errors: list[SitegenError] = []
    claimed: dict[str, str] = {}  # slug -> input that produced it in this run
    inputs = _read_all(expand_inputs(paths))
    vocabulary = _story_vocabulary(inputs) if story else None  # without --story the inputs need not be one story
    for path, text, name, error in inputs:
        try:
            if error is not None:
                raise error
            with cpu_budget(time_limit, name):
                result = ingest_text(text, source_name=name, config=config, story=story, rules=rules,
                                     story_words=vocabulary)
            target = _target(articles_dir, result, name, claimed, force or dry_run, diagnostics)
            if dry_run and target.exists() and not force:
                diagnostics.warn(f"{target} already exists; a real run needs --force to replace it", name)
        except SitegenError as exc:
            log.error("%s", exc)
            errors.append(exc)
            continue
        for warning in result.warnings:
            diagnostics.warn(warning, name)
        if explain:
            out.write(explain_text(name, result, target))
        if dry_run:
            out.write(f"==> {target} (dry run, not written) <==\n{result.to_markdown()}\n")
        else:
            _write_atomic(target, result.to_markdown())
            log.info("%s -> %s", name, target)
        written.append(target)
    if errors and failures is None:
        raise SitegenError(f"{len(errors)} of {len(errors) + len(written)} inputs failed to ingest")
    if failures is not None:
        failures.extend(errors)
    return written


class OverBudget(SitegenError):
    """One input took longer than the per-file limit."""


@contextmanager
def cpu_budget(seconds: float, name: str) -> Iterator[None]:
    """Raise OverBudget (a SitegenError naming ``name``) in the block once it has used ``seconds`` of CPU.

    A CPU-time timer (SIGPROF), so a busy machine does not make a normal page fail; the regex engine
    checks for signals while it matches, so even a pattern stuck backtracking is interrupted. Only the
    main thread receives signals: elsewhere the block runs unlimited.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise OverBudget(f"took more than {seconds:g} s of CPU to ingest and was skipped (an extreme page, or a "
                         "noise rule in config.yml that backtracks); the other inputs went on", name)

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


# Story vocabulary is read from the inputs of one run; a run this large is a bulk import, not one
# story, and holding every text in memory to compare them would cost more than it tells.
MAX_STORY_INPUTS = 200


def _read_all(paths: list[Path]) -> list[tuple[Path, str, str, SitegenError | None]]:
    """Every input read up front (the story's vocabulary needs them all); a failure is kept for later."""
    inputs = []
    for path in paths:
        try:
            text, name = read_input(path)
            inputs.append((path, text, name, None))
        except SitegenError as exc:
            inputs.append((path, "", str(path), exc))
    return inputs


def _story_vocabulary(inputs: list[tuple[Path, str, str, SitegenError | None]]) -> StoryWords | None:
    texts = [text for _, text, _, error in inputs if error is None]
    return story_words(texts) if len(texts) <= MAX_STORY_INPUTS else None


def _target(articles_dir: Path, result: IngestResult, name: str, claimed: dict[str, str], force: bool,
            diagnostics: Diagnostics) -> Path:
    """The article file for ``result``; a slug another input of this run took gets a suffix (the outlet,
    else a number), so no input is lost to a naming clash."""
    slug = result.slug
    if slug in claimed:
        slug = _free_slug(slug, result, claimed)
        diagnostics.warn(f"same slug '{result.slug}' as {claimed[result.slug]} in this run (same headline?); "
                         f"written as '{slug}'", name)
    target = articles_dir / f"{slug}.md"
    if target.exists() and not force:
        raise SitegenError(f"{target} already exists (slug '{slug}'); use --force to overwrite it, "
                           "or rename the existing article first", name)
    if os.path.lexists(target) and (target.is_symlink() or not target.is_file()):  # --force replaces article files only
        raise SitegenError(f"{target} is not a plain file (a symlink or a folder); sitegen will not replace it", name)
    claimed[slug] = name
    return target


def _free_slug(slug: str, result: IngestResult, claimed: dict[str, str]) -> str:
    outlet = make_slug(result.front_matter.outlet or "", "") if result.front_matter.outlet else ""
    suffixes = ([outlet] if outlet else []) + [str(n) for n in range(2, len(claimed) + 3)]
    return next(c for c in (_suffixed(slug, s) for s in suffixes) if c not in claimed)


def _suffixed(slug: str, suffix: str) -> str:
    """``slug-suffix``, the slug cut short at a hyphen so the suffix survives the loader's slug length
    limit (a long shared headline cut back to the same slug was the clash again)."""
    room = MAX_SLUG - len(suffix) - 1
    base = slug if len(slug) <= room else (slug[:room + 1].rsplit("-", 1)[0] or slug[:room])
    return f"{base}-{suffix}"


def _write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def explain_text(name: str, result: IngestResult, target: Path) -> str:
    """The audit trail for one input: every dropped line with its rule, then the warnings."""
    lines = [f"== {name} -> {target} ({result.source_format}; {len(result.dropped)} line(s) dropped)"]
    for item in result.dropped:
        shown = item.text if len(item.text) <= 120 else item.text[:117] + "..."
        lines.append(f"{name}:{item.line_no}: [{item.rule}] {shown}")
    lines.extend(f"{name}: warning: {w}" for w in result.warnings)
    return "\n".join(lines) + "\n"
