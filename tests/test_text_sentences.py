"""The shared sentence splitter: abbreviations, initials, quotes, starters, extension, linear time."""
from __future__ import annotations

import pytest

from sitegen.text.sentences import close_quotations, first_sentence, lexicon, split_sentences


@pytest.mark.parametrize("text, expected", [
    ("The ferry left at noon. It reached the island by dusk.",
     ["The ferry left at noon.", "It reached the island by dusk."]),
    ("Capt. Lena Ortiz ordered the evacuation. Nobody was hurt.",
     ["Capt. Lena Ortiz ordered the evacuation.", "Nobody was hurt."]),
    ("The board met at 8 p.m. Tuesday and voted. The mayor agreed.",
     ["The board met at 8 p.m. Tuesday and voted.", "The mayor agreed."]),
    ("The barge ran aground at 11 p.m. CST Sunday while carrying grain. Crews arrived.",
     ["The barge ran aground at 11 p.m. CST Sunday while carrying grain.", "Crews arrived."]),
    ("Sales grew in the U.S. The firm did not comment.", ["Sales grew in the U.S.", "The firm did not comment."]),
    ("U.S. regulators approved it on Feb. 9 after a review.", ["U.S. regulators approved it on Feb. 9 after a review."]),
    ("Engineer P. Rao signed the report. Work resumes today.",
     ["Engineer P. Rao signed the report.", "Work resumes today."]),
    ('"We are ready," the pilot said. "Go." Was it safe?', ['"We are ready," the pilot said.', '"Go."', "Was it safe?"]),
    ("The share price rose 4.5% to $12.30 on Monday. Trading was heavy.",
     ["The share price rose 4.5% to $12.30 on Monday.", "Trading was heavy."]),
    ("The vote was no. She resigned. Item No. 4 passed.", ["The vote was no.", "She resigned.", "Item No. 4 passed."]),
    ("no break here", ["no break here"]),
    ("", []),
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_first_sentence_keeps_an_abbreviated_title_whole() -> None:
    assert first_sentence("Gov. Ada Park signs the water bill. More follows.") == "Gov. Ada Park signs the water bill."


def test_site_abbreviations_extend_the_lexicon() -> None:
    text = "The Bk. Seven audit ended. Staff left."
    assert split_sentences(text)[0] == "The Bk."
    assert split_sentences(text, lexicon(["Bk"])) == ["The Bk. Seven audit ended.", "Staff left."]


def test_a_word_ending_as_an_abbreviation_is_read_as_one_only_when_it_is_one() -> None:
    """The last three letters before a dot settle most dots at once: every abbreviation of three
    letters or more, also with longer words ending in its letters, is read as the lexicon says."""
    lex = lexicon(["Bldg"])
    for abbreviation in sorted(lex.abbreviations):
        written = abbreviation[0].upper() + abbreviation[1:]
        for word, is_one in ((written, True), (abbreviation, True), ("Show" + abbreviation, False)):
            if "." in word:
                continue
            text = f"It was {word}. Seven more came."
            expected = [text] if is_one else [f"It was {word}.", "Seven more came."]
            assert split_sentences(text, lex) == expected, word


def test_long_adversarial_text_is_split_in_one_pass() -> None:
    text = "Q. " * 200_000 + "end"
    pieces = split_sentences(text)
    assert pieces[-1].endswith("end") and len(pieces) == 1


def test_the_last_item_of_a_serial_list_is_not_a_statement_of_its_own() -> None:
    from sitegen.merge.sentences import Sentence, statements
    listed = ("The skipper was charged with failing to keep a lookout, failing to report the damage, "
              "and failing to keep the logbook up to date.")
    assert [s.text for s in statements(Sentence(0, 0, listed, words=len(listed.split())))] == [listed]
    joined = "The ferry will be towed on Friday, and the harbour will reopen to small boats next week."
    assert len(statements(Sentence(0, 0, joined, words=len(joined.split())))) == 2


def test_the_last_item_of_a_list_a_colon_opens_stays_in_the_list() -> None:
    from sitegen.merge.sentences import Sentence, statements
    listed = ("Four people were aboard: the skipper Tomas Reil, deckhand Ada Moor, cook Ben Salo, "
              "and retired harbour pilot Greta Lind and her grandson.")
    assert [s.text for s in statements(Sentence(0, 0, listed, words=len(listed.split())))] == [listed]
    joined = ("The inquiry named one cause: the radar was switched off, and the crew had not "
              "posted a lookout on the bridge.")
    assert len(statements(Sentence(0, 0, joined, words=len(joined.split())))) == 2



@pytest.mark.parametrize("text, expected", [
    # a quotation of two sentences: each sentence carries its own marks
    ("The pilot said: “We turn back now. The storm is too close,” she added later.",
     ["The pilot said: “We turn back now.”", "“The storm is too close,” she added later."]),
    # the paragraph starts inside a quotation: the sentence closing it gets the opening mark
    ('The ferry stays docked," the harbour master said. Crews waited.',
     ['"The ferry stays docked," the harbour master said.', "Crews waited."]),
    # straight marks: one after a space opens; a mark after a digit is inches, not a quotation
    ('He said "we wait. Then we sail." The 6" hose held.',
     ['He said "we wait."', '"Then we sail."', 'The 6" hose held.']),
    ("A “short” word. Nothing else.", ["A “short” word.", "Nothing else."]),
])
def test_close_quotations_makes_each_sentence_read_whole(text: str, expected: list[str]) -> None:
    assert close_quotations(split_sentences(text)) == expected
