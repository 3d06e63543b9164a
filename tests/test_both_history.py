"""A finding's page gives one history of both axes (#18 item 4): the report raising it,
its assessments of progress, its responses (with the response status, who, the date and the
quoted words) and the day a response falls due, in date order; same-day entries by kind
(the report, responses, progress, the due day) then by who says so; each entry names who
says so and cites. Parsed HTML of two fictional fixtures built as sites: a coroner's report
(tests/test_responses.py) answered on day 56, on day 57 and not at all, and the inquiry of
tests/projects/inquiry with its recommendations imported, a reply and later progress; plus
the order itself, in process."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from casefile.model import both
from casefile.model.histories import histories
from tests.conftest import BIN, REPO, copy_project, mkdocs_build, write_mini
from tests.html_support import soup_of
from tests.test_response_lists import CASE as INQUIRY_CASE
from tests.test_response_lists import DUTY, INQUIRY, REPORT, SOURCE, reply_record
from tests.test_responses import BODIES, CASE, PFD, load, pfd, reply

THREE = "  by: [town-council, trust, inspectorate]\n"


def text(li: Tag) -> str:
    return " ".join(li.get_text(" ").split())


def history(doc: BeautifulSoup) -> list[Tag]:
    return doc.select("ol.cf-history.cf-both > li")


# -- a coroner's report: day 56, day 57, none ---------------------------------------------

@pytest.fixture(scope="module")
def coroner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("both-coroner")
    write_mini(root, {**BODIES, PFD: pfd(respond=THREE),
                      "cases/town/records/r-council.yml": reply("r-council", "2018-03-07"),
                      "cases/town/records/r-trust.yml": reply("r-trust", "2018-03-08",
                                                              "trust"),
                      CASE: ("reviewed: 2020-01-01", "reviewed: 2020-01-01\nas_of: 2018-03-09")})
    copy_project(root, data=False)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_day_56_is_on_time_day_57_late_and_silence_no_response_published(
        coroner: Path) -> None:
    doc = soup_of(coroner, "cases/town/findings/c-staffing")
    entries = history(doc)
    assert [li["id"] for li in entries] == [
        "raised", "response-r-council-town-council", "response-due", "response-r-trust-trust"]
    assert [li.time["datetime"] for li in entries] == [  # type: ignore[index]
        "2018-01-10", "2018-03-07", "2018-03-07", "2018-03-08"]
    assert [text(li) for li in entries[1:]] == [
        "7 March 2018 Reply r-council Response Accepted Town Council New staff are being "
        "hired. [4] Responded on time: Town Council responded in “Reply r-council” (7 March "
        "2018), on or before the day it was due. “We accept this concern in full.” [4] Quote "
        "not checked : no stored copy is kept",
        "7 March 2018 Response due Area Coroner, in “Report to prevent future deaths” From "
        "Town Council, Town Health Trust and New Inspectorate: 56 calendar days from the event "
        "(10 January 2018): due 7 March 2018. The period is the one every prevention of future "
        "deaths report carries. [2]",
        "8 March 2018 Reply r-trust Response Accepted Town Health Trust New staff are being "
        "hired. [4] Responded late: Town Health Trust responded in “Reply r-trust” (8 March "
        "2018), after the day it was due. “We accept this concern in full.” [4] Quote not "
        "checked : no stored copy is kept"]
    summary = [text(li) for li in doc.select("ul.cf-responses > li")]
    assert summary[:2] == ["Accepted Town Council, 7 March 2018",
                           "Accepted Town Health Trust, 8 March 2018"]
    assert summary[2].startswith("No response published New Inspectorate: “Report to prevent "
                                 "future deaths” (10 January 2018) set a duty to respond, due "
                                 "7 March 2018; as of 9 March 2018, no document")
    assert "Rejected" not in doc.select_one("article").get_text()  # type: ignore[union-attr]


def test_every_entry_names_who_says_so_and_cites(coroner: Path) -> None:
    for finding in ("c-staffing", "c-handover"):
        for li in history(soup_of(coroner, f"cases/town/findings/{finding}")):
            head = li.select_one(".cf-event__head")
            assert head is not None and head.select_one(".cf-by, .cf-asserter") is not None
            assert head.select_one(".cf-by, .cf-asserter").get_text().strip()  # type: ignore[union-attr]
            assert [a for a in li.select("a") if a.get_text().startswith("[")], text(li)


def test_the_page_states_the_tie_rule_and_each_fact_once(coroner: Path) -> None:
    doc = soup_of(coroner, "cases/town/findings/c-staffing")
    intro = doc.select_one("ol.cf-both").find_previous("p")  # type: ignore[union-attr]
    assert intro is not None and intro.get_text().startswith(both.TIE_RULE)
    article = doc.select_one("article").get_text()  # type: ignore[union-attr]
    assert article.count("“We accept this concern in full.”") == 2  # council's, trust's
    assert article.count("on or before the day it was due") == 1
    assert doc.select("ol.cf-responses, ol.cf-history:not(.cf-both)") == []


# -- the inquiry: a reply, progress the same day and later --------------------------------

PROGRESS = """\
id: {ident}
type: report
title: "Progress {ident}"
date: {date}
body: example-water-department
summary: The invented department reported progress.
cite: [dept-reply]
assessments:
  - finding: {report}-3
    status: {status}
    asserted_by: example-water-department
    note: "{note}"
    cite: [dept-reply]
"""


@pytest.fixture(scope="module")
def inquiry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("both-inquiry"), INQUIRY / "data")
    imported = subprocess.run(
        [str(BIN / "casefile"), "import", "recommendations", str(INQUIRY / "recommendations.csv"),
         "--record", REPORT], cwd=project, capture_output=True, text=True, timeout=120)
    assert imported.returncode == 0, imported.stderr
    data, records = project / "data", project / "data" / "cases" / INQUIRY_CASE / "records"
    with (records / f"{REPORT}.yml").open("a", encoding="utf-8") as out:
        out.write(DUTY)
    (records / "dept-reply-2025.yml").write_text(reply_record(), encoding="utf-8")
    (data / "sources" / "dept-reply.yml").write_text(SOURCE, encoding="utf-8")
    for ident, date, status, note in (("p-june", "2025-06-20", "improving", "Audits began."),
                                      ("p-may", "2025-05-01", "early_signs", "Planned.")):
        (records / f"{ident}.yml").write_text(PROGRESS.format(
            ident=ident, date=date, report=REPORT, status=status, note=note), encoding="utf-8")
    case = data / "cases" / INQUIRY_CASE / "case.yml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "reviewed: 2025-04-01", "reviewed: 2025-07-01\nas_of: 2025-06-30"), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_a_recommendation_s_response_and_progress_in_one_history(inquiry: Path) -> None:
    doc = soup_of(inquiry, f"cases/{INQUIRY_CASE}/findings/{REPORT}-3")
    entries = history(doc)
    assert [(li["id"], li.time["datetime"]) for li in entries] == [  # type: ignore[index]
        ("raised", "2025-03-10"),
        ("response-dept-reply-2025-example-water-department", "2025-05-01"),
        ("in-p-may", "2025-05-01"),  # the same day: a response before progress
        ("response-due", "2025-05-10"),
        ("in-p-june", "2025-06-20")]
    assert [li.select_one(".cf-type").get_text() for li in entries] == [  # type: ignore[union-attr]
        "Recommendation 3 raised", "Response", "Progress", "Response due", "Progress"]
    assert [li.select_one('[class^="s-"]').get_text() for li in entries[1:3]] == [  # type: ignore[union-attr]
        "Accepted", "Early signs"]
    assert text(entries[3]) == (
        "10 May 2025 Response due Example Inquiry into the Northmoor Water Board, in "
        "“FICTIONAL TEST RECORD: the inquiry's final report” From Example Department for "
        "Water (fictional): 2 calendar months from the event (10 March 2025): due 10 May "
        "2025. [1]")
    assert "Responded on time: Example Department for Water (fictional) responded in " in \
        text(entries[1])
    assert "“We respond to recommendation 3: accepted.”" in text(entries[1])
    assert [text(li) for li in doc.select("ul.cf-responses > li")] == [
        "Accepted Example Department for Water (fictional), 1 May 2025"]


def test_a_recommendation_nobody_answered_shows_the_due_day_and_no_response(
        inquiry: Path) -> None:
    doc = soup_of(inquiry, f"cases/{INQUIRY_CASE}/findings/{REPORT}-44")
    assert [li["id"] for li in history(doc)] == ["raised", "response-due"]
    [line] = doc.select("ul.cf-responses > li")
    assert text(line).startswith("No response published Northmoor Water Board (fictional): ")
    assert line.select("a")[-1]["href"] == "#response-due"


# -- the order, in process ----------------------------------------------------------------

def test_same_day_entries_go_by_kind_then_who_says_so_never_by_record_id(
        tmp_path: Path) -> None:
    """Three replies and an assessment on 1 February 2018: the replies first, the council's
    two (by what they say: Accepted, then Noted) before the trust's (by name), though the
    trust's record id sorts before z-council's."""
    progress = reply("a-progress", "2018-02-01", rows="  - to: c-staffing\n    status: noted\n"
                     "    cite: [reply]\n").replace("responses:\n", "assessments:\n  - finding: "
                                                    "c-staffing\n    status: improving\n    "
                                                    "asserted_by: town-council\n    note: Up.\n"
                                                    "    cite: [reply]\nresponses:\n")
    case = load(tmp_path, {PFD: pfd(),
                           "cases/town/records/z-council.yml": reply("z-council", "2018-02-01"),
                           "cases/town/records/b-trust.yml": reply("b-trust", "2018-02-01",
                                                                   "trust"),
                           "cases/town/records/a-progress.yml": progress})
    [staffing] = [h for h in histories(case) if h.finding.id == "c-staffing"]
    assert [(e.kind, e.anchor) for e in staffing.both] == [
        ("raised", "raised"), ("response", "response-z-council-town-council"),  # Accepted
        ("response", "response-a-progress-town-council"),  # Noted: by what they say
        ("response", "response-b-trust-trust"),
        ("assessment", "in-a-progress"), ("due", "response-due")]
    assert both.KINDS == ("raised", "response", "assessment", "due")


def test_the_methodology_says_the_same_order() -> None:
    text = " ".join((REPO / "content" / "methodology.md").read_text("utf-8").split())
    assert both.TIE_RULE in text
    assert "Each finding's page gives **one history of both**" in text


# -- "on time" only for a body the item is addressed to, on an entry answering it ---------

def test_no_timing_for_a_body_the_item_is_not_addressed_to(inquiry: Path) -> None:
    """Recommendation 5 is addressed to the water board only: the department's answer to it
    is listed, but the department owed no reply to this one, so its entry says nothing of on
    time (the board, which owes one, gave none)."""
    doc = soup_of(inquiry, f"cases/{INQUIRY_CASE}/findings/{REPORT}-5")
    entries = history(doc)
    assert [li["id"] for li in entries] == [
        "raised", "response-dept-reply-2025-example-water-department", "response-due"]
    assert doc.select(".cf-timing") == []
    assert "Responded on time" not in text(doc.select_one("article"))  # type: ignore[arg-type]


def test_no_timing_on_a_reply_that_does_not_answer_the_item(inquiry: Path) -> None:
    """Recommendation 43 is addressed to the department, whose reply answers 1 to 42 only:
    its entry says the reply gives no response to it, and nothing of on time."""
    doc = soup_of(inquiry, f"cases/{INQUIRY_CASE}/findings/{REPORT}-43")
    [reply_entry] = [li for li in history(doc) if li["id"].startswith("reply-")]
    assert reply_entry.select_one('[class^="s-"]').get_text() == "Not answered in the reply"  # type: ignore[union-attr]
    assert reply_entry.select(".cf-timing") == []
    assert "on or before the day it was due" not in text(doc.select_one("article"))  # type: ignore[arg-type]
    three = soup_of(inquiry, f"cases/{INQUIRY_CASE}/findings/{REPORT}-3")
    assert len(three.select(".cf-timing")) == 1  # the department's answer to one it owes


# -- a due day the dates give only as a range -----------------------------------------------

MONTHS = "  by: [town-council]\n  within: 2\n  unit: months\n  from: event\n"


def test_a_due_range_reads_as_the_range_and_stands_at_its_last_day(tmp_path: Path) -> None:
    """A report dated only to January 2018 with two months to respond: due between 1 and
    31 March 2018; a reply of 20 March stands before it."""
    case = load(tmp_path, {PFD: pfd(date="2018-01", respond=MONTHS),
                           "cases/town/records/r-council.yml": reply("r-council", "2018-03-20")},
                as_of="2018-04-30")
    [staffing] = [h for h in histories(case) if h.finding.id == "c-staffing"]
    assert [e.anchor for e in staffing.both] == [
        "raised", "response-r-council-town-council", "response-due"]
    due = staffing.both[-1]
    assert due.when == "between 1 and 31 March 2018"
    assert (due.day, due.until, due.earliest) == (
        dt.date(2018, 3, 1), dt.date(2018, 3, 31), dt.date(2018, 3, 31))
    assert staffing.both[1].timing.startswith("Responded, timing not established")


def test_a_due_range_on_the_built_page(tmp_path: Path) -> None:
    root = tmp_path / "range"
    write_mini(root, {**BODIES, PFD: pfd(date="2018-01", respond=MONTHS),
                      "cases/town/records/r-council.yml": reply("r-council", "2018-03-20"),
                      CASE: ("reviewed: 2020-01-01", "reviewed: 2020-01-01\nas_of: 2018-04-30")})
    copy_project(root, data=False)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    entries = history(soup_of(root / "site", "cases/town/findings/c-staffing"))
    assert [li["id"] for li in entries] == [
        "raised", "response-r-council-town-council", "response-due"]
    head = entries[-1].select_one(".cf-event__head")
    assert head is not None and text(head).startswith("between 1 and 31 March 2018 Response due")
    assert [t["datetime"] for t in head.select("time")] == ["2018-03-01", "2018-03-31"]


# -- each reply that gives the finding no status, on the built page (#12 review) ----------

def test_each_reply_that_skips_the_finding_is_its_own_entry(tmp_path: Path) -> None:
    """The council answers c-staffing on 7 and on 20 March and c-handover never: both
    replies stand in c-handover's history, each with its date, status, who and source;
    "Where responses stand" links the later."""
    root = tmp_path / "replies"
    later = reply("r-later", "2018-03-20", rows="  - to: c-staffing\n    status: noted\n"
                  "    cite: [reply]\n")
    write_mini(root, {**BODIES, PFD: pfd(respond="  by: [town-council]\n"),
                      "cases/town/records/r-council.yml": reply("r-council", "2018-03-07"),
                      "cases/town/records/r-later.yml": later,
                      CASE: ("reviewed: 2020-01-01", "reviewed: 2020-01-01\nas_of: 2018-03-21")})
    copy_project(root, data=False)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    doc = soup_of(root / "site", "cases/town/findings/c-handover")
    entries = history(doc)
    assert [(li["id"], li.time["datetime"]) for li in entries] == [  # type: ignore[index]
        ("raised", "2018-01-10"), ("reply-r-council-town-council", "2018-03-07"),
        ("response-due", "2018-03-07"), ("reply-r-later-town-council", "2018-03-20")]
    assert [text(li) for li in (entries[1], entries[3])] == [
        "7 March 2018 Reply r-council Response Not answered in the reply Town Council Its "
        "reply to this report, “Reply r-council” (7 March 2018), gives no response to this "
        "finding. [4]",
        "20 March 2018 Reply r-later Response Not answered in the reply Town Council Its reply "
        "to this report, “Reply r-later” (20 March 2018), gives no response to this finding. "
        "[4]"]
    [line] = doc.select("ul.cf-responses > li")
    assert text(line) == "Not answered in the reply Town Council, 20 March 2018"
    assert line.a["href"] == "#reply-r-later-town-council"  # type: ignore[index]
