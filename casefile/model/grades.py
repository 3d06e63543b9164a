"""Grades over time: each rating compared with the same body's previous grade for the same
area in an earlier record of the case ("Worse than the previous inspection (…: …)").

A lower rank is a better grade (the body's scale lists its grades best first); an area is
the same whatever its case ("Leadership" and "leadership"); two bodies grading the same
area are compared separately. When sources disagree on a grade and the question is
unsettled, the rating already counts as the worse grade (casefile.model.link_differ)."""

from __future__ import annotations

from dataclasses import dataclass

from casefile.model import objects as m


def change(rating: m.Rating, previous: m.Rating | None) -> str:
    """better, worse, same, or first (no earlier grade to compare with)."""
    if previous is None:
        return "first"
    before, now = previous.grade.rank, rating.grade.rank
    return "same" if now == before else "better" if now < before else "worse"


def comparison(rating: m.Rating, previous: m.Rating | None) -> str:
    """The change in words, naming the previous grade and its record's date."""
    if previous is None:
        return "First grade for this area in these records"
    words = {"same": "Same as", "better": "Better than", "worse": "Worse than"}[
        change(rating, previous)]
    return (f"{words} the previous inspection ({previous.record.date.human()}: "
            f"{previous.grade.label})")


@dataclass
class RatingRow:
    """One grade in the "Ratings over time" table, compared with the same body's previous
    grade for the same area in an earlier record of the case. The properties only call
    the plain functions above: mutation testing (mutmut) never mutates a decorated one."""

    rating: m.Rating
    previous: m.Rating | None

    @property
    def change(self) -> str:
        return change(self.rating, self.previous)

    @property
    def comparison(self) -> str:
        return comparison(self.rating, self.previous)


def ratings(case: m.Case) -> list[RatingRow]:
    """Every grade in the case, oldest record first, each with the one it follows."""
    rows: list[RatingRow] = []
    last: dict[tuple[str, str], m.Rating] = {}
    for record in case.records:  # in date order, and 'after' respected (casefile.pipeline)
        for rating in record.ratings:
            key = (rating.by.id, rating.area_label.casefold())
            rows.append(RatingRow(rating, last.get(key)))
            last[key] = rating
    return rows
