"""Atom feeds and deadline calendars, entry by entry and line by line, for the fictional
town case of tests/conftest.py (MINI): what a feed reader or a calendar shows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest

from casefile.model.views import cross_timeline
from casefile.outputs.feeds import atom, calendar, files, stable_id
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import MINI, REPO, write_tree

A = "{http://www.w3.org/2005/Atom}"
PROGRESS = """\
    progress:
      - date: 2017-11-30
        note: A draft plan was shared.
        cite: [council-news]
      - date: 2018-02
        note: The plan was agreed.
        cite: [council-news]
    cite: [report-2017]
"""
UNDATED = """\
  - id: req-undated
    text: Keep the board informed.
    cite: [report-2017]
"""


def town(root: Path, follow_up: str = "2018-03-01") -> Renderer:
    """MINI's town case with progress notes and an undated requirement (after the dated
    one), its follow-up dated ``follow_up``."""
    tree = dict(MINI)
    rel = "cases/town/records/town-inspection.yml"
    plan = "      from: publication\n    cite: [report-2017]\n"
    assert plan in tree[rel]
    tree[rel] = tree[rel].replace(plan, "      from: publication\n" + PROGRESS + UNDATED)
    later = "cases/town/records/town-follow-up.yml"
    tree[later] = tree[later].replace("date: 2018-03-01\n", f"date: {follow_up}\n")
    write_tree(root, tree)
    return Renderer(load_dataset(root, use_cache=False, jurisdiction="GB-ENG"), REPO / "macros")


@pytest.fixture  # not module-scoped: mutmut credits a shared fixture's calls to the first
def built(tmp_path: Path) -> dict[str, str]:  # test only, and runs only that one on a mutant
    renderer = town(tmp_path)
    return files(renderer.views, renderer.dataset.as_of, cross_timeline(renderer.views))


def entries(feed: ET.Element) -> list[tuple[str | None, ...]]:
    out = []
    for e in feed.iter(f"{A}entry"):
        link = e.find(f"{A}link")
        assert link is not None and (link.get("rel"), link.get("type")) == ("alternate",
                                                                             "text/html")
        summary = e.find(f"{A}summary")
        assert summary is not None and summary.attrib == {"type": "text"}
        out.append((e.findtext(f"{A}title"), e.findtext(f"{A}updated"), link.get("href"),
                    e.findtext(f"{A}summary"), e.findtext(f"{A}id")))
    return out


TOWN = [
    ("Follow-up inspection: Follow-up", "2018-03-01T00:00:00Z", "#ev-town-follow-up",
     "1 March 2018. Town Council children's services. The council reported progress.",
     "town-follow-up"),
    ("Report published: Inspection", "2017-10-02T00:00:00Z", "#ev-town-inspection-published",
     "2 October 2017. Town Council children's services. The report was published.",
     "town-inspection-published"),
    ("Inspection: Inspection", "2017-07-01T00:00:00Z", "#ev-town-inspection",
     "July 2017. Town Council children's services. Inspectors visited.", "town-inspection")]


@pytest.mark.parametrize(("path", "title", "key", "href"), [
    ("feeds/town.xml", "casefile: Town Council children's services", "town",
     "../cases/town/"),
    ("feeds/all.xml", "casefile: all cases", "all", "../cases/town/"),
])
def test_each_feed_entry_newest_first(built: dict[str, str], path: str, title: str, key: str,
                                      href: str) -> None:
    assert built[path].startswith("<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns=")
    feed = ET.fromstring(built[path].encode())
    assert (feed.findtext(f"{A}title"), feed.findtext(f"{A}id"),
            feed.findtext(f"{A}updated"), feed.findtext(f"{A}author/{A}name")) == (
        title, stable_id("feed", key), "2018-03-01T00:00:00Z", "casefile")
    assert entries(feed) == [(t, u, href + h, s, stable_id("town", k))
                             for t, u, h, s, k in TOWN]


def test_ids_never_change_between_versions() -> None:
    """A feed reader knows an entry by its id: a new casefile must not make every entry
    new (the id of the all-cases feed as casefile publishes it)."""
    assert stable_id("feed", "all") == "urn:uuid:60437ce6-360c-51e0-a50b-6035e74ca7d6"


def test_an_empty_feed_is_dated_1970_and_entries_of_one_day_go_by_key() -> None:
    feed = ET.fromstring(atom("Nothing yet", "none", [], {}).encode())
    assert feed.findtext(f"{A}updated") == "1970-01-01T00:00:00Z"
    day = dt.date(2020, 5, 1)
    rows = [(day, "b", "fx", "B", "c", "b."), (day, "c", "fa", "C", "c", "c."),
            (day - dt.timedelta(days=1), "z", "fz", "Z", "c", "z."),
            (day, "a", "fy", "A", "c", "a.")]  # by key, not by fragment (fy, fx, fa)
    feed = ET.fromstring(atom("T", "k", [], {"c": "../cases/c/"}, rows).encode())
    assert [(e[0], e[1], e[2]) for e in entries(feed)] == [
        ("C", "2020-05-01T00:00:00Z", "../cases/c/#fa"),
        ("B", "2020-05-01T00:00:00Z", "../cases/c/#fx"),
        ("A", "2020-05-01T00:00:00Z", "../cases/c/#fy"),
        ("Z", "2020-04-30T00:00:00Z", "../cases/c/#fz")]
    assert feed.findtext(f"{A}updated") == "2020-05-01T00:00:00Z"


@pytest.mark.parametrize(("path", "name"), [
    ("feeds/town.ics", "Deadlines: Town Council children's services"),
    ("feeds/deadlines.ics", "casefile deadlines"),
])
def test_a_calendar_has_one_event_per_dated_deadline(built: dict[str, str], path: str,
                                                     name: str) -> None:
    text = built[path]
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//casefile//deadlines//EN"
                           f"\r\nX-WR-CALNAME:{name}\r\nBEGIN:VEVENT\r\n")
    cal = icalendar.Calendar.from_ical(text)
    [event] = cal.walk("VEVENT")  # the undated requirement has no event
    assert str(event["UID"]) == "req-plan@casefile"
    assert str(event["SUMMARY"]) == "Deadline: Produce a plan."
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (dt.date(2017, 10, 30),
                                                                  dt.date(2017, 10, 31))
    assert event.decoded("DTSTAMP") == dt.datetime(2018, 3, 1, tzinfo=dt.UTC)
    assert str(event["DESCRIPTION"]) == (
        "Town Council children's services. 20 working days from publication (2 October "
        "2017), not counting weekends or bank holidays in England: due 30 October 2017. "
        "Outcome as of 1 March 2018: Past due: no record that it was met. The deadline has "
        "passed and no document in the records, up to 1 March 2018, shows that it was met. "
        "Progress reported: 30 November 2017: A draft plan was shared.; February 2018: The "
        "plan was agreed.")


def test_a_calendar_stamps_each_case_with_its_own_as_of_date(tmp_path: Path) -> None:
    """The calendar's own as-of date (2030 here) never replaces the case's, and an undated
    requirement listed first does not hide the dated ones after it."""
    view = town(tmp_path).views["town"]
    first_undated = dataclasses.replace(view, requirements=view.requirements[::-1])
    assert [r.id for r in first_undated.requirements] == ["req-undated", "req-plan"]
    cal = icalendar.Calendar.from_ical(calendar("Town", [first_undated], dt.date(2030, 1, 1)))
    [event] = cal.walk("VEVENT")
    assert str(event["UID"]) == "req-plan@casefile"
    assert event.decoded("DTSTAMP") == dt.datetime(2018, 3, 1, tzinfo=dt.UTC)


def test_a_calendar_gives_the_as_of_date_as_precisely_as_its_document(tmp_path: Path) -> None:
    """The latest document is dated March 2018: the outcome is as of "March 2018", not a
    made-up "1 March 2018"."""
    renderer = town(tmp_path, follow_up="2018-03")
    cal = icalendar.Calendar.from_ical(calendar("Town", list(renderer.views.values()),
                                                renderer.dataset.as_of))
    [event] = cal.walk("VEVENT")
    assert " Outcome as of March 2018: Past due: " in str(event["DESCRIPTION"])
