"""The render-and-write stage of a build: which pages must be rendered, rendering them (in parallel), and
committing the output (see sitegen.build for the stages before). Imported only when a build renders, so a
no-op build never loads Jinja or the Markdown parser.

Reuse: every page task records what it read (sitegen.cache.Reads) and an identity (a fingerprint of the
item it renders); a task is skipped when its identity is unchanged and none of its reads changed since
the last build (sitegen.cache.Changes).
"""
from __future__ import annotations

import dataclasses
import logging
import marshal
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Collection

import jinja2

from . import cache, cache_codec, linkcheck, output, parallel, render
from .build import intact_outputs  # no cycle: build imports this module only inside a function
from .cache import BuildRecord, Fingerprints, Reads, ReadLog, TaskRecord, digest
from .config import Config
from .errors import SitegenError
from .model import Article, Page, Site, Story
from .render import search
from .render.pages import (Pager, RenderContext, Term, article_page, feed_page, fixed_pages, home_page,
                           home_page_count, make_context, page_slice, search_heads, search_pages, sitemap_page,
                           static_files, story_pages, term_list_page, term_page, term_page_count)

if TYPE_CHECKING:
    from .build import Run

log = logging.getLogger("sitegen.build")

# RenderContext fields whose reads the cache tracks or fingerprints; any other field disables page skipping.
KNOWN_CONTEXT_FIELDS = frozenset({"config", "env", "markdown", "stories", "articles", "story_of_article",
                                  "generated", "terms"})
# Site-wide parts, rendered in every build that changes anything (the search index is then updated in
# place where it can be): pages that list nothing, the search index, the sitemap, the assets (see
# _site_wide_pages). Listings (home pages, the feed, category/tag/outlet pages) are tasks of their own,
# reused like story pages (see _identities). tests/test_incremental_build.py compares every build
# with render.pages(), so a new kind of page that is missing here fails loudly there.
SITE_PARTS = ("fixed", "search", "sitemap", "static")
SITE_TASKS = tuple(("site", name) for name in SITE_PARTS)
LISTINGS = frozenset({"home", "feed", "terms", "term"})  # kinds of listing task
# From this many articles on, the site-wide parts cost more than forking workers for them (~1 s at 10,000).
SITE_WIDE_IS_HEAVY = 500
# Up to this many pages (~0.5 ms each) render in this process: forking workers of a process that holds a
# 10,000-article site costs ~0.1 s, more than they would save (an edit re-renders a few dozen pages).
SERIAL_PAGES = 100
SHARDS = search.INDEX_DIR + "t/"


@dataclass(frozen=True, slots=True)
class TaskResult:
    task: tuple[str, str]
    fp: str
    reads: Reads
    files: tuple[tuple[str, str, int, int], ...]  # (path, sha, size, mtime_ns when written here, else 0)


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
    previous: dict[str, tuple[str, int, int]]  # the last build's output files still intact: (sha, size, mtime)
    config: Config
    terms: dict[str, Term]  # "kind/slug" -> term
    search_changes: dict[int, tuple[str, str]] | None  # see _search_changes
    last_shards: frozenset[str]  # the shard names of the last build's search index
    made: set[str] = dataclasses.field(default_factory=set)  # staging folders this process has created


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
    return Fingerprints(global_fp=page_fp, generated=repr(ctx.generated), article=article_fps, story=story_fps,
                        story_of_article=of_article, templates=templates)


def render_and_write(run: Run, site: Site, stories: list[Story], article_fps: dict[str, str],
                      story_fps: dict[str, str], page_fp: str, record: BuildRecord,
                      new_record: BuildRecord) -> tuple[int, int, int]:
    """Render what changed into a staging folder, then commit it; returns (written, skipped, removed)."""
    config, strict, target, laps = run.config, run.strict, run.target, run.laps
    env = render.make_environment(config, strict=strict)
    _keep_compiled_templates(env, config.root, page_fp, run.clean)
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
    intact = intact_outputs(run, record)
    previous = {path: entry for path, entry in record.outputs.items() if path in intact}

    identities = _identities(ctx, fps, story_fps)
    # site-wide parts first (the heaviest), then listings, story pages, article pages
    tasks = list(SITE_TASKS) + [task for task in identities if task[0] in LISTINGS] + \
        [("story", str(i)) for i in range(len(stories))] + [("article", a.slug) for a in site.articles]
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
                            _search_changes(ctx, stories, changes, record, new_record),
                            frozenset(p[len(SHARDS):-len(".json")] for p in record.outputs if p.startswith(SHARDS)))
        results = parallel.map_ordered(_render_one, todo, state, jobs=run.jobs, stage="render", progress=run.progress,
                                       heavy_first=len(SITE_TASKS) if len(site.articles) >= SITE_WIDE_IS_HEAVY else 0,
                                       serial_below=len(SITE_TASKS) + SERIAL_PAGES)
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
        output.discard_staging(staging)  # already gone after a commit; cleans up after a failure


def _keep_compiled_templates(env: jinja2.Environment, site_root: Path, page_fp: str, clean: bool) -> None:
    """Compiled templates are kept between builds, outside the site (see :class:`CompiledTemplates`):
    compiling the theme cost ~0.1 s per build (and per worker). The file names carry the build's page
    fingerprint (code, config, --strict), which the compiled code may also depend on."""
    folder = compiled_templates_folder(site_root)
    if folder is None:
        return
    prefix = page_fp[:20] + "-"
    for entry in os.scandir(folder):
        if entry.name.endswith(CompiledTemplates.SUFFIX) and (clean or not entry.name.startswith(prefix)):
            os.unlink(entry.path)
    env.bytecode_cache = CompiledTemplates(folder, prefix)


def compiled_templates_folder(site_root: Path) -> Path | None:
    """This user's folder of the site's compiled templates (``$XDG_CACHE_HOME/sitegen/templates/<site>``),
    or None when there is no such folder to write. Compiled templates are Python code (marshal), so they
    are never kept in the site folder, which anyone who sends a pull request may fill."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    folder = Path(base) / "sitegen" / "templates" / digest(str(site_root))[:24]
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates in files of our own layout: a header (Jinja's and Python's version), the
    template source's checksum, a digest of the code, the code. A file that fails any check (a damaged
    disk, a half-written file, another Python) is recompiled, never loaded: unmarshalling damaged bytes
    can crash the interpreter. Jinja's own FileSystemBytecodeCache trusts whatever it finds."""

    SUFFIX = ".jinja"
    MAGIC = b"sitegen-templates-1 " + jinja2.bccache.bc_magic + b"\n"

    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder = folder
        self.prefix = prefix

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{self.prefix}{bucket.key}{self.SUFFIX}"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            data = self._path(bucket).read_bytes()
        except OSError:
            return
        head = self.MAGIC + bucket.checksum.encode("ascii") + b"\n"
        check_end = len(head) + 2 * cache_codec.DIGEST_BYTES
        code = data[check_end:]
        if (not data.startswith(head) or data[len(head):check_end] != cache_codec.checksum(code).encode("ascii")):
            log.debug("recompiling %s: its compiled code is stale or damaged", bucket.key)
            return
        try:
            bucket.code = marshal.loads(code)
        except (EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = marshal.dumps(bucket.code)
        data = self.MAGIC + bucket.checksum.encode("ascii") + b"\n" + cache_codec.checksum(code).encode("ascii") + code
        try:
            handle, temp = tempfile.mkstemp(prefix=".compiling-", dir=self.folder)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, self._path(bucket))
        except OSError as exc:  # only a shortcut: the next build compiles again
            log.debug("could not keep a compiled template (%s)", exc)


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


def _identities(ctx: RenderContext, fps: Fingerprints, story_fp_by_slug: dict[str, str]) -> dict[tuple[str, str], str]:
    """Per page task (every task but the site-wide parts), a fingerprint of the items it shows; what else it
    reads is tracked (Reads). Listings come in page order: home pages, the feed, then per kind of term its
    list page and each page of each term."""
    identities = {("story", str(i)): fp for i, fp in enumerate(fps.story)}
    identities.update({("article", slug): fp for slug, fp in fps.article.items()})
    size = ctx.config.page_size
    homes = home_page_count(ctx)
    for n in range(1, homes + 1):
        identities[("home", str(n))] = digest("home", str(n), str(homes), *page_slice(fps.story, n, size))
    identities[("feed", "")] = digest("feed", *fps.story[:ctx.config.feed_size])
    for kind, terms in ctx.terms.items():  # a term page lists its stories and articles: their fingerprints
        identities[("terms", kind)] = digest("terms", kind, *(f"{t.slug}\0{t.name}\0{len(t.stories)}\0"
                                                             f"{len(t.articles)}" for t in terms))
        for term in terms:
            count = term_page_count(ctx, term)
            for n in range(1, count + 1):
                identities[("term", f"{kind}/{term.slug}/{n}")] = digest(
                    "term", kind, term.name, str(n), str(count),
                    *(story_fp_by_slug[s.slug] for s in page_slice(term.stories, n, size)),
                    "articles", *(fps.article[a.slug] for a in page_slice(term.articles, n, size)))
    return identities


def _reusable(task: tuple[str, str], record: BuildRecord, identities: dict[tuple[str, str], str],
              changes: cache.Changes, intact: Collection[str], tracking: bool,
              stories: list[Story]) -> TaskRecord | None:
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
    elif kind == "term":
        term_key, number = key.rsplit("/", 1)
        term = state.terms[term_key]
        pages = [term_page(state.tracked, term, Pager(int(number), term_page_count(state.plain, term), term.url))]
    elif kind == "home":
        number, size = int(key), state.config.page_size
        pages = [home_page(state.tracked, Pager(number, home_page_count(state.plain), ""),
                           page_slice(state.plain.stories, number, size))]
    else:
        pages = [feed_page(state.tracked, state.plain.stories[:state.config.feed_size])]
    reads = state.reads.freeze()
    fp = state.identities[task] if state.tracking and kind != "site" else ""
    files = []
    for page in pages:
        sha = digest(page.content)
        before = state.previous.get(page.path)
        unchanged = before is not None and before[0] == sha and before[1] == len(page.content)
        written_at = 0 if unchanged else output.write_file(state.staging, page.path, page.content, state.made)
        files.append((page.path, sha, len(page.content), written_at))
    files += [(path, state.previous[path][0], state.previous[path][1], 0) for path in kept]
    return TaskResult(task, fp, reads, tuple(files))


def _site_wide_pages(state: RenderState, part: str) -> tuple[list[Page], list[str]]:
    """The pages that are not one story's or one article's (they depend on the whole site), by part; and
    the paths of the part's files that stay as the last build wrote them."""
    if part == "search":
        return _search_index(state)
    if part == "sitemap":
        return [sitemap_page(state.plain)], []
    if part == "static":
        return [Page(path, source.read_bytes()) for path, source in dict(static_files(state.config)).items()], []
    return fixed_pages(state.plain), []


def _search_index(state: RenderState) -> tuple[list[Page], list[str]]:
    """render.pages.search_pages, updated in place when it can be, and with the stories' search texts read
    from the cache file (building 2,000 Story objects only for their text cost ~1 s)."""
    if state.search_changes is not None:
        updated = search.updated_index_pages(search_heads(state.plain), state.search_changes, state.last_shards,
                                             lambda path: _previous_bytes(state, path))
        if updated is not None and all(path in state.previous for path in updated[1]):
            return updated
    return search_pages(state.plain, story_text=lambda story: story.search_text()), []


def _previous_bytes(state: RenderState, path: str) -> bytes | None:
    """A file of the last build's output, if it is still as that build wrote it."""
    if path not in state.previous:
        return None
    try:
        fd = os.open(output.inside(state.target, path), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as handle:
            return handle.read()
    except (OSError, SitegenError):  # gone, or reached through a symlink: the index is made anew
        return None


def _search_changes(ctx: RenderContext, stories: list[Story], changes: cache.Changes, record: BuildRecord,
                    new_record: BuildRecord) -> dict[int, tuple[str, str]] | None:
    """Search document number -> (last build's text, this build's) for every document that may have
    changed, so the index can be updated in place; None when it must be built anew (the documents,
    which are numbered by position, are not the last build's in the same order)."""
    new_record.search_order = digest("stories", *(s.slug for s in stories), "articles", *ctx.articles)
    if (changes.everything or record.search_order != new_record.search_order
            or len(record.story_keys) != len(stories)):
        return None
    found: dict[int, tuple[str, str]] = {}
    for i in sorted(changes.stories):
        old = record.stories.get(record.story_keys[i]) if i < len(stories) else None
        if old is None or old.story is None:
            return None
        found[i] = (old.story.search_text(), stories[i].search_text())
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
    seen: dict[Any, Any] = {}
    for result in results:
        new_record.tasks[_task_id(result.task, stories)] = TaskRecord(result.fp, cache.shared_reads(result.reads, seen),
                                                                        tuple(f[0] for f in result.files))
        for path, sha, size, written_at in result.files:
            if path in new_outputs:
                raise SitegenError(f"two pages would be written to {path}; rename one of their sources")
            if written_at or full:
                written.append(path)
                new_outputs[path] = (sha, size, written_at)
            else:
                new_outputs[path] = record.outputs[path]
    stale = [p for p in record.outputs if p not in new_outputs] if not full else []
    output.commit(staging, target, full=full, written=written, stale=stale)
    # the mtimes were taken as the files were written (a rename keeps them); a file kept in a full build has none
    base = str(target) + os.sep  # every path was checked by output.safe_relative when it was staged
    for path in written:
        sha, size, written_at = new_outputs[path]
        if not written_at:
            new_outputs[path] = (sha, size, os.stat(base + path).st_mtime_ns)
    new_record.outputs = new_outputs
    return len(written), len(new_outputs) - len(written), len(stale)


