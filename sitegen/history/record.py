"""The history file of a story: ``content/history/<story slug>.jsonl``, committed with the site.

JSON Lines, appended to and never rewritten, so ``git diff`` shows a publish as added lines only:

* line 1, the header: ``{"sitegen-history": 1, "story": "<slug>"}``;
* an entry per change: ``{"at": "2026-07-12T09:00:00Z", "kind": "source-added", "text": "...",
  "sources": ["<article slug>", ...], "claim": "c2"}`` (``claim`` may be absent);
* after each publish's entries, the story's state as published: ``{"at": "...", "state": {...}}``
  (see :mod:`sitegen.history.state`); the last one is what the next publish is compared with.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import SitegenError
from ..frontmatter import read_text
from ..model import HistoryEntry
from . import state as state_json
from .changes import KINDS, Change
from .state import StoryState

FOLDER = "history"  # under the content folder
SUFFIX = ".jsonl"
HEADER = "sitegen-history"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class HistoryFile:
    path: Path
    slug: str
    entries: tuple[HistoryEntry, ...]  # oldest first, as written
    text: str  # the file as read: a publish appends to it
    state_line: int = 0  # the line of the last published state (0: none yet)

    def published(self) -> StoryState | None:
        """The story as last published. Read only when a publish or ``check`` compares with it: a build
        that only shows the history never parses the states, which are most of a file's bytes."""
        if not self.state_line:
            return None
        try:
            return state_json.from_json(json.loads(self.text.split("\n")[self.state_line - 1])["state"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SitegenError(f"malformed published state: {exc}", self.path, self.state_line) from None


def path_for(folder: Path, slug: str) -> Path:
    return folder / f"{slug}{SUFFIX}"


def load_all(folder: Path) -> dict[str, HistoryFile]:
    """Every story's history file, by story slug; a malformed one raises a SitegenError with its line."""
    if not folder.is_dir():
        return {}
    found = {}
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.endswith(SUFFIX) and not entry.name.startswith("."):
            path = Path(entry.path)
            if entry.is_symlink() or not entry.is_file(follow_symlinks=False):
                raise SitegenError("a history file must be a plain file, not a symlink or folder", path)
            loaded = parse(path, read_text(path))
            found[loaded.slug] = loaded
    return found


# A state line as sitegen writes it, told apart without parsing it (a hand-formatted one is parsed and found)
_STATE_LINE = re.compile(r'\{"at":"[^"]*","state":')


def parse(path: Path, text: str) -> HistoryFile:
    """The file's entries (the published states are only located: see HistoryFile.published)."""
    slug = path.name.removesuffix(SUFFIX)
    if not text.strip():
        raise SitegenError("empty history file; delete it or restore it from git", path, 1)
    lines = text.split("\n")
    header = _object(lines[0], path, 1)
    if header.get(HEADER) != FORMAT or header.get("story") != slug:
        raise SitegenError(f'the first line must be {{"{HEADER}": {FORMAT}, "story": "{slug}"}} '
                           "(sitegen writes this file; restore it from git)", path, 1)
    numbers = []
    state_line = 0
    for number, line in enumerate(lines[1:], 2):
        if _STATE_LINE.match(line):
            state_line = number
        elif line.strip():
            numbers.append(number)
    try:  # one parse for all entry lines; line by line only to find a bad one
        items = json.loads("[" + ",".join(lines[n - 1] for n in numbers) + "]")
    except json.JSONDecodeError:
        items = [_object(lines[n - 1], path, n) for n in numbers]
    entries = []
    times: dict[Any, datetime] = {}  # the entries of one publish share their time
    for number, item in zip(numbers, items):
        if not isinstance(item, dict):
            raise SitegenError("each line must be a JSON object", path, number)
        if "state" in item:
            state_line = max(state_line, number)
        else:
            entries.append(_entry(item, path, number, times))
    if entries and not state_line:  # comparing with nothing would publish the story a second time
        raise SitegenError("entries but no published state (a line with \"state\") after them; restore the file "
                           "from git", path, numbers[-1])
    return HistoryFile(path, slug, tuple(entries), text, state_line)


def _object(line: str, path: Path, number: int) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise SitegenError(f"not a JSON line: {exc.msg}", path, number) from None
    if not isinstance(item, dict):
        raise SitegenError("each line must be a JSON object", path, number)
    return item


def _entry(item: dict[str, Any], path: Path, number: int, times: dict[Any, datetime]) -> HistoryEntry:
    kind, said, sources, claim = item.get("kind"), item.get("text"), item.get("sources", []), item.get("claim")
    if kind not in KINDS:
        raise SitegenError(f"unknown entry kind {kind!r} (known: {', '.join(KINDS)})", path, number)
    if not isinstance(said, str) or not isinstance(sources, list) or not all(isinstance(s, str) for s in sources) \
            or not (claim is None or isinstance(claim, str)):
        raise SitegenError("an entry needs text, a list of article slugs as sources, and an optional claim id",
                           path, number)
    at = item.get("at")
    moment = times.get(at) if isinstance(at, str) else None
    if moment is None:
        moment = times[at] = parse_time(at, path, number)
    return HistoryEntry(moment, kind, said, tuple(sources), claim)


def parse_time(value: Any, path: Path, number: int) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise SitegenError(f"'at' must be an ISO date-time like 2026-07-12T09:00:00Z, got {value!r}",
                           path, number) from None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def appended(file: HistoryFile | None, slug: str, found: list[Change], state: StoryState, at: datetime) -> str:
    """The file's text with one publish added: its entries, then the state they lead to."""
    lines = [] if file is not None else [_line({HEADER: FORMAT, "story": slug})]
    when = stamp(at)
    for change in found:
        entry: dict[str, Any] = {"at": when, "kind": change.kind, "text": change.text, "sources": list(change.sources)}
        if change.claim is not None:
            entry["claim"] = change.claim
        lines.append(_line(entry))
    lines.append(_line({"at": when, "state": state_json.to_json(state)}))
    before = file.text if file is not None else ""
    if before and not before.endswith("\n"):
        before += "\n"
    return before + "\n".join(lines) + "\n"


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write(path: Path, before: HistoryFile | None, text: str) -> None:
    """Replace the file by its appended text (a temporary file renamed over it: never half written). A file
    sitegen did not read as a history file this build is never overwritten."""
    if before is None and (path.exists() or path.is_symlink()):
        raise SitegenError("a file is in the way of a new history file; move it away", path)
    if path.is_symlink():
        raise SitegenError("a history file must be a plain file, not a symlink", path)
    if before is not None and (not text.startswith(before.text) or read_text(path) != before.text):
        raise SitegenError("refusing to rewrite history: the file changed since this build read it, or the "
                           "new text does not extend it", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".history-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
