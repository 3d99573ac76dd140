"""FAQ: curator questions first, then the articles' own questions (de-duplicated across outlets
with rapidfuzz), then standard questions answered extractively from the best-supported claims.

A generated answer is kept only when it holds what its question asks (ANSWER_CHECKS): a date for
"when" (a month and day, a weekday or a year written in the answer itself), a named speaker and a
verb of saying for "what has each party said", a group of people for "who is affected"."""
from __future__ import annotations

import re
from itertools import islice
from typing import Callable, NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from ..model import FaqItem
from .features import content_stems, names_in

SAME_QUESTION = 82.0  # rapidfuzz token_sort_ratio over stemmed questions (set ratio would equate a question with any longer one containing it)


class ClaimView(NamedTuple):
    """What the FAQ needs of a finished claim (a NamedTuple: one is made per claim of every story)."""

    text: str
    sources: tuple[str, ...]
    badge: str
    hedged: bool
    dates: tuple[str, ...]
    planned: bool = False  # a plan whose day had come by the newest report, and no outcome superseded it
    ahead: bool = False  # a plan whose day is still ahead (its timeline entries are plans)


def _key(question: str) -> str:
    return " ".join(content_stems(question))


class QuestionKeys(dict[str, str]):
    """Each question's :func:`_key`, read once for one story's FAQ (its article questions are asked
    again when the FAQ is assembled); held by the merge of that story, not beyond it."""

    def __missing__(self, question: str) -> str:
        key = self[question] = _key(question)
        return key


SIMILAR_QUESTION = 55.0  # enough when the two answers also share a date or figure
_SPECIFIC = re.compile(r"\b(?:\d[\d,.]*|January|February|March|April|May|June|July|August|September|October|"
                       r"November|December)\b")


def _pair_scores(keys: list[str]) -> list[list[float]]:
    """``fuzz.token_sort_ratio(keys[i], keys[j])`` at ``[i][j]``: one C call for every pair, the
    same values as asked pair by pair (a story has a few dozen questions, asked against each other).
    Each key's words are sorted once here and the pairs scored by ``fuzz.ratio``, which is what
    token_sort_ratio computes after sorting both keys' words again for every pair (a fifth of the time)."""
    if not keys:
        return []
    sorted_words = [" ".join(sorted(key.split())) for key in keys]
    return process.cdist(sorted_words, sorted_words, scorer=fuzz.ratio, dtype=np.float64).tolist()


def dedupe_questions(pairs: list[tuple[str, str, str]],
                     keys: QuestionKeys | None = None) -> list[tuple[str, str, tuple[str, ...]]]:
    """(question, answer, source id) -> unique (question, answer, sources); first wording wins.

    Two questions are one when their stemmed words nearly match, or when they are fairly close
    and their answers give the same date or figures ("go away" / "disappear", both "April 1").
    """
    keys = QuestionKeys() if keys is None else keys
    scores = _pair_scores([keys[question] for question, _answer, _source in pairs])
    specifics: dict[int, set[str]] = {}  # the dates and figures of an answer, found when first needed

    def shared_specifics(n: int, m: int) -> int:
        for k in (n, m):
            if k not in specifics:
                specifics[k] = set(_SPECIFIC.findall(pairs[k][1]))
        return len(specifics[n] & specifics[m])

    merged: list[tuple[int, list[str]]] = []  # (index of the first wording, sources)
    for n, (_question, _answer, source) in enumerate(pairs):
        row = scores[n]
        for first, sources in merged:
            score = row[first]
            # too far apart (below SIMILAR_QUESTION) whatever the answers share: not scanned
            if score >= SAME_QUESTION or (score >= SIMILAR_QUESTION and shared_specifics(n, first) >= 2):
                if source not in sources:
                    sources.append(source)
                break
        else:
            merged.append((n, [source]))
    return [(pairs[n][0], pairs[n][1], tuple(sources)) for n, sources in merged]


# (the lookahead on first letters spares trying each word at every word boundary)
_AFFECTED = re.compile(r"\b(?=[cdeimprsuw])(staff|employees?|workers?|users?|customers?|residents?|developers?|students?|"
                       r"patients?|passengers?|people|investors?|drivers?|riders?|members?)\b", re.I)
_SAID = re.compile(r"\b(said|says|stated|announced|accused|denied|responded|declined|told|confirmed|"
                   r"did not (?:immediately )?respond|has not (?:publicly )?(?:responded|addressed|commented))\b", re.I)
_UNKNOWN = re.compile(r"\b(not (?:been )?(?:independently )?(?:verified|confirmed|disclosed|provided|known|clear)|"
                      r"no (?:technical )?evidence|unclear|has not (?:publicly )?(?:responded|addressed|said)|"
                      r"did not (?:immediately )?respond|declined to comment|unconfirmed)\b", re.I)


# The word each alternative of those patterns starts with: it is a whole run of word characters
# wherever the pattern matches an ASCII text, so where no such word occurs no search is needed.
_AFFECTED_WORDS = frozenset(
    "staff employee employees worker workers user users customer customers resident residents developer "
    "developers student students patient patients passenger passengers people investor investors driver "
    "drivers rider riders member members".split())
_SAID_WORDS = frozenset("said says stated announced accused denied responded declined told confirmed did has".split())
_UNKNOWN_WORDS = frozenset("not no unclear has did declined unconfirmed".split())


def _gate(pattern: re.Pattern[str], words: frozenset[str], runs: frozenset[str] | None) -> Callable[[str], bool]:
    """``pattern.search(text)`` as a test, for claim texts whose word runs are among ``runs``
    (hedges.word_runs of the story's sentences): when none of the pattern's opening words is a
    run, only a non-ASCII text can match (IGNORECASE folds a few other characters to ASCII)."""
    if runs is None or not runs.isdisjoint(words):
        return lambda text: pattern.search(text) is not None
    return lambda text: not text.isascii() and pattern.search(text) is not None


_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# a date written in the text: month and day (either order), a weekday, or a year
_WRITTEN_DATE = re.compile(rf"\b(?:{_MONTH}\s+\d{{1,2}}\b|\d{{1,2}}\s+{_MONTH}|(?:{'|'.join(_WEEKDAYS)})\b|"
                           r"(?:1[89]|20)\d\d\b)")


def has_written_date(text: str) -> bool:
    return _WRITTEN_DATE.search(text) is not None


def names_a_speaker(text: str, names: frozenset[str]) -> bool:
    """A verb of saying and a name of the story's vocabulary of names (features.names_in_sentences:
    "Ortiz said" names a speaker, "officials said" does not)."""
    return _SAID.search(text) is not None and bool(names_in(text, names))


WHEN_SHARED_WORDS = 2  # words a dated claim shares with the "what happened" answer to tell the same happening

# What each standard question needs of the claim answering it (given the story's names).
ANSWER_CHECKS: dict[str, Callable[[ClaimView, frozenset[str]], bool]] = {
    "when": lambda claim, _names: bool(claim.dates) and has_written_date(claim.text),
    "said": lambda claim, names: names_a_speaker(claim.text, names),
}


def generated(claims: list[ClaimView], disputes_text: list[tuple[str, tuple[str, ...]]], subject: str,
              runs: frozenset[str] | None = None,
              names: frozenset[str] = frozenset()) -> list[tuple[str, str, tuple[str, ...]]]:
    """The standard questions, each answered from claims (never invented), with their sources.
    ``runs``: the word runs of the sentences the claims come from, if known (they spare searches);
    ``names``: the story's vocabulary of names (features.names_in_sentences), for who said what."""
    affected_in, said_in, unknown_in = (_gate(_AFFECTED, _AFFECTED_WORDS, runs), _gate(_SAID, _SAID_WORDS, runs),
                                        _gate(_UNKNOWN, _UNKNOWN_WORDS, runs))
    out: list[tuple[str, str, tuple[str, ...]]] = []
    if claims:
        # what happened is the best-supported outcome, or the announcement of a plan ("will return in
        # February, NASA announced"); a plan alone ("is scheduled to be sentenced") only when nothing else is told
        top = next((c for c in claims if not c.planned and not (c.ahead and not said_in(c.text))), claims[0])
        out.append((f"What happened{subject}?", top.text, top.sources))
    # the claim whose statement is dated and says the date itself: what happened itself (then it is
    # not asked twice), one telling the same (sharing two words with that answer), then an outcome
    # before a plan, then the best-supported
    when = [c for c in claims if ANSWER_CHECKS["when"](c, names)]
    told = set(content_stems(out[0][1])) if out else set()
    dated = min(when, key=lambda c: (c.text != (out[0][1] if out else None),
                                      len(told.intersection(content_stems(c.text))) < WHEN_SHARED_WORDS,
                                      c.planned or c.ahead, when.index(c)), default=None)
    if dated:
        out.append((f"When does it take effect, or when did it take place{subject}?", dated.text, dated.sources))
    used = {text for _q, text, _s in out}
    # a claim that already answered an earlier question says nothing new here; only when every
    # claim about those affected did is the first of them used again
    affected = (next((c for c in claims if c.text not in used and affected_in(c.text)), None)
                or next((c for c in claims if affected_in(c.text)), None))
    if affected:
        out.append(("Who is affected?", affected.text, affected.sources))
    said = list(islice((c for c in claims if said_in(c.text) and ANSWER_CHECKS["said"](c, names)), 3))  # (stops at the third)
    if said:
        out.append(("What has each party said?", " ".join(c.text for c in said),
                    tuple(dict.fromkeys(s for c in said for s in c.sources))))
    # a claim that is alleged or says what is unknown; a disputed one is told by its dispute line
    unknown = list(islice((c for c in claims if c.badge == "alleged" or unknown_in(c.text)), 3))
    if unknown or disputes_text:
        parts = ([(c.text, c.sources) for c in unknown] + disputes_text)[:4]
        out.append(("What is not known?", " ".join(text for text, _s in parts),
                    tuple(dict.fromkeys(s for _t, sources in parts for s in sources))))
    return out


def assemble(curator: list[FaqItem], article_pairs: list[tuple[str, str, tuple[str, ...]]],
             standard: list[tuple[str, str, tuple[str, ...]]], keys: QuestionKeys | None = None) -> tuple[FaqItem, ...]:
    """Curator items, then each article or standard question no item asks already (its stemmed
    words do not nearly match an earlier item's); a standard answer also must not repeat one."""
    questions = [item.question for item in curator] + [q for q, _a, _s in article_pairs] + [q for q, _a, _s in standard]
    keys = QuestionKeys() if keys is None else keys
    scores = _pair_scores([keys[question] for question in questions])
    items: list[FaqItem] = list(curator)
    asked = list(range(len(curator)))  # the question number of each item

    def covered(n: int) -> bool:
        row = scores[n]
        return any(row[m] >= SAME_QUESTION for m in asked)

    n = len(curator)
    for question, answer, sources in article_pairs:
        if not covered(n):
            items.append(FaqItem(question, answer, sources, "article"))
            asked.append(n)
        n += 1
    for question, answer, sources in standard:
        # the same answer under a second question only repeats the page to the reader
        if answer and not covered(n) and all(answer != item.answer for item in items):
            items.append(FaqItem(question, answer, sources, "generated"))
            asked.append(n)
        n += 1
    return tuple(items)
