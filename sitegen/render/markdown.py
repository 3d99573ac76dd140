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
            import nh3

            html = nh3.clean(html, url_schemes={"http", "https", "mailto"})
        return html


def make_renderer(raw_html: bool = False) -> MarkdownRenderer:
    parser = MarkdownIt("commonmark", {"html": raw_html, "typographer": False}).enable(["table", "strikethrough"])
    parser.use(footnote_plugin)
    parser.use(anchors_plugin, min_level=2, max_level=3, slug_func=lambda s: slugify(s) or "section")
    for name in CONTAINERS:
        parser.use(container_plugin, name, render=_render_container(name))
    return MarkdownRenderer(parser=parser, sanitise=raw_html)
