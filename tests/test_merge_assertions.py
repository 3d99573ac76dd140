"""Disputes that are not figures (sitegen/merge/assertions.py): who said a remark, its wording, the
spelling of a name, where shares trade.

Every sentence here is written for these tests; the people, towns and companies are invented."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from sitegen.content import parse_article
from sitegen.merge import assertions, merge_story
from sitegen.merge.claims import Item
from sitegen.merge.features import names_in_sentences, sentence_features
from sitegen.merge.sentences import Sentence

from merge_support import config


def found(*articles: list[str], keys: list[str] | None = None, story_day: date | None = None) -> list:
    """The disputes among articles given as lists of sentences; each article its own line unless ``keys``."""
    vocabulary = frozenset(names_in_sentences([text for sentences in articles for text in sentences]))
    items = [Item(Sentence(a, i, text, words=len(text.split())), features)
             for a, sentences in enumerate(articles)
             for i, (text, features) in enumerate(zip(sentences, sentence_features(sentences, vocabulary, None, None)))]
    return assertions.disputes(items, keys or [f"outlet{a}" for a in range(len(articles))], story_day)


def values(dispute) -> list[tuple[str, tuple[int, ...]]]:
    return [(v.value, v.articles) for v in dispute.values]


# --------------------------------------------------------------------------------------- who said

def test_one_remark_given_to_two_named_speakers_is_a_dispute() -> None:
    out = found(['"The ferry runs again from Monday," announced Harbour Master Ada Quill at the pier.'],
                ['“The ferry runs again from Monday,” said Mayor Tomas Brenn after the vote.'])
    assert len(out) == 1 and out[0].kind == "assertion" and out[0].about.startswith("Who said")
    assert values(out[0]) == [("Harbour Master Ada Quill", (0,)), ("Mayor Tomas Brenn", (1,))]


def test_who_said_needs_different_lines_and_speakers_not_credited_together() -> None:
    first = '"The ferry runs again from Monday," announced Harbour Master Ada Quill at the pier.'
    second = '“The ferry runs again from Monday,” said Mayor Tomas Brenn after the vote.'
    assert found([first], [second], keys=["same", "same"]) == []  # one line of reporting
    both = '“The ferry runs again from Monday,” said Mayor Tomas Brenn, repeating Ada Quill.'
    assert found([first], [both]) == []  # the second outlet names both: a repeated remark
    assert found(['"Thank you all," said Ada Quill.'], ['"Thank you all," said Tomas Brenn.']) == []  # too short


def test_a_remark_quoted_alike_by_very_many_outlets_is_still_compared() -> None:
    many = [['"The ferry runs again from Monday," announced Harbour Master Ada Quill.']] * (assertions.MAX_POSTING + 6)
    out = found(*many, ['“The ferry runs again from Monday,” said Mayor Tomas Brenn.'])
    assert len(out) == 1 and [len(v.articles) for v in out[0].values] == [assertions.MAX_POSTING + 6, 1]
    assert out[0].likely == "Harbour Master Ada Quill"


# ------------------------------------------------------------------------------------------ wording

def test_one_speakers_remark_in_two_wordings_is_a_dispute() -> None:
    out = found(['“A fine day for the valley,” the mayor wrote.'],
                ['The mayor wrote on her page, “What a proud day for the valley.”'],
                ['Ms Brenn said it was “a fine day for the valley” in a short post.'])
    assert len(out) == 1 and out[0].kind == "assertion"
    assert {v.value for v in out[0].values} == {"A fine day for the valley", "What a proud day for the valley"}


def test_fragments_other_remarks_and_other_speakers_are_not_wording_disputes() -> None:
    # a fragment of the longer quote
    assert found(['“A fine day for the valley and its farms,” the mayor wrote.'],
                 ['The mayor wrote that it was “a fine day for the valley”.']) == []
    # two different remarks that share a few words
    assert found(['“The storm wrecked the old mill and we will rebuild it by spring,” the mayor said.'],
                 ['“We will rebuild the school first,” the mayor said.']) == []
    # the same words from two different speakers
    assert found(['“A fine day for the valley,” the mayor wrote.'],
                 ['“A grand day for the valley,” the governor wrote.']) == []


def test_rival_wordings_shape() -> None:
    w = assertions.quote_words
    assert assertions.rival_wordings(w("good for the town"), w("this is great for the town"))
    assert not assertions.rival_wordings(w("good for the town"), w("Good for the town!"))
    assert not assertions.rival_wordings(w("good for the town"), w("it is good for the town"))  # a trim
    assert not assertions.rival_wordings(w("we honour the crew today"), w("we honor the crew today"))  # a spelling
    # the writer's words in brackets and a number written out are not another wording
    assert not assertions.rival_wordings(
        w("The board has decided that Suni and Ray will fly home on [the agency's] Flight-4 next May, and that "
          "the capsule will fly back empty"),
        w("The board has decided that Sunny and Ray will fly home on flight four next May, and that the capsule "
          "will fly back empty"))


# ----------------------------------------------------------------------------------------- spelling

def test_two_spellings_of_one_name_in_one_role_are_a_name_dispute() -> None:
    out = found(['The farmer Olek Varga and his daughter Marisol were rescued.'],
                ['Rescuers reached Olek Varga and his daughter, Marysol, at dawn.'],
                ['Olek Varga and his daughter Marysol Varga are safe.'])
    assert len(out) == 1 and out[0].kind == "name"
    assert values(out[0]) == [("Marisol", (0,)), ("Marysol", (1, 2))]
    assert out[0].likely == "Marysol"


def test_spellings_without_a_shared_context_or_used_by_one_line_are_not_disputes() -> None:
    # no role noun or neighbouring name ties the two spellings to one person
    assert found(['Marisol arrived at the shelter.'], ['The shelter was run by Marysol.']) == []
    # one outlet uses both spellings: it cannot be counted on either side
    assert found(['His daughter Marisol waved.', 'His daughter Marysol waved again.'],
                 ['His daughter Marysol waved.']) == []
    # another ending is another word or another person
    assert found(['The Foreign Ministry said so.'], ['The Foreign Minister said so.']) == []
    assert found(['His daughter Christina waved.'], ['His daughter Christine waved.']) == []
    # a plural and a truncation are not spellings of a name
    assert found(['The trader Vessel Labs listed first.'], ['The trader Vessel Lab listed first.']) == []


def test_a_surname_written_with_an_added_s_beside_the_same_first_name_is_a_name_dispute() -> None:
    out = found(['Nurse Ada Lindqvist treated the crew.'], ['On Monday, Ada Lindqvists said the crew was calm.'],
                ['The crew thanked Ada Lindqvist.'])
    assert len(out) == 1 and {v.value for v in out[0].values} == {"Lindqvist", "Lindqvists"}
    assert out[0].likely == "Lindqvist"
    # without the same first name beside both, an added "s" is a plural or a family
    assert found(['The Lindqvist farm flooded.'], ['The Lindqvists left the farm.']) == []


# ------------------------------------------------------------------------------------------- venues

def test_two_exchanges_for_one_company_are_a_dispute_and_an_acronym_is_not() -> None:
    out = found(['Shares of Quillon Robotics surged in their debut on the Nasdaq on Tuesday.'],
                ['Quillon Robotics, which began trading on the London Stock Exchange, rose 20%.'])
    assert len(out) == 1 and out[0].about == "Where the shares of Quillon Robotics trade"
    assert {v.value for v in out[0].values} == {"Nasdaq", "London Stock Exchange"}
    assert assertions._venues(0, "Quillon Robotics shares weighed on the Nasdaq Composite.") == []  # an index
    listed = found(['The NYSE-listed robot maker Quillon Robotics rose.'], ['Quillon Robotics trades on the Nasdaq.'])
    assert [sorted(v.value for v in d.values) for d in listed] == [["NYSE", "Nasdaq"]]
    only_listed = found(['The NYSE-listed Quillon Robotics rose.'], ['The Nasdaq-listed Quillon Robotics fell.'])
    assert [sorted(v.value for v in d.values) for d in only_listed] == [["NYSE", "Nasdaq"]]
    assert len(found(['Quillon Robotics debuted on the Nasdaq exchange.'],
                     ['Quillon Robotics debuted on the New York Stock Exchange.'])) == 1
    assert found(['Quillon Robotics listed on the HKEX.'], ['Quillon Robotics listed on the Hong Kong exchange.']) == []
    assert found(['Quillon Robotics began trading on the NYSE on Friday.'],
                 ['Quillon Robotics shares are listed on the New York Stock Exchange.']) == []


# -------------------------------------------------------------------------------------- in the merge

def _article(slug: str, outlet: str, day: int, body: str):
    text = (f"---\ntitle: Ferry service returns to the island {slug}\noutlet: {outlet}\n"
            f"url: https://{slug}.example/ferry\npublished: 2031-05-{day:02d}T09:00:00+00:00\n"
            f"story: island-ferry\n---\n{body}\n")
    return parse_article(Path(f"{slug}.md"), text, config())


def test_merge_numbers_assertion_disputes_after_figure_disputes_in_any_order() -> None:
    articles = [
        _article("north", "North Post", 3, 'The island ferry resumed service after a month of repairs to the pier.\n\n'
                 '"The ferry runs again from Monday," announced Harbour Master Ada Quill at the pier.'),
        _article("south", "South Times", 4, 'The island ferry resumed service after weeks of repairs to the pier.\n\n'
                 '“The ferry runs again from Monday,” said Mayor Tomas Brenn after the council vote.'),
        _article("east", "East Ledger", 4, 'Ferry service to the island resumed after repairs to the pier.'),
    ]
    story = merge_story("island-ferry", articles, None, config())
    again = merge_story("island-ferry", list(reversed(articles)), None, config())
    assert story.disputes == again.disputes
    who = [d for d in story.disputes if d.about.startswith("Who said")]
    assert len(who) == 1 and who[0].id == f"d{len(story.disputes)}"
    assert {v.value for v in who[0].values} == {"Harbour Master Ada Quill", "Mayor Tomas Brenn"}
    assert all(len(v.sources) == 1 and v.quote for v in who[0].values)


def test_the_speaker_is_read_before_or_after_the_quote_and_a_pronoun_is_no_speaker() -> None:
    def speaker(sentence: str) -> str | None:
        found_remarks = assertions.remarks_in([(0, sentence)])
        return found_remarks[0].speaker if found_remarks else None

    assert speaker('“We open at noon,” announced Director Lena Oduya on Friday.') == "Director Lena Oduya"
    assert speaker('“We open at noon,” the director said.') == "the director"
    assert speaker('“We open at noon,” according to Lena Oduya.') == "Lena Oduya"
    assert speaker('Ms. Oduya wrote on Friday, “We open at noon.”') == "Ms Oduya"
    assert speaker('“We open at noon,” he said.') is None
    assert speaker('Oduya, who said last week that the hall was closed, called it “a fine place”.') is None


# -------------------------------------------------------------------------------------------- causes

def test_two_causes_of_one_event_from_different_lines_are_a_dispute() -> None:
    out = found(['Inspectors said a cracked brake disc caused the collision at the junction.'],
                ['Officials believe a signal cable failed moments before the collision.'],
                ['The collision was caused by a worn signal cable, the operator said.'])
    assert len(out) == 1 and out[0].about == "The cause of the collision"
    assert values(out[0]) == [("a cracked brake disc", (0,)), ("a worn signal cable", (1, 2))]


def test_two_contributing_factors_are_no_dispute_but_support_a_stated_cause() -> None:
    assert found(['Dry brush was a factor in the blaze, crews said.'],
                 ['A downed line contributed to the blaze.']) == []
    out = found(['Dry brush was a factor in the blaze, crews said.'], ['Fireworks caused the blaze.'],
                ['The blaze was blamed on dry brush near the road.'])
    assert [sorted(v.articles) for v in out[0].values] == [[0, 2], [1]]


def test_what_is_not_a_cause_frame() -> None:
    read = lambda text: assertions.causes_in(0, text)  # noqa: E731
    assert read("Gusts caused the blaze to spread across the valley.") == []  # caused X to do Y
    assert read("The explosion sparked a fire in the warehouse.") == []  # an effect, not the story's event
    assert read("The crash did not cause the outage.") == []  # negated
    assert read("Nobody knows what caused the outage.") == []  # no cause named
    assert read("A faulty valve caused the 2019 Harbor Street blast.") == []  # another, named event
    assert read("A loose rail caused the previous derailment there.") == []  # another event
    assert read("Crews want to learn whether a loose rail caused the derailment.") == []  # a question
    assert [c.cause for c in read("The outage was caused by a fallen pylon near the river.")] == ["a fallen pylon"]
    assert [c.cause for c in read("The outage was blamed on a fallen pylon.")] == ["a fallen pylon"]


# ------------------------------------------------------------------------------------------ seats

def test_two_towns_for_one_company_seat_are_a_dispute() -> None:
    out = found(["Quillon Systems shares rose 4% on Monday.", "The Brookfield-based chipmaker makes sensors."],
                ["Quillon Systems shares rose on Monday.", "The Ashby, Wessex-headquartered company makes sensors."],
                ["Quillon Systems makes sensors.", "Quillon Systems is headquartered in Ashby, Wessex, since 1990."])
    seats = [d for d in out if d.about.startswith("Where")]
    assert len(seats) == 1 and seats[0].about == "Where Quillon Systems is based"
    assert values(seats[0]) == [("Brookfield", (0,)), ("Ashby, Wessex", (1, 2))]
    assert seats[0].likely == "Ashby, Wessex"


def test_a_region_holding_the_town_or_someone_else_based_elsewhere_is_no_seat_dispute() -> None:
    # "California-based" may hold the town; "a Denver-based lawyer" is another person's seat
    out = found(["Quillon Systems, the Brookfield-based maker, rose 4%."],
                ["The California-based Quillon Systems rose 4%.", "A Denver-based lawyer for the family spoke."],
                ["Brookfield-based Quillon said sales rose.", "Shares of Ardent, the Ashby-based maker, fell."])
    assert [d for d in out if d.about.startswith("Where")] == []
    seats = assertions.seats_in(0, "Shares of Ardent, the Ashby-based maker, fell, while Brookfield-based Quillon rose.")
    assert [(s.subject, s.town) for s in seats] == [("Ardent", "ashby"), ("Quillon", "brookfield")]


# ------------------------------------------------------------------------------------ named years

def test_a_numbered_things_year_a_year_apart_in_two_lines_is_a_dispute() -> None:
    out = found(["Seeker-2 lost its lander in a hard touchdown on 9 May 2027."],
                ["The Seeker-2 mission, flown in 2028, reached orbit but lost its lander."],
                ["Seeker-2 lost its lander in 2027, the agency said."], story_day=date(2031, 3, 1))
    years = [d for d in out if d.about.startswith("The year of")]
    assert len(years) == 1 and years[0].about == "The year of Seeker-2"
    assert values(years[0]) == [("2027", (0, 2)), ("2028", (1,))]


def test_years_far_apart_dates_and_sentences_not_about_the_numbered_thing_are_no_year_dispute() -> None:
    out = found(["Seeker-2 launched in 2027 and was retired in 2031."],  # two years: which is which?
                ["Seeker-2 was retired in 2031."],
                ["Seeker-2 first flew in 2027."],  # four years from 2031: two events of one craft
                ["On May 30, 2029, the agency named a new chief."], story_day=date(2033, 3, 1))
    assert [d for d in out if d.about.startswith("The year of")] == []
    # a numbered thing of the story's own year is still making news: its launch and its sales
    out = found(["Seeker-2 launched in 2032."], ["Seeker-2 sold out in 2033."], story_day=date(2033, 3, 1))
    assert [d for d in out if d.about.startswith("The year of")] == []
    assert assertions.named_year(0, "On May 30, 2029, the agency named a new chief.") is None
    assert assertions.named_year(0, "After a long review that ran for a year, Seeker-2 flew in 2029.") is None


# -------------------------------------------------------------------------------------- the first

def test_one_record_given_to_two_holders_is_a_dispute() -> None:
    out = found(["Quillon became the first carmaker to sell a million electric vans, the company said."],
                ["Ardent Motors was the first carmaker to sell a million electric vans, in 2029."],
                ["The milestone made Quillon the first carmaker to sell a million electric vans."],
                ["The first carmaker to sell a million electric vans was Ardent Motors, in 2029."])
    firsts = [d for d in out if d.about.startswith("Who was the first")]
    assert len(firsts) == 1
    assert values(firsts[0]) == [("Quillon", (0, 2)), ("Ardent Motors", (1, 3))]
    assert firsts[0].about == "Who was the first carmaker to sell a million electric vans"


def test_other_records_hopes_and_the_same_holder_are_no_first_dispute() -> None:
    out = found(["Quillon became the first carmaker to sell a million electric vans."],
                ["Ardent was the first carmaker to sell a million diesel trucks."],  # another record
                ["Rival Brisk is set to become the first carmaker to sell a million electric vans."],  # a hope
                ["Quillon Motors, the first carmaker to sell a million electric vans, rose 3%."])
    assert [d for d in out if d.about.startswith("Who was the first")] == []


def test_an_unnamed_seat_beside_another_name_is_not_the_story_subjects() -> None:
    out = found(["Quillon Systems rose 4%.", "The Brookfield-based company makes sensors."],
                ["Quillon Systems rose.", "Quillon Systems sells to Ardent, and the Ashby-based retailer resells them."],
                ["Quillon Systems makes sensors.", "Quillon Systems is headquartered in Brookfield."])
    assert [d for d in out if d.about.startswith("Where")] == []


# ------------------------------------------------------------------------------------------- ages

def test_one_persons_age_given_two_ways_is_a_dispute() -> None:
    out = found(["The pilot, Ada Quill, 48, had flown the route for years."],
                ["Rescuers found the 49-year-old pilot Ada Quill near the shore."],
                ["Captain Ada Quill (48) was at the controls."])
    ages = [d for d in out if d.about.startswith("The age of")]
    assert len(ages) == 1 and ages[0].about == "The age of Ada Quill"
    assert values(ages[0]) == [("48", (0, 2)), ("49", (1,))]
    assert ages[0].likely == "48"


def test_a_family_sharing_a_surname_and_dates_are_no_age_dispute() -> None:
    out = found(["Tomas Brenn, 48, and his son Milo Brenn, 19, were aboard."],
                ["Milo Brenn, 19, was aboard with his father."],
                ["The ferry left on March 3, 2031, with Tomas Brenn, 48, aboard."])
    assert [d for d in out if d.about.startswith("The age of")] == []
    assert assertions.ages_in(0, "It sank on Monday, May 12, off the cape.") == []
    assert assertions.ages_in(0, "Cases rose in New York (10) and in North Dakota (12).") == []


# ------------------------------------------------------------------------------------- landing site

def test_two_places_a_craft_came_down_from_different_lines_are_a_dispute() -> None:
    out = found(["The probe landed near the northern crater rim of the moon on Tuesday."],
                ["The agency said the probe touched down on the lunar northern crater rim."],
                ["The probe is expected to land on the far side of the moon next week."])
    [dispute] = [d for d in out if d.about == "Where it came down"]
    assert {v.value for v in dispute.values} == {"the northern crater rim of the moon", "the far side of the moon"}
    assert dispute.likely == "the northern crater rim of the moon"


def test_what_is_not_a_landing_site_dispute() -> None:
    # a generic place names no particular one; a denial is no place; one place written two ways is one
    assert found(["The probe landed on the lunar surface."], ["The probe landed near the northern crater."]) == []
    assert found(["The probe did not land on the far side."], ["The probe landed near the northern crater."]) == []
    assert found(["The probe landed near the north pole."], ["The probe touched down close to the polar region."]) == []
    # a plane due at one airport that landed at another tells a diversion, not a disagreement
    assert found(["The plane was due to land at Kestrel airport but landed at Marsh Field instead."],
                 ["The plane landed at Marsh Field after the storm."]) == []
    # an airport's code cannot be told from the city named
    assert found(["The crew landed safely at Halden."], ["The pilots landed at HDN after the scare."]) == []


def test_a_line_giving_two_places_as_plans_contradicts_itself_and_stands_on_both_sides() -> None:
    out = found(["The probe is expected to land on the far side of the moon.",
                 "The probe is scheduled to land near the northern crater rim."],
                ["The probe landed near the northern crater rim."],
                ["The probe touched down on the northern crater rim."])
    [dispute] = out
    assert sorted(values(dispute)) == [("the far side of the moon", (0,)), ("the northern crater rim", (0, 1, 2))]


# ------------------------------------------------------------------------------------------ make-up

def test_a_make_up_list_with_one_member_swapped_by_another_line_is_a_dispute() -> None:
    out = found(["Comprising a hull, a sail, and a keel, the yacht was built in one winter."],
                ["The yard spent most of its budget on the hull, sail, and rudder, and the rest on trials."])
    [dispute] = out
    assert dispute.about == "What it is made of besides the hull and sail"
    assert values(dispute) == [("keel", (0,)), ("rudder", (1,))]


def test_lists_that_are_not_a_make_up_or_not_one_swap_are_no_dispute() -> None:
    # neither list is given as a make-up (charges named, a few of many)
    assert found(["He was convicted of fraud, bribery, and perjury."], ["He faced fraud, bribery, and theft charges."]) == []
    # two members differ, or the lists differ in size: another list, not a swap
    assert found(["Comprising a hull, a sail, and a keel, the yacht was built in one winter."],
                 ["The yard spent its budget on the hull, mast, and rudder."]) == []
    assert found(["Comprising a hull, a sail, and a keel, the yacht was built in one winter."],
                 ["The yard spent its budget on the hull, sail, keel, and rudder."]) == []
    # a clause run into the list is no list, and names are no make-up
    assert assertions.lists_in(0, "It managed to deploy a probe, but its hull and sail were lost.") == []
    assert assertions.lists_in(0, "Comprising Ada, Ben, and Cleo, the crew trained for a year.") == []


def test_land_the_noun_and_an_idiom_are_no_landing_site() -> None:
    assert assertions.sites_in(0, "Farmers lost land near the river and the land in the valley flooded.") == []
    assert assertions.sites_in(0, "The mayor landed in hot water after the vote.") == []
    [site] = assertions.sites_in(0, "The probe is due to softly land near the northern crater.")
    assert site.place == "the northern crater" and site.planned


def test_estimates_from_different_estimators_are_shown_as_estimates_that_differ() -> None:
    disputes = found(["The cost of harbour repairs was estimated at $2.4 billion, according to the Coastal Works Board."],
                     ["Mayor Ines Dorado said the damage was estimated at close to $3 billion.",
                      "Total damage could be up to $4 billion, Hallam Risk said in an early estimate on Friday."])
    assert len(disputes) == 1
    d = disputes[0]
    assert d.about == "Estimates of the cost differ" and d.likely is None
    # each figure as given, with who estimated it; the outlet giving two estimators' figures is no self-contradiction
    assert [v.value for v in d.values] == ["$2.4 billion (Coastal Works Board)", "about $3 billion (Mayor Ines Dorado)",
                                           "$4 billion (Hallam Risk)"]


def test_one_estimator_updating_a_rounding_or_no_estimator_is_no_estimate_dispute() -> None:
    # one estimator's two figures: an update, not estimates that differ
    assert not found(["The Coastal Works Board estimated the damage at $2 billion on Monday."],
                     ["The Coastal Works Board later estimated the damage at $3 billion."])
    # the same figure to its written precision
    assert not found(["The damage was estimated at $2.4 billion, according to the Coastal Works Board."],
                     ["Hallam Risk said the damage was estimated at $2.43 billion."])
    # no one named: nothing to attribute
    assert not found(["The damage was estimated at $2 billion."], ["The damage is estimated at $3 billion, officials said."])
    # two lines must give the estimates: one article's two estimators are not outlets disagreeing
    assert not found(["The Coastal Works Board estimated the damage at $2 billion, while Hallam Risk estimated "
                      "the losses at $4 billion."])
