""""Where things stand" after #12's review: the requirement counts are cited, a requirement
known only from another publisher's source says who reports it, and it is counted under
the body whose record set it, never under that publisher. Built from the fictional MINI
data set (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from casefile.outputs.render import Renderer, case_src
from casefile.pipeline import load_dataset
from tests.conftest import REPO, write_mini
from tests.test_stand import FOLLOW_UP, INSPECTION, sources, view

GAZETTE = """\
id: zz-gazette
title: Inspectors tell the council to act
publisher_note: A fictional local newspaper.
kind: news_article
published: 2017-10-05
language: en
"""
MET = ("      from: publication\n    cite: [report-2017]\n",
       "      from: publication\n    fulfilled_by: town-follow-up\n    cite: [report-2017]\n")
FROM_THE_GAZETTE = ("      from: publication\n    cite: [report-2017]\n",
                    "      from: publication\n    cite: [zz-gazette]\n")


def test_the_counts_cite_the_requirement_and_the_record_showing_it_met(tmp_path: Path) -> None:
    s = view(tmp_path, {INSPECTION: MET}).stand
    assert s is not None
    assert s.requirements.text == (
        "As of 1 March 2018, the one requirement recorded, set by New Inspectorate, "
        "is met late. A record from Town Council shows it met.")
    assert sources(s.requirements) == ["report-2017", "council-news"]
    assert s.second_hand == []


def test_the_case_page_links_the_counts_to_their_sources(tmp_path: Path) -> None:
    data = write_mini(tmp_path, {INSPECTION: MET})
    r = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
    v = r.views["town"]
    html = BeautifulSoup(str(r.macro("stand", case_src("town"), view=v)), "html.parser")
    [para] = [p for p in html.select(".cf-stand > p") if p.get_text().startswith("As of")]
    numbers = [v.number(v.case.records[0].cites[0].source),
               v.number(v.case.records[1].cites[0].source)]
    assert [a["href"] for a in para.select("a")] == [f"#ref-{n}" for n in numbers]
    assert para.get_text(" ", strip=True).endswith(
        f"shows it met. [{numbers[0]}] [{numbers[1]}]")


def test_a_requirement_known_from_a_newspaper_is_set_by_the_notice_s_body(
        tmp_path: Path) -> None:
    """The inspectorate's requirement, cited only to a newspaper: counted as set by the
    inspectorate (the record's body), and the page says the newspaper reports it."""
    s = view(tmp_path, {INSPECTION: FROM_THE_GAZETTE,
                        "sources/zz-gazette.yml": GAZETTE}).stand
    assert s is not None
    assert s.requirements.text.startswith(
        "As of 1 March 2018, the one requirement recorded, set by New Inspectorate, ")
    assert [(h.text, sources(h)) for h in s.second_hand] == [
        ("A source that does not name its publisher (press) reports that New Inspectorate "
         "set it.", ["zz-gazette"])]


def test_a_requirement_reported_by_the_council_is_never_counted_as_the_council_s(
        tmp_path: Path) -> None:
    """Cited to the council's own news, the inspectorate's requirement is still set by the
    inspectorate: the council is named only as reporting it."""
    s = view(tmp_path, {INSPECTION: (FROM_THE_GAZETTE[0],
                                     "      from: publication\n    cite: [council-news]\n"),
                        FOLLOW_UP: ("cite: [council-news]\nassessments",
                                    "cite: [council-news]\nrequirements:\n  - id: req-own\n"
                                    "    text: Report back.\n    cite: [council-news]\n"
                                    "assessments")}).stand
    assert s is not None
    assert s.requirements.text.startswith(
        "As of 1 March 2018, 2 requirements are recorded, set 1 by New Inspectorate and 1 by "
        "Town Council. ")
    assert [(h.text, sources(h)) for h in s.second_hand] == [
        ("Town Council (self-report) reports that New Inspectorate set 1 of them.",
         ["council-news"])]


def test_a_record_known_second_hand_shows_a_requirement_met_as_reported(
        tmp_path: Path) -> None:
    """The follow-up is the inspectorate's, known only from the council's news."""
    s = view(tmp_path, {INSPECTION: MET,
                        FOLLOW_UP: ("body: town-council", "body: inspectorate")}).stand
    assert s is not None
    assert s.requirements.text == (
        "As of 1 March 2018, the one requirement recorded, set by New Inspectorate, "
        "is met late. A record from New Inspectorate, as reported by Town Council "
        "(self-report), shows it met.")


# -- a deadline given in words (item 3) ---------------------------------------------------

def _next(tmp_path: Path, due: str) -> str:
    s = view(tmp_path, {INSPECTION: ("    due:\n      within: 20\n      unit: working_days\n"
                                     "      from: publication\n", due)}).stand
    assert s is not None and s.next is not None
    return s.next.text


def test_the_next_deadline_gives_the_source_s_words_beside_the_window(tmp_path: Path) -> None:
    said = _next(tmp_path, "    due:\n      date: 2018-04\n      as_written: by April\n")
    assert said == ("The next deadline in these records: Produce a plan, “by April” (in the "
                    "source's words); counted here as due between 1 April 2018 and 30 April "
                    "2018.")


def test_a_month_without_the_source_s_words_is_said_as_dated(tmp_path: Path) -> None:
    assert _next(tmp_path, "    due:\n      date: 2018-04\n") == (
        "The next deadline in these records: Produce a plan, by April 2018 (as the source "
        "dates it); counted here as due between 1 April 2018 and 30 April 2018.")


def test_a_day_is_said_as_a_day(tmp_path: Path) -> None:
    assert _next(tmp_path, "    due:\n      date: 2018-04-30\n") == (
        "The next deadline in these records: Produce a plan, due 30 April 2018.")


def test_the_case_list_says_outstanding_when_the_records_end(tmp_path: Path) -> None:
    data = write_mini(tmp_path, {INSPECTION: ("    due:\n      within: 20\n      unit: "
                                              "working_days\n      from: publication\n",
                                              "    due:\n      date: 2018-04-30\n")})
    r = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
    listed = BeautifulSoup(str(r.macro("case_list", "index.md")), "html.parser")
    cell = listed.select("tbody td")[-1]
    assert cell.select_one(".o-outstanding").get_text() == (  # type: ignore[union-attr]
        "Outstanding when the records end")
    assert cell.get_text(" ", strip=True) == (
        "Produce a plan. Outstanding when the records end , due 30 April 2018 as of 1 March 2018")


def test_a_date_the_editors_set_is_not_the_records_end(tmp_path: Path) -> None:
    data = write_mini(tmp_path, {INSPECTION: ("    due:\n      within: 20\n      unit: "
                                              "working_days\n      from: publication\n",
                                              "    due:\n      date: 2018-04-30\n"),
                                 "cases/town/case.yml": ("status: open",
                                                         "status: open\nas_of: 2018-03-15")})
    r = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
    listed = BeautifulSoup(str(r.macro("case_list", "index.md")), "html.parser")
    assert listed.select_one('[class^="o-"]').get_text() == "Outstanding"  # type: ignore[union-attr]


# -- words (item 7) -----------------------------------------------------------------------

def test_a_supplied_title_is_named_without_square_brackets(tmp_path: Path) -> None:
    from casefile.model.upcoming import according_to
    data = write_mini(tmp_path, {"sources/council-news.yml": ("title: Council news\n",
                                                              "title: Statement on the plan\n"
                                                              "title_supplied: true\n")})
    case = load_dataset(data, use_cache=False).cases["town"]
    cites = case.records[1].cites
    assert according_to(cites) == (
        "Town Council (untitled document: Statement on the plan, March 2018)")


def test_the_block_names_a_renamed_body_one_way_and_quotes_no_status(tmp_path: Path) -> None:
    """The inspectorate set the requirement as OI (2017) and judged the finding as New
    Inspectorate (2018): the block names it "New Inspectorate" both times; statuses and
    outcomes are casefile's words, so not in quotation marks."""
    from tests.test_stand import SECOND_FINDING, VISIT
    data = write_mini(tmp_path, {INSPECTION: SECOND_FINDING,
                                 "cases/town/records/town-visit.yml": VISIT})
    r = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
    html = BeautifulSoup(str(r.macro("stand", case_src("town"), view=r.views["town"])),
                         "html.parser")
    text = " ".join(html.get_text(" ").split())
    assert "New Inspectorate (regulator's judgement; 1 February 2018) gave the latest " \
           "assessment of 1 of them: 1 with the status Serious concern." in text
    assert "the one requirement recorded, set by New Inspectorate, is past due: no record " \
           "that it was met." in text
    assert "OI" not in text and "“" not in text
