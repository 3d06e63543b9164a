"""The benchmark's generator makes valid data (the inquiry case too); its quick mode runs end
to end, the inquiry case included."""

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
    [inquiry] = [line for line in result.stdout.splitlines() if "inquiry case" in line]
    assert inquiry.startswith("At 2 cases, with the inquiry case (200 recommendations): its "
                              "case page ")
    assert inquiry.endswith(" 7 response status pages (anchor 7).")


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


def test_the_inquiry_case_is_valid_and_inquiry_sized(tmp_path: Path) -> None:
    """One final report with 200 recommendations, each directed at one of the 3 bodies that
    must respond; a response answering 180 of them (every tenth skipped) with a quote each;
    3 later progress reports; every quote in a stored copy (the check finds them all)."""
    from casefile.model import responses as rs

    synth.generate(tmp_path, 1, with_inquiry=True)
    ds = load_dataset(tmp_path / "data")
    case = ds.cases[synth.INQUIRY]
    report, response, *progress = case.records
    assert len(report.findings) == 200 and {f.kind.value for f in report.findings} == {
        "recommendation"}  # type: ignore[union-attr]
    assert [len(f.directed_at) for f in report.findings] == [1] * 200
    assert [b.id for b in report.duty.by] == list(synth.ADDRESSEES)  # type: ignore[union-attr]
    assert len(response.responses) == 180 and all(r.cites[0].quote for r in response.responses)
    assert [len(r.assessments) for r in progress] == [45, 50, 55]
    assert [c.words for c in rs.counts(report)] == [
        "accepted 17 · accepted in part 9 · accepted in principle 9 · under consideration 8 · "
        "noted 8 · rejected 9 · not answered in the reply 7 · response pending 0",
        "accepted 18 · accepted in part 8 · accepted in principle 9 · under consideration 9 · "
        "noted 8 · rejected 8 · not answered in the reply 7 · response pending 0",
        "accepted 17 · accepted in part 9 · accepted in principle 8 · under consideration 8 · "
        "noted 9 · rejected 9 · not answered in the reply 6 · response pending 0"]
    assert synth.INQUIRY not in load_dataset(_plain(tmp_path / "plain")).cases


def _plain(root: Path) -> Path:
    synth.generate(root, 1)
    return root / "data"
