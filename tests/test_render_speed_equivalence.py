"""The render shortcuts write the bytes the plain ways wrote: orjson story.json vs json.dumps(indent=2), the
citation and key-point filters vs the Jinja macros they replaced, ASCII tokenising vs the regex, abs_url vs
urljoin, and the memos (dates, slugs, macros) vs calling afresh. Whole-page identity is pinned by
test_golden_demo.py; these tests reach the corners the demo does not (odd floats, unknown ids, hostile text)."""
from __future__ import annotations

import dataclasses
import json
import math
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import jinja2
import jinja2.compiler
import markupsafe
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.build import build
from sitegen.cli import main
from sitegen.config import Config
from sitegen.model import Source, Story
from sitegen.render import environment, search, structured
from sitegen.render.pages import story_json
from theme_fixture import HOSTILE, story

# --------------------------------------------------------------------------- story.json


def _reference_json(story_: Story) -> bytes:
    return (json.dumps(story_.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _with_authorities(story_: Story, *values: Any) -> Story:
    sources = tuple(dataclasses.replace(s, authority=v) for s, v in zip(story_.sources, values))
    return dataclasses.replace(story_, sources=sources + story_.sources[len(sources):])


@pytest.mark.parametrize("authorities", [
    (0.7, 0.6, None), (1e-05, 0.5, 1.0), (float("nan"), 0.1, 0.2), (float("inf"), -0.0, 1e16),
    (2 ** 70, 3, True), (0.1 + 0.2, 1 / 3, 123456.789),
])
def test_story_json_is_json_dumps_with_indent(authorities: tuple[Any, ...]) -> None:
    odd = _with_authorities(story(), *authorities)
    assert story_json(odd) == _reference_json(odd)


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(title=text, summary=text, outlet=st.one_of(st.none(), text), authority=st.one_of(
    st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-2 ** 80, 2 ** 80)))
def test_story_json_matches_json_dumps_on_any_text_and_number(title: str, summary: str, outlet: str | None,
                                                              authority: Any) -> None:
    base = story()
    first = dataclasses.replace(base.sources[0], outlet=outlet, title=title, authority=authority)
    odd = dataclasses.replace(base, title=title, summary=summary, sources=(first,) + base.sources[1:])
    assert story_json(odd) == _reference_json(odd)


def test_story_json_floats_are_only_source_authorities() -> None:
    """story_json checks only Source.authority before trusting orjson's float text: a float anywhere else
    in to_json() must fail here first."""
    def float_paths(value: Any, path: str) -> list[str]:
        if isinstance(value, float):
            return [path]
        if isinstance(value, dict):
            return [p for k, v in value.items() for p in float_paths(v, f"{path}.{k}")]
        if isinstance(value, list):
            return [p for v in value for p in float_paths(v, f"{path}[]")]
        return []
    every_number_a_float = _with_authorities(story(), 0.5, 0.5, 0.5)
    assert set(float_paths(every_number_a_float.to_json(), "$")) == {"$.sources[].authority"}
    float_fields = {f"{cls.__name__}.{f.name}" for cls in _model_classes() for f in dataclasses.fields(cls)
                    if "float" in str(f.type)}
    assert float_fields == {"Source.authority"}


def _model_classes() -> list[type]:
    from sitegen import model
    return [cls for cls in vars(model).values() if dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
            and cls not in (model.Article,)]  # Article.ratings never reaches story.json


# --------------------------------------------------------------------------- citation filters vs the old macros

OLD_MACROS = """\
{% set source_number = {} %}{% set source_by_id = {} %}
{% for s in story.sources %}{% set _ = source_number.update({s.id: loop.index}) %}{% set _ = source_by_id.update({s.id: s}) %}{% endfor %}
{% set claim_number = {} %}
{% for c in story.claims %}{% set _ = claim_number.update({c.id: loop.index}) %}{% endfor %}
{% macro cite(ids) %}{% if ids %}<span class="cites">{% for sid in ids %}{% set src = source_by_id.get(sid) %}<a class="cite" href="#source-{{ sid }}"{% if src %} title="{{ src.outlet or 'Unknown outlet' }}: {{ src.title }}"{% endif %} aria-label="source {{ source_number.get(sid, sid) }}{% if src and src.outlet %}, {{ src.outlet }}{% endif %}">[{{ source_number.get(sid, sid) }}]</a>{% endfor %}</span>{% endif %}{% endmacro %}
{% for ids in groups %}{{ cite(ids) }}|{% endfor %}
{% for s in story.sources %}{% for cid in s.claims %}<a href="#claim-{{ cid }}">{{ claim_number.get(cid, cid) }}</a>{% if not loop.last %}, {% endif %}{% endfor %}|{% endfor %}
"""
NEW_FILTERS = """\
{% set claim_number = story.claims|number_by('id') %}
{% set cite = story.sources|citations %}
{% for ids in groups %}{{ cite[ids] }}|{% endfor %}
{% for s in story.sources %}{{ s.claims|anchor_links('claim-', claim_number) }}|{% endfor %}
"""


def _env() -> jinja2.Environment:
    return environment.make_environment(Config(root=Path("/nonexistent")), strict=True)


def _odd_story() -> Story:
    base = story()
    unnamed = Source("s4", "x", None, "It's <quoted> & \"odd\"", None, None, "follows", claims=("c9", "c1", "<c>"))
    return dataclasses.replace(base, sources=base.sources + (unnamed,))


def test_citations_and_key_point_links_match_the_old_macros() -> None:
    groups = [("s1",), ("s1", "s2", "s3"), ("s3",), (), ("s4", "nope"), ("<s9>",), ("s2", "s1"), ("s1",)]
    env, odd = _env(), _odd_story()
    old = env.from_string(OLD_MACROS).render(story=odd, groups=groups)
    new = env.from_string(NEW_FILTERS).render(story=odd, groups=groups)
    assert new == old
    assert HOSTILE not in new and "&lt;/script&gt;" in new  # the hostile title is escaped in the title attribute


def _reference_anchor_links(ids: Any, prefix: Any, numbers: Any, separator: Any = ", ") -> str:
    """anchor_links as markupsafe.escape writes it, one Markup per value."""
    def text(value: Any) -> str:
        return str(value) if str(value).isalnum() else str(markupsafe.escape(str(value)))
    return str(markupsafe.escape(separator)).join(
        f'<a href="#{markupsafe.escape(prefix)}{text(i)}">{text(numbers.get(i, i))}</a>' for i in ids)


ODD_ID = st.one_of(text, st.integers(), st.booleans(), st.none(), text.map(markupsafe.Markup))


@settings(max_examples=300, deadline=None)
@given(ids=st.lists(ODD_ID, max_size=6), numbered=st.dictionaries(text, ODD_ID, max_size=4),
       prefix=st.one_of(text, text.map(markupsafe.Markup)), separator=st.one_of(text, text.map(markupsafe.Markup)))
def test_anchor_links_escape_as_markupsafe_does(ids: list[Any], numbered: dict[str, Any], prefix: Any,
                                                separator: Any) -> None:
    from sitegen.render.story_filters import anchor_links
    numbers = {**numbered, **{i: n for n, i in enumerate(ids) if isinstance(i, str) and len(i) % 2}}
    html = anchor_links(ids, prefix, numbers, separator)
    assert type(html) is markupsafe.Markup
    assert str(html) == _reference_anchor_links(ids, prefix, numbers, separator)


def test_cite_takes_a_list_a_tuple_or_one_id_called_or_indexed() -> None:
    html = _env().from_string(
        "{% set cite = story.sources|citations %}{{ cite(['s1', 's2']) }}|{{ cite[('s1', 's2')] }}|"
        "{{ cite['s2'] }}|{{ cite(['s2']) }}|{{ cite([]) }}|{{ cite[none] }}").render(story=story())
    both, same_both, one, same_one, empty, nothing = html.split("|")
    assert both == same_both and both.count('class="cite"') == 2
    assert one == same_one and one.count('class="cite"') == 1 and "[2]" in one
    assert empty == nothing == ""


def test_site_template_extending_the_story_page_can_still_call_cite(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["new", str(site)]) == 0
    (site / "templates" / "story.html").write_text(
        '{% extends "theme/story.html" %}'
        '{% block after_summary %}<p class="mine">{{ cite([story.sources[0].id]) }} {{ badge_label("disputed") }}'
        '</p>{% endblock %}')
    build(site)
    page = next((site / "output" / "stories").glob("*/index.html")).read_text()
    mine = re.search(r'<p class="mine">(.*?)</p>', page, re.S)
    assert mine is not None
    assert '<a class="cite" href="#source-s1"' in mine.group(1) and "[1]</a>" in mine.group(1)
    assert mine.group(1).endswith(" Disputed")


# --------------------------------------------------------------------------- escaping printed values


class _HasHtml:
    def __html__(self) -> str:
        return "<b>kept</b>"


class _Text(str):
    pass


@settings(max_examples=300, deadline=None)
@given(st.one_of(text, st.integers(), st.floats(allow_nan=True), st.none(), st.booleans(),
                 text.map(markupsafe.Markup), text.map(_Text)))
def test_escape_text_is_markupsafe_escape(value: Any) -> None:
    assert environment.escape_text(value) == str(markupsafe.escape(value))


def test_escape_text_of_odd_values() -> None:
    for value in ("<a href='x'>&\"</a>", markupsafe.Markup("<i>&amp;</i>"), _HasHtml(), _Text("<x>"), 3.5,
                  jinja2.Undefined(), ["<li>"], {"k": "<v>"}):
        assert environment.escape_text(value) == str(markupsafe.escape(value))
    with pytest.raises(jinja2.UndefinedError):
        environment.escape_text(jinja2.StrictUndefined(name="nothing"))


PRINTING_EVERY_WAY = """\
{{ plain }}|{{ safe }}|{{ plain|e }}|{{ plain|safe }}|{{ number }}|{{ none }}|{{ html_object }}|{{ plain ~ safe }}
{% set captured %}<p>{{ plain }}</p>{% endset %}{{ captured }}|{{ captured|upper }}|{{ captured|length }}
{% macro box(x) %}<div>{{ x }}</div>{% endmacro %}{{ box(plain) }}|{{ box(box(safe)) }}|{{ box(plain)|striptags }}
{% filter upper %}{{ plain }}<br>{% endfilter %}|{% autoescape false %}{{ plain }}{% endautoescape %}
{% autoescape on %}{{ plain }}{% endautoescape %}|{% autoescape off %}{{ plain }}{% endautoescape %}
{% for item in items %}{{ item }}{{ loop.index }}{% endfor %}|{{ items|join(safe) }}|{{ items|join(', ') }}
{% include "inner" %}|{% from "inner" import echo with context %}{{ echo(plain) }}
"""


def test_templates_print_what_plain_jinja_prints() -> None:
    """make_environment's templates escape printed values to str (TextEscapingTemplate), Jinja's own to
    Markup: the page text must be the same whichever way a value reaches the output."""
    sources = {"page": PRINTING_EVERY_WAY,
               "inner": "{% macro echo(x) %}[{{ x }}]{% endmacro %}<i>{{ plain }}</i>{{ echo(safe) }}"}
    fast, plain, generator_only = _env(), _env(), _env()
    plain.template_class, plain.code_generator_class = jinja2.Template, jinja2.compiler.CodeGenerator
    generator_only.template_class = jinja2.Template  # code compiled by our generator works in any Template
    values = {"plain": "<a & 'b' \"c\">", "safe": markupsafe.Markup("<em>&amp;</em>"), "number": 7, "none": None,
              "html_object": _HasHtml(), "items": ["<x>", markupsafe.Markup("<y>")], "on": True, "off": False}
    for env in (fast, plain, generator_only):
        env.loader = jinja2.DictLoader(sources)
    fast_text = fast.get_template("page").render(values)
    assert type(fast.get_template("page")) is environment.TextEscapingTemplate
    assert type(plain.get_template("page")) is jinja2.Template
    assert "escape_str(" in fast.compile(PRINTING_EVERY_WAY, raw=True)
    assert fast_text == plain.get_template("page").render(values) == generator_only.get_template("page").render(values)
    assert "&lt;a &amp; &#39;b&#39; &#34;c&#34;&gt;" in fast_text and "<em>&amp;</em>" in fast_text


LAYOUTS = {
    "base": "<title>{% block title %}{{ t }}{% endblock %}</title>{% block body %}[base {{ t }}]{% endblock %}"
            "{% for i in items %}{% block row scoped %}<r>{{ i }}</r>{% endblock %}{% endfor %}"
            "{% include 'inner' %}{% block tail %}{% endblock %}",
    "middle": "{% extends 'base' %}{% block body %}<m>{{ super() }}</m>{% endblock %}",
    "page": "{% extends 'middle' %}{% set t = t ~ '!' %}{% block title %}{{ self.tail() }}|{{ super() }}{% endblock %}"
            "{% block body %}{% filter upper %}{{ super() }}{% endfilter %}{% set x %}{% block tail %}"
            "<tail>{{ t }}</tail>{% endblock %}{% endset %}{{ x }}{% endblock %}"
            "{% block row %}{{ super() }}/{{ loop_missing | default('d') }}{% endblock %}",
    "dynamic": "{% extends layout %}{% block body %}dyn{% endblock %}",
    "inner": "{% block own %}<i>{{ t }}</i>{% endblock %}",
}


def test_layouts_and_blocks_render_as_plain_jinja_renders_them() -> None:
    """JoiningCodeGenerator joins a block or parent layout where it is called instead of streaming it
    through: the page must be the same with super(), self.block(), scoped blocks, blocks captured in
    set and filter blocks, a layout chosen at run time and includes."""
    fast, plain = _env(), _env()
    plain.template_class, plain.code_generator_class = jinja2.Template, jinja2.compiler.CodeGenerator
    values = {"t": "<T&>", "items": ["a", "<b>"], "layout": "middle"}
    for env in (fast, plain):
        env.loader = jinja2.DictLoader(LAYOUTS)
    assert "yield from" not in fast.compile(LAYOUTS["page"], raw=True)
    assert "yield from" in plain.compile(LAYOUTS["page"], raw=True)
    for name in ("base", "middle", "page", "dynamic"):
        assert fast.get_template(name).render(values) == plain.get_template(name).render(values), name
    assert fast.get_template("page").render(values).startswith("<title><tail>&lt;T&amp;&gt;!</tail>|")


def test_template_globals_are_a_plain_copy_per_template() -> None:
    env = _env()
    env.loader = jinja2.DictLoader({"a": "{{ url('x') }}|{{ extra }}|{{ csp[:11] }}", "b": "{{ extra is defined }}"})
    page = env.get_template("a", globals={"extra": "<own>"})
    assert type(page.globals) is dict and page.globals["url"] is env.globals["url"]
    assert page.render() == "/x|&lt;own&gt;|default-src"
    assert env.get_template("b").render() == "False" and "extra" not in env.globals


def test_theme_compiles_to_the_same_code_without_jinjas_optimizer() -> None:
    """make_environment turns Jinja's optimizer off as useless for the theme: were a template to gain
    constants only the optimizer folds, this says so (its pages would still be the same, only slower)."""
    env = _env()
    with_optimizer = _env()
    with_optimizer.optimized = True
    assert env.optimized is False
    names = env.list_templates(filter_func=lambda name: not name.startswith("theme/"))
    assert "story.html" in names and "partials/pager.html" in names
    for name in names:
        source = env.loader.get_source(env, name)[0]
        assert env.compile(source, name, raw=True) == with_optimizer.compile(source, name, raw=True), name


# --------------------------------------------------------------------------- memos


def test_memoized_calls_once_per_distinct_argument_and_fails_loudly() -> None:
    calls: list[Any] = []

    def label(value: Any) -> str:
        calls.append(value)
        return f"<{value}>"
    memo = environment.Memoized(label)
    assert memo["a"] == memo("a") == "<a>" and memo[["x", "y"]] == memo(["x", "y"]) == "<['x', 'y']>"
    assert calls == ["a", ["x", "y"]]
    html = _env().from_string("{% macro boom(x) %}{{ x.missing.deeper }}{% endmacro %}"
                              "{% set boom = boom|memoized %}{{ boom[1] }}")
    with pytest.raises(jinja2.UndefinedError):  # strict: an error inside is raised, never read as "no item"
        html.render()

    def broken(value: Any) -> str:
        raise TypeError("inside")
    with pytest.raises(jinja2.TemplateRuntimeError, match="inside"):
        _env().from_string("{{ f[1] }}").render(f=environment.Memoized(broken))


def test_date_filter_memos_keep_zones_apart() -> None:
    date = _env().filters["date"]
    utc = datetime(2026, 3, 29, 23, 30, tzinfo=timezone.utc)
    paris = utc.astimezone(ZoneInfo("Europe/Paris"))
    tokyo = utc.astimezone(timezone(timedelta(hours=9)))
    assert utc == paris == tokyo  # the same instant: a memo keyed on the value alone would mix them up
    for value in (utc, paris, tokyo, utc, "2026-03-29", "not a date", None):
        for with_time in (False, True):
            assert date(value, with_time) == environment.format_date(value, with_time)
    assert date(utc) != date(tokyo)
    isodate = _env().filters["isodate"]
    for value in (utc, paris, tokyo, utc, utc.replace(tzinfo=None), utc.date(), None):
        assert isodate(value) == environment.iso_date(value)
    assert isodate(utc) != isodate(paris) != isodate(tokyo)


@settings(max_examples=500, deadline=None)
@given(value=st.one_of(st.datetimes(timezones=st.one_of(st.none(), st.timezones())),
                       st.datetimes(timezones=st.just(timezone(timedelta(hours=5, minutes=45), "X%Zy")))),
       with_time=st.booleans())
def test_date_formatter_is_format_date(value: datetime, with_time: bool) -> None:
    """The date filter formats datetimes without strftime; format_date is the reference."""
    assert environment.datetime_formatter()(value, with_time) == environment.format_date(value, with_time)


def test_slug_filter_memo_matches_term_slug() -> None:
    slug = _env().filters["slug"]
    for name in ("Rumors & Leaks", "Rumors & Leaks", "Ünïcödé News", "", "!!!", 42):
        assert slug(name) == environment.term_slug(name)


# --------------------------------------------------------------------------- abs_url


URL_CHARACTERS = st.text(st.sampled_from(list("ab-_~.é/?#:;% 1")), max_size=12)


@settings(max_examples=400, deadline=None)
@given(base=st.sampled_from(["https://example.org/", "https://user.github.io/repo/", "http://127.0.0.1:8000/",
                             "https://example.org/a;b/", "https://example.org/x?y/", "https://example.org"]),
       path=URL_CHARACTERS)
def test_abs_url_is_urljoin(base: str, path: str) -> None:
    assert environment.absolute_url_function(base)(path) == urljoin(base, path.lstrip("/"))


def test_constant_url_filters_fold_into_the_template() -> None:
    env = _env()
    source = env.compile("{{ 'feed.xml'|url }}{{ ''|abs_url }}", raw=True)
    # worked out once, when the template compiled: the output is a literal, no filter is called per render
    assert "yield '/feed.xmlhttp://127.0.0.1:8000/'" in source and "t_1('" not in source and "t_2('" not in source


# --------------------------------------------------------------------------- search


def _reference_terms(text_: str) -> set[str]:
    found = set(re.findall(r"\w+", text_.lower())) - search.STOP_WORDS
    return {t for t in found if len(t) > 1}


@settings(max_examples=300, deadline=None)
@given(st.text(st.one_of(st.characters(max_codepoint=127), st.sampled_from(list("éİß_–’ǅ٣"))), max_size=80))
def test_search_terms_match_the_regex(text_: str) -> None:
    assert search.terms(text_) == _reference_terms(text_)


def test_search_index_json_is_json_dumps_compact() -> None:
    docs = [search.SearchDoc("stories/x/", 'Title "quoted" é </script>', "story", "detail\u2028", "bridge harbour"),
            search.SearchDoc("articles/y/", "Other", "article", "", "harbour ferry\x00tab\tvalue")]
    for page in search.index_pages(docs):
        value = json.loads(page.content)
        assert page.content == json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def test_math_isfinite_guard_is_needed() -> None:
    """Why story_json checks floats at all: orjson writes these differently from json.dumps."""
    import orjson
    assert orjson.dumps(1e-05) != json.dumps(1e-05).encode() and orjson.dumps(math.nan) != b"NaN"


# --------------------------------------------------------------------------- JSON-LD


JSON_VALUE = st.one_of(st.none(), st.sampled_from(["", [], {}, 0, False, (), 0.0]), text, st.lists(text, max_size=2),
                       st.dictionaries(text, text, max_size=2), st.integers(),
                       st.dictionaries(text, text, max_size=1).map(structured.JsonLd))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(text, JSON_VALUE, max_size=8))
def test_drop_empty_drops_what_equals_none_empty_str_list_or_dict(data: dict[str, Any]) -> None:
    kept = structured._drop_empty(data)
    assert type(kept) is structured.JsonLd
    assert list(kept.items()) == [(k, v) for k, v in data.items() if v not in (None, "", [], {})]


def test_structured_data_has_no_floats_and_jsonld_matches_json_dumps() -> None:
    """The jsonld filter writes structured.JsonLd with orjson, trusting that it holds no floats."""
    from theme_fixture import articles

    def leaves(value: Any) -> list[Any]:
        if isinstance(value, dict):
            return [leaf for v in value.values() for leaf in leaves(v)]
        if isinstance(value, list):
            return [leaf for v in value for leaf in leaves(v)]
        return [value]
    config = Config(root=Path("/nonexistent"), title="Fixture <News> & co")
    abs_url = environment.absolute_url_function(config.base_url)
    items = structured.story_structured_data(story(), config, abs_url, abs_url("stories/x/"))
    items += structured.article_structured_data(articles()[2], config, abs_url("articles/x/"))
    items += structured.website_structured_data(config, abs_url)
    jsonld = _env().filters["jsonld"]
    for item in items:
        assert type(item) is structured.JsonLd
        assert not any(isinstance(leaf, float) for leaf in leaves(item))
        plain = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
        assert str(jsonld(item)) == plain.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    assert str(jsonld({"x": 1e-05})) == '{"x":1e-05}'  # a plain dict from a template keeps json.dumps
