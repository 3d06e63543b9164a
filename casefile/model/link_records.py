"""Stage 3 continued: the parts of a record that point at other records —
assessments of findings, requirements and their fulfilment, attributed statements."""

from __future__ import annotations

import re
from dataclasses import dataclass

from casefile.model import link_differ, vocab, who
from casefile.model import objects as m
from casefile.model.date_words import Worded, dated
from casefile.model.link import Linker
from casefile.model.link_figures import link_figures
from casefile.model.link_oversight import link_oversight
from casefile.reading.validate import Loc, Rec


@dataclass(frozen=True)
class OutOfOrder:
    """What to say when a record named in another is that record itself, one of another case,
    or dated out of order with it; templates for str.format with ``id`` (what is named),
    ``record`` (its record's id), ``case``/``own_case`` (the two cases' ids) and, in
    ``early``, ``other``/``own`` (the two records' dates in words)."""

    itself: str
    elsewhere: str
    early: str


def in_order(linker: Linker, loc: Loc, record: m.Record, other: m.Record,
             wrong: OutOfOrder, later: bool, name: str = "") -> bool:
    """Whether ``other`` (the record of what ``name`` names, else itself) is another record
    of ``record``'s case dated no earlier (``later``) or no later than it; else the problem
    is reported at ``loc``. A record's date in error (None) is never out of order."""
    words = {"id": name or other.id, "record": other.id, "case": other.case.id,
             "own_case": record.case.id}
    own, theirs = record.date, other.date
    if other is record:
        text = wrong.itself
    elif other.case is not record.case:
        text = wrong.elsewhere
    elif own is not None and theirs is not None and (
            theirs.latest < own.earliest if later else own.latest < theirs.earliest):
        text = wrong.early
        words |= {"own": own.human(), "other": theirs.human()}
    else:
        return True
    linker.fail(loc, text.format(**words))
    return False


def other_record(linker: Linker, record: m.Record, item: Rec, key: str, wrong: OutOfOrder,
                 later: bool) -> m.Record | None:
    """The record ``item[key]`` names (with a did-you-mean when no record has that id), when
    ``in_order`` with ``record``; else None."""
    other = linker.ref(item, key, linker.records, "record")
    if other is None or not in_order(linker, item.where(key), record, other, wrong, later):
        return None
    return other


ELSEWHERE = "record '{id}' belongs to case '{case}', not '{own_case}'"


def link_record_parts(linker: Linker, record: m.Record, rec: Rec) -> None:
    numbers: dict[str, Rec] = {}  # each finding's number in this record → its entry
    for item in linker.items(rec, "findings"):
        _finding_details(linker, record, item, numbers)
    for item in linker.items(rec, "assessments"):
        _assessment(linker, record, item)
    for item in linker.items(rec, "requirements"):
        _requirement(linker, record, item)
    for item in linker.items(rec, "statements"):
        _statement(linker, record, item)
    for item in linker.items(rec, "ratings"):
        _rating(linker, record, item)
    for item in linker.items(rec, "oversight"):
        link_oversight(linker, record, item)
    for item in linker.items(rec, "next"):
        _next_step(linker, record, item)
    link_figures(linker, record, rec)


def _finding_details(linker: Linker, record: m.Record, item: Rec,
                     numbers: dict[str, Rec]) -> None:
    """A finding's optional kind, number, paragraph and the bodies it is addressed to."""
    number = item.get("number")
    if number is not None and number in numbers:
        first = numbers[number].where("number")
        linker.fail(item.where("number"), f"number '{number}' is already given at line "
                    f"{first.line}; each finding of a record needs its own number, as in "
                    "the source")
    elif number is not None:
        numbers[number] = item
    finding = linker.findings.get(item.get("id", ""))
    if finding is None or finding.record is not record:
        return
    finding.kind = vocab.FINDING_KINDS.get(item.get("kind"))  # type: ignore[arg-type]
    finding.number, finding.paragraph = number, item.get("paragraph")
    for value in [v for v in item.get("directed_at") or [] if v]:
        body = linker.lookup(value, item.where("directed_at"), linker.bodies, "body")
        if body in finding.directed_at:
            linker.fail(item.where("directed_at"), f"body '{value}' is named twice; name "
                        "each body the source addresses once")
        elif body is not None:
            finding.directed_at.append(body)


_ASSESSED = OutOfOrder(
    "a record cannot assess its own finding '{id}'",
    "finding '{id}' belongs to case '{case}', not '{own_case}'", "this assessment is dated "
    "{own}, before the finding it assesses was raised ({other}, record '{record}')")


def _assessment(linker: Linker, record: m.Record, item: Rec) -> None:
    finding = linker.ref(item, "finding", linker.findings, "finding")
    body = linker.ref(item, "asserted_by", linker.bodies, "body")
    if finding is None or body is None:
        return
    loc = item.where("finding")
    if not in_order(linker, loc, record, finding.record, _ASSESSED, later=False,
                    name=finding.id):
        return
    if any(a.finding is finding for a in record.assessments):
        linker.fail(loc, f"finding '{finding.id}' is already assessed in this record; "
                    "give one assessment per finding, with several citations if needed")
        return
    cites = linker.cites(item)
    record.assessments.append(m.Assessment(
        finding, vocab.STATUSES[item["status"]], body, linker.asserter(body, record.case),
        item["note"], cites, record, who.relayed(body, cites, record.case, record.date)))


def _later_record(linker: Linker, record: m.Record, item: Rec, key: str) -> m.Record | None:
    return other_record(linker, record, item, key, OutOfOrder(
        "'{id}' is the record that sets this requirement; " + key + " must name a later record",
        ELSEWHERE, "record '{id}' ({other}) is dated before the record that sets this "
        "requirement ({own})"), later=True)


def _requirement(linker: Linker, record: m.Record, item: Rec) -> None:
    if not linker.claim(item):
        return
    due = item.get("due")
    reported = item.get("reported")
    reported_obj = None
    if reported:
        by = linker.ref(reported, "by", linker.bodies, "body")
        if by is not None:
            cites = linker.cites(reported)
            reported_obj = m.Reported(vocab.OUTCOMES[reported["outcome"]], by, cites,
                                      who.asserter(by, record.case),
                                      who.relayed(by, cites, record.case, record.date))
    record.requirements.append(m.Requirement(
        item["id"], item["text"],
        _due(due) if due else None,
        _later_record(linker, record, item, "fulfilled_by"),
        _later_record(linker, record, item, "superseded_by"),
        reported_obj, linker.cites(item), record,
        progress=_progress(linker, record, item)))


def _progress(linker: Linker, record: m.Record, item: Rec) -> list[m.Progress]:
    """The requirement's progress notes in date order (notes of the same date in the file's
    order); none may be dated before the record that sets the requirement."""
    notes = []
    for note in linker.items(item, "progress"):
        date = note.get("date")
        if date is None:
            continue
        if record.date is not None and date.latest < record.date.earliest:
            linker.fail(note.where("date"), f"this progress note is dated {date.human()}, "
                        f"before the record that sets the requirement ({record.date.human()}); "
                        "progress can only follow the requirement: check the date in the source")
            continue
        notes.append(m.Progress(date, note["note"], linker.cites(note)))
    return sorted(notes, key=lambda p: (p.date.earliest, p.date.latest))


def _next_step(linker: Linker, record: m.Record, item: Rec) -> None:
    """What happens next, as the record's source says; it cannot be expected by a date
    before the record that states it."""
    date = item.get("date")
    if date is not None and record.date is not None and date.latest < record.date.earliest:
        linker.fail(item.where("date"), f"this next step is expected by {date.human()}, "
                    f"before the record that states it ({record.date.human()}); a next step "
                    "comes after: check the date in the source")
    else:
        record.next_steps.append(m.NextStep(item["text"], date, linker.cites(item), record,
                                            _reported_in(linker, record, item)))


def _reported_in(linker: Linker, record: m.Record, item: Rec) -> m.Record | None:
    """A next step's ``reported_in``: a later record of the same case that reports what
    happened (never the record that states the step, one of another case, or one dated
    before it)."""
    return other_record(linker, record, item, "reported_in", OutOfOrder(
        "'{id}' is the record that states this next step; name the later record that "
        "reports what happened", ELSEWHERE + "; name a record of this step's own case",
        "record '{id}' is dated {other}, before the record that states this next step "
        "({own}); what happened is reported later: check the id and the dates"), later=True)


def _due(due: Rec) -> m.Due:
    """A deadline; one in words with no date of its own (immediately, at the earliest
    opportunity) keeps its kind and words."""
    date = due.get("date")
    worded = date if isinstance(date, Worded) else None
    return m.Due(dated(date), due.get("within"), due.get("unit"), due.get("from"),
                 due.get("as_written"), due.get("note"), worded and worded.key,
                 worded and worded.words)


def _statement(linker: Linker, record: m.Record, item: Rec) -> None:
    person = linker.ref(item, "person", linker.people, "person")
    body = linker.ref(item, "body", linker.bodies, "body")
    date, undated = dated(item["date"]), isinstance(item["date"], Worded)
    if person and date and person.role_at(date) is None:
        linker.fail(item.where("person"), f"{person.name} has no role in force on "
                    f"{date.human()}; add one to data/people/{person.id}.yml")
        return
    if (person is None and body is None) or (date is None and not undated):
        return
    statement = m.Statement(
        person, item.get("speaker"), body, date, item.get("date_note"), item["quote"],
        linker.cites(item), record, quote_at=tuple(item.where("quote")))
    speaking_for = statement.role.body if statement.role else statement.body
    if speaking_for is not None:  # a person with no post at that date speaks for no body
        statement.relayed = who.relayed(speaking_for, statement.cites, record.case, date)
    record.statements.append(statement)
    linker.stated.append(statement)


def _rating(linker: Linker, record: m.Record, item: Rec) -> None:
    by = linker.ref(item, "by", linker.bodies, "body") if item.get("by") else record.body
    value = item.get("grade")
    if by is None or value is None:
        return
    loc = item.where("grade")
    values = [g.value for g in by.grades]
    if not values:
        linker.fail(loc, f"{by.name} has no grades; add its grading scale (grades:) to "
                    f"data/bodies/{by.id}.yml, or remove this rating")
        return
    if value not in values:
        linker.fail(loc, _not_a_grade(value, by))
        return
    cites = linker.cites(item)
    rating = m.Rating(item.get("area"), by.grades[values.index(value)], by, cites, record,
                      relayed=who.relayed(by, cites, record.case, record.date))
    key = rating.area_label.casefold()
    if any(r.by is by and r.area_label.casefold() == key for r in record.ratings):
        linker.fail(item.where("area") if rating.area else loc, f"this record already gives "
                    f"{by.name}'s grade for '{rating.area_label}'; give one rating per area")
        return
    link_differ.grade(linker, item, rating, _not_a_grade)
    record.ratings.append(rating)


def _not_a_grade(value: str, by: m.Body) -> str:
    """What is wrong with a grade not in ``by``'s scale: never a guess from its spelling
    (inadequate is not adequate), only the grade it names in other capitals or words."""
    scale = ", ".join(f"'{g.value}' for {g.label}" for g in by.grades)
    wanted = re.sub(r"[\s-]+", "_", value.strip()).casefold()
    named = [g for g in by.grades if wanted == g.value or value.strip().casefold()
             == g.label.casefold()]
    hint = f"; for {named[0].label}, write '{named[0].value}'" if named else ""
    return f"'{value}' is not a grade of {by.name}{hint} (its grades: {scale})"
