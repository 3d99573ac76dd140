"""The one YAML reader: front matter (articles, story files, ingested Markdown) and config.yml.

Safe tags only; every failure is a SitegenError with the file's line. Aliases are counted before
anything is constructed or walked: PyYAML shares an anchored node between its aliases, so ~1 KB of
nested anchors ("billion laughs") composes instantly, but any code that walks the values (validation,
``str()`` of a list, rendering) expands it exponentially. A document whose aliases would expand to
more than MAX_ALIAS_NODES nodes is refused.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from .errors import SitegenError

try:  # libyaml is several times faster on large sites; the pure loader behaves the same
    _CLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _CLoader = yaml.SafeLoader

# What a YAML file may hold raw; an escape ("\\x01", "\\e", "\\0", "\\uFFFE") can put anything else in a
# value, and control characters make feed.xml ill-formed and pages unreadable.
NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
MAX_ALIAS_NODES = 1000  # nodes the aliases of one document may add when expanded
# libyaml's composer recurses in C and crashes the process (no exception) on input nested some 20,000
# levels deep; text this short cannot nest that deep. Longer text takes the pure-Python loader, whose
# RecursionError is caught.
_C_LOADER_MAX_CHARS = 8192


@contextmanager
def composed(text: str, path: str | Path, first_line: int = 1,
             what: str = "invalid YAML") -> Iterator[tuple[yaml.Node | None, Any]]:
    """(root node, loader to construct values with); ``first_line`` is the file line of the text's line 1.

    Errors read ``path:line: {what}: problem``.
    """
    loader = _CLoader(text) if len(text) <= _C_LOADER_MAX_CHARS else yaml.SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise yaml_error(exc, text, path, first_line, what) from None
        except RecursionError:
            raise SitegenError(f"{what}: nested too deeply", path, first_line) from None
        if node is not None:
            check_aliases(node, path, first_line, what)
        yield node, loader
    finally:
        loader.dispose()


def compose(text: str, path: str | Path, first_line: int = 1, what: str = "invalid YAML") -> yaml.Node | None:
    """The checked root node alone (config.yml validates its nodes itself)."""
    with composed(text, path, first_line, what) as (node, _loader):
        return node


def unprintable(value: Any) -> str | None:
    """The first character of ``value`` (a parsed value: text, or lists and mappings of it) that a YAML
    file could not hold raw, as 'U+0001'; None when there is none."""
    if isinstance(value, str):
        match = NOT_PRINTABLE.search(value)
        return f"U+{ord(match.group()):04X}" if match else None
    if isinstance(value, dict):
        return next((found for item in value.items() if (found := unprintable(list(item)))), None)
    if isinstance(value, (list, tuple)):
        return next((found for item in value if (found := unprintable(item))), None)
    return None


def check_aliases(root: yaml.Node, path: str | Path, first_line: int, what: str = "invalid YAML") -> None:
    """Refuse a document whose aliases expand to more than MAX_ALIAS_NODES extra nodes.

    Counted on the composed graph with one size per distinct node, so the count itself is linear in
    the document however far the aliases would expand."""
    sizes: dict[int, int] = {}
    try:
        expanded = _expanded_size(root, sizes)
    except RecursionError:
        raise SitegenError(f"{what}: nested too deeply", path, first_line) from None
    if expanded - len(sizes) <= MAX_ALIAS_NODES:
        return
    line = first_line + root.start_mark.line
    if isinstance(root, yaml.MappingNode):  # name the top-level key whose value blows up
        for key, value in root.value:
            if _expanded_size(value, sizes) > MAX_ALIAS_NODES:
                line = first_line + key.start_mark.line
                break
    raise SitegenError(f"{what}: too many aliases (they would expand to more than {MAX_ALIAS_NODES:,} values; "
                       "write the values out instead of nesting anchors)", path, line)


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    known = sizes.get(id(node))
    if known is not None:
        return known
    total = 1
    if isinstance(node, yaml.SequenceNode):
        total += sum(_expanded_size(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        total += sum(_expanded_size(key, sizes) + _expanded_size(value, sizes) for key, value in node.value)
    total = min(total, 1 << 40)  # an alias bomb's true size does not fit any use; keep the numbers small
    sizes[id(node)] = total
    return total


def yaml_error(exc: yaml.YAMLError, text: str, path: str | Path, first_line: int, what: str) -> SitegenError:
    if isinstance(exc, yaml.reader.ReaderError):  # a control character or similar: has a position, no mark
        line = text[: exc.position].count("\n") + first_line
        return SitegenError(f"{what}: character {chr(exc.character)!r} is not allowed (remove control characters)",
                            path, line)
    problem = getattr(exc, "problem", None) or "invalid YAML"
    return SitegenError(f"{what}: {problem}", path, _error_line(exc, text) + first_line)


def _error_line(exc: yaml.YAMLError, text: str) -> int:
    """0-based line of a YAML error; an error found at the end (an unclosed '[') points where it opened."""
    last = text.rstrip("\n").count("\n")
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    if problem is not None and problem.line > last and context is not None:
        return min(context.line, last)
    mark = problem or context
    return min(mark.line, last) if mark is not None else 0
