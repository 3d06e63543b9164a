""""Where things stand" says each oversight level (casefile.model.stand_oversight): the
level as of the case's date, since when, how it compares with the one before, its place in
the framework, who says so and the citation, built from the fictional oversight fixture
(tests/projects/oversight) and laid out by macros/case.html."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.outputs.render import Renderer, case_src
from casefile.pipeline import load_dataset
from tests.conftest import PROJECTS, REPO, write_mini

EASTMOOR = "eastmoor-health-board-escalation"
NORTHSHIRE = "northshire-health-board-escalation"


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(load_dataset(PROJECTS / "oversight" / "data", use_cache=False),
                    REPO / "macros")


def test_the_level_is_said_with_who_says_so_and_its_citation(renderer: Renderer) -> None:
    view = renderer.views[EASTMOOR]
    [said] = view.stand.oversight
    assert said.text == (
        "Oversight level as of September 2023 for Eastmoor Health Board: Stage 3, since "
        "September 2023. Better: down from stage 4. That is level 3 of 5 under NHS Scotland "
        "board performance escalation framework, whose levels Scottish Government sets. "
        "Example Government says so in “De-escalated to stage 3” (September 2023).")
    assert [c.source.id for c in said.cites] == ["eastmoor-2023-letter"]
    # the same period as the oversight section shows as current
    [track] = view.oversight
    assert track.current is not None and said.anchor == track.current.anchor


def test_the_page_lays_it_out_after_the_records_end(renderer: Renderer) -> None:
    view = renderer.views[EASTMOOR]
    html = BeautifulSoup(str(renderer.macro("stand", case_src(EASTMOOR), view=view)),
                         "html.parser")
    paragraphs = [p.get_text(" ", strip=True) for p in html.select(".cf-stand > p")]
    letter = view.number(view.stand.oversight[0].cites[0].source)
    assert paragraphs[0].startswith("These records end in September 2023.")
    assert paragraphs[1] == (
        "Oversight level as of September 2023 for Eastmoor Health Board: Stage 3, since "
        "September 2023. Better: down from stage 4. That is level 3 of 5 under NHS Scotland "
        "board performance escalation framework, whose levels Scottish Government sets. "
        f"Example Government says so in “De-escalated to stage 3” (September 2023). "
        f"[{letter}]")
    assert paragraphs[2] == "No findings are recorded in this case."


def test_each_body_and_service_is_said_with_the_most_serious_marked(
        renderer: Renderer) -> None:
    texts = [s.text for s in renderer.views[NORTHSHIRE].stand.oversight]
    assert texts == [
        "Oversight level as of 31 March 2023 for Northshire Health Board: Special measures, "
        "since 27 February 2023. Worse: up from targeted intervention. That is level 4 of 4, "
        "the most serious, under NHS Wales escalation and intervention arrangements, whose "
        "levels Welsh Government sets. Example Government says so in “Returned to special "
        "measures” (20 February 2023).",
        "Oversight level as of 31 March 2023 for Northshire Health Board, maternity "
        "services: Enhanced monitoring, since 20 February 2023. That is level 2 of 4 under "
        "NHS Wales escalation and intervention arrangements, whose levels Welsh Government "
        "sets. Example Government says so in “Returned to special measures” "
        "(20 February 2023)."]


def test_a_case_without_oversight_says_nothing_of_it(tmp_path: Path) -> None:
    data = write_mini(tmp_path, {})
    r = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
    assert r.views["town"].stand.oversight == []
    html = BeautifulSoup(str(r.macro("stand", case_src("town"), view=r.views["town"])),
                         "html.parser")
    assert html.select(".cf-stand-level") == []


def copied(tmp_path: Path, path: str, old: str, new: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(PROJECTS / "oversight" / "data", data)
    target = data / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")
    return data


def test_a_level_announced_for_after_the_case_s_date_is_said_as_not_yet_in_effect(
        tmp_path: Path) -> None:
    data = copied(tmp_path, f"cases/{NORTHSHIRE}/case.yml", "as_of: 2023-03-31",
                  "as_of: 2023-02-24")
    r = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
    said = r.views[NORTHSHIRE].stand.oversight
    assert [s.text for s in said[:2]] == [
        "Oversight level as of 24 February 2023 for Northshire Health Board: Targeted "
        "intervention, since November 2020. Better: down from special measures. That is "
        "level 3 of 4 under NHS Wales escalation and intervention arrangements, whose levels "
        "Welsh Government sets. Example Government says so in “Moved down to targeted "
        "intervention” (November 2020).",
        "Announced, not yet in effect as of 24 February 2023, for Northshire Health Board: "
        "Special measures from 27 February 2023. That is level 4 of 4, the most serious, "
        "under NHS Wales escalation and intervention arrangements, whose levels Welsh "
        "Government sets. Example Government says so in “Returned to special measures” "
        "(20 February 2023)."]
    assert [c.source.id for c in said[1].cites] == ["northshire-2023-statement"]


def test_a_level_known_only_from_another_publisher_says_who_reports_it(
        tmp_path: Path) -> None:
    data = copied(tmp_path, "sources/eastmoor-2023-letter.yml",
                  "publisher: example-government", "publisher: example-inspectorate")
    r = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
    [said] = r.views[EASTMOOR].stand.oversight
    assert said.text.endswith(
        "Example Inspectorate (regulator) reports that Example Government says so in "
        "“De-escalated to stage 3” (September 2023).")
