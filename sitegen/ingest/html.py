"""Saved HTML pages -> Markdown-ish text plus metadata, through trafilatura (a maintained extractor).

We do not parse HTML by hand: trafilatura finds the article body and the page metadata
(title, author, canonical URL, site name, categories), and htmldate (its date engine) finds the
publication time with its zone. The text then goes through the same line rules as plain text.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from .dates import parse_iso

log = logging.getLogger("sitegen.ingest.html")


@dataclass(frozen=True, slots=True)
class HtmlPage:
    text: str  # Markdown from trafilatura: '#' headings, '- ' lists, links kept
    title: str | None = None
    author: str | None = None
    url: str | None = None
    sitename: str | None = None
    published: datetime | date | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


class ExtractorMissing(Exception):
    """A library HTML extraction needs is not importable (a broken or partial install)."""


def _import_extractor() -> tuple[object, object]:
    # Imported on first use: text and Markdown ingest must keep working without them, and a
    # partial install (lxml without its separate html-clean module, say) must end in one clear
    # line naming the missing piece rather than a traceback.
    try:
        import trafilatura
        from htmldate import find_date
    except ImportError as exc:
        missing = exc.name or str(exc)
        raise ExtractorMissing(f"saved HTML needs the module '{missing}', which is not installed "
                               f"({exc}); reinstall sitegen with pip to bring its dependencies") from exc
    return trafilatura, find_date


def extract(html: str) -> HtmlPage:
    """The article text and metadata of a saved page; empty text when there is no article in it.

    Raises ExtractorMissing when the extraction libraries cannot be imported.
    """
    trafilatura, find_date = _import_extractor()

    text = trafilatura.extract(html, output_format="markdown", include_links=True, include_formatting=False,
                               include_comments=False, include_tables=True, favor_recall=True,
                               deduplicate=False) or ""
    meta = trafilatura.extract_metadata(html)
    published: datetime | date | None = None
    try:
        stamp = find_date(html, outputformat="%Y-%m-%dT%H:%M:%S%z", original_date=True, extensive_search=False)
    except Exception:  # htmldate is best-effort on broken markup; a missing date is only a warning
        log.debug("htmldate failed", exc_info=True)
        stamp = None
    if stamp:
        # htmldate prints midnight when the page gave only a day; keep it a date then
        published = parse_iso(stamp[:10] if stamp.endswith("T00:00:00") else stamp)
    elif meta is not None and meta.date:
        published = parse_iso(meta.date)
    if meta is None:
        return HtmlPage(text=text, published=published)
    return HtmlPage(
        text=text,
        title=meta.title or None,
        author=meta.author or None,
        url=meta.url or None,
        sitename=meta.sitename or None,
        published=published,
        categories=tuple(c for c in (meta.categories or []) if c),
        tags=tuple(t for t in (meta.tags or []) if t),
    )
