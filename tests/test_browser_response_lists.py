"""The case page's response counts and a response status's list page (#18 items 4-5) in a
real headless Chromium (Debian's), on the fictional inquiry of tests/test_response_lists.py:
no WCAG 2.2 AA violation (axe-core) at 390 and 1280 px, nothing loaded from elsewhere,
nothing scrolls sideways, the hostile reply title never runs, and a count's link leads to
its list with JavaScript off. Skipped when chromium is absent."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser_support import browser_or_skip, pages_checked, script_off, served
from tests.test_response_lists import CASE, project  # noqa: F401

PAGES = {"case": f"cases/{CASE}/", "accepted": f"cases/{CASE}/responses/accepted/",
         "not answered": f"cases/{CASE}/responses/not-answered-in-reply/"}

browser = pytest.fixture(scope="module")(browser_or_skip)
base = served("project", "site")
test_no_axe_violations_no_outside_requests_no_sideways_scroll = pages_checked(PAGES)


def test_a_count_leads_to_its_list_with_javascript_off(browser: Browser, base: str) -> None:
    with script_off(browser, base + PAGES["case"]) as page:
        page.get_by_role("link", name="Rejected 1", exact=True).click()
        page.wait_for_load_state()
        assert page.url.endswith("/responses/rejected/#from-example-water-department-to-"
                                 "northmoor-2025-final-report")
        items = page.locator("section.cf-response-list ol > li")
        assert items.count() == 1
        assert items.first.is_visible()
        assert items.first.locator("a").first.inner_text() == "Recommendation 42"
