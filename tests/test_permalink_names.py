"""Each permalink of a case page is named for screen readers by its own words, never by a
count of casefile's own, which a reader would take for the source's numbering (#12
review): an event by its title and date, a requirement by its first words; where two
would share a name, a requirement by more of its words, and only where that too is
shared (or for two events of one title and date) by its place, said as such: "(row 3 of
the requirements table)", "(entry 4 of the timeline)". Findings: tests/test_findings_named.py.

The fictional Town Council case of tests/conftest.py (MINI), with requirements and a
second follow-up added; the names are read from the model and from the rendered page."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from casefile.model.citation import permalink_names, requirement_names
from casefile.model.views import case_view
from casefile.outputs.render import Renderer, case_src
from casefile.pipeline import load_dataset
from tests.conftest import MINI, REPO, write_mini

INS = "cases/town/records/town-inspection.yml"
MORE = """\
  - id: req-children
    text: Produce a plan for children in care within the year.
    cite: [report-2017]
  - id: req-staff
    text: Produce a plan for staff.
    cite: [report-2017]
  - id: req-train-a
    text: Train the staff.
    cite: [report-2017]
  - id: req-train-b
    text: Train  the
      staff.
    cite: [report-2017]
statements:
"""
SECOND = MINI["cases/town/records/town-follow-up.yml"].replace(
    "id: town-follow-up\n", "id: town-follow-up-2\n")
CHANGES: dict[str, str | tuple[str, str]] = {
    INS: ("statements:\n", MORE),
    "cases/town/records/town-follow-up-2.yml": SECOND}
EXPECTED = {
    "ev-town-inspection": "Permalink to the event “Inspection”, July 2017",
    "ev-town-inspection-published":
        "Permalink to the publication of “Inspection”, 2 October 2017",
    # one title, one date: told apart by their place in the timeline, said as such
    "ev-town-follow-up": "Permalink to the event “Follow-up”, 1 March 2018 (entry 3 of the "
                         "timeline)",
    "ev-town-follow-up-2": "Permalink to the event “Follow-up”, 1 March 2018 (entry 4 of the "
                           "timeline)",
    "finding-f-leadership": "Permalink to the finding “Weak leadership.”",
    # two that open alike: by more of their words
    "req-req-children": "Permalink to the requirement “Produce a plan for children in care "
                        "within the year.”",
    "req-req-plan": "Permalink to the requirement “Produce a plan.”",
    "req-req-staff": "Permalink to the requirement “Produce a plan for staff.”",
    # the same words: by their row of the table
    "req-req-train-a": "Permalink to the requirement “Train the staff.” (row 4 of the "
                       "requirements table)",
    "req-req-train-b": "Permalink to the requirement “Train the staff.” (row 5 of the "
                       "requirements table)"}


def test_names_by_words_told_apart_by_more_words_then_by_place(tmp_path: Path) -> None:
    ds = load_dataset(write_mini(tmp_path, CHANGES), use_cache=False)
    view = case_view(ds.cases["town"])
    assert [r.id for r in view.requirements] == [
        "req-children", "req-plan", "req-staff", "req-train-a", "req-train-b"]
    assert permalink_names(view) == EXPECTED


def test_the_page_carries_each_name_on_its_own_row(tmp_path: Path) -> None:
    r = Renderer(load_dataset(write_mini(tmp_path, CHANGES), use_cache=False), REPO / "macros")
    view = r.views["town"]
    page = BeautifulSoup("".join(str(r.macro(name, case_src("town"), view=view))
                                 for name in ("timeline", "findings", "deadlines")),
                         "html.parser")
    links = page.select("a.cf-pl")
    assert {a["href"][1:]: a["aria-label"] for a in links} == EXPECTED
    for a in links:  # in the row or event it names, showing only "#"
        assert a.get_text() == "#"
        assert a.find_parent(id=a["href"][1:]) is not None


def test_a_short_requirement_is_not_cut_and_a_long_one_is() -> None:
    class Req:
        def __init__(self, ident: str, text: str) -> None:
            self.id, self.text = ident, text

    reqs = [Req("a", "Send the regulator an action plan by the end of March."),
            Req("b", "Act.")]
    assert requirement_names(reqs) == {  # type: ignore[arg-type]
        "req-a": "the requirement “Send the regulator an…”",
        "req-b": "the requirement “Act.”"}
