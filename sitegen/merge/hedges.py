"""The merge's lexicons: hedge cues, anonymous-sourcing cues, attribution patterns, boilerplate.

Every list here is a documented default. A site extends the hedge cues with ``hedge_words:`` in
config.yml (matched as whole words, case-insensitive); nothing else reads these lists directly.

Why lexicons and not a model: the merge must be deterministic, explainable and offline, and a
curator must be able to see why a sentence counted as hedged (``hedge_cue`` returns the cue).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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

FAQ_HEADING = re.compile(r"^(?:frequently asked questions|faqs?)\b", re.IGNORECASE)

# Words that mark a sentence as the writer's commentary (second person, first person plural,
# rhetorical framing): such sentences never become claims.
COMMENTARY_WORDS: tuple[str, ...] = (
    "you", "your", "we", "our", "us", "imagine", "i", "let's", "my",
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

    def hedge_cue(self, text: str) -> str | None:
        """The first hedge or anonymity cue in ``text`` (lower-cased), or None."""
        match = self.hedge.search(text) or self.anonymous.search(text)
        return match.group(0).lower() if match else None

    def is_anonymous(self, text: str) -> bool:
        return self.anonymous.search(text) is not None

    def is_boilerplate(self, text: str) -> bool:
        return self.boilerplate.search(text) is not None


def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted({w.strip().lower() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=32)
def lexicon(extra_hedges: tuple[str, ...] = ()) -> Lexicon:
    """The lexicon with a site's extra hedge words (cached: config tuples are hashable)."""
    return Lexicon(
        hedge=_words_pattern(DEFAULT_HEDGE_CUES + tuple(extra_hedges)),
        anonymous=_words_pattern(ANONYMOUS_CUES),
        boilerplate=re.compile("|".join(BOILERPLATE_PATTERNS), re.IGNORECASE),
        skipped_section=re.compile("|".join(SKIPPED_SECTION_PATTERNS), re.IGNORECASE),
    )
