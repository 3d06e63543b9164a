"""What readers see of stored copies (#11 item 4): each quotation says in words whether it
was checked and where; each source says whether a copy is kept, its hash and licence; a
copy with ``publish_copy`` gets a page with numbered paragraphs and its quoted passages
marked; no other copy is published; copies' text is inert; open data carry the same.

Fixture projects only: the Powys fixture and the fictional second case, whose source
``fictional-annual-review`` has an open licence and ``publish_copy: true``."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup, Tag

from casefile.model import objects as m
from casefile.model import published, quotes
from casefile.outputs import opendata
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import (
    REPO,
    SECOND_CASE,
    add_second_case,
    copy_project,
    minimal_pdf,
    mkdocs_build,
)
from tests.html_support import soup_of, words
from tests.shared_builds import once
from tests.test_site import resolve

CASE = "fictional-borough-childrens-services"
OPEN = "fictional-annual-review"  # OGL-3.0, publish_copy: true
COPIES = SECOND_CASE / "sources" / "copies"
SHA = hashlib.sha256((COPIES / f"{OPEN}.md").read_bytes()).hexdigest()
QUOTED = ["managers did not check casework often enough", "not yet working.",
          "The council must send an action plan", "who will check casework",
          "Too few placements were available"]


@pytest.fixture(scope="module")
@once  # read by more than one test module (tests/shared_builds.py)
def shown_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("copies-shown")
    copy_project(root)
    add_second_case(root / "data")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def seen(tag: Tag) -> str:
    """The text a sighted reader sees: without the words said only to screen readers."""
    tag = BeautifulSoup(str(tag), "html.parser")
    for hidden in tag.select(".cf-vh"):
        hidden.decompose()
    return words(tag)


def heard(tag: Tag) -> str:
    return " ".join(tag.get_text("", strip=False).split())


def passages(site: Path) -> list[Tag]:
    """The quotes from the published copy: the findings' on their own pages (casefile.model.
    histories), the requirement's in the case's list of sources (cases/CASE/sources/)."""
    on_findings = [q for f in ("fictional-f-oversight", "fictional-f-placements")
                   for q in soup_of(site, f"cases/{CASE}/findings/{f}").select(
                       "blockquote.cf-quote") if f"{OPEN}/copy/" in str(q) or "para." in str(q)]
    return on_findings + soup_of(site, f"cases/{CASE}/sources").select(
        "#ref-3 details.cf-quotes li")


def quoted(tag: Tag) -> str:
    """A quote as listed: “text” (where), whether in a list of sources or on a finding page."""
    if tag.name != "blockquote":
        return heard(tag)
    where = tag.select_one(".cf-check")
    assert where is not None
    text = heard(tag.p)  # type: ignore[arg-type]
    return f"{text} ({seen(where).removeprefix('checked, ')})"


def test_each_quotation_says_whether_it_was_checked_and_where(shown_site: Path) -> None:
    case = soup_of(shown_site, f"cases/{CASE}")
    full = soup_of(shown_site, f"cases/{CASE}/sources")
    summaries = [heard(s) for s in full.select("details.cf-quotes summary")]
    assert summaries == [  # every quote of a source with a copy is checked: said once
        "Passages the case page cites (1), each checked against the stored copy",
        "Passages the case page cites (1), each checked against the stored copy"]
    # where the findings' passages are is said once, in the page's introduction
    assert heard(full.select_one("#ref-3 .cf-elsewhere")) == (  # type: ignore[arg-type]
        "Quoted for findings: 2 more passages.")
    assert heard(full.select_one("p.cf-intro")).endswith(  # type: ignore[arg-type]
        "Passages quoted for findings are on each finding's own page, linked from the "
        "case page's findings tables.")
    assert [quoted(li) for li in passages(shown_site)] == [
        "“managers did not check casework often enough” (para. 3)",
        "“Too few placements were available” (para. 5)",  # found there, whatever the editor wrote
        "“not yet working. The council must send an action plan … who will check casework” "
        "(paras. 3–4)"]
    unchecked = case.select_one(".cf-statement figcaption")
    assert heard(unchecked).endswith("[2] (Quote not checked: no stored copy is kept)")  # type: ignore[arg-type]
    assert seen(unchecked).endswith("[2] (not checked)")  # type: ignore[arg-type]


def test_a_source_without_a_copy_says_its_quotes_are_not_checked(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SECOND_CASE, data)
    update = next((data / "cases").glob("*/records/fictional-2023-council-update.yml"))
    update.write_text(update.read_text(encoding="utf-8").replace(
        "cite: [fictional-council-update]\nassessments",
        "cite:\n  - source: fictional-council-update\n    quote: Managers now check.\n"
        "assessments"), encoding="utf-8")
    ds = load_dataset(data, use_cache=False)
    doc = BeautifulSoup(Renderer(ds, REPO / "macros").pages()[f"cases/{CASE}/sources.md"],
                        "html.parser")
    entry = doc.select_one("#ref-2")
    assert heard(entry.select_one("summary")) == (  # type: ignore[union-attr, arg-type]
        "Passages the case page cites (1), not checked: no stored copy is kept")
    assert heard(entry.select_one(".cf-quotes li")) == "“Managers now check.”"  # type: ignore[union-attr, arg-type]
    cites = [c for r in ds.cases[CASE].records for f in r.findings for c in f.cites
             if c.source.id == OPEN]
    cites[0].checked = False  # each quote on a finding page says it of itself
    pages = Renderer(ds, REPO / "macros").pages()
    items = [q for f in ("fictional-f-oversight", "fictional-f-placements")
             for q in BeautifulSoup(pages[f"cases/{CASE}/findings/{f}.md"], "html.parser"
                                    ).select("blockquote.cf-quote .cf-check")]
    assert [heard(q) for q in items] == [
        "Quote not checked, para. 3", "Quote checked against the stored copy, para. 5"]
    assert [seen(q) for q in items] == ["not checked, para. 3", "checked, para. 5"]


def test_a_locator_links_to_the_paragraph_of_the_published_copy(shown_site: Path) -> None:
    links = [li.select_one(".cf-check a" if li.name == "blockquote" else "a")
             for li in passages(shown_site)]
    up = "../../../../"  # from a finding page, cases/CASE/findings/ID/
    assert [a["href"] for a in links] == [  # type: ignore[index]
        f"{up}sources/{OPEN}/copy/#para-3", f"{up}sources/{OPEN}/copy/#para-5",
        f"../../../sources/{OPEN}/copy/#para-3"]  # from the case's sources page
    target, fragment = resolve(shown_site, f"cases/{CASE}/findings/fictional-f-placements",
                               links[1]["href"])  # type: ignore[index]
    assert target.find(id=fragment).select_one("mark").get_text() == QUOTED[4]  # type: ignore[union-attr]
    unpublished = soup_of(shown_site, f"cases/{CASE}/sources").select_one(
        "#ref-1 details.cf-quotes li")
    assert unpublished.select("a") == [] and seen(unpublished).endswith("(para. 2)")  # type: ignore[union-attr, arg-type]


def test_the_sources_page_gives_each_copy_its_hash_licence_or_absence(shown_site: Path) -> None:
    sources = soup_of(shown_site, "sources")
    entry = sources.select_one(f"#src-{OPEN} .cf-copy")
    assert heard(entry) == (f"Stored copy kept (Markdown text), SHA-256 {SHA}; licence: "  # type: ignore[arg-type]
                            "Open Government Licence v3.0. Read the stored copy on this site.")
    assert entry.select_one("code.cf-hash").get_text() == SHA  # type: ignore[union-attr]
    report = hashlib.sha256((COPIES / "fictional-inspection-report.txt").read_bytes())
    assert heard(sources.select_one("#src-fictional-inspection-report .cf-copy")) == (  # type: ignore[arg-type]
        f"Stored copy kept (plain text), SHA-256 {report.hexdigest()}.")
    assert heard(sources.select_one("#src-fictional-council-update .cf-copy")) == (  # type: ignore[arg-type]
        "No stored copy: quotes from it are not checked.")
    href = entry.select_one("a")["href"]  # type: ignore[index, union-attr]
    copy_page, _ = resolve(shown_site, "sources", href)
    assert copy_page.select_one("h1").get_text() == (  # type: ignore[union-attr]
        "Stored copy: FICTIONAL TEST DOCUMENT: annual review of Fictional Borough Council")


def test_the_case_sources_page_entry_is_lighter_no_hash(shown_site: Path) -> None:
    entry = soup_of(shown_site, f"cases/{CASE}/sources").select_one("#ref-3 .cf-copy")
    assert heard(entry) == ("Stored copy kept (Markdown text); licence: Open Government "  # type: ignore[arg-type]
                            "Licence v3.0. Read the stored copy on this site.")


def test_the_published_copy_numbers_paragraphs_and_marks_exactly_the_quotes(
        shown_site: Path) -> None:
    doc = soup_of(shown_site, f"sources/{OPEN}/copy")
    paras = doc.select("ol.cf-copy-paras > li")
    text = (COPIES / f"{OPEN}.md").read_text(encoding="utf-8").split("\n\n")
    assert [li["id"] for li in paras] == [f"para-{n}" for n in range(1, len(text) + 1)]
    for li, para in zip(paras, text, strict=True):  # the document's words, nothing else
        bare = BeautifulSoup(str(li), "html.parser")
        for added in bare.select(".cf-vh, .cf-quoted-in"):
            added.decompose()
        assert bare.get_text().split() == para.split()
    assert [mark.get_text() for mark in doc.select("mark")] == QUOTED
    for mark in doc.select("mark"):
        before, after = mark.find_previous_sibling(), mark.find_next_sibling()
        assert before.get_text() == "Quoted passage: " and "cf-vh" in before["class"]  # type: ignore[union-attr]
        assert seen(after) == ("(quoted in FICTIONAL TEST CASE: Fictional Borough Council "  # type: ignore[arg-type]
                               "children's services, source 3)")
        target, fragment = resolve(shown_site, f"sources/{OPEN}/copy", after.a["href"])  # type: ignore[index, union-attr]
        assert fragment == "ref-3" and target.find(id="ref-3") is not None
    quoted_in_4 = doc.select_one("#para-4")
    assert seen(quoted_in_4).startswith("The council must send an action plan (quoted in")  # type: ignore[arg-type]


def test_the_published_copy_gives_its_licence_attribution_and_way_back(shown_site: Path) -> None:
    doc = soup_of(shown_site, f"sources/{OPEN}/copy")
    facts = {dt.get_text(): heard(dt.find_next_sibling("dd")) for dt in doc.select("dl dt")}
    assert facts["Licence"] == ("Open Government Licence v3.0: The UK public sector's open "
                                "licence: anyone may copy and publish the document if they "
                                "acknowledge the source.")
    assert facts["Attribution"] == (
        "Fictional Care Regulator for England, FICTIONAL TEST DOCUMENT: annual review of "
        "Fictional Borough Council, reproduced under the Open Government Licence v3.0.")
    assert facts["Stored copy"] == f"{OPEN}.md, SHA-256 {SHA}"
    back = doc.find("a", string="Its entry in the list of sources")
    target, fragment = resolve(shown_site, f"sources/{OPEN}/copy", back["href"])  # type: ignore[index]
    assert fragment == f"src-{OPEN}" and target.find(id=fragment) is not None
    index = json.loads((shown_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = [d for d in index["docs"] if d["location"].startswith(f"sources/{OPEN}/copy/")]
    assert found and any("Too few placements were available" in d["text"] for d in found)


def test_copies_without_publish_copy_are_never_published(shown_site: Path) -> None:
    pages = shown_site.glob("sources/*/copy/index.html")
    assert sorted(p.parent.parent.name for p in pages) == [OPEN]
    names = {p.name for p in (REPO / "tests/projects/powys/data/sources/copies").iterdir()}
    names |= {p.name for p in COPIES.iterdir()}
    assert not [p for p in shown_site.rglob("*") if p.name in names]
    unquoted = "Nothing in this file is real."  # in a copy kept but never published
    assert unquoted in (COPIES / "fictional-inspection-report.txt").read_text(encoding="utf-8")
    assert not [p for p in shown_site.rglob("*")
                if p.is_file() and unquoted.encode() in p.read_bytes()]


def test_open_data_carry_copies_and_checks(shown_site: Path) -> None:
    data = json.loads((shown_site / "data" / "casefile.json").read_text(encoding="utf-8"))
    source = next(s for s in data["sources"] if s["id"] == OPEN)
    assert (source["copy"], source["licence"], source["publish_copy"]) == (
        {"file": f"{OPEN}.md", "sha256": SHA}, "OGL-3.0", True)
    assert source["derived"]["copy_format"] == "markdown"
    council = next(s for s in data["sources"] if s["id"] == "fictional-council-update")
    assert "copy" not in council and "licence" not in council
    record = next(r for c in data["cases"] if c["id"] == CASE for r in c["records"]
                  if r["id"] == "fictional-2023-inspection")
    assert record["findings"][1]["cite"] == [
        {"source": "fictional-inspection-report"},  # no quote: nothing to check
        {"source": OPEN, "quote": "Too few placements were available", "locator": "section 3",
         "derived": {"checked": True, "found_at": "para. 5"}}]
    assert record["statements"][0]["cite"] == [
        {"source": "fictional-council-update", "derived": {"checked": False}}]
    one = json.loads((shown_site / "data" / "cases" / f"{CASE}.json").read_text(encoding="utf-8"))
    for exported in (data, one):  # an import keeps what the export says of each check
        assert opendata.to_json(opendata.from_json(exported)) == exported
    rows = list(csv.DictReader(io.StringIO(
        (shown_site / "data" / "cases" / CASE / "sources.csv").read_text(encoding="utf-8"))))
    assert [(r["source"], r["copy_file"], r["copy_sha256"], r["copy_format"], r["licence"],
             r["publish_copy"], r["quotes"], r["quotes_checked"]) for r in rows] == [
        (OPEN, f"{OPEN}.md", SHA, "markdown", "OGL-3.0", "yes", "3", "3"),
        ("fictional-council-update", "", "", "", "", "", "1", "0"),
        ("fictional-inspection-report", "fictional-inspection-report.txt",
         hashlib.sha256((COPIES / "fictional-inspection-report.txt").read_bytes()).hexdigest(),
         "text", "", "", "1", "1")]


HOSTILE = ("<script>alert(1)</script> <img src=x onerror=alert(2)> "
           "[click](javascript:alert(3)) {{ config }} {% raw %}")


def published_copy(tmp_path: Path, name: str, raw: bytes, quote: str) -> Path:
    """The second case alone, its open source's copy replaced by ``raw`` (named ``name``)
    and ``quote`` quoted from it by the inspection's first finding."""
    data = tmp_path / "data"
    shutil.copytree(SECOND_CASE, data)
    (data / "sources" / "copies" / f"{OPEN}.md").unlink()
    (data / "sources" / "copies" / name).write_bytes(raw)
    source = data / "sources" / f"{OPEN}.yml"
    source.write_text(source.read_text(encoding="utf-8").replace(f"{OPEN}.md", name).replace(
        SHA, hashlib.sha256(raw).hexdigest()), encoding="utf-8")
    record = next((data / "cases").glob("*/records/fictional-2023-inspection.yml"))
    record.write_text(record.read_text(encoding="utf-8").replace(
        "quote: managers did not check casework often enough", f"quote: {json.dumps(quote)}"),
        encoding="utf-8")
    return data


def test_text_of_a_published_copy_is_inert(tmp_path: Path) -> None:
    text = (COPIES / f"{OPEN}.md").read_text(encoding="utf-8")
    raw = (text + "\n" + HOSTILE + "\n\nOpen report\u202etxt.exe now\n").encode()
    data = published_copy(tmp_path, f"{OPEN}.md", raw, HOSTILE)
    root = copy_project(tmp_path / "project", data)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "sources" / OPEN / "copy" / "index.html").read_text(encoding="utf-8")
    doc = BeautifulSoup(html, "html.parser")
    article = doc.select_one("article")
    assert article.select("script, img, [onerror]") == []  # type: ignore[union-attr]
    assert not [a for a in doc.select("a[href]") if a["href"].lower().startswith("javascript")]  # type: ignore[union-attr]
    last = doc.select("ol.cf-copy-paras > li")[-2]
    assert [m.get_text() for m in last.select("mark")] == [HOSTILE]
    assert "Open reporttxt.exe now" in doc.select("ol.cf-copy-paras > li")[-1].get_text()
    assert "\u202e" not in html  # a direction override in a copy never reaches the page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "{{ config }}" in html


def test_a_published_pdf_is_shown_by_page(tmp_path: Path) -> None:
    pages = ["Inspectors found that managers did not check casework often enough.",
             "", "Too few placements were available.\nThe council must send an action plan "
             "within twenty working days.\nThe plan should say who will check casework.\n"
             "not yet working."]
    data = published_copy(tmp_path, f"{OPEN}.pdf", minimal_pdf(pages),
                          "managers did not check casework often enough")
    record = next((data / "cases").glob("*/records/fictional-2023-inspection.yml"))
    record.write_text(record.read_text(encoding="utf-8").replace(
        '"not yet working. The council must send an action plan … who will check casework"',
        '"The council must send an action plan … who will check casework"'), encoding="utf-8")
    ds = load_dataset(data, use_cache=False)
    shown = Renderer(ds, REPO / "macros").pages()[published.copy_src(OPEN)]
    doc = BeautifulSoup(shown, "html.parser")
    assert [(s["id"], s.h3.get_text()) for s in doc.select("section.cf-copy-page")] == [  # type: ignore[union-attr]
        ("page-1", "Page 1"), ("page-2", "Page 2"), ("page-3", "Page 3")]
    assert doc.select_one("#page-2 p").get_text() == "No text on this page."  # type: ignore[union-attr]
    assert [m.get_text() for m in doc.select("mark")] == [
        "managers did not check casework often enough", "Too few placements were available",
        "The council must send an action plan", "who will check casework"]
    pages = Renderer(ds, REPO / "macros").pages()
    shown_in = [pages[f"cases/{CASE}/findings/{f}.md"] for f in (
        "fictional-f-oversight", "fictional-f-placements")] + [pages[f"cases/{CASE}/sources.md"]]
    links = [a for text in shown_in
             for a in BeautifulSoup(text, "html.parser").select(f"a[href*='{OPEN}/copy/']")]
    assert [a["href"].split("#")[1] for a in links if "#" in a["href"]] == [  # type: ignore[union-attr]
        "page-1", "page-3", "page-3"]


def view(case_id: str, number: int, quoted: list[str]) -> SimpleNamespace:
    """A case view with just what ``copy_page`` reads."""
    source = m.Source("s", "T", False, None, None, "report", None, None, None, None, None,
                      "en", None)
    cites = [m.Citation(source, q) for q in quoted]
    from casefile.model.views import Passage

    return SimpleNamespace(case=SimpleNamespace(id=case_id, title=case_id), numbers={"s": number},
                           quotes={"s": [Passage(q, c) for q, c in zip(quoted, cites,
                                                                        strict=True)]},
                           statements=[])


def test_overlapping_quotes_are_one_mark_naming_every_case() -> None:
    parts = ["First  paragraph\nhere.", "One two three four five."]
    text, starts = quotes.index(parts)
    copy = m.StoredCopy("c.txt", "0" * 64, "text", True, parts, text, starts)
    source = m.Source("s", "T", False, None, None, "report", None, None, None, None, None,
                      "en", None, copy=copy, licence="CC0-1.0", publish_copy=True)
    shown = published.copy_page(source, [view("a", 2, ["two three", "paragraph here."]),
                                         view("b", 7, ["three four"])])  # type: ignore[list-item]
    assert shown is not None
    first, second = shown.parts
    assert [(p.text, [q.case_id for q in p.quoted]) for p in first.pieces] == [
        ("First  ", []), ("paragraph\nhere.", ["a"])]  # the document's own spacing kept
    assert [(p.text, [(q.case_id, q.number) for q in p.quoted]) for p in second.pieces] == [
        ("One ", []), ("two three four", [("a", 2), ("b", 7)]), (" five.", [])]
    assert published.positions("  a \n\n b ") == [2, 3, 7]
