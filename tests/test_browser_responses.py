"""A finding's page with its responses (#18) in a real headless Chromium (Debian's), on the
fictional coroner's report of tests/test_responses_pages.py: no WCAG 2.2 AA violation
(axe-core) at phone and desktop widths, nothing loaded from elsewhere, nothing scrolls
sideways, the hostile note never runs, and the responses read with JavaScript off.
Skipped when chromium is absent."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser_support import browser_or_skip, pages_checked, script_off, served
from tests.test_responses_pages import site  # noqa: F401

PAGE = "cases/town/findings/c-handover/"

browser = pytest.fixture(scope="module")(browser_or_skip)
base = served("site")
test_no_axe_violations_no_outside_requests_no_sideways_scroll = pages_checked({"finding": PAGE})


def test_the_responses_read_with_javascript_off(browser: Browser, base: str) -> None:
    with script_off(browser, base + PAGE) as page:
        items = page.locator("ul.cf-responses > li")
        assert items.count() == 2
        assert items.nth(1).inner_text() == (  # not "pending": its reply exists (#18 review)
            "Not answered in the reply Town Health Trust, 20 February 2018")
        assert items.first.is_visible()
        history = page.locator("ol.cf-both > li")  # the history of both axes (#18 item 4)
        assert history.count() == 4
        assert history.nth(2).inner_text().startswith(
            "20 February 2018 Reply r-2\nRESPONSE Not answered in the reply Town Health Trust\n\n"
            "Its reply to this report, “Reply r-2” (20 February 2018), gives no response to this "
            "finding. [3]")
