"""A finding's page with its responses (#18) in a real headless Chromium (Debian's), on the
fictional coroner's report of tests/test_responses_pages.py: no WCAG 2.2 AA violation
(axe-core) at phone and desktop widths, nothing loaded from elsewhere, nothing scrolls
sideways, the hostile note never runs, and the responses read with JavaScript off.
Skipped when chromium is absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.test_browser import NARROW as WIDTHS
from tests.test_browser import browser_or_skip, serve, visit
from tests.test_responses_pages import site  # noqa: F401

PAGE = "cases/town/findings/c-handover/"

browser = pytest.fixture(scope="module")(browser_or_skip)


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:  # noqa: F811
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("width", list(WIDTHS))
def test_no_axe_violations_no_outside_requests_no_sideways_scroll(
        browser: Browser, base: str, width: str) -> None:
    seen = visit(browser, base, PAGE, WIDTHS[width])
    assert seen.status == 200
    assert seen.violations == []
    assert seen.outside == []
    assert seen.wider <= 0
    assert seen.dialogs == []


def test_the_responses_read_with_javascript_off(browser: Browser, base: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=WIDTHS["phone"])
    page = context.new_page()
    page.goto(base + PAGE)
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
    context.close()
