"""Nothing under data/ is silently left out, and nothing outside it is read: symbolic
links, named pipes and devices are reported, never followed or opened; hidden, stray and
wrongly named files, case folders without case.yml and unreadable folders are errors."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from casefile import pipeline
from casefile.errors import DataError
from casefile.pipeline import load_dataset
from casefile.reading import quickcheck, survey
from tests.conftest import BIN, MINI, refuse_to_open, write_tree

LINK = ("symbolic link: casefile never follows links under the data folder; put the file or "
        "folder itself here")
WHERE = ("data files go in themes.yml, vocabulary.yml, indicators.yml, bodies/, people/, "
         "sources/, cases/CASE/case.yml or cases/CASE/records/, and stored copies of "
         "documents in sources/copies/")


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data, use_cache=False)
    return [str(p) for p in caught.value.problems]


def check(data: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``casefile check --full`` in a process that must finish within a minute."""
    return subprocess.run([str(BIN / "casefile"), "check", "--full", "--data", str(data)],
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "CASEFILE_CACHE": str(tmp_path / "c")})


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero", "nowhere.yml", "loop.yml"])
def test_a_linked_file_is_never_followed(mini: Path, tmp_path: Path, target: str) -> None:
    (mini / "sources" / "loop.yml").symlink_to(mini / "sources" / "loop.yml")
    (mini / "bodies" / "linked.yml").symlink_to(target)
    assert problems(mini) == [f"data/bodies/linked.yml:1:1: {LINK}",
                              f"data/sources/loop.yml:1:1: {LINK}"]
    result = check(mini, tmp_path)
    assert result.returncode == 1 and "root:" not in result.stdout + result.stderr
    assert f"data/bodies/linked.yml:1:1: {LINK}" in result.stderr.splitlines()


def test_a_linked_case_folder_is_reported_not_read(mini: Path) -> None:
    (mini / "cases" / "copy").symlink_to(mini / "cases" / "town", target_is_directory=True)
    (mini / "cases" / "etc").symlink_to("/etc", target_is_directory=True)
    assert problems(mini) == [f"data/cases/copy:1:1: {LINK}", f"data/cases/etc:1:1: {LINK}"]


def test_a_named_pipe_never_hangs_the_check(mini: Path, tmp_path: Path) -> None:
    os.mkfifo(mini / "bodies" / "pipe.yml")
    expected = ("data/bodies/pipe.yml:1:1: not a plain file: this is a named pipe (FIFO); "
                "casefile reads only plain files under the data folder")
    assert problems(mini) == [expected]
    result = check(mini, tmp_path)  # raises TimeoutExpired if it waits on the pipe
    assert result.returncode == 1 and result.stderr.splitlines()[0] == expected


def test_the_reader_refuses_links_pipes_and_devices_itself(tmp_path: Path) -> None:
    """Even given a path directly (vocabulary.yml is), the reader opens nothing odd."""
    from casefile.reading.load import read_data_file

    os.mkfifo(tmp_path / "pipe.yml")
    (tmp_path / "zero.yml").symlink_to("/dev/zero")
    assert read_data_file(str(tmp_path / "pipe.yml")) == (
        "not a plain file: this is a named pipe (FIFO); casefile reads only plain files "
        "under the data folder")
    assert read_data_file(str(tmp_path / "zero.yml")) == LINK
    assert read_data_file("/dev/null") == (
        "not a plain file: this is a device; casefile reads only plain files under the "
        "data folder")


def test_hidden_stray_and_misnamed_files_are_errors(mini: Path) -> None:
    write_tree(mini, {"bodies/.draft.yml": "id: x\n", "cases/.old/case.yml": "id: old\n",
                      "bodies/other.YML": "id: other\n", "sources/a.yaml": "id: a\n",
                      "README.md": "notes\n", "cases/town/records/scan.pdf": b"%PDF",
                      "bodies/archive/old.yml": "id: old\n", ".gitkeep": "",
                      "cases/town/.gitkeep": ""})
    assert problems(mini) == [
        "data/README.md:1:1: unexpected file: only .yml data files are read under the data "
        "folder; move other files out of it",
        "data/bodies/.draft.yml:1:1: hidden file: casefile does not read hidden files; rename "
        "it without the leading '.' or move it out of the data folder",
        f"data/bodies/archive:1:1: unexpected folder: nothing in it is read; {WHERE}",
        "data/bodies/other.YML:1:1: data files end in .yml, not .YML; rename the file",
        "data/cases/.old:1:1: hidden folder: casefile does not read hidden folders; move it "
        "out of the data folder",
        "data/cases/town/records/scan.pdf:1:1: unexpected file: only .yml data files are "
        "read under the data folder; move other files out of it",
        "data/sources/a.yaml:1:1: data files end in .yml, not .yaml; rename the file",
    ]


def test_records_in_a_case_folder_without_case_yml_are_reported(mini: Path) -> None:
    write_tree(mini, {"cases/ghost/records/ghost-visit.yml": "id: ghost-visit\n"})
    (mini / "cases" / "empty" / "records").mkdir(parents=True)  # files deleted: nothing lost
    assert problems(mini) == [
        "data/cases/ghost/case.yml:1:1: missing file: every case folder needs a case.yml; "
        "without it nothing in the folder is read"]


def test_unreadable_files_and_folders_are_errors(mini: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_to_open(monkeypatch, mini / "bodies" / "inspectorate.yml", mini / "cases" / "town")
    assert problems(mini) == [
        "data/bodies/inspectorate.yml:1:1: cannot read file: Permission denied",
        "data/cases/town:1:1: cannot read folder: Permission denied; nothing in it was read"]


def test_a_1100_level_folder_tree_gives_a_message(mini: Path, tmp_path: Path) -> None:
    deep = mini / "cases" / "town" / "records" / "a"
    folders = [deep / ("/".join(["a"] * i)) for i in range(1100)]
    for folder in folders:  # os.makedirs recurses: it cannot make this tree itself
        folder.mkdir()
    try:
        assert pipeline._count_files(mini) == len(MINI)
        assert "town" in quickcheck.scan(mini)
        expected = ("data/cases/town/records/a:1:1: unexpected folder: nothing in it is "
                    f"read; {WHERE}")
        assert problems(mini) == [expected]
        result = check(mini, tmp_path)
        assert result.returncode == 1 and result.stderr.splitlines()[0] == expected
        assert "Traceback" not in result.stderr
    finally:
        for folder in reversed(folders):
            folder.rmdir()


@pytest.mark.parametrize("stray", ["bodies/.draft.yml", "cases/town/notes.txt",
                                   "cases/ghost/records/ghost-a.yml", "cases/town/records/x/y.yml",
                                   # among plain data files only (scan's fast path)
                                   "cases/town/records/notes.txt", "sources/copies/notes.yml",
                                   "cases/town/records/.town-b.yml"])
def test_the_incremental_check_sees_every_stray(
        mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stray: str) -> None:
    monkeypatch.setenv("CASEFILE_CACHE", str(tmp_path / "cache"))
    old = os.path.getmtime(mini / "themes.yml") - 100
    for path in mini.rglob("*"):
        os.utime(path, (old, old))
    assert quickcheck.check(mini).line().startswith("casefile: data OK")
    write_tree(mini, {stray: "id: x\n"})
    with pytest.raises(DataError) as caught:
        quickcheck.check(mini)
    said = [str(p) for p in caught.value.problems]
    assert said == problems(mini) and said


def swap_for_link(folder: Path, outside: Path) -> None:
    """Replace ``folder`` with a symbolic link to a folder outside the data set that holds
    files of the same names, whose text would be a YAML error if it were ever read."""
    outside.mkdir(exist_ok=True)
    for path in folder.iterdir():
        (outside / path.name).write_text("OUTSIDE: [secret\n", encoding="utf-8")
    folder.rename(folder.with_name(folder.name + "-moved"))
    folder.symlink_to(outside, target_is_directory=True)


RECORDS = "data/cases/town/records"


@pytest.mark.parametrize("cached", [False, True])
def test_a_folder_swapped_for_a_link_after_the_survey_is_not_followed(
        mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: bool) -> None:
    if cached:  # the parse cache knows every file: the reader reads and hashes them itself
        load_dataset(mini)
    real = pipeline._listed

    def listed_then_swapped(*args: object) -> object:
        found = real(*args)  # type: ignore[arg-type]
        swap_for_link(mini / "cases" / "town" / "records", tmp_path / "outside")
        return found

    monkeypatch.setattr(pipeline, "_listed", listed_then_swapped)
    with pytest.raises(DataError) as caught:
        load_dataset(mini, use_cache=cached)
    assert [str(p) for p in caught.value.problems] == [
        f"{RECORDS}/town-follow-up.yml:1:1: {LINK}",
        f"{RECORDS}/town-inspection.yml:1:1: {LINK}"]


def test_a_folder_swapped_for_a_link_during_the_survey_is_not_followed(
        mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = survey._walk

    def walk_then_swap(fd: int, folder: str, rel: str, *args: object) -> None:
        real(fd, folder, rel, *args)  # type: ignore[arg-type]
        if rel == "cases/town":  # records/ is listed as a folder: now it becomes a link
            swap_for_link(mini / "cases" / "town" / "records", tmp_path / "outside")

    monkeypatch.setattr(survey, "_walk", walk_then_swap)
    with pytest.raises(DataError) as caught:
        load_dataset(mini, use_cache=False)
    assert [str(p) for p in caught.value.problems][:1] == [f"{RECORDS}:1:1: {LINK}"]
    assert not [p for p in caught.value.problems if "OUTSIDE" in p.message]


def test_a_file_read_by_full_path_below_a_link_is_refused(tmp_path: Path) -> None:
    from casefile.reading.beneath import Beneath
    from casefile.reading.load import read_data_file

    (tmp_path / "data" / "real").mkdir(parents=True)
    (tmp_path / "data" / "real" / "a.yml").write_text("a: b\n", encoding="utf-8")
    swap_for_link(tmp_path / "data" / "real", tmp_path / "outside")
    path = str(tmp_path / "data" / "real" / "a.yml")
    assert read_data_file(path) == b"OUTSIDE: [secret\n"  # the plain open follows it
    with Beneath(str(tmp_path / "data")) as beneath:
        assert read_data_file(path, beneath) == LINK
        assert read_data_file(str(tmp_path / "data" / "real-moved" / "a.yml"),
                              beneath) == b"a: b\n"
