"""The curator's word on a merged story: claim ids from content, then the story file's ``split:``,
``merge:`` and ``badges:`` (in that order), then each source's list of claims.

Runs last, on the finished Story, so it depends on nothing but the claims' texts, quotes and sources and
on each source's independence key (copies and outlets of one owner share a key).

* ``split: [id, ...]``: the claim becomes one claim per distinct sentence quoted for it, each backed by
  the sources that quote that sentence;
* ``merge: [[id, id, ...], ...]``: the claims become one, with the first claim's text and id, the
  sources and quotes of all, and a badge recounted from the independent outlets among the sources (an
  outlet counts as unhedged when one of the merged claims it backs was unhedged);
* ``badges: [{claim, badge, why}]``: the curator's badge wins.

A reference that matches no claim (or a ``copies:`` slug not in the story) leaves the story as it is and
becomes a note for ``sitegen check`` (``path:line: ...``), since a story file written for last week's merge
must not break today's build; so does a reference that found its claim by key terms only (the claim's id has
moved on: the note gives the id to write, before a second change of terms loses the claim).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Mapping, Sequence

from ..config import Config
from ..model import Claim, Quote, Story, StoryFile
from . import badges as badge_rules
from .claim_ids import content_ids, drifted, key_terms, matches, resolve, with_content_ids
from .source_names import UNKNOWN_OUTLET

CURATOR_WHY = "Badge set by the story's curator."


def curate(story: Story, story_file: StoryFile | None, keys: Mapping[str, str], config: Config) -> Story:
    """``story`` with content-derived claim ids and the story file's claim edits; ``keys``: source id ->
    independence key."""
    claims, _renamed = with_content_ids(story.claims)
    notes: list[str] = []
    if story_file is not None:
        names = {s.id: s.outlet or UNKNOWN_OUTLET for s in story.sources}
        claims = _split(claims, story_file, keys, names, config, notes)
        claims = _merge(claims, story_file, story, keys, names, config, notes)
        claims = _badges(claims, story_file, notes)
        notes += _unknown_copies(story, story_file)
    sources = tuple(replace(s, claims=tuple(c.id for c in claims if s.id in c.sources)) for s in story.sources)
    return replace(story, claims=tuple(claims), sources=sources, curator_notes=story.curator_notes + tuple(notes))


def _where(story_file: StoryFile, key: str) -> str:
    return f"{story_file.source_path}:{dict(story_file.key_lines).get(key, 1)}"


def _note_drift(reference: str, claim: Claim, story_file: StoryFile, key: str, notes: list[str]) -> None:
    if drifted(reference, claim):
        notes.append(f"{_where(story_file, key)}: {key}: '{reference}' now reads '{claim.id}' "
                     f"(found by its key terms); write '{claim.id}'")


def _split(claims: list[Claim], story_file: StoryFile, keys: Mapping[str, str], names: Mapping[str, str],
           config: Config, notes: list[str]) -> list[Claim]:
    for reference in story_file.split:
        at = resolve(reference, claims)
        if at is None:
            notes.append(f"{_where(story_file, 'split')}: split: no claim matches '{reference}'")
            continue
        _note_drift(reference, claims[at], story_file, "split", notes)
        parts = _parts(claims[at], keys, names, config)
        if len(parts) < 2:
            notes.append(f"{_where(story_file, 'split')}: split: claim '{claims[at].id}' has one sentence only")
            continue
        ids = content_ids([key_terms([p.text]) for p in parts], [p.text for p in parts])
        taken = {c.id for n, c in enumerate(claims) if n != at}
        parts = [replace(p, id=_free(i, taken)) for p, i in zip(parts, ids)]
        claims = claims[:at] + parts + claims[at + 1:]
    return claims


def _free(claim_id: str, taken: set[str]) -> str:
    candidate, n = claim_id, 2
    while candidate in taken:
        candidate, n = f"{claim_id}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _parts(claim: Claim, keys: Mapping[str, str], names: Mapping[str, str], config: Config) -> list[Claim]:
    """One claim per distinct quoted sentence, each backed by the sources quoting it."""
    by_text: dict[str, list[str]] = {}
    for quote in claim.quotes:
        by_text.setdefault(quote.text, [])
        if quote.source not in by_text[quote.text]:
            by_text[quote.text].append(quote.source)
    parts = []
    for text, sources in by_text.items():
        part = Claim(id="", text=text, badge=claim.badge, sources=tuple(sources), independent_sources=1,
                     hedged=claim.hedged, dispute=claim.dispute,
                     quotes=tuple(Quote(s, text) for s in sources))
        parts.append(_recount(part, [part], keys, names, config, "Split by the story's curator; "))
    return parts


def _merge(claims: list[Claim], story_file: StoryFile, story: Story, keys: Mapping[str, str],
           names: Mapping[str, str], config: Config, notes: list[str]) -> list[Claim]:
    order = {s.id: n for n, s in enumerate(story.sources)}
    about = {d.id: d.about for d in story.disputes}
    for group in story_file.merge:
        found = [resolve(reference, claims) for reference in group]
        missing = [r for r, at in zip(group, found) if at is None]
        if missing:
            notes.append(f"{_where(story_file, 'merge')}: merge: no claim matches "
                         + ", ".join(f"'{r}'" for r in missing))
        for reference, at in zip(group, found):
            if at is not None:
                _note_drift(reference, claims[at], story_file, "merge", notes)
        picked = list(dict.fromkeys(at for at in found if at is not None))
        if len(picked) < 2:
            continue
        parts = [claims[at] for at in picked]
        first = parts[0]
        sources = tuple(sorted({s for p in parts for s in p.sources}, key=lambda s: order.get(s, len(order))))
        quotes = tuple(dict.fromkeys(q for p in parts for q in p.quotes))
        dispute = next((p.dispute for p in parts if p.dispute), None)
        merged = replace(first, sources=sources, quotes=quotes, dispute=dispute)
        merged = _recount(merged, parts, keys, names, config, "Merged by the story's curator; ",
                          about.get(dispute) if dispute else None)
        claims = [merged if n == picked[0] else c for n, c in enumerate(claims) if n not in picked[1:]]
    return claims


def _recount(claim: Claim, parts: Sequence[Claim], keys: Mapping[str, str], names: Mapping[str, str],
             config: Config, prefix: str, dispute_about: str | None = None) -> Claim:
    """The claim's independent outlets and badge counted again from its sources."""
    outlet_of_key: dict[str, str] = {}
    unhedged_keys: set[str] = set()
    for source in claim.sources:
        key = keys.get(source, source)
        outlet_of_key.setdefault(key, names.get(source, source))
    for part in parts:
        if not part.hedged:
            unhedged_keys |= {keys.get(s, s) for s in part.sources}
    support = badge_rules.Support(tuple(outlet_of_key.values()), len(unhedged_keys & outlet_of_key.keys()),
                                  None, dispute_about)
    badge, why = badge_rules.badge(support, config.badges)
    return replace(claim, badge=badge, why=prefix + why[0].lower() + why[1:],
                   independent_sources=max(1, len(outlet_of_key)), hedged=not unhedged_keys)


def _unknown_copies(story: Story, story_file: StoryFile) -> list[str]:
    """``copies:`` entries naming an article that is not in the story (the merge ignored them)."""
    present = {s.article for s in story.sources}
    return [f"{_where(story_file, 'copies')}: copies: no article '{slug}' in this story"
            for pair in story_file.copies for slug in pair if slug not in present]


def _badges(claims: list[Claim], story_file: StoryFile, notes: list[str]) -> list[Claim]:
    for override in story_file.badges:
        hits = matches(override.claim, claims)
        if not hits:
            notes.append(f"{_where(story_file, 'badges')}: badges: no claim matches '{override.claim}'")
        for at in hits:
            _note_drift(override.claim, claims[at], story_file, "badges", notes)
            claims[at] = replace(claims[at], badge=override.badge, why=override.why or CURATOR_WHY)
    return claims
