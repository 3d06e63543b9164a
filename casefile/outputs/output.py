"""Atomic output: build into a staging folder beside the target, then swap it in.

A failed build discards the staging folder and leaves the previous site byte-for-byte
as it was, so nothing half-built can ever be deployed.

- **Which folders.** An output folder is replaced whole, so it must be casefile's own:
  ``refusal`` turns down one that is, contains or sits inside the project's data, content,
  macros, overrides, ``.git`` or casefile's code, a file, and any non-empty folder without
  the ``.casefile-output`` marker that every output carries.
- **The swap.** On Linux, ``renameat2(RENAME_EXCHANGE)`` exchanges the staging folder and
  the target in one step, so at every instant the target is a complete site (the old one
  or the new one). Where it is not available (another system, a file system without it),
  the fallback is two renames; a kill between them leaves the old site as
  ``.NAME-retired-PID``, which the next build puts back before anything else.
- **Leftovers.** Staging, retired and generated folders are named with their build's
  process id; each build removes those whose process is no longer alive.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from casefile.fork import Forked
from casefile.reading.cache import pid_alive

MARKER = ".casefile-output"
MARKER_TEXT = ("This folder was written by casefile. Each build replaces it whole, so do "
               "not keep anything else in it.\n")
MARKER_BYTES = MARKER_TEXT.encode("ascii")  # the same bytes whatever the machine's locale
LEGACY = "data/casefile.json"  # in every output written before the marker existed
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def refusal(target: Path, protected: Iterable[tuple[str, Path]]) -> str | None:
    """Why ``target`` may not be an output folder, or None. ``protected`` lists (label,
    folder) pairs: folders that no build may be, contain or write into."""
    out = target.resolve()
    for label, folder in protected:
        where = folder.resolve()
        if out == where:
            return f"this is the {label} folder"
        if out in where.parents:
            return f"this folder contains the {label} folder ({where}), which a build would delete"
        if where in out.parents:
            return f"this is inside the {label} folder ({where})"
    if out.exists() and not out.is_dir():
        return "this is a file, not a folder"
    if out.is_dir() and not is_output(out) and any(out.iterdir()):
        return (f"this folder is not empty and was not written by casefile (it has no {MARKER} "
                "file), and a build replaces its output folder whole")
    return None


def is_output(folder: Path) -> bool:
    """A folder an earlier build wrote: it carries the marker (or, from before the marker,
    casefile's open data file)."""
    return (folder / MARKER).is_file() or (folder / LEGACY).is_file()


def project_folders(root: Path, *named: tuple[str, Path | None]) -> list[tuple[str, Path]]:
    """The folders of a project that an output may never touch: its ``.git``, its
    ``macros`` and ``overrides``, casefile's own code, and the (label, folder) pairs named
    (data, content...); those given as None are left out."""
    found = [("project's .git", root / ".git"), ("project's macros", root / "macros"),
             ("project's overrides", root / "overrides"),
             ("casefile code", Path(__file__).resolve().parent.parent)]
    return found + [(f"project's {label}", path) for label, path in named if path is not None]


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where that is not possible."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False  # the file system or kernel cannot: use the fallback
    raise OSError(code, os.strerror(code), str(b))


def clean_leftovers(target: Path) -> None:
    """Remove what killed builds left beside ``target`` (only those whose process is
    dead); if the fallback swap was killed midway, first put the old site back."""
    pattern = re.compile(rf"\.{re.escape(target.name)}-(staging|retired)-(\d+)(-generated)?")
    if not target.parent.is_dir():
        return
    dead = []
    for entry in sorted(target.parent.iterdir(), key=lambda p: p.name):
        match = pattern.fullmatch(entry.name)
        if match and int(match[2]) != os.getpid() and not pid_alive(int(match[2])):
            dead.append((match[1], entry))
    for kind, entry in dead:
        if kind == "retired" and not os.path.lexists(target):
            os.replace(entry, target)
        else:
            _remove(entry)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


class AtomicOutput:
    def __init__(self, target: Path) -> None:
        self.target = target.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(self.target)
        self.staging = self.target.parent / f".{self.target.name}-staging-{os.getpid()}"
        self.retired = self.target.parent / f".{self.target.name}-retired-{os.getpid()}"
        shutil.rmtree(self.staging, ignore_errors=True)

    def prepare(self) -> None:
        """Create the staging folder, with the marker that says casefile wrote it."""
        self.staging.mkdir()
        (self.staging / MARKER).write_bytes(MARKER_BYTES)

    def commit(self) -> None:
        """Replace the target with the staging folder; the target is complete throughout."""
        if not (self.staging / MARKER).is_file():
            (self.staging / MARKER).write_bytes(MARKER_BYTES)
        if os.path.lexists(self.target) and _exchange(self.staging, self.target):
            _remove(self.staging)  # now the old site
            return
        if os.path.lexists(self.target):  # fallback: two renames (see the module's doc)
            os.replace(self.target, self.retired)
        os.replace(self.staging, self.target)
        _remove(self.retired)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


class BackgroundFiles:
    """Generated files (open data, feeds) written by a forked child while the builder
    renders pages on the other core, then moved into the staging folder in one pass.

    ``produce`` yields (path in the site, text or the text's pieces). Where fork is not
    available the files are written when ``finish`` is called instead."""

    def __init__(self, produce: Callable[[], Iterable[tuple[str, str | Iterable[str]]]],
                 beside: Path) -> None:
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
            if isinstance(text, str):
                path.write_text(text, encoding="utf-8", newline="")
                continue
            with path.open("w", encoding="utf-8", newline="") as out:
                for piece in text:  # a large file, written as it is made
                    out.write(piece)

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
