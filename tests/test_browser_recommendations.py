"""The fictional inquiry's recommendations (#18 item 6: `casefile import recommendations`)
in a real headless Chromium (Debian's): the case page with its 64-row findings table and a
recommendation's own page have no WCAG 2.2 AA violation (axe-core) at 390 px and 1280 px,
load nothing from elsewhere, never scroll sideways, and read with JavaScript off. Skipped
when chromium is absent."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from casefile.commands.cli import main
from tests.browser_support import browser_or_skip, pages_checked, script_off, served
from tests.conftest import PROJECTS, copy_project, mkdocs_build

INQUIRY = PROJECTS / "inquiry"
CASE = "cases/example-northmoor-water-inquiry/"
PAGES = {"case": CASE, "recommendation": CASE + "findings/northmoor-2025-final-report-4/"}

browser = pytest.fixture(scope="module")(browser_or_skip)


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The inquiry's project with its recommendations imported from the CSV, built."""
    project = copy_project(tmp_path_factory.mktemp("inquiry"), INQUIRY / "data")
    here = Path.cwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["import", "recommendations", str(INQUIRY / "recommendations.csv"),
                         "--record", "northmoor-2025-final-report"]) == 0
    finally:
        os.chdir(here)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


base = served("imported_site")
test_no_axe_violations_no_outside_requests_no_sideways_scroll = pages_checked(PAGES)


def test_labels_and_addressees_read_with_javascript_off(browser: Browser, base: str) -> None:
    with script_off(browser, base + PAGES["recommendation"]) as page:
        assert page.locator("h1 .cf-type").inner_text().casefold() == "recommendation 4"
        addressed = "dl.cf-finding-facts dt:text-is('Addressed to') + dd a"
        assert page.locator(addressed).all_inner_texts() == [
            "Northmoor Water Board (fictional)", "Example Water Quality Regulator (fictional)"]
        page.goto(base + PAGES["case"])
        labels = page.locator("table.cf-matrix tbody th .cf-type").all_inner_texts()
    assert len(labels) == 64
    assert [x.casefold() for x in labels[:2]] == ["recommendation 1", "recommendation 2"]
