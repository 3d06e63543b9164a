"""Figures over time (#15): indicators shared across cases (data/indicators.yml) and the
values records give of them. Exact values (never a float), located errors for every bad
value, who says so, and the open data round trip. All data here is fictional."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.model import vocab
from casefile.model.figures import figure_words, number_words
from casefile.outputs.opendata import from_json, tables, to_json
from casefile.pipeline import load_dataset
from tests.conftest import write_mini

FOLLOW_UP = "cases/town/records/town-follow-up.yml"
WHERE = f"data/{FOLLOW_UP}"
INDICATORS = """\
indicators:
  - id: staff-in-post
    name: Staff in post
    unit: people
  - id: posts-filled-permanently
    name: Posts filled by permanent staff
    unit: per_cent
  - id: days-lost
    name: Working days lost to sickness
    unit: days
  - id: open-cases
    name: Open cases
    unit: cases
  - id: visits
    name: Visits made
    unit: count
  - id: overspend
    name: Overspend
    unit: money
    currency: GBP
"""
FIGURE = """\
figures:
  - indicator: {indicator}
    value: {value}
    date: 2018-02
    cite: [council-news]
"""
# town-follow-up.yml has 13 lines: the figure's indicator is on line 15, value on line 16


def _data(tmp_path: Path, figures: str, indicators: str = INDICATORS) -> Path:
    follow_up = write_mini(tmp_path, {"indicators.yml": indicators})
    path = follow_up / FOLLOW_UP
    path.write_text(path.read_text("utf-8") + figures, encoding="utf-8")
    return follow_up


def _problems(tmp_path: Path, figures: str, indicators: str = INDICATORS) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(_data(tmp_path, figures, indicators), use_cache=False)
    return [str(p) for p in caught.value.problems]


def _figures(tmp_path: Path, figures: str) -> list[m.Figure]:
    ds = load_dataset(_data(tmp_path, figures), use_cache=False)
    return ds.cases["town"].records[-1].figures


@pytest.mark.parametrize(("indicator", "value", "message"), [
    ("posts-filled-permanently", "120", "16:12: figures[0].value: 120 is more than 100, but "
     "indicator 'posts-filled-permanently' counts a percentage, from 0 to 100; check the value "
     "in the source"),
    ("posts-filled-permanently", "100.01", "16:12: figures[0].value: 100.01 is more than 100, "
     "but indicator 'posts-filled-permanently' counts a percentage, from 0 to 100; check the "
     "value in the source"),
    ("staff-in-post", "-3", "16:12: figures[0].value: -3 is below zero, but indicator "
     "'staff-in-post' counts people, which cannot be negative"),
    ("days-lost", "-0.5", "16:12: figures[0].value: -0.5 is below zero, but indicator "
     "'days-lost' counts days, which cannot be negative"),
    ("open-cases", "-3", "16:12: figures[0].value: -3 is below zero, but indicator "
     "'open-cases' counts cases, which cannot be negative"),
    ("visits", "-3", "16:12: figures[0].value: -3 is below zero, but indicator 'visits' "
     "counts whole things, which cannot be negative"),
    ("posts-filled-permanently", "-1", "16:12: figures[0].value: -1 is below zero, but "
     "indicator 'posts-filled-permanently' counts a percentage, which cannot be negative"),
    ("staff-in-post", "360.5", "16:12: figures[0].value: '360.5' is not a whole number, but "
     "indicator 'staff-in-post' counts people; write a whole number, without a decimal point"),
    ("staff-in-post", "360.0", "16:12: figures[0].value: '360.0' is not a whole number, but "
     "indicator 'staff-in-post' counts people; write a whole number, without a decimal point"),
    ("open-cases", "12.5", "16:12: figures[0].value: '12.5' is not a whole number, but "
     "indicator 'open-cases' counts cases; write a whole number, without a decimal point"),
    ("overspend", "2.505", "16:12: figures[0].value: '2.505' has 3 decimal places, but "
     "indicator 'overspend' counts money in GBP, which has at most 2 decimal places"),
    ("staff-in-posts", "360", "15:16: figures[0].indicator: no indicator with id "
     "'staff-in-posts'; did you mean 'staff-in-post'?"),
    ("staff-in-post", "360 staff", "16:12: figures[0].value: '360 staff' is not a number in "
     "digits, e.g. 360 or 88.5 (no commas, units or signs); write 360 alone: the indicator's "
     "unit (data/indicators.yml) says what it counts"),
    ("posts-filled-permanently", "88%", "16:12: figures[0].value: '88%' is not a number in "
     "digits, e.g. 360 or 88.5 (no commas, units or signs); write the number alone, without % "
     "or 'per cent': the indicator's unit (data/indicators.yml) says it is a percentage"),
    ("posts-filled-permanently", "£2000", "16:12: figures[0].value: '£2000' is not a number in "
     "digits, e.g. 360 or 88.5 (no commas, units or signs); write the amount without a "
     "currency sign: a money indicator (data/indicators.yml) gives its currency"),
    ("staff-in-post", "1,360", "16:12: figures[0].value: '1,360' is not a number in digits, "
     "e.g. 360 or 88.5 (no commas, units or signs); write 1360, without commas"),
    ("days-lost", ".5", "16:12: figures[0].value: '.5' is not a number in digits, e.g. 360 or "
     "88.5 (no commas, units or signs); write 0.5, with a 0 before the point"),
    ("overspend", "1e6", "16:12: figures[0].value: '1e6' is not a number in digits, e.g. 360 "
     "or 88.5 (no commas, units or signs); write the number in full, without an exponent"),
    ("overspend", "6.172m", "16:12: figures[0].value: '6.172m' is not a number in digits, e.g. "
     "360 or 88.5 (no commas, units or signs); write the number in full, e.g. 6172000 for "
     "6.172 million"),
    ("staff-in-post", "many", "16:12: figures[0].value: 'many' is not a number in digits, "
     "e.g. 360 or 88.5 (no commas, units or signs)"),
    ("visits", "1" * 19, f"16:12: figures[0].value: '{'1' * 19}' is too long: a value has at "
     "most 18 digits before the point and 6 after"),
    ("days-lost", "0.1234567", "16:12: figures[0].value: '0.1234567' is too long: a value has "
     "at most 18 digits before the point and 6 after"),
    ("visits", "0012", "16:12: figures[0].value: '0012' is not a number in digits, e.g. 360 "
     "or 88.5 (no commas, units or signs)"),
])
def test_bad_values_are_located(tmp_path: Path, indicator: str, value: str,
                                message: str) -> None:
    got = _problems(tmp_path, FIGURE.format(indicator=indicator, value=value))
    assert got == [f"{WHERE}:{message}"]


def test_a_currency_must_be_the_money_indicators(tmp_path: Path) -> None:
    """A money value written for a percentage, and an amount in another currency."""
    on_share = FIGURE.format(indicator="posts-filled-permanently", value="88") + \
        "    currency: GBP\n"
    assert _problems(tmp_path / "a", on_share) == [
        f"{WHERE}:19:15: figures[0].currency: indicator 'posts-filled-permanently' counts a "
        "percentage, not money: remove currency, or record the amount against a money "
        "indicator"]
    in_euros = FIGURE.format(indicator="overspend", value="2000000") + "    currency: EUR\n"
    assert _problems(tmp_path / "b", in_euros) == [
        f"{WHERE}:19:15: figures[0].currency: 'EUR' is not the currency of indicator "
        "'overspend' (GBP); record the amount in GBP as the source gives it, or against an "
        "indicator in EUR"]
    in_pounds = FIGURE.format(indicator="overspend", value="2000000") + "    currency: GBP\n"
    assert [f.text() for f in _figures(tmp_path / "c", in_pounds)] == ["£2 million"]


def test_an_indicators_currency_goes_with_money_only(tmp_path: Path) -> None:
    figure = FIGURE.format(indicator="staff-in-post", value="360")
    wrong = INDICATORS.replace("    unit: people\n", "    unit: people\n    currency: GBP\n")
    assert _problems(tmp_path / "a", figure, wrong) == [
        "data/indicators.yml:5:15: indicators[0].currency: indicator 'staff-in-post' is counted "
        "in people, not money: remove currency, or make its unit money"]
    missing = INDICATORS.replace("    currency: GBP\n", "")
    assert _problems(tmp_path / "b", figure, missing) == [
        "data/indicators.yml:19:11: indicators[5].unit: indicator 'overspend' counts money: "
        "give its currency too, e.g. currency: GBP"]
    unknown = INDICATORS.replace("unit: days", "unit: day")
    assert _problems(tmp_path / "c", figure, unknown) == [
        "data/indicators.yml:10:11: indicators[2].unit: 'day' is not allowed; did you mean "
        "'days'? (allowed: people, per_cent, days, cases, count, money)"]


def test_dates_of_a_figure_are_checked(tmp_path: Path) -> None:
    """A period cannot end before it starts, nor a figure apply after its record's date
    (the follow-up is dated 1 March 2018)."""
    backwards = FIGURE.format(indicator="days-lost", value="108") + "    until: 2018-01\n"
    assert _problems(tmp_path / "a", backwards) == [
        f"{WHERE}:19:12: figures[0].until: the period cannot end (January 2018) before it "
        "starts (February 2018); until must be on or after date"]
    later = FIGURE.format(indicator="days-lost", value="108").replace("2018-02", "2018-04")
    assert _problems(tmp_path / "b", later) == [
        f"{WHERE}:17:11: figures[0].date: this figure is dated April 2018, after the record "
        "that gives it (1 March 2018); a record can only give figures up to its own date: "
        "check the date in the source"]
    twice = FIGURE.format(indicator="days-lost", value="108") + FIGURE.format(
        indicator="days-lost", value="109").removeprefix("figures:\n")
    assert _problems(tmp_path / "c", twice) == [
        f"{WHERE}:19:16: figures[1].indicator: indicator 'days-lost' already has a figure for "
        "February 2018 by Town Council at line 15; give each value once"]


def test_the_longest_values_allowed_are_kept_exactly(tmp_path: Path) -> None:
    figures = (FIGURE.format(indicator="visits", value="9" * 18)
               + FIGURE.format(indicator="days-lost", value="0.123456")
               .removeprefix("figures:\n"))
    assert [str(f.value) for f in _figures(tmp_path, figures)] == ["9" * 18, "0.123456"]


def test_values_are_exact_decimals_as_written(tmp_path: Path) -> None:
    """YAML would read 0.1 and 88.0 as floats; casefile reads the digits written."""
    figures = (FIGURE.format(indicator="days-lost", value="0.1")
               + FIGURE.format(indicator="days-lost", value="0.2").removeprefix("figures:\n")
               .replace("2018-02", "2018-01")
               + FIGURE.format(indicator="posts-filled-permanently", value="88.0")
               .removeprefix("figures:\n")
               + FIGURE.format(indicator="posts-filled-permanently", value="88")
               .removeprefix("figures:\n").replace("2018-02", "2018-01"))
    got = _figures(tmp_path, figures)
    assert [type(f.value) for f in got] == [Decimal] * 4
    assert got[0].value + got[1].value == Decimal("0.3")  # 0.1 + 0.2 as floats is not
    assert [str(f.value) for f in got] == ["0.1", "0.2", "88.0", "88"]
    assert [f.text() for f in got] == ["0.1 days", "0.2 days", "88.0 per cent",
                                       "88 per cent"]
    csv_values = [line.split(",")[6] for line in tables([got[0].record.case])["figures"]
                  .splitlines()[1:]]
    assert csv_values == ["0.1", "0.2", "88.0", "88"]


def test_values_in_words_with_their_units() -> None:
    def words(unit: str, value: str, approximate: bool = False, currency: str | None = None,
              locale: str = "en_GB") -> str:
        indicator = m.Indicator("x", "X", vocab.INDICATOR_UNITS[unit], None, currency)
        return figure_words(indicator, Decimal(value), approximate, locale)

    assert [words("people", "1"), words("people", "360"), words("people", "1360"),
            words("per_cent", "1"), words("per_cent", "88.5"), words("days", "1"),
            words("days", "108", True), words("cases", "1"), words("cases", "0"),
            words("count", "12"), words("money", "6172000", currency="GBP"),
            words("money", "2000000", True, "GBP"), words("days", "1234.5", locale="fr_FR")
            ] == ["1 person", "360 people", "1,360 people", "1 per cent", "88.5 per cent",
                  "1 day", "about 108 days", "1 case", "0 cases", "12", "£6.172 million",
                  "about £2 million", "1\u202f234,5 days"]
    assert number_words(Decimal("0.30")) == "0.30"


def test_who_says_so_is_graded_as_any_claim(tmp_path: Path) -> None:
    """The council's own figure in its own news is an own claim, first-hand; given by the
    council but cited to the inspectorate's report, it reaches the reader second-hand."""
    own = FIGURE.format(indicator="staff-in-post", value="360")
    relayed = (own + FIGURE.format(indicator="open-cases", value="40")
               .removeprefix("figures:\n").replace("[council-news]", "[report-2017]")
               + "    by: inspectorate\n"
               + FIGURE.format(indicator="visits", value="7").removeprefix("figures:\n")
               .replace("[council-news]", "[report-2017]"))
    got = _figures(tmp_path, relayed)
    assert [(f.by.id, f.asserter.value) for f in got] == [
        ("town-council", "self"), ("inspectorate", "regulator"), ("town-council", "self")]
    assert [f.relayed.words if f.relayed else None for f in got] == [
        None, None, "as reported by New Inspectorate (regulator)"]
    assert got[2].relayed and got[2].relayed.style.value == "self"


def test_open_data_round_trip_keeps_every_figure_exactly(tmp_path: Path) -> None:
    figures = (FIGURE.format(indicator="posts-filled-permanently", value="88.0")
               + "    approximate: true\n    until: 2018-02\n    note: A \"share\".\n"
               + FIGURE.format(indicator="overspend", value="2000000.50")
               .removeprefix("figures:\n"))
    ds = load_dataset(_data(tmp_path, figures), use_cache=False)
    exported = to_json(ds)
    back = from_json(json.loads(json.dumps(exported)))
    assert to_json(back) == exported
    again = back.cases["town"].records[-1].figures
    assert [(str(f.value), f.approximate, f.until and f.until.iso(), f.text())
            for f in again] == [("88.0", True, "2018-02", "about 88.0 per cent"),
                                ("2000000.50", False, None, "£2,000,000.50")]
    record = exported["cases"][0]["records"][-1]
    assert record["figures"][0] == {
        "indicator": "posts-filled-permanently", "value": "88.0", "date": "2018-02",
        "until": "2018-02", "by": "town-council", "approximate": True, "note": 'A "share".',
        "cite": [{"source": "council-news"}],
        "derived": {"text": "about 88.0 per cent", "asserter": "self"}}
    assert [i["id"] for i in exported["indicators"]] == [
        "staff-in-post", "posts-filled-permanently", "days-lost", "open-cases", "visits",
        "overspend"]
    one_case = to_json(ds, ["town"])
    assert [i["id"] for i in one_case["indicators"]] == ["overspend",
                                                          "posts-filled-permanently"]


def test_figures_csv_guards_against_formulas(tmp_path: Path) -> None:
    figures = FIGURE.format(indicator="visits", value="7") + "    note: =HYPERLINK(\"x\")\n"
    ds = load_dataset(_data(tmp_path, figures), use_cache=False)
    lines = tables(list(ds.cases.values()))["figures"].splitlines()
    assert lines == [
        "case,record,indicator,indicator_name,unit,currency,value,approximate,date,until,by,"
        "asserter,note,relayed_by,relayed_grades,shown_as,sources",
        "town,town-follow-up,visits,Visits made,count,,7,,2018-02,,town-council,self,"
        "\"'=HYPERLINK(\"\"x\"\")\",,,,council-news"]


def test_a_data_set_without_indicators_still_loads(tmp_path: Path) -> None:
    ds = load_dataset(write_mini(tmp_path, {}), use_cache=False)
    assert (ds.indicators, ds.cases["town"].figures) == ({}, [])
    assert "indicators" not in to_json(ds)
    assert tables(list(ds.cases.values()))["figures"].count("\n") == 1
