"""Claim ids derived from what a claim says, so a curator's reference survives edits and new sources.

A claim's id is its few *key terms* joined by hyphens (``6-04pm-landed-moon-vikram``): the words and
figures its supporting sentences (the claim's text and quotes) share most, figures and names weighing
more than other words, sorted so the id does not depend on word order. The id does not depend on the
claim's position, so adding a source that leaves the claim's key terms as they are, or rewording one
sentence slightly, keeps it. Where two claims would get the same id, the colliding ids take further key
terms, then a ``-2``, ``-3`` in the claims' text order.

A reference in a story file (:func:`resolve`) matches a claim by exact id; else by key terms, when all
but one of the reference's terms are among the claim's (so a reference still finds its claim after one
key term changed); else, as before ids were derived, by a phrase of the claim's text.

The merge calls :func:`with_content_ids` on its final claims: the function reads nothing but the claims'
texts and quotes, so it does not depend on how the claims were grouped.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from itertools import chain, compress
from operator import attrgetter
from typing import Iterable, Sequence, cast

from slugify import slugify

from ..model import Claim

ID_TERMS = 4  # key terms in an id
MAX_TERMS = 8  # at most this many when ids collide
_TOKEN = re.compile(r"\w+(?:[.,:'’]\w+)*")
_DIGIT = re.compile(r"\d")
# Words that say nothing about which fact a claim is: function words and reporting verbs.
STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from as into onto over under about after before between
through during without within than then that this these those it its is are was were be been being has have
had do does did not no nor so such too very can could will would shall should may might must just also more
most other some any each all both which who whom whose what when where why how there here their them they he
she his her him i we you our your us me my one up out off again further once only own same said says say
saying told tell according while amid reported reports report reportedly per new now yet still even
""".split())


CALENDAR = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""".split())  # capitalised, but no names: a date's figures already weigh as figures


def key_terms(texts: Iterable[str]) -> tuple[str, ...]:
    """The best MAX_TERMS terms of a claim's sentences (no id takes more), best first: by how many of
    the sentences hold each, figures and names counting double; ties go to the longer term, then
    alphabetically."""
    found: list[str] = []  # each sentence's distinct terms
    heavy: set[str] = set()  # terms that are a figure or a name in some sentence
    for text in dict.fromkeys(texts):  # a sentence quoted twice counts once
        # each term weighs as where it first occurs: read backwards, the first occurrence is written last
        # (no token spans a space: the text's tokens are its words' tokens, each word's read once a merge)
        kinds = dict(chain.from_iterable(map(_word_kinds, reversed(text.split()))))
        first = _TOKEN.search(text)
        if first:  # (a capitalised first word is no name: every sentence starts so)
            term, figure = _first_term_kind(first.group())
            if term is not None:
                kinds[term] = figure
        found += kinds
        heavy.update(compress(kinds, kinds.values()))
    held = Counter(found)
    for term in heavy:
        held[term] *= 2
    terms = list(held)
    if len(terms) > MAX_TERMS:  # (only terms weighing as much as the best MAX_TERMS-th can be among them)
        least = sorted(held.values())[-MAX_TERMS]
        terms = [term for term, weight in held.items() if weight >= least]
    # by weight, then length, then alphabetically: sorts are stable, so the last key sorted is the first
    terms.sort()
    terms.sort(key=len, reverse=True)
    terms.sort(key=held.__getitem__, reverse=True)
    return tuple(terms[:MAX_TERMS])


@lru_cache(maxsize=1 << 16)
def _word_kinds(word: str) -> tuple[tuple[str, bool], ...]:
    """:func:`_term_kind` of each token of a word (a run of non-space characters), last token first,
    function words left out."""
    kinds = tuple(kind for kind in map(_term_kind, reversed(_TOKEN.findall(word))) if kind[0] is not None)
    return cast("tuple[tuple[str, bool], ...]", kinds)  # (the None terms are left out above)


@lru_cache(maxsize=1 << 14)
def _term_kind(token: str) -> tuple[str | None, bool]:
    """The token's term, and whether it weighs double there: a figure, or capitalised like a name."""
    term = _term(token)
    return term, _DIGIT.search(token) is not None or (token[0].isupper() and term not in CALENDAR)


@lru_cache(maxsize=1 << 14)
def _first_term_kind(token: str) -> tuple[str | None, bool]:
    """:func:`_term_kind` of a sentence's first token, where only a figure weighs double."""
    return _term(token), _DIGIT.search(token) is not None


def _term(token: str) -> str | None:
    """A token as an id term: its ASCII slug, figures without thousands separators, lower-case words
    crudely stemmed (so "lands" and "landed" meet); None for function words."""
    lowered = token.lower()
    if lowered in STOPWORDS or (len(lowered) < 2 and not lowered.isdigit()):
        return None
    if _DIGIT.search(lowered):
        return slugify(re.sub(r"(?<=\d),(?=\d{3})", "", lowered), separator="_") or None
    word = slugify(lowered.replace("’", "'").removesuffix("'s"), separator="_")
    for suffix in ("ings", "ing", "ies", "ied", "ed", "ly", "s") if token[0].islower() else ():  # (names stay)
        if len(word) > len(suffix) + 3 and word.endswith(suffix) and not word.endswith("ss"):
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    return word if word and word not in STOPWORDS else None


def claim_texts(claim: Claim) -> list[str]:
    """The sentences a claim's id is read from: its text and its quotes."""
    return [claim.text, *map(_TEXT, claim.quotes)]


_TEXT = attrgetter("text")


def content_ids(term_lists: Sequence[Sequence[str]], tiebreak: Sequence[str]) -> list[str]:
    """One id per claim from its key terms (best first); ``tiebreak`` orders claims whose ids stay equal."""
    width = [ID_TERMS] * len(term_lists)
    ids = [_join(terms, ID_TERMS) for terms in term_lists]
    while True:
        clashes = [i for i, n in Counter(ids).items() if n > 1]
        if not clashes:
            return ids
        grew = False
        for i, current in enumerate(ids):
            if current in clashes and width[i] < min(MAX_TERMS, len(term_lists[i])):
                width[i] += 1
                ids[i] = _join(term_lists[i], width[i])
                grew = True
        if not grew:
            break
    groups: dict[str, list[int]] = {}
    for i, current in enumerate(ids):
        groups.setdefault(current, []).append(i)
    for current, members in groups.items():
        for n, i in enumerate(sorted(members, key=lambda i: (tiebreak[i], i))[1:], 2):
            ids[i] = f"{current}-{n}"
    return ids


def _join(terms: Sequence[str], width: int) -> str:
    return "-".join(sorted(terms[:width])) or "claim"


def with_content_ids(claims: Sequence[Claim]) -> tuple[list[Claim], dict[str, str]]:
    """The claims with content-derived ids, and old id -> new id (to rewrite references to them)."""
    ids = content_ids([key_terms(claim_texts(c)) for c in claims], [c.text for c in claims])
    renamed = {c.id: new for c, new in zip(claims, ids)}
    return [replace(c, id=new) for c, new in zip(claims, ids)], renamed


def resolve(reference: str, claims: Sequence[Claim]) -> int | None:
    """The index of the claim a story file's reference names, or None (see the module's docstring)."""
    hits = matches(reference, claims)
    return hits[0] if hits else None


def matches(reference: str, claims: Sequence[Claim]) -> list[int]:
    """The claims a reference names: the one with that id; else the one sharing all but one of its key
    terms (two at least), when only one does; else every claim whose text holds it as a phrase."""
    reference = reference.strip()
    for i, claim in enumerate(claims):
        if claim.id == reference:
            return [i]
    wanted = set(reference.lower().split("-"))
    if len(wanted) >= 2 and " " not in reference:
        scored = [(len(wanted & set(c.id.split("-"))), i) for i, c in enumerate(claims)]
        best = max((s for s, _i in scored), default=0)
        hits = [i for s, i in scored if s == best]
        if best >= max(2, len(wanted) - 1) and len(hits) == 1:
            return hits
    phrase = reference.lower()
    return [i for i, claim in enumerate(claims) if phrase and phrase in claim.text.lower()]


def drifted(reference: str, claim: Claim) -> bool:
    """Whether ``reference`` found ``claim`` by key terms only: the claim's id has moved on from it."""
    reference = reference.strip()
    return (claim.id != reference and "-" in reference and " " not in reference
            and reference.lower() not in claim.text.lower())
