"""Outcomes as sources state them (partly met, suspended, superseded, no progress
reported), dated progress notes on requirements, and money kinds (#19 parts 3 and 6).
All data here is the fictional Town Council fixture (tests/conftest.py MINI)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.model import vocab
from casefile.model.dates import PartialDate
from casefile.model.deadlines import outcome
from casefile.outputs.feeds import calendar
from casefile.outputs.opendata import from_json, tables, to_json
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import REPO, write_mini
from tests.test_reported_outcomes import _req, said
from tests.test_schema_agreement import schema_errors

D = dt.date
CASE = "cases/town/case.yml"
INS = "cases/town/records/town-inspection.yml"
DUE_END = "      from: publication\n    cite: [report-2017]\n"
INSPECTORATE = "New Inspectorate"


SILENT = "No document in the records shows it was met."


@pytest.mark.parametrize("report", ["partly_met", "suspended", "superseded", "not_reported"])
@pytest.mark.parametrize(("as_of", "records"), [
    (D(2018, 3, 1), "outstanding"),  # the due day itself
    (D(2018, 3, 2), "overdue"),  # the day after: past due, but a source says otherwise
])
def test_a_report_on_a_requirement_the_records_leave_open_is_shown_never_past_due(
        mini: Path, report: str, as_of: dt.date, records: str) -> None:
    req = _req(mini, D(2018, 3, 1), False, report)
    label = vocab.OUTCOMES[report].label.lower()
    assert said(req, as_of) == (
        report, records, f"{SILENT} {INSPECTORATE} reports it as: {label}.")


def test_without_a_report_the_day_after_the_deadline_is_past_due(mini: Path) -> None:
    req = _req(mini, D(2018, 3, 1), False, None)
    assert said(req, D(2018, 3, 1))[:2] == ("outstanding", None)
    assert said(req, D(2018, 3, 2))[:2] == ("overdue", None)


SHOWN = "Shown fulfilled by “Follow-up” (1 March 2018)"


@pytest.mark.parametrize(("due", "report", "expected"), [
    # fulfilled on the due day itself: on time; "partly met" contradicts a record of it met
    (D(2018, 3, 1), "partly_met", ("disputed", "met_on_time", "The records show it met on "
                                   "time: “Follow-up” (1 March 2018). New Inspectorate "
                                   "reports it as: partly met.")),
    # no verdict on whether it was met: the records' outcome stands, the report named
    (D(2018, 3, 1), "suspended", ("met_on_time", "met_on_time", f"{SHOWN}, on or before the "
                                  "deadline. New Inspectorate reports it as: suspended.")),
    (D(2018, 3, 1), "not_reported", ("met_on_time", "met_on_time", f"{SHOWN}, on or before "
                                     "the deadline. New Inspectorate reports it as: no "
                                     "progress reported.")),
    # due the day before, at the end of February: late
    (D(2018, 2, 28), "superseded", ("met_late", "met_late", f"{SHOWN}, after the deadline. "
                                    "New Inspectorate reports it as: superseded.")),
    (D(2018, 2, 28), "partly_met", ("disputed", "met_late", "The records show it met late: "
                                    "“Follow-up” (1 March 2018). New Inspectorate reports it "
                                    "as: partly met.")),
    (None, "suspended", ("met_no_deadline", "met_no_deadline", f"{SHOWN}; no deadline was "
                         "set. New Inspectorate reports it as: suspended.")),
])
def test_a_report_on_a_requirement_the_records_show_met(
        mini: Path, due: dt.date | None, report: str, expected: tuple[str, str, str]) -> None:
    assert said(_req(mini, due, True, report), D(2019, 1, 1)) == expected


def test_records_and_a_source_that_both_say_superseded_agree(mini: Path) -> None:
    req = _req(mini, D(2018, 3, 1), False, "superseded", superseded=True)
    assert said(req, D(2018, 3, 2)) == (
        "superseded", "superseded", "Followed by “Follow-up” (1 March 2018) before the "
        "records show it was met. New Inspectorate also reports it as superseded.")
    req = _req(mini, D(2018, 3, 1), False, "suspended", superseded=True)
    assert said(req, D(2018, 3, 2)) == (
        "suspended", "superseded", f"{SILENT} {INSPECTORATE} reports it as: suspended.")


@pytest.mark.parametrize(("as_of", "expected"), [
    (D(2018, 1, 17), ("outstanding", "suspended")),  # the due day itself
    (D(2018, 1, 18), ("overdue", "suspended")),  # the day after
])
def test_suspended_across_bank_holidays(mini: Path, as_of: dt.date,
                                        expected: tuple[str, str]) -> None:
    """20 working days from Friday 15 December 2017 in England skip 25 and 26 December and
    1 January: due Wednesday 17 January 2018. Suspended is never past due."""
    req = _req(mini, None, False, "suspended")
    req.record.case.jurisdiction = "GB-ENG"  # the calendar compute_all would give it
    req.due = m.Due(None, 20, "working_days", "publication", None, None)
    req.record.published = PartialDate(2017, 12, 15)
    got = outcome(req, as_of)
    assert (got.due_from, got.due_until) == (D(2018, 1, 17), D(2018, 1, 17))
    assert (got.records_term.value, got.term.value) == expected  # type: ignore[union-attr]


# Three notes written out of order, one citing a letter cited nowhere else in the case.
PROGRESS = ("      from: publication\n"
            "    progress:\n"
            "      - date: 2018-06\n"
            "        note: The plan was <b>agreed</b>.\n"
            "        cite:\n          - source: inspectorate-letter\n"
            "            quote: The plan is agreed.\n"
            "      - date: 2017-11-30\n"
            "        note: A draft plan was shared.\n"
            "        cite: [council-news]\n"
            "      - date: 2018\n"
            "        note: Work continues.\n"
            "        cite: [council-news]\n"
            "    cite: [report-2017]\n")
LETTER = """\
id: inspectorate-letter
title: Letter to Town Council
publisher: inspectorate
kind: letter
published: 2018-06-20
language: en
"""
KINDS = ("    currency: GBP\n    for: Set aside.\n", "    currency: GBP\n    kind: loan\n"
         "    for: Set aside.\n    period: 2018/19\n")


def fixture(root: Path, **extra: str | tuple[str, str]) -> Path:
    return write_mini(root, {INS: (DUE_END, PROGRESS), CASE: KINDS,
                             "sources/inspectorate-letter.yml": LETTER, **extra})


def test_progress_notes_are_shown_in_date_order_with_their_sources(tmp_path: Path) -> None:
    renderer = Renderer(load_dataset(fixture(tmp_path), use_cache=False), REPO / "macros")
    view = renderer.views["town"]
    html = renderer.macro("deadlines", "cases/town.md", view=view)
    cell = BeautifulSoup(html, "html.parser").select_one("tr#req-req-plan").find_all("td")[-1]
    assert cell.select_one("p.cf-progress-title").get_text() == "Progress reported:"
    items = cell.select("ol.cf-progress > li")
    news, letter = (view.number(renderer.dataset.sources[s])
                    for s in ("council-news", "inspectorate-letter"))
    # 2018 (a year) sorts by its first day, before June 2018; the markup stays text
    assert [" ".join(li.get_text(" ").split()) for li in items] == [
        f"30 November 2017 : A draft plan was shared. [{news}]",
        f"2018 : Work continues. [{news}]",
        f"June 2018 : The plan was <b>agreed</b>. [{letter}]"]
    assert [li.time["datetime"] for li in items] == ["2017-11-30", "2018", "2018-06"]
    assert [a["href"] for a in items[2].find_all("a")] == [f"#ref-{letter}"]
    assert cell.find("b") is None
    bibliography = BeautifulSoup(renderer.macro("bibliography", "cases/town.md", view=view),
                                 "html.parser")
    assert bibliography.select_one(f"li#ref-{letter} cite").get_text() == \
        "Letter to Town Council"


def test_a_requirement_without_notes_shows_none(mini: Path) -> None:
    renderer = Renderer(load_dataset(mini, use_cache=False), REPO / "macros")
    html = renderer.macro("deadlines", "cases/town.md", view=renderer.views["town"])
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select("tr#req-req-plan") and not soup.select(".cf-progress, "
                                                                ".cf-progress-title")


def test_progress_notes_in_the_calendar_feed(tmp_path: Path) -> None:
    renderer = Renderer(load_dataset(fixture(tmp_path), use_cache=False), REPO / "macros")
    text = calendar("Deadlines", [renderer.views["town"]], D(2019, 1, 1))
    description = "".join(line.removeprefix(" ") for line in text.split("\r\n")
                          if line.startswith(("DESCRIPTION", " ")))
    assert description.endswith(r"Progress reported: 30 November 2017: A draft plan was "
                                r"shared.\; 2018: Work continues.\; June 2018: The plan was "
                                r"<b>agreed</b>.")  # iCalendar escapes ; in text


def test_progress_and_money_kind_in_open_data(tmp_path: Path) -> None:
    dataset = load_dataset(fixture(tmp_path), use_cache=False)
    exported = to_json(dataset)
    req = exported["cases"][0]["records"][0]["requirements"][0]
    assert req["progress"] == [
        {"date": "2017-11-30", "note": "A draft plan was shared.",
         "cite": [{"source": "council-news"}]},
        {"date": "2018", "note": "Work continues.", "cite": [{"source": "council-news"}]},
        {"date": "2018-06", "note": "The plan was <b>agreed</b>.",
         "cite": [{"source": "inspectorate-letter", "quote": "The plan is agreed.",
                   "derived": {"checked": False}}]}]  # no stored copy: not checked
    assert exported["cases"][0]["money"] == [
        {"amount": "4000000", "currency": "GBP", "kind": "loan", "for": "Set aside.",
         "period": "2018/19", "cite": [{"source": "report-2017"}]}]
    assert to_json(from_json(exported)) == exported


def test_money_kind_is_shown_in_words_and_money_without_one_as_before(
        tmp_path: Path, mini: Path) -> None:
    def first_item(data: Path) -> BeautifulSoup:
        renderer = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
        html = renderer.macro("money", "cases/town.md", view=renderer.views["town"])
        return BeautifulSoup(html, "html.parser").select_one("ul.cf-money > li")

    item = first_item(fixture(tmp_path / "kind"))
    assert item.select_one("span.cf-money-kind").get_text() == "Loan"
    assert " ".join(item.get_text(" ").split()) == \
        "Loan : £4 million (“2018/19”): Set aside. [1]"
    plain = first_item(mini)
    assert plain.select_one(".cf-money-kind") is None
    assert " ".join(plain.get_text(" ").split()) == "£4 million : Set aside. [1]"


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data, use_cache=False)
    return [str(p) for p in caught.value.problems]


def test_an_unknown_money_kind_is_located_with_a_suggestion(tmp_path: Path) -> None:
    data = fixture(tmp_path, **{CASE: (KINDS[0], KINDS[1].replace("loan", "lone"))})
    assert problems(data) == [
        "data/cases/town/case.yml:14:11: money[0].kind: 'lone' is not allowed; did you mean "
        "'loan'? (allowed: budget, overspend, savings_target, savings_achieved, loan, "
        "repayment, grant, other)"]
    text = (tmp_path / "data" / CASE).read_text(encoding="utf-8")  # the editor's schema too
    assert [e.split("[")[0] for e in schema_errors("case", text)] == ["'lone' is not one of "]
    assert schema_errors("case", text.replace("lone", "loan")) == []


def test_a_site_can_add_money_kinds(tmp_path: Path) -> None:
    own = ("money_kinds:\n  - value: pooled_fund\n    label: Pooled fund\n"
           "    description: Money several bodies put into one fund.\n")
    data = fixture(tmp_path, **{"vocabulary.yml": own,
                                CASE: (KINDS[0], KINDS[1].replace("loan", "pooled_fund"))})
    dataset = load_dataset(data, use_cache=False)
    assert dataset.cases["town"].money[0].kind.label == "Pooled fund"  # type: ignore[union-attr]
    assert to_json(dataset, ["town"])["vocabulary"] == {"money_kinds": [
        {"value": "pooled_fund", "label": "Pooled fund",
         "description": "Money several bodies put into one fund."}]}
    renderer = Renderer(dataset, REPO / "macros")
    table = BeautifulSoup(renderer.macro("vocabulary", "methodology.md", name="money_kinds"),
                          "html.parser")
    assert [[c.get_text() for c in row.find_all(["th", "td"])][:2]
            for row in table.select("tbody tr")] == [
        ["Budget", "budget"], ["Overspend or deficit", "overspend"],
        ["Savings target", "savings_target"], ["Savings achieved", "savings_achieved"],
        ["Loan", "loan"], ["Repayment", "repayment"], ["Grant", "grant"], ["Other", "other"],
        ["Pooled fund", "pooled_fund"]]
    again = fixture(tmp_path / "b", **{"vocabulary.yml": own.replace("pooled_fund", "grant")})
    assert problems(again) == [
        "data/vocabulary.yml:2:12: money_kinds[0].value: 'grant' is already a built-in money "
        "kind; use it as it is, or choose another value"]


def test_a_progress_note_before_the_requirement_or_without_a_source_is_located(
        tmp_path: Path) -> None:
    bad = PROGRESS.replace("date: 2017-11-30", "date: 2017-06").replace(
        "        note: Work continues.\n        cite: [council-news]\n",
        "        note: Work continues.\n")
    assert problems(fixture(tmp_path, **{INS: (DUE_END, bad)})) == [
        "data/cases/town/records/town-inspection.yml:29:15: requirements[0].progress[1].date: "
        "this progress note is dated June 2017, before the record that sets the requirement "
        "(July 2017); progress can only follow the requirement: check the date in the source",
        "data/cases/town/records/town-inspection.yml:32:9: requirements[0].progress[2].cite: "
        "missing required key 'cite' (citations: at least one source for this statement)"]


def test_the_schema_documents_the_new_outcomes_and_progress() -> None:
    from casefile.reading import schema as s

    assert list(s.REPORTED.field_map()["outcome"].type.terms) == [  # type: ignore[attr-defined]
        "met_on_time", "met_late", "met", "not_met", "partly_met", "suspended", "superseded",
        "not_reported"]
    assert [f.name for f in s.PROGRESS.fields] == ["date", "note", "cite"]
    assert [f.name for f in s.PROGRESS.fields if f.required] == ["date", "note", "cite"]


def test_a_progress_note_newer_than_every_document_moves_the_case_as_of(
        tmp_path: Path) -> None:
    """Outcomes are never told as of a day before progress the page itself reports."""
    later = PROGRESS.replace("      - date: 2018\n", "      - date: 2018-09-14\n")
    data = write_mini(tmp_path, {INS: (DUE_END, later), CASE: KINDS,
                                 "sources/inspectorate-letter.yml": LETTER})
    case = load_dataset(data, use_cache=False).cases["town"]
    assert (case.as_of, case.as_of_shown) == (D(2018, 9, 14), PartialDate(2018, 9, 14))
    assert case.as_of_basis == "the date of the latest document in this case's records"
    on_time = load_dataset(fixture(tmp_path / "before"), use_cache=False).cases["town"]
    assert on_time.as_of == D(2018, 6, 20)  # the letter: the notes are no later


WITHIN = "      within: 20\n      unit: working_days\n      from: publication\n"


@pytest.mark.parametrize(("date", "words"), [("by the end of autumn 2017",
                                              "by the end of autumn 2017"),
                                             ("immediately", "immediately"),
                                             ("2017-12-31", "")])
def test_the_deadlines_csv_gives_a_deadline_in_the_sources_words(
        tmp_path: Path, date: str, words: str) -> None:
    data = write_mini(tmp_path, {INS: (WITHIN, f"      date: {date}\n")})
    text = tables(list(load_dataset(data, use_cache=False).cases.values()))["deadlines"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["as_written"] for row in rows] == [words]
