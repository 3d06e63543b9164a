"""Exact behaviour of deadlines.window_of and deadlines.describe (#18 generalised them from a
requirement's deadline to any deadline a record sets, such as a duty to respond): the record
passed in, not a requirement, gives the start date, its publication, its case's calendar and
the words. Written for the partial mutation re-run of deadlines.py (#17); fictional data only
(tests/test_responses.py's coroner's report)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from casefile.model import date_words, deadlines
from casefile.model import objects as m
from casefile.model.dates import PartialDate
from casefile.pipeline import load_dataset
from tests.conftest import write_mini
from tests.test_responses import BODIES, PFD, load, pfd, record


def due(**given: object) -> m.Due:
    fields: dict[str, object] = {"date": None, "within": None, "unit": None, "start": None,
                                 "as_written": None, "note": None}
    return m.Due(**{**fields, **given})  # type: ignore[arg-type]


def report(tmp_path: Path, date: str = "2018-01", published: str = "2018-02-15",
           jurisdiction: str | None = None) -> m.Record:
    text = pfd(date=date).replace(f"date: {date}\n", f"date: {date}\npublished: {published}\n")
    changes: dict[str, str | tuple[str, str]] = {**BODIES, PFD: text}
    if jurisdiction:
        changes["cases/town/case.yml"] = ("reviewed: 2020-01-01",
                                         f"reviewed: 2020-01-01\njurisdiction: {jurisdiction}")
    case = load_dataset(write_mini(tmp_path, changes), use_cache=False).cases["town"]
    return record(case, "town-pfd")


def test_no_deadline_and_the_earliest_opportunity_have_no_window(tmp_path: Path) -> None:
    rec = report(tmp_path)
    assert deadlines.window_of(None, rec) is None
    assert deadlines.describe(None, rec) == "None set."
    soon = due(worded=date_words.EARLIEST_OPPORTUNITY, words="at the earliest opportunity")
    assert deadlines.window_of(soon, rec) is None
    assert deadlines.describe(soon, rec) == "“at the earliest opportunity”: no date can be " \
        "computed, so it is never shown as past due."


def test_immediately_is_the_record_s_own_dates(tmp_path: Path) -> None:
    rec = report(tmp_path)
    now = due(worded=date_words.IMMEDIATELY, words="immediately")
    assert deadlines.window_of(now, rec) == (dt.date(2018, 1, 1), dt.date(2018, 1, 31))
    assert deadlines.describe(now, rec).startswith(
        "“immediately”, that is on the date of the record that set it: due between "
        "1 January 2018 and 31 January 2018")


def test_a_period_from_the_event_or_from_publication(tmp_path: Path) -> None:
    rec = report(tmp_path)
    event = due(within=1, unit="calendar_days", start="event")
    assert deadlines.window_of(event, rec) == (dt.date(2018, 1, 2), dt.date(2018, 2, 1))
    published = due(within=1, unit="calendar_days", start="publication")
    assert deadlines.window_of(published, rec) == (dt.date(2018, 2, 16), dt.date(2018, 2, 16))
    assert deadlines.describe(published, rec) == \
        "1 calendar day from publication (15 February 2018): due 16 February 2018."
    no_unit = due(within=2, start="event")  # calendar days when no unit is given
    assert deadlines.window_of(no_unit, rec) == (dt.date(2018, 1, 3), dt.date(2018, 2, 2))


def test_working_days_use_the_record_s_case_calendar(tmp_path: Path) -> None:
    rec = report(tmp_path, date="2017-12-22", published="2017-12-22", jurisdiction="GB-SCT")
    five = due(within=5, unit="working_days", start="publication")
    # from Friday 22 December: 27, 28, 29 December, then 3 and 4 January (25, 26 December
    # and 1, 2 January are Scottish bank holidays; in England 2 January is not)
    assert deadlines.window_of(five, rec) == (dt.date(2018, 1, 4), dt.date(2018, 1, 4))
    assert deadlines.describe(five, rec) == "5 working days from publication " \
        "(22 December 2017), not counting weekends or bank holidays in Scotland: due " \
        "4 January 2018."


def test_a_date_of_its_own_ignores_the_record(tmp_path: Path) -> None:
    rec = report(tmp_path)
    dated = due(date=PartialDate.parse("2018-05"))
    assert deadlines.window_of(dated, rec) == (dt.date(2018, 5, 1), dt.date(2018, 5, 31))
    assert deadlines.describe(dated, rec).startswith("by May 2018: due between 1 May 2018 "
                                                     "and 31 May 2018")


def test_a_requirement_s_deadline_is_the_same_as_any_other(tmp_path: Path) -> None:
    case = load(tmp_path, {})
    req = case.requirements[0]
    assert deadlines.due_window(req) == deadlines.window_of(req.due, req.record)
    assert deadlines.describe_due(req) == deadlines.describe(req.due, req.record)
