"""Figures over time as readers see them (casefile/model/figures_view.py, #15): each case's
series in date order with who says so, and each indicator's latest value per case with
whether their dates differ, on the fictional cases of tests/projects/figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.model import figures_view, vocab
from casefile.model import objects as m
from casefile.model.dates import PartialDate
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import PROJECTS, REPO, SECOND_HAND_DATA

FIGURES_DATA = PROJECTS / "figures" / "data"
BROOKFIELD, RIVERMOUTH = "brookfield-childrens-services", "rivermouth-council-review"
GAZETTE = "as reported by The Example Gazette (press)"
HOSTILE_NAME = 'Days lost <script>alert("x")</script> & {{ more }}'


@pytest.fixture
def renderer() -> Renderer:  # function-scoped: each test may change the data it holds
    return Renderer(load_dataset(FIGURES_DATA, use_cache=False), REPO / "macros")


def rows(one: figures_view.Series) -> list[tuple[str, str, str, list[int]]]:
    return [(v.when, v.value, v.who, [c.number for c in v.figure.cites]) for v in one.values]


def test_one_series_per_indicator_by_name_each_in_date_order(renderer: Renderer) -> None:
    found = figures_view.series(renderer.views[BROOKFIELD].case)
    assert [(s.indicator.id, s.anchor, s.caption) for s in found] == [
        ("sick-days", "figures-sick-days",
         'Days lost <script>alert("x")</script> & {{ more }}: 2 values, oldest first'),
        ("permanent-posts", "figures-permanent-posts",
         "Posts held by permanent staff (fictional test indicator): 1 value, oldest first"),
        ("staff-in-post", "figures-staff-in-post",
         "Staff in post (fictional test indicator): 3 values, oldest first")]
    assert rows(found[2]) == [
        ("April 2023", "340 people", "Regulator's figure: Example Care Regulator", [1]),
        ("31 December 2023", "352 people", "Own figure: Brookfield District Council", [4]),
        ("February 2024", "360 people",
         f"Own figure: Brookfield District Council, {GAZETTE}", [3])]
    assert rows(found[0]) == [
        ("October to December 2023", "96.5 days",
         f"Own figure: Brookfield District Council, {GAZETTE}", [3]),
        ("January to February 2024", "71 days",
         f"Own figure: Brookfield District Council, {GAZETTE}", [3])]


def test_a_period_has_both_ends_and_sits_at_its_middle_on_the_chart(renderer: Renderer) -> None:
    days = figures_view.series(renderer.views[BROOKFIELD].case)[0].values
    assert [v.parts for v in days] == [("October", "December 2023"), ("January", "February 2024")]
    # 1 October to 31 December 2023: the middle is half way between the two days' numbers
    assert days[0].at == Decimal(dt.date(2023, 10, 1).toordinal()
                                 + dt.date(2023, 12, 31).toordinal()) / 2
    single = figures_view.series(renderer.views[BROOKFIELD].case)[2].values
    assert [v.parts for v in single] == [None, None, None]
    assert single[1].at == dt.date(2023, 12, 31).toordinal()
    assert single[0].at == Decimal(dt.date(2023, 4, 1).toordinal()
                                   + dt.date(2023, 4, 30).toordinal()) / 2


def _value(figure: m.Figure, **changes: object) -> figures_view.Value:
    return figures_view.value_of(replace(figure, **changes))  # type: ignore[arg-type]


def test_ties_go_by_the_period_end_then_who_says_so_then_the_source(renderer: Renderer) -> None:
    case = renderer.views[BROOKFIELD].case
    staff = figures_view.series(case)[2].values
    regulator, council = staff[0].figure, staff[1].figure
    day = PartialDate(2023, 4)
    longer = _value(council, date=day, until=PartialDate(2023, 6))
    by_council = _value(council, date=day)
    by_regulator = _value(regulator, date=day)
    assert by_council.who < by_regulator.who  # "Own figure: …" before "Regulator's …"
    order = figures_view.in_date_order([longer, by_regulator, by_council])
    assert order == [by_council, by_regulator, longer]
    # the same date and speaker: by the source's number in the case's list of sources
    first, later = (_value(council, date=day, cites=[replace(council.cites[0], number=n)])
                    for n in (2, 9))
    assert figures_view.in_date_order([later, first]) == [first, later]
    # the year 2023 starts with January 2023 but ends after it
    year = _value(council, date=PartialDate(2023))
    january = _value(council, date=PartialDate(2023, 1))
    assert figures_view.in_date_order([year, january]) == [january, year]
    assert figures_view.in_date_order([by_council, year]) == [year, by_council]


def test_latest_per_case_across_cases_says_when_dates_differ(renderer: Renderer) -> None:
    found = figures_view.compared(list(renderer.views.values()))
    summary = [(c.indicator.id, c.unit, c.dates,
                [(one.view.case.id, one.anchor, [(v.value, v.when) for v in one.values])
                 for one in c.latest]) for c in found]
    assert summary == [
        ("sick-days", "Unit: days.", "Recorded for one case only.",
         [(BROOKFIELD, "figures-sick-days", [("71 days", "January to February 2024")])]),
        ("permanent-posts", "Unit: per cent.",
         "The latest values are for different dates (March 2022 and February 2024): read "
         "each with its date before comparing them.",
         [(BROOKFIELD, "figures-permanent-posts", [("88 per cent", "February 2024")]),
          (RIVERMOUTH, "figures-permanent-posts", [("75.5 per cent", "March 2022")])]),
        ("staff-in-post", "Unit: people.",
         "The latest values are for different dates (2022 and February 2024): read each "
         "with its date before comparing them.",
         [(BROOKFIELD, "figures-staff-in-post", [("360 people", "February 2024")]),
          (RIVERMOUTH, "figures-staff-in-post", [("210 people", "2022")])]),
    ]


def test_the_same_date_is_said_once_and_two_latest_values_are_both_shown(
        renderer: Renderer) -> None:
    brookfield = renderer.views[BROOKFIELD].case
    rivermouth = renderer.views[RIVERMOUTH].case
    staff = {f.record.id: f for f in (*brookfield.figures, *rivermouth.figures)
             if f.indicator.id == "staff-in-post"}
    staff["rivermouth-2022-inspection"].date = PartialDate(2024, 2)
    # a second value for Brookfield's latest date, from another body: neither is chosen
    staff["brookfield-2024-board-report"].date = PartialDate(2024, 2)
    found = {c.indicator.id: c for c in figures_view.compared(list(renderer.views.values()))}
    assert found["staff-in-post"].dates == (
        "Each case's latest value is for the same date: February 2024.")
    assert [[v.value for v in one.values] for one in found["staff-in-post"].latest] == [
        ["352 people", "360 people"], ["210 people"]]


def test_a_money_indicator_names_its_currency() -> None:
    money = m.Indicator("spend", "Spend", vocab.INDICATOR_UNITS["money"], None, "GBP")
    assert figures_view.Compared(money, [], "").unit == "Unit: money (GBP)."


def _page(renderer: Renderer, src: str) -> BeautifulSoup:
    return BeautifulSoup(renderer.pages()[src], "html.parser")


def test_the_case_page_lays_out_each_series_and_charts_two_or_more(renderer: Renderer) -> None:
    page = _page(renderer, f"cases/{BROOKFIELD}.md")
    text = renderer.pages()[f"cases/{BROOKFIELD}.md"]
    assert text.count("\n## Figures\n") == 1
    tables = page.select("table.cf-figures-table")
    assert [t.caption.get_text() for t in tables] == [
        s.caption for s in figures_view.series(renderer.views[BROOKFIELD].case)]
    staff = tables[2]
    assert [[td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in staff.tbody.find_all("tr")] == [
        ["April 2023", "340 people", "Regulator's figure: Example Care Regulator", "[1]"],
        ["31 December 2023", "352 people Counted by the council (invented).",
         "Own figure: Brookfield District Council", "[4]"],
        ["February 2024", "360 people", f"Own figure: Brookfield District Council, {GAZETTE}",
         "[3]"]]
    assert [t["datetime"] for t in staff.find_all("time")] == ["2023-04", "2023-12-31", "2024-02"]
    period = tables[0].tbody.tr.find_all("time")
    assert [(t["datetime"], t.get_text()) for t in period] == [("2023-10", "October"),
                                                               ("2023-12", "December 2023")]
    # a chart beside each table of two or more values, none beside the single value
    boxes = page.select("div.cf-figures")
    assert [b.get("class") for b in boxes] == [["cf-figures", "cf-figures--chart"],
                                               ["cf-figures"],
                                               ["cf-figures", "cf-figures--chart"]]
    assert [len(b.select("svg circle")) for b in boxes] == [2, 0, 3]
    assert page.find("script") is None  # the hostile name and note are text
    assert page.find("b") is None


def test_a_case_with_no_figures_has_no_section_and_the_page_says_none_yet() -> None:
    plain = Renderer(load_dataset(SECOND_HAND_DATA, use_cache=False), REPO / "macros")
    case = next(iter(plain.views))
    text = plain.pages()[f"cases/{case}.md"]
    assert "## Figures" not in text and "cf-figures" not in text
    page = BeautifulSoup(plain.pages()["indicators.md"], "html.parser")
    assert page.select_one("p.cf-empty").get_text() == "No figures are recorded yet."  # type: ignore[union-attr]


def test_the_indicators_page_gives_each_cases_latest_value_with_its_date(
        renderer: Renderer) -> None:
    page = _page(renderer, "indicators.md")
    assert [h.get_text() for h in page.find_all("h2")] == [
        'Days lost <script>alert("x")</script> & {{ more }}',
        "Posts held by permanent staff (fictional test indicator)",
        "Staff in post (fictional test indicator)"]
    staff = page.find(id="indicator-staff-in-post")
    assert staff is not None
    assert staff.find_next("p").get_text() == (  # type: ignore[union-attr]
        "Invented for casefile's tests. Unit: people. The latest values are for different "
        "dates (2022 and February 2024): read each with its date before comparing them.")
    table = staff.find_next("table")
    assert [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            for tr in table.tbody.find_all("tr")] == [  # type: ignore[union-attr]
        ["FICTIONAL TEST CASE: Brookfield District Council children's services", "360 people",
         "February 2024", f"Own figure: Brookfield District Council, {GAZETTE}", "[3]"],
        ["FICTIONAL TEST CASE: Rivermouth Borough Council review", "210 people", "2022",
         "Regulator's figure: Example Care Regulator", "[1]"]]
    links = [a["href"] for a in table.find_all("a")]  # type: ignore[union-attr]
    assert links == [f"../cases/{BROOKFIELD}/#figures-staff-in-post",
                     f"../cases/{BROOKFIELD}/#ref-3",
                     f"../cases/{RIVERMOUTH}/#figures-staff-in-post",
                     f"../cases/{RIVERMOUTH}/#ref-1"]


def test_the_fixture_is_fictional() -> None:
    text = " ".join(p.read_text(encoding="utf-8") for p in Path(FIGURES_DATA).rglob("*.yml"))
    for real in ("Powys", "Wales", "CIW"):
        assert real not in text


def test_each_source_links_back_to_the_figures_it_backs(renderer: Renderer) -> None:
    page = _page(renderer, f"cases/{BROOKFIELD}.md")
    sources = _page(renderer, f"cases/{BROOKFIELD}/sources.md")  # "Cited in" is there
    back = {li["id"]: {str(a["href"]).split("#", 1)[1] for a in li.select("p.cf-cited-in a")}
            for li in sources.select("ol.cf-bibliography > li")}
    for table in page.select("table.cf-figures-table"):
        for a in table.select("a[href^='#ref-']"):
            row = a.find_parent("tr")
            assert row["id"] in back[a["href"][1:]]  # type: ignore[index]
    gazette = next(li for li in sources.select("ol.cf-bibliography > li")
                   if "newspaper article" in li.get_text())
    said = " ".join(gazette.select_one("p.cf-cited-in").get_text().split())  # type: ignore[union-attr]
    assert said.startswith(
        f'Cited in: Figures: {HOSTILE_NAME}, October to December 2023; {HOSTILE_NAME}, '
        "January to February 2024; Posts held by permanent staff (fictional test "
        "indicator), February 2024; Staff in post (fictional test indicator), February "
        "2024. Timeline:")
    assert ["#" + str(a["href"]).split("#", 1)[1]
            for a in gazette.select("p.cf-cited-in a")][:4] == [
        "#figures-sick-days-1", "#figures-sick-days-2", "#figures-permanent-posts-1",
        "#figures-staff-in-post-3"]


def test_values_are_written_in_the_sites_locale(renderer: Renderer) -> None:
    found = figures_view.compared(list(renderer.views.values()), "fr_FR")
    assert [v.value for one in found[1].latest for v in one.values] == [
        "88 per cent", "75,5 per cent"]
    assert [v.value for v in figures_view.series(renderer.views[BROOKFIELD].case,
                                                 "fr_FR")[0].values] == ["96,5 days", "71 days"]


def test_each_chart_is_titled_by_its_indicator_and_named_after_its_series(
        renderer: Renderer) -> None:
    from casefile.outputs.chart import of_series

    found = figures_view.series(renderer.views[BROOKFIELD].case)
    drawn = [of_series(s) for s in found]
    assert drawn[1] is None  # one value: no chart
    page = BeautifulSoup(str(drawn[2]), "html.parser")
    assert page.svg["aria-labelledby"] == (  # type: ignore[index]
        "figures-staff-in-post-chart-title figures-staff-in-post-chart-desc")
    assert page.svg.title.get_text() == "Staff in post (fictional test indicator)"  # type: ignore[union-attr]
    assert page.find(id="figures-staff-in-post-chart-title") is not None


def test_a_figure_is_said_in_words_for_a_figure_and_a_finding_keeps_its_own(
        renderer: Renderer) -> None:
    from casefile.model import who
    value = figures_view.series(renderer.views[BROOKFIELD].case)[2].values[0]
    figure = value.figure
    said = {key: who.figure_said_by(vocab.ASSERTERS[key], figure.by, figure.record, None)
            for key in ("self", "regulator", "government", "press", "tracker")}
    name = figure.by.label_at(figure.record.date)
    assert said == {"self": f"Own figure: {name}", "regulator": f"Regulator's figure: {name}",
                    "government": f"Government's figure: {name}",
                    "press": f"Press report: {name}",
                    "tracker": f"Tracker (second-hand): {name}"}
    assert "judgement" not in value.who and "claim" not in value.who
    # a finding's status keeps the words of its asserter
    assert who.said_by(vocab.ASSERTERS["regulator"], figure.by, figure.record, None) \
        == f"Regulator's judgement: {name}"


def test_each_value_says_how_long_a_time_it_covers(renderer: Renderer) -> None:
    found = figures_view.series(renderer.views[BROOKFIELD].case)
    assert [v.span for v in found[0].values] == ["3 months", "2 months"]
    assert [v.span for v in found[2].values] == ["a date"] * 3
    assert found[0].chart_note is not None and found[2].chart_note is None
    assert found[1].chart_note is None  # one value: no chart
    assert figures_view.unjoined_note(["a date", "62 days"]) == (
        "The points are not joined by a line: the values cover different lengths of time "
        "(a date and 62 days), so they are not directly comparable.")
