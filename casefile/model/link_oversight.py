"""Stage 3 for oversight: a site's own frameworks (data/vocabulary.yml) and the moves
between levels that records announce, each checked with a located message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casefile.model import objects as m
from casefile.model import oversight
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
    service = item.get("service")
    key = (found.id, body.id, (service or "").casefold())
    if any((o.framework.id, o.body.id, (o.service or "").casefold()) == key
           for o in record.oversight):
        linker.fail(item.where("framework"), f"this record already moves {body.name}"
                    f"{f' ({service})' if service else ''} under {found.name}; give one "
                    "move per body and service, with several citations if needed")
        return
    effective = item.get("effective")
    record.oversight.append(m.OversightChange(
        found, level, body, service, effective or record.date, effective is not None,
        linker.cites(item), record, len(record.oversight)))


def _not_a_level(value: str, framework: oversight.Framework) -> str:
    levels = ", ".join(f"'{lv.value}' for {lv.label}" for lv in framework.as_written)
    wanted = value.strip().replace(" ", "_").replace("-", "_").casefold()
    named = [lv for lv in framework.levels
             if wanted == lv.value or value.strip().casefold() == lv.label.casefold()]
    hint = (f"; for {named[0].label}, write '{named[0].value}'" if named
            else suggest(value, tuple(lv.value for lv in framework.levels)))
    return f"'{value}' is not a level of {framework.name}{hint} (its levels: {levels})"
