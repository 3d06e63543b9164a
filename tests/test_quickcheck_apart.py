"""The shared files a clean full check keeps for the next check are pickled by a forked
child while the check links the cases (``quickcheck._snapshot_apart``, from
SNAPSHOT_APART_FROM sources on): the same bytes as made in the check's own process, at the
same moment (before any case is linked), and a failed child only costs time."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest

from casefile.fork import ForkError
from casefile.fork import available as fork_available
from casefile.reading import cache, quickcheck
from casefile.reading import scan as scanning
from tests.conftest import MINI, write_tree
from tests.test_quickcheck import FOL, city, edit, quick, truth

pytestmark = pytest.mark.skipif(not fork_available(), reason="forks only on Linux")


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(scanning, "RACY_NS", 50_000_000)
    data = tmp_path / "data"
    write_tree(data, {**MINI, **city()})
    time.sleep(0.06)
    return data


def kept_blob(data: Path) -> tuple[bytes, bytes]:
    """(the mark, the pickled shared files) in the shared-files cache file."""
    token, blob = pickle.loads(cache.cache_file("shared", data.resolve()).read_bytes())
    return token, blob


def test_the_child_keeps_what_this_process_would_keep(
        data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEFILE_CACHE", str(tmp_path / "here"))
    assert quick(data) == truth(data)  # 2 sources: made here
    here_token, here = kept_blob(data)
    monkeypatch.setenv("CASEFILE_CACHE", str(tmp_path / "apart"))
    monkeypatch.setattr(quickcheck, "SNAPSHOT_APART_FROM", 0)
    made: list[int] = []
    real = quickcheck.Forked
    monkeypatch.setattr(quickcheck, "Forked", lambda fn, name: made.append(1) or real(fn, name))
    assert quick(data) == truth(data)
    assert made == [1]
    token, apart = kept_blob(data)
    # the cases linked after the fork left no trace in it: the same bytes, a new mark
    assert apart == here and token != here_token and len(token) == 16
    state = pickle.loads(cache.cache_file("state", data.resolve()).read_bytes())
    assert state.token == token and state.shared == b""
    fulls: list[Path] = []
    full = quickcheck.full
    monkeypatch.setattr(quickcheck, "full", lambda d, *a: fulls.append(d) or full(d, *a))
    write_tree(data, {FOL: edit(FOL, "Better.", "Much better.", dict(MINI))[FOL]})
    time.sleep(0.06)
    assert quick(data) == truth(data) and "data OK" in truth(data)
    assert fulls == []  # the kept shared files served the one-case check


class _Failing:
    """A child that dies before it sends anything."""

    cancelled = 0

    def __init__(self, fn: object, name: str) -> None:
        self.name = name

    def result(self) -> object:
        raise ForkError("the casefile-snapshot process was killed by SIGKILL")

    def cancel(self) -> None:
        _Failing.cancelled += 1


def test_a_failed_child_saves_no_state_and_the_next_check_is_full(
        data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEFILE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(quickcheck, "SNAPSHOT_APART_FROM", 0)
    monkeypatch.setattr(quickcheck, "Forked", _Failing)
    assert quick(data) == truth(data) and "data OK" in truth(data)
    assert not cache.cache_file("state", data.resolve()).exists()
    fulls: list[Path] = []
    full = quickcheck.full
    monkeypatch.setattr(quickcheck, "full", lambda d, *a: fulls.append(d) or full(d, *a))
    assert quick(data) == truth(data)
    assert len(fulls) == 1


def test_a_check_with_problems_stops_the_child(
        data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEFILE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(quickcheck, "SNAPSHOT_APART_FROM", 0)
    monkeypatch.setattr(quickcheck, "Forked", _Failing)
    before = _Failing.cancelled
    files = {**MINI, **city()}
    write_tree(data, edit(FOL, "finding: f-leadership", "finding: f-nowhere", files))
    said = quick(data)
    assert said == truth(data) and "f-nowhere" in said
    assert _Failing.cancelled == before + 1
    assert not cache.cache_file("state", data.resolve()).exists()
