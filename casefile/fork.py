"""Work done in a forked child on the other core, its result sent back through a pipe.

Used to load large data sets (the parent keeps only the compact model), to render half of
the generated pages, and to write open data while the builder renders pages. Forking is
Linux only here, and not while a builder serves pages from threads; elsewhere ``Forked``
runs the function when its result is asked for.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import sys
import time
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


DEADLINE = 3600.0  # seconds a forked child may take before it is killed
POLL = 0.2  # seconds between checks that the child is still alive


class ForkError(RuntimeError):
    """The child failed: it raised (the message holds its traceback), was killed, or ran
    past its deadline."""


def _ended(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (the system may have run out of memory)" if -exitcode == signal.SIGKILL else ""
        return f"was killed by {name}{hint}"
    return f"ended with status {exitcode} before sending its result"


class Forked:
    """``fn()`` in a child process; ``result()`` waits for its return value.

    The child leads its own process group, so the workers it starts go with it: when it
    dies (killed by the OOM killer, say) or runs past ``deadline`` seconds, the whole group
    is killed, and ``result()`` raises ForkError. The parent never blocks on the pipe:
    it reads only what select says is there, and notices a dead child between reads."""

    def __init__(self, fn: Callable[[], Any], name: str = "casefile-worker",
                 deadline: float | None = None) -> None:
        self.fn, self.name = fn, name
        self.deadline = DEADLINE if deadline is None else deadline
        self.process: Any = None
        if not available():
            return
        import multiprocessing  # here: the incremental check forks nothing (0.03 s import)

        context = multiprocessing.get_context("fork")
        self.reader, writer = os.pipe()

        def child() -> None:
            os.setpgid(0, 0)
            os.close(self.reader)
            try:
                payload = ("ok", fn())
            except BaseException:  # a bug: carry the traceback to the parent
                payload = ("crash", traceback.format_exc())
            with os.fdopen(writer, "wb") as out:
                out.write(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))

        self.process = context.Process(target=child, name=name)
        self.process.start()
        with contextlib.suppress(OSError):  # the child may already have done it, or ended
            os.setpgid(self.process.pid, self.process.pid)
        os.close(writer)
        self.started = time.monotonic()

    def _kill_group(self) -> None:
        with contextlib.suppress(OSError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def _receive(self) -> bytes:
        """Everything the child wrote, until every writer has closed the pipe."""
        chunks: list[bytes] = []
        dead = False
        while True:
            remaining = self.started + self.deadline - time.monotonic()
            if remaining <= 0:
                self._kill_group()
                raise ForkError(f"the {self.name} process took longer than "
                                f"{self.deadline:g} s and was stopped")
            ready, _, _ = select.select([self.reader], [], [], min(POLL, remaining))
            if ready:
                chunk = os.read(self.reader, 1 << 20)
                if not chunk:
                    return b"".join(chunks)
                chunks.append(chunk)
            elif not dead and not self.process.is_alive():
                # whatever it wrote is in the pipe: its workers may still hold the pipe
                # open, and would keep it open for ever
                dead = True
                self._kill_group()

    def result(self) -> Any:
        """The child's return value; ForkError (with its traceback) if it failed."""
        if self.process is None:
            return self.fn()
        try:
            raw = self._receive()
        finally:
            self._close()
            self._kill_group()  # any worker it left behind
            self.process.join()
        try:
            with no_gc():  # unpickling many acyclic objects
                kind, value = pickle.loads(raw)
        except Exception:  # nothing, or half a result: it died while writing
            raise ForkError(f"the {self.name} process "
                            f"{_ended(self.process.exitcode)}") from None
        if kind == "crash":
            raise ForkError(value)
        return value

    def cancel(self) -> None:
        if self.process is not None and self.process.is_alive():
            self._kill_group()
            self.process.join()
        self._close()

    def _close(self) -> None:
        if self.process is not None and self.reader >= 0:
            os.close(self.reader)
            self.reader = -1
