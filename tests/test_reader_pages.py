"""What the reader is told in the page's structure (parsed HTML): a closed case headlines no
past-due deadline; a band period's seriousness step and now/upcoming hooks. Fictional data
only (MINI and tests/projects/oversight)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from casefile.model.next_due import candidates
from casefile.outputs.render import Renderer, case_src
from casefile.pipeline import load_dataset
from tests.conftest import PROJECTS, REPO, write_mini

CLOSED = {"cases/town/case.yml": ("status: open", "status: closed")}


def renderer(tmp_path: Path, changes: dict[str, str | tuple[str, str]]) -> Renderer:
    return Renderer(load_dataset(write_mini(tmp_path, changes), use_cache=False),
                    REPO / "macros")


def list_cell(r: Renderer) -> Tag:
    html = BeautifulSoup(str(r.macro("case_list", "index.md")), "html.parser")
    row = html.select("table.cf-case-list tbody tr")
    assert len(row) == 1
    return row[0].find_all("td")[2]


def facts_deadline(r: Renderer) -> Tag:
    html = BeautifulSoup(str(r.macro("case_facts", case_src("town"), view=r.views["town"])),
                         "html.parser")
    return html.find("dt", string="Next or past-due deadline").find_next_sibling("dd")


def test_an_open_case_headlines_its_past_due_deadline(tmp_path: Path) -> None:
    r = renderer(tmp_path, {})
    cell = list_cell(r)
    assert cell.select_one('[class^="o-"]').get_text() == "Past due: no record that it was met"
    assert cell.get_text(" ", strip=True) == (
        "Produce a plan. Past due: no record that it was met , due 30 October 2017 "
        "as of 1 March 2018")
    assert facts_deadline(r).select_one(".o-overdue") is not None


def test_a_closed_case_says_it_is_closed_instead_of_past_due(tmp_path: Path) -> None:
    r = renderer(tmp_path, CLOSED)
    v = r.views["town"]
    # the model still knows the past-due requirement; a closed case does not headline it
    assert v.next_due is None
    assert [(n.what, n.rank) for n in candidates(v.case, v.requirements)] == [
        ("Produce a plan.", 0)]
    cell = list_cell(r)
    assert cell.select('[class^="o-"]') == []
    assert cell.select_one(".cf-closed").get_text() == "None followed: the case is closed."
    assert cell.get_text(" ", strip=True) == (
        "None followed: the case is closed. Each requirement's outcome as of 1 March 2018 "
        "is on the case page .")
    assert cell.a["href"] == "cases/town/#requirements-and-deadlines"
    row = cell.find_parent("tr")
    assert row.select_one('[class^="s-"]').get_text() == "Closed"
    dd = facts_deadline(r)
    assert dd.select('[class^="o-"]') == []
    assert dd.get_text(" ", strip=True) == (
        "None followed: the case is closed. Each requirement's outcome as of 1 March 2018 "
        "is under Requirements and deadlines .")
    assert dd.a["href"] == "#requirements-and-deadlines"


def test_a_closed_case_keeps_each_outcome_in_its_requirements_table(tmp_path: Path) -> None:
    r = renderer(tmp_path, CLOSED)
    html = BeautifulSoup(str(r.macro("deadlines", case_src("town"), view=r.views["town"])),
                         "html.parser")
    assert [s.get_text() for s in html.select('[class^="o-"]')] == [
        "Past due: no record that it was met"]


@pytest.fixture(scope="module")
def oversight() -> Renderer:
    return Renderer(load_dataset(PROJECTS / "oversight" / "data", use_cache=False),
                    REPO / "macros")


def band_classes(r: Renderer, case_id: str) -> list[tuple[str, list[str]]]:
    html = BeautifulSoup(str(r.macro("oversight", case_src(case_id), view=r.views[case_id])),
                         "html.parser")
    return [(li.select_one(".cf-level__label").get_text(),
             [c for c in li["class"] if c.startswith("cf-level--step") or c in
              ("cf-level--now", "cf-level--upcoming")]) for li in html.select("li.cf-level")]


def test_seriousness_steps_spread_any_number_of_levels_over_0_to_4(oversight: Renderer) -> None:
    # four levels (NHS Wales): ranks 0..3 map to steps 0, 1, 3, 4
    assert band_classes(oversight, "northshire-health-board-escalation") == [
        ("Special measures", ["cf-level--step-4"]),
        ("Targeted intervention", ["cf-level--step-3"]),
        ("Special measures", ["cf-level--step-4", "cf-level--now"]),
        ("Enhanced monitoring", ["cf-level--step-1", "cf-level--now"])]
    # two levels (HMICFRS): the lower is step 0, the upper step 4
    assert band_classes(oversight, "westvale-police-monitoring") == [
        ("Engage", ["cf-level--step-4"]), ("Scan", ["cf-level--step-0", "cf-level--now"])]
    # five stages (NHS Scotland): stage n is step n - 1
    assert band_classes(oversight, "eastmoor-health-board-escalation") == [
        ("Stage 2", ["cf-level--step-1"]), ("Stage 4", ["cf-level--step-3"]),
        ("Stage 3", ["cf-level--step-2", "cf-level--now"])]


def test_a_site_framework_listed_most_serious_first_steps_by_seriousness(
        oversight: Renderer) -> None:
    steps = band_classes(oversight, "riverton-council-intervention")
    assert steps[:2] == [("No concern", ["cf-level--step-0"]),
                         ("Serious concern", ["cf-level--step-4", "cf-level--now"])]
