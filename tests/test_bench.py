"""The benchmark's generator makes valid data; its quick mode runs end to end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench import synth
from casefile.pipeline import load_dataset
from tests.conftest import REPO


def test_synthetic_cases_are_valid_and_deterministic(tmp_path: Path) -> None:
    synth.generate(tmp_path / "a", 3)
    synth.generate(tmp_path / "b", 3)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yml"))
    assert files_a == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yml"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()
               for f in files_a)
    ds = load_dataset(tmp_path / "a" / "data")
    case = ds.cases["case-0001"]
    assert len(ds.cases) == 3 and len(case.records) == 12 and len(case.findings) == 10
    assert sum(len(r.assessments) for r in case.records) == 20
    assert len(case.requirements) == 3 and len(case.statements) == 1


def test_quick_benchmark_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "bench.run", "--sizes", "2"], cwd=REPO,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("| 2 |"))
    assert len(row.split("|")) == 17


def test_benchmarks_md_holds_a_results_table_in_the_current_format() -> None:
    from bench import run

    text = (REPO / "BENCHMARKS.md").read_text(encoding="utf-8")
    results = text.split("<!-- results -->", 1)[1]
    header = run.table([]).splitlines()[0]
    assert header in results.splitlines()
    rows = [line for line in results.splitlines() if line.startswith("| ") and
            line.split("|")[1].strip().isdigit()]
    assert [int(r.split("|")[1]) for r in rows] == [100, 1000, 2000]
    assert all(len(r.split("|")) == len(header.split("|")) for r in rows)
