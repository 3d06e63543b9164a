"""What is under the data folder: the plain files to read, and a problem for everything else.

Nothing under data/ is left out without a word. The walk reads directory entries only
(``os.scandir``, no recursion, so no folder depth can crash it) and never follows a
symbolic link or opens a special file. Every one of these is an error, located at the
entry itself:

- a symbolic link (to a file or a folder, dangling or looping);
- a named pipe, device or socket;
- a hidden file or folder (a name starting with ``.``), except ``.gitkeep`` files;
- a folder casefile does not read (anything but bodies/, people/, sources/, cases/,
  cases/CASE/ and cases/CASE/records/), with nothing below it read;
- a case folder without ``case.yml``;
- a folder that cannot be listed.

Files in the wrong place or with the wrong ending are reported by ``pipeline._classify``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from casefile.errors import Problem
from casefile.reading.load import SYMLINK, not_regular

KEEP = ".gitkeep"  # the empty marker `casefile init` writes so git keeps empty folders
_TOP_FOLDERS = ("bodies", "people", "sources", "cases")
_WHERE = ("data files go in themes.yml, vocabulary.yml, bodies/, people/, sources/, "
          "cases/CASE/case.yml or cases/CASE/records/")


def _folder_allowed(rel: str, name: str) -> bool:
    """Whether the folder ``name`` inside the folder ``rel`` (relative to data/) is read."""
    parts = rel.split("/") if rel else []
    if not parts:
        return name in _TOP_FOLDERS
    if parts == ["cases"]:
        return True
    return len(parts) == 2 and parts[0] == "cases" and name == "records"


def survey(data_dir: Path, root: Path, top: Path | None = None
           ) -> tuple[list[str], list[Problem]]:
    """(every plain, visible file under ``top`` (default: the data folder), sorted; the
    problems). Problems name entries relative to ``root``; ``top`` lies inside data_dir."""
    files: list[str] = []
    problems: list[Problem] = []
    data_prefix, root_prefix = len(str(data_dir)) + 1, len(str(root)) + 1

    def problem(path: str, message: str) -> None:
        problems.append(Problem(path[root_prefix:].replace(os.sep, "/"), 1, 1, "", message))

    stack = [str(top or data_dir)]
    while stack:
        folder = stack.pop()
        rel = folder[data_prefix:].replace(os.sep, "/")
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            problem(folder, f"cannot read folder: {exc.strerror}; nothing in it was read")
            continue
        if rel.count("/") == 1 and rel.startswith("cases/") and \
                not any(e.name == "case.yml" for e in entries):
            if _holds_anything(entries):
                problem(os.path.join(folder, "case.yml"), "missing file: every case folder "
                        "needs a case.yml; without it nothing in the folder is read")
            continue
        for entry in entries:
            _sort(entry, rel, files, stack, problem)
    return sorted(files), problems


def _holds_anything(entries: list[os.DirEntry[str]]) -> bool:
    """Whether these entries hold anything but (nested) empty folders, as a case folder
    whose files were deleted does; unreadable counts as something."""
    stack = list(entries)
    while stack:
        entry = stack.pop()
        try:
            if not entry.is_dir(follow_symlinks=False):
                return True
            with os.scandir(entry.path) as listing:
                stack += listing
        except OSError:
            return True
    return False


def _sort(entry: os.DirEntry[str], rel: str, files: list[str], stack: list[str],
          problem: Callable[[str, str], None]) -> None:
    """File one directory entry: a file to read, a folder to walk, or a problem."""
    try:
        if entry.is_symlink():
            problem(entry.path, SYMLINK)
        elif entry.is_dir(follow_symlinks=False):
            if entry.name.startswith("."):
                problem(entry.path, "hidden folder: casefile does not read hidden folders; "
                        "move it out of the data folder")
            elif not _folder_allowed(rel, entry.name):
                problem(entry.path, f"unexpected folder: nothing in it is read; {_WHERE}")
            else:
                stack.append(entry.path)
        elif not entry.is_file(follow_symlinks=False):
            problem(entry.path, not_regular(entry.stat(follow_symlinks=False).st_mode))
        elif entry.name.startswith("."):
            if entry.name != KEEP:
                problem(entry.path, "hidden file: casefile does not read hidden files; "
                        "rename it without the leading '.' or move it out of the data folder")
        else:
            files.append(entry.path)
    except OSError as exc:
        problem(entry.path, f"cannot read folder entry: {exc.strerror}")
