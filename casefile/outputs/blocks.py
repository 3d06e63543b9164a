"""Generated pages' HTML blocks, kept on disk until MkDocs builds their page.

MkDocs converts every page before it writes the first, so blocks held in memory (or put
back into each page's HTML as it is converted) meant every generated page's full HTML at
once: 682 MB at 1000 synthetic cases. Here each page's blocks go, as UTF-8, into an unnamed
temporary file (gone when it is closed or the process ends) as soon as they are rendered;
``take`` reads one page's back, once, when that page is built. A forked renderer writes
into a file of its own, opened before the fork, and sends back only where each page is.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO

# src → (file number, offset, each block's length in bytes)
Where = dict[str, tuple[int, int, list[int]]]


class BlockStore:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._files: list[IO[bytes]] = []
        self._ends: list[int] = []
        self.where: Where = {}

    def new_file(self) -> int:
        """Open another file to write into (one per process); its number."""
        self._files.append(tempfile.TemporaryFile(dir=self.folder))  # noqa: SIM115 (closed by close)
        self._ends.append(0)
        return len(self._files) - 1

    def put(self, number: int, src: str, blocks: list[str]) -> None:
        """Write ``src``'s blocks at the end of file ``number``."""
        encoded = [block.encode("utf-8", "surrogatepass") for block in blocks]
        data = b"".join(encoded)
        start = self._ends[number]
        fd = self._files[number].fileno()
        written = 0
        while written < len(data):
            written += os.pwrite(fd, data[written:], start + written)
        self._ends[number] = start + len(data)
        self.where[src] = (number, start, [len(part) for part in encoded])

    def add(self, where: Where) -> None:
        """Take in where another process put its pages' blocks (in a file opened here)."""
        self.where.update(where)

    def __contains__(self, src: str) -> bool:
        return src in self.where

    def take(self, src: str) -> list[str] | None:
        """``src``'s blocks, read back and forgotten (each page is built once); None if it
        has none here."""
        found = self.where.pop(src, None)
        if found is None:
            return None
        number, start, lengths = found
        data = os.pread(self._files[number].fileno(), sum(lengths), start)
        blocks, at = [], 0
        for length in lengths:
            blocks.append(data[at:at + length].decode("utf-8", "surrogatepass"))
            at += length
        return blocks

    def close(self) -> None:
        for file in self._files:
            file.close()
        self._files.clear()
        self.where.clear()
