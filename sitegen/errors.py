"""The one error type users see, and the collector for warnings.

Every user-facing failure is a :class:`SitegenError` that names the file and,
where there is one, the line of the bad input. The CLI prints it as
``path:line: message`` and exits 1.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("sitegen")


class SitegenError(Exception):
    """Bad input: names the file and line so the user can fix it."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        return format_location(self.path, self.line, self.message)


def format_location(path: str | None, line: int | None, message: str) -> str:
    if path is None:
        return message
    if line is None:
        return f"{path}: {message}"
    return f"{path}:{line}: {message}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    message: str
    path: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        return format_location(self.path, self.line, self.message)


@dataclass(slots=True)
class Diagnostics:
    """Warnings gathered during one run; `--strict` turns any of them into a failure.

    Passed explicitly to the stages that can warn, so no stage keeps global state.
    """

    warnings: list[Diagnostic] = field(default_factory=list)

    def warn(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        item = Diagnostic(message, str(path) if path is not None else None, line)
        self.warnings.append(item)
        log.warning("%s", item)

    def extend(self, items: list[Diagnostic]) -> None:
        for item in items:
            self.warnings.append(item)
            log.warning("%s", item)
