"""The macros compiled once and kept between builds (Jinja's bytecode cache).

Compiling the macros folder takes about half a second of CPU, before the page renderer can
fork; read back compiled, it takes a few hundredths. The compiled code is kept in the user's
cache folder (``casefile.reading.cache``: never in the repository), in a folder named by
casefile's code and Jinja's version (so that new code, or another way of compiling, never
reads old code), one file per template, checked against a hash of the template's text by
Jinja. A cache that cannot be read or written is passed over: the macros are compiled.
"""

from __future__ import annotations

import contextlib
import shutil

import jinja2
from jinja2.bccache import Bucket

from casefile.reading.cache import cache_dir, code_hash

PREFIX = "macros-"


class CompiledMacros(jinja2.FileSystemBytecodeCache):
    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable, or garbage: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def compiled_macros() -> CompiledMacros | None:
    """The cache for this code and this Jinja, its folder made (and folders of older code
    removed) if need be; None when it cannot be made."""
    folder = cache_dir() / f"{PREFIX}{code_hash()}-{jinja2.__version__}"
    if not folder.is_dir():
        try:
            folder.mkdir(parents=True, mode=0o700)
        except OSError:
            return None
        for old in folder.parent.glob(f"{PREFIX}*"):
            if old != folder and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    return CompiledMacros(str(folder))
