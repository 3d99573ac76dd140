"""[Story] + Site -> [Page]: every HTML page, story.json, feeds, sitemap, robots and static assets."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import jinja2

from ..config import Config
from ..model import Article, Page, Site, Story
from .environment import THEME_DIR, render_template
from .markdown import MarkdownRenderer


@dataclass(frozen=True, slots=True)
class RenderContext:
    """What every page template may use; built once per build."""

    config: Config
    env: jinja2.Environment
    markdown: MarkdownRenderer
    stories: tuple[Story, ...]
    articles: dict[str, Article]
    story_of_article: dict[str, Story]
    generated: datetime

    def base(self, **extra: Any) -> dict[str, Any]:
        return {"site": self.config, "stories": self.stories, "generated": self.generated, **extra}


def make_context(stories: list[Story], site: Site, config: Config, env: jinja2.Environment,
                 markdown: MarkdownRenderer) -> RenderContext:
    story_of_article = {}
    for story in stories:
        for source in story.sources:
            story_of_article.setdefault(source.article, story)
    dates = [s.updated for s in stories if s.updated]
    generated = max(dates) if dates else datetime(2000, 1, 1, tzinfo=timezone.utc)
    return RenderContext(config, env, markdown, tuple(stories), {a.slug: a for a in site.articles},
                         story_of_article, generated)


def story_url(story: Story) -> str:
    return f"stories/{story.slug}/"


def article_url(slug: str) -> str:
    return f"articles/{slug}/"


def _html(ctx: RenderContext, template: str, path: str, **values: Any) -> Page:
    text = render_template(ctx.env, template, ctx.base(page_path=path.removesuffix("index.html"), **values))
    return Page(path, text.encode("utf-8"))


def story_pages(ctx: RenderContext, story: Story) -> list[Page]:
    base = story_url(story)
    note_html = ctx.markdown(story.note) if story.note else ""
    data = json.dumps(story.to_json(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    return [
        _html(ctx, "story.html", base + "index.html", story=story, note_html=note_html,
              articles=ctx.articles),
        Page(base + "story.json", data.encode("utf-8")),
    ]


def article_page(ctx: RenderContext, article: Article) -> Page:
    return _html(ctx, "article.html", article_url(article.slug) + "index.html", article=article,
                 body_html=ctx.markdown(article.body), story=ctx.story_of_article.get(article.slug))


def site_pages(ctx: RenderContext) -> list[Page]:
    return [
        _html(ctx, "index.html", "index.html"),
        _html(ctx, "404.html", "404.html"),
        _xml(ctx, "feed.xml"),
        _xml(ctx, "sitemap.xml"),
        Page("robots.txt", render_template(ctx.env, "robots.txt", ctx.base()).encode("utf-8")),
    ]


def _xml(ctx: RenderContext, name: str) -> Page:
    return Page(name, render_template(ctx.env, name, ctx.base(articles=ctx.articles)).encode("utf-8"))


def static_files(config: Config) -> Iterator[tuple[str, Path]]:
    """(output path, source file) for the theme's static assets, then the site's (which win)."""
    for folder in (THEME_DIR / "static", config.static_dir):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                yield "static/" + path.relative_to(folder).as_posix(), path


def pages(stories: list[Story], site: Site, config: Config, env: jinja2.Environment,
          markdown: MarkdownRenderer) -> list[Page]:
    """Every page of the site, in a stable order."""
    ctx = make_context(stories, site, config, env, markdown)
    result = site_pages(ctx)
    for story in stories:
        result.extend(story_pages(ctx, story))
    for article in site.articles:
        result.append(article_page(ctx, article))
    assets = dict(static_files(config))
    result.extend(Page(path, source.read_bytes()) for path, source in assets.items())
    return result
