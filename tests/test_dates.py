"""Reading dates out of text lines, at the precision the text gives."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.model.dates import PartialDate
from build_tools.parse.dates import (
    find_date_lines,
    has_date_label,
    is_relative_date,
    parse_date_text,
    read_month_first,
    writes_month_first,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sep. 15, 2025", PartialDate(2025, 9, 15)),
        ("13 نومبر ، 2025", PartialDate(2025, 11, 13)),  # Urdu month name and comma
        ("۱۳ نومبر ۲۰۲۵", PartialDate(2025, 11, 13)),  # Urdu digits
        ("Published July 30, 2025", PartialDate(2025, 7, 30)),
        ("the 13th November, 2025", PartialDate(2025, 11, 13)),  # official letters
        ("Dated the 13th November, 2025", PartialDate(2025, 11, 13)),
        ("Mon, 18 Nov 2024", PartialDate(2024, 11, 18)),
        ("Updated On: 3 March 2025 10:15 PKT", PartialDate(2025, 3, 3)),
        ("Updated 13 November 2025", PartialDate(2025, 11, 13)),
        ("Updated 05 December 2025", PartialDate(2025, 12, 5)),
        ("2025-09-15", PartialDate(2025, 9, 15)),
        ("2025-09-10", PartialDate(2025, 9, 10)),  # ISO is year-month-day, never day-first
        ("15/09/2025", PartialDate(2025, 9, 15)),  # numeric dates are read day-first, as in Pakistan
        ("15th of September 2025", PartialDate(2025, 9, 15)),
        ("Thursday, 14 August 2025", PartialDate(2025, 8, 14)),
        ("Last updated: Tuesday, September 16, 2025 at 9:30 am", PartialDate(2025, 9, 16)),
        ("Posted on June 5, 2024, 4:30 p.m.", PartialDate(2024, 6, 5)),
        ("2025-09-15T10:15:00+05:00", PartialDate(2025, 9, 15)),
        ("Sun 1 June 2025 | 10:15 GMT+5", PartialDate(2025, 6, 1)),
        ("  Sep. 15, 2025  ", PartialDate(2025, 9, 15)),
    ],
)
def test_day_precision_dates(text: str, expected: PartialDate) -> None:
    date = parse_date_text(text)
    assert date == expected
    assert date is not None and date.precision == "day"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 2025", PartialDate(2025, 11)),
        ("Mar 2025", PartialDate(2025, 3)),
        ("Published: May 2025", PartialDate(2025, 5)),
        ("Date: 2025-09", PartialDate(2025, 9)),
    ],
)
def test_month_precision_never_invents_a_day(text: str, expected: PartialDate) -> None:
    date = parse_date_text(text)
    assert date == expected
    assert date is not None and date.precision == "month" and date.day is None


def test_a_labelled_bare_year_has_year_precision() -> None:
    assert parse_date_text("Published 2024") == PartialDate(2024)
    assert parse_date_text("Published 2024").precision == "year"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "2024",  # a bare number is not a date line (a copyright's year is read by the caller)
        "10 months ago",
        "yesterday",
        "Updated 2 hours ago",
        "Feb 30, 2025",
        "2025-02-30",
        "Sep. 32, 2025",
        "13/25/2025",
        "The 2025 has been a year of digital transformation, with significant policy developments",
        "Top 7 Pakistan’ ICT Developments in 2025; an Year of Digital Transformation",
        "An employee works at the office in Karachi, Pakistan, on August 22, 2024. (REUTERS/File)",
        "Copyright Business Recorder, 2024",
        "Pakistan starts licensing VPN providers",
        "",
        "   ",
        "Updated",
        "September " + "1" * 200 + ", 2025",
        "March",
        "15 September",
    ],
)
def test_not_a_date_line(text: str) -> None:
    assert parse_date_text(text) is None


@pytest.mark.parametrize("text", ["10 months ago", "yesterday", "Updated 3 hours ago", "Today", "a day ago", "Updated about 6 hours ago"])
def test_relative_dates_are_recognised(text: str) -> None:
    assert is_relative_date(text)
    assert parse_date_text(text) is None


def test_dates_are_not_relative() -> None:
    assert not is_relative_date("Updated 13 November 2025")
    assert not is_relative_date("The minister said ten months ago that the rules would change")


def test_date_labels() -> None:
    assert has_date_label("Published July 30, 2025")
    assert has_date_label("Updated On: 3 March 2025 10:15 PKT")
    assert not has_date_label("Sep. 15, 2025")
    assert not has_date_label("Mon, 18 Nov 2024")


@pytest.mark.parametrize(("page", "month_first"), [
    ("06/10/2025\nRelated: 05/28/2025", True),  # 28 can only be a day
    ("06/10/2025\nRelated: 28/05/2025", False),  # 28 can only be a day, written first
    ("05/28/2025 and 28/05/2025", False),  # the page contradicts itself: day first, as by default
    ("06/10/2025 and 07/11/2025", False),  # nothing says which: day first
    ("11.13.2025", True),
    ("https://example.com/2025/05/28/story", False),  # year first, in a link
    ("Updated 1/13/2025 4:05 PM", True),
])
def test_whether_a_page_writes_month_first(page: str, month_first: bool) -> None:
    assert writes_month_first(page) is month_first


@pytest.mark.parametrize(("written", "day_first", "month_first"), [
    ("06/10/2025", PartialDate(2025, 10, 6), PartialDate(2025, 6, 10)),
    ("Updated 06.10.2025 14:05", PartialDate(2025, 10, 6), PartialDate(2025, 6, 10)),
    ("05/28/2025", PartialDate(2025, 5, 28), PartialDate(2025, 5, 28)),  # only one reading
    ("13 June 2025", PartialDate(2025, 6, 13), PartialDate(2025, 6, 13)),  # words say which is the month
    ("2025-06-10", PartialDate(2025, 6, 10), PartialDate(2025, 6, 10)),  # ISO
])
def test_reading_a_numeric_date_month_first(written: str, day_first: PartialDate, month_first: PartialDate) -> None:
    assert parse_date_text(written) == day_first
    assert read_month_first(day_first, written) == month_first


def test_find_date_lines_gives_positions_and_dates() -> None:
    lines = ["Headline", "", "Updated 13 November 2025", "Follow", "Body text on August 22, 2024.", "May 2025"]
    assert find_date_lines(lines) == [(2, PartialDate(2025, 11, 13)), (5, PartialDate(2025, 5))]


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_DAY_FORMATS = [
    lambda d: f"{d.day} {_MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{_MONTHS[d.month - 1][:3]}. {d.day}, {d.year}",
    lambda d: f"Published {_MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"Updated On: {d.day:02d} {_MONTHS[d.month - 1]} {d.year} 10:15 PKT",
    lambda d: d.isoformat(),
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
]


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from(_DAY_FORMATS))
def test_any_written_day_reads_back_exactly(day: dt.date, fmt) -> None:  # type: ignore[no-untyped-def]
    assert parse_date_text(fmt(day)) == PartialDate(day.year, day.month, day.day)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_any_written_month_reads_back_at_month_precision(day: dt.date) -> None:
    assert parse_date_text(f"{_MONTHS[day.month - 1]} {day.year}") == PartialDate(day.year, day.month)


@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    result = parse_date_text(text)
    assert result is None or isinstance(result, PartialDate)
