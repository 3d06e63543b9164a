"""Exact behaviour of link_records._finding_details (#18: recommendations as findings): a
finding's kind, number, paragraph and the bodies it is addressed to, and the located
problems of a repeated number or body. Written for the partial mutation re-run of
link_records.py (#17); fictional data only (tests/conftest.py MINI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.pipeline import load_dataset
from tests.conftest import write_mini

INSPECTION = "cases/town/records/town-inspection.yml"
FIRST = "    theme: leadership\n    text: Weak leadership.\n"


def load(tmp_path: Path, first: str = "", more: str = "") -> m.Record:
    data = write_mini(tmp_path, {})  # the MINI as it is, then edited below
    path = data / INSPECTION
    body = path.read_text(encoding="utf-8").replace(FIRST, FIRST + first)
    body = body.replace("    cite: [report-2017]\nrequirements:",
                        f"    cite: [report-2017]\n{more}requirements:")
    path.write_text(body, encoding="utf-8")
    case = load_dataset(data, use_cache=False).cases["town"]
    [found] = [r for r in case.records if r.id == "town-inspection"]
    return found


def problems(tmp_path: Path, first: str = "", more: str = "") -> list[str]:
    with pytest.raises(DataError) as caught:
        load(tmp_path, first, more)
    return [str(p) for p in caught.value.problems]


def second(ident: str, lines: str) -> str:
    return (f"  - id: {ident}\n    theme: safeguarding\n    text: Another.\n{lines}"
            "    cite: [report-2017]\n")


def test_a_finding_s_kind_number_paragraph_and_bodies(tmp_path: Path) -> None:
    record = load(tmp_path, "    kind: recommendation\n    number: R3.1\n"
                  "    paragraph: '4.12'\n    directed_at: [inspectorate, town-council]\n",
                  second("f-two", ""))
    one, two = record.findings
    assert (one.kind.value if one.kind else None, one.number, one.paragraph,
            [b.id for b in one.directed_at]) == (
        "recommendation", "R3.1", "4.12", ["inspectorate", "town-council"])
    assert (two.kind, two.number, two.paragraph, two.directed_at) == (None, None, None, [])


def test_two_findings_with_no_number_are_not_a_repeat(tmp_path: Path) -> None:
    record = load(tmp_path, "", second("f-two", "") + second("f-three", "    number: '1'\n"))
    assert [f.number for f in record.findings] == [None, None, "1"]


def test_a_repeated_number_is_located_at_the_repeat_and_names_the_first(
        tmp_path: Path) -> None:
    more = second("f-two", "    number: '7'\n") + second("f-three", "    number: '7'\n")
    assert problems(tmp_path, "    number: '7'\n", more) == [
        f"data/{INSPECTION}:20:13: findings[1].number: number '7' is already given at line "
        "15; each finding of a record needs its own number, as in the source",
        f"data/{INSPECTION}:25:13: findings[2].number: number '7' is already given at line "
        "15; each finding of a record needs its own number, as in the source"]


def test_a_body_named_twice_or_unknown_is_located(tmp_path: Path) -> None:
    assert problems(tmp_path, "    directed_at: [town-council, inspectorat, town-council]\n"
                    ) == [
        f"data/{INSPECTION}:15:18: findings[0].directed_at: body 'town-council' is named "
        "twice; name each body the source addresses once",
        f"data/{INSPECTION}:15:18: findings[0].directed_at: no body with id 'inspectorat'; "
        "did you mean 'inspectorate'?"]


def test_a_finding_that_cannot_be_linked_is_reported_once(tmp_path: Path) -> None:
    """Its theme is unknown: that is the only problem, its details are not read."""
    found = problems(tmp_path, "    kind: recommendation\n    number: '1'\n"
                     "    directed_at: [town-council]\n", second("f-two", "").replace(
                         "theme: safeguarding", "theme: safety"))
    assert found == [f"data/{INSPECTION}:20:12: findings[1].theme: no theme with id 'safety'"]
