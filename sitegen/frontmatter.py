"""Split a text file into YAML front matter and body, with line numbers for every error."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import SitegenError

try:  # libyaml is several times faster on large sites; the pure loader behaves the same
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_FENCE = re.compile(r"^(---|\.\.\.)\s*$")
MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Document:
    path: Path
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the body's first line
    meta_lines: dict[str, int]  # top-level key -> 1-based line, for messages


def read_text(path: Path) -> str:
    """File text as str: BOM stripped, CRLF normalised; binary, oversized or non-UTF-8 is an error."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SitegenError(f"file is {size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB", path)
        data = path.read_bytes()
    except OSError as exc:
        raise SitegenError(f"cannot read: {exc.strerror}", path) from None
    if b"\x00" in data[:8192]:
        raise SitegenError("binary file, not text", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SitegenError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8", path, line) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split(text: str, path: Path) -> Document:
    """Parse ``---`` front matter; the body keeps its own line numbers via ``body_line``."""
    if not text.strip():
        raise SitegenError("empty file: an article needs front matter with at least a title", path, 1)
    lines = text.split("\n")
    if not _FENCE.match(lines[0]) or lines[0].startswith("..."):
        raise SitegenError("no front matter: the file must start with a '---' line", path, 1)
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        raise SitegenError("front matter opened here is never closed with '---'", path, 1)
    yaml_text = "\n".join(lines[1:end])
    try:
        meta = yaml.load(yaml_text, Loader=_Loader) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise SitegenError(f"invalid YAML in front matter: {problem}", path, mark.line + 2 if mark else 1) from None
    except ValueError as exc:  # e.g. an impossible date such as 2026-02-30
        key, line = _first_bad_date_line(lines[1:end])
        raise SitegenError(f"invalid value{f' for {key!r}' if key else ''}: {exc}", path, line) from None
    if not isinstance(meta, dict):
        raise SitegenError("front matter must be a mapping of keys to values", path, 2)
    meta_lines = {}
    for offset, line in enumerate(lines[1:end], start=2):
        match = re.match(r"([A-Za-z_][\w-]*)\s*:", line)
        if match and match.group(1) not in meta_lines:
            meta_lines[match.group(1)] = offset
    body = "\n".join(lines[end + 1:])
    return Document(path, {str(k): v for k, v in meta.items()}, body, end + 2, meta_lines)


def _first_bad_date_line(lines: list[str]) -> tuple[str | None, int]:
    from datetime import date

    for offset, line in enumerate(lines, start=2):
        match = re.match(r"([\w-]+)\s*:\s*['\"]?(\d{4})-(\d{1,2})-(\d{1,2})", line)
        if match:
            try:
                date(int(match.group(2)), int(match.group(3)), int(match.group(4)))
            except ValueError:
                return match.group(1), offset
    return None, 1
