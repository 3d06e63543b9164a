"""The case's "Next or past-due deadline" counts duties to respond (#12 review, #18): the
case facts, the list of cases and "where things stand" name a body's duty to respond to a
report where it is the first past due, or the next to come, and say whose duty it is;
never "None recorded", nor a later deadline. Decided in Python (casefile.model.next_due),
read here from the model and from the rendered macros.

The data are the fictional Town Council case (tests/conftest.py MINI): its one dated
requirement, "Produce a plan.", falls due on 30 October 2017 and is past due as of the
case's own date (1 March 2018); a duty to respond to the inspection is added at several
dates. Each test builds its own view."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from casefile.model.next_due import candidates, next_due, next_said
from casefile.model.views import CaseView, case_view
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import MINI, REPO, write_mini

INS = "cases/town/records/town-inspection.yml"
CASE = "cases/town/case.yml"
REPORT = "“Inspection” (July 2017)"
PAST = "Past due: no record that it was met"


def duty(date: str, by: str = "[town-council]") -> tuple[str, str]:
    return ("requirements:\n", f"respond:\n  by: {by}\n  date: {date}\nrequirements:\n")


def view(tmp_path: Path, changes: dict[str, str | tuple[str, str]]) -> CaseView:
    return case_view(load_dataset(write_mini(tmp_path, changes), use_cache=False).cases["town"])


def facts(v: CaseView) -> tuple[str, str, str, str] | None:
    n = v.next_due
    return None if n is None else (n.fact, n.term.label, n.label, n.due)


def test_without_a_duty_the_past_due_requirement_as_before(tmp_path: Path) -> None:
    v = view(tmp_path, {})
    assert facts(v) == ("Produce a plan.", PAST, PAST, "due 30 October 2017")
    [plan] = [r for r in v.requirements if r.id == "req-plan"]
    assert v.next_due is not None and v.next_due.requirement is plan
    assert [n.requirement for n in candidates(v.case, v.requirements)] == [plan]
    assert v.stand is not None and v.stand.next is None  # nothing still to come


def test_a_duty_past_due_before_the_requirement_is_the_fact_and_says_whose(
        tmp_path: Path) -> None:
    v = view(tmp_path, {INS: duty("2017-09-01")})
    assert facts(v) == (
        f"Duty of Town Council to respond to {REPORT}, due 1 September 2017",
        "No response published", "No response published", "due 1 September 2017")
    assert v.next_due is not None and v.next_due.what == (
        f"Duty of Town Council to respond to {REPORT}")
    assert v.next_due.requirement is None


def test_a_requirement_past_due_first_stays_the_fact(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: duty("2017-12-01")})
    assert facts(v) == ("Produce a plan.", PAST, PAST, "due 30 October 2017")
    # both are past due: the duty is second
    assert [(n.what, n.rank) for n in candidates(v.case, v.requirements)] == [
        ("Produce a plan.", 0), (f"Duty of Town Council to respond to {REPORT}", 0)]


def test_a_requirement_and_a_duty_of_the_same_day_requirement_first(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: duty("2017-10-30")})
    assert [n.what for n in candidates(v.case, v.requirements)] == [
        "Produce a plan.", f"Duty of Town Council to respond to {REPORT}"]


def test_a_duty_still_to_come_is_where_things_stand_s_next_deadline(tmp_path: Path) -> None:
    """Past due first in the facts; "where things stand" names what is still to come, the
    duty, cited to the report that sets it."""
    v = view(tmp_path, {INS: duty("2018-06-01")})
    assert facts(v) == ("Produce a plan.", PAST, PAST, "due 30 October 2017")
    assert v.stand is not None and v.stand.next is not None
    assert v.stand.next.text == (f"The next deadline in these records: duty of Town Council "
                                 f"to respond to {REPORT}, due 1 June 2018.")
    assert [c.source.id for c in v.stand.next.cites] == ["report-2017"]
    assert v.stand.next.anchor == "ev-town-inspection"


def test_a_pending_duty_with_no_requirement_is_the_fact(tmp_path: Path) -> None:
    """Before: "None recorded", with the duty owed."""
    gone = MINI[INS].split("requirements:\n")[0] + "respond:\n  by: [town-council]\n" \
        "  date: 2018-06-01\nstatements:\n" + MINI[INS].split("statements:\n")[1]
    v = view(tmp_path, {INS: gone})
    assert v.requirements == []
    assert facts(v) == (
        f"Duty of Town Council to respond to {REPORT}, due 1 June 2018",
        "Response pending", "Response pending", "due 1 June 2018")


def test_the_bodies_of_one_duty_in_one_state_are_named_together(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: duty("2017-09-01", "[town-council, inspectorate]")})
    assert facts(v) == (
        f"Duty of Town Council and New Inspectorate to respond to {REPORT}, due 1 September "
        "2017", "No response published", "No response published", "due 1 September 2017")


def test_a_requirement_still_to_come_before_a_duty_is_the_next(tmp_path: Path) -> None:
    dated = "      within: 20\n      unit: working_days\n      from: publication\n"
    later = MINI[INS].replace(dated, "      date: 2018-04-01\n")
    v = view(tmp_path, {INS: later.replace("requirements:\n", duty("2018-06-01")[1])})
    assert facts(v) == ("Produce a plan.", "Outstanding", "Outstanding when the records end",
                        "due 1 April 2018")
    assert v.stand is not None and v.stand.next is not None
    assert v.stand.next.text == ("The next deadline in these records: Produce a plan, due "
                                 "1 April 2018.")
    assert next_said(v.case, v.requirements) == v.stand.next


def test_a_closed_case_names_no_deadline_and_no_duty(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: duty("2018-06-01"), CASE: ("status: open", "status: closed")})
    assert v.next_due is None and next_due(v.case, v.requirements) is None
    assert next_said(v.case, v.requirements) is None
    assert candidates(v.case, v.requirements) != []


def test_the_facts_and_the_list_of_cases_say_the_duty(tmp_path: Path) -> None:
    data = write_mini(tmp_path, {INS: duty("2017-09-01")})
    renderer = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
    v = renderer.views["town"]
    page = BeautifulSoup(str(renderer.macro("case_facts", "cases/town.md", view=v)),
                         "html.parser")
    [fact] = [dt.find_next_sibling("dd") for dt in page.select("dt")
              if dt.get_text() == "Next or past-due deadline"]
    assert " ".join(fact.get_text().split()) == (
        f"Duty of Town Council to respond to {REPORT}, due 1 September 2017 No response "
        "published")
    home = BeautifulSoup(str(renderer.macro("case_list", "cases/index.md")), "html.parser")
    [row] = home.select("table.cf-case-list tbody tr")
    cell = row.select("td")[-1]
    assert " ".join(cell.get_text(" ").split()) == (
        f"Duty of Town Council to respond to {REPORT} No response published , due 1 "
        "September 2017 as of 1 March 2018")
