"""`make mutate` (bench/mutate.py): scores, the floors ratchet and the throw-away copy,
without running mutmut itself (that takes minutes per module)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from bench import mutate
from bench.mutate import Score
from tests.conftest import REPO

SURVIVOR = "casefile.model.dates.x_parse__mutmut_3"


def score(**status: str) -> Score:
    return Score("casefile/model/dates.py", 12.0, {f"casefile.model.dates.x_{k}": v
                                                   for k, v in status.items()})


def test_the_score_counts_timeouts_as_caught_and_leaves_equivalents_out() -> None:
    s = score(a__mutmut_1="killed", a__mutmut_2="timeout", a__mutmut_3="survived",
              a__mutmut_4="survived", a__mutmut_5="no tests")
    assert s.score == pytest.approx(40.0)  # 2 of 5
    assert s.survivors == ["casefile.model.dates.x_a__mutmut_3",
                           "casefile.model.dates.x_a__mutmut_4"]
    s.equivalent = {"casefile.model.dates.x_a__mutmut_4"}
    assert s.score == pytest.approx(50.0)  # 2 of 4
    assert s.survivors == ["casefile.model.dates.x_a__mutmut_3"]
    assert Score("casefile/model/who.py").score == 100.0  # no mutants: nothing survives
    s.equivalent |= {"casefile.model.dates.x_a__mutmut_1"}  # listed, but a test kills it
    assert s.score == pytest.approx(50.0)  # still 2 of 4, never over 100 (was 2 of 3)


def test_the_table_gives_each_figure() -> None:
    s = score(a__mutmut_1="killed", a__mutmut_2="survived", a__mutmut_3="no tests",
              a__mutmut_4="caught by type check")
    assert mutate.table([s]).splitlines()[2] == (
        "| `casefile/model/dates.py` | 4 | 2 | 1 | 0 | 1 | 50.0 % | 12 s |")


def test_a_module_below_its_floor_fails_the_check() -> None:
    s = score(a__mutmut_1="killed", a__mutmut_2="killed", a__mutmut_3="survived")
    floors = {"casefile/model/dates.py": 66.8}  # scores compare as printed: 66.7 %
    assert mutate.below_floors([s], floors) == [
        "casefile/model/dates.py: 66.7 % is below its floor of 66.8 %"]
    assert mutate.below_floors([s], {"casefile/model/dates.py": 66.7}) == []
    assert mutate.below_floors([s], {}) == []  # no floor recorded yet


def test_equivalent_mutants_are_read_from_the_table_rows_of_mutants_md() -> None:
    text = (f"| mutant | why |\n|---|---|\n| `{SURVIVOR}` | same output |\n"
            "Prose naming `casefile.model.dates.x_y__mutmut_1` is not a row.\n")
    assert mutate.equivalents(text) == {SURVIVOR}


def test_the_listed_modules_floors_and_equivalents_agree() -> None:
    assert all((REPO / m).is_file() for m in mutate.MODULES)
    floors = json.loads(mutate.FLOORS.read_text(encoding="utf-8"))
    assert set(floors) <= set(mutate.MODULES)
    assert all(0 <= floor <= 100 for floor in floors.values())
    dotted = {mutate.dotted(m) for m in mutate.MODULES}
    for name in mutate.equivalents(mutate.EQUIVALENTS.read_text(encoding="utf-8")):
        assert name.rsplit(".", 1)[0] in dotted, name


def test_one_module_or_the_list() -> None:
    assert mutate.modules_of(mutate.arguments([])) == mutate.MODULES
    one = mutate.arguments(["--module", "casefile/outputs/harden.py casefile/model/who.py"])
    assert mutate.modules_of(one) == ["casefile/outputs/harden.py", "casefile/model/who.py"]
    with pytest.raises(SystemExit) as exited:
        mutate.modules_of(mutate.arguments(["--module", "casefile/nothing.py"]))
    assert str(exited.value) == "no such module: casefile/nothing.py"


def test_mutmut_runs_in_a_copy_told_which_modules_to_mutate(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    for rel in ("casefile/model/dates.py", "tests/test_x.py", ".git/HEAD", ".venv/bin/python",
                "site/index.html", "mutants/old.py", "data/themes.yml"):
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text("x", encoding="utf-8")
    (project / "pyproject.toml").write_text(  # as in a copy already told what to mutate
        (REPO / "pyproject.toml").read_text(encoding="utf-8").replace(
            "[tool.mutmut]\n", '[tool.mutmut]\nonly_mutate = ["casefile/a.py"]\n'),
        encoding="utf-8")
    monkeypatch.setattr(mutate, "REPO", project)
    monkeypatch.setattr(mutate.tempfile, "mkdtemp", lambda prefix: str(tmp_path / "copy"))
    root = mutate.copy_project(["casefile/model/dates.py"])
    assert root == tmp_path / "copy" / "project"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [
        "casefile/model/dates.py", "data/themes.yml", "pyproject.toml", "tests/test_x.py"]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert config["mutmut"]["only_mutate"] == ["casefile/model/dates.py"]
    assert config["mutmut"]["process_isolation"] == "forkserver"
    assert 'only_mutate = ["casefile/a.py"]' in (project / "pyproject.toml").read_text(
        encoding="utf-8")  # the original is untouched


def test_a_copy_can_run_only_some_test_files(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text((REPO / "pyproject.toml").read_text(
        encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(mutate, "REPO", project)
    monkeypatch.setattr(mutate.tempfile, "mkdtemp", lambda prefix: str(tmp_path / "copy"))
    root = mutate.copy_project(["casefile/model/who.py"], ["tests/test_who.py"])
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert config["mutmut"]["pytest_add_cli_args_test_selection"] == ["tests/test_who.py"]
    assert config["mutmut"]["only_mutate"] == ["casefile/model/who.py"]


def test_each_module_runs_the_tests_its_floor_was_measured_with() -> None:
    listed = json.loads(mutate.SELECTIONS.read_text(encoding="utf-8"))
    assert set(listed) <= set(mutate.MODULES)
    assert all((REPO / f).is_file() for files in listed.values() for f in files)
    modules = ["casefile/outputs/output.py"]
    expected: list[tuple[list[str], list[str] | None]] = []
    # a module with no list of its own runs with the whole suite (None)
    unlisted = sorted(set(mutate.MODULES) - set(listed))[:1]
    if unlisted:
        modules = unlisted + modules
        expected.append((unlisted, None))
    expected.append((["casefile/outputs/output.py"], listed["casefile/outputs/output.py"]))
    assert mutate.plan(modules, mutate.arguments([])) == expected
    same = ["casefile/model/who.py", "casefile/model/money.py"]
    assert listed[same[0]] == listed[same[1]]
    assert mutate.plan(same, mutate.arguments([])) == [(same, listed[same[0]])]
    assert mutate.plan(modules, mutate.arguments(["--whole-suite"])) == [(modules, None)]
    assert mutate.plan(modules, mutate.arguments(["--tests", "tests/a.py tests/b.py"])) == [
        (modules, ["tests/a.py", "tests/b.py"])]


def test_everything_the_tests_read_is_copied_for_mutmut() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    also = set(config["tool"]["mutmut"]["also_copy"])
    read = {"macros", "overrides", "content", "data", "schema", "mkdocs.yml", "README.md",
            "BENCHMARKS.md", "requirements.txt", ".pre-commit-config.yaml", ".github", "bench",
            "mutation-floors.json", "MUTANTS.md"}
    assert read <= also
    assert all((REPO / path).exists() for path in also), sorted(
        p for p in also if not (REPO / p).exists())


def test_a_mutant_whose_tests_could_not_run_is_not_caught(tmp_path: Path) -> None:
    """mutmut reports exit 255 (its worker's -1: running the tests raised, e.g. pytest exited
    4 on a test id it could not find) as a timeout; the score must not count it caught."""
    meta = tmp_path / "mutants" / "casefile" / "model" / "dates.py.meta"
    meta.parent.mkdir(parents=True)
    meta.write_text(json.dumps({"exit_code_by_key": {
        "casefile.model.dates.x_a__mutmut_1": 1, "casefile.model.dates.x_a__mutmut_2": 255,
        "casefile.model.dates.x_a__mutmut_3": -24, "casefile.model.dates.x_a__mutmut_4": 0}}),
        encoding="utf-8")
    s = mutate.read_score(tmp_path, "casefile/model/dates.py", 1.0, set())
    assert s.status == {"casefile.model.dates.x_a__mutmut_1": "killed",
                        "casefile.model.dates.x_a__mutmut_2": "runner error",
                        "casefile.model.dates.x_a__mutmut_3": "timeout",
                        "casefile.model.dates.x_a__mutmut_4": "survived"}
    assert s.score == pytest.approx(50.0)  # killed and timed out, of 4


COLLECT_TWICE = """
import sys, pytest
class Ids:
    def __init__(self): self.ids = []
    def pytest_collection_modifyitems(self, items): self.ids = [i.nodeid for i in items]
runs = [Ids(), Ids()]
for run in runs:
    pytest.main(["--collect-only", "-qqq", "-p", "no:cacheprovider", *sys.argv[1:]],
                 plugins=[run])
print(*(f"changed: {i}" for i in sorted(set(runs[0].ids) ^ set(runs[1].ids))), sep="\\n")
"""


def test_test_ids_are_the_same_when_collected_twice_in_one_process() -> None:
    """mutmut's fork server collects the tests, then runs a mutant's tests by id in the
    same process: an id that changes on the second collection is "not found" (exit 4), and
    the mutant counts as caught whatever it changed (tests.conftest.plain_id)."""
    files = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "tests").glob("test_*.py")
                   if "ids=" in p.read_text(encoding="utf-8") and p.name not in {
                       "test_browser.py", "test_browser_init.py", "test_workflows.py"})
    assert "tests/test_agreement_newer_fields.py" in files
    result = subprocess.run([sys.executable, "-c", COLLECT_TWICE, *files], cwd=REPO,
                            capture_output=True, text=True, check=True)
    assert [line for line in result.stdout.splitlines() if line.startswith("changed: ")] == []


def test_under_mutmut_a_mutants_tests_run_fastest_first(tmp_path: Path) -> None:
    """mutmut's fork server hands a mutant's tests over in no order; tests/conftest.py
    sorts them by mutmut's recorded durations, so the first failure (-x) comes soon."""
    mutants = tmp_path / "mutants"
    (mutants / "tests").mkdir(parents=True)
    for name in ("conftest.py", "__init__.py"):
        (mutants / "tests" / name).write_bytes((REPO / "tests" / name).read_bytes())
    (mutants / "tests" / "test_order.py").write_text(
        "".join(f"def test_{x}() -> None:\n    pass\n\n\n" for x in "abc"), encoding="utf-8")
    (mutants / "mutmut-stats.json").write_text(json.dumps({"duration_by_test": {
        "tests/test_order.py::test_a": 3.0, "tests/test_order.py::test_b": 1.0,
        "tests/test_order.py::test_c": 2.0}}), encoding="utf-8")

    def order(mutant: str) -> list[str]:
        env = {**os.environ, "MUTANT_UNDER_TEST": mutant, "PYTHONPATH": str(REPO)}
        env.pop("PYTEST_ADDOPTS", None)  # the outer run's options (-v) would change the listing
        result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p",
                                 "no:cacheprovider", "--rootdir=.", "tests/test_order.py"],
                                cwd=mutants, env=env, capture_output=True, text=True, check=True)
        return [line.split("::")[1] for line in result.stdout.splitlines() if "::" in line]

    assert order("casefile.model.dates.x_parse__mutmut_3") == ["test_b", "test_c", "test_a"]
    assert order("stats") == ["test_a", "test_b", "test_c"]  # mutmut's first pass: as written
