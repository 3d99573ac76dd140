"""content/ -> Site: article and story files into typed, validated dataclasses."""
from __future__ import annotations

import os
import logging
import re
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from slugify import slugify

from . import published
from .config import Config
from .errors import Diagnostics, SitegenError
from .frontmatter import Document, read_text, split
from .model import (BADGES, Article, BadgeOverride, Correction, CuratorFaq, DeclaredDispute, DeclaredValue, Site,
                    StoryFile)
from .site_folders import check_folder

log = logging.getLogger("sitegen.content")

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Keys both kinds of file know: a dek-like summary, a picture for social cards, a date of the last change.
SHARED_KEYS = ("summary", "image", "image_alt", "updated")
ARTICLE_KEYS = ("title", "outlet", "url", "published", "author", "story", "category", "tags", "syndicated_from",
                "reposted_by", "cites", "authority", "ratings", "draft", "unknown") + SHARED_KEYS
STORY_KEYS = ("title", "dek", "category", "articles", "badges", "faq", "disputes", "merge", "split", "copies",
              "slug", "corrections") + SHARED_KEYS
# The fields an article's `unknown:` may name (the ones a missing value is warned about).
CHECKABLE = ("url", "outlet", "published")


class _Fields:
    """Typed access to one document's front matter; every error carries the key's line.

    Keys sitegen does not know are kept as they are (``extra``) for the site's templates; one that is a
    slip of a known key's spelling ("titel") is also a notice, which the build reports as a warning."""

    def __init__(self, doc: Document, known: tuple[str, ...]) -> None:
        self.doc = doc
        self.extra = {key: value for key, value in doc.meta.items() if key not in known}
        self.notices = tuple((doc.meta_lines.get(key, 1), f"unknown front-matter key '{key}' (kept in extra); "
                                                           f"did you mean '{hint}'?")
                             for key in self.extra if (hint := near_miss(key, known)) is not None)

    def error(self, key: str, message: str) -> SitegenError:
        return SitegenError(message, self.doc.path, self.doc.meta_lines.get(key, 1))

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.doc.meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                slip = next((name for name in self.extra if near_miss(name, (key,)) == key), None)
                if slip is not None:
                    raise self.error(slip, f"'{key}' is required; unknown key '{slip}': did you mean '{key}'?")
                raise self.error(key, f"'{key}' is required")
            return None
        if isinstance(value, (bool, dict, list, bytes)):  # bytes: a YAML !!binary value
            raise self.error(key, f"'{key}' must be text, got {_kind(value)}")
        return str(value).strip()

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.doc.meta.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [part for part in value.split(",")]
        if not isinstance(value, list) or any(isinstance(v, (dict, list, bytes)) or v is None for v in value):
            raise self.error(key, f"'{key}' must be a list of text values")
        seen: dict[str, None] = {}
        for item in value:
            item = str(item).strip()
            if item:
                seen.setdefault(item)
        return tuple(seen)

    def number(self, key: str, low: float = 0.0, high: float = 1.0) -> float | None:
        value = self.doc.meta.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise self.error(key, f"'{key}' must be a number from {low:g} to {high:g}, got {value!r}")
        return float(value)

    def flag(self, key: str) -> bool:
        value = self.doc.meta.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self.error(key, f"'{key}' must be true or false, got {value!r}")
        return value

    def moment(self, key: str, tz: Any) -> datetime | None:
        value = self.doc.meta.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                raise self.error(key, f"'{key}' must be an ISO date or datetime (2026-07-03 or "
                                      f"2026-07-03T07:40:00Z), got {value!r}") from None
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=tz)
        if isinstance(value, date):
            return datetime.combine(value, time(), tzinfo=tz)
        raise self.error(key, f"'{key}' must be a date, got {value!r}")

    def key(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not KEY_PATTERN.match(value):
            raise self.error(key, f"'{key}' must be lowercase letters, digits and hyphens "
                                  f"(like 'alibaba-claude-code-ban'), got {value!r}")
        return value

    def url(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.I):
            raise self.error(key, f"'{key}' must be an http(s) URL, got {value!r}")
        return value

    def image(self, key: str) -> str | None:
        """An http(s) URL, or a path of the site's own ("static/cover.jpg", "/static/cover.jpg")."""
        value = self.text(key)
        if value is not None and not (re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.I)
                                      or re.match(r"^/?[\w.-][\w./-]*$", value)) or (value and ".." in value):
            raise self.error(key, f"'{key}' must be an http(s) URL or a path in the site "
                                  f"(like static/cover.jpg), got {value!r}")
        return value

    def choices(self, key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        values = self.strings(key)
        wrong = [v for v in values if v not in allowed]
        if wrong:
            raise self.error(key, f"'{key}' may name {', '.join(allowed)}; got {wrong[0]!r}")
        return values

    def ratings(self, key: str) -> tuple[tuple[str, float], ...]:
        value = self.doc.meta.get(key)
        if value is None:
            return ()
        if not isinstance(value, dict) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values()):
            raise self.error(key, f"'{key}' must map names to numbers, like {{credibility: 0.28}}")
        return tuple((str(k), float(v)) for k, v in value.items())

    def records(self, key: str, build: Callable[[dict[str, Any]], Any]) -> tuple[Any, ...]:
        value = self.doc.meta.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error(key, f"'{key}' must be a list of mappings")
        built = []
        for index, item in enumerate(value):
            try:
                built.append(build(item))
            except KeyError as exc:
                raise self.entry_error(key, index, f"an entry in '{key}' is missing '{exc.args[0]}'") from None
            except (TypeError, ValueError, AttributeError) as exc:
                raise self.entry_error(key, index, f"bad entry in '{key}': {exc}") from None
        return tuple(built)

    def entry_error(self, key: str, index: int, message: str) -> SitegenError:
        """An error at the line of item ``index`` of the list under ``key`` (else the key's line)."""
        lines = self.doc.entry_lines.get(key, ())
        return SitegenError(message, self.doc.path, lines[index] if index < len(lines) else
                            self.doc.meta_lines.get(key, 1))


def near_miss(key: str, known: tuple[str, ...]) -> str | None:
    """The known key ``key`` is most likely a misspelling of: one edit away (a swap of two neighbouring
    letters counts as one), or two for keys of six letters or more; None when it looks like a key of its own."""
    from rapidfuzz.distance import OSA

    allowed = 2 if len(key) >= 6 else 1
    best = min(known, key=lambda name: (OSA.distance(key.lower(), name), name))
    return best if OSA.distance(key.lower(), best) <= allowed else None


def _kind(value: Any) -> str:
    """A type name a curator understands."""
    names = {bool: "true/false", dict: "a mapping", list: "a list", bytes: "binary data", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


MAX_SLUG = 80  # characters


def slug_of(text: str, hash_of: str | None = None) -> str:
    """A URL slug for ``text``; text with no Latin transliteration gets a stable hash (of ``hash_of``)."""
    slug = slugify(text, max_length=MAX_SLUG, word_boundary=True)
    if not slug:
        import hashlib

        slug = "article-" + hashlib.sha1((hash_of or text).encode("utf-8")).hexdigest()[:10]
    return slug


def article_slug(path: Path) -> str:
    """The URL slug of an article: its file name, slugified."""
    return slug_of(path.stem)


def parse_article(path: Path, text: str, config: Config) -> Article:
    doc = split(text, path)
    fields = _Fields(doc, ARTICLE_KEYS)
    return Article(
        slug=article_slug(path),
        source_path=path,
        title=fields.text("title", required=True) or "",
        body=doc.body,
        body_line=doc.body_line,
        outlet=fields.text("outlet"),
        url=fields.url("url"),
        published=fields.moment("published", config.tz),
        author=fields.text("author"),
        story=fields.key("story"),
        category=fields.text("category"),
        tags=fields.strings("tags"),
        syndicated_from=fields.text("syndicated_from"),
        cites=fields.strings("cites"),
        authority=fields.number("authority"),
        draft=fields.flag("draft"),
        ratings=fields.ratings("ratings"),
        reposted_by=fields.text("reposted_by"),
        summary=fields.text("summary"),
        image=fields.image("image"),
        image_alt=fields.text("image_alt"),
        updated=fields.moment("updated", config.tz),
        unknown=fields.choices("unknown", CHECKABLE),
        extra=fields.extra,
        notices=fields.notices,
        root_links=root_links(doc.body, doc.body_line),
    )


# Story-file entries are typed field by field, like config.yml: a mapping or a list where text belongs
# would otherwise be rendered as a Python repr and written into story.json against its schema.
def _entry_text(item: dict[str, Any], name: str, required: bool = True) -> str | None:
    """Text field ``name`` of one entry (a number or date reads as its text); KeyError when required and absent."""
    value = item.get(name)
    if value is None:
        if required:
            raise KeyError(name)
        return None
    if isinstance(value, (bool, dict, list, bytes)):
        raise ValueError(f"'{name}' must be text, got {_kind(value)}")
    text = str(value).strip()
    if not text and required:
        raise ValueError(f"'{name}' must not be empty")
    return text or None


def _entry_texts(item: dict[str, Any], name: str) -> tuple[str, ...]:
    """A list-of-text field (one text is a list of one)."""
    value = item.get(name)
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    return tuple(text for v in values if (text := _entry_text({name: v}, name)))


def _entry_keys(item: dict[str, Any], known: tuple[str, ...]) -> None:
    for key in item:
        if key not in known:
            raise ValueError(f"unknown key '{key}' (known: {', '.join(known)})")
# Link targets that start at the site root ("/static/x.png", "/"), in Markdown links and images, link
# reference definitions and raw HTML attributes; "//host/..." is another site.
_ROOT_LINKS = re.compile(r"\]\(\s*<?(/(?!/)[^)\s>]*)|^ {0,3}\[[^\]\n]+\]:[ \t]*<?(/(?!/)[^\s>]*)"
                         r"|\b(?:href|src)\s*=\s*[\"']?(/(?!/)[^\"'\s>]*)", re.M | re.I)


def root_links(body: str, first_line: int) -> tuple[tuple[int, str], ...]:
    """(file line, target) of every root-relative link in a Markdown body: the renderer puts them under the
    site's base path, and a target that already starts with it is ambiguous (see warn_on_files)."""
    if "/" not in body:
        return ()
    return tuple((first_line + body.count("\n", 0, m.start()), next(g for g in m.groups() if g is not None))
                 for m in _ROOT_LINKS.finditer(body))


def _badge_override(item: dict[str, Any]) -> BadgeOverride:
    _entry_keys(item, ("claim", "badge", "why"))
    badge = _entry_text(item, "badge")
    if badge not in BADGES:
        raise ValueError(f"badge must be one of {', '.join(BADGES)}, got {badge!r}")
    return BadgeOverride(claim=_entry_text(item, "claim") or "", badge=badge,  # type: ignore[arg-type]
                         why=_entry_text(item, "why", required=False))


def _curator_faq(item: dict[str, Any]) -> CuratorFaq:
    _entry_keys(item, ("question", "answer", "sources"))
    return CuratorFaq(question=_entry_text(item, "question") or "", answer=_entry_text(item, "answer") or "",
                      sources=_entry_texts(item, "sources"))


def _declared_value(value: Any) -> DeclaredValue:
    if not isinstance(value, dict):
        raise ValueError(f"each of 'values' must be a mapping with 'value' and 'sources', got {_kind(value)}")
    _entry_keys(value, ("value", "sources", "quote"))
    return DeclaredValue(value=_entry_text(value, "value") or "", sources=_entry_texts(value, "sources"),
                         quote=_entry_text(value, "quote", required=False))


def _declared_dispute(item: dict[str, Any]) -> DeclaredDispute:
    _entry_keys(item, ("about", "values", "kind", "likely"))
    if not isinstance(item.get("values"), list):
        raise ValueError(f"'values' must be a list of mappings, got {_kind(item.get('values'))}")
    values = tuple(_declared_value(v) for v in item["values"])
    if len(values) < 2:
        raise ValueError("a dispute needs at least two values")
    kind = _entry_text(item, "kind", required=False) or "assertion"
    if kind not in ("date", "number", "name", "assertion"):
        raise ValueError(f"kind must be date, number, name or assertion, got {kind!r}")
    return DeclaredDispute(about=_entry_text(item, "about") or "", values=values, kind=kind,  # type: ignore[arg-type]
                           likely=_entry_text(item, "likely", required=False))


def _claim_groups(fields: _Fields, key: str) -> tuple[tuple[str, ...], ...]:
    """``merge: [[id, id], ...]``: each entry a list of two or more claim references."""
    value = fields.doc.meta.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(
            isinstance(group, list) and len(group) >= 2 and all(_is_reference(r) for r in group) for group in value):
        raise fields.error(key, f"'{key}' must be a list of lists of two or more claim ids, "
                                f"like [[claim-id-a, claim-id-b]]")
    return tuple(tuple(str(r).strip() for r in group) for group in value)


def _is_reference(value: Any) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool) and bool(str(value).strip())


def _split_references(fields: _Fields, key: str) -> tuple[str, ...]:
    """``split: [id, ...]``: claim references."""
    value = fields.doc.meta.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(_is_reference(r) for r in value):
        raise fields.error(key, f"'{key}' must be a list of claim ids, like [claim-id-a, claim-id-b]")
    return tuple(dict.fromkeys(str(r).strip() for r in value))


def _copies(fields: _Fields, key: str) -> tuple[tuple[str, str], ...]:
    """``copies: {copy-slug: original-slug}``."""
    value = fields.doc.meta.get(key)
    if value is None:
        return ()
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip() for k, v in value.items()):
        raise fields.error(key, f"'{key}' must map an article slug to the slug of the article it copies, "
                                f"like {{repost-slug: original-slug}}")
    pairs = tuple((k.strip(), v.strip()) for k, v in value.items())
    for copy, original in pairs:
        if copy == original:
            raise fields.error(key, f"'{key}': article '{copy}' cannot be a copy of itself")
        if dict(pairs).get(original) == copy:
            raise fields.error(key, f"'{key}': '{copy}' and '{original}' cannot be copies of each other")
    return pairs


def parse_story_file(path: Path, text: str, config: Config | None = None) -> StoryFile:
    doc = split(text, path)
    fields = _Fields(doc, STORY_KEYS)
    key = path.stem
    if not KEY_PATTERN.match(key):
        raise SitegenError(f"story file name must be a story key (lowercase letters, digits, hyphens), got {key!r}",
                           path)
    return StoryFile(
        key=key, source_path=path, title=fields.text("title"), dek=fields.text("dek"),
        summary=fields.text("summary"), category=fields.text("category"), note=doc.body.strip(),
        articles=fields.strings("articles"), badges=fields.records("badges", _badge_override),
        faq=fields.records("faq", _curator_faq), disputes=fields.records("disputes", _declared_dispute),
        corrections=_corrections(fields, text),
        merge=_claim_groups(fields, "merge"), split=_split_references(fields, "split"),
        copies=_copies(fields, "copies"), key_lines=tuple(sorted(doc.meta_lines.items())),
        slug=fields.key("slug"), image=fields.image("image"), image_alt=fields.text("image_alt"),
        updated=fields.moment("updated", config.tz if config is not None else timezone.utc),
        extra=fields.extra, notices=fields.notices,
    )


def _corrections(fields: _Fields, text: str) -> tuple[Correction, ...]:
    """``corrections:``: a list of {date, text, claim?}; each error names the entry's own line."""
    value = fields.doc.meta.get("corrections")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise fields.error("corrections", "'corrections' must be a list of {date, text, claim} entries")
    key_line = fields.doc.meta_lines.get("corrections", 1)
    lines = _item_lines(text, key_line)
    result = []
    for n, item in enumerate(value):
        line = lines[n] if n < len(lines) else key_line
        where = f"correction {n + 1}"
        if not isinstance(item, dict):
            raise SitegenError(f"{where} must be a mapping with date and text", fields.doc.path, line)
        unknown = sorted(str(k) for k in item if k not in ("date", "text", "claim"))
        if unknown:
            raise SitegenError(f"{where}: unknown key '{unknown[0]}' (known: date, text, claim)", fields.doc.path, line)
        day = item.get("date")
        if isinstance(day, str):
            try:
                day = date.fromisoformat(day.strip())
            except ValueError:
                pass
        if isinstance(day, datetime):
            day = day.date()
        if not isinstance(day, date):
            raise SitegenError(f"{where}: 'date' must be an ISO date like 2026-07-12, got {day!r}", fields.doc.path,
                               line)
        said = item.get("text")
        if not isinstance(said, str) or not said.strip():
            raise SitegenError(f"{where}: 'text' is required (what was wrong and what is right)", fields.doc.path,
                               line)
        claim = item.get("claim")
        if claim is not None and (isinstance(claim, bool) or not isinstance(claim, (str, int))
                                  or not str(claim).strip()):
            raise SitegenError(f"{where}: 'claim' must be a claim id like c3, got {claim!r}", fields.doc.path, line)
        result.append(Correction(day.isoformat(), " ".join(said.split()),
                                 str(claim).strip() if claim is not None else None, line))
    return tuple(result)


def _item_lines(text: str, key_line: int) -> list[int]:
    """The 1-based lines where the items of the block list under the key on ``key_line`` begin."""
    lines = text.split("\n")
    found: list[int] = []
    indent = None
    for number in range(key_line + 1, len(lines) + 1):
        line = lines[number - 1]
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(line) - len(stripped)
        if indent is None:
            if not stripped.startswith("-"):
                break  # a flow list on the key's own line: no item lines
            indent = depth
        if depth < indent or (depth == indent and not stripped.startswith("-")) or line.startswith("---"):
            break
        if depth == indent:
            found.append(number)
    return found


def markdown_files(folder: Path, root: Path) -> list[Path]:
    """Sorted ``*.md`` files under ``folder``; symlinks leading outside the site are refused."""
    return [Path(name) for name in markdown_file_names(folder, root)]


def markdown_file_names(folder: Path, root: Path) -> list[str]:
    """:func:`markdown_files` as path strings (a build needs Path objects only for the files it reads).

    Sorted as pathlib sorts paths (component by component). Walked with os.scandir: pathlib's rglob
    and per-file Path checks cost ~0.4 s per build at 10,000 files, scandir's cached entry types ~0.05 s.
    """
    return markdown_walk(folder, root)[0]


def markdown_walk(folder: Path, root: Path) -> tuple[list[str], bool]:
    """:func:`markdown_file_names`, and whether any of them is a symlink (whose target may change where
    no watcher of the site looks)."""
    if not folder.is_dir():
        return [], False
    check_folder(folder, root)
    root = root.resolve()
    base = str(folder)
    names = []
    any_link = False
    for parts, is_link in sorted(_markdown_entries(base, ())):
        name = os.path.join(base, *parts)
        # folders are not followed when they are symlinks (as rglob does), so only a file itself can be a
        # link: resolving every path component of every file cost ~1 s per build at 10,000 files
        if is_link:
            any_link = True
            resolved = Path(name).resolve()
            if not resolved.is_file():
                continue
            if not resolved.is_relative_to(root):
                raise SitegenError(f"symlink points outside the site ({resolved}); copy the file in instead",
                                   Path(name))
        names.append(name)
    return names, any_link


def _markdown_entries(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], bool]]:
    """(path parts below the walk's start, is a symlink) for each visible ``*.md`` file, recursively."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _markdown_entries(entry.path, parts + (entry.name,))
            elif entry.name.endswith(".md") and not entry.name.startswith("."):
                is_link = entry.is_symlink()
                if is_link or entry.is_file(follow_symlinks=False):
                    yield parts + (entry.name,), is_link


def load(config: Config, diagnostics: Diagnostics, include_drafts: bool = False) -> Site:
    """Read every article and story file; the first bad file raises a SitegenError naming it."""
    articles: list[Article] = []
    seen: dict[str, Path] = {}
    for path in markdown_files(config.content_dir / "articles", config.root):
        article = parse_article(path, read_text(path), config)
        if article.slug in seen:
            raise SitegenError(f"two articles get the slug '{article.slug}': this one and {seen[article.slug]}; "
                               "rename one", path)
        seen[article.slug] = path
        if article.draft and not include_drafts:
            log.debug("skipping draft %s", path)
            continue
        articles.append(article)
    story_files = {}
    for path in markdown_files(config.content_dir / "stories", config.root):
        story_file = parse_story_file(path, read_text(path), config)
        story_files[story_file.key] = story_file
    warn_on_files(articles, story_files.values(), diagnostics, config.base_path)
    return Site(root=config.root, articles=tuple(articles), story_files=story_files,
                published=published.load(config.content_dir))


def warn_on_files(articles: list[Article], story_files: Iterable[StoryFile], diagnostics: Diagnostics,
                  base_path: str = "/") -> None:
    """The warnings content files deserve in every build (a parse's notices are kept with its result)."""
    for item in (*articles, *story_files):
        for line, message in item.notices:
            diagnostics.warn(message, item.source_path, line)
    if base_path != "/":
        for article in articles:
            for line, target in article.root_links:
                if (target + "/").startswith(base_path):
                    diagnostics.warn(f"link '{target}' already starts with the base path {base_path}, under which "
                                     f"every '/...' link is put: it is left as written; for a page or file of "
                                     f"this site write '/{target[len(base_path):]}'", article.source_path, line)
    for article in articles:
        missing = [name for name, value in (("url", article.url), ("outlet", article.outlet),
                                            ("published", article.published))
                   if value is None and name not in article.unknown]
        if missing:
            diagnostics.warn(f"missing {', '.join(missing)}: fill these in so readers can check the source",
                             article.source_path, 1)
