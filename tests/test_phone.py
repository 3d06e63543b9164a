"""Phones, dark scheme and forced colours (#12, part C), checked without a browser: every
cell of a table that becomes a card on a phone carries its column heading's words (its
data-label), the matrix headings say which record and who speaks, the "On this page" list
names the page's sections, the palette follows the reader's device with a toggle (in the
site's and casefile init's mkdocs.yml alike), and the status colours keep their contrast
in both schemes. The browser side is tests/test_browser_phone.py."""

from __future__ import annotations

import colorsys
import re
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

from casefile.commands.init import MKDOCS_YML
from casefile.model import views, vocab
from casefile.pipeline import load_dataset
from tests.conftest import REPO, write_mini
from tests.html_support import soup_of, words
from tests.test_site import CASE, site  # noqa: F401  (module-scoped build)
from tests.test_weight import label as card_label

CSS = REPO / "overrides" / "assets" / "casefile.css"
CARD_PAGES = [f"cases/{CASE}", "", "cases"]  # the case page, home and the cases list


def labels_and_headings(soup: BeautifulSoup) -> list[tuple[list[str], list[str]]]:
    """Per body row of each card table: its cells' labels and the table's headings."""
    out = []
    for table in soup.select("table.cf-cards"):
        headings = [words(th) for th in table.select("thead th")]
        for row in table.select("tbody > tr"):
            cells = row.find_all(["th", "td"], recursive=False)
            # a data-label, or the words casefile.css gives a fixed column (test_weight)
            out.append(([str(card_label(c, table, i)) for i, c in enumerate(cells, 1)], headings))
    return out


def test_every_card_cell_carries_its_column_heading(site: Path) -> None:  # noqa: F811
    checked = {}
    for url in CARD_PAGES:
        rows = labels_and_headings(soup_of(site, url))
        assert rows, url
        for labels, headings in rows:
            assert labels == headings
        checked[url] = len(rows)
    case = soup_of(site, f"cases/{CASE}")
    assert {t["class"][0] for t in case.select("table.cf-cards")} == {"cf-matrix", "cf-deadlines"}
    assert [words(th) for th in case.select("table.cf-deadlines thead th")] == [
        "Requirement", "Set by", "Deadline", "Outcome"]
    assert [words(th) for th in soup_of(site, "").select("table.cf-case-list thead th")] == [
        "Case", "Status, and where things stand", "Latest event", "Next or past-due deadline"]


def test_card_tables_keep_their_roles_for_screen_readers(site: Path) -> None:  # noqa: F811
    for table in soup_of(site, f"cases/{CASE}").select("table.cf-cards"):
        assert table["role"] == "table"
        assert {th["role"] for th in table.select("thead th")} == {"columnheader"}
        for row in table.select("tbody > tr"):
            assert row["role"] == "row"
            cells = row.find_all(["th", "td"], recursive=False)
            assert [c["role"] for c in cells] == ["rowheader"] + ["cell"] * (len(cells) - 1)


def test_matrix_headings_name_the_record_and_who_speaks(tmp_path: Path) -> None:
    """One speaker for a column: named in its heading; two: in the cells, not the heading."""
    second = ("  - id: f-leadership\n", "  - id: f-safety\n    theme: safeguarding\n"
              "    text: Unsafe practice.\n    cite: [report-2017]\n  - id: f-leadership\n")
    later = """\
id: town-reinspection
type: inspection
title: Reinspection
date: 2019-03-12
until: 2019-03-14
body: inspectorate
summary: Inspectors returned.
cite: [report-2017]
assessments:
  - finding: f-leadership
    status: improved
    asserted_by: inspectorate
    note: Stronger.
    cite: [report-2017]
  - finding: f-safety
    status: concern
    asserted_by: town-council
    note: Still a concern.
    cite: [council-news]
"""
    data = write_mini(tmp_path, {"cases/town/records/town-inspection.yml": second,
                                 "cases/town/records/town-reinspection.yml": later})
    case = load_dataset(data, use_cache=False).cases["town"]
    [group] = views.matrices(case)
    assert group.headings == [
        "Finding",
        "Follow-up inspection, 1 March 2018; Own claim: Town Council",
        "Inspection, 12 to 14 March 2019",
    ]
    assert [views.who_says(a) for a in group.rows[1].cells if a] == [
        "Own claim: Town Council", "Regulator's judgement: New Inspectorate"]


def test_contents_list_names_the_sections_of_long_pages(site: Path) -> None:  # noqa: F811
    shown = {}
    for url in (f"cases/{CASE}", "", "about", "methodology"):
        soup = soup_of(site, url)
        sections = [(f"#{h2['id']}", words(h2).removesuffix("¶").strip())
                    for h2 in soup.select("article h2") if h2.select_one("a.headerlink")]
        nav = soup.select_one("article nav.cf-contents")
        if len(sections) < 4:
            assert nav is None, url
            continue
        assert nav is not None, url
        assert [(a["href"], words(a)) for a in nav.select("a")] == sections
        first = soup.select_one("article h2")
        assert nav.find_next("h2") is first  # before the first section, after the intro
        shown[url] = len(sections)
    assert shown.get(f"cases/{CASE}", 0) >= 8 and len(shown) < 4  # some pages have none


class _AnyTag(yaml.SafeLoader):
    """Reads mkdocs.yml whatever its tags (!ENV ...): only the palette is compared."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)


def palette(text: str) -> Any:
    return yaml.load(text, Loader=_AnyTag)["theme"]["palette"]  # a SafeLoader


def test_palette_follows_the_device_with_a_toggle_here_and_in_new_sites() -> None:
    ours = palette((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert palette(MKDOCS_YML.format(name="Example")) == ours
    assert [(p["media"], p["scheme"]) for p in ours] == [
        ("(prefers-color-scheme: light)", "default"), ("(prefers-color-scheme: dark)", "slate")]
    assert all(p["toggle"]["name"] and p["toggle"]["icon"] for p in ours)


def test_toggle_icons_are_inlined(site: Path) -> None:  # noqa: F811
    soup = soup_of(site, f"cases/{CASE}")
    inputs = soup.select("form[data-md-component=palette] input[data-md-color-media]")
    assert [i["data-md-color-scheme"] for i in inputs] == ["default", "slate"]
    labels = soup.select("form[data-md-component=palette] label")
    assert len(labels) == 2
    for label in labels:
        assert label.has_attr("hidden")  # the theme's script shows one: no dead control without it
        # the icon: drawn by casefile.css from a data: URL (test_weight), or an inline SVG
        assert label.select_one("span.cf-icon, svg path") is not None
        assert label.select_one("img, use, image") is None  # nothing fetched


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# The theme's backgrounds: white, and slate's hsl(225deg 15% 14%) (Material 9; the browser
# tests measure the real ones).
WHITE = "#ffffff"
SLATE = "#" + "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(225 / 360, .14, .15))


def border_colours(css: str, dark: bool) -> dict[str, str]:
    """Each status (.s-X) and outcome (.o-X) class's border colour in one scheme."""
    out = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*border-color:[^{}]*)\}", css):
        colour = re.search(r"border-color:\s*(#[0-9a-f]{6})", body)
        for selector in selectors.split(","):
            name = re.fullmatch(r'\s*(\[data-md-color-scheme="slate"\] )?\.([so]-\w+)\s*',
                                selector)
            if colour and name and bool(name[1]) == dark:
                out[name[2]] = colour[1]
    return out


def test_status_colours_have_dark_variants_with_contrast() -> None:
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    light, dark = border_colours(css, dark=False), border_colours(css, dark=True)
    terms = {f"s-{t}" for t in vocab.STATUSES} | {f"o-{t}" for t in vocab.OUTCOMES}
    assert len(light) >= 15 and set(light) <= terms
    assert set(dark) == set(light)
    assert SLATE == "#1e2129"
    for name in light:
        assert contrast(light[name], WHITE) >= 3, name  # WCAG 1.4.11 non-text contrast
        assert contrast(dark[name], SLATE) >= 3, name
