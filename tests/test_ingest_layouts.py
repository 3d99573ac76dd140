"""`sitegen ingest` on layouts nobody here had seen: fixtures written in our own words."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sitegen.config import Config, NoiseRule
from sitegen.ingest import ingest_text
from sitegen.ingest.dates import find_date
from sitegen.ingest.result import IngestResult

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CONFIG = Config(root=Path("/nonexistent-site"))


def ingest(name: str, config: Config = CONFIG) -> IngestResult:
    path = FIXTURES / name
    return ingest_text(path.read_text(encoding="utf-8"), source_name=str(path), config=config, story=None)


def test_wire_story_trailer_byline_and_dateline() -> None:
    result = ingest("wire_story.txt")
    front = result.front_matter
    assert front.title == "Harbor cranes idle as dockworkers strike for second day"
    assert front.author == "Marta Quell"
    assert front.outlet == "Reuters"
    assert front.published == datetime(2026, 7, 8, 10, 5, tzinfo=timezone(timedelta(hours=2)))
    assert "Financial Daily" in front.cites
    for noise in ("Reporting by", "Our Standards", "newsletter", "Advertisement", "\nShare\n"):
        assert noise not in result.body
    assert "people familiar with the plans said." in result.body
    assert {d.rule for d in result.dropped} >= {"wire-trailer", "newsletter", "byline", "dateline"}


def test_live_blog_keeps_entries_under_time_headings() -> None:
    result = ingest("live_blog.txt")
    assert result.body.count("### ") == 3 and "### 09:42 BST" in result.body
    assert "Show key events" not in result.body and "JavaScript" not in result.body
    assert "Copy link" not in result.body
    assert "Power has been restored to about half" in result.body


def test_web_story_bullets_become_a_list() -> None:
    result = ingest("web_story.txt")
    items = [line for line in result.body.splitlines() if line.startswith("- ")]
    assert len(items) == 3 and items[1] == "- Late fees on children's books are abolished entirely"
    for noise in ("Swipe up", "Slide 1 of 5", "Tap to read", "Read the full story"):
        assert noise not in result.body
    assert "The city council approved the changes" in result.body


def test_products_widget_dropped_and_news_after_it_kept() -> None:
    result = ingest("products.txt")
    assert result.front_matter.author == "Dara Vell"
    assert result.front_matter.published == datetime(2026, 7, 9, 14, 20, tzinfo=timezone.utc)
    for noise in ("Products You May Like", "Pocket Thermal Imager", "$249.99", "Buy now", "Rugged Charging Dock"):
        assert noise not in result.body
    assert "Regulators in two countries have opened reviews" in result.body


def test_mojibake_is_repaired_with_a_warning() -> None:
    result = ingest("mojibake.txt")
    assert "ministry’s budget includes “new money”" in result.body
    assert "café owners" in result.body and "â€" not in result.body and "Ã" not in result.body
    assert any("garbled" in w for w in result.warnings)


def test_headline_repeated_several_times_is_kept_once() -> None:
    result = ingest("repeated_headline.txt")
    title = "Council votes to pedestrianise the old market square"
    assert result.front_matter.title == title
    assert title not in result.body
    assert result.front_matter.outlet == "Northfield Gazette"
    assert result.front_matter.category == "Local News"
    assert sum(d.rule == "repeated-title" for d in result.dropped) == 3
    assert result.slug == "council-votes-to-pedestrianise-the-old-market-square"


def test_html_page_through_trafilatura() -> None:
    result = ingest("page.html")
    front = result.front_matter
    assert result.source_format == "html"
    assert front.title == "Bridge inspection finds corroded cables"
    assert front.outlet == "Valley Courier" and front.author == "Noor Tillman"
    assert front.url == "https://valley-courier.example/news/bridge-cables"
    assert front.published == datetime(2026, 7, 6, 16, 45, tzinfo=timezone(timedelta(hours=2)))
    assert front.category == "Local"
    assert "## What the county said" in result.body and "- Cars and buses are not affected" in result.body
    assert "Advertisement" not in result.body and "Home" not in result.body
    assert "Valley Transport Board" in front.cites


def test_markdown_front_matter_is_kept_and_normalised() -> None:
    result = ingest("curated.md")
    front = result.front_matter
    assert result.source_format == "markdown"
    assert front.title == "Ferry operator adds a night crossing" and front.outlet == "Coastline Post"
    assert front.tags == ("ferries", "transport")
    assert front.published == datetime(2026, 7, 2, 18, 0)
    assert any("'mood'" in w for w in result.warnings)
    assert "Advertisement" not in result.body
    dropped = next(d for d in result.dropped if d.rule == "ad-label")
    assert dropped.line_no == 10  # counted in the whole file, front matter included
    text = result.to_markdown()
    keys = [line.split(":")[0] for line in text.split("---\n")[1].splitlines()]
    assert keys[:5] == ["title", "outlet", "url", "published", "author"] and "mood" not in keys


def test_site_noise_rule_from_config_applies_first() -> None:
    text = "Pier reopens after repairs\n\nThe pier reopened on Saturday after two years of repairs, the town said.\n\n" \
           "Try Example Pro free for thirty days\n\nFishing is allowed again from the far end of the pier.\n"
    config = Config(root=Path("/x"), noise_rules=(NoiseRule("example-pro", r"(?i)^try example pro", "line"),))
    result = ingest_text(text, source_name="pier.txt", config=config, story="pier")
    assert "Example Pro" not in result.body and "Fishing is allowed again" in result.body
    assert [d.rule for d in result.dropped if "Example Pro" in d.text] == ["example-pro"]
    assert result.front_matter.story == "pier"
    default = ingest_text(text, source_name="pier.txt", config=CONFIG, story=None)
    assert "Example Pro" in default.body  # nothing site-specific in the defaults


def test_faq_with_q_and_a_prefixes_and_bare_url_references() -> None:
    text = ("Water tariff to rise in October\n\nThe utility said on Monday that household water bills would rise by "
            "four percent in October to pay for pipe repairs across the district.\n\nFAQ\n\n"
            "Q: When does the new tariff start?\n\nA: On the first of October, for all households.\n\n"
            "Q: Who approved it?\n\nA: The regional regulator approved it last week after a consultation.\n\n"
            "Sources\n\n- Regulator decision https://regulator.example/decisions/42\n- Utility statement\n")
    result = ingest_text(text, source_name="water.txt", config=CONFIG, story=None)
    assert "## Frequently Asked Questions\n\n### When does the new tariff start?\n\nOn the first" in result.body
    assert result.body.count("### ") == 2
    assert "- [Regulator decision](https://regulator.example/decisions/42)" in result.body
    assert "- Utility statement" in result.body


@pytest.mark.parametrize("notice", ["This article was originally published on Lakeside Herald.",
                                    "This content was produced by Lakeside Herald and is republished with permission.",
                                    "Content provided by Lakeside Herald",
                                    "The post Ferry fares frozen for another year appeared first on Lakeside Herald."])
def test_syndication_notice_and_explicit_source_url(notice: str) -> None:
    text = ("SOURCE-URL: https://www.lakeside-herald.example/2026/07/ferry\n"
            "Ferry fares frozen for another year\n\nThe island ferry company said on Tuesday that it would keep fares "
            "at their current level until next summer, citing lower fuel costs.\n\n"
            f"{notice}\n\nLakeside Wire contributed to this report.\n")
    result = ingest_text(text, source_name="ferry.txt", config=CONFIG, story=None)
    front = result.front_matter
    assert front.url == "https://www.lakeside-herald.example/2026/07/ferry"
    assert front.syndicated_from == "Lakeside Herald"
    assert front.outlet == "lakeside-herald.example"  # from the URL when nothing better is printed
    assert notice not in result.body and "SOURCE-URL" not in result.body and "contributed" not in result.body


def test_configured_outlet_name_wins_for_its_domain() -> None:
    from sitegen.config import OutletConfig

    config = Config(root=Path("/x"), outlets=(OutletConfig("Lakeside Herald", domain="lakeside-herald.example",
                                                           authority=0.7),))
    text = "SOURCE-URL: https://lakeside-herald.example/a\nFares frozen again\n\nThe ferry company kept its fares " \
           "unchanged for another year, it said on Tuesday, citing cheaper fuel.\n"
    front = ingest_text(text, source_name="a.txt", config=config, story=None).front_matter
    assert front.outlet == "Lakeside Herald" and front.authority == 0.7


@pytest.mark.parametrize("text, expected", [
    ("03 Jul 2026 · 07:40 UTC", datetime(2026, 7, 3, 7, 40, tzinfo=timezone.utc)),
    ("2026/07/03 21:30", datetime(2026, 7, 3, 21, 30)),
    ("July 3, 2026 at 12:32 PM", datetime(2026, 7, 3, 12, 32)),
    ("Jane DoeJuly 3, 2026 at 9:05 AM5 min read", datetime(2026, 7, 3, 9, 5)),
    ("2026-07-03T07:40:00Z", datetime(2026, 7, 3, 7, 40, tzinfo=timezone.utc)),
    ("Fri 3 July 2026 14:05 BST", datetime(2026, 7, 3, 14, 5, tzinfo=timezone(timedelta(hours=1)))),
    ("Updated: Jul. 4, 2026 3:15 p.m. ET", None),  # checked below: New York summer time
    ("3.7.2026", date(2026, 7, 3)),
    ("Sept 30, 2026", date(2026, 9, 30)),
    ("July 3, 2026 / 9:40 PM / Harbour Wire", datetime(2026, 7, 3, 21, 40)),
    ("Updated 9:40 PM PST, July 3, 2026", datetime(2026, 7, 3, 21, 40, tzinfo=timezone(timedelta(hours=-8)))),
])
def test_date_formats(text: str, expected: datetime | date | None) -> None:
    found = find_date(text)
    assert found is not None
    if expected is None:
        assert found.value.utcoffset() == timedelta(hours=-4) and found.value.hour == 15
    else:
        assert found.value == expected and type(found.value) is type(expected)


def test_no_date_in_a_sentence_about_other_dates() -> None:
    assert find_date("The ban starts on the tenth, officials said") is None
    assert find_date("February 30, 2026") is None


def test_headline_with_a_short_kicker_is_the_title_not_a_sentence_of_the_body() -> None:
    result = ingest("headline_kicker.txt")
    assert result.front_matter.title == "Ferry line doubles its crossings after new dock opens. Here's what to know"
    assert "doubles its crossings" not in result.body  # (the headline is not a sentence of the body)
    assert "The Saltwick ferry line will run twice as many crossings from Monday" in result.body


def test_masthead_spelling_the_domain_and_section_lines_are_not_the_headline() -> None:
    result = ingest("masthead_section.txt")
    front = result.front_matter
    assert front.title == "Ferry terminal roof gives way under heavy snow, no one hurt"
    assert front.outlet == "The Lakeshore Courier" and front.author == "Ines Calloway"
    assert front.category == "Winter Storms"  # the section path over the headline, nearest item
    rules = {d.text: d.rule for d in result.dropped}
    assert rules["The Lakeshore Courier"] == "masthead"
    assert rules["Metro  |  Weather  |  Transport  |  Opinion"] == "nav-row"
    assert rules["Share  Save  Comments (88)"] == "nav-row"
    for noise in ("Metro", "Winter Storms", "Comments (88)", "WhatsApp"):
        assert noise not in result.body
    assert result.body.startswith("A section of the roof over the waiting hall")


def test_site_tagline_opening_with_the_site_name_is_dropped() -> None:
    result = ingest("site_tagline.txt")
    assert result.front_matter.title == "Tram line reopens after three months of bridge repairs"
    assert result.front_matter.outlet == "Harbour Daily"
    assert "brings you the news" not in result.body and "Loading" not in result.body
    assert result.body.startswith("Trams returned to the river bridge on Monday morning")


def test_date_glued_to_the_headline_without_a_space_is_its_stamp() -> None:
    result = ingest("glued_stamp.txt")
    front = result.front_matter
    assert front.title == "River crest passes the town as flood barrier holds, officials says"
    assert front.published == datetime(2026, 3, 14, 6, 40, tzinfo=timezone(timedelta(hours=-5)))
    assert front.outlet == "Valley Herald" and front.category is None  # a 'Jump to:' row is no section path
    for noise in ("saysMarch", "Jump to", "Show more posts", "Refresh for"):
        assert noise not in result.body
    assert "### 6:40 a.m." in result.body and "held through the night" in result.body


def test_byline_with_date_and_reading_time_between_middots_gives_the_date() -> None:
    result = ingest("byline_stamps.txt")
    front = result.front_matter
    assert front.title == "Why did the airport close its second runway? What we know"
    assert front.author == "Tomas Reyl" and front.published == date(2026, 3, 9)
    assert "EXPLAINERS" not in result.body and "helpful" not in result.body and "6 min" not in result.body
    assert "### What was found?" in result.body


def test_update_stamp_after_the_dateline_and_chrome_above_the_headline() -> None:
    result = ingest("update_stamp.txt")
    front = result.front_matter
    assert front.title == "Paper mill to shut after ninety years, cutting 300 jobs"
    assert front.outlet == "The County Ledger"  # not the 'Updated ...' stamp
    assert front.published == datetime(2026, 2, 6, 15, 15, tzinfo=timezone(timedelta(hours=-5)))
    for noise in ("REGIONAL BUSINESS", "free to read", "Updated Feb", "Courtesy of", "photo taken at the mill gate"):
        assert noise not in result.body
    assert result.body.startswith("The paper mill on the edge of town will close")


@pytest.mark.parametrize("dateline, published, outlet", [
    ("July 3, 2026 / 9:40 PM / HWS", datetime(2026, 7, 3, 21, 40), "Pier News"),
    ("Fri 3 Jul 2026 21.40 GMT", date(2026, 7, 3), "Pier News"),  # '21.40 GMT' is a time, no outlet
])
def test_dateline_after_a_masthead_with_its_motto(dateline: str, published: datetime | date, outlet: str) -> None:
    text = (f"SOURCE-URL: https://piernews.example/a\nPier News — your harbour, every day\nFerry fares frozen again\n"
            f"By HANA LOWE\n{dateline}\nThe ferry company kept its fares unchanged for another year, it said on Tuesday, "
            "citing cheaper fuel and more passengers on the summer crossings.\n")
    result = ingest_text(text, source_name="a.txt", config=CONFIG, story=None)
    front = result.front_matter
    assert (front.title, front.published, front.outlet, front.author) == (
        "Ferry fares frozen again", published, outlet, "Hana Lowe")
    assert result.body.startswith("The ferry company kept its fares")


def test_live_blog_entry_time_glued_to_its_heading_and_dated_stamps() -> None:
    result = ingest("live_glued_times.txt")
    assert result.front_matter.title == "Pier closure live: council votes to shut the old pier, ferries move"
    assert result.front_matter.published == datetime(2025, 3, 4, 19, 25, tzinfo=timezone.utc)
    assert "### 7:25 p.m.\n\n## Mayor defends the vote\n\nThe mayor said" in result.body
    for stamp in ("Mar. 4, 6:52 p.m.", "Updated 6:10", "5 hours ago", "LIVE UPDATES", "Load more"):
        assert stamp not in result.body
    assert "## Fishermen protest outside the hall" in result.body
