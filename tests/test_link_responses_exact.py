"""Exact located errors of casefile.model.link_responses (#18): a response's target, body and
status, and a duty's bodies and period, each problem at its file, line and column. Written
for the mutation run of link_responses.py (#17); fictional data only (tests/test_responses.py's
coroner's report)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.model import responses as rs
from tests.conftest import MINI, plain_id
from tests.test_responses import PFD, ROWS, load, pfd, problems, record, reply

R1 = "cases/town/records/r-1.yml"
OWN = """\
responses:
  - to: c-staffing
    status: accepted
    cite: [pfd]
"""


def test_a_record_cannot_respond_to_its_own_finding(tmp_path: Path) -> None:
    assert problems(tmp_path, {PFD: pfd() + OWN}) == [
        "data/cases/town/records/town-pfd.yml:20:9: responses[0].to: a record cannot "
        "respond to its own 'c-staffing'"]


def test_one_response_per_body_to_an_item_in_a_record(tmp_path: Path) -> None:
    rows = ROWS.replace("to: c-handover", "to: c-staffing")
    assert problems(tmp_path, {PFD: pfd(), R1: reply("r-1", "2018-02-01", rows=rows)}) == [
        "data/cases/town/records/r-1.yml:14:9: responses[1].to: this record already gives "
        "Town Council's response to 'c-staffing'; give one response per body, with several "
        "citations if needed"]


def test_two_bodies_may_each_respond_in_one_record(tmp_path: Path) -> None:
    rows = ROWS.replace("to: c-handover", "to: c-staffing").replace(
        "    status: rejected\n", "    status: rejected\n    by: trust\n")
    case = load(tmp_path, {PFD: pfd(), R1: reply("r-1", "2018-02-01", rows=rows)})
    staffing = record(case, "town-pfd").findings[0]
    assert [(r.by.id, r.status.value, r.record.id) for r in rs.answers(staffing)] == [
        ("town-council", "accepted_in_part", "r-1"), ("trust", "rejected", "r-1")]
    assert [(r.to.id, r.by.id) for r in record(case, "r-1").responses] == [
        ("c-staffing", "town-council"), ("c-staffing", "trust")]


def test_an_unknown_responding_body_is_located(tmp_path: Path) -> None:
    rows = ROWS.replace("    status: rejected\n", "    status: rejected\n    by: trusts\n")
    assert problems(tmp_path, {PFD: pfd(), R1: reply("r-1", "2018-02-01", rows=rows)}) == [
        "data/cases/town/records/r-1.yml:16:9: responses[1].by: no body with id 'trusts'; "
        "did you mean 'trust'?"]


def test_a_response_on_the_day_of_the_report_is_allowed(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(), R1: reply("r-1", "2018-01-10")})
    assert [r.record.id for r in record(case, "town-pfd").findings[0].responses] == ["r-1"]


def test_a_duty_with_both_a_date_and_a_period_is_located(tmp_path: Path) -> None:
    both = "  by: [trust]\n  date: 2018-05-01\n  within: 56\n  unit: calendar_days\n" \
        "  from: event\n"
    assert problems(tmp_path, {PFD: pfd(respond=both)}) == [
        "data/cases/town/records/town-pfd.yml:19:9: respond.date: give either date or "
        "within, unit and from, not both"]


def test_a_body_named_twice_in_a_duty_is_located(tmp_path: Path) -> None:
    assert problems(tmp_path, {PFD: pfd(respond="  by: [trust, town-council, trust]\n")}) == [
        "data/cases/town/records/town-pfd.yml:18:7: respond.by: each body that must respond "
        "is named once"]


def test_an_unknown_body_in_a_duty_is_located_once(tmp_path: Path) -> None:
    assert problems(tmp_path, {PFD: pfd(respond="  by: [trust, nobody]\n")}) == [
        "data/cases/town/records/town-pfd.yml:18:7: respond.by: no body with id 'nobody'"]


def test_a_duty_s_own_period_is_kept_as_written(tmp_path: Path) -> None:
    own = "  by: [trust]\n  within: 3\n  unit: months\n  from: publication\n" \
        "  as_written: within three months of publication\n"
    case = load(tmp_path, {PFD: pfd(respond=own).replace(
        "date: 2018-01-10\n", "date: 2018-01-10\npublished: 2018-01-20\n")})
    duty = record(case, "town-pfd").duty
    assert duty is not None
    assert (duty.due.within, duty.due.unit, duty.due.start, duty.due.as_written,
            duty.due.date, duty.from_type, [b.id for b in duty.by]) == (
        3, "months", "publication", "within three months of publication", None, False,
        ["trust"])
    [trust] = rs.duty_states(record(case, "town-pfd"))
    assert trust.due_until.isoformat() == "2018-04-20"


def test_a_type_s_default_period_fills_the_duty(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd()})
    duty = record(case, "town-pfd").duty
    assert duty is not None
    assert (duty.due.within, duty.due.unit, duty.due.start, duty.due.date, duty.from_type) == (
        56, "calendar_days", "event", None, True)
    assert [b.id for b in duty.by] == ["town-council", "trust"]


def test_a_response_to_another_case_s_finding_is_located(tmp_path: Path) -> None:
    other = MINI["cases/town/case.yml"].replace("id: town\n", "id: other\n")
    report = pfd().replace("id: town-pfd\n", "id: other-pfd\n").replace(
        "c-staffing", "o-staffing").replace("c-handover", "o-handover")
    rows = ROWS.replace("to: c-handover", "to: o-handover")
    assert problems(tmp_path, {PFD: pfd(), "cases/other/case.yml": other,
                               "cases/other/records/other-pfd.yml": report,
                               R1: reply("r-1", "2018-02-01", rows=rows)}) == [
        "data/cases/town/records/r-1.yml:14:9: responses[1].to: 'o-handover' belongs to "
        "case 'other', not 'town'; a response answers a record of its own case"]


def test_a_response_keeps_its_note(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(), R1: reply("r-1", "2018-02-01")})
    [response] = record(case, "r-1").responses
    assert (response.note, response.to.id, response.by.id, response.status.value) == (
        "New staff are being hired.", "c-staffing", "town-council", "accepted")


TWICE = """\
  - to: {to}
    status: {status}
    cite: [reply]
  - to: {to}
    status: accepted
    cite: [reply]
"""


def test_a_response_in_error_is_not_counted_as_the_body_s_one_response(
        tmp_path: Path) -> None:
    """Each row in error is reported once, and is not kept: the same body's next row to the
    same item is not then reported as a second response."""
    rows = TWICE.format(to="c-staffing", status="refused")
    assert problems(tmp_path, {PFD: pfd(), R1: reply("r-1", "2018-02-01", rows=rows)}) == [
        "data/cases/town/records/r-1.yml:10:13: responses[0].status: 'refused' is not "
        "allowed (allowed: accepted, accepted_in_part, accepted_in_principle, "
        "under_consideration, noted, rejected)"]
    rows = TWICE.format(to="c-staffing", status="accepted").replace(
        "    status: accepted\n    cite: [reply]\n  - to", "    status: accepted\n"
        "    by: trusts\n    cite: [reply]\n  - to", 1)
    assert problems(tmp_path / "b", {PFD: pfd(), R1: reply("r-1", "2018-02-01", rows=rows)}
                    ) == ["data/cases/town/records/r-1.yml:11:9: responses[0].by: no body "
                          "with id 'trusts'; did you mean 'trust'?"]


@pytest.mark.parametrize(("date", "to", "why"), [
    ("2018-01-09", "c-staffing", "this response is dated 9 January 2018, before the record "
     "it answers (10 January 2018, record 'town-pfd'): check the date in the source"),
    ("2018-02-01", "o-staffing", "'o-staffing' belongs to case 'other', not 'town'; a "
     "response answers a record of its own case"),
], ids=plain_id)
def test_a_response_that_cannot_answer_is_reported_for_each_row(
        tmp_path: Path, date: str, to: str, why: str) -> None:
    other = MINI["cases/town/case.yml"].replace("id: town\n", "id: other\n")
    report = pfd().replace("id: town-pfd\n", "id: other-pfd\n").replace(
        "c-staffing", "o-staffing").replace("c-handover", "o-handover")
    moved = {"cases/other/case.yml": other, "cases/other/records/other-pfd.yml": report}
    rows = TWICE.format(to=to, status="accepted")
    assert problems(tmp_path, {**moved, PFD: pfd(), R1: reply("r-1", date, rows=rows)}) == [
        f"data/cases/town/records/r-1.yml:9:9: responses[0].to: {why}",
        f"data/cases/town/records/r-1.yml:12:9: responses[1].to: {why}"]


def test_a_record_cannot_answer_its_own_item_twice_over(tmp_path: Path) -> None:
    rows = TWICE.format(to="c-staffing", status="accepted").replace("[reply]", "[pfd]")
    assert problems(tmp_path, {PFD: pfd() + "responses:\n" + rows}) == [
        "data/cases/town/records/town-pfd.yml:20:9: responses[0].to: a record cannot "
        "respond to its own 'c-staffing'",
        "data/cases/town/records/town-pfd.yml:23:9: responses[1].to: a record cannot "
        "respond to its own 'c-staffing'"]


def test_responses_to_items_in_error_are_not_reported_again(tmp_path: Path) -> None:
    """A requirement that cannot be linked (its id is already a record's) is reported where
    it is written: a response to it, and a duty on its record, add nothing."""
    report = pfd(type_="report", respond="  by: [trust]\n  date: 2018-05-01\n").replace(
        "findings:\n  - id: c-staffing\n    theme: safeguarding\n", "requirements:\n"
        "  - id: town-follow-up\n").replace("  - id: c-handover\n    theme: leadership\n"
                                            "    text: Poor handovers.\n    cite: [pfd]\n", "")
    rows = "  - to: town-follow-up\n    status: accepted\n    cite: [reply]\n"
    errors = problems(tmp_path, {PFD: report, R1: reply("r-1", "2018-02-01", rows=rows)})
    assert [e.split(": ", 2)[1] for e in errors] == ["requirements[0].id"]
    assert errors[0].endswith("duplicate id 'town-follow-up': already used at "
                              "data/cases/town/records/town-follow-up.yml:1:5; ids must be "
                              "unique across the whole data set")


def test_a_duty_on_findings_in_error_is_not_reported_again(tmp_path: Path) -> None:
    report = pfd().replace("theme: safeguarding", "theme: safety").replace(
        "theme: leadership", "theme: leadershp")
    errors = problems(tmp_path, {PFD: report})
    assert [e.split(": ", 2)[1] for e in errors] == ["findings[0].theme", "findings[1].theme"]
