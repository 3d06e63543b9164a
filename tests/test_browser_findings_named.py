"""The findings tables that name their kind, in Debian's headless Chromium: at 390 px each
card of a table of recommendations shows "Recommendation" above its first cell, a mixed
table's "Finding or recommendation" (a table of findings keeps "Finding"); the case page
and the home page, with the next steps and "What happened" link, have no axe-core WCAG 2.2
AA violation and do not scroll sideways at 390 and 1280 px. Skipped when chromium is absent.
The site is tests/test_findings_named.py's (the fictional inquiry fixture)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser_support import browser_or_skip, pages_checked, served
from tests.test_findings_named import CASE, REPORT, UPDATE, site  # noqa: F401  (module build)

PHONE = {"width": 390, "height": 844}
FIRST_LABELS = """sel => [...document.querySelectorAll(sel + ' tbody > tr')].map(
  r => getComputedStyle(r.cells[0], '::before').content)"""

browser = pytest.fixture(scope="module")(browser_or_skip)
base = served("site")


def test_a_phone_card_names_its_rows_kind(browser: Browser, base: str) -> None:
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(f"{base}cases/{CASE}/", wait_until="networkidle")
    report = page.evaluate(FIRST_LABELS, f"#findings-of-{REPORT}")
    mixed = page.evaluate(FIRST_LABELS, f"#findings-of-{UPDATE}")
    context.close()
    # the words, and "" as their alternative text (the thead says them to screen readers)
    assert report == ['"Recommendation" / ""'] * 64
    assert mixed == ['"Finding or recommendation" / ""'] * 2


test_no_axe_violations_and_no_sideways_scroll = pages_checked({"case": f"cases/{CASE}/",
                                                               "home": ""})
