"""Support for a claim wherever a source states it, not only where its sentence was grouped.

The sentence grouping puts each sentence in one group, so a source whose sentence also says
something else, or says the fact in a longer sentence, ends up elsewhere and the fact looks
thinly sourced. A claim stated by two outlets or more has *cores*: pairs of words that most of
its outlets use together in one sentence, attribution left out (up to three pairs; the pairs more
outlets use first, and among equals the pairs of words fewer of the story's outlets use). A pair of
the story's own words ("Alibaba", "Claude") says nothing in particular. Any sentence of another
outlet that holds both words of a core, with the same polarity, states the claim too and joins it
as a quote: a sentence may support several claims, as a sentence may state several facts.
Three more readings find the same fact told in another grammar: a sentence holding three of the
words most of the claim's outlets share, with one of its sentences (its vocabulary); a list told
with a news predicate, named by another outlet in another order and words (:class:`_Lists`); and a
reason, named by another outlet after another word of cause (:class:`_Causes`).

Once support is extended, :func:`fold` makes one claim of a fact told as two (see there).
"""
from __future__ import annotations

import logging
import math
import re
from bisect import bisect_left
from functools import cached_property, lru_cache
from collections import Counter, defaultdict
from itertools import chain
from typing import Callable, Iterable, NamedTuple, Protocol, Sequence, TypeVar

from ..text import data_lines, phrase_alternation
from . import aliases, roles
from .claims import Item
from .features import content_stems, stems_in
from .frames import (ATTRIBUTION_VERBS, MEASURE_UNITS, MODALITY_WORDS, WORD_NUMBERS, Statement, consistent,
                     figures_given, modality)

log = logging.getLogger(__name__)

PAIR_WORDS = 16  # words of a claim read for its cores
CORES = 1  # cores read per claim (more add sentences sharing two of a claim's words but not its fact)
EVENT_CORES = 3  # and cores of a news predicate with a figure or its unit (see _event_pair)
CORE_COVERAGE = 0.6  # a core word is used by this share of the claim's outlets (two at least)
PARTICULAR_SHARE = 0.7  # one word of a core is used by at most this share of the story's outlets
STORY_WORD_SHARE = 0.6  # a word this share of the story's outlets use is no core word
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"})


D = TypeVar("D", bound="DraftLike")


def _denial_lines() -> list[str]:
    return [line.lower() for line in data_lines("denials.txt")]


def _denial_forms() -> list[str]:
    """The forms of sitegen/data/denials.txt ("failed to", "refused to"), longest first."""
    return sorted({line for line in _denial_lines() if not line.startswith("boilerplate:")}, key=lambda f: (-len(f), f))


@lru_cache(maxsize=1)
def _denial_boilerplate() -> frozenset[str]:
    """The stems of the words of routine denials (the "boilerplate:" lines of denials.txt)."""
    return frozenset(st for line in _denial_lines() if line.startswith("boilerplate:")
                     for st in content_stems(line.partition(":")[2]))


# a plain negation ("not", "n't") or a form that denies the action after it ("failed to"); "not
# only" and "not just" add, they deny nothing
# each word that begins a negation, also with the punctuation that may close it or a quotation mark before it
_NEGATION_WORDS = frozenset(form for w in (*NEGATIONS, *(f.split()[0] for f in _denial_forms()))
                            for form in (w, *(w + mark for mark in ',.;:!?”"'), "“" + w, '"' + w))


def _may_deny(text: str) -> bool:
    """The sentence holds a word that begins a negation (most hold none): :data:`_NEGATION` need
    only be searched in those, a regex of many branches costing far more than a split."""
    return "n't" in text or "n’t" in text or not _NEGATION_WORDS.isdisjoint(text.lower().split())


# a word every match of _NEGATION holds as a whole run of word characters ("n't": the "t")
_NEGATION_RUNS = frozenset(NEGATIONS | {f.split()[0] for f in _denial_forms()} | {"t"})
_NEGATION = re.compile(r"\b(?:" + phrase_alternation(_denial_forms()) + r")\b|"
                       r"\b(?:" + "|".join(sorted(NEGATIONS)) + r")\b(?!\s+(?:only|just)\b)|n['’]t\b", re.IGNORECASE)


class DraftLike(Protocol):
    members: list[int]
    articles: list[int]
    text: str | None
    dispute: int | None


def terms(item: Item) -> frozenset[str]:
    """What the sentence states: its content stems and names, less those of its attribution
    ("…," the minister told reporters on Saturday): who said it is not what was said; each way
    of saying one news predicate read as that predicate (``sitegen/data/news_predicates.txt``),
    an adjective in -ical as its -ic form. Kept in the merge's reading (:func:`term_sets_of` reads
    every sentence's)."""
    reading = item.reading
    found = reading.terms.get(item.sentence.text) if reading is not None else None
    if found is None:
        found = _terms_of([item])[0]
        if reading is not None:
            reading.terms[item.sentence.text] = found
    return found


def _terms_of(items: Sequence[Item]) -> list[frozenset[str]]:
    """:func:`terms` of each item, each step taken over all of them at once: most sentences have
    no attribution tail (which needs a comma or a closing quote) and no word in -ical, and most
    steps are C calls mapped over the list."""
    found = [it.features.names.union(it.features.stems) for it in items]
    for k, it in enumerate(items):
        text = it.sentence.text
        if ("," in text or "”" in text) and (tail := attribution_tail(text)):
            found[k] = found[k] - frozenset(content_stems(tail)) - frozenset(w.lower() for w in tail.split())
        if "ical" in text and any(t.endswith("ical") for t in found[k]):  # "historical" is "historic"
            found[k] = frozenset(t[:-2] if t.endswith("ical") else t for t in found[k])
    predicates = _predicates()
    concept, plain = predicates.get, predicates.keys().isdisjoint
    return [ts if plain(ts) else frozenset(map(concept, ts, ts)) for ts in found]  # (each term, or its predicate)


@lru_cache(maxsize=1)
def predicate_concepts() -> frozenset[str]:
    """The concepts of news_predicates.txt: a term that is one says what happened."""
    return frozenset(_predicates().values())


def predicates_in(text: str) -> frozenset[str]:
    """The news predicates (concepts of news_predicates.txt) the words of ``text`` say."""
    found = _predicates()
    return frozenset(found[s] for s in content_stems(text) if s in found)


@lru_cache(maxsize=1)
def _predicates() -> dict[str, str]:
    """Stem -> predicate, from the data file (one set a line: "concept: word word ...")."""
    out: dict[str, str] = {}
    for line in data_lines("news_predicates.txt"):
        concept, _colon, words = line.partition(":")
        for word in words.split():
            for found in content_stems(word):
                out.setdefault(found, concept.strip())
    return out


def attribution_tail(text: str) -> str:
    """The "X said" part of a sentence: after a closing quote, or after the last comma when it
    holds an attribution verb ("…, NASA officials announced on Saturday")."""
    cut = max(text.rfind('”'), text.rfind('," '), text.rfind(',” '))
    if cut > 0 and cut > len(text) // 3 and _attributes(text[cut + 1:]):
        return text[cut + 1:]  # (not after a word in scare quotes: '…a “catastrophic implosion” killing all five')
    comma = text.rfind(", ")
    if comma > len(text) // 3 and _attributes(text[comma + 2:]):
        return text[comma + 2:]
    return ""


def _attributes(tail: str) -> bool:
    """The words after a quote or a comma say who said it ("…, the minister said on Saturday")."""
    return any(w.strip(".,").lower() in ATTRIBUTION_VERBS for w in tail.split()[:8])


def negated(text: str) -> bool:
    return _may_deny(text) and _NEGATION.search(text) is not None


def negated_at(text: str, core_terms: frozenset[str]) -> bool:
    """A negation among the few words before a word of the claim's cores (its own verb or noun
    phrase: "did not find a crack", "no injuries"); the whole sentence when it holds no core
    word as written ("Not wasting any time, the jury found him guilty" is no denial of guilt)."""
    denials = [m.end() for m in _NEGATION.finditer(text)] if _may_deny(text) else []
    if not denials:
        return False
    matches = list(_WORD.finditer(text))
    starts = [m.start() for m in matches]
    # each negation's last word ("failed to": "to"), by its index among the sentence's words
    denied_at = [bisect_left(starts, end) - 1 for end in denials]
    predicates = _predicates()
    found = False
    for k, match in enumerate(matches):
        word = match.group(0)
        stems = content_stems(word)
        if not stems or (word.lower() not in core_terms and all(
                st not in core_terms and predicates.get(st) not in core_terms for st in stems)):
            continue
        found = True
        if any(k - NEGATION_REACH <= at < k for at in denied_at):
            return True
    return not found


NEGATION_REACH = 5  # words before a core word that a negation governs
_WORD = re.compile(r"[\w'’-]+")


def term_sets_of(items: list[Item]) -> list[frozenset[str]]:
    """:func:`terms` of each item (read once, for :func:`extend` and :func:`fold`), each short form
    the story pairs with a name read as that name (see aliases.py)."""
    plain = _terms_of(items)
    texts = dict.fromkeys(it.sentence.text for it in items)
    if items and items[0].reading is not None:
        items[0].reading.terms.update(zip((it.sentence.text for it in items), plain))
    found = _resolved(items, plain)
    learnt = aliases.learn(texts, frozenset().union(*(it.features.names for it in items)))
    return [aliases.fold(ts, learnt) for ts in found] if learnt else found


# a sentence opening on a demonstrative and a noun ("That number is certain to rise") says it of
# what the sentence before it named with that noun ("The number of confirmed dead rose to 99")
_DEMONSTRATIVES = ("That ", "This ", "These ", "Those ")
_DEMONSTRATIVE = re.compile(r"(?:That|This|These|Those)\s++([a-z][a-z'’-]*+)\s")
ANTECEDENT_WORDS = 4  # words after the noun in the sentence before, read as what the noun names


def _resolved(items: list[Item], found: list[frozenset[str]]) -> list[frozenset[str]]:
    """``found`` with each sentence that opens on "That NOUN" given the words that follow NOUN in
    the sentence before it in its article (its own words stay: "That number" and "the number of
    dead" are one subject). Only within one article, and only the sentence just before."""
    predicates = _predicates()
    out = found
    for i, it in enumerate(items):
        if not it.sentence.text.startswith(_DEMONSTRATIVES):  # (most sentences: one C call, no regex)
            continue
        m = _DEMONSTRATIVE.match(it.sentence.text)
        if m is None or i == 0:
            continue
        before = items[i - 1].sentence
        if before.article != it.sentence.article or before.index != it.sentence.index - 1:
            continue
        noun = stems_in([m.group(1)])
        words = _WORD.findall(before.whole or before.text)  # (the whole sentence, when cut into clauses)
        at = next((k for k, w in enumerate(words) if noun and stems_in([w]) == noun), None)
        if at is None:
            continue
        named = frozenset(predicates.get(t, t) for t in stems_in(words[at + 1:at + 1 + ANTECEDENT_WORDS]))
        out = out if out is not found else list(found)
        out[i] = found[i] | named
    return out


def extend(drafts: Sequence[DraftLike], items: list[Item], term_sets: list[frozenset[str]],
           line_of: Sequence[int] | None = None, own: OwnFacts | None = None) -> dict[int, frozenset[int]]:
    """Add to each draft stated by two articles or more every other article's sentence that holds
    one of its cores with the same polarity (in place; members stay in (article, index) order).
    Returned: the sentences added, by the draft's position in ``drafts`` (for :func:`fold`).
    ``own``: the story's :class:`OwnFacts` for the same ``line_of``, whose word counts are read from it."""
    # outlets are counted by line of reporting: a copy says what its original says, so it makes no
    # word more common and no pair of words more of a claim's core (``line_of``: article -> the
    # article it copies, itself for an original)
    line = list(line_of) if line_of is not None else list(range(1 + max((it.sentence.article for it in items), default=0)))
    articles, spread = own.spread if own is not None else _spread(items, term_sets, line)
    polarity: dict[tuple[int, frozenset[str]], bool] = {}  # read only for the sentences a claim could gain (most are not)

    def negative_at(i: int, core_terms: frozenset[str]) -> bool:
        if (i, core_terms) not in polarity:
            polarity[(i, core_terms)] = negated_at(items[i].sentence.text, core_terms)
        return polarity[(i, core_terms)]

    modes: dict[tuple[int, bool], str] = {}
    figures: dict[int, list[Statement]] = {}  # (both read only for claims with cores and their candidates)

    def mode_at(i: int, reason: bool = False) -> str:
        if (i, reason) not in modes:
            modes[(i, reason)] = _modality(items[i].sentence.text, reason)
        return modes[(i, reason)]

    def figures_at(i: int) -> list[Statement]:
        if i not in figures:
            figures[i] = figures_given(items[i])
        return figures[i]

    def tells_as(i: int, members: list[int], vocabulary: frozenset[str]) -> bool:
        """Sentence ``i`` and one member sentence share VOCABULARY_HOLD words of the claim's
        vocabulary, SAID_HOLD of them written in lower case in ``i`` (what is said, not who says it),
        and a news predicate of the vocabulary, when it holds one."""
        mine = term_sets[i] & vocabulary
        if mine.isdisjoint(events) and not events.isdisjoint(vocabulary):
            return False  # the claim's news predicate is what happened: the same people and things without it is another fact
        said = mine & _lower_case_stems(items[i].sentence.text)
        return len(said) >= SAID_HOLD and any(
            len(mine & term_sets[m]) >= VOCABULARY_HOLD and len(said & term_sets[m]) >= SAID_HOLD for m in members)

    # words most of the story's outlets use say what the story is, not which of its facts a sentence states
    story_words = own.common if own is not None else _common_words(articles, spread)
    events = predicate_concepts()
    # a core holds a word few of the story's outlets use, or a news predicate with a figure: each
    # sentence's words that may, read once (most claims hold no core, and are told so by these alone)
    particular = frozenset(t for t, n in spread.items() if n <= PARTICULAR_SHARE * articles)
    core_like = (particular | events | _FIGURE_STEMS) - _MODAL_STEMS
    core_like_sets = [ts & core_like for ts in term_sets]
    item_line = [line[it.sentence.article] for it in items]
    cores = []
    lists = _Lists(items, term_sets, story_words, events)
    reasons = _Causes(items, story_words)
    for d in drafts:
        lines = 1 if len(d.articles) == 1 else len({line[a] for a in d.articles})
        if lines == articles:
            continue  # (a claim every outlet states already has all the support there is)
        listed = lists.of(d.members) if not lists.listing.isdisjoint(d.members) else []
        given = reasons.of(d.members)
        # (most claims: their words that could make a core, counted alone, make none)
        found = _cores(d, items, term_sets, spread, story_words, item_line, lines, particular) \
            if lines >= 2 and _may_hold_core(d.members, core_like_sets, item_line, particular) else []
        if found or listed or given:
            cores.append(_Reading(d, found, _vocabulary(d, items, term_sets, story_words, line) if found else frozenset(),
                                  listed, given))
    # (a core depends only on its own draft's sentences, so all are read before any draft grows;
    # the sentences are then indexed by core and vocabulary words only)
    core_words = frozenset(t for reading in cores for t in reading.words())
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ts in enumerate(term_sets):
        for t in ts & core_words:
            postings[t].append(i)
    extended: dict[int, frozenset[int]] = {}
    position = {id(d): n for n, d in enumerate(drafts)}
    for d, found, vocabulary, listed, given in cores:
        candidates: set[int] = set()
        untimed: set[int] = set()  # the candidates holding a core that is no event core
        for core in found:
            holding = set(postings[core[0]])
            for t in core[1:]:
                holding.intersection_update(postings[t])
            candidates |= holding
            if not _event_pair(core, events):
                untimed |= holding
        # a sentence using VOCABULARY_HOLD of the words the claim's outlets share tells the fact in
        # another order and grammar than any one pair of them ("what prosecutors called one of the
        # largest frauds in American history" beside "X perpetrated one of the largest frauds ...")
        held = Counter(chain.from_iterable(postings[t] for t in vocabulary))
        candidates.update(i for i, n in held.items() if n >= VOCABULARY_HOLD and tells_as(i, d.members, vocabulary))
        for m, named in listed:
            candidates.update(lists.naming(m, named, postings))
        for m, told in given:
            candidates.update(reasons.giving(m, told, postings))
        # an article already in the claim by a sentence that holds none of its cores (a clause
        # cut from the sentence that does: "the number of dead rose to 99, but searchers ...")
        # still adds the sentence that states the fact
        # (and so does one whose sentence holds an event core told in another mode: "the count of
        # flooded homes rose to 140" does not state "the count is expected to rise"; that article's
        # "that count will surely rise" does)
        members = set(d.members)
        in_claim = [m for m in d.members if m in candidates]
        mode = Counter(mode_at(m, bool(given)) for m in d.members).most_common(1)[0][0] if in_claim else ""
        have = {items[m].sentence.article for m in in_claim
                if m in untimed or _same_modality(mode, mode_at(m, bool(given)))}
        candidates = {i for i in candidates if items[i].sentence.article not in have and i not in members}
        if candidates:
            candidates = _same_figures(d, candidates, items, figures_at)
        if candidates and _a_record(d, items, item_line):  # (a sentence holding its words without the record tells another fact)
            candidates = {i for i in candidates if _holds_record(items[i])}
        if not candidates:
            continue
        said = frozenset(t for core in found for t in core)
        negative = Counter(negative_at(m, said) for m in d.members).most_common(1)[0][0]
        if not in_claim:
            mode = Counter(mode_at(m, bool(given)) for m in d.members).most_common(1)[0][0]
        # an event core (a predicate with a figure or another predicate) is told as an outcome or as
        # a forecast: "has risen to 89" is not "is expected to rise"; other cores leave tense to the
        # badge ("the decision to return the capsule empty" states "the capsule will return empty")
        added = sorted(i for i in candidates if negative_at(i, said) == negative
                       and (i in untimed or _same_modality(mode, mode_at(i, bool(given)))))
        if not added:
            continue
        if log.isEnabledFor(logging.DEBUG):
            log.debug("support %s for %r: %s", found, items[d.members[0]].sentence.text[:60],
                      [items[i].sentence.text[:80] for i in added])
        d.members = sorted({*d.members, *added}, key=lambda m: (items[m].sentence.article, items[m].sentence.index))
        d.articles = sorted({items[m].sentence.article for m in d.members})
        extended[position[id(d)]] = frozenset(added)
    return extended


DENIAL_WORDS = 6  # words after a negation ("failed to activate the warning sirens") that it denies
_CLAUSE_END = re.compile(r"[,;:()“”\"]|\s[–—-]\s|\b(?:and|but|while|because|as|after|before|instead)\b", re.IGNORECASE)


def denials(items: list[Item], term_sets: list[frozenset[str]], line_of: Sequence[int] | None = None,
            own: OwnFacts | None = None, runs: frozenset[str] | None = None) -> list[list[int]]:
    """Sentences of two lines of reporting or more that deny the same thing: the same two words,
    neither of the story's own, among the few after a negation ("officials failed to activate
    sirens", "the decision not to activate sirens"). What did not happen is often told with no
    shared verb or with a verb only one outlet uses, so grouping keeps each outlet's sentence
    apart; each member list is a claim to add (support for it is extended as for any claim).
    ``own``: the story's :class:`OwnFacts`, whose words of the story are read from it; ``runs``:
    the lower-cased word runs of the story's sentences (or a superset), when the caller has them."""
    if runs is not None and _NEGATION_RUNS.isdisjoint(runs):
        return []  # (no sentence of the story holds a negation's first word as a whole word, nor "n't")
    line = list(line_of) if line_of is not None else None
    if len({line[it.sentence.article] if line is not None else it.sentence.article for it in items}) < 2:
        return []
    predicates = _predicates()
    common: frozenset[str] | None = None
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    triggers = _NEGATION_WORDS
    for i, it in enumerate(items):
        text = it.sentence.text
        # (_may_deny inlined: one sentence in many holds a negation, and this loop reads them all)
        if ("n't" not in text and "n’t" not in text and triggers.isdisjoint(text.lower().split())) \
                or _NEGATION.search(text) is None:
            continue
        if common is None:
            common = own.common if own is not None else _story_words(items, term_sets, line)
        denied: set[str] = set()
        for m in _NEGATION.finditer(text):
            window = text[m.end():]
            end = _CLAUSE_END.search(window)
            words = _WORD.findall(window[:end.start()] if end else window)[:DENIAL_WORDS]
            denied.update(predicates.get(st, st) for st in stems_in(words))
        denied = (denied & term_sets[i]) - common - _MODAL_STEMS
        if not denied.isdisjoint(_denial_boilerplate()):
            continue  # (a reporter's routine: the company "gave no reply when asked for comment")
        for a in denied:
            for b in denied:
                if a < b and not _one_word(a, b):
                    postings[(a, b)].append(i)
    out: dict[tuple[int, ...], None] = {}
    for pair in sorted(postings):
        members = postings[pair]
        lines = {line[items[m].sentence.article] if line is not None else items[m].sentence.article for m in members}
        if len(lines) >= 2:
            out[tuple(members)] = None
    return [list(ms) for ms in out]


def _event_pair(pair: tuple[str, ...], events: frozenset[str]) -> bool:
    """A news predicate with a figure, the unit of a figure or another predicate ("five" + died,
    deliberated + hours, died + imploded): what happened, and how much; with any other word
    ("consistent", "loss") it may be another event."""
    return not events.isdisjoint(pair) and all(t in events or t in _FIGURE_STEMS for t in pair)


# (one-word cues only, and not those whose stem is also a noun of news: "report", "forecast", "project")
_MODAL_STEMS = frozenset(content_stems(" ".join(w for cues in MODALITY_WORDS.values() for w in cues if " " not in w))
                         ) - frozenset(content_stems("report forecast projected"))
_NUMBER_STEMS = frozenset(content_stems(" ".join(WORD_NUMBERS)))
_FIGURE_STEMS = _NUMBER_STEMS | frozenset(content_stems(" ".join(MEASURE_UNITS)))


def _modality(text: str, reason: bool = False) -> str:
    """frames.modality, with "would" read as a plan told in reported speech ("said it would be
    towed"): beside a claim's "will be towed" it is the same plan, beside an outcome it is none;
    "certain to", "bound to" and "poised to" as a forecast. For a claim told as a reason (``reason``),
    "due to" before a noun phrase gives a cause, not a date ("is due to rising costs", "is due to rise")."""
    if "—" in text or "(" in text or " – " in text:
        text = _ASIDE.sub(" ", text)  # (an aside's modality is its own: "X — expected to be the year's biggest — raised $5")
    if reason and "due to" in text:
        text = _DUE_TO_CAUSE.sub("owing to ", text)
    if "plan" in text:
        text = _PLANS_NOUN.sub(" ", text)  # ("a change in plans" tells no plan)
    found = modality(text)
    return found or ("future" if _WOULD.search(text) else "")


# "due to" before a noun phrase (a determiner, or a word in -ing, -s, -ion, -ity) gives a cause
_DUE_TO_CAUSE = re.compile(r"\bdue\s+to\s+(?=(?:the|a|an|its|their|his|her|this|that|these|those|some|several|many"
                           r"|\w+ing|\w+s|\w+ion|\w+ity)\b)", re.IGNORECASE)
_PLANS_NOUN = re.compile(r"\b(?:in|of)\s+plans?\b", re.IGNORECASE)
_ASIDE = re.compile(r"\s[—–]\s[^—–]*+\s[—–]\s|—[^—]*+—|\([^()]*+\)")
# (also a forecast: "is almost certain to rise", "is bound to climb")
_WOULD = re.compile(r"\bwould\b|\b(?:certain|bound|poised)\s+to\b", re.IGNORECASE)


def _same_modality(claim: str, candidate: str) -> bool:
    """A plan ("is expected to rise") and an outcome ("has risen") are two statements; a hedge
    ("could rise") goes with either (the badge reads hedging from each source's own words)."""
    return claim == candidate or "hedged" in (claim, candidate)


def _cores(d: DraftLike, items: list[Item], term_sets: list[frozenset[str]], spread: dict[str, int],
           story_words: frozenset[str], item_line: list[int], line_count: int,
           particular_words: frozenset[str]) -> list[tuple[str, ...]]:
    """The pairs of words that most of the draft's outlets use together in one sentence (a pair
    of the story's own words says nothing in particular); the best CORES of them, the pairs more
    outlets use first and, among equals, the pairs of words fewer of the story's outlets use.
    ``item_line``: each sentence's line of reporting; ``line_count``: the draft's lines;
    ``particular_words``: the words PARTICULAR_SHARE of the story's outlets use at most."""
    lines = list(map(item_line.__getitem__, d.members))
    need = _lines_needed(line_count)
    coverage = _lines_using(d.members, term_sets, lines)
    # (a word of modality says how a fact is told, not what it is: "expected" + rise is no core)
    shared = {t for t, n in coverage.items() if n >= need} - _MODAL_STEMS
    if len(shared) < 2:
        return []
    # one word of a core is particular: few of the story's outlets use it ("stock rose" is every day's news)
    particular = shared & particular_words
    # a news predicate and another word said in lower case ("five" + died) state what happened,
    # even when the story is about just that (the words most of its outlets use)
    events = predicate_concepts()
    eventful = events & shared
    figure_like = eventful | (_FIGURE_STEMS & shared) if eventful else frozenset()  # (the words of event pairs)
    together: dict[tuple[str, str], set[int]] = defaultdict(set)
    lower: set[str] = set()  # the shared words written in lower case somewhere: what is said, not who
    # the PAIR_WORDS words more of the claim's outlets use (their pairs are counted, not all of a long claim's)
    if len(shared) > PAIR_WORDS:
        shared = set(sorted(shared, key=lambda t: (-coverage[t], spread[t], t))[:PAIR_WORDS])
    for m in d.members:
        held = term_sets[m] & shared
        if len(held) < 2:
            continue
        says_particular = not particular.isdisjoint(held)
        told = sorted(held & figure_like) if figure_like and not eventful.isdisjoint(held) else []
        told = told if len(told) > 1 else []
        if not says_particular and not told:
            continue
        words = sorted(held)
        common = shared - _capitalised_stems(items[m].sentence.text)
        lower.update(common)
        article = item_line[m]
        for i, a in enumerate(words if says_particular else ()):
            for b in words[i + 1:]:
                # a pair of capitalised words names someone ("Josh Green"), it states nothing
                if _one_word(a, b):
                    continue  # "count"/"counts", a stem and a name read from one word
                if (a in particular or b in particular) and ((a in common and b in common) or (
                        (a not in story_words or b not in story_words) and (a in common or b in common))):
                    together[(a, b)].add(article)
        for i, a in enumerate(told):
            for b in told[i + 1:]:
                if a in common and b in common and _event_pair((a, b), events) and not _one_word(a, b):
                    together[(a, b)].add(article)
    pairs = [p for p, arts in together.items() if len(arts) >= need]
    # the pairs more outlets use first; then pairs of words that say what happened before pairs
    # holding a name; then the pairs of words fewer of the story's outlets use
    pairs.sort(key=lambda p: (-len(together[p]), (p[0] not in lower) + (p[1] not in lower),
                              spread[p[0]] + spread[p[1]], p))
    # a pair holding a news predicate ("five" + died/killed/dead) says what happened to what: the
    # claim's event, which the best pair ("catastrophic" + "suffered") may only colour
    event_pairs = [p for p in pairs if _event_pair(p, events)][:EVENT_CORES]
    return list(dict.fromkeys([*pairs[:CORES], *event_pairs]))


def _lines_needed(line_count: int) -> int:
    """Lines of a claim's ``line_count`` that use a word for it to be one of the claim's (two at least)."""
    return max(2, math.ceil(CORE_COVERAGE * line_count))


def _may_hold_core(members: Sequence[int], core_like_sets: list[frozenset[str]], item_line: list[int],
                   particular_words: frozenset[str]) -> bool:
    """Whether the words enough of the members' lines use can make a core (see :func:`_cores`):
    one few of the story's outlets use, or a news predicate with another or with a figure word.
    ``core_like_sets``: each sentence's terms among those, news predicates and figure words."""
    shared = _core_words(members, core_like_sets, [item_line[m] for m in members])
    eventful = predicate_concepts() & shared
    return not particular_words.isdisjoint(shared) or (bool(eventful) and len(eventful | (_FIGURE_STEMS & shared)) >= 2)


class _Reading(NamedTuple):
    """What :func:`extend` reads of one claim to find the sentences that state it."""

    draft: DraftLike
    cores: list[tuple[str, ...]]
    vocabulary: frozenset[str]  # (see _vocabulary)
    lists: list[tuple[int, list[frozenset[str]]]]  # member sentence, its members (see _Lists)
    reasons: list[tuple[int, frozenset[str]]]  # member sentence, the words of its cause (see _Causes)

    def words(self) -> Iterable[str]:
        """The terms a sentence must hold one of to be a candidate (postings are kept for these)."""
        return chain(self.vocabulary, *self.cores, *(chain(*named) for _m, named in self.lists),
                     *(told for _m, told in self.reasons))


SAID_HOLD = 2  # of them written in lower case in the sentence (what is said, not who says it)
VOCABULARY_HOLD = 3  # words of a claim's vocabulary a sentence holds to state its fact without one of its cores


def _vocabulary(d: DraftLike, items: list[Item], term_sets: list[frozenset[str]], story_words: frozenset[str],
                line: list[int]) -> frozenset[str]:
    """The words most of the draft's lines of reporting use (see :func:`_core_words`), less the
    story's own words and words of modality: what its outlets say, in any order and grammar."""
    return _core_words(d.members, term_sets, [line[items[m].sentence.article] for m in d.members]) \
        - story_words - _MODAL_STEMS


def _core_words(members: Sequence[int], term_sets: list[frozenset[str]], lines: Sequence[int]) -> frozenset[str]:
    """The words of the member sentences used by CORE_COVERAGE of their lines of reporting (two
    at least; ``lines``: each member's line)."""
    need = _lines_needed(len(set(lines)))
    return frozenset(t for t, n in _lines_using(members, term_sets, lines).items() if n >= need)


def _lines_using(members: Sequence[int], term_sets: list[frozenset[str]], lines: Sequence[int]) -> Counter[str]:
    """How many of the members' lines of reporting (``lines``: each member's) use each word (each
    line's words joined first: set unions and one count, not a set of lines per word)."""
    by_line: dict[int, set[str]] = defaultdict(set)
    for m, held_by in zip(members, lines):
        by_line[held_by].update(term_sets[m])
    return Counter(chain.from_iterable(by_line.values()))


def _cause_pattern() -> re.Pattern[str]:
    """The forms of sitegen/data/causes.txt as one pattern ("*": one word)."""
    forms = sorted({line.lower() for line in data_lines("causes.txt")}, key=lambda f: (-len(f), f))
    return re.compile(r"\b(?:" + "|".join(r"\s+".join(r"[\w'’-]+" if w == "*" else re.escape(w) for w in f.split())
                                         for f in forms) + r")\b", re.IGNORECASE)


_CAUSE = _cause_pattern()
_CAUSE_END = re.compile(r"[;:()]|\s[–—-]\s|\b(?:but|while|although|whereas)\b", re.IGNORECASE)


class _Causes:
    """Reasons: the particular words a sentence gives after a word of cause ("due to", "over ...
    concerns": sitegen/data/causes.txt), up to the end of its clause, in lower case. Another
    outlet's sentence naming one of them after a word of cause states the same reason ("the
    change is due to thruster failures", "the capsule returns empty over thruster concerns"):
    what the reason is for is told in too many ways to compare, the reason itself in few."""

    def __init__(self, items: list[Item], story_words: frozenset[str]) -> None:
        self.items, self.common = items, story_words | roles.role_stems()
        self.read: dict[int, frozenset[str]] = {}

    def cause(self, i: int) -> frozenset[str]:
        found = self.read.get(i)
        if found is None:  # (most sentences hold no stem of a word of cause: no pattern is searched in them)
            it = self.items[i]
            found = self.read[i] = frozenset() if _CAUSE_KEYS.isdisjoint(it.features.stems) else self._read(it.sentence.text)
        return found

    def _read(self, text: str) -> frozenset[str]:
        found: set[str] = set()
        for m in _CAUSE.finditer(text):
            after = text[m.end():]
            end = _CAUSE_END.search(after)
            found.update(_lower_case_stems(m.group(0) + " " + (after[:end.start()] if end else after)))
        return frozenset(found) - self.common - _CAUSE_WORDS - _LINKING_STEMS

    def of(self, members: list[int]) -> list[tuple[int, frozenset[str]]]:
        """The claim's reason, when every member sentence gives one sharing a particular word (a
        claim about something else whose one sentence also gives a reason has none): its first
        sentence and those words."""
        told = self.cause(members[0])
        for m in members[1:]:
            if not told:
                break
            told = told & self.cause(m)
        return [(members[0], told)] if told else []

    def giving(self, m: int, told: frozenset[str], postings: dict[str, list[int]]) -> list[int]:
        """The sentences of other articles giving a cause that shares a word with ``told``."""
        article = self.items[m].sentence.article
        return [i for i in sorted({i for w in told for i in postings[w]})
                if self.items[i].sentence.article != article and not told.isdisjoint(self.cause(i))]


# the stem of each form's longest word: a sentence whose stems hold none gives no cause (most
# hold none, and the stems are read already: the pattern is searched only in the others)
_CAUSE_KEYS = frozenset(content_stems(max(line.split(), key=len))[0] for line in data_lines("causes.txt"))
_CAUSE_WORDS = frozenset(content_stems(" ".join(data_lines("causes.txt"))))  # (the forms' own words)
# words that link or time the items of a cause, naming none ("including small leaks", "ongoing issues")
_LINKING_STEMS = frozenset(content_stems("including included going ongoing continued continuing"))


_CAPITAL = re.compile(r"[A-Z]")
LIST_MEMBERS = 3  # whom or what a sentence names, for it to be a list ("A, B and C hold stakes")
LIST_HOLD = 2  # members of a list another sentence names to state it (half of the shorter list at least)


class _Lists:
    """Lists told with a news predicate ("X is owned by A, B and C"): another outlet naming the same
    members in any order and words, with the same news predicate, states the list too ("C and A hold
    stakes in X"). Members are capitalised runs, one however many of its words are used (see
    aliases.members); role nouns and the story's own names are no member."""

    def __init__(self, items: list[Item], term_sets: list[frozenset[str]], story_words: frozenset[str],
                 events: frozenset[str]) -> None:
        self.items, self.term_sets, self.events, self.story_words = items, term_sets, events, story_words
        self.read: dict[int, list[frozenset[str]]] = {}
        # the sentences that may tell a list (most name fewer than LIST_MEMBERS, and a member's run of
        # words opens on a capital: one pass, no pattern of names)
        self.listing = frozenset(i for i, it in enumerate(items) if len(it.features.names) >= LIST_MEMBERS
                                 and not events.isdisjoint(term_sets[i])
                                 and len(_CAPITAL.findall(it.sentence.text)) >= LIST_MEMBERS)

    @cached_property
    def skip(self) -> frozenset[str]:
        """Words that name no member: the story's own words and role nouns."""
        return self.story_words | roles.role_nouns()

    @cached_property
    def names(self) -> frozenset[str]:
        """The story's names that may name a member (read when a sentence that may list is first read)."""
        return frozenset().union(*(it.features.names for it in self.items)) - self.skip

    def members(self, i: int) -> list[frozenset[str]]:
        if i not in self.read:
            text = self.items[i].sentence.text
            tail = attribution_tail(text)  # (who said it is no member: "…, according to a filing with the SEC")
            text = text[:len(text) - len(tail)] if tail else text
            self.read[i] = aliases.members(text, self.names, self.skip)
        return self.read[i]

    def of(self, members: list[int]) -> list[tuple[int, list[frozenset[str]]]]:
        """The member sentences that are lists told with a news predicate, with their members."""
        if self.listing.isdisjoint(members):
            return []
        return [(m, named) for m in members if m in self.listing
                for named in (self.members(m),) if len(named) >= LIST_MEMBERS]

    def naming(self, m: int, named: list[frozenset[str]], postings: dict[str, list[int]]) -> list[int]:
        """The sentences of another article naming LIST_HOLD of ``named`` (half of the shorter
        list at least) with a news predicate of sentence ``m`` and its ordinals and superlatives."""
        held = Counter(chain.from_iterable({i for w in member for i in postings[w]} for member in named))
        article = self.items[m].sentence.article
        told = self.term_sets[m] & self.events
        records = frozenset(filter(_record_word, self.term_sets[m]))  # ("the third largest holders")
        out = []
        for i, n in held.items():
            if n < LIST_HOLD or self.items[i].sentence.article == article or told.isdisjoint(self.term_sets[i]) \
                    or not records <= self.term_sets[i]:
                continue
            theirs = self.members(i) if i in self.listing else []
            if len(theirs) < LIST_MEMBERS:
                continue  # (a list is told by a list: "A holds a stake" does not state "A, B and C hold stakes")
            # counted on both sides: "OpenAI CEO Sam Altman" is one member, not the two that
            # "Sam Altman, the head of OpenAI" names
            shared = min(sum(1 for member in named if any(not member.isdisjoint(other) for other in theirs)),
                         sum(1 for other in theirs if any(not member.isdisjoint(other) for member in named)))
            if shared >= LIST_HOLD and 2 * shared >= min(len(named), len(theirs)):
                out.append(i)
        return out


def _same_figures(d: DraftLike, candidates: set[int], items: list[Item],
                  figures_at: Callable[[int], list[Statement]]) -> set[int]:
    """The candidates that give the claim's figures, unit by unit (what a figure counts: "seven
    counts" says nothing about "five hours"): for each unit most of the claim's outlets give a
    figure of, the candidate gives one too (for a measure, naming the unit is enough: "a few
    hours"); a figure it gives of the claim's units (those two of its outlets give a figure of, or
    one of a claim of two) agrees with the claim's (the one most of its
    outlets agree on, when they do: "rose 5%" does not state "rose 25%", "up to 20 years" not "up
    to 115 years"); and the claim's number counting something else is not the claim's figure
    ("five hours" does not state "five weeks")."""
    outlets: dict[tuple[str, float], set[int]] = defaultdict(set)
    unit_outlets: dict[str, set[int]] = defaultdict(set)
    for m in d.members:
        for f in figures_at(m):
            outlets[(f.unit, round(f.value, 6))].add(items[m].sentence.article)
            unit_outlets[f.unit].add(items[m].sentence.article)
    need = _lines_needed(len(d.articles))
    counted_units = {unit for unit, arts in unit_outlets.items() if len(arts) >= need}
    by_unit: dict[str, list[Statement]] = defaultdict(list)
    agreed: dict[str, list[Statement]] = defaultdict(list)
    for m in d.members:
        for f in figures_at(m):
            by_unit[f.unit].append(f)
            if len(outlets[(f.unit, round(f.value, 6))]) >= need:
                agreed[f.unit].append(f)
    values = {value for _unit, value in outlets}
    # (outlets wording a figure alike give equal statements: each compared once, not once per outlet)
    by_unit = {unit: list(dict.fromkeys(found)) for unit, found in by_unit.items()}
    agreed = {unit: list(dict.fromkeys(found)) for unit, found in agreed.items()}
    # (a unit only one of three outlets or more gives a figure of is that outlet's detail, "a town of
    # 13,000", not what the claim counts)
    counts = {unit for unit, arts in unit_outlets.items() if len(arts) >= 2 or len(d.articles) <= 2}
    kept = set()
    for i in candidates:
        given = figures_at(i)
        if any(not any(consistent(f, o) for o in by_unit[f.unit]) for f in given if f.unit in counts):
            continue  # a figure of its own for what the claim counts
        if any(not any(consistent(f, o) for f in given for o in agreed[u]) for u in {f.unit for f in given} & set(agreed)):
            continue  # not the figure the claim's outlets agree on
        units = {f.unit for f in given}
        if any(u not in units and (u not in MEASURE_UNITS or u not in items[i].features.stems)
               for u in counted_units):
            continue  # the claim's figure is not given
        if any(f.unit not in unit_outlets and round(f.value, 6) in values for f in given):
            continue  # the claim's number, of something else
        kept.add(i)
    return kept


RETOLD_SHARE = 0.75  # a claim of one outlet retells a bigger one when that one's sentences hold this share of its words
FOLD_SHARE = 0.5  # a claim with this share of its sentences inside a bigger claim states that claim's fact
FOLD_OVERLAP = 0.5  # two claim texts sharing this share of the shorter one's particular words say one fact


def fold(drafts: Sequence[D], items: list[Item], text_of: Callable[[D], str],
         term_sets: list[frozenset[str]], line_of: Sequence[int] | None = None,
         extended: dict[int, frozenset[int]] | None = None, own: OwnFacts | None = None) -> list[D]:
    """One fact, one claim. A claim folds into a claim of at least as many outlets when half its
    sentences sit in that claim, or when its text sits there and the two texts share half the
    particular words of the shorter (words most of the story's outlets use say nothing
    particular). Once support is extended a sentence stating a fact sits in that fact's claim,
    so either way the smaller claim is the same fact told again: its sentences join the bigger
    claim. A disputed claim is never folded away, and the polarity of the two must agree; a claim
    of two lines or more whose core holds a word the bigger claim's lacks tells a fact of its own
    (see :class:`OwnFacts`; ``line_of`` as for :func:`extend`). The half counts the sentences a
    claim was grouped from, not those :func:`extend` gave it (``extended``, by position in
    ``drafts``): a sentence telling two facts joins both claims, which does not make them one."""
    own = own if own is not None else OwnFacts(items, term_sets, line_of)
    # (outlets counted by article: the same words as by line when no article copies another)
    copies = line_of is not None and any(a != n for n, a in enumerate(line_of))
    common = _story_words(items, term_sets) if copies else own.common
    order = sorted(range(len(drafts)), key=lambda i: (-len(drafts[i].articles), -len(drafts[i].members),
                                                      drafts[i].members))
    kept: list[D] = []
    holding: dict[int, list[int]] = defaultdict(list)  # item -> kept drafts holding it

    def text_item(d: D) -> int | None:
        said = text_of(d)
        return next((m for m in d.members if items[m].sentence.text == said), None)

    def text_terms(d: D) -> frozenset[str]:
        at = text_item(d)
        return term_sets[at] - common if at is not None else frozenset()

    read: dict[int, Figures] = {}

    def figures(d: D) -> Figures:
        at = text_item(d)
        if at is None:
            return Figures((), frozenset())
        if at not in read:
            read[at] = _figures(items[at])
        return read[at]

    def negative(d: D) -> bool:
        return Counter(negated(items[m].sentence.text) for m in d.members).most_common(1)[0][0]

    def mode(d: D) -> str:
        return Counter(_modality(items[m].sentence.text) for m in d.members).most_common(1)[0][0]

    events = predicate_concepts()
    telling: dict[str, list[int]] = defaultdict(list)  # predicate -> kept claims of two outlets or more telling it
    told: dict[int, tuple[int, frozenset[str]]] = {}  # kept claim -> (its members then, their words)

    def words_of(k: int) -> frozenset[str]:
        if told.get(k, (-1,))[0] != len(kept[k].members):
            told[k] = (len(kept[k].members), frozenset().union(*(term_sets[m] for m in kept[k].members)))
        return told[k][1]

    def retold(d: D) -> int | None:
        """A claim of one outlet whose news predicate a bigger claim tells, and whose particular
        words that claim's sentences already hold: the same event told again in other words."""
        mine = term_sets[d.members[0]] if len(d.members) == 1 else frozenset().union(*(term_sets[m] for m in d.members))
        particular = mine - common
        if not particular:
            return None
        for k in sorted({k for p in mine & events for k in telling[p]}):
            theirs = words_of(k)
            if len(particular & theirs) >= RETOLD_SHARE * len(particular) and negative(kept[k]) == negative(d) \
                    and _same_modality(mode(kept[k]), mode(d)) and figures(d).within(figures(kept[k])):
                return k
        return None

    for i in order:
        d = drafts[i]
        added = extended.get(i, ()) if extended else ()
        grouped = [m for m in d.members if m not in added] if added else list(d.members)
        # (most claims: no sentence of theirs is in a claim kept so far)
        home = _home(d, grouped, kept, holding, items, text_of, text_terms, figures, negative, own) \
            if d.dispute is None and not holding.keys().isdisjoint(grouped) else None
        if home is None and d.dispute is None and len(d.articles) == 1:
            home = retold(d)
        if home is None:
            for m in d.members:
                holding[m].append(len(kept))
            hits = [term_sets[m] & events for m in d.members] if len(d.articles) > 1 else []
            if any(hits):
                for p, n in Counter(chain.from_iterable(hits)).items():
                    if 2 * n >= len(d.members):
                        telling[p].append(len(kept))
            kept.append(d)
            continue
        target = kept[home]
        text_of(target)  # (its text is the one it had: the folded claim states it too)
        log.debug("fold %r into %r", text_of(d)[:60], text_of(target)[:60])
        for m in grouped:  # (what extend gave it is told by the folded claim, not by ``target``)
            if home not in holding[m]:
                holding[m].append(home)
        target.members = sorted({*target.members, *d.members},
                                key=lambda m: (items[m].sentence.article, items[m].sentence.index))
        target.articles = sorted({items[m].sentence.article for m in target.members})
    return sorted(kept, key=lambda d: d.members)


def _home(d: D, grouped: list[int], kept: list[D], holding: dict[int, list[int]], items: list[Item],
          text_of: Callable[[D], str], text_terms: Callable[[D], frozenset[str]], figures: Callable[[D], Figures],
          negative: Callable[[D], bool], own: OwnFacts) -> int | None:
    """The kept claim ``d`` (grouped from ``grouped``) states again, if any (see :func:`fold`)."""
    held = [k for m in grouped for k in holding.get(m, ())]
    if not held:
        return None  # (most claims: no sentence of theirs is in a claim kept so far)
    overlaps = Counter(held)
    said = None
    mine = None
    for k, n in sorted(overlaps.items(), key=lambda kv: (-kv[1], kv[0])):
        if n < FOLD_SHARE * len(grouped):
            said = text_of(d) if said is None else said
            if not any(items[m].sentence.text == said for m in kept[k].members):
                continue
            mine = text_terms(d) if mine is None else mine
            theirs = text_terms(kept[k])
            if not mine or not theirs or len(mine & theirs) < FOLD_OVERLAP * min(len(mine), len(theirs)):
                continue
        if negative(kept[k]) == negative(d) and figures(d).within(figures(kept[k])) \
                and not own.differs(kept[k], d.members, text_of(kept[k])):
            return k
    return None


OWN_FACT_LINES = 3  # lines of reporting a claim needs for its core to tell a fact of its own
# A record is told with an ordinal or a superlative ("the first chipmaker to", "the deadliest
# fire in"); words of that shape that are no superlative:
ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth last".split())
NOT_SUPERLATIVES = frozenset(content_stems(
    "arrest contest digest forest harvest honest interest invest latest manifest modest protest request "
    "suggest inquest conquest"))


def _record_word(term: str) -> bool:
    """An ordinal or a superlative: the word that makes a value a record."""
    return term in ORDINALS or (len(term) >= 6 and term.endswith("est") and term not in NOT_SUPERLATIVES)


def _a_record(d: DraftLike, items: list[Item], item_line: list[int]) -> bool:
    """Most of the claim's lines tell it as a record ("the first chipmaker to reach ..."): a
    sentence telling the same value or event without an ordinal or superlative does not state it."""
    lines = {item_line[m] for m in d.members}
    telling = {item_line[m] for m in d.members if _holds_record(items[m])}
    return len(telling) * 2 > len(lines)


def _holds_record(item: Item) -> bool:
    """:func:`tells_record` of the item's sentence, from its stems."""
    return any(map(_record_word, item.features.stems))


def tells_record(text: str) -> bool:
    """The text holds an ordinal or a superlative (see :class:`OwnFacts`)."""
    return any(map(_record_word, content_stems(text)))


class OwnFacts:
    """Whether a claim of OWN_FACT_LINES lines of reporting or more tells a record of its own
    beside a bigger claim that holds its sentences: its core (the words most of its lines use,
    less the story's own words and words of modality) holds an ordinal or a superlative, and
    words the bigger claim's core lacks and its text does not tell. "The first chipmaker to
    reach $1 trillion" is told in sentences that also give the $1 trillion value, but most
    outlets giving the value never say "first": two facts, two claims. Other words a claim's
    core holds beside a bigger one ("aboard", "decided", a name's other spelling) are mostly
    colour, so only a record is read as a fact of its own. A claim of fewer lines has no core to
    read: the words two outlets share are one wire story's words, colour and all."""

    def __init__(self, items: list[Item], term_sets: list[frozenset[str]], line_of: Sequence[int] | None) -> None:
        self.items, self.term_sets = items, term_sets
        self.line = list(line_of) if line_of is not None else None
        self._common: frozenset[str] | None = None
        self._spread: tuple[int, Counter[str]] | None = None

    @property
    def common(self) -> frozenset[str]:
        """The story's own words (by line of reporting), read when first asked."""
        if self._common is None:
            self._common = _common_words(*self.spread)
        return self._common

    @property
    def spread(self) -> tuple[int, Counter[str]]:
        """The story's lines of reporting, and how many of them use each word (read when first asked)."""
        if self._spread is None:
            self._spread = _spread(self.items, self.term_sets, self.line)
        return self._spread

    def _line(self, m: int) -> int:
        article = self.items[m].sentence.article
        return self.line[article] if self.line is not None else article

    def core(self, members: Sequence[int]) -> frozenset[str]:
        """The words used by CORE_COVERAGE of the members' lines (two at least)."""
        return _core_words(members, self.term_sets, [self._line(m) for m in members])

    def differs(self, big: DraftLike, small: Sequence[int], big_text: str | None) -> bool:
        """``small``'s core holds a record among words ``big`` (whose text is ``big_text``) neither
        has in its core nor tells in its text (half of those words at least). A disputed claim's sentences
        tell its sides: a side is never a fact of its own ("a maximum of 115 years" beside "up
        to 110 years")."""
        if big.dispute is not None or len({self._line(m) for m in small}) < OWN_FACT_LINES:
            return False
        extra = self.core(small) - self.common - _MODAL_STEMS - self.core(big.members)
        if not any(map(_record_word, extra)):
            return False
        said = next((self.term_sets[m] for m in big.members if self.items[m].sentence.text == big_text), None)
        if said is None:
            said = frozenset(content_stems(big_text or ""))
        return 2 * len(extra & said) < len(extra)


class Figures(NamedTuple):
    """The figures and days a sentence gives: a claim folded into another must not take one away."""

    numbers: tuple[Statement, ...]
    days: frozenset[tuple[int, int | None]]

    def within(self, other: Figures) -> bool:
        """Every figure here is one of ``other``'s of its unit, within rounding ("about 490 metres"
        and "488 metres" are one distance), and every day here is one of ``other``'s."""
        return self.days <= other.days and all(
            any(n.unit == o.unit and consistent(n, o) for o in other.numbers) for n in self.numbers)


def _figures(item: Item) -> Figures:
    return Figures(tuple(figures_given(item)), frozenset(d.month_day for d in item.features.dates))


def _one_word(a: str, b: str) -> bool:
    """Two terms read from the same word: one starts as the other does for four letters or all of it."""
    n = min(4, len(a), len(b))
    return a[:n] == b[:n]


def lower_case_stems(text: str) -> frozenset[str]:
    """The stems of a text's words written in lower case: what it says, not whom it names."""
    return frozenset(content_stems(" ".join(w for w in text.split() if w[:1].islower())))


def _lower_case_stems(text: str) -> frozenset[str]:
    """:func:`lower_case_stems`, role nouns left out ("the harbour master", "the company's chief
    executive")."""
    return lower_case_stems(text) - roles.role_stems()


def _capitalised_stems(text: str) -> frozenset[str]:
    """The stems of a sentence's capitalised words (whom it names, not what it says); its first
    word only when the next is capitalised too ("Attorney General Merrick Garland said")."""
    words = text.split()
    first = words[:1] if len(words) > 1 and words[1][:1].isupper() else []
    return frozenset(content_stems(" ".join(w for w in first + words[1:] if w[:1].isupper())))


def _story_words(items: list[Item], term_sets: list[frozenset[str]],
                 line: Sequence[int] | None = None) -> frozenset[str]:
    """Words most of the story's outlets use: they say what the story is, not which of its facts a
    sentence states (outlets counted by line of reporting when ``line`` maps article -> line)."""
    return _common_words(*_spread(items, term_sets, line))


def _spread(items: list[Item], term_sets: list[frozenset[str]],
            line: Sequence[int] | None = None) -> tuple[int, Counter[str]]:
    """The story's outlets (lines of reporting when ``line`` is given), and how many use each word."""
    by_article: dict[int, set[str]] = defaultdict(set)
    for it, ts in zip(items, term_sets):
        by_article[line[it.sentence.article] if line is not None else it.sentence.article].update(ts)
    return len(by_article), Counter(chain.from_iterable(by_article.values()))


def _common_words(articles: int, spread: Counter[str]) -> frozenset[str]:
    """The words STORY_WORD_SHARE of ``articles`` outlets use (none in a story of fewer than three)."""
    if articles < 3:
        return frozenset()
    return frozenset(t for t, n in spread.items() if n >= STORY_WORD_SHARE * articles)
