"""Split a text file into YAML front matter and body, with line numbers for every error."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import SitegenError
from .yamlsafe import composed, unprintable, yaml_error

_FENCE = re.compile(r"^(---|\.\.\.)\s*$")
MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Document:
    path: Path
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the body's first line
    meta_lines: dict[str, int]  # top-level key -> 1-based line, for messages
    entry_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)  # list key -> line of each item


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
    meta, meta_lines, entry_lines = parse_yaml_mapping(lines[1:end], path, first_line=2)
    body = "\n".join(lines[end + 1:])
    return Document(path, meta, body, end + 2, meta_lines, entry_lines)


def parse_yaml_mapping(lines: list[str], path: Path, first_line: int) -> tuple[
        dict[str, Any], dict[str, int], dict[str, tuple[int, ...]]]:
    """YAML lines -> (mapping, key -> 1-based line, list key -> each item's line); every failure is a
    SitegenError with a line.

    ``first_line`` is the file line of ``lines[0]``. Composing and constructing in two steps gives
    each key's true line and lets a bad value (2026-02-30) be traced to its own line.
    """
    yaml_text = "\n".join(lines)
    if not yaml_text.strip():
        return {}, {}, {}
    with composed(yaml_text, path, first_line, _WHAT) as (node, loader):
        if node is None:
            return {}, {}, {}
        if not isinstance(node, yaml.MappingNode):
            raise SitegenError("front matter must be a mapping of keys to values", path, first_line)
        meta_lines = _key_lines(node, path, first_line)
        entry_lines = {str(key.value): tuple(item.start_mark.line + first_line for item in value.value)
                       for key, value in node.value if isinstance(value, yaml.SequenceNode)}
        try:
            meta = loader.construct_document(node)
        except yaml.YAMLError as exc:
            raise yaml_error(exc, yaml_text, path, first_line, _WHAT) from None
        except ValueError as exc:  # an impossible date such as 2026-02-30 or an hour of 25
            key, line = _first_bad_value(node, first_line)
            raise SitegenError(f"invalid value{f' for {key!r}' if key else ''}: {exc}", path, line) from None
        except RecursionError:
            raise SitegenError("front matter is nested too deeply", path, first_line) from None
    for key, value in meta.items():
        if character := unprintable(value):
            raise SitegenError(f"'{key}' holds the control character {character} (written as an escape such as "
                               "\\x01 or \\e); remove it", path, meta_lines.get(str(key), first_line))
    return {str(k): v for k, v in meta.items()}, meta_lines, entry_lines


_WHAT = "invalid YAML in front matter"


def _key_lines(node: yaml.MappingNode, path: Path, first_line: int) -> dict[str, int]:
    """Top-level key -> line; a key given twice is an error (YAML would silently keep the last)."""
    lines: dict[str, int] = {}
    for key_node, _value in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise SitegenError("front-matter keys must be plain names", path, key_node.start_mark.line + first_line)
        line = key_node.start_mark.line + first_line
        if key_node.value in lines:
            raise SitegenError(f"key '{key_node.value}' is given twice (first on line {lines[key_node.value]})",
                               path, line)
        lines[key_node.value] = line
    return lines


def _first_bad_value(node: yaml.MappingNode, first_line: int) -> tuple[str | None, int]:
    """The key whose value fails to construct, and that value's line."""
    for key_node, value_node in node.value:
        probe = yaml.SafeLoader("")
        try:
            probe.construct_document(value_node)
        except (ValueError, yaml.YAMLError):
            return str(key_node.value), value_node.start_mark.line + first_line
        finally:
            probe.dispose()
    return None, first_line
