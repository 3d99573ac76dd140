"""An updated search index is byte for byte the index built anew, however the documents' texts change."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.render.search import DocHead, SearchDoc, index_pages, updated_index_pages

WORDS = st.sampled_from("harbour port tariff vote court qoder quorum quota trade trades the a é élan 25,000 x".split())
TEXTS = st.lists(WORDS, max_size=12).map(" ".join)


def full(texts: list[str]) -> dict[str, bytes]:
    docs = [SearchDoc(f"d/{n}/", f"Doc {n}", "article", "", text) for n, text in enumerate(texts)]
    return {page.path: page.content for page in index_pages(docs)}


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=8), st.data())
def test_update_equals_a_fresh_index(texts: list[str], data: st.DataObject) -> None:
    before = full(texts)
    changed_numbers = data.draw(st.sets(st.integers(0, len(texts) - 1)))
    new_texts = list(texts)
    for number in changed_numbers:
        new_texts[number] = data.draw(TEXTS)
    heads = [DocHead(f"d/{n}/", f"Doc {n}", "article", "") for n in range(len(texts))]
    shards = {path[len("search/t/"):-len(".json")] for path in before if path.startswith("search/t/")}
    result = updated_index_pages(heads, {n: (texts[n], new_texts[n]) for n in changed_numbers}, shards, before.get)
    assert result is not None
    pages, kept = result
    after = {path: before[path] for path in kept} | {page.path: page.content for page in pages}
    assert after == full(new_texts)


def test_an_unreadable_shard_asks_for_a_fresh_index() -> None:
    before = full(["harbour vote", "court trade"])
    heads = [DocHead("d/0/", "Doc 0", "article", ""), DocHead("d/1/", "Doc 1", "article", "")]
    shards = {path[len("search/t/"):-len(".json")] for path in before if path.startswith("search/t/")}
    assert updated_index_pages(heads, {0: ("harbour vote", "harbour veto")}, shards, lambda path: None) is None
