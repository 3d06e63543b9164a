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
from tests.test_responses import BODIES, CASE, PFD, pfd
from tests.test_responses_review import LETTER, letter
from tests.test_site import page, resolve

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
    return page(site, f"cases/town/findings/{finding}").select("ol.cf-responses > li")


def text(li: Tag) -> str:
    return " ".join(li.get_text(" ").split())


def test_no_response_published_cites_the_report_the_duty_and_the_case_date(
        site: Path) -> None:
    [trust] = lines(site, "c-staffing")  # addressed to the trust only: no council line
    assert text(trust) == (
        "10 January 2018 Report to prevent future deaths Response: No response published — "
        "Town Health Trust: “Report to prevent future deaths” (10 January 2018) set a duty "
        "to respond (in its words, “within 56 days of the date of this report”), due 7 March "
        "2018; as of 9 March 2018, no document in the records is a response from Town Health "
        "Trust, and this is not a rejection: the records may not hold the reply. [2]")
    target, fragment = resolve(site, "cases/town/findings/c-staffing",
                               str(trust.a["href"]))  # type: ignore[index]
    assert fragment == "ev-town-pfd" and target.find(id=fragment) is not None
    [cite] = [a for a in trust.select("a") if a.get_text() == "[2]"]
    target, fragment = resolve(site, "cases/town/findings/c-staffing", str(cite["href"]))
    source = target.find(id=fragment)
    assert source is not None and "Regulation 28 report to prevent future deaths" in \
        source.get_text()


def test_a_letter_without_statuses_is_shown_as_a_reply_not_as_silence(site: Path) -> None:
    council, trust = lines(site, "c-handover")
    assert text(council) == (
        "7 March 2018 Letter l-council Response: Responded, no status given for this item — "
        "Town Council: its reply to this report, “Letter l-council” (7 March 2018), gives no "
        "status for this finding. [4]")
    assert str(council.a["href"]).endswith("#ev-l-council")  # type: ignore[index]
    assert text(trust).startswith("10 January 2018 Report to prevent future deaths Response: "
                                  "No response published — Town Health Trust: ")
    assert "Rejected" not in text(council) + text(trust)
