"""Statement frames: what a sentence asserts about a quantity or a date, read from its shape.

A sentence often states several facts ("sentencing is set for March 28, and he faces up to 110
years"). The merge reads each figure and date as a statement of its own: the value, what it
counts (the unit: the noun after the figure, "$", "%", "date"), the words of the clause around it
(what it is about), the names of the sentence, whether the clause is negated, and its modality
(asserted, future/planned, hedged). Statements from different outlets about the same attribute
(same unit, overlapping clause words, no conflicting names) form one *attribute*; an attribute
stated by two outlets is a claim whose support is every sentence that states it, whatever else
those sentences say, and an attribute whose outlets give values that differ beyond rounding is
a dispute.

What a figure is *of* is read from its shape, not from one story's words: the thing it counts
(people killed, lives, a toll: one death count), the noun a hyphenated figure describes ("a
150-car train"), the part a subset counts ("50 cars, including 10…"), a named thing just before
it ("Meta, valued at"), an aim rather than a value ("a price target of"), the year written
before it, and for a market figure the moment of the trading day. Figures that differ in any of
these are never rivals. A figure is keyed by the quantity its words name (``head``: the noun after
it, "a $75 million loss", else the quantity word before it, "a net loss of", "opened at",
"valued at", folded by QUANTITY_KEYS), and the moment comes from those words too ("opened at" is
the open, "the high of" the high, "priced at" the offering), so two outlets' values of one moment
meet and one value of two moments does not. A rank, "one of N" and "N others" are one club size
(RANK), and a bracketed measure ("30-foot (9.1-meter)") is the same size in another unit. A
running count (deaths, "rose to") is compared one reported day at a
time (see :mod:`story`), and the day something was said is not the day of an event. A vague number
word ("hundreds of homes", "tens of thousands of fish") is the range it allows (VAGUE_NUMBERS), and
"the number" / "the total" counts the noun the sentence before names (COUNT_NOUNS).

Dates are read the same way: a month and day take the year written beside them, else the one
nearest their article's publish date (for an undated article, the story's middle publish date); a
weekday is read against the publish date (in an undated article, it is the day other outlets' dated
sentences give its own happening, if exactly one); a distance ("three days after the crash", "a week ago")
is read as the day of the event it names. Two dates a few days apart are rivals only when the
words they hang on share one (a launch and the arrival a day later are two steps, not a dispute).

The lexicons below are data, each documented once here (not yet extendable from config.yml: the
hedge cues are, through ``hedge_words``).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from .features import (MONTHS, STOPWORDS, WEEKDAYS, DateMention, content_stems, dates_in, format_date, has_digit,
                       may_name_a_month, stem)

if TYPE_CHECKING:
    from .claims import Item
    from .reading import Reading

# Number words a reporter writes out ("seven counts", "fifty cars"): read as figures when a
# unit noun follows. "one" is left out: "one of the biggest" is not a count.
WORD_NUMBERS: dict[str, int] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}

# A number word before one of these is multiplied by it ("two dozen boats" are 24, "three hundred
# homes" 300); "thousand", "million" and the rest are scales read with digits too (``_SCALE``).
MULTIPLYING_WORDS: dict[str, int] = {"dozen": 12, "hundred": 100}

# "one" is a figure only before a unit of measure ("one hour", "one mile"), where it cannot be the
# pronoun or "one of the"; "a"/"an" only in a compound duration ("an hour and 45 minutes"), where
# the second figure shows the first is a count. Not after a word that makes "one" a determiner or
# an idiom ("the one day", "no one", "at one point"), and never before "point" or "another".
ONE_UNITS = frozenset({"hour", "day", "minute", "second", "week", "month", "year", "mile", "foot", "meter",
                       "kilometer", "inch", "yard", "acre", "ton", "tonne", "pound", "kilogram", "gallon",
                       "liter", "degree", "knot", "percent"})
NOT_ONE_AFTER = frozenset({"the", "no", "any", "every", "each", "this", "that", "at", "which", "only", "just"})
_COMPOUND_UNITS = {"hour": "minute", "day": "hour", "minute": "second", "week": "day", "year": "month",
                   "mile": "foot", "foot": "inch"}

# Number words that give an order of magnitude, not a figure ("hundreds of homes", "tens of
# thousands of fish"): each is read as the range it allows, from the word's own size up to ten
# times it. A range is a value like any other: "about 3,500 fish" and "tens of thousands of fish"
# are rival counts, "hundreds of homes" and 400 homes agree. "tens of" / "hundreds of" before a
# plural scale multiply it.
VAGUE_NUMBERS: dict[str, float] = {"dozens": 12.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
                                   "billions": 1e9}
VAGUE_MULTIPLIERS: dict[str, float] = {"tens": 10.0, "hundreds": 100.0}
VAGUE = "vague"  # the bound of a figure read from such words
VAGUE_RIVAL_RATIO = 5  # a figure this far from the nearest end of a range can be the same count, told differently
VAGUE_SLACK = 2.5  # a figure within this factor of a range's ends is what the words allow ("thousands" for 950)

# What a figure counts, folded so that paraphrases meet ("seven charges" = "seven counts").
UNIT_SYNONYMS: dict[str, str] = {
    "charge": "count", "carriage": "car", "wagon": "car", "railcar": "car", "vehicle": "car",
    "percent": "%", "cent": "%", "pc": "%", "life": "death", "fatality": "death", "victim": "death",
    "person": "people", "resident": "people", "passenger": "people", "hr": "hour", "yr": "year",
    "ft": "foot", "feet": "foot", "metre": "meter", "m": "meter", "km": "kilometer", "kilometre": "kilometer",
    "min": "minute", "dollar": "$", "usd": "$", "us$": "$", "euro": "€", "euros": "€", "rupee": "rs",
    "rupees": "rs", "yen": "¥",
}

# A clause holding one of these denies what it says; it never supports the affirmative claim.
NEGATION_WORDS: tuple[str, ...] = (
    "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot",
    "denied", "denies", "deny", "isn't", "wasn't", "aren't", "weren't", "didn't", "doesn't", "don't",
    "hasn't", "haven't", "won't", "wouldn't", "couldn't",
)

# Modality: a planned statement ("will", "plans to", "is expected to") and a hedged one
# ("reportedly", "could") are not the same statement as an asserted outcome. "would" is left out:
# in news it is mostly reported speech or a conditional ("he said it would…"), not a plan, and
# reading it as future moves a weekday or a date a week or a year forward.
MODALITY_WORDS: dict[str, tuple[str, ...]] = {
    "future": ("will", "plans", "plan", "planned", "planning", "expected", "expects", "expect", "expecting",
               "anticipated", "anticipates", "anticipating", "predicts", "next quarter", "next year",
               "scheduled", "set to", "due to", "aims", "intends", "forecast", "forecasts", "projected",
               "on track", "poised", "likely", "predicted"),
    "hedged": ("could", "might", "may", "reportedly", "allegedly", "alleged", "possibly", "perhaps",
               "rumored", "rumoured", "unconfirmed"),
}

# Verbs and phrases that attribute a statement to someone ("…, the minister said"): the words of
# the attribution say who said it, not what was said.
ATTRIBUTION_VERBS = frozenset({
    "said", "says", "say", "stated", "states", "told", "tells", "added", "adds", "noted", "notes", "explained",
    "announced", "announces", "reported", "reports", "wrote", "writes", "confirmed", "confirms", "according",
    "claimed", "claims", "argued", "argues", "warned", "warns", "insisted", "acknowledged", "estimated", "cited",
})

# What a count of people is a count of: "killed 96 people", "a death toll of 93 individuals",
# "claimed 86 lives", "the toll rose to 89" all count deaths, and are one quantity whatever noun
# follows the figure. A count of people (or a bare figure) whose own words hold one of these is a
# count of deaths ("death" unit); any other count of people stays a count of people.
DEATH_WORDS = frozenset({"killed", "kill", "kills", "killing", "died", "dies", "die", "dead", "death", "deaths",
                         "toll", "fatalities", "fatality", "perished", "lives", "bodies"})
PERSON_UNITS = frozenset({"people", "peopl", "individual", "death", "victim", "fatality", "liv", "dead", "die", "bod",
                          "body", "#"})  # ("#": COUNT, a bare figure)

# A figure named as someone's aim or expectation of a quantity ("a price target of $1.6 trillion",
# "a sales goal") is a different quantity from the quantity itself: the two are never rivals.
ROLE_WORDS = frozenset({"target", "targets", "goal", "goals", "guidance", "projection", "projections", "outlook",
                        "objective"})

# Words of a trading day: a figure among them is a price or a move at one moment of it.
MARKET_WORDS = ("trading", "traded", "trades", "premarket", "pre-market", "session", "intraday", "stock", "shares")

# The moment of a trading day a market figure is quoted at.
# A key of QUANTITY_KEYS that names a moment ("high", "open", "close") names it as well; an
# offering's price is the moment before trading ("priced at $15", "its offer price").
MOMENT_WORDS = {"premarket": "premarket", "pre-market": "premarket", "early": "early", "morning": "early",
                "opening": "open", "opened": "open", "mid-session": "midday", "midday": "midday",
                "afternoon": "late", "close": "close", "closed": "close", "closing": "close",
                "late": "late", "after-hours": "after hours", "high": "high", "peak": "high", "peaked": "high", "open": "open",
                "low": "low", "ipo": "offering", "offering": "offering", "priced": "offering"}

# A running count ("the death toll rose to 93", "cases have climbed to") changes from one day's
# report to the next: two days' figures are an update, not a dispute.
RUNNING_WORDS = ("toll", "rose to", "risen to", "climbed to", "climbs to", "rises to", "so far", "has reached",
                 "have reached", "up to date", "latest count", "now stands")


def running(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in RUNNING_WORDS)


# Words before a figure that make it a bound or an approximation, not an exact value.
LOWER_BOUND = ("more than", "over", "at least", "above", "upwards of", "in excess of", "exceeding")
UPPER_BOUND = ("less than", "fewer than", "under", "below", "no more than")
# ("up to 110 years", "as many as 20": the stated maximum, a value like any other)
APPROXIMATE = ("about", "around", "roughly", "approximately", "some", "an estimated", "estimated",
               "close to", "nearly", "almost", "just under", "circa", "approx")

_BOUND_PHRASES = tuple(sorted((*LOWER_BOUND, *UPPER_BOUND, *APPROXIMATE), key=lambda p: -len(p.split())))
_ESTIMATE_PHRASES = (*_BOUND_PHRASES, "up to")  # (read as one: the longest first, as _BOUND_PHRASES are)
_ESTIMATE_WORDS = frozenset(w for phrase in (*LOWER_BOUND, *UPPER_BOUND, *APPROXIMATE) for w in phrase.split())
_WEEKDAY_SET = frozenset(WEEKDAYS)

_TOKEN = re.compile(r"[$€£¥₹]?\d+(?:,\d{3})*(?:\.\d+)?%?|[A-Za-z][A-Za-z'’-]*|[%$€£¥₹,.:;]")
_PUNCT = frozenset(",.:;")
# (a bracket that restates a measure in another unit, "30-foot (9.1-meter)", does not end the clause)
_CLAUSE_BREAK = re.compile(r"[;—–]|:(?=\s)|,\s+(?=(?:and|but|while|whereas|which|who|although|though)\b)"
                           r"|\s\((?!\d[\d.,]*[- ]?[a-z]+\))")
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "t": 1e12, "crore": 1e7, "lakh": 1e5}
_CURRENCY = {"$": "$", "€": "€", "£": "£", "¥": "¥", "rs": "rs", "₹": "rs", "inr": "rs", "us$": "$", "usd": "$"}
_MAX_DIGITS = 15  # a longer digit run is an identifier or garbage, not a figure (and no float holds it exactly)
_UNIT_SKIP = frozenset({"a", "an", "per", "the", "percent", "of"})
# words that end the noun phrase after a figure ("seven counts against him", "50 cars including")
_UNIT_END = frozenset({"against", "including", "included", "among", "across", "toward", "towards", "despite",
                       "via", "amid", "per", "each"})


@dataclass(frozen=True, slots=True)
class Statement:
    """One figure or date as one sentence states it."""

    item: int  # index of the sentence in the story's item list
    article: int
    kind: str  # "number" or "date"
    unit: str  # what the figure counts; "date" for dates
    value: float  # the figure; for a date, its ordinal (year taken as 0 when not written)
    text: str  # the value as written ("115 years", "March 28, 2024")
    bound: str  # "" exact, "min" (more than), "max" (up to), "approx" (about)
    precision: float  # half the place of the last written digit
    context: frozenset[str]  # content stems of the clause holding it (the unit left out)
    names: frozenset[str]  # names of the whole sentence
    negated: bool
    modality: str  # "", "future" or "hedged"
    year: int | None = None  # dates: the year as written, else the one nearest the publish date;
    # figures: a year written shortly before it in its sentence (the time the figure is of), else None
    month_day: tuple[int, int] | None = None  # dates: (month, day)
    head: str = ""  # figures: the nearest content word before it, what it is the figure of ("closed at $50")
    modifies: str = ""  # a figure written as a modifier ("a 150-car train"): the noun it describes ("train")
    moment: str = ""  # market figures: the moment of the trading day quoted (MOMENT_WORDS), else ""
    subject: frozenset[str] = frozenset()  # figures: the names among the words just before it ("Meta, valued at")
    role: str = ""  # figures: "target" for an aim or expectation of a quantity (ROLE_WORDS); dates: "said"
    # for the day of a statement ("said on Saturday"), "slip" for a date beside a weekday not its own,
    # "relative" for a day read from a distance ("three days after")
    happening: frozenset[str] = frozenset()  # dates: content stems of the words the date hangs on
    # ("launched on June 5" -> launch), what happened that day (see :func:`_same_happening`)
    year_guessed: bool = False  # dates: the year is the story's, for an undated article: not shown


def _words_of(text: str) -> list[str]:
    return _TOKEN.findall(text)


PhraseTable = dict[str, list[list[str]]]  # a lexicon's phrases by their last word (see _by_last_word)


def _phrase_at(lowered: list[str], end: int, phrases: PhraseTable) -> bool:
    """Does one of the phrases end right before position ``end`` of the lowered tokens?"""
    return _phrase_ending(lowered, end, phrases) > 0


def _phrase_ending(lowered: list[str], end: int, phrases: PhraseTable) -> int:
    """The number of words of the first of ``phrases`` that ends right before position ``end`` of
    the lowered tokens; 0 when none does. Only the phrases ending on the word before ``end`` are
    compared (asked for every figure and year of a story's sentences)."""
    if end < 1:
        return 0
    for parts in phrases.get(lowered[end - 1], ()):
        if end >= len(parts) and lowered[end - len(parts):end] == parts:
            return len(parts)
    return 0


def _by_last_word(phrases: tuple[str, ...]) -> PhraseTable:
    table: PhraseTable = {}
    for phrase in phrases:  # (in their order: the first phrase that ends there is the one found)
        parts = phrase.split()
        table.setdefault(parts[-1], []).append(parts)
    return table


def _bound(lowered: list[str], at: int) -> str:
    # skip a currency word or "a"/"the" between the cue and the figure ("more than Rs 615 crore")
    end = at
    while end > 0 and lowered[end - 1] in ("rs", "us", "a", "the", "inr", "usd", "almost", "nearly") and end > at - 2:
        if lowered[end - 1] in ("almost", "nearly"):
            return "approx"
        end -= 1
    if _phrase_at(lowered, end, _LOWER_BOUND):
        return "min"
    if _phrase_at(lowered, end, _UPPER_BOUND):
        return "max"
    if _phrase_at(lowered, end, _APPROXIMATE):
        return "approx"
    return ""


_LOWER_BOUND, _UPPER_BOUND, _APPROXIMATE, _ESTIMATES = map(_by_last_word, (LOWER_BOUND, UPPER_BOUND, APPROXIMATE,
                                                                          _ESTIMATE_PHRASES))


def _modality(lowered: Sequence[str]) -> str:
    words = set(lowered)
    joined = None
    for kind in ("hedged", "future"):
        single, phrases = _MODALITY_CUES[kind]
        if not single.isdisjoint(words):
            return kind
        if phrases:
            joined = joined or " " + " ".join(lowered) + " "
            if any(f" {p} " in joined for p in phrases):
                return kind
    return ""


def modality(text: str) -> str:
    """The modality of a whole sentence: "future", "hedged" or "" (see MODALITY_WORDS)."""
    return _modality([w.lower() for w in _words_of(text)])


# (each kind's one-word cues as a set, its phrases apart)
_MODALITY_CUES = {kind: (frozenset(w for w in cues if " " not in w), tuple(w for w in cues if " " in w))
                  for kind, cues in MODALITY_WORDS.items()}


def _negated(lowered: Sequence[str], at: int) -> bool:
    """A negation among the few words before the figure or date (its own verb phrase), or right after it."""
    window = lowered[max(0, at - NEGATION_REACH):at + 2]
    return not _NEGATIONS.isdisjoint(window) or "n't " in " ".join(window) + " "  # (no token holds a space)


NEGATION_REACH = 5
MODALITY_REACH = 8  # a figure's modality is that of the verb phrase before it, not of its whole clause
# the words that say what a figure is: its own verb phrase before it and the noun phrase after it
WINDOW_BEFORE = 6
WINDOW_AFTER = 4


def _head(lowered: list[str], at: int, after: int, names: frozenset[str]) -> str:
    """What a figure is of: the quantity noun right after it ("a $75 million loss", "$420 million
    of revenue"), else the nearest quantity word before it with no other figure between ("a net
    loss of $62 million", "opened at $21", "valued the chain at $3 billion"), else the nearest
    content word before it ("priced at $15" -> "pric"). Quantity words fold (QUANTITY_KEYS)."""
    for w in lowered[after:after + 1] + (lowered[after + 1:after + 2] if lowered[after:after + 1] == ["of"] else []):
        if w in _QUANTITY_WORDS and not w.endswith("ed"):
            return _QUANTITY_WORDS[w]
    nearest, level = "", False
    at -= _phrase_ending(lowered, at, _ESTIMATES)  # "close to $4 billion", "up to $9 billion": an estimate, not a close or a rise
    for k in range(at - 1, max(-1, at - KEY_REACH - 1), -1):
        w = lowered[k]
        if w[0].isdigit() or w[0] in "$€£¥₹" or w in (";", ":"):
            break  # the words before another figure are that figure's
        level = level or w == "at" and k >= at - 3  # "up at $61", "higher, at around $230": a level, not a change
        if w in _QUANTITY_WORDS and not (level and _QUANTITY_WORDS[w] in CHANGES):
            return _QUANTITY_WORDS[w]
        if w.endswith("ing") and w not in _QUANTITY_WORDS and w not in NOT_VERBS and k < at - 1:
            break  # "rose in trading, passing $61": the nearest verb governs the figure
        if not nearest and k >= at - HEAD_REACH and w not in names:
            nearest = _context_stem(w) or ""
    return nearest


HEAD_REACH = 4
KEY_REACH = 6

# The quantity a figure is of, folded so that the ways reporters name it meet: "a net loss of $62
# million", "a $75 million loss" and "lost $62 million" give the loss; "valued at", "a
# valuation of", "a market cap of", "worth" and "priced at" the value (a price per share and a
# company's value are of different orders, so the ratio keeps them apart); "rose", "surged",
# "jumped", "up", "higher" a rise. Any other word is its own key.
QUANTITY_KEYS: dict[str, tuple[str, ...]] = {
    "value": ("value", "values", "valued", "valuing", "valuation", "valuations", "capitalization",
              "capitalisation", "cap", "worth", "price", "priced", "pricing", "prices"),
    "rise": ("rise", "rises", "rose", "risen", "rising", "surge", "surged", "surges", "soar", "soared", "soars",
             "jump", "jumped", "jumps", "gain", "gained", "gains", "climb", "climbed", "climbs", "increase",
             "increased", "increases", "up", "higher", "rally", "rallied", "pop"),
    "fall": ("fall", "fell", "falls", "fallen", "drop", "dropped", "drops", "decline", "declined", "declines",
             "down", "lower", "slid", "slide", "slump", "slumped", "tumble", "tumbled", "plunge", "plunged"),
    "loss": ("loss", "losses", "lose", "lost", "losing"),
    "cost": ("cost", "costs", "damage", "damages"),
    "revenue": ("revenue", "revenues", "sales", "turnover"),
    "profit": ("profit", "profits", "earnings"),
    "high": ("high", "highs", "peak", "peaked"),
    "low": ("low", "lows", "bottom"),
    "open": ("open", "opened", "opening", "opens"),
    "close": ("close", "closed", "closing", "closes", "settled", "settling", "ended"),
}
CHANGES = frozenset({"rise", "fall"})
CHANGES_WORDS = frozenset(w for key in CHANGES for w in QUANTITY_KEYS[key])  # ("up", "down": no quantity named)
NOT_VERBS = frozenset({"during", "including", "according", "following", "morning", "evening", "trading", "nothing"})
_QUANTITY_WORDS = {w: key for key, words in QUANTITY_KEYS.items() for w in words}


def quantity_before(text: str) -> str:
    """The quantity key (QUANTITY_KEYS) named last in ``text`` ("the damage was estimated at" ->
    "cost"), else ""."""
    lowered = [w.lower() for w in _words_of(text)]
    end = len(lowered)
    end -= _phrase_ending(lowered, end, _ESTIMATES)  # ("close to $6 billion": an estimate, not a close)
    return next((_QUANTITY_WORDS[w] for w in reversed(lowered[:end])
                 if w in _QUANTITY_WORDS and w not in CHANGES_WORDS), "")


def _context(lowered: Sequence[str], names: frozenset[str]) -> set[str]:
    """Content stems of a clause that are not names, months, weekdays, number words or estimate words."""
    return {found for w in lowered if (found := _context_stem(w)) is not None and w not in names}


@lru_cache(maxsize=1 << 16)  # pure function of one word, asked for the words around every figure and date
def _context_stem(w: str) -> str | None:
    """The stem a lowered word gives a clause's context (see :func:`_context`); None for a word that
    gives none."""
    if (w[0].isalpha() and len(w) > 1 and w not in STOPWORDS and w.rstrip(".") not in MONTHS
            and w not in WEEKDAYS and w not in WORD_NUMBERS and w not in _ESTIMATE_WORDS):
        return stem(IRREGULAR_VERBS.get(w, w))
    return None


# Irregular past forms of verbs that news figures hang on, and a form the stemmer folds with the
# rest of the verb ("lost $8 billion" and "losing $8 billion" say one thing).
IRREGULAR_VERBS = {
    "lost": "lose", "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "paid": "pay",
    "sold": "sell", "spent": "spend", "built": "build", "won": "win", "began": "begin", "begun": "begin",
    "stole": "steal", "stolen": "steal", "grew": "grow", "grown": "grow", "brought": "bring", "bought": "buy",
    "took": "take", "taken": "take", "gave": "give", "given": "give", "made": "make", "left": "leave",
    "struck": "strike", "sank": "sink", "sunk": "sink",
    "flew": "fly", "flown": "fly", "drove": "drive", "driven": "drive", "froze": "freeze", "frozen": "freeze",
}


_NEGATIONS = frozenset(NEGATION_WORDS)


def clauses(text: str) -> list[str]:
    """The clauses of a sentence: split at semicolons, dashes, colons, brackets and ", and/but/which"."""
    return [c for c in _CLAUSE_BREAK.split(text) if c and c.strip()]


Clause = tuple[str, list[str], list[str]]  # a clause, its tokens (_words_of) and those lowered


def clause_words(text: str) -> list[Clause]:
    """:func:`clauses` of a sentence, each with its tokens and the tokens lowered: read once for
    both :func:`number_statements` and :func:`date_statements` of a sentence."""
    return [(clause, words, [w.lower() for w in words]) for clause in clauses(text) for words in [_words_of(clause)]]


def _unit_after(words: list[str], start: int) -> tuple[str, int]:
    """The noun a figure counts: the last content word of the run after it (up to three words,
    stopping at a stopword), or the noun after "of (the|its)" ("20 of its 100 vehicles")."""
    head, j = "", start
    while j < min(len(words) - 1, start + 3) and words[j][:1].isupper() and words[j + 1][:1].isalpha():
        j += 1  # "38 Norfolk Southern cars": a name in front of the noun describes it
    if j < len(words) and not words[j][:1].islower():
        j = start
    limit = j + 3
    while j < len(words) and j < limit:
        w = words[j].lower()
        if not w[0].isalpha() or (head and words[j][0].isupper()):
            break
        if w in STOPWORDS or w in _UNIT_SKIP or w in _UNIT_END:
            if w == "of" and not head and j + 1 < len(words):
                k = j + 1
                if words[k].lower() in ("the", "its", "their", "his", "her"):
                    k += 1
                # "20 of its 100-plus vehicles", "ten of the fifty derailed cars": the noun after
                # the next figure, else after "of"
                while k < len(words) and (not words[k][0].isalpha() or words[k].lower() in WORD_NUMBERS):
                    k += 1
                if k < len(words) and words[k].lower() not in STOPWORDS:
                    unit, _end = _unit_after(words, k)
                    return unit, j
            break
        if head and (w.endswith(("ed", "ing")) or words[j][:1].isupper()):
            break  # a verb or a name after the noun phrase ("50 cars derailed")
        head = _fold_unit(words[j])
        j += 1
        if head in MEASURE_UNITS or (w.endswith("s") and not w.endswith("ss") and len(w) > 3):
            break  # a measure or a plural noun ends the phrase ("21 foot submersible", "1,200 scooters will")
    return head, j


def _fold_unit(word: str) -> str:
    w = word.lower().strip("'’-")
    if "-" in w:  # "50-car", "eight-day", "21-foot": the noun after the hyphen
        w = w.rsplit("-", 1)[1]
    if w in UNIT_SYNONYMS:
        return UNIT_SYNONYMS[w]
    s = stem(w)
    return _STEMMED_UNITS.get(s, s)


COUNT = "#"

# Units that measure rather than count: a bound on one of these is an estimate
MEASURES = frozenset({"$", "€", "£", "¥", "rs", "%"})

# Measures: the noun phrase after a figure ends with one ("a 21-foot submersible" counts feet).
MEASURE_UNITS = frozenset({"foot", "meter", "kilometer", "mile", "inch", "yard", "year", "day", "hour", "minute",
                           "second", "week", "month", "acre", "ton", "tonne", "pound", "kilogram", "gallon", "liter",
                           "degree", "crore", "lakh", "%", "point", "knot"})


def _is_label(words: list[str], i: int) -> bool:
    """A bare figure that names rather than counts: an age or number after a name ("Smith, 31,"), a
    figure glued to a word ("Crew-9"), a list marker."""
    before = words[i - 1] if i else ""
    return before == "," and i >= 2 and words[i - 2][:1].isupper() or before.endswith("-") or i == 0


_PRICE_QUALIFIERS = frozenset({"per", "a", "each", "apiece", "share", "shares", "us", "usd", "percent", "%", "cent", "pc"})
_STEMMED_UNITS = {stem(k): v for k, v in UNIT_SYNONYMS.items()}


def _number_value(token: str) -> tuple[float, float] | None:
    """(value, precision) of a written figure, or None when it is not one a reader would compare."""
    raw = token.strip("$€£¥₹%").replace(",", "")
    if not raw or len(raw.replace(".", "")) > _MAX_DIGITS:
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    precision = 0.5 * 10 ** -decimals
    return value, precision


_SYMBOL_UNITS = frozenset({"$", "%", "€", "£", "¥", "rs", COUNT})
_ISO = re.compile(r"\d{4}[-/]\d\d[-/]\d\d")
def number_statements(item: int, article: int, text: str, names: frozenset[str],
                      parts: list[Clause] | None = None) -> list[Statement]:
    """Every figure of the sentence that counts something (a unit follows, or it is money or a share).
    ``parts``: the sentence's :func:`clause_words`, when read already. (A figure glued to its noun,
    "a 150-car train", is two tokens as "150 car" is: the clauses and words are those of the text.)"""
    out: list[Statement] = []
    counted = 0
    year_at: tuple[int | None, int] = (None, -YEAR_REACH)  # the last year written in the sentence, and where
    for _clause, words, lowered in clause_words(text) if parts is None else parts:
        start, counted = counted, counted + len(words)  # (a word's position counts the sentence's words)
        skip_to = 0  # (a multiplier already read with the number word before it: "two dozen")
        # only a word that can open a figure is read (most words cannot: a clause with none is not walked)
        for i in [i for i, low in enumerate(lowered)
                  if low[0].isdigit() or low[0] in _CURRENCY_SIGNS or low in _FIGURE_WORDS or "-" in low]:
            if i < skip_to:
                continue
            w, low, position = words[i], lowered[i], start + i + 1
            if len(low) == 4 and low[:2] in ("19", "20") and low.isdigit() and not _phrase_at(lowered, i, _ORIGINS):
                year_at = (int(low), position)
            currency, glued, plus = "", "", False
            if w[0] in _CURRENCY_SIGNS:
                currency = _CURRENCY[w[0]]
            elif i and lowered[i - 1] in _CURRENCY and w[0].isdigit():
                currency = _CURRENCY[lowered[i - 1]]
            elif i > 1 and lowered[i - 1] == "." and lowered[i - 2] in _CURRENCY and w[0].isdigit():
                currency = _CURRENCY[lowered[i - 2]]  # "Rs. 615 crore"
            if w[0].isdigit() or (currency and len(w) > 1):
                if _is_date_or_time(lowered, i) or (i and words[i - 1].endswith("-")):
                    continue  # a date, a clock time, or a figure that is part of a name ("Crew-9", "Luna-25")
                parsed = _number_value(w)
                if parsed is None:
                    continue
                value, precision = parsed
                written = [w]
                if not currency and i + 1 < len(words) and words[i + 1][:1].isalpha() \
                        and f"{w}-{words[i + 1]}" in text:
                    glued = words[i + 1]  # "a 150-car train"
                    if glued.lower() == "plus":  # "100-plus cars": more than 100
                        glued, plus = "", True
            elif low in WORD_NUMBERS and i + 1 < len(words) and not (i and lowered[i - 1] == "one"):
                value, precision, written = float(WORD_NUMBERS[low]), 0.5, [w]
                if lowered[i + 1] in MULTIPLYING_WORDS and i + 2 < len(words):
                    value *= MULTIPLYING_WORDS[lowered[i + 1]]  # "two dozen boats", "three hundred homes"
                    written.append(words[i + 1])
                    skip_to = i + 2
            elif (low == "one" or (low == "a" or low == "an") and lowered[i + 2:i + 3] == ["and"]
                  and _compound_duration(lowered, i)) and _one_counts(lowered, i):
                value, precision, written = 1.0, 0.5, [w]
            elif (spelled := _spelled_number(low)) is not None:
                value, glued = spelled
                precision, written = 0.5, [w]
            elif (vague := _vague_at(lowered, i)) is not None:
                if (found := _vague_statement(item, article, words, lowered, i, vague, names)) is not None:
                    out.append(found)
                continue
            elif low in ORDINALS and (ranked := _ranked_noun(words, i)):
                out.append(_rank(item, article, names, float(ORDINALS[low]), " ".join(words[i:ranked]),
                                 lowered, i, ranked))
                continue
            else:
                continue
            j = i + 2 if (glued or plus) and w[0].isdigit() else i + len(written)
            if lowered[j:j + 1] in (["other"], ["others"]) or lowered[max(0, i - 3):i][-3:] == ["one", "of", "the"] \
                    or lowered[max(0, i - 2):i] == ["one", "of"]:
                k = _rank_end(words, j)
                if k > j:  # "six other banks" is a club of seven; "one of the five banks", of five
                    others = lowered[j] in ("other", "others")
                    out.append(_rank(item, article, names, value + others, " ".join(words[i:k]), lowered, i, k))
                    continue
            if not glued and j + 2 < len(words) and lowered[j] in _SCALE and lowered[j + 1] == "dollar" \
                    and lowered[j + 2].endswith("s"):
                j += 2  # "five trillion dollar companies": a count of companies, each worth that much
            elif not glued and j < len(words) and lowered[j] in _SCALE:
                scale = _SCALE[lowered[j]]
                value, precision = value * scale, precision * scale
                written.append(words[j])
                j += 1
            if out and out[-1].item == item and _subset(lowered, i):
                unit = out[-1].unit  # "50 cars, including 10 carrying…", "50 cars, 11 of which…"
                if unit not in _SYMBOL_UNITS:
                    written.append(out[-1].text.split()[-1])  # shown as "10 cars"
            elif glued:  # "an eight-day mission": the noun after the hyphen is the unit
                unit = _fold_unit(glued)
            elif w.endswith("%") or (j < len(words) and lowered[j] in ("%", "percent", "pc")) or (
                    j + 1 < len(words) and lowered[j] == "per" and lowered[j + 1] == "cent"):
                unit = "%"
            elif currency:
                unit = currency
            else:
                unit, j = _unit_after(words, j)
                if unit in _SYMBOL_UNITS:
                    written = words[i:j]  # "3 euros": the noun is the currency, shown as written
                if unit in _SCALE or unit in MONTHS or unit in WEEKDAYS:
                    continue
                if not unit:
                    if w[0].isalpha() or _is_label(words, i):
                        continue
                    unit = COUNT  # a bare figure ("the toll rose to 99"): what it counts is in its clause
            if unit in PERSON_UNITS and _counts_deaths(lowered, i, j, unit):
                unit = DEATHS
            modifies = _modified_noun(words, j) if glued and unit not in MEASURES else ""
            if modifies and unit in MEASURE_UNITS and _apposed_name(words, i):
                modifies = _fold_unit(_apposed_name(words, i))
            after = j
            while after < len(lowered) and lowered[after] in _PRICE_QUALIFIERS:
                after += 1  # "$34 per share", "$50 apiece": part of the figure, not of what it is about
            window = lowered[max(0, i - WINDOW_BEFORE):i] + lowered[after:after + WINDOW_AFTER]
            context = frozenset(c for c in _context(window, names) - {unit, stem(unit)}
                                if _STEMMED_UNITS.get(c) != unit and c not in _SCALE)  # ("5 per cent", "$3 billion")
            head = _head(lowered, i, after, names)
            if unit in _SYMBOL_UNITS or len(written) > 1 and written[-1].lower() not in MULTIPLYING_WORDS:
                shown = " ".join(written)
            else:  # the figure and its noun, a name between them left out
                shown = " ".join([w, *(x for x in words[i + 1:j] if not x[:1].isupper())])
            if (glued or plus) and w[0].isdigit():
                shown = " ".join([f"{w}-{words[i + 1]}", *words[i + 2:j]])
            if unit == "%" and not shown.endswith("%"):  # "four percent", "5 per cent": the words as written
                shown = " ".join(words[i:j + (1 if j < len(words) and lowered[j] in ("%", "percent", "pc") else
                                              2 if lowered[j:j + 2] == ["per", "cent"] else 0)])
            out.append(Statement(item, article, "number", unit, value, shown,
                                 "min" if plus else _bound(lowered, i), precision, context, names,
                                 _negated(lowered, i),
                                 _modality(lowered[max(0, i - MODALITY_REACH):i]), head=head,
                                 role="target" if ROLE_WORDS.intersection(window) else "",
                                 subject=_subject(lowered, i, names),
                                 moment=_moment(lowered[max(0, i - WINDOW_BEFORE):i], lowered[after:after + WINDOW_AFTER], context, head, unit), modifies=modifies,
                                 year=year_at[0] if position - year_at[1] <= YEAR_REACH else None))
    return out


_CURRENCY_SIGNS = "$€£¥₹"


def _vague_at(lowered: list[str], i: int) -> tuple[float, int] | None:
    """The size a vague number word gives at i ("thousands" 1,000; "tens of thousands" 10,000)
    and where its words end; None when none starts there (or it is a multiplier's second half)."""
    low = lowered[i]
    if low in VAGUE_MULTIPLIERS and lowered[i + 1:i + 2] == ["of"] and i + 2 < len(lowered) \
            and lowered[i + 2] in VAGUE_NUMBERS and lowered[i + 2] != "dozens":
        return VAGUE_MULTIPLIERS[low] * VAGUE_NUMBERS[lowered[i + 2]], i + 3
    if low not in VAGUE_NUMBERS or i >= 2 and lowered[i - 1] == "of" and lowered[i - 2] in VAGUE_MULTIPLIERS:
        return None
    if i and (lowered[i - 1][:1].isdigit() or lowered[i - 1] in WORD_NUMBERS):
        return None  # "three thousands": a written figure, not an order of magnitude
    return VAGUE_NUMBERS[low], i + 1


def _vague_statement(item: int, article: int, words: list[str], lowered: list[str], i: int,
                     vague: tuple[float, int], names: frozenset[str]) -> Statement | None:
    """A vague number word read as the range it allows ("tens of thousands of fish": 10,000 to
    100,000 fish), counting the noun after its "of"; a range with no noun ("the number ran into
    the tens of thousands") is a bare count, placed by the sentence before it (see
    :func:`_counted_before`)."""
    size, j = vague
    unit = COUNT
    if lowered[j:j + 1] == ["of"] and j + 1 < len(words):
        unit, end = _unit_after(words, j + 1)
        if not unit or unit in _SCALE or unit in MONTHS or unit in WEEKDAYS:
            return None
        j = end
    elif j < len(words) and words[j][:1].isalpha():
        return None  # ("thousands more", "millions say"): no count of a thing
    window = lowered[max(0, i - WINDOW_BEFORE):i] + lowered[j:j + WINDOW_AFTER]
    context = frozenset(c for c in _context(window, names) - {unit, stem(unit)} if c not in _SCALE
                        and c not in VAGUE_NUMBERS and c not in VAGUE_MULTIPLIERS)
    low, high = size, size * 10
    return Statement(item, article, "number", unit, (low + high) / 2, " ".join(words[i:j]), VAGUE, (high - low) / 2,
                     context, names, _negated(lowered, i), _modality(lowered[max(0, i - MODALITY_REACH):i]),
                     head=_head(lowered, i, j, names))


def _vague_range(s: Statement) -> tuple[float, float]:
    return s.value - s.precision, s.value + s.precision


# A rank among things of one kind ("the fifth bank to", "one of five banks", "joins six
# other companies"): the size of the club counting the one ranked, so the three ways meet.
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10, "eleventh": 11, "twelfth": 12}
RANK = "rank"


def _ranked_noun(words: list[str], i: int) -> int:
    """Where an ordinal's noun phrase ends when a "to" follows it ("the fifth listed
    bank to fail"), else 0 ("the second day" is a day, not a rank)."""
    for k in range(i + 1, min(len(words), i + 6)):
        if words[k] == "to":
            return k if k > i + 1 else 0
        if not words[k][0].isalpha() or words[k] in STOPWORDS:  # (a name such as "US" is part of the phrase)
            return 0
    return 0


def _rank_end(words: list[str], j: int) -> int:
    """The end of the noun phrase a club's size counts ("other US companies", "trillion dollar
    companies"): the first plural word within four, else j."""
    for k in range(j, min(len(words), j + 5)):
        w = words[k]
        if not w[0].isalpha() or w in STOPWORDS and w not in ("other", "others"):
            return j
        if w == "others" or len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            return k + 1
    return j


def _rank(item: int, article: int, names: frozenset[str], value: float, shown: str, lowered: list[str], i: int,
          end: int) -> Statement:
    noun = lowered[end - 1] if lowered[end - 1] != "to" else lowered[end - 2]
    window = lowered[max(0, i - WINDOW_BEFORE):i] + lowered[end:end + WINDOW_AFTER]
    return Statement(item, article, "number", RANK, value, shown, "", 0.5, frozenset(_context(window, names)), names,
                     _negated(lowered, i), _modality(lowered[max(0, i - MODALITY_REACH):i]),
                     head=_fold_unit(noun) if noun not in ("other", "others") else "")


# A year written shortly before a figure dates it ("in 2020 the mission cost Rs 615 crore", "the
# 2018 fire, which killed 85"): the figure is of that time, not of the story's.
YEAR_REACH = 12
# ... unless it dates where the thing came from ("the firm, founded in 1998, was trading 6% higher")
ORIGIN_WORDS = ("founded in", "established in", "born in", "founded", "established", "since", "incorporated in")
_ORIGINS = _by_last_word(ORIGIN_WORDS)


DEATHS = "death"


def _counts_deaths(lowered: list[str], i: int, end: int, unit: str) -> bool:
    """A count of people that counts deaths: a death word in its own words (for a bare figure,
    anywhere in its clause before it: "the death toll from the fires had risen to 89")."""
    if unit in ("liv", "death", "fatality", "dead", "die"):  # ("lives", "dead" as their stems)
        return True
    before = lowered[:i] if unit == COUNT else lowered[max(0, i - WINDOW_BEFORE):i]
    return not DEATH_WORDS.isdisjoint(before) or not DEATH_WORDS.isdisjoint(lowered[end:end + 2])


def _modified_noun(words: list[str], j: int) -> str:
    """The noun a hyphenated figure describes, the last of the noun phrase after it: "a 150-car
    Norfolk Southern freight train" -> "train"."""
    if j + 1 < len(words) and words[j][:1].isdigit() and _fold_unit(words[j + 1]) in MEASURE_UNITS:
        j += 2  # "a 30-foot (9.1-meter) craft": the bracket gives the same size in another unit
    start = j
    while j < len(words) and words[j][:1].isupper():
        j += 1
    noun = ""
    for word in words[j:j + 3]:
        if not word[:1].islower() or word in STOPWORDS or noun and (
                word.endswith(("ed", "ing")) or word in IRREGULAR_VERBS or word in ATTRIBUTION_VERBS):
            break
        noun = word
    if not noun and j > start:
        noun = words[j - 1]  # "the 30-foot Kestrel": the figure describes the named thing itself
    return _fold_unit(noun) if noun else ""


def _apposed_name(words: list[str], i: int) -> str:
    """The name a figure's noun phrase is set beside ("the Kestrel, a 28-foot boat"): the
    thing the figure describes, as another outlet may name it."""
    if i >= 3 and words[i - 1].lower() in ("a", "an") and words[i - 2] == "," and words[i - 3][:1].isupper():
        return words[i - 3]
    return ""


def _subset(lowered: list[str], i: int) -> bool:
    """A figure that counts part of the figure before it, in the same unit."""
    return i > 0 and lowered[i - 1] in SUBSET_BEFORE or lowered[i + 1:i + 3] in SUBSET_AFTER


SUBSET_BEFORE = frozenset({"including", "includes", "included"})
SUBSET_AFTER = (["of", "which"], ["of", "them"], ["of", "those"], ["of", "whom"])

FRACTIONS = frozenset({"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth",
                       "tenths"})
_UNITS_OF_TENS = {"one": 1, **{w: n for w, n in WORD_NUMBERS.items() if n < 10}}


def _spelled_number(word: str) -> tuple[float, str] | None:
    """A hyphenated number word: "thirty-eight" -> (38, ""), "eight-day" -> (8, "day"),
    "twenty-one-gun" -> (21, "gun"); None for any other word."""
    if "-" not in word:
        return None
    parts = word.split("-")
    if parts[0] not in WORD_NUMBERS:
        return None
    value = WORD_NUMBERS[parts[0]]
    rest = parts[1:]
    if 20 <= value < 100 and value % 10 == 0 and rest[0] in _UNITS_OF_TENS:
        value += _UNITS_OF_TENS[rest[0]]
        rest = rest[1:]
    if len(rest) > 1 or rest and (rest[0] in WORD_NUMBERS or rest[0] in FRACTIONS or not rest[0].isalpha()):
        return None  # "two-thirds", "five-and-a-half": not a count with its unit
    return float(value), rest[0] if rest else ""


def _one_counts(lowered: list[str], i: int) -> bool:
    """Is "one" (or the "a" of a compound duration) at i a count of the unit after it? See ONE_UNITS.
    "One day" opening a clause is the idiom ("one day he will…") unless a distance follows it."""
    if i + 1 >= len(lowered) or i and lowered[i - 1] in NOT_ONE_AFTER:
        return False
    unit = _fold_unit(lowered[i + 1])
    if unit == "day" and (i == 0 or lowered[i - 1] in _PUNCT) and lowered[i + 2:i + 3] not in (
            ["after"], ["before"], ["later"], ["earlier"], ["ago"]):
        return False
    return unit in _ONE_FOLDED


def _compound_duration(lowered: list[str], i: int) -> bool:
    """a/an, a unit, "and", a figure, the next smaller unit ("an hour and 45 minutes")."""
    if i + 4 >= len(lowered):
        return False
    smaller = _COMPOUND_FOLDED.get(_fold_unit(lowered[i + 1]))
    return (smaller is not None and lowered[i + 2] == "and"
            and (lowered[i + 3][:1].isdigit() or lowered[i + 3] in WORD_NUMBERS)
            and _fold_unit(lowered[i + 4]) == smaller)


_ONE_FOLDED = frozenset(map(_fold_unit, ONE_UNITS))
_COMPOUND_FOLDED = {_fold_unit(k): _fold_unit(v) for k, v in _COMPOUND_UNITS.items()}
# the words (lowered) that can open a figure besides one in digits, a currency sign or a hyphenated
# number word ("thirty-eight", "eight-day"): see number_statements
_FIGURE_WORDS = frozenset({*WORD_NUMBERS, "one", "a", "an", *VAGUE_NUMBERS, *VAGUE_MULTIPLIERS, *ORDINALS})


# A sentence with no digit is read for figures only when it holds a number word, or "one" before a
# unit (see ONE_UNITS). ("a"/"an" counts only in a compound duration, whose second figure is a digit
# or a number word: such a sentence is read anyway.)
_ONE_UNIT = re.compile(r"\bone\s+(?:" + "|".join(sorted(ONE_UNITS - {"foot"}) + ["feet", "metre", "kilometre", "litre"])
                       + r")s?\b", re.I)
_ONE_UNIT_STEMS = frozenset(content_stems(" ".join([*ONE_UNITS, *(u + "s" for u in ONE_UNITS), "feet", "metre",
                                                     "metres", "kilometre", "kilometres", "litre", "litres"])))


def has_one_unit(text: str, stems: Iterable[str] | None = None) -> bool:
    """Might the text count "one" of a unit: a cheap test before parsing (with the sentence's
    content stems, a set test first: most sentences name no unit; then substring tests: most
    hold no "one")."""
    if stems is not None and _ONE_UNIT_STEMS.isdisjoint(stems):
        return False
    return ("one" in text or "One" in text or "ONE" in text) and _ONE_UNIT.search(text) is not None


_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")


def _is_date_or_time(lowered: list[str], i: int) -> bool:
    w = lowered[i]
    if _YEAR_TOKEN.fullmatch(w):
        return True  # a year
    before = lowered[i - 1] if i else ""
    after = lowered[i + 1] if i + 1 < len(lowered) else ""
    if before == ":" or after == ":" or after in ("a", "p"):
        return True  # a clock time ("3:15 p.m.")
    return (before.rstrip(".") in MONTHS or after.rstrip(".") in MONTHS or after in ("am", "pm", "a.m", "p.m")
            or after.startswith(("st", "nd", "rd", "th")) and len(after) <= 2)


def _day_names(text: str) -> tuple[bool, bool]:
    """May ``text`` name a month, and a weekday? Each of them is asked of the claims' sentences,
    most of which name neither: every weekday ends in "day" (see may_name_a_month for months; a
    non-ASCII text may: its letters may fold)."""
    return may_name_a_month(text), not text.isascii() or "day" in text.lower()


def date_statements(item: int, article: int, text: str, names: frozenset[str],
                    published: datetime | None, story_day: date | None = None,
                    parts: list[Clause] | None = None) -> list[Statement]:
    """Every day-precise date of the sentence, and weekdays resolved against the publish date.
    A date's year is the one written next to it or none: never one found elsewhere in the article.
    ``story_day`` (see :func:`story_day`) places the year of an undated article's month and day;
    ``parts``: the sentence's :func:`clause_words`, when read already."""
    out: list[Statement] = []
    month_named, weekday_named = _day_names(text)
    if not (month_named or weekday_named):
        return out
    base = published.date() if published else None
    year_base = base or story_day
    beside = _weekdays_beside_dates(text) if month_named and weekday_named else {}
    for clause, _words, lowered in parts or ((c, None, None) for c in clauses(text)):
        # (a date with a day, "2023-06-22" aside, and a month alone are written with a month's name)
        mentions = [m for m in dates_in(clause, None, None)
                    # month precision is read below; "2023-06-22" is a page's date line, not prose
                    if m.day is not None and not _ISO.fullmatch(m.text) and _valid(2000, m.month, m.day)] \
            if month_named else []
        months = [m for m in _MONTH_ONLY.finditer(clause) if m.group("when") or m.group("year")] if month_named else []
        # (a month and year after another word is read only as a rescheduled day: see _moved_subject)
        if lowered is None:  # (its words lowered only when it may name a day)
            lowered = [w.lower() for w in _words_of(clause)] if weekday_named or mentions or months else []
        weekdays = [k for k, w in enumerate(lowered) if w in _WEEKDAY_SET and not _near_date(lowered, k)
                    and w not in beside.values()]
        if not (mentions or months or weekdays):
            continue  # (most clauses: their context is not worth reading)
        stems = frozenset(_context(lowered, names))
        for mention in mentions:
            assert mention.day is not None  # (mentions keep only dates with a day)
            before = [w.lower() for w in _words_of(clause[:max(clause.find(mention.text), 0)])]
            negated = _date_negated(lowered, len(before), len(_words_of(mention.text)))
            modality = _modality(before[-MODALITY_REACH:])  # the tense of the date's own verb phrase
            year = mention.year
            if year is None and year_base is not None:
                year = _nearest_year(year_base, mention.month, mention.day, modality == "future")
            when = date(year or 2000, mention.month, mention.day) if _valid(year or 2000, mention.month, mention.day) else None
            if when is None:
                continue
            written = beside.get((mention.month, mention.day))
            slip = written is not None and year is not None and WEEKDAYS.index(written) != when.weekday()
            out.append(Statement(item, article, "date", "date", float(when.toordinal()),
                                 f"{written.capitalize()}, {mention.text}" if slip and written else mention.text, "", 0.0, stems,
                                 names, negated, modality, year, (mention.month, mention.day),
                                 role=_date_role(before) or ("slip" if slip else ""),
                                 happening=_happening(before, names), year_guessed=mention.year is None and base is None))
        for match in months:
            month = MONTHS[match.group("month").lower()]
            year = int(match.group("year")) if match.group("year") else None
            before = [w.lower() for w in _words_of(clause[:match.start()])]
            modality = _verb_phrase_modality(before, len(before))
            negated = _date_negated(lowered, len(before), len(_words_of(match.group(0))))
            if year is None and base is not None:
                later = match.group("when").lower() == "next" or modality == "future"
                year = _nearest_year(base, month, 1, later)
            lead = [*before, match.group("when").lower()] if match.group("when") else before  # ("delayed until")
            moved = _moved_subject(lead, names, match.group("year") is not None and year_base is not None
                                   and (year or 0, month) < (year_base.year, year_base.month))
            if not (moved or match.group("when")):
                continue
            out.append(Statement(item, article, "date", "month", float(month + 12 * (year or 0)),
                                 match.group(0).strip(), "", 0.0, stems, names, negated, modality, year, (month, 0),
                                 subject=moved, role=MOVED if moved else ""))
        for k in weekdays:
            w = lowered[k]
            modality = _verb_phrase_modality(lowered, k)
            negated = _date_negated(lowered, k, 1)
            if base is None:  # no publish date to read it against: the weekday itself is the value
                out.append(Statement(item, article, "date", "weekday", float(WEEKDAYS.index(w)), w.capitalize(), "",
                                     0.0, stems, names, negated, modality, None, None,
                                     role=_date_role(lowered[:k]), happening=_happening(lowered[:k], names)))
                continue
            when = _weekday_before(base, WEEKDAYS.index(w), modality == "future")
            out.append(Statement(item, article, "date", "date", float(when.toordinal()), w.capitalize(), "",
                                 0.0, stems, names, negated, modality, when.year, (when.month, when.day),
                                 role=_date_role(lowered[:k]), happening=_happening(lowered[:k], names)))
    return out


def hung_on(s: Statement, sentence: str) -> str:
    """What a date is the day of, or a figure the figure of, in its sentence's own words, with "…"
    where the value stands: the words of its clause before it from the last conjunction that
    opens another happening ("three days after <Luna crashed on> …"), at most SUBJECT_WORDS of
    them; a figure keeps its noun and the few words after it ("… structures have been
    destroyed"); when its clause opens on the date ("On Thursday, the board voted…"), the words
    after it. "" when the date is read from a distance ("three days after X") or the value is not
    found as written."""
    if s.role == "relative":
        return ""
    if s.role == MOVED:  # (what was rescheduled: the clause's subject, "The first sea trial of the Aurora")
        subject = next((c[:c.find(s.text)].split(",")[0].strip() for c in clauses(sentence) if s.text in c), "")
        if len(subject.split()) >= MIN_SUBJECT_WORDS:
            return subject
    written = s.text.split(", ", 1)[1] if s.role == "slip" else s.text
    for clause in clauses(sentence):
        at = clause.find(written)
        if at < 0:
            continue
        if s.kind == "number":
            before = _subject_words(clause[:at].split(), FIGURE_WORDS_BEFORE)
            comma = max((k + 1 for k, w in enumerate(before) if w.endswith(",")), default=0)
            before = before[comma:] if len(before) - comma >= 2 else before
            noun = [w for w in written.split()[1:] if w.lower() not in _SCALE]
            after = []
            for w in clause[at + len(written):].split()[:FIGURE_WORDS_AFTER]:
                if not w[:1].isalnum():
                    break
                after.append(w.rstrip(",;:.!?"))
                if w != after[-1]:
                    break  # ("… structures have been destroyed, and": the phrase ends at its punctuation)
            after = [*noun, *after]
            while after and after[-1].lower() in STOPWORDS:
                after.pop()
            if len(before) + len(after) >= MIN_SUBJECT_WORDS:
                return " ".join([*before, "…", *after])
            continue
        before = _subject_words(clause[:at].split(), SUBJECT_WORDS)
        if sum(w[:1].isalpha() for w in before) >= MIN_SUBJECT_WORDS:
            return " ".join(before).lstrip(",;: ") + " …"
        after = _whole_quotes(clause[at + len(written):].lstrip(" ,;:)]").split()[:SUBJECT_WORDS])
        while after and after[-1].lower().strip(",;:.") in STOPWORDS:
            after.pop()  # (a window cut at a word that opens the next phrase: "had found a")
        if len(after) >= MIN_SUBJECT_WORDS:
            return "… " + " ".join(after).rstrip(",;:.")
    return ""


def _whole_quotes(words: list[str]) -> list[str]:
    """Words cut before a quotation they open but do not close (a window ending inside it)."""
    opened = [k for k, w in enumerate(words) if w[:1] in "\"“" and not w.rstrip(".,;:").endswith(("\"", "”"))]
    closed = sum(w.rstrip(".,;:").endswith(("\"", "”")) and w[:1] not in "\"“" for w in words)
    return words[:opened[-1]] if len(opened) > closed else words


def _subject_words(before: list[str], most: int) -> list[str]:
    """The words of a clause before a value that tell what it is of (see :func:`hung_on`)."""
    start = max((k + 1 for k, w in enumerate(before) if w.lower().strip(",") in OTHER_HAPPENING), default=0)
    before = before[start:][-most:]
    comma = max((k + 1 for k, w in enumerate(before) if w.endswith(",")), default=0)
    if len(before) - comma >= MIN_SUBJECT_WORDS + 1 and (
            before[comma][:1].isupper() or before[comma].lower() in SUBJECT_OPENERS):
        before = before[comma:]  # ("While X denies it, his trial is set for"): the clause of the value
    quoted = max((k + 1 for k, w in enumerate(before) if w.endswith(("”", "’", '"', ")")) and k < 3), default=0)
    return [w for w in before[quoted:] if w.strip(",;:")] if before[quoted:] else []  # (not inside a quote or aside)


FIGURE_WORDS_BEFORE = 10
FIGURE_WORDS_AFTER = 4
SUBJECT_WORDS = 14
SUBJECT_OPENERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "this", "that", "he", "she", "it", "they",
                             "we"})
MIN_SUBJECT_WORDS = 3
# Conjunctions after which a clause tells another happening than the one before them
OTHER_HAPPENING = frozenset({"after", "before", "when", "while", "since", "because", "although", "though",
                             "whereas", "until", "once"})


def _verb_phrase_modality(lowered: list[str], k: int) -> str:
    """The tense of the verb phrase of a weekday or month at k: its few words before, else the clause further back up
    to the nearest past form, verb of saying or comma ("the ferry is due to dock beside the old
    harbour wall after a long crossing on Wednesday" is a plan; "it will rise, the mayor said
    Thursday" is not).
    A weekday read as past when it is planned lands a week early; a month, in the wrong year."""
    near = _modality(lowered[max(0, k - MODALITY_REACH):k])
    if near:
        return near
    for j in range(k - 1, -1, -1):
        if j < k - MODALITY_REACH and (found := _modality(lowered[j:j + 2])):
            return found
        if _verb_like(lowered[j]) or lowered[j] in ATTRIBUTION_VERBS or lowered[j] == ",":
            return ""  # (another verb, or a comma: the weekday hangs on a verb phrase of its own)
    return ""


def _happening(before: list[str], names: frozenset[str]) -> frozenset[str]:
    """The content stems of the few words a date follows: its verb or noun ("launched on",
    "the crash on", "debut on Thursday"). A time of day ("early Sunday", "Thursday morning")
    places the date; it is not what happened on it."""
    words = before[-HAPPENING_REACH:]
    if not any(_verb_like(w) for w in words):
        # the date closes a phrase hung on a verb further back ("received a guilty verdict on the
        # counts of fraud and money laundering on November 3"): the words from that verb on
        # (counted in words: a clock time, "3:15 p.m.", is no words of it)
        spoken = [w for w in before if len(w) > 1 and w[0].isalpha()]
        start = next((k for k in range(len(spoken) - 1, max(-1, len(spoken) - HAPPENING_VERB_REACH - 1), -1)
                      if _verb_like(spoken[k])), None)
        words = spoken[start:] if start is not None else words
    return frozenset(_context([w for w in words if w not in TIME_OF_DAY], names))


HAPPENING_VERB_REACH = 16  # words


def _moved_subject(before: list[str], names: frozenset[str], past: bool) -> frozenset[str]:
    """The words of what a rescheduled date is the new day of: the subject of its clause, up to its
    first comma ("the first sea trial of the Aurora, once planned for 2029, was pushed back to
    March 2031" -> first, sea, trial, aurora), names as they are and other words stemmed. Empty
    unless the date follows a RESCHEDULE_PHRASES phrase and its day had passed when its article was
    written (``past``): a schedule still ahead is a plan that a later report may overtake, but one
    already past, told as the schedule, says the thing happened (or was to happen) then."""
    cut = _phrase_ending(before, len(before), _RESCHEDULES) if past else 0
    if not cut:
        return frozenset()
    words = before[:len(before) - cut]
    words = words[:words.index(",")] if "," in words else words
    return frozenset(w if w in names else found for w in words if (found := _context_stem(w)) is not None)


def _verb_like(word: str) -> bool:
    """A past form ("received", "returned", "sank"): the verb a date's phrase may hang on."""
    return len(word) > 3 and word.endswith("ed") or word in IRREGULAR_VERBS


# Words that place an event within its day: never what happened on that day.
TIME_OF_DAY = frozenset({"early", "earlier", "late", "later", "morning", "afternoon", "evening", "night",
                         "overnight", "noon", "midday", "midnight", "dawn", "dusk", "tonight"})


HAPPENING_REACH = 6

# Phrases that give a date as the new day of something rescheduled ("the opening was pushed back to
# May 2031"): what happens on that day is the subject of the clause, not the verb before the date.
RESCHEDULE_PHRASES = ("pushed back to", "pushed back until", "pushed back into", "pushed to", "delayed to",
                      "delayed until", "postponed to", "postponed until", "moved to", "moved back to",
                      "rescheduled for", "rescheduled to", "deferred to", "deferred until", "put off until",
                      "slipped to", "slipped into")
_RESCHEDULES = _by_last_word(RESCHEDULE_PHRASES)
MOVED = "moved"  # the role of a rescheduled date whose day had passed when its article was written
MIN_MOVED_SUBJECT = 3  # words of the subject another outlet's dated sentence must name (all but one of them)


def _date_negated(lowered: list[str], at: int, width: int) -> bool:
    """A negation in the date's own verb phrase: the few words before it or just after it ("did
    not launch on Friday", "on Friday, it did not launch"); one at the far end of a long clause
    ("…, a site that has never been profitable") denies something else."""
    after = [w for w in lowered[at + width:at + width + 2 * DATE_NEGATION_AFTER] if w not in _PUNCT]
    window = lowered[max(0, at - NEGATION_REACH):at] + after[:DATE_NEGATION_AFTER]
    return any(w in _NEGATIONS or w.endswith("n't") for w in window)


DATE_NEGATION_AFTER = 5  # words


def _date_role(before: list[str]) -> str:
    """ "said" when a date follows a verb of saying ("Green said on Saturday", "told reporters
    Monday"): the day of a statement, not of an event."""
    return "said" if any(w in ATTRIBUTION_VERBS for w in before[-SAID_REACH:]) else ""


SAID_REACH = 3


def _nearest_year(base: date, month: int, day: int, future: bool) -> int:
    """The year that puts a month and day nearest the publish date (the next one for a plan):
    "March 28" in a story of 2 November 2023 is 28 March 2024."""
    years = [base.year - 1, base.year, base.year + 1]
    if future:
        later = [y for y in years if _valid(y, month, day) and date(y, month, day) >= base]
        if later:
            return later[0]
    valid = [y for y in years if _valid(y, month, day)]
    return min(valid, key=lambda y: (abs((date(y, month, day) - base).days), y)) if valid else base.year


# A month named without a day: "in February", "next February", "February 2025"; "early 2025" is
# left out, and so is the month of a day written before it ("5 June 2024"). A month and year after
# another word is a date only as a rescheduled day ("pushed back to April 2025", RESCHEDULE_PHRASES).
_MONTH_ONLY = re.compile(r"\b(?:(?P<when>in|next|by|until|from|since|through|this|last|early|late|mid|mid-)\s+)?"
                         r"(?<!\d\s)(?<!\d[a-z][a-z]\s)"
                         r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
                         r"December)\b(?!\s+\d{1,2}\b)(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")


_MONTH_WORD = r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY_THEN_DATE = re.compile(r"\b(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b[\s,(]*(?:the\s+)?"
                                rf"(?:{_MONTH_WORD}\s+(?P<day>\d{{1,2}})\b|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+"
                                rf"{_MONTH_WORD.replace('month', 'month2')})", re.IGNORECASE)


def _weekdays_beside_dates(text: str) -> dict[tuple[int, int], str]:
    """(month, day) -> the weekday written right before it ("Thursday, Nov. 2", "Thursday (March
    21)", "Thursday 2 November"): the two are one date. A weekday that is not the date's own is one
    half of a slip (see :func:`_same_happening`)."""
    out: dict[tuple[int, int], str] = {}
    for m in _WEEKDAY_THEN_DATE.finditer(text):
        month = MONTHS.get((m.group("month") or m.group("month2")).lower().rstrip("."))
        day = int(m.group("day") or m.group("day2"))
        if month is not None and 1 <= day <= 31:
            out[(month, day)] = m.group("weekday").lower()
    return out


def _near_date(lowered: list[str], k: int) -> bool:
    """A weekday written next to its date ("Thursday, Nov. 2") is that date, already read."""
    window = lowered[k + 1:k + 4]
    return any(w.rstrip(".") in MONTHS for w in window) or any(w.rstrip(".") in MONTHS for w in lowered[max(0, k - 3):k])


def _weekday_before(base: date, weekday: int, future: bool) -> date:
    """The weekday nearest the publish date on the side the tense points to (past unless future)."""
    delta = (base.weekday() - weekday) % 7
    if future:
        return base + timedelta(days=(weekday - base.weekday()) % 7)
    return base - timedelta(days=delta)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


MAX_STATEMENT_CHARS = 1200


def statements(items: Sequence[Item], published: Sequence[datetime | None]) -> list[Statement]:
    """The figure and date statements of every item (claims.Item: its sentence, features and the
    merge's reading, where the figures and dates read here are kept for the stages asking again)."""
    out: list[Statement] = []
    middle = story_day(published)
    for n, item in enumerate(items):
        sentence, features = item.sentence, item.features
        text = sentence.text
        if len(text) > MAX_STATEMENT_CHARS:
            continue  # a table, a list run together or garbage: no sentence of news is this long
        if _READ_STEMS.isdisjoint(features.stems):  # (most sentences: then only a digit can give a statement)
            if not has_digit(text):
                continue
        elif not has_digit(text) and _CUE_STEMS.isdisjoint(features.stems) and not has_one_unit(text, features.stems):
            continue  # no figure, number word, month or weekday: nothing to read
        names = features.names
        parts = clause_words(text)
        numbers = number_statements(n, sentence.article, text, names, parts)
        dates = date_statements(n, sentence.article, text, names, published[sentence.article], middle, parts)
        if item.reading is not None:
            item.reading.numbers.setdefault(text, numbers)
            item.reading.dates[n] = dates
        out += numbers
        out += dates
        out += relative_statements(n, sentence.article, text, names, published[sentence.article])
    return _weekdays_placed(_counted_before(out, items))


def dates_of(n: int, item: Item, published: datetime | None, story_day: date | None) -> list[Statement]:
    """:func:`date_statements` of the merge's ``n``-th item, read against its article's publish date
    (``published``) once per merge: kept in the item's reading. ``story_day`` places an undated
    article's dates: the story's middle day, as :func:`statements` reads them (for a dated
    article it changes nothing)."""
    reading = item.reading
    found = reading.dates.get(n) if reading is not None else None
    if found is None:
        sentence = item.sentence
        found = date_statements(n, sentence.article, sentence.text, item.features.names, published, story_day)
        if reading is not None:
            reading.dates[n] = found
    return found


def figures_in(text: str, stems: frozenset[str] | tuple[str, ...] | None = None,
               numbers: list[Statement] | None = None) -> list[Statement]:
    """The figures a sentence gives, written in digits or in words ("nine days"): what each is (its
    kind, unit, value, precision, bound and words), not what it is about (its context, head,
    subject, moment and names are left empty); a count of people is one unit whatever befell them
    ("five passengers … killed", "five killed"). ``stems``: the sentence's content stems when
    known (they spare a test of a bare text); ``numbers``: its :func:`number_statements` when
    read already, with whatever names (names change only what a figure is about)."""
    if not has_digit(text) and _NUMBER_WORD.search(text) is None and not has_one_unit(text, stems):
        return []  # (no digit, no number word, "eight-day" included, no "one" of a unit: nothing to parse)
    if numbers is None:
        numbers = number_statements(0, 0, text, frozenset())
    return [replace(s, item=0, article=0, unit="people" if s.unit in PERSON_UNITS else s.unit, context=frozenset(),
                    names=frozenset(), head="", moment="", subject=frozenset()) for s in numbers]


def numbers_read(text: str, reading: Reading | None) -> list[Statement]:
    """:func:`number_statements` of a text, read with no names: the ones :func:`statements` read
    when the text is a sentence of the merge (names change only what a figure is about)."""
    found = reading.numbers.get(text) if reading is not None else None
    return found if found is not None else number_statements(0, 0, text, frozenset())


def death_tolls(text: str, reading: Reading | None = None) -> list[float]:
    """The death tolls a text gives (read as :func:`numbers_read` reads them), but those with a year
    written before them, which are that year's ("the 2019 flood, which killed 30 people")."""
    if not has_digit(text) or DEATH_WORDS.isdisjoint(_LOWER_RUN.findall(text.lower())):
        return []  # (a toll is written in digits, beside a word of death; most texts give neither)
    return [s.value for s in numbers_read(text, reading) if s.unit == DEATHS and s.year is None]


_LOWER_RUN = re.compile(r"[a-z]+")


def figures_given(item: Item) -> list[Statement]:
    """:func:`figures_in` of an item's sentence (a claims.Item), kept in the merge's reading; from
    the figure statements :func:`statements` read, when it read the sentence."""
    text, reading = item.sentence.text, item.reading
    if reading is None:
        return figures_in(text, item.features.stems)
    found = reading.figures.get(text)
    if found is None:
        found = reading.figures[text] = figures_in(text, item.features.stems, reading.numbers.get(text))
    return found


# the lookahead on first letters spares trying every number word at each word boundary (0.35 -> 0.06 s
# on the regex harness's megabyte of "1.2.")
_NUMBER_WORD = re.compile(r"\b(?=[" + "".join(sorted({w[0] for w in WORD_NUMBERS})) + "])(?:"
                          + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _weekdays_placed(found: list[Statement]) -> list[Statement]:
    """A weekday in an undated article ("was convicted Thursday") is the day of that weekday which
    other outlets' dated sentences give to the same happening (their "convicted on Thursday",
    read against their publish dates): the sentence's own event is the one they date. Left a bare
    weekday when no dated sentence tells its happening on that weekday, or two days do."""
    dated: dict[int, list[Statement]] = defaultdict(list)
    for s in found:
        if s.unit == "date" and s.month_day is not None and s.year is not None and s.role in ("", "said") \
                and _valid(s.year, *s.month_day) and s.happening:
            dated[date(s.year, *s.month_day).weekday()].append(s)
    if not dated:
        return found
    out = list(found)
    for k, s in enumerate(found):
        if s.unit != "weekday" or not s.happening:
            continue
        days = {(t.year, t.month_day) for t in dated.get(int(s.value), ()) if t.article != s.article
                and t.negated == s.negated and t.role == s.role and not t.happening.isdisjoint(s.happening)}
        if len(days) == 1:
            [(year, month_day)] = days
            assert year is not None and month_day is not None  # (dated holds only such statements)
            out[k] = replace(s, unit="date", value=float(date(year, *month_day).toordinal()), year=year,
                             month_day=month_day)
    return out


# Nouns that stand for a count told in the sentence before ("the number ran into the tens of
# thousands", "that tally"): the figure counts what that sentence names.
COUNT_NOUNS = frozenset({"number", "count", "tally", "total", "figure"})
_COUNT_NOUN_STEMS = frozenset(stem(w) for w in COUNT_NOUNS)


def _counted_before(found: list[Statement], items: Sequence) -> list[Statement]:
    """A bare figure whose own words call it "the number" (a count told in the sentence before)
    counts the one noun of that sentence which the story's other figures count ("Dead fish
    appeared in the creek. The number ran into the thousands." counts fish when another outlet
    gives a count of fish); with none or several such nouns it stays a bare figure."""
    bare = [k for k, s in enumerate(found) if s.unit == COUNT and not _COUNT_NOUN_STEMS.isdisjoint(s.context)]
    if not bare:
        return found
    counted = {s.unit for s in found if s.kind == "number" and s.unit not in GENERIC_UNITS and s.unit not in MEASURES}
    out = list(found)
    for k in bare:
        s = found[k]
        if s.item == 0 or items[s.item - 1][0].article != s.article:
            continue
        before = {_fold_unit(w) for w in _words_of(items[s.item - 1][0].text) if w[:1].isalpha()} & counted
        if len(before) == 1:
            unit = next(iter(before))
            out[k] = replace(s, unit=unit, text=f"{s.text} ({unit})" if s.bound == VAGUE else s.text,
                             context=s.context - _COUNT_NOUN_STEMS)
    return out


# "three days after", "two weeks before", "a day ago": a date written as a distance from another
_RELATIVE_DAYS = re.compile(r"\b(?:(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                            r"\s+(?:full\s+)?(?P<unit>days?|weeks?)\s+(?P<dir>after|before|ago|later|earlier)"
                            r"|the\s+(?:next|following)\s+(?P<unit2>day|week))\b", re.IGNORECASE)
# A main clause that tells its event as news of the day ("the landing comes three days after…"):
# its event is on the publish date, the anchor of the distance. A past-tense main clause
# ("the ship sank two days after…") gives no anchor unless it names its own date.
NOW_WORDS = frozenset({"comes", "follows", "arrives", "marks", "today", "tonight"})


def relative_statements(item: int, article: int, text: str, names: frozenset[str],
                        published: datetime | None) -> list[Statement]:
    """Dates written as a distance from another date: "<event> N days ago" (from the publish
    date), "<A> comes N days after <event>" (from A's date, written in its clause, or the publish
    date when A is told as today's news), "<event> N days before <B on a date>" (from B's date),
    "<A on a date>, and <event> a day later / the next day" (from A's date). The statement is the
    event's own day, so it is compared like any written date; it shows its distance and anchor
    ("August 20 (three days before August 23)")."""
    out: list[Statement] = []
    if text.isascii() and "day" not in (lowered := text.lower()) and "week" not in lowered:
        return out  # (a distance counts days or weeks; a non-ASCII letter may fold to one of theirs)
    base = published.date() if published else None
    for m in _RELATIVE_DAYS.finditer(text):
        head_parts, tail_parts = clauses(text[:m.start()]), clauses(text[m.end():])
        # the phrase's own stretch of words, up to the nearest comma ("On June 5, three days after the
        # crash, rescuers found it": the crash is three days before June 5, the finding is not)
        head = head_parts[-1].rsplit(",", 1)[-1] if head_parts else ""
        tail = tail_parts[0].split(",", 1)[0] if tail_parts else ""
        anchor_head = head_parts[-1] if head_parts else ""
        direction = (m.group("dir") or "later").lower()
        if direction == "ago":
            anchor, event = base, head
        elif direction == "after":
            anchor, event = _day_in(anchor_head, base), tail
            told = [w.lower() for w in _words_of(head)]
            if anchor is None and base is not None and not NOW_WORDS.isdisjoint(told) and _modality(told) != "future":
                anchor = base  # ("the report is expected three weeks after …": a plan, not today's news)
        elif direction == "before":
            anchor, event = _day_in(tail, base), head
        else:  # later, earlier, the next day: from the last date written before it in the sentence
            anchor, event = next((d for d in map(lambda c: _day_in(c, base), reversed(head_parts)) if d), None), head
        event_words = [w.lower() for w in _words_of(event)]
        span = _span(m)
        if anchor is None or not event_words or span > MAX_RELATIVE_DAYS:
            continue
        after = direction == "later"  # (the event is that many days after its anchor)
        when = anchor + timedelta(days=span) if after else anchor - timedelta(days=span)
        # the event's own verb phrase: the start of the clause after "after", the end of the one before
        nearby = event_words[:MODALITY_REACH] if direction == "after" else event_words[-MODALITY_REACH:]
        distance = " ".join(m.group(0).split()[:-1]) if m.group("n") else "a " + (m.group("unit2") or "day")
        shown = f"{distance} {'after' if after else 'before'} " \
                f"{format_date(DateMention('', anchor.month, anchor.day, None, None), None)}"
        out.append(Statement(item, article, "date", "date", float(when.toordinal()), shown, "", 0.0,
                             frozenset(_context(event_words, names)), names, _negated(nearby, len(nearby)),
                             _modality(nearby), when.year, (when.month, when.day), role="relative",
                             happening=frozenset(_context(nearby[:HAPPENING_REACH] if direction == "after"
                                                          else nearby[-HAPPENING_REACH:], names))))
    return out


def _span(m: re.Match[str]) -> int:
    """The days a distance counts ("three days", "two weeks", "the next day")."""
    count = (m.group("n") or "one").lower()
    unit = (m.group("unit") or m.group("unit2") or "day").lower()
    return (int(count) if count.isdigit() else WORD_NUMBERS.get(count, 1)) * (7 if unit.startswith("week") else 1)


MAX_RELATIVE_DAYS = 62  # a longer distance is seldom the day of an event a reader checks


def _day_in(clause: str, base: date | None) -> date | None:
    """The first day-precise date a clause writes (its year as written, else the one nearest the
    publish date; none without either), or its first weekday read against the publish date."""
    for mention in dates_in(clause, None, None):
        if mention.day is None or _ISO.fullmatch(mention.text):
            continue
        year = mention.year or (_nearest_year(base, mention.month, mention.day, False) if base else None)
        if year is not None and _valid(year, mention.month, mention.day):
            return date(year, mention.month, mention.day)
    lowered = [w.lower() for w in _words_of(clause)]
    weekday = next((w for w in lowered if w in WEEKDAYS), None)
    if weekday is None or base is None:
        return None
    return _weekday_before(base, WEEKDAYS.index(weekday), _modality(lowered) == "future")


def story_day(published: Sequence[datetime | None]) -> date | None:
    """The middle publish date of a story's dated articles. An undated article reports the same
    event, so its "March 21" is read in the year nearest this day (its weekdays, which could be of
    any week, stay unresolved); without it such a date is compared with nothing, and one outlet's
    slip ("November 21" for the others' "March 21") goes unseen."""
    days = sorted(p.date() for p in published if p is not None)
    return days[(len(days) - 1) // 2] if days else None


# (a sentence's stems are at hand: one set test instead of a search of its text)
_CUE_STEMS = frozenset(stem(w) for w in (*WORD_NUMBERS, *WEEKDAYS, *(m for m in MONTHS if len(m) > 3), "ago"))
_READ_STEMS = _CUE_STEMS | _ONE_UNIT_STEMS  # a sentence with no digit gives a statement only with one of these


# ---------------------------------------------------------------------------------------------- attributes

MAX_RIVAL_OUTLETS = 3  # a value more outlets give is a fact of its own, not a rival reading of another
MIN_SHARED_CONTEXT = 1  # core words two facts with different values must share to be one attribute ...
MIN_CORE_SHARE = 0.25  # ... and this share of the smaller core
GENERIC_SHARED, GENERIC_SHARE = 2, 0.5  # the same for a common unit ("$", "%", years): more evidence needed ...
CLOSE_RATIO = 1.3  # ... unless the two values are this close (two quantities of one unit seldom are)


def attributes(found: list[Statement]) -> list[list[Statement]]:
    """Statements grouped by attribute, in two steps that cannot chain unrelated facts:

    1. *facts*: statements of one unit whose values agree and whose clauses share a word (dates:
       the same day), linked across articles;
    2. each fact, smallest first, joins the one larger fact of its unit with a different value
       whose core words (those most of its statements use) it shares most (two at least): that
       pair is one attribute with two values, a dispute.

    Only attributes that two articles state are returned."""
    facts = _facts(found)
    cores = [_core(f) for f in facts]
    heads = [frozenset(s.head for s in f if s.head) for f in facts]
    subjects = [_held_by_most(f, "subject") for f in facts]
    described = [frozenset(s.modifies for s in f if s.modifies) for f in facts]
    named = [_named(f) for f in facts]
    outlets = [frozenset(s.article for s in f) for f in facts]
    size = [len(o) for o in outlets]
    parent = list(range(len(facts)))

    def root(x: int) -> int:
        return parent[x]

    # largest first: a fact joins one fact placed before it that has joined nothing itself, so an
    # attribute is one fact and its rivals, never a chain
    # (the facts of each unit placed so far that joined nothing: the only ones a fact may join)
    open_facts: dict[str, list[int]] = defaultdict(list)
    for f in sorted(range(len(facts)), key=lambda i: (-size[i], i)):
        best, best_score = None, (MIN_SHARED_CONTEXT - 1, 0.0)
        candidates = open_facts[_bucket(facts[f])]
        for g in candidates if size[f] <= MAX_RIVAL_OUTLETS else ():
            if outlets[g] <= outlets[f]:
                continue  # rivals are told by other outlets: one outlet's two figures are two things
            one_thing = bool(described[f] & described[g])  # "a 150-car train" / "a 50-car train"
            if not _may_differ(facts[f], facts[g], one_thing):
                continue
            if subjects[f] and subjects[g] and subjects[f].isdisjoint(subjects[g]) and not one_thing:
                continue  # figures of two named things ("Meta, valued at $670 billion" and another firm's)
            if size[g] >= NAMED_OUTLETS and named[f] and named[g] and named[f].isdisjoint(named[g]):
                continue  # a fact several outlets state, each naming its thing, and a figure about another
            if described[f] != described[g] and not one_thing and not (
                    _about(described[f], cores[g]) and _about(described[g], cores[f])):
                continue  # a train's length is not the count of its cars that derailed
            one_thing = one_thing or _own_weekday_slip(facts[f], facts[g])
            shared = len(cores[f] & cores[g]) + (MIN_SHARED_CONTEXT + len(cores[f] | cores[g]) if one_thing else 0)
            generic = _bucket(facts[f]) in GENERIC_UNITS and not _close(facts[f], facts[g])
            need, share = (GENERIC_SHARED, GENERIC_SHARE) if generic else (MIN_SHARED_CONTEXT, MIN_CORE_SHARE)
            if not generic and _vague_only(facts[f]) != _vague_only(facts[g]):
                shared, share = shared + 1, 0.0  # "tens of thousands of fish", "3,500 fish": the noun is shared
            if heads[f] & heads[g]:  # "fined $250" / "fined $500": the same word names the figure
                shared += 1
                if generic:
                    need, share = 1, 0.0
            # (equal evidence: the nearer value, since two reports of one quantity seldom differ much)
            score = (shared, -_spread(facts[f], facts[g]))
            if score > best_score and shared >= need and shared >= share * min(len(cores[f]), len(cores[g])):
                best, best_score = g, score
        if best is not None:
            parent[f] = best
        else:
            candidates.append(f)
    groups: dict[int, list[Statement]] = defaultdict(list)
    for i, fact in enumerate(facts):
        groups[root(i)].extend(fact)
    return [g for _r, g in sorted(groups.items()) if len({s.article for s in g}) >= 2]


def _bucket(fact: list[Statement]) -> str:
    """The unit a fact's rivals are sought in: its own, but the days of the month for a rescheduled
    month (see :func:`_moved_subject`)."""
    return "date" if fact[0].unit == "month" and any(s.role == MOVED for s in fact) else fact[0].unit


_MARKET_STEMS = frozenset(stem(w) for w in MARKET_WORDS)
_TIME_NAMES = frozenset((*WEEKDAYS, *MONTHS, *WORD_NUMBERS))  # capitalised, but a time or a count, not a thing


def _moment(before: list[str], after: list[str], context: frozenset[str], head: str, unit: str) -> str:
    """The moment of a trading day a market figure is quoted at: a moment word around it, the
    nearest before it first ("opened at $21 and climbed as high as $26.40"); words after a
    comparison's base ("up 40% from its offer price") name the base, not the moment. A price or a
    share named by its moment ("the high of $24.10", "closed at $23") is a market figure by that."""
    if context.isdisjoint(_MARKET_STEMS) and not (unit in MEASURES and head in MOMENT_WORDS):
        return ""
    cut = next((k for k, w in enumerate(after) if w in BASE_WORDS or w in _NEXT_PHRASE), len(after))
    words = [*before, *after[:cut]]
    found = [(abs(k - len(before)), k) for k, w in enumerate(words)
             if w in MOMENT_WORDS and words[k + 1:k + 2] != ["to"]]  # ("close to $4 billion": about)
    if not found:
        return ""
    k = min(found)[1]
    if k and words[k - 1] in ("late", "mid"):
        return "late" if words[k - 1] == "late" else "midday"  # "late morning" is not early
    return MOMENT_WORDS[words[k]]


# Words that introduce the base of a change ("up 40% from its offer price", "25% above"): what follows
# them is the value compared against, not the moment of the figure.
BASE_WORDS = frozenset({"from", "above", "below", "than", "following", "since", "over"})
_NEXT_PHRASE = frozenset({"and", "but", "before", "then", "while", ",", "after"})  # ("opened at $15 and closed at $23")


def _subject(lowered: list[str], i: int, names: frozenset[str]) -> frozenset[str]:
    """The names among the words just before a figure ("Meta, valued at"), a day's name left out
    and a name used as a word of a noun after a possessive ("from its listing price of") too."""
    start = max(0, i - WINDOW_BEFORE)
    return frozenset(w for k, w in enumerate(lowered[start:i], start) if w in names and w not in _TIME_NAMES
                     and not (k and lowered[k - 1] in POSSESSIVES) and not _cited(lowered, k))


def _cited(lowered: list[str], k: int) -> bool:
    """The name at k is whom the figure is attributed to ("according to the agency, 171 ..."), not
    what it is a figure of."""
    before = lowered[max(0, k - 3):k]
    return before[-2:] == ["according", "to"] or before[-3:-1] == ["according", "to"]


POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "your", "my"})


def _spread(f: list[Statement], g: list[Statement]) -> float:
    """How far apart two facts' values are, as a ratio (dates: days)."""
    a, b = abs(f[0].value), abs(g[0].value)
    if f[0].kind != "number":
        return abs(a - b)
    return max(a, b) / min(a, b) if min(a, b) > 0 else math.inf


def _named(fact: list[Statement]) -> frozenset[str]:
    """The names every sentence of a fact gives (a day's name left out): what the fact is about
    when its sentences name it."""
    return frozenset.intersection(*(s.names for s in fact)) - _TIME_NAMES


NAMED_OUTLETS = 3  # a fact this many outlets state, each naming the same thing, is about that thing


def _about(described: frozenset[str], core: frozenset[str]) -> bool:
    """A figure describing a noun ("a 10-year sentence") and one whose words name that noun
    ("sentenced to 12 years") can be one quantity; nothing described is no obstacle either."""
    return all(stem(noun) in core or noun in core for noun in described)


def _close(f: list[Statement], g: list[Statement]) -> bool:
    """Two figure facts whose values are within CLOSE_RATIO of each other. Left out: shares (on a
    scale of 0 to 100 two different shares are often close) and market figures (a price or a
    move quoted at two moments of a trading day is close and no dispute)."""
    if f[0].kind != "number" or f[0].unit == "%" or any(not s.context.isdisjoint(_MARKET_STEMS) or s.bound == VAGUE
                                                          for s in (*f, *g)):
        return False
    low = min(abs(s.value) for s in (*f, *g))
    return low > 0 and max(abs(s.value) for s in (*f, *g)) / low <= CLOSE_RATIO


def _facts(found: list[Statement]) -> list[list[Statement]]:
    by_unit: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(found):
        by_unit[s.unit].append(i)
    parent = list(range(len(found)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for unit in sorted(by_unit):
        for window in _windows([found[i] for i in by_unit[unit]], by_unit[unit]):
            for x in range(len(window)):
                a = found[window[x]]
                for y in window[x + 1:]:
                    b = found[y]
                    if b.kind == "number" and b.value > a.value * AGREE_SPAN + 1:
                        break  # sorted by value: nothing further on can agree
                    if a.article != b.article and root(window[x]) != root(y) and same_fact(a, b):
                        ra, rb = root(window[x]), root(y)
                        parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[Statement]] = defaultdict(list)
    for i, s in enumerate(found):
        groups[root(i)].append(s)
    return [g for _r, g in sorted(groups.items())]


AGREE_SPAN = 1.5  # two figures further apart than this factor (plus one) never agree, rounded or not


def _windows(statements: list[Statement], indices: list[int]) -> list[list[int]]:
    """The runs of one unit's statements within which two can agree, so that no pair is tried that
    cannot (the grouping stays near n log n on a story of hundreds of outlets): figures sorted by
    value (the caller stops at AGREE_SPAN), dates by day, weekdays by weekday."""
    if statements[0].kind == "number":
        return [[i for _v, i in sorted(zip((s.value for s in statements), indices))]]
    buckets: dict[object, list[int]] = defaultdict(list)
    for s, i in zip(statements, indices):
        buckets[s.month_day if s.month_day is not None else s.value].append(i)
    return [buckets[k] for k in sorted(buckets, key=repr)]


def same_fact(a: Statement, b: Statement) -> bool:
    """Two statements give the same value of the same thing: one unit, agreeing values, neither
    denies what the other asserts, and (figures of a common unit) the words around them share one."""
    if a.unit != b.unit or a.negated != b.negated or a.modifies != b.modifies or VAGUE in (a.bound, b.bound):
        return False  # (a range is one fact with nothing: it would join two rival figures inside it)
    if a.moment and b.moment and a.moment != b.moment:
        return False  # "priced at $15" and "opened at $15": one value of two quantities
    # (the words first: most pairs of a common unit share none, and agree weighs roundings)
    return (a.unit not in GENERIC_UNITS or not a.context.isdisjoint(b.context)) and agree(a, b)


# Units so common that one value of them says little by itself ("$34", "25%", "3 years"): two
# statements of the same value need a shared word as well to be one fact. Any other unit ("1,200
# scooters", "seven counts") with one value is one fact.
GENERIC_UNITS = frozenset({"$", "€", "£", "¥", "rs", "%", COUNT, "year", "day", "hour", "week", "month", "minute",
                           "time", "people", "percent", "point", "share", "weekday", RANK})


def _may_differ(f: list[Statement], g: list[Statement], one_thing: bool = False) -> bool:
    """Two facts can be values of one attribute: same polarity and values of one order (see
    :func:`rivals`; of any order up to ONE_THING_RATIO when both describe the same noun);
    whether they conflict is decided later (:func:`consistent`). Each fact's distinct values
    are few (its statements agree), so this compares those, not every pair."""
    a, b = f[0], g[0]
    if a.negated != b.negated or (a.kind == "number" and (_planned(f) != _planned(g) or _role(f) != _role(g))):
        return False  # a forecast or a target is not a rival of a reported figure (a date is planned either way)
    if a.kind == "number":
        if _moments(f) and _moments(g) and _moments(f).isdisjoint(_moments(g)):
            return False  # the opening price and the day's high are two quantities
        if any(s.bound == VAGUE for s in (*f, *g)):
            return all(rivals(x, y) for x in _distinct(f) for y in _distinct(g))
        low = min(abs(s.value) for s in (*f, *g))
        return low > 0 and max(abs(s.value) for s in (*f, *g)) / low <= (ONE_THING_RATIO if one_thing else RIVAL_RATIO)
    if (_said_on(f) or _said_on(g)) and not _slipped(f, g):
        return False  # the day something was said ("Green said on Saturday") is not the day of an event
    return all(rivals(x, y) for x in _distinct(f) for y in _distinct(g)) and _same_happening(f, g)


def _slipped(f: list[Statement], g: list[Statement]) -> bool:
    """One outlet's date has the shape of a slip of the date two or more others give: the same day
    in another month or year, or a weekday written beside it that is not its own."""
    outlets = sorted((len({s.article for s in f}), len({s.article for s in g})))
    return outlets[0] == 1 and outlets[1] >= 2 and any(
        x.month_day is not None and y.month_day is not None and x.month_day[1] == y.month_day[1] != 0
        or x.role == "slip" or y.role == "slip" for x in f for y in g)


def _own_weekday_slip(f: list[Statement], g: list[Statement]) -> bool:
    """One outlet writes a weekday beside a date that is not its own ("Thursday (July 22)"), and
    that weekday and day of the month are exactly the date two or more other outlets give (a
    Thursday, June 22): only the month or the year slipped. The outlet's own words point at the
    others' date, so the two are one date whatever words each sentence hangs it on."""
    if len(fact_outlets := {s.article for s in f}) == 1 and len({s.article for s in g}) >= 2:
        slip, other = f, g
    elif len({s.article for s in g}) == 1 and len(fact_outlets) >= 2:
        slip, other = g, f
    else:
        return False
    return any(x.role == "slip" and x.month_day is not None and y.month_day is not None and y.year is not None
               and x.month_day[1] == y.month_day[1] and x.month_day != y.month_day
               and _valid(y.year, *y.month_day)
               and WEEKDAYS.index(x.text.split(",")[0].lower()) == date(y.year, *y.month_day).weekday()
               for x in slip for y in other)


def _same_happening(f: list[Statement], g: list[Statement]) -> bool:
    """Two dates a day or a few apart are often two steps of one story (a launch and the arrival
    a day later, a pricing and the debut): they are rival dates of one event only when the words
    they hang on share one ("launched on June 5" / "launched on June 6"). A date one outlet gives
    that repeats the day of a date several outlets give, in another month or year, is the shape of
    a slip and needs no more than the shared clause words every attribute needs."""
    if any(s.role == MOVED for s in (*f, *g)):
        return _names_what_moved(f, g) or _names_what_moved(g, f)
    return _slipped(f, g) or not _happenings(f).isdisjoint(_happenings(g))


def _names_what_moved(f: list[Statement], g: list[Statement]) -> bool:
    """A rescheduled date of ``f`` and a date of ``g`` are of one happening when a sentence of ``g``
    names what was rescheduled: all but one of its subject's words, MIN_MOVED_SUBJECT at least
    ("the first sea trial of the Aurora" / "the Aurora's first sea trial began on")."""
    for moved in (s for s in f if s.role == MOVED):
        need = max(MIN_MOVED_SUBJECT, len(moved.subject) - 1)
        if any(len(moved.subject & (s.context | s.names)) >= need for s in g):
            return True
    return False


def _happenings(fact: list[Statement]) -> frozenset[str]:
    return frozenset().union(*(s.happening for s in fact))


def _vague_only(fact: list[Statement]) -> bool:
    return all(s.bound == VAGUE for s in fact)


def _moments(fact: list[Statement]) -> frozenset[str]:
    return frozenset(s.moment for s in fact if s.moment)


def _said_on(fact: list[Statement]) -> bool:
    """Most of a fact's dates are the days someone said something."""
    return sum(s.role == "said" for s in fact) * 2 >= len(fact)


def _planned(fact: list[Statement]) -> bool:
    return sum(s.modality == "future" for s in fact) * 2 > len(fact)


def _role(fact: list[Statement]) -> str:
    return "target" if sum(s.role == "target" for s in fact) * 2 > len(fact) else ""


def _distinct(fact: list[Statement]) -> list[Statement]:
    return list({(s.month_day, s.year, s.value): s for s in fact}.values())


RIVAL_RATIO = 2.5  # two reports of one quantity rarely differ by more; beyond it they count different things
ONE_THING_RATIO = 5  # ... unless both describe one noun the same way ("a 150-car train", "a 50-car train")
RIVAL_DAYS = 7


def rivals(a: Statement, b: Statement) -> bool:
    """Values that could be two reports of one thing: figures of the same order; dates a few days
    apart, or the same day in another month or year (the shape of a slip)."""
    if a.kind == "date":
        if a.month_day is None or b.month_day is None:
            return False
        (ma, da), (mb, db) = a.month_day, b.month_day
        if (a.unit == "month") != (b.unit == "month"):  # (a rescheduled month and the day others give)
            return MOVED in (a.role, b.role) and a.year is not None and a.year == b.year
        if a.unit == "month":
            return ma == mb or abs(ma - mb) == 1 and a.year == b.year
        if da == db:
            return True  # another month or another year of the same day
        if a.year is not None and b.year is not None and a.year != b.year:
            return False
        return ma == mb and abs(da - db) <= RIVAL_DAYS or abs(date(2001, ma, min(da, 28)).toordinal()
                                                                - date(2001, mb, min(db, 28)).toordinal()) <= RIVAL_DAYS
    if VAGUE in (a.bound, b.bound):
        return a.bound != b.bound and _vague_distance(a, b) <= VAGUE_RIVAL_RATIO
    low, high = sorted((abs(a.value), abs(b.value)))
    return low > 0 and high / low <= RIVAL_RATIO


def _vague_distance(a: Statement, b: Statement) -> float:
    """How far a figure lies outside a vague number's range, as a ratio (1 inside it)."""
    vague, figure = (a, b) if a.bound == VAGUE else (b, a)
    low, high = _vague_range(vague)
    x = abs(figure.value)
    return math.inf if x == 0 else max(low / x, x / high, 1.0)


def _core(fact: list[Statement]) -> frozenset[str]:
    """The words most of a fact's statements use (all of them for a fact stated once or twice)."""
    return _held_by_most(fact, "context")


def _held_by_most(fact: list[Statement], field: str) -> frozenset[str]:
    """The words of ``field`` (context, subject) two of a fact's statements give (all of them for a
    fact stated once or twice): one outlet's word is its own wording, not the fact's."""
    if len(fact) <= 2:
        return frozenset().union(*(getattr(s, field) for s in fact))
    counts: dict[str, int] = defaultdict(int)
    for s in fact:
        for w in getattr(s, field):
            counts[w] += 1
    return frozenset(w for w, n in counts.items() if n >= 2)


def consistent(a: Statement, b: Statement) -> bool:
    """Two values of one attribute agree: equal within the coarser written precision, a rounding
    of one another, or within what a bound allows ("more than 100" and 115; "nearly 4,000" and
    3,800). Two bounds the same way ("more than 1.5" / "more than 1.6") are read as the figures
    they round, and a bound on a figure that is not round ("at least 96") is a count like any other."""
    if a.kind == "date":
        if a.unit == "weekday":
            return a.value == b.value
        if (a.unit == "month") != (b.unit == "month"):  # (a day of the month agrees with the month)
            return a.year == b.year and a.month_day is not None and b.month_day is not None \
                and a.month_day[0] == b.month_day[0]
        if (a.role == "slip") != (b.role == "slip"):
            return False  # "Thursday, Jan. 5" where Jan. 5 is a Friday: the weekday the others give differs
        return a.month_day == b.month_day and (a.year is None or b.year is None or a.year == b.year)
    if VAGUE in (a.bound, b.bound):
        return a.bound == b.bound or _vague_distance(a, b) <= VAGUE_SLACK  # (two impressions never conflict)
    if abs(a.value - b.value) <= max(a.precision, b.precision) * (1 + 1e-9):
        return True
    if _rounds_to(a, b) or _rounds_to(b, a):
        return True
    if not rivals(a, b):
        return False
    bound_a, bound_b = _effective_bound(a), _effective_bound(b)
    lo, hi = (a, b) if a.value < b.value else (b, a)
    bound_lo, bound_hi = (bound_a, bound_b) if lo is a else (bound_b, bound_a)
    if bound_lo == bound_hi and bound_lo in ("min", "max") or "approx" in (bound_a, bound_b):
        return abs(a.value - b.value) <= _margin(a, b)
    return bound_lo == "min" or bound_hi == "max"


APPROX_SHARE = 0.05  # "about 4,700" and 4,800 agree; 4,700 and 5,000 do not


def agree(a: Statement, b: Statement) -> bool:
    """The same value, not merely compatible ones: equal, a rounding of one another, or within an
    estimate's margin (what makes two statements one fact; bounds do not)."""
    if a.kind == "date":
        return consistent(a, b)
    if VAGUE in (a.bound, b.bound):
        return False
    if abs(a.value - b.value) <= max(a.precision, b.precision) * (1 + 1e-9) or _rounds_to(a, b) or _rounds_to(b, a):
        return True
    return "approx" in (a.bound, b.bound) and abs(a.value - b.value) <= _margin(a, b)


def _margin(a: Statement, b: Statement) -> float:
    """What an estimate allows: 5% of the figure, and no other whole number for a small count
    ("about eight days" is eight, not nine: a reader takes a small count as exact)."""
    largest = max(abs(a.value), abs(b.value))
    return max(APPROX_SHARE * largest, 0.5 if largest <= SMALL_COUNT else 0.0)


SMALL_COUNT = 12


def _effective_bound(s: Statement) -> str:
    """A bound on a count that is not round ("at least 96 people") is the count itself; on a
    measure (money, a share, a length) any bound is an estimate ("over 26%" and 25% agree)."""
    if s.bound in ("min", "max") and not _round(s.value):
        return "approx" if s.unit in MEASURES else ""
    return s.bound


def _round(value: float) -> bool:
    """A figure written the way a bound or an estimate is: a multiple of ten, or a single digit."""
    if value == 0 or not math.isfinite(value):
        return False
    mantissa = abs(value) / 10 ** math.floor(math.log10(abs(value)))
    return round(mantissa, 6) == round(mantissa, 1) and (abs(value) >= 10 and value % 10 == 0 or abs(value) < 10)


def _rounds_to(coarse: Statement, fine: Statement) -> bool:
    """``fine`` rounded to ``coarse``'s significant figures gives ``coarse`` ("490" from "488") —
    when ``coarse`` is written with fewer significant figures and says or implies "about"."""
    if coarse.bound not in ("approx", "max", "min") or coarse.value == 0:
        return False
    digits = _significant(coarse.value)
    if digits >= _significant(fine.value):
        return False
    magnitude = math.floor(math.log10(abs(coarse.value)))
    step = 10 ** (magnitude - digits + 1)
    return abs(round(fine.value / step) * step - coarse.value) < step / 2


def _significant(value: float) -> int:
    text = f"{abs(value):.6g}".replace(".", "").lstrip("0").rstrip("0")
    return max(1, len(text))


def comparable(group: list[Statement]) -> list[Statement]:
    """The statements of an attribute whose values can be compared: a date with no year (no publish
    date to read it against) agrees with every year and is left out, and an outlet that writes a
    date's year is held to it rather than to a year read from its publish date."""
    if group[0].kind != "date":
        return group
    written = {s.article for s in group if _year_written(s)}
    return [s for s in group if s.year is not None and (_year_written(s) or s.article not in written)]


def _year_written(s: Statement) -> bool:
    return s.year is not None and str(s.year) in s.text


def value_groups(group: list[Statement]) -> list[list[Statement]]:
    """The statements of one attribute grouped by agreeing value (each value joins the first
    group it agrees with every member of)."""
    out: list[list[Statement]] = []
    for s in sorted(group, key=lambda s: (s.value, s.article, s.item)):
        for g in out:
            if all(consistent(s, t) for t in g):
                g.append(s)
                break
        else:
            out.append([s])
    return out


def parts_of_a_whole(values: list[list[Statement]], beside: dict[int, list[Statement]]) -> bool:
    """One value is the sum of another and a figure given beside it ("$519 million for the company
    and $229 million for its holders" against "$748 million in all"): a part and its whole, not a
    conflict. ``beside``: the figures of each sentence (:func:`figures_by_sentence`)."""
    totals = {round(v.value) for g in values for v in g}
    for g in values:
        for part in g:
            for other in beside.get(part.item, ()):
                if other is not part and other.unit == part.unit and any(
                        abs(part.value + other.value - t) <= APPROX_SHARE / 5 * t < other.value for t in totals):
                    # (a part is a share of the whole beyond rounding: "$21 a share, valuing it at $6.9
                    # billion" is no sum)
                    return True
    return False


def figures_by_sentence(found: list[Statement]) -> dict[int, list[Statement]]:
    by_item: dict[int, list[Statement]] = defaultdict(list)
    for s in found:
        if s.kind == "number":
            by_item[s.item].append(s)
    return by_item


# The day a sentence reports on: a full date, a (month, day) no year places, or a weekday's index.
Day = date | tuple[int, int] | int


def days_by_sentence(found: list[Statement]) -> dict[int, Day]:
    """The day each sentence reports on, from its own words: its latest day-precise date (a
    ``date``, or ``(month, day)`` when no year can be read: "the toll from the fires that began
    Tuesday rose to 55 on Friday" reports on Friday), else its first weekday's index when no
    publish date places it. Sentences that name no day are not listed."""
    days: dict[int, Day] = {}
    for s in found:
        if s.kind != "date" or s.modality == "future":
            continue
        if s.unit == "date" and s.month_day is not None:
            day: Day = date(s.year, *s.month_day) if s.year is not None else s.month_day
        elif s.unit == "weekday":
            day = int(s.value)
        else:
            continue
        days[s.item] = max(days[s.item], day, key=day_rank) if s.item in days else day
    return days


def day_rank(day: Day) -> tuple[int, ...]:
    """A full date outranks a month and day, which outranks a bare weekday; later outranks earlier."""
    if isinstance(day, date):
        return (2, day.toordinal())
    return (1, *day) if isinstance(day, tuple) else (0, -int(day))


def by_year(group: list[Statement], running_count: bool) -> list[list[Statement]]:
    """The figures of an attribute by the year their sentences date them to: figures of different
    years are not rivals (a past disaster's toll beside this one's). A figure no year dates is of
    the one year the others give, if they give one, unless the figure is a running count (which
    changes with time: an undated one is today's); else it is compared with the undated only."""
    if not group or group[0].kind != "number":
        return [group] if group else []
    years: dict[int | None, list[Statement]] = defaultdict(list)
    for s in group:
        years[s.year].append(s)
    if len(years) == 2 and None in years and not running_count:
        return _by_moment(group)
    return [part for y in sorted(years, key=lambda y: (y is None, y or 0)) for part in _by_moment(years[y])]


def _by_moment(group: list[Statement]) -> list[list[Statement]]:
    """Market figures by the moment of the trading day they are quoted at (premarket, early,
    midday, close): a move quoted at two moments is two values of a moving figure, not a dispute.
    A figure quoted at no moment is compared with the one moment the others give, if one."""
    moments: dict[str, list[Statement]] = defaultdict(list)
    for s in group:
        moments[s.moment].append(s)
    if len(moments) == 1 or len(moments) == 2 and "" in moments:
        return [group]
    return [moments[m] for m in sorted(moments)]


def is_running(s: Statement, sentence: str) -> bool:
    """A count that changes from one day's report to the next: deaths, or a figure its sentence
    reports as rising ("cases climbed to")."""
    return s.unit == DEATHS or running(sentence)


def heading(group: list[Statement]) -> str:
    """What a dispute over figures is about, in words: "The amount", "The death toll", "The
    number of cars" (the noun as one of its outlets writes it)."""
    unit = group[0].unit
    keys = {s.head for s in group}
    if unit in MEASURES and len(keys) == 1 and next(iter(keys)) in KEY_HEADINGS:
        return KEY_HEADINGS[next(iter(keys))]
    if unit in HEADINGS:
        return HEADINGS[unit]
    nouns = sorted(_noun_of(s.text) for s in group if _noun_of(s.text))
    return f"The number of {max(nouns, key=nouns.count)}" if nouns else "The figure"


def _noun_of(text: str) -> str:
    """The noun a figure is written with, plural: "40 trucks" -> "trucks", "30-foot" -> "feet"."""
    last = text.split()[-1].lower() if len(text.split()) > 1 else text.rsplit("-", 1)[-1].lower() if "-" in text else ""
    if not last.isalpha() or last.endswith("s") or " " in text:
        return last if last.isalpha() else ""  # (as written: "40 trucks", "125 thousand")
    return "feet" if last == "foot" else last[:-1] + "ies" if last.endswith("y") else last + "s"


# What a dispute over an amount or a share is about, by the quantity its figures name (QUANTITY_KEYS)
KEY_HEADINGS = {"value": "The value", "open": "The opening price", "high": "The day's high", "low": "The day's low",
                "close": "The closing price", "loss": "The loss", "cost": "The cost", "rise": "The rise", "fall": "The fall",
                "revenue": "The revenue", "profit": "The profit"}
HEADINGS = {"$": "The amount", "€": "The amount", "£": "The amount", "¥": "The amount", "rs": "The amount",
            "%": "The percentage", DEATHS: "The death toll", COUNT: "The figure"}


def label_of(group: list[Statement]) -> str:
    """The value of a group of agreeing statements as most of them write it (exact figures first)."""
    counts: dict[str, int] = defaultdict(int)
    for s in group:
        counts[label(s)] += 1
    best = max(group, key=lambda s: (s.bound == "", counts[label(s)], -group.index(s)))
    return label(best)


def label(s: Statement) -> str:
    """A value as a dispute shows it: the figure as written; a date with its written year."""
    if s.unit == "%" and not s.text.endswith(("%", "percent", "cent")):
        return s.text + "%"
    if s.kind == "date" and s.month_day:
        year = None if s.year_guessed else s.year  # (an undated outlet's "November 21" is shown as it wrote it)
        shown = format_date(DateMention("", s.month_day[0], s.month_day[1], year, None), year)
        if s.role == "relative":
            return f"{shown} ({s.text})"
        if s.role == "slip":  # the weekday as the outlet wrote it beside the date
            return f"{s.text.split(',')[0]}, {shown}"
        return f"{s.text} ({shown})" if s.text.lower() in WEEKDAYS else shown
    return s.text
