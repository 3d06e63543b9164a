"""Generated files written in the background land in the staging folder exactly as if
written in place; clashes and failures are reported, and nothing is left behind. The
swap into place leaves a complete site at every kill point; leftovers go at the next build."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from casefile import fork
from casefile.outputs import output as output_module
from casefile.outputs.output import MARKER, AtomicOutput, BackgroundFiles, refusal

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


# The site swap: every kill point leaves a complete site, and the next build cleans up.

class Killed(BaseException):
    """Stands for SIGKILL at one step of the swap."""


def dead_pid() -> int:
    import subprocess

    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def old_site(target: Path) -> None:
    (target / "sub").mkdir(parents=True)
    for rel in ("index.html", "sub/a.html", "sub/b.html", MARKER):
        (target / rel).write_text("old", encoding="utf-8")


def staged_build(target: Path, pid: int) -> AtomicOutput:
    """A build of the new site, as if by process ``pid``, ready to commit."""
    output = AtomicOutput(target)
    output.staging = target.parent / f".{target.name}-staging-{pid}"
    output.retired = target.parent / f".{target.name}-retired-{pid}"
    output.prepare()
    (output.staging / "sub").mkdir()
    for rel in ("index.html", "sub/a.html", "sub/b.html"):
        (output.staging / rel).write_text("new", encoding="utf-8")
    return output


def which_site(target: Path) -> str:
    """'old' or 'new' when ``target`` holds one whole site; fails on anything partial."""
    files = tree(target)
    assert sorted(files) == [MARKER, "index.html", "sub/a.html", "sub/b.html"]
    pages = {files[rel] for rel in ("index.html", "sub/a.html", "sub/b.html")}
    assert len(pages) == 1
    return pages.pop().decode()


def kill_at(monkeypatch: pytest.MonkeyPatch, step: str, when: str) -> None:
    """Raise Killed before or after the real ``step`` (a function of the output module);
    ``midway`` removes one file of the folder and then raises."""
    real = getattr(output_module, step)

    def dying(*args: object) -> object:
        if when == "before":
            raise Killed
        if when == "midway":
            next(p for p in Path(str(args[0])).rglob("*") if p.is_file()).unlink()
            raise Killed
        real(*args)
        raise Killed

    monkeypatch.setattr(output_module, step, dying)


EXCHANGE_STEPS = [("_exchange", "before"), ("_exchange", "after"), ("_remove", "before"),
                  ("_remove", "midway"), ("_remove", "after")]


@pytest.mark.parametrize(("step", "when"), EXCHANGE_STEPS)
def test_every_kill_point_of_the_swap_leaves_a_complete_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, when: str) -> None:
    target = tmp_path / "site"
    old_site(target)
    build = staged_build(target, dead_pid())
    with monkeypatch.context() as patch:
        kill_at(patch, step, when)
        with pytest.raises(Killed):
            build.commit()
    assert which_site(target) == ("old" if step == "_exchange" and when == "before" else "new")
    AtomicOutput(target)  # the next build starts: leftovers of the dead one go
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert which_site(target) in ("old", "new")


FALLBACK_STEPS = [(1, "before"), (1, "after"), (2, "after"), (3, "before")]


@pytest.mark.parametrize(("call", "when"), FALLBACK_STEPS)
def test_the_fallback_swap_is_put_right_by_the_next_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: int, when: str) -> None:
    """Without renameat2: two renames, then the old site removed (call 3)."""
    target = tmp_path / "site"
    old_site(target)
    build = staged_build(target, dead_pid())
    real_replace, real_remove = os.replace, output_module._remove
    calls = []

    def step(real: Callable[..., None]) -> Callable[..., None]:
        def run(*args: object) -> None:
            calls.append(args)
            if len(calls) == call and when == "before":
                raise Killed
            real(*args)
            if len(calls) == call:
                raise Killed
        return run

    with monkeypatch.context() as patch:
        patch.setattr(output_module, "_exchange", lambda a, b: False)
        patch.setattr(output_module.os, "replace", step(real_replace))
        patch.setattr(output_module, "_remove", step(real_remove))
        with pytest.raises(Killed):
            build.commit()
    AtomicOutput(target)
    assert which_site(target) in ("old", "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_swap_is_one_exchange_on_linux(tmp_path: Path) -> None:
    if sys.platform != "linux":
        pytest.skip("renameat2 is Linux only")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one").touch()
    (tmp_path / "b").mkdir()
    assert output_module._exchange(tmp_path / "a", tmp_path / "b")
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["one"]
    assert list((tmp_path / "a").iterdir()) == []


def test_leftovers_of_live_builds_and_other_folders_are_kept(tmp_path: Path) -> None:
    import subprocess

    target = tmp_path / "site"
    old_site(target)
    with subprocess.Popen(["sleep", "30"]) as running:
        try:
            alive = tmp_path / f".site-staging-{running.pid}"
            dead = dead_pid()
            for name in (f".site-staging-{dead}", f".site-staging-{dead}-generated",
                         f".site-retired-{dead}"):
                (tmp_path / name).mkdir()
                (tmp_path / name / "x.html").touch()
            alive.mkdir()
            (tmp_path / f".pages-staging-{dead}").mkdir()  # another output's: not ours
            (tmp_path / f".site-staging-{dead}x").mkdir()
            AtomicOutput(target)
            assert sorted(p.name for p in tmp_path.iterdir()) == [
                f".pages-staging-{dead}", alive.name, f".site-staging-{dead}x", "site"]
            assert which_site(target) == "old"
        finally:
            running.kill()


@pytest.mark.parametrize(("name", "ok"), [("marked", True), ("legacy", True), ("empty", True),
                                          ("missing", True), ("foreign", False)])
def test_which_existing_folders_may_be_replaced(tmp_path: Path, name: str, ok: bool) -> None:
    folder = tmp_path / name
    if name != "missing":
        folder.mkdir()
    if name == "marked":
        (folder / MARKER).touch()
    if name == "legacy":  # written before the marker existed
        (folder / "data").mkdir()
        (folder / "data" / "casefile.json").write_text("{}", encoding="utf-8")
    if name == "foreign":
        (folder / "index.html").touch()
    assert (refusal(folder, []) is None) == ok
