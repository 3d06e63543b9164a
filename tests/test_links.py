"""Internal link checking with lychee: the real site passes; a broken link or anchor fails."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_project, mkdocs_build
from tests.test_cli import run


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("links")
    copy_project(root)
    assert mkdocs_build(root).returncode == 0
    return root / "site"


def test_built_site_has_no_broken_internal_links(built: Path) -> None:
    result = run(["links", str(built)], REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all internal links and anchors resolve" in result.stderr


@pytest.mark.parametrize("old, new, needle", [
    # links within the site are written without quotes (casefile/outputs/minify.py)
    ('href=../../bodies/powys-county-council/', 'href=../../bodies/no-such-body/',
     "bodies/no-such-body"),
    ('href=#ref-1 ', 'href=#ref-999 ', "#ref-999"),
])
def test_a_broken_link_or_anchor_fails(built: Path, tmp_path: Path, old: str, new: str,
                                       needle: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(built, site)
    page = site / "cases" / "powys-childrens-services" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert old in html
    page.write_text(html.replace(old, new, 1), encoding="utf-8")
    result = run(["links", str(site)], REPO)
    assert result.returncode == 1
    assert needle in result.stdout
    assert "broken internal links or anchors" in result.stderr


def test_missing_site_is_reported(tmp_path: Path) -> None:
    result = run(["links", str(tmp_path / "nowhere")], REPO)
    assert result.returncode == 1 and "build the site first" in result.stderr
