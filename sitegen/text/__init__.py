"""Text utilities shared by the stages (ingest and merge): sentence splitting, and the lines of
the lexicons under sitegen/data."""
from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources


def data_lines(name: str) -> list[str]:
    """The lines of the lexicon ``sitegen/data/<name>``, stripped, without blank lines and ``#`` comments."""
    text = resources.files("sitegen").joinpath("data", name).read_text(encoding="utf-8")
    return [stripped for line in text.splitlines() if (stripped := line.strip()) and not stripped.startswith("#")]


def phrase_alternation(phrases: Iterable[str]) -> str:
    """The phrases of a lexicon as one regex alternation, in the order given, each escaped and any
    space in it matching a run of whitespace (a line break inside a phrase still matches)."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
