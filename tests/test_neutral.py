"""casefile generate's builder-neutral layout (casefile/outputs/neutral.py): each page x.md
is written as x/index.md, and hand-written Markdown links are re-based to name the moved
pages from the page's new place."""

from __future__ import annotations

import pytest

from casefile.outputs.neutral import page_path, rebase_links


@pytest.mark.parametrize(("src", "moved"), [
    ("about.md", "about/index.md"),
    ("index.md", "index.md"),
    ("cases/index.md", "cases/index.md"),
    ("cases/town.md", "cases/town/index.md"),
    ("cases/town/findings/f1.md", "cases/town/findings/f1/index.md"),
    ("data/casefile.json", "data/casefile.json"),
])
def test_page_path(src: str, moved: str) -> None:
    assert page_path(src) == moved


@pytest.mark.parametrize(("link", "rebased"), [
    ("[edit](how-to-edit.md)", "[edit](../how-to-edit/index.md)"),
    ("[m](methodology.md#status-vocabulary)", "[m](../methodology/index.md#status-vocabulary)"),
    ("[b](bodies/index.md)", "[b](../bodies/index.md)"),
    ("[t](cases/town.md 'Town')", "[t](../cases/town/index.md 'Town')"),
    ("[t](<cases/town.md>)", "[t](<../cases/town/index.md>)"),
    ("![logo](assets/logo.svg)", "![logo](../assets/logo.svg)"),
    ("[csv](data/findings.csv?x=1)", "[csv](../data/findings.csv?x=1)"),
    ("[folder](bodies/)", "[folder](../bodies/)"),
    ("[here](#a-heading)", "[here](#a-heading)"),
    ("[w](https://example.org/a.md)", "[w](https://example.org/a.md)"),
    ("[mail](mailto:x@example.org)", "[mail](mailto:x@example.org)"),
    ("[root](/about/)", "[root](/about/)"),
    ("[up](../elsewhere.md)", "[up](../elsewhere.md)"),
    ("[ref]: methodology.md#dates", "[ref]: ../methodology/index.md#dates"),
    ("Write `[x](how-to-edit.md)` like this", "Write `[x](how-to-edit.md)` like this"),
])
def test_links_from_a_moved_page(link: str, rebased: str) -> None:
    assert rebase_links(link, "about.md", "about/index.md") == rebased


def test_links_from_an_index_page_name_the_moved_pages() -> None:
    text = "See [the method](methodology.md) and [sources](sources.md).\n"
    assert rebase_links(text, "index.md", "index.md") == (
        "See [the method](methodology/index.md) and [sources](sources/index.md).\n")
    assert rebase_links("[all](../index.md)", "cases/index.md", "cases/index.md") == \
        "[all](../index.md)"


def test_fenced_code_and_line_count_are_kept() -> None:
    # a fence closes only on the same character, at least as long (CommonMark)
    text = ("[a](a.md)\n````markdown\n[b](b.md)\n```\n~~~~\n[c](c.md)\n`````\n[d](d.md)\n"
            "~~~\n[e](e.md)\n~~~\n[f](f.md)")
    out = rebase_links(text, "x.md", "x/index.md")
    assert out.split("\n") == ["[a](../a/index.md)", "````markdown", "[b](b.md)", "```",
                               "~~~~", "[c](c.md)", "`````", "[d](../d/index.md)", "~~~",
                               "[e](e.md)", "~~~", "[f](../f/index.md)"]
