"""Worker processes change nothing but speed: same bytes, same order, same errors (with path and line)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen import parallel
from sitegen.build import build
from sitegen.errors import SitegenError

from test_incremental_build import article_text, make_site, reference_build, tree


def square_with_pid(offset: int, item: int) -> tuple[int, int]:
    return item * item + offset, os.getpid()


def fail_on_seven(state: None, item: int) -> int:
    if item == 7:
        raise SitegenError("seven is not allowed here", "content/articles/seven.md", 3)
    return item


needs_fork = pytest.mark.skipif(not parallel.fork_available(), reason="worker processes need fork (Linux)")


@needs_fork
def test_results_come_back_in_input_order_from_several_processes() -> None:
    items = list(range(40))
    results = parallel.map_ordered(square_with_pid, items, 5, jobs=2, chunk_size=3)
    assert [value for value, _ in results] == [i * i + 5 for i in items]
    assert len({pid for _, pid in results}) >= 1 and all(pid != os.getpid() for _, pid in results)


def test_one_job_runs_in_this_process() -> None:
    results = parallel.map_ordered(square_with_pid, [1, 2, 3], 0, jobs=1)
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


@needs_fork
def test_worker_error_keeps_its_path_and_line() -> None:
    with pytest.raises(SitegenError) as failure:
        parallel.map_ordered(fail_on_seven, list(range(20)), None, jobs=2, chunk_size=2)
    assert (failure.value.message, failure.value.path, failure.value.line) == (
        "seven is not allowed here", "content/articles/seven.md", 3)


def test_progress_reports_reach_the_total() -> None:
    seen: list[tuple[str, int, int]] = []
    parallel.map_ordered(square_with_pid, list(range(120)), 0, jobs=1, stage="render",
                         progress=lambda *args: seen.append(args))
    assert seen[-1] == ("render", 120, 120)


@needs_fork
def test_parallel_build_equals_sequential_and_reference(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sitegen.cache.code_fingerprint", lambda: "code-under-test")
    site = make_site(tmp_path)
    for index in range(6, 24):
        (site / "content" / "articles" / f"piece-{index}.md").write_text(
            article_text(f"Extra piece {index}", f"story-{index % 5}", index + 1, "Sample Ledger"), "utf-8")
    parallel_result = build(site, jobs=2, clean=True)
    parallel_tree = tree(site / "output")
    sequential = build(site, tmp_path / "sequential", jobs=1, clean=True)
    assert parallel_result.pages == sequential.pages
    assert parallel_tree == tree(tmp_path / "sequential")
    assert parallel_tree == reference_build(site, tmp_path / "reference")


@needs_fork
def test_bad_file_found_by_a_worker_is_reported_with_line(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    for index in range(6, 40):
        (site / "content" / "articles" / f"piece-{index}.md").write_text(
            article_text(f"Extra piece {index}", "port-tariff", (index % 27) + 1, "Demo Daily"), "utf-8")
    (site / "content" / "articles" / "piece-30.md").write_text("---\ntitle: ok\nauthority: 7\n---\nText.\n", "utf-8")
    with pytest.raises(SitegenError) as failure:
        build(site, jobs=2)
    assert failure.value.path is not None and failure.value.path.endswith("piece-30.md")
    assert failure.value.line == 3


def test_heavy_items_get_a_chunk_each_and_order_holds() -> None:
    assert parallel.chunks(list(range(8)), 3, alone=2) == [[0], [1], [2, 3, 4], [5, 6, 7]]
    results = parallel.map_ordered(square_with_pid, list(range(6)), 0, jobs=2, chunk_size=10, heavy_first=4)
    assert [value for value, _ in results] == [0, 1, 4, 9, 16, 25]


@needs_fork
def test_demo_site_parallel_incremental_build_equals_reference(demo_site: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The repository's demo (story files, pins, several outlets): same bytes as the plain pipeline."""
    if not (demo_site / "content" / "articles").is_dir():
        pytest.skip("the demo site has no articles yet")
    monkeypatch.setattr("sitegen.cache.code_fingerprint", lambda: "code-under-test")
    build(demo_site, jobs=2)
    assert tree(demo_site / "output") == reference_build(demo_site, tmp_path / "reference")
    article = sorted((demo_site / "content" / "articles").glob("*.md"))[0]
    article.write_text(article.read_text("utf-8") + "\nA closing line added by the test.\n", "utf-8")
    assert build(demo_site, jobs=2).incremental
    assert tree(demo_site / "output") == reference_build(demo_site, tmp_path / "reference")


FREED_HOLES = """
import sys
from sitegen import parallel

def resident_kb() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))

# 8 KB blocks come from malloc, each followed by a kept 1 KB one: freeing the big ones leaves holes in
# the heap that malloc keeps (resident), as the parse results a build stores and drops do
big, kept = [], []
for n in range(20000):
    big.append(bytes(8192) + n.to_bytes(4, "little"))
    kept.append(bytes(1024) + n.to_bytes(4, "little"))
del big
before = resident_kb()
parallel.release_free_memory()
print(before, resident_kb())
"""


@pytest.mark.skipif(parallel._malloc_trim() is None, reason="needs glibc's malloc_trim (Linux)")
def test_free_heap_pages_are_handed_back_before_workers_fork() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", FREED_HOLES], capture_output=True, text=True, check=True)
    before, after = map(int, done.stdout.split())
    assert before - after > 100_000, (before, after)  # of ~160 MB freed, most is no longer resident
