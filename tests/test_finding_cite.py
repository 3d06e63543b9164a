"""Finding pages cite themselves and say where the records end (#12, round two, G2): a
"Cite this page" block like the case page's, with the finding page's own title and address
(full with SITE_URL, a path without), and the case's "These records end on …" sentence,
cited, its sources joining the page's list of sources. A small fictional data set (MINI)
whose finding page cites the records' end source nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.model.histories import histories
from casefile.model.views import case_view
from casefile.pipeline import load_dataset
from tests.conftest import copy_project, mkdocs_build, write_mini
from tests.html_support import soup_of
from tests.shared_builds import once
from tests.test_site import resolve

SITE = "https://records.example.org/accountability/"
EPOCH = "1798761600"  # 2027-01-01T00:00:00Z
FINDING = "cases/town/findings/f-leadership"
# The follow-up's assessment cites the inspection report, so on the finding page only the
# records' end (the follow-up of 1 March 2018, cited to Council news) cites Council news.
CHANGES: dict[str, str | tuple[str, str]] = {
    "cases/town/records/town-follow-up.yml": ("    note: Better.\n    cite: [council-news]",
                                              "    note: Better.\n    cite: [report-2017]")}
ENDS = ("These records end on 1 March 2018. [2] Nothing later is recorded here; this version "
        "of the site was built on 1 January 2027, so anything since may be missing.")
CITATION = ("casefile, “Finding: Weak leadership.”, {address}, records as of 1 March 2018, "
            "built 1 January 2027, accessed [date you read it].")


def _site(root: Path, **env: str) -> Path:
    copy_project(root, data=False)
    write_mini(root, CHANGES)
    result = mkdocs_build(root, SOURCE_DATE_EPOCH=EPOCH, **env)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def addressed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("addressed"), SITE_URL=SITE.rstrip("/"))


@pytest.fixture(scope="module")
@once  # read by more than one test module (tests/shared_builds.py)
def unaddressed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("unaddressed"))


def facts(doc: BeautifulSoup) -> dict[str, str]:
    return {d.get_text(strip=True): v.get_text(" ", strip=True) for d, v in zip(
        doc.select("dl.cf-cite-this dt"), doc.select("dl.cf-cite-this dd"), strict=True)}


def test_a_finding_page_cites_itself_with_its_full_address(addressed: Path) -> None:
    doc = soup_of(addressed, FINDING)
    assert facts(doc) == {
        "Title": "Finding: Weak leadership.", "Publisher": "casefile",
        "Address": f"{SITE}{FINDING}/", "Records as of": "1 March 2018",
        "Last reviewed": "1 January 2020", "Version": "built 1 January 2027"}
    [pre] = doc.select("pre.cf-citation")
    assert pre["data-accessed"] == "[date you read it]"
    assert pre.get_text() == CITATION.format(address=f"{SITE}{FINDING}/")
    heading = doc.select("article h2")[-1]
    assert heading.get_text().rstrip("¶") == "Cite this page"
    assert heading.find_next("dl") is doc.select_one("dl.cf-cite-this")


def test_without_an_address_the_citation_says_it_is_not_known(unaddressed: Path) -> None:
    """No root-relative path, wrong under a sub-path (#12 review)."""
    doc = soup_of(unaddressed, FINDING)
    assert facts(doc)["Address"] == (
        "Not known to this copy of the site (it was built without its address): use the "
        "page's address on this site, as your browser shows it.")
    assert doc.select_one("pre.cf-citation").get_text() == CITATION.format(  # type: ignore[union-attr]
        address="address: the page's address on this site")
    assert f"/{FINDING}/" not in doc.select_one("dl.cf-cite-this").get_text()  # type: ignore[union-attr]


@pytest.mark.parametrize("which", ["addressed", "unaddressed"])
def test_a_finding_page_says_where_the_records_end_as_the_case_page_does(
        which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    doc = soup_of(site, FINDING)
    [ends] = doc.select("p.cf-ends")
    assert ends.get_text() == ENDS
    assert ends.find_previous_sibling("p") is doc.select_one("p.cf-standing")
    case_first = soup_of(site, "cases/town").select_one("div.cf-stand > p")
    assert case_first is not None and case_first.get_text() == ENDS
    [link] = ends.select("a")
    assert link["aria-label"] == "[2] source: Town Council, Council news, March 2018"
    target, fragment = resolve(site, FINDING, str(link["href"]))
    assert fragment == "ref-2" and target.find(id="ref-2") is not None
    assert "Council news" in target.find(id="ref-2").get_text()  # type: ignore[union-attr]


def test_the_records_end_source_joins_the_page_list_of_sources(addressed: Path) -> None:
    listed = [li.get_text(" ", strip=True) for li in
              soup_of(addressed, FINDING).select("ul.cf-finding-sources li")]
    assert listed == ["[1] New Inspectorate, Inspection of Town Council , 2 October 2017",
                      "[2] Town Council, Council news , March 2018"]


def test_history_ends_is_the_case_stand_sentence_and_optional(tmp_path: Path) -> None:
    case = load_dataset(write_mini(tmp_path, CHANGES)).cases["town"]
    view = case_view(case)
    assert view.stand is not None
    [with_ends] = histories(case, view.stand.ends)
    [without] = histories(case)
    assert with_ends.ends is view.stand.ends and without.ends is None
    assert [c.source.id for c in with_ends.sources] == ["report-2017", "council-news"]
    assert [c.source.id for c in without.sources] == ["report-2017"]
