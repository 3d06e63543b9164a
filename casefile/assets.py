"""The site files casefile ships: Jinja macros and Material overrides (stylesheet, logo).

A site made by ``casefile init`` does not copy them; its build uses the installed
package's copies, so ``pip install -U casefile`` brings their fixes to the site. In a
wheel they are package data (``casefile/macros``); in a source checkout they are the
``macros/`` and ``overrides/`` folders beside the package."""

from __future__ import annotations

from pathlib import Path

SHARED = ("macros", "overrides")


def shared_dir(name: str) -> Path:
    """The installed copy of ``macros`` or ``overrides``."""
    if name not in SHARED:
        raise ValueError(f"no shared folder '{name}'")
    here = Path(__file__).resolve().parent
    inside = here / name
    return inside if inside.is_dir() else here.parent / name
