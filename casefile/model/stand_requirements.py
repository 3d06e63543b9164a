"""Where things stand, its requirements: every requirement counted by outcome as of the
case's own date, with who set it and whose records each count rests on, cited; those known
only from another publisher's source, said so; the past-due and outstanding ones with their
dates; the next deadline, in the source's words where it gave some (casefile.model.stand
lays these out with the rest of the block)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Literal, overload

from casefile.model import deadlines, vocab, who
from casefile.model import objects as m
from casefile.model.dates import PartialDate
from casefile.model.histories import status_words
from casefile.model.said import Said, called, unique

PENDING = ("overdue", "outstanding")  # outcomes listed with their dates, in this order


@dataclass
class Pending:
    """Requirements with one outcome (past due, outstanding), each with its due date."""

    term: vocab.Term
    items: list[Said]
    # said before the items: "Past due: ", or, for the one requirement of a case, whose
    # outcome its sentence already gives, "It was " (… "due 30 October 2017.")
    lead: str = ""



def outcomes(requirements: list[m.Requirement], as_of: PartialDate) -> Said:
    """The requirements counted by outcome, in the outcome vocabulary's order, a short
    sentence each, then whose records it rests on (``rests_on``), after who set the
    requirements; cited to the requirements' sources and to every record or report their
    outcomes rest on."""
    if not requirements:
        return Said("No requirements or deadlines are recorded in this case.")
    groups: dict[tuple[str, str], list[m.Requirement]] = {}
    order = list(vocab.OUTCOMES)
    for req in sorted(requirements, key=lambda r: order.index(_term(r).value)):
        groups.setdefault((_term(req).value, rests_on(req, 1)), []).append(req)
    cites = unique([c for req in requirements for c in evidence(req)])
    if len(requirements) == 1:
        [req] = requirements
        said = [f"As of {as_of.human()}, the one requirement recorded, "
                f"{_set_by(requirements)}, is {status_words(_term(req))}.",
                *rests_on(req, 1, sentences=True)]
        return Said(" ".join(said), cites)
    said = [f"As of {as_of.human()}, {len(requirements)} requirements are recorded, "
            f"{_set_by(requirements)}."]
    for (key, _), reqs in groups.items():
        n = len(reqs)
        said.append(f"{n} {'has' if n == 1 else 'have'} the status "
                    f"{vocab.OUTCOMES[key].label}.")
        said += rests_on(reqs[0], n, sentences=True)
    return Said(" ".join(said), cites)


def counted_status(count: int, term: vocab.Term) -> str:
    """``count`` things with a status or outcome, its label as the vocabulary gives it: "2
    with the status Concern remains" (a count before a label, "2 concern remains", would
    not be English)."""
    return f"{count} with the status {term.label}"


def evidence(req: m.Requirement) -> list[m.Citation]:
    """What a requirement's count rests on: its own citations (the record that set it),
    then those of the record showing it met or replaced, then those of a reported
    outcome."""
    cites = list(req.cites)
    for record in (req.fulfilled_by, req.superseded_by):
        cites += record.cites if record is not None else []
    return cites + (req.reported.cites if req.reported else [])


def _term(req: m.Requirement) -> vocab.Term:
    assert req.outcome is not None  # set by deadlines.compute_all
    return req.outcome.term


def _set_by(requirements: list[m.Requirement]) -> str:
    """"set by Example Inspectorate", "all set by …", or "set 3 by A and 2 by B": each body
    once, however it was named, as named in its first requirement's record. The body is the
    one whose record sets the requirement (the record's ``body``), never the publisher of a
    source that reports it (``set_second_hand`` says who that is)."""
    setters: dict[str, list[m.Requirement]] = {}
    for req in requirements:
        setters.setdefault(req.record.body.id, []).append(req)
    names = [_name(reqs[0].record) for reqs in setters.values()]
    if len(setters) == 1:
        return ("set by " if len(requirements) == 1 else "all set by ") + names[0]
    counted = [f"{len(reqs)} by {name}" for name, reqs in zip(names, setters.values(),
                                                                strict=True)]
    return "set " + who.listed(counted)


def set_second_hand(requirements: list[m.Requirement]) -> list[Said]:
    """For the requirements known only from other publishers' sources (none cited is the
    setting body's own), who reports that they were set, a sentence per setter and
    publishers, cited: "Shropshire Star (press) reports that Welsh Government set 2 of
    them." (casefile.model.who.told)."""
    groups: dict[tuple[str, str], tuple[m.Relayed, list[m.Requirement]]] = {}
    for req in requirements:
        relay = _relayed(req.record, req.cites)
        if relay is not None:
            key = (req.record.body.id, relay.words)
            groups.setdefault(key, (relay, []))[1].append(req)
    out = []
    for relay, reqs in groups.values():
        which = "it" if len(requirements) == 1 else f"all {len(reqs)}" \
            if len(reqs) == len(requirements) else f"{len(reqs)} of them"
        out.append(Said(who.told(_name(reqs[0].record), relay, f"set {which}."),
                        unique([c for r in reqs for c in r.cites])))
    return out


def _name(record: m.Record) -> str:
    return called(record.body, record.case)


def _relayed(record: m.Record, cites: list[m.Citation]) -> m.Relayed | None:
    """How what ``cites`` say of ``record``'s body reaches the reader: None when one of
    them is the body's own (casefile.model.who.relayed)."""
    return who.relayed(record.body, cites, record.case, record.case.as_of_shown)


def _from(record: m.Record) -> str:
    """"a record from Town Council", or, known only from another publisher's source, "a
    record from Town Council, as reported by The Gazette (press),"."""
    relay = _relayed(record, record.cites)
    return f"{_name(record)}, {relay.words}," if relay else _name(record)


@overload
def rests_on(req: m.Requirement, count: int) -> str: ...
@overload
def rests_on(req: m.Requirement, count: int, sentences: Literal[True]) -> list[str]: ...
def rests_on(req: m.Requirement, count: int, sentences: bool = False) -> str | list[str]:
    """Whose records a requirement's outcome rests on, for ``count`` requirements alike:
    "a record from Town Council shows it met", "according to Town Council", or "" where
    the outcome's own words say it ("Past due: no record that it was met"); with
    ``sentences``, as short sentences ("A record from Town Council shows it met.", "Town
    Council says so."), none where the outcome's words say it."""
    outcome = _term(req).value
    done, later = req.fulfilled_by, req.superseded_by
    reported = req.outcome.reported if req.outcome else None
    one = count == 1
    shown = ""
    if done is not None and outcome in (*deadlines.MET, "disputed"):
        shown = (f"a record from {_from(done)} shows it met" if one
                 else f"records from {_from(done)} show them met")
    elif later is not None and outcome == "superseded":
        shown = (f"a record from {_from(later)} replaces it" if one
                 else f"records from {_from(later)} replace them")
    elif outcome == "outstanding":
        shown = ("no record yet that it was met" if one
                 else "no record yet that they were met") if not sentences \
            else "no record yet shows it met" if one else "no record yet shows them met"
    said = [shown] if shown else []
    if reported is not None:
        by, label = called(reported.by, req.record.case), reported.outcome.label
        if not shown and reported.outcome.value == outcome:
            said.append(who.told(by, reported.relayed, "says so") if reported.relayed
                        or sentences else f"according to {by}")
        else:
            said.append(who.told(by, reported.relayed, f"reports {'it' if one else 'them'} "
                                 f"as {label[:1].lower()}{label[1:]}"))
    if sentences:
        return [f"{p[:1].upper()}{p[1:]}." for p in said]
    return "; ".join(said)


def due_words(outcome: m.Outcome) -> str:
    """The outcome's deadline in words (casefile.model.deadlines.due_words), as the case
    list and the deadlines table give it."""
    return deadlines.due_words(outcome.due_from, outcome.due_until)


def _due_order(req: m.Requirement) -> tuple[dt.date, str]:
    assert req.outcome is not None
    return req.outcome.due_until or dt.date.max, req.id


def pending(requirements: list[m.Requirement]) -> list[Pending]:
    """Past-due and outstanding requirements, each kind soonest due first, each named for
    screen readers by its words (requirements carry no number of the source's, and a count
    of casefile's own would read as one); two of the same words and deadline, by their row
    of the requirements table as well, said as such."""
    out = []
    for key in PENDING:
        reqs = sorted((r for r in requirements if r.outcome and r.outcome.term.value == key),
                      key=_due_order)
        if reqs:
            said = [(r, due_words(r.outcome), f", the requirement: {_words(r.text)}")
                    for r in reqs if r.outcome is not None]
            alike = Counter((due, more) for _, due, more in said)
            out.append(Pending(vocab.OUTCOMES[key], [
                Said(due, r.cites, f"req-{r.id}", more if alike[due, more] == 1 else
                     f"{more} (row {requirements.index(r) + 1} of the requirements table)")
                for r, due, more in said], f"{vocab.OUTCOMES[key].label}: "))
    return _the_one(out) if len(requirements) == 1 else out


def _words(text: str) -> str:
    """A requirement's words inside a sentence: white space folded, without the full stop
    that ends them (the sentence goes on with "; " or ends with its own)."""
    words = " ".join(text.split())
    return words[:-1] if words.endswith(".") and not words.endswith("..") else words


def _the_one(out: list[Pending]) -> list[Pending]:
    """The one requirement's deadline, after the sentence that already gives its outcome
    and cites it (``outcomes``): "It was due 30 October 2017.", "It has no deadline set.",
    so that the outcome is said once."""
    said = []
    for p in out:
        [item] = p.items
        lead = "It has " if item.text == deadlines.due_words(None, None) else \
            "It was " if p.term.value == "overdue" else "It is "
        said.append(Pending(p.term, [Said(item.text, [], item.anchor, item.more)], lead))
    return said


def next_deadline(requirements: list[m.Requirement]) -> Said | None:
    """The outstanding requirement due soonest (not yet past due), in words."""
    dated = [r for r in requirements if r.outcome and r.outcome.term.value == "outstanding"
             and r.outcome.due_until is not None]
    if not dated:
        return None
    req = min(dated, key=_due_order)
    assert req.outcome is not None
    # the requirement in the editors' words, not in quotation marks: it is not a quotation
    return Said(f"The next deadline in these records: {req.text.strip().rstrip('.')}, "
                f"{deadline_words(req)}.", req.cites, f"req-{req.id}")


def deadline_words(req: m.Requirement) -> str:
    """The deadline as the source gives it beside the window counted from it, where the
    source gave it in words or to a month or year: "“by April” (in the source's words);
    counted here as due between 1 April 2019 and 30 April 2019"; otherwise the window
    alone ("due 30 April 2019")."""
    assert req.outcome is not None
    window, due = due_words(req.outcome), req.due
    if due is None:
        return window
    date = due.date
    said = due.as_written or due.words or (date.words if date is not None else None)
    if said:
        return f"“{said}” (in the source's words); counted here as {window}"
    if date is not None and date.precision != "day":
        return f"by {date.human()} (as the source dates it); counted here as {window}"
    return window


def list_outcome(req: m.Requirement) -> str:
    """A requirement's outcome as the case list names it: an outstanding one, on a case
    whose outcomes are computed as of the day its records end, "Outstanding when the
    records end" (the list is read long after; nothing says it is outstanding today)."""
    assert req.outcome is not None
    term, case = req.outcome.term, req.record.case
    ends = deadlines.latest_document_date(case)
    if term.value == "outstanding" and case.as_of_given is None and ends is not None \
            and ends == case.as_of_shown:
        return f"{term.label} when the records end"
    return term.label


def closed_words(as_of: PartialDate) -> str:
    return (f"The case is closed, so no deadline is followed; each requirement's outcome as "
            f"of {as_of.human()} stays in its table.")
