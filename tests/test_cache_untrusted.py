"""The build cache is part of an untrusted site folder: whatever is in ``.sitegen-cache/`` (a code-running
pickle, a truncated or garbage file, one flipped byte, a FIFO, a symlink, another site's cache), a build
runs nothing from it, never hangs or crashes, prints one warning when it had to ignore it, and its output
equals a clean build's byte for byte; so does the build after it (issue 15)."""
from __future__ import annotations

import logging
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from sitegen import cache
from sitegen.build import build
from sitegen.render_stage import compiled_templates_folder

from test_incremental_build import edit, make_site, reference_build, tree

pytestmark = pytest.mark.usefixtures("steady_code")

REPO = Path(__file__).resolve().parents[1]
CACHE_FILES = (cache.CACHE_FILE, cache.PAGES_FILE, cache.OBJECTS_FILE)


class RunsCode:
    """Unpickling this runs a shell command: what a hostile cache file would hold."""

    def __init__(self, sentinel: Path) -> None:
        self.sentinel = sentinel

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.sentinel}",))


def code_running_pickle(sentinel: Path) -> Callable[[bytes], bytes]:
    return lambda data: pickle.dumps(RunsCode(sentinel))


def flipped(offset: float) -> Callable[[bytes], bytes]:
    def flip(data: bytes) -> bytes:
        at = min(len(data) - 1, int(len(data) * offset))
        return data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1:]
    return flip


def damages(sentinel: Path) -> dict[str, Callable[[bytes], bytes]]:
    return {"pickle": code_running_pickle(sentinel), "truncated": lambda data: data[:len(data) // 2],
            "empty": lambda data: b"", "garbage": lambda data: os.urandom(len(data)),
            "flip-first": flipped(0.0), "flip-header": flipped(0.01), "flip-middle": flipped(0.5),
            "flip-last": flipped(1.0)}


def cache_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and "cache" in r.getMessage()]


@pytest.fixture
def built(tmp_path: Path) -> Path:
    site = make_site(tmp_path)
    build(site, jobs=2)
    return site


@pytest.mark.parametrize("name", CACHE_FILES)
def test_every_damage_to_every_cache_file_costs_one_full_build(name: str, built: Path, tmp_path: Path,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    site = built
    sentinel = tmp_path / "pwned"
    expected = reference_build(site, tmp_path / "reference")
    pristine = tmp_path / "pristine-cache"
    shutil.copytree(site / cache.CACHE_DIR, pristine)
    for label, damage in damages(sentinel).items():
        shutil.rmtree(site / cache.CACHE_DIR)
        shutil.copytree(pristine, site / cache.CACHE_DIR)
        target = site / cache.CACHE_DIR / name
        target.write_bytes(damage(target.read_bytes()))
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="sitegen"):
            build(site, jobs=2)
        assert len(cache_warnings(caplog)) == 1, (label, cache_warnings(caplog))
        assert tree(site / "output") == expected, label
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="sitegen"):
            build(site, jobs=2)
        assert cache_warnings(caplog) == [], label  # the build after it finds a sound cache
        assert tree(site / "output") == expected, label
    assert not sentinel.exists()


def test_damage_met_while_rendering_starts_the_build_over_once(built: Path, tmp_path: Path,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    """An object damaged in place with its file's size and mtime kept is only found when read, by a
    render worker: the build then starts over without the cache, with one warning."""
    site = built
    objects = site / cache.CACHE_DIR / cache.OBJECTS_FILE
    stat = objects.stat()
    record = cache.load_record(site.resolve())
    story_offset = min(span[0] for span in _story_spans(site)) + 40
    data = bytearray(objects.read_bytes())
    data[story_offset] ^= 0x01
    objects.write_bytes(bytes(data))
    os.utime(objects, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache.objects_stat(site.resolve()) == record.objects_stat  # the damage is not visible from outside
    (site / "templates").mkdir()  # every page renders again, so every story is read
    (site / "templates" / "story.html").write_text('{% extends "theme/story.html" %}\n', "utf-8")
    with caplog.at_level(logging.WARNING, logger="sitegen"):
        build(site, jobs=2)
    assert len(cache_warnings(caplog)) == 1
    assert tree(site / "output") == reference_build(site, tmp_path / "reference")


def _story_spans(site: Path) -> list[tuple[int, int, str]]:
    reader = cache.ObjectReader(cache.objects_path(site.resolve()))
    try:
        record = cache.attach_objects(site.resolve(), cache.load_record(site.resolve()), reader)
        return [story.span for story in record.stories.values() if story.span is not None]
    finally:
        reader.close()


def test_fifos_symlinks_and_folders_in_the_cache_are_never_followed_or_waited_on(built: Path, tmp_path: Path) -> None:
    """Run through the CLI with a time limit: a FIFO read would block forever."""
    site = built
    secret = tmp_path / "secret.txt"
    secret.write_text("private\n", "utf-8")
    folder = site / cache.CACHE_DIR
    (folder / cache.CACHE_FILE).unlink()
    os.mkfifo(folder / cache.CACHE_FILE)
    (folder / cache.PAGES_FILE).unlink()
    (folder / cache.PAGES_FILE).symlink_to(secret)
    (folder / cache.OBJECTS_FILE).unlink()
    (folder / cache.OBJECTS_FILE).symlink_to("/dev/zero")
    (folder / cache.LOCK_FILE).unlink()
    (folder / cache.LOCK_FILE).symlink_to(tmp_path / "lock-elsewhere")
    edit(site / "content" / "articles" / "piece-0.md", lambda t: t.replace("First point 1.", "Opening point 1."))
    done = subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(site)], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert secret.read_text("utf-8") == "private\n" and not (tmp_path / "lock-elsewhere").exists()
    assert tree(site / "output") == reference_build(site, tmp_path / "reference")


def test_a_symlinked_cache_folder_is_refused(tmp_path: Path) -> None:
    from sitegen.errors import SitegenError

    site = make_site(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (site / cache.CACHE_DIR).symlink_to(elsewhere)
    with pytest.raises(SitegenError, match="not a plain folder"):
        build(site, jobs=1)
    assert list(elsewhere.iterdir()) == []


def test_a_cache_from_another_site_or_machine_gives_this_sites_output(tmp_path: Path,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    """A cache restored from elsewhere (a CI cache, a copy of another checkout) is data, checked: it is
    used only where it proves to fit, and the output is this site's."""
    other = make_site(tmp_path / "other")
    edit(other / "content" / "articles" / "piece-1.md", lambda t: t.replace("Piece number 1", "Other title"))
    (other / "content" / "articles" / "piece-3.md").unlink()
    build(other, jobs=2)
    same = make_site(tmp_path / "same")  # the same content in another folder: a fresh clone
    build(same, jobs=2)
    site = make_site(tmp_path / "here")
    for source in (other, same):
        shutil.rmtree(site / cache.CACHE_DIR, ignore_errors=True)
        shutil.copytree(source / cache.CACHE_DIR, site / cache.CACHE_DIR)
        build(site, jobs=2)
        assert tree(site / "output") == reference_build(site, tmp_path / "reference")
        edit(site / "content" / "articles" / "piece-4.md", lambda t: t.replace("Second point", "Next point", 1))
        build(site, jobs=2)
        assert tree(site / "output") == reference_build(site, tmp_path / "reference")


def test_compiled_templates_live_outside_the_site_and_damage_only_costs_a_compile(built: Path,
                                                                                  tmp_path: Path) -> None:
    site = built
    folder = compiled_templates_folder(site.resolve())
    assert folder is not None and not folder.is_relative_to(site.resolve())
    compiled = sorted(folder.iterdir())
    assert compiled
    for offset, path in enumerate(compiled):
        path.write_bytes(flipped((offset % 3) / 2)(path.read_bytes()))
    build(site, jobs=2, clean=True)
    assert tree(site / "output") == reference_build(site, tmp_path / "reference")
    assert not any(p.suffix == ".cache" for p in (site / cache.CACHE_DIR).rglob("*"))



def test_front_matter_keys_of_the_sites_own_survive_the_cache_as_written() -> None:
    """``extra`` holds any value YAML's safe loader makes; the data-only cache gives each one back as it was,
    and a damaged entry is damage, not a crash."""
    from datetime import date, datetime, timezone
    from typing import Any

    import orjson

    from sitegen import cache_codec

    table = dict[str, Any]
    encode, _ = cache_codec._codec(table)
    value = {"summary": "A short dek", "weight": 3, "ratio": 0.5, "pinned": True, "none": None,
             "when": date(2026, 3, 2), "at": datetime(2026, 3, 2, 9, 30, tzinfo=timezone.utc),
             "tags": ["a", {"nested": [1, 2], 7: b"\x00raw"}], "ids": {1, 2}}
    assert cache_codec.from_plain(table, orjson.loads(orjson.dumps(encode(value)))) == value
    for damaged in ({"k": ["d", [[["l", []], 1]]]}, {"k": ["date", "not a date"]}, {"k": ["x", 1]}, "plain",
                    {"k": ["s", [["l", []]]]}, {"k": ["d", [1]]}, {"k": ["b", "***"]}):
        with pytest.raises(cache_codec.CacheDamaged):
            cache_codec.from_plain(table, damaged)
