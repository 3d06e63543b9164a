"""A cache of validated files, keyed by each file's content hash, so an unchanged file is
never parsed twice.

It lives in the user's cache folder (``$CASEFILE_CACHE`` or ``~/.cache/casefile``), never in
the repository: a pull request must not be able to plant a pickle that CI would load.
It is also keyed by a hash of casefile's own code, so new code never reads old results.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from casefile.fork import Forked, no_gc

_CODE = Path(__file__).resolve().parent.parent  # the casefile package


@functools.cache
def code_hash() -> str:
    """A hash of casefile's own code (computed once per process)."""
    digest = hashlib.sha256()
    for path in sorted(_CODE.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    base = os.environ.get("CASEFILE_CACHE") or Path.home() / ".cache" / "casefile"
    return Path(base)


def cache_file(kind: str, data_dir: Path) -> Path:
    """``<kind>-<data folder key>-<code hash>.pickle`` in the cache folder."""
    key = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return cache_dir() / f"{kind}-{key}-{code_hash()}.pickle"


def read_pickle(path: Path, expect: type | None = None) -> Any | None:
    """What a cache file holds, or None when it is missing. A file that cannot be read
    back (truncated, overwritten, not ``expect``) is deleted with a one-line warning: the
    run then checks everything afresh and writes a new one."""
    try:
        with path.open("rb") as handle, no_gc():
            value = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # garbage can make the unpickler raise almost anything
        return _discard(path, type(exc).__name__)
    if expect is not None and not isinstance(value, expect):
        return _discard(path, f"it holds {type(value).__name__}, not {expect.__name__}")
    return value


def _discard(path: Path, why: str) -> None:
    print(f"casefile: warning: the cache file {path} is corrupt ({why}); deleted it, "
          "so this run reads everything afresh", file=sys.stderr)
    with contextlib.suppress(OSError):
        path.unlink()


def write_pickle(path: Path, value: Any) -> None:
    """Write a cache file atomically, and remove its older-code versions and the
    temporary files of writers that were killed. A failed or interrupted write removes
    its own temporary file."""
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_dead_temporaries(path)
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        remove_stale(path)
    except OSError:
        pass  # a cache that cannot be written only costs time
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def remove_dead_temporaries(current: Path) -> None:
    """Remove ``<name>.<pid>.tmp`` files beside ``current`` whose writer is no longer
    alive (a SIGKILL or power cut leaves them; each can be tens of megabytes)."""
    for tmp in current.parent.glob(f"{current.stem}.*.tmp"):
        pid = tmp.suffixes[-2][1:] if len(tmp.suffixes) >= 2 else ""
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
            tmp.unlink(missing_ok=True)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs (a leftover of a dead one may go)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process
        return True
    return True


BACKGROUND_FROM = 2000  # cached files; below this, writing takes milliseconds


def _entry_ok(entry: Any) -> bool:
    """One parse-cache entry as ``put`` writes it: (content hash, (record, problems, parsed))."""
    return (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str)
            and isinstance(entry[1], tuple) and len(entry[1]) == 3
            and isinstance(entry[1][1], list))


class ParseCache:
    """Maps (relative path, content hash) → (validated record, problems)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = cache_file("check", data_dir)
        loaded = read_pickle(self.path, dict)
        if isinstance(loaded, dict) and not all(_entry_ok(v) for v in loaded.values()):
            loaded = _discard(self.path, "an entry is not (hash, (record, problems, parsed))")
        self.entries: dict[str, tuple[str, Any]] = loaded if isinstance(loaded, dict) else {}
        self.dirty = False
        self.saving: Forked | None = None  # the child writing the cache in the background

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
        if background and len(self.entries) > BACKGROUND_FROM:
            self.saving = Forked(lambda: write_pickle(self.path, self.entries),
                                 "casefile-cache")
        else:
            write_pickle(self.path, self.entries)

    def wait(self) -> None:
        """Wait for a background save to finish (where forking is not available, this is
        where the cache is written)."""
        if self.saving is not None:
            with contextlib.suppress(RuntimeError):  # an unwritten cache only costs time
                self.saving.result()
            self.saving = None


def remove_stale(current: Path) -> None:
    """Remove this data folder's files left by older versions of casefile's code (named
    ``<kind>-<data key>-<code hash>.pickle``): each can be tens of megabytes."""
    kind, key, _code = current.stem.split("-")
    for old in current.parent.glob(f"{kind}-{key}-*.pickle"):
        if old != current:
            old.unlink(missing_ok=True)


def digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()
