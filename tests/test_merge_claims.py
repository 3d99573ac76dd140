"""Merge on fixtures written for these tests (tests/fixtures/merge/scooters): claims, badges,
disputes, independence, FAQ, and the grouping quality on the hand-labelled fixture."""
from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from merge_support import config, fixture_articles, labels, pairwise_scores
from sitegen.errors import Diagnostics
from sitegen.merge import clusters, merge_story, stories
from sitegen.merge.features import dates_in, numbers_in
from sitegen.merge.story import sentence_groups
from sitegen.merge.independence import find_copies
from sitegen.model import Article, Site, Story

SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "story.schema.json"


def merged() -> Story:
    return merge_story("harbor-scooters", fixture_articles(), None, config())


def by_slug(story: Story) -> dict[str, str]:
    return {s.article: s.id for s in story.sources}


def claim_with(story: Story, phrase: str):
    hits = [c for c in story.claims if phrase in c.text or any(phrase in q.text for q in c.quotes)]
    assert hits, f"no claim mentions {phrase!r}"
    return hits[0]


def test_story_json_matches_schema() -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"schema not found at {SCHEMA}")
    jsonschema.validate(merged().to_json(), json.loads(SCHEMA.read_text()))


def test_repost_is_syndicated_and_collapses_into_its_original() -> None:
    story = merged()
    ids = by_slug(story)
    repost = next(s for s in story.sources if s.article == "repost")
    assert repost.role == "syndicated"
    assert repost.syndicated_from == ids["wire"]
    ban = claim_with(story, "will suspend all rental")
    assert len(ban.sources) == 5 and ban.independent_sources == 4


def test_date_dispute_favours_the_majority_year() -> None:
    story = merged()
    dispute = next(d for d in story.disputes if d.kind == "date")
    values = {v.value: set(v.sources) for v in dispute.values}
    ids = by_slug(story)
    assert values["April 1, 2030"] == {ids["daily"]}
    assert ids["gazette"] in values["April 1, 2031"] and ids["post"] in values["April 1, 2031"]
    assert dispute.likely == "April 1, 2031"
    ban = claim_with(story, "will suspend all rental")
    assert ban.badge == "disputed" and ban.dispute == dispute.id and "conflicting" in ban.why


def test_badges_follow_support() -> None:
    story = merged()
    assert claim_with(story, "1,200").badge == "confirmed"
    assert claim_with(story, "Ostrander").badge == "corroborated"
    zipride = claim_with(story, "ZipRide")
    assert zipride.badge == "single-source" and zipride.independent_sources == 1  # wire + its repost count once
    for claim in story.claims:
        assert claim.why.endswith(".") and len(claim.why.split()) >= 5


def test_hedged_everywhere_is_alleged_not_confirmed() -> None:
    articles = [replace(a, body=a.body.replace("Roughly 1,200", "Reportedly 1,200")
                        .replace("removes about 1,200", "allegedly removes about 1,200")
                        .replace("About 1,200 rental scooters are affected", "About 1,200 rental scooters are reportedly affected"))
                for a in fixture_articles()]
    story = merge_story("harbor-scooters", articles, None, config())
    claim = claim_with(story, "1,200")
    assert claim.badge == "alleged" and claim.hedged
    assert "hedge" in claim.why


def test_owner_groups_count_once() -> None:
    from sitegen.config import OutletConfig
    cfg = config(outlets=(OutletConfig("Harbor Gazette", owner="Harbor Media"), OutletConfig("Metro Daily", owner="Harbor Media")))
    story = merge_story("harbor-scooters", fixture_articles(), None, cfg)
    assert claim_with(story, "Ostrander").independent_sources == 1
    assert claim_with(story, "Ostrander").badge == "single-source"


def test_opinion_container_never_becomes_a_claim() -> None:
    story = merged()
    assert not any("consulted riders" in q.text for c in story.claims for q in c.quotes)


def test_faq_dedupes_and_cites_and_adds_standard_questions() -> None:
    story = merged()
    questions = [f.question for f in story.faq]
    assert sum(1 for q in questions if q.startswith("When do the scooters")) == 1  # asked by two outlets
    article_items = [f for f in story.faq if f.origin == "article"]
    assert len(article_items) == 3
    assert any(f.origin == "generated" and f.question == "What happened?" for f in story.faq)
    assert all(f.sources for f in story.faq)
    ids = by_slug(story)
    when = next(f for f in story.faq if f.question.startswith("When do the scooters"))
    assert set(when.sources) == {ids["gazette"], ids["wire"]}


def test_provenance_and_confidence() -> None:
    story = merged()
    assert story.provenance.first_reported_by == "Harbor Gazette"
    assert story.provenance.independent_lines == 3  # gazette line (wire follows it), daily, post
    assert any(a.cites == "Harbor Gazette" for a in story.provenance.attributions)
    assert story.confidence.level == "medium"


def test_timeline_uses_the_likely_date() -> None:
    story = merged()
    assert story.timeline and story.timeline[0].date == "2031-04-01"
    assert all(t.sources for t in story.timeline)


def test_curator_overrides_title_and_faq_first() -> None:
    from sitegen.model import CuratorFaq, StoryFile
    sf = StoryFile(key="harbor-scooters", source_path=Path("x.md"), title="Curated title",
                   faq=(CuratorFaq("Who decided?", "The council.", ("gazette",)),))
    story = merge_story("harbor-scooters", fixture_articles(), sf, config())
    assert story.title == "Curated title"
    assert story.faq[0].origin == "curator" and story.faq[0].sources == (by_slug(story)["gazette"],)


def test_merge_is_deterministic_and_order_independent() -> None:
    articles = fixture_articles()
    first = json.dumps(merge_story("k", articles, None, config()).to_json(), sort_keys=True)
    for seed in range(4):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        assert json.dumps(merge_story("k", shuffled, None, config()).to_json(), sort_keys=True) == first


def test_adding_a_syndicated_copy_never_raises_independence() -> None:
    articles = fixture_articles()
    before = {c.text: c.independent_sources for c in merge_story("k", articles, None, config()).claims}
    for original in articles:
        copy = replace(original, slug=original.slug + "-copy", reposted_by="Some Feed")
        after = merge_story("k", [*articles, copy], None, config())
        for claim in after.claims:
            if claim.text in before:
                assert claim.independent_sources <= before[claim.text]


def test_claim_grouping_precision_recall_on_labelled_fixture() -> None:
    precision, recall = pairwise_scores(sentence_groups(fixture_articles(), config()), labels())
    assert precision >= 0.9 and recall >= 0.8, (precision, recall)


def test_relative_dates_resolve_against_publication() -> None:
    from datetime import datetime, timezone
    published = datetime(2031, 3, 4, tzinfo=timezone.utc)
    (yesterday,) = dates_in("It was announced just yesterday.", published)
    assert yesterday.resolved.isoformat() == "2031-03-03"
    (july,) = dates_in("It starts on July 10.", published)
    assert july.resolved.isoformat() == "2031-07-10" and july.year is None


def test_stories_sorted_newest_first_with_valid_unique_slugs() -> None:
    articles = fixture_articles()
    lone = replace(articles[0], slug="lone", story=None, title="Lighthouse reopens after repairs",
                   body="The old lighthouse on Gull Point reopened to visitors on Saturday after two years of work.",
                   published=articles[0].published.replace(year=2032))
    site = Site(root=Path("."), articles=(*articles, lone))
    result = stories(site, config(), Diagnostics())
    assert [s.slug for s in result] == ["lone", "harbor-scooters"]
    assert len(result[0].sources) == 1 and result[0].sources[0].article == "lone"
    assert clusters(site, config()) == []


def test_automatic_clustering_groups_unkeyed_articles() -> None:
    articles = [replace(a, story=None) for a in fixture_articles()]
    site = Site(root=Path("."), articles=tuple(articles))
    found = clusters(site, config())
    assert any({"gazette", "wire", "repost"} <= set(c) for c in found), found


def test_conflicting_fines_are_a_number_dispute() -> None:
    story = merged()
    dispute = next(d for d in story.disputes if d.kind == "number")
    ids = by_slug(story)
    assert {v.value: v.sources for v in dispute.values} == {"$250": (ids["gazette"],), "$500": (ids["post"],)}
    assert dispute.likely is None  # one outlet each: no side has the weight
    assert claim_with(story, "$500").badge == "disputed"


def test_curator_badge_override_and_declared_dispute() -> None:
    from sitegen.model import BadgeOverride, DeclaredDispute, DeclaredValue, StoryFile
    sf = StoryFile(key="harbor-scooters", source_path=Path("x.md"),
                   badges=(BadgeOverride("Ostrander", "confirmed", "The council minutes name him."),),
                   disputes=(DeclaredDispute("Whether the crash caused the vote", (
                       DeclaredValue("it did", ("gazette",)), DeclaredValue("it did not", ("Metro Daily",))),
                       likely="it did"),))
    story = merge_story("harbor-scooters", fixture_articles(), sf, config())
    claim = claim_with(story, "Ostrander")
    assert claim.badge == "confirmed" and claim.why == "The council minutes name him."
    declared = story.disputes[-1]
    ids = by_slug(story)
    assert declared.kind == "assertion" and declared.values[1].sources == (ids["daily"],)
    assert len({d.id for d in story.disputes}) == len(story.disputes)


@pytest.mark.parametrize("text, figures", [
    ("Flight 1282 left the gate at noon.", []),  # a route names the flight
    ("The agency grounded every Skylark 400 Mk 2 in service.", []),  # a model's numbers are its name
    ("Crew-9 docked with the station.", []),
    ("Some 50 cars derailed near the depot.", [50.0]),  # a capitalised first word is no name
    ("Harbourco's 65 cranes stood idle.", [65.0]),  # (a possessive owns the figure)
    ("On Tuesday 40 people were evacuated.", [40.0]),
])
def test_a_number_that_names_a_model_or_route_is_no_figure(text: str, figures: list[float]) -> None:
    assert [n.value for n in numbers_in(text)] == figures


ORIGINAL = ("A cargo ship lost power in the harbour channel on Monday night and drifted into the east pier, "
            "the port authority said. Nobody was hurt, but the pier was closed to traffic until engineers "
            "could inspect it. The ship had left the container terminal about twenty minutes earlier and was "
            "heading for open water. Tugs pushed the vessel back to its berth before dawn on Tuesday. The "
            "authority said an inquiry would look at why the engines failed.")
REWORDED = ("A cargo vessel misplaced power in the harbour channel on Monday evening and drifted into the east "
            "pier, the port authority mentioned. No one was damage, but the pier was shut to visitors until "
            "engineers could examine it. The ship had left the container terminal about twenty minutes sooner and "
            "was heading for open water. Tugs pushed the vessel again to its berth before daybreak on Tuesday. The "
            "authority mentioned an inquiry would look at why the engines failed.")
OTHER = ("Engineers said on Tuesday the east pier would reopen within a week after a ship struck it. The harbour "
         "master said traffic in the channel was moving again and that the ship's owners had apologised. "
         "Repairs to the pier's fenders will cost the port an estimated sum that has not been disclosed.")


def test_a_copy_with_words_swapped_for_others_is_found_as_a_copy() -> None:
    articles = [Article(slug=slug, source_path=Path(f"{slug}.md"), title="Ship hits pier", body=body, outlet=slug)
                for slug, body in (("wire", ORIGINAL), ("spun", REWORDED), ("paper", OTHER))]
    assert find_copies(articles, config()) == [None, 0, None]
