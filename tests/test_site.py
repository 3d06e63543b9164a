"""The built site, parsed: structure, citations, honesty signals, no third-party requests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from casefile.model import vocab
from casefile.model.dates import add_working_days
from casefile.model.deadlines import latest_document_date
from casefile.pipeline import load_dataset
from tests.conftest import POWYS_DATA, REPO, copy_project, mkdocs_build
from tests.html_support import soup_of
from tests.shared_builds import once

REPO_CONTENT = REPO / "content"

CASE = "powys-childrens-services"
ARTICLE = f"""---
title: An article
---

# An article about Powys

The story so far:

{{{{ timeline("{CASE}") }}}}

{{{{ findings("{CASE}") }}}}
"""


POWYS = load_dataset(POWYS_DATA).cases["powys-childrens-services"]
N_ENTRIES = len(POWYS.records) + sum(1 for r in POWYS.records if r.published
                                     and r.published != r.date)
N_ASSESSMENTS = sum(len(r.assessments) for r in POWYS.records)


@pytest.fixture(scope="module")
@once  # read by more than one test module (tests/shared_builds.py)
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    copy_project(root)
    (root / "content" / "articles").mkdir()
    (root / "content" / "articles" / "story.md").write_text(ARTICLE, encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


page = soup_of  # the name other test modules import from here


def resolve(site: Path, from_url: str, href: str) -> tuple[BeautifulSoup, str]:
    """Follow a relative href from a page; return the target page and fragment."""
    path, _, fragment = href.partition("#")
    target = (site / from_url / path).resolve() if path else (site / from_url).resolve()
    file = target / "index.html" if target.is_dir() else target
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser"), fragment


def test_timeline_is_an_ordered_list_of_dated_cited_entries(site: Path) -> None:
    soup = soup_of(site, f"cases/{CASE}")
    entries = soup.select("ol.cf-timeline > li")
    assert len(entries) == N_ENTRIES  # one per record, plus one per later publication
    dates = [e.find("time")["datetime"] for e in entries]
    assert dates == sorted(dates, key=lambda d: (d + "-00")[:10])
    bibliography = {li["id"] for li in soup.select("ol.cf-bibliography > li")}
    for entry in entries:
        assert entry.select_one("h3 > span > span").get_text(strip=True)  # its kind
        cites = entry.select("a[href*='#ref-']")
        assert cites, entry.get_text()
        for cite in cites:
            assert cite["href"].startswith("#") and cite["href"][1:] in bibliography


def test_event_and_publication_dates_are_kept_apart(site: Path) -> None:
    soup = soup_of(site, f"cases/{CASE}")
    inspection = soup.select_one("#ev-powys-2017-inspection")
    published = soup.select_one("#ev-powys-2017-inspection-published")
    assert inspection.find("time")["datetime"] == "2017-07"
    assert "report published October 2017" in inspection.get_text(" ", strip=True)
    assert published.find("time")["datetime"] == "2017-10"
    # names in force at the time, with the current name
    assert "CSSIW (now Care Inspectorate Wales)" in inspection.get_text(" ", strip=True)
    follow_up = soup.select_one("#ev-powys-2018-10-follow-up-inspection")
    by = follow_up.select_one("h3 + p").get_text(" ", strip=True)  # who published it
    assert "Care Inspectorate Wales; report published" in by and "(now" not in by


def test_every_matrix_cell_gives_status_in_words_and_who_and_a_citation(site: Path) -> None:
    soup = soup_of(site, f"cases/{CASE}")
    bibliography = {li["id"] for li in soup.select("ol.cf-bibliography > li")}
    labels = {t.label for t in vocab.STATUSES.values()}
    tables = soup.select("table.cf-matrix")
    assert len(tables) == 2
    assessed = 0
    for table in tables:
        assert table.caption and table.caption.get_text(strip=True)
        # each heading's scope is its role (said once: the roles the phone cards need)
        assert [th.get("role") for th in table.select("thead th")] == \
            ["columnheader"] * len(table.select("thead th"))
        assert {th.get("role") for th in table.select("tbody th")} == {"rowheader"}
        for cell in table.select("tbody td"):
            status = cell.select_one('[class^="s-"]').get_text(strip=True)
            assert status in labels
            if status == "Not assessed":
                continue
            assessed += 1
            assert who(cell).get_text(strip=True)
            hrefs = [a["href"][1:] for a in cell.select("a[href*='#ref-']")]
            assert hrefs and set(hrefs) <= bibliography
    assert assessed == N_ASSESSMENTS  # every assessment in the records has a cell


def test_own_claims_are_marked_apart_from_the_regulator(site: Path) -> None:
    soup = soup_of(site, f"cases/{CASE}")
    row = soup.select_one("#finding-f2017-overall")
    speakers = [who(td) for td in row.select("td") if td.select_one(".s-not_assessed")
                is None]
    asserters = [a.get_text(" ", strip=True) for a in speakers]
    assert "Own claim: Powys County Council" in asserters
    # the inspectorate's follow-up is known only from others' documents, and says so
    assert ("Regulator's judgement: Care Inspectorate Wales, as reported by a source that "
            "does not name its publisher (press) and Welsh Government (oversight)") in asserters
    own = [a for a in speakers if "cf-asserter--self" in a["class"]]
    assert own and all(a.get_text(strip=True).startswith("Own claim") for a in own)
    # the Improvement Board's view, from the council's press release, is styled as its own
    board = [who(td) for td in soup.select("#finding-f2017-leadership td")
             if "Improvement Board" in who(td).get_text()]
    assert [(a.get_text(" ", strip=True), a["class"]) for a in board] == [(
        "Improvement board: Improvement Board (Powys children's services), as reported by "
        "Powys County Council (self-report)",
        ["cf-asserter", "cf-asserter--self", "cf-asserter--relayed"])]


def who(cell: Tag) -> Tag:
    """The asserter of a matrix cell: named in the cell, or else once in its column heading
    (never both, never neither)."""
    in_cell = cell.select_one(".cf-asserter")
    column = cell.find_parent("tr").find_all(["th", "td"], recursive=False).index(cell)
    heading = cell.find_parent("table").select("thead th")[column].select_one(".cf-asserter")
    assert (in_cell is None) != (heading is None), cell
    return in_cell or heading


def test_deadlines_show_computed_outcomes(site: Path) -> None:
    soup = soup_of(site, f"cases/{CASE}")
    outcomes = {tr["id"]: tr.select_one('[class^="o-"]').get_text(strip=True)
                for tr in soup.select("table.cf-deadlines tbody tr")}
    assert outcomes == {
        "req-req-2017-improvement-plan": "Met on time",
        "req-req-2017-improvement-board": "Met (no deadline set)",
        "req-req-2017-address-failings": "Superseded",
        "req-req-2018-revised-plan": "Met, timing not established",
        "req-req-2019-review-plan": "Outstanding",
        "req-req-2019-restructure": "Outstanding",
    }
    plan = soup.select_one("#req-req-2017-improvement-plan").get_text(" ", strip=True)
    first = add_working_days(__import__("datetime").date(2017, 10, 1), 20, "GB-WLS")
    assert f"{first.day} {first:%B %Y}" in plan
    assert "within 20 working days of publication" in plan


def test_the_case_page_names_the_calendar_its_case_gives(site: Path) -> None:
    facts = soup_of(site, f"cases/{CASE}").select_one("dl")
    assert facts is not None
    terms = {d.get_text(strip=True): " ".join(d.find_next_sibling("dd").get_text().split())
             for d in facts.find_all("dt")}
    assert terms["Working days skip"] == \
        "weekends and bank holidays in Wales (calendar GB-WLS)"


def test_bibliography_entries(site: Path) -> None:
    short = soup_of(site, f"cases/{CASE}").select("ol.cf-bibliography > li")
    entries = soup_of(site, f"cases/{CASE}/sources").select("ol.cf-bibliography > li")
    assert [li["id"] for li in entries] == [f"ref-{n}" for n in range(1, len(entries) + 1)]
    assert [li["id"] for li in short] == [li["id"] for li in entries]  # the same numbers
    assert [li.a["href"] for li in short] == [f"sources/#{li['id']}" for li in entries]
    text = " ".join(li.get_text(" ", strip=True) for li in entries)
    assert "Publisher not named in the document" in text  # the unattributed article
    assert "[Statement on Care Inspectorate Wales's follow-up inspection" in text
    for li in entries:
        assert li.select_one(".cf-grade").get_text(strip=True).startswith("Evidence:")
        assert li.select_one("details.cf-quotes") is not None  # quotes used, without JS


def test_home_lists_every_case_with_status_latest_event_and_deadline(site: Path) -> None:
    soup = soup_of(site, "")
    rows = soup.select("table.cf-case-list tbody tr")
    assert len(rows) == 1
    cells = [c.get_text(" ", strip=True) for c in rows[0].find_all(["th", "td"])]
    assert cells[0] == "Powys County Council children's services"
    assert rows[0].select_one('[class^="s-"]').get_text() == "Open"  # then where things stand
    end = latest_document_date(POWYS)
    assert end is not None and cells[1].startswith(f"Open These records end on {end.human()}.")
    assert cells[2] == "9 January 2019 : Formal monitoring to continue"
    outcome = rows[0].select_one('[class^="o-"]').get_text(strip=True)
    upcoming = [r for r in POWYS.requirements if r.outcome and r.outcome.term.value
                in ("outstanding", "overdue") and r.outcome.due_until]
    soonest = min(upcoming, key=lambda r: r.outcome.due_until)  # type: ignore[union-attr]
    # as of the day the records end, not today (#12 review)
    assert outcome == f"{soonest.outcome.term.label} when the records end"  # type: ignore[union-attr]
    assert cells[3].startswith(soonest.text)
    target, _ = resolve(site, "", rows[0].find("a")["href"])
    assert target.find("h1").get_text() == "Powys County Council children's services"


def test_case_pages_are_not_in_the_sidebar(site: Path) -> None:
    for url in ("", "methodology", f"cases/{CASE}"):
        nav = soup_of(site, url).select_one("nav.md-nav--primary")
        hrefs = [a.get("href", "") for a in nav.find_all("a")]
        assert not any(CASE in h for h in hrefs), url


def test_no_request_leaves_the_site(site: Path) -> None:
    external = re.compile(r"^(https?:)?//", re.I)
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"),
                          ("iframe", "src"), ("source", "src")):
            for el in soup.find_all(tag):
                value = el.get(attr)
                assert not (value and external.match(value)), f"{html}: {el}"
        assert "fonts.googleapis" not in html.read_text(encoding="utf-8")


def test_body_page_shows_name_history_and_cases(site: Path) -> None:
    soup = soup_of(site, "bodies/care-inspectorate-wales")
    rows = [r.get_text(" ", strip=True) for r in soup.select("table.cf-names tbody tr")]
    assert rows[0].startswith("Care and Social Services Inspectorate Wales (CSSIW) "
                              "from before the records begin until December 2017")
    assert rows[1].startswith("Care Inspectorate Wales (CIW) from January 2018 to the present")
    assert soup.select_one(".cf-body-cases li").get_text(" ", strip=True) == (
        "Powys County Council children's services (regulator; acts in 4 records; assesses 10 "
        "findings; is quoted in 3 statements)")
    government = soup_of(site, "bodies/welsh-government")  # the case's overseer
    assert government.select_one(".cf-body-cases li").get_text(" ", strip=True) == (
        "Powys County Council children's services (overseer; acts in 4 records; assesses 1 "
        "finding; is quoted in 3 statements; publishes 1 of the sources cited)")
    link = soup.select_one(".cf-body-cases a")
    target, _ = resolve(site, "bodies/care-inspectorate-wales", link["href"])
    assert target.find("h1").get_text() == "Powys County Council children's services"


def test_sources_page_lists_every_source(site: Path) -> None:
    soup = soup_of(site, "sources")
    ids = sorted(li["id"] for li in soup.select("ul.cf-sources > li"))
    data = sorted("src-" + p.stem for p in (POWYS_DATA / "sources").glob("*.yml"))
    assert ids == data


def test_methodology_tables_come_from_the_code(site: Path) -> None:
    soup = soup_of(site, "methodology")
    table = soup.select_one("table#cap-vocab-statuses") or soup.find(
        "caption", id="cap-vocab-statuses").find_parent("table")
    assert [th.get_text(strip=True) for th in table.select("tbody th")] == [
        t.label for t in vocab.STATUSES.values()]
    text = " ".join(soup.get_text(" ").split())
    start = __import__("datetime").date(2017, 12, 15)
    eng, sct = (add_working_days(start, 20, code) for code in ("GB-ENG", "GB-SCT"))
    assert f"20 working days from Friday 15 December 2017 is {eng:%A} {eng.day} {eng:%B %Y} " \
        "in England (GB-ENG)" in text
    assert f"but {sct:%A} {sct.day} {sct:%B %Y} in Scotland (GB-SCT)" in text
    calendars = soup.find("caption", id="cap-case-calendars").find_parent("table")
    dataset = load_dataset(POWYS_DATA)
    assert [(tr.th.get_text(strip=True), tr.td.code.get_text()) for tr in
            calendars.select("tbody tr")] == [(c.title, c.jurisdiction)
                                              for c in dataset.cases.values()]


def test_a_hand_written_page_can_embed_macros_for_a_named_case(site: Path) -> None:
    soup = soup_of(site, "articles/story")
    entries = soup.select("ol.cf-timeline > li")
    assert len(entries) == N_ENTRIES
    cite = entries[0].select_one("a[href*='#ref-']")
    assert cite["href"].startswith(f"../../cases/{CASE}/#ref-")
    target, fragment = resolve(site, "articles/story", cite["href"])
    assert target.find(id=fragment) is not None
    assert len(soup.select("table.cf-matrix")) == 2


def test_page_titles_and_headings(site: Path) -> None:
    soup = soup_of(site, f"cases/{CASE}")
    assert soup.title.get_text() == "Powys County Council children's services - casefile"
    assert len(soup.find_all("h1")) == 1
    assert [h.get("id") for h in soup.select("article h2")] == [
        "where-things-stand", "money", "timeline", "findings-and-progress",
        "requirements-and-deadlines", "statements", "sources", "corrections", "cite-this-page",
        "data"]


def test_money_figures(site: Path) -> None:
    items = [li.get_text(" ", strip=True) for li in soup_of(site, f"cases/{CASE}")
             .select("ul.cf-money > li")]
    assert [" ".join(i.split(" ")[:2]) for i in items] == [
        "£4 million", "£6.172 million", "£12 million"]
    assert "47 per cent increase" in items[1]
    assert "“this year”" in items[2]


def test_field_reference_documents_every_field(site: Path) -> None:
    from casefile.reading import schema

    soup = soup_of(site, "field-reference")
    for obj in schema.sections():
        caption = soup.find("caption", id=f"cap-fields-{obj.name.replace(' ', '-')}")
        assert caption is not None, obj.name
        table = caption.find_parent("table")
        rows = {tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in
                                             tr.find_all("td")] for tr in table.tbody("tr")}
        assert list(rows) == [f.name for f in obj.fields], obj.name
        for f in obj.fields:
            required, type_text, meaning = rows[f.name]
            assert required == ("yes" if f.required else "no")
            assert type_text == schema.type_label(f.type)
            assert meaning == f.doc and meaning


def test_cross_case_timeline(site: Path) -> None:
    soup = soup_of(site, "timeline")
    entries = soup.select("ol.cf-timeline > li")
    assert len(entries) == N_ENTRIES
    dates = [li.find("time")["datetime"] for li in entries]
    assert dates == sorted(dates, key=lambda d: (d + "-00")[:10])
    for li in entries:
        href = li.select_one(".cf-event__head strong a")["href"]
        target, fragment = resolve(site, "timeline", href)
        assert target.find(id=fragment) is not None


def test_themes_page_groups_every_finding_once(site: Path) -> None:
    soup = soup_of(site, "themes")
    links = [a["href"] for a in soup.select("ul.cf-theme-findings > li > a")]
    assert sorted(h.split("#finding-")[1] for h in links) == sorted(f.id for f in POWYS.findings)
    item = next(li for li in soup.select("ul.cf-theme-findings > li")
                if "#finding-f2017-overall" in li.a["href"])
    text = item.get_text(" ", strip=True)
    assert "Latest: Serious concern regulator's judgement" in text
    assert soup.find("h2", id="theme-safeguarding") is not None


def test_built_case_page_is_squeezed(site: Path) -> None:
    html = (site / "cases" / CASE / "index.html").read_text("utf-8")
    outside = re.sub(r"<(pre|textarea|script|style)\b.*?</\1>", "<x>", html, flags=re.S)
    assert not re.search(r"\n[ \t]", outside)
    assert "\n\n" not in outside


def test_every_fenced_block_of_the_editors_guide_is_a_code_block(site: Path) -> None:
    """A ``` fence, also one inside a list item, is a <pre> block, never inline code."""
    source = (REPO_CONTENT / "how-to-edit.md").read_text(encoding="utf-8")
    lines = source.splitlines()
    opening = [i for i, line in enumerate(lines) if line.lstrip().startswith("```")][::2]
    firsts = [lines[i + 1].strip() for i in opening]
    page = BeautifulSoup((site / "how-to-edit" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    article = page.find("article")
    assert isinstance(article, Tag)
    blocks = [pre.get_text() for pre in article.find_all("pre")]
    assert len(firsts) >= 10
    assert [f for f in firsts if not any(f in b for b in blocks)] == []
