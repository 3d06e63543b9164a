"""Link names on a case page (WCAG 2.4.4, #12 review): no two links in one section of a
case page share an accessible name but go to different places; no link is named only by a
bracketed number or by a due date alone. Builds the Powys fixture with the fictional second
case added (tests/projects)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.model.cited_in import Place, told_apart
from tests.html_support import accessible_name, soup_of
from tests.test_copies_shown import shown_site  # noqa: F401  (built once)

BARE = re.compile(r"\[\d+\]|#|due [^,]*|no deadline set")  # a number, a date, nothing more


def names_by_section(soup: BeautifulSoup) -> dict[tuple[str, str], set[str]]:
    """(section heading, accessible name) → the addresses of the links so named."""
    article = soup.select_one("article")
    assert article is not None
    section, out = "", defaultdict(set)
    for el in article.find_all(["h2", "a"]):
        if el.name == "h2":
            section = el.get_text().rstrip("¶")
        elif el.get("href"):
            out[(section, accessible_name(el, soup))].add(str(el["href"]))
    return out


@pytest.mark.parametrize("case_id", ["powys-childrens-services",
                                     "fictional-borough-childrens-services"])
def test_no_two_links_of_a_section_share_a_name_but_not_a_place(
        shown_site: Path, case_id: str) -> None:  # noqa: F811
    soup = soup_of(shown_site, f"cases/{case_id}")
    names = names_by_section(soup)
    assert len(names) > 50  # the page's links were read
    assert {key: hrefs for key, hrefs in names.items() if len(hrefs) > 1} == {}
    assert [name for _, name in names if BARE.fullmatch(name)] == []


def test_a_past_due_link_names_its_requirement(shown_site: Path) -> None:  # noqa: F811
    soup = soup_of(shown_site, "cases/fictional-borough-childrens-services")
    link = soup.select_one("div.cf-stand a[href^='#req-']")
    assert link is not None
    assert link.get_text() == ("due 29 March 2023, the requirement: Send the regulator an "
                               "action plan (invented)")
    assert link.select_one(".cf-vh").get_text() == (  # type: ignore[union-attr]
        ", the requirement: Send the regulator an action plan (invented)")


def test_links_of_the_same_words_are_told_apart_by_detail_then_place() -> None:
    places = [Place("Timeline", "ev-a", "October 2018", "Inspection"),
              Place("Timeline", "ev-b", "October 2018", "New head of service"),
              Place("Timeline", "ev-c", "May 2018", "Letter"),
              Place("Statements", "statement-1", "Pat Leader", "“We are sorry…”"),
              Place("Statements", "statement-2", "Pat Leader", "“We are sorry…”"),
              Place("Timeline", "ev-d", "June 2018 (published)", ""),
              Place("Timeline", "ev-e", "June 2018 (published)", "")]
    assert [p.words for p in told_apart(places)] == [
        "October 2018 (Inspection)", "October 2018 (New head of service)", "May 2018",
        "Pat Leader (“We are sorry…”, 1st of 2)", "Pat Leader (“We are sorry…”, 2nd of 2)",
        "June 2018 (published, 1st of 2)", "June 2018 (published, 2nd of 2)"]
