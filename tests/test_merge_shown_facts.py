"""What a story page shows (story._claims and the drafts it reads): one claim per happening of a
day; a fact a bigger claim's sentences tell that its text does not (a state that held only for a
while) as its own claim; a record or a definition told once, with every source that tells it; no
lone line of the writer's judgement. Fixtures are invented events in our own words."""
from __future__ import annotations

import pytest
from merge_support import story_from_bodies

from sitegen.merge import hedges, newsworthy, story as story_module
from sitegen.merge.claims import Item
from sitegen.merge.features import sentence_features
from sitegen.merge.independence import SourceInfo
from sitegen.merge.sentences import Sentence

DAY = "2031-04-17"

# One ship, four outlets: each tells the grounding on Monday, and each tells a different thing that
# happened on Wednesday. The Wednesday statements share a day and nothing else.
AGROUND = {
    "harbourpost.example": ("The cargo ship Orla Grey ran aground off Kestrel Point on Monday, the port authority "
                            "said. Divers reached the hull on Wednesday and found a long crack below the waterline. "
                            "The crew of fourteen was taken ashore by lifeboat.", DAY),
    "coastwire.example": ("The Orla Grey, a cargo ship carrying timber, ran aground near Kestrel Point on Monday. "
                          "The ship's fuel tanks were expected to be pumped dry on Wednesday before the tide turned. "
                          "All fourteen crew members were rescued by lifeboat.", DAY),
    "islandnews.example": ("The cargo ship Orla Grey struck rocks off Kestrel Point on Monday night. Salvage crews "
                           "said on Wednesday that the timber cargo would be lifted off by crane. Fourteen sailors "
                           "were brought ashore.", DAY),
    "baytimes.example": ("The grounded cargo ship Orla Grey has been stuck off Kestrel Point since Monday. On "
                         "Wednesday the harbour master closed the channel to other vessels. The fourteen crew were "
                         "rescued by a lifeboat.", DAY),
}


def test_statements_sharing_only_a_day_do_not_back_each_other() -> None:
    story = story_from_bodies(AGROUND, "Cargo ship runs aground off Kestrel Point", "orla")
    wednesday = [c for c in story.claims if "Wednesday" in c.text]
    assert len(wednesday) == 4  # four happenings, each its own outlet's
    for claim in wednesday:
        assert claim.badge == "single-source", claim
        assert {q.text for q in claim.quotes} == {claim.text}
    grounded = next(c for c in story.claims if "aground" in c.text)
    assert grounded.independent_sources == 4  # the Monday grounding, told in four wordings, stays one claim


def test_a_day_told_with_the_same_happening_keeps_its_sources() -> None:
    bodies = {outlet: (body.replace("Wednesday", "Tuesday"), day) for outlet, (body, day) in AGROUND.items()}
    story = story_from_bodies(bodies, "Cargo ship runs aground off Kestrel Point", "orla")
    grounded = next(c for c in story.claims if "aground" in c.text)
    assert grounded.independent_sources == 4
    assert not any(c.text.startswith("The cargo ship") and "Tuesday" in c.text for c in story.claims)


# An index crosses a round figure; two outlets add that it held above it only for part of the day.
CROSSED = {
    "marketdesk.example": ("The Corvan stock index passed 20,000 points for the first time on Friday. It briefly "
                           "rose above 20,000 points before ending the session at 19,870.", "2031-06-07"),
    "tickerline.example": ("Corvan's main index topped 20,000 points on Friday, a first in its history. Traders "
                           "cheered as the index hit 20,000 points, though it closed just below that level.",
                           "2031-06-07"),
    "fundsdaily.example": ("For the first time, the Corvan index climbed past 20,000 points on Friday. Bank shares "
                           "led the gains.", "2031-06-07"),
    "ledgernews.example": ("The Corvan index went above 20,000 points on Friday for the first time ever. Mining "
                           "stocks also rose.", "2031-06-07"),
}


def test_a_state_held_only_for_a_while_is_a_claim_of_its_own() -> None:
    story = story_from_bodies(CROSSED, "Corvan index passes 20,000", "corvan")
    crossed = story.claims[0]
    assert "20,000" in crossed.text and crossed.independent_sources == 4
    turned = [c for c in story.claims if story_module._REVERSAL.search(c.text)]
    assert len(turned) == 1
    assert turned[0].independent_sources == 2  # told by both outlets, each in its own words
    assert {q.source for q in turned[0].quotes} == {"s3", "s4"}


def test_a_claim_whose_text_tells_the_reversal_gets_no_second_claim() -> None:
    bodies = dict(CROSSED)
    bodies["fundsdaily.example"] = ("The Corvan index briefly climbed past 20,000 points on Friday for the first "
                                    "time. Bank shares led the gains.", "2031-06-07")
    story = story_from_bodies(bodies, "Corvan index passes 20,000", "corvan")
    turned = [c for c in story.claims if story_module._REVERSAL.search(c.text)]
    assert len(turned) <= 2
    assert len({c.text for c in turned}) == len(turned)


def test_reversal_cues_are_whole_phrases() -> None:
    assert story_module._REVERSAL.search("Shares briefly rose above the mark.")
    assert story_module._REVERSAL.search("It closed just below the mark.")
    assert not story_module._REVERSAL.search("The wreck lies far below the surface.")
    assert "briefly" in hedges.REVERSAL_CUES


# Four outlets tell a bridge closure; three add a line of their own.
CLOSED = {
    "rivertimes.example": ("The Halden bridge was closed to traffic on Monday after engineers found a cracked "
                           "support beam. The closure ended a remarkable chapter for the old crossing.",
                           "2031-03-04"),
    "citydesk.example": ("Engineers closed the Halden bridge on Monday when they found a crack in a support beam. "
                         "The bridge carried 31,000 cars a day before a stunning decline in its upkeep.",
                         "2031-03-04"),
    "northnews.example": ("A cracked support beam forced the closure of the Halden bridge on Monday, engineers "
                          "said. The decision was a remarkable one for a crossing so busy, the mayor said.",
                          "2031-03-04"),
    "valleypost.example": ("The Halden bridge shut on Monday after a cracked support beam was found by "
                           "engineers.", "2031-03-04"),
}


def test_a_lone_line_of_judgement_is_no_claim_unless_it_counts_or_is_attributed() -> None:
    story = story_from_bodies(CLOSED, "Halden bridge closed after crack found", "halden")
    texts = [c.text for c in story.claims]
    assert not any("chapter" in t for t in texts)  # the writer's flourish, unattributed
    assert any("31,000 cars" in t for t in texts)  # a figure is a fact beside the colour
    assert any("the mayor said" in t for t in texts)  # a speaker's judgement is reported speech


@pytest.mark.parametrize("text, judged", [
    ("The reopening is seen as a test of the city's patience.", True),  # framing, with no figure or date
    ("Halden-2 stands as a pivotal project for the region.", True),  # (the digit of a name counts nothing)
    ("Surprisingly, the old crossing outlived its replacement.", True),
    ("The 2031 budget is viewed as a bellwether.", False),  # a figure is a fact beside the framing
    ("The bridge was regarded as safe until 2029.", False),
    ("After all, a bridge is only as strong as its weakest beam.", True),  # the writer arguing
    ("The engineers presumably checked the beams over coffee.", True),  # the writer supposing
])
def test_framing_words_judge_a_lone_line(text: str, judged: bool) -> None:
    found = story_module._judgement().search(newsworthy.unquoted(text).lower()) is not None
    assert (found and not story_module._counts_or_dates(text)) is judged


def test_a_site_adds_its_own_judgement_words() -> None:
    pattern = story_module._judgement(("a sorry tale",))
    assert pattern.search("it was a sorry tale for the town.")  # (asked of lower-cased text)
    assert pattern.search("a tragic end.") and not pattern.search("the tragedy unit met.")


# A record told in three wordings by three outlets, beside the flight every outlet tells.
RECORD_DAY = "2031-09-12"
RECORD = {
    "airdesk.example": ("Lumen Air flew a hydrogen-powered plane from Dublin to Boston on Thursday. On Thursday the "
                        "carrier became the first airline to cross the Atlantic on hydrogen. The flight took seven "
                        "hours.", RECORD_DAY),
    "skyreport.example": ("Lumen Air's hydrogen plane landed in Boston on Thursday after leaving Dublin. Lumen Air "
                          "achieved a notable feat, making it the first-ever airline to fly across the ocean on "
                          "hydrogen power. Tickets were not sold for the trip.", RECORD_DAY),
    "travelwire.example": ("A Lumen Air plane running on hydrogen completed a Dublin to Boston flight on Thursday. "
                           "Lumen Air has become the first airline company to make the crossing with hydrogen "
                           "alone. Engineers rode along.", RECORD_DAY),
    "flightnews.example": ("Lumen Air completed the first hydrogen flight between Dublin and Boston on Thursday. "
                           "Its chief executive praised the crew.", RECORD_DAY),
}


def test_a_record_told_in_other_words_is_one_claim_with_both_sources() -> None:
    story = story_from_bodies(RECORD, "Hydrogen plane crosses the Atlantic", "lumen")
    records = [c for c in story.claims if "first airline" in c.text or "first-ever airline" in c.text]
    assert len(records) == 1
    assert records[0].independent_sources == 2


def test_records_are_read_with_their_noun_and_not_from_times() -> None:
    assert story_module._records("It became the first-ever airline to do so.") == {("first", "airlin")}
    assert story_module._records("Shares rose 20% last week.") == frozenset()
    launched = story_module._Telling(frozenset({"launch"}), frozenset(), frozenset(), (("June 5", (6, 5)),),
                                     "The first crewed flight launched on June 5.", False,
                                     story_module._records("The first crewed flight launched on June 5."))
    delayed = launched._replace(text="The first crewed flight slipped to April.", particulars=(("April", (4, None)),))
    assert not delayed.retells(launched, single=True)  # one record, two different days: not one telling


@pytest.mark.parametrize("text, term", [
    ("A sinkhole happens when water dissolves the rock under the ground.", "sinkhole"),
    ("A sudden structural failure refers to a collapse without warning.", "failure"),
    ("The term whiteout is defined as snow so thick the horizon is lost.", "whiteout"),
    ("The company means business.", ""),
    ("The ferry sank on Monday.", ""),
])
def test_a_definition_is_read_by_its_shape(text: str, term: str) -> None:
    assert story_module._defined(text) == term


def test_a_term_is_defined_once_with_both_sources() -> None:
    bodies = {
        "geodesk.example": ("A sinkhole opened under Pell Street on Sunday, swallowing two parked cars. A sinkhole "
                            "happens when water dissolves the rock beneath the ground.", "2031-05-05"),
        "towncrier.example": ("Two cars fell into a sinkhole on Pell Street on Sunday. A sinkhole refers to a "
                              "hollow left when soluble rock below the surface washes away.", "2031-05-05"),
        "metroline.example": ("A sinkhole on Pell Street took two parked cars on Sunday, the council said.",
                              "2031-05-05"),
    }
    story = story_from_bodies(bodies, "Sinkhole swallows cars on Pell Street", "pell")
    definitions = [c for c in story.claims if story_module._defined(c.text)]
    assert len(definitions) == 1
    assert {q.source for q in definitions[0].quotes} == {"s1", "s3"}


def _item(article: int, text: str, vocabulary: frozenset[str]) -> Item:
    features = sentence_features([text], vocabulary, None, 2031)[0]
    return Item(Sentence(article, 0, text, words=len(text.split())), features)


def test_a_rival_figure_inside_a_claim_is_a_claim_of_its_own() -> None:
    vocabulary = frozenset({"quarrix", "voltana", "group", "monday"})
    texts = ["Quarrix hit a $200 billion market value on Monday.",
             "Quarrix reached $200 billion in market value on Monday.",
             "At $200 billion, Quarrix leaves its closest rival, Voltana Group, far behind at about $80 billion.",
             "Quarrix was worth $200 billion on Monday, up from $190 billion."]
    items = [_item(n, t, vocabulary) for n, t in enumerate(texts)]
    keys = [f"line{n}" for n in range(len(texts))]
    inner = story_module._InnerFacts(items, keys, [], lambda _text: None)
    claim = story_module.Draft([0, 1, 2, 3], [0, 1, 2, 3])
    found = story_module._absorbed(claim, texts[0], items, inner)
    assert [f.members for f in found] == [[2]]  # "$190 billion" is named by no one the page has not told
    disputed = story_module.Draft([0, 1, 2, 3], [0, 1, 2, 3], dispute=0)
    assert story_module._absorbed(disputed, texts[0], items, story_module._InnerFacts(items, keys, [], print)) == []


def test_a_value_its_dispute_gives_to_fewer_lines_is_no_claims_text() -> None:
    vocabulary = frozenset({"sandpiper", "gull", "island", "monday"})
    texts = ["The ferry Sandpiper, with 150 passengers on board, ran aground off Gull Island on Monday.",
             "The ferry Sandpiper ran aground off Gull Island on Monday with 120 passengers aboard.",
             "All 120 passengers of the Sandpiper were safe after it ran aground off Gull Island on Monday."]
    items = [_item(n, t, vocabulary) for n, t in enumerate(texts)]
    infos = [SourceInfo(n, "original", f"line{n}", None, None, (), (), False, False) for n in range(len(texts))]
    minority = {texts[0]}  # (the dispute's 150, which one line gives against two)

    def shown_text(draft: story_module.Draft) -> str | None:
        draft.text = texts[draft.members[0]]  # (the clearest sentence, as text_of would choose it)
        return story_module._shown_text(draft, items, infos, lambda _t: None, lambda d: d.text or "", set(), set(),
                                        lambda _t: True, minority)

    assert shown_text(story_module.Draft([0, 1, 2], [0, 1, 2])) in texts[1:]  # another outlet's sentence of the fact
    assert shown_text(story_module.Draft([0, 1, 2], [0, 1, 2], dispute=0)) in texts[1:]
    assert shown_text(story_module.Draft([0], [0])) is None  # a lone outlet's: the dispute shows it
    assert shown_text(story_module.Draft([1, 2], [1, 2])) == texts[1]


def test_a_figure_told_twice_within_rounding_is_not_alone() -> None:
    n = sentence_features(["The wreck lay 490 metres from the bow."], frozenset(), None, 2031)[0].numbers[0]
    assert not story_module._alone(n, [(n.unit, 488.0), (n.unit, n.value)])
    assert story_module._alone(n, [(n.unit, n.value), (n.unit, 1600.0), ("feet", 490.0)])


@pytest.mark.parametrize("text, noun", [
    ("Officials have not yet determined the cause of the blaze.", "cause"),
    ("The reason for the outage is under investigation, the utility said.", "reason"),
    ("Right now it is unclear what the motive was.", "motive"),
    ("The cause of the blaze was a downed power line.", ""),
    ("The investigation is under way.", ""),
])
def test_what_the_story_does_not_know_yet_is_read_by_its_shape(text: str, noun: str) -> None:
    assert story_module._open_question(text) == noun


def test_an_undetermined_cause_told_twice_in_other_words_is_one_claim() -> None:
    day = "2031-07-09"
    shared = "A fire destroyed the Garrow textile mill on Tuesday night, the fire service said."
    bodies = {
        "outlet1.example": (f"{shared} Investigators have not yet determined the cause of the fire.", day),
        "outlet2.example": (f"{shared} Fire officials said the cause of the blaze at the old building is under "
                            "investigation.", day),
        "outlet3.example": (f"{shared} The mill employed 120 people.", day),
    }
    story = story_from_bodies(bodies, "Fire destroys Garrow textile mill", "garrow")
    open_questions = [c for c in story.claims if story_module._open_question(c.text)]
    assert len(open_questions) == 1
    assert {q.source for q in open_questions[0].quotes} == {"s1", "s2"}


def test_an_opening_of_judgement_is_cut_from_a_corroborated_claim() -> None:
    judgement = story_module._judgement()
    cut = story_module._unjudged("In a stunning turn of events, the council voted to close the bridge.", judgement,
                                 lambda _t: True)
    assert cut == "The council voted to close the bridge."
    kept = "After the vote on Monday, the council closed the bridge."
    assert story_module._unjudged(kept, judgement, lambda _t: True) == kept
    dated = "In a remarkable 2031 season, the club won nine games."  # (a figure in it: not colour alone)
    assert story_module._unjudged(dated, judgement, lambda _t: True) == dated


@pytest.mark.parametrize("text, shown", [
    ("Update for 2:30 pm ET: The council voted to close the bridge.", "The council voted to close the bridge."),
    ("UPDATE: the bridge reopened on Friday.", "The bridge reopened on Friday."),
    ("Updated figures show the toll rose to nine.", "Updated figures show the toll rose to nine."),
])
def test_a_live_page_update_label_is_no_part_of_a_claim(text: str, shown: str) -> None:
    assert story_module._unlabelled(text, lambda _t: True) == shown


@pytest.mark.parametrize("text, leans", [
    ("The inspector — who had warned of the cracks a year ago — said the beam had failed.", True),
    ("The inspector said the beam had failed.", False),
    ("The Halden bridge — closed since Monday — will reopen in May.", False),
    ("Its north span was closed on Monday.", True),
    ("Their report was published on Friday.", True),
    ("At that height, the wind load doubles.", True),
    ("Within this budget, the deck was priced at 4 million euros.", True),
    ("At the time, the council had no repair fund.", True),
    ("At the time of the collapse, no car was on the bridge.", False),
    ("Since then, engineers have inspected every beam.", True),
    ("Last week it closed two lanes.", True),
    ("This week the council closed two lanes.", False),
    ("Italy's rail agency closed the line.", False),
    ("Hermann Lotz, the inspector, said the beam had failed.", False),
    ("Though these repairs cost 2 million euros, the span stayed shut.", True),
    ("The report found the beam had rusted through.", True),
    ("The report was published on Friday by the city.", False),
    ("However, their inspection found two more cracks.", True),
    ("However, the city said the span was safe.", False),
    ("“The span is safe,” he told reporters on Friday.", True),
    ("The span will reopen in May, they said.", True),
    ("Lotz said he told the council about the cracks.", False),
    ("The beam had rusted through, the official said.", True),
    ("A city official said the beam had rusted through.", False),
])
def test_an_opening_that_points_back_leans_on_the_sentence_before(text: str, leans: bool) -> None:
    assert newsworthy.leans_on_context(text) is leans


@pytest.mark.parametrize("text, speakers", [
    ("“The span will reopen in May,” Lotz said.", ["Lotz"]),
    ("Lotz and Brandt said the span will reopen in May.", ["Lotz", "Brandt"]),
    ("The span will reopen in May, said Lotz.", ["Lotz"]),
    ("Lotz: the span reopens in May.", ["Lotz"]),
    ("City engineer Hermann Lotz said the span will reopen in May.", []),  # (named in full here)
])
def test_a_speaker_named_by_one_word(text: str, speakers: list[str]) -> None:
    assert story_module._bare_speakers(text) == speakers


def test_a_lone_line_of_a_speaker_the_page_has_not_introduced_leans_on_context() -> None:
    speakers = story_module._Speakers(["City engineer Hermann Lotz inspected the span.", "The Halden Bridge closed.",
                                       "“It is safe,” Lotz said."])
    assert speakers.unintroduced("“It is safe,” Lotz said.")
    assert not speakers.unintroduced("“It is closed,” Halden said.")  # (no one the story writes in full so)
    speakers.show("City engineer Hermann Lotz inspected the span.")
    assert not speakers.unintroduced("“It is safe,” Lotz said.")  # introduced higher on the page


@pytest.mark.parametrize("text, relayed", [
    ("Earlier reports this week said divers had heard knocking from the hull.", True),
    ("Earlier, it was reported that the span would reopen within a day.", True),
    ("It was initially reported that nine people were aboard.", True),
    ("Divers reported knocking from the hull on Tuesday.", False),
    ("The span reopened earlier than reported.", False),
])
def test_a_relay_of_an_earlier_report_is_overtaken(text: str, relayed: bool) -> None:
    assert (story_module._SUPERSEDED.search(text) is not None) is relayed


def test_a_lone_relay_of_an_earlier_report_is_no_claim() -> None:
    bodies = dict(CLOSED)
    body, day = bodies["valleypost.example"]
    bodies["valleypost.example"] = (body + " Earlier reports said the bridge had been closed for a whole week in 2029.",
                                    day)
    texts = [c.text for c in story_from_bodies(bodies, "Halden bridge closed after crack found", "halden").claims]
    assert texts and not any("Earlier reports" in t for t in texts)


# Three outlets tell a derailment; two name its cause, one wrote before anyone knew it.
DERAILED = {
    "railnews.example": ("A freight train derailed near Olsby on Friday night, spilling grain across the tracks. "
                         "A cracked axle caused the derailment, investigators said on Monday.", "2031-06-09"),
    "valleydesk.example": ("Twelve wagons of a freight train derailed near Olsby on Friday. Investigators said a "
                           "broken axle caused the derailment.", "2031-06-09"),
    "northwire.example": ("A freight train derailed near Olsby late on Friday, officials said. There was no "
                          "immediate information from the rail operator or the county about the cause of the derailment.",
                          "2031-06-06"),
}


def test_a_cause_not_known_yet_is_overtaken_once_two_lines_name_it() -> None:
    story = story_from_bodies(DERAILED, "Freight train derails near Olsby", "olsby")
    texts = [c.text for c in story.claims]
    assert any("axle" in t for t in texts)
    assert not any("no immediate information" in t for t in texts)
    one_line = {k: v for k, v in DERAILED.items() if k != "valleydesk.example"}
    texts = [c.text for c in story_from_bodies(one_line, "Freight train derails near Olsby", "olsby").claims]
    assert any("no immediate information" in t for t in texts)  # one line naming a cause: still an open question


# Four outlets tell a flood's toll: three the latest count, one an earlier day's.
FLOOD = {
    "stormdesk.example": ("The death toll from the floods in the Varna Valley rose to 41 on October 3, officials "
                          "said. Rescue teams are still searching the river banks.", "2031-10-04"),
    "valleywire.example": ("At least 41 people have died in the Varna Valley floods, officials said on October 3. "
                           "Thousands of residents remain in shelters.", "2031-10-04"),
    "coastpost.example": ("Governor Ilse Marek said on October 1 the death toll from the floods on the valley's "
                          "western slopes had risen to 23, making them the deadliest in the region in fifty years. "
                          "Roads into the valley remain closed.", "2031-10-02"),
    "hillnews.example": ("Officials said on October 3 that 41 people had died in the Varna Valley floods. Power "
                         "was cut to two towns.", "2031-10-04"),
}


def test_an_earlier_days_toll_is_no_claim_of_its_own() -> None:
    story = story_from_bodies(FLOOD, "Varna Valley floods", "varna")
    assert any("41" in c.text for c in story.claims)
    assert not any("23" in c.text for c in story.claims)  # (its outlet backs the count the page gives)


def test_a_toll_of_another_year_or_an_increment_is_no_earlier_count() -> None:
    tolls = story_module._Tolls()
    tolls.show("At least 41 people have died in the floods.")
    assert tolls.stale("The toll had risen to 23 on Monday.")
    assert not tolls.stale("The 2019 floods, which killed 30 people, were the worst until now.")
    assert not tolls.stale("Officials added one more death to the toll.")
    assert not tolls.stale("The toll rose to 44 on Friday.")  # (a higher count is no earlier one)


@pytest.mark.parametrize("text, planned", [
    ("The probe will touch down on the plain on Friday.", True),
    ("The lander is scheduled to make a touchdown at 6 pm.", True),
    ("The landing will make the agency the third to reach the plain.", False),  # (what is planned is "make")
    ("The number of landings is expected to rise next year.", False),
    ("The probe landed on the plain on Friday.", False),
    ("The goal is for the probe, after a week of checks, to land on the plain.", True),  # (after the next "to")
    ("The agency plans to land the probe on Friday.", True),
    ("The plan is for the crew to rest after the landing.", False),  # (what is planned is the rest)
])
def test_the_event_told_as_still_to_come(text: str, planned: bool) -> None:
    assert story_module._still_to_come(text, frozenset({"land"})) is planned


@pytest.mark.parametrize("text, kept", [
    ("The probe was launched on May 2 and is expected to land on the plain on June 9.", "The probe was launched on May 2."),
    ("The probe will land on the plain on June 9.", None),  # (the plan is the sentence's own clause)
    ("The probe, launched in May, and its rover, built in Lyon, are expected to land in June.", None),
])
def test_a_clause_planning_the_event_is_cut_from_a_sentence(text: str, kept: str | None) -> None:
    assert story_module._without_plan(text, frozenset({"land"})) == kept


# Three outlets report a landing; two of them also tell the launch in a sentence planning the landing.
LANDED = {
    "spacedesk.example": ("The Orla probe landed on the Vesta plain on June 9, the agency said. The Orla probe was "
                          "launched on May 2 and is expected to land on the Vesta plain on June 9.", "2031-06-10"),
    "orbitwire.example": ("The agency's Orla probe landed on the Vesta plain on June 9. The Orla probe was launched "
                          "on May 2 and is expected to land on the Vesta plain on June 9.", "2031-06-10"),
    "skypost.example": ("On June 9 the Orla probe landed on the Vesta plain, agency officials said. Engineers "
                        "cheered in the control room.", "2031-06-10"),
}


def test_a_text_cut_from_a_planning_sentence_keeps_its_own_day_on_the_timeline() -> None:
    story = story_from_bodies(LANDED, "Orla probe lands on Vesta plain", "orla")
    assert any(c.text == "The Orla probe was launched on May 2." for c in story.claims)
    launch = [e for e in story.timeline if e.text == "The Orla probe was launched on May 2."]
    assert [e.date for e in launch] == ["2031-05-02"]  # (the day the cut text writes, not the plan's June 9)


def _lone_telling(text: str, terms: str, own: str, **fields: object) -> story_module._Telling:
    return story_module._Telling(frozenset(terms.split()), frozenset(), frozenset(), (), text, False,
                                 own=frozenset(own.split()), lone=True)._replace(**fields)


def test_two_lone_lines_telling_one_fact_in_the_story_s_words_are_one_claim() -> None:
    # "safe", "residents", "home" and "valley" are the story's own words: without them the two lines
    # share one word; with them, half of the shorter's (and three of the story's)
    mayor = _lone_telling("The mayor said on Friday it was safe for residents to go home to the valley after the spill.",
                          "mayor friday go spill", "safe resident home valley")
    officials = _lone_telling("State officials have said repeatedly that it is safe for residents to go home.",
                              "state repeat go", "safe resident home official")
    assert officials.retells(mayor, single=True)
    assert not officials.retells(mayor._replace(lone=False), single=True)  # a corroborated claim: its own test
    assert not officials.retells(mayor, single=False)
    # a figure, or a news predicate, is read as the existing tests read it
    assert not officials.retells(mayor._replace(particulars=(("40 homes", story_module.frames.Statement(
        0, 0, "number", "homes", 40.0, "40 homes", "", 0.5, frozenset(), frozenset(), False, "")),)), single=True)
    # sharing only the story's words is no retelling, nor a different thing said of two of them
    assert not _lone_telling("Residents said they were afraid to go home.", "afraid go", "resident home").retells(
        officials, single=True)
    worried = _lone_telling("Residents said they were afraid to go home to the valley.", "afraid go", "resident home valley")
    assert not worried.retells(_lone_telling("Crews cleared the valley road so residents could reach home.",
                                             "crew clear road reach", "resident home valley"), single=True)
    assert not _lone_telling("Residents fear the water.", "fear water", "resident").retells(officials, single=True)
