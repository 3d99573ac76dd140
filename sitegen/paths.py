"""Where sitegen's own files are (a module of its own, so that knowing it imports nothing heavy)."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
THEME_DIR = PACKAGE_DIR / "theme"
