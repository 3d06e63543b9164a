"""What readers of #19's pages get, in a real headless Chromium (Debian's), on fictional
data only: the oversight project (tests/projects/oversight) and the Town/Northshire data of
test_who and test_differ (several bodies, variant names, sources that differ, a money
kind). axe-core finds no WCAG 2.2 AA violation at phone and desktop widths, nothing scrolls
sideways at 390 px, the band reads as periods in order with seriousness shown by more than
colour, and everything reads with JavaScript off. Skipped when chromium is absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests import test_differ, test_who
from tests.conftest import PROJECTS, copy_project, mkdocs_build, write_mini
from tests.test_browser import NARROW as WIDTHS
from tests.test_browser import WCAG, browser_or_skip, serve

BAND = "cases/northshire-health-board-escalation/"
PAGES = {"band": ("oversight", BAND),
         "site-framework": ("oversight", "cases/riverton-council-intervention/"),
         "oversight-list": ("oversight", "oversight/"),
         "differ": ("who", "cases/town/"),
         "bodies": ("who", "cases/northshire/"),
         "variants": ("who", "bodies/northshire-police/")}
MONEY_KIND = ("    currency: GBP\n    for: Set aside.\n",
              "    currency: GBP\n    kind: loan\n    for: Set aside.\n")


browser = pytest.fixture(scope="module")(browser_or_skip)


def build(root: Path, data: Path | None) -> Path:
    copy_project(root, data or False)
    if data is None:
        write_mini(root, {**test_who.FILES, **test_differ.changes(),
                          "cases/town/case.yml": MONEY_KIND})
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    sites = {"oversight": build(tmp_path_factory.mktemp("oversight"),
                                PROJECTS / "oversight" / "data"),
             "who": build(tmp_path_factory.mktemp("who"), None)}
    with serve(sites["oversight"]) as oversight, serve(sites["who"]) as who:
        yield {"oversight": oversight, "who": who}


def open_page(browser: Browser, bases: dict[str, str], name: str, width: str = "phone",
              js: bool = True) -> Page:
    site, path = PAGES[name]
    context = browser.new_context(viewport=WIDTHS[width], java_script_enabled=js)
    page = context.new_page()
    page.goto(bases[site] + path, wait_until="networkidle" if js else "load")
    return page


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations_and_no_sideways_scroll(browser: Browser, bases: dict[str, str],
                                                  name: str, width: str) -> None:
    page = open_page(browser, bases, name, width)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if "127.0.0.1" not in r.url else None)
    page.reload(wait_until="networkidle")
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                  for v in result.response["violations"]]
    scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    page.context.close()
    assert violations == []
    assert outside == []
    assert scroll[0] <= scroll[1], f"the page scrolls sideways: {scroll}"


def test_band_reads_in_order_stacked_on_phones_and_side_by_side_on_desktops(
        browser: Browser, bases: dict[str, str]) -> None:
    boxes = {}
    for width in WIDTHS:
        page = open_page(browser, bases, "band", width)
        items = page.locator("section.cf-oversight").first.locator("ol.cf-oversight-band > li")
        boxes[width] = [items.nth(i).bounding_box() for i in range(items.count())]
        page.context.close()
    phone, desktop = boxes["phone"], boxes["desktop"]
    assert len(phone) == len(desktop) == 3
    assert [b["y"] for b in phone] == sorted(b["y"] for b in phone)       # top to bottom
    assert len({round(b["x"]) for b in phone}) == 1
    assert len({round(b["y"]) for b in desktop}) == 1                        # one row,
    assert [b["x"] for b in desktop] == sorted(b["x"] for b in desktop)     # left to right
    assert all(b["x"] + b["width"] <= WIDTHS["phone"]["width"] for b in phone)


BORDERS = """([side]) => [...document.querySelectorAll('section.cf-oversight li.cf-level')]
  .map(li => [li.querySelector('.cf-level__label').textContent,
              parseFloat(getComputedStyle(li)['border' + side + 'Width']),
              getComputedStyle(li).backgroundImage !== 'none'])"""


@pytest.mark.parametrize("width, side", [("phone", "Left"), ("desktop", "Top")])
def test_seriousness_is_a_border_weight_and_a_pattern_not_only_a_colour(
        browser: Browser, bases: dict[str, str], width: str, side: str) -> None:
    page = open_page(browser, bases, "band", width)
    rows = page.evaluate(BORDERS, [side])
    page.context.close()
    # Northshire: special measures (4 of 4), targeted intervention (3 of 4), special
    # measures; then maternity services at enhanced monitoring (2 of 4)
    labels = [r[0] for r in rows]
    assert labels == ["Special measures", "Targeted intervention", "Special measures",
                      "Enhanced monitoring"]
    weight = {label: w for label, w, _ in rows}
    assert weight["Special measures"] > weight["Targeted intervention"] > \
        weight["Enhanced monitoring"]
    assert [r[2] for r in rows] == [True, True, True, False]  # hatched: the upper steps


def test_worse_and_better_carry_a_symbol_beside_the_words(browser: Browser,
                                                          bases: dict[str, str]) -> None:
    page = open_page(browser, bases, "band")
    marks = page.evaluate("""() => [...document.querySelectorAll('p.cf-change')].slice(0, 3)
        .map(p => [p.textContent, getComputedStyle(p, '::before').content])""")
    page.context.close()
    assert [text for text, _ in marks] == ["First level in these records",
                                           "Better: down from special measures",
                                           "Worse: up from targeted intervention"]
    assert marks[0][1] == "none"
    assert "▼" in marks[1][1] and "▲" in marks[2][1]


def test_band_current_level_and_differ_notes_read_with_javascript_off(
        browser: Browser, bases: dict[str, str]) -> None:
    page = open_page(browser, bases, "band", js=False)
    now = page.locator("ul.cf-oversight-now > li").first
    assert now.is_visible()
    assert now.locator("a").inner_text() == ("Special measures since 27 February 2023; "
                                            "previously targeted intervention")
    last = page.locator("ol.cf-oversight-band > li.cf-level--now").first
    assert last.is_visible()
    assert "still in force as of 31 March 2023" in last.inner_text()
    page.context.close()
    page = open_page(browser, bases, "differ", js=False)
    note = page.locator("#ev-town-inspection-published details.cf-differ")
    summary = note.locator("summary")
    assert summary.is_visible()
    assert summary.inner_text() == "Sources differ on the publication date: 2 October 2017 chosen"
    assert not note.locator("li").first.is_visible()
    summary.click()  # native <details>, no script
    assert note.locator("li").all_inner_texts() == ["2 October 2017 (chosen): [1]",
                                                    "3 October 2017: [2]"]
    assert note.locator("p").inner_text() == ("Why this value: The inspectorate's own page "
                                              "gives the 2nd.")
    page.context.close()


def test_differ_note_opens_from_the_keyboard(browser: Browser, bases: dict[str, str]) -> None:
    page = open_page(browser, bases, "differ")
    summary = page.locator("#ev-town-inspection-published details.cf-differ summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#ev-town-inspection-published details.cf-differ li").first.is_visible()
    page.context.close()


CAPTIONS = """() => [...document.querySelectorAll('.cf-table-scroll')].map(region => {
  region.scrollLeft = region.scrollWidth;
  const r = region.getBoundingClientRect(),
        c = region.querySelector('caption').getBoundingClientRect();
  return [region.querySelector('caption').textContent.slice(0, 30),
          region.scrollWidth > region.clientWidth,
          c.left >= r.left - 1 && c.right <= r.right + 1]; })"""


@pytest.mark.parametrize("name", ["oversight-list", "differ"])
def test_captions_of_wide_tables_stay_on_screen_on_phones(browser: Browser,
                                                          bases: dict[str, str],
                                                          name: str) -> None:
    page = open_page(browser, bases, name)
    rows = page.evaluate(CAPTIONS)
    page.context.close()
    assert any(wide for _, wide, _ in rows), "no table here is wider than the phone"
    assert [(text, inside) for text, _, inside in rows if not inside] == []


def test_money_kind_and_bodies_are_words_on_the_page(browser: Browser,
                                                     bases: dict[str, str]) -> None:
    page = open_page(browser, bases, "differ", js=False)
    assert page.locator("ul.cf-money .cf-money-kind").inner_text().lower() == "loan"
    page.context.close()
    page = open_page(browser, bases, "bodies", js=False)
    facts = page.locator("dl.cf-facts")
    assert facts.locator("dd.cf-bodies--subjects").inner_text() == ("Northshire Police, "
                                                                    "Northshire Council")
    assert facts.locator("dd.cf-bodies--partners").inner_text() == "Northshire Health Board"
    assert facts.locator("dd.cf-bodies--overseers").inner_text() == "Mayor of Northshire"
    page.context.close()
    page = open_page(browser, bases, "variants", js=False)
    assert page.locator("h1").inner_text() == "Northshire Police"
    assert "“Northshire Constabulary”" in page.locator(".cf-variants").inner_text()
    page.context.close()
