"""The open-data CSV tables of responses (#18 item 6), cell by cell and in-process so that
mutation testing reaches them: responses.csv (one row per response a record gives, with its
quoted words) and response_states.csv (where each finding or requirement stands with each
body counted over it, with the body's duty state and due days). The fictional coroner's
report of tests/test_responses.py: a 56-day duty on the council and a health trust, a
reply from the council, a reply from the inspectorate (under no duty), and a response to a
requirement of an earlier record that set no duty."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from casefile.model import objects as m
from casefile.outputs.opendata_tables import tables
from tests.test_responses import PFD, load, pfd, reply

FORMULA = "=HYPERLINK(\"https://example.org\")"
COUNCIL_ROWS = f"""\
  - to: c-staffing
    status: accepted_in_part
    note: '{FORMULA}'
    cite:
      - source: reply
        quote: We accept part of this.
      - source: reply
        quote: "Staffing will rise by 2019."
      - source: pfd
  - to: c-handover
    status: rejected
    cite:
      - source: reply
        quote: We do not accept this.
  - to: req-plan
    status: noted
    cite: [reply]
"""
INSPECTORATE_ROWS = """\
  - to: c-handover
    status: noted
    cite:
      - source: reply
        quote: Noted.
"""


def numbered(text: str) -> str:
    """The report with its first finding a recommendation numbered R2."""
    return text.replace("  - id: c-staffing\n", "  - id: c-staffing\n    kind: recommendation\n"
                        "    number: R2\n")


def case_of(tmp_path: Path, as_of: str | None = "2018-03-08") -> m.Case:
    return load(tmp_path, {PFD: numbered(pfd()),
                           "cases/town/records/r-1.yml": reply("r-1", "2018-02-01",
                                                               rows=COUNCIL_ROWS),
                           "cases/town/records/r-2.yml": reply("r-2", "2018-02-05",
                                                               "inspectorate",
                                                               INSPECTORATE_ROWS)}, as_of)


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_each_response_is_a_row_with_its_item_body_status_and_quoted_words(
        tmp_path: Path) -> None:
    text = tables([case_of(tmp_path)])["responses"]
    assert cells(text) == [
        ["case", "record", "date", "item", "item_kind", "item_number", "item_record", "body",
         "status", "status_label", "note", "sources", "quote"],
        ["town", "r-1", "2018-02-01", "c-staffing", "recommendation", "R2", "town-pfd",
         "town-council", "accepted_in_part", "Accepted in part", "'" + FORMULA, "reply pfd",
         "We accept part of this.\nStaffing will rise by 2019."],
        ["town", "r-1", "2018-02-01", "c-handover", "finding", "", "town-pfd", "town-council",
         "rejected", "Rejected", "", "reply", "We do not accept this."],
        ["town", "r-1", "2018-02-01", "req-plan", "requirement", "", "town-inspection",
         "town-council", "noted", "Noted", "", "reply", ""],
        ["town", "r-2", "2018-02-05", "c-handover", "finding", "", "town-pfd", "inspectorate",
         "noted", "Noted", "", "reply", "Noted."]]
    # the formula guard on the note, and the two quotations one a line, in one quoted cell
    assert text.splitlines()[1].startswith(
        "town,r-1,2018-02-01,c-staffing,recommendation,R2,town-pfd,town-council,"
        "accepted_in_part,Accepted in part,\"'=HYPERLINK(\"\"https://example.org\"\")\",")


def test_each_item_and_body_counted_over_it_is_a_row_with_its_state_and_duty(
        tmp_path: Path) -> None:
    assert cells(tables([case_of(tmp_path)])["response_states"]) == [
        ["case", "record", "item", "item_kind", "item_number", "body", "state", "state_label",
         "duty_state", "due_from", "due_until", "as_of"],
        # a record with no duty: only the council, which replied to its requirement
        ["town", "town-inspection", "f-leadership", "finding", "", "town-council",
         "not_answered_in_reply", "Not answered in the reply", "", "", "", "2018-03-08"],
        ["town", "town-inspection", "req-plan", "requirement", "", "town-council", "noted",
         "Noted", "", "", "", "2018-03-08"],
        # the coroner's report: the duty's two bodies, then the inspectorate
        ["town", "town-pfd", "c-staffing", "recommendation", "R2", "town-council",
         "accepted_in_part", "Accepted in part", "responded_on_time", "2018-03-07",
         "2018-03-07", "2018-03-08"],
        ["town", "town-pfd", "c-handover", "finding", "", "town-council", "rejected",
         "Rejected", "responded_on_time", "2018-03-07", "2018-03-07", "2018-03-08"],
        ["town", "town-pfd", "c-staffing", "recommendation", "R2", "trust",
         "no_response_published", "No response published", "no_response_published",
         "2018-03-07", "2018-03-07", "2018-03-08"],
        ["town", "town-pfd", "c-handover", "finding", "", "trust", "no_response_published",
         "No response published", "no_response_published", "2018-03-07", "2018-03-07",
         "2018-03-08"],
        ["town", "town-pfd", "c-staffing", "recommendation", "R2", "inspectorate",
         "not_answered_in_reply", "Not answered in the reply", "", "", "", "2018-03-08"],
        ["town", "town-pfd", "c-handover", "finding", "", "inspectorate", "noted", "Noted",
         "", "", "", "2018-03-08"]]


def test_on_the_due_day_the_silent_body_is_still_pending(tmp_path: Path) -> None:
    rows = cells(tables([case_of(tmp_path, "2018-03-07")])["response_states"])
    assert [r[5:] for r in rows if r[5] == "trust"] == [
        ["trust", "response_pending", "Response pending", "response_pending", "2018-03-07",
         "2018-03-07", "2018-03-07"]] * 2


def test_a_case_with_no_as_of_date_leaves_the_cell_empty(tmp_path: Path) -> None:
    case = load(tmp_path, {"cases/town/records/r-1.yml": reply(
        "r-1", "2018-03-02", rows="  - to: req-plan\n    status: noted\n    cite: [reply]\n")})
    case.as_of = None
    assert tables([case])["response_states"].splitlines()[1:] == [
        "town,town-inspection,f-leadership,finding,,town-council,not_answered_in_reply,"
        "Not answered in the reply,,,,",
        "town,town-inspection,req-plan,requirement,,town-council,noted,Noted,,,,"]


def test_no_response_and_no_duty_means_header_lines_only(tmp_path: Path) -> None:
    written = tables([load(tmp_path, {})])
    assert (written["responses"], written["response_states"]) == (
        "case,record,date,item,item_kind,item_number,item_record,body,status,status_label,"
        "note,sources,quote\n",
        "case,record,item,item_kind,item_number,body,state,state_label,duty_state,due_from,"
        "due_until,as_of\n")


def test_a_finding_addressed_to_one_body_is_counted_over_that_body_only(
        tmp_path: Path) -> None:
    """c-staffing is addressed to the trust: no council row for it, a trust row."""
    report = pfd().replace("    theme: safeguarding\n",
                           "    theme: safeguarding\n    directed_at: [trust]\n")
    case = load(tmp_path, {PFD: report}, "2018-03-08")
    assert [(r[2], r[5], r[6]) for r in cells(tables([case])["response_states"])[1:]] == [
        ("c-handover", "town-council", "no_response_published"),
        ("c-staffing", "trust", "no_response_published"),
        ("c-handover", "trust", "no_response_published")]
