"""A build holds one generated page's whole HTML at a time (#12, peak memory): blocks are
put back only when MkDocs builds the page, and the page's HTML is dropped once written;
search still indexes the blocks' text. The theme's search entries go to disk as they are
made (casefile.outputs.search), and the index is the one the theme would write."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands import build as mkdocs_build_module

import casefile.plugin
from bench import synth
from casefile.outputs.blocks import BlockStore
from tests.build_support import build_in_process
from tests.conftest import copy_project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = copy_project(tmp_path_factory.mktemp("memory"), data=False)
    synth.generate(root, 2)
    seen: list[tuple[str, bool, list[str]]] = []
    generated: dict[str, Any] = {}
    held: list[tuple[int, int]] = []  # (entries in memory, entries spooled) at each page
    texts: list[int] = []  # each generated page's File's text, when the first page is built
    real = mkdocs_build_module._build_page

    def spy(page: Any, config: Any, *args: Any, **kwargs: Any) -> None:
        plugin = config.plugins["casefile"]
        src = page.file.src_uri
        if not texts:  # args[0]: the documentation pages' Files
            texts.extend(len(f.content_string) for f in args[0] if f.src_uri in plugin.generated)
        if src in plugin.generated:
            generated[src] = page
            whole = [s for s, p in generated.items() if s != src and p.content is not None]
            seen.append((src, "<cf-block" in (page.content or ""), whole))
        real(page, config, *args, **kwargs)
        entries = config.plugins["material/search"].search_index.entries
        held.append((len(entries), entries.count))

    plugin = build_in_process(root, (mkdocs_build_module, "_build_page", spy)).plugins[
        "casefile"]
    index = json.loads((root / "site" / "search" / "search_index.json").read_text("utf-8"))
    return {"seen": seen, "pages": generated, "plugin": plugin, "index": index["docs"],
            "site": root / "site", "held": held, "root": root, "texts": texts}


def test_blocks_are_put_back_only_when_the_page_is_built(built: dict[str, Any]) -> None:
    seen = built["seen"]
    assert len(seen) == len(built["pages"]) > 20
    finding = "cases/case-0000/findings/case-0000-f00.md"
    # its blocks were still markers when MkDocs came to build it
    assert next(markers for src, markers, _ in seen if src == finding)
    # and no page built before was still held whole
    assert all(whole == [] for _, _, whole in seen)


def test_pages_html_is_released_once_written(built: dict[str, Any]) -> None:
    assert all(page.content is None for page in built["pages"].values())
    assert all(page.markdown == "" and not page.toc.items and page.file.content_string == ""
               for page in built["pages"].values())
    assert built["plugin"].blocks is None  # the temporary files are closed


def test_generated_files_let_go_of_their_text_once_read(built: dict[str, Any]) -> None:
    # by the time MkDocs builds the first page, every generated page's File is empty
    assert built["texts"] and all(length == 0 for length in built["texts"])


def test_a_finding_page_search_entry_has_its_blocks_text(built: dict[str, Any]) -> None:
    html = (built["site"] / "cases/case-0000/findings/case-0000-f00/index.html").read_text(
        "utf-8")
    assert "<cf-block" not in html and '<h1 id="finding-title" tabindex="-1">' in html
    entries = {e["location"]: e for e in built["index"]
               if e["location"].startswith("cases/case-0000/findings/case-0000-f00/")}
    raised = entries["cases/case-0000/findings/case-0000-f00/#as-raised"]["text"]
    assert raised.startswith("Finding") and "Raised by" in raised and "Theme" in raised, raised
    assert not any("cf-block" in e["text"] for e in entries.values())


def test_the_store_gives_each_page_its_blocks_once(tmp_path: Path) -> None:
    store = BlockStore(tmp_path)
    first, second = store.new_file(), store.new_file()
    store.put(first, "a.md", ["<p>één</p>", "", "<p>\udcff</p>"])
    store.put(second, "b.md", ["<p>b</p>"])
    store.put(first, "c.md", [])
    assert "a.md" in store and list(tmp_path.iterdir()) == []  # unnamed files
    assert store.take("a.md") == ["<p>één</p>", "", "<p>\udcff</p>"]
    assert store.take("a.md") is None and "a.md" not in store
    assert store.take("b.md") == ["<p>b</p>"]
    assert store.take("c.md") == []
    store.close()
    assert store.take("x.md") is None


def test_search_entries_are_written_out_as_each_page_is_built(built: dict[str, Any]) -> None:
    held = built["held"]
    assert len(held) > 20
    assert all(in_memory == 0 for in_memory, _ in held)
    spooled = [count for _, count in held]
    assert spooled == sorted(spooled) and spooled[0] > 0
    assert spooled[-1] == len(built["index"])  # every entry reached the index file
    assert built["plugin"].search is None  # its temporary file is closed
    assert not list((built["site"] / "search").glob(".*"))  # no part file left behind


def test_the_search_index_is_the_themes_own_byte_for_byte(built: dict[str, Any],
                                                          tmp_path: Path) -> None:
    """The same project built with the theme keeping its entries in memory."""
    root = built["root"]
    build_in_process(root, (casefile.plugin, "spool", lambda plugins, folder: None),
                     site_dir=str(tmp_path / "site"))
    ours = (built["site"] / "search" / "search_index.json").read_bytes()
    theirs = (tmp_path / "site" / "search" / "search_index.json").read_bytes()
    assert len(theirs) > 100_000
    assert ours == theirs
