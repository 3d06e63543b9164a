"""A finding's page shows responses as a second axis beside the assessments of progress
(#18): each reply oldest first with the body, its date, its citation and quoted words, then
each body whose duty to respond has no reply to it. A fictional fixture built as a site
(tests/conftest.py MINI and the coroner's report of tests/test_responses.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_project, mkdocs_build, write_mini
from tests.test_responses import BODIES, PFD, ROWS, pfd, reply
from tests.test_site import page

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
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


def test_the_finding_page_lists_responses_apart_from_progress(site: Path) -> None:
    doc = page(site, "cases/town/findings/c-staffing")
    headings = [h.get_text().rstrip("¶") for h in doc.select("article h2")]
    assert headings[headings.index("Assessments, oldest first") + 1] == "Responses"
    items = doc.select("ol.cf-responses > li")
    assert [" ".join(li.p.get_text(" ").split()) for li in items] == [  # type: ignore[union-attr]
        "1 February 2018 Reply r-1 Response: Accepted in part — Town Council, "
        "1 February 2018 [3]",
        "20 February 2018 Reply r-2 Response: Accepted — Town Health Trust, "
        "20 February 2018 [3]"]
    quotes = [q.p.get_text() for q in items[0].select("blockquote.cf-quote")]  # type: ignore[union-attr]
    assert quotes == ["“We accept part of this.”"]


def test_a_body_that_answered_the_report_but_not_this_finding_is_not_pending(
        site: Path) -> None:
    """Its reply exists, so the finding is "Not answered in the reply", citing the reply,
    never "Response pending" (#18 review, item 3)."""
    doc = page(site, "cases/town/findings/c-handover")
    items = [" ".join(li.get_text(" ").split()) for li in doc.select("ol.cf-responses > li")]
    assert items[1] == ("20 February 2018 Reply r-2 Response: Not answered in the reply — "
                        "Town Health Trust: its reply to this report, “Reply r-2” (20 February "
                        "2018), gives no response to this finding. [3]")
    assert items[0].startswith("1 February 2018 Reply r-1 Response: Rejected — Town Council, ")
    assert HOSTILE in items[0]  # shown as text
    assert doc.select("article script, article img") == []


def test_a_finding_with_no_duty_and_no_response_has_no_responses_section(site: Path) -> None:
    doc = page(site, "cases/town/findings/f-leadership")
    assert "Responses" not in [h.get_text().rstrip("¶") for h in doc.select("article h2")]
