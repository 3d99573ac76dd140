"""One build: config -> content -> merge -> render -> write, incremental and parallel.

Data flows one way. Each stage reuses what the last build's record (``sitegen.cache``) proves is
unchanged and spreads the rest over worker processes (``sitegen.parallel``):

1. scan: stat every content file; only files whose stat changed are read and hashed, and only those
   whose text changed are parsed;
2. merge: a story whose articles, story file, config and code are unchanged keeps its merged Story
   (the build holds stubs: light fields in memory, the rest in the cache file until a page needs it);
3. render (``sitegen.render_stage``): a page whose identity and recorded reads are unchanged is not
   rendered, and a page whose bytes come out the same is not rewritten (its mtime stays); the search
   index is updated in place; the few pages that list nothing are always rendered;
4. write: changed files replace old ones by rename in the output's shadow (its previous generation),
   stale ones are deleted there, and the shadow is swapped in; a full build writes a sibling folder and
   swaps it in (``sitegen.output``). Nothing is written before every page has rendered, so a failed
   build leaves the old output intact.
"""
from __future__ import annotations

import dataclasses
import gc
import logging
import os
from stat import S_ISREG
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Collection, NamedTuple

from . import cache, cache_codec, content, history, merge, output, parallel, published, site_folders
from . import config as config_stage
from .cache import BuildRecord, CacheDamaged, FileRecord, digest
from .config import Config
from .errors import Diagnostics, SitegenError
from .frontmatter import read_text
from .merge.grouping import ClusterState, group_site
from .model import Article, Published, Site, Story, StoryFile
from .paths import THEME_DIR

log = logging.getLogger("sitegen.build")

Progress = parallel.Progress
SAVE_AFTER = 0.3  # seconds a memo's background save waits for the preview to reload (see _save_in_background)


class Laps:
    """Seconds spent per stage, logged at debug level (``-v``): where a slow build spends its time."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.seconds: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self.last
        self.last = now

    def log(self) -> None:
        log.debug("stages: %s", ", ".join(f"{name} {sec:.2f}s" for name, sec in self.seconds.items()))


@dataclass(frozen=True, slots=True)
class BuildResult:
    out_dir: Path
    pages: int
    stories: int
    articles: int
    seconds: float
    written: int = 0  # files written this build
    skipped: int = 0  # files left untouched because they were already right
    removed: int = 0  # stale files deleted
    incremental: bool = False  # False: the whole output was written afresh and swapped in
    recorded: int = 0  # history entries this build published (build --record)
    recorded_stories: tuple[str, ...] = ()  # the slugs of the stories whose history grew
    unrecorded: tuple[str, ...] = ()  # with find_unrecorded: stories that changed since their last publish


@dataclass(frozen=True, slots=True)
class Parsed:
    """One content file after the scan: stat, sha, the parsed object, and its encoding for the cache file."""

    rel: str
    mtime_ns: int
    size: int
    sha: str
    parsed: Article | StoryFile | None = None  # None: same text as last time
    data: bytes = b""  # cache_codec.encode(parsed)
    check: str = ""  # the digest of ``data``
    light: list[Any] | None = None  # an article's cache.article_light()

    def __reduce__(self) -> tuple[Any, ...]:
        return (Parsed, (self.rel, self.mtime_ns, self.size, self.sha, self.parsed, self.data, self.check, self.light))


def build(site_dir: Path, out_dir: Path | None = None, *, drafts: bool = False, strict: bool = False,
          diagnostics: Diagnostics | None = None, base_url: str | None = None, jobs: int | None = None,
          clean: bool = False, progress: Progress | None = None, memo: cache.BuildMemo | None = None,
          changed: frozenset[str] | None = None, record_at: datetime | None = None,
          find_unrecorded: bool = False) -> BuildResult:
    """Build the site; raises SitegenError (old output intact) on bad input, or on any warning if strict.

    ``jobs``: worker processes (default: all cores; 1 = in this process). ``clean``: ignore the cache
    and write everything afresh. ``progress(stage, done, total)`` is called as work completes.
    ``memo``: a long-lived caller's in-memory copy of the cache (see :class:`sitegen.cache.BuildMemo`).
    ``changed``: with a memo, every file path that changed since the memo's last build, as a file watcher
    saw them (None: not known); the content folder is then not walked again, only these are looked at.
    ``record_at``: publish the stories' changes since their last publish into their history files
    (``content/history/``), stamped with this time (see :mod:`sitegen.history`); None: only read them.
    ``find_unrecorded``: list the stories whose changes are not in their history yet (reads every story).
    """
    if record_at is not None and drafts:
        raise SitegenError("--record publishes the site: build it without --drafts (a draft is not published)")
    started = time.perf_counter()
    walked = None
    if memo is not None:
        memo.wait_for_save()  # the last save holds the site's lock, and the collector's pause: wait for both
        walked, memo.walked = memo.walked, None  # taken: a build failing anywhere leaves no list to patch
    pause = CollectorPause()
    try:
        return _build(site_dir, out_dir, drafts=drafts, strict=strict, diagnostics=diagnostics, base_url=base_url,
                      jobs=jobs, clean=clean, progress=progress, memo=memo, started=started,
                      last_walk=walked if changed is not None else None, changed=changed or frozenset(), pause=pause,
                      record_at=record_at, find_unrecorded=find_unrecorded)
    finally:
        if not pause.handed_over:
            pause.end()


class CollectorPause:
    """No cyclic garbage collection while a build runs. A build allocates millions of objects that live
    until it ends (a 10,000-article record loads ~1 M), and each automatic full collection walks all of
    them: ~0.3 s of an edit's 1.3 s rebuild. What a build drops is freed by reference counting; the few
    cycles wait for the collector, which runs again when the build, or its background save, is over
    (workers keep theirs on)."""

    def __init__(self) -> None:
        self.was_enabled = gc.isenabled()
        self.handed_over = False  # a background save ends the pause instead of build()
        gc.disable()

    def end(self) -> None:
        if self.was_enabled:
            gc.enable()


def _build(site_dir: Path, out_dir: Path | None, *, drafts: bool, strict: bool, diagnostics: Diagnostics | None,
           base_url: str | None, jobs: int | None, clean: bool, progress: Progress | None,
           memo: cache.BuildMemo | None, started: float, last_walk: ContentWalk | None,
           changed: frozenset[str], pause: CollectorPause, record_at: datetime | None,
           find_unrecorded: bool) -> BuildResult:
    run = Run(config=config_stage.load(site_dir), target=Path(), drafts=drafts, strict=strict,
              diagnostics=diagnostics if diagnostics is not None else Diagnostics(),
              jobs=jobs if jobs and jobs > 0 else parallel.default_jobs(), clean=clean, progress=progress,
              memo=memo, laps=Laps(), wall_started=cache.now(), last_walk=last_walk, changed=changed,
              record_at=record_at, find_unrecorded=find_unrecorded)
    if base_url is not None:
        run.config = config_stage.with_base_url(run.config, base_url)
    run.target = output.claim(out_dir if out_dir is not None else run.config.root / run.config.output_dir,
                              run.config.root, from_site=out_dir is None)
    lock = cache.BuildLock(run.config.root).acquire()
    try:
        run.output_unsure = output.recover(run.target)
        result, save = _build_trusting_cache_once(run)
    except BaseException:
        lock.release()
        raise
    if save is not None and memo is not None:
        memo.hurry.clear()
        pause.handed_over = True
        memo.saving = threading.Thread(target=_save_in_background, args=(save, lock, run.laps, memo, pause),
                                       name="sitegen-save", daemon=True)
        memo.saving.start()
    else:
        _save_and_unlock(save, lock, run.laps, False)
    log.debug("built %d pages (%d stories, %d articles) in %.2fs -> %s", result.pages, result.stories,
              result.articles, time.perf_counter() - started, run.target)
    return dataclasses.replace(result, seconds=time.perf_counter() - started)


def _build_trusting_cache_once(run: Run) -> tuple[BuildResult, Callable[[], None] | None]:
    """_build_locked(), and once more without the cache when an object read from it turns out damaged
    (the cache is untrusted: any doubt costs one full build, with one warning, never a failed build)."""
    warned_before = len(run.diagnostics.warnings)
    try:
        return _build_locked(run)
    except CacheDamaged as exc:
        if run.clean:
            raise
        log.warning("ignoring the build cache: %s; building everything", exc)
    del run.diagnostics.warnings[warned_before:]
    run.clean = True
    if run.memo is not None:
        run.memo.record = None
    return _build_locked(run)


def _save_in_background(save: Callable[[], None], lock: cache.BuildLock, laps: Laps, memo: cache.BuildMemo,
                        pause: CollectorPause) -> None:
    """A memo's save (serve): it waits a moment first, or until the next build asks for it, so that the
    preview's reload fetches its pages without a save (encoding holds the interpreter lock ~0.1 s at
    10,000 articles) or a collection over the whole heap in its way."""
    try:
        memo.hurry.wait(SAVE_AFTER)
        _save_and_unlock(save, lock, laps, True)
    finally:
        pause.end()


def _save_and_unlock(save: Callable[[], None] | None, lock: cache.BuildLock, laps: Laps, background: bool) -> None:
    try:
        if save is not None:
            save()
            laps.lap("cache save")
    except Exception:
        if not background:
            raise
        log.exception("could not save the build cache")  # the next build then reads the older cache
    finally:
        lock.release()
        laps.log()


@dataclass(slots=True)
class Run:
    """One build's settings and running state, passed down the stages instead of a dozen arguments."""

    config: Config
    target: Path
    drafts: bool
    strict: bool
    diagnostics: Diagnostics
    jobs: int
    clean: bool
    progress: Progress | None
    memo: cache.BuildMemo | None
    laps: Laps
    wall_started: float
    last_walk: ContentWalk | None  # the memo's last walk of the content folder, when ``changed`` tells what moved
    changed: frozenset[str]  # with last_walk: the file paths a watcher saw change since that walk
    record_at: datetime | None = None  # publish history entries stamped with this time (see sitegen.history)
    find_unrecorded: bool = False  # note the stories that changed since their last publish
    # a build into the target was killed while committing: its files may not be those the record lists
    output_unsure: bool = False


def _build_locked(run: Run) -> tuple[BuildResult, Callable[[], None] | None]:
    """build() with the site's build lock held: reuse what the cache proves unchanged, do the rest.

    Returns the result and what saves the cache (None when there is nothing to save); the caller runs it
    with the lock still held."""
    config, target, diagnostics = run.config, run.target, run.diagnostics
    site_folders.check_site(config)  # before anything under templates/ or content/ is read
    warned_before = len(diagnostics.warnings)
    code_fp = cache.code_fingerprint()
    parse_fp = digest(code_fp, config.timezone, str(config.root))  # parsed objects hold their file paths
    page_fp = digest(code_fp, repr(config), str(run.strict))
    record = BuildRecord() if run.clean else _last_record(run)
    if run.output_unsure and record.out_dir == str(target):
        record = dataclasses.replace(record, outputs={})  # every page is written again, and swapped in whole
    # the pages last built into this folder, when a build into another folder has taken the record since
    kept_pages = (cache.load_page_state(config.root, str(target))
                  if record.out_dir and record.out_dir != str(target) and not run.output_unsure else None)
    walk = _content_walk(config, run.last_walk, run.changed)
    if run.memo is not None:
        run.memo.walked = walk
    paths = walk.files
    changed = _stat_changed(paths, record, parse_fp)
    same_files = not changed and len(paths) == len(record.files)
    reader = _reader(run)
    known_paths = KnownPaths()
    attached = not same_files or (bool(record.token) and cache.objects_stat(config.root) != record.objects_stat)
    if attached:
        # some file changed, appeared or went (the parsed objects are needed), or the objects file is not
        # as the last save left it (then every object is checked now, rather than trusted in a no-op build)
        record, changed = _with_objects(config, record, run.memo, reader, known_paths, paths, changed, parse_fp)
    store = cache.ObjectStore(config.root, record, reader)
    saving = False
    try:
        run.laps.lap("config+cache")
        files = _scan(config, paths, changed, record, parse_fp, run, store, known_paths)
        published_text = published.fingerprint(config.content_dir)
        run.laps.lap("scan+parse")
        inputs_fp = digest(page_fp, parse_fp, str(run.drafts), cache.tree_fingerprint(config.templates_dir),
                           cache.tree_fingerprint(THEME_DIR / "templates"),
                           cache.tree_stat_fingerprint(THEME_DIR / "static"),
                           cache.tree_stat_fingerprint(config.static_dir), published_text,
                           history.stat_fingerprint(config),
                           *(f"{rel}={f.sha}" for rel, f in sorted(files.items())))
        last = cache.with_pages(record, kept_pages)
        publishing = run.record_at is not None or run.find_unrecorded  # compares every story: never skipped
        if (not run.clean and not publishing and inputs_fp == last.inputs_fp and last.global_fp == page_fp
                and last.out_dir == str(target) and _outputs_intact(run, last)):
            # Nothing that any page reads has changed: the output is already this build's output.
            diagnostics.extend(list(last.warnings))  # the same input still deserves the same warnings
            return BuildResult(target, len(last.outputs), last.story_count, last.article_count, 0.0,
                               written=0, skipped=len(last.outputs), incremental=True), None
        if not attached:  # same files, but something else changed: now the parsed objects are needed
            record, changed = _with_objects(config, record, run.memo, reader, known_paths, paths, changed, parse_fp)
            store.adopt(record)
            files = _scan(config, paths, changed, record, parse_fp, run, store, known_paths)

        site, article_fps = _site(config, files, run.drafts, diagnostics)
        site = dataclasses.replace(site, published=published.parse(published_text, published.record_path(
            config.content_dir)))
        run.laps.lap("site")
        stories, story_records, story_fps, clustering, now_published = _merge(site, record, code_fp, article_fps,
                                                                              files, run, store)
        site = dataclasses.replace(site, published=now_published)  # pages show the addresses this build keeps
        stories, publishes, unrecorded = _history(run, site, stories, story_fps)
        if run.strict and diagnostics.warnings:
            first = diagnostics.warnings[0]
            raise SitegenError(f"{len(diagnostics.warnings)} warning(s) and --strict is on; first: {first.message}",
                               first.path, first.line)

        displaced = _displaced_pages(record, target)
        last = cache.with_pages(record, kept_pages)
        reuse_pages = (last.global_fp == page_fp and last.out_dir == str(target) and target.is_dir())
        new_record = BuildRecord(global_fp=page_fp, out_dir=str(target), started=run.wall_started,
                                 parse_fp=parse_fp, files=files, stories=story_records, inputs_fp=inputs_fp,
                                 article_count=len(site.articles), story_count=len(stories),
                                 warnings=tuple(diagnostics.warnings[warned_before:]), clustering=clustering)
        from .render_stage import render_and_write  # Jinja and Markdown load only for a build that renders

        written, skipped, removed = render_and_write(run, site, stories, article_fps, story_fps, page_fp,
                                                      last if reuse_pages else BuildRecord(), new_record)
        if not run.drafts and published.save(config.content_dir, now_published):  # a draft is not published
            log.info("recorded the published story addresses in %s", published.record_path(config.content_dir))
        history.write(publishes)  # once the pages that show these entries are out
        saving = True
    finally:
        if not saving:
            store.close()

    def save() -> None:
        try:
            index = cache.save_record(config.root, new_record, store)
            output.finish_commit(target)  # the record now names the files in the output folder
            if run.memo is not None:
                run.memo.index = index
            _keep_displaced_pages(config.root, displaced, target)
        finally:
            store.close()

    if run.memo is not None:
        run.memo.record = new_record  # its token is set by the save, which the next build waits for
    return BuildResult(target, len(new_record.outputs), len(stories), len(site.articles), 0.0, written=written,
                       skipped=skipped, removed=removed, incremental=reuse_pages,
                       recorded=sum(p.added for p in publishes.values()), recorded_stories=tuple(publishes),
                       unrecorded=unrecorded), save


def _displaced_pages(record: BuildRecord, target: Path) -> cache.PageState | None:
    """The pages of the record's output folder when this build writes elsewhere and that folder is still
    there (a deploy's or a finished preview's temporary folder is not): they are kept for the next build
    into it."""
    if not record.token or not record.out_dir or record.out_dir == str(target) or not os.path.isdir(record.out_dir):
        return None
    return cache.page_state(record)


def _keep_displaced_pages(site_root: Path, displaced: cache.PageState | None, target: Path) -> None:
    """Keep the displaced folder's pages and forget the ones kept for this build's folder (the record holds
    them now). Only a shortcut for a later build: failing to write it costs that build a full render."""
    try:
        if displaced is not None:
            cache.save_page_state(site_root, displaced)
        cache.drop_page_state(site_root, str(target))
    except OSError as exc:
        log.warning("could not keep the pages of %s in the build cache (%s)", displaced and displaced.out_dir, exc)


def _last_record(run: Run) -> BuildRecord:
    """The last build's record: the memo's own when no other build has saved since (no index to load)."""
    memo = run.memo
    if memo is not None and memo.record is not None and memo.index == cache.index_identity(run.config.root):
        return memo.record
    return cache.load_record(run.config.root)


def _reader(run: Run) -> cache.ObjectReader:
    """The reader that stubs of merged stories load through: one per memo, so one per serve session."""
    if run.memo is None:
        return cache.ObjectReader(cache.objects_path(run.config.root))
    if run.memo.reader is None:
        run.memo.reader = cache.ObjectReader(cache.objects_path(run.config.root))
    return run.memo.reader


def _with_objects(config: Config, record: BuildRecord, memo: cache.BuildMemo | None, reader: cache.ObjectReader,
                  known_paths: KnownPaths, paths: list[ContentFile], changed: list[ContentFile],
                  parse_fp: str) -> tuple[BuildRecord, list[ContentFile]]:
    """The record with parsed files and story stubs: from the memo when it is current, else from disk; and
    the files changed since that record (all of them when the cache could not be used after all)."""
    if (memo is not None and memo.record is not None and record.token and memo.record.token == record.token
            and cache.objects_file_holds(config.root, memo.record)
            and cache.objects_stat(config.root) == memo.record.objects_stat):
        return memo.record, changed
    attached = cache.attach_objects(config.root, record, reader, known_paths)
    if attached is not record:  # the cache was unsound: nothing in it is reused
        changed = _stat_changed(paths, attached, parse_fp)
    return attached, changed


# --------------------------------------------------------------------------- scan and parse


def _rel(path: Path | str, config: Config) -> str:
    """The site-relative POSIX path (string slicing: pathlib's relative_to costs seconds on 10,000 files)."""
    text, root = str(path), str(config.root) + os.sep
    if text.startswith(root):
        return text[len(root):].replace(os.sep, "/")
    return Path(path).relative_to(config.root).as_posix()


class ContentFile(NamedTuple):
    kind: str  # "article" or "story"
    path: str  # absolute; a Path is made only for a file that is read (pathlib parsing costs ~10 us each)
    rel: str  # site-relative POSIX path
    stat: os.stat_result  # taken once per build, for the unchanged check


class ContentWalk(NamedTuple):
    files: list[ContentFile]  # articles, then story files, each in markdown_file_names order
    has_links: bool  # some content file is a symlink: its target can change where no watcher looks


CONTENT_KINDS = (("article", "articles"), ("story", "stories"))


def _content_walk(config: Config, last: ContentWalk | None, changed: frozenset[str]) -> ContentWalk:
    """Every content file and its stat: the last walk patched with the files that changed when that is
    enough to know (walking and stat-ing 10,000 files cost ~0.06 s of a 0.3 s rebuild in serve), else a
    walk of the content folders."""
    if last is not None and not last.has_links:
        patched = _patched_walk(config, last, changed)
        if patched is not None:
            return patched
    files: list[ContentFile] = []
    has_links = False
    for kind, folder in CONTENT_KINDS:
        names, links = content.markdown_walk(config.content_dir / folder, config.root)
        files += [ContentFile(kind, path, _rel(path, config), os.stat(path)) for path in names]
        has_links = has_links or links
    return ContentWalk(files, has_links)


def _patched_walk(config: Config, last: ContentWalk, changed: frozenset[str]) -> ContentWalk | None:
    """``last`` with each changed content file stat-ed again, added or dropped; None when a change is not
    a plain file in the content folders (a folder, a symlink): then only a walk can tell."""
    bases = {kind: str(config.content_dir / folder) + os.sep for kind, folder in CONTENT_KINDS}
    files = {entry.path: entry for entry in last.files}
    moved = False
    for path in changed:
        kind = next((k for k, base in bases.items() if path.startswith(base)), None)
        if kind is None:
            if path.startswith(str(config.content_dir) + os.sep):
                return None  # a content file outside articles/ and stories/, or a folder: walk
            continue  # config, templates, static: not content
        try:
            link_stat = os.lstat(path)
        except FileNotFoundError:
            moved = files.pop(path, None) is not None or moved
            continue
        if not S_ISREG(link_stat.st_mode):
            return None  # a folder (its files were not listed) or a symlink
        name = os.path.basename(path)
        if not name.endswith(".md") or name.startswith("."):
            continue
        moved = path not in files or moved
        files[path] = ContentFile(kind, path, _rel(path, config), link_stat)
    ordered = list(files.values())
    if moved:  # as the walk orders them: articles first, then by path component
        rank = {kind: n for n, (kind, _) in enumerate(CONTENT_KINDS)}
        ordered.sort(key=lambda entry: (rank[entry.kind], tuple(entry.path[len(bases[entry.kind]):].split(os.sep))))
    return ContentWalk(ordered, False)


class KnownPaths(dict):  # type: ignore[type-arg]
    """path text -> Path, made on first use: loaders hand these out as the parsed files' source paths."""

    def __missing__(self, text: str) -> Path:
        path = self[text] = Path(text)
        return path


def _stat_changed(paths: list[ContentFile], record: BuildRecord, parse_fp: str) -> list[ContentFile]:
    """The content files whose stat is not the one the last build recorded (every file when that build's
    parsed objects can't be reused)."""
    if record.parse_fp != parse_fp:
        return list(paths)
    return [entry for entry in paths
            if (previous := record.files.get(entry.rel)) is None
            or not cache.stat_unchanged(previous, entry.stat, record.started)]


def _scan(config: Config, paths: list[ContentFile], changed: list[ContentFile], record: BuildRecord, parse_fp: str,
          run: Run, store: cache.ObjectStore, known_paths: KnownPaths) -> dict[str, FileRecord]:
    """Every content file's record: the last build's when its stat is unchanged, else read and hashed, and
    parsed only when its text changed (a checkout or a touch changes mtimes, not texts)."""
    changed_rels = {entry.rel for entry in changed}
    files = {entry.rel: record.files[entry.rel] for entry in paths if entry.rel not in changed_rels}
    reusable = record.parse_fp == parse_fp
    todo = [(entry.kind, known_paths[entry.path],
             record.files[entry.rel].sha if reusable and entry.rel in record.files else "") for entry in changed]
    parsed = parallel.map_ordered(_parse_one, todo, config, jobs=run.jobs, stage="parse", progress=run.progress)
    for item in parsed:
        if item.parsed is not None:
            files[item.rel] = FileRecord(item.mtime_ns, item.size, item.sha, item.parsed,
                                         store.put(item.data, item.check), item.light)
        else:  # same text as last time
            same = record.files[item.rel]
            files[item.rel] = FileRecord(item.mtime_ns, item.size, item.sha, same.parsed, same.span, same.light)
    return dict(sorted(files.items()))


def _parse_one(config: Config, task: tuple[str, Path, str]) -> Parsed:
    """Read and parse one file, unless its text hashes to ``previous_sha``. The parsed object comes back
    with its encoding for the cache file: encoding here, in parallel, spares the main process a serial
    pass over every object at save time."""
    kind, path, previous_sha = task
    stat = path.stat()  # before reading: a write after this shows up as a new mtime next time
    text = read_text(path)
    sha = digest(text)
    rel = _rel(path, config)
    if sha == previous_sha:
        return Parsed(rel, stat.st_mtime_ns, stat.st_size, sha)
    parsed: Article | StoryFile = (content.parse_article(path, text, config) if kind == "article"
                                   else content.parse_story_file(path, text, config))
    light = cache.article_light(parsed) if isinstance(parsed, Article) else None
    data = cache_codec.encode(parsed)
    return Parsed(rel, stat.st_mtime_ns, stat.st_size, sha, parsed, data, cache_codec.checksum(data), light)


def _site(config: Config, files: dict[str, FileRecord], drafts: bool,
          diagnostics: Diagnostics) -> tuple[Site, dict[str, str]]:
    """The same Site content.load() gives (sorted articles, drafts dropped, duplicate slugs refused), and
    each article's fingerprint: its file and text (code, config and site root are in the build's own)."""
    articles: list[Article] = []
    fingerprints: dict[str, str] = {}
    story_files: dict[str, StoryFile] = {}
    seen: dict[str, Article] = {}  # the articles, not their paths: a stub makes its Path only when asked
    for rel, record in files.items():
        item = record.parsed
        if isinstance(item, StoryFile):
            story_files[item.key] = item
            continue
        if item.slug in seen:
            raise SitegenError(f"two articles get the slug '{item.slug}': this one and "
                               f"{seen[item.slug].source_path}; rename one", item.source_path)
        seen[item.slug] = item
        if item.draft and not drafts:
            continue
        articles.append(item)
        fingerprints[item.slug] = f"{rel}\0{record.sha}"
    content.warn_on_files(articles, story_files.values(), diagnostics, config.base_path)
    return Site(root=config.root, articles=tuple(articles), story_files=story_files), fingerprints


# --------------------------------------------------------------------------- merge


def _merge(site: Site, record: BuildRecord, code_fp: str, article_fps: dict[str, str], files: dict[str, FileRecord],
           run: Run, store: cache.ObjectStore
           ) -> tuple[list[Story], dict[str, cache.StoryRecord], dict[str, str], ClusterState | None, Published]:
    """merge.stories(), with each unchanged story taken from the cache and the rest merged in parallel; the
    state of the automatic clustering, which the next build starts from; and the record of published
    addresses after this build (sitegen.published)."""
    config, diagnostics = run.config, run.diagnostics
    merge_base = digest(code_fp, repr(config))
    grouping = group_site(site, config, diagnostics, record.clustering, article_fps, merge_base)
    run.laps.lap("grouping")
    keys = sorted(grouping.groups)
    fps = {}
    for key in keys:
        story_file = site.story_files.get(key)
        file_sha = files[_rel(story_file.source_path, config)].sha if story_file else "none"
        fps[key] = digest(merge_base, key, file_sha, *(article_fps[a.slug] for a in grouping.groups[key]))
    todo = [k for k in keys if k not in record.stories or record.stories[k].merge_fp != fps[k]]
    state = (grouping.groups, site.story_files, config)
    # small chunks: a story costs ~10 ms, and 64-story chunks left one core idle for ~0.5 s at the end
    merged_data = parallel.map_ordered(_merge_one, todo, state, jobs=run.jobs, stage="merge", progress=run.progress,
                                       chunk_size=8)
    fresh = {key: _story_record(fps[key], entry, store) for key, entry in zip(todo, merged_data)}
    store.flush()  # render workers read these stories back from the file
    records = {k: fresh[k] if k in fresh else record.stories[k] for k in keys}
    run.laps.lap("merge")
    merged = []
    assignment = published.assign(grouping.groups, site.story_files, site.published)
    story_fps = {}  # slug -> fingerprint: a merged Story is a function of its merge inputs, final slug and id
    for key in keys:
        story = records[key].story
        slug = assignment.slugs[key]
        if slug != story.slug:
            story = story.renamed(slug)
        merged.append(story)
        story_fps[story.slug] = digest(fps[key], story.slug, assignment.record.id_of(slug))
    for key, story_file in sorted(site.story_files.items()):
        if key not in grouping.groups:
            diagnostics.warn(f"story file '{key}' matches no article", story_file.source_path)
    return sorted(merged, key=merge._newest_first), records, story_fps, grouping.clustering, assignment.record


def _merge_one(state: tuple[dict[str, list[Article]], dict[str, StoryFile], Config],
               key: str) -> tuple[bytes, str, list[Any]]:
    """One story merged, as its cache file entry and that entry's digest (made here, in parallel: see
    _parse_one), and its light fields, which are all this process keeps of it (pages that need the rest
    read it from the file)."""
    from .render.search import story_text

    groups, story_files, config = state
    story = merge.merge_story(key, groups[key], story_files.get(key), config)
    entry = cache.story_entry(story, story_text(story))
    return entry, cache_codec.checksum(entry), cache.light_data(story)


def _story_record(merge_fp: str, merged: tuple[bytes, str, list[Any]], store: cache.ObjectStore) -> cache.StoryRecord:
    entry, check, light = merged
    record = cache.StoryRecord(merge_fp, None, store.put(entry, check), light)
    record.story = cache.StoryStub(cache.light_story_fields(light), record, store.reader)
    return record


def _history(run: Run, site: Site, stories: list[Story], story_fps: dict[str, str]
             ) -> tuple[list[Story], dict[str, history.Publish], tuple[str, ...]]:
    """Each story with its corrections and recorded history (``story_fps`` updated in place: a page shows
    its history); with ``run.record_at``, this publish's entries too, to be written after the render; with
    ``run.find_unrecorded``, the slugs of the stories that have entries to publish."""
    files = history.load(run.config)
    publishes: dict[str, history.Publish] = {}
    unrecorded: tuple[str, ...] = ()
    if run.record_at is not None or run.find_unrecorded:
        publishes = history.publish(stories, site.story_files, files, run.config, run.record_at or history.now(),
                                    run.diagnostics)
        if run.record_at is None:
            publishes, unrecorded = {}, tuple(publishes)
        files = {**files, **{slug: item.after for slug, item in publishes.items()}}
    result = []
    for story in stories:
        file = history.file_of(files, story)
        if file is not None:
            story_fps[story.slug] = digest(story_fps[story.slug], history.fingerprint(file))
        result.append(history.attach(story, site.story_files.get(story.key), file))
    run.laps.lap("history")
    return result, publishes, unrecorded


def intact_outputs(run: Run, record: BuildRecord) -> Collection[str]:
    """The last build's output files that are still as it wrote them. A memo with a private output folder
    (serve's preview, which one session at a time holds) wrote every file there itself and nobody else
    writes there, so its record is taken as it stands: the check stats every output file (~0.05 s per
    rebuild at 15,000 files)."""
    if run.memo is not None and run.memo.private_output and record is run.memo.record:
        return record.outputs.keys()
    return output.intact_paths(run.target, record.outputs)


def _outputs_intact(run: Run, record: BuildRecord) -> bool:
    return bool(record.outputs) and len(intact_outputs(run, record)) == len(record.outputs)
