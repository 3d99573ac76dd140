"""One build: config -> content -> merge -> render -> write, incremental and parallel.

Data flows one way. Each stage reuses what the last build's record (``sitegen.cache``) proves is
unchanged and spreads the rest over worker processes (``sitegen.parallel``):

1. scan: stat every content file; only files whose stat changed are read, hashed and parsed;
2. merge: a story whose articles, story file, config and code are unchanged keeps its merged Story;
3. render: a story or article page whose recorded reads fingerprint the same is not rendered, and a
   page whose bytes come out the same is not rewritten (its mtime stays); site-wide pages (index,
   feeds, listings, search, assets) are rendered whenever anything changed;
4. write: changed files replace old ones by rename, stale ones are deleted; a full build writes a
   sibling folder and swaps it in. Nothing is written before every page has rendered, so a failed
   build leaves the old output intact.
"""
from __future__ import annotations

import dataclasses
import importlib
import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import cache, content, linkcheck, merge, output, parallel, render
from . import config as config_stage
from .cache import BuildRecord, FileRecord, Fingerprints, Reads, ReadLog, digest
from .config import Config
from .errors import Diagnostics, SitegenError
from .frontmatter import read_text
from .merge.grouping import group_site, unique_slug
from .model import Article, Site, Story, StoryFile
from .model import Page
from .render import search
from .render.pages import (RenderContext, Term, article_page, make_context, search_heads, static_files, story_pages,
                           term_list_page, term_page)

log = logging.getLogger("sitegen.build")

Progress = parallel.Progress
# RenderContext fields whose reads the cache tracks or fingerprints; any other field disables page skipping.
KNOWN_CONTEXT_FIELDS = frozenset({"config", "env", "markdown", "stories", "articles", "story_of_article",
                                  "generated", "terms"})
# Site-wide pages, in parts so that two workers can share them; each part depends on the whole site and
# is rendered in every build that changes anything (the search index is then updated, not rebuilt, where
# it can be). Category/tag/outlet pages are tasks of their own ("terms", "term"), reused like story pages.
# Each name is a function ``(ctx) -> list[Page]`` of sitegen.render.pages; one the theme does not have
# (yet) is skipped. tests/test_incremental_build.py compares every build with render.pages(), so a new
# kind of page that is missing here fails loudly there.
SITE_PARTS = ("site_pages", "search_pages")
SITE_TASKS = tuple(("site", name) for name in SITE_PARTS) + (("site", "static"),)
# From this many articles on, the site-wide parts cost more than forking workers for them (~1 s at 10,000).
SITE_WIDE_IS_HEAVY = 500


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


@dataclass(frozen=True, slots=True)
class Parsed:
    """One content file after the scan: stat, sha, and the parsed object pickled."""

    rel: str
    mtime_ns: int
    size: int
    sha: str
    data: bytes

    def __reduce__(self) -> tuple[Any, ...]:
        return (Parsed, (self.rel, self.mtime_ns, self.size, self.sha, self.data))


@dataclass(slots=True)
class TaskRecord:
    """One render task (a story's pages, an article's page, or the site-wide pages) as last built."""

    fp: str  # "" = always render
    reads: Reads
    paths: tuple[str, ...]

    def __reduce__(self) -> tuple[Any, ...]:
        return (TaskRecord, (self.fp, self.reads, self.paths))


@dataclass(frozen=True, slots=True)
class OutputFile:
    sha: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class TaskResult:
    task: tuple[str, str]
    fp: str
    reads: Reads
    files: tuple[tuple[str, str, int, bool], ...]  # (path, sha, size, written)


def build(site_dir: Path, out_dir: Path | None = None, *, drafts: bool = False, strict: bool = False,
          diagnostics: Diagnostics | None = None, base_url: str | None = None, jobs: int | None = None,
          clean: bool = False, progress: Progress | None = None, memo: cache.BuildMemo | None = None) -> BuildResult:
    """Build the site; raises SitegenError (old output intact) on bad input, or on any warning if strict.

    ``jobs``: worker processes (default: all cores; 1 = in this process). ``clean``: ignore the cache
    and write everything afresh. ``progress(stage, done, total)`` is called as work completes.
    ``memo``: a long-lived caller's in-memory copy of the cache (see :class:`sitegen.cache.BuildMemo`).
    """
    started = time.perf_counter()
    run = Run(config=config_stage.load(site_dir), target=Path(), drafts=drafts, strict=strict,
              diagnostics=diagnostics if diagnostics is not None else Diagnostics(),
              jobs=jobs if jobs and jobs > 0 else parallel.default_jobs(), clean=clean, progress=progress,
              memo=memo, laps=Laps(), wall_started=cache.now())
    if base_url is not None:
        run.config = config_stage.with_base_url(run.config, base_url)
    run.target = (out_dir if out_dir is not None else run.config.root / run.config.output_dir).resolve()
    _refuse_dangerous_target(run.target, run.config.root)
    with cache.BuildLock(run.config.root):
        result = _build_locked(run)
    run.laps.log()
    log.debug("built %d pages (%d stories, %d articles) in %.2fs -> %s", result.pages, result.stories,
              result.articles, time.perf_counter() - started, run.target)
    return dataclasses.replace(result, seconds=time.perf_counter() - started)


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


def _build_locked(run: Run) -> BuildResult:
    """build() with the site's build lock held: reuse what the cache proves unchanged, do the rest."""
    config, target, diagnostics = run.config, run.target, run.diagnostics
    warned_before = len(diagnostics.warnings)
    code_fp = cache.code_fingerprint()
    parse_fp = digest(code_fp, config.timezone)
    page_fp = digest(code_fp, repr(config), str(run.strict))
    record = BuildRecord() if run.clean else cache.load_record(config.root)
    paths = _content_paths(config)
    unchanged = _unchanged_stats(config, paths, record, parse_fp)
    reader = _reader(run)
    known_paths = {str(path): path for _, path in paths}
    if unchanged is None:  # some file changed, appeared or went: the parsed objects are needed
        record = _with_objects(config, record, run.memo, reader, known_paths)
    store = cache.ObjectStore(config.root, record, reader)
    try:
        run.laps.lap("config+cache")
        files = _scan(config, paths, record, parse_fp, run, store)
        run.laps.lap("scan+parse")
        inputs_fp = digest(page_fp, parse_fp, str(run.drafts), cache.tree_fingerprint(config.templates_dir),
                           cache.tree_fingerprint(render.environment.THEME_DIR / "templates"),
                           cache.tree_stat_fingerprint(render.environment.THEME_DIR / "static"),
                           cache.tree_stat_fingerprint(config.static_dir),
                           *(f"{rel}={f.sha}" for rel, f in sorted(files.items())))
        if (not run.clean and inputs_fp == record.inputs_fp and record.global_fp == page_fp
                and record.out_dir == str(target) and _outputs_intact(target, record.outputs)):
            # Nothing that any page reads has changed: the output is already this build's output.
            diagnostics.extend(list(record.warnings))  # the same input still deserves the same warnings
            return BuildResult(target, len(record.outputs), record.story_count, record.article_count, 0.0,
                               written=0, skipped=len(record.outputs), incremental=True)
        if unchanged is not None:  # same files, but something else changed: now the parsed objects are needed
            record = _with_objects(config, record, run.memo, reader, known_paths)
            store.adopt(record)
            files = _scan(config, paths, record, parse_fp, run, store)

        site = _site(config, files, run.drafts, diagnostics)
        article_fps = {a.slug: digest(parse_fp, _rel(a.source_path, config), files[_rel(a.source_path, config)].sha)
                       for a in site.articles}
        run.laps.lap("site")
        stories, story_records, story_fps = _merge(site, record, code_fp, article_fps, files, run, store)
        if run.strict and diagnostics.warnings:
            first = diagnostics.warnings[0]
            raise SitegenError(f"{len(diagnostics.warnings)} warning(s) and --strict is on; first: {first.message}",
                               first.path, first.line)

        reuse_pages = (record.global_fp == page_fp and record.out_dir == str(target) and target.is_dir())
        new_record = BuildRecord(global_fp=page_fp, out_dir=str(target), started=run.wall_started,
                                 parse_fp=parse_fp, files=files, stories=story_records, inputs_fp=inputs_fp,
                                 article_count=len(site.articles), story_count=len(stories),
                                 warnings=tuple(diagnostics.warnings[warned_before:]))
        written, skipped, removed = _render_and_write(run, site, stories, article_fps, story_fps, page_fp,
                                                      record if reuse_pages else BuildRecord(), new_record)
        cache.save_record(config.root, new_record, store)
        run.laps.lap("cache save")
    finally:
        store.close()
    if run.memo is not None:
        run.memo.record = new_record
    return BuildResult(target, len(new_record.outputs), len(stories), len(site.articles), 0.0, written=written,
                       skipped=skipped, removed=removed, incremental=reuse_pages)


def _reader(run: Run) -> cache.ObjectReader:
    """The reader that stubs of merged stories load through: one per memo, so one per serve session."""
    if run.memo is None:
        return cache.ObjectReader(cache.objects_path(run.config.root))
    if run.memo.reader is None:
        run.memo.reader = cache.ObjectReader(cache.objects_path(run.config.root))
    return run.memo.reader


def _with_objects(config: Config, record: BuildRecord, memo: cache.BuildMemo | None,
                  reader: cache.ObjectReader, known_paths: dict[str, Path]) -> BuildRecord:
    """The record with parsed files and story stubs: from the memo when it is current, else from disk."""
    if (memo is not None and memo.record is not None and record.token and memo.record.token == record.token
            and cache.objects_file_id(config.root) == memo.record.objects_id):
        return memo.record
    return cache.attach_objects(config.root, record, reader, known_paths)


# --------------------------------------------------------------------------- scan and parse


def _rel(path: Path, config: Config) -> str:
    """The site-relative POSIX path (string slicing: pathlib's relative_to costs seconds on 10,000 files)."""
    text, root = str(path), str(config.root) + os.sep
    if text.startswith(root):
        return text[len(root):].replace(os.sep, "/")
    return path.relative_to(config.root).as_posix()


def _content_paths(config: Config) -> list[tuple[str, Path]]:
    found = [("article", p) for p in content.markdown_files(config.content_dir / "articles", config.root)]
    found += [("story", p) for p in content.markdown_files(config.content_dir / "stories", config.root)]
    return found


def _unchanged_stats(config: Config, paths: list[tuple[str, Path]], record: BuildRecord,
                     parse_fp: str) -> dict[str, FileRecord] | None:
    """The file records when every content file is the same set with the same stat, else None."""
    if record.parse_fp != parse_fp or not record.files:
        return None
    if len(paths) != len(record.files):
        return None
    for _, path in paths:
        previous = record.files.get(_rel(path, config))
        if previous is None or not cache.stat_unchanged(previous, path.stat(), record.started):
            return None
    return record.files


def _scan(config: Config, paths: list[tuple[str, Path]], record: BuildRecord, parse_fp: str, run: Run,
          store: cache.ObjectStore) -> dict[str, FileRecord]:
    """Every content file's record: reused when its stat is unchanged, else read and hashed, and parsed
    only when its text changed (a checkout or a touch changes mtimes, not texts)."""
    reusable = record.parse_fp == parse_fp
    files: dict[str, FileRecord] = {}
    todo: list[tuple[str, Path, str]] = []
    for kind, path in paths:
        rel = _rel(path, config)
        previous = record.files.get(rel) if reusable else None
        if previous is not None and cache.stat_unchanged(previous, path.stat(), record.started):
            files[rel] = previous
        else:
            todo.append((kind, path, previous.sha if previous is not None else ""))
    parsed = parallel.map_ordered(_parse_one, todo, config, jobs=run.jobs, stage="parse", progress=run.progress)
    known_paths = {str(path): path for _, path, _ in todo}
    for item in parsed:
        if item.data:
            files[item.rel] = FileRecord(item.mtime_ns, item.size, item.sha, cache.model_loads(item.data, known_paths),
                                         store.put(item.data))
        else:  # same text as last time
            same = record.files[item.rel]
            files[item.rel] = FileRecord(item.mtime_ns, item.size, item.sha, same.parsed, same.span)
    return dict(sorted(files.items()))


def _parse_one(config: Config, task: tuple[str, Path, str]) -> Parsed:
    """Read and parse one file, unless its text hashes to ``previous_sha``. The parsed object comes back
    pickled, ready for the cache file: pickling here, in parallel, spares the main process a serial
    pass over every object at save time."""
    kind, path, previous_sha = task
    stat = path.stat()  # before reading: a write after this shows up as a new mtime next time
    text = read_text(path)
    sha = digest(text)
    rel = _rel(path, config)
    if sha == previous_sha:
        return Parsed(rel, stat.st_mtime_ns, stat.st_size, sha, b"")
    parsed: Article | StoryFile = (content.parse_article(path, text, config) if kind == "article"
                                   else content.parse_story_file(path, text))
    return Parsed(rel, stat.st_mtime_ns, stat.st_size, sha, cache.model_dumps(parsed))


def _site(config: Config, files: dict[str, FileRecord], drafts: bool, diagnostics: Diagnostics) -> Site:
    """The same Site content.load() gives: sorted articles, drafts dropped, duplicate slugs refused."""
    articles: list[Article] = []
    story_files: dict[str, StoryFile] = {}
    seen: dict[str, Path] = {}
    for record in files.values():
        item = record.parsed
        if isinstance(item, StoryFile):
            story_files[item.key] = item
            continue
        if item.slug in seen:
            raise SitegenError(f"two articles get the slug '{item.slug}': this one and {seen[item.slug]}; "
                               "rename one", item.source_path)
        seen[item.slug] = item.source_path
        if item.draft and not drafts:
            continue
        articles.append(item)
    content._warn_incomplete(articles, diagnostics)
    return Site(root=config.root, articles=tuple(articles), story_files=story_files)


# --------------------------------------------------------------------------- merge


def _merge(site: Site, record: BuildRecord, code_fp: str, article_fps: dict[str, str], files: dict[str, FileRecord],
           run: Run, store: cache.ObjectStore) -> tuple[list[Story], dict[str, cache.StoryRecord], dict[str, str]]:
    """merge.stories(), with each unchanged story taken from the cache and the rest merged in parallel."""
    config, diagnostics = run.config, run.diagnostics
    grouping = group_site(site, config, diagnostics)
    run.laps.lap("grouping")
    merge_base = digest(code_fp, repr(config))
    keys = sorted(grouping.groups)
    fps = {}
    for key in keys:
        story_file = site.story_files.get(key)
        file_sha = files[_rel(story_file.source_path, config)].sha if story_file else "none"
        fps[key] = digest(merge_base, key, file_sha, *(article_fps[a.slug] for a in grouping.groups[key]))
    todo = [k for k in keys if k not in record.stories or record.stories[k].merge_fp != fps[k]]
    state = (grouping.groups, site.story_files, config)
    merged_data = parallel.map_ordered(_merge_one, todo, state, jobs=run.jobs, stage="merge", progress=run.progress)
    fresh = {key: _story_record(fps[key], data, light, store) for key, (data, light) in zip(todo, merged_data)}
    store.flush()  # render workers read these stories back from the file
    records = {k: fresh[k] if k in fresh else record.stories[k] for k in keys}
    run.laps.lap("merge")
    merged = []
    taken: set[str] = set()
    story_fps = {}  # slug -> fingerprint: a merged Story is a function of its merge inputs and final slug
    for key in keys:
        story = records[key].story
        slug = unique_slug(key, taken)
        if slug != story.slug:
            story = story.renamed(slug)
        merged.append(story)
        story_fps[story.slug] = digest(fps[key], story.slug)
    for key, story_file in sorted(site.story_files.items()):
        if key not in grouping.groups:
            diagnostics.warn(f"story file '{key}' matches no article", story_file.source_path)
    return sorted(merged, key=merge._newest_first), records, story_fps


def _merge_one(state: tuple[dict[str, list[Article]], dict[str, StoryFile], Config],
               key: str) -> tuple[bytes, dict[str, Any]]:
    """One story merged: pickled for the cache file (see _parse_one), plus its light fields, which are all
    this process keeps of it (pages that need the rest read it back from the file)."""
    groups, story_files, config = state
    story = merge.merge_story(key, groups[key], story_files.get(key), config)
    return cache.model_dumps(story), cache.light_fields(story)


def _story_record(merge_fp: str, data: bytes, light: dict[str, Any], store: cache.ObjectStore) -> cache.StoryRecord:
    record = cache.StoryRecord(merge_fp, None, store.put(data), light)
    record.story = cache.StoryStub(light, record, store.reader)
    return record


# --------------------------------------------------------------------------- render and write


@dataclass(frozen=True, slots=True)
class RenderState:
    """What each render worker inherits (by fork, not by pickling)."""

    plain: RenderContext  # for site-wide pages: no tracking needed, they are always rendered
    tracked: RenderContext  # for story/article/term pages: collections that note what is read
    reads: ReadLog
    identities: dict[tuple[str, str], str]  # task -> fingerprint of what it renders (see _identities)
    tracking: bool
    staging: Path
    target: Path
    previous: dict[str, OutputFile]  # the last build's output files that are still intact
    config: Config
    terms: dict[str, Term]  # "kind/slug" -> term
    search_changes: dict[int, tuple[str, str]] | None  # see _search_changes


def _track_templates(env: jinja2.Environment, reads: ReadLog) -> None:
    """Note each template a render loads (extends, include, import all come through here)."""
    get_template, select_template = env.get_template, env.select_template

    def tracked_get(name: Any, parent: Any = None, globals: Any = None) -> jinja2.Template:
        if isinstance(name, str):
            reads.templates.add(env.join_path(name, parent) if parent is not None else name)
        else:
            reads.templates.add(getattr(name, "name", None) or "<object>")
        return get_template(name, parent, globals)

    def tracked_select(names: Any, parent: Any = None, globals: Any = None) -> jinja2.Template:
        for name in names:
            reads.templates.add(str(getattr(name, "name", name)))
        return select_template(names, parent, globals)

    env.get_template = tracked_get  # type: ignore[method-assign]
    env.select_template = tracked_select  # type: ignore[method-assign]


def _template_fps(env: jinja2.Environment) -> dict[str, str]:
    result = {}
    for name in env.list_templates():
        try:
            source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            continue
        result[name] = digest(source)
    return result


def _fingerprints(page_fp: str, ctx: RenderContext, article_fps: dict[str, str], story_fp_by_slug: dict[str, str],
                  templates: dict[str, str]) -> Fingerprints:
    story_fps = tuple(story_fp_by_slug[s.slug] for s in ctx.stories)
    of_article = {slug: story_fp_by_slug.get(story.slug, cache.ABSENT)
                  for slug, story in ctx.story_of_article.items()}
    all_articles = digest(*(f"{s}={fp}" for s, fp in sorted(article_fps.items())))
    all_stories = digest(*story_fps)
    return Fingerprints(global_fp=page_fp, generated=repr(ctx.generated), article=article_fps, story=story_fps,
                        story_of_article=of_article, all_articles=all_articles, all_stories=all_stories,
                        all_story_of_article=digest(*(f"{s}={fp}" for s, fp in sorted(of_article.items()))),
                        terms=digest(all_articles, all_stories), templates=templates)


def _render_and_write(run: Run, site: Site, stories: list[Story], article_fps: dict[str, str],
                      story_fps: dict[str, str], page_fp: str, record: BuildRecord,
                      new_record: BuildRecord) -> tuple[int, int, int]:
    """Render what changed into a staging folder, then commit it; returns (written, skipped, removed)."""
    config, strict, target, laps = run.config, run.strict, run.target, run.laps
    env = render.make_environment(config, strict=strict)
    reads = ReadLog()
    _track_templates(env, reads)
    markdown = render.make_renderer(config.raw_html)
    ctx = make_context(stories, site, config, env, markdown)
    tracking = {f.name for f in dataclasses.fields(ctx)} <= KNOWN_CONTEXT_FIELDS
    if not tracking:
        log.debug("render context has fields the cache does not know; rendering every page")
    tracked = dataclasses.replace(ctx, **_tracked_fields(ctx, reads))
    fps = _fingerprints(page_fp, ctx, article_fps, story_fps, _template_fps(env))
    changes = fps.changes_since(record.fingerprints)
    new_record.fingerprints = fps
    intact = _intact_paths(target, record.outputs)
    previous = {path: OutputFile(*entry) for path, entry in record.outputs.items() if path in intact}

    tasks = list(SITE_TASKS) + _term_tasks(ctx) + [("story", str(i)) for i in range(len(stories))] + \
        [("article", a.slug) for a in site.articles]
    identities = _identities(ctx, fps, story_fps)
    new_record.story_keys = tuple(story.key for story in stories)
    todo = []
    for task in tasks:
        kept = _reusable(task, record, identities, changes, intact, tracking, stories)
        if kept is None:
            todo.append(task)
        else:
            new_record.tasks[_task_id(task, stories)] = kept
    staging = output.new_staging(target)
    laps.lap("render context")
    try:
        terms = {f"{kind}/{term.slug}": term for kind, listed in ctx.terms.items() for term in listed}
        state = RenderState(ctx, tracked, reads, identities, tracking, staging, target, previous, config, terms,
                            _search_changes(ctx, stories, changes, record))
        results = parallel.map_ordered(_render_one, todo, state, jobs=run.jobs, stage="render", progress=run.progress,
                                       heavy_first=len(SITE_TASKS) if len(site.articles) >= SITE_WIDE_IS_HEAVY else 0)
        laps.lap("render")
        if strict:  # a broken internal link fails a strict build before the new output replaces the old
            files = [f for result in results for f in result.files]
            kept = [p for t in new_record.tasks.values() for p in t.paths] + [f[0] for f in files if not f[3]]
            linkcheck.fail_on_broken(linkcheck.check_staged(staging, target, [f[0] for f in files if f[3]], kept,
                                                            config.base_url))
        counts = _commit(results, record, new_record, staging, target, stories)
        laps.lap("commit")
        return counts
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # already gone after a commit; cleans up after a failure


def _tracked_fields(ctx: RenderContext, reads: ReadLog) -> dict[str, Any]:
    """The context's collections wrapped so that a render notes what it reads from them."""
    wrapped: dict[str, Any] = {"articles": cache.TrackedMapping(ctx.articles, reads, "articles"),
                               "stories": cache.TrackedSequence(ctx.stories, reads),
                               "story_of_article": cache.TrackedMapping(ctx.story_of_article, reads,
                                                                        "story_of_article")}
    if hasattr(ctx, "terms"):
        wrapped["terms"] = cache.TrackedMapping(ctx.terms, reads, "terms")
    return wrapped


def _task_id(task: tuple[str, str], stories: list[Story]) -> str:
    kind, key = task
    return f"story:{stories[int(key)].slug}" if kind == "story" else f"{kind}:{key}"


def _term_tasks(ctx: RenderContext) -> list[tuple[str, str]]:
    tasks = []
    for kind, terms in ctx.terms.items():
        tasks.append(("terms", kind))
        tasks += [("term", f"{kind}/{term.slug}") for term in terms]
    return tasks


def _identities(ctx: RenderContext, fps: Fingerprints, story_fp_by_slug: dict[str, str]) -> dict[tuple[str, str], str]:
    """Per page task, a fingerprint of the item it renders; what else it reads is tracked (Reads)."""
    identities = {("story", str(i)): fp for i, fp in enumerate(fps.story)}
    identities.update({("article", slug): fp for slug, fp in fps.article.items()})
    for kind, terms in ctx.terms.items():  # a term page lists its stories and articles: their fingerprints
        identities[("terms", kind)] = digest("terms", kind, *(f"{t.slug}\0{t.name}\0{len(t.stories)}\0"
                                                             f"{len(t.articles)}" for t in terms))
        for term in terms:
            identities[("term", f"{kind}/{term.slug}")] = digest(
                "term", kind, term.name, *(story_fp_by_slug[s.slug] for s in term.stories),
                "articles", *(fps.article[a.slug] for a in term.articles))
    return identities


def _reusable(task: tuple[str, str], record: BuildRecord, identities: dict[tuple[str, str], str],
              changes: cache.Changes, intact: set[str], tracking: bool, stories: list[Story]) -> TaskRecord | None:
    if task[0] == "site" or not tracking:
        return None
    previous = record.tasks.get(_task_id(task, stories))
    if previous is None or not previous.fp or not all(p in intact for p in previous.paths):
        return None
    if identities[task] != previous.fp or changes.touch(previous.reads):
        return None
    return previous


def _render_one(state: RenderState, task: tuple[str, str]) -> TaskResult:
    kind, key = task
    state.reads.reset()
    kept: list[str] = []
    if kind == "site":
        pages, kept = _site_wide_pages(state, key)
    elif kind == "story":
        pages = story_pages(state.tracked, state.plain.stories[int(key)].full())
    elif kind == "article":
        pages = [article_page(state.tracked, state.plain.articles[key])]
    elif kind == "terms":
        pages = [term_list_page(state.tracked, key, state.plain.terms[key])]
    else:
        pages = [term_page(state.tracked, state.terms[key])]
    reads = state.reads.freeze()
    fp = state.identities[task] if state.tracking and kind != "site" else ""
    files = []
    for page in pages:
        sha = digest(page.content)
        before = state.previous.get(page.path)
        unchanged = before is not None and before.sha == sha and before.size == len(page.content)
        if not unchanged:
            output.write_file(state.staging, page.path, page.content)
        files.append((page.path, sha, len(page.content), not unchanged))
    files += [(path, state.previous[path].sha, state.previous[path].size, False) for path in kept]
    return TaskResult(task, fp, reads, tuple(files))


def _site_wide_pages(state: RenderState, part: str) -> tuple[list[Page], list[str]]:
    """The pages that are not one story's or one article's (they depend on the whole site), by part; and
    the paths of the part's files that stay as the last build wrote them."""
    if part == "static":
        return [Page(path, source.read_bytes()) for path, source in dict(static_files(state.config)).items()], []
    if part == "search_pages" and state.search_changes is not None:
        updated = search.updated_index_pages(search_heads(state.plain), state.search_changes,
                                             lambda path: _previous_bytes(state, path))
        if updated is not None and all(path in state.previous for path in updated[1]):
            return updated
    function = getattr(importlib.import_module(".render.pages", __package__), part, None)
    return (list(function(state.plain)) if function is not None else []), []


def _previous_bytes(state: RenderState, path: str) -> bytes | None:
    """A file of the last build's output, if it is still as that build wrote it."""
    if path not in state.previous:
        return None
    try:
        return (state.target / path).read_bytes()
    except OSError:
        return None


def _search_changes(ctx: RenderContext, stories: list[Story], changes: cache.Changes,
                    record: BuildRecord) -> dict[int, tuple[str, str]] | None:
    """Search document number -> (last build's text, this build's) for every document that may have
    changed, so the index can be updated in place; None when it must be built anew."""
    if changes.everything or not record.story_keys or len(record.story_keys) != len(stories):
        return None
    found: dict[int, tuple[str, str]] = {}
    for i in sorted(changes.stories):
        old = record.stories.get(record.story_keys[i]) if i < len(stories) else None
        if old is None or old.story is None:
            return None
        found[i] = (search.story_text(old.story.full()), search.story_text(stories[i].full()))
    if changes.articles:
        old_articles = {f.parsed.slug: f.parsed for f in record.files.values() if isinstance(f.parsed, Article)}
        numbers = {slug: len(stories) + n for n, slug in enumerate(ctx.articles)}
        for slug in changes.articles:
            if slug not in numbers or slug not in old_articles:
                return None  # an article came or went: the documents moved
            found[numbers[slug]] = (search.article_text(old_articles[slug]), search.article_text(ctx.articles[slug]))
    return found


def _commit(results: list[TaskResult], record: BuildRecord, new_record: BuildRecord, staging: Path,
            target: Path, stories: list[Story]) -> tuple[int, int, int]:
    full = not record.outputs or not target.is_dir()
    written: list[str] = []
    new_outputs: dict[str, tuple[str, int, int]] = {}
    for task_record in new_record.tasks.values():  # carried over untouched
        for path in task_record.paths:
            new_outputs[path] = record.outputs[path]
    for result in results:
        new_record.tasks[_task_id(result.task, stories)] = TaskRecord(result.fp, result.reads,
                                                                        tuple(f[0] for f in result.files))
        for path, sha, size, was_written in result.files:
            if path in new_outputs:
                raise SitegenError(f"two pages would be written to {path}; rename one of their sources")
            if was_written or full:
                written.append(path)
                new_outputs[path] = (sha, size, 0)
            else:
                new_outputs[path] = record.outputs[path]
    stale = [p for p in record.outputs if p not in new_outputs] if not full else []
    output.commit(staging, target, full=full, written=written, stale=stale)
    base = str(target) + os.sep  # every path was checked by output.safe_relative when it was staged
    for path in written:
        stat = os.stat(base + path)
        sha, size, _ = new_outputs[path]
        new_outputs[path] = (sha, size, stat.st_mtime_ns)
    new_record.outputs = new_outputs
    return len(written), len(new_outputs) - len(written), len(stale)


def _intact_paths(target: Path, outputs: dict[str, tuple[str, int, int]]) -> set[str]:
    """Recorded output files whose size and mtime still match (nobody edited or deleted them)."""
    intact = set()
    base = str(target) + os.sep  # string joins: a Path per file cost ~0.1 s at 14,000 files
    for path, (_, size, mtime_ns) in outputs.items():
        try:
            stat = os.stat(base + path)
        except OSError:
            continue
        if stat.st_size == size and stat.st_mtime_ns == mtime_ns:
            intact.add(path)
    return intact


def _outputs_intact(target: Path, outputs: dict[str, tuple[str, int, int]]) -> bool:
    return bool(outputs) and len(_intact_paths(target, outputs)) == len(outputs)


def _refuse_dangerous_target(target: Path, root: Path) -> None:
    """Never replace the site itself, a parent of it, or a content folder with build output."""
    root = root.resolve()
    if target == root or root.is_relative_to(target) or target in {root / "content", root / "templates",
                                                                  root / "static"}:
        raise SitegenError(f"refusing to use {target} as the output folder: it holds the site's own files")
