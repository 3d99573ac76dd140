"""Raw article pages (copied text, saved HTML, Markdown) -> front-mattered Markdown articles.

``ingest_text`` handles one input in memory; ``run`` reads files/folders/stdin and writes
``content/articles/<slug>.md``. Noise rules are data: see :mod:`sitegen.ingest.rules`.
"""
from __future__ import annotations

from .pipeline import ingest_text, make_slug
from .result import DroppedLine, FrontMatter, IngestResult
from .rules import DEFAULT_RULES, STRUCTURAL_RULES, Rule, compile_rules, describe_rules
from .writer import explain_text, run

__all__ = [
    "DEFAULT_RULES", "STRUCTURAL_RULES", "DroppedLine", "FrontMatter", "IngestResult", "Rule", "compile_rules",
    "describe_rules", "explain_text", "ingest_text", "make_slug", "run",
]
