"""Generated files written in the background land in the staging folder exactly as if
written in place; clashes and failures are reported, and nothing is left behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casefile import fork
from casefile.outputs.output import BackgroundFiles

FILES = {"data/casefile.json": "{}\n", "data/cases/a.json": "[1]\n",
         "feeds/a.ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "feeds/all.xml": "<feed/>\n"}


def produce() -> Iterator[tuple[str, str]]:
    yield from FILES.items()


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("forked", [True, False])
def test_files_are_moved_in_beside_what_is_there(tmp_path: Path, forked: bool,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "staging"
    (site / "data").mkdir(parents=True)
    (site / "data" / "index.html").write_text("page", encoding="utf-8")
    if not forked:
        monkeypatch.setattr(fork.sys, "platform", "darwin")
    writer = BackgroundFiles(produce, site)
    writer.start()
    assert (writer.worker.process is not None) == forked
    assert writer.finish(site) == []
    expected = {**{k: v.encode() for k, v in FILES.items()}, "data/index.html": b"page"}
    assert tree(site) == expected  # CRLF kept as written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["staging"]


def test_a_clash_is_reported_and_nothing_is_overwritten(tmp_path: Path) -> None:
    site = tmp_path / "staging"
    (site / "feeds").mkdir(parents=True)
    (site / "feeds" / "all.xml").write_text("mine", encoding="utf-8")
    writer = BackgroundFiles(produce, site)
    writer.start()
    assert writer.finish(site) == ["feeds/all.xml"]
    assert (site / "feeds" / "all.xml").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["staging"]


def test_a_failure_in_the_child_is_raised_with_its_traceback(tmp_path: Path) -> None:
    def broken() -> Iterator[tuple[str, str]]:
        yield "data/one.json", "1"
        raise ValueError("no such thing")

    site = tmp_path / "staging"
    site.mkdir()
    writer = BackgroundFiles(broken, site)
    writer.start()
    with pytest.raises(RuntimeError, match="ValueError: no such thing"):
        writer.finish(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["staging"]
    assert list(site.iterdir()) == []


def test_cancel_stops_the_child_and_removes_its_files(tmp_path: Path) -> None:
    def slow() -> Iterator[tuple[str, str]]:
        import time

        yield "data/one.json", "1"
        time.sleep(60)
        yield "data/two.json", "2"

    site = tmp_path / "staging"
    site.mkdir()
    writer = BackgroundFiles(slow, site)
    writer.start()
    writer.cancel()
    assert not writer.worker.process.is_alive()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["staging"]


def test_no_fork_while_a_builder_serves_from_threads(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fork, "_allowed", True)
    fork.allow(False)  # what the plugin does under `mkdocs serve`
    assert not fork.available()
    site = tmp_path / "staging"
    site.mkdir()
    writer = BackgroundFiles(produce, site)
    writer.start()
    assert writer.worker.process is None
    assert writer.finish(site) == [] and (site / "feeds" / "all.xml").is_file()
