"""Placeholder merge: groups articles by `story:` and lists sources. Replaced by the real merge."""
from __future__ import annotations

from slugify import slugify

from ..config import Config
from ..errors import Diagnostics
from ..model import Article, Confidence, Provenance, Site, Source, Story, StoryFile


def merge_story(key: str, articles: list[Article], story_file: StoryFile | None, config: Config) -> Story:
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or 0, a.slug))
    sources = tuple(
        Source(id=f"s{i}", article=a.slug, outlet=a.outlet, title=a.title, url=a.url, published=a.published,
               role="original", author=a.author, cites=a.cites, authority=a.authority)
        for i, a in enumerate(ordered, 1)
    )
    dates = [a.published for a in ordered if a.published]
    title = (story_file.title if story_file and story_file.title else ordered[0].title)
    return Story(
        slug=slugify(key) or "story", key=key, title=title,
        summary=(story_file.summary if story_file and story_file.summary else "") or "",
        confidence=Confidence("low", "Not yet assessed."), sources=sources,
        provenance=Provenance(independent_lines=len(sources)),
        dek=story_file.dek if story_file else None,
        category=(story_file.category if story_file and story_file.category else ordered[0].category),
        first_seen=min(dates) if dates else None, updated=max(dates) if dates else None,
        note=story_file.note if story_file else "",
    )


def stories(site: Site, config: Config, diagnostics: Diagnostics) -> list[Story]:
    groups: dict[str, list[Article]] = {}
    for article in site.articles:
        groups.setdefault(article.story or article.slug, []).append(article)
    merged = [merge_story(k, v, site.story_files.get(k), config) for k, v in sorted(groups.items())]
    return sorted(merged, key=lambda s: (s.updated is None, -(s.updated.timestamp() if s.updated else 0), s.slug))
