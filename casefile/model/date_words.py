"""Dates as sources word them: "autumn 2022", "early June 2021", "around June 2021",
"during 2023", "by the end of 2019", "immediately", "no date shown".

Each form means a span of days (a ``PartialDate.span`` that keeps the editor's words) or,
in a deadline, a due day. ``FORMS`` is the one table of them: the methodology page shows
it, ``parse`` reads them (any capitals, single or several spaces) and ``json_pattern``
gives the JSON Schema the same forms.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from casefile.model.dates import DATE_FORMS, DateSyntaxError, PartialDate

# Which forms a date field takes (``casefile.reading.schema.Date.words``)
ISO_ONLY, RANGES, UNDATED, DEADLINE = "", "ranges", "undated", "deadline"

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}  # months
_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}  # days (31: the last)

_MONTH = "(" + "|".join(_MONTHS) + ")"
_SEASON = "(" + "|".join(_SEASONS) + ")"
_PART = "(" + "|".join(_YEAR_PARTS) + ")"
_YEAR, _DAY = "[0-9]{4}", "[0-9]{1,2}"
_WORDED = (f"{_DAY} +{_MONTH} +{_YEAR}|{_MONTH} +{_YEAR}|{_SEASON} +{_YEAR}"
           f"|{_PART}(-| +)({_MONTH} +)?{_YEAR}")
NO_DATE_SHOWN, IMMEDIATELY, EARLIEST_OPPORTUNITY = ("no_date_shown", "immediately",
                                                    "earliest_opportunity")


@dataclass(frozen=True)
class Form:
    """One row of the date forms table: an example, where it may be written, its meaning."""

    example: str
    where: str
    meaning: str


_ANY, _DUE = "any date of an event, source, statement or deadline", "deadlines (due: date:)"
FORMS: tuple[Form, ...] = (
    Form("2021, 2021-06, 2021-06-12", "any date",
         "The year, the month or the day. In a deadline, a year or month is a window: "
         "due some day within it."),
    Form("June 2021, 12 June 2021", _ANY, "The same as 2021-06 and 2021-06-12."),
    Form("spring 2022, summer 2022, autumn 2022, winter 2022", _ANY,
         "Meteorological seasons: spring is March to May, summer June to August, autumn "
         "September to November, winter December to February of the next year."),
    Form("early 2021, mid 2021, late 2021", _ANY,
         "Early is January to April, mid May to August, late September to December."),
    Form("early June 2021, mid June 2021, late June 2021", _ANY,
         "Early is the 1st to the 10th, mid the 11th to the 20th, late the 21st to the "
         "month's last day."),
    Form("around June 2021, around 2021", _ANY,
         "A month either side (May to July 2021), or a year either side (2020 to 2022)."),
    Form("during 2023, during autumn 2022", _ANY,
         "The whole year, month or season. In a deadline, due on its last day."),
    Form("by the end of 2019, by autumn 2022, by the end of autumn 2022", _DUE,
         "Due on the last day of the year, month or season named: 31 December 2019, "
         "30 November 2022."),
    Form("immediately", _DUE, "Due on the date of the record that sets it; the page says so."),
    Form("at the earliest opportunity", _DUE,
         "No date can be computed: never shown as past due; shown in words."),
    Form("no date shown", "a source's published, a statement's date",
         "The document shows no date. Shown as such and left out of everything that needs "
         "a date (the as-of date, the order of statements)."),
)


@dataclass(frozen=True)
class Worded:
    """A form that is no date: ``immediately``, ``earliest_opportunity`` or
    ``no_date_shown``, with the editor's words."""

    key: str
    words: str

    def human(self) -> str:
        return self.words


def dated(value: PartialDate | Worded | None) -> PartialDate | None:
    """A field's date, or None for a form that is no date (and for no value)."""
    return value if isinstance(value, PartialDate) else None


def accepted(words: str) -> str:
    """The forms a field takes, for error messages."""
    out = f"{DATE_FORMS}, or in words, e.g. 'June 2021', 'autumn 2022', 'early 2021', " \
          "'late June 2021', 'around June 2021', 'during 2023'"
    if words == UNDATED:
        out += ", 'no date shown'"
    if words == DEADLINE:
        out += ", 'by the end of 2019', 'by autumn 2022', 'immediately', " \
               "'at the earliest opportunity'"
    return out + " (see the date forms on the methodology page)"


def json_pattern(words: str, iso: str) -> str:
    """The worded forms a field takes as one JSON Schema (ECMA) pattern, in any capitals;
    ``iso`` is the (unanchored) pattern of an ISO date, which "during" and "by" may name."""
    base = f"({_WORDED}|{iso})"
    forms: tuple[str, ...] = (_WORDED, f"during +{base}", f"around +({_MONTH} +)?{_YEAR}")
    if words == UNDATED:
        forms += ("no +date +shown",)
    if words == DEADLINE:
        forms += (f"by +(the +end +of +)?{base}", "immediately", "at +the +earliest +opportunity")
    return _any_case("^(" + "|".join(f"({f})" for f in forms) + ")$")


def _any_case(pattern: str) -> str:
    return re.sub(r"(?<!\\)[a-z]", lambda m: f"[{m[0]}{m[0].upper()}]", pattern)


def parse(text: str, words: str) -> PartialDate | Worded:
    """A date field's value: ISO forms as ``PartialDate.parse``, and the worded forms
    ``words`` allows (RANGES, UNDATED or DEADLINE). Raises DateSyntaxError with the forms
    the field takes."""
    if not words or re.fullmatch(r"[0-9-]*", text):
        return PartialDate.parse(text)
    said = " ".join(text.split())
    try:
        return _worded(said, words)
    except _UnreadError as exc:
        raise DateSyntaxError(f"{exc}; write {accepted(words)}") from None


class _UnreadError(DateSyntaxError):
    """Words that are no date form at all (not a form's impossible date)."""


def _worded(said: str, words: str) -> PartialDate | Worded:
    low = said.lower()
    if low == "no date shown" and words == UNDATED:
        return Worded(NO_DATE_SHOWN, said)
    if words == DEADLINE:
        if low == "immediately":
            return Worded(IMMEDIATELY, said)
        if low == "at the earliest opportunity":
            return Worded(EARLIEST_OPPORTUNITY, said)
        by = re.fullmatch(r"by (the end of )?(.+)", low)
        if by:
            try:
                day = _base(said, by[2]).latest
            except _UnreadError:
                raise _UnreadError(f"'{said}' is not a deadline form: after 'by' or 'by the "
                                   "end of' give a date in words, e.g. 'by the end of autumn "
                                   "2022', 'by June 2021'") from None
            return PartialDate.span(day, day, said)
    during = re.fullmatch(r"during (.+)", low)
    if during:
        span = _base(said, during[1])
        first = span.latest if words == DEADLINE else span.earliest
        return PartialDate.span(first, span.latest, said)
    around = re.fullmatch(r"around (?:([a-z]+) )?([0-9]{4})", low)
    if around and (around[1] is None or around[1] in _MONTHS):
        return _around(said, around[1], _year(said, around[2]))
    return _base(said, low)


def _base(said: str, low: str) -> PartialDate:
    """A year, month, day, season, or early/mid/late year or month, in ISO or in words."""
    if re.fullmatch(r"[0-9-]+", low):
        return _iso(said, low)
    day = re.fullmatch(rf"({_DAY}) ([a-z]+) ({_YEAR})", low)
    if day and day[2] in _MONTHS:
        return _iso(said, f"{day[3]}-{_MONTHS[day[2]]:02d}-{int(day[1]):02d}")
    month = re.fullmatch(rf"([a-z]+) ({_YEAR})", low)
    if month and month[1] in _MONTHS:
        return _iso(said, f"{month[2]}-{_MONTHS[month[1]]:02d}")
    if month and month[1] in _SEASONS:
        start, end = _SEASONS[month[1]]
        year = _year(said, month[2])
        last_year = year + 1 if end < start else year
        return PartialDate.span(dt.date(year, start, 1), _month_end(last_year, end), said)
    part = re.fullmatch(rf"(early|mid|late)[ -](?:([a-z]+) )?({_YEAR})", low)
    if part and (part[2] is None or part[2] in _MONTHS):
        year = _year(said, part[3])
        if part[2] is None:
            start, end = _YEAR_PARTS[part[1]]
            return PartialDate.span(dt.date(year, start, 1), _month_end(year, end), said)
        month_no, (first, last) = _MONTHS[part[2]], _MONTH_PARTS[part[1]]
        last = min(last, calendar.monthrange(year, month_no)[1])
        return PartialDate.span(dt.date(year, month_no, first), dt.date(year, month_no, last),
                                said)
    raise _UnreadError(_not_a_date(said))


def _around(said: str, month: str | None, year: int) -> PartialDate:
    if month is None:
        return PartialDate.span(dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31), said)
    index = year * 12 + _MONTHS[month] - 1
    (y0, m0), (y1, m1) = divmod(index - 1, 12), divmod(index + 1, 12)
    return PartialDate.span(dt.date(y0, m0 + 1, 1), _month_end(y1, m1 + 1), said)


def _iso(said: str, iso: str) -> PartialDate:
    try:
        return PartialDate.parse(iso)
    except DateSyntaxError as exc:
        raise DateSyntaxError(str(exc).replace(f"'{iso}'", f"'{said}'", 1)) from None


def _year(said: str, digits: str) -> int:
    return _iso(said, digits).year


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _not_a_date(said: str) -> str:
    low = said.lower()
    if low.startswith("by ") or low in ("immediately", "at the earliest opportunity"):
        return f"'{said}' is a deadline; write it in a requirement's due: date:, and give " \
               "this field the date itself"
    if low == "no date shown":
        return "'no date shown' is allowed only for a source's published and a statement's date"
    named = set(re.findall(r"[a-z]+", low)) & {*_MONTHS, *_SEASONS, *_YEAR_PARTS}
    if named and not re.search(r"[0-9]{4}", said):
        return f"'{said}' has no year; give the year the source means, e.g. 'autumn 2022', " \
               "and say how it is known in the date's note"
    return f"'{said}' is not a date"
