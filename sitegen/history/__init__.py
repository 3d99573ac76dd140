"""Story history: what changed since a story was last published, and the curator's corrections.

A stage between the merge and the render (the merge never reads files, the renderer computes no facts):

* :func:`load` reads every ``content/history/<slug>.jsonl`` (see :mod:`sitegen.history.record`): the
  entries published so far and the story as last published;
* :func:`publish` (``sitegen build --record``, ``sitegen deploy``) compares each merged story with its
  last published state (:mod:`sitegen.history.changes`) and appends the differences, stamped with the
  publishing build's time, to its history file; a story that says what it said adds nothing;
* :func:`attach` gives each story its corrections (from its story file) and its recorded history, newest
  first, for the page, story.json, JSON-LD and the feed.

A plain build only reads the history: it never writes to the content folder, and the pages it makes
depend on nothing but the site's files.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping

from ..cache import digest
from ..config import Config
from ..errors import Diagnostics, SitegenError
from ..model import Correction, Site, Story, StoryFile
from . import record, state
from .changes import KINDS, Change, changes, unknown_claim_corrections
from .record import HistoryFile

__all__ = ["KINDS", "Change", "HistoryFile", "Publish", "attach", "attach_all", "fingerprint", "folder", "load", "now",
           "file_of", "pending", "publish", "stat_fingerprint", "unknown_claims", "write"]


def folder(config: Config) -> Path:
    return config.content_dir / record.FOLDER


def load(config: Config) -> dict[str, HistoryFile]:
    return record.load_all(folder(config))


def stat_fingerprint(config: Config) -> str:
    """Names, sizes and mtimes of the history files: a build whose inputs show no change skips everything,
    so a history file pulled alone must show (one flat folder, scanned without Path objects)."""
    try:
        listing = os.scandir(folder(config))
    except (FileNotFoundError, NotADirectoryError):
        return ""
    with listing:
        parts = sorted(f"{e.name}:{s.st_size}:{s.st_mtime_ns}" for e in listing
                       if (s := e.stat(follow_symlinks=False)) is not None)
    return digest(*parts)


def now(environ: Mapping[str, str] = os.environ) -> datetime:
    """The time a publish stamps on its entries: ``SOURCE_DATE_EPOCH`` when set (reproducible builds, CI,
    tests), else the clock, to the second, in UTC."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise SitegenError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, got {epoch!r}") from None
    return datetime.now(timezone.utc).replace(microsecond=0)


def corrections_of(story_file: StoryFile | None) -> tuple[Correction, ...]:
    return story_file.corrections if story_file is not None else ()


def pending(story: Story, story_file: StoryFile | None, file: HistoryFile | None) -> list[Change]:
    """What the next publish would add to the history of ``story`` (a full Story)."""
    return changes(file.published() if file is not None else None, state.of_story(story, corrections_of(story_file)))


def unknown_claims(story: Story, story_file: StoryFile | None) -> list[tuple[str, tuple[Path | None, int | None]]]:
    """(message, (path, line)) for each correction that names a claim id ``story`` (a full Story) lacks."""
    wrong = unknown_claim_corrections(corrections_of(story_file), {c.id for c in story.claims})
    return [(f"correction names claim '{c.claim}', which this story does not have (sitegen check lists the "
             "claim ids)", (story_file.source_path if story_file else None, c.line or None)) for c in wrong]


@dataclass(frozen=True, slots=True)
class Publish:
    """One story's history after a publish, not yet written."""

    before: HistoryFile | None
    after: HistoryFile
    added: int  # entries added


def publish(stories: list[Any], story_files: Mapping[str, StoryFile], files: Mapping[str, HistoryFile],
            config: Config, at: datetime, diagnostics: Diagnostics) -> dict[str, Publish]:
    """Each story's history with this publish's entries appended, by slug (only stories that changed).
    ``stories`` are Stories or cache stubs (read whole here: a publish compares claims and disputes)."""
    result = {}
    for light in stories:
        story: Story = light.full()
        story_file = story_files.get(story.key)
        now_state = state.of_story(story, corrections_of(story_file))
        for problem, where in unknown_claims(story, story_file):
            diagnostics.warn(problem, *where)
        before = file_of(files, story)
        found = changes(before.published() if before is not None else None, now_state)
        if not found:
            continue
        path = before.path if before is not None else record.path_for(folder(config), story.slug)
        text = record.appended(before, path.name.removesuffix(record.SUFFIX), found, now_state, at)
        result[story.slug] = Publish(before, record.parse(path, text), len(found))
    return result


def file_of(files: Mapping[str, HistoryFile], story: Any) -> HistoryFile | None:
    """The history of ``story`` (a Story or a stub): the file of its slug, else of its key (a story whose
    slug a curator changed keeps the history it was published with)."""
    return files.get(story.slug) or files.get(story.key)


def write(publishes: Mapping[str, Publish]) -> None:
    for item in publishes.values():
        record.write(item.after.path, item.before, item.after.text)


def attach(story: Any, story_file: StoryFile | None, file: HistoryFile | None) -> Any:
    """``story`` (a Story or a cache stub) with its corrections and recorded history, newest first (entries
    of one publish keep their order)."""
    entries = tuple(sorted(file.entries, key=lambda e: e.at, reverse=True)) if file is not None else ()
    corrections = corrections_of(story_file)
    if entries == story.history and corrections == story.corrections:
        return story
    return story.replaced(history=entries, corrections=corrections)


def attach_all(stories: list[Story], site: Site, config: Config) -> list[Story]:
    """The plain pipeline's history stage: each story with its corrections and recorded history (the build
    does the same, story by story, with its cache)."""
    files = load(config)
    return [attach(story, site.story_files.get(story.key), file_of(files, story)) for story in stories]


def fingerprint(file: HistoryFile | None) -> str:
    return digest(file.text) if file is not None else ""
