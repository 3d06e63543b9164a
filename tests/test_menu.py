"""The theme's site menu rendered once for the pages that share it (casefile.outputs.menu,
#12 build time): every page of a built site is byte for byte the page the theme's own
partial makes for it, with the site's menu and with a menu that holds a finding page; a
cache that keyed too coarsely, or shared the menu of a page in the menu, would be caught."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import material
import pytest
from mkdocs.commands import build as mkdocs_build_module
from mkdocs.config import load_config
from mkdocs.utils import get_relative_url, normalize_url

from bench import synth
from casefile.outputs import menu
from tests.conftest import copy_project, tree_digest

THEME_NAV = Path(material.__file__).parent / "templates" / "partials" / "nav.html"
FINDING = "cases/case-0000/findings/case-0000-f00.md"


def test_links_from_pages_with_one_key_are_the_same() -> None:
    """The key's claim, against MkDocs' own ``get_relative_url`` and ``url`` filter: pages
    with one key get the same link to every target."""
    rng = random.Random(12)
    folders = ["cases", "bodies", "a", "b.c"]

    def address() -> str:
        parts = [rng.choice(folders) for _ in range(rng.randint(0, 4))]
        ending = rng.choice(["/", "", "/index.html", "/x.html"])
        return "/".join(parts) + ending if parts else rng.choice(["", "index.html"])

    targets = sorted({address() for _ in range(30)} | {"../up/", "a/../b/", "./", ""})
    folders_of = [f for f in (menu.link_target(t) for t in targets) if f is not None]
    assert len(folders_of) == len(targets)
    assert menu.link_target("https://example.org/a/") is None
    assert menu.link_target("/a/") is None and menu.link_target("#top") is None
    pages = sorted({address() for _ in range(600)})
    groups: dict[menu.Key, list[str]] = {}
    for url in pages:
        groups.setdefault(menu.menu_key(url, folders_of), []).append(url)
    shared = [urls for urls in groups.values() if len(urls) > 1]
    assert len(shared) > 10  # the test compares something
    for urls in shared:
        for target in targets:
            links = {(get_relative_url(target or ".", url),
                      normalize_url(target, page=_Page(url))) for url in urls}  # type: ignore[arg-type]
            assert len(links) == 1, (target, urls, links)


def test_pages_whose_links_differ_get_different_keys() -> None:
    top = [["cases"], ["bodies"], []]
    assert menu.menu_key("cases/x/findings/f1/", top) == \
        menu.menu_key("cases/y/findings/f2/", top)
    assert menu.menu_key("cases/x/findings/f1/", top) != \
        menu.menu_key("bodies/x/findings/f1/", top)  # "../../../" against "../../../../cases/"
    assert menu.menu_key("cases/x/", top) != menu.menu_key("cases/x/y/", top)
    assert menu.menu_key("cases/x.html", top) == menu.menu_key("cases/y.html", top)
    assert menu.menu_key("cases/x.html", top) != menu.menu_key("cases/x/", top)


class _Page:
    def __init__(self, url: str) -> None:
        self.url = url


def _theme_nav(root: Path) -> None:
    """The site's custom_dir gets the theme's own nav partial: it comes before casefile's,
    so every page's menu is rendered by the theme, for that page alone."""
    shutil.copy(THEME_NAV, root / "overrides" / "partials" / "nav.html")


def _build(root: Path, name: str, patch: Callable[[pytest.MonkeyPatch], None] = lambda _: None
           ) -> tuple[dict[str, bytes], list[int]]:
    """Build ``root`` in-process; its site moves to ``root/name``. Returns the site's files
    and [renders of the theme's menu, pages built]."""
    counts = [0, 0]
    real_site_menu, real_build_page = menu.site_menu, mkdocs_build_module._build_page

    def counted(template: Any) -> Any:
        class Counting:
            def render(self, *args: Any) -> str:
                counts[0] += 1
                return str(template.render(*args))
        return real_site_menu(Counting())  # type: ignore[arg-type]

    def build_page(*args: Any, **kwargs: Any) -> None:
        counts[1] += 1
        real_build_page(*args, **kwargs)

    monkey = pytest.MonkeyPatch()
    monkey.setenv("CASEFILE_CACHE", str(root / "cache"))
    monkey.setattr(menu, "site_menu", counted)
    monkey.setattr(mkdocs_build_module, "_build_page", build_page)
    patch(monkey)
    try:
        mkdocs_build_module.build(load_config(str(root / "mkdocs.yml")))
    finally:
        monkey.undo()
    (root / "site").rename(root / name)
    return tree_digest(root / name), counts


def _project(root: Path, nav: str | None = None) -> Path:
    """Two synthetic cases; the site's own menu with the inquiry case (its response and
    list pages), a menu given by ``nav`` (added after "About") without it."""
    copy_project(root, data=False)
    synth.generate(root, 2, nav is None)
    if nav is not None:
        yml = root / "mkdocs.yml"
        text = yml.read_text(encoding="utf-8")
        yml.write_text(text.replace("  - About: about.md\n", f"  - About: about.md\n{nav}"),
                       encoding="utf-8")
    return root


def _differ(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    assert one.keys() == other.keys()
    return [name for name in one if one[name] != other[name]]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = _project(tmp_path_factory.mktemp("menu-site"))
    cached, counts = _build(root, "cached")
    _theme_nav(root)
    theirs, theme_counts = _build(root, "theirs")
    yield {"cached": cached, "theirs": theirs, "counts": counts, "theme_counts": theme_counts}


@pytest.fixture(scope="module")
def deep(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The site with a finding page and a body page in its menu: links to targets three
    folders down, a page in the menu among others at its depth."""
    nav = (f"  - A finding:\n      - {FINDING}\n      - bodies/regulator.md\n"
           "      - Elsewhere: https://example.org/a/b/c/\n")
    root = _project(tmp_path_factory.mktemp("menu-deep"), nav)
    yml = root / "mkdocs.yml"  # pages named by files: many share a folder, and a menu page
    yml.write_text(yml.read_text(encoding="utf-8") + "use_directory_urls: false\n",
                   encoding="utf-8")
    cached, counts = _build(root, "cached")
    yield {"root": root, "cached": cached, "counts": counts}


def test_every_page_is_the_themes_own(site: dict[str, Any]) -> None:
    assert _differ(site["cached"], site["theirs"]) == []
    html = [name for name in site["cached"] if name.endswith(".html")]
    assert len(html) > 300
    renders, pages = site["counts"]
    assert pages > 300 and renders < pages / 10  # the menu was rendered for few pages
    assert site["theme_counts"][0] == 0  # the theme's own partial made every menu


def test_with_deeper_targets_and_a_page_in_the_menu(deep: dict[str, Any]) -> None:
    root = deep["root"]
    _theme_nav(root)
    theirs, _ = _build(root, "theirs")
    assert _differ(deep["cached"], theirs) == []
    finding = deep["cached"]["cases/case-0000/findings/case-0000-f00.html"].decode()
    assert 'md-nav__link--active">A finding' not in finding  # the section holds it
    assert 'class="md-nav__link md-nav__link--active"' in finding
    # listed without a title: the menu names it by its own on every page, built after it too
    assert all(b">None</a>" not in page for page in deep["cached"].values())
    sibling = deep["cached"]["cases/case-0000/findings/case-0000-f01.html"].decode()
    assert "md-nav__link--active" not in sibling
    renders, pages = deep["counts"]
    assert renders < pages * 2 / 3  # 16 pages in the menu, 43 in all


@pytest.mark.parametrize("flaw", ["share the menu of a page in it", "key on depth alone"])
def test_a_flawed_cache_would_be_caught(deep: dict[str, Any], flaw: str) -> None:
    """The comparison above fails when the cache serves a wrong menu."""
    root = deep["root"]
    (root / "overrides" / "partials" / "nav.html").unlink(missing_ok=True)
    shutil.copy(menu_wrapper(), root / "overrides" / "partials" / "nav.html")
    real_key = menu._Menu.key

    def patch(monkey: pytest.MonkeyPatch) -> None:
        if flaw == "key on depth alone":
            monkey.setattr(menu, "menu_key", lambda url, targets: (len(menu._folder(url)), ()))
        else:
            monkey.setattr(menu._Menu, "key", lambda self, page: (
                menu.menu_key(page.url, self.targets) if page is not None
                else real_key(self, page)))

    name = f"flawed-{len(list(root.glob('flawed-*')))}"
    flawed, _ = _build(root, name, patch)
    wrong = _differ(flawed, deep["cached"])
    assert wrong and all(name.endswith(".html") for name in wrong)


def menu_wrapper() -> Path:
    from casefile.assets import shared_dir
    return shared_dir("overrides") / "partials" / "nav.html"


def test_the_theme_partial_is_the_themes_own_not_a_wrapper() -> None:
    from tests.conftest import REPO
    config = load_config(str(REPO / "mkdocs.yml"))
    env = config.theme.get_env()
    template = menu.theme_partial(env, config.theme.dirs, [config.theme.custom_dir])
    assert template is not None and Path(template.filename or "") == THEME_NAV
    assert "cf_site_menu" in menu_wrapper().read_text(encoding="utf-8")
    assert menu.theme_partial(env, [str(REPO / "overrides")], []) is not None  # the wrapper
    assert menu.theme_partial(env, [str(REPO / "overrides")], [str(REPO / "overrides")]) \
        is None

