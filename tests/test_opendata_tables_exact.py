"""The open-data CSV tables cell by cell (casefile.outputs.opendata_tables), in-process so
that mutation testing reaches them: a requirement's outcome and who reports it, relayed
claims, oversight periods, each cited source's copy and quote counts, and formula-safe cells.
Every data set here is a fictional fixture under tests/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from casefile.model import objects as m
from casefile.outputs.opendata_tables import TABLES, _cell, _csv, tables
from casefile.pipeline import load_dataset
from tests.conftest import MINI, PROJECTS, write_tree

SECOND_HAND = PROJECTS / "second-hand" / "data"
SECOND_CASE = PROJECTS / "second-case" / "data"
OVERSIGHT = PROJECTS / "oversight" / "data"


def rows(data: Path, name: str, case: str | None = None, as_of: dt.date | None = None
         ) -> list[str]:
    """The lines of one table of the data set in ``data`` (or of its case ``case``)."""
    ds = load_dataset(data, as_of=as_of)
    cases = [ds.cases[case]] if case else list(ds.cases.values())
    return tables(cases)[name].splitlines()


def mini(root: Path, changes: dict[str, tuple[str, str]] | None = None) -> m.Dataset:
    files = dict(MINI)
    for path, (old, new) in (changes or {}).items():
        assert old in files[path]
        files[path] = files[path].replace(old, new)
    write_tree(root / "data", files)
    return load_dataset(root / "data", use_cache=False)


def test_a_requirement_reported_met_through_a_relay() -> None:
    assert rows(SECOND_HAND, "deadlines") == [
        "case,requirement,set_by,text,due_from,due_until,as_written,outcome,explanation,"
        "records_outcome,reported_outcome,reported_by,reported_relayed_by,"
        "reported_relayed_grades,reported_shown_as,sources,as_of,jurisdiction",
        "brookfield-childrens-services,fh-req-board,brookfield-2023-inspection,"
        "Set up an improvement board (invented).,2023-09-30,2023-09-30,,met,"
        "\"No document in the records shows it was met. Brookfield Improvement Board reports "
        "it as: met, timing not established.\",overdue,met,brookfield-improvement-board,"
        "brookfield-council,self_report,self,"
        "brookfield-inspection-report brookfield-press-release,2024-03-05,GB-ENG"]


def test_a_requirement_past_due_with_nothing_reported() -> None:
    assert rows(SECOND_CASE, "deadlines")[1:] == [
        "fictional-borough-childrens-services,fictional-req-plan,fictional-2023-inspection,"
        "Send the regulator an action plan (invented).,2023-03-29,2023-03-29,,overdue,"
        "\"The deadline has passed and no document in the records, up to May 2023, shows "
        "that it was met.\",overdue,,,,,,fictional-inspection-report fictional-annual-review,"
        "2023-05-01,GB-ENG"]


def test_a_deadline_as_the_source_words_it_and_one_with_no_due_date(tmp_path: Path) -> None:
    ins = "cases/town/records/town-inspection.yml"
    due = ("    due:\n      within: 20\n      unit: working_days\n      from: publication\n")
    worded = mini(tmp_path / "a", {ins: (due, "    due:\n      date: autumn 2017\n")})
    line = tables([worded.cases["town"]])["deadlines"].splitlines()[1]
    assert line.startswith("town,req-plan,town-inspection,Produce a plan.,2017-09-01,"
                           "2017-11-30,autumn 2017,overdue,")
    noted = mini(tmp_path / "b", {ins: (due, due + "      as_written: within 20 working days\n")})
    line = tables([noted.cases["town"]])["deadlines"].splitlines()[1]
    assert line.startswith("town,req-plan,town-inspection,Produce a plan.,2017-10-30,"
                           "2017-10-30,within 20 working days,overdue,")
    undated = mini(tmp_path / "c", {ins: (due, "")})
    assert tables([undated.cases["town"]])["deadlines"].splitlines()[1] == (
        "town,req-plan,town-inspection,Produce a plan.,,,,outstanding,"
        "Not shown as fulfilled as of 1 March 2018; no deadline was set.,outstanding,,,,,,"
        "report-2017,2018-03-01,")


def test_assessments_relayed_by_one_publisher_or_two_and_first_hand() -> None:
    assert rows(SECOND_HAND, "assessments") == [
        "case,record,record_date,finding,status,asserted_by,asserter,note,relayed_by,"
        "relayed_grades,shown_as,sources",
        "brookfield-childrens-services,brookfield-2024-board-report,2024-02-20,fh-oversight,"
        "improving,brookfield-improvement-board,board,"
        "\"First-hand, from the board's own report (invented).\",,,,brookfield-board-report",
        "brookfield-childrens-services,brookfield-2024-board-report,2024-02-20,fh-placements,"
        "early_signs,brookfield-improvement-board,board,"
        "Known only from the council's press release (invented).,brookfield-council,"
        "self_report,self,brookfield-press-release",
        "brookfield-childrens-services,brookfield-2024-board-report,2024-02-20,fh-visits,"
        "improving,brookfield-improvement-board,board,"
        "Known from the council's press release and a newspaper (invented).,"
        "brookfield-council example-gazette,self_report press,self,"
        "brookfield-press-release brookfield-gazette-article",
        "brookfield-childrens-services,brookfield-2024-board-report,2024-02-20,fh-records,"
        "improving,brookfield-improvement-board,board,"
        "\"In the board's own report, and repeated by the council (invented).\",,,,"
        "brookfield-press-release brookfield-board-report",
        "brookfield-childrens-services,brookfield-2024-regulator-visit,2024-03-04,"
        "fh-placements,concern,example-care-regulator,regulator,"
        "Known only from the newspaper (invented).,example-gazette,press,press,"
        "brookfield-gazette-article",
        "brookfield-childrens-services,brookfield-2024-council-update,2024-03-05,fh-visits,"
        "resolved,brookfield-council,self,"
        "\"The council's claim, known from the newspaper (invented).\",example-gazette,press,"
        "self,brookfield-gazette-article"]


def test_findings_and_timeline() -> None:
    assert rows(SECOND_CASE, "findings") == [
        "case,finding,raised_by,raised_date,theme,text,sources,kind,number,paragraph,"
        "directed_at",
        "fictional-borough-childrens-services,fictional-f-oversight,fictional-2023-inspection,"
        "2023-01-16,fictional-oversight,Managers did not check casework (invented).,"
        "fictional-inspection-report fictional-annual-review,finding,,,",
        "fictional-borough-childrens-services,fictional-f-placements,fictional-2023-inspection,"
        "2023-01-16,fictional-placements,Too few placements were available (invented).,"
        "fictional-inspection-report fictional-annual-review,finding,,,"]
    assert rows(SECOND_CASE, "timeline") == [
        "case,record,date,until,published,after,type,title,body,summary,sources",
        "fictional-borough-childrens-services,fictional-2023-inspection,2023-01-16,,2023-03-01,"
        ",inspection,FICTIONAL TEST RECORD: inspection,fictional-care-regulator,"
        "Invented inspectors found two invented failings.,fictional-inspection-report",
        "fictional-borough-childrens-services,fictional-2023-council-update,2023-05,,,,"
        "council_statement,FICTIONAL TEST RECORD: council update,fictional-borough-council,"
        "The invented council reported invented progress.,fictional-council-update"]


def test_timeline_with_a_period_and_an_order(tmp_path: Path) -> None:
    ins, follow = "cases/town/records/town-inspection.yml", "cases/town/records/town-follow-up.yml"
    ds = mini(tmp_path, {ins: ("date: 2017-07\n", "date: 2017-07\nuntil: 2017-08\n"),
                         follow: ("date: 2018-03-01\n",
                                  "date: 2018-03-01\nafter: town-inspection\n")})
    assert tables([ds.cases["town"]])["timeline"].splitlines()[1:] == [
        "town,town-inspection,2017-07,2017-08,2017-10-02,,inspection,Inspection,inspectorate,"
        "Inspectors visited.,report-2017",
        "town,town-follow-up,2018-03-01,,,town-inspection,follow_up_inspection,Follow-up,"
        "town-council,The council reported progress.,council-news"]


def test_oversight_periods_first_worse_better_and_each_service() -> None:
    eastmoor = rows(OVERSIGHT, "oversight", "eastmoor-health-board-escalation")
    assert eastmoor == [
        "case,record,announced,effective,framework,overseer,body,service,level,level_label,"
        "previous_level,change,in_effect,sources",
        "eastmoor-health-board-escalation,eastmoor-2019-stage-2,2019-01-15,2019-01-15,"
        "nhs-scotland-escalation,Scottish Government,eastmoor-health-board,,stage_2,Stage 2,,"
        "first,yes,eastmoor-2019-letter",
        "eastmoor-health-board-escalation,eastmoor-2021-stage-4,2021-05-03,2021-05-03,"
        "nhs-scotland-escalation,Scottish Government,eastmoor-health-board,,stage_4,Stage 4,"
        "stage_2,worse,yes,eastmoor-2021-letter",
        "eastmoor-health-board-escalation,eastmoor-2023-stage-3,2023-09,2023-09,"
        "nhs-scotland-escalation,Scottish Government,eastmoor-health-board,,stage_3,Stage 3,"
        "stage_4,better,yes,eastmoor-2023-letter"]
    assert rows(OVERSIGHT, "oversight", "riverton-council-intervention")[1:] == [
        "riverton-council-intervention,riverton-2020-regional-review,2020-05-20,2020-05-20,"
        "example-regional-review,Example Regional Assembly,riverton-council,"
        "children's services,no_concern,No concern,,first,yes,riverton-2020-review",
        "riverton-council-intervention,riverton-2021-commissioners,2021-03-10,2021-03-10,"
        "example-regional-review,Example Regional Assembly,riverton-council,"
        "children's services,serious_concern,Serious concern,no_concern,worse,yes,"
        "riverton-2021-direction",
        "riverton-council-intervention,riverton-2021-commissioners,2021-03-10,2021-03-10,"
        "council-intervention,the national or devolved government,riverton-council,,"
        "commissioners_appointed,Commissioners appointed,,first,yes,riverton-2021-direction"]


def test_sources_with_their_copies_licences_and_quotes_checked() -> None:
    assert rows(SECOND_CASE, "sources") == [
        "case,source,title,publisher,kind,published,evidence_grade,second_hand,original,url,"
        "archive_url,copy_file,copy_sha256,copy_format,licence,publish_copy,quotes,"
        "quotes_checked",
        "fictional-borough-childrens-services,fictional-annual-review,"
        "FICTIONAL TEST DOCUMENT: annual review of Fictional Borough Council,"
        "fictional-care-regulator,inspection_report,2023-03-01,regulator,,,"
        "https://example.org/fictional/annual-review,,fictional-annual-review.md,"
        "70dff52a2d7ada6ffbbd72eea2a28dae19a4386ec58b1bcfbd27fd5a13f3547f,markdown,OGL-3.0,"
        "yes,3,3",
        "fictional-borough-childrens-services,fictional-council-update,"
        "FICTIONAL TEST DOCUMENT: council update on progress,fictional-borough-council,"
        "council_press_release,2023-05,self_report,,,,,,,,,,1,0",
        "fictional-borough-childrens-services,fictional-inspection-report,"
        "FICTIONAL TEST DOCUMENT: inspection of Fictional Borough Council,"
        "fictional-care-regulator,inspection_report,2023-03-01,regulator,,,"
        "https://example.org/fictional/inspection-report,"
        "https://example.org/archive/fictional/inspection-report,"
        "fictional-inspection-report.txt,"
        "234f4438bb985496735a0d99075770094e9349e9b34f61bf2f17c20644de191b,text,,,1,1"]


def test_quotes_are_counted_per_case_and_source_where_they_are_made(tmp_path: Path) -> None:
    """report-2017 is quoted by the inspection's citation and cited by the statement (whose
    quote is checked against it): 2 quotes; a quote on the case's or its money's citation
    counts too; a citation without a quote does not."""
    assert tables([mini(tmp_path / "a").cases["town"]])["sources"].splitlines()[1:] == [
        "town,council-news,Council news,town-council,council_press_release,2018-03,"
        "self_report,,,,,,,,,,0,0",
        "town,report-2017,Inspection of Town Council,inspectorate,inspection_report,"
        "2017-10-02,regulator,,,https://example.org/report,,,,,,,2,0"]
    case = "cases/town/case.yml"
    quoted = mini(tmp_path / "b", {case: (
        "    for: Set aside.\n    cite: [report-2017]\ncite: [report-2017]\n",
        "    for: Set aside.\n    cite:\n      - source: report-2017\n        quote: Four.\n"
        "cite:\n  - source: council-news\n    quote: News.\n")})
    assert [line.rsplit(",", 2)[1:] for line in
            tables([quoted.cases["town"]])["sources"].splitlines()[1:]] == [["1", "0"],
                                                                          ["3", "0"]]


def test_a_source_second_hand_or_a_copy_of_an_original(tmp_path: Path) -> None:
    from tests.test_who import dataset

    lines = tables([dataset(tmp_path).cases["northshire"]])["sources"].splitlines()
    assert "northshire,audit-mirror,audit-mirror EXAMPLE ONLY,example-tracker,web_page," \
           "2021-03-01,auditor,,audit-report,,,,,,,,0,0" in lines
    assert "northshire,tracker-page,tracker-page EXAMPLE ONLY,example-tracker,web_page," \
           "2021-03-01,second_hand,yes,,,,,,,,,0,0" in lines


def test_ratings_each_grade_what_it_is_compared_with_and_a_relayed_one(tmp_path: Path
                                                                       ) -> None:
    from tests.test_ratings import load, rated

    assert tables([load(tmp_path, rated()).cases["town"]])["ratings"].splitlines()[1:] == [
        "town,town-inspection,2017-07,inspectorate,,inadequate,Inadequate,,first,,,report-2017",
        "town,town-inspection,2017-07,inspectorate,Leadership,requires_improvement,"
        "Requires improvement to be good,,first,,,report-2017",
        "town,town-reinspection,2019-02-14,inspectorate,,requires_improvement,"
        "Requires improvement to be good,town-inspection,better,,,report-2017",
        "town,town-reinspection,2019-02-14,inspectorate,leadership,inadequate,Inadequate,"
        "town-inspection,worse,,,report-2017",
        "town,town-reinspection,2019-02-14,inspectorate,Help and protection,good,Good,,first,"
        ",,report-2017",
        "town,town-visit,2019-06-03,inspectorate,,requires_improvement,"
        "Requires improvement to be good,town-reinspection,same,town-council,self_report,"
        "council-news"]


def test_every_table_is_written_and_none_has_rows_for_no_case() -> None:
    empty = tables([])
    assert tuple(empty) == TABLES == ("timeline", "findings", "assessments", "deadlines",
                                      "ratings", "oversight", "figures", "responses",
                                      "response_states", "sources")
    assert [text.count("\n") for text in empty.values()] == [1] * len(TABLES)
    assert empty["sources"].startswith("case,source,title,")


def test_cells_are_quoted_as_rfc_4180_says_and_never_start_a_formula() -> None:
    assert [_cell(v) for v in (None, "", 0, 12, "a,b", 'say "hi"', "line\nbreak", "cr\rx",
                               "=1+1", "+1", "-1", "@A1", "\tx", "\rx", "a=b", " =x")] == [
        "", "", "0", "12", '"a,b"', '"say ""hi"""', '"line\nbreak"', '"cr\rx"',
        "'=1+1", "'+1", "'-1", "'@A1", "'\tx", "\"'\rx\"", "a=b", " =x"]
    assert _csv(["x", "y"], [[None, "b,c"], ["", ""]]) == 'x,y\n,"b,c"\n,\n'


def test_the_header_of_every_table() -> None:
    assert {name: text.rstrip("\n").split(",") for name, text in tables([]).items()} == {
        "timeline": ["case", "record", "date", "until", "published", "after", "type", "title",
                     "body", "summary", "sources"],
        "findings": ["case", "finding", "raised_by", "raised_date", "theme", "text", "sources",
                     "kind", "number", "paragraph", "directed_at"],
        "assessments": ["case", "record", "record_date", "finding", "status", "asserted_by",
                        "asserter", "note", "relayed_by", "relayed_grades", "shown_as",
                        "sources"],
        "deadlines": ["case", "requirement", "set_by", "text", "due_from", "due_until",
                      "as_written", "outcome", "explanation", "records_outcome",
                      "reported_outcome", "reported_by", "reported_relayed_by",
                      "reported_relayed_grades", "reported_shown_as", "sources", "as_of",
                      "jurisdiction"],
        "ratings": ["case", "record", "date", "body", "area", "grade", "grade_label",
                    "compared_with_record", "change", "relayed_by", "relayed_grades", "sources"],
        "oversight": ["case", "record", "announced", "effective", "framework", "overseer",
                      "body", "service", "level", "level_label", "previous_level", "change",
                      "in_effect", "sources"],
        "figures": ["case", "record", "indicator", "indicator_name", "unit", "currency",
                    "value", "approximate", "date", "until", "by", "asserter", "note",
                    "relayed_by", "relayed_grades", "shown_as", "sources"],
        "responses": ["case", "record", "date", "item", "item_kind", "item_number",
                      "item_record", "body", "status", "status_label", "note", "sources",
                      "quote"],
        "response_states": ["case", "record", "item", "item_kind", "item_number", "body",
                            "state", "state_label", "duty_state", "due_from", "due_until",
                            "as_of"],
        "sources": ["case", "source", "title", "publisher", "kind", "published",
                    "evidence_grade", "second_hand", "original", "url", "archive_url",
                    "copy_file", "copy_sha256", "copy_format", "licence", "publish_copy",
                    "quotes", "quotes_checked"]}


def test_a_requirement_with_no_outcome_in_a_case_with_no_as_of_date() -> None:
    """The row builder leaves the outcome cells and the as-of date empty, not made up."""
    case = next(iter(load_dataset(SECOND_HAND).cases.values()))
    case.requirements[0].outcome, case.as_of = None, None
    assert tables([case])["deadlines"].splitlines()[1] == (
        "brookfield-childrens-services,fh-req-board,brookfield-2023-inspection,"
        "Set up an improvement board (invented).,2023-09-30,2023-09-30,,,,,met,"
        "brookfield-improvement-board,brookfield-council,self_report,self,"
        "brookfield-inspection-report brookfield-press-release,,GB-ENG")


def test_a_move_that_takes_effect_after_the_as_of_date_is_not_in_effect() -> None:
    case = load_dataset(OVERSIGHT).cases["northshire-health-board-escalation"]
    case.as_of = dt.date(2023, 2, 21)  # announced on the 20th, effective on the 27th
    assert [(cells[1], cells[3], cells[12]) for cells in (
        line.split(",") for line in tables([case])["oversight"].splitlines()[1:])] == [
        ("northshire-2015-special-measures", "2015-06", "yes"),
        ("northshire-2020-targeted-intervention", "2020-11", "yes"),
        ("northshire-2023-special-measures", "2023-02-27", "no"),
        ("northshire-2023-special-measures", "2023-02-20", "yes")]


def test_rows_of_several_cases_are_all_kept(tmp_path: Path) -> None:
    from tests.test_ratings import load, rated

    assert len(rows(OVERSIGHT, "oversight")) == 1 + 14
    other = next(iter(load_dataset(SECOND_CASE).cases.values()))
    both = tables([load(tmp_path, rated()).cases["town"], other])
    assert len(both["ratings"].splitlines()) == 1 + 6
    assert len(both["deadlines"].splitlines()) == 1 + 2


def test_a_publisher_not_named_and_a_date_not_shown(tmp_path: Path) -> None:
    ds = mini(tmp_path, {"sources/council-news.yml": (
        "publisher: town-council\nkind: council_press_release\npublished: 2018-03\n",
        "publisher_note: Posted anonymously.\nkind: council_press_release\n"
        "published_note: No date shown.\n")})
    assert tables([ds.cases["town"]])["sources"].splitlines()[1] == (
        "town,council-news,Council news,,council_press_release,,other,,,,,,,,,,0,0")
    second_hand = next(iter(load_dataset(SECOND_HAND).cases.values()))
    relayed = second_hand.records[2].assessments[0].relayed
    assert relayed is not None
    relayed.publishers.insert(0, (None, relayed.publishers[0][1]))
    # "-" for the publisher not named; first in the cell, it gets the formula guard's "'"
    assert tables([second_hand])["assessments"].splitlines()[5].split(",")[8:11] == [
        "'- example-gazette", "press press", "press"]
