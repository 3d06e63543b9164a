"""`make serve` live-reloads when data/ or macros/ change: a real mkdocs serve on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BIN, copy_project

CASE_URL = "cases/powys-childrens-services/"
RECORD = "data/cases/powys-childrens-services/records/powys-2018-04-addendum.yml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(base: str, path: str) -> str:
    with urllib.request.urlopen(base + path, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def wait_for(base: str, path: str, needle: str, timeout: float = 300) -> str:
    """The page at ``path`` once it holds ``needle``: asked every half second, for as
    long as a build may take on a busy machine (mkdocs_build's limit), and no longer
    than the page takes to come."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(base, path)
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} did not appear at {path} within {timeout}s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    copy_project(tmp_path)
    port = free_port()
    proc = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
    try:
        yield tmp_path, f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_serve_rebuilds_on_data_and_macro_changes(served: tuple[Path, str]) -> None:
    root, base = served
    wait_for(base, CASE_URL, "Addendum to the Follow-Up Warning Notice")
    record = root / RECORD
    record.write_text(record.read_text(encoding="utf-8").replace(
        "title: Addendum to the Follow-Up Warning Notice",
        "title: Addendum (edited while serving)"), encoding="utf-8")
    wait_for(base, CASE_URL, "Addendum (edited while serving)")
    macro = root / "macros" / "timeline.html"
    macro.write_text(macro.read_text(encoding="utf-8").replace(
        '<ol class="cf-timeline">', '<ol class="cf-timeline cf-edited-macro">'), encoding="utf-8")
    wait_for(base, CASE_URL, "cf-edited-macro")
