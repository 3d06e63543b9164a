"""Feeds and calendars of a site whose address and name are known (#12 E), for the
fictional town case of tests/conftest.py: full addresses a feed reader or calendar can
open, the site's own name, and ids that stay the same wherever the site lives. Also the
ready-to-paste citation's words and the permalinks' names, exactly."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest

from casefile.model.citation import ACCESSED, citation, event_words, permalink_names
from casefile.model.views import cross_timeline
from casefile.outputs.feeds import Site, files, stable_id
from tests.test_feeds_exact import TOWN, town

A = "{http://www.w3.org/2005/Atom}"
URL = "https://records.example.org/town/"
NAME = "Example Records & Co"


@pytest.fixture
def addressed(tmp_path: Path) -> dict[str, str]:
    renderer = town(tmp_path)
    return files(renderer.views, renderer.dataset.as_of, cross_timeline(renderer.views),
                 Site(NAME, URL))


def test_a_site_without_an_address_or_name_is_casefile_relative() -> None:
    assert (Site().name, Site().url, Site().root) == ("casefile", None, "../")
    assert Site(NAME, URL).root == URL


@pytest.mark.parametrize(("path", "title", "key", "page"), [
    ("feeds/town.xml", f"{NAME}: Town Council children's services", "town", "cases/town/"),
    ("feeds/all.xml", f"{NAME}: all cases", "all", ""),
])
def test_feeds_give_full_addresses_and_keep_their_ids(addressed: dict[str, str], path: str,
                                                      title: str, key: str, page: str) -> None:
    feed = ET.fromstring(addressed[path].encode())
    assert [(x.tag, x.attrib) for x in feed][:4] == [
        (f"{A}title", {}), (f"{A}id", {}),
        (f"{A}link", {"rel": "self", "type": "application/atom+xml", "href": URL + path}),
        (f"{A}link", {"rel": "alternate", "type": "text/html", "href": URL + page})]
    assert (feed.findtext(f"{A}title"), feed.findtext(f"{A}id"),
            feed.findtext(f"{A}author/{A}name")) == (title, stable_id("feed", key), NAME)
    entries = [(e.findtext(f"{A}id"), e.find(f"{A}link").get("href"))  # type: ignore[union-attr]
               for e in feed.iter(f"{A}entry")]
    assert entries == [(stable_id("town", k), f"{URL}cases/town/{h}") for _, _, h, _, k in TOWN]


def test_a_site_without_an_address_writes_no_feed_level_links(tmp_path: Path) -> None:
    renderer = town(tmp_path)
    built = files(renderer.views, renderer.dataset.as_of, cross_timeline(renderer.views))
    for path in ("feeds/town.xml", "feeds/all.xml"):
        feed = ET.fromstring(built[path].encode())
        assert feed.findall(f"{A}link") == []
        assert feed.findtext(f"{A}author/{A}name") == "casefile"
    assert "URL:" not in built["feeds/town.ics"] + built["feeds/deadlines.ics"]


@pytest.mark.parametrize(("path", "name"), [
    ("feeds/town.ics", "Deadlines: Town Council children's services"),
    ("feeds/deadlines.ics", f"{NAME} deadlines"),
])
def test_each_deadline_links_to_its_requirement(addressed: dict[str, str], path: str,
                                                name: str) -> None:
    text = addressed[path]
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["URL"]) == f"{URL}cases/town/#req-req-plan"
    assert f"\r\nURL:{URL}cases/town/#req-req-plan\r\nEND:VEVENT\r\n" in text
    assert f"\r\nX-WR-CALNAME:{name}\r\n" in text
    assert str(event["UID"]) == "req-plan@casefile"  # never changes with the address


def test_control_characters_in_an_address_never_break_a_calendar(tmp_path: Path) -> None:
    renderer = town(tmp_path)
    built = files(renderer.views, renderer.dataset.as_of, [], Site(url="https://x.example/\x07/"))
    assert "\r\nURL:https://x.example/\ufffd/cases/town/#req-req-plan\r\n" in \
        built["feeds/town.ics"]


def test_the_citation_reads_as_one_sentence() -> None:
    assert ACCESSED == "[date you read it]"
    assert citation("Example Records", "Town, “A” & B", "https://x.example/cases/t/",
                    "March 2018", "1 January 2027", "0123456789abcdef") == (
        "Example Records, “Town, “A” & B”, https://x.example/cases/t/, records as of March "
        "2018, built 1 January 2027 (git commit 0123456789ab), accessed [date you read it].")
    assert citation("casefile", "T", "/cases/t/", "2018", "2 May 2026") == (
        "casefile, “T”, /cases/t/, records as of 2018, built 2 May 2026, accessed "
        "[date you read it].")


def test_permalinks_are_named_by_their_own_words_never_by_a_count(tmp_path: Path) -> None:
    """Requirements and events carry no number of the source's: "requirement 2" or "event
    3", a count on the page, would read as one (#12 review). An event's permalink is named
    by its entry's heading (aria-labelledby): no aria-label of its own."""
    view = town(tmp_path).views["town"]
    assert permalink_names(view) == {
        # a finding the source did not number: by its first words, never "finding 1"
        "finding-f-leadership": "Permalink to the finding “Weak leadership.”",
        "req-req-plan": "Permalink to the requirement “Produce a plan.”",
        "req-req-undated": "Permalink to the requirement “Keep the board informed.”"}
    assert [event_words(e) for e in view.timeline] == [
        "July 2017 Inspection Inspection", "2 October 2017 Report published Inspection",
        "1 March 2018 Follow-up inspection Follow-up"]
