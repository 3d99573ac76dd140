"""The merge's fast paths give exactly what the straightforward definitions give.

``claims.group`` scores pairs with ``_PairScores`` (row accumulation) instead of the reference
``claims.similarities`` (a dict of pair tuples); the two must agree bit for bit, or ties and
threshold tests could flip and claims regroup."""
from __future__ import annotations

from dataclasses import replace

import pytest

from merge_support import config, fixture_articles
from sitegen.merge import claims
from sitegen.merge.claims import _PairScores, similarities, vectors
from sitegen.merge.hedges import lexicon
from sitegen.merge.sentences import parse_body
from sitegen.merge.story import _items, canonical_order


def fixture_items():
    ordered = canonical_order(fixture_articles())
    lex = lexicon(tuple(config().hedge_words))
    parsed = [parse_body(i, a.body, lex) for i, a in enumerate(ordered)]
    return _items(ordered, parsed)[0]


@pytest.mark.parametrize("dense", [True, False], ids=["dense-rows", "sparse-rows"])
def test_pair_scores_equal_reference_similarities(dense: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not dense:
        monkeypatch.setattr(claims, "DENSE_ROWS_UP_TO", 0)
    items = fixture_items()
    vecs = vectors(items)
    reference = similarities(items, vecs)
    fast = _PairScores(items, vecs)
    assert reference, "fixture should produce scored pairs"
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if items[i].sentence.article != items[j].sentence.article:
                assert fast.get((i, j)) == reference.get((i, j), 0.0), (i, j)
    for threshold in (0.1, 0.2, 0.33, 0.5):
        expected = sorted((-s, p) for p, s in reference.items() if s >= threshold)
        assert sorted(fast.at_least(threshold)) == expected


TRICKY = [
    "Click HERE to Subscribe to our newsletter today, it is free.",
    "Write to news@example.com for corrections to this story.",
    "The company reportedly FAMILIAR with the plan declined to be named.",
    "According   to   sources, the ban starts next week.",
    "This is not investment advice, the page said in small print.",
    "Related Articles: more on the scooter ban in Harbor City.",
    "The ſubscribe button and the Kelvin ſign up form are not ascii.",  # long s matches "s" under IGNORECASE
    "Officials said the audit is unverified and could not be independently verified.",
    "A plain sentence about scooters with nothing special in it at all.",
]


def test_lexicon_prefilters_agree_with_the_regexes() -> None:
    lex = lexicon(("so-called", "rumour mill"))
    texts = TRICKY + [it.sentence.text for it in fixture_items()]
    for text in texts:
        assert lex.is_boilerplate(text) == (lex.boilerplate.search(text) is not None), text
        assert lex.is_anonymous(text) == (lex.anonymous.search(text) is not None), text
        raw = lex.hedge.search(text) or lex.anonymous.search(text)
        assert lex.hedge_cue(text) == (raw.group(0).lower() if raw else None), text


def test_required_literal_is_none_when_no_literal_is_certain() -> None:
    from sitegen.merge.hedges import _required_literal
    assert _required_literal(r"\bread more\b") == "read more"
    assert _required_literal(r"\brelated articles?\b") == "related article"
    assert _required_literal(r"foo|bar") is None
    assert _required_literal(r"[abc]def") is None
    assert _required_literal(r"\bnot (?:financial|investment) advice\b") == "advice"


def test_date_prefilter_never_hides_a_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """dates_in skips the patterns when _may_hold_date says no; they must then find nothing."""
    from datetime import datetime, timezone
    from sitegen.merge import features
    texts = TRICKY + [it.sentence.text for it in fixture_items()] + [
        "It happened on SEPT. 3 in the port.", "Just yesterday the council voted.", "Last  week it ended.",
        "The ban starts next week for all riders.", "Mayor Ann spoke in Marseille.", "Année ٣ sans date.",
        "It may rain.", "may_be not", "a week-long ban", "the mid-Sept. plan", "TODAY's vote", "LAST WEEK.",
        "Yeſterday it rained.", "It ends NEXT WEEK, said the mayor.", "On 2026-07-03 and 4 July.", "Since July 2025."]
    published = datetime(2026, 7, 3, tzinfo=timezone.utc)
    gated = {(text, p): features.dates_in(text, p, 2026) for text in texts for p in (None, published)}
    monkeypatch.setattr(features, "_may_hold_date", lambda _text, _relative: True)
    skipped = 0
    for (text, p), found in gated.items():
        assert found == features.dates_in(text, p, 2026), text
        skipped += not features._DIGIT.search(text)
    assert skipped and sum(bool(found) for found in gated.values()) >= 8


ATTRIBUTION_TEXTS = [
    "According to Reuters, the ban starts Monday. Yicai first reported the memo.",
    "The paper, citing people familiar with the matter, said so. As reported by The Harbor Times, fines rise.",
    "ACCORDING TO AN UNNAMED SOURCE the audit found defects, one insider told reporters.",
    "Harbor Daily was first to report it; it was originally reported by Bay News Agency.",
    "Nothing here names any source at all, and nobody is cited.",
    "Accordİng to insiders, the plan was changed.",  # dotted capital I: folds to i only inside the regex
]


def test_attribution_prefilter_agrees_with_the_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen.merge import independence
    texts = ATTRIBUTION_TEXTS + [a.body for a in fixture_articles()]
    fast = [independence.attributions_in(t, "Harbor Daily") for t in texts]
    monkeypatch.setattr(independence, "_ATTRIBUTION_KEYS", (("",),) * len(independence._ATTRIBUTION_PATTERNS))
    monkeypatch.setattr(independence, "_FIRST_REPORTED_KEYS", ("",))
    assert fast == [independence.attributions_in(t, "Harbor Daily") for t in texts]
    assert any(found for found, _first in fast) and any(first for _found, first in fast)


def test_normalised_body_of_a_prefix_equals_the_full_normalisation() -> None:
    import re
    from sitegen.merge.independence import _normalised_body
    for article in fixture_articles():
        for body in (article.body, article.body * 4, "Σ" * 5999 + "Σ a", "x!" * 3500):
            expected = re.sub(r"\W+", " ", body.lower())[:3000]
            assert _normalised_body(replace(article, body=body)) == expected


def test_inline_cleaning_shortcuts_agree_with_the_substitutions() -> None:
    import re
    from sitegen.merge import sentences as sm
    texts = ["Plain  text\twith   spaces.", "A [link](http://x.y) and ![img](a.png) here.", "<b>bold</b> tag",
             "**strong** and _under_ and __dunder__ and `code`", "Fined $250. Source: Harbor Daily.",
             "Said so (Source: Reuters, Source: AP).", "No tag: source: lowercase is not one."]
    texts += [a.body for a in fixture_articles()]
    for text in texts:
        expected = re.sub(r"\s+", " ", sm._EMPHASIS.sub("", sm._HTML_TAG.sub("", sm._LINK.sub(r"\1", text)))).strip()
        assert sm.clean_inline(text) == expected
        if not sm._SOURCE_TAG.search(text):
            assert sm.strip_source_tags(text) == (text, ())
    assert sm.strip_source_tags("Fined $250. Source: Harbor Daily.")[1] == ("Harbor Daily",)


def test_sentence_splitting_matches_the_lookbehind_definition() -> None:
    import re
    from sitegen.merge import sentences as sm
    split = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9$])")

    def reference(paragraph: str) -> list[str]:
        pieces, start = [], 0
        for match in split.finditer(paragraph):
            candidate = paragraph[start:match.start()].rstrip("\"'”’)] ")
            if sm._ABBREV_END.search(candidate):
                continue
            pieces.append(paragraph[start:match.end()].strip())
            start = match.end()
        pieces.append(paragraph[start:].strip())
        return [p for p in pieces if p]

    texts = ["Mr. Smith met Dr. Jones. They agreed! Did they? Yes.", "The U.S. and the U.K. signed. It was J. Doe's plan.",
             "xMr. Big left. Then e.g. this. A.", "He said \"Go.\" Then (she left.) 3 days later.", "Prof. X. Y. Z. Done.",
             "Ends with newline Dr.\n Next one."]
    texts += [line for a in fixture_articles() for line in a.body.splitlines()]
    for text in texts:
        assert sm.split_sentences(text) == reference(text), text
