"""A page per finding (#12 item 2): one for every finding in the model, linked from its
matrix row and back, its assessments in date order with who says so, its status changes
in words, in the search index, hostile text inert. Fixture projects only: the Powys fixture
with the fictional second case, and a small fictional data set (tests/conftest.py MINI)
with a finding assessed three times and a hostile one."""

from __future__ import annotations

import dataclasses
import html
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.model import objects as m
from casefile.model.dates import PartialDate
from casefile.model.histories import change_sentence, finding_src, histories, status_words
from casefile.model.vocab import ASSERTERS, STATUSES
from casefile.pipeline import load_dataset
from tests.conftest import MINI, copy_project, mkdocs_build, write_tree
from tests.html_support import soup_of
from tests.shared_builds import once
from tests.test_copies_shown import shown_site  # noqa: F401
from tests.test_site import resolve

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> {{ 7*7 }} {% raw %}"
LATER = {  # two more visits to the MINI case: three assessments of f-leadership, one hostile
    "cases/town/records/town-revisit.yml": f"""\
id: town-revisit
type: monitoring_visit
title: Revisit
date: 2018-06-12
body: inspectorate
summary: Inspectors came back.
cite: [report-2017]
findings:
  - id: f-hostile
    theme: safeguarding
    text: '{HOSTILE}'
    cite:
      - source: report-2017
        quote: '{HOSTILE} quoted'
assessments:
  - finding: f-leadership
    status: concern
    asserted_by: inspectorate
    note: Not yet.
    cite:
      - source: report-2017
        quote: Leadership is not yet effective.
""",
    "cases/town/records/town-third.yml": f"""\
id: town-third
type: monitoring_visit
title: Third visit
date: 2018-09
body: inspectorate
summary: Inspectors came back again.
cite: [report-2017]
assessments:
  - finding: f-leadership
    status: concern
    asserted_by: inspectorate
    note: Still not.
    cite: [report-2017]
  - finding: f-hostile
    status: improving
    asserted_by: inspectorate
    note: '{HOSTILE} noted'
    cite: [report-2017]
""",
}
LEADERSHIP_CHANGES = [  # different bodies: both said, no change implied
    "New Inspectorate (regulator's judgement, 12 June 2018): concern remains. The assessment "
    "before it was by another body, Town Council (own claim, 1 March 2018): improving.",
    "Concern remains again (September 2018, New Inspectorate), as before (12 June 2018, "
    "New Inspectorate)."]


@pytest.fixture(scope="module")
def mini_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("findings-mini") / "data"
    write_tree(data, {**MINI, **LATER})
    return data


@pytest.fixture(scope="module")
@once  # read by more than one test module (tests/shared_builds.py)
def mini_site(mini_data: Path) -> Path:
    root = copy_project(mini_data.parent, data=False)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def two_cases(shown_site: Path) -> tuple[m.Dataset, Path]:  # noqa: F811
    """The Powys fixture with the second case (tests/test_copies_shown.py's, built once)."""
    return load_dataset(shown_site.parent / "data", use_cache=False), shown_site


def url(case: m.Case, finding: m.Finding) -> str:
    return f"cases/{case.id}/findings/{finding.id}"


# -- the words, from the model -------------------------------------------------------------
def test_status_changes_are_spelled_out_with_dates_and_who_says_so(mini_data: Path) -> None:
    case = load_dataset(mini_data, use_cache=False).cases["town"]
    leadership, hostile = histories(case)
    assert [a.record.id for a in leadership.assessments] == [
        "town-follow-up", "town-revisit", "town-third"]
    assert leadership.changes == LEADERSHIP_CHANGES
    assert leadership.where_it_stands == (
        "Latest: concern remains, September 2018 (regulator's judgement: New "
        "Inspectorate). Assessed 3 times since it was raised in July 2017.")
    assert hostile.where_it_stands == (
        "Latest: improving, September 2018 (regulator's judgement: New Inspectorate). "
        "Assessed once since it was raised on 12 June 2018.")
    assert hostile.changes == []


def test_a_finding_never_assessed_says_so(tmp_path: Path) -> None:
    write_tree(tmp_path, MINI)
    case = load_dataset(tmp_path, use_cache=False).cases["town"]
    case.records[-1].assessments.clear()
    (history,) = histories(case)
    assert history.status is STATUSES["not_assessed"] and history.changes == []
    assert history.where_it_stands == (
        "Not assessed: no later document in these records says how this finding has "
        "progressed since July 2017.")
    assert history.title == "Weak leadership."
    assert history.description == (
        "A finding of OI (now New Inspectorate) (July 2017) in Town Council "
        "children's services, and each later assessment of it. Latest status: not assessed.")


def test_status_words_keep_an_acronym_and_lower_a_word() -> None:
    assert status_words(STATUSES["early_signs"]) == "early signs"
    assert status_words(STATUSES["worsened"]) == "got worse"
    own = STATUSES["improved"].__class__("ok", "OK by the board", "")
    assert status_words(own) == "OK by the board"


def test_one_step_in_words(mini_data: Path) -> None:
    case = load_dataset(mini_data, use_cache=False).cases["town"]
    first, second, third = histories(case)[0].assessments
    assert change_sentence(first, second) == LEADERSHIP_CHANGES[0]
    assert change_sentence(second, third) == LEADERSHIP_CHANGES[1]
    changed = dataclasses.replace(third, status=STATUSES["improving"])
    assert change_sentence(second, changed) == (  # the same body: a change
        "From concern remains (12 June 2018, New Inspectorate) to improving "
        "(September 2018, New Inspectorate).")
    # the same body as another asserter (here, as if an own claim) is not the same voice
    relayed = dataclasses.replace(changed, asserter=ASSERTERS["self"])
    assert change_sentence(second, relayed) == (
        "New Inspectorate (own claim, September 2018): improving. The assessment before it "
        "was by another body, New Inspectorate (regulator's judgement, 12 June 2018): "
        "concern remains.")


def _on(assessment: m.Assessment, date: str, record_id: str | None = None) -> m.Assessment:
    record = dataclasses.replace(assessment.record, date=PartialDate.parse(date),
                                 id=record_id or assessment.record.id)
    return dataclasses.replace(assessment, record=record)


def test_two_bodies_on_the_same_day_are_said_side_by_side_whatever_the_ids(
        mini_data: Path) -> None:
    """The council's claim and the inspectorate's judgement on one day: no change, no
    "latest" picked by record id; renaming the records changes nothing said."""
    case = load_dataset(mini_data, use_cache=False).cases["town"]
    first, second, _ = histories(case)[0].assessments
    same = "Assessed on the same day, 12 June 2018, by New Inspectorate (regulator's " \
           "judgement): concern remains, and by Town Council (own claim): improving."
    council = _on(first, "2018-06-12")
    for a, b in ((council, second), (second, council),
                 (_on(council, "2018-06-12", "zz"), _on(second, "2018-06-12", "aa"))):
        assert change_sentence(a, b) == same
    history = dataclasses.replace(histories(case)[0], assessments=[council, second])
    assert history.changes == [same]
    assert history.where_it_stands == (
        "Latest, in no known order (their dates do not tell which came first): concern "
        "remains, 12 June 2018 (regulator's judgement: New Inspectorate); improving, "
        "12 June 2018 (own claim: Town Council). Assessed twice since it was raised in July "
        "2017.")
    assert [t.value for t in history.statuses] == ["concern", "improving"]
    assert history.description.endswith("Latest status: concern remains or improving.")


def test_a_year_and_a_day_within_it_are_in_no_known_order(mini_data: Path) -> None:
    case = load_dataset(mini_data, use_cache=False).cases["town"]
    first, second, _ = histories(case)[0].assessments
    assert change_sentence(_on(first, "2018"), second) == (
        "New Inspectorate (regulator's judgement, 12 June 2018): concern remains; Town "
        "Council (own claim, 2018): improving. Which came first is not known from their "
        "dates.")
    # the same body, the same status, in no known order: not "again"
    assert change_sentence(_on(second, "2018-06"), _on(second, "2018-06-12")) == (
        "New Inspectorate (regulator's judgement, June 2018): concern remains; New "
        "Inspectorate (regulator's judgement, 12 June 2018): concern remains. Which came "
        "first is not known from their dates.")


def test_a_long_finding_is_cut_at_a_word_in_the_title(mini_data: Path) -> None:
    history = histories(load_dataset(mini_data, use_cache=False).cases["town"])[0]
    history.finding.text = "Word " * 30
    assert history.title == ("Word " * 18).strip() + "…" and len(history.title) <= 91


# -- the built pages -----------------------------------------------------------------------
def test_every_finding_has_a_page_and_no_other_page_is_made(
        two_cases: tuple[m.Dataset, Path]) -> None:
    ds, site = two_cases
    expected = {url(c, f) for c in ds.cases.values() for f in c.findings}
    assert len(expected) == sum(len(c.findings) for c in ds.cases.values()) > 10
    made = {p.parent.relative_to(site).as_posix()
            for p in (site / "cases").glob("*/findings/*/index.html")}
    assert made == expected


def test_each_matrix_row_links_to_its_finding_page_and_back(
        two_cases: tuple[m.Dataset, Path]) -> None:
    ds, site = two_cases
    for case in ds.cases.values():
        case_page = soup_of(site, f"cases/{case.id}")
        for finding in case.findings:
            link = case_page.select_one(f"tr#finding-{finding.id} th a[href^='findings/']")
            assert link is not None and link.get_text() == finding.text
            target, _ = resolve(site, f"cases/{case.id}", str(link["href"]))
            assert target.h1.get_text(" ", strip=True).startswith("Finding")  # type: ignore[union-attr]
            crumbs = target.select("nav.cf-crumbs a")
            assert [a.get_text() for a in crumbs] == ["Cases", case.title,
                                                      "Findings and progress"]
            back, fragment = resolve(site, url(case, finding), str(crumbs[2]["href"]))
            assert fragment == f"finding-{finding.id}" and back.find(id=fragment).name == "tr"  # type: ignore[union-attr]


def test_assessments_are_listed_in_date_order_with_who_says_so(
        two_cases: tuple[m.Dataset, Path]) -> None:
    ds, site = two_cases
    seen = 0
    for case in ds.cases.values():
        for finding in case.findings:
            shown = soup_of(site, url(case, finding)).select(
                "ol.cf-history > li.cf-entry--assessment")
            expected = [(r, a) for r in case.records for a in r.assessments
                        if a.finding is finding]  # case.records: date order, 'after' kept
            assert [li["id"] for li in shown] == [f"in-{r.id}" for r, _ in expected]
            days = [li.time["datetime"] for li in shown]  # type: ignore[index]
            assert days == sorted(days, key=lambda d: str(d)[:7])
            for li, (record, a) in zip(shown, expected, strict=True):
                who = li.select_one(".cf-asserter").get_text()  # type: ignore[union-attr]
                assert who.startswith(f"{a.asserter.label}: "
                                      f"{a.asserted_by.label_at(record.date)}")
                assert li.select_one('[class^="s-"]').get_text() == a.status.label  # type: ignore[union-attr]
                assert " ".join(a.note.split()) in " ".join(li.get_text().split())
                seen += 1
    assert seen == sum(len(r.assessments) for c in ds.cases.values() for r in c.records)


def test_the_case_page_keeps_the_status_and_leaves_the_words_to_the_finding_page(
        two_cases: tuple[m.Dataset, Path]) -> None:
    ds, site = two_cases
    case = ds.cases["fictional-borough-childrens-services"]
    (assessment,) = [a for r in case.records for a in r.assessments]
    row = soup_of(site, f"cases/{case.id}").select_one(f"tr#finding-{assessment.finding.id}")
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]  # type: ignore[union-attr]
    assert assessment.note not in " ".join(cells)
    assert any(cell.startswith(assessment.status.label) for cell in cells)
    finding_page = soup_of(site, url(case, assessment.finding))
    assert assessment.note in finding_page.select_one("ol.cf-history").get_text()  # type: ignore[union-attr]


def test_the_search_index_holds_every_finding_page(two_cases: tuple[m.Dataset, Path]) -> None:
    ds, site = two_cases
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {d["location"]: d["title"] for d in index["docs"] if "#" not in d["location"]}
    for case in ds.cases.values():
        for history in histories(case):
            # the index holds titles as the page's front matter escapes them
            title = titles[url(case, history.finding) + "/"]
            assert html.unescape(title) == f"Finding: {history.title}"


def test_the_finding_page_reads_as_raised_then_changes_then_assessments(mini_site: Path
                                                                         ) -> None:
    doc = soup_of(mini_site, "cases/town/findings/f-leadership")
    assert doc.title.get_text() == "Finding: Weak leadership. - casefile"  # type: ignore[union-attr]
    assert [h.get_text().rstrip("¶") for h in doc.select("article h2")] == [
        "Each assessment beside the one before", "As raised",
        "History: progress and responses", "Sources", "Cite this page"]
    assert [li.get_text() for li in doc.select("ul.cf-changes li")] == LEADERSHIP_CHANGES
    assert doc.select_one(".cf-standing").get_text(" ", strip=True) == (  # type: ignore[union-attr]
        "Concern remains Latest: concern remains, September 2018 (regulator's judgement: "
        "New Inspectorate). Assessed 3 times since it was raised in July 2017.")
    facts = dict(zip([dt.get_text() for dt in doc.select(".cf-finding-facts dt")],
                     [" ".join(dd.get_text().split()) for dd in doc.select(".cf-finding-facts dd")],
                     strict=True))
    assert facts == {"Finding": "Weak leadership. [1]", "Theme": "Leadership",
                     "Raised by": "OI (now New Inspectorate)",
                     "In": "Inspection: Inspection, July 2017"}
    quotes = [(q.p.get_text(), " ".join(q.footer.get_text().split()))  # type: ignore[union-attr]
              for q in doc.select("blockquote.cf-quote")]
    assert quotes == [("“Leadership is not yet effective.”",
                       "[1] Quote not checked: no stored copy is kept")]
    sources = doc.select("ul.cf-finding-sources li")
    assert [" ".join(li.get_text().split()) for li in sources] == [
        "[1] New Inspectorate, Inspection of Town Council, 2 October 2017",
        "[2] Town Council, Council news, March 2018"]
    target, fragment = resolve(mini_site, "cases/town/findings/f-leadership",
                               str(sources[1].a["href"]))  # type: ignore[index]
    assert fragment == "ref-2" and target.find(id=fragment) is not None


def test_hostile_text_in_a_finding_stays_inert_on_its_page(mini_site: Path) -> None:
    text = (mini_site / "cases/town/findings/f-hostile/index.html").read_text(encoding="utf-8")
    doc = BeautifulSoup(text, "html.parser")
    assert doc.select("article script, article img") == []
    assert not any(a.startswith("on") for tag in doc.find_all(True) for a in tag.attrs)
    assert doc.select_one(".cf-finding-facts dd").get_text().startswith(HOSTILE)  # type: ignore[union-attr]
    assert f"“{HOSTILE} quoted”" in doc.select_one("blockquote.cf-quote").get_text()  # type: ignore[union-attr]
    assert f"{HOSTILE} noted" in doc.select_one("ol.cf-history").get_text()  # type: ignore[union-attr]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "{{ 7*7 }}" in text
    assert doc.title.get_text().startswith(f"Finding: {HOSTILE[:60]}")  # type: ignore[union-attr]
    case = soup_of(mini_site, "cases/town")
    link = case.select_one("tr#finding-f-hostile th a")
    assert link is not None and link.get_text() == HOSTILE
    assert link["href"] == "findings/f-hostile/"


def test_finding_pages_are_not_in_the_menu(mini_site: Path) -> None:
    nav = soup_of(mini_site, "cases/town/findings/f-leadership").select(".md-nav--primary a")
    assert nav and not any("findings/" in str(a.get("href")) for a in nav)


def test_the_source_path_is_stable() -> None:
    assert finding_src("a-case", "f-1") == "cases/a-case/findings/f-1.md"


SAME_DAY_VISIT = """\
id: {id}
type: monitoring_visit
title: Visit
date: 2018-03-01
body: inspectorate
summary: Inspectors visited on the day the council reported.
cite: [report-2017]
assessments:
  - finding: f-leadership
    status: serious_concern
    asserted_by: inspectorate
    note: Still weak.
    cite: [report-2017]
"""


def test_renaming_a_record_of_the_same_day_changes_nothing_on_the_page(tmp_path: Path) -> None:
    said = []
    for record_id in ("a-visit", "zz-visit"):
        data = tmp_path / record_id
        write_tree(data, {**MINI, f"cases/town/records/{record_id}.yml":
                          SAME_DAY_VISIT.format(id=record_id)})
        (history,) = histories(load_dataset(data, use_cache=False).cases["town"])
        said.append((history.changes, history.where_it_stands))
    assert said[0] == said[1] == (
        ["Assessed on the same day, 1 March 2018, by New Inspectorate (regulator's judgement): "
         "serious concern, and by Town Council (own claim): improving."],
        "Latest, in no known order (their dates do not tell which came first): serious "
        "concern, 1 March 2018 (regulator's judgement: New Inspectorate); improving, "
        "1 March 2018 (own claim: Town Council). Assessed twice since it was raised in July "
        "2017.")
