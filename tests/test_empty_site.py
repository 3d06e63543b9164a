"""A site with no case yet (a new project, or a data set emptied): the check is clean, the
build succeeds, and every list page says plainly that it has nothing to show instead of
an empty table or list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_project, write_tree
from tests.html_support import soup_of
from tests.test_cli import run
from tests.test_howto import MESSAGES, documented_on

EMPTY = {"themes.yml": "themes: []\n"}
SHARED_ONLY = {  # shared files, but no case yet
    "themes.yml": "themes:\n  - id: oversight\n    name: Oversight\n",
    "bodies/sample-council.yml": "id: sample-council\nkind: local_authority\n"
                                 "names:\n  - name: Sample Council\n",
    "sources/sample-minutes.yml": "id: sample-minutes\ntitle: Minutes\npublisher: sample-council\n"
                                  "kind: other\npublished: 2024-05-01\nlanguage: en\n",
}


def empty_text(site: Path, url: str) -> str | None:
    found = soup_of(site, url).select_one("article p.cf-empty")
    return found.get_text() if found else None


@pytest.fixture(scope="module", params=["empty", "shared-only"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[str, Path]:
    root = copy_project(tmp_path_factory.mktemp(request.param), data=False)
    write_tree(root / "data", EMPTY if request.param == "empty" else SHARED_ONLY)
    check = run(["check"], root)
    counts = "0 source(s), 0 bodies.\n" if request.param == "empty" else (
        "1 source(s), 1 bodies.\n1 of 1 sources has no stored copy; no quotation rests on it.\n")
    assert check.stdout == f"casefile: data OK: 0 case(s), 0 record(s), {counts}"
    assert documented_on(root) == MESSAGES  # builds the site (strict)
    return request.param, root / "site"


def test_home_page_says_no_cases_are_published(built: tuple[str, Path]) -> None:
    _, site = built
    home = soup_of(site, "")
    after_heading = home.select_one("h2#cases").find_next_sibling()
    assert after_heading.name == "p" and after_heading.get_text() == "No cases are published yet."
    assert home.select("table") == []
    assert empty_text(site, "cases") == "No cases are published yet."
    assert soup_of(site, "cases").select("table") == []


def test_list_pages_say_they_are_empty(built: tuple[str, Path]) -> None:
    kind, site = built
    assert empty_text(site, "timeline") == "No events are recorded yet."
    assert empty_text(site, "themes") == "No findings are recorded yet."
    if kind == "empty":
        assert empty_text(site, "bodies") == "No bodies are recorded yet."
        assert empty_text(site, "sources") == "No sources are recorded yet."
    else:
        assert empty_text(site, "bodies") is None and empty_text(site, "sources") is None
        assert [a.get_text() for a in soup_of(site, "bodies").select("ul.cf-body-list a")] == [
            "Sample Council"]
        assert [li["id"] for li in soup_of(site, "sources").select("ul.cf-sources > li")] == [
            "src-sample-minutes"]
    for url in ("", "cases", "timeline", "themes", "bodies", "sources"):
        lists = soup_of(site, url).select("article ul, article ol")
        assert all(x.find("li") for x in lists), url  # no list left empty


def test_open_data_and_links_of_an_empty_site(built: tuple[str, Path]) -> None:
    _, site = built
    published = json.loads((site / "data" / "casefile.json").read_text(encoding="utf-8"))
    assert published["cases"] == []
    assert (site / "data" / "timeline.csv").read_text(encoding="utf-8").count("\n") == 1
    links = run(["links", str(site)], REPO)
    assert links.returncode == 0, links.stdout + links.stderr
