"""A cache of validated files, keyed by each file's content hash, so an unchanged file is
never parsed twice.

It lives in the user's cache folder (``$CASEFILE_CACHE`` or ``~/.cache/casefile``), never in
the repository: a pull request must not be able to plant a pickle that CI would load.
It is also keyed by a hash of casefile's own code, so new code never reads old results.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from casefile.fork import available as fork_available
from casefile.fork import no_gc

_CODE = Path(__file__).resolve().parent


def code_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(_CODE.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    base = os.environ.get("CASEFILE_CACHE") or Path.home() / ".cache" / "casefile"
    return Path(base)


BACKGROUND_FROM = 2000  # cached files; below this, writing takes milliseconds


class ParseCache:
    """Maps (relative path, content hash) → (validated record, problems)."""

    def __init__(self, data_dir: Path) -> None:
        key = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
        self.path = cache_dir() / f"check-{key}-{code_hash()}.pickle"
        self.entries: dict[str, tuple[str, Any]] = {}
        self.dirty = False
        self.saving: int | None = None  # the process writing the cache in the background
        try:
            with self.path.open("rb") as handle, no_gc():
                self.entries = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            self.entries = {}

    def get(self, rel: str, digest: str) -> Any | None:
        hit = self.entries.get(rel)
        return hit[1] if hit and hit[0] == digest else None

    def put(self, rel: str, digest: str, value: Any) -> None:
        self.entries[rel] = (digest, value)
        self.dirty = True

    def save(self, keep: set[str], background: bool = False) -> None:
        """Write the cache, keeping only ``keep``. In the background (a forked child, for
        large caches on Linux) the caller goes on linking on the other core; ``wait``."""
        stale = set(self.entries) - keep
        for rel in stale:
            del self.entries[rel]
        if not (self.dirty or stale):
            return
        if background and fork_available() and len(self.entries) > BACKGROUND_FROM:
            pid = os.fork()
            if pid == 0:  # the child: write, then leave without running any exit handlers
                try:
                    self._write()
                finally:
                    os._exit(0)
            self.saving = pid
        else:
            self._write()

    def wait(self) -> None:
        """Wait for a background save to finish."""
        if self.saving is not None:
            os.waitpid(self.saving, 0)
            self.saving = None

    def _write(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as handle:
                pickle.dump(self.entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
            remove_stale(self.path)
        except OSError:
            pass  # a cache that cannot be written only costs time


def remove_stale(current: Path) -> None:
    """Remove this data folder's files left by older versions of casefile's code (named
    ``<kind>-<data key>-<code hash>.pickle``): each can be tens of megabytes."""
    kind, key, _code = current.stem.split("-")
    for old in current.parent.glob(f"{kind}-{key}-*.pickle"):
        if old != current:
            old.unlink(missing_ok=True)


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()
