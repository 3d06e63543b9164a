"""A reported outcome never silently overrides the records nor vanishes: when a source
contradicts them the outcome is "Disputed" and says who says what; its citation is on the
page and in the bibliography. All data here is the fictional Town Council fixture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.model import objects as m
from casefile.model import vocab
from casefile.model.dates import PartialDate
from casefile.model.deadlines import outcome
from casefile.outputs.opendata import from_json, tables, to_json
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import MINI, REPO, write_tree

D = dt.date
INS = "cases/town/records/town-inspection.yml"
OLD_DUE = ("    due:\n      within: 20\n      unit: working_days\n      from: publication\n"
           "    cite: [report-2017]\n")
# Due on 1 March 2018, the day the follow-up fulfils it; the inspectorate says otherwise,
# in a letter cited nowhere else in the case.
DISPUTED = ("    due:\n      date: 2018-03-01\n    fulfilled_by: town-follow-up\n"
            "    reported:\n      outcome: not_met\n      by: inspectorate\n"
            "      cite:\n        - source: inspectorate-letter\n"
            "          quote: The plan has not been produced.\n"
            "    cite: [report-2017]\n")
LETTER = """\
id: inspectorate-letter
title: Letter to Town Council
publisher: inspectorate
kind: notice
published: 2018-03-20
language: en
"""


def disputed_data(root: Path) -> Path:
    files = dict(MINI)
    files[INS] = files[INS].replace(OLD_DUE, DISPUTED)
    files["sources/inspectorate-letter.yml"] = LETTER
    write_tree(root / "data", files)
    return root / "data"


def _req(mini: Path, due: PartialDate | dt.date | None, fulfilled: bool, report: str | None,
         superseded: bool = False) -> m.Requirement:
    """The fixture's requirement, due on ``due``, fulfilled (or superseded) by the
    follow-up of 1 March 2018 or not, with the inspectorate reporting ``report``."""
    dataset = load_dataset(mini)
    req = dataset.cases["town"].requirements[0]
    follow_up = dataset.cases["town"].records[1]  # 1 March 2018, "Follow-up"
    if isinstance(due, dt.date):
        due = PartialDate.of(due)
    req.due = m.Due(due, None, None, None, None, None) if due else None
    req.fulfilled_by = follow_up if fulfilled else None
    req.superseded_by = follow_up if superseded else None
    req.reported = m.Reported(vocab.OUTCOMES[report], dataset.bodies["inspectorate"], []) \
        if report else None
    return req


LATER = D(2019, 1, 1)  # long after every date in the fixture


def said(req: m.Requirement, as_of: dt.date = LATER) -> tuple[str, str | None, str]:
    got = outcome(req, as_of)
    return got.term.value, got.records_term.value if got.records_term else None, got.explanation


SHOWN = "Shown fulfilled by “Follow-up” (1 March 2018)"


@pytest.mark.parametrize(("due", "report", "expected"), [
    # due the very day it was fulfilled: on time, so "not met" and "met late" contradict it
    (D(2018, 3, 1), "not_met", ("disputed", "met_on_time", "The records show it met on time: "
                                "“Follow-up” (1 March 2018). New Inspectorate reports it as: "
                                "not met.")),
    (D(2018, 3, 1), "met_late", ("disputed", "met_on_time", "The records show it met on time: "
                                 "“Follow-up” (1 March 2018). New Inspectorate reports it as: "
                                 "met late.")),
    (D(2018, 3, 1), "met_on_time", ("met_on_time", "met_on_time", f"{SHOWN}, on or before the "
                                    "deadline. New Inspectorate also reports it as met on "
                                    "time.")),
    (D(2018, 3, 1), "met", ("met_on_time", "met_on_time", f"{SHOWN}, on or before the "
                            "deadline. New Inspectorate also reports it as met.")),
    # due the day before (the end of February): late, so "met on time" contradicts it
    (D(2018, 2, 28), "met_on_time", ("disputed", "met_late", "The records show it met late: "
                                     "“Follow-up” (1 March 2018). New Inspectorate reports it "
                                     "as: met on time.")),
    (D(2018, 2, 28), "met_late", ("met_late", "met_late", f"{SHOWN}, after the deadline. New "
                                  "Inspectorate also reports it as met late.")),
    (None, "not_met", ("disputed", "met_no_deadline", "The records show it met: “Follow-up” "
                       "(1 March 2018). New Inspectorate reports it as: not met.")),
])
def test_a_report_is_weighed_against_the_records(mini: Path, due: dt.date | None, report: str,
                                                 expected: tuple[str, str, str]) -> None:
    req = _req(mini, PartialDate.of(due) if due else None, True, report)
    assert said(req) == expected


def test_imprecise_dates_take_the_reports_timing_and_not_met_is_still_disputed(
        mini: Path) -> None:
    req = _req(mini, PartialDate(2018, 3, 15), True, "met_late")
    req.fulfilled_by.date = PartialDate(2018, 3)  # type: ignore[union-attr]  # some day in March
    assert said(req) == ("met_late", "met", "Shown fulfilled by “Follow-up” (March 2018); the "
                         "dates alone cannot show whether on time. New Inspectorate reports "
                         "it as: met late.")
    req.reported = m.Reported(vocab.OUTCOMES["not_met"], req.reported.by, [])  # type: ignore[union-attr]
    assert said(req) == ("disputed", "met", "The records show it met: “Follow-up” (March "
                         "2018). New Inspectorate reports it as: not met.")


def test_records_that_are_silent_contradict_nothing(mini: Path) -> None:
    # Past due with no record of fulfilment is not a finding that it was missed, so a report
    # that it was met is shown as the source's, with the records' own outcome beside it.
    req = _req(mini, PartialDate(2018, 3, 1), False, "met_on_time")
    assert said(req) == ("met_on_time", "overdue", "No document in the records shows it was "
                         "met. New Inspectorate reports it as: met on time.")
    req = _req(mini, PartialDate(2018, 3, 1), False, "not_met")
    assert said(req) == ("not_met", "overdue", "No document in the records shows it was met. "
                         "New Inspectorate reports it as: not met.")
    req = _req(mini, PartialDate(2018, 3, 1), False, None)
    assert said(req)[:2] == ("overdue", None)


def test_the_case_page_shows_both_sides_and_cites_the_report(tmp_path: Path) -> None:
    renderer = Renderer(load_dataset(disputed_data(tmp_path), use_cache=False),
                        REPO / "macros")
    view = renderer.views["town"]
    table = BeautifulSoup(renderer.macro("deadlines", "cases/town.md", view=view),
                          "html.parser")
    cell = table.select_one("tr#req-req-plan").find_all("td")[-1]
    badge = cell.select_one('span[class^="o-"]')
    assert badge["class"] == ["o-disputed"]
    assert badge.get_text() == "Disputed"
    number = view.number(renderer.dataset.sources["inspectorate-letter"])
    assert " ".join(cell.get_text(" ").split()) == (
        f"Disputed The records show it met on time: “Follow-up” (1 March 2018). New "
        f"Inspectorate reports it as: not met. (Regulator's judgement) [{number}]")
    assert [a["href"] for a in cell.find_all("a")] == [f"#ref-{number}"]
    bibliography = BeautifulSoup(renderer.macro("bibliography", "cases/town.md", view=view),
                                 "html.parser")
    entry = bibliography.select_one(f"li#ref-{number}")
    assert entry.cite.get_text() == "Letter to Town Council"
    assert [q.get_text() for q in entry.select(".cf-quotes li")] == [
        "“The plan has not been produced.”"]


def test_the_methodology_table_explains_disputed(tmp_path: Path) -> None:
    renderer = Renderer(load_dataset(disputed_data(tmp_path), use_cache=False),
                        REPO / "macros")
    table = BeautifulSoup(renderer.macro("vocabulary", "methodology.md", name="outcomes"),
                          "html.parser")
    last = table.select("tbody tr")[-1]
    assert [c.get_text() for c in last.find_all(["th", "td"])] == [
        "Disputed", "disputed", "The records and a source disagree: a record shows it was met, "
        "but a source reports it as not met or partly met, or on time where the dates show "
        "late (or late where they show on time). The page gives both, and who says each; "
        "casefile does not choose between them."]


def test_open_data_keeps_both_sides(tmp_path: Path) -> None:
    dataset = load_dataset(disputed_data(tmp_path), use_cache=False)
    exported = to_json(dataset)
    req = exported["cases"][0]["records"][0]["requirements"][0]
    assert req["reported"] == {"outcome": "not_met", "by": "inspectorate", "cite": [
        {"source": "inspectorate-letter", "quote": "The plan has not been produced.",
         "derived": {"checked": False}}]}  # no stored copy: not checked
    assert req["derived"] == {
        "outcome": "disputed", "records_outcome": "met_on_time",
        "explanation": "The records show it met on time: “Follow-up” (1 March 2018). New "
                       "Inspectorate reports it as: not met.",
        "due_from": "2018-03-01", "due_until": "2018-03-01"}
    assert to_json(from_json(exported)) == exported
    header, row = tables([dataset.cases["town"]])["deadlines"].splitlines()
    assert header == ("case,requirement,set_by,text,due_from,due_until,as_written,outcome,"
                      "explanation,records_outcome,reported_outcome,reported_by,"
                      "reported_relayed_by,reported_relayed_grades,reported_shown_as,sources,"
                      "as_of,jurisdiction")
    assert row == ("town,req-plan,town-inspection,Produce a plan.,2018-03-01,2018-03-01,,"
                   "disputed,The records show it met on time: “Follow-up” (1 March 2018). "
                   "New Inspectorate reports it as: not met.,met_on_time,not_met,inspectorate,"
                   ",,,report-2017 inspectorate-letter,2018-03-20,")  # no jurisdiction


def test_a_body_reporting_on_itself_is_marked_as_its_own_claim(tmp_path: Path) -> None:
    """Found by a new-editor trial: "partly met", from the body's own press release, was
    shown with no mark that it is the body's own claim."""
    data = disputed_data(tmp_path)
    path = data / INS
    path.write_text(path.read_text("utf-8").replace("      by: inspectorate\n",
                                                    "      by: town-council\n"), "utf-8")
    renderer = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
    table = BeautifulSoup(renderer.macro("deadlines", "cases/town.md",
                                         view=renderer.views["town"]), "html.parser")
    mark = table.select_one("tr#req-req-plan td:last-child span.cf-asserter")
    # the council's claim is known from the inspectorate's letter: it stays an own claim
    assert mark is not None and mark.get_text() == (
        "(Own claim: Town Council, as reported by OI (now New Inspectorate) (regulator))")
    assert mark["class"] == ["cf-asserter", "cf-asserter--self", "cf-asserter--relayed"]
