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
these are never rivals; a running count (deaths, "rose to") is compared one reported day at a
time (see :mod:`story`), and the day something was said is not the day of an event.

The lexicons below are data, each documented once here (not yet extendable from config.yml: the
hedge cues are, through ``hedge_words``).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterable, Sequence

from .features import MONTHS, STOPWORDS, DateMention, dates_in, format_date, has_digit, stem

# Number words a reporter writes out ("seven counts", "fifty cars"): read as figures when a
# unit noun follows. "one" is left out: "one of the biggest" is not a count.
WORD_NUMBERS: dict[str, int] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}

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
MOMENT_WORDS = {"premarket": "premarket", "pre-market": "premarket", "early": "early", "morning": "early",
                "opening": "open", "opened": "open", "mid-session": "midday", "midday": "midday",
                "afternoon": "late", "close": "close", "closed": "close", "closing": "close",
                "after-hours": "after hours"}

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

_ESTIMATE_WORDS = frozenset(w for phrase in (*LOWER_BOUND, *UPPER_BOUND, *APPROXIMATE) for w in phrase.split())
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_TOKEN = re.compile(r"[$€£¥₹]?\d+(?:,\d{3})*(?:\.\d+)?%?|[A-Za-z][A-Za-z'’-]*|[%$€£¥₹,.:;]")
_PUNCT = frozenset(",.:;")
_CLAUSE_BREAK = re.compile(r"[;—–]|:(?=\s)|,\s+(?=(?:and|but|while|whereas|which|who|although|though)\b)|\s\(")
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
    # for the day of a statement ("said on Saturday")


def _words_of(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _phrase_at(lowered: list[str], end: int, phrases: Iterable[str]) -> bool:
    """Does one of the phrases end right before position ``end`` of the lowered tokens?"""
    for phrase in phrases:
        parts = phrase.split()
        if end >= len(parts) and lowered[end - len(parts):end] == parts:
            return True
    return False


def _bound(lowered: list[str], at: int) -> str:
    # skip a currency word or "a"/"the" between the cue and the figure ("more than Rs 615 crore")
    end = at
    while end > 0 and lowered[end - 1] in ("rs", "us", "a", "the", "inr", "usd", "almost", "nearly") and end > at - 2:
        if lowered[end - 1] in ("almost", "nearly"):
            return "approx"
        end -= 1
    if _phrase_at(lowered, end, LOWER_BOUND):
        return "min"
    if _phrase_at(lowered, end, UPPER_BOUND):
        return "max"
    if _phrase_at(lowered, end, APPROXIMATE):
        return "approx"
    return ""


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
    return any(w in _NEGATIONS or w.endswith("n't") for w in window)


NEGATION_REACH = 5
MODALITY_REACH = 8  # a figure's modality is that of the verb phrase before it, not of its whole clause
# the words that say what a figure is: its own verb phrase before it and the noun phrase after it
WINDOW_BEFORE = 6
WINDOW_AFTER = 4


def _head(lowered: Sequence[str], at: int, names: frozenset[str]) -> str:
    """The nearest content word before a figure ("priced at $34" -> "pric", "closed at $50.44" -> "clos")."""
    for w in reversed(lowered[max(0, at - HEAD_REACH):at]):
        found = _context([w], names)
        if found:
            return next(iter(found))
    return ""


HEAD_REACH = 4


def _context(lowered: Sequence[str], names: frozenset[str]) -> set[str]:
    """Content stems of a clause that are not names, months, weekdays, number words or estimate words."""
    out = set()
    for w in lowered:
        if (w[0].isalpha() and len(w) > 1 and w not in STOPWORDS and w not in names and w.rstrip(".") not in MONTHS
                and w not in WEEKDAYS and w not in WORD_NUMBERS and w not in _ESTIMATE_WORDS):
            out.add(stem(IRREGULAR_VERBS.get(w, w)))
    return out


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


_PRICE_QUALIFIERS = frozenset({"per", "a", "each", "apiece", "share", "shares", "us", "usd"})
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
_GLUED_UNIT = re.compile(r"(?<=\d)-(?=[A-Za-z])")


def number_statements(item: int, article: int, text: str, names: frozenset[str]) -> list[Statement]:
    """Every figure of the sentence that counts something (a unit follows, or it is money or a share)."""
    out: list[Statement] = []
    position, year_at = 0, (None, -YEAR_REACH)  # the last year written in the sentence, and where
    for clause in clauses(_GLUED_UNIT.sub(" ", text)):
        words = _words_of(clause)
        lowered = [w.lower() for w in words]
        for i, (w, low) in enumerate(zip(words, lowered)):
            position += 1
            if len(low) == 4 and low[:2] in ("19", "20") and low.isdigit():
                year_at = (int(low), position)
            currency, glued, plus = "", "", False
            if w[0] in "$€£¥₹":
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
            elif (spelled := _spelled_number(low)) is not None:
                value, glued = spelled
                precision, written = 0.5, [w]
            else:
                continue
            j = i + 2 if (glued or plus) and w[0].isdigit() else i + 1
            if not glued and j < len(words) and lowered[j] in _SCALE:
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
            after = j
            while after < len(lowered) and lowered[after] in _PRICE_QUALIFIERS:
                after += 1  # "$34 per share", "$50 apiece": part of the figure, not of what it is about
            window = lowered[max(0, i - WINDOW_BEFORE):i] + lowered[after:after + WINDOW_AFTER]
            context = frozenset(_context(window, names) - {unit, stem(unit)})
            if unit in _SYMBOL_UNITS or len(written) > 1:
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
                                 _modality(lowered[max(0, i - MODALITY_REACH):i]), head=_head(lowered, i, names),
                                 role="target" if ROLE_WORDS.intersection(window) else "",
                                 subject=names.intersection(lowered[max(0, i - WINDOW_BEFORE):i]),
                                 moment=_moment(window, context), modifies=modifies,
                                 year=year_at[0] if position - year_at[1] <= YEAR_REACH else None))
    return out


# A year written shortly before a figure dates it ("in 2020 the mission cost Rs 615 crore", "the
# 2018 fire, which killed 85"): the figure is of that time, not of the story's.
YEAR_REACH = 12


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
    while j < len(words) and words[j][:1].isupper():
        j += 1
    noun = ""
    for word in words[j:j + 3]:
        if not word[:1].islower() or word in STOPWORDS or noun and (
                word.endswith(("ed", "ing")) or word in IRREGULAR_VERBS or word in ATTRIBUTION_VERBS):
            break
        noun = word
    return _fold_unit(noun) if noun else ""


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


def _is_date_or_time(lowered: list[str], i: int) -> bool:
    w = lowered[i]
    if re.fullmatch(r"(?:19|20)\d\d", w):
        return True  # a year
    before = lowered[i - 1] if i else ""
    after = lowered[i + 1] if i + 1 < len(lowered) else ""
    if before == ":" or after == ":" or after in ("a", "p"):
        return True  # a clock time ("3:15 p.m.")
    return (before.rstrip(".") in MONTHS or after.rstrip(".") in MONTHS or after in ("am", "pm", "a.m", "p.m")
            or after.startswith(("st", "nd", "rd", "th")) and len(after) <= 2)


def date_statements(item: int, article: int, text: str, names: frozenset[str],
                    published: datetime | None) -> list[Statement]:
    """Every day-precise date of the sentence, and weekdays resolved against the publish date.
    A date's year is the one written next to it or none: never one found elsewhere in the article."""
    out: list[Statement] = []
    base = published.date() if published else None
    for clause in clauses(text):
        lowered = [w.lower() for w in _words_of(clause)]
        mentions = [m for m in dates_in(clause, None, None)
                    # month precision is read below; "2023-06-22" is a page's date line, not prose
                    if m.day is not None and not _ISO.fullmatch(m.text) and _valid(2000, m.month, m.day)]
        months = list(_MONTH_ONLY.finditer(clause))
        weekdays = [k for k, w in enumerate(lowered) if w in WEEKDAYS and not _near_date(lowered, k)]
        if not (mentions or months or weekdays):
            continue  # (most clauses: their context is not worth reading)
        stems = frozenset(_context(lowered, names))
        negated = _negated(lowered, len(lowered))
        for mention in mentions:
            before = [w.lower() for w in _words_of(clause[:max(clause.find(mention.text), 0)])]
            modality = _modality(before[-MODALITY_REACH:])  # the tense of the date's own verb phrase
            year = mention.year
            if year is None and base is not None:
                year = _nearest_year(base, mention.month, mention.day, modality == "future")
            when = date(year or 2000, mention.month, mention.day) if _valid(year or 2000, mention.month, mention.day) else None
            if when is None:
                continue
            out.append(Statement(item, article, "date", "date", float(when.toordinal()), mention.text, "", 0.0, stems,
                                 names, negated, modality, year, (mention.month, mention.day),
                                 role=_date_role(before)))
        for match in months:
            month = MONTHS[match.group("month").lower()]
            year = int(match.group("year")) if match.group("year") else None
            modality = _modality([w.lower() for w in _words_of(clause[:match.start()])][-MODALITY_REACH:])
            if year is None and base is not None:
                later = match.group("when").lower() == "next" or modality == "future"
                year = _nearest_year(base, month, 1, later)
            out.append(Statement(item, article, "date", "month", float(month + 12 * (year or 0)), match.group(0).strip(),
                                 "", 0.0, stems, names, negated, modality, year, (month, 0)))
        for k in weekdays:
            w = lowered[k]
            modality = _modality(lowered[max(0, k - MODALITY_REACH):k])
            if base is None:  # no publish date to read it against: the weekday itself is the value
                out.append(Statement(item, article, "date", "weekday", float(WEEKDAYS.index(w)), w.capitalize(), "",
                                     0.0, stems, names, negated, modality, None, None))
                continue
            when = _weekday_before(base, WEEKDAYS.index(w), modality == "future")
            out.append(Statement(item, article, "date", "date", float(when.toordinal()), w.capitalize(), "",
                                 0.0, stems, names, negated, modality, when.year, (when.month, when.day),
                                 role=_date_role(lowered[:k])))
    return out


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


# A month named without a day: "in February", "next February", "February 2025", "early 2025" is left out
_MONTH_ONLY = re.compile(r"\b(?P<when>in|next|by|until|from|since|through|this|last|early|late|mid|mid-)\s+"
                         r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
                         r"December)\b(?!\s+\d{1,2}\b)(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?")


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


def statements(items: Sequence, published: Sequence[datetime | None]) -> list[Statement]:
    """The figure and date statements of every item (items: (sentence, features) pairs)."""
    out: list[Statement] = []
    for n, (sentence, features) in enumerate(items):
        text = sentence.text
        if len(text) > MAX_STATEMENT_CHARS:
            continue  # a table, a list run together or garbage: no sentence of news is this long
        if not has_digit(text) and _CUE_STEMS.isdisjoint(features.stems):
            continue  # no figure, number word, month or weekday: nothing to read
        names = features.names
        out += number_statements(n, sentence.article, text, names)
        out += date_statements(n, sentence.article, text, names, published[sentence.article])
    return out


# (a sentence's stems are at hand: one set test instead of a search of its text)
_CUE_STEMS = frozenset(stem(w) for w in (*WORD_NUMBERS, *WEEKDAYS, *(m for m in MONTHS if len(m) > 3)))


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
    subjects = [frozenset().union(*(s.subject for s in f)) for f in facts]
    described = [frozenset(s.modifies for s in f if s.modifies) for f in facts]
    size = [len({s.article for s in f}) for f in facts]
    parent = list(range(len(facts)))

    def root(x: int) -> int:
        return parent[x]

    # largest first: a fact joins one fact placed before it that has joined nothing itself, so an
    # attribute is one fact and its rivals, never a chain
    # (the facts of each unit placed so far that joined nothing: the only ones a fact may join)
    open_facts: dict[str, list[int]] = defaultdict(list)
    for f in sorted(range(len(facts)), key=lambda i: (-size[i], i)):
        best, best_shared = None, MIN_SHARED_CONTEXT - 1
        candidates = open_facts[facts[f][0].unit]
        for g in candidates if size[f] <= MAX_RIVAL_OUTLETS else ():
            one_thing = bool(described[f] & described[g])  # "a 150-car train" / "a 50-car train"
            if not _may_differ(facts[f], facts[g], one_thing):
                continue
            if subjects[f] and subjects[g] and subjects[f].isdisjoint(subjects[g]):
                continue  # figures of two named things ("Meta, valued at $670 billion" and another firm's)
            if described[f] != described[g] and not one_thing and not (
                    _about(described[f], cores[g]) and _about(described[g], cores[f])):
                continue  # a train's length is not the count of its cars that derailed
            shared = len(cores[f] & cores[g]) + (MIN_SHARED_CONTEXT + len(cores[f] | cores[g]) if one_thing else 0)
            generic = facts[f][0].unit in GENERIC_UNITS and not _close(facts[f], facts[g])
            need, share = (GENERIC_SHARED, GENERIC_SHARE) if generic else (MIN_SHARED_CONTEXT, MIN_CORE_SHARE)
            if generic and heads[f] & heads[g]:
                need, share = 1, 0.0  # "fined $250" / "fined $500": the same word names the figure
            if shared > best_shared and shared >= need and shared >= share * min(len(cores[f]), len(cores[g])):
                best, best_shared = g, shared
        if best is not None:
            parent[f] = best
        else:
            candidates.append(f)
    groups: dict[int, list[Statement]] = defaultdict(list)
    for i, f in enumerate(facts):
        groups[root(i)].extend(f)
    return [g for _r, g in sorted(groups.items()) if len({s.article for s in g}) >= 2]


_MARKET_STEMS = frozenset(stem(w) for w in MARKET_WORDS)


def _moment(window: list[str], context: frozenset[str]) -> str:
    if context.isdisjoint(_MARKET_STEMS):
        return ""
    return next((MOMENT_WORDS[w] for w in window if w in MOMENT_WORDS), "")


def _about(described: frozenset[str], core: frozenset[str]) -> bool:
    """A figure describing a noun ("a 10-year sentence") and one whose words name that noun
    ("sentenced to 12 years") can be one quantity; nothing described is no obstacle either."""
    return all(stem(noun) in core or noun in core for noun in described)


def _close(f: list[Statement], g: list[Statement]) -> bool:
    """Two figure facts whose values are within CLOSE_RATIO of each other. Left out: shares (on a
    scale of 0 to 100 two different shares are often close) and market figures (a price or a
    move quoted at two moments of a trading day is close and no dispute)."""
    if f[0].kind != "number" or f[0].unit == "%" or any(not s.context.isdisjoint(_MARKET_STEMS) for s in (*f, *g)):
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
    if a.unit != b.unit or a.negated != b.negated or a.modifies != b.modifies or not agree(a, b):
        return False
    return a.unit not in GENERIC_UNITS or not a.context.isdisjoint(b.context)


# Units so common that one value of them says little by itself ("$34", "25%", "3 years"): two
# statements of the same value need a shared word as well to be one fact. Any other unit ("1,200
# scooters", "seven counts") with one value is one fact.
GENERIC_UNITS = frozenset({"$", "€", "£", "¥", "rs", "%", COUNT, "year", "day", "hour", "week", "month", "minute",
                           "time", "people", "percent", "point", "share", "weekday"})


def _may_differ(f: list[Statement], g: list[Statement], one_thing: bool = False) -> bool:
    """Two facts can be values of one attribute: same polarity and values of one order (see
    :func:`rivals`; of any order up to ONE_THING_RATIO when both describe the same noun);
    whether they conflict is decided later (:func:`consistent`). Each fact's distinct values
    are few (its statements agree), so this compares those, not every pair."""
    a, b = f[0], g[0]
    if a.negated != b.negated or (a.kind == "number" and (_planned(f) != _planned(g) or _role(f) != _role(g))):
        return False  # a forecast or a target is not a rival of a reported figure (a date is planned either way)
    if a.kind == "number":
        low = min(abs(s.value) for s in (*f, *g))
        return low > 0 and max(abs(s.value) for s in (*f, *g)) / low <= (ONE_THING_RATIO if one_thing else RIVAL_RATIO)
    if _said_on(f) or _said_on(g):
        return False  # the day something was said ("Green said on Saturday") is not the day of an event
    return all(rivals(x, y) for x in _distinct(f) for y in _distinct(g))


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
        if a.unit == "month":
            return ma == mb or abs(ma - mb) == 1 and a.year == b.year
        if da == db:
            return True  # another month or another year of the same day
        if a.year is not None and b.year is not None and a.year != b.year:
            return False
        return ma == mb and abs(da - db) <= RIVAL_DAYS or abs(date(2001, ma, min(da, 28)).toordinal()
                                                                - date(2001, mb, min(db, 28)).toordinal()) <= RIVAL_DAYS
    low, high = sorted((abs(a.value), abs(b.value)))
    return low > 0 and high / low <= RIVAL_RATIO


def _core(fact: list[Statement]) -> frozenset[str]:
    """The words most of a fact's statements use (all of them for a fact stated once or twice)."""
    if len(fact) <= 2:
        return frozenset().union(*(s.context for s in fact))
    counts: dict[str, int] = defaultdict(int)
    for s in fact:
        for w in s.context:
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
        return a.month_day == b.month_day and (a.year is None or b.year is None or a.year == b.year)
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
                        abs(part.value + other.value - t) <= APPROX_SHARE / 5 * t for t in totals):
                    return True
    return False


def figures_by_sentence(found: list[Statement]) -> dict[int, list[Statement]]:
    by_item: dict[int, list[Statement]] = defaultdict(list)
    for s in found:
        if s.kind == "number":
            by_item[s.item].append(s)
    return by_item


def days_by_sentence(found: list[Statement]) -> dict[int, object]:
    """The day each sentence reports on, from its own words: its latest day-precise date (a
    ``date``, or ``(month, day)`` when no year can be read: "the toll from the fires that began
    Tuesday rose to 55 on Friday" reports on Friday), else its first weekday's index when no
    publish date places it. Sentences that name no day are not listed."""
    days: dict[int, object] = {}
    for s in found:
        if s.kind != "date" or s.modality == "future":
            continue
        if s.unit == "date" and s.month_day is not None:
            day: object = date(s.year, *s.month_day) if s.year is not None else s.month_day
        elif s.unit == "weekday":
            day = int(s.value)
        else:
            continue
        days[s.item] = max(days[s.item], day, key=day_rank) if s.item in days else day
    return days


def day_rank(day: object) -> tuple[int, ...]:
    """A full date outranks a month and day, which outranks a bare weekday; later outranks earlier."""
    if isinstance(day, date):
        return (2, day.toordinal())
    return (1, *day) if isinstance(day, tuple) else (0, -int(day))  # type: ignore[arg-type]


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
    if unit in HEADINGS:
        return HEADINGS[unit]
    nouns = sorted(s.text.split()[-1].lower() for s in group
                   if len(s.text.split()) > 1 and s.text.split()[-1].isalpha())
    return f"The number of {max(nouns, key=nouns.count)}" if nouns else "The figure"


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
        shown = format_date(DateMention("", s.month_day[0], s.month_day[1], s.year, None), s.year)
        return f"{s.text} ({shown})" if s.text.lower() in WEEKDAYS else shown
    return s.text
