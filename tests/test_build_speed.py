"""Work a build does once, not per page or per process: the macros are compiled before
the page renderer forks (so the child inherits them), and neither Jinja environment looks
at template files' modification times again during a build."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest
from mkdocs.config import load_config

from casefile import fork
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from casefile.plugin import CasefilePlugin
from tests.conftest import POWYS_DATA, REPO


def test_every_macro_file_is_compiled_once_and_a_broken_one_is_left(tmp_path: Path) -> None:
    macros = tmp_path / "macros"
    shutil.copytree(REPO / "macros", macros)
    (macros / "unused.html").write_text("{% if %}", encoding="utf-8")  # does not compile
    (macros / "notes.txt").write_text("{% if %}", encoding="utf-8")  # not a template
    renderer = Renderer(load_dataset(POWYS_DATA), macros)
    assert renderer.env.auto_reload is False
    renderer._compile_all()
    compiled = {name for _, name in renderer.env.cache}  # type: ignore[union-attr]
    expected = {p.relative_to(macros).as_posix() for p in macros.rglob("*")
                if p.suffix in (".html", ".md") and p.name != "unused.html"}
    assert compiled == expected
    assert "pages/finding.md" in compiled and "common.html" in compiled
    with pytest.raises(jinja2.TemplateSyntaxError):  # reported when a page uses it
        renderer.env.get_template("unused.html")


@pytest.mark.parametrize(("command", "reloads"), [("build", False), ("gh-deploy", False),
                                                   ("serve", True)])
def test_the_theme_is_not_reloaded_during_a_build(command: str, reloads: bool) -> None:
    plugin = CasefilePlugin()
    plugin.on_startup(command=command, dirty=False)
    fork.allow(True)  # on_startup forbids forking for serve: not for the tests after this
    config = load_config(str(REPO / "mkdocs.yml"))
    env = config.theme.get_env()
    env.auto_reload = True  # as Jinja's default
    assert plugin.on_env(env, config=config, files=None) is env  # type: ignore[arg-type]
    assert env.auto_reload is reloads
