"""Who says so (evidence grades and asserters from the publisher's relation to the case) and
cases with several bodies. Every body, case and document here is fictional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.model import vocab, who
from casefile.outputs import opendata
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import REPO, write_mini
from tests.test_schema_agreement import schema_errors


def _body(ident: str, kind: str, name: str, extra: str = "") -> tuple[str, str]:
    return f"bodies/{ident}.yml", f"id: {ident}\nkind: {kind}\nnames:\n  - name: {name}\n{extra}"


def _source(ident: str, publisher: str, kind: str, extra: str = "") -> tuple[str, str]:
    return f"sources/{ident}.yml", (f"id: {ident}\ntitle: {ident} EXAMPLE ONLY\npublisher: "
                                    f"{publisher}\nkind: {kind}\npublished: 2021-03-01\n"
                                    f"language: en\n{extra}")


# A fictional police case: the force and the council answer one inquiry together with a
# health board; the mayor oversees the force; the council owns a housing company.
SOURCES = {"police-page": ("northshire-police", "web_page", ""),
           "mayor-release": ("northshire-mayor", "press_release", ""),
           "hansard": ("example-parliament", "official_report", ""),
           "audit-report": ("example-audit-office", "report", ""),
           "news-quoting": ("example-news", "news_article", "second_hand: true\n"),
           "homes-statement": ("northshire-homes", "statement", ""),
           "health-statement": ("northshire-health-board", "statement", ""),
           "tracker-page": ("example-tracker", "web_page", ""),
           "audit-mirror": ("example-tracker", "web_page", "original: audit-report\n"),
           "inspection-letter": ("inspectorate", "letter", "")}
CITED = "[" + ", ".join(SOURCES) + "]"
FILES = dict([
    _body("northshire-police", "police", "Northshire Police",
          "variant_names: [Northshire Constabulary, N'shire Police]\n"),
    _body("northshire-mayor", "elected_overseer", "Mayor of Northshire"),
    _body("northshire-council", "local_authority", "Northshire Council"),
    _body("northshire-homes", "other", "Northshire Homes Ltd", "parent: northshire-council\n"),
    _body("northshire-health-board", "health", "Northshire Health Board"),
    _body("example-parliament", "parliament", "Example Parliament"),
    _body("example-audit-office", "auditor", "Example Audit Office"),
    _body("example-news", "news_organisation", "Example News"),
    _body("example-tracker", "tracker", "Example Tracker"),
    *(_source(i, p, k, x) for i, (p, k, x) in SOURCES.items()),
    ("cases/northshire/case.yml", f"""\
id: northshire
title: Northshire policing partnership EXAMPLE ONLY
subject: [northshire-police, northshire-council]
partners: [northshire-health-board]
overseers: [northshire-mayor]
service: Child protection
regulators: [inspectorate]
legal_basis: An Act
status: open
reviewed: 2021-06-01
summary: A fictional case.
themes: [leadership]
cite: {CITED}
"""),
    ("cases/northshire/records/northshire-inspection.yml", """\
id: northshire-inspection
type: inspection
title: Joint inspection
date: 2021-01-10
body: inspectorate
summary: Inspectors visited.
cite: [inspection-letter]
findings:
  - id: f-north-1
    theme: leadership
    text: Weak oversight.
    cite: [inspection-letter]
  - id: f-north-2
    theme: leadership
    text: Weak planning.
    cite: [inspection-letter]
  - id: f-north-3
    theme: leadership
    text: Weak housing.
    cite: [inspection-letter]
"""),
    ("cases/northshire/records/northshire-update.yml", """\
id: northshire-update
type: other
title: Updates
date: 2021-03-01
body: northshire-police
summary: Each body reported.
cite: [police-page]
assessments:
  - finding: f-north-1
    status: improving
    asserted_by: northshire-health-board
    note: Better.
    cite: [health-statement]
  - finding: f-north-2
    status: concern
    asserted_by: northshire-mayor
    note: Still a concern.
    cite: [mayor-release]
  - finding: f-north-3
    status: improving
    asserted_by: northshire-homes
    note: Better.
    cite: [homes-statement]
"""),
])


def dataset(tmp_path: Path, changes: dict[str, str | tuple[str, str]] | None = None) -> m.Dataset:
    """MINI with FILES added, and ``changes`` (to either) made."""
    files: dict[str, str | tuple[str, str]] = dict(FILES)
    for rel, change in (changes or {}).items():
        if isinstance(change, tuple) and rel in FILES:
            assert change[0] in FILES[rel]
            files[rel] = FILES[rel].replace(*change)
        else:
            files[rel] = change
    return load_dataset(write_mini(tmp_path, files))


def problems(tmp_path: Path, changes: dict[str, str | tuple[str, str]]) -> list[str]:
    with pytest.raises(DataError) as caught:
        dataset(tmp_path, changes)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("source, grade", [
    ("police-page", "self_report"),  # a police force's own page
    ("mayor-release", "oversight"),  # its mayor's release
    ("hansard", "parliament"),  # a parliament's record
    ("audit-report", "auditor"),  # an auditor's report
    ("news-quoting", "press"),  # a press article quoting an inspectorate: press, second-hand
    ("homes-statement", "self_report"),  # a council-owned company's claim
    ("health-statement", "self_report"),  # a partner's claim
    ("tracker-page", "second_hand"),
    ("audit-mirror", "auditor"),  # a repost is graded as its original
    ("inspection-letter", "regulator"),
])
def test_evidence_grade_from_the_publishers_relation(tmp_path: Path, source: str,
                                                     grade: str) -> None:
    ds = dataset(tmp_path)
    assert who.grade(ds.sources[source], ds.cases["northshire"]).value == grade


def test_second_hand_marks(tmp_path: Path) -> None:
    ds = dataset(tmp_path)
    marked = {i for i, s in ds.sources.items() if s.second_hand}
    assert marked == {"news-quoting", "tracker-page"}  # the mirror's original is first-hand
    assert ds.sources["audit-mirror"].original is ds.sources["audit-report"]


def test_the_same_source_is_graded_per_case(tmp_path: Path) -> None:
    """The mayor's release is oversight where the case names the mayor, other elsewhere;
    the force's page is a self-report only where the force is a subject."""
    ds = dataset(tmp_path, {"cases/town/case.yml": ("cite: [report-2017]\n",
                                                    "cite: [report-2017, mayor-release, "
                                                    "police-page]\n")})
    town, northshire = ds.cases["town"], ds.cases["northshire"]
    assert who.grade(ds.sources["mayor-release"], town).value == "other"
    assert who.grade(ds.sources["police-page"], town).value == "other"
    assert who.grade(ds.sources["mayor-release"], northshire).value == "oversight"
    html = Renderer(ds, REPO / "macros").pages()["sources.md"]
    entry = BeautifulSoup(html, "html.parser").select_one("#src-mayor-release")
    assert [g.get_text(" ", strip=True) for g in entry.select(".cf-grade")] == [
        "Evidence: Oversight in Northshire policing partnership EXAMPLE ONLY",
        "Evidence: Other in Town Council children's services"]


def test_asserters_of_partner_overseer_and_owned_company(tmp_path: Path) -> None:
    ds = dataset(tmp_path)
    said = {a.asserted_by.id: a.asserter.value
            for a in ds.cases["northshire"].records[1].assessments}
    assert said == {"northshire-health-board": "self", "northshire-mayor": "oversight",
                    "northshire-homes": "self"}


def test_several_subjects_and_the_primary(tmp_path: Path) -> None:
    ds = dataset(tmp_path)
    case = ds.cases["northshire"]
    assert case.subject.id == "northshire-police"
    assert [b.id for b in case.subjects] == ["northshire-police", "northshire-council"]
    assert [b.id for b in ds.cases["town"].subjects] == ["town-council"]  # one id, no list
    assert [b.id for b in ds.bodies["northshire-council"].children] == ["northshire-homes"]


def test_case_page_and_body_page(tmp_path: Path) -> None:
    ds = dataset(tmp_path)
    r = Renderer(ds, REPO / "macros")
    facts = BeautifulSoup(r.macro("case_facts", "cases/northshire.md",
                                  view=r.views["northshire"]), "html.parser")
    rows = {dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True)
            for dt in facts.select("dt")}
    assert rows["Subjects"] == "Northshire Police , Northshire Council"
    assert rows["Partner"] == "Northshire Health Board"
    assert rows["Overseer"] == "Mayor of Northshire"
    bib = BeautifulSoup(r.macro("bibliography", "cases/northshire.md",
                                view=r.views["northshire"]), "html.parser")
    news = next(li for li in bib.select("li") if "news-quoting" in li.get_text())
    assert news.select_one(".cf-grade").get_text() == "Evidence: Press"
    assert news.select_one(".cf-second-hand") is not None
    text = " ".join(news.get_text(" ").split())  # a sentence each (a new-editor trial)
    assert "Evidence: Press . Second-hand: it reports what others said or found." in text
    mirror = next(li for li in bib.select("li") if "audit-mirror" in li.get_text())
    assert mirror.select_one(".cf-grade").get_text() == "Evidence: Auditor"
    assert "audit-report EXAMPLE ONLY" in mirror.select_one(".cf-original").get_text()
    body = BeautifulSoup(r.pages()["bodies/northshire-police.md"], "html.parser")
    assert body.select_one("h1").get_text() == "Northshire Police"
    assert body.select_one(".cf-variants").get_text().startswith(
        "Also written in sources as: “Northshire Constabulary”, “N'shire Police”.")
    homes = BeautifulSoup(r.pages()["bodies/northshire-homes.md"], "html.parser")
    assert homes.select_one(".cf-parent a").get_text() == "Northshire Council"


def test_open_data_keeps_the_bodies_and_grades_per_case(tmp_path: Path) -> None:
    ds = dataset(tmp_path)
    data = opendata.to_json(ds, ["northshire"])
    case = data["cases"][0]
    assert case["subject"] == ["northshire-police", "northshire-council"]
    assert case["partners"] == ["northshire-health-board"]
    assert case["overseers"] == ["northshire-mayor"]
    sources = {s["id"]: s for s in data["sources"]}
    assert sources["mayor-release"]["derived"]["evidence_grade_in_case"] == {
        "northshire": "oversight"}
    assert sources["audit-mirror"]["original"] == "audit-report"
    assert {b["id"]: b.get("parent") for b in data["bodies"]}["northshire-homes"] == \
        "northshire-council"
    again = opendata.from_json(json.loads(opendata.dump(data)))
    assert [b.id for b in again.cases["northshire"].subjects] == [
        "northshire-police", "northshire-council"]
    csv = opendata.tables([ds.cases["northshire"]])["sources"].splitlines()
    assert csv[0] == ("case,source,title,publisher,kind,published,evidence_grade,second_hand,"
                      "original,url,archive_url,copy_file,copy_sha256,copy_format,licence,"
                      "publish_copy,quotes,quotes_checked")
    assert any(row.startswith("northshire,news-quoting,") and ",press,yes,," in row
               for row in csv)


def test_a_body_named_twice_in_a_case(tmp_path: Path) -> None:
    got = problems(tmp_path, {"cases/northshire/case.yml": (
        "overseers: [northshire-mayor]", "overseers: [northshire-mayor, northshire-council]")})
    assert got == ["data/cases/northshire/case.yml:5:12: overseers: body 'northshire-council' "
                   "is already named as a subject of this case; name each body once, in the "
                   "one list that fits best"]


def test_an_unknown_partner(tmp_path: Path) -> None:
    got = problems(tmp_path, {"cases/northshire/case.yml": (
        "partners: [northshire-health-board]", "partners: [northshire-health-bord]")})
    assert got == ["data/cases/northshire/case.yml:4:11: partners: no body with id "
                   "'northshire-health-bord'; did you mean 'northshire-health-board'?"]


def test_a_parent_loop(tmp_path: Path) -> None:
    got = problems(tmp_path, {"bodies/northshire-council.yml": FILES[
        "bodies/northshire-council.yml"] + "parent: northshire-homes\n"})
    assert got == [
        "data/bodies/northshire-homes.yml:5:9: parent: parent 'northshire-council' makes a "
        "loop (northshire-homes → northshire-council → northshire-homes); a body's parent "
        "is the body it is part of, so one of them must not name the other"]


@pytest.mark.parametrize("original, message", [
    ("audit-mirror", "source 'audit-mirror' names itself as its original; name the source "
     "it is a copy of, or remove 'original'"),
    ("tracker-page\n", None),
])
def test_originals(tmp_path: Path, original: str, message: str | None) -> None:
    changes: dict[str, str | tuple[str, str]] = {"sources/audit-mirror.yml": (
        "original: audit-report", f"original: {original.strip()}")}
    if message is None:  # a copy of a copy: name the first document
        changes["sources/tracker-page.yml"] = ("language: en\n",
                                               "language: en\noriginal: audit-report\n")
        message = ("source 'tracker-page' is itself a copy of 'audit-report'; name the first "
                   "document, 'audit-report', as the original")
    got = problems(tmp_path, changes)
    assert got == [f"data/sources/audit-mirror.yml:7:11: original: {message}"]


@pytest.mark.parametrize("subject", ["a-body", "[a-body, b-body]"])
def test_json_schema_and_check_agree_on_one_subject_or_a_list(subject: str) -> None:
    text = (REPO / "tests/projects/powys/data/cases/powys-childrens-services/case.yml"
            ).read_text(encoding="utf-8").replace("subject: powys-county-council",
                                                  f"subject: {subject}")
    assert schema_errors("case", text) == []
    assert schema_errors("case", text.replace(f"subject: {subject}", "subject: []")) != []


@pytest.mark.parametrize("variants", ["[Northshire Police, N'shire Police]",
                                      "[N'shire Police, \"n'shire  police\"]"])
def test_a_variant_name_is_another_spelling_given_once(tmp_path: Path, variants: str) -> None:
    found = problems(tmp_path, {"bodies/northshire-police.yml": (
        "variant_names: [Northshire Constabulary, N'shire Police]",
        f"variant_names: {variants}")})
    repeated = "Northshire Police" if variants.startswith("[Northshire") else "n'shire  police"
    assert found == [
        f"data/bodies/northshire-police.yml:5:16: variant_names: '{repeated}' is already one "
        "of this body's names or variant names; list only other spellings seen in sources, "
        "each once"]


def _family(tmp_path: Path) -> m.Dataset:
    """FILES with a combined authority above the council and a lettings arm below its
    housing company; the authority publishes a statement no case cites."""
    return dataset(tmp_path, {
        "bodies/northshire-council.yml": FILES["bodies/northshire-council.yml"]
        + "parent: northshire-combined\n",
        "bodies/northshire-combined.yml": _body("northshire-combined", "other",
                                                "Northshire Combined Authority")[1],
        "bodies/northshire-lettings.yml": _body("northshire-lettings", "other",
                                                "Northshire Lettings",
                                                "parent: northshire-homes\n")[1],
        "sources/combined-statement.yml": _source("combined-statement", "northshire-combined",
                                                  "statement")[1],
        "sources/lettings-statement.yml": _source("lettings-statement", "northshire-lettings",
                                                  "statement")[1]})


def test_the_bodies_above_and_below_a_subject_speak_for_it(tmp_path: Path) -> None:
    """A statement by the council's parent or by its company's own subsidiary is a
    self-report in a case about the council, and other in a case about someone else."""
    ds = _family(tmp_path)
    northshire, town = ds.cases["northshire"], ds.cases["town"]
    for source in ("combined-statement", "lettings-statement"):
        assert who.grade(ds.sources[source], northshire).value == "self_report"
        assert who.grade(ds.sources[source], town).value == "other"
    assert who.family(ds.bodies["northshire-homes"]) == {
        "northshire-homes", "northshire-council", "northshire-combined", "northshire-lettings"}
    assert who.family_above(ds.bodies["northshire-lettings"]) == [
        "northshire-homes", "northshire-council", "northshire-combined"]


def test_the_open_data_of_a_case_carries_the_bodies_above_its_subjects(tmp_path: Path) -> None:
    ds = _family(tmp_path)
    data = opendata.to_json(ds, ["northshire"])
    bodies = {b["id"]: b.get("parent") for b in data["bodies"]}
    assert bodies["northshire-council"] == "northshire-combined"
    assert "northshire-combined" in bodies  # named by no case: there as the council's parent
    assert "northshire-lettings" not in bodies  # below: nothing in the case refers to it


def test_a_body_a_case_names_as_its_regulator_is_one_there_whatever_its_kind(
        tmp_path: Path) -> None:
    ds = dataset(tmp_path, {"cases/northshire/case.yml": (
        "regulators: [inspectorate]", "regulators: [inspectorate, example-audit-office]")})
    audit = ds.sources["audit-report"]
    assert who.grade(audit, ds.cases["northshire"]).value == "regulator"
    assert who.grade(audit, ds.cases["town"]).value == "auditor"
    assert who.relation(ds.bodies["example-audit-office"], None) == "auditor"
    assert who.relation(None, ds.cases["northshire"]) == "other"


@pytest.mark.parametrize(("kind", "grade"), [("news_article", "press"), ("web_page", "other"),
                                             ("report", "other")])
def test_a_source_with_no_publisher_named(tmp_path: Path, kind: str, grade: str) -> None:
    """Only a news article is press without a publisher; anything else is other, in any
    case, whoever the case is about."""
    text = (f"id: unsigned\ntitle: unsigned EXAMPLE ONLY\npublisher_note: The page does not "
            f"say who wrote it.\nkind: {kind}\npublished: 2021-03-01\nlanguage: en\n")
    ds = dataset(tmp_path, {"sources/unsigned.yml": text})
    assert ds.sources["unsigned"].publisher is None
    for case in ds.cases.values():
        assert who.grade(ds.sources["unsigned"], case).value == grade


def test_several_publishers_are_named_in_a_list_that_reads_as_a_sentence() -> None:
    assert who.listed(["A"]) == "A"
    assert who.listed(["A", "B"]) == "A and B"
    assert who.listed(["A", "B", "C"]) == "A, B and C"
    assert who.listed(["A", "B", "C", "D"]) == "A, B, C and D"


def test_a_publisher_not_named_is_said_so_with_its_grade() -> None:
    press = vocab.EVIDENCE_GRADES["press"]
    assert who._reporter(None, press, None) == (
        f"a source that does not name its publisher ({press.label.lower()})")
