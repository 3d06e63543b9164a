"""A site's own record types, body kinds and source kinds, from data/vocabulary.yml:
accepted by the checks, listed in errors, the JSON Schema, the field reference and the
methodology tables; a clash with a built-in value is an error. All values are made up."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.commands.cli import main
from casefile.errors import DataError
from casefile.model import vocab
from casefile.outputs.jsonschema import file_schema
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from casefile.reading import quickcheck
from tests.conftest import MINI, REPO, write_tree

VOCAB = """\
record_types:
  - value: panel_hearing
    label: Panel hearing
    description: A hearing before an example panel.
body_kinds:
  - value: example_trust
    label: Example trust
    description: A made-up kind of trust.
source_kinds:
  - value: panel_ruling
    label: Panel ruling
    description: The written ruling of an example panel.
"""
FOL = "cases/town/records/town-follow-up.yml"


def site_files() -> dict[str, str]:
    files = {**MINI, "vocabulary.yml": VOCAB}
    files[FOL] = files[FOL].replace("type: follow_up_inspection", "type: panel_hearing")
    files["bodies/town-council.yml"] = files["bodies/town-council.yml"].replace(
        "kind: local_authority", "kind: example_trust")
    files["sources/council-news.yml"] = files["sources/council-news.yml"].replace(
        "kind: council_press_release", "kind: panel_ruling")
    return files


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    write_tree(tmp_path / "data", files)
    with pytest.raises(DataError) as caught:
        load_dataset(tmp_path / "data", use_cache=False)
    return [str(p) for p in caught.value.problems]


def test_site_terms_are_accepted_and_labelled(tmp_path: Path) -> None:
    write_tree(tmp_path / "data", site_files())
    ds = load_dataset(tmp_path / "data", use_cache=False)
    assert ds.cases["town"].records[1].type.label == "Panel hearing"
    assert ds.bodies["town-council"].kind_label == "Example trust"
    assert ds.sources["council-news"].kind_label == "Panel ruling"
    assert list(ds.site_terms) == ["record_types", "body_kinds", "source_kinds"]


def test_unknown_value_lists_the_site_terms_too(tmp_path: Path) -> None:
    files = site_files()
    files[FOL] = files[FOL].replace("type: panel_hearing", "type: panel_hearings")
    allowed = ", ".join([*vocab.RECORD_TYPES, "panel_hearing"])
    assert problems(tmp_path, files) == [
        f"data/{FOL}:2:7: type: 'panel_hearings' is not allowed; did you mean 'panel_hearing'? "
        f"(allowed: {allowed})"]
    assert allowed.endswith("transfer_to_trust, appointment, other, panel_hearing")


def test_without_the_file_a_site_term_is_unknown(tmp_path: Path) -> None:
    files = site_files()
    del files["vocabulary.yml"]
    got = problems(tmp_path, files)
    assert [g.split(": ")[0:2] for g in got] == [
        ["data/bodies/town-council.yml:2:7", "kind"],
        [f"data/{FOL}:2:7", "type"],
        ["data/sources/council-news.yml:4:7", "kind"]]
    assert got[0] == ("data/bodies/town-council.yml:2:7: kind: 'example_trust' is not allowed "
                      f"(allowed: {', '.join(vocab.BODY_KINDS)})")


def test_clashes_and_repeats_are_located_errors(tmp_path: Path) -> None:
    files = site_files()
    files["vocabulary.yml"] = VOCAB.replace("value: example_trust", "value: trust") + (
        "  - value: panel_ruling\n    label: Again\n    description: Twice.\n")
    got = [p for p in problems(tmp_path, files) if p.startswith("data/vocabulary.yml")]
    assert got == [
        "data/vocabulary.yml:6:12: body_kinds[0].value: 'trust' is already a built-in body "
        "kind; use it as it is, or choose another value",
        "data/vocabulary.yml:13:12: source_kinds[1].value: 'panel_ruling' is given twice in "
        "source_kinds"]


def test_values_must_be_keys(tmp_path: Path) -> None:
    files = site_files()
    files["vocabulary.yml"] = VOCAB.replace("value: panel_hearing", "value: Panel-Hearing")
    got = [p for p in problems(tmp_path, files) if p.startswith("data/vocabulary.yml")]
    assert got == [("data/vocabulary.yml:2:12: record_types[0].value: 'Panel-Hearing' is not "
                      "a value in lower-case letters, digits and single underscores, e.g. "
                      "children_trust")]


def test_json_schema_command_includes_site_terms(tmp_path: Path) -> None:
    write_tree(tmp_path / "data", site_files())
    assert main(["schema", "--data", str(tmp_path / "data"), "--out", str(tmp_path / "s")]) == 0
    record = json.loads((tmp_path / "s" / "record.schema.json").read_text(encoding="utf-8"))
    enum = record["properties"]["type"]["enum"]
    assert enum == [*vocab.RECORD_TYPES, "panel_hearing"]
    body = json.loads((tmp_path / "s" / "body.schema.json").read_text(encoding="utf-8"))
    assert body["properties"]["kind"]["enum"][-1] == "example_trust"
    assert (tmp_path / "s" / "vocabulary.schema.json").is_file()
    assert file_schema("record")["properties"]["type"]["enum"] == list(vocab.RECORD_TYPES)


def test_methodology_tables_and_field_reference_show_site_terms(tmp_path: Path) -> None:
    write_tree(tmp_path / "data", site_files())
    r = Renderer(load_dataset(tmp_path / "data", use_cache=False), REPO / "macros")
    soup = BeautifulSoup(r.macro("vocabulary", "methodology.md", name="body_kinds"),
                         "html.parser")
    last = [c.get_text() for c in soup.select("tbody tr")[-1].select("th, td")]
    assert last == ["Example trust", "example_trust", "A made-up kind of trust."]
    fields = BeautifulSoup(r.macro("field_reference", "reference.md"), "html.parser")
    row = fields.select_one("#cap-fields-record").find_parent("table").select("tbody tr")[1]
    assert row.select("td")[1].get_text().endswith(", appointment, other, panel_hearing")


def test_a_vocabulary_change_is_seen_by_the_quick_check(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEFILE_CACHE", str(tmp_path / "cache"))
    data, past = tmp_path / "data", time.time() - 1000
    files = site_files()
    write_tree(data, files)
    for path in data.rglob("*.yml"):
        os.utime(path, (past, past))
    assert quickcheck.check(data).line().startswith("casefile: data OK")
    # an edit to a case only: relinked against the kept shared files, site terms included
    fulls: list[Path] = []
    real = quickcheck.full
    monkeypatch.setattr(quickcheck, "full", lambda d, *a: fulls.append(d) or real(d, *a))
    write_tree(data, {FOL: files[FOL].replace("Better.", "Much better.")})
    os.utime(data / FOL, (past + 10, past + 10))
    assert quickcheck.check(data).line().startswith("casefile: data OK") and fulls == []
    write_tree(data, {"vocabulary.yml": VOCAB.replace("panel_hearing", "panel_session")})
    with pytest.raises(DataError) as caught:
        quickcheck.check(data)
    assert str(caught.value.problems[0]).startswith(
        f"data/{FOL}:2:7: type: 'panel_hearing' is not allowed; did you mean 'panel_session'?")


def test_a_case_file_of_open_data_carries_only_the_site_terms_it_uses(tmp_path: Path) -> None:
    """Adding a term to data/vocabulary.yml must not change the open data of a case that
    does not use it; the whole data set's file carries every term."""
    from casefile.outputs.opendata import to_json

    files = site_files()
    files[FOL] = files[FOL].replace("type: panel_hearing", "type: follow_up_inspection")
    write_tree(tmp_path / "data", files)
    ds = load_dataset(tmp_path / "data", use_cache=False)
    per_case = to_json(ds, ["town"])["vocabulary"]
    assert {k: [t["value"] for t in v] for k, v in per_case.items()} == {
        "body_kinds": ["example_trust"], "source_kinds": ["panel_ruling"]}
    assert [t["value"] for t in to_json(ds)["vocabulary"]["record_types"]] == ["panel_hearing"]
    files["bodies/town-council.yml"] = MINI["bodies/town-council.yml"]
    files["sources/council-news.yml"] = MINI["sources/council-news.yml"]
    write_tree(tmp_path / "b" / "data", files)
    assert "vocabulary" not in to_json(load_dataset(tmp_path / "b" / "data", use_cache=False),
                                       ["town"])
