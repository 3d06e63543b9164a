"""Atom feeds parse with a real feed parser; calendars import with icalendar; both stable."""

from __future__ import annotations

from pathlib import Path

import feedparser
import icalendar

from casefile.feeds import files
from casefile.render import Renderer
from casefile.views import cross_timeline
from tests.conftest import REPO
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
        renderer = Renderer(load_dataset(REPO / "data"), REPO / "macros")
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
