"""Stage 3 for oversight: a site's own frameworks (data/vocabulary.yml) and the moves
between levels that records announce, each checked with a located message."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from casefile.model import objects as m
from casefile.model import oversight, who
from casefile.model.link_dates import in_record_order
from casefile.model.oversight_history import track_key, track_of
from casefile.reading.validate import Rec, suggest

if TYPE_CHECKING:
    from casefile.model.link import Linker


def add_frameworks(linker: Linker, rec: Rec) -> None:
    """The site's own oversight frameworks, under oversight_frameworks:."""
    for item in linker.items(rec, "oversight_frameworks"):
        ident = item.get("id")
        if ident in oversight.BUILT_IN:
            linker.fail(item.where("id"), f"'{ident}' is already a built-in oversight "
                        "framework; use it as it is, or choose another id")
            continue
        if ident in linker.site_frameworks:
            linker.fail(item.where("id"), f"oversight framework '{ident}' is given twice")
            continue
        rows = _levels(linker, item)
        if ident and rows is not None:
            linker.site_frameworks[ident] = oversight.framework(
                ident, item["name"], item["overseer"], item.get("description") or "", rows,
                item["most_serious"], built_in=False)


def _levels(linker: Linker, item: Rec) -> list[tuple[str, str, str]] | None:
    rows: list[tuple[str, str, str]] = []
    for level in linker.items(item, "levels"):
        value = level.get("value")
        if any(value == row[0] for row in rows):
            linker.fail(level.where("value"), f"level '{value}' is given twice; each level "
                        "of the framework needs its own value")
            return None
        rows.append((value, level["label"], level.get("description") or ""))
    return rows


def link_oversight(linker: Linker, record: m.Record, item: Rec) -> None:
    """One move of a record's ``oversight:`` list."""
    frameworks = oversight.with_site(linker.site_frameworks)
    ident = item.get("framework")
    found = frameworks.get(ident or "")
    if found is None:
        linker.fail(item.where("framework"), f"no oversight framework '{ident}'"
                    f"{suggest(ident or '', tuple(frameworks))} (built in: "
                    f"{', '.join(oversight.BUILT_IN)}; a site adds its own under "
                    "oversight_frameworks in data/vocabulary.yml)")
        return
    level = found.level(item.get("level") or "")
    if level is None:
        linker.fail(item.where("level"), _not_a_level(item.get("level") or "", found))
        return
    body = linker.ref(item, "body", linker.bodies, "body") if item.get("body") else \
        record.case.subject
    if body is None:
        return
    if who.relation(body, record.case) != "self":
        linker.fail(item.where("body"), f"'{body.id}' is not a subject or partner of case "
                    f"'{record.case.id}', nor part of one; a move concerns a body the case "
                    "is about: name one of them, or add this body to the case's subject or "
                    "partners")
        return
    service = item.get("service")
    key = track_of(found.id, body.id, service)
    if any(track_key(o) == key for o in record.oversight):
        linker.fail(item.where("framework"), f"this record already moves {body.name}"
                    f"{f' ({service})' if service else ''} under {found.name}; give one "
                    "move per body and service, with several citations if needed")
        return
    effective = item.get("effective")
    record.oversight.append(m.OversightChange(
        found, level, body, service, effective or record.date, effective is not None,
        linker.cites(item), record, len(record.oversight)))
    linker.move_items[id(record.oversight[-1])] = item


def check_move_order(linker: Linker, case_rec: Rec) -> None:
    """Within one body, service and framework, the order of a case's moves must be known
    (from their days, or ``after``), and a move announced later may not take effect before
    one announced earlier: otherwise the current level shown would depend on file names,
    or a backdated move would hide the latest announcement."""
    case = linker.cases.get(case_rec.get("id") or "")
    if case is None or any(r.date is None for r in case.records):
        return  # a record without a valid date has its own message; order is unknown
    tracks: dict[tuple[str, str, str], list[m.OversightChange]] = {}
    for record in in_record_order(case.records):
        for move in record.oversight:
            tracks.setdefault(track_key(move), []).append(move)
    for moves in tracks.values():
        for earlier, later in pairwise(moves):
            message = _order_problem(earlier, later)
            if message:
                item = linker.move_items[id(later)]
                linker.fail(item.where("effective" if later.effective_given else "level"),
                            message)


def _order_problem(earlier: m.OversightChange, later: m.OversightChange) -> str | None:
    first, then = earlier.effective, later.effective
    what = f"the move to {earlier.level.label} in record '{earlier.record.id}'"
    if _announced_before(earlier.record, later.record):
        if then.latest < first.earliest:
            return (f"this move takes effect {then.human()}, before {what} (in effect from "
                    f"{first.human()}), which was announced earlier; a level announced later "
                    "cannot start first: check the effective date")
        return None
    if first.latest < then.earliest or then.latest < first.earliest:
        return None  # their own days give the order
    return (f"the order of this move and {what} cannot be told: both records and both "
            f"moves are dated {then.human()}; give the day, or name the earlier record in "
            "this record's 'after'")


def _announced_before(a: m.Record, b: m.Record) -> bool:
    """``a`` was announced before ``b``: by its date, or by ``b``'s chain of ``after``."""
    if a.date.latest < b.date.earliest:
        return True
    seen, step = set(), b.after
    while step is not None and id(step) not in seen:
        if step is a:
            return True
        seen.add(id(step))
        step = step.after
    return False


def _not_a_level(value: str, framework: oversight.Framework) -> str:
    levels = ", ".join(f"'{lv.value}' for {lv.label}" for lv in framework.as_written)
    wanted = value.strip().replace(" ", "_").replace("-", "_").casefold()
    named = [lv for lv in framework.levels
             if wanted == lv.value or value.strip().casefold() == lv.label.casefold()]
    hint = (f"; for {named[0].label}, write '{named[0].value}'" if named
            else suggest(value, tuple(lv.value for lv in framework.levels)))
    return f"'{value}' is not a level of {framework.name}{hint} (its levels: {levels})"
