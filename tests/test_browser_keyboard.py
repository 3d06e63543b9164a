"""Screen readers and keyboards on the case page, in a real headless Chromium (Debian's),
at 390 and 1280 px (#12, part D): no link is named only by a bracketed number, "Skip to
content" lands on the title, a closed drawer takes no tab stops, and a focused element is
never hidden under the sticky header, tabbing forwards or backwards. The site is the
fixture build of tests/test_screen_readers.py (the Powys fixture). Skipped when chromium
is absent."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.browser_support import WIDTHS, browser_or_skip, served
from tests.test_screen_readers import site  # noqa: F401  (module-scoped build)

CASE = "cases/powys-childrens-services/"
STOPS = 40
# Where the focused element is, against the sticky header and the viewport.
# Material's scheme toggle is a radio button of no size whose focus ring is drawn on the
# label after it: that label is what must be seen.
FOCUSED = """() => {
  const seen = (x) => !!x && x.checkVisibility({visibilityProperty: true})
    && x.getBoundingClientRect().width > 0 && x.getBoundingClientRect().height > 0;
  const e = document.activeElement, r = e.getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect();
  return {html: e.outerHTML.slice(0, 120), top: r.top, bottom: r.bottom, left: r.left,
          right: r.right, headerBottom: header.bottom,
          inHeader: !!e.closest(".md-header, .md-skip"),
          skip: e.classList.contains("md-skip"),
          shown: seen(e) || (e.matches("input.md-option") && seen(e.nextElementSibling)),
          viewWidth: innerWidth, viewHeight: innerHeight};
}"""


browser = pytest.fixture(scope="module")(browser_or_skip)
base = served("site")


@pytest.fixture(params=list(WIDTHS))
def case_page(request: pytest.FixtureRequest, browser: Browser, base: str) -> Iterator[Page]:
    context = browser.new_context(viewport=WIDTHS[request.param])
    page = context.new_page()
    page.goto(base + CASE)
    yield page
    context.close()


def tab(page: Page, key: str = "Tab") -> dict[str, Any]:
    page.keyboard.press(key)
    return page.evaluate(FOCUSED)


def test_no_link_is_named_only_by_a_bracketed_number(case_page: Page) -> None:
    numbered = case_page.locator("a[href^='#ref-']").count()
    assert numbered > 50
    assert case_page.get_by_role("link", name=re.compile(r"^\s*\[?\d+\]?\s*$")).count() == 0
    named = case_page.get_by_role("link", name=re.compile(r"^\[\d+\] source: .+, .+"))
    # each citation, and each entry of the short list of sources (to its full entry)
    assert named.count() == numbered + case_page.locator("ol.cf-source-list a").count()
    first = case_page.locator("#case-summary a[href^='#ref-']").first
    assert first.get_attribute("href") == "#ref-1"
    assert named.first.text_content() == "[1]"


def test_skip_link_lands_on_the_title(case_page: Page) -> None:
    skip = tab(case_page)
    assert skip["skip"], skip["html"]
    case_page.keyboard.press("Enter")
    assert case_page.evaluate("document.activeElement.id") == "case-title"
    title = case_page.locator("h1#case-title").bounding_box()
    header = case_page.locator(".md-header").bounding_box()
    assert title is not None and header is not None
    assert header["y"] + header["height"] <= title["y"] < case_page.viewport_size["height"]
    # the next Tab goes to the first link after the title, not back to the menus
    after = tab(case_page)
    assert not after["inHeader"]
    order = case_page.evaluate("""() => {
      const h1 = document.querySelector("h1#case-title"), e = document.activeElement;
      const money = document.querySelector("h2#money");
      return [!!(h1.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING),
              !!(money.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING)];
    }""")
    assert order == [True, True], after["html"]


@pytest.mark.parametrize("script", [True, False], ids=["js", "no-js"])
def test_tabbing_at_390_px_never_lands_on_a_hidden_link(browser: Browser, base: str,
                                                        script: bool) -> None:
    context = browser.new_context(viewport=WIDTHS["phone"], java_script_enabled=script)
    page = context.new_page()
    page.goto(base + CASE)
    drawer = page.locator(".md-sidebar--primary a")
    assert drawer.count() > 10  # the menu is there, for when the drawer is opened
    stops = [tab(page) for _ in range(STOPS)]
    hidden = [s["html"] for s in stops
              if not (s["shown"] and s["right"] > 0 and s["left"] < s["viewWidth"])]
    assert hidden == []
    # Opened (its label in the header, no script needed), the drawer's links take focus.
    page.locator(".md-header label[for='__drawer']").click()
    page.wait_for_timeout(300)
    assert drawer.first.evaluate("e => e.checkVisibility({visibilityProperty: true})")
    context.close()


def covered(stop: dict[str, Any]) -> bool:
    """Whether the focused element starts under the header: its top above the header's
    bottom, unless it is taller than the space below the header and shows in it."""
    if stop["inHeader"] or not stop["shown"]:
        return False
    room = stop["viewHeight"] - stop["headerBottom"]
    tall = stop["bottom"] - stop["top"] > room
    if tall:
        return stop["bottom"] <= stop["headerBottom"] + 1
    return stop["top"] < stop["headerBottom"] - 0.5


def test_focus_is_never_under_the_sticky_header(case_page: Page) -> None:
    forwards = [tab(case_page) for _ in range(STOPS)]
    backwards = [tab(case_page, "Shift+Tab") for _ in range(STOPS)]
    assert sum(not s["inHeader"] for s in forwards) > STOPS // 2
    assert [s["html"] for s in forwards + backwards if covered(s)] == []
