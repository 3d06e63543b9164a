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


# One group's part of a scan: (hash of its entries' lines, plain data files, odd, newest
# time); a walk: {group: part}, the start time, and whether it met sources/copies/
Part = tuple[str, list[str], bool, int]
Walk = tuple[dict[str, Part], int, bool]


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
    is added, removed or renamed there).

    The stored copies (sources/copies/) are walked on their own (``walk_copies``) and
    joined to the rest (``walk_rest``): ``Early`` has them walked by the parent while its
    child walks the rest. Either way the same signatures come out."""
    return joined(walk_rest(data_dir), walk_copies(data_dir))


def walk_rest(data_dir: Path) -> Walk | None:
    """Everything but the stored copies' folder (whose own times are counted)."""
    return _walk(data_dir, ("", SHARED, 0), _COPIES)


def walk_copies(data_dir: Path) -> Walk | None:
    """The stored copies' folder alone; None when it cannot be read (or is not there)."""
    return _walk(data_dir, (_COPIES, SHARED, 0), None)


def joined(rest: Walk | None, copies: Walk | None) -> dict[str, Group] | None:
    """The groups of the two walks; None where one failed, or they disagree on whether
    there is a folder of stored copies (it came or went between them)."""
    if rest is None or rest[2] != (copies is not None):
        return None
    racy_from = min(rest[1], copies[1] if copies else rest[1]) - RACY_NS
    groups = {}
    for name, (digest, files, odd, newest) in rest[0].items():
        if copies is not None and name == SHARED:
            more, files2, odd2, newest2 = copies[0].get(SHARED, ("", [], False, 0))
            digest = hashlib.blake2b(f"{digest}\0{more}".encode(), digest_size=16).hexdigest()
            files, odd, newest = files + files2, odd or odd2, max(newest, newest2)
        groups[name] = Group(RACY if newest > racy_from else digest, files, odd)
    return groups


def _walk(data_dir: Path, start: tuple[str, str, int], skip: str | None) -> Walk | None:
    """The parts of the groups of the folders from ``start`` (not into ``skip``)."""
    began = time.time_ns()
    entries: dict[str, list[tuple[object, ...]]] = {}
    groups: dict[str, Group] = {}
    newest: dict[str, int] = {}
    met = False
    stack: list[tuple[str, str, int]] = [start]  # (folder ending in "/", group, its times)
    while stack:
        prefix, group, times = stack.pop()
        newest[group] = max(newest.get(group, 0), times)
        if prefix == skip:
            met = True  # its own times counted; what is in it, by the other walk
            continue
        try:
            found, stats = _listing(os.path.join(data_dir, prefix))
        except OSError:
            return None  # a missing or unreadable folder: the full check reports it
        if found:  # (an empty folder makes no group of its own)
            into = groups.get(group) or groups.setdefault(group, Group(""))
            folders, latest = _folder(prefix, group, found, stats, into,
                                      entries.setdefault(group, []))
            newest[group] = max(newest[group], latest)
            stack += folders
    # each group's lines in the order the folders list them: unsorted, as an order that
    # changed with nothing else only costs comparing contents
    return {group: (hashlib.blake2b(marshal.dumps(entries.get(group, [])), digest_size=16
                                    ).hexdigest(), g.files, g.odd, newest[group])
            for group, g in groups.items()}, began, met


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
    """``scan(data_dir)``, the walk of all but the stored copies started at once in a forked
    child (where forking is available). The copies are walked by whichever of the two is
    free first: the child once its walk is done, or the parent once it has imported what
    it needs (``result``): a single token in a pipe, which only one of them can read, says
    who. If the child failed or none was started, the parent walks it all. A scan started
    earlier is as safe as one started later: whatever changes after it, the next check
    sees."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.pid = 0
        self.fd = -1
        self.token = -1
        if not _forking():
            return
        read, write = os.pipe()
        token, give = os.pipe()
        os.write(give, b"t")
        os.close(give)
        os.set_blocking(token, False)
        pid = os.fork()
        if pid == 0:  # the child: only system calls and marshal, then gone
            code = 1
            try:
                os.close(read)
                walked = walk_rest(data_dir)
                copies = walk_copies(data_dir) if _took(token) else None
                with os.fdopen(write, "wb") as out:
                    out.write(marshal.dumps((walked, copies is not None, copies)))
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self.pid, self.fd, self.token = pid, read, token

    def _collect(self) -> bytes | None:
        """The child's answer, once it has ended (None if it failed)."""
        with os.fdopen(self.fd, "rb") as pipe:
            data = pipe.read()
        os.close(self.token)
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        return data if os.waitstatus_to_exitcode(status) == 0 else None

    def result(self) -> dict[str, Group] | None:
        """The scan: the child's walks, and the copies' here if the child had not taken
        them (or all of it here)."""
        mine = walk_copies(self.data_dir) if not self.pid or _took(self.token) else None
        data = self._collect() if self.pid else None
        if not data:
            return joined(walk_rest(self.data_dir), mine or walk_copies(self.data_dir))
        rest, theirs, copies = marshal.loads(data)
        return joined(rest, copies if theirs else mine)

    def close(self) -> None:
        """End the child if its result was never asked for (never left as a zombie)."""
        if self.pid:
            self._collect()


def _took(token: int) -> bool:
    """Whether this process read the one token (the other one did not, and never will)."""
    try:
        return os.read(token, 1) == b"t"
    except BlockingIOError:
        return False
