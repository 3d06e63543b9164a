""""Where things stand" says who its requirement counts rest on (#12, G1): the body that
set each requirement, the body whose record shows it met or replaced, the body reporting
an outcome, or nothing but the outcome's own words ("no record that it was met"). Built
from the fictional MINI data set (tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from casefile.model import deadlines
from tests.test_stand import INSPECTION, view

REQ_CITE = "      from: publication\n    cite: [report-2017]\n"
LETTER = """\
id: inspectorate-letter
title: Letter to Town Council
publisher: inspectorate
kind: letter
published: 2018-02-01
language: en
"""


def _with(extra: str) -> tuple[str, str]:
    """The inspection's requirement with ``extra`` lines after its deadline."""
    return REQ_CITE, f"      from: publication\n{extra}    cite: [report-2017]\n"


def test_a_requirement_met_in_a_record_names_who_set_it_and_whose_record_shows_it(
        tmp_path: Path) -> None:
    s = view(tmp_path, {INSPECTION: _with("    fulfilled_by: town-follow-up\n")}).stand
    assert s is not None
    assert s.requirements.text == (
        "As of 1 March 2018, the one requirement recorded, set by New Inspectorate, "
        "is met late. A record from Town Council shows it met.")


def test_several_requirements_are_counted_by_outcome_and_by_whose_record(
        tmp_path: Path) -> None:
    two = _with("    fulfilled_by: town-follow-up\n")[1] + (
        "  - id: req-second\n    text: Second.\n    due:\n      date: 2018-01-31\n"
        "    fulfilled_by: town-follow-up\n    cite: [report-2017]\n"
        "  - id: req-third\n    text: Third.\n    due:\n      date: 2018-01-31\n"
        "    cite: [report-2017]\n")
    s = view(tmp_path, {INSPECTION: (REQ_CITE, two)}).stand
    assert s is not None
    assert s.requirements.text == (
        "As of 1 March 2018, 3 requirements are recorded, all set by New Inspectorate. 2 "
        "have the status Met late. Records from Town Council show them met. 1 has the status "
        "Past due: no record that it was met.")


def test_a_reported_outcome_names_the_body_reporting_it(tmp_path: Path) -> None:
    reported = ("    reported:\n      outcome: not_met\n      by: inspectorate\n"
                "      cite: [inspectorate-letter]\n")
    s = view(tmp_path, {INSPECTION: _with(reported),
                        "sources/inspectorate-letter.yml": LETTER}).stand
    assert s is not None
    assert s.requirements.text == (
        "As of 1 March 2018, the one requirement recorded, set by New Inspectorate, "
        "is not met. New Inspectorate says so.")


def test_a_record_and_a_report_that_disagree_are_both_named(tmp_path: Path) -> None:
    both = ("    fulfilled_by: town-follow-up\n    reported:\n      outcome: not_met\n"
            "      by: inspectorate\n      cite: [inspectorate-letter]\n")
    s = view(tmp_path, {INSPECTION: _with(both),
                        "sources/inspectorate-letter.yml": LETTER}).stand
    assert s is not None
    assert s.requirements.text == (
        "As of 1 March 2018, the one requirement recorded, set by New Inspectorate, "
        "is disputed. A record from Town Council shows it met. New Inspectorate "
        "reports it as not met.")


def test_a_requirement_replaced_in_a_record_names_whose_record(tmp_path: Path) -> None:
    s = view(tmp_path, {INSPECTION: _with("    superseded_by: town-follow-up\n")}).stand
    assert s is not None
    assert s.requirements.text == (
        "As of 1 March 2018, the one requirement recorded, set by New Inspectorate, "
        "is superseded. A record from Town Council replaces it.")


def test_due_words_is_one_phrase_for_a_day_a_window_and_none() -> None:
    day, last = dt.date(2019, 4, 1), dt.date(2019, 4, 30)
    assert deadlines.due_words(last, last) == "due 30 April 2019"
    assert deadlines.due_words(day, last) == "due between 1 April 2019 and 30 April 2019"
    assert deadlines.due_words(None, None) == "no deadline set"


def test_a_renamed_setter_is_counted_once_as_first_named(tmp_path: Path) -> None:
    letter = ("id: town-letter\ntype: monitoring_visit\ntitle: Letter\ndate: 2018-02-01\n"
              "body: inspectorate\nsummary: A letter.\ncite: [report-2017]\n"
              "requirements:\n  - id: req-letter\n    text: Reply.\n    cite: [report-2017]\n")
    s = view(tmp_path, {"cases/town/records/town-letter.yml": letter}).stand
    assert s is not None
    assert s.requirements.text == (
        "As of 1 March 2018, 2 requirements are recorded, all set by New Inspectorate. 1 has "
        "the status Outstanding. No record yet shows it met. 1 has the status Past due: no "
        "record that it was met.")
