"""What a sentence is about: content words (stemmed, synonyms folded), names, numbers and dates.

Dates are resolved against the article's publish date ("July 10" in an article of 3 July 2026
means 2026-07-10; "just yesterday" means the day before publication).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import repeat
from typing import NamedTuple, Sequence

MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
MONTH_PREFIXES = tuple(sorted({m[:3] for m in MONTHS}))  # every spelling in MONTHS opens on one of these


def may_name_a_month(text: str) -> bool:
    """False when ``text`` names no month (MONTHS, in any case): a cheap test before a month's
    pattern is searched. Non-ASCII text may: some of its letters match ASCII ones under IGNORECASE."""
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(p in lowered for p in MONTH_PREFIXES)

STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from as into onto over under about after before between
through during without within than then that this these those it its it's is are was were be been being has
have had do does did not no nor so such too very can will just also more most other some any each all both
which who whom whose what when where why how there here their them they he she his her him i we you our your
us me my one up out off again further once only own same s t said says say says according while amid
""".split())

# Folding paraphrase vocabulary onto one stem lets "bars staff" meet "bans employees".
SYNONYMS: dict[str, str] = {
    "prohibit": "ban", "bar": "ban", "forbid": "ban", "restrict": "ban", "restriction": "ban", "block": "ban",
    "outlaw": "ban", "stop": "ban", "purg": "ban", "prohibition": "ban",
    "employe": "staff", "employee": "staff", "worker": "staff", "personnel": "staff", "workforce": "staff",
    "fake": "fraudulent", "bogus": "fraudulent", "false": "fraudulent",
    "remov": "uninstall", "delet": "uninstall", "migrat": "move", "switch": "move",
    "extract": "distill", "distillation": "distill", "harvest": "distill", "scrap": "distill",
    "accus": "allege", "alleg": "allege", "claim": "allege",
    "begin": "start", "effective": "start", "commenc": "start",
    "vulnerability": "risk", "vulnerabilit": "risk", "threat": "risk", "danger": "risk",
    "concern": "risk", "flaw": "defect", "weakness": "defect", "firm": "company", "giant": "company",
    "workplace": "work", "corporate": "work", "internal": "work", "internally": "work", "office": "work",
    # common news paraphrase (issue 18): one stem per way of saying it
    "unmanned": "uncrew", "crewless": "uncrew", "biggest": "largest", "killed": "die", "kill": "die",
    "dead": "die", "died": "die", "perish": "die", "perished": "die", "fatal": "die", "level": "destroy",
    "leveled": "destroy", "levelled": "destroy", "raz": "destroy", "flatten": "destroy", "destroy": "destroy",
}

_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?")  # (one letter, or letters to the last one of a run)
_CAMEL = re.compile(r"[a-z][A-Z]")
# A capitalised run at a word start (group 1) and the two characters before it (group 2): "\b[A-Z]" is
# written as a capital not preceded by a word character, so the pattern opens with a character
# class and the engine jumps from capital to capital. Searched in ": " + text, so that two
# characters precede every run.
_CAPITALISED = re.compile(r"([A-Z](?<!\w[A-Z])(?<=(?s:(..))[A-Z])[\w&’'.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w&’'.-]*)*)")
_SENTENCE_OPENERS = (".", "!", "?", ":", "“", '"')
_NUMBER = re.compile(
    r"(?P<cur>[$€£¥])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>million|billion|trillion|thousand|bn|mn|m|b|k|tn)\b)?(?:\s?(?P<pct>%|percent|per cent))?"
    r"(?P<unit>(?:\s+[A-Za-z][\w-]*){0,3})")
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
           "trillion": 1e12, "tn": 1e12}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
# Every month name and early/mid/late has three letters or more: the lookahead lets a word boundary before a
# shorter word fail at once instead of trying each month (0.48 -> 0.05 s on a megabyte of "a-b ").
_DATE_MDY = re.compile(rf"\b(?=[a-z]{{3}})(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?",
                       re.IGNORECASE)
_DATE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_RE})\.?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE)
_DATE_MY = re.compile(rf"\b(?=[a-z]{{3}})(?:(?P<part>early|mid|late)[\s-]+)?(?P<month>{_MONTH_RE})\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_DATE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/](?P<month>\d\d)[-/](?P<day>\d\d)\b")
_RELATIVE = {"yesterday": -1, "today": 0, "tomorrow": 1, "last week": -7, "next week": 7}
_RELATIVE_RE = re.compile(r"\b(yesterday|today|tomorrow|last week|next week)\b", re.IGNORECASE)
_RELATIVE_KEYS = ("yesterday", "today", "tomorrow", "week")  # lower-case literals of every relative match
_DIGIT = re.compile(r"\d")


def has_digit(text: str) -> bool:
    """``_DIGIT.search(text)``; in ASCII text the digits are 0-9, and ten substring tests (each a
    memchr) beat the regex trying ``\\d`` at every position of a long text (spelt out: a generator
    over the digits cost three times the tests, 3.9 against 1.1 us on a sentence)."""
    if text.isascii():
        return ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text or "5" in text
                or "6" in text or "7" in text or "8" in text or "9" in text)
    return _DIGIT.search(text) is not None


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    month: int
    day: int | None  # None: month precision
    year: int | None  # as written (None when the text leaves it out)
    resolved: date | None  # the full date after resolving against the publish date

    @property
    def month_day(self) -> tuple[int, int | None]:
        return (self.month, self.day)

    def iso(self) -> str:
        if self.resolved is None:
            return ""
        return self.resolved.isoformat() if self.day else self.resolved.isoformat()[:7]


@dataclass(frozen=True, slots=True)
class NumberMention:
    text: str
    value: float
    unit: str  # "$", "%", or the first content word after the number ("accounts")
    approximate: bool
    precision: float  # half of the last written digit's place, in the value's units


class Features(NamedTuple):
    """What one sentence is about (a NamedTuple, like Sentence: one is made per sentence)."""

    stems: tuple[str, ...]
    names: frozenset[str]
    numbers: tuple[NumberMention, ...]
    dates: tuple[DateMention, ...]
    subject: str | None = None  # the first name in the sentence: who it is about


SUBJECT_WINDOW = 4  # a name this close to the start is the sentence's grammatical subject


def subject_of(text: str, vocabulary: frozenset[str]) -> str | None:
    return subject_in(_WORD.findall(text), vocabulary)


def subject_in(words: Sequence[str], vocabulary: frozenset[str]) -> str | None:
    """:func:`subject_of` for the text's ``_WORD`` tokens (callers tokenise a sentence once)."""
    for w in words[:SUBJECT_WINDOW]:
        if w[0].isupper():  # (tested first: most words are lower case, and both tests are pure)
            key = _name_key(w)
            if key in vocabulary:
                return key
    return None


@lru_cache(maxsize=1 << 16)  # pure function of one word, asked for every word of every sentence
def _name_key(word: str) -> str:
    """A word as the vocabulary of names spells it: lower case, no possessive, no edge quotes."""
    return word.lower().removesuffix("'s").removesuffix("’s").strip("'’.")


@lru_cache(maxsize=1 << 16)  # pure function of one word: memoised because it runs on every word of every article
def stem(word: str) -> str:
    """A deliberately crude suffix stripper plus the synonym fold: enough for news paraphrase."""
    w = word.lower().strip("'’-").replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in SYNONYMS:
        return SYNONYMS[w]
    for suffix in ("ations", "ation", "ingly", "ings", "ing", "edly", "ies", "ied", "es", "ed", "ly", "s"):
        if len(w) > len(suffix) + 2 and w.endswith(suffix):
            w = w[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    if w in SYNONYMS:
        return SYNONYMS[w]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]  # "fine"/"fined", "rule"/"ruled" meet
    return SYNONYMS.get(w, w)


def content_stems(text: str) -> tuple[str, ...]:
    return stems_in(_WORD.findall(text))


def stems_in(words: list[str]) -> tuple[str, ...]:
    """:func:`content_stems` for the text's ``_WORD`` tokens."""
    return tuple(filter(None, map(_content_stem, words)))


@lru_cache(maxsize=1 << 16)  # pure function of one word: the stopword tests run once per distinct word
def _content_stem(word: str) -> str | None:
    """The word's stem if it is a content word, else None."""
    if word.lower() in STOPWORDS:
        return None
    s = stem(word)
    return s if s and s not in STOPWORDS and len(s) > 1 else None


def name_candidates(text: str) -> set[str]:
    """Capitalised runs that do not start the sentence: the story's vocabulary of names."""
    names: set[str] = set()
    # the ": " put in front reads as a sentence start, as the start of the text does, and strips
    # to the first character for a run one character in, as the one character before it does
    for run, before in _CAPITALISED.findall(": " + text):
        if before == ": " or before.strip() in _SENTENCE_OPENERS:  # the run starts a sentence
            first = run.split(None, 1)[0]
            # a sentence-initial word is a name only when its shape says so ("ZipRide", "NASA");
            # a capital followed by lower case only ("Measured", the usual case) has neither shape
            if first[1:].islower():
                continue
            if _CAMEL.search(first) or (first.isupper() and len(first) > 1):
                names.update(_name_parts(first))
            continue
        names.update(_name_parts(run))
    return names


def names_in_sentences(texts: list[str]) -> set[str]:
    """The union of :func:`name_candidates` over ``texts``, in one pass over them joined by ": ".

    No capitalised run crosses the ":", a run right after it counts as sentence-initial as one
    at the start of a text does, and the two characters before a run one character into a text
    strip to that text's first character either way: so every text yields the same names.
    Left out: texts with no capital after a first capital-and-small-letter opening ("Officials
    said ..."), most sentences, which can name nothing (the one run, sentence-initial, is a
    capitalised word)."""
    # (left out: the second character is a small letter and none after it is a capital)
    return name_candidates(": ".join([t for t in texts if not (t[1:2].islower() and t[1:].islower())]))


def _name_parts(run: str) -> list[str]:
    words = [w.strip(".'’").removesuffix("'s").removesuffix("’s") for w in run.split()]
    words = [w for w in words if w and w.lower() not in STOPWORDS and w.lower() not in MONTHS]
    return [w.lower() for w in words]


def sentence_words(text: str) -> list[str]:
    """The word tokens :func:`content_stems`, :func:`names_in` and :func:`subject_of` work on."""
    return _WORD.findall(text)


# every ASCII character but the letters, the apostrophe, the hyphen and the line break -> a space
_NOT_WORD_LETTER = str.maketrans({c: " " for c in map(chr, range(128)) if not (c.isalpha() or c in "'-\n")})


def sentence_words_of(texts: list[str]) -> list[tuple[str, ...]]:
    """:func:`sentence_words` of each text (as tuples), in one pass over them all when it can be
    done without the regex: in ASCII text with no apostrophe or hyphen a token is a maximal run of
    letters, so the texts are joined by line breaks, every other non-letter becomes a space, and
    each line splits at the spaces. Tuples, not lists: they are kept while the story's features are
    built, and the garbage collector stops looking into a tuple of strings (it keeps scanning lists)."""
    if not texts:
        return []
    joined = "\n".join(texts)
    if (joined.isascii() and "'" not in joined and "-" not in joined
            and joined.count("\n") == len(texts) - 1):  # (no text holds a line break of its own)
        return [tuple(line.split()) for line in joined.translate(_NOT_WORD_LETTER).split("\n")]
    return [tuple(_WORD.findall(text)) for text in texts]


def names_in(text: str, vocabulary: frozenset[str]) -> frozenset[str]:
    return names_among(_WORD.findall(text), vocabulary)


def names_among(words: list[str], vocabulary: frozenset[str]) -> frozenset[str]:
    """:func:`names_in` for the text's ``_WORD`` tokens. The names are put in in word order, as
    :func:`sentence_features` puts them in, so the frozensets iterate in the same order too."""
    return frozenset(filter(vocabulary.__contains__, map(_name_key, words)))


class WordTable(NamedTuple):
    """Per-word answers for one story's words, looked up in dicts instead of asked per word."""

    stem: dict[str, str | None]  # _content_stem of each word
    name_key: dict[str, str]  # _name_key of each word
    name_words: frozenset[str]  # the words whose name key is in the story's vocabulary of names
    subject_key: dict[str, str]  # the name key of each of those words that is capitalised (can be a subject)


def word_table(words: set[str], vocabulary: frozenset[str]) -> WordTable:
    """The table for ``words`` (every distinct sentence_words token of a story)."""
    name_key = {w: _name_key(w) for w in words}
    name_words = frozenset(w for w, key in name_key.items() if key in vocabulary)
    return WordTable({w: _content_stem(w) for w in words}, name_key, name_words,
                     {w: name_key[w] for w in name_words if w[0].isupper()})


def sentence_features(texts: list[str], vocabulary: frozenset[str], published: datetime | None,
                      context_year: int | None, scan: bool = True,
                      words: Sequence[Sequence[str]] | None = None, table: WordTable | None = None) -> list[Features]:
    """The Features of each of one article's sentences, built one kind at a time over all of them
    (so the per-word work runs in C maps); the same values as stems_in, names_among, numbers_in,
    dates_in and subject_in give sentence by sentence. ``scan=False``: the article's text can
    hold no figure or date, so none is looked for. ``words``: the texts' :func:`sentence_words`,
    when the caller has them already; ``table``: a word_table holding every one of those words
    (for this vocabulary), so that each word's stem and name key are dict lookups."""
    words = list(map(_WORD.findall, texts)) if words is None else words
    contains = vocabulary.__contains__
    if table is None:
        stems = [tuple(filter(None, map(_content_stem, w))) for w in words]
        names = [frozenset(filter(contains, map(_name_key, w))) for w in words]  # as names_among builds it
    else:
        stem, key, named = table.stem.__getitem__, table.name_key.__getitem__, table.name_words.__contains__
        stems = [tuple(filter(None, map(stem, w))) for w in words]
        # (the name words' keys: the set names_among builds, the other words' keys never made)
        names = [frozenset(map(key, filter(named, w))) for w in words]
    if table is None:
        subjects = [subject_in(w, vocabulary) if n else None for w, n in zip(words, names)]  # a subject is a name
    else:  # subject_in with the table: the first capitalised word of a name among the first words
        subject = table.subject_key.get
        subjects = [next(filter(None, map(subject, w[:SUBJECT_WINDOW])), None) if n else None
                    for w, n in zip(words, names)]
    numbers: list[tuple[NumberMention, ...]]
    dates: list[tuple[DateMention, ...]]
    if scan:
        numbers = list(map(numbers_in, texts))
        dates = [dates_in(t, published, context_year) for t in texts]
    else:
        numbers, dates = [()] * len(texts), [()] * len(texts)
    # tuple.__new__ makes each NamedTuple without the Python-level __new__ it would call per sentence
    return list(map(tuple.__new__, repeat(Features), zip(stems, names, numbers, dates, subjects)))


MAX_FIGURE_DIGITS = 15


def numbers_in(text: str) -> tuple[NumberMention, ...]:
    if not has_digit(text):
        return ()  # every number match holds a digit; most sentences have none
    mentions: list[NumberMention] = []
    for match in _NUMBER.finditer(text):
        raw = match.group("num")
        if _looks_like_date_part(text, match) or _part_of_a_name(text, match):
            continue
        digits = raw.replace(",", "")
        if len(digits) > MAX_FIGURE_DIGITS:
            continue  # an identifier or garbage, not a figure (and past float's range at 309 digits)
        value = float(digits)
        scale = _SCALES.get((match.group("scale") or "").lower(), 1.0)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        precision = 0.5 * (10 ** -decimals) * scale
        if "," in raw and decimals == 0:
            precision = 0.5 * scale  # "25,000" is exact as written
        unit = _unit(match)
        if not unit:
            continue
        before = text[max(0, match.start() - 25):match.start()].lower()
        approximate = _APPROXIMATE_BEFORE.search(before) is not None
        mentions.append(NumberMention(match.group(0).strip(), value * scale, unit, approximate, precision))
    return tuple(mentions)


def _unit(match: re.Match[str]) -> str:
    """"$", "%", or the head noun after the number: the last word before a stopword or punctuation
    ("1,200 rented scooters will" -> "scooter", so "about 1,200 shared scooters" has the same unit)."""
    if match.group("cur"):
        return match.group("cur")
    if match.group("pct"):
        return "%"
    head = ""
    for word in (match.group("unit") or "").split():
        if word.lower() in STOPWORDS:
            break
        s = stem(word)
        if len(s) > 2:
            head = s
    return head


def _part_of_a_name(text: str, match: re.Match[str]) -> bool:
    """A bare number right after a capitalised word names rather than counts ("Flight 1282", "a
    Boeing 737 Max 9", "Crew-9"): a model or a route shares no fact. Not after a function word
    opening the sentence ("Some 50 cars"), a month or weekday, or a possessive ("Alaska's 65 jets")."""
    if match.group("cur") or match.group("scale") or match.group("pct"):
        return False
    before = _WORD_BEFORE.search(text, 0, match.start("num"))
    if before is None or not before.group(1)[0].isupper():
        return False
    word = before.group(1).lower()
    if before.start() == 0 and (word in STOPWORDS or _APPROXIMATE_BEFORE.search(word)):
        return False  # ("About 50 cars", "Roughly 50 cars": a sentence's first word is capitalised)
    return word not in MONTHS and word not in WEEKDAYS


# the word right before a number, when only a space or a hyphen parts them ("Flight 1282", "Crew-9")
_WORD_BEFORE = re.compile(r"(?<![\w'’&.-])([A-Za-z]++)[\s-]$")  # (searched up to the number: "$" is there)


def _looks_like_date_part(text: str, match: re.Match[str]) -> bool:
    raw = match.group("num")
    if match.group("cur") or match.group("scale") or match.group("pct"):
        return False
    if _YEAR.fullmatch(raw):
        return True
    before = text[max(0, match.start() - 12):match.start()].lower()
    after = text[match.end("num"):match.end("num") + 12].lower()
    spaced = after.lstrip()
    return bool(_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(spaced) or _ORDINAL_AFTER.match(after)
                or _CLOCK_AFTER.match(spaced) or _MINUTES_AFTER.match(after))


# (compiled once: numbers_in asks them of every figure of every sentence)
_APPROXIMATE_BEFORE = re.compile(r"(about|around|roughly|approximately|nearly|almost|some|over|more than|up to|"
                                 r"estimated)\s*$")
_YEAR = re.compile(r"(19|20)\d\d")
_MONTH_BEFORE = re.compile(rf"({_MONTH_RE})\.?\s*$")
_MONTH_AFTER = re.compile(rf"({_MONTH_RE})\b")
_ORDINAL_AFTER = re.compile(r"(st|nd|rd|th)\b")
_CLOCK_AFTER = re.compile(r"(am|pm|utc|gmt)\b")
_MINUTES_AFTER = re.compile(r":\d")


def dates_in(text: str, published: datetime | None, context_year: int | None = None) -> tuple[DateMention, ...]:
    """Every date in ``text``; ``context_year`` (a year written elsewhere in the article) backs up ``published``."""
    if not may_hold_date(text, published is not None):
        return ()
    found: list[DateMention] = []
    covered = bytearray(len(text))  # characters already inside a found date: O(span) overlap checks
    base = published.date() if published else None

    def overlaps(span: tuple[int, int]) -> bool:
        return any(covered[span[0]:span[1]])

    # (every pattern but ISO's holds a month's name: most sentences with a digit name none)
    for pattern in (_DATE_ISO, _DATE_MDY, _DATE_DMY, _DATE_MY) if may_name_a_month(text) else (_DATE_ISO,):
        for m in pattern.finditer(text):
            if overlaps(m.span()):
                continue
            month_raw = m.group("month")
            # (casefold, not lower: IGNORECASE lets a long s match "s", as in "Auguſt")
            month = int(month_raw) if month_raw.isdigit() else MONTHS[month_raw.casefold().rstrip(".")]
            day = int(m.group("day")) if "day" in m.groupdict() and m.group("day") else None
            if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
                continue
            year = int(m.group("year")) if m.group("year") else None
            resolved = _resolve(month, day, year, base, context_year)
            covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            found.append(DateMention(m.group(0), month, day, year, resolved))
    if base:
        for m in _RELATIVE_RE.finditer(text):
            # casefold, not lower: IGNORECASE lets the long s and the Kelvin sign match "s" and "k"
            when = base + timedelta(days=_RELATIVE[m.group(1).casefold()])
            found.append(DateMention(m.group(0), when.month, when.day, when.year, when))
    return tuple(sorted(found, key=lambda d: text.find(d.text)))


def may_hold_date(text: str, relative: bool) -> bool:
    """False when no date pattern can match ``text``, found by cheap checks.

    Every absolute pattern needs a digit, and relative words ("yesterday", "next week") are
    looked for only when there is a publish date (``relative``) to resolve them against.
    Non-ASCII text gets the regex: a few characters (long s, Kelvin sign) match ASCII letters
    under IGNORECASE without lower-casing to them."""
    if has_digit(text):
        return True
    if not relative:
        return False
    if not text.isascii():
        return _RELATIVE_RE.search(text) is not None
    lowered = text.lower()
    return any(key in lowered for key in _RELATIVE_KEYS)


def _resolve(month: int, day: int | None, year: int | None, base: date | None, context_year: int | None) -> date | None:
    try:
        if year is not None:
            return date(year, month, day or 1)
        if base is not None:
            candidate = date(base.year, month, day or 1)
            # a date more than ~half a year after publication most likely meant last year
            if (candidate - base).days > 200:
                candidate = date(base.year - 1, month, day or 1)
            return candidate
        if context_year is not None:
            return date(context_year, month, day or 1)
    except ValueError:
        return None
    return None


def format_date(mention: DateMention, with_year: int | None) -> str:
    text = MONTH_NAMES[mention.month - 1]
    if mention.day:
        text += f" {mention.day}"
    if with_year:
        text += f", {with_year}" if mention.day else f" {with_year}"
    return text
