"""Phones, dark scheme and forced colours (#12, part C) in a real headless Chromium
(Debian's), on the Powys fixture project with the fictional second case: at 390 px the
findings matrix, the deadlines table and the case list are cards that never scroll
sideways, each cell showing its column heading; at 1280 px they are tables; the case page
has a contents list on phones only; axe-core finds no WCAG 2.2 AA violation in the light
and dark schemes and in forced colours; the toggle changes the scheme, and with JavaScript
off the page still reads. Skipped when chromium is absent."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.browser_support import browser_or_skip, served
from tests.test_browser import ARTIFACTS, WCAG
from tests.test_copies_shown import CASE as SECOND
from tests.test_copies_shown import OPEN, shown_site  # noqa: F401  (module-scoped build)
from tests.test_phone import contrast
from tests.test_site import CASE

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CASE_PAGE = f"cases/{CASE}/"
CARDS = {CASE_PAGE: ["table.cf-matrix", "table.cf-deadlines"], "": ["table.cf-case-list"],
         f"cases/{SECOND}/": ["table.cf-matrix", "table.cf-deadlines"]}
COPY_PAGE = f"sources/{OPEN}/copy/"

# Per card table: how it is laid out, whether it or its region scrolls sideways, what in it
# reaches past the viewport (the headings aside: clipped to 1 px on a phone), and each
# labelled cell's ::before content with its column heading's words (the thead's th).
MEASURE = """sel => [...document.querySelectorAll(sel)].map(t => {
  const region = t.closest('.cf-table-scroll');
  const heads = [...t.tHead.rows[0].cells].map(th => th.textContent.replace(/\\s+/g, ' ').trim());
  const cells = [...t.tBodies].flatMap(b => [...b.rows]).flatMap(r => [...r.cells].map(
    (c, i) => [getComputedStyle(c, '::before').content, heads[i],
               getComputedStyle(c, '::before').display]));
  const past = [...t.querySelectorAll('*')].filter(e => !e.closest('thead') &&
    e.getBoundingClientRect().right > innerWidth + 0.5).map(e => e.outerHTML.slice(0, 80));
  return {display: getComputedStyle(t).display, cells, past,
          scroll: [region.scrollWidth, region.clientWidth, t.scrollWidth, t.clientWidth]};
})"""


browser = pytest.fixture(scope="module")(browser_or_skip)
base = served("shown_site")


def open_page(browser: Browser, url: str, viewport: dict[str, int], **options: str | bool,
              ) -> Page:
    context = browser.new_context(viewport=viewport, **options)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(url, wait_until="networkidle" if options.get("java_script_enabled", True)
              else "load")
    return page


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize("path", list(CARDS))
def test_tables_are_cards_on_a_phone_each_cell_with_its_heading(browser: Browser, base: str,
                                                                path: str) -> None:
    page = open_page(browser, base + path, PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for selector in CARDS[path]:
        tables = page.evaluate(MEASURE, selector)
        assert tables, selector
        for table in tables:
            region_scroll, region_width, scroll, width = table["scroll"]
            assert table["display"] == "block"
            assert region_scroll <= region_width and scroll <= width  # nothing scrolls
            assert table["past"] == []
            assert table["cells"]
            for content, heading, display in table["cells"]:
                # shown above the cell; alt text "": screen readers hear the th instead
                assert (content, display) == (css_string(heading) + ' / ""', "block")
    if path == CASE_PAGE:  # README's picture of the matrix on a phone
        page.evaluate("document.querySelector('table.cf-matrix').scrollIntoView(); "
                      "scrollBy(0, -56)")  # below the sticky header
        page.wait_for_timeout(500)  # the header's title has changed to the page's
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "case-cards-phone.png"))
    page.context.close()


@pytest.mark.parametrize("path", list(CARDS))
def test_tables_stay_tables_on_a_desktop(browser: Browser, base: str, path: str) -> None:
    page = open_page(browser, base + path, DESKTOP)
    for selector in CARDS[path]:
        for table in page.evaluate(MEASURE, selector):
            assert table["display"] == "table"
            assert {content for content, _, _ in table["cells"]} == {"none"}
        assert page.locator(f"{selector} thead th").first.is_visible()
    page.context.close()


def test_contents_list_at_every_width_the_themes_left_out(browser: Browser, base: str) -> None:
    """A case page's own "On this page" is its only contents list (#12: the case page stays
    light; other pages keep the theme's sidebar, and show theirs on phones only)."""
    page = open_page(browser, base + CASE_PAGE, PHONE)
    contents = page.locator("nav.cf-contents")
    assert contents.is_visible()
    assert not page.locator(".md-sidebar--secondary").is_visible()  # the theme's is hidden
    contents.get_by_role("link", name="Requirements and deadlines").click()
    assert page.evaluate("location.hash") == "#requirements-and-deadlines"
    top = page.evaluate("document.getElementById('requirements-and-deadlines')"
                        ".getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"] / 2
    page.context.close()
    page = open_page(browser, base + CASE_PAGE, DESKTOP)
    assert page.locator("nav.cf-contents").is_visible()
    assert page.locator(".md-sidebar--secondary").count() == 0  # not sent at all
    page.context.close()
    page = open_page(browser, base + CASE_PAGE, PHONE)
    page.emulate_media(media="print")
    assert not page.locator("nav.cf-contents").is_visible()
    page.context.close()


MODES = {"light": {"color_scheme": "light"}, "dark": {"color_scheme": "dark"},
         "forced": {"forced_colors": "active"},
         "forced-dark": {"forced_colors": "active", "color_scheme": "dark"}}
SCHEME = {"light": "default", "dark": "slate", "forced": "default", "forced-dark": "slate"}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("mode", list(MODES))
def test_no_axe_violations_in_each_scheme(browser: Browser, base: str, mode: str,
                                          viewport: dict[str, int]) -> None:
    page = open_page(browser, base + CASE_PAGE, viewport, **MODES[mode])
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEME[mode]
    # the browser really is in forced colours (not light twice over)
    assert page.evaluate("matchMedia('(forced-colors: active)').matches") == (
        mode.startswith("forced"))
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                  for v in result.response["violations"]]
    page.context.close()
    assert violations == []


def _hex(rgb: str) -> str:
    return "#" + "".join(f"{int(n):02x}" for n in re.findall(r"\d+", rgb)[:3])


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_status_borders_contrast_with_the_background(browser: Browser, base: str,
                                                     mode: str) -> None:
    page = open_page(browser, base + CASE_PAGE, DESKTOP, **MODES[mode])
    background = _hex(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    borders = page.eval_on_selector_all(
        '[class^="s-"]:not(.s-not_assessed), [class^="o-"]',
        "els => els.map(e => [e.className, getComputedStyle(e).borderLeftColor])")
    page.context.close()
    assert len({name for name, _ in borders}) >= 5
    low = {name: round(contrast(_hex(colour), background), 2) for name, colour in borders
           if contrast(_hex(colour), background) < 3}
    assert low == {}


def test_forced_colours_draw_each_marker_as_a_box(browser: Browser, base: str) -> None:
    page = open_page(browser, base + CASE_PAGE, DESKTOP, **MODES["forced"])
    boxes = page.eval_on_selector_all('[class^="s-"], [class^="o-"]', """els => els.map(e => {
      const s = getComputedStyle(e);
      return [e.className, s.borderTopStyle, parseFloat(s.borderTopWidth),
              parseFloat(s.borderLeftWidth) > parseFloat(s.borderTopWidth)]; })""")
    page.context.close()
    assert boxes
    for name, style, top, thick_left in boxes:
        assert top >= 1, name
        if "not_assessed" in name:
            assert (style, thick_left) == ("dashed", False), name
        else:
            assert (style, thick_left) == ("solid", True), name


def test_toggle_switches_the_scheme_and_remembers_it(browser: Browser, base: str) -> None:
    page = open_page(browser, base + CASE_PAGE, PHONE, color_scheme="light")
    scheme = "document.body.dataset.mdColorScheme"
    assert page.evaluate(scheme) == "default"
    page.get_by_title("Switch to the dark scheme").click()
    assert page.evaluate(scheme) == "slate"
    page.reload(wait_until="networkidle")
    assert page.evaluate(scheme) == "slate"  # kept for the next page
    page.get_by_title("Switch to the light scheme").click()
    assert page.evaluate(scheme) == "default"
    page.context.close()


def test_readable_with_javascript_off_in_a_dark_device(browser: Browser, base: str) -> None:
    page = open_page(browser, base + CASE_PAGE, PHONE, color_scheme="dark",
                     java_script_enabled=False)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"  # light
    assert not page.locator("form[data-md-component=palette] label").first.is_visible()
    assert page.locator("nav.cf-contents").is_visible()
    assert page.locator("table.cf-matrix tbody td").first.is_visible()
    assert page.evaluate(MEASURE, "table.cf-deadlines")[0]["display"] == "block"
    page.context.close()


def test_forced_colours_mark_quoted_passages_in_system_colours(browser: Browser,
                                                                   base: str) -> None:
    page = open_page(browser, base + COPY_PAGE, PHONE, **MODES["forced"])
    marks = page.eval_on_selector_all("article mark", """els => els.map(e => {
      const s = getComputedStyle(e); return [s.backgroundColor, s.color]; })""")
    system = page.evaluate("""() => { const p = document.createElement('span');
      p.style.cssText = 'background-color: Mark; color: MarkText';
      document.body.append(p); const s = getComputedStyle(p);
      return [s.backgroundColor, s.color]; }""")
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    page.context.close()
    assert len(marks) >= 3 and {tuple(m) for m in marks} == {tuple(system)}
    assert system[0] != "rgb(255, 243, 160)"  # not the yellow of the light scheme
    assert result.response["violations"] == []
