"""Roles told in passing support a claim that states the role.

A report names a person with a role in apposition ("Nvidia CEO Jensen Doe said", "Jensen Doe,
the company's chief executive, said", "The company's CEO, Jensen Doe, has led") far more often
than it states the role; the sentence then says something else, and grouping puts it there. Such
a sentence still says the person holds the role. So a claim whose text *states* a role ("Jensen
Doe remains the company's president and chief executive": the person, a copula, the role) gains
as support every other line's sentence naming that person (by surname) in one of the claim's
roles. A past role ("former CEO", "ex-chairman") is another role. The roles are data
(``sitegen/data/roles.txt``).
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Callable, Protocol, Sequence, TypeVar

from ..text import data_lines, phrase_alternation
from .claims import Item
from .features import content_stems


class DraftLike(Protocol):
    members: list[int]
    articles: list[int]


D = TypeVar("D", bound=DraftLike)


ROLE_WORDS = 6  # words after a copula ("remains the company's president") read for the role it states
COPULAS = ("is", "was", "remains", "remained", "has been", "had been", "serves as", "served as", "became",
           "becomes", "will remain", "is now", "was named", "has been named")
# (a name starts where a word does: a run of capitals is read once, not from each of its letters)
_NAME = r"(?<![\w'’.-])(?:[A-Z][\w'’.-]*+\s++){0,2}[A-Z][\w'’-]*+"
_PAST = re.compile(r"(?:former|ex|then|late|outgoing)[\s-]+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, str]:
    """Phrase (lower case) -> role, from the data file."""
    out: dict[str, str] = {}
    for line in data_lines("roles.txt"):
        role, _colon, phrases = line.partition(":")
        for phrase in phrases.split("|"):
            out.setdefault(" ".join(phrase.lower().split()), role.strip())
    return out


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a role phrase; a role run before a name: "co-founder and CEO Jensen Doe"; a name then a
    copula then what follows it)."""
    phrases = phrase_alternation(sorted(_lexicon(), key=lambda p: (-len(p), p)))
    # (a phrase starts at a word's first letter: the alternation is tried there only)
    role = re.compile(r"(?<![\w-])(?=[A-Za-z])(?i:" + phrases + r")(?![\w-])")
    run = r"(?i:" + phrases + r")(?:\s+(?:and|&)\s+(?i:" + phrases + r"))*+"
    before = re.compile(r"(?<![\w-])(?=[A-Za-z])(" + run + r")(?:,\s+|\s+)(" + _NAME + r")")
    copular = re.compile(r"(" + _NAME + r")\s+(?:" + "|".join(c.replace(" ", r"\s+") for c in COPULAS) + r")\s+(.*)")
    return role, before, copular


@lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    """The word each role phrase ends with, lower case ("executive", "mayor"): the noun naming the role."""
    return frozenset(phrase.split()[-1] for phrase in _lexicon())


@lru_cache(maxsize=1)
def role_stems() -> frozenset[str]:
    """The stems of the role nouns ("mayor", "executive")."""
    return frozenset(content_stems(" ".join(role_nouns())))


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    """Each word a role phrase ends with, lower case, also with the punctuation that may follow it:
    a sentence holding none names no role (most do not), and a split is far cheaper than the regexes."""
    last = role_nouns()
    return frozenset(form for w in last for form in (w, *(w + mark for mark in ",.;:!?”\"'’"), w + "'s", w + "’s"))


# a word each copula holds (not "as" or "has": too many sentences hold those)
_COPULA_WORDS = frozenset(w for c in COPULAS for w in c.split() if w not in ("as", "has", "had", "will"))


def _roles_in(text: str, start: int = 0, end: int | None = None) -> set[str]:
    """The roles named in ``text[start:end]``, a past one marked "former " ("former CEO")."""
    role, _before, _copular = _patterns()
    lexicon = _lexicon()
    found = set()
    for m in role.finditer(text, start, len(text) if end is None else end):
        past = _PAST.search(text, max(0, m.start() - 12), m.start()) is not None
        found.add(("former " if past else "") + lexicon[" ".join(m.group(0).lower().split())])
    return found


def _surname(name: str) -> str:
    return name.split()[-1].strip(".,'’").lower().removesuffix("'s").removesuffix("’s")


def mentions(text: str) -> dict[str, set[str]]:
    """Surname -> the roles the sentence gives that person in apposition ("CEO Jensen Doe",
    "Jensen Doe, the chief executive,", "its CEO, Jensen Doe,")."""
    _role, before, _copular = _patterns()
    found: dict[str, set[str]] = defaultdict(set)
    for m in before.finditer(text):
        found[_surname(m.group(2))] |= _roles_in(text, m.start(1), m.end(1))
    # "Jensen Doe, the company's chief executive," : a name, a comma, a short phrase ending in a role
    for m in re.finditer(r"(" + _NAME + r"),\s+((?:[\w'’.-]+\s+){0,4}?[\w'’.-]+)(?=,|\s+(?:said|says|told|of|at|for)\b)",
                         text):
        roles = _roles_in(text, m.start(2), m.end(2))
        if roles:
            found[_surname(m.group(1))] |= roles
    return {k: v for k, v in found.items() if v}


def stated(text: str) -> tuple[str, set[str]] | None:
    """(surname, roles) when the sentence states a role as what it says of the person: the name,
    a copula, and the role within ROLE_WORDS words ("Jensen Doe remains the company's president
    and chief executive"); roles the name carries in apposition count too ("Co-founder Jensen Doe
    remains ...")."""
    if _COPULA_WORDS.isdisjoint(text.split()):
        return None  # (no copula written as a word: the pattern, tried at every capital, cannot match)
    _role, _before, copular = _patterns()
    m = copular.search(text)
    if m is None:
        return None
    words = m.group(2).split()[:ROLE_WORDS]
    roles = _roles_in(" ".join(words))
    if not roles:
        return None
    surname = _surname(m.group(1))
    return surname, roles | mentions(text).get(surname, set())


def extend(drafts: Sequence[D], items: list[Item], text_of: Callable[[D], str],
           line_of: Sequence[int], runs: frozenset[str] | None = None) -> None:
    """Add to each claim whose text states a role every other line's sentence naming the person
    in one of those roles (in place; members stay in (article, index) order). ``runs``: the
    lower-cased word runs of the story's sentences (or a superset), when the caller has them."""
    if runs is not None and _COPULA_WORDS.isdisjoint(runs):
        return  # (no sentence of the story holds a copula: none states a role)
    roles, stems = _role_words(), role_stems()
    # (an ASCII sentence holding a role word holds its stem: most hold none, and are told so by their stems)
    words = {m: it.sentence.text.lower().split() for m, it in enumerate(items)
             if not stems.isdisjoint(it.features.stems) or not it.sentence.text.isascii()}
    naming = [m for m, ws in words.items() if not roles.isdisjoint(ws)]
    stating = {m for m in naming if not _COPULA_WORDS.isdisjoint(words[m]) and stated(items[m].sentence.text)}
    if not stating:
        return
    by_role: dict[tuple[str, str], list[int]] = defaultdict(list)
    for m in naming:
        for surname, named in mentions(items[m].sentence.text).items():
            for role in named:
                by_role[(surname, role)].append(m)
    for d in drafts:
        if stating.isdisjoint(d.members):
            continue
        text = text_of(d)
        said = next((m for m in d.members if m in stating and items[m].sentence.text == text), None)
        if said is None:
            continue
        surname, told = stated(text)  # type: ignore[misc]
        lines = {line_of[items[m].sentence.article] for m in d.members}
        added = {m for role in told for m in by_role.get((surname, role), ())
                 if line_of[items[m].sentence.article] not in lines}
        if added:
            d.members = sorted({*d.members, *added}, key=lambda m: (items[m].sentence.article, items[m].sentence.index))
            d.articles = sorted({items[m].sentence.article for m in d.members})
