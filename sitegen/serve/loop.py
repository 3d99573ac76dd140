"""Watch → debounce → rebuild → publish: one rebuild per burst of file events.

A burst (an editor's save-as-rename, a `git checkout`, fifty scripted writes) is gathered until the
files have been quiet for ``quiet`` seconds, or ``max_wait`` seconds passed since its first event
(so a file written non-stop still gets previewed). Events arriving during a build start one more
build right after it. Only ``sitegen.build.build`` is called: how it builds is its own business.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..build import BuildResult, build
from ..cache import BuildMemo
from ..errors import Diagnostics, SitegenError
from .state import BuildError, LiveState
from .watch import Watcher

log = logging.getLogger("sitegen.serve")

BuildFunction = Callable[..., object]


@dataclass(frozen=True, slots=True)
class Debounce:
    quiet: float = 0.05  # seconds without events that end a burst (an editor's save takes a few ms)
    max_wait: float = 1.0  # longest a burst can postpone its build
    idle_poll: float = 0.5  # how often the idle loop checks for a stop request


@dataclass(slots=True)
class Rebuilder:
    """Builds the site into the served folder and publishes the outcome to open pages."""

    site_root: Path
    out_dir: Path
    base_url: str
    state: LiveState
    drafts: bool = False
    build_fn: BuildFunction = field(default=build)
    # Keeps parsed articles and merged stories in memory between rebuilds (the build's own cache).
    memo: BuildMemo = field(default_factory=BuildMemo)

    def rebuild(self, changed: frozenset[str] | None = None) -> bool:
        """Build; ``changed``: the files the watcher saw change since the last rebuild (None: unknown)."""
        started = time.perf_counter()
        try:
            result = self.build_fn(self.site_root, self.out_dir, drafts=self.drafts, diagnostics=Diagnostics(),
                                   base_url=self.base_url, memo=self.memo, changed=changed)
        except SitegenError as exc:
            error = self.describe(exc)
            log.error("build failed: %s (still serving the last good build)", error.text)
            self.state.publish_failure(error)
            return False
        except Exception as exc:  # a bug in a stage must not kill the preview: show it and keep serving
            log.exception("build crashed")
            self.state.publish_failure(BuildError(f"internal error: {type(exc).__name__}: {exc}"))
            return False
        seconds = time.perf_counter() - started
        pages = (f" ({result.written} pages written, {result.skipped} unchanged)"
                 if isinstance(result, BuildResult) else "")
        if self.state.good_builds or self.state.failed_builds:
            log.info("rebuilt in %.2fs%s; reloading open pages", seconds, pages)
        else:
            log.info("built in %.2fs%s", seconds, pages)
        self.state.publish_success()
        return True

    def describe(self, exc: SitegenError) -> BuildError:
        """``path:line: message`` with the path relative to the site when it is inside it."""
        path = exc.path
        if path is not None:
            candidate = Path(path)
            if candidate.is_absolute() and candidate.resolve().is_relative_to(self.site_root.resolve()):
                path = str(candidate.resolve().relative_to(self.site_root.resolve()))
        shown = SitegenError(exc.message, path, exc.line)
        return BuildError(str(shown), path, exc.line)


def wait_for_quiet(watcher: Watcher, debounce: Debounce) -> int:
    """After a first event: absorb further events until quiet; returns how many extra waits saw changes."""
    first = time.monotonic()
    absorbed = 0
    while True:
        remaining = debounce.max_wait - (time.monotonic() - first)
        if remaining <= 0 or not watcher.changed(min(debounce.quiet, remaining)):
            return absorbed
        absorbed += 1


def watch_and_rebuild(watcher: Watcher, rebuilder: Rebuilder, stop: threading.Event,
                      debounce: Debounce = Debounce()) -> None:
    """Run until ``stop`` is set: each burst of input changes gives exactly one rebuild."""
    while not stop.is_set():
        if not watcher.changed(debounce.idle_poll):
            continue
        wait_for_quiet(watcher, debounce)
        if stop.is_set():
            return
        rebuilder.rebuild(watcher.take_changes())
