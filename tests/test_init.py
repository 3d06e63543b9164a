"""casefile init: a new empty site that builds strictly, checks and links cleanly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.outputs.links import check_internal
from tests.conftest import build_init_site, tree_digest
from tests.test_cli import run

NAME = "Audit: #1 “Example” & 'Records'"  # quotes, & and # that HTML and YAML must survive


def test_init_site_builds_checks_and_links(tmp_path: Path) -> None:
    root = tmp_path / "new-site"
    site = build_init_site(root, NAME)
    check = run(["check"], root)
    assert check.returncode == 0, check.stderr
    assert check.stdout == "casefile: data OK: 0 case(s), 0 record(s), 0 source(s), 0 bodies.\n"
    assert check_internal(site).returncode == 0
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    heading = home.select_one("h1")
    assert heading.find(string=True, recursive=False).strip() == NAME
    logo = home.select_one("header a.md-logo")
    assert (logo["aria-label"], logo["title"]) == (NAME, NAME)
    assert home.select_one("header .md-header__topic .md-ellipsis").get_text(strip=True) == NAME
    assert home.title.get_text().endswith(f" - {NAME}")
    assert home.select("table.cf-case-list tbody tr") == []
    # the shared overrides come from the installed package, not a copy in the site
    assert not (root / "overrides").exists() and not (root / "macros").exists()
    assert home.select_one('link[href$="assets/casefile.css"]') is not None
    assert (site / "assets" / "casefile.css").is_file()
    assert (site / "404.html").is_file()


def test_init_writes_nothing_about_any_real_case(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    assert run(["init", str(root)], tmp_path).returncode == 0
    for rel, raw in tree_digest(root).items():
        if rel.startswith("schema/"):
            continue
        assert not re.search(r"powys|wales|welsh|cssiw|\bciw\b", raw.decode(), re.I), rel
    assert (root / "data" / "themes.yml").read_text(encoding="utf-8").endswith("themes: []\n")


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "notes.txt").write_text("mine", encoding="utf-8")
    result = run(["init", "old"], tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("casefile init: old is not empty; give a new or empty folder. "
                             "Nothing was written\n")
    assert sorted(p.name for p in (tmp_path / "old").iterdir()) == ["notes.txt"]
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run(["init", "file"], tmp_path)
    assert result.stderr == "casefile init: file is a file, not a folder; nothing was written\n"


def test_init_into_an_empty_folder_quotes_the_name(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run(["init", "empty", "--name", "Audit: #1 “test” & 'more'"], tmp_path)
    assert result.returncode == 0, result.stderr
    config = (tmp_path / "empty" / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.splitlines()[0] == 'site_name: "Audit: #1 “test” & \'more\'"'


@pytest.mark.parametrize(("name", "listed"), [
    ('A "quoted" site', "'\"'"),
    ("Records <b>now</b>", "'<' or '>'"),
    ("Site {{ 7*7 }}", "'{{'"),
    ("A \"{% raw %}", "'\"' or '{%'"),
])
def test_init_refuses_a_name_the_theme_would_not_escape(tmp_path: Path, name: str,
                                                        listed: str) -> None:
    result = run(["init", "new", "--name", name], tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"casefile init: --name may not contain {listed}, because the theme writes the site "
        "name into its HTML as it is; use curly quotes (“ ”) instead of \", and leave out "
        "< > { }; nothing was written\n")
    assert not (tmp_path / "new").exists()
