"""Is a sentence a news statement at all? A general test, by shape, that knows no outlet's wording.

Not a statement: the writer talking to the reader (second person, "we"/"our", or an imperative
opening: "Discover ...", "Subscribe ...") outside quotation marks; a line in title case (a
heading, a credit, a link list: mostly capitalised words, and no lower-case word but function
words, so a sentence full of names that has a lower-case verb or noun stays a statement); a line
holding identifier-like tokens (tickers, codes, handles, addresses); a picture credit. A quote
keeps its "I" and "you": "'We will appeal,' the company said" is an attributed claim, and "US"
is a country, not "us". A quote is also what stands after a speaker's name and a colon
("Chen: we will appeal"), and a quotation split over two sentences: the part before a closing
mark with no opening one, or after an opening mark with no closing one.
A statement has a finite verb: a line without one is a noun phrase (a list item cut from its
sentence, a caption, a label), whatever its length (see :func:`has_finite_verb`).
The word lists are data (hedges.COMMENTARY_WORDS for the first and second person words,
IMPERATIVE_OPENERS below); a site extends both with ``merge_lexicons: {commentary: [...],
imperative_openers: [...]}`` in config.yml (see :func:`statement_rules`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..text import phrase_alternation
from ..text.sentences import lexicon as sentence_lexicon
from .features import STOPWORDS, has_digit
from .hedges import COMMENTARY_WORDS

# Quoted spans: straight or curly double quotes (single quotes are apostrophes too often); possessive, as
# giving back a character can never find the closing quote
_QUOTED = re.compile(r"“[^”]{0,2000}+”|\"[^\"]{0,2000}+\"")
# an address, a handle, a code mixing letters and digits ("J2qvw4", "BTC2"; not "4th" or "5G"), a ticker pair
# (a figure glued to its magnitude, "$1trillion", is a typo for a figure, not a code)
_IDENTIFIER = re.compile(r"https?://|www\.|@\w|\b[A-Za-z]+\d+[A-Za-z\d]*|"
                         r"\b\d+(?!(?:thousand|million|billion|trillion)\b)[A-Za-z]{3,}\b|\b[A-Z]{2,}-[A-Z]{2,}\b")
_CREDIT = re.compile(r"\b(?:photo|image|video|picture)\s*(?:credit|courtesy)?\s*[:/]|\bvia (?:AP|Reuters|Getty)\b|"
                     r"\bGetty Images\b|\bAP Photo\b|\bMandatory Credit\b", re.IGNORECASE)
# a sentence cut off by its page ("... and the town's …"): an ellipsis right after a word, outside quotes;
# what follows the cut is unknown, so it states less than it seems to
_CUT_OFF = re.compile(r"[\w,;:]\s?(?:…|\.\.\.)\s*$")
# a sentence that opens on a pronoun or a demonstrative ("That number is…", "They said…"), on a possessive
# ("Its north span…"), on a phrase pointing back ("At that height…", "Within this sum…", "Since then…",
# "At the time…", "Though these repairs…"), on a document it names as if known ("The report found…")
# or on a time phrase and a pronoun ("Last week it…") leans on the sentence before it,
# which the page does not show; "This week", "That day" name a time and stand alone; so does one
# opening on "the" and a bare noun set off by a dash ("The journalist — who ... —"): whom it means was
# named before
_TIME_WORDS = r"(?:week|weekend|year|month|morning|afternoon|evening|night|day|time|spring|summer|autumn|fall|winter)"
_LEANS_ON_CONTEXT = re.compile(
    # (after a word joining it to the sentence before: "However, their inspection…")
    r"(?:(?:However|But|And|Yet|Still|Meanwhile|Instead|Also|Now),?\s+(?=[a-z]))?"
    r"(?:(?:It|He|She|They|This|That|These|Those|it|he|she|they|this|that|these|those)\b(?!\s+" + _TIME_WORDS + r"\b)"
    r"|(?:Its|His|Her|Their|its|his|her|their)\s)"
    r"|(?:At|In|Within|During|Under|By|For|From|With|Despite|Given|Unlike|Besides|Though|Although|While|As|"
    r"Because|Since|When|If|After|Before)\s+(?:this|that|these|those)\b(?!\s+" + _TIME_WORDS + r"\b)"
    r"|The\s+(?:report|statement|study|survey|filing|document|letter|memo|analysis|post)\s+"
    r"(?:said|says|claimed|claims|found|finds|showed|shows|noted|notes|added|adds|stated|states)\b"
    r"|At\s+the\s+time\b(?!\s+of\b)|Since\s+then\b"
    r"|(?:Last|Earlier|Later|Next)\s+" + _TIME_WORDS + r",?\s+(?:it|he|she|they)\b"
    r"|The\s+[a-z]+\s*[—–]")
# whitespace-separated tokens holding a letter; an attempt starts only at a token's start (the lookbehind),
# so a long token without letters is read once, not once from each of its characters
_LETTERED = re.compile(r"(?<!\S)\S*?[^\W\d_]\S*")
# A sentence opening on one of these verbs addresses the reader (a promotion, an instruction): an
# imperative is second person without the "you"
IMPERATIVE_OPENERS = ("discover", "subscribe", "sign up", "click", "read more", "read our", "watch", "download",
                      "join", "follow us", "get the", "learn more", "explore", "find out", "check out", "don't miss",
                      "stay informed", "stay up", "register", "try", "shop", "buy", "claim your")
TITLE_CASE_SHARE = 0.6  # a line this share of whose words are capitalised is a heading or a credit
MIN_WORDS = 4


# "Name:" or "First Last:" opening a line: what follows is that speaker's words (a live blog's
# paraphrase of a briefing); a lower-case word before the colon makes it a label ("Live updates:")
_SPEAKER = re.compile(r"^(?:[A-Z][\w.'’-]*\s){0,2}[A-Z][\w.'’-]*:\s")
_OPENING_MARKS = "“"
_CLOSING_MARKS = "”"
_MARKS = (_OPENING_MARKS, _CLOSING_MARKS)


def unquoted(text: str) -> str:
    """The text with every quotation cut out (see the module docstring for what is a quotation)."""
    speaker = _SPEAKER.match(text) if ":" in text else None
    if speaker:
        return speaker.group(0)  # the rest is the speaker's
    if '"' not in text and not any(mark in text for mark in _MARKS):
        return text
    text = _QUOTED.sub(" ", text)
    closing, opening = text.find(_CLOSING_MARKS), text.rfind(_OPENING_MARKS)
    if closing >= 0:
        text = text[closing + 1:]  # a quotation that opened in an earlier sentence ends here
    if opening >= 0:
        text = text[:opening]  # ... or one that opens here goes on in the next sentence
    if text.count('"') % 2:  # a straight mark without its pair: closing if it follows a word
        mark = text.index('"')
        text = text[mark + 1:] if mark > 0 and not text[mark - 1].isspace() else text[:mark]
    return text


def title_case(words: list[str]) -> bool:
    """Mostly capitalised, and no lower-case word other than a function word ("of", "the", "in")."""
    capitalised = [w.lstrip("“\"'(")[:1].isupper() for w in words]
    if sum(capitalised) < TITLE_CASE_SHARE * len(words):
        return False
    return all(w.strip(".,;:!?“”\"'()").lower() in STOPWORDS for w, upper in zip(words, capitalised) if not upper)


@dataclass(frozen=True, slots=True)
class StatementRules:
    """The news-statement test compiled for one site's lexicons (see :func:`statement_rules`)."""

    commentary_words: re.Pattern[str]
    imperative: re.Pattern[str]

    def commentary(self, text: str) -> bool:
        """The writer addressing the reader, outside any quotation."""
        return self.commentary_words.search(unquoted(text)) is not None

    def is_statement(self, text: str) -> bool:
        """A sentence that could be a claim: not commentary, not title case, no identifiers or credits, not cut
        off or torn from two pieces, and with a finite verb."""
        words = _LETTERED.findall(text)
        if len(words) < MIN_WORDS or title_case(words) or not has_finite_verb(text):
            return False
        return not (self.imperative.match(text) or self.commentary(text) or has_identifier(text)
                    or _credit(text) or _cut_off(text) or torn(text) or leans_on_context(text))


@lru_cache(maxsize=32)
def statement_rules(extra_commentary: tuple[str, ...] = (), extra_openers: tuple[str, ...] = ()) -> StatementRules:
    """The test with a site's extra commentary words and imperative openers (cached per site)."""
    words = {w.strip().lower() for w in (*COMMENTARY_WORDS, *extra_commentary) if w.strip()}
    # Case-sensitive on purpose: "You" opening a sentence and "you" count, "US" (the country) does not
    forms = {f for w in words if w != "i" for f in (w, w.capitalize())} | ({"I"} if "i" in words else set())
    commentary_words = re.compile(r"\b(?:" + phrase_alternation(sorted(forms, key=lambda f: (-len(f), f))) + r")\b")
    openers = sorted({w.strip().lower() for w in (*IMPERATIVE_OPENERS, *extra_openers) if w.strip()},
                     key=lambda w: (-len(w), w))
    imperative = re.compile(r"^[\W_]*+(?:" + "|".join(re.escape(w) for w in openers) + r")\b", re.IGNORECASE)
    return StatementRules(commentary_words, imperative)


def leans_on_context(text: str) -> bool:
    """The sentence opens on a pronoun or a demonstrative (it says not whom or what it is about), or
    names its speaker by a pronoun ("…,” she told the council)."""
    return _LEANS_ON_CONTEXT.match(text) is not None or (
        ("he " in text or "they " in text) and _PRONOUN_SPEAKER.search(text) is not None) or (
        ("he " in text or "The " in text) and _KNOWN_SPEAKER.search(text) is not None)


# a speaker named as someone the reader already knows ("the official said", "the spokeswoman added"):
# who was named in a sentence before ("a senior official said" introduces one)
_KNOWN_SPEAKER = re.compile(r"\b[Tt]he\s+(?:official|spokesperson|spokesman|spokeswoman|source|billionaire|"
                            r"executive|expert|analyst|lawyer|attorney|man|woman)\s+(?:said|says|told|tells|"
                            r"tweeted|added|adds|wrote|noted|explained|stated)\b")
# a speaker named by a pronoun after a quotation or a clause ("…,” he said", "…, they said"): whose
# words they are was said in a sentence before
_PRONOUN_SPEAKER = re.compile(r"(?:[,”\"]\s*+)(?:he|she|they)\s+(?:said|says|told|tells|added|adds|wrote|noted|"
                              r"explained|stated)\b")


def has_identifier(text: str) -> bool:
    """A token like a code, a handle, an address or a ticker pair (see _IDENTIFIER)."""
    # each of the pattern's branches needs one of these (most sentences hold none: the search, trying
    # every branch at every word, is skipped)
    if not ("-" in text or "@" in text or "://" in text or "www." in text or has_digit(text)):
        return False
    return _IDENTIFIER.search(text) is not None


# Literals every _CREDIT match holds, lower-cased (tested against the lower-cased text only when it is
# ASCII: IGNORECASE also folds a few other letters, "ſ" to "s", onto ASCII ones)
_CREDIT_LITERALS = ("photo", "image", "video", "picture", "via ", "getty", "mandatory credit")


def _credit(text: str) -> bool:
    if text.isascii():
        lowered = text.lower()
        if not any(literal in lowered for literal in _CREDIT_LITERALS):
            return False
    return _CREDIT.search(text) is not None


def torn(text: str) -> bool:
    """A full stop inside the sentence after a word and before a lower-case word ("… near the site
    there. three days later, the mayor said"): two pieces of text joined where one was cut, not a
    sentence (an abbreviation's dot, "vs. the", is not a stop)."""
    if ". " not in text:
        return False
    abbreviations = sentence_lexicon().abbreviations
    return any(m.group(1).lower() not in abbreviations for m in _TORN.finditer(text))


# a lower-case word of two letters or more, its full stop, and a lower-case word: in a sentence the
# splitter kept whole (a stop before a lower-case word does not end one), a join
_TORN = re.compile(r"(?<![\w.'’-])([a-z]{2,}+)\. ++(?=[a-z])")


def _cut_off(text: str) -> bool:
    return ("…" in text or "..." in text) and _CUT_OFF.search(text) is not None


def commentary(text: str) -> bool:
    """:meth:`StatementRules.commentary` with the default lexicons."""
    return statement_rules().commentary(text)


def is_statement(text: str) -> bool:
    """:meth:`StatementRules.is_statement` with the default lexicons."""
    return statement_rules().is_statement(text)


# Word shapes read by has_finite_verb besides the lexicon (sitegen/data/finite_verbs.txt)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_LOWER_WORD = re.compile(r"[a-z]+")  # (the lexicon's words: matched in the lower-cased text)
# a verb is followed by more of its clause ("joins the club"); "FTX customers:" ends a label
_WORD_FOLLOWS = re.compile(r"(?<![ ,])[ ,]++[\w$“\"'‘]")  # (an attempt starts only where a run of gaps does)
_DETERMINERS = frozenset("a an the its his her their our my your this that these those".split())
_NOT_PAST = frozenset("hundred need speed seed breed bleed indeed shed feed deed greed creed steed".split())
_NOT_THIRD_PERSON = frozenset("his its this was has does as yes thus plus less whereas perhaps always news".split())
_SUBJECTS = frozenset("he she it who which that there".split())
# an adjective's endings: "criminal cases", "massive fires" are nouns, not a subject and its verb
_ADJECTIVE_ENDINGS = ("al", "ive", "ous", "ful", "ic", "able", "ible", "ary", "less", "ish", "ian", "ing", "ed",
                      "est", "ior")
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten dozen hundred thousand million "
                          "billion trillion".split())
# a regular past form ("officials warned"; after a determiner, "the affected area", it is no verb)
_PAST_FORM = re.compile(r"(?<![\w'’-])[a-z]{3,}ed(?![\w'’-])")
_CONTRACTION = re.compile(r"n['’]t\b|\w['’](?:re|ve|ll|d|m)\b|\b(?:[Hh]e|[Ss]he|[Ii]t|[Ww]ho|[Tt]hat|[Tt]here)['’]s\b")
_PLURAL_PRONOUN_VERB = re.compile(r"\b(?:[Tt]hey|[Ww]e|I|[Yy]ou)\s+[a-z]")
_THIRD_PERSON_SHAPE = re.compile(r"[a-z]s\b")  # a lower-case word ending in "s"


def _could_be_subject(token: str, word: str) -> bool:
    """A name, a subject pronoun, or a singular noun ("the mill", "NASA's decision"): a third-person
    form right after it is its verb. A plural, an adjective, a number or a function word is not."""
    if token[:1].isupper() or word in _SUBJECTS:
        return True
    return (token.islower() and not word.endswith(("s", "'s", *_ADJECTIVE_ENDINGS)) and word not in STOPWORDS
            and word not in _NUMBER_WORDS)


@lru_cache(maxsize=1)
def finite_verbs() -> frozenset[str]:
    """The words of sitegen/data/finite_verbs.txt (auxiliaries, modals, common irregular forms)."""
    text = resources.files("sitegen").joinpath("data", "finite_verbs.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.lstrip().startswith("#") for w in line.split())


def has_finite_verb(text: str) -> bool:
    """Whether the text could hold a finite verb: a word of the lexicon, a contraction ("didn't",
    "it's"), a lower-case regular past form not after a determiner ("officials warned", not "the
    affected area"), a third-person form after a name, a pronoun or a singular noun and any
    adverbs ("Nvidia joins", "Chen potentially faces", "the mill shuts"), a plain form right after
    a plural ("shares rise"), or any word after "they"/"we". Generous on purpose: a statement is
    never taken for a fragment because of an unusual verb; what it rejects is the noun phrase
    ("The tail cone, one end of the hull")."""
    verbs = finite_verbs()
    if not verbs.isdisjoint(_LOWER_WORD.findall(text.lower())):
        return True  # (most sentences hold a word of the lexicon: one set lookup per word, no loop)
    for past in _PAST_FORM.finditer(text):
        before = text[max(0, past.start() - 40):past.start()].split()  # (the word before it: a determiner?)
        if past.group(0) not in _NOT_PAST and (before[-1].lower() if before else "") not in _DETERMINERS:
            return True
    if _CONTRACTION.search(text) or _PLURAL_PRONOUN_VERB.search(text):
        return True
    if not _THIRD_PERSON_SHAPE.search(text):
        return False  # (no word the loop below could take for a verb)
    subject_before = False  # the word before could be a verb's subject (see _could_be_subject)
    plural_before = False  # the word before is a plural noun, right before this one
    for match in _WORD.finditer(text):
        token = match.group(0)
        word = token.lower().replace("’", "'")
        if "'" not in word and token.islower() and "-" not in word:
            if (subject_before and word.endswith("s") and len(word) >= 3 and not word.endswith(("ss", "us", "is"))
                    and word not in _NOT_THIRD_PERSON and _WORD_FOLLOWS.match(text, match.end())):
                return True
            if plural_before and word not in STOPWORDS and not word.endswith(_ADJECTIVE_ENDINGS):
                return True  # "shares rise", "officials expect"
        plural_before = (token.islower() and word.endswith("s") and not word.endswith(("ss", "us", "is"))
                         and word not in STOPWORDS and text.startswith(" ", match.end()))
        if not (subject_before and token.islower() and word.endswith("ly")):  # (an adverb keeps the subject)
            subject_before = _could_be_subject(token, word)
    return False
