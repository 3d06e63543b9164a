"""CSP, noopener and deterministic output."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import time
from pathlib import Path

from bs4 import BeautifulSoup

from casefile.outputs.harden import harden, policy
from tests.conftest import copy_project, mkdocs_build, tree_digest
from tests.test_site import site  # noqa: F401


def test_policy_lists_exactly_the_inline_scripts() -> None:
    html = "<html><head></head><body><script>a()</script><script src='x.js'></script></body>"
    digest = base64.b64encode(hashlib.sha256(b"a()").digest()).decode()
    assert f"script-src 'self' 'sha256-{digest}';" in policy(html)
    out = harden(html)
    assert out.startswith('<html><head><meta http-equiv="Content-Security-Policy"')
    assert "default-src 'self'" in out and "object-src 'none'" in out


def test_external_links_get_noopener() -> None:
    out = harden('<head></head><a href="https://x.org/">x</a> <a href="/local">y</a> '
                 '<a rel="me" href="http://y.org">z</a> <a href="//evil.example/">w</a>')
    assert '<a href="https://x.org/" rel="noopener noreferrer">' in out
    assert '<a href="/local">' in out
    assert '<a rel="me noopener noreferrer" href="http://y.org">' in out
    assert '<a href="//evil.example/" rel="noopener noreferrer">' in out


def test_every_built_page_has_the_csp_and_safe_external_links(site: Path) -> None:  # noqa: F811
    for html_file in site.rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None and "default-src 'self'" in meta["content"], html_file
        assert soup.head.find("meta") is meta  # first in <head>: applies to everything after
        for a in soup.find_all("a", href=re.compile(r"^(https?:)?//")):
            assert {"noopener", "noreferrer"} <= set(a.get("rel", [])), (html_file, a)
        for tag in soup.find_all(True):
            assert not [k for k in tag.attrs if k.lower().startswith("on")], (html_file, tag)


def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path) -> None:
    copy_project(tmp_path)
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.email=t@t.invalid", "-c",
                 "user.name=t", "commit", "-qm", "x", "--date=2026-01-02T03:04:05Z"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                       env={"GIT_COMMITTER_DATE": "2026-01-02T03:04:05Z", "PATH": "/usr/bin:/bin",
                            "HOME": str(tmp_path)})
    assert mkdocs_build(tmp_path).returncode == 0
    first = tree_digest(tmp_path / "site")
    time.sleep(1.1)
    assert mkdocs_build(tmp_path).returncode == 0
    second = tree_digest(tmp_path / "site")
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    case = (tmp_path / "site" / "cases" / "powys-childrens-services" / "index.html")
    version = BeautifulSoup(case.read_text(encoding="utf-8"), "html.parser").select(
        "dl.cf-cite-this dd")[-1].get_text(" ", strip=True)
    assert version.endswith("built 2 January 2026")  # the commit's date, not the clock
