"""Disputes over dates (sitegen/merge/frames.py): the day an event happened, as outlets give it.

Fixture sentences are written for these tests (a ferry, a bridge, a stock listing that never were)."""
from __future__ import annotations

import dataclasses

from datetime import date, datetime, timezone

from merge_support import story_from_bodies
from sitegen.merge import frames


def _story(bodies: dict[str, tuple[str, str | None]], title: str = "A harbour ferry sinks"):
    """A story from {outlet: (body, published ISO date or None)}."""
    return story_from_bodies(bodies, title, "ferry")


def _date_disputes(story) -> list[set[str]]:
    return [{v.value for v in d.values} for d in story.disputes if d.kind == "date"]


def _dates(text: str, published: datetime | None = None, story_day: date | None = None) -> list[frames.Statement]:
    return frames.date_statements(0, 0, text, frozenset(), published, story_day)


def _assert_one_listing_slip(story) -> None:
    """The one date dispute is the undated outlet's October 10 against the others' Thursday, April 10."""
    [values] = _date_disputes(story)
    assert any(v.startswith("October 10") for v in values)
    assert any(v.startswith("Thursday") and "April 10" in v for v in values)


def test_an_undated_report_reads_its_month_and_day_in_the_story_year() -> None:
    day = frames.story_day([None, datetime(2031, 4, 9, tzinfo=timezone.utc),
                            datetime(2031, 4, 11, tzinfo=timezone.utc), datetime(2031, 4, 10, tzinfo=timezone.utc)])
    assert day == date(2031, 4, 10)
    [listed] = _dates("The chain listed its shares on October 10.", None, day)
    assert (listed.year, listed.month_day) == (2030, (10, 10))  # the nearest October 10 to the story's day
    # a weekday of an undated report could be of any week: it stays a weekday
    [weekday] = _dates("The chain listed its shares on Tuesday.", None, day)
    assert weekday.unit == "weekday" and weekday.year is None
    assert frames.story_day([None, None]) is None


def test_a_slipped_month_in_one_outlet_is_a_dispute_with_the_weekday_the_others_give() -> None:
    story = _story({
        "North Wire": ("Harbour Lines began trading on the city exchange on Thursday, its shares rising 30% "
                       "in their first session.\n", "2031-04-10"),
        "South Post": ("Shares of Harbour Lines began trading on Thursday on the city exchange and closed "
                       "30% higher.\n", "2031-04-10"),
        "East Herald": ("Harbour Lines, the ferry operator, began trading on the city exchange on October 10, "
                        "ending its first session up 30%.\n", None),
    }, title="Harbour Lines lists its shares")
    _assert_one_listing_slip(story)


def test_a_negation_at_the_far_end_of_the_clause_does_not_deny_the_date() -> None:
    [listed] = _dates("Harbour Lines began trading on Thursday after a long wait as a firm that has never made a profit.",
                      datetime(2031, 4, 11, tzinfo=timezone.utc))
    assert listed.negated is False
    [held] = _dates("The ferry did not sail on Thursday.", datetime(2031, 4, 11, tzinfo=timezone.utc))
    assert held.negated is True
    [later] = _dates("On Thursday, the ferry did not sail.", datetime(2031, 4, 11, tzinfo=timezone.utc))
    assert later.negated is True


def test_two_steps_of_one_story_a_day_apart_are_not_rival_dates() -> None:
    story = _story({
        "North Wire": ("The rescue ship left port on June 5 with the two divers aboard for the test dive.\n",
                       "2031-07-01"),
        "South Post": ("The two divers have been at the wreck since June 6 as part of the test dive.\n", "2031-07-01"),
        "East Herald": ("The rescue ship with the two divers of the test dive left port on June 5.\n", "2031-07-01"),
    })
    assert _date_disputes(story) == []


def test_the_same_happening_on_two_days_is_a_dispute() -> None:
    story = _story({
        "North Wire": ("The ferry sank on June 5 off the northern cape, the coast guard said.\n", "2031-06-07"),
        "South Post": ("The ferry sank off the northern cape on June 5, the coast guard said.\n", "2031-06-07"),
        "East Herald": ("The ferry sank on June 6 off the northern cape, according to the coast guard.\n",
                        "2031-06-07"),
    })
    assert _date_disputes(story) == [{"June 5, 2031", "June 6, 2031"}]
    [dispute] = [d for d in story.disputes if d.kind == "date"]
    # the heading names what is dated differently, in the words of the sentence that differs; its
    # values show the year, the heading need not
    assert dispute.about == "The date of: “The ferry sank on …”"


def _hung(text: str) -> str:
    [found] = [s for s in frames.date_statements(0, 0, text, frozenset(), datetime(2031, 6, 9, tzinfo=timezone.utc))
               if s.kind == "date"]
    return frames.hung_on(found, text)


def test_a_date_heading_names_the_happening_the_date_belongs_to() -> None:
    # the words after a conjunction that opens another happening, not the happening before it
    assert _hung("The vote came two days after the old bridge collapsed on June 4.") == "the old bridge collapsed on …"
    # a clause after an aside ("While ..., X ...")
    assert _hung("While the owner denies any fault, his hearing is set for June 20.") == "his hearing is set for …"
    # a date opening its clause: the words after it
    assert _hung("On June 4, the old bridge over the river collapsed.") == "… the old bridge over the river collapsed"
    # a day read from a distance has no words of its own
    text = "The mayor resigned on June 7, three days after the bridge fell."
    [dated] = [s for s in frames.date_statements(0, 0, text, frozenset(), None) if s.kind == "date"]
    assert frames.hung_on(dataclasses.replace(dated, role="relative"), text) == ""


def _relative(text: str, published: datetime | None) -> list[str]:
    return [frames.label(s) for s in frames.relative_statements(0, 0, text, frozenset(), published)]


def test_a_distance_from_a_written_or_published_day_is_read_as_a_date() -> None:
    published = datetime(2031, 8, 23, tzinfo=timezone.utc)
    # today's news "comes" N days after the event: the anchor is the publish date
    assert _relative("The landing comes just three days after a rival probe crashed into the hills.",
                     published) == ["August 20, 2031 (three days before August 23)"]
    # the anchor written in the sentence wins over the publish date
    assert _relative("The rival probe crashed two days before the landing on August 19.", published) == [
        "August 17, 2031 (two days before August 19)"]
    # a weekday names the anchor as well (the Monday before Saturday the 23rd is the 18th)
    assert _relative("The final dive on Monday came two days after the hull was found.", published) == [
        "August 16, 2031 (two days before August 18)"]
    assert _relative("The ferry was last seen a week ago near the cape.", published) == [
        "August 16, 2031 (a week before August 23)"]
    # the distance dates its own words only, up to the comma
    [crash] = frames.relative_statements(0, 0, "On August 5, three days after the crash, divers found the hull.",
                                         frozenset(), published)
    assert frames.label(crash) == "August 2, 2031 (three days before August 5)"
    assert "crash" in crash.happening and not {"diver", "found", "hull"} & crash.context
    # "a day later", "the next day": from the last date the sentence wrote before it
    assert _relative("The ferry left port on June 5, and the search for it began two days later.", published) == [
        "June 7, 2031 (two days after June 5)"]
    assert _relative("Contact was lost on Sunday; the navy joined the search the next day.", published) == [
        "August 18, 2031 (a day after August 17)"]
    # a past-tense main clause with no date of its own gives no anchor; nor does an undated article
    assert _relative("The ship sank four days after it left port.", published) == []
    assert _relative("The report is expected three weeks after the inquiry opens.", published) == []
    assert _relative("The landing comes three days after the crash.", None) == []


def test_a_relative_date_disputes_a_written_one() -> None:
    story = _story({
        "North Wire": ("The ferry's arrival comes just three days after the rival ferry sank near the northern "
                       "cape in a storm.\n", "2031-06-10"),
        "South Post": ("The rival ferry sank near the northern cape on June 8 during a storm, officials said.\n",
                       "2031-06-10"),
        "East Herald": ("A storm sank the rival ferry near the northern cape on June 8, officials said.\n",
                        "2031-06-10"),
    })
    assert _date_disputes(story) == [{"June 7, 2031 (three days before June 10)", "June 8, 2031"}]


def test_a_weekday_beside_a_date_is_that_date_and_a_wrong_one_marks_a_slip() -> None:
    published = datetime(2031, 4, 12, tzinfo=timezone.utc)  # a Saturday; 10 April 2031 is a Thursday
    [right] = _dates("The ferry sank on Thursday (April 10) off the cape.", published)
    assert right.month_day == (4, 10) and right.role == ""
    [wrong] = _dates("The ferry sank on Thursday, April 11, off the cape.", published)
    assert wrong.month_day == (4, 11) and wrong.role == "slip" and frames.label(wrong) == "Thursday, April 11, 2031"


def test_one_outlets_date_beside_the_wrong_weekday_is_a_dispute_with_the_others() -> None:
    story = _story({
        "North Wire": ("The ferry sank on Thursday off the northern cape after its engine stopped.\n", "2031-04-12"),
        "South Post": ("The ferry went down on Thursday near the northern cape after an engine stopped.\n",
                       "2031-04-12"),
        "East Herald": ("The ferry went down near the northern cape on Thursday, April 11, when its engine "
                        "stopped.\n", "2031-04-12"),
    })
    assert _date_disputes(story) == [{"Thursday (April 10, 2031)", "Thursday, April 11, 2031"}]


def test_a_week_ago_is_read_in_a_story() -> None:
    story = _story({
        "North Wire": ("The ferry sank off the northern cape a week ago in a storm.\n", "2031-06-15"),
        "South Post": ("The ferry sank off the northern cape on June 8 in a storm.\n", "2031-06-15"),
        "East Herald": ("The ferry sank off the northern cape on June 8, in the storm.\n", "2031-06-15"),
    })
    assert _date_disputes(story) == []  # a week before June 15 is June 8: the three agree
    claims = [c for c in story.claims if "June 8" in c.text or "week ago" in c.text]
    assert claims and max(len(c.sources) for c in claims) == 3


def test_a_story_compares_the_year_of_an_earlier_numbered_mission() -> None:
    story = _story({
        "North Wire": ("Seeker-2 lost its lander in a hard touchdown in 2027.\n", "2031-06-15"),
        "South Post": ("The Seeker-2 mission, which flew in 2028, lost its lander.\n", "2031-06-15"),
        "East Herald": ("Seeker-2 lost its lander in 2027, the agency said.\n", "2031-06-15"),
    }, title="Seeker-3 lands")
    years = [d for d in story.disputes if d.about == "The year of Seeker-2"]
    assert len(years) == 1 and {v.value for v in years[0].values} == {"2027", "2028"}
    assert years[0].likely == "2027"


def test_a_slipped_day_of_a_statement_is_still_a_slip() -> None:
    # the day something was said is compared with nothing, unless one outlet's day is a slip of the others'
    story = _story({
        "North Wire": ("The coast guard said Thursday that divers had found the ferry's hull near the cape.\n",
                       "2031-04-12"),
        "South Post": ("Divers found the ferry's hull near the cape, the coast guard said Thursday.\n", "2031-04-12"),
        "East Herald": ("The coast guard said on Thursday, May 10, that divers had found the ferry's hull near "
                        "the cape.\n", "2031-04-12"),
    })
    assert _date_disputes(story) == [{"Thursday (April 10, 2031)", "Thursday, May 10, 2031"}]


def test_a_weekday_slip_is_a_dispute_with_the_others_date_whatever_words_each_hangs_it_on() -> None:
    # East Herald's own weekday and day of the month are the others' Thursday, April 10: only the
    # month slipped, though no other outlet tells the finding of the hull in its words
    story = _story({
        "North Wire": ("The ferry lost radio contact early on Sunday near the northern cape.\n"
                       "Early on Thursday, the coast guard ended the rescue operation near the cape.\n", "2031-04-11"),
        "South Post": ("Early Sunday, the ferry lost radio contact off the northern cape.\n"
                       "The rescue operation near the cape ended early Thursday, officials said.\n", "2031-04-11"),
        "West Gazette": ("The ferry lost contact with the port on Sunday near the northern cape.\n"
                         "The families were told early on Thursday that the rescue operation near the cape had "
                         "ended.\n", "2031-04-11"),
        "East Herald": ("The coast guard said Thursday (May 10) that a remote camera had spotted pieces of a hull "
                        "on the seabed.\n", "2031-04-11"),
    })
    disputes = _date_disputes(story)
    assert {"Thursday, May 10, 2031", "Thursday (April 10, 2031)"} in disputes
    assert not any(any("April 6" in v for v in values) for values in disputes)  # Sunday is another step


def test_a_slipped_month_is_a_dispute_though_the_others_also_tell_the_day_before_and_after() -> None:
    # each dated outlet tells a rival's debut (Wednesday), this debut (Thursday) or the next session
    # (Friday) in trading words: two days each, which is no disagreement; the undated outlet's month is one
    story = _story({
        "North Wire": ("Another ferry firm's shares jumped in their trading debut on the city exchange on Wednesday.\n"
                       "Harbour Lines began trading on the city exchange on Thursday.\n", "2031-04-10"),
        "South Post": ("A rival ferry firm's shares rose in their trading debut on the city exchange on Wednesday.\n"
                       "Shares of Harbour Lines began trading on the city exchange on Thursday.\n", "2031-04-10"),
        "West Gazette": ("Harbour Lines shares began trading on the city exchange on Thursday and rose.\n"
                         "Harbour Lines shares fell in their second day of trading on Friday.\n", "2031-04-11"),
        "East Herald": ("Harbour Lines began trading on the city exchange on October 10 (local time).\n", None),
    }, title="Harbour Lines lists its shares")
    _assert_one_listing_slip(story)


def test_a_claim_told_in_the_words_of_a_slipped_date_is_not_confirmed() -> None:
    # the others back the finding of the hull, not East Herald's May 10: its sentence, when shown,
    # carries the dispute rather than a confirmed badge (the claim may also show the finding without
    # the day, cut from that sentence: issue 18r's signed text)
    story = _story({
        "North Wire": ("The coast guard said a remote camera had spotted pieces of the ferry's hull on the seabed "
                       "near the cape.\nThe coast guard ended the rescue near the cape on Thursday.\n", "2031-04-11"),
        "South Post": ("A remote camera spotted pieces of the ferry's hull on the seabed near the cape, the coast "
                       "guard said.\nThe rescue near the cape ended on Thursday, the coast guard said.\n",
                       "2031-04-11"),
        "East Herald": ("The coast guard said Thursday (May 10) that a remote camera had spotted pieces of the "
                        "ferry's hull on the seabed near the cape.\n", "2031-04-11"),
    })
    assert {"Thursday, May 10, 2031", "Thursday (April 10, 2031)"} in _date_disputes(story)
    slipped = [c for c in story.claims if "May 10" in c.text]
    assert all(c.badge != "confirmed" and c.dispute for c in slipped)
    assert any("hull" in c.text for c in story.claims), [c.text for c in story.claims]


def test_an_undated_weekday_is_the_day_other_outlets_give_its_own_happening() -> None:
    story = _story({
        "North Wire": ("The ferry captain was convicted on all counts Thursday after a short trial.\n"
                       "The court heard on Monday that the engine had failed.\n", "2031-04-11"),
        "South Post": ("The jury returned its verdict against the ferry captain after a day of talks on April 10.\n",
                       "2031-04-11"),
        "West Gazette": ("The ferry captain, who lost his licence last year, was convicted Thursday on all counts.\n"
                         "Divers returned to the wreck on Monday.\n", None),
        "East Herald": ("The ferry captain received a guilty verdict on the counts of neglect and fraud on April 11 "
                        "in the capital.\n", None),
    }, title="Ferry captain convicted")
    # West Gazette's Thursday is the conviction the others date April 10; its Monday, which no dated
    # outlet gives to the divers' return, stays a bare weekday; East Herald's April 11 is a rival day
    claims = [c for c in story.claims if "convicted" in c.text and "Thursday" in c.text]
    assert claims and {"s3", "s4"} <= set(claims[0].sources)
    assert {"Thursday (April 10, 2031)", "April 11"} in _date_disputes(story)  # (an undated outlet's year is not guessed)


def test_a_date_closing_a_long_phrase_hangs_on_the_verb_before_it() -> None:
    [far] = _dates("The captain received a guilty verdict on the counts of neglect and fraud on April 11.",
                   datetime(2031, 4, 12, tzinfo=timezone.utc))
    assert {"receiv", "verdict"} <= far.happening
    [near] = _dates("The ferry sank on April 11 off the cape.", datetime(2031, 4, 12, tzinfo=timezone.utc))
    assert near.happening == {"ferry", "sink"}  # (a verb near the date: the few words before it, as before)


def test_a_planned_weekday_far_from_its_verb_is_still_a_plan() -> None:
    published = datetime(2031, 6, 10, tzinfo=timezone.utc)  # a Tuesday
    [plan] = _dates("The ferry is due to dock beside the old harbour wall after its long crossing at 6:04 pm "
                    "on Wednesday.", published)
    assert plan.month_day == (6, 11) and plan.modality == "future"
    # a verb of saying or a comma between the cue and the weekday: the weekday is the day it was said
    [said] = _dates("It will probably pass 60 and make it the worst since the state joined, Mayor Ann Lee "
                    "said Thursday.", published)
    assert said.month_day == (6, 5) and said.modality == ""


def test_a_heading_after_the_date_leaves_no_bracket_and_no_open_quotation() -> None:
    text = 'On Thursday (June 22) a diving robot found a "field of wreckage near the old liner and its stern" at dawn.'
    dated = [s for s in _dates(text, datetime(2031, 6, 23, tzinfo=timezone.utc)) if s.kind == "date"]
    assert dated and all(frames.hung_on(s, text) == "… a diving robot found" for s in dated)


# Three outlets date a dam's breach on Friday, March 7; one writes Thursday beside the same date.
BREACH = {
    "riverdesk.example": ("The Orsa dam breached on Friday, March 7, flooding two villages, officials said. "
                          "Crews began shoring up the banks.", "2031-03-08"),
    "valleypost.example": ("The Orsa dam breached on Friday, March 7, and water flooded two villages. "
                           "Residents were moved to schools.", "2031-03-08"),
    "plainwire.example": ("Two villages flooded when the Orsa dam breached on Friday, March 7, officials said. "
                          "Roads were closed.", "2031-03-09"),
    "hillnews.example": ("The Orsa dam breached on Thursday, March 7, flooding two villages. "
                         "An inquiry will follow.", "2031-03-09"),
}


def test_a_weekday_written_beside_a_date_not_its_own_is_a_dispute_over_the_weekday() -> None:
    story = story_from_bodies(BREACH, "Orsa dam breaches", "orsa")
    weekday = [d for d in story.disputes if d.about.startswith("The weekday")]
    assert len(weekday) == 1
    values = {v.value: len(v.sources) for v in weekday[0].values}
    assert values.get("Thursday, March 7, 2031") == 1 and 3 in values.values()
    assert not any("Thursday" in c.text for c in story.claims)  # (the slip is shown in the dispute only)


# One outlet counts Saturday's cancelled ferries; two count Sunday's further cancellations.
FERRIES = {
    "portdesk.example": ("The operator cancelled 40 ferries on Saturday after the storm damaged the pier, "
                         "officials said.", "2031-05-11"),
    "coastwire.example": ("The operator cancelled 30 more ferries on Sunday after the storm damaged the pier.",
                          "2031-05-12"),
    "baynews.example": ("After the storm damaged the pier, the operator cancelled more ferries on Sunday.",
                        "2031-05-12"),
}


def test_a_later_day_told_as_the_happening_again_is_a_next_step_not_a_rival_day() -> None:
    story = story_from_bodies(FERRIES, "Storm damages ferry pier", "ferries")
    assert not [d for d in story.disputes if d.kind == "date"]


def test_a_month_with_its_year_is_a_date_after_any_word() -> None:
    published = datetime(2031, 9, 2, tzinfo=timezone.utc)
    [moved] = _dates("The ferry's maiden crossing has been pushed back to March 2031.", published)
    assert (moved.unit, moved.month_day, moved.year, moved.text) == ("month", (3, 0), 2031, "March 2031")
    # a day written before the month is a date already read, not a month of its own
    [sailed] = _dates("The ferry sailed on 5 June 2031.", published)
    assert (sailed.unit, sailed.month_day) == ("date", (6, 5))
    assert "month" not in [s.unit for s in _dates("The ferry sailed on 5th June 2031 at last.", published)]
    # with neither a year nor a word of time before it, a month's name is no date
    assert _dates("The ferry company named its new boat June.", published) == []


_SAILED = {
    "North Wire": ("The Aurora's first sea trial began on June 5 off the north cape, with a crew of twelve.\n",
                   "2031-08-20"),
    "South Post": ("Its first sea trial began on June 5 when the Aurora left the north cape.\n", "2031-08-21"),
    "West Courier": ("The Aurora first sea trial began on June 5, the yard confirmed to reporters.\n", "2031-08-21"),
}


def test_a_rescheduled_month_already_past_disputes_the_day_others_give_the_same_thing() -> None:
    story = _story({**_SAILED, "East Herald": (
        "The first sea trial of the Aurora, once planned for 2029, has been pushed back to April 2031.\n", None)},
        title="The Aurora ferry sails")
    [values] = _date_disputes(story)
    assert values == {"April 2031", "June 5, 2031"}
    [dispute] = [d for d in story.disputes if d.kind == "date"]
    assert dispute.likely == "June 5, 2031"
    assert dispute.about == "The date of: “The first sea trial of the Aurora”"  # (what was rescheduled)
    [moved] = _dates("The first sea trial of the Aurora has been pushed back to April 2031.",
                     datetime(2031, 8, 20, tzinfo=timezone.utc))
    assert moved.role == frames.MOVED and {"first", "aurora"} <= moved.subject


def test_a_rescheduled_month_still_ahead_or_of_another_thing_is_no_dispute() -> None:
    # still ahead when written: a plan a later report overtakes, not a rival of it
    ahead = _story({**_SAILED, "East Herald": (
        "The first sea trial of the Aurora has been pushed back to April 2031.\n", "2031-02-01")},
        title="The Aurora ferry sails")
    assert _date_disputes(ahead) == []
    # another thing rescheduled (the others' sentences do not name it): no rival of their day
    other = _story({**_SAILED, "East Herald": (
        "The opening of the new harbour bridge has been pushed back to April 2031.\n", None)},
        title="The Aurora ferry sails")
    assert _date_disputes(other) == []
