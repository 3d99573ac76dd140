"""Property tests: any input to the front-matter loader, config parser, slugging, ingest cleaner and merge
yields a result or a SitegenError, never another exception; the merge is deterministic and order-independent.

Run with ``--hypothesis-show-statistics`` to see how many examples each property ran."""
from __future__ import annotations

import re
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.config import Config, parse as parse_config
from sitegen.content import ARTICLE_KEYS, STORY_KEYS, article_slug, parse_article, parse_story_file
from sitegen.errors import Diagnostics, SitegenError
from sitegen.frontmatter import read_text, split
from sitegen.model import Article, BadgeOverride, CuratorFaq, DeclaredDispute, DeclaredValue, Site, StoryFile

EXAMPLES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROOT = Path("/nonexistent-site")
CONFIG = Config(root=ROOT)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Characters that matter to YAML and to the fence/BOM/line-ending handling, plus ordinary text
YAML_BITS = st.sampled_from([
    "---", "...", "\n", "\r\n", "\r", ": ", "- ", "[", "]", "{", "}", ",", "!", "!!", "&a", "*a", "#", "|", ">",
    "'", '"', "%", "@", "`", "?", "~", "\t", "  ", "\\", "\x00", "\x07", "\ufeff", "é", "中", "🔥", "title",
    "published", "tags", "story", "url", "authority", "draft", "2026-02-30", "2026-07-03T07:40:00Z", "null",
    "true", "0.5", "1e309", ".nan", "!!python/object:os.system", "!!binary aGk=", "<<", "javascript:",
    "https://example.com/", "../../etc", "x",
])
YAMLISH = st.lists(YAML_BITS, max_size=40).map("".join)
DOCUMENTS = st.one_of(
    st.text(max_size=300),
    YAMLISH,
    st.builds(lambda head, body: "---\n" + head + "\n---\n" + body, YAMLISH, st.text(max_size=100)),
)

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.dates(), st.datetimes(timezones=st.one_of(st.none(), st.just(timezone.utc))),
    st.sampled_from(["2026-07-03", "2026-07-03T07:40:00Z", "https://example.com/a", "a-key", "../x", ""]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


def front_matter(keys: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Well-formed YAML front matter over the real keys (and some unknown ones) with values of any type."""
    names = st.one_of(st.sampled_from(keys), st.text(min_size=1, max_size=10))
    mapping = st.dictionaries(names, VALUES, max_size=8)
    return st.builds(lambda meta, body: "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body,
                     mapping, st.text(max_size=80))


def assert_clean_error(exc: SitegenError, path: Path) -> None:
    assert exc.path == str(path)
    assert exc.line is None or exc.line >= 1
    assert exc.message and "Traceback" not in exc.message


@EXAMPLES
@given(st.binary(max_size=400))
def test_read_text_any_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.md"
        path.write_bytes(data)
        try:
            text = read_text(path)
        except SitegenError as exc:
            assert_clean_error(exc, path)
            return
    assert "\r" not in text and not text.startswith("\ufeff")


@EXAMPLES
@given(DOCUMENTS)
def test_split_any_text(text: str) -> None:
    path = Path("content/articles/a.md")
    try:
        doc = split(text, path)
    except SitegenError as exc:
        assert_clean_error(exc, path)
        return
    assert isinstance(doc.meta, dict) and all(isinstance(k, str) for k in doc.meta)
    assert doc.body_line >= 3


def check_article(text: str) -> None:
    path = Path("content/articles/a.md")
    try:
        article = parse_article(path, text, CONFIG)
    except SitegenError as exc:
        assert_clean_error(exc, path)
        return
    assert article.title.strip()
    assert article.published is None or article.published.tzinfo is not None
    assert article.authority is None or 0 <= article.authority <= 1
    assert article.story is None or SLUG.match(article.story) or re.match(r"^[a-z0-9][a-z0-9-]*$", article.story)
    assert article.url is None or article.url.lower().startswith(("http://", "https://"))
    assert all(isinstance(tag, str) and tag for tag in article.tags)


@EXAMPLES
@given(DOCUMENTS)
def test_parse_article_any_text(text: str) -> None:
    check_article(text)


@EXAMPLES
@given(front_matter(ARTICLE_KEYS))
def test_parse_article_any_typed_front_matter(text: str) -> None:
    check_article(text)


@EXAMPLES
@given(front_matter(STORY_KEYS))
def test_parse_story_file_any_front_matter(text: str) -> None:
    path = Path("content/stories/a-story.md")
    try:
        story = parse_story_file(path, text)
    except SitegenError as exc:
        assert_clean_error(exc, path)
        return
    assert story.key == "a-story"


@EXAMPLES
@given(st.one_of(YAMLISH, st.text(max_size=200),
                 st.dictionaries(st.sampled_from(["title", "base_url", "timezone", "outlets", "badges",
                                                  "output_dir", "noise_rules", "raw_html", "hedge_words", "merge_lexicons",
                                                  "cluster_window_days", "other"]), VALUES,
                                 max_size=6).map(lambda d: yaml.safe_dump(d, allow_unicode=True))))
def test_config_any_text(text: str) -> None:
    path = Path("/site/config.yml")
    try:
        config = parse_config(text, path, Path("/site"))
    except SitegenError as exc:
        assert_clean_error(exc, path)
        return
    assert config.base_url.endswith("/") and config.base_path.startswith("/")
    assert not Path(config.output_dir).is_absolute() and ".." not in Path(config.output_dir).parts


@EXAMPLES
@given(st.text(min_size=1, max_size=120).filter(lambda s: "/" not in s and "\x00" not in s))
def test_article_slug_is_always_a_valid_slug(stem: str) -> None:
    slug = article_slug(Path(stem + ".md"))
    assert SLUG.match(slug), slug
    assert len(slug) <= 80
    assert slug == article_slug(Path(stem + ".md"))


# --------------------------------------------------------------------------- ingest

@EXAMPLES
@given(st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from([
        "<html>", "<body>", "<script>alert(1)</script>", "<p>", "</p>", "<h1>Title</h1>", "Share this article",
        "Advertisement", "By Jane Doe", "Published 3 March 2026", "\n", "\n\n", "Read more:", "---", "title: x",
        "© 2026", "Subscribe", "Ã©", "<a href='javascript:alert(1)'>x</a>", "&amp;", "&#0;", "\x00", "\r\n",
        "## Frequently Asked Questions", "### Why?", "::: opinion", ":::", "Officials said on Monday.",
    ]), max_size=40).map("".join),
), st.sampled_from(["a.txt", "a.html", "a.md", "noext"]))
def test_ingest_text_any_input(text: str, name: str) -> None:
    ingest = pytest.importorskip("sitegen.ingest", reason="sitegen.ingest not built yet")
    try:
        result = ingest.ingest_text(text, source_name=name, config=CONFIG)
    except SitegenError as exc:
        assert exc.message
        return
    assert result is not None


@EXAMPLES
@given(st.text(max_size=120), st.text(max_size=20))
def test_ingest_slug_is_always_valid(title: str, source: str) -> None:
    ingest = pytest.importorskip("sitegen.ingest", reason="sitegen.ingest not built yet")
    slug = ingest.make_slug(title, source)
    assert SLUG.match(slug), slug


# --------------------------------------------------------------------------- merge

WORDS = st.sampled_from([
    "Officials", "said", "the", "bridge", "will", "close", "on", "Monday", "3", "March", "2026", "reportedly",
    "according", "to", "Reuters", "council", "denied", "it", "million", "$4", "12%", "alleged", "sources",
    "not", "Alibaba", "Anthropic", "banned", "staff", "from", "using", "tools", "\u4e2d\u6587", "🔥", "<b>",
])
SENTENCES = st.lists(WORDS, min_size=1, max_size=14).map(lambda ws: " ".join(ws) + ".")
BODIES = st.lists(st.one_of(SENTENCES, st.sampled_from([
    "## A heading", "## Frequently Asked Questions", "### Is it true?", "::: opinion", ":::", "", "- item",
    "> quoted", "| a | b |", "[link](https://example.com)",
])), max_size=12).map("\n\n".join)
OUTLETS = st.one_of(st.none(), st.sampled_from(["Reuters", "Example Wire", "Daily Paper", "MEXC", "Yicai"]))
MOMENTS = st.one_of(st.none(), st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 1, 1),
                                            timezones=st.just(timezone.utc)))


@st.composite
def articles(draw: st.DrawFn) -> tuple[Article, ...]:
    count = draw(st.integers(min_value=0, max_value=6))
    keys = st.one_of(st.none(), st.sampled_from(["bridge", "ban", "a-b"]))
    made = []
    for i in range(count):
        made.append(Article(
            slug=f"a{i}", source_path=ROOT / "content" / "articles" / f"a{i}.md",
            title=draw(SENTENCES), body=draw(BODIES), outlet=draw(OUTLETS),
            url=draw(st.one_of(st.none(), st.just(f"https://example.com/{i}"))), published=draw(MOMENTS),
            author=draw(st.one_of(st.none(), st.text(max_size=10))), story=draw(keys),
            category=draw(st.one_of(st.none(), st.sampled_from(["Tech", "Local"]))),
            tags=tuple(draw(st.lists(st.sampled_from(["ai", "bridge", "x"]), max_size=3, unique=True))),
            syndicated_from=draw(OUTLETS), cites=tuple(draw(st.lists(st.sampled_from(["Reuters", "Yicai"]),
                                                                    max_size=2, unique=True))),
            authority=draw(st.one_of(st.none(), st.floats(0, 1))), reposted_by=draw(OUTLETS),
        ))
    return tuple(made)


@st.composite
def story_files(draw: st.DrawFn) -> dict[str, StoryFile]:
    files = {}
    for key in draw(st.lists(st.sampled_from(["bridge", "ban", "lonely"]), max_size=2, unique=True)):
        files[key] = StoryFile(
            key=key, source_path=ROOT / "content" / "stories" / f"{key}.md",
            title=draw(st.one_of(st.none(), SENTENCES)), summary=draw(st.one_of(st.none(), SENTENCES)),
            articles=tuple(draw(st.lists(st.sampled_from(["a0", "a1", "a9"]), max_size=2, unique=True))),
            badges=tuple(BadgeOverride(claim=draw(st.sampled_from(["c1", "bridge", "zzz"])),
                                       badge=draw(st.sampled_from(["confirmed", "disputed", "alleged"])))
                         for _ in range(draw(st.integers(0, 2)))),
            faq=tuple(CuratorFaq(question=draw(SENTENCES), answer=draw(SENTENCES), sources=("a0", "Reuters"))
                      for _ in range(draw(st.integers(0, 2)))),
            disputes=tuple(DeclaredDispute(about=draw(SENTENCES), values=(
                DeclaredValue("3 March", ("a0",)), DeclaredValue("4 March", ("Reuters", "a5")))) for _ in
                range(draw(st.integers(0, 1)))),
        )
    return files


def merged_json(site: Site) -> list[dict[str, object]] | str:
    from sitegen import merge

    try:
        return [story.to_json() for story in merge.stories(site, CONFIG, Diagnostics())]
    except SitegenError as exc:
        return f"SitegenError: {exc}"


@EXAMPLES
@given(articles(), story_files(), st.randoms(use_true_random=False))
def test_merge_any_articles_is_deterministic_and_order_independent(arts: tuple[Article, ...],
                                                                    files: dict[str, StoryFile],
                                                                    rng: object) -> None:
    site = Site(root=ROOT, articles=arts, story_files=files)
    first = merged_json(site)
    assert merged_json(site) == first, "same input, same output"
    shuffled = list(arts)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert merged_json(Site(root=ROOT, articles=tuple(shuffled), story_files=files)) == first
    if isinstance(first, list):
        slugs = [story["slug"] for story in first]
        assert len(slugs) == len(set(slugs)) and all(SLUG.match(str(s)) for s in slugs)


def test_merge_of_one_article_repeated_timestamps_is_stable() -> None:
    """Ties in every sort key (same date, same outlet) must still give one fixed order."""
    moment = datetime(2026, 3, 1, tzinfo=timezone.utc)
    arts = tuple(Article(slug=f"t{i}", source_path=ROOT / f"t{i}.md", title="Same title", body="Officials said so.",
                         outlet="Reuters", published=moment + timedelta(0), story="bridge") for i in range(4))
    assert merged_json(Site(ROOT, arts)) == merged_json(Site(ROOT, tuple(reversed(arts))))


def test_a_date_statement_of_only_the_storys_own_words_keeps_its_claim() -> None:
    """Found by the property above: a dated statement whose words all are the story's own shared a
    happening with no statement, not even itself, and its claim was left with no sentence (IndexError)."""
    arts = tuple(Article(slug=f"a{i}", source_path=ROOT / f"a{i}.md", title="Officials.", body="said said said 3 March.",
                         story="a-b") for i in range(2))
    merged = merged_json(Site(ROOT, arts))
    assert isinstance(merged, list) and len(merged) == 1
