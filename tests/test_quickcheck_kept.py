"""What makes the check after a one-file edit fast keeps its answers exact: the folder scan
in a forked child (``scan.Early``), the kept sources unpickled one by one when asked for
(``kept``), and the kept shared files written only by a full check."""

from __future__ import annotations

import os
import pickle
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casefile.model.link import Linker
from casefile.pipeline import load_dataset
from casefile.reading import cache, kept, quickcheck
from casefile.reading import scan as scanning
from tests.conftest import MINI, write_tree
from tests.test_quickcheck import COPY, COPY_TEXT, FOL, city, edit, quick, truth, with_copy

OTHER = "sources/other-news.yml"  # a source no record cites


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASEFILE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(scanning, "RACY_NS", 50_000_000)
    data = tmp_path / "data"
    write_tree(data, {**MINI, **city(), OTHER: MINI["sources/council-news.yml"].replace(
        "id: council-news", "id: other-news")})
    time.sleep(0.06)
    return data


def test_the_early_scan_is_the_scan_even_when_its_child_fails(data: Path) -> None:
    resolved = data.resolve()
    assert scanning.Early(resolved).result() == scanning.scan(resolved)
    parent, real = os.getpid(), scanning.walk_rest
    try:  # a child that dies: the parent walks its part too
        scanning.walk_rest = lambda d: os._exit(3) if os.getpid() != parent else real(d)
        early = scanning.Early(resolved)
        assert early.pid and early.result() == scanning.scan(resolved)
    finally:
        scanning.walk_rest = real
    early = scanning.Early(resolved)
    pid = early.pid
    early.close()  # never asked: the child is reaped all the same
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    assert scanning.Early(data / "missing").result() is None


def test_the_command_forks_its_scan_before_it_imports_the_checker(data: Path) -> None:
    run = ("import sys\nfrom casefile.reading import scan\nseen = []\nreal = scan.Early\n"
           "def early(path):\n    seen.append(sorted(m for m in sys.modules if m in (\n"
           "        'casefile.pipeline', 'casefile.reading.quickcheck', 'yaml')))\n"
           "    return real(path)\n"
           "scan.Early = early\nfrom casefile.commands.cli import main\n"
           f"code = main(['check', '--data', {str(data)!r}])\nprint(seen, code)\n")
    alone = ("import sys\nbefore = set(sys.modules)\nimport casefile.reading.scan\n"
             "print(sorted(set(sys.modules) - before))\n")
    env = {**os.environ, "CASEFILE_CACHE": str(data.parent / "cache")}
    out = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True,
                         check=True, env=env).stdout.splitlines()
    assert out == [*truth(data).splitlines(), "[[]] 0"]
    new = subprocess.run([sys.executable, "-c", alone], capture_output=True, text=True,
                         check=True).stdout
    assert "casefile.reading.scan" in new
    assert not {"dataclasses", "pickle", "yaml", "casefile.errors"} & set(eval(new))


def test_kept_sources_are_the_same_objects_and_load_one_by_one(data: Path) -> None:
    seen: list[tuple[Linker, bytes, dict[str, str]]] = []
    load_dataset(data, use_cache=False, on_shared=lambda linker: seen.append((  # as kept
        linker, quickcheck._snapshot(linker),
        {i: repr(vars(s)) for i, s in linker.sources.items()})))
    linker, snapshot, before = seen[0]
    loaded = kept.loads(snapshot)
    assert isinstance(loaded.sources, kept.Sources) and list(loaded.sources) == list(before)
    assert {ident: repr(vars(loaded.sources[ident])) for ident in before} == before
    news = loaded.sources["council-news"]
    assert news.publisher is loaded.bodies["town-council"]  # not a copy of the body
    assert loaded.sources["council-news"] is news and len(loaded.sources.loaded) == 3
    assert "nothing" not in loaded.sources and loaded.sources.get("nothing") is None
    # a source reachable from the rest cannot be kept apart: all is pickled whole
    for body in linker.bodies.values():
        body.cases.clear()  # (the cases linked after the snapshot)
    linker.bodies["town-council"].note = linker.sources["report-2017"]  # type: ignore[assignment]
    whole = kept.loads(quickcheck._snapshot(linker))
    assert type(whole.sources) is dict
    assert whole.bodies["town-council"].note is whole.sources["report-2017"]


def test_a_one_case_edit_unpickles_only_the_sources_it_cites(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert quick(data) == truth(data)
    seen: list[Linker] = []
    real = kept.loads
    monkeypatch.setattr(kept, "loads", lambda raw: seen.append(real(raw)) or seen[-1])
    write_tree(data, {FOL: edit(FOL, "Better.", "Much better.", dict(MINI))[FOL]})
    time.sleep(0.06)
    assert quick(data) == truth(data) and "data OK" in quick(data)
    sources = seen[0].sources
    assert isinstance(sources, kept.Sources)
    assert "other-news" in sources and "other-news" not in sources.loaded
    assert set(sources.loaded) <= {"report-2017", "council-news"} and sources.loaded


def test_the_shared_files_are_written_by_the_full_check_only(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert quick(data) == truth(data)
    shared = cache.cache_file("shared", data.resolve())
    state = cache.cache_file("state", data.resolve())
    written = shared.stat()
    token, blob = pickle.loads(shared.read_bytes())
    assert blob and blob not in state.read_bytes()  # the state file does not hold it
    write_tree(data, {FOL: edit(FOL, "Better.", "Much better.", dict(MINI))[FOL]})
    time.sleep(0.06)
    fulls: list[Path] = []
    real = quickcheck.full
    monkeypatch.setattr(quickcheck, "full", lambda d, *a: fulls.append(d) or real(d, *a))
    assert quick(data) == truth(data) and fulls == []
    assert (shared.stat().st_ino, shared.stat().st_mtime_ns) == (
        written.st_ino, written.st_mtime_ns)
    cache.write_pickle(shared, (os.urandom(16), blob))  # not the mark the state has
    assert quick(data) == truth(data) and len(fulls) == 1
    assert pickle.loads(shared.read_bytes())[0] != token


def test_the_copies_walked_apart_are_seen_as_one_scan_sees_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scanning, "RACY_NS", 50_000_000)
    data = tmp_path / "data"
    write_tree(data, with_copy())
    time.sleep(0.06)
    resolved = data.resolve()
    first = scanning.scan(resolved)
    assert first is not None and f"sources/copies/{COPY.rsplit('/', 1)[1]}" in first[""].files
    assert scanning.Early(resolved).result() == first
    copy = data / COPY  # changed in place, its size and times put back: seen all the same
    before = copy.stat()
    copy.write_text(COPY_TEXT.replace("We are sorry.", "We are sorrx."), encoding="utf-8")
    os.utime(copy, ns=(before.st_atime_ns, before.st_mtime_ns))
    time.sleep(0.06)
    again = scanning.scan(resolved)
    assert again is not None and again[""].signature != first[""].signature
    unchanged = {g: first[g].signature for g in first if g}
    assert {g: again[g].signature for g in again if g} == unchanged
    # a folder of copies that came or went between the two walks: only a full check says
    copies = scanning.walk_copies(resolved)
    assert copies is not None and scanning.joined(scanning.walk_rest(resolved), None) is None
    (data / "sources" / "copies").rename(tmp_path / "copies")
    assert scanning.walk_copies(resolved) is None and scanning.scan(resolved) is not None
    assert scanning.joined(scanning.walk_rest(resolved), copies) is None


def test_a_damaged_kept_source_gets_the_full_check(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert quick(data) == truth(data)
    shared = cache.cache_file("shared", data.resolve())
    token, blob = pickle.loads(shared.read_bytes())
    rest, raw = pickle.loads(blob)
    raw["report-2017"] = raw["report-2017"][:40]  # cut short
    cache.write_pickle(shared, (token, pickle.dumps((rest, raw))))
    write_tree(data, {FOL: edit(FOL, "Better.", "Much better.", dict(MINI))[FOL]})
    time.sleep(0.06)
    fulls: list[Path] = []
    real = quickcheck.full
    monkeypatch.setattr(quickcheck, "full", lambda d, *a: fulls.append(d) or real(d, *a))
    assert quick(data) == truth(data) and "data OK" in quick(data) and len(fulls) == 1


def test_the_copies_are_walked_by_whichever_process_is_free_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scanning, "RACY_NS", 0)  # every scan alike, however long between
    data = tmp_path / "data"
    write_tree(data, with_copy())
    resolved = data.resolve()
    whole = scanning.scan(resolved)
    parent, walks, real_copies, real_rest = os.getpid(), [], scanning.walk_copies, \
        scanning.walk_rest
    monkeypatch.setattr(scanning, "walk_copies", lambda d: walks.append(os.getpid()) or
                        real_copies(d))  # (what the child appends stays in the child)
    early = scanning.Early(resolved)
    # the child is done first (it has ended, not yet reaped): it walked the copies too
    assert early.pid  # a child was forked
    os.waitid(os.P_PID, early.pid, os.WEXITED | os.WNOWAIT)
    assert early.result() == whole and walks == []
    # the parent is free first: the child's walk waits until the parent has taken the
    # copies (a pipe, not a sleep that a busy machine could outlast)
    taken, say_taken = os.pipe()

    def rest(d: Path) -> scanning.Walk | None:
        if os.getpid() != parent:
            select.select([taken], [], [], 60)
        return real_rest(d)

    def copies(d: Path) -> scanning.Walk | None:
        walks.append(os.getpid())
        os.write(say_taken, b"t")
        return real_copies(d)

    monkeypatch.setattr(scanning, "walk_rest", rest)
    monkeypatch.setattr(scanning, "walk_copies", copies)
    try:
        early = scanning.Early(resolved)
        assert early.result() == whole and walks == [parent]
    finally:
        os.close(taken)
        os.close(say_taken)
