"""What happens next, where a source says so: the records' ``next`` entries as sentences
for a case's "where things stand", each with the citations it rests on.

A step expected by a date these records have passed (before the case's as-of date) is said
as passed, never as something to come; one with no date, or a date not yet passed, is said
as what happens next. With no entry nothing is said (nothing is invented). A step a later
record reports on (``reported_in``) links to that record's entry; a passed one no record
reports on says the records do not show whether it happened, never that it did not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casefile.model import objects as m
from casefile.model.dates import PartialDate
from casefile.model.said import Said

# after a passed step that no record reports on: the records are silent, which is not
# evidence that it did not happen
NOT_SHOWN = "These records do not show whether it happened."
SEE = "What happened: see"  # before the link to the record that reports it


@dataclass
class Step:
    """One next step in words, with its citations; ``passed`` when its date is before the
    case's as-of date, or a later record reports what happened (``reported``: the words
    of the link to it, after SEE, and its timeline entry's anchor)."""

    text: str
    cites: list[m.Citation]
    passed: bool = False
    reported: Said | None = None
    see: str = SEE


def according_to(cites: list[m.Citation]) -> str:
    """Who says so: each source cited once, "Town Council (Council news, March 2018)", or
    for a title the editors supplied "Town Council (untitled document: Statement on the
    plan, March 2018)"."""
    seen: dict[str, m.Source] = {}
    for cite in cites:
        seen.setdefault(cite.source.id, cite.source)
    said = []
    for source in seen.values():
        who = source.publisher.name if source.publisher else "a publisher not named"
        when = source.published.human() if source.published else "undated"
        # a title the editors supplied, without the list of sources' square brackets, which
        # read as broken markup inside a sentence
        title = f"untitled document: {source.title}" if source.title_supplied else source.title
        said.append(f"{who} ({title}, {when})")
    return " and ".join(said)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def step(next_step: m.NextStep, as_of: PartialDate, closed: bool = False) -> Step:
    """One step in words, as of ``as_of`` (the case's own date); on a closed case, as
    something said before it closed, never as still to come."""
    said, src, date = _sentence(next_step.text), according_to(next_step.cites), next_step.date
    if next_step.reported_in is not None:
        return _reported(next_step, closed)
    if closed:
        by = f" It was expected by {date.human()}." if date else ""
        return Step(f"Before the case was closed, {src} said what would happen next: "
                    f"{said}{by}", next_step.cites, True)
    if date is None:
        return Step(f"What happens next, according to {src}: {said}", next_step.cites)
    if date.latest < as_of.earliest:
        return Step(f"Expected by {date.human()}, a date these records have passed (they run "
                    f"to {as_of.human()}), according to {src}: {said} {NOT_SHOWN}",
                    next_step.cites, True)
    return Step(f"What happens next, according to {src}: {said} Expected by {date.human()}.",
                next_step.cites)


def _reported(next_step: m.NextStep, closed: bool) -> Step:
    """A step a later record reports on: what was said would happen, and a link to that
    record (its timeline entry), "“Title” (2 May 2019)"; whether it happened, and how, is
    that record's to say, not this sentence's."""
    later = next_step.reported_in
    assert later is not None
    src, date = according_to(next_step.cites), next_step.date
    before = "Before the case was closed, " if closed else ""
    by = f" It was expected by {date.human()}." if date else ""
    text = f"{before}{src} said what would happen next: {_sentence(next_step.text)}{by}"
    return Step(text[:1].upper() + text[1:], next_step.cites, True,
                Said(f"“{later.title}” ({later.when})", anchor=f"ev-{later.id}"))


def _order(next_step: m.NextStep) -> tuple[dt.date, dt.date]:
    date = next_step.date
    return (date.earliest, date.latest) if date else (dt.date.max, dt.date.max)


def upcoming(case: m.Case, as_of: PartialDate) -> list[Step]:
    """Every next step of ``case``: those still to come first (soonest first, undated
    after), then those whose date has passed (oldest first); ties in the records' order."""
    steps = [n for r in case.records for n in r.next_steps]
    closed = case.status.value == "closed"
    said = [step(n, as_of, closed) for n in sorted(steps, key=_order)]
    return [s for s in said if not s.passed] + [s for s in said if s.passed]
