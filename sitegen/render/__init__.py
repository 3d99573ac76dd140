"""Render stage: [Story] + Site + Config -> [Page]. Computes no facts; only presents them."""
from .environment import make_environment, render_template
from .markdown import make_renderer
from .pages import pages

__all__ = ["make_environment", "make_renderer", "pages", "render_template"]
