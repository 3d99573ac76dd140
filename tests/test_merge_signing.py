"""What a claim's shown text asserts: only what its cited outlets back (fixtures in our own words)."""
from __future__ import annotations

import pytest

from merge_support import story_from_bodies
from sitegen.merge.story import _trimmed, unspoken_quote


@pytest.mark.parametrize(("text", "words", "expected"), [
    # a figure written as a modifier
    ("The Albatross, a 40-metre ferry, sank off the cape on Monday.", ["40-metre"],
     "The Albatross, a ferry, sank off the cape on Monday."),
    ("Divers found an 11-metre section of the hull.", ["11-metre"], "Divers found a section of the hull."),
    # an aside between commas, followed by the sentence's own verb
    ("The Albatross, carrying 30 passengers, sank off the cape on Monday.", ["30 passengers"],
     "The Albatross sank off the cape on Monday."),
    # a parenthesis
    ("The harbour office said Monday (March 3) that divers had found the hull.", ["March 3"],
     "The harbour office said Monday that divers had found the hull."),
    # an opening phrase with its year
    ("On March 3, 2031, the ferry sank off the cape with 30 people aboard.", ["March 3"],
     "The ferry sank off the cape with 30 people aboard."),
    # a trailing clause commenting on the sentence
    ("The ferry sank with 30 people aboard, making it the worst accident in 12 years.", ["12 years"],
     "The ferry sank with 30 people aboard."),
])
def test_trimmed_cuts_the_part_that_writes_a_figure(text: str, words: list[str], expected: str) -> None:
    assert _trimmed(text, words) == expected


@pytest.mark.parametrize(("text", "words"), [
    ("The ferry carried 30 people when it sank.", ["30 people"]),  # the main clause
    ("It sank with 30 people aboard, when the storm reached 90 knots.", ["90 knots"]),  # the clause is the fact
    ("Ships came from Ardmore, Bellport, and 3 other ports.", ["3 other"]),  # a list
    ("The captain said, “we lost 2 engines,” before the call ended.", ["2 engines"]),  # a quotation
])
def test_trimmed_refuses_to_cut_what_the_sentence_says(text: str, words: list[str]) -> None:
    assert _trimmed(text, words) is None


@pytest.mark.parametrize(("text", "fragment"), [
    ("“Our crew did everything they could to reach the passengers.", True),  # opens, never closes
    ("The search will continue through the night.”", True),  # closes a quote opened earlier
    ('"We expect the divers back by noon."', True),  # wholly quoted, no speaker
    ("“We did everything we could,” the captain said.", False),  # the speaker is named
    ("The ferry line's statement on the inquiry: “We will help investigators in every way.", False),
    ("The minister called the rescue “a miracle of seamanship.”", False),  # a quoted phrase in a statement
    ("The ferry sank off the cape on Monday.", False),
])
def test_unspoken_quote(text: str, fragment: bool) -> None:
    assert unspoken_quote(text) is fragment


FERRY = "The Albatross ferry sank"


def test_a_figure_one_outlet_adds_is_not_shown_on_a_claim_of_four() -> None:
    bodies = {
        # the fullest telling, with one outlet's aside
        "Harbour Daily": ("The Albatross, a 40-metre ferry, sank off Cape Mirren on Monday with 30 passengers "
                          "aboard, the coast guard said.", "2031-03-04"),
        "Coast Courier": ("The Albatross sank off Cape Mirren with 30 passengers aboard, the coast guard said.",
                          "2031-03-04"),
        "Island Post": ("The Albatross sank on Monday with 30 passengers aboard, the coast guard said.", "2031-03-04"),
        "Bay Times": ("The Albatross sank off Cape Mirren on Monday, the coast guard said.", "2031-03-04"),
    }
    story = story_from_bodies(bodies, FERRY, "ferry")
    sinking = [c for c in story.claims if "Mirren" in c.text]
    assert sinking, [c.text for c in story.claims]
    assert "40-metre" not in sinking[0].text
    assert len(sinking[0].sources) == 4


def test_the_badge_counts_only_outlets_giving_every_figure_of_the_text() -> None:
    # every sentence of the claim carries a figure of its own: the text keeps one, and only the
    # outlet giving it counts towards the badge
    bodies = {
        "Harbour Daily": ("The Albatross sank off Cape Mirren on Monday after taking on water for 40 minutes, "
                          "the coast guard said.", "2031-03-04"),
        "Coast Courier": ("The Albatross sank off Cape Mirren on Monday after its 2 pumps failed, "
                          "the coast guard said.", "2031-03-04"),
        "Island Post": ("The Albatross sank off Cape Mirren on Monday in waves of 6 metres, "
                        "the coast guard said.", "2031-03-04"),
        "Bay Times": ("The Albatross sank off Cape Mirren on Monday with its 9 lifeboats launched, "
                      "the coast guard said.", "2031-03-04"),
    }
    story = story_from_bodies(bodies, FERRY, "ferry")
    sinking = [c for c in story.claims if "Mirren" in c.text]
    assert sinking, [c.text for c in story.claims]
    claim = sinking[0]
    assert len(claim.sources) == 4
    assert claim.badge == "single-source", (claim.text, claim.badge, claim.why)
    # the why must not say "one outlet only" over four outlets' quotes without saying what the others lack
    assert claim.why.startswith("Stated in full by one outlet only") and "3 more outlets tell the fact" in claim.why


def test_a_quote_fragment_without_its_speaker_is_no_claim() -> None:
    bodies = {
        "Harbour Daily": ("The Albatross ferry sank off Cape Mirren on Monday with 30 passengers aboard. "
                          "“Every one of the passengers was brought ashore by the lifeboat crews before dark.",
                          "2031-03-04"),
        "Coast Courier": ("The Albatross ferry sank off Cape Mirren on Monday with 30 passengers aboard.",
                          "2031-03-04"),
    }
    story = story_from_bodies(bodies, FERRY, "ferry")
    assert story.claims
    assert not any("brought ashore" in c.text for c in story.claims), [c.text for c in story.claims]


def _verdict_story(extra: dict[str, tuple[str, str | None]]) -> list[str]:
    bodies = {
        "Harbour Daily": ("A jury found the former harbour master Ian Colder guilty on four counts of fraud on Friday. "
                          "The trial lasted three weeks.", "2031-05-10"),
        "Coast Courier": ("Ian Colder, the former harbour master, was found guilty on four counts of fraud. "
                          "Sentencing is set for June.", "2031-05-10"),
        "Island Post": ("A jury found Ian Colder guilty on four counts of fraud. He had denied the charges.",
                        "2031-05-10"),
        **extra,
    }
    return [c.text for c in story_from_bodies(bodies, "Harbour master guilty", "verdict").claims]


def _told_twice(sentence: str) -> dict[str, tuple[str, str | None]]:
    """One more sentence as two more outlets tell it (a claim of two lines)."""
    return {"Bay Times": (sentence, "2031-05-10"), "Quay Weekly": (sentence, "2031-05-11")}


def test_the_same_fact_told_again_in_other_words_is_one_claim() -> None:
    # two outlets tell the verdict again with another verb and another noun for the same four counts
    texts = _verdict_story(_told_twice("Colder was convicted on all four charges late on Friday, ending a case "
                                       "that gripped the port town of Ardmore for two years."))
    verdicts = [t for t in texts if "four" in t and ("guilty" in t or "convicted" in t)]
    assert len(verdicts) == 1, texts


def test_a_different_figure_is_not_the_same_fact() -> None:
    texts = _verdict_story(_told_twice("A co-accused clerk was convicted on two charges of forgery at the same "
                                       "court in the port town of Ardmore."))
    assert any("two charges" in t for t in texts), texts
    assert any("four counts" in t for t in texts), texts


def test_a_process_under_way_is_not_told_beside_what_it_found() -> None:
    found = "Navy sonar crews found the wrecked hull of the Albatross on the seabed off Cape Mirren on Tuesday."
    bodies = {
        "Harbour Daily": (found + " The ferry sank on Monday.", "2031-03-05"),
        "Coast Courier": (found + " The weather had been calm.", "2031-03-05"),
        "Island Post": (found + " Families gathered at the pier.", "2031-03-05"),
        "Bay Times": ("The Albatross ferry sank on Monday. Officials said navy sonar crews are searching the "
                      "waters for the wrecked hull and are examining the seabed images.", "2031-03-04"),
        "Quay Weekly": ("The Albatross ferry sank on Monday. The owners have offered support to families.",
                        "2031-03-05"),
        "Ferry News": ("The Albatross sank on Monday with 30 passengers. An inquiry will be held.", "2031-03-05"),
        "Port Radio": ("The Albatross ferry went down on Monday. All passengers were rescued.", "2031-03-05"),
    }
    texts = [c.text for c in story_from_bodies(bodies, FERRY, "ferry").claims]
    assert any("found the wrecked hull" in t for t in texts), texts
    assert not any("are searching" in t for t in texts), texts


def test_trimmed_never_cuts_the_verb_of_the_sentence() -> None:
    text = "Two divers, both former navy pilots, were the first to reach the wreck on May 3, when the sea calmed."
    assert _trimmed(text, ["May 3"]) is None


@pytest.mark.parametrize("weekday_published", ["2031-03-04", None])
def test_a_day_written_as_a_date_is_shown_rather_than_a_weekday(weekday_published: str | None) -> None:
    # the fullest telling gives the day as a weekday, read against its publish date (or, undated,
    # as that weekday); two other outlets write that day as a date: the page, read after the news,
    # shows a dated sentence
    bodies = {
        "Harbour Daily": ("The Albatross ferry sank off Cape Mirren late on Monday with 30 passengers aboard "
                          "after a storm, the coast guard said on Tuesday.", weekday_published),
        "Coast Courier": ("The Albatross ferry sank off Cape Mirren late on Monday with 30 passengers aboard "
                          "after a storm, the coast guard said.", weekday_published),
        "Island Post": ("The Albatross ferry sank off Cape Mirren on March 3.", "2031-03-09"),
        "Bay Times": ("On March 3, the Albatross ferry sank off Cape Mirren in a storm.", "2031-03-10"),
    }
    story = story_from_bodies(bodies, FERRY, "ferry")
    sinking = [c for c in story.claims if "Mirren" in c.text]
    assert sinking, [c.text for c in story.claims]
    assert "March 3" in sinking[0].text and "Monday" not in sinking[0].text
    assert len(sinking[0].sources) == 4


def test_a_weekday_stays_when_no_outlet_writes_its_day() -> None:
    bodies = {
        "Harbour Daily": ("The Albatross ferry sank off Cape Mirren late on Monday with 30 passengers aboard, "
                          "the coast guard said.", "2031-03-04"),
        "Coast Courier": ("The Albatross ferry sank off Cape Mirren late on Monday with 30 passengers aboard.",
                          "2031-03-04"),
        "Island Post": ("The Albatross ferry sank off Cape Mirren with 30 passengers aboard.", "2031-03-09"),
    }
    story = story_from_bodies(bodies, FERRY, "ferry")
    sinking = [c for c in story.claims if "Mirren" in c.text]
    assert sinking and "Monday" in sinking[0].text, [c.text for c in story.claims]


def test_a_date_of_another_happening_in_the_claims_sentences_is_no_written_day_of_its_weekday() -> None:
    # an outlet's sentence shares the claim's words and writes the day, but of its own account of
    # the sinking, not of the sinking: the weekday stays rather than that sentence becoming the text
    bodies = {
        "Harbour Daily": ("The Albatross ferry sank off Cape Mirren late on Monday with 30 passengers aboard "
                          "after a storm, the coast guard said on Tuesday.", "2031-03-04"),
        "Coast Courier": ("The Albatross ferry sank off Cape Mirren late on Monday with 30 passengers aboard "
                          "after a storm, the coast guard said.", "2031-03-04"),
        "Island Post": ("Inspectors published their first account of the March 3 loss of the Albatross ferry off "
                        "Cape Mirren with 30 passengers aboard after a storm.", "2031-04-09"),
    }
    story = story_from_bodies(bodies, FERRY, "ferry")
    sinking = [c for c in story.claims if "Mirren" in c.text]
    assert sinking and "Inspectors" not in sinking[0].text, [c.text for c in story.claims]


def test_a_dated_sentence_giving_one_outlets_own_figure_does_not_replace_the_weekday() -> None:
    # the only sentence writing the day also gives a figure no other outlet gives: shown, it would be
    # backed by that outlet alone, so the weekday text stays and the claim stays confirmed
    bodies = {
        "Harbour Daily": ("The Albatross ferry sank off Cape Mirren late on Monday with 30 passengers aboard "
                          "after a storm, the coast guard said on Tuesday.", "2031-03-04"),
        "Coast Courier": ("The Albatross ferry sank off Cape Mirren late on Monday with 30 passengers aboard "
                          "after a storm, the coast guard said.", "2031-03-04"),
        "Bay Times": ("The Albatross ferry sank off Cape Mirren on Monday with 30 passengers aboard after a storm.",
                      "2031-03-04"),
        "Island Post": ("The Albatross ferry, carrying 12 lorries, sank off Cape Mirren on March 3 with 30 "
                        "passengers aboard after a storm.", "2031-03-09"),
    }
    story = story_from_bodies(bodies, FERRY, "ferry")
    sinking = [c for c in story.claims if "Mirren" in c.text]
    assert sinking and "lorries" not in sinking[0].text, [c.text for c in story.claims]
    assert sinking[0].badge != "single-source"
