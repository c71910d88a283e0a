"""Number provenance: every number in a briefing paragraph must appear in the paragraphs it cites.

``numbers_in(text)`` finds the numbers a reader takes as facts in a Markdown paragraph: amounts,
percentages, counts, quantities, years, year ranges ("2024–25"), fiscal years ("FY26"), dates
("13 November 2025" is one token), digit ordinals ("24th") and numbers written as words ("seven",
"seven million"). It skips citation markup (``[@src:3-4, 7; @other:2]``), link targets
(``](...)``), URLs, HTML tags, inline and fenced code, footnote markers (``[^1]``), reference
numbers (``[3]``), ordered-list markers (``1.`` at the start of a line), numbers glued to words
(5G, Web3, COVID-19), clock times ("10:30"), ordinals or "one" written as words, and numbers that
name rather than state (``figures.is_label_number``): provisions ("Section 37", "Article 19(1)",
"sections 20 and 37", "No. 12"), versions ("Web 3.0") and slash forms ("24/7", "15/09/2025"). A rank
or level ("top 10", "tier 2") is still read.

``unsupported_numbers(briefing, cited)`` returns the briefing's tokens that no cited text states.
Equal means the same normalised value and the same upper end for ranges: "$1.2 billion" = "1.2
billion dollars" = "$1.2bn"; "72%" = "72 percent"; "500,000" = "500000"; "seven million" =
"7 million". Hedges ("about", "over") do not matter; there is no rounding. Units must agree when
both sides state one ("$5 billion" is not "Rs 5 billion"); a bare number agrees with any unit.
A year is supported by the same year, by either end of a year range or by a date in that year;
a date by a date that agrees on every part it gives ("November 2025" by "13 November 2025").
A number the briefing derives (a sum, a difference) is flagged: cite a paragraph that states it.

Token units: those of ``figures.UNIT_KINDS`` that the text states (never "count" or "people"),
plus ``"year"``, ``"fiscal year"`` (value = the year it ends: FY26, FY2025-26 -> 2026),
``"date"`` (value = year * 10000 + month * 100 + day, unknown parts 0), ``"ordinal"``, or None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from build_tools.index.figures import FIGURE_FLAGS, FIGURE_PATTERN, is_label_number, is_year, read_match

_SP = "[ \u00a0]"
_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(?-i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")(?!\w)\.?"
_YEAR = r"(?:1[89]|2[01])[0-9]{2}(?![0-9])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])(?:st|nd|rd|th)?"
_DATE_FORMS = [
    rf"(?P<d1>{_DAY}){_SP}+(?:of{_SP}+)?(?P<m1>{_MONTH}),?{_SP}+(?P<y1>{_YEAR})",
    rf"(?P<m2>{_MONTH}){_SP}+(?P<d2>{_DAY}),?{_SP}+(?P<y2>{_YEAR})",
    rf"(?P<m3>{_MONTH}),?{_SP}+(?P<y3>{_YEAR})",
    rf"(?P<d4>{_DAY}){_SP}+(?:of{_SP}+)?(?P<m4>{_MONTH})",
    rf"(?P<m5>{_MONTH}){_SP}+(?P<d5>{_DAY})",
    rf"(?P<y6>{_YEAR})-(?P<m6>0[1-9]|1[0-2])-(?P<d6>3[01]|[12][0-9]|0[1-9])",
]
_SKIP_FORMS = [
    r"^(?:```|~~~)[^\n]*\n(?:.*\n)*?(?:```|~~~)[ \t]*$",  # fenced code block
    r"`[^`\n]*`",  # inline code
    r"\[@[^\[\]\n]*\]",  # citation markup [@src:3-4, 7; @other:2] (not link text such as [P@SHA's 12%])
    r"\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)",  # link target ](...)
    r"\[\^[^\]\n]*\]",  # footnote marker [^1]
    r"\[[0-9]+\]",  # numbered reference [3]
    r"<[^<>\n]*>",  # HTML tag or autolink
    r"https?://[^\s<>()\[\]]+",  # bare URL
    r"^[ \t]*(?:[-*+•][ \t]+)?(?:#{1,6}[ \t]+)?[0-9]+[.)](?=[ \t]|$)",  # list marker "1." "2)"
]
_WORDS_ALONE = "two three four five six seven eight nine ten eleven twelve".split()
_NUMBERS_RE = re.compile(
    "|".join(
        [
            "(?P<skip>" + "|".join(_SKIP_FORMS) + ")",
            r"(?<![\w.,/])(?P<date>" + "|".join(_DATE_FORMS) + r")(?![0-9])",
            r"(?<!\w)(?P<fy>FY" + _SP + r"?'?(?P<fy1>[0-9]{4}|[0-9]{2})"
            r"(?:[-–/](?P<fy2>[0-9]{4}|[0-9]{2}))?)(?!\w)",
            rf"(?<![\w.,/$£€–—-])(?P<yrange>(?P<ya>{_YEAR})[-–—/](?P<yb>{_YEAR}|[0-9]{{2}}))"
            r"(?![\w%$]|[.,:-][0-9])",
            r"(?<![\w.,/$–—-])(?P<ordinal>(?P<ordn>[0-9]+)(?:st|nd|rd|th))(?!\w)",
            f"(?P<figure>{FIGURE_PATTERN})",
            r"(?<![\w-])(?P<word>" + "|".join(_WORDS_ALONE) + r")(?![\w-])",
        ]
    ),
    FIGURE_FLAGS | re.MULTILINE,
)
_WORD_VALUES = {w: float(n) for n, w in enumerate(_WORDS_ALONE, start=2)}


@dataclass(frozen=True)
class NumberToken:
    """One number in a text: normalised value, upper end of a range, and the unit it states."""

    value: float
    high: float | None
    text: str
    start: int
    end: int
    unit: str | None


def _date_value(m: re.Match[str]) -> float:
    """``year * 10000 + month * 100 + day`` from whichever date form matched; unknown parts 0."""
    for form in "123456":
        month = m.group("m" + form)
        if month is None:
            continue
        day = m.groupdict().get("d" + form) or "0"
        year = m.groupdict().get("y" + form) or "0"
        month_number = int(month) if month.isdigit() else _MONTHS[month.rstrip(".")]
        return float(int(year) * 10000 + month_number * 100 + int(day.rstrip("stndrh")))
    raise AssertionError("date match without a month")  # pragma: no cover


def _fiscal_year(m: re.Match[str]) -> float:
    last = m.group("fy2") or m.group("fy1")
    return float(int(last) if len(last) == 4 else 2000 + int(last))


def _year_range(m: re.Match[str]) -> tuple[float, float]:
    first, second = m.group("ya"), m.group("yb")
    if len(second) == 2:
        second = first[:2] + second
    return float(first), float(second)


def _figure_token(m: re.Match[str]) -> NumberToken | None:
    reading = read_match(m)
    if is_label_number(m.string, m, reading):
        return None
    unit = "year" if is_year(reading) else reading.unit
    return NumberToken(reading.value, reading.high, m.group(0), m.start(), m.end(), unit)


def _token(m: re.Match[str]) -> NumberToken | None:
    text, start, end = m.group(0), m.start(), m.end()
    if m.group("skip") is not None:
        return None
    if m.group("date") is not None:
        return NumberToken(_date_value(m), None, text, start, end, "date")
    if m.group("fy") is not None:
        return NumberToken(_fiscal_year(m), None, text, start, end, "fiscal year")
    if m.group("yrange") is not None:
        low, high = _year_range(m)
        return NumberToken(low, high, text, start, end, "year")
    if m.group("ordinal") is not None:
        return NumberToken(float(m.group("ordn")), None, text, start, end, "ordinal")
    if m.group("figure") is not None:
        return _figure_token(m)
    return NumberToken(_WORD_VALUES[text.lower()], None, text, start, end, None)


# Urdu and Arabic digits and full-width ones, read as the digits they are (one character each, so a
# token's place in the text stays the same)
_OTHER_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩０１２３４５６７８９", "012345678901234567890123456789")


def numbers_in(text: str) -> list[NumberToken]:
    """The numbers a reader takes as facts in Markdown ``text``, in order of appearance."""
    read = text.translate(_OTHER_DIGITS)
    tokens = (_token(m) for m in _NUMBERS_RE.finditer(read))
    return [t if read == text else replace(t, text=text[t.start:t.end]) for t in tokens if t is not None]


def _date_parts(value: float) -> tuple[int, int, int]:
    n = int(value)
    return n // 10000, n // 100 % 100, n % 100


def _years_of(token: NumberToken) -> set[float]:
    if token.unit == "year":
        return {token.value} if token.high is None else {token.value, token.high}
    if token.unit == "date":
        year = _date_parts(token.value)[0]
        return {float(year)} if year else set()
    return set()


def _date_supported(claim: float, source: float) -> bool:
    return all(c in (0, s) for c, s in zip(_date_parts(claim), _date_parts(source)))


def supports(source: NumberToken, claim: NumberToken) -> bool:
    """Whether ``source`` states the number ``claim`` gives."""
    if claim.unit == "date":
        return source.unit == "date" and _date_supported(claim.value, source.value)
    if claim.unit == "year" and claim.high is None:
        return claim.value in _years_of(source)
    if claim.unit in ("year", "fiscal year") or source.unit in ("year", "fiscal year", "date"):
        return (source.unit, source.value, source.high) == (claim.unit, claim.value, claim.high)
    same_unit = source.unit is None or claim.unit is None or source.unit == claim.unit
    return same_unit and (source.value, source.high) == (claim.value, claim.high)


def unsupported_numbers(briefing_text: str, cited_texts: list[str]) -> list[NumberToken]:
    """Tokens of ``briefing_text`` that no text in ``cited_texts`` states."""
    claims = numbers_in(briefing_text)
    if not claims:  # most blocks state no number: the cited paragraphs need not be read
        return []
    sources = [token for text in cited_texts for token in numbers_in(text)]
    return [claim for claim in claims if not any(supports(source, claim) for source in sources)]
