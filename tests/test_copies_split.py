"""The stored copies checked on two cores (``copies.verify`` from SPLIT_FROM copies on): a
forked child checks about half the copies, weighed by their quotes, and sends back what
it found. Whoever checks a copy, the outcome is the one-process check's: the same
problems, the same citations marked found and where, the same copies read; copies that
may be published stay in this process."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest

from bench import synth
from casefile import pipeline
from casefile.errors import DataError
from casefile.fork import Forked, ForkError
from casefile.outputs.opendata import to_json
from casefile.pipeline import link_all, load_dataset, read_all
from casefile.reading import copies


class Spy(Forked):
    """Forked, counting the children started to check copies."""

    started: ClassVar[list[str]] = []

    def __init__(self, fn: Callable[[], Any], name: str = "casefile-worker",
                 deadline: float | None = None) -> None:
        Spy.started.append(name)
        super().__init__(fn, name, deadline)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    Spy.started = []
    monkeypatch.setattr(copies, "Forked", Spy)
    return Spy.started


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("split")
    synth.generate(root, 2)  # 24 sources, each with a stored copy its citations quote
    return root / "data"


def outcome(data: Path) -> tuple[list[tuple[str, bool]], list[tuple[str, bool, str | None]]]:
    """(each source's copy and whether it was read; each quoting citation, whether its
    quote was found and where), after linking and checking the quotes."""
    loaded, problems, broken = read_all(data, data.parent)
    assert problems == []
    linker = link_all(loaded, broken, None, data)
    assert linker.problems == []
    read = [(ident, s.copy.read) for ident, s in linker.sources.items() if s.copy is not None]
    cites = [c for c in linker.quoted] + [c for s in linker.stated for c in s.cites]
    return read, [(c.source.id, c.checked, c.found_at) for c in cites]


def test_two_cores_mark_what_one_marks(made: Path, spy: list[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(copies, "SPLIT_FROM", 10 ** 9)
    alone = outcome(made)
    assert spy == []
    monkeypatch.setattr(copies, "SPLIT_FROM", 2)
    split = outcome(made)
    assert spy == ["casefile-copies"]
    assert split == alone
    assert len(alone[0]) == 24 and all(read for _, read in alone[0])
    found = [where for _, checked, where in alone[1] if checked]
    assert len(found) == len(alone[1]) > 24 and all(w.startswith("para. ") for w in found)


def test_a_failed_child_is_made_good_here(made: Path, spy: list[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(copies, "SPLIT_FROM", 10 ** 9)
    alone = outcome(made)

    def fail(self: Forked) -> None:
        self.cancel()
        raise ForkError("the casefile-copies process was killed by SIGKILL")

    monkeypatch.setattr(copies, "SPLIT_FROM", 2)
    monkeypatch.setattr(Spy, "result", fail)
    assert outcome(made) == alone
    assert spy == ["casefile-copies"]


def broken_copies(tmp_path: Path) -> Path:
    """The synthetic data with problems in copies both processes check: changed copies,
    a missing one, and quotes not in their copy."""
    root = tmp_path / "p"
    synth.generate(root, 2)
    data = root / "data"
    names = sorted(p.name for p in (data / "sources" / "copies").iterdir())
    for name in names[1:5]:  # two at even places in the list, two at odd ones
        path = data / "sources" / "copies" / name
        path.write_bytes(path.read_bytes() + b"\n\nAdded later.\n")
    (data / "sources" / "copies" / names[6]).unlink()
    for record in sorted((data / "cases" / "case-0001" / "records").iterdir())[:6]:
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("quote: ", "quote: Never said ", 1), encoding="utf-8")
    return data


def reported(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data, use_cache=False)
    return [str(p) for p in caught.value.problems]


def test_problems_are_the_same_whoever_checks_the_copy(tmp_path: Path, spy: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    data = broken_copies(tmp_path)
    monkeypatch.setattr(copies, "SPLIT_FROM", 10 ** 9)
    alone = reported(data)
    monkeypatch.setattr(copies, "SPLIT_FROM", 2)
    assert reported(data) == alone
    assert spy == ["casefile-copies"]
    changed = [p for p in alone if "has changed since its hash was recorded" in p]
    assert len(changed) == 4
    assert sum("is missing: put the document in data/sources/copies/" in p for p in alone) == 1
    assert sum("not found in the stored copy" in p for p in alone) == 6


def test_copies_that_may_be_published_stay_here(made: Path, tmp_path: Path, spy: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    for path in sorted(made.rglob("*")):
        target = data / path.relative_to(made)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        raw = path.read_bytes()
        if path.parent.name == "sources":
            raw = raw.replace(b"copy:\n", b"licence: OGL-3.0\npublish_copy: true\ncopy:\n")
        target.write_bytes(raw)
    monkeypatch.setattr(copies, "SPLIT_FROM", 2)
    dataset = load_dataset(data, use_cache=False)
    assert spy == []  # nothing to hand over: every copy's text stays in this model
    kept = [s.copy for s in dataset.sources.values() if s.copy is not None]
    assert len(kept) == 24
    for copy in kept:
        raw = (data / "sources" / "copies" / copy.file).read_bytes()
        assert copy.read and copy.parts and hashlib.sha256(raw).hexdigest() == copy.sha256


def test_the_outcomes_are_worked_out_while_the_child_checks(made: Path, spy: list[str],
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.setattr(copies, "SPLIT_FROM", 10 ** 9)
    alone = to_json(load_dataset(made, use_cache=False))
    monkeypatch.setattr(copies, "SPLIT_FROM", 2)
    order: list[str] = []
    waited = Spy.result
    monkeypatch.setattr(Spy, "result", lambda self: order.append("wait") or waited(self))
    worked = pipeline._outcomes
    monkeypatch.setattr(pipeline, "_outcomes", lambda *a: order.append("outcomes") or worked(*a))
    here: list[int] = []
    check = copies._check_copies
    monkeypatch.setattr(copies, "_check_copies",
                        lambda linker, idents, *a: here.append(len(idents)) or check(
                            linker, idents, *a))
    assert to_json(load_dataset(made, use_cache=False)) == alone
    assert spy == ["casefile-copies"]
    assert order == ["outcomes", "wait"]  # worked out once, before waiting for the child
    # the child took about three fifths of the work: 15 copies quoted 27 times, this
    # process 9 quoted 19 times (an inspection report, quoted 11 times, weighs 2.8 copies)
    assert here == [9]


class _Source:
    def __init__(self, publish: bool = False) -> None:
        self.publish_copy = publish


class _Linker:
    def __init__(self, published: set[str]) -> None:
        self.sources = {i: _Source(i in published) for i in "abcdefgh"}


def test_the_child_s_share_is_weighed_by_quotes() -> None:
    by_source: dict[str, list[Any]] = {"a": [None] * 12, "e": [None] * 6}
    todo = list("abcdefgh")  # a weighs 3, e 2, the others 1 each (QUOTE_WEIGHT 1/6)
    assert copies.QUOTE_WEIGHT == 1 / 6
    half = copies._child_share(_Linker(set()), todo, by_source, 1 / 2)  # type: ignore[arg-type]
    assert half == ["a", "e", "h"]  # 3 + 2 + 1 = 6, against b, c, d, f, g: 5
    thirds = copies._child_share(_Linker(set()), todo, by_source, 2 / 3)  # type: ignore[arg-type]
    assert thirds == ["a", "d", "f", "g", "h"]  # 7 of 11
    kept = copies._child_share(_Linker({"a"}), todo, by_source, 1 / 2)  # type: ignore[arg-type]
    assert kept == ["b", "c", "d", "e", "h"]  # a may be published: its text stays here


def test_with_a_problem_before_the_copies_the_outcomes_wait(
        tmp_path: Path, spy: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    data = broken_copies(tmp_path)
    record = sorted((data / "cases" / "case-0000" / "records").iterdir())[0]
    record.write_text(record.read_text(encoding="utf-8").replace(
        "body: ", "body: nobody-", 1), encoding="utf-8")
    monkeypatch.setattr(copies, "SPLIT_FROM", 10 ** 9)
    alone = reported(data)
    monkeypatch.setattr(copies, "SPLIT_FROM", 2)
    worked: list[object] = []
    monkeypatch.setattr(pipeline, "_outcomes", lambda *a: worked.append(a))
    assert reported(data) == alone
    assert worked == []  # never worked out for data that is not clean
    assert any("nobody-" in p for p in alone) and sum("has changed" in p for p in alone) == 4
