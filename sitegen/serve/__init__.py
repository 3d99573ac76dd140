"""`sitegen serve`: a preview that rebuilds on every change and reloads open pages.

Modules: ``session`` (one serve run), ``loop`` (watch → debounce → build), ``watch`` (file events or
polling), ``server`` (HTTP, base path, traversal guard, event stream), ``state`` (what pages are told),
``client/`` (the external reload script and overlay stylesheet, served only by the dev server).
"""
from __future__ import annotations

from .loop import Debounce, Rebuilder, watch_and_rebuild
from .session import Preview, ServeOptions
from .state import BuildError, LiveState

__all__ = ["BuildError", "Debounce", "LiveState", "Preview", "Rebuilder", "ServeOptions", "watch_and_rebuild"]
