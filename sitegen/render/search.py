"""A static full-text search index of our own, read by ``theme/static/search.js``.

Why not Pagefind: it indexes the written HTML in a second pass (a subprocess over every page, which the
10,000-article cold-build budget cannot afford), its UI needs WebAssembly (a looser Content-Security-Policy),
and we already hold every text in memory. This index is built from the Markdown and story fields in one
pass, with no dependency:

* ``search/docs.json``: ``{"docs": [[url, title, kind, detail], ...], "shards": [name, ...]}``; a
  document's id is its position; the shard list spares the browser a failing request for a missing shard.
* ``search/t/<shard>.json``: ``{term: [doc id, ...]}`` for every term whose first two characters give the
  shard name (their code points in hex joined by ``-``), so a query loads only the shards of its words and
  can match word prefixes ("qod" finds "qoder").

URLs in docs.json are relative to the site root, so the index works under any sub-path base_url.
"""
from __future__ import annotations

import bisect
import re
import string
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable

import orjson

from ..model import Article, Page, Story
from .excerpt import lede

TOKEN = re.compile(r"\w+")
# Words that match nearly every document: leaving them out keeps the shards small.
STOP_WORDS = frozenset(
    "an and are as at be but by for from has have in is it its of on or that the this to was were will with".split()
)
INDEX_DIR = "search/"
# In ASCII text TOKEN's words are the runs of [A-Za-z0-9_]: one translate lowercases them and turns every
# other character into a space to split on.
_ASCII_LOWER_WORDS = str.maketrans({chr(c): " " if not (chr(c).isalnum() or chr(c) == "_") else chr(c).lower()
                                    for c in range(128)})
_ONE_CHARACTER_WORDS = frozenset(string.ascii_lowercase + string.digits + "_")


@dataclass(frozen=True, slots=True)
class SearchDoc:
    url: str  # relative to the site root, e.g. "stories/x/"
    title: str
    kind: str  # "story" or "article"
    detail: str  # one line shown under the title
    text: str  # everything searchable, unnormalised


def shard_name(term: str) -> str:
    """Must match shardName() in search.js."""
    return "-".join(format(ord(ch), "x") for ch in term[:2])


def terms(text: str) -> set[str]:
    """The distinct indexable words of a text; must match tokens() in search.js."""
    if text.isascii():  # the common case, twice as fast as the regex with the same words
        found = set(text.translate(_ASCII_LOWER_WORDS).split())
        found -= STOP_WORDS
        found -= _ONE_CHARACTER_WORDS
        return found
    found = set(TOKEN.findall(text.lower()))  # dedupe first: the filter below then sees each word once
    found -= STOP_WORDS
    return {t for t in found if len(t) > 1}


def story_detail(story: Story) -> str:
    """The line under a story's title (light fields only: no need to read the whole story)."""
    return _clip(story.dek or story.summary or f"{len(story.sources)} sources")


def story_text(story: Story) -> str:
    parts: list[str] = [story.title, story.dek or "", story.summary, story.category or "", *story.tags, story.note]
    parts += [c.text for c in story.claims]
    parts += [d.about + " " + " ".join(v.value for v in d.values) for d in story.disputes]
    parts += [f.question + " " + f.answer for f in story.faq]
    parts += [t.text for t in story.timeline]
    parts += [f"{s.outlet or ''} {s.title} {s.author or ''}" for s in story.sources]
    return "\n".join(parts)


def article_detail(article: Article) -> str:
    return " · ".join(x for x in (article.outlet, article.author,
                                   article.published.date().isoformat() if article.published else None) if x)


def article_text(article: Article, full: bool = True) -> str:
    """What the index holds of an article: what its page shows (its whole body, or only its excerpt)."""
    return "\n".join([article.title, article.outlet or "", article.author or "", article.category or "",
                      *article.tags, article.body if full else lede(article.body)])


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def index_pages(docs: Iterable[SearchDoc]) -> list[Page]:
    """docs.json plus one postings file per shard; O(total words)."""
    table: list[list[str]] = []
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for number, doc in enumerate(docs):
        table.append([doc.url, doc.title, doc.kind, doc.detail])
        for term in terms(doc.text):
            postings[term].append(number)
    shards: dict[str, dict[str, list[int]]] = {}
    for term, ids in postings.items():
        shards.setdefault(shard_name(term), {})[term] = ids
    pages = [Page(INDEX_DIR + "docs.json", _json({"docs": table, "shards": sorted(shards)}))]
    # terms sorted: set order changes with each process's string hash seed, and output must not
    pages += [Page(f"{INDEX_DIR}t/{name}.json", _json(dict(sorted(shard.items()))))
              for name, shard in sorted(shards.items())]
    return pages


@dataclass(frozen=True, slots=True)
class DocHead:
    """A document's row in docs.json: what an update needs of every document besides the changed ones."""

    url: str
    title: str
    kind: str
    detail: str


def updated_index_pages(heads: list[DocHead], changed: dict[int, tuple[str, str]], shards: set[str],
                        previous: Callable[[str], bytes | None]) -> tuple[list[Page], list[str]] | None:
    """The last build's index brought up to date: (pages that changed, shard paths that stay as they are).

    The caller vouches that the documents are the last build's, in the same order (numbers are
    positions), with ``shards`` the last index's shard names. ``changed``: doc number -> (old text,
    new text) for every document whose text may differ; the others have the same text as last time.
    ``previous(path)`` gives a file of the last build's index. None when a shard to update can't be
    read; the caller then builds the index anew with :func:`index_pages`. Equal, byte for byte, to what
    index_pages would write.
    """
    edits: defaultdict[str, dict[str, tuple[set[int], set[int]]]] = defaultdict(dict)  # shard -> term -> (-, +)
    for number, (old_text, new_text) in changed.items():
        before, after = terms(old_text), terms(new_text)
        for term in before - after:
            edits[shard_name(term)].setdefault(term, (set(), set()))[0].add(number)
        for term in after - before:
            edits[shard_name(term)].setdefault(term, (set(), set()))[1].add(number)
    shard_names = set(shards)
    pages = []
    for name, term_edits in sorted(edits.items()):
        shard = _updated_shard(name, term_edits, shard_names, previous)
        if shard is None:
            return None
        if shard:
            shard_names.add(name)
            pages.append(Page(f"{INDEX_DIR}t/{name}.json", _json(dict(sorted(shard.items())))))
        else:
            shard_names.discard(name)
    table = [[h.url, h.title, h.kind, h.detail] for h in heads]
    pages.insert(0, Page(INDEX_DIR + "docs.json", _json({"docs": table, "shards": sorted(shard_names)})))
    kept = [f"{INDEX_DIR}t/{name}.json" for name in sorted(shard_names - set(edits))]
    return pages, kept


def _updated_shard(name: str, term_edits: dict[str, tuple[set[int], set[int]]], existing: set[str],
                   previous: Callable[[str], bytes | None]) -> dict[str, list[int]] | None:
    data = previous(f"{INDEX_DIR}t/{name}.json") if name in existing else b"{}"
    if data is None:
        return None
    shard: dict[str, list[int]] = orjson.loads(data)
    for term, (removed, added) in term_edits.items():
        ids = [n for n in shard.get(term, ()) if n not in removed]
        for number in added:
            bisect.insort(ids, number)
        if ids:
            shard[term] = ids
        else:
            shard.pop(term, None)
    return shard


def _json(value: object) -> bytes:
    """Compact JSON, as ``json.dumps(separators=(",", ":"), ensure_ascii=False)`` writes it (the index holds only
    strings, ints, lists and dicts, on which orjson's bytes are the same)."""
    return orjson.dumps(value)
