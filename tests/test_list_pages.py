"""List pages that filter without JavaScript (#18 item 5), and progress beside responses
(item 4). The fictional inquiry of tests/test_response_lists.py (64 recommendations, a duty
on the department and the water board, the department's reply to 42), with a later review
by the regulator assessing four of them: the model's lists, then the built site's HTML."""

from __future__ import annotations

import csv
import posixpath
from pathlib import Path

import pytest

from casefile.model import objects as m
from casefile.model.list_pages import ListPage, Lists, list_pages, lists_src
from casefile.model.response_lists import response_lists
from casefile.pipeline import load_dataset
from tests.conftest import mkdocs_build, write_mini
from tests.html_support import soup_file, spaced_words
from tests.shared_builds import once
from tests.test_response_lists import CASE, HOSTILE, INQUIRY, REPORT, prepare_inquiry

REGULATOR, BOARD, DEPT = "example-water-regulator", "northmoor-water-board", \
    "example-water-department"
ASSESSED = {1: "improving", 4: "concern", 39: "improving", 42: "concern"}
SOURCE = """\
id: regulator-review
title: "FICTIONAL TEST DOCUMENT: the regulator's review"
publisher: example-water-regulator
kind: report
published: 2025-06-15
language: en
"""


def review_record() -> str:
    rows = "".join(f"  - finding: {REPORT}-{n}\n    status: {status}\n"
                   f"    asserted_by: {REGULATOR}\n"
                   f"    note: Invented review of recommendation {n}.\n"
                   "    cite: [regulator-review]\n" for n, status in ASSESSED.items())
    return f"""\
id: regulator-review-2025
type: inspection
title: "FICTIONAL TEST RECORD: the regulator's review"
date: 2025-06-15
body: {REGULATOR}
summary: The invented regulator reviewed four recommendations.
cite: [regulator-review]
assessments:
{rows}"""


@pytest.fixture(scope="module")
@once  # read by more than one test module (tests/shared_builds.py)
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = prepare_inquiry(tmp_path_factory.mktemp("list-pages"))
    data = project / "data"
    (data / "cases" / CASE / "records" / "regulator-review-2025.yml").write_text(
        review_record(), encoding="utf-8")
    (data / "sources" / "regulator-review.yml").write_text(SOURCE, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def case(project: Path) -> m.Case:
    return load_dataset(project / "data", use_cache=False).cases[CASE]


@pytest.fixture(scope="module")
def lists(case: m.Case) -> Lists:
    return list_pages(case, response_lists(case))


def directed() -> dict[int, list[str]]:
    """Each recommendation's bodies, as the imported table gives them."""
    with (INQUIRY / "recommendations.csv").open(encoding="utf-8") as f:
        return {int(r["number"]): r["directed_at"].split(";") for r in csv.DictReader(f)}


def page(lists: Lists, facet: str, key: str) -> ListPage:
    [found] = [p for p in lists.pages if p.src == lists_src(CASE, facet, key)]
    return found


def numbers(listed: ListPage) -> list[int]:
    return [int(s.item.item.number or 0) for s in listed.entries]


# -- the model -------------------------------------------------------------------------

def test_a_body_lists_only_what_is_addressed_to_it(lists: Lists, case: m.Case) -> None:
    bodies = directed()
    [report] = [r for r in case.records if r.id == REPORT]
    replied = {int(f.number or 0) for f in report.findings
               if any(r.by.id == DEPT for r in f.responses)}
    for body in (REGULATOR, BOARD, DEPT):
        assert numbers(page(lists, "body", body)) == [n for n in sorted(bodies)
                                                      if body in bodies[n]]
    # the department replied to recommendation 1, addressed to the regulator alone: not
    # on the department's page, and on the regulator's page with the reply beside it
    assert 1 in replied and bodies[1] == [REGULATOR]
    dept = page(lists, "body", DEPT)
    assert dept.title == "Recommendations to Example Department for Water (fictional)"
    assert numbers(dept) == [n for n in sorted(bodies) if DEPT in bodies[n]] != []
    assert len(dept.entries) < len(replied)


def test_an_item_directed_at_two_bodies_is_under_each_with_that_body_s_response(
        lists: Lists) -> None:
    assert directed()[4] == [BOARD, REGULATOR]
    [board] = [s for s in page(lists, "body", BOARD).entries if s.item.item.number == "4"]
    [regulator] = [s for s in page(lists, "body", REGULATOR).entries
                   if s.item.item.number == "4"]
    assert [(r.body.id, r.entry.term.value if r.entry else None) for r in board.rows] == [
        (BOARD, "no_response_published")]
    assert [(r.body.id, r.words) for r in regulator.rows] == [(REGULATOR, (
        "No response recorded — Example Water Quality Regulator (fictional): no document in "
        "the records is a response from it, and no duty to respond is recorded for it."))]


def test_progress_pages_and_items_with_no_progress(lists: Lists) -> None:
    assert numbers(page(lists, "progress", "improving")) == [1, 39]
    assert numbers(page(lists, "progress", "concern")) == [4, 42]
    none = page(lists, "progress", "not-assessed")
    assert numbers(none) == [n for n in range(1, 65) if n not in ASSESSED]
    assert none.title == "Recommendations with no progress recorded"
    assert {s.item.progress.words for s in none.entries} == {"No progress recorded"}
    [first] = page(lists, "progress", "improving").entries[:1]
    assert first.item.progress.words.startswith("Progress: Improving (15 June 2025, ")
    assert first.item.progress.words.endswith(": Example Water Quality Regulator (fictional))")


DEPT_NAME = "Example Department for Water (fictional)"


def test_combinations_are_per_status_and_body_and_name_the_body(lists: Lists) -> None:
    rejected_concern = page(lists, "response-progress", f"rejected--{DEPT}--concern")
    assert numbers(rejected_concern) == [42]
    assert rejected_concern.title == (
        f"Recommendations with the response status Rejected from {DEPT_NAME} and the "
        "progress status Concern remains")
    assert rejected_concern.name == f"Rejected from {DEPT_NAME}, Concern remains"
    # 42 is addressed to the board, which published nothing, and rejected by the
    # department: its line shows both, under no page that names only one
    [item] = rejected_concern.entries
    assert [(r.body.id, r.entry.term.value if r.entry else None, r.addressed)
            for r in item.rows] == [(BOARD, "no_response_published", True),
                                    (DEPT, "rejected", False)]
    assert numbers(page(lists, "response-progress", f"no-response-published--{BOARD}--concern"
                        )) == [4, 42]
    assert numbers(page(lists, "response-progress", f"accepted--{DEPT}--improving")) == [1]
    assert numbers(page(lists, "response-progress",
                        f"accepted-in-part--{DEPT}--improving")) == [39]
    assert all(p.facet != "response-progress" or p.src.count("--") == 2 for p in lists.pages)
    unpublished = page(lists, "response-body", f"no-response-published--{BOARD}")
    assert unpublished.title == ("Recommendations with the response status No response "
                                 "published from Northmoor Water Board (fictional)")
    assert numbers(unpublished) == [n for n, b in sorted(directed().items()) if BOARD in b]
    rejected = page(lists, "response-body", f"rejected--{DEPT}")
    assert rejected.title == f"Recommendations with the response status Rejected from {DEPT_NAME}"
    assert [[r.body.id for r in s.rows] for s in rejected.entries] == [[BOARD, DEPT]]


def test_no_page_lists_nothing_and_each_count_is_its_length(lists: Lists) -> None:
    srcs = [p.src for p in lists.pages]
    assert len(srcs) == len(set(srcs))
    for listed in lists.pages:
        assert listed.entries, listed.src
        assert listed.count.startswith(f"{len(listed.entries)} ")
        assert all(s.rows for s in listed.entries if listed.facet.startswith("response"))
    assert lists_src(CASE, "response-progress", f"rejected--{DEPT}--improving") not in srcs
    assert lists_src(CASE, "body", DEPT) in srcs


def test_year_and_theme(lists: Lists, case: m.Case) -> None:
    [year] = [p for p in lists.pages if p.facet == "year"]
    assert (year.src, year.title, len(year.entries)) == (
        lists_src(CASE, "year", "2025"), "Recommendations raised in 2025", 64)
    themes = [p for p in lists.pages if p.facet == "theme"]
    assert [p.src for p in themes] == [lists_src(CASE, "theme", t.id) for t in case.themes]
    assert sum(len(p.entries) for p in themes) == 64
    for listed in themes:
        assert {s.item.item.theme.id for s in listed.entries} == {  # type: ignore[union-attr]
            listed.src.rsplit("/", 1)[1].removesuffix(".md")}


def test_addresses_come_from_ids_not_names(project: Path, lists: Lists) -> None:
    import dataclasses

    case = load_dataset(project / "data", use_cache=False).cases[CASE]  # a copy to change
    bodies = {id(r.body): r.body for s in page(lists, "year", "2025").entries for r in s.rows}
    fresh = {b.id: b for rec in case.records for f in rec.findings for b in f.directed_at}
    for body in fresh.values():
        body.names[-1] = dataclasses.replace(body.names[-1], name="Renamed " + body.name)
    again = list_pages(case, response_lists(case))
    assert [p.src for p in again.pages] == [p.src for p in lists.pages]
    assert page(again, "body", BOARD).title.startswith("Recommendations to Renamed ")
    assert len(bodies) == len(fresh) == 3


def test_a_case_with_no_response_gets_no_list_and_no_progress_work(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casefile.model import response_lists as rl

    def refuse(case: m.Case) -> None:
        raise AssertionError("progress worked out for a case with no responses")

    monkeypatch.setattr(rl, "progress_of", refuse)
    ds = load_dataset(write_mini(tmp_path, {}), use_cache=False)
    for case in ds.cases.values():
        shown = list_pages(case, rl.response_lists(case))
        assert (shown.sections, shown.pages) == ([], [])


# -- the built site --------------------------------------------------------------------

def built(project: Path, src: str) -> Path:
    """The HTML file built from ``src`` (``lists/index.md`` → ``lists/index.html``,
    ``lists/body/x.md`` → ``lists/body/x/index.html``)."""
    return project / "site" / src.removesuffix(".md").removesuffix("index") / "index.html"


def test_each_page_s_h1_count_and_items(project: Path, lists: Lists) -> None:
    for listed in lists.pages:
        doc = soup_file(built(project, listed.src))
        assert doc.h1.get_text(strip=True) == listed.title  # type: ignore[union-attr]
        items = doc.select("section.cf-response-list ol > li")
        assert len(items) == len(listed.entries)
        assert spaced_words(doc.select_one("p.cf-list-count")).startswith(listed.count)
        assert [spaced_words(li.select_one("p.cf-list-progress")) for li in items] == [
            s.item.progress.words for s in listed.entries]
        assert doc.select("article script, article img") == []  # the reply's title is inert
    accepted = soup_file(built(project, lists_src(CASE, "response-body", f"accepted--{DEPT}")))
    assert HOSTILE in " ".join(spaced_words(r) for r in accepted.select("p.cf-list-response"))
    rejected = soup_file(built(project, lists_src(CASE, "response-progress",
                                             f"rejected--{DEPT}--concern")))
    assert spaced_words(rejected.h1) == (f"Recommendations with the response status Rejected from "
                                 f"{DEPT_NAME} and the progress status Concern remains")
    [item] = rejected.select("section.cf-response-list ol > li")
    assert [spaced_words(r).split(" — ")[0] for r in item.select("p.cf-list-response")] == [
        "Response: No response published", "Response: Rejected"]
    doc = soup_file(built(project, lists_src(CASE, "body", REGULATOR)))
    assert doc.h1.get_text(strip=True) == (  # type: ignore[union-attr]
        "Recommendations to Example Water Quality Regulator (fictional)")


def test_the_index_links_every_non_empty_list_with_its_count(project: Path, lists: Lists
                                                             ) -> None:
    index = built(project, lists.index_src)
    links = soup_file(index).select("section.cf-list-index a")
    made = {p.relative_to(project / "site").as_posix()
            for p in (project / "site" / "cases" / CASE / "lists").rglob("index.html")}
    followed = set()
    for a in links:
        target = posixpath.normpath(posixpath.join(f"cases/{CASE}/lists/", str(a["href"])))
        path = project / "site" / target / "index.html"
        assert path.exists(), a["href"]
        n = int(a.get_text().rsplit(": ", 1)[1].split()[0])
        assert len(soup_file(path).select("section.cf-response-list ol > li")) == n
        followed.add(f"{target}/index.html")
    # every page made is in the index, the index itself aside
    assert made - {f"cases/{CASE}/lists/index.html"} <= followed
    assert len(links) == len(lists.pages) + len(lists.status_pages)


def test_every_link_on_a_list_page_resolves(project: Path, lists: Lists) -> None:
    site = project / "site"
    for listed in [*lists.pages[:3], page(lists, "progress", "improving")]:
        path = built(project, listed.src)
        for a in soup_file(path).select("article a[href]"):
            href = str(a["href"]).partition("#")[0]
            if href and not href.startswith(("http", "mailto")):
                target = (path.parent / href).resolve()
                assert target.exists() or (target / "index.html").exists(), href
                assert site.resolve() in target.parents or target == site.resolve()


def test_the_response_status_pages_show_progress_beside_each_response(project: Path) -> None:
    doc = soup_file(project / "site/cases" / CASE / "responses" / "rejected" / "index.html")
    [item] = doc.select("section.cf-response-list ol > li")
    assert spaced_words(item.select_one("p.cf-list-progress")).startswith(
        "Progress: Concern remains (15 June 2025, ")
    accepted = soup_file(project / "site/cases" / CASE / "responses" / "accepted" / "index.html")
    progress = [spaced_words(p) for p in accepted.select("p.cf-list-progress")]
    # the reply accepts recommendations 1 to 38 (tests/test_response_lists.py)
    assessed = [n for n in ASSESSED if n <= 38]
    assert len(progress) == 38 and progress.count("No progress recorded") == 38 - len(assessed)


def test_the_case_page_links_the_index(project: Path, lists: Lists) -> None:
    doc = soup_file(project / "site/cases" / CASE / "index.html")
    [a] = doc.select("p.cf-list-link a")
    assert (project / "site/cases" / CASE / str(a["href"]) / "index.html").resolve() == \
        built(project, lists.index_src).resolve()
