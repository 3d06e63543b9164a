"""Figures over time (#15) in a real headless Chromium (Debian's), on the fictional
tests/projects/figures: the case page with its charts and the Indicators page have no WCAG
2.2 AA violation (axe-core) at 390 px and 1280 px, load nothing from elsewhere, never
scroll sideways, run no script of the data; each chart fits its column on a phone and is
drawn in the text colour in both schemes. Skipped when chromium is absent."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser_support import WIDTHS, browser_or_skip, pages_checked, served
from tests.test_figures_site import figures_site  # noqa: F401

PAGES = {"case": "cases/brookfield-childrens-services/", "indicators": "indicators/"}

browser = pytest.fixture(scope="module")(browser_or_skip)
base = served("figures_site")
# no dialog: the hostile indicator name's alert() never runs
test_no_axe_violations_no_outside_requests_no_sideways_scroll = pages_checked(PAGES)


@pytest.mark.parametrize("scheme", ["light", "dark", "forced"])
def test_each_chart_fits_a_phone_and_is_drawn_in_the_text_colour(
        browser: Browser, base: str, scheme: str) -> None:
    forced = "active" if scheme == "forced" else "none"
    context = browser.new_context(viewport=WIDTHS["phone"],  # type: ignore[arg-type]
                                  color_scheme="dark" if scheme == "dark" else "light",
                                  forced_colors=forced)
    page = context.new_page()
    page.goto(base + PAGES["case"], wait_until="networkidle")
    charts = page.locator("svg.cf-chart")
    assert charts.count() == 2
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box is not None and 250 <= box["width"] <= WIDTHS["phone"]["width"]
        colours = charts.nth(i).evaluate(
            "svg => [getComputedStyle(svg).color,"
            " getComputedStyle(svg.querySelector('circle')).fill,"
            " getComputedStyle(svg.closest('article')).color]")
        assert colours[0] == colours[1] == colours[2]
    if scheme == "forced":  # the system's text colour, not the theme's
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    context.close()
