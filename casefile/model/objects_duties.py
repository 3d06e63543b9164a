"""What a record asks and what follows: requirements with their deadlines, outcomes and
progress, responses and duties to respond, and next steps. Part of
``casefile.model.objects``, which re-exports every name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casefile.model import vocab
    from casefile.model.dates import PartialDate
    from casefile.model.objects import Finding, Record
    from casefile.model.objects_bodies import Body
    from casefile.model.objects_claims import Relayed
    from casefile.model.objects_sources import Citation


@dataclass
class Response:
    """A body's response to a finding or requirement of an earlier record, as its reply
    (``record``, cited) states it: accepted, rejected... never inferred."""

    to: Finding | Requirement
    status: vocab.Term  # from vocab.RESPONSE_STATUSES or the site's own
    by: Body
    note: str | None
    cites: list[Citation]
    record: Record = field(repr=False, compare=False)  # the reply: its date is the response's date


@dataclass
class Duty:
    """A duty to respond a record sets (its ``respond:``, or its type's default period):
    the bodies that must respond to its findings and requirements, and by when."""

    due: Due  # a date, or a period counted from the record (computed as deadlines are)
    by: list[Body]
    record: Record = field(repr=False, compare=False)
    from_type: bool = False  # the period is the record type's default (vocab.RESPONSE_DUTIES)


@dataclass
class Due:
    date: PartialDate | None
    within: int | None
    unit: str | None
    start: str | None
    as_written: str | None
    note: str | None
    # a deadline in words with no date of its own: date_words.IMMEDIATELY (the record's
    # date) or EARLIEST_OPPORTUNITY (none computable); its words as the editor wrote them
    worded: str | None = None
    words: str | None = None


@dataclass
class Reported:
    outcome: vocab.Term
    by: Body
    cites: list[Citation]
    asserter: vocab.Term | None = None  # who says so, by the body's relation to the case
    relayed: Relayed | None = None  # set when no source cited is the asserter's own


@dataclass
class Outcome:
    """A requirement's computed outcome and how it was reached, in words."""

    term: vocab.Term
    deadline: str
    due_from: dt.date | None
    due_until: dt.date | None
    explanation: str
    reported: Reported | None = None
    # What the records alone show, when a report is also given (differs from term when
    # the report fills a gap in the records, or when they disagree: term is then disputed)
    records_term: vocab.Term | None = None


@dataclass
class NextStep:
    """What happens next, as a source says it: a record's ``next`` entry."""

    text: str
    date: PartialDate | None  # expected by, as the source gives it
    cites: list[Citation]
    record: Record = field(repr=False, compare=False)
    # a later record of the case that reports what happened
    reported_in: Record | None = field(default=None, repr=False, compare=False)


@dataclass
class Progress:
    """A dated, cited note of progress on a requirement."""

    date: PartialDate
    note: str
    cites: list[Citation]


@dataclass
class Requirement:
    id: str
    text: str
    due: Due | None
    fulfilled_by: Record | None = field(repr=False, compare=False)
    superseded_by: Record | None = field(repr=False, compare=False)
    reported: Reported | None
    cites: list[Citation]
    record: Record = field(repr=False, compare=False)
    outcome: Outcome | None = None  # set by casefile.model.deadlines
    progress: list[Progress] = field(default_factory=list)  # in date order
    # its responses, as linked (see model.responses)
    responses: list[Response] = field(default_factory=list, repr=False, compare=False)
