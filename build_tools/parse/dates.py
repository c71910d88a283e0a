"""Reading dates out of text, at the precision the text gives.

A *date line* is a short line that holds one calendar date and nothing else but an optional label
("Updated", "Published on:"), a weekday and a time of day: ``Updated 13 November 2025``,
``Mon, 18 Nov 2024``, ``Updated On: 3 March 2025 10:15 PKT``, ``Sep. 15, 2025``, ``2025-09-15``,
``November 2025``. A regular expression decides the *shape* (so a sentence that merely mentions a date
is not a date line); python-dateutil then reads the parts. Parts the text does not write are never
invented: ``November 2025`` is a month-precision date, a bare ``2025`` only counts when labelled
("Published 2025"), and relative dates ("10 months ago", "yesterday") give no date at all. Urdu month
names and digits are read too (``13 نومبر ، 2025``).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from dateutil import parser as dateutil_parser

from build_tools.model.dates import PartialDate

# A date line is short; anything longer is prose that happens to contain a date.
MAX_DATE_LINE = 80

# Month and weekday names, full or abbreviated (patterns for re.IGNORECASE; the page-dump parser's
# datelines use them too).
MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY_NAME = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_SEP = r"[\s,/\-]+"

_LABEL = re.compile(
    r"^(?:(?:last|first)\s+)?(?:updated|published|posted|modified|released|dated|date|on)\b"
    r"(?:\s+on\b)?\s*[:|\-–—]?\s*",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(rf"^{WEEKDAY_NAME}\.?,?\s+", re.IGNORECASE)
_THE_DAY = re.compile(r"^the\s+(?=\d)", re.IGNORECASE)  # official letters: "the 13th November, 2025"
_TIME_SUFFIX = re.compile(
    r"(?:[\s,|@\-–—]+(?:at\s+)?|T)\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:\s*[aApP]\.?[mM]\.?)?"
    r"(?:\s*\(?(?:[A-Z]{2,5}|Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?)\)?)?$"
)

# Each shape: (pattern, dayfirst, yearfirst). Matched against the whole remaining text.
_SHAPES: list[tuple[re.Pattern[str], bool, bool]] = [
    (re.compile(rf"{_DAY}{_SEP}(?:of\s+)?{MONTH_NAME}{_SEP}{_YEAR}", re.I), True, False),
    (re.compile(rf"{MONTH_NAME}{_SEP}{_DAY}{_SEP}{_YEAR}", re.I), False, False),
    (re.compile(rf"{MONTH_NAME}{_SEP}{_YEAR}", re.I), False, False),
    (re.compile(rf"{_YEAR}([-/.])\d{{1,2}}\1\d{{1,2}}"), False, True),
    (re.compile(rf"\d{{1,2}}([-/.])\d{{1,2}}\1{_YEAR}"), True, False),
    (re.compile(rf"{_YEAR}-\d{{1,2}}"), False, True),
]
_BARE_YEAR = re.compile(_YEAR)

_RELATIVE = re.compile(
    r"^(?:(?:updated|published|posted)\s*:?\s*)?"
    r"(?:(?:about|around|over|almost|nearly)\s+)?"
    r"(?:(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|few|several)\s+"
    r"(?:secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago"
    r"|today|yesterday|just\s+now|moments?\s+ago)"
    r"(?:\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?\.?$",
    re.IGNORECASE,
)

# Urdu month names (as Pakistani outlets print them), Urdu digits and the Arabic comma, read as their
# English equivalents: "13 نومبر ، 2025" is 13 November 2025.
_URDU_MONTHS = {
    "جنوری": "January", "فروری": "February", "مارچ": "March", "اپریل": "April", "مئی": "May", "جون": "June",
    "جولائی": "July", "اگست": "August", "ستمبر": "September", "اکتوبر": "October", "نومبر": "November",
    "دسمبر": "December",
}
_URDU_MONTH = re.compile("|".join(_URDU_MONTHS))
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_URDU_CHARACTERS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩،", "01234567890123456789,")

# Two different defaults: a part that comes out different was not written in the text.
_DEFAULT_A = dt.datetime(2001, 1, 1)
_DEFAULT_B = dt.datetime(2002, 2, 2)


def parse_date_text(text: str) -> PartialDate | None:
    """The date a date line gives, at its precision, or ``None`` if the text is not a date line.

    Relative dates ("10 months ago") and impossible dates ("Feb 30, 2025") give ``None``.
    """
    labelled, core = _split_label(_in_latin_script(text))
    if core is None:
        return None
    if _BARE_YEAR.fullmatch(core):
        return PartialDate(int(core)) if labelled else None
    for shape, dayfirst, yearfirst in _SHAPES:
        if shape.fullmatch(core):
            return _read_with_dateutil(core, dayfirst, yearfirst)
    return None


_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(?:19|20)\d{2}(?!\d)")


def writes_month_first(text: str) -> bool:
    """True when ``text`` (a whole page) writes its numeric dates month first: one of them can only be read
    so (``05/28/2025``) and none can only be read day first (``28/05/2025``). Then ``06/10/2025`` on the
    same page is 10 June; without such evidence it is read day first, as Pakistani outlets write it."""
    month_first = day_first = False
    for match in _NUMERIC_DATE.finditer(text):
        first, second = int(match.group(1)), int(match.group(3))
        month_first = month_first or (1 <= first <= 12 < second <= 31)
        day_first = day_first or (1 <= second <= 12 < first <= 31)
    return month_first and not day_first


def reads_both_ways(date: PartialDate, written: str) -> bool:
    """Whether ``date`` was read day first from a numeric date in ``written`` that can be read both ways
    (``06/10/2025``)."""
    match = _NUMERIC_DATE.search(written)
    if match is None or date.day is None or date.month is None or date.day > 12:
        return False
    return (int(match.group(1)), int(match.group(3))) == (date.day, date.month)  # not read from other words


def read_month_first(date: PartialDate, written: str) -> PartialDate:
    """``date``, read from ``written`` day first, as the month-first reading of the same numbers when
    ``written`` is a numeric date that can be read both ways (``06/10/2025``); else ``date`` unchanged."""
    if not reads_both_ways(date, written):
        return date
    assert date.day is not None and date.month is not None
    try:
        return PartialDate(date.year, date.day, date.month)
    except ValueError:
        return date


def _in_latin_script(text: str) -> str:
    if _ARABIC_SCRIPT.search(text) is None:
        return text
    return _URDU_MONTH.sub(lambda match: _URDU_MONTHS[match.group(0)], text).translate(_URDU_CHARACTERS)


def has_date_label(text: str) -> bool:
    """True for "Published ...", "Updated On: ..." and the like: the page says this is its date.
    (A plain "On 3 March 2025" is read as a date but is not a label.)"""
    stripped = text.strip()
    return bool(_LABEL.match(stripped)) and not stripped.casefold().startswith("on ")


def is_relative_date(text: str) -> bool:
    """True for "10 months ago", "Updated 2 hours ago", "yesterday": a date we cannot pin down."""
    stripped = text.strip()
    return len(stripped) <= MAX_DATE_LINE and bool(_RELATIVE.match(stripped))


def find_date_lines(lines: Iterable[str]) -> list[tuple[int, PartialDate]]:
    """``(index, date)`` for every line of ``lines`` that is a date line."""
    found: list[tuple[int, PartialDate]] = []
    for index, line in enumerate(lines):
        date = parse_date_text(line)
        if date is not None:
            found.append((index, date))
    return found


def _split_label(text: str) -> tuple[bool, str | None]:
    """``(labelled, core)``: the text without label, weekday and time; ``None`` if it is too long."""
    core = text.strip()
    if not core or len(core) > MAX_DATE_LINE:
        return False, None
    label = _LABEL.match(core)
    labelled = label is not None and label.end() < len(core)
    if label is not None and labelled:
        core = core[label.end():]
    core = _WEEKDAY.sub("", core, count=1)
    core = _THE_DAY.sub("", core, count=1)
    core = _TIME_SUFFIX.sub("", core, count=1)
    return labelled, core.strip(" ,.|-–—")


def _read_with_dateutil(core: str, dayfirst: bool, yearfirst: bool) -> PartialDate | None:
    try:
        first = dateutil_parser.parse(core, default=_DEFAULT_A, dayfirst=dayfirst, yearfirst=yearfirst)
        second = dateutil_parser.parse(core, default=_DEFAULT_B, dayfirst=dayfirst, yearfirst=yearfirst)
    except (ValueError, OverflowError, TypeError):
        return None  # e.g. "Feb 30, 2025": day is out of range for month
    if first.year != second.year:
        return None
    month = first.month if first.month == second.month else None
    day = first.day if month is not None and first.day == second.day else None
    try:
        return PartialDate(first.year, month, day)
    except ValueError:
        return None
