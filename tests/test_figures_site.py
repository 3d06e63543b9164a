"""Figures over time in a built site (#15): `mkdocs build --strict` of the fictional
tests/projects/figures, its case pages and Indicators page parsed as a reader's browser
gets them (the menu, the Figures section, the charts' structure, hostile text inert)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import Tag

from tests.conftest import PROJECTS, copy_project, mkdocs_build
from tests.html_support import soup_file
from tests.shared_builds import once

FIGURES_DATA = PROJECTS / "figures" / "data"
BROOKFIELD = "cases/brookfield-childrens-services/index.html"
RIVERMOUTH = "cases/rivermouth-council-review/index.html"
HOSTILE = 'Days lost <script>alert("x")</script> & {{ more }}'


@pytest.fixture(scope="module")
@once  # read by more than one test module (tests/shared_builds.py)
def figures_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("figures"), FIGURES_DATA)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def chart(svg: Tag) -> ET.Element:
    """The chart as XML, from the page's own text (html.parser lower-cases attributes)."""
    return ET.fromstring(str(svg).replace("viewbox=", "viewBox="))


def test_the_menu_has_indicators_after_cases(figures_site: Path) -> None:
    home = soup_file(figures_site / "index.html")
    tabs = [a.get_text(strip=True) for a in home.select("nav.md-nav--primary > ul > li > a")]
    assert tabs[tabs.index("Cases") + 1] == "Indicators"
    assert (figures_site / "indicators" / "index.html").is_file()


def test_the_case_page_has_a_figures_section_with_a_chart_per_series_of_two_or_more(
        figures_site: Path) -> None:
    case = soup_file(figures_site / BROOKFIELD)
    heading = case.find("h2", id="figures")
    assert heading is not None and heading.get_text(strip=True).startswith("Figures")
    toc = [a.get_text(strip=True) for a in case.select("nav.cf-contents a")]
    assert toc[toc.index("Money") + 1] == "Figures"
    charts = case.select("svg.cf-chart")
    assert [c.find("title").get_text() for c in charts] == [  # type: ignore[union-attr]
        HOSTILE, "Staff in post (fictional test indicator)"]
    staff = chart(charts[1])
    assert staff.attrib["role"] == "img"
    assert [c.findtext("title") for c in staff.findall("circle")] == [
        "340 people (April 2023)", "352 people (31 December 2023)", "360 people (February 2024)"]
    assert (staff.findtext("desc") or "").startswith(
        "Values in date order: 340 people (April 2023, Example Care Regulator); ")
    assert [t.text for t in staff.findall("text")] == [
        "360 people", "0", "April 2023", "February 2024"]
    xs = [float(c.attrib["cx"]) for c in staff.findall("circle")]
    assert xs == sorted(xs)


def test_hostile_indicator_names_and_notes_are_inert(figures_site: Path) -> None:
    raw = (figures_site / BROOKFIELD).read_text(encoding="utf-8")
    assert '<script>alert("x")' not in raw and "<b>markup</b>" not in raw
    assert "&lt;script&gt;alert(" in raw and "{{ more }}" in raw
    case = soup_file(figures_site / BROOKFIELD)
    assert case.find(id="figures-sick-days").get_text() == HOSTILE  # type: ignore[union-attr]
    assert [s.get_text() for s in case.find_all("script") if "alert" in s.get_text()] == []
    indicators = (figures_site / "indicators" / "index.html").read_text(encoding="utf-8")
    assert '<script>alert("x")' not in indicators


def test_a_case_with_one_value_per_indicator_has_tables_and_no_chart(figures_site: Path) -> None:
    case = soup_file(figures_site / RIVERMOUTH)
    assert case.select("svg.cf-chart") == []
    assert [t.caption.get_text() for t in case.select("table.cf-figures-table")] == [
        "Posts held by permanent staff (fictional test indicator): 1 value, oldest first",
        "Staff in post (fictional test indicator): 1 value, oldest first"]


def test_the_indicators_page_compares_latest_values_with_their_dates(figures_site: Path) -> None:
    indicators = soup_file(figures_site / "indicators/index.html")
    assert indicators.find("h1").get_text(strip=True) == "Indicators¶"  # type: ignore[union-attr]
    staff = indicators.find(id="indicator-staff-in-post")
    assert staff is not None
    assert "different dates (2022 and February 2024)" in staff.find_next("p").get_text()  # type: ignore[union-attr]
    cells = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])][:3]
             for tr in staff.find_next("table").tbody.find_all("tr")]  # type: ignore[union-attr]
    assert cells == [
        ["FICTIONAL TEST CASE: Brookfield District Council children's services", "360 people",
         "February 2024"],
        ["FICTIONAL TEST CASE: Rivermouth Borough Council review", "210 people", "2022"]]
    link = staff.find_next("table").tbody.find("a")  # type: ignore[union-attr]
    target = (figures_site / "indicators" / link["href"].split("#")[0]).resolve()  # type: ignore[index,union-attr]
    assert target == (figures_site / "cases/brookfield-childrens-services").resolve()
    assert soup_file(figures_site / BROOKFIELD).find(id=link["href"].split("#")[1]) is not None  # type: ignore[index,union-attr]


def test_a_chart_of_unlike_periods_draws_points_only_and_says_why(figures_site: Path) -> None:
    case = soup_file(figures_site / BROOKFIELD)
    sick, staff = (chart(s) for s in case.select("svg.cf-chart"))
    # three months (October to December) and two (January to February): no line
    assert sick.find("polyline") is None and len(sick.findall("circle")) == 2
    box = case.select(".cf-chart-box")[0]
    note = box.select_one("p.cf-chart-note")
    assert note is not None and note.get_text() == (
        "The points are not joined by a line: the values cover different lengths of time "
        "(3 months and 2 months), so they are not directly comparable.")
    assert note.get_text() in (sick.findtext("desc") or "")
    # single dates are joined, from zero, and the text says who gives each value
    assert staff.find("polyline") is not None
    assert case.select(".cf-chart-box")[1].select_one("p.cf-chart-note") is None
    assert staff.findtext("desc") == (
        "Values in date order: 340 people (April 2023, Example Care Regulator); 352 people "
        "(31 December 2023, Brookfield District Council); 360 people (February 2024, "
        "Brookfield District Council). The values come from different bodies: Example Care "
        "Regulator and Brookfield District Council. The value axis starts at zero.")
    assert [t.text for t in staff.findall("text")][:2] == ["360 people", "0"]
