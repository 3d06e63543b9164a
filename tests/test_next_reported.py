"""A next step and what happened (#12 leftovers, item 3a): ``reported_in`` names the later
record of the same case that reports what happened; the step then says what was expected
and links to that record ("What happened: see …"). A passed step no record reports on says
these records do not show whether it happened, never that it did not. Located errors for an
unknown id, the step's own record, a record of another case and one dated before the step's
record; open data and the JSON schema carry the field. Fictional data only (tests/conftest.py
MINI: its inspection is dated July 2017, its follow-up 1 March 2018)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casefile.commands.scaffold import _text
from casefile.errors import DataError
from casefile.model.dates import PartialDate
from casefile.model.upcoming import NOT_SHOWN, SEE, upcoming
from casefile.model.views import case_view
from casefile.outputs.opendata import from_json, to_json
from casefile.pipeline import load_dataset
from tests.conftest import MINI, REPO, write_mini

INS = "cases/town/records/town-inspection.yml"
INSPECTORATE = "New Inspectorate (Inspection of Town Council, 2 October 2017)"
OTHER_CASE = {
    "cases/other/case.yml": MINI["cases/town/case.yml"].replace("id: town", "id: other")
    .replace("money:\n  - amount: 4000000\n    currency: GBP\n    for: Set aside.\n"
             "    cite: [report-2017]\n", ""),
    "cases/other/records/other-visit.yml": MINI["cases/town/records/town-follow-up.yml"]
    .replace("id: town-follow-up", "id: other-visit").split("assessments:")[0],
}


def with_step(reported_in: str | None, date: str = "2018-01") -> dict[str, str | tuple[str, str]]:
    """MINI with one next step on the inspection, expected by ``date``, reported in
    ``reported_in`` (None: the key left out)."""
    line = f"    reported_in: {reported_in}\n" if reported_in else ""
    return {INS: ("findings:", f"next:\n  - text: The council names a new director\n"
                                f"    date: {date}\n    cite: [report-2017]\n{line}findings:")}


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data, use_cache=False)
    return [str(p) for p in caught.value.problems]


def test_a_reported_step_says_what_was_expected_and_links_to_the_record(
        tmp_path: Path) -> None:
    case = load_dataset(write_mini(tmp_path, with_step("town-follow-up"))).cases["town"]
    [step] = upcoming(case, case.as_of_shown)
    assert step.text == (f"{INSPECTORATE} said what would happen next: The council names a "
                         "new director. It was expected by January 2018.")
    assert step.passed is True
    assert step.reported is not None
    assert (step.see, step.reported.text, step.reported.anchor) == (
        SEE, "“Follow-up” (1 March 2018)", "ev-town-follow-up")
    assert NOT_SHOWN not in step.text and "What happens next" not in step.text


def test_a_reported_step_on_a_closed_case_is_said_as_before_it_closed(tmp_path: Path) -> None:
    changes = {**with_step("town-follow-up"),
               "cases/town/case.yml": ("status: open", "status: closed")}
    case = load_dataset(write_mini(tmp_path, changes)).cases["town"]
    [step] = upcoming(case, case.as_of_shown)
    assert step.text == (f"Before the case was closed, {INSPECTORATE} said what would happen "
                         "next: The council names a new director. It was expected by "
                         "January 2018.")
    assert step.reported is not None and step.reported.anchor == "ev-town-follow-up"


def test_a_step_not_yet_due_with_a_report_is_not_said_as_to_come(tmp_path: Path) -> None:
    """Reported on before its date: what happened is the later record's to say."""
    case = load_dataset(write_mini(tmp_path, with_step("town-follow-up", "2019-06"))
                        ).cases["town"]
    [step] = upcoming(case, case.as_of_shown)
    assert step.text.endswith("It was expected by June 2019.")
    assert step.passed is True


def test_a_passed_step_with_no_report_says_the_records_do_not_show_it(tmp_path: Path) -> None:
    case = load_dataset(write_mini(tmp_path, with_step(None))).cases["town"]
    [step] = upcoming(case, case.as_of_shown)
    assert step.text == ("Expected by January 2018, a date these records have passed (they "
                         f"run to 1 March 2018), according to {INSPECTORATE}: The council "
                         "names a new director. These records do not show whether it "
                         "happened.")
    assert step.reported is None
    assert "did not" not in step.text and "not happen" not in step.text
    # not passed yet: nothing about whether it happened
    [soon] = upcoming(case, PartialDate(2018, 1, 31))
    assert NOT_SHOWN not in soon.text


def test_the_stand_s_next_step_is_the_soonest_still_to_come(tmp_path: Path) -> None:
    changes = {INS: ("findings:", """next:
  - text: Passed
    date: 2018-01
    cite: [report-2017]
  - text: Undated
    cite: [report-2017]
  - text: Later
    date: 2019-06
    cite: [report-2017]
  - text: Sooner
    date: 2018-09
    cite: [report-2017]
findings:""")}
    view = case_view(load_dataset(write_mini(tmp_path, changes)).cases["town"])
    assert view.stand is not None and view.stand.next_step is not None
    assert view.stand.next_step.text == (f"What happens next, according to {INSPECTORATE}: "
                                         "Sooner. Expected by September 2018.")
    closed = {**changes, "cases/town/case.yml": ("status: open", "status: closed")}
    view = case_view(load_dataset(write_mini(tmp_path / "closed", closed)).cases["town"])
    assert view.stand is not None and view.stand.next_step is None


@pytest.mark.parametrize(("value", "extra", "message"), [
    ("town-folow-up", {}, "no record with id 'town-folow-up'; did you mean "
                          "'town-follow-up'?"),
    ("town-inspection", {}, "'town-inspection' is the record that states this next step; "
                            "name the later record that reports what happened"),
    ("other-visit", OTHER_CASE, "record 'other-visit' belongs to case 'other', not 'town'; "
                                "name a record of this step's own case"),
])
def test_a_wrong_record_is_a_located_problem(tmp_path: Path, value: str,
                                            extra: dict[str, str], message: str) -> None:
    data = write_mini(tmp_path, {**with_step(value), **extra})
    assert problems(data) == [f"data/{INS}:15:18: next[0].reported_in: {message}"]


def test_a_record_dated_before_the_step_s_record_is_a_located_problem(tmp_path: Path) -> None:
    """The step on the follow-up (1 March 2018), reported in the earlier inspection."""
    follow = "cases/town/records/town-follow-up.yml"
    data = write_mini(tmp_path, {follow: ("assessments:", "next:\n  - text: A step\n"
                                          "    cite: [council-news]\n"
                                          "    reported_in: town-inspection\nassessments:")})
    assert problems(data) == [
        f"data/{follow}:11:18: next[0].reported_in: record 'town-inspection' is dated "
        "July 2017, before the record that states this next step (1 March 2018); what "
        "happened is reported later: check the id and the dates"]


def test_open_data_carries_reported_in_and_reads_it_back(tmp_path: Path) -> None:
    data = json.loads(json.dumps(to_json(load_dataset(
        write_mini(tmp_path, with_step("town-follow-up"))))))
    [ins] = [r for r in data["cases"][0]["records"] if r["id"] == "town-inspection"]
    assert ins["next"] == [{"text": "The council names a new director", "date": "2018-01",
                            "cite": [{"source": "report-2017"}],
                            "reported_in": "town-follow-up"}]
    back = from_json(data).cases["town"]
    [step] = [n for r in back.records for n in r.next_steps]
    assert step.reported_in is not None and step.reported_in.id == "town-follow-up"
    assert step.reported_in is next(r for r in back.records if r.id == "town-follow-up")
    [plain] = [r for r in to_json(load_dataset(write_mini(tmp_path / "plain", with_step(None))))[
        "cases"][0]["records"] if r["id"] == "town-inspection"]
    assert "reported_in" not in plain["next"][0]


def test_the_json_schema_and_the_scaffold_have_the_field() -> None:
    record = json.loads((REPO / "schema" / "record.schema.json").read_text("utf-8"))
    step = record["properties"]["next"]["items"]
    assert "reported_in" in step["properties"]
    assert "reported_in" not in step["required"]
    assert "#     # reported_in: record-id" in _text("record", "town-x")


def test_a_record_of_the_same_day_may_report_what_happened(tmp_path: Path) -> None:
    """The boundary: a record dated the day the step's record is (1 March 2018) is not
    before it; the step keeps its own record."""
    follow = "cases/town/records/town-follow-up.yml"
    same_day = MINI[follow].replace("id: town-follow-up", "id: town-same-day").split(
        "assessments:")[0]
    data = write_mini(tmp_path, {
        follow: ("assessments:", "next:\n  - text: A step\n    cite: [council-news]\n"
                 "    reported_in: town-same-day\nassessments:"),
        "cases/town/records/town-same-day.yml": same_day})
    case = load_dataset(data, use_cache=False).cases["town"]
    [record] = [r for r in case.records if r.next_steps]
    [step] = record.next_steps
    assert step.record is record and record.id == "town-follow-up"
    assert step.reported_in is not None and step.reported_in.id == "town-same-day"
