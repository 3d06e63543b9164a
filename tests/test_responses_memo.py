"""casefile.model.responses works out what depends on a whole report (a body's letters and
replies to it, its duty state, the bodies that respond) once per report and body for a case,
not once per finding (#18, performance): asked again, nothing is worked out again; another
case gets answers of its own, never the last case's. The answers themselves are those of
tests/test_responses*.py (same fictional coroner's report). Written for the mutation run of
responses.py; the byte-identical builds of every fixture before and after are in
BENCHMARKS.md ("#18 (responses)")."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from casefile.model import objects as m
from casefile.model import responses as rs
from tests.test_responses import PFD, load, pfd, record, reply
from tests.test_responses_review import letter

Calls = Counter[tuple[str, str, str]]
WORKED_OUT = ("letters", "replies", "responders", "duty_state")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    """Each time one of ``WORKED_OUT`` runs: (its name, the record's id, the body's id)."""
    seen: Calls = Counter()
    for name in WORKED_OUT:
        work = getattr(rs, name)

        def counted(first: object, *rest: m.Body, _work=work, _name=name) -> object:  # type: ignore[no-untyped-def]
            report = first.record if isinstance(first, m.Duty) else first
            seen[(_name, report.id, rest[0].id if rest else "")] += 1  # type: ignore[union-attr]
            return _work(first, *rest)

        monkeypatch.setattr(rs, name, counted)
    return seen


def everything(case: m.Case) -> list[object]:
    """What the pages ask of the report: each item's state with each body, its lines, the
    counts, each sentence of a missing response."""
    report = record(case, "town-pfd")
    bodies = report.duty.by  # type: ignore[union-attr]  # the responders here
    return [[(i.id, b.id, rs.item_state(i, b).label) for i in rs.items(report) for b in bodies],
            [[ln.words for ln in rs.lines(i)] for i in rs.items(report)],
            [c.words for c in rs.counts(report)]]


def replied(tmp_path: Path) -> m.Case:
    """The council answers one finding (on time); the trust sends a letter with no
    status; as of 21 March 2018, after the due day (7 March)."""
    trust = letter("2018-02-05", by="trust", ident="l-trust")
    return load(tmp_path, {PFD: pfd(), "cases/town/records/r-1.yml": reply("r-1", "2018-02-01"),
                           "cases/town/records/l-trust.yml": trust}, "2018-03-21")


def test_asked_again_nothing_is_worked_out_again(tmp_path: Path, calls: Calls) -> None:
    case = replied(tmp_path)
    first = everything(case)
    once = Counter(calls)
    assert everything(case) == first
    assert calls == once
    assert first[0] == [
        ("c-staffing", "town-council", "Accepted"),
        ("c-staffing", "trust", "Responded, no status given for this item"),
        ("c-handover", "town-council", "Not answered in the reply"),
        ("c-handover", "trust", "Responded, no status given for this item")]


def test_each_report_and_body_is_worked_out_once_for_all_its_items(
        tmp_path: Path, calls: Calls) -> None:
    """However many items are asked about: the letters, the replies and the duty state of
    each body once through the memo (the replies and letters once more inside the duty
    state and the replies, which work them out themselves), the responders once."""
    case = load(tmp_path, {PFD: pfd()}, "2018-03-21")
    everything(case)
    assert {k: n for k, n in calls.items() if k[0] != "responders"} == {
        (name, "town-pfd", body): n for body in ("town-council", "trust")
        for name, n in (("letters", 3), ("replies", 2), ("duty_state", 1))}
    assert calls[("responders", "town-pfd", "")] == 1


def test_another_case_gets_answers_of_its_own(tmp_path: Path) -> None:
    """Two cases from the same files but for the as-of date: asked about in turn, each
    keeps its own answers (the memo is the case's, never the last case's)."""
    pending = load(tmp_path / "a", {PFD: pfd()}, "2018-03-01")
    passed = load(tmp_path / "b", {PFD: pfd()}, "2018-03-21")
    answered = replied(tmp_path / "c")
    for _ in range(2):
        assert {s for _, _, s in everything(pending)[0]} == {"Response pending"}
        assert {s for _, _, s in everything(passed)[0]} == {"No response published"}
        assert everything(answered)[0][0] == ("c-staffing", "town-council", "Accepted")
        assert everything(pending)[2] == ["response pending 2", "response pending 2"]


def test_the_memo_keeps_one_case(tmp_path: Path) -> None:
    """The answers of the case asked about last are kept, and no other's."""
    first, second = replied(tmp_path / "a"), replied(tmp_path / "b")
    everything(first)
    everything(second)
    assert rs._HELD[0] is second
    assert len(rs._HELD) == 2
    report = record(second, "town-pfd")
    [council, trust] = rs.responders(report)
    assert rs._HELD[1][(rs.letters, id(report), id(trust))][0].id == "l-trust"
    assert rs._HELD[1][(rs.letters, id(report), id(council))] == []
    assert rs._HELD[1][(rs.replies, id(report), id(council))][0].id == "r-1"
