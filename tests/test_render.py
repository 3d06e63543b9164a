"""Macros rendered from a small data set: structure, links, and data that stays inert."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.errors import DataError
from casefile.outputs.render import Paths, Renderer
from casefile.pipeline import load_dataset
from tests.conftest import MINI, REPO, write_tree

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> {{ 7*7 }} {% raw %}'


def renderer(data: Path) -> Renderer:
    return Renderer(load_dataset(data), REPO / "macros")


def test_generated_pages_and_their_urls(mini: Path) -> None:
    pages = renderer(mini).pages()
    assert sorted(pages) == ["bodies/index.md", "bodies/inspectorate.md",
                             "bodies/town-council.md", "cases/index.md", "cases/town.md",
                             "cases/town/findings/f-leadership.md", "cases/town/sources.md",
                             "indicators.md",
                             "oversight.md", "sources.md", "themes.md", "timeline.md"]
    assert Paths().url("cases/town.md") == "cases/town/"
    assert Paths(directory_urls=False).url("cases/town.md") == "cases/town.html"
    assert Paths().root_from("cases/town.md") == "../../"
    assert Paths().url("index.md") == "" and Paths().root_from("index.md") == ""


def test_timeline_macro(mini: Path) -> None:
    html = renderer(mini).macro("timeline", "cases/town.md",
                                view=renderer(mini).views["town"])
    soup = BeautifulSoup(html, "html.parser")
    items = soup.select("ol.cf-timeline > li")
    assert [li["id"] for li in items] == ["ev-town-inspection", "ev-town-inspection-published",
                                          "ev-town-follow-up"]
    assert [li.find("time")["datetime"] for li in items] == ["2017-07", "2017-10-02",
                                                             "2018-03-01"]
    assert items[0].select_one("a[href*='#ref-']")["href"] == "#ref-1"
    assert "\n\n" not in str(html)  # one HTML block, safe inside Markdown


def test_matrix_cell_names_an_own_claim(mini: Path) -> None:
    r = renderer(mini)
    soup = BeautifulSoup(r.macro("findings", "cases/town.md", view=r.views["town"]),
                         "html.parser")
    cell = soup.select_one("#finding-f-leadership td")
    assert cell.select_one('[class^="s-"]').get_text() == "Improving"
    # one speaker for the whole column: named once, in the column heading
    assert cell.select_one(".cf-asserter") is None
    heading = soup.select("table.cf-matrix thead th")[1]
    assert heading.select_one(".cf-asserter--self").get_text() == "Own claim: Town Council"


def test_a_case_without_findings_says_so(mini: Path) -> None:
    """Found by a new-editor trial: the findings heading stood over nothing at all."""
    r = renderer(mini)
    view = r.views["town"]
    soup = BeautifulSoup(r.macro("findings", "cases/town.md", view=view), "html.parser")
    assert soup.select("table.cf-matrix") and not soup.select(".cf-findings > p")
    view.matrices = []
    soup = BeautifulSoup(r.macro("findings", "cases/town.md", view=view), "html.parser")
    assert not soup.select("table")
    assert [p.get_text() for p in soup.select(".cf-findings > p")] == [
        "No findings are recorded for this case."]


def test_a_column_with_several_speakers_names_each_in_its_cell(tmp_path: Path) -> None:
    files = dict(MINI)
    ins, fol = "cases/town/records/town-inspection.yml", "cases/town/records/town-follow-up.yml"
    files[ins] = files[ins].replace("requirements:", "  - id: f-safety\n    theme: leadership\n"
                                    "    text: Unsafe.\n    cite: [report-2017]\nrequirements:")
    files[fol] += ("  - finding: f-safety\n    status: concern\n    asserted_by: inspectorate\n"
                   "    note: Worse.\n    cite: [council-news]\n")
    write_tree(tmp_path, files)
    r = renderer(tmp_path)
    soup = BeautifulSoup(r.macro("findings", "cases/town.md", view=r.views["town"]),
                         "html.parser")
    assert soup.select("table.cf-matrix thead .cf-asserter") == []
    said = {tr["id"]: tr.select_one("td .cf-asserter").get_text()
            for tr in soup.select("tbody tr")}
    assert said == {"finding-f-leadership": "Own claim: Town Council",
                    "finding-f-safety": "Regulator's judgement: New Inspectorate, as "
                                        "reported by Town Council (self-report)"}


def test_hostile_text_is_inert(tmp_path: Path) -> None:
    files = dict(MINI)
    rel = "cases/town/records/town-follow-up.yml"
    files[rel] = files[rel].replace("summary: The council reported progress.",
                                    f"summary: '{HOSTILE}'")
    files["cases/town/case.yml"] = files["cases/town/case.yml"].replace(
        "title: Town Council children's services", f"title: '{HOSTILE}'")
    write_tree(tmp_path / "data", files)
    pages = renderer(tmp_path / "data").pages()
    text = pages["cases/town.md"]
    soup = BeautifulSoup(text, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    assert "{{ 7*7 }}" in soup.get_text() and "49" not in soup.get_text()
    # the front-matter title is HTML-escaped (the theme prints it raw), then YAML-quoted
    assert text.splitlines()[1] == ('title: "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img '
                                    'src=x onerror=alert(2)&gt; {{ 7*7 }} {% raw %}"')


def test_content_page_errors_are_located(mini: Path) -> None:
    r = renderer(mini)
    ok = r.render_content('Intro\n\n{{ deadlines("town") }}\n', "news.md", "content/news.md")
    assert "cf-deadlines" in ok
    with pytest.raises(DataError) as caught:
        r.render_content("a\n{{ timeline('nope') }}\n", "news.md", "content/news.md", 3)
    assert [str(p) for p in caught.value.problems] == [
        "content/news.md:5:1: timeline(): no case with id 'nope' (cases: town)"]
    with pytest.raises(DataError) as caught:
        r.render_content("a\n\n{% if %}\n", "news.md", "content/news.md")
    assert str(caught.value.problems[0]).startswith(
        "content/news.md:3:1: template syntax error: ")
    with pytest.raises(DataError) as caught:
        r.render_content("x\n{{ timelin('town') }}\n", "news.md", "content/news.md")
    assert str(caught.value.problems[0]) == (
        "content/news.md:2:1: template error: 'timelin' is undefined; available: case_facts, "
        "money, timeline, findings, deadlines, statements, bibliography, ratings, oversight, "
        "case_list, vocabulary, field_reference, worked_example, common_mistakes, data_files, "
        "case_calendars, date_forms, oversight_frameworks")


def test_rendering_in_two_processes_gives_the_same_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import synth
    from casefile.outputs import render

    synth.generate(tmp_path, 3)
    def rendered() -> tuple[dict[str, str], dict[str, list[str] | None]]:
        pages, store = renderer(tmp_path / "data").pages_with_blocks(tmp_path)
        blocks = {src: store.take(src) for src in pages}
        store.close()
        return pages, blocks

    serial = rendered()
    monkeypatch.setattr(render, "PARALLEL_PAGES", 0)
    forks: list[str] = []
    real = render.Forked
    monkeypatch.setattr(render, "Forked", lambda fn, name: forks.append(name) or real(fn, name))
    parallel = rendered()
    assert forks == ["casefile-pages"]
    assert list(parallel[0]) == list(serial[0]) and parallel == serial
    assert "<h1 id=\"finding-title\">" in serial[1]["cases/case-0000/findings/case-0000-f00.md"][0]


def test_a_failing_page_in_the_other_process_raises_its_own_error(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casefile.outputs import render

    monkeypatch.setattr(render, "PARALLEL_PAGES", 0)
    r = renderer(mini)
    real = r._page_renderers

    def broken() -> dict[str, object]:
        pages = real()
        last = list(pages)[-1]  # the child takes pages from the back

        def boom() -> str:
            raise ZeroDivisionError("in a macro")

        pages[last] = boom
        return pages

    monkeypatch.setattr(r, "_page_renderers", broken)
    with pytest.raises(ZeroDivisionError, match="in a macro"):
        r.pages_with_blocks()


def test_pages_of_a_child_that_dies_are_rendered_here(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from casefile.outputs import render

    r = renderer(mini)
    serial_pages, serial_store = r.pages_with_blocks()
    serial = {src: serial_store.take(src) for src in serial_pages}
    monkeypatch.setattr(render, "PARALLEL_PAGES", 0)
    real = r._page_renderers
    parent = os.getpid()

    def dying() -> dict[str, object]:
        pages = real()
        last = list(pages)[-1]
        kept = pages[last]

        def die() -> str:  # the child is killed (out of memory, say) at its first page
            if os.getpid() != parent:
                os.kill(os.getpid(), 9)
            return kept()

        pages[last] = die
        return pages

    monkeypatch.setattr(r, "_page_renderers", dying)
    pages, store = r.pages_with_blocks()
    assert list(pages) == list(serial_pages) and pages == serial_pages
    assert {src: store.take(src) for src in pages} == serial


def test_field_reference_rules_are_plain_sentences(mini: Path) -> None:
    soup = BeautifulSoup(renderer(mini).macro("field_reference", "reference.md"), "html.parser")

    def rules(name: str) -> list[str]:
        section = soup.find("h3", id=f"fields-{name}")
        notes = []
        for tag in section.find_next_siblings():
            if tag.name == "h3":
                break
            if tag.name == "p" and "cf-note" in tag.get("class", []):
                notes.append(tag.get_text())
        return notes

    assert rules("source") == [
        "Give published or published_note, or both.",
        "Give publisher or publisher_note, or both.",
        "If you give url, also give accessed.",
        "A url or archive_url that starts with plain http:// needs insecure_http: true (use "
        "https wherever the publisher offers it).",
        "If you give publish_copy, also give copy.",
        "If you give publish_copy, also give licence."]
    assert rules("statement") == ["Give either person or speaker, not both.",
                                  "If you give speaker, also give body."]
    assert rules("due") == ["Give either date or within, not both.",
                            "Give within, unit and from together, or none of them."]
    assert rules("record") == []
    speaker = soup.find("h3", id="fields-statement").find_next_siblings("p", class_="cf-note")[1]
    assert [c.get_text() for c in speaker.select("code")] == ["speaker", "body"]
    captions = {c["id"]: c.get_text() for c in soup.select("caption")}
    assert captions["cap-fields-assessment"] == "Fields of an assessment"
    assert captions["cap-fields-source"] == "Fields of a source"
    assert captions["cap-fields-themes"] == "Fields of the themes file"
    assert captions["cap-fields-due"] == "Fields of a deadline (due)"
