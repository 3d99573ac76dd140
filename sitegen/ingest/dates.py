"""Publication dates in the formats real pages print them, with their time zone when given.

"03 Jul 2026 · 07:40 UTC", "2026/07/03 21:30", "July 3, 2026 at 12:32 PM", "2026-07-03T07:40:00Z",
"Fri 3 July 2026 14:05 BST", "3.7.2026". A date without a zone stays naive: the content loader
applies the site's configured time zone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MONTHS = {name: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}
# Glued text such as "Jane DoeJuly 3, 2026" has no word boundary before the month.
_START = r"(?:(?<=[a-z])|\b)"
_DATE = (rf"(?P<dmy>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmy_m>{_MONTH}),?\s+(?P<dmy_y>\d{{4}})"
         rf"|(?P<mdy_m>{_MONTH})\s+(?P<mdy>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{{4}})"
         r"|(?P<ymd_y>\d{4})[-/.](?P<ymd_m>\d{1,2})[-/.](?P<ymd>\d{1,2})"
         r"|(?P<num_a>\d{1,2})[./](?P<num_b>\d{1,2})[./](?P<num_y>\d{4})")
_TIME = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?(?:\s*(?P<ampm>[AaPp])\.?\s?[Mm]\.?)?"
_ZONE = (r"(?P<zone>Z|[+-]\d{2}:?\d{2}|(?:UTC|GMT)\s?[+-]\s?\d{1,2}(?::?\d{2})?|UTC|GMT|EST|EDT|ET|CET|CEST|BST|PST|PDT"
         r"|PT|MSK|IST|JST|KST|HKT|SGT|AEST|AEDT|WIB)")
DATE_PATTERN = re.compile(
    rf"{_START}(?:{_DATE})(?:(?:T|\s*(?:[·•|,@–—/-]|\bat\b)?\s*){_TIME})?(?:\s*{_ZONE}\b)?")

_ZONES: dict[str, tzinfo] = {
    "Z": timezone.utc, "UTC": timezone.utc, "GMT": timezone.utc, "EST": timezone(timedelta(hours=-5)),
    "EDT": timezone(timedelta(hours=-4)), "PST": timezone(timedelta(hours=-8)), "PDT": timezone(timedelta(hours=-7)),
    "CET": timezone(timedelta(hours=1)), "CEST": timezone(timedelta(hours=2)), "BST": timezone(timedelta(hours=1)),
    "MSK": timezone(timedelta(hours=3)), "IST": timezone(timedelta(hours=5, minutes=30)),
    "JST": timezone(timedelta(hours=9)), "KST": timezone(timedelta(hours=9)), "HKT": timezone(timedelta(hours=8)),
    "SGT": timezone(timedelta(hours=8)), "AEST": timezone(timedelta(hours=10)), "AEDT": timezone(timedelta(hours=11)),
    "WIB": timezone(timedelta(hours=7)),
}
_REGION_ZONES = {"ET": "America/New_York", "PT": "America/Los_Angeles"}  # DST depends on the date


# A date a sentence speaks of ('the flood of March 3, 2021') follows one of these; a dateline's date does not.
_LINKING_WORD = re.compile(r"(?i)\b(?:of|in|since|from|until|till|before|after|to|for|and|or)\s{1,3}$")


def spoken_of(before: str) -> bool:
    """Is a date that follows ``before`` part of the sentence (not a dateline)?"""
    return len(before.split()) > 2 and _LINKING_WORD.search(before[-12:]) is not None


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: datetime | date
    start: int
    end: int


# A time printed before its date ('9:40 PM PST, January 5, 2026'): searched only in the few characters before a
# date that has no time after it.
_TIME_BEFORE = re.compile(rf"{_TIME}(?:\s*{_ZONE}\b)?\s{{0,2}}[,·|]?\s{{0,2}}$")
_TIME_BEFORE_SPAN = 30


def find_date(text: str) -> FoundDate | None:
    """The first plausible date (with time and zone when printed, after the date or just before it) in ``text``."""
    for match in DATE_PATTERN.finditer(text):
        value = _build(match)
        if value is None:
            continue
        start = match.start()
        if not isinstance(value, datetime):
            before = _TIME_BEFORE.search(text, max(0, start - _TIME_BEFORE_SPAN), start)
            if before is not None and (moment := _at_time(value, before)) is not None:
                value, start = moment, before.start()
        return FoundDate(value, start, match.end())
    return None


def _at_time(day: date, time: re.Match[str]) -> datetime | None:
    """``day`` at the clock time (and zone) ``time`` matched."""
    hour, minute = int(time.group("h")), int(time.group("mi"))
    ampm = (time.group("ampm") or "").lower()
    hour += 12 if ampm == "p" and hour < 12 else -12 if ampm == "a" and hour == 12 else 0
    if hour > 23 or minute > 59:
        return None
    moment = datetime(day.year, day.month, day.day, hour, minute, int(time.group("s") or 0))
    zone = _zone(time.group("zone"), moment)
    return moment.replace(tzinfo=zone) if zone else moment


def _build(match: re.Match[str]) -> datetime | date | None:
    day_month_year = _day_month_year(match)
    if day_month_year is None:
        return None
    day, month, year = day_month_year
    if not 1990 <= year <= 2100:
        return None
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    if match.group("h") is None:
        return day_value
    return _at_time(day_value, match) or day_value


def _day_month_year(match: re.Match[str]) -> tuple[int, int, int] | None:
    if match.group("dmy"):
        return int(match.group("dmy")), _month(match.group("dmy_m")), int(match.group("dmy_y"))
    if match.group("mdy"):
        return int(match.group("mdy")), _month(match.group("mdy_m")), int(match.group("mdy_y"))
    if match.group("ymd"):
        return int(match.group("ymd")), int(match.group("ymd_m")), int(match.group("ymd_y"))
    first, second, year = int(match.group("num_a")), int(match.group("num_b")), int(match.group("num_y"))
    # Day first unless that is impossible: most pages printing 3.7.2026 or 03/07/2026 are not American.
    if second > 12 >= first:
        return second, first, year
    return first, second, year


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _zone(name: str | None, moment: datetime) -> tzinfo | None:
    if not name:
        return None
    name = name.replace(" ", "")
    if name in _ZONES:
        return _ZONES[name]
    if name in _REGION_ZONES:
        return ZoneInfo(_REGION_ZONES[name])
    offset = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", name)
    if offset:
        sign = -1 if offset.group(1) == "-" else 1
        delta = timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3) or 0))
        return timezone(sign * delta)
    return None


def parse_iso(value: str) -> datetime | date | None:
    """An ISO-ish string from HTML metadata ('2026-07-04T09:15:00+0200', '2026-07-04')."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    value = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", value.replace("Z", "+00:00"))
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        found = find_date(value)
        return found.value if found else None
