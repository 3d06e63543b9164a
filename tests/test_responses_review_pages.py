"""A finding's page gives the evidence for each body that owes it a reply and gave none
(#18 review, items 1, 2 and 5): the record that says so (the report that set the duty, or
the body's reply letter), linked to the case page and cited, the duty in the report's own
words, and the case's date; a body the finding is not addressed to is not listed. A
fictional fixture built as a site (tests/conftest.py MINI and the coroner's report of
tests/test_responses.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import Tag

from tests.conftest import copy_project, mkdocs_build, write_mini
from tests.html_support import soup_of
from tests.test_responses import BODIES, CASE, PFD, pfd
from tests.test_responses_review import LETTER, letter
from tests.test_site import resolve

DUTY = ("  by: [town-council, trust]\n  within: 56\n  unit: calendar_days\n  from: event\n"
        "  as_written: within 56 days of the date of this report\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("responses-review")
    report = pfd(respond=DUTY).replace("    theme: safeguarding\n",
                                       "    theme: safeguarding\n    directed_at: [trust]\n")
    write_mini(root, {**BODIES, PFD: report, LETTER: letter(),
                      CASE: ("reviewed: 2020-01-01", "reviewed: 2020-01-01\nas_of: 2018-03-09")})
    copy_project(root, data=False)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def lines(site: Path, finding: str) -> list[Tag]:
    """Where responses stand: one line per body (the summary above the history)."""
    return soup_of(site, f"cases/town/findings/{finding}").select("ul.cf-responses > li")


def history(site: Path, finding: str) -> list[Tag]:
    return soup_of(site, f"cases/town/findings/{finding}").select("ol.cf-both > li")


def text(li: Tag) -> str:
    return " ".join(li.get_text(" ").split())


def test_no_response_published_cites_the_report_the_duty_and_the_case_date(
        site: Path) -> None:
    [trust] = lines(site, "c-staffing")  # addressed to the trust only: no council line
    assert text(trust) == (
        "No response published Town Health Trust: “Report to prevent future deaths” (10 "
        "January 2018) set a duty to respond (in its words, “within 56 days of the date of "
        "this report”), due 7 March 2018; as of 9 March 2018, no document in the records is a "
        "response from Town Health Trust, and this is not a rejection: the records may not "
        "hold the reply. [2] The day it was due, in the history")
    assert trust.select("a")[-1]["href"] == "#response-due"
    [cite] = [a for a in trust.select("a") if a.get_text() == "[2]"]
    target, fragment = resolve(site, "cases/town/findings/c-staffing", str(cite["href"]))
    source = target.find(id=fragment)
    assert source is not None and "Regulation 28 report to prevent future deaths" in \
        source.get_text()
    raised, due = history(site, "c-staffing")
    target, fragment = resolve(site, "cases/town/findings/c-staffing",
                               str(raised.a["href"]))  # type: ignore[index]
    assert fragment == "ev-town-pfd" and target.find(id=fragment) is not None
    assert text(due) == (
        "7 March 2018 Response due Area Coroner, in “Report to prevent future deaths” From "
        "Town Health Trust: 56 calendar days from the event (10 January 2018): due 7 March "
        "2018. In the report's words: “within 56 days of the date of this report”. [2]")


def test_a_letter_without_statuses_is_shown_as_a_reply_not_as_silence(site: Path) -> None:
    council, trust = lines(site, "c-handover")
    assert text(council) == "Responded, no status given for this item Town Council, 7 March " \
        "2018"
    assert council.a["href"] == "#reply-l-council-town-council"  # type: ignore[index]
    _, letter_entry, due = history(site, "c-handover")  # the letter before the due day
    assert letter_entry["id"] == "reply-l-council-town-council"
    assert text(letter_entry) == (
        "7 March 2018 Letter l-council Response Responded, no status given for this item Town "
        "Council Its reply to this report, “Letter l-council” (7 March 2018), gives no status "
        "for this finding. [4] Responded on time: Town Council responded in “Letter "
        "l-council” (7 March 2018), on or before the day it was due.")
    assert str(letter_entry.a["href"]).endswith("#ev-l-council")  # type: ignore[index]
    assert due["id"] == "response-due"
    assert text(trust).startswith("No response published Town Health Trust: ")
    assert "Rejected" not in text(council) + text(trust) + text(letter_entry)
