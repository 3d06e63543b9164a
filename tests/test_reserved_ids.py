"""Ids that would overwrite the site's own pages, feeds or files are refused, and the list
of them is derived here from what a build actually writes: a new output cannot bring a
clash back without this test naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.model.link import RESERVED_IDS
from casefile.pipeline import load_dataset
from tests.conftest import MINI, copy_project, mkdocs_build, write_tree
from tests.test_cli import run


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every file the MkDocs build and ``casefile generate`` write for a small data set."""
    root = tmp_path_factory.mktemp("reserved")
    copy_project(root, data=False)
    write_tree(root / "data", MINI)
    assert mkdocs_build(root).returncode == 0
    assert run(["generate", "--out", "generated"], root).returncode == 0
    return [p.relative_to(top) for top in (root / "site", root / "generated")
            for p in top.rglob("*") if p.is_file()]


def stem(name: str) -> str:
    return name.split(".", 1)[0]


def clashes(paths: list[Path], ids: set[str]) -> set[str]:
    """Names beside a place an id of this kind goes (cases/ID/, feeds/ID.xml...), that an id
    of this kind could therefore overwrite."""
    folders = {path.parents[len(path.parts) - 1 - i] for path in paths
               for i, part in enumerate(path.parts) if stem(part) in ids}
    found = set()
    for path in paths:
        for folder in folders:
            if path.is_relative_to(folder) and path != folder:
                name = stem(path.relative_to(folder).parts[0])
                found |= {name} - ids
    return found


def test_every_generated_name_an_id_could_take_is_reserved(outputs: list[Path],
                                                           tmp_path: Path) -> None:
    write_tree(tmp_path / "data", MINI)
    dataset = load_dataset(tmp_path / "data")
    kinds = {"case": set(dataset.cases), "body": set(dataset.bodies),
             "source": set(dataset.sources), "person": set(dataset.people),
             "theme": set(dataset.themes),
             "record": {r.id for case in dataset.cases.values() for r in case.records},
             "finding": {f.id for case in dataset.cases.values() for f in case.findings}}
    derived = {kind: clashes(outputs, ids) for kind, ids in kinds.items()}
    assert {k: v for k, v in derived.items() if v} == {
        kind: set(names) for kind, names in RESERVED_IDS.items()}


def test_the_derivation_sees_the_pages_and_feeds(outputs: list[Path]) -> None:
    names = {p.as_posix() for p in outputs}
    assert {"cases/index.html", "cases/town/index.html", "bodies/index.html",
            "feeds/all.xml", "feeds/deadlines.ics", "feeds/town.xml"} <= names


@pytest.mark.parametrize(("kind", "ident"), [(k, i) for k, ids in RESERVED_IDS.items()
                                              for i in ids])
def test_reserved_ids_are_refused_with_a_located_message(tmp_path: Path, kind: str,
                                                         ident: str) -> None:
    files = dict(MINI)
    if kind == "case":
        files = {k.replace("cases/town/", f"cases/{ident}/"): v for k, v in files.items()}
        rel = f"cases/{ident}/case.yml"
        files[rel] = files[rel].replace("id: town", f"id: {ident}")
    else:
        rel = f"bodies/{ident}.yml"
        files[rel] = files.pop("bodies/town-council.yml").replace("id: town-council",
                                                                  f"id: {ident}")
    write_tree(tmp_path / "data", files)
    result = run(["check", "--full"], tmp_path)
    assert result.returncode == 1
    assert (f"data/{rel}:1:5: id: '{ident}' is reserved: the site uses it for "
            f"{RESERVED_IDS[kind][ident]}; choose another id") in result.stdout + result.stderr
