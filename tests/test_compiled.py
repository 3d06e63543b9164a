"""The macros compiled once and kept between builds (outputs.compiled)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casefile.outputs import compiled
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import REPO


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CASEFILE_CACHE", str(folder))
    return folder


def _pages(mini: Path) -> dict[str, str]:
    return Renderer(load_dataset(mini, use_cache=False), REPO / "macros").pages()


def test_the_second_build_reads_the_macros_compiled_and_writes_the_same(
        mini: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _pages(mini)
    [folder] = cache.glob(f"{compiled.PREFIX}*")
    kept = sorted(folder.iterdir())
    assert len(kept) >= 10 and oct(folder.stat().st_mode & 0o777) == "0o700"
    compiles: list[str] = []
    real = compiled.jinja2.Environment.compile

    def counted(self: object, source: str, name: str | None = None, *args: object,
                **kw: object) -> object:
        compiles.append(str(name))
        return real(self, source, name, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(compiled.jinja2.Environment, "compile", counted)
    assert _pages(mini) == first
    assert compiles == []
    assert sorted(folder.iterdir()) == kept
    for file in kept:
        file.unlink()
    assert _pages(mini) == first
    assert "pages/case.md" in compiles and sorted(folder.iterdir()) == kept


def test_garbage_in_the_cache_is_compiled_afresh(mini: Path, cache: Path) -> None:
    first = _pages(mini)
    [folder] = cache.glob(f"{compiled.PREFIX}*")
    for file in folder.iterdir():
        file.write_bytes(b"j2 not code")
    assert _pages(mini) == first


def test_a_changed_macro_is_compiled_afresh(mini: Path, cache: Path, tmp_path: Path) -> None:
    import shutil

    macros = tmp_path / "macros"
    shutil.copytree(REPO / "macros", macros)
    dataset = load_dataset(mini, use_cache=False)
    before = Renderer(dataset, macros).pages()["cases/town.md"]
    page = macros / "pages" / "case.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## Money", "## Funds"),
                    encoding="utf-8")
    after = Renderer(dataset, macros).pages()["cases/town.md"]
    assert "## Money" in before and "## Funds" not in before
    assert "## Funds" in after and "## Money" not in after


def test_older_code_folders_are_removed_and_no_folder_means_no_cache(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = cache / f"{compiled.PREFIX}0123456789abcdef-0.0"
    old.mkdir(parents=True)
    (old / "x.cache").write_bytes(b"")
    other = cache / "check-abc.pickle"
    other.write_bytes(b"")
    assert compiled.compiled_macros() is not None
    assert not old.exists() and other.exists()
    monkeypatch.setenv("CASEFILE_CACHE", str(other))  # a file: no folder can be made in it
    assert compiled.compiled_macros() is None
    if os.geteuid() != 0:
        locked = cache.parent / "locked"
        locked.mkdir(mode=0o500)
        monkeypatch.setenv("CASEFILE_CACHE", str(locked / "c"))
        assert compiled.compiled_macros() is None
