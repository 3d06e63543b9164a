"""Issue #12's "Done when", on more pages than the case page (an audit, session 29), in a
real headless Chromium (Debian's) on the Powys fixture with the fictional second case (two
cases, two nations): at 390 and 1280 px no link anywhere is named only by a bracketed
number, as Chromium's accessibility tree computes the names; "Skip to content" focuses the
page's one h1, below the sticky header; with JavaScript off nothing scrolls sideways at
390 px; a finding's page has no axe violation in the dark scheme and in forced colours,
its focus is never hidden under the header, and the theme's search lists it for the
finding's words. Skipped when chromium is absent."""

from __future__ import annotations

import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.browser_support import browser_or_skip, served
from tests.test_browser import WCAG
from tests.test_browser_keyboard import covered, tab
from tests.test_copies_shown import CASE as ENGLAND
from tests.test_copies_shown import shown_site  # noqa: F401  (module-scoped build)
from tests.test_site import CASE as WALES

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PAGES = {"home": "", "case-wales": f"cases/{WALES}/", "case-england": f"cases/{ENGLAND}/",
         "finding-wales": f"cases/{WALES}/findings/f2017-leadership/",
         "finding-england": f"cases/{ENGLAND}/findings/fictional-f-placements/",
         "case-sources": f"cases/{ENGLAND}/sources/", "sources": "sources/",
         "timeline": "timeline/", "themes": "themes/",
         "body": "bodies/fictional-borough-council/"}
CITING = {"case-wales", "case-england", "finding-wales", "finding-england"}  # [1] links
BARE = re.compile(r"\s*\[?\d+\]?\s*")
MODES = {"dark": {"color_scheme": "dark"}, "forced": {"forced_colors": "active"}}

browser = pytest.fixture(scope="module")(browser_or_skip)
base = served("shown_site")


def opened(browser: Browser, url: str, width: str, **options: Any) -> Page:
    context = browser.new_context(viewport=WIDTHS[width], **options)
    page = context.new_page()
    page.goto(url, wait_until="networkidle" if options.get("java_script_enabled", True)
              else "load")
    return page


def link_names(page: Page) -> list[str]:
    """The accessible name of every link the accessibility tree holds, as Chromium computes
    it (aria-labelledby, aria-label, then the words)."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    return [n.get("name", {}).get("value", "") for n in nodes
            if n.get("role", {}).get("value") == "link" and not n.get("ignored")]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_no_link_is_named_only_by_a_bracketed_number(browser: Browser, base: str, name: str,
                                                     width: str) -> None:
    page = opened(browser, base + PAGES[name], width)
    numbered = page.eval_on_selector_all(
        "article a", "els => els.filter(a => /^\\[\\d+\\]$/.test(a.textContent.trim()))"
                     ".map(a => a.textContent.trim())")
    names = link_names(page)
    page.context.close()
    assert len(names) >= 3  # the skip link and the page's own, at least
    assert [n for n in names if BARE.fullmatch(n)] == []
    # each "[n]" is named by its source: "[n] source: publisher, title, date"
    sourced = [n for n in names if re.match(r"\[\d+\] source: .+, .+", n)]
    assert len(sourced) >= len(numbered)
    assert bool(numbered) == (name in CITING), numbered[:3]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_skip_link_focuses_the_pages_title(browser: Browser, base: str, name: str,
                                           width: str) -> None:
    page = opened(browser, base + PAGES[name], width)
    first = tab(page)
    assert first["skip"], first["html"]
    page.keyboard.press("Enter")
    page.wait_for_timeout(100)
    focused = page.evaluate("""() => { const e = document.activeElement;
      return [e.tagName, e === document.querySelector('article h1'),
              document.querySelectorAll('h1').length, e.getBoundingClientRect().top,
              document.querySelector('.md-header').getBoundingClientRect().bottom]; }""")
    page.context.close()
    tag, is_title, h1s, top, header = focused
    assert (tag, is_title, h1s) == ("H1", True, 1)
    assert header <= top < WIDTHS[width]["height"]


@pytest.mark.parametrize("name", list(PAGES))
def test_nothing_scrolls_sideways_with_javascript_off(browser: Browser, base: str,
                                                      name: str) -> None:
    """Without the theme's script the search button and the scheme toggle are hidden, and
    the header's second title (the page's, shown by the script on scrolling) reached past
    the phone's edge on pages with a long title."""
    page = opened(browser, base + PAGES[name], "phone", java_script_enabled=False)
    sizes = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    page.context.close()
    assert sizes[0] <= sizes[1], sizes


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("name", ["home", "finding-wales"])
def test_no_axe_violations_in_the_dark_scheme_and_forced_colours(
        browser: Browser, base: str, name: str, mode: str, width: str) -> None:
    page = opened(browser, base + PAGES[name], width, **MODES[mode])
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    forced = page.evaluate("matchMedia('(forced-colors: active)').matches")
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    page.context.close()
    assert (scheme, forced) == (("slate", False) if mode == "dark" else ("default", True))
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in result.response["violations"]] == []


@pytest.mark.parametrize("width", list(WIDTHS))
def test_focus_on_a_finding_page_is_never_under_the_header(browser: Browser, base: str,
                                                          width: str) -> None:
    page = opened(browser, base + PAGES["finding-wales"], width)
    forwards = [tab(page) for _ in range(30)]
    backwards = [tab(page, "Shift+Tab") for _ in range(30)]
    page.context.close()
    assert sum(not s["inHeader"] for s in forwards) > 15
    assert [s["html"] for s in forwards + backwards if covered(s)] == []


def test_search_leads_to_a_findings_own_page(browser: Browser, base: str) -> None:
    """#12: finding pages are "linked ... from search": the theme's search, typed into as a
    reader would, lists the finding's own page for words of the finding."""
    page = opened(browser, base, "desktop")
    page.locator("input.md-search__input").click()
    page.keyboard.type("too few placements", delay=20)
    page.wait_for_selector(".md-search-result__item a", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a",
                                      "els => els.map(e => e.getAttribute('href'))")
    page.context.close()
    found = {h.split("#")[0].split("?")[0].removeprefix(base) for h in hrefs}
    assert PAGES["finding-england"] in found, hrefs
