"""The serve loop: bursts of writes give a bounded number of rebuilds, one reload event per rebuild,
a failed rebuild keeps the last good site and reports file:line, and the next good build clears it."""
from __future__ import annotations

import http.client
import json
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

from sitegen.commands.new import scaffold
from sitegen.serve import Debounce, Preview, ServeOptions
from sitegen.serve import watch
from sitegen.serve.watch import PollingWatcher, Watcher, is_noise, make_watcher

from conftest import HANG_GUARD

ARTICLE = Path("content/articles/example-wire-first-report.md")
WRITES = 50


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    scaffold(root)
    return root


class EventLog:
    """Reads a dev server's event stream in a thread and keeps every event."""

    def __init__(self, port: int, base_path: str) -> None:
        self.events: list[tuple[str, dict[str, object]]] = []
        self._arrived = threading.Condition()
        self._conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HANG_GUARD)
        self._conn.request("GET", base_path + "__sitegen/events")
        self._response = self._conn.getresponse()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        name = ""
        for raw in self._response:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                name = line[len("event: "):]
            elif line.startswith("data: "):
                with self._arrived:
                    self.events.append((name, json.loads(line[len("data: "):])))
                    self._arrived.notify_all()

    def named(self, name: str) -> list[dict[str, object]]:
        return [data for event, data in self.events if event == name]

    def wait_for(self, name: str, count: int) -> None:
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.named(name)) >= count, timeout=HANG_GUARD)
        assert len(self.named(name)) >= count, f"waited for {count} {name!r} events, got {self.events}"

    def wait_for_reload_to(self, generation: int) -> None:
        def arrived() -> bool:
            return any(data["generation"] >= generation for data in self.named("reload"))  # type: ignore[operator]
        with self._arrived:
            self._arrived.wait_for(arrived, timeout=HANG_GUARD)
        assert arrived(), f"waited for a reload to generation {generation}, got {self.events}"

    def close(self) -> None:
        self._thread.join(HANG_GUARD)
        self._conn.close()


# A burst ends after half a second without writes: the test's writes come faster than that even on a
# loaded machine, so a burst is not cut by a stall of the writing process.
DEBOUNCE = Debounce(quiet=0.5, max_wait=5.0)


@pytest.fixture(params=[False, True], ids=["events", "poll"])
def preview(request: pytest.FixtureRequest, site: Path) -> Iterator[Preview]:
    options = ServeOptions(site, port=0, poll=request.param, debounce=DEBOUNCE)
    with Preview(options) as live:
        live.start()
        live.watch_in_background()
        yield live


def wait_until_served(preview: Preview, page: Path, text: str) -> None:
    """Wait for a published build whose ``page`` holds ``text``."""
    seen = preview.state.snapshot().version
    while text not in page.read_text():
        now = preview.state.wait_for_change(seen, HANG_GUARD).version
        assert now != seen, f"no build published {text!r} in {page}"
        seen = now


def test_fifty_rapid_writes_give_few_rebuilds_and_one_reload_each(preview: Preview, site: Path) -> None:
    stream = EventLog(preview.port, preview.base_path)
    stream.wait_for("hello", 1)
    builds_before = preview.state.good_builds
    text = (site / ARTICLE).read_text()
    for number in range(WRITES):
        (site / ARTICLE).write_text(text.replace("expansion joints", f"joints, draft {number}"))
        time.sleep(0.005)  # an editor saving in a loop
    built = preview.out_dir / "articles/example-wire-first-report/index.html"
    wait_until_served(preview, built, f"draft {WRITES - 1}")  # the last write is what is served
    stream.wait_for_reload_to(preview.state.snapshot().generation)  # and open pages were told
    preview.close()  # ends the loop after the build in progress, if any: the counts are final
    stream.close()
    rebuilds = preview.state.good_builds - builds_before
    print(f"\n{WRITES} rapid writes -> {rebuilds} rebuild(s)")
    assert 1 <= rebuilds <= 3
    assert preview.state.failed_builds == 0
    # one reload per finished rebuild, never more (a stream tells only the newest of two quick builds, and
    # a build finishing as the preview closes may go untold)
    generations = [data["generation"] for data in stream.named("reload")]
    assert generations == sorted(set(generations)) and 1 <= len(generations) <= rebuilds
    assert preview.kept and f"draft {WRITES - 1}" in built.read_text()  # kept for the next session


def test_failed_rebuild_keeps_last_good_site_and_reports_file_and_line(preview: Preview, site: Path) -> None:
    stream = EventLog(preview.port, preview.base_path)
    stream.wait_for("hello", 1)
    page = preview.out_dir / "stories/harbour-bridge-repairs/index.html"
    good = page.read_bytes()
    broken = site / "templates" / "story.html"
    broken.write_text('{% extends "theme/story.html" %}\n{% block content %}\n{% if %}\n{% endblock %}\n')
    stream.wait_for("error", 1)
    error = stream.named("error")[0]
    assert str(error["error"]).startswith("templates/story.html:3: ")
    assert error["line"] == 3
    assert page.read_bytes() == good
    reloads = len(stream.named("reload"))
    broken.write_text('{% extends "theme/story.html" %}\n')
    stream.wait_for("reload", reloads + 1)
    assert preview.state.snapshot().error is None


def test_editor_temp_files_do_not_trigger_rebuilds(site: Path) -> None:
    watcher = make_watcher(site)
    try:
        (site / "content" / "articles" / ".example.md.swp").write_text("x")
        (site / "content" / "articles" / "4913").write_text("")
        assert watcher.changed(0.3) is False
        (site / "content" / "articles" / "new-one.md").write_text("x")
        assert watcher.changed(HANG_GUARD) is True
    finally:
        watcher.close()
    assert is_noise("page.md~") and not is_noise("page.md")


def test_new_folders_and_output_writes(site: Path) -> None:
    """A folder made under content/ is watched too; the build's own output/ never counts as a change."""
    watcher = make_watcher(site)
    try:
        (site / "output" / "x").mkdir(parents=True)
        (site / "output" / "x" / "index.html").write_text("built")
        assert watcher.changed(0.3) is False
        (site / "content" / "extra").mkdir()
        assert watcher.changed(HANG_GUARD) is True
        (site / "content" / "extra" / "a.md").write_text("x")
        assert watcher.changed(HANG_GUARD) is True
    finally:
        watcher.close()


def test_polling_watcher_sees_config_changes(site: Path) -> None:
    watcher = PollingWatcher(site, interval=0.02)
    assert watcher.changed(0.1) is False
    (site / "config.yml").write_text((site / "config.yml").read_text() + "\n# touched\n")
    assert watcher.changed(HANG_GUARD) is True


@pytest.mark.parametrize("poll", [False, True])
def test_watchers_name_the_files_that_changed_or_say_they_cannot(site: Path, poll: bool) -> None:
    watcher = PollingWatcher(site, interval=0.02) if poll else make_watcher(site)
    articles = site / "content" / "articles"
    try:
        assert watcher.take_changes() == frozenset()
        new, edited = str(articles / "new-one.md"), str(site / ARTICLE)
        (articles / "new-one.md").write_text("x")
        (site / ARTICLE).write_text((site / ARTICLE).read_text() + "\nMore.\n")
        assert changes_until(watcher, {new, edited}) == {new, edited}
        assert watcher.take_changes() == frozenset()  # taken: the next rebuild starts afresh
        (articles / "new-one.md").unlink()
        # (the edit's last event may come in a later batch when the writing process was paused mid-write)
        assert new in changes_until(watcher, {new}) <= {new, edited}
        if not poll:  # a folder's files can't be listed from its events: the rebuild must walk
            (articles / "sub").mkdir()
            assert changes_until(watcher, {str(articles / "sub")}) is None
    finally:
        watcher.close()


def changes_until(watcher: Watcher, expected: set[str]) -> frozenset[str] | None:
    """The files the watcher names until it has named all of ``expected`` (None once it says it can't)."""
    seen: set[str] = set()
    while not expected <= seen:
        assert watcher.changed(HANG_GUARD), f"waited for {expected - seen}"
        taken = watcher.take_changes()
        if taken is None:
            return None
        seen |= taken
    return frozenset(seen)


def test_a_burst_too_big_to_trust_makes_the_rebuild_walk(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watch, "BIG_BURST", 0)  # every batch counts as too big
    watcher = watch.NativeWatcher(site)
    try:
        (site / "content" / "articles" / "new-one.md").write_text("x")
        assert changes_until(watcher, {str(site / "content" / "articles" / "new-one.md")}) is None
    finally:
        watcher.close()


def test_a_preview_session_leaves_the_site_output_incremental(site: Path) -> None:
    """serve builds into a folder of its own; the next `sitegen build` still rewrites only what changed."""
    from sitegen.build import build

    build(site, jobs=1)
    output = site / "output"
    before = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    with Preview(ServeOptions(site, port=0)) as live:
        live.start()
        assert (live.out_dir / "index.html").is_file()
    after_preview = build(site, jobs=1)
    assert after_preview.written == 0 and after_preview.skipped == after_preview.pages
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()} == before
