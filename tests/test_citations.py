"""Citations that work (#12, part E), on fixture builds: with SITE_URL the canonical link,
sitemap, feeds, calendars and "Cite this page" carry full addresses; without it (or with it
empty) the site still builds and links by path. Feed autodiscovery is not a language
alternate; every event, finding and requirement has a permalink; the Timeline, Themes and
Sources pages are searched; editors' pages sit in their own menu section, ranked lower."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
import yaml

from casefile.commands.init import MKDOCS_YML
from casefile.model.citation import ACCESSED
from casefile.model.cited_in import opening
from casefile.model.views import case_view
from casefile.pipeline import load_dataset
from tests.conftest import POWYS_DATA, REPO, copy_project, mkdocs_build
from tests.html_support import accessible_name, soup_of
from tests.shared_builds import once

CASE = "powys-childrens-services"
SITE = "https://records.example.org/accountability/"
BUILT = "1 January 2027"  # SOURCE_DATE_EPOCH below: the build's own date, never the data's
EPOCH = "1798761600"  # 2027-01-01T00:00:00Z
A = "{http://www.w3.org/2005/Atom}"
S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
VIEW = case_view(load_dataset(POWYS_DATA).cases[CASE])
LANGUAGES = """\
  alternate:  # Material's language selector: the feed link must not join it
    - name: English
      link: /
      lang: en
    - name: Cymraeg
      link: /cy/
      lang: cy
"""


def _build(root: Path, **env: str) -> Path:
    result = mkdocs_build(root, SOURCE_DATE_EPOCH=EPOCH, **env)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def addressed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Powys fixture built with SITE_URL (without its trailing slash, as
    actions/configure-pages gives it) and a language selector."""
    root = copy_project(tmp_path_factory.mktemp("addressed"))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "extra:\n  generator: false\n" in text
    config.write_text(text.replace("extra:\n  generator: false\n",
                                   "extra:\n  generator: false\n" + LANGUAGES), encoding="utf-8")
    return _build(root, SITE_URL=SITE.rstrip("/"))


@pytest.fixture(scope="module")
@once  # read by more than one test module (tests/shared_builds.py)
def unaddressed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Powys fixture built with SITE_URL set but empty (a workflow whose address step
    gave nothing): the same as no address at all."""
    return _build(copy_project(tmp_path_factory.mktemp("unaddressed")), SITE_URL="")


def ids(site: Path, url: str) -> set[str]:
    return {str(t["id"]) for t in soup_of(site, url).find_all(id=True)}


# -- the address -------------------------------------------------------------------------

def _workflow_steps() -> list[dict[str, object]]:
    flow = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text("utf-8"))
    job = flow["jobs"]["build"]
    assert job["permissions"] == {"contents": "read", "pages": "read"}
    return list(job["steps"])


def test_the_publish_workflow_gives_the_build_its_address() -> None:
    steps = _workflow_steps()
    [pages] = [i for i, s in enumerate(steps)
               if str(s.get("uses", "")).startswith("actions/configure-pages@")]
    [build] = [i for i, s in enumerate(steps) if s.get("run") == "make site"]
    assert pages < build
    assert re.fullmatch(r"actions/configure-pages@[0-9a-f]{40}", str(steps[pages]["uses"]))
    assert steps[build]["env"] == {
        "SITE_URL": f"${{{{ steps.{steps[pages]['id']}.outputs.base_url }}}}"}


@pytest.mark.parametrize("text", [(REPO / "mkdocs.yml").read_text("utf-8"), MKDOCS_YML],
                         ids=["site", "casefile init"])
def test_mkdocs_yml_reads_the_address_from_site_url(text: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """SITE_URL when set; unset or empty, no address (MkDocs then writes no canonical
    links and an empty sitemap, and the build still works: see below)."""
    from mkdocs.utils.yaml import yaml_load

    for value, expected in (("https://x.example/site", "https://x.example/site"),
                            ("", None), (None, None)):
        if value is None:
            monkeypatch.delenv("SITE_URL", raising=False)
        else:
            monkeypatch.setenv("SITE_URL", value)
        assert (yaml_load(text.replace("{name}", "x"))["site_url"] or None) == expected


def test_canonical_links_and_the_sitemap_carry_full_addresses(addressed: Path) -> None:
    for url in ("", f"cases/{CASE}", "timeline", "how-to-edit"):
        [canonical] = soup_of(addressed, url).select('link[rel="canonical"]')
        assert canonical["href"] == SITE + (f"{url}/" if url else "")
    sitemap = ET.parse(addressed / "sitemap.xml").getroot()
    locs = [loc.text or "" for loc in sitemap.iter(f"{S}loc")]
    assert f"{SITE}cases/{CASE}/" in locs and SITE in locs
    for loc in locs:  # every address is a page of this site
        assert loc.startswith(SITE), loc
        assert (addressed / loc.removeprefix(SITE) / "index.html").is_file(), loc


def test_feeds_link_to_full_addresses_that_exist(addressed: Path) -> None:
    page, anchors = f"{SITE}cases/{CASE}/", ids(addressed, f"cases/{CASE}")
    for key, alternate in ((CASE, page), ("all", SITE)):
        feed = ET.parse(addressed / "feeds" / f"{key}.xml").getroot()
        links = {(x.get("rel"), x.get("type")): x.get("href") for x in feed.findall(f"{A}link")}
        assert links == {("self", "application/atom+xml"): f"{SITE}feeds/{key}.xml",
                         ("alternate", "text/html"): alternate}
        hrefs = [x.get("href") or "" for x in feed.findall(f"{A}entry/{A}link")]
        assert len(hrefs) == len(feed.findall(f"{A}entry")) > 0
        for href in hrefs:
            assert href.startswith(page + "#") and href.split("#")[1] in anchors, href
    events = icalendar.Calendar.from_ical(
        (addressed / "feeds" / f"{CASE}.ics").read_text("utf-8")).walk("VEVENT")
    dated = [r for r in VIEW.requirements if r.outcome and r.outcome.due_until]
    assert [str(e["URL"]) for e in events] == [f"{page}#req-{r.id}" for r in dated]
    assert all(f"req-{r.id}" in anchors for r in dated)


def test_cite_this_page_gives_the_full_address_and_a_citation_to_paste(addressed: Path
                                                                      ) -> None:
    page = soup_of(addressed, f"cases/{CASE}")
    facts = {d.get_text(strip=True): v.get_text(" ", strip=True) for d, v in
             zip(page.select("dl.cf-cite-this dt"), page.select("dl.cf-cite-this dd"),
                 strict=True)}
    assert facts["Address"] == f"{SITE}cases/{CASE}/"
    [pre] = page.select("pre.cf-citation")
    assert pre["data-accessed"] == ACCESSED == "[date you read it]"
    assert pre.get_text() == (
        f"casefile, “{VIEW.case.title}”, {SITE}cases/{CASE}/, records as of "
        f"{VIEW.case.as_of_shown.human()}, built {BUILT}, accessed [date you read it].")
    lead = pre.find_previous_sibling("p")
    assert lead is not None and "access date is the day you read" in lead.get_text()


# -- without an address ------------------------------------------------------------------

def test_without_an_address_pages_feeds_and_citation_use_paths(unaddressed: Path) -> None:
    page = soup_of(unaddressed, f"cases/{CASE}")
    assert page.select('link[rel="canonical"]') == []
    assert ET.parse(unaddressed / "sitemap.xml").getroot().findall(f"{S}url") == []
    # no path that looks like a full address: the address is said to be unknown (#12 review)
    assert page.select_one("pre.cf-citation").get_text().startswith(
        f"casefile, “{VIEW.case.title}”, address: the page's address on this site, records "
        "as of ")
    feed = ET.parse(unaddressed / "feeds" / f"{CASE}.xml").getroot()
    assert feed.findall(f"{A}link") == []  # no address of its own to give
    assert {x.get("href", "").split("#")[0] for x in feed.iter(f"{A}link")} == {
        f"../cases/{CASE}/"}
    assert "\r\nURL:" not in (unaddressed / "feeds" / f"{CASE}.ics").read_text("utf-8")
    for url, feed_href, target in (("", "feeds/all.xml", "feeds/all.xml"),
                                   (f"cases/{CASE}", f"../../feeds/{CASE}.xml",
                                    f"feeds/{CASE}.xml")):
        [link] = soup_of(unaddressed, url).select('link[type="application/atom+xml"]')
        assert link["href"] == feed_href and (unaddressed / target).is_file()


# -- feed autodiscovery --------------------------------------------------------------------

@pytest.mark.parametrize(("url", "key", "title"), [
    ("", "all", "casefile: all cases"),
    (f"cases/{CASE}", CASE, f"casefile: {VIEW.case.title}")])
def test_home_and_case_pages_announce_their_feed(addressed: Path, url: str, key: str,
                                                 title: str) -> None:
    head = soup_of(addressed, url).head
    [link] = head.select('link[type="application/atom+xml"]')
    assert link.attrs == {"rel": ["alternate", "feed"], "type": "application/atom+xml",
                          "href": f"{SITE}feeds/{key}.xml", "title": title}
    feed = ET.parse(addressed / "feeds" / f"{key}.xml").getroot()
    assert feed.findtext(f"{A}title") == title


@pytest.mark.parametrize("url", ["methodology", "timeline", "how-to-edit", "cases"])
def test_other_pages_announce_no_feed(addressed: Path, url: str) -> None:
    assert soup_of(addressed, url).select('link[type="application/atom+xml"]') == []


def test_the_feed_is_not_a_language(addressed: Path) -> None:
    """Material's script takes each link whose rel is exactly "alternate" for a language
    version of the site and fetches sitemap.xml beside it; the feed's rel is the token list
    "alternate feed" (still "alternate" to feed readers), which that selector skips."""
    bundle = next((addressed / "assets" / "javascripts").glob("bundle.*.min.js"))
    script = bundle.read_text("utf-8")
    assert 'M("link[rel=alternate]")' in script and "rel~=alternate" not in script
    page = soup_of(addressed, f"cases/{CASE}")
    languages = [(x["hreflang"], x["href"]) for x in page.head.select("link[hreflang]")]
    assert languages == [("en", "/"), ("cy", "/cy/")]  # Material's, as configured
    menu = [(a.get("hreflang"), a.get_text(strip=True)) for a in page.select(".md-select a")]
    assert menu == [("en", "English"), ("cy", "Cymraeg")]
    exact = [x for x in page.head.find_all("link") if x.get("rel") == ["alternate"]]
    assert [x.get("hreflang") for x in exact] == ["en", "cy"]  # the feed is not among them


# -- permalinks ----------------------------------------------------------------------------

def test_every_event_finding_and_requirement_has_a_named_permalink(addressed: Path) -> None:
    page = soup_of(addressed, f"cases/{CASE}")
    expected = ([f"ev-{e.anchor}" for e in VIEW.timeline],
                [f"finding-{r.finding.id}" for g in VIEW.matrices for r in g.rows],
                [f"req-{r.id}" for r in VIEW.requirements])
    findings = {f"finding-{r.finding.id}": r.finding for g in VIEW.matrices for r in g.rows}
    # an event by the words of its heading: its date, kind and title
    names = {f"ev-{e.anchor}": f"the entry {e.when} {e.label} {e.title}" for e in VIEW.timeline}
    names.update((f"req-{r.id}", f"the requirement {opening(r.text)}") for r in VIEW.requirements)
    for kind, targets in zip(("event", "finding", "requirement"), expected, strict=True):
        assert targets
        for n, target in enumerate(targets, 1):
            holder = page.find(id=target)
            [link] = holder.select("a.cf-pl")  # in the row or event it names
            named_by = "aria-labelledby" if kind == "event" else "aria-label"
            assert link.attrs == {"class": ["cf-pl"], "href": f"#{target}",
                                  named_by: link[named_by]}
            assert link.get_text() == "#"
            if kind != "finding":
                # never "requirement N" or "event N", a count of the page's (#12 review)
                assert accessible_name(link, page) == f"Permalink to {names[target]}"
                continue
            # the source numbers none of these findings: each by its first words, told
            # apart by its row only where two begin alike, never "finding N" (#12 review)
            named = f"Permalink to the finding {opening(findings[target].text)}"
            assert link["aria-label"] in (named, f"{named} (row {n} of the findings tables)")
    names = [accessible_name(a, page) for a in page.select("a.cf-pl")]
    assert len(names) == len(set(names)) == sum(map(len, expected))


# -- search and menus ----------------------------------------------------------------------

def test_timeline_themes_and_sources_are_searched(addressed: Path) -> None:
    docs = json.loads((addressed / "search" / "search_index.json").read_text("utf-8"))["docs"]
    pages = {d["location"].split("#")[0] for d in docs}
    assert {"timeline/", "themes/", "sources/"} <= pages
    timeline = " ".join(d["text"] for d in docs if d["location"].startswith("timeline/"))
    assert all(e.title in timeline for e in VIEW.timeline)


def test_editors_pages_rank_below_readers_pages(addressed: Path) -> None:
    docs = json.loads((addressed / "search" / "search_index.json").read_text("utf-8"))["docs"]
    boosts = {d["location"].split("#")[0]: d.get("boost") for d in docs}
    assert {boosts["how-to-edit/"], boosts["field-reference/"]} == {0.5}
    assert all(d.get("boost") == 0.5 for d in docs
               if d["location"].startswith(("how-to-edit/", "field-reference/")))
    assert {b for url, b in boosts.items()
            if url not in ("how-to-edit/", "field-reference/")} == {None}
    person = VIEW.statements[0].person.name.lower()
    found = {d["location"].split("#")[0] for d in docs
             if person in (d["title"] + " " + d["text"]).lower()}
    assert f"cases/{CASE}/" in found and not found & {"how-to-edit/", "field-reference/"}


def test_editors_pages_have_their_own_menu_section(addressed: Path) -> None:
    nav = soup_of(addressed, "methodology").select_one("nav.md-nav--primary > ul")
    top = [li for li in nav.find_all("li", recursive=False)]
    labels = [li.find(["a", "label"]).get_text(" ", strip=True) for li in top]
    assert labels[-1] == "For editors"
    assert not {"How to edit", "Field reference"} & set(labels)
    inner = [a.get_text(strip=True) for a in top[-1].select("nav a")]
    assert inner == ["How to edit", "Field reference"]


# -- a new site from casefile init ------------------------------------------------------------

def test_a_new_site_gets_the_address_menu_and_search_rank(tmp_path: Path) -> None:
    from tests.conftest import init_site

    site = _build(init_site(tmp_path / "new"), SITE_URL="https://new.example/records")
    home = soup_of(site, "")
    assert home.select_one('link[rel="canonical"]')["href"] == "https://new.example/records/"
    [feed] = home.select('link[type="application/atom+xml"]')
    assert feed["href"] == "https://new.example/records/feeds/all.xml"
    assert feed["title"] == "Example Accountability Site: all cases"  # the site's own name
    assert ET.parse(site / "feeds" / "all.xml").getroot().findtext(f"{A}author/{A}name") == \
        "Example Accountability Site"
    locs = [x.text for x in ET.parse(site / "sitemap.xml").getroot().iter(f"{S}loc")]
    assert "https://new.example/records/field-reference/" in locs
    nav = home.select_one("nav.md-nav--primary > ul")
    [editors] = [li for li in nav.find_all("li", recursive=False)
                 if li.find(["a", "label"]).get_text(" ", strip=True) == "For editors"]
    assert [a.get_text(strip=True) for a in editors.select("nav a")] == ["Field reference"]
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    assert {d.get("boost") for d in docs if d["location"].startswith("field-reference/")} \
        == {0.5}


def test_the_link_check_reads_the_404_pages_links_under_the_sites_path(
        addressed: Path, unaddressed: Path, tmp_path: Path) -> None:
    """Under an address with a path, the 404 page links from the host's root
    ("/accountability/timeline/"): `casefile links` takes those for the site's own pages,
    and still finds a broken one."""
    import shutil

    from casefile.outputs.links import check_internal, site_path

    assert (site_path(addressed), site_path(unaddressed)) == ("/accountability/", "/")
    assert 'href="/accountability/timeline/"' in (addressed / "404.html").read_text("utf-8")
    errors = [line for line in check_internal(addressed).stdout.splitlines()
              if "[ERROR]" in line]
    # only the fixture's made-up Welsh version (/cy/, LANGUAGES above) is missing
    assert errors and all(f"{addressed}/cy " in line for line in errors), errors
    broken = shutil.copytree(addressed, tmp_path / "site")
    page = broken / "404.html"
    page.write_text(page.read_text("utf-8").replace(
        "</body>", '<a href="/accountability/no-such-page/">x</a>'
                   '<a href="/elsewhere/">y</a></body>'), encoding="utf-8")
    result = check_internal(broken)
    assert result.returncode != 0
    assert f"{broken}/no-such-page" in result.stdout and f"{broken}/elsewhere" in result.stdout
