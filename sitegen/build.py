"""One build: config -> content -> merge -> render -> write. Data flows one way."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from . import config as config_stage
from . import content, merge, output, render
from .errors import Diagnostics, SitegenError

log = logging.getLogger("sitegen.build")


@dataclass(frozen=True, slots=True)
class BuildResult:
    out_dir: Path
    pages: int
    stories: int
    articles: int
    seconds: float


def build(site_dir: Path, out_dir: Path | None = None, *, drafts: bool = False, strict: bool = False,
          diagnostics: Diagnostics | None = None, base_url: str | None = None) -> BuildResult:
    """Build the site; raises SitegenError (old output intact) on bad input, or on any warning if strict."""
    started = time.perf_counter()
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    config = config_stage.load(site_dir)
    if base_url is not None:
        config = config_stage.with_base_url(config, base_url)
    target = (out_dir if out_dir is not None else config.root / config.output_dir).resolve()
    _refuse_dangerous_target(target, config.root)
    site = content.load(config, diagnostics, include_drafts=drafts)
    stories = merge.stories(site, config, diagnostics)
    env = render.make_environment(config, strict=strict)
    pages = render.pages(stories, site, config, env, render.make_renderer(config.raw_html))
    if strict and diagnostics.warnings:
        first = diagnostics.warnings[0]
        raise SitegenError(f"{len(diagnostics.warnings)} warning(s) and --strict is on; first: {first.message}",
                           first.path, first.line)
    output.write(pages, target)
    result = BuildResult(target, len(pages), len(stories), len(site.articles), time.perf_counter() - started)
    log.info("built %d pages (%d stories, %d articles) in %.2fs -> %s", result.pages, result.stories,
             result.articles, result.seconds, target)
    return result


def _refuse_dangerous_target(target: Path, root: Path) -> None:
    """Never replace the site itself, a parent of it, or a content folder with build output."""
    root = root.resolve()
    if target == root or root.is_relative_to(target) or target in {root / "content", root / "templates",
                                                                  root / "static"}:
        raise SitegenError(f"refusing to use {target} as the output folder: it holds the site's own files")
