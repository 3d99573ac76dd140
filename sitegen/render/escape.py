"""HTML escaping to plain str, for the text of pages (no Markup object per value).

``escape_text(value)`` is ``str(markupsafe.escape(value))``, ~4x cheaper: markupsafe wraps every result in
a Markup (a Python ``__new__``), which a page that is joined into one string never needs.
"""
from __future__ import annotations

import re
from typing import Any

import markupsafe

# Characters XML 1.0 cannot hold at all, escaped or not (C0 controls but tab/newline/return, U+FFFE/FFFF,
# lone surrogates): one in feed.xml makes feed readers reject the whole feed.
_NOT_XML = re.compile("[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")

try:  # markupsafe >= 3: the C escaper behind escape(), str in and str out
    from markupsafe import _escape_inner as escape_str
except ImportError:  # pragma: no cover - older markupsafe: the same text through the public function
    def escape_str(text: str) -> str:
        return str(markupsafe.escape(text))


def escape_text(value: Any) -> str:
    """The text of ``markupsafe.escape(value)``: a Markup comes back as itself (its text is already safe),
    anything else as an escaped plain str. Wrap a Markup in str() before using it to join text: a Markup's
    join escapes what it joins."""
    if type(value) is str:
        return escape_str(value)
    if type(value) is markupsafe.Markup:
        return value
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return escape_str(str(value))


def xml_document(text: str) -> bytes:
    """A rendered XML file as UTF-8, without characters XML cannot hold. Inputs are checked where they are
    read (front matter, story files and config refuse control characters), but article bodies reach the
    feed's summaries through the merge, and a feed must parse whatever an article holds."""
    return _NOT_XML.sub("", text).encode("utf-8", errors="replace")
