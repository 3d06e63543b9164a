"""A finding's page shows responses as a second axis beside the assessments of progress
(#18): each reply oldest first with the body, its date, its citation and quoted words, then
each body whose duty to respond has no reply to it. A fictional fixture built as a site
(tests/conftest.py MINI and the coroner's report of tests/test_responses.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import copy_project, mkdocs_build, write_mini
from tests.html_support import soup_of
from tests.shared_builds import once
from tests.test_responses import BODIES, PFD, ROWS, pfd, reply

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
@once  # read by more than one test module (tests/shared_builds.py)
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("responses")
    rows = ROWS.replace("  - to: c-handover\n", f"  - to: c-handover\n    note: '{HOSTILE}'\n")
    write_mini(root, {**BODIES, PFD: pfd(),
                      "cases/town/records/r-1.yml": reply("r-1", "2018-02-01", rows=rows),
                      "cases/town/records/r-2.yml": reply("r-2", "2018-02-20", "trust")})
    copy_project(root, data=False)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def entries(doc: BeautifulSoup) -> list[str]:
    return [" ".join(li.get_text(" ").split()) for li in doc.select("ol.cf-both > li")]


def test_the_finding_page_gives_where_responses_stand_then_one_history(site: Path) -> None:
    """The summary says each body's latest response in short, linked to its entry; the
    history (#18 item 4) gives it in full, with the report and the due day, in date order."""
    doc = soup_of(site, "cases/town/findings/c-staffing")
    headings = [h.get_text().rstrip("¶") for h in doc.select("article h2")]
    assert headings[headings.index("As raised") + 1:headings.index("Sources")] == [
        "Where responses stand", "History: progress and responses"]
    summary = doc.select("ul.cf-responses > li")
    assert [(" ".join(li.get_text(" ").split()), li.a["href"]) for li in summary] == [  # type: ignore[index]
        ("Accepted in part Town Council, 1 February 2018", "#response-r-1-town-council"),
        ("Accepted Town Health Trust, 20 February 2018", "#response-r-2-trust")]
    assert [li["id"] for li in doc.select("ol.cf-both > li")] == [
        "raised", "response-r-1-town-council", "response-r-2-trust", "response-due"]
    assert entries(doc)[1:] == [
        "1 February 2018 Reply r-1 Response Accepted in part Town Council [3] Responded on "
        "time: Town Council responded in “Reply r-1” (1 February 2018), on or before the day "
        "it was due. “We accept part of this.” [3] Quote not checked : no stored copy is kept",
        "20 February 2018 Reply r-2 Response Accepted Town Health Trust New staff are being "
        "hired. [3] Responded on time: Town Health Trust responded in “Reply r-2” (20 February "
        "2018), on or before the day it was due. “We accept this concern in full.” [3] Quote "
        "not checked : no stored copy is kept",
        "7 March 2018 Response due Area Coroner, in “Report to prevent future deaths” From "
        "Town Council and Town Health Trust: 56 calendar days from the event (10 January "
        "2018): due 7 March 2018. The period is the one every prevention of future deaths "
        "report carries. That day is after these records end (1 March 2018). [2]"]
    quotes = [q.p.get_text() for q in doc.select("ol.cf-both blockquote.cf-quote")]  # type: ignore[union-attr]
    assert quotes == ["“We accept part of this.”", "“We accept this concern in full.”"]


def test_a_body_that_answered_the_report_but_not_this_finding_is_not_pending(
        site: Path) -> None:
    """Its reply exists, so the finding is "Not answered in the reply", citing the reply,
    never "Response pending" (#18 review, item 3)."""
    doc = soup_of(site, "cases/town/findings/c-handover")
    assert entries(doc)[2] == (
        "20 February 2018 Reply r-2 Response Not answered in the reply Town Health Trust Its "
        "reply to this report, “Reply r-2” (20 February 2018), gives no response to this "
        "finding. [3]")  # no "Responded on time" on a reply that does not answer it
    assert entries(doc)[1].startswith("1 February 2018 Reply r-1 Response Rejected Town "
                                      "Council ")
    assert HOSTILE in entries(doc)[1]  # shown as text
    assert doc.select("article script, article img") == []
    assert "Response pending" not in doc.get_text()


def test_a_finding_with_no_duty_and_no_response_has_no_responses_section(site: Path) -> None:
    doc = soup_of(site, "cases/town/findings/f-leadership")
    headings = [h.get_text().rstrip("¶") for h in doc.select("article h2")]
    assert "Where responses stand" not in headings
    assert "History: progress and responses" in headings
    assert doc.select("ol.cf-both > li.cf-entry--due") == []
