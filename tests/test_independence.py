"""Cases are independent: adding a case to the data set leaves every file about another
case byte for byte as it was. Only the cross-case lists (home, indexes, site-wide timeline,
open data and feeds, methodology's calendar table, search) may change."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import add_second_case, copy_project, mkdocs_build, tree_digest

EPOCH = "1798761600"  # 2027-01-01: both builds are stamped with the same day
CROSS_CASE = {"index.html", "cases/index.html", "bodies/index.html", "sources/index.html",
              "themes/index.html", "timeline/index.html", "methodology/index.html",
              "data/index.html", "data/casefile.json", "data/assessments.csv",
              "data/deadlines.csv", "data/findings.csv", "data/sources.csv", "data/ratings.csv",
              "data/timeline.csv", "data/oversight.csv", "oversight/index.html",
              "feeds/all.xml", "feeds/deadlines.ics",
              "search/search_index.json", "sitemap.xml", "sitemap.xml.gz"}


@pytest.fixture(scope="module", params=["epoch", "no epoch, no git"])
def builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Built with SOURCE_DATE_EPOCH, and without it in a copy that is no git checkout (the
    build is then dated the day it runs: never from the data, which the new case changes)."""
    alone = copy_project(tmp_path_factory.mktemp("alone"))
    both = copy_project(tmp_path_factory.mktemp("both"))
    add_second_case(both / "data")
    env = {"SOURCE_DATE_EPOCH": EPOCH} if request.param == "epoch" else {}
    for root in (alone, both):
        assert not (root / ".git").exists()
        result = mkdocs_build(root, **env)
        assert result.returncode == 0, result.stderr
    return tree_digest(alone / "site"), tree_digest(both / "site")


def test_the_second_case_is_newer_and_really_built(builds: tuple[dict[str, bytes], ...]) -> None:
    alone, both = builds
    added = sorted(set(both) - set(alone))
    assert "cases/fictional-borough-childrens-services/index.html" in added
    assert "feeds/fictional-borough-childrens-services.ics" in added
    assert set(alone) <= set(both)  # nothing of the first build disappeared
    page = both["cases/fictional-borough-childrens-services/index.html"].decode()
    assert "2023" in page  # its records are years after Powys's: a global "as of" would show


def test_every_file_about_the_first_case_is_byte_identical(
        builds: tuple[dict[str, bytes], ...]) -> None:
    alone, both = builds
    changed = sorted(p for p in alone if alone[p] != both[p] and p not in CROSS_CASE)
    assert changed == []
    for path in ("cases/powys-childrens-services/index.html",
                 "feeds/powys-childrens-services.ics", "feeds/powys-childrens-services.xml",
                 "data/cases/powys-childrens-services.json",
                 "data/cases/powys-childrens-services/deadlines.csv",
                 "bodies/powys-county-council/index.html"):
        assert path in alone and alone[path] == both[path], path


def test_cross_case_lists_do_name_the_new_case(builds: tuple[dict[str, bytes], ...]) -> None:
    alone, both = builds
    for path in ("index.html", "cases/index.html", "timeline/index.html"):
        assert b"fictional-borough-childrens-services" not in alone[path]
        assert b"fictional-borough-childrens-services" in both[path], path


def test_the_build_is_a_real_project(tmp_path: Path) -> None:
    """The fixture pair differs only by the added case's files and themes."""
    root = copy_project(tmp_path)
    before = tree_digest(root / "data")
    add_second_case(root / "data")
    after = tree_digest(root / "data")
    assert {p for p in before if before[p] != after[p]} == {"themes.yml"}
    assert any(p.startswith("cases/fictional-borough-childrens-services/") for p in after)
