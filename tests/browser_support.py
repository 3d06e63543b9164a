"""What the browser test modules of one feature share (tests/test_browser_*.py): the
module's browser (skipped when chromium is absent), its built site served on 127.0.0.1,
the check every page of the feature passes at phone and desktop widths, and a page opened
with JavaScript off. The machinery (serve, visit, the browser) is tests/test_browser.py's.

A module uses them as::

    browser = pytest.fixture(scope="module")(browser_or_skip)
    base = served("project", "site")  # the fixture that builds the site, and its folder
    test_no_axe_violations_no_outside_requests_no_sideways_scroll = pages_checked(PAGES)
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.test_browser import NARROW as WIDTHS
from tests.test_browser import browser_or_skip, serve, visit

__all__ = ["WIDTHS", "browser_or_skip", "pages_checked", "script_off", "served"]


def served(site: str, folder: str = "") -> Any:
    """A module-scoped ``base`` fixture: the URL of the site that the fixture named ``site``
    builds (its ``folder``, e.g. "site" under a project), served while the module runs."""

    @pytest.fixture(scope="module")
    def base(request: pytest.FixtureRequest) -> Iterator[str]:
        with serve(Path(request.getfixturevalue(site)) / folder) as url:
            yield url

    return base


def pages_checked(pages: dict[str, str]) -> Callable[..., None]:
    """A test of every page in ``pages`` (name → path) at phone and desktop widths: it
    loads (200), axe-core finds no WCAG 2.2 AA violation, nothing is asked of another
    site, nothing scrolls sideways and no script of the data runs (no dialog opens)."""

    @pytest.mark.parametrize("width", list(WIDTHS))
    @pytest.mark.parametrize("name", list(pages))
    def test(browser: Browser, base: str, name: str, width: str) -> None:
        seen = visit(browser, base, pages[name], WIDTHS[width])
        assert seen.status == 200
        assert seen.violations == []
        assert seen.outside == []
        assert seen.wider <= 0
        assert seen.dialogs == []  # a hostile value's alert() never runs

    return test


@contextlib.contextmanager
def script_off(browser: Browser, url: str) -> Iterator[Page]:
    """``url`` opened at phone width with JavaScript off; the context closes afterwards."""
    context = browser.new_context(java_script_enabled=False, viewport=WIDTHS["phone"])
    try:
        page = context.new_page()
        page.goto(url)
        yield page
    finally:
        context.close()
