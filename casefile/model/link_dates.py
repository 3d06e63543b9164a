"""Stage 3, dates of events: an event over a period (``date`` … ``until``), the order of
events the sources date only to the same month or year (``after``), and dates that
cannot be right because they are after the day of the build."""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from casefile.buildinfo import build_day
from casefile.model import objects as m
from casefile.model.dates import PartialDate, human_day
from casefile.reading.validate import Rec

if TYPE_CHECKING:
    from casefile.model.link import Linker

def event_end(linker: Linker, rec: Rec) -> PartialDate | None:
    """The record's ``until``, checked against its ``date``; dates after the build's day
    are reported here too, since every record passes through."""
    not_in_future(linker, rec)
    date, until = rec.get("date"), rec.get("until")
    if until is None or date is None:
        return None
    if until.latest < date.earliest:
        linker.fail(rec.where("until"), f"the event cannot end ({until.human()}) before it "
                    f"starts ({date.human()}); until must be on or after date")
        return None
    return until


# Dates that may lie ahead of the build day: a deadline (``due``), and the day a level of
# oversight takes effect when it is announced in advance (``effective``).
FORWARD_LOOKING = frozenset({"due", "effective"})


def not_in_future(linker: Linker, rec: Rec, today: dt.date | None = None) -> None:
    """Report every date in ``rec``, at any depth (statements, corrections, money...),
    that is after the build's day, except those that look forward (FORWARD_LOOKING).
    A walk with a stack and exact type tests: it visits every value of every record."""
    today = today or build_day()
    stack = [rec]
    while stack:
        current = stack.pop()
        for key, value in current.items():
            kind = type(value)
            if kind is str or key in FORWARD_LOOKING:
                continue
            if kind is PartialDate:
                if value.earliest > today:
                    linker.fail(current.where(key), f"{value.human()} is in the future: this "
                                f"build is dated {human_day(today)}; check the year, or add "
                                "the record once it has happened")
            elif kind is list:
                stack.extend(item for item in value if isinstance(item, Rec))
            elif isinstance(value, Rec):
                stack.append(value)


def link_after(linker: Linker, rec: Rec) -> None:
    """Resolve ``after``: an earlier record of the same case that is not dated later."""
    record = linker.records.get(rec.get("id") or "")
    if record is None or rec.get("after") is None:
        return
    other = linker.ref(rec, "after", linker.records, "record")
    if other is None:
        return
    loc = rec.where("after")
    if other is record:
        linker.fail(loc, f"a record cannot come after itself; name the record '{record.id}' "
                    "followed")
    elif other.case is not record.case:
        linker.fail(loc, f"record '{other.id}' belongs to case '{other.case.id}', not "
                    f"'{record.case.id}'; after must name a record of the same case")
    elif record.date and other.date and record.date.latest < other.date.earliest:
        linker.fail(loc, f"this record is dated {record.date.human()}, before record "
                    f"'{other.id}' ({other.date.human()}) that it is said to come after")
    else:
        record.after = other


def break_loops(linker: Linker, recs: list[Rec]) -> None:
    """Report every record whose chain of ``after`` comes back to itself, and cut it."""
    looped: list[m.Record] = []
    for rec in recs:
        record = linker.records.get(rec.get("id") or "")
        chain = [record] if record is not None else []
        while chain and chain[-1].after is not None and len(chain) <= len(linker.records):
            chain.append(chain[-1].after)  # type: ignore[arg-type]
            if chain[-1] is record:
                path = " → ".join(r.id for r in chain)
                linker.fail(rec.where("after"), f"'after' goes round in a loop: {path}; one "
                            "of these records must not say it comes after another")
                looped.append(record)
                break
    for record in looped:
        record.after = None


def as_of_after_records(linker: Linker, rec: Rec) -> None:
    """A case's own ``as_of`` may not come before its records: outcomes "as of" a day
    must not rest on documents from after it."""
    case, day = linker.cases.get(rec.get("id") or ""), rec.get("as_of")
    if case is None or not isinstance(day, PartialDate) or day.precision != "day":
        return
    dated = [(d, r) for r in case.records for d in (r.date, r.published) if d]
    if not dated:
        return
    latest, record = max(dated, key=lambda pair: pair[0].earliest)
    if latest.earliest > day.earliest:
        linker.fail(rec.where("as_of"), f"{day.human()} is before record '{record.id}' "
                    f"({latest.human()}): outcomes as of that day cannot use it; remove as_of "
                    f"or give a day on or after {human_day(latest.earliest)}")


E = TypeVar("E")


def after_order(items: list[E], key: Callable[[E], Any],
                event_of: Callable[[E], m.Record | None]) -> list[E]:
    """``items`` sorted by ``key``, except that the event of a record comes after the event
    of the record it names in ``after`` (dates known only to the same month or year).
    ``event_of`` gives the record whose event an item is, or None (a publication)."""
    present = {id(r) for r in map(event_of, items) if r is not None}
    waiting: dict[int, list[E]] = {}  # id of an earlier record → items that must follow it
    ready: list[tuple[Any, int, E]] = []
    tick = itertools.count()
    for item in items:
        record = event_of(item)
        before = record.after if record is not None else None
        if before is not None and id(before) in present:
            waiting.setdefault(id(before), []).append(item)
        else:
            heapq.heappush(ready, (key(item), next(tick), item))
    out: list[E] = []
    while ready:
        item = heapq.heappop(ready)[2]
        out.append(item)
        record = event_of(item)
        for later in waiting.pop(id(record), []) if record is not None else []:
            heapq.heappush(ready, (key(later), next(tick), later))
    return out


def in_record_order(records: list[m.Record]) -> list[m.Record]:
    """Records by date (first possible day, then id), with ``after`` respected: the one
    order every view of a case uses."""
    return after_order(records, lambda r: (r.date.earliest, r.id), lambda r: r)
