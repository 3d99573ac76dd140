"""What an article page may show of another outlet's text: its lede, cut short (see config ``article_pages``).

A quote of the opening, as aggregators show it, is the most of a story a site that does not own it
should publish; the rest stays behind the link to the original.
"""
from __future__ import annotations

import re

EXCERPT_WORDS = 60  # at most this many words of an article's body on its page and in the search index
_MIN_SENTENCE_CUT = 20  # a cut at a sentence end is preferred when it keeps at least this many words

# Blocks that are not running text: headings, lists, quotes, fences, containers, tables, raw HTML.
_NOT_PROSE = re.compile(r"^\s*(#|[-*+] |\d+[.)] |>|```|~~~|:::|\||<)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*_`]+|\\(?=[^\s])")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


def lede(body: str, limit: int = EXCERPT_WORDS) -> str:
    """The first ``limit`` words of the article's running text as plain text (no Markdown), ending at a
    sentence end when one comes late enough, else with an ellipsis."""
    words: list[str] = []
    for block in re.split(r"\n\s*\n", body):
        if not block.strip() or _NOT_PROSE.match(block):
            continue
        words += plain(block).split()
        if len(words) >= limit:
            break
    return clip_words(words, limit)


def plain(markdown: str) -> str:
    """Inline Markdown as the words a reader sees."""
    return _MARKS.sub("", _LINK.sub(r"\1", _IMAGE.sub("", markdown)))


def clip_words(words: list[str], limit: int) -> str:
    if len(words) <= limit:
        return " ".join(words)
    kept = words[:limit]
    for end in range(limit, _MIN_SENTENCE_CUT - 1, -1):
        if _SENTENCE_END.search(kept[end - 1]):
            return " ".join(kept[:end])
    return " ".join(kept) + " …"

