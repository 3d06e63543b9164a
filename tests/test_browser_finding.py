"""A finding's own page (#12 item 2) in a real headless Chromium (Debian's), on fictional
data (tests/test_finding_pages.py: a finding assessed three times, and a hostile one): no
WCAG 2.2 AA violation (axe-core) at phone and desktop widths, nothing loaded from
elsewhere, nothing scrolls sideways, no script of the data runs, and it reads with
JavaScript off. Skipped when chromium is absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.test_browser import NARROW as WIDTHS
from tests.test_browser import browser_or_skip, serve, visit
from tests.test_finding_pages import LEADERSHIP_CHANGES, mini_data, mini_site  # noqa: F401

PAGES = {"assessed": "cases/town/findings/f-leadership/",
         "hostile": "cases/town/findings/f-hostile/"}


browser = pytest.fixture(scope="module")(browser_or_skip)


@pytest.fixture(scope="module")
def base(mini_site: Path) -> Iterator[str]:  # noqa: F811
    with serve(mini_site) as url:
        yield url


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations_no_outside_requests_no_sideways_scroll(
        browser: Browser, base: str, name: str, width: str) -> None:
    seen = visit(browser, base, PAGES[name], WIDTHS[width])
    assert seen.status == 200
    assert seen.violations == []
    assert seen.outside == []
    assert seen.wider <= 0
    assert seen.dialogs == []  # the hostile finding's alert() never runs


def test_the_history_reads_with_javascript_off(browser: Browser, base: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=WIDTHS["phone"])
    page = context.new_page()
    page.goto(base + PAGES["assessed"])
    assert page.locator("ul.cf-changes li").all_inner_texts() == LEADERSHIP_CHANGES
    assert page.locator("ol.cf-history > li.cf-entry--assessment").count() == 3
    assert page.locator("ol.cf-history > li").count() == 4  # and the report raising it
    assert page.locator("ol.cf-history > li").first.is_visible()
    context.close()
