"""Generated files written in the background land in the staging folder exactly as if
written in place; clashes and failures are reported, and nothing is left behind. The
swap into place leaves a complete site at every kill point; leftovers go at the next build."""

from __future__ import annotations

import errno
import io
import os
import pathlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from casefile import fork
from casefile.outputs import output as output_module
from casefile.outputs.output import MARKER, AtomicOutput, BackgroundFiles, refusal

FILES = {"data/casefile.json": "{}\n", "data/cases/a.json": "[1]\n",
         "feeds/a.ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "feeds/all.xml": "<feed/>\n"}


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs in its own folder: a mutant of the writer that reads or removes the
    working folder (``os.scandir(None)`` lists it) then fails the test instead of emptying
    the folder mutmut runs in (it emptied mutants/ once, stopping the run)."""
    monkeypatch.chdir(tmp_path)


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


# Each failure path of the writer, in-process (no fork, no build in a subprocess) so that
# mutation testing sees it.

@pytest.fixture
def in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """BackgroundFiles writes in this process, as where fork is not available."""
    monkeypatch.setattr(fork.sys, "platform", "darwin")


def beside(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir())


@pytest.mark.usefixtures("in_process")
def test_a_generator_that_writes_nothing_adds_nothing(tmp_path: Path) -> None:
    site = tmp_path / "staging"
    (site / "feeds").mkdir(parents=True)
    (site / "feeds" / "all.xml").write_text("page", encoding="utf-8")
    writer = BackgroundFiles(lambda: iter(()), site)
    writer.start()
    assert writer.finish(site) == []
    assert tree(site) == {"feeds/all.xml": b"page"}
    assert beside(tmp_path) == ["staging"]


@pytest.mark.usefixtures("in_process")
def test_a_leftover_generated_folder_of_a_crashed_build_is_not_published(
        tmp_path: Path) -> None:
    site = tmp_path / "staging"
    site.mkdir()
    leftover = tmp_path / "staging-generated"
    (leftover / "feeds").mkdir(parents=True)
    (leftover / "feeds" / "stale.xml").write_text("from the crashed build", encoding="utf-8")
    writer = BackgroundFiles(produce, site)
    assert not leftover.exists()  # gone before anything is written
    writer.start()
    assert writer.finish(site) == []
    assert tree(site) == {k: v.encode() for k, v in FILES.items()}
    assert beside(tmp_path) == ["staging"]


@pytest.mark.usefixtures("in_process")
@pytest.mark.parametrize(("existing", "clash"), [("feeds", "feeds"), ("data/cases", "data/cases"),
                                                 ("feeds/a.ics/", "feeds/a.ics")])
def test_a_file_and_a_folder_of_the_same_name_are_a_reported_clash(
        tmp_path: Path, existing: str, clash: str) -> None:
    """A generated folder where the site has a file (or a generated file where it has a
    folder) is reported, not merged into, and neither side is changed."""
    site = tmp_path / "staging"
    path = site / existing.rstrip("/")
    path.parent.mkdir(parents=True, exist_ok=True)
    if existing.endswith("/"):
        path.mkdir()
        (path / "keep.txt").write_text("mine", encoding="utf-8")
    else:
        path.write_text("mine", encoding="utf-8")
    before = tree(site)
    writer = BackgroundFiles(produce, site)
    writer.start()
    assert writer.finish(site) == [clash]
    after = tree(site)
    assert {k: after[k] for k in before} == before
    assert not any(k.startswith(clash + "/") for k in set(after) - set(before))
    assert beside(tmp_path) == ["staging"]


def test_the_first_build_moves_the_staging_folder_into_place(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    target = tmp_path / "site"
    build = staged_build(target, os.getpid())
    exchanges = []
    monkeypatch.setattr(output_module, "_exchange", lambda a, b: exchanges.append(b) or True)
    build.commit()
    assert exchanges == []  # nothing to exchange with: a plain rename
    assert which_site(target) == "new"
    assert beside(tmp_path) == ["site"]


def test_a_staging_folder_without_the_marker_gets_it(tmp_path: Path) -> None:
    target = tmp_path / "site"
    old_site(target)
    build = AtomicOutput(target)
    build.staging.mkdir()
    (build.staging / "index.html").write_text("new", encoding="utf-8")
    build.commit()
    assert (target / MARKER).read_text(encoding="utf-8") == output_module.MARKER_TEXT
    assert tree(target)["index.html"] == b"new"
    assert beside(tmp_path) == ["site"]


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOSYS, errno.ENOTSUP])
def test_an_exchange_the_system_cannot_do_falls_back_to_renames(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    fake_libc(monkeypatch, code)
    target = tmp_path / "site"
    old_site(target)
    build = staged_build(target, os.getpid())
    assert output_module._exchange(build.staging, target) is False
    build.commit()
    assert which_site(target) == "new"
    assert beside(tmp_path) == ["site"]


def test_a_failed_exchange_is_an_error_and_leaves_the_old_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_libc(monkeypatch, errno.EACCES)
    target = tmp_path / "site"
    old_site(target)
    build = staged_build(target, os.getpid())
    with pytest.raises(PermissionError) as raised:
        build.commit()
    assert str(raised.value) == f"[Errno {errno.EACCES}] Permission denied: '{target}'"
    assert which_site(target) == "old"
    build.discard()
    assert beside(tmp_path) == ["site"]


def test_an_exchange_with_a_missing_folder_names_it(tmp_path: Path) -> None:
    if sys.platform != "linux":
        pytest.skip("renameat2 is Linux only")
    (tmp_path / "a").mkdir()
    with pytest.raises(FileNotFoundError) as raised:
        output_module._exchange(tmp_path / "a", tmp_path / "missing")
    assert raised.value.filename == str(tmp_path / "missing")


@pytest.mark.parametrize("libc", ["no library", "no renameat2"])
def test_without_renameat2_the_exchange_is_not_attempted(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, libc: str) -> None:
    def cdll(*args: object, **kwargs: object) -> object:
        if libc == "no library":
            raise OSError("no libc")
        return object()  # has no renameat2: AttributeError

    monkeypatch.setattr(output_module.ctypes, "CDLL", cdll)
    assert output_module._exchange(tmp_path / "a", tmp_path / "b") is False


def test_a_failed_rename_in_the_fallback_keeps_the_old_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second rename (staging into place) fails: the error is raised, and the next
    build puts the old site back from where the first rename left it."""
    target = tmp_path / "site"
    old_site(target)
    build = staged_build(target, dead_pid())
    real = os.replace

    def replace(src: object, dst: object) -> None:
        if Path(str(src)) == build.staging:
            raise OSError(errno.EXDEV, "Invalid cross-device link", str(src))
        real(src, dst)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(output_module, "_exchange", lambda a, b: False)
        patch.setattr(output_module.os, "replace", replace)
        with pytest.raises(OSError, match="cross-device"):
            build.commit()
    assert not target.exists() and build.retired.is_dir()
    AtomicOutput(target)
    assert which_site(target) == "old"
    assert beside(tmp_path) == ["site"]


def test_a_retired_site_is_only_put_back_where_the_site_is_missing(tmp_path: Path) -> None:
    target = tmp_path / "site"
    old_site(target)
    retired = tmp_path / f".site-retired-{dead_pid()}"
    retired.mkdir()
    (retired / "index.html").write_text("older", encoding="utf-8")
    AtomicOutput(target)
    assert which_site(target) == "old"
    assert beside(tmp_path) == ["site"]


def test_removing_a_link_never_touches_what_it_points_to(tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "file.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "link").symlink_to(kept, target_is_directory=True)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    output_module._remove(tmp_path / "link")
    output_module._remove(tmp_path / "file")
    output_module._remove(tmp_path / "missing")
    assert beside(tmp_path) == ["kept"]
    assert (kept / "file.txt").read_text(encoding="utf-8") == "mine"


def fake_libc(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """A libc whose renameat2 fails with ``code``."""
    class Libc:
        @staticmethod
        def renameat2(*args: object) -> int:
            return -1

    monkeypatch.setattr(output_module.ctypes, "CDLL", lambda *a, **k: Libc())
    monkeypatch.setattr(output_module.ctypes, "get_errno", lambda: code)


@pytest.mark.parametrize(("where", "reason"), [
    ("data", "this is the project's data folder"),
    (".", "this folder contains the project's .git folder ({root}/.git), which a build "
          "would delete"),  # the first protected folder it contains
    ("data/site", "this is inside the project's data folder ({data})"),
    ("file.txt", "this is a file, not a folder"),
    ("foreign", "this folder is not empty and was not written by casefile (it has no "
                f"{MARKER} file), and a build replaces its output folder whole"),
])
def test_each_refusal_says_why(tmp_path: Path, where: str, reason: str) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "index.html").write_text("x", encoding="utf-8")
    protected = output_module.project_folders(tmp_path, ("data", tmp_path / "data"),
                                              ("content", None))
    assert [label for label, _ in protected] == [
        "project's .git", "project's macros", "project's overrides", "casefile code",
        "project's data"]
    assert refusal(tmp_path / where, protected) == reason.format(data=tmp_path / "data",
                                                                    root=tmp_path)


def test_the_protected_folders_are_the_projects_own(tmp_path: Path) -> None:
    assert output_module.project_folders(tmp_path)[:3] == [
        ("project's .git", tmp_path / ".git"), ("project's macros", tmp_path / "macros"),
        ("project's overrides", tmp_path / "overrides")]


def test_a_site_folder_several_levels_down_is_created(tmp_path: Path) -> None:
    out = AtomicOutput(tmp_path / "a" / "b" / "site")
    out.prepare()
    out.commit()
    assert (tmp_path / "a" / "b" / "site" / MARKER).is_file()


def test_a_staging_folder_left_by_this_process_is_replaced(tmp_path: Path) -> None:
    stale = tmp_path / f".site-staging-{os.getpid()}"
    stale.mkdir()
    (stale / "old.html").write_text("old", encoding="utf-8")
    out = AtomicOutput(tmp_path / "site")
    out.prepare()  # would fail if the stale folder were still there
    assert sorted(p.name for p in out.staging.iterdir()) == [MARKER]


def test_discarding_or_cancelling_before_anything_was_written_is_quiet(tmp_path: Path) -> None:
    AtomicOutput(tmp_path / "site").discard()
    BackgroundFiles(produce, tmp_path / ".site-staging-1").cancel()
    assert beside(tmp_path) == []


def test_clashes_at_the_top_and_in_a_folder_are_all_reported(tmp_path: Path) -> None:
    source, target = tmp_path / "new", tmp_path / "old"
    for root in (source, target):
        (root / "feeds").mkdir(parents=True)
        (root / "a.txt").write_text(root.name, encoding="utf-8")
        (root / "feeds" / "x.ics").write_text(root.name, encoding="utf-8")
    assert output_module._merge(source, target, "") == ["a.txt", "feeds/x.ics"]
    assert (target / "a.txt").read_text(encoding="utf-8") == "old"  # nothing overwritten


# Survivors of the second mutation run of output.py (#17).

def other_system(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text files opened as on a machine whose locale encoding is ASCII (a C locale) and
    whose line ending is CRLF (Windows): only what the writer asks for explicitly counts."""
    real = io.open

    def system_open(file: object, mode: str = "r", buffering: int = -1,
                    encoding: str | None = None, errors: str | None = None,
                    newline: str | None = None) -> object:
        if "b" not in mode:
            encoding = "ascii" if encoding in (None, "locale") else encoding
            newline = "\r\n" if newline is None else newline
        return real(file, mode, buffering, encoding, errors, newline)  # type: ignore[call-overload]

    monkeypatch.setattr(pathlib.io, "open", system_open)
    monkeypatch.setattr(pathlib.io, "text_encoding",
                        lambda encoding, stacklevel=2: "locale" if encoding is None else encoding)


@pytest.mark.usefixtures("in_process")
def test_generated_files_are_the_same_bytes_on_any_system(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """UTF-8 and the line endings as produced, under an ASCII locale with CRLF lines."""
    files = {"feeds/caerdydd.xml": "<title>Cyngor Caerdydd – café</title>\n",
             "feeds/a.ics": "SUMMARY:Ynys Môn\r\nEND:VCALENDAR\r\n"}
    site = tmp_path / "site"
    other_system(monkeypatch)
    build = AtomicOutput(site)
    build.prepare()
    writer = BackgroundFiles(lambda: iter(files.items()), build.staging)
    writer.start()
    assert writer.finish(build.staging) == []
    build.commit()
    assert tree(site) == {MARKER: output_module.MARKER_TEXT.encode("ascii"),
                          **{k: v.encode("utf-8") for k, v in files.items()}}


def test_a_child_that_dies_is_named_in_the_error(tmp_path: Path) -> None:
    if not fork.available():
        pytest.skip("fork is Linux only")

    def dying() -> Iterator[tuple[str, str]]:
        yield "data/one.json", "1"
        os._exit(3)

    site = tmp_path / "staging"
    site.mkdir()
    writer = BackgroundFiles(dying, site)
    writer.start()
    with pytest.raises(RuntimeError) as raised:
        writer.finish(site)
    assert str(raised.value) == ("the casefile-outputs process ended with status 3 before "
                                 "sending its result")
    assert beside(tmp_path) == ["staging"] and list(site.iterdir()) == []


def test_finish_without_start_writes_the_files_then(tmp_path: Path) -> None:
    site = tmp_path / "staging"
    site.mkdir()
    assert BackgroundFiles(produce, site).finish(site) == []
    assert tree(site) == {k: v.encode() for k, v in FILES.items()}
    assert beside(tmp_path) == ["staging"]


def test_a_file_removed_by_another_build_meanwhile_is_not_an_error(tmp_path: Path) -> None:
    """Two builds clearing the same leftover: the file goes between the check and the
    removal."""
    class Vanishing(type(tmp_path)):  # type: ignore[misc]
        def is_file(self) -> bool:
            self.unlink()  # the other build
            return True

    (tmp_path / "leftover").write_text("x", encoding="utf-8")
    output_module._remove(Vanishing(tmp_path / "leftover"))
    assert beside(tmp_path) == []


def test_the_exchange_takes_paths_relative_to_the_working_folder(tmp_path: Path) -> None:
    if sys.platform != "linux":
        pytest.skip("renameat2 is Linux only")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one").touch()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two").touch()
    assert output_module._exchange(Path("a"), Path("b"))  # the working folder is tmp_path
    assert tree(tmp_path) == {"a/two": b"", "b/one": b""}
