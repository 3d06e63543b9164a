"""The record ``casefile import`` adds to: found in the checked data set, appended to by
editing its text (``yaml_append``), checked again, and put back if that check fails."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from casefile.commands.cli import project_jurisdiction, project_requires_copies
from casefile.commands.import_recs import Known
from casefile.commands.yaml_append import AppendError, append, entry_lines
from casefile.errors import DataError, Problem
from casefile.model import objects as m
from casefile.pipeline import load_dataset
from casefile.reading.load import parse_text
from casefile.reading.schema import FILE_KINDS
from casefile.reading.validate import Rec, suggest, validate


class TargetError(Exception):
    """The record cannot be imported into; the message says why and what to do, and
    ``found`` lists what the check found after writing (the record then put back), each
    problem with the index of the new entry it is in (None: elsewhere, located in the file
    as it is again)."""

    def __init__(self, message: str, found: list[tuple[int | None, Problem]] | None = None
                 ) -> None:
        super().__init__(message)
        self.found = found or []


@dataclass
class Spans:
    """Where the new entries are in the written file: each one's first and last line, and
    how many lines the writing added (a 'findings:' line included)."""

    record_file: str
    before: int  # entries of the list before the new ones
    lines: list[tuple[int, int]]
    added: int

    def place(self, problem: Problem) -> tuple[int | None, Problem]:
        """The new entry ``problem`` is in, or the problem located in the file as restored."""
        if problem.file != self.record_file:
            return None, problem
        index = re.match(r"findings\[(\d+)\]", problem.path)
        if index and int(index.group(1)) >= self.before:
            return int(index.group(1)) - self.before, problem
        for i, (first, last) in enumerate(self.lines):
            if first <= problem.line <= last:
                return i, problem
        if problem.line > self.lines[-1][1]:
            return None, replace(problem, line=problem.line - self.added)
        return None, problem


def _ids(value: Any, out: set[str]) -> None:
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            out.add(value["id"])
        for item in value.values():
            _ids(item, out)
    elif isinstance(value, list):
        for item in value:
            _ids(item, out)


def _record(ds: m.Dataset, wanted: str, data: Path) -> tuple[m.Record, Rec]:
    records = {r.id: r for c in ds.cases.values() for r in c.records}
    recs = {x.rec.get("id"): x.rec for x in ds.loaded if getattr(x, "kind", "") == "record"}
    path = Path(wanted)
    if path.is_file():
        for ident, rec in recs.items():
            if (data.parent / rec.loc.file).resolve() == path.resolve():
                return records[ident], rec
        raise TargetError(f"--record {wanted}: not a record file of {data}")
    if wanted in records:
        return records[wanted], recs[wanted]
    raise TargetError(f"--record {wanted}: no record with this id or file"
                      f"{suggest(wanted, tuple(records))}")


def known_for(args: argparse.Namespace) -> tuple[Known, tuple[Path, Rec, int], str, str]:
    """What the rows are checked against, the record (file, entry, number of findings),
    the source cited and the id prefix; DataError when the data set has problems."""
    data = Path(args.data).resolve()
    ds = load_dataset(data, jurisdiction=project_jurisdiction(data),
                      require=project_requires_copies(data))
    record, rec = _record(ds, args.record, data)
    source = args.source or (record.cites[0].source.id if record.cites else None)
    if source is None:
        raise TargetError(f"record '{record.id}' cites no source; give --source with the id "
                          "of the document the recommendations are quoted from")
    if source not in ds.sources:
        raise TargetError(f"--source {source}: no source with this id"
                          f"{suggest(source, tuple(ds.sources))}")
    ids: set[str] = set()
    for loaded in ds.loaded:
        _ids(getattr(loaded, "rec", None), ids)
    ids.update(ds.themes)
    numbers = {}
    for item in rec.get("findings") or []:
        if item and item.get("number") is not None:
            where = item.where("number")
            numbers[item["number"]] = f"{where.file}:{where.line}"
    known = Known(tuple(ds.themes), tuple(ds.bodies), ids, numbers, rec.loc.file)
    before = len([f for f in rec.get("findings") or [] if f])
    return known, (data.parent / rec.loc.file, rec, before), source, args.prefix or record.id


def _appended(path: Path, text: str, entries: list[dict[str, Any]], before: int
              ) -> tuple[str, list[tuple[int, int]]]:
    """The new text, after making sure it reads back as the old entries then the new, and
    each new entry's first and last line in it."""
    try:
        new = append(text, "findings", entries)
    except AppendError as exc:
        raise TargetError(f"{path}: cannot append to findings: {exc}") from exc
    node, problems = parse_text(new, str(path))
    rec, found = validate(node, FILE_KINDS["record"], str(path)) if node else (None, [])
    problems += found
    ids = [f.get("id") for f in (rec or {}).get("findings") or [] if f]
    if problems or ids[before:] != [e["id"] for e in entries]:
        shown = "; ".join(p.message for p in problems[:3]) or "not at the list's end"
        raise TargetError(f"{path}: the entries would not read back as written ({shown}); "
                          "nothing was written")
    assert rec is not None  # read back above
    items = rec["findings"][before:]
    return new, [(item.where("id").line, item.where("id").line + len(entry_lines(e, 0)) - 1)
                 for item, e in zip(items, entries, strict=True)]


def apply(args: argparse.Namespace, target: tuple[Path, Rec, int],
          entries: list[dict[str, Any]], write: Callable[[Path, str], None]) -> None:
    """Append, then check the whole data set; put the file back if the check fails."""
    path, rec, before = target
    old = path.read_text(encoding="utf-8")
    new, lines = _appended(path, old, entries, before)
    spans = Spans(rec.loc.file, before, lines, len(new.splitlines()) - len(old.splitlines()))
    write(path, new)
    data = Path(args.data).resolve()
    try:
        load_dataset(data, jurisdiction=project_jurisdiction(data),
                     require=project_requires_copies(data))
    except DataError as exc:
        write(path, old)
        raise TargetError("after adding the entries, the check found:",
                          [spans.place(p) for p in exc.problems]) from exc
