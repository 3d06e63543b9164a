"""Generated pages converted without Python-Markdown (casefile.outputs.fastmd) come out
exactly as MkDocs' own conversion makes them: the same HTML, contents entries, anchor ids
and links to the page's own anchors, on every generated page of the fixture projects; and
anything the converter does not mirror is left to Python-Markdown."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from bench import synth
from casefile import fork
from casefile.outputs import examples, fastmd
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import PROJECTS, REPO

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _toc(toc: Any) -> list[Any]:
    return [(e.title, e.id, e.level, _toc(e.children)) for e in toc]


def _config() -> Any:
    config = load_config(str(REPO / "mkdocs.yml"))
    config.plugins._current_plugin = None  # File.generated names the plugin that made it
    return config


def _pages(data: Path, folder: Path) -> dict[str, str]:
    fork.allow(False)
    try:
        renderer = Renderer(load_dataset(data, keep=examples.needed), REPO / "macros")
        pages, store = renderer.pages_with_blocks(folder)
        store.close()
    finally:
        fork.allow(True)
    return pages


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    synthetic = tmp_path_factory.mktemp("synthetic")
    synth.generate(synthetic, 2, True)  # with the inquiry case: responses and lists
    folders = [(name, PROJECTS / name / "data") for name in
               ("powys", "oversight", "inquiry", "figures", "second-hand")]
    config = _config()
    permalink = fastmd.settings(config.markdown_extensions, config.mdx_configs)
    assert permalink is True
    results: dict[str, Any] = {"same": [], "differ": [], "full": []}
    for name, data in [*folders, ("synthetic", synthetic / "data")]:
        files = Files([])
        for src, text in _pages(data, tmp_path_factory.mktemp("blocks")).items():
            files.append(File.generated(config, src, content=text))
        for file in files:
            page = Page(None, file, config)
            page.read_source(config)
            fast = fastmd.convert(page.markdown or "", permalink)
            page.render(config, files)
            where = f"{name}: {file.src_uri}"
            if fast is None:
                results["full"].append(where)
                continue
            mine = (fast.html, _toc(get_toc(fast.toc_tokens)), fast.anchor_ids,
                    {file: fast.self_links} if fast.self_links else {})
            theirs = (page.content, _toc(page.toc), page.present_anchor_ids,
                      page.links_to_anchors)
            assert page._title_from_render is None
            results["same" if mine == theirs else "differ"].append(where)
    return results


def test_every_page_it_converts_is_what_markdown_makes(compared: dict[str, Any]) -> None:
    assert compared["differ"] == []


def test_it_converts_case_finding_body_and_list_pages(compared: dict[str, Any]) -> None:
    same = compared["same"]
    for kind in ("cases/case-0000.md", "cases/case-0000/findings/case-0000-f00.md",
                 "cases/case-0000/sources.md", "bodies/council-0000.md"):
        assert f"synthetic: {kind}" in same
    assert any("/lists/" in where for where in same)
    assert any("/responses/" in where for where in same)
    # only the pages titled by a Markdown "# Title" (the index pages) go the long way
    assert len(compared["full"]) < len(same) / 10
    assert all(where.endswith(("index.md", "sources.md", "timeline.md", "themes.md",
                               "oversight.md", "indicators.md")) for where in compared["full"])


PAGE = """<h1 id="t">Title</h1>

## Where things stand

<cf-block n="0"></cf-block>

<p class="cf-intro">An <a href="#x">intro</a>.</p>

## Where things stand
<cf-block n="1"></cf-block>
<cf-block n="2"></cf-block>
"""


def test_a_small_page_exactly() -> None:
    done = fastmd.convert(PAGE, True)
    assert done is not None
    link = '<a class="headerlink" href="#{0}" title="Permanent link">&para;</a>'
    assert done.html == (
        '<h1 id="t">Title</h1>\n\n'
        f'<h2 id="where-things-stand">Where things stand{link.format("where-things-stand")}'
        '</h2>\n<p><cf-block n="0"></cf-block></p>\n'
        '<p class="cf-intro">An <a href="#x">intro</a>.</p>\n\n'
        f'<h2 id="where-things-stand_1">Where things stand{link.format("where-things-stand_1")}'
        '</h2>\n<p><cf-block n="1"></cf-block>\n<cf-block n="2"></cf-block></p>')
    assert [t["id"] for t in done.toc_tokens] == ["where-things-stand", "where-things-stand_1"]
    assert done.anchor_ids == {"t", "where-things-stand", "where-things-stand_1"}
    assert done.self_links == {"where-things-stand": "#where-things-stand",
                               "where-things-stand_1": "#where-things-stand_1"}
    plain = fastmd.convert(PAGE, False)
    assert plain is not None and "headerlink" not in plain.html and plain.self_links == {}


@pytest.mark.parametrize("text", [
    "# A title\n",  # a level-1 heading: MkDocs takes the page title from it
    "## Emphasis *here*\n",  # markup in a heading
    "## Fish & chips\n",
    "## Trailing hashes ##\n",
    "Some words.\n",  # a paragraph of text
    '<cf-block n="0"></cf-block>\nwords\n',  # a marker running into text
    '<cf-block n="0"></cf-block>\n<p>x</p>\n',  # or into HTML
    "<p>one</p>\n<p>two</p>\n",  # an HTML block closed before its last line
    "<p>open\n\n</p>\n",
    '<div markdown="1">\n</div>\n',  # Markdown inside HTML
    "<span>inline</span>\n",  # not a block-level tag
    "## A\n<p>x</p>\n",  # an HTML block not after a blank line
    "<!-- a comment -->\n",
    "\t<p>x</p>\n",
    "    <p>indented</p>\n",
])
def test_anything_else_goes_to_markdown(text: str) -> None:
    assert fastmd.convert(text, True) is None


def test_settings_it_mirrors() -> None:
    base = ["toc", "tables", "fenced_code"]
    assert fastmd.settings(base, {"toc": {"permalink": True}}) is True
    assert fastmd.settings(base, {}) is False
    assert fastmd.settings(["markdown.extensions.toc"], {}) is False
    assert fastmd.settings([*base, "smarty"], {}) is None  # changes quotes in headings
    assert fastmd.settings(["tables"], {}) is None  # no toc: no heading ids
    assert fastmd.settings(base, {"toc": {"permalink": "#"}}) is None
    assert fastmd.settings(base, {"toc": {"permalink": True, "toc_depth": 2}}) is None


def test_a_build_converts_generated_pages_directly(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands import build as mkdocs_build

    from tests.conftest import copy_project

    root = copy_project(tmp_path, data=False)
    synth.generate(root, 2)
    full: list[str] = []
    real = Page.render

    def spy(page: Page, config: Any, files: Any) -> None:
        full.append(page.file.src_uri)
        real(page, config, files)

    monkeypatch.setenv("CASEFILE_CACHE", str(root / "cache"))
    monkeypatch.setattr(Page, "render", spy)
    config = load_config(str(root / "mkdocs.yml"))
    mkdocs_build.build(config)
    generated = config.plugins["casefile"].generated
    assert len(generated) > 30
    # Python-Markdown saw the hand-written pages and the generated index pages only
    assert sorted(src for src in full if src in generated) == sorted(
        src for src in generated if src.endswith("index.md") or "/" not in src)
    assert any(src.endswith(".md") and src not in generated for src in full)
    page = (root / "site" / "cases" / "case-0000" / "findings" / "case-0000-f00" / "index.html"
            ).read_text(encoding="utf-8")
    heading = BeautifulSoup(page, "html.parser").find("h2", id="as-raised")
    assert heading is not None and heading.get_text() == "As raised\u00b6"
    link = heading.find("a", class_="headerlink")
    assert link["href"] == "#as-raised" and link["title"] == "Permanent link"
    assert "<cf-block" not in page
