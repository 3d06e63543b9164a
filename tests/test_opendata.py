"""Open data: the JSON export round-trips into the model; CSVs match it; pages link to both."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.opendata import FORMAT_VERSION, TABLES, from_json, to_json
from casefile.pipeline import load_dataset
from tests.conftest import POWYS_DATA
from tests.test_site import CASE, page, resolve, site  # noqa: F401  (module-scoped build)

DATASET = load_dataset(POWYS_DATA)


def test_json_round_trips_into_the_model() -> None:
    exported = to_json(DATASET)
    back = from_json(json.loads(json.dumps(exported)))
    assert to_json(back) == exported
    assert back.as_of == DATASET.as_of
    case, original = back.cases[CASE], DATASET.cases[CASE]
    assert [r.id for r in case.records] == [r.id for r in original.records]
    assert [(q.id, q.outcome.term.value) for q in case.requirements] == [  # type: ignore[union-attr]
        (q.id, q.outcome.term.value) for q in original.requirements]  # type: ignore[union-attr]
    assert exported["format_version"] == FORMAT_VERSION


def test_json_uses_the_data_files_field_names() -> None:
    record = to_json(DATASET)["cases"][0]["records"][0]
    yaml_keys = {"id", "type", "title", "date", "published", "published_note", "body",
                 "summary", "cite", "findings", "requirements", "statements"}
    assert yaml_keys <= set(record)
    assert record["findings"][0]["cite"][0]["source"] == "star-damning-report"


def test_import_rejects_bad_exports() -> None:
    exported = to_json(DATASET)
    with pytest.raises(DataError) as caught:
        from_json({**exported, "format_version": "0.1"})
    assert str(caught.value.problems[0]).startswith("casefile.json:1:1: format: expected")
    broken = json.loads(json.dumps(exported))
    broken["cases"][0]["records"][2]["assessments"][0]["status"] = "fine"
    with pytest.raises(DataError) as caught:
        from_json(broken)
    assert "assessments[0].status: 'fine' is not allowed" in str(caught.value.problems[0])


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_published_files_match_the_model(site: Path) -> None:  # noqa: F811
    published = json.loads((site / "data" / "casefile.json").read_text(encoding="utf-8"))
    assert published == to_json(DATASET)
    assert to_json(from_json(published)) == published
    case = DATASET.cases[CASE]
    folder = site / "data" / "cases" / CASE
    assert len(read_csv(folder / "timeline.csv")) == len(case.records)
    assert len(read_csv(folder / "findings.csv")) == len(case.findings)
    assert len(read_csv(folder / "assessments.csv")) == sum(len(r.assessments)
                                                           for r in case.records)
    deadlines = read_csv(folder / "deadlines.csv")
    assert [(d["requirement"], d["outcome"]) for d in deadlines] == [
        (q.id, q.outcome.term.value) for r in case.records for q in r.requirements]  # type: ignore[union-attr]
    assert {s["source"] for s in read_csv(folder / "sources.csv")} == set(DATASET.sources)


def test_case_page_and_data_page_link_the_files(site: Path) -> None:  # noqa: F811
    links = page(site, f"cases/{CASE}").select("ul.cf-data-links a")
    assert [a.get_text() for a in links] == ["JSON"] + [f"{t.capitalize()} (CSV)" for t in TABLES]
    for a in links:
        path = (site / f"cases/{CASE}" / a["href"]).resolve()
        assert path.is_file(), a["href"]
    data = page(site, "data")
    text = data.get_text(" ", strip=True)
    assert "Creative Commons Attribution 4.0" in text
    schema_links = [a["href"] for a in data.select("#data-schema + ul a")]
    assert len(schema_links) == 7
    for href in schema_links:
        assert json.loads((site / "data" / href).resolve().read_text(encoding="utf-8"))[
            "$schema"].startswith("http://json-schema.org/draft-07")


def test_per_case_json_round_trips_and_holds_only_what_the_case_uses(site: Path) -> None:  # noqa: F811
    text = (site / "data" / "cases" / f"{CASE}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert to_json(from_json(data)) == data  # so every id it refers to is inside it
    assert {s["id"] for s in data["sources"]} == set(DATASET.sources)  # Powys uses all five
    assert {b["id"] for b in data["bodies"]} < set(DATASET.bodies)  # not the unused board


def test_per_case_json_leaves_out_other_cases(tmp_path: Path) -> None:
    from bench import synth

    synth.generate(tmp_path, 3)
    ds = load_dataset(tmp_path / "data")
    data = to_json(ds, ["case-0001"])
    assert to_json(from_json(data)) == data
    assert {b["id"] for b in data["bodies"]} == {"council-0001", "regulator", "government",
                                                "newspaper"}
    assert all(s["id"].startswith("case-0001-") for s in data["sources"])
