"""Findings counted and named in the words of their kind, and counts beside a status label in
grammatical English (#18/#12 review, items 1 to 3): "raised 64 recommendations", not "raised
64 findings"; a recommendation's page says "this recommendation"; "2 with the status Concern
remains", not "2 concern remains". Built from the fictional MINI data set
(tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.model import vocab
from casefile.model.histories import finding_src, histories
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import MINI, REPO, write_mini
from tests.test_stand import FOLLOW_UP, INSPECTION, NO_ASSESSMENT, VISIT, view

LEADERSHIP = "  - id: f-leadership\n    theme: leadership\n    text: Weak leadership.\n"


def _findings(*kinds: str | None) -> tuple[str, str]:
    """The MINI inspection with findings of ``kinds`` (None: no kind given), the first of
    them f-leadership, the others f-2, f-3…, each with its source's number."""
    out = ""
    for i, kind in enumerate(kinds, 1):
        ident = "f-leadership" if i == 1 else f"f-{i}"
        out += f"  - id: {ident}\n    theme: leadership\n"
        out += f"    kind: {kind}\n    number: '{i}'\n" if kind else ""
        out += f"    text: Finding {i} (invented).\n    cite: [report-2017]\n"
    assert LEADERSHIP in MINI[INSPECTION]
    return LEADERSHIP + "    cite: [report-2017]\n", out


@pytest.mark.parametrize(("kinds", "lead"), [
    (("recommendation",) * 3, "raised 3 recommendations."),
    (("recommendation",), "raised 1 recommendation."),
    ((None, "recommendation", "finding", "concern", "conclusion", "concern"),
     "raised 2 findings, 1 recommendation, 1 conclusion and 2 matters of concern."),
    (("concern",), "raised 1 matter of concern."),
    ((None, None), "raised 2 findings."),
])
def test_the_lead_counts_each_kind_in_its_own_words(
        tmp_path: Path, kinds: tuple[str | None, ...], lead: str) -> None:
    s = view(tmp_path, {INSPECTION: _findings(*kinds)}).stand
    assert s is not None
    [f] = s.findings
    assert f.lead == f"The inspection of July 2017 {lead}"
    assert f.total == len(kinds)


def test_every_finding_kind_has_its_words_one_and_several() -> None:
    assert list(vocab.FINDING_KIND_WORDS) == list(vocab.FINDING_KINDS)
    assert [vocab.kind_count(n, vocab.FINDING_KINDS["concern"]) for n in (0, 1, 2)] == [
        "0 matters of concern", "1 matter of concern", "2 matters of concern"]
    assert vocab.kind_count(64, None) == "64 findings"
    assert vocab.kind_word(vocab.FINDING_KINDS["recommendation"]) == "recommendation"


def test_two_findings_with_one_status_are_counted_in_grammatical_english(
        tmp_path: Path) -> None:
    both = VISIT.replace("status: serious_concern", "status: concern")
    s = view(tmp_path, {INSPECTION: _findings("recommendation", "recommendation"),
                        "cases/town/records/town-visit.yml": both.replace("f-safe", "f-2"),
                        "cases/town/records/town-follow-up.yml": ("status: improving",
                                                                  "status: worsened")}).stand
    assert s is not None
    [f] = s.findings
    assert f.lead == ("The inspection of July 2017 raised 2 recommendations. Their latest "
                      "assessments come from 2 different bodies, each named below with how "
                      "many of them it assessed last.")
    assert [v.text for v in f.voices] == [
        "Town Council (own claim; 1 March 2018) gave the latest assessment of 1 of them: "
        "1 with the status Got worse.",
        "New Inspectorate (regulator's judgement; 1 February 2018) gave the latest assessment "
        "of 1 of them: 1 with the status Concern remains."]
    s = view(tmp_path / "b", {"cases/town/records/town-visit.yml": both.replace(
        "f-safe", "f-2"), INSPECTION: _findings(None, None), FOLLOW_UP: NO_ASSESSMENT}).stand
    assert s is not None
    assert s.findings[0].voices[0].text.endswith(
        "gave the latest assessment of all 2: 2 with the status Concern remains.")


def _page(tmp_path: Path, finding: str, changes: dict[str, str | tuple[str, str]]
          ) -> BeautifulSoup:
    r = Renderer(load_dataset(write_mini(tmp_path, changes), use_cache=False), REPO / "macros")
    return BeautifulSoup(r.pages()[finding_src("town", finding)], "html.parser")


def test_a_recommendation_s_page_calls_it_a_recommendation(tmp_path: Path) -> None:
    changes: dict[str, str | tuple[str, str]] = {
        INSPECTION: _findings("recommendation", "recommendation")}
    page = _page(tmp_path, "f-2", changes)
    text = " ".join(page.get_text(" ").split())
    assert ("Not assessed: no later document in these records says how this recommendation "
            "has progressed since July 2017.") in text
    assert "No later document in the records assesses this recommendation yet." in text
    back = page.find("a", string="This recommendation in the case's findings table")
    assert back is not None and back["href"].endswith("#finding-f-2")
    assert "this finding" not in text.lower()
    [_, second] = histories(load_dataset(tmp_path / "data", use_cache=False).cases["town"])
    assert second.description == (
        "A recommendation of OI (now New Inspectorate) (July 2017) in Town Council children's "
        "services, and each later assessment of it. Latest status: not assessed.")


def test_a_page_of_a_finding_with_no_kind_still_says_finding(tmp_path: Path) -> None:
    page = _page(tmp_path, "f-2", {INSPECTION: _findings(None, None)})
    text = " ".join(page.get_text(" ").split())
    assert "says how this finding has progressed since July 2017." in text
    assert page.find("a", string="This finding in the case's findings table") is not None


def test_the_responses_intro_names_the_kind(tmp_path: Path) -> None:
    """The Responses section's own sentence uses the finding's kind too (a coroner's matter
    of concern in the fictional fixture of tests/test_responses.py)."""
    from tests.test_responses import BODIES, PFD, pfd, reply
    changes: dict[str, str | tuple[str, str]] = {
        **BODIES, PFD: pfd().replace("    text: Too few staff.", "    kind: concern\n"
                                     "    text: Too few staff."),
        "cases/town/records/r-1.yml": reply("r-1", "2018-02-01")}
    r = Renderer(load_dataset(write_mini(tmp_path, changes), use_cache=False), REPO / "macros")
    page = BeautifulSoup(r.pages()[finding_src("town", "c-staffing")], "html.parser")
    intro = page.select_one("p.cf-intro")
    assert intro is not None
    assert intro.get_text().startswith(
        "Whether each body accepted this matter of concern, from its own published reply")


def test_a_body_s_page_counts_what_it_assesses_by_kind(tmp_path: Path) -> None:
    """The bodies' pages name a body's parts in a case: the findings it assesses are counted
    in the words of their kinds too."""
    from casefile.model.views import body_cases, case_view
    both = VISIT.replace("status: serious_concern", "status: concern").replace("f-safe", "f-2")
    data = write_mini(tmp_path, {INSPECTION: _findings("recommendation", "concern"),
                                 "cases/town/records/town-visit.yml": both})
    case = load_dataset(data, use_cache=False).cases["town"]
    roles = body_cases({"town": case_view(case)})
    assert "assesses 1 recommendation and 1 matter of concern" in roles["inspectorate"][0].roles
    assert "assesses 1 recommendation" in roles["town-council"][0].roles
