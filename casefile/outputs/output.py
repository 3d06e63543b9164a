"""Atomic output: build into a staging folder beside the target, then swap it in.

A failed build discards the staging folder and leaves the previous site byte-for-byte
as it was, so nothing half-built can ever be deployed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from casefile.fork import Forked


class AtomicOutput:
    def __init__(self, target: Path) -> None:
        self.target = target.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.staging = self.target.parent / f".{self.target.name}-staging-{os.getpid()}"
        self.retired = self.target.parent / f".{self.target.name}-retired-{os.getpid()}"
        shutil.rmtree(self.staging, ignore_errors=True)

    def commit(self) -> None:
        """Replace the target with the staging folder (two renames; the gap is microseconds)."""
        if self.target.exists():
            os.replace(self.target, self.retired)
        os.replace(self.staging, self.target)
        shutil.rmtree(self.retired, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


class BackgroundFiles:
    """Generated files (open data, feeds) written by a forked child while the builder
    renders pages on the other core, then moved into the staging folder in one pass.

    ``produce`` yields (path in the site, text). Where fork is not available the files
    are written when ``finish`` is called instead."""

    def __init__(self, produce: Callable[[], Iterable[tuple[str, str]]], beside: Path) -> None:
        self.produce = produce
        self.folder = beside.parent / f"{beside.name}-generated"
        shutil.rmtree(self.folder, ignore_errors=True)
        self.worker: Forked | None = None

    def start(self) -> None:
        self.worker = Forked(self._write, "casefile-outputs")

    def _write(self) -> None:
        for src, text in self.produce():
            path = self.folder / src
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")

    def finish(self, into: Path) -> list[str]:
        """Wait for the files; move them into ``into``; return the paths that clashed
        with files already there (nothing is overwritten). Raise RuntimeError on failure."""
        try:
            self.worker.result() if self.worker is not None else self._write()
        except RuntimeError:
            self.cancel()
            raise
        clashes = _merge(self.folder, into, "") if self.folder.exists() else []
        shutil.rmtree(self.folder, ignore_errors=True)
        return clashes

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
        shutil.rmtree(self.folder, ignore_errors=True)


def _merge(source: Path, target: Path, prefix: str) -> list[str]:
    """Move everything in ``source`` into ``target``, whole folders where possible."""
    clashes = []
    for entry in sorted(os.scandir(source), key=lambda e: e.name):
        there = target / entry.name
        if not os.path.lexists(there):
            os.replace(entry.path, there)
        elif entry.is_dir() and there.is_dir():
            clashes += _merge(Path(entry.path), there, f"{prefix}{entry.name}/")
        else:
            clashes.append(f"{prefix}{entry.name}")
    return clashes
