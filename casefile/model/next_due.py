"""A case's "Next or past-due deadline" (the case facts and the home page's list of cases)
and the next deadline "where things stand" names: a requirement's deadline or a body's
duty to respond to a report (#18), whichever comes first, so that the three agree and
none says "None recorded", or names a later deadline, while a duty is past due or due
sooner.

Past due first: a requirement past due, or a duty whose day has passed with no response
in the records ("No response published", as of the case's own date: never a rejection),
the one due soonest; else the requirement or duty still to come that is due soonest (a
requirement with no deadline set last). A duty names whose it is: "Duty of Example Board
to respond to “Final report” (10 March 2025)", every body of the same duty in the same
state together. Outcomes and duty states are the model's (``deadlines``, ``responses``);
this module only chooses and words them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casefile.model import deadlines, responses, vocab, who
from casefile.model import objects as m
from casefile.model.said import Said, unique
from casefile.model.stand_requirements import list_outcome, next_deadline

# the states that are still to be answered: past due (0) and not yet due (1)
RANKS = {"overdue": 0, responses.UNPUBLISHED: 0, "outstanding": 1, responses.PENDING: 1}


@dataclass
class NextDue:
    """One deadline in words: a requirement's or a duty to respond's."""

    what: str  # "Produce a plan." or "Duty of Example Board to respond to “Report” (…)"
    term: vocab.Term  # Past due, Outstanding; No response published, Response pending
    label: str  # the term as the list of cases names it ("… when the records end")
    due: str  # "due 7 March 2018"; "" for a requirement with no deadline set
    rank: int  # 0 past due, 1 still to come
    until: dt.date  # the last possible due day (date.max: none set)
    requirement: m.Requirement | None = None
    record: m.Record | None = None  # a duty's: the report that sets it

    @property
    def fact(self) -> str:
        """What the case facts say before the status: a requirement's words (its row gives
        the deadline), a duty with its day."""
        return self.what if self.requirement else f"{self.what}, {self.due}"


def _requirement(req: m.Requirement) -> NextDue | None:
    outcome = req.outcome
    if outcome is None or outcome.term.value not in RANKS:
        return None
    due = deadlines.due_words(outcome.due_from, outcome.due_until) \
        if outcome.due_until else ""
    return NextDue(req.text, outcome.term, list_outcome(req), due,
                   RANKS[outcome.term.value], outcome.due_until or dt.date.max, req)


def _duties(record: m.Record) -> list[NextDue]:
    """One per state the duty ``record`` sets is still in (unanswered), naming its bodies."""
    states = [s for s in responses.duty_states(record) if s.term.value in RANKS]
    out = []
    for key in dict.fromkeys(s.term.value for s in states):
        held = [s for s in states if s.term.value == key]
        first = held[0]
        what = (f"Duty of {who.listed([s.body.name for s in held])} to respond to "
                f"“{record.title}” ({record.date.human()})")
        due = deadlines.due_words(first.due_from, first.due_until)
        out.append(NextDue(what, first.term, first.term.label, due, RANKS[key],
                           first.due_until, record=record))
    return out


def candidates(case: m.Case, requirements: list[m.Requirement]) -> list[NextDue]:
    """Every requirement and duty still to be met or answered, in the order they are
    chosen: past due before still to come, then the soonest due, a requirement before a
    duty of the same day, then in the page's order."""
    found = [n for n in map(_requirement, requirements) if n is not None]
    found += [n for r in case.records if r.duty for n in _duties(r)]
    return sorted(found, key=lambda n: (n.rank, n.until, n.requirement is None))


def next_due(case: m.Case, requirements: list[m.Requirement]) -> NextDue | None:
    """The case facts' next or past-due deadline; None for a closed case (no deadline is
    followed) or when nothing is due."""
    if case.status.value == "closed":
        return None
    found = candidates(case, requirements)
    return found[0] if found else None


def next_said(case: m.Case, requirements: list[m.Requirement]) -> Said | None:
    """"Where things stand"'s next deadline: the requirement or duty still to come (not
    past due) due soonest, with a date, cited to what sets it; None for a closed case or
    when there is none."""
    if case.status.value == "closed":
        return None
    found = [n for n in candidates(case, requirements) if n.rank == 1 and n.due]
    if not found:
        return None
    first = found[0]
    if first.requirement is not None:
        return next_deadline([first.requirement])
    assert first.record is not None
    return Said(f"The next deadline in these records: {first.what[:1].lower()}"
                f"{first.what[1:]}, {first.due}.", unique(first.record.cites),
                f"ev-{first.record.id}")
