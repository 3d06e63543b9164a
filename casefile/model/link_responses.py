"""Stage 3 continued, once every record's findings and requirements are linked: each
record's ``responses:`` (to a finding or requirement of an earlier record of its case) and
its duty to respond (``respond:``, or its type's default period), with located errors."""

from __future__ import annotations

from casefile.model import objects as m
from casefile.model import vocab
from casefile.model.link import Linker
from casefile.model.link_records import ELSEWHERE, OutOfOrder, in_order, other_record
from casefile.model.responses import Answerable, items
from casefile.reading.validate import Rec, suggest


def link_responses(linker: Linker, record: m.Record, rec: Rec,
                   answerable: dict[str, Answerable | None], clean: bool = True) -> None:
    """The record's duty to respond, then its responses; ``answerable``: every finding and
    requirement of the data set by id (``answerable_items``), once every record is linked;
    ``clean``: the file had no problem in validation (else a field it dropped, such as an
    invalid date, is not reported again as missing)."""
    _duty(linker, record, rec, clean)
    _answers_record(linker, record, rec)
    for item in linker.items(rec, "responses"):
        _response(linker, record, item, answerable)


def answerable_items(linker: Linker, recs: list[Rec]) -> dict[str, Answerable | None]:
    """Every finding and requirement by id (ids are unique across the data set); None for
    one written in ``recs`` (the record files) that could not be linked, whose problem is
    reported where it is written."""
    written: dict[str, Answerable | None] = {
        str(x["id"]): None for rec in recs for key in ("findings", "requirements")
        for x in linker.items(rec, key) if isinstance(x.get("id"), str)}
    return written | {item.id: item for case in linker.cases.values() for r in case.records
                      for item in items(r)}


def _response(linker: Linker, record: m.Record, item: Rec,
              answerable: dict[str, Answerable | None]) -> None:
    to, loc = item.get("to"), item.where("to")
    target = answerable.get(to) if to else None
    if to and to not in answerable:
        linker.fail(loc, f"no finding or requirement with id '{to}'"
                    f"{suggest(to, tuple(k for k, v in answerable.items() if v))}")
        return
    by = linker.ref(item, "by", linker.bodies, "body") if item.get("by") else record.body
    status = linker.term(item, "status", "response_statuses")
    if target is None or by is None or status is None or not _answers(linker, record, item,
                                                                      target):
        return
    if any(r.to is target and r.by is by for r in record.responses):
        linker.fail(loc, f"this record already gives {by.name}'s response to '{target.id}'; "
                    "give one response per body, with several citations if needed")
        return
    response = m.Response(target, status, by, item.get("note"), linker.cites(item), record)
    record.responses.append(response)
    target.responses.append(response)


def _answers(linker: Linker, record: m.Record, item: Rec, target: Answerable) -> bool:
    """A response answers an item of an earlier record of its own case, never its own."""
    return in_order(linker, item.where("to"), record, target.record, OutOfOrder(
        "a record cannot respond to its own '{id}'",
        "'{id}' belongs to case '{case}', not '{own_case}'; a response answers a record of its "
        "own case", "this response is dated {own}, before the record it answers ({other}, "
        "record '{record}'): check the date in the source"), later=False, name=target.id)


def _answers_record(linker: Linker, record: m.Record, rec: Rec) -> None:
    """``answers:``: the earlier record of the same case this record is its body's reply
    to, as a whole (it meets the body's duty to respond, with or without statuses)."""
    if rec.get("answers") is None:
        return
    record.answers = other_record(linker, record, rec, "answers", OutOfOrder(
        "a record cannot answer itself; name the report this record replies to",
        ELSEWHERE + "; a reply answers a record of its own case", "this reply is dated "
        "{own}, before the record it answers ('{id}', {other}): a reply answers an earlier "
        "report; check the date in the source"), later=False)


def _duty(linker: Linker, record: m.Record, rec: Rec, clean: bool) -> None:
    """``respond:``: the bodies that must respond and by when; the period is the record's
    own (a date, or within/unit/from) or else its type's (vocab.default_duty: a built-in
    type's, or the one data/vocabulary.yml gives a site's own type)."""
    given = rec.get("respond")
    if not given:
        return
    bodies = [linker.lookup(v, given.where("by"), linker.bodies, "body")
              for v in given.get("by") or [] if v]
    if not bodies or None in bodies:
        return
    default = vocab.default_duty(record.type)
    date, within = given.get("date"), given.get("within")
    loc = given.where("date" if date is not None else "within" if within else "by")
    if date is not None and within is not None:
        linker.fail(loc, "give either date or within, unit and from, not both")
        return
    if date is None and within is None and default is None:
        if not clean or (isinstance(record.type, vocab.RecordType) and record.type.refused):
            return  # a date or period given but invalid: reported where it is written
        linker.fail(loc, f"give when responses are due: date, or within, unit and from (a "
                    f"'{record.type.value}' record carries no period of its own)")
        return
    if len({b.id for b in bodies if b}) < len(bodies):
        linker.fail(given.where("by"), "each body that must respond is named once")
        return
    if date is not None and record.date is not None and date.latest < record.date.earliest:
        linker.fail(loc, f"responses are due {date.human()}, before the record that sets the "
                    f"duty ({record.date.human()}); a reply can only follow the report: check "
                    "the date in the source")
        return
    if not _items_to_answer(linker, record, rec):
        return
    from_type = date is None and within is None
    if from_type:
        assert default is not None
        within, unit, start = default
    else:
        unit, start = given.get("unit"), given.get("from")
    due = m.Due(date, within, unit, start, given.get("as_written"), None)
    record.duty = m.Duty(due, [b for b in bodies if b], record, from_type)


def _items_to_answer(linker: Linker, record: m.Record, rec: Rec) -> bool:
    """Whether the record raises anything to answer (any that failed to link were reported
    where they are written)."""
    if items(record) or rec.get("findings") or rec.get("requirements"):
        return True
    linker.fail(rec["respond"].where("by"), "this record sets a duty to respond but raises "
                "no finding or requirement that a response could answer; add them, or remove "
                "respond")
    return False
