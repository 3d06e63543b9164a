"""Sources that disagree, exactly (casefile.model.link_differ): the value the page and every
computation use, every value in words and as written with its sources, and the words for
"either".

Pinned: an unsettled date is a span from the earliest to the latest value, in words ("5 or 6
March 2019"); an unsettled amount keeps every amount, each said as the figure is (about, a
month); an unsettled grade counts as the worst grade any source gives, never a better one;
a chosen value is the field's own. The bodies, sources and records are the fictional Town
Council fixture (tests/conftest.py MINI) and a fictional newspaper."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.model.dates import PartialDate
from casefile.model.link_differ import either
from casefile.outputs.opendata import to_json
from casefile.pipeline import load_dataset
from tests.conftest import write_mini

INS = "cases/town/records/town-inspection.yml"
FOLLOW = "cases/town/records/town-follow-up.yml"
CASE = "cases/town/case.yml"
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
SCALE = ("    from: 2018-01\n", "    from: 2018-01\ngrades:\n  - value: outstanding\n"
         "    label: Outstanding\n  - value: good\n    label: Good\n"
         "  - value: requires_improvement\n    label: Requires improvement\n"
         "  - value: inadequate\n    label: Inadequate\n")
REASON = "The report and the newspaper differ."


def differ(name: str, values: list[str], settle: str, indent: str = "") -> str:
    """A ``sources_differ`` block on ``name``, each value cited to the newspaper; ``settle``
    is 'unsettled: true' or 'chosen: …'."""
    listed = "".join(f"{indent}      - value: {v}\n{indent}        cite: [gazette]\n"
                     for v in values)
    return (f"{indent}sources_differ:\n{indent}  {name}:\n{indent}    values:\n{listed}"
            f"{indent}    {settle}\n{indent}    reason: {REASON}\n")


def load(tmp_path: Path, **files: Any) -> m.Dataset:
    changes = {"sources/gazette.yml": GAZETTE, "bodies/inspectorate.yml": SCALE, **files}
    return load_dataset(write_mini(tmp_path, changes), use_cache=False)


def problems(tmp_path: Path, **files: Any) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(tmp_path, **files)
    return [str(p) for p in caught.value.problems]


def said(d: m.Disagreement) -> tuple[Any, ...]:
    """Everything a disagreement says: each value in words, as written, whether it is the
    field's own, and its sources."""
    values = [(v.shown, v.written, v.own, [c.source.id for c in v.cites]) for v in d.values]
    return d.field, d.what, values, d.chosen, d.reason, d.used


@pytest.mark.parametrize(("dates", "words"), [
    (["2019-03-05"], "5 March 2019"),
    (["2019-03-06", "2019-03-05", "2019-03-06"], "5 or 6 March 2019"),
    (["2019-03-05", "2019-03-06", "2019-03-07"], "5, 6 or 7 March 2019"),
    (["2019-03-30", "2019-04-02"], "30 March 2019 or 2 April 2019"),
    (["2019-03-05", "2020-03-05"], "5 March 2019 or 5 March 2020"),
    (["2019-03", "2019-04"], "March or April 2019"),
    (["2019-05", "2019-03", "2019-04"], "March, April or May 2019"),
    (["2019-12", "2020-01"], "December 2019 or January 2020"),
    (["2019-03", "2019-03-05"], "March 2019 or 5 March 2019"),
    (["2019", "2020"], "2019 or 2020"),
    (["2019-03", "2019-03-05", "2019-04-01"], "March 2019, 5 March 2019 or 1 April 2019"),
])
def test_either_in_words(dates: list[str], words: str) -> None:
    """Days of one month share the month; months of one year share the year; anything
    else is said in full; each date once, earliest first."""
    assert either([PartialDate.parse(x) for x in dates]) == words


FOLLOW_DATE = "date: 2018-03-01\n"


def test_an_unsettled_date_is_every_day_from_the_earliest_to_the_latest(tmp_path: Path) -> None:
    block = differ("date", ["2018-03-03", "2018-03-02"], "unsettled: true")
    ds = load(tmp_path, **{FOLLOW: (FOLLOW_DATE, FOLLOW_DATE + block)})
    record = ds.cases["town"].records[1]
    assert (record.id, record.date.earliest, record.date.latest, record.date.human()) == (
        "town-follow-up", dt.date(2018, 3, 1), dt.date(2018, 3, 3), "1, 2 or 3 March 2018")
    assert said(record.differs["date"]) == (
        "date", "date",
        [("1 March 2018", "2018-03-01", True, ["council-news"]),
         ("3 March 2018", "2018-03-03", False, ["gazette"]),
         ("2 March 2018", "2018-03-02", False, ["gazette"])],
        None, REASON, "1, 2 or 3 March 2018")


def test_a_chosen_date_is_the_fields_own(tmp_path: Path) -> None:
    block = differ("date", ["2018-03-03"], "chosen: 2018-03-01")
    ds = load(tmp_path, **{FOLLOW: (FOLLOW_DATE, FOLLOW_DATE + block)})
    record = ds.cases["town"].records[1]
    assert (record.date.earliest, record.date.latest, record.date.human()) == (
        dt.date(2018, 3, 1), dt.date(2018, 3, 1), "1 March 2018")
    assert said(record.differs["date"]) == (
        "date", "date",
        [("1 March 2018", "2018-03-01", True, ["council-news"]),
         ("3 March 2018", "2018-03-03", False, ["gazette"])],
        "1 March 2018", REASON, "1 March 2018")


def test_an_unsettled_publication_day_or_month(tmp_path: Path) -> None:
    """The field in words is "publication date"; a month is written as a month."""
    published = "published: 2017-10-02\n"
    block = differ("published", ["2017-11"], "unsettled: true")
    ds = load(tmp_path, **{INS: (published, published + block)})
    record = ds.cases["town"].records[0]
    assert record.published is not None
    assert (record.published.earliest, record.published.latest) == (
        dt.date(2017, 10, 2), dt.date(2017, 11, 30))
    assert said(record.differs["published"]) == (
        "published", "publication date",
        [("2 October 2017", "2017-10-02", True, ["report-2017"]),
         ("November 2017", "2017-11", False, ["gazette"])],
        None, REASON, "2 October 2017 or November 2017")


MONEY = "  - amount: 4000000\n    currency: GBP\n"
ABOUT = "  - amount: 4000000\n    approximate: true\n    per: month\n    currency: GBP\n"
REST = "    for: Set aside.\n    cite: [report-2017]\n"


def with_money(tmp_path: Path, settle: str, figure: str = ABOUT) -> m.Dataset:
    """The case's money figure, written as ``figure``, which sources differ on."""
    block = differ("amount", ["4500000", "3000000"], settle, indent="    ")
    return load(tmp_path, **{CASE: (MONEY + REST, figure + REST + block)})


def test_an_unsettled_amount_keeps_every_amount_said_as_the_figure_is(tmp_path: Path) -> None:
    item = with_money(tmp_path, "unsettled: true").cases["town"].money[0]
    assert (item.amount, item.others) == (Decimal(4000000), [Decimal(4500000), Decimal(3000000)])
    every = ("about £3 million a month or about £4 million a month or about £4.5 million "
             "a month")
    assert item.text() == every
    assert said(item.differs["amount"]) == (
        "amount", "amount",
        [("about £4 million a month", "4000000", True, ["report-2017"]),
         ("about £4.5 million a month", "4500000", False, ["gazette"]),
         ("about £3 million a month", "3000000", False, ["gazette"])],
        None, REASON, every)


def test_a_chosen_amount_is_the_fields_own_and_exported_as_written(tmp_path: Path) -> None:
    ds = with_money(tmp_path, "chosen: 4000000", MONEY)
    item = ds.cases["town"].money[0]
    assert (item.others, item.text()) == ([], "£4 million")
    assert said(item.differs["amount"]) == (
        "amount", "amount",
        [("£4 million", "4000000", True, ["report-2017"]),
         ("£4.5 million", "4500000", False, ["gazette"]),
         ("£3 million", "3000000", False, ["gazette"])],
        "£4 million", REASON, "£4 million")
    exported = to_json(ds)["cases"][0]["money"][0]["sources_differ"]["amount"]
    assert (exported["chosen"], [v["value"] for v in exported["values"]]) == (
        "4000000", ["4500000", "3000000"])


GRADED = "statements:"


def rated(grade: str, settle: str, *others: str) -> dict[str, Any]:
    """The July 2017 inspection's overall grade, which sources differ on."""
    block = differ("grade", list(others), settle, indent="    ")
    return {INS: (GRADED, f"ratings:\n  - grade: {grade}\n    cite: [report-2017]\n"
                          f"{block}{GRADED}")}


@pytest.mark.parametrize(("own", "others", "worst", "used"), [
    ("good", ["requires_improvement"], "requires_improvement", "Good or Requires improvement"),
    ("requires_improvement", ["good"], "requires_improvement", "Good or Requires improvement"),
    ("good", ["inadequate", "requires_improvement"], "inadequate",
     "Good, Requires improvement or Inadequate"),
    ("requires_improvement", ["outstanding", "good"], "requires_improvement",
     "Outstanding, Good or Requires improvement"),
    ("outstanding", ["inadequate"], "inadequate", "Outstanding or Inadequate"),
])
def test_an_unsettled_grade_counts_as_the_worst_any_source_gives(
        tmp_path: Path, own: str, others: list[str], worst: str, used: str) -> None:
    ds = load(tmp_path, **rated(own, "unsettled: true", *others))
    rating = ds.cases["town"].records[0].ratings[0]
    assert (rating.grade.value, rating.grade_shown) == (worst, used)
    labels = {g.value: g.label for g in rating.by.grades}
    assert said(rating.differs["grade"]) == (
        "grade", "grade",
        [(labels[own], own, True, ["report-2017"])]
        + [(labels[x], x, False, ["gazette"]) for x in others],
        None, REASON, used)


def test_a_chosen_grade_is_the_fields_own_even_when_another_is_worse(tmp_path: Path) -> None:
    ds = load(tmp_path, **rated("good", "chosen: good", "inadequate", "outstanding"))
    rating = ds.cases["town"].records[0].ratings[0]
    assert (rating.grade.value, rating.grade_shown) == ("good", "Good")
    assert said(rating.differs["grade"]) == (
        "grade", "grade",
        [("Good", "good", True, ["report-2017"]), ("Inadequate", "inadequate", False, ["gazette"]),
         ("Outstanding", "outstanding", False, ["gazette"])],
        "Good", REASON, "Good")


def test_each_grade_not_in_the_scale_is_located(tmp_path: Path) -> None:
    """Every other value is checked, not only the first; a label is pointed to its value."""
    scale = ("'outstanding' for Outstanding, 'good' for Good, 'requires_improvement' for "
             "Requires improvement, 'inadequate' for Inadequate")
    where = f"data/{INS}"
    assert problems(tmp_path, **rated("good", "unsettled: true", "inadequate",
                                      "Requires Improvement", "excellent")) == [
        f"{where}:32:20: ratings[0].sources_differ.grade.values[1].value: 'Requires "
        f"Improvement' is not a grade of New Inspectorate; for Requires improvement, write "
        f"'requires_improvement' (its grades: {scale})",
        f"{where}:34:20: ratings[0].sources_differ.grade.values[2].value: 'excellent' is not "
        f"a grade of New Inspectorate (its grades: {scale})"]


def test_no_disagreement_without_sources_differ(tmp_path: Path) -> None:
    ds = load(tmp_path, **{INS: (GRADED, "ratings:\n  - grade: good\n    cite: [report-2017]\n"
                                         + GRADED)})
    record = ds.cases["town"].records[0]
    assert (record.differs, record.ratings[0].differs, ds.cases["town"].money[0].differs) == (
        {}, {}, {})
    assert (record.ratings[0].grade_shown, ds.cases["town"].money[0].text()) == (
        "Good", "£4 million")
