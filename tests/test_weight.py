"""The case page's weight (#12, part W), guarded by structure rather than by a byte count:
a phone card's fixed column headings come from casefile.css once, not from a data-label on
every cell; only the matrix's later columns, whose headings vary per case, carry one. The
browser side (each cell's heading shown at 390 px) is tests/test_browser_phone.py."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from casefile.model import views
from tests.conftest import REPO
from tests.test_site import CASE, page, site  # noqa: F401  (module-scoped build)

CSS = REPO / "overrides" / "assets" / "casefile.css"
FIXED = re.compile(r'table\.(cf-[a-z-]+) > tbody > tr > :nth-child\((\d+)\)::before \{ '
                   r'content: "([^"]*)"; content: "\3" / ""; \}')


def fixed_labels() -> dict[str, dict[int, str]]:
    """Per card table class, the column headings casefile.css shows above cells (1-based)."""
    out: dict[str, dict[int, str]] = {}
    for table, column, words in FIXED.findall(CSS.read_text(encoding="utf-8")):
        out.setdefault(table, {})[int(column)] = words
    return out


VARIED = re.compile(r'table\.(cf-[a-z-]+) > tbody > tr > :nth-child\((\d+)\)::before \{ '
                    r'content: var\(--c\2\); content: var\(--c\2\) / ""; \}')
PROPERTY = re.compile(r'--c(\d+):"((?:[^"\\]|\\[0-9a-f]+ )*)"(?:;|$)')


def varied_columns() -> dict[str, set[int]]:
    """Per card table class, the columns casefile.css labels from the table's --cN."""
    out: dict[str, set[int]] = {}
    for table, column in VARIED.findall(CSS.read_text(encoding="utf-8")):
        out.setdefault(table, set()).add(int(column))
    return out


def style_labels(table: Tag) -> dict[int, str]:
    """A table's --cN custom properties, CSS hex escapes read back."""
    style = str(table.get("style", ""))
    found = PROPERTY.findall(style)
    assert ";".join(f'--c{n}:"{v}"' for n, v in found) == style  # nothing else in it
    unescape = re.compile(r"\\([0-9a-f]+) ")
    return {int(n): unescape.sub(lambda m: chr(int(m.group(1), 16)), v) for n, v in found}


def label(cell: Tag, table: Tag, column: int) -> str | None:
    """What a phone shows above a card's cell: its data-label, else casefile.css's words,
    else the table's --cN where casefile.css shows that."""
    kind = str(table["class"][0])
    if cell.has_attr("data-label"):
        return str(cell["data-label"])
    if column in varied_columns().get(kind, set()):
        return style_labels(table).get(column)
    return fixed_labels().get(kind, {}).get(column)


def words(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


def test_fixed_columns_are_labelled_once_in_the_stylesheet() -> None:
    assert fixed_labels() == {
        "cf-matrix": {1: "Finding"},
        "cf-deadlines": {1: "Requirement", 2: "Set by", 3: "Deadline", 4: "Outcome"},
        "cf-case-list": {1: "Case", 2: "Status, and where things stand",
                         3: "Latest event", 4: "Next or past-due deadline"}}


def cards(soup: BeautifulSoup) -> list[tuple[Tag, list[str], list[Tag]]]:
    """Per body row of each card table: the table, its headings and the row's cells."""
    return [(t, [words(th) for th in t.select("thead th")],
             row.find_all(["th", "td"], recursive=False))
            for t in soup.select("table.cf-cards") for row in t.select("tbody > tr")]


def test_no_cell_carries_a_label_the_stylesheet_gives(site: Path) -> None:  # noqa: F811
    fixed = fixed_labels()
    seen = 0
    for url in (f"cases/{CASE}", ""):
        for table, headings, cells in cards(page(site, url)):
            kind = str(table["class"][0])
            given = set(fixed[kind]) | varied_columns().get(kind, set())
            for column, cell in enumerate(cells, 1):
                assert cell.has_attr("data-label") == (column not in given), (url, column)
                assert label(cell, table, column) == headings[column - 1]
                seen += 1
    assert seen > 20


def test_the_matrix_names_each_later_column_once_per_table(site: Path) -> None:  # noqa: F811
    assert varied_columns() == {"cf-matrix": set(range(2, views.CARD_COLUMNS + 1))}
    matrix = page(site, f"cases/{CASE}").select("table.cf-matrix")
    assert matrix
    for table in matrix:
        headings = [words(th) for th in table.select("thead th")]
        assert style_labels(table) == dict(enumerate(headings[1:], 2))
        assert not table.select("[data-label]")


def test_css_strings_say_the_words_and_nothing_else() -> None:
    hostile = 'a";} body{display:none} \\ </style> \n{x}'
    said = views.css_string(hostile)
    assert said.startswith('"') and said.endswith('"')
    inner = said[1:-1]
    assert not set(inner) & set('"{}<>\n')
    assert re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), inner) == hostile
    assert views.css_string("Cabinet report, 13 March 2018; Own claim: Council 0") == \
        '"Cabinet report, 13 March 2018; Own claim: Council 0"'
    headings = ["Finding"] + [f"Visit {n}" for n in range(2, 20)]
    labels = views.card_labels(headings)
    assert labels.startswith('--c2:"Visit 2";--c3:"Visit 3"')
    assert labels.endswith('--c16:"Visit 16"')  # a 17th column keeps its data-label


def test_a_source_behind_every_finding_of_a_table_links_to_the_table_once(
        site: Path) -> None:  # noqa: F811
    """"Cited in: ... Findings: all 11 of the inspection of July 2017", one link to that
    table, where the report that raised the findings backs every row: not 11 links."""
    soup = page(site, f"cases/{CASE}")
    tables = 0
    for li in soup.select("ol.cf-bibliography > li"):
        ref = "#" + str(li["id"])
        for a in li.select("p.cf-cited-in a"):
            target = soup.find(id=str(a["href"])[1:])
            assert target is not None
            rows = target.select("tbody > tr") if target.name == "div" else []
            if not rows:
                continue
            tables += 1
            caption = words(target.select_one("caption")).removeprefix("Findings of ")
            said = re.split(r", and what|: no later", caption)[0]
            assert words(a) == f"all {len(rows)} of {said}"
            for row in rows:  # every row cites the source, and none is listed again
                assert ref in [x["href"] for x in row.select("a[href^='#ref-']")]
                assert not li.select(f"a[href='#{row['id']}']")
    assert tables >= 1


def test_the_palette_icons_are_drawn_by_the_stylesheet(site: Path) -> None:  # noqa: F811
    """No SVG in the toggle on each page: each icon is a class whose mask casefile.css
    gives once, as a data: URL (nothing fetched), and forced colours still draw it."""
    css = CSS.read_text(encoding="utf-8")
    labels = page(site, f"cases/{CASE}").select("form[data-md-component=palette] label")
    assert [lab.select_one("span.cf-icon")["class"][1] for lab in labels] == [
        "cf-icon--dark", "cf-icon--light"]
    assert not any(lab.select("svg") for lab in labels)
    for name in ("cf-icon--dark", "cf-icon--light"):
        assert re.search(r"\." + name + r" \{ --cf-icon: url\(\"data:image/svg\+xml,[^\"]+\"\); \}",
                         css), name
    forced = css.split("@media (forced-colors: active)")[-1]
    assert "forced-color-adjust: none; background-color: ButtonText;" in forced
