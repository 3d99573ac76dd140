"""Noise inside a line: the line stays, a fragment of it goes (and is recorded for --explain).

- a date glued to the start of one of the first lines ("date 2026-03-01 The council voted ...")
  or to the end of a headline ("Council votes to close the pier 1 Mar 2026"): it is a dateline,
  it becomes front-matter ``published``;
- a dateline prefix naming a place or an outlet before a dash ("Springfield (Wire) — The council");
  the outlet in it is offered as the outlet;
- footnote markers glued to words or sentence ends ("the river.[3]"), stray "//" and ". ." left by
  copy and paste;
- sentences matched by a ``sentence``-scoped rule (calls to action, notes about the page itself);
- an unfinished last sentence where the page was cut off mid-sentence.

Every pattern here is linear: character classes with bounded repeats, no nested quantifiers.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..text.sentences import split_sentences
from .dates import DATE_PATTERN, find_date, spoken_of
from .result import DroppedLine
from .rules import CompiledRule
from .text import Line, is_list_item, word_count

_DATE_LABEL = re.compile(r"(?i)^(?:date|published|posted|updated|on)\s{0,3}:?\s{0,3}")
_FOOTNOTE = re.compile(r"(?<=[\w.!?,;:\"”’)])\[\d{1,3}\]")
_STRAY = re.compile(r"(?<=[.!?])\s{1,3}(?://|\.)(?=\s|$)")
# Tag or link residue glued to text: a run of lower case then an upper-case word ('rivertidesLINK').
_RESIDUE = re.compile(r"(?:^|(?<=[\s.!?]))[a-z]{5,40}[A-Z]{3,10}$")
# Two sentences glued without a space after the full stop: 'in the browser.US officials said'.
_GLUED = re.compile(r"[.!?](?=[A-Z]{2,6}\s)")
# "Springfield, Ill. (Wire) —", "(Wire) –", "Newsroom —": a short capitalised prefix, then a dash.
_DATELINE_PREFIX = re.compile(r"^(?P<prefix>(?:[A-Z][\w.'’&-]{0,30},?\s){0,4}(?:\([A-Z][\w .&'’-]{1,30}\)|"
                              r"[A-Z][\w.'’&-]{0,30}))\s{0,2}[—–-]{1,2}\s{1,2}(?=[A-Z\"“])")
_PAREN_OUTLET = re.compile(r"\((?P<name>[A-Z][\w .&'’-]{1,30})\)")
MAX_SENTENCE_LINE = 5000  # longer lines are prose through and through; not split
# "UPDATED: The council...", "STORY: A day for ...": an all-caps kicker before a paragraph.
_KICKER = re.compile(r"^[A-Z]{4,12}:\s(?=[\"“A-Z])")
# "... the agency said, with more…": the tail of a teaser that linked to the rest.
_TEASER_TAIL = re.compile(r",?\s(?:with|and|plus|read)\s(?:much\s)?more\s?(?:…|\.\.\.)$")
_TERMINAL = re.compile(r"[.!?…:\"”’)\]]$")


@dataclass(slots=True)
class Edited:
    """Lines after the in-line edits, the fragments cut out, and what the fragments told us."""

    lines: list[Line]
    dropped: list[DroppedLine] = field(default_factory=list)
    published: datetime | date | None = None
    outlet: str | None = None


# "SOURCE-URL: https://..." heads a saved page; it is no line of the page itself, so it does not count among the first.
_URL_LABEL = re.compile(r"(?i)^[a-z][\w -]{0,20}:\s?https?://\S+$")


# 'First published on March 4': the words before the date label it (a dateline, read as one), no headline.
_STAMP_LABEL = re.compile(r"(?i)\b(?:published|updated|posted|dated?|on|at)\s{0,3}:?\s{0,3}$")
MIN_TEXT_AFTER_DATE = 4  # words of text glued after a leading date that make it a line of its own
MAX_HEADLINE_WORDS = 30  # a headline and the stamp glued to it; a longer line is prose or an embed


def edit_top(lines: list[Line], first: int = 4) -> Edited:
    """Glued dates and dateline prefixes in the first non-empty lines (a masthead, a section line, the
    headline and the byline come before the lede)."""
    out = Edited(list(lines))
    seen = 0
    for index, line in enumerate(out.lines):
        if not line.text or _URL_LABEL.match(line.text):
            continue
        seen += 1
        if seen > first:
            break
        text = _glued_date(line, index, out)
        text = _dateline_prefix(line.no, text, out)
        text = _kicker(line.no, text, out)
        if text != line.text:
            out.lines[index] = Line(line.no, text)
    return out


def _glued_date(line: Line, index: int, out: Edited) -> str:
    text = line.text
    label = _DATE_LABEL.match(text)
    start = label.end() if label else 0
    hit = find_date(text[start:start + 60])
    if hit is not None and hit.start == 0 and start + hit.end < len(text):
        rest = text[start + hit.end:].lstrip(" ·•|,-–—/")
        # a rest after a dateline's separator ('· Outlet · Original source') or a short one ('3 min read') is the
        # dateline's own: find_dateline reads it whole
        separated = any(ch in "·•|/" for ch in text[start + hit.end:len(text) - len(rest)])
        if rest and (label or word_count(rest) >= MIN_TEXT_AFTER_DATE and not separated) and out.published is None:
            out.published = hit.value
            out.dropped.append(DroppedLine(line.no, text[:len(text) - len(rest)].strip(), "date-prefix"))
            return rest
    if 4 <= word_count(text) <= MAX_HEADLINE_WORDS and out.published is None and not _TERMINAL.search(text):
        suffix = _date_suffix(text)
        if suffix is not None:
            cut, value = suffix
            out.published = value
            out.dropped.append(DroppedLine(line.no, text[cut:].strip(), "date-suffix"))
            return text[:cut].rstrip(" ·•|,-–—")
    return text


# What may come between a headline and the date stamped after it: a label, a time and zone, a weekday
# ('... officials saysUpdated 7:25 PM EST, Tue March 4, 2025'). Every part is bounded, so a search is linear.
_STAMP_LEAD = re.compile(r"(?i)(?:(?:last )?(?:updated|published|posted)\s?:?\s{0,2})?"
                         r"(?:\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)?\s?(?-i:[A-Z]{2,4}\b)?\s?,?\s{0,2})?"
                         r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s{0,2})?$")
STAMP_SPAN = 80  # characters at the end of a line where a stamp is looked for


def _date_suffix(text: str) -> tuple[int, datetime | date] | None:
    """Where a date stamp at the end of a headline starts, and its date; None when the line does not end in
    one, or what is left before it is no headline (under three words, or a label: 'First published on')."""
    offset = max(0, len(text) - STAMP_SPAN)
    tail = text[offset:]
    for match in DATE_PATTERN.finditer(tail):
        if match.end() != len(tail) or match.start() == 0:
            continue
        hit = find_date(match.group(0))
        lead = _STAMP_LEAD.search(tail, 0, match.start())
        start = offset + (lead.start() if lead else match.start())
        head = text[:start]
        if hit is None or not _stamp_starts_apart(text, start) or word_count(head) < 3 or spoken_of(head) \
                or _STAMP_LABEL.search(head):
            return None
        return start, hit.value
    return None


def _stamp_starts_apart(text: str, start: int) -> bool:
    """The stamp at ``start`` is not part of the word before it: a space or a separator comes first, or it is
    glued to a lower-case letter with a capital or a digit ('... agency saysJanuary 7', '... pier7:25 p.m.'),
    which no word spells."""
    before = text[start - 1]
    return before in " |·•,–—-" or before.islower() and (text[start].isupper() or text[start].isdigit())


# "Springfield, March 3, 2026 - The council ...": a place, a date, a dash; the date is the dateline's.
# a word is taken whole (possessive) and a place starts where a word starts: linear on a long run of capitals
_PLACE = re.compile(r"(?<![\w.'’&-])(?:[A-Z][\w.'’&-]{0,30}+,?\s){1,4}")


def _place_date(text: str, out: Edited) -> None:
    if out.published is not None:
        return
    hit = find_date(text[:80])
    if hit is not None and _PLACE.fullmatch(text[:hit.start]) and re.match(r"\s{0,2}[—–-]", text[hit.end:]):
        out.published = hit.value


def _dateline_prefix(number: int, text: str, out: Edited) -> str:
    if word_count(text) < 12 or not _TERMINAL.search(text):
        return text  # a dateline opens the lede paragraph, never a headline
    _place_date(text, out)
    match = _DATELINE_PREFIX.match(text)
    if match is None or word_count(match.group("prefix")) > 5:
        return text
    prefix = match.group("prefix")
    outlet = _PAREN_OUTLET.search(prefix)
    if outlet:
        out.outlet = outlet.group("name")
    elif "," not in prefix and word_count(prefix) <= 2 and not prefix.isupper():
        out.outlet = prefix.strip()
    out.dropped.append(DroppedLine(number, match.group(0).strip(), "dateline-prefix"))
    return text[match.end():]


def _kicker(number: int, text: str, out: Edited) -> str:
    match = _KICKER.match(text)
    if match is None or word_count(text) < 8 or not _TERMINAL.search(text):
        return text  # a kicker heads a paragraph; 'WATCH: <headline>' is a promo link, left to the rules
    out.dropped.append(DroppedLine(number, match.group(0).strip(), "kicker-label"))
    return text[match.end():]


# A live blog's entry time glued to the entry's heading ('7:25 p.m.Mayor defends the vote').
_GLUED_TIME = re.compile(r"^(?P<time>\d{1,2}[:.]\d{2}\s?(?:[ap]\.m\.|[AaPp][Mm]\b)?(?:\s?[A-Z]{2,4}\b)?)\s?(?=[A-Z\"“‘'][a-z])")


def split_glued_times(lines: list[Line]) -> list[Line]:
    """An entry time at the start of a line with a capitalised heading or sentence after it becomes a line of
    its own (both keep the input's line number), so the time is the entry's time heading."""
    result: list[Line] = []
    for line in lines:
        match = _GLUED_TIME.match(line.text) if line.text[:1].isdigit() else None
        if match is None:
            result.append(line)
            continue
        result.extend([Line(line.no, match.group("time")), Line(line.no, line.text[match.end():])])
    return result


def strip_markers(lines: list[Line], dropped: list[DroppedLine]) -> list[Line]:
    """Footnote markers and stray punctuation removed from every line."""
    result = []
    for line in lines:
        text = line.text
        if "[" in text:
            text = _FOOTNOTE.sub("", text)
        if "/" in text or ". ." in text:
            text = _STRAY.sub("", text)
        if text != line.text:
            dropped.append(DroppedLine(line.no, _difference(line.text, text), "footnote-marker"))
        tail = _TEASER_TAIL.search(text) if text.endswith(("…", "...")) else None
        if tail:
            dropped.append(DroppedLine(line.no, tail.group(0).strip(" ,"), "teaser-tail"))
            text = text[:tail.start()] + "."
        residue = _RESIDUE.search(text) if text[-1:].isupper() else None
        if residue:
            dropped.append(DroppedLine(line.no, residue.group(0), "id-residue"))
            text = text[:residue.start()].rstrip()
        text = _GLUED.sub(_space_after, text)
        if text != line.text:
            line = Line(line.no, text)
        result.append(line)
    return result


def _space_after(match: re.Match[str]) -> str:
    """'browser.US officials' -> 'browser. US officials' when lower-case letters end the first sentence."""
    before = match.string[max(0, match.start() - 3):match.start()]
    return match.group(0) + " " if len(before) == 3 and before.isalpha() and before.islower() else match.group(0)


def _difference(before: str, after: str) -> str:
    """What was cut, shortly: the markers themselves, or the span between the common start and end."""
    markers = " ".join(m.group(0) for m in _FOOTNOTE.finditer(before))
    if markers:
        return markers
    start = len(os.path.commonprefix([before, after]))
    end = len(os.path.commonprefix([before[start:][::-1], after[start:][::-1]]))
    return before[start:len(before) - end].strip() or before[start:len(before) - end]


# The site speaking of its own coverage: "<Outlet> teams are on the ground", "<Outlet> is on location".
_OWN_COVERAGE = re.compile(r"(?i)\b(?:teams? (?:is|are) on the ground|(?:is|are) on location|on the ground and reporting"
                           r"|reporting (?:live )?from|(?:is|are) covering (?:the|this)|will (?:keep|continue to) update)\b")


def _own_outlet(sentence: str, outlet_key: str | None) -> bool:
    """Does the sentence open with the page's own outlet (its name, letters only, is the domain's)?"""
    if not outlet_key:
        return False
    head = re.sub(r"[^a-z0-9]", "", " ".join(sentence.split()[:3]).lower())
    return head.startswith(outlet_key) and _OWN_COVERAGE.search(sentence) is not None


def drop_sentences(lines: list[Line], rules: tuple[CompiledRule, ...], kept: list[int],
                   dropped: list[DroppedLine], outlet_key: str | None = None) -> list[Line]:
    """Sentences matched by ``sentence``-scoped rules, or the page's outlet describing its own coverage
    (``outlet_key``: the outlet's name in lower-case letters and digits), cut out of kept lines
    (a line left empty goes)."""
    sentence_rules = [r for r in rules if r.scope == "sentence"]
    result = list(lines)
    for index in kept:
        line = result[index]
        if not line.text or len(line.text) > MAX_SENTENCE_LINE:
            continue
        pieces = split_sentences(line.text)
        keep: list[str] = []
        for piece in pieces:
            lower = piece.lower()
            rule = next((r.name for r in sentence_rules if r.search(piece, lower)), None)
            if rule is None and _own_outlet(piece, outlet_key):
                rule = "own-coverage"
            if rule is None:
                keep.append(piece)
            else:
                dropped.append(DroppedLine(line.no, piece, rule))
        if len(keep) != len(pieces):
            result[index] = Line(line.no, " ".join(keep))
    return result


def cut_unfinished_ending(lines: list[Line], kept: list[int], dropped: list[DroppedLine]) -> list[Line]:
    """The page's last paragraph cut off mid-sentence: drop the unfinished sentence, or when the paragraph
    is that one sentence, its last (probably cut) word, marking the cut with an ellipsis."""
    last = next((i for i in reversed(kept) if lines[i].text), None)
    if last is None:
        return lines
    line = lines[last]
    text = line.text
    if _TERMINAL.search(text) or is_list_item(text) or text.startswith(("#", "|", ">")) or word_count(text) < 6:
        return lines
    pieces = split_sentences(text)
    result = list(lines)
    if len(pieces) == 1 and word_count(text) < 12:
        return lines  # a short last line without a full stop is more likely a heading or a label than a cut
    if len(pieces) > 1:
        dropped.append(DroppedLine(line.no, pieces[-1], "unfinished-ending"))
        result[last] = Line(line.no, " ".join(pieces[:-1]))
    else:
        head, _, cut = text.rstrip().rpartition(" ")
        dropped.append(DroppedLine(line.no, cut, "unfinished-ending"))
        result[last] = Line(line.no, head.rstrip(" ,;:-–—") + " …")
    return result
