"""One finding's history of both axes, for its page (#18 item 4): the report raising it,
each assessment of progress, each response, each reply that gives it no status (each on
its own, with its date, who sent it and what it gives: a letter answering the report as a
whole; and, from a body that gave the finding no response, a reply answering the report's
other items only), and the day a response falls due, in one list in date order, each
entry naming who says so and citing.

The order: by date (the first possible day, then the last); records whose dates the
sources give only to the same month or year keep ``after``; entries of the same day stand
by kind (``KINDS``: the report raising it, responses, assessments of progress, then the day
a response falls due, so that a reply on the due day is read before the day it was due),
then by who says so, then by what they say; never by record id alone, so renaming a file
does not reorder a page. Everything here is computed; the template only lays it out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from casefile.model import deadlines, vocab, who
from casefile.model import objects as m
from casefile.model import responses as rs
from casefile.model.dates import PartialDate, human_day, range_parts
from casefile.model.link_dates import after_order

KINDS = ("raised", "response", "assessment", "due")
TIE_RULE = ("Entries are in date order; a day a response falls due that the dates give only "
            "as a range (a report dated to a month) stands at the range's last day, after "
            "anything dated within it. Entries of the same day stand in this order: the "
            "report raising it, responses, assessments of progress, then the day a response "
            "falls due; several of one kind by who says so, then by what they say.")


@dataclass
class Entry:
    """One dated entry of the history: ``head`` (what it is), ``by`` (who says so),
    ``words`` (what they say: a note, or a sentence) and ``cites`` (their quotes shown with
    it when ``quoted``); ``record`` the event it is (None for the day a response falls due,
    ``day`` then its first possible date); ``term`` a status, as a badge."""

    kind: str  # one of KINDS
    anchor: str  # its id on the page
    head: str
    by: str
    words: str
    cites: list[m.Citation]
    earliest: dt.date
    latest: dt.date
    record: m.Record | None = None
    day: dt.date | None = None
    term: vocab.Term | None = None
    assessment: m.Assessment | None = None
    quoted: bool = True
    timing: str = ""  # for a body's first reply under the report's duty: on time or late
    replier: m.Body | None = None  # the body of a response or reply
    until: dt.date | None = None  # the due day's last possible day, when a range

    @property
    def day_parts(self) -> tuple[str, str] | None:
        """("1", "31 May 2025") for a due day the dates give only as a range, else None."""
        if self.day is None or self.until is None:
            return None
        return range_parts(PartialDate.of(self.day), PartialDate.of(self.until))

    @property
    def when(self) -> str:
        """The due day in words: "10 May 2025", or "between 1 and 31 May 2025"."""
        assert self.day is not None, "only the day a response falls due has no record"
        parts = self.day_parts
        return f"between {parts[0]} and {parts[1]}" if parts else human_day(self.day)


def _raised(item: m.Finding) -> Entry:
    """The report raising it: its words and quotes are the page's "As raised"."""
    r = item.record
    body = r.body.label_at(r.date)
    return Entry("raised", "raised", f"{item.label} raised", body,
                 f"In “{r.title}”; its words are under As raised.",
                 item.cites, r.date.earliest, r.date.latest, r, quoted=False)


def _assessed(a: m.Assessment) -> Entry:
    from casefile.model.histories import speaker
    r = a.record
    return Entry("assessment", f"in-{r.id}", "Progress", speaker(a), a.note or "", a.cites,
                 r.date.earliest, r.date.latest, r, term=a.status, assessment=a)


def _response(x: m.Response) -> Entry:
    r = x.record
    return Entry("response", f"response-{r.id}-{x.by.id}", "Response", x.by.label_at(r.date),
                 x.note or "", x.cites, r.date.earliest, r.date.latest, r, term=x.status,
                 replier=x.by)


def _reply(item: m.Finding, record: m.Record, body: m.Body) -> Entry:
    """``body``'s reply ``record`` to the report, which gives ``item`` no status: a letter
    answering the report as a whole ("Responded, no status given for this item"), or a
    reply answering its other items only ("Not answered in the reply")."""
    letter = record.answers is item.record
    term = vocab.RESPONSE_STATES[rs.NO_STATUS if letter else rs.NOT_ANSWERED]
    words = rs.gives_none(item, record, letter)
    return Entry("response", f"reply-{record.id}-{body.id}", "Response",
                 body.label_at(record.date), words[:1].upper() + words[1:], record.cites,
                 record.date.earliest, record.date.latest, record, term=term, replier=body)


def _replies(item: m.Finding) -> list[Entry]:
    """Each reply to ``item``'s report that gives it no status, each on its own: every
    reply of a body that gave it no response (``responses.lines``: one it is addressed
    to, under the duty or by a letter), and every letter of a body that responded to it
    in another record (a letter answers each item of the report)."""
    report = item.record
    out = []
    for line in rs.lines(item):
        if line.response is None:  # a body that gave it none: its replies, if any
            assert line.body is not None, "a line of no response names its body"
            out += [_reply(item, r, line.body) for r in rs.replies(report, line.body)]
    answered = {id(x.by): x.by for x in item.responses}.values()
    out += [_reply(item, r, body) for body in answered for r in rs.letters(report, body)
            if not any(x.by is body and x.record is r for x in item.responses)]
    return out


def _due(item: rs.Answerable) -> Entry | None:
    """The day a response to ``item`` falls due, when its report sets a duty on any body
    it is addressed to; said by the report that sets it. A window of days (a report dated
    to a month) is placed at its last day, after anything dated within it."""
    report, duty = item.record, item.record.duty
    bodies = [b for b in duty.by if rs.owes(item, b)] if duty else []
    if duty is None or not bodies:
        return None
    window = deadlines.window_of(duty.due, report)
    assert window is not None, "a duty always has a date or a period"
    first, last = window
    words = f"From {who.listed([b.name for b in bodies])}: {rs.describe(duty)}"
    if duty.due.as_written:
        words += f" In the report's words: “{duty.due.as_written}”."
    if duty.from_type:
        words += f" The period is the one every {report.type.label.lower()} carries."
    as_of = report.case.as_of
    if as_of is not None and as_of < first:
        words += f" That day is after these records end ({rs.case_date(report.case)})."
    return Entry("due", "response-due", "Response due",
                 f"{report.body.label_at(report.date)}, in “{report.title}”", words,
                 report.cites, last, last, day=first, quoted=False,
                 until=last if last != first else None)


def _key(e: Entry) -> tuple:
    return (e.earliest, e.latest, KINDS.index(e.kind), e.by, e.term.label if e.term else "",
            e.words, e.anchor)


def entries(item: m.Finding, assessments: list[m.Assessment]) -> list[Entry]:
    """The history of ``item``: its report, ``assessments`` (of it), its responses, each
    reply that gives it no status (``_replies``), and the day a response falls due, in
    order (see the module's docstring)."""
    found = [_raised(item), *map(_assessed, assessments), *map(_response, rs.answers(item)),
             *_replies(item)]
    due = _due(item)
    if due is not None:
        found.append(due)
        _timed(item, found)
    return after_order(found, _key, lambda e: e.record)


def _timed(item: m.Finding, found: list[Entry]) -> None:
    """Says, on the entry of each duty body's first reply to the report, whether it came
    on time: "Responded on time: Town Council responded in “Reply” (7 March 2018), on or
    before the day it was due."; only for a body ``item`` is addressed to (``owes``), and
    only on an entry that responds to it (a status, or a letter that gives no status per
    item), never on "Not answered in the reply"."""
    duty = item.record.duty
    assert duty is not None
    for body in (b for b in duty.by if rs.owes(item, b)):
        state = rs.duty_state(duty, body)
        for entry in found:
            if entry.replier is body and entry.record is state.reply and not (
                    entry.term is not None and entry.term.value == rs.NOT_ANSWERED):
                entry.timing = f"{state.term.label}: {state.explanation}"


@dataclass
class Standing:
    """Where one body's response stands, for the summary above the history: ``term`` as a
    badge, then in short (who, when) with a link to its entry (``anchor``) where the
    history says it in full; in full, cited, for a body with no reply (pending, or no
    response published), which no entry says, linked to the day it was due."""

    term: vocab.Term
    words: str
    anchor: str
    cites: list[m.Citation] = field(default_factory=list)


def standing(item: m.Finding) -> list[Standing]:
    """One line per body that responded to ``item`` or owes it a reply (``responses.lines``):
    its latest response; else its latest reply that gives no status (a letter, where it
    sent one), linked to that reply's entry; else its missing reply, in full."""
    out: dict[int, Standing] = {}
    for line in rs.lines(item):
        x, r = line.response, line.record
        if x is not None:
            out[id(x.by)] = Standing(line.term, f"{x.by.label_at(x.record.date)}, "
                                     f"{x.record.date.human()}",
                                     f"response-{x.record.id}-{x.by.id}")
        elif line.term.value in (rs.NO_STATUS, rs.NOT_ANSWERED):
            body = line.body
            assert r is not None and body is not None, "a reply line names its reply"
            out[id(body)] = Standing(line.term, f"{body.label_at(r.date)}, {r.date.human()}",
                                     f"reply-{r.id}-{body.id}")
        else:
            out[id(line)] = Standing(line.term, line.words.removeprefix(
                f"{line.term.label} — "), "response-due", line.cites)
    return list(out.values())
