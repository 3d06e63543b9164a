"""Open data: the validated model as JSON (schema field names, a format version) and CSV,
and the files the site holds under data/ (``each_file``).

``to_json`` writes the data in the same shape as the YAML files, so ``from_json`` reads it
back through the same validation and linking: a round trip gives an identical export.
Values computed by casefile sit under ``derived`` keys and are recomputed on import.

Each part is its own module, by what it writes: ``opendata_json`` (each item as JSON),
``opendata_dataset`` (a data set's JSON file), ``opendata_import`` (reading one back) and
``opendata_tables`` (the CSV tables). Their public names are re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from casefile.model import objects as m
from casefile.outputs.opendata_dataset import FORMAT, FORMAT_VERSION, dump, dump_parts, to_json
from casefile.outputs.opendata_import import from_json
from casefile.outputs.opendata_json import (
    Json,
    body_json,
    case_json,
    periods,
    person_json,
    record_json,
    source_json,
)
from casefile.outputs.opendata_tables import TABLES, _cell, _csv, tables
from casefile.reading.schema import FILE_KINDS

__all__ = ["FORMAT", "FORMAT_VERSION", "TABLES", "Json", "_cell", "_csv", "body_json",
           "case_json", "dump", "dump_parts", "each_file", "each_part", "files", "from_json",
           "joined", "periods", "person_json", "record_json", "source_json", "tables", "to_json"]


def files(ds: m.Dataset) -> dict[str, str]:
    """Every open-data file, by its path in the site (under data/)."""
    return dict(each_file(ds))


def each_file(ds: m.Dataset) -> Iterator[tuple[str, str]]:
    """``each_part`` with the pieces of the large file joined: every open-data file as
    (path in the site, text), one at a time."""
    return joined(each_part(ds))


def each_part(ds: m.Dataset) -> Iterator[tuple[str, str | Iterator[str]]]:
    """Every open-data file as (path in the site, text), one at a time (a 1,000-case site
    has 7,000 of them, and the build writes each as it comes instead of holding them all),
    with the whole data set's JSON (the one large file: 31 MB at 1000 synthetic cases) as
    an iterator of its pieces, to be written as they come."""
    yield "data/casefile.json", dump_parts(ds)
    yield from _after_the_whole(ds)


def joined(parts: Iterable[tuple[str, str | Iterator[str]]]) -> Iterator[tuple[str, str]]:
    """Each (path, text) of ``parts``, a text given in pieces joined into one."""
    for path, text in parts:
        yield path, text if isinstance(text, str) else "".join(text)


def _after_the_whole(ds: m.Dataset) -> Iterator[tuple[str, str]]:
    from casefile.outputs.jsonschema import file_schema

    yield from ((f"data/{name}.csv", text)
                for name, text in tables(list(ds.cases.values())).items())
    for cid, case in ds.cases.items():
        yield f"data/cases/{cid}.json", dump(to_json(ds, [cid]))
        yield from ((f"data/cases/{cid}/{name}.csv", text)
                    for name, text in tables([case]).items())
    for kind in FILE_KINDS:
        yield f"data/schema/{kind}.schema.json", dump(file_schema(kind, ds.site_terms))
