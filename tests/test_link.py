"""Checks across the whole data set: ids, references, date order, roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.model import who
from casefile.pipeline import load_dataset
from tests.conftest import MINI, write_mini

FOLLOW = "cases/town/records/town-follow-up.yml"


def problems(tmp_path: Path, changes: dict[str, tuple[str, str] | str]) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(write_mini(tmp_path, changes))
    return [str(p) for p in caught.value.problems]


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    got = problems(tmp_path, {"sources/town.yml": MINI["sources/council-news.yml"].replace(
        "id: council-news", "id: town")})
    # sources are linked before cases, so the case file is the second use
    assert got == ["data/cases/town/case.yml:1:5: id: duplicate id 'town': already used at "
                   "data/sources/town.yml:1:5; ids must be unique across the whole data set"]


def test_id_must_match_file_name(tmp_path: Path) -> None:
    got = problems(tmp_path, {"bodies/inspectorate.yml": ("id: inspectorate", "id: inspector")})
    assert got[0] == ("data/bodies/inspectorate.yml:1:5: id: id 'inspector' does not match the "
                      "file name; rename the file to 'inspector.yml' or change the id to "
                      "'inspectorate'")


def test_unknown_finding_and_body(tmp_path: Path) -> None:
    got = problems(tmp_path, {FOLLOW: ("finding: f-leadership", "finding: f-leadership-x")})
    assert got == [f"data/{FOLLOW}:9:14: assessments[0].finding: no finding with id "
                   "'f-leadership-x'; did you mean 'f-leadership'?"]


def test_assessment_dated_before_the_finding(tmp_path: Path) -> None:
    got = problems(tmp_path, {FOLLOW: ("date: 2018-03-01", "date: 2017-06")})
    assert got == [f"data/{FOLLOW}:9:14: assessments[0].finding: this assessment is dated June "
                   "2017, before the finding it assesses was raised (July 2017, record "
                   "'town-inspection')"]


def test_statement_needs_a_role_in_force(tmp_path: Path) -> None:
    got = problems(tmp_path, {"people/pat-leader.yml": ("body: town-council",
                                                        "body: town-council\n    from: 2019")})
    assert got == ["data/cases/town/records/town-inspection.yml:25:13: statements[0].person: "
                   "Pat Leader has no role in force on October 2017; add one to "
                   "data/people/pat-leader.yml"]


def test_a_broken_file_does_not_cascade(tmp_path: Path) -> None:
    got = problems(tmp_path, {"sources/council-news.yml": "id: council-news\n  bad: [\n"})
    assert len(got) == 1 and got[0].startswith("data/sources/council-news.yml:2:")


def test_misplaced_and_misnamed_files(tmp_path: Path) -> None:
    got = problems(tmp_path, {"bodies/extra.yaml": "id: extra\n", "notes.yml": "a: b\n"})
    assert got == [
        "data/bodies/extra.yaml:1:1: data files end in .yml, not .yaml; rename the file",
        "data/notes.yml:1:1: unexpected file: data files go in themes.yml, vocabulary.yml, "
        "indicators.yml, bodies/, people/, sources/, cases/CASE/case.yml or "
        "cases/CASE/records/",
    ]


def test_names_in_force_at_a_date(mini: Path) -> None:
    dataset = load_dataset(mini)
    regulator = dataset.bodies["inspectorate"]
    inspection = dataset.cases["town"].records[0]
    assert regulator.label_at(inspection.date) == "OI (now New Inspectorate)"
    assert regulator.label_at(dataset.cases["town"].records[1].date) == "New Inspectorate"
    assessment = dataset.cases["town"].records[1].assessments[0]
    assert assessment.asserter.value == "self"  # the council about itself
    town = dataset.cases["town"]
    assert who.grade(dataset.sources["council-news"], town).value == "self_report"
    assert who.grade(dataset.sources["report-2017"], town).value == "regulator"


def test_case_id_must_match_folder_name(tmp_path: Path) -> None:
    got = problems(tmp_path, {"cases/town/case.yml": ("id: town\n", "id: town-case\n")})
    assert ("data/cases/town/case.yml:1:5: id: id 'town-case' does not match the folder name "
            "'town' (data/cases/town/); rename the folder to 'town-case' or change the id to "
            "'town'") in got


@pytest.mark.parametrize("date", ["", "2017-13", "soon"])
def test_a_bad_date_is_one_problem_even_when_other_records_depend_on_it(
        tmp_path: Path, date: str) -> None:
    """Found by fuzzing: a later record assessing a finding of a record whose date is in
    error crashed the linker instead of reporting the date."""
    inspection = "cases/town/records/town-inspection.yml"
    got = problems(tmp_path, {inspection: ("date: 2017-07\n", f"date: {date}\n"),
                              FOLLOW: ("summary: The council", "after: town-inspection\n"
                                       "summary: The council")})
    assert len(got) == 1 and got[0].startswith(f"data/{inspection}:4:"), got
    assert ": date: " in got[0]


@pytest.mark.parametrize("ident, used_for", [
    ("index", "the list of cases (cases/index.html)"),
    ("all", "the feed of every case (feeds/all.xml)"),
    ("deadlines", "the calendar of every case's deadlines (feeds/deadlines.ics)")])
def test_case_ids_the_site_uses_for_its_own_files_are_refused(
        tmp_path: Path, ident: str, used_for: str) -> None:
    """Found by an adversarial review: a case called 'all' silently replaced the feed of
    every case."""
    files = {f"cases/{ident}/{rel.split('/', 2)[2]}": text.replace("town", ident)
             for rel, text in MINI.items() if rel.startswith("cases/town/")}
    got = problems(tmp_path, {**files, **{rel: text for rel, text in MINI.items()
                                          if not rel.startswith("cases/")}})
    assert f"data/cases/{ident}/case.yml:1:5: id: '{ident}' is reserved: the site uses it " \
        f"for {used_for}; choose another id" in got


def test_a_body_may_not_be_called_index(tmp_path: Path) -> None:
    got = problems(tmp_path, {"bodies/index.yml": MINI["bodies/town-council.yml"].replace(
        "id: town-council", "id: index")})
    assert got == ["data/bodies/index.yml:1:5: id: 'index' is reserved: the site uses it for "
                   "the list of bodies (bodies/index.html); choose another id"]


def test_body_names_go_oldest_first(tmp_path: Path) -> None:
    """An older name appended last would otherwise become the 'current' name shown as
    '(now …)' on every page of every case."""
    body = MINI["bodies/inspectorate.yml"] + "  - name: Ancient Inspectorate\n    until: 2005\n"
    got = problems(tmp_path, {"bodies/inspectorate.yml": body})
    assert got == ["data/bodies/inspectorate.yml:10:12: names[2].until: names go oldest first, "
                   "the current name last: 'Ancient Inspectorate' (until 2005) is listed after "
                   "'New Inspectorate' (from January 2018); move it up"]


def test_money_may_name_only_a_record_of_its_own_case(tmp_path: Path) -> None:
    def city(text: str) -> str:
        for old, new in (("town-inspection", "city-inspection"), ("id: town\n", "id: city\n"),
                         ("town-follow-up", "city-follow-up"), ("f-leadership", "f-city"),
                         ("req-plan", "req-city")):
            text = text.replace(old, new)
        return text
    other = {city(rel.replace("cases/town/", "cases/city/")): city(text)
             for rel, text in MINI.items() if rel.startswith("cases/town/")}
    case = other["cases/city/case.yml"].replace(
        "    for: Set aside.\n", "    for: Set aside.\n    record: town-inspection\n")
    got = problems(tmp_path, {**other, "cases/city/case.yml": case})
    assert got == ["data/cases/city/case.yml:15:13: money[0].record: record 'town-inspection' "
                   "belongs to case 'town', not 'city'; money may name only a record of its "
                   "own case"]
