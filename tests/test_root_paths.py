"""Files are named relative to the folder asked for, even when that folder is the
filesystem root (``/``, whose name already ends in a separator): nothing is written to the
real root; the data folder lives in a temporary folder and ``/`` is only named as the root
that names are taken from."""

from __future__ import annotations

from pathlib import Path

from casefile.pipeline import read_all
from casefile.reading.survey import prefix_length, survey
from tests.conftest import MINI, write_tree


def test_the_prefix_of_a_folder_counts_one_separator() -> None:
    assert prefix_length(Path("/")) == 1
    assert prefix_length(Path("/data")) == len("/data/")
    assert prefix_length(Path("/srv/site/data")) == len("/srv/site/data/")
    assert "/data/themes.yml"[prefix_length(Path("/")):] == "data/themes.yml"


def test_read_all_names_files_from_the_root_when_the_root_is_slash(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_tree(data, {**MINI, "bodies/broken.yml": "id: [unclosed\n", "stray.txt": "x"})
    below_root = str(data)[1:]  # the data folder's path, named from /
    loaded, problems, _ = read_all(data, Path("/"))
    files = {item.rec.loc.file for item in loaded}
    assert f"{below_root}/themes.yml" in files
    assert f"{below_root}/cases/town/case.yml" in files
    assert all(f.startswith(below_root + "/") for f in files)
    named = sorted({p.file for p in problems})
    assert named == [f"{below_root}/bodies/broken.yml", f"{below_root}/stray.txt"]
    # the same files named from the data folder's parent, as every check names them
    loaded, problems, _ = read_all(data, tmp_path)
    assert "data/themes.yml" in {item.rec.loc.file for item in loaded}
    assert sorted({p.file for p in problems}) == ["data/bodies/broken.yml", "data/stray.txt"]


def test_survey_names_what_it_reports_from_the_root(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_tree(data, {**MINI, "extra/note.yml": "x: 1\n"})
    files, problems = survey(data, Path("/"))
    assert f"{data}/themes.yml" in files
    assert [p.file for p in problems] == [f"{str(data)[1:]}/extra"]
