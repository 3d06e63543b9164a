"""Checks of the first half of casefile.model.link (stored_copy to Linker.add_source) that
no other test pinned, each with its exact located message or value (found by mutation
testing, #17). Each test changes the small valid data set of tests/conftest.py (MINI) and
loads it in-process, so mutmut sees it reach the linker."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.pipeline import load_dataset
from tests.conftest import plain_id, write_mini

INSPECTION = "cases/town/records/town-inspection.yml"
NEWS = "sources/council-news.yml"


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


REPORT = "sources/report-2017.yml"
TEXT = b"Inspectors found The quote. in the report. The council said: We are sorry.\n"


def with_copy(licence: str = "") -> dict[str, tuple[str, str] | str]:
    """report-2017 with a stored text copy (and ``licence`` lines after language:)."""
    block = (f"language: en\n{licence}copy:\n  file: r.txt\n"
             f"  sha256: {hashlib.sha256(TEXT).hexdigest()}\n")
    return {REPORT: ("language: en\n", block), "sources/copies/r.txt": TEXT}  # type: ignore[dict-item]


def test_a_quote_is_checked_against_the_stored_copy(tmp_path: Path) -> None:
    dataset = load_dataset(write_mini(tmp_path, with_copy()), use_cache=False)
    cite = dataset.cases["town"].records[0].cites[0]
    assert (cite.quote, cite.checked, cite.quote_at) == (
        "The quote.", True, (f"data/{INSPECTION}", 10, 12, "cite[0].quote"))
    plain = dataset.cases["town"].records[0].findings[0].cites[0]  # no quote: nowhere
    assert (plain.source.id, plain.quote, plain.quote_at, plain.checked) == (
        "report-2017", None, None, False)


def test_a_quote_not_in_the_stored_copy_is_reported_where_it_is_written(
        tmp_path: Path) -> None:
    changes = with_copy()
    changes[INSPECTION] = ("quote: The quote.", "quote: Not in it at all.")
    got = problems(tmp_path, changes)
    assert len(got) == 1 and got[0].startswith(
        f"data/{INSPECTION}:10:12: cite[0].quote: not found in the stored copy copies/r.txt "
        "of 'report-2017'")


def test_an_open_licence_lets_the_copy_be_published(tmp_path: Path) -> None:
    changes = with_copy("licence: OGL-3.0\npublish_copy: true\n")
    source = load_dataset(write_mini(tmp_path, changes), use_cache=False).sources["report-2017"]
    assert (source.licence, source.publish_copy, source.copy.file, source.copy.format) == (
        "OGL-3.0", True, "r.txt", "text")


def test_publish_copy_with_an_unknown_licence_is_reported_once(tmp_path: Path) -> None:
    """The unknown licence is the one problem: nothing is said about publishing it."""
    got = problems(tmp_path, with_copy("licence: OGL-3\npublish_copy: true\n"))
    assert got == [f"data/{REPORT}:9:10: licence: 'OGL-3' is not allowed; did you mean "
                   "'OGL-3.0'? (allowed: OGL-3.0, CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, "
                   "all-rights-reserved)"]


def test_a_closed_licence_without_publish_copy_is_kept(tmp_path: Path) -> None:
    changes = with_copy("licence: all-rights-reserved\n")
    source = load_dataset(write_mini(tmp_path, changes), use_cache=False).sources["report-2017"]
    assert (source.licence, source.publish_copy) == ("all-rights-reserved", False)


def ward(*names: str) -> dict[str, tuple[str, str] | str]:
    """A body bodies/ward.yml with ``names``, each 'Name|key|date'."""
    lines = ["id: ward\nkind: local_authority\nnames:\n"]
    for given in names:
        name, key, when = given.split("|")
        lines.append(f"  - name: {name}\n    {key}: {when}\n")
    return {"bodies/ward.yml": "".join(lines)}


@pytest.mark.parametrize("first, then", [
    ("until|2017-12-01", "from|2017-12-01"),  # the same day: not before
    ("until|2017-12-15", "from|2017-12"),  # a month holding the day: not before
    ("until|2017-12", "from|2017-12-15"),  # a day in the month: not before
    ("from|2015", "until|2015-06"),  # compared with the first name's from, not its until
    ("until|2016", "until|2016-06"),
], ids=plain_id)
def test_names_that_may_be_in_order_are_kept(tmp_path: Path, first: str, then: str) -> None:
    data = write_mini(tmp_path, ward(f"Old Ward|{first}", f"New Ward|{then}"))
    body = load_dataset(data, use_cache=False).bodies["ward"]
    assert [n.name for n in body.names] == ["Old Ward", "New Ward"]


def test_a_name_listed_after_one_it_is_older_than_is_reported_once(tmp_path: Path) -> None:
    """Compared with the name before's until when it has no from; the first misplaced
    name is reported and no more (the rest follow from moving it)."""
    got = problems(tmp_path, ward("Old Ward|until|2017-12", "Older Ward|until|2010",
                                  "Oldest Ward|from|2005"))
    assert got == ["data/bodies/ward.yml:7:12: names[1].until: names go oldest first, the "
                   "current name last: 'Older Ward' (until 2010) is listed after 'Old Ward' "
                   "(until December 2017); move it up"]


def test_a_from_before_the_name_before_is_reported(tmp_path: Path) -> None:
    body = ward("Old Ward|from|2015", "New Ward|from|2014-06")
    body["bodies/ward.yml"] += "    until: 2014-12\n"
    got = problems(tmp_path, body)
    assert got == ["data/bodies/ward.yml:7:11: names[1].from: names go oldest first, the "
                   "current name last: 'New Ward' (from June 2014) is listed after 'Old Ward' "
                   "(from 2015); move it up"]


def test_a_source_dated_after_the_build_is_reported(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 1 January 2025
    got = problems(tmp_path, {REPORT: ("accessed: 2020-01-01", "accessed: 2025-02-03")})
    assert got == [f"data/{REPORT}:7:11: accessed: 3 February 2025 is in the future: this "
                   "build is dated 1 January 2025; check the year, or add the record once it "
                   "has happened"]


def test_a_source_with_no_date_shown_is_undated(tmp_path: Path) -> None:
    data = write_mini(tmp_path, {NEWS: ("published: 2018-03", "published: no date shown")})
    sources = load_dataset(data, use_cache=False).sources
    news, report = sources["council-news"], sources["report-2017"]
    assert (news.undated, news.published, report.undated, report.published.iso()) == (
        True, None, False, "2017-10-02")


def test_a_source_s_unknown_publisher_is_reported(tmp_path: Path) -> None:
    got = problems(tmp_path, {NEWS: ("publisher: town-council", "publisher: town-councl")})
    assert got == [f"data/{NEWS}:3:12: publisher: no body with id 'town-councl'; did you "
                   "mean 'town-council'?"]


def test_an_open_licence_alone_publishes_no_copy(tmp_path: Path) -> None:
    changes = with_copy("licence: OGL-3.0\n")
    source = load_dataset(write_mini(tmp_path, changes), use_cache=False).sources["report-2017"]
    assert (source.licence, source.publish_copy) == ("OGL-3.0", False)
