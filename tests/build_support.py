"""A fixture project built by MkDocs in the test's own process, so a test can watch the
build from inside (a spy in place of one of its functions) and read the plugins' state
afterwards. Such a build runs the code under test in-process: mutation testing sees it,
which a ``mkdocs build`` subprocess (``tests.conftest.mkdocs_build``) never lets it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands import build as mkdocs_build_module
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

__all__ = ["build_in_process"]


def build_in_process(root: Path, *patches: tuple[object, str, Any], **options: str
                     ) -> MkDocsConfig:
    """``mkdocs build`` of the project at ``root``, with a parse cache of its own
    (``root/cache``) and each ``(owner, name, value)`` of ``patches`` set (a spy, a
    stand-in) while it runs, then put back, even when the build fails. ``options`` go to
    MkDocs' ``load_config`` (``site_dir=...``). Returns the built configuration: its
    ``plugins`` hold what the build kept."""
    patch = pytest.MonkeyPatch()
    patch.setenv("CASEFILE_CACHE", str(root / "cache"))
    for owner, name, value in patches:
        patch.setattr(owner, name, value)
    try:
        config = load_config(str(root / "mkdocs.yml"), **options)
        mkdocs_build_module.build(config)
    finally:
        patch.undo()
    return config
