""""Where things stand": the few plain sentences at the top of a case page and in the case
list, each with the citations a reader can check it against.

Everything is computed from the case's view (casefile.model.views): the records' end date,
the latest assessment of each finding counted by status and by who gives it, the
requirements' outcomes as of the case's own date, and the next deadline. The templates only
lay these out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from casefile.model import deadlines, vocab, who
from casefile.model import objects as m
from casefile.model.dates import PartialDate, human_day
from casefile.model.histories import order_known, status_words
from casefile.model.upcoming import Step, upcoming

if TYPE_CHECKING:
    from casefile.model.views import MatrixGroup

# A build more than this many days after the records end says that later events may be
# missing from them (the records stopping is no sign that nothing happened since).
LATER_DAYS = 90
PENDING = ("overdue", "outstanding")  # outcomes listed with their dates, in this order


@dataclass
class Said:
    """A sentence and the citations it rests on; ``anchor`` names the row of the case page
    that gives it in full, where there is one."""

    text: str
    cites: list[m.Citation] = field(default_factory=list)
    anchor: str | None = None
    # said to screen readers after ``text`` where it links to ``anchor``, so that the link
    # names what it goes to: ", requirement 2: Produce a plan" (WCAG 2.4.4)
    more: str = ""


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
class Pending:
    """Requirements with one outcome (past due, outstanding), each with its due date."""

    term: vocab.Term
    items: list[Said]


@dataclass
class Stand:
    ends: Said  # "These records end on 9 January 2019." with the sources that carry it
    later: str | None  # said when the build is long after the records end
    findings: list[FindingsStand]
    requirements: Said  # the outcomes counted, as of the case's date
    pending: list[Pending]  # past due and outstanding, with dates; none for a closed case
    next: Said | None  # the next deadline due, from the records; none for a closed case
    closed: str | None  # for a closed case: no deadline is followed
    no_findings: str | None = None  # said when no record raises a finding
    upcoming: list[Step] = field(default_factory=list)  # what happens next, as sources say
    # who reports requirements known only from other publishers' sources (set_second_hand)
    second_hand: list[Said] = field(default_factory=list)


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
    return Stand(ends, later, [findings_stand(case, g) for g in view_matrices],
                 outcomes(requirements, case.as_of_shown),
                 [] if closed else pending(requirements),
                 None if closed else next_deadline(requirements),
                 _closed(case.as_of_shown) if closed else None,
                 None if view_matrices else "No findings are recorded in this case.",
                 upcoming(case, case.as_of_shown), set_second_hand(requirements))


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
    return Said(f"These records end {on} {end.human()}.", _unique(chosen)), end


def _unique(cites: list[m.Citation]) -> list[m.Citation]:
    """The first citation of each source, in order (one link per source)."""
    seen: dict[str, m.Citation] = {}
    for cite in cites:
        seen.setdefault(cite.source.id, cite)
    return list(seen.values())


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
    lead = f"{_raised(record)} raised {_n(total, 'finding')}."
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


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _voice(case: m.Case, assessments: list[m.Assessment], total: int) -> Voice:
    """One speaker's latest assessments; a second-hand group names every publisher it is
    known from (casefile.model.who.relayed, over all their citations)."""
    first = assessments[0]
    record = first.record
    cites = _unique([c for a in assessments for c in a.cites])
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
    return who.listed([f"{n} {status_words(term)}" for term, n in tallies])


def _unassessed(missing: int, total: int) -> str | None:
    if not missing:
        return None
    if missing == total:
        return "It is not assessed yet in these records." if total == 1 \
            else "None of them is assessed yet in these records."
    return f"{missing} {'is' if missing == 1 else 'are'} not assessed yet in these records."


# -- requirements -----------------------------------------------------------------------

def outcomes(requirements: list[m.Requirement], as_of: PartialDate) -> Said:
    """The requirements counted by outcome, in the outcome vocabulary's order, each count
    saying whose records it rests on (``rests_on``), after who set the requirements; cited
    to the requirements' sources and to every record or report their outcomes rest on."""
    if not requirements:
        return Said("No requirements or deadlines are recorded in this case.")
    groups: dict[tuple[str, str], list[m.Requirement]] = {}
    order = list(vocab.OUTCOMES)
    for req in sorted(requirements, key=lambda r: order.index(_term(r).value)):
        groups.setdefault((_term(req).value, rests_on(req, 1)), []).append(req)
    parts = []
    for (key, _), reqs in groups.items():
        basis = rests_on(reqs[0], len(reqs))
        parts.append(f"{len(reqs)} {status_words(vocab.OUTCOMES[key])}"
                     + (f" ({basis})" if basis else ""))
    cites = _unique([c for req in requirements for c in evidence(req)])
    if len(requirements) == 1:
        return Said(f"As of {as_of.human()}, the one requirement recorded, "
                    f"{_set_by(requirements)}, is {parts[0].removeprefix('1 ')}.", cites)
    return Said(f"Of the {len(requirements)} requirements recorded, {_set_by(requirements)}, "
                f"as of {as_of.human()}: {_listed(parts)}.", cites)


def _listed(parts: list[str]) -> str:
    """Counts in words, "A, B and C", or, where one has a comma of its own ("1 met, timing
    not established"), "A; B; and C", so that each count reads as one."""
    if len(parts) > 1 and any("," in p for p in parts):
        return "; ".join(parts[:-1]) + "; and " + parts[-1]
    return who.listed(parts)


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
                        _unique([c for r in reqs for c in r.cites])))
    return out


def _name(record: m.Record) -> str:
    return called(record.body, record.case)


def called(body: m.Body, case: m.Case) -> str:
    """A body as the block names it, whenever it spoke: by its name when the records end
    ("New Inspectorate"), so that one body has one name throughout the block (the timeline
    and tables give each name of the time)."""
    return body.label_at(case.as_of_shown)


def _relayed(record: m.Record, cites: list[m.Citation]) -> m.Relayed | None:
    """How what ``cites`` say of ``record``'s body reaches the reader: None when one of
    them is the body's own (casefile.model.who.relayed)."""
    return who.relayed(record.body, cites, record.case, record.case.as_of_shown)


def _from(record: m.Record) -> str:
    """"a record from Town Council", or, known only from another publisher's source, "a
    record from Town Council, as reported by The Gazette (press),"."""
    relay = _relayed(record, record.cites)
    return f"{_name(record)}, {relay.words}," if relay else _name(record)


def rests_on(req: m.Requirement, count: int) -> str:
    """Whose records a requirement's outcome rests on, for ``count`` requirements alike:
    "a record from Town Council shows it met", "according to Town Council", or "" where
    the outcome's own words say it ("Past due: no record that it was met")."""
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
        shown = "no record yet that it was met" if one else "no record yet that they were met"
    if reported is None:
        return shown
    by, label = called(reported.by, req.record.case), reported.outcome.label
    if not shown and reported.outcome.value == outcome:
        return who.told(by, reported.relayed, "says so") if reported.relayed \
            else f"according to {by}"
    says = who.told(by, reported.relayed, f"reports {'it' if one else 'them'} as "
                    f"{label[:1].lower()}{label[1:]}")
    return f"{shown}; {says}" if shown else says


def due_words(outcome: m.Outcome) -> str:
    """The outcome's deadline in words (casefile.model.deadlines.due_words), as the case
    list and the deadlines table give it."""
    return deadlines.due_words(outcome.due_from, outcome.due_until)


def _due_order(req: m.Requirement) -> tuple[dt.date, str]:
    assert req.outcome is not None
    return req.outcome.due_until or dt.date.max, req.id


def pending(requirements: list[m.Requirement]) -> list[Pending]:
    """Past-due and outstanding requirements, each kind soonest due first, each named for
    screen readers by its number among ``requirements`` (the case page's order) and its
    words."""
    out = []
    for key in PENDING:
        reqs = sorted((r for r in requirements if r.outcome and r.outcome.term.value == key),
                      key=_due_order)
        if reqs:
            out.append(Pending(vocab.OUTCOMES[key], [
                Said(due_words(r.outcome), r.cites, f"req-{r.id}",
                     f", requirement {requirements.index(r) + 1}: {' '.join(r.text.split())}")
                for r in reqs if r.outcome is not None]))
    return out


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


def _closed(as_of: PartialDate) -> str:
    return (f"The case is closed, so no deadline is followed; each requirement's outcome as "
            f"of {as_of.human()} stays in its table.")
