"""The incremental ``casefile check`` always says exactly what a full check says, and
relinks only the changed cases when that is safe."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.pipeline import load_dataset
from casefile.reading import quickcheck
from tests.conftest import MINI, write_tree

INS = "cases/town/records/town-inspection.yml"
FOL = "cases/town/records/town-follow-up.yml"


def city() -> dict[str, str]:
    """A second case, like town, with its own ids."""
    out = {}
    for rel, text in MINI.items():
        if rel.startswith("cases/town/"):
            for old, new in (("town-inspection", "city-inspection"),
                             ("town-follow-up", "city-follow-up"), ("f-leadership", "f-city"),
                             ("req-plan", "req-city"), ("id: town\n", "id: city\n")):
                text, rel = text.replace(old, new), rel.replace(old, new)
            out[rel.replace("cases/town/", "cases/city/")] = text
    return out


class Clock:
    """Files are written as if edited in the past, one second apart, as editors do (a
    file changed in the last two seconds is always rechecked)."""

    def __init__(self) -> None:
        self.now = time.time() - 1000

    def write(self, data: Path, files: dict[str, str]) -> None:
        write_tree(data, files)
        for rel in files:
            self.now += 1
            os.utime(data / rel, (self.now, self.now))


def truth(data: Path) -> str:
    try:
        ds = load_dataset(data, use_cache=False)
    except DataError as exc:
        return exc.report()
    return quickcheck.Summary(len(ds.cases), sum(len(c.records) for c in ds.cases.values()),
                              len(ds.sources), len(ds.bodies)).line()


def quick(data: Path) -> str:
    try:
        return quickcheck.check(data).line()
    except DataError as exc:
        return exc.report()


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASEFILE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "data"


@pytest.fixture
def fulls(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = quickcheck.full

    def spy(data_dir: Path, jurisdiction: str = "GB-WLS") -> quickcheck.Summary:
        calls.append(data_dir)
        return real(data_dir, jurisdiction)

    monkeypatch.setattr(quickcheck, "full", spy)
    return calls


def edit(rel: str, old: str, new: str, base: dict[str, str]) -> dict[str, str]:
    assert old in base[rel], old
    base[rel] = base[rel].replace(old, new, 1)
    return {rel: base[rel]}


def test_a_clean_edit_relinks_only_its_case(data: Path, fulls: list[Path]) -> None:
    clock, files = Clock(), {**MINI, **city()}
    clock.write(data, files)
    assert quick(data) == truth(data) == ("casefile: data OK: 2 case(s), 4 record(s), "
                                          "2 source(s), 2 bodies.")
    assert len(fulls) == 1
    assert quick(data) == truth(data) and len(fulls) == 1  # nothing changed
    clock.write(data, edit(FOL, "Better.", "Much better.", files))
    assert quick(data) == truth(data) and len(fulls) == 1
    new = {k.replace("city", "village"): v.replace("city", "village") for k, v in city().items()}
    clock.write(data, new)  # a new case
    assert quick(data) == truth(data) == ("casefile: data OK: 3 case(s), 6 record(s), "
                                          "2 source(s), 2 bodies.")
    assert len(fulls) == 1


@pytest.mark.parametrize("rel, old, new", [
    (FOL, "finding: f-leadership", "finding: f-nowhere"),  # dangling
    (FOL, "finding: f-leadership", "finding: f-city"),  # another case's finding
    (INS, "id: f-leadership", "id: f-city"),  # an id another case holds
    (INS, "id: town-inspection", "id: city-inspection"),  # a record id another case holds
    (INS, "requirements:", "  - id: f-city\n    theme: leadership\n    text: Again.\n"
     "    cite: [report-2017]\nrequirements:"),  # only wrong beside the other case
    (FOL, "status: improving", "status: better"),  # invalid value
    (FOL, "title: Follow-up", "title: no"),  # YAML 1.1 scalar
    (INS, "requirements:", "requirements: [\n"),  # broken YAML
])
def test_every_problem_is_reported_as_the_full_check_reports_it(
        data: Path, fulls: list[Path], rel: str, old: str, new: str) -> None:
    clock, files = Clock(), {**MINI, **city()}
    clock.write(data, files)
    assert quick(data) == truth(data)
    clock.write(data, edit(rel, old, new, files))
    said = quick(data)
    assert said == truth(data) and "problem" in said
    assert len(fulls) == 2  # the quick attempt found something: the full check spoke
    clock.write(data, edit(rel, new, old, files))  # fixed again: the failure reset the
    assert quick(data) == truth(data) and "data OK" in quick(data)  # state: full, then
    assert len(fulls) == 3  # quick again


def test_shared_changes_and_removed_cases_get_a_full_check(data: Path,
                                                           fulls: list[Path]) -> None:
    clock, files = Clock(), {**MINI, **city()}
    clock.write(data, files)
    quick(data)
    clock.write(data, edit("sources/report-2017.yml", "title:", "title: Re", files))
    assert quick(data) == truth(data) and len(fulls) == 2
    for rel in city():
        (data / rel).unlink()
    assert quick(data) == truth(data) == ("casefile: data OK: 1 case(s), 2 record(s), "
                                          "2 source(s), 2 bodies.")
    assert len(fulls) == 3


def test_a_file_changed_in_the_last_two_seconds_is_always_rechecked(
        data: Path, fulls: list[Path]) -> None:
    clock, files = Clock(), {**MINI, **city()}
    clock.write(data, files)
    path = data / "cases/city/records/city-follow-up.yml"
    path.write_text(files["cases/city/records/city-follow-up.yml"], encoding="utf-8")
    groups = quickcheck.scan(data.resolve())
    assert groups is not None and groups["city"].signature == quickcheck.RACY
    assert "data OK" in quick(data)
    # the same size and the same modification time: only "racy" protection sees it
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("improving", "improvxng"),
                    encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert "improvxng" in quick(data) and quick(data) == truth(data)
