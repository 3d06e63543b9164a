"""Atom feeds parse with a real feed parser; calendars import with icalendar; both stable."""

from __future__ import annotations

from pathlib import Path

import feedparser
import icalendar

from casefile.model.views import cross_timeline
from casefile.outputs.feeds import files
from casefile.outputs.render import Renderer
from tests.conftest import POWYS_DATA, REPO
from tests.test_site import CASE, N_ENTRIES, POWYS, site  # noqa: F401


def test_atom_feeds_parse(site: Path) -> None:  # noqa: F811
    for name, expected in (("all", N_ENTRIES), (CASE, N_ENTRIES)):
        parsed = feedparser.parse((site / "feeds" / f"{name}.xml").read_bytes())
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert parsed.version == "atom10"
        assert len(parsed.entries) == expected
        ids = [e.id for e in parsed.entries]
        assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
        assert parsed.entries[0].updated == "2019-01-09T00:00:00Z"  # newest first, from data
        first = parsed.entries[0]
        href = first.link
        case_page = (site / "feeds" / href.split("#")[0]).resolve() / "index.html"
        assert case_page.is_file()
        assert f'id="{href.split("#")[1]}"' in case_page.read_text(encoding="utf-8")


def test_feed_ids_and_calendars_are_stable() -> None:
    from casefile.pipeline import load_dataset

    def build() -> dict[str, str]:
        renderer = Renderer(load_dataset(POWYS_DATA), REPO / "macros")
        return files(renderer.views, renderer.dataset.as_of, cross_timeline(renderer.views))

    assert build() == build()


def test_deadline_calendar_imports(site: Path) -> None:  # noqa: F811
    cal = icalendar.Calendar.from_ical((site / "feeds" / f"{CASE}.ics").read_bytes())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    dated = [q for q in POWYS.requirements if q.outcome and q.outcome.due_until]
    assert sorted(str(e["uid"]) for e in events) == sorted(f"{q.id}@casefile" for q in dated)
    plan = next(e for e in events if str(e["uid"]).startswith("req-2017-improvement-plan"))
    assert plan.decoded("dtstart").isoformat() == "2017-10-27"
    assert plan.decoded("dtend").isoformat() == "2017-11-29"  # window ends 28 November
    assert "Met on time" in str(plan["description"])


def reference_calendar(name: str, events: list[dict[str, object]]) -> str:
    """The same calendar as serialised by the icalendar package (the reference)."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//casefile//deadlines//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for fields in events:
        event = icalendar.Event()
        for key, value in fields.items():
            event.add(key, value)
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def test_calendars_match_icalendar_byte_for_byte(tmp_path: Path) -> None:
    import datetime as dt
    import json

    from casefile.pipeline import load_dataset
    from tests.conftest import MINI, write_tree

    nasty = ("Deliver; a plan, with \\ backslashes, “curly quotes”, é, 😀 and "
             + "a-very-long-word-" * 12 + "and a line\nbreak.")
    files_ = dict(MINI)
    rel = "cases/town/records/town-inspection.yml"
    quoted = json.dumps(nasty, ensure_ascii=False)  # a YAML double-quoted string
    files_[rel] = files_[rel].replace("text: Produce a plan.", f"text: {quoted}")
    write_tree(tmp_path, files_)
    renderer = Renderer(load_dataset(tmp_path), REPO / "macros")
    view = renderer.views["town"]
    req = view.requirements[0]
    assert req.text == nasty
    built = files(renderer.views, renderer.dataset.as_of, cross_timeline(renderer.views))
    outcome = req.outcome
    expected = reference_calendar("Deadlines: Town Council children's services", [{
        "uid": f"{req.id}@casefile",
        "dtstamp": dt.datetime.combine(renderer.dataset.as_of, dt.time(), dt.UTC),
        "dtstart": outcome.due_from, "dtend": outcome.due_until + dt.timedelta(days=1),
        "summary": f"Deadline: {req.text}",
        "description": f"{view.case.title}. {outcome.deadline} Outcome as of 1 March 2018: "
                       f"{outcome.term.label}. {outcome.explanation}"}])
    assert built["feeds/town.ics"] == expected
    for cal in (built["feeds/town.ics"], built["feeds/deadlines.ics"]):
        assert all(len(line.encode()) <= 75 for line in cal.split("\r\n"))
        assert icalendar.Calendar.from_ical(cal).walk("VEVENT")[0]["SUMMARY"] == \
            f"Deadline: {nasty}"


def test_calendar_text_has_no_bare_cr_or_control_characters() -> None:
    from casefile.outputs.feeds import _text

    assert _text("a\rb\r\nc\nd") == "a\\nb\\nc\\nd"
    assert _text("x\x00y\x1b[2J\x7f;,\\\tz") == "x\ufffdy\ufffd[2J\ufffd\\;\\,\\\\\tz"


def test_atom_text_drops_what_xml_cannot_hold() -> None:
    import xml.etree.ElementTree as ET

    from casefile.outputs.feeds import _x, atom

    assert _x("a\x00b\x01\x0c\ufffe\uffff\ud83d\t\n\r😀]]>") == (
        "a\ufffdb\ufffd\ufffd\ufffd\ufffd\ufffd\t\n\r😀]]>")
    feed = atom("t\x01\x1b", "k", [], {})
    assert ET.fromstring(feed.encode("utf-8")).findtext(
        "{http://www.w3.org/2005/Atom}title") == "t\ufffd\ufffd"
