"""What mutation testing of responses.py and link_responses.py found no test for, after
the review fixes (#17, #18): each test pins a sentence or state a reader sees. Fictional
data only (the coroner's report of tests/test_responses.py)."""

from __future__ import annotations

from pathlib import Path

from casefile.model import responses as rs
from tests.test_responses import PFD, load, pfd, record, reply
from tests.test_responses_review import LETTER, directed, letter

HANDOVER_ROWS = """\
  - to: c-handover
    status: rejected
    cite:
      - source: reply
        quote: We do not accept this.
"""


def test_a_finding_addressed_to_another_body_is_never_unpublished_for_this_one(
        tmp_path: Path) -> None:
    """c-staffing is addressed to the trust only; the council owes it nothing, so even after
    the due day with no reply it is not "No response published" against the council."""
    case = load(tmp_path, {PFD: directed("trust")}, as_of="2018-03-08")
    report = record(case, "town-pfd")
    staffing, handover = report.findings
    council = next(b for b in rs.responders(report) if b.id == "town-council")
    assert [rs.item_state(i, council).value for i in (staffing, handover)] == [
        "response_pending", "no_response_published"]


def test_a_letter_from_a_body_outside_the_duty_is_listed_on_each_finding(
        tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(respond="  by: [trust]\n"),
                           LETTER: letter("2018-02-01")}, as_of="2018-03-02")
    staffing = record(case, "town-pfd").findings[0]
    assert [x.words for x in rs.lines(staffing)] == [
        "Response pending — Town Health Trust: “Report to prevent future deaths” "
        "(10 January 2018) set a duty to respond, due 7 March 2018; as of 2 March 2018, "
        "no document in the records is a response from Town Health Trust.",
        "Responded, no status given for this item — Town Council: its reply to this report, "
        "“Letter l-council” (1 February 2018), gives no status for this finding."]


def test_a_line_without_a_status_names_the_letter_not_a_later_reply(tmp_path: Path) -> None:
    """The council's letter (1 February) answers the report; a later reply (1 March) rejects
    the handover finding. Staffing has no status: its line names the letter."""
    case = load(tmp_path, {PFD: pfd(), LETTER: letter("2018-02-01"),
                           "cases/town/records/r-1.yml": reply("r-1", "2018-03-01",
                                                               rows=HANDOVER_ROWS)},
                as_of="2018-03-02")
    staffing = record(case, "town-pfd").findings[0]
    [council, _trust] = rs.lines(staffing)
    assert council.words == (
        "Responded, no status given for this item — Town Council: its reply to this report, "
        "“Letter l-council” (1 February 2018), gives no status for this finding.")
    assert council.record is record(case, "l-council")


def test_two_letters_of_one_body_the_earliest_meets_the_duty(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(respond="  by: [town-council]\n"),
                           LETTER: letter("2018-03-20"),
                           "cases/town/records/l-2.yml": letter("2018-03-01", ident="l-2")},
                as_of="2018-03-21")
    report = record(case, "town-pfd")
    council = rs.responders(report)[0]
    assert [r.id for r in rs.letters(report, council)] == ["l-2", "l-council"]
    [state] = rs.duty_states(report)
    assert (state.term.value, state.reply.id) == (  # type: ignore[union-attr]
        "responded_on_time", "l-2")


def test_the_first_reply_is_the_earliest_whatever_item_it_answers(tmp_path: Path) -> None:
    """r-early (1 March, on time) answers staffing, the first finding; r-late (20 March)
    answers handover: the duty is met on time by r-early."""
    case = load(tmp_path, {PFD: pfd(respond="  by: [town-council]\n"),
                           "cases/town/records/r-early.yml": reply("r-early", "2018-03-01"),
                           "cases/town/records/r-late.yml": reply("r-late", "2018-03-20",
                                                                  rows=HANDOVER_ROWS)},
                as_of="2018-03-21")
    report = record(case, "town-pfd")
    [state] = rs.duty_states(report)
    assert (state.term.value, state.reply.id) == (  # type: ignore[union-attr]
        "responded_on_time", "r-early")
    assert [r.id for r in rs.replies(report, state.body)] == ["r-early", "r-late"]


def test_a_letter_dated_the_day_of_the_report_is_allowed(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(respond="  by: [town-council]\n"),
                           LETTER: letter("2018-01-10")})
    [state] = rs.duty_states(record(case, "town-pfd"))
    assert (state.term.value, state.reply.id) == (  # type: ignore[union-attr]
        "responded_on_time", "l-council")


def test_a_requirement_the_reply_skips_is_named_a_requirement(tmp_path: Path) -> None:
    report = pfd(respond="  by: [town-council]\n").replace("respond:\n", (
        "requirements:\n  - id: c-audit\n    text: Audit the rota.\n    cite: [pfd]\n"
        "respond:\n"))
    case = load(tmp_path, {PFD: report, "cases/town/records/r-1.yml":
                           reply("r-1", "2018-02-01")}, as_of="2018-03-02")
    [audit] = record(case, "town-pfd").requirements
    assert [x.words for x in rs.lines(audit)] == [
        "Not answered in the reply — Town Council: its reply to this report, “Reply r-1” "
        "(1 February 2018), gives no response to this requirement."]
