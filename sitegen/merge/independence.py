"""Who copies whom and who cites whom: roles, independence keys, attributions, lines of reporting.

* A syndicated copy (``reposted_by`` / ``syndicated_from`` / near-identical text) collapses into
  its original when the original is in the set: it shares the original's independence key.
* Outlets with the same ``owner`` in config count once.
* Attributions come from ``cites:`` and from the text ("according to Reuters", "Yicai first
  reported", "citing a source familiar with the matter", "Source: Modelora").
* Lines of reporting: every source that attributes its reporting joins the line of whoever it
  attributes it to ("first reported by" wins, since it names the root); a source that names no
  sourcing is its own line, unless it has neither outlet nor date, so nothing shows it is independent.

rapidfuzz is used for the near-identical-text test.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain
from typing import Hashable, Iterable, Mapping, TypeVar

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from ..config import Config
from ..model import Article, Attribution, Role

NEAR_IDENTICAL = 92.0  # rapidfuzz ratio over the bodies' opening; above this one is a copy
AGGREGATOR_MAX_WORDS = 140
ANONYMOUS = "an unnamed source"

# Words taken whole (possessive) and a name starting only where a word starts: linear on long runs
# of capitals or names (see sitegen.ingest.metadata.NAME)
_NAME = r"(?P<who>(?<![\w.&'’-])[A-Z][\w.&'’-]*+(?:\s+(?:[A-Z][\w.&'’-]*+|of|de|and)){0,4})"
_ANON = (r"(?P<anon>(?:an?\s+|the\s+)?(?:unnamed\s+|anonymous\s+|single\s+)?(?:sources?|people|persons?|insiders?)"
         r"(?:\s+(?:familiar|close|with knowledge)[\w\s]{0,30})?)")
_ATTRIBUTION_PATTERNS = (
    re.compile(r"\baccording to (?:reporting attributed to |(?:a |the )?reports? (?:by|from|in) |the original )?"
               + _NAME),
    re.compile(r"\b(?:first reported by|reported first by|as reported by|originally reported by|citing)\s+"
               r"(?:(?:Chinese\s+)?(?:financial\s+)?(?:news\s+)?(?:outlet|agency|newspaper)\s+)?" + _NAME),
    re.compile(_NAME + r"\s+(?:first reported|was first to report|reported first|originally reported)"),
    re.compile(r"\b(?:according to|citing|told)\s+" + _ANON, re.IGNORECASE),
)
_FIRST_REPORTED = re.compile(
    r"(?:first reported by|originally reported by)\s+(?:(?:\w++\s+){0,4}?(?:outlet|agency|newspaper)\s+)?"
    + _NAME + "|" + _NAME.replace("who", "who2") + r"\s+(?:first reported|was first to report|originally reported)")
# Literals each match of the pattern at the same position holds (the last pattern ignores case,
# so its keys are looked for in lower-cased ASCII text). A text with none of them is not searched:
# the patterns that start with a name are tried at every capital letter of a whole article.
_ATTRIBUTION_KEYS: tuple[tuple[str, ...], ...] = (
    ("according to ",),
    ("reported by", "reported first by", "citing"),
    ("first reported", "first to report", "reported first", "originally reported"),
    ("according", "citing", "told"),
)
_FIRST_REPORTED_KEYS: tuple[str, ...] = ("first reported", "originally reported", "first to report")
_ATTRIBUTION_WORDS: tuple[str, ...] = ("report", "according", "citing", "told")  # (lower case: in each key above, lowered)
_NOT_A_SOURCE = frozenset({"the", "a", "an", "this", "that", "these", "it", "its", "his", "her", "their",
                           "internal", "industry", "some", "many", "reports", "reporting"})


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What the merge knows about one article of the story, in canonical order."""

    index: int
    role: Role
    key: str  # independence key: equal keys count as one outlet
    copy_of: int | None  # index of the article this is a copy of (in the set), if any
    syndicated_from: str | None  # outlet name of an original outside the set
    attributions: tuple[Attribution, ...]
    first_reported_by: tuple[str, ...]  # names this article says reported first
    anonymous: bool  # it cites an unnamed source
    unknown_origin: bool  # neither outlet nor date


def outlet_key(article: Article, config: Config) -> str:
    configured = config.outlet(article.outlet)
    if configured and configured.owner:
        return "owner:" + configured.owner.lower()
    if configured:
        return "outlet:" + configured.name.lower()
    if article.outlet:
        return "outlet:" + article.outlet.strip().lower()
    return "article:" + article.slug


_NON_WORD = re.compile(r"\W+")
_WORD_RUN = re.compile(r"\w+")
_ASCII_GAPS = str.maketrans({c: " " for c in map(chr, range(128)) if not _WORD_RUN.match(c)})
_OPENING = 3000  # characters of normalised body compared


def _normalised_body(article: Article) -> str:
    """Lower-cased body, runs of non-word characters as one space, first 3000 characters.

    Normalising a prefix of the body yields a prefix of the normalised body, so when the prefix
    already gives 3000 characters the rest of a long body need not be processed."""
    for prefix in (_OPENING * 4 // 3, 2 * _OPENING):  # (4,000 characters usually give 3,000 already)
        head = _spaced_words(article.body[:prefix].lower())
        if len(head) > _OPENING + 1 or len(article.body) <= prefix:  # +1: the cut may change the last character
            return head[:_OPENING]
    return _spaced_words(article.body.lower())[:_OPENING]


def _spaced_words(text: str) -> str:
    """``_NON_WORD.sub(" ", text)``: the word runs joined by single spaces, plus one space at an end
    where the text starts or ends with non-word characters (joining the runs is faster than
    substituting the gaps one by one)."""
    # ASCII text: non-word characters to spaces (a fast C table), then split at them
    words = text.translate(_ASCII_GAPS).split() if text.isascii() else _WORD_RUN.findall(text)
    if not words:
        return " " if text else ""
    joined = " ".join(words)
    if _NON_WORD.match(text):
        joined = " " + joined
    if _NON_WORD.match(text, len(text) - 1):
        joined += " "
    return joined


def find_copies(articles: list[Article], config: Config,
                declared: Mapping[str, str] | None = None) -> list[int | None]:
    """For each article, the index of the earlier article it copies (None if it is no copy).
    ``declared``: copy's slug -> original's slug, from the story file's ``copies:`` (the curator wins)."""
    copies = _found_copies(articles, config)
    index = {a.slug: i for i, a in enumerate(articles)}
    for copy, original in sorted((declared or {}).items()):
        if copy in index and original in index:
            copies[index[copy]] = index[original]
            if copies[index[original]] == index[copy]:
                copies[index[original]] = None  # the curator reversed the direction found from the text
    return copies


def _found_copies(articles: list[Article], config: Config) -> list[int | None]:
    """For each article, the index of the earlier article it copies (None if it is no copy): a
    declared repost or syndication, or a body that repeats another's sentences. Sentence overlap
    catches teasers and partial copies (most of the shorter text's sentences found verbatim in the
    longer one) as well as whole copies, and is looked up in an index, so a story of hundreds of
    articles does not compare every pair; two bodies sharing a sentence are also compared whole
    (near-identical text with light edits)."""
    copies: list[int | None] = [None] * len(articles)
    declared = _declared_copies(articles, config)
    sentences = [_body_sentences(a.body) for a in articles]
    sharing = _shared_counts(sentences)
    bodies: dict[int, str] = {}
    for i in range(len(articles)):
        if declared[i] is not None:
            copies[i] = declared[i]
            continue
        shared = sharing[i]
        candidates = [j for j in sorted(shared, key=lambda j: (-shared[j], j))
                      if copies[j] is None and shared[j] >= MIN_SHARED_SENTENCES and _earlier_or_fuller(j, i, sentences)]
        for j in candidates[:WHOLE_COMPARISONS]:
            if shared[j] >= COPY_SHARE * len(sentences[i]):
                copies[i] = j
                break
            if i not in bodies:
                bodies[i] = _normalised_body(articles[i])
            if j not in bodies:
                bodies[j] = _normalised_body(articles[j])
            if _near_identical(bodies[i], bodies[j]):
                copies[i] = j
                break
    for i, j in _reworded_copies(sentences, copies).items():
        copies[i] = j
    return copies


def _reworded_copies(sentences: list[set[str]], copies: list[int | None]) -> dict[int, int]:
    """Copies that swapped words for others ("feet" for "toes", "said" for "mentioned", as a
    machine rewrite does) and so share few sentences verbatim: most of the copy's sentences are
    another body's sentence with a few words changed. Candidates are the bodies sharing a share of
    the copy's sentence openings and endings (three words each, found through an index of those two
    bodies hold); each of its sentences is then matched against the candidate's."""
    ends = [_sentence_ends(found) for found in sentences]
    out: dict[int, int] = {}
    for i, shared in enumerate(_shared_counts(ends)):
        if copies[i] is not None or len(sentences[i]) < REWORDED_MIN_SENTENCES:
            continue
        for j, n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:WHOLE_COMPARISONS]:
            if n < REWORDED_ENDS * len(ends[i]):
                break
            if copies[j] is None and j not in out and _earlier_or_fuller(j, i, sentences) \
                    and _mostly_reworded(sentences[i], sentences[j]):
                out[i] = j
                break
    return out


H = TypeVar("H", bound=Hashable)


def _shared_counts(sets: list[set[H]]) -> list[Counter[int]]:
    """For each set, how many of its elements each other set holds, found through an index of the
    elements two sets hold (most are in one set only, and are not indexed): no pair is compared."""
    repeated = frozenset(e for e, n in Counter(chain.from_iterable(sets)).items() if n > 1)
    holders: dict[H, list[int]] = defaultdict(list)
    for i, found in enumerate(sets):
        for element in found & repeated:
            holders[element].append(i)
    return [Counter(j for element in found & repeated for j in holders[element] if j != i)
            for i, found in enumerate(sets)]


REWORDED_MIN_SENTENCES = 5  # a rewrite is of a whole report: a few sentences alike are two outlets' wording
REWORDED_ENDS = 0.2  # share of a copy's sentence openings and endings its original holds (a rewrite keeps ~40%)
REWORDED_RATIO = 70.0  # rapidfuzz ratio of a rewritten sentence to its original


def _sentence_ends(sentences: set[str]) -> set[tuple[str, ...]]:
    """The first three and the last three words of each sentence: a rewrite swaps about one word
    in four, so it keeps about two in five of them, and another report on the same event hardly any."""
    found: set[tuple[str, ...]] = set()
    for sentence in sentences:
        words = sentence.split()
        found.add(("<", *words[:3]))
        found.add((">", *words[-3:]))
    return found


def _mostly_reworded(copy: set[str], original: set[str]) -> bool:
    """COPY_SHARE of the copy's sentences are one of the original's with a few words changed."""
    pool = sorted(original)
    found = sum(1 for sentence in copy
                if any(fuzz.ratio(sentence, other, score_cutoff=REWORDED_RATIO) for other in pool))
    return found >= COPY_SHARE * len(copy)


MIN_SHARED_SENTENCES = 2
WHOLE_COMPARISONS = 3  # the texts sharing most sentences with one are compared with it whole, no more
COPY_SHARE = 0.5  # this share of a text's sentences found verbatim in another makes it a (partial) copy
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _body_sentences(body: str) -> set[str]:
    """The body's sentences of six words or more, lower case, words only (so a copy's changed
    punctuation or spacing does not hide it): pieces of its opening split by _SENTENCE_END."""
    lowered = body[:_COPY_SCAN].lower()
    if lowered.isascii():
        return _ascii_body_sentences(lowered.encode("ascii"))
    out = set()
    for piece in _SENTENCE_END.split(lowered):
        words = piece.translate(_ASCII_GAPS).split() if piece.isascii() else _WORD_RUN.findall(piece)
        if len(words) >= 6:
            out.add(" ".join(words))
    return out


# ASCII as bytes: each whitespace character (those \s matches) as a space, and non-word characters as spaces
_BYTE_SPACES = bytes(32 if chr(c).isspace() else c for c in range(256))
_BYTE_GAPS = bytes(c if _WORD_RUN.match(chr(c)) else 32 for c in range(256))


def _ascii_body_sentences(text: bytes) -> set[str]:
    """:func:`_body_sentences` of an ASCII text, on bytes: with every space a " ", a sentence ends at
    ". ", "! " or "? " (a run of spaces after it only leads the next piece with spaces, which the
    word split drops, as the regex split drops them), and the pieces' words are the same."""
    out = set()
    for piece in text.translate(_BYTE_SPACES).replace(b"! ", b". ").replace(b"? ", b". ").split(b". "):
        words = piece.translate(_BYTE_GAPS).split()
        if len(words) >= 6:
            out.add(b" ".join(words).decode("ascii"))
    return out


_COPY_SCAN = 4_000  # characters of a body's opening read for copy detection (a copy copies the opening)


def _earlier_or_fuller(original: int, copy: int, sentences: list[set[str]]) -> bool:
    """The original of a pair is the fuller text, or the earlier one (canonical order) when equal."""
    return (len(sentences[original]), -original) > (len(sentences[copy]), -copy)


def _declared_copies(articles: list[Article], config: Config) -> list[int | None]:
    """Reposts and syndications the front matter declares (``reposted_by``, ``syndicated_from``)."""
    found: list[int | None] = [None] * len(articles)
    for i, article in enumerate(articles):
        if not (article.reposted_by or article.syndicated_from):
            continue
        for j, other in enumerate(articles):
            if i == j or not other.outlet:
                continue
            same_outlet_copy = (article.reposted_by and not other.reposted_by
                                and (article.outlet or "").lower() == other.outlet.lower())
            syndicated = (article.syndicated_from
                          and outlet_key(other, config) == outlet_key(_as_outlet(article, article.syndicated_from),
                                                                      config))
            if same_outlet_copy or syndicated:
                found[i] = j
                break
    return found


def _as_outlet(article: Article, outlet: str) -> Article:
    return Article(slug=article.slug, source_path=article.source_path, title="", body="", outlet=outlet)


def _near_identical(a: str, b: str) -> bool:
    if not a or not b or min(len(a), len(b)) / max(len(a), len(b)) < 0.8:
        return False
    if a == b:
        return True  # (a ratio of 100)
    if not _openings_may_match(a, b):
        return False  # most pairs: two different articles
    return fuzz.ratio(a, b, score_cutoff=NEAR_IDENTICAL) >= NEAR_IDENTICAL


_SCREEN = 800  # characters of a's opening compared by the screen


def _openings_may_match(a: str, b: str) -> bool:
    """False only when ``fuzz.ratio(a, b)`` is surely below NEAR_IDENTICAL, found from the openings.

    The ratio is 200 * LCS / (len(a) + len(b)) (LCS: the longest common subsequence), so a ratio
    of NEAR_IDENTICAL needs an LCS of at least ``need`` (less one character for float rounding).
    A common subsequence that long leaves at most ``len(a) - need`` characters of a and
    ``len(b) - need`` of b unmatched; so of a's first k characters at least ``k - (len(a) - need)``
    are matched, all within b's first ``k + len(b) - need``. Comparing those two openings costs a
    small part of the whole comparison, and two different articles fail it by far."""
    need = math.floor(NEAR_IDENTICAL / 200 * (len(a) + len(b))) - 1
    spare_a, spare_b = len(a) - need, len(b) - need
    k = min(_SCREEN, len(a))
    if spare_a < 0 or spare_b < 0 or k <= spare_a:
        return True  # nothing to screen with
    return LCSseq.similarity(a[:k], b[:k + spare_b], score_cutoff=k - spare_a) > 0


def attributions_in(text: str, own_outlet: str | None) -> tuple[list[tuple[str, str]], list[str]]:
    """(named or anonymous origin, matched text) pairs, and the names said to have reported first."""
    found: list[tuple[str, str]] = []
    lowered = text.lower() if text.isascii() else None  # None: case-folding needs the regex itself
    present: dict[str, bool] = {}  # key -> found in the text (each key looked for once)

    def holds(haystack: str | None, keys: tuple[str, ...]) -> bool:
        if haystack is None:
            return True
        for key in keys:
            if key not in present:
                present[key] = key in haystack
            if present[key]:
                return True
        return False

    # every key of every pattern holds one of these words: a text with none of them is not searched
    if lowered is not None and not any(word in lowered for word in _ATTRIBUTION_WORDS):
        return found, []
    for pattern, keys in zip(_ATTRIBUTION_PATTERNS, _ATTRIBUTION_KEYS):
        if pattern.flags & re.IGNORECASE:
            if lowered is not None and not any(key in lowered for key in keys):
                continue
        elif not holds(text, keys):
            continue
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if groups.get("anon"):
                found.append((ANONYMOUS, match.group(0)))
                continue
            who = _clean_name(groups.get("who") or "")
            if who and (not own_outlet or who.lower() != own_outlet.lower()):
                found.append((who, match.group(0)))
    first = []
    hits = _FIRST_REPORTED.finditer(text) if holds(text, _FIRST_REPORTED_KEYS) else ()
    for match in hits:
        who = _clean_name(match.group("who") or match.group("who2") or "")
        if who:
            first.append(who)
    return found, first


def _clean_name(raw: str) -> str:
    words = raw.strip().split()
    for n, word in enumerate(words):
        if word.endswith(".") and len(word) > 2:  # "Reuters. The decision" is a name then a new sentence
            words = words[: n + 1]
            break
    words = [w.rstrip(".,;:") for w in words]
    while words and words[0].lower() in _NOT_A_SOURCE:
        words.pop(0)
    while words and words[-1].lower() in ("and", "of", "de"):
        words.pop()
    return " ".join(words)


def role_of(article: Article, copy_of: int | None, sentence_count: int) -> Role:
    tags = {t.lower() for t in article.tags} | {(article.category or "").lower()}
    if article.reposted_by or article.syndicated_from or copy_of is not None:
        return "syndicated"
    # (split no further than needed: more than AGGREGATOR_MAX_WORDS pieces already answers it)
    if article.ratings or (len(article.body.split(None, AGGREGATOR_MAX_WORDS)) <= AGGREGATOR_MAX_WORDS and
                           re.search(r"\b(read (?:the )?original|original source|via)\b", article.body, re.I)):
        return "aggregator"
    if "opinion" in tags or (sentence_count == 0 and "::: opinion" in article.body):
        return "opinion"
    return "original"


def analyse(articles: list[Article], texts: list[str], inline_sources: list[tuple[str, ...]],
            sentence_counts: list[int], config: Config,
            declared_copies: Mapping[str, str] | None = None) -> list[SourceInfo]:
    """SourceInfo for each article; ``texts`` are the kept body texts, in the same order;
    ``declared_copies``: see :func:`find_copies`."""
    copies = find_copies(articles, config, declared_copies)
    infos: list[SourceInfo] = []
    for i, article in enumerate(articles):
        found, first = attributions_in(texts[i], article.outlet)
        named = ((name, None) for name in chain(article.cites, inline_sources[i]))
        attributions = _dedupe(i, chain(found, named))
        role = role_of(article, copies[i], sentence_counts[i])
        has_named_citation = any(a.cites != ANONYMOUS for a in attributions)
        if role == "original" and has_named_citation:
            role = "follows"
        key = outlet_key(article, config)
        syndicated_from = article.syndicated_from if copies[i] is None else None
        infos.append(SourceInfo(i, role, key, copies[i], syndicated_from, attributions, tuple(first),
                                any(a.cites == ANONYMOUS for a in attributions),
                                not article.outlet and article.published is None))
    return [_collapse(info, infos) for info in infos]


def _collapse(info: SourceInfo, infos: list[SourceInfo]) -> SourceInfo:
    """A copy takes its original's key (following chains of copies)."""
    seen = {info.index}
    key, target = info.key, info.copy_of
    while target is not None and target not in seen:
        seen.add(target)
        key = infos[target].key
        target = infos[target].copy_of
    if key == info.key:
        return info
    return SourceInfo(info.index, info.role, key, info.copy_of, info.syndicated_from, info.attributions,
                      info.first_reported_by, info.anonymous, info.unknown_origin)


def _dedupe(index: int, pairs: Iterable[tuple[str, str | None]]) -> tuple[Attribution, ...]:
    seen: dict[str, Attribution] = {}
    for who, snippet in pairs:
        key = who.lower()
        if key not in seen or (seen[key].text is None and snippet):
            seen[key] = Attribution(source=str(index), cites=who, text=snippet)
    return tuple(sorted(seen.values(), key=lambda a: a.cites.lower()))


@dataclass(frozen=True, slots=True)
class Lines:
    """The story's independent lines of reporting."""

    count: int
    root: str | None  # the name every attributed report traces back to, if there is one
    unknown_origin: tuple[int, ...]  # indices of reports excluded for lack of outlet and date
    anonymous_root: bool  # the traced line rests on an unnamed source


def lines_of_reporting(infos: list[SourceInfo], supporting: set[int]) -> Lines:
    """Lines among the articles in ``supporting`` (usually those stating the main claim)."""
    # the origin the articles name most often (ties: alphabetical), not whichever name sorts first
    cited = Counter(n for i in supporting for n in dict.fromkeys(infos[i].first_reported_by))
    first_named = sorted(cited, key=lambda n: (-cited[n], n))
    lines: set[str] = set()
    unknown: list[int] = []
    traced_anonymous = False
    for i in sorted(supporting):
        info = infos[i]
        if info.role in ("syndicated",) and info.copy_of is not None:
            continue  # counted through its original
        named = [a.cites for a in info.attributions if a.cites != ANONYMOUS]
        if named or info.anonymous:
            root = first_named[0] if first_named else (named[0] if named else ANONYMOUS)
            lines.add("line:" + root.lower())
            traced_anonymous = traced_anonymous or info.anonymous
        elif info.unknown_origin:
            unknown.append(i)
        else:
            lines.add(info.key)
    origin = first_named[0] if first_named else None
    return Lines(len(lines), origin, tuple(unknown), traced_anonymous and len(lines) == 1)
