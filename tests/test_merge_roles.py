"""A role told in passing ("Harbour chief Ada Brink said") supports a claim stating the role.

Fixtures are invented sentences about an invented port and its people.
"""
from __future__ import annotations

from test_merge_support import _items

from sitegen.merge import roles
from sitegen.merge.hedges import word_runs
from sitegen.merge.story import Draft


def test_roles_in_apposition_are_read_before_and_after_the_name() -> None:
    assert roles.mentions("Port Ellery CEO Ada Brink opened the terminal.") == {"brink": {"ceo"}}
    assert roles.mentions("Ada Brink, the port's chief executive, opened the terminal.") == {"brink": {"ceo"}}
    assert roles.mentions("The port's CEO, Ada Brink, opened the terminal.") == {"brink": {"ceo"}}
    assert roles.mentions("Co-founder and CEO Ada Brink opened it.") == {"brink": {"ceo", "founder"}}
    assert roles.mentions("Former CEO Ada Brink opened it.") == {"brink": {"former ceo"}}
    assert roles.mentions("Ada Brink opened the terminal on Monday.") == {}


def test_a_role_is_stated_only_after_a_copula() -> None:
    assert roles.stated("Ada Brink remains the port's president and chief executive.") == ("brink", {"president", "ceo"})
    assert roles.stated("CEO Ada Brink opened the terminal.") is None
    assert roles.stated("Ada Brink is expected to speak on Monday.") is None


STORY = [
    (0, "Ada Brink remains the port's chief executive."),
    (1, "Port Ellery CEO Ada Brink said the terminal would reopen."),
    (2, "The port's chief executive, Ada Brink, thanked the crews."),
    (3, "Former CEO Tom Brink said the terminal was old."),
    (4, "Ada Brink, the harbour's spokesperson, declined to comment."),
]


def test_a_claim_stating_a_role_gains_each_line_naming_the_person_in_it() -> None:
    items = _items(STORY)
    claim = Draft([0], [0])
    roles.extend([claim], items, lambda d: items[d.members[0]].sentence.text, list(range(5)))
    assert claim.members == [0, 1, 2]  # a past role or another role is no support
    # a copy of the claim's own outlet adds nothing
    claim = Draft([0], [0])
    roles.extend([claim], items, lambda d: items[d.members[0]].sentence.text, [0, 0, 0, 3, 4])
    assert claim.members == [0]


def test_the_story_s_word_runs_only_spare_reading_a_story_without_a_copula() -> None:
    items = _items(STORY)
    runs = word_runs([it.sentence.text for it in items])
    claim = Draft([0], [0])
    roles.extend([claim], items, lambda d: items[d.members[0]].sentence.text, list(range(5)), runs)
    assert claim.members == [0, 1, 2]
    # no copula anywhere: no sentence states a role, and none is read
    claim = Draft([0], [0])
    roles.extend([claim], items, lambda d: items[d.members[0]].sentence.text, list(range(5)), runs - roles._COPULA_WORDS)
    assert claim.members == [0]
