"""Sources that disagree (``sources_differ``): the chosen value with every value and its
sources on the page, the range when unsettled, and each mistake as a located problem.

The fixture is the fictional Town Council case with a fictional newspaper, the Town
Gazette, that gives another publication day and another grade."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft7Validator

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.outputs.jsonschema import file_schema
from casefile.outputs.opendata import from_json, to_json
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import REPO, write_mini
from tests.test_schema_agreement import schema_errors

INS = "cases/town/records/town-inspection.yml"
FOLLOW = "cases/town/records/town-follow-up.yml"
GAZETTE = """\
id: gazette-report
title: Inspectors' verdict on the council
publisher_note: The Town Gazette, a fictional local newspaper.
kind: news_article
published: 2017-10-03
url: https://example.org/gazette
accessed: 2020-01-01
language: en
"""
SCALE = ("    from: 2018-01\n", "    from: 2018-01\ngrades:\n  - value: good\n    label: Good\n"
         "  - value: adequate\n    label: Adequate\n  - value: weak\n    label: Weak\n")
PUBLISHED = """\
sources_differ:
  published:
    values:
      - value: 2017-10-03
        cite: [{source: gazette-report, quote: published on Tuesday}]
    chosen: 2017-10-02
    reason: The inspectorate's own page gives the 2nd.
"""
RATING = """\
ratings:
  - grade: adequate
    cite: [report-2017]
    sources_differ:
      grade:
        values:
          - value: good
            cite: [gazette-report]
        chosen: adequate
        reason: The report itself says adequate; the newspaper misread it.
"""


def changes(record: str = PUBLISHED + RATING, **more: Any) -> dict[str, Any]:
    return {"sources/gazette-report.yml": GAZETTE, "bodies/inspectorate.yml": SCALE,
            INS: ("statements:", record + "statements:"), **more}


def load(tmp_path: Path, files: dict[str, Any]) -> m.Dataset:
    return load_dataset(write_mini(tmp_path, files), use_cache=False)


def problems(tmp_path: Path, files: dict[str, Any]) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(tmp_path, files)
    return [str(p) for p in caught.value.problems]


def soup(tmp_path: Path, files: dict[str, Any], macro: str) -> BeautifulSoup:
    r = Renderer(load(tmp_path, files), REPO / "macros")
    return BeautifulSoup(str(r.macro(macro, "cases/town.md", view=r.views["town"])),
                         "html.parser")


def note_text(details: Any) -> tuple[str, list[str], str]:
    """A 'Sources differ' note: its summary, each value with its citations, its reason."""
    return (details.summary.get_text(" ", strip=True),
            [li.get_text(" ", strip=True) for li in details.select("li")],
            details.p.get_text(" ", strip=True))


def test_a_date_disagreement_shows_both_sources_with_the_publication(tmp_path: Path) -> None:
    page = soup(tmp_path, changes(), "timeline")
    entry = page.select_one("#ev-town-inspection-published")
    notes = entry.select("details.cf-differ")
    assert len(notes) == 1
    assert note_text(notes[0]) == (
        "Sources differ on the publication date: 2 October 2017 chosen",
        ["2 October 2017 (chosen): [1]", "3 October 2017: [2]"],
        "Why this value: The inspectorate's own page gives the 2nd.")
    assert [a["href"] for a in notes[0].select("a")] == ["#ref-1", "#ref-2"]
    assert entry.select_one("time").get_text() == "2 October 2017"
    assert not page.select("#ev-town-inspection details")  # the event's own date agrees


def test_a_grade_disagreement_shows_both_sources_in_the_ratings(tmp_path: Path) -> None:
    page = soup(tmp_path, changes(), "ratings")
    cell = page.select("tbody tr td")[2]
    assert cell.select_one(".cf-grade").get_text() == "Adequate"
    assert note_text(cell.select_one("details.cf-differ")) == (
        "Sources differ on the grade: Adequate chosen",
        ["Adequate (chosen): [1]", "Good: [2]"],
        "Why this value: The report itself says adequate; the newspaper misread it.")


def test_the_bibliography_numbers_the_other_values_sources(tmp_path: Path) -> None:
    r = Renderer(load(tmp_path, changes()), REPO / "macros")
    assert [s.id for s in r.views["town"].bibliography] == [
        "report-2017", "gazette-report", "council-news"]


def test_unsettled_dates_are_a_span_from_the_earliest_to_the_latest(tmp_path: Path) -> None:
    record = PUBLISHED.replace("chosen: 2017-10-02", "unsettled: true")
    ds = load(tmp_path, changes(record))
    inspection = ds.cases["town"].records[0]
    published = inspection.published
    assert published is not None
    assert (published.earliest, published.latest, published.human(), published.precision) == (
        dt.date(2017, 10, 2), dt.date(2017, 10, 3), "2 or 3 October 2017", "span")
    # the deadline of 20 working days from publication runs from either day
    outcome = ds.cases["town"].requirements[0].outcome
    assert outcome is not None
    assert (outcome.due_from, outcome.due_until) == (dt.date(2017, 10, 30),
                                                     dt.date(2017, 10, 31))
    page = soup(tmp_path, changes(record), "timeline")
    summary = page.select_one("#ev-town-inspection-published details summary")
    assert summary.get_text() == ("Sources differ on the publication date: not settled, "
                                  "shown as 2 or 3 October 2017")


def test_an_unsettled_event_date_orders_by_its_first_day_and_sets_as_of(tmp_path: Path) -> None:
    """The follow-up was on 1 or 3 March 2018; another record on 2 March comes after it,
    and the case is computed as of the first possible day of its latest document."""
    follow = ("date: 2018-03-01\n", "date: 2018-03-01\nsources_differ:\n  date:\n    values:\n"
              "      - value: 2018-03-03\n        cite: [gazette-report]\n    unsettled: true\n"
              "    reason: The council's news and the newspaper differ.\n")
    other = ("id: town-letter\ntype: other\ntitle: Letter\ndate: 2018-03-02\nbody: town-council\n"
             "summary: A letter.\ncite: [council-news]\n")
    files = changes(**{FOLLOW: follow, "cases/town/records/town-letter.yml": other})
    ds = load(tmp_path, files)
    case = ds.cases["town"]
    assert [(r.id, r.date.human()) for r in case.records] == [
        ("town-inspection", "July 2017"), ("town-follow-up", "1 or 3 March 2018"),
        ("town-letter", "2 March 2018")]
    assert case.as_of == dt.date(2018, 3, 2)


def test_a_month_disagreement_in_words(tmp_path: Path) -> None:
    record = PUBLISHED.replace("2017-10-03", "2017-11").replace(
        "chosen: 2017-10-02", "unsettled: true")
    ds = load(tmp_path, changes(record))
    assert ds.cases["town"].records[0].published.human() == "2 October 2017 or November 2017"


def test_unsettled_grades_count_as_the_worse_one(tmp_path: Path) -> None:
    rating = RATING.replace("chosen: adequate", "unsettled: true").replace("good", "weak")
    r = Renderer(load(tmp_path, changes(PUBLISHED + rating)), REPO / "macros")
    row = r.views["town"].ratings[0]
    assert (row.rating.grade.value, row.rating.grade_shown) == ("weak", "Adequate or Weak")


def test_unsettled_amounts_show_every_amount(tmp_path: Path) -> None:
    money = ("    cite: [report-2017]\ncite:", "    cite: [report-2017]\n    sources_differ:\n"
             "      amount:\n        values:\n          - value: 4500000\n"
             "            cite: [gazette-report]\n        unsettled: true\n"
             "        reason: The report and the newspaper differ.\ncite:")
    files = changes(**{"cases/town/case.yml": money})
    r = Renderer(load(tmp_path, files), REPO / "macros")
    item = r.views["town"].case.money[0]
    assert (item.amount, item.text()) == (4000000, "£4 million or £4.5 million")
    page = BeautifulSoup(str(r.macro("money", "cases/town.md", view=r.views["town"])),
                         "html.parser")
    assert note_text(page.select_one("details.cf-differ")) == (
        "Sources differ on the amount: not settled, shown as £4 million or £4.5 million",
        ["£4 million: [1]", "£4.5 million: [2]"],
        "Why it is not settled: The report and the newspaper differ.")


def test_a_sources_own_date_disagreement_links_to_the_sources(tmp_path: Path) -> None:
    """A source's own date, given otherwise by another source (linked before it or after)."""
    gazette = GAZETTE + PUBLISHED.replace("2017-10-03", "2017-10-04").replace(
        "2017-10-02", "2017-10-03").replace("gazette-report", "report-2017")
    page = soup(tmp_path, changes(**{"sources/gazette-report.yml": gazette}), "bibliography")
    entry = page.select_one("#ref-2")
    assert note_text(entry.select_one("details.cf-differ")) == (
        "Sources differ on the publication date: 3 October 2017 chosen",
        ["3 October 2017 (chosen): Publisher not named, Inspectors' verdict on the council",
         "4 October 2017: New Inspectorate, Inspection of Town Council"],
        "Why this value: The inspectorate's own page gives the 2nd.")
    assert [a["href"] for a in entry.select("details a")] == [
        "../../sources/#src-gazette-report", "../../sources/#src-report-2017"]


def test_open_data_carries_the_alternatives_and_reads_back(tmp_path: Path) -> None:
    ds = load(tmp_path, changes(PUBLISHED.replace("chosen: 2017-10-02", "unsettled: true")
                                + RATING))
    data = to_json(ds)
    record = next(r for r in data["cases"][0]["records"] if r["id"] == "town-inspection")
    assert record["published"] == "2017-10-02"
    assert record["sources_differ"] == {"published": {
        "values": [{"value": "2017-10-03", "cite": [
            {"source": "gazette-report", "quote": "published on Tuesday",
             "derived": {"checked": False}}]}],  # no stored copy: not checked
        "unsettled": True, "reason": "The inspectorate's own page gives the 2nd."}}
    assert record["ratings"][0]["grade"] == "adequate"
    assert record["ratings"][0]["sources_differ"]["grade"]["chosen"] == "adequate"
    again = from_json(data)
    assert again.cases["town"].records[0].published.human() == "2 or 3 October 2017"


WHERE = f"data/{INS}"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("        cite: [{source: gazette-report, quote: published on Tuesday}]\n", "",
     "27:9: sources_differ.published.values[0].cite: missing required key 'cite' "
     "(citations: the sources that give this value)"),
    ("    chosen: 2017-10-02\n", "",
     "26:5: sources_differ.published: give exactly one of 'chosen' or 'unsettled'; write "
     "chosen: with the field's own value again, or unsettled: true if the sources cannot be "
     "settled"),
    ("    chosen: 2017-10-02\n", "    chosen: 2017-10-02\n    unsettled: true\n",
     "26:5: sources_differ.published: give exactly one of 'chosen' or 'unsettled'; write "
     "chosen: with the field's own value again, or unsettled: true if the sources cannot be "
     "settled"),
    ("chosen: 2017-10-02", "chosen: 2017-10-07",
     "29:13: sources_differ.published.chosen: chosen 2017-10-07 is not among the values "
     "(2017-10-02, 2017-10-03); choose one of them, or write unsettled: true instead of chosen"),
    ("chosen: 2017-10-02", "chosen: 2017-10-03",
     "29:13: sources_differ.published.chosen: chosen 2017-10-03 is one of the other values, "
     "but 'published' is 2017-10-02; the chosen value goes in the field itself: write "
     "published: 2017-10-03, and list 2017-10-02 under values with its citation"),
    ("value: 2017-10-03", "value: 2017-10-02",
     "27:16: sources_differ.published.values[0].value: 2017-10-02 is the value of "
     "'published' itself; list under values only the values other sources give"),
    ("    chosen: 2017-10-02\n", "    unsettled: false\n",
     "29:16: sources_differ.published.unsettled: unsettled: false chooses nothing; give "
     "chosen: with the value chosen, or write unsettled: true if the sources cannot be "
     "settled"),
    ("  published:\n", "  amount:\n",
     "25:3: sources_differ.amount: unknown key 'amount' (allowed: date, published)"),
    ("reason: The inspectorate's own page gives the 2nd.\n", "reason: x\n      - value: "
     "2017-10-03\n        cite: [report-2017]\n",
     "29:16: sources_differ.published.values[1].value: 2017-10-03 is listed twice; give it "
     "once, with every source that gives it in its cite"),
])
def test_each_mistake_is_located_with_a_hint(tmp_path: Path, old: str, new: str,
                                             expected: str) -> None:
    if "reason: x" in new:  # a second value, given twice
        record = PUBLISHED.replace("    chosen: 2017-10-02\n", "").replace(
            "    reason:", "      - value: 2017-10-03\n        cite: [report-2017]\n"
            "    chosen: 2017-10-02\n    reason:")
    else:
        record = PUBLISHED.replace(old, new)
    assert problems(tmp_path, changes(record)) == [f"{WHERE}:{expected}"]


def test_a_disagreement_on_a_field_the_record_does_not_give(tmp_path: Path) -> None:
    files = changes(PUBLISHED, **{})
    files[FOLLOW] = ("summary: The council reported progress.\n",
                     "summary: The council reported progress.\n" + PUBLISHED)
    assert problems(tmp_path, files) == [
        f"data/{FOLLOW}:9:5: sources_differ.published: sources differ on 'published', but "
        "this record gives no 'published'; write the chosen value as 'published:' (when "
        "unsettled, one of the values), supported by the record's citations, and list only "
        "the other values here"]


def test_an_alternative_grade_must_be_in_the_scale(tmp_path: Path) -> None:
    assert problems(tmp_path, changes(PUBLISHED + RATING.replace("value: good",
                                                                 "value: Good"))) == [
        f"{WHERE}:37:20: ratings[0].sources_differ.grade.values[0].value: 'Good' is not a "
        "grade of New Inspectorate; for Good, write 'good' (its grades: 'good' for Good, "
        "'adequate' for Adequate, 'weak' for Weak)"]


def test_the_json_schema_agrees(tmp_path: Path) -> None:
    files = write_mini(tmp_path, changes())
    text = (files / INS).read_text(encoding="utf-8")
    assert schema_errors("record", text) == []
    for old, new in [("        cite: [{source: gazette-report, quote: published on Tuesday}]\n",
                      ""), ("    chosen: 2017-10-02\n", ""), ("  published:\n", "  amount:\n")]:
        assert schema_errors("record", text.replace(old, new, 1)), old
    assert Draft7Validator(file_schema("record"))  # the schema itself is valid
