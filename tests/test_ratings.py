"""Regulators' grading scales, ratings on records and the "Ratings over time" view.

The scale below is a made-up example shaped like Ofsted's four grades; the bodies and
records are the fictional Town Council fixture."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.errors import DataError
from casefile.outputs.opendata import from_json, to_json
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import MINI, REPO, write_tree

SCALE = """\
grades:
  - value: outstanding
    label: Outstanding
  - value: good
    label: Good
  - value: requires_improvement
    label: Requires improvement to be good
    description: Not yet good.
  - value: inadequate
    label: Inadequate
"""
GRADES = ("'outstanding' for Outstanding, 'good' for Good, 'requires_improvement' for "
          "Requires improvement to be good, 'inadequate' for Inadequate")
INS = "cases/town/records/town-inspection.yml"
RE = "cases/town/records/town-reinspection.yml"
VISIT = "cases/town/records/town-visit.yml"


def record(ident: str, type_: str, date: str, ratings: str) -> str:
    return (f"id: {ident}\ntype: {type_}\ntitle: {ident} title\ndate: {date}\n"
            f"body: inspectorate\nsummary: Inspectors came back.\ncite: [report-2017]\n"
            f"ratings:\n{ratings}")


def rated() -> dict[str, str]:
    files = dict(MINI)
    files["bodies/inspectorate.yml"] += SCALE
    files[INS] += ("ratings:\n  - grade: inadequate\n    cite: [report-2017]\n"
                   "  - area: Leadership\n    grade: requires_improvement\n"
                   "    cite: [report-2017]\n")
    files[RE] = record("town-reinspection", "re_inspection", "2019-02-14", (
        "  - grade: requires_improvement\n    cite: [report-2017]\n"
        "  - area: leadership\n    grade: inadequate\n    cite: [report-2017]\n"
        "  - area: Help and protection\n    grade: good\n    cite: [report-2017]\n"))
    files[VISIT] = record("town-visit", "focused_visit", "2019-06-03",
                          "  - grade: requires_improvement\n    cite: [council-news]\n")
    return files


def load(tmp_path: Path, files: dict[str, str]):  # type: ignore[no-untyped-def]
    write_tree(tmp_path / "data", files)
    return load_dataset(tmp_path / "data", use_cache=False)


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(tmp_path, files)
    return [str(p) for p in caught.value.problems]


def test_scale_and_ratings_are_linked_in_order(tmp_path: Path) -> None:
    ds = load(tmp_path, rated())
    body = ds.bodies["inspectorate"]
    assert [(g.value, g.rank) for g in body.grades] == [
        ("outstanding", 0), ("good", 1), ("requires_improvement", 2), ("inadequate", 3)]
    assert body.grades[2].description == "Not yet good."
    first = ds.cases["town"].records[0]
    assert [(r.area_label, r.grade.label, r.by.id) for r in first.ratings] == [
        ("Overall", "Inadequate", "inspectorate"),
        ("Leadership", "Requires improvement to be good", "inspectorate")]


def test_each_rating_is_compared_with_the_same_area_before(tmp_path: Path) -> None:
    r = Renderer(load(tmp_path, rated()), REPO / "macros")
    rows = [(x.rating.record.id, x.rating.area_label, x.change, x.comparison)
            for x in r.views["town"].ratings]
    assert rows == [
        ("town-inspection", "Overall", "first", "First grade for this area in these records"),
        ("town-inspection", "Leadership", "first", "First grade for this area in these records"),
        ("town-reinspection", "Overall", "better",
         "Better than the previous inspection (July 2017: Inadequate)"),
        ("town-reinspection", "leadership", "worse",
         "Worse than the previous inspection (July 2017: Requires improvement to be good)"),
        ("town-reinspection", "Help and protection", "first",
         "First grade for this area in these records"),
        ("town-visit", "Overall", "same",
         "Same as the previous inspection (14 February 2019: Requires improvement to be good)"),
    ]


def test_another_bodys_grades_are_not_compared(tmp_path: Path) -> None:
    files = rated()
    files["bodies/town-council.yml"] += SCALE
    files[VISIT] = files[VISIT].replace("  - grade:", "  - by: town-council\n    grade:")
    view = Renderer(load(tmp_path, files), REPO / "macros").views["town"]
    last = view.ratings[-1]
    assert (last.rating.by.id, last.change) == ("town-council", "first")


def test_case_page_table_says_the_change_in_words(tmp_path: Path) -> None:
    r = Renderer(load(tmp_path, rated()), REPO / "macros")
    page = r.pages()["cases/town.md"]
    assert "## Ratings over time" in page
    soup = BeautifulSoup(r.macro("ratings", "cases/town.md", view=r.views["town"]),
                         "html.parser")
    table = soup.select_one("table.cf-ratings")
    assert table is not None
    assert table.caption.get_text() == "Ratings over time, oldest first"
    heads = [th.get_text() for th in table.select("thead th")]
    assert heads == ["Inspection", "Date", "Area", "Grade", "Compared with before"]
    rows = table.select("tbody tr")
    third = [td.get_text(" ", strip=True) for td in rows[2].select("th, td")]
    assert third == ["town-reinspection title", "14 February 2019", "Overall",
                     "Requires improvement to be good (New Inspectorate) [1]",
                     "Better than the previous inspection (July 2017: Inadequate)"]
    assert rows[2].th.a["href"] == "#ev-town-reinspection"
    timeline = BeautifulSoup(r.macro("timeline", "cases/town.md", view=r.views["town"]),
                             "html.parser")
    ids = {li["id"] for li in timeline.select("li[id]")}
    assert {row.th.a["href"][1:] for row in rows} <= ids  # each link lands on its event
    assert rows[-1].select("a[href^='#ref-']")[0].get_text() == "[2]"  # council-news
    # the inspectorate's grade is known only from the council's news: it says so
    assert " ".join(rows[-1].select("td")[2].get_text().split()) == (
        "Requires improvement to be good (New Inspectorate, as reported by Town Council "
        "(self-report)) [2]")


def test_nothing_shown_without_ratings(mini: Path) -> None:
    r = Renderer(load_dataset(mini), REPO / "macros")
    assert r.views["town"].ratings == []
    assert "Ratings over time" not in r.pages()["cases/town.md"]
    assert str(r.macro("ratings", "cases/town.md", view=r.views["town"])) == ""


def test_grade_must_be_in_the_bodys_scale(tmp_path: Path) -> None:
    files = rated()
    files[RE] = files[RE].replace("grade: good", "grade: god")
    assert problems(tmp_path, files) == [
        f"data/{RE}:15:12: ratings[2].grade: 'god' is not a grade of New Inspectorate (its "
        f"grades: {GRADES})"]  # no guess from the spelling


def test_a_body_without_grades_cannot_rate(tmp_path: Path) -> None:
    files = rated()
    files[VISIT] = files[VISIT].replace("  - grade:", "  - by: town-council\n    grade:")
    assert problems(tmp_path, files) == [
        f"data/{VISIT}:10:12: ratings[0].grade: Town Council has no grades; add its grading "
        "scale (grades:) to data/bodies/town-council.yml, or remove this rating"]


def test_one_rating_per_area_and_one_value_per_grade(tmp_path: Path) -> None:
    files = rated()
    files[RE] = files[RE].replace("area: Help and protection", "area: Leadership ")
    files["bodies/inspectorate.yml"] = files["bodies/inspectorate.yml"].replace(
        "value: outstanding", "value: good")
    assert problems(tmp_path, files) == [
        "data/bodies/inspectorate.yml:12:12: grades[1].value: grade 'good' is given twice; "
        "each grade of the scale needs its own value",
        f"data/{RE}:14:11: ratings[2].area: this record already gives New Inspectorate's "
        "grade for 'Leadership'; give one rating per area",
    ]


@pytest.mark.parametrize(("written", "hint"), [
    ("Inadequate", "; for Inadequate, write 'inadequate'"),
    ("GOOD", "; for Good, write 'good'"),
    ("Requires improvement to be good",
     "; for Requires improvement to be good, write 'requires_improvement'"),
    ("requires improvement", "; for Requires improvement to be good, write "
                             "'requires_improvement'"),
    ("Requires-Improvement", "; for Requires improvement to be good, write "
                             "'requires_improvement'"),
    ("requires", ""),
    ("'<b>Good</b>'", ""),
])
def test_a_grade_in_other_capitals_or_words_names_the_value(tmp_path: Path, written: str,
                                                            hint: str) -> None:
    files = rated()
    files[INS] = files[INS].replace("grade: inadequate", f"grade: {written}")
    shown = written.strip("'")
    assert problems(tmp_path, files) == [
        f"data/{INS}:30:12: ratings[0].grade: '{shown}' is not a grade of New Inspectorate"
        f"{hint} (its grades: {GRADES})"]


def test_a_grade_is_never_guessed_from_its_spelling(tmp_path: Path) -> None:
    """inadequate looks like adequate, but on this scale it is no grade at all."""
    files = rated()
    files["bodies/inspectorate.yml"] = files["bodies/inspectorate.yml"].replace(SCALE, (
        "grades:\n  - value: good\n    label: Good\n  - value: adequate\n    label: Adequate\n"
        "  - value: weak\n    label: Weak\n"))
    for path in (RE, VISIT):
        del files[path]
    files[INS] = files[INS].replace("grade: requires_improvement", "grade: Weak")
    scale = "'good' for Good, 'adequate' for Adequate, 'weak' for Weak"
    assert problems(tmp_path, files) == [
        f"data/{INS}:30:12: ratings[0].grade: 'inadequate' is not a grade of New "
        f"Inspectorate (its grades: {scale})",
        f"data/{INS}:33:12: ratings[1].grade: 'Weak' is not a grade of New Inspectorate; "
        f"for Weak, write 'weak' (its grades: {scale})"]


def test_ratings_and_scales_round_trip_through_open_data(tmp_path: Path) -> None:
    data = to_json(load(tmp_path, rated()))
    assert data["bodies"][0]["grades"][2] == {
        "value": "requires_improvement", "label": "Requires improvement to be good",
        "description": "Not yet good."}
    visit = data["cases"][0]["records"][-1]
    assert visit["ratings"] == [{"grade": "requires_improvement", "by": "inspectorate",
                                 "cite": [{"source": "council-news"}],
                                 "derived": {"change": "same",
                                             "compared_with_record": "town-reinspection",
                                             # known only from the council's own news
                                             "relayed_by": [{"publisher": "town-council",
                                                             "evidence_grade": "self_report"}]}}]
    first = data["cases"][0]["records"][0]["ratings"][0]
    assert first["derived"] == {"change": "first"}  # nothing earlier to compare with
    again = from_json(data)
    assert to_json(again) == data
