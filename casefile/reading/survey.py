"""What is under the data folder: the plain files to read, and a problem for everything else.

Nothing under data/ is left out without a word. The walk reads directory entries only
(``os.scandir``, no recursion, so no folder depth can crash it) and never follows a
symbolic link or opens a special file. Every one of these is an error, located at the
entry itself:

- a symbolic link (to a file or a folder, dangling or looping);
- a named pipe, device or socket;
- a hidden file or folder (a name starting with ``.``), except ``.gitkeep`` files;
- a folder casefile does not read (anything but bodies/, people/, sources/,
  sources/copies/, cases/, cases/CASE/ and cases/CASE/records/), with nothing below it
  read;
- a case folder without ``case.yml``;
- a folder that cannot be listed.

Files in the wrong place or with the wrong ending are reported by ``pipeline._classify``.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from casefile.errors import Problem
from casefile.reading.beneath import DIR_FLAGS, open_folder
from casefile.reading.load import SYMLINK, not_regular

COPIES = "copies"  # data/sources/copies/: stored copies of documents (reading.copies)
KEEP = ".gitkeep"  # the empty marker `casefile init` writes so git keeps empty folders
_TOP_FOLDERS = ("bodies", "people", "sources", "cases")
_WHERE = ("data files go in themes.yml, vocabulary.yml, indicators.yml, bodies/, people/, "
          "sources/, cases/CASE/case.yml or cases/CASE/records/, and stored copies of "
          "documents in sources/copies/")


def _folder_allowed(rel: str, name: str) -> bool:
    """Whether the folder ``name`` inside the folder ``rel`` (relative to data/) is read."""
    parts = rel.split("/") if rel else []
    if not parts:
        return name in _TOP_FOLDERS
    if parts == ["cases"]:
        return True
    if parts == ["sources"]:
        return name == COPIES
    return len(parts) == 2 and parts[0] == "cases" and name == "records"


def prefix_length(folder: Path) -> int:
    """How many characters of a path below ``folder`` name ``folder`` and the separator
    after it: ``/srv/data/x`` → 10 for ``/srv/data``, but ``/data`` → 1 for ``/`` (the
    filesystem root's name already ends in one)."""
    return len(os.path.join(str(folder), ""))


def survey(data_dir: Path, root: Path, top: Path | None = None
           ) -> tuple[list[str], list[Problem]]:
    """(every plain, visible file under ``top`` (default: the data folder), sorted; the
    problems). Problems name entries relative to ``root``; ``top`` lies inside data_dir.

    The data folder is opened once and every folder below it relative to an open folder,
    never following a link (``casefile.reading.beneath``)."""
    files: list[str] = []
    problems: list[Problem] = []
    data_prefix, root_prefix = prefix_length(data_dir), prefix_length(root)

    def problem(path: str, message: str) -> None:
        problems.append(Problem(path[root_prefix:].replace(os.sep, "/"), 1, 1, "", message))

    try:
        base = os.open(data_dir, DIR_FLAGS)
    except OSError as exc:
        problem(str(data_dir), _unreadable(exc))
        return files, problems
    try:
        stack = [str(top or data_dir)]
        while stack:
            folder = stack.pop()
            rel = folder[data_prefix:].replace(os.sep, "/")
            try:
                fd = open_folder(base, rel)
            except OSError as exc:
                problem(folder, _unreadable(exc))
                continue
            try:  # the folder stays open while its entries are looked at (they stat by it)
                _walk(fd, folder, rel, files, stack, problem)
            finally:
                os.close(fd)
    finally:
        os.close(base)
    return sorted(files), problems


def _unreadable(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return SYMLINK
    return f"cannot read folder: {exc.strerror}; nothing in it was read"


def _walk(fd: int, folder: str, rel: str, files: list[str], stack: list[str],
          problem: Callable[[str, str], None]) -> None:
    """Sort the entries of the open folder ``fd`` (``rel`` below the data folder)."""
    try:
        with os.scandir(fd) as listing:
            entries = list(listing)
    except OSError as exc:
        problem(folder, _unreadable(exc))
        return
    if rel.count("/") == 1 and rel.startswith("cases/") and \
            not any(e.name == "case.yml" for e in entries):
        if _holds_anything(fd, entries):
            problem(os.path.join(folder, "case.yml"), "missing file: every case folder "
                    "needs a case.yml; without it nothing in the folder is read")
        return
    for entry in entries:
        _sort(entry, folder, rel, files, stack, problem)


_EMPTY_DEPTH = 20  # empty folders nested deeper than this count as something


def _holds_anything(fd: int, entries: list[os.DirEntry[str]], depth: int = 0) -> bool:
    """Whether these entries of the open folder ``fd`` hold anything but (nested) empty
    folders, as a case folder whose files were deleted does; unreadable counts as
    something."""
    if depth > _EMPTY_DEPTH:
        return True
    try:
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False):
                return True
            sub = open_folder(fd, entry.name)
            try:
                with os.scandir(sub) as listing:
                    if _holds_anything(sub, list(listing), depth + 1):
                        return True
            finally:
                os.close(sub)
    except OSError:
        return True
    return False


def _sort(entry: os.DirEntry[str], folder: str, rel: str, files: list[str], stack: list[str],
          problem: Callable[[str, str], None]) -> None:
    """File one directory entry of ``folder``: a file to read, a folder to walk, or a
    problem."""
    path = os.path.join(folder, entry.name)
    try:
        if entry.is_symlink():
            problem(path, SYMLINK)
        elif entry.is_dir(follow_symlinks=False):
            if entry.name.startswith("."):
                problem(path, "hidden folder: casefile does not read hidden folders; "
                        "move it out of the data folder")
            elif not _folder_allowed(rel, entry.name):
                problem(path, f"unexpected folder: nothing in it is read; {_WHERE}")
            else:
                stack.append(path)
        elif not entry.is_file(follow_symlinks=False):
            problem(path, not_regular(entry.stat(follow_symlinks=False).st_mode))
        elif entry.name.startswith("."):
            if entry.name != KEEP:
                problem(path, "hidden file: casefile does not read hidden files; "
                        "rename it without the leading '.' or move it out of the data folder")
        else:
            files.append(path)
    except OSError as exc:
        problem(path, f"cannot read folder entry: {exc.strerror}")
