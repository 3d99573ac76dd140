"""Which lines are noise: regex rules with scopes, plus the structural detectors.

Every dropped line is recorded with the rule that dropped it, so ``--explain`` can show it.
"""
from __future__ import annotations

from .result import DroppedLine
from .rules import CompiledRule
from .text import Line, heading_shaped, is_list_item, is_news_paragraph, is_paragraph, normalise_key, word_count

# Boilerplate lines are short; a longer line is prose, and rules never run on it (this also bounds
# the work any rule's pattern can do on hostile input).
MAX_RULE_LINE = 2000


def first_matches(lines: list[Line], rules: tuple[CompiledRule, ...]) -> list[CompiledRule | None]:
    """For each line, the first rule whose pattern it matches (None for most lines)."""
    matches: list[CompiledRule | None] = []
    line_rules = [rule for rule in rules if rule.scope != "sentence"]  # those cut sentences, not lines
    for line in lines:
        hit = None
        if line.text and len(line.text) <= MAX_RULE_LINE:
            text = line.text[2:] if line.text.startswith("- ") else line.text
            lower = text.lower()
            for rule in line_rules:
                if rule.search(text, lower):
                    hit = rule
                    break
        matches.append(hit)
    return matches


def is_heading_at(lines: list[Line], index: int) -> bool:
    """A heading-shaped line followed by a paragraph or a list (not by more short lines)."""
    if not heading_shaped(lines[index].text):
        return False
    following = next_text(lines, index)
    return following is not None and (is_paragraph(following) or is_list_item(following))


def next_text(lines: list[Line], index: int) -> str | None:
    for line in lines[index + 1:]:
        if line.text:
            return line.text
    return None


def doubled_lines(lines: list[Line]) -> dict[int, str]:
    """Lines that are one text twice run together; a doubled lede is named as such."""
    found: dict[int, str] = {}
    for index, line in enumerate(lines):
        text = line.text
        half = len(text) // 2
        if len(text) >= 8 and (len(text) % 2 == 0 and text[:half] == text[half:]
                               or text[half] == " " and text[:half] == text[half + 1:]):
            found[index] = "duplicate-lede" if word_count(text) >= 16 else "doubled-line"
    return found


def truncated_ledes(lines: list[Line], skip: set[int], first: int = 6) -> dict[int, str]:
    """Among the first lines, unfinished copies of a later paragraph (a teaser cut mid-word)."""
    found: dict[int, str] = {}
    seen = 0
    for index, line in enumerate(lines):
        if not line.text or index in skip:
            continue
        seen += 1
        if seen > first:
            break
        text = line.text
        if len(text) < 80 or text[-1] in ".!?\"”":
            continue
        stem = normalise_key(text)
        for later in lines[index + 1:]:
            if len(later.text) > len(text) and normalise_key(later.text).startswith(stem):
                found[index] = "duplicate-lede"
                break
    return found


def apply_rules(lines: list[Line], matches: list[CompiledRule | None], consumed: dict[int, str]) -> tuple[
        list[int], list[DroppedLine]]:
    """Kept line indices and dropped lines, applying each matched rule's scope."""
    kept: list[int] = []
    dropped: list[DroppedLine] = []
    index = 0
    total = len(lines)
    while index < total:
        line = lines[index]
        if not line.text:
            kept.append(index)
            index += 1
            continue
        if index in consumed:
            dropped.append(DroppedLine(line.no, line.text, consumed[index]))
            index += 1
            continue
        rule = matches[index]
        if rule is None:
            kept.append(index)
            index += 1
            continue
        dropped.append(DroppedLine(line.no, line.text, rule.name))
        end = _scope_end(lines, matches, consumed, index, rule.scope)
        for covered in range(index + 1, end):
            if lines[covered].text:
                dropped.append(DroppedLine(lines[covered].no, lines[covered].text, rule.name))
        index = end
    return kept, dropped


def _scope_end(lines: list[Line], matches: list[CompiledRule | None], consumed: dict[int, str],
               index: int, scope: str) -> int:
    """Index of the first line the scope no longer covers."""
    total = len(lines)
    if scope == "rest":
        return total
    end = index + 1
    if scope == "block":
        while end < total and lines[end].text and not is_news_paragraph(lines[end].text):
            end += 1
    elif scope == "section":
        family = _family(matches[index].name) if matches[index] else ""
        while end < total:
            other = matches[end]
            if lines[end].text and (end in consumed or is_heading_at(lines, end)
                                    or (other is not None and other.scope != "line" and _family(other.name) != family)):
                break
            end += 1
    return end


def duplicate_paragraphs(lines: list[Line], kept: list[int]) -> set[int]:
    """Kept paragraphs (8+ words) identical to an earlier kept one."""
    seen: set[str] = set()
    duplicates: set[int] = set()
    for index in kept:
        text = lines[index].text
        if word_count(text) < 8:
            continue
        key = normalise_key(text)
        if key in seen:
            duplicates.add(index)
        seen.add(key)
    return duplicates


def author_box_lines(lines: list[Line], kept: list[int], author: str | None) -> set[int]:
    """The author's name alone on a line in the second half of the page (an author box)."""
    if not author:
        return set()
    key = normalise_key(author)
    half = len(lines) // 2
    return {i for i in kept if i >= half and lines[i].text and normalise_key(lines[i].text) == key}


def _family(name: str) -> str:
    """Rules sharing the part before the first '-' ('disclaimer-heading', 'disclaimer-text') are one family:
    a section keeps going through lines its own family matches."""
    return name.split("-", 1)[0]
