"""The case page's weight cuts (#12, session 27) in a real headless Chromium (Debian's): the
line breaks minify.py drops between block tags change no pixel of the page at 390 and
1280 px, and the theme's icons drawn by casefile.css are shown where the theme showed its
SVGs (the search field's search icon on wide screens, its back arrow on phones), each a
mask of the right size in the text colour. Skipped when chromium is absent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from casefile.outputs.minify import BLOCKS
from tests.browser_support import browser_or_skip, served
from tests.test_site import CASE, site  # noqa: F401  (module-scoped build)

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

browser = pytest.fixture(scope="module")(browser_or_skip)
base = served("site")


def spaced(html: str) -> str:
    """The page with a line break put back between every two block tags."""
    def put_back(m: re.Match[str]) -> str:
        return m[0] + "\n" if m[1] in BLOCKS and m[2] in BLOCKS else m[0]
    return re.sub(r"</?([a-zA-Z0-9]+)\b[^<>]*>(?=</?([a-zA-Z0-9]+))", put_back, html)


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_dropped_line_breaks_change_no_pixel(browser: Browser, base: str, site: Path,  # noqa: F811
                                             width: str) -> None:
    """The built case page and the same page with its block-to-block line breaks put back
    look the same, pixel for pixel, from top to bottom (JavaScript off: the citation box
    would otherwise show each copy's own address)."""
    folder = site / "cases" / CASE
    html = (folder / "index.html").read_text(encoding="utf-8")
    copy = spaced(html)
    assert copy.count("\n") > html.count("\n") + 100
    (folder / "spaced.html").write_text(copy, encoding="utf-8")
    try:
        shots = []
        for name in ("", "spaced.html"):
            context = browser.new_context(viewport=VIEWPORTS[width],  # type: ignore[arg-type]
                                          java_script_enabled=False)
            page = context.new_page()
            page.goto(f"{base}cases/{CASE}/{name}", wait_until="load")
            shots.append(page.screenshot(full_page=True))
            context.close()
    finally:
        (folder / "spaced.html").unlink()
    assert len(shots[0]) > 10_000 and shots[0] == shots[1]


ICON = """e => { const s = getComputedStyle(e); const r = e.getBoundingClientRect();
  return [s.display, Math.round(r.width), Math.round(r.height),
          (s.maskImage || s.webkitMaskImage || '').slice(0, 30), s.backgroundColor,
          getComputedStyle(e.parentElement).color]; }"""


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_the_themes_icons_show_where_its_svgs_did(browser: Browser, base: str,
                                                  width: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[width])  # type: ignore[arg-type]
    page = context.new_page()
    errors: list[str] = []  # the theme's script finds every part it needs (no footer)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}cases/{CASE}/", wait_until="networkidle")
    if width == "phone":  # the search opens over the page
        page.locator("header label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").fill("council")
    page.wait_for_timeout(500)
    assert errors == []
    field = page.locator("label.md-search__icon[for=__search] > .cf-icon")
    search, back = field.nth(0).evaluate(ICON), field.nth(1).evaluate(ICON)
    menu = page.locator("header label[for=__drawer] > .cf-icon").evaluate(ICON)
    if width == "desktop":  # the search field is in the header: its magnifier shows
        assert search[:3] == ["block", 24, 24] and back[0] == "none"
    else:  # the field opens over the page: its back arrow closes it; the menu button shows
        assert search[0] == "none" and back[0] == "block"
        assert menu[:3] == ["block", 24, 24]
    for drawn in (search if width == "desktop" else back, menu):
        assert drawn[3].startswith('url("data:image/svg+xml')
        assert drawn[4] == drawn[5]  # painted in the text colour of its button
    page.emulate_media(forced_colors="active")  # drawn in ButtonText, not the background
    button = page.locator("header label.md-header__button[for=__search] > .cf-icon")
    assert button.evaluate("e => getComputedStyle(e).forcedColorAdjust") == "none"
    context.close()
