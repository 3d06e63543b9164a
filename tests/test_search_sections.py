"""casefile.outputs.search_sections against the theme's own search parser: the same entries
(address, title, text) for every page of the fixture projects and a synthetic project,
built for real, and for hostile markup; pages outside the subset go to the theme's parser."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import AnchorLink, TableOfContents

from bench import synth
from casefile.outputs import search as search_module
from casefile.outputs.search_sections import quicken, sections
from tests.build_support import build_in_process
from tests.conftest import PROJECTS, add_second_case, copy_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stemmer"],
          "fields": {"title": {"boost": 1e3}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}}}


def entries(page: Any, ours: bool) -> list[dict[str, Any]] | str:
    """The entries a fresh index makes of ``page``: the theme's parser, or this module's
    (the exception's name if indexing fails)."""
    index = SearchIndex(**CONFIG)
    if ours:
        assert quicken(index)
    try:
        index.add_entry_from_context(page)
    except Exception as exc:  # the theme's parser fails on some markup: so must we
        return type(exc).__name__
    return index.entries


def _compare(root: Path, name: str, found: dict[str, list[str]]) -> None:
    """Build the project at ``root``; compare both ways of indexing on every page."""
    real = search_module.quicken

    def spy(index: Any) -> bool:
        theirs_add = index.add_entry_from_context

        def add(page: Any) -> None:
            where = f"{name}: {page.file.src_uri}"
            mine, theirs = entries(page, True), entries(page, False)
            found["same" if mine == theirs else "differ"].append(where)
            found["fast" if sections(page.content) is not None else "full"].append(where)
            if "<svg" in page.content:  # a chart: drawn in SVG, outside the subset
                found["charts"].append(where)
            found["entries"].append(str(len(theirs)))
            theirs_add(page)

        index.add_entry_from_context = add
        return True

    config = build_in_process(root, (search_module, "quicken", spy))
    found["generated"].extend(f"{name}: {src}" for src in config.plugins["casefile"].generated)
    assert real is search_module.quicken


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory,
             request: pytest.FixtureRequest) -> dict[str, list[str]]:
    keys = ("same", "differ", "fast", "full", "generated", "entries", "charts")
    found: dict[str, list[str]] = {key: [] for key in keys}
    # Every page indexed in this process, where the spy sees it: no page loop on two cores.
    split = pytest.MonkeyPatch()
    split.setenv("CASEFILE_PAGE_SPLIT", "off")
    request.addfinalizer(split.undo)
    for name in ("powys", "oversight", "inquiry", "figures", "second-hand"):
        root = copy_project(tmp_path_factory.mktemp(name), data=PROJECTS / name / "data")
        if name == "powys":
            add_second_case(root / "data")
        _compare(root, name, found)
    root = copy_project(tmp_path_factory.mktemp("synthetic"), data=False)
    synth.generate(root, 2, True)  # with the inquiry case: responses and list pages
    _compare(root, "synthetic", found)
    return found


def test_every_page_gets_the_themes_entries(compared: dict[str, list[str]]) -> None:
    assert compared["differ"] == []
    assert len(compared["same"]) > 300
    assert sum(int(n) for n in compared["entries"]) > 3000


def test_every_generated_page_is_read_without_the_themes_parser(
        compared: dict[str, list[str]]) -> None:
    generated, charts = set(compared["generated"]), set(compared["charts"])
    assert len(generated) > 250
    assert generated - charts <= set(compared["fast"])
    # those that are not: pages with a chart (its SVG), and a few hand-written pages
    assert "figures: cases/brookfield-childrens-services.md" in charts & generated
    assert len(set(compared["full"]) - generated) < 10


class Page:
    """What the theme's search index reads of a page."""

    def __init__(self, content: Any, toc: list[AnchorLink] | None = None,
                 meta: dict[str, Any] | None = None) -> None:
        self.content = content
        self.toc = TableOfContents(toc or [])
        self.meta = meta if meta is not None else {}
        self.url = "cases/a/"
        self.title = "Page title"


def _toc() -> list[AnchorLink]:
    top = AnchorLink("Top", "top", 1)
    top.children = [AnchorLink("X", "x", 2), AnchorLink("A & B", "a&b", 2)]
    return [top]


FAST = [
    "",
    "\n\n",
    "words before any heading",
    '<h1 id="top">Title</h1>\n<p>Text</p>',
    '<h1>No id</h1><p>text</p><h2 id="x">X</h2><p>x</p>',
    '<h2 id="x">First an h2</h2><p>x</p><h1 id="top">Then h1</h1>',
    '<br><h2 id="x">After a line break</h2>',
    '\n<h1 id="top">After white space</h1>',
    '<h2 id="x">Title<a class="headerlink" href="#x" title="Permanent link">&para;</a></h2>',
    '<h2 id="x"><a class="headerlink" class="other" href="#x">kept: not the last class</a>'
    '<a class="other" class="headerlink">&para;</a></h2>',
    '<p>A <a class="headerlink" href="#q">permalink</a> outside a heading</p>',
    '<h2 id="a&amp;b">Fish &amp; chips &lt;3 &gt; &#39;q&#39; &quot;</h2>'
    '<p>&nbsp;</p><p>a&nbsp;b &#10; c &amp &ampx &#x1F642; &unknown;</p>',
    '<h2 id="e">🙂 émoji</h2><p>😀\n👍 \U0001f1ec\U0001f1e7</p><p>\udcff lone \ud800</p>',
    '<ul><li><h2 id="x">In a list</h2><p>inside</p></li></ul><p>after</p>',
    '<div><h2 id="a">A</h2><div><h3 id="b">B</h3>x</div>y</div>z<h2 id="c">C</h2>w',
    '<section><div><h2 id="d1">Deep</h2></div><h3 id="d2">Less deep</h3></section>tail',
    '<h2 id="c"><code>x</code> y <sub>2</sub></h2><p>z</p>',
    '<h2 id="ws"> \n </h2><p>t</p>',
    '<h2>Without id</h2><h2 id>Id without a value</h2><h2 id="">Empty id</h2><p>t</p>',
    '<p></p><p> </p><p>\n</p><ul><li></li><li>x</li><li></li><li> </li></ul><ol></ol>',
    '<p><code></code></p><p>a<code> </code>b</p>',
    '<pre><code>a\n\n  b &lt; c\n\t</code></pre><p>a\n\nb</p>',
    '<pre>\n</pre><pre> </pre>',
    '<br><br/><br /><p/>x<img src="a.png" alt="A"><hr>y<wbr>z',
    '<p>a</span>b</p></div><p>c</p>',
    '<span><p>a</span></p>',
    "<p>tabs\tand\r\nreturns\rhere</p>\r\n<p>\t</p>",
    '<dl><dt>Term</dt><dd>Def <time datetime="2020-01">Jan</time> &gt; x</dd></dl>',
    '<table><caption>C</caption><thead><tr><th>H</th></tr></thead><tbody><tr><td>1</td>'
    '<td> </td></tr></tbody></table>',
    '<details open><summary>S</summary><p>hidden</p></details>',
    '<h4 id="h4">Four</h4><h5 id="h5">Five</h5><h6 id="h6">Six</h6>',
    '<h2 id="x">A</h2><h2 id="x">A again</h2>',
    '<h2 id="p"><p>para in heading</p></h2><h2 id="q"><h2 id="r">nested</h2></h2>t',
    "<p>a > b and >> c</p>",
    '<p title="a &amp; b" data-x="1">t</p>',
]

OUTSIDE = [
    '<p title="<script>">x</p>',  # "<" in an attribute value
    '<p>"<script>alert(1)</script>"</p>',
    "<style>p { x: 1 }</style><p>x</p>",
    "<!-- a comment --><p>x</p>",
    "<P>capitals</P>",
    "<p>a < b</p>",
    "<p>a <3</p>",
    '<cf-block n="0"></cf-block>',
    "<textarea><p>x</p></textarea>",
    "<title>t</title>",
    '<p data-search-exclude>hidden</p><p>shown</p>',
    '<div class="linenodiv">1 2</div><pre>code</pre>',
    "<p class='single'>quotes</p>",
    "<p class=bare>value</p>",
    '<p  class="x">two spaces</p>',
    '<p class="x" >space before the end</p>',
    "</p >",
    '</p class="x">',
    "<!DOCTYPE html><p>x</p>",
    "<p>a</p><",
    "<p>x</p><svg viewBox=\"0 0 1 1\"></svg>",
    '<p>x</p><h2 id="x"><em class="x"></em></h2><object>o</object>',
]


@pytest.mark.parametrize("html", FAST)
def test_hostile_markup_in_the_subset(html: str) -> None:
    page = Page(html, _toc())
    assert sections(html) is not None
    assert entries(page, True) == entries(page, False)


@pytest.mark.parametrize("html", OUTSIDE)
def test_markup_outside_it_goes_to_the_themes_parser(html: str) -> None:
    page = Page(html, _toc())
    assert sections(html) is None
    assert entries(page, True) == entries(page, False)


def test_a_small_page_exactly() -> None:
    html = ('<h1 id="top">Fish &amp; chips</h1>\n<p>Intro &gt; more</p>\n'
            '<h2 id="x">X<a class="headerlink" href="#x">&para;</a></h2>\n'
            '<ul>\n<li>one</li>\n<li></li>\n</ul>\n<p></p>')
    page = Page(html, _toc(), {"tags": ["t", 1], "search": {"boost": 2}})
    assert entries(page, True) == entries(page, False) == [
        {"location": "cases/a/", "title": "Fish &amp; chips", "text": "<p>Intro &gt; more</p>",
         "tags": ["t", "1"], "boost": 2},
        {"location": "cases/a/#x", "title": "X", "text": "<ul> <li>one</li> <li></li> </ul>",
         "tags": ["t", "1"], "boost": 2}]


def test_front_matter_search_settings_and_pages_not_text() -> None:
    for meta in ({"search": {"exclude": True}}, {"search": {"exclude": 0, "boost": 0.5}},
                 {"search": None}, {"search": {}}, {"search": ["exclude"]}, {"tags": "x"},
                 {"tags": [None, "", 0, 1.5, True, {"a": 1}, "t"]}, {"title": "T"}):
        page = Page('<h2 id="x">X</h2><p>y</p>', _toc(), meta)
        assert entries(page, True) == entries(page, False), meta
    assert entries(Page("<p>x</p>", meta={"search": {"exclude": True}}), True) == []
    assert entries(Page("<p>", meta={"search": ["exclude"]}), True) == "AttributeError"
    assert entries(Page(None), True) == entries(Page(None), False) == "TypeError"
    assert entries(Page(None, meta={"search": {"exclude": 1}}), True) == []


def test_only_the_themes_own_index_is_changed() -> None:
    class Other:
        def __init__(self) -> None:
            self.entries: list[Any] = []

        def add_entry_from_context(self, page: Any) -> None:
            pass

        def create_entry_for_section(self, *args: Any) -> None:
            pass

    other = Other()
    assert not quicken(other)
    assert "add_entry_from_context" not in vars(other)


PIECES = ["a", "b c", " ", "\n", "\n\n", "\t", "\r\n", "&amp;", "&lt;", "&gt;", ">", "&nbsp;",
          "&#10;", "&para;", "&", "&am", "é", "🙂", "\udcff", "\xa0", "x\ny"]
OUTSIDE_PIECES = ["<", "<!-- c -->", "<script>1 < 2</script>", "<B>", "<p title='x'>"]
TAGS = ["p", "li", "ul", "ol", "code", "pre", "sub", "sup", "span", "div", "a", "h1", "h2",
        "h3", "br", "img", "strong", "section", "td", "time"]


def _random_html(rng: random.Random) -> str:
    out: list[str] = []
    for _ in range(rng.randint(0, 40)):
        roll = rng.random()
        tag = rng.choice(TAGS)
        if roll < 0.005:
            out.append(rng.choice(OUTSIDE_PIECES))
        elif roll < 0.35:
            out.append(rng.choice(PIECES))
        elif roll < 0.7:
            attrs = ""
            if tag.startswith("h") and rng.random() < 0.7:
                attrs += f' id="{rng.choice(["x", "top", "a&amp;b", "h", ""])}"'
            if tag == "a" and rng.random() < 0.5:
                attrs += ' class="headerlink"'
            if rng.random() < 0.2:
                attrs += ' title="t &gt; u"'
            out.append(f"<{tag}{attrs}{rng.choice(['', '', '', '/', ' /'])}>")
        else:
            out.append(f"</{tag}>")
    return "".join(out)


def test_random_markup_gives_the_themes_entries() -> None:
    rng = random.Random(12)
    fast = 0
    for _ in range(3000):
        html = _random_html(rng)
        page = Page(html, _toc())
        fast += sections(html) is not None
        assert entries(page, True) == entries(page, False), html
    assert 2000 < fast < 3000  # most in the subset; the rest hold a piece outside it
