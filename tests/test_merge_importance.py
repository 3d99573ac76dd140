"""Which claims a page shows: centrality to the story (not digits or capitals), the news-statement
test, and a page size that follows the story's support. Fixtures are written for these tests."""
from __future__ import annotations

from pathlib import Path

from sitegen.config import Config
from sitegen.merge import importance, merge_story, newsworthy
from sitegen.merge.features import content_stems
from sitegen.model import Article


def article(n: int, title: str, body: str, story: str = "dam") -> Article:
    return Article(slug=f"a{n}", title=title, body=body, source_path=Path(f"a{n}.md"), outlet=f"Outlet {n}",
                   story=story)


def test_a_plain_sentence_about_the_event_outranks_one_full_of_figures_and_capitals() -> None:
    titles = ["River dam fails after storm", "Storm breaks river dam near Lowtown", "Dam failure floods Lowtown"]
    bodies = ["The river dam failed after two days of storm rain, flooding Lowtown.",
              "Water from the broken dam flooded Lowtown on the river's east bank.",
              "The dam failure sent river water into Lowtown."]
    keys = ["k1", "k2", "k3"]
    weights = importance.term_weights([(i, content_stems(b)) for i, b in enumerate(bodies)], titles, keys)
    plain = "Warning sirens at the dam were never sounded before the river flooded Lowtown."
    figures = "ACME Corp (ACME) shares rose 4.2% to $31.70 on the NYSE at 10:42 GMT on Friday."
    assert importance.centrality(content_stems(plain), weights) > importance.MIN_SINGLE_CENTRALITY
    assert importance.centrality(content_stems(figures), weights) == 0.0  # none of the story's words


def test_a_word_of_one_outlet_only_is_no_part_of_the_core() -> None:
    weights = importance.term_weights([(0, ("dam", "heron")), (1, ("dam",))], ["", ""], ["k1", "k2"])
    assert "heron" not in weights and weights["dam"] == 1.0


def test_a_copy_does_not_make_a_word_central() -> None:
    # two articles of one line of reporting (same key) count once
    weights = importance.term_weights([(0, ("heron", "dam")), (1, ("heron",)), (2, ("dam",))], ["", "", ""],
                                      ["k1", "k1", "k2"])
    assert "heron" not in weights and weights["dam"] == 1.0


def test_single_source_claims_never_outnumber_corroborated_ones_beyond_the_floor() -> None:
    assert importance.single_budget(0) == importance.MIN_SINGLE_CLAIMS
    assert importance.single_budget(15) == 15


PLACES = ("Alder Birch Cedar Dogwood Elm Fir Gorse Hazel Ivy Juniper Larch Maple Nettle Oak Poplar Quince Rowan "
          "Spruce Tamarack Umber Vetch Willow Yarrow Zelkova Aspen Beech Cypress Damson Elder Fennel").split()
THINGS = ("pumps valves turbines sensors cables ladders boats trucks bridges schools clinics farms barns mills "
          "kilns ferries depots towers wells fences sheds huts kiosks stalls garages hangars silos docks piers "
          "locks").split()
WORDINGS = ("Floodwater from the dam wrecked {n} {t} in {p} county.",
            "In {p} county the dam's floodwater ruined {n} {t}, officials said.",
            "Officials counted {n} {t} wrecked in {p} county after the dam broke.")


def _many_facts_story(facts: int) -> list[Article]:
    """``facts`` distinct facts about one event (a count per named section), each told by three
    outlets in their own words."""
    return [article(o, "Dam wall cracks found by inspectors",
                    "\n\n".join(wording.format(n=11 + 7 * k, p=PLACES[k], t=THINGS[k]) for k in range(facts)))
            for o, wording in enumerate(WORDINGS)]


def test_a_page_shows_the_facts_a_story_holds_up_to_a_bound_that_grows_with_its_lines() -> None:
    config = Config(root=Path("."))
    small = merge_story("dam", _many_facts_story(4), None, config)
    large = merge_story("dam", _many_facts_story(30), None, config)
    assert len(small.claims) == 4 and all(c.badge == "confirmed" for c in small.claims)
    assert len(large.claims) == importance.page_bound(3) > 4  # three outlets, thirty facts
    assert importance.page_bound(2) < importance.page_bound(10) <= importance.MAX_PAGE_CLAIMS
    assert importance.page_bound(500) == importance.MAX_PAGE_CLAIMS


def test_a_month_named_may_is_not_speculation_but_the_modal_is() -> None:
    from sitegen.merge.story import _speculation
    speculation, _runs = _speculation()
    assert speculation.search("The plant closed in May after the river authority found the leak.") is None
    assert speculation.search("The plant may close after the river authority found the leak.") is not None
    assert speculation.search("Could the plant close?") is not None


def test_a_sentence_full_of_names_with_a_lower_case_verb_is_a_statement() -> None:
    assert newsworthy.is_statement("Judge Ana Moreno set Kurt Lindqvist's sentencing for June 4, 2031.")
    assert not newsworthy.is_statement("Former Mayor Found Guilty on All Counts in Harbor Trial")


def test_a_quotation_split_over_sentences_or_after_a_speaker_keeps_its_first_person() -> None:
    assert newsworthy.is_statement("We are keeping the crew on the station until the spring,” the agency chief said.")
    assert newsworthy.is_statement("Moreno: we do not yet know how far the leak has spread.")
    assert not newsworthy.is_statement("Latest news: here is what you need to know about the leak.")
    assert not newsworthy.is_statement("Here is what you need to know about the leak tonight.")


BODIES = ("The river dam at Lowtown failed on Tuesday after two days of storm rain, flooding the town.",
          "Storm rain broke the Lowtown river dam on Tuesday and water poured into the town's streets.",
          "Lowtown was flooded on Tuesday when its river dam gave way under two days of storm rain.",
          "After a two-day storm the dam above Lowtown burst on Tuesday, engineers of the river authority said.")


def _titled(titles: list[str]) -> list[Article]:
    """Four outlets' reports of one event in their own words, under the given headlines."""
    return [article(n, title, body) for n, (title, body) in enumerate(zip(titles, BODIES))]


def test_a_question_heading_is_never_the_title_while_a_headline_states_the_event() -> None:
    titles = ["What is the Lowtown dam and why did it fail?", "How the Lowtown dam failure unfolded",
              "River dam fails at Lowtown after storm rain", "Lowtown dam failure: what we know"]
    story = merge_story("dam", _titled(titles), None, Config(root=Path(".")))
    assert story.title == "River dam fails at Lowtown after storm rain"


def test_a_label_before_a_colon_is_cut_and_a_code_like_headline_loses() -> None:
    titles = ["Live updates: Lowtown river dam fails after storm rain", "lowtown dam fails river flood 2x3k",
              "Dam breaks in storm", "Storm news roundup for the week"]
    story = merge_story("dam", _titled(titles), None, Config(root=Path(".")))
    assert story.title == "Lowtown river dam fails after storm rain"
    assert importance.unlabelled("Lowtown: river dam fails", {"lowtown": 1.0}) == "Lowtown: river dam fails"


def test_a_story_told_by_one_line_of_reporting_still_has_a_core() -> None:
    weights = importance.term_weights([(0, ("joint", "inspect")), (1, ("joint",))], ["Bridge repairs", ""],
                                      ["k1", "k1"])
    assert weights["joint"] == 1.0 and weights["inspect"] == 1.0
