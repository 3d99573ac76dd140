"""Disputes that are not figures: outlets that disagree on who said a remark, on its wording, on the
spelling of one person's name, on where a company's shares trade or where it is based, on who first
did something, on the year of a numbered mission or model, or on what caused an event.

Each rule reads the shape of a sentence, never one story's words (the word lists are in
``sitegen/data/assertions.txt``):

* **who said it** — the same quoted remark (four words or more, nearly the same words) given to
  speakers whose names share no word, by different lines of reporting;
* **wording** — one speaker (a shared name, or the same role noun when neither is named) quoted in
  two wordings that share most words but replace a content word ("good" / "great"); a fragment of
  the other quote is not a rival wording;
* **spelling** — two spellings of a name (five letters or more, a few letters apart, not a plural or
  a truncation) used in the same context (the same role noun before it, or the same neighbouring
  name) by different lines, none of which uses both;
* **venue** — "listed/trading/debut on (the) <venue>" for one subject, with venues that are not one
  name written two ways (an acronym is its initials: "NYSE" is "New York Stock Exchange");
* **seat** — "the <town>-based company", "<name>, the <town>-headquartered maker", "based in
  <town>" for one subject (a name, or the story's own subject for "the …-based company"), with
  towns that differ; a state, country or region (``region_names``) may hold the town and is no rival;
* **the first** — "<Name> became the first <noun> to <verb> <object>" (also "<Name>, the first …",
  "making <Name> the first …") for one record (noun, verb and object) given to different holders; a
  hope ("set to become the first") or a denial is no record;
* **age** — "<First Last>, 48," / "<First Last> (48)" / "a 48-year-old <First Last>" for one person
  (the last two words of the name) given different ages by different lines;
* **named year** — a sentence that opens on a numbered name ("Orbiter-2") and writes one year,
  given as two years one apart by different lines;
* **landing site** — "landed/touched down/made landfall on|near|at|in <place>": the places the
  story's craft or storm came down, given as phrases that share no particular word ("the far side
  of the moon" / "the lunar south pole"; ``place_generic`` words name no particular place). A
  denial or a failed attempt gives no frame;
* **make-up** — a list of three or more things (lower-case nouns) introduced as what something is
  made of ("comprising a lander, a rover and an orbiter"), and a list of as many things from
  another line that shares all but one of them ("the lander, rover and propulsion module"): the
  swapped member is the rival value. Lists of names, and lists not given as a make-up (examples,
  charges, a few of many), are no frame;
* **cause** — "<cause> caused the <event>", "the <event> was blamed on <cause>", "<a part> failed
  moments before the <event>": one event noun given causes whose last nouns differ ("axle" /
  "bearing"). A negated cause, an open question ("whether X caused"), another event ("the
  previous fire", "the 2019 Main Street fire") and "caused the fire to spread" give no frame.

* **estimates** — a figure its sentence gives as an estimate ("was estimated at", "an initial
  estimate") of a named quantity (the cost, the damage, a loss: ``frames.QUANTITY_KEYS``, else the
  noun it counts), with who estimated it ("according to X", "X said", "..., X said in an estimate"):
  estimators whose names share no word and whose figures differ beyond rounding are shown as
  "Estimates of the cost differ", each value with its estimator. Each estimator's figure is its own
  reading, so a line that reports two estimators is not left out; two lines must give them.

A line of reporting (independence key) that gives two values itself is left out of that dispute,
as the figure disputes do; a dispute needs two values from different lines.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, fields, replace
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

from rapidfuzz import fuzz

from ..text import phrase_alternation
from .claims import Item
from .disputes import DisputeDraft, ValueDraft
from .sentences import Sentence
from .features import MONTH_NAMES, MONTHS, STOPWORDS, content_stems, has_digit, stem
from . import frames
from .frames import modality

MIN_WHO_SAID_WORDS = 4  # a shorter remark ("thank you") is said by many people
MAX_REMARK_WORDS = 40
MIN_NAME_LETTERS = 5
SPELLING_SIMILARITY = 80  # rapidfuzz ratio of two spellings of one name ("Sulaiman" / "Suleman": 80)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "that"})


@dataclass(frozen=True, slots=True)
class Words:
    """The word lists of ``sitegen/data/assertions.txt`` (lower case)."""

    saying_verbs: frozenset[str]
    courtesy_titles: frozenset[str]
    role_nouns: frozenset[str]
    venue_words: frozenset[str]
    venue_generic: frozenset[str]
    listing_cues: frozenset[str]
    cause_verbs: frozenset[str]
    contributing_verbs: frozenset[str]
    caused_by: frozenset[str]
    failure_words: frozenset[str]
    time_gap_words: frozenset[str]
    clause_boundaries: frozenset[str]
    phrase_ends: frozenset[str]
    other_event_words: frozenset[str]
    open_question_words: frozenset[str]
    index_words: frozenset[str]
    region_names: frozenset[str]
    seat_words: frozenset[str]
    record_hopes: frozenset[str]
    arrival_phrases: frozenset[str]
    place_generic: frozenset[str]
    makeup_cues: frozenset[str]


@lru_cache(maxsize=1)
def words() -> Words:
    text = resources.files("sitegen").joinpath("data", "assertions.txt").read_text(encoding="utf-8")
    sections: dict[str, set[str]] = defaultdict(set)
    current = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
        else:
            sections[current].add(line.lower())
    return Words(*(frozenset(sections[f.name]) for f in fields(Words)))


@dataclass(frozen=True, slots=True)
class Remark:
    """A quoted remark with the speaker its sentence gives."""

    article: int
    quote: str  # as written, without the closing punctuation
    words: tuple[str, ...]  # lower case
    speaker: str  # as written
    names: frozenset[str]  # the speaker's name words, lower case ("somanath")
    roles: frozenset[str]  # the speaker's role nouns ("billionaire")
    sentence: str


def disputes(items: Sequence[Item], keys: Sequence[str], story_day: date | None = None) -> list[DisputeDraft]:
    """Assertion and name disputes among the story's sentences; ``keys``: each article's line of
    reporting; ``story_day``: the story's middle publish date (what is "earlier" than the story)."""
    # every statement's text and stems: a cue none of them holds is looked for in no statement
    # (most stories hold few of the cues)
    joined = "\n".join([it.sentence.text for it in items])
    stems = set().union(*(it.features.stems for it in items))
    quoted = _may_quote(joined) or any(_may_quote(it.sentence.whole) for it in items if it.sentence.whole)
    said = remarks_in(whole_sentences(it for it in items if _may_quote(it.sentence.whole or it.sentence.text))
                      if quoted else ())
    names = set().union(*(it.features.names for it in items))
    found = [*speaker_disputes(said, keys), *wording_disputes(said, keys), *spelling_disputes(items, names, keys)]
    hints = _cause_hints()
    if not hints.isdisjoint(stems):
        found += cause_disputes(whole_sentences(it for it in items if not hints.isdisjoint(it.features.stems)), keys)
    if _may_name_venue(names, stems, joined):
        found += venue_disputes(whole_sentences(items), keys)
    numbered, firsts, aged, seated = _frame_candidates(items, joined)
    if numbered and story_day is not None:
        found += named_year_disputes(whole_sentences(numbered), keys, story_day.year)
    if firsts:
        found += first_disputes(whole_sentences(firsts), keys)
    if aged:
        found += age_disputes(whole_sentences(aged), keys)
    if seated:
        found += seat_disputes(whole_sentences(seated), items, keys)
    # (the statements' stems first, one set test each: most statements land nowhere and list no make-up)
    arrival, makeup, either = _cue_stems()
    cued = [it for it in items if not either.isdisjoint(it.features.stems)] if not either.isdisjoint(stems) else []
    arrivals = [it for it in cued if not arrival.isdisjoint(it.features.stems)]
    if arrivals:
        found += site_disputes(whole_sentences(arrivals), keys)
    made = [it for it in cued if not makeup.isdisjoint(it.features.stems) and _makeup(False).search(it.sentence.text)]
    if made:
        found += makeup_disputes(whole_sentences(made), whole_sentences(_listing_alike(made, items)), keys)
    estimated = [it for it in items if ESTIMATE_CUE in it.sentence.text] if ESTIMATE_CUE in joined else []
    if estimated:
        found += estimate_disputes(whole_sentences(estimated), keys)
    return found


def _listing_alike(made: list[Item], items: Sequence[Item]) -> list[Item]:
    """The statements that may list what a make-up statement lists: those holding the stem of one
    of its words (a list's members are among them)."""
    words_of_made = frozenset().union(*(it.features.stems for it in made))
    return [it for it in items if _LIST_CUE.search(it.sentence.text) and len(words_of_made.intersection(it.features.stems)) >= 2]


def _frame_candidates(items: Sequence[Item], joined: str) -> tuple[list[Item], list[Item], list[Item], list[Item]]:
    """The statements that may hold a numbered year, a record, an age or a seat. Substring tests
    (each a memchr) come before any pattern: most statements hold none of them. ``joined``: every
    statement's text (among others): a cue it lacks is looked for in none."""
    numbered: list[Item] = []
    firsts: list[Item] = []
    aged: list[Item] = []
    seated: list[Item] = []
    first, digits = "first" in joined, has_digit(joined)
    cues = [cue for cue in _seat_cues() if cue in joined]
    if not (first or digits or cues):
        return numbered, firsts, aged, seated
    for it in items:
        text = it.sentence.text
        if first and "first" in text:
            firsts.append(it)
        for cue in cues:
            if cue in text:
                if _seat_hint().search(text):
                    seated.append(it)
                break
        if not digits or not has_digit(text):
            continue
        if ("19" in text or "20" in text) and _YEAR.search(text) and _NUMBERED.search(text):
            numbered.append(it)
        if "-year-old" in text or _AGE_AFTER.search(text):
            aged.append(it)
    return numbered, firsts, aged, seated


@lru_cache(maxsize=1)
def _seat_cues() -> tuple[str, ...]:
    """Each seat word without its first letter, which may be a capital ("Based in …")."""
    return tuple(sorted({w[1:] for w in words().seat_words if len(w) > 1}))


def _may_name_venue(names: set[str], stems: set[str], joined: str) -> bool:
    """False when no statement of the story names a venue (most stories): neither its ``names``,
    its ``stems`` nor its text (``joined``) holds a venue word."""
    terms = _venue_terms()
    return not names.isdisjoint(terms) or not stems.isdisjoint(terms) or "-listed" in joined


def _may_quote(text: str) -> bool:
    return '"' in text or "“" in text


@lru_cache(maxsize=1)
def _venue_terms() -> frozenset[str]:
    """The venue words as the features hold them (content stems, name keys)."""
    return frozenset(words().venue_words | {stem(v) for v in words().venue_words})


def whole_sentences(items: Iterable[Item]) -> list[tuple[int, str]]:
    """(article, sentence) once each: the whole sentence a statement was cut from, so that a quote
    and its speaker stay together."""
    seen: dict[tuple[int, str], None] = {}
    for it in items:
        seen.setdefault((it.sentence.article, it.sentence.whole or it.sentence.text), None)
    return list(seen)


# ----------------------------------------------------------------------------------------- remarks

_QUOTED = re.compile(r"“([^“”]{2,400})”|\"([^\"]{2,400})\"")
_TOKEN = re.compile(r"[^\W_][\w'’.&-]*")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_LETTERS = re.compile(r"[a-z]+")


_BRACKETED = re.compile(r"\[[^\[\]]*\]")
_NUMBER_WORDS = {w: str(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}


def quote_words(text: str) -> tuple[str, ...]:
    """A quote's words as said: lower case, number words as digits ("crew nine" = "Crew-9"), and
    without the words a writer adds in square brackets ("[the agency's]"), which are not the speaker's."""
    text = _BRACKETED.sub(" ", text.lower().replace("’", "'"))
    return tuple(_NUMBER_WORDS.get(w, w) for w in _WORD.findall(text))


def remarks_in(sentences: Iterable[tuple[int, str]]) -> list[Remark]:
    out = []
    for article, sentence in sentences:
        for m in _QUOTED.finditer(sentence):
            quote = (m.group(1) or m.group(2) or "").strip().rstrip(",.;:!?…").strip()
            qwords = quote_words(quote)
            if not 2 <= len(qwords) <= MAX_REMARK_WORDS:
                continue
            speaker = _speaker_after(sentence[m.end():]) or _speaker_before(sentence[:m.start()])
            if not speaker:
                continue
            names, roles = _identity(speaker)
            if names or roles:
                out.append(Remark(article, quote, qwords, " ".join(speaker), names, roles, sentence))
    return out


def _bare(token: str) -> str:
    return token.rstrip(".,;:!?…").lower()


def _is_speaker_token(token: str, w: Words) -> bool:
    bare = token.rstrip(".,").lower()
    return token[:1].isupper() or bare in w.role_nouns or bare in w.courtesy_titles


def _speaker_after(rest: str) -> list[str]:
    """The speaker in '..." announced Chief X' or '..." the chief said'."""
    w = words()
    tokens = _TOKEN.findall(rest[:160])
    if not tokens or not rest.lstrip(" \t,.!?…")[:1].isalpha():
        return []
    if _bare(tokens[0]) in w.saying_verbs:
        return _run(tokens[1:], w)
    if [_bare(t) for t in tokens[:2]] == ["according", "to"]:
        return _run(tokens[2:], w)
    for n in range(1, min(5, len(tokens))):
        if _bare(tokens[n]) in w.saying_verbs:
            head = tokens[:n]
            if (head[0].lower() in _DETERMINERS or head[0][:1].isupper()) and all(
                    _is_speaker_token(t, w) or t.lower() in _DETERMINERS for t in head):
                gap = rest[:rest.find(tokens[n])]
                if not re.search(r"[,;:()]\s*\S", gap.strip(" ,.!?…")):
                    return [t for t in head]
            return []
    return []


def _run(tokens: list[str], w: Words) -> list[str]:
    """The speaker words at the start of ``tokens``: a determiner, then names, titles, role nouns."""
    out: list[str] = []
    for t in tokens[:6]:
        bare = t.rstrip(".,")
        if not out and t.lower() in _DETERMINERS:
            out.append(t)
        elif _is_speaker_token(bare, w) and bare.lower() not in w.saying_verbs:
            out.append(bare)
            if t.endswith(","):
                break
        else:
            break
    return out if any(t.lower() not in _DETERMINERS for t in out) else []


def _speaker_before(head: str, verbs: frozenset[str] = frozenset()) -> list[str]:
    """The speaker in 'The minister said, ..., "..."': the subject just before the last verb of
    saying (or of ``verbs``)."""
    w = words()
    tokens: list[str] = _TOKEN.findall(head)
    for n in range(len(tokens) - 1, max(-1, len(tokens) - 16), -1):
        if _bare(tokens[n]) in w.saying_verbs or _bare(tokens[n]) in verbs:
            out: list[str] = []
            for t in reversed(tokens[max(0, n - 5):n]):
                bare = t.rstrip(".,")
                if t.endswith(",") and out:
                    break
                if _is_speaker_token(bare, w):
                    out.insert(0, bare)
                elif bare.lower() in _DETERMINERS and out:
                    out.insert(0, bare)
                    break
                else:
                    break
            return out if any(t.lower() not in _DETERMINERS for t in out) else []
    return []


def _identity(speaker: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(name words, role nouns) of a speaker phrase."""
    w = words()
    names, roles = set(), set()
    for t in speaker:
        bare = _fold(t.rstrip(".,").replace("’s", "").replace("'s", "")).lower()
        if bare in _DETERMINERS or bare in w.courtesy_titles or len(bare) < 2:
            continue
        if bare in w.role_nouns:
            roles.add(bare)
        elif t[:1].isupper():
            names.add(bare)
    return frozenset(names), frozenset(roles)


def _same_speaker(a: Remark, b: Remark) -> bool:
    if a.names and b.names:
        return not a.names.isdisjoint(b.names)
    return not a.names and not b.names and not a.roles.isdisjoint(b.roles)


def _near_same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Nearly the same words: 4 words or more, the shorter's words 80% in the longer."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < MIN_WHO_SAID_WORDS or len(long_) > 1.5 * len(short):
        return False
    shared = set(short) & set(long_)
    return len(shared) >= 0.8 * len(set(short))


def _contained(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long_[i:i + n] == short for i in range(len(long_) - n + 1))


def rival_wordings(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two wordings of one remark: most words shared, a content word replaced (not a fragment or a trim)."""
    if a == b:
        return False
    short, long_ = sorted((a, b), key=len)
    if _contained(short, long_):
        return False
    matcher = SequenceMatcher(None, short, long_, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    if matched < 2 or matched * 3 < len(short) * 2 or len(long_) - matched > max(3, len(short) // 2):
        return False  # (a longer quote around a few shared words is another remark)
    return any(tag == "replace" and _has_content(short[i1:i2]) and _has_content(long_[j1:j2])
               and not _spelled_alike(" ".join(short[i1:i2]), " ".join(long_[j1:j2]))
               for tag, i1, i2, j1, j2 in matcher.get_opcodes())


def _spelled_alike(a: str, b: str) -> bool:
    """One word heard or typed two ways, not another word: close letters ("honour"/"honor") or the
    same consonants ("Suni"/"Sunny", as a name said aloud is written down)."""
    return fuzz.ratio(a, b) >= SPELLING_SIMILARITY or (" " not in a + b and _consonants(a) == _consonants(b))


def _consonants(word: str) -> str:
    letters = word[:1] + "".join(c for c in word[1:] if c not in "aeiouy'")
    return "".join(c for n, c in enumerate(letters) if n == 0 or c != letters[n - 1])


def _has_content(ws: Sequence[str]) -> bool:
    return any(x not in STOPWORDS and not x.isdigit() for x in ws)


def speaker_disputes(said: list[Remark], keys: Sequence[str]) -> list[DisputeDraft]:
    """One remark given to different named speakers by different lines."""
    by_words: dict[tuple[str, ...], list[Remark]] = defaultdict(list)
    for r in said:
        if r.names and len(r.words) >= MIN_WHO_SAID_WORDS:
            by_words[r.words].append(r)
    wordings = sorted(by_words)  # (a remark quoted the same way by many outlets is compared once)
    near = [(i, j) for i, j in _pairs_sharing([_content(w) for w in wordings])
            if _near_same(wordings[i], wordings[j])]
    out = []
    for group in _linked(len(wordings), near):
        remarks = [r for i in group for r in by_words[wordings[i]]]
        if not any(keys[a.article] != keys[b.article] and a.names.isdisjoint(b.names) and _unnamed_in(a, b)
                   and _unnamed_in(b, a) for n, a in enumerate(remarks) for b in remarks[n + 1:]):
            continue
        speakers = _components(remarks, _same_speaker)
        values = [(_label(g, lambda r: r.speaker), g) for g in speakers]
        draft = _dispute(f"Who said “{_short(remarks[0].quote)}”", "assertion", values, keys)
        if draft is not None:
            out.append(draft)
    return out


def _linked(count: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    """The groups of 0..count-1 that ``pairs`` link, each in ascending order, by their first member."""
    neighbours: dict[int, list[int]] = defaultdict(list)
    for i, j in pairs:
        neighbours[i].append(j)
        neighbours[j].append(i)
    seen: set[int] = set()
    groups = []
    for start in range(count):
        if start in seen:
            continue
        seen.add(start)
        group, todo = [start], [start]
        while todo:
            for other in neighbours[todo.pop()]:
                if other not in seen:
                    seen.add(other)
                    group.append(other)
                    todo.append(other)
        groups.append(sorted(group))
    return groups


MAX_POSTING = 64  # a word found in more remarks than this is too common to tell one remark from another


def _pairs_sharing(word_sets: list[set[str]]) -> list[tuple[int, int]]:
    """Index pairs (i < j) whose sets share a word that is not too common: the candidates a rule
    then checks, found through an index by word rather than by comparing every pair."""
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(word_sets):
        for w in ws:
            by_word[w].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in by_word.values():
        if len(members) <= MAX_POSTING:
            pairs.update((x, y) for n, x in enumerate(members) for y in members[n + 1:])
    return sorted(pairs)


def _content(ws: Sequence[str]) -> set[str]:
    return {x for x in ws if x not in STOPWORDS}


def _unnamed_in(a: Remark, b: Remark) -> bool:
    """None of a's speaker names occurs in b's sentence (b does not credit a's speaker too)."""
    present = {_fold(t).lower() for t in _TOKEN.findall(b.sentence)}
    return a.names.isdisjoint(present)


def wording_disputes(said: list[Remark], keys: Sequence[str]) -> list[DisputeDraft]:
    """One speaker's remark quoted in two wordings by different lines."""
    by_words: dict[tuple[str, ...], list[Remark]] = defaultdict(list)
    for r in said:
        by_words[r.words].append(r)
    wordings = sorted(by_words)
    # candidates: wordings that share a speaker word and a content word
    tags = [{f"{who}|{w}" for r in by_words[ws] for who in (r.names or r.roles) for w in _content(ws)}
            for ws in wordings]
    out = []
    for x, y in _pairs_sharing(tags):
        first, second = wordings[x], wordings[y]
        if not rival_wordings(first, second):
            continue
        pairs = [(a, b) for a in by_words[first] for b in by_words[second] if _same_speaker(a, b)]
        if not any(keys[a.article] != keys[b.article] for a, b in pairs):
            continue
        values = [(by_words[w][0].quote, by_words[w]) for w in (first, second)]
        draft = _dispute(f"The wording of a remark by {pairs[0][0].speaker}", "assertion", values, keys)
        if draft is not None:
            out.append(draft)
    return out


# ---------------------------------------------------------------------------------------- spelling

@dataclass(frozen=True, slots=True)
class _Plain:
    """A sentence giving a value: what the dispute shows as its quote."""

    article: int
    sentence: str


@dataclass(slots=True)
class _Spelling:
    articles: set[int]
    contexts: set[str]
    sentence: dict[int, str]
    written: list[str]


def spelling_disputes(items: Sequence[Item], names: set[str], keys: Sequence[str]) -> list[DisputeDraft]:
    """Two spellings of one name in the same context, from lines that use only one of them. The
    names come from the sentences' features; only the sentences holding a pair of near spellings
    are read again for their contexts. ``names``: every name key of the items' features."""
    by_start: dict[str, list[str]] = defaultdict(list)
    for name in sorted(names):
        if len(name) >= MIN_NAME_LETTERS and name.isalpha():
            by_start[_fold(name[:2])].append(name)
    out = []
    for group in by_start.values():
        for x, a in enumerate(group):
            for b in group[x + 1:]:
                plural = _plural_pair(a, b)
                if not plural and not _variant_spellings(a, b):
                    continue
                found = {name: _spelling(name, [it.sentence for it in items if name in it.features.names])
                         for name in (a, b)}
                shared = sorted(c for c in found[a].contexts & found[b].contexts if not plural or c.startswith("name:"))
                if not shared:
                    continue  # ("Sauer" and "Sauers" are one surname only written beside the same first name)
                values = [(_label(f.written, str), [_Plain(article, f.sentence[article]) for article in sorted(f.articles)])
                          for f in found.values()]
                draft = _dispute(f"The spelling of a name ({_context_label(shared[0])})", "name", values, keys)
                if draft is not None:
                    out.append(draft)
    return out


def _spelling(name: str, sentences: list[Sentence]) -> _Spelling:
    """Where and how a name (lower case) is written, and in which contexts."""
    spelling = _Spelling(set(), set(), {}, [])
    for s in sentences:
        text = s.whole or s.text
        for word, context in _name_contexts(text):
            if word.lower() == name and not word.isupper() and word not in WEEKDAYS and word not in MONTH_NAMES:
                spelling.articles.add(s.article)
                spelling.contexts.add(context)
                spelling.sentence.setdefault(s.article, text)
                spelling.written.append(word)
    return spelling


_CAPITALISED_WORD = r"[A-Z][^\W\d_'’-]+"
# a capitalised word followed by another (each gets the other as context): "Olek Varga"
_NAME_PAIR = re.compile(rf"(?<![\w'’.-])({_CAPITALISED_WORD})(?=\s+({_CAPITALISED_WORD})(?![\w'’-]))")


# a word, then (after a space or comma) a capitalised word: "son, Arlo" (the first word is a role
# noun when :func:`_name_contexts` says so; a match starts only at a word's start, so it is linear)
_AFTER_WORD = re.compile(rf"(?<![\w'’-])([^\W\d_]+)[\s,]+(?=({_CAPITALISED_WORD})(?![\w'’-]))")


def _name_contexts(sentence: str) -> list[tuple[str, str]]:
    """(name, context) pairs: what ties an occurrence of a name to a person, the role noun just
    before it ("son X", "son, X") and the capitalised names written next to it ("X Surname"). A
    sentence's first word is capitalised anyway and is never read as a name."""
    roles = words().role_nouns
    out = [(m.group(2), "role:" + m.group(1).lower()) for m in _AFTER_WORD.finditer(sentence)
           if m.group(1).lower() in roles]
    for m in _NAME_PAIR.finditer(sentence):
        first, second = m.group(1), m.group(2)
        if m.start() > 0:
            out.append((first, "name:" + _fold(second).lower()))
            out.append((second, "name:" + _fold(first).lower()))
    return out


def _context_label(context: str) -> str:
    kind, word = context.split(":", 1)
    return f"the {word}" if kind == "role" else f"written with {word.capitalize()}"


def _short(text: str, most: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:most]) + ("…" if len(parts) > most else "")


def _plural_pair(a: str, b: str) -> bool:
    """One name is the other with an "s" added ("Sauer" / "Sauers"): a plural or a family, unless
    both are written beside the same first name."""
    fa, fb = _fold(a).lower(), _fold(b).lower()
    return fa + "s" == fb or fb + "s" == fa


def _variant_spellings(a: str, b: str) -> bool:
    fa, fb = _fold(a).lower(), _fold(b).lower()
    if fa == fb or fa.startswith(fb) or fb.startswith(fa):
        return False  # accents only, or a truncation / plural
    if len(os.path.commonprefix([fa, fb])) >= min(len(fa), len(fb)) - 2:
        return False  # another ending is another word or person ("Ministry"/"Minister", "Christina"/"Christine")
    return fuzz.ratio(fa, fb) >= SPELLING_SIMILARITY


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# ------------------------------------------------------------------------------------------ venues

_VENUE = re.compile(r"\bon\s+(?:the\s+)?((?:[A-Z][\w&.'’-]*\s+){0,4}[A-Z][\w&.'’-]*)(\s+[Ee]xchange\b)?")


@dataclass(frozen=True, slots=True)
class _Venue:
    article: int
    sentence: str
    subject: str
    venue: str
    forms: frozenset[str]


def venue_disputes(sentences: list[tuple[int, str]], keys: Sequence[str]) -> list[DisputeDraft]:
    """One company's shares said to trade on two different venues by different lines."""
    by_subject: dict[str, list[_Venue]] = defaultdict(list)
    for article, sentence in sentences:
        for v in _venues(article, sentence):
            by_subject[_subject_key(v.subject)].append(v)
    return _slot_disputes(by_subject, _same_venue, lambda v: v.venue,
                          lambda found: f"Where the shares of {found[0].subject} trade", keys)


def _venues(article: int, sentence: str) -> list[_Venue]:
    w = words()
    out: list[_Venue] = []
    if w.venue_words.isdisjoint(_LETTERS.findall(sentence.lower())):  # (most sentences name no venue)
        return out
    for m in _VENUE.finditer(sentence):
        phrase = (m.group(1) + (m.group(2) or "")).rstrip(".,;:’'")
        lowered = [t.strip(".,’'").lower() for t in phrase.split()]
        if not any(t in w.venue_words for t in lowered) or any(t in w.index_words for t in lowered):
            continue
        before = sentence[:m.start()]
        cue_words = [t.lower().strip(",.") for t in _TOKEN.findall(before)[-6:]]
        if not any(t in w.listing_cues for t in cue_words):
            continue
        subject = _nearest_name(before)
        if subject is None:
            continue
        out.append(_Venue(article, sentence, subject, phrase.strip(), _venue_forms(phrase, w)))
    for m in _LISTED.finditer(sentence):  # "the Nasdaq-listed chipmaker Quillon"
        if m.group(1).lower() in w.venue_words:
            out.append(_Venue(article, sentence, m.group(2), m.group(1), _venue_forms(m.group(1), w)))
    return out


_LISTED = re.compile(r"(?<![\w'’-])([A-Z][A-Za-z]+)-listed\s+(?:[a-z]+\s+){0,2}?([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)*)")


_CAPITAL_RUN = re.compile(r"(?<![\w'’-])[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*")


def _nearest_name(text: str) -> str | None:
    """The last capitalised run of ``text`` that can name a company (not a weekday, a month, a
    two-letter abbreviation or the sentence's first word)."""
    for m in reversed(list(_CAPITAL_RUN.finditer(text))):
        run = m.group(0).rstrip(".,")
        bare = run.replace(".", "")
        if m.start() == 0 and " " not in run:
            continue
        if run in WEEKDAYS or run in MONTH_NAMES or (bare.isupper() and len(bare) <= 2):
            continue
        return re.sub(r"['’]s?$", "", run)
    return None


def _subject_key(subject: str) -> str:
    first = _fold(subject.split()[0]).lower()
    return first[:-1] if first.endswith("s") and len(first) > 4 else first


def _same_venue(a: _Venue, b: _Venue) -> bool:
    """One venue: a shared form, or one form the start of another ("HK" of "HKEX", "NY" of "NYSE")."""
    return not a.forms.isdisjoint(b.forms) or any(
        x.startswith(y) or y.startswith(x) for x in a.forms for y in b.forms
        if min(len(x), len(y)) >= 2 and " " not in x + y)  # (initials and acronyms only: "ne" is no start of "new york")


def _venue_forms(phrase: str, w: Words) -> frozenset[str]:
    """The ways one venue is written: its words without the generic ones, and its initials."""
    tokens = [t.strip(".,’'") for t in phrase.split()]
    proper = [t.lower() for t in tokens if t.lower() not in w.venue_generic]
    forms = {" ".join(proper)} if proper else set()
    if len(tokens) > 1:
        forms.add("".join(t[0].lower() for t in tokens if t.lower() != "the"))
        if len(proper) > 1:
            forms.add("".join(t[0] for t in proper))
    if len(tokens) == 1:
        forms.add(tokens[0].lower())
    return frozenset(f for f in forms if f)


# ------------------------------------------------------------------------------------------- seats

_PLACE = r"((?:[A-Z][\w.'’&]*,?\s+){0,3}[A-Z][\w.'’&]*)"
# (found by its suffix, the place read backwards from it: a pattern that reads the place first
# retries every capitalised run of a long text)
_SEAT_SUFFIX = re.compile(r"-\s?(?:based|headquartered|head-quartered)\b")
_SEAT_IN = re.compile(r"\b(?:based|headquartered|head-quartered|headquarters)\s+(?:is\s+|are\s+)?in\s+" + _PLACE)


_APPOSED = re.compile(r"(?<![\w'’-])((?:[A-Z][\w&'’-]*\s+){0,2}[A-Z][\w&'’-]*),\s+(?:the|a|an)$")


@dataclass(frozen=True, slots=True)
class _Seat:
    article: int
    sentence: str
    subject: str  # the name of what is based there, or "" for the story's own subject ("the X-based company")
    place: str  # as written ("Santa Clara, California")
    town: str  # its most precise part, folded ("santa clara")


@lru_cache(maxsize=1)
def _seat_hint() -> re.Pattern[str]:
    """A seat word anywhere, glued to a place or not ("California-headquartered")."""
    return re.compile("|".join(re.escape(w) for w in sorted(words().seat_words, key=len, reverse=True)),
                      re.IGNORECASE)


def _main_subject(items: Sequence[Item]) -> str:
    """The capitalised word most of the story's articles write (its protagonist: "the company" in
    a story about one company); a word that only opens sentences ("The", "But") is no name."""
    articles: dict[str, set[int]] = defaultdict(set)
    uses: dict[str, int] = defaultdict(int)
    for article, sentence in whole_sentences(items):
        for word in _CAPITALISED.findall(sentence):
            articles[word].add(article)
            uses[word] += 1
    names = [w for w in articles if w.lower() not in STOPWORDS and w.lower() not in _SENTENCE_WORDS]
    return min(names, key=lambda n: (-len(articles[n]), -uses[n], n)) if names else ""


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][a-z]*[A-Z]?[\w&-]*(?=['’]s\b|\b)")
_SENTENCE_WORDS = frozenset(w.lower() for w in (*WEEKDAYS, *MONTH_NAMES))


def seat_disputes(sentences: list[tuple[int, str]], items: Sequence[Item], keys: Sequence[str]) -> list[DisputeDraft]:
    """One organisation said to be based in two different towns by different lines. A state,
    country or region ("California-based") may hold the town and rivals nothing."""
    found = [seat for article, sentence in sentences for seat in seats_in(article, sentence)]
    main = _main_subject(items) if any(not seat.subject for seat in found) else ""
    # "the Seattle-based retailer" beside another name may be that one's seat, not the story's subject's
    found = [seat for seat in found if seat.subject or _names_beside(seat) <= {_subject_key(main)}]
    by_subject: dict[str, list[_Seat]] = defaultdict(list)
    for seat in found:
        by_subject[_subject_key(seat.subject or main)].append(seat)
    return _slot_disputes(by_subject, lambda a, b: a.town == b.town, lambda seat: seat.place,
                          lambda found: f"Where {_seat_subject(found, main)} is based", keys)


def _names_beside(seat: _Seat) -> set[str]:
    """The names of a seat's sentence other than its place (by first word, folded)."""
    town = set(_fold(seat.place).lower().replace(",", " ").split())
    out = set()
    for m in _CAPITAL_RUN.finditer(seat.sentence):
        run = m.group(0).rstrip(".,")
        if (m.start() == 0 and " " not in run) or run in WEEKDAYS or run in MONTH_NAMES:
            continue
        parts = [w.split("-")[0] for w in _fold(run).lower().split() if w not in _DETERMINERS]
        if parts and not set(parts) <= town:
            out.add(_subject_key(" ".join(parts)))
    return out


def _seat_subject(found: list[_Seat], main: str) -> str:
    named = [seat.subject for seat in found if seat.subject]
    return _label(named, lambda n: n) if named else main


def seats_in(article: int, sentence: str) -> list[_Seat]:
    """The (subject, town) frames of a sentence: "the Palo Alto-based company", "Acme, the
    Springfield-based maker", "Springfield-based Acme", "Acme is headquartered in Springfield"."""
    out: list[_Seat] = []
    for m in _SEAT_SUFFIX.finditer(sentence):
        written = _capitalised_before(sentence[max(0, m.start() - 80):m.start()], commas=1)
        if not written:
            continue
        place = _place(written)
        after = _TOKEN.findall(sentence[m.end():m.end() + 60])[:3]
        head = sentence[:m.start()].rstrip()
        before = head[:-len(written)].rstrip() if head.endswith(written) else head
        apposed = _APPOSED.search(before[-120:])  # "Acme, the Springfield-based maker"
        if after and after[0][:1].isupper():
            subject = re.sub(r"['’]s?$", "", after[0])  # "Springfield-based Acme"
        elif apposed:
            subject = re.sub(r"['’]s?$", "", apposed.group(1))
        elif _ends_on_the(before) or written.split()[0] in ("The", "the"):
            subject = ""  # "the Springfield-based company": the story's own subject
        else:
            continue  # "a Springfield-based lawyer": someone else
        if place:
            out.append(_Seat(article, sentence, subject, place, _town(place)))
    for m in _SEAT_IN.finditer(sentence):
        place = _place(m.group(1))
        before = sentence[:m.start()]
        subject = _nearest_name(before) or ""
        if place and (subject or before.lstrip().startswith(("The ", "Its ", "It "))):
            out.append(_Seat(article, sentence, subject, place, _town(place)))
    return [seat for seat in out if seat.town and seat.town not in words().region_names]


def _ends_on_the(text: str) -> bool:
    return text.lower().endswith("the") and (len(text) == 3 or not text[-4].isalnum())


def _place(written: str) -> str:
    tokens = written.replace(",", " , ").split()
    while tokens and tokens[0] in ("The", "the", ","):
        tokens = tokens[1:]
    return ", ".join(part.strip() for part in " ".join(tokens).split(",") if part.strip())


def _capitalised_before(text: str, commas: int = 0, most: int = 4) -> str:
    """The capitalised words that end ``text`` (at most ``most``, across at most ``commas`` commas:
    "Santa Clara, California"), as written; "" when the last word is not capitalised."""
    run: list[str] = []
    for word in reversed(text.split()[-most:]):
        if not word[:1].isupper() or word.endswith(",") and (not run or commas == 0):
            break
        commas -= word.endswith(",")
        run.insert(0, word)
    return " ".join(run)


def _town(place: str) -> str:
    return _fold(place.split(",")[0]).lower().strip(" .")


# ------------------------------------------------------------------------------------- the first

# "<Name> became the first <noun> to <verb> <object>", "<Name>, the first <noun> to …", "…, making
# <Name> the first …": a record that one subject holds.
_FIRST = re.compile(r"\b(?P<link>was|is|became|becomes|become|has become|had become|remains|making|made|"
                    r"makes|,)\s+(?:it\s+|them\s+|(?P<named>(?:[A-Z][\w&'’-]*\s+){0,2}[A-Z][\w&'’-]*)\s+)?"
                    r"the\s+first(?:-ever)?\s+(?P<noun>(?:[a-z][\w-]*\s+){0,2}?)to\s+(?P<rest>(?:(?!\s[-–—]\s)[^,;:()—–]){3,80})")
_FIRST_THEN = re.compile(r"(?:^|(?<=[.;:]\s))[Tt]he\s+first(?:-ever)?\s+(?P<noun>(?:[a-z][\w-]*\s+){0,2}?)to\s+"
                         r"(?P<rest>[^,;:()]{3,80}?)\s+(?:was|were)\s+(?P<named>(?:[A-Z][\w&'’-]*\s+){0,2}[A-Z][\w&'’-]*)")
_OPENING_NAME = re.compile(r"[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,2}")
FIRST_OBJECT_WORDS = 2  # content words after the verb that say what the record is ("win the Booker prize")


@dataclass(frozen=True, slots=True)
class _First:
    article: int
    sentence: str
    record: str  # "country to land moon pole" (noun, verb and object, stemmed)
    holder: str  # as written
    key: str  # the holder's first word, folded


def first_disputes(sentences: list[tuple[int, str]], keys: Sequence[str]) -> list[DisputeDraft]:
    """One record ("the first <noun> to <verb> <object>") given to different holders by different
    lines. The object is part of the record, so two firsts of one kind ("the first woman to win
    the X prize" / "… the Y prize") are two records, not a dispute."""
    by_record: dict[str, list[_First]] = defaultdict(list)
    for article, sentence in sentences:
        for first in firsts_in(article, sentence):
            by_record[first.record].append(first)
    return _slot_disputes(by_record, lambda a, b: a.key == b.key, lambda f: f.holder,
                          lambda found: f"Who was the first {_record_words(found[0])}", keys)


def _record_words(first: _First) -> str:
    m = _FIRST.search(first.sentence)
    return " ".join((m.group("noun") + "to " + m.group("rest")).split()[:8]) if m else first.record


def firsts_in(article: int, sentence: str) -> list[_First]:
    out = []
    for m in _FIRST.finditer(sentence):
        before = sentence[:m.start()]
        if _hoped().search(before[-40:]) or re.search(r"\bnot\s*$", before):
            continue  # "set to become the first", "could become the first", "is not the first"
        opening = _OPENING_NAME.fullmatch(before.strip())  # "Acme has become the first …"
        holder = m.group("named") or (opening.group(0) if opening else _nearest_name(before)) or ""
        out += _first(article, sentence, holder, m.group("noun"), m.group("rest"))
    for m in _FIRST_THEN.finditer(sentence):  # "The first carmaker to sell a million vans was Acme"
        out += _first(article, sentence, m.group("named"), m.group("noun"), m.group("rest"))
    return out


def _first(article: int, sentence: str, holder: str, noun: str, rest_text: str) -> list[_First]:
    """The record frame of one holder: noun, verb and first object words, stemmed."""
    if not holder or holder.lower() in ("it", "them") or holder in WEEKDAYS or holder in MONTH_NAMES:
        return []
    rest = [t.lower().strip(".") for t in _TOKEN.findall(rest_text)]
    if not rest:
        return []
    objects = [w for w in rest[1:] if w not in STOPWORDS and w[:1].isalpha()][:FIRST_OBJECT_WORDS]
    record = " ".join([*(stem(w) for w in noun.split()), "to", stem(rest[0]), *map(stem, objects)])
    holder = re.sub(r"['’]s?$", "", holder)
    return [_First(article, sentence, record, holder, _subject_key(holder))]


@lru_cache(maxsize=1)
def _hoped() -> re.Pattern[str]:
    """A hope or a plan right before "the first" ("is set to become", "could soon be")."""
    hopes = sorted(words().record_hopes, key=len, reverse=True)
    cues = phrase_alternation(hopes)
    firsts = re.escape("".join(sorted({w[0].lower() for w in hopes})))  # spares trying each cue at every word
    return re.compile(rf"\b(?=[{firsts}])(?:{cues})\b(?:\s+to)?\s+(?:\w+\s+)?(?:be\s+|become\s+)?$", re.IGNORECASE)


# ------------------------------------------------------------------------------------------- ages

_FULL_NAME = r"((?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)"
# "Ada Quill, 48," / "Ada Quill (48)": found by the figure, the name read backwards from it
_AGE_AFTER = re.compile(r"(?:,\s|\s\()(\d{1,3})(?:,|\))")
_AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old\s+(?:[a-z]+\s+){0,2}" + _FULL_NAME)  # "48-year-old Ada Quill"
MAX_AGE = 120


@dataclass(frozen=True, slots=True)
class _Age:
    article: int
    sentence: str
    name: str  # as written
    age: int


def age_disputes(sentences: list[tuple[int, str]], keys: Sequence[str]) -> list[DisputeDraft]:
    """One person's age given as two figures by different lines ("Ada Quill, 48," / "Ada Quill,
    49,"). A person is the last two words of a full name (a family shares a surname; a single
    word could be anyone), so a title or a role before the name does not split one person in two."""
    by_person: dict[str, list[_Age]] = defaultdict(list)
    for article, sentence in sentences:
        for found in ages_in(article, sentence):
            by_person[" ".join(_fold(found.name).lower().split()[-2:])].append(found)
    return _slot_disputes(by_person, lambda a, b: a.age == b.age, lambda a: str(a.age),
                          lambda found: f"The age of {_label(found, lambda a: ' '.join(a.name.split()[-2:]))}", keys)


def ages_in(article: int, sentence: str) -> list[_Age]:
    out = []
    for m in _AGE_AFTER.finditer(sentence):
        name, age = _capitalised_before(sentence[max(0, m.start() - 80):m.start()]), int(m.group(1))
        if 0 < age <= MAX_AGE and not _not_a_person(name):
            out.append(_Age(article, sentence, name, age))
    for m in _AGE_BEFORE.finditer(sentence):
        age, name = int(m.group(1)), m.group(2)
        if 0 < age <= MAX_AGE and not _not_a_person(name):
            out.append(_Age(article, sentence, name, age))
    return out


def _not_a_person(name: str) -> bool:
    """A date, a single word or a region ("New York (10)") is no person's name."""
    parts = name.split()
    return any(p.rstrip(".").lower() in MONTHS or p in WEEKDAYS for p in parts) or len(parts) < 2 or (
        " ".join(parts[-2:]).lower() in words().region_names)  # "cases in New York (10)": a count by place


# ------------------------------------------------------------------------------------ named years

# A name that numbers one of a series ("Orbiter-2", "Apollo 13", "Artemis II"): a mission, an
# edition, a model, each of which happened in one year.
_NUMBERED = re.compile(r"(?<![\w'’-])([A-Z][A-Za-z]+(?:-| )(?:\d{1,3}|[IVX]{1,4}))(?![\w'’-])")
_YEAR = re.compile(r"(?<![\w$€£.,-])(?:19|20)\d\d(?![\w%-]|,\d)")
NAMED_YEAR_REACH = 6  # words: the numbered name opens the sentence, as what it is about


@dataclass(frozen=True, slots=True)
class _NamedYear:
    article: int
    sentence: str
    name: str
    year: int


def named_year_disputes(sentences: list[tuple[int, str]], keys: Sequence[str], before: int) -> list[DisputeDraft]:
    """The year of one numbered thing of the past ("Orbiter-2 flew in 2019" / "Orbiter-2, launched in
    2020", both before the story's year ``before``) given as two years a year apart by different
    lines: the shape of a slip. Years further apart are more often two events of the thing (its
    launch and its end) than one event misdated, and a thing of the story's own year is still
    making news (a model's launch and its sales)."""
    by_name: dict[str, list[_NamedYear]] = defaultdict(list)
    for article, sentence in sentences:
        found = named_year(article, sentence)
        if found is not None and found.year < before:
            by_name[found.name.lower()].append(found)
    out = []
    for name in sorted(by_name):
        years = sorted({f.year for f in by_name[name]})
        if len(years) == 2 and years[1] - years[0] == 1:
            out += _slot_disputes({name: by_name[name]}, lambda a, b: a.year == b.year, lambda f: str(f.year),
                                  lambda found: f"The year of {found[0].name}", keys)
    return out


def named_year(article: int, sentence: str) -> _NamedYear | None:
    """(numbered name, year) of a sentence that opens on the name and writes one year."""
    years = _YEAR.findall(sentence)
    if len(set(years)) != 1:
        return None
    m = next((m for m in _NUMBERED.finditer(sentence)
              if re.split(r"[- ]", m.group(1))[0].lower().rstrip(".") not in MONTHS), None)  # "May 30" is a date
    if m is None or len(_TOKEN.findall(sentence[:m.start()])) > NAMED_YEAR_REACH or m.start() > sentence.find(years[0]):
        return None
    return _NamedYear(article, sentence, m.group(1), int(years[0]))


# ------------------------------------------------------------------------------------------ causes

_CAUSE_TOKEN = re.compile(r"[^\W_][\w'’-]*|[,;:()“”\"]")


@dataclass(frozen=True, slots=True)
class _Cause:
    article: int
    sentence: str
    event: str  # the event's noun, stemmed ("derail")
    cause: str  # the cause as written ("a worn brake pad")
    key: str  # the cause's last noun, stemmed ("pad")
    event_word: str  # the event's noun as written
    whole: bool  # given as the cause, not as one factor among others


@lru_cache(maxsize=1)
def _cause_hints() -> frozenset[str]:
    """The content stems of the cause phrases and failure words: a sentence none of whose
    statements holds one gives no cause."""
    w = words()
    return frozenset(s for p in w.cause_verbs | w.contributing_verbs | w.caused_by | w.failure_words
                     for s in content_stems(p))


@lru_cache(maxsize=1)
def _cause_phrases() -> dict[str, tuple[tuple[tuple[str, ...], bool, bool], ...]]:
    """First word -> (the phrase's words, whether it reads the event first: "the E was caused by",
    whether it gives the cause rather than one factor)."""
    w = words()
    found: dict[str, list[tuple[tuple[str, ...], bool, bool]]] = defaultdict(list)
    for passive, whole, phrases in ((False, True, w.cause_verbs), (False, False, w.contributing_verbs),
                                    (True, True, w.caused_by)):
        for phrase in sorted(phrases):
            parts = tuple(phrase.split())
            found[parts[0]].append((parts, passive, whole))
    return {first: tuple(v) for first, v in found.items()}


def cause_disputes(sentences: list[tuple[int, str]], keys: Sequence[str]) -> list[DisputeDraft]:
    """Different causes of one event (the same noun: "the derailment") from different lines."""
    by_event: dict[str, list[_Cause]] = defaultdict(list)
    for article, sentence in sentences:
        for c in causes_in(article, sentence):
            by_event[c.event].append(c)
    return _slot_disputes(by_event, lambda a, b: a.key == b.key, lambda c: c.cause,
                          lambda found: f"The cause of the {_label(found, lambda c: c.event_word)}", keys,
                          side=lambda group: any(c.whole for c in group))


def articles_naming_a_cause(items: Sequence[Item]) -> set[int]:
    """The articles with a sentence naming what caused an event (a frame of :func:`causes_in`)."""
    hints = _cause_hints()
    hinted = (it for it in items if not hints.isdisjoint(it.features.stems))  # (most sentences hold no cue)
    return {article for article, sentence in whole_sentences(hinted) if causes_in(article, sentence)}


def causes_in(article: int, sentence: str) -> list[_Cause]:
    """The (event, cause) frames of a sentence, one per event."""
    w = words()
    written = _CAUSE_TOKEN.findall(sentence)
    lowered = [t.lower() for t in written]
    found: dict[str, _Cause] = {}
    phrases = _cause_phrases()
    for i, token in enumerate(lowered):
        for parts, passive, whole in phrases.get(token, ()):
            if tuple(lowered[i:i + len(parts)]) != parts:
                continue
            if passive:  # the event was caused by X
                event, cause = _event_before(written, i), _phrase_after(written, i + len(parts), w)
            else:
                event, cause = _event_after(written, i + len(parts)), _phrase_before(written, i, w)
            if event and cause and not _negated(lowered, i):
                found.setdefault(event[0], _frame(article, sentence, event, cause, whole))
        if token in w.failure_words:
            before = _before_the(lowered, i + 1, w)
            if before is None:
                continue
            event = _event_after(written, before)
            adjective = i > 0 and lowered[i - 1] in _DETERMINERS
            cause = _phrase_after(written, i + 1, w) if adjective else _phrase_before(written, i, w)
            if event and cause and not _negated(lowered, i):  # (a part failing just before: given as the cause)
                found.setdefault(event[0], _frame(article, sentence, event, cause, True))
    return list(found.values())


def _frame(article: int, sentence: str, event: tuple[str, str], cause: list[str], whole: bool) -> _Cause:
    return _Cause(article, sentence, event[0], " ".join(cause), stem(cause[-1].lower()), event[1], whole)


def _negated(lowered: list[str], i: int) -> bool:
    return any(t in ("not", "no", "never", "n't", "didn't", "wasn't", "hasn't") for t in lowered[max(0, i - 3):i])


def _before_the(lowered: list[str], start: int, w: Words) -> int | None:
    """The index after "before the" when it follows within a few words ("... and failed moments before the")."""
    for j in range(start, min(start + 6, len(lowered) - 1)):
        if lowered[j] == "before" and lowered[j + 1] == "the":
            return j + 1
        if not lowered[j][:1].isalpha():
            return None
    return None


def _event_after(written: list[str], det: int) -> tuple[str, str] | None:
    """The event noun after its determiner ("the fiery derailment of" -> derailment): none for a
    named or dated event ("the 2018 Main Street fire"), which is another event than the story's."""
    if det >= len(written) or written[det].lower() != "the":  # (the story's event; "sparked a fire" is an effect)
        return None
    run = []
    for t in written[det + 1:det + 4]:
        if not t[:1].isalnum() or t.lower() in STOPWORDS:
            break
        run.append(t)
    after = written[det + 1 + len(run):det + 2 + len(run)]
    if not run or any(t[:1].isupper() or t[:1].isdigit() or t.lower() in words().other_event_words for t in run) \
            or [t.lower() for t in after] == ["to"]:
        return None  # (another event, or "caused the fire to spread": not what caused the fire)
    return stem(run[-1].lower()), run[-1].lower()


def _event_before(written: list[str], verb: int) -> tuple[str, str] | None:
    """The event in "the derailment was caused by": the noun before "was"/"were"."""
    if verb < 3 or written[verb - 1].lower() not in ("was", "were", "is", "are"):
        return None
    noun = written[verb - 2]
    if not noun[:1].isalpha() or noun[:1].isupper() or noun.lower() in STOPWORDS \
            or written[verb - 3].lower() not in ("the", "this"):
        return None
    return stem(noun.lower()), noun.lower()


MAX_CAUSE_WORDS = 10


def _phrase_before(written: list[str], verb: int, w: Words) -> list[str]:
    """The cause read backwards from its verb to the start of its clause."""
    words_: list[str] = []
    for t in reversed(written[max(0, verb - MAX_CAUSE_WORDS):verb]):
        low = t.lower()
        if low in w.open_question_words:
            return []
        if not t[:1].isalnum() or low in w.clause_boundaries or low in w.saying_verbs:
            break
        words_.insert(0, t)
    return _noun_phrase(words_)


def _phrase_after(written: list[str], start: int, w: Words) -> list[str]:
    """The cause read forwards ("caused by a worn pad on ...", "an overheated pad moments before")."""
    words_: list[str] = []
    for t in written[start:start + MAX_CAUSE_WORDS]:
        low = t.lower()
        if not t[:1].isalnum() or low in w.clause_boundaries or low in w.time_gap_words or low in w.phrase_ends \
                or (words_ and low in STOPWORDS and low not in _DETERMINERS and low != "of"):
            break
        words_.append(t)
    return _noun_phrase(words_)


def _noun_phrase(tokens: list[str]) -> list[str]:
    """The phrase when it ends on a noun-like word (not a pronoun, stopword or figure), else nothing."""
    while tokens and tokens[-1].lower() in STOPWORDS:
        tokens = tokens[:-1]
    if not tokens or not tokens[-1].isalpha() or len(tokens[-1]) < 3:
        return []
    content = [t for t in tokens if t.lower() not in STOPWORDS]
    return tokens if content else []


# ------------------------------------------------------------------------------------------- sites

_PLACE_STOPS = frozenset({"on", "at", "in", "and", "but", "after", "before", "making", "which", "where", "while",
                          "as", "with", "this", "for", "to", "amid", "following", "by", "when", "from", "later",
                          "earlier", "today", "tonight", "tomorrow", "yesterday", "soon", "next", "last", "then"})
_PLACE_TRAILERS = frozenset({"of", "the", "a", "an"})  # (a phrase cut at MAX_PLACE_WORDS: "the region of the")
_PLACE_SUFFIXES = ("ern", "ar", "al", "s", "e")  # "southern" is south, "polar" and "poles" are pole
_NOT_ARRIVED = re.compile(r"\b(?:not|never|failed\s+to|fails\s+to|attempt(?:ed|s)?\s+to|tried\s+to|try\s+to|"
                          r"unable\s+to|no)\s+(?:\w+\s+)?$", re.IGNORECASE)
MAX_PLACE_WORDS = 8
# what makes a bare "land" the verb: an infinitive or a modal right before it ("to land", "will softly land")
_TO_LAND = re.compile(r"\b(?:to|will|would|could|can|may|might|must|should|did|does|do)\s+(?:\w+ly\s+)?$",
                      re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Site:
    article: int
    sentence: str
    place: str  # as written ("the far side of the moon")
    forms: frozenset[str]  # its particular words, folded (see _place_word: "far", "sid")
    planned: bool  # told as a plan ("is expected to touch down on")


def site_disputes(sentences: list[tuple[int, str]], keys: Sequence[str]) -> list[DisputeDraft]:
    """Where the story's craft or storm came down, given as places that share no particular word
    by different lines ("the far side of the moon" / "near the lunar south pole"). A line that
    gives two places both as plans, or both as done, contradicts itself and stands on both sides;
    one whose plan and outcome differ tells a change (a diversion) and is left out."""
    found = [site for article, sentence in sentences for site in sites_in(article, sentence)]
    tenses: dict[str, set[bool]] = defaultdict(set)
    for site in found:
        tenses[keys[site.article]].add(site.planned)
    consistent = frozenset(k for k, told in tenses.items() if len(told) == 1)
    named = [site for site in found if not _is_code(site.place)]
    if named:  # (a code, "PDX" or "LHR", an airport's or a station's, cannot be told from a place named)
        found = named
    return _slot_disputes({"": found} if found else {}, lambda a, b: not a.forms.isdisjoint(b.forms),
                          lambda site: site.place, lambda _found: "Where it came down", keys, keep=consistent)


def _is_code(place: str) -> bool:
    """A place written as a code: one word of two to four capitals."""
    return " " not in place and 2 <= len(place) <= 4 and place.isalpha() and place.isupper()


@lru_cache(maxsize=1)
def _arrival() -> re.Pattern[str]:
    phrases = sorted(words().arrival_phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + phrase_alternation(phrases) + r")\s+"
                      r"(?:(?:softly|safely|successfully|gently)\s+)?"
                      r"(?:on|near|at|in|onto|close\s+to)\s+(?P<place>[^,;:.!?()\[\]]+)", re.IGNORECASE)


def sites_in(article: int, sentence: str) -> list[_Site]:
    w = words()
    out = []
    pattern, at = _arrival(), 0
    while (m := pattern.search(sentence, at)) is not None:
        at = m.start("place")  # (the next arrival may be inside this one's run: "due to land at X but landed at Y")
        if _NOT_ARRIVED.search(sentence[:m.start()]):
            continue  # "did not land on", "failed to land near": no place it came down
        if m.group(0)[:5].lower() == "land " and not _TO_LAND.search(sentence[:m.start()]):
            continue  # the noun ("farm land near the river", "the land in the valley"), not the verb
        if not m.group("place")[:1].isupper() and not m.group("place").lower().startswith("the "):
            continue  # no place named: "landed in trouble", "landed in hot water"
        place: list[str] = []
        for token in m.group("place").split()[:MAX_PLACE_WORDS]:
            bare = token.strip("'’\"“”").lower()
            if bare in _PLACE_STOPS or not bare[:1].isalpha() or bare in MONTHS or bare.capitalize() in WEEKDAYS:
                break
            place.append(token)
        while place and place[-1].lower() in _PLACE_TRAILERS:
            place.pop()
        bare_words = (t.strip("'’\"“”").lower().removesuffix("'s").removesuffix("’s") for t in place)
        forms = frozenset(_place_word(f) for f in bare_words if f and f not in w.place_generic and f not in _NUMBER_WORDS)
        if forms:
            before = [t.lower() for t in _TOKEN.findall(sentence[:m.start()])[-PLAN_REACH:]]
            out.append(_Site(article, sentence, " ".join(place), forms, modality(" ".join(before)) == "future"))
    return out


def _place_word(word: str) -> str:
    """A place word without the endings that make it an adjective or a plural, so that "the south
    pole", "the southern polar region" and "the poles" share their words."""
    for suffix in _PLACE_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[:-len(suffix)]
    return word


PLAN_REACH = 5  # words before the verb that can make it a plan ("is expected to", "is all set to")


# ----------------------------------------------------------------------------------------- make-up

_LIST_CUE = re.compile(r"[a-z],?\s+and\s+[a-z]")
_LIST_ITEM = r"[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}"
_LIST = re.compile(rf"(?<![\w-])(?:{_LIST_ITEM},\s+){{1,8}}{_LIST_ITEM},?\s+and\s+{_LIST_ITEM}")
_PARENTHESES = re.compile(r"\([^()]*\)")
_LIST_JOINS = re.compile(r"(,\s+(?:and\s+)?|(?<!\s)\s+and\s+)")  # (one try per run of spaces)
MIN_LIST_MEMBERS = 3


@dataclass(frozen=True, slots=True)
class _List:
    article: int
    sentence: str
    members: frozenset[str]
    makeup: bool  # introduced as what something is made of (makeup_cues)


@lru_cache(maxsize=2)
def _makeup(just_before: bool = True) -> re.Pattern[str]:
    """A make-up cue at the end of a text (right before a list), or anywhere."""
    cues = sorted(words().makeup_cues, key=len, reverse=True)
    return re.compile(r"\b(?:" + phrase_alternation(cues) + r")\b"
                      + (r"\s+$" if just_before else ""), re.IGNORECASE)


@lru_cache(maxsize=1)
def _cue_stems() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The stems of each arrival phrase's and each make-up cue's first word, as a statement's
    features hold them, and the two together."""
    w = words()
    arrival = frozenset(stem(p.split()[0]) for p in w.arrival_phrases)
    makeup = frozenset(stem(c.split()[0]) for c in w.makeup_cues)
    return arrival, makeup, arrival | makeup


def makeup_disputes(made: list[tuple[int, str]], sentences: list[tuple[int, str]],
                    keys: Sequence[str]) -> list[DisputeDraft]:
    """What a thing is made of, given by one line as a list that swaps one member of another
    line's list of as many members ("a lander, a rover and an orbiter" / "the lander, rover and
    propulsion module"). ``made``: the sentences holding a make-up cue; ``sentences``: those that
    may list the same things. Each make-up list is compared with the lists sharing its members
    (found through an index by member, not every pair)."""
    lists = [found for article, sentence in dict.fromkeys([*made, *sentences])
             for found in lists_in(article, sentence)]
    holding: dict[str, list[int]] = defaultdict(list)
    for n, found in enumerate(lists):
        for member in found.members:
            holding[member].append(n)
    out: list[DisputeDraft] = []
    seen: set[frozenset[str]] = set()
    for listed in (x for x in lists if x.makeup):
        for n in sorted({n for member in listed.members for n in holding[member]}):
            other = lists[n]
            if keys[other.article] == keys[listed.article] or len(other.members) != len(listed.members):
                continue
            shared = listed.members & other.members
            if len(shared) != len(listed.members) - 1 or len(shared) < MIN_LIST_MEMBERS - 1:
                continue
            [mine], [theirs] = listed.members - shared, other.members - shared
            if frozenset({mine, theirs}) | shared in seen:
                continue
            seen.add(frozenset({mine, theirs}) | shared)
            sides = [(value, [x for x in lists if x.members == shared | {value}]) for value in sorted((mine, theirs))]
            draft = _dispute(f"What it is made of besides the {' and '.join(sorted(shared))}", "assertion", sides, keys)
            if draft is not None:
                out.append(draft)
    return out


def lists_in(article: int, sentence: str) -> list[_List]:
    """The lists of three or more lower-case things in a sentence ("the lander, rover, and
    propulsion module"), each member without its determiner or what follows its noun phrase."""
    text = _PARENTHESES.sub("", sentence)
    out = []
    for m in _LIST.finditer(text):
        pieces = _LIST_JOINS.split(m.group(0))
        ending = next((k for k in range(1, len(pieces), 2) if "and" in pieces[k]), len(pieces) - 2)
        # (the list ends at its first "and": "the hull, sail, and rudder, and the rest on trials")
        parts = [part.split() for part in pieces[:ending + 2:2]]
        first = parts[0][max((k + 1 for k, w in enumerate(parts[0]) if w in STOPWORDS), default=0):]
        last = _without_determiner(parts[-1])
        last = last[:next((k for k, w in enumerate(last) if w in STOPWORDS), len(last))]
        members = [first, *map(_without_determiner, parts[1:-1]), last]
        if any(not words or any(w in STOPWORDS for w in words) for words in members):
            continue  # a clause run into the list ("deploying an orbiter, but its lander and rover")
        joined = [" ".join(words) for words in members]
        if len(set(joined)) == len(joined) >= MIN_LIST_MEMBERS:
            out.append(_List(article, sentence, frozenset(joined), bool(_makeup().search(text[:m.start()]))))
    return out


def _without_determiner(words: list[str]) -> list[str]:
    return words[1:] if words and words[0] in _DETERMINERS else words


# ------------------------------------------------------------------------------------------ shared

def _components(things: list, same) -> list[list]:
    """Groups of ``things`` linked by ``same`` (transitively), in first-seen order (a few rival
    values at most: every pair is compared)."""
    pairs = [(i, j) for i in range(len(things)) for j in range(i + 1, len(things)) if same(things[i], things[j])]
    return [[things[k] for k in group] for group in _linked(len(things), pairs)]


def _slot_disputes(by_subject: dict[str, list], same, value_of, about_of, keys: Sequence[str],
                   side=lambda group: True, keep: frozenset[str] = frozenset()) -> list[DisputeDraft]:
    """A dispute per subject whose frames hold values that are not one (``same`` links frames of
    one value; ``value_of`` writes a frame's value; ``about_of`` says what the frames are about;
    ``side``: whether a value's frames may stand as one side of a dispute; ``keep``: lines that
    stand on every side they give rather than being left out)."""
    out = []
    for subject in sorted(by_subject):
        found = by_subject[subject]
        groups = [g for g in _components(found, same) if side(g)]
        if len(groups) < 2:
            continue
        draft = _dispute(about_of(found), "assertion", [(_label(g, value_of), g) for g in groups], keys, keep)
        if draft is not None:
            out.append(draft)
    return out


def _label(group: list, text_of) -> str:
    """The way most of a group writes its value (ties: the longest, then alphabetical)."""
    counts: dict[str, int] = defaultdict(int)
    for thing in group:
        counts[text_of(thing)] += 1
    return min(counts, key=lambda t: (-counts[t], -len(t), t))


def _dispute(about: str, kind: str, values: list[tuple[str, list]], keys: Sequence[str],
             keep: frozenset[str] = frozenset()) -> DisputeDraft | None:
    """A dispute from (value, things with .article and .sentence) pairs: a line giving two values is
    left out (unless in ``keep``); two values from different lines must remain."""
    held: dict[str, set[int]] = defaultdict(set)
    for n, (_value, things) in enumerate(values):
        for t in things:
            held[keys[t.article]].add(n)
    torn = {k for k, ns in held.items() if len(ns) > 1 and k not in keep}
    if len({k for k, ns in held.items() if k not in torn for _n in ns}) < 2:
        return None  # (one line alone, however many values it gives, is no dispute between outlets)
    kept = []
    for value, things in values:
        mine = sorted({(t.article, t.sentence) for t in things if keys[t.article] not in torn})
        if mine:
            kept.append((value, mine))
    if len(kept) < 2:
        return None
    drafts = tuple(ValueDraft(value, tuple(sorted({a for a, _s in mine})), mine[0][1]) for value, mine in kept)
    weights = sorted(((len({keys[a] for a in v.articles}), v.value) for v in drafts), reverse=True)
    likely = weights[0][1] if weights[0][0] > weights[1][0] else None
    members = tuple(sorted({a for v in drafts for a in v.articles}))
    return DisputeDraft(about, kind, drafts, likely, members)


ESTIMATE_CUE = "stimat"  # (substring of "estimate", "estimated", "Estimates": the test before any parsing)
ESTIMATING_VERBS = frozenset({"estimated", "estimates", "estimate", "projected", "projects", "calculated",
                              "calculates", "put", "puts"})  # "X estimated the damage at $N"


@dataclass(frozen=True, slots=True)
class _Estimate:
    article: int
    sentence: str
    quantity: str  # what is estimated: a quantity key ("cost") or the noun counted
    figure: frames.Statement
    estimator: str  # as written
    names: frozenset[str]  # the estimator's name words, lower case


def estimate_disputes(sentences: list[tuple[int, str]], keys: Sequence[str]) -> list[DisputeDraft]:
    """Different figures for one estimated quantity from estimators whose names share no word."""
    by_quantity: dict[tuple[str, str], list[_Estimate]] = defaultdict(list)
    for article, sentence in sentences:
        for e in estimates_in(article, sentence):
            by_quantity[(e.figure.unit, e.quantity)].append(e)
    found = []
    for (_unit, quantity), group in sorted(by_quantity.items()):
        if len({e.estimator for e in group}) < 2:
            continue
        values: list[list[_Estimate]] = []
        for e in sorted(group, key=lambda e: (e.figure.value, e.article)):
            home = next((v for v in values if _same_figure(v[0].figure, e.figure)), None)
            (home.append(e) if home is not None else values.append([e]))
        if len(values) < 2 or not _estimators_apart(values):
            continue
        shown = [(f"{_label(v, _as_given)} ({'; '.join(dict.fromkeys(e.estimator for e in v))})", v)
                 for v in values]
        dispute = _dispute(f"Estimates of {_quantity_words(quantity, group)} differ", "number", shown, keys,
                           keep=frozenset(keys))
        if dispute is not None:
            found.append(replace(dispute, likely=None))  # (an estimate is no reading of a fact: none is likelier)
    return found


_BOUND_WORDS = {"approx": "about ", "max": "up to ", "min": "more than "}


def _as_given(e: _Estimate) -> str:
    return _BOUND_WORDS.get(e.figure.bound, "") + e.figure.text


def _same_figure(a: frames.Statement, b: frames.Statement) -> bool:
    """One figure as written, to its written precision: each estimator's figure is shown as given
    ("close to $6 billion" is not "$5.5 billion", though a reader of one fact would let them agree)."""
    return abs(a.value - b.value) < max(a.precision, b.precision) * (1 - 1e-9)  # (strictly: 5.5 is no rounding of 6)


def _estimators_apart(values: list[list[_Estimate]]) -> bool:
    """Every value has an estimator whose name shares no word with any estimator of another value:
    one estimator's two figures are an update or a range, not estimates that differ."""
    for v in values:
        others = frozenset().union(*(e.names for u in values if u is not v for e in u))
        if all(e.names & others for e in v):
            return False
    return True


def _quantity_words(quantity: str, group: list[_Estimate]) -> str:
    heading = frames.KEY_HEADINGS.get(quantity)
    return heading[0].lower() + heading[1:] if heading else frames.heading([e.figure for e in group]).lower()


def estimates_in(article: int, sentence: str) -> list[_Estimate]:
    """The estimates of a sentence: each figure of a named quantity (not negated, not an aim), with
    the estimator the sentence names, when it names one."""
    if ESTIMATE_CUE not in sentence.lower():
        return []
    plain = _PARENTHESES.sub("", sentence)  # ("the Federal Agency (FEA)": the name as written first)
    out = []
    for figure in frames.number_statements(0, article, plain, frozenset()):
        at = plain.find(figure.text)
        if at < 0 or figure.negated or figure.role or figure.bound == frames.VAGUE:
            continue
        quantity = frames.quantity_before(plain[:at]) or ("" if figure.unit in frames.MEASURES else figure.unit)
        estimator = _estimator(plain[:at], plain[at + len(figure.text):])
        if not quantity or not estimator:
            continue
        names, _roles = _identity(estimator)
        if names:
            out.append(_Estimate(article, sentence, quantity, figure, " ".join(
                t for t in estimator if t.lower() not in _DETERMINERS), names))
    return out


def _estimator(before: str, after: str) -> list[str]:
    """Who gives the figure: "according to X" anywhere, else the speaker after it ("..., X said"),
    else the subject of the verb of saying or estimating before it ("X said the damage was ...")."""
    w = words()
    for text in (before, after):
        m = _ACCORDING.search(text)
        if m:
            return _run(_TOKEN.findall(text[m.end():]), w)
    return _speaker_after(after) or _speaker_before(before) or _speaker_before(before, ESTIMATING_VERBS)


_ACCORDING = re.compile(r"\baccording\s+to\s+", re.I)
