"""The plugin's options: one checked list (casefile/options.py), documented in one generated
table, and every bad value a configuration error naming the option, never a traceback."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from casefile import options
from casefile.plugin import CasefileConfig, CasefilePlugin
from tests.conftest import BIN, REPO, copy_project, mkdocs_build

OPTION_LINE = "      macros_dir: macros\n"


def with_options(root: Path, *options: str) -> int:
    """The project's mkdocs.yml (as copy_project copied it) with ``options`` ("name:
    value", YAML as written) added under the casefile plugin, after its macros_dir;
    returns the line number of the first."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert OPTION_LINE in config
    added = "".join(f"      {option}\n" for option in options)
    (root / "mkdocs.yml").write_text(config.replace(OPTION_LINE, OPTION_LINE + added),
                                     encoding="utf-8")
    return config[:config.index(OPTION_LINE)].count("\n") + 2


def test_the_field_reference_shows_the_generated_table_of_every_option() -> None:
    page = (REPO / "content" / "field-reference.md").read_text(encoding="utf-8")
    shown = re.search(r"<!-- plugin-options:[^\n]*-->\n(.*?)<!-- /plugin-options -->", page,
                      re.S)
    assert shown and shown.group(1) == options.markdown_table()
    rows = re.findall(r"<tr><td><code>(\w+)</code>", shown.group(1))
    assert rows == [name for name, _ in CasefileConfig._schema]


def test_the_plugin_schema_is_the_documented_options_with_their_defaults() -> None:
    plugin = CasefilePlugin()
    assert plugin.load_config({}) == ([], [])
    assert dict(plugin.config) == {o.name: o.default for o in options.OPTIONS}
    assert dict(plugin.config) == {"data_dir": "data", "macros_dir": None, "as_of": None,
                                   "jurisdiction": None, "review_max_age_days": 365,
                                   "locale": "en_GB", "require_copies": False}


@pytest.mark.parametrize(("value", "expected"), [
    (dt.date(2019, 1, 9), dt.date(2019, 1, 9)),  # as_of: 2019-01-09 (a YAML date)
    ("2019-01-09", dt.date(2019, 1, 9)),  # as_of: "2019-01-09"
    ("2020-02-29", dt.date(2020, 2, 29)),
])
def test_as_of_accepts_a_yaml_date_or_a_string(value: object, expected: dt.date) -> None:
    plugin = CasefilePlugin()
    assert plugin.load_config({"as_of": value}) == ([], [])
    assert plugin.config.as_of == expected


BAD = [
    ("as_of", '"2019-13-45"', "'2019-13-45' is not a day of the calendar (YYYY-MM-DD)"),
    ("as_of", '"2019-02-29"', "'2019-02-29' is not a day of the calendar (YYYY-MM-DD)"),
    ("as_of", "9 January 2019",
     "'9 January 2019' is not a date written YYYY-MM-DD, such as 2019-01-09"),
    ("as_of", "2019-01-09 10:00:00",
     "expected a date written YYYY-MM-DD, got a date and time "
     "(datetime.datetime(2019, 1, 9, 10, 0))"),
    ("as_of", "20190109", "expected a date written YYYY-MM-DD, got a number (20190109)"),
    ("data_dir", "[data]", "expected text, got a list (['data'])"),
    ("data_dir", '""', "expected text, got an empty value"),
    ("macros_dir", "7", "expected text, got a number (7)"),
    ("jurisdiction", "UK", "'UK' is not an ISO 3166 code: the United Kingdom is GB; write "
     "GB-ENG, GB-NIR, GB-SCT or GB-WLS for one of its nations"),
    ("jurisdiction", "true", "expected text, got true or false (True)"),
    ("review_max_age_days", "true", "expected a whole number of days, got true or false "
     "(True)"),
    ("review_max_age_days", "0", "0 is not between 1 and 3650 days"),
    ("review_max_age_days", "1.5", "expected a whole number of days, got a number (1.5)"),
    ("review_max_age_days", '"365"', "expected a whole number of days, got text ('365')"),
    ("locale", "xx_ZZ", "'xx_ZZ' is not a locale Babel knows; write a code such as en_GB, "
     "cy_GB or fr_FR"),
    ("locale", "{a: 1}", "expected text, got a mapping ({'a': 1})"),
    ("require_copies", "yes please", "expected true or false, got text ('yes please')"),
    ("require_copies", "1", "expected true or false, got a number (1)"),
]


@pytest.mark.parametrize(("name", "written", "message"), BAD)
def test_a_bad_value_is_a_configuration_error_naming_the_option(
        name: str, written: str, message: str, tmp_path: Path) -> None:
    root = copy_project(tmp_path, data=False)
    with_options(root, f"{name}: {written}")
    failed = mkdocs_build(root)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert f"Config value 'plugins': Plugin 'casefile' option '{name}': {message}\n" \
        in failed.stderr
    assert not (root / "site").exists()


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "casefile"), "check"], cwd=root, capture_output=True,
                          text=True, timeout=120, check=False)


def test_casefile_check_locates_every_bad_option_even_a_date_yaml_cannot_read(
        tmp_path: Path) -> None:
    """``as_of: 2019-13-45`` unquoted stops PyYAML inside MkDocs before any plugin runs;
    ``casefile check`` (make site's first step) reports it, located, with the others."""
    root = copy_project(tmp_path / "site")
    line = with_options(root, "as_of: 2019-13-45", "review_max_age_days: -3", "locale: 3")
    result = check(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"mkdocs.yml:{line}:14: plugins.casefile.as_of: '2019-13-45' is not a day of the "
        "calendar (YYYY-MM-DD)",
        f"mkdocs.yml:{line + 1}:28: plugins.casefile.review_max_age_days: -3 is not between "
        "1 and 3650 days",
        f"mkdocs.yml:{line + 2}:15: plugins.casefile.locale: expected text, got a number (3)",
        "casefile: 3 problems found; nothing was built."]
    with_options(root, "as_of: 2019-01-09", "review_max_age_days: 30", "locale: fr_FR")
    assert check(root).returncode == 0


def test_an_option_with_a_tag_yaml_will_not_construct_is_a_located_problem(
        tmp_path: Path) -> None:
    """A tag PyYAML's safe constructor refuses (``!!python/name:``, ``!ENV``) is a problem
    like any other, with its line and column, never a traceback."""
    root = copy_project(tmp_path / "site")
    line = with_options(root, "jurisdiction: !!python/name:os.system",
                        "review_max_age_days: -3", "locale: !ENV LANG",
                        "as_of: !!python/name:os.getcwd ''")
    result = check(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"mkdocs.yml:{line}:21: plugins.casefile.jurisdiction: the YAML tag "
        "!!python/name:os.system cannot be read here: write the code (ISO 3166) itself, with "
        "no tag",
        f"mkdocs.yml:{line + 1}:28: plugins.casefile.review_max_age_days: -3 is not between "
        "1 and 3650 days",
        f"mkdocs.yml:{line + 2}:15: plugins.casefile.locale: the YAML tag !ENV cannot be read "
        "here: write the locale code itself, with no tag",
        f"mkdocs.yml:{line + 3}:14: plugins.casefile.as_of: the YAML tag !!python/name:os.getcwd "
        "cannot be read here: write the date (YYYY-MM-DD) itself, with no tag",
        "casefile: 4 problems found; nothing was built."]


def test_a_new_site_gets_the_same_table(tmp_path: Path) -> None:
    from tests.conftest import init_site

    page = (init_site(tmp_path / "site") / "content" / "field-reference.md").read_text(
        encoding="utf-8")
    assert page.endswith("## Plugin options\n\nSet under the casefile plugin in `mkdocs.yml`. "
                         "A value the build cannot use stops it with\na configuration error "
                         "naming the option; `casefile check` gives its line and column.\n\n"
                         + options.markdown_table())
