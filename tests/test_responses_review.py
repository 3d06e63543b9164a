"""What an independent review of responses (#18) found, each with exact states, sentences
and located errors: a reply letter with no status per item (``answers:``) meets the duty;
``directed_at`` limits who owes a finding a reply; a body that replied is never "pending"
for an item its reply skips; a response deadline before the report is an error; and the
"No response published" line gives its evidence. Fictional data only (the coroner's report
of tests/test_responses.py on tests/conftest.py MINI)."""

from __future__ import annotations

import json
from pathlib import Path

from casefile.model import responses as rs
from casefile.outputs.opendata import from_json, to_json
from casefile.pipeline import load_dataset
from tests.conftest import MINI
from tests.test_responses import PFD, load, pfd, problems, record, reply

LETTER = "cases/town/records/l-council.yml"


def letter(date: str = "2018-03-07", answers: str = "town-pfd", by: str = "town-council",
           ident: str = "l-council", rows: str = "") -> str:
    """A reply to the report as a whole, giving no status for any item (unless ``rows``)."""
    return f"""\
id: {ident}
type: pfd_response
title: Letter {ident}
date: {date}
body: {by}
summary: A reply letter.
cite: [reply]
answers: {answers}
""" + (f"responses:\n{rows}" if rows else "")


def directed(at: str) -> str:
    """The report with its first finding (c-staffing) addressed to ``at`` only."""
    return pfd().replace("    theme: safeguarding\n",
                         f"    theme: safeguarding\n    directed_at: [{at}]\n")


def item_states(case_records: object, body_id: str) -> list[tuple[str, str]]:
    report = record(case_records, "town-pfd")  # type: ignore[arg-type]
    [body] = [b for b in rs.responders(report) if b.id == body_id]
    return [(i.id, rs.item_state(i, body).label) for i in rs.items(report)]


# -- 1. a reply with no status for any item --------------------------------------------

def test_a_letter_that_answers_the_report_meets_the_duty_on_time(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(), LETTER: letter()}, as_of="2018-03-09")
    report = record(case, "town-pfd")
    [council, trust] = rs.duty_states(report)
    assert (council.term.label, council.explanation) == (
        "Responded on time", "Town Council responded in “Letter l-council” (7 March 2018), "
        "on or before the day it was due.")
    assert council.reply is record(case, "l-council") and council.first is None
    assert trust.term.value == "no_response_published"
    assert item_states(case, "town-council") == [
        ("c-staffing", "Responded, no status given for this item"),
        ("c-handover", "Responded, no status given for this item")]
    assert [(c.body.id, c.counts) for c in rs.counts(report)] == [
        ("town-council", {"responded_no_status": 2, "response_pending": 0}),
        ("trust", {"no_response_published": 2, "response_pending": 0})]


def test_a_letter_on_day_57_is_late(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(respond="  by: [town-council]\n"),
                           LETTER: letter("2018-03-08")})
    [council] = rs.duty_states(record(case, "town-pfd"))
    assert council.term.value == "responded_late"


def test_a_letter_with_one_status_leaves_the_other_item_without_one(tmp_path: Path) -> None:
    rows = """\
  - to: c-handover
    status: rejected
    cite:
      - source: reply
        quote: We do not accept this.
"""
    case = load(tmp_path, {PFD: pfd(respond="  by: [town-council]\n"),
                           LETTER: letter(rows=rows)})
    assert item_states(case, "town-council") == [
        ("c-staffing", "Responded, no status given for this item"),
        ("c-handover", "Rejected")]
    [line] = rs.lines(record(case, "town-pfd").findings[0])
    assert line.words == ("Responded, no status given for this item — Town Council: its reply "
                          "to this report, “Letter l-council” (7 March 2018), gives no status "
                          "for this finding.")
    assert line.record is record(case, "l-council")
    assert [c.source.id for c in line.cites] == ["reply"]


def test_a_letter_without_a_duty_still_counts_its_body(tmp_path: Path) -> None:
    no_duty = pfd().split("respond:\n")[0]
    case = load(tmp_path, {PFD: no_duty, LETTER: letter()})
    [count] = rs.counts(record(case, "town-pfd"))
    assert (count.body.id, count.words) == (
        "town-council", "responded, no status given for this item 2 · response pending 0")
    assert rs.duty_states(record(case, "town-pfd")) == []


def test_answers_round_trips_and_the_open_data_names_the_letter(tmp_path: Path) -> None:
    load(tmp_path, {PFD: pfd(respond="  by: [town-council]\n"), LETTER: letter()})
    exported = to_json(load_dataset(tmp_path / "data", use_cache=False))
    records = {r["id"]: r for r in exported["cases"][0]["records"]}
    assert records["l-council"]["answers"] == "town-pfd"
    [state] = records["town-pfd"]["respond"]["derived"]["states"]
    assert (state["state"], state["responded_in"]) == ("responded_on_time", "l-council")
    assert records["town-pfd"]["derived"]["response_counts"] == [
        {"body": "town-council", "counts": {"responded_no_status": 2, "response_pending": 0}}]
    assert to_json(from_json(json.loads(json.dumps(exported)))) == exported


def test_answers_an_unknown_id_is_a_located_error(tmp_path: Path) -> None:
    assert problems(tmp_path, {PFD: pfd(), LETTER: letter(answers="town-pdf")}) == [
        "data/cases/town/records/l-council.yml:8:10: answers: no record with id 'town-pdf'; "
        "did you mean 'town-pfd'?"]


def test_answers_its_own_id_is_a_located_error(tmp_path: Path) -> None:
    assert problems(tmp_path, {PFD: pfd(), LETTER: letter(answers="l-council")}) == [
        "data/cases/town/records/l-council.yml:8:10: answers: a record cannot answer itself; "
        "name the report this record replies to"]


def test_answers_a_later_report_is_a_located_error(tmp_path: Path) -> None:
    assert problems(tmp_path, {PFD: pfd(), LETTER: letter(date="2018-01-09")}) == [
        "data/cases/town/records/l-council.yml:8:10: answers: this reply is dated 9 January "
        "2018, before the record it answers ('town-pfd', 10 January 2018): a reply answers "
        "an earlier report; check the date in the source"]


# -- 2. directed_at ------------------------------------------------------------------------

def test_a_finding_directed_at_one_body_is_owed_only_by_it(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: directed("trust")}, as_of="2018-03-08")
    report = record(case, "town-pfd")
    assert [(c.body.id, c.counts) for c in rs.counts(report)] == [
        ("town-council", {"no_response_published": 1, "response_pending": 0}),
        ("trust", {"no_response_published": 2, "response_pending": 0})]
    staffing, handover = report.findings
    assert [line.words.split(":")[0] for line in rs.lines(staffing)] == [
        "No response published — Town Health Trust"]
    assert [line.words.split(":")[0] for line in rs.lines(handover)] == [
        "No response published — Town Council", "No response published — Town Health Trust"]


def test_a_body_outside_directed_at_that_answers_anyway_is_counted(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: directed("trust"),
                           "cases/town/records/r-1.yml": reply("r-1", "2018-02-01")})
    [council, _] = rs.counts(record(case, "town-pfd"))
    assert council.counts == {"accepted": 1, "not_answered_in_reply": 1, "response_pending": 0}


# -- 3. not pending once a reply exists ----------------------------------------------------

def test_an_item_the_reply_skips_is_not_answered_even_after_the_due_day(
        tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(respond="  by: [town-council]\n"),
                           "cases/town/records/r-1.yml": reply("r-1", "2018-02-01")},
                as_of="2018-06-01")
    assert item_states(case, "town-council") == [
        ("c-staffing", "Accepted"), ("c-handover", "Not answered in the reply")]
    [line] = rs.lines(record(case, "town-pfd").findings[1])
    assert line.words == ("Not answered in the reply — Town Council: its reply to this report, "
                          "“Reply r-1” (1 February 2018), gives no response to this finding.")


# -- 4. a deadline before the report ---------------------------------------------------------

def test_a_response_date_before_the_report_is_a_located_error(tmp_path: Path) -> None:
    early = "  by: [trust]\n  date: 2018-01-09\n"
    assert problems(tmp_path, {PFD: pfd(type_="report", respond=early)}) == [
        "data/cases/town/records/town-pfd.yml:19:9: respond.date: responses are due 9 January "
        "2018, before the record that sets the duty (10 January 2018); a reply can only "
        "follow the report: check the date in the source"]


def test_a_response_date_on_the_reports_day_is_allowed(tmp_path: Path) -> None:
    same = "  by: [trust]\n  date: 2018-01-10\n"
    case = load(tmp_path, {PFD: pfd(type_="report", respond=same)})
    [trust] = rs.duty_states(record(case, "town-pfd"))
    assert (trust.due_until.isoformat(), trust.term.value) == ("2018-01-10",
                                                              "no_response_published")


# -- 5. the evidence for "No response published" ----------------------------------------------

WRITTEN = ("  by: [trust]\n  within: 56\n  unit: calendar_days\n  from: event\n"
           "  as_written: within 56 days of the date of this report\n")


def test_no_response_published_cites_the_report_the_duty_and_the_case_date(
        tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(respond=WRITTEN)}, as_of="2018-03-08")
    [line] = rs.lines(record(case, "town-pfd").findings[0])
    assert line.words == (
        "No response published — Town Health Trust: “Report to prevent future deaths” "
        "(10 January 2018) set a duty to respond (in its words, “within 56 days of the date "
        "of this report”), due 7 March 2018; as of 8 March 2018, no document in the records "
        "is a response from Town Health Trust, and this is not a rejection: the records may "
        "not hold the reply.")
    assert line.record is record(case, "town-pfd")
    assert [c.source.id for c in line.cites] == ["pfd"]


def test_response_pending_gives_the_duty_without_saying_rejection(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(respond="  by: [trust]\n")}, as_of="2018-03-07")
    [line] = rs.lines(record(case, "town-pfd").findings[0])
    assert line.words == (
        "Response pending — Town Health Trust: “Report to prevent future deaths” (10 January "
        "2018) set a duty to respond, due 7 March 2018; as of 7 March 2018, no document in "
        "the records is a response from Town Health Trust.")


def test_answers_a_record_of_another_case_is_a_located_error(tmp_path: Path) -> None:
    other = MINI["cases/town/case.yml"].replace("id: town\n", "id: other\n")
    moved = letter().replace("id: l-council", "id: l-other")
    assert problems(tmp_path, {PFD: pfd(), "cases/other/case.yml": other,
                               "cases/other/records/l-other.yml": moved}) == [
        "data/cases/other/records/l-other.yml:8:10: answers: record 'town-pfd' belongs to "
        "case 'town', not 'other'; a reply answers a record of its own case"]
