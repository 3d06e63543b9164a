"""A finding's own page (#12 item 2) in a real headless Chromium (Debian's), on fictional
data (tests/test_finding_pages.py: a finding assessed three times, and a hostile one): no
WCAG 2.2 AA violation (axe-core) at phone and desktop widths, nothing loaded from
elsewhere, nothing scrolls sideways, no script of the data runs, and it reads with
JavaScript off. Skipped when chromium is absent."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser_support import browser_or_skip, pages_checked, script_off, served
from tests.test_finding_pages import LEADERSHIP_CHANGES, mini_data, mini_site  # noqa: F401

PAGES = {"assessed": "cases/town/findings/f-leadership/",
         "hostile": "cases/town/findings/f-hostile/"}

browser = pytest.fixture(scope="module")(browser_or_skip)
base = served("mini_site")
# no dialog: the hostile finding's alert() never runs
test_no_axe_violations_no_outside_requests_no_sideways_scroll = pages_checked(PAGES)


def test_the_history_reads_with_javascript_off(browser: Browser, base: str) -> None:
    with script_off(browser, base + PAGES["assessed"]) as page:
        assert page.locator("ul.cf-changes li").all_inner_texts() == LEADERSHIP_CHANGES
        assert page.locator("ol.cf-history > li.cf-entry--assessment").count() == 3
        assert page.locator("ol.cf-history > li").count() == 4  # and the report raising it
        assert page.locator("ol.cf-history > li").first.is_visible()
