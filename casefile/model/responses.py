"""Responses to findings, recommendations and requirements, and duties to respond (#18).

A response is always a cited document's own words (a record's ``responses:``), never
inferred. A duty to respond (a record's ``respond:``, or its type's default period in
``vocab.RESPONSE_DUTIES``) is timed with the case's calendar exactly as a requirement's
deadline is (``deadlines.window_of``) and decided by the same honesty rule as
``deadlines._from_records``: a duty has passed only when the case's own as-of date
(``Case.as_of``: the date of its latest document, or the date its editors set; never the day
the site is built) is after the last possible due day, so it is never passed merely because
the records stop; and "No response published" is never "Rejected".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from casefile.model import deadlines, vocab
from casefile.model import objects as m
from casefile.model.dates import human_day

Answerable = m.Finding | m.Requirement
PENDING, UNPUBLISHED = "response_pending", "no_response_published"


def answers(item: Answerable) -> list[m.Response]:
    """The responses to a finding or requirement, oldest first (same day: in the order
    the records were linked)."""
    return sorted(item.responses, key=lambda r: (r.record.date.earliest, r.record.date.latest))


def items(record: m.Record) -> list[Answerable]:
    """What a record's responses may answer: its findings, then its requirements."""
    return [*record.findings, *record.requirements]


@dataclass
class DutyState:
    """Whether one body answered a duty to respond, as of the case's own date."""

    duty: m.Duty
    body: m.Body
    term: vocab.Term  # from vocab.RESPONSE_STATES
    deadline: str  # the duty in words, as a requirement's deadline is given
    due_from: dt.date
    due_until: dt.date
    first: m.Response | None  # the body's earliest response to the record's items
    explanation: str


def first_response(record: m.Record, body: m.Body) -> m.Response | None:
    """``body``'s earliest response to any finding or requirement of ``record``."""
    given = [r for item in items(record) for r in answers(item) if r.by is body]
    return min(given, key=lambda r: (r.record.date.earliest, r.record.date.latest),
               default=None)


def duty_state(duty: m.Duty, body: m.Body) -> DutyState:
    """Responded on time, late, or with timing not established (the dates too imprecise),
    from the body's first response; with none, "No response published" only once the
    case's as-of date is after the last possible due day, otherwise "Response pending"."""
    record, as_of = duty.record, duty.record.case.as_of
    assert as_of is not None, "deadlines.compute_all runs first"
    window = deadlines.window_of(duty.due, record)
    assert window is not None, "a duty always has a date or a period"
    first, last = window
    words = describe(duty)
    reply = first_response(record, body)

    def state(key: str, why: str) -> DutyState:
        return DutyState(duty, body, vocab.RESPONSE_STATES[key], words, first, last, reply, why)

    if reply is not None:
        shown = f"“{reply.record.title}” ({reply.record.date.human()})"
        if reply.record.date.latest <= first:
            return state("responded_on_time", f"{body.name} responded in {shown}, on or "
                         "before the day it was due.")
        if reply.record.date.earliest > last:
            return state("responded_late", f"{body.name} responded in {shown}, after the day "
                         "it was due.")
        return state("responded", f"{body.name} responded in {shown}; the dates in the "
                     "records are too imprecise to say whether on time.")
    when = record.case.as_of_shown.human() if record.case.as_of_shown else human_day(as_of)
    if as_of > last:
        return state(UNPUBLISHED, f"The response was {deadlines.due_words(first, last)} and no "
                     f"document in the records, up to {when}, is a response from {body.name}. "
                     "This is not a rejection: the records may not hold the reply.")
    return state(PENDING, f"No response from {body.name} is recorded as of {when}; it is "
                 f"{deadlines.due_words(first, last)}.")


def describe(duty: m.Duty) -> str:
    """The duty's deadline in words, as a requirement's: "56 calendar days from the event
    (10 January 2018): due 7 March 2018."."""
    return deadlines.describe(duty.due, duty.record)


def duty_states(record: m.Record) -> list[DutyState]:
    """One state per body that must respond to ``record``, in the order the duty names
    them: each body counted separately."""
    duty = record.duty
    return [duty_state(duty, body) for body in duty.by] if duty else []


def item_state(item: Answerable, body: m.Body) -> vocab.Term:
    """Where ``item`` stands with ``body``: the status of its latest response, else "No
    response published" when ``body``'s duty to respond to the item's record has passed
    (as of the case's date), else "Response pending"."""
    given = [r for r in answers(item) if r.by is body]
    if given:
        return given[-1].status
    duty = item.record.duty
    if duty is not None and body in duty.by and duty_state(duty, body).term.value == UNPUBLISHED:
        return vocab.RESPONSE_STATES[UNPUBLISHED]
    return vocab.RESPONSE_STATES[PENDING]


@dataclass
class ResponseCount:
    """How one body's responses stand over a report's findings and requirements."""

    body: m.Body
    counts: dict[str, int]  # status or derived state → number, in ``ORDER``
    terms: dict[str, vocab.Term]  # the same keys → their terms

    @property
    def words(self) -> str:
        """"accepted 38 · accepted in part 3 · rejected 1 · response pending 0": every
        status given, and always the pending count."""
        return " · ".join(f"{self.terms[k].label.lower()} {n}" for k, n in self.counts.items())


def _order(key: str) -> tuple[int, int, str]:
    """Built-in statuses in their order, then a site's own (by value), then "No response
    published", then "Response pending"."""
    if key in vocab.RESPONSE_STATUSES:
        return 0, list(vocab.RESPONSE_STATUSES).index(key), key
    return (2 if key == UNPUBLISHED else 3 if key == PENDING else 1), 0, key


def responders(record: m.Record) -> list[m.Body]:
    """The bodies that must respond (the duty's, in its order), then any other body that
    responded to the record's items, in the order of their first response."""
    bodies = list(record.duty.by) if record.duty else []
    given = sorted((r for item in items(record) for r in item.responses),
                   key=lambda r: (r.record.date.earliest, r.record.date.latest))
    for response in given:
        if response.by not in bodies:
            bodies.append(response.by)
    return bodies


def counts(record: m.Record) -> list[ResponseCount]:
    """Per responding body, its findings and requirements counted by where each stands
    (``item_state``); none for a record with no duty and no response."""
    out = []
    for body in responders(record):
        states = [item_state(item, body) for item in items(record)]
        terms = {t.value: t for t in states} | {PENDING: vocab.RESPONSE_STATES[PENDING]}
        keys = sorted(terms, key=_order)
        out.append(ResponseCount(body, {k: sum(t.value == k for t in states) for k in keys},
                                 {k: terms[k] for k in keys}))
    return out


@dataclass
class ResponseLine:
    """One line of a finding's or requirement's responses, for its page: a response given
    ("Accepted in part — Town Council, 1 February 2018", with its reply and citations), or
    a body that must respond and has not ("Response pending — …: due 7 March 2018")."""

    term: vocab.Term
    words: str
    response: m.Response | None = None
    cites: list[m.Citation] = field(default_factory=list)


def lines(item: Answerable) -> list[ResponseLine]:
    """Its responses oldest first, then each body whose duty to respond to the item's
    record has no response to it, with where that stands as of the case's date."""
    out = [ResponseLine(r.status, f"{r.status.label} — {r.by.label_at(r.record.date)}, "
                        f"{r.record.date.human()}", r, r.cites) for r in answers(item)]
    duty = item.record.duty
    if duty is None:
        return out
    for body in duty.by:
        if any(r.by is body for r in item.responses):
            continue
        state = duty_state(duty, body)
        term = item_state(item, body)
        due = deadlines.due_words(state.due_from, state.due_until)
        if state.first is not None:  # it answered the duty, not this item
            reply, kind = state.first.record, type(item).__name__.lower()
            out.append(ResponseLine(term, f"{term.label} — {body.name}: its reply to this "
                                    f"report, “{reply.title}” ({reply.date.human()}), gives "
                                    f"no response to this {kind}"))
        else:
            out.append(ResponseLine(term, f"{term.label} — {body.name}: {due}"))
    return out
