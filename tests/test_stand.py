""""Where things stand" (casefile.model.stand): exact sentences and their citations, built
from the fictional MINI data set (tests/conftest.py) with small changes: due today, past
due, a closed case, no findings, no requirements, several speakers, one record only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bs4 import BeautifulSoup

from casefile.model import stand as st
from casefile.model.deadlines import latest_document_date
from casefile.model.views import CaseView, case_view
from casefile.outputs.render import Renderer, case_src
from casefile.pipeline import load_dataset
from tests.conftest import REPO, write_mini

INSPECTION = "cases/town/records/town-inspection.yml"
FOLLOW_UP = "cases/town/records/town-follow-up.yml"
CASE = "cases/town/case.yml"
DUE_20_DAYS = """    due:
      within: 20
      unit: working_days
      from: publication
"""


def view(tmp_path: Path, changes: dict[str, str | tuple[str, str]],
         build: dt.date | None = None) -> CaseView:
    case = load_dataset(write_mini(tmp_path, changes), use_cache=False).cases["town"]
    return case_view(case, build)


def sources(said: st.Said) -> list[str]:
    return [c.source.id for c in said.cites]


def test_the_mini_case_in_words(tmp_path: Path) -> None:
    s = view(tmp_path, {}).stand
    assert s is not None
    assert s.ends.text == "These records end on 1 March 2018."
    assert sources(s.ends) == ["council-news"]  # the record of that day; its source
    assert s.later is None
    [f] = s.findings
    assert f.lead == "The inspection of July 2017 raised 1 finding."
    assert [v.text for v in f.voices] == [
        "Town Council (own claim; 1 March 2018) gave the latest assessment of it: "
        "1 with the status Improving."]
    assert sources(st.Said("", f.voices[0].cites)) == ["council-news"]
    assert (f.total, f.not_assessed, f.unassessed, f.counts) == (1, 0, None, {"improving": 1})
    assert s.requirements.text == ("As of 1 March 2018, the one requirement recorded, set by "
                                   "New Inspectorate, is past due: no record that it "
                                   "was met.")
    assert [(p.term.value, [(i.text, i.anchor) for i in p.items]) for p in s.pending] == [
        ("overdue", [("due 30 October 2017", "req-req-plan")])]
    assert s.next is None and s.closed is None and s.no_findings is None


def test_due_on_the_as_of_date_is_outstanding_and_next(tmp_path: Path) -> None:
    s = view(tmp_path, {INSPECTION: (DUE_20_DAYS, "    due:\n      date: 2018-03-01\n")}).stand
    assert s is not None
    assert [(p.term.value, [i.text for i in p.items]) for p in s.pending] == [
        ("outstanding", ["due 1 March 2018"])]
    assert s.next is not None
    assert s.next.text == "The next deadline in these records: Produce a plan, due 1 March 2018."
    assert (s.next.anchor, sources(s.next)) == ("req-req-plan", ["report-2017"])


def test_due_the_day_before_is_past_due(tmp_path: Path) -> None:
    s = view(tmp_path, {INSPECTION: (DUE_20_DAYS, "    due:\n      date: 2018-02-28\n")}).stand
    assert s is not None
    assert [(p.term.label, [i.text for i in p.items]) for p in s.pending] == [
        ("Past due: no record that it was met", ["due 28 February 2018"])]
    assert s.next is None


def test_a_window_and_no_deadline_are_said_as_such(tmp_path: Path) -> None:
    s = view(tmp_path, {INSPECTION: (DUE_20_DAYS, "    due:\n      date: 2018-04\n"),
                        FOLLOW_UP: ("cite: [council-news]\nassessments",
                                    "cite: [council-news]\nrequirements:\n  - id: req-later\n"
                                    "    text: Report back.\n    cite: [council-news]\n"
                                    "assessments")}).stand
    assert s is not None
    assert [(p.term.value, [(i.text, i.anchor) for i in p.items]) for p in s.pending] == [
        ("outstanding", [("due between 1 April 2018 and 30 April 2018", "req-req-plan"),
                         ("no deadline set", "req-req-later")])]
    assert s.requirements.text == (
        "As of 1 March 2018, 2 requirements are recorded, set 1 by New Inspectorate and 1 by "
        "Town Council. 2 have the status Outstanding. No record yet shows them met.")
    assert s.next is not None and s.next.anchor == "req-req-plan"


def test_a_closed_case_names_no_pending_deadline(tmp_path: Path) -> None:
    s = view(tmp_path, {CASE: ("status: open", "status: closed")}).stand
    assert s is not None
    assert s.pending == [] and s.next is None
    assert s.closed == ("The case is closed, so no deadline is followed; each requirement's "
                        "outcome as of 1 March 2018 stays in its table.")
    assert s.requirements.text.endswith("is past due: no record that it was met.")


def test_no_findings_and_no_requirements(tmp_path: Path) -> None:
    inspection = """\
id: town-inspection
type: inspection
title: Inspection
date: 2017-07
published: 2017-10-02
body: inspectorate
summary: Inspectors visited.
cite: [report-2017]
"""
    follow_up = """\
id: town-follow-up
type: council_statement
title: Council news
date: 2018-03
body: town-council
summary: The council said something.
cite: [council-news]
"""
    s = view(tmp_path, {INSPECTION: inspection, FOLLOW_UP: follow_up}).stand
    assert s is not None
    assert (s.findings, s.no_findings) == ([], "No findings are recorded in this case.")
    assert s.requirements.text == "No requirements or deadlines are recorded in this case."
    assert s.pending == [] and s.next is None
    # a month-precise end: "in", and the source published that month rather than the record
    assert s.ends.text == "These records end in March 2018."
    assert sources(s.ends) == ["council-news"]


def test_one_record_only(tmp_path: Path) -> None:
    write_mini(tmp_path, {})
    (tmp_path / "data" / FOLLOW_UP).unlink()
    case = load_dataset(tmp_path / "data", use_cache=False).cases["town"]
    s = case_view(case).stand
    assert s is not None
    # the record's publication and its source's share the day: the source is cited
    assert s.ends.text == "These records end on 2 October 2017."
    assert sources(s.ends) == ["report-2017"]
    [f] = s.findings
    assert (f.voices, f.unassessed) == ([], "It is not assessed yet in these records.")
    assert f.counts == {"not_assessed": 1}


SECOND_FINDING = ("    cite: [report-2017]\nrequirements:",
                  "    cite: [report-2017]\n  - id: f-safe\n    theme: safeguarding\n"
                  "    text: Unsafe.\n    cite: [report-2017]\n  - id: f-third\n"
                  "    theme: safeguarding\n    text: A third.\n    cite: [report-2017]\n"
                  "requirements:")
VISIT = """\
id: town-visit
type: monitoring_visit
title: Visit
date: 2018-02-01
body: inspectorate
summary: Inspectors visited again.
cite: [report-2017]
assessments:
  - finding: f-safe
    status: serious_concern
    asserted_by: inspectorate
    note: Still unsafe.
    cite: [report-2017]
  - finding: f-leadership
    status: concern
    asserted_by: inspectorate
    note: Still weak.
    cite: [report-2017]
"""


def test_several_speakers_each_count_only_what_they_assessed_last(tmp_path: Path) -> None:
    s = view(tmp_path, {INSPECTION: SECOND_FINDING,
                        "cases/town/records/town-visit.yml": VISIT}).stand
    assert s is not None
    [f] = s.findings
    assert f.lead == ("The inspection of July 2017 raised 3 findings. Their latest assessments "
                      "come from 2 different bodies, each named below with how many of them it "
                      "assessed last.")
    assert [v.text for v in f.voices] == [  # the latest first; f-leadership counted once
        "Town Council (own claim; 1 March 2018) gave the latest assessment of 1 of them: "
        "1 with the status Improving.",
        "New Inspectorate (regulator's judgement; 1 February 2018) gave the latest assessment "
        "of 1 of them: 1 with the status Serious concern."]
    assert [sources(st.Said("", v.cites)) for v in f.voices] == [["council-news"],
                                                                  ["report-2017"]]
    assert [v.count for v in f.voices] == [1, 1]
    assert f.unassessed == "1 is not assessed yet in these records."
    assert f.counts == {"improving": 1, "serious_concern": 1, "not_assessed": 1}
    assert sum(f.counts.values()) == f.total == 3


def test_a_second_hand_speaker_names_who_it_is_known_from(tmp_path: Path) -> None:
    relayed = VISIT.replace("    cite: [report-2017]\n  - finding: f-leadership",
                            "    cite: [council-news]\n  - finding: f-leadership")
    s = view(tmp_path, {INSPECTION: SECOND_FINDING,
                        FOLLOW_UP: ("status: improving", "status: improved"),
                        "cases/town/records/town-visit.yml": relayed}).stand
    assert s is not None
    texts = [v.text for v in s.findings[0].voices]
    assert texts[1] == ("Town Council (self-report) reports that New Inspectorate (regulator's "
                        "judgement; 1 February 2018) gave the latest assessment of 1 of them: "
                        "1 with the status Serious concern.")
    assert texts[0].endswith("1 with the status Improved.")


NO_ASSESSMENT = """\
id: town-follow-up
type: council_statement
title: Follow-up
date: 2018-03-01
body: town-council
summary: The council reported progress.
cite: [council-news]
"""


def test_all_of_several_findings_by_one_speaker(tmp_path: Path) -> None:
    visit = VISIT + """\
  - finding: f-third
    status: resolved
    asserted_by: inspectorate
    note: Done.
    cite: [report-2017]
"""
    s = view(tmp_path, {INSPECTION: SECOND_FINDING, FOLLOW_UP: NO_ASSESSMENT,
                        "cases/town/records/town-visit.yml": visit}).stand
    assert s is not None
    [voice] = s.findings[0].voices
    assert voice.text == ("New Inspectorate (regulator's judgement; 1 February 2018) gave the "
                          "latest assessment of all 3: 1 with the status Serious concern, 1 with "
                          "the status Concern remains "
                          "and 1 with the status Resolved.")
    assert s.findings[0].unassessed is None


def test_a_build_long_after_the_records_end_says_later_events_may_be_missing(
        tmp_path: Path) -> None:
    end = dt.date(2018, 3, 1)
    v = view(tmp_path, {})
    at = {days: st.stand(v.case, v.matrices, v.requirements,
                         end + dt.timedelta(days=days)).later for days in (90, 91)}
    assert at[90] is None
    assert at[91] == ("Nothing later is recorded here; this version of the site was built on "
                      "31 May 2018, so anything since may be missing.")
    assert st.stand(v.case, v.matrices, v.requirements, None).later is None


def test_the_case_page_block_lays_out_the_sentences_with_citations(tmp_path: Path) -> None:
    data = write_mini(tmp_path, {})
    r = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
    v = r.views["town"]
    html = BeautifulSoup(str(r.macro("stand", case_src("town"), view=v)), "html.parser")
    paragraphs = [p.get_text(" ", strip=True) for p in html.select(".cf-stand > p")]
    end = v.number(v.case.records[1].cites[0].source)
    assert paragraphs[0] == f"These records end on 1 March 2018. [{end}]"
    # seen: the due date; heard after it: which requirement (#12 review, WCAG 2.4.4)
    assert html.select_one("a[href='#req-req-plan']").get_text() == (
        "due 30 October 2017, the requirement: Produce a plan")
    # the one requirement's outcome is said once, its deadline after it, cited once
    # (#29 review, item 2)
    for hidden in html.select(".cf-vh"):
        hidden.decompose()
    seen = html.select(".cf-stand > p")[-1].get_text(" ", strip=True)
    [plan] = {v.number(c.source) for c in v.stand.requirements.cites}
    assert seen == ("As of 1 March 2018, the one requirement recorded, set by New "
                    f"Inspectorate, is past due: no record that it was met. [{plan}] It was "
                    "due 30 October 2017 .")
    listed = BeautifulSoup(str(r.macro("case_list", "index.md")), "html.parser")
    cell = listed.select_one("td.cf-stand-short")
    assert cell.p.get_text() == "These records end on 1 March 2018."
    assert cell.select_one("a")["href"] == "cases/town/#where-things-stand"


def test_the_methodology_gives_the_threshold_the_code_uses() -> None:
    text = " ".join((REPO / "content" / "methodology.md").read_text(encoding="utf-8").split())
    assert f"this version of the site was built more than {st.LATER_DAYS} days later" in text


def test_a_case_with_no_records_yet(tmp_path: Path) -> None:
    write_mini(tmp_path, {})
    for name in (INSPECTION, FOLLOW_UP):
        (tmp_path / "data" / name).unlink()
    case = load_dataset(tmp_path / "data", use_cache=False).cases["town"]
    s = case_view(case).stand
    assert s is not None
    # the case file cites a source, whose publication is the latest date there is
    assert s.ends.text == "These records end on 2 October 2017."
    assert (s.findings, s.pending, s.next) == ([], [], None)
    assert st.records_end(case)[0].text == "These records end on 2 October 2017."


def test_hostile_words_in_the_sentences_stay_text(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> & plan"
    data = write_mini(tmp_path, {INSPECTION: (
        "    text: Produce a plan.\n" + DUE_20_DAYS,
        f"    text: '{hostile}'\n    due:\n      date: 2018-04-30\n")})
    r = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
    html = BeautifulSoup(str(r.macro("stand", case_src("town"), view=r.views["town"])),
                         "html.parser")
    assert html.find("script") is None
    assert html.select(".cf-stand > p")[-1].get_text(" ", strip=True) == (
        f"The next deadline in these records: {hostile}, due 30 April 2018. [1]")


GAZETTE = """\
id: gazette
title: Gazette report
publisher: town-council
kind: council_press_release
published: 2018-03-01
language: en
"""


def test_a_source_published_on_the_end_date_is_cited_before_a_record_of_that_date(
        tmp_path: Path) -> None:
    s = view(tmp_path, {"sources/gazette.yml": GAZETTE,
                        "sources/bulletin.yml": GAZETTE.replace("id: gazette", "id: bulletin"),
                        CASE: ("cite: [report-2017]\n",  # the money's and the case's
                               "cite: [report-2017, gazette, bulletin]\n")}).stand
    assert s is not None
    assert s.ends.text == "These records end on 1 March 2018."
    # not council-news, the record's own source; each source once, in the order cited
    assert sources(s.ends) == ["gazette", "bulletin"]



BOARD = """\
id: town-board
type: improvement_board_report
title: Board report
date: 2017-11-15
published: 2017-12-01
body: town-council
summary: The board reported.
cite: [report-2017]
assessments:
  - finding: f-safe
    status: worsened
    asserted_by: town-council
    note: Worse, the council says, known from the inspectorate's report.
    cite: [report-2017]
  - finding: f-third
    status: early_signs
    asserted_by: inspectorate
    note: Some signs.
    cite: [report-2017]
  - finding: f-fourth
    status: improving
    asserted_by: inspectorate
    note: Better.
    cite: [report-2017]
  - finding: f-fifth
    status: resolved
    asserted_by: inspectorate
    note: Done, the council's letter says the inspectorate found.
    cite: [council-letter]
"""
LETTER = """\
id: council-letter
title: Letter
publisher: town-council
kind: council_press_release
published: 2017-11-01
language: en
"""
FIVE = (SECOND_FINDING[0], SECOND_FINDING[1].replace(
    "requirements:", "".join(f"  - id: f-{n}\n    theme: leadership\n    text: {n}.\n"
                             "    cite: [report-2017]\n" for n in ("fourth", "fifth"))
    + "requirements:"))


def test_names_and_publication_as_they_were_and_second_hand_apart(tmp_path: Path) -> None:
    """A record published after its date says both; bodies are named as they were then (the
    inspectorate was renamed in January 2018); a body's first-hand and second-hand claims in
    the same record are counted apart, the larger group first."""
    s = view(tmp_path, {INSPECTION: FIVE, FOLLOW_UP: NO_ASSESSMENT, "sources/council-letter.yml":
                        LETTER, "cases/town/records/town-board.yml": BOARD}).stand
    assert s is not None
    [f] = s.findings
    assert (f.record.id, f.total, f.not_assessed) == ("town-inspection", 5, 1)
    assert [(v.record.id, v.count) for v in f.voices] == [("town-board", 2), ("town-board", 1),
                                                          ("town-board", 1)]
    when = "15 November 2017, published 1 December 2017"
    assert [v.text for v in f.voices] == [
        f"New Inspectorate (regulator's judgement; {when}) gave the latest assessment "
        "of 2 of them: 1 with the status Early signs and 1 with the status Improving.",
        f"New Inspectorate (regulator) reports that Town Council (own claim; {when}) "
        "gave the latest assessment of 1 of them: 1 with the status Got worse.",
        f"Town Council (self-report) reports that New Inspectorate (regulator's "
        f"judgement; {when}) gave the latest assessment of 1 of them: 1 with the status Resolved."]
    assert [a.finding.id for a in f.voices[0].assessments] == ["f-third", "f-fourth"]
    assert f.lead.endswith("come from 2 different bodies, each named below with how many of "
                           "them it assessed last.")


def test_findings_not_assessed_are_counted_in_words(tmp_path: Path) -> None:
    some = view(tmp_path / "some", {INSPECTION: SECOND_FINDING}).stand
    none = view(tmp_path / "none", {INSPECTION: SECOND_FINDING, FOLLOW_UP: NO_ASSESSMENT}).stand
    assert some is not None and none is not None
    assert (some.findings[0].unassessed, some.findings[0].not_assessed) == (
        "2 are not assessed yet in these records.", 2)
    assert (none.findings[0].voices, none.findings[0].unassessed) == (
        [], "None of them is assessed yet in these records.")
    assert none.findings[0].counts == {"not_assessed": 3}


def test_the_end_date_is_the_latest_of_every_record_note_and_source(tmp_path: Path) -> None:
    """An earlier record's publication date can be the latest date (records are in the
    order of their own dates), before a progress note's and a source's."""
    progress = ("    cite: [report-2017]\nstatements:",
                "    progress:\n      - date: 2017-10-03\n        note: Begun.\n"
                "        cite: [report-2017]\n    cite: [report-2017]\nstatements:")
    inspection = write_mini(tmp_path, {FOLLOW_UP: NO_ASSESSMENT.replace(
        "date: 2018-03-01", "date: 2017-09-01").replace("council-news", "report-2017")})
    text = (inspection / INSPECTION).read_text(encoding="utf-8")
    text = text.replace("published: 2017-10-02", "published: 2017-10-05")
    assert progress[0] in text
    (inspection / INSPECTION).write_text(text.replace(*progress), encoding="utf-8")
    case = load_dataset(inspection, use_cache=False).cases["town"]
    said, end = st.records_end(case)
    assert (said.text, sources(said)) == ("These records end on 5 October 2017.", ["report-2017"])
    assert end == latest_document_date(case)


def test_a_month_is_more_precise_than_a_year_on_the_same_first_day(tmp_path: Path) -> None:
    s = view(tmp_path, {FOLLOW_UP: NO_ASSESSMENT.replace("date: 2018-03-01", "date: 2018-01"),
                        "sources/council-news.yml": ("published: 2018-03", "published: 2018")}
             ).stand
    assert s is not None
    assert (s.ends.text, sources(s.ends)) == ("These records end in January 2018.",
                                              ["council-news"])


def test_nothing_dated_at_all(tmp_path: Path) -> None:
    case = load_dataset(write_mini(tmp_path, {}), use_cache=False).cases["town"]
    case.records, case.cites, case.money = [], [], []
    assert st.records_end(case) == (st.Said("No document in this case's records has a date yet."),
                                    None)


TWO_DATED = (DUE_20_DAYS, "    due:\n      date: 2018-06-30\n"
             "    cite: [report-2017]\n  - id: req-sooner\n    text: Sooner.\n"
             "    due:\n      date: 2018-04-30\n")


def test_the_next_deadline_is_the_soonest_and_a_closed_case_names_none(tmp_path: Path) -> None:
    s = view(tmp_path / "open", {INSPECTION: TWO_DATED}).stand
    assert s is not None and s.next is not None
    assert (s.next.text, s.next.anchor) == (
        "The next deadline in these records: Sooner, due 30 April 2018.", "req-req-sooner")
    assert [[i.anchor for i in p.items] for p in s.pending] == [["req-req-sooner",
                                                                 "req-req-plan"]]
    closed = view(tmp_path / "closed", {INSPECTION: TWO_DATED,
                                        CASE: ("status: open", "status: closed")}).stand
    assert closed is not None
    assert (closed.next, closed.pending) == (None, [])
    assert closed.requirements.text == (
        "As of 1 March 2018, 2 requirements are recorded, all set by New Inspectorate. 2 "
        "have the status Outstanding. No record yet shows them met.")


def _same_day(tmp_path: Path, record_id: str, date: str = "2018-03-01") -> st.FindingsStand:
    """VISIT moved to the follow-up's day (or a period holding it), under ``record_id``."""
    visit = VISIT.replace("id: town-visit", f"id: {record_id}").replace(
        "date: 2018-02-01", f"date: {date}")
    s = view(tmp_path, {INSPECTION: SECOND_FINDING,
                        f"cases/town/records/{record_id}.yml": visit}).stand
    assert s is not None
    [f] = s.findings
    return f


SAME_DAY_LEAD = (
    "The inspection of July 2017 raised 3 findings. Their latest assessments come from 2 "
    "different bodies, each named below with how many of them it assessed last. 1 of them has "
    "more than one latest assessment, on dates that do not tell which came first, and is "
    "counted under each.")


def test_two_bodies_on_the_same_day_are_both_counted_whatever_the_record_ids(
        tmp_path: Path) -> None:
    """Town Council's own claim and the inspectorate's judgement of f-leadership on one day:
    neither is "the" latest; the finding is counted under each, and renaming the record (its
    id sorting before or after the other's) changes nothing said."""
    said = []
    for i, record_id in enumerate(("town-visit", "a-visit")):
        f = _same_day(tmp_path / str(i), record_id)
        said.append((f.lead, [v.text for v in f.voices], f.counts))
    assert said[0] == said[1]
    lead, texts, counts = said[0]
    assert lead == SAME_DAY_LEAD
    assert texts == [
        "New Inspectorate (regulator's judgement; 1 March 2018) gave the latest assessment "
        "of 2 of them: 1 with the status Serious concern and 1 with the status Concern remains.",
        "Town Council (own claim; 1 March 2018) gave the latest assessment of 1 of them: "
        "1 with the status Improving."]
    assert counts == {"improving": 1, "concern": 1, "serious_concern": 1, "not_assessed": 1}


def test_a_year_holding_a_day_is_in_no_known_order_with_it(tmp_path: Path) -> None:
    f = _same_day(tmp_path, "town-visit", "2018")
    assert f.lead == SAME_DAY_LEAD


ZZ_GAZETTE = """\
id: zz-gazette
title: Inspectors' verdict on the council
publisher_note: A fictional local newspaper.
kind: news_article
published: 2018-02-03
language: en
"""


def test_each_second_hand_count_names_only_the_sources_that_report_it(tmp_path: Path) -> None:
    """One speaker's assessments known from different sources are counted apart: no count
    is credited to a source that does not report it (a reviewer found "A and B report that
    X gave …: 1 with the status Serious concern" where only A reported the serious concern)."""
    relayed = VISIT.replace("    cite: [report-2017]\n  - finding: f-leadership",
                            "    cite: [council-news]\n  - finding: f-leadership")
    relayed = relayed[:relayed.rindex("cite: [report-2017]")] + "cite: [zz-gazette]\n"
    s = view(tmp_path, {INSPECTION: SECOND_FINDING, "sources/zz-gazette.yml": ZZ_GAZETTE,
                        FOLLOW_UP: NO_ASSESSMENT,
                        "cases/town/records/town-visit.yml": relayed}).stand
    assert s is not None
    assert sorted(v.text for v in s.findings[0].voices) == [
        "A source that does not name its publisher (press) reports that New Inspectorate "
        "(regulator's judgement; 1 February 2018) gave the latest assessment of 1 of them: "
        "1 with the status Concern remains.",
        "Town Council (self-report) reports that New Inspectorate (regulator's judgement; "
        "1 February 2018) gave the latest assessment of 1 of them: 1 with the status Serious "
        "concern."]
