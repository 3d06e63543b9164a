"""The ready-to-paste citation's address on a site built without its address (no SITE_URL),
#12 review item 5: the page marks the placeholder ("address: the page's address on this
site") with its own class, span.cf-address; casefile.js writes in the address the browser
shows, without any #fragment, as it writes the access date, and into the "Address" above
the citation (#29 review, item 4); without JavaScript both placeholders stay, honestly
saying the address is not known. A site built with its address
has no such placeholder. Built from the fictional MINI data set (tests/conftest.py), whose
case title quotes the placeholder's words; the browser tests skip without chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from casefile.model.citation import (
    ACCESSED,
    ADDRESS_CLASS,
    NO_ADDRESS,
    NO_ADDRESS_SHOWN,
    citation_parts,
)
from tests.browser_support import browser_or_skip, served
from tests.conftest import copy_project, mkdocs_build, write_mini
from tests.test_browser import WIDTHS

browser = pytest.fixture(scope="module")(browser_or_skip)
TITLE = f"Town services: {NO_ADDRESS}"  # a careless title quoting the placeholder's words
CASE = "cases/town/case.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cite-address")
    write_mini(root, {CASE: ("title: Town Council children's services", f'title: "{TITLE}"')})
    copy_project(root, data=False)
    result = mkdocs_build(root, SITE_URL="")
    assert result.returncode == 0, result.stderr
    return root / "site"


base = served("site")


def test_the_page_marks_only_the_citations_own_address_placeholder(site: Path) -> None:
    for path, said in (("cases/town/index.html", 2),  # the title's words are not marked
                       ("cases/town/findings/f-leadership/index.html", 1)):
        page = BeautifulSoup((site / path).read_text("utf-8"), "html.parser")
        [pre] = page.select("pre.cf-citation")
        assert [s.get_text() for s in pre.select(f"span.{ADDRESS_CLASS}")] == [NO_ADDRESS]
        assert pre.get_text().count(NO_ADDRESS) == said


def test_a_known_address_has_no_placeholder() -> None:
    parts = citation_parts("Site", "Title", "https://records.example.org/cases/x/",
                           "1 March 2018", "1 December 2026")
    assert [cls for _, cls in parts] == [None, None, None, "cf-accessed", None]
    assert "".join(text for text, _ in parts) == (
        "Site, “Title”, https://records.example.org/cases/x/, records as of 1 March 2018, "
        f"built 1 December 2026, accessed {ACCESSED}.")


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("path", ["cases/town/", "cases/town/findings/f-leadership/"])
def test_javascript_writes_in_the_address_the_browser_shows(
        browser: Browser, base: str, js: bool, path: str) -> None:
    context = browser.new_context(viewport=WIDTHS["phone"], java_script_enabled=js)
    page = context.new_page()
    page.goto(f"{base}{path}#cite-this-page", wait_until="networkidle" if js else "load")
    cited = page.inner_text("pre.cf-citation")
    shown = page.inner_text("dl.cf-cite-this dt:text-is('Address') + dd")
    context.close()
    title = TITLE if path == "cases/town/" else "Finding: Weak leadership."
    address = f"{base}{path}" if js else NO_ADDRESS
    assert cited.startswith(f"casefile, “{title}”, {address}, records as of ")
    assert cited.count(NO_ADDRESS) == (title.count(NO_ADDRESS) + (0 if js else 1))
    # the "Address" above the citation agrees with it (#29 review, item 4): the address
    # the browser shows where JavaScript runs, otherwise that it is not known
    assert shown == (f"{base}{path}" if js else NO_ADDRESS_SHOWN)
