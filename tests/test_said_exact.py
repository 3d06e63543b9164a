"""The shared parts of "where things stand", exactly (casefile.model.said): one link per
source, the first citation of each, in order; and a body named as it was called when the
case's records end, so that a body renamed later is named by the name of that time with
its current one, and one renamed before by its new name alone.

The data are the fictional Town Council case (tests/conftest.py MINI), whose inspectorate
is "Old Inspectorate" until December 2017 and "New Inspectorate" from January 2018 (a
test moves the new name to after the records end)."""

from __future__ import annotations

from pathlib import Path

from casefile.model import objects as m
from casefile.model.said import Said, called, unique
from casefile.pipeline import load_dataset
from tests.conftest import MINI, write_mini

BODY = "bodies/inspectorate.yml"


def test_the_first_citation_of_each_source_in_order(tmp_path: Path) -> None:
    ds = load_dataset(write_mini(tmp_path, {}), use_cache=False)
    report, news = ds.sources["report-2017"], ds.sources["council-news"]
    first, second, third = m.Citation(news, "One."), m.Citation(report), m.Citation(news, "Two.")
    kept = unique([first, second, third, m.Citation(report, "Three.")])
    assert [id(c) for c in kept] == [id(first), id(second)]
    assert unique([]) == []


def test_a_body_is_called_by_its_name_when_the_records_end(tmp_path: Path) -> None:
    ds = load_dataset(write_mini(tmp_path, {}), use_cache=False)
    case = ds.cases["town"]  # its records end on 1 March 2018
    assert called(ds.bodies["inspectorate"], case) == "New Inspectorate"
    assert called(ds.bodies["town-council"], case) == "Town Council"


def test_a_body_renamed_after_the_records_end_is_called_by_its_name_then(
        tmp_path: Path) -> None:
    renamed = MINI[BODY].replace("until: 2017-12", "until: 2018-12").replace(
        "from: 2018-01", "from: 2019-01")
    ds = load_dataset(write_mini(tmp_path, {BODY: renamed}), use_cache=False)
    assert called(ds.bodies["inspectorate"], ds.cases["town"]) == (
        "OI (now New Inspectorate)")  # the old name by its short form (Body.label_at)


def test_a_sentence_has_no_citations_anchor_or_more_unless_given() -> None:
    said = Said("Text.")
    assert (said.text, said.cites, said.anchor, said.more) == ("Text.", [], None, "")
