"""Stage 3, dates of events: an event over a period (``date`` … ``until``), the order of
events the sources date only to the same month or year (``after``), and dates that
cannot be right because they are after the day of the build."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from casefile import model as m
from casefile.buildinfo import build_day
from casefile.dates import PartialDate, human_day
from casefile.validate import Rec

if TYPE_CHECKING:
    from casefile.link import Linker

_DATED = ("date", "until", "published")


def event_end(linker: Linker, rec: Rec) -> PartialDate | None:
    """The record's ``until``, checked against its ``date``; dates after the build's day
    are reported here too, since every record passes through."""
    _not_in_future(linker, rec, build_day())
    date, until = rec.get("date"), rec.get("until")
    if until is None or date is None:
        return None
    if until.latest < date.earliest:
        linker.fail(rec.where("until"), f"the event cannot end ({until.human()}) before it "
                    f"starts ({date.human()}); until must be on or after date")
        return None
    return until


def _not_in_future(linker: Linker, rec: Rec, today: dt.date) -> None:
    for key in _DATED:
        when = rec.get(key)
        if isinstance(when, PartialDate) and when.earliest > today:
            linker.fail(rec.where(key), f"{when.human()} is in the future: this build is "
                        f"dated {human_day(today)}; check the year, or add the record once it "
                        "has happened")


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
