"""Key figures in running text: money amounts, percentages, counts and quantities, normalised.

``find_figures(text)`` returns every figure a reader would put on a "key figures" page:
``"$1.2 billion"`` -> 1.2e9 USD, ``"8–10 percent"`` -> 8.0..10.0 percent,
``"Rs. 60 trillion"`` -> 6e13 PKR, ``"500,000 Chromebooks"`` -> 500000 count of "Chromebooks".

Unit vocabulary (closed; ``UNIT_KINDS`` maps each unit to its kind):

- amount:     ``USD`` (``$``, ``US$``, ``USD``, "dollars"; a bare ``$`` is read as US dollars),
              ``PKR`` (``Rs``, ``Rs.``, ``PKR``, "rupees"), ``EUR`` (``€``), ``GBP`` (``£``)
- percentage: ``percent`` (``%``, "percent", "per cent"), ``percentage points``
- quantity:   ``MW``, ``GW``, ``Mbps``, ``Gbps``, ``Tbps``, ``hours``, ``days``, ``weeks``,
              ``months``, ``years`` (``"37-month"`` and ``"14 years"`` are durations)
- count:      ``people`` (when the counted noun is people, citizens, professionals...), else ``count``

Scales: hundred, thousand, k, lakh/lac (1e5), crore (1e7), lakh crore (1e12), million/mn/m, billion/bn,
trillion; a full scale word may follow a hyphen ("$1.2-billion").
Numbers written as words (``a``, ``one`` .. ``twelve``, ``half a``) count only before a scale word:
"seven million", "a million", "half a billion".

Not figures: years (a bare four-digit number from 1800 to 2199), dates, fiscal-year labels (FY26),
ordinals (24th), list and section numbers ("1.", "Top 7", "Section 3", "sections 20 and 37", "37(1)"),
versions ("Web 3.0"), slash forms ("24/7"), names glued to digits
(5G, Web3, Fortune500, COVID-19), clock times, vague amounts ("tens of millions"), bare ranges
("2024–25"), durations in the past tense ("10 months ago"), numbers with a leading zero, and bare
numbers under 1,000 unless a lower-case noun follows ("12 companies" is a count, "Alpha 3 Cubic"
is not).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal

from build_tools.model.forms import FIGURE_UNIT_KINDS

UNIT_KINDS: dict[str, str] = FIGURE_UNIT_KINDS

# Words written after a number, lower-cased, mapped to their unit.
_UNIT_WORDS: dict[str, str] = {
    "percent": "percent",
    "per cent": "percent",
    "percentage point": "percentage points",
    "percentage points": "percentage points",
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "usd": "USD",
    "rupee": "PKR",
    "rupees": "PKR",
    "pkr": "PKR",
    "megawatt": "MW",
    "megawatts": "MW",
    "mw": "MW",
    "gigawatt": "GW",
    "gigawatts": "GW",
    "gw": "GW",
    "mbps": "Mbps",
    "gbps": "Gbps",
    "tbps": "Tbps",
    "hour": "hours",
    "hours": "hours",
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
}

_SCALES: dict[str, int] = {
    "hundred": 10**2,
    "thousand": 10**3,
    "k": 10**3,
    "lakh": 10**5,
    "lakhs": 10**5,
    "lac": 10**5,
    "lacs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
    "lakh crore": 10**12,  # South Asian usage: a hundred thousand crore
    "lac crore": 10**12,
    "million": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}
_ABBREVIATED_SCALES = ("bn", "mn", "m", "k")

_WORD_NUMBERS: dict[str, Decimal] = {
    word: Decimal(n)
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
    if n
} | {"a": Decimal(1), "half a": Decimal("0.5")}

_PEOPLE = frozenset(
    "people persons individuals citizens residents workers professionals freelancers "
    "students children women men youths graduates employees households families".split()
)
# Words that end a noun phrase following a figure ("500,000 Chromebooks annually by 2026").
_STOP = frozenset(
    "a an the of in on at by for to from with and or but nor while as than per each via "
    "annually yearly monthly daily this that these those which who whose it its their his her "
    "our we they he she is are was were be been being has have had will would could should can "
    "may might must ago since until after before during under over into across through so if "
    "when where then also not now already just only more less despite against among between "
    "including within without toward towards upon amid like following except".split()
)
_CLOCK_WORDS = frozenset({"am", "pm", "p", "o'clock", "hrs", "gmt", "pkt"})
# A bare number after one of these words names a provision of a law or a part of a document
# ("Section 37", "Article 19", "No. 12"): neither a figure nor a number the briefing check asks a
# source to state.
PROVISION_WORDS = frozenset(
    "section sections article articles clause clauses chapter chapters part parts rule rules schedule "
    "item items no nos number page pages para paragraph paragraphs annex annexure appendix figure table "
    "act ordinance regulation regulations phase version sro sros".split()
)
# A bare number after one of these words is a reference, not a figure ("Section 3", "Top 7"); the
# briefing check still asks a source for a rank or a level ("top 10", "tier 2").
_REFERENCE_WORDS = PROVISION_WORDS | frozenset("top step stage grade level class tier round pillar point vision".split())

_SP = "[ \u00a0]"
_NUM = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first, any run of spaces allowed inside."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", f"{_SP}+") for w in ordered)


_FULL_SCALES = [w for w in _SCALES if w not in _ABBREVIATED_SCALES]
_CURRENCY = rf"(?P<cur>US{_SP}?\$|\$|USD{_SP}?|PKR{_SP}?|Rs\.?{_SP}?|€|£)"
_DIGIT_FIGURE = (
    rf"{_CURRENCY}?(?P<num>{_NUM})"
    rf"(?:{_SP}?[-–—]{_SP}?(?P<num2>{_NUM}))?"
    rf"(?:(?:{_SP}|-)?(?P<scale>{_alternation(_FULL_SCALES)})(?!\w)"  # "$1.2 billion", "$1.2-billion"
    rf"|(?P<abbr>{_alternation(_ABBREVIATED_SCALES)})(?!\w))?"
)
_WORD_FIGURE = (
    rf"(?P<wnum>{_alternation(_WORD_NUMBERS)}){_SP}+(?P<wscale>{_alternation(_FULL_SCALES)})(?!\w)"
)
_UNIT = rf"(?:(?:{_SP}|-)?(?P<unit>{_alternation(_UNIT_WORDS)})(?!\w)|{_SP}?(?P<pct>%))?"

#: The figure pattern, shared with ``numbers.py`` (which embeds it in a larger alternation).
FIGURE_PATTERN = (
    r"(?<![\w@#/=.,:$£€–—-])"  # not glued to a word, handle, path, or another number
    rf"(?:{_DIGIT_FIGURE}|{_WORD_FIGURE}){_UNIT}"
    r"(?![\w%$]|[.,:][0-9])"  # not followed by letters (5G, 24th) or more digits (3.5.2, 10:30)
)
FIGURE_FLAGS = re.IGNORECASE
_FIGURE_RE = re.compile(FIGURE_PATTERN, FIGURE_FLAGS)
_QUALIFIER_RE = re.compile(
    r"(?:more than|less than|fewer than|up to|at least|at most|close to|an estimated|estimated"
    r"|over|under|above|below|nearly|almost|about|around|approximately|roughly|some|circa)"
    rf"{_SP}+$",
    re.IGNORECASE,
)
_NEXT_WORD_RE = re.compile(rf"{_SP}([A-Za-z][\w'’-]*)")
_PREVIOUS_WORD_RE = re.compile(rf"((?:[A-Za-z]+\.)*[A-Za-z]+)\.?{_SP}+$")
# A government notification's number, its series and year after it: "S.R.O. 1234(I)/2024"
_SERIES_AND_YEAR_RE = re.compile(r"\([A-Za-z]{1,4}\)/[0-9]")
# What may stand between a reference word and a later number of the same list: "sections 20, 21 and ",
# "Article 19(1) or ", "rules 3 to ".
_EARLIER_REFERENCES_RE = re.compile(
    rf"(?:[0-9]+[A-Za-z]?(?:\([0-9A-Za-z]+\))*(?:{_SP}*,{_SP}*|{_SP}+(?:and|or|to|&){_SP}+|{_SP}*[-–]{_SP}*))*$",
    re.IGNORECASE,
)
_DECIMAL = Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])


@dataclass(frozen=True)
class Reading:
    """What one regex match says, before deciding whether it is a figure."""

    value: float
    high: float | None
    unit: str | None  # explicit unit (currency, %, MW, months...); None when the number is bare
    unit_word: str  # the unit as written ("megawatts", "month", "%"), "" if none
    scaled: bool  # a scale word followed ("million", "bn", "crore")
    digits: str  # the first number as written ("2,000"); "" for numbers written as words


@dataclass(frozen=True)
class FigureMention:
    """One figure in a text, normalised. ``qualifier`` keeps a hedge such as "over" or "nearly"."""

    value: float
    high: float | None
    unit: str
    kind: str
    text: str
    start: int
    end: int
    context: str
    qualifier: str = ""


def _scaled(number: str, multiplier: int) -> float:
    return float(_DECIMAL.multiply(Decimal(number.replace(",", "")), Decimal(multiplier)))


def _currency(prefix: str) -> str:
    p = prefix.upper()
    if "$" in p or p.startswith("USD"):
        return "USD"
    if p.startswith(("RS", "PKR")):
        return "PKR"
    return "EUR" if "€" in p else "GBP"


def _explicit_unit(m: re.Match[str]) -> tuple[str | None, str]:
    """The unit a match states (prefix first), and the unit word as written."""
    if m.group("pct"):
        return "percent", "%"
    word = m.group("unit") or ""
    if m.group("cur"):
        return _currency(m.group("cur")), word
    if word:
        return _UNIT_WORDS[" ".join(word.lower().split())], word
    return None, ""


def read_match(m: re.Match[str]) -> Reading:
    """Normalise one match of ``FIGURE_PATTERN`` (also when embedded in a larger pattern)."""
    unit, unit_word = _explicit_unit(m)
    if m.group("wnum"):
        base = _WORD_NUMBERS[" ".join(m.group("wnum").lower().split())]
        value = float(_DECIMAL.multiply(base, Decimal(_SCALES[m.group("wscale").lower()])))
        return Reading(value, None, unit, unit_word, True, "")
    scale_word = m.group("scale") or m.group("abbr")
    multiplier = _SCALES[scale_word.lower()] if scale_word else 1
    high = _scaled(m.group("num2"), multiplier) if m.group("num2") else None
    value = _scaled(m.group("num"), multiplier)
    return Reading(value, high, unit, unit_word, bool(scale_word), m.group("num"))


def is_year(reading: Reading) -> bool:
    """A bare four-digit number from 1800 to 2199 reads as a year."""
    d = reading.digits
    return (
        reading.unit is None
        and not reading.scaled
        and reading.high is None
        and len(d) == 4
        and d.isdigit()
        and 1800 <= int(d) <= 2199
    )


def _next_words(text: str, pos: int, limit: int = 4) -> list[str]:
    """Up to ``limit`` words after ``pos``, stopping at punctuation or a function word."""
    words: list[str] = []
    while len(words) < limit:
        m = _NEXT_WORD_RE.match(text, pos)
        if not m or m.group(1).lower() in _STOP:
            break
        words.append(m.group(1).rstrip("'’-"))
        pos = m.end()
    return words


def _previous_word_as_written(text: str, pos: int) -> str:
    m = _PREVIOUS_WORD_RE.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else ""


def _previous_word(text: str, pos: int) -> str:
    """The word before ``pos``, lower-case, an abbreviation's dots left out ("S.R.O. 123" -> "sro")."""
    return _previous_word_as_written(text, pos).lower().replace(".", "")


def follows_word_of(text: str, start: int, words: frozenset[str]) -> bool:
    """Whether the number at ``start`` follows one of ``words`` (lower-case), directly ("Section 37") or
    later in a list of such numbers ("sections 20, 21 and 37", "Article 19(1) or 25"). Callers ask only
    for numbers under 1,000 written without separators: "Section 3, 500,000 people" counts people."""
    window = text[max(0, start - 80):start]
    between = _EARLIER_REFERENCES_RE.search(window)
    return _previous_word(window, between.start() if between else len(window)) in words


def is_label_number(text: str, m: re.Match[str], reading: Reading) -> bool:
    """Whether a bare number (no unit, no scale, not a range or a year) names something instead of
    stating a figure: a provision ("Section 37", "sections 20 and 37", "No. 12"), a subsection glued to
    what it divides ("37(1)"), a notification's number ("S.R.O. 1234(I)/2024"), a version after a name
    ("Web 3.0", "Industry 4.0"), or one side of a slash form ("24/7", "9/11", "15/09/2025")."""
    if reading.unit or reading.scaled or reading.high is not None or not reading.digits or is_year(reading):
        return False
    start, end = m.start(), m.end()
    if text.startswith("/", end) and text[end + 1:end + 2].isdigit():
        return True
    if start > 1 and text[start - 1] == "(" and text[start - 2].isalnum() and text.startswith(")", end):
        return True
    if _SERIES_AND_YEAR_RE.match(text, end):
        return True
    if reading.digits.endswith(".0") and _previous_word_as_written(text, start)[:1].isupper():
        return True
    return reading.value < 1000 and "," not in reading.digits and follows_word_of(text, start, PROVISION_WORDS)


def _is_count(text: str, m: re.Match[str], reading: Reading) -> bool:
    """Whether a bare number (no unit, no scale) is a count of something."""
    d = reading.digits
    if reading.high is not None or "." in d or (d.startswith("0") and len(d) > 1):
        return False
    if is_year(reading) or _previous_word(text, m.start()) in _REFERENCE_WORDS:
        return False
    if reading.value >= 1000:
        return True
    if follows_word_of(text, m.start(), _REFERENCE_WORDS):  # later in a list: "sections 20 and 37"
        return False
    nxt = _NEXT_WORD_RE.match(text, m.end())
    word = nxt.group(1) if nxt else ""
    return word.islower() and word not in _STOP and word not in _CLOCK_WORDS


def _is_relative_time(text: str, end: int) -> bool:
    nxt = _NEXT_WORD_RE.match(text, end)
    return nxt is not None and nxt.group(1).lower() == "ago"


def _is_figure(text: str, m: re.Match[str], reading: Reading) -> bool:
    if reading.unit in ("hours", "days", "weeks", "months", "years"):
        return not _is_relative_time(text, m.end())
    if reading.unit or reading.scaled:
        return True
    return _is_count(text, m, reading)


def _context(text: str, end: int, kind: str, reading: Reading) -> str:
    if kind == "quantity":
        return reading.unit_word.lstrip("-")
    if kind == "percentage":
        nxt = _NEXT_WORD_RE.match(text, end)
        if not nxt or nxt.group(1).lower() != "of":
            return ""
        rest = _next_words(text, nxt.end())
        return " ".join(["of", *rest]) if rest else ""
    return " ".join(_next_words(text, end))


def _qualifier(text: str, start: int) -> str:
    m = _QUALIFIER_RE.search(text, max(0, start - 20), start)
    return " ".join(m.group(0).split()) if m else ""


def _mention(text: str, m: re.Match[str], reading: Reading) -> FigureMention:
    unit = reading.unit or "count"
    context = _context(text, m.end(), UNIT_KINDS[unit], reading)
    if unit == "count" and context and context.split()[-1].lower() in _PEOPLE:
        unit = "people"
    return FigureMention(
        value=reading.value,
        high=reading.high,
        unit=unit,
        kind=UNIT_KINDS[unit],
        text=m.group(0),
        start=m.start(),
        end=m.end(),
        context=context,
        qualifier=_qualifier(text, m.start()),
    )


def find_figures(text: str) -> list[FigureMention]:
    """Every amount, percentage, count and quantity in ``text``, in order of appearance."""
    mentions: list[FigureMention] = []
    for m in _FIGURE_RE.finditer(text):
        reading = read_match(m)
        if _is_figure(text, m, reading):
            mentions.append(_mention(text, m, reading))
    return mentions
