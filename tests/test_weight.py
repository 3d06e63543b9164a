"""The case page's weight (#12, part W), guarded by structure rather than by a byte count:
a phone card's fixed column headings come from casefile.css once, not from a data-label on
every cell; only the matrix's later columns, whose headings vary per case, carry one. The
browser side (each cell's heading shown at 390 px) is tests/test_browser_phone.py."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from casefile.model import views
from tests.conftest import REPO
from tests.html_support import soup_of, words
from tests.test_site import CASE, site  # noqa: F401  (module-scoped build)

CSS = REPO / "overrides" / "assets" / "casefile.css"
FIXED = re.compile(r'table\.(cf-[a-z-]+) > tbody > tr > :nth-child\((\d+)\)::before \{ '
                   r'content: "([^"]*)"; content: "\3" / ""; \}')


def fixed_labels() -> dict[str, dict[int, str]]:
    """Per card table class, the column headings casefile.css shows above cells (1-based)."""
    out: dict[str, dict[int, str]] = {}
    for table, column, label in FIXED.findall(CSS.read_text(encoding="utf-8")):
        out.setdefault(table, {})[int(column)] = label
    return out


VARIED = re.compile(r'table\.(cf-[a-z-]+) > tbody > tr > :nth-child\((\d+)\)::before \{ '
                    r'content: var\(--c\2\); content: var\(--c\2\) / ""; \}')
PROPERTY = re.compile(r'--c(\d+):"((?:[^"\\]|\\[0-9a-f]+ )*)"(?:;|$)')


def varied_columns() -> dict[str, set[int]]:
    """Per card table class, the columns casefile.css labels from the table's --cN."""
    out: dict[str, set[int]] = {}
    for table, column in VARIED.findall(CSS.read_text(encoding="utf-8")):
        out.setdefault(table, set()).add(int(column))
    return out


def style_labels(table: Tag) -> dict[int, str]:
    """A table's --cN custom properties, CSS hex escapes read back."""
    style = str(table.get("style", ""))
    found = PROPERTY.findall(style)
    assert ";".join(f'--c{n}:"{v}"' for n, v in found) == style  # nothing else in it
    unescape = re.compile(r"\\([0-9a-f]+) ")
    return {int(n): unescape.sub(lambda m: chr(int(m.group(1), 16)), v) for n, v in found}


def label(cell: Tag, table: Tag, column: int) -> str | None:
    """What a phone shows above a card's cell: its data-label, else casefile.css's words,
    else the table's --cN where casefile.css shows that."""
    kind = str(table["class"][0])
    if cell.has_attr("data-label"):
        return str(cell["data-label"])
    if column in varied_columns().get(kind, set()):
        return style_labels(table).get(column)
    return fixed_labels().get(kind, {}).get(column)


def test_fixed_columns_are_labelled_once_in_the_stylesheet() -> None:
    assert fixed_labels() == {
        "cf-matrix": {1: "Finding"},
        "cf-deadlines": {1: "Requirement", 2: "Set by", 3: "Deadline", 4: "Outcome"},
        "cf-case-list": {1: "Case", 2: "Status, and where things stand",
                         3: "Latest event", 4: "Next or past-due deadline"}}


def cards(soup: BeautifulSoup) -> list[tuple[Tag, list[str], list[Tag]]]:
    """Per body row of each card table: the table, its headings and the row's cells."""
    return [(t, [words(th) for th in t.select("thead th")],
             row.find_all(["th", "td"], recursive=False))
            for t in soup.select("table.cf-cards") for row in t.select("tbody > tr")]


def test_no_cell_carries_a_label_the_stylesheet_gives(site: Path) -> None:  # noqa: F811
    fixed = fixed_labels()
    seen = 0
    for url in (f"cases/{CASE}", ""):
        for table, headings, cells in cards(soup_of(site, url)):
            kind = str(table["class"][0])
            given = set(fixed[kind]) | varied_columns().get(kind, set())
            for column, cell in enumerate(cells, 1):
                assert cell.has_attr("data-label") == (column not in given), (url, column)
                assert label(cell, table, column) == headings[column - 1]
                seen += 1
    assert seen > 20


def test_the_matrix_names_each_later_column_once_per_table(site: Path) -> None:  # noqa: F811
    assert varied_columns() == {"cf-matrix": set(range(2, views.CARD_COLUMNS + 1))}
    matrix = soup_of(site, f"cases/{CASE}").select("table.cf-matrix")
    assert matrix
    for table in matrix:
        headings = [words(th) for th in table.select("thead th")]
        assert style_labels(table) == dict(enumerate(headings[1:], 2))
        assert not table.select("[data-label]")


def test_css_strings_say_the_words_and_nothing_else() -> None:
    hostile = 'a";} body{display:none} \\ </style> \n{x}'
    said = views.css_string(hostile)
    assert said.startswith('"') and said.endswith('"')
    inner = said[1:-1]
    assert not set(inner) & set('"{}<>\n')
    assert re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), inner) == hostile
    assert views.css_string("Cabinet report, 13 March 2018; Own claim: Council 0") == \
        '"Cabinet report, 13 March 2018; Own claim: Council 0"'
    headings = ["Finding"] + [f"Visit {n}" for n in range(2, 20)]
    labels = views.card_labels(headings)
    assert labels.startswith('--c2:"Visit 2";--c3:"Visit 3"')
    assert labels.endswith('--c16:"Visit 16"')  # a 17th column keeps its data-label


def test_a_source_behind_every_finding_of_a_table_links_to_the_table_once(
        site: Path) -> None:  # noqa: F811
    """"Cited in: ... Findings: all 11 of the inspection of July 2017", one link to that
    table, where the report that raised the findings backs every row: not 11 links."""
    soup = soup_of(site, f"cases/{CASE}")
    home = f"../../../cases/{CASE}/#"  # "Cited in" is on the case's sources page
    tables = 0
    for li in soup_of(site, f"cases/{CASE}/sources").select("ol.cf-bibliography > li"):
        ref = "#" + str(li["id"])
        for a in li.select("p.cf-cited-in a"):
            assert str(a["href"]).startswith(home)
            target = soup.find(id=str(a["href"])[len(home):])
            assert target is not None
            rows = target.select("tbody > tr") if target.name == "div" else []
            if not rows:
                continue
            tables += 1
            caption = words(target.select_one("caption")).removeprefix("Findings of ")
            said = re.split(r", and what|: no later", caption)[0]
            assert words(a) == f"all {len(rows)} of {said}"
            for row in rows:  # every row cites the source, and none is listed again
                assert ref in [x["href"] for x in row.select("a[href^='#ref-']")]
                assert not li.select(f"a[href='{home}{row['id']}']")
    assert tables >= 1


def test_the_palette_icons_are_drawn_by_the_stylesheet(site: Path) -> None:  # noqa: F811
    """No SVG in the toggle on each page: each icon is a class whose mask casefile.css
    gives once, as a data: URL (nothing fetched), and forced colours still draw it."""
    css = CSS.read_text(encoding="utf-8")
    labels = soup_of(site, f"cases/{CASE}").select("form[data-md-component=palette] label")
    assert [lab.select_one("span.cf-icon")["class"][1] for lab in labels] == [
        "cf-icon--dark", "cf-icon--light"]
    assert not any(lab.select("svg") for lab in labels)
    for name in ("cf-icon--dark", "cf-icon--light"):
        assert re.search(r"\." + name + r" \{ --cf-icon: url\(\"data:image/svg\+xml,[^\"]+\"\); \}",
                         css), name
    forced = css.split("@media (forced-colors: active)")[-1]
    assert "forced-color-adjust: none; background-color: ButtonText;" in forced


# Helper d's cuts (#12: the case page ≤ 40 KB): each is a structure, not a byte count.

def test_a_case_page_carries_one_contents_list_not_the_themes_as_well(site: Path) -> None:  # noqa: F811
    """The theme's sidebar contents are left out of case pages (front matter hide: [toc],
    overrides/main.html); the page's own "On this page" is shown at every width."""
    soup = soup_of(site, f"cases/{CASE}")
    assert soup.select(".md-sidebar--secondary, nav.md-nav--secondary") == []
    contents = soup.select("nav.cf-contents")
    assert len(contents) == 1 and "cf-contents--only" in contents[0]["class"]
    assert [a["href"] for a in contents[0].select("a")] == [
        f"#{h['id']}" for h in soup.select("article h2[id]")]
    assert soup.select_one("nav.md-nav--primary") is not None  # the site menu stays
    other = soup_of(site, "methodology")  # other pages keep the theme's own
    assert other.select_one("nav.md-nav--secondary") is not None


def test_the_case_page_lists_its_sources_short_and_links_each_to_its_full_entry(
        site: Path) -> None:  # noqa: F811
    """Each entry of the case page's list is one link, to the same number's full entry on
    cases/CASE/sources/, which has everything that left the case page: "Cited in", the
    passages quoted. The entry (li ref-N) is what the page's citations are named by
    (aria-labelledby ref-N): its words are its link's, and no id is added for the link."""
    soup = soup_of(site, f"cases/{CASE}")
    full = soup_of(site, f"cases/{CASE}/sources")
    short = soup.select("ol.cf-bibliography > li")
    entries = full.select("ol.cf-bibliography > li")
    assert short and [li["id"] for li in short] == [li["id"] for li in entries]
    for li, entry in zip(short, entries, strict=True):
        assert [str(a["href"]) for a in li.find_all("a")] == [f"sources/#{li['id']}"]
        assert not li.a.has_attr("id") and li.get_text() == li.a.get_text()  # type: ignore[union-attr]
        assert li.select("p, details, cite, br, .cf-grade, .cf-copy") == []
        assert entry.select_one("cite") is not None and entry.select_one(".cf-grade")
    assert soup.select(".cf-cited-in, details.cf-quotes, .cf-elsewhere") == []
    assert full.select(".cf-cited-in") and full.select("details.cf-quotes")
    cited = {str(a["aria-labelledby"]) for a in soup.select("article a[aria-labelledby]")
             if str(a["aria-labelledby"]).startswith("ref-")}
    assert cited and cited <= {str(li["id"]) for li in short}


def test_where_the_findings_passages_are_is_said_once(site: Path) -> None:  # noqa: F811
    full = soup_of(site, f"cases/{CASE}/sources")
    said = "on each finding's own page"
    assert [p for p in full.find_all(string=re.compile(said))] != []
    assert len(full.find_all(string=re.compile(said))) == 1
    counts = full.select(".cf-elsewhere")
    assert counts and all(re.fullmatch(r"Quoted for findings: \d+( more)? passages?\.",
                                       words(c)) for c in counts)


# Session 27 (issue #12: the case page ≤ 40 KB): markup that carried nothing for readers.

def test_the_themes_icons_are_drawn_by_the_stylesheet_not_inlined(site: Path) -> None:  # noqa: F811
    """The header's menu and search buttons, the search field's search and back icons and
    its clear button carry an empty span whose mask casefile.css gives once (a data: URL:
    nothing fetched), not an inline SVG on every page; each keeps its name or label."""
    soup = soup_of(site, f"cases/{CASE}")
    css = CSS.read_text(encoding="utf-8")
    assert soup.select("header svg") == []
    icons = {"menu": soup.select_one("header label.md-header__button[for=__drawer]"),
             "search": soup.select_one("header label.md-header__button[for=__search]")}
    field = soup.select_one("label.md-search__icon[for=__search]")
    assert [s["class"] for s in field.find_all(recursive=False)] == [
        ["cf-icon", "cf-icon--search"], ["cf-icon", "cf-icon--back"]]  # shown by width
    clear = soup.select_one("nav.md-search__options button[type=reset]")
    assert clear["aria-label"] == "Clear"
    icons["close"] = clear
    for name, holder in icons.items():
        [span] = holder.find_all(recursive=False)
        assert span.name == "span" and span["class"] == ["cf-icon", f"cf-icon--{name}"]
        assert span.get_text() == ""
    for name in ("menu", "search", "back", "close", "dark", "light"):
        assert re.search(r"\.cf-icon--" + name + r" \{ --cf-icon: url\(\"data:image/svg\+xml,"
                         r"%3Csvg [^\"]+%3C/svg%3E\"\); \}", css), name
    phone = css.split("@media screen and (max-width: 59.984375em) {\n  .md-search__icon")[1]
    assert phone.startswith('[for="__search"] > .cf-icon:first-child { display: none; }')
    wide = css.split("@media screen and (min-width: 60em) {\n  .md-search__icon")[1]
    assert wide.startswith('[for="__search"] > .cf-icon:last-child { display: none; }')


def test_the_site_menu_writes_each_title_straight_into_its_link(site: Path) -> None:  # noqa: F811
    """No md-ellipsis wrapper (the theme only clips it) around each menu title: the link's
    words are the title, nothing else, and the menu keeps every page and its section."""
    soup = soup_of(site, f"cases/{CASE}")
    menu = soup.select_one("nav.md-nav--primary")
    assert menu.select(".md-ellipsis") == []
    links = menu.select("a.md-nav__link")
    assert [a.get_text() for a in links][:3] == ["Home", "Cases", "Indicators"]
    assert all(a.find(True) is None for a in links)  # text only
    section = menu.select_one("label.md-nav__link[for^=__nav_]")
    assert [s.strip() for s in section.find_all(string=True) if s.strip()] == ["For editors"]
    assert section.select("span.md-nav__icon") != []
    assert [a.get_text() for a in section.find_next("nav").select("a")] == [
        "How to edit", "Field reference"]


def test_timeline_entries_are_styled_by_their_place_not_a_class_each(site: Path) -> None:  # noqa: F811
    """Each entry is an li of ol.cf-timeline with one h3 (date, kind, title) first and,
    unless a publication, the line saying who published it next: no wrapper, no class on
    either (casefile.css styles them by place)."""
    soup = soup_of(site, f"cases/{CASE}")
    css = CSS.read_text(encoding="utf-8")
    assert soup.select(".cf-timeline-wrap, ol.cf-timeline .cf-event__head, "
                       "ol.cf-timeline .cf-event__by") == []
    entries = soup.select("article ol.cf-timeline > li")
    assert len(entries) > 5
    for li in entries:
        first, second = li.find_all(True, recursive=False)[:2]
        assert first.name == "h3" and not first.has_attr("class")
        assert second.name == "p" and not second.has_attr("class")
    assert ".md-typeset ol.cf-timeline > li > h3 {" in css
    assert (".md-typeset ol.cf-timeline > li:not(.cf-event--publication) > h3 + p "
            "{ margin: 0; }") in css


def test_no_script_for_tabs_and_no_empty_footer_on_a_page_without_them(site: Path) -> None:  # noqa: F811
    """The theme's tab-opening script goes only to pages with tabs, and an empty footer
    (no copyright, generator or previous and next links) is left out, as is the generator
    tag where the site turns the generator notice off; the page's CSP lists one hash per
    inline script it still runs."""
    html = (site / "cases" / CASE / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert "__tabbed_" not in html and "tabbed-set" not in html
    assert soup.select("footer, .md-footer, .md-copyright") == []
    assert "generator: false" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert soup.select("meta[name=generator]") == []  # nor a generator tag, then
    assert soup.select_one("meta[name=description]") is not None  # the rest of the head stays
    inline = [s for s in soup.find_all("script") if not s.has_attr("src")]
    policy = str(soup.select_one("meta[http-equiv=Content-Security-Policy]")["content"])
    # the theme's settings are a JSON block, never run: no hash for them (#12 review)
    assert [s.get("type") for s in inline] == [None, None, "application/json"]
    assert len(re.findall(r"'sha256-", policy)) == 2
    assert soup.select_one("div.md-dialog") is not None  # the theme's script needs it
    menu_page = soup_of(site, "methodology")  # a page of the menu keeps its previous and next
    assert [a["aria-label"].split(":")[0] for a in menu_page.select("footer nav a")] == [
        "Previous", "Next"]


def test_whitespace_between_two_block_tags_is_dropped_and_kept_elsewhere() -> None:
    from casefile.outputs.minify import squeeze
    assert squeeze("<ul>\n  <li>a</li>\n\n  <li>b</li>\n</ul>\n<p>x</p>") == \
        "<ul><li>a</li><li>b</li></ul><p>x</p>"
    assert squeeze('<tr role="row">\n<th scope="row">A</th>\n<td>B</td>\n</tr>') == \
        '<tr role=row><th scope=row>A</th><td>B</td></tr>'
    # next to an inline tag, text or a form control it may be a space: one line break stays
    kept = '<p>a\n<a title="x">x</a>\n<span>y</span>\n</p>\n<input id="i">\n<label title="i">'
    assert squeeze(kept) == kept
    assert squeeze("<li>\n<a>x</a>\n</li>") == "<li>\n<a>x</a>\n</li>"
    raw = "<div>\n<pre>\n<div>\n  </div>\n</pre>\n</div>\n<script>\n</script>"
    assert squeeze(raw) == "<div>\n<pre>\n<div>\n  </div>\n</pre>\n</div>\n<script>\n</script>"


def test_no_line_break_between_two_block_tags_on_the_case_page(site: Path) -> None:  # noqa: F811
    from casefile.outputs.minify import BLOCKS, squeeze
    html = (site / "cases" / CASE / "index.html").read_text(encoding="utf-8")
    pairs = re.findall(r"</?([a-zA-Z0-9]+)\b[^<>]*>\n</?([a-zA-Z0-9]+)", html)
    assert pairs and all(a not in BLOCKS or b not in BLOCKS for a, b in pairs)
    # the page is what squeezing gives back with those breaks put in again: nothing else
    # (no word, no space a reader sees) was taken out
    def put_back(m: re.Match[str]) -> str:
        return m[0] + "\n" if m[1] in BLOCKS and m[2] in BLOCKS else m[0]
    spaced = re.sub(r"</?([a-zA-Z0-9]+)\b[^<>]*>(?=</?([a-zA-Z0-9]+))", put_back, html)
    assert spaced.count("\n") > html.count("\n") + 100
    assert squeeze(spaced) == html


def test_needless_references_and_quotes_are_written_out() -> None:
    from casefile.outputs.minify import squeeze
    assert squeeze("<p>Council&#39;s &#34;plan&#34; &amp; &lt;b&gt;</p>") == \
        '<p>Council\'s "plan" &amp; &lt;b&gt;</p>'
    # in a double-quoted value a ' ends nothing; a " stays a reference
    assert squeeze('<a title="Council&#39;s &#34;plan&#34;">') == \
        '<a title="Council\'s &#34;plan&#34;">'
    assert squeeze("<a title='it&#39;s'>") == "<a title='it&#39;s'>"
    # the repeated attributes, where their value allows; a link leaving the site keeps its
    # quotes (harden.py adds rel=noopener to it by reading them), and so does anything else
    assert squeeze('<a class="cf-pl" href="#ev-1" aria-label="Permalink to event 1">') == \
        '<a class=cf-pl href=#ev-1 aria-label="Permalink to event 1">'
    assert squeeze('<td role="cell" data-role="x" class="a b"><time datetime="2017-07">') == \
        '<td role=cell data-role="x" class="a b"><time datetime=2017-07>'
    assert squeeze('<a href="../../bodies/x/">') == '<a href=../../bodies/x/>'
    for kept in ('<a href="https://x.org/">', '<a href="//x.org/a">', '<a href="/abs/">',
                 '<a href="mailto:a@b.org">', '<a href="#a b">', '<a class="x y">',
                 '<a id="ref-1">', '<a href="#x=y">', '<a href="?q=1">', '<a href="">'):
        assert squeeze(kept) == kept
    data = '<script id="c" type="application/json">{"a": [1, 2], "b": "</x> & \'"}</script>'
    assert squeeze(data) == ('<script id="c" type="application/json">'
                             '{"a":[1,2],"b":"\\u003c/x\\u003e \\u0026 \\u0027"}</script>')
    code = '<script>var a = {"x": 1};</script>'
    assert squeeze(code) == code  # a script that runs: byte for byte (its CSP hash)
