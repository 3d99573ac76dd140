"""The Jinja environment: the site's templates/ first, then the default theme (Pelican-style override)."""
from __future__ import annotations

import json
import re
import traceback
from datetime import datetime
from typing import Any, Callable, MutableMapping
from urllib.parse import urljoin

import jinja2
import jinja2.compiler
import markupsafe
import orjson
from slugify import slugify

from ..config import Config
from ..errors import SitegenError
from ..paths import THEME_DIR
from ..site_folders import SiteTemplateLoader
from . import story_filters, structured
from .escape import escape_text

# The theme emits no inline script at all (search is an external file; JSON-LD is a data block the browser
# never executes), so script-src can stay 'self' without hashes. frame-ancestors is not allowed in a meta tag.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def make_environment(config: Config, strict: bool = False) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if config.templates_dir.is_dir():
        loaders.append(SiteTemplateLoader(str(config.templates_dir)))
    # "theme/..." always names the default theme, so a site template can extend the template it overrides.
    loaders.append(jinja2.PrefixLoader({"theme": jinja2.FileSystemLoader(str(THEME_DIR / "templates"))}))
    loaders.append(jinja2.FileSystemLoader(str(THEME_DIR / "templates")))
    env = SiteEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined if strict else jinja2.Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # A build makes a fresh environment, so no template changes under it: skip the stat per render,
        # and keep every template it loads in a plain dict (the default LRU cache takes a lock per lookup).
        auto_reload=False,
        cache_size=-1,
        # Jinja's optimizer pass pre-evaluates constant expressions, which its code generator does anyway for
        # what templates print ('x'|url); it changes none of the theme's compiled code and is ~9% of compiling.
        optimized=False,
    )
    base_path = config.base_path

    def url(path: object = "") -> str:
        return base_path + str(path).lstrip("/")

    abs_url = absolute_url_function(config.base_url)
    env.globals.update(url=url, abs_url=abs_url, config=config, csp=CONTENT_SECURITY_POLICY)
    # url and abs_url are filters too: a filter call skips Jinja's context.call, and Jinja works out
    # 'static/style.css'|url once, when it compiles the template (this environment's base path is fixed).
    env.filters.update(image_url=lambda ref, absolute=True: image_url(str(ref), abs_url if absolute else url),
                       date=memoized_format_date(),
                       isodate=memoized_iso_date(), jsonld=json_for_script,
                       slug=memoized_term_slug(), percent=percent, memoized=Memoized, url=url, abs_url=abs_url,
                       **story_filters.FILTERS)
    return env


class TextEscapingTemplate(jinja2.Template):
    """A template whose ``{{ ... }}`` output is escaped by escape_text (same text, no Markup per value).

    Compiled template code escapes printed values with the name ``escape``, and uses that name for
    nothing else (captured output, macros and filter blocks become Markup by other names), so it is
    rebound in the template's module namespace.
    """

    @classmethod
    def from_code(cls, environment: jinja2.Environment, code: Any, globals: Any,
                  uptodate: Callable[[], bool] | None = None) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = escape_text
        return template


class JoiningCodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's code generator with two shortcuts, both for the same output:

    - a block or parent layout is joined into one string where it is called instead of streamed through
      (``yield concat(...)`` for ``yield from ...``): a story page's ~1,500 pieces of output otherwise each
      pass through three generators (content block, base layout, page template) on their way to the join
      that makes the page. The code runs in the same order either way.
    - a printed str is escaped by the C escaper directly (``escape_str``), without a Python call to
      ``escape`` (escape_text) to find out that it is a str; anything else still goes to ``escape``.

    The second relies on Jinja wrapping each printed expression in ``_output_child_pre``/``_post``; were they
    renamed, printing would go through ``escape`` as before.
    """

    def visit_Template(self, node: Any, frame: Any = None) -> None:
        super().visit_Template(node, frame)
        self.writeline(f"from {escape_text.__module__} import escape_str")

    def writeline(self, x: str, node: Any = None, extra: int = 0) -> None:
        if x.startswith(_STREAM_THROUGH) and not self.environment.is_async:
            x = f"yield concat({x[len(_STREAM_THROUGH):]})"  # concat: the function's environment.concat
        super().writeline(x, node, extra)

    # escape_str: the C escaper, imported by the compiled module itself (see visit_Template)
    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        if _escapes_plainly(frame, finalize):
            self.write("(escape_str(_printed) if type(_printed := ")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: Any, frame: Any, finalize: Any) -> None:
        if _escapes_plainly(frame, finalize):
            self.write(") is str else escape(_printed))")
        else:
            super()._output_child_post(node, frame, finalize)


_STREAM_THROUGH = "yield from "


def _escapes_plainly(frame: Any, finalize: Any) -> bool:
    """Whether Jinja would print this expression as ``escape(expression)``: autoescape fixed on, no finalize."""
    return bool(frame.eval_ctx.autoescape) and not frame.eval_ctx.volatile and finalize.src is None


class SiteEnvironment(jinja2.Environment):
    """The build's Jinja environment: TextEscapingTemplate, JoiningCodeGenerator, and template globals in a
    plain dict.

    Jinja keeps a template's globals as a ChainMap over the environment's, which every render copies key
    by key in Python (~4 us a page). make_environment sets all globals before any template loads and
    nothing changes them after (as Jinja advises), so a copy per template sees the same names.
    """

    template_class = TextEscapingTemplate
    code_generator_class = JoiningCodeGenerator

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


# A relative path urljoin would only append: no dot segments, empty segments, query, fragment or scheme.
_PLAIN_RELATIVE_PATH = re.compile(r"(?:[\w~-]+(?:\.[\w~-]+)*\.?/)*(?:[\w~-]+(?:\.[\w~-]+)*)?")


def image_url(ref: str, site_url: Callable[[object], str]) -> str:
    """An ``image:`` value as a link: a URL as it is, a path of the site through ``site_url`` (abs_url or url)."""
    return ref if re.match(r"^https?://", ref, re.I) else site_url(ref)


def absolute_url_function(base_url: str) -> Callable[[object], str]:
    """``abs_url(path)``: ``urljoin(base_url, path)`` (leading slashes dropped), without urljoin's cost for the
    plain paths pages use (urljoin parses both URLs on every call)."""
    appendable = base_url.endswith("/") and not any(ch in base_url for ch in "?#;")

    def abs_url(path: object = "") -> str:
        relative = str(path).lstrip("/")
        if appendable and _PLAIN_RELATIVE_PATH.fullmatch(relative):
            return base_url + relative
        return urljoin(base_url, relative)

    return abs_url


def memoized_format_date() -> Callable[..., str]:
    """format_date remembering its answers (listings show each article's date on several pages); one per
    environment, so nothing outlives a build."""
    known: dict[tuple[Any, ...], str] = {}
    format_datetime = datetime_formatter()

    def date(value: datetime | str | None, with_time: bool = False) -> str:
        # Aware datetimes compare equal across zones (and folds): the zone and fold are part of the key.
        key = (value, getattr(value, "tzinfo", None), getattr(value, "fold", 0), with_time)
        try:
            return known[key]
        except KeyError:
            result = known[key] = format_datetime(value, with_time)
            return result
        except TypeError:  # unhashable: a template passed something odd, format it as ever
            return format_date(value, with_time)

    return date


def datetime_formatter() -> Callable[..., str]:
    """format_date, with a datetime of years 1000-9999 formatted without strftime (~1.4 us a call): month
    names are strftime's own ("%B", so the locale's), asked once."""
    months = tuple(datetime(2000, month, 1).strftime("%B") for month in range(1, 13))

    def formatted(value: datetime | str | None, with_time: bool = False) -> str:
        if type(value) is not datetime or not 1000 <= value.year <= 9999:
            return format_date(value, with_time)
        text = f"{value.day} {months[value.month - 1]} {value.year}"
        if with_time and (value.hour or value.minute):
            text += f", {value.hour:02d}:{value.minute:02d} {value.tzname() or ''}".rstrip()
        return text

    return formatted


def memoized_iso_date() -> Callable[[datetime | None], str]:
    """iso_date remembering its answers (a source's date is printed on its story page and its article page,
    twice on each with the JSON-LD); keyed as the date filter's memo, one per environment."""
    known: dict[tuple[Any, ...], str] = {}

    def isodate(value: datetime | None) -> str:
        key = (value, getattr(value, "tzinfo", None), getattr(value, "fold", 0))
        try:
            return known[key]
        except KeyError:
            result = known[key] = iso_date(value)
            return result
        except TypeError:  # unhashable: a template passed something odd
            return iso_date(value)

    return isodate


def memoized_term_slug() -> Callable[[str], str]:
    """term_slug remembering its answers: pages slugify the same few outlets, tags and categories thousands of
    times. One per environment, so nothing outlives a build."""
    known: dict[str, str] = {}

    def slug(value: str) -> str:
        try:
            return known[value]
        except (KeyError, TypeError):
            result = term_slug(value)
            if isinstance(value, str):
                known[value] = result
            return result

    return slug


_YEAR_MONTH = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")


def format_date(value: datetime | str | None, with_time: bool = False) -> str:
    if value is None:
        return "date unknown"
    if isinstance(value, str):
        if _YEAR_MONTH.fullmatch(value):  # (a timeline step known to its month: "2022-11" is November 2022)
            return f"{datetime(int(value[:4]), int(value[5:]), 1):%B %Y}"
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    text = f"{value.day} {value:%B %Y}"
    if with_time and (value.hour or value.minute):
        text += f", {value:%H:%M} {value:%Z}".rstrip()
    return text


def term_slug(value: str) -> str:
    """The URL segment of a category, tag or outlet page ("Rumors & Leaks" -> "rumors-leaks")."""
    return slugify(str(value)) or "x"


def percent(value: float | None) -> str:
    return "unrated" if value is None else f"{round(value * 100)}%"


def iso_date(value: datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def json_for_script(value: Any) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' survives, so '</script>' in a title cannot break out."""
    text = None
    if type(value) is structured.JsonLd:  # no floats in it: orjson writes json.dumps's bytes, ~4x faster
        try:
            text = orjson.dumps(value).decode("utf-8")
        except orjson.JSONEncodeError:  # e.g. an int past 64 bits
            pass
    if text is None:
        text = json.dumps(value, ensure_ascii=False, indent=None, separators=(",", ":"))
    for char, code in _SCRIPT_UNSAFE:
        if char in text:  # str.replace scans ~20x slower than `in` even when it finds nothing
            text = text.replace(char, code)
    return markupsafe.Markup(text)


_SCRIPT_UNSAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


class Memoized:
    """``function`` (a macro, say) called once per distinct argument: ``m(x)`` or, cheaper in a template, ``m[x]``.

    ``{% set badge_label = badge_label|memoized %}`` renders each distinct badge label once per page. Only
    for functions whose result depends on their argument alone; a list argument is remembered by the
    tuple of its items. The cache lives as long as the object, which a template makes afresh each render.
    """

    __slots__ = ("_function", "_results")

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self._function = function
        self._results: dict[Any, Any] = {}

    def __getitem__(self, argument: Any) -> Any:
        try:
            return self._results[argument]
        except KeyError:
            pass
        except TypeError:  # unhashable: a list is remembered by its items, anything else not at all
            if type(argument) is not list:
                return self._call(argument)
            key = tuple(argument)
            if key not in self._results:
                self._results[key] = self._call(argument)
            return self._results[key]
        result = self._results[argument] = self._call(argument)
        return result

    __call__ = __getitem__

    def _call(self, argument: Any) -> Any:
        try:
            return self._function(argument)
        except (LookupError, TypeError, AttributeError) as exc:
            # Jinja reads these from x[y] as "no such item" and would print nothing: fail loudly instead
            raise jinja2.TemplateRuntimeError(f"{type(exc).__name__}: {exc}") from exc


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render, turning Jinja failures into SitegenError with the template's file and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise SitegenError(f"template syntax error: {exc.message}", exc.filename or exc.name or name,
                           exc.lineno) from None
    except jinja2.TemplateNotFound as exc:  # name the template that asked for it ({% extends %}, {% include %})
        path, line = _template_frame(exc)
        raise SitegenError(f"template not found: {exc.name}", path or name, line) from None
    except jinja2.UndefinedError as exc:
        path, line = _template_frame(exc)
        raise SitegenError(f"template error: {exc.message}", path or name, line) from None
    except SitegenError:
        raise
    except Exception as exc:  # a template calling something that fails: still name the template line
        path, line = _template_frame(exc)
        if path is None:
            raise
        raise SitegenError(f"template error: {type(exc).__name__}: {exc}", path, line) from None


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml", ".txt", ".j2"))]
    if not frames:
        return None, None
    return frames[-1].filename, frames[-1].lineno
