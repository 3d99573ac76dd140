"""Bytes -> text, and which kind of input the text is (plain text, HTML or Markdown).

Garbage is refused here with a reason a curator understands: binary files, empty files,
oversized files and bytes that are not text in any encoding we can name.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from ..errors import SitegenError

MAX_BYTES = 10 * 1024 * 1024
Format = Literal["text", "html", "markdown"]

# Magic numbers of formats people save by mistake instead of the page text.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive (or .docx)"),
    (b"\x1f\x8b", "a gzip archive"), (b"\x7fELF", "a program"), (b"RIFF", "a media file"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html\b|<head\b|<\?xml[^>]*>\s*<html\b)", re.I)
_HTML_TAGS = re.compile(r"<(?:p|div|article|body|h[1-6]|span|meta|br|a\s+href)\b[^>]*>", re.I)
_FRONT_MATTER = re.compile(r"^---\s*\n(?:.*\n)*?[A-Za-z_][\w-]*\s*:.*\n(?:.*\n)*?---\s*(?:\n|$)")

@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    repaired: int = 0  # mojibake sequences repaired


def decode(data: bytes, source_name: str) -> Decoded:
    """Text of ``data``; a :class:`SitegenError` naming ``source_name`` when it is not usable text."""
    if len(data) > MAX_BYTES:
        raise SitegenError(f"file is too large ({len(data) / 1048576:.1f} MB; the limit is "
                           f"{MAX_BYTES // 1048576} MB)", source_name)
    if not data.strip():
        raise SitegenError("empty file: nothing to ingest", source_name)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise SitegenError(f"binary file ({kind}), not article text", source_name)
    text, encoding = _decode_text(data, source_name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, repaired = repair_mojibake(text)
    if not text.strip():
        raise SitegenError("empty file: nothing to ingest", source_name)
    return Decoded(text, encoding, repaired)


def _decode_text(data: bytes, source_name: str) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise SitegenError("starts with a UTF-16 mark but is not UTF-16 text", source_name) from None
    head = data[:65536]
    if b"\x00" in head or len(_CONTROL.findall(head)) > max(8, len(head) // 100):
        raise SitegenError("binary file, not article text", source_name)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    return _decode_legacy(data, source_name, first_bad), "cp1252"


def _decode_legacy(data: bytes, source_name: str, first_bad: int) -> str:
    """Old single-byte encodings (Windows-1252 pages) decode sensibly; anything else is refused."""
    from charset_normalizer import from_bytes

    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    # Mostly-ASCII text with a few accented letters is a Western page; detectors guess badly on short ones.
    if text and sum(1 for ch in text if ord(ch) > 127) < len(text) * 0.3 and not _CONTROL_TEXT.search(text):
        return text

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None or best.chaos > 0.2:
        line = data[:first_bad].count(b"\n") + 1
        raise SitegenError(f"not UTF-8 text (byte 0x{data[first_bad]:02x} on line {line}) and no other "
                           "encoding fits; save it as UTF-8", source_name)
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise SitegenError(f"not UTF-8 text and not valid {best.encoding} either; save it as UTF-8",
                           source_name) from None


# A character that UTF-8's lead bytes become in a single-byte code page (Windows-1252/Latin-1 'Ã', 'Â',
# 'â', Mac Roman '‚', Greek and Cyrillic pages' letters, DOS 'Γ'), followed by another non-ASCII one: text that may
# be mojibake. Only such text goes to ftfy, so clean pages cost nothing.
_SUSPECT = re.compile("[\u00c2-\u00f4\u201a\u0370-\u03ff\u0400-\u045f][^\x00-\x7f]")


def repair_mojibake(text: str) -> tuple[str, int]:
    """Undo UTF-8 read as a single-byte code page ('itâ€™s', 'it‚Äôs' -> 'it’s'); returns the text and the
    number of places repaired.

    ftfy does the repair: it knows the common code pages (Windows-1252, Latin-1, the other Windows and
    ISO pages, Mac Roman, DOS) and mixed or doubled layers, and changes only sequences it can prove are
    mis-decoded UTF-8, so real accented text stays as it is.
    """
    if not _SUSPECT.search(text):
        return text, 0
    import ftfy

    fixed = ftfy.fix_encoding(text)
    if fixed == text:
        return text, 0
    changes = difflib.SequenceMatcher(None, text, fixed, autojunk=False).get_opcodes()
    return fixed, sum(1 for tag, *_ in changes if tag != "equal")


def detect_format(text: str, suffix: str = "") -> Format:
    """HTML when it looks like a page (whatever the file name), Markdown with front matter, else text."""
    head = text[:4096]
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    if _FRONT_MATTER.match(text[:20000]):
        return "markdown"
    if suffix.lower() in (".html", ".htm") and "<" in head:
        return "html"
    return "text"
