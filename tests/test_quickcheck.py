"""The incremental ``casefile check`` always says exactly what a full check says, and
relinks only the changed cases when that is safe."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile.errors import DataError
from casefile.model import calendars, dates
from casefile.model.dates import days_off_in_year
from casefile.pipeline import load_dataset
from casefile.reading import quickcheck
from casefile.reading import scan as scanning
from tests.conftest import MINI, examples, write_tree

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
    return quickcheck.summary_of(ds).line()


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

    def spy(data_dir: Path, jurisdiction: str | None = None, require: bool = False,
            scanned: quickcheck.Scanned | None = None) -> quickcheck.Summary:
        calls.append(data_dir)
        return real(data_dir, jurisdiction, require, scanned)

    monkeypatch.setattr(quickcheck, "full", spy)
    return calls


def edit(rel: str, old: str, new: str, base: dict[str, str]) -> dict[str, str]:
    assert old in base[rel], old
    base[rel] = base[rel].replace(old, new, 1)
    return {rel: base[rel]}


def test_a_clean_edit_relinks_only_its_case(data: Path, fulls: list[Path]) -> None:
    gc.unfreeze()  # an earlier in-process build may have frozen its data set (the plugin does)
    clock, files = Clock(), {**MINI, **city()}
    clock.write(data, files)
    assert quick(data) == truth(data) == (
        "casefile: data OK: 2 case(s), 4 record(s), 2 source(s), 2 bodies.\n"
        "2 of 2 sources have no stored copy: their 4 quotations are unverified.")
    assert len(fulls) == 1
    assert quick(data) == truth(data) and len(fulls) == 1  # nothing changed
    clock.write(data, edit(FOL, "Better.", "Much better.", files))
    assert quick(data) == truth(data) and len(fulls) == 1
    assert gc.get_freeze_count() == 0  # the kept linker, frozen while relinking, let go
    new = {k.replace("city", "village"): v.replace("city", "village") for k, v in city().items()}
    clock.write(data, new)  # a new case
    assert quick(data) == truth(data) == (  # the new case's quotes counted by the quick check
        "casefile: data OK: 3 case(s), 6 record(s), 2 source(s), 2 bodies.\n"
        "2 of 2 sources have no stored copy: their 6 quotations are unverified.")
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
    assert quick(data) == truth(data) == (
        "casefile: data OK: 1 case(s), 2 record(s), 2 source(s), 2 bodies.\n"
        "2 of 2 sources have no stored copy: their 2 quotations are unverified.")
    assert len(fulls) == 3


def test_a_file_changed_in_the_last_two_seconds_is_always_rechecked(
        data: Path, fulls: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    clock, files = Clock(), {**MINI, **city()}
    clock.write(data, files)
    path = data / "cases/city/records/city-follow-up.yml"
    path.write_text(files["cases/city/records/city-follow-up.yml"], encoding="utf-8")
    # every scan starts 1.9 s after that write (its change time), however long a busy
    # machine takes to come to it
    began = path.stat().st_ctime_ns + 1_900_000_000
    monkeypatch.setattr(scanning, "time", types.SimpleNamespace(time_ns=lambda: began))
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


# -- issue #14 item 4: the quick check never says clean when the full check would not ------

CFOL = "cases/city/records/city-follow-up.yml"
COPY, REPORT = "sources/copies/report-2017.txt", "sources/report-2017.yml"
COPY_TEXT = "Inspection of Town Council\n\nThe quote.\n\nWe are sorry.\n"
DIGEST = hashlib.sha256(COPY_TEXT.encode()).hexdigest()


def with_copy() -> dict[str, str]:
    """MINI and city, with a stored copy of report-2017 that holds their quotes."""
    files = {**MINI, **city(), COPY: COPY_TEXT}
    files[REPORT] += f"copy:\n  file: report-2017.txt\n  sha256: {DIGEST}\n"
    return files
EDITS: list[tuple[str, str, str]] = [  # (file, text, same-size replacement)
    (INS, "id: f-leadership", "id: f-leadershiq"),  # renames an id others name
    (CFOL, "finding: f-city", "finding: f-town"),  # dangling
    (FOL, "status: improving", "status: improvxng"),  # invalid value
    (INS, "requirements:", "requirements["),  # broken YAML
    (CFOL, "note: Better.", "note: Bette."),  # valid, a size change
    (INS, "quote: The quote.", "quote: The quotf."),  # not in the stored copy
    (COPY, "We are sorry.", "We are sorrx."),  # the copy changed: its hash is stale
    (REPORT, f"sha256: {DIGEST[:3]}", "sha256: xyz"),  # the hash no longer a hash
]


def put(path: Path, text: str) -> None:
    """Write as ``touch -r`` would leave it: the old modification time put back."""
    old = path.stat(follow_symlinks=False) if path.exists() else None
    path.write_text(text, encoding="utf-8")
    if old is not None:
        os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))


def apply(data: Path, files: dict[str, str], step: tuple[str, int]) -> None:
    what, n = step
    if what == "edit":
        rel, old, new = EDITS[n % len(EDITS)]
        if rel in files:
            now = files[rel]
            files[rel] = now.replace(old, new) if old in now else now.replace(new, old)
            put(data / rel, files[rel])
    elif what == "revert":
        rel = sorted(files)[n % len(files)]
        files[rel] = with_copy().get(rel, files[rel])
        put(data / rel, files[rel])
    elif what == "stray":
        (data / "cases/town/notes.txt").write_text(str(n), encoding="utf-8")
    elif what == "unreadable":  # a dangling symlink in place of a record
        rel = "cases/town/records/town-follow-up.yml"
        (data / rel).unlink(missing_ok=True)
        (data / rel).symlink_to(data / "nowhere.yml")
        files.pop(rel, None)
    elif what == "copy-unnamed":  # a stored copy no source names
        (data / "sources/copies/other.txt").write_text(str(n), encoding="utf-8")
    elif what == "copy-gone":
        (data / COPY).unlink(missing_ok=True)
        files.pop(COPY, None)
    elif what == "restore":
        (data / "sources/copies/other.txt").unlink(missing_ok=True)
        for rel, text in with_copy().items():
            if rel not in files:
                (data / rel).unlink(missing_ok=True)
                write_tree(data, {rel: text})
                files[rel] = text
    elif what == "remove-city":
        for rel in [r for r in files if r.startswith("cases/city/")]:
            (data / rel).unlink()
            files.pop(rel)


STEPS = st.tuples(st.sampled_from(["edit", "edit", "revert", "stray", "unreadable",
                                   "restore", "remove-city", "full", "copy-unnamed",
                                   "copy-gone"]),
                  st.integers(0, 20))


@settings(max_examples=examples(25), deadline=None,  # derandomized by the ci profile
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEPS, min_size=1, max_size=6))
def test_quick_and_full_checks_agree_over_random_edits(
        tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int]]) -> None:
    root = tmp_path_factory.mktemp("edits")
    data, files = root / "data", with_copy()
    write_tree(data, files)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEFILE_CACHE", str(root / "cache"))
        patch.setattr(scanning, "RACY_NS", 50_000_000)  # so signatures are trusted
        time.sleep(0.06)
        assert quick(data) == truth(data)
        for step in steps:
            if step[0] == "full":
                with contextlib.suppress(DataError):
                    quickcheck.full(data.resolve())
            else:
                apply(data, files, step)
            time.sleep(0.06)
            assert quick(data) == truth(data), step


@pytest.fixture
def trusted(data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Signatures trusted after 50 ms (not 2 s), so a test need not wait."""
    monkeypatch.setattr(scanning, "RACY_NS", 50_000_000)
    write_tree(data, {**MINI, **city()})
    time.sleep(0.06)
    assert "data OK" in quick(data)
    return data


def test_a_same_size_edit_with_its_time_put_back_is_seen(trusted: Path) -> None:
    put(trusted / FOL, MINI[FOL].replace("improving", "improvxng"))
    time.sleep(0.06)
    assert "improvxng" in quick(trusted) and quick(trusted) == truth(trusted)


def test_a_touched_file_is_compared_by_content_not_relinked(trusted: Path,
                                                           fulls: list[Path]) -> None:
    os.utime(trusted / FOL)
    time.sleep(0.06)
    state = quickcheck._load(trusted.resolve())
    assert state is not None
    groups = quickcheck.scan(trusted.resolve())
    assert groups is not None and quickcheck._changed(trusted.resolve(), state, groups) == []
    assert "data OK" in quick(trusted) and fulls == []


def test_a_renamed_id_another_case_could_name_gets_a_full_check(trusted: Path,
                                                                fulls: list[Path]) -> None:
    put(trusted / FOL, MINI[FOL].replace("note: Better.", "note: Good."))
    time.sleep(0.06)
    assert "data OK" in quick(trusted) and fulls == []  # ids unchanged: quick
    text = MINI[INS].replace("f-leadership", "f-leadershiq")
    put(trusted / INS, text)
    put(trusted / FOL, MINI[FOL].replace("f-leadership", "f-leadershiq"))
    time.sleep(0.06)
    assert "data OK" in quick(trusted) and len(fulls) == 1  # town no longer claims an id


def test_an_unreadable_file_or_folder_gets_a_full_check(
        trusted: Path, fulls: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    os.utime(trusted / FOL)  # chmod changes the change time too
    time.sleep(0.06)
    real = quickcheck.read_data_file

    def deny(path: str, *args: object) -> bytes | str:  # the quick check's reads only
        return "cannot read file: Permission denied" if path.endswith(
            "town-follow-up.yml") else real(path, *args)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(quickcheck, "read_data_file", deny)
        state = quickcheck._load(trusted.resolve())
        groups = quickcheck.scan(trusted.resolve())
        assert state is not None and groups is not None
        assert quickcheck._changed(trusted.resolve(), state, groups) is None
        assert "data OK" in quick(trusted) and len(fulls) == 1  # the full check decided
    monkeypatch.setattr(os, "scandir", lambda path: (_ for _ in ()).throw(
        PermissionError(13, "Permission denied")))
    assert quickcheck.scan(trusted.resolve()) is None


def test_a_failed_full_check_forgets_the_saved_state(trusted: Path) -> None:
    state = quickcheck.cache_file("state", trusted.resolve())
    assert state.exists()
    put(trusted / FOL, MINI[FOL].replace("improving", "improvxng"))
    with pytest.raises(DataError):
        quickcheck.full(trusted.resolve())
    assert not state.exists()


def test_the_quick_check_reads_again_only_the_copies_it_needs(data: Path,
                                                               fulls: list[Path]) -> None:
    clock, files = Clock(), with_copy()
    clock.write(data, files)
    assert quick(data) == truth(data) and len(fulls) == 1
    state = quickcheck._load(data.resolve())
    assert state is not None
    kept = quickcheck.kept.loads(state.shared).sources["report-2017"].copy
    assert not kept.read and (kept.parts, kept.text) == (None, "")  # saved without text
    city_ins = "cases/city/records/city-inspection.yml"
    clock.write(data, edit(city_ins, "summary:", "summary: Now", files))
    assert quick(data) == truth(data) and "data OK" in quick(data) and len(fulls) == 1
    clock.write(data, edit(city_ins, "quote: The quote.", "quote: The quotf.", files))
    assert "not found in the stored copy copies/report-2017.txt" in quick(data)
    assert quick(data) == truth(data)


FUTURE_NS = 4_102_444_800 * 10**9  # 1 January 2100: inside the racy window of any scan


@pytest.fixture
def settled(data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Checked once, with signatures trusted at once: with RACY_NS 0 only a time after a
    scan began is racy, so what was written before it never is, however busy the machine
    (no sleeping); a test makes an entry racy by giving it a time in the future."""
    monkeypatch.setattr(scanning, "RACY_NS", 0)
    write_tree(data, {**MINI, **city()})
    assert "data OK" in quick(data)
    return data


def test_a_folders_own_times_count_for_what_is_in_it(settled: Path, fulls: list[Path],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor's save by rename changes its folder's times: a case folder's are the
    case's, so the shared files (26,000 at 1000 cases) are not read again for it."""
    case = settled / "cases" / "town" / "case.yml"
    saved = case.with_name(".case.yml.swp")
    saved.write_bytes(case.read_bytes().replace(b"summary:", b"summary: Saved."))
    os.replace(saved, case)
    # the rename changed the folder's times; put them where every scan counts them as
    # racy (a time the test sets, not one it hopes a busy machine keeps within 50 ms);
    # the saved file's own times are before the scan began: only the folder's make town racy
    os.utime(case.parent, ns=(FUTURE_NS, FUTURE_NS))
    groups = quickcheck.scan(settled.resolve())
    assert groups is not None
    assert groups["town"].signature == quickcheck.RACY
    assert groups[quickcheck.SHARED].signature != quickcheck.RACY
    assert groups["city"].signature != quickcheck.RACY
    hashed: list[list[str]] = []
    real = quickcheck.contents

    def spy(data_dir: Path, group: quickcheck.Group, known: dict[str, str] | None = None
            ) -> str | None:
        hashed.append(group.files)
        return real(data_dir, group, known)

    monkeypatch.setattr(quickcheck, "contents", spy)
    assert quick(settled) == truth(settled) and "data OK" in quick(settled) and fulls == []
    assert hashed and all(f.startswith("cases/town/") for files in hashed for f in files)


def test_the_days_off_worked_out_are_kept_for_the_next_check(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A one-case edit counts working days from the days off the last check kept, without
    importing the holidays package (its import loads every country's calendar)."""
    clock, files = Clock(), {**MINI, **city()}
    clock.write(data, files)
    run = ("import sys\nfrom pathlib import Path\nfrom casefile.reading import quickcheck\n"
           f"print(quickcheck.check(Path({str(data)!r}), 'GB-SCT').line())\n"
           "print(sorted(m for m in sys.modules if m.split('.')[0] == 'holidays')[:1])\n")

    def check() -> list[str]:
        result = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True,
                                check=True)
        return result.stdout.splitlines()

    said = quickcheck.summary_of(load_dataset(data, use_cache=False, jurisdiction="GB-SCT")
                                 ).line().splitlines()
    assert check() == [*said, "['holidays']"]  # the full check
    state = quickcheck._load(data.resolve())
    assert state is not None and state.holidays == calendars.holidays_version()
    assert state.days_off[("GB-SCT", 2017)] == days_off_in_year("GB-SCT", 2017)
    clock.write(data, edit(FOL, "Better.", "Much better.", files))
    assert check() == [*said, "[]"]  # the quick check: the days off it was left
    state = quickcheck._load(data.resolve())
    assert state is not None and ("GB-SCT", 2017) in state.days_off
    # with another version of the holidays package, the calendar is asked again
    monkeypatch.setattr(dates, "_DAYS_OFF", {})
    dates.add_working_days.cache_clear()  # as in a new process
    monkeypatch.setattr(calendars, "holidays_version", lambda: "0.1")
    asked: list[str] = []
    real = dates.holiday_calendar
    monkeypatch.setattr(dates, "holiday_calendar", lambda code: asked.append(code) or real(code))
    clock.write(data, edit(FOL, "Much better.", "Better.", files))
    assert quickcheck.check(data, "GB-SCT").line().splitlines() == said
    assert "GB-SCT" in asked
    state = quickcheck._load(data.resolve())
    assert state is not None and state.holidays == "0.1"
