"""The objects file is appended to, not rewritten: an edit costs a short append; what a failed build
appended is dropped; dead objects are compacted away; and two builds of one site never interleave."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from sitegen import cache
from sitegen.build import build
from sitegen.errors import SitegenError

from conftest import HANG_GUARD
from test_incremental_build import check, edit, make_site

pytestmark = pytest.mark.usefixtures("steady_code")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path)


def full_record(site: Path) -> cache.BuildRecord:
    """The last build's record with its stories (the pages file) attached."""
    reader = cache.ObjectReader(cache.objects_path(site))
    try:
        return cache.attach_objects(site, cache.load_record(site), reader)
    finally:
        reader.close()


def objects(site: Path) -> bytes:
    return (site / cache.CACHE_DIR / cache.OBJECTS_FILE).read_bytes()


def test_an_edit_appends_and_keeps_every_earlier_byte(site: Path, tmp_path: Path) -> None:
    check(site, tmp_path)
    before = objects(site)
    edit(site / "content" / "articles" / "piece-4.md", lambda t: t.replace("Second point.", "Second point, revised."))
    check(site, tmp_path)
    after = objects(site)
    assert after.startswith(before)
    record = full_record(site)
    appended = [r.span for r in (*record.files.values(), *record.stories.values()) if r.span[0] >= len(before)]
    assert len(appended) == 2  # the edited article and its story, not every object again
    assert len(after) - len(before) == sum(span[1] for span in appended)


def test_what_a_failed_build_appended_is_cut_off(site: Path, tmp_path: Path) -> None:
    check(site, tmp_path)
    saved = cache.load_record(site).objects_size
    (site / "templates").mkdir()
    (site / "templates" / "story.html").write_text("{{ no_such_function() }}", "utf-8")
    edit(site / "content" / "articles" / "piece-0.md", lambda t: t.replace("Second point.", "Third point."))
    with pytest.raises(SitegenError):
        build(site, jobs=1)
    assert len(objects(site)) > saved  # the parse and merge of this build were appended ...
    (site / "templates" / "story.html").unlink()
    check(site, tmp_path)  # ... and the next build starts from the last good length
    record = cache.load_record(site)
    assert len(objects(site)) == record.objects_size


def test_dead_objects_are_compacted_away(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "COMPACT_SLACK", 0)
    check(site, tmp_path)
    for n in range(3):
        edit(site / "content" / "articles" / "piece-1.md", lambda t, n=n: t.replace("Second point", f"Point {n}", 1))
        check(site, tmp_path)
    record = full_record(site)
    live = sum(r.span[1] for r in (*record.files.values(), *record.stories.values()))
    header = len(cache.OBJECTS_MAGIC) + cache.OBJECTS_ID_BYTES
    assert len(objects(site)) <= 2 * live + header


class LockWait(logging.Handler):
    """Set once a build says it waits for another build's lock."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.seen = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if "waiting for another build" in record.getMessage():
            self.seen.set()


def test_a_second_build_waits_for_the_first(site: Path, tmp_path: Path) -> None:
    check(site, tmp_path)
    finished = threading.Event()
    lock_wait = LockWait()
    logger = logging.getLogger("sitegen.cache")
    logger.addHandler(lock_wait)
    level, logger.level = logger.level, logging.INFO

    def second_build() -> None:
        build(site, jobs=1)
        finished.set()

    try:
        with cache.BuildLock(site):
            worker = threading.Thread(target=second_build)
            worker.start()
            assert lock_wait.seen.wait(HANG_GUARD)
            assert not finished.is_set()  # blocked on the lock while it is held
        worker.join(HANG_GUARD)
    finally:
        logger.removeHandler(lock_wait)
        logger.setLevel(level)
    assert finished.is_set()


def test_unchanged_articles_come_back_as_stubs_that_read_their_body_on_first_use(site: Path, tmp_path: Path) -> None:
    import dataclasses
    import pickle

    from sitegen import config as config_stage
    from sitegen import content
    from sitegen.errors import Diagnostics
    from sitegen.model import Article

    check(site, tmp_path)
    fresh = {a.slug: a for a in content.load(config_stage.load(site), Diagnostics()).articles}
    reader = cache.ObjectReader(cache.objects_path(site))
    try:
        record = cache.attach_objects(site, cache.load_record(site), reader)
        stubs = [f.parsed for f in record.files.values() if isinstance(f.parsed, Article)]
        assert len(stubs) == len(fresh) and all(isinstance(s, cache.ArticleStub) for s in stubs)
        assert all(s._full is None for s in stubs)  # nothing but the light fields read yet
        for stub in stubs:
            expected = fresh[stub.slug]
            assert stub.source_path == expected.source_path
            assert stub._full is None
            assert dataclasses.astuple(stub) == dataclasses.astuple(expected)  # reads the body
            assert type(pickle.loads(pickle.dumps(stub))) is Article
            assert pickle.loads(pickle.dumps(stub)) == expected
    finally:
        reader.close()


def test_a_shortened_objects_file_means_a_full_build(site: Path, tmp_path: Path) -> None:
    check(site, tmp_path)
    path = site / cache.CACHE_DIR / cache.OBJECTS_FILE
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size - 10)
    assert not cache.attach_objects(site, cache.load_record(site), cache.ObjectReader(path)).files
    edit(site / "content" / "articles" / "piece-1.md", lambda text: text + "\nOne more line.\n")
    check(site, tmp_path)  # rebuilt from scratch, and equal to a clean build
