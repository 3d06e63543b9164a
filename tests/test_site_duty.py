"""A site's own record type may carry a default duty to respond (#18 item 2):
data/vocabulary.yml gives it (``respond: {within, unit, from}``), a record of that type
that names who must respond and gives no period of its own takes it, timed with the case's
calendar; the due day itself is on time and the day after late. Bad values are located
errors; the methodology and open data give it. Fictional data only (tests/conftest.py MINI
and the coroner's report of tests/test_responses.py, as a site's own type)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.model import responses as rs
from casefile.model import vocab
from casefile.outputs.opendata import from_json, to_json
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import REPO, write_mini
from tests.test_responses import BODIES, CASE, PFD, pfd, reply

PANEL = """\
record_types:
  - value: panel_review
    label: Panel review
    description: A review by an example panel.
    respond:
{duty}"""
WORKING = "      within: 10\n      unit: working_days\n"
MONTHS = "      within: 2\n      unit: months\n"
BY = "  by: [trust]\n"


def load(tmp_path: Path, duty: str, date: str, replied: str | None, respond: str = BY
         ) -> m.Case:
    """The report as a ``panel_review`` of ``date`` in England, the site's type carrying
    ``duty``, and the trust's reply on ``replied`` (none if None)."""
    files: dict[str, str | tuple[str, str]] = {
        **BODIES, "vocabulary.yml": PANEL.format(duty=duty),
        PFD: pfd(date=date, respond=respond, type_="panel_review"),
        CASE: ("reviewed: 2020-01-01", "reviewed: 2020-01-01\njurisdiction: GB-ENG")}
    if replied:
        files["cases/town/records/r-trust.yml"] = reply("r-trust", replied, "trust")
    return load_dataset(write_mini(tmp_path, files), use_cache=False).cases["town"]


def state(case: m.Case) -> rs.DutyState:
    [report] = [r for r in case.records if r.id == "town-pfd"]
    [found] = rs.duty_states(report)
    return found


@pytest.mark.parametrize(("replied", "outcome"), [
    ("2018-01-03", "responded_on_time"), ("2018-01-04", "responded_late")])
def test_ten_working_days_over_christmas_on_the_case_s_calendar(
        tmp_path: Path, replied: str, outcome: str) -> None:
    """10 working days from Friday 15 December 2017 in England: 25 and 26 December and 1
    January are bank holidays, so due Wednesday 3 January 2018 (29 December without them)."""
    found = state(load(tmp_path, WORKING, "2017-12-15", replied))
    assert (found.due_from, found.due_until, found.term.value) == (
        dt.date(2018, 1, 3), dt.date(2018, 1, 3), outcome)
    assert found.duty.from_type is True
    assert found.deadline.startswith("10 working days from the event (15 December 2017), not "
                                     "counting weekends or bank holidays in England")


@pytest.mark.parametrize(("replied", "outcome"), [
    ("2019-03-31", "responded_on_time"), ("2019-04-01", "responded_late")])
def test_two_months_from_31_january_counted_from_the_record_s_date(
        tmp_path: Path, replied: str, outcome: str) -> None:
    found = state(load(tmp_path, MONTHS, "2019-01-31", replied))
    assert (found.due_until, found.term.value) == (dt.date(2019, 3, 31), outcome)
    assert found.deadline == "2 calendar months from the event (31 January 2019): due " \
        "31 March 2019."


def test_with_no_reply_it_is_pending_on_the_due_day_and_unpublished_the_day_after(
        tmp_path: Path) -> None:
    case = load(tmp_path, MONTHS, "2019-01-31", None)
    case.as_of = dt.date(2019, 3, 31)
    assert state(case).term.value == "response_pending"
    case.as_of = dt.date(2019, 4, 1)
    assert state(case).term.value == "no_response_published"


def test_counted_from_publication_when_the_site_says_so(tmp_path: Path) -> None:
    duty = MONTHS + "      from: publication\n"
    report = pfd(date="2019-01-31", respond=BY, type_="panel_review").replace(
        "date: 2019-01-31\n", "date: 2019-01-31\npublished: 2019-02-10\n")
    case = load(tmp_path, duty, "2019-01-31", "2019-04-10")
    assert state(case).due_until == dt.date(2019, 3, 31)  # the record is not yet published
    files = {**BODIES, "vocabulary.yml": PANEL.format(duty=duty), PFD: report,
             "cases/town/records/r-trust.yml": reply("r-trust", "2019-04-10", "trust")}
    later = load_dataset(write_mini(tmp_path / "b", files), use_cache=False).cases["town"]
    assert (state(later).due_until, state(later).term.value) == (dt.date(2019, 4, 10),
                                                                 "responded_on_time")


def test_a_record_s_own_period_replaces_the_type_s(tmp_path: Path) -> None:
    own = BY + "  within: 7\n  unit: calendar_days\n  from: event\n"
    found = state(load(tmp_path, MONTHS, "2019-01-31", "2019-02-08", respond=own))
    assert (found.due_until, found.term.value, found.duty.from_type) == (
        dt.date(2019, 2, 7), "responded_late", False)


def problems(tmp_path: Path, duty: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(tmp_path, duty, "2019-01-31", None)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(("duty", "expected"), [
    ("      within: 0\n      unit: months\n",
     "data/vocabulary.yml:6:15: record_types[0].respond.within: '0' is not a whole number "
     "from 1 to 3650"),
    ("      within: 2\n      unit: fortnights\n",
     "data/vocabulary.yml:7:13: record_types[0].respond.unit: 'fortnights' is not allowed"),
    ("      within: 2\n      unit: months\n      from: tomorrow\n",
     "data/vocabulary.yml:8:13: record_types[0].respond.from: 'tomorrow' is not allowed"),
    ("      unit: months\n",
     "data/vocabulary.yml:6:7: record_types[0].respond.within: missing required key "
     "'within'"),
], ids=["zero", "unit", "from", "no-within"])
def test_a_bad_period_is_a_located_error(tmp_path: Path, duty: str, expected: str) -> None:
    """Once, where it is written: the record of that type is not told again that its type
    carries no period."""
    [found] = problems(tmp_path, duty)
    assert found.startswith(expected), found


def test_a_type_without_a_duty_still_needs_a_period_in_the_record(tmp_path: Path) -> None:
    vocabulary = PANEL.split("    respond:\n")[0]
    files = {**BODIES, "vocabulary.yml": vocabulary,
             PFD: pfd(respond=BY, type_="panel_review")}
    with pytest.raises(DataError) as caught:
        load_dataset(write_mini(tmp_path, files), use_cache=False)
    assert [str(p) for p in caught.value.problems] == [
        "data/cases/town/records/town-pfd.yml:18:7: respond.by: give when responses are due: "
        "date, or within, unit and from (a 'panel_review' record carries no period of its "
        "own)"]


def test_the_methodology_says_the_type_s_duty(tmp_path: Path) -> None:
    load(tmp_path, MONTHS, "2019-01-31", None)
    renderer = Renderer(load_dataset(tmp_path / "data", use_cache=False), REPO / "macros")
    table = BeautifulSoup(renderer.macro("vocabulary", "methodology.md", name="record_types"),
                          "html.parser")
    rows = {tr.th.get_text(): tr.select("td")[1].get_text() for tr in table.select("tbody tr")}
    assert rows["Panel review"] == (
        "A review by an example panel. Carries a duty to respond within 2 calendar months of "
        "the record's date (this site's own period); a record names who must respond and "
        "may give another period.")
    assert rows["Inspection"] == vocab.RECORD_TYPES["inspection"].description


def test_one_unit_is_said_in_the_singular_and_publication_by_name() -> None:
    one = vocab.RecordType("x", "X", "X.", (1, "weeks", "publication"))
    assert one.duty_words.startswith("Carries a duty to respond within 1 week of the "
                                     "record's publication (this site's own period)")
    assert vocab.RecordType("y", "Y", "Y.").duty_words == ""
    assert vocab.default_duty(vocab.RECORD_TYPES["pfd_report"]) == (56, "calendar_days",
                                                                     "event")
    assert vocab.default_duty(vocab.RECORD_TYPES["report"]) is None


def test_the_duty_round_trips_through_open_data(tmp_path: Path) -> None:
    load(tmp_path, WORKING, "2017-12-15", "2018-01-04")
    data = to_json(load_dataset(tmp_path / "data", use_cache=False), ["town"])
    assert data["vocabulary"]["record_types"] == [
        {"value": "panel_review", "label": "Panel review",
         "description": "A review by an example panel.",
         "respond": {"within": 10, "unit": "working_days", "from": "event"}}]
    again = from_json(data)
    assert to_json(again, ["town"]) == data
    [report] = [r for r in again.cases["town"].records if r.id == "town-pfd"]
    assert [s.term.value for s in rs.duty_states(report)] == ["responded_late"]


def test_a_type_s_duty_is_kept_only_when_every_value_is_valid() -> None:
    """Validation reports a bad value where it is written; the linker then keeps no duty
    for the type (each value checked on its own), so none of its records is timed by it."""
    from casefile.model.link import _type_duty
    assert _type_duty(None) is None
    assert _type_duty({"within": 2, "unit": "months"}) == (2, "months", "event")  # type: ignore[arg-type]
    assert _type_duty({"within": 2, "unit": "weeks", "from": "publication"}) == (  # type: ignore[arg-type]
        2, "weeks", "publication")
    for bad in ({"within": 2, "unit": "fortnights"}, {"within": "2", "unit": "months"},
                {"within": 2, "unit": "months", "from": "tomorrow"}, {"unit": "months"},
                {"within": 2}):
        assert _type_duty(bad) is None, bad  # type: ignore[arg-type]
