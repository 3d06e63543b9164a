"""The exit from MkDocs' plugin (docs/platform.md): `casefile generate` output built with
plain MkDocs and with Zensical, hardened, served under /casefile/ on 127.0.0.1 and crawled,
with no broken internal link (bench/exit_check.py, `make exit-check`). Zensical's test is
skipped when it is not installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bench import exit_check
from tests.conftest import REPO, copy_project


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("exit")
    count = exit_check.generate(copy_project(work / "project"), work / "pages")
    assert count == 40  # 7 hand-written, 14 generated (indicators, case sources), 19 findings
    return work


@pytest.mark.parametrize("builder", [
    "mkdocs",
    pytest.param("zensical", marks=pytest.mark.skipif(
        importlib.util.find_spec("zensical") is None, reason="zensical is not installed")),
])
def test_generated_site_has_no_broken_link_under_a_sub_path(generated: Path,
                                                            builder: str) -> None:
    result = exit_check.check_builder(builder, generated / "pages", generated)
    assert result.links_ok, result.links_report
    assert result.crawl.broken == []
    assert result.crawl.third_party == set()
    assert result.crawl.pages == 40
    assert result.crawl.targets > 250  # pages, fragments, open data, feeds, stylesheets
    site = generated / builder / "site"
    case = BeautifulSoup((site / "cases" / "powys-childrens-services" / "index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    policy = case.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy is not None and policy["content"].startswith("default-src 'self'")
    # the case page links to a finding below it, a body beside it, its open data's list
    # and its sources page
    hrefs = {a["href"] for a in case.select("main a[href], article a[href], div a[href]")}
    assert "findings/f2017-access/" in hrefs or "./findings/f2017-access/" in hrefs
    assert "../../bodies/powys-county-council/" in hrefs
    assert "../../data/#data-powys-childrens-services" in hrefs  # its files' list there
    assert "sources/" in hrefs or "./sources/" in hrefs  # its sources in full


def test_the_crawl_finds_what_is_broken(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="/style.css">'
        '<script src="https://cdn.example.org/x.js"></script></head><body>'
        '<a href="a/">a</a> <a href="a/#here">here</a> <a href="a/#gone">gone</a>'
        '<a href="missing/">missing</a> <a href="https://example.org/">away</a>'
        '</body></html>', encoding="utf-8")
    (site / "a" / "index.html").write_text('<html><body><h2 id="here">Here</h2>'
                                           '<a href="../">home</a></body></html>',
                                           encoding="utf-8")
    (site / "style.css").write_text("", encoding="utf-8")
    with exit_check.serving(site, "/casefile/") as address:
        found = exit_check.crawl(address)
    assert found.pages == 2
    assert found.links == 8
    assert sorted(b.removeprefix(address) for b in found.broken) == [
        f" -> {address}a/#gone (no such id)",
        f" -> {address}missing/ (404)",
        f" -> {address[:-len('/casefile/')]}/style.css (404)",  # outside the sub-path
    ]
    assert found.third_party == {f"https://cdn.example.org/x.js (<script> on {address})"}


def test_pull_requests_run_the_exit_check_without_deploying() -> None:
    from tests.test_workflows import load

    job = load("pull-request.yml")["jobs"]["exit-check"]
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert runs == ["make .venv/.installed-stamp", "make exit-check"]
    uses = [s["uses"].split("@")[0] for s in job["steps"] if "uses" in s]
    assert uses == ["actions/checkout", "actions/setup-python"]  # no upload, no deploy
    assert "permissions" not in job  # the workflow's contents: read
    make = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "\nexit-check: $(STAMP)\n\t$(BIN)/python -m bench.exit_check --project .\n" in make
