"""make test on a bare machine: chromium is installed when possible, else one command; and
make test without a browser still runs, with the browser tests skipped (never in CI)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_browser import MISSING, browser_usable


def make_chromium(tmp_path: Path, target: str = "chromium", ci: str = "",
                  **variables: str) -> subprocess.CompletedProcess[str]:
    """``make target`` with ``variables``, CI set to ``ci`` ("" as on an editor's machine)."""
    args = [f"{key}={value}" for key, value in variables.items()]
    return subprocess.run(["make", "-s", "-C", str(REPO), target, *args],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "CI": ci})


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


def test_make_test_without_a_browser_skips_the_browser_tests(tmp_path: Path) -> None:
    """make test's browser step: it says the one command, then that the browser tests are
    skipped, and lets the other tests run (tests/test_browser.py: browser_or_skip)."""
    absent = tmp_path / "absent"
    result = make_chromium(tmp_path, "browser-or-skip", CHROMIUM=str(absent),
                           APT_GET="/nonexistent/apt-get")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr.splitlines() == [
        f"make test needs {absent}; install it with: sudo apt-get install -y chromium",
        f"make test: the browser tests are skipped (no {absent})"]


def test_in_ci_make_test_without_a_browser_stops(tmp_path: Path) -> None:
    absent = tmp_path / "absent"
    result = make_chromium(tmp_path, "browser-or-skip", ci="true", CHROMIUM=str(absent),
                           APT_GET="/nonexistent/apt-get")
    assert result.returncode != 0
    assert "skipped" not in result.stderr


def test_in_ci_make_test_says_why_it_stops(tmp_path: Path) -> None:
    absent = tmp_path / "absent"
    result = make_chromium(tmp_path, "browser-or-skip", ci="true", CHROMIUM=str(absent),
                           APT_GET="/nonexistent/apt-get")
    assert result.stderr.splitlines()[:2] == [
        f"make test needs {absent}; install it with: sudo apt-get install -y chromium",
        "make test: CI is set, so the browser tests must run: stopping"]


@pytest.mark.skipif(os.geteuid() != 0, reason="installing needs root")
def test_make_test_skips_the_browser_tests_when_the_install_fails(tmp_path: Path) -> None:
    """Root with apt-get but no network (apt-get update fails): still no failed make test."""
    apt = tmp_path / "apt-get"
    apt.write_text("#!/bin/sh\necho 'E: no network' >&2\nexit 100\n", encoding="utf-8")
    apt.chmod(0o755)
    absent = tmp_path / "absent"
    result = make_chromium(tmp_path, "browser-or-skip", CHROMIUM=str(absent), APT_GET=str(apt))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"make test: the browser tests are skipped (no {absent})")


def test_make_test_takes_the_browser_step_not_make_chromium() -> None:
    """make test depends on the step that may skip, never on `make chromium` (which stops)."""
    rules = (REPO / "Makefile").read_text(encoding="utf-8").splitlines()
    [test] = [line for line in rules if line.startswith("test:")]
    assert test.split(":", 1)[1].split() == ["$(STAMP)", "lint", "browser-or-skip"]


def test_in_ci_the_browser_tests_have_their_browser() -> None:
    """CI never passes without the browser tests: there, without a browser, this one test
    fails (the browser tests themselves are skipped, saying so); on an editor's machine
    they are only skipped."""
    if not os.environ.get("CI"):
        pytest.skip("not CI: without a browser the browser tests are only skipped")
    assert browser_usable(), f"CI is set and there is {MISSING}"
