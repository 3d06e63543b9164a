"""A finding page's "Cite this page" in Debian's Chromium (#12, round two, G2), on the small
fictional fixture of tests/test_finding_cite.py: the access date is the reader's where
JavaScript runs and the placeholder without, the line wraps on a phone, and the page has no
axe violations. Skipped without chromium."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from casefile.model.citation import ACCESSED
from tests.browser_support import browser_or_skip, served
from tests.test_browser import WCAG, WIDTHS
from tests.test_finding_cite import FINDING, unaddressed  # noqa: F401  (module-scoped build)

browser = pytest.fixture(scope="module")(browser_or_skip)
base = served("unaddressed")


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_the_finding_page_access_date_is_the_readers(browser: Browser, base: str,
                                                      js: bool) -> None:
    context = browser.new_context(viewport=WIDTHS["phone"], java_script_enabled=js)
    page = context.new_page()
    page.goto(f"{base}{FINDING}/", wait_until="networkidle" if js else "load")
    text = page.inner_text("pre.cf-citation")
    ends = page.inner_text("p.cf-ends")
    width = page.evaluate("document.querySelector('pre.cf-citation code').scrollWidth")
    box = page.locator("pre.cf-citation code").bounding_box()
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}}) if js \
        else None
    violations = [v["id"] for v in result.response["violations"]] if result else []
    context.close()
    today = dt.date.today()
    accessed = f"{today.day} {today:%B %Y}" if js else ACCESSED
    # the address the browser shows, written in by JavaScript (test_browser_cite_address)
    address = f"{base}{FINDING}/" if js else "address: the page's address on this site"
    assert text == (f"casefile, “Finding: Weak leadership.”, {address}, records as of "
                    f"1 March 2018, built 1 January 2027, accessed {accessed}.")
    assert ends.startswith("These records end on 1 March 2018. [2]")
    assert box is not None and width <= box["width"] + 1  # wrapped, never scrolled sideways
    assert violations == []
