"""The one name a source goes by, on the page and in story.json.

The outlet (as config.yml's ``outlets:`` spells it, else as the article's front matter does); else the
domain of the article's URL (``www.`` dropped); else none, which pages show as "Unknown outlet". Never a
headline or an internal id. An ``outlet:`` value that reads like a headline (a colon inside, or more
than six words: ingest can mistake a page's kicker for its outlet) is not taken as a name.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from ..config import Config
from ..model import Article

UNKNOWN_OUTLET = "Unknown outlet"
MAX_NAME_WORDS = 6


def source_name(article: Article, config: Config) -> str | None:
    """The source's name, or None when neither an outlet nor a URL names it."""
    configured = config.outlet(article.outlet)
    if configured:
        return configured.name
    if article.outlet and _reads_like_a_name(article.outlet, article.title):
        return article.outlet.strip()
    return url_domain(article.url)


def _reads_like_a_name(outlet: str, title: str) -> bool:
    outlet = outlet.strip()
    return bool(outlet) and ": " not in outlet and len(outlet.split()) <= MAX_NAME_WORDS and outlet != title.strip()


def url_domain(url: str | None) -> str | None:
    """``https://www.example.com/a`` -> ``example.com``; None when there is no host."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")
