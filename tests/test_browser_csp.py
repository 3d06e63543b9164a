"""The Content-Security-Policy of every built page (casefile/outputs/harden.py) in a real
headless Chromium (Debian's), on the fictional inquiry of tests/projects/inquiry built as a
site: no page breaks it (the theme's inline scripts run, allowed by their hashes; its
settings, a JSON block the browser never runs, have none and are still read), search works
(its worker and the index it fetches, which fall back to ``default-src 'self'``), a font
of the site's own loads and one from elsewhere is refused (``font-src``, left to
``default-src``), as is a fetch from elsewhere; and the pages read with JavaScript off.
Skipped when chromium is absent."""

from __future__ import annotations

import base64
import hashlib
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from casefile.outputs.harden import POLICY
from tests.browser_support import WIDTHS, browser_or_skip, script_off, served
from tests.conftest import PROJECTS, copy_project, mkdocs_build
from tests.test_browser import CSP_WATCH

CASE = "cases/example-northmoor-water-inquiry/"
PAGES = {"home": "", "case": CASE, "case-sources": CASE + "sources/", "sources": "sources/",
         "methodology": "methodology/"}
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

browser = pytest.fixture(scope="module")(browser_or_skip)


@pytest.fixture(scope="module")
def inquiry_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("csp"), PROJECTS / "inquiry" / "data")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


base = served("inquiry_site")


def opened(browser: Browser, url: str) -> tuple[Page, list[str]]:
    """``url`` at desktop width, watched for CSP violations (window.__csp) and console
    errors (the list returned)."""
    page = browser.new_context(viewport=WIDTHS["desktop"]).new_page()
    page.add_init_script(CSP_WATCH)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url, wait_until="networkidle")
    return page, errors


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("name", list(PAGES))
def test_the_policy_lists_the_scripts_that_run_and_no_page_breaks_it(
        browser: Browser, base: str, inquiry_site: Path, name: str) -> None:
    html = (inquiry_site / PAGES[name] / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    inline = [s for s in soup.find_all("script") if not s.has_attr("src")]
    settings = [s for s in inline if s.get("type") == "application/json"]
    run = [s for s in inline if not s.has_attr("type")]
    assert [s.get("id") for s in settings] == ["__config"] and len(run) >= 1
    assert len(inline) == len(settings) + len(run)  # no other kind on these pages
    content = soup.select_one("meta[http-equiv=Content-Security-Policy]")["content"]  # type: ignore[index]
    assert content == POLICY.format(hashes=" ".join(sorted({sha(s.string or "")
                                                             for s in run})))
    page, errors = opened(browser, base + PAGES[name])
    try:
        assert page.evaluate("window.__csp") == []
        assert [e for e in errors if "Content Security Policy" in e] == []
        # the theme's inline script ran (by its hash): it defines __md_get
        assert page.evaluate("typeof __md_get") == "function"
        # its bundle read the settings block: the search box is wired to its worker
        assert page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                             ".search").endswith(".min.js")
    finally:
        page.context.close()


def test_search_runs_under_the_policy(browser: Browser, base: str) -> None:
    page, errors = opened(browser, base)
    try:
        page.locator("input.md-search__input").click()
        page.keyboard.type("Northmoor", delay=20)
        page.wait_for_selector(".md-search-result__item a", timeout=30000)
        hrefs = page.eval_on_selector_all(".md-search-result__item a",
                                          "els => els.map(e => e.getAttribute('href'))")
        assert any(h.split("?")[0].split("#")[0] == base + CASE for h in hrefs), hrefs
        assert page.evaluate("window.__csp") == []  # the worker and its fetch: allowed
        assert [e for e in errors if "Content Security Policy" in e] == []
    finally:
        page.context.close()


@pytest.mark.skipif(not FONT.is_file(), reason="no DejaVu font to serve")
def test_a_font_of_the_site_loads_and_one_from_elsewhere_is_refused(
        browser: Browser, base: str, inquiry_site: Path) -> None:
    """No font-src is written: fonts fall back to default-src 'self'. The site loads no
    web font (``font: false``), so one is served for the test."""
    shutil.copy(FONT, inquiry_site / "assets" / "csp-test-font.ttf")
    page, _ = opened(browser, base + PAGES["methodology"])
    try:
        loaded = page.evaluate("""async () => {
            const style = document.createElement('style');
            style.textContent = "@font-face { font-family: OwnFace; src: url(" +
                "'/assets/csp-test-font.ttf'); } @font-face { font-family: OtherFace; " +
                "src: url('http://localhost:9/x.ttf'); }";
            document.head.append(style);
            const own = await document.fonts.load('16px OwnFace');
            const other = await document.fonts.load('16px OtherFace').catch(() => []);
            return [own.map(f => f.status), other.map(f => f.status)]; }""")
        assert loaded == [["loaded"], []]
        refused = page.evaluate("""async () => {
            const own = await fetch('/search/search_index.json').then(r => r.status);
            const other = await fetch('http://localhost:9/x.json').then(
                () => 'fetched', () => 'refused');
            return [own, other]; }""")
        assert refused == [200, "refused"]
        page.wait_for_function("window.__csp.length >= 2")
        assert sorted(v.split(" ")[0] for v in page.evaluate("window.__csp")) == [
            "connect-src", "font-src"]
    finally:
        page.context.close()
        (inquiry_site / "assets" / "csp-test-font.ttf").unlink()


@pytest.mark.parametrize("name", ["case", "case-sources"])
def test_pages_read_with_javascript_off(browser: Browser, base: str, name: str) -> None:
    with script_off(browser, base + PAGES[name]) as page:
        article = page.locator("article")
        assert article.is_visible()
        assert "Example Inquiry into the Northmoor Water Board" in article.inner_text()
        assert page.locator("ol.cf-timeline > li, ol.cf-bibliography > li").first.is_visible()
