"""Plain text -> numbered lines, and the small line tests the other ingest modules share."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Invisible or odd spaces that copy/paste leaves in page text.
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
# A word a printed page wrapped at its line end ("Thurs\u2010 day"): the typographic hyphen U+2010
# then a space inside a word. Joined; an ASCII "-" is left alone ("pre- and post-war" is prose).
_WRAPPED_WORD = re.compile(r"(?<=[^\W\d_])\u2010 (?=[a-z])")
BULLET = re.compile(r"^(?:[-*+•·▪●◦‣–—►▶▸→✓✔✅🔹🔸]|\d{1,2}[.)])(?:\s+|$)")
BARE_BULLET = re.compile(r"^(?:[-*+•·▪●◦‣–—►▶▸→]|\d{1,2}[.)])$")
SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]?\s+[\"'“‘(]?[A-Z0-9]")
URL = re.compile(r"https?://[^\s)\]>\"']+")


@dataclass(frozen=True, slots=True)
class Line:
    no: int  # 1-based line number in the input
    text: str  # stripped, with odd spaces normalised


def split_lines(text: str) -> list[Line]:
    """Numbered, stripped lines; a bullet marker alone on its line is joined to the next line."""
    raw = text.split("\n")
    lines: list[Line] = []
    pending_bullet: Line | None = None
    for number, value in enumerate(raw, start=1):
        value = _INVISIBLE.sub("", _SPACES.sub(" ", value)).strip()
        if "\u2010 " in value:
            value = _WRAPPED_WORD.sub("", value)
        if pending_bullet is not None:
            if value:
                lines.append(Line(number, f"- {value}"))
                pending_bullet = None
                continue
            lines.append(pending_bullet)
            pending_bullet = None
        if BARE_BULLET.match(value):
            pending_bullet = Line(number, value)
            continue
        lines.append(Line(number, value))
    if pending_bullet is not None:
        lines.append(pending_bullet)
    return lines


def word_count(text: str) -> int:
    return len(text.split())


def is_list_item(text: str) -> bool:
    return bool(BULLET.match(text)) and not re.match(r"^\d{1,2}[.)]\d", text)


def heading_shaped(text: str) -> bool:
    """Short, one phrase, no closing period: looks like a heading if a paragraph follows it."""
    if not text or text.startswith(("#", ">", "|", "[", "(")) or is_list_item(text):
        return False
    words = word_count(text)
    if not 1 <= words <= 14 or len(text) > 110:
        return False
    if text[-1] in ".,;" or text.endswith("...") or text.endswith("…"):
        return False
    if SENTENCE_BREAK.search(text) or URL.search(text):
        return False
    first = text.lstrip("\"'“‘")[:1]
    return first.isupper() or first.isdigit()


def is_paragraph(text: str, min_words: int = 10) -> bool:
    return word_count(text) >= min_words and not is_list_item(text)


def is_news_paragraph(text: str) -> bool:
    """A line that reads as a paragraph of news: 20+ words, not a list item, ending a sentence."""
    return word_count(text) >= 20 and not is_list_item(text) and text.rstrip()[-1:] in ".!?\"”’)…"


def normalise_key(text: str) -> str:
    """Comparison key for duplicate detection: case and punctuation-insensitive."""
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()
