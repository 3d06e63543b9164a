"""How long a time each figure covers, exactly (casefile.model.figures_view ``Value.span``,
which decides whether the chart joins values with a line): whole months from the first
of a month to the last day of one, else days, both ends counted; a period given as one
month or year is counted in months. Also where it sits on the chart and its two ends.
On a figure of the fictional tests/projects/figures data, its dates changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from casefile.model import figures_view as fv
from casefile.model.dates import PartialDate as P
from casefile.pipeline import load_dataset
from tests.conftest import plain_id, write_mini
from tests.test_figures import INDICATORS
from tests.test_figures_view import BROOKFIELD, FIGURES_DATA


@pytest.mark.parametrize(("date", "until", "span", "parts"), [
    (P(2023, 1, 15), P(2023, 1, 20), "6 days", ("15", "20 January 2023")),
    (P(2023, 1, 15), P(2023, 1, 16), "2 days", ("15", "16 January 2023")),
    # a month to its own first day: a period of one day (a day to itself is a single date)
    (P(2023, 1), P(2023, 1, 1), "1 day", ("January 2023", "1 January 2023")),
    (P(2023, 1), P(2023, 2, 14), "45 days", ("January 2023", "14 February 2023")),
    (P(2023, 1, 2), P(2023, 2), "58 days", ("2 January 2023", "February 2023")),
    (P(2023, 1, 1), P(2023, 1, 31), "1 month", ("1", "31 January 2023")),
    (P(2023, 2), P(2023, 2, 28), "1 month", ("February 2023", "28 February 2023")),
    (P(2023, 11), P(2024, 1), "3 months", ("November 2023", "January 2024")),
    (P(2023), P(2024), "24 months", ("2023", "2024")),
    (P(2023, 1), P(2023, 1), "a date", None),
    (P(2023, 1), None, "a date", None),
], ids=plain_id)
def test_how_long_a_time_a_value_covers(date: P, until: P | None, span: str,
                                        parts: tuple[str, str] | None) -> None:
    figure = load_dataset(FIGURES_DATA, use_cache=False).cases[BROOKFIELD].figures[0]
    value = fv.value_of(replace(figure, date=date, until=until))
    assert (value.span, value.parts) == (span, parts)
    end = (until or date).latest
    assert value.at == Decimal(date.earliest.toordinal() + end.toordinal()) / 2


def test_a_period_of_days_sits_half_way() -> None:
    figure = load_dataset(FIGURES_DATA, use_cache=False).cases[BROOKFIELD].figures[0]
    value = fv.value_of(replace(figure, date=P(2023, 1, 15), until=P(2023, 1, 16)))
    assert value.at == Decimal(dt.date(2023, 1, 15).toordinal()) + Decimal("0.5")


def test_a_value_is_given_by_the_body_as_named_at_its_record_s_date(tmp_path: Path) -> None:
    """The chart's "who gives it": the inspectorate as named in July 2017 (the Town Council
    case's inspection, tests/conftest.py MINI), with its name now."""
    figure = ("figures:\n  - indicator: visits\n    value: 7\n    date: 2017-06\n"
              "    by: inspectorate\n    cite: [report-2017]\nstatements:")
    data = write_mini(tmp_path, {"indicators.yml": INDICATORS,
                                 "cases/town/records/town-inspection.yml": ("statements:",
                                                                            figure)})
    [given] = [f for r in load_dataset(data, use_cache=False).cases["town"].records
               for f in r.figures]
    assert fv.value_of(given).by == "OI (now New Inspectorate)"  # its short name then
