"""Atom feeds (RFC 4287) of timeline entries and iCalendar files of deadlines.

Ids are stable (derived from case and record ids); every date comes from the records,
never the clock, so two builds of the same data give identical files.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from casefile.model import objects as m
from casefile.model.dates import human_day
from casefile.model.views import CaseView, TimelineEntry

ATOM = "http://www.w3.org/2005/Atom"
NAMESPACE = uuid.UUID("6b0f3f52-9c64-4a8e-8d0b-3c1e2f6a7d10")  # casefile's own namespace


@dataclass(frozen=True)
class Site:
    """Who publishes the feeds, and where: ``url`` is the site's full address (ending in
    "/"), or None when the build does not know it (links are then relative to feeds/)."""

    name: str = "casefile"
    url: str | None = None

    @property
    def root(self) -> str:
        """The site's root as seen from a file in feeds/."""
        return self.url or "../"


def stable_id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '/'.join(parts))}"


# Characters XML 1.0 cannot hold at all (not even as references), and the controls
# RFC 5545 TEXT excludes: each becomes U+FFFD, so a feed or calendar always parses.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_ICS = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _x(text: str) -> str:
    """Text safe inside XML: characters XML forbids are replaced with U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


FeedRow = tuple[dt.date, str, str, str, str, str]  # day, key, fragment, title, case, summary


def _timeline_row(entry: TimelineEntry, view: CaseView) -> FeedRow:
    summary = (f"{entry.when}. {view.case.title}. " +
               (entry.published_sentence if entry.is_publication else entry.record.summary))
    return (entry.date.earliest, entry.anchor, f"ev-{entry.anchor}",
            f"{entry.label}: {entry.title}", view.case.id, summary)


def oversight_rows(view: CaseView) -> list[FeedRow]:
    """One entry per move between oversight levels, dated the day it took effect."""
    rows = []
    for track in view.oversight:
        for p in track.periods:
            fw, change = track.framework, p.change
            announced = f" Announced {p.announced.human()}." if p.announced else ""
            rows.append((change.effective.earliest, f"oversight/{p.anchor}", p.anchor,
                         f"Oversight level: {p.level.label} ({track.who})", view.case.id,
                         f"{change.effective.human()}. {view.case.title}. {track.who}: "
                         f"{p.level.label}, under {fw.name} (set by {fw.overseer}). "
                         f"{p.comparison}.{announced}"))
    return rows


def atom(title: str, feed_key: str, items: list[tuple[TimelineEntry, CaseView]],
         case_href: dict[str, str], extra: list[FeedRow] | None = None,
         links: tuple[str, str] | None = None, author_name: str = "casefile") -> str:
    """An Atom feed, newest first. ``case_href`` maps case id → URL relative to the feed
    (or a full address); ``extra`` adds entries that are not timeline entries (moves
    between oversight levels); ``links``: the feed's own full address and the page it
    follows, when the site's address is known. Ids stay ``urn:uuid:``: they must not
    change when the site moves, or every reader would see every entry as new."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = _x(title)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = stable_id("feed", feed_key)
    if links is not None:
        ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml",
                      href=_x(links[0]))
        ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                      href=_x(links[1]))
    rows = [_timeline_row(e, v) for e, v in items] + (extra or [])
    newest = max((r[0] for r in rows), default=dt.date(1970, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = _x(author_name)
    for day, key, fragment, heading, case_id, summary in sorted(
            rows, key=lambda r: (r[0], r[1]), reverse=True):
        node = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(node, f"{{{ATOM}}}title").text = _x(heading)
        ET.SubElement(node, f"{{{ATOM}}}id").text = stable_id(case_id, key)
        ET.SubElement(node, f"{{{ATOM}}}updated").text = _stamp(day)
        href = f"{case_href[case_id]}#{fragment}"
        ET.SubElement(node, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=_x(href))
        ET.SubElement(node, f"{{{ATOM}}}summary", type="text").text = _x(summary)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping; CR, CRLF and LF are each a line break (``\\n``), other
    control characters become U+FFFD (TEXT may not hold them)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return (_NOT_ICS.sub("\ufffd", value).replace("\\", "\\\\").replace(";", "\\;")
            .replace(",", "\\,").replace("\n", "\\n"))


def _fold(line: str, limit: int = 75) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    out, octets = [], 0
    for char in line:
        size = len(char.encode("utf-8"))
        octets += size
        if octets >= limit:
            out.append("\r\n ")
            octets = size
        out.append(char)
    return "".join(out)


def calendar(name: str, views: list[CaseView], as_of: dt.date, site_url: str | None = None
             ) -> str:
    """Deadlines as all-day events; a deadline known only as a window spans the window.

    Written directly (the icalendar package took 6 s of a 1,000-case build); a test
    checks the result against icalendar's own serialisation, byte for byte. Each event is
    stamped with its case's own as-of date, so no case's calendar depends on another's.
    With the site's full address, each event links to its requirement (``URL``)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//casefile//deadlines//EN",
             f"X-WR-CALNAME:{_text(name)}"]
    for view in views:
        stamp = (view.as_of or as_of).strftime("%Y%m%dT000000Z")
        for req in view.requirements:
            outcome = req.outcome
            if outcome is None or outcome.due_from is None or outcome.due_until is None:
                continue
            end = outcome.due_until + dt.timedelta(days=1)
            lines += ["BEGIN:VEVENT", f"SUMMARY:{_text(f'Deadline: {req.text}')}",
                      f"DTSTART;VALUE=DATE:{outcome.due_from.strftime('%Y%m%d')}",
                      f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
                      f"DTSTAMP:{stamp}", f"UID:{_text(f'{req.id}@casefile')}",
                      "DESCRIPTION:" + _text(f"{view.case.title}. {outcome.deadline} "
                                             f"Outcome as of {_shown(view)}: "
                                             f"{outcome.term.label}. "
                                             f"{outcome.explanation}"
                                             f"{_progress(req)}"),
                      *_url(site_url, view.case.id, req.id), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _url(site_url: str | None, case_id: str, req_id: str) -> list[str]:
    """The URL line of a deadline's event: its requirement on the case page (none when
    the site's address is unknown: a calendar has no address to resolve a path against)."""
    if not site_url:
        return []
    return [f"URL:{_NOT_ICS.sub(chr(0xFFFD), site_url)}cases/{case_id}/#req-{req_id}"]


def _progress(req: m.Requirement) -> str:
    """" Progress reported: March 2019: a plan was drafted." (nothing without notes)."""
    notes = "; ".join(f"{p.date.human()}: {p.note}" for p in req.progress)
    return f" Progress reported: {notes}" if notes else ""


def _shown(view: CaseView) -> str:
    shown = view.case.as_of_shown
    return shown.human() if shown else human_day(view.as_of)


Merged = list[tuple[TimelineEntry, CaseView]]


def files(views: dict[str, CaseView], as_of: dt.date, cross: Merged,
          site: Site = Site()) -> dict[str, str]:
    """Feeds and calendars by path in the site."""
    return dict(each_file(views, as_of, cross, site))


def _links(site: Site, feed: str, page: str) -> tuple[str, str] | None:
    """The feed's own full address and its page's, when the site's address is known."""
    return (f"{site.url}{feed}", f"{site.url}{page}") if site.url else None


def each_file(views: dict[str, CaseView], as_of: dt.date, cross: Merged,
              site: Site = Site()) -> Iterator[tuple[str, str]]:
    """Feeds and calendars as (path in the site, text), one at a time."""
    root, name = site.root, site.name
    yield "feeds/all.xml", atom(f"{name}: all cases", "all", cross,
                                {cid: f"{root}cases/{cid}/" for cid in views},
                                [row for view in views.values() for row in oversight_rows(view)],
                                _links(site, "feeds/all.xml", ""), name)
    yield "feeds/deadlines.ics", calendar(f"{name} deadlines", list(views.values()), as_of,
                                          site.url)
    for cid, view in views.items():
        items = [(e, view) for e in view.timeline]
        yield f"feeds/{cid}.xml", atom(f"{name}: {view.case.title}", cid, items,
                                       {cid: f"{root}cases/{cid}/"}, oversight_rows(view),
                                       _links(site, f"feeds/{cid}.xml", f"cases/{cid}/"), name)
        yield f"feeds/{cid}.ics", calendar(f"Deadlines: {view.case.title}", [view], as_of,
                                           site.url)
