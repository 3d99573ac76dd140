"""Short forms of names, learnt from the story itself: "Sam Bankman-Fried (SBF)", "the National
Transportation Safety Board (NTSB)", or an all-capitals word whose letters are the initials of a
name the story writes out elsewhere.

Each alias is read as one term (the short form, lower case) wherever a sentence holds it or the
name it stands for: for a person, the surname ("Bankman-Fried was convicted" and "SBF was
convicted" name the same man); for an organisation, all of its words ("the National
Transportation Safety Board" with "the NTSB", never "board" alone). Only short forms the story
itself pairs with a name are folded: no list of known abbreviations, nothing from outside.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .features import content_stems

SHORT_FORM = r"[A-Z]{2,6}"
_LINKING = frozenset({"of", "the", "and", "for", "on", "in", "&"})  # skipped when reading initials
# (possessive quantifiers: no backtracking into a word or a space, so a megabyte of one letter or of
# hyphens costs one pass; a run is read only forward from where the last one ended)
_NAME_RUN = re.compile(r"(?:[A-Z][\w'’.-]*+\s++(?:(?:of|the|and|for|on|in|&)\s++)*+){0,7}[A-Z][\w'’.-]*+")
# (a list's members are joined by "and": "A and B" is two, "Bank of C" one)
_MEMBER_RUN = re.compile(r"(?:[A-Z][\w'’.-]*+\s++(?:(?:of|the|for|on|in)\s++)*+){0,7}[A-Z][\w'’.-]*+")
_IN_PARENTHESES = re.compile(r"\((" + SHORT_FORM + r")\)")
NAME_REACH = 160  # characters before a parenthesised short form read for the name it shortens
# (unparenthesised: two capitals are too often a word, "US", "TV"); these two open on a capital,
# not on "\b", which lets the regex engine skip to the next capital (2-3x faster over a story's sentences)
_CAPITALS = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{2,5}(?!\w)")
_TWO_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[a-z][\w'’]*+\s++(?:(?:of|the|and|for|on|in|&)\s++)?[A-Z][a-z]")


@dataclass(frozen=True, slots=True)
class Alias:
    """A short form (its term) and the terms of the name it stands for: any of them for a
    surname (its stem and its spelling as a name), all of them for an organisation's words."""

    term: str
    name_terms: frozenset[str]
    surname: bool


def learn(texts: Iterable[str], names: frozenset[str]) -> tuple[Alias, ...]:
    """The story's aliases. ``names``: the story's vocabulary of names (lower case): a name whose
    last word is one is a person's or a place's, known by that word alone; another name (an
    organisation's, made of common words) only by all of its words."""
    texts = list(texts)
    found: dict[str, Alias] = {}
    for text in texts:
        for match in _IN_PARENTHESES.finditer(text) if "(" in text else ():
            alias = _alias(_run_before(text[max(0, match.start() - NAME_REACH):match.start()]), match.group(1), names)
            if alias is not None:
                found.setdefault(alias.term, alias)
    # an all-capitals word with no parenthesis anywhere: the initials of a name written out elsewhere
    shorts = set(_CAPITALS.findall("\n".join(texts))) - {a.upper() for a in found}  # (a line break ends a word)
    if shorts:
        # (a name spelt out holds two capitalised words in a row: only such texts are read for one)
        for text in filter(_TWO_CAPITALISED.search, texts):
            for match in _NAME_RUN.finditer(text):
                words = _words(match.group(0))
                for start in range(len(words)):  # ("Officials at the National Transportation …")
                    initials = "".join(w[0] for w in words[start:] if w.lower() not in _LINKING).upper()
                    if initials in shorts and len(words) - start >= 2:
                        alias = _alias(" ".join(words[start:]), initials, names)
                        if alias is not None:
                            found.setdefault(alias.term, alias)
                            shorts.discard(initials)
                        break
    return tuple(sorted(found.values(), key=lambda a: a.term))


def members(text: str, names: frozenset[str], skip: frozenset[str] = frozenset()) -> list[frozenset[str]]:
    """Whom or what the sentence names, one entry per capitalised run ("OpenAI CEO Sam Altman",
    "Advance Publications"): the run's words that are among the story's ``names`` (lower case),
    less ``skip`` (role nouns, the story's own names). A run is one member whichever of its words
    another sentence uses ("Advance" names "Advance Publications")."""
    found = (frozenset(w.lower() for w in _words(run)) & names for run in _MEMBER_RUN.findall(text))
    return list(dict.fromkeys(m - skip for m in found if m - skip))


def _run_before(text: str) -> str:
    """The capitalised words (and the small words linking them) that end ``text``."""
    run: list[str] = []
    for word in reversed(text.split()):
        if not (word[:1].isupper() or word.lower() in _LINKING):
            break
        run.append(word)
    return " ".join(reversed(run))


def _words(run: str) -> list[str]:
    return [w.strip(".,'’") for w in run.split() if w.strip(".,'’")]


def _alias(run: str, short: str, names: frozenset[str]) -> Alias | None:
    """The alias when ``short`` is the initials of the end of ``run`` (hyphenated parts count:
    Bankman-Fried gives B and F)."""
    words = _words(run)
    for start in range(len(words)):
        tail = [w for w in words[start:] if w.lower() not in _LINKING]
        letters = "".join(part[0] for w in tail for part in w.split("-") if part).upper()
        if letters == short and len(tail) >= 2:
            last = tail[-1].lower()
            chosen = [tail[-1]] if last in names else tail
            terms = frozenset(content_stems(" ".join(chosen))) | (frozenset([last]) if last in names else frozenset())
            return Alias(short.lower(), terms, last in names) if terms else None
    return None


def fold(terms: frozenset[str], aliases: tuple[Alias, ...]) -> frozenset[str]:
    """``terms`` with each alias's name read as its short form."""
    out = terms
    for alias in aliases:
        if alias.term in out or (not alias.name_terms.isdisjoint(out) if alias.surname else alias.name_terms <= out):
            out = (out - alias.name_terms) | {alias.term}
    return out
