"""Deadline windows and outcomes for requirements.

A period counted from a date known only to the month (``October 2017``) gives a window
of possible due dates; outcomes are decided only when the dates in the records settle
them, and otherwise say so.
"""

from __future__ import annotations

import datetime as dt

from casefile import model as m
from casefile import vocab
from casefile.dates import add_calendar_days, add_working_days, human_day


def due_window(req: m.Requirement) -> tuple[dt.date, dt.date] | None:
    """Earliest and latest possible due date, or None when no deadline was set."""
    due = req.due
    if due is None:
        return None
    if due.date is not None:
        return due.date.earliest, due.date.latest
    assert due.within is not None
    start = req.record.publication if due.start == "publication" else req.record.date
    add = add_working_days if due.unit == "working_days" else add_calendar_days
    return add(start.earliest, due.within), add(start.latest, due.within)


def describe_due(req: m.Requirement) -> str:
    """The deadline in words, e.g. '20 working days from publication (October 2017)'."""
    due, window = req.due, due_window(req)
    if due is None or window is None:
        return "None set."
    if due.within is not None:
        unit = vocab.DAY_BASES[due.unit or "calendar_days"].label
        start_date = req.record.publication if due.start == "publication" else req.record.date
        basis = f"{due.within} {unit} from {vocab.PERIOD_STARTS[due.start or 'event'].label} " \
                f"({start_date.human()})"
    else:
        assert due.date is not None
        basis = f"by {due.date.human()}"
    return f"{basis}: {_window_words(window)}."


def _window_words(window: tuple[dt.date, dt.date]) -> str:
    first, last = window
    if first == last:
        return f"due {human_day(first)}"
    return f"due between {human_day(first)} and {human_day(last)}, because the start date is " \
           "not known to the day"


def outcome(req: m.Requirement, as_of: dt.date) -> m.Outcome:
    window = due_window(req)
    first, last = window if window else (None, None)

    def result(key: str, why: str, reported: m.Reported | None = None) -> m.Outcome:
        return m.Outcome(vocab.OUTCOMES[key], describe_due(req), first, last, why, reported)

    done = req.fulfilled_by
    if done is not None:
        when = f"“{done.title}” ({done.date.human()})"
        if window is None:
            return result("met_no_deadline", f"Shown fulfilled by {when}; no deadline was set.")
        assert first is not None and last is not None
        if done.date.latest <= first:
            return result("met_on_time", f"Shown fulfilled by {when}, on or before the deadline.")
        if done.date.earliest > last:
            return result("met_late", f"Shown fulfilled by {when}, after the deadline.")
        if req.reported:
            return _reported(req, result, f"Shown fulfilled by {when}; the dates alone cannot "
                             "show whether on time.")
        return result("met", f"Shown fulfilled by {when}; the dates in the records are too "
                      "imprecise to say whether on time.")
    if req.reported:
        return _reported(req, result, "No record of fulfilment has a date.")
    if req.superseded_by is not None:
        later = req.superseded_by
        return result("superseded", f"Followed by “{later.title}” ({later.date.human()}) "
                      "before the records show it was met.")
    if window is None:
        return result("outstanding", f"Not shown as fulfilled as of {human_day(as_of)}; "
                      "no deadline was set.")
    assert last is not None
    if as_of > last:
        return result("overdue", f"Not shown as fulfilled as of {human_day(as_of)}, after the "
                      "deadline.")
    return result("outstanding", f"Not shown as fulfilled as of {human_day(as_of)}.")


def _reported(req: m.Requirement, result, prefix: str) -> m.Outcome:  # type: ignore[no-untyped-def]
    reported = req.reported
    assert reported is not None
    why = f"{prefix} {reported.by.name} reports it as: {reported.outcome.label.lower()}."
    return result(reported.outcome.value, why, reported)


def compute_all(cases: list[m.Case], as_of: dt.date) -> None:
    for case in cases:
        for req in case.requirements:
            req.outcome = outcome(req, as_of)
