"""Where a case page cites each source: the places listed under the source in the page's
Sources, grouped by part of the page ("Cited in: Summary. Timeline: 10 July 2017;
2 October 2017 (published). Findings: “Leadership was not effective…”. Recommendations:
Recommendation 12"), each a link to
the element that carries the citation, so a reader of a source can go back to what it
supports. The anchors are the ids the case page's macros give those elements
(tests/test_screen_readers.py checks that every citation on the page sits inside one of
its source's places, that every place exists and cites the source)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casefile.model import figures_view
from casefile.model import objects as m

if TYPE_CHECKING:
    from casefile.model.views import CaseView, MatrixGroup

OPENING_WORDS = 4  # an unnumbered finding, a requirement or a sum is named by its first words


@dataclass(frozen=True)
class Place:
    part: str  # the part of the page: "Timeline"; "" for the summary, its own words
    anchor: str  # an id on the case page
    words: str  # what the link back says: "10 July 2017"
    # what tells it from another place of its part with the same words: "Follow-up
    # inspection" (the record), "“We accept the findings…”" (a statement's first words)
    detail: str = ""


@dataclass
class Part:
    """The places of one part of the page that cite a source."""

    name: str  # "Timeline", "Findings", "Recommendations" (a table's items_called); "" for
    # the summary
    places: list[Place]


def opening(text: str, words: int = OPENING_WORDS) -> str:
    """The first ``words`` words of ``text`` in quotes, with "…" when there are more."""
    parts = text.split()
    more = "…" if len(parts) > words else ""
    return f"“{' '.join(parts[:words])}{more}”"


def finding_words(group: MatrixGroup, finding: m.Finding) -> tuple[str, str]:
    """What a link back to a finding's row says, and what tells it from another of the same
    words: one the source numbered, by its own number ("Recommendation 12"), told apart by
    the report that raised it ("the inspection of July 2017", "“Final report”, 10 March
    2025"); one it did not number, by its first words, told apart by more of them (a number
    casefile made up would read as the source's own)."""
    if finding.number:
        return finding.label, f"{group.raised_in} {group.record.when}"
    return opening(finding.text), opening(finding.text, 4 * OPENING_WORDS)


def _differ_cites(differs: Iterable[m.Disagreement | None]) -> list[m.Citation]:
    return [c for d in differs if d is not None for v in d.values for c in v.cites]


def _places(view: CaseView) -> Iterable[tuple[Place, list[m.Citation]]]:
    """Every place on the case page that cites, in page order, with its citations (as the
    macros show them: a publication cites its record's first source only)."""
    case = view.case
    yield Place("", "case-summary", "Summary"), case.cites
    for i, item in enumerate(case.money, 1):
        # by what it is for, as the list says it: the list is not numbered
        yield (Place("Money", f"money-{i}", opening(item.purpose),
                     opening(item.purpose, 4 * OPENING_WORDS)),
               item.cites + _differ_cites([item.differs.get("amount")]))
    for one in figures_view.series(case):
        for i, value in enumerate(one.values, 1):
            yield (Place("Figures", f"{one.anchor}-{i}", f"{one.indicator.name}, {value.when}"),
                   value.figure.cites)
    for track in view.oversight:
        for p in track.periods:
            yield (Place("Oversight levels", p.anchor, f"from {p.change.effective.human()}"),
                   p.change.cites)
    for e in view.timeline:
        cites = e.record.cites[:1] if e.is_publication else e.record.cites
        when = f"{e.when} (published)" if e.is_publication else e.when
        yield (Place("Timeline", f"ev-{e.anchor}", when, e.record.title),
               cites + _differ_cites(e.differs))
    for group in view.matrices:
        called = group.items_called  # the part's name: "Findings", "Recommendations"
        for row in group.rows:
            cells = [c for a in row.cells if a for c in a.cites]
            yield (Place(called, f"finding-{row.finding.id}", *finding_words(group, row.finding)),
                   row.finding.cites + cells)
    yield from _later_places(view)


def _later_places(view: CaseView) -> Iterable[tuple[Place, list[m.Citation]]]:
    """Ratings, requirements and statements: the places after the findings."""
    for i, row in enumerate(view.ratings, 1):
        r = row.rating
        yield (Place("Ratings", f"rating-{i}", f"{r.area_label}, {r.record.when}"),
               r.cites + _differ_cites([r.differs.get("grade")]))
    for req in view.requirements:
        reported = req.outcome.reported if req.outcome else None
        cites = req.cites + (reported.cites if reported else [])
        yield (Place("Requirements", f"req-{req.id}", opening(req.text),
                     opening(req.text, 4 * OPENING_WORDS)),
               cites + [c for p in req.progress for c in p.cites])
    for i, s in enumerate(view.statements, 1):
        yield Place("Statements", f"statement-{i}", s.attribution, opening(s.quote)), s.cites


def _whole_tables(view: CaseView, places: list[Place]) -> list[Place]:
    """Findings places, with the rows of a findings table that all cite the source (and
    are more than one) said once: a link to the table, "all 9 of the inspection of July
    2017", instead of a link per row: the report that raised the findings backs each."""
    listed = {p.anchor for p in places}
    whole: dict[str, Place] = {}
    for group in view.matrices:
        rows = [f"finding-{row.finding.id}" for row in group.rows]
        if len(rows) > 1 and listed.issuperset(rows):
            table = Place(group.items_called, f"findings-of-{group.record.id}",
                          f"all {len(rows)} of {group.raised_in} {group.record.when}")
            whole.update(dict.fromkeys(rows, table))
    out = [whole.get(p.anchor, p) for p in places]
    return list(dict.fromkeys(out))


def cited_in(view: CaseView) -> dict[str, list[Part]]:
    """For each source of the case's bibliography (by id), the places that cite it, in
    page order, each once, grouped by part of the page; a findings table whose every row
    cites the source, as one place."""
    out: dict[str, list[Part]] = {s.id: [] for s in view.bibliography}
    for place, cites in _places(view):
        for source_id in dict.fromkeys(c.source.id for c in cites):
            parts = out.get(source_id)
            if parts is None:
                continue
            if not parts or parts[-1].name != place.part:
                parts.append(Part(place.part, []))
            if place not in parts[-1].places:
                parts[-1].places.append(place)
    for parts in out.values():
        for part in parts:
            if any(p.anchor.startswith("finding-") for p in part.places):
                part.places = _whole_tables(view, part.places)
    every = [p for parts in out.values() for part in parts for p in part.places]
    shown = {p.anchor: p for p in told_apart(list({p.anchor: p for p in every}.values()))}
    for parts in out.values():
        for part in parts:
            part.places = [shown[p.anchor] for p in part.places]
    return out


def told_apart(places: list[Place]) -> list[Place]:
    """The places (each once: the Sources list links to them under every source that they
    cite) with links of the same words told apart (WCAG 2.4.4): each with its detail in
    brackets, "October 2018 (Follow-up inspection)", and where that is not
    enough either, by their place among those links as well, in page order, "(Follow-up
    inspection, 2nd of 2)": never a bare number, which would read as the source's own."""
    words = [p.words for p in places]
    said = [f"{p.words} ({p.detail})" if words.count(p.words) > 1 and p.detail else p.words
            for p in places]
    seen: dict[str, int] = {}
    out = []
    for place, text in zip(places, said, strict=True):
        if said.count(text) > 1:
            seen[text] = seen.get(text, 0) + 1
            nth = f"{ordinal(seen[text])} of {said.count(text)}"
            text = f"{text.removesuffix(')')}, {nth})" if text.endswith(")") \
                else f"{text} ({nth})"
        out.append(Place(place.part, place.anchor, text, place.detail))
    return out


def ordinal(n: int) -> str:
    """"1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "112th"."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
