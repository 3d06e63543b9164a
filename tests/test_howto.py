"""The How to edit page, tried as a new editor would: the worked example builds, and each
listed mistake produces exactly its documented message from `casefile check` and the build.

The example brings its own fictional data set (casefile/outputs/examples.py), so the page shows
the same messages whatever cases the site holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.outputs import examples
from casefile.outputs import feature_examples as fx
from tests.conftest import add_second_case, copy_project, mkdocs_build
from tests.test_cli import run

RECORD = "data/cases/example-childrens-services/records/example-2019-monitoring-visit.yml"
INSPECTION, ESCALATION, CASE, REPORT, MIRROR = (
    fx.INSPECTION_PATH, fx.ESCALATION_PATH, fx.CASE_PATH, fx.REPORT_PATH, fx.MIRROR_PATH)
LETTER = fx.LETTER_PATH
BEFORE = ("this assessment is dated 12 March 2016, before the finding it assesses was raised "
          "(July 2017, record 'example-2017-inspection')")
WORDS = ("e.g. 'June 2021', 'autumn 2022', 'early 2021', 'late June 2021', 'around June 2021', "
         "'during 2023'")
MESSAGES = {
    "A misspelt key": [
        f"{RECORD}:2:1: summary: missing required key 'summary' (what happened, in plain words)",
        f"{RECORD}:8:1: sumary: unknown key 'sumary'; did you mean 'summary'? (allowed: id, "
        "type, title, date, until, after, date_note, published, published_note, body, summary, "
        "cite, findings, assessments, requirements, statements, ratings, oversight, next, "
        "responses, respond, figures, answers, sources_differ)"],
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
    "A level the framework does not have": [
        f"{ESCALATION}:11:12: oversight[0].level: 'segment 4' is not a level of NHS England "
        "oversight framework segments; for Segment 4, write 'segment_4' (its levels: "
        "'segment_1' for Segment 1, 'segment_2' for Segment 2, 'segment_3' for Segment 3, "
        "'segment_4' for Segment 4)"],
    "A date in words that is not one of the forms": [
        f"{INSPECTION}:5:7: date: 'springtime 2021' is not a date; write YYYY, YYYY-MM or "
        f"YYYY-MM-DD, or in words, {WORDS} (see the date forms on the methodology page)"],
    "A deadline given as the date of an event": [
        f"{INSPECTION}:5:7: date: 'by the end of 2021' is a deadline; write it in a "
        "requirement's due: date:, and give this field the date itself; write YYYY, YYYY-MM or "
        f"YYYY-MM-DD, or in words, {WORDS} (see the date forms on the methodology page)"],
    "A deadline in words that is not one of the forms": [
        f"{INSPECTION}:32:13: requirements[1].due.date: 'by end of autumn 2022' is not a "
        "deadline form: after 'by' or 'by the end of' give a year, month, day or season, e.g. "
        "'by the end of 2019', 'by autumn 2022'; write YYYY, YYYY-MM or YYYY-MM-DD, or in words, "
        f"{WORDS}, 'by the end of 2019', 'by autumn 2022', 'immediately', "
        "'at the earliest opportunity' (see the date forms on the methodology page)"],
    "A reported outcome that is not in the vocabulary": [
        f"{INSPECTION}:25:16: requirements[0].reported.outcome: 'partially_met' is not allowed; "
        "did you mean 'partly_met'? (allowed: met_on_time, met_late, met, not_met, "
        "partly_met, suspended, superseded, not_reported)"],
    "A kind of money that is not in the vocabulary": [
        f"{CASE}:18:11: money[0].kind: 'borrowing' is not allowed (allowed: budget, overspend, "
        "savings_target, savings_achieved, loan, repayment, grant, other)"],
    "A disagreement with neither choice nor unsettled": [
        f"{REPORT}:12:5: sources_differ.published: give exactly one of 'chosen' or "
        "'unsettled'; write chosen: with the field's own value again, or unsettled: true if the "
        "sources cannot be settled"],
    "Another value without a citation": [
        f"{REPORT}:14:15: sources_differ.published.values[0].cite: needs at least 1 item; list "
        "each on its own line starting with '- ', or write them in brackets: [first, second]"],
    "A body named twice in a case": [
        f"{CASE}:5:11: partners: body 'northshire-police' is already named as a subject of "
        "this case; name each body once, in the one list that fits best"],
    "A source named as its own original": [
        f"{MIRROR}:8:11: original: source 'northshire-report-mirror' names itself as its "
        "original; name the source it is a copy of, or remove 'original'"],
    "A percentage above 100": [
        f"{LETTER}:18:12: figures[1].value: 120 is more than 100, but indicator "
        "'posts-filled-permanently' counts a percentage, from 0 to 100; check the value in "
        "the source"],
    "A value written with its unit": [
        f"{LETTER}:12:12: figures[0].value: '412 staff' is not a number in digits, e.g. 360 "
        "or 88.5 (no commas, units or signs); write 412 alone: the indicator's unit "
        "(data/indicators.yml) says what it counts"],
    "A figure of an indicator that is not listed": [
        f"{LETTER}:11:16: figures[0].indicator: no indicator with id 'staff-in-posts'; did "
        "you mean 'staff-in-post'?"],
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
    assert check.stdout == ("casefile: data OK: 2 case(s), 6 record(s), 9 source(s), "
                            "8 bodies.\n9 of 9 sources have no stored copy: their 5 quotations "
                            "are unverified.\n")
    assert mkdocs_build(root).returncode == 0
    html = (root / "site" / "cases" / examples.CASE / "index.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("#ev-example-2019-monitoring-visit") is not None
    table = soup.select("table.cf-matrix")[0]
    heads = [" ".join(th.get_text().split()) for th in table.thead("th")]
    assert heads[-1] == ("Monitoring visit, 12 March 2019; "
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
