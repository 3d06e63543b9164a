"""``casefile import recommendations FILE --record ID``: a table of recommendations (CSV with
a header row, or a JSON list of objects) appended to a record's ``findings:`` as
``kind: recommendation`` entries, each citing its source with its text as the quotation.

Every bad row is reported (``FILE:LINE:COL: column NAME: what is wrong, and what would be
right``; CSV lines are the file's physical lines and COL where the cell starts, a JSON
item's line is where it starts, with no column number) and nothing is written unless all
are good. The record's text is appended to, never rewritten; then the whole data set is
checked, and the file put back as it was if the check fails, each problem in a new entry
told against its row and column (``recs.csv:2:7: column text: the check said: …``).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casefile.commands.import_read import COLUMNS, Row, read_rows
from casefile.errors import DataError, Problem, printable
from casefile.reading.validate import suggest

__all__ = ["COLUMNS", "Known", "Outcome", "Row", "checked", "cmd_import", "entries", "entry"]


@dataclass
class Known:
    """What the data set already holds that the rows must agree with."""

    themes: tuple[str, ...]
    bodies: tuple[str, ...]
    ids: set[str]  # every id in use anywhere in the data set
    numbers: dict[str, str]  # the record's findings' numbers → where each is
    record_file: str


@dataclass
class Outcome:
    entries: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)  # the row of each entry


def _at(name: str, row: Row, column: str) -> str:
    """Where a problem with a row's ``column`` is: ``recs.csv:4:23: column theme``, or
    without a column number where the file does not show the cell (JSON, or no column)."""
    if column in row.cells:
        line, col = row.cells[column]
        return f"{name}:{line}:{col}: column {column}"
    return f"{name}:{row.line}: column {column}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _number_and_id(name: str, row: Row, known: Known, prefix: str,
                   seen: dict[str, int]) -> tuple[str, list[str]]:
    """The row's id (given, or PREFIX-NUMBER), and what is wrong with it or its number:
    missing, given twice in the file, or already in the record or the data set. An id made
    from a number is not reported again when the number is: one mistake, one message."""
    v = row.values
    number, errors = v.get("number", ""), []
    at = _at(name, row, "number")
    if not number:
        errors.append(f"{at}: no number; give the source's own number for it, e.g. 12")
    elif f"n:{number}" in seen:
        errors.append(f"{at}: number '{number}' is already given at line {seen[f'n:{number}']}"
                      "; each recommendation needs its own number")
    elif number in known.numbers:
        errors.append(f"{at}: number '{number}' is already in the record "
                      f"({known.numbers[number]}); import only new recommendations")
    given = bool(v.get("id"))
    ident = v.get("id") or (f"{prefix}-{slug(number)}" if number else "")
    if errors and not given:
        return ident, errors
    at = _at(name, row, "id") if given else \
        f"{_at(name, row, 'number')}: the id made from it, '{ident}',"
    if ident and f"i:{ident}" in seen:
        errors.append(f"{at}: id '{ident}' is already given at line {seen[f'i:{ident}']}; "
                      "give each row its own id" if given else
                      f"{at} is already given at line {seen[f'i:{ident}']}; give each row "
                      "its own id in an id column")
    elif ident in known.ids:
        errors.append(f"{at}: id '{ident}' is already used in the data set; give another in "
                      "an id column (never overwritten)" if given else
                      f"{at} is already used in the data set; give another in an id column "
                      "(never overwritten)")
    elif ident and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident):
        errors.append(f"{_at(name, row, 'id' if given else 'number')}: id '{ident}' is not an "
                      "id; use lower-case letters, digits and single hyphens, e.g. "
                      "inquiry-2024-rec-12")
    return ident, errors


def _bodies(name: str, row: Row, known: Known) -> tuple[list[str], list[str]]:
    """The bodies a row is addressed to, each named once and known to the data set."""
    bodies, errors = [], []
    at = _at(name, row, "directed_at")
    for body in (b.strip() for b in row.values.get("directed_at", "").split(";")):
        if not body:
            continue
        if body in bodies:
            errors.append(f"{at}: body '{body}' is named twice; name each body the source "
                          "addresses once")
            continue
        bodies.append(body)
        if body not in known.bodies:
            errors.append(f"{at}: no body with id '{body}'{suggest(body, known.bodies)}; "
                          "directed_at lists body ids (data/bodies/), separated by ';'")
    return bodies, errors


def _theme(name: str, row: Row, known: Known, default_theme: str | None
           ) -> tuple[str, list[str]]:
    """The row's theme, or what is wrong with it."""
    theme = row.values.get("theme") or default_theme or ""
    at = _at(name, row, "theme")
    if not theme:
        return theme, [f"{at}: no theme; add a theme column or give --theme"]
    if theme not in known.themes:
        where = at if row.values.get("theme") else f"{name}:{row.line}: --theme"
        return theme, [f"{where}: no theme with id '{theme}'{suggest(theme, known.themes)} "
                       "(themes are listed in data/themes.yml)"]
    return theme, []


def entry(name: str, row: Row, known: Known, args: argparse.Namespace,
          seen: dict[str, int]) -> tuple[dict[str, Any] | None, list[str]]:
    """One row as a finding entry, or the row's problems, each naming its column."""
    v = row.values
    text, number = v.get("text", ""), v.get("number", "")
    errors = [] if text else [f"{_at(name, row, 'text')}: no text; give the recommendation's "
                              "words exactly as the source prints them"]
    ident, found = _number_and_id(name, row, known, args.prefix, seen)
    theme, wrong_theme = _theme(name, row, known, args.theme)
    bodies, wrong_bodies = _bodies(name, row, known)
    errors += found + wrong_theme + wrong_bodies
    seen.setdefault(f"n:{number}", row.line)
    seen.setdefault(f"i:{ident}", row.line)
    if errors:
        return None, errors
    made: dict[str, Any] = {"id": ident, "theme": theme, "kind": "recommendation",
                            "number": number}
    if v.get("paragraph"):
        made["paragraph"] = v["paragraph"]
    made["text"] = text
    if bodies:
        made["directed_at"] = bodies
    made["cite"] = [{"source": args.source, "quote": text}]
    return made, []


def entries(path: Path, name: str, known: Known, args: argparse.Namespace) -> Outcome:
    rows, errors = read_rows(path, name)
    out, seen = Outcome(errors=errors), {}
    for row in rows:
        made, problems = entry(name, row, known, args, seen)
        out.errors += problems
        if made is not None:
            out.entries.append(made)
            out.rows.append(row)
    if not rows and not out.errors:
        out.errors.append(f"{name}:1: no rows; nothing to import")
    return out


# The entry's key a problem found after writing is about → the column it came from
# ("cite": the quotation is the text); an id made from the number is the number's.
FROM_COLUMN = {"number": "number", "paragraph": "paragraph", "text": "text", "cite": "text",
               "directed_at": "directed_at", "theme": "theme"}


def checked(name: str, row: Row, problem: Problem) -> str:
    """A problem the check found in a new entry, told against the row it came from (the
    entry is gone from the record, put back as it was): ``recs.csv:2:7: column text: the
    check said: …``."""
    key = re.match(r"findings\[\d+\]\.([a-z_]+)", problem.path)
    column = FROM_COLUMN.get(key.group(1)) if key else None
    if key and key.group(1) == "id":
        column = "id" if row.values.get("id") else "number"
    at = _at(name, row, column) if column else f"{name}:{row.line}"
    return f"{at}: the check said: {problem.message}"


def _write(path: Path, text: str) -> None:
    """Replace the file in one step (a killed import leaves it whole)."""
    temp = path.with_name(f".{path.name}.import-{os.getpid()}")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def cmd_import(args: argparse.Namespace) -> int:
    from casefile.commands.import_target import TargetError, apply, known_for

    try:
        known, target, args.source, args.prefix = known_for(args)
    except TargetError as exc:
        print(f"casefile import: {printable(str(exc))}", file=sys.stderr)
        return 1
    except DataError as exc:
        print(exc.report().replace("nothing was built", "fix these first; nothing was "
                                   "imported"), file=sys.stderr)
        return 1
    name = printable(args.file)
    out = entries(Path(args.file), name, known, args)
    if out.errors:
        print("\n".join(printable(e) for e in out.errors), file=sys.stderr)
        print(f"casefile import: {len(out.errors)} problem"
              f"{'s' if len(out.errors) != 1 else ''} found; nothing was written",
              file=sys.stderr)
        return 1
    try:
        apply(args, target, out.entries, _write)
    except TargetError as exc:
        print(f"casefile import: {printable(str(exc))}", file=sys.stderr)
        if exc.found:
            print("\n".join(printable(p if i is None else checked(name, out.rows[i], p))
                            for i, p in exc.found), file=sys.stderr)
            print("casefile import: the record is back as it was; nothing was written",
                  file=sys.stderr)
        return 1
    count = len(out.entries)
    print(f"casefile import: added {count} recommendation{'s' if count != 1 else ''} to "
          f"{known.record_file}")
    return 0
