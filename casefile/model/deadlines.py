"""Deadline windows and outcomes for requirements.

A period counted from a date known only to the month (``October 2017``) gives a window
of possible due dates; outcomes are decided only when the dates in the records settle
them, and otherwise say so.
"""

from __future__ import annotations

import datetime as dt

from casefile.buildinfo import build_day
from casefile.model import calendars, date_words, vocab
from casefile.model import objects as m
from casefile.model.calendars import DEFAULT_JURISDICTION
from casefile.model.dates import PartialDate, add_period, human_day


def due_window(req: m.Requirement) -> tuple[dt.date, dt.date] | None:
    """Earliest and latest possible due date, or None when no deadline was set."""
    return window_of(req.due, req.record)


def window_of(due: m.Due | None, record: m.Record) -> tuple[dt.date, dt.date] | None:
    """``due_window`` of any deadline set by ``record`` (a requirement's, or a duty to
    respond: casefile.model.responses), in the calendar of the record's case."""
    if due is None or due.worded == date_words.EARLIEST_OPPORTUNITY:
        return None
    if due.worded == date_words.IMMEDIATELY:
        return record.date.earliest, record.date.latest
    if due.date is not None:
        return due.date.earliest, due.date.latest
    assert due.within is not None
    start = record.publication if due.start == "publication" else record.date
    unit, where = due.unit or "calendar_days", record.case.jurisdiction
    return (add_period(start.earliest, due.within, unit, where),
            add_period(start.latest, due.within, unit, where))


def describe_due(req: m.Requirement) -> str:
    """The deadline in words, e.g. '20 working days from publication (October 2017)'."""
    return describe(req.due, req.record)


def describe(due: m.Due | None, record: m.Record) -> str:
    """``describe_due`` of any deadline set by ``record``."""
    window = window_of(due, record)
    if due is not None and due.worded == date_words.EARLIEST_OPPORTUNITY:
        return f"“{due.words}”: no date can be computed, so it is never shown as past due."
    if due is None or window is None:
        return "None set."
    if due.worded == date_words.IMMEDIATELY:
        window_words = _window_words(window, "the record's")
        return f"“{due.words}”, that is on the date of the record that set it: {window_words}."
    if due.within is not None:
        unit = vocab.DAY_BASES[due.unit or "calendar_days"].label
        unit = unit.removesuffix("s") if due.within == 1 else unit
        start_date = record.publication if due.start == "publication" else record.date
        basis = f"{due.within} {unit} from {vocab.PERIOD_STARTS[due.start or 'event'].label} " \
                f"({start_date.human()})"
        if due.unit == "working_days":
            basis += f", {not_counting(record.case.jurisdiction)}"
    else:
        assert due.date is not None
        if due.date.words is not None and due.date.first == due.date.last:  # "by autumn 2022"
            return f"“{due.date.words}”: due {human_day(window[1])}, the last day it allows."
        basis = f"by {due.date.human()}"
        return f"{basis}: {_window_words(window, _stated(due.date))}."
    return f"{basis}: {_window_words(window)}."


NO_JURISDICTION = "no jurisdiction is recorded for this case, so public holidays are not skipped"


def days_off(jurisdiction: str) -> tuple[str, str]:
    """('weekends', 'bank holidays in Scotland'): what working days skip there."""
    weekend = "weekends" if calendars.weekend_of(jurisdiction) == {5, 6} \
        else calendars.weekend_words(jurisdiction)
    return weekend, calendars.holidays_words(jurisdiction)


def skipped(jurisdiction: str | None) -> str:
    """What a case's working days skip, for its page: 'weekends and bank holidays in
    Scotland', or, with no jurisdiction, Saturdays and Sundays only and why."""
    if jurisdiction is None:
        return f"Saturdays and Sundays only: {NO_JURISDICTION}"
    return " and ".join(days_off(jurisdiction))


def not_counting(jurisdiction: str | None) -> str:
    """'not counting weekends or bank holidays in Scotland'."""
    if jurisdiction is None:
        return f"not counting Saturdays or Sundays ({NO_JURISDICTION})"
    weekend, holidays = days_off(jurisdiction)
    return f"not counting {weekend} or {holidays}"


def _stated(date: PartialDate) -> str:
    """What a deadline given as a date is stated to: 'the month', 'the year', or its words."""
    if date.precision == "span":
        return f"as “{date.human()}”"
    return f"only to the {date.precision}"


def _window_words(window: tuple[dt.date, dt.date], cause: str = "the start") -> str:
    """'due 7 February 2018', or the window and its cause: the start date (or the record's
    date) is not known to the day, or the deadline is stated only to the month, year or
    in words that span several days."""
    first, last = window
    if first == last:
        return due_words(first, last)
    why = f"{cause} date is not known to the day" if cause.startswith("the ") \
        else f"the deadline is stated {cause}"
    return f"{due_words(first, last)}, because {why}"


def due_words(first: dt.date | None, last: dt.date | None) -> str:
    """A deadline's window in the words every page gives it: "due 7 February 2018", "due
    between 1 April 2019 and 30 April 2019", or "no deadline set" (an outcome's ``due_from``
    and ``due_until``, set together by ``due_window``)."""
    if last is None:
        return "no deadline set"
    if first is None or first == last:
        return f"due {human_day(last)}"
    return f"due between {human_day(first)} and {human_day(last)}"


def outcome(req: m.Requirement, as_of: dt.date, shown: str | None = None) -> m.Outcome:
    """The requirement's outcome as of ``as_of``; ``shown`` is that date in words, as
    precise as the document it comes from (default: the day). A reported outcome never
    silently overrides the records, nor is it silently dropped: see ``_with_report``."""
    found = _from_records(req, as_of, shown or human_day(as_of))
    return _with_report(req, found) if req.reported else found


def _from_records(req: m.Requirement, as_of: dt.date, when: str) -> m.Outcome:
    """The outcome the case's own records show, leaving any reported outcome aside."""
    window = due_window(req)
    first, last = window if window else (None, None)

    def result(key: str, why: str) -> m.Outcome:
        return m.Outcome(vocab.OUTCOMES[key], describe_due(req), first, last, why)

    done = req.fulfilled_by
    if done is not None:
        when = f"“{done.title}” ({done.date.human()})"
        if window is None:
            return result("met_no_deadline", f"Shown fulfilled by {when}; {_no_date(req)}.")
        assert first is not None and last is not None
        if done.date.latest <= first:
            return result("met_on_time", f"Shown fulfilled by {when}, on or before the deadline.")
        if done.date.earliest > last:
            return result("met_late", f"Shown fulfilled by {when}, after the deadline.")
        return result("met", f"Shown fulfilled by {when}; the dates in the records are too "
                      "imprecise to say whether on time.")
    if req.superseded_by is not None:
        later = req.superseded_by
        return result("superseded", f"Followed by “{later.title}” ({later.date.human()}) "
                      "before the records show it was met.")
    if window is None:
        return result("outstanding", f"Not shown as fulfilled as of {when}; {_no_date(req)}.")
    assert last is not None
    if as_of > last:
        return result("overdue", f"The deadline has passed and no document in the records, "
                      f"up to {when}, shows that it was met.")
    return result("outstanding", f"Not shown as fulfilled as of {when}.")


def _no_date(req: m.Requirement) -> str:
    if req.due is not None and req.due.worded == date_words.EARLIEST_OPPORTUNITY:
        return f"it was asked for “{req.due.words}”, which sets no date"
    return "no deadline was set"


MET = ("met_on_time", "met_late", "met", "met_no_deadline")
# Reported outcomes saying it was not (fully) met: a record showing it met contradicts them.
NOT_MET = ("not_met", "partly_met")
# Reported outcomes that say nothing of whether it was met (its deadline stopped, it was
# replaced, the body has not reported): they contradict no record showing it met.
NO_VERDICT = ("suspended", "superseded", "not_reported")
# What the records show, in the words of a disputed outcome: "the records show it met late".
_SHOWN = {"met_on_time": "met on time", "met_late": "met late", "met": "met",
          "met_no_deadline": "met"}


def contradicts(records: str, reported: str) -> bool:
    """Whether a reported outcome contradicts what the records show. Records that are
    silent (outstanding, past due, superseded) contradict nothing: they do not show that
    a requirement was missed, so a report fills the gap and is shown as the source's."""
    if records not in MET:
        return False
    if reported in NOT_MET:
        return True
    return {records, reported} == {"met_on_time", "met_late"}


def _with_report(req: m.Requirement, found: m.Outcome) -> m.Outcome:
    """Both sides, and who says what: the records' outcome when the report agrees or gives
    no verdict on a record showing it met (the report named too), the report's when the
    records cannot settle it (so a partly met, suspended or unreported requirement is never
    past due), or ``disputed``."""
    reported = req.reported
    assert reported is not None
    label = reported.outcome.label.lower()
    says = f"{reported.by.name} reports it as: {label}."
    key, records = reported.outcome.value, found.term.value
    done = req.fulfilled_by

    def result(term: str, why: str) -> m.Outcome:
        return m.Outcome(vocab.OUTCOMES[term], found.deadline, found.due_from, found.due_until,
                         why, reported, found.term)

    if contradicts(records, key):
        assert done is not None
        return result("disputed", f"The records show it {_SHOWN[records]}: “{done.title}” "
                      f"({done.date.human()}). {says}")
    if records == key and key not in MET:  # both say superseded
        return result(records, f"{found.explanation} {reported.by.name} also reports it as "
                      f"{label}.")
    if records not in MET:
        return result(key, f"No document in the records shows it was met. {says}")
    if key in NO_VERDICT:
        return result(records, f"{found.explanation} {says}")
    if records == "met" and key != "met":
        assert done is not None
        return result(key, f"Shown fulfilled by “{done.title}” ({done.date.human()}); the dates "
                      f"alone cannot show whether on time. {says}")
    return result(records, f"{found.explanation} {reported.by.name} also reports it as "
                  f"{_SHOWN[key]}.")


def latest_document_date(case: m.Case) -> PartialDate | None:
    """The newest date of the case's records, their progress notes and the sources it
    cites, as precise as the document gives it. A date known only to the month or year
    counts from its first day, so "2025" never moves the date beyond what any document
    shows; between equal first days the more precise date is kept."""
    dates = [d for r in case.records for d in (r.date, r.published) if d]
    dates += [p.date for q in case.requirements for p in q.progress]  # progress reported
    cites = case.cites + [c for money in case.money for c in money.cites]
    for r in case.records:
        cites += r.cites + [c for f in r.findings for c in f.cites] + r.part_cites()
    dates += [c.source.published for c in cites if c.source.published]
    return max(dates, key=lambda d: (d.earliest, d.day is not None, d.month is not None),
               default=None)


def latest_document(case: m.Case) -> dt.date:
    latest = latest_document_date(case)
    return latest.earliest if latest else dt.date(1970, 1, 1)


def case_as_of(case: m.Case, site_as_of: dt.date | None = None
               ) -> tuple[dt.date, PartialDate, str]:
    """The day the case's outcomes are computed as of, that date as readers are shown it
    (only as precise as the document it comes from), and why that date, in words."""
    if case.as_of_given is not None:
        return (case.as_of_given, PartialDate.of(case.as_of_given),
                "a date the editors set for this case")
    if site_as_of is not None:
        return site_as_of, PartialDate.of(site_as_of), "a date the editors set for this site"
    latest = latest_document_date(case)
    if latest is None:  # nothing dated yet: say so, never a made-up 1 January 1970
        today = build_day()
        return (today, PartialDate.of(today), "the day this site was built: no document in "
                "this case's records has a date yet")
    return latest.earliest, latest, "the date of the latest document in this case's records"


def compute_all(cases: list[m.Case], site_as_of: dt.date | None = None,
                jurisdiction: str | None = DEFAULT_JURISDICTION) -> None:
    """Each case's calendar (its own jurisdiction, else the site's ``jurisdiction``, else
    None: weekends only), as-of date and outcomes: every case on its own terms."""
    for case in cases:
        case.jurisdiction = case.jurisdiction_given or jurisdiction
        case.as_of, case.as_of_shown, case.as_of_basis = case_as_of(case, site_as_of)
        for req in case.requirements:
            req.outcome = outcome(req, case.as_of, case.as_of_shown.human())
