"""The How to edit page, tried as a new editor would: the worked example builds, and each
listed mistake produces exactly its documented message from `casefile check` and the build.

The example brings its own fictional data set (casefile/outputs/examples.py), so the page shows
the same messages whatever cases the site holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.outputs import examples
from tests.conftest import add_second_case, copy_project, mkdocs_build
from tests.test_cli import run

RECORD = "data/cases/example-childrens-services/records/example-2019-monitoring-visit.yml"
BEFORE = ("this assessment is dated 12 March 2016, before the finding it assesses was raised "
          "(July 2017, record 'example-2017-inspection')")
MESSAGES = {
    "A misspelt key": [
        f"{RECORD}:2:1: summary: missing required key 'summary' (what happened, in plain words)",
        f"{RECORD}:8:1: sumary: unknown key 'sumary'; did you mean 'summary'? (allowed: id, "
        "type, title, date, until, after, date_note, published, published_note, body, summary, "
        "cite, findings, assessments, requirements, statements, ratings, oversight, "
        "sources_differ)"],
    "A status that is not in the vocabulary": [
        f"{RECORD}:19:13: assessments[1].status: 'getting better' is not allowed (allowed: "
        "not_assessed, worsened, serious_concern, concern, early_signs, improving, improved, "
        "resolved)"],
    "Citing a source that does not exist": [
        f"{RECORD}:17:12: assessments[0].cite[0].source: no source with id 'example-leter'; "
        "did you mean 'example-letter'?"],
    "An impossible date": [
        f"{RECORD}:5:7: date: '2019-02-30' is not a real date: February 2019 has 28 days"],
    "An unquoted no": [
        f"{RECORD}:24:13: assessments[2].status: no is read as a boolean (false) by YAML 1.1 "
        'tools; if you mean the text, put it in quotes: "no"'],
    "A key given twice": [
        f"{RECORD}:4:1: type: duplicate key 'type' (first given at line 3); each key may "
        "appear only once"],
    "An assessment dated before its finding": [
        f"{RECORD}:13:14: assessments[0].finding: {BEFORE}",
        f"{RECORD}:18:14: assessments[1].finding: {BEFORE}",
        f"{RECORD}:23:14: assessments[2].finding: {BEFORE}"],
}


def documented_on(root: Path) -> dict[str, list[str]]:
    """Mistake title → the message lines shown on the built How to edit page."""
    assert mkdocs_build(root).returncode == 0
    soup = BeautifulSoup((root / "site" / "how-to-edit" / "index.html").read_text("utf-8"),
                         "html.parser")
    return {dt.get_text().split(":")[0]: dt.find_next_sibling("dd").get_text().splitlines()
            for dt in soup.select("dl.cf-mistakes > dt")}


@pytest.fixture(scope="module")
def documented(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The page built with two unrelated cases (Powys and the fictional second case)."""
    root = copy_project(tmp_path_factory.mktemp("howto"))
    add_second_case(root / "data")
    return documented_on(root)


def example_project(tmp_path: Path, mistake: examples.Mistake | None = None) -> Path:
    """A project holding only the example's own data set (with ``mistake`` made)."""
    root = copy_project(tmp_path, data=False)
    examples.install(root, mistake)
    return root


def test_the_page_shows_exactly_the_documented_messages(documented: dict[str, list[str]]
                                                        ) -> None:
    assert list(MESSAGES) == [m.title for m in examples.MISTAKES]
    assert documented == MESSAGES


def test_the_example_data_set_is_generic_and_fictional() -> None:
    text = "\n".join(examples.files().values()).lower()
    for word in ("powys", "wales", "welsh", "ciw", "cssiw"):
        assert word not in text
    titles = [line for line in text.splitlines() if line.startswith("title:")]
    assert titles and all("example only" in line for line in titles)


def test_worked_example_builds_and_adds_a_column(tmp_path: Path) -> None:
    root = example_project(tmp_path)
    check = run(["check"], root)
    assert check.stdout == "casefile: data OK: 1 case(s), 2 record(s), 2 source(s), 2 bodies.\n"
    assert mkdocs_build(root).returncode == 0
    html = (root / "site" / "cases" / examples.CASE / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("#ev-example-2019-monitoring-visit") is not None
    table = soup.select("table.cf-matrix")[0]
    heads = [th.get_text(" ", strip=True) for th in table.thead("th")]
    assert heads[-1] == ("Monitoring visit 12 March 2019 "
                         "Regulator's judgement: Example Inspectorate")
    column = [tr("td")[-1].get_text(" ", strip=True) for tr in table.tbody("tr")]
    assert [c.split(" ")[0] for c in column] == ["Improved", "Improving", "Concern"]
    howto = BeautifulSoup((root / "site" / "how-to-edit" / "index.html").read_text("utf-8"),
                          "html.parser")
    intro = howto.select_one("#worked-example-a-monitoring-visit-that-assesses-three-findings"
                             ).find_next_sibling("p").find_next_sibling("p")
    assert intro.get_text() == (
        "The example belongs to a fictional case, example-childrens-services, whose 2017 "
        "inspection record raised the findings f2017-access, f2017-assessment-planning, "
        "f2017-partners.")


@pytest.mark.parametrize("mistake", examples.MISTAKES, ids=lambda m: m.title)
def test_each_mistake_gives_its_documented_message(tmp_path: Path, mistake: examples.Mistake
                                                   ) -> None:
    root = example_project(tmp_path, mistake)
    check = run(["check"], root)
    assert check.returncode == 1
    assert check.stderr.splitlines()[:-1] == MESSAGES[mistake.title]
    build = mkdocs_build(root)
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert [line for line in build.stderr.splitlines() if line.startswith("data/")] == (
        MESSAGES[mistake.title])
