"""A site made by ``casefile init`` (no cases yet) passes axe-core's WCAG 2.2 AA checks in
Debian's Chromium at phone and desktop widths, loads nothing from other sites, and every
page it links to exists."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.conftest import build_init_site
from tests.test_browser import WCAG, WIDTHS, browser, serve  # noqa: F401  (fixture)


@pytest.fixture(scope="module")
def init_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_init_site(tmp_path_factory.mktemp("init") / "new-site")
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("width", list(WIDTHS))
def test_init_site_pages_have_no_axe_violations(browser: Browser, init_base: str,  # noqa: F811
                                                width: str) -> None:
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    page.goto(init_base, wait_until="networkidle")
    links = page.eval_on_selector_all(
        "nav a[href]", "els => [...new Set(els.map(e => e.href.split('#')[0]))]")
    internal = sorted(u for u in links if u.startswith(init_base))
    assert init_base in internal and len(internal) >= 3, internal
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    found: dict[str, list[str]] = {}
    for url in internal:
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.status == 200, url
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
        found[url] = [v["id"] for v in result.response["violations"]]
    context.close()
    assert {u: v for u, v in found.items() if v} == {}
    assert [u for u in requests if not u.startswith(init_base)] == []
