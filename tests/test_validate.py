"""Validation messages, exact text: file:line:col: dotted.path: what is wrong (and allowed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.pipeline import load_dataset
from tests.conftest import MINI, write_tree

RECORD = "data/cases/town/records/town-follow-up.yml"
INSPECTION = "data/cases/town/records/town-inspection.yml"


def problems_after(tmp_path: Path, rel: str, old: str, new: str) -> list[str]:
    files = dict(MINI)
    assert old in files[rel], f"fixture text not found: {old!r}"
    files[rel] = files[rel].replace(old, new, 1)
    write_tree(tmp_path / "data", files)
    with pytest.raises(DataError) as caught:
        load_dataset(tmp_path / "data")
    return [str(p) for p in caught.value.problems]


def test_valid_fixture_loads(mini: Path) -> None:
    dataset = load_dataset(mini)
    case = dataset.cases["town"]
    assert [r.id for r in case.records] == ["town-inspection", "town-follow-up"]
    assert case.findings[0].id == "f-leadership"


def test_unknown_key_suggests(tmp_path: Path) -> None:
    assert problems_after(tmp_path, "cases/town/records/town-follow-up.yml",
                          "summary:", "sumary:") == [
        f"{RECORD}:1:1: summary: missing required key 'summary' (what happened, in plain words)",
        f"{RECORD}:6:1: sumary: unknown key 'sumary'; did you mean 'summary'? (allowed: id, "
        "type, title, date, until, after, date_note, published, published_note, body, summary, "
        "cite, findings, "
        "assessments, requirements, statements, ratings, oversight, next, responses, respond, "
        "figures, answers, sources_differ)",
    ]


def test_invalid_status_lists_allowed_values(tmp_path: Path) -> None:
    assert problems_after(tmp_path, "cases/town/records/town-follow-up.yml",
                          "status: improving", "status: improvinng") == [
        f"{RECORD}:10:13: assessments[0].status: 'improvinng' is not allowed; did you mean "
        "'improving'? (allowed: not_assessed, worsened, serious_concern, concern, early_signs, "
        "improving, improved, resolved)"]


def test_missing_source_is_reported_where_cited(tmp_path: Path) -> None:
    assert problems_after(tmp_path, "cases/town/records/town-follow-up.yml",
                          "cite: [council-news]\nassessments", "cite: [council-newz]\nassessments"
                          ) == [
        f"{RECORD}:7:8: cite[0].source: no source with id 'council-newz'; did you mean "
        "'council-news'?"]


@pytest.mark.parametrize("old, new, expected", [
    ("summary: The council reported progress.", "summary: no",
     f"{RECORD}:6:10: summary: no is read as a boolean (false) by YAML 1.1 tools; if you mean "
     'the text, put it in quotes: "no"'),
    ("date: 2018-03-01", "date: no",
     f"{RECORD}:4:7: date: 'no' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, "
        "or in words, e.g. 'June 2021', 'autumn 2022', 'early 2021', 'late June 2021', "
        "'around June 2021', 'during 2023' (see the date forms on the methodology page)"),
    ("date: 2018-03-01", "date: 2018-02-30",
     f"{RECORD}:4:7: date: '2018-02-30' is not a real date: February 2018 has 28 days"),
    ("date: 2018-03-01", "date: 2017-13-01",
     f"{RECORD}:4:7: date: '2017-13-01' is not a real date: month 13 is not 01 to 12"),
    ("title: Follow-up", "title: 12:30",
     f"{RECORD}:3:8: title: 12:30 is read as a number by YAML 1.1 tools; if you mean the "
     'text, put it in quotes: "12:30"'),
    ("title: Follow-up", "title: ~",
     f"{RECORD}:3:8: title: ~ is read as a null (no value) by YAML 1.1 tools; if you mean the "
     'text, put it in quotes: "~"'),
    ("title: Follow-up", "title:",
     f"{RECORD}:3:7: title: is empty; expected text"),
    ("cite: [council-news]\nassessments", "cite: {source: council-news}\nassessments",
     f"{RECORD}:7:7: cite: expected a list (lines starting with '- '), found a mapping"),
    ("assessments:\n  - finding", "assessments:\n    finding",
     f"{RECORD}:9:5: assessments: expected a list (lines starting with '- '), found a mapping"),
])
def test_scalar_and_shape_messages(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert problems_after(tmp_path, "cases/town/records/town-follow-up.yml", old, new) == [expected]


def test_http_urls_and_leading_zero_numbers(tmp_path: Path) -> None:
    got = problems_after(tmp_path, "sources/report-2017.yml", "https://example.org/report",
                         "http://example.org/report")
    assert got == ["data/sources/report-2017.yml:6:6: url: 'http://example.org/report' uses "
                   "plain http; use https, or add 'insecure_http: true' if the publisher offers "
                   "no https"]
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.example/",
                "ftp://x.org/", "https://x.org/a b", "https://x.org/\"onmouseover=\""):
        got = problems_after(tmp_path, "sources/report-2017.yml", "https://example.org/report",
                             bad.replace("'", "''"))
        assert len(got) == 1 and "is not an https:// URL" in got[0], (bad, got)
    got = problems_after(tmp_path, "cases/town/records/town-inspection.yml", "within: 20",
                         "within: 020")
    assert got == [f"{INSPECTION}:20:15: requirements[0].due.within: '020' is not a whole "
                   "number from 1 to 3650 (no leading zeros)"]


def test_cross_field_rules(tmp_path: Path) -> None:
    got = problems_after(tmp_path, "cases/town/records/town-inspection.yml",
                         "      within: 20\n", "      date: 2017-11\n      within: 20\n")
    assert got == [f"{INSPECTION}:20:7: requirements[0].due: give exactly one of 'date' or "
                   "'within'"]
    got = problems_after(tmp_path, "sources/report-2017.yml", "accessed: 2020-01-01\n", "")
    assert got == ["data/sources/report-2017.yml:1:1: accessed: 'url' needs 'accessed' as well"]


def test_every_problem_in_the_data_set_is_reported_together(tmp_path: Path) -> None:
    files = dict(MINI)
    files["bodies/inspectorate.yml"] = files["bodies/inspectorate.yml"].replace(
        "kind: regulator", "kind: regulator\nkind: regulator")
    files["cases/town/records/town-follow-up.yml"] = files[
        "cases/town/records/town-follow-up.yml"].replace("status: improving", "status: better")
    files["sources/council-news.yml"] = files["sources/council-news.yml"].replace(
        "published: 2018-03", "published: 2018-02-30")
    write_tree(tmp_path / "data", files)
    with pytest.raises(DataError) as caught:
        load_dataset(tmp_path / "data")
    assert [(p.file, p.line) for p in caught.value.problems] == [
        ("data/bodies/inspectorate.yml", 3),
        ("data/cases/town/records/town-follow-up.yml", 10),
        ("data/sources/council-news.yml", 5),
    ]
    assert caught.value.report().endswith("casefile: 3 problems found; nothing was built.")


def test_plain_http_only_with_the_flag(tmp_path: Path) -> None:
    files = dict(MINI)
    files["sources/report-2017.yml"] = files["sources/report-2017.yml"].replace(
        "https://example.org/report", "http://example.org/report") + "insecure_http: true\n"
    write_tree(tmp_path / "data", files)
    source = load_dataset(tmp_path / "data").sources["report-2017"]
    assert source.url == "http://example.org/report" and source.insecure_http
    from casefile.outputs.render import Renderer
    from tests.conftest import REPO

    pages = Renderer(load_dataset(tmp_path / "data"), REPO / "macros").pages()
    page = pages["cases/town/sources.md"]  # the case's sources in full
    assert "http://example.org/report</a> (not secure: plain http)" in page


def test_list_item_with_colon_is_told_to_quote(tmp_path: Path) -> None:
    from casefile.reading.load import parse_text
    from casefile.reading.schema import CASE
    from casefile.reading.validate import validate

    node, _ = parse_text("regulators:\n  - Note: inspectorate\n", "c.yml")
    assert node is not None
    got = [str(p) for p in validate(node, CASE, "c.yml")[1] if "regulators" in p.path]
    assert got == ["c.yml:2:5: regulators[0]: expected an id, found a mapping; if you meant "
                   "the text 'Note: inspectorate', put it in quotes, because YAML reads ': ' "
                   "as a key and its value"]
