"""What reaches a story page: a news statement has a verb, a list is never cut into claims, and a
story with many distinct facts shows more of them. Fixtures are written for these tests."""
from __future__ import annotations

from sitegen.merge import newsworthy
from sitegen.merge.sentences import Sentence, statements


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
