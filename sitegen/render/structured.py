"""schema.org JSON-LD for a page's <head>: plain dicts, serialised in the template by the ``jsonld`` filter.

Built in Python rather than in Jinja so the structure is testable and the template stays cheap.
"""
from __future__ import annotations

from typing import Any, Callable

from ..config import Config
from ..model import Article, Story, iso, last_changed

AbsUrl = Callable[[str], str]


class JsonLd(dict[str, Any]):
    """A JSON-LD object built here from strings, lists and dicts only (no floats): the ``jsonld`` filter may
    write it with orjson, whose bytes equal json.dumps's on everything but some floats."""


def _drop_empty(data: dict[str, Any]) -> JsonLd:
    """The items whose value is not None, "", [] or {}: ``v not in (None, "", [], {})``, tested by type
    (only an empty str, list or dict equals one of those) instead of four comparisons per value."""
    return JsonLd({k: v for k, v in data.items() if v is not None and (v or not isinstance(v, (str, list, dict)))})


def _publisher(config: Config, abs_url: AbsUrl) -> JsonLd:
    return {"@type": "Organization", "name": config.title, "url": abs_url("")}


def story_news_article(story: Story, config: Config, abs_url: AbsUrl, page_url: str) -> JsonLd:
    """NewsArticle: the sources it cites (``citation``) and the source URLs it is based on (``isBasedOn``)."""
    citations = [
        _drop_empty({"@type": "NewsArticle", "headline": s.title, "url": s.url,
                     "datePublished": iso(s.published),
                     "publisher": {"@type": "Organization", "name": s.outlet} if s.outlet else None,
                     "author": {"@type": "Person", "name": s.author} if s.author else None})
        for s in story.sources
    ]
    return _drop_empty({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "description": story.dek or story.summary,
        "url": page_url,
        "mainEntityOfPage": page_url,
        "datePublished": iso(story.first_seen),
        "dateModified": iso(last_changed(story) or story.first_seen),
        "articleSection": story.category,
        "keywords": list(story.tags),
        "inLanguage": config.language,
        "publisher": _publisher(config, abs_url),
        "citation": citations,
        "isBasedOn": [s.url for s in story.sources if s.url],
        "correction": [{"@type": "CorrectionComment", "text": c.text, "datePublished": c.date}
                       for c in story.corrections],
    })


def story_faq_page(story: Story, page_url: str) -> JsonLd | None:
    """FAQPage for the story's FAQ, or None when it has none."""
    if not story.faq:
        return None
    return JsonLd({
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": page_url + "#faq",
        "mainEntity": [
            {"@type": "Question", "name": item.question,
             "acceptedAnswer": {"@type": "Answer", "text": item.answer}}
            for item in story.faq
        ],
    })


def story_structured_data(story: Story, config: Config, abs_url: AbsUrl, page_url: str) -> list[JsonLd]:
    faq = story_faq_page(story, page_url)
    return [story_news_article(story, config, abs_url, page_url)] + ([faq] if faq else [])


def article_structured_data(article: Article, config: Config, page_url: str) -> list[JsonLd]:
    """The cleaned copy describes the original: isBasedOn points at it."""
    return [_drop_empty({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": page_url,
        "datePublished": iso(article.published),
        "dateModified": iso(article.updated),
        "description": article.summary,
        "author": {"@type": "Person", "name": article.author} if article.author else None,
        "publisher": {"@type": "Organization", "name": article.outlet} if article.outlet else None,
        "articleSection": article.category,
        "keywords": list(article.tags),
        "inLanguage": config.language,
        "isBasedOn": article.url,
    })]


def website_structured_data(config: Config, abs_url: AbsUrl) -> list[JsonLd]:
    return [_drop_empty({"@context": "https://schema.org", "@type": "WebSite", "name": config.title,
                         "description": config.description, "url": abs_url("")})]
