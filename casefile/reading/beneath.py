"""Opening files and folders beneath the data folder without following any link.

The survey looks at every entry before it is read, but a folder could be swapped for a
symbolic link between that look and the open. So nothing is opened by its full path: the
data folder is opened once (``O_DIRECTORY | O_NOFOLLOW``), and every folder and file below
it is opened relative to an open folder, one name at a time, each with ``O_NOFOLLOW``. A
folder swapped for a link is then never followed: its open fails with ELOOP, which the
reader reports as a link.
"""

from __future__ import annotations

import errno
import os
import stat
from types import TracebackType

DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


def open_folder(base_fd: int, rel: str) -> int:
    """A new descriptor for the folder ``rel`` (names joined by ``/``; "" for the base)
    below the open folder ``base_fd``; OSError (ELOOP for a link) if it cannot be opened."""
    fd = os.dup(base_fd)
    try:
        for name in rel.split("/") if rel else ():
            child = _open_child(name, fd)
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open_child(name: str, fd: int) -> int:
    """Open the folder ``name`` in the open folder ``fd``. Linux refuses a link there with
    ENOTDIR (O_DIRECTORY wins over O_NOFOLLOW); say ELOOP, as for a linked file."""
    try:
        return os.open(name, DIR_FLAGS, dir_fd=fd)
    except NotADirectoryError:
        if stat.S_ISLNK(os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode):
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), name) from None
        raise


class Beneath:
    """The files below one folder, opened as the module's doc says. A context manager; it
    keeps the folder of the last file open, as files come sorted by folder."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip(os.sep)
        self.fd: int | None = None
        self.error: OSError | None = None
        self.parent: tuple[str, int] | None = None

    def __enter__(self) -> Beneath:
        try:
            self.fd = os.open(self.base, DIR_FLAGS)
        except OSError as exc:
            self.error = exc
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._drop_parent()
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def _drop_parent(self) -> None:
        if self.parent is not None:
            os.close(self.parent[1])
            self.parent = None

    def open(self, path: str, flags: int) -> int:
        """Open ``path``, a path below the base as the survey gives it, with ``flags``
        (which should hold O_NOFOLLOW for the file itself)."""
        if not path.startswith(self.base + os.sep):
            return os.open(path, flags)  # not below the base: nothing to walk
        if self.fd is None:
            raise self.error or OSError("the data folder is not open")
        folder, _, name = path[len(self.base) + 1:].rpartition(os.sep)
        if self.parent is None or self.parent[0] != folder:
            self._drop_parent()
            self.parent = (folder, open_folder(self.fd, folder.replace(os.sep, "/")))
        return os.open(name, flags, dir_fd=self.parent[1])
