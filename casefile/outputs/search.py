"""The theme's search index, written to disk entry by entry instead of held until the end.

Material's search plugin keeps an entry (address, title, text) for every section of every
page until the build ends, then writes them as one JSON string and its UTF-8 copy: at 1000
synthetic cases about 95 MB of JSON, held in memory three times over at that moment (the
entries, the string, the bytes). ``spool`` makes its index write each entry as JSON to an
unnamed temporary file as soon as the entry is made, and the index file by copying that
file in chunks, so the build holds none of them. The file is the same, byte for byte:
the same entries, in the same order, encoded as Material encodes them (``json.dumps`` with
its separators, ASCII-escaped).

The index also finds each page's sections with ``search_sections`` (the same sections,
without the theme's HTML parser, for the HTML casefile writes; the theme's parser for the
rest).

Nothing here imports the theme: the index is any object shaped like Material's
``SearchIndex`` (``entries``, a list it appends to, and ``generate_search_index``).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import IO, Any

from casefile.outputs.search_sections import quicken

CHUNK = 1 << 20  # bytes copied at a time from the spool to the index file
PART = ".search_index.json.part"  # the index written beside Material's, until ``finish``


class SpooledEntries(list[Any]):
    """Stands in for the index's list of entries: each appended entry is written out, as
    Material's ``json.dumps`` would write it inside the list, and not kept."""

    def __init__(self, folder: Path | None) -> None:
        super().__init__()
        self.file: IO[bytes] = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed by close)
        self.count = 0

    def append(self, entry: Any) -> None:
        text = json.dumps(entry, separators=(",", ":"), default=str)
        self.file.write((b"," if self.count else b"") + text.encode("utf-8"))
        self.count += 1

    def flushed(self) -> int:
        """Write out what is buffered (a forked child's buffers are lost when it ends);
        how many entries there are."""
        self.file.flush()
        return self.count

    def close(self) -> None:
        self.file.close()


class SpooledIndex:
    """Material's search index, made to spool its entries (see the module's docstring)."""

    def __init__(self, index: Any, folder: Path | None) -> None:
        self.index = index
        self.entries = SpooledEntries(folder)
        self._generate = index.generate_search_index  # Material's own, bound to it
        self.pending: bytes | None = None  # the index's head, once the theme asked for it
        self.tails: list[SpooledEntries] = []  # other processes' entries, to follow these
        index.entries = self.entries
        index.generate_search_index = self.generate
        quicken(index)  # Material's own index: its pages' sections found without its parser

    def divert(self, entries: SpooledEntries) -> None:
        """Spool the entries made from now on into ``entries`` (in a forked child: a file
        of its own, opened before the fork; the parent's is shared with it, offset too)."""
        self.entries = entries
        self.index.entries = entries

    def follow(self, entries: SpooledEntries, count: int) -> None:
        """Put ``count`` entries another process spooled into ``entries`` after these, in
        the index ``finish`` writes (the child built the pages after the parent's)."""
        entries.count = count
        self.tails.append(entries)

    def generate(self, prev: Any) -> str:
        """Stands in for ``generate_search_index``: writes the whole index into a file
        beside where the theme writes it, and gives the theme nothing to write there
        (``finish`` then moves the file into place)."""
        if prev is not None:  # a dirty rebuild merging into the previous index: not spooled
            raise RuntimeError("casefile: the spooled search index cannot merge a previous one")
        self.index.entries = []
        try:
            empty = self._generate(None)  # the theme's own header: its configuration
        finally:
            self.index.entries = self.entries
        if not empty.endswith("[]}"):
            raise RuntimeError("casefile: unexpected search index shape from the theme")
        self.pending = empty[:-len("[]}")].encode("utf-8")
        return ""

    def finish(self, site: Path) -> Path | None:
        """Write the index (``search/search_index.json`` in ``site``) from the spool; the
        theme has just written an empty file there. None if the theme never asked."""
        head = self.pending
        if head is None:
            return None
        path = site / "search" / "search_index.json"
        part = path.with_name(PART)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(part, "wb") as out:
            out.write(head + b"[")
            written = 0
            for entries in (self.entries, *self.tails):
                if not entries.count:
                    continue
                if written:
                    out.write(b",")
                written += entries.count
                source = entries.file
                source.flush()
                source.seek(0)
                while chunk := source.read(CHUNK):
                    out.write(chunk)
            out.write(b"]}")
        os.replace(part, path)
        self.pending = None
        return path

    def close(self) -> None:
        self.entries.close()
        for entries in self.tails:
            entries.close()
        self.tails.clear()


def spool(plugins: Any, folder: Path | None) -> SpooledIndex | None:
    """Spool the entries of the first search plugin among ``plugins`` (MkDocs' plugin
    collection, a mapping of name to plugin) shaped like Material's; None if there is none
    (no search on the site, or a theme whose index is another shape: left as it is)."""
    for plugin in plugins.values():
        index = getattr(plugin, "search_index", None)
        if (index is not None and type(getattr(index, "entries", None)) is list
                and not index.entries and callable(getattr(index, "generate_search_index", None))
                and callable(getattr(index, "create_entry_for_section", None))):
            return SpooledIndex(index, folder)
    return None
