"""Stable story URLs: ``content/published.yml``, the record of every story address the site has published.

A story's slug comes from its key, and an automatic cluster's key from its earliest article's title, so
without a record a story moves whenever an earlier article joins it, and its feed entry looks new. The
record keeps, per published story, its **id** (the slug it was first published under: the feed entry's id
for the life of the story) and its articles, and the old slugs that now redirect. Each build matches its
stories to the record by shared articles (greedily, most shared first), so a story keeps its slug when
articles are added, removed or re-clustered; two recorded stories that now form one leave a redirect at
the loser's address; a curator's rename (a story file's ``slug:``, or a story file that pins a recorded
story's articles under a new key) leaves a redirect and keeps the id.

The build writes the file (only when it changes, and never for a ``--drafts`` build); it is site content,
to be committed, so a fresh clone and a CI build publish the same addresses. Nothing else is kept there:
what changed in a story over time is the story history's business (issue 20), keyed on the id.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import SitegenError
from .model import Article, Published, PublishedStory, StoryFile

RECORD_NAME = "published.yml"
HEADER = """\
# Written by `sitegen build`: every story address this site has published. Commit this file. It keeps
# story URLs and feed entry ids stable when articles are added, removed or re-clustered, and keeps a
# redirect at an old address after a rename or a merge. Edit it only to retire an address for good.
"""
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


EMPTY = Published()


@dataclass(frozen=True, slots=True)
class Assignment:
    slugs: dict[str, str]  # story key -> slug
    record: Published  # the record after this build


def record_path(content_dir: Path) -> Path:
    return content_dir / RECORD_NAME


def fingerprint(content_dir: Path) -> str:
    """The record's text (empty when there is none): part of what a build's output depends on."""
    try:
        return record_path(content_dir).read_text("utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise SitegenError(f"cannot read the record of published stories: {exc}", record_path(content_dir)) from None


def load(content_dir: Path) -> Published:
    path = record_path(content_dir)
    return parse(fingerprint(content_dir), path)


def parse(text: str, path: Path) -> Published:
    """The record; the form dump() writes is read line by line (YAML's loader cost ~0.3 s on a 10,000-article
    site, in every build), anything else a curator wrote is read as YAML."""
    if not text.strip():
        return EMPTY
    record = _parse_written(text)
    return record if record is not None else _parse_yaml(text, path)


_STORY_LINE = re.compile(r"  ([a-z0-9][a-z0-9-]*): \{id: ([a-z0-9][a-z0-9-]*), articles: \[([a-z0-9, -]*)\]\}")
_REDIRECT_LINE = re.compile(r"  ([a-z0-9][a-z0-9-]*): ([a-z0-9][a-z0-9-]*)")
_SECTIONS = {"stories:": "stories", "stories: {}": None, "redirects:": "redirects", "redirects: {}": None}


def _parse_written(text: str) -> Published | None:
    stories: dict[str, PublishedStory] = {}
    redirects: dict[str, str] = {}
    section = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line in _SECTIONS:
            section = _SECTIONS[line]
            continue
        story = _STORY_LINE.fullmatch(line) if section == "stories" else None
        if story is not None and story.group(1) not in stories:
            articles = tuple(a.strip() for a in story.group(3).split(",")) if story.group(3).strip() else ()
            if not all(_is_slug(a) for a in articles):
                return None
            stories[story.group(1)] = PublishedStory(story.group(2), articles)
            continue
        moved = _REDIRECT_LINE.fullmatch(line) if section == "redirects" else None
        if moved is not None and moved.group(1) not in redirects:
            redirects[moved.group(1)] = moved.group(2)
            continue
        return None
    return Published(stories, redirects)


def _parse_yaml(text: str, path: Path) -> Published:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.lstrip().startswith("#") and any(mark in line for mark in ("&", "*", "!", "<<")):
            # no anchors, aliases or tags: the record holds slugs only (and an alias can blow up)
            raise SitegenError("only slugs belong here: no YAML anchors, aliases or tags", path, number)
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SitegenError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", path,
                           mark.line + 1 if mark else None) from None
    if not isinstance(data, dict) or set(data) - {"stories", "redirects"}:
        raise SitegenError("expected 'stories:' and 'redirects:' (this file is written by sitegen build)", path, 1)
    stories: dict[str, PublishedStory] = {}
    for slug, entry in (data.get("stories") or {}).items():
        if (not isinstance(entry, dict) or not _is_slug(slug) or not _is_slug(entry.get("id"))
                or not isinstance(entry.get("articles"), list) or not all(_is_slug(a) for a in entry["articles"])):
            raise SitegenError(f"story '{slug}' must be {{id: <slug>, articles: [<slug>, ...]}}", path,
                               _line_of(text, slug))
        stories[str(slug)] = PublishedStory(str(entry["id"]), tuple(str(a) for a in entry["articles"]))
    redirects: dict[str, str] = {}
    for old, new in (data.get("redirects") or {}).items():
        if not _is_slug(old) or not _is_slug(new):
            raise SitegenError(f"redirect '{old}' must map an old slug to a story's slug", path, _line_of(text, old))
        redirects[str(old)] = str(new)
    return Published(stories, redirects)


def _is_slug(value: object) -> bool:
    return isinstance(value, str) and bool(_SLUG.match(value))


def _line_of(text: str, key: object) -> int | None:
    found = re.search(rf"^\s+{re.escape(str(key))}:", text, re.M)
    return text[:found.start()].count("\n") + 1 if found else None


def dump(record: Published) -> str:
    """The record as YAML, written line by line (slugs need no quoting; yaml's emitter is slow on big sites)."""
    lines = [HEADER.rstrip("\n"), "stories:" if record.stories else "stories: {}"]
    lines += [f"  {slug}: {{id: {entry.id}, articles: [{', '.join(entry.articles)}]}}"
              for slug, entry in record.stories.items()]
    lines.append("redirects:" if record.redirects else "redirects: {}")
    lines += [f"  {old}: {new}" for old, new in sorted(record.redirects.items())]
    return "\n".join(lines) + "\n"


def save(content_dir: Path, record: Published) -> bool:
    """Write the record when its text changed (atomically); True when it did."""
    text = dump(record)
    path = record_path(content_dir)
    if fingerprint(content_dir) == text:
        return False
    if record == EMPTY and not path.exists():
        return False
    content_dir.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".published-", suffix=".tmp", dir=content_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return True


def assign(groups: dict[str, list[Article]], story_files: dict[str, StoryFile], record: Published) -> Assignment:
    """Each story's slug, and the record after it. Deterministic: the same groups and record give the same
    answer, and the record it returns gives that answer again (a build after a build changes nothing)."""
    from .merge.grouping import unique_slug  # the merge's own rule for a key's slug (content loads this module)

    members = {key: _in_order([a.slug for a in articles]) for key, articles in groups.items()}
    absorbed = _match(members, record)
    order = {slug: n for n, slug in enumerate(record.stories)}
    explicit = {key for key, articles in groups.items()
                if key in story_files or any(a.story == key for a in articles)}
    taken: set[str] = set()
    slugs: dict[str, str] = {}
    # Named stories first: a curator's key or slug: is the address. Then automatic clusters keep the
    # slug they were published under, and new ones take their key's slug where nothing else lives.
    for key in sorted(explicit):
        wanted = story_files[key].slug if key in story_files and story_files[key].slug else key
        slugs[key] = unique_slug(wanted, taken)
    for key in sorted(set(groups) - explicit):
        kept = absorbed[key][0] if absorbed[key] else None
        if kept is not None and kept not in taken:
            taken.add(kept)
            slugs[key] = kept
    reserved = set(record.stories) | set(record.redirects)
    for key in sorted(set(groups) - set(slugs)):
        slugs[key] = unique_slug(key, taken | (reserved - {r for r in absorbed[key]}))
        taken.add(slugs[key])
    return Assignment(slugs, _next_record(record, members, absorbed, slugs, order))


def _in_order(slugs: list[str]) -> list[str]:
    """Sorted (groups mostly come sorted already: checking costs a tenth of sorting 2,000 small lists)."""
    return slugs if all(a <= b for a, b in zip(slugs, slugs[1:])) else sorted(slugs)


def _match(members: dict[str, list[str]], record: Published) -> dict[str, list[str]]:
    """Per group, the recorded stories it takes over, the one it shares most articles with first. A recorded
    story goes to the group that holds most of its articles (ties: the group whose key sorts first)."""
    recorded_of: dict[str, str] = {}
    for slug, entry in record.stories.items():
        for article in entry.articles:
            recorded_of.setdefault(article, slug)
    order = {slug: n for n, slug in enumerate(record.stories)}
    pairs = []
    for key, slugs in members.items():
        for recorded, shared in Counter(recorded_of[a] for a in slugs if a in recorded_of).items():
            pairs.append((-shared, order[recorded], key, recorded))
    absorbed: dict[str, list[str]] = defaultdict(list)
    owner: dict[str, str] = {}
    for _, _, key, recorded in sorted(pairs):
        if recorded not in owner:
            owner[recorded] = key
            absorbed[key].append(recorded)
    return absorbed


def _next_record(record: Published, members: dict[str, list[str]], absorbed: dict[str, list[str]],
                 slugs: dict[str, str], order: dict[str, int]) -> Published:
    live = set(slugs.values())
    stories: dict[str, tuple[int, PublishedStory]] = {}
    moved: dict[str, str] = {}  # recorded slug -> the live slug that took it over
    for key, slug in slugs.items():
        taken_over = absorbed.get(key, [])
        first = taken_over[0] if taken_over else None
        story_id = record.stories[first].id if first is not None else slug
        place = order[first] if first is not None else len(order) + len(stories)
        stories[slug] = (place, PublishedStory(story_id, tuple(members[key])))
        for recorded in taken_over:
            if recorded != slug:
                moved[recorded] = slug
    # a recorded story no group took over keeps its entry (its address stays reserved, its id known), less
    # the articles that live in other stories now
    held = {article for articles in members.values() for article in articles}
    for slug, entry in record.stories.items():
        if slug not in stories and slug not in moved:
            stories[slug] = (order[slug], PublishedStory(entry.id, tuple(a for a in entry.articles if a not in held)))
    redirects = {old: moved.get(new, new) for old, new in record.redirects.items()}
    redirects.update(moved)
    redirects = {old: _final(new, redirects) for old, new in redirects.items()}
    redirects = {old: new for old, new in redirects.items() if old != new and old not in live and new in live}
    ordered = sorted(stories.items(), key=lambda item: (item[1][0], item[0]))
    return Published({slug: entry for slug, (_, entry) in ordered}, redirects)


def _final(slug: str, redirects: dict[str, str]) -> str:
    seen = {slug}
    while slug in redirects and redirects[slug] not in seen:
        slug = redirects[slug]
        seen.add(slug)
    return slug
