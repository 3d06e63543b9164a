"""`make mutate`: mutation testing (mutmut) of the modules whose output is a public claim
or a safety property, in a throw-away copy of the project.

    python -m bench.mutate [--module casefile/model/dates.py ...] [--check]
                           [--max-children 1] [--keep] [--floors mutation-floors.json]

A mutant can delete files, so mutmut never runs in the working tree: the project is copied
into a temporary folder, ``only_mutate`` is narrowed there to the modules asked for, and
mutmut runs once per module (the first run also records which tests reach which function).
Prints per-module scores (equivalent mutants listed in MUTANTS.md left out of the score),
the survivors as diffs, and the time of each run. ``--check`` fails when a module scores
below its floor in mutation-floors.json (the ratchet). See TESTING.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MODULES = [f"casefile/{name}.py" for name in (
    "model/dates", "model/date_words", "model/deadlines", "model/calendars", "model/money",
    "reading/validate", "model/link", "model/link_records", "outputs/output",
    "outputs/harden", "outputs/feeds", "outputs/opendata", "outputs/opendata_json",
    "outputs/opendata_dataset", "outputs/opendata_import", "outputs/opendata_tables",
    "model/who", "model/oversight_history", "model/grades", "model/link_differ",
    "model/responses", "model/link_responses", "model/cited_in", "model/upcoming",
    "model/said", "model/stand_requirements", "model/figures", "model/item_progress",
    "model/list_pages", "outputs/chart", "model/figures_view", "model/link_figures",
    "model/both", "model/citation")]
FLOORS = REPO / "mutation-floors.json"
EQUIVALENTS = REPO / "MUTANTS.md"
# module -> the test files that reach it in-process, which its floor was measured with (a
# mutant those kill the whole suite kills too, so the floor holds for the whole suite)
SELECTIONS = REPO / "mutation-tests.json"
# not copied: history, environments, build output and caches (the copy runs with this venv)
SKIP = shutil.ignore_patterns(".git", ".venv", "site", "mutants", "node_modules", "__pycache__",
                              ".pytest_cache", ".ruff_cache", ".cache", "*.egg-info",
                              ".site-*", "tests/artifacts")
CAUGHT = {"killed", "timeout", "caught by type check", "segfault"}
# mutmut's worker exits -1 (255) when running the tests raised, e.g. pytest exited 4 because
# a test id was not found; mutmut calls that a timeout, but no test failed: not caught.
RUNNER_ERROR = 255


@dataclass
class Score:
    module: str
    seconds: float = 0.0
    status: dict[str, str] = field(default_factory=dict)  # mutant name -> mutmut's status
    equivalent: set[str] = field(default_factory=set)

    def count(self, *statuses: str) -> int:
        counts = Counter(self.status.values())
        return sum(counts[s] for s in statuses)

    @property
    def survivors(self) -> list[str]:
        return sorted(n for n, s in self.status.items()
                      if s == "survived" and n not in self.equivalent)

    @property
    def score(self) -> float:
        """Per cent of mutants caught, equivalent survivors left out; 100 for none. A mutant
        listed as equivalent that a test now kills counts as caught (names shift when code
        changes), so a score never exceeds 100."""
        listed = {n for n in self.equivalent if self.status.get(n) == "survived"}
        counted = len(self.status) - len(listed)
        return 100.0 * self.count(*CAUGHT) / counted if counted else 100.0


def dotted(module: str) -> str:
    return module.removesuffix(".py").replace("/", ".")


def equivalents(text: str) -> set[str]:
    """Mutant names in the first column of MUTANTS.md's tables: | `name` | reason |."""
    return set(re.findall(r"^\|\s*`([^`]+__mutmut_\d+)`\s*\|", text, re.MULTILINE))


def copy_project(modules: list[str], tests: list[str] | None = None) -> Path:
    """The project in a new temporary folder, mutmut told to mutate only ``modules`` and,
    given ``tests``, to run only those test files."""
    root = Path(tempfile.mkdtemp(prefix="casefile-mutate-")) / "project"
    shutil.copytree(REPO, root, ignore=SKIP, symlinks=True)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert "[tool.mutmut]\n" in text, "pyproject.toml has no [tool.mutmut] section"
    text = re.sub(r"(?m)^only_mutate = .*\n", "", text)  # a copy of a copy has one already
    text = text.replace("[tool.mutmut]\n", f"[tool.mutmut]\nonly_mutate = {json.dumps(modules)}\n")
    if tests is not None:
        text, n = re.subn(r"(?ms)^pytest_add_cli_args_test_selection = \[.*?\]\n",
                          lambda _: f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n",
                          text)
        assert n == 1, "pyproject.toml has no pytest_add_cli_args_test_selection"
    pyproject.write_text(text, encoding="utf-8")
    return root


def plan(modules: list[str], args: argparse.Namespace) -> list[tuple[list[str], list[str] | None]]:
    """Which modules share a copy, and the tests each copy runs (None: the whole selection in
    pyproject.toml). ``--tests`` gives every module those; ``--whole-suite`` the whole
    selection; otherwise a module listed in mutation-tests.json gets a copy with its own
    tests (shared with the modules listed with the same tests), and the rest share one copy
    with the whole selection."""
    if args.tests:
        return [(modules, [t for given in args.tests for t in given.split()])]
    listed = {} if args.whole_suite or not SELECTIONS.is_file() else \
        json.loads(SELECTIONS.read_text(encoding="utf-8"))
    runs: list[tuple[list[str], list[str] | None]] = []
    for module in modules:  # modules with the same tests share a copy (and its first pass)
        tests = listed.get(module)
        same = [run for run in runs if run[1] == tests]
        if same:
            same[0][0].append(module)
        else:
            runs.append(([module], tests))
    return runs


def test_selection() -> list[str]:
    """The tests mutmut runs (pytest_add_cli_args_test_selection in pyproject.toml)."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["mutmut"]["pytest_add_cli_args_test_selection"])


def run_module(root: Path, module: str, children: int, log: Path) -> float:
    """One ``mutmut run`` over the mutants of ``module``; returns its wall-clock seconds."""
    env = {**os.environ, "HYPOTHESIS_PROFILE": "ci", "NO_MKDOCS_2_WARNING": "1",
           "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(children),
               f"{dotted(module)}.*"]
    start = time.monotonic()
    with log.open("a", encoding="utf-8") as out:
        out.write(f"\n$ {' '.join(command)}\n")
        out.flush()
        result = subprocess.run(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                check=False)
    seconds = time.monotonic() - start
    if result.returncode != 0:  # mutmut hides a failing test's output: say how to see it
        sys.exit(f"mutmut failed on {module} (exit {result.returncode}); see {log}. If it "
                 "failed to collect stats, a test fails: to see which, run in "
                 f"{root / 'mutants'}:\n  MUTANT_UNDER_TEST=stats {sys.executable} -m pytest "
                 "-x -q -p no:cacheprovider " + " ".join(test_selection()))
    return seconds


def read_score(root: Path, module: str, seconds: float, equivalent: set[str]) -> Score:
    """The status of every mutant of ``module`` from mutmut's meta file."""
    from mutmut.stats import status_by_exit_code

    meta = json.loads((root / "mutants" / f"{module}.meta").read_text(encoding="utf-8"))
    status = {name: "runner error" if code == RUNNER_ERROR else status_by_exit_code[code]
              for name, code in meta["exit_code_by_key"].items()}
    return Score(module, seconds, status, {n for n in equivalent if n in status})


def show(root: Path, name: str) -> str:
    result = subprocess.run([sys.executable, "-m", "mutmut", "show", name], cwd=root,
                            capture_output=True, text=True, check=False)
    return result.stdout.strip()


def table(scores: list[Score]) -> str:
    lines = ["| module | mutants | killed | survived | equivalent | no tests | score | time |",
             "|---|---|---|---|---|---|---|---|"]
    for s in scores:
        lines.append(f"| `{s.module}` | {len(s.status)} | {s.count(*CAUGHT)} | "
                     f"{len(s.survivors)} | {len(s.equivalent)} | {s.count('no tests')} | "
                     f"{s.score:.1f} % | {s.seconds:.0f} s |")
    return "\n".join(lines)


def below_floors(scores: list[Score], floors: dict[str, float]) -> list[str]:
    """One line per module that scored below its recorded floor (scores compare as
    printed, to one decimal)."""
    return [f"{s.module}: {s.score:.1f} % is below its floor of {floors[s.module]:.1f} %"
            for s in scores if s.module in floors and round(s.score, 1) < floors[s.module]]


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.mutate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--module", action="append", help="a module to mutate (repeatable; "
                        "space-separated also works); default: the listed modules")
    parser.add_argument("--check", action="store_true", help="fail if a module scores below "
                        "its floor in the floors file")
    parser.add_argument("--floors", type=Path, default=FLOORS)
    parser.add_argument("--max-children", type=int, default=1,
                        help="mutants tested at once (keep to 1 or 2 on a shared machine)")
    parser.add_argument("--keep", action="store_true", help="keep the throw-away copy")
    parser.add_argument("--json", type=Path, help="also write the scores here as JSON")
    parser.add_argument("--tests", action="append", help="run only these test files "
                        "(repeatable; space-separated also works), for every module")
    parser.add_argument("--whole-suite", action="store_true", help="run the whole suite "
                        "for every module, not the files mutation-tests.json lists")
    return parser.parse_args(argv)


def modules_of(args: argparse.Namespace) -> list[str]:
    modules = [m for given in args.module or [] for m in given.split()] or MODULES
    unknown = [m for m in modules if not (REPO / m).is_file()]
    if unknown:
        sys.exit(f"no such module: {', '.join(unknown)}")
    return modules


def report(root: Path, scores: list[Score], total: float, children: int) -> None:
    print(table(scores))
    for s in scores:
        for name in s.survivors:
            print(f"\n{show(root, name)}")
        untested = sorted(n for n, st in s.status.items() if st == "no tests")
        if untested:
            print(f"\n{s.module}: reached by no test: {', '.join(untested)}")
        errors = sorted(n for n, st in s.status.items() if st == "runner error")
        if errors:
            print(f"\n{s.module}: the tests could not run (not caught; see TESTING.md): "
                  f"{', '.join(errors)}")
    print(f"\nTotal time: {total:.0f} s (max-children {children})")


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    modules = modules_of(args)
    floors = json.loads(args.floors.read_text(encoding="utf-8")) if args.floors.is_file() else {}
    equivalent = equivalents(EQUIVALENTS.read_text(encoding="utf-8")) \
        if EQUIVALENTS.is_file() else set()
    start = time.monotonic()
    scores: list[Score] = []
    for group, tests in plan(modules, args):
        root = copy_project(group, tests)
        log = root.parent / "mutmut.log"
        print(f"Mutating {', '.join(group)} in {root} (log: {log}; tests: "
              f"{' '.join(tests) if tests else 'the whole selection'})", flush=True)
        done = []
        for module in group:  # a failure exits, keeping the copy and its log
            seconds = run_module(root, module, args.max_children, log)
            done.append(read_score(root, module, seconds, equivalent))
            print(f"{module}: {done[-1].score:.1f} % in {seconds:.0f} s", flush=True)
        report(root, done, time.monotonic() - start, args.max_children)
        scores += done
        if not args.keep:
            shutil.rmtree(root.parent, ignore_errors=True)
    if len(scores) > 1:
        print(f"\nAll modules:\n{table(scores)}")
    if args.json:
        args.json.write_text(json.dumps([{"module": s.module, "mutants": len(s.status),
                                          "killed": s.count(*CAUGHT),
                                          "survived": len(s.survivors),
                                          "equivalent": len(s.equivalent),
                                          "no_tests": s.count("no tests"),
                                          "score": round(s.score, 1),
                                          "seconds": round(s.seconds)} for s in scores],
                                        indent=2) + "\n", encoding="utf-8")
    failures = below_floors(scores, floors) if args.check else []
    for line in failures:
        print(f"FAIL {line}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
