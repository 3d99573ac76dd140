"""What reaches a story page: a news statement has a verb, a list is never cut into claims, and a
story with many distinct facts shows more of them. Fixtures are written for these tests."""
from __future__ import annotations

import pytest

from sitegen.merge import newsworthy
from sitegen.merge.features import content_stems
from sitegen.merge.sentences import Sentence, statements, without_dateline


def _parts(text: str) -> list[str]:
    return [s.text for s in statements(Sentence(0, 0, text, words=len(text.split())))]


def test_a_noun_phrase_has_no_finite_verb_and_is_no_statement() -> None:
    for fragment in ("The rudder, one corner of the outer frame.",
                     "Dutch-born engineer Mira Aalders and her 22-year-old daughter Saskia.",
                     "Lock keeper Tomas Brink"):
        assert not newsworthy.has_finite_verb(fragment), fragment
        assert not newsworthy.is_statement(fragment), fragment


def test_verbs_of_every_common_shape_are_found() -> None:
    for sentence in ("The ferry company potentially faces a fine of two million.",  # third person after an adverb
                     "The harbour office shuts the lock in June.",  # after a singular noun
                     "The council's decision marks a change for the port.",
                     "Inspectors found the cracked hinge on Monday.",  # irregular past
                     "Engineers replaced the hinge overnight.",  # regular past
                     "Officials say the lock reopens next week.",  # a verb of saying
                     "It's the third closure this year.",  # a contraction
                     "Judge Ana Moreno set the hearing for May 4."):  # a past like its present
        assert newsworthy.has_finite_verb(sentence), sentence
    # an adjective before a plural: a noun phrase, not a subject and its verb
    assert not newsworthy.has_finite_verb("pilots in one of the most notable criminal cases to date")


def test_a_list_joined_by_and_stays_one_statement() -> None:
    aboard = ("On the barge were four crew: skipper Lena Voss, deckhand Piet Mol, engineer Ruud Smit, "
              "and cook Anke de Wit with her apprentice Joost.")
    assert _parts(aboard) == [aboard]
    found = "The rudder, one corner of the outer frame, and other parts were found near the lock gate on Friday."
    assert _parts(found) == [found]
    named = ("“We now fear that our skipper Lena Voss, engineer Ruud Smit, Piet Mol, and Anke de Wit, "
             "have been lost,” the shipping firm said.")
    assert _parts(named) == [named]
    charged = "The skipper was charged with misleading insurers, lenders, and passengers in one of the largest harbour cases."
    assert _parts(charged) == [charged]


def test_two_clauses_each_with_a_subject_and_verb_are_two_statements() -> None:
    both = "The lock will reopen on Monday after repairs, and the harbour office expects barges to return by Friday."
    assert _parts(both) == ["The lock will reopen on Monday after repairs.",
                            "The harbour office expects barges to return by Friday."]


def test_clauses_cut_inside_a_quotation_keep_its_marks() -> None:
    quoted = ("“The harbour office has decided that the lock opens on Monday after repairs, "
              "and that the ferry keeps its winter timetable until March,” the mayor said.")
    assert _parts(quoted) == ["“The harbour office has decided that the lock opens on Monday after repairs.”",
                              "“The ferry keeps its winter timetable until March,” the mayor said."]


def test_a_story_told_by_more_lines_may_show_more_single_source_facts() -> None:
    from sitegen.merge import importance
    assert importance.single_budget(2, 1) == importance.MIN_SINGLE_CLAIMS  # a young story still says something
    assert importance.single_budget(2, 10) == 10 * importance.SINGLE_CLAIMS_PER_LINE > importance.single_budget(2, 2)
    assert importance.single_budget(30, 10) == 30  # never fewer than the corroborated claims


def test_an_estimate_with_its_speaker_is_reported_speech_not_speculation() -> None:
    from sitegen.merge.story import _attributed
    assert _attributed("Repairs could cost up to $40 million, the port authority said on Friday.")
    assert _attributed("According to the insurers, repairs could cost up to $40 million.")
    assert not _attributed("Repairs could cost up to $40 million.")


def test_the_merge_splits_with_the_shared_abbreviation_lexicon() -> None:
    from sitegen.merge.hedges import lexicon
    from sitegen.merge.sentences import parse_body
    body = ("The lock will reopen in June, Gov. Lena Voss said on Friday. Barges are waiting at the gate.\n\n"
            "The barge ran aground at 11 p.m. CST Sunday while carrying grain from the north.")
    texts = [s.text for s in parse_body(0, body, lexicon()).sentences]
    assert texts == ["The lock will reopen in June, Gov. Lena Voss said on Friday.",
                     "Barges are waiting at the gate.",
                     "The barge ran aground at 11 p.m. CST Sunday while carrying grain from the north."]


def _story(bodies: list[str]):
    from pathlib import Path

    from sitegen.config import Config
    from sitegen.merge import merge_story
    from sitegen.model import Article
    articles = [Article(slug=f"a{n}", title="Harbour lock jammed by storm debris", body=body,
                        source_path=Path(f"a{n}.md"), outlet=f"Outlet {n}", story="lock")
                for n, body in enumerate(bodies)]
    return merge_story("lock", articles, None, Config(root=Path(".")))


SHARED = ("The harbour lock jammed on Tuesday after storm debris blocked its gates.",
          "Storm debris jammed the harbour lock gates on Tuesday, the port said.",
          "On Tuesday the harbour lock was jammed by debris the storm swept into its gates.")


def test_a_single_source_line_without_sentence_punctuation_is_not_shown() -> None:
    cut = "Harbour lock engineers said the storm debris in the lock gates would take the divers"
    story = _story([SHARED[0] + "\n\n" + cut, SHARED[1], SHARED[2]])
    texts = [c.text for c in story.claims]
    assert not any(t.startswith("Harbour lock engineers said") for t in texts), texts
    whole = cut + " three days to clear."
    story = _story([SHARED[0] + "\n\n" + whole, SHARED[1], SHARED[2]])
    assert whole in [c.text for c in story.claims]


def _dated_story(bodies: list[str]):
    from datetime import datetime, timezone
    from pathlib import Path

    from sitegen.config import Config
    from sitegen.merge import merge_story
    from sitegen.model import Article
    articles = [Article(slug=f"a{n}", title="Harbour lock jammed by storm debris", body=body,
                        source_path=Path(f"a{n}.md"), outlet=f"Outlet {n}", story="lock",
                        published=datetime(2031, 3, 4 + n, 9, tzinfo=timezone.utc))
                for n, body in enumerate(bodies)]
    return merge_story("lock", articles, None, Config(root=Path(".")))


def test_a_lone_pre_event_report_gives_way_once_the_story_moves_on() -> None:
    pending = "The port authority is scheduled to hold a briefing on the harbour lock repairs with the divers."
    slip = "The port authority has until January 9, 2030, to decide whether to rebuild the harbour lock gates."
    ahead = "The harbour lock will reopen to barges on April 20, 2031, the port authority said."
    story = _dated_story([SHARED[0] + "\n\n" + pending + "\n\n" + slip + "\n\n" + ahead, SHARED[1], SHARED[2]])
    texts = [c.text for c in story.claims]
    assert pending not in texts and slip not in texts, texts  # overtaken, and a year that cannot be
    assert ahead in texts, texts  # a plan whose day is still to come stays


def test_a_word_a_printed_page_wrapped_is_joined_at_ingest() -> None:
    from sitegen.ingest.text import split_lines
    line = split_lines("The lock reopened on Thurs\u2010 day, the harbour mas\u2010 ter said; pre- and post-storm.")[0]
    assert line.text == "The lock reopened on Thursday, the harbour master said; pre- and post-storm."


def test_a_second_fact_inside_a_claims_sentences_becomes_a_claim_of_its_own() -> None:
    from pathlib import Path

    from sitegen.merge.sentences import parse_bodies
    from sitegen.merge.story import Draft, _InnerFacts, _items, canonical_order
    from sitegen.merge.hedges import site_lexicon
    from sitegen.config import Config
    from sitegen.model import Article
    bodies = ["The harbour lock jammed on Tuesday after storm debris blocked its gates, the port said.",
              "Storm debris jammed the harbour lock on Tuesday, and Vossberg Salvage divers began clearing the gates.",
              "The harbour lock was jammed by storm debris on Tuesday; Vossberg Salvage divers were sent to the gates.",
              "Debris from the storm jammed the harbour lock gates on Tuesday, barge crews said."]
    articles = canonical_order([Article(slug=f"a{n}", title="Harbour lock jammed", body=b, source_path=Path(f"a{n}.md"),
                                        outlet=f"Outlet {n}", story="lock") for n, b in enumerate(bodies)])
    parsed = parse_bodies([a.body for a in articles], site_lexicon(Config(root=Path("."))))
    items, _vocab = _items(articles, parsed)
    keys = [a.slug for a in articles]

    class Info:  # (the representative reads a source's role only)
        role = "original"

    inner = _InnerFacts(items, keys, [Info()] * len(articles), lambda _text: None)
    claim = Draft(list(range(len(items))), list(range(len(articles))))
    text = items[0].sentence.text
    inner.told.update(content_stems(text))
    facts = inner.facts(claim, text)
    assert len(facts) == 1 and facts[0].articles == [1, 2]
    assert all("Vossberg" in items[m].sentence.text for m in facts[0].members)
    # the same sentences read again (another claim holding them) give nothing new
    assert inner.facts(claim, text) == []


def test_a_lone_conditional_is_not_shown_but_a_quoted_one_is() -> None:
    guess = "Even if the gates were freed in time, there would be little chance of saving the stranded barges."
    quoted = "If the gates hold, the lock reopens next week, the harbour master said."
    story = _story([SHARED[0] + "\n\n" + guess + "\n\n" + quoted, SHARED[1], SHARED[2]])
    texts = [c.text for c in story.claims]
    assert guess not in texts and quoted in texts, texts


def test_a_figure_glued_to_its_magnitude_is_a_typo_not_an_identifier() -> None:
    assert not newsworthy.has_identifier("The carrier is now worth $50billion after the rally.")
    assert newsworthy.has_identifier("Use the code 50bonus at checkout.")
    assert newsworthy.is_statement("The carrier became the first airline to reach a value of $50billion on Monday.")


def test_a_sentence_joined_from_two_torn_pieces_is_no_statement() -> None:
    # a page excerpt cut mid-sentence and glued to the next piece: a stop before a lower-case word
    torn = "Crews could not reach the depot after the spill there. two nights, the fire chief said on Friday."
    assert not newsworthy.is_statement(torn)
    # an abbreviation's dot before a lower-case word is no stop; nor is one inside a time
    assert newsworthy.is_statement("The home side won 3-1 vs. the visitors on Saturday, the league said.")
    assert newsworthy.is_statement("The depot closed at 9 p.m. local time, the operator said.")


@pytest.mark.parametrize("paragraph, first", [
    ("HALDEN, Nor. (Fjordwire) — A ferry lost power on Friday.", "A ferry lost power on Friday."),
    ("OSLO/BERGEN, Mar 6 (Fjordwire) - The agency grounded the fleet.", "The agency grounded the fleet."),
    ("HALDEN, Norway — A ferry lost power on Friday.", "A ferry lost power on Friday."),
    ("HALDEN (Fjordwire) -A ferry lost power.", "A ferry lost power."),
    ("The ferry - an old one - lost power.", "The ferry - an old one - lost power."),  # no dateline
    ("EU-Norway talks - The two sides met.", "EU-Norway talks - The two sides met."),
])
def test_a_paragraphs_dateline_is_no_part_of_its_first_sentence(paragraph: str, first: str) -> None:
    assert without_dateline(paragraph) == first
