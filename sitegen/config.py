"""config.yml -> Config, validated key by key with the line of every bad value."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .errors import SitegenError
from .yamlsafe import compose, unprintable

CONFIG_NAME = "config.yml"
# excerpt: headline, byline, a short lede, the claims it supports and a link to the original (the default:
# other outlets' full text is theirs); full: the whole text (a site that owns its articles); none: no page.
ARTICLE_PAGES = ("excerpt", "full", "none")
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class OutletConfig:
    name: str
    domain: str | None = None
    authority: float | None = None  # 0..1
    owner: str | None = None  # outlets sharing an owner count once for independence
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BadgeThresholds:
    confirmed: int = 3  # independent, unhedged outlets needed for "confirmed"
    corroborated: int = 2


NOISE_SCOPES = ("line", "block", "section", "rest", "sentence")


@dataclass(frozen=True, slots=True)
class NoiseRule:
    """An ingest rule a site adds: lines matching ``pattern`` (a regex) are dropped.

    ``scope``: ``line`` drops the matching line, ``section`` drops it and the lines up to the next
    heading-like line, ``block`` drops it and the lines up to the
    next blank line, ``rest`` drops it and everything after it.
    """

    name: str
    pattern: str
    scope: str = "line"


@dataclass(frozen=True, slots=True)
class MergeLexicons:
    """Words a site adds to the merge's built-in lexicons (``merge_lexicons:`` in config.yml; the
    defaults and what each list does are in sitegen/merge/hedges.py and newsworthy.py)."""

    hedges: tuple[str, ...] = ()  # cues that a sentence does not state its content on its own authority
    anonymous: tuple[str, ...] = ()  # cues that a claim rests on a source nobody names
    speculation: tuple[str, ...] = ()  # modal words: a single-source sentence using one is not shown
    commentary: tuple[str, ...] = ()  # words of the writer talking to the reader, outside quotes
    imperative_openers: tuple[str, ...] = ()  # openings that address the reader ("sign up", "tap here")
    judgement: tuple[str, ...] = ()  # the writer's evaluation or colour: an unattributed lone sentence is not shown


@dataclass(frozen=True, slots=True)
class Config:
    root: Path
    title: str = "sitegen site"
    description: str = ""
    base_url: str = "http://127.0.0.1:8000/"
    language: str = "en"
    timezone: str = "UTC"
    outlets: tuple[OutletConfig, ...] = ()
    badges: BadgeThresholds = BadgeThresholds()
    hedge_words: tuple[str, ...] = ()
    merge_lexicons: MergeLexicons = MergeLexicons()
    noise_rules: tuple[NoiseRule, ...] = ()
    raw_html: bool = False  # Markdown raw HTML; sanitised when on
    cname: str | None = None
    cluster_window_days: int = 14
    output_dir: str = "output"
    page_size: int = 50  # stories or articles per page of the home page and of category/tag/outlet pages
    feed_size: int = 50  # newest stories in the Atom feed
    article_pages: str = "excerpt"  # ARTICLE_PAGES: what an ingested article's own page shows
    extra: dict[str, Any] = field(default_factory=dict, hash=False)  # the site's own values for its templates

    @property
    def base_path(self) -> str:
        """The URL path prefix, always starting and ending with '/': '/' or '/repo/'."""
        return urlsplit(self.base_url).path or "/"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def static_dir(self) -> Path:
        return self.root / "static"

    def outlet(self, name: str | None) -> OutletConfig | None:
        """The configured outlet whose name, alias or domain matches ``name`` (case-insensitive)."""
        if not name:
            return None
        wanted = name.strip().lower()
        for outlet in self.outlets:
            keys = {outlet.name.lower(), *(a.lower() for a in outlet.aliases)}
            if outlet.domain:
                keys.add(outlet.domain.lower())
            if wanted in keys:
                return outlet
        return None


# --------------------------------------------------------------------------- validation

Check = Callable[[yaml.Node, str, str], Any]


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scalar(node: yaml.Node, path: str, key: str) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise SitegenError(f"'{key}' must be a single value", path, _line(node))
    if node.tag == "tag:yaml.org,2002:null":
        return None
    try:
        value = yaml.safe_load(yaml.serialize(node))
    except (yaml.YAMLError, ValueError) as exc:  # an unknown !!tag, or an impossible date like 2026-02-30
        problem = getattr(exc, "problem", None) or str(exc)
        raise SitegenError(f"'{key}' has a value YAML cannot read: {problem}", path, _line(node)) from None
    if character := unprintable(value):
        raise SitegenError(f"'{key}' holds the control character {character} (written as an escape such as \\x01); "
                           "remove it", path, _line(node))
    return value


def _typed(kind: type | tuple[type, ...], label: str, nullable: bool = False) -> Check:
    def check(node: yaml.Node, path: str, key: str) -> Any:
        value = _scalar(node, path, key)
        if value is None and nullable:
            return None
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise SitegenError(f"'{key}' must be {label}, not a boolean", path, _line(node))
        if not isinstance(value, kind):
            raise SitegenError(f"'{key}' must be {label}, got {value!r}", path, _line(node))
        return value
    return check


_str = _typed(str, "a string")
_opt_str = _typed(str, "a string", nullable=True)
_int = _typed(int, "an integer")
_bool = _typed(bool, "true or false")
_opt_num = _typed((int, float), "a number", nullable=True)


def _str_list(node: yaml.Node, path: str, key: str) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise SitegenError(f"'{key}' must be a list", path, _line(node))
    return tuple(_str(item, path, key) for item in node.value)


def _mapping(node: yaml.Node, path: str, key: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        what = f"'{key}'" if key else "the config"
        raise SitegenError(f"{what} must be a mapping of names to values (name: value)", path, _line(node))
    items = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise SitegenError("keys must be plain names", path, _line(key_node))
        name = str(key_node.value)
        if name in seen:  # YAML itself would silently keep the last one
            raise SitegenError(f"key '{_join(key, name)}' is given twice (first on line {seen[name]})", path,
                               _line(key_node))
        seen[name] = _line(key_node)
        items.append((name, key_node, value_node))
    return items


def _fields(node: yaml.Node, path: str, key: str, spec: dict[str, Check]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, key_node, value_node in _mapping(node, path, key):
        if name not in spec:
            known = ", ".join(sorted(spec))
            raise SitegenError(f"unknown key '{_join(key, name)}' (known: {known})", path, _line(key_node))
        values[name] = spec[name](value_node, path, _join(key, name))
    return values


def _join(parent: str, name: str) -> str:
    return f"{parent}.{name}" if parent else name


def _authority(node: yaml.Node, path: str, key: str) -> float | None:
    value = _opt_num(node, path, key)
    if value is not None and not 0 <= value <= 1:
        raise SitegenError(f"'{key}' must be between 0 and 1, got {value}", path, _line(node))
    return float(value) if value is not None else None


_OUTLET_SPEC: dict[str, Check] = {
    "domain": _opt_str, "authority": _authority, "owner": _opt_str, "aliases": _str_list,
}


def _outlets(node: yaml.Node, path: str, key: str) -> tuple[OutletConfig, ...]:
    outlets = []
    for name, _key_node, value_node in _mapping(node, path, key):
        if isinstance(value_node, yaml.ScalarNode) and value_node.tag == "tag:yaml.org,2002:null":
            outlets.append(OutletConfig(name=name))
            continue
        fields_ = _fields(value_node, path, _join(key, name), _OUTLET_SPEC)
        outlets.append(OutletConfig(name=name, **fields_))
    return tuple(outlets)


def _positive(node: yaml.Node, path: str, key: str) -> int:
    value = _int(node, path, key)
    if value < 1:
        raise SitegenError(f"'{key}' must be at least 1, got {value}", path, _line(node))
    return value


def _window_days(node: yaml.Node, path: str, key: str) -> int:
    value = _positive(node, path, key)
    if value > MAX_WINDOW_DAYS:  # a larger window overflows date arithmetic and means "everything" anyway
        raise SitegenError(f"'{key}' must be at most {MAX_WINDOW_DAYS} days, got {value}", path, _line(node))
    return value


MAX_WINDOW_DAYS = 3650
MAX_LISTING = 10_000


def _listing_size(node: yaml.Node, path: str, key: str) -> int:
    value = _positive(node, path, key)
    if value > MAX_LISTING:
        raise SitegenError(f"'{key}' must be at most {MAX_LISTING}, got {value}", path, _line(node))
    return value


def _badges(node: yaml.Node, path: str, key: str) -> BadgeThresholds:
    values = _fields(node, path, key, {"confirmed": _positive, "corroborated": _positive})
    thresholds = BadgeThresholds(**values)
    if thresholds.corroborated > thresholds.confirmed:
        raise SitegenError(f"'{key}.corroborated' cannot exceed '{key}.confirmed'", path, _line(node))
    return thresholds


MAX_LEXICON_ENTRY = 200  # characters: a cue is a word or a short phrase


def _lexicon_entries(node: yaml.Node, path: str, key: str) -> tuple[str, ...]:
    """A list of words or short phrases, each matched as whole words, case-insensitive."""
    if not isinstance(node, yaml.SequenceNode):
        raise SitegenError(f"'{key}' must be a list of words or phrases", path, _line(node))
    entries = []
    for item in node.value:
        value = _str(item, path, key)
        if not value.strip() or len(value) > MAX_LEXICON_ENTRY:
            raise SitegenError(f"each of '{key}' must be a word or phrase of 1 to {MAX_LEXICON_ENTRY} characters, "
                               f"got {value!r}", path, _line(item))
        entries.append(" ".join(value.split()))
    return tuple(entries)


def _merge_lexicons(node: yaml.Node, path: str, key: str) -> MergeLexicons:
    spec: dict[str, Check] = {name: _lexicon_entries for name in MergeLexicons.__dataclass_fields__}
    return MergeLexicons(**_fields(node, path, key, spec))


def _noise_rules(node: yaml.Node, path: str, key: str) -> tuple[NoiseRule, ...]:
    import re

    if not isinstance(node, yaml.SequenceNode):
        raise SitegenError(f"'{key}' must be a list", path, _line(node))
    rules = []
    for item in node.value:
        values = _fields(item, path, key, {"name": _str, "pattern": _str, "scope": _str})
        if "pattern" not in values or "name" not in values:
            raise SitegenError(f"each of '{key}' needs 'name' and 'pattern'", path, _line(item))
        if values.get("scope", "line") not in NOISE_SCOPES:
            raise SitegenError(f"'{key}.scope' must be one of {', '.join(NOISE_SCOPES)}", path, _line(item))
        try:
            re.compile(values["pattern"])
        except re.error as exc:
            raise SitegenError(f"'{key}.pattern' is not a valid regex: {exc}", path, _line(item)) from None
        rules.append(NoiseRule(**values))
    return tuple(rules)


def normalise_base_url(value: str) -> str:
    """An absolute http(s) URL ending in '/'; ValueError says what is wrong."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"must be an absolute http(s) URL, got {value!r}")
    return value if value.endswith("/") else value + "/"


def _base_url(node: yaml.Node, path: str, key: str) -> str:
    try:
        return normalise_base_url(_str(node, path, key))
    except ValueError as exc:
        raise SitegenError(f"'{key}' {exc}", path, _line(node)) from None


def _timezone(node: yaml.Node, path: str, key: str) -> str:
    value = _str(node, path, key)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise SitegenError(f"'{key}' is not a known time zone: {value!r}", path, _line(node)) from None
    return value


def _article_pages(node: yaml.Node, path: str, key: str) -> str:
    value = _str(node, path, key)
    if value not in ARTICLE_PAGES:
        raise SitegenError(f"'{key}' must be one of {', '.join(ARTICLE_PAGES)}, got {value!r}", path, _line(node))
    return value


def _extra(node: yaml.Node, path: str, key: str) -> dict[str, Any]:
    """Any mapping: the site's own template values (``site.extra.<name>``), read as YAML reads them."""
    _mapping(node, path, key)  # names plain and given once
    try:
        return dict(yaml.safe_load(yaml.serialize(node)) or {})
    except (yaml.YAMLError, ValueError) as exc:
        problem = getattr(exc, "problem", None) or str(exc)
        raise SitegenError(f"'{key}' has a value YAML cannot read: {problem}", path, _line(node)) from None


def _output_dir(node: yaml.Node, path: str, key: str) -> str:
    value = _str(node, path, key)
    if not value.strip() or Path(value).is_absolute() or ".." in Path(value).parts or value.strip() in (".", "./"):
        raise SitegenError(f"'{key}' must be a relative folder inside the site, got {value!r}", path, _line(node))
    return value


_TOP_SPEC: dict[str, Check] = {
    "title": _str,
    "description": _str,
    "base_url": _base_url,
    "language": _str,
    "timezone": _timezone,
    "outlets": _outlets,
    "badges": _badges,
    "hedge_words": _str_list,
    "merge_lexicons": _merge_lexicons,
    "noise_rules": _noise_rules,
    "raw_html": _bool,
    "cname": _opt_str,
    "cluster_window_days": _window_days,
    "output_dir": _output_dir,
    "page_size": _listing_size,
    "feed_size": _listing_size,
    "article_pages": _article_pages,
    "extra": _extra,
}


def parse(text: str, path: Path, root: Path) -> Config:
    """Validate config text; every error names ``path`` and the line."""
    node = compose(text, path)
    if node is None:
        return Config(root=root)
    values = _fields(node, str(path), "", _TOP_SPEC)
    return Config(root=root, **values)


def load(site_dir: Path) -> Config:
    """Read ``<site_dir>/config.yml``; a missing file is an error naming it."""
    site_dir = site_dir.resolve()
    path = site_dir / CONFIG_NAME
    if not path.is_file():
        raise SitegenError(f"no {CONFIG_NAME} here; is this a site directory? (sitegen new DIR makes one)", path)
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise SitegenError(f"config is larger than {MAX_CONFIG_BYTES // 1024} KB; is this the right file?", path)
        data = path.read_bytes()
    except OSError as exc:
        raise SitegenError(f"cannot read: {exc.strerror}", path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SitegenError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8", path,
                           line) from None
    return parse(text, path, site_dir)


def with_base_url(config: Config, base_url: str) -> Config:
    """The same config deployed elsewhere (e.g. a GitHub Pages URL from the workflow)."""
    import dataclasses

    try:
        return dataclasses.replace(config, base_url=normalise_base_url(base_url))
    except ValueError as exc:
        raise SitegenError(f"--base-url {exc}") from None
