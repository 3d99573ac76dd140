"""What ingesting one input produces: front matter, Markdown body, and the audit trail."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

import yaml

from ..yamlsafe import NOT_PRINTABLE

# The fields a curator is asked to fill when the input did not support them.
CURATOR_FIELDS = ("outlet", "url", "published", "author")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """An article's front matter, in the order the file shows it (see the content format)."""

    title: str
    outlet: str | None = None
    url: str | None = None
    published: datetime | date | None = None  # naive when the page gave no zone
    author: str | None = None
    story: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    syndicated_from: str | None = None
    reposted_by: str | None = None
    cites: tuple[str, ...] = ()
    authority: float | None = None
    ratings: tuple[tuple[str, float], ...] = ()
    draft: bool = False

    def missing(self) -> tuple[str, ...]:
        """The fields the curator must fill (null because the input did not say)."""
        return tuple(name for name in CURATOR_FIELDS if getattr(self, name) is None)

    def to_yaml(self) -> str:
        lines = []
        for field in fields(self):
            value = getattr(self, field.name)
            if field.name == "ratings" and not value:
                continue  # only aggregators print ratings; an empty mapping says nothing
            lines.append(f"{field.name}: {_yaml_value(value, field.name)}")
        return "\n".join(lines) + "\n"


def _yaml_value(value: Any, name: str) -> str:
    if value is None:
        return "null"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if name == "ratings":
        return "{" + ", ".join(f"{_scalar(k)}: {v:g}" for k, v in value) + "}"
    if isinstance(value, tuple):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    return _scalar(value)


def _scalar(value: Any) -> str:
    """One YAML flow scalar, quoted only when plain YAML would misread it."""
    if isinstance(value, str):  # control characters from a page's metadata: the build would refuse them
        value = NOT_PRINTABLE.sub("", value)
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip()
    if text.endswith("\n..."):
        text = text[:-4].strip()
    if text.endswith("..."):
        text = text[:-3].strip()
    if isinstance(value, str) and any(ch in value for ch in ",[]{}") and not text.startswith(("'", '"')):
        text = "'" + value.replace("'", "''") + "'"  # flow lists split on commas and brackets
    return text


@dataclass(frozen=True, slots=True)
class DroppedLine:
    line_no: int  # 1-based line in the input text
    text: str
    rule: str  # a name from sitegen.ingest.rules (default, structural or site rule)


@dataclass(frozen=True, slots=True)
class IngestResult:
    front_matter: FrontMatter
    body: str  # Markdown
    dropped: tuple[DroppedLine, ...]
    warnings: tuple[str, ...]
    slug: str
    source_format: str = "text"

    def to_markdown(self) -> str:
        """The article file: front matter between '---' lines, then the body."""
        return f"---\n{self.front_matter.to_yaml()}---\n{self.body.rstrip()}\n"
