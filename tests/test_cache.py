"""The parse cache and parallel parsing change nothing but speed."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import synth
from casefile import pipeline
from casefile.errors import DataError
from casefile.model.link import Loaded
from casefile.outputs.opendata import to_json
from casefile.pipeline import load_dataset
from casefile.reading.cache import ParseCache, cache_dir
from tests.conftest import CACHE, REPO, refuse_to_open


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
