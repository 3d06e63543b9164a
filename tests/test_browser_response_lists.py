"""The case page's response counts and a response status's list page (#18 items 4-5) in a
real headless Chromium (Debian's), on the fictional inquiry of tests/test_response_lists.py:
no WCAG 2.2 AA violation (axe-core) at 390 and 1280 px, nothing loaded from elsewhere,
nothing scrolls sideways, the hostile reply title never runs, and a count's link leads to
its list with JavaScript off. Skipped when chromium is absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.test_browser import NARROW as WIDTHS
from tests.test_browser import browser_or_skip, serve, visit
from tests.test_response_lists import CASE, project  # noqa: F401

PAGES = {"case": f"cases/{CASE}/", "accepted": f"cases/{CASE}/responses/accepted/",
         "not answered": f"cases/{CASE}/responses/not-answered-in-reply/"}

browser = pytest.fixture(scope="module")(browser_or_skip)


@pytest.fixture(scope="module")
def base(project: Path) -> Iterator[str]:  # noqa: F811
    with serve(project / "site") as url:
        yield url


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations_no_outside_requests_no_sideways_scroll(
        browser: Browser, base: str, width: str, name: str) -> None:
    seen = visit(browser, base, PAGES[name], WIDTHS[width])
    assert seen.status == 200
    assert seen.violations == []
    assert seen.outside == []
    assert seen.wider <= 0
    assert seen.dialogs == []


def test_a_count_leads_to_its_list_with_javascript_off(browser: Browser, base: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=WIDTHS["phone"])
    page = context.new_page()
    page.goto(base + PAGES["case"])
    page.get_by_role("link", name="Rejected 1", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/responses/rejected/#from-example-water-department-to-"
                             "northmoor-2025-final-report")
    items = page.locator("section.cf-response-list ol > li")
    assert items.count() == 1
    assert items.first.is_visible()
    assert items.first.locator("a").first.inner_text() == "Recommendation 42"
    context.close()
