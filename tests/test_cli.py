"""The casefile command: check (text and GitHub annotations), schema and generate."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BIN, MINI, copy_project, write_tree


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "casefile"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_check_ok_and_exit_codes(tmp_path: Path) -> None:
    write_tree(tmp_path / "data", MINI)
    ok = run(["check"], tmp_path)
    assert ok.returncode == 0
    assert ok.stdout == ("casefile: data OK: 1 case(s), 2 record(s), 2 source(s), 2 bodies.\n"
                         "2 of 2 sources have no stored copy: their 2 quotations are "
                         "unverified.\n")
    assert run(["nonsense"], tmp_path).returncode == 2


def test_check_github_annotations(tmp_path: Path) -> None:
    files = dict(MINI)
    rel = "cases/town/records/town-follow-up.yml"
    files[rel] = files[rel].replace("status: improving", "status: better").replace(
        "note: Better.", "note: '100% better'")
    write_tree(tmp_path / "data", files)
    result = run(["check", "--format", "github"], tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=data/cases/town/records/town-follow-up.yml,line=10,col=13,"
        "title=casefile check::assessments[0].status: 'better' is not allowed (allowed: "
        "not_assessed, worsened, serious_concern, concern, early_signs, improving, improved, "
        "resolved)"]
    assert "Traceback" not in result.stderr


def test_github_annotation_escapes_newlines_and_percent() -> None:
    from casefile.commands.cli import _github
    from casefile.errors import Problem

    line = _github(Problem("a.yml", 1, 2, "p", "50% off\nnext"))
    assert line == "::error file=a.yml,line=1,col=2,title=casefile check::p: 50%25 off\\nnext"


def test_github_annotation_escapes_properties_and_forged_commands() -> None:
    from casefile.commands.cli import _github
    from casefile.errors import Problem

    problem = Problem("data/a,line=9:b%\n.yml", 3, 4, "title",
                      "'x\r\n::error file=forged.yml::boom\x1b[2J\u202e'")
    assert _github(problem) == (
        "::error file=data/a%2Cline=9%3Ab%25\\n.yml,line=3,col=4,title=casefile check::"
        "title: 'x\\r\\n::error file=forged.yml::boom\\x1b[2J\\u202e'")


def test_text_problems_escape_control_characters() -> None:
    from casefile.errors import DataError, Problem

    problem = Problem("data/a\x1b]0;owned\x07.yml", 1, 2, "summary",
                      "'a\nb\tc\x00d\x7fe\x85f\u2028g\u2066h' é \U0001F600")
    assert str(problem) == ("data/a\\x1b]0;owned\\x07.yml:1:2: summary: "
                            "'a\\nb\\tc\\x00d\\x7fe\\x85f\\u2028g\\u2066h' é \U0001F600")
    assert DataError([problem]).report().splitlines() == [
        str(problem), "casefile: 1 problem found; nothing was built."]


def test_check_never_forges_an_annotation_from_data(tmp_path: Path) -> None:
    files = dict(MINI)
    rel = "cases/town/records/town-follow-up.yml"
    files[rel] = files[rel].replace(
        "status: improving", 'status: "x\\n::error file=forged.yml::boom\\e[2J"')
    write_tree(tmp_path / "data", files)
    for fmt in ("text", "github"):
        result = run(["check", "--format", fmt], tmp_path)
        assert result.returncode == 1
        lines = (result.stdout + result.stderr).splitlines()
        assert lines and "\x1b" not in result.stdout + result.stderr
        assert [line for line in lines if line.startswith("::")] == (
            [line for line in result.stdout.splitlines()] if fmt == "github" else [])
        assert all("forged.yml" not in line or line.startswith(("data/", "::error file=data/"))
                   for line in lines), lines


def test_generate_output_builds_with_plain_mkdocs(tmp_path: Path) -> None:
    result = run(["generate", "--out", str(tmp_path / "pages")],
                 copy_project(tmp_path / "project"))
    assert result.returncode == 0, result.stderr
    pages = tmp_path / "pages"
    # each page x.md as x/index.md: its folder is its address (casefile/outputs/neutral.py)
    assert (pages / "cases" / "powys-childrens-services" / "index.md").is_file()
    assert not (pages / "cases" / "powys-childrens-services.md").exists()
    assert (pages / "assets" / "casefile.css").is_file()
    index = (pages / "index.md").read_text(encoding="utf-8")
    assert "{{" not in index and "cf-case-list" in index
    # another builder: MkDocs with the plain mkdocs theme and no casefile plugin
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: plain\ndocs_dir: pages\ntheme: mkdocs\nextra_css: [assets/casefile.css]\n",
        encoding="utf-8")
    built = subprocess.run([str(BIN / "mkdocs"), "build", "--strict"], cwd=tmp_path,
                           capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "site" / "cases" / "powys-childrens-services" / "index.html")
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    assert soup.select("ol.cf-timeline > li")
    assert soup.select("table.cf-matrix")


def test_generate_refuses_bad_data_and_keeps_old_output(tmp_path: Path) -> None:
    project = tmp_path / "p"
    copy_project(project)
    out = tmp_path / "out"
    assert run(["generate", "--out", str(out)], project).returncode == 0
    before = sorted(p.name for p in out.rglob("*"))
    (project / "data" / "themes.yml").write_text("themes: nope\n", encoding="utf-8")
    result = run(["generate", "--out", str(out)], project)
    assert result.returncode == 1
    assert "data/themes.yml:1:9: themes: expected a list" in result.stderr
    assert sorted(p.name for p in out.rglob("*")) == before


def everything(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` (folders as None, files with their bytes)."""
    return {p.relative_to(root).as_posix(): None if p.is_dir() else p.read_bytes()
            for p in sorted(root.rglob("*"))}


def project_with_git(root: Path) -> Path:
    project = copy_project(root)
    (project / "README.md").write_text("Keep me.\n", encoding="utf-8")
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (project / "notes").mkdir()
    (project / "notes" / "mine.txt").write_text("not casefile's\n", encoding="utf-8")
    return project


REFUSED = {
    ".": "this folder contains the project's .git folder ({git}), which a build would delete",
    "..": "this folder contains the project's .git folder ({git}), which a build would delete",
    "data": "this is the project's data folder",
    "data/cases/new": "this is inside the project's data folder ({data})",
    "content": "this is the project's content folder",
    "macros": "this is the project's macros folder",
    ".git": "this is the project's .git folder",
    "README.md": "this is a file, not a folder",
    "notes": "this folder is not empty and was not written by casefile (it has no "
             ".casefile-output file), and a build replaces its output folder whole",
}


@pytest.mark.parametrize("out", list(REFUSED))
def test_generate_refuses_a_folder_it_would_destroy(tmp_path: Path, out: str) -> None:
    project = project_with_git(tmp_path / "p")
    before = everything(tmp_path)
    result = run(["generate", "--out", out], project)
    assert result.returncode == 2
    why = REFUSED[out].format(git=project.resolve() / ".git", data=project.resolve() / "data")
    assert result.stderr == (f"casefile generate: --out {out}: {why}; nothing was written or "
                             "deleted. Give a new folder, or one an earlier generate wrote\n")
    assert result.stdout == ""
    assert everything(tmp_path) == before


def test_generate_replaces_its_own_output_and_marks_it(tmp_path: Path) -> None:
    project = project_with_git(tmp_path / "p")
    assert run(["generate", "--out", "pages"], project).returncode == 0
    marker = project / "pages" / ".casefile-output"
    assert marker.read_text(encoding="utf-8").startswith("This folder was written by casefile.")
    (project / "pages" / "stale.md").write_text("old", encoding="utf-8")
    assert run(["generate", "--out", "pages"], project).returncode == 0
    assert not (project / "pages" / "stale.md").exists() and marker.is_file()
    assert not [p.name for p in project.iterdir() if p.name.startswith(".pages-")]
