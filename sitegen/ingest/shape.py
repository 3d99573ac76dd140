"""Boilerplate found by the shape and place of a line, and by how it relates to the rest of the story.

No detector here knows any outlet's wording. Each looks at general features of the kept lines:
word count, sentence punctuation, capitalisation, symbols, dates and times, whether a short line
shares a word with the prose it sits above, and whether a headline-shaped line or a section
shares its words with the story (the words that several articles of one story use). Each returns
``{line index: rule name}``; the names are documented in ``rules.STRUCTURAL_RULES``.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .dates import DATE_PATTERN
from .structure import is_section_name
from .text import SENTENCE_BREAK, Line, is_list_item, is_news_paragraph, normalise_key, word_count

_WORD = re.compile(r"[^\W_][\w'’&.-]{0,40}")
_TERMINAL = ".!?…\"”’)"
_KNOWN_LABELS = re.compile(r"(?i)^(?:summary|background|context|conclusion|timeline|analysis|overview|update|updates"
                           r"|reaction|q ?& ?a|faqs?|sources|references)\s*:?$")
# Words a timestamp line may hold besides dates and numbers ('14m ago / 10:36 PM UTC').
_TIME_WORDS = frozenset("""updated posted published first last on at ago just now today yesterday et edt est utc gmt ist bst
pt pdt pst cet cest am pm a p m s h d w min mins minute minutes hr hrs hour hours day days week weeks sec secs""".split())
# A month without a year is a stamp's only beside a clock time ('Mar. 4, 6:52 p.m.'); alone ('March 26') it may
# head a timeline's entry.
_MONTH_WORDS = frozenset("""jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june july
august september october november december""".split())
_CLOCK = re.compile(r"\d[:.]\d\d")
_LETTERS = re.compile(r"[A-Za-z]+")
_SYMBOLS = re.compile(r"[^\w\s.,;:!?'\"’‘“”()\[\]$€£%&/+-]")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("sitegen").joinpath("data", "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def content_words(text: str, limit: int = 4000) -> set[str]:
    """Lower-case words that carry meaning (no function words, no plural 's'), from the first ``limit``
    characters."""
    stop = stopwords()
    words = set()
    for match in _WORD.finditer(text[:limit]):
        word = match.group(0).lower().strip(".'’-").removesuffix("’s").removesuffix("'s")
        if len(word) < 2 or word in stop or not any(ch.isalpha() for ch in word):
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.add(word)
    return words


@dataclass(frozen=True, slots=True)
class StoryWords:
    """How many of a story's articles use each word (the story's own vocabulary), and the short
    unpunctuated lines that recur in two or more of its articles."""

    counts: dict[str, int]
    articles: int
    recurring: frozenset[str] = frozenset()  # normalise_key of each recurring short line

    def common(self, word: str) -> bool:
        return self.counts.get(word, 0) >= max(3, self.articles * 0.3)


MIN_STORY_ARTICLES = 4  # below this, which words are the story's is guesswork


def story_words(texts: Iterable[str]) -> StoryWords | None:
    """The vocabulary of one story from the raw texts of its articles (None for fewer than four)."""
    pages = [text[:20000].split("\n") for text in texts]
    if len(pages) < MIN_STORY_ARTICLES:
        return None
    short_lines: Counter[str] = Counter()
    for page in pages:
        short_lines.update({normalise_key(line) for line in page if _recurring_shape(line.strip())})
    recurring = frozenset(k for k, n in short_lines.items() if n >= 2 and k)
    counts: Counter[str] = Counter()
    for page in pages:  # the recurring lines' words are not the story's: chrome would vouch for itself
        counts.update(content_words(" ".join(line for line in page if normalise_key(line) not in recurring), 20000))
    return StoryWords(dict(counts), len(pages), recurring)


def _recurring_shape(text: str) -> bool:
    """Short (six words at most) and no sentence: the shape of page chrome when it recurs."""
    return 0 < len(text) <= 60 and word_count(text) <= 6 and not _ends_sentence(text)


def recurring_lines(lines: list[Line], kept: list[int], story: StoryWords | None) -> dict[int, str]:
    """Short unpunctuated lines found in two or more of the story's articles, fewer than half of whose words
    are the story's: the chrome of a site or a template that several copies carry ('Watch live', 'Most
    viewed'). (A line the articles share in the story's words, such as a wire headline, stays.)"""
    if story is None or not story.recurring:
        return {}
    found: dict[int, str] = {}
    for index in kept:
        text = lines[index].text
        if _recurring_shape(text) and normalise_key(text) in story.recurring and story_share(text, story) < 0.5:
            found[index] = "recurring-chrome"
    return found


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in _TERMINAL


def _next_kept(lines: list[Line], kept: list[int], position: int) -> str | None:
    for index in kept[position + 1:]:
        if lines[index].text:
            return lines[index].text
    return None


def short_labels(lines: list[Line], kept: list[int]) -> dict[int, str]:
    """One- or two-word lines that share no word with the line after them: a language switch, a tag,
    a widget button, an alt text. A real heading that short is a known section name, names what
    follows it, or (two words) stands over a paragraph or a list."""
    found: dict[int, str] = {}
    for position, index in enumerate(kept):
        text = lines[index].text
        if not text or word_count(text) > 2 or _ends_sentence(text) or is_list_item(text) or text.startswith("#"):
            continue
        if _KNOWN_LABELS.match(text) or is_section_name(text) or any(ch.isdigit() for ch in text):
            continue
        following = _next_kept(lines, kept, position)
        if following is not None and (is_list_item(following) or word_count(text) == 2 and is_news_paragraph(following)):
            continue  # a two-word heading over a paragraph or a list
        if following is None or not content_words(text) & content_words(following):
            found[index] = "label"
    return found


def is_timestamp_line(text: str) -> bool:
    """A line made only of dates, times, ages and zone names ('14m ago / 10:36 PM UTC')."""
    if len(text) > 80 or word_count(text) > 10:
        return False
    if not any(ch.isdigit() for ch in text):
        return False
    allowed = _TIME_WORDS | _MONTH_WORDS if _CLOCK.search(text) else _TIME_WORDS
    return all(word.lower() in allowed for word in _LETTERS.findall(DATE_PATTERN.sub(" ", text)))


def timestamp_lines(lines: list[Line], kept: list[int]) -> dict[int, str]:
    return {i: "timestamp" for i in kept if lines[i].text and not is_list_item(lines[i].text)
            and is_timestamp_line(lines[i].text)
            and not re.fullmatch(r"(?i)\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)?\s?[A-Z]{0,4}", lines[i].text)}


# Items of a navigation row: split at pipes, middots, bullets, guillemets, or a gap of two or more spaces.
_ROW_SEPARATOR = re.compile(r"\s*+[|·•›»]\s*+|\s{2,}+")
_ROW_LABEL = re.compile(r"^[A-Z][\w ]{0,15}:\s")  # 'Jump to: ' before the items
MAX_ROW_ITEM_WORDS = 4


def nav_items(text: str) -> list[str] | None:
    """The items of a line of short items separated by pipes, middots or wide gaps ('U.S. | Business |
    Travel', 'Business  Transportation', 'Share  Gift article  Comments (12)'): a section menu, a section
    path or a row of buttons; None for any other line (a sentence, a Markdown table row, a list item)."""
    text = text.strip()
    if len(text) > 160 or text[-1:] in ".!?" or text.startswith(("|", "-", "#", "*")):
        return None
    items = [item for item in _ROW_SEPARATOR.split(_ROW_LABEL.sub("", text)) if item]
    # a pair is held to shorter items: 'Fed holds rates | Reuters' is a headline and its outlet
    longest = MAX_ROW_ITEM_WORDS if len(items) >= 3 else MAX_ROW_ITEM_WORDS - 1
    if len(items) < 2 or any(word_count(item) > longest for item in items):
        return None
    return items


def nav_rows(lines: list[Line], kept: list[int]) -> dict[int, str]:
    return {i: "nav-row" for i in kept if lines[i].text and nav_items(lines[i].text) is not None}


def _id_like(token: str) -> bool:
    """'rcna99722', 'IMG_2041', '0038291744': letters and digits mixed (or 6+ digits), no word shape."""
    if not 6 <= len(token) <= 40 or not token.replace("_", "").isalnum() or not token.isascii():
        return False
    digits = any(ch.isdigit() for ch in token)
    return digits and (any(ch.isalpha() for ch in token) or "_" in token or token.isdigit())


def id_lines(lines: list[Line], kept: list[int]) -> dict[int, str]:
    """Short lines (six words at most) mostly made of ID-like tokens ('rcna99722', 'IMG_2041', '0038291744'):
    tracking codes, file and asset names, not words."""
    found: dict[int, str] = {}
    for index in kept:
        tokens = lines[index].text.split()
        if not tokens or len(tokens) > 6:
            continue
        ids = sum(1 for token in tokens if _id_like(token.strip(".,;:()[]")))
        if ids * 3 >= 2 * len(tokens):
            found[index] = "id-line"
    return found


def title_case_banners(lines: list[Line], kept: list[int]) -> dict[int, str]:
    """A sentence (closing punctuation, 8+ words) with almost every word capitalised: a site's tagline,
    not news (headlines do not end in a full stop; prose is not in title case)."""
    found: dict[int, str] = {}
    small = stopwords()
    for index in kept:
        text = lines[index].text
        if not text.endswith((".", "!")) or len(text) > 300:
            continue
        words = [w for w in text.split() if w[:1].isalpha() and w.lower() not in small]
        if len(words) < 6:
            continue
        capitalised = sum(1 for w in words if w[0].isupper())
        if capitalised >= 0.8 * len(words):
            found[index] = "site-banner"
    return found


def symbol_framed(lines: list[Line], kept: list[int]) -> dict[int, str]:
    """A short line framed by decorative symbols ('~ 《 Motto 》'): a banner, not prose."""
    found: dict[int, str] = {}
    for index in kept:
        text = lines[index].text
        if text and word_count(text) <= 12 and len(_SYMBOLS.findall(text)) >= 2 and _SYMBOLS.match(text):
            found[index] = "site-banner"
    return found


def caption_doubles(lines: list[Line], kept: list[int]) -> dict[int, str]:
    """A kept line repeated at the start of the next line, kept or not (a caption printed twice, the
    second time with its credit; a teaser cut short above its paragraph)."""
    found: dict[int, str] = {}
    previous: int | None = None
    kept_set = set(kept)
    for index in range(len(lines)):
        text = lines[index].text
        if not text:
            continue
        if previous is not None and previous in kept_set and len(text) > len(lines[previous].text) \
                and text[:1].casefold() == lines[previous].text[:1].casefold():
            before = normalise_key(lines[previous].text)
            if word_count(before) >= 5 and normalise_key(text).startswith(before):
                found[previous] = "duplicate-lede"
        previous = index
    return found


def _paragraph_like(text: str) -> bool:
    """20+ words of running text (a cut-off last paragraph has no full stop yet)."""
    return word_count(text) >= 20 and not is_list_item(text) and not text.startswith("#")


def story_share(text: str, story: StoryWords) -> float:
    """The fraction of a text's content words that are the story's."""
    words = content_words(text)
    return sum(1 for w in words if story.common(w)) / len(words) if words else 1.0


def _headline_shaped(text: str) -> bool:
    words = word_count(text)
    return (3 <= words <= 18 and not _ends_sentence(text) and not is_list_item(text)
            and (text[:1].isupper() or text[:1].isdigit() or text[:1] in "$£€") and not SENTENCE_BREAK.search(text))


def is_related(text: str, story: StoryWords) -> bool:
    """A headline-shaped line that is about this story."""
    return _related(text, story, set())


def _related(text: str, story: StoryWords, own: set[str]) -> bool:
    """Shares words with the story: at least two story words, or a quarter of its words."""
    words = content_words(text)
    if not words:
        return True
    shared = sum(1 for w in words if story.common(w) or w in own)
    return shared >= 2 or shared * 4 >= len(words)


def _short_line(text: str) -> bool:
    """A line short enough to be a link or a teaser (3-25 words), not a list item or a section name."""
    return 3 <= word_count(text) <= 25 and not is_list_item(text) and not text.startswith("#") \
        and not is_section_name(text)


def _foreign_question(text: str, story: StoryWords) -> bool:
    """A question naming something the story does not (a capitalised word after the first that is not
    one of the story's words): a linked question about another topic, not the article's own sub-head."""
    if not text.endswith("?") or word_count(text) > 20:
        return False
    names = [w.strip("?,'’\"“”").lower() for w in text.split()[1:] if w[:1].isupper()]
    return any(n and not story.common(n.removesuffix("'s").removesuffix("’s")) for n in names)


def _introduces(text: str, following: str | None) -> bool:
    """A heading introduces the paragraph or list after it, and shares a word with it."""
    if following is None or not (_paragraph_like(following) or is_list_item(following)):
        return False
    return bool(content_words(text) & content_words(following)) or not text.endswith("?") and is_list_item(following)


def unrelated_lines(lines: list[Line], kept: list[int], story: StoryWords | None, title: str | None) -> dict[int, str]:
    """Short lines that have little to do with the story: related-article links and teasers, a promoted
    headline above the real one, a link at the bottom of the page. In a run of three or more short
    lines, mostly unrelated, the unrelated ones go (a link list; all of it when it is all headlines);
    alone, a headline-shaped line or a question about another topic goes unless it introduces the
    paragraph after it."""
    if story is None:
        return {}
    own = content_words(title or "")
    found: dict[int, str] = {}
    run: list[int] = []

    def close_run(following: str | None) -> None:
        unrelated = [i for i in run if not _related(lines[i].text, story, own)]
        if len(run) >= 3 and len(unrelated) * 2 > len(run) and all(_headline_shaped(lines[i].text) for i in run):
            found.update({i: "related-links" for i in run})
        elif len(run) >= 3 and len(unrelated) * 3 >= 2 * len(run):
            found.update({i: "related-links" for i in unrelated})
        else:
            for i in unrelated:
                text = lines[i].text
                if not (_headline_shaped(text) and not text.endswith("?") or _foreign_question(text, story)):
                    continue
                after = following if i == run[-1] else lines[run[run.index(i) + 1]].text
                if not _introduces(text, after):
                    found[i] = "unrelated-line"
        run.clear()

    for index in kept:
        text = lines[index].text
        if not text:
            continue
        if _short_line(text):
            run.append(index)
        else:
            close_run(text)
    close_run(None)
    return found


_SOURCE_TAIL = re.compile(r"\s\([A-Z][\w.&'’ -]{1,30}\)$")


def linked_headlines(lines: list[Line], kept: list[int]) -> dict[int, str]:
    """Headlines ending in their outlet's name in brackets ('Port reopens after storm (Daily Wire)'), below
    the top of the page and not over a paragraph: links to other articles."""
    found: dict[int, str] = {}
    units = [i for i in kept if lines[i].text]
    for position, index in enumerate(units[3:], start=3):
        text = lines[index].text
        following = lines[units[position + 1]].text if position + 1 < len(units) else None
        tail = _SOURCE_TAIL.search(text)
        if tail and _headline_shaped(text[:tail.start()]) and not (following and _paragraph_like(following)):
            found[index] = "related-links"
    return found


def off_topic_sections(lines: list[Line], kept: list[int], story: StoryWords | None) -> dict[int, str]:
    """The page's last section when its heading (or question line) has none of the story's words and its
    first paragraph, which speaks of what the heading names, few: filler about something else at the
    bottom ('What is X's highest price?'). A heading its paragraph does not speak of is a stray link.
    Only the last section: a news paragraph can share few words with the story too, and filler sits
    below the article."""
    if story is None:
        return {}
    found: dict[int, str] = {}
    position = 0
    units = [i for i in kept if lines[i].text]
    while position < len(units):
        index = units[position]
        text = lines[index].text
        words = content_words(text)
        heading = (text.endswith("?") or _headline_shaped(text)) and word_count(text) <= 14
        if heading and words and not any(story.common(w) for w in words) and position + 1 < len(units) \
                and _paragraph_like(lines[units[position + 1]].text) \
                and story_share(lines[units[position + 1]].text, story) < 0.2 \
                and words & content_words(lines[units[position + 1]].text):  # the paragraph is the heading's
            section = [index]
            position += 1
            while position < len(units) and not _headline_shaped(lines[units[position]].text) \
                    and not lines[units[position]].text.endswith("?"):
                section.append(units[position])
                position += 1
            if position == len(units):
                found.update({i: "off-topic-section" for i in section})
            continue
        position += 1
    return found
