"""The jurisdiction codes casefile accepts without importing the holidays package (a list
generated from it, so ``casefile check`` after a one-file edit need not import every
country's calendar), and mkdocs.yml composed once per check. All data here is fictional."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import holidays
import pytest
import yaml

from casefile import options
from casefile.commands import cli
from casefile.model import calendars, jurisdiction_codes


def test_the_generated_list_is_the_installed_packages() -> None:
    """Fails when holidays is upgraded without ``python -m casefile.model.calendars``."""
    assert holidays.__version__ == jurisdiction_codes.HOLIDAYS_VERSION
    assert calendars.supported_codes() == jurisdiction_codes.CODES
    assert Path(jurisdiction_codes.__file__).read_text(encoding="utf-8") == \
        calendars.codes_module(calendars.supported_codes(), holidays.__version__)


def test_another_holidays_version_is_asked_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jurisdiction_codes, "HOLIDAYS_VERSION", "0.1")
    monkeypatch.setattr(jurisdiction_codes, "CODES", {"GB": ("ENG",)})
    assert calendars.known_codes() == calendars.supported_codes()
    assert len(calendars.known_codes()["GB"]) == 4
    monkeypatch.setattr(jurisdiction_codes, "HOLIDAYS_VERSION", holidays.__version__)
    assert calendars.known_codes() == {"GB": ("ENG",)}


def test_the_version_is_read_from_metadata(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert calendars.holidays_version() == importlib.metadata.version("holidays")
    first, second = tmp_path / "a", tmp_path / "b"
    (second / "holidays-9.1.dist-info").mkdir(parents=True)
    (second / "holidays_extra-2.0.dist-info").mkdir()
    monkeypatch.setattr(sys, "path", [str(tmp_path / "gone"), str(first), str(second)])
    assert calendars.holidays_version() == "9.1"
    (first / "holidays-9.2.dist-info").mkdir(parents=True)
    assert calendars.holidays_version() == "9.2"  # the first on the path, as imported
    (first / "holidays-9.3.dist-info").mkdir()
    assert calendars.holidays_version() is None  # two: which is installed is not known
    monkeypatch.setattr(sys, "path", [str(tmp_path / "gone")])
    assert calendars.holidays_version() is None
    assert calendars.known_codes() == calendars.supported_codes()


def test_every_known_code_is_accepted_but_uk() -> None:
    codes = calendars.supported_codes()
    every = [*codes, *(f"{c}-{s}" for c, subdivs in codes.items() for s in subdivs)]
    refused = {code: calendars.problem(code) for code in every if calendars.problem(code)}
    assert sorted(refused) == ["UK", "UK-ENG", "UK-NIR", "UK-SCT", "UK-WLS"]
    assert len(every) > 800


@pytest.mark.parametrize(("code", "problem"), [
    # codes that some calendar also lists among a subdivision's names (NZ-CAN, NZ-AUK,
    # NZ-NTL) were once refused as names
    ("CA", None), ("AU", None), ("NO", None), ("AU-NSW", None),
    ("ca", "unknown jurisdiction 'ca': write it in capitals, 'CA'"),
    ("Canterbury", "'Canterbury' is a name, not a code: write 'NZ-CAN'"),
])
def test_a_code_is_never_taken_for_a_name(code: str, problem: str | None) -> None:
    assert calendars.problem(code) == problem


def test_accepting_a_code_imports_no_calendar(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - casefile:\n"
                                         "      jurisdiction: GB-SCT\n", encoding="utf-8")
    code = ("import sys\nfrom pathlib import Path\nfrom casefile.model import calendars\n"
            "from casefile import options\n"
            "assert calendars.problem('US-CA') is None\n"
            f"assert calendars.project_jurisdiction(Path({str(tmp_path)!r})) == ('GB-SCT', [])\n"
            f"assert options.problems(Path({str(tmp_path)!r})) == []\n"
            "assert not [m for m in sys.modules if m.split('.')[0] == 'holidays']\n"
            "assert calendars.holidays_words('GB-SCT') == 'bank holidays in Scotland'\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _nodes(node: yaml.Node) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = [(type(node).__name__, node.tag, node.start_mark.line,
                                      node.start_mark.column, node.end_mark.line,
                                      node.end_mark.column)]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out += _nodes(key) + _nodes(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            out += _nodes(item)
    else:
        out.append(node.value)
    return out


MKDOCS = """\
site_name: "Ünïcødé ✓ 𝕏 council"   # wide characters before a value
theme: {name: material, custom_dir: !ENV [THEME, overrides]}
plugins:
  - search
  - casefile: {data_dir: "dätä𝕏", jurisdiction: GB-WAL}
  - casefile:
      as_of: 2019-13-45
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
"""


def test_the_composer_gives_the_pure_python_positions() -> None:
    composed = calendars.compose(MKDOCS)
    assert composed is not None
    assert _nodes(composed) == _nodes(yaml.compose(MKDOCS, Loader=yaml.SafeLoader))
    assert calendars.compose("a: [1\n") is None
    assert calendars.compose("") is None


def test_mkdocs_yml_is_composed_once_per_text(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    mkdocs = tmp_path / "mkdocs.yml"
    mkdocs.write_text(MKDOCS.replace("GB-WAL", "GB-WLS").replace(
        "2019-13-45", "2019-01-09"), encoding="utf-8")
    seen: list[str] = []
    monkeypatch.setattr(calendars, "compose", lambda text: seen.append(text) or yaml.compose(
        text, Loader=yaml.SafeLoader))
    calendars._composed.cache_clear()
    assert cli.project_jurisdiction(tmp_path / "data") == "GB-WLS"
    assert not cli.project_requires_copies(tmp_path / "data")
    assert len(seen) == 1
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace(
        "as_of:", "require_copies: true\n      as_of:"), encoding="utf-8")  # an edit is seen
    assert cli.project_requires_copies(tmp_path / "data")
    assert options.problems(tmp_path) == []
    assert len(seen) == 2
    mkdocs.write_text(MKDOCS, encoding="utf-8")
    assert [str(p) for p in options.problems(tmp_path)] == [
        "mkdocs.yml:7:14: plugins.casefile.as_of: '2019-13-45' is not a day of the calendar "
        "(YYYY-MM-DD)",
        "mkdocs.yml:5:49: plugins.casefile.jurisdiction: unknown jurisdiction 'GB-WAL': the "
        "holidays package has no subdivision 'WAL' of GB; GB has GB-ENG, GB-NIR, GB-SCT, "
        "GB-WLS"]
    calendars._composed.cache_clear()
