"""Sources that disagree (``sources_differ``), checked within one item: the field each
disagreement is about must be given, its own value is the chosen one (or the question is
unsettled), and the other values differ from it and from each other.

The values themselves (types, citations, the choice-or-unsettled rule) are checked by the
schema; a grade's values are checked against the body's scale when linking."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from casefile.errors import Problem
from casefile.model.dates import PartialDate

if TYPE_CHECKING:
    from casefile.reading.validate import Rec

DIFFER = "sources_differ"


def written(value: Any) -> str:
    """A value as the YAML writes it: 2019-03-06, 2500000, good."""
    return value.iso() if isinstance(value, PartialDate) else str(value)


def same(a: Any, b: Any) -> bool:
    """Equal values: 2500000 and 2500000.00 are one amount."""
    if isinstance(a, str) and isinstance(b, str) and a[:1].isdigit() and b[:1].isdigit():
        try:
            return Decimal(a) == Decimal(b)
        except ArithmeticError:
            return a == b
    return bool(a == b)


def check(rec: Rec, item: str) -> list[Problem]:
    """Every problem with the disagreements of one item (a record, source, money figure or
    rating, named by ``item``)."""
    differ = rec.get(DIFFER)
    if not isinstance(differ, dict):
        return []
    problems: list[Problem] = []
    for name, disagreement in differ.items():
        if not isinstance(disagreement, dict):
            continue
        if name not in rec:
            problems.append(differ.where(name).problem(
                f"sources differ on '{name}', but this {item} gives no '{name}'; write the "
                f"chosen value as '{name}:' (when unsettled, one of the values), supported by "
                f"the {item}'s citations, and list only the other values here"))
        elif rec[name] is not None:
            problems += _one(disagreement, name, rec[name])
    return problems


def _one(d: Rec, name: str, own: Any) -> list[Problem]:
    problems: list[Problem] = []
    others: list[Any] = []
    for alt in d.get("values") or []:
        value = alt.get("value") if isinstance(alt, dict) else None
        if value is None:
            continue
        if same(value, own):
            problems.append(alt.where("value").problem(
                f"{written(value)} is the value of '{name}' itself; list under values only the "
                "values other sources give"))
        elif any(same(value, other) for other in others):
            problems.append(alt.where("value").problem(
                f"{written(value)} is listed twice; give it once, with every source that "
                "gives it in its cite"))
        else:
            others.append(value)
    chosen = d.get("chosen")
    if chosen is not None and not same(chosen, own):
        problems.append(d.where("chosen").problem(_not_chosen(name, own, chosen, others)))
    if d.get("unsettled") is False and "chosen" not in d:
        problems.append(d.where("unsettled").problem(
            "unsettled: false chooses nothing; give chosen: with the value chosen, or write "
            "unsettled: true if the sources cannot be settled"))
    return problems


def _not_chosen(name: str, own: Any, chosen: Any, others: list[Any]) -> str:
    if any(same(chosen, other) for other in others):
        return (f"chosen {written(chosen)} is one of the other values, but '{name}' is "
                f"{written(own)}; the chosen value goes in the field itself: write "
                f"{name}: {written(chosen)}, and list {written(own)} under values with its "
                "citation")
    listed = ", ".join(written(v) for v in [own, *others])
    return (f"chosen {written(chosen)} is not among the values ({listed}); choose one of "
            "them, or write unsettled: true instead of chosen")
