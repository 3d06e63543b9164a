"""MkDocs' page loop in two halves: the last generated pages built on the other core (#12).

MkDocs builds its pages one after another in one process; at 200 synthetic cases that loop
took 22 of the build's 36 s, with the second core mostly idle. ``Tail`` forks a child
(``casefile.fork.Forked``) just before the loop starts; the child builds a tail of the
generated pages, in MkDocs' own order, with the function MkDocs builds each page with,
while the parent builds the rest and passes over the tail (the plugin gives those pages an
empty template, so MkDocs writes nothing for them).

The child's output is what MkDocs would write: a page is built from the page itself, the
navigation and the templates, all forked as they stood before the loop; a page built
earlier in the loop changes nothing a later one shows (the titles come from the front
matter or the first heading, read before the loop; the menu marks only the page being
built). ``tests/test_page_loop.py`` compares every file of split and serial builds.

What the child sends back: the warnings it logged (logged again in the parent, so strict
mode counts them and each is shown once), how many search entries it spooled into its own
file (opened before the fork; the parent appends it after its own), and what stopped it if
anything did. Nothing here imports MkDocs: the plugin passes the page builder in.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from casefile import fork

VARIABLE = "CASEFILE_PAGE_SPLIT"  # "off": one process; a number: the fewest pages to split
MIN_PAGES = 300  # generated pages below which splitting costs more than it saves
SHARE = 0.54  # the child's share of the pages' estimated cost (the parent has the rest to do)
PER_PAGE = 30_000  # a page's fixed cost (template, menu, footer), in bytes of its HTML
_WARNING = logging.WARNING


def min_pages() -> int | None:
    """The fewest generated pages worth splitting; None when splitting is switched off."""
    value = os.environ.get(VARIABLE, "").strip().lower()
    if value in ("off", "0", "no", "false"):
        return None
    return int(value) if value.isdigit() else MIN_PAGES


def cost(html: int, blocks: tuple[int, int, list[int]] | None) -> int:
    """A page's estimated cost to build: its converted HTML's length, its blocks' (where
    ``casefile.outputs.blocks`` keeps them) and a fixed part."""
    return PER_PAGE + html + (sum(blocks[2]) if blocks else 0)


def tail_start(costs: Sequence[int], first: int, share: float = SHARE) -> int:
    """Where the child's tail starts among pages of estimated ``costs``: at or after
    ``first`` (the first page it may build), so that the tail costs about ``share`` of all."""
    total = sum(costs)
    goal, at, tail = share * total, len(costs), 0
    while at > first and tail + costs[at - 1] / 2 < goal:
        at -= 1
        tail += costs[at]
    return at


@dataclass
class Outcome:
    """What the child sends back."""

    warnings: list[tuple[str, int, str]] = field(default_factory=list)  # logger, level, text
    entries: int = 0  # search entries spooled
    seconds: float = 0.0  # CPU time the child took
    failed: tuple[Any, ...] | None = None  # ("os", errno, strerror, filename) or ("bug", text)
    page: str = ""  # the page it stopped at


class _Keep(logging.Handler):
    """In the child: every warning and error, kept to be sent to the parent."""

    def __init__(self) -> None:
        super().__init__(_WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _below_warning(record: logging.LogRecord) -> bool:
    return record.levelno < _WARNING


def _hold_warnings(logger: logging.Logger) -> _Keep:
    """In the child: the console shows none of its warnings (the parent shows them)."""
    for handler in logger.handlers:
        handler.addFilter(_below_warning)
    keep = _Keep()
    logger.addHandler(keep)
    return keep


class Tail:
    """The pages ``pages`` built in a forked child by ``build`` (one page at a time).

    ``ready`` runs in the child first (the plugin points the search index at the child's
    own spool there); ``done`` runs in the child last and returns how many search entries
    it spooled. ``outcome()`` waits for the child (``fork.ForkError`` if it died)."""

    def __init__(self, pages: Sequence[Any], build: Callable[[Any], None],
                 ready: Callable[[], None], done: Callable[[], int],
                 logger: str = "mkdocs") -> None:
        self.pages = list(pages)
        self.sources = {page.file.src_uri for page in self.pages}
        self.build, self.ready, self.done, self.logger = build, ready, done, logger
        self.worker = fork.Forked(self._run, "casefile-pages")
        self.started = time.process_time()  # this process's CPU time, at the fork

    def _run(self) -> Outcome:
        start = time.process_time()
        keep = _hold_warnings(logging.getLogger(self.logger))
        self.ready()
        outcome = Outcome(warnings=keep.records)
        for page in self.pages:
            try:
                self.build(page)
            except OSError as exc:
                outcome.failed = ("os", exc.errno, exc.strerror, exc.filename)
            except Exception as exc:  # a bug: one line for the parent to say
                outcome.failed = ("bug", f"{type(exc).__name__}: {exc}")
            if outcome.failed is not None:
                outcome.page = page.file.src_uri
                break
        outcome.entries = self.done()
        outcome.warnings = [w for w in keep.records if w[1] == _WARNING or not outcome.failed]
        outcome.seconds = time.process_time() - start
        return outcome

    def outcome(self) -> Outcome:
        """The child's outcome, once it has ended; the figures for the split logged (at
        debug level: what each process spent, how long this one waited)."""
        spent, waiting = time.process_time() - self.started, time.monotonic()
        outcome: Outcome = self.worker.result()
        logging.getLogger(self.logger).debug(
            "casefile: %d pages built on the other core in %.2f s of CPU, the other pages "
            "and files in %.2f s; waited %.2f s for them", len(self.pages), outcome.seconds,
            spent, time.monotonic() - waiting)
        return outcome

    def cancel(self) -> None:
        self.worker.cancel()


__all__ = ["MIN_PAGES", "VARIABLE", "Outcome", "Tail", "cost", "min_pages", "tail_start"]
