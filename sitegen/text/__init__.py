"""Text utilities shared by the stages (ingest and merge): sentence splitting, and the lines of
the lexicons under sitegen/data."""
from __future__ import annotations

from importlib import resources


def data_lines(name: str) -> list[str]:
    """The lines of the lexicon ``sitegen/data/<name>``, stripped, without blank lines and ``#`` comments."""
    text = resources.files("sitegen").joinpath("data", name).read_text(encoding="utf-8")
    return [stripped for line in text.splitlines() if (stripped := line.strip()) and not stripped.startswith("#")]
