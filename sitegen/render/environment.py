"""The Jinja environment: the site's templates/ first, then the default theme (Pelican-style override)."""
from __future__ import annotations

import json
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urljoin

import jinja2
from slugify import slugify

from ..config import Config
from ..errors import SitegenError

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"

# The theme emits no inline script at all (search is an external file; JSON-LD is a data block the browser
# never executes), so script-src can stay 'self' without hashes. frame-ancestors is not allowed in a meta tag.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def make_environment(config: Config, strict: bool = False) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if config.templates_dir.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(config.templates_dir)))
    # "theme/..." always names the default theme, so a site template can extend the template it overrides.
    loaders.append(jinja2.PrefixLoader({"theme": jinja2.FileSystemLoader(str(THEME_DIR / "templates"))}))
    loaders.append(jinja2.FileSystemLoader(str(THEME_DIR / "templates")))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined if strict else jinja2.Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # A build makes a fresh environment, so no template changes under it: skip the stat per render.
        auto_reload=False,
    )
    base_path = config.base_path
    env.globals.update(
        url=lambda path="": base_path + str(path).lstrip("/"),
        abs_url=lambda path="": urljoin(config.base_url, str(path).lstrip("/")),
        config=config,
        csp=CONTENT_SECURITY_POLICY,
    )
    env.filters.update(date=format_date, isodate=iso_date, jsonld=json_for_script, slug=term_slug,
                       percent=percent, memoized=memoized)
    return env


def format_date(value: datetime | str | None, with_time: bool = False) -> str:
    if value is None:
        return "date unknown"
    if isinstance(value, str):
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
    text = json.dumps(value, ensure_ascii=False, indent=None, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return jinja2.utils.markupsafe.Markup(text)


def memoized(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (a macro, say) called once per distinct arguments; lists count as the tuple of their items.

    A story page cites the same few sources over a hundred times: ``{% set cite = cite|memoized %}`` renders
    each distinct citation once. Only for functions whose result depends on their arguments alone (within
    one render: the cache lives as long as the wrapper, which a template makes afresh each render).
    """
    results: dict[Any, Any] = {}

    def call(*args: Any, **kwargs: Any) -> Any:
        if kwargs:
            return function(*args, **kwargs)
        if len(args) == 1:  # the common case, without a generator per call
            key: Any = tuple(args[0]) if type(args[0]) is list else args[0]
        else:
            key = tuple(tuple(a) if type(a) is list else a for a in args)
        try:
            return results[key]
        except KeyError:
            result = results[key] = function(*args)
            return result
        except TypeError:  # an unhashable argument: nothing to remember it by
            return function(*args)

    return call


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
