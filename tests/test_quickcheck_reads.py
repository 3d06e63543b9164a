"""A clean full check remembers each group's content hash from the files it has just read
and checked: it reads no data file or stored copy a second time, and the hashes are the
ones a later check computes by reading the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.reading import copies, quickcheck
from tests.conftest import MINI, write_tree

COPY = "A report.\n\nThe quote.\n\nWe are sorry.\n"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASEFILE_CACHE", str(tmp_path / "cache"))
    files = dict(MINI)
    files["sources/report-2017.yml"] += (
        f"copy:\n  file: r.txt\n  sha256: {copies.sha256(COPY.encode())}\n")
    files["sources/copies/r.txt"] = COPY
    write_tree(tmp_path / "data", files)
    return tmp_path / "data"


def test_the_full_check_hashes_what_it_read_without_reading_again(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    again: list[str] = []
    real_file, real_copy = quickcheck.read_data_file, quickcheck._copy_hash

    def read_file(path: str, *args: object) -> bytes | str:
        again.append(path)
        return real_file(path, *args)  # type: ignore[arg-type]

    def read_copy(data_dir: Path, rel: str, *args: object) -> str | None:
        again.append(rel)
        return real_copy(data_dir, rel, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(quickcheck, "read_data_file", read_file)
    monkeypatch.setattr(quickcheck, "_copy_hash", read_copy)
    quickcheck.full(data.resolve())
    assert again == []
    state = quickcheck._load(data.resolve())
    assert state is not None
    groups = quickcheck.scan(data.resolve())
    assert groups is not None and sorted(state.contents) == sorted(groups) == ["", "town"]
    monkeypatch.undo()
    read = {name: quickcheck.contents(data.resolve(), group) for name, group in groups.items()}
    assert state.contents == read  # what reading every file afresh gives
    assert "sources/copies/r.txt" in groups[""].files


def test_a_file_changed_after_the_check_changes_its_groups_hash(data: Path) -> None:
    quickcheck.full(data.resolve())
    state = quickcheck._load(data.resolve())
    assert state is not None
    case = data / "cases" / "town" / "case.yml"
    case.write_text(case.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    groups = quickcheck.scan(data.resolve())
    assert groups is not None
    after = {name: quickcheck.contents(data.resolve(), group) for name, group in groups.items()}
    assert after[""] == state.contents[""] and after["town"] != state.contents["town"]
