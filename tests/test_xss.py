"""Hostile text in every free-text field stays inert: checked in the parsed HTML and in a
real Chromium (no dialog, no console error from injected code) on every page type and in
search results. Hostile ids and URLs are refused at load time (see test_validate)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from tests.conftest import MINI, copy_project, mkdocs_build, write_tree
from tests.test_browser import CSP_WATCH, browser, serve  # noqa: F401

PAYLOADS = [
    '<script>alert("x1")</script>',
    '<img src=x onerror=alert("x2")>',
    '"><svg onload=alert("x3")>',
    "javascript:alert('x4')",
    '[click](javascript:alert("x5"))',
    "{{ 7*7 }} {% for x in range(3) %}X{% endfor %}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }} {{ cycler.__init__.__globals__ }}",
    '{: onerror=alert("x6") }',
    '</title><script>alert("x7")</script>',
    "<a href=\"JaVaScRiPt:alert('x8')\">x</a>",
    "&lt;script&gt;alert('x9')&lt;/script&gt; &#106;avascript:alert('x10')",
    "<style>body{display:none}</style><iframe src=javascript:alert('x11')>",
]
TEXT_KEYS = ("name", "title", "text", "summary", "note", "quote", "for", "service",
             "legal_basis", "publisher_note", "published_note", "date_note", "description",
             "period", "as_written", "what", "why", "locator")


def hostile(text: str, counter: list[int]) -> str:
    """Replace every free-text value with a payload, written as a YAML quoted string."""
    def swap(match: re.Match[str]) -> str:
        counter[0] += 1
        return f"{match.group(1)}{json.dumps(PAYLOADS[counter[0] % len(PAYLOADS)])}"

    keys = "|".join(TEXT_KEYS)
    return re.sub(rf"^(\s*-?\s*(?:{keys}): )(?!\[)(.+)$", swap, text, flags=re.M)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("xss")
    copy_project(root, data=False)
    counter = [0]
    files = {rel: hostile(text, counter) for rel, text in MINI.items()}
    files["cases/town/records/town-inspection.yml"] += (
        "    locator: '<b onmouseover=alert(1)>p. 3</b>'\n".replace("    locator", "    #"))
    write_tree(root / "data", files)
    assert counter[0] >= 20
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_script_handler_or_dangerous_link_from_data(site: Path) -> None:
    theme_scripts = re.compile(r"assets/(javascripts/bundle\.[0-9a-f]+\.min|casefile)\.js$")
    for html_file in pages(site):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            src = script.get("src")
            assert (src and theme_scripts.search(src)) or "alert" not in script.text, html_file
        for tag in soup.find_all(True):
            assert tag.name not in ("iframe", "svg", "style") or "alert" not in str(tag) \
                or (tag.name == "svg" and not tag.get("onload")), (html_file, tag)
            assert not [k for k in tag.attrs if k.lower().startswith("on")], (html_file, tag)
            for attr in ("href", "src", "action", "formaction"):
                value = re.sub(r"[\s\x00-\x1f]", "", str(tag.get(attr, ""))).lower()
                assert not value.startswith(("javascript:", "data:text", "vbscript:")), tag
        title = soup.title.get_text() if soup.title else ""
        assert "<script" not in str(soup.title).lower().replace("&lt;script", ""), html_file
        assert soup.find("title") and len(soup.find_all("title")) == 1, title


def test_template_syntax_is_shown_literally(site: Path) -> None:
    text = BeautifulSoup((site / "cases" / "town" / "index.html").read_text(encoding="utf-8"),
                         "html.parser").get_text(" ")
    assert "{{ 7*7 }}" in text and "{% for x in range(3) %}" in text
    assert "49" not in text.replace("2049", "")
    assert "__subclasses__" in text  # shown, never evaluated
    assert '<script>alert("x1")</script>' in text  # the reader sees the text as typed


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("path", ["", "cases/", "cases/town/", "bodies/", "bodies/town-council/",
                                  "bodies/inspectorate/", "sources/", "timeline/", "themes/",
                                  "data/", "how-to-edit/"])
def test_nothing_runs_in_the_browser(browser: Browser, base: str, path: str) -> None:  # noqa: F811
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(CSP_WATCH + "\nwindow.alert = () => { window.__alerted = 1; };")
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base + path, wait_until="networkidle")
    assert dialogs == [] and page.evaluate("window.__alerted") is None
    assert page.evaluate("window.__csp") == []
    assert errors == []
    context.close()


def test_search_results_stay_inert(browser: Browser, base: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script("window.alert = () => { window.__alerted = 1; };")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base, wait_until="networkidle")
    found = 0
    for query in ("click", "cycler", "range", "onerror", "alert", "iframe"):
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("")
        page.keyboard.type(query, delay=20)
        page.wait_for_timeout(800)
        found += page.locator(".md-search-result__item").count()
    assert found > 0  # payload text really was rendered into search results
    assert dialogs == [] and page.evaluate("window.__alerted") is None
    context.close()
