"""Internal link checking with lychee: the real site passes; a broken link or anchor fails."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_cli import run
from tests.test_site import site  # noqa: F401  (the Powys fixture site, built once)


def test_built_site_has_no_broken_internal_links(site: Path) -> None:  # noqa: F811
    result = run(["links", str(site)], REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all internal links and anchors resolve" in result.stderr


@pytest.mark.parametrize("old, new, needle", [
    # links within the site are written without quotes (casefile/outputs/minify.py)
    ('href=../../bodies/powys-county-council/', 'href=../../bodies/no-such-body/',
     "bodies/no-such-body"),
    ('href=#ref-1 ', 'href=#ref-999 ', "#ref-999"),
])
def test_a_broken_link_or_anchor_fails(site: Path, tmp_path: Path, old: str, new: str,  # noqa: F811
                                       needle: str) -> None:
    broken = shutil.copytree(site, tmp_path / "site")
    page = broken / "cases" / "powys-childrens-services" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert old in html
    page.write_text(html.replace(old, new, 1), encoding="utf-8")
    result = run(["links", str(broken)], REPO)
    assert result.returncode == 1
    assert needle in result.stdout
    assert "broken internal links or anchors" in result.stderr


def test_missing_site_is_reported(tmp_path: Path) -> None:
    result = run(["links", str(tmp_path / "nowhere")], REPO)
    assert result.returncode == 1 and "build the site first" in result.stderr
