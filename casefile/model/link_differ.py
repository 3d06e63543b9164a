"""Stage 3, sources that disagree (``sources_differ``): every value with its citations, and
the value the page and every computation use. That is the field's own value (the chosen
one); when the editor marks the question unsettled it is, for dates, a span from the
earliest to the latest value ("5 or 6 March 2019"); for amounts, every amount (shown
together; casefile adds no money up); for grades, the worse one (so a comparison never
makes a body look better than any source does)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from casefile.model import objects as m
from casefile.model.date_words import dated
from casefile.model.dates import PartialDate
from casefile.model.money import describe
from casefile.reading.differ import DIFFER
from casefile.reading.validate import Rec

if TYPE_CHECKING:
    from casefile.model.link import Linker

WHAT = {"date": "date", "published": "publication date", "amount": "amount", "grade": "grade"}


def _given(linker: Linker, rec: Rec, name: str) -> tuple[Rec, list[tuple[Any, Rec]]] | None:
    """The disagreement on ``name`` and its other values, or None if there is none."""
    differ = rec.get(DIFFER)
    d = differ.get(name) if isinstance(differ, Rec) else None
    if not isinstance(d, Rec) or rec.get(name) is None:
        return None
    return d, [(alt["value"], alt) for alt in linker.items(d, "values")
               if alt.get("value") is not None]


def _disagreement(linker: Linker, d: Rec, name: str, own: tuple[str, list[m.Citation], str],
                  others: list[tuple[str, Rec]], used: str) -> m.Disagreement:
    """``own`` is the field's own value in words, its citations and as written; ``others``
    the other values in words, each with the entry that gives it."""
    values = [m.Alternative(own[0], own[1], own[2], own=True)]
    values += [m.Alternative(shown, linker.cites(alt), _written(alt["value"]))
               for shown, alt in others]
    chosen = None if d.get("unsettled") else own[0]
    return m.Disagreement(name, WHAT[name], values, chosen, d.get("reason") or "", used)


def _written(value: Any) -> str:
    if isinstance(value, PartialDate):
        return value.words or value.iso()
    return str(value)


def either(dates: list[PartialDate]) -> str:
    """Dates in words, joined with "or": "5 or 6 March 2019", "March or April 2019",
    "30 March 2019 or 2 April 2019"."""
    unique = sorted(set(dates))
    precisions = {d.precision for d in unique}
    first = unique[0]
    if precisions == {"day"} and len({(d.year, d.month) for d in unique}) == 1:
        return f"{_or([str(d.day) for d in unique])} {first.human().split(' ', 1)[1]}"
    if precisions == {"month"} and len({d.year for d in unique}) == 1:
        return f"{_or([d.human().split(' ')[0] for d in unique])} {first.year}"
    return _or([d.human() for d in unique])


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def date(linker: Linker, rec: Rec, name: str, cites: list[m.Citation]
         ) -> tuple[PartialDate | None, m.Disagreement | None]:
    """The date ``rec[name]`` computations use, and the disagreement on it if any."""
    own = dated(rec.get(name))  # "no date shown" is no date to differ on
    given = _given(linker, rec, name)
    if given is None or own is None:
        return own, None
    d, others = given
    used = own
    if d.get("unsettled"):
        every = [own, *(v for v, _ in others)]
        used = PartialDate.span(min(x.earliest for x in every), max(x.latest for x in every),
                                either(every))
    shown = [(v.human(), alt) for v, alt in others]
    own_value = (own.human(), cites, own.iso())
    return used, _disagreement(linker, d, name, own_value, shown, used.human())


def money(linker: Linker, rec: Rec, item: m.Money) -> None:
    """The disagreement on a money figure's amount; when unsettled, its other amounts."""
    given = _given(linker, rec, "amount")
    if given is None:
        return
    d, others = given
    rate = item.per.label if item.per else None
    amounts = [Decimal(v) for v, _ in others]
    shown = [(describe(a, item.currency, item.approximate, rate), alt)
             for a, (_, alt) in zip(amounts, others, strict=True)]
    if d.get("unsettled"):
        item.others = amounts
    own = (describe(item.amount, item.currency, item.approximate, rate), item.cites,
           str(rec["amount"]))
    item.differs["amount"] = _disagreement(linker, d, "amount", own, shown, item.text())


def grade(linker: Linker, rec: Rec, rating: m.Rating, problem: Any) -> None:
    """The disagreement on a rating's grade (each value from the body's scale); when
    unsettled, the rating counts as the worse grade."""
    given = _given(linker, rec, "grade")
    if given is None:
        return
    d, others = given
    scale = {g.value: g for g in rating.by.grades}
    grades = []
    for value, alt in others:
        if value in scale:
            grades.append((scale[value], alt))
        else:
            linker.fail(alt.where("value"), problem(value, rating.by))
    shown = [(g.label, alt) for g, alt in grades]
    used = rating.grade.label
    if d.get("unsettled"):
        every = sorted({rating.grade.rank: rating.grade, **{g.rank: g for g, _ in grades}}
                       .values(), key=lambda g: g.rank)
        rating.grade = every[-1]
        used = _or([g.label for g in every])
    own = (scale[rec["grade"]].label, rating.cites, rec["grade"])
    rating.differs["grade"] = _disagreement(linker, d, "grade", own, shown, used)
