"""Each permalink of a case page is named for screen readers by its own words, never by a
count of casefile's own, which a reader would take for the source's numbering (#12
review): an event by the words of its timeline entry's heading (its date, kind and title,
through aria-labelledby: the words are on the page once), a requirement by its first
words; where two would share a name, a requirement by more of its words, and only where
that too is shared (or for two events of one date, kind and title) by its place, said as
such: "(row 3 of the requirements table)", "(entry 4 of the timeline)". Findings:
tests/test_findings_named.py.

The fictional Town Council case of tests/conftest.py (MINI), with requirements and a
second follow-up added; the names are read from the model and, as a screen reader computes
them (tests.html_support.accessible_name), from the rendered page."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from casefile.model.citation import PermalinkNames, event_words, permalink_names, requirement_names
from casefile.model.views import case_view
from casefile.outputs.render import Renderer, case_src
from casefile.pipeline import load_dataset
from tests.conftest import MINI, REPO, write_mini
from tests.html_support import accessible_name

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
EXPECTED = {  # the name each permalink is given, as a screen reader computes it
    # an event by the words of its entry's heading: date, kind and title (aria-labelledby)
    "ev-town-inspection": "Permalink to the entry July 2017 Inspection Inspection",
    "ev-town-inspection-published":
        "Permalink to the entry 2 October 2017 Report published Inspection",
    # one date, kind and title: told apart by their place in the timeline, said as such
    "ev-town-follow-up": "Permalink to the entry 1 March 2018 Follow-up inspection Follow-up "
                         "(entry 3 of the timeline)",
    "ev-town-follow-up-2": "Permalink to the entry 1 March 2018 Follow-up inspection Follow-up "
                           "(entry 4 of the timeline)",
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
# named by the words on the page, not by an aria-label of their own (#12: the page's weight)
BY_HEADING = {"ev-town-inspection", "ev-town-inspection-published"}


def test_names_by_words_told_apart_by_more_words_then_by_place(tmp_path: Path) -> None:
    ds = load_dataset(write_mini(tmp_path, CHANGES), use_cache=False)
    view = case_view(ds.cases["town"])
    assert [r.id for r in view.requirements] == [
        "req-children", "req-plan", "req-staff", "req-train-a", "req-train-b"]
    # the aria-labels: every permalink's but the events' named by their heading
    assert permalink_names(view) == {anchor: name for anchor, name in EXPECTED.items()
                                     if anchor not in BY_HEADING}
    assert [event_words(e) for e in view.timeline] == [
        "July 2017 Inspection Inspection", "2 October 2017 Report published Inspection",
        "1 March 2018 Follow-up inspection Follow-up",
        "1 March 2018 Follow-up inspection Follow-up"]


def _page(tmp_path: Path) -> BeautifulSoup:
    r = Renderer(load_dataset(write_mini(tmp_path, CHANGES), use_cache=False), REPO / "macros")
    view = r.views["town"]
    return BeautifulSoup("".join(str(r.macro(name, case_src("town"), view=view))
                                 for name in ("timeline", "findings", "deadlines")),
                         "html.parser")


def test_the_page_carries_each_name_on_its_own_row(tmp_path: Path) -> None:
    page = _page(tmp_path)
    links = page.select("a.cf-pl")
    assert {a["href"][1:]: accessible_name(a, page) for a in links} == EXPECTED
    for a in links:  # in the row or event it names, showing only "#"
        assert a.get_text() == "#"
        assert a.find_parent(id=a["href"][1:]) is not None
        # an aria-label or words on the page, never both
        assert a.has_attr("aria-label") != a.has_attr("aria-labelledby")
    assert {a["href"][1:] for a in links if a.has_attr("aria-labelledby")} == BY_HEADING


def test_an_event_is_named_by_its_heading_s_words_kept_once(tmp_path: Path) -> None:
    """The prefix is one hidden element after the list; the other words are the heading's
    own, in a span inside the h3 (an id on the h3 would put it in the page's contents list
    and the search index); no words are written twice for the name."""
    page = _page(tmp_path)
    [prefix] = page.select(f"#{PermalinkNames.PREFIX_ID}")
    assert prefix.has_attr("hidden") and prefix.get_text() == "Permalink to the entry"
    assert prefix.find_previous_sibling("ol", class_="cf-timeline") is not None
    for anchor in BY_HEADING:
        link = page.select_one(f"a.cf-pl[href='#{anchor}']")
        assert link is not None
        first, words = str(link["aria-labelledby"]).split()
        assert first == PermalinkNames.PREFIX_ID
        [heading] = page.select(f"#{words}")
        assert heading.name == "span" and heading.parent.name == "h3"  # type: ignore[union-attr]
        assert not heading.parent.has_attr("id")  # type: ignore[union-attr]
        assert heading.find_parent("li")["id"] == anchor  # type: ignore[index]
        assert not page.find(string=lambda text: "Permalink to the entry " in text)
    assert not [h for h in page.select("h3") if h.has_attr("id")]


def test_a_short_requirement_is_not_cut_and_a_long_one_is() -> None:
    class Req:
        def __init__(self, ident: str, text: str) -> None:
            self.id, self.text = ident, text

    reqs = [Req("a", "Send the regulator an action plan by the end of March."),
            Req("b", "Act.")]
    assert requirement_names(reqs) == {  # type: ignore[arg-type]
        "req-a": "the requirement “Send the regulator an…”",
        "req-b": "the requirement “Act.”"}
