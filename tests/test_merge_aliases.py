"""Short forms learnt from the story: read as one name in support and folding (invented names)."""
from __future__ import annotations

from sitegen.merge import aliases
from sitegen.merge.features import content_stems

TEXTS = [
    "Harbour pilot Ines Varga-Holt (IVH) was suspended on Monday.",
    "IVH has not commented on the suspension.",
    "Varga-Holt's union said it would appeal.",
    "The Maritime Accident Review Office said the ferry turned too late.",
    "MARO investigators will publish a report in the spring.",
    "The office manager declined to comment.",
]
NAMES = frozenset({"ines", "varga-holt", "ivh", "maro"})


def _terms(text: str) -> frozenset[str]:
    return frozenset(content_stems(text)) | frozenset(w.strip(".,'’s").lower() for w in text.split() if w[:1].isupper())


def test_a_parenthesised_short_form_and_a_surname_are_one_term() -> None:
    learnt = aliases.learn(TEXTS, NAMES)
    short = aliases.fold(_terms(TEXTS[1]), learnt)
    surname = aliases.fold(_terms(TEXTS[2]), learnt)
    assert "ivh" in short and "ivh" in surname


def test_capitals_are_the_initials_of_an_organisation_written_out_elsewhere() -> None:
    learnt = aliases.learn(TEXTS, NAMES)
    assert "maro" in aliases.fold(_terms(TEXTS[3]), learnt)
    # one word of the organisation's name alone is not the organisation
    assert "maro" not in aliases.fold(_terms(TEXTS[5]), learnt)


def test_nothing_is_learnt_without_a_name_to_pair_with() -> None:
    assert aliases.learn(["The ABC of sailing is patience.", "Crews met at noon."], frozenset()) == ()
