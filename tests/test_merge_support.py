"""Support and folding: a fact is one claim, and a source counts where its own sentence states it.

Fixtures are invented sentences about an invented event (a ferry grounding in a fictional port).
"""
from __future__ import annotations

from sitegen.merge import support
from sitegen.merge.claims import Item
from sitegen.merge.features import content_stems, names_in_sentences, sentence_features
from sitegen.merge.hedges import word_runs
from sitegen.merge.sentences import Sentence
from sitegen.merge.story import Draft


def _items(sentences: list[tuple[int, str]]) -> list[Item]:
    texts = [t for _a, t in sentences]
    vocabulary = frozenset(names_in_sentences(texts))
    features = sentence_features(texts, vocabulary, None, 2031, True)
    index: dict[int, int] = {}
    out = []
    for (article, text), f in zip(sentences, features):
        index[article] = index.get(article, -1) + 1
        out.append(Item(Sentence(article, index[article], text, words=len(text.split())), f))
    return out


# other news of the same story: they give the fact's words a story's share of outlets
FILLER = ["Passengers were offered hotel rooms in the town overnight.", "The ferry operator has cancelled Thursday's sailings.",
          "Local schools opened their gyms to stranded travellers.", "The ferry had passed its annual survey in March."]


def _with_filler(sentences: list[tuple[int, str]], count: int) -> list[tuple[int, str]]:
    first = 1 + max(a for a, _t in sentences)
    return sentences + [(first + k, text) for k, text in enumerate(FILLER[:count])]


def _draft(items: list[Item], members: list[int], text: str | None = None) -> Draft:
    return Draft(list(members), sorted({items[m].sentence.article for m in members}), text)


def _extended(items: list[Item], members: list[int]) -> Draft:
    """A claim drafted from ``members``, after support.extend has read every other item for it."""
    claim = _draft(items, members)
    support.extend([claim], items, support.term_sets_of(items))
    return claim


def _first_text(items: list[Item]):
    def text_of(d: Draft) -> str:
        if d.text is None:
            d.text = items[d.members[0]].sentence.text
        return d.text
    return text_of


STORY = [
    (0, "The ferry Morning Gull ran aground outside Port Ellery on Tuesday with 212 passengers aboard."),
    (0, "Coastguard crews took every passenger ashore by evening."),
    (1, "The Morning Gull ferry ran aground near Port Ellery on Tuesday carrying 212 passengers."),
    (1, "Every passenger was brought ashore by coastguard crews before nightfall."),
    (2, "A ferry carrying 212 passengers ran aground near Port Ellery on Tuesday."),
    (2, "The harbour will stay closed until Friday."),
]


def test_a_claim_whose_text_sits_in_a_bigger_claim_folds_into_it() -> None:
    items = _items(STORY)
    big = _draft(items, [0, 2, 4])
    small = _draft(items, [4])  # the same sentence told again as a claim of its own
    other = _draft(items, [5])
    kept = support.fold([small, big, other], items, _first_text(items), support.term_sets_of(items))
    assert len(kept) == 2
    holder = next(d for d in kept if 4 in d.members)
    assert holder.members == [0, 2, 4]
    assert holder.text == STORY[0][1]  # the bigger claim keeps its own text


def test_folding_never_takes_a_figure_away() -> None:
    items = _items([
        (0, "The ferry ran aground outside Port Ellery with 212 passengers aboard on Tuesday."),
        (1, "The ferry ran aground outside Port Ellery with 212 passengers aboard, said the coastguard."),
        (2, "The ferry, which ran aground outside Port Ellery, was launched in 1998 with 300 berths."),
    ])
    big = _draft(items, [0, 1, 2])
    launched = _draft(items, [2])  # its sentence sits in the big claim, but it tells a figure the big one lacks
    kept = support.fold([big, launched], items, _first_text(items), support.term_sets_of(items))
    assert len(kept) == 2


def test_folding_never_joins_opposite_polarity() -> None:
    items = _items([
        (0, "The harbour master said the ferry crew had followed the approach rules."),
        (1, "The harbour master said the ferry crew had followed the approach rules."),
        (2, "The harbour master said the ferry crew had not followed the approach rules."),
        (2, "The harbour master said the ferry crew had followed the approach rules."),
    ])
    positive = _draft(items, [0, 1, 3])
    negative = _draft(items, [2, 3])  # half its sentences sit in the positive claim, but it says the opposite
    kept = support.fold([positive, negative], items, _first_text(items), support.term_sets_of(items))
    assert len(kept) == 2


def test_a_disputed_claim_is_never_folded_away() -> None:
    items = _items(STORY)
    big = _draft(items, [0, 2, 4])
    disputed = _draft(items, [4])
    disputed.dispute = 0
    assert len(support.fold([big, disputed], items, _first_text(items), support.term_sets_of(items))) == 2


EXTEND_STORY = [
    (0, "Divers found a crack in the ferry's hull below the waterline on Wednesday."),
    (1, "Inspectors said divers had found a crack in the hull."),
    (2, "Divers found a crack in the hull, the operator said."),
    (3, "The operator did not find a crack in the hull, a spokesperson insisted."),
    (4, "Divers spent the morning in the harbour near the ferry."),
    (5, "Harbour officials expect the ferry to be towed to Port Ellery."),
]


def test_a_source_whose_own_sentence_states_the_fact_joins_the_claim() -> None:
    items = _items(_with_filler(EXTEND_STORY, 4))
    claim = _extended(items, [0, 1])
    assert 2 in claim.members  # the crack, told in a shorter sentence
    assert 3 not in claim.members  # the same words, negated
    assert 4 not in claim.members  # shares "divers", states nothing of the crack
    assert claim.articles == [0, 1, 2]


def test_a_named_person_is_no_core_and_a_different_figure_is_no_support() -> None:
    items = _items(_with_filler([
        (0, "Captain Mara Velde said the ferry was travelling at 14 knots when it struck the shoal."),
        (1, "Captain Mara Velde told reporters the ferry was doing 14 knots when it struck the shoal."),
        (2, "Captain Mara Velde thanked the volunteers who brought blankets."),
        (3, "Witnesses said the ferry was travelling at 20 knots when it struck the shoal."),
        (4, "The ferry struck the shoal at 14 knots, the inquiry heard."),
    ], 3))
    claim = _extended(items, [0, 1])
    assert 2 not in claim.members  # only the captain's name in common
    assert 3 not in claim.members  # another speed: a rival figure, not support
    assert 4 in claim.members


def test_the_story_s_central_fact_in_lower_case_words_can_be_a_core() -> None:
    """Most outlets say the ferry will be towed to a shipyard: words that common say what the story
    is, but two of them written in lower case still say what happened (two names would not)."""
    items = _items(_with_filler([
        (0, "The damaged ferry will be towed to the shipyard at Brannock."),
        (1, "The ferry will be towed to the shipyard at Brannock for repairs."),
        (2, "Tugs are expected to tow the ferry to the shipyard."),
        (3, "The operator said the ferry would be towed to a shipyard."),
        (4, "Salvage crews said the ferry would not be towed to the shipyard yet."),
        (5, "The shipyard has a free berth for the ferry."),
        (6, "A tow to the shipyard is planned for the weekend."),
    ], 3))
    claim = _extended(items, [0, 1])
    assert claim.articles[:4] == [0, 1, 2, 3]  # "tow" and "ferry": words most outlets use
    assert 4 not in claim.articles and 5 not in claim.articles  # negated; no tow


def test_the_merge_does_not_depend_on_the_string_hash_seed() -> None:
    """Sets of words are iterated in hash order, which changes from process to process: no score may
    be summed in that order (a float sum in another order can break a tie the other way). The bench
    corpus of 300 articles held such a tie."""
    import os
    import subprocess
    import sys
    from pathlib import Path
    script = ("import hashlib, json, sys, tempfile; from pathlib import Path; sys.path.insert(0, 'bench');"
              "import corpus; from sitegen.config import load; from sitegen.content import load as load_site;"
              "from sitegen.errors import Diagnostics; from sitegen.merge import stories\n"
              "with tempfile.TemporaryDirectory() as d:\n"
              "    site = Path(d); (site / 'config.yml').write_text('title: T\\nbase_url: /\\n')\n"
              "    corpus.write_sitegen(corpus.articles(300), site); cfg = load(site)\n"
              "    found = stories(load_site(cfg, Diagnostics()), cfg, Diagnostics())\n"
              "    print(len(found), hashlib.sha256(json.dumps([s.to_json() for s in found], sort_keys=True,"
              " default=str).encode()).hexdigest())")
    root = Path(__file__).resolve().parents[1]
    outputs = {subprocess.run([sys.executable, "-c", script], cwd=root, check=True, capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outputs) == 1 and int(next(iter(outputs)).split()[0]) > 10


def test_one_news_predicate_said_two_ways_is_one_core() -> None:
    items = _items(_with_filler([
        (0, "A jury convicted the harbour pilot of negligence on Monday."),
        (1, "The harbour pilot was convicted of negligence by the jury."),
        (2, "The jury found the harbour pilot guilty of negligence."),
        (3, "The harbour pilot denied negligence throughout the trial."),
    ], 3))
    assert "guilty" in support.terms(items[0]) & support.terms(items[2])
    claim = _extended(items, [0, 1])
    assert 2 in claim.members  # "found guilty" states "convicted"
    assert 3 not in claim.members  # the same pilot and charge, not the verdict


def test_a_figure_and_a_news_predicate_are_a_core_even_in_the_story_s_own_words() -> None:
    """Every outlet says three crew members died: the story's words, but a figure with what befell
    it states the fact, whichever verb of dying an outlet uses."""
    items = _items(_with_filler([
        (0, "Three crew members died when the engine room flooded, the coastguard said."),
        (1, "The flooding killed three crew members in the engine room."),
        (2, "All three crew members in the engine room were found dead."),
        (3, "The coastguard said three crew members perished below deck."),
        (4, "Three crew members were rescued from the engine room."),
        (5, "Four crew members died in the engine room, a union official claimed."),
    ], 0))
    claim = _extended(items, [0, 1])
    assert 2 in claim.members and 3 in claim.members  # "found dead", "perished": the same fact
    assert 4 not in claim.members  # three crew, but rescued: another event
    assert 5 not in claim.members  # four dead: a rival count, not support


def test_a_figure_of_another_unit_does_not_refuse_support() -> None:
    """'Seven counts' says nothing about how many hours the inquiry sat: only a figure of what the
    claim counts may disagree with it, and a vague "a few hours" names the unit without refusing it."""
    items = _items(_with_filler([
        (0, "The inquiry panel deliberated for five hours before ruling."),
        (1, "After five hours of deliberation the panel ruled on the grounding."),
        (2, "After deliberating for a few hours, the panel upheld all seven findings."),
        (3, "The panel deliberated for nine hours, one member said."),
    ], 3))
    claim = _extended(items, [0, 1])
    assert 2 in claim.members
    assert 3 not in claim.members


def test_an_outcome_does_not_support_a_forecast() -> None:
    """'Is expected to rise' is a forecast; 'has risen to 40' is what happened."""
    items = _items(_with_filler([
        (0, "Officials said the death toll is expected to rise overnight."),
        (1, "The death toll is expected to rise as the search continues."),
        (2, "The death toll could rise again, police warned."),
        (3, "The death toll has risen to 40."),
    ], 3))
    claim = _extended(items, [0, 1])
    assert 2 in claim.members  # a hedge goes with the forecast
    assert 3 not in claim.members


def test_words_after_a_scare_quote_are_what_was_said_not_who_said_it() -> None:
    told = "Investigators said the hull suffered a “structural failure” flooding all three compartments."
    said = "“The hull gave way below the waterline,” the harbour master told reporters."
    assert support.attribution_tail(told) == ""
    assert support.attribution_tail(said).strip() == "the harbour master told reporters."


def test_a_negation_counts_only_where_it_governs_the_fact() -> None:
    """'Wasting no time' opens the sentence; the inquiry still upheld the finding."""
    core = frozenset({"uphold", "finding"})
    assert not support.negated_at("Wasting no time at all, the inquiry upheld the finding within the hour.", core)
    assert support.negated_at("The inquiry did not uphold the finding.", core)
    assert support.negated_at("No finding was made, and nobody said why.", frozenset({"finding"}))


def test_a_number_of_another_unit_is_not_the_claim_s_figure() -> None:
    """The claim says the quay stayed evacuated for six weeks: a sentence about six hours of a drill
    shares the number and the verb, not the fact."""
    items = _items(_with_filler([
        (0, "The quay was evacuated for six weeks after the fuel spill."),
        (1, "Harbour staff said the quay stayed evacuated for six weeks."),
        (2, "The quay was evacuated for six hours during a fire drill last year."),
        (3, "The quay, evacuated for almost six weeks, reopened on Monday."),
    ], 3))
    claim = _extended(items, [0, 1])
    assert 3 in claim.members
    assert 2 not in claim.members


def test_a_claim_giving_a_rounding_of_the_bigger_claim_s_figure_folds_into_it() -> None:
    """'About 490 metres' and '488 metres' are one distance: the smaller claim is the fact told again."""
    items = _items([
        (0, "The wreck was found 1,600 feet (488 metres) from the harbour wall, the coastguard said."),
        (1, "The wreck was found 1,600 feet (488 metres) from the harbour wall."),
        (2, "The wreck was found about 490 metres from the harbour wall."),
        (2, "Divers reached the wreck on Friday."),
    ])
    big = _draft(items, [0, 1, 2])
    rounded = _draft(items, [2])
    assert len(support.fold([big, rounded], items, _first_text(items), support.term_sets_of(items))) == 1
    farther = _items([(0, "The wreck was found 1,600 feet (488 metres) from the harbour wall."),
                      (1, "The wreck was found 1,600 feet (488 metres) from the harbour wall."),
                      (2, "The wreck was found about 900 metres from the harbour wall.")])
    assert len(support.fold([_draft(farther, [0, 1, 2]), _draft(farther, [2])], farther, _first_text(farther),
                            support.term_sets_of(farther))) == 2  # another distance: another claim


def test_one_outlet_retelling_a_bigger_claim_in_other_words_folds_into_it() -> None:
    """A lone outlet's 'harbour police detained the skipper' says nothing the bigger claim's
    sentences do not: the same arrest told again. A lone sentence about another arrest that
    shares the verb and the skipper stays a claim of its own."""
    items = _items(_with_filler([
        (0, "Police arrested the skipper at the harbour on Friday."),
        (1, "The skipper was arrested by police at the harbour."),
        (2, "Harbour police detained the skipper."),
        (3, "The skipper's lawyer was arrested for contempt of court months ago."),
    ], 2))
    big = _draft(items, [0, 1])
    lone = _draft(items, [2])
    other = _draft(items, [3])
    kept = support.fold([big, lone, other], items, _first_text(items), support.term_sets_of(items))
    assert sorted(len(d.articles) for d in kept) == [1, 3]


def test_a_copy_and_its_original_are_one_outlet_when_finding_a_core() -> None:
    """Two sentences of one line of reporting (an article and its copy) are one outlet's words:
    they make no core, so the claim gains no support from them alone."""
    sentences = [(0, EXTEND_STORY[0][1]), (1, EXTEND_STORY[0][1]),
                 (2, "Divers found a crack below the waterline of the hull, the operator said.")]
    items = _items(_with_filler(sentences, 4))
    lines = [0, 0, 2, 3, 4, 5, 6]
    claim = _draft(items, [0, 1])
    support.extend([claim], items, support.term_sets_of(items), lines)
    assert claim.articles == [0, 1]
    independent = _draft(items, [0, 1])
    support.extend([independent], items, support.term_sets_of(items))  # as two outlets: the crack is a core
    assert 2 in independent.articles


VALUE_STORY = [
    (0, "Skylark Air became the first airline to pass a market value of $50 billion on Monday."),
    (1, "On Monday Skylark Air was the first airline to pass $50 billion in market value."),
    (2, "Skylark Air's shares rose, making it the first airline worth $50 billion on Monday."),
    (3, "Skylark Air passed a market value of $50 billion on Monday after a strong quarter."),
    (4, "The market value of Skylark Air passed $50 billion on Monday."),
    (5, "Shares of Skylark Air lifted its market value past $50 billion on Monday."),
]


def _value_claims(sentences: list[tuple[int, str]]) -> tuple[support.OwnFacts, list[Item], Draft, list[int]]:
    items = _items(_with_filler(sentences, 4))
    own = support.OwnFacts(items, support.term_sets_of(items), None)
    big = _draft(items, [i for i, it in enumerate(items) if "$50 billion" in it.sentence.text])
    record = [i for i, it in enumerate(items) if " first " in it.sentence.text]
    return own, items, big, record


def test_a_record_told_beside_a_value_by_three_lines_is_a_fact_of_its_own() -> None:
    own, items, big, record = _value_claims(VALUE_STORY)
    value_text = items[5].sentence.text
    assert own.differs(big, record, value_text)
    # the value's own text telling the record: one fact, nothing to keep apart
    assert not own.differs(big, record, items[0].sentence.text)
    # a side of a disputed value is never a fact of its own
    big.dispute = 0
    assert not own.differs(big, record, value_text)


def test_two_lines_or_a_word_that_is_no_record_tell_no_fact_of_their_own() -> None:
    own, items, big, record = _value_claims(VALUE_STORY)
    assert not own.differs(big, record[:2], items[5].sentence.text)  # two lines: one wire story's words
    colour = [(a, t.replace("the first airline", "the carrier")) for a, t in VALUE_STORY]
    own, items, big, _record = _value_claims(colour)
    carrier = [i for i, it in enumerate(items) if "carrier" in it.sentence.text]
    assert len(carrier) == 3 and not own.differs(big, carrier, items[5].sentence.text)


def test_a_form_that_denies_the_action_after_it_is_a_negation() -> None:
    gates = frozenset({"open", "gate"})
    assert support.negated_at("The crew failed to open the flood gates in time.", gates)
    assert support.negated_at("The harbour master refused to open the gates.", gates)
    assert not support.negated_at("The crew opened the flood gates in time.", gates)
    assert not support.negated("The gates were not only opened but also locked.")


DENIED = [
    (0, "Harbour staff failed to open the flood gates before the surge arrived."),
    (0, "The quay was under water by dawn."),
    (1, "The decision not to open the flood gates is now under review."),
    (2, "Records show the flood gates were never opened that night."),
    (3, "Port officials opened the flood gates at noon the next day."),
]


def test_outlets_denying_the_same_thing_in_their_own_words_make_one_claim() -> None:
    items = _items(_with_filler(DENIED, 4))
    found = support.denials(items, support.term_sets_of(items))
    texts = [[items[m].sentence.text for m in members] for members in found]
    assert [DENIED[0][1], DENIED[2][1]] in texts  # "failed to open" and "not to open"
    # the affirmative report never joins a denial, and one outlet alone makes no claim
    assert all(DENIED[4][1] not in t and len(t) >= 2 for t in texts)


def test_the_story_s_word_runs_only_spare_reading_a_story_without_negation() -> None:
    items = _items(_with_filler(DENIED, 4))
    texts = [it.sentence.text for it in items]
    found = support.denials(items, support.term_sets_of(items))
    assert found and support.denials(items, support.term_sets_of(items), runs=word_runs(texts)) == found
    # "n't" is read too: its "t" is a run of its own
    told = _items(_with_filler([(0, "Harbour staff didn't open the flood gates."),
                                (1, "Crews didn’t open the flood gates before dawn.")], 4))
    runs = word_runs([it.sentence.text for it in told])
    assert support.denials(told, support.term_sets_of(told), runs=runs) == support.denials(told, support.term_sets_of(told)) != []
    plain = _items(_with_filler([(0, DENIED[4][1]), (1, DENIED[1][1])], 4))
    assert support.denials(plain, support.term_sets_of(plain), runs=word_runs([it.sentence.text for it in plain])) == []


def test_a_denial_among_one_line_of_reporting_is_no_claim() -> None:
    items = _items(_with_filler([(0, DENIED[0][1]), (1, DENIED[2][1])], 4))
    assert support.denials(items, support.term_sets_of(items), [0, 0, 2, 3, 4, 5]) == []  # (1 copies 0)
    assert support.denials(items, support.term_sets_of(items)) != []


TWO_FACTS = [
    (0, "The river crest is expected to rise further overnight, officials said."),
    (1, "Officials expect the river crest to rise further overnight."),
    (2, "The crest is expected to rise as crews reach the old mill town, which was flooded."),
    (3, "The crest is expected to rise as crews search the old mill town, where every street flooded."),
    (4, "The old mill town was flooded."),
    (5, "Water flooded the old mill town."),
]


def test_sentences_telling_two_facts_do_not_fold_the_two_claims_into_one() -> None:
    items = _items(_with_filler(TWO_FACTS, 4))
    crest, town = _draft(items, [0, 1, 2, 3]), _draft(items, [2, 3, 4, 5])
    # the town's claim was grouped from its own two sentences; support added the two telling both facts
    kept = support.fold([crest, town], items, _first_text(items), support.term_sets_of(items),
                        extended={1: frozenset({2, 3})})
    assert len(kept) == 2
    # the same claims, all four sentences grouped: half of the town's sit in the crest's claim
    crest, town = _draft(items, [0, 1, 2, 3]), _draft(items, [2, 3, 4, 5])
    assert len(support.fold([crest, town], items, _first_text(items), support.term_sets_of(items))) == 1


def test_an_adjective_in_ical_is_its_ic_form() -> None:
    items = _items([(0, "The historical port was flooded."), (1, "The historic port was flooded.")])
    assert "historic" in support.terms(items[0]) and "historical" not in support.terms(items[0])


FORECAST = [
    (0, "Officials expect the number of flooded homes to rise as the river crests."),
    (1, "The count of flooded homes is expected to rise again tonight, officials said."),
    (2, "The number of flooded homes reached 140 on Monday, but pumps kept the school dry."),
    (2, "That number is almost certain to rise before the weekend."),
]


def test_that_noun_is_read_as_what_the_sentence_before_named_with_it() -> None:
    items = _items(_with_filler(FORECAST, 4))
    ts = support.term_sets_of(items)
    flooded = set(content_stems("flooded homes"))
    assert flooded <= ts[3] and flooded.isdisjoint(support.terms(items[3]))
    # only the sentence just before, in the same article
    moved = _items(_with_filler([FORECAST[2], (3, FORECAST[3][1])], 4))
    assert flooded.isdisjoint(support.term_sets_of(moved)[1])


def test_an_outlet_in_a_claim_by_another_sentence_adds_the_one_stating_the_fact() -> None:
    items = _items(_with_filler([*FORECAST, (2, "Volunteers kept the school dry with pumps.")], 4))
    claim = _draft(items, [0, 1, 4])  # the third outlet is in the claim by a sentence about pumps
    support.extend([claim], items, support.term_sets_of(items))
    assert 3 in claim.members  # its "That number is almost certain to rise"


def test_a_reporter_s_routine_denial_makes_no_claim() -> None:
    routine = [(0, "The ferry operator did not immediately reply when reporters asked it to comment on Tuesday."),
               (1, "The ferry operator did not respond to a request for comment from reporters."),
               (2, "A harbour official, not authorized to speak publicly, described the damage.")]
    items = _items(_with_filler(routine, 4))
    assert support.denials(items, support.term_sets_of(items)) == []


ASSESSMENT = [
    (0, "Port director Ilse Brand called the grounding the worst navigation failure in the harbour's long history."),
    (1, "The grounding was the worst navigation failure in the harbour's long history, port director Ilse Brand said."),
    (2, "Inspectors are studying what officials described as a failure of navigation unmatched in the harbour's history."),
    (3, "Port director Ilse Brand said the harbour would reopen on Friday."),
    (4, "Officials said it was not a failure of navigation and the harbour's history held worse."),
]


def test_a_sentence_using_most_of_a_claim_s_words_in_another_grammar_supports_it() -> None:
    """The claim's core is one pair of its words ("grounding" + "long"); a third outlet tells the same
    assessment without that pair, in three of the words the claim's outlets share."""
    items = _items(_with_filler(ASSESSMENT, 4))
    claim = _extended(items, [0, 1])
    assert 2 in claim.members


def test_sharing_a_speaker_and_role_or_the_opposite_polarity_is_no_support() -> None:
    items = _items(_with_filler(ASSESSMENT, 4))
    claim = _extended(items, [0, 1])
    assert 3 not in claim.members  # the same person and role, another statement
    assert 4 not in claim.members  # the same words, denied


OWNERS = [
    (0, "Before the sale the ferry line's owners were Harlow Shipping, the Dessel family trust and banker Oona Marsh."),
    (1, "Oona Marsh and Harlow Shipping hold stakes in the ferry line, as does Pellan Capital."),
    (2, "Harlow Shipping and Oona Marsh both met the harbour board on Monday with Pellan Capital."),
    (3, "Oona Marsh, the banker behind Harlow Shipping, owns a stake in the line."),
    (4, "Harlow Shipping is the largest owner of the ferry line, ahead of Oona Marsh and Pellan Capital."),
]


def test_a_list_named_in_another_order_and_words_supports_the_list() -> None:
    items = _items(_with_filler(OWNERS, 4))
    claim = _extended(items, [0])
    assert 1 in claim.members  # two of the three owners, "hold stakes" for "owners"


def test_a_list_needs_its_news_predicate_a_list_of_its_own_and_no_record_it_lacks() -> None:
    items = _items(_with_filler(OWNERS, 4))
    claim = _extended(items, [0])
    assert 2 not in claim.members  # the same names, meeting a board: not what they own
    assert 3 not in claim.members  # one owner named two ways is no list
    largest = _extended(items, [4])
    assert 0 not in largest.members  # "the largest owner" is not stated by a list of owners
    assert 1 not in largest.members


def test_a_member_is_one_name_run_whichever_of_its_words_are_used() -> None:
    from sitegen.merge import aliases
    names = frozenset({"harlow", "shipping", "oona", "marsh", "pellan", "capital"})
    found = aliases.members("Oona Marsh and Harlow Shipping hold stakes, as does Pellan Capital.", names)
    assert found == [frozenset({"oona", "marsh"}), frozenset({"harlow", "shipping"}), frozenset({"pellan", "capital"})]


def test_a_forecast_inside_an_aside_does_not_make_the_sentence_a_forecast() -> None:
    assert support._modality("The ferry line — expected to be the busiest route of the summer — lost its licence.") == ""
    assert support._modality("The operator (which could appeal) lost its licence on Monday.") == ""
    assert support._modality("The operator is expected to lose its licence (its second this year).") == "future"


REASONS = [
    (0, "The sailing was cancelled due to a cracked rudder found at dawn."),
    (1, "The operator grounded the ferry over rudder concerns, a spokesman said."),
    (2, "Divers inspected the rudder on Tuesday."),
    (3, "The sailing was cancelled due to high winds."),
    (4, "Inspectors said the harbour closure came from rudder checks that were not finished."),
]


def test_another_outlet_naming_the_same_cause_in_other_words_states_the_reason() -> None:
    items = _items(_with_filler(REASONS, 4))
    claim = _extended(items, [0])
    assert 1 in claim.members  # "over rudder concerns": the rudder as the reason
    assert 2 not in claim.members  # the rudder, given as no reason
    assert 3 not in claim.members  # another reason for the same thing


def test_a_reason_given_by_only_some_of_a_claim_s_sentences_is_not_the_claim_s() -> None:
    items = _items(_with_filler(REASONS, 4))
    claim = _extended(items, [2, 4])  # a claim about the inspection, one of whose sentences gives a reason
    assert 0 not in claim.members and 1 not in claim.members


def test_due_to_before_a_noun_phrase_gives_a_cause_not_a_date() -> None:
    assert support._modality("The change in plans is due to ongoing engine faults.", reason=True) == ""
    assert support._modality("The sailing was cancelled due to the storm.", reason=True) == ""
    assert support._modality("The ferry is due to sail on Friday.", reason=True) == "future"
    assert support._modality("The ferry line plans to add a second boat.") == "future"


def test_a_sentence_support_gave_a_folded_claim_does_not_fold_a_third_claim() -> None:
    """The second crest claim folds into the first (its own sentence sits there); the sentence support
    gave it also tells of the flooded town, so the town's claim grouped from it and another outlet stays."""
    items = _items(_with_filler(TWO_FACTS, 4))
    first, second, town = _draft(items, [0, 1]), _draft(items, [0, 3]), _draft(items, [3, 5])
    kept = support.fold([first, second, town], items, _first_text(items), support.term_sets_of(items),
                        extended={1: frozenset({3})})
    assert len(kept) == 2
    assert any(d.members == [3, 5] for d in kept)


def test_a_figure_only_one_of_the_claim_s_outlets_gives_does_not_refuse_support() -> None:
    """One outlet's aside ("a valley of 4,000 people") is its detail, not what the claim counts: a
    forecast told beside today's toll by another outlet still states the forecast; a figure two of
    the claim's outlets give still refuses a sentence giving another."""
    forecast = [
        (0, "Crews searching the flooded valley expect the death toll to rise, the mayor says."),
        (1, "Divers expect the death toll to rise in the valley, home to 4,000 people, as they search."),
        (2, "Officials expect the death toll to rise as the search of the flooded valley goes on."),
        (3, "The death toll reached 12 people on Monday, and officials think the total will rise further."),
    ]
    claim = _extended(_items(_with_filler(forecast, 4)), [0, 1, 2])
    assert 3 in claim.members
    counted = [*forecast[:2], (2, "Officials expect the death toll to rise as the search of the valley, where "
                                   "4,000 people live, goes on."), forecast[3]]
    claim = _extended(_items(_with_filler(counted, 4)), [0, 1, 2])
    assert 3 not in claim.members, claim.members


def test_an_outlet_in_a_forecast_by_its_outcome_adds_its_sentence_telling_the_forecast() -> None:
    """The third outlet is in the claim by "rose to 14", an outcome: that sentence does not state
    the forecast, so the outlet's "that number will surely rise" joins the claim."""
    told = [(0, "Officials expect the death toll to rise as divers search the flooded valley."),
            (1, "The death toll is expected to rise again tonight, rescuers said."),
            (2, "The number of dead rose to 14 on Monday, but divers have searched only half the valley."),
            (2, "That number will surely rise.")]
    claim = _extended(_items(_with_filler(told, 4)), [0, 1, 2])
    assert 3 in claim.members
    # a sentence stating the forecast already counts its outlet: the outlet's other sentence does not join
    told[2] = (2, "The number of dead is likely to rise again as divers search the valley, the mayor said.")
    claim = _extended(_items(_with_filler(told, 4)), [0, 1, 2])
    assert 3 not in claim.members


def test_a_record_claim_takes_only_sentences_telling_the_record() -> None:
    """Most of the claim's outlets tell a record ("the first grocer to reach"): another outlet's
    sentence that the value was reached, with no ordinal or superlative, tells another fact."""
    told = [(0, "Halden Foods became the first grocer to reach a market value of $50 billion on Tuesday."),
            (1, "Halden Foods is the first grocer to reach a $50 billion market value, traders said."),
            (2, "On Tuesday Halden Foods became the first grocer to reach $50 billion in market value."),
            (3, "Halden Foods briefly reached a $50 billion market value on Tuesday."),
            (4, "Halden Foods on Tuesday was the first grocer ever to reach $50 billion in market value.")]
    claim = _extended(_items(_with_filler(told, 4)), [0, 1, 2])
    assert 4 in claim.members and 3 not in claim.members
