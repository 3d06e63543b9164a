"""Open data read back: a data set's JSON file (``casefile.outputs.opendata_dataset``)
through the same validation and linking as the YAML files. Values under ``derived`` keys
are recomputed, except what the export says of each quote's check, which is kept.
"""

from __future__ import annotations

from typing import Any

from casefile.errors import DataError, Problem
from casefile.model import objects as m
from casefile.model.link import Loaded
from casefile.outputs import opendata_json
from casefile.outputs.opendata_dataset import FORMAT, FORMAT_VERSION, to_json
from casefile.outputs.opendata_json import Json
from casefile.pipeline import build_dataset
from casefile.reading.load import Mapping, Node, Scalar, Sequence
from casefile.reading.schema import FILE_KINDS
from casefile.reading.validate import validate


def _restore_checks(data: Json, ds: m.Dataset) -> None:
    """What an export says of each quote's check, kept on import: the stored copies are
    not in it, so the check cannot be made again. The export is matched with the imported
    data set's own export, item by item."""
    made: dict[int, m.Citation] = {}
    opendata_json.trace(made)
    try:
        again = to_json(ds)
    finally:
        opendata_json.trace(None)
    stack: list[tuple[Any, Any]] = [(again, data)]
    while stack:
        mine, given = stack.pop()
        if isinstance(mine, dict) and isinstance(given, dict):
            cite = made.get(id(mine))
            if cite is not None and given.get("source") == cite.source.id:
                derived = given.get("derived") or {}
                cite.checked = derived.get("checked") is True
                found = derived.get("found_at")
                cite.found_at = found if cite.checked and isinstance(found, str) else None
            stack += [(mine[k], given[k]) for k in mine if k in given]
        elif isinstance(mine, list) and isinstance(given, list):
            stack += list(zip(mine, given, strict=False))


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
    if data.get("indicators"):
        items.append(("indicators", {"indicators": data["indicators"]}, None))
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
