"""Stable story URLs (issue 19): content/published.yml keeps each story's address and feed id while its
articles come and go or re-cluster; a rename or a merge leaves a redirect at the old address."""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path
from typing import Any, Iterator

import pytest

from sitegen import published
from sitegen.build import build
from sitegen.cli import main
from sitegen.errors import SitegenError
from sitegen.model import Article, Published, PublishedStory

# Five reports of one event, none with a `story:` key. Each added report is dated earlier than the ones
# before it, so the automatic cluster's key (taken from its earliest article's title) changes every time.
REPORTS = [(f"report-{n}", day, title) for n, (day, title) in enumerate([
    (20, "Quay crane collapse halts Port Elm container traffic"),
    (18, "Port Elm crane falls onto container stacks, no injuries"),
    (16, "Container terminal at Port Elm shut after crane collapse"),
    (14, "Port Elm operator inspects cranes after Tuesday collapse"),
    (12, "Crane collapse at Port Elm, what the operator said"),
], 1)]


def report(slug: str, day: int, title: str) -> str:
    return (f"---\ntitle: {title}\noutlet: Outlet {slug[-1]}\nurl: https://outlet{slug[-1]}.example/{slug}\n"
            f"published: 2026-04-{day:02d}T08:00:00Z\n---\n"
            f"A quay crane collapsed onto container stacks at the Port Elm terminal on April 10, the operator "
            f"Harbor Lines said. Traffic through the terminal stopped and 240 containers wait for inspection. "
            f"Nobody was hurt, according to Harbor Lines.\n")


def make_site(root: Path) -> Path:
    site = root / "site"
    (site / "content" / "articles").mkdir(parents=True)
    (site / "config.yml").write_text("title: Stable\nbase_url: https://news.example/proj/\n", "utf-8")
    return site


def add(site: Path, count: int) -> None:
    for slug, day, title in REPORTS[:count]:
        path = site / "content" / "articles" / f"{slug}.md"
        if not path.exists():
            path.write_text(report(slug, day, title), "utf-8")


def live_stories(site: Path) -> list[str]:
    return sorted(p.parent.name for p in (site / "output" / "stories").glob("*/story.json"))


def feed_ids(site: Path) -> list[str]:
    return re.findall(r"<entry>.*?<id>(.*?)</id>", (site / "output" / "feed.xml").read_text("utf-8"), re.S)


@pytest.fixture
def grown(tmp_path: Path) -> Path:
    """A story built from 1, then 3, then 5 articles, one build at a time; its address checked each time."""
    site = make_site(tmp_path)
    seen = []
    for count in (1, 3, 5):
        add(site, count)
        build(site, jobs=1)
        seen.append((live_stories(site), feed_ids(site)))
    assert seen[0][0] == ["report-1"]
    assert all(stories == ["report-1"] for stories, _ in seen), seen
    assert all(ids == ["https://news.example/proj/stories/report-1/"] for _, ids in seen), seen
    return site


def test_a_growing_story_keeps_its_url_and_feed_id(grown: Path, tmp_path: Path) -> None:
    record = published.load(grown / "content")
    assert record.stories == {"report-1": PublishedStory("report-1", tuple(s for s, _, _ in REPORTS))}
    # without the record the same five articles would be published under the earliest one's title
    clone = tmp_path / "no-record"
    shutil.copytree(grown, clone, ignore=shutil.ignore_patterns("output", ".sitegen-cache", "published.yml"))
    build(clone, jobs=1)
    assert live_stories(clone) == ["crane-collapse-at-port-elm-what-the-operator-said"]


def test_the_record_survives_a_fresh_clone(grown: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(grown, clone, ignore=shutil.ignore_patterns("output", ".sitegen-cache"))
    build(clone, jobs=1)
    assert live_stories(clone) == ["report-1"] and feed_ids(clone) == feed_ids(grown)
    assert (clone / "content" / "published.yml").read_bytes() == (grown / "content" / "published.yml").read_bytes()


def test_a_rename_in_the_story_file_leaves_a_redirect_and_keeps_the_feed_id(grown: Path) -> None:
    stories = grown / "content" / "stories"
    stories.mkdir()
    pins = ", ".join(slug for slug, _, _ in REPORTS)
    (stories / "port-elm-crane-collapse.md").write_text(f"---\ntitle: Crane collapse at Port Elm\n"
                                                        f"articles: [{pins}]\n---\n", "utf-8")
    assert main(["build", "--site", str(grown), "--strict", "-q"]) == 0  # links from the redirect are checked
    assert live_stories(grown) == ["port-elm-crane-collapse"]
    assert feed_ids(grown) == ["https://news.example/proj/stories/report-1/"]
    page = (grown / "output" / "stories" / "report-1" / "index.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/proj/stories/port-elm-crane-collapse/">' in page
    assert '<link rel="canonical" href="https://news.example/proj/stories/port-elm-crane-collapse/">' in page
    assert '<a href="/proj/stories/port-elm-crane-collapse/">Crane collapse at Port Elm</a>' in page
    assert "report-1" not in (grown / "output" / "sitemap.xml").read_text("utf-8")
    # and a second rename, by the story file's slug:, points the first old address at the newest one
    (stories / "port-elm-crane-collapse.md").write_text(f"---\ntitle: Crane collapse at Port Elm\n"
                                                        f"slug: port-elm-crane\narticles: [{pins}]\n---\n", "utf-8")
    build(grown, jobs=1)
    assert live_stories(grown) == ["port-elm-crane"] and feed_ids(grown) == ["https://news.example/proj/stories/report-1/"]
    record = published.load(grown / "content")
    assert record.redirects == {"report-1": "port-elm-crane", "port-elm-crane-collapse": "port-elm-crane"}
    for old in record.redirects:
        assert "url=/proj/stories/port-elm-crane/" in (grown / "output" / "stories" / old / "index.html").read_text()


def article(slug: str, story: str | None = None) -> Article:
    return Article(slug=slug, source_path=Path(f"{slug}.md"), title=slug, body="", story=story)


def test_a_merge_keeps_the_story_with_most_shared_articles_and_redirects_the_other() -> None:
    record = Published({"harbour": PublishedStory("harbour-first", ("a", "b")), "ferry": PublishedStory("ferry", ("c",))})
    groups = {"some-new-key": [article("a"), article("b"), article("c")]}
    after = published.assign(groups, {}, record)
    assert after.slugs == {"some-new-key": "harbour"}
    assert after.record.stories == {"harbour": PublishedStory("harbour-first", ("a", "b", "c"))}
    assert after.record.redirects == {"ferry": "harbour"}
    # building again from the new record changes nothing
    again = published.assign(groups, {}, after.record)
    assert again.slugs == after.slugs and again.record == after.record


def test_a_split_keeps_the_address_with_the_larger_part() -> None:
    record = Published({"harbour": PublishedStory("harbour", ("a", "b", "c"))})
    groups = {"x-key": [article("a")], "y-key": [article("b"), article("c")]}
    after = published.assign(groups, {}, record)
    assert after.slugs == {"x-key": "x-key", "y-key": "harbour"} and after.record.redirects == {}


def test_named_stories_take_their_key_and_a_returning_address_drops_its_redirect() -> None:
    record = Published({"b": PublishedStory("a", ("x",))}, {"a": "b"})
    after = published.assign({"a": [article("x", story="a")]}, {}, record)
    assert after.slugs == {"a": "a"}
    assert after.record.stories == {"a": PublishedStory("a", ("x",))} and after.record.redirects == {"b": "a"}


def test_a_damaged_record_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "published.yml"
    with pytest.raises(SitegenError) as info:
        published.parse("stories:\n  good: {id: good, articles: [a]}\n  Bad Slug: {id: x, articles: []}\n", path)
    assert info.value.line == 3 and "Bad Slug" in info.value.message
    assert published.parse(published.dump(published.EMPTY), path) == published.EMPTY


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def served_root(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "www"
    root.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.browser
def test_the_old_url_lands_on_the_new_page_in_a_browser(grown: Path, browser: Any,
                                                        served_root: tuple[Path, str]) -> None:
    root, origin = served_root
    (grown / "content" / "stories").mkdir()
    (grown / "content" / "stories" / "port-elm-crane.md").write_text(
        "---\ntitle: Crane collapse at Port Elm\narticles: [report-1, report-2, report-3, report-4, report-5]\n---\n")
    build(grown, root / "proj", jobs=1, base_url=origin + "proj/")
    page = browser.new_page()
    try:
        page.goto(origin + "proj/stories/report-1/")
        page.wait_for_url(origin + "proj/stories/port-elm-crane/")
        assert page.locator("h1").first.inner_text() == "Crane collapse at Port Elm"
    finally:
        page.close()


def test_the_written_form_and_yaml_read_alike_and_aliases_are_refused(grown: Path) -> None:
    text = (grown / "content" / "published.yml").read_text("utf-8")
    path = grown / "content" / "published.yml"
    assert published._parse_written(text) == published._parse_yaml(text, path) != published.EMPTY
    hand_edited = "stories:\n  report-1:\n    id: report-1\n    articles:\n      - report-1\nredirects: {old: report-1}\n"
    assert published.parse(hand_edited, path) == Published({"report-1": PublishedStory("report-1", ("report-1",))},
                                                           {"old": "report-1"})
    with pytest.raises(SitegenError) as info:
        published.parse("stories:\n  a: &x {id: a, articles: [b]}\n  b: *x\n", path)
    assert info.value.line == 2 and "aliases" in info.value.message


def test_a_drafts_build_records_nothing(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    add(site, 2)
    build(site, jobs=1, drafts=True)
    assert len(live_stories(site)) == 1 and not (site / "content" / "published.yml").exists()
