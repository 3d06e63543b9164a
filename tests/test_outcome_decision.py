"""The outcome decision at its boundaries, with every sentence a reader sees, exactly.

The Town Council fixture (tests/conftest.py MINI): the inspection is dated July 2017 and
published Monday 2 October 2017; its requirement is due 20 working days from publication
(Monday 30 October 2017 in England); the follow-up is dated 1 March 2018. Each status is a
public claim about a named body, so each is pinned on the day it changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import icalendar
import pytest
from bs4 import BeautifulSoup

from casefile.model import deadlines, vocab
from casefile.model import objects as m
from casefile.model.dates import PartialDate
from casefile.model.deadlines import describe_due, due_window, outcome
from casefile.outputs.feeds import calendar
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import REPO

D = dt.date
P = PartialDate.parse
NOT_FOUND = "Not shown as fulfilled as of"
FOLLOW_UP = "“Follow-up” (1 March 2018)"
FROM_PUBLICATION = ("20 working days from publication (2 October 2017), not counting weekends "
                    "or bank holidays in England: due 30 October 2017.")


def _req(mini: Path, due: m.Due | str | None = "keep", done: str | None = None,
         report: str | None = None) -> m.Requirement:
    """The fixture's requirement; ``due`` replaces its deadline, ``done`` dates the follow-up
    that then fulfils it, ``report`` adds the inspectorate's reported outcome."""
    dataset = load_dataset(mini, use_cache=False, jurisdiction="GB-ENG")  # the site's
    req = dataset.cases["town"].requirements[0]
    if due != "keep":
        req.due = due  # type: ignore[assignment]
    if done is not None:
        req.fulfilled_by = dataset.cases["town"].records[1]
        req.fulfilled_by.date = P(done)
    if report is not None:
        req.reported = m.Reported(vocab.OUTCOMES[report], dataset.bodies["inspectorate"], [])
    return req


def by(date: str) -> m.Due:
    return m.Due(P(date), None, None, None, None, None)


def within(count: int, unit: str | None, start: str | None) -> m.Due:
    return m.Due(None, count, unit, start, None, None)


# -- the due day, the day after, the last day of a window --------------------------------

@pytest.mark.parametrize(("as_of", "term", "why"), [
    (D(2017, 10, 29), "outstanding", f"{NOT_FOUND} 29 October 2017."),
    (D(2017, 10, 30), "outstanding", f"{NOT_FOUND} 30 October 2017."),  # the due day itself
    (D(2017, 10, 31), "overdue", "The deadline has passed and no document in the records, "
                                 "up to 31 October 2017, shows that it was met."),
])
def test_status_on_the_due_day_and_the_day_after(mini: Path, as_of: dt.date, term: str,
                                                 why: str) -> None:
    found = outcome(_req(mini), as_of)
    assert (found.term.value, found.explanation) == (term, why)
    assert (found.deadline, found.due_from, found.due_until) == (
        FROM_PUBLICATION, D(2017, 10, 30), D(2017, 10, 30))
    assert found.reported is None and found.records_term is None


def test_the_as_of_date_is_shown_as_precisely_as_given(mini: Path) -> None:
    assert outcome(_req(mini), D(2017, 11, 1), "November 2017").explanation == (
        "The deadline has passed and no document in the records, up to November 2017, "
        "shows that it was met.")


@pytest.mark.parametrize(("as_of", "term"), [
    (D(2018, 3, 1), "outstanding"), (D(2018, 3, 31), "outstanding"),  # the window's last day
    (D(2018, 4, 1), "overdue")])
def test_a_window_is_past_due_only_after_its_last_day(mini: Path, as_of: dt.date,
                                                      term: str) -> None:
    found = outcome(_req(mini, by("2018-03")), as_of)
    assert found.term.value == term
    assert (found.due_from, found.due_until) == (D(2018, 3, 1), D(2018, 3, 31))


@pytest.mark.parametrize(("due", "done", "term", "why"), [
    ("2018-03-01", "2018-03-01", "met_on_time",  # fulfilled on the due day
     f"Shown fulfilled by {FOLLOW_UP}, on or before the deadline."),
    ("2018-03-01", "2018-02-28", "met_on_time",
     "Shown fulfilled by “Follow-up” (28 February 2018), on or before the deadline."),
    ("2018-02-28", "2018-03-01", "met_late",  # the day after
     f"Shown fulfilled by {FOLLOW_UP}, after the deadline."),
    ("2018-03", "2018-03-01", "met_on_time", f"Shown fulfilled by {FOLLOW_UP}, on or before "
                                             "the deadline."),  # a window's first day
    ("2018-03", "2018-03-31", "met",  # inside the window: whether on time is not settled
     "Shown fulfilled by “Follow-up” (31 March 2018); the dates in the records are too "
     "imprecise to say whether on time."),
    ("2018-03-31", "2018-03", "met_on_time",  # fulfilled some day in March, due on the 31st
     "Shown fulfilled by “Follow-up” (March 2018), on or before the deadline."),
    ("2018-03-01", "2018-03", "met",
     "Shown fulfilled by “Follow-up” (March 2018); the dates in the records are too "
     "imprecise to say whether on time."),
    ("2018-02-28", "2018-03", "met_late",
     "Shown fulfilled by “Follow-up” (March 2018), after the deadline."),
])
def test_fulfilled_at_the_boundaries(mini: Path, due: str, done: str, term: str,
                                     why: str) -> None:
    found = outcome(_req(mini, by(due), done), D(2020, 1, 1))
    assert (found.term.value, found.explanation) == (term, why)


def test_no_deadline_and_earliest_opportunity(mini: Path) -> None:
    found = outcome(_req(mini, None, "2018-03-01"), D(2020, 1, 1))
    assert (found.term.value, found.explanation, found.deadline) == (
        "met_no_deadline", f"Shown fulfilled by {FOLLOW_UP}; no deadline was set.", "None set.")
    assert (found.due_from, found.due_until) == (None, None)
    found = outcome(_req(mini, None), D(2020, 1, 1))
    assert (found.term.value, found.explanation) == (
        "outstanding", f"{NOT_FOUND} 1 January 2020; no deadline was set.")
    asap = m.Due(None, None, None, None, None, None, "earliest_opportunity",
                 "At the earliest opportunity")
    found = outcome(_req(mini, asap), D(2030, 1, 1))
    assert (found.term.value, found.explanation, found.deadline) == (
        "outstanding", f"{NOT_FOUND} 1 January 2030; it was asked for “At the earliest "
        "opportunity”, which sets no date.",
        "“At the earliest opportunity”: no date can be computed, so it is never shown as "
        "past due.")
    assert outcome(_req(mini, asap, "2018-03-01"), D(2030, 1, 1)).explanation == (
        f"Shown fulfilled by {FOLLOW_UP}; it was asked for “At the earliest opportunity”, "
        "which sets no date.")


def test_superseded(mini: Path) -> None:
    req = _req(mini)
    dataset_follow_up = req.record.case.records[1]
    req.superseded_by = dataset_follow_up
    found = outcome(req, D(2020, 1, 1))
    assert (found.term.value, found.explanation) == (
        "superseded", f"Followed by {FOLLOW_UP} before the records show it was met.")


# -- where a period is counted from, and the deadline sentence ---------------------------

@pytest.mark.parametrize(("due", "window", "sentence"), [
    (within(20, "working_days", "publication"), (D(2017, 10, 30), D(2017, 10, 30)),
     FROM_PUBLICATION),
    # from the event: the inspection is known only to the month (July 2017); from 31 July,
    # the 20th working day skips the Summer Bank Holiday, Monday 28 August 2017
    (within(20, "working_days", "event"), (D(2017, 7, 28), D(2017, 8, 29)),
     "20 working days from the event (July 2017), not counting weekends or bank holidays in "
     "England: due between 28 July 2017 and 29 August 2017, because the start date is not "
     "known to the day."),
    (within(20, None, None), (D(2017, 7, 21), D(2017, 8, 20)),
     "20 calendar days from the event (July 2017): due between 21 July 2017 and 20 August "
     "2017, because the start date is not known to the day."),
    (within(1, "working_days", "publication"), (D(2017, 10, 3), D(2017, 10, 3)),
     "1 working day from publication (2 October 2017), not counting weekends or bank "
     "holidays in England: due 3 October 2017."),
    (within(1, "calendar_days", "publication"), (D(2017, 10, 3), D(2017, 10, 3)),
     "1 calendar day from publication (2 October 2017): due 3 October 2017."),
    (within(2, "weeks", "publication"), (D(2017, 10, 16), D(2017, 10, 16)),
     "2 weeks from publication (2 October 2017): due 16 October 2017."),
    (within(1, "months", "publication"), (D(2017, 11, 2), D(2017, 11, 2)),
     "1 calendar month from publication (2 October 2017): due 2 November 2017."),
    (within(1, "years", "publication"), (D(2018, 10, 2), D(2018, 10, 2)),
     "1 year from publication (2 October 2017): due 2 October 2018."),
    (by("2018-03-05"), (D(2018, 3, 5), D(2018, 3, 5)), "by 5 March 2018: due 5 March 2018."),
    (by("2018-03"), (D(2018, 3, 1), D(2018, 3, 31)),
     "by March 2018: due between 1 March 2018 and 31 March 2018, because the deadline is "
     "stated only to the month."),
    (by("2018"), (D(2018, 1, 1), D(2018, 12, 31)),
     "by 2018: due between 1 January 2018 and 31 December 2018, because the deadline is "
     "stated only to the year."),
    (m.Due(PartialDate.span(D(2018, 1, 1), D(2018, 4, 30), "early 2018"), None, None, None,
           None, None),
     (D(2018, 1, 1), D(2018, 4, 30)),
     "by early 2018: due between 1 January 2018 and 30 April 2018, because the deadline is "
     "stated as “early 2018”."),
    (m.Due(PartialDate.span(D(2022, 11, 30), D(2022, 11, 30), "by autumn 2022"), None, None,
           None, None, None),
     (D(2022, 11, 30), D(2022, 11, 30)),
     "“by autumn 2022”: due 30 November 2022, the last day it allows."),
    (m.Due(None, None, None, None, None, None, "immediately", "Immediately"),
     (D(2017, 7, 1), D(2017, 7, 31)),
     "“Immediately”, that is on the date of the record that set it: due between 1 July 2017 "
     "and 31 July 2017, because the record's date is not known to the day."),
])
def test_the_deadline_sentence(mini: Path, due: m.Due, window: tuple[dt.date, dt.date],
                               sentence: str) -> None:
    req = _req(mini, due)
    assert due_window(req) == window
    assert describe_due(req) == sentence


def test_a_period_from_the_event_is_counted_from_the_event(mini: Path) -> None:
    """Published after its event: the two starts give different windows."""
    req = _req(mini, within(10, "calendar_days", "event"))
    req.record.date = P("2017-09-01")
    assert due_window(req) == (D(2017, 9, 11), D(2017, 9, 11))
    req.due = within(10, "calendar_days", "publication")
    assert due_window(req) == (D(2017, 10, 12), D(2017, 10, 12))
    req.record.published = None  # no publication date: counted from the record's date
    assert due_window(req) == (D(2017, 9, 11), D(2017, 9, 11))


def test_immediately_on_a_record_known_to_the_day(mini: Path) -> None:
    req = _req(mini, m.Due(None, None, None, None, None, None, "immediately", "immediately"))
    req.record.date = P("2017-07-12")
    assert describe_due(req) == ("“immediately”, that is on the date of the record that set "
                                 "it: due 12 July 2017.")
    assert outcome(req, D(2017, 7, 12)).term.value == "outstanding"
    assert outcome(req, D(2017, 7, 13)).term.value == "overdue"


@pytest.mark.parametrize(("code", "words"), [
    ("GB-ENG", "not counting weekends or bank holidays in England"),
    ("GB-SCT", "not counting weekends or bank holidays in Scotland"),
    ("GB-NIR", "not counting weekends or bank holidays in Northern Ireland"),
    ("IE", "not counting weekends or public holidays in Ireland"),
    ("IL", "not counting Fridays and Saturdays or public holidays in Israel"),
])
def test_working_days_name_the_calendar(code: str, words: str) -> None:
    assert deadlines.not_counting(code) == words


# -- the sentence on the page and in the calendar feed -----------------------------------

def test_the_deadline_sentence_on_the_page_and_in_the_feed(mini: Path) -> None:
    renderer = Renderer(load_dataset(mini, use_cache=False, jurisdiction="GB-ENG"),
                        REPO / "macros")
    view = renderer.views["town"]
    table = BeautifulSoup(renderer.macro("deadlines", "cases/town.md", view=view),
                          "html.parser")
    assert FROM_PUBLICATION in table.get_text(" ", strip=True)
    feed = icalendar.Calendar.from_ical(calendar("Deadlines", [view], renderer.dataset.as_of))
    event = feed.walk("VEVENT")[0]
    assert str(event["DESCRIPTION"]) == (
        "Town Council children's services. " + FROM_PUBLICATION + " Outcome as of 1 March "
        "2018: Past due: no record that it was met. The deadline has passed and no document "
        "in the records, up to 1 March 2018, shows that it was met.")
    assert (event["DTSTART"].dt, event["DTEND"].dt) == (D(2017, 10, 30), D(2017, 10, 31))


# -- a reported outcome: both sides, and who says what -----------------------------------

ON_TIME = f"Shown fulfilled by {FOLLOW_UP}, on or before the deadline."


@pytest.mark.parametrize(("due", "done", "report", "term", "why"), [
    ("2018-03-01", "2018-03-01", "not_met", "disputed",
     f"The records show it met on time: {FOLLOW_UP}. New Inspectorate reports it as: not met."),
    ("2018-03-01", "2018-03-01", "met_late", "disputed",
     f"The records show it met on time: {FOLLOW_UP}. New Inspectorate reports it as: met "
     "late."),
    ("2018-02-28", "2018-03-01", "met_on_time", "disputed",
     f"The records show it met late: {FOLLOW_UP}. New Inspectorate reports it as: met on "
     "time."),
    ("2018-03", "2018-03-15", "partly_met", "disputed",
     "The records show it met: “Follow-up” (15 March 2018). New Inspectorate reports it "
     "as: partly met."),
    ("2018-03-01", "2018-03-01", "met_on_time", "met_on_time",
     f"{ON_TIME} New Inspectorate also reports it as met on time."),
    ("2018-03-01", "2018-03-01", "met", "met_on_time",
     f"{ON_TIME} New Inspectorate also reports it as met."),
    ("2018-03-01", "2018-03-01", "suspended", "met_on_time",
     f"{ON_TIME} New Inspectorate reports it as: suspended."),
    ("2018-03", "2018-03-15", "met_late", "met_late",  # fulfilled, dates inconclusive
     "Shown fulfilled by “Follow-up” (15 March 2018); the dates alone cannot show whether "
     "on time. New Inspectorate reports it as: met late."),
    ("2018-03", "2018-03-15", "met", "met",
     "Shown fulfilled by “Follow-up” (15 March 2018); the dates in the records are too "
     "imprecise to say whether on time. New Inspectorate also reports it as met."),
    ("2018-03-01", None, "partly_met", "partly_met",  # past due in the records
     "No document in the records shows it was met. New Inspectorate reports it as: partly "
     "met."),
    ("2018-03-01", None, "met_on_time", "met_on_time",
     "No document in the records shows it was met. New Inspectorate reports it as: met on "
     "time."),
])
def test_a_reported_outcome(mini: Path, due: str, done: str | None, report: str, term: str,
                            why: str) -> None:
    req = _req(mini, by(due), done, report)
    found = outcome(req, D(2020, 1, 1))
    assert (found.term.value, found.explanation) == (term, why)
    assert found.reported is req.reported  # the report, and so its citation, is kept
    req.reported = None
    plain = outcome(req, D(2020, 1, 1))
    assert found.records_term == plain.term
    assert (found.deadline, found.due_from, found.due_until) == (
        plain.deadline, plain.due_from, plain.due_until)


def test_both_say_superseded(mini: Path) -> None:
    req = _req(mini, by("2018-03-01"), None, "superseded")
    req.superseded_by = req.record.case.records[1]
    found = outcome(req, D(2020, 1, 1))
    assert (found.term.value, found.records_term.value if found.records_term else None) == (
        "superseded", "superseded")
    assert found.explanation == (f"Followed by {FOLLOW_UP} before the records show it was "
                                 "met. New Inspectorate also reports it as superseded.")


@pytest.mark.parametrize("records", ["met_on_time", "met_late", "met", "met_no_deadline"])
@pytest.mark.parametrize("reported", sorted(vocab.REPORTED_OUTCOMES))
def test_what_contradicts_the_records(records: str, reported: str) -> None:
    expected = reported in ("not_met", "partly_met") or {records, reported} == {
        "met_on_time", "met_late"}
    assert deadlines.contradicts(records, reported) is expected
    for silent in ("outstanding", "overdue", "superseded"):
        assert deadlines.contradicts(silent, reported) is False


def test_the_latest_documents_first_day(mini: Path) -> None:
    case = load_dataset(mini, use_cache=False).cases["town"]
    assert deadlines.latest_document(case) == D(2018, 3, 1)  # the follow-up
    case.records[1].date = P("2019")  # only the year: its first day, never later
    assert deadlines.latest_document(case) == D(2019, 1, 1)
    nothing = SimpleNamespace(records=[], cites=[], money=[], requirements=[])
    assert deadlines.latest_document_date(nothing) is None  # type: ignore[arg-type]
    assert deadlines.latest_document(nothing) == D(1970, 1, 1)  # type: ignore[arg-type]


def test_between_equal_first_days_the_more_precise_date_is_kept(mini: Path) -> None:
    case = load_dataset(mini, use_cache=False).cases["town"]
    case.records[1].date = P("2019")
    case.records[1].published = P("2019-01")
    assert deadlines.latest_document_date(case) == P("2019-01")
    case.records[0].published = P("2019-01-01")
    assert deadlines.latest_document_date(case) == P("2019-01-01")


def test_why_the_case_is_as_of_that_day(mini: Path) -> None:
    case = load_dataset(mini, use_cache=False).cases["town"]
    assert deadlines.case_as_of(case) == (
        D(2018, 3, 1), P("2018-03-01"), "the date of the latest document in this case's records")
    assert deadlines.case_as_of(case, D(2019, 5, 1)) == (
        D(2019, 5, 1), P("2019-05-01"), "a date the editors set for this site")
    case.as_of_given = D(2019, 6, 2)
    assert deadlines.case_as_of(case, D(2019, 5, 1)) == (
        D(2019, 6, 2), P("2019-06-02"), "a date the editors set for this case")
