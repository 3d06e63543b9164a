"""The whole data set's JSON is written in pieces, one case at a time, as it is made (#12,
peak memory), and the pieces make the very text ``dump(to_json(ds))`` gives."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import synth
from casefile.model import objects as m
from casefile.outputs import opendata
from casefile.outputs.output import BackgroundFiles
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import REPO


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> m.Dataset:
    root = tmp_path_factory.mktemp("stream")
    synth.generate(root, 3, with_inquiry=True)
    return load_dataset(root / "data", use_cache=False)


def test_the_pieces_are_the_whole_files_text(dataset: m.Dataset) -> None:
    whole = opendata.dump(opendata.to_json(dataset))
    pieces = list(opendata.dump_parts(dataset))
    assert "".join(pieces) == whole
    # the data set without its cases, then one piece per case, then the end
    assert len(pieces) == len(dataset.cases) + 2 == 6
    assert json.loads(pieces[1])["id"] == next(iter(dataset.cases))
    assert [json.loads(piece.lstrip(","))["id"] for piece in pieces[1:-1]] == \
        list(dataset.cases)
    assert pieces[-1] == "]}\n"
    assert not any("£" in piece and '"cases":[' in piece for piece in pieces[1:])


def test_each_part_gives_the_large_file_in_pieces_and_files_joins_them(
        dataset: m.Dataset) -> None:
    parts = list(opendata.each_part(dataset))
    first_path, first = parts[0]
    assert first_path == "data/casefile.json" and isinstance(first, Iterator)
    assert len(list(first)) == len(dataset.cases) + 2  # made one case at a time
    assert all(isinstance(text, str) for _, text in parts[1:])
    files = opendata.files(dataset)  # each_part, joined
    assert list(files) == [path for path, _ in parts]
    assert files["data/casefile.json"] == opendata.dump(opendata.to_json(dataset))
    assert [files[path] for path, _ in parts[1:]] == [text for _, text in parts[1:]]


def test_the_build_writes_the_pieces_as_they_come(dataset: m.Dataset, tmp_path: Path) -> None:
    site = tmp_path / "site"
    opened: list[bool] = []  # was the file open before each piece was made?

    def produce() -> Iterator[tuple[str, str | Iterator[str]]]:
        def pieces() -> Iterator[str]:
            for piece in opendata.dump_parts(dataset):
                opened.append((outputs.folder / "data" / "casefile.json").exists())
                yield piece

        yield "data/casefile.json", pieces()
        yield "data/other.txt", "x"

    outputs = BackgroundFiles(produce, site)
    site.mkdir()
    assert outputs.finish(site) == []  # written here (as where forking is not available)
    written = (site / "data" / "casefile.json").read_text("utf-8")
    assert written == opendata.dump(opendata.to_json(dataset))
    assert len(opened) == len(dataset.cases) + 2 and all(opened)
    assert (site / "data" / "other.txt").read_text("utf-8") == "x"


def test_the_renderer_gives_the_build_the_pieces(dataset: m.Dataset) -> None:
    """Open data as each_part gives it (the large file in pieces), then the feeds."""
    parts = dict(Renderer(dataset, REPO / "macros").each_output_part())
    large = parts.pop("data/casefile.json")
    assert isinstance(large, Iterator)
    assert "".join(large) == opendata.dump(opendata.to_json(dataset))
    files = list(opendata.files(dataset).items())[1:]  # the rest of the open data, in order
    assert list(parts.items())[:len(files)] == files
    feeds = list(parts)[len(files):]
    assert feeds and all(path.startswith("feeds/") for path in feeds), feeds
