"""What screen-reader and keyboard users get from a case page, read from the HTML (#12,
part D): every numbered citation link is named by its source, each source lists links back
to where it is cited and every one of them lands on an element of the page, timeline
events are headings, and "Skip to content" points at the page's title.

The case pages are rendered from the macros (no MkDocs build) for three data sets: the
Powys fixture, the fictional Town Council case with a rating, a money figure and sources
that differ (tests/test_differ.py), and the fictional oversight project. One fixture
build of the Powys project checks the skip link, which MkDocs and Material make."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from casefile.model.cited_in import opening
from casefile.outputs.render import Renderer, case_sources_src, case_src
from casefile.outputs.skip import focusable_title, leading_title
from casefile.pipeline import load_dataset
from tests import test_differ
from tests.conftest import POWYS_DATA, PROJECTS, REPO, write_mini
from tests.html_support import soup_of
from tests.test_site import site  # noqa: F401  (the Powys fixture site, built once)

# The case page's macros, in page order (macros/pages/case.md).
PAGE_MACROS = ("case_facts", "money", "oversight", "timeline", "findings", "ratings",
               "deadlines", "statements", "source_list")
MONEY = ("    for: Set aside.\n    cite: [report-2017]\n",
         "    for: Set aside.\n    cite: [gazette-report]\n")  # the newspaper's figure
CITE = re.compile(r"^#ref-(\d+)$")


def case_page(r: Renderer, case_id: str, src: str | None = None) -> BeautifulSoup:
    """The case's content as its page shows it, rendered as if on page ``src`` (default:
    the case page itself)."""
    view = r.views[case_id]
    html = "".join(str(r.macro(name, src or case_src(case_id), view=view))
                   for name in PAGE_MACROS)
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def renderers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Renderer]:
    town = write_mini(tmp_path_factory.mktemp("town"),
                      {**test_differ.changes(), "cases/town/case.yml": MONEY})
    return {name: Renderer(load_dataset(data, use_cache=False), REPO / "macros")
            for name, data in (("powys", POWYS_DATA), ("town", town),
                               ("oversight", PROJECTS / "oversight" / "data"))}


def all_cases(r: dict[str, Renderer]) -> list[tuple[Renderer, str]]:
    return [(one, case_id) for one in r.values() for case_id in one.views]


def citation_links(page: BeautifulSoup) -> list[Tag]:
    return [a for a in page.find_all("a", href=CITE)]


def sources_page(r: Renderer, case_id: str) -> BeautifulSoup:
    """The case's sources in full, as its sources page (cases/CASE/sources/) shows them."""
    return BeautifulSoup(str(r.macro("bibliography", case_sources_src(case_id),
                                     view=r.views[case_id])), "html.parser")


def entry_words(li: Tag) -> str:
    """"Publisher, title, date" as the sources page shows the source, read from its entry."""
    text = " ".join(li.get_text(" ", strip=True).split())
    title = " ".join(li.cite.get_text(" ", strip=True).split())
    found = re.search(rf"^(.+?) ?, {re.escape(title)} ?, (.+?) ?\.", text)
    assert found, text
    return f"{found.group(1)}, {title}, {found.group(2)}"


def test_every_citation_link_is_named_by_its_number_and_source(
        renderers: dict[str, Renderer]) -> None:
    seen = 0
    for r, case_id in all_cases(renderers):
        page, full = case_page(r, case_id), sources_page(r, case_id)
        for a in citation_links(page):
            number = CITE.match(a["href"]).group(1)
            assert a.get_text() == f"[{number}]"
            assert a["aria-labelledby"] == f"ref-{number}"
            # the name is the short list's entry, whose only words are its link to the
            # full entry it names
            item = page.find(id=f"ref-{number}")
            assert item.name == "li" and item.parent.name == "ol"
            [name] = item.find_all("a")
            assert name["href"] == f"sources/#ref-{number}"
            assert item.get_text() == name.get_text()
            entry = full.find(id=f"ref-{number}")
            assert name.get_text() == f"[{number}] source: {entry_words(entry)}"
            seen += 1
    assert seen > 100  # the three data sets cite, and every citation was looked at


def test_the_label_names_publisher_title_and_date_exactly(
        renderers: dict[str, Renderer]) -> None:
    page = case_page(renderers["town"], "town")
    names = [page.find(id=f"ref-{n}").get_text() for n in (1, 2)]
    assert names == ["[1] source: New Inspectorate, Inspection of Town Council, 2 October 2017",
                     "[2] source: Publisher not named in the document, "
                     "Inspectors' verdict on the council, 3 October 2017"]


def test_from_another_page_a_citation_link_carries_its_name_itself(
        renderers: dict[str, Renderer]) -> None:
    r = renderers["town"]
    page = case_page(r, "town", src="themes.md")
    links = [a for a in page.find_all("a") if a.get_text() in ("[1]", "[2]")]
    assert links
    for a in links:
        number = a.get_text()[1:-1]
        assert a["href"] == f"../cases/town/#ref-{number}"
        assert not a.has_attr("aria-labelledby")
        expected = page.find(id=f"ref-{number}").get_text()
        assert a["aria-label"] == expected


def test_every_source_links_back_to_each_element_that_cites_it(
        renderers: dict[str, Renderer]) -> None:
    for r, case_id in all_cases(renderers):
        page = case_page(r, case_id)
        back: dict[str, set[str]] = {}
        home = f"../../../cases/{case_id}/#"  # from the case's sources page
        for li in sources_page(r, case_id).select("ol.cf-bibliography > li"):
            links = li.select("p.cf-cited-in a")
            for a in links:
                assert a["href"].startswith(home)
                assert page.find(id=a["href"][len(home):]) is not None, (case_id, a["href"])
            back[li["id"].removeprefix("ref-")] = {a["href"][len(home):] for a in links}
        for a in citation_links(page):
            # its own place, or a whole findings table listed as one (cited_in)
            places = {p["id"] for p in a.find_parents(id=True)}
            assert places & back[CITE.match(a["href"]).group(1)], (case_id, a.parent)
        # and nothing is listed that does not cite the source
        for number, anchors in back.items():
            for anchor in anchors:
                cited = {CITE.match(x["href"]).group(1)
                         for x in citation_links(page.find(id=anchor))}
                assert number in cited, (case_id, number, anchor)


def test_cited_in_reads_by_part_of_the_page(renderers: dict[str, Renderer]) -> None:
    page = sources_page(renderers["town"], "town")
    said = [" ".join(p.get_text().split()) for p in page.select("p.cf-cited-in")]
    # The inspectorate's report backs everything the inspection record says, and the
    # summary; the newspaper (tests/test_differ.py) only the money figure (MONEY above),
    # the publication date and the rating's grade, where sources differ; the council's
    # news its follow-up and its assessment of the finding.
    assert said == [
        "Cited in: Summary. Timeline: July 2017; 2 October 2017 (published). "
        "Findings: “Weak leadership.”. Ratings: Overall, July 2017. "
        "Requirements: “Produce a plan.”. Statements: Pat Leader, Leader, Town Council.",
        "Cited in: Money: “Set aside.”. Timeline: 2 October 2017 (published). "
        "Ratings: Overall, July 2017.",
        "Cited in: Timeline: 1 March 2018. Findings: “Weak leadership.”."]
    links = page.select("ol.cf-bibliography > li")[1].select("p.cf-cited-in a")
    assert [a["href"] for a in links] == [f"../../../cases/town/#{anchor}" for anchor in (
        "money-1", "ev-town-inspection-published", "rating-1")]


def test_timeline_events_are_headings_under_the_timeline(
        renderers: dict[str, Renderer]) -> None:
    for r, case_id in all_cases(renderers):
        page = BeautifulSoup(str(r.macro("timeline", case_src(case_id),
                                         view=r.views[case_id])), "html.parser")
        entries = page.select("ol.cf-timeline > li")
        assert entries
        for li in entries:
            heads = li.find_all(re.compile(r"^h[1-6]$"))
            assert [h.name for h in heads] == ["h3"]
            assert not heads[0].has_attr("id")  # the li is the anchor; search is unchanged
            assert heads[0].time is not None and heads[0].strong is not None


def test_opening_words() -> None:
    assert opening("Leadership is weak.") == "“Leadership is weak.”"
    assert opening("One two three four five") == "“One two three four…”"
    assert opening("  One\ntwo  three four ") == "“One two three four”"


@pytest.mark.parametrize("content, expected", [
    ('\n<h1 id="case-title">Town &amp; <em>County</em></h1>\n<h2 id="money">Money</h2>',
     ("case-title", "Town & County")),
    ('<p>x</p><h1 class="a" id="body-name" data-x="1">Name</h1>', ("body-name", "Name")),
    ('<h1>No id</h1><h2 id="a">A</h2>', None),
    ('<h1 data-id="x">No id</h1>', None),
    ('<h2 id="money">Money</h2><h1 id="late">Late</h1>', None),
    ("<p>No heading</p>", None),
])
def test_leading_title(content: str, expected: tuple[str, str] | None) -> None:
    assert leading_title(content) == expected


@pytest.mark.parametrize("content, expected", [
    ('<h1 id="t">T</h1><h1 id="u">U</h1>', '<h1 id="t" tabindex="-1">T</h1><h1 id="u">U</h1>'),
    ('<h1 class="x" id="t">T</h1>', '<h1 class="x" id="t" tabindex="-1">T</h1>'),
    ('<h1 id="t" tabindex="0">T</h1>', '<h1 id="t" tabindex="0">T</h1>'),  # its own kept
    ("<h1>T</h1>", "<h1>T</h1>"),  # no id: no skip link lands on it
    ('<h2 id="a">A</h2><h1 id="t">T</h1>', '<h2 id="a">A</h2><h1 id="t">T</h1>'),
])
def test_focusable_title(content: str, expected: str) -> None:
    assert focusable_title(content) == expected


@pytest.mark.parametrize("url, target", [
    ("cases/powys-childrens-services", "case-title"),  # an HTML h1 made from data
    ("bodies/powys-county-council", "body-name"),
    ("methodology", "methodology"),  # a Markdown page's "# Title", as before
])
def test_skip_link_points_at_the_title(site: Path, url: str, target: str) -> None:  # noqa: F811
    page = soup_of(site, url)
    assert page.select_one("a.md-skip")["href"] == f"#{target}"
    title = page.find(id=target)
    assert title.name == "h1" and title["tabindex"] == "-1"
    assert page.select("article [tabindex='-1']") == [title]  # the title only


def test_the_contents_list_of_a_case_page_is_unchanged(site: Path) -> None:  # noqa: F811
    """One copy, the page's own "On this page" at every width (the theme's sidebar
    contents are left out of case pages: #12, the case page stays light)."""
    page = soup_of(site, "cases/powys-childrens-services")
    assert page.select("nav.md-nav--secondary") == []
    toc = page.select("nav.cf-contents.cf-contents--only > ul > li > a")
    assert [a["href"] for a in toc] == [
        "#where-things-stand", "#money", "#timeline", "#findings-and-progress",
        "#requirements-and-deadlines", "#statements", "#sources", "#corrections",
        "#cite-this-page", "#data"]
    assert [h["id"] for h in page.find_all("h2")] == [a["href"][1:] for a in toc]


def test_the_all_cases_timeline_has_a_heading_per_event(site: Path) -> None:  # noqa: F811
    page = soup_of(site, "timeline")
    entries = page.select("ol.cf-timeline--all > li")
    assert len(entries) > 10
    for li in entries:
        heads = li.find_all(re.compile(r"^h[1-6]$"))
        assert [h.name for h in heads] == ["h2"]  # under the page's h1
        assert heads[0].strong.a["href"].startswith("../cases/")
        assert li.select_one("p.cf-event__by").get_text() != ""


def test_a_hostile_title_stays_text_in_the_names(tmp_path: Path) -> None:
    title = 'Inspection of <b onmouseover="alert(1)">Town</b> & "Council"'
    data = write_mini(tmp_path, {"sources/report-2017.yml": (
        "title: Inspection of Town Council\n", f"title: '{title}'\n")})
    r = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
    expected = f"[1] source: New Inspectorate, {title}, 2 October 2017"
    home = case_page(r, "town")
    assert home.find(id="ref-1").get_text() == expected
    assert home.find(id="ref-1").find("b") is None
    away = case_page(r, "town", src="themes.md")
    labels = {a["aria-label"] for a in away.find_all("a", attrs={"aria-label": True})
              if a.get_text() == "[1]"}
    assert labels == {expected}
    assert away.find("b") is None
