"""The list pages that filter without JavaScript (#18 item 5) in a real headless Chromium
(Debian's), on the fictional inquiry of tests/test_list_pages.py: no WCAG 2.2 AA violation
(axe-core) at 390 and 1280 px, nothing loaded from elsewhere, nothing scrolls sideways,
and with JavaScript off a filter link on the index leads to its list. Skipped when
chromium is absent."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser_support import browser_or_skip, pages_checked, script_off, served
from tests.test_list_pages import BOARD, CASE, DEPT, DEPT_NAME, project  # noqa: F401

PAGES = {"index": f"cases/{CASE}/lists/", "body": f"cases/{CASE}/lists/body/{BOARD}/",
         "combination": f"cases/{CASE}/lists/response-progress/accepted--{DEPT}--improving/"}

browser = pytest.fixture(scope="module")(browser_or_skip)
base = served("project", "site")
test_no_axe_violations_no_outside_requests_no_sideways_scroll = pages_checked(PAGES)


def test_a_filter_link_leads_to_its_list_with_javascript_off(browser: Browser, base: str
                                                             ) -> None:
    with script_off(browser, base + f"cases/{CASE}/") as page:
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
