"""The build cache's on-disk encoding: data only, checked, never code.

A site folder is untrusted, and so is its ``.sitegen-cache/``: a repository, a clone or a restored CI
cache may hold any bytes there. So nothing read back from it is unpickled or unmarshalled: every file
is JSON (orjson) under a header naming its kind and format and a digest of its body (:func:`seal` /
:func:`unseal`), and every model object is rebuilt from plain values by a decoder made from its
dataclass's type hints (:func:`encode` / :func:`decode`), which checks each value's type on the way.
Any mismatch raises :class:`CacheDamaged`; the build then ignores the cache and builds everything.

Model objects are encoded as lists of their field values in field order (``Article`` -> ``[slug, path,
title, ...]``); tuples as lists; datetimes as ISO text, or ``[local time, zone key, fold]`` for a zone
from the tz database (a fixed offset would print another ``%Z``).
"""
from __future__ import annotations

import base64
import binascii
import contextvars
import dataclasses
import hashlib
import math
import types
import typing
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Literal, Union
from zoneinfo import ZoneInfo

import orjson

from . import model

Encoder = Callable[[Any], Any]
Decoder = Callable[[Any], Any]

SEAL_MAGIC = b"sitegen-cache "
DIGEST_BYTES = 16


class CacheDamaged(Exception):
    """A cache file (or one object in it) is not what sitegen wrote: damaged, truncated or foreign."""


def checksum(data: bytes | memoryview) -> str:
    return hashlib.blake2b(data, digest_size=DIGEST_BYTES).hexdigest()


def seal(kind: str, version: int, value: Any) -> bytes:
    """``value`` (plain JSON data) as a cache file: a header line naming kind and format, the body's
    digest, the body."""
    body = orjson.dumps(value)
    return b"%s%s %d\n%s\n%s" % (SEAL_MAGIC, kind.encode("ascii"), version, checksum(body).encode("ascii"), body)


def unseal(kind: str, version: int, data: bytes) -> Any:
    """What :func:`seal` sealed; CacheDamaged when the header, the digest or the JSON is wrong."""
    header = b"%s%s %d\n" % (SEAL_MAGIC, kind.encode("ascii"), version)
    if not data.startswith(header):
        raise CacheDamaged(f"not a {kind} file of this sitegen version")
    start = len(header) + 2 * DIGEST_BYTES + 1
    body = memoryview(data)[start:]
    if data[start - 1:start] != b"\n" or data[len(header):start - 1] != checksum(body).encode("ascii"):
        raise CacheDamaged(f"the {kind} file's digest does not match its contents")
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as exc:  # only if the digest matched bytes we did not write
        raise CacheDamaged(f"the {kind} file is not JSON: {exc}") from None


# --------------------------------------------------------------------------- model objects


def encode(value: Any) -> bytes:
    """A model object (Article, StoryFile, Story) as JSON bytes."""
    return orjson.dumps(_codec(type(value))[0](value))


def decode(cls: type, data: bytes | memoryview, paths: dict[str, Path] | None = None) -> Any:
    """The ``cls`` object :func:`encode` wrote; ``paths`` (text -> Path) supplies ready-made Paths."""
    try:
        plain = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise CacheDamaged(f"a cached {cls.__name__} is not JSON: {exc}") from None
    return from_plain(cls, plain, paths)


def from_plain(cls: type, plain: Any, paths: dict[str, Path] | None = None) -> Any:
    token = _PATHS.set(paths)
    try:
        return _codec(cls)[1](plain)
    except CacheDamaged:
        raise
    except (TypeError, ValueError, KeyError, IndexError, OverflowError, binascii.Error) as exc:
        raise CacheDamaged(f"a cached {cls.__name__} does not fit its type: {exc}") from None
    finally:
        _PATHS.reset(token)


def fields_to_plain(cls: type, names: tuple[str, ...], value: Any) -> list[Any]:
    """Some fields of a model object, in ``names`` order, as plain values (a stub's light fields)."""
    codecs = _field_codecs(cls)
    return [codecs[name][0](getattr(value, name)) for name in names]


def fields_from_plain(cls: type, names: tuple[str, ...], plain: Any) -> tuple[Any, ...]:
    """:func:`fields_to_plain` undone."""
    decoder = _FIELDS_DECODERS.get((cls, names))
    if decoder is None:
        decoder = _FIELDS_DECODERS[(cls, names)] = _fields_decoder(cls, names, tuple)
    try:
        return decoder(plain)  # type: ignore[no-any-return]
    except (TypeError, ValueError, KeyError, IndexError, OverflowError) as exc:
        raise CacheDamaged(f"cached {cls.__name__} fields do not fit their type: {exc}") from None


# A decoder's Path lookup table for the current call (decoders are shared, made once per type).
_PATHS: contextvars.ContextVar[dict[str, Path] | None] = contextvars.ContextVar("sitegen_cache_paths", default=None)

_CODECS: dict[Any, tuple[Encoder, Decoder]] = {}
_FIELDS_DECODERS: dict[tuple[type, tuple[str, ...]], Decoder] = {}
_FIELD_CODECS: dict[type, dict[str, tuple[Encoder, Decoder]]] = {}


def _codec(tp: Any) -> tuple[Encoder, Decoder]:
    found = _CODECS.get(tp)
    if found is None:
        found = _CODECS[tp] = _make_codec(tp)
    return found


def _field_codecs(cls: type) -> dict[str, tuple[Encoder, Decoder]]:
    found = _FIELD_CODECS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls, vars(model))
        found = _FIELD_CODECS[cls] = {f.name: _codec(hints[f.name]) for f in dataclasses.fields(cls)}
    return found


def _same(value: Any) -> Any:
    return value


def _checked(*kinds: type) -> Decoder:
    def check(value: Any) -> Any:
        if type(value) not in kinds:
            raise CacheDamaged(f"expected {'/'.join(k.__name__ for k in kinds)}, found {type(value).__name__}")
        return value
    return check


def _make_codec(tp: Any) -> tuple[Encoder, Decoder]:
    origin = typing.get_origin(tp)
    if tp is str or tp is bool:
        return _same, _checked(tp)
    if tp is int:
        return _same, _checked(int)
    if tp is float:
        return _same, _float
    if tp is type(None):
        return _same, _checked(type(None))
    if tp is datetime:
        return _encode_datetime, _decode_datetime
    if tp is Path:
        return str, _decode_path
    if origin is Literal:
        allowed = frozenset(typing.get_args(tp))
        return _same, lambda value: value if value in allowed and type(value) is str else _bad(value)
    if origin in (Union, types.UnionType):
        return _union_codec(typing.get_args(tp))
    if origin is tuple:
        return _tuple_codec(typing.get_args(tp))
    if dataclasses.is_dataclass(tp):
        return _dataclass_codec(tp)
    if tp is Any:
        return _encode_any, _decode_any
    if origin is dict and typing.get_args(tp)[0] is str:
        encode_value, decode_value = _codec(typing.get_args(tp)[1])

        def encode_table(value: Any) -> dict[str, Any]:
            if not all(type(key) is str for key in value):
                raise TypeError("the build cache stores tables with text keys only here")
            return {key: encode_value(item) for key, item in value.items()}

        def decode_table(value: Any) -> dict[str, Any]:
            if type(value) is not dict:
                raise CacheDamaged("expected a table")
            return {key: decode_value(item) for key, item in value.items()}
        return encode_table, decode_table
    raise TypeError(f"the build cache cannot store values of type {tp!r}; teach sitegen.cache_codec")


def _bad(value: Any) -> Any:
    raise CacheDamaged(f"unexpected value {value!r:.60}")


def _float(value: Any) -> float:
    if type(value) is float:
        return value
    if type(value) is int:  # orjson writes 1.0 as 1.0, but a float field may hold an int
        return value
    raise CacheDamaged(f"expected a number, found {type(value).__name__}")


def _union_codec(options: tuple[Any, ...]) -> tuple[Encoder, Decoder]:
    rest = [option for option in options if option is not type(None)]
    if len(rest) != 1 or len(options) != 2:
        raise TypeError(f"the build cache stores only 'X | None' unions, not {options!r}")
    encode_one, decode_one = _codec(rest[0])

    def encode_optional(value: Any) -> Any:
        return None if value is None else encode_one(value)

    def decode_optional(value: Any) -> Any:
        return None if value is None else decode_one(value)
    return encode_optional, decode_optional


def _tuple_codec(args: tuple[Any, ...]) -> tuple[Encoder, Decoder]:
    if len(args) == 2 and args[1] is Ellipsis:
        encode_item, decode_item = _codec(args[0])
        if encode_item is _same:
            def decode_plain(value: Any) -> tuple[Any, ...]:
                if type(value) is not list:
                    raise CacheDamaged("expected a list")
                return tuple([decode_item(item) for item in value])
            return list, decode_plain

        def encode_items(value: Any) -> list[Any]:
            return [encode_item(item) for item in value]

        def decode_items(value: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise CacheDamaged("expected a list")
            return tuple([decode_item(item) for item in value])
        return encode_items, decode_items
    codecs = [_codec(arg) for arg in args]

    def encode_fixed(value: Any) -> list[Any]:
        return [enc(item) for (enc, _), item in zip(codecs, value)]

    def decode_fixed(value: Any) -> tuple[Any, ...]:
        if type(value) is not list or len(value) != len(codecs):
            raise CacheDamaged("expected a list of fixed length")
        return tuple([dec(item) for (_, dec), item in zip(codecs, value)])
    return encode_fixed, decode_fixed


def _dataclass_codec(cls: type) -> tuple[Encoder, Decoder]:
    _CODECS[cls] = (lambda value: _CODECS[cls][0](value), lambda plain: _CODECS[cls][1](plain))  # recursion
    codecs = list(_field_codecs(cls).items())
    names = [name for name, _ in codecs]
    encoders = [enc for _, (enc, _) in codecs]

    def encode_object(value: Any) -> list[Any]:
        if type(value) is not cls and not isinstance(value, cls):
            raise TypeError(f"expected {cls.__name__}, got {type(value).__name__}")
        return [enc(getattr(value, name)) for name, enc in zip(names, encoders)]

    return encode_object, _fields_decoder(cls, tuple(names), cls)


def _fields_decoder(cls: type, names: tuple[str, ...], make: type) -> Decoder:
    """A decoder of ``cls``'s fields ``names`` (a list of plain values) into ``make(*values)``.

    Written as Python source from the type hints and compiled once, like dataclasses' own __init__:
    the checks of plain fields (text, numbers, flags, optional text) are inline instead of a function
    call each, which made loading 10,000 articles' and 2,000 stories' light fields ~3x cheaper. Nothing
    read from a cache goes into the source: only our own field names and types."""
    hints = typing.get_type_hints(cls, vars(model))
    namespace: dict[str, Any] = {"_shape": _shape_error(cls), "_bad": _bad_field, "_STR": {str}, "_make": make}
    values = [f"f{n}" for n in range(len(names))]
    lines = ["def decode(p):", f"    if type(p) is not list or len(p) != {len(names)}:", "        _shape()",
             f"    {', '.join(values)}, = p"]
    args = []
    for n, name in enumerate(names):
        inline = _inline(hints[name], values[n])
        if inline is None:
            namespace[f"_d{n}"] = _codec(hints[name])[1]
            args.append(f"_d{n}({values[n]})")
            continue
        check, value = inline
        lines += [f"    if not ({check}):", f"        _bad({name!r}, {values[n]})"]
        args.append(value)
    lines.append(f"    return _make(({', '.join(args)},))" if make is tuple else f"    return _make({', '.join(args)})")
    exec("\n".join(lines), namespace)  # noqa: S102 (our own source, from our own type hints)
    decoder: Decoder = namespace["decode"]
    return decoder


_SIMPLE = {str: "type({v}) is str", bool: "type({v}) is bool", int: "type({v}) is int",
           float: "type({v}) is float or type({v}) is int", type(None): "{v} is None"}


def _inline(tp: Any, v: str) -> tuple[str, str] | None:
    """(check, value) expressions for a plain field ``v`` of type ``tp``, or None when it needs its decoder."""
    if tp in _SIMPLE:
        return _SIMPLE[tp].format(v=v), v
    origin = typing.get_origin(tp)
    if origin is Literal and all(type(a) is str for a in typing.get_args(tp)):
        return f"type({v}) is str and {v} in {frozenset(typing.get_args(tp))!r}", v
    if origin in (Union, types.UnionType):
        options = typing.get_args(tp)
        rest = [o for o in options if o is not type(None)]
        if len(options) == 2 and len(rest) == 1:
            inner = _inline(rest[0], v)
            if inner is not None and inner[1] == v:
                return f"{v} is None or ({inner[0]})", v
    if origin is tuple and typing.get_args(tp) == (str, Ellipsis):
        return f"type({v}) is list and not set(map(type, {v})) - _STR", f"tuple({v})"
    return None


def _shape_error(cls: type) -> Callable[[], None]:
    def shape() -> None:
        raise CacheDamaged(f"a cached {cls.__name__} has the wrong shape")
    return shape


def _bad_field(name: str, value: Any) -> None:
    raise CacheDamaged(f"a cached {name!r} is of the wrong type ({type(value).__name__})")


def _encode_any(value: Any) -> Any:
    """Any value YAML front matter gives (a site's own keys, ``extra``), losslessly: text, whole numbers,
    flags and null as themselves; everything else as [kind, payload] (so every JSON list is one of these)."""
    kind = type(value)
    if kind is str or kind is bool or kind is int or value is None:
        return value
    if kind is float:
        return value if math.isfinite(value) else ["f", repr(value)]
    if kind is list or kind is tuple:
        return ["l" if kind is list else "t", [_encode_any(item) for item in value]]
    if kind is dict:
        return ["d", [[_encode_any(key), _encode_any(item)] for key, item in value.items()]]
    if kind is set or kind is frozenset:
        return ["s" if kind is set else "fs", [_encode_any(item) for item in value]]
    if kind is datetime:
        return ["dt", _encode_datetime(value)]
    if kind is date:
        return ["date", value.isoformat()]
    if kind is bytes:
        return ["b", base64.b64encode(value).decode("ascii")]
    raise TypeError(f"the build cache cannot store a {kind.__name__} value")


def _decode_any(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is bool or kind is int or kind is float or value is None:
        return value
    if kind is not list or len(value) != 2 or type(value[0]) is not str:
        raise CacheDamaged("a cached value has the wrong shape")
    tag, payload = value
    if tag in ("l", "t", "s", "fs", "d") and type(payload) is not list:
        raise CacheDamaged("a cached value has the wrong shape")
    if tag == "l":
        return [_decode_any(item) for item in payload]
    if tag == "t":
        return tuple([_decode_any(item) for item in payload])
    if tag == "s":
        return {_decode_any(item) for item in payload}
    if tag == "fs":
        return frozenset(_decode_any(item) for item in payload)
    if tag == "d":
        return {_decode_any(key): _decode_any(item) for key, item in payload}
    if tag == "f" and payload in ("nan", "inf", "-inf"):
        return float(payload)
    if tag == "dt":
        return _decode_datetime(payload)
    if tag == "date" and type(payload) is str:
        return date.fromisoformat(payload)
    if tag == "b" and type(payload) is str:
        return base64.b64decode(payload, validate=True)
    raise CacheDamaged("a cached value has an unknown kind")


def _encode_datetime(value: datetime) -> Any:
    tz = value.tzinfo
    if isinstance(tz, ZoneInfo) and tz.key:
        return [value.replace(tzinfo=None).isoformat(), tz.key, value.fold]
    if tz is not None and (type(tz) is not timezone
                           or tz.tzname(None) != timezone(tz.utcoffset(None)).tzname(None)):  # type: ignore[arg-type]
        raise TypeError(f"the build cache cannot store a datetime in time zone {tz!r}")
    return value.isoformat()


def _decode_datetime(value: Any) -> datetime:
    if type(value) is str:
        return datetime.fromisoformat(value)
    if type(value) is list and len(value) == 3 and type(value[0]) is str and type(value[1]) is str:
        return datetime.fromisoformat(value[0]).replace(tzinfo=_zone(value[1]), fold=1 if value[2] else 0)
    raise CacheDamaged("expected a date and time")


def _zone(key: str) -> ZoneInfo:
    try:
        return ZoneInfo(key)
    except Exception as exc:  # noqa: BLE001 (ZoneInfo raises several kinds for a bad key)
        raise CacheDamaged(f"unknown time zone {key!r:.60}") from exc


def _decode_path(value: Any) -> Path:
    if type(value) is not str:
        raise CacheDamaged("expected a path")
    paths = _PATHS.get()
    if paths is None:
        return Path(value)
    try:
        return paths[value]  # a mapping may also make and remember the Path (build.KnownPaths)
    except KeyError:
        return Path(value)
