""""Where things stand": the few plain sentences at the top of a case page and in the case
list, each with the citations a reader can check it against.

Everything is computed from the case's view (casefile.model.views): the records' end date,
the latest assessment of each finding counted by status and by who gives it (here), the
requirements' outcomes as of the case's own date (casefile.model.stand_requirements) and
the next deadline, a requirement's or a duty to respond's (casefile.model.next_due). The
templates only lay these out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from casefile.model import objects as m
from casefile.model import responses, vocab, who
from casefile.model.dates import PartialDate, human_day
from casefile.model.histories import order_known
from casefile.model.next_due import next_said
from casefile.model.said import Said, called, unique
from casefile.model.stand_oversight import levels
from casefile.model.stand_requirements import (
    Pending,
    closed_words,
    counted_status,
    outcomes,
    pending,
    set_second_hand,
)
from casefile.model.upcoming import Step, upcoming

__all__ = ["LATER_DAYS", "FindingsStand", "Pending", "Said", "Stand", "Voice", "findings_stand",
           "records_end", "stand"]

if TYPE_CHECKING:
    from casefile.model.views import MatrixGroup

# A build more than this many days after the records end says that later events may be
# missing from them (the records stopping is no sign that nothing happened since).
LATER_DAYS = 90


@dataclass
class Voice:
    """The findings of one matrix whose latest assessment is in the same record, by the same
    body speaking the same way: how many, and how many of each status."""

    record: m.Record
    assessments: list[m.Assessment]
    tallies: list[tuple[vocab.Term, int]]  # in the status vocabulary's order; counts > 0
    text: str
    cites: list[m.Citation]

    @property
    def count(self) -> int:
        return len(self.assessments)


@dataclass
class FindingsStand:
    """The findings one record raised, each counted once, by its latest assessment."""

    record: m.Record
    total: int
    lead: str  # "The inspection of July 2017 raised 11 findings."
    voices: list[Voice]
    not_assessed: int
    unassessed: str | None  # "1 is not assessed yet."; None when every one is assessed

    @property
    def counts(self) -> dict[str, int]:
        """Status value → findings whose latest assessment gives it; "not_assessed" too. A
        finding with several latest assessments in no known order is counted under each, so
        the counts can add up to more than ``total`` (the lead says so)."""
        out: dict[str, int] = {}
        for voice in self.voices:
            for term, n in voice.tallies:
                out[term.value] = out.get(term.value, 0) + n
        if self.not_assessed:
            out["not_assessed"] = self.not_assessed
        return out


@dataclass
class Stand:
    ends: Said  # "These records end on 9 January 2019." with the sources that carry it
    later: str | None  # said when the build is long after the records end
    findings: list[FindingsStand]
    requirements: Said  # the outcomes counted, as of the case's date
    pending: list[Pending]  # past due and outstanding, with dates; none for a closed case
    # the next deadline due, a requirement's or a duty to respond's (next_due); none for a
    # closed case
    next: Said | None
    closed: str | None  # for a closed case: no deadline is followed
    no_findings: str | None = None  # said when no record raises a finding
    upcoming: list[Step] = field(default_factory=list)  # what happens next, as sources say
    # who reports requirements known only from other publishers' sources (set_second_hand)
    second_hand: list[Said] = field(default_factory=list)
    # each body's duty to respond to a report: responded on time, late, pending... (#18)
    duties: list[Said] = field(default_factory=list)
    # each body's (or service's) oversight level as of the case's date, and any announced
    # (casefile.model.stand_oversight)
    oversight: list[Said] = field(default_factory=list)

    @property
    def next_step(self) -> Step | None:
        """The case list's one line on what comes next: the soonest step still to come (one
        with a date before undated ones), in the case page's words; none on a closed case
        (its steps are all said as before it closed) or when every step has passed."""
        return next((s for s in self.upcoming if not s.passed), None)


def stand(case: m.Case, view_matrices: list[MatrixGroup], requirements: list[m.Requirement],
          build_date: dt.date | None = None) -> Stand:
    """Where ``case`` stands, from its view's matrices and requirements (outcomes already
    computed as of the case's own date); ``build_date`` is the day the site is built."""
    assert case.as_of_shown is not None  # set by deadlines.compute_all
    ends, end = records_end(case)
    later = None
    if end is not None and build_date is not None and (build_date - end.latest).days > LATER_DAYS:
        later = (f"Nothing later is recorded here; this version of the site was built on "
                 f"{human_day(build_date)}, so anything since may be missing.")
    closed = case.status.value == "closed"
    owed = duties(case)
    counted = outcomes(requirements, case.as_of_shown)
    if owed and not requirements:
        counted = Said("No requirements are recorded in this case; its duties to respond "
                       "follow.")
    return Stand(ends, later, [findings_stand(case, g) for g in view_matrices],
                 counted,
                 [] if closed else pending(requirements),
                 next_said(case, requirements),
                 closed_words(case.as_of_shown) if closed else None,
                 None if view_matrices else "No findings are recorded in this case.",
                 upcoming(case, case.as_of_shown), set_second_hand(requirements), owed,
                 levels(case))


def duties(case: m.Case) -> list[Said]:
    """Each body's duty to respond to a report of the case, in the reports' date order:
    "Duty to respond to “Final report” (10 March 2025), Example Board: No response
    published. The response was due …", cited to the report and to the body's first reply."""
    said = []
    reports = [r for r in case.records if r.duty]
    for record in sorted(reports, key=lambda r: (r.date.earliest, r.date.latest, r.title)):
        for state in responses.duty_states(record):
            cites = record.cites + (state.reply.cites if state.reply else [])
            said.append(Said(f"Duty to respond to “{record.title}” ({record.date.human()}), "
                             f"{state.body.name}: {state.term.label}. {state.explanation}",
                             unique(cites)))
    return said


# -- the records' end date --------------------------------------------------------------

def _key(date: PartialDate) -> tuple[dt.date, bool, bool]:
    """The order of casefile.model.deadlines.latest_document_date: first day, then the more
    precise date."""
    return date.earliest, date.day is not None, date.month is not None


def _dated(case: m.Case) -> list[tuple[PartialDate, list[m.Citation], bool]]:
    """Every date the as-of date is taken from, with what carries it: (date, citations,
    whether it is a source's own publication date)."""
    out: list[tuple[PartialDate, list[m.Citation], bool]] = []
    for record in case.records:
        out += [(d, record.cites, False) for d in (record.date, record.published) if d]
        for req in record.requirements:
            out += [(p.date, p.cites, False) for p in req.progress]
    cites = case.cites + [c for money in case.money for c in money.cites]
    for r in case.records:
        cites += r.cites + [c for f in r.findings for c in f.cites] + r.part_cites()
    out += [(c.source.published, [c], True) for c in cites if c.source.published]
    return out


def records_end(case: m.Case) -> tuple[Said, PartialDate | None]:
    """"These records end on 9 January 2019." cited to the sources published that day, or,
    where none is, to the record or progress note of that date."""
    dated = _dated(case)
    if not dated:  # no record yet, and no source the case cites has a date
        return Said("No document in this case's records has a date yet."), None
    end = max((d for d, _, _ in dated), key=_key)
    tied = [(cites, own) for d, cites, own in dated if _key(d) == _key(end)]
    chosen = [c for cites, own in tied if own for c in cites] or tied[0][0]
    on = "on" if end.precision == "day" else "in"
    return Said(f"These records end {on} {end.human()}.", unique(chosen)), end


# -- findings ---------------------------------------------------------------------------

def findings_stand(case: m.Case, group: MatrixGroup) -> FindingsStand:
    """Each finding of ``group`` counted once, by its latest assessment (the last column
    with a cell: columns are in the records' order), grouped by who gives it."""
    record, rows = group.record, group.rows
    latest = [_latest(row.cells) for row in rows]
    voices: dict[tuple[str, str, str, tuple[str, ...]], list[m.Assessment]] = {}
    for tied in latest:
        for a in tied:
            # a second-hand assessment is grouped with those relayed by the same publishers
            # only, so that no count is credited to a source that does not report it
            via = tuple(sorted(b.id if b else "" for b, _ in a.relayed.publishers)) \
                if a.relayed else ()
            key = (a.record.id, a.asserted_by.id, a.asserter.value, via)
            voices.setdefault(key, []).append(a)
    ordered = sorted(voices.values(), key=lambda v: (
        -v[0].record.date.earliest.toordinal(), -v[0].record.date.latest.toordinal(), -len(v)))
    total, missing = len(rows), sum(1 for tied in latest if not tied)
    lead = f"{_raised(record)} raised {kinds_counted([row.finding.kind for row in rows])}."
    bodies = {v[0].asserted_by.id for v in ordered}
    if len(bodies) > 1:
        lead += (f" Their latest assessments come from {len(bodies)} different bodies, each "
                 "named below with how many of them it assessed last.")
    several = sum(1 for tied in latest if len(tied) > 1)
    if several:
        lead += (f" {several} of them {'has' if several == 1 else 'have'} more than one "
                 "latest assessment, on dates that do not tell which came first, and "
                 f"{'is' if several == 1 else 'are'} counted under each.")
    return FindingsStand(record, total, lead, [_voice(case, v, total) for v in ordered], missing,
                         _unassessed(missing, total))


def _latest(cells: list[m.Assessment | None]) -> list[m.Assessment]:
    """A finding's latest assessment (the last column with a cell), with every other in no
    known order with it (the same day, or overlapping dates): all are counted, so that no
    record id decides which is latest."""
    found = [a for a in cells if a is not None]
    if not found:
        return []
    last = found[-1]
    return [a for a in found if a is last or not order_known(a, last)]


def _raised(record: m.Record) -> str:
    if record.type.value in vocab.REPORT_OF_EVENT:
        return f"The {record.type.label.lower()} of {record.when}"
    return f"“{record.title}” ({record.when})"


def kinds_counted(kinds: list[vocab.Term | None]) -> str:
    """Findings counted by their kinds, in the words of each, in the kinds' vocabulary order:
    "64 recommendations", "3 findings and 2 recommendations" (None: a finding with no kind
    given, a finding)."""
    counts = {key: 0 for key in vocab.FINDING_KINDS}
    for kind in kinds:
        counts[kind.value if kind else "finding"] += 1
    return who.listed([vocab.kind_count(n, vocab.FINDING_KINDS[key])
                       for key, n in counts.items() if n])


def _voice(case: m.Case, assessments: list[m.Assessment], total: int) -> Voice:
    """One speaker's latest assessments; a second-hand group names every publisher it is
    known from (casefile.model.who.relayed, over all their citations)."""
    first = assessments[0]
    record = first.record
    cites = unique([c for a in assessments for c in a.cites])
    # None for a first-hand group: each of its assessments cites a source of the asserter's
    relayed = who.relayed(first.asserted_by, cites, case, case.as_of_shown)
    counts = {t.value: 0 for t in vocab.STATUSES.values()}  # statuses are a fixed list
    for a in assessments:
        counts[a.status.value] += 1
    tallies = [(vocab.STATUSES[k], n) for k, n in counts.items() if n]
    speaker = f"{called(first.asserted_by, case)} ({first.asserter.label.lower()}"
    when = record.when if record.publication == record.date \
        else f"{record.when}, published {record.publication.human()}"
    speaker += f"; {when})"
    which = "it" if total == 1 else f"all {total}" if len(assessments) == total \
        else f"{len(assessments)} of them"
    text = who.told(speaker, relayed, f"gave the latest assessment of {which}: "
                    f"{_counted(tallies)}.")
    return Voice(record, assessments, tallies, text, cites)


def _counted(tallies: list[tuple[vocab.Term, int]]) -> str:
    """Counts by status, each with the status's label as the vocabulary gives it: "2 with
    the status Concern remains and 1 with the status Improving" (a count before a label,
    "2 concern remains", would not be English)."""
    return who.listed([counted_status(n, term) for term, n in tallies])



def _unassessed(missing: int, total: int) -> str | None:
    if not missing:
        return None
    if missing == total:
        return "It is not assessed yet in these records." if total == 1 \
            else "None of them is assessed yet in these records."
    return f"{missing} {'is' if missing == 1 else 'are'} not assessed yet in these records."
