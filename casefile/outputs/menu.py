"""The theme's site menu, rendered once for all the pages that get the same one (#12).

Material renders its site menu (``partials/nav.html``) anew for every page: at 1000 cases
about 11,000 times, although most pages (finding pages, list pages) are not in the menu.
For such a page the menu marks no item active and embeds no contents list (the theme's
``nav-item.html`` reads the page only to compare it with an item, and its ``toc`` only
when the page is that item); it differs from another such page only by its links, which
the ``url`` filter makes relative to the page's address. MkDocs' ``get_relative_url``
makes a link that depends on the page's address only through its number of folders and
how many of them it shares with the target from the top: ``menu_key``. So the menu is
rendered once per key and reused; a page in the menu, or any page while an item of the
menu is active, gets it rendered afresh, as does a page with no address (the 404 page).

What the theme's menu links to with the ``url`` filter: the pages and links in the menu,
the home page, ``extra.homepage`` and the logo (``partials/logo.html``). Everything else
it reads (``features``, the site's name, the repository, the translations, the items'
titles and metadata) is the same for every page of a build.

``overrides/partials/nav.html`` calls ``cf_site_menu()``, a Jinja global the plugin sets in
``on_env`` to ``site_menu(template)``, with ``template`` the theme's own nav partial.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, Template, TemplateNotFound, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

Key = tuple[int, tuple[int, ...]]


def _parts(path: str) -> list[str]:
    """A path's folders as MkDocs' ``_norm_parts`` counts them (``..`` stops at the top)."""
    if not path.startswith("/"):
        path = "/" + path
    path = posixpath.normpath(path)[1:]
    return path.split("/") if path else []


def _folder(url: str) -> list[str]:
    """The folders of a page's address that its relative links start from: the last part
    is left out when it names a file (it has a dot), as ``get_relative_url`` does."""
    folder, _, last = url.rpartition("/")
    return _parts(folder if "." in last else url)


def link_target(url: str) -> list[str] | None:
    """A target's folders, if the ``url`` filter makes a link to it relative to the page
    (not a full address, nor one from the site's root or a #fragment alone)."""
    split = urlsplit(url or ".")
    if split.scheme or split.netloc or url.startswith(("/", "#")):
        return None
    return _parts(url or ".")


def menu_key(page_url: str, targets: list[list[str]]) -> Key:
    """What links from the page at ``page_url`` to ``targets`` (their folders) depend on:
    the page's number of folders and how many it shares with each target from the top."""
    parts = _folder(page_url)
    shared = []
    for target in targets:
        n = 0
        for a, b in zip(parts, target, strict=False):
            if a != b:
                break
            n += 1
        shared.append(n)
    return len(parts), tuple(shared)


def _items(items: Any) -> Iterator[Any]:
    for item in items or ():
        yield item
        yield from _items(getattr(item, "children", None))


class _Menu:
    """The menu's items and link targets, worked out once per build (the nav is fixed)."""

    def __init__(self, nav: Any, config: Any) -> None:
        self.nav = nav
        self.items = list(_items(nav.items))
        homepage = getattr(nav, "homepage", None)
        extra = getattr(config, "extra", None) or {}
        theme = getattr(config, "theme", None)
        targets = [getattr(item, "url", None) for item in self.items]
        targets += [getattr(homepage, "url", None), extra.get("homepage"),
                    theme.get("logo") if theme is not None else None]
        folders = (link_target(str(t)) for t in targets if t)
        self.targets = [list(f) for f in {tuple(f) for f in folders if f is not None}]
        # An item that lists pages of its own (not MkDocs' sections) is compared with the
        # page in another way than by being it: never shared then.
        self.shareable = not any(hasattr(item, "pages") for item in self.items)
        self.sources = {item.file.src_uri for item in self.items
                        if getattr(item, "file", None) is not None}

    def key(self, page: Any) -> Key | None:
        """The page's key, or None when its menu must be rendered for it alone."""
        url = getattr(page, "url", None)
        if page is None or url is None or not self.shareable:
            return None
        if any(getattr(item, "active", False) for item in self.items):
            return None
        # The theme asks whether an item == the page: MkDocs' pages are equal only if they
        # hold the same File. Any page whose file's path is in the menu is left alone.
        file = getattr(page, "file", None)
        if file is None or any(item is page for item in self.items) or \
                getattr(file, "src_uri", None) in self.sources:
            return None
        return menu_key(url, self.targets)


def site_menu(template: Template) -> Callable[[Context], Markup]:
    """The ``cf_site_menu()`` global: ``template`` rendered with the caller's context,
    once per ``menu_key`` for the pages outside the menu."""
    menus: dict[Key, Markup] = {}
    known: list[_Menu] = []

    @pass_context
    def cf_site_menu(context: Context) -> Markup:
        nav = context.get("nav")
        if not known or known[0].nav is not nav:
            if nav is None:
                return Markup(template.render(context.get_all()))
            known[:] = [_Menu(nav, context.get("config"))]
            menus.clear()
        key = known[0].key(context.get("page"))
        if key is None:
            return Markup(template.render(context.get_all()))
        menu = menus.get(key)
        if menu is None:
            menu = menus[key] = Markup(template.render(context.get_all()))
        return menu

    return cf_site_menu


def theme_partial(env: Environment, dirs: list[str], ours: list[str | None],
                  name: str = "partials/nav.html") -> Template | None:
    """The theme's own ``name``, compiled for ``env``: from the first of ``dirs`` that is
    not one of ``ours`` (the site's ``custom_dir``, casefile's overrides); None if the
    theme has none."""
    skip = {Path(d).resolve() for d in ours if d}
    theme = [d for d in dirs if Path(d).resolve() not in skip]
    try:
        return FileSystemLoader(theme).load(env, name, env.make_globals(None))
    except TemplateNotFound:
        return None


__all__ = ["link_target", "menu_key", "site_menu", "theme_partial"]
