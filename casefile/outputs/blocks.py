"""Generated pages' HTML blocks, kept on disk until MkDocs builds their page.

MkDocs converts every page before it writes the first, so blocks held in memory (or put
back into each page's HTML as it is converted) meant every generated page's full HTML at
once: 682 MB at 1000 synthetic cases. Here each page's blocks go, as UTF-8, into an unnamed
temporary file (gone when it is closed or the process ends) as soon as they are rendered;
``take`` reads one page's back, once, when that page is built. A forked renderer writes
into a file of its own, opened before the fork, and sends back only where each page is.

``Shares`` hands the pages out to the two processes as they go, so that neither waits for
the other however unevenly the pages cost.
"""

from __future__ import annotations

import fcntl
import os
import struct
import tempfile
from collections.abc import Iterator
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


class Shares:
    """The pages, numbered 0 to ``count`` - 1, taken by two processes as each is ready for
    more: one from the front, the other from the back, until they meet. What is left is
    kept in a small temporary file opened before the fork (two numbers: the first page
    not yet taken from the front, and the one after the last not yet taken from the back),
    changed under a POSIX lock, which a process that dies lets go of. Each takes a
    sixteenth of what is left at a time (at least one page): few turns of the lock, and
    the last pages, taken one by one, leave neither waiting long."""

    PART = 16

    def __init__(self, count: int, folder: Path | None = None) -> None:
        self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed by close)
        os.pwrite(self._file.fileno(), struct.pack("=qq", 0, count), 0)

    def _take(self, front: bool) -> range:
        fd = self._file.fileno()
        fcntl.lockf(fd, fcntl.LOCK_EX)
        try:
            first, end = struct.unpack("=qq", os.pread(fd, 16, 0))
            size = min(end - first, max(1, (end - first) // self.PART))
            taken = range(first, first + size) if front else range(end - size, end)
            left = (first + size, end) if front else (first, end - size)
            os.pwrite(fd, struct.pack("=qq", *left), 0)
        finally:
            fcntl.lockf(fd, fcntl.LOCK_UN)
        return taken

    def each(self, front: bool) -> Iterator[int]:
        """Page numbers for one process, taken as it asks for them."""
        while taken := self._take(front):
            yield from taken

    def close(self) -> None:
        self._file.close()
