"""Responses to findings, recommendations and requirements, and duties to respond (#18).

A response is always a cited document's own words (a record's ``responses:``), never
inferred. A duty to respond (a record's ``respond:``, or its type's default period in
``vocab.RESPONSE_DUTIES``) is timed with the case's calendar exactly as a requirement's
deadline is (``deadlines.window_of``) and decided by the same honesty rule as
``deadlines._from_records``: a duty has passed only when the case's own as-of date
(``Case.as_of``: the date of its latest document, or the date its editors set; never the day
the site is built) is after the last possible due day, so it is never passed merely because
the records stop; and "No response published" is never "Rejected".

What depends on a whole report (a body's letters and replies to it, its duty state, the
bodies that respond) is worked out once per report and body and remembered for the case
(``_remembered``), not again for each of its findings: an inquiry's 200 recommendations
would otherwise cost 200 passes over the report each, for every page that lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from casefile.model import deadlines, vocab
from casefile.model import objects as m

Answerable = m.Finding | m.Requirement
T = TypeVar("T")
# [case, memo]: the answers worked out for the case last asked about (``_memo``)
_HELD: list[Any] = []


def _memo(case: m.Case) -> dict[tuple[Any, ...], Any]:
    """The answers already worked out for ``case``; a new one for another case (another
    build, a test's data set), the last one let go. An answer never goes stale: a case
    is complete, and not changed, once ``deadlines.compute_all`` has set its as-of date,
    which every answer here needs; and the memo keeps the case, so no other object can
    take the id of one of its records or bodies while it is kept."""
    if not _HELD or _HELD[0] is not case:
        _HELD[:] = [case, {}]
    return _HELD[1]


def _remembered(work: Callable[..., T], record: m.Record, *args: Any) -> T:
    """``work(record, *args)``, worked out once for ``record``'s case and remembered (the
    arguments are the case's own records and bodies, held with it, so their ids identify
    them). Callers only read what comes back."""
    memo = _memo(record.case)
    key = (work, id(record), *map(id, args))
    if key not in memo:
        memo[key] = work(record, *args)
    return memo[key]


PENDING, UNPUBLISHED = "response_pending", "no_response_published"
NO_STATUS, NOT_ANSWERED = "responded_no_status", "not_answered_in_reply"


def answers(item: Answerable) -> list[m.Response]:
    """The responses to a finding or requirement, oldest first (same day: in the order
    the records were linked)."""
    return sorted(item.responses, key=lambda r: (r.record.date.earliest, r.record.date.latest))


def items(record: m.Record) -> list[Answerable]:
    """What a record's responses may answer: its findings, then its requirements."""
    return [*record.findings, *record.requirements]


def owes(item: Answerable, body: m.Body) -> bool:
    """Whether ``body`` is among those ``item`` is addressed to: a finding's
    ``directed_at`` when it names any, else every body (a requirement: every body)."""
    return not isinstance(item, m.Finding) or not item.directed_at or body in item.directed_at


def _dated(record: m.Record) -> tuple[dt.date, dt.date]:
    return record.date.earliest, record.date.latest


def letters(record: m.Record, body: m.Body) -> list[m.Record]:
    """``body``'s records that are its reply to ``record`` as a whole (``answers:``),
    oldest first."""
    return sorted((r for r in record.case.records if r.answers is record and r.body is body),
                  key=_dated)


def replies(record: m.Record, body: m.Body) -> list[m.Record]:
    """Every record in which ``body`` replies to ``record``: its letters (``answers:``)
    and the records of its responses to the record's items, oldest first, each once."""
    found = letters(record, body) + [r.record for item in items(record)
                                     for r in item.responses if r.by is body]
    return sorted({id(r): r for r in found}.values(), key=_dated)


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
    reply: m.Record | None = None  # its earliest reply: a letter (answers:) or a response


def first_response(record: m.Record, body: m.Body) -> m.Response | None:
    """``body``'s earliest response to any finding or requirement of ``record``."""
    given = [r for item in items(record) for r in answers(item) if r.by is body]
    return min(given, key=lambda r: (r.record.date.earliest, r.record.date.latest),
               default=None)


def duty_state(duty: m.Duty, body: m.Body) -> DutyState:
    """Responded on time, late, or with timing not established (the dates too imprecise),
    from the body's first reply (``replies``: a response to an item, or a record that
    ``answers`` the report without a status for each item); with none, "No response
    published" only once the case's as-of date is after the last possible due day,
    otherwise "Response pending"."""
    record, as_of = duty.record, duty.record.case.as_of
    assert as_of is not None, "deadlines.compute_all runs first"
    window = deadlines.window_of(duty.due, record)
    assert window is not None, "a duty always has a date or a period"
    first, last = window
    words = describe(duty)
    given = replies(record, body)
    reply = given[0] if given else None

    def state(key: str, why: str) -> DutyState:
        return DutyState(duty, body, vocab.RESPONSE_STATES[key], words, first, last,
                         first_response(record, body), why, reply)

    if reply is not None:
        shown = f"“{reply.title}” ({reply.date.human()})"
        if reply.date.latest <= first:
            return state("responded_on_time", f"{body.name} responded in {shown}, on or "
                         "before the day it was due.")
        if reply.date.earliest > last:
            return state("responded_late", f"{body.name} responded in {shown}, after the day "
                         "it was due.")
        return state("responded", f"{body.name} responded in {shown}; the dates in the "
                     "records are too imprecise to say whether on time.")
    when = case_date(record.case)
    if as_of > last:
        return state(UNPUBLISHED, f"The response was {deadlines.due_words(first, last)} and no "
                     f"document in the records, up to {when}, is a response from {body.name}. "
                     "This is not a rejection: the records may not hold the reply.")
    return state(PENDING, f"No response from {body.name} is recorded as of {when}; it is "
                 f"{deadlines.due_words(first, last)}.")


def case_date(case: m.Case) -> str:
    """The case's own as-of date in words, as precise as the document it comes from."""
    assert case.as_of_shown is not None, "deadlines.compute_all runs first"
    return case.as_of_shown.human()


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
    """Where ``item`` stands with ``body``: the status of its latest response; else, once
    ``body`` has replied to the item's record, "Responded, no status given for this item"
    (a record of its ``answers`` the report) or "Not answered in the reply" (its replies
    answer other items only); else "No response published" when ``body`` owes the item a
    reply under a duty that has passed (as of the case's date); else "Response pending"."""
    given = [r for r in answers(item) if r.by is body]
    if given:
        return given[-1].status
    record = item.record
    if _remembered(letters, record, body):
        return vocab.RESPONSE_STATES[NO_STATUS]
    if _remembered(replies, record, body):
        return vocab.RESPONSE_STATES[NOT_ANSWERED]
    duty = record.duty
    if duty is not None and body in duty.by and owes(item, body) \
            and _remembered(_duty_state, record, body).term.value == UNPUBLISHED:
        return vocab.RESPONSE_STATES[UNPUBLISHED]
    return vocab.RESPONSE_STATES[PENDING]


def _duty_state(record: m.Record, body: m.Body) -> DutyState:
    """``duty_state`` of the duty ``record`` sets (callers check it sets one)."""
    duty = record.duty
    assert duty is not None
    return duty_state(duty, body)


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


_DERIVED = (NO_STATUS, NOT_ANSWERED, UNPUBLISHED, PENDING)


def _order(key: str) -> tuple[int, int, str]:
    """Built-in statuses in their order, then a site's own (by value), then "Responded, no
    status given", "Not answered in the reply", "No response published", "Response
    pending"."""
    if key in vocab.RESPONSE_STATUSES:
        return 0, list(vocab.RESPONSE_STATUSES).index(key), key
    return (2, _DERIVED.index(key), key) if key in _DERIVED else (1, 0, key)


def responders(record: m.Record) -> list[m.Body]:
    """The bodies that must respond (the duty's, in its order), then any other body that
    replied to the record (a response to its items, or a record that ``answers`` it), in
    the order of their first reply."""
    bodies = list(record.duty.by) if record.duty else []
    given = [(r.record, r.by) for item in items(record) for r in item.responses]
    given += [(r, r.body) for r in record.case.records if r.answers is record]
    for _, body in sorted(given, key=lambda x: _dated(x[0])):
        if body not in bodies:
            bodies.append(body)
    return bodies


def owed(record: m.Record, body: m.Body) -> list[Answerable]:
    """The record's findings and requirements ``body`` is counted over: those addressed to
    it (``owes``), and any other it responded to."""
    return [item for item in items(record)
            if owes(item, body) or any(r.by is body for r in item.responses)]


def counts(record: m.Record) -> list[ResponseCount]:
    """Per responding body, the findings and requirements it is counted over (``owed``:
    a finding ``directed_at`` other bodies only is not counted against it) by where each
    stands (``item_state``); none for a record with no duty and no reply."""
    out = []
    for body in _remembered(responders, record):
        states = [item_state(item, body) for item in owed(record, body)]
        terms = {t.value: t for t in states} | {PENDING: vocab.RESPONSE_STATES[PENDING]}
        keys = sorted(terms, key=_order)
        out.append(ResponseCount(body, {k: sum(t.value == k for t in states) for k in keys},
                                 {k: terms[k] for k in keys}))
    return out


@dataclass
class ResponseLine:
    """One line of a finding's or requirement's responses, for its page: a response given
    ("Accepted in part — Town Council, 1 February 2018", with its reply and citations), or
    a body that owes it a reply and gave none, with the record that says so (``record``:
    the body's reply, or the report that set the duty) and its citations."""

    term: vocab.Term
    words: str
    response: m.Response | None = None
    cites: list[m.Citation] = field(default_factory=list)
    record: m.Record | None = None
    body: m.Body | None = None  # the body that gave no response (None: a response given)


def lines(item: Answerable) -> list[ResponseLine]:
    """Its responses oldest first, then each body that owes it a reply and gave none to
    it: the duty's bodies it is addressed to (``owes``), then any other that replied to
    its record as a whole (``answers:``), with where that stands as of the case's date."""
    out = [ResponseLine(r.status, f"{r.status.label} — {r.by.label_at(r.record.date)}, "
                        f"{r.record.date.human()}", r, r.cites) for r in answers(item)]
    report = item.record
    duty = report.duty.by if report.duty else []
    bodies = [b for b in _remembered(responders, report)
              if owes(item, b) and (b in duty or _remembered(letters, report, b))]
    for body in bodies:
        if not any(r.by is body for r in item.responses):
            out.append(_missing(item, body))
    return out


def noun(item: Answerable) -> str:
    """"recommendation", "finding", "requirement": what the item is, in a sentence (a
    finding's word from its kind, ``Finding.noun``)."""
    return item.noun if isinstance(item, m.Finding) else "requirement"


def _missing(item: Answerable, body: m.Body) -> ResponseLine:
    """The line of a body that gave ``item`` no response: one sentence, citing its reply
    to the report when there is one, else the report that set the duty."""
    term, report = item_state(item, body), item.record
    if term.value in (NO_STATUS, NOT_ANSWERED):
        reply = _remembered(letters if term.value == NO_STATUS else replies, report, body)[-1]
        return ResponseLine(term, f"{term.label} — {body.name}: "
                            f"{gives_none(item, reply, term.value == NO_STATUS)}",
                            cites=reply.cites, record=reply, body=body)
    duty = report.duty
    assert duty is not None, "a body with no reply is listed only under a duty"
    state = _remembered(_duty_state, report, body)
    said = f" (in its words, “{duty.due.as_written}”)" if duty.due.as_written else ""
    due = deadlines.due_words(state.due_from, state.due_until)
    words = (f"{term.label} — {body.name}: “{report.title}” ({report.date.human()}) set a "
             f"duty to respond{said}, {due}; as of {case_date(report.case)}, no document in "
             f"the records is a response from {body.name}")
    if term.value == UNPUBLISHED:
        words += ", and this is not a rejection: the records may not hold the reply"
    return ResponseLine(term, words + ".", cites=report.cites, record=report, body=body)


def gives_none(item: Answerable, reply: m.Record, letter: bool) -> str:
    """What a reply to ``item``'s report that gives it no status says of it: "its reply to
    this report, “Letter” (7 March 2018), gives no status for this finding." (a ``letter``:
    the record answers the report as a whole), else "… gives no response to this …"."""
    gives = "no status for" if letter else "no response to"
    return (f"its reply to this report, “{reply.title}” ({reply.date.human()}), gives {gives} "
            f"this {noun(item)}.")
