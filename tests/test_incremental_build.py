"""The build cache is never a correctness risk: after every edit, an incremental build's output is
byte-for-byte the output of a clean, sequential, cache-free build (content.load -> merge.stories ->
render.pages -> output.write), and unchanged pages keep their files (same mtime)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable

import pytest

from sitegen import config as config_stage
from sitegen import content, merge, output, published, render
from sitegen.build import BuildResult, build
from sitegen.errors import Diagnostics, SitegenError

pytestmark = pytest.mark.usefixtures("steady_code")  # see conftest.py

WORDS = ("harbour council approved the new tariff plan after a long review of port records and "
         "regional trade data while analysts questioned the timing of the vote").split()


def article_text(title: str, story: str, day: int, outlet: str, extra: str = "") -> str:
    sentences = " ".join(" ".join(WORDS[(day + i) % len(WORDS):] + WORDS[:(day + i) % len(WORDS)]).capitalize()
                         + "." for i in range(3))
    return (f"---\ntitle: {title}\noutlet: {outlet}\nurl: https://example.org/{day}\n"
            f"published: 2026-03-{day:02d}T10:00:00+00:00\nstory: {story}\ncategory: Business\n"
            f"tags: [trade]\n---\n{sentences}\n\n## Details\n\n- First point {day}.\n- Second point.\n\n"
            f"{extra}\n")


def make_site(root: Path) -> Path:
    site = root / "site"
    (site / "content" / "articles").mkdir(parents=True)
    (site / "content" / "stories").mkdir()
    # article_pages: full: an edit of a body must show on the article's page (an excerpt may not change)
    (site / "config.yml").write_text("title: Incremental test\nbase_url: http://127.0.0.1:8000/\n"
                                     "article_pages: full\n", "utf-8")
    outlets = ("Example Wire", "Sample Ledger", "Demo Daily")
    for index in range(6):
        story = "port-tariff" if index < 3 else "grid-upgrade"
        (site / "content" / "articles" / f"piece-{index}.md").write_text(
            article_text(f"Piece number {index}", story, index + 1, outlets[index % 3]), "utf-8")
    return site


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def reference_build(site: Path, out: Path) -> dict[str, bytes]:
    """The plain pipeline, no cache and no workers: what every incremental build must equal."""
    config = config_stage.load(site)
    diagnostics = Diagnostics()
    loaded = content.load(config, diagnostics)
    stories = merge.stories(loaded, config, diagnostics)
    pages = render.pages(stories, loaded, config, render.make_environment(config),
                         render.make_renderer(config.raw_html))
    output.write(pages, out)
    return tree(out)


def check(site: Path, tmp: Path, jobs: int = 1) -> BuildResult:
    result = build(site, jobs=jobs)
    expected = reference_build(site, tmp / "reference")
    actual = tree(site / "output")
    assert sorted(actual) == sorted(expected), set(actual) ^ set(expected)
    different = [path for path in expected if actual[path] != expected[path]]
    assert not different, f"incremental output differs from a clean build in {different[:5]}"
    return result


def edit(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text("utf-8")), "utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path)


def test_sequence_of_edits_matches_clean_build_after_every_step(site: Path, tmp_path: Path) -> None:
    articles = site / "content" / "articles"
    first = check(site, tmp_path)
    assert not first.incremental and first.written == first.pages

    before = mtimes(site / "output")
    noop = check(site, tmp_path)
    assert noop.written == 0 and noop.skipped == noop.pages
    assert mtimes(site / "output") == before, "a no-op rebuild must not touch any file"

    edit(articles / "piece-4.md", lambda t: t.replace("Second point.", "Second point, revised."))
    body_edit = check(site, tmp_path)
    after = mtimes(site / "output")
    assert after["articles/piece-4/index.html"] != before["articles/piece-4/index.html"]
    assert after["articles/piece-0/index.html"] == before["articles/piece-0/index.html"]
    assert after["stories/port-tariff/index.html"] == before["stories/port-tariff/index.html"]
    assert 0 < body_edit.written < body_edit.pages

    edit(articles / "piece-1.md", lambda t: t.replace("Piece number 1", "Piece number one, retitled"))
    check(site, tmp_path)
    edit(articles / "piece-2.md", lambda t: t.replace("story: port-tariff", "story: grid-upgrade"))
    check(site, tmp_path)
    (articles / "piece-5.md").unlink()
    removed = check(site, tmp_path)
    assert removed.removed >= 1 and not (site / "output" / "articles" / "piece-5").exists()
    (articles / "piece-3.md").rename(articles / "piece-three.md")
    check(site, tmp_path)
    assert not (site / "output" / "articles" / "piece-3").exists()
    (site / "content" / "stories" / "port-tariff.md").write_text(
        "---\ntitle: Port tariff vote\ndek: What the council decided.\n---\nAn editor's note.\n", "utf-8")
    check(site, tmp_path)
    (articles / "piece-9.md").write_text(article_text("A brand new piece", "grid-upgrade", 9, "Demo Daily"),
                                         "utf-8")
    check(site, tmp_path)
    edit(articles / "piece-0.md", lambda t: t.replace("category: Business", "category: Business\ndraft: true"))
    check(site, tmp_path)
    edit(site / "config.yml", lambda t: t.replace("Incremental test", "Incremental test, renamed"))
    check(site, tmp_path)
    (site / "static").mkdir()
    (site / "static" / "extra.css").write_text("body { color: black; }\n", "utf-8")
    check(site, tmp_path)
    (site / "static" / "extra.css").unlink()
    check(site, tmp_path)
    assert not (site / "output" / "static" / "extra.css").exists()


def test_site_template_change_rerenders_only_pages_that_use_it(site: Path, tmp_path: Path) -> None:
    check(site, tmp_path)
    before = mtimes(site / "output")
    (site / "templates").mkdir()
    (site / "templates" / "article.html").write_text(
        '{% extends "theme/article.html" %}{% block footer %}<p>Local footer</p>{% endblock %}\n', "utf-8")
    check(site, tmp_path)
    after = mtimes(site / "output")
    assert b"Local footer" in (site / "output" / "articles" / "piece-0" / "index.html").read_bytes()
    assert after["articles/piece-0/index.html"] != before["articles/piece-0/index.html"]
    assert after["stories/port-tariff/index.html"] == before["stories/port-tariff/index.html"]
    (site / "templates" / "article.html").unlink()
    check(site, tmp_path)


def test_compiled_templates_are_kept_per_config_and_follow_template_edits(site: Path, tmp_path: Path) -> None:
    from sitegen.render_stage import compiled_templates_folder

    compiled = compiled_templates_folder(site.resolve())
    assert compiled is not None and not compiled.is_relative_to(site.resolve())  # compiled code: never in the site
    check(site, tmp_path)
    first = {p.name for p in compiled.iterdir()}
    assert first and len({name.split("-")[0] for name in first}) == 1
    (site / "templates").mkdir()
    override = site / "templates" / "article.html"
    for marker in ("AAAA", "BBBB"):  # same length: only the source checksum tells them apart
        override.write_text('{% extends "theme/article.html" %}{% block footer %}' + marker + '{% endblock %}\n',
                            "utf-8")
        check(site, tmp_path)
        assert marker.encode() in (site / "output" / "articles" / "piece-0" / "index.html").read_bytes()
    edit(site / "config.yml", lambda text: text.replace("Incremental test", "Incremental test, renamed"))
    check(site, tmp_path)
    assert not first & {p.name for p in compiled.iterdir()}  # another config: the old compilations are gone


def test_output_edited_or_deleted_behind_our_back_is_repaired(site: Path, tmp_path: Path) -> None:
    check(site, tmp_path)
    page = site / "output" / "articles" / "piece-1" / "index.html"
    page.write_text("tampered", "utf-8")
    (site / "output" / "stories" / "grid-upgrade" / "story.json").unlink()
    check(site, tmp_path)
    shutil.rmtree(site / "output")
    assert not check(site, tmp_path).incremental


def test_failed_build_leaves_output_and_cache_usable(site: Path, tmp_path: Path) -> None:
    check(site, tmp_path)
    before = tree(site / "output")
    bad = site / "content" / "articles" / "piece-2.md"
    good = bad.read_text("utf-8")
    bad.write_text(good.replace("title: Piece number 2", "title: [unclosed"), "utf-8")
    with pytest.raises(SitegenError) as failure:
        build(site, jobs=1)
    assert failure.value.path is not None and failure.value.path.endswith("piece-2.md")
    assert tree(site / "output") == before
    bad.write_text(good.replace("Piece number 2", "Piece number two"), "utf-8")
    check(site, tmp_path)


def test_a_build_into_another_folder_does_not_cost_this_folder_its_pages(site: Path, tmp_path: Path) -> None:
    """serve's preview, deploy and --out build elsewhere; the site's own output keeps its incremental state."""
    elsewhere = tmp_path / "elsewhere"
    check(site, tmp_path)
    before = mtimes(site / "output")
    away = build(site, elsewhere, jobs=1)
    assert away.written == away.pages  # a new folder: every page
    back = check(site, tmp_path)
    assert back.written == 0 and back.skipped == back.pages
    assert mtimes(site / "output") == before, "coming back must not rewrite unchanged pages"

    articles = site / "content" / "articles"
    edit(articles / "piece-4.md", lambda t: t.replace("Second point.", "Second point, revised."))
    build(site, elsewhere, jobs=1)  # the edit is built elsewhere first, then here
    assert tree(elsewhere) == reference_build(site, tmp_path / "reference-elsewhere")
    edited = check(site, tmp_path)
    after = mtimes(site / "output")
    assert 0 < edited.written < edited.pages
    assert after["articles/piece-0/index.html"] == before["articles/piece-0/index.html"]
    assert after["articles/piece-4/index.html"] != before["articles/piece-4/index.html"]

    # each folder's pages are its own: an article gone while away is removed on return, and back there
    (articles / "piece-5.md").unlink()
    build(site, elsewhere, jobs=1)
    assert not (elsewhere / "articles" / "piece-5").exists()
    check(site, tmp_path)
    assert not (site / "output" / "articles" / "piece-5").exists()
    assert build(site, elsewhere, jobs=1).written == 0
    assert tree(elsewhere) == tree(site / "output")


def test_kept_pages_of_other_folders_are_bounded_and_damage_only_costs_a_render(site: Path, tmp_path: Path) -> None:
    from sitegen import cache

    folders = [tmp_path / f"out-{n}" for n in range(cache.MAX_OTHER_TARGETS + 3)]
    check(site, tmp_path)
    for folder in folders:
        build(site, folder, jobs=1)
    kept = list((site / cache.CACHE_DIR / cache.TARGETS_DIR).glob("*.rec"))
    assert len(kept) == cache.MAX_OTHER_TARGETS
    # the newest are kept: the second-to-last folder comes back with nothing to do
    assert build(site, folders[-2], jobs=1).written == 0
    assert build(site, folders[0], jobs=1).written > 0  # forgotten: rendered again

    check(site, tmp_path)  # the record holds the site's output again; then it is displaced once more
    build(site, folders[1], jobs=1)
    kept_output = cache.load_page_state(site.resolve(), str((site / "output").resolve()))
    assert kept_output is not None and kept_output.outputs
    for path in (site / cache.CACHE_DIR / cache.TARGETS_DIR).glob("*.rec"):
        path.write_bytes(b"not a record")
    result = check(site, tmp_path)
    assert result.written == result.pages


def test_clean_ignores_the_cache_and_rewrites_everything(site: Path, tmp_path: Path) -> None:
    check(site, tmp_path)
    result = build(site, jobs=1, clean=True)
    assert not result.incremental and result.written == result.pages


def test_racy_edit_with_same_size_and_mtime_is_still_seen(site: Path, tmp_path: Path) -> None:
    """An edit that keeps size and mtime (within the racy window of the last build) is re-hashed."""
    check(site, tmp_path)
    path = site / "content" / "articles" / "piece-0.md"
    stat = path.stat()
    edit(path, lambda t: t.replace("First point 1.", "Final point 1."))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    check(site, tmp_path)
    assert b"Final point 1." in (site / "output" / "articles" / "piece-0" / "index.html").read_bytes()


def test_damaged_or_mismatched_cache_only_costs_a_full_build(site: Path, tmp_path: Path) -> None:
    check(site, tmp_path)
    cache_dir = site / ".sitegen-cache"
    (cache_dir / "objects.bin").write_bytes(b"not an objects file")
    edit(site / "content" / "articles" / "piece-1.md", lambda t: t.replace("First point 2.", "Opening point 2."))
    check(site, tmp_path)
    (cache_dir / "pages.rec").write_bytes(b"\x80\x05garbage")
    edit(site / "content" / "articles" / "piece-1.md", lambda t: t.replace("Opening point 2.", "First point 2."))
    assert not check(site, tmp_path).incremental
    (cache_dir / "build.rec").write_bytes(b"\x80\x05garbage")
    assert not check(site, tmp_path).incremental
    assert (cache_dir / ".gitignore").read_text() == "*\n"


def test_memo_keeps_objects_in_memory_and_yields_to_other_builds(site: Path, tmp_path: Path) -> None:
    from sitegen.cache import BuildMemo

    memo = BuildMemo()
    build(site, jobs=1, memo=memo)
    memo.wait_for_save()  # with a memo the cache is saved after build() returns
    (site / ".sitegen-cache" / "build.rec").unlink()  # only the memo can now supply the parsed files
    edit(site / "content" / "articles" / "piece-2.md", lambda t: t.replace("First point 3.", "Lead point 3."))
    without_index = build(site, jobs=1, memo=memo)
    assert without_index.written == without_index.pages  # no index: the memo can't prove the output current
    edit(site / "content" / "articles" / "piece-2.md", lambda t: t.replace("Lead point 3.", "Main point 3."))
    from_memory = build(site, jobs=1, memo=memo)
    assert from_memory.incremental and from_memory.written < from_memory.pages
    assert tree(site / "output") == reference_build(site, tmp_path / "reference")
    memo.wait_for_save()
    (site / ".sitegen-cache" / "objects.bin").unlink()  # the memo's stories live there: a full build
    edit(site / "content" / "articles" / "piece-2.md", lambda t: t.replace("Main point 3.", "Chief point 3."))
    assert build(site, jobs=1, memo=memo).written == from_memory.pages
    assert tree(site / "output") == reference_build(site, tmp_path / "reference")
    build(site, jobs=1)  # another process's build: the memo's token no longer matches the disk
    edit(site / "content" / "articles" / "piece-2.md", lambda t: t.replace("Lead point 3.", "Top point 3."))
    check_result = build(site, jobs=1, memo=memo)
    assert check_result.incremental
    assert tree(site / "output") == reference_build(site, tmp_path / "reference")


def test_memo_with_a_private_output_folder_trusts_its_own_files(site: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen.cache import BuildMemo

    memo = BuildMemo(private_output=True)
    build(site, jobs=1, memo=memo)
    memo.wait_for_save()

    def no_stat(*args: object) -> set[str]:
        raise AssertionError("a private output folder is not re-checked file by file")

    for old, new in (("First point 3.", "Lead point 3."), ("Lead point 3.", "Main point 3.")):
        edit(site / "content" / "articles" / "piece-2.md", lambda t: t.replace(old, new))
        with monkeypatch.context() as patch:
            patch.setattr(output, "intact_paths", no_stat)
            result = build(site, jobs=1, memo=memo)
            memo.wait_for_save()
        assert result.incremental and result.written < result.pages
        assert tree(site / "output") == reference_build(site, tmp_path / "reference")


def test_no_op_rebuild_repeats_the_warnings(site: Path, tmp_path: Path) -> None:
    edit(site / "content" / "articles" / "piece-0.md", lambda t: t.replace("url: https://example.org/1\n", ""))
    first = Diagnostics()
    build(site, jobs=1, diagnostics=first)
    again = Diagnostics()
    assert build(site, jobs=1, diagnostics=again).written == 0
    assert [str(w) for w in again.warnings] == [str(w) for w in first.warnings]
    assert any("piece-0.md" in str(w) for w in again.warnings)


def test_cached_objects_round_trip_equal(site: Path) -> None:
    from sitegen.cache_codec import decode, encode

    config = config_stage.load(site)
    loaded = content.load(config, Diagnostics())
    stories = merge.stories(loaded, config, Diagnostics())
    for value in (*loaded.articles, *loaded.story_files.values(), *stories):
        assert decode(type(value), encode(value)) == value
    article = loaded.articles[0]
    known = {str(article.source_path): article.source_path}
    assert decode(type(article), encode(article), known).source_path is article.source_path


def test_an_edit_rewrites_only_the_listings_and_search_shards_it_touches(site: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    check(site, tmp_path)
    before = mtimes(site / "output")
    edit(site / "content" / "articles" / "piece-4.md",
         lambda t: t.replace("Second point.", "Second point about zeppelins.").replace("tags: [trade]", "tags: [trade, ports]"))
    with monkeypatch.context() as patch:  # the index is updated in place, not built anew
        patch.setattr("sitegen.render.search.index_pages", lambda docs: pytest.fail("search index rebuilt"))
        result = build(site, jobs=1)
    check(site, tmp_path)
    after = mtimes(site / "output")
    changed = {path for path in after if before.get(path) != after[path]}
    shards = {path for path in after if path.startswith("search/t/")}
    assert "search/t/7a-65.json" in changed  # "zeppelins" is a new word
    assert "search/t/68-61.json" not in changed  # "harbour" is in every piece, before and after
    assert 0 < len(shards & changed) < len(shards)
    assert "tags/ports/index.html" in changed and "tags/index.html" in changed
    assert "categories/business/index.html" not in changed  # lists piece-4, but its title and date stand
    assert "outlets/example-wire/index.html" not in changed  # piece-4 is a Sample Ledger article
    assert result.written == len(changed)


def test_stories_whose_keys_slugify_alike_get_distinct_pages(site: Path, tmp_path: Path) -> None:
    """The second story is renamed (``-2``) after its merge; the cached story must come back renamed."""
    articles = site / "content" / "articles"
    edit(articles / "piece-1.md", lambda t: t.replace("story: port-tariff", "story: port--tariff"))
    check(site, tmp_path)
    assert (site / "output" / "stories" / "port-tariff-2" / "index.html").is_file()
    edit(articles / "piece-3.md", lambda t: t.replace("Second point.", "Second point, again."))
    check(site, tmp_path)  # the renamed story is reused from the cache, still renamed
    story_json = (site / "output" / "stories" / "port-tariff-2" / "story.json").read_text("utf-8")
    assert '"slug": "port-tariff-2"' in story_json


def test_memo_builds_told_what_changed_walk_only_when_they_must(site: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen import build as build_stage
    from sitegen.cache import BuildMemo

    memo = BuildMemo(private_output=True)
    build(site, jobs=1, memo=memo)
    articles = site / "content" / "articles"
    walks: list[int] = []
    real_walk = content.markdown_walk
    monkeypatch.setattr(content, "markdown_walk", lambda *a: walks.append(1) or real_walk(*a))

    def step(changed: frozenset[str] | None, walked: bool) -> None:
        walks.clear()
        build(site, jobs=1, memo=memo, changed=changed)
        memo.wait_for_save()
        assert bool(walks) is walked
        fresh = build_stage._content_walk(config_stage.load(site), None, frozenset())
        assert memo.walked.has_links == fresh.has_links
        assert [(f.kind, f.path, f.rel, f.stat.st_mtime_ns, f.stat.st_size) for f in memo.walked.files] == \
            [(f.kind, f.path, f.rel, f.stat.st_mtime_ns, f.stat.st_size) for f in fresh.files]
        assert tree(site / "output") == reference_build(site, tmp_path / "reference")

    edit(articles / "piece-2.md", lambda t: t.replace("First point 3.", "Lead point 3."))
    step(frozenset({str(articles / "piece-2.md")}), walked=False)
    (articles / "piece-9.md").write_text(article_text("Piece nine", "grid-upgrade", 9, "Demo Daily"), "utf-8")
    (articles / "piece-0.md").unlink()
    step(frozenset({str(articles / "piece-9.md"), str(articles / "piece-0.md"), str(site / "config.yml")}),
         walked=False)
    (articles / "deeper").mkdir()
    (articles / "deeper" / "piece-7.md").write_text(article_text("Piece seven", "grid-upgrade", 7, "Demo Daily"),
                                                     "utf-8")
    step(frozenset({str(articles / "deeper")}), walked=True)  # a folder: only a walk knows what is in it
    edit(articles / "piece-1.md", lambda t: t.replace("First point 2.", "Lead point 2."))
    step(None, walked=True)  # the watcher could not say
    (articles / "linked.md").symlink_to(articles / "piece-1.md")
    step(frozenset({str(articles / "linked.md")}), walked=True)  # a symlink: its target may change unseen
    edit(articles / "piece-1.md", lambda t: t.replace("Lead point 2.", "Main point 2."))
    step(frozenset({str(articles / "piece-1.md")}), walked=True)  # the site has links now: always walk


def test_a_memo_build_saves_after_the_reload_and_resumes_collection_then(site: Path, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from sitegen import build as build_stage
    from sitegen.cache import BuildMemo, cache_path

    monkeypatch.setattr(build_stage, "SAVE_AFTER", 60.0)  # only the next build (or an exit) hurries it
    assert gc.isenabled()
    memo = BuildMemo()
    build(site, jobs=1, memo=memo)
    try:
        assert not cache_path(site).exists()  # the save is waiting, and holds the collector's pause
        assert not gc.isenabled()
        edit(site / "content" / "articles" / "piece-2.md", lambda t: t.replace("First point 3.", "Lead point 3."))
        result = build(site, jobs=1, memo=memo)  # asks the last save to hurry, then builds incrementally
        assert result.incremental and result.written < result.pages
    finally:
        memo.wait_for_save()
    assert gc.isenabled() and cache_path(site).exists()
    assert tree(site / "output") == reference_build(site, tmp_path / "reference")


EVENTS = {"port": ("Mara Quill", "Port Elm", 48, 3), "grid": ("Ivo Tesk", "Lake Vire", 915, 11),
          "ferry": ("Hana Reil", "Cape Ruen", 27, 19)}


def loose_text(event: str, outlet: str, day_shift: int = 0, extra: str = "") -> str:
    """An article with no story key: automatic clustering decides its story."""
    who, where, figure, day = EVENTS[event]
    return (f"---\ntitle: {who} on the plan in {where}\noutlet: {outlet}\nurl: https://example.org/{event}\n"
            f"published: 2026-03-{day + day_shift:02d}T10:00:00+00:00\n---\n"
            f"{who} said in {where} on March {day} that the plan covers {figure} ships. "
            f"The council will meet again next month. {extra}\n")


def test_loose_articles_cluster_incrementally_as_a_clean_build_does(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen.merge import grouping

    site = tmp_path / "site"
    articles = site / "content" / "articles"
    articles.mkdir(parents=True)
    (site / "config.yml").write_text("title: Loose\nbase_url: http://127.0.0.1:8000/\n", "utf-8")
    outlets = ("Example Wire", "Sample Ledger", "Demo Daily", "Test Tribune")
    for n, event in enumerate(("port", "port", "port", "grid", "grid", "ferry")):
        (articles / f"loose-{n}.md").write_text(loose_text(event, outlets[n % 4]), "utf-8")
    fingerprinted: list[str] = []  # during the sitegen build only (the reference build clusters afresh)
    real = grouping._fingerprint
    monkeypatch.setattr(grouping, "_fingerprint", lambda a: fingerprinted.append(a.slug) or real(a))

    real_build = build

    def counted_build(*args: object, **kwargs: object) -> BuildResult:
        fingerprinted.clear()
        result = real_build(*args, **kwargs)  # type: ignore[arg-type]
        seen[:] = fingerprinted
        return result

    seen: list[str] = []
    monkeypatch.setitem(globals(), "build", counted_build)
    check(site, tmp_path)
    assert sorted(seen) == [f"loose-{n}" for n in range(6)]

    steps: list[tuple[Callable[[], object], str | None]] = [
        (lambda: (articles / "loose-5.md").write_text(loose_text("grid", "Demo Daily"), "utf-8"), "loose-5"),
        (lambda: (articles / "loose-6.md").write_text(loose_text("ferry", "Test Tribune"), "utf-8"), "loose-6"),
        (lambda: (articles / "loose-1.md").unlink(), None),
        (lambda: (articles / "loose-0.md").write_text(loose_text("port", "Example Wire", 9), "utf-8"), "loose-0"),
        (lambda: edit(articles / "loose-2.md", lambda t: t + "\nOne more line of reporting.\n"), "loose-2"),
        (lambda: (articles / "loose-3.md").write_text(loose_text("ferry", "Test Tribune"), "utf-8"), "loose-3"),
    ]
    for step, changed in steps:
        step()
        check(site, tmp_path)
        # the changed article is fingerprinted again, and the few it may pair with; no other
        if changed is None:
            assert seen == []
        else:
            assert changed in seen and len(seen) < len(list(articles.glob("*.md"))), seen
    stories = {p.parent.name for p in (site / "output" / "stories").glob("*/story.json")}
    assert len(stories) == 3, stories  # port (loose-0 redated within the window), grid, ferry (loose-3 left grid)
    # a story that another took over (loose-5 was one until it joined grid) left a redirect at its address
    redirects = published.load(site / "content").redirects
    assert redirects and set(redirects.values()) <= stories
    for old in redirects:
        assert 'http-equiv="refresh"' in (site / "output" / "stories" / old / "index.html").read_text("utf-8")


def test_a_template_asking_whether_a_collection_is_empty_does_not_read_all_of_it(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'if articles' in a story template reads one article, not every one: an edit to another story's
    article does not render this story's page again."""
    from sitegen import render_stage

    (site / "templates").mkdir()
    (site / "templates" / "story.html").write_text(
        '{% extends "theme/story.html" %}{% block after_summary %}{% if articles %}some{% endif %}'
        '{% endblock %}\n', "utf-8")
    check(site, tmp_path)
    rendered: list[tuple[str, str]] = []
    real = render_stage._render_one

    def noting(state: object, task: tuple[str, str]) -> object:
        rendered.append(task)
        return real(state, task)  # type: ignore[arg-type]

    monkeypatch.setattr(render_stage, "_render_one", noting)
    edit(site / "content" / "articles" / "piece-4.md", lambda t: t.replace("Second point.", "Second point, again."))
    check(site, tmp_path)
    stories = [task for task in rendered if task[0] == "story"]
    assert len(stories) == 1  # the edited article's story only


def test_emptiness_is_a_read_of_its_own() -> None:
    from sitegen.cache import NONEMPTY, Fingerprints, ReadLog, TrackedMapping, TrackedSequence

    log = ReadLog()
    assert TrackedMapping({"a": 1}, log, "articles") and not TrackedSequence([], log)
    reads = log.freeze()
    assert reads.articles == {NONEMPTY} and reads.stories == {NONEMPTY}
    empty = Fingerprints("g", "t", {}, (), {}, {})
    some = Fingerprints("g", "t", {"a": "1"}, ("s",), {"a": "s"}, {})
    assert empty.changes_since(some).touch(reads) and some.changes_since(empty).touch(reads)
    again = Fingerprints("g", "t", {"a": "2", "b": "1"}, ("s2",), {"a": "s"}, {})
    assert not again.changes_since(some).touch(reads)  # other values, still not empty: not a change it read
