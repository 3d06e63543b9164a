"""Dates at their boundaries: year-only and month-only dates printed and ordered, month-end
arithmetic, spans, and dates written in words (the forms, the JSON Schema pattern, every
error) at each edge."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from casefile.model import calendars
from casefile.model import date_words as w
from casefile.model.dates import (
    DateSyntaxError,
    PartialDate,
    add_calendar_days,
    add_months,
    add_period,
    human_day,
    human_range,
    range_parts,
)

D = dt.date
P = PartialDate.parse


@pytest.mark.parametrize(("text", "precision", "earliest", "latest", "human", "iso"), [
    ("2017", "year", D(2017, 1, 1), D(2017, 12, 31), "2017", "2017"),
    ("2017-02", "month", D(2017, 2, 1), D(2017, 2, 28), "February 2017", "2017-02"),
    ("2016-02", "month", D(2016, 2, 1), D(2016, 2, 29), "February 2016", "2016-02"),
    ("2017-12", "month", D(2017, 12, 1), D(2017, 12, 31), "December 2017", "2017-12"),
    ("2017-01", "month", D(2017, 1, 1), D(2017, 1, 31), "January 2017", "2017-01"),
    ("2016-02-29", "day", D(2016, 2, 29), D(2016, 2, 29), "29 February 2016", "2016-02-29"),
    ("2017-12-31", "day", D(2017, 12, 31), D(2017, 12, 31), "31 December 2017", "2017-12-31"),
    ("1000-01-01", "day", D(1000, 1, 1), D(1000, 1, 1), "1 January 1000", "1000-01-01"),
    ("2999", "year", D(2999, 1, 1), D(2999, 12, 31), "2999", "2999"),
])
def test_partial_dates_printed(text: str, precision: str, earliest: dt.date,
                               latest: dt.date, human: str, iso: str) -> None:
    date = P(text)
    assert (date.precision, date.earliest, date.latest, date.human(), date.iso(), str(date)) \
        == (precision, earliest, latest, human, iso, iso)


def test_partial_dates_ordered_by_first_then_last_day() -> None:
    dates = [P("2018"), P("2017-12-31"), P("2017"), P("2017-01"), P("2017-01-01"),
             P("2017-02")]
    assert [d.iso() for d in sorted(dates)] == [
        "2017-01-01", "2017-01", "2017", "2017-02", "2017-12-31", "2018"]
    assert not P("2017") < P("2017")
    assert P("2017-01") < P("2017") and not P("2017") < P("2017-01")


@pytest.mark.parametrize(("text", "message"), [
    ("0999", "'0999' is outside the years this site accepts (1000 to 2999); check the year"),
    ("3000-01", "'3000-01' is outside the years this site accepts (1000 to 2999); check the "
     "year"),
    ("2017-00", "'2017-00' is not a real date: month 00 is not 01 to 12"),
    ("2017-13", "'2017-13' is not a real date: month 13 is not 01 to 12"),
    ("2017-02-29", "'2017-02-29' is not a real date: February 2017 has 28 days"),
    ("2017-04-31", "'2017-04-31' is not a real date: April 2017 has 30 days"),
    ("2017-04-00", "'2017-04-00' is not a real date: April 2017 has 30 days"),
    ("2017-4", "'2017-4' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("x2017", "'x2017' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2017-01-01x", "'2017-01-01x' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_dates_that_are_refused(text: str, message: str) -> None:
    with pytest.raises(DateSyntaxError) as caught:
        P(text)
    assert str(caught.value) == message


def test_the_edges_of_what_is_accepted() -> None:
    assert P("2017-01-31").day == 31 and P("2017-12").month == 12
    assert P("1000").year == 1000 and P("2999-12-31").day == 31
    assert PartialDate.of(D(2020, 2, 29)) == PartialDate(2020, 2, 29)
    assert human_day(D(2020, 2, 29)) == "29 February 2020"


def test_spans() -> None:
    autumn = PartialDate.span(D(2022, 9, 1), D(2022, 11, 30), "autumn 2022")
    assert (autumn.year, autumn.month, autumn.day) == (2022, None, None)
    assert (autumn.precision, autumn.earliest, autumn.latest, autumn.human(), autumn.iso()) \
        == ("span", D(2022, 9, 1), D(2022, 11, 30), "autumn 2022", "2022")
    early_june = PartialDate.span(D(2021, 6, 1), D(2021, 6, 10), "early June 2021")
    assert early_june.iso() == "2021-06"
    winter = PartialDate.span(D(2022, 12, 1), D(2023, 2, 28), "winter 2022")
    assert winter.iso() == "2022"
    december = PartialDate.span(D(2022, 12, 1), D(2023, 12, 31), "late 2022 to 2023")
    assert december.iso() == "2022"  # the same month number, not the same month
    one_day = PartialDate.span(D(2022, 11, 30), D(2022, 11, 30), "by autumn 2022")
    assert (one_day.iso(), one_day.precision) == ("2022-11-30", "span")
    with pytest.raises(ValueError, match=r"a span must not end \(2022-01-01\) before it "
                                         r"starts \(2022-01-02\)"):
        PartialDate.span(D(2022, 1, 2), D(2022, 1, 1), "never")


@pytest.mark.parametrize(("start", "end", "parts", "shown"), [
    ("2019-03-12", "2019-03-14", ("12", "14 March 2019"), "12 to 14 March 2019"),
    ("2019-03-12", "2019-04-14", ("12 March", "14 April 2019"), "12 March to 14 April 2019"),
    ("2018-12-30", "2019-01-02", ("30 December 2018", "2 January 2019"),
     "30 December 2018 to 2 January 2019"),
    ("2022-11", "2022-12", ("November", "December 2022"), "November to December 2022"),
    ("2019-03", "2020-01", ("March 2019", "January 2020"), "March 2019 to January 2020"),
    ("2019", "2020", ("2019", "2020"), "2019 to 2020"),
    ("2019-03", "2019-03-20", ("March 2019", "20 March 2019"), "March 2019 to 20 March 2019"),
])
def test_ranges_share_what_both_sides_share(start: str, end: str, parts: tuple[str, str],
                                            shown: str) -> None:
    assert range_parts(P(start), P(end)) == parts
    assert human_range(P(start), P(end)) == shown


def test_a_range_with_no_end_or_the_same_end() -> None:
    assert human_range(P("2019-03-12"), None) == "12 March 2019"
    assert human_range(P("2019-03-12"), P("2019-03-12")) == "12 March 2019"
    span = PartialDate.span(D(2022, 9, 1), D(2022, 11, 30), "autumn 2022")
    same = PartialDate.span(D(2022, 9, 1), D(2022, 11, 30), "autumn 2022")
    assert range_parts(span, same) == ("autumn 2022", "autumn 2022")


@pytest.mark.parametrize(("start", "count", "expected"), [
    (D(2019, 1, 31), 1, D(2019, 2, 28)), (D(2020, 1, 31), 1, D(2020, 2, 29)),
    (D(2019, 1, 31), 0, D(2019, 1, 31)), (D(2019, 12, 31), 1, D(2020, 1, 31)),
    (D(2019, 11, 30), 2, D(2020, 1, 30)), (D(2019, 1, 15), 11, D(2019, 12, 15)),
    (D(2019, 1, 15), 12, D(2020, 1, 15)), (D(2019, 12, 1), 13, D(2021, 1, 1)),
    (D(2019, 8, 31), 1, D(2019, 9, 30)), (D(2019, 1, 30), 1, D(2019, 2, 28)),
])
def test_month_end_arithmetic(start: dt.date, count: int, expected: dt.date) -> None:
    assert add_months(start, count) == expected
    assert add_period(start, count, "months", "GB-ENG") == expected


def test_other_units() -> None:
    assert add_calendar_days(D(2019, 12, 31), 1) == D(2020, 1, 1)
    assert add_period(D(2020, 2, 28), 1, "calendar_days", "GB-ENG") == D(2020, 2, 29)
    assert add_period(D(2020, 2, 28), 1, "weeks", "GB-ENG") == D(2020, 3, 6)
    assert add_period(D(2019, 2, 28), 1, "years", "GB-ENG") == D(2020, 2, 28)
    assert add_period(D(2019, 12, 31), 2, "years", "GB-ENG") == D(2021, 12, 31)


# -- dates in words -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "first", "last"), [
    ("early June 2021", D(2021, 6, 1), D(2021, 6, 10)),
    ("mid June 2021", D(2021, 6, 11), D(2021, 6, 20)),
    ("late June 2021", D(2021, 6, 21), D(2021, 6, 30)),
    ("late January 2021", D(2021, 1, 21), D(2021, 1, 31)),
    ("early 2021", D(2021, 1, 1), D(2021, 4, 30)),
    ("late-2021", D(2021, 9, 1), D(2021, 12, 31)),
    ("winter 2021", D(2021, 12, 1), D(2022, 2, 28)),
    ("spring 2024", D(2024, 3, 1), D(2024, 5, 31)),
    ("around 2021", D(2020, 1, 1), D(2022, 12, 31)),
    ("around February 2024", D(2024, 1, 1), D(2024, 3, 31)),
    ("during June 2021", D(2021, 6, 1), D(2021, 6, 30)),
    ("during 2021-06", D(2021, 6, 1), D(2021, 6, 30)),
    ("1 January 2021", D(2021, 1, 1), D(2021, 1, 1)),
    ("31 december 2021", D(2021, 12, 31), D(2021, 12, 31)),
])
def test_words_at_every_boundary(text: str, first: dt.date, last: dt.date) -> None:
    date = w.parse(text, w.RANGES)
    assert isinstance(date, PartialDate)
    assert (date.earliest, date.latest) == (first, last)


def test_during_in_a_deadline_is_its_last_day() -> None:
    date = w.parse("during  June 2021", w.DEADLINE)
    assert isinstance(date, PartialDate)
    assert (date.earliest, date.latest, date.human()) == (
        D(2021, 6, 30), D(2021, 6, 30), "during June 2021")
    assert w.parse("no date shown", w.UNDATED) == w.Worded(w.NO_DATE_SHOWN, "no date shown")
    assert w.Worded(w.IMMEDIATELY, "At once").human() == "At once"
    assert w.dated(P("2017")) == P("2017")
    assert w.dated(w.Worded(w.IMMEDIATELY, "now")) is None and w.dated(None) is None


FORMS = ("YYYY, YYYY-MM or YYYY-MM-DD, or in words, e.g. 'June 2021', 'autumn 2022', "
         "'early 2021', 'late June 2021', 'around June 2021', 'during 2023'")
SEE = " (see the date forms on the methodology page)"


def test_the_accepted_forms_in_each_field() -> None:
    assert w.accepted(w.RANGES) == FORMS + SEE
    assert w.accepted(w.UNDATED) == FORMS + ", 'no date shown'" + SEE
    assert w.accepted(w.DEADLINE) == (FORMS + ", 'by the end of 2019', 'by autumn 2022', "
                                      "'immediately', 'at the earliest opportunity'" + SEE)


@pytest.mark.parametrize(("text", "message"), [
    ("immediately", "'immediately' is a deadline; write it in a requirement's due: date:, "
     "and give this field the date itself"),
    ("At the earliest opportunity", "'At the earliest opportunity' is a deadline; write it in "
     "a requirement's due: date:, and give this field the date itself"),
    ("by June 2021", "'by June 2021' is a deadline; write it in a requirement's due: date:, "
     "and give this field the date itself"),
    ("no date shown", "'no date shown' is allowed only for a source's published and a "
     "statement's date"),
    ("autumn", "'autumn' has no year; give the year the source means, e.g. 'autumn 2022', "
     "and say how it is known in the date's note"),
    ("early June 21", "'early June 21' has no year; give the year the source means, e.g. "
     "'autumn 2022', and say how it is known in the date's note"),
    ("sometime", "'sometime' is not a date"),
    ("the 2021 autumn", "'the 2021 autumn' is not a date"),
    ("around Junetide 2021", "'around Junetide 2021' is not a date"),
    ("late Smarch 2021", "'late Smarch 2021' is not a date"),
])
def test_what_is_not_a_date(text: str, message: str) -> None:
    with pytest.raises(DateSyntaxError) as caught:
        w.parse(text, w.RANGES)
    assert str(caught.value) == f"{message}; write {FORMS}{SEE}"


def test_an_impossible_worded_date_names_the_words() -> None:
    with pytest.raises(DateSyntaxError) as caught:
        w.parse("30 February 2021", w.RANGES)
    assert str(caught.value) == "'30 February 2021' is not a real date: February 2021 has " \
                                "28 days"


ISO = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"


@pytest.mark.parametrize(("text", "ranges", "undated", "deadline"), [
    ("June 2021", True, True, True),
    ("12  JUNE 2021", True, True, True),
    ("Autumn 2022", True, True, True),
    ("mid-2021", True, True, True),
    ("late June 2021", True, True, True),
    ("during 2021-06", True, True, True),
    ("DURING autumn 2022", True, True, True),
    ("around June 2021", True, True, True),
    ("around 2021", True, True, True),
    ("No date shown", False, True, False),
    ("by the end of 2019", False, False, True),
    ("By autumn 2022", False, False, True),
    ("by 2019-04", False, False, True),
    ("Immediately", False, False, True),
    ("at the earliest opportunity", False, False, True),
    ("immediately now", False, False, False),
    ("around autumn 2022", False, False, False),
    ("2021", False, False, False),  # ISO alone is the schema's other branch
    ("xJune 2021", False, False, False),
    ("June 2021x", False, False, False),
])
def test_the_json_schema_pattern(text: str, ranges: bool, undated: bool,
                                 deadline: bool) -> None:
    got = {words: re.search(w.json_pattern(words, ISO), text) is not None
           for words in (w.RANGES, w.UNDATED, w.DEADLINE)}
    assert got == {w.RANGES: ranges, w.UNDATED: undated, w.DEADLINE: deadline}


def test_the_pattern_accepts_any_capitals_but_keeps_escapes() -> None:
    assert w._any_case(r"ab\d") == r"[aA][bB]\d"
    assert w._any_case("A-z") == "A-[zZ]"


# -- weekends in words, for every weekend a calendar may have -----------------------------

@pytest.mark.parametrize(("weekend", "words"), [
    ({5, 6}, "Saturdays and Sundays"), ({4, 5}, "Fridays and Saturdays"),
    ({6}, "Sundays"), ({4}, "Fridays"), (set(), "no weekend days"),
    ({0, 1, 2, 3}, "Mondays, Tuesdays, Wednesdays and Thursdays"),
    ({4, 5, 6}, "Fridays, Saturdays and Sundays"),
])
def test_weekend_words(monkeypatch: pytest.MonkeyPatch, weekend: set[int], words: str) -> None:
    monkeypatch.setattr(calendars, "holiday_calendar",
                        lambda code: SimpleNamespace(weekend=weekend))
    monkeypatch.setattr(calendars, "_FACTS", {})  # each calendar's weekend is kept once asked
    assert calendars.weekend_words("XX") == words


@pytest.mark.parametrize(("text", "words", "message"), [
    ("", w.RANGES, "'' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("by 2019-13", w.DEADLINE, "'by 2019-13' is not a real date: month 13 is not 01 to 12"),
    ("during 2021-13", w.RANGES, "'during 2021-13' is not a real date: month 13 is not 01 to "
     "12"),
    ("around 0999", w.RANGES, "'around 0999' is outside the years this site accepts (1000 to "
     "2999); check the year"),
    ("February 0999", w.RANGES, "'February 0999' is outside the years this site accepts (1000 "
     "to 2999); check the year"),
    ("autumn 0999", w.RANGES, "'autumn 0999' is outside the years this site accepts (1000 to "
     "2999); check the year"),
])
def test_an_impossible_date_in_any_form_is_named_as_written(text: str, words: str,
                                                            message: str) -> None:
    with pytest.raises(DateSyntaxError) as caught:
        w.parse(text, words)
    assert str(caught.value) == message
