"""Responses to findings and requirements, and duties to respond (#18 part 1): the model
and its decisions, in process, with exact values and sentences. A fictional coroner's
report (tests/conftest.py MINI, plus a coroner and a health trust) sets the statutory
56-day duty of its record type; the boundaries are the due day and the day after, a
month-end period, a bank holiday in working days, and records that stop before a duty
falls due. Fictional data only."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.model import responses as rs
from casefile.model import vocab
from casefile.outputs.opendata import from_json, to_json
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import REPO, write_mini

PFD = "cases/town/records/town-pfd.yml"
CASE = "cases/town/case.yml"
BODIES = {
    "bodies/coroner.yml": "id: coroner\nkind: coroner\nnames:\n  - name: Area Coroner\n",
    "bodies/trust.yml": "id: trust\nkind: health\nnames:\n  - name: Town Health Trust\n",
    "sources/pfd.yml": """\
id: pfd
title: Regulation 28 report to prevent future deaths
publisher: coroner
kind: report
published: 2018-01-10
language: en
""",
    "sources/reply.yml": """\
id: reply
title: Reply to the coroner
publisher: town-council
kind: letter
published_note: The letter is not dated; the record gives the day it was sent.
language: en
""",
}


def pfd(date: str = "2018-01-10", respond: str = "  by: [town-council, trust]\n",
        type_: str = "pfd_report") -> str:
    return f"""\
id: town-pfd
type: {type_}
title: Report to prevent future deaths
date: {date}
body: coroner
summary: The coroner reported concerns.
cite: [pfd]
findings:
  - id: c-staffing
    theme: safeguarding
    text: Too few staff.
    cite: [pfd]
  - id: c-handover
    theme: leadership
    text: Poor handovers.
    cite: [pfd]
respond:
{respond}"""


def reply(ident: str, date: str, by: str = "", rows: str = "") -> str:
    rows = rows or """\
  - to: c-staffing
    status: accepted
    note: New staff are being hired.
    cite:
      - source: reply
        quote: We accept this concern in full.
"""
    return f"""\
id: {ident}
type: pfd_response
title: Reply {ident}
date: {date}
body: {by or "town-council"}
summary: A reply to the coroner.
cite: [reply]
responses:
{rows}"""


Files = dict[str, str | tuple[str, str]]


def load(tmp_path: Path, files: Files, as_of: str | None = None) -> m.Case:
    changes: Files = {**BODIES, **files}
    if as_of:
        changes[CASE] = ("reviewed: 2020-01-01", f"reviewed: 2020-01-01\nas_of: {as_of}")
    return load_dataset(write_mini(tmp_path, changes), use_cache=False).cases["town"]


def problems(tmp_path: Path, files: Files) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(tmp_path, files)
    return [str(p) for p in caught.value.problems]


def record(case: m.Case, ident: str) -> m.Record:
    [found] = [r for r in case.records if r.id == ident]
    return found


def states(case: m.Case) -> list[tuple[str, str, str]]:
    return [(s.body.id, s.term.label, s.explanation)
            for s in rs.duty_states(record(case, "town-pfd"))]


# -- the 56-day duty of a coroner's report ------------------------------------------------

def test_a_reply_on_day_56_is_on_time_and_on_day_57_late(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(), "cases/town/records/r-council.yml":
                           reply("r-council", "2018-03-07"),
                           "cases/town/records/r-trust.yml": reply("r-trust", "2018-03-08",
                                                                   "trust")})
    [council, _] = rs.duty_states(record(case, "town-pfd"))
    assert (council.due_from, council.due_until) == (dt.date(2018, 3, 7), dt.date(2018, 3, 7))
    assert council.deadline == "56 calendar days from the event (10 January 2018): due " \
        "7 March 2018."
    assert states(case) == [
        ("town-council", "Responded on time", "Town Council responded in “Reply r-council” "
         "(7 March 2018), on or before the day it was due."),
        ("trust", "Responded late", "Town Health Trust responded in “Reply r-trust” "
         "(8 March 2018), after the day it was due.")]
    assert record(case, "town-pfd").duty.from_type is True  # type: ignore[union-attr]


@pytest.mark.parametrize(("as_of", "label", "why"), [
    ("2018-03-07", "Response pending", "No response from Town Council is recorded as of "
     "7 March 2018; it is due 7 March 2018."),
    ("2018-03-08", "No response published", "The response was due 7 March 2018 and no "
     "document in the records, up to 8 March 2018, is a response from Town Council. This is "
     "not a rejection: the records may not hold the reply."),
])
def test_none_published_is_pending_on_day_56_and_unpublished_on_day_57(
        tmp_path: Path, as_of: str, label: str, why: str) -> None:
    case = load(tmp_path, {PFD: pfd(respond="  by: [town-council]\n")}, as_of)
    assert states(case) == [("town-council", label, why)]
    finding = record(case, "town-pfd").findings[0]
    assert rs.item_state(finding, case.subject).label == label
    assert rs.item_state(finding, case.subject).value != "rejected"


def test_records_that_stop_before_the_due_day_leave_the_duty_pending(tmp_path: Path) -> None:
    """The report is the latest document: the case's as-of date is its own day, so the
    duty is pending however long ago that was (the site's build day plays no part)."""
    case = load(tmp_path, {PFD: pfd(date="2018-06-01", respond="  by: [trust]\n")})
    assert case.as_of == dt.date(2018, 6, 1)
    assert states(case) == [("trust", "Response pending", "No response from Town Health Trust "
                             "is recorded as of 1 June 2018; it is due 27 July 2018.")]
    [count] = rs.counts(record(case, "town-pfd"))
    assert count.words == "response pending 2"


def test_two_months_from_31_january_is_the_last_day_of_march(tmp_path: Path) -> None:
    two_months = ("  by: [trust]\n  within: 2\n  unit: months\n  from: event\n"
                  "  as_written: within two months\n")
    case = load(tmp_path, {PFD: pfd(date="2019-01-31", respond=two_months),
                           "cases/town/records/r-trust.yml": reply("r-trust", "2019-03-31",
                                                                   "trust")})
    [trust] = rs.duty_states(record(case, "town-pfd"))
    assert (trust.due_until, trust.term.value) == (dt.date(2019, 3, 31), "responded_on_time")
    assert record(case, "town-pfd").duty.from_type is False  # type: ignore[union-attr]


def test_a_due_day_on_a_bank_holiday_moves_to_the_next_working_day(tmp_path: Path) -> None:
    """10 working days from Friday 15 December 2017 in England would be Friday 29 December
    without holidays; 25 and 26 December and 1 January are bank holidays, so it is
    Wednesday 3 January 2018, and a reply that day is on time."""
    ten = "  by: [trust]\n  within: 10\n  unit: working_days\n  from: event\n"
    files = {PFD: pfd(date="2017-12-15", respond=ten, type_="report"),
             "cases/town/records/r-trust.yml": reply("r-trust", "2018-01-03", "trust")}
    changes: dict[str, str | tuple[str, str]] = {
        **BODIES, **files, CASE: ("reviewed: 2020-01-01",
                                  "reviewed: 2020-01-01\njurisdiction: GB-ENG")}
    case = load_dataset(write_mini(tmp_path, changes), use_cache=False).cases["town"]
    [trust] = rs.duty_states(record(case, "town-pfd"))
    assert trust.due_until == dt.date(2018, 1, 3)
    assert trust.term.value == "responded_on_time"
    assert trust.deadline.startswith("10 working days from the event (15 December 2017), "
                                     "not counting weekends or bank holidays in England")


# -- responses and counts -----------------------------------------------------------------

ROWS = """\
  - to: c-staffing
    status: accepted_in_part
    cite:
      - source: reply
        quote: We accept part of this.
  - to: c-handover
    status: rejected
    cite:
      - source: reply
        quote: We do not accept this.
"""


def test_counts_per_body_over_the_reports_findings(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(),
                           "cases/town/records/r-1.yml": reply("r-1", "2018-02-01"),
                           "cases/town/records/r-2.yml": reply("r-2", "2018-02-20", rows=ROWS),
                           "cases/town/records/r-trust.yml": reply("r-trust", "2018-02-02",
                                                                   "trust")})
    report = record(case, "town-pfd")
    staffing = report.findings[0]
    assert [(r.record.id, r.status.value) for r in rs.answers(staffing)] == [
        ("r-1", "accepted"), ("r-trust", "accepted"), ("r-2", "accepted_in_part")]
    assert [(c.body.id, c.counts, c.words) for c in rs.counts(report)] == [
        ("town-council", {"accepted_in_part": 1, "rejected": 1, "response_pending": 0},
         "accepted in part 1 · rejected 1 · response pending 0"),
        # the trust replied (r-trust) but not to c-handover: not pending (#18 review, item 3)
        ("trust", {"accepted": 1, "not_answered_in_reply": 1, "response_pending": 0},
         "accepted 1 · not answered in the reply 1 · response pending 0")]
    # the council's first reply (1 February) answers the duty, on time
    assert [s.term.value for s in rs.duty_states(report)] == ["responded_on_time"] * 2
    assert [c.quote for c in rs.answers(staffing)[0].cites] == ["We accept this concern in full."]


def test_a_report_with_no_duty_has_no_counts_until_someone_responds(tmp_path: Path) -> None:
    case = load(tmp_path, {})
    assert [rs.counts(r) for r in case.records] == [[], []]
    assert rs.duty_states(case.records[0]) == []


# -- located errors -----------------------------------------------------------------------

def test_a_response_before_the_report_is_a_located_error(tmp_path: Path) -> None:
    assert problems(tmp_path, {PFD: pfd(), "cases/town/records/r-1.yml":
                               reply("r-1", "2018-01-09")}) == [
        "data/cases/town/records/r-1.yml:9:9: responses[0].to: this response is dated "
        "9 January 2018, before the record it answers (10 January 2018, record 'town-pfd'): "
        "check the date in the source"]


def test_a_response_to_an_unknown_id_is_a_located_error(tmp_path: Path) -> None:
    rows = ROWS.replace("to: c-handover", "to: c-handovr")
    assert problems(tmp_path, {PFD: pfd(), "cases/town/records/r-1.yml":
                               reply("r-1", "2018-02-01", rows=rows)}) == [
        "data/cases/town/records/r-1.yml:14:9: responses[1].to: no finding or requirement "
        "with id 'c-handovr'; did you mean 'c-handover'?"]


def test_a_status_not_in_the_vocabulary_lists_the_allowed_values(tmp_path: Path) -> None:
    rows = ROWS.replace("status: rejected", "status: refused")
    assert problems(tmp_path, {PFD: pfd(), "cases/town/records/r-1.yml":
                               reply("r-1", "2018-02-01", rows=rows)}) == [
        "data/cases/town/records/r-1.yml:15:13: responses[1].status: 'refused' is not "
        "allowed (allowed: accepted, accepted_in_part, accepted_in_principle, "
        "under_consideration, noted, rejected)"]


def test_a_duty_with_no_by_is_a_located_error(tmp_path: Path) -> None:
    errors = problems(tmp_path, {PFD: pfd(respond="  within: 56\n  unit: calendar_days\n"
                                                  "  from: event\n")})
    assert errors == ["data/cases/town/records/town-pfd.yml:18:3: respond.by: missing "
                      "required key 'by' (the bodies that must respond, each counted "
                      "separately)"]


def test_a_duty_with_no_period_on_a_type_without_one_is_a_located_error(
        tmp_path: Path) -> None:
    assert problems(tmp_path, {PFD: pfd(type_="report", respond="  by: [trust]\n")}) == [
        "data/cases/town/records/town-pfd.yml:18:7: respond.by: give when responses are "
        "due: date, or within, unit and from (a 'report' record carries no period of its "
        "own)"]


# -- open data ----------------------------------------------------------------------------

def test_responses_and_duties_round_trip_through_the_json_export(tmp_path: Path) -> None:
    files = {PFD: pfd(), "cases/town/records/r-1.yml": reply("r-1", "2018-03-08", rows=ROWS)}
    case = load(tmp_path, files, as_of="2018-03-09")
    exported = to_json(load_dataset(tmp_path / "data", use_cache=False))
    [town] = exported["cases"]
    records = {r["id"]: r for r in town["records"]}
    assert records["r-1"]["responses"] == [
        {"to": "c-staffing", "status": "accepted_in_part", "by": "town-council",
         "cite": [{"source": "reply", "quote": "We accept part of this.",
                   "derived": {"checked": False}}]},
        {"to": "c-handover", "status": "rejected", "by": "town-council",
         "cite": [{"source": "reply", "quote": "We do not accept this.",
                   "derived": {"checked": False}}]}]
    respond = records["town-pfd"]["respond"]
    assert respond["by"] == ["town-council", "trust"]
    assert "within" not in respond  # the record type's period is not written out
    assert respond["derived"]["period_from_record_type"] is True
    assert [(x["body"], x["state"], x["due_until"], x.get("responded_in"))
            for x in respond["derived"]["states"]] == [
        ("town-council", "responded_late", "2018-03-07", "r-1"),
        ("trust", "no_response_published", "2018-03-07", None)]
    assert records["town-pfd"]["derived"]["response_counts"] == [
        {"body": "town-council", "counts": {"accepted_in_part": 1, "rejected": 1,
                                            "response_pending": 0}},
        {"body": "trust", "counts": {"no_response_published": 2, "response_pending": 0}}]
    back = from_json(json.loads(json.dumps(exported)))
    assert to_json(back) == exported
    again = back.cases["town"]
    assert [(s.body.id, s.term.value) for s in rs.duty_states(record(again, "town-pfd"))] == [
        (s.body.id, s.term.value) for s in rs.duty_states(record(case, "town-pfd"))]


def test_a_site_adds_a_response_status_of_its_own(tmp_path: Path) -> None:
    vocabulary = """\
response_statuses:
  - value: deferred
    label: Deferred
    description: The reply puts off a decision to a stated later date.
"""
    rows = ROWS.replace("status: rejected", "status: deferred")
    case = load(tmp_path, {"vocabulary.yml": vocabulary, PFD: pfd(),
                           "cases/town/records/r-1.yml": reply("r-1", "2018-02-01", rows=rows)})
    [council, _] = rs.counts(record(case, "town-pfd"))
    assert council.words == "accepted in part 1 · deferred 1 · response pending 0"
    data = to_json(load_dataset(tmp_path / "data", use_cache=False), ["town"])
    assert data["vocabulary"]["response_statuses"] == [
        {"value": "deferred", "label": "Deferred",
         "description": "The reply puts off a decision to a stated later date."}]
    assert to_json(from_json(data), ["town"]) == data


# -- the methodology ----------------------------------------------------------------------

def test_the_methodology_tables_come_from_the_vocabulary(tmp_path: Path) -> None:
    load(tmp_path, {})
    renderer = Renderer(load_dataset(tmp_path / "data", use_cache=False), REPO / "macros")
    for name, terms in (("response_statuses", vocab.RESPONSE_STATUSES),
                        ("response_states", vocab.RESPONSE_STATES)):
        table = BeautifulSoup(renderer.macro("vocabulary", "methodology.md", name=name),
                              "html.parser")
        assert [[c.get_text() for c in tr.select("th, td")] for tr in table.select("tbody tr")
                ] == [[t.label, t.value, t.description] for t in terms.values()]
    text = " ".join((REPO / "content" / "methodology.md").read_text("utf-8").split())
    assert '{{ vocabulary("response_statuses") }}' in text
    assert '{{ vocabulary("response_states") }}' in text
    assert "casefile never infers one" in text
    assert '"No response published" is not "Rejected"' in text


def test_a_finding_in_error_is_reported_once_not_again_by_its_responses(
        tmp_path: Path) -> None:
    broken = pfd().replace("    theme: safeguarding\n", "    theme: safety\n")
    assert problems(tmp_path, {PFD: broken, "cases/town/records/r-1.yml":
                               reply("r-1", "2018-02-01")}) == [
        "data/cases/town/records/town-pfd.yml:10:12: findings[0].theme: no theme with id "
        "'safety'"]


def test_a_duty_on_a_record_with_nothing_to_answer_is_a_located_error(
        tmp_path: Path) -> None:
    follow = "cases/town/records/town-follow-up.yml"
    assert problems(tmp_path, {follow: ("assessments:", "respond:\n  by: [trust]\n"
                                        "  date: 2018-04-01\nassessments:")}) == [
        f"data/{follow}:9:7: respond.by: this record sets a duty to respond but raises no "
        "finding or requirement that a response could answer; add them, or remove respond"]


def test_a_reply_dated_only_to_the_month_of_the_due_day_is_not_timed(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(respond="  by: [town-council]\n"),
                           "cases/town/records/r-1.yml": reply("r-1", "2018-03")})
    assert states(case) == [("town-council", "Responded, timing not established",
                             "Town Council responded in “Reply r-1” (March 2018); the dates in "
                             "the records are too imprecise to say whether on time.")]


def test_a_site_status_may_not_take_the_name_of_a_derived_state(tmp_path: Path) -> None:
    vocabulary = """\
response_statuses:
  - value: no_response_published
    label: No response
    description: Made up.
"""
    assert problems(tmp_path, {"vocabulary.yml": vocabulary}) == [
        "data/vocabulary.yml:2:12: response_statuses[0].value: 'no_response_published' is a "
        "state casefile works out from the records, never written; choose another value"]
