"""Open data read back (casefile.outputs.opendata_import), in-process so that mutation
testing reaches it: a round trip keeps dates as written, values and quote checks; a wrong
format or invalid data is a located problem. Every data set here is a fictional fixture
under tests/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.outputs.opendata_dataset import dump, to_json
from casefile.outputs.opendata_import import from_json
from casefile.pipeline import load_dataset
from tests.conftest import MINI, PROJECTS, write_tree

SECOND_CASE = PROJECTS / "second-case" / "data"
INS = "cases/town/records/town-inspection.yml"
CASE = "cases/town/case.yml"


def mini(root: Path, changes: dict[str, tuple[str, str]] | None = None) -> m.Dataset:
    files = dict(MINI)
    for path, (old, new) in (changes or {}).items():
        assert old in files[path]
        files[path] = files[path].replace(old, new)
    write_tree(root / "data", files)
    return load_dataset(root / "data", use_cache=False)


def again(ds: m.Dataset) -> m.Dataset:
    return from_json(json.loads(dump(to_json(ds))))


def test_a_round_trip_keeps_words_numbers_flags_and_outcomes(tmp_path: Path) -> None:
    ds = mini(tmp_path, {
        INS: ("date: 2017-07\n", "date: summer 2017\n"),
        CASE: ("  - amount: 4000000\n    currency: GBP\n",
               "  - amount: 15500000.50\n    currency: GBP\n    approximate: true\n")})
    back = again(ds)
    assert to_json(back) == to_json(ds)
    record = back.cases["town"].records[0]
    assert (record.date.words, record.date.iso()) == ("summer 2017", "2017")
    req = record.requirements[0]
    assert (req.due.within, req.due.unit, req.due.start) == (20, "working_days",  # type: ignore[union-attr]
                                                             "publication")
    assert req.outcome.term.value == "overdue"  # type: ignore[union-attr]
    money = back.cases["town"].money[0]
    assert (str(money.amount), money.approximate) == ("15500000.50", True)
    assert back.cases["town"].as_of.isoformat() == "2018-03-01"  # type: ignore[union-attr]


def test_quote_checks_are_kept_because_the_copies_are_not_in_the_export() -> None:
    ds = load_dataset(SECOND_CASE)
    data = json.loads(dump(to_json(ds)))
    back = from_json(data)
    cite = next(iter(back.cases.values())).records[0].cites[0]
    assert (cite.source.id, cite.checked, cite.found_at) == (
        "fictional-inspection-report", True, "para. 2")
    unchecked = json.loads(dump(to_json(ds)))
    derived = unchecked["cases"][0]["records"][0]["cite"][0]["derived"]
    derived["checked"] = False
    cite = next(iter(from_json(unchecked).cases.values())).records[0].cites[0]
    assert (cite.checked, cite.found_at) == (False, None)
    derived["checked"] = "yes"  # only true is true
    cite = next(iter(from_json(unchecked).cases.values())).records[0].cites[0]
    assert (cite.checked, cite.found_at) == (False, None)
    derived.update(checked=True, found_at=2)  # a place is text
    cite = next(iter(from_json(unchecked).cases.values())).records[0].cites[0]
    assert (cite.checked, cite.found_at) == (True, None)


def test_a_wrong_format_or_version_is_a_located_problem(tmp_path: Path) -> None:
    data = to_json(mini(tmp_path))
    for wrong in ({**data, "format": "other"}, {**data, "format_version": "0.1"}):
        with pytest.raises(DataError) as caught:
            from_json(wrong, "export.json")
        assert [str(p) for p in caught.value.problems] == [
            "export.json:1:1: format: expected format casefile version 1.0"]


def test_invalid_data_in_an_export_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    data = json.loads(dump(to_json(mini(tmp_path))))
    data["cases"][0]["records"][1]["assessments"][0]["status"] = "fine"
    data["cases"][0]["records"][0]["requirements"][0]["due"]["within"] = True
    with pytest.raises(DataError) as caught:
        from_json(data)
    assert [str(p) for p in caught.value.problems] == [
        "casefile.json:1:1: assessments[0].status: 'fine' is not allowed (allowed: "
        "not_assessed, worsened, serious_concern, concern, early_signs, improving, improved, "
        "resolved)",
        "casefile.json:1:1: requirements[0].due.within: 'true' is not a whole number from 1 "
        "to 3650 (no leading zeros)"]


def test_each_kind_of_mistake_in_an_export_is_located_at_its_start(tmp_path: Path) -> None:
    """An export has no lines: an unknown key, a missing one, a list for text and a number
    out of range are each located at 1:1 of the file, whatever node they are found on."""
    data = json.loads(dump(to_json(mini(tmp_path))))
    record = data["cases"][0]["records"][0]
    record["colour"], record["summary"] = "red", ["a list"]
    del record["title"]
    record["requirements"][0]["due"]["within"] = 0
    with pytest.raises(DataError) as caught:
        from_json(data)
    assert [str(p) for p in caught.value.problems] == [
        "casefile.json:1:1: assessments[0].finding: no finding with id 'f-leadership'",
        "casefile.json:1:1: colour: unknown key 'colour' (allowed: id, type, title, date, "
        "until, after, date_note, published, published_note, body, summary, cite, findings, "
        "assessments, requirements, statements, ratings, oversight, next, responses, respond, "
        "figures, answers, sources_differ)",
        "casefile.json:1:1: requirements[0].due.within: '0' is not a whole number from 1 to "
        "3650 (no leading zeros)",
        "casefile.json:1:1: summary: expected text, found a list",
        "casefile.json:1:1: title: missing required key 'title' (short title for the timeline)"]


def test_a_hand_edited_export_with_short_citations_and_a_case_without_records(
        tmp_path: Path) -> None:
    """``cite: [id]`` (the YAML shorthand) where the export writes ``{source: id}``, and a
    case whose ``records`` key is left out, read back like the YAML files."""
    data = json.loads(dump(to_json(mini(tmp_path))))
    data["cases"][0]["cite"] = ["report-2017"]
    assert from_json(data).cases["town"].cites[0].source.id == "report-2017"
    del data["cases"][0]["records"]
    assert from_json(data).cases["town"].records == []


def test_a_sites_own_licences_open_and_shut_are_read_back(tmp_path: Path) -> None:
    from tests.test_link_exact import LICENCES

    files = {**MINI, "vocabulary.yml": LICENCES}
    files["sources/council-news.yml"] += "licence: Local-Shut-1.0\n"
    write_tree(tmp_path / "data", files)
    back = again(load_dataset(tmp_path / "data", use_cache=False))
    terms = back.site_terms["licences"]
    assert [(t.value, t.open) for t in terms.values()] == [
        ("Local-Open-1.0", True), ("Local-Shut-1.0", False)]
    assert back.sources["council-news"].licence == "Local-Shut-1.0"


def test_text_that_yaml_would_misread_is_text_in_an_export(tmp_path: Path) -> None:
    """A JSON string is quoted: "yes" or "2019" is text, never the YAML 1.1 warning; and
    the hint for ``key: value`` written unquoted is not given for a JSON object."""
    data = json.loads(dump(to_json(mini(tmp_path))))
    record = data["cases"][0]["records"][0]
    record["summary"], record["title"] = "yes", "2019"
    back = from_json(data).cases["town"].records[0]
    assert (back.summary, back.title) == ("yes", "2019")
    record["summary"] = {"Note": 1}
    with pytest.raises(DataError) as caught:
        from_json(data)
    assert [str(p) for p in caught.value.problems] == [
        "casefile.json:1:1: summary: expected text, found a mapping"]


def test_a_number_where_text_is_wanted_and_a_longer_derived_list(tmp_path: Path) -> None:
    """A JSON number in a text field is read as YAML reads an unquoted number; a list under
    ``derived`` longer than the one recomputed is ignored, not an error."""
    data = json.loads(dump(to_json(mini(tmp_path))))
    statement = data["cases"][0]["records"][0]["statements"][0]
    statement["derived"]["relayed_by"].append({"publisher": "town-council"})
    assert from_json(data).cases["town"].records[0].statements[0].quote == "We are sorry."
    data["cases"][0]["records"][0]["title"] = 2019
    with pytest.raises(DataError) as caught:
        from_json(data)
    assert [str(p) for p in caught.value.problems] == [
        "casefile.json:1:1: title: 2019 is read as a number by YAML 1.1 tools; if you mean "
        "the text, put it in quotes: \"2019\""]
