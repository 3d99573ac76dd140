"""One story's articles -> the canonical merged Story (pure: no files, no clock, no randomness).

Order of work: canonical article order -> sentences and features -> roles and independence ->
claim groups (copies of an article in the set are attached afterwards, so they can never change
grouping or raise a count) -> disputes -> badges -> claims in order of support -> provenance,
timeline, FAQ, summary, title, confidence.
"""
from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from itertools import chain, islice, repeat
from operator import lt
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Callable, Iterable, Iterator, NamedTuple

from rapidfuzz import fuzz
from slugify import slugify

from ..config import Config
from ..model import (Article, Attribution, Claim, Confidence, Dispute, DisputeValue, FaqItem, Provenance, Quote,
                     Source, Story, StoryFile, TimelineEntry)
from ..text import phrase_alternation
from . import badges as badge_rules
from . import faq as faq_rules
from .claims import Item, group
from . import assertions, frames, importance, newsworthy, roles, support
from .disputes import DisputeDraft, ValueDraft
from .features import (STOPWORDS, DateMention, Features, NumberMention, _name_key, content_stems, format_date,
                       has_digit, may_hold_date, name_candidates, names_in_sentences, sentence_features, word_table)
from .hedges import (AIM_CUES, JUDGEMENT_WORDS, OPEN_QUESTION_CUES, OPEN_QUESTION_NOUNS, PENDING_CUES, PLAN_CUES,
                     PROGRESS_CUES, REVERSAL_CUES, SPECULATION_WORDS, SUPERSEDED_CUES, site_lexicon)
from .curation import curate
from .source_names import UNKNOWN_OUTLET, source_name
from .independence import Lines, SourceInfo, analyse, lines_of_reporting
from .reading import Reading
from .sentences import ParsedBody, parse_bodies, statements

MAX_SINGLE_CLAIMS_PER_SOURCE = 3
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def canonical_order(articles: list[Article]) -> list[Article]:
    """Order by date, outlet, slug: never by input order, so shuffled input merges the same."""
    far = datetime.max.replace(tzinfo=None)
    return sorted(articles, key=lambda a: (a.published is None, a.published.replace(tzinfo=None) if a.published else far,
                                           (a.outlet or "").lower(), a.slug))


@lru_cache(maxsize=32)
def _speculation(extra: tuple[str, ...] = ()) -> tuple[re.Pattern[str], frozenset[str]]:
    """The speculation words (hedges.SPECULATION_WORDS and a site's own) as one pattern, and the
    lower-cased first word run of each (see :func:`_search_where_possible`).

    Case-sensitive: a modal is written in lower case, or capitalised at a sentence's start; "May"
    capitalised is the month, not the modal (a question or a wish opening on it is no news statement)."""
    words = sorted({w.strip().lower() for w in (*SPECULATION_WORDS, *extra) if w.strip()}, key=lambda w: (-len(w), w))
    forms = [*words, *(w.capitalize() for w in words if w != "may")]
    pattern = re.compile(r"\b(?:" + phrase_alternation(forms) + r")\b")
    return pattern, frozenset(re.findall(r"\w+", w)[0] for w in words if re.search(r"\w", w))


@lru_cache(maxsize=32)
def _judgement(extra: tuple[str, ...] = ()) -> re.Pattern[str]:
    """The judgement words (hedges.JUDGEMENT_WORDS and a site's own) as one pattern, searched in
    lower-cased text (a case-insensitive alternation is several times slower), each word tried only
    where a word of two letters starts."""
    words = sorted({re.sub(r"^[a-z]\s+", "", w.strip().lower()) for w in (*JUDGEMENT_WORDS, *extra) if w.strip()},
                   key=lambda w: (-len(w), w))  # ("a sorry tale" is found as "sorry tale")
    return re.compile(r"\b(?=[a-z]{2})(?:" + phrase_alternation(words) + r")\b")


def _unjudged(text: str, judgement: re.Pattern[str], is_statement: Callable[[str], bool]) -> str:
    """The text without an opening phrase of the writer's judgement ("In a stunning turn of events,
    X was found guilty"), when what follows is a statement of its own; else the text."""
    match = _OPENING.match(text)
    if not match or not judgement.search(match.group(1).lower()) or _counts_or_dates(match.group(1)):
        return text
    rest = match.group(2)
    rest = rest[:1].upper() + rest[1:]
    return rest if is_statement(rest) else text


def _unlabelled(text: str, is_statement: Callable[[str], bool]) -> str:
    """The text without a live page's update label ("Update for 2:30 pm ET: NASA decided ..."),
    when what follows is a statement of its own."""
    match = _UPDATE_LABEL.match(text)
    if not match:
        return text
    rest = text[match.end():]
    rest = rest[:1].upper() + rest[1:]
    return rest if is_statement(rest) else text


# a live page's label of an update: "Update:", "UPDATE 2:", "Updated at 3 p.m.:", "Editor's note:"
_UPDATE_LABEL = re.compile(r"\A(?:updated?|editor[’']s\s+note|breaking(?:\s+news)?)\b(?:\d:\d\d|[^:!?]){0,30}"
                           r":\s+(?=\S)", re.IGNORECASE)
_OPENING = re.compile(r"\A([^,“”\"]{3,60}),\s+(\S.*)", re.DOTALL)  # (anchored: asked with match only)


def _counts_or_dates(text: str) -> bool:
    """A figure or a date: a word opening on a digit, or a month or weekday (the digit of a name,
    "Chandrayaan-3" or "COVID-19", counts nothing)."""
    return _FIGURE_START.search(text) is not None or _CALENDAR_PATTERN.search(text) is not None


_FIGURE_START = re.compile(r"(?<![\w-])\d")


@dataclass(slots=True)
class Draft:
    """A claim under construction: item indices plus what is derived from them."""

    members: list[int]
    articles: list[int] = field(default_factory=list)
    text: str | None = None  # the representative sentence, chosen when first asked (see _drafts)
    told_by: int | None = None  # the member the page's text is taken from (see _signed_text)
    dispute: int | None = None  # index into the dispute drafts
    dated: tuple[frames.Statement, ...] = ()  # a date attribute's statements (see _of_one_happening)


def _context_year(article: Article, text: str) -> int | None:
    if article.published:
        return article.published.year  # (the text is scanned for years only when there is no date)
    years = Counter(int(m.group(0)) for m in _YEAR.finditer(text))
    return years.most_common(1)[0][0] if years else None


def _items(articles: list[Article], parsed: list[ParsedBody],
           scans: list[bool] | None = None) -> tuple[list[Item], frozenset[str]]:
    """The story's sentences with their features, and its vocabulary of names. ``scans``: each
    article's may_hold_date answer, when the caller has it."""
    vocabulary = names_in_sentences([s.text for p in parsed for s in p.sentences])
    for a in articles:
        vocabulary |= name_candidates(a.title)
    vocab = frozenset(vocabulary)
    # every sentence word of the story (parse_bodies gives each article the same set: one union)
    table = word_table(set().union(*{id(p.distinct_words): p.distinct_words for p in parsed}.values()), vocab)
    reading = Reading()  # (one for the merge, shared by its items)
    items: list[Item] = []
    for n, (a, p) in enumerate(zip(articles, parsed)):
        # a sentence is a piece of the kept text with source tags cut out, which brings no two
        # letters or digits together: no sentence holds a figure or date the whole text cannot
        scan = scans[n] if scans is not None else may_hold_date(p.all_text, a.published is not None)
        texts = [s.text for s in p.sentences]
        joined = "\n".join(texts)  # (a sentence is cut only at a semicolon or a comma and a space)
        pieces = [piece for s in p.sentences for piece in statements(s)] if ";" in joined or ", " in joined \
            else p.sentences
        words = p.words if len(pieces) == len(p.sentences) else None  # (a cut sentence: its clauses' words)
        if words is None:
            pieces = [piece._replace(index=k) for k, piece in enumerate(pieces)]
            texts = [s.text for s in pieces]
        features = sentence_features(texts, vocab, a.published,
                                     _context_year(a, p.all_text), scan, words or None,
                                     table if words is not None else None)
        items += map(tuple.__new__, repeat(Item), zip(pieces, features, repeat(reading)))  # (as in sentence_features)
    return items, vocab


def _attach_copies(groups: list[list[int]], items: list[Item], copy_items: list[Item],
                   infos: list[SourceInfo]) -> list[list[int]]:
    """A copy's sentence joins the group holding its original's most similar sentence."""
    if not copy_items:
        return groups
    where = {m: gi for gi, g in enumerate(groups) for m in g}
    by_article: dict[int, list[int]] = defaultdict(list)
    for idx, it in enumerate(items):
        by_article[it.sentence.article].append(idx)
    extra_groups = [list(g) for g in groups]
    offset = len(items)
    for k, it in enumerate(copy_items):
        original = infos[it.sentence.article].copy_of
        best, best_score = None, 0.0
        for idx in by_article.get(original if original is not None else -1, []):
            score = fuzz.ratio(it.sentence.text, items[idx].sentence.text)
            if score > best_score:
                best, best_score = idx, score
        if best is not None and best_score >= 70:
            extra_groups[where[best]].append(offset + k)
    return extra_groups


def _search_where_possible(pattern: re.Pattern[str], pattern_runs: frozenset[str],
                           runs: frozenset[str]) -> Callable[[str], bool]:
    """``pattern.search(text) is not None`` for the story's sentences, whose word runs are ``runs``:
    False at once for an ASCII sentence when none of the pattern's words occurs in the story."""
    if not runs.isdisjoint(pattern_runs):
        return lambda text: pattern.search(text) is not None
    return lambda text: not text.isascii() and pattern.search(text) is not None


def _signed_text(draft: Draft, items: list[Item], infos: list[SourceInfo], cue_of: Callable[[str], str | None],
                 is_statement: Callable[[str], bool], text: str) -> str:
    """The text a page shows for the claim: its text, unless that gives a figure or day most of
    the claim's outlets do not give, or is a piece of a quotation without its speaker; then the
    clearest of the claim's sentences that tells the same fact (half the words of the shorter
    are shared) with neither fault, if any (else its text, so that one outlet's detail is not
    traded for another's), with an aside or a trailing clause that gives a figure or
    day most outlets do not give cut off (:func:`_trimmed`). A text giving a day only as a weekday
    that another of the claim's sentences writes as a date gives way to the clearest sentence
    telling the same fact with the day written (:func:`_days_written`). Only sentences telling the text's
    fact are candidates: a claim's sentences may state other facts as well (support joins any
    sentence stating it). ``draft.told_by`` is set to the member the text is taken from."""
    at = next((k for k, m in enumerate(draft.members) if items[m].sentence.text == text), None)
    if at is None:
        return text
    draft.told_by = draft.members[at]
    writing = _days_written(draft.members, at, items)
    if not unspoken_quote(text) and not _written_particulars(items[draft.told_by]) and not writing:
        return text  # (most texts: nothing a line could fail to give)
    particulars = _Particulars.of(draft, items, infos)
    if writing:  # (a day given only as a weekday: the same fact with that day written, if one tells it)
        told = set(items[draft.told_by].features.stems)
        # (with no figure or day most of the claim's outlets do not give: "derailed on main track 1" is one
        # outlet's detail, and a text giving it is backed by that outlet alone)
        dated = {m for k, m in enumerate(draft.members) if m in writing and _same_fact(items[m].features.stems, told)
                 and not _signing_cost(items[m].sentence.text, particulars.unbacked(k))
                 and is_statement(items[m].sentence.text)}
        if dated:
            return _signed_among(draft, items, infos, cue_of, is_statement, particulars, dated)
    cost = _signing_cost(text, particulars.unbacked(at))
    if not cost:
        return text
    told = set(items[draft.members[at]].features.stems)
    same = set()
    for k, m in enumerate(draft.members):
        if _same_fact(items[m].features.stems, told) and \
                not _signing_cost(items[m].sentence.text, particulars.unbacked(k)) and \
                is_statement(items[m].sentence.text):
            same.add(m)
    if same:
        return _signed_among(draft, items, infos, cue_of, is_statement, particulars, same)
    return _cut(draft, particulars, at, text, is_statement)


def _same_fact(stems: Iterable[str], told: set[str]) -> bool:
    """A sentence of these stems tells the fact of a text of stems ``told``: they share half the words of the shorter."""
    mine = set(stems)
    return len(mine & told) * 2 >= min(len(mine), len(told)) > 0


def _days_written(members: list[int], at: int, items: list[Item]) -> set[int]:
    """The members that write as a date ("on March 3") a day member ``at``'s sentence gives only as a
    weekday ("Monday", read against its publish date, or a bare weekday in an undated article);
    empty when it gives none (most sentences). The page is read after the news: "the ferry sank on
    March 3" stays true where "the ferry sank Monday" does not."""
    reading = items[members[at]].reading
    if reading is None:
        return set()
    weekdays = [s for s in reading.dates.get(members[at], ()) if s.text.lower() in frames.WEEKDAYS]
    if not weekdays:
        return set()
    # (the written day must hang on the same happening: "derailed Friday" / "derailed Feb. 3", not
    # "blew out Friday" / "their account of the Jan. 5 blowout")
    return {m for m in members if m != members[at] and any(
        _same_day(w, s) and not w.happening.isdisjoint(s.happening) for s in reading.dates.get(m, ())
        if s.unit == "date" and s.month_day is not None and s.text.lower() not in frames.WEEKDAYS for w in weekdays)}


def _same_day(weekday: frames.Statement, written: frames.Statement) -> bool:
    if weekday.unit == "date":
        return weekday.value == written.value
    return date.fromordinal(int(written.value)).weekday() == int(weekday.value)  # (an undated article's weekday)


def _signed_among(draft: Draft, items: list[Item], infos: list[SourceInfo], cue_of: Callable[[str], str | None],
                  is_statement: Callable[[str], bool], particulars: _Particulars, among: set[int],
                  acceptable: Callable[[str], bool] | None = None) -> str:
    """The clearest of the members ``among`` (whose text is ``acceptable``) as the page's text (see
    :func:`_signed_text`); "" when none is acceptable."""
    text = _representative(draft, items, infos, cue_of, particulars, among, acceptable)
    if not text:
        return ""
    at = next(k for k, m in enumerate(draft.members) if items[m].sentence.text == text)
    draft.told_by = draft.members[at]
    return _cut(draft, particulars, at, text, is_statement)


def _cut(draft: Draft, particulars: _Particulars, at: int, text: str, is_statement: Callable[[str], bool]) -> str:
    """Member ``at``'s text without the asides giving a figure or day most outlets do not give,
    when what is left is a statement of its own (see :func:`_trimmed`)."""
    unbacked = particulars.unbacked(at)
    if unbacked and not unspoken_quote(text):
        cut = _trimmed(text, unbacked)
        if cut is not None and len(cut.split()) >= MIN_STATEMENT_WORDS and is_statement(cut) \
                and not particulars.unbacked(at, cut):
            return cut
    return text


_PARENTHESES = re.compile(r"\s?\([^()]*\)")  # (one space before it: "\s*" would be quadratic on a run of spaces)
_ASIDE_OPENERS = frozenset({"a", "an", "the", "with", "including", "carrying", "who", "which", "whose", "aged",
                            "both", "each", "one", "its", "his", "her", "their", "from", "of", "in", "at", "on"})
_OPENING_PHRASE = frozenset({"on", "in", "at", "by", "as", "since", "after", "before", "during"})


def _trimmed(text: str, words: list[str]) -> str | None:
    """The sentence without the parts that write ``words``: a parenthesis, a figure written as a
    modifier ("a 150-car train"), an aside between
    commas followed by the sentence's own verb ("X, a 21-foot vessel, lost contact"), a trailing
    clause that comments on it (", making it the deadliest"), or an opening phrase ("On May 30, 2023, X did"). None
    when a word sits elsewhere (in the main clause, a list or a quotation): the sentence cannot
    say less without saying something else."""
    out = text
    for word in words:
        if word not in out:
            continue
        aside = next((m for m in _PARENTHESES.finditer(out) if word in m.group(0)), None)
        if aside is not None:
            out = out[:aside.start()] + out[aside.end():]
            continue
        modifier = re.search(r"(\b[Aa]n?\s+)?" + re.escape(word) + r"\s+(?=(\w))", out) if "-" in word else None
        if modifier is not None:  # a figure written as a modifier: "a 150-car train" is "a train"
            article = ""
            if modifier.group(1):
                article = ("an " if modifier.group(2).lower() in "aeiou" else "a ")
                article = article.capitalize() if modifier.group(1)[0].isupper() else article
            out = out[:modifier.start()] + article + out[modifier.end():]
            continue
        parts = out.split(", ")
        at = next(i for i, part in enumerate(parts) if word in part)
        part = parts[at]
        if _QUOTE_MARKS.search(part) or ":" in part or len(parts) == 1:
            return None
        if at == 0:
            if part.split()[0].lower() not in _OPENING_PHRASE:
                return None
            rest = parts[1:]
            if rest and rest[0].isdigit():  # ("On May 30, 2023, ...": the year goes with its day)
                rest = rest[1:]
            if not rest or not rest[0][:1].isalpha():
                return None
            out = ", ".join(rest)
            out = out[0].upper() + out[1:]
        elif at == len(parts) - 1:
            first = part.split()[0]
            if not (first.endswith("ing") or first in ("which", "who")):
                return None  # (only a clause that comments on the sentence: "…, making it the deadliest")
            out = ", ".join(parts[:at]).rstrip(",;:") + "."
        else:
            if part.split()[0].lower() not in _ASIDE_OPENERS or not parts[at + 1][:1].islower() \
                    or parts[at + 1].split()[0] in ("and", "or"):
                return None  # (an aside opens on an article, a preposition or a relative word, not on a verb)
            out = ", ".join(parts[:at]) + " " + ", ".join(parts[at + 1:])
    return out


def _representative(draft: Draft, all_items: list[Item], infos: list[SourceInfo],
                    cue_of: Callable[[str], str | None], particulars: _Particulars | None = None,
                    among: set[int] | None = None, acceptable: Callable[[str], bool] | None = None) -> str:
    """The clearest, most complete sentence: shares most with the others, unhedged, original, mid-length.
    With ``particulars`` (see :func:`_signed_text`), a figure or day most of the claim's outlets do
    not give, and a piece of a quotation without its speaker, count against a sentence; ``among``:
    the members that may be chosen; ``acceptable``: a test the sentence must pass, asked of the
    clearest first and then of the next ("" when none passes)."""
    members = draft.members
    if len(members) == 1:
        return all_items[members[0]].sentence.text
    member_items = [all_items[m] for m in members]
    terms = [it.features.names.union(it.features.stems) for it in member_items]
    holding = Counter(chain.from_iterable(terms))  # members using each term
    articles = [it.sentence.article for it in member_items]
    # a term of two members or more (shared) weighs by the share of the claim's outlets using it, so
    # the text says what most of its sources say (for a claim of two outlets every shared term weighs 1;
    # weights over spread: summed as integers)
    if len(set(articles)) < len(articles):  # (two sentences of one article: its outlets are counted once)
        of_article: dict[int, frozenset[str]] = {}
        for article, member_terms in zip(articles, terms):
            of_article[article] = of_article[article] | member_terms if article in of_article else member_terms
        outlets = Counter(chain.from_iterable(of_article.values()))
        weight = {t: n if n > 2 else 2 for t, n in outlets.items() if holding[t] > 1}
    else:  # (each member of an article of its own: a shared term's outlets are its members)
        weight = {t: n for t, n in holding.items() if n > 1}
    spread = max(2, len(draft.articles) or len(set(articles)))
    best: tuple[float, int] | None = None
    best_text = ""
    scored: list[tuple[tuple[float, int], str]] = []  # (with ``acceptable``)
    weight_of = weight.get
    for k, (m, (sentence, features, *_), member_terms) in enumerate(zip(members, member_items, terms)):
        if among is not None and m not in among:
            continue
        text = sentence.text
        mine = list(filter(None, map(weight_of, member_terms)))  # the member's shared terms' weights
        # shared terms, length fit, hedge, copy, bullet, figures: added in this order (the floats depend on it)
        score = (sum(mine) / spread * 0.6 + -abs(sentence.words - 24) / 12
                 + (-1.5 if cue_of(text) else 0.0)
                 + (-2.0 if infos[sentence.article].role in ("syndicated", "aggregator") else 0.0)
                 + (-0.5 if not text.endswith(_SENTENCE_ENDS) else 0.0)
                 + 0.3 * len(features.numbers) - UNBACKED_WORD * (len(member_terms) - len(mine))
                 + (-1.0 if newsworthy.leans_on_context(text) else 0.0)
                 - (_signing_cost(text, particulars.unbacked(k)) if particulars is not None else 0.0), -m)
        if acceptable is not None:
            scored.append((score, text))
        elif best is None or score > best:
            best, best_text = score, text
    if acceptable is not None:  # (no two scores are equal: each ends with its member)
        return next((text for _score, text in sorted(scored, reverse=True) if acceptable(text)), "")
    return best_text


_SENTENCE_ENDS = (".", "!", "”", '"')
UNBACKED_WORD = 0.15  # a word of the text no other source of the claim uses: one outlet's colour, not the fact
UNBACKED_PARTICULAR = 1.5  # a figure or day of the text most of the claim's outlets do not give
UNSPOKEN_QUOTE = 2.0  # a piece of a quotation whose speaker the text does not name


class _Particulars:
    """The figures and days a claim's sentences give, and which lines of reporting give each. A
    representative must not assert a particular most of its claim's outlets do not state ("six
    other companies" on a claim of ten outlets, a date one outlet adds): a figure is given by a
    line when one of its sentences gives the same value (within rounding, whatever noun follows:
    "seven counts" and "seven charges"), a day when one gives the same month and day. Each
    particular is kept with the words that write it, so a text cut from a sentence gives those
    of its particulars whose words it still holds."""

    @classmethod
    def of(cls, draft: Draft, items: list[Item], infos: list[SourceInfo]) -> _Particulars:
        return cls([items[m] for m in draft.members], [infos[items[m].sentence.article].key for m in draft.members])

    def __init__(self, member_items: list[Item], lines: list[str]) -> None:
        self.items = member_items
        self.lines = lines
        self.count = len(set(lines))
        self._given: dict[int, tuple[tuple[str, object], ...]] = {}  # (read when asked: most texts give none)
        self._holding: dict[tuple[int, int], frozenset[str]] = {}

    def given(self, k: int) -> tuple[tuple[str, object], ...]:
        """Member ``k``'s particulars (none on a claim of two lines or fewer: each line is half)."""
        if k not in self._given:
            self._given[k] = _written_particulars(self.items[k]) if self.count > 2 else ()
        return self._given[k]

    def unbacked(self, k: int, text: str | None = None) -> list[str]:
        """The words of the particulars of member ``k``'s sentence (or of ``text`` cut from it)
        that fewer than half the claim's lines give."""
        return [written for n, (written, _v) in enumerate(self.given(k))
                if (text is None or written in text) and len(self._lines_holding(k, n)) * 2 < self.count]

    def holders(self, k: int, text: str | None = None) -> set[str]:
        """The lines giving every particular of member ``k``'s sentence (or of ``text`` cut from it)."""
        held = set(self.lines)
        for n, (written, _v) in enumerate(self.given(k)):
            if text is None or written in text:
                held &= self._lines_holding(k, n)
        return held

    def _lines_holding(self, k: int, n: int) -> frozenset[str]:
        if (k, n) not in self._holding:
            value = self.given(k)[n][1]
            self._holding[(k, n)] = frozenset(line for j, line in enumerate(self.lines) if any(
                _same_particular(value, other) for _w, other in self.given(j)))
        return self._holding[(k, n)]


def _written_particulars(item: Item) -> tuple[tuple[str, object], ...]:
    """The figures (frames statements) and days (month, day) of a sentence, each with its words."""
    given = frames.figures_given(item)  # (kept in the merge's reading)
    figures = tuple((n.text, n) for n in given) if given else ()
    dates = item.features.dates
    return (*figures, *((d.text, d.month_day) for d in dates)) if dates else figures


def _same_particular(mine: object, other: object) -> bool:
    if isinstance(mine, frames.Statement):
        return isinstance(other, frames.Statement) and _gives(other, mine)
    return mine == other


def _gives(other: frames.Statement, figure: frames.Statement) -> bool:
    """``other`` gives ``figure``: the same value within the coarser written precision, or about
    it ("about 1,600 feet" and "1,600 feet"); a bound does not ("over $400" is not "$404.86")."""
    gap = abs(other.value - figure.value)
    if gap <= max(other.precision, figure.precision) * (1 + 1e-9):
        return True
    return "approx" in (other.bound, figure.bound) and gap <= frames.APPROX_SHARE * max(other.value, figure.value)


def _signing_cost(text: str, unbacked: list[str]) -> float:
    return UNBACKED_PARTICULAR * len(unbacked) + (UNSPOKEN_QUOTE if unspoken_quote(text) else 0.0)


_QUOTE_MARKS = re.compile(r'[“”"]')


def unspoken_quote(text: str) -> bool:
    """A piece of a quotation with no speaker: it opens a quote it does not close, closes one it
    did not open, or is wholly inside quotation marks, and names no one saying it (the speaker
    was in the next or previous sentence, which the page does not show)."""
    marks = _QUOTE_MARKS.findall(text)
    if not marks:
        return False
    opens = sum(1 for q in marks if q == "“")
    closes = sum(1 for q in marks if q == "”")
    straight = len(marks) - opens - closes
    torn = opens != closes or straight % 2 == 1
    whole = text.lstrip()[:1] in "“\"" and text.rstrip().rstrip(".").endswith(("”", '"'))
    return (torn or whole) and not _attributed(text) and _SPEAKING.search(text) is None


# a speaker named by the -ing form of a verb of saying ("…, saying: “…") or by their statement ("X's statement: “…")
_SPEAKING = re.compile(r"\b(?:saying|telling|adding|writing|stating|noting|declaring|explaining|warning|statement)\b")


def merge_story(key: str, articles: list[Article], story_file: StoryFile | None, config: Config) -> Story:
    """Merge one story's articles (any order) into the canonical Story."""
    ordered = canonical_order(list(articles))
    lex = site_lexicon(config)
    parsed = parse_bodies([a.body for a in ordered], lex)
    scans = [may_hold_date(p.all_text, a.published is not None) for a, p in zip(ordered, parsed)]
    all_items, vocab = _items(ordered, parsed, scans)
    # the word lists are done with: let them go before the pair scores take their memory (a lower
    # peak keeps the heap from shrinking and growing back story by story)
    parsed = [replace(p, words=(), distinct_words=frozenset()) for p in parsed]
    infos = analyse(ordered, [p.all_text for p in parsed],
                    [tuple(n for s in p.sentences for n in s.inline_sources) for p in parsed],
                    [len(p.sentences) for p in parsed], config, dict(story_file.copies) if story_file else None)
    source_ids = [f"s{i + 1}" for i in range(len(ordered))]
    keys = [info.key for info in infos]
    outlets = [source_name(a, config) or UNKNOWN_OUTLET for a in ordered]

    primary = [it for it in all_items if infos[it.sentence.article].copy_of is None]
    copies = [it for it in all_items if infos[it.sentence.article].copy_of is not None]
    items = primary + copies
    groups = _attach_copies(group(primary), primary, copies, infos)

    texts = list(dict.fromkeys(it.sentence.text for it in items))
    runs = parsed[0].word_runs if parsed else frozenset()  # the story's sentences' word runs (and a few more)
    cue_of = dict(zip(texts, lex.hedge_cues(texts, runs))).__getitem__  # asked per draft and per representative
    drafts, text_of = _drafts(groups, items, infos, cue_of)
    attribute_drafts, disputes = _attribute_drafts(items, ordered, keys, infos, text_of, cue_of)
    # names, places, remarks, records: disputes with no claim of their own
    disputes += assertions.disputes(items, keys, frames.story_day([a.published for a in ordered]))
    term_sets = support.term_sets_of(items)
    line_of = [i if info.copy_of is None else info.copy_of for i, info in enumerate(infos)]
    own = support.OwnFacts(items, term_sets, line_of)
    # (counted by article: the same words as by line, read once already, when no article copies another)
    story_words = own.common if line_of == list(range(len(infos))) else support._story_words(items, term_sets)
    attribute_drafts = [_of_one_happening(d, items, term_sets, story_words, line_of,
                                          lambda one: _representative(one, items, infos, cue_of))
                        for d in attribute_drafts]
    # what several outlets say did not happen, each in its own words: a claim like an attribute's
    denied = [Draft(ms, sorted({items[m].sentence.article for m in ms}))
              for ms in support.denials(items, term_sets, line_of, own, runs)]
    drafts = _merge_drafts(drafts, attribute_drafts + denied, items, own)
    extended = support.extend(drafts, items, term_sets, line_of, own)
    # a claim's text is a sentence it was grouped from: one support added states the fact, but
    # may tell another besides ("the toll is expected to rise … in the town, which was destroyed")
    for i, added in extended.items():
        if drafts[i].text is None:
            drafts[i].text = text_of(Draft([m for m in drafts[i].members if m not in added]))
    drafts = support.fold(drafts, items, text_of, term_sets, line_of, extended, own)
    roles.extend(drafts, items, text_of, line_of, runs)  # (after folding: a role told in passing tells no other fact)
    line_keys = [keys[info.copy_of] if info.copy_of is not None else keys[i] for i, info in enumerate(infos)]
    weights = importance.term_weights(((it.sentence.article, it.features.stems) for it in items),
                                      [a.title for a in ordered], line_keys)
    claims, claim_of_draft, earlier_counts = _claims(drafts, items, disputes, infos, keys, outlets, source_ids, config,
                                                     text_of, runs, cue_of, weights, [a.published for a in ordered],
                                                     story_words)
    dispute_objs = _dispute_objects(disputes, source_ids) + _declared_disputes(story_file, ordered, source_ids,
                                                                                 len(disputes))

    sources = _sources(ordered, infos, source_ids, claims, config)
    main_articles = set(drafts[claim_of_draft[0]].articles) if claims else set(range(len(ordered)))
    lines = lines_of_reporting(infos, main_articles)
    provenance = _provenance(ordered, infos, lines, source_ids, outlets)
    # (an earlier day's toll is no claim of the page, but a step of its timeline)
    timeline, overdue = _timeline(claims + [c for c, _d in earlier_counts], drafts,
                                  claim_of_draft + [d for _c, d in earlier_counts], items, disputes, ordered, weights)
    faq = _faq(story_file, parsed, ordered, claims, dispute_objs, source_ids, timeline, overdue, vocab, weights, runs)
    title = (story_file.title if story_file and story_file.title else _best_title(ordered, infos, claims, weights))
    summary = (story_file.summary if story_file and story_file.summary else _summary(claims))
    confidence = _confidence(claims, dispute_objs, lines, ordered, infos)
    dates = [a.published for a in ordered if a.published]
    category = (story_file.category if story_file and story_file.category else
                Counter(a.category for a in ordered if a.category).most_common(1)[0][0]
                if any(a.category for a in ordered) else None)
    tags = tuple(sorted({t for a in ordered for t in a.tags}))
    story = Story(
        slug=slugify(key) or "story", key=key, title=title, summary=summary, confidence=confidence,
        sources=sources, claims=tuple(claims), disputes=dispute_objs, provenance=provenance,
        timeline=timeline, faq=faq, dek=story_file.dek if story_file else None, category=category,
        first_seen=min(dates) if dates else None, updated=_updated(dates, story_file),
        note=story_file.note if story_file else "", tags=tags,
        image=story_file.image if story_file else None, image_alt=story_file.image_alt if story_file else None,
        extra=dict(story_file.extra) if story_file else {},
    )
    return curate(story, story_file, dict(zip(source_ids, keys)), config)


def _updated(dates: list[datetime], story_file: StoryFile | None) -> datetime | None:
    """The newest article's date, or the curator's `updated:` when that is later (a correction)."""
    stamps = dates + ([story_file.updated] if story_file is not None and story_file.updated else [])
    return max(stamps) if stamps else None


def sentence_groups(articles: list[Article], config: Config) -> list[list[tuple[str, str]]]:
    """(article slug, sentence) per claim group before filtering: for measuring grouping quality."""
    ordered = canonical_order(list(articles))
    lex = site_lexicon(config)
    parsed = parse_bodies([a.body for a in ordered], lex)
    items, _vocab = _items(ordered, parsed)
    return [[(ordered[items[m].sentence.article].slug, items[m].sentence.text) for m in g] for g in group(items)]


def _drafts(groups: list[list[int]], items: list[Item], infos: list[SourceInfo],
            cue_of: Callable[[str], str | None]) -> tuple[list[Draft], Callable[[Draft], str]]:
    """The drafts, and the function giving a draft's text: the representative is chosen only for
    drafts whose text is used (claims, disputes, single-outlet checks), most are not."""
    drafts = []
    article_of = [it.sentence.article for it in items]
    position = list(zip(article_of, [it.sentence.index for it in items]))
    # groups list their items in ascending order; when the items themselves come in (article,
    # index) order (no copies placed after them), a group is in that order already
    in_order = all(map(lt, position, islice(position, 1, None)))
    for g in groups:
        if len(g) == 1:  # most groups: one sentence
            drafts.append(Draft(list(g), [article_of[g[0]]]))
            continue
        members = list(g) if in_order and all(map(lt, g, islice(g, 1, None))) else sorted(g, key=position.__getitem__)
        drafts.append(Draft(members, sorted(set(map(article_of.__getitem__, members)))))

    def text_of(draft: Draft) -> str:
        if draft.text is None:
            draft.text = _representative(draft, items, infos, cue_of)
        return draft.text

    return drafts, text_of


def _attribute_drafts(items: list[Item], ordered: list[Article], keys: list[str], infos: list[SourceInfo],
                      text_of: Callable[[Draft], str],
                      cue_of: Callable[[str], str | None]) -> tuple[list[Draft], list[DisputeDraft]]:
    """Claims and disputes from statement frames: every attribute (a figure or date that two
    outlets state about the same thing) is a claim supported by each sentence stating it; one
    whose outlets give values that differ beyond rounding is also a dispute."""
    found = frames.statements(items, [a.published for a in ordered])
    if not found:
        return [], []
    drafts: list[Draft] = []
    disputes: list[DisputeDraft] = []
    beside = frames.figures_by_sentence(found)
    days = frames.days_by_sentence(found)
    for attribute in frames.attributes(found):
        compared = _compared(attribute, items, ordered, days)
        if attribute[0].kind == "number" and all(_mixed(values, infos) for _day, values in compared if values):
            continue  # two quantities read as one: its sentences stay claims of their own
        members = sorted({s.item for s in attribute}, key=lambda m: (items[m].sentence.article, items[m].sentence.index))
        draft = Draft(members, sorted({items[m].sentence.article for m in members}))
        draft.text = _attribute_text(attribute, items, keys, infos, cue_of)
        draft.dated = tuple(attribute) if attribute[0].kind == "date" else ()
        for day, values in compared:
            dispute = _attribute_dispute(values, items, keys, infos, beside)
            if dispute is None:
                continue
            # the claim is disputed by the part its own text belongs to (one day's, one year's reports):
            # another year's toll in the same sentences must not mark today's fact disputed
            if len(compared) == 1 or any(items[s.item].sentence.text == draft.text for s in values):
                draft.dispute = len(disputes) if draft.dispute is None else draft.dispute
            # a part of the attribute is told by its own sentences
            shown = {a for v in dispute.values for a in v.articles}  # (an outlet giving two values is left out)
            subject = _value_subject([s for s in values if s.article in shown], items, keys)
            if subject:  # (what the outlets give differently, not what the claim's own text tells)
                joint = " of: " if dispute.kind == "date" else ": "
                disputes.append(replace(dispute, about=f"{dispute.about}{day}{joint}{subject}"))
                continue
            text = text_of(draft) if len(compared) == 1 else _attribute_text(values, items, keys, infos, cue_of)
            disputes.append(replace(dispute, about=f"{dispute.about}{day} in: {_short(text)}"))
        drafts.append(draft)
    return drafts, disputes


def _value_subject(values: list[frames.Statement], items: list[Item], keys: list[str]) -> str:
    """What the disputed day is the day of (or the figure the figure of), quoted in the words of a
    sentence giving the value fewest lines give: the sentence that differs is about the
    happening in dispute, while the others' day holds other happenings too (a remark made that
    day). Among them one naming someone or something, then the shortest."""
    groups = sorted(frames.value_groups(values), key=lambda g: len({keys[s.article] for s in g}))
    found = [(rank, not any(w[:1].isupper() for w in hung.split()[1:]), len(hung), hung)
             for rank, group in enumerate(groups) for s in group
             if s.role != "said" and (hung := frames.hung_on(s, items[s.item].sentence.text))]
    return f"“{min(found)[-1]}”" if found else ""


def _compared(group: list[frames.Statement], items: list[Item], ordered: list[Article],
              days: dict[int, frames.Day]) -> list[tuple[str, list[frames.Statement]]]:
    """The parts of an attribute whose values are compared with each other, each with what it is
    "as of": figures of one year, and for a running count one day's reports at a time."""
    comparable = frames.comparable(group)
    running = bool(comparable) and comparable[0].kind == "number" and any(
        frames.is_running(s, items[s.item].sentence.text) for s in comparable)
    compared: list[tuple[str, list[frames.Statement]]] = []
    for of_year in frames.by_year(comparable, running):
        if running and of_year[0].year is None:
            compared += _by_day(of_year, ordered, days)
        else:
            years = {s.year for s in of_year}
            dated = len(years) == 1 and None not in years and of_year[0].kind == "number"  # (a date shows its year)
            compared.append((f" in {of_year[0].year}" if dated else "", of_year))
    return compared


def _attribute_text(group: list[frames.Statement], items: list[Item], keys: list[str], infos: list[SourceInfo],
                    cue_of: Callable[[str], str | None]) -> str:
    """The claim's text: the clearest sentence (see :func:`_representative`) among those giving
    the value most lines of reporting give, so the text never asserts a minority value."""
    values = frames.value_groups(frames.comparable(group) or group)
    top = max(values, key=lambda g: (len({keys[s.article] for s in g}), -g[0].value))
    members = sorted({s.item for s in top}, key=lambda m: (items[m].sentence.article, items[m].sentence.index))
    whole = [m for m in members if items[m].sentence.words >= MIN_STATEMENT_WORDS] or members
    return _representative(Draft(whole), items, infos, cue_of)


MIN_STATEMENT_WORDS = 7


def _attribute_dispute(group: list[frames.Statement], items: list[Item], keys: list[str],
                       infos: list[SourceInfo], beside: dict[int, list[frames.Statement]]) -> DisputeDraft | None:
    """Different values of one attribute from different lines of reporting. An outlet giving two
    values itself (an update, a range) is left out of the comparison; copies count with their original."""
    if not group:
        return None
    values = frames.value_groups(group)
    if len(values) < 2:
        return None
    line = [info.copy_of if info.copy_of is not None else i for i, info in enumerate(infos)]
    if group[0].kind == "date":
        values = _without_other_steps(values, line)
        if _told_again(values, items):
            return None
    elif _mixed(group, infos):
        return None
    held: dict[int, set[int]] = defaultdict(set)
    for gi, g in enumerate(values):
        for s in g:
            held[line[s.article]].add(gi)
    torn = {a for a, gs in held.items() if len(gs) > 1}
    # (regrouped: "more than 80%" and "83%" agree once the outlet that also gave an exact 80% is out)
    kept = frames.value_groups([s for g in values for s in g if line[s.article] not in torn])
    if len(kept) < 2 or frames.parts_of_a_whole(kept, beside):
        return None
    drafts = [_value_draft(g, items) for g in kept]
    kind = "date" if group[0].kind == "date" else "number"
    about = "The date" if kind == "date" else frames.heading(group)
    if kind == "date" and len({s.month_day for s in group}) == 1:
        # (one day of the month: the outlets differ on its year, or one writes a weekday not its own)
        about = "The weekday" if len({s.year for s in group}) == 1 else "The year"
    return DisputeDraft(about, kind, tuple(drafts), _likely(drafts, keys), tuple(sorted(held)))


def _told_again(values: list[list[frames.Statement]], items: list[Item]) -> bool:
    """The later of two days is told as the earlier day's happening again, wherever its sentences
    name that happening ("cancelled 170 more flights on Sunday", "struck again on Monday"): a
    later step of what the earlier day's reports tell, not their reading of the same day."""
    if len(values) != 2:
        return False
    earlier, later = sorted(values, key=lambda g: g[0].value)
    happened = frozenset().union(*(s.happening for s in earlier))
    same = [s for s in later if not happened.isdisjoint(s.happening)]  # (the later day's other happenings aside)
    return bool(same) and all(_AGAIN.search(items[s.item].sentence.text) is not None for s in same)


# a happening told as one more of its kind: "170 more flights", "additional charges", "another
# strike", "again" (not "more than", a bound)
_AGAIN = re.compile(r"\b(?:more|additional|further)\s++(?!than\b)[a-z]|\banother\b|\bagain\b", re.IGNORECASE)


def _without_other_steps(values: list[list[frames.Statement]], line: list[int]) -> list[list[frames.Statement]]:
    """A date of an attribute whose every outlet also gives another of its dates is another step
    of the story those outlets tell (the pricing the day before a debut, the next day's session),
    not their reading of the same day: it is left out, smallest first, so that what is compared
    is one day as each outlet gives it."""
    kept = sorted(values, key=lambda g: (len({line[s.article] for s in g}), g[0].value))
    for g in list(kept):
        others = {line[s.article] for h in kept if h is not g for s in h}
        if {line[s.article] for s in g} <= others:
            kept.remove(g)
    return sorted(kept, key=lambda g: g[0].value)


def _mixed(group: list[frames.Statement], infos: list[SourceInfo]) -> bool:
    """Many lines of reporting give two figures each (more than a third of them): two quantities
    read as one attribute, neither a disagreement nor one fact confirmed by all of them."""
    figures: dict[int, set[float]] = defaultdict(set)
    for s in group:
        info = infos[s.article]
        figures[info.copy_of if info.copy_of is not None else s.article].add(s.value)
    return sum(len(v) > 1 for v in figures.values()) * TORN_SHARE > len(figures)


TORN_SHARE = 3


def _value_draft(group: list[frames.Statement], items: list[Item]) -> ValueDraft:
    """One side of a dispute, quoted from a sentence that gives the value as shown (not one that
    merely allows it: "more than 100 years" is not the quote for "110 years")."""
    shown = frames.label_of(group)
    quoted = next((s for s in group if frames.label(s) == shown), group[0])
    return ValueDraft(shown, tuple(sorted({s.article for s in group})), items[quoted.item].sentence.text)


def _by_day(group: list[frames.Statement], ordered: list[Article],
            days: dict[int, frames.Day]) -> list[tuple[str, list[frames.Statement]]]:
    """A running count's reports by the day they report on: the day their own sentence names
    ("the toll reached 93 on Saturday"), else their article's publish date; a report that names
    only a weekday joins the one dated day of that weekday. A report no day places is left out,
    and so is one placed only by its publish date that repeats an earlier day's figure (a late
    copy of an old count, not a rival of the day's new one)."""
    by_day: dict[frames.Day, list[frames.Statement]] = defaultdict(list)
    for s in group:
        published = ordered[s.article].published
        day = days.get(s.item, published.date() if published is not None else None)
        if day is not None:
            by_day[day].append(s)
    for partial in [d for d in by_day if not isinstance(d, date)]:  # a weekday, or a month and day
        dated = [d for d in by_day if isinstance(d, date) and (
            d.weekday() == partial if isinstance(partial, int) else (d.month, d.day) == partial)]
        if len(dated) == 1:
            by_day[dated[0]] += by_day.pop(partial)
    parts: list[tuple[str, list[frames.Statement]]] = []
    earlier: list[frames.Statement] = []
    for d in sorted(by_day, key=frames.day_rank):
        fresh = [s for s in by_day[d] if s.item in days or not any(frames.agree(s, e) for e in earlier)]
        earlier += by_day[d]
        parts.append((_day_label(d), fresh))
    return parts


def _day_label(day: frames.Day) -> str:
    """ " as of <day>" for a dispute's heading."""
    if isinstance(day, date):
        return f" as of {format_date(DateMention('', day.month, day.day, day.year, None), day.year)}"
    if isinstance(day, tuple):
        return f" as of {format_date(DateMention('', day[0], day[1], None, None), None)}"
    return f" as of {frames.WEEKDAYS[day].capitalize()}" if isinstance(day, int) else ""


def _likely(values: list[ValueDraft], keys: list[str]) -> str | None:
    weights = sorted(((len({keys[a] for a in v.articles}), v.value) for v in values), reverse=True)
    if len(weights) > 1 and weights[0][0] > weights[1][0]:
        return weights[0][1]
    return None


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _of_one_happening(d: Draft, items: list[Item], term_sets: list[frozenset[str]], story_words: frozenset[str],
                      line_of: list[int], represent: Callable[[Draft], str]) -> Draft:
    """A date attribute gathers every statement of its day, whatever happened ("oxygen was to run
    out Thursday", "debris was found Thursday", "deaths were confirmed Thursday"): the attribute
    keeps them all for its dispute, but its claim is made of one happening's statements, those that
    share what the statement most lines share it with says happened (see :func:`_shares_happening`;
    the calendar's words aside), its text among them. The others are left to the claims of their
    own sentences; the claim shows the dispute only when the statements it keeps give two values."""
    if not d.dated:
        return d
    told = [term_sets[m] - _CALENDAR_STEMS for m in d.members]
    # (a statement tells its own happening, even one of words the story's outlets all use)
    sharing = [[n for n, other in enumerate(told) if n == k or _shares_happening(mine & other, story_words)]
               for k, mine in enumerate(told)]

    def reach(k: int) -> tuple[int, int, bool]:
        return (len({line_of[items[d.members[n]].sentence.article] for n in sharing[k]}), len(sharing[k]),
                items[d.members[k]].sentence.text == d.text)

    center = max(range(len(d.members)), key=lambda k: (*reach(k), -k))
    if len(sharing[center]) == len(d.members):
        return d
    kept = [d.members[n] for n in sharing[center]]
    statements = [s for s in d.dated if s.item in set(kept)]
    disputed = d.dispute if d.dispute is not None and len(frames.value_groups(statements)) > 1 else None
    one = Draft(kept, sorted({items[m].sentence.article for m in kept}), None, None, disputed, tuple(statements))
    one.text = d.text if any(items[m].sentence.text == d.text for m in kept) else represent(one)
    return one


def _shares_happening(shared: frozenset[str], story_words: frozenset[str]) -> bool:
    """Two statements of one day tell one happening: they share a word the story's outlets do not
    all use, or two of the story's own ("convicted" and the defendant's name)."""
    return len(shared) >= 2 or not shared <= story_words


def _merge_drafts(drafts: list[Draft], attribute_drafts: list[Draft], items: list[Item],
                  own: support.OwnFacts) -> list[Draft]:
    """Sentence groups plus attribute claims. A sentence group and an attribute claim of which
    one has half its sentences in the other state one fact: the group is absorbed (its sentences
    support the attribute claim, which keeps its dispute), so one fact is never shown twice;
    unless the group's core tells a fact the attribute's does not (support.OwnFacts: "the first
    chipmaker to reach" the value). Two attribute claims stay two even in the same sentences: a
    sentence may state two facts."""
    if not attribute_drafts:
        return drafts
    attribute_drafts = sorted(attribute_drafts, key=lambda d: (-len(d.articles), -len(d.members), d.members))
    kept: list[Draft] = []
    holding: dict[int, list[int]] = defaultdict(list)  # item -> the kept drafts holding it
    for d in attribute_drafts:
        for m in d.members:
            holding[m].append(len(kept))
        kept.append(d)
    rest = []
    for d in drafts:
        overlaps = Counter(k for m in d.members for k in holding.get(m, ()))
        best = min(overlaps.items(), key=lambda kv: (-kv[1], kv[0])) if overlaps else None
        if best is None or best[1] * 2 < min(len(d.members), len(kept[best[0]].members)) \
                or own.differs(kept[best[0]], d.members, kept[best[0]].text):
            rest.append(d)
            continue
        home = kept[best[0]]
        if best[1] < len(d.members):
            for m in d.members:
                if best[0] not in holding[m]:
                    holding[m].append(best[0])
            home.members = sorted({*d.members, *home.members},
                                  key=lambda m: (items[m].sentence.article, items[m].sentence.index))
            home.articles = sorted({items[m].sentence.article for m in home.members})
    return kept + rest


def _claims(drafts: list[Draft], items: list[Item], disputes: list[DisputeDraft], infos: list[SourceInfo],
            keys: list[str], outlets: list[str], source_ids: list[str], config: Config,
            text_of: Callable[[Draft], str], runs: frozenset[str],
            cue_of: Callable[[str], str | None], weights: dict[str, float],
            published: list[datetime | None],
            story_words: frozenset[str]) -> tuple[list[Claim], list[int], list[tuple[Claim, int]]]:
    """The claims a page shows, most independent lines first, then most central (see
    importance.py); a second fact told inside a shown claim's sentences as a claim of its own
    (_InnerFacts); single-source claims only when central, news statements ending as sentences,
    not speculation (a modal with its speaker is reported speech) and not overtaken pre-event
    reports, within a budget that grows with the corroborated claims and the lines of reporting
    (past the old budget only facts that name, count or date something), and the page under a
    bound that grows with the story's lines of reporting. The caps count claims shown: junk and
    repeats skipped do not use them up. A claim telling a shown claim's fact again is folded into
    it (see :class:`_Telling`; ``story_words``: the words most of the story's outlets use); the
    text a claim shows states only what its outlets back (see :func:`_signed_text`). Also returned:
    the claims giving an earlier day's death toll than the page's (see :class:`_Tolls`), with their
    drafts, for the timeline."""
    lexicons = config.merge_lexicons
    test = newsworthy.statement_rules(lexicons.commentary, lexicons.imperative_openers)
    commentary = test.commentary

    statement: dict[str, bool] = {}  # (a text is asked again when a later claim holds it)

    def signable(text: str) -> bool:
        if text not in statement:
            statement[text] = test.is_statement(text) and not unspoken_quote(text)
        return statement[text]

    # a sentence giving one side of a dispute is not the text of a claim that shows no dispute
    contested = {v.quote for dispute in disputes for v in dispute.values}

    def uncontested(text: str) -> bool:
        return text not in contested and signable(text)

    speakers = _Speakers([it.sentence.text for it in items])
    tolls = _Tolls(items[0].reading if items else None)
    main_done: frozenset[str] = frozenset()  # the news predicates of the page's first claim, told as done
    earlier: list[int] = []  # drafts giving an earlier day's toll
    lines_naming_a_cause: int | None = None  # (read when a claim first says the cause is not known)

    def cause_named() -> bool:
        nonlocal lines_naming_a_cause
        if lines_naming_a_cause is None:
            lines_naming_a_cause = len({keys[a] for a in assertions.articles_naming_a_cause(items)})
        return lines_naming_a_cause >= 2

    def introduced_signable(text: str) -> bool:
        return signable(text) and not speakers.unintroduced(text)

    # a value fewer lines give than another of its dispute is no claim's text: the dispute shows it with its outlets
    minority = _minority_quotes(disputes)

    speculation = _search_where_possible(*_speculation(lexicons.speculation), runs)
    judgement = _judgement(lexicons.judgement)

    def judged(text: str) -> bool:  # (a figure or a date in the sentence is a fact besides the judgement)
        return judgement.search(newsworthy.unquoted(text).lower()) is not None and not _counts_or_dates(text)
    # the drafts by their independent lines, weighed one number of lines at a time, as the page reaches
    # them (a story's claims of most lines fill most of its page: the rest are never weighed)
    by_lines: dict[int, list[int]] = defaultdict(list)
    for i, d in enumerate(drafts):
        by_lines[1 if len(d.articles) == 1 else len({keys[a] for a in d.articles})].append(i)
    unweighed = sorted(by_lines, reverse=True)

    def scored_of(independent: int) -> list[tuple[int, float, tuple[int, int], int]]:
        candidates = by_lines[independent]
        if independent == 1:  # a single-source sentence must say something and come from reporting (most drafts are one)
            candidates = [i for i in candidates if drafts[i].dispute is not None or not (
                len(set(items[drafts[i].members[0]].features.stems)) < importance.MIN_SINGLE_TERMS
                or infos[drafts[i].articles[0]].role in ("aggregator", "opinion"))]
        central = iter(importance.centralities([items[m].features.stems for i in candidates
                                                for m in drafts[i].members], weights))
        scored = []
        for i in candidates:
            members = drafts[i].members
            weight = max(islice(central, len(members)))
            first = items[members[0]].sentence  # members are in (article, index) order
            if independent == 1 and _open_question(first.text):
                weight = float("inf")  # (what the story does not know yet: first of the lone outlets' facts)
            elif independent == 1 and drafts[i].dispute is None and weight < importance.MIN_SINGLE_CENTRALITY:
                continue
            scored.append((-independent, -weight, (first.article, first.index), i))
        return scored
    scored: list[tuple[int, float, tuple[int, int], int]] = []
    ranked: list[int] = []
    shown: set[str] = set()
    used: set[str] = set()  # every sentence of the claims shown
    per_article_singles: Counter[int] = Counter()
    singles, budget, plain_budget = 0, None, 0
    lines = len({keys[info.copy_of if info.copy_of is not None else n] for n, info in enumerate(infos)})
    newest = max((p.date() for p in published if p is not None), default=None)
    bound = importance.page_bound(lines)
    inner = _InnerFacts(items, keys, infos, cue_of, drafts)
    tellings: dict[int, _Telling] = {}  # the undisputed claims shown, by draft
    telling_of: dict[str, list[int]] = {}  # a word (or news predicate) -> the claims shown telling it
    while len(ranked) < bound:  # (the drafts below the cap are not read at all)
        while unweighed and (not scored or -unweighed[0] <= scored[0][0]):  # (they could come next)
            scored += scored_of(unweighed.pop(0))
            heapq.heapify(scored)
        if not scored:
            break
        *_rest, i = heapq.heappop(scored)
        d = drafts[i]
        single = len({keys[a] for a in d.articles}) == 1
        if single:
            if budget is None:  # (corroborated claims come first)
                budget, plain_budget = importance.single_budget(len(ranked), lines), importance.single_budget(len(ranked))
            if singles == budget:
                break
            if per_article_singles[d.articles[0]] >= MAX_SINGLE_CLAIMS_PER_SOURCE:
                continue
            if singles >= plain_budget and not any(_names_something(items[m].features) for m in d.members):
                continue  # past the plain budget, a lone source's fact says of whom, or how much, or when
            said = text_of(d)
            if d.dispute is None and (not said.endswith(_SENTENCE_ENDS) or commentary(said) or (
                    (speculation(said) or _CONDITIONAL.match(said) or judged(said)) and not _attributed(said))
                    or _overtaken(d, said, items, published, newest) or _SUPERSEDED.search(said)):
                continue  # (asked here, of the drafts the page reaches, not of every draft)
        if d.dispute is None and len(d.members) > 1:  # (a disputed claim's text gives the majority value)
            d.text = _signed_text(d, items, infos, cue_of, uncontested, text_of(d))
        # (a lone outlet's line naming its speaker by a surname the page has not introduced is not
        # shown; a corroborated claim keeps its clearest sentence: its other outlets' may tell less)
        text = _shown_text(d, items, infos, cue_of, text_of, shown, used,
                           introduced_signable if single else signable, minority)
        if text is None or (d.dispute is None and _open_question(text) == "cause" and cause_named()):
            continue  # (what the story did not know yet, where two of its lines name the cause since)
        if main_done and d.dispute is None and _still_to_come(text, main_done):
            # the story's event told as still to come, where the page's first claim tells it done: the
            # sentence without that clause, else another of the claim's sentences, tells its fact
            cut = _without_plan(text, main_done)
            if cut is not None and len(cut.split()) >= MIN_STATEMENT_WORDS and signable(cut):
                d.told_by, d.text, text = _told_at(d, text, items), cut, cut
            else:
                text = _shown_text(d, items, infos, cue_of, text_of, shown | {text}, used,
                                   lambda t: signable(t) and not _still_to_come(t, main_done), minority)
            if text is None:
                continue
        if d.dispute is None and tolls.stale(text):
            earlier.append(i)
            continue
        plain = _unlabelled(text if single else _unjudged(text, judgement, signable), signable)
        if plain != text:  # (the sentence is told: the text is cut from it, as _cut cuts; a lone
            # outlet's colour is judged whole above)
            d.told_by = _told_at(d, text, items)
            shown.add(text)
            d.text = text = plain
        telling = _Telling.of(d, text, items, story_words) if d.dispute is None else None
        told_keys = telling.keys() if telling is not None else frozenset()
        home = next((j for j in sorted({j for t in told_keys for j in telling_of.get(t, ())})
                     if telling.retells(tellings[j], single)), None) if telling is not None else None
        if home is not None:  # one fact told once: its sources join the claim shown, with the better-backed text
            _fold_into(drafts[home], d, items, infos, signable)
            tellings[home] = _Telling.of(drafts[home], text_of(drafts[home]), items, story_words)
            for t in tellings[home].keys():
                telling_of.setdefault(t, []).append(home)
            used.update(items[m].sentence.text for m in d.members)
            shown.update((text, *((items[d.told_by].sentence.text,) if d.told_by is not None else ())))
            continue
        if telling is not None:
            tellings[i] = telling
            for t in told_keys:
                telling_of.setdefault(t, []).append(i)
        shown.add(text)
        speakers.show(text)
        tolls.show(text)
        if d.told_by is not None:
            shown.add(items[d.told_by].sentence.text)  # (a text cut from a sentence: that sentence is told)
        at = _told_at(d, text, items)
        inner.told.update(_stems_of(text, items[at if at is not None else d.members[0]]))
        used.update(items[m].sentence.text for m in d.members)
        if single:
            per_article_singles[d.articles[0]] += 1
            singles += 1
        else:
            # (ranked with the rest: pushed where their support puts them)
            for fact in inner.facts(d, text) + _absorbed(d, text, items, inner):
                drafts.append(fact)
                first = items[fact.members[0]].sentence
                weight = max(importance.centralities([items[m].features.stems for m in fact.members], weights))
                heapq.heappush(scored, (-len({keys[a] for a in fact.articles}), -weight, (first.article, first.index),
                                        len(drafts) - 1))
        if not ranked and telling is not None and not _PLANNED.search(text):
            main_done = telling.predicates
        ranked.append(i)
    claims = []
    for n, i in enumerate(ranked, 1):
        claims.append(_claim(f"c{n}", drafts[i], text_of(drafts[i]), items, disputes, keys, outlets, source_ids,
                             config, cue_of))
    counts = [(_claim(f"t{n}", drafts[i], text_of(drafts[i]), items, disputes, keys, outlets, source_ids, config,
                      cue_of), i) for n, i in enumerate(earlier, 1)]
    return claims, ranked, counts


class _Telling(NamedTuple):
    """What a shown claim's text tells, for finding the same fact told again by a later claim."""

    terms: frozenset[str]  # its words, less its attribution (support.terms) and the story's own
    predicates: frozenset[str]  # the news predicates among them ("found guilty" and "convicted" are one)
    names: frozenset[str]  # whom and what it names, less the story's own
    particulars: tuple[tuple[str, object], ...]  # its figures and days, with their words
    text: str
    progress: bool  # it tells a stage of a process still under way (hedges.PROGRESS_CUES)
    records: frozenset[tuple[str, str]] = frozenset()  # each record it tells: (ordinal or superlative, its noun)
    open: str = ""  # what it says is not known yet ("cause"), if it says so (see _open_question)
    defines: str = ""  # the term it defines, if it is a definition ("an implosion happens when ...")
    negated: bool = False  # it denies what it says (support.negated), read once per telling
    own: frozenset[str] = frozenset()  # the story's own words among its words
    lone: bool = False  # one outlet tells it

    @classmethod
    def of(cls, d: Draft, text: str, items: list[Item], common: frozenset[str]) -> _Telling:
        """``common``: the story's own words, which say nothing of which fact a text tells."""
        at = _told_at(d, text, items)
        at = at if at is not None else d.members[0]
        terms = support.terms(items[at])
        return cls(terms - common, terms & support.predicate_concepts(),
                   items[at].features.names - common - _CALENDAR_WORDS,
                   tuple(p for p in _written_particulars(items[at]) if p[0] in text), text, _in_progress(text),
                   records=_records(text, _stems_of(text, items[at])), defines=_defined(text), open=_open_question(text),
                   negated=not terms <= common and support.negated(text),  # (weighed only where it has terms)
                   own=terms & common, lone=len(d.articles) == 1)

    def keys(self) -> frozenset[str]:
        """What a later telling of the same fact is looked up by: its words, news predicates, records,
        the term it defines and what it says is not known yet."""
        return self.terms | self.predicates | frozenset(" ".join(r) for r in self.records) | (
            {f"= {self.defines}"} if self.defines else frozenset()) | ({f"? {self.open}"} if self.open else frozenset())

    def retells(self, other: _Telling, single: bool) -> bool:
        """This text tells ``other``'s fact again: a process under way ("experts are evaluating the
        information") with half the particular words of a claim that is not; or the same polarity, hardly a figure ``other`` does
        not give (RETOLD_FIGURES of them given; a lone outlet's day aside: its own slip or detail of
        the same event), and either figures in common with the same news predicate or half the
        particular words of the shorter, or the same news predicate with half the particular words
        (a retelling without figures); two lone outlets' lines with neither news predicate nor
        figure, half of whose words (the story's own counted) are in common, three of them the
        story's and one not. Whatever their words: the same thing said to be not known yet
        ("the cause"), the same term defined, the same record told with no figure or day against it."""
        if self.open and self.open == other.open and self.names <= other.terms | other.names:
            return True  # (the cause not known yet, told again: "not yet determined" or "under investigation")
        if not self.terms or not other.terms or self.negated != other.negated:
            return False
        if self.defines and self.defines == other.defines:
            return True  # (a term is defined once on a page: the second definition's source joins the first)
        figures = [v for _w, v in self.particulars if isinstance(v, frames.Statement) or not single]
        given = sum(1 for v in figures if any(_same_particular(v, o) or _same_particular(o, v)
                                              for _w, o in other.particulars))
        common = len(self.terms & other.terms)
        if not self.records.isdisjoint(other.records) and (not (self.particulars and other.particulars) or any(
                _same_particular(v, o) or _same_particular(o, v)
                for _w, v in self.particulars for _w2, o in other.particulars)):
            return True  # (a record is set once: "the first chipmaker to reach" it, told again, with
            # a figure of the other's or where one of them gives none: the fold keeps the text more
            # of the lines back; two records of different days or figures are two events)
        if given < RETOLD_FIGURES * len(figures):
            return False
        alike = common >= RETOLD_MIN_WORDS and common >= RETOLD_WORDS * min(len(self.terms), len(other.terms))
        if self.progress and not other.progress and alike:
            return True  # (a process under way, where the page tells what it found: a stale line)
        same_predicate = not self.predicates.isdisjoint(other.predicates)
        if given:  # (the same figure and the same news predicate about no one else: "convicted on
            # all seven charges" and "found guilty on seven counts")
            return alike or (same_predicate and self.names <= other.terms | other.names)
        if same_predicate:
            return alike
        # two lone outlets' lines naming no news predicate or figure ("officials said it is safe for
        # residents to go home"; a lone outlet's day is its detail): one fact, in the story's own words
        return single and other.lone and common > 0 and not (self.predicates or other.predicates) and not any(
            isinstance(v, frames.Statement) for _w, v in (*self.particulars, *other.particulars)) and \
            self._alike_with_story_words(other, common)

    def _alike_with_story_words(self, other: _Telling, common: int) -> bool:
        """Half the words of the shorter in common, the story's own words counted too, and
        RETOLD_MIN_WORDS of those: a fact told in the story's words is told by several of them."""
        own = len(self.own & other.own)
        size = min(len(self.terms) + len(self.own), len(other.terms) + len(other.own))
        return own >= RETOLD_MIN_WORDS and common + own >= RETOLD_WORDS * size


def _in_progress(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in _PROGRESS_WORDS) and _PROGRESS.search(text) is not None


def _told_at(d: Draft, text: str, items: list[Item]) -> int | None:
    """The member a claim's text is told from: its ``told_by``, else the member whose sentence the
    text is (None when the text is no member's whole sentence)."""
    return d.told_by if d.told_by is not None else next((m for m in d.members if items[m].sentence.text == text), None)


def _stems_of(text: str, item: Item) -> tuple[str, ...]:
    """content_stems(text), read from the features of ``item`` when the text is its sentence (most are)."""
    return item.features.stems if item.sentence.text == text else content_stems(text)


def _records(text: str, stems: tuple[str, ...] | None = None) -> frozenset[tuple[str, str]]:
    """The records a text tells, each as its ordinal or superlative and the word after it ("the
    first-ever chipmaker" and "the first chipmaker company" tell ("first", "chipmaker")).
    ``stems``: the text's content stems, when the caller has them."""
    stems = content_stems(text) if stems is None else stems
    heads = list(map(_record_head, stems))
    if not any(heads):
        return frozenset()  # (most texts tell none)
    return frozenset((heads[k], stems[k + 1]) for k in range(len(stems) - 1)
                     if heads[k] and stems[k + 1] not in _TIME_STEMS)


@lru_cache(maxsize=1 << 14)  # pure function of one word
def _record_head(stem: str) -> str:
    """The stem's first part ("first" of "first-ever") when that is an ordinal or a superlative, else ""."""
    head = stem.split("-")[0]
    return head if support._record_word(head) else ""


# what a time is counted in: "last week", "first quarter" are times, not records
_TIME_STEMS = frozenset(content_stems("day days week weeks month months quarter quarters year years time times "
                                      "hour hours minute minutes few"))


def _defined(text: str) -> str:
    """The term a sentence defines ("A catastrophic implosion happens when a vessel ...", "An
    underwater implosion refers to ..."): the last word of a subject of at most four words opened
    by an article, before a defining verb; "" for any other sentence."""
    match = _DEFINITION.match(text)
    return match.group(1).lower() if match else ""


_DEFINITION = re.compile(r"\A(?:An?|The)\s(?:[\w-]+\s){0,3}?([A-Za-z][\w-]*)\s(?:happens\swhen|occurs\swhen|refers\sto|"
                         r"is\sdefined\sas|is\swhen)\b")


def _open_question(text: str) -> str:
    """The noun of what a sentence says is not known yet ("Investigators have not yet determined
    the cause of the collapse": "cause"), or ""."""
    lowered = text.lower()
    if not any(n in lowered for n in OPEN_QUESTION_NOUNS) or not _OPEN_CUES.search(text):
        return ""  # (the nouns first: a cheap test that rules out most sentences)
    match = _OPEN_NOUNS.search(text)
    return match.group(0).lower().rstrip("s") if match else ""



RETOLD_WORDS = 0.5  # the share of the shorter text's words two tellings of one fact have in common
RETOLD_MIN_WORDS = 3  # and at least this many (two short texts share a word or two by chance)
RETOLD_FIGURES = 0.6  # the share of a retelling's figures the claim told gives ("1 hour" may be "one hour")


def _fold_into(home: Draft, d: Draft, items: list[Item], infos: list[SourceInfo],
               is_statement: Callable[[str], bool]) -> None:
    """``d`` tells ``home``'s fact again: its sentences join ``home``, whose text becomes the one of
    the two that more of their lines give every figure and day of (then: fewer figures and days
    most of them do not give; then the first), cut as :func:`_cut` does."""
    texts = [(home.text, home.told_by), (d.text, d.told_by)]
    home.members = sorted({*home.members, *d.members},
                          key=lambda m: (items[m].sentence.article, items[m].sentence.index))
    home.articles = sorted({items[m].sentence.article for m in home.members})
    particulars = _Particulars.of(home, items, infos)

    def backing(text: str | None, told_by: int | None) -> tuple[int, int]:
        at = told_by if told_by is not None else next((m for m in home.members if items[m].sentence.text == text), None)
        if at is None or not text:
            return (0, 0)
        k = home.members.index(at)
        return (len(particulars.holders(k, text)), -len(particulars.unbacked(k, text)))

    best = max(range(2), key=lambda n: (backing(*texts[n]), -n))
    home.text, home.told_by = texts[best]
    if home.told_by is not None and home.text == items[home.told_by].sentence.text:
        home.text = _cut(home, particulars, home.members.index(home.told_by), home.text, is_statement)


# a sentence that opens on a condition ("Even if the hull held, there would be ..."): what would
# happen, not what did
_CONDITIONAL = re.compile(r"(?:even\s+)?(?:if|unless|should|were|had)\s", re.IGNORECASE)


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + phrase_alternation(cues) + r")\b", re.IGNORECASE)


_PENDING, _PROGRESS, _PLANNED = _cue_pattern(PENDING_CUES), _cue_pattern(PROGRESS_CUES), _cue_pattern(PLAN_CUES)
_SUPERSEDED = _cue_pattern(SUPERSEDED_CUES)
_PLANNED_OR_AIMED = _cue_pattern((*PLAN_CUES, *AIM_CUES))
_PROGRESS_WORDS = frozenset(max(c.lower().split(), key=len) for c in PROGRESS_CUES)  # (a cheap test before the pattern)


def _still_to_come(text: str, predicates: frozenset[str]) -> bool:
    """The text tells one of ``predicates`` as a plan: in the words right after a plan cue ("will
    reopen", "is scheduled to reopen"; not "the toll is expected to rise", whose plan is the rise,
    nor "the reopening will make the bridge the oldest in use")."""
    return next(_plans_of(text, predicates), None) is not None


def _plans_of(text: str, predicates: frozenset[str]) -> Iterator[re.Match[str]]:
    """The plan cues of the text followed, within PLAN_REACH words, by one of ``predicates``."""
    for m in _PLANNED_OR_AIMED.finditer(text):
        # ("the goal is for the crew, after a week of tests, to land": what is planned follows the next "to")
        start = text.find(" to ", m.end()) + len(" to ") if m.group().endswith(" for") else m.end()
        if start >= m.end() and not support.predicates_in(" ".join(text[start:].split()[:PLAN_REACH])).isdisjoint(predicates):
            yield m


PLAN_REACH = 3  # words after a plan cue read for what is planned


def _without_plan(text: str, predicates: frozenset[str]) -> str | None:
    """The text without a last clause joined by "and" that plans one of ``predicates`` ("The span
    was repaired in May and is expected to reopen on June 9": "The span was repaired in May."),
    or None when the plan is not such a clause."""
    m = next(_plans_of(text, predicates), None)
    if m is None:
        return None
    joint = text.rfind(" and ", 0, m.start())
    if joint < 0 or _CLAUSE_BREAK.search(text, joint + 5, m.start()):
        return None  # (the plan is the sentence's own clause, or "and" joins something else)
    return text[:joint].rstrip(" ,;") + "."


_CLAUSE_BREAK = re.compile(r"[,;:“”\"(]")  # (between "and" and the cue: another clause or a quotation)


def _overtaken(d: Draft, text: str, items: list[Item], published: list[datetime | None], newest: date | None) -> bool:
    """A lone source's report of what is still to come, which the story has overtaken: undated
    and pending ("the Coast Guard is scheduled to hold a briefing", "has yet to confirm"), or
    placed ahead of its writer ("will", "has until") with every date it gives already past by the
    story's newest report (the plan's day has come, or the year is a slip: "has until February 1,
    2023" in a report of November 2023)."""
    if not _PLANNED.search(text):
        return False
    days = []
    for m in d.members:
        if items[m].sentence.text != text:
            continue
        article = items[m].sentence.article
        # (an undated article's day is read here with no story day: not the merge's reading of it)
        found = frames.dates_of(m, items[m], published[article], None) if published[article] is not None \
            else frames.date_statements(m, article, text, frozenset(), None)
        for st in found:
            if st.year is not None and st.month_day:
                try:
                    days.append(date(st.year, *st.month_day))
                except ValueError:  # (February 29 of a year without one)
                    continue
    if not days:
        return _PENDING.search(text) is not None
    return newest is not None and max(days) < newest


class _InnerFacts:
    """Facts a claim's sentences tell besides the claim's own text: the sentences of two lines of
    reporting or more that share a pair of words (or a figure) the claim's text does not hold,
    words not of the story's own (used by most of its lines). A sentence may state two facts, and
    grouping keeps it with one of them: the other would be lost ("the first chipmaker to reach $1
    trillion" inside "Nvidia reached $1 trillion"). Each fact is a claim of those sentences."""

    def __init__(self, items: list[Item], keys: list[str], infos: list[SourceInfo],
                 cue_of: Callable[[str], str | None], drafts: list[Draft] | None = None) -> None:
        self.items, self.keys, self.infos, self.cue_of = items, keys, infos, cue_of
        self.drafts = list(drafts or ())  # the claims the facts could repeat (see _elsewhere)
        self._holding: dict[int, list[int]] | None = None
        self.seen: set[frozenset[int]] = set()
        self.turned: set[int] = set()  # the sentences of the reversals read so far (see _absorbed)
        self.told: set[str] = set()  # the words of the claims shown so far
        self._common: frozenset[str] | None = None
        self._common_days: frozenset[str] | None = None  # common() and the calendar's words

    def common(self) -> frozenset[str]:
        """The story's own words: used by INNER_STORY_SHARE of its lines (three lines at least)."""
        if self._common is None:
            by_line: dict[str, set[str]] = defaultdict(set)
            for it in self.items:
                by_line[self.keys[it.sentence.article]].update(it.features.stems)
            spread = Counter(t for words in by_line.values() for t in words)
            lines = len(by_line)
            self._common = frozenset(t for t, n in spread.items() if lines >= 3 and n >= INNER_STORY_SHARE * lines)
        return self._common

    def facts(self, d: Draft, text: str) -> list[Draft]:
        items, keys = self.items, self.keys
        if len({keys[a] for a in d.articles}) < INNER_MIN_LINES:
            return []
        others = [m for m in d.members if items[m].sentence.text != text and items[m].sentence.whole != text]
        if len({keys[items[m].sentence.article] for m in others}) < 2 or roles.stated(text):
            return []  # (a role's other sentences name the person in passing: their facts are their own claims')
        if self._common_days is None:
            self._common_days = self.common() | _CALENDAR_STEMS
        common, told = self._common_days, self.told  # (subtracted one after the other: no union of both per claim)
        told_figures = [n for m in d.members if items[m].sentence.text == text for n in items[m].features.numbers]
        holding: dict[tuple[str, ...], list[int]] = defaultdict(list)
        told_values = {round(t.value, 6) for t in told_figures}
        for m in others:
            features = items[m].features
            for value in {round(n.value, 6) for n in features.numbers} - told_values:
                holding[(f"#{value}",)].append(m)
            names = features.names - common - told
            if not names:
                continue
            # a pair of words one of which names someone or something: two sentences sharing only
            # common words ("convicted", "criminal counts") tell the claim's own fact in other words
            words = sorted(set(features.stems).difference(common, told), key=lambda w: (w not in names, w))[:INNER_WORDS]
            for a in names.intersection(words):
                for b in words:
                    if b != a and not (b in names and b < a):  # (each pair of names once)
                        holding[(a, b) if a < b else (b, a)].append(m)
        found: list[Draft] = []
        taken: set[int] = set()
        def lines(members: list[int]) -> int:
            return len({keys[items[m].sentence.article] for m in members})

        shared = [(key, members) for key, members in holding.items() if len(members) > 1]  # (most keys: one sentence)
        for key, members in sorted(shared, key=lambda kv: (-lines(kv[1]), kv[0])):
            if lines(members) < 2 or len(found) == INNER_FACTS:
                break  # (in order of lines: the rest are one line's)
            members = [m for m in members if m not in taken]
            if lines(members) < 2 or frozenset(members) in self.seen:
                continue
            articles = sorted({items[m].sentence.article for m in members})
            self.seen.add(frozenset(members))
            taken.update(members)
            fact = Draft(members, articles)
            if not self._restates(fact, text, common) and not self._elsewhere(fact, d, common):
                found.append(fact)
        return found

    def _elsewhere(self, fact: Draft, parent: Draft, common: frozenset[str]) -> bool:
        """Another claim of at least as many lines holds half the fact's sentences and its text
        tells a record and restates the fact (as in :meth:`_restates`): support.OwnFacts kept that
        record apart from the parent, and it is not told twice. (Any other claim restating a
        quarter of the fact's words may leave out what makes it a fact: "a sound consistent with
        an implosion was heard" does not say the Navy's acoustic data found it.)"""
        if self._holding is None:
            self._holding = defaultdict(list)
            for k, other in enumerate(self.drafts):
                if len(other.articles) > 1:
                    for m in other.members:
                        self._holding[m].append(k)
        lines = len({self.keys[a] for a in fact.articles})
        held = Counter(k for m in fact.members for k in self._holding.get(m, ()))
        for k, n in sorted(held.items()):
            other = self.drafts[k]
            if 2 * n < len(fact.members) or other is parent or len({self.keys[a] for a in other.articles}) < lines:
                continue
            told = other.text or _representative(other, self.items, self.infos, self.cue_of)
            if support.tells_record(told) and self._restates(fact, told, common):
                return True
        return False

    def _restates(self, fact: Draft, text: str, common: frozenset[str]) -> bool:
        """INNER_RESTATED of the fact's words (its text's, less the story's own) are the claim's:
        the claim's fact told again (a count updated, an announcement in other words)."""
        fact.text = fact.text or _representative(fact, self.items, self.infos, self.cue_of)
        mine = set(content_stems(fact.text)) - common
        return len(mine & set(content_stems(text))) >= INNER_RESTATED * len(mine)


INNER_RESTATED = 0.25  # this share of a fact's words in its claim's text: the claim's own fact again
INNER_STORY_SHARE = 0.8  # a word this share of the story's lines use is the story's own, no particular fact
INNER_WORDS = 12  # words of a sentence read for the pairs it shares (names first, then in sorted order)
INNER_FACTS = 2  # facts read from one claim's other sentences
INNER_MIN_LINES = 3  # a claim of fewer lines holds too few other sentences for two lines to share a fact


def _absorbed(d: Draft, text: str, items: list[Item], inner: _InnerFacts) -> list[Draft]:
    """Facts a claim's sentences tell that its text does not, however few lines tell them, each
    ranked with the rest (a lone outlet's is shown only where a single-source claim would be):
    the sentences saying the claim's state held only for a while or was undone (hedges.REVERSAL_CUES:
    "briefly reached", "closed just below"), as one claim, when the claim's text says no such
    thing; and a sentence giving a figure of the kind the text gives (its unit) that no other
    sentence of the claim gives, beside a name the page has not told (a rival's value beside the
    story's: "its closest competitor, valued at about $500 billion"), as a claim of its own."""
    others = [m for m in d.members if items[m].sentence.text != text and items[m].sentence.whole != text]
    found = []
    turned = [m for m in others if m not in inner.turned and _reverses(items[m])]
    if turned and not _REVERSAL.search(text):
        inner.turned.update(turned)  # (a sentence in two claims' members tells its reversal once)
        found.append(Draft(turned, sorted({items[m].sentence.article for m in turned})))
    if d.dispute is not None:
        return found  # (a disputed claim's other figures are its rival values, shown in the dispute)
    units = {n.unit for m in d.members if items[m].sentence.text == text for n in items[m].features.numbers}
    if not units:
        return found
    figures = [(n.unit, n.value) for m in d.members for n in items[m].features.numbers]
    for m in others:
        sentence, features = items[m].sentence, items[m].features
        beside = [n for n in features.numbers if n.unit in units and _alone(n, figures)]
        if not beside or m in inner.turned or frozenset([m]) in inner.seen:
            continue
        new_names = features.names.difference(inner.told, inner.common())
        if any(_named_before(sentence.text, n.text, new_names) for n in beside):
            inner.seen.add(frozenset([m]))
            found.append(Draft([m], [sentence.article]))
    return found


def _alone(n: NumberMention, figures: list[tuple[str, float]]) -> bool:
    """No other sentence of the claim gives this figure or one within rounding of it."""
    return sum(1 for unit, value in figures if unit == n.unit
               and abs(value - n.value) <= ABSORBED_ROUNDING * max(abs(value), abs(n.value))) == 1


def _named_before(text: str, figure: str, names: frozenset[str]) -> bool:
    """One of ``names`` is written among the ABSORBED_NAME_WINDOW words before the figure: what the
    figure is of ("its closest competitor, Acme Ltd, valued at about $500 billion")."""
    at = text.find(figure)
    words = text[:at].split()[-ABSORBED_NAME_WINDOW:] if at >= 0 else []
    return any(w[:1].isupper() and _name_key(w.strip(",;:()“”\"'")) in names for w in words)


ABSORBED_ROUNDING = 0.05  # figures this close (relatively) are one figure told twice ("488 metres", "490 metres")
ABSORBED_NAME_WINDOW = 10  # words before a figure read for the name it is of


_REVERSAL = _cue_pattern(REVERSAL_CUES)
_REVERSAL_STEMS = frozenset(content_stems(" ".join(REVERSAL_CUES)))  # (a cheap test before the pattern)


def _reverses(item: Item) -> bool:
    return not _REVERSAL_STEMS.isdisjoint(item.features.stems) and _REVERSAL.search(item.sentence.text) is not None


_OPEN_CUES = _cue_pattern(OPEN_QUESTION_CUES)
_OPEN_NOUNS = _cue_pattern(OPEN_QUESTION_NOUNS)


def _names_something(features: Features) -> bool:
    """The sentence names someone or something, or gives a figure or a date: a fact of the
    story, not a general remark ("firms tend to keep tight control of their software")."""
    return bool(features.names or features.numbers or features.dates)


def _attributed(text: str) -> bool:
    """The sentence says who states it ("could reach $7 billion, the analysts said"): a modal in it
    is that speaker's estimate, reported as such, not the writer's speculation."""
    return not frames.ATTRIBUTION_VERBS.isdisjoint(w.strip(".,;:“”\"'").lower() for w in text.split())


class _Tolls:
    """The story's death toll: the first the page shows (its best-backed claims come first; a toll
    of another event, "the great flood of 1903 drowned 2,000", ranks below). A claim's text giving a
    lower toll of the same order (not "one more death") is an earlier day's count, however many
    outlets gave it: the page's toll overtakes it, and the timeline tells it as a step."""

    def __init__(self, reading: Reading | None = None) -> None:
        self.toll = 0.0  # (0: no toll shown yet)
        self.reading = reading  # (the merge's: a claim's text is mostly a sentence whose figures it holds)

    def show(self, text: str) -> None:
        if not self.toll:
            self.toll = max(self._of(text), default=0.0)

    def stale(self, text: str) -> bool:
        tolls = self._of(text) if self.toll else []
        return bool(tolls) and all(TOLL_FLOOR * self.toll <= toll < self.toll for toll in tolls)

    def _of(self, text: str) -> list[float]:
        return frames.death_tolls(text, self.reading)


TOLL_FLOOR = 0.3  # a toll below this share of the page's is another count (an increment, one place's dead)


class _Speakers:
    """Whom a page has introduced. The story writes a person's full name somewhere ("City
    engineer Hermann Lotz"); a text naming its speaker by the surname alone ("…,” Lotz said)
    leans on a sentence the page does not show, unless a claim shown before it wrote the full name."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._written_in_full: set[str] | None = None  # (read when a text first names a speaker so)
        self.introduced: set[str] = set()

    def unintroduced(self, text: str) -> bool:
        """A speaker of the text is named by a surname alone the page has not introduced."""
        bare = [name for name in _bare_speakers(text) if name not in self.introduced]
        if not bare:
            return False
        if self._written_in_full is None:
            self._written_in_full = {m.group(2) for text in self.texts if " " in text
                                     for m in _FULL_NAME.finditer(text) if m.group(1).lower() not in STOPWORDS}
        return any(name in self._written_in_full for name in bare)

    def show(self, text: str) -> None:
        self.introduced.update(m.group(2) for m in _FULL_NAME.finditer(text))


# two capitalised words in a row, read at every word (overlapping: "Engineer Hermann Lotz" gives both
# pairs); a word is tried only where one starts and read once (possessive), so a megabyte of
# "Ab-Ab-Ab…" is read in one pass
_NAME_WORD = r"(?<![\w'’-])[A-Z][a-z][\w'’-]*+"
_FULL_NAME = re.compile(r"(?=(" + _NAME_WORD + r")\s++(" + _NAME_WORD + r"))")
_SPEAKER_BEFORE = re.compile("(" + _NAME_WORD + r")(?:\s++(?:and|&)\s++(" + _NAME_WORD + r"))?\s++"
                             r"(?:said|says|wrote|writes|told|tweeted|added|noted|explained|stated)\b")
_SPEAKER_AFTER = re.compile(r"\b(?:said|says|wrote|added|noted|explained)\s++(" + _NAME_WORD + r")\s*+[.,]")
_SPEAKER_LABEL = re.compile("(" + _NAME_WORD + r"):\s")  # a live page's note: "Lotz: the beam ..."


def _bare_speakers(text: str) -> list[str]:
    """The words naming a speaker of the text by one capitalised word, with no capitalised word
    before it ("Lotz said", "Lotz and Brandt said", "said Lotz.", "Lotz: ...")."""
    label = _SPEAKER_LABEL.match(text)
    found = [label.group(1)] if label else []
    for match in _SPEAKER_BEFORE.finditer(text):
        before = text[:match.start()].split()
        if not before or not before[-1][:1].isupper() or before[-1][-1:] in ",;:”\"":
            found += [w for w in match.groups() if w]
    for match in _SPEAKER_AFTER.finditer(text):
        found.append(match.group(1))
    return found


def _minority_quotes(disputes: list[DisputeDraft]) -> set[str]:
    """The sentences giving a value its dispute marks as fewer lines' than its likely one."""
    return {v.quote for dispute in disputes if dispute.likely for v in dispute.values
            if v.value != dispute.likely and v.quote}


def _shown_text(d: Draft, items: list[Item], infos: list[SourceInfo], cue_of: Callable[[str], str | None],
                text_of: Callable[[Draft], str], shown: set[str], used: set[str],
                is_statement: Callable[[str], bool], minority: set[str]) -> str | None:
    """The draft's text if it is a news statement not shown yet and gives no value its dispute
    marks as fewer lines' (``minority``: such a sentence is shown in the dispute, with its outlets);
    else the clearest of its sentences that no claim shown holds and gives no such value (two facts
    told by the same sentences show them once; a second fact with a sentence of its own keeps that
    one); None when no sentence is left. A disputed draft keeps its text, which gives the majority
    value of its own dispute, unless that text gives another dispute's minority value."""
    text = text_of(d)
    if text not in shown and text not in minority and is_statement(text):
        return text
    if len(d.members) == 1 or (d.dispute is not None and text not in minority):
        return None
    rest = {m for m in d.members if items[m].sentence.text not in used and items[m].sentence.text not in minority}
    text = _signed_among(d, items, infos, cue_of, is_statement, _Particulars.of(d, items, infos), rest,
                         is_statement) if rest else ""  # (the statement test asked from the clearest down)
    if not text:
        return None
    d.text = text
    return d.text


def _hedging(d: Draft, items: list[Item], cue_of: Callable[[str], str | None]) -> tuple[set[int], str | None]:
    """The articles whose sentences for the draft hedge or attribute it, and the first such cue
    (worked out only for the drafts that become claims)."""
    hedged_articles: set[int] = set()
    first_cue = None
    for m in d.members:
        sentence = items[m].sentence
        cue = cue_of(sentence.text)
        if cue or sentence.inline_sources:
            hedged_articles.add(sentence.article)
            first_cue = first_cue or cue or "Source: " + sentence.inline_sources[0]
    return hedged_articles, first_cue


def _claim(claim_id: str, d: Draft, text: str, items: list[Item], disputes: list[DisputeDraft], keys: list[str],
           outlets: list[str], source_ids: list[str], config: Config, cue_of: Callable[[str], str | None]) -> Claim:
    hedged_articles, cue = _hedging(d, items, cue_of)
    key_outlet: dict[str, str] = {}
    key_hedged: dict[str, bool] = {}
    for a in _backing(d, text, items, keys):
        key_outlet.setdefault(keys[a], outlets[a])
        key_hedged[keys[a]] = key_hedged.get(keys[a], False) or a in hedged_articles
    unhedged = sum(1 for h in key_hedged.values() if not h)
    disputed = d.dispute if d.dispute is not None else _asserted_dispute(text, disputes)
    dispute_about = disputes[disputed].about if disputed is not None else None
    partial = len({keys[a] for a in d.articles} - key_outlet.keys())
    support = badge_rules.Support(tuple(key_outlet.values()), unhedged, cue, dispute_about, partial)
    badge, why = badge_rules.badge(support, config.badges)
    # a source's own words: the whole sentence a statement was cut from, once
    # (deduplicated as (source, text) pairs: a Quote's hash is a Python call, a tuple's is not)
    quotes = tuple(Quote(*q) for q in dict.fromkeys((source_ids[items[m].sentence.article], items[m].sentence.whole
                                                     or items[m].sentence.text) for m in d.members))
    return Claim(id=claim_id, text=text, badge=badge, sources=tuple(source_ids[a] for a in d.articles),
                 independent_sources=len(key_outlet), why=why, hedged=unhedged == 0,
                 dispute=f"d{disputed + 1}" if disputed is not None else None, quotes=quotes)


def _asserted_dispute(text: str, disputes: list[DisputeDraft]) -> int | None:
    """The dispute whose less likely value a claim's own text gives as that side's quote (one
    outlet's slipped date in a sentence shown for another fact it tells): the badge must not
    confirm that value with the support of the other fact."""
    for n, dispute in enumerate(disputes):  # (plain loops: asked of every claim, about every dispute)
        if dispute.likely is not None:
            for v in dispute.values:
                if v.quote == text and v.value != dispute.likely:
                    return n
    return None


def _backing(d: Draft, text: str, items: list[Item], keys: list[str]) -> list[int]:
    """The claim's articles whose lines give every figure and day its text gives: the badge
    counts these only (the others state the fact, not all of what the text says). A disputed
    claim's text gives the majority value, and its badge says so already."""
    told_by = _told_at(d, text, items)
    if d.dispute is not None or told_by is None or len(d.articles) < 3 or not _written_particulars(items[told_by]):
        return d.articles
    lines = [keys[items[m].sentence.article] for m in d.members]
    holders = _Particulars([items[m] for m in d.members], lines).holders(d.members.index(told_by), text)
    return [a for a in d.articles if keys[a] in holders]


def _dispute_objects(disputes: list[DisputeDraft], source_ids: list[str]) -> tuple[Dispute, ...]:
    return tuple(
        Dispute(id=f"d{i + 1}", about=d.about, kind=d.kind,  # type: ignore[arg-type]
                values=tuple(DisputeValue(v.value, tuple(source_ids[a] for a in v.articles), v.quote)
                             for v in d.values), likely=d.likely)
        for i, d in enumerate(disputes))


def _declared_disputes(story_file: StoryFile | None, ordered: list[Article], source_ids: list[str],
                       offset: int) -> tuple[Dispute, ...]:
    """Assertion disputes a curator declares ("audit found defects" vs "no evidence given")."""
    if story_file is None:
        return ()
    return tuple(
        Dispute(id=f"d{offset + n}", about=d.about, kind=d.kind, likely=d.likely,
                values=tuple(DisputeValue(v.value, _resolve_refs(v.sources, ordered, source_ids), v.quote)
                             for v in d.values))
        for n, d in enumerate(story_file.disputes, 1))


def _sources(ordered: list[Article], infos: list[SourceInfo], source_ids: list[str], claims: list[Claim],
             config: Config) -> tuple[Source, ...]:
    out = []
    for i, a in enumerate(ordered):
        info = infos[i]
        sid = source_ids[i]
        synd = source_ids[info.copy_of] if info.copy_of is not None else info.syndicated_from
        configured = config.outlet(a.outlet)
        authority = a.authority if a.authority is not None else (configured.authority if configured else None)
        if authority is None:
            authority = dict(a.ratings).get("authority")
        cites = tuple(dict.fromkeys([*a.cites, *(x.cites for x in info.attributions)]))
        out.append(Source(
            id=sid, article=a.slug, outlet=source_name(a, config), title=a.title, url=a.url,
            published=a.published, role=info.role, author=a.author, syndicated_from=synd, cites=cites,
            authority=authority, claims=tuple(c.id for c in claims if sid in c.sources),
            reposted_by=a.reposted_by))
    return tuple(out)


def _provenance(ordered: list[Article], infos: list[SourceInfo], lines: Lines, source_ids: list[str],
                names: list[str]) -> Provenance:
    attributions = tuple(
        Attribution(source=source_ids[info.index], cites=a.cites, text=a.text)
        for info in infos for a in info.attributions)
    first = lines.root
    if first is None:
        dated = [(a.published, i) for i, a in enumerate(ordered) if a.published and infos[i].copy_of is None]
        if dated:
            first = f"{names[min(dated)[1]]} (earliest dated report; no article names an origin)"
    return Provenance(independent_lines=lines.count, attributions=attributions, first_reported_by=first,
                      anonymous_sourcing=lines.anonymous_root)


def _timeline(claims: list[Claim], drafts: list[Draft], claim_of_draft: list[int], items: list[Item],
              disputes: list[DisputeDraft], ordered: list[Article],
              weights: dict[str, float]) -> tuple[tuple[TimelineEntry, ...], frozenset[str]]:
    """Claims of the story's own event whose own statements are dated, at the date most of them
    give. A date counts only from a sentence stating the claim's text (not from another fact a
    member sentence also holds; of a text cut from a sentence, only a date the text writes), with its written year or the one nearest its article's publish
    date, never a year found elsewhere; a disputed year takes the likely one. A single-source
    date long before the story's first report is background (an earlier mission, a past trial),
    not an event of this story. A plan ("is scheduled to", "will") is superseded by an outcome
    reported for the same day that shares a core word of the story with it (a hearing scheduled
    vs held); a plan left standing says so. Also returned: the ids of the claims told as plans
    whose day had come by the newest report (what happened is told by others)."""
    published = [a.published.date() for a in ordered if a.published]
    background_before = _background_before(ordered)
    newest = max(published).isoformat() if published else ""
    middle = frames.story_day([a.published for a in ordered])
    slipped = _minority_quotes(disputes)
    # (a value of one word, "$34", may be another figure of the text: "an offering price of $34"; a
    # day, the day of another happening)
    slipped_values = [v.value.lower() for dispute in disputes if dispute.likely and dispute.kind != "date"
                      for v in dispute.values if v.value != dispute.likely and len(v.value.split()) > 1]
    overdue: set[str] = set()
    dated: list[tuple[str, Claim, bool, str]] = []  # (date, claim, told as a plan, last reported)
    for claim, di in zip(claims, claim_of_draft):
        d = drafts[di]
        stating = [m for m in d.members if claim.text in (items[m].sentence.text, items[m].sentence.whole)] or (
            [d.told_by] if d.told_by is not None and claim.text.rstrip(".") in items[d.told_by].sentence.text else [])
        # (most claims give no day: asked first, it spares reading the rest for them)
        votes, planned = _day_votes(stating, claim.text, items, ordered, middle)
        if not votes or not _of_the_story(items[stating[0]].features.subject, claim.text, weights):
            continue
        if claim.text in slipped or any(v in claim.text.lower() for v in slipped_values):
            continue  # the sentence is (or gives) the less likely side of a dispute: the timeline does not assert it
        dispute = disputes[d.dispute] if d.dispute is not None else None
        if dispute is not None and dispute.kind == "date" and dispute.likely:
            # a disputed day is told at the likely one; a claim giving only another is its minority's
            votes = Counter({k: v for k, v in votes.items() if _is_likely(k, dispute.likely)})
            if not votes:
                continue
        when = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if claim.independent_sources < 2 and when < background_before:
            continue
        plan = planned * 2 > sum(votes.values())
        outcome = _outcome_of(d, when, items, ordered) if plan else None
        times = [ordered[a].published for a in d.articles]
        reported = max((t.date().isoformat() for t in times if t), default="")
        dated.append((when, replace(claim, text=outcome) if outcome else claim, plan and outcome is None, reported))
        if plan and when <= newest:
            overdue.add(claim.id)
    entries: dict[tuple[str, str], TimelineEntry] = {}
    for when, claim, plan, _reported in dated:
        # an outcome is reported on its day or later: a present-tense "applies from" before it is no outcome
        if plan and any(_same_happening(claim.text, other.text, weights) for day, other, other_plan, reported
                        in dated if day == when and not other_plan and reported >= when):
            continue  # the outcome of that day tells it
        if any(day == when and other_plan == plan and _told_better(other, claim, disputes) and
               _same_step(claim.text, other.text, weights) for day, other, other_plan, _r in dated):
            continue  # one step of the story, told by more outlets in another claim: it is told once
        text = claim.text + _disputed_note(claim, disputes) + (PLANNED_NOTE if plan else "")
        entries.setdefault((when, claim.id), TimelineEntry(when, text, claim.sources))
    return tuple(v for _k, v in sorted(entries.items())), frozenset(overdue)


def _of_the_story(subject: str | None, text: str, weights: dict[str, float]) -> bool:
    """A claim whose sentence opens on a name the story hardly uses (its subject: a rival
    company's debut the day before) and names nothing the story is about tells another event
    than the story's own. A weekday or month opening the sentence is no subject."""
    if subject is None or subject in _CALENDAR_WORDS:
        return True
    if any(weights.get(w, 0.0) >= OTHER_SUBJECT_WEIGHT for w in content_stems(subject)):
        return True
    named = [w for w in text.split()[1:] if w[:1].isupper() and w.lower().strip(".,;:'’s") not in _CALENDAR_WORDS]
    return any(weights.get(w, 0.0) >= importance.LABEL_CORE_WEIGHT for w in content_stems(" ".join(named)))


OTHER_SUBJECT_WEIGHT = 0.3  # a subject weighing less is a name of the story's background (or of another event)


def _day_votes(stating: list[int], text: str, items: list[Item], ordered: list[Article],
               middle: date | None) -> tuple[Counter[str], int]:
    """The days the sentences stating the claim's text (``stating``, item indices) give (an
    undated article's month and day take the year nearest the story's publish dates, never a year
    written elsewhere), and how many of them are told as plans; when they give no day, the months
    they place it in ("in November 2022", "in early October": "YYYY-MM"), never the start or end
    of a span ("since June", "until March"). The day a remark was made is no step of the story."""
    found: list[tuple[frames.Statement, str]] = []
    for m in stating:
        sentence = items[m].sentence
        found += [(st, sentence.text) for st in frames.dates_of(m, items[m], ordered[sentence.article].published,
                                                                middle)]
    days: Counter[str] = Counter()
    if not found:
        return days, 0
    months: Counter[str] = Counter()
    planned = {"day": 0, "month": 0}
    remark = any(q in text for q in '"“”')
    for st, sentence_text in found:
        if st.year is None or not st.month_day or st.negated or (remark and st.role == "said") \
                or _in_relative_clause(st, sentence_text) or st.text not in text:  # (a text cut from the sentence)
            continue
        if st.unit == "date":
            days[f"{st.year:04d}-{st.month_day[0]:02d}-{st.month_day[1]:02d}"] += 1
            planned["day"] += st.modality == "future"
        elif st.unit == "month" and st.text.split()[0].lower() in MONTH_OF_A_STEP:
            months[f"{st.year:04d}-{st.month_day[0]:02d}"] += 1
            planned["month"] += st.modality == "future"
    return (days, planned["day"]) if days else (months, planned["month"])


def _in_relative_clause(st: frames.Statement, sentence: str) -> bool:
    """A day told in a relative clause ("the toll from the fire that erupted Tuesday was 55") is
    the day of the noun's happening, not of what the sentence states: its text would tell
    another fact under that day."""
    hung = frames.hung_on(st, sentence)
    return hung.endswith("…") and not RELATIVE_PRONOUNS.isdisjoint(hung.lower().split()[-RELATIVE_REACH - 1:-1])


RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whose"})
RELATIVE_REACH = 3  # words before the date (its verb between): "that erupted Tuesday", "which began on"

# the words before a month that place a step in it ("in November 2022", "in early October")
MONTH_OF_A_STEP = frozenset({"in", "early", "late", "mid", "mid-", "last", "this"})


def _disputed_note(claim: Claim, disputes: list[DisputeDraft]) -> str:
    """What a timeline entry says of its claim's dispute: the date, or something else it tells."""
    if not claim.dispute:
        return ""
    n = int(claim.dispute.lstrip("d")) - 1 if claim.dispute.lstrip("d").isdigit() else -1
    return " (the date is disputed)" if 0 <= n < len(disputes) and disputes[n].kind == "date" else " (disputed)"


def _is_likely(day: str, likely: str) -> bool:
    """Is the ISO day the one a dispute's likely value shows ("Thursday (March 21, 2024)"; "June 5"
    or "Thursday (June 5)" from outlets that wrote no year and gave no publish date)? (A month is
    no reading of a disputed day.)"""
    if len(day) != len("2000-01-01"):
        return False
    when = date.fromisoformat(day)
    yearless = format_date(DateMention("", when.month, when.day, None, None), None)
    return format_date(DateMention("", when.month, when.day, when.year, None), when.year) in likely \
        or likely == yearless or likely.endswith(f"({yearless})")


def _told_better(other: Claim, claim: Claim, disputes: list[DisputeDraft]) -> bool:
    """``other`` tells a step better than ``claim``: one whose text gives no disputed figure (a
    disputed day is shown at its likely value) first, then by more lines."""
    def rank(c: Claim) -> tuple[bool, int, int]:
        return _disputed_note(c, disputes) != " (disputed)", c.independent_sources, len(c.sources)
    return other is not claim and (*rank(other), claim.id) > (*rank(claim), other.id)


def _same_step(a: str, b: str, weights: dict[str, float]) -> bool:
    """Two claims of one day telling one step of the story: they share a core word of the story
    written in lower case in both (what happened: "trading", "verdict"; not a name every sentence
    of the story holds, nor a weekday or month), or two such words of any weight."""
    shared = (support.lower_case_stems(a) & support.lower_case_stems(b)) - _CALENDAR_STEMS
    return len(shared) >= SAME_STEP_WORDS or any(weights.get(w, 0.0) >= importance.LABEL_CORE_WEIGHT for w in shared)


SAME_STEP_WORDS = 2  # lower-case words two claims of one day share when they tell one step, core or not


def _background_before(ordered: list[Article]) -> str:
    """The ISO day before which a date is background to the story: BACKGROUND_DAYS before its first report."""
    published = [a.published.date() for a in ordered if a.published]
    return (min(published) - timedelta(days=BACKGROUND_DAYS)).isoformat() if published else ""


BACKGROUND_DAYS = 30  # a single-source date this long before the first report is background
PLANNED_NOTE = " (planned)"  # ends the timeline entry of a plan no outcome has superseded


def _outcome_of(d: Draft, when: str, items: list[Item], ordered: list[Article]) -> str | None:
    """A sentence of the claim that states the day as an outcome, not a plan, in a report of that
    day or later (the claim groups the announcement and the report of what happened): the
    timeline tells the outcome."""
    for m in d.members:
        sentence = items[m].sentence
        published = ordered[sentence.article].published
        if published is None or published.date().isoformat() < when:
            continue  # reported before the day: no outcome yet
        for st in frames.dates_of(m, items[m], published, None):
            if st.year is not None and st.month_day and st.modality == "" and \
                    f"{st.year:04d}-{st.month_day[0]:02d}-{st.month_day[1]:02d}" == when:
                return sentence.text
    return None


def _same_happening(plan: str, outcome: str, weights: dict[str, float]) -> bool:
    """A plan and an outcome of one day share a core word of the story (not a weekday or month)."""
    shared = set(content_stems(plan)) & set(content_stems(outcome))
    return any(weights.get(w, 0.0) >= importance.LABEL_CORE_WEIGHT and w not in _CALENDAR_STEMS for w in shared)


_CALENDAR_WORDS = frozenset(
    ("Monday Tuesday Wednesday Thursday Friday Saturday Sunday today yesterday tomorrow "
     "January February March April May June July August September October November December").lower().split())
_CALENDAR_STEMS = frozenset(content_stems(" ".join(_CALENDAR_WORDS)))
_CALENDAR_PATTERN = re.compile(r"\b(?:" + "|".join(sorted(_CALENDAR_WORDS)) + r")\b", re.IGNORECASE)


def _faq(story_file: StoryFile | None, parsed: list[ParsedBody], ordered: list[Article], claims: list[Claim],
         disputes: tuple[Dispute, ...], source_ids: list[str], timeline: tuple[TimelineEntry, ...],
         overdue: frozenset[str], names: frozenset[str], weights: dict[str, float], runs: frozenset[str] | None = None) -> tuple[FaqItem, ...]:
    """Curator questions, the articles' own Q&A about the story (de-duplicated; a pair sharing no
    core word of the story, such as a price widget's, is left out), then the standard questions."""
    curator = [FaqItem(f.question, f.answer, _resolve_refs(f.sources, ordered, source_ids), "curator")
               for f in (story_file.faq if story_file else ())]
    pairs = [(q.question, _annotate(q.answer, disputes, source_ids[q.article]), source_ids[q.article])
             for p in parsed for q in p.faq]
    keys = faq_rules.QuestionKeys()
    article_pairs = [pair for pair in faq_rules.dedupe_questions(pairs, keys)
                     if _of_the_story_faq(keys[pair[0]].split(), pair[1], weights)]
    dated: dict[str, tuple[str, ...]] = defaultdict(tuple)
    planned: dict[str, bool] = {}
    background_before = _background_before(ordered)
    for entry in timeline:
        if entry.date < background_before:
            continue  # a step long before the story's reports (a launch months earlier) is not when it took place
        for c in claims:
            if c.text in entry.text:
                dated[c.text] += (entry.date,)
                planned[c.text] = planned.get(c.text, True) and entry.text.endswith(PLANNED_NOTE)
    views = [faq_rules.ClaimView(c.text, c.sources, c.badge, c.hedged, dated[c.text], c.id in overdue,
                                 planned.get(c.text, False)) for c in claims]
    dispute_lines = [(_dispute_sentence(d), tuple(dict.fromkeys(s for v in d.values for s in v.sources)))
                     for d in disputes]
    standard = faq_rules.generated(views, dispute_lines, "", runs, names)
    return faq_rules.assemble(curator, article_pairs, standard, keys)


def _of_the_story_faq(question: list[str], answer: str, weights: dict[str, float]) -> bool:
    """An article's Q&A pair (its question's stems, its answer) uses core words of the story. (A
    question central enough alone settles it unread: more words never lower a centrality.)"""
    least = importance.MIN_SINGLE_CENTRALITY
    return (importance.centrality(question, weights) >= least
            or importance.centrality([*question, *content_stems(answer)], weights) >= least)


def _annotate(answer: str, disputes: tuple[Dispute, ...], source: str) -> str:
    """An article's FAQ answer that gives a minority value gets a note pointing at the dispute."""
    for d in disputes:
        if d.likely is None:
            continue
        for v in d.values:
            if v.value != d.likely and source in v.sources and _mentions(answer, v.value):
                others = next(x for x in d.values if x.value == d.likely)
                return (f"{answer} (Disputed: {len(others.sources)} other sources give {d.likely}; "
                        f"see what's disputed.)")
    return answer


def _mentions(text: str, value: str) -> bool:
    year = value[-4:]
    return value.lower() in text.lower() or (year.isdigit() and year in text and value.split(",")[0] in text)


def _dispute_sentence(d: Dispute) -> str:
    parts = "; ".join(f"{v.value} ({len(v.sources)} source{'s' if len(v.sources) != 1 else ''})" for v in d.values)
    return f"{d.about}: {parts}." if d.about.endswith(" differ") else f"{d.about} is disputed: {parts}."


def _resolve_refs(refs: tuple[str, ...], ordered: list[Article], source_ids: list[str]) -> tuple[str, ...]:
    out = []
    for ref in refs:
        for i, a in enumerate(ordered):
            if ref == a.slug or (a.outlet and ref.lower() == a.outlet.lower()) or ref == source_ids[i]:
                out.append(source_ids[i])
    return tuple(dict.fromkeys(out))


TITLE_PEERS = 48


def _best_title(ordered: list[Article], infos: list[SourceInfo], claims: list[Claim],
                weights: dict[str, float]) -> str:
    """The headline that names the event: made of the story's core words (importance.py), close to
    the other headlines and to the top claims; originals before copies. A question or an
    explainer's heading ("What is ...?") is never the title while a headline states something;
    a label before a colon ("Live updates: ..."), a token like a code, words to the reader and
    length count against a headline."""
    def stating(i: int) -> bool:
        return not importance.is_question(ordered[i].title)

    originals = [i for i in range(len(ordered)) if infos[i].role not in ("syndicated", "aggregator", "opinion")]
    candidates = ([i for i in originals if stating(i)] or [i for i in range(len(ordered)) if stating(i)]
                  or originals or list(range(len(ordered))))
    top = set(content_stems(" ".join(c.text for c in claims[:3])))

    # a headline is compared with at most TITLE_PEERS others, spread over the canonical order: a story
    # of hundreds of outlets must not compare every pair
    step = max(1, len(ordered) // TITLE_PEERS)
    sample = range(0, len(ordered), step)

    def score(i: int) -> tuple[float, int]:
        title = headline(i)
        peers = [fuzz.token_set_ratio(title, ordered[j].title) for j in sample if j != i]
        closeness = sum(peers) / len(peers) if peers else 0.0
        words = len(title.split())
        unknown = 15 if infos[i].unknown_origin else 0
        stems = content_stems(title)
        core = TITLE_CORE_WEIGHT * importance.mean_weight(stems, weights)
        flaws = TITLE_FLAW * sum((newsworthy.has_identifier(title), newsworthy.commentary(title)))
        return (closeness + 0.5 * _word_share(stems, top) + core - flaws - (20 if words > 16 else 0) - unknown, -i)

    def headline(i: int) -> str:
        return importance.unlabelled(ordered[i].title, weights)

    return headline(max(candidates, key=score))


TITLE_CORE_WEIGHT = 50.0  # the mean core weight of a headline's words (0 to 2) on the 0-100 scale of closeness
TITLE_FLAW = 30.0  # a code-like token ("usd1", a slug's remains), words to the reader: each costs this much


def _word_share(stems: Iterable[str], words: set[str]) -> float:
    """The share (0-100) of a headline's content words (its ``stems``) that the top claims use
    (words, not letters: "five" is no closer to a claim than "4")."""
    mine = set(stems)
    return 100.0 * len(mine & words) / len(mine) if mine else 0.0


def _summary(claims: list[Claim]) -> str:
    picked: list[str] = []
    for claim in claims:
        if len(picked) == 3 or (len(picked) == 2 and len(" ".join(picked)) > 320):
            break
        if all(fuzz.token_set_ratio(claim.text, p) < 70 for p in picked):
            picked.append(claim.text)
    return " ".join(picked)


def _confidence(claims: list[Claim], disputes: tuple[Dispute, ...], lines: Lines, ordered: list[Article],
                infos: list[SourceInfo]) -> Confidence:
    if not claims:
        return Confidence("low", "No claim could be extracted from the sources.")
    top = claims[0]
    reports = len(top.sources)
    if lines.anonymous_root:
        origin = f" (first reported by {lines.root})" if lines.root else ""
        extra, traced = "", reports - len(lines.unknown_origin)
        if lines.unknown_origin:
            n = len(lines.unknown_origin)
            extra = (f" {n} further report{'s' if n > 1 else ''}, of unknown origin, "
                     f"name{'s' if n == 1 else ''} no source at all.")
        return Confidence("low", f"All {traced} reports of the main claim that name their sourcing trace back to "
                                 f"one report citing an unnamed source{origin}; nothing has been independently "
                                 f"confirmed.{extra}")
    if len(ordered) == 1:
        return Confidence("low", "This story rests on a single article; nothing is corroborated yet.")
    if lines.count <= 1:
        return Confidence("low", f"The {reports} reports trace back to a single line of reporting.")
    if top.badge == "confirmed" and not disputes:
        return Confidence("high", f"The main claim is stated without hedging by {top.independent_sources} "
                                  f"independent outlets, across {lines.count} independent lines of reporting.")
    disputed = f"; {len(disputes)} point{'s are' if len(disputes) > 1 else ' is'} disputed" if disputes else ""
    return Confidence("medium", f"{lines.count} independent lines of reporting; the main claim is stated by "
                                f"{top.independent_sources} independent outlets{disputed}.")
