"""Responses counted per report on the case page, each count a link to a static list page
per response status (#18 items 4-5, first slice). A fictional inquiry (tests/projects/
inquiry, its 64 recommendations imported) with a duty to respond on two bodies: the
department replies to 42 (accepted, in part, rejected), the water board to none, and the
case's own date is after the due day. Built as a site; the HTML is parsed."""

from __future__ import annotations

import json
import posixpath
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from casefile.model import responses as rs
from casefile.pipeline import load_dataset
from tests.conftest import BIN, PROJECTS, copy_project, mkdocs_build
from tests.html_support import soup_file
from tests.shared_builds import once

INQUIRY = PROJECTS / "inquiry"
CASE = "example-northmoor-water-inquiry"
REPORT = "northmoor-2025-final-report"
DEPT, BOARD = "Example Department for Water (fictional)", "Northmoor Water Board (fictional)"
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"
DUTY = """\
respond:
  by: [example-water-department, northmoor-water-board]
  within: 2
  unit: months
  from: event
"""
SOURCE = """\
id: dept-reply
title: "FICTIONAL TEST DOCUMENT: the department's reply to the inquiry"
publisher: example-water-department
kind: report
published: 2025-05-01
language: en
"""


def _row(n: int, status: str) -> str:
    return (f"  - to: {REPORT}-{n}\n    status: {status}\n    cite:\n      - source: dept-reply\n"
            f"        quote: \"We respond to recommendation {n}: {status}.\"\n")


def reply_record() -> str:
    statuses = ["accepted"] * 38 + ["accepted_in_part"] * 3 + ["rejected"]
    rows = "".join(_row(n, s) for n, s in enumerate(statuses, start=1))
    return f"""\
id: dept-reply-2025
type: government_response
title: "Reply {HOSTILE}"
date: 2025-05-01
body: example-water-department
summary: The invented department replied to 42 of the 64 recommendations.
cite: [dept-reply]
responses:
{rows}"""


def build_inquiry(root: Path) -> Path:
    """The inquiry project with its recommendations, the duty, the reply and an as-of date
    after the due day (10 May 2025); returns the project folder (built into site/)."""
    project = prepare_inquiry(root)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project


def prepare_inquiry(root: Path) -> Path:
    """The project ``build_inquiry`` builds, not yet built."""
    project = copy_project(root, INQUIRY / "data")
    imported = subprocess.run(
        [str(BIN / "casefile"), "import", "recommendations", str(INQUIRY / "recommendations.csv"),
         "--record", REPORT], cwd=project, capture_output=True, text=True, timeout=120)
    assert imported.returncode == 0, imported.stderr
    data = project / "data"
    records = data / "cases" / CASE / "records"
    with (records / f"{REPORT}.yml").open("a", encoding="utf-8") as out:
        out.write(DUTY)
    (records / "dept-reply-2025.yml").write_text(reply_record(), encoding="utf-8")
    (data / "sources" / "dept-reply.yml").write_text(SOURCE, encoding="utf-8")
    case = data / "cases" / CASE / "case.yml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "reviewed: 2025-04-01", "reviewed: 2025-07-01\nas_of: 2025-06-30"), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
@once  # read by more than one test module (tests/shared_builds.py)
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_inquiry(tmp_path_factory.mktemp("response-lists"))


def case_page(project: Path) -> BeautifulSoup:
    return soup_file(project / "site" / "cases" / CASE / "index.html")


def lines(doc: BeautifulSoup) -> list[Tag]:
    return doc.select("ul.cf-response-counts > li")


def text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def follow(project: Path, href: str) -> tuple[BeautifulSoup, str]:
    """The page a case-page link leads to, and its fragment."""
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(f"cases/{CASE}/", path))
    return soup_file(project / "site" / target / "index.html"), fragment


def test_each_report_and_body_has_a_line_of_counts_in_words(project: Path) -> None:
    doc = case_page(project)
    headings = [h.get_text().rstrip("¶") for h in doc.select("article h2")]
    assert headings[headings.index("Findings and progress") + 1] == "Responses"
    title = "FICTIONAL TEST RECORD: the inquiry's final report"
    assert [text(li) for li in lines(doc)] == [
        # each body is counted over the recommendations addressed to it (directed_at)
        "Responses from Example Department for Water (fictional) to the 47 recommendations of "
        f"{title} ( 10 March 2025 ): Accepted 38 · Accepted in part 3 · Rejected 1 · "
        "Not answered in the reply 5 · Response pending 0",
        "Responses from Northmoor Water Board (fictional) to the 34 recommendations of "
        f"{title} ( 10 March 2025 ): No response published 34 · Response pending 0"]


def test_the_counts_are_the_model_s(project: Path) -> None:
    case = load_dataset(project / "data", use_cache=False).cases[CASE]
    [report] = [r for r in case.records if r.id == REPORT]
    shown = []
    for li in lines(case_page(project)):
        counts = li.get_text().split("): ", 1)[1].split(" · ")
        shown.append({c.rsplit(" ", 1)[0]: int(c.rsplit(" ", 1)[1]) for c in counts})
    assert shown == [{c.terms[k].label: n for k, n in c.counts.items()}
                     for c in rs.counts(report)]


def test_each_count_links_to_a_list_with_that_many_entries(project: Path) -> None:
    followed = 0
    for li in lines(case_page(project)):
        for a in li.select("a[href*='responses/']"):
            label, n = a.get_text().rsplit(" ", 1)
            page, fragment = follow(project, a["href"])  # type: ignore[arg-type]
            # two bodies respond in this case: the heading says whose the status is
            whose = " and ".join(dict.fromkeys(
                text(h).split(" to ")[0].removeprefix("Responses from ")
                for h in page.select("section.cf-response-list h2")))
            assert page.select_one("h1").get_text(" ", strip=True) == (
                f"Response status {label} from {whose}")
            group = page.find(id=fragment)
            assert group is not None and group.name == "h2"
            assert len(group.find_parent("section").select("ol > li")) == int(n)
            assert group.get_text().endswith(f": {label} {n}")
            followed += 1
    assert followed == 5


def test_a_count_of_0_has_no_link_and_an_empty_status_no_page(project: Path) -> None:
    board = lines(case_page(project))[1]
    assert [a.get_text() for a in board.find_all("a")][1:] == ["No response published 34"]
    assert "Response pending 0" in text(board)
    pages = sorted(p.name for p in (project / "site/cases" / CASE / "responses").iterdir())
    assert pages == ["accepted", "accepted-in-part", "no-response-published",
                     "not-answered-in-reply", "rejected"]


def test_a_list_page_total_equals_the_case_page_counts(project: Path) -> None:
    totals: dict[str, int] = {}
    slugs: dict[str, str] = {}
    for li in lines(case_page(project)):
        for a in li.select("a[href*='responses/']"):
            label, n = a.get_text().rsplit(" ", 1)
            totals[label] = totals.get(label, 0) + int(n)
            slugs[label] = str(a["href"]).split("responses/")[1].split("/")[0]
    for label, n in totals.items():
        slug = slugs[label]
        page = soup_file(project / "site/cases" / CASE / "responses" / slug / "index.html")
        assert len(page.select("section.cf-response-list ol > li")) == n
        intro = page.select_one("p.cf-intro").get_text()  # type: ignore[union-attr]
        assert f"{n} {'entry' if n == 1 else 'entries'}: " in intro
        others = {a.get_text() for a in page.select("nav.cf-response-statuses a")}
        # each says whose it is: only the board has not published a response
        assert others == {f"{k} from {BOARD if k == 'No response published' else DEPT} ({v})"
                          for k, v in totals.items() if k != label}


def test_an_entry_gives_its_words_the_body_the_reply_and_its_page(project: Path) -> None:
    base = project / "site/cases" / CASE / "responses" / "accepted-in-part"
    page = soup_file(base / "index.html")
    first = page.select("section.cf-response-list ol > li")[0]
    label = first.p.a  # type: ignore[union-attr]
    assert label.get_text() == "Recommendation 39"  # type: ignore[union-attr]
    target = (base / label["href"] / "index.html").resolve()  # type: ignore[index, operator]
    assert target == (project / f"site/cases/{CASE}/findings/{REPORT}-39/index.html").resolve()
    assert soup_file(target).h1.select_one(".cf-type").get_text() == "Recommendation 39"  # type: ignore[union-attr]
    csv_words = (INQUIRY / "recommendations.csv").read_text("utf-8").splitlines()[39]
    assert text(first.p).startswith("Recommendation 39 : The body should")  # type: ignore[arg-type]
    assert text(first.p).split(" : ", 1)[1] in csv_words  # type: ignore[arg-type]
    reply = first.select("p")[1]
    assert text(reply).startswith("Response: Accepted in part — Example Department for Water "
                                  f"(fictional), 1 May 2025, in Reply {HOSTILE} [")
    href, _, ref = str(reply.select("a")[-1]["href"]).partition("#")
    assert (base / href).resolve() == (project / f"site/cases/{CASE}").resolve()
    assert "dept-reply" not in text(reply)  # the source's number, not its id
    source = case_page(project).find(id=ref)
    assert source is not None and "the department's reply" in text(source)


def test_a_pending_entry_says_why_and_no_response_published_is_not_rejected(
        project: Path) -> None:
    base = project / "site/cases" / CASE / "responses"
    pending = soup_file(base / "not-answered-in-reply" / "index.html")
    entries = pending.select("section.cf-response-list ol > li")
    assert text(entries[0].select("p")[1]) == (
        "Response: Not answered in the reply — Example Department for Water (fictional): its "
        f"reply to this report, “Reply {HOSTILE}” (1 May 2025), gives no response to this "
        "recommendation.")
    unpublished = soup_file(base / "no-response-published" / "index.html")
    entries = unpublished.select("section.cf-response-list ol > li")
    said = text(entries[33].select("p")[1])
    assert said.startswith(
        "Response: No response published — Northmoor Water Board (fictional): “FICTIONAL TEST "
        "RECORD: the inquiry's final report” (10 March 2025) set a duty to respond, due "
        "10 May 2025; as of ")
    assert said.endswith("and this is not a rejection: the records may not hold the reply.")
    rejected = soup_file(base / "rejected" / "index.html")
    assert [li.p.a.get_text() for li in rejected.select(  # type: ignore[union-attr]
        "section.cf-response-list ol > li")] == ["Recommendation 42"]


def test_hostile_text_is_inert(project: Path) -> None:
    for slug in ("accepted", "not-answered-in-reply"):
        page = soup_file(project / "site/cases" / CASE / "responses" / slug / "index.html")
        assert page.select("article script, article img") == []
        assert HOSTILE in page.select_one("article").get_text()  # type: ignore[union-attr]


def test_list_pages_are_searched_and_out_of_the_menu(project: Path) -> None:
    index = json.loads((project / "site/search/search_index.json").read_text("utf-8"))
    locations = {d["location"] for d in index["docs"]}
    assert f"cases/{CASE}/responses/accepted/" in locations
    menu = case_page(project).select("nav.md-nav--primary a")
    assert [a for a in menu if "responses/" in a.get("href", "")] == []


def test_a_case_with_no_duty_and_no_response_has_no_responses_section(
        tmp_path: Path) -> None:
    from casefile.model.response_lists import response_lists
    from tests.conftest import write_mini

    ds = load_dataset(write_mini(tmp_path, {}), use_cache=False)
    assert [(x.lines, x.pages) for x in map(response_lists, ds.cases.values())] == [([], [])]


def test_lines_and_pages_in_process_for_a_coroner_s_report(tmp_path: Path) -> None:
    """The coroner's report of tests/test_responses.py: two findings, a 56-day duty on the
    council and the trust; the council rejects one and answers the other in part, the trust
    replies to one; the case's own date is the last reply's, before the due day."""
    from casefile.model.response_lists import items_noun, response_lists
    from tests.test_responses import PFD, ROWS, load, pfd, reply

    case = load(tmp_path, {PFD: pfd(), "cases/town/records/r-1.yml":
                           reply("r-1", "2018-02-01", rows=ROWS),
                           "cases/town/records/r-2.yml": reply("r-2", "2018-02-20", "trust")})
    shown = response_lists(case)
    assert [(x.intro, x.words, [c.src for c in x.counts]) for x in shown.lines] == [
        ("Responses from Town Council to the 2 findings of",
         "Accepted in part 1 · Rejected 1 · Response pending 0",
         ["cases/town/responses/accepted-in-part.md", "cases/town/responses/rejected.md", None]),
        ("Responses from Town Health Trust to the 2 findings of",
         "Accepted 1 · Not answered in the reply 1 · Response pending 0",
         ["cases/town/responses/accepted.md", "cases/town/responses/not-answered-in-reply.md",
          None])]
    assert [(p.term.label, p.total, [g.anchor for g in p.groups]) for p in shown.pages] == [
        ("Accepted", 1, ["from-trust-to-town-pfd"]),
        ("Accepted in part", 1, ["from-town-council-to-town-pfd"]),
        ("Rejected", 1, ["from-town-council-to-town-pfd"]),
        ("Not answered in the reply", 1, ["from-trust-to-town-pfd"])]
    [pending] = shown.pages[-1].groups[0].entries
    assert (pending.label, pending.words) == ("Finding", (
        "Not answered in the reply — Town Health Trust: its reply to this report, “Reply r-2” "
        "(20 February 2018), gives no response to this finding."))
    [report] = [r for r in case.records if r.id == "town-pfd"]
    assert items_noun(report.findings[:1]) == "the finding"
    [inspection] = [r for r in case.records if r.id == "town-inspection"]
    assert items_noun([*report.findings, *inspection.requirements]) == \
        "the 3 findings and requirements"
    assert items_noun(inspection.requirements) == "the requirement"


def test_a_reply_s_quotes_are_counted_for_the_finding_pages_that_show_them(
        project: Path) -> None:
    """The reply's 42 quotes are shown in each recommendation's history on its own page, not
    on the case page: its entry on the case's sources page counts them as quoted for
    findings, and lists no passage as cited by the case page (the review found "Passages
    quoted on the case page (42)")."""
    page = soup_file(project / "site" / "cases" / CASE / "sources" / "index.html")
    [entry] = [li for li in page.select("ol.cf-bibliography > li")
               if "the department's reply to the inquiry" in text(li)]
    assert entry.select("details.cf-quotes") == []
    assert text(entry.select_one(".cf-elsewhere")) == "Quoted for findings: 42 passages."


def test_where_things_stand_says_each_body_s_duty_to_respond(project: Path) -> None:
    """A case with no requirements but a duty to respond never says only "No requirements
    or deadlines are recorded": each body's duty is said with its state, cited (the review
    found a missed duty unmentioned in "where things stand")."""
    stand = case_page(project).select_one("div.cf-stand")
    said = [text(p) for p in stand.select("p")]
    assert "No requirements are recorded in this case; its duties to respond follow." in said
    assert "No requirements or deadlines are recorded in this case." not in " ".join(said)
    duties = [text(p) for p in stand.select("p.cf-duty")]
    head = ("Duty to respond to “FICTIONAL TEST RECORD: the inquiry's final report” "
            "(10 March 2025), ")
    assert [d[:len(head)] for d in duties] == [head, head]
    assert duties[0][len(head):].startswith(
        "Example Department for Water (fictional): Responded on time. ")
    assert duties[1][len(head):].startswith(
        "Northmoor Water Board (fictional): No response published. ")
    assert "This is not a rejection" in duties[1]
    assert all(p.select("a[href^='#ref-']") for p in stand.select("p.cf-duty"))
