"""The list pages that filter without JavaScript (#18 item 5) in a real headless Chromium
(Debian's), on the fictional inquiry of tests/test_list_pages.py: no WCAG 2.2 AA violation
(axe-core) at 390 and 1280 px, nothing loaded from elsewhere, nothing scrolls sideways,
and with JavaScript off a filter link on the index leads to its list. Skipped when
chromium is absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.test_browser import NARROW as WIDTHS
from tests.test_browser import browser_or_skip, serve, visit
from tests.test_list_pages import BOARD, CASE, DEPT, DEPT_NAME, project  # noqa: F401

PAGES = {"index": f"cases/{CASE}/lists/", "body": f"cases/{CASE}/lists/body/{BOARD}/",
         "combination": f"cases/{CASE}/lists/response-progress/accepted--{DEPT}--improving/"}

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


def test_a_filter_link_leads_to_its_list_with_javascript_off(browser: Browser, base: str
                                                             ) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=WIDTHS["phone"])
    page = context.new_page()
    page.goto(base + f"cases/{CASE}/")
    page.locator("p.cf-list-link a").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/cases/{CASE}/lists/")
    page.get_by_role("link", name=f"Rejected from {DEPT_NAME}, Concern remains: 1",
                     exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/lists/response-progress/rejected--{DEPT}--concern/")
    assert page.locator("h1").inner_text() == (
        f"Recommendations with the response status Rejected from {DEPT_NAME} and the "
        "progress status Concern remains")
    items = page.locator("section.cf-response-list ol > li")
    assert items.count() == 1
    assert items.first.is_visible()
    assert items.first.locator("a").first.inner_text() == "Recommendation 42"
    assert items.first.locator("p.cf-list-progress").inner_text().startswith(
        "Progress: Concern remains (15 June 2025, ")
    context.close()
