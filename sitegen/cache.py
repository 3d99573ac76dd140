"""The build cache: content fingerprints, the record of the last build, and page dependency tracking.

What is cached (in ``<site>/.sitegen-cache/``, which ignores itself in git): ``build.rec``, the
small index a no-op build reads; ``pages.rec``, what a build that renders needs besides (articles' and
stories' light fields, page tasks, fingerprints); ``objects.bin``, the parsed files and merged stories, one
JSON document each, appended build after build so that an edit costs one short append, not a rewrite;
``targets/``, the page records of other output folders (see :class:`PageState`). Every file is data
only, with a digest of its contents (each object's digest is in its span): the folder is part of an
untrusted site, so what is read back is checked and decoded by :mod:`sitegen.cache_codec`, never
unpickled, and a damaged or foreign cache costs one full build (see :class:`CacheDamaged`):

- per input file: ``(mtime_ns, size, sha)`` so an unchanged file is neither read nor parsed again,
  and the parsed :class:`Article` / :class:`StoryFile` itself;
- per story: the merge fingerprint (code + config + the fingerprints of its articles and story file),
  the merged :class:`Story` with its search text, and its light fields (a :class:`StoryStub` stands
  in for the Story until a page needs the rest);
- per page task: its identity (a fingerprint of the item it shows), the names of what its render
  read, and per output file ``(sha, size, mtime_ns)``, so an unchanged page is neither rendered nor
  rewritten and a file changed behind our back is noticed.

Page dependencies are recorded, not guessed: a page's render gets the site's collections wrapped in
:class:`TrackedMapping` / :class:`TrackedSequence`, which note which keys it looked up and whether it
iterated the whole collection. The next build diffs its fingerprints against the last build's key by
key (:class:`Changes`); a page whose identity is the same and whose reads miss every changed key would
read the same values, so its output is the same bytes.
The cache is only ever a shortcut: any doubt (a new code version, an unreadable cache, an unknown
render-context field) means render again. One assumption: templates read files only through the
Jinja loader (tracked); a template global that opened files itself would not be tracked.
"""
from __future__ import annotations

import dataclasses
import errno
import fcntl
import hashlib
import logging
import os
import shutil
import struct
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import Any, Collection, Iterable, Iterator, NamedTuple

from . import cache_codec
from .cache_codec import CacheDamaged, checksum
from .errors import Diagnostic, SitegenError
from .model import Article, Story, StoryFile
from .output import CACHE_DIR, crash_point
from .paths import PACKAGE_DIR

log = logging.getLogger("sitegen.cache")

CACHE_FILE = "build.rec"
PAGES_FILE = "pages.rec"  # light fields of articles and stories, page tasks, fingerprints: read by builds that render
OBJECTS_FILE = "objects.bin"
TARGETS_DIR = "targets"  # the page records of output folders other than the last build's
MAX_OTHER_TARGETS = 4  # kept, newest first: the site's output, serve's preview, an --out folder or two
LOCK_FILE = "lock"
OBJECTS_MAGIC = b"sitegen-objects-3\n"
OBJECTS_ID_BYTES = 16
FORMAT = 18  # bump when the layout of BuildRecord changes
OLD_FILES = ("objects.pickle", "build.pickle", "pages.pickle", "templates")  # earlier formats' (pickled) files
Span = tuple[int, int, str]  # (offset, length, digest) of one object in the objects file
COMPACT_SLACK = 8 << 20  # bytes of dead objects tolerated on top of the live ones before compacting
ALL = "*"  # in a read set: the whole collection was iterated
NONEMPTY = "\0nonempty"  # in a read set: whether the collection is empty was asked; among changes: that changed
ABSENT = "absent"
RACY_SECONDS = 2.0  # a file modified this close to the last build's start is re-hashed (as git does)


def digest(*parts: bytes | str) -> str:
    """A short stable hex digest of the parts (separated, so ('ab', 'c') != ('a', 'bc'))."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def tree_fingerprint(folder: Path, skip: tuple[str, ...] = ()) -> str:
    """Names and contents of every file under ``folder`` (missing folder: a fixed value)."""
    if not folder.is_dir():
        return digest("no-folder")
    parts: list[str | bytes] = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and "__pycache__" not in rel.parts and not (rel.parts and rel.parts[0] in skip):
            parts += [rel.as_posix(), path.read_bytes()]
    return digest(*parts)


def tree_stat_fingerprint(folder: Path) -> str:
    """Names, sizes and mtimes under ``folder``: cheap for assets, which are copied (and compared) anyway."""
    if not folder.is_dir():
        return digest("no-folder")
    parts = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            parts.append(f"{path.relative_to(folder).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}")
    return digest(*parts)


def code_fingerprint() -> str:
    """sitegen's own code and data: a change invalidates every cached parse, merge and page.

    The theme is left out: its templates are tracked page by page, its assets are always compared.
    """
    return tree_fingerprint(PACKAGE_DIR, skip=("theme",))


# --------------------------------------------------------------------------- the record of a build


@dataclass(slots=True)
class FileRecord:
    """An input file as last seen: stat for the cheap check, sha for the real one."""

    mtime_ns: int
    size: int
    sha: str
    parsed: Any  # Article or StoryFile
    span: Span | None = None  # where ``parsed`` is in the objects file
    light: list[Any] | None = None  # an article's article_light(), made by the parse worker; None for story files


@dataclass(slots=True)
class StoryRecord:
    merge_fp: str
    story: Any  # a StoryStub in a live record; None in the saved index
    span: Span | None = None  # where the story's entry (story_entry) is in the objects file
    light: list[Any] | None = None  # the Story's LIGHT_STORY_FIELDS as plain values (light_data), from the merge worker


# What listings, feeds, term pages and the render context read of a story: kept at hand (in the index),
# while claims, disputes, provenance, timeline and FAQ stay in the objects file until a page needs them.
LIGHT_STORY_FIELDS = ("slug", "key", "title", "summary", "confidence", "sources", "dek", "category",
                      "first_seen", "updated", "note", "tags", "image", "image_alt", "corrections",
                      "history")
# Light fields a build sets after the merge (a unique slug, the recorded history): a stub's values win
# over the stored Story's.
STUB_SET_FIELDS = ("slug", "corrections", "history")
RECENT_STORIES = 16  # full stories an ObjectReader keeps: a page asks for several fields of one story


_TEXT_LENGTH = struct.Struct("<Q")


def story_entry(story: Story, search_text: str) -> bytes:
    """How a merged story is kept in the objects file: its search text (length first) before its JSON, so
    the search index reads the text without building the Story (~0.5 ms each)."""
    text = search_text.encode("utf-8", "surrogatepass")
    return _TEXT_LENGTH.pack(len(text)) + text + cache_codec.encode(story)


def light_data(story: Any) -> list[Any]:
    """The story's LIGHT_STORY_FIELDS values, in that order, as plain data."""
    return cache_codec.fields_to_plain(Story, LIGHT_STORY_FIELDS, story)


def light_story_fields(light: list[Any]) -> tuple[Any, ...]:
    """:func:`light_data` undone."""
    return cache_codec.fields_from_plain(Story, LIGHT_STORY_FIELDS, light)


class ObjectReader:
    """Loads objects from the objects file by span, checking each one's digest, remembering the last few.

    Uses ``os.pread``, which has no shared file position, so a descriptor opened before a fork is
    safe to use from every worker at once. ``close()`` (after a compaction, at the end of a build)
    makes the next load reopen the file by name.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None
        self.recent: dict[tuple[int, int], Any] = {}

    def load_story(self, span: Span) -> Any:
        """The Story of a :func:`story_entry`."""
        value = self.recent.pop(span, None)
        if value is None:
            data = self.read(span)
            value = cache_codec.decode(Story, memoryview(data)[_TEXT_LENGTH.size + self._text_length(data):])
            if len(self.recent) >= RECENT_STORIES:
                del self.recent[next(iter(self.recent))]
        self.recent[span] = value  # re-inserted: the dict's order is the order of use
        return value

    def story_text(self, span: Span) -> str:
        """The search text of a :func:`story_entry`, without building the Story."""
        data = self.read(span)
        end = _TEXT_LENGTH.size + self._text_length(data)
        return data[_TEXT_LENGTH.size:end].decode("utf-8", "surrogatepass")

    @staticmethod
    def _text_length(entry: bytes) -> int:
        length: int = _TEXT_LENGTH.unpack_from(entry)[0] if len(entry) >= _TEXT_LENGTH.size else -1
        if not 0 <= length <= len(entry) - _TEXT_LENGTH.size:
            raise CacheDamaged("a story entry of the objects file has a wrong length")
        return length

    def read(self, span: Span | None) -> bytes:
        """The bytes of one object, checked against the digest its span carries."""
        if span is None:
            raise CacheDamaged("an object of the record is missing from the objects file")
        if self.fd is None:
            try:
                self.fd = open_in_cache(self.path, os.O_RDONLY)
            except FileNotFoundError:
                raise CacheDamaged(f"{self.path} is missing") from None
        data = os.pread(self.fd, span[1], span[0])
        if len(data) != span[1] or checksum(data) != span[2]:
            raise CacheDamaged(f"an object in {self.path} does not match its digest")
        return data

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
        self.fd = None
        self.recent.clear()


# What every build reads of every article (grouping, listings, terms, the sitemap): all but the body,
# which only the article's own page, its story's merge and the search index read.
ARTICLE_LIGHT_FIELDS = tuple(f.name for f in dataclasses.fields(Article) if f.name not in ("body", "source_path"))


def article_light(article: Article) -> list[Any]:
    """The article's ARTICLE_LIGHT_FIELDS values, in that order, as plain data (kept in the index)."""
    return cache_codec.fields_to_plain(Article, ARTICLE_LIGHT_FIELDS, article)


class ArticleStub(Article):
    """An unchanged article as the last build parsed it: its light fields at hand, its body (and the rest
    of the parsed Article) read from the objects file on first use, its source Path made on first use.

    An edit's rebuild at 10,000 articles spent ~0.15 s loading every article and making every Path
    when it reads the bodies of a few. It is an Article (a subclass whose ``body`` and ``source_path``
    are properties over the parent's slots), so no stage can tell, and it pickles as the full Article
    (to worker processes: pickles only ever cross from this process to its own workers).
    """

    __slots__ = ("_record", "_reader", "_path_text", "_path", "_full")

    @classmethod
    def make(cls, light: list[Any], record: FileRecord, reader: ObjectReader, path_text: str) -> ArticleStub:
        stub = object.__new__(cls)
        assign = object.__setattr__  # Article is frozen: its own __setattr__ refuses
        for name, value in zip(ARTICLE_LIGHT_FIELDS, cache_codec.fields_from_plain(Article, ARTICLE_LIGHT_FIELDS,
                                                                                   light)):
            assign(stub, name, value)
        assign(stub, "_record", record)  # its span is updated in place when the objects file is compacted
        assign(stub, "_reader", reader)
        assign(stub, "_path_text", path_text)
        assign(stub, "_path", None)
        assign(stub, "_full", None)
        return stub

    @property  # type: ignore[override]
    def source_path(self) -> Path:
        if self._path is None:
            object.__setattr__(self, "_path", Path(self._path_text))
        return self._path  # type: ignore[return-value]

    @property  # type: ignore[override]
    def body(self) -> str:
        return self.full().body

    def full(self) -> Article:
        """The parsed Article, read from the objects file once."""
        if self._full is None:
            data = self._reader.read(self._record.span)
            full = cache_codec.decode(Article, data, {self._path_text: self.source_path})
            if full.slug != self.slug:
                raise CacheDamaged(f"the objects file holds another article for {self._path_text}")
            object.__setattr__(self, "_full", full)
        return self._full  # type: ignore[return-value]

    def __reduce__(self) -> Any:
        return self.full().__reduce__()

    def __repr__(self) -> str:
        return f"ArticleStub({self.slug!r})"


class StoryStub:
    """A merged story whose light fields are at hand and whose full Story is read from the cache file on
    first use of any other field. Templates cannot tell it from a Story; :meth:`full` gives the Story."""

    # the light fields are slots, read at C speed; __getattr__ runs only for the others
    __slots__ = LIGHT_STORY_FIELDS + ("record", "reader")

    def __init__(self, light: tuple[Any, ...], record: StoryRecord, reader: ObjectReader) -> None:
        for name, value in zip(LIGHT_STORY_FIELDS, light):  # values in LIGHT_STORY_FIELDS order
            setattr(self, name, value)
        self.record = record  # its span is updated in place when the objects file is compacted
        self.reader = reader

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.full(), name)

    def full(self) -> Any:
        story = self.reader.load_story(self.record.span)
        changed = {name: getattr(self, name) for name in STUB_SET_FIELDS if getattr(story, name) != getattr(self, name)}
        return dataclasses.replace(story, **changed) if changed else story

    def search_text(self) -> str:
        return self.reader.story_text(self.record.span)

    def renamed(self, slug: str) -> StoryStub:
        return self.replaced(slug=slug)

    def replaced(self, **changes: Any) -> StoryStub:
        """A stub with some of STUB_SET_FIELDS changed (as Story.replaced)."""
        light = tuple(changes[name] if name in changes else getattr(self, name) for name in LIGHT_STORY_FIELDS)
        return StoryStub(light, self.record, self.reader)

    def __repr__(self) -> str:
        return f"StoryStub({self.slug!r})"


class Reads(NamedTuple):
    """What one page's render looked at, beyond its own inputs. A tuple: 12,000 of them load from the
    index several times faster than dataclasses would."""

    articles: Collection[str] = frozenset()  # slugs looked up, or {ALL} (a tuple when loaded from the cache)
    stories: Collection[Any] = frozenset()  # indexes looked up, or {ALL}
    story_of_article: Collection[str] = frozenset()  # slugs looked up, or {ALL}
    terms: bool = False
    templates: Collection[str] = frozenset()  # template names loaded (extends/include/import too)


class TaskRecord(NamedTuple):
    """One render task (a story's pages, an article's page, a listing page, a site-wide part) as last built."""

    fp: str  # the task's identity when it was rendered; "" = never reused (site-wide parts)
    reads: Reads
    paths: tuple[str, ...]


def shared_reads(reads: Reads, seen: dict[Any, Any]) -> Reads:
    """``reads``, or an equal Reads met before (equal reads are then kept, and saved, once)."""
    parts = tuple(seen.setdefault(part, part) if isinstance(part, frozenset) else part for part in reads)
    return seen.setdefault(parts, Reads(*parts))


@dataclass(slots=True)
class BuildRecord:
    """Everything the next build needs to skip work; saved as build.rec and pages.rec (see save_record)."""

    format: int = FORMAT
    global_fp: str = ""
    out_dir: str = ""
    started: float = 0.0  # time.time() when that build began (for the racy-stat rule)
    parse_fp: str = ""  # code + timezone: what a parsed file depends on besides its text
    files: dict[str, FileRecord] = field(default_factory=dict)  # site-relative POSIX path -> record
    stories: dict[str, StoryRecord] = field(default_factory=dict)  # group key -> merged story
    tasks: dict[str, TaskRecord] = field(default_factory=dict)  # render task id -> what it rendered and read
    outputs: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # path -> (sha, size, mtime_ns)
    inputs_fp: str = ""  # all input fingerprints together: equal means nothing changed
    fingerprints: Any = None  # the Fingerprints pages were rendered against (what the next build diffs)
    story_keys: tuple[str, ...] = ()  # the stories' keys in page order (search document numbers)
    search_order: str = ""  # fingerprint of the search documents' order (story slugs, then article slugs)
    article_count: int = 0
    story_count: int = 0
    token: str = ""  # new with every saved record: a memo is current only while the tokens match
    objects_id: str = ""  # the objects file this record's spans point into (its header names it)
    objects_size: int = 0  # that file's length when this record was saved (later bytes are not ours)
    warnings: tuple[Any, ...] = ()  # the build's Diagnostic warnings, repeated by a no-op build
    clustering: Any = None  # merge.grouping.ClusterState of the loose articles (kept with the page tasks)
    objects_stat: tuple[int, ...] = ()  # objects_stat() right after this record was saved


@dataclass(slots=True)
class PageState:
    """One output folder's pages as the last build into that folder left them.

    The record holds one output folder's pages. A build into another folder (``sitegen serve``'s
    preview, ``deploy``, ``--out``) puts the displaced folder's pages here, so that the next build into
    it renders and rewrites only what changed since, as it would have without the detour."""

    out_dir: str
    global_fp: str
    inputs_fp: str
    warnings: tuple[Any, ...]
    outputs: dict[str, tuple[str, int, int]]
    tasks: dict[str, TaskRecord]
    fingerprints: Any
    story_keys: tuple[str, ...]
    article_count: int
    story_count: int


def page_state(record: BuildRecord) -> PageState:
    """The record's pages (the record must hold its page tasks: see :func:`attach_objects`)."""
    return PageState(record.out_dir, record.global_fp, record.inputs_fp, record.warnings, record.outputs,
                     record.tasks, record.fingerprints, record.story_keys, record.article_count, record.story_count)


def with_pages(record: BuildRecord, state: PageState | None) -> BuildRecord:
    """The record with another output folder's pages (the record itself when ``state`` is None). Its search
    index is built anew, not updated in place: an update diffs the documents' texts against the record's
    own last build, which did not write there."""
    if state is None:
        return record
    return dataclasses.replace(record, out_dir=state.out_dir, global_fp=state.global_fp, inputs_fp=state.inputs_fp,
                               warnings=state.warnings, outputs=state.outputs, tasks=state.tasks,
                               fingerprints=state.fingerprints, story_keys=state.story_keys, search_order="",
                               article_count=state.article_count, story_count=state.story_count)


def _target_path(site_root: Path, out_dir: str) -> Path:
    return site_root / CACHE_DIR / TARGETS_DIR / (digest(out_dir)[:24] + ".rec")


def load_page_state(site_root: Path, out_dir: str) -> PageState | None:
    """The pages last built into ``out_dir`` while another folder held the record, if kept."""
    path = _target_path(site_root, out_dir)
    try:
        plain = _unseal_file(path, "pages of a folder")
        if plain is None:
            return None
        state = PageState(out_dir=_text(plain["out_dir"]), global_fp=_text(plain["global_fp"]),
                          inputs_fp=_text(plain["inputs_fp"]), warnings=_warnings(plain["warnings"]),
                          outputs=_outputs(plain["outputs"]), tasks=_task_records(plain["tasks"]),
                          fingerprints=_fingerprints(plain["fingerprints"]),
                          story_keys=tuple(_text(key) for key in plain["story_keys"]),
                          article_count=_number(plain["article_count"]), story_count=_number(plain["story_count"]))
    except (CacheDamaged, TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        _warn_damaged(path, exc)
        return None
    return state if state.out_dir == out_dir else None


def save_page_state(site_root: Path, state: PageState) -> None:
    """Keep ``state`` for the next build into its folder; only the newest MAX_OTHER_TARGETS are kept."""
    folder = site_root / CACHE_DIR / TARGETS_DIR
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()  # not ours to write through
    folder.mkdir(exist_ok=True)
    plain = {"out_dir": state.out_dir, "global_fp": state.global_fp, "inputs_fp": state.inputs_fp,
             "warnings": _plain_warnings(state.warnings), "outputs": state.outputs,
             "tasks": _plain_tasks(state.tasks), "fingerprints": _plain_fingerprints(state.fingerprints),
             "story_keys": state.story_keys, "article_count": state.article_count, "story_count": state.story_count}
    _dump(folder, _target_path(site_root, state.out_dir).name, "pages of a folder", plain)
    kept = sorted(folder.glob("*.rec"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for stale in kept[MAX_OTHER_TARGETS:]:
        stale.unlink(missing_ok=True)


def drop_page_state(site_root: Path, out_dir: str) -> None:
    """Forget the kept pages of ``out_dir``: the record now holds that folder's pages."""
    _target_path(site_root, out_dir).unlink(missing_ok=True)


# ----------------------------------------------------------------- records as plain data, and back again
# Saving turns records into JSON-ready values; loading checks the shape of what it reads and rebuilds
# the records. A value of a wrong type raises CacheDamaged (or a TypeError/ValueError/KeyError, which
# the loaders treat the same way).


def _plain_tasks(tasks: dict[str, TaskRecord]) -> dict[str, Any]:
    """Page tasks with their reads in a table of distinct Reads (equal reads are stored once)."""
    table: dict[Reads, int] = {}
    rows = {task_id: [fp, table.setdefault(reads, len(table)), paths] for task_id, (fp, reads, paths) in tasks.items()}
    reads = [[sorted(r.articles), sorted(r.stories, key=str), sorted(r.story_of_article), r.terms,
              sorted(r.templates)] for r in table]
    return {"reads": reads, "tasks": rows}


def _task_records(plain: dict[str, Any]) -> dict[str, TaskRecord]:
    """:func:`_plain_tasks` undone."""
    # tuples, not frozensets: Changes.touch only asks 'ALL in' and isdisjoint() of them (and the sets cost
    # ~0.03 s per load of 11,000 reads)
    table = [Reads(tuple(articles), tuple(stories), tuple(of_article), _flag(terms), tuple(templates))
             for articles, stories, of_article, terms, templates in plain["reads"]]
    return {_text(task_id): TaskRecord(_text(fp), table[_number(index)], tuple(map(_text, paths)))
            for task_id, (fp, index, paths) in plain["tasks"].items()}


def _plain_fingerprints(fps: Fingerprints | None) -> Any:
    if fps is None:
        return None
    return [fps.global_fp, fps.generated, fps.article, fps.story, fps.story_of_article, fps.templates]


def _fingerprints(plain: Any) -> Fingerprints | None:
    if plain is None:
        return None
    global_fp, generated, article, story, of_article, templates = plain
    return Fingerprints(_text(global_fp), _text(generated), _texts(article), tuple(map(_text, story)),
                        _texts(of_article), _texts(templates))


def _plain_warnings(warnings: tuple[Any, ...]) -> list[Any]:
    return [[item.message, item.path, item.line] for item in warnings]


def _warnings(plain: Any) -> tuple[Diagnostic, ...]:
    return tuple(Diagnostic(_text(message), path if path is None else _text(path),
                            line if line is None else _number(line)) for message, path, line in plain)


def _outputs(plain: Any) -> dict[str, tuple[str, int, int]]:
    outputs = {}
    for path, (sha, size, mtime_ns) in plain.items():  # (checks inline: 15,000 entries in a no-op build)
        if type(sha) is not str or type(size) is not int or type(mtime_ns) is not int:
            raise CacheDamaged("an output file's record has values of the wrong type")
        outputs[path] = (sha, size, mtime_ns)
    return outputs


def _plain_clustering(state: Any) -> Any:
    if state is None:
        return None
    return [state.basis, state.keys, sorted(state.links), state.terms]


def _clustering(plain: Any) -> Any:
    if plain is None:
        return None
    from .merge.grouping import ClusterState  # the merge code loads only for a build that merges

    basis, keys, links, terms = plain
    return ClusterState(_text(basis), {_text(slug): (_text(identity), tuple(map(_text, proposing)))
                                       for slug, (identity, proposing) in keys.items()},
                        frozenset((_text(a), _text(b)) for a, b in links),
                        {_text(slug): (_text(identity), tuple((_text(term), _real(weight)) for term, weight in pairs))
                         for slug, (identity, pairs) in terms.items()})


def _span(plain: Any) -> Span | None:
    if plain is None:
        return None
    offset, length, check = plain
    return (_number(offset), _number(length), _text(check))


def _text(value: Any) -> str:
    if type(value) is not str:
        raise CacheDamaged(f"expected text, found {type(value).__name__}")
    return value


def _texts(value: Any) -> dict[str, str]:
    if type(value) is not dict or not all(type(v) is str for v in value.values()):
        raise CacheDamaged("expected a table of texts")
    return value


def _number(value: Any) -> int:
    if type(value) is not int:
        raise CacheDamaged(f"expected a whole number, found {type(value).__name__}")
    return value


def _real(value: Any) -> float:
    if type(value) is not float and type(value) is not int:
        raise CacheDamaged(f"expected a number, found {type(value).__name__}")
    return float(value)


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise CacheDamaged(f"expected true or false, found {type(value).__name__}")
    return value


def cache_path(site_root: Path) -> Path:
    return site_root / CACHE_DIR / CACHE_FILE


def objects_path(site_root: Path) -> Path:
    return site_root / CACHE_DIR / OBJECTS_FILE


def load_record(site_root: Path) -> BuildRecord:
    """The last build's record without its parsed objects, stories and page tasks (see
    :func:`attach_objects`), or an empty one when absent, unreadable, damaged or from another format
    (with a warning when it is there but not sound). Small, so a no-op build is fast."""
    path = cache_path(site_root)
    try:
        plain = _unseal_file(path, "build record")
        return BuildRecord() if plain is None else _record(plain)
    except (CacheDamaged, TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        _warn_damaged(path, exc)
        return BuildRecord()


def _record(plain: dict[str, Any]) -> BuildRecord:
    files = {}
    for rel, (mtime_ns, size, sha, span) in plain["files"].items():  # (JSON keys are always text)
        if type(mtime_ns) is not int or type(size) is not int or type(sha) is not str:
            raise CacheDamaged("a file's record has values of the wrong type")
        files[rel] = FileRecord(mtime_ns, size, sha, None, _span(span))
    objects_stat = plain["objects_stat"]
    return BuildRecord(global_fp=_text(plain["global_fp"]), out_dir=_text(plain["out_dir"]),
                       started=_real(plain["started"]), parse_fp=_text(plain["parse_fp"]),
                       files=files, outputs=_outputs(plain["outputs"]), inputs_fp=_text(plain["inputs_fp"]),
                       article_count=_number(plain["article_count"]), story_count=_number(plain["story_count"]),
                       token=_text(plain["token"]), objects_id=_text(plain["objects_id"]),
                       objects_size=_number(plain["objects_size"]), warnings=_warnings(plain["warnings"]),
                       objects_stat=tuple(map(_number, objects_stat)))


def attach_objects(site_root: Path, record: BuildRecord, reader: ObjectReader,
                   paths: dict[str, Path] | None = None) -> BuildRecord:
    """Put back the parsed files, and stubs of the merged stories (read later, when a page needs one);
    a missing, mismatched or damaged objects or pages file empties the record, with a warning.
    ``paths``: see :func:`cache_codec.decode`. When the objects file is not as the record's save left it
    (a failed build appended to it, or someone wrote to it), every object is checked first."""
    if not record.token:  # an empty record: nothing to attach
        return record
    path = objects_path(site_root)
    try:
        if not objects_file_holds(site_root, record):
            raise CacheDamaged("it is missing, or not the one the build record points into")
        if objects_stat(site_root) != record.objects_stat:
            verify_objects(record, reader)
        path = site_root / CACHE_DIR / PAGES_FILE
        pages = _unseal_file(path, "pages record")
        if pages is None or pages[0] != record.token:
            raise CacheDamaged("it is missing, or from another build than the build record")
        _, lights, stories, tasks, fingerprints, story_keys, search_order, clustering = pages
        if type(lights) is not list or len(lights) != len(record.files):
            raise CacheDamaged("its articles are not the build record's")
        root = str(site_root) + os.sep
        for (rel, item), light in zip(record.files.items(), lights):
            item.light = light
            if light is not None:
                item.parsed = ArticleStub.make(light, item, reader, root + rel.replace("/", os.sep))
            else:
                item.parsed = cache_codec.decode(StoryFile, reader.read(item.span), paths)
        record.stories = {_text(key): StoryRecord(_text(merge_fp), None, _span(span), light)
                          for key, (merge_fp, span, light) in stories.items()}
        record.tasks = _task_records(tasks)
        record.fingerprints = _fingerprints(fingerprints)
        record.story_keys = tuple(map(_text, story_keys))
        record.search_order = _text(search_order)
        record.clustering = _clustering(clustering)
        for story in record.stories.values():
            if story.span is None or story.light is None:
                raise CacheDamaged("a story of the record is missing from the objects file")
            story.story = StoryStub(light_story_fields(story.light), story, reader)
    except (CacheDamaged, OSError, TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        _warn_damaged(path, exc)
        return BuildRecord()
    return record


def verify_objects(record: BuildRecord, reader: ObjectReader) -> None:
    """Check every object the record points to against its digest (CacheDamaged when one differs)."""
    for item in (*record.files.values(), *record.stories.values()):
        reader.read(item.span)


def objects_stat(site_root: Path) -> tuple[int, ...]:
    """(size, mtime) of the objects file and of the pages file: as a save recorded them, no one has written
    to either since (then a no-op build need not read them to know they are sound)."""
    found: list[int] = []
    for path in (objects_path(site_root), site_root / CACHE_DIR / PAGES_FILE):
        try:
            stat = os.lstat(path)
            found += [stat.st_size, stat.st_mtime_ns]
        except OSError:
            found += [0, 0]
    return tuple(found)


def objects_file_holds(site_root: Path, record: BuildRecord) -> bool:
    """The objects file is the one the record's spans point into, and no shorter than when it was saved
    (then an ObjectStore continues it rather than starting anew, and stubs can read their objects)."""
    try:
        size = os.lstat(objects_path(site_root)).st_size
    except OSError:
        return False
    return objects_file_id(site_root) == record.objects_id and size >= record.objects_size


def objects_file_id(site_root: Path) -> str | None:
    """The id of the site's objects file, or None when there is none (or not one of ours)."""
    try:
        with os.fdopen(open_in_cache(objects_path(site_root), os.O_RDONLY), "rb") as handle:
            return _read_objects_id(handle)
    except (OSError, CacheDamaged):
        return None


def _read_objects_id(handle: Any) -> str | None:
    """The id in the objects file's header, or None when the file is not one of ours."""
    if handle.read(len(OBJECTS_MAGIC)) != OBJECTS_MAGIC:
        return None
    return handle.read(OBJECTS_ID_BYTES).hex()


def _unseal_file(path: Path, kind: str) -> Any:
    """The plain data of a sealed cache file, None when there is none (CacheDamaged when it is unsound)."""
    try:
        fd = open_in_cache(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        data = handle.read()
    return cache_codec.unseal(kind, FORMAT, data)


def _warn_damaged(path: Path, problem: BaseException) -> None:
    log.warning("ignoring the build cache: %s is not sound (%s); building everything", path, problem)


def cache_folder(site_root: Path) -> Path:
    """The site's cache folder, made if missing. It is part of the (untrusted) site, so it must be a real
    folder: sitegen never writes through a symlink there, and opens every file in it without following
    one (see :func:`open_in_cache`)."""
    folder = site_root / CACHE_DIR
    _real_folder(folder)
    try:
        with os.fdopen(open_in_cache(folder / ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL), "wb") as handle:
            handle.write(b"*\n")
    except FileExistsError:
        pass
    for old in OLD_FILES:  # left by an earlier cache format (pickles: never read, only deleted)
        old_path = folder / old
        if old_path.is_dir() and not old_path.is_symlink():
            shutil.rmtree(old_path, ignore_errors=True)
        else:
            old_path.unlink(missing_ok=True)
    return folder


def _real_folder(folder: Path) -> None:
    """Make ``folder`` if missing; refuse a symlink or a file in its place."""
    try:
        folder.mkdir()
    except FileExistsError:
        if folder.is_symlink() or not folder.is_dir():
            raise SitegenError(f"{folder} is not a plain folder (a symlink or a file): sitegen keeps its build "
                               "cache there and will not write through it; delete it") from None


def open_in_cache(path: Path, flags: int, mode: int = 0o666) -> int:
    """``os.open`` of a regular file in the cache folder, never through a symlink and never blocking on a
    FIFO; a symlink (or a device, a FIFO, a folder) in its place is refused with CacheDamaged."""
    try:
        fd = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, mode)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENXIO, errno.EISDIR):
            raise CacheDamaged(f"{path} is not a regular file") from None
        raise
    if not S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise CacheDamaged(f"{path} is not a regular file")
    os.set_blocking(fd, True)
    return fd


def open_cache_file(path: Path, flags: int) -> int:
    """open_in_cache(), first removing whatever unsound thing (a symlink, a FIFO) is in the file's place."""
    try:
        return open_in_cache(path, flags)
    except CacheDamaged:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
        return open_in_cache(path, flags)


class BuildLock:
    """One build of a site at a time (``sitegen serve`` and ``sitegen build`` may run side by side): the
    objects file is appended to in place, so two writers would corrupt each other's spans."""

    def __init__(self, site_root: Path) -> None:
        self.path = cache_folder(site_root) / LOCK_FILE
        self.handle: Any = None

    def acquire(self) -> BuildLock:
        self.handle = os.fdopen(open_cache_file(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND), "a+b")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("waiting for another build of this site to finish")
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def release(self) -> None:
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()

    def __enter__(self) -> BuildLock:
        return self.acquire()

    def __exit__(self, *exc: Any) -> None:
        self.release()


class ObjectStore:
    """objects.bin, open for appending: each object is one JSON document at a recorded span.

    Continues the file the record points into (cut back to the record's length, dropping what a failed
    build appended), or starts a new file, in which case every span of the record is void and the
    objects are written again at save time. Hold a :class:`BuildLock` while one is open.
    """

    def __init__(self, site_root: Path, record: BuildRecord, reader: ObjectReader) -> None:
        self.reader = reader  # what loads stubs' stories from this file: reset when the file changes
        reader.close()  # a failed build's appends may be cut off and overwritten: forget what was read
        self.path = cache_folder(site_root) / OBJECTS_FILE
        self.handle = os.fdopen(open_cache_file(self.path, os.O_RDWR | os.O_CREAT), "r+b")
        continuing = False
        try:
            current = _read_objects_id(self.handle)
            self.handle.seek(0, os.SEEK_END)
            continuing = (bool(record.objects_id) and current == record.objects_id
                          and self.handle.tell() >= record.objects_size)
        except OSError:
            pass
        if continuing:
            self.id = record.objects_id
            if self.handle.tell() != record.objects_size:  # (a truncate to the same length still sets the mtime)
                self.handle.truncate(record.objects_size)
            self.handle.seek(record.objects_size)
        else:
            self._start_new()
        self.adopt(record)

    def adopt(self, record: BuildRecord) -> None:
        """Void the spans of a record whose objects are not in this file (they are written again)."""
        if record.objects_id != self.id:
            for item in (*record.files.values(), *record.stories.values()):
                item.span = None

    def _start_new(self) -> None:
        self.handle.seek(0)
        self.handle.truncate()
        identity = os.urandom(OBJECTS_ID_BYTES)
        self.id = identity.hex()
        self.handle.write(OBJECTS_MAGIC + identity)

    def put(self, data: bytes, check: str | None = None) -> Span:
        """Append one encoded object (``check``: its digest, when a worker made it already); returns its span."""
        at = self.handle.tell()
        self.handle.write(data)
        return (at, len(data), check if check is not None else checksum(data))

    @property
    def size(self) -> int:
        return self.handle.tell()

    def compact(self, record: BuildRecord) -> None:
        """Rewrite the file with only the record's objects once dead ones (replaced by later builds)
        make up most of it; spans are updated in place."""
        holders: list[FileRecord | StoryRecord] = [*record.files.values(), *record.stories.values()]
        live = sum(h.span[1] for h in holders if h.span is not None)
        if self.size < 2 * live + COMPACT_SLACK:
            return
        handle, temp = tempfile.mkstemp(prefix=".objects-", dir=self.path.parent)
        with os.fdopen(handle, "w+b") as fresh:
            identity = os.urandom(OBJECTS_ID_BYTES)
            fresh.write(OBJECTS_MAGIC + identity)
            spans = []
            for holder in holders:
                if holder.span is None:
                    continue
                self.handle.seek(holder.span[0])
                data = self.handle.read(holder.span[1])
                spans.append((holder, (fresh.tell(), len(data), holder.span[2])))
                fresh.write(data)
            fresh.flush()
        os.replace(temp, self.path)
        self.reader.close()
        self.handle.close()
        self.handle = self.path.open("r+b")
        self.handle.seek(0, os.SEEK_END)
        self.id = identity.hex()
        for holder, span in spans:
            holder.span = span

    def flush(self) -> None:
        """Make what was put readable through the reader (workers read it by pread)."""
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()
        self.reader.close()


def save_record(site_root: Path, record: BuildRecord, store: ObjectStore) -> tuple[int, int, int]:
    """Append the objects not yet in the store, then write the small index atomically.

    The index is written last and names the objects file's id and length: a crash before it leaves
    the previous index, whose spans all lie below its own recorded length, still valid.
    """
    for item in record.files.values():
        if item.span is None:
            item.span = store.put(cache_codec.encode(item.parsed))
    if any(story.span is None for story in record.stories.values()):  # stubs live in the file: never expected
        raise RuntimeError("a merged story is missing from the cache's objects file; run with --clean")
    store.compact(record)
    store.handle.flush()
    crash_point()
    record.objects_id, record.objects_size = store.id, store.size
    record.token = digest(repr(time.time_ns()), repr(os.getpid()))
    folder = site_root / CACHE_DIR
    _dump(folder, PAGES_FILE, "pages record",
          (record.token, [f.light for f in record.files.values()],
           {key: (r.merge_fp, r.span, r.light) for key, r in record.stories.items()},
           _plain_tasks(record.tasks), _plain_fingerprints(record.fingerprints), record.story_keys,
           record.search_order, _plain_clustering(record.clustering)))
    record.objects_stat = objects_stat(site_root)
    index = {"global_fp": record.global_fp, "out_dir": record.out_dir, "started": record.started,
             "parse_fp": record.parse_fp,
             "files": {rel: (f.mtime_ns, f.size, f.sha, f.span) for rel, f in record.files.items()},
             "outputs": record.outputs, "inputs_fp": record.inputs_fp, "article_count": record.article_count,
             "story_count": record.story_count, "token": record.token, "objects_id": record.objects_id,
             "objects_size": record.objects_size, "objects_stat": record.objects_stat,
             "warnings": _plain_warnings(record.warnings)}
    _dump(folder, CACHE_FILE, "build record", index)  # last: it names the token the pages file must carry
    return index_identity(site_root)


def index_identity(site_root: Path) -> tuple[int, int, int]:
    """(inode, size, mtime) of the index file: unchanged means no other build has saved since."""
    try:
        stat = os.lstat(cache_path(site_root))
    except OSError:
        return (0, 0, 0)
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


@dataclass(slots=True)
class BuildMemo:
    """A long-lived process's (``sitegen serve``) copy of the last build's record with its objects.

    Pass the same memo to every ``build()``: the parsed articles and the stubs of merged stories then
    stay in memory instead of being read back from disk (full stories are read from the objects file
    when a page needs them). It is used only while the on-disk cache is the one this memo's build
    wrote (same token), so a build by another process is never overlooked. With a memo, build()
    returns as soon as the output is in place and saves the cache in a thread that holds the build
    lock until it is done (the next build waits for it); a preview reloads that much sooner.
    """

    record: BuildRecord | None = None
    reader: ObjectReader | None = None  # the one reader of every stub in ``record``
    saving: threading.Thread | None = None  # the last build's cache save, finishing after build() returned
    index: tuple[int, int, int] = (0, 0, 0)  # index_identity() right after ``record`` was saved
    # The output folder is written by this memo's builds alone (serve's preview, held by one session), so
    # the files its record lists are taken to be as they were written, without a stat each.
    private_output: bool = False
    walked: Any = None  # the last build's walk of the content folders (build.ContentWalk): see build(changed=)
    hurry: threading.Event = field(default_factory=threading.Event)  # set: the save waits no longer

    def wait_for_save(self) -> None:
        """Block until the last build's cache is on disk (call before the process exits)."""
        if self.saving is not None:
            self.hurry.set()
            self.saving.join()


def _dump(folder: Path, name: str, kind: str, value: Any) -> None:
    handle, temp = tempfile.mkstemp(prefix=".build-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(cache_codec.seal(kind, FORMAT, value))
        crash_point()
        os.replace(temp, folder / name)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def stat_unchanged(previous: FileRecord | None, stat: os.stat_result, last_started: float) -> bool:
    """True when the file's stat matches and it was not modified racily close to the last build."""
    return (previous is not None and previous.mtime_ns == stat.st_mtime_ns and previous.size == stat.st_size
            and stat.st_mtime < last_started - RACY_SECONDS)


def now() -> float:
    return time.time()


# --------------------------------------------------------------------------- dependency tracking


class ReadLog:
    """The reads of the page being rendered right now (one per process; renders are sequential)."""

    __slots__ = ("articles", "stories", "story_of_article", "terms", "templates")

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.articles: set[str] = set()
        self.stories: set[Any] = set()
        self.story_of_article: set[str] = set()
        self.terms = False
        self.templates: set[str] = set()

    def freeze(self) -> Reads:
        return Reads(frozenset(self.articles), frozenset(self.stories), frozenset(self.story_of_article),
                     self.terms, frozenset(self.templates))


class TrackedMapping(dict):  # type: ignore[type-arg]
    """A dict that notes, in a :class:`ReadLog` set, each key looked up, or ALL when iterated."""

    def __init__(self, data: dict[Any, Any], log: ReadLog, slot: str) -> None:
        super().__init__(data)
        self._log = log
        self._slot = slot

    def _note(self, key: Any) -> None:
        reads = getattr(self._log, self._slot)
        if isinstance(reads, bool):
            setattr(self._log, self._slot, True)
        else:
            reads.add(key)

    def __getitem__(self, key: Any) -> Any:
        self._note(key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._note(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return super().__contains__(key)

    def __iter__(self) -> Iterator[Any]:
        self._note(ALL)
        return super().__iter__()

    def __len__(self) -> int:
        self._note(ALL)
        return super().__len__()

    def __bool__(self) -> bool:
        # 'if articles' in a template reads whether there are any, not all of them (noting ALL made every
        # story page read every article: an edit re-rendered all 2,000 story pages of the bench site)
        self._note(NONEMPTY)
        return super().__len__() > 0

    def keys(self) -> Any:
        self._note(ALL)
        return super().keys()

    def values(self) -> Any:
        self._note(ALL)
        return super().values()

    def items(self) -> Any:
        self._note(ALL)
        return super().items()

    def __repr__(self) -> str:
        self._note(ALL)
        return super().__repr__()

    def __reduce__(self) -> Any:  # never pickled on purpose; if it is, travel as a plain dict
        return (dict, (dict(super().items()),))


class TrackedSequence(tuple):  # type: ignore[type-arg]
    """A tuple that notes each index looked up, or ALL when iterated, measured or sliced."""

    _log: ReadLog

    def __new__(cls, items: Iterable[Any], log: ReadLog) -> TrackedSequence:
        instance = super().__new__(cls, items)
        instance._log = log
        return instance

    def __getitem__(self, index: Any) -> Any:
        self._log.stories.add(index if isinstance(index, int) else ALL)
        return super().__getitem__(index)

    def __iter__(self) -> Iterator[Any]:
        self._log.stories.add(ALL)
        return super().__iter__()

    def __len__(self) -> int:
        self._log.stories.add(ALL)
        return super().__len__()

    def __bool__(self) -> bool:  # see TrackedMapping.__bool__
        self._log.stories.add(NONEMPTY)
        return super().__len__() > 0

    def __contains__(self, item: object) -> bool:
        self._log.stories.add(ALL)
        return super().__contains__(item)

    def __reversed__(self) -> Iterator[Any]:
        self._log.stories.add(ALL)
        return reversed(tuple(super().__iter__()))

    def __repr__(self) -> str:
        self._log.stories.add(ALL)
        return super().__repr__()

    def __reduce__(self) -> Any:
        return (tuple, (tuple(super().__iter__()),))


@dataclass(frozen=True, slots=True)
class Fingerprints:
    """The current build's fingerprints that page reads resolve against."""

    global_fp: str
    generated: str
    article: dict[str, str]  # slug -> fingerprint
    story: tuple[str, ...]  # in site order
    story_of_article: dict[str, str]  # slug -> fingerprint of the story it belongs to
    templates: dict[str, str]  # template name -> fingerprint of its source

    def changes_since(self, old: Fingerprints | None) -> Changes:
        """What differs from the last build's fingerprints, key by key (set lookups, not a digest per page)."""
        if old is None or old.global_fp != self.global_fp or old.generated != self.generated:
            return Changes(everything=True)
        articles = _changed_keys(old.article, self.article)
        stories = frozenset(i for i in range(max(len(old.story), len(self.story)))
                            if i >= len(old.story) or i >= len(self.story) or old.story[i] != self.story[i])
        if bool(old.story) != bool(self.story):
            stories |= {NONEMPTY}
        return Changes(everything=False, articles=articles, stories=stories,
                       story_of_article=_changed_keys(old.story_of_article, self.story_of_article),
                       terms=bool(articles or stories),  # terms are made of the stories and articles alone
                       templates=_changed_keys(old.templates, self.templates))


def _changed_keys(old: dict[str, str], new: dict[str, str]) -> frozenset[str]:
    changed = frozenset(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    return changed | {NONEMPTY} if bool(old) != bool(new) else changed


@dataclass(frozen=True, slots=True)
class Changes:
    """The keys whose fingerprints changed since the last build; a page whose reads miss them all would
    read the same values, so its output is the same bytes."""

    everything: bool
    articles: frozenset[str] = frozenset()
    stories: frozenset[Any] = frozenset()  # indexes (and NONEMPTY)
    story_of_article: frozenset[str] = frozenset()
    terms: bool = False
    templates: frozenset[str] = frozenset()

    def touch(self, reads: Reads) -> bool:
        return (self.everything or _hits(reads.articles, self.articles) or _hits(reads.stories, self.stories)
                or _hits(reads.story_of_article, self.story_of_article) or (reads.terms and self.terms)
                or not self.templates.isdisjoint(reads.templates))


def _hits(read: Collection[Any], changed: frozenset[Any]) -> bool:
    return bool(changed) if ALL in read else not changed.isdisjoint(read)
