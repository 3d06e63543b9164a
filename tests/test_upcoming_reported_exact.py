"""A next step a later record reports on, exactly (casefile.model.upcoming ``_reported``):
an undated step says nothing of when it was expected, and the step keeps its own
citations. Fictional data only (tests/conftest.py MINI, as tests/test_next_reported.py)."""

from __future__ import annotations

from pathlib import Path

from casefile.model.upcoming import upcoming
from casefile.pipeline import load_dataset
from tests.conftest import write_mini
from tests.test_next_reported import INS, INSPECTORATE, with_step


def test_an_undated_reported_step_says_nothing_of_when_and_keeps_its_citations(
        tmp_path: Path) -> None:
    undated = {INS: (with_step("town-follow-up")[INS][0],
                     with_step("town-follow-up")[INS][1].replace("    date: 2018-01\n", ""))}
    case = load_dataset(write_mini(tmp_path, undated), use_cache=False).cases["town"]
    [step] = upcoming(case, case.as_of_shown)
    assert step.text == (f"{INSPECTORATE} said what would happen next: The council names a "
                         "new director.")
    assert step.passed is True
    [next_step] = [n for r in case.records for n in r.next_steps]
    assert step.cites == next_step.cites
    assert [c.source.id for c in step.cites] == ["report-2017"]
    assert step.reported is not None and step.reported.anchor == "ev-town-follow-up"
