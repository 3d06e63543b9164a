"""`make exit-check`: prove that `casefile generate` works without casefile's MkDocs plugin.

    python -m bench.exit_check [--project .] [--builders mkdocs,zensical] [--base /casefile/]

The project's pages are generated as Markdown, then for each builder: built (plain MkDocs
with its own ``mkdocs`` theme, or Zensical, both without the casefile plugin), hardened
with casefile's Content-Security-Policy step (casefile/outputs/harden.py), checked with
``casefile links`` (lychee, offline), served by a real HTTP server on 127.0.0.1 under a
sub-path, as on a GitHub Pages project site, and crawled there: every internal link,
stylesheet, script and image must answer 200 and every #fragment must name an element on
its page. Requests to any other site are counted too (the bar is none). Prints one line
per builder (pages, links checked, broken, build seconds); exits 1 when any is broken.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.error import HTTPError, URLError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

from casefile.outputs.harden import harden

BIN = Path(sys.executable).parent
BUILDERS = ("mkdocs", "zensical")
# Versions this was tested with (pyproject.toml pins Zensical: 0.1.x needs zensical-ui).
ZENSICAL_TESTED = "0.0.73"


@dataclass
class Crawl:
    pages: int = 0
    links: int = 0  # every link, stylesheet, script and image on every page
    targets: int = 0  # distinct internal addresses (with fragment) checked
    broken: list[str] = field(default_factory=list)
    third_party: set[str] = field(default_factory=set)


@dataclass
class Result:
    builder: str
    seconds: float
    links_ok: bool
    links_report: str
    crawl: Crawl

    def line(self) -> str:
        c = self.crawl
        return (f"{self.builder}: {c.pages} pages, {c.links} links ({c.targets} distinct "
                f"internal targets) checked through the server, {len(c.broken)} broken, "
                f"{len(c.third_party)} third-party requests; casefile links: "
                f"{'0 broken' if self.links_ok else 'BROKEN'}; build {self.seconds:.2f} s")

    @property
    def ok(self) -> bool:
        return self.links_ok and not self.crawl.broken and not self.crawl.third_party


class _Page(HTMLParser):
    """The links (a, area, link, script, img, source, iframe) and ids of one HTML page."""

    ATTRS: ClassVar[dict[str, str]] = {"a": "href", "area": "href", "link": "href",
                                       "script": "src", "img": "src", "source": "src",
                                       "iframe": "src"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, address)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name] or "")
        wanted = self.ATTRS.get(tag)
        if wanted and values.get(wanted) is not None:
            rel = (values.get("rel") or "").split()
            if tag == "link" and {"preconnect", "dns-prefetch"} & set(rel):
                self.links.append(("preconnect", values[wanted] or ""))
            else:
                self.links.append((tag, values[wanted] or ""))


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urlopen(url, timeout=30) as response:  # our own 127.0.0.1 server
            return response.status, response.headers.get_content_type(), response.read()
    except HTTPError as exc:
        return exc.code, "", b""
    except URLError as exc:
        return 0, str(exc.reason), b""


def crawl(start: str) -> Crawl:
    """Every page reachable from ``start`` (a folder address ending in /) without leaving
    it; fragments are checked against the ids of the page they name."""
    result = Crawl()
    fetched: dict[str, tuple[int, _Page | None]] = {}  # address -> (status, page if HTML)
    queue, seen = [start], {start}
    checks: list[tuple[str, str, str]] = []  # (from page, address, fragment)
    while queue:
        url = queue.pop()
        status, kind, body = _fetch(url)
        page = None
        if status == 200 and kind == "text/html":
            page = _Page()
            page.feed(body.decode("utf-8", "replace"))
            result.pages += 1
            for tag, link in page.links:
                if _follow(url, tag, link, start, result, checks) and link_target(
                        url, link) not in seen:
                    seen.add(link_target(url, link))
                    queue.append(link_target(url, link))
        fetched[url] = status, page
    result.targets = len({(t, f) for _, t, f in checks})
    for source, target, fragment in sorted(set(checks)):
        if target not in fetched:  # outside the site's folder: it must answer too
            fetched[target] = _fetch(target)[0], None
        status, page = fetched[target]
        if status != 200:
            result.broken.append(f"{source} -> {target} ({status})")
        elif fragment and page is not None and fragment not in page.ids:
            result.broken.append(f"{source} -> {target}#{fragment} (no such id)")
    return result


def link_target(page: str, link: str) -> str:
    return urldefrag(urljoin(page, link))[0]


def _follow(url: str, tag: str, link: str, start: str, result: Crawl,
            checks: list[tuple[str, str, str]]) -> bool:
    """Count one link and note it for checking; True when it is a page of the site to
    crawl (an address under ``start``)."""
    target, fragment = urldefrag(urljoin(url, link))
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https"):
        return False  # mailto:, data:, javascript: (the CSP blocks the last)
    result.links += 1
    if parts.netloc != urlsplit(start).netloc:
        if tag != "a":  # a page loading something from another site
            result.third_party.add(f"{target} (<{tag}> on {url})")
        return False
    checks.append((url, target, fragment))
    return target.startswith(start)


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site only under its sub-path, as a project site is: anything else 404."""

    base = "/casefile/"

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(self.base):
            return str(Path(self.directory) / ".not-served" / "x")
        return super().translate_path("/" + clean[len(self.base):])

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(site: Path, base: str) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (a free port) serving ``site`` under ``base``."""
    handler = type("Handler", (_SubPathHandler,), {"base": base})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base}"
    finally:
        server.shutdown()
        server.server_close()


def config(builder: str, pages: Path, site: Path, site_url: str) -> str:
    """The builder's mkdocs.yml: the generated pages, casefile's stylesheet, no plugin, and
    nothing loaded from another site (no web fonts, no highlight.js from a CDN)."""
    theme = ("theme: {name: mkdocs, highlightjs: false}" if builder == "mkdocs"
             else "theme: {font: false}")
    return (f"site_name: casefile exit check\nsite_url: {site_url}\ndocs_dir: {pages}\n"
            f"site_dir: {site}\n{theme}\nextra_css: [assets/casefile.css]\n")


def build(builder: str, pages: Path, work: Path, site_url: str) -> tuple[Path, float]:
    """Build ``pages`` (a folder in ``work``) with ``builder`` into ``work/builder/site``;
    (the site folder, seconds). Raises on failure."""
    site = work / builder / "site"
    conf = work / f"{builder}.yml"  # Zensical wants docs_dir inside the config's folder
    conf.write_text(config(builder, pages.relative_to(work), site.relative_to(work),
                           site_url), encoding="utf-8")
    command = [str(BIN / "mkdocs"), "build", "--strict", "-f", conf.name] \
        if builder == "mkdocs" else [str(BIN / "zensical"), "build", "--clean", "-f", conf.name]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=work, capture_output=True, text=True, env=env,
                          timeout=900)
    seconds = time.perf_counter() - start
    if done.returncode != 0 or not (site / "index.html").is_file():
        raise RuntimeError(f"{builder} build failed:\n{done.stdout}{done.stderr}")
    return site, seconds


def harden_site(site: Path) -> int:
    """casefile's CSP step on every page; the number of pages hardened."""
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        page.write_text(harden(page.read_text(encoding="utf-8")), encoding="utf-8")
    return len(pages)


def check_builder(builder: str, pages: Path, work: Path, base: str = "/casefile/") -> Result:
    """Build, harden, link-check and crawl ``pages`` with one builder."""
    site = work / builder / "site"
    with serving(site, base) as address:
        site_dir, seconds = build(builder, pages, work, address)
        harden_site(site_dir)
        links = subprocess.run([str(BIN / "casefile"), "links", str(site_dir)],
                               capture_output=True, text=True, timeout=900)
        found = crawl(address)
    return Result(builder, seconds, links.returncode == 0, links.stdout + links.stderr, found)


def generate(project: Path, out: Path) -> int:
    done = subprocess.run([str(BIN / "casefile"), "generate", "--out", str(out)], cwd=project,
                          capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"casefile generate failed:\n{done.stdout}{done.stderr}")
    return len(list(out.rglob("*.md")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.exit_check", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", default=".", help="the casefile project (default: .)")
    parser.add_argument("--builders", default=",".join(BUILDERS))
    parser.add_argument("--base", default="/casefile/", help="sub-path to serve under")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="casefile-exit-"))
    failed = False
    try:
        count = generate(Path(args.project), work / "pages")
        print(f"casefile generate: {count} Markdown pages")
        for builder in args.builders.split(","):
            result = check_builder(builder, work / "pages", work, args.base)
            print(result.line())
            if not result.ok:
                failed = True
                print(result.links_report if not result.links_ok else "", *result.crawl.broken,
                      *sorted(result.crawl.third_party), sep="\n", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
