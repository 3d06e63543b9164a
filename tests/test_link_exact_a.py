"""Checks of the first half of casefile.model.link (stored_copy to Linker.add_source) that
no other test pinned, each with its exact located message or value (found by mutation
testing, #17). Each test changes the small valid data set of tests/conftest.py (MINI) and
loads it in-process, so mutmut sees it reach the linker."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.pipeline import load_dataset
from tests.conftest import write_mini

INSPECTION = "cases/town/records/town-inspection.yml"


def problems(tmp_path: Path, changes: dict[str, tuple[str, str] | str]) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(write_mini(tmp_path, changes), use_cache=False)
    return [str(p) for p in caught.value.problems]


def test_a_citation_of_an_unknown_source_does_not_hide_the_next(tmp_path: Path) -> None:
    """Each citation naming no known source is reported, not only the first."""
    cite = "cite:\n  - source: report-2017\n    quote: The quote.\n"
    got = problems(tmp_path, {INSPECTION: (cite, "cite:\n  - report-2016\n  - report-2018\n")})
    assert got == [f"data/{INSPECTION}:9:5: cite[0].source: no source with id 'report-2016'; "
                   "did you mean 'report-2017'?",
                   f"data/{INSPECTION}:10:5: cite[1].source: no source with id 'report-2018'; "
                   "did you mean 'report-2017'?"]
