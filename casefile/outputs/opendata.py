"""Open data: the validated model as JSON (schema field names, a format version) and CSV.

``to_json`` writes the data in the same shape as the YAML files, so ``from_json`` reads it
back through the same validation and linking: a round trip gives an identical export.
Values computed by casefile sit under ``derived`` keys and are recomputed on import.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from casefile.errors import DataError, Problem
from casefile.model import objects as m
from casefile.model import vocab, who
from casefile.model.dates import PartialDate
from casefile.model.deadlines import due_window, latest_document
from casefile.model.link import Loaded
from casefile.model.oversight import Framework
from casefile.model.oversight_history import Period, tracks
from casefile.model.views import RatingRow, ratings
from casefile.pipeline import build_dataset
from casefile.reading.load import Mapping, Node, Scalar, Sequence
from casefile.reading.schema import FILE_KINDS
from casefile.reading.validate import validate

FORMAT = "casefile"
FORMAT_VERSION = "1.0"
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


def _relayed_cells(relayed: m.Relayed | None) -> list[str]:
    """CSV cells: the publishers' ids (``-`` for one not named), their evidence grades, and
    the asserter relation the claim is shown as; empty for a first-hand claim."""
    if relayed is None:
        return ["", "", ""]
    return [" ".join(b.id if b else "-" for b, _ in relayed.publishers),
            " ".join(g.value for _, g in relayed.publishers), relayed.style.value]


_made: dict[int, m.Citation] | None = None  # while importing: each citation's JSON → itself


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


def _restore_checks(data: Json, ds: m.Dataset) -> None:
    """What an export says of each quote's check, kept on import: the stored copies are
    not in it, so the check cannot be made again. The export is matched with the imported
    data set's own export, item by item."""
    global _made
    _made = {}
    try:
        again = to_json(ds)
        stack: list[tuple[Any, Any]] = [(again, data)]
        while stack:
            mine, given = stack.pop()
            if isinstance(mine, dict) and isinstance(given, dict):
                cite = _made.get(id(mine))
                if cite is not None and given.get("source") == cite.source.id:
                    derived = given.get("derived") or {}
                    cite.checked = derived.get("checked") is True
                    found = derived.get("found_at")
                    cite.found_at = found if cite.checked and isinstance(found, str) else None
                stack += [(mine[k], given[k]) for k in mine if k in given]
            elif isinstance(mine, list) and isinstance(given, list):
                stack += list(zip(mine, given, strict=False))
    finally:
        _made = None


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
        "findings": [{"id": f.id, "theme": f.theme.id, "text": f.text, "cite": _cites(f.cites)}
                     for f in r.findings],
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
                         "cite": _cites(n.cites)}) for n in r.next_steps] or None,
        "ratings": [_rating(rows[id(x)]) for x in r.ratings] or None,
        "oversight": [_oversight(o, moves[id(o)]) for o in r.oversight] or None,
        "sources_differ": _differs(r.differs)})


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


def _vocabulary(ds: m.Dataset, used: set[str] | None = None) -> Json:
    """The site's own vocabulary terms, as data/vocabulary.yml gives them; with ``used``,
    only those values (a case's file carries only the terms it uses)."""
    found = {name: [{"value": t.value, "label": t.label, "description": t.description,
                     **({"open": t.open} if isinstance(t, vocab.Licence) else {})}
                    for t in terms.values() if used is None or t.value in used]
             for name, terms in ds.site_terms.items()}
    frameworks = [_framework(f) for f in ds.site_frameworks.values()
                  if used is None or f.id in used]
    return {**{name: terms for name, terms in found.items() if terms},
            **({"oversight_frameworks": frameworks} if frameworks else {})}


def _framework(f: Framework) -> Json:
    """A site's own oversight framework, as data/vocabulary.yml gives it."""
    return _clean({"id": f.id, "name": f.name, "overseer": f.overseer,
                   "description": f.description or None, "most_serious": f.most_serious,
                   "levels": [_clean({"value": lv.value, "label": lv.label,
                                      "description": lv.description or None})
                              for lv in f.as_written]})


def to_json(ds: m.Dataset, cases: list[str] | None = None) -> Json:
    """The whole data set, or only the named cases with just what they refer to."""
    chosen = [ds.cases[c] for c in (cases if cases is not None else list(ds.cases))]
    cased = [case_json(c) for c in chosen]
    bodies, people, sources, themes = (list(ds.bodies.values()), list(ds.people.values()),
                                       list(ds.sources.values()), list(ds.themes.values()))
    if cases is not None:  # select by id: scanning every source per case would be O(N²)
        used = _referenced(cased)
        people = [ds.people[i] for i in sorted(used) if i in ds.people]
        used |= {r.body.id for p in people for r in p.roles}
        used |= {ds.sources[i].original.id for i in used  # type: ignore[union-attr]
                 if i in ds.sources and ds.sources[i].original}
        used |= {ds.sources[i].publisher.id for i in used  # type: ignore[union-attr]
                 if i in ds.sources and ds.sources[i].publisher}
        used |= {a for i in list(used) if i in ds.bodies for a in who.family_above(ds.bodies[i])}
        bodies = [ds.bodies[i] for i in sorted(used) if i in ds.bodies]
        used |= {c.source.id for b in bodies for n in b.names for c in n.cites}
        used |= {c.source.id for p in people for r in p.roles for c in r.cites}
        sources = [ds.sources[i] for i in sorted(used) if i in ds.sources]
        themes = [ds.themes[i] for i in sorted(used) if i in ds.themes]
    kinds = None if cases is None else (
        {r.type.value for c in chosen for r in c.records} | {b.kind for b in bodies}
        | {s.kind for s in sources} | {s.licence for s in sources if s.licence}
        | {x.kind.value for c in chosen for x in c.money if x.kind}
        | {o.framework.id for c in chosen for r in c.records for o in r.oversight})
    vocabulary = _vocabulary(ds, kinds)
    cited_by: dict[str, list[m.Case]] = {}
    for c in chosen:
        for source_id in sorted(_cited_in(c)):
            cited_by.setdefault(source_id, []).append(c)
    return {"format": FORMAT, "format_version": FORMAT_VERSION,
            **({"vocabulary": vocabulary} if vocabulary else {}),
            "themes": [_clean({"id": t.id, "name": t.name, "description": t.description})
                       for t in themes],
            "bodies": [body_json(b) for b in bodies],
            "people": [person_json(p) for p in people],
            "sources": [source_json(s, cited_by.get(s.id)) for s in sources],
            "cases": cased}


_REF_KEYS = ("source", "subject", "regulators", "body", "asserted_by", "by", "person",
             "publisher", "theme", "themes", "partners", "overseers")


def _referenced(value: Any) -> set[str]:
    """Every id the exported cases point at (sources, bodies, people, themes)."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, sub in item.items():
                if key in _REF_KEYS and isinstance(sub, str):
                    found.add(sub)
                elif key in _REF_KEYS and isinstance(sub, list):
                    found.update(x for x in sub if isinstance(x, str))
                else:
                    stack.append(sub)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _as_written(value: dict[str, Any]) -> dict[str, Any]:
    """An exported item with each date as the editor wrote it: ``date_as_written:
    autumn 2022`` (beside its ISO form) is read back as ``date: autumn 2022``."""
    out = {k: v for k, v in value.items() if not k.endswith("_as_written")}
    for key, words in value.items():
        if key.endswith("_as_written") and words is not None:
            out[key.removesuffix("_as_written")] = words
    return out


def _node(value: Any) -> Node:
    if isinstance(value, dict):
        node = Mapping(1, 1)
        for key, item in _as_written(value).items():
            if key != "derived" and item is not None:
                node.items[key] = (Scalar(key, 1, 1, False), _node(item))
        return node
    if isinstance(value, list):
        return Sequence(1, 1, [_node(v) for v in value])
    if isinstance(value, bool):
        return Scalar("true" if value else "false", 1, 1, True)
    if isinstance(value, (int, float)):
        return Scalar(str(value), 1, 1, True)
    return Scalar(str(value), 1, 1, False)


def from_json(data: Json, label: str = "casefile.json") -> m.Dataset:
    """Read an export back through validation and linking; DataError if it is not valid."""
    if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
        raise DataError([Problem(label, 1, 1, "format", f"expected format {FORMAT} version "
                                 f"{FORMAT_VERSION}")])
    items: list[tuple[str, Any, str | None]] = [("themes", {"themes": data["themes"]}, None)]
    if data.get("vocabulary"):
        items.append(("vocabulary", data["vocabulary"], None))
    items += [("body", b, None) for b in data["bodies"]]
    items += [("person", p, None) for p in data["people"]]
    items += [("source", s, None) for s in data["sources"]]
    for case in data["cases"]:
        items.append(("case", {k: v for k, v in case.items() if k != "records"}, case["id"]))
        items += [("record", r, case["id"]) for r in case.get("records", [])]
    loaded, problems = [], []
    for kind, value, case_id in items:
        rec, found = validate(_node(value), FILE_KINDS[kind], label)
        problems += found
        if rec is not None:
            loaded.append(Loaded(kind, rec, None, case_id, clean=not found))
    ds = build_dataset(loaded, problems, set())  # each case's as_of and calendar: in it
    _restore_checks(data, ds)
    return ds


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """One CSV field (RFC 4180). Text a spreadsheet would run as a formula (it starts with
    = + - @ tab or CR) gets a leading apostrophe, as OWASP recommends; a field holding a
    comma, quote, CR or LF is quoted (the csv module leaves a lone CR bare)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    if any(char in text for char in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    return "".join(",".join(_cell(v) for v in row) + "\n" for row in [header, *rows])


def _ids(cites: list[m.Citation]) -> str:
    return " ".join(dict.fromkeys(c.source.id for c in cites))


def tables(cases: list[m.Case]) -> dict[str, str]:
    """CSV text for timeline, findings, assessments, deadlines, ratings and sources."""
    rows: dict[str, list[list[Any]]] = {k: [] for k in ("timeline", "findings", "assessments",
                                                        "deadlines", "ratings", "oversight")}
    used: dict[tuple[str, str], m.Source] = {}
    counts: dict[tuple[str, str], list[int]] = {}  # (case, source) → [quotes, checked]
    by_id = {c.id: c for c in cases}
    for c in cases:
        for r in c.records:
            rows["timeline"].append([c.id, r.id, r.date.iso(), _d(r.until) or "",
                                     _d(r.published) or "", r.after.id if r.after else "",
                                     r.type.value, r.title, r.body.id, r.summary, _ids(r.cites)])
            for f in r.findings:
                rows["findings"].append([c.id, f.id, r.id, r.date.iso(), f.theme.id, f.text,
                                         _ids(f.cites)])
            for a in r.assessments:
                rows["assessments"].append([c.id, r.id, r.date.iso(), a.finding.id,
                                            a.status.value, a.asserted_by.id, a.asserter.value,
                                            a.note, *_relayed_cells(a.relayed), _ids(a.cites)])
            rows["deadlines"] += [_deadline_row(c, q) for q in r.requirements]
            stated = {id(x) for st in r.statements for x in st.cites}
            for cite in _all(r):
                used[c.id, cite.source.id] = cite.source
                if cite.quote or id(cite) in stated:
                    _count(counts, (c.id, cite.source.id), cite.checked)
        for cite in c.cites + [x for money in c.money for x in money.cites]:
            used[c.id, cite.source.id] = cite.source
            if cite.quote:
                _count(counts, (c.id, cite.source.id), cite.checked)
        rows["ratings"] += [_rating_row(c, x) for x in ratings(c)]
        rows["oversight"] += [_oversight_row(c, p) for t in tracks(c, c.as_of) for p in t.periods]
    return {
        "timeline": _csv(["case", "record", "date", "until", "published", "after", "type",
                          "title", "body", "summary", "sources"], rows["timeline"]),
        "findings": _csv(["case", "finding", "raised_by", "raised_date", "theme", "text",
                          "sources"], rows["findings"]),
        "assessments": _csv(["case", "record", "record_date", "finding", "status",
                             "asserted_by", "asserter", "note", "relayed_by",
                             "relayed_grades", "shown_as", "sources"], rows["assessments"]),
        "deadlines": _csv(["case", "requirement", "set_by", "text", "due_from", "due_until",
                           "as_written", "outcome", "explanation", "records_outcome",
                           "reported_outcome", "reported_by", "reported_relayed_by",
                           "reported_relayed_grades", "reported_shown_as", "sources", "as_of",
                           "jurisdiction"], rows["deadlines"]),
        "ratings": _csv(["case", "record", "date", "body", "area", "grade", "grade_label",
                         "compared_with_record", "change", "relayed_by", "relayed_grades",
                         "sources"], rows["ratings"]),
        "oversight": _csv(["case", "record", "announced", "effective", "framework", "overseer",
                           "body", "service", "level", "level_label", "previous_level",
                           "change", "in_effect", "sources"], rows["oversight"]),
        "sources": _csv(["case", "source", "title", "publisher", "kind", "published",
                         "evidence_grade", "second_hand", "original", "url", "archive_url",
                         "copy_file", "copy_sha256", "copy_format", "licence", "publish_copy",
                         "quotes", "quotes_checked"],
                        [_source_row(by_id[cid], s) + counts.get((cid, s.id), [0, 0])
                         for (cid, _), s in sorted(used.items())]),
    }


def _count(counts: dict[tuple[str, str], list[int]], key: tuple[str, str], checked: bool
           ) -> None:
    """One more quote of a source in a case (and one more checked, if it was)."""
    tally = counts.setdefault(key, [0, 0])
    tally[0] += 1
    tally[1] += checked


def _source_row(c: m.Case, s: m.Source) -> list[Any]:
    copy = s.copy
    return [c.id, s.id, s.display_title, s.publisher.id if s.publisher else "", s.kind,
            _d(s.published) or "", who.grade(s, c).value, "yes" if s.second_hand else "",
            s.original.id if s.original else "", s.url or "", s.archive_url or "",
            copy.file if copy else "", copy.sha256 if copy else "", copy.format if copy else "",
            s.licence or "", "yes" if s.publish_copy else ""]


def _due_words(due: m.Due | None) -> str:
    """A deadline as the source words it: the editor's note of its wording, else the words
    written in its date ("by the end of autumn 2022", "immediately")."""
    if due is None:
        return ""
    return due.as_written or due.words or (due.date.words if due.date else None) or ""


def _deadline_row(c: m.Case, q: m.Requirement) -> list[Any]:
    window, outcome, reported = due_window(q), q.outcome, q.reported
    records = outcome.records_term or outcome.term if outcome else None
    return [c.id, q.id, q.record.id, q.text, window[0].isoformat() if window else "",
            window[1].isoformat() if window else "",
            _due_words(q.due), outcome.term.value if outcome else "",
            outcome.explanation if outcome else "",
            records.value if records else "", reported.outcome.value if reported else "",
            reported.by.id if reported else "",
            *_relayed_cells(reported.relayed if reported else None),
            _ids(q.cites + (reported.cites if reported else [])),
            c.as_of.isoformat() if c.as_of else "", c.jurisdiction]


def _rating_row(c: m.Case, row: RatingRow) -> list[Any]:
    x, before = row.rating, row.previous
    return [c.id, x.record.id, x.record.date.iso(), x.by.id, x.area or "", x.grade.value,
            x.grade.label, before.record.id if before else "", row.change,
            *_relayed_cells(x.relayed)[:2], _ids(x.cites)]


def _oversight_row(c: m.Case, p: Period) -> list[Any]:
    o = p.change
    return [c.id, o.record.id, o.record.date.iso(), o.effective.iso(), o.framework.id,
            o.framework.overseer, o.body.id, o.service or "", o.level.value, o.level.label,
            p.previous.value if p.previous else "", p.direction,
            "no" if p.upcoming else "yes", _ids(o.cites)]


def _all(r: m.Record) -> list[m.Citation]:
    return r.cites + [c for f in r.findings for c in f.cites] + r.part_cites()


def dump(data: Json) -> str:
    import json

    # compact separators keep json's C encoder (indent= would fall back to pure Python)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def files(ds: m.Dataset) -> dict[str, str]:
    """Every open-data file, by its path in the site (under data/)."""
    return dict(each_file(ds))


def each_file(ds: m.Dataset) -> Iterator[tuple[str, str]]:
    """Every open-data file as (path in the site, text), one at a time: a 1,000-case site
    has 7,000 of them, and the build writes each as it comes instead of holding them all."""
    from casefile.outputs.jsonschema import file_schema

    yield "data/casefile.json", dump(to_json(ds))
    yield from ((f"data/{name}.csv", text)
                for name, text in tables(list(ds.cases.values())).items())
    for cid, case in ds.cases.items():
        yield f"data/cases/{cid}.json", dump(to_json(ds, [cid]))
        yield from ((f"data/cases/{cid}/{name}.csv", text)
                    for name, text in tables([case]).items())
    for kind in FILE_KINDS:
        yield f"data/schema/{kind}.schema.json", dump(file_schema(kind, ds.site_terms))


TABLES = ("timeline", "findings", "assessments", "deadlines", "ratings", "oversight", "sources")
