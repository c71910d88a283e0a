"""A calendar date that knows how much of itself is known."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

# English names (the site is in English whatever the machine's locale); calendar.month_name formats one
# with strftime on every use, 15,000 times a build at 10,000 sources
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")

Precision = Literal["day", "month", "year"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Years a date written by hand may have; outside them it is a slip ("0000", "9999")
MIN_YEAR, MAX_YEAR = 1800, 2200


def latest_possible_date() -> dt.date:
    """Tomorrow in UTC: a page from Pakistan (UTC+5) can carry tomorrow's date when built in the evening.
    The real clock, not SOURCE_DATE_EPOCH, which pins what a build writes, not which dates exist."""
    return dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date at day, month or year precision. Unknown parts are ``None``, never invented."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month or 1)[1]
            if not 1 <= self.day <= last:
                raise ValueError(
                    f"{MONTH_NAMES[self.month or 1]} {self.year} has no day {self.day}"
                )

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        """ISO 8601 at this precision: ``2025-09-15``, ``2025-09`` or ``2025``."""
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def display(self) -> str:
        """Reader-facing: ``15 September 2025``, ``September 2025`` or ``2025``."""
        if self.day is not None:
            return f"{self.day} {MONTH_NAMES[self.month or 1]} {self.year}"
        if self.month is not None:
            return f"{MONTH_NAMES[self.month]} {self.year}"
        return str(self.year)

    def sort_key(self) -> tuple[int, int, int]:
        """Orders a less precise date before the precise dates it contains."""
        return (self.year, self.month or 0, self.day or 0)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The last day the date may mean: 2025-11 may be 30 November, 2025 may be 31 December."""
        if self.day is not None:
            return self.first_day()
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @classmethod
    def from_iso(cls, text: str) -> "PartialDate":
        """Parses ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raises ``ValueError`` with a reason."""
        match = _ISO.match(text.strip())
        if not match:
            raise ValueError(f"'{text}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = (int(g) if g else None for g in match.groups())
        if not MIN_YEAR <= year <= MAX_YEAR:  # type: ignore[operator]
            raise ValueError(f"the year {year} is not between {MIN_YEAR} and {MAX_YEAR}")
        return cls(year, month, day)  # type: ignore[arg-type]
