"""Second-hand claims (#11 item 6): a judgement whose asserter published none of the sources
cited is shown as "<asserter>, as reported by <publisher> (<grade>)", styled by the
publishers' relation to the case, and the open data carries both. The site is built from
tests/projects/second-hand (fictional); the Powys fixture is checked through the macros."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from casefile.outputs.opendata import from_json, to_json
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import POWYS_DATA, REPO, SECOND_HAND_DATA, copy_project, mkdocs_build
from tests.html_support import soup_of
from tests.shared_builds import once

CASE = "brookfield-childrens-services"
BOARD = "Improvement board: Brookfield Improvement Board"
BY_COUNCIL = "as reported by Brookfield District Council (self-report)"
BY_GAZETTE = "as reported by The Example Gazette (press)"


@pytest.fixture(scope="module")
@once  # read by more than one test module (tests/shared_builds.py)
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("second-hand"), SECOND_HAND_DATA)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def _column(soup: BeautifulSoup, heading: str) -> dict[str, Tag]:
    """The asserter mark of each assessed finding in the matrix column whose heading starts
    with ``heading``, by finding id."""
    table = soup.select_one("table.cf-matrix")
    heads = [th.get_text(" ", strip=True) for th in table.thead("th")]
    index = next(i for i, h in enumerate(heads) if h.startswith(heading))
    return {tr["id"].removeprefix("finding-"): tr("td")[index - 1].select_one(".cf-asserter")
            for tr in table.tbody("tr") if tr("td")[index - 1].select_one(".cf-asserter")}


def test_first_and_second_hand_views_in_one_column(site: Path) -> None:
    marks = _column(soup_of(site, f"cases/{CASE}"), "Improvement board report")
    said = {f: (m.get_text(), m["class"]) for f, m in marks.items()}
    assert said == {
        # the board's own report: first-hand
        "fh-oversight": (BOARD, ["cf-asserter", "cf-asserter--board"]),
        # known only from the council's press release: the council's self-report
        "fh-placements": (f"{BOARD}, {BY_COUNCIL}",
                          ["cf-asserter", "cf-asserter--self", "cf-asserter--relayed"]),
        # two publishers, both named, in the order cited; the council's marks the claim
        "fh-visits": (f"{BOARD}, as reported by Brookfield District Council (self-report) "
                      "and The Example Gazette (press)",
                      ["cf-asserter", "cf-asserter--self", "cf-asserter--relayed"]),
        # one source of the board's own among those cited: first-hand
        "fh-records": (BOARD, ["cf-asserter", "cf-asserter--board"]),
    }


def test_a_column_of_one_second_hand_speaker_says_so_in_its_heading(site: Path) -> None:
    table = soup_of(site, f"cases/{CASE}").select_one("table.cf-matrix")
    marks = {th.get_text(" ", strip=True).split(" ")[0]: th.select_one(".cf-asserter")
             for th in table.thead("th")[1:]}
    regulator, council = marks["Monitoring"], marks["Council"]
    assert regulator.get_text() == f"Regulator's judgement: Example Care Regulator, {BY_GAZETTE}"
    assert regulator["class"] == ["cf-asserter", "cf-asserter--press", "cf-asserter--relayed"]
    # an own claim stays one, whoever repeats it
    assert council.get_text() == f"Own claim: Brookfield District Council, {BY_GAZETTE}"
    assert council["class"] == ["cf-asserter", "cf-asserter--self", "cf-asserter--relayed"]


def test_a_reported_outcome_known_second_hand(site: Path) -> None:
    cell = soup_of(site, f"cases/{CASE}").select_one("tr#req-fh-req-board td:last-child")
    mark = cell.select_one(".cf-asserter")
    assert mark.get_text() == f"({BOARD}, {BY_COUNCIL})"
    assert mark["class"] == ["cf-asserter", "cf-asserter--self", "cf-asserter--relayed"]


def test_the_themes_page_gives_the_same_words(site: Path) -> None:
    items = {li.a["href"].split("#finding-")[1]: li.get_text(" ", strip=True)
             for li in soup_of(site, "themes").select("ul.cf-theme-findings > li")}
    assert items["fh-placements"].endswith(
        "Latest: Concern remains regulator's judgement: Example Care Regulator, "
        f"{BY_GAZETTE}, 4 March 2024 .")
    assert items["fh-oversight"].endswith("Latest: Improving improvement board, "
                                          "20 February 2024 .")


def test_open_data_carries_the_asserter_and_the_publishers(site: Path) -> None:
    data = json.loads((site / "data" / "cases" / f"{CASE}.json").read_text("utf-8"))
    records = {r["id"]: r for r in data["cases"][0]["records"]}
    derived = {a["finding"]: a["derived"]
               for a in records["brookfield-2024-board-report"]["assessments"]}
    council = {"publisher": "brookfield-council", "evidence_grade": "self_report"}
    assert derived == {
        "fh-oversight": {"asserter": "board"},
        "fh-placements": {"asserter": "board", "relayed_by": [council], "shown_as": "self"},
        "fh-visits": {"asserter": "board", "shown_as": "self", "relayed_by": [
            council, {"publisher": "example-gazette", "evidence_grade": "press"}]},
        "fh-records": {"asserter": "board"},
    }
    reported = records["brookfield-2023-inspection"]["requirements"][0]["reported"]
    assert reported["by"] == "brookfield-improvement-board"
    assert reported["derived"] == {"relayed_by": [council], "shown_as": "self"}
    rows = list(csv.DictReader(io.StringIO(
        (site / "data" / "cases" / CASE / "assessments.csv").read_text("utf-8"))))
    got = {(r["record"].removeprefix("brookfield-2024-"), r["finding"]):
           (r["asserted_by"], r["asserter"], r["relayed_by"], r["relayed_grades"], r["shown_as"])
           for r in rows}
    assert got == {
        ("board-report", "fh-oversight"): ("brookfield-improvement-board", "board", "", "", ""),
        ("board-report", "fh-placements"): ("brookfield-improvement-board", "board",
                                            "brookfield-council", "self_report", "self"),
        ("board-report", "fh-visits"): ("brookfield-improvement-board", "board",
                                        "brookfield-council example-gazette",
                                        "self_report press", "self"),
        ("board-report", "fh-records"): ("brookfield-improvement-board", "board", "", "", ""),
        ("regulator-visit", "fh-placements"): ("example-care-regulator", "regulator",
                                               "example-gazette", "press", "press"),
        ("council-update", "fh-visits"): ("brookfield-council", "self", "example-gazette",
                                          "press", "self"),
    }
    deadline = next(csv.DictReader(io.StringIO(
        (site / "data" / "cases" / CASE / "deadlines.csv").read_text("utf-8"))))
    assert (deadline["reported_by"], deadline["reported_relayed_by"],
            deadline["reported_relayed_grades"], deadline["reported_shown_as"]) == (
        "brookfield-improvement-board", "brookfield-council", "self_report", "self")


def test_a_statement_known_from_another_bodys_document_says_who_reported_it(
        site: Path) -> None:
    captions = [" ".join(f.get_text().split()) for f in
                soup_of(site, f"cases/{CASE}").select(".cf-statement figcaption")]
    assert [c.rsplit(" [", 1)[0] for c in captions] == [
        "Sam Example, Leader of the Council, Brookfield District Council, 1 March 2024",
        "A spokesperson for the board (Brookfield Improvement Board), 1 March 2024, "
        f"{BY_COUNCIL}",
        f"Sam Example, Leader of the Council, Brookfield District Council, 5 March 2024, "
        f"{BY_GAZETTE}"]
    data = json.loads((site / "data" / "cases" / f"{CASE}.json").read_text("utf-8"))
    [update] = [r for r in data["cases"][0]["records"] if r["id"].endswith("council-update")]
    assert [s.get("derived") for s in update["statements"]] == [  # in the file's order
        None,
        {"relayed_by": [{"publisher": "example-gazette", "evidence_grade": "press"}]},
        {"relayed_by": [{"publisher": "brookfield-council", "evidence_grade": "self_report"}]}]


def test_the_open_data_round_trip_keeps_it() -> None:
    exported = to_json(load_dataset(SECOND_HAND_DATA, use_cache=False))
    assert to_json(from_json(exported)) == exported


def _edited(tmp_path: Path, path: str, old: str, new: str) -> Path:
    data = tmp_path / "data"
    if not data.exists():
        shutil.copytree(SECOND_HAND_DATA, data)
    file = data / path
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new), "utf-8")
    return data


VISIT = f"cases/{CASE}/records/brookfield-2024-regulator-visit.yml"


def _visit(data: Path) -> tuple[str | None, str | None]:
    """The style and words of the regulator's monitoring-visit view."""
    case = load_dataset(data, use_cache=False).cases[CASE]
    [a] = next(r for r in case.records if r.id.endswith("regulator-visit")).assessments
    return (a.relayed.style.value, a.relayed.words) if a.relayed else (None, None)


def test_the_first_publisher_cited_styles_a_claim_with_no_self_report(tmp_path: Path) -> None:
    data = _edited(tmp_path, VISIT, "    cite: [brookfield-gazette-article]\n",
                   "    cite: [brookfield-gazette-article, brookfield-board-report]\n")
    assert _visit(data) == ("press", "as reported by The Example Gazette (press) and "
                                     "Brookfield Improvement Board (improvement board)")
    _edited(tmp_path, VISIT, "[brookfield-gazette-article, brookfield-board-report]",
            "[brookfield-board-report, brookfield-gazette-article]")
    assert _visit(data) == ("board", "as reported by Brookfield Improvement Board "
                                     "(improvement board) and The Example Gazette (press)")


def test_a_self_report_cited_anywhere_styles_the_claim_as_the_bodys_own(tmp_path: Path) -> None:
    """The council's own press release marks the regulator's view as a self-report even
    when a newspaper is cited first."""
    data = _edited(tmp_path, VISIT, "    cite: [brookfield-gazette-article]\n",
                   "    cite: [brookfield-gazette-article, brookfield-press-release]\n")
    assert _visit(data) == ("self", "as reported by The Example Gazette (press) and "
                                    "Brookfield District Council (self-report)")


def test_a_publisher_is_named_once_and_an_unnamed_one_is_said_so(tmp_path: Path) -> None:
    data = _edited(tmp_path, "sources/brookfield-gazette-article.yml",
                   "publisher: example-gazette\n",
                   "publisher_note: The invented article names no publisher.\n")
    assert _visit(data) == ("press", "as reported by a source that does not name its "
                                     "publisher (press)")
    _edited(tmp_path, VISIT, "    cite: [brookfield-gazette-article]\n",
            "    cite: [brookfield-press-release, brookfield-press-release]\n")
    assert _visit(data) == ("self", BY_COUNCIL)


def test_unnamed_publishers_of_two_grades_are_each_said_so(tmp_path: Path) -> None:
    """Sources that name no publisher are told apart by their grade alone: an unsigned
    newspaper article and an unsigned report are two reporters, not one."""
    for source in ("brookfield-gazette-article", "brookfield-board-report"):
        data = _edited(tmp_path, f"sources/{source}.yml", "\npublisher: ",
                       "\npublisher_note: The invented document names no publisher.\n# ")
    _edited(tmp_path, VISIT, "    cite: [brookfield-gazette-article]\n",
            "    cite: [brookfield-gazette-article, brookfield-board-report]\n")
    assert _visit(data) == ("press", "as reported by a source that does not name its "
                                     "publisher (press) and a source that does not name "
                                     "its publisher (other)")


def test_a_copy_of_the_asserters_own_document_is_first_hand(tmp_path: Path) -> None:
    """A mirror is graded as its original: the regulator's report on the council's site is
    the regulator speaking, not the council reporting it."""
    data = _edited(tmp_path, VISIT, "    cite: [brookfield-gazette-article]\n",
                   "    cite: [brookfield-report-copy]\n")
    (data / "sources" / "brookfield-report-copy.yml").write_text(
        "id: brookfield-report-copy\ntitle: A copy of the inspection report\n"
        "publisher: brookfield-council\nkind: inspection_report\npublished: 2024-03-04\n"
        "original: brookfield-inspection-report\nlanguage: en\n", "utf-8")
    assert _visit(data) == (None, None)


def test_a_hostile_publisher_name_is_inert(tmp_path: Path) -> None:
    data = _edited(tmp_path, "bodies/example-gazette.yml", "name: The Example Gazette",
                   'name: "<script>alert(1)</script>"')
    r = Renderer(load_dataset(data, use_cache=False), REPO / "macros")
    html = r.macro("findings", f"cases/{CASE}.md", view=r.views[CASE])
    assert "<script>" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert "as reported by <script>alert(1)</script> (press)" in soup.get_text()


def test_the_powys_improvement_board_is_reported_by_the_council() -> None:
    """In the Powys fixture the Improvement Board's view of February 2018 is known only from
    the council's own press release, and the inspectorate's follow-up only from the Welsh
    Government's statement and a news article."""
    r = Renderer(load_dataset(POWYS_DATA), REPO / "macros")
    view = next(iter(r.views.values()))
    soup = BeautifulSoup(r.macro("findings", f"cases/{view.case.id}.md", view=view),
                         "html.parser")
    heads = {th.get_text(" ", strip=True): th.select_one(".cf-asserter")
             for th in soup.select("table.cf-matrix thead th") if th.select_one(".cf-asserter")}
    board = [m for h, m in heads.items() if h.startswith("Improvement board report")]
    assert [m.get_text() for m in board] == [
        "Improvement board: Improvement Board (Powys children's services), as reported by "
        "Powys County Council (self-report)"]
    assert board[0]["class"] == ["cf-asserter", "cf-asserter--self", "cf-asserter--relayed"]
    said = {m.get_text() for m in soup.select("table.cf-matrix .cf-asserter")}
    assert "Regulator's judgement: Care Inspectorate Wales, as reported by Welsh Government " \
           "(oversight)" in said
    # the council's own claims in its own documents stay first-hand
    assert "Own claim: Powys County Council" in said
    quoted = BeautifulSoup(r.macro("statements", f"cases/{view.case.id}.md", view=view),
                           "html.parser")
    by = {" ".join(f.get_text().split()).split(", as reported by ")[-1].rsplit(" [", 1)[0]
          for f in quoted.select("figcaption") if ", as reported by " in f.get_text()}
    assert by == {"Shropshire Star (press)",
                  "a source that does not name its publisher (press)"}
    # the cabinet member quoted in the council's own press release (13 March 2018)
    council = [f for f in quoted.select("figcaption") if "13 March 2018" in f.get_text()]
    assert len(council) == 2 and all(f.select_one(".cf-relayed") is None for f in council)
