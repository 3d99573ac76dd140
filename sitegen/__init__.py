"""sitegen: curated story pages from many outlets, as a static site."""

__version__ = "0.1.0"
