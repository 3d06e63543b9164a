"""Dependency policy: the pins the project promises."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from tests.conftest import REPO


def pinned() -> dict[str, str]:
    """The versions in the hash-locked requirements.txt (make lock)."""
    from tests.test_lock import locked

    return {name: pin for name, (pin, _) in locked().items()}


def test_declared_ranges() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = {re.split(r"[<>=!~ ]", d, maxsplit=1)[0].lower(): d for d in project["dependencies"]}
    mkdocs = SpecifierSet(deps["mkdocs"][len("mkdocs"):])
    material = SpecifierSet(deps["mkdocs-material"][len("mkdocs-material"):])
    assert Version("2.0") not in mkdocs and Version("1.6.1") in mkdocs
    # 9.7.7 fixes CVE-2026-73295 (search suggestions); nothing older may be allowed
    assert Version("9.7.6") not in material and Version("9.7.7") in material
    assert Version("10.0") not in material


def test_pins_and_installed_versions_obey_the_policy() -> None:
    pins = pinned()
    assert Version(pins["mkdocs"]) < Version("2") and Version(pins["mkdocs"]) >= Version("1.6.1")
    assert Version(pins["mkdocs-material"]) >= Version("9.7.7")
    assert Version(version("mkdocs")) < Version("2")
    assert Version(version("mkdocs-material")) >= Version("9.7.7")
    assert version("mkdocs") == pins["mkdocs"]
    assert version("mkdocs-material") == pins["mkdocs-material"]
