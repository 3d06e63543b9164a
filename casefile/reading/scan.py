"""The folder scan of ``casefile check``: a signature of every entry under the data folder,
by group (the shared files, each case folder), from directory entries alone.

A check after a one-file edit at 1000 cases looks at 41,000 entries (a third of a second
of CPU) and imports the checker (another third): ``Early`` starts the scan in a forked
child before the parent imports anything else, so the two run on both cores. This module
imports only the standard library's lightest modules, so the fork comes first."""

from __future__ import annotations

import hashlib
import marshal
import operator
import os
import sys
import time
from itertools import repeat
from pathlib import Path
from stat import S_ISDIR, S_ISREG

SHARED = ""  # the group of files outside cases/
RACY = "racy"
RACY_NS = 2_000_000_000
COPIES = "copies"  # data/sources/copies/: stored copies of documents (reading.copies)
COPY_ENDINGS = (".txt", ".md", ".html", ".htm", ".pdf")
_COPIES = f"sources/{COPIES}/"
_DATA_FILES = (".yml", ".yaml")


class Group:
    """One group's folder entries as seen by ``scan``: a signature of their metadata,
    the plain data files in it, and whether it holds anything else."""

    __slots__ = ("files", "odd", "signature")

    def __init__(self, signature: str, files: list[str] | None = None, odd: bool = False
                 ) -> None:
        self.signature = signature
        self.files: list[str] = [] if files is None else files
        self.odd = odd  # a symlink, special file, hidden or non-YAML entry

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Group) and (self.signature, self.files, self.odd) == (
            other.signature, other.files, other.odd)

    def __repr__(self) -> str:
        return f"Group({self.signature!r}, {len(self.files)} files, odd={self.odd})"


_LSTAT = operator.methodcaller("stat", follow_symlinks=False)
_NAME = operator.attrgetter("name")
_MODE, _MTIME, _CTIME = (operator.attrgetter(f"st_{a}") for a in ("mode", "mtime_ns", "ctime_ns"))
_SIGN = operator.attrgetter("st_mode", "st_ino", "st_size", "st_mtime_ns", "st_ctime_ns")


def scan(data_dir: Path) -> dict[str, Group] | None:
    """Group → its entries, from directory entries alone (symlinks never followed); None
    when a folder cannot be read (only the full check can report that).

    The signature covers every entry, whatever its name or type, with its size,
    modification and change times and inode: an edit put back to the old size and time
    (``touch -r``) still changes the change time, which no user can set. A group with an
    entry changed in the last two seconds gets the signature RACY, which never matches:
    a second edit within the file system's timestamp granularity could otherwise leave
    the same signature (git's "racy clean" problem); its contents are then compared. A
    folder's own times count for the group of what is in it (they change when an entry
    is added, removed or renamed there)."""
    racy_from = time.time_ns() - RACY_NS
    entries: dict[str, list[tuple[object, ...]]] = {}
    groups: dict[str, Group] = {}
    newest: dict[str, int] = {}
    # (folder relative to data_dir, ending in "/"; its group; its own newest time)
    stack: list[tuple[str, str, int]] = [("", SHARED, 0)]
    while stack:
        prefix, group, times = stack.pop()
        newest[group] = max(newest.get(group, 0), times)
        try:
            found, stats = _listing(os.path.join(data_dir, prefix))
        except OSError:
            return None  # a missing or unreadable folder: the full check reports it
        if found:
            into = groups.get(group) or groups.setdefault(group, Group(""))
            folders, latest = _folder(prefix, group, found, stats, into,
                                      entries.setdefault(group, []))
            newest[group] = max(newest[group], latest)
            stack += folders
    for group, lines in entries.items():  # in the order the folders list them: unsorted, as
        # an order that changed with nothing else only costs comparing contents
        groups[group].signature = RACY if newest[group] > racy_from else hashlib.blake2b(
            marshal.dumps(lines), digest_size=16).hexdigest()
    return groups


_BY_FD = os.scandir in os.supports_fd
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)


def _listing(path: str) -> tuple[list[os.DirEntry[str]], list[os.stat_result]]:
    """A folder's entries and their own metadata (links not followed). Where it can, the
    folder is opened once and each entry looked up in it (``fstatat``), not by its whole
    path from the root again (a sixth less time for 41,000 entries); never through a
    folder swapped for a link since it was listed (O_NOFOLLOW)."""
    if not _BY_FD:
        with os.scandir(path) as it:
            found = list(it)
        return found, list(map(_LSTAT, found))
    fd = os.open(path, _FOLDER)
    try:
        with os.scandir(fd) as it:
            found = list(it)  # type: ignore[arg-type]
        return found, list(map(_LSTAT, found))
    finally:
        os.close(fd)


def _folder(prefix: str, group: str, found: list[os.DirEntry[str]], stats: list[os.stat_result],
            into: Group, lines: list[tuple[object, ...]]
            ) -> tuple[list[tuple[str, str, int]], int]:
    """One folder's entries into its group's signature ``lines`` and ``into``; returns
    the folders in it, to scan, and the newest time of its other entries. Every entry is
    looked at on every check (an edit in place changes no folder's times), 41,000 at 1000
    cases: a folder of plain files only, the usual one, is taken whole by C loops
    (``map``), without Python work per entry."""
    names = list(map(_NAME, found))
    rels = list(map(prefix.__add__, names))
    endings = COPY_ENDINGS if prefix == _COPIES else _DATA_FILES
    if all(map(S_ISREG, map(_MODE, stats))) and all(map(str.endswith, names, repeat(
            endings))) and not any(map(str.startswith, names, repeat("."))):
        lines += zip(rels, map(_SIGN, stats), strict=True)
        into.files += rels
        return [], max(*map(_MTIME, stats), *map(_CTIME, stats))
    folders, latest = [], 0
    for rel, name, st in zip(rels, names, stats, strict=True):
        if S_ISDIR(st.st_mode):
            folders.append((rel + "/", name if prefix == "cases/" else group,
                            max(st.st_mtime_ns, st.st_ctime_ns)))
            lines.append((rel,))
            into.odd = into.odd or name.startswith(".")
            continue
        lines.append((rel, _SIGN(st)))
        latest = max(latest, st.st_mtime_ns, st.st_ctime_ns)
        if S_ISREG(st.st_mode) and name.endswith(endings) and not name.startswith("."):
            into.files.append(rel)
        else:
            into.odd = True
    return folders, latest


def _forking() -> bool:
    """Whether a child may be forked here: Linux, and not where ``casefile.fork`` has been
    told not to (a builder serving pages from threads)."""
    forks = sys.modules.get("casefile.fork")
    return sys.platform == "linux" and (forks is None or forks.available())


class Early:
    """``scan(data_dir)``, started at once in a forked child (where forking is available);
    ``result`` gives it, or scans here if the child could not. A scan started earlier is
    as safe as one started later: whatever changes after it is seen by the next check."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.pid = 0
        self.fd = -1
        if not _forking():
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: only system calls and marshal, then gone
            code = 1
            try:
                os.close(read)
                groups = scan(data_dir)
                plain = None if groups is None else {
                    name: (g.signature, g.files, g.odd) for name, g in groups.items()}
                with os.fdopen(write, "wb") as out:
                    out.write(marshal.dumps(plain))
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self.pid, self.fd = pid, read

    def _collect(self) -> bytes | None:
        """The child's answer, once it has ended (None if it failed)."""
        with os.fdopen(self.fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        return data if os.waitstatus_to_exitcode(status) == 0 else None

    def result(self) -> dict[str, Group] | None:
        """The scan: the child's, or (it failed, or none was started) made here."""
        if self.pid:
            data = self._collect()
            if data:
                plain = marshal.loads(data)
                return None if plain is None else {
                    name: Group(*entry) for name, entry in plain.items()}
        return scan(self.data_dir)

    def close(self) -> None:
        """End the child if its result was never asked for (never left as a zombie)."""
        if self.pid:
            self._collect()
