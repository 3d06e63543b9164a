"""One finding through time, for its own page: the finding as raised, each later assessment
in date order with who says so, and every change of status spelled out in words.

Everything the finding page shows is computed here; the template only lays it out."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from casefile.model import objects as m
from casefile.model import vocab

NOT_ASSESSED = vocab.STATUSES["not_assessed"]
TITLE_LIMIT = 90  # characters of the finding's text in a page title, cut at a word


def finding_src(case_id: str, finding_id: str) -> str:
    """Where a finding's page is generated: beside its case page, ``cases/CASE/findings/ID/``
    (finding ids are unique across the data set, like every id)."""
    return f"cases/{case_id}/findings/{finding_id}.md"


def status_words(term: vocab.Term) -> str:
    """A status inside a sentence, quoted: “early signs”, “concern remains”."""
    label = term.label
    if label[:2].isupper():  # an acronym a site's own status starts with stays as written
        return f"“{label}”"
    return f"“{label[:1].lower()}{label[1:]}”"


def speaker(assessment: m.Assessment) -> str:
    """Who says so, named as they were named at the time: "Care Inspectorate Wales"."""
    return assessment.asserted_by.label_at(assessment.record.date)


def _said(assessment: m.Assessment) -> str:
    return f"{assessment.record.when}, {speaker(assessment)}"


def change_sentence(before: m.Assessment, after: m.Assessment) -> str:
    """One step of a finding's history in words, each status with its date and who says so:
    'From “concern remains” (December 2017, Welsh Government) to “improving” (October 2018,
    Care Inspectorate Wales).' or, unchanged, '“Improving” again (…), as before (…).'"""
    if before.status.value == after.status.value:
        again = status_words(after.status)
        again = again[:2].upper() + again[2:]
        return f"{again} again ({_said(after)}), as before ({_said(before)})."
    return (f"From {status_words(before.status)} ({_said(before)}) to "
            f"{status_words(after.status)} ({_said(after)}).")


@dataclass
class History:
    """A finding, its case, and its assessments oldest first (the case's record order:
    dates, with 'after' respected, as in the findings table)."""

    finding: m.Finding
    case: m.Case
    assessments: list[m.Assessment]

    @property
    def latest(self) -> m.Assessment | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def status(self) -> vocab.Term:
        """The latest status, or “not assessed” when no later document assesses it."""
        latest = self.latest
        return latest.status if latest else NOT_ASSESSED

    @property
    def changes(self) -> list[str]:
        """Each step from one assessment to the next, in words, oldest first."""
        return [change_sentence(a, b) for a, b in itertools.pairwise(self.assessments)]

    @property
    def where_it_stands(self) -> str:
        """The status in words, with who says so and when: one sentence."""
        latest = self.latest
        raised = self.finding.record
        if latest is None:
            return (f"Not assessed: no later document in these records says how this finding "
                    f"has progressed since {raised.when}.")
        times = len(self.assessments)
        count = "once" if times == 1 else "twice" if times == 2 else f"{times} times"
        return (f"Latest: {status_words(latest.status)}, according to {speaker(latest)} "
                f"({latest.record.when}). Assessed {count} since it was raised in "
                f"{raised.when}.")

    @property
    def title(self) -> str:
        """The page title: the finding's text, cut at a word when long."""
        text = " ".join(self.finding.text.split())
        if len(text) <= TITLE_LIMIT:
            return text
        cut = text[:TITLE_LIMIT].rsplit(" ", 1)[0].rstrip(",;:.")
        return f"{cut}…"

    @property
    def description(self) -> str:
        """The page's meta description: what it is, the case, and the latest status."""
        raised = self.finding.record
        return (f"A finding of {raised.body.label_at(raised.date)} ({raised.when}) in "
                f"{self.case.title}, and each later assessment of it. Latest status: "
                f"{status_words(self.status)}.")

    @property
    def cites(self) -> list[m.Citation]:
        """Every citation on the page, in the order shown: the finding's, then each
        assessment's."""
        return self.finding.cites + [c for a in self.assessments for c in a.cites]

    @property
    def sources(self) -> list[m.Citation]:
        """One citation per source cited on the page, by number (its place in the case's
        list of sources), for the page's own short list of sources."""
        first: dict[str, m.Citation] = {}
        for cite in self.cites:
            first.setdefault(cite.source.id, cite)
        return sorted(first.values(), key=lambda c: c.number)


def histories(case: m.Case) -> list[History]:
    """Every finding of ``case``, in the order of the findings tables (by the record that
    raised it, then as written), each with its assessments oldest first."""
    position = {r.id: i for i, r in enumerate(case.records)}  # 'after' respected
    assessed: dict[str, list[m.Assessment]] = {}
    for record in case.records:
        for assessment in record.assessments:
            assessed.setdefault(assessment.finding.id, []).append(assessment)
    out = []
    for record in case.records:
        for finding in record.findings:
            found = sorted(assessed.get(finding.id, []), key=lambda a: position[a.record.id])
            out.append(History(finding, case, found))
    return out
