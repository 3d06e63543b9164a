"""A record's figures as linking checks them (casefile.model.link_figures): the cases its
mutation run found no test for. A figure refused for its currency is not kept (so its
repeat gets the same problem, never "already has a figure"); an unknown body is called a
body; a money indicator refused for want of a currency gets no check of decimal places
against a currency it does not have. The Town Council case of tests/conftest.py MINI; all
fictional."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.pipeline import load_dataset
from tests.conftest import MINI, write_mini
from tests.test_figures import INDICATORS, WHERE, _data
from tests.test_link_figures_exact import more


def problems(tmp_path: Path, text: str, indicators: str = INDICATORS) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(_data(tmp_path, text, indicators), use_cache=False)
    return [str(p) for p in caught.value.problems]


def test_a_figure_refused_for_its_currency_is_not_kept_so_its_repeat_is_refused_alone(
        tmp_path: Path) -> None:
    share = more("posts-filled-permanently", "88", "    currency: GBP\n")
    euros = more("overspend", "2000000", "    currency: EUR\n")
    not_money = ("currency: indicator 'posts-filled-permanently' counts a percentage, not "
                 "money: remove currency, or record the amount against a money indicator")
    other = ("currency: 'EUR' is not the currency of indicator 'overspend' (GBP); record the "
             "amount in GBP as the source gives it, or against an indicator in EUR")
    assert problems(tmp_path, "figures:\n" + share + share + euros + euros) == [
        f"{WHERE}:19:15: figures[0].{not_money}", f"{WHERE}:24:15: figures[1].{not_money}",
        f"{WHERE}:29:15: figures[2].{other}", f"{WHERE}:34:15: figures[3].{other}"]


def test_an_unknown_body_giving_a_figure_is_called_a_body(tmp_path: Path) -> None:
    assert problems(tmp_path / "a", "figures:\n" + more("visits", "7", "    by: nobody\n")) == [
        f"{WHERE}:19:9: figures[0].by: no body with id 'nobody'"]
    assert problems(tmp_path / "b", "figures:\n" + more("visits", "7",
                                                        "    by: inspectorat\n")) == [
        f"{WHERE}:19:9: figures[0].by: no body with id 'inspectorat'; did you mean "
        "'inspectorate'?"]


def test_a_money_indicator_without_its_currency_is_refused_once(tmp_path: Path) -> None:
    """The indicator is refused for want of a currency; its figure's decimal places are
    not then checked against a currency it does not have (Babel would take 2 places)."""
    no_currency = INDICATORS.replace("    currency: GBP\n", "")
    assert problems(tmp_path, "figures:\n" + more("overspend", "2.505"), no_currency) == [
        "data/indicators.yml:19:11: indicators[5].unit: indicator 'overspend' counts money: "
        "give its currency too, e.g. currency: GBP"]


def test_a_repeat_names_the_line_of_the_first_figures_indicator_and_checking_goes_on(
        tmp_path: Path) -> None:
    """The first figure is written with its value before its indicator, so the line of its
    indicator (16) is not the line its item starts on (15); a figure after the repeat is
    still checked."""
    first = ("  - value: 7\n    indicator: visits\n    date: 2018-02\n"
             "    cite: [council-news]\n")
    text = "figures:\n" + first + more("visits", "8") + more("staff-in-post", "-3")
    assert problems(tmp_path, text) == [
        f"{WHERE}:19:16: figures[1].indicator: indicator 'visits' already has a figure for "
        "February 2018 by Town Council at line 16; give each value once",
        f"{WHERE}:24:12: figures[2].value: -3 is below zero, but indicator 'staff-in-post' "
        "counts people, which cannot be negative"]


def test_a_figure_known_second_hand_names_its_reporter_as_at_its_records_date(
        tmp_path: Path) -> None:
    """The council's figure in the inspection (July 2017), cited to the inspectorate's
    report: the inspectorate is named as it was then (OI, before January 2018)."""
    inspection = MINI["cases/town/records/town-inspection.yml"] + (
        "figures:\n  - indicator: visits\n    value: 7\n    date: 2017-06\n"
        "    by: town-council\n    cite: [report-2017]\n")
    ds = load_dataset(write_mini(tmp_path, {"indicators.yml": INDICATORS,
                                            "cases/town/records/town-inspection.yml":
                                            inspection}), use_cache=False)
    [figure] = next(r for r in ds.cases["town"].records if r.id == "town-inspection").figures
    assert figure.relayed is not None
    assert figure.relayed.words == "as reported by OI (now New Inspectorate) (regulator)"


def test_a_figure_without_its_value_or_date_is_left_and_the_next_still_checked(
        tmp_path: Path) -> None:
    """Validation reports the missing key, and linking leaves that figure (the file is
    linked all the same, to report what else is wrong): the figure after it is checked."""
    text = ("figures:\n  - indicator: visits\n    date: 2018-02\n    cite: [council-news]\n"
            "  - indicator: visits\n    value: 7\n    cite: [council-news]\n"
            + more("staff-in-post", "-3"))
    assert problems(tmp_path, text) == [
        f"{WHERE}:15:5: figures[0].value: missing required key 'value' (the value in digits, "
        "exactly as the source gives it, e.g. 360 or 88.5: no commas, no unit; the "
        "indicator's unit says what it counts)",
        f"{WHERE}:18:5: figures[1].date: missing required key 'date' (the day, month or year "
        "the value applies to; for a period, its first (with until))",
        f"{WHERE}:22:12: figures[2].value: -3 is below zero, but indicator 'staff-in-post' "
        "counts people, which cannot be negative"]
