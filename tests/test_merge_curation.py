"""Units of the curator's loop: content-derived claim ids, references, the story file's claim edits, and
source names."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.config import Config, OutletConfig
from sitegen.merge.claim_ids import MAX_TERMS, content_ids, key_terms, matches, with_content_ids
from sitegen.merge.curation import curate
from sitegen.merge.source_names import source_name, url_domain
from sitegen.model import Article, BadgeOverride, Claim, Confidence, Quote, Source, Story, StoryFile

CFG = Config(root=Path("."))


def claim(cid: str, text: str, sources: tuple[str, ...], quotes: tuple[str, ...] = (), badge: str = "single-source",
          hedged: bool = False) -> Claim:
    quoted = tuple(Quote(s, q) for s, q in zip(sources, quotes or (text,) * len(sources)))
    return Claim(cid, text, badge, sources, len(set(sources)), why="w", hedged=hedged, quotes=quoted)  # type: ignore[arg-type]


def test_key_terms_ignore_word_order_inflection_and_function_words() -> None:
    a = key_terms(["The ferry operator will appeal the ruling on Monday."])
    b = key_terms(["On Monday, the ruling will be appealed by the ferry operator."])
    assert set(a[:4]) == set(b[:4])
    assert "the" not in a and "will" not in a
    assert key_terms(["Fined $1,250 by the court."])[0] == "1250"  # figures first, separators dropped


def test_ids_are_stable_under_a_slight_rewording_and_do_not_depend_on_position() -> None:
    first = claim("c1", "Harbor council bans rental scooters from April 1.", ("s1",))
    second = claim("c2", "ZipRide says it will appeal the scooter ruling in court.", ("s2",))
    ids, _ = with_content_ids([first, second])
    swapped, _ = with_content_ids([second, first])
    assert [c.id for c in ids] == [c.id for c in reversed(swapped)]
    reworded = claim("c1", "Harbor's council has banned rental scooters from April 1.", ("s1",))
    assert with_content_ids([reworded])[0][0].id == ids[0].id


def test_colliding_ids_take_more_terms_then_a_deterministic_number() -> None:
    assert content_ids([("e", "d", "c", "b", "a")], ["x"]) == ["b-c-d-e"]  # the four best terms, sorted
    ids = content_ids([("d", "c", "b", "a", "e"), ("d", "c", "b", "a", "f"), ("x", "y")], ["t1", "t2", "t3"])
    assert ids == ["a-b-c-d-e", "a-b-c-d-f", "x-y"]  # only the colliding ids grow
    same = content_ids([("a", "b"), ("a", "b"), ("a", "b")], ["t2", "t1", "t3"])
    assert same == ["a-b-2", "a-b", "a-b-3"]


def test_references_match_by_id_then_by_all_but_one_term_then_by_phrase() -> None:
    claims = [claim("appeal-largest-operator-zipride", "ZipRide will appeal.", ("s1",)),
              claim("1200-rental-scooter-affected", "About 1,200 scooters are affected.", ("s2",))]
    assert matches("1200-rental-scooter-affected", claims) == [1]
    assert matches("appeal-biggest-operator-zipride", claims) == [0]  # one key term changed
    assert matches("appeal-biggest-firm-zipride", claims) == []  # two changed: no guess
    assert matches("scooters are", claims) == [1]
    assert matches("nothing like it", claims) == []


def story_of(claims: list[Claim], sources: int = 3) -> Story:
    srcs = tuple(Source(f"s{n}", f"a{n}", f"Outlet {n}", "T", None, None, "original") for n in range(1, sources + 1))
    return Story("k", "k", "T", "", Confidence("low", "x"), srcs, claims=tuple(claims))


def test_curate_merges_splits_and_overrides_and_lists_claims_per_source() -> None:
    claims = [claim("c1", "A fine of $250 applies.", ("s1",)),
              claim("c2", "A fine of $500 applies.", ("s2",)),
              claim("c3", "About 1,200 scooters go.", ("s1", "s3"), ("About 1,200 scooters go.", "Some 1,200 leave."),
                    badge="corroborated")]
    story = story_of(claims)
    ids = [c.id for c in curate(story, None, {}, CFG).claims]
    file = StoryFile("k", Path("content/stories/k.md"), merge=((ids[0], ids[1]),), split=(ids[2],),
                     badges=(BadgeOverride("Some 1,200", "alleged", "because"),), key_lines=(("merge", 2),))
    out = curate(story, file, {"s1": "outlet:1", "s2": "outlet:2", "s3": "outlet:3"}, CFG)
    merged = next(c for c in out.claims if c.id == ids[0])
    assert merged.sources == ("s1", "s2") and merged.badge == "corroborated" and merged.independent_sources == 2
    assert "Merged by the story's curator" in merged.why and ids[1] not in {c.id for c in out.claims}
    parts = [c for c in out.claims if "1,200" in c.text]
    assert [p.sources for p in parts] == [("s1",), ("s3",)]
    assert parts[1].badge == "alleged" and parts[1].why == "because" and parts[0].badge == "single-source"
    assert {s.id: s.claims for s in out.sources}["s3"] == (parts[1].id,)
    assert out.curator_notes == ()


def test_curate_notes_references_that_match_nothing_with_file_and_line() -> None:
    file = StoryFile("k", Path("content/stories/k.md"), merge=(("nope-a", "nope-b"),), key_lines=(("merge", 7),))
    out = curate(story_of([claim("c1", "One fact.", ("s1",))]), file, {}, CFG)
    assert out.curator_notes == ("content/stories/k.md:7: merge: no claim matches 'nope-a', 'nope-b'",)
    assert len(out.claims) == 1


def test_a_merge_of_copies_counts_one_independent_outlet() -> None:
    claims = [claim("c1", "Bridge shut on Monday.", ("s1",)), claim("c2", "The bridge closed Monday.", ("s2",))]
    ids = [c.id for c in curate(story_of(claims), None, {}, CFG).claims]
    file = StoryFile("k", Path("k.md"), merge=(tuple(ids),))
    out = curate(story_of(claims), file, {"s1": "outlet:wire", "s2": "outlet:wire"}, CFG)
    assert out.claims[0].independent_sources == 1 and out.claims[0].badge == "single-source"


def article(**fields: object) -> Article:
    return Article(slug="a", source_path=Path("a.md"), title=str(fields.pop("title", "A headline")),
                   body="", **fields)  # type: ignore[arg-type]


def test_source_name_is_the_outlet_else_the_url_domain_never_a_headline() -> None:
    configured = Config(root=Path("."), outlets=(OutletConfig(name="Reuters", aliases=("reuters.com",)),))
    assert source_name(article(outlet="reuters.com"), configured) == "Reuters"
    assert source_name(article(outlet="Harbor Gazette", url="https://x.example/a"), CFG) == "Harbor Gazette"
    assert source_name(article(url="https://www.gazette.example/a/b"), CFG) == "gazette.example"
    assert source_name(article(outlet="STORY: A milestone day for the chipmaker", url="https://v.example/x"),
                       CFG) == "v.example"
    assert source_name(article(title="Same words", outlet="Same words"), CFG) is None
    assert source_name(article(), CFG) is None
    assert url_domain("not a url") is None and url_domain("http://[bad") is None


def test_a_reference_found_by_key_terms_only_gets_a_note_with_the_id_to_write() -> None:
    story = story_of([claim("c1", "ZipRide will appeal the ruling, the biggest operator said.", ("s1",))])
    current = curate(story, None, {}, CFG).claims[0].id
    stale = "-".join(sorted(current.split("-")[:3] + ["largest"]))
    file = StoryFile("k", Path("k.md"), badges=(BadgeOverride(stale, "alleged"),), key_lines=(("badges", 4),))
    out = curate(story, file, {}, CFG)
    assert out.claims[0].badge == "alleged"
    assert out.curator_notes == (f"k.md:4: badges: '{stale}' now reads '{current}' (found by its key terms); "
                                 f"write '{current}'",)
    exact = StoryFile("k", Path("k.md"), badges=(BadgeOverride(current, "alleged"),))
    assert curate(story, exact, {}, CFG).curator_notes == ()


def reference_key_terms(texts: list[str]) -> tuple[str, ...]:
    """claim_ids.key_terms as first written: each sentence's tokens found by the regex, every term
    sorted on a built key (the fast path reads words from a memo and sorts only the best terms)."""
    from collections import Counter
    from sitegen.merge.claim_ids import _TOKEN, _first_term_kind, _term_kind
    found: list[str] = []
    heavy: set[str] = set()
    for text in dict.fromkeys(texts):
        tokens = _TOKEN.findall(text)
        kinds = dict(map(_term_kind, reversed(tokens)))
        if tokens:
            first, figure = _first_term_kind(tokens[0])
            kinds[first] = figure
        kinds.pop(None, None)
        found += kinds
        heavy.update(t for t, h in kinds.items() if h)
    held = Counter(found)
    return tuple(t for _n, _l, t in sorted((-n * (2 if t in heavy else 1), -len(t), t) for t, n in held.items()))


# words, figures, names, function words and the separators a token may or may not span
ID_SNIPPETS = ["the", "The", "Lands", "landed", "lands", "6:04pm", "1,250", "$3.5", "U.S.", "it’s", "Vikram's",
               "March", "monday", "x", "9", "naïve", "Ünal", "co-op", " ", "  ", "\t", "\u00a0", "\u2009", "\n",
               ",", ".", "—", "“", "”", "'", "’", ":"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(ID_SNIPPETS), max_size=14).map("".join), min_size=1, max_size=5))
def test_key_terms_equal_their_first_definition(texts: list[str]) -> None:
    assert key_terms(texts) == reference_key_terms(texts)[:MAX_TERMS]
