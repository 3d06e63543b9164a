"""casefile new: valid files, next free id, schema header, never overwrites."""

from __future__ import annotations

import shutil
from pathlib import Path

from casefile.jsonschema import header_for
from casefile.pipeline import load_dataset
from tests.conftest import POWYS_DATA
from tests.test_cli import run


def test_new_files_are_valid_and_numbered(tmp_path: Path) -> None:
    shutil.copytree(POWYS_DATA, tmp_path / "data")
    made = []
    for args in (["body"], ["body"], ["source"], ["case"],
                 ["record", "--case", "powys-childrens-services"]):
        result = run(["new", *args], tmp_path)
        assert result.returncode == 0, result.stderr
        made.append(result.stdout.strip())
    assert made == ["data/bodies/body-001.yml", "data/bodies/body-002.yml",
                    "data/sources/source-001.yml", "data/cases/case-001/case.yml",
                    "data/cases/powys-childrens-services/records/"
                    "powys-childrens-services-001.yml"]
    for rel in made:
        kind = "record" if "/records/" in rel else {"bodies": "body", "sources": "source",
                                                    "cases": "case"}[rel.split("/")[1]]
        assert (tmp_path / rel).read_text(encoding="utf-8").splitlines()[0] == \
            header_for(kind, rel)
    dataset = load_dataset(tmp_path / "data")  # raises if any scaffold were invalid
    assert "case-001" in dataset.cases


def test_new_never_overwrites(tmp_path: Path) -> None:
    shutil.copytree(POWYS_DATA, tmp_path / "data")
    target = tmp_path / "data" / "bodies" / "welsh-government.yml"
    before = target.read_bytes()
    result = run(["new", "body", "--id", "welsh-government"], tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("casefile new: 'welsh-government' is already used "
                             "(data/bodies/welsh-government.yml); nothing was written\n")
    assert target.read_bytes() == before
    result = run(["new", "record", "--case", "no-such-case"], tmp_path)
    assert result.returncode == 1 and "give --case" in result.stderr
