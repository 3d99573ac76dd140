"""What the dev server tells open pages: the generation of the site on disk and the last build error.

Shared between the rebuild loop (the one writer) and the event-stream handlers (readers) through
one condition variable, so a handler sleeps until something changes instead of polling.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BuildError:
    """A failed rebuild as the overlay shows it: ``path:line: message``."""

    text: str
    path: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One consistent view: ``version`` changes on every publish; ``generation`` on every good build."""

    version: int
    generation: int
    error: BuildError | None
    stopping: bool


class LiveState:
    """The latest build outcome; readers wait for the next change with :meth:`wait_for_change`."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._version = 0
        self._generation = 0
        self._error: BuildError | None = None
        self._stopping = False
        self.good_builds = 0
        self.failed_builds = 0

    def snapshot(self) -> Snapshot:
        with self._changed:
            return Snapshot(self._version, self._generation, self._error, self._stopping)

    def publish_success(self) -> None:
        with self._changed:
            self._generation += 1
            self.good_builds += 1
            self._error = None
            self._version += 1
            self._changed.notify_all()

    def publish_failure(self, error: BuildError) -> None:
        with self._changed:
            self.failed_builds += 1
            self._error = error
            self._version += 1
            self._changed.notify_all()

    def stop(self) -> None:
        """Wake every waiting event stream so it can close; the server can then shut down."""
        with self._changed:
            self._stopping = True
            self._version += 1
            self._changed.notify_all()

    def wait_for_change(self, seen_version: int, timeout: float) -> Snapshot:
        """Block until the version differs from ``seen_version`` (or ``timeout``); return the newest view."""
        with self._changed:
            self._changed.wait_for(lambda: self._version != seen_version, timeout=timeout)
            return Snapshot(self._version, self._generation, self._error, self._stopping)
