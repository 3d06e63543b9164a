"""Open data: the JSON export round-trips into the model; CSVs match it; pages link to both."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.outputs.opendata import FORMAT_VERSION, TABLES, files, from_json, tables, to_json
from casefile.pipeline import load_dataset
from casefile.reading.schema import FILE_KINDS
from tests.conftest import POWYS_DATA
from tests.html_support import soup_of
from tests.test_site import CASE, resolve, site  # noqa: F401  (module-scoped build)

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
    # the case page links to its files' list on the data page, one link (#12: light)
    case = soup_of(site, f"cases/{CASE}")
    assert case.select("ul.cf-data-links") == []
    assert [a["href"] for a in case.select("#data + p.cf-intro a")] == [f"../../data/#data-{CASE}"]
    data = soup_of(site, "data")
    links = data.select(f"#data-{CASE} + ul.cf-data-links a")
    assert [a.get_text() for a in links] == ["JSON"] + [
        f"{t.replace('_', ' ').capitalize()} (CSV)" for t in TABLES]
    for a in links:
        path = (site / "data" / a["href"]).resolve()
        assert path.is_file(), a["href"]
    text = data.get_text(" ", strip=True)
    assert "Creative Commons Attribution 4.0" in text
    schema_links = [a["href"] for a in data.select("#data-schema + ul a")]
    assert [h.rsplit("/", 1)[1] for h in schema_links] == [
        f"{kind}.schema.json" for kind in FILE_KINDS]
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


def test_timeline_csv_keeps_periods_and_order(tmp_path: Path) -> None:
    from tests.conftest import MINI, write_tree

    files = dict(MINI)
    ins, follow = "cases/town/records/town-inspection.yml", "cases/town/records/town-follow-up.yml"
    files[ins] = files[ins].replace("date: 2017-07\n", "date: 2017-07\nuntil: 2017-08\n")
    files[follow] = files[follow].replace("date: 2018-03-01\n",
                                          "date: 2018-03-01\nafter: town-inspection\n")
    write_tree(tmp_path / "data", files)
    dataset = load_dataset(tmp_path / "data", use_cache=False)
    assert tables(list(dataset.cases.values()))["timeline"].splitlines() == [
        "case,record,date,until,published,after,type,title,body,summary,sources",
        "town,town-inspection,2017-07,2017-08,2017-10-02,,inspection,Inspection,inspectorate,"
        "Inspectors visited.,report-2017",
        "town,town-follow-up,2018-03-01,,,town-inspection,follow_up_inspection,Follow-up,"
        "town-council,The council reported progress.,council-news"]


def test_ratings_csv_gives_each_grade_and_what_it_is_compared_with(tmp_path: Path) -> None:
    from tests.test_ratings import load, rated

    dataset = load(tmp_path, rated())
    per_case = tables([dataset.cases["town"]])["ratings"]
    assert per_case.splitlines() == [
        "case,record,date,body,area,grade,grade_label,compared_with_record,change,"
        "relayed_by,relayed_grades,sources",
        "town,town-inspection,2017-07,inspectorate,,inadequate,Inadequate,,first,,,report-2017",
        "town,town-inspection,2017-07,inspectorate,Leadership,requires_improvement,"
        "Requires improvement to be good,,first,,,report-2017",
        "town,town-reinspection,2019-02-14,inspectorate,,requires_improvement,"
        "Requires improvement to be good,town-inspection,better,,,report-2017",
        "town,town-reinspection,2019-02-14,inspectorate,leadership,inadequate,Inadequate,"
        "town-inspection,worse,,,report-2017",
        "town,town-reinspection,2019-02-14,inspectorate,Help and protection,good,Good,,first,"
        ",,report-2017",
        "town,town-visit,2019-06-03,inspectorate,,requires_improvement,"
        "Requires improvement to be good,town-reinspection,same,"
        # the inspectorate's grade known only from the council's news: second-hand
        "town-council,self_report,council-news"]
    published = files(dataset)
    assert published["data/cases/town/ratings.csv"] == per_case
    assert published["data/ratings.csv"] == per_case  # the only case: the site-wide file
    assert tables([])["ratings"] == (
        "case,record,date,body,area,grade,grade_label,compared_with_record,change,"
        "relayed_by,relayed_grades,sources\n")


def test_published_ratings_csv_of_an_ungraded_case_has_only_its_header(
        site: Path) -> None:  # noqa: F811
    for path in (site / "data" / "ratings.csv", site / "data" / "cases" / CASE / "ratings.csv"):
        assert path.read_text(encoding="utf-8") == tables([])["ratings"]


def test_csv_cells_cannot_start_a_formula() -> None:
    from casefile.outputs.opendata import _csv

    text = _csv(["a", "b"], [["=HYPERLINK(\"http://x\")", "+1"], ["-2", "@SUM(A1)"],
                             ["\tx", "\rx"], ["a=b", " =x"], ["", "é"]])
    assert text == ("a,b\n\"'=HYPERLINK(\"\"http://x\"\")\",'+1\n'-2,'@SUM(A1)\n"
                    "'\tx,\"'\rx\"\na=b, =x\n,é\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["a", "b"], ["'=HYPERLINK(\"http://x\")", "'+1"], ["'-2", "'@SUM(A1)"],
                    ["'\tx", "'\rx"], ["a=b", " =x"], ["", "é"]]
