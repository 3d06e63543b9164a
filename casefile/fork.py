"""Work done in a forked child on the other core, its result sent back through a pipe.

Used to load large data sets (the parent keeps only the compact model), to render half of
the generated pages, and to write open data while the builder renders pages. Forking is
Linux only here, and not while a builder serves pages from threads; elsewhere ``Forked``
runs the function when its result is asked for.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import pickle
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import Any

_allowed = True


def allow(allowed: bool) -> None:
    """Forbid (or allow again) forking: a builder serving pages from threads sets this."""
    global _allowed
    _allowed = allowed


def available() -> bool:
    return _allowed and sys.platform == "linux"


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic objects (parsed and
    unpickled records): its full passes rescan everything built so far, which made
    parsing 27,000 files take 6.1 s instead of 3.3 s."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Forked:
    """``fn()`` in a child process; ``result()`` waits for its return value."""

    def __init__(self, fn: Callable[[], Any], name: str = "casefile-worker") -> None:
        self.fn = fn
        self.process: Any = None
        if not available():
            return
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)

        def child() -> None:
            try:
                payload = ("ok", fn())
            except BaseException:  # a bug: carry the traceback to the parent
                payload = ("crash", traceback.format_exc())
            sender.send_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
            sender.close()

        self.process = context.Process(target=child, name=name)
        self.process.start()
        sender.close()

    def result(self) -> Any:
        """The child's return value; RuntimeError (with its traceback) if it failed."""
        if self.process is None:
            return self.fn()
        try:
            with no_gc():  # unpickling many acyclic objects
                kind, value = pickle.loads(self.receiver.recv_bytes())
        except EOFError:
            kind, value = "crash", f"the process ended with status {self.process.exitcode}"
        finally:
            self.process.join()
        if kind == "crash":
            raise RuntimeError(value)
        return value

    def cancel(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join()
