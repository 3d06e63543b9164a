"""Where a case page cites each source, exactly (casefile.model.cited_in): the "Cited in"
list under every entry of the page's Sources, as (part, anchor, words, detail) for each
source, so that a link back that goes to the wrong element, says the wrong words or is
missing is a failing test, not only a broken link in a fixture build.

Pinned: every part of the page (summary, money and its disagreeing amount, oversight
levels, timeline events and a publication, which cites its record's first source only,
findings and their assessments, ratings and a disagreeing grade, requirements with a
reported outcome and progress, statements, figures); a findings table whose every row
cites the source said once ("all 2 of …"), but not a table of one row or of rows some of
which cite it; and links of the same words told apart by their detail, then by a number.

The data are the fictional Town Council case (tests/conftest.py MINI) with a second
finding, fictional council minutes and the fictional Town Gazette (tests/test_differ.py),
and the fictional oversight and figures projects (tests/projects/oversight, figures).
Each test builds its own view: mutation testing credits a shared fixture's calls to one
test only (TESTING.md)."""

from __future__ import annotations

from pathlib import Path

from casefile.model.cited_in import (
    OPENING_WORDS,
    Place,
    cited_in,
    opening,
    ordinal,
    told_apart,
)
from casefile.model.views import CaseView, case_view
from casefile.pipeline import load_dataset
from tests import test_differ
from tests.conftest import MINI, PROJECTS, write_mini
from tests.test_figures_view import BROOKFIELD, FIGURES_DATA
from tests.test_link_differ_exact import differ

INS = "cases/town/records/town-inspection.yml"
FOLLOW = "cases/town/records/town-follow-up.yml"
CASE = "cases/town/case.yml"
MINUTES = """\
id: minutes
title: Council minutes
publisher: town-council
kind: minutes
published: 2018-02-20
language: en
"""
LONG = ("Children at risk were not always seen quickly enough by a qualified social worker, "
        "and managers did not check.")
SAFEGUARDING = f"""\
  - id: f-safeguarding
    theme: safeguarding
    text: {LONG}
    cite: [report-2017]
requirements:
"""
REQUIREMENT = ("      from: publication\n    cite: [report-2017]\n",
               "      from: publication\n    reported:\n      outcome: partly_met\n"
               "      by: inspectorate\n      cite: [gazette-report]\n    progress:\n"
               "      - date: 2018-01\n        note: Begun.\n        cite: [minutes]\n"
               "    cite: [report-2017]\n")
ASSESSED = ("  - finding: f-safeguarding\n    status: improving\n    asserted_by: town-council\n"
            "    note: Quicker.\n    cite: [minutes]\n")
MONEY = "    for: Set aside.\n    cite: [report-2017]\n"


def rich_changes() -> dict[str, str | tuple[str, str]]:
    """MINI with: a rating whose grade the Gazette gives otherwise; the inspection also
    cited to the minutes (its event, not its publication); a second finding of more than
    16 words, assessed from the minutes; a requirement whose outcome the Gazette reports
    and whose progress the minutes give; a follow-up date the Gazette gives otherwise; and
    a money amount the minutes give otherwise."""
    old, new = test_differ.changes(test_differ.RATING)[INS]  # type: ignore[misc]
    inspection = MINI[INS].replace(old, new).replace(
        "    quote: The quote.\n", "    quote: The quote.\n  - minutes\n").replace(
        "requirements:\n", SAFEGUARDING).replace(*REQUIREMENT)
    follow_date = "date: 2018-03-01\n"
    gazette_date = differ("date", ["2018-03-03"], "chosen: 2018-03-01").replace(
        "[gazette]", "[gazette-report]")
    amount = differ("amount", ["4500000"], "chosen: 4000000", indent="    ").replace(
        "[gazette]", "[minutes]")
    return {**test_differ.changes(test_differ.RATING), INS: inspection,
            FOLLOW: MINI[FOLLOW].replace(follow_date, follow_date + gazette_date) + ASSESSED,
            "sources/minutes.yml": MINUTES, CASE: (MONEY, MONEY + amount)}


def view(tmp_path: Path, changes: dict[str, str | tuple[str, str]]) -> CaseView:
    return case_view(load_dataset(write_mini(tmp_path, changes), use_cache=False).cases["town"])


def listed(v: CaseView) -> dict[str, list[tuple[str, list[tuple[str, str, str]]]]]:
    """Each source's places as the Sources list gives them."""
    return {source: [(part.name, [(p.anchor, p.words, p.detail) for p in part.places])
                     for part in parts]
            for source, parts in cited_in(v).items()}


PLAN = ("req-req-plan", "“Produce a plan.”", "“Produce a plan.”")
FOLLOW_UP = ("Timeline", [("ev-town-follow-up", "1 March 2018", "Follow-up")])


def test_the_first_words_of_a_finding_or_requirement_in_quotes() -> None:
    assert OPENING_WORDS == 4
    assert opening("Weak leadership.") == "“Weak leadership.”"
    assert opening("One two  three\nfour") == "“One two three four”"  # four: no "…"
    assert opening("One two three four five") == "“One two three four…”"
    assert opening("One two three", 2) == "“One two…”"
    assert opening("One two", 2) == "“One two”"
    assert opening("") == "“”"


def test_every_part_of_the_page_that_cites_each_source(tmp_path: Path) -> None:
    v = view(tmp_path, rich_changes())
    assert [s.id for s in v.bibliography] == ["report-2017", "minutes", "council-news",
                                              "gazette-report"]
    assert listed(v) == {
        "report-2017": [
            ("", [("case-summary", "Summary", "")]),
            ("Money", [("money-1", "“Set aside.”", "“Set aside.”")]),
            ("Timeline", [("ev-town-inspection", "July 2017", "Inspection"),
                          ("ev-town-inspection-published", "2 October 2017 (published)",
                           "Inspection")]),
            ("Findings", [("findings-of-town-inspection",
                           "all 2 of the inspection of July 2017", "")]),
            ("Ratings", [("rating-1", "Overall, July 2017", "")]),
            ("Requirements", [PLAN]),
            ("Statements", [("statement-1", "Pat Leader, Leader, Town Council",
                             "“We are sorry.”")])],
        # the minutes: a disagreeing amount, the inspection's event (its publication cites
        # the record's first source only), one row of two, the requirement's progress
        "minutes": [
            ("Money", [("money-1", "“Set aside.”", "“Set aside.”")]),
            ("Timeline", [("ev-town-inspection", "July 2017", "Inspection")]),
            ("Findings", [("finding-f-safeguarding", "“Children at risk were…”",
                           "“Children at risk were not always seen quickly enough by a "
                           "qualified social worker, and managers…”")]),
            ("Requirements", [PLAN])],
        "council-news": [FOLLOW_UP,
                         ("Findings", [("finding-f-leadership", "“Weak leadership.”",
                                        "“Weak leadership.”")])],
        # the Gazette: a disagreeing date and grade, and a reported outcome
        "gazette-report": [FOLLOW_UP,
                           ("Ratings", [("rating-1", "Overall, July 2017", "")]),
                           ("Requirements", [PLAN])]}


def test_each_place_names_the_part_of_the_page_it_is_listed_under(tmp_path: Path) -> None:
    parts = [part for parts in cited_in(view(tmp_path, rich_changes())).values()
             for part in parts]
    assert [(part.name, {p.part for p in part.places}) for part in parts] == [
        (part.name, {part.name}) for part in parts]
    assert "Findings" in [part.name for part in parts]  # with the whole table


def test_a_findings_table_of_one_row_is_not_said_as_a_table(tmp_path: Path) -> None:
    v = view(tmp_path, {})
    assert listed(v)["report-2017"][3] == (
        "Findings", [("finding-f-leadership", "“Weak leadership.”", "“Weak leadership.”")])


NUMBERED = ("    text: Weak leadership.\n",
            "    kind: recommendation\n    number: '3'\n    text: Weak leadership.\n")


def findings_places(v: CaseView, source: str) -> list[tuple[str, str, str]]:
    [(_, places)] = [p for p in listed(v)[source] if p[0] in ("Findings", "Recommendations",
                                                                "Findings and recommendations")]
    return places


def test_a_numbered_finding_is_named_by_the_source_s_own_number(tmp_path: Path) -> None:
    """"Recommendation 3", never its first words; its report tells it from another of
    that number. An unnumbered finding beside it keeps its first words (#12 review)."""
    v = view(tmp_path, {**rich_changes(), INS: rich_changes()[INS].replace(*NUMBERED)})
    assert findings_places(v, "council-news") == [
        ("finding-f-leadership", "Recommendation 3", "the inspection of July 2017")]
    assert findings_places(v, "minutes") == [
        ("finding-f-safeguarding", "“Children at risk were…”",
         "“Children at risk were not always seen quickly enough by a qualified social "
         "worker, and managers…”")]
    [table] = [p for p in listed(v)["report-2017"] if p[0] == "Findings and recommendations"]
    assert table == ("Findings and recommendations", [
        ("findings-of-town-inspection", "all 2 of the inspection of July 2017", "")])


FOLLOW_FINDING = ("\ncite: [council-news]\nassessments:\n",
                  "\ncite: [council-news]\nfindings:\n  - id: f-follow\n    theme: leadership\n"
                  "    kind: recommendation\n    number: '3'\n    text: Keep leading.\n"
                  "    cite: [council-news]\nassessments:\n")


def test_two_findings_of_one_number_are_told_apart_by_their_report(tmp_path: Path) -> None:
    """Two reports' recommendation 3 (a record numbers each of its own once): each with
    the report that raised it, as its table's caption names it."""
    v = view(tmp_path, {INS: NUMBERED, FOLLOW: FOLLOW_FINDING})
    assert listed(v)["council-news"] == [
        FOLLOW_UP,
        ("Recommendations", [
            ("finding-f-leadership", "Recommendation 3 (the inspection of July 2017)",
             "the inspection of July 2017"),
            ("finding-f-follow", "Recommendation 3 (the follow-up inspection of 1 March 2018)",
             "the follow-up inspection of 1 March 2018")])]


def test_a_numbered_finding_of_a_titled_report_is_told_apart_by_its_title(
        tmp_path: Path) -> None:
    """A report that is not an event's (a type outside REPORT_OF_EVENT) is named by its
    title and date, as its table's caption names it."""
    numbered = MINI[INS].replace(*NUMBERED).replace("type: inspection", "type: report")
    v = view(tmp_path, {INS: numbered})
    [(_, [place])] = [p for p in listed(v)["council-news"] if p[0] == "Recommendations"]
    assert place[1:] == ("Recommendation 3", "“Inspection”, July 2017")


def test_a_requirement_is_named_by_its_first_4_words_told_apart_by_16(tmp_path: Path) -> None:
    words = " ".join(f"w{i}" for i in range(1, 22))  # 21 words
    v = view(tmp_path, {INS: ("text: Produce a plan.", f"text: {words}")})
    [requirements] = [p for p in listed(v)["report-2017"] if p[0] == "Requirements"]
    assert requirements == ("Requirements", [
        ("req-req-plan", "“w1 w2 w3 w4…”",
         "“w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16…”")])


def test_oversight_levels_of_the_same_day_are_told_apart_in_page_order() -> None:
    data = PROJECTS / "oversight" / "data"
    v = case_view(load_dataset(data, use_cache=False).cases["riverton-council-intervention"])
    assert listed(v) == {
        "riverton-2021-direction": [
            ("", [("case-summary", "Summary", "")]),
            ("Oversight levels", [
                ("ov-riverton-2021-commissioners-2", "from 10 March 2021 (1st of 2)", ""),
                ("ov-riverton-2021-commissioners-1", "from 10 March 2021 (2nd of 2)", "")]),
            ("Timeline", [("ev-riverton-2021-commissioners", "10 March 2021",
                           "Commissioners appointed")])],
        "riverton-2020-review": [
            ("Oversight levels", [("ov-riverton-2020-regional-review-1", "from 20 May 2020",
                                   "")]),
            ("Timeline", [("ev-riverton-2020-regional-review", "20 May 2020",
                           "Regional review")])]}


def said(places: list[Place]) -> list[tuple[str, str, str, str]]:
    return [(p.part, p.anchor, p.words, p.detail) for p in told_apart(places)]


def test_links_of_different_words_are_left_as_they_are() -> None:
    assert said([Place("Timeline", "a", "July 2017", "Inspection"),
                 Place("Findings", "b", "“Weak”", "“Weak”")]) == [
        ("Timeline", "a", "July 2017", "Inspection"), ("Findings", "b", "“Weak”", "“Weak”")]


def test_links_of_the_same_words_are_told_apart_by_their_detail() -> None:
    assert said([Place("Timeline", "a", "1 March 2018", "Follow-up"),
                 Place("Timeline", "b", "1 March 2018", "Council news"),
                 Place("Timeline", "c", "1 March 2018")]) == [
        ("Timeline", "a", "1 March 2018 (Follow-up)", "Follow-up"),
        ("Timeline", "b", "1 March 2018 (Council news)", "Council news"),
        ("Timeline", "c", "1 March 2018", "")]


def test_two_links_of_the_same_words_are_told_apart() -> None:
    assert said([Place("Timeline", "a", "1 March 2018", "Follow-up"),
                 Place("Timeline", "b", "1 March 2018", "Council news")]) == [
        ("Timeline", "a", "1 March 2018 (Follow-up)", "Follow-up"),
        ("Timeline", "b", "1 March 2018 (Council news)", "Council news")]


def test_links_of_the_same_words_and_detail_are_told_apart_by_place_in_order() -> None:
    assert said([Place("Timeline", "a", "May 2018", "Letter"),
                 Place("Timeline", "b", "June 2018", "Letter"),
                 Place("Timeline", "c", "May 2018", "Letter"),
                 Place("Timeline", "d", "May 2018", "Notice"),
                 Place("Timeline", "e", "May 2018", "Letter")]) == [
        ("Timeline", "a", "May 2018 (Letter, 1st of 3)", "Letter"),
        ("Timeline", "b", "June 2018", "Letter"),
        ("Timeline", "c", "May 2018 (Letter, 2nd of 3)", "Letter"),
        ("Timeline", "d", "May 2018 (Notice)", "Notice"),
        ("Timeline", "e", "May 2018 (Letter, 3rd of 3)", "Letter")]


def test_links_of_the_same_words_and_no_detail_are_told_apart_by_place() -> None:
    assert said([Place("Money", "a", "item 1"), Place("Money", "b", "item 1"),
                 Place("Timeline", "c", "2 May (published)"),
                 Place("Timeline", "d", "2 May (published)")]) == [
        ("Money", "a", "item 1 (1st of 2)", ""), ("Money", "b", "item 1 (2nd of 2)", ""),
        ("Timeline", "c", "2 May (published, 1st of 2)", ""),
        ("Timeline", "d", "2 May (published, 2nd of 2)", "")]


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 10, 11, 12, 13, 14, 21, 22, 23, 101, 111, 112,
                                 113, 122)] == [
        "1st", "2nd", "3rd", "4th", "10th", "11th", "12th", "13th", "14th", "21st", "22nd",
        "23rd", "101st", "111th", "112th", "113th", "122nd"]


def test_each_figure_is_cited_in_by_its_series_and_place_in_it() -> None:
    """A figure's place is its row of its indicator's table: the series' anchor and the
    row's number from 1, "Indicator, its date" (the fictional figures project; the
    Gazette gives four values of three indicators, the press release one)."""
    v = case_view(load_dataset(FIGURES_DATA, use_cache=False).cases[BROOKFIELD])
    staff, days = "Staff in post (fictional test indicator)", \
        'Days lost <script>alert("x")</script> & {{ more }}'
    figures = {source: [(anchor, words) for part in parts if part[0] == "Figures"
                        for anchor, words, _ in part[1]]
               for source, parts in listed(v).items()}
    assert figures == {
        "brookfield-inspection-report": [("figures-staff-in-post-1", f"{staff}, April 2023")],
        "brookfield-board-report": [],
        "brookfield-gazette-article": [
            ("figures-sick-days-1", f"{days}, October to December 2023"),
            ("figures-sick-days-2", f"{days}, January to February 2024"),
            ("figures-permanent-posts-1",
             "Posts held by permanent staff (fictional test indicator), February 2024"),
            ("figures-staff-in-post-3", f"{staff}, February 2024")],
        "brookfield-press-release": [("figures-staff-in-post-2", f"{staff}, 31 December 2023")]}
