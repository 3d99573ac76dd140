"""The merge's fast paths give exactly what the straightforward definitions give.

``claims.group`` scores pairs with ``_PairScores`` (row accumulation) instead of the reference
``claims.similarities`` (a dict of pair tuples); the two must agree bit for bit, or ties and
threshold tests could flip and claims regroup."""
from __future__ import annotations

import re

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
    if dense:  # listed and added a few products at a time, the sums are the same
        monkeypatch.setattr(claims, "PAIR_LIST", 5)
        monkeypatch.setattr(claims, "PAIR_BATCH", 2)
        assert (_PairScores(items, vecs).raw == fast.raw).all()


def test_exact_scores_on_arrays_equal_the_pair_by_pair_sums(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(claims, "DENSE_ROWS_UP_TO", 0)
    monkeypatch.setattr(claims, "EXACT_BATCH", 97)  # several batches
    items = fixture_items()
    scores = _PairScores(items)
    pairs = [(i, j) for i in range(len(items)) for j in range(i + 1, len(items))]
    exact = [scores._exact(i, j) for i, j in pairs]
    assert scores._exact_many(pairs) == exact
    assert sum(e > 0 for e in exact) > 50 and any(e == 0 for e in exact)
    monkeypatch.setattr(claims, "EXACT_ARRAYS_FROM", 1)  # every run of tied pairs on arrays: the same groups
    arrays = claims.group(items)
    monkeypatch.setattr(claims, "EXACT_ARRAYS_FROM", 10 ** 9)
    assert arrays == claims.group(items)


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
    headings = ["Reuters's Take", "The Reporter’s View", "OPINION: no", "Related coverage", "References",
                "Our View", "Need help?", "Market Impact", "Why it matters", "Conclusion", "About the Author",
                "Our viewpoint", "Reporters view", "Unrelated", "What happened", "Mistake", "Timeline"]
    for text in texts + headings:
        assert lex.is_skipped_section(text) == (lex.skipped_section.search(text) is not None), text
    assert sum(map(lex.is_skipped_section, headings)) >= 10


def test_required_literal_is_none_when_no_literal_is_certain() -> None:
    from sitegen.merge.hedges import _required_literal
    assert _required_literal(r"\bread more\b") == "read more"
    assert _required_literal(r"\brelated articles?\b") == "related article"
    assert _required_literal(r"foo|bar") is None
    assert _required_literal(r"[abc]def") is None
    assert _required_literal(r"\bnot (?:financial|investment) advice\b") == "advice"


def test_date_prefilter_never_hides_a_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """dates_in skips the patterns when may_hold_date says no; they must then find nothing."""
    from datetime import datetime, timezone
    from sitegen.merge import features
    texts = TRICKY + [it.sentence.text for it in fixture_items()] + [
        "It happened on SEPT. 3 in the port.", "Just yesterday the council voted.", "Last  week it ended.",
        "The ban starts next week for all riders.", "Mayor Ann spoke in Marseille.", "Année ٣ sans date.",
        "It may rain.", "may_be not", "a week-long ban", "the mid-Sept. plan", "TODAY's vote", "LAST WEEK.",
        "Yeſterday it rained.", "It ends NEXT WEEK, said the mayor.", "On 2026-07-03 and 4 July.", "Since July 2025."]
    published = datetime(2026, 7, 3, tzinfo=timezone.utc)
    gated = {(text, p): features.dates_in(text, p, 2026) for text in texts for p in (None, published)}
    monkeypatch.setattr(features, "may_hold_date", lambda _text, _relative: True)
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
    "The council REPORTED BY Friday that Harbor Daily first reported it, CITING Bay News.",
    "Officials TOLD reporters so; Bay News reported first by a day, citing people familiar with it.",
]


def test_attribution_prefilter_agrees_with_the_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen.merge import independence
    texts = ATTRIBUTION_TEXTS + [a.body for a in fixture_articles()]
    fast = [independence.attributions_in(t, "Harbor Daily") for t in texts]
    monkeypatch.setattr(independence, "_ATTRIBUTION_KEYS", (("",),) * len(independence._ATTRIBUTION_PATTERNS))
    monkeypatch.setattr(independence, "_FIRST_REPORTED_KEYS", ("",))
    monkeypatch.setattr(independence, "_ATTRIBUTION_WORDS", ("",))
    assert fast == [independence.attributions_in(t, "Harbor Daily") for t in texts]
    assert any(found for found, _first in fast) and any(first for _found, first in fast)


def test_normalised_body_of_a_prefix_equals_the_full_normalisation() -> None:
    import re
    from sitegen.merge.independence import _normalised_body
    for article in fixture_articles():
        for body in (article.body, article.body * 4, "Σ" * 5999 + "Σ a", "x!" * 3500, "x!!!" * 1500, "x!!!" * 3000,
                     "ab.." * 1200, "ab.." * 1001, "a" * 3999 + "!" * 3000 + "b"):
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


def test_sentence_word_counts_are_split_counts() -> None:
    bodies = [a.body for a in fixture_articles()] + [
        "Fined $250 today in the port. Source: Harbor Daily. Then (Source: AP, Source: Reuters) more words here.",
        "A  spaced\tout   sentence with   many gaps in it. Another one follows here for sure."]
    sentences = [s for i, b in enumerate(bodies) for s in parse_body(i, b, lexicon(())).sentences]
    assert sentences and all(s.words == len(s.text.split()) for s in sentences)
    assert any(s.inline_sources for s in sentences)


def test_digit_check_agrees_with_the_regex() -> None:
    from sitegen.merge.features import _DIGIT, has_digit
    for text in TRICKY + ["", "abc", "x9", "٣ Arabic-Indic", "²", "No digits é", "0"]:
        assert has_digit(text) == (_DIGIT.search(text) is not None), text


def test_statement_test_prefilters_agree_with_the_patterns() -> None:
    from sitegen.merge import newsworthy as nw
    texts = TRICKY + [it.sentence.text for it in fixture_items()] + [
        "Shares of ACME-BTC rose.", "Mail tips@example.org now.", "See https://x.y for more.", "Go to www.x.org",
        "The J2qvw4 code.", "It won 5G and 4th place in 2024abc.", "PHOTO: Jane Roe", "Picture courtesy / AP",
        "(via Reuters) rain fell", "AP Photo/Jo Lee shows it.", "Getty Images", "MANDATORY CREDIT line here",
        "photo credit: ſomeone", "Vídeo: a clip", "Pictures of the town…", "It went on and on...",
        "Trailing dots ... ", "A quote ends “so…”", "No ellipsis here.", "Arabic digit ٣x here", "٣abc tokens"]
    for text in texts:
        assert nw.has_identifier(text) == (nw._IDENTIFIER.search(text) is not None), text
        assert nw._credit(text) == (nw._CREDIT.search(text) is not None), text
        assert nw._cut_off(text) == (nw._CUT_OFF.search(text) is not None), text
    assert sum(map(nw.has_identifier, texts)) >= 5 and sum(map(nw._credit, texts)) >= 5
    assert sum(map(nw._cut_off, texts)) >= 2


def test_copy_detection_sentences_equal_the_regex_split() -> None:
    import random
    from sitegen.merge import independence as ind

    def reference(body: str) -> set[str]:
        pieces = ind._SENTENCE_END.split(body[:ind._COPY_SCAN].lower())
        return {" ".join(w) for w in (ind._WORD_RUN.findall(p) for p in pieces) if len(w) >= 6}

    rng = random.Random(5)
    texts = [a.body for a in fixture_articles()] + TRICKY + [
        "a.. b c d e f g h. i j k l m n o p", "x. . y z w v u t s r. q r s t u v",
        'He said "Go." Then   she left the room at once. ok!   Yes? no\x1c. more words here to count now',
        "a.\"  b c d e f g h i\tj. k l m n o p q r s!\nt u v w x y z", "Café owners said. the six words here now"]
    texts += ["".join(rng.choice(["ab", "Cd", " ", ".", "!", "?", "\n", "\t", '"', "\x1c", "é", "_", "-", "3"])
                      for _ in range(rng.randint(0, 400))) for _ in range(2000)]
    for text in texts:
        assert ind._body_sentences(text) == reference(text), text
    assert sum(bool(ind._body_sentences(t)) for t in texts) >= 100


# ---------------------------------------------------------------- reference definitions, fuzzed

from hypothesis import given, settings
from hypothesis import strategies as st

SNIPPETS = st.lists(st.sampled_from([
    "Alibaba", "NASA", "ZipRide", "McDonald", "of", "de", "the", "Bank", "Mr.", "U.S.", "said", "x", "I", "A",
    " ", "  ", "\n", ". ", "! ", "? ", ": ", ":", ".", "!", "“", '"', "'", "’s", "-", "_", "3", "é", "É", "(", ")", ",", "&", "..",
]), max_size=14).map("".join)


def reference_name_candidates(text: str) -> set[str]:
    """name_candidates as first written: \\b before the capital, a window cut at the text start."""
    import re
    from sitegen.merge.features import _name_parts
    capitalised = re.compile(r"\b([A-Z][\w&’'.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w&’'.-]*)*)")
    names: set[str] = set()
    for match in capitalised.finditer(text):
        starts_sentence = match.start() == 0 or text[max(0, match.start() - 2):match.start()].strip() in (
            ".", "!", "?", ":", "“", '"')
        if starts_sentence:
            first = match.group(1).split()[0]
            if re.search(r"[a-z][A-Z]", first) or (first.isupper() and len(first) > 1):
                names.update(_name_parts(first))
            continue
        names.update(_name_parts(match.group(1)))
    return names


@settings(max_examples=300, deadline=None)
@given(st.lists(SNIPPETS, max_size=6))
def test_names_of_joined_sentences_equal_each_sentence_s_names(texts: list[str]) -> None:
    from sitegen.merge.features import name_candidates, names_in_sentences
    expected = set().union(*(reference_name_candidates(t) for t in texts)) if texts else set()
    assert names_in_sentences(texts) == expected
    for text in texts:
        assert name_candidates(text) == reference_name_candidates(text)


def test_names_fixture_sentences_match_the_reference() -> None:
    from sitegen.merge.features import names_in_sentences
    texts = TRICKY + [it.sentence.text for it in fixture_items()]
    found = names_in_sentences(texts)
    assert found == set().union(*(reference_name_candidates(t) for t in texts)) and found


@settings(max_examples=300, deadline=None)
@given(SNIPPETS)
def test_spaced_words_equal_the_substitution(text: str) -> None:
    import re
    from sitegen.merge.independence import _spaced_words
    assert _spaced_words(text) == re.sub(r"\W+", " ", text)


WINDOW_TEXTS = ["x :Alibaba here", "a.Bank of Harbor", "“Alibaba said", ' "NASA said', "x: Bank rose", "so?Bank",
                "A", " Bank", "\nBank", "e.g. Bank", "xBank", "x_Bank", "3Bank", "éBank", "(Bank of de Mar)",
                "ZipRide", ". ZipRide", "x ZipRide", "NASA and Bank", "x '  Bank"]


def test_name_windows_match_the_reference() -> None:
    from sitegen.merge.features import name_candidates, names_in_sentences
    for text in WINDOW_TEXTS:
        assert name_candidates(text) == reference_name_candidates(text), text
    assert names_in_sentences(WINDOW_TEXTS) == set().union(*map(reference_name_candidates, WINDOW_TEXTS))


def test_hedge_cues_with_word_runs_equal_each_text_s_cue() -> None:
    from sitegen.merge.hedges import word_runs
    texts = TRICKY + [it.sentence.text for it in fixture_items()] + [
        "A so-called audit, the rumour  mill says.", "It was MOOTED by some.", "Unmooted plans.", "so-calledness",
        "People familiar-with it.", "People familiar with it.", "Reportedly_not.", "The claimed-that line.",
        "It follows allegations that the firm lied.", "The ALLEGATION stands.", "Sources said so."]
    # default cues take the word-run path; a hyphenated extra cue falls back to substring keys
    for lex in (lexicon(()), lexicon(("so-called", "rumour mill", "Mooted"))):
        expected = [lex.hedge_cue(t) for t in texts]
        assert lex.hedge_cues(texts, word_runs(texts)) == expected == lex.hedge_cues(texts)
        assert sum(cue is not None for cue in expected) >= 6
        for text, cue in zip(texts, expected):  # one text alone: only its own runs are known
            assert lex.hedge_cues([text], word_runs([text])) == [cue], text
    assert lexicon(()).hedge_words and lexicon(("so-called",)).hedge_words is None


def test_story_gates_agree_with_the_regexes() -> None:
    from sitegen.merge.hedges import word_runs
    from sitegen.merge.story import _search_where_possible, _speculation
    speculation, speculation_runs = _speculation()
    plain = [it.sentence.text for it in fixture_items()]
    extra = ["Let's see what happens next.", "US officials may act.", "It could_be fine.", "You ſee, we said.",
             "Imagine the ban.", "My view.", "It suggests so.", "Mightily done."]
    for texts in (plain, plain + extra, extra, ["No modal here at all."]):
        runs = word_runs(texts)
        gate = _search_where_possible(speculation, speculation_runs, runs)
        assert [gate(t) for t in texts] == [speculation.search(t) is not None for t in texts]
    # (the commentary test reads quotation marks now: sitegen/merge/newsworthy.py, no word-run gate)


def test_article_date_gate_never_hides_a_sentence_figure() -> None:
    """_items skips numbers_in/dates_in for an article whose kept text can hold no figure or date."""
    from datetime import datetime, timezone
    from sitegen.merge import features
    from sitegen.merge.story import _items
    bodies = ["It ended to Source: Reuters. day, officials said in the port.",
              "Fines rose to Source: AP, Source: Reuters) week, the mayor said again.",
              "Nothing dated in here at all, the council said on the record.",
              "The toll was 25 Source: Reuters. 000 scooters, the mayor said later.",
              "It happened yesterday Source: Reuters, the council said on Monday.",
              "Yeſterday the council voted on the plan for the port, it said."]
    arts = [replace(fixture_articles()[0], slug=f"g{i}", body=b,
                    published=datetime(2026, 7, 3, tzinfo=timezone.utc) if i % 2 else None)
            for i, b in enumerate(bodies)]
    lex = lexicon(())
    parsed = [parse_body(i, a.body, lex) for i, a in enumerate(arts)]
    items, _vocab = _items(arts, parsed)
    assert len(items) == len(bodies)
    for it in items:
        a = arts[it.sentence.article]
        assert it.features.numbers == features.numbers_in(it.sentence.text)
        assert it.features.dates == features.dates_in(it.sentence.text, a.published, a.published and a.published.year)
    assert any(it.features.numbers for it in items) and any(it.features.dates for it in items)


@settings(max_examples=300, deadline=None)
@given(st.lists(SNIPPETS, max_size=5))
def test_word_runs_equal_the_regex_runs(texts: list[str]) -> None:
    import re
    from sitegen.merge.hedges import word_runs
    assert word_runs(texts) == frozenset(re.findall(r"\w+", "\n".join(texts).lower()))


PLAIN_SNIPPETS = st.lists(st.sampled_from([
    "Harbor", "council", "fined", "x", "A", " ", "  ", "\t", "\x1c", "\n", ".", ",", "$", "3", "_", "'", "-", "@", "é", "’",
]), max_size=12).map("".join)  # mostly plain ASCII words: the one-pass tokenising path


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(PLAIN_SNIPPETS, SNIPPETS), max_size=6))
def test_words_and_runs_of_many_texts_equal_the_regexes(texts: list[str]) -> None:
    import re
    from itertools import chain
    from sitegen.merge.features import sentence_words_of
    from sitegen.merge.hedges import word_runs
    words = sentence_words_of(texts)
    assert [list(w) for w in words] == [re.findall(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]", t) for t in texts]
    expected = frozenset(re.findall(r"\w+", "\n".join(texts).lower()))
    assert word_runs(texts, set(chain.from_iterable(words))) == expected == word_runs(texts)


def test_words_of_plain_texts_take_the_one_pass_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen.merge import features
    texts = ["Harbor council fined Zipride, officials said.", "A  second\tone; with (brackets) and $ signs."]
    expected = [features._WORD.findall(t) for t in texts]
    monkeypatch.setattr(features, "_WORD", None)  # the regex is not used at all
    assert [list(w) for w in features.sentence_words_of(texts)] == expected and features.sentence_words_of([]) == []


def test_parse_bodies_equal_each_body_parsed_alone() -> None:
    from sitegen.merge.features import sentence_words
    from sitegen.merge.sentences import parse_bodies
    lex = lexicon(())
    bodies = [a.body for a in fixture_articles()] + [
        "Subscribe to our newsletter for more news today. The council fined Zipride $250 on July 10.",
        "Sign up for the live price chart, it is free of charge. Price charts help the live traders.",
        "## Our view\n\nWe think the ban is right for the city and its riders.\n\n## News\n\nThe ban starts in May, the mayor said."]
    together = parse_bodies(bodies, lex)
    for i, body in enumerate(bodies):
        alone = parse_body(i, body, lex)
        assert together[i].sentences == alone.sentences and together[i].faq == alone.faq
        assert together[i].all_text == alone.all_text and together[i].words == alone.words
        assert [list(w) for w in together[i].words] == [sentence_words(s.text) for s in alone.sentences]
        assert alone.word_runs <= together[i].word_runs
    assert sum(len(p.sentences) for p in together) > 10
    assert "Subscribe to our newsletter for more news today." not in {s.text for p in together for s in p.sentences}


def crafted_items():
    """Fixture sentences plus sentences that repeat a word, give figures and dates, share subjects."""
    from datetime import datetime, timezone
    from sitegen.merge.story import _items
    bodies = ["Harbor City fined Zipride $250 on July 10, 2026, and fined it again, the council said today.",
              "Zipride was fined $500 by Harbor City on July 10, officials and officials said in a statement.",
              "Harbor City council fined Zipride about $250 on 10 July after 1,200 scooters were seized.",
              "The mayor said 1,200 scooters were seized and the fine was $250, the council confirmed today."]
    published = datetime(2026, 7, 11, tzinfo=timezone.utc)
    arts = canonical_order(fixture_articles()) + [
        replace(fixture_articles()[0], slug=f"crafted-{i}", body=b, published=published) for i, b in enumerate(bodies)]
    lex = lexicon(())
    parsed = [parse_body(i, a.body, lex) for i, a in enumerate(arts)]
    return _items(arts, parsed)[0]


def test_entries_equal_reference_vectors() -> None:
    items = crafted_items()
    reference = vectors(items)
    entries = claims._entries(items)
    assert any(f.numbers for f in (it.features for it in items)) and any(it.features.dates for it in items)
    rebuilt: list[list[float]] = [[] for _ in items]
    for i, w in zip(entries.item.tolist(), entries.weight.tolist()):
        rebuilt[i].append(w)
    for i, vec in enumerate(reference):
        assert list(vec.values()) == rebuilt[i], i  # same weights, in the same order, bit for bit
    raws = [claims._raw_features(it.features) for it in items]
    assert any(raw and max(raw.values()) > 1 for raw in raws), "a sentence repeating a feature"
    kinds = [entries.kinds[f] for f in entries.feature.tolist()]
    assert kinds == [key[0] for raw in raws for key in raw]  # and the same feature kinds


def reference_group(items, pair_threshold=claims.PAIR_THRESHOLD, link_threshold=claims.LINK_THRESHOLD):
    """group() as first written: dict scores from similarities(), every link averaged in a loop."""
    sims = similarities(items, vectors(items))
    cluster_of = list(range(len(items)))
    members = {i: [i] for i in range(len(items))}
    for _score, (i, j) in sorted((-s, p) for p, s in sims.items() if s >= pair_threshold):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        total, count = 0.0, 0
        for a in members[ci]:
            for b in members[cj]:
                if items[a].sentence.article != items[b].sentence.article:
                    total += sims.get((min(a, b), max(a, b)), 0.0)
                    count += 1
        if (total / count if count else 1.0) < link_threshold:
            continue
        keep, drop = min(ci, cj), max(ci, cj)
        for m in members[drop]:
            cluster_of[m] = keep
        members[keep].extend(members.pop(drop))
    return [sorted(m) for _, m in sorted(members.items())]


@pytest.mark.parametrize("path", ["dense", "dense-array-links", "dense-small-batches", "sparse",
                                  "sparse-small-blocks", "sparse-exact-means",
                                  "sparse-no-exact-means"])
def test_group_equals_the_reference_grouping(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if path == "dense-small-batches":  # products listed and added a few at a time
        monkeypatch.setattr(claims, "PAIR_LIST", 7)
        monkeypatch.setattr(claims, "PAIR_BATCH", 3)
    if path.startswith("sparse"):  # a long story's path: matrix products, exact sums near a threshold
        monkeypatch.setattr(claims, "DENSE_ROWS_UP_TO", 0)
    if path.endswith("array-links"):
        monkeypatch.setattr(claims, "ARRAY_LINK_FROM", 0)
    if path == "sparse-small-blocks":
        monkeypatch.setattr(claims, "BLOCK_CELLS", 5)
    if path == "sparse-exact-means":  # every link decided by the reference's own sums
        monkeypatch.setattr(claims, "CLOSE", 10.0)
    if path == "sparse-no-exact-means":  # every link decided by the products' mean
        monkeypatch.setattr(claims, "CLOSE", 0.0)
    items = crafted_items()
    expected = reference_group(items)
    assert claims.group(items) == expected
    assert any(len(g) > 2 for g in expected)
    for pair, link in ((0.2, 0.1), (0.5, 0.3), (0.1, 0.6), (5.0, 0.1)):  # lone pairs may fail the link test too; no pair
        assert claims.group(items, pair, link) == reference_group(items, pair, link)


def test_sentence_features_equal_the_per_sentence_functions() -> None:
    from datetime import datetime, timezone
    from sitegen.merge import features as fe
    texts = [it.sentence.text for it in crafted_items()] + TRICKY
    vocab = frozenset(fe.names_in_sentences(texts))
    for published in (None, datetime(2026, 7, 11, tzinfo=timezone.utc)):
        batch = fe.sentence_features(texts, vocab, published, 2026)
        for text, f in zip(texts, batch):
            words = fe.sentence_words(text)
            one = fe.Features(fe.stems_in(words), fe.names_among(words, vocab), fe.numbers_in(text),
                              fe.dates_in(text, published, 2026), fe.subject_in(words, vocab))
            assert f == one and list(f.names) == list(one.names), text  # names iterate in the same order
        assert any(f.numbers for f in batch) and any(f.dates for f in batch) and any(f.subject for f in batch)
        words = [fe.sentence_words(t) for t in texts]
        table = fe.word_table({w for ws in words for w in ws} | {"unused"}, vocab)
        with_table = fe.sentence_features(texts, vocab, published, 2026, True, words, table)
        assert with_table == batch and [list(f.names) for f in with_table] == [list(f.names) for f in batch]
        assert any(not f.names for f in batch) and len(table.name_words) > 1


TERM_SENTENCES = [
    "The historical vote approved the new harbour budget, the mayor said on Monday.",
    "Officials announced a MEDICAL review of the Varrow Bay crane after the collapse.",
    "“We will reopen the terminal before spring,” Dana Okoro told reporters.",
    "The inspectors found no technical fault in the crane, according to the port regulator.",
    "Critics said the rules for the Kessel terminal were political and too loose.",
    "The council approved and signed the treaty with Northgate on Tuesday.",
    "The board ordered a MEDICAL check of every crane driver at the port, officials said.",
]


def _reference_terms(item: claims.Item) -> frozenset[str]:
    """support.terms as it was written for one sentence at a time."""
    from sitegen.merge import support
    from sitegen.merge.features import content_stems
    found = item.features.names.union(item.features.stems)
    tail = support.attribution_tail(item.sentence.text)
    if tail:
        found = found - frozenset(content_stems(tail)) - frozenset(w.lower() for w in tail.split())
    if "ical" in item.sentence.text and any(t.endswith("ical") for t in found):
        found = frozenset(t[:-2] if t.endswith("ical") else t for t in found)
    return frozenset(support._predicates().get(t, t) for t in found)


def test_term_sets_equal_the_terms_read_sentence_by_sentence() -> None:
    from sitegen.merge import features as fe, support
    from sitegen.merge.sentences import Sentence
    texts = TERM_SENTENCES + [it.sentence.text for it in crafted_items()]
    vocab = frozenset(fe.names_in_sentences(texts))
    words = [fe.sentence_words(t) for t in texts]
    table = fe.word_table({w for ws in words for w in ws}, vocab)
    for batch in (fe.sentence_features(texts, vocab, None, 2026),
                  fe.sentence_features(texts, vocab, None, 2026, True, words, table)):
        items = [claims.Item(Sentence(0, k, text), f) for k, (text, f) in enumerate(zip(texts, batch))]
        expected = [_reference_terms(it) for it in items]
        assert [support.terms(it) for it in items] == expected
        assert support._terms_of(items) == expected
    assert "historic" in expected[0] and "mayor" not in expected[0] and "medical" in expected[1]
    assert "okoro" not in expected[2] and any(t in support.predicate_concepts() for t in expected[5])
    assert "medical" in expected[6] and "official" not in expected[6]


INLINE = st.lists(st.sampled_from([
    "Plain", "words", " ", "  ", "\t", "\u00a0", "\u2009", "\n", "[link](http://x.y)", "**strong**", "_u_", "`c`",
    "<b>", "Mr.", "Dr.", "U.S.", "e.g.", "A.", ". ", "! ", "? ", '" ', "’ ", ") ", "The", "3", "$5", "(Source: AP)",
    "Source: Reuters.", "é"]), max_size=16).map("".join)


@settings(max_examples=400, deadline=None)
@given(INLINE)
def test_inline_cleaning_equals_its_definition(text: str) -> None:
    import re
    from sitegen.merge import sentences as sm
    expected = re.sub(r"\s+", " ", sm._EMPHASIS.sub("", sm._HTML_TAG.sub("", sm._LINK.sub(r"\1", text)))).strip()
    assert sm.clean_inline(text) == expected


def test_boilerplate_flags_with_word_runs_equal_each_text_s_flag() -> None:
    from sitegen.merge.hedges import _run_words, word_runs
    lex = lexicon(())
    texts = TRICKY + [it.sentence.text for it in fixture_items()] + [
        "All rights reserved by the paper.", "Reserved seats, all rights.", "Not investment advice.", "Not   financial advice!",
        "Sign-up now for the live price chart.", "Signup here.", "Read more: the port.", "Bread mores.",
        "Write to desk@paper.example for feedback or concerns.", "Sponsored_by nobody.", "PRODUCED WITH AI ASSISTANCE."]
    expected = [lex.is_boilerplate(t) for t in texts]
    assert lex.boilerplate_flags(texts, word_runs(texts)) == expected == lex.boilerplate_flags(texts)
    for text, flag in zip(texts, expected):
        assert lex.boilerplate_flags([text], word_runs([text])) == [flag], text
    assert sum(expected) >= 8
    assert _run_words(r"\ball rights reserved\b") == ("all", "rights", "reserved")
    assert _run_words(r"\brelated articles?\b") == ("related",) and _run_words(r"\barticles?\b") == ()
    assert _run_words(r"\bfoo bar|baz") == () and _run_words(r"@\w+") == ()
    # a text holding one word of a two-word pattern but not the other is not searched for it
    live = ["The live feed showed the price of the deal."]
    assert lex.boilerplate_flags(live, word_runs(live)) == [False] == [lex.is_boilerplate(live[0])]


def _edited(text: str, edits: list[tuple[int, int, str]]) -> str:
    for position, delete, insert in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insert + text[at + delete:]
    return text


EDITS = st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 40), st.sampled_from(["", "x", " the port", "q" * 30])),
                 max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10_000), EDITS)
def test_near_identical_screen_never_hides_a_copy(seed: int, edits: list[tuple[int, int, str]]) -> None:
    """_near_identical's opening screen rejects only pairs fuzz.ratio rejects, near the cut-off too."""
    import random
    from rapidfuzz import fuzz
    from sitegen.merge.independence import NEAR_IDENTICAL, _near_identical
    rng = random.Random(seed)
    words = ["port", "council", "fined", "the", "harbor", "scooter", "ban", "mayor", "said", "a"]
    a = " ".join(rng.choice(words) for _ in range(rng.randint(150, 700)))[:3000]
    b = _edited(a, edits)[:3000]
    expected = (bool(a and b) and min(len(a), len(b)) / max(len(a), len(b)) >= 0.8
                and fuzz.ratio(a, b, score_cutoff=NEAR_IDENTICAL) >= NEAR_IDENTICAL)
    assert _near_identical(a, b) == expected == _near_identical(b, a)


def test_near_identical_screen_decides_different_articles_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitegen.merge import independence
    from sitegen.merge.independence import _normalised_body
    bodies = [_normalised_body(a) for a in fixture_articles()]
    copy = bodies[0][:1000] + " an added line " + bodies[0][1000:]
    monkeypatch.setattr(independence.fuzz, "ratio", None)  # never reached for these pairs
    long_a, long_b = ("the port council fined " * 200)[:3000], ("a mayor said the ban " * 200)[:3000]
    assert not independence._near_identical(long_a, long_b)
    assert independence._near_identical(bodies[0], bodies[0])
    monkeypatch.undo()
    assert independence._near_identical(bodies[0], copy) and not independence._near_identical(long_a, long_b)


def test_near_identical_screen_agrees_across_the_cut_off() -> None:
    import random
    from rapidfuzz import fuzz
    from sitegen.merge.independence import NEAR_IDENTICAL, _near_identical
    rng = random.Random(5)
    a = " ".join(rng.choice(["port", "council", "fined", "the", "harbor", "ban", "said"]) for _ in range(700))[:3000]
    verdicts = set()
    for cut in range(0, 400, 7):  # ever more of a replaced by other text, spread over the whole body
        b = "".join(ch if i % 400 >= cut else "z" for i, ch in enumerate(a))
        ratio = fuzz.ratio(a, b)
        assert _near_identical(a, b) == (ratio >= NEAR_IDENTICAL), cut
        if abs(ratio - NEAR_IDENTICAL) < 3:
            verdicts.add(ratio >= NEAR_IDENTICAL)
    assert verdicts == {True, False}  # pairs just either side of the cut-off were compared


def reference_dedupe_questions(pairs):
    """faq.dedupe_questions as first written: token_sort_ratio asked pair by pair."""
    from rapidfuzz import fuzz
    from sitegen.merge.faq import SAME_QUESTION, SIMILAR_QUESTION, _SPECIFIC, _key

    def same(key, answer, other_key, other_answer):
        score = fuzz.token_sort_ratio(key, other_key)
        if score >= SAME_QUESTION:
            return True
        if score < SIMILAR_QUESTION:
            return False
        return len(set(_SPECIFIC.findall(answer)) & set(_SPECIFIC.findall(other_answer))) >= 2

    merged = []
    for question, answer, source in pairs:
        key = _key(question)
        for entry in merged:
            if same(key, answer, entry[3], entry[1]):
                if source not in entry[2]:
                    entry[2].append(source)
                break
        else:
            merged.append((question, answer, [source], key))
    return [(q, a, tuple(s)) for q, a, s, _k in merged]


def reference_assemble(curator, article_pairs, standard):
    from rapidfuzz import fuzz
    from sitegen.merge.faq import SAME_QUESTION, _key
    from sitegen.model import FaqItem

    def covered(question, existing):
        return any(fuzz.token_sort_ratio(_key(question), _key(item.question)) >= SAME_QUESTION for item in existing)

    items = list(curator)
    for question, answer, sources in article_pairs:
        if not covered(question, items):
            items.append(FaqItem(question, answer, sources, "article"))
    for question, answer, sources in standard:
        if answer and not covered(question, items) and all(answer != item.answer for item in items):
            items.append(FaqItem(question, answer, sources, "generated"))
    return tuple(items)


QUESTION_WORDS = ["When", "does", "the", "ban", "start", "begin", "take", "effect", "Who", "is", "affected",
                  "will", "scooters", "go", "away", "disappear", "What", "happened", "fine", "fined", "riders"]
ANSWERS = ["It starts April 1, 2030.", "From April 1 2030, with 1,200 scooters.", "Nobody knows yet.",
           "On April 1 about 1,200 scooters go.", "The fine is $250 since March."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(QUESTION_WORDS), min_size=1, max_size=7),
                          st.sampled_from(ANSWERS), st.sampled_from(["s1", "s2", "s3"])), max_size=12),
       st.lists(st.lists(st.sampled_from(QUESTION_WORDS), min_size=1, max_size=6), max_size=3),
       st.lists(st.tuples(st.lists(st.sampled_from(QUESTION_WORDS), min_size=1, max_size=6),
                          st.sampled_from(ANSWERS + [""])), max_size=5))
def test_faq_dedupe_and_assembly_equal_their_pairwise_definitions(raw_pairs, raw_curator, raw_standard) -> None:
    from sitegen.merge import faq
    from sitegen.model import FaqItem
    pairs = [(" ".join(words) + "?", answer, source) for words, answer, source in raw_pairs]
    deduped = faq.dedupe_questions(pairs)
    assert deduped == reference_dedupe_questions(pairs)
    curator = [FaqItem(" ".join(words) + "?", "Curated.", (), "curator") for words in raw_curator]
    standard = [(" ".join(words) + "?", answer, ("s1",)) for words, answer in raw_standard]
    assert faq.assemble(curator, deduped, standard) == reference_assemble(curator, deduped, standard)


def test_faq_dedupe_merges_reworded_questions_with_the_same_dates() -> None:
    from sitegen.merge import faq
    pairs = [("When will the scooters go away?", ANSWERS[0], "s1"), ("When do the scooters disappear?", ANSWERS[1], "s2"),
             ("When will the scooters go away?", ANSWERS[0], "s3"), ("Who is affected?", ANSWERS[2], "s1")]
    deduped = faq.dedupe_questions(pairs)
    assert deduped == reference_dedupe_questions(pairs)
    assert [sources for _q, _a, sources in deduped] == [("s1", "s2", "s3"), ("s1",)]


def test_representative_is_the_best_scored_member() -> None:
    """_representative's written-out score against the scoring as first written."""
    from sitegen.merge.independence import SourceInfo
    from sitegen.merge.story import Draft, _representative
    items = crafted_items()
    roles = ["original", "syndicated", "aggregator", "original", "follows"]
    infos = [SourceInfo(i, roles[i % 5], f"k{i}", None, None, (), (), False, False)
             for i in range(1 + max(it.sentence.article for it in items))]
    cue_of = {it.sentence.text: ("reportedly" if k % 3 == 0 else None) for k, it in enumerate(items)}.get

    def reference(members: list[int]) -> str:
        terms = {m: set(items[m].features.stems) | items[m].features.names for m in members}
        seen: set[str] = set()
        shared_terms: set[str] = set()
        for member_terms in terms.values():
            shared_terms |= seen & member_terms
            seen |= member_terms
        articles = {items[m].sentence.article for m in members}

        def weight(term: str) -> int:  # the claim's outlets using a shared term (two at least)
            return max(2, len({items[m].sentence.article for m in members if term in terms[m]}))

        def score(m: int) -> tuple[float, int]:
            it = items[m]
            length_fit = -abs(it.sentence.words - 24) / 12
            hedge = -1.5 if cue_of(it.sentence.text) else 0.0
            copy = -2.0 if infos[it.sentence.article].role in ("syndicated", "aggregator") else 0.0
            bullet = -0.5 if not it.sentence.text.endswith((".", "!", "”", '"')) else 0.0
            unbacked = 0.15 * len(terms[m] - shared_terms)  # words no other member uses
            pronoun = -1.0 if re.match(r"(?:he|she|it|they|this|these|those)\b", it.sentence.text, re.I) else 0.0
            return (sum(weight(t) for t in sorted(terms[m] & shared_terms)) / max(2, len(articles)) * 0.6 + length_fit
                    + hedge + copy + bullet + 0.3 * len(it.features.numbers) - unbacked + pronoun, -m)
        return items[max(members, key=score)].sentence.text

    chosen = set()
    for start in range(0, len(items) - 1):
        for size in (1, 2, 3, 5, 8):
            members = list(range(start, min(len(items), start + size)))
            text = _representative(Draft(members=members), items, infos, cue_of)
            assert text == reference(members), members
            chosen.add(text)
    assert len(chosen) > 5


def reference_paragraphs(body: str) -> list[tuple[str, str, int]]:
    """sentences._paragraphs as first written: every line through every check."""
    import re
    from sitegen.merge.sentences import _BULLET, _HEADING, clean_inline
    blocks, buffer, in_opinion = [], [], False

    def flush() -> None:
        if buffer:
            blocks.append(("para", " ".join(buffer), 0))
            buffer.clear()

    for raw in body.splitlines():
        line = raw.strip()
        if line.startswith(":::"):
            flush()
            in_opinion = bool(re.match(r":::\s*\w", line)) and not in_opinion
            continue
        if in_opinion:
            continue
        if not line or line.startswith("|") or line.startswith("!["):
            flush()
            continue
        heading = _HEADING.match(line) if line[0] == "#" else None
        if heading:
            flush()
            blocks.append(("heading", clean_inline(heading.group(2)), len(heading.group(1))))
            continue
        bullet = _BULLET.match(line) if line[0] in "-*+•" or line[0].isdecimal() else None
        if bullet:
            flush()
            blocks.append(("bullet", line[bullet.end():], 0))
            continue
        buffer.append(line.lstrip("> "))
    flush()
    return blocks


LINES = st.sampled_from(["", "  ", "Plain text line.", "  indented text", "> quoted", ">> deep > quote", "## Heading",
                         "#nospace", "- bullet", "-dash", "* star", "+ plus", "• dot", "1. one", "2) two", "3 three",
                         "12. twelve", "| a | b |", "![img](x.png)", "!bang", "::: opinion", ":::", "::: ", ":colon",
                         "٣. arabic", "\u00a0nbsp line", "Text with ::: inside", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=14))
def test_paragraphs_equal_their_definition(lines: list[str]) -> None:
    from sitegen.merge.sentences import _paragraphs
    body = "\n".join(lines)
    assert _paragraphs(body) == reference_paragraphs(body)


def test_paragraphs_of_the_fixtures_equal_their_definition() -> None:
    from sitegen.merge.sentences import _paragraphs
    bodies = [a.body for a in fixture_articles()]
    assert all(_paragraphs(b) == reference_paragraphs(b) for b in bodies)
    assert sum(len(_paragraphs(b)) for b in bodies) > 10


def test_faq_gates_agree_with_the_regexes() -> None:
    from sitegen.merge import faq
    from sitegen.merge.hedges import word_runs
    plain = [it.sentence.text for it in fixture_items()]
    extra = ["Workers were told to leave.", "It has not been verified.", "No evidence was given.", "Riders said no.",
             "The MEMBERS declined to comment.", "Staffers unclear.", "It did not respond, the people said.",
             "The ſaid plan is unconfirmed.", "Nothing here at all for anyone."]
    patterns = ((faq._AFFECTED, faq._AFFECTED_WORDS), (faq._SAID, faq._SAID_WORDS), (faq._UNKNOWN, faq._UNKNOWN_WORDS))
    for texts in (plain, plain + extra, extra, ["Nothing here at all for anyone."]):
        runs = word_runs(texts)
        for pattern, words in patterns:
            gate = faq._gate(pattern, words, runs)
            assert [gate(t) for t in texts] == [pattern.search(t) is not None for t in texts]
        views = [faq.ClaimView(t, ("s1",), "alleged" if n % 4 == 0 else "confirmed", False, ()) for n, t in enumerate(texts)]
        for subset in (views, views[1:], views[::3]):
            assert faq.generated(subset, [], "", runs) == faq.generated(subset, [], "")
    assert not faq._gate(faq._UNKNOWN, faq._UNKNOWN_WORDS, word_runs(["Plain text."]))("Plain text.")


@pytest.mark.parametrize("seed", range(4))
def test_long_story_cluster_sums_give_the_pairwise_average(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """_ClusterSums' mean of two clusters (sums less one-article pairs, less a quarter of the pairs of two
    different subjects) equals the mean of their pair scores, for clusters grown by random joins."""
    import random

    monkeypatch.setattr(claims, "DENSE_ROWS_UP_TO", 0)
    items = crafted_items()
    sims = _PairScores(items)
    sums = claims._ClusterSums(sims, claims.LINK_THRESHOLD)
    rng = random.Random(seed)
    members = {i: [i] for i in range(len(items))}
    mismatched = 0
    for _ in range(len(items) - 3):
        ci, cj = sorted(rng.sample(sorted(members), 2))
        a, b = members[ci], members[cj]
        assert sums.mean(ci, cj) == pytest.approx(sims.exact_mean(a, b), abs=1e-12)
        subjects = [it.features.subject for it in items]
        mismatched += sum(1 for x in a for y in b if subjects[x] and subjects[y] and subjects[x] != subjects[y]
                          and items[x].sentence.article != items[y].sentence.article)
        members[ci] = a + members.pop(cj)
        sums.join(ci, cj)
    assert mismatched  # pairs of two different subjects were averaged
    assert max(len(m) for m in members.values()) > 3


def test_day_gate_never_hides_a_date_statement(monkeypatch: pytest.MonkeyPatch) -> None:
    """date_statements returns at once for a text with no digit, month or weekday name: the same
    statements as reading every clause of it."""
    from datetime import datetime, timezone
    from sitegen.merge import frames

    published = datetime(2026, 7, 3, tzinfo=timezone.utc)
    texts = [it.sentence.text for it in fixture_items()] + [
        "The hearing is set for next February, the court said.", "Crews returned on Tuesday, officials said.",
        "It reopened in June 2025.", "The vote was held on the fourth day.", "They met MONDAY at noon.",
        "Fines rose sharply, the mayor said.", "On Thursday (July 22) the crew surfaced.", "Ÿes, on sunday.",
        "The flight left in mid-March, and it landed Sept. 3.", "A 12-day trip on 4 Aug 2023 cost $9.",
        "Trading resumed Wednesday, Jan. 10, 2024; shares fell 3%.", "Pay rose 4% in 2023 from 2022."]
    gated = [frames.date_statements(n, 0, t, frozenset(), published) for n, t in enumerate(texts)]
    passed = list(map(frames._day_names, texts))
    monkeypatch.setattr(frames, "_day_names", lambda text: (True, True))
    assert gated == [frames.date_statements(n, 0, t, frozenset(), published) for n, t in enumerate(texts)]
    assert sum(map(bool, gated)) >= 7 and (False, False) in passed and (True, False) in passed


CAPITAL_SNIPPETS = st.lists(st.sampled_from([
    "NASA", "NTSB", "ABCDEFG", "US", "Bank", "National", "Transportation", "Safety", "Board", "of", "the", "x",
    "É", "é", "_", "3", "-", "'", "’", ".", ",", "(", ")", " ", "  ", "\n", "\xa0", "Ab", "aB",
]), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(CAPITAL_SNIPPETS, max_size=5))
def test_capital_patterns_equal_their_word_boundary_forms(texts: list[str]) -> None:
    """The patterns that open on a capital (so the regex engine skips to the next one) find what
    their first forms, opening on \\b, find; all-capitals words read from the texts joined by line
    breaks are those read from each text."""
    from sitegen.merge import aliases, features
    capitals = re.compile(r"\b([A-Z]{3,6})\b")
    two = re.compile(r"\b[A-Z][a-z][\w'’]*+\s++(?:(?:of|the|and|for|on|in|&)\s++)?[A-Z][a-z]")
    word = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
    assert set(aliases._CAPITALS.findall("\n".join(texts))) == {m for t in texts for m in capitals.findall(t)}
    for text in texts:
        assert aliases._CAPITALS.findall(text) == capitals.findall(text)
        assert [m.span() for m in aliases._TWO_CAPITALISED.finditer(text)] == [m.span() for m in two.finditer(text)]
        assert features._WORD.findall(text) == word.findall(text)
