"""Markdown -> HTML: tables, footnotes, heading anchors, opinion containers.

Two renderers produce the same bytes. The reference is markdown-it-py with plugins (footnotes, anchor ids
from python-slugify, ``::: opinion`` / ``::: note`` containers as ``<aside>``). The fast path is
markdown-it-pyrs (the Rust port, ~15x cheaper; the optional ``sitegen[fast]`` extra, used when it can
be imported) plus a little post-processing for what its plugins can't do our way: heading ids with our
slug function and the anchors plugin's de-duplication, and containers.
A cheap look at the source decides (DECLINE_CHECKS, ~20 us per 800-word body): a body using something
the fast path can't reproduce exactly goes to the reference: footnotes, link reference definitions, raw
HTML when it's on, container fences other than plain top-level ones, very deep nesting, and the edges
where pyrs 0.4.0 and markdown-it-py disagree (found by differential fuzzing: non-ASCII spaces and
symbols, IDNA hosts, tables not in plain form, lazy quote lines, unpaired backticks after ``[``, on
which pyrs can panic...). Ordinary article bodies (headings, paragraphs, lists, links, emphasis, code,
plain tables, containers) take the fast path. tests/test_markdown_backend.py renders every body both
ways, plus generated Markdown, and asserts equal output.

Raw HTML in bodies is escaped unless the site turns ``raw_html`` on; then it is sanitised with nh3.
Both parsers refuse ``javascript:``/``vbscript:``/``data:`` link targets.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html import unescape
from typing import Any, Callable

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from slugify import slugify

try:
    import markdown_it_pyrs
except ImportError:  # the accelerator is optional: without it every body takes the reference
    markdown_it_pyrs = None

CONTAINERS = ("opinion", "note")
ANCHOR_LEVELS = (2, 3)

# markdown-it-pyrs's "commonmark" preset also turns raw HTML on, so start from "zero" and add the
# CommonMark rules, minus html_block/html_inline (raw HTML stays escaped, or the body takes the reference).
FAST_RULES = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference",
              "autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline",
              "table", "strikethrough"]

# A container fence the fast path handles: at column 0, exactly as the bench corpus and our docs write it.
# Any other ``:::`` in the text (indented, nested, other names, ``::::``) sends the body to the reference.
# Matched only where a ``:::`` starts a line (see _container_fences).
CONTAINER_FENCE = re.compile(r":::(?: (opinion|note))? *(?=\n|\Z)")
# Each fence becomes an h6 line holding this word: an ATX heading ends a paragraph, list, blockquote,
# table or reference exactly where a container fence does, and its HTML is easy to find again.
FENCE_WORD = "sitegencontainerfence"
# Whitespace to Python's str.strip() but not to pyrs: ASCII controls (and NUL, which markdown-it-py turns
# into U+FFFD, a symbol) go to the reference wherever they are; non-ASCII spaces when at an edge.
STRIPPED_CONTROLS = ("\x00", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")
ODD_SPACES = tuple(chr(code) for code in range(0x80, 0x3001) if chr(code).isspace())
EMPHASIS_MARKS = "*_~"
DESTINATION_END = re.compile(r"[ \t\n)]")
HOST_END = re.compile(r"[/?#)> \t\n\"'<]")
ADDRESS_END = "()<>[] \t\n\"'"
AMBIGUOUS_CATEGORIES = frozenset({"Sc", "Sk", "Sm", "So", "Zs", "Zl", "Zp", "Cc"})
# Footnote syntax: [^label] references and definitions, ^[inline] notes (pyrs numbers repeats differently).
FOOTNOTE_SYNTAX = ("[^", "^[")
# In an image's label these become alt text pyrs renders differently (entities, escapes, hard breaks,
# autolinks).
ALT_TEXT_MARKS = ("&", "\\", " \n", "<")
# What may stand before a blockquote's ``>`` on its line: indent, list markers, outer quotes.
QUOTE_PREFIX = " \t>-*+.)0123456789"
DELIMITER_ROW_CHARS = "|:- \t"
PIPE_IN_CODE = re.compile(r"`[^`]*\|[^`]*`")  # may split a cell in one parser and not the other
# Block openers at a line start (indent, ``>`` quotes, list markers): markdown-it-py stops parsing below
# nesting level 20 and pyrs doesn't, so a long run of openers (a deep nest may be near) goes to the
# reference. Each nesting level costs at least one character of such a prefix, a tab up to 4 columns.
# (Matched after a newline: a literal first character lets the regex engine skip ahead quickly.)
# The lookahead skips short prefixes at once: 3 characters weigh 12 at most, below MAX_NESTING_PREFIX.
NESTING_PREFIX = re.compile(r"\n(?=[ \t>*+\-0-9.)]{4})(?:[ \t]*(?:>|(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t\n]|\Z)))+")
MAX_NESTING_PREFIX = 15
TAB_IN_PREFIX = re.compile(r"\n[ >*+\-0-9.)]*\t")
BACKTICK_RUN = re.compile(r"`+")
CODE_FENCE_LINE = re.compile(r" {0,3}```+[^`]*$")  # opens or closes a fenced block, never inline code
# Backtick runs around spaces only, or around a line break (see _has_blank_code_span).
BLANK_CODE_SPAN = re.compile(r"(`+)( {3,}| *\n *)(`+)")
BLANK_CODE_SPAN_HINT = re.compile(r"`(?: {3}| *\n *`)")  # starts with a literal: several times faster
HEADING = re.compile(r"<h([23])>(.*?)</h\1>", re.DOTALL)
TAG = re.compile(r"<[^>]*>")


# python-slugify on plain ASCII text without entities ("&"), quotes or digit groups (","): lower case, each
# run of other characters (dashes included) one dash, none at the ends. Its pipeline (NFKD, entity
# decoding, quote and digit-group rules, two regex passes) costs ~10 us a heading; this, ~1 us, and
# headings of words and spaces (perhaps ending in "?" or the like) take a shortcut at ~0.5 us.
SLUG_SEPARATORS = re.compile(r"[^a-z0-9]+")
TRAILING_PUNCTUATION = "?!.:"


def heading_slug(title: str) -> str:
    if not title.isascii():
        return slugify(title) or "section"
    words = title.lower().rstrip(TRAILING_PUNCTUATION).split()
    if "".join(words).isalnum():  # letters and digits between spaces: nothing else to replace
        return "-".join(words)
    if "&" not in title and "'" not in title and "," not in title:
        return SLUG_SEPARATORS.sub("-", title.lower()).strip("-") or "section"
    return slugify(title) or "section"


def _render_container(name: str) -> Any:
    def render(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
        if tokens[idx].nesting == 1:
            return _aside_open(name)
        return "</aside>\n"
    return render


def _aside_open(name: str) -> str:
    label = "Opinion" if name == "opinion" else "Note"
    return f'<aside class="{name}" aria-label="{label}">\n'


@dataclass(frozen=True, slots=True)
class FastMarkdown:
    """markdown-it-pyrs with our anchors and containers added; ``render`` returns None to decline a body."""

    parser: Any  # markdown_it_pyrs.MarkdownIt
    raw_html: bool
    slugs: dict[str, str] = field(default_factory=dict)  # heading slugs by inner HTML (see _add_anchor_ids)

    def render(self, text: str) -> str | None:
        if self.raw_html and "<" in text:
            return None
        for _, applies in SOURCE_CHECKS:
            if applies(text):
                return None
        fences = _container_fences(text)  # DECLINE_CHECKS' last check, made here once: its fences are used
        if fences is None:
            return None
        html = self._parse(_fences_as_headings(text, fences) if fences else text)
        if html is not None and fences:
            html = _containers_as_asides(html, fences)
        return _add_anchor_ids(html, self.slugs) if html is not None else None

    def _parse(self, text: str) -> str | None:
        try:
            return self.parser.render(text)
        except BaseException as exc:  # a Rust panic arrives as pyo3's PanicException, a BaseException
            if type(exc).__name__ != "PanicException":
                raise
            return None  # DECLINE_CHECKS should make this unreachable; the reference will do

    def decline_reason(self, text: str) -> str | None:
        """Why the fast path can't promise markdown-it-py's bytes for this text, or None when it can.

        ``render`` may still decline after parsing: when a container fence lands inside a code block.
        """
        if self.raw_html and "<" in text:
            return "raw HTML (pyrs writes HTML blocks and tags differently)"
        for reason, applies in DECLINE_CHECKS:
            if applies(text):
                return reason
        return None


def _has_carriage_return(text: str) -> bool:
    """markdown-it-py reads a lone CR as a line break; the line patterns here don't."""
    return "\r" in text


def _ends_in_open_code_block(text: str) -> bool:
    """pyrs ends a code block left open at a text's end without a newline with one."""
    return not text.endswith("\n") and ("```" in text or "~~~" in text)


def _has_footnotes(text: str) -> bool:
    """pyrs writes footnote lists differently and numbers a repeated footnote differently."""
    return any(_find(text, syntax) != -1 for syntax in FOOTNOTE_SYNTAX)


def _has_fence_word(text: str) -> bool:
    """The word that stands in for container fences would be confused with the author's own."""
    return FENCE_WORD in text


def _has_tab_in_block_prefix(text: str) -> bool:
    """Tab stops after quote and list markers come out differently."""
    return "\t" in text and TAB_IN_PREFIX.search("\n" + text) is not None


def _has_stripped_control(text: str) -> bool:
    """ASCII controls Python's str.strip() removes (NUL becomes U+FFFD, a symbol, in markdown-it-py)."""
    return any(char in text for char in STRIPPED_CONTROLS)


def _has_link_definition(text: str) -> bool:
    """Link reference definitions (``[r]: /url``): the parsers differ at many of their edges."""
    return _find(text, "]:") != -1


def _alt_text_may_differ(text: str) -> bool:
    """pyrs drops entities, escapes, hard breaks and autolinks from an image's alt text.

    Looked for from each ``![`` to the end of its paragraph.
    """
    return _in_same_paragraph(text, "![", ALT_TEXT_MARKS)


def _odd_space_may_differ(text: str) -> bool:
    """Whether a non-ASCII space sits where markdown-it-py's ``str.strip()`` or ``\\s`` may see it.

    markdown-it-py trims paragraphs, headings, cells and info strings with ``str.strip()`` and folds
    reference labels with ``\\s+``, which take U+00A0 and the like for spaces; pyrs doesn't. Such a
    space between two letters or digits (``10\u00a0km``) is safe; anywhere else it goes to the reference.
    """
    if text.isascii():
        return False
    for space in ODD_SPACES:
        at = text.find(space)
        while at != -1:
            if not (text[at - 1:at].isalnum() and text[at + 1:at + 2].isalnum()):
                return True
            at = text.find(space, at + 1)
    return False


def _link_host_may_differ(text: str) -> bool:
    """Whether a link's host name is one markdown-it-py rewrites (IDNA) and pyrs percent-encodes.

    That is a host (after ``//``, or in a mail address) with non-ASCII letters, an ``xn--``
    label (autolink text is shown decoded), or an IPv6 ``[...]`` literal.
    """
    at = _find(text, "//")
    while at != -1:
        end = HOST_END.search(text, at + 2)
        host = text[at + 2:end.start() if end else len(text)]
        if not host.isascii() or "[" in host or "xn--" in host.lower():
            return True
        at = _find(text, "//", at + 2)
    for mark in ("@", ":"):  # user@host, mailto:host
        at = text.find(mark)
        while at != -1:
            if mark == "@" or text[max(at - 6, 0):at].lower() == "mailto":
                address = text[_start_of(text, at, ADDRESS_END):_end_of(text, at, ADDRESS_END)]
                if not address.isascii() or "xn--" in address.lower():
                    return True
            at = text.find(mark, at + 1)
    return False


def _link_destination_may_differ(text: str) -> bool:
    """Whether a link destination, entities decoded, starts or ends with a space (``[a](<x >)``, ``&#32;``).

    markdown-it-py strips those spaces from the URL; pyrs percent-encodes them.
    """
    at = _find(text, "](")
    while at != -1:
        start = at + 2
        if text.startswith("<", start):
            end = text.find(">", start)
        else:
            found = DESTINATION_END.search(text, start)
            end = found.start() if found else len(text)
        destination = text[start:end if end != -1 else len(text)]
        if destination and (destination[0] in "< " or "&" in destination or destination[-1] == " "):
            decoded = unescape(destination.lstrip("<"))
            if decoded != decoded.strip():
                return True
        at = _find(text, "](", start)
    return False


def _start_of(text: str, at: int, stops: str) -> int:
    """Where the run of characters other than ``stops`` that reaches ``at`` starts."""
    return max(text.rfind(stop, 0, at) for stop in stops) + 1


def _end_of(text: str, at: int, stops: str) -> int:
    """Where the run of characters other than ``stops`` from ``at`` ends."""
    return min((end for end in (text.find(stop, at) for stop in stops) if end != -1), default=len(text))


def _emphasis_by_symbol_or_space(text: str) -> bool:
    """Whether ``*``, ``_`` or ``~`` stands next to a non-ASCII symbol, space or U+0085.

    The parsers class those characters differently (punctuation? whitespace?) when deciding whether
    a delimiter run opens or closes emphasis (``*_*€``).
    """
    if text.isascii():
        return False
    for mark in EMPHASIS_MARKS:
        at = text.find(mark)
        while at != -1:
            before, after = text[at - 1:at] if at else "", text[at + 1:at + 2]
            if any(not char.isascii() and unicodedata.category(char) in AMBIGUOUS_CATEGORIES
                   for char in (before, after) if char):
                return True
            at = text.find(mark, at + 1)
    return False


def _has_blank_code_span(text: str) -> bool:
    """pyrs trims a code span of 3+ spaces only (a line break counting as one), markdown-it-py doesn't.

    A candidate (backtick runs around blanks) counts only if code-span pairing within its stretch of
    text between blank lines makes it a span: ``a`\n    `b`` is the end of one span and the start of
    another. Runs of 3+ backticks around a line break are two code fences, not a span.
    """
    if "`" not in text or not BLANK_CODE_SPAN_HINT.search(text):
        return False
    candidate = BLANK_CODE_SPAN.search(text)
    while candidate is not None:
        opening, inside, closing = candidate.groups()
        if opening == closing and len(inside) >= 3 and ("\n" not in inside or len(opening) < 3):
            start = text.rfind("\n\n", 0, candidate.start()) + 1
            end = text.find("\n\n", candidate.end())
            stretch = text[start:end if end != -1 else len(text)]
            span = (candidate.start(1) - start, candidate.start(3) - start)
            if "\\`" in stretch or span in _code_spans(stretch):
                return True
        candidate = BLANK_CODE_SPAN.search(text, candidate.start(3))  # the closing run may open the next
    return False


def _code_spans(stretch: str) -> set[tuple[int, int]]:
    """Start positions of the opening and closing backtick runs of each code span, as CommonMark pairs them."""
    runs = [(run.start(), len(run.group())) for run in BACKTICK_RUN.finditer(stretch)]
    spans, at = set(), 0
    while at < len(runs):
        closing = next((i for i in range(at + 1, len(runs)) if runs[i][1] == runs[at][1]), None)
        if closing is None:
            at += 1  # an opening run without a closing one is literal text
            continue
        spans.add((runs[at][0], runs[closing][0]))
        at = closing + 1
    return spans


def _find(text: str, needle: str, start: int = 0, end: int | None = None) -> int:
    """``text.find(needle, start)``, much faster for a short needle whose first character is rare.

    CPython looks for a 2- or 3-character needle character by character; a single character is found
    with memchr, dozens of times faster, and the needles here start with characters few texts hold.
    """
    first, end = needle[0], len(text) if end is None else end
    at = text.find(first, start, end)
    while at != -1 and not text.startswith(needle, at, end):
        at = text.find(first, at + 1, end)
    return at


def _may_nest_deeply(text: str) -> bool:
    """markdown-it-py stops parsing below nesting level 20, pyrs doesn't: see NESTING_PREFIX."""
    for match in NESTING_PREFIX.finditer("\n" + text):
        prefix = match.group()[1:]
        if len(prefix) + 3 * prefix.count("\t") >= MAX_NESTING_PREFIX:
            return True
    return False


def _may_panic(text: str) -> bool:
    """pyrs 0.4.0 panics, or misreads, on a ``[`` before a backtick run that closes no code span (``[a `b``).

    With a ``[`` in the text, every line's backtick runs (code fence lines aside) must pair with the next
    run of the same length, as code spans pair; a code span running over lines and escaped backticks are
    left to the reference.
    """
    if "`" not in text or "[" not in text:
        return False
    if _find(text, "\\`") != -1:
        return True
    at = text.find("`")
    while at != -1:  # each line holding a backtick, once
        start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
        end = len(text) if end == -1 else end
        line = text[start:end]
        if not CODE_FENCE_LINE.match(line) and _has_unpaired_backticks(line):
            return True
        at = text.find("`", end)
    return False


def _has_unpaired_backticks(line: str) -> bool:
    if "``" not in line:  # single backticks only: they pair up when there is an even number
        return line.count("`") % 2 == 1
    lengths = [len(run) for run in BACKTICK_RUN.findall(line)]
    at = 0
    while at < len(lengths):
        closing = next((i for i in range(at + 1, len(lengths)) if lengths[i] == lengths[at]), None)
        if closing is None:
            return True
        at = closing + 1
    return False


def _in_same_paragraph(text: str, opener: str, marks: tuple[str, ...]) -> bool:
    """Whether any of ``marks`` follows an ``opener`` before the next blank line (a paragraph's end at the latest)."""
    at = _find(text, opener)
    while at != -1:
        end = text.find("\n\n", at)
        if any(mark in text[at:end if end != -1 else len(text)] for mark in marks):
            return True
        at = _find(text, opener, end) if end != -1 else -1
    return False


def _quote_may_differ(text: str) -> bool:
    """Whether a blockquote may be empty, or its paragraph goes on in a line without ``>`` (a lazy line).

    The parsers differ there: pyrs lets a table interrupt a lazy line, markdown-it-py a list starting at 2,
    and they write an empty quote differently.
    """
    at = text.find(">")
    while at != -1:
        line_start = text.rfind("\n", 0, at) + 1
        if text[line_start:at].strip(QUOTE_PREFIX):  # text before it: not a quote marker
            at = text.find(">", at + 1)
            continue
        end = text.find("\n\n", at)
        end = len(text) if end == -1 else end
        lines = text[at:end].split("\n")
        if any(not line.lstrip(" \t").startswith(">") for line in lines[1:]):
            return True
        if any(_is_bare_quote_marker(lines, index) for index in range(len(lines))):
            return True
        at = text.find(">", end)
    return False


def _is_bare_quote_marker(lines: list[str], index: int) -> bool:
    """A line of quote (and list) markers only, other than the ``>`` between two quoted paragraphs."""
    line = lines[index]
    if ">" not in line or line.strip(QUOTE_PREFIX):
        return False
    return not (line.rstrip() == ">" and 0 < index < len(lines) - 1)


def _table_may_differ(text: str) -> bool:
    """Whether a table isn't in the plain form both parsers read alike.

    That form: a blank line (or the start) before the header row; header and delimiter rows between
    outer pipes with the same number of pipes; no escape or pipe in code in the header; every body row
    between pipes up to the next blank line. The parsers differ on tables without pipes, on tables that
    interrupt paragraphs or headings, and on which lines end a table.
    """
    if "|" not in text and not _has_colon_by_dash(text):  # a delimiter row needs a pipe, :- or -:
        return False
    lines = text.split("\n")
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else ""
        if not _may_be_delimiter_row(line, previous):
            continue
        if not (_is_piped_row(previous) and _is_piped_row(line) and previous.count("|") == line.count("|")):
            return True
        if "\\" in previous or PIPE_IN_CODE.search(previous) or (index >= 2 and lines[index - 2].strip()):
            return True
        for row in lines[index + 1:]:
            if not row.strip():
                break
            if not _is_piped_row(row):
                return True
    return False


def _has_colon_by_dash(text: str) -> bool:
    at = text.find(":")
    while at != -1:
        if text.startswith("-", at + 1) or (at and text[at - 1] == "-"):
            return True
        at = text.find(":", at + 1)
    return False


def _may_be_delimiter_row(line: str, previous: str) -> bool:
    return ("-" in line and not line.strip(DELIMITER_ROW_CHARS)
            and ("|" in line or ":" in line or "|" in previous))


def _is_piped_row(line: str) -> bool:
    stripped = line.strip()
    indent = line[:len(line) - len(line.lstrip(" \t"))]
    return len(indent) <= 3 and "\t" not in indent and stripped.startswith("|") and stripped.endswith("|")


# Each check is cheap (a few microseconds on an 800-word body) and errs towards declining.
SOURCE_CHECKS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("carriage return", _has_carriage_return),
    ("code block open at the end", _ends_in_open_code_block),
    ("footnotes", _has_footnotes),
    ("container fence stand-in word", _has_fence_word),
    ("tab in a block prefix", _has_tab_in_block_prefix),
    ("control character", _has_stripped_control),
    ("non-ASCII space by punctuation or an edge", _odd_space_may_differ),
    ("emphasis next to a symbol or space", _emphasis_by_symbol_or_space),
    ("IDNA host name", _link_host_may_differ),
    ("code span of spaces", _has_blank_code_span),
    ("link reference definition", _has_link_definition),
    ("image alt text with entities, escapes or breaks", _alt_text_may_differ),
    ("link destination with spaces at an end", _link_destination_may_differ),
    ("lazy or empty blockquote", _quote_may_differ),
    ("table not in plain form", _table_may_differ),
    ("deep nesting", _may_nest_deeply),
    ("unpaired backticks after a bracket", _may_panic),
)
# FastMarkdown.render runs SOURCE_CHECKS, then finds the fences itself.
DECLINE_CHECKS = SOURCE_CHECKS + (
    ("container fences other than plain ::: opinion/note ... :::", lambda text: _container_fences(text) is None),
)


def _container_fences(text: str) -> list[re.Match[str]] | None:
    """The container fences, alternating open/close and not nested; None when the text has other ``:::``."""
    fences: list[re.Match[str]] = []
    at = _find(text, ":::")
    while at != -1:
        fence = CONTAINER_FENCE.match(text, at) if at == 0 or text[at - 1] == "\n" else None
        opens_next = len(fences) % 2 == 0
        if fence is None or (fence.group(1) is not None) != opens_next:
            return None
        fences.append(fence)
        at = _find(text, ":::", fence.end())
    return fences if len(fences) % 2 == 0 else None  # an unclosed container ends at the document's end


def _fence_heading(fence: re.Match[str]) -> str:
    return f"###### {FENCE_WORD} {fence.group(1) or 'end'}"


def _fences_as_headings(text: str, fences: list[re.Match[str]]) -> str:
    parts, start = [], 0
    for fence in fences:
        parts += [text[start:fence.start()], _fence_heading(fence)]
        start = fence.end()
    parts.append(text[start:])
    return "".join(parts)


def _containers_as_asides(html: str, fences: list[re.Match[str]]) -> str | None:
    """Turn the fence headings back into asides; None unless every one came out as a top-level heading."""
    for name in (*CONTAINERS, None):
        marker = f"<h6>{FENCE_WORD} {name or 'end'}</h6>\n"
        expected = sum(1 for fence in fences if fence.group(1) == name)
        if html.count(marker) != expected:  # e.g. a fence inside a fenced code block
            return None
        html = html.replace(marker, _aside_open(name) if name else "</aside>\n")
    return html


def _add_anchor_ids(html: str, slugs: dict[str, str] | None = None) -> str:
    """Ids on h2/h3 as mdit_py_plugins.anchors gives them: slug of the text and code, repeats get -1, -2...

    ``slugs`` remembers each heading's slug by its inner HTML: sites repeat headings ("Frequently asked
    questions") in many bodies, and the slug is most of a heading's cost.
    """
    if "<h2>" not in html and "<h3>" not in html:
        return html
    known = {} if slugs is None else slugs
    taken: set[str] = set()
    parts = HEADING.split(html)  # text, then (level, inner HTML, text) per heading
    for at in range(1, len(parts), 3):
        level, inner = parts[at], parts[at + 1]
        slug = known.get(inner)
        if slug is None:
            slug = known[inner] = heading_slug(_heading_text(inner))
        parts[at] = f'<h{level} id="{_escape_attribute(_unique_slug(slug, taken))}">'
        parts[at + 1] = f"{inner}</h{level}>"
    return "".join(parts)


def _heading_text(inner_html: str) -> str:
    """The concatenated text and code of a heading, as the anchors plugin reads it from the tokens.

    Tags go (image alt text isn't text), line breaks go (soft and hard breaks aren't text), and
    entities are decoded (the HTML escapes exactly &, <, > and ").
    """
    if "<" in inner_html:
        inner_html = TAG.sub("", inner_html)
    if "\n" in inner_html:
        inner_html = inner_html.replace("\n", "")
    return unescape(inner_html) if "&" in inner_html else inner_html


def _unique_slug(slug: str, taken: set[str]) -> str:
    unique, suffix = slug, 1
    while unique in taken:
        unique = f"{slug}-{suffix}"
        suffix += 1
    taken.add(unique)
    return unique


def _escape_attribute(value: str) -> str:
    if value.isascii() and value.replace("-", "").isalnum():  # what python-slugify returns
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@dataclass(frozen=True, slots=True)
class MarkdownRenderer:
    parser: MarkdownIt
    sanitise: bool
    fast: FastMarkdown | None = None

    def __call__(self, text: str) -> str:
        html = self.fast_path(text)
        return html if html is not None else self.reference(text)

    def fast_path(self, text: str) -> str | None:
        """The fast path's HTML, or None when it declines the text (or there is no fast path)."""
        html = self.fast.render(text) if self.fast is not None else None
        if html is not None and self.sanitise:
            html = _sanitise(html)
        return html

    def reference(self, text: str) -> str:
        """The markdown-it-py rendering (the fallback, and what tests compare the fast path with)."""
        html = self.parser.render(text)
        return _sanitise(html) if self.sanitise else html


def _sanitise(html: str) -> str:
    """nh3 with our own markup kept: heading ids (anchors), classes (opinion, footnotes), aside labels."""
    import nh3

    attributes = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
    attributes.setdefault("*", set()).update({"class", "id"})
    attributes.setdefault("aside", set()).add("aria-label")
    return nh3.clean(html, tags=nh3.ALLOWED_TAGS | {"aside", "section"}, attributes=attributes,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener nofollow")


def make_renderer(raw_html: bool = False, fast: bool = True) -> MarkdownRenderer:
    """The site's Markdown renderer; ``fast=False`` (or no markdown-it-pyrs) gives the reference alone."""
    parser = MarkdownIt("commonmark", {"html": raw_html, "typographer": False}).enable(["table", "strikethrough"])
    parser.use(footnote_plugin)
    parser.use(anchors_plugin, min_level=ANCHOR_LEVELS[0], max_level=ANCHOR_LEVELS[-1], slug_func=heading_slug)
    for name in CONTAINERS:
        parser.use(container_plugin, name, render=_render_container(name))
    fast_path = (FastMarkdown(markdown_it_pyrs.MarkdownIt("zero").enable_many(FAST_RULES), raw_html)
                 if fast and markdown_it_pyrs is not None else None)
    return MarkdownRenderer(parser=parser, sanitise=raw_html, fast=fast_path)
