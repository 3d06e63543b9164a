"""Dates and deadlines as sources word them (#19, part 2): every form's exact days, the
deadlines they set, "no date shown", located errors, and the JSON Schema agreeing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft7Validator

from casefile.model import date_words as w
from casefile.model import objects as m
from casefile.model.dates import DateSyntaxError, PartialDate
from casefile.model.deadlines import describe_due, due_window, outcome
from casefile.outputs.jsonschema import file_schema
from casefile.outputs.opendata import record_json, source_json
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import REPO, write_mini
from tests.test_link import problems

D = dt.date
INSPECTION = "cases/town/records/town-inspection.yml"
FOLLOW_UP = "cases/town/records/town-follow-up.yml"


@pytest.mark.parametrize("text, first, last, shown", [
    ("spring 2022", D(2022, 3, 1), D(2022, 5, 31), "spring 2022"),
    ("Summer 2022", D(2022, 6, 1), D(2022, 8, 31), "Summer 2022"),
    ("autumn 2022", D(2022, 9, 1), D(2022, 11, 30), "autumn 2022"),
    ("winter 2023", D(2023, 12, 1), D(2024, 2, 29), "winter 2023"),  # into a leap February
    ("winter 2022", D(2022, 12, 1), D(2023, 2, 28), "winter 2022"),
    ("early 2021", D(2021, 1, 1), D(2021, 4, 30), "early 2021"),
    ("mid 2021", D(2021, 5, 1), D(2021, 8, 31), "mid 2021"),
    ("mid-2021", D(2021, 5, 1), D(2021, 8, 31), "mid-2021"),
    ("late 2021", D(2021, 9, 1), D(2021, 12, 31), "late 2021"),
    ("early June 2021", D(2021, 6, 1), D(2021, 6, 10), "early June 2021"),
    ("MID june  2021", D(2021, 6, 11), D(2021, 6, 20), "MID june 2021"),
    ("late June 2021", D(2021, 6, 21), D(2021, 6, 30), "late June 2021"),
    ("late February 2024", D(2024, 2, 21), D(2024, 2, 29), "late February 2024"),
    ("late February 2023", D(2023, 2, 21), D(2023, 2, 28), "late February 2023"),
    ("around June 2021", D(2021, 5, 1), D(2021, 7, 31), "around June 2021"),
    ("around January 2021", D(2020, 12, 1), D(2021, 2, 28), "around January 2021"),
    ("around December 2021", D(2021, 11, 1), D(2022, 1, 31), "around December 2021"),
    ("around 2021", D(2020, 1, 1), D(2022, 12, 31), "around 2021"),
    ("during 2023", D(2023, 1, 1), D(2023, 12, 31), "during 2023"),
    ("during autumn 2022", D(2022, 9, 1), D(2022, 11, 30), "during autumn 2022"),
    ("June 2021", D(2021, 6, 1), D(2021, 6, 30), "June 2021"),
    ("12 june 2021", D(2021, 6, 12), D(2021, 6, 12), "12 June 2021"),
    ("2021-06", D(2021, 6, 1), D(2021, 6, 30), "June 2021"),
])
def test_ranges(text: str, first: dt.date, last: dt.date, shown: str) -> None:
    date = w.parse(text, w.RANGES)
    assert isinstance(date, PartialDate)
    assert (date.earliest, date.latest, date.human()) == (first, last, shown)


@pytest.mark.parametrize("text, day", [
    ("by the end of 2019", D(2019, 12, 31)),
    ("by autumn 2022", D(2022, 11, 30)),
    ("by the end of autumn 2022", D(2022, 11, 30)),
    ("By the end of winter 2019", D(2020, 2, 29)),
    ("during 2023", D(2023, 12, 31)),
    ("by June 2021", D(2021, 6, 30)),
    ("by 2019-04", D(2019, 4, 30)),
])
def test_deadline_words_are_due_on_the_last_day(text: str, day: dt.date) -> None:
    date = w.parse(text, w.DEADLINE)
    assert isinstance(date, PartialDate)
    assert (date.earliest, date.latest, date.iso(), date.human()) == (
        day, day, day.isoformat(), " ".join(text.split()))


def test_words_with_no_date() -> None:
    assert w.parse("Immediately", w.DEADLINE) == w.Worded(w.IMMEDIATELY, "Immediately")
    assert w.parse("at the earliest  opportunity", w.DEADLINE) == w.Worded(
        w.EARLIEST_OPPORTUNITY, "at the earliest opportunity")
    assert w.parse("No date shown", w.UNDATED) == w.Worded(w.NO_DATE_SHOWN, "No date shown")
    assert w.parse("2017", w.ISO_ONLY) == PartialDate(2017)


FORMS = ("YYYY, YYYY-MM or YYYY-MM-DD, or in words, e.g. 'June 2021', 'autumn 2022', "
         "'early 2021', 'late June 2021', 'around June 2021', 'during 2023'")
SEE = " (see the date forms on the methodology page)"


@pytest.mark.parametrize("text, words, message", [
    ("autum 2022", w.RANGES, f"'autum 2022' is not a date; write {FORMS}{SEE}"),
    ("around June", w.RANGES, "'around June' has no year; give the year the source means, "
     f"e.g. 'autumn 2022', and say how it is known in the date's note; write {FORMS}{SEE}"),
    ("by the end of 2019", w.RANGES, "'by the end of 2019' is a deadline; write it in a "
     "requirement's due: date:, and give this field the date itself; write "
     f"{FORMS}{SEE}"),
    ("no date shown", w.DEADLINE, "'no date shown' is allowed only for a source's published "
     f"and a statement's date; write {FORMS}, 'by the end of 2019', 'by autumn 2022', "
     f"'immediately', 'at the earliest opportunity'{SEE}"),
    ("by next spring", w.DEADLINE, "'by next spring' is not a deadline form: after 'by' or "
     "'by the end of' give a year, month, day or season, e.g. 'by the end of 2019', 'by "
     f"autumn 2022'; write {FORMS}, 'by the end of 2019', 'by autumn 2022', 'immediately', "
     f"'at the earliest opportunity'{SEE}"),
    ("31 June 2021", w.RANGES, "'31 June 2021' is not a real date: June 2021 has 30 days"),
    ("late June 0999", w.RANGES, "'late June 0999' is outside the years this site accepts "
     "(1000 to 2999); check the year"),
    ("autumn 2022", w.ISO_ONLY, "'autumn 2022' is not a date; write YYYY, YYYY-MM or "
     "YYYY-MM-DD"),
])
def test_errors_name_the_accepted_forms(text: str, words: str, message: str) -> None:
    with pytest.raises(DateSyntaxError) as caught:
        w.parse(text, words)
    assert str(caught.value) == message


def test_errors_are_located(tmp_path: Path) -> None:
    got = problems(tmp_path, {
        INSPECTION: ("date: 2017-07\n", "date: autum 2017\n"),
        FOLLOW_UP: ("date: 2018-03-01", "date: no date shown"),
        "people/pat-leader.yml": ("name: Pat Leader\n", "name: Pat Leader\n"),
    })
    assert got == [
        f"data/{FOLLOW_UP}:4:7: date: 'no date shown' is allowed only for a source's "
        f"published and a statement's date; write {FORMS}{SEE}",
        f"data/{INSPECTION}:4:7: date: 'autum 2017' is not a date; write {FORMS}{SEE}"]


def _req(tmp_path: Path, due: str, done: str | None = None) -> m.Requirement:
    """The MINI inspection's requirement due ``due`` (its record dated July 2017, or
    12 July 2017), fulfilled by the follow-up dated ``done``."""
    changes: dict[str, str | tuple[str, str]] = {INSPECTION: (
        "    due:\n      within: 20\n      unit: working_days\n      from: publication\n",
        f"    due:\n      date: {due}\n" + (
            "    fulfilled_by: town-follow-up\n" if done else ""))}
    if done:
        changes[FOLLOW_UP] = ("date: 2018-03-01", f"date: {done}")
    ds = load_dataset(write_mini(tmp_path, changes))
    return ds.cases["town"].requirements[0]


@pytest.mark.parametrize("done, term", [
    ("2017-11-29", "met_on_time"), ("2017-11-30", "met_on_time"), ("2017-12-01", "met_late"),
])
def test_by_the_end_of_autumn(tmp_path: Path, done: str, term: str) -> None:
    req = _req(tmp_path, "by the end of autumn 2017", done)
    assert due_window(req) == (D(2017, 11, 30), D(2017, 11, 30))
    assert req.outcome is not None and req.outcome.term.value == term
    assert describe_due(req) == ("“by the end of autumn 2017”: due 30 November 2017, the last "
                                 "day it allows.")


@pytest.mark.parametrize("done, term", [
    ("2017-12-01", "met_on_time"), ("2017-12-31", "met_on_time"), ("2018-01-01", "met_late"),
    ("2017-12", "met_on_time"), ("2018-01", "met_late"),
])
def test_during_a_year(tmp_path: Path, done: str, term: str) -> None:
    req = _req(tmp_path, "during 2017", done)
    assert req.outcome is not None and req.outcome.term.value == term


def test_an_open_deadline_falls_due_on_its_last_day(tmp_path: Path) -> None:
    req = _req(tmp_path, "by the end of 2017")
    assert outcome(req, D(2017, 12, 31)).term.value == "outstanding"
    assert outcome(req, D(2018, 1, 1)).term.value == "overdue"


def test_immediately_is_due_on_the_records_own_date(tmp_path: Path) -> None:
    req = _req(tmp_path, "immediately", "2017-07-31")
    assert due_window(req) == (D(2017, 7, 1), D(2017, 7, 31))  # the record: July 2017
    assert describe_due(req) == ("“immediately”, that is on the date of the record that set "
                                 "it: due between 1 July 2017 and 31 July 2017, because the "
                                 "record's date is not known to the day.")
    assert req.outcome is not None and req.outcome.term.value == "met"  # July vs 31 July
    req.record.date = PartialDate(2017, 7, 12)
    assert due_window(req) == (D(2017, 7, 12), D(2017, 7, 12))
    assert describe_due(req) == ("“immediately”, that is on the date of the record that set "
                                 "it: due 12 July 2017.")  # "due" once (a new-editor trial)
    assert outcome(req, D(2017, 8, 1)).term.value == "met_late"  # fulfilled 31 July
    req.fulfilled_by = None
    assert outcome(req, D(2017, 7, 12)).term.value == "outstanding"
    assert outcome(req, D(2017, 7, 13)).term.value == "overdue"


def test_at_the_earliest_opportunity_is_never_overdue(tmp_path: Path) -> None:
    req = _req(tmp_path, "at the earliest opportunity")
    assert due_window(req) is None
    got = outcome(req, D(2030, 1, 1))
    assert got.term.value == "outstanding"
    assert got.explanation == ("Not shown as fulfilled as of 1 January 2030; it was asked for "
                               "“at the earliest opportunity”, which sets no date.")
    assert describe_due(req) == ("“at the earliest opportunity”: no date can be computed, so "
                                 "it is never shown as past due.")


@pytest.mark.parametrize("due, words", [
    ("2017-10", "due between 1 October 2017 and 31 October 2017, because the deadline is "
     "stated only to the month"),
    ("2017", "due between 1 January 2017 and 31 December 2017, because the deadline is "
     "stated only to the year"),
    ("autumn 2017", "due between 1 September 2017 and 30 November 2017, because the deadline "
     "is stated as “autumn 2017”"),
    ("2017-10-31", "due 31 October 2017"),
])
def test_a_window_names_its_real_cause(tmp_path: Path, due: str, words: str) -> None:
    req = _req(tmp_path, due)
    by = {"2017-10": "October 2017", "2017-10-31": "31 October 2017"}.get(due, due)
    assert describe_due(req) == f"by {by}: {words}."


def test_a_start_known_to_the_month_is_still_named(tmp_path: Path) -> None:
    ds = load_dataset(write_mini(tmp_path, {INSPECTION: ("published: 2017-10-02\n", "")}))
    req = ds.cases["town"].requirements[0]
    assert describe_due(req).endswith("because the start date is not known to the day.")


def test_no_date_shown(tmp_path: Path) -> None:
    ds = load_dataset(write_mini(tmp_path, {
        "sources/council-news.yml": ("published: 2018-03\n", "published: No date shown\n"),
        INSPECTION: ("    date: 2017-10\n", "    date: no date shown\n"),
        FOLLOW_UP: ("date: 2018-03-01\n", "date: 2018-03-01\nstatements:\n"
                    "  - person: pat-leader\n    date: 2018-03-01\n    quote: Later.\n"
                    "    cite: [council-news]\n")}))
    source, case = ds.sources["council-news"], ds.cases["town"]
    assert (source.published, source.undated) == (None, True)
    assert [(s.quote, s.date) for s in case.statements] == [
        ("Later.", PartialDate(2018, 3, 1)), ("We are sorry.", None)]  # undated last
    assert case.as_of == D(2018, 3, 1)  # from the record, never from the undated source
    assert source_json(source)["published_as_written"] == "no date shown"
    assert "published" not in source_json(source)
    said = record_json(case.records[0])["statements"][0]
    assert ("date" in said, said["date_as_written"]) == (False, "no date shown")
    r = Renderer(ds, REPO / "macros")
    html = BeautifulSoup(r.macro("statements", "cases/town.md", view=r.views["town"]),
                         "html.parser")
    captions = [f.get_text(" ", strip=True) for f in html.select("figcaption")]
    assert captions[1].startswith("Pat Leader, Leader, Town Council, no date shown")
    assert html.select("figcaption")[1].find("time") is None
    bib = BeautifulSoup(r.macro("bibliography", "cases/town.md", view=r.views["town"]),
                        "html.parser")
    entry = [li.get_text(" ", strip=True) for li in bib.select("li")
             if "Council news" in li.get_text()]
    assert "no date shown." in entry[0]


def test_worded_dates_in_open_data_and_timeline(tmp_path: Path) -> None:
    ds = load_dataset(write_mini(tmp_path, {FOLLOW_UP: ("date: 2018-03-01", "date: early 2018")}))
    data = record_json(ds.cases["town"].records[1])
    assert (data["date"], data["date_as_written"]) == ("2018", "early 2018")
    inspection = record_json(ds.cases["town"].records[0])
    assert "date_as_written" not in inspection  # ISO stays ISO


SCHEMA = {kind: Draft7Validator(file_schema(kind)) for kind in ("record", "source")}


@pytest.mark.parametrize("value, field, ok", [
    ("autumn 2022", "date", True), ("Around June 2021", "date", True),
    ("mid-june 2021", "date", True), ("during 2023-05", "date", True),
    ("autum 2022", "date", False), ("by the end of 2019", "date", False),
    ("no date shown", "date", False), ("around June", "date", False),
    ("by the end of autumn 2022", "due", True), ("immediately", "due", True),
    ("at the earliest opportunity", "due", True), ("no date shown", "due", False),
    ("2018-02-30", "due", False), ("by 2018-02-30", "due", False),
    ("no date shown", "statement", True), ("No date shown", "published", True),
])
def test_schema_and_check_agree(value: str, field: str, ok: bool) -> None:
    words = {"date": w.RANGES, "due": w.DEADLINE}.get(field, w.UNDATED)
    try:
        w.parse(value, words)
        checked = True
    except DateSyntaxError:
        checked = False
    if field == "published":
        doc: dict[str, object] = {"id": "x", "title": "X", "kind": "inspection_report",
                                  "language": "en", "publisher": "b", "published": value}
        kind = "source"
    else:
        doc = {"id": "x", "type": "other", "title": "X", "date": "2017", "body": "b",
               "summary": "S.", "cite": ["s"]}
        if field == "date":
            doc["date"] = value
        elif field == "due":
            doc["requirements"] = [{"id": "r", "text": "T.", "due": {"date": value},
                                    "cite": ["s"]}]
        else:
            doc["statements"] = [{"person": "p", "date": value, "quote": "Q.", "cite": ["s"]}]
        kind = "record"
    errors = [e.message for e in SCHEMA[kind].iter_errors(doc)]
    assert (checked, not errors) == (ok, ok), errors
