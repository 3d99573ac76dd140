"""One input text -> IngestResult: detect, extract metadata, drop noise, rebuild structure."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..config import Config
from ..content import slug_of
from ..errors import SitegenError
from . import clean, html, inline, metadata, shape
from .dates import parse_iso
from .detect import detect_format, repair_mojibake
from .result import DroppedLine, FrontMatter, IngestResult
from .rules import CompiledRule, compile_rules
from .structure import build_body
from .text import Line, split_lines

log = logging.getLogger("sitegen.ingest")

_FRONT_MATTER_KEYS = ("title", "outlet", "url", "published", "author", "story", "category", "tags",
                      "syndicated_from", "reposted_by", "cites", "authority", "ratings", "draft")
_RATING_RULES = ("aggregator-analysis", "sentiment-verdict")
_KICKER_RULES = ("promo-link",)  # rules a headline with a kicker ('WATCH: ...') can match
# Line detectors by shape and place (sitegen.ingest.shape), run in this order on the lines the rules kept;
# the story-vocabulary ones and the short labels run after them (see _clean).
_SHAPE_DETECTORS = (shape.timestamp_lines, shape.nav_rows, shape.title_case_banners, shape.symbol_framed, shape.caption_doubles,
                    shape.linked_headlines, shape.id_lines)


@dataclass(slots=True)
class _Preset:
    """Facts known before reading the text: HTML metadata or a Markdown file's own front matter."""

    values: dict[str, Any] = field(default_factory=dict)
    line_offset: int = 0  # body line 1 is this many lines into the input
    warnings: list[str] = field(default_factory=list)


def ingest_text(text: str, *, source_name: str, config: Config, story: str | None = None,
                rules: tuple[CompiledRule, ...] | None = None, story_words: shape.StoryWords | None = None) -> IngestResult:
    """Turn one raw article (plain text, HTML or Markdown) into front matter and a clean body.

    ``story_words`` is the vocabulary of the story this article is ingested with (see
    :func:`shape.story_words`); with it, lines unrelated to the story are found too.
    """
    text, repaired = repair_mojibake(text.replace("\r\n", "\n").replace("\r", "\n"))
    fmt = detect_format(text, Path(source_name).suffix)
    preset, body_text = _preset(text, fmt, source_name)
    warnings = list(preset.warnings)
    if repaired:
        warnings.append(f"repaired {repaired} garbled character sequence(s) (UTF-8 read as a single-byte code page)")
    lines = [Line(line.no + preset.line_offset, line.text) for line in split_lines(body_text)]
    rules = rules if rules is not None else compile_rules(config)
    top = inline.edit_top(lines)
    lines = inline.split_glued_times(inline.strip_markers(top.lines, top.dropped))
    found, lines, kept, dropped = _clean(lines, rules, preset.values, story_words, top)
    dropped.extend(top.dropped)
    body = build_body([lines[i] for i in kept])
    dropped.extend(body.dropped)
    front, more_warnings = _front_matter(found, preset.values, config, story, lines, kept, source_name)
    warnings.extend(more_warnings)
    if not body.markdown.strip():
        warnings.append("the body is empty after cleaning; check --explain for what was dropped")
    return IngestResult(
        front_matter=front,
        body=body.markdown,
        dropped=tuple(sorted(dropped, key=lambda d: d.line_no)),
        warnings=tuple(warnings),
        slug=make_slug(front.title, source_name),
        source_format=fmt,
    )


def _preset(text: str, fmt: str, source_name: str) -> tuple[_Preset, str]:
    if fmt == "html":
        try:
            page = html.extract(text)
        except html.ExtractorMissing as exc:
            raise SitegenError(str(exc), source_name) from exc
        if not page.text.strip():
            raise SitegenError("no article text found in this HTML page", source_name)
        values = {"title": page.title, "author": page.author, "url": page.url, "outlet": page.sitename,
                  "published": page.published, "category": page.categories[0] if page.categories else None,
                  "tags": page.tags}
        return _Preset({k: v for k, v in values.items() if v}), page.text
    if fmt == "markdown":
        from ..frontmatter import split

        doc = split(text, Path(source_name))
        preset = _Preset(line_offset=doc.body_line - 1)
        for key, value in doc.meta.items():
            if key in _FRONT_MATTER_KEYS:
                if value is not None and value != "" and value != []:
                    preset.values[key] = value
            else:
                preset.warnings.append(f"front-matter key '{key}' is not an article field; it was left out")
        if isinstance(preset.values.get("published"), str):
            preset.values["published"] = parse_iso(preset.values["published"])
        return preset, doc.body
    return _Preset(), text


def _clean(lines: list[Line], rules: tuple[CompiledRule, ...], known: dict[str, Any],
           story_words: shape.StoryWords | None, top: inline.Edited) -> tuple[
        metadata.Found, list[Line], list[int], list[DroppedLine]]:
    """Metadata lines found and consumed, noise dropped; returns (facts, lines as edited, kept indices, dropped)."""
    found = metadata.Found(published=top.published)
    found.offer_outlet(top.outlet, 6)
    matches = clean.first_matches(lines, rules)
    found.consumed.update(clean.doubled_lines(lines))
    matched = {i for i, rule in enumerate(matches) if rule is not None}
    found.consumed.update(clean.truncated_ledes(lines, matched | set(found.consumed)))
    skip = matched | set(found.consumed)
    end = metadata.header_end(lines, skip)
    metadata.find_header_facts(lines, found, skip, end)
    metadata.find_dateline(lines, found, skip | set(found.consumed), end)
    title_index = None
    if known.get("title"):
        found.title = str(known.get("title")).strip()
    else:
        site_key = metadata.outlet_key(known.get("url") or found.url)
        related = None if story_words is None else lambda t: shape.is_related(t, story_words)
        title_index = metadata.find_title(lines, skip | set(found.consumed), found.consumed, related, site_key)
        if title_index is None:  # the only headline may carry a kicker a promo rule matched ('WATCH: ...')
            promos = {i for i, rule in enumerate(matches) if rule is not None and rule.name in _KICKER_RULES
                      and metadata.has_title_kicker(lines[i].text)}
            title_index = metadata.find_title(lines, (skip - promos) | set(found.consumed), found.consumed, related,
                                              site_key)
        for index, rule in found.consumed.items():
            if rule == "masthead":  # the name, without a motto after a dash or a bar
                found.offer_outlet(re.split(r"\s[—–|:·-]\s", lines[index].text, maxsplit=1)[0], 3)
            elif rule == "site-banner":
                found.offer_outlet(metadata.spelled_name(lines[index].text, site_key), 3)
        if title_index is not None:
            found.title, affixes = metadata.title_affixes(lines[title_index].text, site_key)
            found.consumed[title_index] = "title"
            top.dropped.extend(DroppedLine(lines[title_index].no, affix, "title-affix") for affix in affixes)
    metadata.find_anywhere_facts(lines, found, set(found.consumed))
    if found.title:
        for index in range((title_index or -1) + 1, len(lines)):
            if index not in found.consumed and metadata.repeated_title(lines[index].text.lstrip("# "), found.title):
                found.consumed[index] = "repeated-title"
    kept, dropped = clean.apply_rules(lines, matches, found.consumed)
    extra = {i: "author-box" for i in clean.author_box_lines(lines, kept, found.author)}
    extra.update({i: "duplicate-paragraph" for i in clean.duplicate_paragraphs(lines, kept)})
    kept, dropped = _drop(lines, kept, dropped, extra)
    for detector in _SHAPE_DETECTORS:
        kept, dropped = _drop(lines, kept, dropped, detector(lines, kept))
    kept, dropped = _drop(lines, kept, dropped, shape.recurring_lines(lines, kept, story_words))
    kept, dropped = _drop(lines, kept, dropped, shape.off_topic_sections(lines, kept, story_words))
    kept, dropped = _drop(lines, kept, dropped, shape.unrelated_lines(lines, kept, story_words, found.title))
    kept, dropped = _drop(lines, kept, dropped, shape.short_labels(lines, kept))
    lines = inline.drop_sentences(lines, rules, kept, dropped, metadata.outlet_key(known.get("url") or found.url))
    lines = inline.cut_unfinished_ending(lines, kept, dropped)
    found.ratings = metadata.find_ratings([d.text for d in dropped if d.rule in _RATING_RULES])
    credit_lines = [lines[i].text for i, rule in found.consumed.items() if rule == "source-credit"]
    found.cites = metadata.find_cites(sorted_texts(lines, kept, found.consumed))
    if not found.outlet and credit_lines:
        names = metadata.find_cites(credit_lines)
        found.offer_outlet(names[0] if names else None, 8)
    return found, lines, kept, dropped


def _drop(lines: list[Line], kept: list[int], dropped: list[DroppedLine], found: dict[int, str]) -> tuple[
        list[int], list[DroppedLine]]:
    """Kept indices without ``found``'s, and ``found``'s lines added to the dropped ones with their rule."""
    if not found:
        return kept, dropped
    dropped.extend(DroppedLine(lines[i].no, lines[i].text, rule) for i, rule in sorted(found.items()))
    return [i for i in kept if i not in found], dropped


def sorted_texts(lines: list[Line], kept: list[int], consumed: dict[int, str]) -> list[str]:
    """Kept lines and 'Source: X' credit lines in page order (where attributions are read)."""
    indices = sorted(set(kept) | {i for i, rule in consumed.items() if rule == "source-credit"})
    return [lines[i].text for i in indices if lines[i].text]


def _front_matter(found: metadata.Found, preset: dict[str, Any], config: Config, story: str | None,
                  lines: list[Line], kept: list[int], source_name: str) -> tuple[FrontMatter, list[str]]:
    warnings: list[str] = []
    url = preset.get("url") or found.url
    outlet = _outlet(preset.get("outlet"), found, url, config)
    title = found.title
    if not title:
        title = metadata.title_from_lede(lines, kept, url)
        if title:
            warnings.append("no headline line found; the title is the first sentence or the URL's words: check it")
        else:
            title = Path(source_name).stem
            warnings.append("no headline found; the title is the file name: replace it")
    configured = config.outlet(outlet)
    ratings = tuple(found.ratings.items())
    authority = preset.get("authority")
    if authority is None:
        authority = configured.authority if configured and configured.authority is not None else found.ratings.get(
            "authority")
    reposted_by = preset.get("reposted_by") or found.reposted_by
    excluded = {n.casefold() for n in (outlet, reposted_by) if n}
    cites = tuple(c for c in (*_as_tuple(preset.get("cites")), *found.cites) if c.casefold() not in excluded)
    front = FrontMatter(
        title=str(title).strip(),
        outlet=outlet,
        url=url,
        published=_moment(preset.get("published")) or found.published or metadata.date_from_url(url),
        author=preset.get("author") or found.author,
        story=story or preset.get("story"),
        category=preset.get("category") or found.category,
        tags=_as_tuple(preset.get("tags")),
        syndicated_from=preset.get("syndicated_from") or found.syndicated_from,
        reposted_by=reposted_by,
        cites=tuple(dict.fromkeys(cites)),
        authority=float(authority) if isinstance(authority, (int, float)) else None,
        ratings=_ratings(preset.get("ratings")) or ratings,
        draft=bool(preset.get("draft", False)),
    )
    if missing := front.missing():
        warnings.append(f"not in the input, left null for you to fill: {', '.join(missing)}")
    return front, warnings


def _outlet(preset: Any, found: metadata.Found, url: str | None, config: Config) -> str | None:
    """The outlet's name, canonicalised through config ``outlets:`` when it is listed there."""
    for outlet in config.outlets:  # a configured domain beats any text cue
        if url and outlet.domain and metadata.outlet_from_url(url) in (outlet.domain, f"www.{outlet.domain}"):
            return outlet.name
    found.offer_outlet(metadata.outlet_from_url(url), 5)
    name = str(preset) if preset else found.outlet
    configured = config.outlet(name)
    return configured.name if configured else name


def _moment(value: Any) -> datetime | date | None:
    if isinstance(value, (datetime, date)):
        return value
    if isinstance(value, str):
        return parse_iso(value)
    return None


def _as_tuple(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(str(v).strip() for v in value if str(v).strip())


def _ratings(value: Any) -> tuple[tuple[str, float], ...]:
    if not isinstance(value, dict):
        return ()
    return tuple((str(k), float(v)) for k, v in value.items() if isinstance(v, (int, float)))


def make_slug(title: str, source_name: str) -> str:
    """File-name slug from the title; titles with no Latin letters get a stable hash."""
    return slug_of(title, hash_of=title or source_name)
