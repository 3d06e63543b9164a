"""One build per test session of a fixture site that several test modules read.

pytest keeps a fixture's value per module that names it, even a session-scoped one imported
into another module: every module that imported ``tests.test_site.site`` built the Powys
fixture site again (each build is a ``mkdocs build`` of its own, seconds each). ``once``
keeps the first build for the whole session::

    @pytest.fixture(scope="module")
    @once
    def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
        ...build it...

The site is shared, so it is read-only: a test that needs to change a page changes a copy,
or puts the page back before it ends (``try``/``finally``).

A build is kept for one process and one mutant: mutmut's fork server (make mutate) runs a
mutant's tests in a process forked from one that may have run them already, and a site
built before, or under another mutant, would hide what the mutant changes.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["once"]


def once(build: Callable[..., T]) -> Callable[..., T]:
    """``build`` run the first time it is asked for; its result is kept for the session.
    A build that fails (raises) is not kept: the next module to ask builds it again and
    fails the same way."""
    kept: dict[tuple[int, str], T] = {}

    @functools.wraps(build)
    def fixture(*args: Any, **kwargs: Any) -> T:
        key = (os.getpid(), os.environ.get("MUTANT_UNDER_TEST", ""))
        if key not in kept:
            kept[key] = build(*args, **kwargs)
        return kept[key]

    return fixture
