"""Kept lines -> Markdown body: headings, lists, FAQ pairs, reference links, opinion containers.

Conventions the merge and the renderer rely on: ``##`` section headings; the FAQ is
``## Frequently Asked Questions`` with ``### Question?`` headings each followed by its answer;
a question-and-answer pair anywhere else (a question line, or a "Q:" line, followed by its answer;
an explainer's question sub-head) is a ``### Question?`` heading followed by its answer, in place;
opinion sections are wrapped in ``::: opinion`` ... ``:::``; reference lists are ``- [title](url)``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .result import DroppedLine
from .text import BULLET, URL, Line, heading_shaped, is_list_item, is_paragraph, word_count

FAQ_HEADING = "Frequently Asked Questions"
_FAQ = re.compile(r"(?i)^(?:frequently asked questions|faqs?|common questions|questions and answers|q ?& ?a)\s*:?$")
_REFERENCES = re.compile(r"(?i)^(?:references|sources|sources and references|further reading|citations|bibliography"
                         r"|read more at|links)\s*:?$")
_OPINION = re.compile(r"(?i)^(?:.{1,60}(?:'s|’s|'|’) (?:(?:ai )?(?:reporter|editor|analyst|writer)(?:'s|’s) )?"
                      r"(?:take|view|verdict|opinion|perspective|two cents)|(?:our|my|the editor'?s?|editor'?s) "
                      r"(?:take|view|verdict|opinion)|opinion|commentary|editorial|reporter'?s view)\s*:?$")
# Section names that are headings even when short lines follow them.
KNOWN_SECTIONS = re.compile(r"(?i)^(?:summary|key takeaways|key points|highlights|at a glance|background|context"
                            r"|conclusion|what we know|what we don'?t know|timeline|what happens next\??|why it matters"
                            r"|the bottom line|bottom line)\s*:?$")
_TIMESTAMP = re.compile(r"(?i)^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
# brackets are not allowed inside the label or the URL, so each '[' starts an attempt that ends at
# the next bracket (a label or URL running to the line's end made a line of '[' quadratic)
_MD_LINK = re.compile(r"\[[^\[\]]+\]\((?:https?://|/)[^\s)\[\]]+\)")
_SOURCE_SUFFIX = re.compile(r"\s[-–—|]\s*[A-Z][\w.&' -]{1,40}$")
_QUESTION_PREFIX = re.compile(r"^(?:Q|Question)\s*[:.]\s*")
_ANSWER_PREFIX = re.compile(r"^(?:A|Answer)\s*[:.]\s*")
# "- What caused the fire? Investigators have not said." : a question and its answer in one list item.
_INLINE_QA = re.compile(r"^(?P<q>[A-Z\"“‘'][^?]{3,200}\?)\s+(?P<a>[^\s?].{10,})$")


def is_section_name(text: str) -> bool:
    """A name that heads a section whatever follows it (FAQ, references, opinion, summary...)."""
    bare = text.rstrip(":").strip()
    return bool(_FAQ.match(bare) or _REFERENCES.match(bare) or KNOWN_SECTIONS.match(bare) or _OPINION.match(bare))


@dataclass(frozen=True, slots=True)
class Body:
    markdown: str
    dropped: tuple[DroppedLine, ...]
    faq_pairs: int


@dataclass(slots=True)
class _State:
    """Where the walk over the page is (stage-local, mutable while walking)."""

    in_faq: bool = False
    in_opinion: bool = False
    in_refs: bool = False
    faq_pairs: int = 0
    answer_next: bool = False  # the paragraph after a question is its answer ("A:" is cut)


def build_body(lines: list[Line]) -> Body:
    """Markdown for the kept lines (blank lines included, in page order)."""
    units = [line for line in lines if line.text]
    blocks: list[str] = []
    dropped: list[DroppedLine] = []
    state = _State()
    index = -1
    while index + 1 < len(units):
        index += 1
        line = units[index]
        text = line.text
        heading = _heading_text(units, index)
        if heading is not None:
            _open_section(heading, blocks, state)
            continue
        if (state.in_faq or _QUESTION_PREFIX.match(text)) and _is_question(text):
            blocks.append(f"### {_QUESTION_PREFIX.sub('', text)}")
            state.faq_pairs += 1
            state.answer_next = True
            continue
        if state.in_refs and _is_reference_unit(text):
            end = index
            while end + 1 < len(units) and _is_reference_unit(units[end + 1].text):
                end += 1
            items, quiz = _reference_list(units[index:end + 1])
            blocks.extend(items)
            dropped.extend(DroppedLine(u.no, u.text, "quiz-leftover") for u in quiz)
            index = end
            continue
        if is_list_item(text):
            pairs = _inline_pairs(units, index)
            if len(pairs) >= 2:  # a run of 'Question? Answer' items is a Q&A block
                for question, answer in pairs:
                    blocks.extend([f"### {question}", _paragraph(answer)])
                state.faq_pairs += len(pairs)
                index += len(pairs) - 1
                continue
            blocks.append(_list_item(text))
            continue
        if state.in_refs:
            state.in_refs = False
        if state.in_faq or state.answer_next:
            text = _ANSWER_PREFIX.sub("", text)
        state.answer_next = False
        blocks.append(_paragraph(text))
    if state.in_opinion:
        blocks.append(":::")
    return Body(_join(blocks), tuple(dropped), state.faq_pairs)


def _heading_text(units: list[Line], index: int) -> str | None:
    """The heading's text if this unit is a heading, else None."""
    text = units[index].text
    if match := _MD_HEADING.match(text):
        return match.group(2).strip()
    if _TIMESTAMP.match(text):
        return None
    if not heading_shaped(text):
        return None
    bare = text.rstrip(":").strip()
    if _FAQ.match(bare) or _REFERENCES.match(bare) or KNOWN_SECTIONS.match(bare) or _OPINION.match(bare):
        return bare
    following = units[index + 1].text if index + 1 < len(units) else None
    if following is None:
        return None
    if text.endswith("?") and not is_paragraph(following, 12):
        return None  # a question followed by a short line is more likely a quiz or a pull quote
    if is_paragraph(following) or is_list_item(following) or _MD_HEADING.match(following):
        return bare
    return None


def _open_section(heading: str, blocks: list[str], state: _State) -> None:
    if _is_question(heading) and not _FAQ.match(heading):
        # a question heading introduces its answer: a Q&A pair wherever it is (in a FAQ or not);
        # outside a FAQ it ends an opinion container or a reference list like any heading
        if not state.in_faq:
            _close_containers(blocks, state)
        blocks.append(f"### {_QUESTION_PREFIX.sub('', heading)}")
        state.faq_pairs += 1
        state.answer_next = True
        return
    _close_containers(blocks, state)
    state.in_faq = bool(_FAQ.match(heading))
    state.in_refs = bool(_REFERENCES.match(heading))
    if state.in_faq:
        blocks.append(f"## {FAQ_HEADING}")
        return
    if _OPINION.match(heading):
        blocks.append(f"::: opinion\n## {heading}")
        state.in_opinion = True
        return
    blocks.append(f"## {heading}")


def _inline_pairs(units: list[Line], start: int) -> list[tuple[str, str]]:
    """The consecutive list items from ``start`` that are each a question followed by its answer."""
    pairs = []
    for unit in units[start:]:
        match = _INLINE_QA.match(BULLET.sub("", unit.text, count=1).strip()) if is_list_item(unit.text) else None
        if match is None:
            break
        pairs.append((match.group("q"), match.group("a")))
    return pairs


def _close_containers(blocks: list[str], state: _State) -> None:
    if state.in_opinion:
        blocks.append(":::")
        state.in_opinion = False
    state.in_refs = False


def _is_question(text: str) -> bool:
    text = _MD_HEADING.sub(r"\2", text)
    return text.endswith("?") and word_count(text) <= 30 and not is_list_item(text)


def _is_reference_unit(text: str) -> bool:
    return is_list_item(text) or bool(URL.search(text) and word_count(text) <= 30)


def _reference_list(units: list[Line]) -> tuple[list[str], list[Line]]:
    """Reference items as Markdown, and the quiz answer options after the last linked/sourced item.

    A quiz widget under a reference list leaves groups of short options ("A video editing tool");
    they follow the last item with a URL or an outlet suffix and are mostly under six words.
    """
    items = [BULLET.sub("", u.text, count=1).strip() if is_list_item(u.text) else u.text for u in units]
    strong = [i for i, item in enumerate(items) if URL.search(item) or _SOURCE_SUFFIX.search(item)]
    tail = items[strong[-1] + 1:] if strong else []
    short = sum(1 for item in tail if not _reference_like(item))
    cut = len(items) - len(tail) if len(tail) >= 3 and short * 2 > len(tail) else len(items)
    return [_reference_markdown(item) for item in items[:cut]], units[cut:]


def _reference_like(item: str) -> bool:
    return bool(URL.search(item) or _SOURCE_SUFFIX.search(item) or word_count(item) >= 6)


def _reference_markdown(item: str) -> str:
    """A reference as a Markdown link when it carries a URL, else a plain list item."""
    if _MD_LINK.search(item):
        return f"- {item}"
    url = URL.search(item)
    if url is None:
        return f"- {item}"
    title = (item[:url.start()] + item[url.end():]).strip(" -–—|:")
    label = title or re.sub(r"^https?://(?:www\.)?", "", url.group(0)).split("/")[0]
    return f"- [{_escape_label(label)}]({url.group(0)})"


def _escape_label(label: str) -> str:
    return label.replace("[", "(").replace("]", ")")


def _list_item(text: str) -> str:
    match = re.match(r"^(\d{1,2})[.)]\s+", text)
    if match:
        return f"{match.group(1)}. {text[match.end():].strip()}"
    return f"- {BULLET.sub('', text, count=1).strip()}"


def _paragraph(text: str) -> str:
    if _TIMESTAMP.match(text):
        return f"### {text}"  # a live-blog entry time: the timeline can anchor on it
    if text.startswith("#") or text.startswith(":::"):
        return "\\" + text  # plain text that Markdown would read as a heading or a container
    return text


def _join(blocks: list[str]) -> str:
    """Blank lines between blocks, none between consecutive list items."""
    out: list[str] = []
    for block in blocks:
        if out and _is_list_block(block) and _is_list_block(out[-1]):
            out[-1] += "\n" + block
        else:
            out.append(block)
    return "\n\n".join(out) + "\n" if out else ""


def _is_list_block(block: str) -> bool:
    last = block.rsplit("\n", 1)[-1]
    return last.startswith("- ") or bool(re.match(r"^\d{1,2}\. ", last))
