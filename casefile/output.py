"""Atomic output: build into a staging folder beside the target, then swap it in.

A failed build discards the staging folder and leaves the previous site byte-for-byte
as it was, so nothing half-built can ever be deployed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


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
