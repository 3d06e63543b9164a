"""Checks of the second half of casefile.model.link (Linker.finish_source_dates to the end),
each with its exact located message or exact linked values (found by mutation testing,
#17). Each test changes the small valid data set of tests/conftest.py (MINI) and loads it
in-process; every name in them is fictional."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.pipeline import load_dataset
from tests.conftest import write_mini

REPORT = "sources/report-2017.yml"
NEWS = "sources/council-news.yml"
CASE = "cases/town/case.yml"
COUNCIL = "bodies/town-council.yml"
# a source whose file sorts after report-2017's, so it is linked after it
GAZETTE = """\
id: zz-gazette
title: Inspectors' verdict on the council
publisher_note: A fictional local newspaper.
kind: news_article
published: 2017-10-03
language: en
"""
Changes = dict[str, tuple[str, str] | str]


def problems(tmp_path: Path, changes: Changes) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(write_mini(tmp_path, changes), use_cache=False)
    return [str(p) for p in caught.value.problems]


def load(tmp_path: Path, changes: Changes) -> m.Dataset:
    return load_dataset(write_mini(tmp_path, changes), use_cache=False)


def own_date_differs(decision: str, source: str = "zz-gazette") -> Changes:
    return {GAZETTE_PATH: GAZETTE, REPORT: (
        "language: en\n", "language: en\nsources_differ:\n  published:\n    values:\n"
        f"      - value: 2017-10-04\n        cite: [{{source: {source}, quote: on Wednesday}}]\n"
        f"    {decision}\n    reason: They differ.\n")}


GAZETTE_PATH = "sources/zz-gazette.yml"


def test_a_source_s_own_date_unsettled_between_sources_linked_after_it(tmp_path: Path) -> None:
    """report-2017's date is given otherwise by a source linked after it: the range of
    both days is its date, and the disagreement lists both with their sources."""
    dataset = load(tmp_path, own_date_differs("unsettled: true"))
    source = dataset.sources["report-2017"]
    assert (source.published.human(), source.published.first.isoformat(),
            source.published.last.isoformat()) == ("2 or 4 October 2017", "2017-10-02",
                                                   "2017-10-04")
    assert list(source.differs) == ["published"]
    differs = source.differs["published"]
    assert [(a.shown, [c.source.id for c in a.cites], a.own) for a in differs.values] == [
        ("2 October 2017", ["report-2017"], True), ("4 October 2017", ["zz-gazette"], False)]
    assert (differs.used, differs.reason) == ("2 or 4 October 2017", "They differ.")
    assert (dataset.sources["zz-gazette"].differs, dataset.sources["council-news"].differs) \
        == ({}, {})


def test_a_source_s_own_date_chosen_over_another_source_s(tmp_path: Path) -> None:
    source = load(tmp_path, own_date_differs("chosen: 2017-10-02")).sources["report-2017"]
    assert (source.published.iso(), source.differs["published"].used,
            [a.shown for a in source.differs["published"].values]) == (
        "2017-10-02", "2 October 2017", ["2 October 2017", "4 October 2017"])


def test_a_source_s_own_date_citing_no_such_source(tmp_path: Path) -> None:
    got = problems(tmp_path, own_date_differs("unsettled: true", "zz-gazettex"))
    assert got == [f"data/{REPORT}:13:25: sources_differ.published.values[0].cite[0].source: "
                   "no source with id 'zz-gazettex'; did you mean 'zz-gazette'?"]


def original(ident: str) -> tuple[str, str]:
    return ("language: en\n", f"language: en\noriginal: {ident}\n")


def test_a_copy_keeps_its_original_and_the_original_none(tmp_path: Path) -> None:
    sources = load(tmp_path, {NEWS: original("report-2017")}).sources
    assert sources["council-news"].original is sources["report-2017"]
    assert sources["report-2017"].original is None


def test_a_source_naming_itself_as_its_original(tmp_path: Path) -> None:
    assert problems(tmp_path, {NEWS: original("council-news")}) == [
        f"data/{NEWS}:7:11: original: source 'council-news' names itself as its original; "
        "name the source it is a copy of, or remove 'original'"]


def test_two_sources_naming_each_other_as_original(tmp_path: Path) -> None:
    tail = "name each other as original; remove 'original' from the one that is the first " \
           "document"
    assert problems(tmp_path, {NEWS: original("report-2017"),
                               REPORT: original("council-news")}) == [
        f"data/{NEWS}:7:11: original: sources 'council-news' and 'report-2017' {tail}",
        f"data/{REPORT}:9:11: original: sources 'report-2017' and 'council-news' {tail}"]


def test_a_copy_of_a_copy_names_the_first_document(tmp_path: Path) -> None:
    assert problems(tmp_path, {NEWS: original("report-2017"), REPORT: original("zz-gazette"),
                               GAZETTE_PATH: GAZETTE}) == [
        f"data/{NEWS}:7:11: original: source 'report-2017' is itself a copy of 'zz-gazette'; "
        "name the first document, 'zz-gazette', as the original"]


def test_a_body_that_is_its_own_parent(tmp_path: Path) -> None:
    assert problems(tmp_path, {COUNCIL: ("names:\n", "parent: town-council\nnames:\n")}) == [
        f"data/{COUNCIL}:3:9: parent: parent 'town-council' makes a loop (town-council → "
        "town-council); a body's parent is the body it is part of, so one of them must not "
        "name the other"]


def test_a_parent_lists_its_part(tmp_path: Path) -> None:
    bodies = load(tmp_path, {COUNCIL: ("names:\n", "parent: inspectorate\nnames:\n")}).bodies
    assert bodies["town-council"].parent is bodies["inspectorate"]
    assert ([b.id for b in bodies["inspectorate"].children], bodies["inspectorate"].parent,
            bodies["town-council"].children) == (["town-council"], None, [])


def case_line(line: str) -> Changes:
    return {CASE: ("status: open\n", f"status: open\n{line}\n")}


def test_a_case_keeps_its_jurisdiction_and_as_of(tmp_path: Path) -> None:
    case = load(tmp_path, case_line("jurisdiction: GB-SCT\nas_of: 2018-06-02")).cases["town"]
    assert (case.jurisdiction_given, case.as_of_given.isoformat()) == ("GB-SCT", "2018-06-02")


def test_an_unknown_jurisdiction_is_located(tmp_path: Path) -> None:
    assert problems(tmp_path, case_line("jurisdiction: GB-XXX")) == [
        f"data/{CASE}:8:15: jurisdiction: unknown jurisdiction 'GB-XXX': the holidays package "
        "has no subdivision 'XXX' of GB; GB has GB-ENG, GB-NIR, GB-SCT, GB-WLS"]


@pytest.mark.parametrize("given", ["2018", "2018-06"])
def test_as_of_must_be_a_full_date(tmp_path: Path, given: str) -> None:
    assert problems(tmp_path, case_line(f"as_of: {given}")) == [
        f"data/{CASE}:8:8: as_of: '{given}' is not a full date: outcomes are computed as of "
        "one day; write YYYY-MM-DD"]
