"""Template filters for the lists a story page repeats hundreds of times (citations, key-point links).

A story page cites its ~5 sources some 165 times; as a Jinja macro each citation cost ~6 µs (a macro call,
a dozen escapes), most of the page's render time. Here each distinct citation is built once per page and
looked up after that. The page's structure stays in ``theme/story.html``; these filters only make the
small repeated fragments, and a site template that wants other markup can loop in Jinja instead.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from jinja2 import TemplateRuntimeError
from markupsafe import Markup

from ..model import Source
from .escape import escape_str, escape_text


class Citations:
    """``cite[ids]`` (or ``cite(ids)``): the citation links for source ids, numbered as the source list.

    ``ids`` is a sequence of source ids, or one id. An id no source has is shown as itself, without a
    title. Built by ``{% set cite = story.sources|citations %}``; lives for one render.
    """

    __slots__ = ("_by_id", "_number", "_links", "_groups")

    def __init__(self, sources: Iterable[Source]) -> None:
        sources = tuple(sources)
        self._by_id = {s.id: s for s in sources}
        self._number = {s.id: n for n, s in enumerate(sources, 1)}
        self._links: dict[str, str] = {}
        self._groups: dict[Any, Markup] = {}

    def __getitem__(self, ids: Any) -> Markup:
        try:
            return self._groups[ids]
        except KeyError:
            pass
        except TypeError:  # a list: remembered by the tuple of its ids
            return self[tuple(ids)]
        html = self._groups[ids] = self._group(ids)
        return html

    __call__ = __getitem__

    def _group(self, ids: Any) -> Markup:
        if not ids:
            return Markup("")
        try:
            links = [self._link(ids)] if isinstance(ids, str) else [self._link(sid) for sid in ids]
        except TypeError as exc:  # Jinja reads a TypeError from x[y] as "no such item": fail loudly instead
            raise TemplateRuntimeError(f"cite: {exc}") from exc
        return Markup('<span class="cites">' + "".join(links) + "</span>")

    def _link(self, sid: str) -> str:
        link = self._links.get(sid)
        if link is None:
            source = self._by_id.get(sid)
            number = escape_text(self._number.get(sid, sid))
            title = (f' title="{escape_text(source.outlet or "Unknown outlet")}: {escape_text(source.title)}"'
                     if source else "")
            outlet = f", {escape_text(source.outlet)}" if source and source.outlet else ""
            link = self._links[sid] = (f'<a class="cite" href="#source-{escape_text(sid)}"{title} '
                                       f'aria-label="source {number}{outlet}">[{number}]</a>')
        return link


def citations(sources: Iterable[Source]) -> Citations:
    return Citations(sources)


def index_by(items: Iterable[Any], attribute: str) -> dict[Any, Any]:
    """``story.sources|index_by('id')``: {item.id: item}."""
    return {getattr(item, attribute): item for item in items}


def number_by(items: Iterable[Any], attribute: str) -> dict[Any, int]:
    """``story.claims|number_by('id')``: {item.id: its 1-based position}."""
    return {getattr(item, attribute): number for number, item in enumerate(items, 1)}


def anchor_links(ids: Iterable[Any], prefix: str, numbers: Mapping[Any, Any], separator: str = ", ") -> Markup:
    """``s.claims|anchor_links('claim-', claim_number)``: links to ``#claim-<id>`` labelled with each id's
    number (the id itself when it has none), joined by ``separator``."""
    prefix, number_of = escape_text(prefix), numbers.get
    return Markup(str(escape_text(separator)).join(  # str(): a Markup separator would escape the links
        [f'<a href="#{prefix}{_escaped(i)}">{_escaped(number_of(i, i))}</a>' for i in ids]))


def _escaped(value: object) -> str:
    """HTML-escaped text of an id or number; ids ("c12") and numbers need no escaping and skip its cost."""
    if type(value) is int:
        return str(value)
    text = value if type(value) is str else str(value)
    return text if text.isalnum() else escape_str(text)


def source_ids(articles: Iterable[str], sources: Iterable[Source]) -> list[str]:
    """``entry.sources|source_ids(story.sources)``: the ids of the story's sources for these article slugs
    (a history entry names articles; one no longer in the story has no id and is left out)."""
    id_of = {s.article: s.id for s in sources}
    return [id_of[a] for a in articles if a in id_of]


FILTERS = {"citations": citations, "index_by": index_by, "number_by": number_by, "anchor_links": anchor_links,
           "source_ids": source_ids}
