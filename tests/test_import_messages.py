"""`casefile import recommendations`: its messages (#18 review, item 4). Each row's problem
names its column and, for CSV, the line and column where the cell starts; a body named
twice is refused before anything is written; one repeated number is one problem; what the
check after writing finds in a new entry is told against its row, since the record is put
back and the lines it names are gone. Fictional: the inquiry fixture (tests/projects)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casefile.commands.import_read import cell_starts
from casefile.commands.import_target import Spans
from casefile.errors import Problem
from tests.test_import_recs import HEADER, RECORD, run, site, words

__all__ = ["site"]  # the fixture, used by name
RECORD_ID = "northmoor-2025-final-report"


def test_a_body_named_twice_is_refused_before_writing(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (site / RECORD).read_bytes()
    text = json.dumps(words(1))
    (site / "recs.csv").write_text(
        HEADER + f"1,9.2,{text},northmoor-water-board;example-water-regulator; "
        "northmoor-water-board,fictional-water-quality\n", encoding="utf-8")
    code, out, err = run(capsys, "recs.csv", "--record", RECORD_ID)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"recs.csv:2:{8 + len(text)}: column directed_at: body 'northmoor-water-board' is "
        "named twice; name each body the source addresses once",
        "casefile import: 1 problem found; nothing was written"]
    assert (site / RECORD).read_bytes() == before


def test_a_repeated_number_is_one_problem_and_an_id_made_from_a_number_says_so(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "recs.csv").write_text(
        HEADER + f"7,9.2,{json.dumps(words(1))},,fictional-water-quality\n"
        f"7,9.3,{json.dumps(words(2))},,fictional-water-quality\n"
        f"regulator,9.4,{json.dumps(words(3))},,fictional-water-quality\n", encoding="utf-8")
    code, _, err = run(capsys, "recs.csv", "--record", RECORD_ID, "--prefix", "example-water")
    assert code == 1
    assert err.splitlines() == [
        "recs.csv:3:1: column number: number '7' is already given at line 2; each "
        "recommendation needs its own number",
        "recs.csv:4:1: column number: the id made from it, 'example-water-regulator', is "
        "already used in the data set; give another in an id column (never overwritten)",
        "casefile import: 2 problems found; nothing was written"]


def test_a_cell_after_a_quoted_line_break_is_located_on_its_own_line(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "recs.csv").write_text(
        HEADER + '1,9.2,"Two lines, ""quoted""\nand more.",northmoor-water-bord,'
        "fictional-water-quality\n", encoding="utf-8")
    code, _, err = run(capsys, "recs.csv", "--record", RECORD_ID)
    assert code == 1
    assert err.splitlines()[0] == (
        "recs.csv:3:12: column directed_at: no body with id 'northmoor-water-bord'; did you "
        "mean 'northmoor-water-board'?; directed_at lists body ids (data/bodies/), separated "
        "by ';'")


def test_a_theme_from_the_option_is_named_as_the_option(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "recs.csv").write_text("number,paragraph,text,directed_at\n"
                                   f"1,9.2,{json.dumps(words(1))},\n", encoding="utf-8")
    code, _, err = run(capsys, "recs.csv", "--record", RECORD_ID, "--theme", "water")
    assert code == 1
    assert err.splitlines()[0] == ("recs.csv:2: --theme: no theme with id 'water' (themes are "
                                   "listed in data/themes.yml)")


@pytest.mark.parametrize(("raw", "starts"), [
    ("a,b,c\n", [(4, 1), (4, 3), (4, 5)]),
    ('"x, y",,"z ""q"", w"\r\n', [(4, 1), (4, 8), (4, 9)]),
    ('1,"two\nlines",three\n', [(4, 1), (4, 3), (5, 8)]),
    (',\n', [(4, 1), (4, 2)]),
])
def test_where_each_cell_starts(raw: str, starts: list[tuple[int, int]]) -> None:
    assert cell_starts(raw, 4) == starts


def test_a_problem_after_writing_is_placed_in_its_entry_or_back_in_the_file() -> None:
    spans = Spans("r.yml", 2, [(20, 30), (31, 41)], 22)  # a 'findings:' line added too

    def at(line: int, path: str = "", file: str = "r.yml") -> Problem:
        return Problem(file, line, 5, path, "wrong")

    assert spans.place(at(50, "findings[3].cite[0].quote")) == (1, at(
        50, "findings[3].cite[0].quote"))
    assert spans.place(at(25)) == (0, at(25))
    assert spans.place(at(41)) == (1, at(41))
    assert spans.place(at(45, "next[0].text")) == (None, at(23, "next[0].text"))
    assert spans.place(at(12, "findings[1].text")) == (None, at(12, "findings[1].text"))
    assert spans.place(at(25, file="other.yml")) == (None, at(25, file="other.yml"))
