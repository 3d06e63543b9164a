"""Open data, each item as JSON: a body, person, source, record or case in the shape of its
YAML file (schema field names), with the values casefile computes under ``derived`` keys.

``casefile.outputs.opendata_dataset`` puts them together into a data set's file;
``trace`` lets ``casefile.outputs.opendata_import`` match each exported citation with
the citation it came from.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from casefile.model import objects as m
from casefile.model import responses, who
from casefile.model.dates import PartialDate
from casefile.model.deadlines import latest_document
from casefile.model.oversight_history import Period, tracks
from casefile.model.views import RatingRow, ratings

Json = dict[str, Any]


def _clean(obj: Json) -> Json:
    return {k: v for k, v in obj.items() if v is not None and v != []}


def _d(date: PartialDate | None) -> str | None:
    return date.iso() if date else None


def _w(date: PartialDate | None, differs: dict[str, m.Disagreement] | None = None,
       name: str = "") -> str | None:
    """A date's words as the editor wrote them ("autumn 2022"), beside its ISO form; None
    for a date written in ISO, or one whose sources differ (its own value is written out)."""
    return date.words if date and name not in (differs or {}) else None


def _relayed(relayed: m.Relayed | None) -> Json:
    """A second-hand claim's publishers (an id, or none when the source names none), each
    with its evidence grade, and the asserter relation it is shown as; a first-hand claim
    has neither."""
    if relayed is None:
        return {}
    return {"relayed_by": [_clean({"publisher": b.id if b else None, "evidence_grade": g.value})
                           for b, g in relayed.publishers],
            "shown_as": relayed.style.value}


_made: dict[int, m.Citation] | None = None  # while tracing: each citation's JSON → itself


def trace(made: dict[int, m.Citation] | None) -> None:
    """From now on record in ``made`` each exported citation's JSON (by its id()) and the
    citation it came from; None stops recording."""
    global _made
    _made = made


def _cites(cites: list[m.Citation], quoted: bool = False) -> list[Json]:
    """Citations as written; one with a quote to check (its own or, ``quoted``, its
    statement's) says under ``derived`` whether the quote was checked against the source's
    stored copy, and where in it it was found."""
    out = []
    for c in cites:
        checked = {"checked": c.checked, "found_at": c.found_at} if c.quote or quoted else None
        out.append(_clean({"source": c.source.id, "quote": c.quote, "locator": c.locator,
                           "derived": _clean(checked) if checked else None}))
        if _made is not None:
            _made[id(out[-1])] = c
    return out



def _amount(value: Decimal) -> str:
    """The exact amount as written, as a string: "15500000.50", never a float."""
    return str(value)


def body_json(b: m.Body) -> Json:
    names = [_clean({"name": n.name, "short": n.short, "from": _d(n.start), "until": _d(n.end),
                     "cite": _cites(n.cites), "note": n.note}) for n in b.names]
    grades = [_clean({"value": g.value, "label": g.label, "description": g.description})
              for g in b.grades]
    return _clean({"id": b.id, "kind": b.kind, "names": names, "note": b.note,
                   "grades": grades or None, "parent": b.parent.id if b.parent else None,
                   "variant_names": b.variant_names or None})


def person_json(p: m.Person) -> Json:
    roles = [_clean({"title": r.title, "body": r.body.id, "from": _d(r.start),
                     "until": _d(r.end), "cite": _cites(r.cites)}) for r in p.roles]
    return {"id": p.id, "name": p.name, "roles": roles}


def source_json(s: m.Source, cited_by: list[m.Case] | None = None) -> Json:
    """A source as its file gives it; derived, its grade from its publisher's kind alone and
    its grade in each case of ``cited_by`` (grades are per case)."""
    in_case = {c.id: who.grade(s, c).value for c in cited_by or []}
    return _clean({
        "id": s.id, "title": s.title, "title_supplied": s.title_supplied or None,
        "publisher": s.publisher.id if s.publisher else None,
        "publisher_note": s.publisher_note, "kind": s.kind,
        "published": _given(s.published, s.differs, "published"),
        "published_as_written": "no date shown" if s.undated else _w(s.published, s.differs,
                                                                      "published"),
        "published_note": s.published_note, "url": s.url, "archive_url": s.archive_url,
        "accessed": _d(s.accessed), "language": s.language, "note": s.note,
        "insecure_http": s.insecure_http or None, "sources_differ": _differs(s.differs),
        "original": s.original.id if s.original else None,
        "second_hand": s.second_hand_given or None,
        "copy": {"file": s.copy.file, "sha256": s.copy.sha256} if s.copy else None,
        "licence": s.licence, "publish_copy": s.publish_copy or None,
        "derived": _clean({"evidence_grade": who.grade(s, None).value,
                           "copy_format": s.copy.format if s.copy else None,
                           "evidence_grade_in_case": in_case or None,
                           "second_hand": s.second_hand})})


def _cited_in(c: m.Case) -> set[str]:
    """Ids of the sources a case cites."""
    cites = c.cites + [x for money in c.money for x in money.cites]
    return {x.source.id for x in cites + [x for r in c.records for x in r.cites + _all(r)]}


def _differs(differs: dict[str, m.Disagreement]) -> Json | None:
    """``sources_differ`` as in the YAML: the other values, each cited, and the choice."""
    return {name: _clean({
        "values": [{"value": v.written, "cite": _cites(v.cites)} for v in d.values if not v.own],
        "chosen": None if d.unsettled else d.given, "unsettled": d.unsettled or None,
        "reason": d.reason}) for name, d in differs.items()} or None


def _given(date: PartialDate | None, differs: dict[str, m.Disagreement], name: str
           ) -> str | None:
    """A date as written: a disagreement's own value, not the span an unsettled one uses."""
    return differs[name].given if name in differs else _d(date)


def _requirement(q: m.Requirement) -> Json:
    due = None
    if q.due:
        due = _clean({"date": _d(q.due.date),
                      "date_as_written": q.due.words or _w(q.due.date),
                      "within": q.due.within, "unit": q.due.unit,
                      "from": q.due.start, "as_written": q.due.as_written, "note": q.due.note})
    reported = None
    if q.reported:
        reported = _clean({"outcome": q.reported.outcome.value, "by": q.reported.by.id,
                           "cite": _cites(q.reported.cites),
                           "derived": _relayed(q.reported.relayed) or None})
    outcome = q.outcome
    derived = None
    if outcome:
        records = outcome.records_term
        derived = _clean({"outcome": outcome.term.value, "explanation": outcome.explanation,
                          "records_outcome": records.value if records else None,
                          "due_from": outcome.due_from.isoformat() if outcome.due_from else None,
                          "due_until": outcome.due_until.isoformat() if outcome.due_until
                          else None})
    return _clean({"id": q.id, "text": q.text, "due": due,
                   "fulfilled_by": q.fulfilled_by.id if q.fulfilled_by else None,
                   "superseded_by": q.superseded_by.id if q.superseded_by else None,
                   "reported": reported,
                   "progress": [{"date": _d(p.date), "note": p.note, "cite": _cites(p.cites)}
                                for p in q.progress],
                   "cite": _cites(q.cites), "derived": derived})


def _rating(row: RatingRow) -> Json:
    x, before = row.rating, row.previous
    grade = x.differs["grade"].given if "grade" in x.differs else x.grade.value
    return _clean({"area": x.area, "grade": grade, "by": x.by.id, "cite": _cites(x.cites),
                   "sources_differ": _differs(x.differs),
                   "derived": _clean({"change": row.change, "compared_with_record":
                                      before.record.id if before else None,
                                      "relayed_by": _relayed(x.relayed).get("relayed_by")})})


def periods(c: m.Case) -> dict[int, Period]:
    """The case's oversight periods, by the id() of the move that starts each."""
    return {id(p.change): p for t in tracks(c, c.as_of) for p in t.periods}


def _oversight(o: m.OversightChange, period: Period) -> Json:
    return _clean({"framework": o.framework.id, "level": o.level.value,
                   "effective": _d(o.effective) if o.effective_given else None,
                   "body": o.body.id if o.body is not o.record.case.subject else None,
                   "service": o.service, "cite": _cites(o.cites),
                   "derived": _clean({"change": period.direction, "previous_level":
                                      period.previous.value if period.previous else None})})


def _finding(f: m.Finding) -> Json:
    """A finding as in its record: the optional kind, number, paragraph and bodies
    addressed only when given."""
    return {"id": f.id, "theme": f.theme.id, "text": f.text,
            **_clean({"kind": f.kind.value if f.kind else None, "number": f.number,
                      "paragraph": f.paragraph, "directed_at": [b.id for b in f.directed_at]}),
            "cite": _cites(f.cites)}


def record_json(r: m.Record, compared: dict[int, RatingRow] | None = None,
                moves: dict[int, Period] | None = None) -> Json:
    """A record as in its YAML file; ``compared`` holds the case's ratings comparisons
    (casefile.model.views.ratings), by the rating's id(), and ``moves`` its oversight
    periods (``periods``), for the ``derived`` keys."""
    rows = compared if compared is not None else {id(x.rating): x for x in ratings(r.case)}
    moves = moves if moves is not None or not r.oversight else periods(r.case)
    return _clean({
        "id": r.id, "type": r.type.value, "title": r.title,
        "date": _given(r.date, r.differs, "date"),
        "date_as_written": _w(r.date, r.differs, "date"), "until": _d(r.until),
        "until_as_written": _w(r.until), "after": r.after.id if r.after else None,
        "date_note": r.date_note, "published": _given(r.published, r.differs, "published"),
        "published_as_written": _w(r.published, r.differs, "published"),
        "published_note": r.published_note, "body": r.body.id, "summary": r.summary,
        "cite": _cites(r.cites),
        "findings": [_finding(f) for f in r.findings],
        "assessments": [{"finding": a.finding.id, "status": a.status.value,
                         "asserted_by": a.asserted_by.id, "note": a.note,
                         "cite": _cites(a.cites),
                         "derived": {"asserter": a.asserter.value, **_relayed(a.relayed)}}
                        for a in r.assessments],
        "requirements": [_requirement(q) for q in r.requirements],
        "statements": [_clean({"person": s.person.id if s.person else None,
                               "speaker": s.speaker, "body": s.body.id if s.body else None,
                               "date": _d(s.date), "date_as_written":
                               _w(s.date) if s.date else "no date shown", "date_note": s.date_note,
                               "quote": s.quote, "cite": _cites(s.cites, True),
                               "derived": _clean({"relayed_by": _relayed(s.relayed).get(
                                   "relayed_by")}) or None})
                       for s in r.statements],
        "next": [_clean({"text": n.text, "date": _d(n.date), "date_as_written": _w(n.date),
                         "cite": _cites(n.cites),
                         "reported_in": n.reported_in.id if n.reported_in else None})
                 for n in r.next_steps] or None,
        "ratings": [_rating(rows[id(x)]) for x in r.ratings] or None,
        "oversight": [_oversight(o, moves[id(o)]) for o in r.oversight] or None,
        "responses": [_clean({"to": x.to.id, "status": x.status.value, "by": x.by.id,
                              "note": x.note, "cite": _cites(x.cites)})
                      for x in r.responses] or None,
        "respond": _respond(r.duty), "figures": [figure_json(x) for x in r.figures] or None,
        "answers": r.answers.id if r.answers else None,
        "sources_differ": _differs(r.differs),
        "derived": _clean({"response_counts": [{"body": n.body.id, "counts": n.counts}
                                               for n in responses.counts(r)]}) or None})


def figure_json(x: m.Figure) -> Json:
    """A figure as in its record, its value exactly as written ("88.0" stays so); derived,
    the value in words, who says so and how the claim reaches the reader."""
    return _clean({"indicator": x.indicator.id, "value": _amount(x.value),
                   "date": _d(x.date), "until": _d(x.until), "by": x.by.id,
                   "approximate": x.approximate or None, "note": x.note, "cite": _cites(x.cites),
                   "derived": {"text": x.text(), "asserter": x.asserter.value,
                               **_relayed(x.relayed)}})


def indicator_json(i: m.Indicator) -> Json:
    """An indicator as data/indicators.yml gives it."""
    return _clean({"id": i.id, "name": i.name, "unit": i.unit.value,
                   "description": i.description, "currency": i.currency})


def _respond(duty: m.Duty | None) -> Json | None:
    """A duty to respond as written (a period the record type gives is not written out),
    with each body's state as of the case's date under ``derived``."""
    if duty is None:
        return None
    due = duty.due
    written = {} if duty.from_type else {"date": _d(due.date), "within": due.within,
                                         "unit": due.unit, "from": due.start}
    states = [_clean({"body": x.body.id, "state": x.term.value,
                      "due_from": x.due_from.isoformat(), "due_until": x.due_until.isoformat(),
                      "responded_in": x.reply.id if x.reply else None,
                      "explanation": x.explanation}) for x in responses.duty_states(duty.record)]
    return _clean({"by": [b.id for b in duty.by], **written, "as_written": due.as_written,
                   "derived": {"period_from_record_type": duty.from_type, "deadline":
                               responses.describe(duty), "states": states}})


def case_json(c: m.Case) -> Json:
    money = [_clean({"amount": _amount(x.amount), "currency": x.currency,
                     "approximate": x.approximate or None, "per": x.per.value if x.per else None,
                     "kind": x.kind.value if x.kind else None, "for": x.purpose,
                     "period": x.period, "note": x.note,
                     "record": x.record.id if x.record else None, "cite": _cites(x.cites),
                     "sources_differ": _differs(x.differs)})
             for x in c.money]
    compared, moves = {id(x.rating): x for x in ratings(c)}, periods(c)
    return _clean({
        "id": c.id, "title": c.title, "subject": _subject(c), "service": c.service,
        "partners": [b.id for b in c.partners] or None,
        "overseers": [b.id for b in c.overseers] or None,
        "regulators": [b.id for b in c.regulators], "legal_basis": c.legal_basis,
        "status": c.status.value, "summary": c.summary, "themes": [t.id for t in c.themes],
        "money": money, "reviewed": _d(c.reviewed),
        "corrections": [{"date": _d(x.date), "what": x.what, "why": x.why}
                        for x in c.corrections],
        "jurisdiction": c.jurisdiction, "as_of": _as_of(c),
        "cite": _cites(c.cites),
        "records": [record_json(r, compared, moves) for r in c.records],
        "derived": {"as_of": c.as_of.isoformat() if c.as_of else None,
                    "as_of_basis": c.as_of_basis}})


def _subject(c: m.Case) -> str | list[str]:
    """One id as before, or the list when the case names several subjects."""
    subjects = c.subjects or [c.subject]
    return subjects[0].id if len(subjects) == 1 else [b.id for b in subjects]


def _as_of(c: m.Case) -> str | None:
    """The case's as-of date when it is not simply that of its latest document (set on the
    case, or for the whole site), so that an import computes the same outcomes."""
    given = c.as_of is not None and (c.as_of_given is not None or c.as_of != latest_document(c))
    return c.as_of.isoformat() if given and c.as_of else None


def _all(r: m.Record) -> list[m.Citation]:
    """Every citation a record makes: its own, its findings' and its parts'."""
    return r.cites + [c for f in r.findings for c in f.cites] + r.part_cites()
