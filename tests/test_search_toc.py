"""Each search section's contents entry is looked up in a table made once per page
(``search_sections.first_ids``), not by the theme's walk over the whole contents list for
every section, which is quadratic in a page's headings: the same entries, found the same
way, for pages in casefile's HTML subset and for pages the theme's own parser reads."""

from __future__ import annotations

import random
from types import SimpleNamespace
from typing import Any

from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import AnchorLink

from casefile.outputs.search_sections import first_ids, quicken


def _tree(rng: random.Random, depth: int = 0) -> list[AnchorLink]:
    items = []
    for _ in range(rng.randint(0, 4 if depth else 8)):
        item = AnchorLink(f"t{rng.randint(0, 99)}", f"h{rng.randint(0, 12)}", depth + 2)
        if depth < 3:
            item.children = _tree(rng, depth + 1)
        items.append(item)
    return items


def _ids(items: list[AnchorLink]) -> set[str]:
    return {i.id for i in items} | {x for i in items for x in _ids(i.children)}


def test_the_table_finds_what_the_theme_finds_for_every_id() -> None:
    rng = random.Random(7)
    theirs = SearchIndex()
    compared = 0
    for _ in range(300):
        toc = _tree(rng)
        table = first_ids(toc)
        for wanted in [*_ids(toc), "absent", None]:  # repeated ids: the first, depth first
            assert table.get(wanted) is theirs._find_toc_by_id(toc, wanted)
            compared += 1
    assert compared > 2000


def _page(html: str, toc: list[AnchorLink], meta: dict[str, Any] | None = None) -> Any:
    return SimpleNamespace(content=html, toc=toc, url="timeline/", title="Timeline",
                           meta=meta or {})


def _timeline(n: int, extra: str = "") -> tuple[str, list[AnchorLink]]:
    html = "<h1 id=\"timeline\">Timeline</h1>" + "".join(
        f"<h2 id=\"e{i}\">Event {i}</h2><p>Words {i}{extra}</p>" for i in range(n))
    toc = [AnchorLink("Timeline", "timeline", 1)]
    toc[0].children = [AnchorLink(f"Event {i}", f"e{i}", 2) for i in range(n)]
    return html, toc


def _entries(quick: bool, page: Any, monkeypatch: Any) -> tuple[list[Any], int]:
    walked = []
    original = SearchIndex._find_toc_by_id

    def counted(self: SearchIndex, toc: Any, id: Any) -> Any:
        walked.append(id)
        return original(self, toc, id)

    monkeypatch.setattr(SearchIndex, "_find_toc_by_id", counted)
    index = SearchIndex()
    if quick:
        assert quicken(index)
    index.add_entry_from_context(page)
    monkeypatch.setattr(SearchIndex, "_find_toc_by_id", original)
    return index.entries, len(walked)


def test_a_page_of_many_headings_gets_the_themes_entries_without_its_walk(
        monkeypatch: Any) -> None:
    html, toc = _timeline(300)
    theirs, their_walks = _entries(False, _page(html, toc), monkeypatch)
    ours, our_walks = _entries(True, _page(html, toc), monkeypatch)
    assert ours == theirs
    assert [e["location"] for e in ours[:3]] == ["timeline/", "timeline/#e0",
                                                 "timeline/#e1"]
    assert their_walks > 300 and our_walks == 0  # (recursive calls counted too)


def test_a_page_the_themes_parser_reads_gets_the_table_too(monkeypatch: Any) -> None:
    """An HTML comment sends a page to the theme's own parser; its sections are still
    looked up in the table, with the same entries."""
    html, toc = _timeline(40, "<!-- a comment -->")
    theirs, their_walks = _entries(False, _page(html, toc), monkeypatch)
    ours, our_walks = _entries(True, _page(html, toc), monkeypatch)
    assert ours == theirs and len(ours) == 41
    assert their_walks > 40 and our_walks == 0


def test_another_contents_list_still_gets_the_themes_walk(monkeypatch: Any) -> None:
    """Outside a page being indexed (or for another list) the theme's own lookup answers."""
    index = SearchIndex()
    assert quicken(index)
    _, toc = _timeline(3)
    assert index._find_toc_by_id(toc, "e2") is toc[0].children[2]
    assert index._find_toc_by_id(toc, "missing") is None
