"""Citations that work and search (#12 E), in Debian's Chromium against the Powys fixture:
the citation's access date is the reader's (filled in with JavaScript, a placeholder
without), permalinks are visible, large enough to touch and reachable by keyboard, and a
search for a person named in the data finds the case first. Skipped without chromium."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser

from casefile.model.citation import ACCESSED
from casefile.model.cited_in import opening
from tests.browser_support import browser_or_skip, served
from tests.test_browser import WIDTHS
from tests.test_citations import CASE, VIEW, unaddressed  # noqa: F401  (module-scoped build)

browser = pytest.fixture(scope="module")(browser_or_skip)
base = served("unaddressed")


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_the_access_date_is_the_readers(browser: Browser, base: str, js: bool) -> None:
    context = browser.new_context(viewport=WIDTHS["phone"], java_script_enabled=js)
    page = context.new_page()
    page.goto(f"{base}cases/{CASE}/", wait_until="networkidle" if js else "load")
    text = page.inner_text("pre.cf-citation")
    width = page.evaluate("document.querySelector('pre.cf-citation code').scrollWidth")
    box = page.locator("pre.cf-citation code").bounding_box()
    context.close()
    today = dt.date.today()
    accessed = f"{today.day} {today:%B %Y}" if js else ACCESSED
    assert text.endswith(f", accessed {accessed}.")
    # no address known (#12 review): JavaScript writes in the one the browser shows
    address = f"{base}cases/{CASE}/" if js else "address: the page's address on this site"
    assert text.startswith(f"casefile, “{VIEW.case.title}”, {address}, records as of ")
    assert box is not None and width <= box["width"] + 1  # wrapped, never scrolled sideways


@pytest.mark.parametrize("width", list(WIDTHS))
def test_permalinks_are_visible_touchable_and_focusable(browser: Browser, base: str,
                                                        width: str) -> None:
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    page.goto(f"{base}cases/{CASE}/", wait_until="networkidle")
    links = page.locator("a.cf-pl")
    count = links.count()
    assert count == len(VIEW.timeline) + sum(len(g.rows) for g in VIEW.matrices) + \
        len(VIEW.requirements)
    first = VIEW.matrices[0].rows[0].finding  # unnumbered: by its first words (#12 review)
    event, req = VIEW.timeline[0], VIEW.requirements[0]
    # the names a screen reader is given: Chromium's own accessibility tree
    names = [n["name"]["value"] for n in context.new_cdp_session(page).send(
        "Accessibility.getFullAXTree")["nodes"] if n.get("role", {}).get("value") == "link"]
    permalinks = [n for n in names if n.startswith("Permalink to ")]
    assert len(permalinks) == len(set(permalinks)) == count  # each told apart
    # an event's by its heading's words (aria-labelledby), its kind shown in capitals (CSS)
    for name in (f"the entry {event.when} {event.label.upper()} {event.title}",
                 f"the finding {opening(first.text)}", f"the requirement {opening(req.text)}"):
        assert names.count(f"Permalink to {name}") == 1
    for i in (0, count // 2, count - 1):
        link = links.nth(i)
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box is not None and box["width"] >= 24 and box["height"] >= 24
        assert link.evaluate("e => getComputedStyle(e).visibility") == "visible"
        assert float(link.evaluate("e => getComputedStyle(e).opacity")) == 1.0
        link.focus()
        assert link.evaluate("e => e === document.activeElement")
        target = str(link.get_attribute("href"))
        link.click()
        assert page.evaluate("location.hash") == target
    context.close()


def test_a_search_for_a_person_finds_the_case_first(browser: Browser, base: str) -> None:
    person = next(s.person.name for s in VIEW.statements if s.person is not None)
    context = browser.new_context(viewport=WIDTHS["desktop"])
    page = context.new_page()
    page.goto(base, wait_until="networkidle")
    page.locator("input.md-search__input").click()  # in the header at this width
    page.keyboard.type(person)
    first = page.locator(".md-search-result__list > li a").first
    first.wait_for(timeout=15000)
    # results are redrawn as each letter is typed: read them once they answer the whole name
    # (under load the first result was once read for "gi", before the last redraw)
    page.wait_for_function(
        "name => [...document.querySelectorAll('.md-search-result__list a')].some(a =>"
        " decodeURIComponent(new URL(a.href).searchParams.get('h') || '').toLowerCase()"
        " === name)", arg=" ".join(person.lower().split()), timeout=15000)
    href = str(first.get_attribute("href"))
    results = page.locator(".md-search-result__list > li > a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    context.close()
    assert f"cases/{CASE}/" in href, results
    assert not any("how-to-edit" in r or "field-reference" in r for r in results[:3]), results
