"""What happens next, exactly (casefile.model.upcoming): each sentence word for word, who
says so, and the order the steps are told in.

Pinned boundaries: a step expected on the case's own date is still to come, one expected
the day before has passed; a month that contains the case's date has not passed; a closed
case tells every step as said before it closed, with or without a date; a sentence keeps
its own closing mark ("…", "?", "!") and gets a full stop otherwise; each source is named
once, a publisher not named, an undated source and a title the editors supplied said as
such; steps go soonest first (then the shorter of two spans starting the same day), undated
after, ties in the records' order, passed ones last.

The data are the fictional Town Council case (tests/conftest.py MINI); each test loads its
own (mutation testing credits a shared fixture's calls to one test only, TESTING.md)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from casefile.model import objects as m
from casefile.model.dates import PartialDate
from casefile.model.upcoming import according_to, step, upcoming
from casefile.pipeline import load_dataset
from tests.conftest import write_mini

INS = "cases/town/records/town-inspection.yml"
CASE = "cases/town/case.yml"
AS_OF = PartialDate(2018, 3, 1)  # the MINI case's records end on 1 March 2018
INSPECTORATE = "New Inspectorate (Inspection of Town Council, 2 October 2017)"
COUNCIL = "Town Council (Council news, March 2018)"


# after a passed step no record reports on (e: reported_in)
NOT_SHOWN = " These records do not show whether it happened."

def dataset(tmp_path: Path, changes: dict[str, str | tuple[str, str]] | None = None
            ) -> m.Dataset:
    return load_dataset(write_mini(tmp_path, changes or {}), use_cache=False)


def next_step(ds: m.Dataset, text: str, date: PartialDate | None,
              *sources: str) -> m.NextStep:
    record = ds.cases["town"].records[0]
    return m.NextStep(text, date, [m.Citation(ds.sources[s]) for s in sources], record)


def test_each_source_is_named_once_by_publisher_title_and_date(tmp_path: Path) -> None:
    ds = dataset(tmp_path)
    report, news = ds.sources["report-2017"], ds.sources["council-news"]
    cites = [m.Citation(report), m.Citation(news), m.Citation(report, quote="Again.")]
    assert according_to(cites) == f"{INSPECTORATE} and {COUNCIL}"
    third = dataclasses.replace(news, id="minutes", title="Minutes")
    assert according_to([m.Citation(news), m.Citation(third), m.Citation(report)]) == (
        f"{COUNCIL} and Town Council (Minutes, March 2018) and {INSPECTORATE}")
    assert according_to([]) == ""


def test_a_source_without_publisher_or_date_or_with_a_supplied_title(tmp_path: Path) -> None:
    ds = dataset(tmp_path)
    news = ds.sources["council-news"]
    bare = dataclasses.replace(news, publisher=None, published=None)
    assert according_to([m.Citation(bare)]) == "a publisher not named (Council news, undated)"
    supplied = dataclasses.replace(news, title="Statement on the plan", title_supplied=True)
    assert according_to([m.Citation(supplied)]) == (
        "Town Council (untitled document: Statement on the plan, March 2018)")


def test_a_step_without_a_date_is_what_happens_next(tmp_path: Path) -> None:
    ds = dataset(tmp_path)
    said = step(next_step(ds, "Inspectors  visit\nagain", None, "council-news"), AS_OF)
    assert (said.text, said.passed) == (
        f"What happens next, according to {COUNCIL}: Inspectors visit again.", False)
    assert [c.source.id for c in said.cites] == ["council-news"]


def test_a_sentence_keeps_its_own_closing_mark(tmp_path: Path) -> None:
    ds = dataset(tmp_path)
    for text in ("A visit.", "A visit!", "A visit?", "A visit…"):
        assert step(next_step(ds, text, None, "council-news"), AS_OF).text == (
            f"What happens next, according to {COUNCIL}: {text}")
    assert step(next_step(ds, "A visit:", None, "council-news"), AS_OF).text == (
        f"What happens next, according to {COUNCIL}: A visit:.")


def test_a_step_due_on_the_case_date_is_still_to_come(tmp_path: Path) -> None:
    ds = dataset(tmp_path)
    for date, words in ((PartialDate(2018, 3, 1), "1 March 2018"),
                        (PartialDate(2018, 3), "March 2018")):
        said = step(next_step(ds, "A plan", date, "council-news"), AS_OF)
        assert (said.text, said.passed) == (
            f"What happens next, according to {COUNCIL}: A plan. Expected by {words}.", False)


def test_a_step_due_the_day_before_the_case_date_has_passed(tmp_path: Path) -> None:
    ds = dataset(tmp_path)
    for date, words in ((PartialDate(2018, 2, 28), "28 February 2018"),
                        (PartialDate(2018, 2), "February 2018")):
        said = step(next_step(ds, "A plan", date, "report-2017"), AS_OF)
        assert (said.text, said.passed) == (
            f"Expected by {words}, a date these records have passed (they run to 1 March "
            f"2018), according to {INSPECTORATE}: A plan.{NOT_SHOWN}", True)
    # the case's date as a month: passed only when before its first day
    said = step(next_step(ds, "A plan", PartialDate(2018, 2, 28), "report-2017"),
                PartialDate(2018, 3))
    assert said.text.endswith("(they run to March 2018), according to "
                              f"{INSPECTORATE}: A plan.{NOT_SHOWN}")
    assert not step(next_step(ds, "A plan", PartialDate(2018, 3, 1), "report-2017"),
                    PartialDate(2018, 3)).passed


def test_on_a_closed_case_a_step_was_said_before_it_closed(tmp_path: Path) -> None:
    ds = dataset(tmp_path)
    dated = step(next_step(ds, "A plan", PartialDate(2019, 5), "council-news"), AS_OF, True)
    assert (dated.text, dated.passed) == (
        f"Before the case was closed, {COUNCIL} said what would happen next: A plan. It was "
        "expected by May 2019.", True)
    undated = step(next_step(ds, "A plan", None, "council-news"), AS_OF, closed=True)
    assert (undated.text, undated.passed) == (
        f"Before the case was closed, {COUNCIL} said what would happen next: A plan.", True)
    assert [c.source.id for c in undated.cites] == ["council-news"]


NEXT = """\
next:
  - text: Undated first.
    cite: [report-2017]
  - text: The year.
    date: 2019
    cite: [report-2017]
  - text: Passed in January.
    date: 2018-01-31
    cite: [report-2017]
  - text: The month.
    date: 2018-03
    cite: [report-2017]
  - text: Undated second.
    cite: [report-2017]
  - text: Passed in 2017.
    date: 2017-12
    cite: [report-2017]
  - text: January 2019.
    date: 2019-01
    cite: [report-2017]
  - text: Mid-month.
    date: 2018-03-15
    cite: [report-2017]
  - text: The month again.
    date: 2018-03
    cite: [report-2017]
findings:"""


def test_steps_soonest_first_undated_after_then_those_passed(tmp_path: Path) -> None:
    case = dataset(tmp_path, {INS: ("findings:", NEXT)}).cases["town"]
    said = upcoming(case, case.as_of_shown)
    assert [(s.text.split(": ", 1)[1], s.passed) for s in said] == [
        ("The month. Expected by March 2018.", False),
        ("The month again. Expected by March 2018.", False),
        ("Mid-month. Expected by 15 March 2018.", False),
        ("January 2019. Expected by January 2019.", False),
        ("The year. Expected by 2019.", False),
        ("Undated first.", False), ("Undated second.", False),
        (f"Passed in 2017.{NOT_SHOWN}", True), (f"Passed in January.{NOT_SHOWN}", True)]
    assert said[0].text == (f"What happens next, according to {INSPECTORATE}: The month. "
                            "Expected by March 2018.")


def test_on_a_closed_case_every_step_in_date_order_as_said_before(tmp_path: Path) -> None:
    case = dataset(tmp_path, {INS: ("findings:", NEXT),
                              CASE: ("status: open", "status: closed")}).cases["town"]
    said = upcoming(case, case.as_of_shown)
    assert [s.text.split(": ", 1)[1] for s in said] == [
        "Passed in 2017. It was expected by December 2017.",
        "Passed in January. It was expected by 31 January 2018.",
        "The month. It was expected by March 2018.",
        "The month again. It was expected by March 2018.",
        "Mid-month. It was expected by 15 March 2018.",
        "January 2019. It was expected by January 2019.",
        "The year. It was expected by 2019.",
        "Undated first.", "Undated second."]
    assert all(s.passed for s in said)


def test_no_entry_nothing_said(tmp_path: Path) -> None:
    case = dataset(tmp_path).cases["town"]
    assert upcoming(case, case.as_of_shown) == []
