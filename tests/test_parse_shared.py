"""The cold parse shared between this process and forked children (``_check_shared``):
the same records and problems as one process, in the same order, and a share whose child
fails is checked here instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import synth
from casefile import pipeline
from casefile.errors import DataError
from casefile.fork import ForkError
from casefile.fork import available as fork_available
from casefile.outputs.opendata import to_json

pytestmark = pytest.mark.skipif(not fork_available(), reason="forks only on Linux")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shared")
    synth.generate(root, 20)  # 540 files: above PARALLEL_FROM
    return root / "data"


def broken(data: Path) -> Path:
    """A copy of ``data`` with problems in files of several shares."""
    import shutil

    copy = data.parent.parent / (data.parent.name + "-broken") / "data"
    if not copy.exists():
        shutil.copytree(data, copy)
        for case in ("case-0003", "case-0010", "case-0017"):
            record = next((copy / "cases" / case / "records").glob("*.yml"))
            record.write_text(record.read_text(encoding="utf-8")
                              .replace("summary: ", "sumary: ", 1), encoding="utf-8")
        body = sorted((copy / "bodies").glob("*.yml"))[4]
        body.write_text(body.read_text(encoding="utf-8") + "extra: yes\n", encoding="utf-8")
    return copy


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        pipeline.load_dataset(data, use_cache=False)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("cores", [2, 3])
def test_shared_gives_the_serial_result(data: Path, monkeypatch: pytest.MonkeyPatch,
                                        cores: int) -> None:
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: cores)
    started: list[str] = []
    real = pipeline.Forked
    monkeypatch.setattr(pipeline, "Forked", lambda fn, name: started.append(name)
                        or real(fn, name))
    shared = to_json(pipeline.load_dataset(data, use_cache=False))
    assert started.count("casefile-parse") == cores - 1
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10**9)
    assert shared == to_json(pipeline.load_dataset(data, use_cache=False))


def test_problems_are_the_same_and_in_the_same_order(data: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    shared = problems(broken(data))
    assert len(shared) == 7 and any("unknown key 'sumary'" in p for p in shared)
    assert any("unknown key 'extra'" in p for p in shared)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10**9)
    assert problems(broken(data)) == shared


class _Failing:
    """A child that died: its result is a ForkError."""

    def __init__(self, fn: object, name: str) -> None:
        self.name = name

    def result(self) -> object:
        raise ForkError(f"the {self.name} process was killed by SIGKILL")


def test_a_failed_child_s_share_is_checked_here(data: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(pipeline, "Forked", _Failing)
    assert len(problems(broken(data))) == 7
    fallback = to_json(pipeline.load_dataset(data, use_cache=False))
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10**9)
    assert fallback == to_json(pipeline.load_dataset(data, use_cache=False))
    assert problems(broken(data)) == problems(broken(data))


def test_this_process_checks_six_files_for_every_five_a_child_checks() -> None:
    # a child also pickles what it found, and this process unpickles it
    assert pipeline.shares(22, 2) == [[0, 1, 2, 3, 4, 5, 11, 12, 13, 14, 15, 16],
                                      [6, 7, 8, 9, 10, 17, 18, 19, 20, 21]]
    assert pipeline.shares(17, 3) == [[0, 1, 2, 3, 4, 5, 16], [6, 7, 8, 9, 10],
                                      [11, 12, 13, 14, 15]]
    assert [len(s) for s in pipeline.shares(27019, 2)] == [14739, 12280]
    for count, workers in ((0, 2), (1, 2), (11, 2), (1000, 3), (27019, 8)):
        split = pipeline.shares(count, workers)
        assert len(split) == workers
        assert sorted(i for share in split for i in share) == list(range(count))
        assert all(share == sorted(share) for share in split)
