"""Figures over time as readers see them: on a case page, one series per indicator, its
values in date order with who says so; across cases, each indicator's latest value per
case, each with its date, saying when those dates differ.

Everything the pages show is worked out here (the order, the words, the comparison); the
templates only lay it out, and casefile.outputs.chart draws a series."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from casefile.model import objects as m
from casefile.model.dates import human_range, range_parts
from casefile.model.money import DEFAULT_LOCALE
from casefile.model.who import figure_said_by, listed

if TYPE_CHECKING:
    from casefile.model.views import CaseView


@dataclass(frozen=True)
class Value:
    """One figure as a row of its table: its value and date in words, who says so."""

    figure: m.Figure
    value: str  # "360 people", "about 88 per cent", "£2 million"
    when: str  # "13 March 2018", "February 2018", "January to March 2018"
    who: str  # "Own figure: Example Council", "…, as reported by The Gazette (press)"

    def _at(self) -> Decimal:
        """Where it falls in time, for the chart: the middle of the days it covers."""
        end = (self.figure.until or self.figure.date).latest
        return Decimal(self.figure.date.earliest.toordinal() + end.toordinal()) / 2

    at = property(_at)

    def _parts(self) -> tuple[str, str] | None:
        """A period's two ends as the table writes them ("January", "March 2018"), each
        for its own ``<time>``; None for a single date."""
        until = self.figure.until
        if until is None or until == self.figure.date:
            return None
        return range_parts(self.figure.date, until)

    parts = property(_parts)

    def _by(self) -> str:
        """Who gives it, short, for the chart: the body as named at the record's date."""
        return self.figure.by.label_at(self.figure.record.date)

    by = property(_by)

    def _span(self) -> str:
        """How long a time it covers, so only like values are joined on the chart: "a
        date" for a single date, else the period's length in whole months or in days."""
        until = self.figure.until
        if until is None or until == self.figure.date:
            return "a date"
        start, end = self.figure.date.earliest, until.latest
        if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            return "1 month" if months == 1 else f"{months} months"
        days = (end - start).days + 1
        return "1 day" if days == 1 else f"{days} days"

    span = property(_span)


@dataclass(frozen=True)
class Series:
    """One indicator's values in a case, oldest first."""

    indicator: m.Indicator
    values: list[Value]
    anchor: str  # the id of its heading on the case page: "figures-staff-complement"

    def _caption(self) -> str:
        return f"{self.indicator.name}: {_count(len(self.values))}, oldest first"

    caption = property(_caption)

    def _chart_note(self) -> str | None:
        """Said beside the chart, where it draws no line: why not."""
        return unjoined_note([v.span for v in self.values]) if len(self.values) > 1 else None

    chart_note = property(_chart_note)


def unjoined_note(spans: list[str]) -> str | None:
    """Why a chart of values covering these lengths of time (``Value.span``) draws no
    line, in words: values over different lengths of time (single dates and periods, or
    periods of different length) are not comparable as a trend, so only the points are
    drawn. None when all are alike and a line joins them."""
    kinds = list(dict.fromkeys(spans))
    if len(kinds) < 2:
        return None
    return ("The points are not joined by a line: the values cover different lengths of "
            f"time ({listed(kinds)}), so they are not directly comparable.")


def value_of(figure: m.Figure, locale: str = DEFAULT_LOCALE) -> Value:
    return Value(figure, figure.text(locale), human_range(figure.date, figure.until),
                 figure_said_by(figure.asserter, figure.by, figure.record, figure.relayed))


def _order(value: Value) -> tuple[object, ...]:
    """Date order: the start, then the end of a period; on a tie, who says so, then the
    source (its number in the case's list, then its id), then the value itself."""
    figure = value.figure
    sources = [(c.number, c.source.id) for c in figure.cites]
    return (figure.date.earliest, (figure.until or figure.date).latest, value.who, sources,
            figure.value)


def series(case: m.Case, locale: str = DEFAULT_LOCALE) -> list[Series]:
    """The case's figures, one series per indicator (by name), each in date order."""
    grouped: dict[str, list[Value]] = {}
    indicators: dict[str, m.Indicator] = {}
    for record in case.records:
        for figure in record.figures:
            indicators.setdefault(figure.indicator.id, figure.indicator)
            grouped.setdefault(figure.indicator.id, []).append(value_of(figure, locale))
    ordered = sorted(indicators.values(), key=lambda i: (i.name.casefold(), i.id))
    return [Series(i, in_date_order(grouped[i.id]), f"figures-{i.id}") for i in ordered]


def in_date_order(values: list[Value]) -> list[Value]:
    """``values`` oldest first, ties broken as ``_order`` says (never by file order)."""
    return sorted(values, key=_order)


def _count(n: int) -> str:
    return "1 value" if n == 1 else f"{n} values"


@dataclass(frozen=True)
class Latest:
    """A case's latest value of an indicator: more than one where sources give values for
    the same latest date (none is chosen over another)."""

    view: CaseView = field(repr=False, compare=False)  # its case's (printed on its own)
    values: list[Value]
    anchor: str  # where the case page lists the whole series


@dataclass(frozen=True)
class Compared:
    """One indicator across cases: each case's latest value, and whether their dates
    differ, in words."""

    indicator: m.Indicator
    latest: list[Latest]  # by case title
    dates: str  # "Each case's latest value is for the same date: 2018." / "… different dates …"

    def _unit(self) -> str:
        """"Unit: per cent.", "Unit: money (GBP)."."""
        unit = self.indicator.unit.label.lower()
        currency = self.indicator.currency
        return f"Unit: {unit} ({currency})." if currency else f"Unit: {unit}."

    unit = property(_unit)


def compared(views: list[CaseView], locale: str = DEFAULT_LOCALE) -> list[Compared]:
    """Every indicator some case gives a figure of, by name, with each case's latest."""
    found: dict[str, tuple[m.Indicator, list[Latest]]] = {}
    for view in sorted(views, key=lambda v: (v.case.title.casefold(), v.case.id)):
        for one in series(view.case, locale):
            last = one.values[-1]
            end = (last.figure.date.earliest, (last.figure.until or last.figure.date).latest)
            same = [v for v in one.values
                    if (v.figure.date.earliest, (v.figure.until or v.figure.date).latest) == end]
            entry = found.setdefault(one.indicator.id, (one.indicator, []))
            entry[1].append(Latest(view, same, one.anchor))
    ordered = sorted(found.values(), key=lambda e: (e[0].name.casefold(), e[0].id))
    return [Compared(indicator, latest, dates_words(latest)) for indicator, latest in ordered]


def dates_words(latest: list[Latest]) -> str:
    """Whether the latest values can be read side by side: one case has nothing to compare
    with; the same date is said once; different dates are each named, earliest first."""
    if len(latest) == 1:
        return "Recorded for one case only."
    values = in_date_order([v for one in latest for v in one.values])
    dates = list(dict.fromkeys(v.when for v in values))
    if len(dates) == 1:
        return f"Each case's latest value is for the same date: {dates[0]}."
    return (f"The latest values are for different dates ({listed(dates)}): read each "
            "with its date before comparing them.")
