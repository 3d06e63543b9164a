"""The grade comparison, exactly (casefile.model.grades): each rating against the same
body's previous grade for the same area, in the words the "Ratings over time" table shows.

Pinned boundaries: the same rank ("Same as"), one rank better or worse, the scale's ends,
the first grade for an area, the same area written in another case, the latest earlier
grade (not the first), two bodies grading the same area, and a grade the sources leave
unsettled, which counts as the worse one whichever source gives it.

The scale is a made-up four-grade one; the bodies and records are the fictional Town
Council fixture (tests/conftest.py MINI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.model import grades
from casefile.model import objects as m
from casefile.pipeline import load_dataset
from tests.conftest import MINI, write_tree

SCALE = """\
grades:
  - value: outstanding
    label: Outstanding
  - value: good
    label: Good
  - value: requires_improvement
    label: Requires improvement
  - value: inadequate
    label: Inadequate
"""
LABEL = {"outstanding": "Outstanding", "good": "Good",
         "requires_improvement": "Requires improvement", "inadequate": "Inadequate"}
RANKS = list(LABEL)  # best first, as the scale lists them
INS = "cases/town/records/town-inspection.yml"  # July 2017, in MINI
DATES = {"town-second": ("2019-02-14", "14 February 2019"),
         "town-third": ("2019-06-03", "3 June 2019")}
GAZETTE = """\
id: gazette
title: Inspectors' verdict
publisher_note: The Town Gazette, a fictional local newspaper.
kind: news_article
published: 2017-10-03
url: https://example.org/gazette
accessed: 2020-01-01
language: en
"""


def rating(grade: str, area: str | None = None, by: str | None = None,
           differ: str = "") -> str:
    """One item of a record's ``ratings:`` list."""
    lines = [f"  - grade: {grade}\n"]
    if area is not None:
        lines.append(f"    area: {area}\n")
    if by is not None:
        lines.append(f"    by: {by}\n")
    lines.append("    cite: [report-2017]\n")
    return "".join(lines) + differ


def unsettled(*values: str) -> str:
    """A ``sources_differ`` on a rating's grade that leaves it unsettled."""
    listed = "".join(f"          - value: {v}\n            cite: [gazette]\n" for v in values)
    return (f"    sources_differ:\n      grade:\n        values:\n{listed}"
            "        unsettled: true\n        reason: The report and the newspaper differ.\n")


def chosen(own: str, *values: str) -> str:
    return unsettled(*values).replace("unsettled: true", f"chosen: {own}")


def case(tmp_path: Path, *records: str, **later: str) -> m.Case:
    """The Town case with ``records`` (each a ``ratings:`` list) given in order by the July
    2017 inspection and later records ("town-second", "town-third" by keyword)."""
    files = dict(MINI)
    files["bodies/inspectorate.yml"] += SCALE
    files["bodies/town-council.yml"] += SCALE
    files["sources/gazette.yml"] = GAZETTE
    if records:
        files[INS] += "ratings:\n" + records[0]
    for ident, ratings in later.items():
        files[f"cases/town/records/{ident}.yml"] = (
            f"id: {ident}\ntype: re_inspection\ntitle: {ident} title\n"
            f"date: {DATES[ident][0]}\nbody: inspectorate\nsummary: Inspectors came back.\n"
            f"cite: [report-2017]\nratings:\n{ratings}")
    write_tree(tmp_path / "data", files)
    return load_dataset(tmp_path / "data", use_cache=False).cases["town"]


def rows(c: m.Case) -> list[tuple[str, str, str, str, str, str]]:
    """Each row: record, body, area, grade, change, comparison."""
    return [(x.rating.record.id, x.rating.by.id, x.rating.area_label, x.rating.grade.value,
             x.change, x.comparison) for x in grades.ratings(c)]


def sentence(words: str, date: str, grade: str) -> str:
    return f"{words} the previous inspection ({date}: {LABEL[grade]})"


FIRST = "First grade for this area in these records"
PAIRS = [(before, now) for before in RANKS for now in RANKS]


@pytest.mark.parametrize(("before", "now"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_every_pair_of_grades_is_compared_by_rank(tmp_path: Path, before: str, now: str) -> None:
    """Same rank: "Same as"; a lower rank (nearer the top of the scale) is better, by one
    rank or by three."""
    c = case(tmp_path, rating(before), **{"town-second": rating(now)})
    step = RANKS.index(now) - RANKS.index(before)
    change = "same" if step == 0 else "better" if step < 0 else "worse"
    words = {"same": "Same as", "better": "Better than", "worse": "Worse than"}[change]
    assert rows(c) == [
        ("town-inspection", "inspectorate", "Overall", before, "first", FIRST),
        ("town-second", "inspectorate", "Overall", now, change,
         sentence(words, "July 2017", before))]


def test_one_rank_either_way_in_words(tmp_path: Path) -> None:
    """The three sentences written out, one rank apart and the same."""
    c = case(tmp_path, rating("good") + rating("good", "Leadership")
             + rating("good", "Safety"),
             **{"town-second": rating("requires_improvement") + rating("outstanding", "Leadership")
                + rating("good", "Safety")})
    assert [x.comparison for x in grades.ratings(c)][3:] == [
        "Worse than the previous inspection (July 2017: Good)",
        "Better than the previous inspection (July 2017: Good)",
        "Same as the previous inspection (July 2017: Good)"]


def test_the_first_grade_for_an_area(tmp_path: Path) -> None:
    c = case(tmp_path, rating("good", "Leadership"),
             **{"town-second": rating("inadequate") + rating("good", "Leadership and care")})
    assert rows(c) == [
        ("town-inspection", "inspectorate", "Leadership", "good", "first", FIRST),
        ("town-second", "inspectorate", "Overall", "inadequate", "first", FIRST),
        ("town-second", "inspectorate", "Leadership and care", "good", "first", FIRST)]


@pytest.mark.parametrize("later", ["leadership", "LEADERSHIP", "Leadership"])
def test_the_same_area_in_another_case_is_the_same_area(tmp_path: Path, later: str) -> None:
    c = case(tmp_path, rating("good", "Leadership"),
             **{"town-second": rating("inadequate", later)})
    assert rows(c)[1] == ("town-second", "inspectorate", later, "inadequate", "worse",
                          "Worse than the previous inspection (July 2017: Good)")


def test_the_latest_earlier_grade_is_the_one_compared(tmp_path: Path) -> None:
    c = case(tmp_path, rating("good"), **{"town-second": rating("inadequate"),
                                          "town-third": rating("good")})
    assert [x[4:] for x in rows(c)] == [
        ("first", FIRST),
        ("worse", "Worse than the previous inspection (July 2017: Good)"),
        ("better", "Better than the previous inspection (14 February 2019: Inadequate)")]


def test_two_bodies_grading_the_same_area_are_compared_separately(tmp_path: Path) -> None:
    c = case(tmp_path, rating("good", "Leadership") + rating("inadequate", "Leadership",
                                                             by="town-council"),
             **{"town-second": rating("outstanding", "Leadership", by="town-council")
                + rating("requires_improvement", "Leadership")})
    assert rows(c) == [
        ("town-inspection", "inspectorate", "Leadership", "good", "first", FIRST),
        ("town-inspection", "town-council", "Leadership", "inadequate", "first", FIRST),
        ("town-second", "town-council", "Leadership", "outstanding", "better",
         "Better than the previous inspection (July 2017: Inadequate)"),
        ("town-second", "inspectorate", "Leadership", "requires_improvement", "worse",
         "Worse than the previous inspection (July 2017: Good)")]


@pytest.mark.parametrize(("own", "others", "worse"), [
    ("good", ["requires_improvement"], "requires_improvement"),  # the other source's
    ("requires_improvement", ["good"], "requires_improvement"),  # the field's own
    ("good", ["inadequate", "requires_improvement"], "inadequate"),  # three: the worst
    ("good", ["outstanding", "requires_improvement"], "requires_improvement"),
    ("inadequate", ["outstanding", "good"], "inadequate"),
])
def test_an_unsettled_grade_is_compared_as_the_worse_one(
        tmp_path: Path, own: str, others: list[str], worse: str) -> None:
    """Never the better: both the unsettled rating and the rating that follows it are
    compared with the worse grade the sources give."""
    c = case(tmp_path, rating("good"),
             **{"town-second": rating(own, differ=unsettled(*others)),
                "town-third": rating("good")})
    assert rows(c)[1:] == [
        ("town-second", "inspectorate", "Overall", worse, "worse",
         "Worse than the previous inspection (July 2017: Good)"),
        ("town-third", "inspectorate", "Overall", "good", "better",
         sentence("Better than", "14 February 2019", worse))]


def test_a_chosen_grade_is_compared_as_chosen(tmp_path: Path) -> None:
    """Settled: the field's own grade, even when another source gives a worse one."""
    c = case(tmp_path, rating("requires_improvement"),
             **{"town-second": rating("good", differ=chosen("good", "inadequate"))})
    assert rows(c)[1][3:] == ("good", "better", "Better than the previous inspection "
                              "(July 2017: Requires improvement)")


def test_the_plain_functions_say_first_without_a_previous_grade(tmp_path: Path) -> None:
    c = case(tmp_path, rating("good"))
    only = c.records[0].ratings[0]
    assert (grades.change(only, None), grades.comparison(only, None)) == ("first", FIRST)
    assert (grades.change(only, only), grades.comparison(only, only)) == (
        "same", "Same as the previous inspection (July 2017: Good)")
