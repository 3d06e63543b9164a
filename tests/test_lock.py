"""The hash-locked install: requirements.txt (make lock) pins every dependency with the
SHA-256 of its files, and the Makefile installs from it with --require-hashes."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import distributions
from pathlib import Path

import pytest

from tests.conftest import REPO

LOCK = REPO / "requirements.txt"
HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(text: str | None = None) -> dict[str, tuple[str, list[str]]]:
    """Each requirement of the lock: name -> (version, its sha256 hashes)."""
    text = LOCK.read_text(encoding="utf-8") if text is None else text
    entries: dict[str, tuple[str, list[str]]] = {}
    for block in re.split(r"\n(?=\S)", text.replace("\\\n", " ")):
        line = block.split("\n")[0]
        if line.startswith("#") or not line.strip():
            continue
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)\s", line + " ")
        assert match, f"not an exact pin: {line!r}"
        entries[canonical(match.group(1))] = (match.group(2), HASH.findall(line))
    return entries


def test_every_locked_requirement_is_an_exact_pin_with_hashes() -> None:
    entries = locked()
    assert len(entries) > 50
    assert [name for name, (_, hashes) in entries.items() if not hashes] == []
    # compiled packages list one hash per platform's wheel (and the sdist), not just ours
    assert len(entries["greenlet"][1]) > 10 and len(entries["pyyaml"][1]) > 10


def test_the_lock_covers_the_dependencies_and_the_extras_the_makefile_installs() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    declared = [*project["project"]["dependencies"],
                *(d for extra in ("test", "dev")
                  for d in project["project"]["optional-dependencies"][extra]),
                *project["build-system"]["requires"]]
    names = {canonical(re.split(r"[<>=!~ \[;]", d, maxsplit=1)[0]) for d in declared}
    assert names - set(locked()) == set()


def test_what_is_installed_is_what_is_locked() -> None:
    entries = locked()
    installed = {canonical(d.metadata["Name"]): d.version for d in distributions()}
    installed.pop("casefile")
    assert {n: v for n, v in installed.items() if entries.get(n, ("",))[0] != v} == {}


def test_the_makefile_installs_from_the_lock_with_hashes_then_casefile_alone() -> None:
    make = shutil.which("make")
    assert make
    out = subprocess.run([make, "-n", "-B", "-f", "Makefile", ".venv/.installed-stamp",
                          "PYTHON=python3"], cwd=REPO, capture_output=True, text=True,
                         check=True, env={"PATH": os.environ["PATH"]}  # not a sub-make
                         ).stdout.splitlines()
    assert out == ["python3 -m venv .venv",
                   ".venv/bin/pip install --quiet --require-hashes --requirement "
                   "requirements.txt",
                   ".venv/bin/pip install --quiet --no-deps --no-build-isolation --editable .",
                   "touch .venv/.installed-stamp"]


# A tiny build backend (PEP 517/660) that is also the wheel writer the test uses: the
# fixture project is built by a locked wheel, with no network and no setuptools.
BACKEND = '''
import base64, hashlib, os, zipfile

def write_wheel(folder, name, version, files):
    info = f"{name}-{version}.dist-info"
    files = {**files, f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\n"
             f"Version: {version}\\n", f"{info}/WHEEL": "Wheel-Version: 1.0\\n"
             "Generator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"}
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest())
        record.append(f"{path},sha256={digest.decode().rstrip('=')},{len(text.encode())}")
    files[f"{info}/RECORD"] = "\\n".join([*record, f"{info}/RECORD,,"]) + "\\n"
    wheel = f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(folder, wheel), "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel

def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return write_wheel(wheel_directory, "tinyproj", "1.0",
                       {"tinyproj.pth": os.getcwd() + "\\n"})

build_wheel = build_editable
'''


def fixture_project(tmp_path: Path) -> tuple[Path, Path, str]:
    """A project with casefile's Makefile, two locked wheels in a local folder (the build
    backend and a dependency) and its lock; returns (project, wheels, lock text)."""
    namespace: dict[str, object] = {}
    exec(BACKEND, namespace)
    write_wheel = namespace["write_wheel"]
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    lock = []
    for name, files in (("tinybackend", {"tinybackend.py": BACKEND}),
                        ("leaf", {"leaf.py": "ANSWER = 42\n"})):
        wheel = write_wheel(str(wheels), name, "1.0", files)  # type: ignore[operator]
        digest = hashlib.sha256((wheels / wheel).read_bytes()).hexdigest()
        lock.append(f"{name}==1.0 \\\n    --hash=sha256:{digest}\n")
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "Makefile", project / "Makefile")
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["tinybackend"]\nbuild-backend = "tinybackend"\n'
        '[project]\nname = "tinyproj"\nversion = "1.0"\ndependencies = ["leaf"]\n',
        encoding="utf-8")
    (project / "tinyproj.py").write_text("from leaf import ANSWER\n", encoding="utf-8")
    return project, wheels, "".join(lock)


def make_venv(project: Path, wheels: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ["PATH"], "HOME": str(project), "PIP_CONFIG_FILE": os.devnull,
           "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return subprocess.run(["make", ".venv/.installed-stamp", f"PYTHON={sys.executable}"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300,
                          check=False)


@pytest.mark.parametrize("tamper", [False, True])
def test_a_tampered_hash_stops_the_install_before_anything_is_installed(
        tmp_path: Path, tamper: bool) -> None:
    project, wheels, lock = fixture_project(tmp_path)
    if tamper:  # the dependency's hash: one digit changed
        digest = HASH.findall(lock)[1]
        lock = lock.replace(digest, digest[:-1] + ("0" if digest[-1] != "0" else "1"))
    (project / "requirements.txt").write_text(lock, encoding="utf-8")
    result = make_venv(project, wheels)
    site = next((project / ".venv" / "lib").glob("python3*/site-packages"))
    installed = sorted(p.name.split("-")[0] for p in site.glob("*.dist-info"))
    if tamper:
        assert result.returncode != 0
        assert "THESE PACKAGES DO NOT MATCH THE HASHES" in result.stderr
        assert "leaf" not in installed and "tinybackend" not in installed
        assert "tinyproj" not in installed
        assert not (project / ".venv" / ".installed-stamp").exists()
    else:
        assert result.returncode == 0, result.stderr
        assert {"leaf", "tinybackend", "tinyproj"} <= set(installed)
        check = subprocess.run([str(project / ".venv" / "bin" / "python"), "-c",
                                "import tinyproj; print(tinyproj.ANSWER)"], cwd=tmp_path,
                               capture_output=True, text=True, check=True)
        assert check.stdout == "42\n"


def test_dependabot_proposes_updates_to_the_lock_and_the_actions() -> None:
    import yaml

    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert sorted((u["package-ecosystem"], u["directory"]) for u in config["updates"]) == [
        ("github-actions", "/"), ("pip", "/")]
    assert LOCK.parent == REPO  # Dependabot's pip updater finds requirements.txt at the root


def test_make_lock_regenerates_the_lock_with_pip_compile_and_hashes() -> None:
    out = subprocess.run(["make", "-n", "-o", ".venv/.installed-stamp", "lock"], cwd=REPO,
                         capture_output=True, text=True, check=True,
                         env={"PATH": os.environ["PATH"]}).stdout
    command = " ".join(out.replace("\\\n", " ").split())
    assert command == (
        'CUSTOM_COMPILE_COMMAND="make lock" .venv/bin/pip-compile --quiet --generate-hashes '
        "--allow-unsafe --all-build-deps --extra test --extra dev --strip-extras "
        "--no-emit-index-url --no-emit-find-links --output-file requirements.txt "
        "pyproject.toml")
    assert re.match(r"#\n# This file is autogenerated by pip-compile with Python 3\.\d+\n"
                    r"# by the following command:\n#\n#    make lock\n#\n",
                    LOCK.read_text(encoding="utf-8"))
