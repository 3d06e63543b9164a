"""Where each finding or requirement stands on the second axis, progress, for the list
pages beside its response (#18 items 4-5): one line in words, computed once per case.

A finding's progress is its latest assessment (``histories.History``: the latest status,
or each of several in no known order), with its date and who says so; a requirement's is
its deadline's outcome (``deadlines``) as of the case's own date, with the body that
reports it when a source does. Nothing assessed: "No progress recorded"."""

from __future__ import annotations

from dataclasses import dataclass, field

from casefile.model import objects as m
from casefile.model import vocab
from casefile.model.histories import histories, speaker, who_says

Answerable = m.Finding | m.Requirement
NONE_RECORDED = "No progress recorded"


@dataclass
class Progress:
    """One item's progress: its status or statuses (none when nothing is recorded) and the
    line a list page shows: "Progress: Improving (1 March 2026, Regulator: Example
    Regulator)" or "No progress recorded"."""

    terms: list[vocab.Term] = field(default_factory=list)
    words: str = NONE_RECORDED
    kind: str = "status"  # "status": an assessment's; "outcome": a requirement's deadline


def _finding(assessments: list[m.Assessment]) -> Progress:
    """The latest assessment, or each of several in no known order, in words."""
    if not assessments:
        return Progress()
    said = "; ".join(f"{a.status.label} ({a.record.when}, {who_says(a)})"
                     for a in sorted(assessments, key=lambda a: (speaker(a), a.status.label)))
    terms: list[vocab.Term] = []
    for a in sorted(assessments, key=lambda a: (speaker(a), a.status.label)):
        if all(t.value != a.status.value for t in terms):
            terms.append(a.status)
    return Progress(terms, f"Progress: {said}")


def _requirement(req: m.Requirement, as_of: str) -> Progress:
    """The requirement's deadline outcome as of the case's date, and who reports it."""
    outcome = req.outcome
    if outcome is None:
        return Progress(kind="outcome")
    who = (f"reported by {outcome.reported.by.name}" if outcome.reported
           else "from the dates in the records")
    return Progress([outcome.term], f"Progress: {outcome.term.label} (as of {as_of}, {who})",
                    "outcome")


def progress_of(case: m.Case) -> dict[int, Progress]:
    """Every finding's and requirement's progress, keyed by ``id(item)``: each finding's
    history worked out once (``histories``)."""
    out = {id(h.finding): _finding(h.latest_tied) for h in histories(case)}
    shown = case.as_of_shown
    as_of = shown.human() if shown else "the case's date"
    for record in case.records:
        for req in record.requirements:
            out[id(req)] = _requirement(req, as_of)
    return out
