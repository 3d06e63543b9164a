"""Exact behaviour of casefile.model.responses (#18), the states a reader sees for a duty to
respond: the edges of a due window that a month-dated report makes a range (the first and
last possible due days, the day after), the as-of rule (the case's own date, never the
build day), a duty that falls due after the records end, month ends, two bodies counted
apart, and the order of responses, counts and lines. Written for the mutation run of
responses.py (#17); fictional data only (tests/test_responses.py's coroner's report)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casefile.model import responses as rs
from tests.conftest import plain_id
from tests.test_responses import PFD, ROWS, load, pfd, record, reply, states

COUNCIL_ONLY = "  by: [town-council]\n"
TRUST_ONLY = "  by: [trust]\n"


# -- a report dated only to its month: 56 days from 1 to 31 January 2018 ------------------

def test_a_month_dated_report_gives_a_due_window(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(date="2018-01", respond=COUNCIL_ONLY)}, "2018-03-28")
    [council] = rs.duty_states(record(case, "town-pfd"))
    assert (council.due_from, council.due_until) == (dt.date(2018, 2, 26), dt.date(2018, 3, 28))
    assert council.deadline == "56 calendar days from the event (January 2018): due between " \
        "26 February 2018 and 28 March 2018, because the start date is not known to the day."
    assert rs.describe(record(case, "town-pfd").duty) == council.deadline  # type: ignore[arg-type]
    assert council.first is None
    assert council.duty is record(case, "town-pfd").duty


@pytest.mark.parametrize(("day", "state", "why"), [
    ("2018-02-26", "Responded on time", "on or before the day it was due."),
    ("2018-02-27", "Responded, timing not established", "the dates in the records are too "
     "imprecise to say whether on time."),
    ("2018-03-28", "Responded, timing not established", "the dates in the records are too "
     "imprecise to say whether on time."),
    ("2018-03-29", "Responded late", "after the day it was due."),
], ids=plain_id)
def test_a_reply_is_timed_against_the_first_and_last_possible_due_days(
        tmp_path: Path, day: str, state: str, why: str) -> None:
    case = load(tmp_path, {PFD: pfd(date="2018-01", respond=COUNCIL_ONLY),
                           "cases/town/records/r-1.yml": reply("r-1", day)})
    [council] = rs.duty_states(record(case, "town-pfd"))
    shown = dt.date.fromisoformat(day).strftime("%-d %B %Y")
    sep = ", " if state != "Responded, timing not established" else "; "
    assert (council.term.label, council.explanation) == (
        state, f"Town Council responded in “Reply r-1” ({shown}){sep}{why}")
    assert council.first is not None and council.first.record.id == "r-1"


@pytest.mark.parametrize(("as_of", "label", "why"), [
    ("2018-03-01", "Response pending", "No response from Town Council is recorded as of "
     "1 March 2018; it is due between 26 February 2018 and 28 March 2018."),
    ("2018-03-28", "Response pending", "No response from Town Council is recorded as of "
     "28 March 2018; it is due between 26 February 2018 and 28 March 2018."),
    ("2018-03-29", "No response published", "The response was due between 26 February 2018 "
     "and 28 March 2018 and no document in the records, up to 29 March 2018, is a response "
     "from Town Council. This is not a rejection: the records may not hold the reply."),
], ids=plain_id)
def test_no_response_is_published_only_after_the_last_possible_due_day(
        tmp_path: Path, as_of: str, label: str, why: str) -> None:
    case = load(tmp_path, {PFD: pfd(date="2018-01", respond=COUNCIL_ONLY)}, as_of)
    assert states(case) == [("town-council", label, why)]
    finding = record(case, "town-pfd").findings[1]
    assert rs.item_state(finding, case.subject).label == label


def test_the_as_of_date_is_the_latest_document_as_precise_as_it_is(tmp_path: Path) -> None:
    """The trust's reply dated April 2018 is the latest document: the case stands as of
    1 April 2018, shown as "April 2018"; the council's duty (due 7 March) has passed."""
    case = load(tmp_path, {PFD: pfd(), "cases/town/records/r-trust.yml":
                           reply("r-trust", "2018-04", "trust")})
    assert case.as_of == dt.date(2018, 4, 1)
    assert states(case) == [
        ("town-council", "No response published", "The response was due 7 March 2018 and no "
         "document in the records, up to April 2018, is a response from Town Council. This "
         "is not a rejection: the records may not hold the reply."),
        ("trust", "Responded late", "Town Health Trust responded in “Reply r-trust” "
         "(April 2018), after the day it was due.")]


def test_a_duty_falling_due_after_the_records_end_is_pending(tmp_path: Path) -> None:
    """The council's reply of 1 March 2018 is the latest document; the trust's duty, due
    7 March 2018, falls after it, so the trust's response is pending, not missing."""
    case = load(tmp_path, {PFD: pfd(), "cases/town/records/r-1.yml": reply("r-1", "2018-03-01")})
    assert case.as_of == dt.date(2018, 3, 1)
    assert states(case) == [
        ("town-council", "Responded on time", "Town Council responded in “Reply r-1” "
         "(1 March 2018), on or before the day it was due."),
        ("trust", "Response pending", "No response from Town Health Trust is recorded as of "
         "1 March 2018; it is due 7 March 2018.")]


@pytest.mark.parametrize(("day", "state"), [("2020-02-29", "responded_on_time"),
                                            ("2020-03-01", "responded_late")])
def test_one_month_from_31_january_in_a_leap_year_is_29_february(
        tmp_path: Path, day: str, state: str) -> None:
    month = "  by: [trust]\n  within: 1\n  unit: months\n  from: event\n"
    case = load(tmp_path, {PFD: pfd(date="2020-01-31", respond=month),
                           "cases/town/records/r-trust.yml": reply("r-trust", day, "trust")})
    [trust] = rs.duty_states(record(case, "town-pfd"))
    assert (trust.due_from, trust.due_until, trust.term.value) == (
        dt.date(2020, 2, 29), dt.date(2020, 2, 29), state)
    assert trust.deadline == "1 calendar month from the event (31 January 2020): due " \
        "29 February 2020."


def test_a_duty_with_a_date_of_its_own(tmp_path: Path) -> None:
    dated = "  by: [trust]\n  date: 2018-05\n"
    case = load(tmp_path, {PFD: pfd(respond=dated)}, "2018-05-31")
    [trust] = rs.duty_states(record(case, "town-pfd"))
    assert (trust.due_from, trust.due_until, trust.term.value) == (
        dt.date(2018, 5, 1), dt.date(2018, 5, 31), "response_pending")


# -- two bodies, each on its own ----------------------------------------------------------

def test_each_body_s_first_reply_to_any_item_answers_its_duty(tmp_path: Path) -> None:
    """The council answers the handover finding on 1 March (on time) and staffing on
    20 March: its first response is the 1 March reply. The trust's only reply, 8 March, is
    late, and answered the duty, so its missing answer on handovers is "Not answered in the
    reply", neither pending nor "No response published"; the coroner, who need not
    respond, stays pending on every item."""
    handover = ROWS.split("  - to: c-handover\n")[1]
    case = load(tmp_path, {
        PFD: pfd(),
        "cases/town/records/r-late.yml": reply("r-late", "2018-03-20"),
        "cases/town/records/r-early.yml": reply("r-early", "2018-03-01",
                                                rows="  - to: c-handover\n" + handover),
        "cases/town/records/r-trust.yml": reply("r-trust", "2018-03-08", "trust")},
        "2018-04-01")
    report = record(case, "town-pfd")
    [council, trust] = rs.duty_states(report)
    assert (council.term.value, council.first.record.id) == (  # type: ignore[union-attr]
        "responded_on_time", "r-early")
    assert (trust.term.value, trust.first.record.id) == (  # type: ignore[union-attr]
        "responded_late", "r-trust")
    staffing, handover_item = report.findings
    by = {b.id: b for b in [council.body, trust.body, report.body]}
    assert [rs.item_state(staffing, by[b]).value for b in ("town-council", "trust", "coroner")
            ] == ["accepted", "accepted", "response_pending"]
    assert [rs.item_state(handover_item, by[b]).value for b in ("town-council", "trust",
                                                                "coroner")] == [
        "rejected", "not_answered_in_reply", "response_pending"]
    assert [(c.body.id, c.words) for c in rs.counts(report)] == [
        ("town-council", "accepted 1 · rejected 1 · response pending 0"),
        ("trust", "accepted 1 · not answered in the reply 1 · response pending 0")]


def test_the_latest_response_of_a_body_gives_the_item_s_state(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(respond=COUNCIL_ONLY),
                           "cases/town/records/r-2.yml": reply("r-2", "2018-02-20", rows=ROWS),
                           "cases/town/records/r-1.yml": reply("r-1", "2018-02-01")})
    staffing = record(case, "town-pfd").findings[0]
    assert rs.item_state(staffing, case.subject).value == "accepted_in_part"
    assert [r.record.id for r in rs.answers(staffing)] == ["r-1", "r-2"]


def test_a_day_reply_comes_before_a_month_reply_of_the_same_month(tmp_path: Path) -> None:
    """Both begin on 1 February 2018; the one dated to the day ends first."""
    case = load(tmp_path, {PFD: pfd(),
                           "cases/town/records/r-month.yml": reply("r-month", "2018-02",
                                                                   "trust"),
                           "cases/town/records/r-day.yml": reply("r-day", "2018-02-01")})
    staffing = record(case, "town-pfd").findings[0]
    assert [r.record.id for r in rs.answers(staffing)] == ["r-day", "r-month"]
    assert [b.id for b in rs.responders(record(case, "town-pfd"))] == ["town-council", "trust"]


def test_a_body_outside_the_duty_that_responds_is_counted_after_it(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(respond=TRUST_ONLY),
                           "cases/town/records/r-1.yml": reply("r-1", "2018-02-01"),
                           "cases/town/records/r-2.yml": reply("r-2", "2018-02-02",
                                                               "inspectorate")})
    report = record(case, "town-pfd")
    assert [b.id for b in rs.responders(report)] == ["trust", "town-council", "inspectorate"]
    assert [(c.body.id, c.words) for c in rs.counts(report)] == [
        ("trust", "response pending 2"),
        ("town-council", "accepted 1 · not answered in the reply 1 · response pending 0"),
        ("inspectorate", "accepted 1 · not answered in the reply 1 · response pending 0")]


def test_site_statuses_come_after_the_built_in_ones_by_value(tmp_path: Path) -> None:
    vocabulary = """\
response_statuses:
  - value: later
    label: Later
    description: Put off.
  - value: awaiting
    label: Awaiting
    description: Waiting on another body.
"""
    rows = ROWS.replace("status: accepted_in_part", "status: later").replace(
        "status: rejected", "status: awaiting")
    case = load(tmp_path, {"vocabulary.yml": vocabulary, PFD: pfd(respond=COUNCIL_ONLY),
                           "cases/town/records/r-1.yml": reply("r-1", "2018-02-01", rows=rows)})
    [council] = rs.counts(record(case, "town-pfd"))
    assert council.words == "awaiting 1 · later 1 · response pending 0"
    rows = ROWS.replace("status: accepted_in_part", "status: rejected").replace(
        "status: rejected\n    cite:\n      - source: reply\n        quote: We do not",
        "status: accepted\n    cite:\n      - source: reply\n        quote: We do not")
    case = load(tmp_path / "b", {PFD: pfd(respond=COUNCIL_ONLY),
                                 "cases/town/records/r-1.yml": reply("r-1", "2018-02-01",
                                                                     rows=rows)})
    [council] = rs.counts(record(case, "town-pfd"))
    assert council.words == "accepted 1 · rejected 1 · response pending 0"


# -- a finding's lines --------------------------------------------------------------------

PENDING_TRUST = ("Response pending — Town Health Trust: “Report to prevent future deaths” "
                 "(10 January 2018) set a duty to respond, due 7 March 2018; as of 1 March "
                 "2018, no document in the records is a response from Town Health Trust.")


def test_lines_give_replies_then_each_body_still_owing_one(tmp_path: Path) -> None:
    handover = ROWS.split("  - to: c-handover\n")[1]
    case = load(tmp_path, {PFD: pfd(),
                           "cases/town/records/r-1.yml": reply(
                               "r-1", "2018-02-01", rows="  - to: c-handover\n" + handover)},
                "2018-03-01")
    staffing, handover_item = record(case, "town-pfd").findings
    assert [(x.term.value, x.words, x.response is None) for x in rs.lines(staffing)] == [
        ("not_answered_in_reply", "Not answered in the reply — Town Council: its reply to "
         "this report, “Reply r-1” (1 February 2018), gives no response to this finding.",
         True),
        ("response_pending", PENDING_TRUST, True)]
    [given, trust] = rs.lines(handover_item)
    assert (given.term.value, given.words, [c.quote for c in given.cites]) == (
        "rejected", "Rejected — Town Council, 1 February 2018", ["We do not accept this."])
    assert given.response is handover_item.responses[0]
    assert trust.words == PENDING_TRUST


def test_lines_after_the_due_day_say_no_response_published(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(respond=TRUST_ONLY)}, "2018-03-08")
    staffing = record(case, "town-pfd").findings[0]
    assert [(x.term.value, x.words) for x in rs.lines(staffing)] == [
        ("no_response_published", "No response published — Town Health Trust: “Report to "
         "prevent future deaths” (10 January 2018) set a duty to respond, due 7 March 2018; "
         "as of 8 March 2018, no document in the records is a response from Town Health "
         "Trust, and this is not a rejection: the records may not hold the reply.")]


def test_a_record_without_a_duty_lists_only_its_replies(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(type_="report", respond="").replace("respond:\n", ""),
                           "cases/town/records/r-1.yml": reply("r-1", "2018-02-01")})
    staffing, handover = record(case, "town-pfd").findings
    assert [x.words for x in rs.lines(staffing)] == ["Accepted — Town Council, 1 February 2018"]
    assert rs.lines(handover) == []
    assert rs.item_state(handover, case.subject).value == "not_answered_in_reply"


def test_counts_order_built_in_then_site_statuses_then_unpublished_then_pending() -> None:
    """The order of a count's keys (``counts`` and the open data's response_counts): a
    site's statuses after the built-in ones, by value, even one that sorts after
    "response_pending"; the built-in ones in their own order, not by name."""
    keys = ["response_pending", "superseded", "no_response_published", "awaiting", "rejected",
            "under_consideration", "accepted"]
    assert sorted(keys, key=rs._order) == [
        "accepted", "under_consideration", "rejected", "awaiting", "superseded",
        "no_response_published", "response_pending"]


def test_a_body_s_counts_keep_built_in_order_and_put_site_statuses_before_pending(
        tmp_path: Path) -> None:
    vocabulary = """\
response_statuses:
  - value: superseded
    label: Superseded
    description: Overtaken by later events.
"""
    rows = ROWS.replace("status: accepted_in_part", "status: superseded")
    third = "  - to: c-third\n    status: under_consideration\n    cite: [reply]\n"
    report = pfd(respond=COUNCIL_ONLY).replace("respond:\n", (
        "  - id: c-third\n    theme: leadership\n    text: Poor records.\n    cite: [pfd]\n"
        "respond:\n"))
    case = load(tmp_path, {"vocabulary.yml": vocabulary, PFD: report,
                           "cases/town/records/r-1.yml": reply("r-1", "2018-02-01",
                                                               rows=rows + third)})
    [council] = rs.counts(record(case, "town-pfd"))
    assert council.words == "under consideration 1 · rejected 1 · superseded 1 · " \
        "response pending 0"


def test_a_reply_line_names_the_body_as_it_was_then(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(date="2017-11-01", respond="").replace("respond:\n", ""),
                           "cases/town/records/r-1.yml": reply("r-1", "2017-12-01",
                                                               "inspectorate")})
    staffing = record(case, "town-pfd").findings[0]
    assert [x.words for x in rs.lines(staffing)] == [
        "Accepted — OI (now New Inspectorate), 1 December 2017"]


def test_a_line_owing_a_reply_gives_the_whole_due_window(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(date="2018-01", respond=TRUST_ONLY)}, "2018-03-01")
    staffing = record(case, "town-pfd").findings[0]
    assert [x.words for x in rs.lines(staffing)] == [
        "Response pending — Town Health Trust: “Report to prevent future deaths” (January "
        "2018) set a duty to respond, due between 26 February 2018 and 28 March 2018; as of "
        "1 March 2018, no document in the records is a response from Town Health Trust."]
