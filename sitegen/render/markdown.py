"""Markdown -> HTML with markdown-it-py: tables, footnotes, heading anchors, opinion containers.

Raw HTML in bodies is escaped unless the site turns ``raw_html`` on; then it is sanitised with nh3.
markdown-it's own link validation already refuses ``javascript:``/``vbscript:``/``data:`` link targets.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from slugify import slugify

CONTAINERS = ("opinion", "note")


def _render_container(name: str) -> Any:
    def render(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
        if tokens[idx].nesting == 1:
            label = "Opinion" if name == "opinion" else "Note"
            return f'<aside class="{name}" aria-label="{label}">\n'
        return "</aside>\n"
    return render


@dataclass(frozen=True, slots=True)
class MarkdownRenderer:
    parser: MarkdownIt
    sanitise: bool

    def __call__(self, text: str) -> str:
        html = self.parser.render(text)
        if self.sanitise:
            html = _sanitise(html)
        return html


def _sanitise(html: str) -> str:
    """nh3 with our own markup kept: heading ids (anchors), classes (opinion, footnotes), aside labels."""
    import nh3

    attributes = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
    attributes.setdefault("*", set()).update({"class", "id"})
    attributes.setdefault("aside", set()).add("aria-label")
    return nh3.clean(html, tags=nh3.ALLOWED_TAGS | {"aside", "section"}, attributes=attributes,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener nofollow")


def make_renderer(raw_html: bool = False) -> MarkdownRenderer:
    parser = MarkdownIt("commonmark", {"html": raw_html, "typographer": False}).enable(["table", "strikethrough"])
    parser.use(footnote_plugin)
    parser.use(anchors_plugin, min_level=2, max_level=3, slug_func=lambda s: slugify(s) or "section")
    for name in CONTAINERS:
        parser.use(container_plugin, name, render=_render_container(name))
    return MarkdownRenderer(parser=parser, sanitise=raw_html)
