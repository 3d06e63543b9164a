"""In a real headless Chromium (Debian's), against the built site served on 127.0.0.1:
axe-core finds no WCAG 2.2 AA violations on any page type at phone and desktop widths, no
request leaves the site, and the content reads with JavaScript off. Screenshots are saved
to tests/artifacts/."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, sync_playwright

from tests.conftest import REPO
from tests.test_copies_shown import CASE as SECOND
from tests.test_copies_shown import OPEN, shown_site  # noqa: F401  (module-scoped build)
from tests.test_site import CASE, site  # noqa: F401  (module-scoped build)

# CASEFILE_CHROMIUM (set by the Makefile; the workflows use the runner's Chrome)
CHROMIUM = (os.environ.get("CASEFILE_CHROMIUM") or shutil.which("chromium")
            or "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
WIDTHS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
NARROW = {"phone": {"width": 390, "height": 844}, "desktop": WIDTHS["desktop"]}
PAGES = {"home": "", "case": f"cases/{CASE}/", "case-sources": f"cases/{CASE}/sources/",
         "body": "bodies/care-inspectorate-wales/",
         "bodies": "bodies/", "sources": "sources/", "methodology": "methodology/",
         "data": "data/", "how-to-edit": "how-to-edit/", "field-reference": "field-reference/",
         "timeline": "timeline/",
         "themes": "themes/", "accessibility": "accessibility/", "404": "no-such-page/"}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = REPO / "tests" / "artifacts"
CSP_WATCH = """window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));"""


class SiteHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A local HTTP server for a built site; yields its base URL."""
    handler = functools.partial(SiteHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()



@dataclasses.dataclass
class Visit:
    """What a page did when opened in a browser: its HTTP status, its axe violations
    (WCAG 2.2 AA), requests to other sites, how far it scrolls sideways, and dialogs
    (a hostile script's alert())."""

    status: int | None
    violations: list[tuple[str, list[Any]]]
    outside: list[str]
    wider: int
    dialogs: list[str]


def visit(browser: Browser, base: str, path: str, viewport: dict[str, int]) -> Visit:
    """Open ``base + path`` at ``viewport`` and record what it did (see Visit)."""
    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = page.goto(base + path, wait_until="networkidle")
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                  for v in result.response["violations"]]
    wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    return Visit(response.status if response else None, violations,
                 [u for u in requests if not u.startswith(base)], wider, dialogs)

@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:  # noqa: F811
    with serve(site) as url:
        yield url


def launched() -> Iterator[Browser]:
    """The browser CHROMIUM names, headless, for one test module."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """This module's browser, and test_browser_init's and test_xss's: skipped without one."""
    yield from browser_or_skip()


def browser_usable() -> bool:
    """Whether CHROMIUM is a program this user may run: what the Makefile's browser step
    asks (``[ -x ... ]``), so make test and the tests agree on whether there is one."""
    return os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)


MISSING = (f"no browser at {CHROMIUM}: install Debian's chromium (make chromium, or "
           "apt-get install chromium) or name another with CASEFILE_CHROMIUM")


def browser_or_skip() -> Iterator[Browser]:
    """``launched()``, or a skip where there is no browser to run: the newer browser
    modules' ``browser`` fixture (``browser = pytest.fixture(scope="module")(browser_or_skip)``).
    In CI the browser tests are skipped too, and one test fails for all of them
    (tests/test_setup.py)."""
    if not browser_usable():
        pytest.skip(MISSING + (" (CI: test_setup.py fails for it)" if os.environ.get("CI")
                               else ""))
    yield from launched()


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations_and_no_outside_requests(browser: Browser, base: str, name: str,
                                                   width: str) -> None:
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    page.add_init_script(CSP_WATCH)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    responses: list[tuple[int, str]] = []
    page.on("response", lambda r: responses.append((r.status, r.url)))
    page.goto(base + PAGES[name], wait_until="networkidle")
    csp = page.evaluate("window.__csp")
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                  for v in result.response["violations"]]
    outside = [u for u in requests if not u.startswith(base)]
    failed = [r for r in responses if r[0] >= 400 and not (name == "404" and r[1] ==
                                                              base + PAGES[name])]
    if name in ("home", "case"):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=False)
    context.close()
    assert violations == []
    assert outside == []
    assert failed == []
    assert csp == [], csp
    assert [e for e in errors if "404" not in e] == []
    assert len(requests) > 1  # the page and its assets were really loaded


@pytest.mark.parametrize("name", list(PAGES))
def test_content_reads_with_javascript_off(browser: Browser, base: str, name: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=WIDTHS["phone"])
    page = context.new_page()
    page.goto(base + PAGES[name])
    article = page.locator("article")
    assert article.is_visible()
    assert len(article.inner_text()) > (20 if name == "404" else 200)
    if name == "case":
        assert page.locator("ol.cf-timeline > li").first.is_visible()
        assert page.locator("table.cf-matrix").first.is_visible()
        assert page.locator("nav.cf-contents").is_visible()  # its only contents list
    if name == "case-sources":  # the passages quoted on the case page
        page.locator("details.cf-quotes summary").first.click()  # native, no script
        assert page.locator("details.cf-quotes li").first.is_visible()
    context.close()


def test_keyboard_reaches_the_matrix_and_its_citations(browser: Browser, base: str) -> None:
    context = browser.new_context(viewport=WIDTHS["phone"])
    page = context.new_page()
    page.goto(base + PAGES["case"])
    region = page.locator(".cf-table-scroll").first
    assert region.get_attribute("tabindex") == "0"  # scrollable tables take focus
    focused = []
    for _ in range(400):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.className || ''"))
        if "cf-table-scroll" in focused[-1]:
            break
    assert "cf-table-scroll" in focused[-1]
    context.close()


@pytest.mark.parametrize("query, expected", [
    ("Powys", f"cases/{CASE}/"),                      # the council's name
    ("fragile organisation", f"cases/{CASE}/"),       # a phrase of a finding
    ("Rachel Powell", f"cases/{CASE}/"),              # a person, by name
])
def test_search_finds_cases_findings_and_people(browser: Browser, base: str, query: str,
                                                 expected: str) -> None:
    context = browser.new_context(viewport=WIDTHS["desktop"])
    page = context.new_page()
    page.add_init_script(CSP_WATCH)
    page.goto(base, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=20)
    page.wait_for_selector(".md-search-result__item a", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a",
                                      "els => els.map(e => e.getAttribute('href'))")
    assert page.evaluate("window.__csp") == []  # the search worker runs under the CSP
    context.close()
    assert any(h.split("?")[0].split("#")[0] == base + expected for h in hrefs), hrefs


def test_printed_case_page(browser: Browser, base: str) -> None:
    context = browser.new_context(viewport=WIDTHS["desktop"])
    page = context.new_page()
    page.goto(base + PAGES["case"], wait_until="networkidle")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    for shown in ("ol.cf-timeline", "table.cf-matrix", "ol.cf-bibliography"):
        assert page.locator(shown).first.is_visible(), shown
    page.goto(base + PAGES["case-sources"], wait_until="networkidle")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.cf-quotes li").first.is_visible()  # quotes open for print
    page.goto(base + PAGES["case"], wait_until="networkidle")
    page.emulate_media(media="print")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=str(ARTIFACTS / "case-print.pdf"))
    assert pdf[:5] == b"%PDF-" and len(pdf) > 20_000
    page.goto(base + PAGES["methodology"])
    page.emulate_media(media="print")
    after = page.evaluate("""() => { const a = [...document.querySelectorAll('article a')]
        .find(x => x.href.startsWith('https://pypi.org'));
        return getComputedStyle(a, '::after').content; }""")
    assert after == '" <https://pypi.org/project/holidays/>"'
    context.close()


def test_csp_blocks_a_script_that_is_not_the_themes(browser: Browser, base: str,
                                                     site: Path) -> None:  # noqa: F811
    """The policy is real: an injected inline script is refused and reported."""
    page_file = site / "about" / "index.html"
    original = page_file.read_text(encoding="utf-8")
    page_file.write_text(original.replace("</body>", "<script>window.__ran = 1</script></body>"),
                         encoding="utf-8")
    try:
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(CSP_WATCH)
        page.goto(base + "about/", wait_until="networkidle")
        assert page.evaluate("window.__ran") is None
        assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
        context.close()
    finally:
        page_file.write_text(original, encoding="utf-8")


# Stored copies (#11): the sources page with every copy's hash, a published copy's page and
# the second case's page (its quotations checked or not), from the fixture build of
# tests/test_copies_shown.py (the Powys fixture and the fictional second case).
COPY_PAGES = {"copy": f"sources/{OPEN}/copy/", "sources": "sources/",
              "second-case": f"cases/{SECOND}/"}


@pytest.fixture(scope="module")
def shown_base(shown_site: Path) -> Iterator[str]:  # noqa: F811
    with serve(shown_site) as url:
        yield url


@pytest.mark.parametrize("width", list(NARROW))
@pytest.mark.parametrize("name", list(COPY_PAGES))
def test_copy_pages_pass_axe_and_never_scroll_sideways(browser: Browser, shown_base: str,
                                                       name: str, width: str) -> None:
    context = browser.new_context(viewport=NARROW[width])
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(shown_base)
            else None)
    page.goto(shown_base + COPY_PAGES[name], wait_until="networkidle")
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3])
                  for v in result.response["violations"]]
    scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    hashes = page.evaluate("""() => [...document.querySelectorAll('code.cf-hash')]
        .map(c => c.getBoundingClientRect().right)""")
    if width == "phone" and name == "copy":
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "copy-phone.png"), full_page=False)
    context.close()
    assert violations == []
    assert outside == []
    assert scroll[0] <= scroll[1], f"the page scrolls sideways: {scroll}"
    assert (name == "second-case") != bool(hashes)  # hashes on the sources and copy pages
    assert all(right <= scroll[1] for right in hashes), (hashes, scroll)


def test_a_published_copy_reads_with_javascript_off(browser: Browser, shown_base: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=NARROW["phone"])
    page = context.new_page()
    page.goto(shown_base + COPY_PAGES["copy"])
    assert page.locator("#para-5 mark").inner_text() == "Too few placements were available"
    assert page.locator("#para-5 .cf-quoted-in").is_visible()  # said in words, not colour
    assert not page.locator("#para-5 .cf-vh").first.is_visible() or page.locator(
        "#para-5 .cf-vh").first.bounding_box()["width"] <= 1  # type: ignore[index]
    context.close()
