"""Four public claims about named bodies, found by the #12 review, read from a built site:

1. a source's "Cited in" names a finding by the source's own number ("Recommendation 12"),
   two of one number told apart by their report, and one the source did not number by its
   first words;
2. the permalink of a finding the source did not number is named by its first words, never
   by a count of casefile's own ("finding 65") that a reader would take for its number;
3. the case facts and the home page's list of cases give a body's duty to respond, past
   due, as the "Next or past-due deadline", saying whose it is (not "None recorded");
4. where more than one body responds in a case, every label of a single response status
   (the lists' index, a status page's heading and its links to the others) says whose.

The fictional inquiry of tests/test_response_lists.py (64 recommendations, a duty on the
department and the water board, due 10 May 2025; the department replies on time, the board
not at all, as of 30 June 2025), with the board's invented update (tests/
test_findings_named.py: an unnumbered finding and a recommendation numbered 1) and an
invented review by the regulator of recommendations 1 and 12 and of the update's
recommendation 1, and a letter of the regulator's on the update's finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import Tag

from casefile.model import objects as m
from casefile.model import vocab
from casefile.model.response_lists import Group, StatusPage
from tests.conftest import mkdocs_build
from tests.html_support import accessible_name, soup_of, words
from tests.test_findings_named import UPDATE, UPDATE_RECORD, UPDATE_TITLE
from tests.test_response_lists import CASE, REPORT, prepare_inquiry

REPORT_TITLE = "FICTIONAL TEST RECORD: the inquiry's final report"
DEPT, BOARD = "Example Department for Water (fictional)", "Northmoor Water Board (fictional)"
REGULATOR = "example-water-regulator"


def source(sid: str, title: str) -> str:
    return (f"id: {sid}\ntitle: \"FICTIONAL TEST DOCUMENT: {title}\"\n"
            f"publisher: {REGULATOR}\nkind: report\npublished: 2025-06-15\nlanguage: en\n")


def assessed(finding: str, cite: str) -> str:
    return (f"  - finding: {finding}\n    status: improving\n    asserted_by: {REGULATOR}\n"
            f"    note: Invented.\n    cite: [{cite}]\n")


REVIEW = f"""\
id: regulator-review-2025
type: inspection
title: "FICTIONAL TEST RECORD: the regulator's review"
date: 2025-06-15
body: {REGULATOR}
summary: The invented regulator reviewed three recommendations and a finding.
cite: [regulator-review]
assessments:
{assessed(f"{REPORT}-1", "regulator-review")}{assessed(f"{REPORT}-12", "regulator-review")}\
{assessed("northmoor-update-rec-1", "regulator-review")}\
{assessed("northmoor-update-finding", "regulator-letter")}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = prepare_inquiry(tmp_path_factory.mktemp("review-words"))
    data = project / "data"
    records = data / "cases" / CASE / "records"
    (records / f"{UPDATE}.yml").write_text(UPDATE_RECORD, encoding="utf-8")
    (records / "regulator-review-2025.yml").write_text(REVIEW, encoding="utf-8")
    (data / "sources" / "regulator-review.yml").write_text(
        source("regulator-review", "the regulator's review"), encoding="utf-8")
    (data / "sources" / "regulator-letter.yml").write_text(
        source("regulator-letter", "the regulator's letter"), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def cited_in(site: Path, title: str) -> Tag:
    doc = soup_of(site, f"cases/{CASE}/sources")
    [li] = [li for li in doc.select("ol.cf-bibliography > li") if title in words(li)]
    found = li.select_one("p.cf-cited-in")
    assert found is not None
    return found


def test_cited_in_names_a_finding_by_the_source_s_own_number(site: Path) -> None:
    review = cited_in(site, "the regulator's review")
    # before: “The body should replace…” (the recommendation's first words)
    assert words(review) == (
        "Cited in: Timeline: 15 June 2025. Recommendations: Recommendation 1 "
        f"(“{REPORT_TITLE}”, 10 March 2025); Recommendation 12. Findings and "
        f"recommendations: Recommendation 1 (“{UPDATE_TITLE}”, 2 June 2025).")
    hrefs = [str(a["href"]).split("#", 1)[1] for a in review.select("a")]
    assert hrefs == ["ev-regulator-review-2025", f"finding-{REPORT}-1", f"finding-{REPORT}-12",
                     "finding-northmoor-update-rec-1"]
    letter = cited_in(site, "the regulator's letter")
    assert words(letter) == "Cited in: Findings and recommendations: “The board found its…”."


def test_an_unnumbered_finding_s_permalink_is_named_by_its_first_words(site: Path) -> None:
    page = soup_of(site, f"cases/{CASE}")
    names = {str(a["href"]): accessible_name(a, page) for a in page.select("a.cf-pl")}
    # before: "Permalink to finding 65", a number the board's update never gave it
    assert names["#finding-northmoor-update-finding"] == (
        "Permalink to the finding “The board found its…”")
    assert names[f"#finding-{REPORT}-12"] == "Permalink to recommendation 12"
    assert not [n for n in names.values() if n.startswith("Permalink to finding ")]


DUTY = (f"Duty of {BOARD} to respond to “{REPORT_TITLE}” (10 March 2025)")


def test_the_facts_give_the_duty_past_due_and_whose_it_is(site: Path) -> None:
    page = soup_of(site, f"cases/{CASE}")
    [fact] = [d.find_next_sibling("dd") for d in page.select("dl.cf-facts > dt")
              if words(d) == "Next or past-due deadline"]
    # before: "None recorded", with the board's reply 51 days overdue
    assert words(fact) == f"{DUTY}, due 10 May 2025 No response published"
    assert fact.select_one('[class^="o-"]').get_text() == "No response published"
    # "where things stand" says the same duty, and that the department answered its own
    duties = [words(p) for p in page.select("div.cf-stand p.cf-duty")]
    assert len(duties) == 2
    assert duties[0].startswith(f"Duty to respond to “{REPORT_TITLE}” (10 March 2025), "
                                f"{DEPT}: Responded on time. ")
    assert duties[1].startswith(f"Duty to respond to “{REPORT_TITLE}” (10 March 2025), "
                                f"{BOARD}: No response published. ")


def test_the_list_of_cases_gives_the_same_duty(site: Path) -> None:
    home = soup_of(site, "cases")
    [row] = home.select("table.cf-case-list tbody tr")
    cell = row.select("td")[-1]
    assert " ".join(cell.get_text(" ").split()) == (
        f"{DUTY} No response published , due 10 May 2025 as of 30 June 2025")


def test_the_index_says_whose_each_response_status_is(site: Path) -> None:
    index = soup_of(site, f"cases/{CASE}/lists")
    [section] = [s for s in index.select("section.cf-list-index")
                 if words(s.h2) == "By response status"]
    # before: "Accepted: 38 entries", with two bodies responding
    assert [words(a) for a in section.select("a")] == [
        f"Accepted from {DEPT}: 38 entries", f"Accepted in part from {DEPT}: 3 entries",
        f"Rejected from {DEPT}: 1 entry", f"Not answered in the reply from {DEPT}: 5 entries",
        f"No response published from {BOARD}: 34 entries"]


def test_a_status_page_s_heading_and_links_say_whose(site: Path) -> None:
    page = soup_of(site, f"cases/{CASE}/responses/no-response-published")
    assert " ".join(page.h1.get_text(" ").split()) == (
        f"Response status No response published from {BOARD}")
    assert page.title is not None and page.title.get_text().startswith(
        f"No response published from {BOARD}: responses in ")
    others = [words(a) for a in page.select("nav.cf-response-statuses a")]
    assert others == [f"Accepted from {DEPT} (38)", f"Accepted in part from {DEPT} (3)",
                      f"Rejected from {DEPT} (1)", f"Not answered in the reply from {DEPT} (5)"]


def body(bid: str, name: str) -> m.Body:
    return m.Body(bid, "council", [m.BodyName(name, None, None, None, None, [])], None)


def test_a_status_label_names_each_body_once_in_page_order() -> None:
    a, b = body("a", "Body A"), body("b", "Body B")
    record = m.Record.__new__(m.Record)
    term = vocab.RESPONSE_STATUSES["accepted"]
    groups = [Group(record, a, ""), Group(record, b, ""), Group(record, a, "")]
    assert StatusPage(term, "x.md", groups).label == "Accepted"  # one body in the case
    assert StatusPage(term, "x.md", groups, several=True).label == (
        "Accepted from Body A and Body B")
    assert StatusPage(term, "x.md", groups[:1], several=True).label == "Accepted from Body A"
