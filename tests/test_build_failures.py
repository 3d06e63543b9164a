"""Broken data stops `make site` with one located message per problem, no traceback, and
the previous site/ untouched (the "Done when" list of issue #2)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import BIN, copy_project, mkdocs_build, tree_digest

REC = "data/cases/powys-childrens-services/records"
MONITORING = f"{REC}/powys-2017-12-monitoring-visit.yml"
BREAKAGES = {
    "duplicate key": (
        MONITORING, "title: CSSIW monitoring visit\n",
        "title: CSSIW monitoring visit\ntitle: Another title\n",
        f"{MONITORING}:5:1: title: duplicate key 'title' (first given at line 4); each key may "
        "appear only once"),
    "unknown key": (
        MONITORING, "body: care-inspectorate-wales\n",
        "body: care-inspectorate-wales\nsumary: A summary.\n",
        f"{MONITORING}:8:1: sumary: unknown key 'sumary'; did you mean 'summary'? (allowed: id, "
        "type, title, date, until, after, date_note, published, published_note, body, summary, "
        "cite, findings, "
        "assessments, requirements, statements, ratings, oversight, next, responses, respond, "
        "figures, answers, sources_differ)"),
    "invalid status": (
        MONITORING, "status: early_signs", "status: early-signs",
        f"{MONITORING}:23:13: assessments[0].status: 'early-signs' is not allowed; did you mean "
        "'early_signs'? (allowed: not_assessed, worsened, serious_concern, concern, early_signs, "
        "improving, improved, resolved)"),
    "missing source": (
        MONITORING, "cite:\n  - source: star-further-warning\n",
        "cite:\n  - source: star-further-warnings\n",
        f"{MONITORING}:13:13: cite[0].source: no source with id 'star-further-warnings'; did you "
        "mean 'star-further-warning'?"),
    "no as text": (
        MONITORING, "title: CSSIW monitoring visit", "title: no",
        f"{MONITORING}:4:8: title: no is read as a boolean (false) by YAML 1.1 tools; if you "
        'mean the text, put it in quotes: "no"'),
    "no as date": (
        MONITORING, "date: 2017-12\n", "date: no\n",
        f"{MONITORING}:5:7: date: 'no' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, "
        "or in words, e.g. 'June 2021', 'autumn 2022', 'early 2021', 'late June 2021', "
        "'around June 2021', 'during 2023' (see the date forms on the methodology page)"),
    "impossible date": (
        MONITORING, "date: 2017-12\n", "date: 2018-02-30\n",
        f"{MONITORING}:5:7: date: '2018-02-30' is not a real date: February 2018 has 28 days"),
}
LOCATED = re.compile(r"^data/\S+\.yml:\d+:\d+: ", re.M)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("broken")
    copy_project(root)
    first = mkdocs_build(root)
    assert first.returncode == 0, first.stderr
    return root


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "casefile"), "check"], cwd=root, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_breakage_stops_the_build_cleanly(built: Path, name: str) -> None:
    rel, old, new, expected = BREAKAGES[name]
    path = built / rel
    original = path.read_text(encoding="utf-8")
    assert old in original
    before = tree_digest(built / "site")
    path.write_text(original.replace(old, new, 1), encoding="utf-8")
    try:
        for result in (check(built), mkdocs_build(built)):
            output = result.stdout + result.stderr
            assert result.returncode == 1, output
            assert "Traceback" not in output
            assert LOCATED.findall(output) and len(LOCATED.findall(output)) == 1, output
            assert expected in output.splitlines(), output
        assert tree_digest(built / "site") == before
        assert not list(built.glob(".site-*")), "staging folder left behind"
    finally:
        path.write_text(original, encoding="utf-8")


def test_failure_after_the_data_check_leaves_site_untouched(built: Path) -> None:
    """A macro error in a hand-written page fails mid-build; site/ must not change."""
    page = built / "content" / "about.md"
    original = page.read_text(encoding="utf-8")
    before = tree_digest(built / "site")
    page.write_text(original + '\n{{ timeline("no-such-case") }}\n', encoding="utf-8")
    try:
        result = mkdocs_build(built)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        line = len(original.splitlines()) + 2
        assert (f"content/about.md:{line}:1: timeline(): no case with id 'no-such-case' "
                "(cases: powys-childrens-services)") in result.stderr
        assert tree_digest(built / "site") == before
        assert not list(built.glob(".site-*"))
    finally:
        page.write_text(original, encoding="utf-8")


def test_a_content_file_that_clashes_with_generated_data_stops_cleanly(built: Path) -> None:
    clash = built / "content" / "feeds" / "all.xml"
    clash.parent.mkdir()
    clash.write_text("<feed/>", encoding="utf-8")
    before = tree_digest(built / "site")
    try:
        result = mkdocs_build(built)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert ("casefile: content/feeds/all.xml clashes with a generated file; rename it"
                in result.stderr)
        assert tree_digest(built / "site") == before
        assert not list(built.glob(".site-*"))
    finally:
        clash.unlink()
        clash.parent.rmdir()


def test_a_successful_build_replaces_site(built: Path) -> None:
    stale = built / "site" / "stale.html"
    stale.write_text("old", encoding="utf-8")
    assert mkdocs_build(built).returncode == 0
    assert not stale.exists()
    assert (built / "site" / "index.html").is_file()


def test_readme_shows_the_real_message() -> None:
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert BREAKAGES["impossible date"][3] in readme
    assert "casefile: 1 problem found; nothing was built." in readme


def test_unwritable_output_folder_stops_cleanly(built: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    from tests.conftest import BIN

    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d",
                             str(blocker / "site")], cwd=built, capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"casefile: cannot write the site to {blocker / 'site'}:" in result.stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_macro_that_raises_leaves_site_untouched(built: Path) -> None:
    macro = built / "macros" / "timeline.html"
    original = macro.read_text(encoding="utf-8")
    before = tree_digest(built / "site")
    broken = "{{ view.nonexistent.attribute }}{% for e in view.timeline %}"
    macro.write_text(original.replace("{% for e in view.timeline %}", broken), encoding="utf-8")
    try:
        result = mkdocs_build(built)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "casefile: generating pages failed: UndefinedError" in result.stderr
        assert tree_digest(built / "site") == before
        assert not list(built.glob(".site-*"))
    finally:
        macro.write_text(original, encoding="utf-8")


def everything(root: Path) -> dict[str, bytes | None]:
    return {p.relative_to(root).as_posix(): None if p.is_dir() else p.read_bytes()
            for p in sorted(root.rglob("*"))}


@pytest.mark.parametrize(("site_dir", "why"), [
    ("data", "this is the project's data folder"),
    ("macros/site", "this is inside the project's macros folder ({root}/macros)"),
    ("overrides", "this is the project's overrides folder"),
    ("mkdocs.yml", "this is a file, not a folder"),
    ("notes", "this folder is not empty and was not written by casefile (it has no "
              ".casefile-output file), and a build replaces its output folder whole"),
])
def test_build_refuses_a_site_dir_it_would_destroy(built: Path, site_dir: str, why: str) -> None:
    notes = built / "notes"
    notes.mkdir(exist_ok=True)
    (notes / "mine.txt").write_text("not casefile's\n", encoding="utf-8")
    before = everything(built)
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", site_dir],
                            cwd=built, capture_output=True, text=True, timeout=120,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    root = built.resolve()
    assert (f"casefile: site_dir {root / site_dir}: {why.format(root=root)}; nothing was built "
            "or deleted. Choose a new folder or one an earlier build wrote, with site_dir in "
            "mkdocs.yml or -d (the default is site)") in result.stderr
    assert everything(built) == before


def test_the_project_folder_itself_is_never_a_site_dir(built: Path) -> None:
    before = everything(built)
    result = subprocess.run([str(BIN / "mkdocs"), "build", "-d", "."], cwd=built,
                            capture_output=True, text=True, timeout=120,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert everything(built) == before


def test_the_site_carries_the_marker_and_a_legacy_site_is_still_replaced(built: Path) -> None:
    marker = built / "site" / ".casefile-output"
    assert marker.is_file()
    marker.unlink()  # as written before the marker existed: data/casefile.json says casefile
    assert mkdocs_build(built).returncode == 0
    assert marker.is_file()


FULL_DISK_HOOK = '''"""Test-only MkDocs hook: the disk "fills up" when the file FULL_DISK
names is written (FULL_DISK=ERRNO:PATH-IN-SITE), whether MkDocs copies it or writes it."""
import errno
import os
import shutil

from mkdocs import utils

CODE, _, AT = os.environ.get("FULL_DISK", "").partition(":")


def _full(path):
    if CODE and os.fspath(path).replace(os.sep, "/").endswith("/" + AT):
        number = getattr(errno, CODE)
        raise OSError(number, os.strerror(number), os.fspath(path))


_copy, _write = shutil.copyfile, utils.write_file


def _copyfile(src, dst, *args, **kwargs):
    _full(dst)
    return _copy(src, dst, *args, **kwargs)


def _write_file(content, output_path):
    _full(output_path)
    return _write(content, output_path)


shutil.copyfile = _copyfile
utils.write_file = _write_file
'''


@pytest.mark.parametrize(("code", "at", "reason"), [
    ("ENOSPC", "assets/logo.svg", "No space left on device"),  # copying a static file
    ("EDQUOT", "timeline/index.html", "Disk quota exceeded"),  # writing a page
    ("EROFS", "index.html", "Read-only file system"),
])
def test_a_full_disk_is_one_line_and_keeps_the_old_site(built: Path, code: str, at: str,
                                                        reason: str) -> None:
    config = built / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    (built / "full_disk_hook.py").write_text(FULL_DISK_HOOK, encoding="utf-8")
    config.write_text(original + "\nhooks:\n  - full_disk_hook.py\n", encoding="utf-8")
    before = tree_digest(built / "site")
    try:
        result = mkdocs_build(built, FULL_DISK=f"{code}:{at}")
    finally:
        config.write_text(original, encoding="utf-8")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [
        f"ERROR   -  casefile: cannot write the site to {built.resolve() / 'site'}: {reason} "
        f"(writing {at}); the previous site is unchanged"], result.stderr
    assert tree_digest(built / "site") == before
    assert not list(built.glob(".site-*")), "staging folder left behind"


def test_an_os_error_outside_the_site_names_its_file() -> None:
    from casefile.plugin import os_error_message

    staging, target = Path("/p/.site-staging-7"), Path("/p/site")
    error = OSError(5, "Input/output error", "/p/content/about.md")
    assert os_error_message(error, staging, target) == (
        "casefile: the build stopped at /p/content/about.md: Input/output error")
    assert os_error_message(OSError(28, "No space left on device"), staging, target) == (
        "casefile: cannot write the site to /p/site: No space left on device; the previous "
        "site is unchanged")
    assert os_error_message(OSError(28, "No space left on device"), None, None) == (
        "casefile: the build stopped: No space left on device")
