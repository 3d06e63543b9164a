"""A record's figures as linking checks them, exactly (casefile.model.link_figures): the
edges that are allowed (a period of one day, a figure of the record's own day, 0 and 100
per cent, money to its currency's places), what tells two figures apart (the period's
end, who gives it), a money indicator in a currency without decimals, and the flags a
figure keeps. The Town Council case of tests/conftest.py MINI; all fictional."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.pipeline import load_dataset
from tests.test_figures import FIGURE, INDICATORS, WHERE, _data

YEN = INDICATORS + "  - id: grant\n    name: Grant\n    unit: money\n    currency: JPY\n"


def figures(tmp_path: Path, text: str, indicators: str = INDICATORS) -> list[m.Figure]:
    ds = load_dataset(_data(tmp_path, text, indicators), use_cache=False)
    return ds.cases["town"].records[-1].figures


def more(indicator: str, value: str, extra: str = "", date: str = "2018-02") -> str:
    """Another figure of the same list (FIGURE without its ``figures:`` line)."""
    return FIGURE.format(indicator=indicator, value=value).removeprefix(
        "figures:\n").replace("2018-02", date) + extra


def test_the_edges_that_are_allowed(tmp_path: Path) -> None:
    """A period that ends the day it starts; a figure of the record's own day (the
    follow-up is dated 1 March 2018); 0 and 100 per cent; pounds to the penny."""
    text = ("figures:\n" + more("days-lost", "3", "    until: 2018-02-14\n", "2018-02-14")
            + more("staff-in-post", "360", date="2018-03-01")
            + more("posts-filled-permanently", "0", date="2018-01")
            + more("posts-filled-permanently", "100")
            + more("overspend", "2.50"))
    got = figures(tmp_path, text)
    assert [(f.indicator.id, str(f.value), f.date.iso(), f.until and f.until.iso())
            for f in got] == [
        ("days-lost", "3", "2018-02-14", "2018-02-14"),
        ("staff-in-post", "360", "2018-03-01", None),
        ("posts-filled-permanently", "0", "2018-01", None),
        ("posts-filled-permanently", "100", "2018-02", None),
        ("overspend", "2.50", "2018-02", None)]
    assert [f.text() for f in got] == ["3 days", "360 people", "0 per cent", "100 per cent",
                                       "£2.50"]


def test_a_figure_one_day_after_its_record_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        figures(tmp_path, "figures:\n" + more("staff-in-post", "360", date="2018-03-02"))
    assert [str(p) for p in caught.value.problems] == [
        f"{WHERE}:17:11: figures[0].date: this figure is dated 2 March 2018, after the record "
        "that gives it (1 March 2018); a record can only give figures up to its own date: "
        "check the date in the source"]


def test_the_same_indicator_and_date_by_another_body_or_over_another_period(
        tmp_path: Path) -> None:
    text = ("figures:\n" + more("visits", "7") + more("visits", "8", "    by: inspectorate\n")
            + more("visits", "9", "    until: 2018-03\n", "2018-02"))
    got = figures(tmp_path, text)
    assert [(str(f.value), f.by.id, f.until and f.until.iso()) for f in got] == [
        ("7", "town-council", None), ("8", "inspectorate", None), ("9", "town-council", "2018-03")]


def test_a_currency_without_decimals_says_so(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        figures(tmp_path, "figures:\n" + more("grant", "2000.55"), YEN)
    assert [str(p) for p in caught.value.problems] == [
        f"{WHERE}:16:12: figures[0].value: '2000.55' has 2 decimal places, but indicator "
        "'grant' counts money in JPY, which has no decimal places"]
    [whole] = figures(tmp_path / "whole", "figures:\n" + more("grant", "2000"), YEN)
    assert whole.value == Decimal("2000")


def test_a_figure_keeps_its_flags_note_and_who_gives_it(tmp_path: Path) -> None:
    text = ("figures:\n" + more("visits", "7", "    approximate: true\n    note: Roughly.\n")
            + more("open-cases", "4", "    by: inspectorate\n"))
    approx, given = figures(tmp_path, text)
    assert (approx.approximate, approx.note, approx.by.id, approx.asserter.value,
            [c.source.id for c in approx.cites], approx.record.id) == (
        True, "Roughly.", "town-council", "self", ["council-news"], "town-follow-up")
    assert (given.approximate, given.note, given.by.id, given.asserter.value) == (
        False, None, "inspectorate", "regulator")
    assert approx.text() == "about 7"


def test_one_decimal_place_is_said_in_the_singular(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        figures(tmp_path, "figures:\n" + more("grant", "2000.5"), YEN)
    assert [str(p) for p in caught.value.problems] == [
        f"{WHERE}:16:12: figures[0].value: '2000.5' has 1 decimal place, but indicator "
        "'grant' counts money in JPY, which has no decimal places"]


def test_a_refused_figure_is_not_kept_so_its_repeat_is_refused_alone(tmp_path: Path) -> None:
    """A figure dated after its record, or ending before it starts, is refused and not
    kept: the same figure again gets the same problem, never "already has a figure"."""
    late = more("staff-in-post", "360", date="2018-03-02")
    backwards = more("visits", "7", "    until: 2018-01\n")
    with pytest.raises(DataError) as caught:
        figures(tmp_path, "figures:\n" + late + late + backwards + backwards)
    assert [str(p).split(": ", 2)[1:] for p in caught.value.problems] == [
        ["figures[0].date", "this figure is dated 2 March 2018, after the record that gives "
         "it (1 March 2018); a record can only give figures up to its own date: check the "
         "date in the source"],
        ["figures[1].date", "this figure is dated 2 March 2018, after the record that gives "
         "it (1 March 2018); a record can only give figures up to its own date: check the "
         "date in the source"],
        ["figures[2].until", "the period cannot end (January 2018) before it starts "
         "(February 2018); until must be on or after date"],
        ["figures[3].until", "the period cannot end (January 2018) before it starts "
         "(February 2018); until must be on or after date"]]
