"""Dates and deadline arithmetic, including working days over Welsh bank holidays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casefile.model import objects as m
from casefile.model.dates import DateSyntaxError, PartialDate, add_working_days, is_working_day
from casefile.model.deadlines import due_window, outcome
from casefile.pipeline import load_dataset

D = dt.date


def test_partial_dates() -> None:
    assert PartialDate.parse("2017").latest == D(2017, 12, 31)
    assert PartialDate.parse("2018-02").latest == D(2018, 2, 28)
    assert PartialDate.parse("2020-02").latest == D(2020, 2, 29)
    assert PartialDate.parse("2017-07-12").human() == "12 July 2017"
    assert PartialDate.parse("2017-07").human() == "July 2017"
    assert PartialDate.parse("2017-07").iso() == "2017-07"
    assert sorted(map(PartialDate.parse, ["2017-08", "2017", "2017-07-12", "2017-07"])) == [
        PartialDate(2017), PartialDate(2017, 7), PartialDate(2017, 7, 12), PartialDate(2017, 8)]
    for bad in ("2018-02-30", "2017-13-01", "2017-7-1", "17", "2017/07"):
        with pytest.raises(DateSyntaxError):
            PartialDate.parse(bad)


def test_working_days_skip_welsh_bank_holidays() -> None:
    # Christmas Day, Boxing Day and New Year's Day fall inside this period.
    assert add_working_days(D(2017, 12, 15), 20, "GB-WLS") == D(2018, 1, 17)
    # Easter Monday 2 April 2018: the 1st working day after Thursday 29 March (Good Friday
    # 30 March, weekend, Easter Monday) is Tuesday 3 April.
    assert add_working_days(D(2018, 3, 29), 1, "GB-WLS") == D(2018, 4, 3)
    # Late Summer Bank Holiday 27 August 2018.
    assert not is_working_day(D(2018, 8, 27), "GB-WLS")
    assert add_working_days(D(2018, 8, 24), 1, "GB-WLS") == D(2018, 8, 28)
    # St David's Day is not a bank holiday in Wales.
    assert is_working_day(D(2018, 3, 1), "GB-WLS")


def _req(mini: Path, **changes: object) -> tuple[m.Requirement, m.Dataset]:
    dataset = load_dataset(mini)
    req = dataset.cases["town"].requirements[0]
    for key, value in changes.items():
        setattr(req, key, value)
    return req, dataset


def test_period_from_publication_counts_working_days(mini: Path) -> None:
    req, _ = _req(mini)
    # Published Monday 2 October 2017; 20 working days later, no holidays in between.
    assert due_window(req) == (D(2017, 10, 30), D(2017, 10, 30))


def test_outcomes(mini: Path) -> None:
    req, dataset = _req(mini)
    follow_up = dataset.cases["town"].records[1]  # 1 March 2018
    assert outcome(req, D(2017, 10, 20)).term.value == "outstanding"
    assert outcome(req, D(2017, 11, 1)).term.value == "overdue"
    req.fulfilled_by = follow_up
    assert outcome(req, D(2019, 1, 1)).term.value == "met_late"
    req.due = m.Due(PartialDate(2018, 3, 5), None, None, None, None, None)
    assert outcome(req, D(2019, 1, 1)).term.value == "met_on_time"
    req.due = m.Due(PartialDate(2018, 3), None, None, None, None, None)  # window 1–31 March
    assert outcome(req, D(2019, 1, 1)).term.value == "met_on_time"  # 1 March is never late
    req.due = m.Due(PartialDate(2018, 2), None, None, None, None, None)
    assert outcome(req, D(2019, 1, 1)).term.value == "met_late"
    follow_up.date = PartialDate(2018, 3)  # fulfilled some day in March; due 15 March
    req.due = m.Due(PartialDate(2018, 3, 15), None, None, None, None, None)
    assert outcome(req, D(2019, 1, 1)).term.value == "met"
    req.due = None
    assert outcome(req, D(2019, 1, 1)).term.value == "met_no_deadline"
    req.fulfilled_by, req.superseded_by = None, follow_up
    assert outcome(req, D(2019, 1, 1)).term.value == "superseded"


def test_month_precision_start_gives_a_window(mini: Path) -> None:
    req, _ = _req(mini)
    req.record.published = PartialDate(2017, 10)
    first, last = due_window(req)  # type: ignore[misc]
    assert (first, last) == (add_working_days(D(2017, 10, 1), 20, None),
                             add_working_days(D(2017, 10, 31), 20, None))
    assert outcome(req, D(2017, 11, 10)).term.value == "outstanding"  # inside the window
    assert "not known to the day" in outcome(req, D(2017, 11, 10)).deadline
