"""`casefile import recommendations` (#18 item 6) and the optional fields it writes: kind,
number, paragraph and directed_at on a finding. Everything here is fictional: the inquiry
fixture (tests/projects/inquiry) and the rows each test writes."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.commands.cli import main, parser
from casefile.commands.import_recs import COLUMNS
from casefile.commands.yaml_append import AppendError, append
from casefile.errors import DataError
from casefile.model import objects as m
from casefile.outputs.opendata_dataset import to_json
from casefile.outputs.opendata_import import from_json
from casefile.outputs.opendata_tables import tables
from casefile.pipeline import load_dataset
from casefile.reading.load import parse_text
from tests.conftest import PROJECTS, REPO, copy_project, mkdocs_build

INQUIRY = PROJECTS / "inquiry"
RECORD = "data/cases/example-northmoor-water-inquiry/records/northmoor-2025-final-report.yml"
HEADER = "number,paragraph,text,directed_at,theme\n"


def fixture_rows() -> list[dict[str, str]]:
    text = (INQUIRY / "recommendations.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def words(n: int) -> str:
    """Recommendation n's words, as the fixture's stored copy prints them."""
    return fixture_rows()[n - 1]["text"]


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the inquiry project, the current folder."""
    shutil.copytree(INQUIRY / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["import", "recommendations", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def record_of(ds: m.Dataset) -> m.Record:
    return ds.cases["example-northmoor-water-inquiry"].records[0]


def test_csv_rows_are_appended_as_recommendations_and_the_file_is_kept(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (site / RECORD).read_text(encoding="utf-8")
    first, second = words(1), words(2)
    cut = second.index(", within")
    (site / "recs.csv").write_text(
        HEADER + f'1,9.2,{json.dumps(first)},example-water-regulator,fictional-water-quality\n'
        f'2,9.3,"{second[:cut + 1]}\n{second[cut + 2:]}", northmoor-water-board ; '
        'example-water-department ,fictional-water-governance\n', encoding="utf-8")
    code, out, err = run(capsys, "recs.csv", "--record", "northmoor-2025-final-report")
    assert (code, err) == (0, "")
    assert out == f"casefile import: added 2 recommendations to {RECORD}\n"
    after = (site / RECORD).read_text(encoding="utf-8")
    assert after.startswith(before)  # comments, quoting and order untouched
    assert "# the copy's first line after the title\n" in after
    assert after[len(before):] == (
        "findings:\n"
        "  - id: northmoor-2025-final-report-1\n"
        "    theme: fictional-water-quality\n"
        "    kind: recommendation\n"
        '    number: "1"\n'
        '    paragraph: "9.2"\n'
        f"    text: {json.dumps(first)}\n"
        "    directed_at: [example-water-regulator]\n"
        "    cite:\n"
        "      - source: northmoor-final-report\n"
        f"        quote: {json.dumps(first)}\n"
        "  - id: northmoor-2025-final-report-2\n"
        "    theme: fictional-water-governance\n"
        "    kind: recommendation\n"
        '    number: "2"\n'
        '    paragraph: "9.3"\n'
        f"    text: {json.dumps(second[:cut + 1] + chr(10) + second[cut + 2:])}\n"
        "    directed_at: [northmoor-water-board, example-water-department]\n"
        "    cite:\n"
        "      - source: northmoor-final-report\n"
        f"        quote: {json.dumps(second[:cut + 1] + chr(10) + second[cut + 2:])}\n")
    ds = load_dataset(site / "data")  # the project's own check, in-process
    found = record_of(ds).findings
    assert [f.label for f in found] == ["Recommendation 1", "Recommendation 2"]
    assert [b.id for b in found[1].directed_at] == ["northmoor-water-board",
                                                    "example-water-department"]
    assert [c.checked for f in found for c in f.cites] == [True, True]  # found in the copy


def test_appending_after_existing_findings_keeps_their_comments(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = site / RECORD
    path.write_text(path.read_text(encoding="utf-8") + (
        "findings:\n"
        "  # entered by hand\n"
        "  - id: northmoor-hand-entered\n"
        "    theme: fictional-water-quality\n"
        "    kind: conclusion\n"
        "    text: >\n"
        "      Written by hand (invented).\n"
        "    cite: [northmoor-final-report]\n"
        "\n"
        "# a comment after the list\n"
        "next:\n"
        "  - text: More hearings (invented).\n"
        "    cite: [northmoor-final-report]\n"), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    (site / "recs.csv").write_text(HEADER + f"7,9.8,{json.dumps(words(7))},,"
                                   "fictional-water-quality\n", encoding="utf-8")
    assert run(capsys, "recs.csv", "--record", RECORD)[0] == 0
    after = path.read_text(encoding="utf-8")
    head = before.split("\n# a comment after the list\n")[0]
    assert after.startswith(head)
    assert after.endswith("\n# a comment after the list\nnext:\n  - text: More hearings "
                          "(invented).\n    cite: [northmoor-final-report]\n")
    assert "  - id: northmoor-2025-final-report-7\n" in after[len(head):]
    assert "directed_at" not in after  # an empty cell: no list
    labels = [f.label for f in record_of(load_dataset(site / "data")).findings]
    assert labels == ["Conclusion", "Recommendation 7"]


def test_bad_rows_are_all_located_by_physical_line_and_nothing_is_written(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (site / RECORD).read_bytes()
    (site / "recs.csv").write_text(
        HEADER +
        f'1,9.2,"{words(1)[:20]}\n\n{words(1)[21:]}",example-water-regulator,'  # lines 2-4
        "fictional-water-quality\n"
        "2,9.3,,northmoor-water-board,fictional-water-quality\n"  # 5
        f"3,9.4,{json.dumps(words(3))},northmoor-water-bord,fictional-water-quality\n"  # 6
        f"4,9.5,{json.dumps(words(4))},,fictional-water-qualty\n"  # 7
        f"1,9.6,{json.dumps(words(5))},,fictional-water-quality\n"  # 8
        f",9.7,{json.dumps(words(6))},,\n", encoding="utf-8")  # 9
    code, out, err = run(capsys, "recs.csv", "--record", "northmoor-2025-final-report")
    assert (code, out) == (1, "")
    # each names its column, and its cell's line and column (#18 review: one repeated
    # number is one problem, no longer a second for the id made from it)
    at6 = 8 + len(json.dumps(words(3)))
    at7 = 9 + len(json.dumps(words(4)))
    assert err.splitlines() == [
        "recs.csv:5:7: column text: no text; give the recommendation's words exactly as the "
        "source prints them",
        f"recs.csv:6:{at6}: column directed_at: no body with id 'northmoor-water-bord'; did "
        "you mean 'northmoor-water-board'?; directed_at lists body ids (data/bodies/), "
        "separated by ';'",
        f"recs.csv:7:{at7}: column theme: no theme with id 'fictional-water-qualty'; did you "
        "mean 'fictional-water-quality'? (themes are listed in data/themes.yml)",
        "recs.csv:8:1: column number: number '1' is already given at line 2; each "
        "recommendation needs its own number",
        "recs.csv:9:1: column number: no number; give the source's own number for it, e.g. 12",
        f"recs.csv:9:{8 + len(json.dumps(words(6)))}: column theme: no theme; add a theme "
        "column or give --theme",
        "casefile import: 6 problems found; nothing was written"]
    assert (site / RECORD).read_bytes() == before


def test_wrong_column_names_are_refused_at_the_header(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "recs.csv").write_text("\nnumber,para,text,directed_to\n1,2,x,y\n",
                                   encoding="utf-8")
    code, _, err = run(capsys, "recs.csv", "--record", "northmoor-2025-final-report")
    assert code == 1
    assert err.splitlines() == [
        "recs.csv:2: unknown column 'para'; did you mean 'paragraph'?; the columns are "
        "number, paragraph, text, directed_at, theme, id (theme and id optional)",
        "recs.csv:2: unknown column 'directed_to'; did you mean 'directed_at'?; the columns "
        "are number, paragraph, text, directed_at, theme, id (theme and id optional)",
        "recs.csv:2: no column 'paragraph', 'directed_at'; the columns are number, "
        "paragraph, text, directed_at, theme, id (theme and id optional)",
        "casefile import: 3 problems found; nothing was written"]


def test_never_overwrites_an_entry_already_there(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "recs.csv").write_text(
        HEADER + f"1,9.2,{json.dumps(words(1))},,fictional-water-quality\n", encoding="utf-8")
    assert run(capsys, "recs.csv", "--record", "northmoor-2025-final-report")[0] == 0
    once = (site / RECORD).read_bytes()
    (site / "again.csv").write_text(
        "id,number,paragraph,text,directed_at\n"
        f"fresh-id,1,9.2,{json.dumps(words(1))},\n"
        f"example-water-regulator,2,9.3,{json.dumps(words(2))},\n", encoding="utf-8")
    code, _, err = run(capsys, "again.csv", "--record", RECORD, "--theme",
                       "fictional-water-quality")
    assert code == 1
    assert err.splitlines() == [  # each with its column (#18 review)
        f"again.csv:2:10: column number: number '1' is already in the record ({RECORD}:17); "
        "import only new recommendations",
        "again.csv:3:1: column id: id 'example-water-regulator' is already used in the data "
        "set; give another in an id column (never overwritten)",
        "casefile import: 2 problems found; nothing was written"]
    assert (site / RECORD).read_bytes() == once


def test_json_items_are_located_by_the_line_they_start_on(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = [{"number": 10, "paragraph": "9.11", "text": words(10),
              "directed_at": ["northmoor-water-board"], "theme": "fictional-water-quality"},
             {"number": "11", "paragraph": "9.12", "text": words(11), "directed_at": "",
              "theme": "fictional-water-quality", "note": "x"},
             {"number": "12", "paragraph": True, "text": words(12), "directed_at": ""}]
    (site / "recs.json").write_text(json.dumps(items, indent=2), encoding="utf-8")
    code, _, err = run(capsys, "recs.json", "--record", "northmoor-2025-final-report")
    assert code == 1
    assert err.splitlines() == [
        "recs.json:11: unknown column 'note'; the columns are number, paragraph, text, "
        "directed_at, theme, id (theme and id optional)",
        "recs.json:19: column paragraph: must be text (or a list of body ids for "
        "directed_at)",
        "casefile import: 2 problems found; nothing was written"]
    (site / "recs.json").write_text(json.dumps(items[:1]), encoding="utf-8")
    assert run(capsys, "recs.json", "--record", "northmoor-2025-final-report")[0] == 0
    found = record_of(load_dataset(site / "data")).findings
    assert (found[0].id, found[0].number, found[0].paragraph) == (
        "northmoor-2025-final-report-10", "10", "9.11")


def test_a_quote_not_in_the_copy_puts_the_record_back(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (site / RECORD).read_bytes()
    (site / "recs.csv").write_text(HEADER + "1,9.2,Words the report never printed.,,"
                                   "fictional-water-quality\n", encoding="utf-8")
    code, _, err = run(capsys, "recs.csv", "--record", "northmoor-2025-final-report")
    assert code == 1
    # told against the row and column the quotation came from, not a line of the record
    # as it was written, which is gone (#18 review)
    assert err.splitlines() == [
        "casefile import: after adding the entries, the check found:",
        "recs.csv:2:7: column text: the check said: not found in the stored copy "
        "copies/northmoor-final-report.txt of 'northmoor-final-report'; the closest passage "
        "(para. 2) reads: \"uiry into the Northmoor Water Board:\"; the copy has \"uiry\" where "
        "the quote has \"Words\"",
        "casefile import: the record is back as it was; nothing was written"]
    assert (site / RECORD).read_bytes() == before


def test_the_record_and_source_must_exist(site: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (site / "recs.csv").write_text(HEADER, encoding="utf-8")
    assert run(capsys, "recs.csv", "--record", "northmoor-2025-final-reprt")[2] == (
        "casefile import: --record northmoor-2025-final-reprt: no record with this id or file; "
        "did you mean 'northmoor-2025-final-report'?\n")
    assert run(capsys, "recs.csv", "--record", RECORD, "--source", "nope")[2] == (
        "casefile import: --source nope: no source with this id\n")
    assert run(capsys, "recs.csv", "--record", RECORD)[2] == (
        "recs.csv:1: no rows; nothing to import\n"
        "casefile import: 1 problem found; nothing was written\n")


def test_the_linker_locates_a_repeated_number_and_an_unknown_body(site: Path) -> None:
    path = site / RECORD
    path.write_text(path.read_text(encoding="utf-8") + (
        "findings:\n"
        "  - id: northmoor-a\n"
        "    theme: fictional-water-quality\n"
        "    number: '3'\n"
        "    text: One (invented).\n"
        "    cite: [northmoor-final-report]\n"
        "  - id: northmoor-b\n"
        "    theme: fictional-water-quality\n"
        "    number: '3'\n"
        "    directed_at: [northmoor-water-bard, northmoor-water-board, northmoor-water-board]\n"
        "    text: Two (invented).\n"
        "    cite: [northmoor-final-report]\n"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(site / "data")
    assert [str(p) for p in caught.value.problems] == [
        f"{RECORD}:21:13: findings[1].number: number '3' is already given at line 16; each "
        "finding of a record needs its own number, as in the source",
        f"{RECORD}:22:18: findings[1].directed_at: body 'northmoor-water-board' is named "
        "twice; name each body the source addresses once",
        f"{RECORD}:22:18: findings[1].directed_at: no body with id 'northmoor-water-bard'; "
        "did you mean 'northmoor-water-board'?"]


def test_the_new_fields_round_trip_through_open_data(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(INQUIRY / "recommendations.csv", site / "recs.csv")
    assert run(capsys, "recs.csv", "--record", "northmoor-2025-final-report")[0] == 0
    ds = load_dataset(site / "data")
    exported = to_json(ds)
    again = from_json(json.loads(json.dumps(exported)))
    assert to_json(again) == exported
    first = exported["cases"][0]["records"][0]["findings"][3]
    assert {k: first[k] for k in ("id", "kind", "number", "paragraph", "directed_at")} == {
        "id": "northmoor-2025-final-report-4", "kind": "recommendation", "number": "4",
        "paragraph": "9.5", "directed_at": ["northmoor-water-board", "example-water-regulator"]}
    rows = list(csv.DictReader(io.StringIO(tables(list(ds.cases.values()))["findings"])))
    assert len(rows) == 64
    assert {k: rows[3][k] for k in ("finding", "kind", "number", "paragraph",
                                    "directed_at")} == {
        "finding": "northmoor-2025-final-report-4", "kind": "recommendation", "number": "4",
        "paragraph": "9.5", "directed_at": "northmoor-water-board example-water-regulator"}


def test_the_fixture_inquiry_builds_with_recommendation_labels(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "p", INQUIRY / "data")
    monkeypatch.chdir(project)
    assert run(capsys, str(INQUIRY / "recommendations.csv"), "--record",
               "northmoor-2025-final-report")[0] == 0
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    case = project / "site/cases/example-northmoor-water-inquiry"
    soup = BeautifulSoup((case / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("table.cf-matrix tbody tr")
    assert len(rows) == 64
    assert [r.select_one(".cf-type").get_text() for r in rows[:3]] == [
        "Recommendation 1", "Recommendation 2", "Recommendation 3"]
    assert rows[11].th.get_text(" ", strip=True).startswith(
        f"Pipes and reservoirs (fictional test theme) Recommendation 12 : {words(12)}")
    page = BeautifulSoup((case / "findings/northmoor-2025-final-report-4/index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    assert page.h1.select_one(".cf-type").get_text() == "Recommendation 4"
    assert page.title.get_text().startswith("Recommendation 4: The body should report on")
    facts = page.select_one("dl.cf-finding-facts")
    terms = {dt.get_text(): dt.find_next_sibling("dd") for dt in facts.find_all("dt")}
    assert [(a.get_text(), a["href"]) for a in terms["Addressed to"].find_all("a")] == [
        ("Northmoor Water Board (fictional)", "../../../../bodies/northmoor-water-board/"),
        ("Example Water Quality Regulator (fictional)",
         "../../../../bodies/example-water-regulator/")]
    assert terms["Paragraph"].get_text() == "9.5"
    assert terms["Recommendation 4"].get_text().startswith(words(4))


def test_the_sample_file_imports_and_the_how_to_matches_the_command(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = REPO / "docs/examples/recommendations.csv"
    assert run(capsys, str(sample), "--record", "northmoor-2025-final-report")[0] == 0
    header = sample.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert set(header) <= set(COLUMNS)
    howto = (REPO / "content/how-to-edit.md").read_text(encoding="utf-8")
    section = howto.split("## Importing recommendations", 1)[1].split("\n## ", 1)[0]
    assert ("casefile import recommendations docs/examples/recommendations.csv --record "
            in section)
    commands = parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    recs = commands["import"]._subparsers._group_actions[0].choices["recommendations"]
    options = {o for a in recs._actions for o in a.option_strings if o.startswith("--")}
    assert options == {"--help", "--record", "--theme", "--source", "--prefix", "--data"}
    for option in options - {"--help"}:
        assert f"`{option}" in section, option
    for column in COLUMNS:
        assert f"`{column}`" in section, column


def test_a_record_s_empty_findings_list_is_filled_in_place(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = site / RECORD
    path.write_text(path.read_text(encoding="utf-8") + "findings: []  # none yet\n"
                    "next:\n  - text: More hearings (invented).\n"
                    "    cite: [northmoor-final-report]\n", encoding="utf-8")
    (site / "recs.csv").write_text(HEADER + f"5,9.6,{json.dumps(words(5))},,"
                                   "fictional-water-quality\n", encoding="utf-8")
    assert run(capsys, "recs.csv", "--record", "northmoor-2025-final-report")[0] == 0
    after = path.read_text(encoding="utf-8")
    assert "findings:  # none yet\n  - id: northmoor-2025-final-report-5\n" in after
    assert after.endswith("next:\n  - text: More hearings (invented).\n"
                          "    cite: [northmoor-final-report]\n")
    node, problems = parse_text(after, "x.yml")
    assert node is not None and problems == []


def test_append_keeps_the_list_s_own_indentation_and_refuses_a_flow_list() -> None:
    new = [{"id": "a", "text": "x: y # not a comment", "cite": [{"source": "s", "quote": "q"}]}]
    assert append("id: r\nfindings:\n- id: b\n  text: b\n# last\n", "findings", new) == (
        "id: r\nfindings:\n- id: b\n  text: b\n"
        '- id: a\n  text: "x: y # not a comment"\n  cite:\n    - source: s\n'
        '      quote: "q"\n# last\n')
    assert append("id: r", "findings", new) == (
        "id: r\nfindings:\n"
        '  - id: a\n    text: "x: y # not a comment"\n    cite:\n      - source: s\n'
        '        quote: "q"\n')
    with pytest.raises(AppendError) as caught:
        append("id: r\nfindings: [{id: b}]\n", "findings", new)
    assert str(caught.value) == ("line 2: 'findings' is not a block list ('- ' items, one "
                                 "under another); write it as one to import")


def test_a_row_with_too_many_cells_and_an_empty_file(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "recs.csv").write_text(
        HEADER + f"1,9.2,{words(1)},,fictional-water-quality\n"
        f"2,9.3,{json.dumps(words(2))},,fictional-water-quality\n"
        f"3,9.4,Three, without quotes,,fictional-water-quality\n", encoding="utf-8")
    code, _, err = run(capsys, "recs.csv", "--record", "northmoor-2025-final-report")
    assert code == 1
    assert err.splitlines() == [
        "recs.csv:2: 6 cells where the header has 5; put a cell that holds a comma in double "
        "quotes",
        "recs.csv:4: 6 cells where the header has 5; put a cell that holds a comma in double "
        "quotes",
        "casefile import: 2 problems found; nothing was written"]
    (site / "recs.csv").write_text("\n", encoding="utf-8")
    assert run(capsys, "recs.csv", "--record", "northmoor-2025-final-report")[2] == (
        "recs.csv:1: empty file; the first line names the columns: number, paragraph, text, "
        "directed_at\n"
        "casefile import: 1 problem found; nothing was written\n")
    (site / "recs.csv").write_text(HEADER + f"1,9.2,{json.dumps(words(1))},,"
                                   "fictional-water-quality\n", encoding="utf-8")
    assert run(capsys, "recs.csv", "--record", "northmoor-2025-final-report")[1] == (
        f"casefile import: added 1 recommendation to {RECORD}\n")
