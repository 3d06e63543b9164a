"""Reading the table ``casefile import recommendations`` takes: a CSV file with a header row
(each row located by its first physical line, each cell by where it starts) or a JSON list
of objects (each located by the line it starts on), with the problems of its header or keys
and of rows that cannot be read."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casefile.reading.validate import suggest

COLUMNS = ("number", "paragraph", "text", "directed_at", "theme", "id")
REQUIRED = ("number", "paragraph", "text", "directed_at")


@dataclass
class Row:
    line: int
    values: dict[str, str]
    # where each column's cell starts (line, column: both 1-based), where the file shows it
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)


def cell_starts(raw: str, line: int) -> list[tuple[int, int]]:
    """Where each cell of one CSV row starts, (line, column), in ``raw``: the row's
    physical lines, the first of them line ``line`` (a quoted cell can hold line breaks)."""
    out, quoted, start, col = [(line, 1)], False, True, 1
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == '"' and start:
            quoted = True
        elif ch == '"' and quoted:
            if raw[i + 1:i + 2] == '"':
                i, col = i + 1, col + 1
            else:
                quoted = False
        elif ch == "," and not quoted:
            out.append((line, col + 1))
        elif ch in "\r\n" and not quoted:
            break
        start = ch == "," and not quoted
        if ch == "\n":
            line, col = line + 1, 0
        i, col = i + 1, col + 1
    return out


def _cell(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, str)):
        return str(value).strip()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ";".join(value)
    return None


def _columns(name: str, line: int, keys: list[str]) -> list[str]:
    """Problems with a header (or a JSON item's keys): unknown or missing columns."""
    errors = []
    for key in keys:
        if key not in COLUMNS:
            errors.append(f"{name}:{line}: unknown column '{key}'{suggest(key, COLUMNS)}; "
                          f"the columns are {', '.join(COLUMNS)} (theme and id optional)")
    missing = [k for k in REQUIRED if k not in keys]
    if missing:
        errors.append(f"{name}:{line}: no column {', '.join(repr(k) for k in missing)}; "
                      f"the columns are {', '.join(COLUMNS)} (theme and id optional)")
    return errors


def read_csv(name: str, text: str) -> tuple[list[Row], list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[Row] = []
    errors: list[str] = []
    header: list[str] | None = None
    end = 0
    physical = io.StringIO(text, newline="").readlines()
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip() for c in cells]
                errors = _columns(name, start, header)
                if errors:
                    return [], errors
                continue
            if len(cells) != len(header):
                errors.append(f"{name}:{start}: {len(cells)} cells where the header has "
                              f"{len(header)}; put a cell that holds a comma in double "
                              "quotes")
                continue
            starts = cell_starts("".join(physical[start - 1:end]), start)
            rows.append(Row(start, {k: v.strip() for k, v in zip(header, cells, strict=True)},
                            dict(zip(header, starts, strict=False))))
    except csv.Error as exc:
        return rows, [*errors, f"{name}:{reader.line_num}: {exc}; check the quotes on this "
                      "line"]
    if header is None:
        errors.append(f"{name}:1: empty file; the first line names the columns: "
                      f"{', '.join(REQUIRED)}")
    return rows, errors


def read_json(name: str, text: str) -> tuple[list[Row], list[str]]:
    decoder, rows, errors = json.JSONDecoder(), [], []
    at = len(text) - len(text.lstrip())
    if not text.startswith("[", at):
        return [], [f"{name}:1: expected a JSON list of objects, one per recommendation"]
    at += 1
    while True:
        at += len(text[at:]) - len(text[at:].lstrip(" \t\r\n,"))
        if text.startswith("]", at) or at >= len(text):
            return rows, errors
        line = text.count("\n", 0, at) + 1
        try:
            item, at = decoder.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            return rows, [*errors, f"{name}:{exc.lineno}: {exc.msg}; the file must be JSON"]
        if not isinstance(item, dict):
            errors.append(f"{name}:{line}: expected an object with keys "
                          f"{', '.join(REQUIRED)}")
            continue
        found = _columns(name, line, list(item))
        values = {k: _cell(v) for k, v in item.items() if k in COLUMNS}
        bad = [k for k, v in values.items() if v is None]
        found += [f"{name}:{line}: column {k}: must be text (or a list of body ids for "
                  "directed_at)" for k in bad]
        errors += found
        if not found:
            rows.append(Row(line, {k: v for k, v in values.items() if v is not None}))


def read_rows(path: Path, name: str) -> tuple[list[Row], list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [f"{name}:1: cannot read it ({exc}); give a UTF-8 CSV or JSON file"]
    if path.suffix.lower() == ".json":
        return read_json(name, text)
    return read_csv(name, text)
