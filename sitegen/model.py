"""Plain dataclasses that cross stage boundaries.

content  -> Site(articles, story_files)
merge    -> [Story]
render   -> [Page]

No stage passes dicts with ad-hoc keys to another; everything is one of these.
The merged :class:`Story` serialises to ``story.json`` (see ``sitegen/schema/story.schema.json``).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

Badge = Literal["confirmed", "corroborated", "single-source", "alleged", "disputed"]
BADGES: tuple[Badge, ...] = ("confirmed", "corroborated", "single-source", "alleged", "disputed")
Role = Literal["original", "follows", "syndicated", "aggregator", "opinion"]
DisputeKind = Literal["date", "number", "name", "assertion"]
FaqOrigin = Literal["article", "generated", "curator"]
ConfidenceLevel = Literal["high", "medium", "low"]


# --------------------------------------------------------------------------- content


@dataclass(frozen=True, slots=True)
class Article:
    """One source article: ``content/articles/<slug>.md``."""

    slug: str
    source_path: Path
    title: str
    body: str  # Markdown, as written (raw HTML is handled by the renderer)
    body_line: int = 1  # 1-based line of the body's first line in source_path
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None  # always timezone-aware when set
    author: str | None = None
    story: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    syndicated_from: str | None = None
    cites: tuple[str, ...] = ()
    authority: float | None = None
    draft: bool = False
    ratings: tuple[tuple[str, float], ...] = ()  # e.g. an aggregator's (authority, credibility, relevance)
    reposted_by: str | None = None  # this copy came from a republisher's feed (e.g. an exchange's news page)
    summary: str | None = None  # the article's dek, as the curator writes it
    image: str | None = None  # a picture for social cards: an http(s) URL or a path in the site
    image_alt: str | None = None
    updated: datetime | None = None  # when the outlet last changed it
    unknown: tuple[str, ...] = ()  # fields the curator checked are not known: no "missing" warning for them
    # front-matter keys sitegen does not know, as written, for the site's templates (article.extra.<key>)
    extra: dict[str, Any] = field(default_factory=dict, hash=False)
    notices: tuple[tuple[int, str], ...] = ()  # (line, message): warnings found while parsing the file
    root_links: tuple[tuple[int, str], ...] = ()  # (line, target) of each link to "/..." in the body


@dataclass(frozen=True, slots=True)
class BadgeOverride:
    """Curator pins a badge: ``claim`` is a claim id (as ``sitegen check`` lists it) or a phrase the claim
    text contains."""

    claim: str
    badge: Badge
    why: str | None = None


@dataclass(frozen=True, slots=True)
class CuratorFaq:
    question: str
    answer: str
    sources: tuple[str, ...] = ()  # article slugs or outlet names


@dataclass(frozen=True, slots=True)
class DeclaredValue:
    value: str
    sources: tuple[str, ...]  # article slugs or outlet names
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class DeclaredDispute:
    """An assertion dispute a curator records (e.g. "audit found defects" vs "no evidence given")."""

    about: str
    values: tuple[DeclaredValue, ...]
    kind: DisputeKind = "assertion"
    likely: str | None = None


@dataclass(frozen=True, slots=True)
class Correction:
    """A curator's correction (a story file's ``corrections:``), shown atop the page and in its history."""

    date: str  # ISO date
    text: str
    claim: str | None = None  # the claim id it corrects
    line: int = 0  # its line in the story file, for messages


@dataclass(frozen=True, slots=True)
class StoryFile:
    """Optional curator file for a story: ``content/stories/<key>.md``."""

    key: str
    source_path: Path
    title: str | None = None
    dek: str | None = None
    summary: str | None = None
    category: str | None = None
    note: str = ""  # Markdown editor's note (the file's body)
    articles: tuple[str, ...] = ()  # article slugs pinned to this story
    badges: tuple[BadgeOverride, ...] = ()
    faq: tuple[CuratorFaq, ...] = ()
    disputes: tuple[DeclaredDispute, ...] = ()
    corrections: tuple[Correction, ...] = ()
    merge: tuple[tuple[str, ...], ...] = ()  # groups of claim references to merge into one claim each
    split: tuple[str, ...] = ()  # claim references to split into one claim per quoted sentence
    copies: tuple[tuple[str, str], ...] = ()  # (copy's article slug, original's article slug)
    key_lines: tuple[tuple[str, int], ...] = ()  # front-matter key -> line, for notes on its entries
    slug: str | None = None  # the story's URL slug when it is not the key (a rename keeps a redirect)
    image: str | None = None
    image_alt: str | None = None
    updated: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict, hash=False)
    notices: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class PublishedStory:
    id: str  # the slug the story was first published under: its feed entry id, whatever its slug now
    articles: tuple[str, ...]  # the article slugs it held when last built


@dataclass(frozen=True, slots=True)
class Published:
    """``content/published.yml`` (see sitegen.published): live slug -> story, in order of first
    publication; old slug -> live slug."""

    stories: dict[str, PublishedStory] = field(default_factory=dict, hash=False)
    redirects: dict[str, str] = field(default_factory=dict, hash=False)

    def id_of(self, slug: str) -> str:
        """A story's stable id (its slug when the record does not know it yet)."""
        entry = self.stories.get(slug)
        return entry.id if entry is not None else slug


@dataclass(frozen=True, slots=True)
class Site:
    """Everything loaded from a site directory's ``content/``."""

    root: Path
    articles: tuple[Article, ...]
    story_files: dict[str, StoryFile] = field(default_factory=dict)
    published: Published = field(default_factory=lambda: Published())  # content/published.yml


# --------------------------------------------------------------------------- merged story


@dataclass(frozen=True, slots=True)
class Source:
    id: str  # "s1", "s2", ... in source-list order
    article: str  # slug of the article page
    outlet: str | None
    title: str
    url: str | None
    published: datetime | None
    role: Role
    author: str | None = None
    syndicated_from: str | None = None  # source id, or an outlet name outside the set
    cites: tuple[str, ...] = ()
    authority: float | None = None
    claims: tuple[str, ...] = ()  # ids of claims this source contributes to
    reposted_by: str | None = None  # the outlet whose feed republished this article (the copy is theirs)


@dataclass(frozen=True, slots=True)
class Quote:
    source: str  # source id
    text: str


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    text: str
    badge: Badge
    sources: tuple[str, ...]  # source ids
    independent_sources: int
    why: str = ""
    hedged: bool = False
    dispute: str | None = None
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class DisputeValue:
    value: str
    sources: tuple[str, ...]
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class Dispute:
    id: str
    about: str
    kind: DisputeKind
    values: tuple[DisputeValue, ...]
    likely: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str  # source id
    cites: str  # outlet or person named as the origin ("Reuters", "a source familiar with the matter")
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    independent_lines: int
    attributions: tuple[Attribution, ...] = ()
    first_reported_by: str | None = None
    anonymous_sourcing: bool = False


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str  # ISO date or datetime; "YYYY-MM" for a step known only to its month
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FaqItem:
    question: str
    answer: str
    sources: tuple[str, ...]
    origin: FaqOrigin


@dataclass(frozen=True, slots=True)
class Confidence:
    level: ConfidenceLevel
    explanation: str


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One recorded change of a story (``sitegen.history``): when it was first published, what changed, and
    the articles (by slug: source ids move as sources come and go) that caused it."""

    at: datetime  # the recording build's time (UTC)
    kind: str  # one of sitegen.history.KINDS
    text: str
    sources: tuple[str, ...] = ()  # article slugs
    claim: str | None = None  # the claim's id when it was recorded


@dataclass(frozen=True, slots=True)
class Story:
    """The canonical merged story; ``to_json()`` is story.json."""

    slug: str
    key: str
    title: str
    summary: str
    confidence: Confidence
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    provenance: Provenance = Provenance(independent_lines=0)
    timeline: tuple[TimelineEntry, ...] = ()
    faq: tuple[FaqItem, ...] = ()
    dek: str | None = None
    category: str | None = None
    first_seen: datetime | None = None
    updated: datetime | None = None
    note: str = ""  # curator's Markdown editor's note
    tags: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()  # set by sitegen.history after the merge
    history: tuple[HistoryEntry, ...] = ()  # newest first; set by sitegen.history after the merge
    curator_notes: tuple[str, ...] = ()  # "path:line: ..." where the story file names no claim (not in JSON)
    image: str | None = None  # the story file's picture for social cards and the story's card on the index
    image_alt: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, hash=False)  # the story file's own keys

    def replaced(self, **changes: Any) -> Story:
        """This story with some fields changed (a cache stub offers the same, without loading the story)."""
        return replace(self, **changes)

    def full(self) -> Story:
        """The whole story (a cache stub reads it from the cache file)."""
        return self

    def to_json(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "dek": self.dek,
            "summary": self.summary,
            "category": self.category,
            "first_seen": iso(self.first_seen),
            "updated": iso(self.updated),
            "confidence": {"level": self.confidence.level, "explanation": self.confidence.explanation},
            "sources": [_source_json(s) for s in self.sources],
            "claims": [_claim_json(c) for c in self.claims],
            "disputes": [_dispute_json(d) for d in self.disputes],
            "provenance": {
                "first_reported_by": self.provenance.first_reported_by,
                "independent_lines": self.provenance.independent_lines,
                "anonymous_sourcing": self.provenance.anonymous_sourcing,
                "attributions": [_drop_none({"source": a.source, "cites": a.cites, "text": a.text})
                                 for a in self.provenance.attributions],
            },
            "timeline": [{"date": t.date, "text": t.text, "sources": list(t.sources)} for t in self.timeline],
            "faq": [{"question": f.question, "answer": f.answer, "sources": list(f.sources), "origin": f.origin}
                    for f in self.faq],
            "corrections": [{"date": c.date, "text": c.text, "claim": c.claim} for c in self.corrections],
            "history": [{"at": iso(h.at), "kind": h.kind, "text": h.text, "sources": list(h.sources),
                         "claim": h.claim} for h in self.history],
        }


def last_changed(story: Any) -> datetime | None:
    """When a story (or a cache stub of one) last changed: its newest published update, else its newest
    source's date."""
    return story.history[0].at if story.history else story.updated


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def _source_json(s: Source) -> dict[str, Any]:
    return {
        "id": s.id, "article": s.article, "outlet": s.outlet, "title": s.title, "url": s.url,
        "author": s.author, "published": iso(s.published), "role": s.role,
        "syndicated_from": s.syndicated_from, "reposted_by": s.reposted_by, "cites": list(s.cites),
        "authority": s.authority, "claims": list(s.claims),
    }


def _claim_json(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id, "text": c.text, "badge": c.badge, "why": c.why, "sources": list(c.sources),
        "independent_sources": c.independent_sources, "hedged": c.hedged, "dispute": c.dispute,
        "quotes": [{"source": q.source, "text": statement(q.text)} for q in c.quotes],
    }


def _dispute_json(d: Dispute) -> dict[str, Any]:
    return {
        "id": d.id, "about": d.about, "kind": d.kind, "likely": d.likely,
        "values": [_drop_none({"value": v.value, "sources": list(v.sources),
                               "quote": statement(v.quote) if v.quote else None}) for v in d.values],
    }


QUOTE_WORDS = 60  # story.json quotes one statement of an outlet, never a passage of its text


def statement(text: str) -> str:
    """A quote cut to statement size: at most QUOTE_WORDS words, an ellipsis where it was cut."""
    words = text.split()
    return text if len(words) <= QUOTE_WORDS else " ".join(words[:QUOTE_WORDS]) + " …"


# --------------------------------------------------------------------------- output


@dataclass(frozen=True, slots=True)
class Page:
    """One output file: ``path`` is relative to the output dir, POSIX separators."""

    path: str
    content: bytes


# --------------------------------------------------------------------------- pickling


def _reduce_by_fields(value: Any) -> tuple[Any, tuple[Any, ...]]:
    """``cls(*fields)``: a slots dataclass otherwise pickles through the generic getstate/setstate, which
    look the fields up per object; a build sends thousands of articles and stories to and from its worker
    processes (the only pickles sitegen makes: the build cache holds data only, see sitegen.cache_codec)."""
    cls = type(value)
    return (cls, tuple([getattr(value, name) for name in _FIELD_NAMES[cls]]))


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
for _cls in (Article, BadgeOverride, CuratorFaq, DeclaredValue, DeclaredDispute, Correction, StoryFile, Source, Quote,
             Claim, HistoryEntry, DisputeValue, Dispute, Attribution, Provenance, TimelineEntry, FaqItem, Confidence,
             Story):
    _FIELD_NAMES[_cls] = tuple(f.name for f in fields(_cls))
    _cls.__reduce__ = _reduce_by_fields  # type: ignore[method-assign,assignment]
