"""casefile.outputs.search against the theme's own search index class: the same bytes from
the same entries, none of them kept in memory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import SearchIndex

from casefile.outputs.search import SpooledEntries, spool

CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stemmer"],
          "fields": {"title": {"boost": 1e3}, "text": {"boost": 1.0}}}
ENTRIES = [{"location": "", "title": "Home", "text": "<p>Welcome</p>"},
           {"location": "cases/a/#money", "title": "Money: £4 million",
            "text": "<p>“Quoted” – words, emoji 🙂 and \"escapes\", a lone \udcff</p>",
            "tags": ["x", "1"]},
           {"location": "cases/a/findings/f/", "title": "Finding", "text": "", "boost": 2}]


class _Search:
    def __init__(self) -> None:
        self.search_index = SearchIndex(**CONFIG)


def _fill(index: Any) -> None:
    for entry in ENTRIES:  # the way the theme adds them (create_entry_for_section)
        index.entries.append(dict(entry))


def test_spooled_index_is_the_themes_own_bytes(tmp_path: Path) -> None:
    theirs = SearchIndex(**CONFIG)
    _fill(theirs)
    expected = theirs.generate_search_index(None).encode("utf-8")

    plugin = _Search()
    spooled = spool({"search": plugin, "other": object()}, tmp_path)
    assert spooled is not None
    _fill(plugin.search_index)
    assert plugin.search_index.entries == [] and plugin.search_index.entries.count == 3
    assert list(tmp_path.iterdir()) == []  # the spool is an unnamed file
    assert plugin.search_index.generate_search_index(None) == ""  # the theme writes nothing
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_bytes(b"")  # as the theme does
    path = spooled.finish(site)
    assert path == site / "search" / "search_index.json"
    assert path.read_bytes() == expected
    assert json.loads(expected)["docs"][1]["title"] == "Money: £4 million"
    assert [p.name for p in (site / "search").iterdir()] == ["search_index.json"]
    spooled.close()


def test_an_empty_index_and_one_never_written(tmp_path: Path) -> None:
    plugin = _Search()
    spooled = spool({"search": plugin}, tmp_path)
    assert spooled is not None
    assert spooled.finish(tmp_path) is None  # the theme never asked: nothing written
    plugin.search_index.generate_search_index(None)
    spooled.finish(tmp_path)
    assert (tmp_path / "search" / "search_index.json").read_bytes() == \
        SearchIndex(**CONFIG).generate_search_index(None).encode("utf-8")
    spooled.close()


def test_no_search_plugin_or_another_shape_is_left_alone(tmp_path: Path) -> None:
    assert spool({}, tmp_path) is None

    class Other:
        search_index = type("Index", (), {"entries": (), "generate_search_index": print})()

    other = Other()
    assert spool({"search": other}, tmp_path) is None
    assert other.search_index.entries == ()


def test_entries_are_not_kept(tmp_path: Path) -> None:
    entries = SpooledEntries(tmp_path)
    for n in range(1000):
        entries.append({"location": f"p{n}/", "title": "t", "text": "x" * 100})
    assert len(entries) == 0 and entries.count == 1000
    entries.file.seek(0)
    assert len(json.loads(b"[" + entries.file.read() + b"]")) == 1000
    entries.close()
