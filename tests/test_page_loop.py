"""MkDocs' page loop in two halves (#12, casefile.outputs.pageloop): the last generated
pages built by a forked child write the same site, byte for byte, as one process does;
the child's warnings fail a strict build, once; a child that fails leaves the previous
site as it was; a site with a plugin casefile does not know builds in one process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import synth
from casefile.outputs import pageloop
from tests.conftest import BIN, CACHE, PROJECTS, copy_project, tree_digest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the split forks (Linux only)")

# Runs MkDocs with one function of the plugin changed in the forked child only (CHILD_DOES:
# warn, raise, kill itself, hang or find the disk full at the first page the child
# builds); the parent runs it unchanged.
WRAPPER = """\
import logging, os, signal, sys, time
import casefile.fork
import casefile.plugin as plugin
casefile.fork.DEADLINE = float(os.environ.get("DEADLINE", casefile.fork.DEADLINE))
PARENT, DOES, done = os.getpid(), os.environ["CHILD_DOES"], []
real = plugin._title_first
def title_first(page, html):
    if os.getpid() != PARENT and not done:
        done.append(page.file.src_uri)
        if DOES == "warn":
            logging.getLogger("mkdocs.plugins.test").warning("Only the other core says this")
        elif DOES == "raise":
            raise RuntimeError("only the other core meets this")
        elif DOES == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif DOES == "hang":
            time.sleep(600)
        elif DOES == "full":
            raise OSError(28, "No space left on device", page.file.abs_dest_path)
    return real(page, html)
plugin._title_first = title_first
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict"]
cli()
"""


def build(root: Path, split: str, *args: str, wrapper: str | None = None,
          **env: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", WRAPPER] if wrapper else \
        [str(BIN / "mkdocs"), "build", "--strict", *args]
    return subprocess.run(
        command, cwd=root, capture_output=True, text=True, timeout=600,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "CASEFILE_CACHE": str(CACHE),
             pageloop.VARIABLE: split, **({"CHILD_DOES": wrapper} if wrapper else {}), **env})


def split_count(stderr: str) -> int:
    """How many pages the log says the child built (0: none, the loop was not split)."""
    for line in stderr.splitlines():
        if "pages built on the other core" in line:
            return int(line.split("casefile: ", 1)[1].split(" ", 1)[0])
    return 0


def synthetic(root: Path) -> Path:
    """A small synthetic project (bench.synth): 3 cases and the inquiry case."""
    synth.generate(root, 3, True)
    copy_project(root, data=False)
    return root


PROJECTS_TO_BUILD = {
    "powys": lambda root: copy_project(root),
    "inquiry": lambda root: copy_project(root, data=PROJECTS / "inquiry" / "data"),
    "synthetic": synthetic,
}


@pytest.mark.parametrize("name", list(PROJECTS_TO_BUILD))
def test_split_build_writes_the_same_site(tmp_path: Path, name: str) -> None:
    root = PROJECTS_TO_BUILD[name](tmp_path / name)
    serial = build(root, "off", "-v", "-d", "site-serial")
    assert serial.returncode == 0, serial.stderr[-3000:]
    split = build(root, "1", "-v", "-d", "site-split")
    assert split.returncode == 0, split.stderr[-3000:]
    assert split_count(serial.stderr) == 0
    built_there = split_count(split.stderr)
    assert built_there > 0, "the loop was not split"
    one, two = tree_digest(root / "site-serial"), tree_digest(root / "site-split")
    assert sorted(one) == sorted(two)
    assert "search/search_index.json" in one and "sitemap.xml" in one
    differ = [path for path in one if one[path] != two[path]]
    assert differ == []
    # MkDocs says nothing of the pages it passed over (no "Page skipped" line).
    assert "Page skipped" not in split.stderr
    assert "WARNING" not in split.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Powys fixture, built once: the previous site the failures below must keep."""
    root = copy_project(tmp_path_factory.mktemp("previous") / "project")
    first = build(root, "1")
    assert first.returncode == 0, first.stderr[-3000:]
    return root


def test_a_warning_only_the_child_logs_fails_a_strict_build_once(built: Path) -> None:
    before = tree_digest(built / "site")
    result = build(built, "1", wrapper="warn")
    assert result.returncode == 1
    assert result.stderr.count("Only the other core says this") == 1
    assert "WARNING -  Only the other core says this" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout  # click echoes it
    assert tree_digest(built / "site") == before


def test_a_child_that_raises_fails_the_build_in_one_line(built: Path) -> None:
    before = tree_digest(built / "site")
    result = build(built, "1", wrapper="raise")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "only the other core meets" in line]
    assert len(lines) == 1
    assert lines[0].startswith("ERROR   -  casefile: building page cases/")
    assert lines[0].endswith("failed: RuntimeError: only the other core meets this; the "
                             "previous site is unchanged")
    assert "Traceback" not in result.stderr
    assert tree_digest(built / "site") == before


def test_a_child_that_is_killed_fails_the_build_in_one_line(built: Path) -> None:
    before = tree_digest(built / "site")
    result = build(built, "1", wrapper="kill")
    assert result.returncode == 1
    assert ("ERROR   -  casefile: building pages on the other core: the casefile-pages "
            "process was killed by SIGKILL (the system may have run out of memory); the "
            "previous site is unchanged") in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert tree_digest(built / "site") == before
    leftovers = [p.name for p in built.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []


def test_a_child_that_finds_the_disk_full_says_so_as_this_process_would(built: Path) -> None:
    before = tree_digest(built / "site")
    result = build(built, "1", wrapper="full")
    assert result.returncode == 1
    said = [line for line in result.stderr.splitlines() if "No space left" in line]
    assert len(said) == 1
    assert said[0].startswith(f"ERROR   -  casefile: cannot write the site to {built / 'site'}: "
                              "No space left on device (writing cases/")
    assert said[0].endswith("index.html); the previous site is unchanged")
    assert "Traceback" not in result.stderr
    assert tree_digest(built / "site") == before


def test_a_child_that_runs_past_its_deadline_fails_the_build_in_one_line(built: Path) -> None:
    before = tree_digest(built / "site")
    result = build(built, "1", wrapper="hang", DEADLINE="8")
    assert result.returncode == 1
    assert ("ERROR   -  casefile: building pages on the other core: the casefile-pages "
            "process took longer than 8 s and was stopped; the previous site is unchanged"
            ) in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert tree_digest(built / "site") == before


def test_a_site_with_a_plugin_casefile_does_not_know_builds_in_one_process(
        tmp_path: Path) -> None:
    root = copy_project(tmp_path / "hooked")
    (root / "hooks.py").write_text("def on_page_context(context, page, config, nav):\n"
                                   "    return context\n", encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as out:
        out.write("\nhooks:\n  - hooks.py\n")
    result = build(root, "1", "-v")
    assert result.returncode == 0, result.stderr[-3000:]
    assert split_count(result.stderr) == 0
    assert (root / "site" / "index.html").is_file()


def test_the_tail_takes_about_its_share_of_the_cost() -> None:
    costs = [5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 10, 10, 10, 10]
    start = pageloop.tail_start(costs, first=1, share=0.5)
    assert start == 11  # 30 of 54 behind it; 20 would be further from 27
    assert pageloop.tail_start(costs, first=12, share=0.5) == 12  # never before `first`
    assert pageloop.tail_start(costs, first=1, share=0.0) == len(costs)


def test_the_variable_switches_the_split_off_or_sets_its_threshold(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pageloop.VARIABLE, "off")
    assert pageloop.min_pages() is None
    monkeypatch.setenv(pageloop.VARIABLE, "12")
    assert pageloop.min_pages() == 12
    monkeypatch.delenv(pageloop.VARIABLE)
    assert pageloop.min_pages() == pageloop.MIN_PAGES
    assert os.environ.get(pageloop.VARIABLE) is None


@pytest.mark.parametrize("cut", [0, 1, 2, 3])
def test_entries_spooled_by_another_process_follow_this_ones(tmp_path: Path, cut: int) -> None:
    """Entries made before and after ``divert`` (here in one process; in a build, after
    it in the forked child) give the theme's own index, whichever half is empty."""
    from material.plugins.search.plugin import SearchIndex

    from casefile.outputs.search import SpooledEntries, spool
    from tests.test_search_spool import CONFIG, ENTRIES, _Search

    theirs = SearchIndex(**CONFIG)
    theirs.entries.extend(dict(entry) for entry in ENTRIES)
    expected = theirs.generate_search_index(None).encode("utf-8")
    plugin = _Search()
    spooled = spool({"search": plugin}, tmp_path)
    assert spooled is not None
    own = spooled.entries
    other = SpooledEntries(tmp_path)
    for entry in ENTRIES[:cut]:
        plugin.search_index.entries.append(dict(entry))
    spooled.divert(other)
    for entry in ENTRIES[cut:]:
        plugin.search_index.entries.append(dict(entry))
    count = other.flushed()
    assert count == len(ENTRIES) - cut
    spooled.entries = plugin.search_index.entries = own  # as the parent still has it
    spooled.follow(other, count)
    plugin.search_index.generate_search_index(None)
    assert spooled.finish(tmp_path) is not None
    assert (tmp_path / "search" / "search_index.json").read_bytes() == expected
    spooled.close()
