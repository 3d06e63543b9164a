"""Stage 3 continued: a record's ``figures``, values of the indicators of
data/indicators.yml, checked for their unit (a percentage from 0 to 100, a whole number
of people, no count below zero, money in the indicator's currency) and their dates."""

from __future__ import annotations

from decimal import Decimal

from casefile.model import objects as m
from casefile.model import vocab, who
from casefile.model.dates import PartialDate
from casefile.model.link import Linker
from casefile.model.money import decimals, places
from casefile.reading.validate import Rec


def link_figures(linker: Linker, record: m.Record, rec: Rec) -> None:
    """Every figure of ``rec`` that checks, added to ``record.figures`` in file order."""
    seen: dict[tuple[str, str, str, str], Rec] = {}
    for item in linker.items(rec, "figures"):
        figure = _figure(linker, record, item)
        if figure is None:
            continue
        key = (figure.indicator.id, str(figure.date), str(figure.until), figure.by.id)
        if key in seen:
            linker.fail(item.where("indicator"), f"indicator '{figure.indicator.id}' already "
                        f"has a figure for {figure.when} by {figure.by.name} at line "
                        f"{seen[key].where('indicator').line}; give each value once")
            continue
        seen[key] = item
        record.figures.append(figure)


def _figure(linker: Linker, record: m.Record, item: Rec) -> m.Figure | None:
    indicator = linker.ref(item, "indicator", linker.indicators, "indicator")
    by = linker.ref(item, "by", linker.bodies, "body") if item.get("by") else record.body
    raw, date = item.get("value"), item.get("date")
    if indicator is None or by is None or raw is None or date is None:
        return None
    value_ok = _value_ok(linker, item, indicator, raw)
    if not (_currency_ok(linker, item, indicator) and value_ok):
        return None
    until = _until(linker, item, date)
    if not _in_record(linker, item, record, date) or until is False:
        return None
    cites = linker.cites(item)
    return m.Figure(indicator, Decimal(raw), date, until, by, who.asserter(by, record.case),
                    item.get("note"), cites, record,
                    who.relayed(by, cites, record.case, record.date),
                    bool(item.get("approximate")))


def _value_ok(linker: Linker, item: Rec, indicator: m.Indicator, raw: str) -> bool:
    """The value fits its indicator's unit; a problem at ``value`` when it does not."""
    unit, value = indicator.unit, Decimal(raw)
    what = f"indicator '{indicator.id}' counts {_counts(unit)}"
    problem = None
    if value < 0:
        problem = f"{raw} is below zero, but {what}, which cannot be negative"
    elif isinstance(unit, vocab.Unit) and unit.most is not None and value > unit.most:
        problem = (f"{raw} is more than {unit.most}, but {what}, from 0 to {unit.most}; "
                   "check the value in the source")
    elif isinstance(unit, vocab.Unit) and unit.whole and places(raw):
        problem = (f"'{raw}' is not a whole number, but {what}; write a whole number, "
                   "without a decimal point")
    elif unit.value == "money" and indicator.currency:
        most = decimals(indicator.currency)
        if places(raw) > most:
            problem = (f"'{raw}' has {_places_words(places(raw))}, but {what} in "
                       f"{indicator.currency}, which has "
                       f"{f'at most {_places_words(most)}' if most else 'no decimal places'}")
    if problem:
        linker.fail(item.where("value"), problem)
    return problem is None


def _counts(unit: vocab.Term) -> str:
    """What an indicator counts, inside a sentence: "people", "a percentage", "money"."""
    return {"per_cent": "a percentage", "count": "whole things"}.get(
        unit.value, unit.label.lower())


def _currency_ok(linker: Linker, item: Rec, indicator: m.Indicator) -> bool:
    """A currency on a figure must be its money indicator's."""
    currency = item.get("currency")
    if currency is None:
        return True
    if indicator.unit.value != "money":
        linker.fail(item.where("currency"), f"indicator '{indicator.id}' counts "
                    f"{_counts(indicator.unit)}, not money: remove currency, or record the "
                    "amount against a money indicator")
        return False
    if indicator.currency is not None and currency != indicator.currency:
        linker.fail(item.where("currency"), f"'{currency}' is not the currency of indicator "
                    f"'{indicator.id}' ({indicator.currency}); record the amount in "
                    f"{indicator.currency} as the source gives it, or against an indicator "
                    f"in {currency}")
        return False
    return True


def _until(linker: Linker, item: Rec, date: PartialDate) -> PartialDate | bool | None:
    """The period's end; False (a problem reported) when it ends before it starts."""
    until = item.get("until")
    if until is not None and until.latest < date.earliest:
        linker.fail(item.where("until"), f"the period cannot end ({until.human()}) before it "
                    f"starts ({date.human()}); until must be on or after date")
        return False
    return until


def _in_record(linker: Linker, item: Rec, record: m.Record, date: PartialDate) -> bool:
    """A figure cannot apply from a date after the document that gives it."""
    given = record.publication
    if given is not None and date.earliest > given.latest:
        linker.fail(item.where("date"), f"this figure is dated {date.human()}, after the "
                    f"record that gives it ({given.human()}); a record can only give "
                    "figures up to its own date: check the date in the source")
        return False
    return True


def _places_words(count: int) -> str:
    """'1 decimal place', '2 decimal places'."""
    return f"{count} decimal place{'' if count == 1 else 's'}"
