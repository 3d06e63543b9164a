"""make test on a bare machine: chromium is installed when possible, else one command."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO


def make_chromium(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    args = [f"{key}={value}" for key, value in variables.items()]
    return subprocess.run(["make", "-s", "-C", str(REPO), "chromium", *args],
                          capture_output=True, text=True, timeout=60)


def test_present_chromium_installs_nothing(tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    result = make_chromium(tmp_path, CHROMIUM=str(fake), APT_GET="/nonexistent/apt-get")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.skipif(os.geteuid() != 0, reason="installing needs root")
def test_missing_chromium_is_installed_with_apt_get(tmp_path: Path) -> None:
    log = tmp_path / "apt.log"
    apt = tmp_path / "apt-get"
    apt.write_text(f'#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> {log}\n', encoding="utf-8")
    apt.chmod(0o755)
    result = make_chromium(tmp_path, CHROMIUM=str(tmp_path / "absent"), APT_GET=str(apt))
    assert result.returncode == 0, result.stderr
    assert log.read_text(encoding="utf-8").splitlines() == [
        "noninteractive update", "noninteractive install -y chromium"]


def test_missing_chromium_without_apt_get_says_what_to_run(tmp_path: Path) -> None:
    absent = tmp_path / "absent"
    result = make_chromium(tmp_path, CHROMIUM=str(absent), APT_GET="/nonexistent/apt-get")
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        f"make test needs {absent}; install it with: sudo apt-get install -y chromium")
