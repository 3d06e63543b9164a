"""Shared fixtures: a small valid data set written to disk, and helpers to break it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis profiles: "ci" (the default) is derandomized, with no example database, so a
# property test is never green or red by luck and mutation testing sees the same examples
# every run; "fuzz" (make fuzz) draws new random examples, FUZZ_FACTOR times as many.
# Choose one with HYPOTHESIS_PROFILE=fuzz or pytest --hypothesis-profile=fuzz.
FUZZ_FACTOR = 20
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("fuzz", derandomize=False, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(n: int) -> int:
    """``n`` examples under the ci profile, FUZZ_FACTOR times as many under fuzz (read
    when a test module is imported, after the pytest plugin has applied the profile)."""
    return n * FUZZ_FACTOR if settings.get_current_profile_name() == "fuzz" else n

REPO = Path(__file__).resolve().parent.parent
# Fixture projects: site-level tests build these, never the live data/ folder, which may
# hold any cases. powys/data is a verbatim copy of the first real case; second-case/data
# holds only the files of a clearly fictional case to add to a copy of any data set.
PROJECTS = REPO / "tests" / "projects"
POWYS_DATA = PROJECTS / "powys" / "data"
SECOND_CASE = PROJECTS / "second-case" / "data"
SECOND_HAND_DATA = PROJECTS / "second-hand" / "data"  # claims first- and second-hand
BIN = Path(sys.executable).parent
# The parse cache lives outside the repository; the tests get one of their own.
CACHE = Path(tempfile.mkdtemp(prefix="casefile-test-cache-"))
os.environ["CASEFILE_CACHE"] = str(CACHE)
# No test asks the real Internet Archive: `casefile links --external` asks this address
# (the discard port, with no listener) unless a test points it at its own stub server.
os.environ["CASEFILE_ARCHIVE_API"] = "http://127.0.0.1:9/wayback/available"

MINI = {
    "themes.yml": """\
themes:
  - id: leadership
    name: Leadership
  - id: safeguarding
    name: Safeguarding
""",
    "bodies/town-council.yml": """\
id: town-council
kind: local_authority
names:
  - name: Town Council
""",
    "bodies/inspectorate.yml": """\
id: inspectorate
kind: regulator
names:
  - name: Old Inspectorate
    short: OI
    until: 2017-12
  - name: New Inspectorate
    from: 2018-01
""",
    "sources/report-2017.yml": """\
id: report-2017
title: Inspection of Town Council
publisher: inspectorate
kind: inspection_report
published: 2017-10-02
url: https://example.org/report
accessed: 2020-01-01
language: en
""",
    "sources/council-news.yml": """\
id: council-news
title: Council news
publisher: town-council
kind: council_press_release
published: 2018-03
language: en
""",
    "people/pat-leader.yml": """\
id: pat-leader
name: Pat Leader
roles:
  - title: Leader
    body: town-council
""",
    "cases/town/case.yml": """\
id: town
title: Town Council children's services
subject: town-council
service: Children's services
regulators: [inspectorate]
legal_basis: An Act
status: open
reviewed: 2020-01-01
summary: A short summary.
themes: [leadership, safeguarding]
money:
  - amount: 4000000
    currency: GBP
    for: Set aside.
    cite: [report-2017]
cite: [report-2017]
""",
    "cases/town/records/town-inspection.yml": """\
id: town-inspection
type: inspection
title: Inspection
date: 2017-07
published: 2017-10-02
body: inspectorate
summary: Inspectors visited.
cite:
  - source: report-2017
    quote: The quote.
findings:
  - id: f-leadership
    theme: leadership
    text: Weak leadership.
    cite: [report-2017]
requirements:
  - id: req-plan
    text: Produce a plan.
    due:
      within: 20
      unit: working_days
      from: publication
    cite: [report-2017]
statements:
  - person: pat-leader
    date: 2017-10
    quote: We are sorry.
    cite: [report-2017]
""",
    "cases/town/records/town-follow-up.yml": """\
id: town-follow-up
type: follow_up_inspection
title: Follow-up
date: 2018-03-01
body: town-council
summary: The council reported progress.
cite: [council-news]
assessments:
  - finding: f-leadership
    status: improving
    asserted_by: town-council
    note: Better.
    cite: [council-news]
""",
}


def plain_id(value: object) -> str:
    """A parameter's test id for ``ids=``: its first 40 characters, in printable ASCII
    without backslashes. pytest escapes any other character of an id a callable returns
    once more each time it collects in the same process, and mutmut's fork server collects
    before running a mutant's tests: an id with a line break is then "not found", pytest
    exits 4 and mutmut counts the mutant as a timeout, i.e. caught, whatever it changed."""
    return re.sub(r"[^ -\[\]-~]", "?", str(value)[:40])


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def write_mini(root: Path, changes: dict[str, str | tuple[str, str]]) -> Path:
    """MINI with ``changes`` (a file's new text, or an (old, new) replacement that must
    apply) written to root/data; returns the data folder."""
    files = dict(MINI)
    for rel, change in changes.items():
        if isinstance(change, tuple):
            assert change[0] in files[rel]
            files[rel] = files[rel].replace(*change)
        else:
            files[rel] = change
    write_tree(root / "data", files)
    return root / "data"


def _mutmut_durations() -> dict[str, float]:
    """Each test's time from mutmut's first pass (mutmut runs the tests in its mutants/
    folder, next to mutmut-stats.json); empty elsewhere. Read once, in the fork server."""
    stats = Path("mutmut-stats.json")
    if not (stats.is_file() and Path.cwd().name == "mutants"):
        return {}
    return dict(json.loads(stats.read_text(encoding="utf-8")).get("duration_by_test", {}))


MUTMUT_DURATIONS = _mutmut_durations()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under mutmut, a mutant's tests run fastest first, so the first to fail (-x) comes
    soon: mutmut's fork server hands them over in no particular order, and one mutant of
    a module every test reaches (validate) could otherwise build sites for minutes first."""
    if MUTMUT_DURATIONS and "__mutmut_" in os.environ.get("MUTANT_UNDER_TEST", ""):
        items.sort(key=lambda item: MUTMUT_DURATIONS.get(item.nodeid, float("inf")))


@pytest.fixture(scope="session", autouse=True)
def _a_parse_cache_per_mutant() -> Iterator[None]:
    """Under mutmut, each mutant's tests get a parse cache of their own. The fork server
    imports this file once, so CACHE is shared by every mutant's tests: records validated
    under one mutant of casefile/reading/validate.py would be read under the next, and a
    fixed data folder (the Powys fixture) would never be validated under a mutant at all."""
    if "__mutmut_" not in os.environ.get("MUTANT_UNDER_TEST", ""):
        yield
        return
    own = tempfile.mkdtemp(prefix="casefile-mutant-cache-")
    os.environ["CASEFILE_CACHE"] = own
    try:
        yield
    finally:
        os.environ["CASEFILE_CACHE"] = str(CACHE)
        shutil.rmtree(own, ignore_errors=True)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A valid data folder at tmp_path/data; returns the data folder."""
    write_tree(tmp_path / "data", MINI)
    return tmp_path / "data"


def copy_project(root: Path, data: bool | Path = True) -> Path:
    """Copy this repository's site project to ``root``: mkdocs.yml, content, macros,
    overrides and a data folder: the Powys fixture (``data=True``), the folder given
    (e.g. ``REPO / "data"``, the live data) or none (``data=False``). Returns ``root``."""
    for name in ("content", "macros", "overrides"):
        shutil.copytree(REPO / name, root / name)
    if data is not False:
        shutil.copytree(POWYS_DATA if data is True else data, root / "data")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def add_second_case(data_dir: Path) -> Path:
    """Add the fictional second case (tests/projects/second-case) to the data set at
    ``data_dir``: its files are copied, its themes appended to themes.yml (unless there
    already, as when the case has been added to data/ to try the tests)."""
    for path in SECOND_CASE.rglob("*"):  # data files and stored copies
        rel = path.relative_to(SECOND_CASE)
        if path.is_file() and rel.as_posix() != "themes.yml":
            (data_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, data_dir / rel)
    themes = (SECOND_CASE / "themes.yml").read_text(encoding="utf-8").split("themes:\n", 1)[1]
    target = data_dir / "themes.yml"
    text = target.read_text(encoding="utf-8")
    if themes not in text:
        target.write_text(text.rstrip().removesuffix(" []") + "\n" + themes, encoding="utf-8")
    return data_dir


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of this repository's site project with the Powys fixture data."""
    return copy_project(tmp_path)


def mkdocs_build(project_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict"], cwd=project_dir, capture_output=True,
        text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
                        "CASEFILE_CACHE": str(CACHE), **env},
        timeout=300)


def tree_digest(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def init_site(root: Path, name: str = "Example Accountability Site") -> Path:
    """A new, empty site made by ``casefile init`` in ``root`` (absent or empty)."""
    result = subprocess.run([str(BIN / "casefile"), "init", str(root), "--name", name],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return root


def build_init_site(root: Path, name: str = "Example Accountability Site") -> Path:
    """``init_site`` then ``mkdocs build --strict``; returns the built site folder."""
    result = mkdocs_build(init_site(root, name))
    assert result.returncode == 0, result.stderr
    return root / "site"


def refuse_to_open(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    """Make ``paths`` unreadable to casefile's reader, as chmod 000 would for a user other
    than root (the tests run as root, who can read anything)."""
    import errno

    from casefile.reading import load

    real, refused = load.os.open, {os.path.realpath(p) for p in paths}

    def fake(path: str, *args: object, **kwargs: object) -> int:
        folder = kwargs.get("dir_fd")  # opened relative to an open folder: its full path
        full = os.path.join(os.readlink(f"/proc/self/fd/{folder}"), path) \
            if isinstance(folder, int) else os.path.realpath(path)
        if full in refused:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(load.os, "open", fake)


def minimal_pdf(pages: list[str]) -> bytes:
    """A small valid PDF, one page per string (its lines split on newlines), in the
    standard Helvetica font, written by hand: tests need no PDF library to make one."""
    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, text in enumerate(pages):
        ops = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(
            f"({escape(line)}) Tj T*" for line in text.split("\n")) + " ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                       f"<< /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(f"<< /Length {len(ops)} >>\nstream\n{ops}\nendstream".encode("latin-1"))
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    return out + (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
                  "%%EOF\n").encode()
