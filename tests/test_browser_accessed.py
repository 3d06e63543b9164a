"""The ready-to-paste citation's access date (#12, G1), in Debian's Chromium: casefile.js
fills in the placeholder the page marks in the citation (span.cf-accessed), and nothing
else, even where the case's own title quotes the placeholder's words; without JavaScript
the citation reads complete, placeholder and all. Built from the fictional MINI data set
(tests/conftest.py) with such a title. Skipped without chromium."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from casefile.model.citation import ACCESSED
from tests.browser_support import browser_or_skip, served
from tests.conftest import copy_project, mkdocs_build, write_mini
from tests.test_browser import WIDTHS

browser = pytest.fixture(scope="module")(browser_or_skip)
TITLE = f"Town services, as read on {ACCESSED}"  # a hostile or careless title
CASE = "cases/town/case.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("accessed")
    write_mini(root, {CASE: ("title: Town Council children's services",
                             f"title: '{TITLE}'")})
    copy_project(root, data=False)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


base = served("site")


def test_the_page_marks_only_the_citations_own_placeholder(site: Path) -> None:
    page = BeautifulSoup((site / "cases" / "town" / "index.html").read_text("utf-8"),
                         "html.parser")
    [pre] = page.select("pre.cf-citation")
    assert [s.get_text() for s in pre.select("span.cf-accessed")] == [ACCESSED]
    # built without SITE_URL: no address, and no path that looks like one (#12 review)
    assert pre.get_text().startswith(f"casefile, “{TITLE}”, address: the page's address on "
                                     "this site, ")
    assert pre.get_text().endswith(f", accessed {ACCESSED}.")


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_javascript_fills_the_access_date_and_nothing_else(browser: Browser, base: str,
                                                           js: bool) -> None:
    context = browser.new_context(viewport=WIDTHS["desktop"], java_script_enabled=js)
    page = context.new_page()
    page.goto(f"{base}cases/town/", wait_until="networkidle" if js else "load")
    cited = page.inner_text("pre.cf-citation")
    heading = page.inner_text("h1")
    facts = page.inner_text("dl.cf-cite-this")
    context.close()
    today = dt.date.today()
    accessed = f"{today.day} {today:%B %Y}" if js else ACCESSED
    # the address the browser shows, written in by JavaScript (test_browser_cite_address)
    address = f"{base}cases/town/" if js else "address: the page's address on this site"
    assert cited.startswith(f"casefile, “{TITLE}”, {address}, records as of ")
    assert cited.endswith(f", accessed {accessed}.")
    assert cited.count(ACCESSED) == (1 if js else 2)  # the title's words stay as written
    assert heading == TITLE and TITLE in facts
