"""Article Markdown -> the sentences the merge reasons about, plus the article's FAQ pairs.

Skipped: headings, questions, ``::: opinion`` containers, commentary sections ("X's Take",
"References", ...), boilerplate, tables, images and very short fragments. Inline source tags
("... Source: Reuters.") are cut out of the sentence and kept as attributions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

from . import newsworthy
from .features import STOPWORDS, sentence_words_of
from .hedges import FAQ_HEADING, Lexicon, word_runs
from ..text.sentences import close_quotations, split_sentences


class Sentence(NamedTuple):
    """One sentence of an article (a NamedTuple: made for every sentence, it is three times
    cheaper to build than a frozen dataclass, and as immutable)."""

    article: int  # index of the article in the story's canonical order
    index: int  # type: ignore[assignment]  # position within the article (shadows tuple.index, which no caller asks)
    text: str  # clean text, inline source tags removed
    section: str = ""  # the heading it sits under
    inline_sources: tuple[str, ...] = ()  # names from "Source: X" tags in it
    words: int = 0  # len(text.split()), counted once here
    whole: str = ""  # the sentence this statement was cut from, when it is one clause of several (see statements)


# Where one sentence joins two statements: a semicolon, or ", and"/", but"/", while" before a clause
# with its own subject. Each side must be a statement of its own (MIN_CLAUSE_WORDS words at least).
_JOIN = re.compile(r";\s+|,\s+(?:and|but|while|whereas)\s+(?:that\s+)?")
MIN_CLAUSE_WORDS = 5
MAX_SPLIT_CHARS = 1200  # longer "sentences" are tables or run-together lists: left whole
_LEADING_PRONOUN = re.compile(r"^(?:he|she|it|they|we|i|you|this|that|which|who|its|their|his|her)\b", re.IGNORECASE)


def statements(sentence: Sentence) -> list[Sentence]:
    """A sentence as the statements it joins ("X will return in February, and the capsule will
    return empty" states two facts): each clause with its own subject becomes a statement of its
    own, remembering the whole sentence (quoted as the source's words). A clause that leans on
    the other (a pronoun or no subject), a part without a verb and a join between two items of a
    list ("A, B, and C were found") keep the sentence whole."""
    text = sentence.text
    if (";" not in text and ", " not in text) or len(text) > MAX_SPLIT_CHARS:
        return [sentence]
    cuts = [0]
    for m in _JOIN.finditer(text):
        cuts += [m.start(), m.end()]
    if len(cuts) == 1:
        return [sentence]
    cuts.append(len(text))
    parts = [text[cuts[i]:cuts[i + 1]].strip(" ,;") for i in range(0, len(cuts), 2)]
    if any(_ends_a_series(before, after) or _joins_list_items(before, after)
           for before, after in zip(parts, parts[1:])):
        return [sentence]
    if not all(map(newsworthy.has_finite_verb, parts)):
        return [sentence]  # a part without a verb is a list's item or a subject's, not a clause
    if any(len(p.split()) < MIN_CLAUSE_WORDS or _LEADING_PRONOUN.match(p) or not p[:1].isalpha() for p in parts[1:]):
        return [sentence]
    if len(parts[0].split()) < MIN_CLAUSE_WORDS:
        return [sentence]
    clauses = []
    for part in parts:
        clause = part[0].upper() + part[1:]
        if not clause.endswith((".", "!", "?", '"', "”")):
            clause += "."
        clauses.append(clause)
    # (a join inside a quotation: each clause keeps its marks, the speaker stays with one of them)
    return [sentence._replace(text=clause, words=len(clause.split()), whole=text) for clause in close_quotations(clauses)]


def _ends_a_series(before: str, after: str) -> bool:
    """", and conspiracy to commit Y" after "…, conspiracy to commit X": the last item of a list
    whose items open with the same word, or of a list a colon opens, not a clause of its own."""
    head = after.split(maxsplit=1)[0].lower() if after else ""
    if head and ": " in before and ", " in before.rsplit(": ", 1)[1]:
        return True  # a list a colon opens ("five aboard: A, B, C, and D"): its last item
    return bool(head) and any(item.split(maxsplit=1)[0].lower() == head
                              for item in before.split(", ")[1:] if item)


def _joins_list_items(before: str, after: str) -> bool:
    """"…, Hamish Harding, and Paul-Henri Nargeolet, have been lost": the join links two items of a
    list, not two clauses: neither the item before it nor the one after it has a verb of its own,
    or the item before it is a short one after another ("misleading insurers, lenders, and …")."""
    *earlier, last = before.rsplit(", ", 1)
    if newsworthy.has_finite_verb(last):
        return False
    return (bool(earlier) and _series_item(last)) or not newsworthy.has_finite_verb(after.split(", ", 1)[0])


def _series_item(text: str) -> bool:
    """A few words naming a thing ("lenders", "the harbour master"), not a year ("2024") or a
    phrase of place or time ("on Maui", "in June") that ends a clause."""
    words = text.split()
    return len(words) <= SERIES_ITEM_WORDS and words[0].lower() not in STOPWORDS and any(c.isalpha() for c in text)


SERIES_ITEM_WORDS = 4  # a verbless item this short after a comma is one of a series


@dataclass(frozen=True, slots=True)
class FaqPair:
    article: int
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class ParsedBody:
    sentences: tuple[Sentence, ...]
    faq: tuple[FaqPair, ...]
    all_text: str  # every kept line incl. FAQ answers, for date/number disputes and attributions
    word_runs: frozenset[str] = frozenset()  # hedges.word_runs of the claim candidates (a superset of the sentences')
    words: tuple[tuple[str, ...], ...] = ()  # each sentence's features.sentence_words, found once for the story
    distinct_words: frozenset[str] = frozenset()  # every such word of the story's claim candidates (a superset)


# no brackets inside the label or URL: an attempt from each '[' stops at the next one (linear on a
# line of them); no spaces in the URL
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^\s)\[\]]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_HTML_TAG = re.compile(r"<[^>]+>")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SOURCE_TAG = re.compile(r"(?<!\s)\s*\bSource:\s*([A-Z][\w.&'’ -]{1,40}?)(?=\s*(?:,\s*Source:|[.;)]|$))")
MIN_WORDS = 5


def clean_inline(text: str) -> str:
    """Markdown inline syntax -> plain text."""
    # each substitution is skipped when the character its every match needs is absent
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    if "*" in text or "_" in text or "`" in text:
        text = _EMPHASIS.sub("", text)
    # every whitespace character but " " is unprintable: text already single-spaced is returned as is
    if text.isprintable() and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text
    return " ".join(text.split())  # = \s+ -> " " then strip(): both use str.isspace's whitespace


def without_dateline(paragraph: str) -> str:
    """The paragraph without the dateline it opens on ("PORTLAND, Ore. (Wire) — ", "OSLO, Jan 6
    (Wire) - ", "OSLO — "): where and by whom it was filed is no part of its first sentence."""
    head = paragraph[:_DATELINE_REACH]
    if not head[:2].isupper() or not any(dash in head for dash in "-—–"):
        return paragraph  # (most paragraphs open on no capital word, or hold no dash near their start)
    match = _DATELINE.match(paragraph)
    return paragraph[match.end():] if match else paragraph


_DATELINE_REACH = 80
# a place in capitals ("PORTLAND", "SEATTLE/WASHINGTON"), then a state or country ("Ore.", "Hawaii"),
# a day ("Jan 6") and the agency in brackets, each optional but for a dash and a capital after it;
# a place alone needs four capitals ("OSLO —"), so a sentence opening on an acronym and a dash stays
_DATELINE = re.compile(
    r"(?<![\w'’.])(?:[A-Z][A-Z'’.]++(?:[ /-][A-Z][A-Z'’.]++){0,3}+)"  # (one attempt per run of capitals)
    r"(?:(?:,\s*+[A-Z][A-Za-z.]*+(?!\s\d)(?:\s[A-Z][A-Za-z.]*+(?!\s\d))?+)?+(?:,?\s++[A-Z][a-z]{2,8}+\.?\s\d{1,2}+)?+"
    r"\s*+\([A-Z][^()]{0,30}+\)|(?<=[A-Z]{4})|,\s*+[A-Z][A-Za-z.]*+(?:\s[A-Z][A-Za-z.]*+)?+)"
    r"\s*+[-–—]++\s*+(?=[A-Z“\"])")


def strip_source_tags(text: str) -> tuple[str, tuple[str, ...]]:
    if "Source:" not in text:  # every tag holds it; most sentences have none
        return text, ()
    names = tuple(m.group(1).strip() for m in _SOURCE_TAG.finditer(text))
    if not names:
        return text, ()
    stripped = _SOURCE_TAG.sub("", text).strip()
    # each run starts one attempt (the lookbehinds), not one per character of a long run
    stripped = re.sub(r"(?<!\s)\s+([.,;)])", r"\1", stripped).rstrip(",;: ")
    stripped = re.sub(r"(?<![,;])[,;]+\)", ")", stripped)
    stripped = re.sub(r"(?<![,;:])[,;:]+\.$", ".", stripped)
    if stripped and stripped[-1] not in ".!?":
        stripped += "."
    return stripped, names


_MARKUP_STARTS = frozenset(":|!#-*+•> ")  # first characters of the lines that are not plain paragraph text


def _paragraphs(body: str) -> list[tuple[str, str, int]]:
    """(kind, text, heading level) blocks: kind is heading, para, bullet, opinion-skipped lines dropped."""
    blocks: list[tuple[str, str, int]] = []
    in_opinion = False
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            blocks.append(("para", " ".join(buffer), 0))
            buffer.clear()

    for raw in body.splitlines():
        line = raw.strip()
        # most lines are blank or plain paragraph text: those two are settled first
        if not line:
            if not in_opinion:
                flush()
            continue
        first = line[0]
        if not in_opinion and first not in _MARKUP_STARTS and not first.isdecimal():
            buffer.append(line)  # (lstrip("> ") would change nothing: the line starts with neither)
            continue
        if first == ":" and line.startswith(":::"):
            flush()
            in_opinion = bool(re.match(r":::\s*\w", line)) and not in_opinion
            continue
        if in_opinion:
            continue
        if not line or line.startswith("|") or line.startswith("!["):
            flush()
            continue
        # (the line is stripped, so a heading starts with "#" and a bullet with its marker or a digit)
        heading = _HEADING.match(line) if line[0] == "#" else None
        if heading:
            flush()
            blocks.append(("heading", clean_inline(heading.group(2)), len(heading.group(1))))
            continue
        bullet = _BULLET.match(line) if line[0] in "-*+•" or line[0].isdecimal() else None
        if bullet:
            flush()
            blocks.append(("bullet", line[bullet.end():], 0))  # (the pattern is anchored: one match at most)
            continue
        buffer.append(line.lstrip("> "))
    flush()
    return blocks


# Claims come from news text; past this many sentences an article is a document dump, and pairwise
# comparison across articles would cost quadratic time for no better claims.
MAX_SENTENCES = 400


class _Draft(NamedTuple):
    """One article's parse before the boilerplate test, which runs over the whole story at once."""

    article: int
    candidates: list[tuple[str, str, tuple[str, ...], int]]  # (text, section, source tags, words)
    faq: tuple[FaqPair, ...]
    all_text: str


def parse_body(article_index: int, body: str, lexicon: Lexicon) -> ParsedBody:
    """Walk the Markdown blocks, tracking sections; FAQ sections become question/answer pairs."""
    return _finish([_draft(article_index, body, lexicon)], lexicon)[0]


def parse_bodies(bodies: list[str], lexicon: Lexicon) -> list[ParsedBody]:
    """:func:`parse_body` of each of one story's bodies (article ``i`` is ``bodies[i]``), with the
    word tokens and word runs found once for all their sentences together."""
    return _finish([_draft(i, body, lexicon) for i, body in enumerate(bodies)], lexicon)


LOOSE_ANSWER_PARAGRAPHS = 2  # the answer of a question heading outside an FAQ section: its first paragraphs


def _draft(article_index: int, body: str, lexicon: Lexicon) -> _Draft:
    candidates: list[tuple[str, str, tuple[str, ...], int]] = []  # (text, section, source tags, words)
    seen_sentences: set[str] = set()  # a sentence repeated in one article supports a claim once
    faq: list[FaqPair] = []
    kept_text: list[str] = []
    section, skip_level, in_faq = "", 0, False
    question: str | None = None
    answer: list[str] = []

    def close_question() -> None:
        nonlocal question
        # a question heading outside an FAQ section heads an explainer's section: a pair only when
        # its answer is reporting, not the writer talking to the reader
        if question and answer and (in_faq or not newsworthy.commentary(" ".join(answer))):
            faq.append(FaqPair(article_index, question, clean_inline(" ".join(answer))))
        question = None
        answer.clear()

    for kind, text, level in _paragraphs(body):
        if kind == "heading":
            if in_faq and level > 2:
                close_question()
                question = text
                continue
            close_question()
            in_faq = bool(FAQ_HEADING.match(text))
            section = text
            skip_level = level if lexicon.is_skipped_section(text) else 0
            if not in_faq and not skip_level and text.rstrip().endswith("?"):
                question = text  # a question heading anywhere opens a Q&A pair; its answer stays news text
            continue
        if skip_level:
            continue
        plain = clean_inline(text)
        if in_faq:
            if question:
                answer.append(plain)
                kept_text.append(plain)
            continue
        kept_text.append(plain)
        if question and len(answer) < LOOSE_ANSWER_PARAGRAPHS:
            answer.append(plain)
        pieces = split_sentences(without_dateline(plain))
        if '"' in plain or "“" in plain or "”" in plain:  # (only double marks open or close a quotation)
            pieces = close_quotations(pieces)
        for piece in pieces:
            if "Source:" in piece:
                cleaned, tags = strip_source_tags(piece)
            else:
                cleaned, tags = piece, ()
            if cleaned in seen_sentences:
                continue
            seen_sentences.add(cleaned)
            # a piece of clean_inline's text has single spaces between words and none at its ends
            words = len(cleaned.split()) if tags else cleaned.count(" ") + 1
            # a claim sentence states something in enough words; boilerplate is tested below, in bulk
            if not cleaned.endswith("?") and words >= MIN_WORDS:
                candidates.append((cleaned, section, tags, words))
    close_question()
    return _Draft(article_index, candidates, tuple(faq), "\n".join(kept_text))


def _finish(drafts: list[_Draft], lexicon: Lexicon) -> list[ParsedBody]:
    """Drop boilerplate candidates and number the sentences, article by article. Boilerplate is
    tested once all candidates are known, so the lexicon can skip keys none holds: the word runs
    of all the story's candidates are a superset of any one article's, which only keeps a key or
    two more (every key is a pre-check: the pattern decides)."""
    texts = [candidate[0] for d in drafts for candidate in d.candidates]
    words = sentence_words_of(texts)
    distinct = frozenset(chain.from_iterable(words))
    runs = word_runs(texts, distinct)
    boilerplate = iter(lexicon.boilerplate_flags(texts, runs))
    tokens = iter(words)
    parsed = []
    for d in drafts:
        sentences: list[Sentence] = []
        sentence_words: list[tuple[str, ...]] = []
        for (text, section, tags, count), furniture, text_words in zip(d.candidates, boilerplate, tokens):
            if furniture or len(sentences) == MAX_SENTENCES:  # (the iterators still advance past the rest)
                continue
            # (tuple.__new__: the NamedTuple without its Python-level __new__, made for every sentence)
            sentences.append(tuple.__new__(Sentence, (d.article, len(sentences), text, section, tags, count, "")))
            sentence_words.append(text_words)
        parsed.append(ParsedBody(tuple(sentences), d.faq, d.all_text, runs, tuple(sentence_words), distinct))
    return parsed
