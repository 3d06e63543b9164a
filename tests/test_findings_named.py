"""#12's wording leftovers, read from a built site: a findings table names its kind
("Recommendations of …", "Findings and recommendations of …") in its caption, first
heading, phone-card label and the "Cited in" lists; a permalink names the item by its
source's own number ("Permalink to recommendation 12"), told apart where two would share a
name, and one the source did not number by its first words; a next step links to the
later record that reports what happened; the home page's case list gives an open case's
next step still to come. Builds the fictional inquiry fixture (tests/projects/inquiry: 64
recommendations, imported) with an invented later record of the water board that raises
one finding and one recommendation numbered 1, and three next steps."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from casefile.commands.cli import main
from casefile.model.upcoming import NOT_SHOWN
from tests.conftest import PROJECTS, REPO, copy_project, mkdocs_build
from tests.html_support import accessible_name, soup_of, words
from tests.shared_builds import once
from tests.test_link_names import BARE, names_by_section

INQUIRY = PROJECTS / "inquiry"
CASE = "example-northmoor-water-inquiry"
RECORDS = f"data/cases/{CASE}/records"
REPORT = "northmoor-2025-final-report"
UPDATE = "northmoor-2025-board-update"
REPORT_TITLE = "FICTIONAL TEST RECORD: the inquiry's final report"
UPDATE_TITLE = "FICTIONAL TEST RECORD: the board's update"
NEXT = """next:
  - text: The board publishes a plan (invented)
    date: 2025-05
    cite: [northmoor-final-report]
    reported_in: northmoor-2025-board-update
  - text: The board replies to the inquiry (invented)
    date: 2025-04
    cite: [northmoor-final-report]
  - text: The inquiry holds a review hearing (invented)
    date: 2026-01
    cite: [northmoor-final-report]
"""
UPDATE_RECORD = f"""id: {UPDATE}
type: improvement_plan
title: "{UPDATE_TITLE}"
date: 2025-06-02
body: northmoor-water-board
summary: The invented board published an invented plan.
cite: [northmoor-final-report]
findings:
  - id: northmoor-update-finding
    theme: fictional-water-governance
    text: The board found its own records incomplete (invented).
    cite: [northmoor-final-report]
  - id: northmoor-update-rec-1
    theme: fictional-water-governance
    kind: recommendation
    number: '1'
    text: The board should keep complete records (invented).
    cite: [northmoor-final-report]
"""
CSS = (REPO / "overrides/assets/casefile.css").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
@once  # read by more than one test module (tests/shared_builds.py)
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("named"), INQUIRY / "data")
    here = Path.cwd()
    try:
        os.chdir(project)
        assert main(["import", "recommendations", str(INQUIRY / "recommendations.csv"),
                     "--record", REPORT]) == 0
    finally:
        os.chdir(here)
    report = project / RECORDS / f"{REPORT}.yml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("findings:", NEXT + "findings:", 1), encoding="utf-8")
    (project / RECORDS / f"{UPDATE}.yml").write_text(UPDATE_RECORD, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def table(soup: BeautifulSoup, record: str) -> Tag:
    found = soup.select_one(f"#findings-of-{record} table.cf-matrix")
    assert found is not None
    return found


def test_each_table_names_its_kind_in_caption_and_first_heading(site: Path) -> None:
    soup = soup_of(site, f"cases/{CASE}")
    recs, mixed = table(soup, REPORT), table(soup, UPDATE)
    assert len(recs.select("tbody > tr")) == 64
    assert words(recs.caption).startswith(f"Recommendations of “{REPORT_TITLE}”,")
    assert words(mixed.caption).startswith(f"Findings and recommendations of “{UPDATE_TITLE}”,")
    assert words(recs.select_one("thead th")) == "Recommendation"
    assert words(mixed.select_one("thead th")) == "Finding or recommendation"


def test_a_phone_card_labels_the_rows_with_the_table_s_own_heading(site: Path) -> None:
    """casefile.css shows --c1 above the first cell of a cf-rows-named table, and each such
    table's style gives --c1 as its first heading (a table of findings keeps "Finding")."""
    assert re.search(r'@media screen and \(max-width: 44\.9375em\) \{\n  \.md-typeset '
                     r'table\.cf-matrix\.cf-rows-named > tbody > tr > :nth-child\(1\)::before '
                     r'\{ content: var\(--c1\); content: var\(--c1\) / ""; \}', CSS)
    soup = soup_of(site, f"cases/{CASE}")
    for record, heading in ((REPORT, "Recommendation"), (UPDATE, "Finding or recommendation")):
        found = table(soup, record)
        assert "cf-rows-named" in found["class"]
        assert str(found["style"]).split(";")[0] == f'--c1:"{heading}"'
    assert not soup.select("table.cf-matrix[style*='--c1:\"Finding\"']")


def test_cited_in_names_the_tables_by_their_kind(site: Path) -> None:
    soup = soup_of(site, f"cases/{CASE}/sources")  # "Cited in" is on the case's sources page
    [li] = [li for li in soup.select("ol.cf-bibliography > li")
            if "northmoor-final-report" in words(li) or "final report" in words(li)]
    cited = words(li.select_one("p.cf-cited-in"))
    assert f"Recommendations: all 64 of “{REPORT_TITLE}”, 10 March 2025" in cited
    assert f"Findings and recommendations: all 2 of “{UPDATE_TITLE}”, 2 June 2025" in cited
    assert "Findings: all" not in cited
    hrefs = ["#" + str(a["href"]).split("#", 1)[1] for a in li.select("p.cf-cited-in a")]
    assert f"#findings-of-{REPORT}" in hrefs and f"#findings-of-{UPDATE}" in hrefs


def test_permalinks_name_the_source_s_own_number_and_stay_distinct(site: Path) -> None:
    soup = soup_of(site, f"cases/{CASE}")
    names = {str(a["href"]): accessible_name(a, soup) for a in soup.select("a.cf-pl")}
    assert names[f"#finding-{REPORT}-12"] == "Permalink to recommendation 12"
    assert names[f"#finding-{REPORT}-64"] == "Permalink to recommendation 64"
    # two reports' "recommendation 1", told apart by their rows; an unnumbered finding by its row
    assert names[f"#finding-{REPORT}-1"] == (
        "Permalink to recommendation 1 (row 1 of the findings tables)")
    assert names["#finding-northmoor-update-rec-1"] == (
        "Permalink to recommendation 1 (row 66 of the findings tables)")
    # one the source did not number: by its first words, never by a count of casefile's
    # own ("finding 65"), which a reader would take for the source's numbering
    assert names["#finding-northmoor-update-finding"] == (
        "Permalink to the finding “The board found its…”")
    assert [n for n, k in Counter(names.values()).items() if k > 1] == []
    # nor does any link of a section share its name with a link elsewhere (WCAG 2.4.4)
    by_name = names_by_section(soup)
    assert {key: hrefs for key, hrefs in by_name.items() if len(hrefs) > 1} == {}
    assert [name for _, name in by_name if BARE.fullmatch(name)] == []


def test_a_next_step_links_to_the_record_that_reports_what_happened(site: Path) -> None:
    soup = soup_of(site, f"cases/{CASE}")
    steps = soup.select("div.cf-stand p.cf-next-step")
    said = [words(p) for p in steps]
    assert said[0].startswith("What happens next, according to ")
    assert said[0].endswith("The inquiry holds a review hearing (invented). Expected by "
                            "January 2026. [1]")
    assert said[1].endswith("The board replies to the inquiry (invented). "
                            f"{NOT_SHOWN} [1]")
    assert said[2].endswith("said what would happen next: The board publishes a plan "
                            "(invented). It was expected by May 2025. [1] What happened: see "
                            f"“{UPDATE_TITLE}” (2 June 2025).")
    link = steps[2].select("a")[-1]
    assert (words(link), link["href"]) == (f"“{UPDATE_TITLE}” (2 June 2025)",
                                           f"#ev-{UPDATE}")
    assert soup.find(id=f"ev-{UPDATE}") is not None
    assert not any("did not happen" in s or "not done" in s for s in said)


def test_the_case_list_gives_an_open_case_s_next_step(site: Path) -> None:
    case_page = soup_of(site, f"cases/{CASE}")
    first = words(case_page.select_one("div.cf-stand p.cf-next-step")).removesuffix(" [1]")
    for rel in ("", "cases"):
        row = soup_of(site, rel).select_one("table.cf-case-list td.cf-stand-short")
        assert row is not None
        assert [words(p) for p in row.select("p.cf-next-step")] == [first]
