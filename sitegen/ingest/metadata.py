"""Front-matter facts read from plain-text lines: title, dateline, outlet, author, url, category,
cites, syndication, and an aggregator's ratings.

Each finder returns what it found and which lines it consumed (to drop them from the body, named
by the structural rule in ``rules.STRUCTURAL_RULES``). Nothing is guessed from the body's prose
except attributions ("according to Reuters"), which are what ``cites:`` is for.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from ..text.sentences import first_sentence
from .dates import DATE_PATTERN, find_date, spoken_of
from .shape import is_timestamp_line, nav_items, stopwords
from .structure import is_section_name
from .text import Line, is_list_item, normalise_key, word_count

# A proper name as pages print outlets and people: capitalised words, a few joiners allowed.
# Possessive (*+, ++): a word's letters are taken whole (only its "'s"/".News" parts can be given back, as
# "From Outlet's Jane Doe" needs), so a long run of letters or hyphens is read once, not
# re-split at every letter; a name starts only where a word starts (the lookbehind), so finditer over
# a long run does not begin a new attempt at each of its letters. Both keep matching linear in the text.
_WORD = r"[A-Z][\w&-]*+(?:['’.][\w&-]++)*"  # inner dots/apostrophes only: "Crypto.News", "O'Brien"
NAME = rf"(?<![\w&'’.-]){_WORD}(?:[ -](?:{_WORD}|of|the|and|&|de|\d+)){{0,5}}"
_NOT_NAMES = {
    "the", "this", "that", "it", "he", "she", "they", "we", "i", "you", "a", "an", "source", "sources", "reports",
    "report", "according", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "data", "officials", "analysts", "experts", "people", "documents", "internal", "media", "local media",
}
_JOINERS = {"of", "the", "and", "&", "de"}  # words a name does not end with

# Attribution cues for ``cites:`` (outlets or people the article credits with the reporting).
CITE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b[Aa]ccording to (?:(?:reporting|reports?|an? (?:report|article|story|post)|coverage)"
               rf"(?: (?:attributed to|by|from|in|published by|on))? )?(?:the )?(?P<name>{NAME})"),
    # the one cue after its name: found first, the name read back from it (see names_before)
    re.compile(r",? (?:which |who )?(?:first|originally|earlier|exclusively) reported\b"),
    re.compile(rf"\b(?:first |originally |earlier |exclusively )?reported (?:earlier |first )?by (?:the )?(?P<name>{NAME})"),
    re.compile(rf"\bciting (?:an? (?:report|article|story) (?:by|from|in) |reports? (?:by|from|in) )?(?:the )?"
               rf"(?P<name>{NAME})"),
    re.compile(rf"\b(?:told|in an interview with|speaking to) (?P<name>{NAME})"),
    re.compile(rf"\bSource\s*:\s*(?P<name>{NAME}(?:\s*/\s*{NAME})?)"),
)
_CITE_NEEDS_OUTLET_WORD = re.compile(r"^(?:told|in an interview|speaking)")
_NAME_START = re.compile(r"(?<![\w&'’.-])[A-Z]")
_WHOLE_NAME = re.compile(NAME)
_NAME_CHARS = re.compile(r"[\w&'’. -]*")

# Outlet cues, strongest first.
_READ_ORIGINAL = re.compile(r"(?i)^(?:read (?:the )?original(?: article| story)? (?:at|on)|originally posted (?:at|on)"
                            r"|original source:|source link:)\s*(?P<name>.+?)\s*$")
_SYNDICATION = re.compile(
    rf"(?i)^\(?\s?(?:this (?:article|story|post|piece|report) )?(?:was )?(?:originally|first) (?:published|appeared|posted) "
    rf"(?:on|in|at|by)\s?:?\s+(?P<name>(?-i:{NAME})|[\w.-]+\.[a-z]{{2,}})"
    rf"|^(?:republished|reposted|syndicated|reprinted) (?:with permission )?(?:from|by)\s+(?P<name2>(?-i:{NAME})|[\w.-]+\.[a-z]{{2,}})"
    rf"|^(?:this )?(?:content|article|story|report) (?:was |is )?(?:provided|produced|supplied) by\s+"
    rf"(?P<name3>(?-i:{NAME})|[\w.-]+\.[a-z]{{2,}})"
    rf"|^the post .{{1,200}} appeared first on (?P<name4>(?-i:{NAME})|[\w.-]+\.[a-z]{{2,}})")  # a feed copy's footer
# A repost notice: 'repost' and, after it, 'views of X' (one lazy regex for both scanned to the
# line's end once per 'repost' word: quadratic on a line of them), or 'reposted on/by X'.
_REPOST = re.compile(r"(?i)\brepost(?:ed|s)?\b")
_VIEWS_OF = re.compile(rf"(?i)\b(?:views|opinions|position) of (?P<name>(?-i:{NAME}))")
_REPOSTED_BY = re.compile(rf"(?i)\breposted (?:on|by) (?P<name>(?-i:{NAME}))")
_TAGLINE = re.compile(r"^(?P<domain>(?:[a-z0-9-]+\.)+[a-z]{2,})\s+[–—|:-]\s+\S", re.I)
_FOOTER_OUTLET = (
    re.compile(rf"\b(?:reviewed|edited|fact-checked) by the (?P<name>{NAME}) (?:editorial |news )?(?:team|desk|staff)"),
    re.compile(rf"\breach out to the (?P<name>{NAME}) team\b"),
    re.compile(r"\bThe (?:articles|content|stories|posts) on (?P<name>[\w.-]+\.[A-Za-z]{2,}|" + NAME + r") (?:is|are)\b"),
    re.compile(rf"^(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:\d{{4}}\s*)?(?P<name>{NAME})"),
)
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{1,40}\((?P<name>Reuters|AP|AFP|Bloomberg|Xinhua|Kyodo|Yonhap|dpa)\)\s*[-–—]")
_OPINION_OWNER = re.compile(rf"^(?P<name>{_WORD}(?: {_WORD}){{0,3}})(?:'s|’s|'|’) (?:(?:AI )?(?:Reporter|Editor|Analyst)(?:'s|’s) )?"
                            r"(?:Take|View|Verdict|Opinion|Perspective)$")
# (?<!\s): an attempt starts only where a run of spaces starts, not again at each of its spaces
_OUTLET_SUFFIXES = re.compile(r"(?i)(?<!\s)\s+(?:rss feed|rss|news feed|newsfeed|feed)$")

# Bylines.
_BY = re.compile(rf"^(?:By|BY|Written by|Words by|Reporting by|Author|Reporter)\s*:?\s+(?P<name>{NAME})"
                 rf"|^From (?:{_WORD} ){{0,2}}{_WORD}['’]s (?P<from>{_WORD}(?: {_WORD}){{1,2}})$")  # "From Outlet's Jane Doe"
_HANDLE = re.compile(r"(?i)^(?:writer|author|written by|posted by)\s*[:@]\s*@?(?P<handle>[\w.-]+)$")
_WIRE_REPORTER = re.compile(r"(?i)(?:^|\()(?:reporting|writing) by (?P<name>[^;)]{1,80}?)(?: in [A-Z][\w ]{1,40})?(?:[;)]|$)")
_ONE_NAME = r"[A-Z][a-z'’-]+(?: [A-Z]\.)?(?: [A-Z][a-z'’-]+){1,2}"
_NAMES = re.compile(rf"^{_ONE_NAME}(?:(?:,| and| &) {_ONE_NAME}){{0,3}}$")  # a byline without 'By'
_NAME_BAR_OUTLET = re.compile(rf"^(?P<name>{_ONE_NAME})\s?[|·]\s?(?P<outlet>{NAME})$")  # "Jane Doe | Outlet"
_PERSON = re.compile(r"^[A-Z][a-z'’-]+(?: [A-Z]\.)?(?: (?:van |de |von )?[A-Z][a-z'’-]+){1,2}$")

_BREADCRUMB = re.compile(r"^(?:Home|News|Articles|Stories|Blog|Posts)\s*[/›>»|]\s*(?P<path>.+?)"
                         r"(?:\s*[·•|]\s*\d+\s*(?:s|m|min|h|hr|d|w)\s*ago)?$")
_CATEGORY = re.compile(r"(?i)^(?:category|section|filed under|topic)\s*:\s*(?P<name>.{2,40})$")
_SOURCE_URL = re.compile(r"(?i)^(?:source-url|source url|url|link|canonical|original url)\s*:\s*(?P<url>https?://\S+)$")
_SOURCE_LINE = re.compile(rf"^(?:Source\s*:|(?:Originally |First )?[Rr]eported by|Story by)\s*(?P<name>{NAME}(?:\s*/\s*{NAME})?)"
                          r"\.?$")
_READING_TIME = re.compile(r"(?i)\b\d+\s*min(?:ute)?s?(?:\s+read)?\b")
_RATING = re.compile(r"(?i)\b(?P<name>authority|credibility|relevance|reliability|confidence|sentiment|importance)\b"
                     r"\W{0,3}(?P<value>0?\.\d+|[01](?:\.0+)?)(?!\d)")
_LABEL = re.compile(r"(?i)^(?:source|posted|published|updated|category|tags?|image|photo|written by|by)\b\s*:")
_DATE_WORDS = re.compile(r"(?i)^(?:published|posted|updated|last updated|date|on)\b:?\s*")


@dataclass(slots=True)
class Found:
    """What the metadata finders collected for one input (mutable while collecting, stage-local)."""

    title: str | None = None
    outlet: str | None = None
    outlet_rank: int = 99
    url: str | None = None
    published: datetime | date | None = None
    author: str | None = None
    category: str | None = None
    syndicated_from: str | None = None
    reposted_by: str | None = None
    cites: list[str] = field(default_factory=list)
    ratings: dict[str, float] = field(default_factory=dict)
    consumed: dict[int, str] = field(default_factory=dict)  # line index -> structural rule name

    def offer_outlet(self, name: str | None, rank: int) -> None:
        name = clean_outlet(name)
        if name and rank < self.outlet_rank:
            self.outlet, self.outlet_rank = name, rank


def clean_outlet(name: str | None) -> str | None:
    if not name:
        return None
    name = _OUTLET_SUFFIXES.sub("", name.strip().strip(".,;:·|-–— "))
    words = name.split()
    while len(words) > 1 and words[-1] in _JOINERS:  # 'Harbour Wire and (is republished...)'
        words.pop()
    return " ".join(words) or None


def clean_name(name: str) -> str | None:
    """A cited name without trailing joiners, possessives or punctuation; None if it is not a name."""
    name = re.sub(r"(?:['’]s?)$", "", name.strip().rstrip(".,;:)"))
    words = name.split()
    while len(words) > 1 and words[-1] in _JOINERS:
        words.pop()
    name = " ".join(words)
    name = re.sub(r"^(?:The|A|An)\s+", "", name)
    if len(name) < 2 or name.lower() in _NOT_NAMES or name.isdigit():
        return None
    return name


# --------------------------------------------------------------------------- title


def find_title(lines: list[Line], skip: set[int], consumed: dict[int, str] | None = None,
               related: Callable[[str], bool] | None = None, site_key: str | None = None) -> int | None:
    """Index of the headline: the first short, unpunctuated line before the lede paragraph.

    With ``related`` (is this line about the story?), a headline-shaped line that is not is consumed as
    an unrelated line (a promoted headline above the real one) and the search goes on. With ``site_key``
    (the outlet's name as its domain spells it, see :func:`outlet_key`), a line above the headline that
    is the site's name is consumed as its masthead, and a sentence opening with it as its tagline.
    """
    seen = 0
    for index, line in enumerate(lines):
        text = line.text
        if not text or index in skip:
            continue
        seen += 1
        if seen > 8:
            return None
        if consumed is not None and (rule := _site_line(text, site_key)) \
                and (rule == "masthead" or _headline_below(lines, index, skip)):  # a tagline sits over the headline
            consumed[index] = rule
            continue
        if consumed is not None and _section_label(text) and _headline_below(lines, index, skip):
            consumed[index] = "section-label"  # 'LOCAL NEWS' over the headline
            continue
        if _looks_like_headline(text):
            if related is not None and consumed is not None and not related(text):
                later = find_title(lines[index + 1:index + 4], set(), None, None)
                if later is not None and related(lines[index + 1 + later].text):
                    consumed[index] = "unrelated-line"  # a promoted headline above the real one
                    continue
            return index
        if text.endswith((".", "!", '"', "”")) and word_count(text) >= 12:
            return None  # the lede paragraph came first: this page has no headline line
    return None


MAX_TAGLINE_WORDS = 12


def _site_line(text: str, site_key: str | None) -> str | None:
    """'masthead' for a line that is the site's name (its words spell the domain's name, one more word
    allowed: 'The Harbour News', 'Harbour News Service'); 'site-banner' for a short sentence opening with
    that name (the site's tagline); else None."""
    name = spelled_name(text, site_key)
    if name is None:
        return None
    if text[-1] in ".!" and word_count(text) <= MAX_TAGLINE_WORDS and not any(ch.isdigit() for ch in text):
        return "site-banner"  # (a lede opening with the outlet's name holds more: figures, a headline after it)
    after = text[len(name):].lstrip()
    if word_count(text) <= MAX_TAGLINE_WORDS and after[:1] in tuple("—–|:·-") and after[1:2] == " ":
        return "masthead"  # 'Harbour Daily — news as it breaks': the name and its motto
    return "masthead" if word_count(text) - word_count(name) <= 1 and text[-1] not in ".!?:" else None


MAX_SECTION_WORDS = 3  # a headline in capitals is longer
# Around a headline: ' | Outlet' after it, 'Analysis | ' or 'EXCLUSIVE: ' before it, '(VIDEO)' after it.
_TITLE_TAIL = re.compile(r"\s[|–—-]\s(?P<name>[^|–—]{2,60})$")
# A kicker in capitals is one of these words (an agency's name before a colon, 'NTSB: ...', is the headline's).
TITLE_KICKERS = ("BREAKING", "BREAKING NEWS", "EXCLUSIVE", "JUST IN", "DEVELOPING", "UPDATE", "UPDATED", "LIVE",
                 "WATCH", "VIDEO", "PHOTOS", "ANALYSIS", "EXPLAINER", "FACT CHECK")
_TITLE_KICKER = re.compile(rf"^(?:[A-Z][a-z]{{2,20}}\s?\|\s|(?:{'|'.join(TITLE_KICKERS)}):\s)(?=\S)")
_TITLE_TAG = re.compile(r"(?i)\s[(\[](?:video|photos?|gallery|watch|live|updated?|update \d{1,2})[)\]]$")
MIN_TITLE_WORDS = 3


def has_title_kicker(text: str) -> bool:
    return _TITLE_KICKER.match(text) is not None


def title_affixes(title: str, site_key: str | None) -> tuple[str, list[str]]:
    """The headline without the site's name after a bar or dash, a section or kicker label before it, or a
    media tag after it; and the pieces cut (a piece is cut only when 3+ words of headline stay)."""
    cut: list[str] = []
    for pattern, keep_start in ((_TITLE_TAG, True), (_TITLE_TAIL, True), (_TITLE_KICKER, False)):
        match = pattern.search(title)
        if match is None or pattern is _TITLE_TAIL and spelled_name(match.group("name"), site_key) != \
                match.group("name").strip():
            continue
        rest = title[:match.start()] if keep_start else title[match.end():]
        if word_count(rest) >= MIN_TITLE_WORDS:
            cut.append(match.group(0).strip())
            title = rest.strip()
    return title, cut


def _headline_below(lines: list[Line], index: int, skip: set[int], within: int = 3) -> bool:
    """A headline-shaped line among the next ``within`` lines not skipped."""
    following = (i for i in range(index + 1, len(lines)) if lines[i].text and i not in skip)
    return any(_looks_like_headline(lines[i].text) for _, i in zip(range(within), following))


def _section_label(text: str) -> bool:
    """A few words in capitals and nothing else ('LOCAL NEWS', 'BUSINESS AND MARKETS')."""
    return word_count(text) <= MAX_SECTION_WORDS and any(ch.isalpha() for ch in text) and text.upper() == text \
        and text[-1] not in ".!?:"


def spelled_name(text: str, site_key: str | None) -> str | None:
    """The first words of ``text`` when they spell ``site_key``, each word by its letters or by its initial
    ('Harbour Gazette' for harbourgazette, 'The New York Harbour' for nyharbour; a leading 'The' aside), else
    None."""
    if not site_key:
        return None
    raw = text.split()[:MAX_NAME_WORDS + 1]
    words = [re.sub(r"[^a-z0-9]", "", word.lower()) for word in raw]
    skip = 1 if words[:1] == ["the"] else 0
    key = site_key.removeprefix("the") if skip else site_key  # 'The Hill' on thehill.example as on hill.example
    count = _spelled(key, words, [word[:1].isupper() for word in raw], skip)
    return " ".join(text.split()[:count]) if count else None


MAX_NAME_WORDS = 6


def _spelled(key: str, words: list[str], capitalised: list[bool], index: int) -> int | None:
    """How many of ``words`` (from ``index``) spell ``key`` exactly, each word whole or, when capitalised, by its
    initial; at most 2 ** MAX_NAME_WORDS tries."""
    if not key:
        return index
    if index >= len(words) or not words[index]:
        return None
    parts = (words[index], words[index][0]) if capitalised[index] else (words[index],)
    for part in dict.fromkeys(parts):
        if key.startswith(part) and (count := _spelled(key[len(part):], words, capitalised, index + 1)):
            return count
    return None
    words = text.split()[:8]
    letters = ""
    for count, word in enumerate(words, start=1):
        if count == 1 and word.lower() == "the":
            site_key = site_key.removeprefix("the")  # 'The Hill' on thehill.example as on hill.example
            continue
        letters += re.sub(r"[^a-z0-9]", "", word.lower())
        if letters == site_key:
            return " ".join(words[:count])
        if not site_key.startswith(letters):
            return None
    return None


def outlet_key(url: str | None) -> str | None:
    """'www.harbour-news.example' -> 'harbournews': the outlet's name as its domain spells it."""
    host = outlet_from_url(url)
    if not host or "." not in host:
        return None
    name = re.sub(r"[^a-z0-9]", "", host.rsplit(".", 1)[0].rsplit(".", 1)[-1].lower())
    return name if len(name) >= 3 else None


def _looks_like_headline(text: str) -> bool:
    words = word_count(text)
    if not 3 <= words <= 25 or len(text) > 220 or is_list_item(text) or nav_items(text) is not None:
        return False
    if text[-1] in ".,;:" or find_date(text) is not None and words < 8 or _LABEL.match(text) or is_timestamp_line(text):
        return False
    return bool(re.match(r"^[\"'“‘]?[A-Z0-9]", text)) and not _two_sentences(text)


MAX_KICKER_WORDS = 5  # "Here's what to know", "What happens next?": a headline's kicker, not a sentence


def _two_sentences(text: str) -> bool:
    """The line holds a sentence break, other than one before a headline's short kicker ("… on its
    first day. Here's what to know"): a kicker ends without a stop, a paragraph's sentence with one."""
    breaks = list(_SENTENCE_BREAK.finditer(text))
    return len(breaks) > 1 or (len(breaks) == 1 and word_count(text[breaks[0].end() - 1:]) > MAX_KICKER_WORDS)


_SENTENCE_BREAK = re.compile(r"[.!?]\s++[A-Z]")


MAX_TITLE_WORDS = 20
MAX_LEDE_TITLE = 1000  # characters; far above any real first sentence


def title_from_lede(lines: list[Line], kept: list[int], url: str | None = None) -> str | None:
    """When a page has no headline: its first sentence when it is short enough to be one, else the
    headline the URL's last path segment spells (cased as the text writes its words), else the
    first sentence for the curator to shorten."""
    sentence = None
    for index in kept:
        text = lines[index].text
        if text and word_count(text) >= 6 and not is_list_item(text) and not text.startswith("#"):
            sentence = first_sentence(text).rstrip(".").strip()
            if len(sentence) > MAX_LEDE_TITLE:  # a page with no punctuation is one "sentence"
                sentence = sentence[:MAX_LEDE_TITLE].rsplit(" ", 1)[0] + "…"
            break
    if sentence and word_count(sentence) <= MAX_TITLE_WORDS:
        return sentence
    return title_from_url(url, [lines[i].text for i in kept]) or sentence


_SLUG_WORDS = re.compile(r"[a-z0-9][a-z0-9]{0,30}")


def title_from_url(url: str | None, texts: list[str]) -> str | None:
    """'/news/jury-finds-founder-guilty-in-fraud-case.html' -> 'Jury finds founder guilty in fraud case'
    (4+ words; an ID-like segment is not a headline)."""
    if not url:
        return None
    segments = [s for s in urlsplit(url).path.split("/") if s]
    for segment in reversed(segments):
        stem = re.sub(r"\.[a-z]{2,5}$", "", segment.lower())
        words = [w for w in stem.split("-") if w]
        while words and (re.search(r"\d.*\d.*\d", words[-1]) or len(words[-1]) > 8 and words[-1].isdigit()):
            words.pop()  # an ID after the words ('...-tbt68977', '...-11692793220466')
        words = _join_possessives(words)
        if len(words) >= 4 and all(_SLUG_WORDS.fullmatch(w.replace("'", "")) for w in words) \
                and sum(w.isdigit() for w in words) <= 1:
            body = " ".join(texts)[:20000]
            cased = [_cased(w, body) for w in words]
            return " ".join([cased[0][:1].upper() + cased[0][1:], *cased[1:]])
    return None


def _join_possessives(words: list[str]) -> list[str]:
    """'here-s' -> "here's": a lone 's' in a slug was an apostrophe's."""
    joined: list[str] = []
    for word in words:
        if word == "s" and joined:
            joined[-1] += "'s"
        else:
            joined.append(word)
    return joined


def _cased(word: str, body: str) -> str:
    """The word as the text writes it inside a sentence: an acronym, a mixed-case or a proper name
    ('FTX', 'iPhone', 'Sam'); else lower case."""
    bare = word.removesuffix("'s")
    for match in re.finditer(rf"(?i)(?<=[\w,] |\w-){re.escape(bare)}\b", body):
        written = match.group(0)
        if written[:1].isupper():
            return written + word[len(bare):]
    return word


def repeated_title(text: str, title: str) -> bool:
    """The headline again, possibly with ' | Outlet' or ' - Outlet' after it."""
    key, title_key = normalise_key(text), normalise_key(title)
    if not title_key:
        return False
    if key == title_key:
        return True
    return key.startswith(title_key) and word_count(key[len(title_key):]) <= 4 and bool(
        re.search(r"\s[|–—-]\s", text[len(title) - 2:] if len(text) > len(title) else ""))


# --------------------------------------------------------------------------- header lines


def header_end(lines: list[Line], skip: set[int]) -> int:
    """Index of the first real paragraph: datelines and bylines are looked for above it."""
    for index, line in enumerate(lines):
        if index not in skip and word_count(line.text) >= 25 and not is_list_item(line.text):
            return index
    return min(len(lines), 15)


def find_dateline(lines: list[Line], found: Found, skip: set[int], end: int) -> None:
    """The first header line that is mostly a date: published, plus author/outlet printed beside it."""
    for index in range(min(end, len(lines))):
        text = lines[index].text
        if index in skip or not text:
            continue
        hit = find_date(text)
        if hit is None:
            continue
        before, after = text[:hit.start], text[hit.end:]
        if spoken_of(before):
            continue  # 'the flood of March 3, 2021': a date the line speaks of
        # an update stamp after the date is more date ('Published Feb. 6 ... | Updated Feb. 7, 2026 at 8:02 a.m. ET')
        rest_words = word_count(_READING_TIME.sub("", before + " " + DATE_PATTERN.sub(" ", after)))
        if rest_words > 8 or (is_list_item(text) and rest_words > 2):
            continue
        found.published = found.published or hit.value  # a date glued to the top line came first
        found.consumed[index] = "dateline"
        _read_dateline_parts(before, after, found)
        return


def _read_dateline_parts(before: str, after: str, found: Found) -> None:
    prefix = _DATE_WORDS.sub("", before.strip(" ·•|,-–—"))
    prefix = re.sub(r"^(?:By|BY)\s+", "", prefix).strip(" ·•|,-–—")
    if prefix and _PERSON.match(prefix) and not found.author:
        found.author = prefix
    for segment in re.split(r"[·•|]", after):
        segment = _READING_TIME.sub("", segment).strip(" ,-–—")
        if not segment or re.match(r"(?i)^(?:original source|updated|published|min read|read)$", segment) \
                or find_date(segment) is not None or is_timestamp_line(segment):  # a stamp or a time, not a name
            continue
        if re.search(r"(?i)\.|news|times|post|journal|daily|feed|wire|press|media|tribune|herald|review", segment):
            found.offer_outlet(segment, 2)
        elif _PERSON.match(segment) and not found.author:
            found.author = segment


def find_header_facts(lines: list[Line], found: Found, skip: set[int], end: int) -> None:
    """Bylines, breadcrumbs, source URLs and 'Read original at' lines above the first paragraph."""
    for index in range(min(end + 1, len(lines))):
        text = lines[index].text
        if not text or index in skip or index in found.consumed:
            continue
        if match := _SOURCE_URL.match(text):
            found.url = found.url or match.group("url").rstrip(".,)")
            found.consumed[index] = "source-url"
        elif match := _BREADCRUMB.match(text):
            parts = re.split(r"[/›>»|]", match.group("path"))
            found.category = found.category or parts[-1].strip() or None
            found.consumed[index] = "breadcrumb"
        elif match := _CATEGORY.match(text):
            found.category = found.category or match.group("name").strip()
            found.consumed[index] = "breadcrumb"
        elif _NAMES.match(text) and not _BY.match(text) and word_count(text) <= 8 and not is_section_name(text) \
                and not set(text.lower().split()) & stopwords() - {"and"} \
                and not is_list_item(_next_text(lines, index)) and (re.search(r",| and | & ", text) or any(
                lines[i].text for i in range(index) if i not in skip and i not in found.consumed)):
            found.author = found.author or re.split(r",| and | & ", text)[0].strip()
            found.consumed[index] = "byline"
        elif (match := _NAME_BAR_OUTLET.match(text)) and word_count(text) <= 10:
            found.author = found.author or re.sub(r"^(?:By|BY)\s+", "", match.group("name"))
            found.offer_outlet(match.group("outlet"), 4)
            found.consumed[index] = "byline"
        elif (match := _BY.match(text)) and word_count(text) <= 12:
            found.author = found.author or _clean_person(match.group("name") or match.group("from"))
            found.consumed[index] = "byline"
            if date_hit := find_date(text):  # 'By Jane Doe · March 3, 2026 · 6 min read'
                found.published = found.published or date_hit.value
            if tail := re.split(r"[,|·]", text, maxsplit=1)[1:]:
                found.offer_outlet(tail[0] if re.search(r"(?i)news|times|post|reuters|press", tail[0]) else None, 4)
        elif (items := nav_items(text)) and (len(items) == 2 or "›" in text or "»" in text) \
                and not re.search(r"[\d:]", text):  # a section path, not a menu: its last item is nearest
            found.category = found.category or items[-1]
            found.consumed[index] = "breadcrumb"


def _next_text(lines: list[Line], index: int) -> str:
    return next((line.text for line in lines[index + 1:] if line.text), "")


def _clean_person(name: str) -> str | None:
    name = re.split(r"[,|·]", name)[0].strip()
    if name.isupper():
        name = name.title()  # a byline in capitals
    name = re.sub(r"(?<!\s)\s+(?:and|&)$", "", name)
    return name if 1 <= word_count(name) <= 6 else None


def find_anywhere_facts(lines: list[Line], found: Found, skip: set[int]) -> None:
    """Cues that can sit anywhere on a page: original-source notices, repost notices, taglines, handles."""
    handle: str | None = None
    for index, line in enumerate(lines):
        text = line.text
        if not text or index in skip:
            continue
        if match := _READ_ORIGINAL.match(text):
            found.offer_outlet(match.group("name"), 1)
            found.consumed[index] = "read-original"
        elif match := _SYNDICATION.match(text):
            found.syndicated_from = found.syndicated_from or clean_outlet(match.group("name") or match.group("name2")
                                                                             or match.group("name3")
                                                                             or match.group("name4"))
            found.consumed[index] = "syndication-notice"
        elif match := _TAGLINE.match(text):
            found.offer_outlet(match.group("domain"), 3)
            found.consumed[index] = "site-tagline"
        elif (match := _SOURCE_LINE.match(text)) and index not in found.consumed:
            found.consumed[index] = "source-credit"
        if not found.reposted_by and (name := _repost_notice(text)):
            found.reposted_by = clean_name(name)
        if match := _WIRE_DATELINE.match(text):
            found.offer_outlet(match.group("name"), 2)
        for pattern in _FOOTER_OUTLET:
            if match := pattern.search(text):
                found.offer_outlet(match.group("name"), 4)
        if match := _OPINION_OWNER.match(text):
            found.offer_outlet(match.group("name"), 6)
        if (match := _HANDLE.match(text)) and not handle:
            handle = match.group("handle")
        if not found.author and (match := _WIRE_REPORTER.search(text)):
            found.author = _clean_person(match.group("name"))
    if handle and not found.author:
        found.author = _expand_handle(handle, lines)


def _repost_notice(text: str) -> str | None:
    """Who reposted this copy, from a notice such as 'reposted ... the views of X' or 'reposted by X'."""
    first = _REPOST.search(text)
    if first is None:
        return None
    match = _VIEWS_OF.search(text, first.end()) or _REPOSTED_BY.search(text, first.start())
    return match.group("name") if match else None


def _expand_handle(handle: str, lines: list[Line]) -> str:
    """'Writer @Victoria' plus 'Victoria Hale is a writer ...' in the bio -> 'Victoria Hale'."""
    if not handle[:1].isalpha():
        return handle
    pattern = re.compile(rf"\b{re.escape(handle)}\s+([A-Z][a-z'’-]+)\b", re.I)
    counts: dict[str, int] = {}
    for line in lines:
        for match in pattern.finditer(line.text):
            full = f"{handle[:1].upper()}{handle[1:]} {match.group(1)}"
            counts[full] = counts.get(full, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else handle


_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?:/|$)")
_URL_DAY = re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:/|$)")  # '/20260301/'


def date_from_url(url: str | None) -> date | None:
    """A '/2026/03/01/' date in a URL's path: the weakest evidence of the publication day, used last."""
    if not url:
        return None
    path = urlsplit(url).path
    match = _URL_DATE.search(path) or _URL_DAY.search(path)
    if match is None:
        return None
    try:
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return re.sub(r"^(?:www|amp|m)\.", "", host) or None


# --------------------------------------------------------------------------- cites and ratings


def names_before(cue: re.Pattern[str], text: str) -> Iterator[str]:
    """The name ending where each match of ``cue`` starts, as ``(?P<name>NAME)cue`` finds it (from the
    leftmost start that reaches the cue), in linear time: that regex would try NAME, up to six words,
    from every word of the text. A name holds at most five spaces and never crosses a cue."""
    floor = 0
    for found in cue.finditer(text):
        end = low = found.start()
        for _ in range(6):
            low = text.rfind(" ", floor, low)
            if low < 0:
                low = floor
                break
        low = end - _NAME_CHARS.match(text[low:end][::-1]).end()  # back to the last character no name holds
        for start in _NAME_START.finditer(text, low, end):
            if name := _WHOLE_NAME.fullmatch(text, start.start(), end):
                yield name.group()
                break
        floor = found.end()


def find_cites(texts: list[str]) -> list[str]:
    """Outlets/people the article credits, in order of first mention."""
    names: list[str] = []
    seen: set[str] = set()
    for text in texts:
        for pattern in CITE_PATTERNS:
            found = (names_before(pattern, text) if pattern is CITE_PATTERNS[1]
                     else (match.group("name") for match in pattern.finditer(text)))
            for cited in found:
                for part in re.split(r"/|(?<!\s)\s+and\s|&(?=\s*[A-Z])", cited):
                    name = clean_name(part)
                    if name is None or len(name) <= 2 or name.casefold() in seen:
                        continue
                    if pattern is CITE_PATTERNS[4] and not re.search(
                            r"(?i)news|times|post|journal|reuters|bloomberg|press|agency|cnbc|bbc|cnn|wire", name):
                        continue  # "told Reuters" is a cite; "told colleagues" is not
                    seen.add(name.casefold())
                    names.append(name)
    return names


def find_ratings(texts: list[str]) -> dict[str, float]:
    """An aggregator's scores ('authority 0.45', 'low credibility (0.28)') from its analysis block."""
    ratings: dict[str, float] = {}
    for text in texts:
        for match in _RATING.finditer(text):
            name = match.group("name").lower()
            value = float(match.group("value"))
            if name not in ratings and 0.0 <= value <= 1.0:
                ratings[name] = value
    return ratings
