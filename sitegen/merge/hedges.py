"""The merge's lexicons: hedge cues, anonymous-sourcing cues, attribution patterns, boilerplate.

Every list here is a documented default. A site extends the hedge cues with ``hedge_words:`` or
``merge_lexicons: {hedges: [...]}``, the anonymous-sourcing cues with ``merge_lexicons: {anonymous:
[...]}`` and the speculation words with ``merge_lexicons: {speculation: [...]}`` in config.yml (all
matched as whole words, case-insensitive; the commentary words and imperative openers of
newsworthy.py likewise); nothing else reads these lists directly.

Why lexicons and not a model: the merge must be deterministic, explainable and offline, and a
curator must be able to see why a sentence counted as hedged (``hedge_cue`` returns the cue).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Collection
from functools import lru_cache

from ..config import Config
from ..text import phrase_alternation

# A sentence containing one of these does not state its content on the speaker's own authority.
DEFAULT_HEDGE_CUES: tuple[str, ...] = (
    "alleged", "allegedly", "alleges", "allegation", "allegations", "reportedly", "purportedly", "purported",
    "supposedly", "rumored", "rumoured", "unconfirmed", "unverified", "could not be independently verified",
    "not been independently verified", "have not been verified", "has not been verified", "is said to",
    "are said to", "appears to", "appear to", "it is understood", "claims that", "claimed that",
    "according to a source", "according to sources", "according to people", "according to an unnamed",
    "according to reporting", "according to reports", "according to internal", "sources say", "source says",
    "source said", "sources said", "on condition of anonymity", "declined to be named", "familiar with",
)

# Cues that a claim rests on a source nobody names.
ANONYMOUS_CUES: tuple[str, ...] = (
    "source familiar", "sources familiar", "people familiar", "person familiar", "unnamed source",
    "unnamed sources", "unnamed individual", "anonymous source", "anonymous sources", "condition of anonymity",
    "declined to be named", "person with knowledge", "people with knowledge", "industry sources",
    "source says", "sources say", "single source",
)

# Sentences that are page furniture, not reporting (the ingest stage removes most of it already).
BOILERPLATE_PATTERNS: tuple[str, ...] = (
    r"\badvertisement\b", r"\bdisclaimer\b", r"\bnot (?:financial|investment) advice\b", r"\bsubscribe\b",
    r"\bnewsletter\b", r"\bclick here\b", r"\bread more\b", r"\ball rights reserved\b", r"\bcontact us\b",
    r"\bsign up\b", r"\bfollow us\b", r"\brelated articles?\b", r"\balso read\b", r"\bsponsored\b",
    r"\bfor feedback or concerns\b", r"\beditorial policy\b", r"\bproduced with ai assistance\b",
    r"\blive price\b", r"\bprice chart\b", r"@\w+\.\w+",
)

# Headings whose sections are commentary or furniture: skipped for claims (FAQ is handled apart).
SKIPPED_SECTION_PATTERNS: tuple[str, ...] = (
    r"'s take$", r"’s take$", r"\bopinion\b", r"\bour view\b", r"\breporter'?s view\b", r"\breporter’s view\b",
    r"\brelated\b", r"\breferences?\b", r"\balso read\b", r"\bdisclaimer\b", r"\babout the author\b",
    r"\bneed help\b", r"\bmarket impact\b", r"\bexpected impact\b", r"\bwhy it matters\b", r"\bconclusion\b",
)

_WORD_RUN = re.compile(r"\w+")
_ASCII_GAPS = str.maketrans({c: " " for c in map(chr, range(128)) if not _WORD_RUN.match(c)})
FAQ_HEADING = re.compile(r"^(?:frequently asked questions|faqs?)\b", re.IGNORECASE)

# Words that mark a sentence as the writer's commentary (second person, first person plural,
# rhetorical framing): such sentences never become claims.
COMMENTARY_WORDS: tuple[str, ...] = (
    "you", "your", "we", "our", "us", "imagine", "i", "let's", "my",
)

# A report of what is still to come ("is scheduled to hold", "has yet to confirm"): told by one
# source without a date still ahead, it is a pre-event report the story's later reports overtake.
PENDING_CUES: tuple[str, ...] = (
    "scheduled to", "expected to", "anticipated to", "set to", "slated to", "poised to", "yet to",
)
# A relay of what was reported before ("Earlier reports said divers had heard knocking", "Earlier,
# it was reported that the span would reopen within a day"): a lone outlet's line telling
# an earlier report tells what the story's later reports have overtaken, not a fact of its own.
SUPERSEDED_CUES: tuple[str, ...] = (
    "earlier reports", "earlier report", "early reports", "initial reports", "first reports",
    "it was earlier reported", "it was initially reported", "was earlier reported", "was initially reported",
    "earlier, it was reported", "initially, it was reported",
)
# A stage of a process still under way ("experts are evaluating the information", "the crew is
# believed to be alive"): once the page tells what the process found, such a line telling the same
# thing is a stale retelling of it (folded into that claim, see story._Telling).
PROGRESS_CUES: tuple[str, ...] = (
    "are evaluating", "is evaluating", "are assessing", "is assessing", "are investigating", "is investigating",
    "are reviewing", "is reviewing", "are examining", "is examining", "are analysing", "are analyzing",
    "are searching", "is searching", "continue to search", "continues to search", "continue searching",
    "believed to be", "feared to be", "remains missing", "remain missing",
)
# A state held only for a while, or undone the same day ("briefly reached", "however, shares fell
# below ..."): a sentence with one of these tells a fact of its own beside the claim whose value it
# shares, which the claim's text does not tell unless it holds the cue too (see story._absorbed).
# Each cue holds a content word (a sentence's stems rule most sentences out before the pattern).
REVERSAL_CUES: tuple[str, ...] = (
    "briefly", "momentarily", "temporarily", "for a time", "however", "fell back", "fell below",
    "dipped below", "slipped below", "closed below", "just below", "just short of", "fell short of", "pared",
    "erased", "reversed",
)
# Words that place a dated statement ahead of its writer ("will begin on", "has until March 1 to"):
# with every date it gives already past by the story's newest report, the plan is overtaken, or
# (a date before the writer's own day) the year is a slip.
PLAN_CUES: tuple[str, ...] = (*PENDING_CUES, "will", "has until", "have until", "is facing", "are facing")
# Words that tell an aim, read only for the story's own event told as still to come (story._still_to_come):
# "the agency plans to land the probe", "the goal is for the crew to land" (what is planned comes after the
# next "to"). Not asked of a dated lone line (story._overtaken): "submitted on Monday a plan of what it
# aims to do" is dated by its own past verb.
AIM_CUES: tuple[str, ...] = ("plans to", "aims to", "intends to", "is due to", "are due to",
                             "goal is for", "aim is for", "plan is for", "hope is for")

# The writer's judgement or colour ("met a tragic end", "investors are sending a clear message", "many
# questions remain"): a lone (single-source) sentence holding one outside quotes, with no figure or
# date and no speaker it is attributed to, states no fact an editor could sign. Adjectives of
# evaluation and the set phrases of a writer's flourish, general English, none an outlet's own (each
# opening on a word of two letters or more: see story._judgement).
JUDGEMENT_WORDS: tuple[str, ...] = (
    "tragic", "tragically", "stunning", "stunningly", "remarkable", "remarkably", "impressive", "impressively",
    "incredible", "astonishing", "astounding", "staggering", "spectacular", "extraordinary", "breathtaking",
    "jaw-dropping", "mind-boggling", "whopping", "stellar", "meteoric", "steadfast", "hallowed", "untold",
    "esteemed", "illustrious", "legendary", "iconic", "infamous", "heartbreaking", "heart-wrenching",
    "sensational", "unbelievable", "fantastic", "terrific", "superb", "groundbreaking", "high-profile",
    "clear message", "turn of events", "questions remain", "questions still remain", "in a world where",
    "remains to be seen", "time will tell",
    "make no mistake", "needless to say", "testament to", "sent shockwaves", "most significant",
    # framing: what the writer takes the event to mean, with no one it is attributed to
    "pivotal", "bellwether", "seen as", "viewed as", "regarded as", "surprisingly", "ironically",
    "interestingly", "arguably", "holding on to hope", "holding out hope", "clinging to hope",
    # the writer's stance toward what is told: arguing or supposing, not reporting
    "presumably", "after all", "of course", "admittedly", "undoubtedly", "to be sure",
)
# What the story does not know yet: "the cause ... has not been determined", "the cause is under
# investigation". A lone outlet's sentence telling that a story's cause, reason or motive is still
# open is a key fact of the story (an editor puts it high), however few of the story's own words
# it uses; told twice, it is told once (see story._open_question).
OPEN_QUESTION_NOUNS: tuple[str, ...] = ("cause", "causes", "reason", "reasons", "motive", "origin")
OPEN_QUESTION_CUES: tuple[str, ...] = (
    "not yet determined", "not been determined", "not yet known", "not been established", "not yet clear",
    "under investigation", "being investigated", "remains unknown", "remains unclear", "is unknown", "is unclear",
    "it's unclear", "it is unclear", "still unknown", "undetermined", "no immediate information", "no immediate word",
)
# Modal verbs: a lone (single-source) sentence using them is speculation, not a claim.
SPECULATION_WORDS: tuple[str, ...] = (
    "could", "might", "may", "should", "perhaps", "possibly", "likely", "suggests", "suggest",
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The compiled cue lists for one site (defaults plus ``hedge_words`` from config)."""

    hedge: re.Pattern[str]
    anonymous: re.Pattern[str]
    boilerplate: re.Pattern[str]
    skipped_section: re.Pattern[str]
    # Lower-case literals of which every match contains at least one (None: no such set known).
    # Checking them as plain substrings of an ASCII sentence rules out most sentences far faster
    # than the regexes, whose word-boundary alternations are tried at every position.
    hedge_keys: tuple[str, ...] | None = None
    anonymous_keys: tuple[str, ...] | None = None
    boilerplate_keys: tuple[str, ...] | None = None
    # The longest word of each cue, when every one is a run of word characters (else None): a
    # cue matches an ASCII text only where that word is a whole ``\w+`` run of it.
    hedge_words: tuple[str, ...] | None = None
    anonymous_words: tuple[str, ...] | None = None
    skipped_section_keys: tuple[str, ...] | None = None
    # Per boilerplate pattern: the literal it holds and the words that are whole runs wherever it
    # matches an ASCII text (all words of a pattern of words only, else the word it opens with,
    # if any): where one of them is no run of a text, the pattern cannot match it.
    boilerplate_parts: tuple[tuple[str, tuple[str, ...]], ...] | None = None

    def hedge_cue(self, text: str) -> str | None:
        """The first hedge or anonymity cue in ``text`` (lower-cased), or None."""
        match = _search(self.hedge, self.hedge_keys, text) or _search(self.anonymous, self.anonymous_keys, text)
        return match.group(0).lower() if match else None

    def is_anonymous(self, text: str) -> bool:
        return _search(self.anonymous, self.anonymous_keys, text) is not None

    def is_boilerplate(self, text: str) -> bool:
        return _search(self.boilerplate, self.boilerplate_keys, text) is not None

    def is_skipped_section(self, heading: str) -> bool:
        return _search(self.skipped_section, self.skipped_section_keys, heading) is not None

    def hedge_cues(self, texts: list[str], runs: frozenset[str] | None = None) -> list[str | None]:
        """:meth:`hedge_cue` of each text, with the keys narrowed to those the texts hold at all.

        ``runs`` (optional) are the texts' :func:`word_runs`: a cue can match only if its longest
        word is one of them, so the keys are narrowed by set lookups instead of searches."""
        hedge_keys = _present(self.hedge_keys, texts, self.hedge_words, runs)
        anonymous_keys = _present(self.anonymous_keys, texts, self.anonymous_words, runs)
        cues: list[str | None] = []
        if hedge_keys == () and anonymous_keys == ():  # no cue anywhere: only non-ASCII texts need a look
            return [self.hedge_cue(text) if not text.isascii() else None for text in texts]
        for text in texts:
            match = _search(self.hedge, hedge_keys, text) or _search(self.anonymous, anonymous_keys, text)
            cues.append(match.group(0).lower() if match else None)
        return cues

    def boilerplate_flags(self, texts: list[str], runs: frozenset[str] | None = None) -> list[bool]:
        """:meth:`is_boilerplate` of each text, with the keys narrowed to those the texts hold at all
        (looked up in ``runs``, the texts' :func:`word_runs`, for patterns with words that are runs)."""
        if runs is not None and self.boilerplate_parts is not None and texts:
            lowered = "\n".join(texts).lower() if any(not words for _l, words in self.boilerplate_parts) else ""
            keys: tuple[str, ...] | None = _minimal([literal for literal, words in self.boilerplate_parts
                                                     if (runs.issuperset(words) if words else literal in lowered)])
        else:
            keys = _present(self.boilerplate_keys, texts)
        if keys == ():  # no key anywhere: only non-ASCII texts need a look
            return [not text.isascii() and self.boilerplate.search(text) is not None for text in texts]
        return [_search(self.boilerplate, keys, text) is not None for text in texts]


def _search(pattern: re.Pattern[str], keys: tuple[str, ...] | None, text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, skipped when no key occurs in the text.

    Only for ASCII text: there lower-casing agrees with IGNORECASE matching, while a few other
    characters (the long s, the Kelvin sign, dotted I) match ASCII letters without lowering to them."""
    if keys is not None and text.isascii():
        if not keys:
            return None
        lowered = text.lower()
        if not any(key in lowered for key in keys):
            return None
    return pattern.search(text)


def _present(keys: tuple[str, ...] | None, texts: list[str], words: tuple[str, ...] | None = None,
             runs: frozenset[str] | None = None) -> tuple[str, ...] | None:
    """The keys found in the texts joined: looking for the others in any one ASCII text is wasted.

    Lower-casing maps each character on its own (only the Greek final sigma looks at its
    neighbours), so an ASCII text lower-cased is a piece of the joined texts lower-cased; keys
    hold no newline, so none is found across the joins that is not in one text.
    Given the cues' longest ``words`` and the texts' ``runs``, the keys are those of the cues
    whose word is a run: each cue that can match keeps a key that its word contains."""
    if keys is None or not texts:
        return keys
    if words is not None and runs is not None:
        return _minimal([word for word in words if word in runs])
    lowered = "\n".join(texts).lower()
    return tuple(key for key in keys if key in lowered)


def word_runs(texts: list[str], letter_words: Collection[str] | None = None) -> frozenset[str]:
    """The lower-cased ``\\w+`` runs of the texts. A word-bounded, case-insensitive pattern can
    match a word made of word characters in an ASCII text only where that word is a whole run.

    ASCII text: every non-word character becomes a space (a C table) and the text splits there.
    ``letter_words`` (optional) are the distinct runs of letters, apostrophes and hyphens of the
    texts (features.sentence_words): in ASCII text with no digit, "_", apostrophe or hyphen they
    are the runs already, and need only lower-casing. Other text: the distinct
    whitespace-separated tokens, one that is all alphanumeric being a run as it stands (``\\w``
    is alphanumeric or "_"), the others searched for their runs."""
    joined = "\n".join(texts)
    if joined.isascii():
        if letter_words is not None and not any(c in joined for c in "'-_0123456789"):
            return frozenset(map(str.lower, letter_words))
        return frozenset(joined.lower().translate(_ASCII_GAPS).split())
    tokens = set(joined.lower().split())
    runs = {token for token in tokens if token.isalnum()}
    runs.update(_WORD_RUN.findall(" ".join(token for token in tokens if not token.isalnum())))
    return frozenset(runs)


def _minimal(keys: list[str]) -> tuple[str, ...]:
    """Drop keys containing another key: where the longer occurs, so does the shorter."""
    unique = sorted(set(keys), key=len)
    kept: list[str] = []
    for key in unique:
        if not any(k in key for k in kept):
            kept.append(key)
    return tuple(kept)


def _cue_words(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The longest word of each cue, if all cues are ASCII and those words runs of word characters."""
    cues = [w.strip().lower() for w in words if w.strip()]
    longest = [max(c.split(), key=len) for c in cues]
    if not all(c.isascii() for c in cues) or not all(_WORD_RUN.fullmatch(w) for w in longest):
        return None
    return tuple(dict.fromkeys(longest))


def _cue_keys(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The longest word of each cue: a match of the cue holds each of its words literally."""
    cues = [w.strip().lower() for w in words if w.strip()]
    if not all(c.isascii() for c in cues):
        return None
    return _minimal([max(c.split(), key=len) for c in cues])


_GROUP = re.compile(r"\((?:[^()\\]|\\.)*\)(?:[?*+]|\{[^}]*\})?")
_ESCAPE_OR_OPTIONAL = re.compile(r"\\.(?:[?*+]|\{[^}]*\})?|.(?:[?*+]|\{[^}]*\})")
_LITERAL_RUN = re.compile(r"[a-z0-9@' ’]+")


def _required_literal(pattern: str) -> str | None:
    """A literal every match of a simple ``pattern`` contains, or None when none is evident.

    Groups, escapes (``\\b``, ``\\w``) and optional or repeated characters are cut out; what
    remains outside them must match character for character."""
    plain = _GROUP.sub("\0", pattern)
    if any(c in plain for c in "|[()"):
        return None  # a top-level alternative or class: no single literal is required
    plain = _ESCAPE_OR_OPTIONAL.sub("\0", plain)
    runs = [r.strip() for r in _LITERAL_RUN.findall(plain.lower())]
    runs = [r for r in runs if r]
    return max(runs, key=len) if runs else None


_PLAIN_WORDS = re.compile(r"\\b([a-z0-9]+(?: [a-z0-9]+)*)\\b")  # a pattern that is only words
_OPENING_WORD = re.compile(r"\\b([a-z0-9]+)(?: |\\b|$)")


def _run_words(pattern: str) -> tuple[str, ...]:
    """Words of a simple pattern that stand between non-word characters wherever it matches:
    every word of a pattern written "\\bword word ...\\b", else the word it opens with
    ("\\bword" then a space, "\\b" or its end). Empty when there is no such word."""
    if any(c in _GROUP.sub("\0", pattern) for c in "|[()"):
        return ()  # a top-level alternative or class: no word is certain
    plain = _PLAIN_WORDS.fullmatch(pattern)
    if plain:
        return tuple(plain.group(1).split())
    opening = _OPENING_WORD.match(pattern)
    return (opening.group(1),) if opening else ()


def _pattern_parts(patterns: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    literals = [_required_literal(p) for p in patterns]
    if any(not literal for literal in literals):
        return None
    return tuple((literal, _run_words(p)) for literal, p in zip(literals, patterns))  # type: ignore[misc]


def _pattern_keys(patterns: tuple[str, ...]) -> tuple[str, ...] | None:
    keys = [_required_literal(p) for p in patterns]
    return None if any(k is None for k in keys) else _minimal([k for k in keys if k])


def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted({w.strip().lower() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    body = phrase_alternation(ordered) or r"(?!x)x"
    # the opening letters first: a run of spaces or slashes passes the lookbehind at every position,
    # and trying every phrase there took ~0.4 s per MB (one character-class test is ~40x cheaper)
    openings = "".join(sorted({re.escape(w[0]) for w in ordered})) or "x"
    return re.compile(rf"(?=[{openings}])(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def _union(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern matching where any of ``patterns`` does (used to test for any match).

    The patterns that open with ``\\b`` share one ``\\b(?:...)``: twenty alternatives each testing the
    word boundary again at every position took three times as long on a long line."""
    bounded = [p[2:] for p in patterns if p.startswith(r"\b")]
    others = [p for p in patterns if not p.startswith(r"\b")]
    parts = ([rf"\b(?:{'|'.join(bounded)})"] if bounded else []) + others
    return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)


def site_lexicon(config: Config) -> Lexicon:
    """The lexicon with the site's own words from config.yml."""
    extra = config.merge_lexicons
    return lexicon(tuple(config.hedge_words) + extra.hedges, extra.anonymous)


@lru_cache(maxsize=32)
def lexicon(extra_hedges: tuple[str, ...] = (), extra_anonymous: tuple[str, ...] = ()) -> Lexicon:
    """The lexicon with a site's extra hedge and anonymity cues (cached: config tuples are hashable)."""
    anonymous = ANONYMOUS_CUES + tuple(extra_anonymous)
    return Lexicon(
        hedge=_words_pattern(DEFAULT_HEDGE_CUES + tuple(extra_hedges)),
        anonymous=_words_pattern(anonymous),
        boilerplate=_union(BOILERPLATE_PATTERNS),
        skipped_section=_union(SKIPPED_SECTION_PATTERNS),
        hedge_keys=_cue_keys(DEFAULT_HEDGE_CUES + tuple(extra_hedges)),
        anonymous_keys=_cue_keys(anonymous),
        boilerplate_keys=_pattern_keys(BOILERPLATE_PATTERNS),
        skipped_section_keys=_pattern_keys(SKIPPED_SECTION_PATTERNS),
        boilerplate_parts=_pattern_parts(BOILERPLATE_PATTERNS),
        hedge_words=_cue_words(DEFAULT_HEDGE_CUES + tuple(extra_hedges)),
        anonymous_words=_cue_words(anonymous),
    )
