"""[Story] + Site -> [Page]: every HTML page, story.json, listings, feeds, sitemap, search index, assets.

Cost model (issue 7): each article body goes through Markdown exactly once (its own page); listings
are built by one pass over stories and articles; page contexts hold references, never copies.
"""
from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import jinja2
import orjson

from ..config import Config
from ..errors import SitegenError
from ..model import Article, Claim, Page, Published, Site, Story, last_changed, statement
from . import excerpt, search, structured
from .environment import THEME_DIR, render_template, term_slug
from .escape import xml_document
from .markdown import MarkdownRenderer

# (URL folder, heading) of each kind of listing; templates link to them through these folders.
TAXONOMIES: dict[str, str] = {"categories": "Categories", "tags": "Tags", "outlets": "Outlets"}


@dataclass(frozen=True, slots=True)
class Term:
    """One category, tag or outlet with everything filed under it."""

    kind: str  # a TAXONOMIES key
    name: str  # as first written
    slug: str
    stories: tuple[Story, ...]
    articles: tuple[Article, ...]

    @property
    def url(self) -> str:
        return f"{self.kind}/{self.slug}/"


@dataclass(frozen=True, slots=True)
class Pager:
    """Where one page of a paginated listing sits: page ``number`` of ``count``, first page at ``base``."""

    number: int  # 1-based
    count: int
    base: str  # the listing's first page, relative to the site root: "" (home) or "tags/x/"

    def url_of(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def path(self) -> str:
        return self.url_of(self.number) + "index.html"

    @property
    def newer_url(self) -> str | None:
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def older_url(self) -> str | None:
        return self.url_of(self.number + 1) if self.number < self.count else None


def page_count(total: int, size: int) -> int:
    return max(1, -(-total // size))


def page_slice(items: tuple[Any, ...], number: int, size: int) -> tuple[Any, ...]:
    return items[(number - 1) * size: number * size]


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
    terms: dict[str, tuple[Term, ...]]
    published: Published  # stable ids and old addresses (content/published.yml as this build leaves it)

    def base(self, **extra: Any) -> dict[str, Any]:
        return {"site": self.config, "stories": self.stories, "generated": self.generated,
                "taxonomies": TAXONOMIES, "story_id": self.published.id_of, **extra}

    def abs_url(self, path: str) -> str:
        return self.env.globals["abs_url"](path)  # type: ignore[no-any-return,operator]


def make_context(stories: list[Story], site: Site, config: Config, env: jinja2.Environment,
                 markdown: MarkdownRenderer) -> RenderContext:
    story_of_article: dict[str, Story] = {}
    for story in stories:
        for source in story.sources:
            story_of_article.setdefault(source.article, story)
    dates = [changed for s in stories if (changed := last_changed(s))]
    generated = max(dates) if dates else datetime(2000, 1, 1, tzinfo=timezone.utc)
    return RenderContext(config, env, markdown, tuple(stories), {a.slug: a for a in site.articles},
                         story_of_article, generated, collect_terms(stories, site.articles), site.published)


def collect_terms(stories: list[Story], articles: tuple[Article, ...]) -> dict[str, tuple[Term, ...]]:
    """Group stories and articles by category, tag and outlet; names that slugify alike share a page."""
    groups: dict[str, dict[str, tuple[str, list[Story], list[Article]]]] = {kind: {} for kind in TAXONOMIES}
    slugs: dict[str, str] = {}  # the same few outlets, tags and categories recur on every article

    def file(kind: str, name: str | None) -> tuple[str, list[Story], list[Article]] | None:
        if not name or not name.strip():
            return None
        slug = slugs.get(name)
        if slug is None:
            slug = slugs[name] = term_slug(name)
        return groups[kind].setdefault(slug, (name.strip(), [], []))

    for story in stories:
        for kind, names in (("categories", [story.category]), ("tags", story.tags)):
            for name in dict.fromkeys(names):
                if (entry := file(kind, name)) is not None:
                    entry[1].append(story)
    # The lists an article goes to, per (category, tags, outlet): a site has few such filings. Found in site
    # order, so a term keeps the spelling of the first article that names it.
    lists_of: dict[tuple[str | None, tuple[str, ...], str | None], list[list[Article]]] = {}
    for article in articles:
        filing = (article.category, article.tags, article.outlet)
        if filing not in lists_of:
            lists_of[filing] = [entry[2] for kind, names in (("categories", [article.category]),
                                                             ("tags", article.tags), ("outlets", [article.outlet]))
                                for name in dict.fromkeys(names) if (entry := file(kind, name)) is not None]
    for article in sorted(articles, key=_newest_first):  # filed newest first: no sort per term
        for filed in lists_of[(article.category, article.tags, article.outlet)]:
            filed.append(article)
    return {
        kind: tuple(Term(kind, name, slug, tuple(s), tuple(a))
                    for slug, (name, s, a) in sorted(found.items(), key=lambda item: item[1][0].lower()))
        for kind, found in groups.items()
    }


def _newest_first(article: Article) -> tuple[bool, float, str]:
    return (article.published is None, -(article.published.timestamp() if article.published else 0), article.slug)


def story_url(story: Story) -> str:
    return story_url_of(story.slug)


def article_url(slug: str) -> str:
    return f"articles/{slug}/"


def _html(ctx: RenderContext, template: str, path: str, **values: Any) -> Page:
    text = render_template(ctx.env, template, ctx.base(page_path=path.removesuffix("index.html"), **values))
    return Page(path, text.encode("utf-8"))


def story_pages(ctx: RenderContext, story: Story) -> list[Page]:
    base = story_url(story)
    note_html = under_base_path(ctx.markdown(story.note), ctx.config.base_path) if story.note else ""
    jsonld = structured.story_structured_data(story, ctx.config, ctx.abs_url, ctx.abs_url(base))
    return [
        _html(ctx, "story.html", base + "index.html", story=story, note_html=note_html,
              articles=ctx.articles, structured_data=jsonld),
        Page(base + "story.json", story_json(story)),
    ]


def story_json(story: Story) -> bytes:
    """story.json as ``json.dumps(indent=2, ensure_ascii=False) + "\\n"`` writes it, by orjson's C encoder.

    Python's json runs its pure-Python encoder whenever ``indent`` is set (~10x slower). The two agree
    byte for byte on strings, ints, bools, null and nesting; on floats only where orjson prints the same
    text as ``repr`` (not e.g. 1e-05 or NaN), so a story with any other float takes the slow path.
    Sources' ``authority`` is story.json's only float (tests/test_render_speed_equivalence.py checks that).
    """
    data = story.to_json()
    if all(_same_float_text(source.authority) for source in story.sources):
        try:
            return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
        except orjson.JSONEncodeError:  # e.g. an int past 64 bits: json can write it, orjson cannot
            pass
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _same_float_text(value: object) -> bool:
    if type(value) is not float:
        return True
    return math.isfinite(value) and orjson.dumps(value) == repr(value).encode("ascii")


def article_page(ctx: RenderContext, article: Article) -> Page:
    """The article's page: its whole text with ``article_pages: full``; else its lede, the story's claims
    it supports with its own quotes, and a canonical link to the original (the text is the outlet's)."""
    path = article_url(article.slug)
    full = ctx.config.article_pages == "full"
    story = ctx.story_of_article.get(article.slug)
    source = next((s for s in story.sources if s.article == article.slug), None) if story is not None else None
    jsonld = structured.article_structured_data(article, ctx.config, ctx.abs_url(path))
    return _html(ctx, "article.html", path + "index.html", article=article, story=story, source=source,
                 body_html=under_base_path(ctx.markdown(article.body), ctx.config.base_path) if full else "",
                 excerpt="" if full else excerpt.lede(article.body),
                 supported=[] if full or source is None else supported_claims(story, source.id),
                 canonical_url="" if full else (article.url or ""),
                 structured_data=jsonld)


def supported_claims(story: Story, source_id: str) -> list[tuple[Claim, list[str]]]:
    """The story's claims one source supports, each with that source's own quotes of it."""
    return [(claim, [statement(q.text) for q in claim.quotes if q.source == source_id])
            for claim in story.claims if source_id in claim.sources]


def has_article_pages(config: Config) -> bool:
    return config.article_pages != "none"


_ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')


def under_base_path(html: str, base_path: str) -> str:
    """Rendered Markdown with its root-relative links ("/static/x.png") under the site's base path, as on a
    GitHub project site ("/repo/static/x.png"). A link already under the base path stays as written (the
    build warned about it: content.warn_on_files)."""
    if base_path == "/" or ' href="/' not in html and ' src="/' not in html:
        return html
    kept = base_path[1:]
    return _ROOT_RELATIVE.sub(lambda m: m.group(0) if html.startswith(kept, m.end()) or
                              html.startswith(kept.rstrip("/") + '"', m.end()) else m.group(1) + base_path, html)


def term_pages(ctx: RenderContext) -> list[Page]:
    """A list of every category/tag/outlet, and the pages of each term."""
    result = []
    for kind in TAXONOMIES:
        result.append(term_list_page(ctx, kind, ctx.terms[kind]))
        for term in ctx.terms[kind]:
            count = term_page_count(ctx, term)
            result.extend(term_page(ctx, term, Pager(number, count, term.url)) for number in range(1, count + 1))
    return result


def term_list_page(ctx: RenderContext, kind: str, terms: tuple[Term, ...]) -> Page:
    """The page listing every term of one kind (categories, tags or outlets)."""
    return _html(ctx, "terms.html", f"{kind}/index.html", kind=kind, heading=TAXONOMIES[kind], terms=terms)


def term_page_count(ctx: RenderContext, term: Term) -> int:
    """A term's stories and articles are paged side by side: page n shows the n-th slice of each."""
    return page_count(max(len(term.stories), len(term.articles)), ctx.config.page_size)


def term_page(ctx: RenderContext, term: Term, pager: Pager) -> Page:
    size = ctx.config.page_size
    shown = Term(term.kind, term.name, term.slug, page_slice(term.stories, pager.number, size),
                 page_slice(term.articles, pager.number, size))
    return _html(ctx, "term.html", pager.path, term=shown, pager=pager, heading=TAXONOMIES[term.kind],
                 story_of_article=ctx.story_of_article)


def site_pages(ctx: RenderContext) -> list[Page]:
    """Every page that is not one story's, one article's or one term's."""
    count = home_page_count(ctx)
    homes = [home_page(ctx, Pager(number, count, ""), page_slice(ctx.stories, number, ctx.config.page_size))
             for number in range(1, count + 1)]
    return [*homes, *fixed_pages(ctx), *redirect_pages(ctx), feed_page(ctx, ctx.stories[:ctx.config.feed_size]),
            sitemap_page(ctx)]


def home_page_count(ctx: RenderContext) -> int:
    return page_count(len(ctx.stories), ctx.config.page_size)


def home_page(ctx: RenderContext, pager: Pager, stories: tuple[Story, ...]) -> Page:
    """One page of the home listing: ``stories`` are the ones on it, newest first."""
    return _html(ctx, "index.html", pager.path, stories=stories, pager=pager,
                 structured_data=structured.website_structured_data(ctx.config, ctx.abs_url))


def redirect_pages(ctx: RenderContext) -> list[Page]:
    """A page at each old story address (a rename, a merge) that sends readers and crawlers to the story's
    address now: meta refresh, canonical and a plain link."""
    live = {story.slug: story for story in ctx.stories}
    return [_html(ctx, "redirect.html", story_url_of(old) + "index.html", story=live[new], target=story_url(live[new]))
            for old, new in sorted(ctx.published.redirects.items()) if new in live and old not in live]


def story_url_of(slug: str) -> str:
    return f"stories/{slug}/"


def fixed_pages(ctx: RenderContext) -> list[Page]:
    """Pages that list nothing: the 404 page, the search page, robots.txt."""
    return [
        _html(ctx, "404.html", "404.html"),
        _html(ctx, "search.html", "search/index.html"),
        Page("robots.txt", render_template(ctx.env, "robots.txt", ctx.base()).encode("utf-8")),
    ]


def feed_page(ctx: RenderContext, newest: tuple[Story, ...]) -> Page:
    """The Atom feed of the ``newest`` stories (config feed_size)."""
    return Page("feed.xml", xml_document(render_template(ctx.env, "feed.xml", ctx.base(stories=newest))))


def sitemap_page(ctx: RenderContext) -> Page:
    """sitemap.xml; its ``entries`` ((loc, lastmod) pairs) are made here, in Python: a template loop with a
    sort and two filters per URL cost ~0.15 s at 12,000 URLs, in every build that changes anything."""
    abs_url, isodate = ctx.env.filters["abs_url"], ctx.env.filters["isodate"]
    generated = isodate(ctx.generated)
    entries = [(abs_url(""), generated)]
    entries += [(abs_url(f"stories/{s.slug}/"), isodate(changed) if (changed := last_changed(s)) else "")
                for s in ctx.stories]
    articles = ctx.articles if ctx.config.article_pages == "full" else {}  # an excerpt's canonical is elsewhere
    entries += [(abs_url(f"articles/{slug}/"), isodate(articles[slug].published) if articles[slug].published else "")
                for slug in sorted(articles, key=str.lower)]  # as Jinja's dictsort orders them
    for kind in sorted(ctx.terms, key=str.lower):
        entries.append((abs_url(kind + "/"), generated))
        entries += [(abs_url(term.url), generated) for term in ctx.terms[kind]]
    return Page("sitemap.xml", xml_document(render_template(ctx.env, "sitemap.xml", ctx.base(
        articles=ctx.articles, terms=ctx.terms, entries=entries))))


def search_heads(ctx: RenderContext) -> list[search.DocHead]:
    """Every search document's row, in index order (light fields only)."""
    heads = [search.DocHead(story_url(s), s.title, "story", search.story_detail(s)) for s in ctx.stories]
    heads += [search.DocHead(article_url(a.slug), a.title, "article", search.article_detail(a))
              for a in searched_articles(ctx)]
    return heads


def searched_articles(ctx: RenderContext) -> Iterable[Article]:
    """The articles the search index holds (documents after the stories): those that have a page."""
    return ctx.articles.values() if has_article_pages(ctx.config) else ()


def search_pages(ctx: RenderContext, story_text: Callable[[Story], str] = search.story_text) -> list[Page]:
    """The search index; ``story_text`` may supply a story's text from elsewhere (the build keeps it in its
    cache file, so the stories need not be read back whole)."""
    # one text at a time: all of them at once held a copy of every article body (~55 MB at 10,000 articles)
    full = ctx.config.article_pages == "full"
    texts = itertools.chain((story_text(s) for s in ctx.stories),
                            (search.article_text(a, full) for a in searched_articles(ctx)))
    return search.index_pages(search.SearchDoc(h.url, h.title, h.kind, h.detail, text)
                              for h, text in zip(search_heads(ctx), texts))


def static_files(config: Config) -> Iterator[tuple[str, Path]]:
    """(output path, source file) for the theme's static assets, then the site's (which win)."""
    for folder in (THEME_DIR / "static", config.static_dir):
        if not folder.is_dir():
            continue
        allowed = (THEME_DIR if folder.is_relative_to(THEME_DIR) else config.root).resolve()
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                if not path.resolve().is_relative_to(allowed):  # a symlink out of the site must not publish
                    raise SitegenError(f"symlink points outside the site ({path.resolve()}); "
                                       "copy the file in instead", path)
                yield "static/" + path.relative_to(folder).as_posix(), path


def pages(stories: list[Story], site: Site, config: Config, env: jinja2.Environment,
          markdown: MarkdownRenderer) -> list[Page]:
    """Every page of the site, in a stable order."""
    ctx = make_context(stories, site, config, env, markdown)
    result = site_pages(ctx)
    for story in stories:
        result.extend(story_pages(ctx, story))
    if has_article_pages(config):
        result.extend(article_page(ctx, article) for article in site.articles)
    result.extend(term_pages(ctx))
    result.extend(search_pages(ctx))
    assets = dict(static_files(config))
    result.extend(Page(path, source.read_bytes()) for path, source in assets.items())
    return result
