"""Each item's progress beside its response, exactly (casefile.model.item_progress): a
finding's latest assessment in words, or each of several in no known order (ordered by who
says so, then status, each status once among the terms); a requirement's deadline outcome
as of the case's date and who reports it; nothing assessed, and no outcome, said so.

The data are the fictional Town Council case (tests/conftest.py MINI), its records ending
on 1 March 2018; each test loads its own (mutation testing credits a shared fixture's
calls to one test only, TESTING.md)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from casefile.model import objects as m
from casefile.model import vocab
from casefile.model.item_progress import NONE_RECORDED, Progress, _requirement, progress_of
from casefile.pipeline import load_dataset
from tests.conftest import MINI, write_mini

INS = "cases/town/records/town-inspection.yml"
FOLLOW = "cases/town/records/town-follow-up.yml"


def check(rid: str, status: str, body: str = "inspectorate", note: str = "Seen.") -> str:
    """A record of 1 March 2018 (the follow-up's day) assessing f-leadership."""
    return f"""\
id: {rid}
type: follow_up_inspection
title: Check {rid}
date: 2018-03-01
body: {body}
summary: A check.
cite: [report-2017]
assessments:
  - finding: f-leadership
    status: {status}
    asserted_by: {body}
    note: {note}
    cite: [report-2017]
"""


def load(tmp_path: Path, changes: dict[str, str | tuple[str, str]]) -> m.Case:
    return load_dataset(write_mini(tmp_path, changes), use_cache=False).cases["town"]


def items(case: m.Case) -> dict[str, m.Finding | m.Requirement]:
    return {i.id: i for r in case.records for i in (*r.findings, *r.requirements)}


def test_one_latest_assessment_and_a_past_due_requirement(tmp_path: Path) -> None:
    case = load(tmp_path, {})
    found = items(case)
    progress = progress_of(case)
    assert set(progress) == {id(i) for i in found.values()}
    finding = progress[id(found["f-leadership"])]
    assert finding == Progress([vocab.STATUSES["improving"]],
                               "Progress: Improving (1 March 2018, Own claim: Town Council)",
                               "status")
    plan = progress[id(found["req-plan"])]
    assert plan == Progress([vocab.OUTCOMES["overdue"]],
                            "Progress: Past due: no record that it was met (as of 1 March "
                            "2018, from the dates in the records)", "outcome")


def test_a_finding_nobody_assessed_has_no_progress_recorded(tmp_path: Path) -> None:
    case = load(tmp_path, {FOLLOW: (MINI[FOLLOW][MINI[FOLLOW].index("assessments:"):], "")})
    progress = progress_of(case)[id(items(case)["f-leadership"])]
    assert (progress.terms, progress.words, progress.kind) == ([], "No progress recorded",
                                                               "status")
    assert NONE_RECORDED == "No progress recorded"
    assert Progress() == Progress([], "No progress recorded", "status")


def test_several_latest_in_no_known_order_by_who_then_status_each_status_once(
        tmp_path: Path) -> None:
    """Three assessments of the same day: the council's (Improving), the inspectorate's
    two (Improving, Concern remains). Listed by who says so, then by status; the terms
    name each status once, in that order."""
    case = load(tmp_path, {"cases/town/records/a-check.yml": check("a-check", "improving"),
                           "cases/town/records/b-check.yml": check("b-check", "concern")})
    progress = progress_of(case)[id(items(case)["f-leadership"])]
    assert progress.words == (
        "Progress: Concern remains (1 March 2018, Regulator's judgement: New Inspectorate); "
        "Improving (1 March 2018, Regulator's judgement: New Inspectorate); "
        "Improving (1 March 2018, Own claim: Town Council)")
    assert progress.terms == [vocab.STATUSES["concern"], vocab.STATUSES["improving"]]
    assert progress.kind == "status"


def test_a_reported_outcome_names_who_reports_it(tmp_path: Path) -> None:
    reported = ("    reported:\n      outcome: partly_met\n      by: inspectorate\n"
                "      cite: [report-2017]\n    cite: [report-2017]\nstatements:")
    case = load(tmp_path, {INS: ("    cite: [report-2017]\nstatements:", reported)})
    progress = progress_of(case)[id(items(case)["req-plan"])]
    assert progress == Progress([vocab.OUTCOMES["partly_met"]],
                                "Progress: Partly met (as of 1 March 2018, reported by New "
                                "Inspectorate)", "outcome")


def test_a_requirement_without_an_outcome_and_a_case_without_its_date(tmp_path: Path) -> None:
    """Neither happens after linking (every requirement gets an outcome and every case its
    date), but each has its own words rather than a crash."""
    case = load(tmp_path, {})
    plan = items(case)["req-plan"]
    assert isinstance(plan, m.Requirement)
    assert _requirement(dataclasses.replace(plan, outcome=None), "1 March 2018") == Progress(
        [], "No progress recorded", "outcome")
    case.as_of_shown = None
    assert progress_of(case)[id(plan)].words == (
        "Progress: Past due: no record that it was met (as of the case's date, from the "
        "dates in the records)")
