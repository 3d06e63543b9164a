"""The inline SVG chart of an indicator's values (casefile/outputs/chart.py), checked by its
structure: parsed, never compared with a stored picture."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal

import pytest

from casefile.model.figures_view import series, unjoined_note
from casefile.outputs.chart import ChartPoint, description, of_series, points_of, svg
from casefile.pipeline import load_dataset
from tests.test_figures_view import BROOKFIELD, FIGURES_DATA


def point(at: int, value: str, words: str, when: str) -> ChartPoint:
    return ChartPoint(Decimal(at), Decimal(value), words, when)


THREE = [point(736330, "340", "340 people", "January 2017"),
         point(736500, "352", "352 people", "2017"),
         point(736766, "360", "360 people", "13 March 2018")]


def parsed(points: list[ChartPoint], title: str = "Staff complement",
           chart_id: str = "figures-staff") -> ET.Element:
    return ET.fromstring(str(svg(chart_id, title, points)))


def numbers(element: ET.Element, *names: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(element.attrib[n]) for n in names)


def test_one_circle_per_value_in_the_order_given_each_with_its_value_and_date() -> None:
    chart = parsed(THREE)
    circles = chart.findall("circle")
    assert [c.findtext("title") for c in circles] == [
        "340 people (January 2017)", "352 people (2017)", "360 people (13 March 2018)"]
    xs = [numbers(c, "cx")[0] for c in circles]
    ys = [numbers(c, "cy")[0] for c in circles]
    assert xs == sorted(xs) and len(set(xs)) == 3  # later is further right
    assert ys == sorted(ys, reverse=True) and len(set(ys)) == 3  # higher is further up
    # a point's place in time is proportional: 170 days of 436 from the first
    share = (xs[1] - xs[0]) / (xs[2] - xs[0])
    assert abs(share - Decimal(170) / Decimal(436)) < Decimal("0.002")
    line = chart.find("polyline")
    assert line is not None
    assert line.attrib["points"].split() == [
        f"{c.attrib['cx']},{c.attrib['cy']}" for c in circles]


def test_title_and_description_state_every_value_with_its_date() -> None:
    chart = parsed(THREE)
    assert chart.attrib["role"] == "img"
    assert chart.attrib["aria-labelledby"] == "figures-staff-title figures-staff-desc"
    title, desc = chart.find("title"), chart.find("desc")
    assert title is not None and desc is not None
    assert (title.attrib["id"], title.text) == ("figures-staff-title", "Staff complement")
    assert (desc.attrib["id"], desc.text) == (
        "figures-staff-desc", "Values in date order: 340 people (January 2017); 352 people "
        "(2017); 360 people (13 March 2018). The value axis starts at zero.")
    assert description(THREE) == desc.text


def test_axis_labels_are_the_first_and_last_dates_and_the_lowest_and_highest_values() -> None:
    chart = parsed(THREE)
    texts = {t.text: t for t in chart.findall("text")}
    assert set(texts) == {"0", "360 people", "January 2017", "13 March 2018"}
    # the highest value's label is above zero's; the dates are below both
    assert numbers(texts["360 people"], "y") < numbers(texts["0"], "y")
    assert numbers(texts["January 2017"], "y") > numbers(texts["0"], "y")
    assert texts["January 2017"].attrib["text-anchor"] == "start"
    assert texts["13 March 2018"].attrib["text-anchor"] == "end"
    # the first date starts where the first point is, the last ends at the last point's x
    circles = chart.findall("circle")
    assert texts["January 2017"].attrib["x"] == circles[0].attrib["cx"]
    assert texts["13 March 2018"].attrib["x"] == circles[-1].attrib["cx"]


def test_lowest_and_highest_come_from_the_values_not_their_order() -> None:
    falling = [point(1, "12.5", "12.5 per cent", "2019"), point(2, "88", "88 per cent", "2020"),
               point(3, "40", "40 per cent", "2021")]
    chart = parsed(falling)
    texts = [t.text for t in chart.findall("text")]
    assert texts[:2] == ["88 per cent", "0"]
    ys = [numbers(c, "cy")[0] for c in chart.findall("circle")]
    assert ys[1] < ys[2] < ys[0]


def test_coordinates_are_exact_to_one_decimal_place_with_no_float_artefacts() -> None:
    values = [point(0, "0.1", "0.1 days", "2020"), point(3, "0.2", "0.2 days", "2021"),
              point(7, "0.3", "0.3 days", "2022")]
    text = str(svg("c", "Days", values))
    coordinates = re.findall(r' (?:cx|cy|x|y|x1|x2|y1|y2)="([^"]*)"', text)
    assert coordinates and all(re.fullmatch(r"[0-9]+\.[0-9]", c) for c in coordinates)
    for pair in ET.fromstring(text).find("polyline").attrib["points"].split():  # type: ignore[union-attr]
        assert re.fullmatch(r"[0-9]+\.[0-9],[0-9]+\.[0-9]", pair)
    # from zero, 0.3 is three times as high as 0.1: 150 - 134 × 0.1 / 0.3 ≈ 105.3
    ys = [numbers(c, "cy")[0] for c in ET.fromstring(text).findall("circle")]
    assert ys == [Decimal("105.3"), Decimal("60.7"), Decimal("16.0")]
    assert svg("c", "Days", values) == svg("c", "Days", values)  # the same every time


def test_equal_values_are_one_level_line_and_one_date_is_the_middle() -> None:
    flat = parsed([point(5, "88", "88 per cent", "2019"), point(9, "88", "88 per cent", "2020")])
    assert len(flat.findall("line[@class='cf-chart-grid']")) == 2  # the value and zero
    assert [t.text for t in flat.findall("text")] == ["88 per cent", "0", "2019", "2020"]
    zeros = parsed([point(5, "0", "0 cases", "2019"), point(9, "0", "0 cases", "2020")])
    assert len(zeros.findall("line[@class='cf-chart-grid']")) == 1
    assert len({c.attrib["cy"] for c in flat.findall("circle")}) == 1
    same_day = parsed([point(5, "1", "1 case", "2019"), point(5, "2", "2 cases", "2019")])
    assert len({c.attrib["cx"] for c in same_day.findall("circle")}) == 1


def test_hostile_text_is_inert() -> None:
    nasty = '<script>alert(1)</script>" onload="x'
    text = str(svg('x" onload="y', nasty, [point(1, "1", nasty, "<b>2019</b>"),
                                          point(2, "2", "2 <i>", "2020 &amp;")]))
    chart = ET.fromstring(text)
    assert chart.findtext("title") == nasty
    assert "<script" not in text and "<b>" not in text and "<i>" not in text
    assert chart.find(".//script") is None
    assert [e.tag for e in chart.iter()] == ["svg", "title", "desc", "line", "text", "line",
                                             "text", "line", "text", "text", "polyline",
                                             "circle", "title", "circle", "title"]
    assert not any(name.startswith("on") for e in chart.iter() for name in e.attrib)
    assert chart.findall("circle")[1].findtext("title") == "2 <i> (2020 &amp;)"


def test_nothing_outside_and_only_current_colour() -> None:
    text = str(svg("c", "Staff", THREE))
    for outside in ("href", "url(", "<script", "<image", "<use", "<foreignObject", "style=",
                    "http"):
        assert outside not in text
    chart = ET.fromstring(text)
    paints = {e.attrib[a] for e in chart.iter() for a in ("fill", "stroke") if a in e.attrib}
    assert paints == {"currentColor", "none"}
    assert chart.attrib["viewBox"] == "0 0 360 200"
    assert "width" not in chart.attrib and "height" not in chart.attrib  # scales to its box
    assert all(e.attrib.get("font-size") == "14" for e in chart.findall("text"))


def test_a_label_too_long_for_its_room_is_squeezed_to_fit_not_cut_off() -> None:
    long = "about £123,456,789,012.50 a year (approximately, as reported)"
    chart = parsed([point(1, "-1", long, "2019"), point(2, "2", "£2", "2020")])
    label = next(t for t in chart.findall("text") if t.text == long)
    assert label.attrib["lengthAdjust"] == "spacingAndGlyphs"
    assert Decimal(label.attrib["textLength"]) <= Decimal(label.attrib["x"])
    short = next(t for t in chart.findall("text") if t.text == "£2")
    assert "textLength" not in short.attrib


def test_dates_that_do_not_fit_side_by_side_go_on_two_lines() -> None:
    short = parsed(THREE)
    ys = {t.text: t.attrib["y"] for t in short.findall("text")}
    assert ys["January 2017"] == ys["13 March 2018"]
    first, last = "1 January 2017 to 31 March 2017", "1 October 2018 to 31 December 2018"
    long = parsed([point(1, "1", "1 case", first), point(2, "2", "2 cases", last)])
    ys = {t.text: Decimal(t.attrib["y"]) for t in long.findall("text")}
    assert ys[last] > ys[first]
    assert ys[last] <= Decimal(200)


@pytest.mark.parametrize("count", [0, 1])
def test_fewer_than_two_values_is_no_chart(count: int) -> None:
    with pytest.raises(ValueError, match=r"^a chart needs two or more values$"):
        svg("c", "Staff", THREE[:count])


def test_the_plot_starts_after_the_value_labels_within_its_limits() -> None:
    def start(words: str) -> str:
        chart = parsed([point(1, "1", words, "2019"), point(2, "2", words, "2020")])
        return chart.find("line").attrib["x1"]  # type: ignore[union-attr]

    assert start("1") == "40.0"  # never narrower than 40 units
    assert start("360 people") == "89.0"  # 10 characters of 7.7 units, and 12 to spare
    assert start("x" * 60) == "162.0"  # never more than 45 % of the width


def test_coordinates_round_half_up() -> None:
    # 1 day of 6,240 across the 312 units from 40 to 352 is 0.05 units: 40.05 → 40.1
    chart = parsed([point(0, "1", "1", "a"), point(1, "2", "2", "b"), point(6240, "3", "3", "c")])
    assert [c.attrib["cx"] for c in chart.findall("circle")] == ["40.0", "40.1", "352.0"]


def test_the_layout_in_viewbox_units() -> None:
    """Where each piece goes, from the layout the module states: value lines at 16 and 150,
    their labels 6 units left of the plot and 4 below their line, the time axis 12 below
    the plot and the dates 18 below it (34 for a second line)."""
    chart = parsed(THREE)  # labels of 10 characters: the plot starts at 10 × 7.7 + 12 = 89
    lines = [dict(e.attrib) for e in chart.findall("line")]
    grid = {"class": "cf-chart-grid", "x1": "89.0", "x2": "352.0", "stroke": "currentColor",
            "stroke-width": "1", "stroke-dasharray": "2 3"}
    assert lines == [{**grid, "y1": "16.0", "y2": "16.0"}, {**grid, "y1": "150.0", "y2": "150.0"},
                     {"class": "cf-chart-axis", "x1": "89.0", "x2": "352.0", "y1": "162.0",
                      "y2": "162.0", "stroke": "currentColor", "stroke-width": "1"}]
    texts = [(t.text, t.attrib["x"], t.attrib["y"], t.attrib["text-anchor"])
             for t in chart.findall("text")]
    assert texts == [("360 people", "83.0", "20.0", "end"), ("0", "83.0", "154.0", "end"),
                     ("January 2017", "89.0", "180.0", "start"),
                     ("13 March 2018", "352.0", "180.0", "end")]
    assert [(c.attrib["cx"], c.attrib["cy"]) for c in chart.findall("circle")] == [
        ("89.0", "23.4"), ("191.5", "19.0"), ("352.0", "16.0")]
    assert {c.attrib["r"] for c in chart.findall("circle")} == {"4"}
    # nothing but elements: no stray text between them
    assert all(not (e.tail or "").strip() for e in chart.iter())
    assert all(not (e.text or "").strip() for e in chart.iter()
               if e.tag in ("svg", "line", "polyline", "circle"))


def test_equal_values_and_one_date_sit_in_the_middle() -> None:
    flat = parsed([point(5, "0", "0", "a"), point(5, "0", "0", "b")])  # the plot: 40 to 352
    assert [(c.attrib["cx"], c.attrib["cy"]) for c in flat.findall("circle")] == [
        ("196.0", "83.0"), ("196.0", "83.0")]
    assert flat.find("line").attrib["y1"] == "83.0"  # type: ignore[union-attr]


@pytest.mark.parametrize(("length", "one_line"), [(38, True), (39, False)])
def test_two_dates_share_a_line_only_when_both_fit(length: int, one_line: bool) -> None:
    # the plot is 312 units wide (40 to 352): 38 characters and a gap of 2 take 308 units
    first = "a" * (length // 2)
    last = "b" * (length - len(first))
    chart = parsed([point(1, "1", "1", first), point(2, "2", "2", last)])
    ys = {t.text: t.attrib["y"] for t in chart.findall("text")}
    assert (ys[first], ys[last]) == (("180.0", "180.0") if one_line else ("180.0", "196.0"))


def test_a_label_exactly_as_wide_as_its_room_is_not_squeezed() -> None:
    # a 20-character label: the plot starts at its limit, 162, leaving 154 = 20 × 7.7
    chart = parsed([point(1, "-1", "x" * 20, "2019"), point(2, "2", "y" * 20, "2020")])
    assert all("textLength" not in t.attrib for t in chart.findall("text"))
    wider = parsed([point(1, "-1", "x" * 21, "2019"), point(2, "2", "y" * 20, "2020")])
    assert [t.attrib.get("textLength") for t in wider.findall("text")][:2] == [None, "154.0"]


def test_the_value_axis_starts_at_zero_so_a_small_change_is_drawn_small() -> None:
    chart = parsed(THREE)  # 340 to 360 people
    grid = chart.findall("line[@class='cf-chart-grid']")
    bottom = max(Decimal(line.attrib["y1"]) for line in grid)
    top = min(Decimal(line.attrib["y1"]) for line in grid)
    zero = next(t for t in chart.findall("text") if t.text == "0")
    assert Decimal(zero.attrib["y"]) == bottom + 4  # zero is the bottom line's label
    ys = [numbers(c, "cy")[0] for c in chart.findall("circle")]
    # 340 to 360 is a twentieth of the height from zero, not all of it
    assert max(ys) - min(ys) < (bottom - top) / 10
    assert "starts at zero" in (chart.findtext("desc") or "")


def span_point(at: int, value: str, when: str, span: str, who: str = "Example Council"
               ) -> ChartPoint:
    return ChartPoint(Decimal(at), Decimal(value), f"{value} days", when, who, span)


def test_values_over_different_lengths_of_time_are_points_with_no_line() -> None:
    unlike = [span_point(1, "96.5", "October to December 2023", "3 months"),
              span_point(90, "71", "January to February 2024", "2 months")]
    chart = parsed(unlike)
    assert chart.find("polyline") is None
    assert len(chart.findall("circle")) == 2
    assert unjoined_note(["3 months", "2 months"]) in (chart.findtext("desc") or "")
    assert "different lengths of time (3 months and 2 months)" in (chart.findtext("desc") or "")
    dated = parsed([span_point(1, "5", "2023", "a date"),
                    span_point(9, "7", "January to March 2024", "3 months")])
    assert dated.find("polyline") is None
    alike = parsed([span_point(1, "5", "January to March 2023", "3 months"),
                    span_point(9, "7", "April to June 2023", "3 months")])
    assert alike.find("polyline") is not None
    assert "not joined" not in (alike.findtext("desc") or "")


def test_the_text_alternative_says_who_gives_each_value_and_when_bodies_differ() -> None:
    two = [span_point(1, "5", "2022", "a date", "Example Care Regulator"),
           span_point(9, "7", "2023", "a date", "Example Council")]
    desc = parsed(two).findtext("desc")
    assert desc == (
        "Values in date order: 5 days (2022, Example Care Regulator); 7 days (2023, "
        "Example Council). The values come from different bodies: Example Care Regulator "
        "and Example Council. The value axis starts at zero.")
    one = parsed([replace(p, who="Example Council") for p in two]).findtext("desc") or ""
    assert "different bodies" not in one and "(2022, Example Council)" in one


def test_a_series_points_are_its_values_with_their_dates_who_and_span() -> None:
    """The points of the fictional figures project's series, as the case page draws them:
    where each falls in time, its value and date in words, who gives it and how long a
    time it covers; no chart below two values."""
    days, posts, staff = series(load_dataset(FIGURES_DATA, use_cache=False).cases[BROOKFIELD])
    council, regulator = "Brookfield District Council", "Example Care Regulator"
    assert points_of(days) == [
        ChartPoint(Decimal("738839.5"), Decimal("96.5"), "96.5 days", "October to December 2023",
                   council, "3 months"),
        ChartPoint(Decimal("738915.5"), Decimal("71"), "71 days", "January to February 2024",
                   council, "2 months")]
    assert points_of(staff) == [
        ChartPoint(Decimal("738625.5"), Decimal("340"), "340 people", "April 2023", regulator),
        ChartPoint(Decimal("738885"), Decimal("352"), "352 people", "31 December 2023", council),
        ChartPoint(Decimal("738931"), Decimal("360"), "360 people", "February 2024", council)]
    assert of_series(posts) is None
    chart = of_series(staff)
    assert chart == svg("figures-staff-in-post-chart", staff.indicator.name, points_of(staff))
    assert ET.fromstring(str(chart)).findtext("desc") == (
        f"Values in date order: 340 people (April 2023, {regulator}); 352 people (31 December "
        f"2023, {council}); 360 people (February 2024, {council}). The values come from "
        f"different bodies: {regulator} and {council}. The value axis starts at zero.")


def test_with_no_value_above_zero_the_top_line_is_zero() -> None:
    """The value axis spans zero and the values, so with every value below zero (which the
    chart allows, though no unit has it) zero is the top line's label, not a value's."""
    chart = parsed([point(1, "-5", "-5 cases", "2019"), point(2, "-2", "-2 cases", "2020")])
    assert [t.text for t in chart.findall("text")] == ["0", "-5 cases", "2019", "2020"]
