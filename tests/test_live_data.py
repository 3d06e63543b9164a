"""The live data/ folder, checked only for what holds for ANY valid data set: the check
is clean (so every quotation of a source with a stored copy is in that copy: casefile's own
check, casefile.model.quotes), every citation resolves, and the whole site builds with
every case on it. Nothing here assumes which cases, bodies or sources exist; the same
checks run on a copy of data/ with a fictional second case added, and must pass there
too. (Tests about the Powys case itself use the fixture copy in tests/projects/powys.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.pipeline import load_dataset
from casefile.reading.quickcheck import summary_of
from tests.conftest import REPO, add_second_case, copy_project, mkdocs_build
from tests.test_cli import run

LIVE = REPO / "data"
SEEDS = REPO / "tests" / "seeds"
# The seed documents the first case was built from, by the id of the source each is the
# stored copy of (data/sources/copies/<source-id>.txt holds the same bytes).
SEED_OF = {
    "star-further-warning": "000_7ee426d559da7f46.txt",
    "news-serious-concerns-remain": "001_ca2cbad75c2c214d.txt",
    "powys-press-release-2018-03-13": "002_c9f0e9f05ce56dc3.txt",
    "wg-statement-2019-01-09": "003_78705bdef9e583c7.txt",
    "star-damning-report": "004_1ab828acba130f78.txt",
}


def every_citation(ds: m.Dataset) -> list[tuple[str, m.Citation]]:
    """(where, citation) for every citation in the data set."""
    found: list[tuple[str, m.Citation]] = []
    for body in ds.bodies.values():
        found += [(f"body {body.id}", c) for n in body.names for c in n.cites]
    for person in ds.people.values():
        found += [(f"person {person.id}", c) for r in person.roles for c in r.cites]
    for case in ds.cases.values():
        found += [(f"case {case.id}", c) for c in case.cites]
        found += [(f"money {x.display}", c) for x in case.money for c in x.cites]
        for r in case.records:
            found += [(r.id, c) for c in r.cites]
            found += [(f.id, c) for f in r.findings for c in f.cites]
            found += [(f"{r.id} on {a.finding.id}", c) for a in r.assessments for c in a.cites]
            for q in r.requirements:
                found += [(q.id, c) for c in q.cites + (q.reported.cites if q.reported else [])]
            found += [(f"{r.id} statement", c) for s in r.statements for c in s.cites]
    return found


def invariant_failures(ds: m.Dataset) -> list[str]:
    """What breaks the invariants of any valid (loaded, so checked) data set, one line each
    (none: all hold): every citation names a source of the data set, and every quotation
    of a source with a stored copy was found in it."""
    cites = every_citation(ds)
    failures = [f"{where}: cites {c.source.id}, which is not a source of the data set"
                for where, c in cites if ds.sources.get(c.source.id) is not c.source]
    quoted = [(where, c) for where, c in cites if c.quote or where.endswith(" statement")]
    failures += [f"{where}: quotation of {c.source.id} not checked against its stored copy"
                 for where, c in quoted if c.source.copy is not None and not c.checked]
    return failures


def check_and_build(root: Path) -> tuple[str, Path]:
    """`casefile check` and a strict build of the project at ``root``; returns the check's
    message and the built site."""
    check = run(["check"], root)
    assert check.returncode == 0, check.stderr
    built = mkdocs_build(root)
    assert built.returncode == 0, built.stderr
    return check.stdout, root / "site"


def assert_site_shows_every_case(ds: m.Dataset, site: Path) -> None:
    home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    listed = [th.get_text(strip=True) for th in home.select("table.cf-case-list tbody th")]
    assert listed == [case.title for case in ds.cases.values()]
    for case in ds.cases.values():
        page = BeautifulSoup((site / "cases" / case.id / "index.html").read_text("utf-8"),
                             "html.parser")
        assert page.select_one("h1#case-title").get_text() == case.title
    links = run(["links", str(site)], REPO)
    assert links.returncode == 0, links.stdout + links.stderr


def test_live_data_holds_the_invariants(tmp_path: Path) -> None:
    ds = load_dataset(LIVE)
    assert invariant_failures(ds) == []
    message, site = check_and_build(copy_project(tmp_path, data=LIVE))
    assert message.startswith(f"casefile: data OK: {len(ds.cases)} case(s), "
                              f"{sum(len(c.records) for c in ds.cases.values())} record(s), "
                              f"{len(ds.sources)} source(s), {len(ds.bodies)} bodies.\n")
    assert message == summary_of(ds).line() + "\n"  # with any unverified count
    assert_site_shows_every_case(ds, site)


@pytest.fixture(scope="module")
def with_second_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the live project with the fictional second case added to its data."""
    root = copy_project(tmp_path_factory.mktemp("live-plus-one"), data=LIVE)
    add_second_case(root / "data")
    return root


def test_the_invariants_hold_with_a_second_case_added(with_second_case: Path) -> None:
    live = load_dataset(LIVE)
    ds = load_dataset(with_second_case / "data")
    assert set(ds.cases) == set(live.cases) | {"fictional-borough-childrens-services"}
    report = ds.sources["fictional-inspection-report"]
    assert report.copy is not None and report.copy.read  # so its quotes are checked
    assert invariant_failures(ds) == []
    _, site = check_and_build(with_second_case)
    assert_site_shows_every_case(ds, site)


def test_the_check_catches_a_misquotation(with_second_case: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(with_second_case / "data", data)
    case = data / "cases" / "fictional-borough-childrens-services"
    record = case / "records" / "fictional-2023-inspection.yml"
    record.write_text(record.read_text("utf-8").replace(
        "This sentence is invented", "This sentence is misquoted"), encoding="utf-8")
    (data / "sources" / "fictional-unused.yml").write_text(
        (data / "sources" / "fictional-council-update.yml").read_text("utf-8").replace(
            "id: fictional-council-update", "id: fictional-unused"), encoding="utf-8")
    # a source nothing cites yet is valid (an editor may add it first): not a problem
    with pytest.raises(DataError) as caught:
        load_dataset(data, use_cache=False)
    assert [(p.file.rsplit("/", 1)[-1], p.message.split(";")[0]) for p in
            caught.value.problems] == [
        ("fictional-2023-inspection.yml", "not found in the stored copy "
         "copies/fictional-inspection-report.txt of 'fictional-inspection-report'")]
