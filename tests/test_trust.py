"""Trust signals on the case page: last reviewed (with a notice when stale), corrections,
and "cite this page" with the as-of date and the build's commit."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import copy_project, mkdocs_build
from tests.html_support import soup_of
from tests.test_site import CASE, site  # noqa: F401

CASE_YML = f"data/cases/{CASE}/case.yml"


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp()))


def test_stale_review_notice_and_corrections(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    case = root / CASE_YML
    case.write_text(case.read_text(encoding="utf-8").replace(
        "cite:\n  - source: wg-statement", "corrections:\n  - date: 2027-01-05\n"
        "    what: Corrected the date of the Addendum.\n    why: A reader pointed out a typo.\n"
        "cite:\n  - source: wg-statement", 1), encoding="utf-8")
    result = mkdocs_build(root, SOURCE_DATE_EPOCH=epoch(dt.date(2028, 1, 1)))
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((root / "site" / "cases" / CASE / "index.html").read_text("utf-8"),
                         "html.parser")
    notice = soup.select_one(".cf-stale")
    assert notice is not None
    days = (dt.date(2028, 1, 1) - dt.date(2026, 11, 22)).days
    assert f"22 November 2026, {days} days before this version of the site was built " \
           "(1 January 2028)" in " ".join(notice.get_text().split())
    items = [li.get_text(" ", strip=True) for li in soup.select("ol.cf-corrections > li")]
    assert items == ["5 January 2027 : Corrected the date of the Addendum. Why: A reader "
                     "pointed out a typo."]


def test_fresh_review_has_no_notice_and_cite_this_page(site: Path) -> None:  # noqa: F811
    soup = soup_of(site, f"cases/{CASE}")
    today = dt.date.today()  # the test copy is not a git checkout: built today
    stale = (today - dt.date(2026, 11, 22)).days > 365  # the fixture's last review
    assert (soup.select_one(".cf-stale") is not None) is stale
    assert "No corrections have been made" in soup.get_text()
    cite = {dt_.get_text(strip=True): dd.get_text(" ", strip=True)
            for dt_, dd in zip(soup.select("dl.cf-cite-this dt"),
                               soup.select("dl.cf-cite-this dd"), strict=True)}
    assert cite["Title"] == "Powys County Council children's services"
    # built without SITE_URL: the address is said to be unknown, never a path (#12 review)
    assert cite["Address"].startswith("Not known to this copy of the site")
    assert cite["Records as of"] == "9 January 2019"
    # no commit, and the date is the day of the build, never one taken from the data
    assert cite["Version"] == f"built {today.day} {today:%B %Y}"


def test_cite_this_page_names_the_commit(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    for args in (["init", "-q"], ["add", "-A"],
                 ["-c", "user.email=t@t.invalid", "-c", "user.name=t", "commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                            text=True, check=True).stdout.strip()
    assert mkdocs_build(root).returncode == 0
    html = (root / "site" / "cases" / CASE / "index.html").read_text("utf-8")
    version = BeautifulSoup(html, "html.parser").select("dl.cf-cite-this dd")[-1]
    assert version.get_text(" ", strip=True) == (
        f"git commit {commit[:12]} , built {dt.date.today().day} {dt.date.today():%B %Y}")
