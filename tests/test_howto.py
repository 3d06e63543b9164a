"""The How to edit page, tried as a new editor would: the worked example builds, and each
listed mistake produces exactly its documented message from `casefile check` and the build."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile import examples
from tests.conftest import copy_project, mkdocs_build
from tests.test_cli import run


@pytest.fixture(scope="module")
def documented(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Mistake title → the message text shown on the built How to edit page."""
    root = tmp_path_factory.mktemp("howto")
    copy_project(root)
    assert mkdocs_build(root).returncode == 0
    soup = BeautifulSoup((root / "site" / "how-to-edit" / "index.html").read_text("utf-8"),
                         "html.parser")
    items = soup.select("dl.cf-mistakes > dt")
    return {dt.get_text().split(":")[0]: dt.find_next_sibling("dd").get_text() for dt in items}


def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def test_worked_example_builds_and_adds_a_column(tmp_path: Path) -> None:
    root = project(tmp_path)
    examples.install(root)
    assert run(["check"], root).returncode == 0
    assert mkdocs_build(root).returncode == 0
    html = (root / "site" / "cases" / examples.CASE / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("#ev-example-2019-monitoring-visit") is not None
    table = soup.select("table.cf-matrix")[0]
    heads = [th.get_text(" ", strip=True) for th in table.thead("th")]
    assert heads[-1] == ("Monitoring visit 12 March 2019 "
                         "Regulator's judgement: Care Inspectorate Wales")
    column = [tr("td")[-1].get_text(" ", strip=True) for tr in table.tbody("tr")]
    assessed = [c for c in column if not c.startswith("Not assessed")]
    assert len(assessed) == 3


def test_every_mistake_is_documented(documented: dict[str, str]) -> None:
    assert list(documented) == [m.title for m in examples.MISTAKES]


@pytest.mark.parametrize("mistake", examples.MISTAKES, ids=lambda m: m.title)
def test_each_mistake_gives_its_documented_message(tmp_path: Path, documented: dict[str, str],
                                                   mistake: examples.Mistake) -> None:
    root = project(tmp_path)
    examples.install(root, mistake)
    expected = documented[mistake.title].splitlines()
    assert expected and all(line.startswith("data/") for line in expected)
    check = run(["check"], root)
    assert check.returncode == 1
    assert check.stderr.splitlines()[:-1] == expected
    build = mkdocs_build(root)
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert [line for line in build.stderr.splitlines() if line.startswith("data/")] == expected
