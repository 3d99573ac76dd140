"""The merge: a site's articles -> canonical stories (claims, badges, disputes, provenance, timeline, FAQ).

Public interface (the build calls exactly this):

* :func:`stories` — every story of the site, newest first by ``updated``;
* :func:`merge_story` — one story from its articles (pure; the incremental build caches on its inputs);
* :func:`clusters` — article slugs per automatic cluster, for ``sitegen check``;
* :func:`load_merge_code` — import the merge's heavy modules ahead of the first merge.

The merge never reads files. Modules: ``grouping`` (which articles form a story), ``sentences``
(Markdown -> sentences and FAQ pairs), ``features`` (names, numbers, dates), ``claims`` (sentence
grouping), ``independence`` (roles, copies, owners, attributions), ``hedges`` (lexicons),
``badges``, ``disputes``, ``assertions`` (disputes that are not figures), ``faq`` and ``story`` (assembly,
timeline, summary, confidence).
"""
from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

from ..config import Config
from ..errors import Diagnostics
from ..model import Article, Site, Story, StoryFile
from .grouping import group_site

__all__ = ["stories", "merge_story", "clusters", "load_merge_code"]


def load_merge_code() -> None:
    """Import what merging needs (numpy, the lexicons) now rather than at the first merge: a long-lived
    process (``sitegen serve``) calls it while idle, so the first edit's rebuild does not pay ~0.1 s."""
    from . import story  # noqa: F401


def merge_story(key: str, articles: list[Article], story_file: StoryFile | None, config: Config) -> Story:
    """Merge one story's articles into its canonical Story (deterministic, order-independent)."""
    from .story import merge_story as merge_one  # numpy and the lexicons load only when something is merged

    return merge_one(key, articles, story_file, config)


def _newest_first(story: Story) -> tuple[bool, float, str]:
    stamp = story.updated.timestamp() if story.updated else datetime.min.replace(tzinfo=timezone.utc).timestamp()
    return (story.updated is None, -stamp, story.slug)


def stories(site: Site, config: Config, diagnostics: Diagnostics) -> list[Story]:
    """All stories of the site: grouped by key/pins/automatic clusters, merged, newest first."""
    from ..published import assign

    grouping = group_site(site, config, diagnostics)
    slugs = assign(grouping.groups, site.story_files, site.published).slugs
    merged = []
    for key in sorted(grouping.groups):
        story = merge_story(key, grouping.groups[key], site.story_files.get(key), config)
        if slugs[key] != story.slug:
            story = dataclasses.replace(story, slug=slugs[key])
        merged.append(story)
    for key, story_file in sorted(site.story_files.items()):
        if key not in grouping.groups:
            diagnostics.warn(f"story file '{key}' matches no article", story_file.source_path)
    return sorted(merged, key=_newest_first)


def clusters(site: Site, config: Config) -> list[list[str]]:
    """Article slugs per automatic cluster (articles with no story key, grouped by similarity)."""
    return group_site(site, config).automatic
