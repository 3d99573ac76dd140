"""Abbreviation-aware sentence splitting, shared by ingest (titles, ledes) and the merge.

A sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes or brackets) followed by space and a
capital, a digit or an opening quote. A ``.`` does not end one after an abbreviation from
``sitegen/data/abbreviations.txt`` or a single capital initial, unless the next word is a common
sentence starter from ``sitegen/data/sentence_starters.txt`` ("in the U.S. The company" splits,
"U.S. officials" and "Rear Adm. John Mauger" do not). Both lexicons are data; callers extend the
abbreviations with :func:`lexicon`.

Linear time: one regex pass over candidate breaks (no nested quantifiers) and a bounded look at
the word before and after each.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from . import data_lines

# A candidate break: terminal punctuation, closing quotes/brackets, whitespace, then what may start
# a sentence. Group 1 is the whitespace, where the text is cut.
_BREAK = re.compile(r"[.!?][\"'”’)\]]{0,3}(\s+)(?=[\"“‘'(\[]?[A-Z0-9$£€])")
_SEPARATOR = re.compile(r"[\s\"“‘'(\[]")  # what ends the token a dot belongs to, looking back
_WORD_AFTER = re.compile(r"[\"“‘'(\[]?([A-Za-z]{1,20})")
_INITIAL = re.compile(r"[A-Z]")


@dataclass(frozen=True, slots=True)
class Lexicon:
    abbreviations: frozenset[str]  # lower-case, without the final dot
    starters: frozenset[str]  # case-sensitive
    endings: frozenset[str] = field(init=False)  # the last three letters of the abbreviations of three or more

    def __post_init__(self) -> None:
        object.__setattr__(self, "endings", frozenset(a[-3:] for a in self.abbreviations if len(a) >= 3))


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    return Lexicon(frozenset(w.lower() for w in data_lines("abbreviations.txt")),
                   frozenset(data_lines("sentence_starters.txt")))


def lexicon(extra_abbreviations: Iterable[str] = ()) -> Lexicon:
    """The default lexicon, plus a site's own abbreviations (written without the final dot)."""
    base = _default_lexicon()
    extra = frozenset(a.strip().rstrip(".").lower() for a in extra_abbreviations if a.strip())
    return Lexicon(base.abbreviations | extra, base.starters) if extra else base


def split_sentences(text: str, lex: Lexicon | None = None) -> list[str]:
    """The sentences of one paragraph, in order, stripped; text with no break is one sentence."""
    lex = lex or _default_lexicon()
    pieces: list[str] = []
    start = 0
    for match in _BREAK.finditer(text):
        cut = match.start(1)
        if text[match.start()] == "." and _abbreviation_before(text, start, match.start(), lex) \
                and not _starter_after(text, match.end(1), lex):
            continue
        piece = text[start:cut].strip()
        if piece:
            pieces.append(piece)
        start = match.end(1)
    last = text[start:].strip()
    if last:
        pieces.append(last)
    return pieces


def close_quotations(sentences: list[str]) -> list[str]:
    """The sentences of one paragraph, each reading whole: one that starts inside a quotation (a
    sentence before it opened it, or it closes a quotation it never opened) gets the opening mark, one
    that ends inside a quotation gets the closing mark. A quotation of several sentences is then a
    run of quoted sentences, and a sentence taken alone (a claim's text) can neither pass a speaker's
    words for the reporter's nor hide where the words stop. Only double marks count (a ’ is mostly an
    apostrophe); a straight mark opens after a space or at the start, closes elsewhere, and is
    no mark after a digit (6" pipe)."""
    closed: list[str] = []
    open_mark = ""
    for sentence in sentences:
        opening, open_mark = _quotation_ends(sentence, open_mark)
        closed.append(opening + sentence + (_CLOSING[open_mark] if open_mark else ""))
    return closed


_CLOSING = {"“": "”", '"': '"'}
_OPENING = {"”": "“", '"': '"'}


def _quotation_ends(text: str, open_mark: str) -> tuple[str, str]:
    """The opening mark ``text`` lacks (it starts inside a quotation: ``open_mark`` is still open, or
    it closes a quotation before opening one), and the mark of the quotation open at its end."""
    if '"' not in text and "“" not in text and "”" not in text:
        return open_mark, open_mark
    missing = open_mark
    first = True
    for at, char in enumerate(text):
        if char not in '"“”' or (char == '"' and at and text[at - 1].isdigit()):
            continue  # (a straight mark after a digit is inches: 6" pipe)
        opens = char == "“" or (char == '"' and (at == 0 or text[at - 1].isspace() or text[at - 1] in "([—–-"))
        if opens:
            open_mark = "“" if char == "“" else '"'
        elif first and not missing:
            missing = _OPENING[char]  # (it closes what the sentence never opened: it began inside)
        else:
            open_mark = ""
        first = False
    return missing, open_mark


def first_sentence(text: str, lex: Lexicon | None = None) -> str:
    """The first sentence of ``text`` ('' for blank text)."""
    sentences = split_sentences(text, lex)
    return sentences[0] if sentences else ""


def _abbreviation_before(text: str, start: int, dot: int, lex: Lexicon) -> bool:
    last = text[dot - 3:dot] if dot - 3 >= start else ""
    if last.isascii() and last.isalpha() and last.lower() not in lex.endings:
        return False  # (most dots: a word of three letters or more that no abbreviation ends as)
    window = text[max(start, dot - 17):dot]  # no abbreviation is longer than 16 characters
    word = _SEPARATOR.split(window)[-1]
    if not word or len(word) == len(window) == 17:
        return False
    return bool(_INITIAL.fullmatch(word)) or word.lower() in lex.abbreviations


def _starter_after(text: str, position: int, lex: Lexicon) -> bool:
    match = _WORD_AFTER.match(text, position)
    return match is not None and match.group(1) in lex.starters
