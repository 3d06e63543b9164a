"""Printing or comparing one object of the model never walks the whole data set (a failing
test once printed objects and used 24 GB): fields that point back up (an item's record, a
record's case, a body's cases and parent) or across to another record are left out of repr
and ==, and bodies, people, sources, themes, indicators and cases print by id. Equality
keeps its meaning: an object's own content, compared field by field."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from casefile.model import objects as m
from casefile.pipeline import load_dataset
from tests.conftest import POWYS_DATA, PROJECTS

OVERSIGHT = load_dataset(PROJECTS / "oversight" / "data")  # 12 records, fictional
CLASSES = [c for _, c in inspect.getmembers(m, inspect.isclass) if dataclasses.is_dataclass(c)]
POINTERS = {"Record", "Record | None", "Case", "list[Case]"}  # as annotated
UP = {("Body", "parent"), ("Body", "children"), ("Finding", "responses"),
      ("Requirement", "responses")}  # a parent body, those naming it; responses as linked


def pointing(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)
            if f.type in POINTERS or (cls.__name__, f.name) in UP]


def records(ds: m.Dataset) -> list[m.Record]:
    return [r for case in ds.cases.values() for r in case.records]


@pytest.mark.parametrize("record", records(OVERSIGHT), ids=lambda r: r.id)
def test_a_records_repr_is_small_and_holds_only_its_own_parts(record: m.Record) -> None:
    text = repr(record)
    assert len(text) < 5_000
    assert text.startswith(f"Record(id={record.id!r}, type=")
    assert record.summary in text
    assert text.count("Record(") == 1  # no other record is printed
    assert "Case(" not in text and record.case.summary not in text  # nor its case
    assert f"body=Body(id={record.body.id!r})" in text  # a body by id, not its names


def test_no_record_of_a_larger_case_prints_another_record_or_its_case() -> None:
    ds = load_dataset(POWYS_DATA)
    for case in ds.cases.values():
        assert repr(case) == f"Case(id={case.id!r})"
        for record in case.records:
            text = repr(record)
            assert text.count("Record(") == 1
            assert "Case(" not in text and case.summary not in text


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_field_pointing_up_or_across_is_out_of_repr_and_eq(cls: type) -> None:
    """A field holding a record or a case, a body's cases, parent or children, or an item's
    responses as linked: none is printed or compared (owned parts, such as a case's records
    and a record's responses, are not pointers)."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    assert [n for n in pointing(cls) if fields[n].repr or fields[n].compare] == []


def test_the_pointers_are_found() -> None:
    assert pointing(m.Record) == ["case", "after", "answers"]
    assert pointing(m.Requirement) == ["fulfilled_by", "superseded_by", "record", "responses"]
    assert pointing(m.Body) == ["cases", "parent", "children"]
    assert sum(len(pointing(c)) for c in CLASSES) == 22


def test_equality_compares_own_content_only() -> None:
    ds = OVERSIGHT
    first, second = records(ds)[:2]
    assert first == first and first != second
    elsewhere = dataclasses.replace(first, case=records(ds)[-1].case)
    assert elsewhere == first  # the back-reference does not count
    assert dataclasses.replace(first, title=first.title + ".") != first
    change = next(o for r in records(ds) for o in r.oversight)
    assert dataclasses.replace(change, record=second) == change
    assert dataclasses.replace(change, position=change.position + 1) != change


def test_a_data_set_loaded_twice_compares_equal_record_by_record() -> None:
    """Equality ends: nothing compared points back, so two loads of the same files compare
    field by field (before, each record's case led back to every record, without end)."""
    again = load_dataset(PROJECTS / "oversight" / "data", use_cache=False)
    assert [r.id for r in records(again)] == [r.id for r in records(OVERSIGHT)]
    assert records(again) == records(OVERSIGHT)
    assert again.bodies == OVERSIGHT.bodies
