"""The parse cache and parallel parsing change nothing but speed."""

from __future__ import annotations

import os
import pickle
import random
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from bench import synth
from casefile import pipeline
from casefile.errors import DataError
from casefile.model.link import Loaded
from casefile.outputs.opendata import to_json
from casefile.pipeline import load_dataset
from casefile.reading import cache as cache_module
from casefile.reading.cache import ParseCache, cache_dir, read_pickle, write_pickle
from tests.conftest import BIN, CACHE, REPO, refuse_to_open


def test_cache_lives_outside_the_repository(mini: Path) -> None:
    load_dataset(mini)
    assert cache_dir() == CACHE
    files = list(CACHE.glob("check-*.pickle"))
    assert files and all(REPO not in f.parents for f in files)
    assert not (mini.parent / ".cache").exists()


def test_cached_result_equals_a_fresh_one_and_sees_edits(mini: Path) -> None:
    fresh = to_json(load_dataset(mini, use_cache=False))
    load_dataset(mini)  # fills the cache
    cached = ParseCache(mini.resolve())
    assert len(cached.entries) == len(list(mini.rglob("*.yml")))
    assert to_json(load_dataset(mini)) == fresh
    record = mini / "cases" / "town" / "records" / "town-follow-up.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("status: improving",
                                                                 "status: nonsense"))
    with pytest.raises(DataError) as caught:
        load_dataset(mini)
    assert "'nonsense' is not allowed" in str(caught.value.problems[0])


def test_parallel_parse_gives_the_serial_result(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    synth.generate(tmp_path, 20)  # 540 files: above the parallel threshold
    data = tmp_path / "data"
    assert len(list(data.rglob("*.yml"))) >= pipeline.PARALLEL_FROM
    parallel = to_json(load_dataset(data, use_cache=False))
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10**9)
    serial = to_json(load_dataset(data, use_cache=False))
    assert parallel == serial


def test_a_corrupt_cache_is_ignored(mini: Path) -> None:
    load_dataset(mini)
    cache = ParseCache(mini.resolve())
    cache.path.write_bytes(b"not a pickle")
    assert load_dataset(mini).cases["town"].title == "Town Council children's services"


def keep_all(loaded: list[Loaded]) -> list[Loaded]:
    return loaded


def test_isolated_loading_gives_the_same_model_and_the_same_problems(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from casefile import pipeline
    from casefile.outputs.opendata import files as open_data
    from tests.conftest import MINI, write_tree

    write_tree(tmp_path / "data", MINI)
    here = pipeline.load_dataset(tmp_path / "data", keep=keep_all)
    forks: list[int] = []
    real = pipeline._load_isolated
    monkeypatch.setattr(pipeline, "ISOLATE_FROM", 0)
    monkeypatch.setattr(pipeline, "_load_isolated",
                        lambda *a: forks.append(1) or real(*a))
    there = pipeline.load_dataset(tmp_path / "data", keep=keep_all)
    assert forks == [1]
    assert open_data(there) == open_data(here)
    assert json.loads(open_data(there)["data/casefile.json"])["cases"]
    assert [(i.kind, i.rec) for i in there.loaded] == [(i.kind, i.rec) for i in here.loaded]
    assert len(here.loaded) == len(MINI)
    rel = "cases/town/records/town-follow-up.yml"
    (tmp_path / "data" / rel).write_text(MINI[rel].replace("improving", "better"),
                                         encoding="utf-8")
    with pytest.raises(DataError) as isolated:
        pipeline.load_dataset(tmp_path / "data", keep=keep_all)
    with pytest.raises(DataError) as direct:
        pipeline.load_dataset(tmp_path / "data")
    assert isolated.value.problems == direct.value.problems != []
    assert forks == [1, 1]


def test_caches_left_by_older_code_are_removed(mini: Path) -> None:
    load_dataset(mini)
    current = ParseCache(mini.resolve()).path
    kind, key, code = current.stem.split("-")
    older = current.with_name(f"{kind}-{key}-0123456789abcdef.pickle")
    other_data = current.with_name(f"{kind}-fedcba9876543210-{code}.pickle")
    older.write_bytes(b"old")
    other_data.write_bytes(b"another data folder's")
    record = mini / "cases" / "town" / "records" / "town-follow-up.yml"
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_dataset(mini)  # an edit: the cache is written again
    assert current.is_file() and other_data.is_file()
    assert not older.exists()


@pytest.mark.parametrize("parallel_from", [0, 10**9])
def test_an_unreadable_file_is_reported_cold_and_warm(
        mini: Path, monkeypatch: pytest.MonkeyPatch, parallel_from: int) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", parallel_from)
    refuse_to_open(monkeypatch, mini / "sources" / "report-2017.yml")
    expected = f"{mini.name}/sources/report-2017.yml:1:1: cannot read file: Permission denied"
    for _ in ("cold", "warm"):
        with pytest.raises(DataError) as caught:
            load_dataset(mini)
        assert [str(p) for p in caught.value.problems] == [expected]


def test_a_background_save_is_complete_when_loading_returns(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casefile.reading import cache as cache_module

    monkeypatch.setattr(cache_module, "BACKGROUND_FROM", 0)
    forks: list[int] = []
    real_fork = cache_module.os.fork
    monkeypatch.setattr(cache_module.os, "fork", lambda: forks.append(1) or real_fork())
    fresh = to_json(load_dataset(mini, use_cache=False))
    assert to_json(load_dataset(mini)) == fresh
    assert forks == [1]  # written by a child, and finished: the next load reads it all
    assert len(ParseCache(mini.resolve()).entries) == len(list(mini.rglob("*.yml")))
    assert to_json(load_dataset(mini)) == fresh


# Corrupt cache files and interrupted writes (issue #14, items 10 and 11).

def cli_check(data: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "casefile"), "check", "--data", str(data)],
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "CASEFILE_CACHE": str(cache)})


GARBAGE = {
    "empty": lambda good: b"",
    "truncated": lambda good: good[: len(good) // 2],
    "random": lambda good: random.Random(14).randbytes(4096),
    "unknown class": lambda good: b"cno_such_module_here\nThing\n.",
    "text": lambda good: b"not a pickle at all\n",
}


@pytest.mark.parametrize("kind", list(GARBAGE))
def test_a_corrupt_cache_file_is_discarded_with_one_warning(mini: Path, tmp_path: Path,
                                                             kind: str) -> None:
    cache = tmp_path / "cache"
    case = mini / "cases" / "town" / "case.yml"  # a calendar: no other warning on stderr
    case.write_text(case.read_text(encoding="utf-8") + "jurisdiction: GB-ENG\n", encoding="utf-8")
    for _ in ("first", "remembered"):
        assert cli_check(mini, cache).returncode == 0
    every = sorted(cache.glob("*.pickle"))
    assert [f.name.split("-")[0] for f in every] == ["check", "shared", "state"]
    for path in every:
        path.write_bytes(GARBAGE[kind](path.read_bytes()))
    files = [every[0], every[2]]  # the shared files are read only with a good state
    result = cli_check(mini, cache)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("casefile: data OK: 1 case(s)")
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2 and "Traceback" not in result.stderr
    for line, path in zip(sorted(warnings, key=lambda w: "state" in w), files, strict=True):
        assert re.fullmatch(rf"casefile: warning: the cache file {re.escape(str(path))} is "
                            r"corrupt \(\w+\); deleted it, so this run reads everything afresh",
                            line), line
    again = cli_check(mini, cache)  # the run wrote good files again
    assert again.returncode == 0 and again.stderr == ""


@pytest.mark.parametrize("kind", list(GARBAGE))
def test_a_corrupt_shared_file_alone_gives_one_warning_and_the_full_check(
        mini: Path, tmp_path: Path, kind: str) -> None:
    """The kept shared files (read by a one-file-edit check with a good state): a corrupt
    one is deleted with one warning, and that run checks everything afresh."""
    cache = tmp_path / "cache"
    case = mini / "cases" / "town" / "case.yml"  # a calendar: no other warning on stderr
    case.write_text(case.read_text(encoding="utf-8") + "jurisdiction: GB-ENG\n", encoding="utf-8")
    for _ in ("first", "remembered"):
        assert cli_check(mini, cache).returncode == 0
    [shared] = cache.glob("shared-*.pickle")
    shared.write_bytes(GARBAGE[kind](shared.read_bytes()))
    record = next((mini / "cases" / "town" / "records").glob("*.yml"))
    record.write_text(record.read_text(encoding="utf-8").replace("summary: ", "summary: X ", 1),
                      encoding="utf-8")
    result = cli_check(mini, cache)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("casefile: data OK: 1 case(s)")
    assert re.fullmatch(rf"casefile: warning: the cache file {re.escape(str(shared))} is "
                        r"corrupt \(\w+\); deleted it, so this run reads everything afresh\n",
                        result.stderr), result.stderr
    again = cli_check(mini, cache)  # the full check wrote a good one again
    assert again.returncode == 0 and again.stderr == ""


def test_a_cache_of_the_wrong_shape_is_discarded(mini: Path, capsys: pytest.CaptureFixture[str]
                                                 ) -> None:
    load_dataset(mini)
    path = ParseCache(mini.resolve()).path
    path.write_bytes(pickle.dumps(["not", "a", "dict"]))
    assert load_dataset(mini).cases["town"].title == "Town Council children's services"
    assert capsys.readouterr().err == (
        f"casefile: warning: the cache file {path} is corrupt (it holds list, not dict); "
        "deleted it, so this run reads everything afresh\n")


@pytest.mark.parametrize("entry", [("digest", "x"), "x", ("digest",), (1, (None, [], True)),
                                   ("digest", (None, "not a list", True))])
def test_a_cache_whose_entries_have_the_wrong_shape_is_discarded(
        mini: Path, capsys: pytest.CaptureFixture[str], entry: object) -> None:
    """Found by an adversarial review: a dict of bad entries crashed every run."""
    load_dataset(mini)
    path = ParseCache(mini.resolve()).path
    entries = pickle.loads(path.read_bytes())
    entries[next(iter(entries))] = entry
    path.write_bytes(pickle.dumps(entries))
    capsys.readouterr()
    assert load_dataset(mini).cases["town"].title == "Town Council children's services"
    assert capsys.readouterr().err == (
        f"casefile: warning: the cache file {path} is corrupt (an entry is not (hash, "
        "(record, problems, parsed))); deleted it, so this run reads everything afresh\n")
    load_dataset(mini)
    assert capsys.readouterr().err == ""


def test_an_interrupted_cache_write_leaves_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cache_module.pickle, "dump", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_pickle(tmp_path / "check-a-b.pickle", {"x": 1})
    assert list(tmp_path.iterdir()) == []


class Stall:
    """Pickling this blocks, so a writer can be killed in the middle of a cache file."""

    def __reduce__(self) -> tuple[object, ...]:
        time.sleep(60)
        raise AssertionError("not killed")


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    import multiprocessing

    path = tmp_path / "check-a-b.pickle"
    writer = multiprocessing.get_context("fork").Process(
        target=write_pickle, args=(path, [b"x" * 200_000, Stall()]))
    writer.start()
    left = path.with_suffix(f".{writer.pid}.tmp")
    deadline = time.monotonic() + 30
    while not (left.exists() and left.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(writer.pid, signal.SIGKILL)
    writer.join()
    assert left.exists()  # what SIGKILL leaves
    live = path.with_suffix(f".{os.getppid()}.tmp")  # a writer that is still running
    live.write_bytes(b"in progress")
    write_pickle(path, {"x": 1})
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, live.name])
    assert read_pickle(path, dict) == {"x": 1}
