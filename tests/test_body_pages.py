"""Body pages: every case a body takes part in, with its roles; its grading scale; and
how a record's publication is worded on the timeline for report and non-report types.

Everything here is fictional: the Town Council fixture of tests/conftest.py, with a made-up
department that issues a direction and a made-up company that runs the service."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from casefile.model.objects import Dataset
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import MINI, REPO, write_tree

INS = "cases/town/records/town-inspection.yml"
SCALE = """\
grades:
  - value: top
    label: Top grade
    description: The best there is.
  - value: middle
    label: Middle grade
  - value: bottom
    label: Bottom grade
    description: Falls short <b>badly</b>.
"""
DIRECTION = """\
id: town-direction
type: statutory_direction
title: Direction to Town Council
date: 2016-09
published: 2016-10-04
body: department
summary: The department directed the council to work with the company.
cite: [council-news]
statements:
  - speaker: A spokesperson
    body: company
    date: 2016-10
    quote: We will help.
    cite: [council-news]
"""
SECOND_DIRECTION = """\
id: town-direction-2
type: statutory_direction
title: Second direction
date: 2018-05-01
body: department
summary: A further direction.
cite: [council-news]
assessments:
  - finding: f-leadership
    status: concern
    asserted_by: company
    note: Still weak.
    cite: [council-news]
"""


def files(**extra: str) -> dict[str, str]:
    out = {**MINI, **extra}
    out["bodies/inspectorate.yml"] += SCALE
    out["bodies/department.yml"] = ("id: department\nkind: government\nnames:\n"
                                    "  - name: Department of Examples\n")
    out["bodies/company.yml"] = ("id: company\nkind: trust\nnames:\n"
                                 "  - name: Example Services Company\n")
    out["bodies/bystander.yml"] = ("id: bystander\nkind: other\nnames:\n"
                                   "  - name: Bystander Body\n")
    out["cases/town/records/town-direction.yml"] = DIRECTION
    out["cases/town/records/town-direction-2.yml"] = SECOND_DIRECTION
    return out


@pytest.fixture
def ds(tmp_path: Path) -> Dataset:
    write_tree(tmp_path / "data", files())
    return load_dataset(tmp_path / "data", use_cache=False)


def body_page(ds: Dataset, body_id: str) -> BeautifulSoup:
    """The generated body page, through Markdown as the builder does (front matter off)."""
    text = Renderer(ds, REPO / "macros").pages()[f"bodies/{body_id}.md"]
    body = text.split("---\n", 2)[2]
    return BeautifulSoup(markdown.markdown(body, extensions=["toc"]), "html.parser")


def cases_on(page: BeautifulSoup) -> list[tuple[str, str]]:
    return [(li.a.get_text(), li.get_text(" ", strip=True).removeprefix(li.a.get_text()).strip())
            for li in page.select("ul.cf-body-cases > li")]


def test_a_body_that_only_acts_in_records_lists_the_case(ds: Dataset) -> None:
    page = body_page(ds, "department")
    assert cases_on(page) == [("Town Council children's services", "(acts in 2 records)")]
    assert page.select_one("ul.cf-body-cases a")["href"] == "../../cases/town/"


def test_roles_beyond_records_assessments_statements(ds: Dataset) -> None:
    assert cases_on(body_page(ds, "company")) == [
        ("Town Council children's services", "(assesses 1 finding; is quoted in 1 statement)")]


def test_subject_and_regulator_wording_kept_and_other_roles_follow(ds: Dataset) -> None:
    assert cases_on(body_page(ds, "town-council")) == [
        ("Town Council children's services",
         "(subject of the case; acts in 1 record; assesses 1 finding; is quoted in 1 statement; "
         "publishes 1 of the sources cited)")]
    assert cases_on(body_page(ds, "inspectorate")) == [
        ("Town Council children's services",
         "(regulator; acts in 1 record; publishes 1 of the sources cited)")]


def test_a_body_in_no_case_says_so(ds: Dataset) -> None:
    page = body_page(ds, "bystander")
    assert page.select("ul.cf-body-cases") == []
    h2 = [h.get_text() for h in page.find_all("h2")]
    assert h2 == ["Names", "Cases"]
    assert h2 and page.find("h2", string="Cases").find_next("p").get_text() == (
        "This body takes part in no case: no case names it as subject, partner, overseer or "
        "regulator, and no "
        "record, assessment, statement or cited source comes from it.")


def test_grading_scale_is_an_ordered_list_best_first(ds: Dataset) -> None:
    page = body_page(ds, "inspectorate")
    heading = page.find("h2", string="Grading scale, best first")
    assert heading is not None
    scale = heading.find_next_sibling("ol")
    assert scale["class"] == ["cf-grades"]
    assert [li.get_text() for li in scale.find_all("li", recursive=False)] == [
        "Top grade: The best there is.", "Middle grade", "Bottom grade: Falls short <b>badly</b>."]
    assert [s.get_text() for s in scale.find_all("strong")] == [
        "Top grade", "Middle grade", "Bottom grade"]
    assert scale.find("b") is None  # data text stays inert


def test_a_body_without_grades_shows_no_scale(ds: Dataset) -> None:
    page = body_page(ds, "department")
    assert page.find("h2", string="Grading scale, best first") is None
    assert page.select("ol.cf-grades") == []


# -- the wording of a publication on the timeline ----------------------------------------
def timeline(ds: Dataset) -> BeautifulSoup:
    r = Renderer(ds, REPO / "macros")
    return BeautifulSoup(r.macro("timeline", "cases/town.md", view=r.views["town"]),
                         "html.parser")


def texts(li: BeautifulSoup) -> list[str]:
    """An entry's heading (date, kind, title) and paragraphs, as text."""
    return [p.get_text(" ", strip=True) for p in li.find_all(["h3", "p"])]


def test_a_non_report_record_is_published_not_reported(ds: Dataset) -> None:
    tl = timeline(ds)
    head, sentence = texts(tl.select_one("#ev-town-direction-published"))
    assert head == "4 October 2016 Published Direction to Town Council"
    assert sentence == "“Direction to Town Council” was published. [2]"
    event = texts(tl.select_one("#ev-town-direction"))[1]  # after the heading
    assert event.endswith("Department of Examples; published 4 October 2016")
    assert "report" not in tl.select_one("#ev-town-direction").get_text().lower()


def test_an_inspection_keeps_report_published(ds: Dataset) -> None:
    tl = timeline(ds)
    head, sentence = texts(tl.select_one("#ev-town-inspection-published"))
    assert head == "2 October 2017 Report published Inspection"
    assert sentence.startswith("The report of the inspection of July 2017 was published.")
    assert texts(tl.select_one("#ev-town-inspection"))[1].endswith(
        "OI (now New Inspectorate); report published 2 October 2017")


@pytest.mark.parametrize(("type_", "label", "sentence"), [
    ("inspection", "Report published", "The report of the inspection of July 2017 was published."),
    ("focused_visit", "Report published",
     "The report of the focused visit of July 2017 was published."),
    ("monitoring_visit", "Report published",
     "The report of the monitoring visit of July 2017 was published."),
    ("commissioner_report", "Report published", "“Inspection” was published."),
    ("report", "Report published", "“Inspection” was published."),
    ("warning_notice", "Published", "“Inspection” was published."),
    ("other", "Published", "“Inspection” was published."),
    ("panel_hearing", "Published", "“Inspection” was published."),  # a site's own type
])
def test_publication_wording_by_record_type(tmp_path: Path, type_: str, label: str,
                                            sentence: str) -> None:
    own = ("record_types:\n  - value: panel_hearing\n    label: Panel hearing\n"
           "    description: A hearing before an example panel.\n")
    data = files(**{"vocabulary.yml": own})
    data[INS] = data[INS].replace("type: inspection", f"type: {type_}")
    write_tree(tmp_path / "data", data)
    li = timeline(load_dataset(tmp_path / "data", use_cache=False)).select_one(
        "#ev-town-inspection-published")
    head, text = texts(li)
    assert head == f"2 October 2017 {label} Inspection"
    assert text.startswith(sentence)


def test_feed_summary_of_a_non_report(ds: Dataset) -> None:
    entries = {e.anchor: e for e in Renderer(ds, REPO / "macros").views["town"].timeline}
    assert entries["town-direction-published"].published_sentence == "It was published."
    assert entries["town-inspection-published"].published_sentence == (
        "The report was published.")


def test_findings_caption_fits_any_record_type(tmp_path: Path) -> None:
    """An inspection's findings are "of the inspection of July 2017"; a report's are of the
    report by its title, never "of the report published of …"."""
    data = tmp_path / "data"
    write_tree(data, MINI)
    ds = load_dataset(data)
    r = Renderer(ds, REPO / "macros")
    soup = BeautifulSoup(r.macro("findings", "cases/town.md", view=r.views["town"]),
                         "html.parser")
    assert soup.caption.get_text(" ", strip=True).startswith(
        "Findings of the inspection of July 2017")
    record = data / "cases" / "town" / "records" / "town-inspection.yml"
    record.write_text(record.read_text("utf-8").replace("type: inspection", "type: report"))
    r = Renderer(load_dataset(data), REPO / "macros")
    soup = BeautifulSoup(r.macro("findings", "cases/town.md", view=r.views["town"]),
                         "html.parser")
    assert soup.caption.get_text(" ", strip=True).startswith(
        "Findings of “Inspection”, July 2017")


def test_a_dated_role_wins_over_an_undated_one_and_titles_are_not_repeated(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_tree(data, {**MINI, "people/pat-leader.yml": """\
id: pat-leader
name: Pat Leader
roles:
  - title: Town Council
    body: town-council
  - title: Chief Inspector
    body: inspectorate
    from: 2017-09
    until: 2017-12
"""})
    statement = load_dataset(data).cases["town"].statements[0]  # dated October 2017
    assert statement.attribution == "Pat Leader, Chief Inspector, OI (now New Inspectorate)"
    record = data / "cases" / "town" / "records" / "town-inspection.yml"
    record.write_text(record.read_text("utf-8").replace("    date: 2017-10\n",
                                                        "    date: 2018-06\n"))
    statement = load_dataset(data).cases["town"].statements[0]
    assert statement.attribution == "Pat Leader, Town Council"  # no "Town Council, Town Council"


def test_a_role_in_another_body_never_changes_who_a_case_quotes(tmp_path: Path) -> None:
    """Found by an adversarial review: a dated role at another case's body, added to a
    person this case quotes, replaced their role in this case's quotations."""
    data = tmp_path / "data"
    write_tree(data, {**MINI, "bodies/city-council.yml": MINI["bodies/town-council.yml"]
                      .replace("town-council", "city-council").replace("Town", "City"),
                      "people/pat-leader.yml": """\
id: pat-leader
name: Pat Leader
roles:
  - title: Chair
    body: city-council
    from: 2017-01
  - title: Leader
    body: town-council
"""})
    statement = load_dataset(data).cases["town"].statements[0]
    assert statement.attribution == "Pat Leader, Leader, Town Council"
