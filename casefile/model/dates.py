"""Partial dates (``2017``, ``2017-07``, ``2017-07-12``) and deadline arithmetic: calendar
and working days, weeks, months and years."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from casefile.model.calendars import WEEKENDS_ONLY, holiday_calendar

_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")  # ASCII digits only
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
# The years a date may have: wide enough for any record a public body keeps, narrow enough
# that deadline arithmetic (up to 3,650 units later) and every output format stay valid.
MIN_YEAR, MAX_YEAR = 1000, 2999
# The months' names, looked up once: calendar.month_name formats a date for each look-up,
# and pages write dates by the hundred thousand.
MONTHS = tuple(calendar.month_name)


class DateSyntaxError(ValueError):
    """A date string that is not a real calendar date; the message says why."""


@dataclass(frozen=True)
class PartialDate:
    """A date known to a year, a month or a day, or a span of days given in words (a season,
    "early 2021", sources that differ). Orders by its first, then last, possible day.

    A span sets ``first`` and ``last`` (its first and last possible days) and ``words`` (how
    readers see it); ``year`` is then the first day's year and ``month``/``day`` are None."""

    year: int
    month: int | None = None
    day: int | None = None
    words: str | None = None
    first: dt.date | None = None
    last: dt.date | None = None

    @classmethod
    def span(cls, first: dt.date, last: dt.date, words: str) -> PartialDate:
        """A date known only to lie between ``first`` and ``last``, shown as ``words``."""
        if last < first:
            raise ValueError(f"a span must not end ({last}) before it starts ({first})")
        return cls(first.year, words=words, first=first, last=last)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _DATE_RE.match(text)
        if not match:
            raise DateSyntaxError(f"'{text}' is not a date; write {DATE_FORMS}")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise DateSyntaxError(f"'{text}' is outside the years this site accepts "
                                  f"({MIN_YEAR} to {MAX_YEAR}); check the year")
        if month is not None and not 1 <= month <= 12:
            raise DateSyntaxError(f"'{text}' is not a real date: month {month:02d} is not 01 to 12")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                name = calendar.month_name[month]
                raise DateSyntaxError(
                    f"'{text}' is not a real date: {name} {year} has {last} days"
                )
        return cls(year, month, day)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    # The three properties below are plain methods wrapped by ``property(...)`` rather than
    # ``@property``: mutation testing (mutmut) never mutates a decorated function.
    def _precision(self) -> str:
        if self.first is not None:
            return "span"
        return "day" if self.day else "month" if self.month else "year"

    precision = property(_precision)

    def _earliest(self) -> dt.date:
        if self.first is not None:
            return self.first
        return dt.date(self.year, self.month or 1, self.day or 1)

    earliest = property(_earliest)

    def _latest(self) -> dt.date:
        if self.last is not None:
            return self.last
        if self.day:
            return self.earliest
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    latest = property(_latest)

    def __lt__(self, other: PartialDate) -> bool:
        return (self.earliest, self.latest) < (other.earliest, other.latest)

    def iso(self) -> str:
        """The machine-readable form, valid in an HTML ``<time datetime>``. A span gives what
        its first and last days share: the month, the year, or (across years) its first year."""
        if self.first is not None and self.last is not None:
            if self.first == self.last:  # a deadline "by autumn 2022": its one due day
                return self.first.isoformat()
            if (self.first.year, self.first.month) == (self.last.year, self.last.month):
                return f"{self.first.year:04d}-{self.first.month:02d}"
            return f"{self.first.year:04d}"
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def human(self) -> str:
        """British style: ``12 July 2017``, ``July 2017`` or ``2017``; a span in its words."""
        if self.words is not None:
            return self.words
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    def __str__(self) -> str:
        return self.iso()


def range_parts(start: PartialDate, end: PartialDate) -> tuple[str, str]:
    """The two sides of "START to END", sharing what both sides share when they are known
    to the same precision: ("12", "14 March 2019"), ("November", "December 2022"),
    ("March 2019", "January 2020")."""
    left, right = start.human(), end.human()
    if (start.precision != end.precision or start.precision == "span"
            or start.year != end.year or start.month is None):
        return left, right
    if start.day is None:  # months of one year
        return MONTHS[start.month], right
    if start.month == end.month:  # days of one month
        return str(start.day), right
    return f"{start.day} {MONTHS[start.month]}", right


def human_range(start: PartialDate, end: PartialDate | None) -> str:
    """``November to December 2022``; just the start's date when there is no end."""
    if end is None or end == start:
        return start.human()
    left, right = range_parts(start, end)
    return f"{left} to {right}"


def human_day(day: dt.date) -> str:
    return PartialDate.of(day).human()


def days_off_in_year(jurisdiction: str | None, year: int) -> frozenset[dt.date]:
    """Every weekend day and public holiday of a year, as the holidays package has them (it
    knows weekends that changed, and weekend days worked in lieu); with no jurisdiction,
    Saturdays and Sundays only."""
    cal = None if jurisdiction is None else holiday_calendar(jurisdiction)
    day, days = dt.date(year, 1, 1), []
    while day.year == year:
        if day.weekday() in WEEKENDS_ONLY if cal is None else not cal.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return frozenset(days)


_DAYS_OFF: dict[tuple[str | None, int], frozenset[dt.date]] = {}


def _days_off(jurisdiction: str | None, year: int) -> frozenset[dt.date]:
    """``days_off_in_year``, asked once per year: set lookups after that, as a 1,000-case
    build counts some 150,000 days."""
    days = _DAYS_OFF.get((jurisdiction, year))
    if days is None:
        days = _DAYS_OFF[jurisdiction, year] = days_off_in_year(jurisdiction, year)
    return days


def days_off_known() -> dict[tuple[str | None, int], frozenset[dt.date]]:
    """Every (jurisdiction, year) whose days off were worked out so far, with them:
    ``casefile check`` keeps them for its next run, which then need not load the holidays
    package's calendars (importing them is most of a one-file-edit check)."""
    return dict(_DAYS_OFF)


def remember_days_off(known: dict[tuple[str | None, int], frozenset[dt.date]]) -> None:
    """Take ``known`` (``days_off_known`` of an earlier run, with the same holidays
    package) as already worked out."""
    for key, days in known.items():
        _DAYS_OFF.setdefault(key, days)


def is_working_day(day: dt.date, jurisdiction: str | None) -> bool:
    """Not a weekend day nor a public holiday in ``jurisdiction`` (an ISO 3166 or 3166-2
    code the holidays package knows; see ``casefile.model.calendars``); with None, not a
    Saturday or Sunday."""
    return day not in _days_off(jurisdiction, day.year)


def working_day_after(start: dt.date, count: int, jurisdiction: str | None) -> dt.date:
    """The ``count``-th working day after ``start`` (the start day itself is not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, jurisdiction):
            remaining -= 1
    return day


@lru_cache(maxsize=65536)
def add_working_days(start: dt.date, count: int, jurisdiction: str | None) -> dt.date:
    """``working_day_after``, cached: a build asks the same few periods many times."""
    return working_day_after(start, count, jurisdiction)


def add_calendar_days(start: dt.date, count: int) -> dt.date:
    return start + dt.timedelta(days=count)


def add_months(start: dt.date, count: int) -> dt.date:
    """The same day of the month ``count`` months later; where that month is shorter, its
    last day (31 January + 1 month is 28 February, or 29 in a leap year)."""
    index = start.year * 12 + start.month - 1 + count
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(start.day, last))


def add_period(start: dt.date, count: int, unit: str, jurisdiction: str | None) -> dt.date:
    """``start`` plus ``count`` of a DAY_BASES unit; the start day itself is not counted."""
    if unit == "working_days":
        return add_working_days(start, count, jurisdiction)
    if unit == "weeks":
        return add_calendar_days(start, 7 * count)
    if unit == "months":
        return add_months(start, count)
    if unit == "years":
        return add_months(start, 12 * count)
    return add_calendar_days(start, count)
