"""One finding through time, for its own page: the finding as raised, each later assessment
in date order with who says so, and every change of status spelled out in words.

Everything the finding page shows is computed here; the template only lays it out."""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casefile.model import both as axes
from casefile.model import objects as m
from casefile.model import vocab, who
from casefile.model.link_dates import after_order
from casefile.model.responses import ResponseLine
from casefile.model.responses import lines as response_lines

if TYPE_CHECKING:
    from casefile.model.said import Said

NOT_ASSESSED = vocab.STATUSES["not_assessed"]
TITLE_LIMIT = 90  # characters of the finding's text in a page title, cut at a word


def finding_src(case_id: str, finding_id: str) -> str:
    """Where a finding's page is generated: beside its case page, ``cases/CASE/findings/ID/``
    (finding ids are unique across the data set, like every id)."""
    return f"cases/{case_id}/findings/{finding_id}.md"


def status_words(term: vocab.Term) -> str:
    """A status (or an outcome) inside a sentence: “early signs”, “concern remains”, with
    no quotation marks: the label is casefile's vocabulary, not anyone's words (an acronym
    a site's own label starts with stays as written)."""
    return _lower(term.label)


def speaker(assessment: m.Assessment) -> str:
    """Who says so, named as they were named at the time: "Care Inspectorate Wales"."""
    return assessment.asserted_by.label_at(assessment.record.date)


def _lower(label: str) -> str:
    """A label inside a sentence: its first letter small, unless it starts an acronym."""
    return label if label[:2].isupper() else f"{label[:1].lower()}{label[1:]}"


def who_says(assessment: m.Assessment) -> str:
    """Who says so, in the words the findings table gives beside a status ("Own claim: Town
    Council", "…, as reported by The Gazette (press)"): casefile.model.views.who_says, the
    one function for both (imported here when called: views imports this module)."""
    from casefile.model import views
    return views.who_says(assessment)


def _latest_words(assessment: m.Assessment) -> str:
    """A latest status with its date and who says so, for a finding page's top line:
    "“improving”, 1 March 2018 (own claim: Town Council)"."""
    return (f"{status_words(assessment.status)}, {assessment.record.when} "
            f"({_lower(who_says(assessment))})")


def _said(assessment: m.Assessment) -> str:
    return f"{assessment.record.when}, {speaker(assessment)}"


def _stated(assessment: m.Assessment, when: bool = True) -> str:
    """Who, speaking how, and (unless ``when`` is False) when: 'Regulator (regulator's
    judgement, October 2018)'."""
    how = assessment.asserter.label.lower()
    return f"{speaker(assessment)} ({how}, {assessment.record.when})" if when \
        else f"{speaker(assessment)} ({how})"


def same_voice(a: m.Assessment, b: m.Assessment) -> bool:
    """Whether two assessments are by the same body speaking the same way (its own claim,
    a regulator's judgement…): only then can a difference be told as its status changing."""
    return a.asserted_by.id == b.asserted_by.id and a.asserter.value == b.asserter.value


def _follows(later: m.Record, earlier: m.Record) -> bool:
    record = later.after
    while record is not None:
        if record is earlier:
            return True
        record = record.after
    return False


def order_known(before: m.Assessment, after: m.Assessment) -> bool:
    """Whether ``before`` is known to come first: its dates all end before ``after``'s begin,
    or ``after``'s record names it (or one after it) in 'after'. Two of the same day, or a
    year and a day within it, are in no known order, whatever their ids."""
    return records_in_order(before.record, after.record)


def records_in_order(first: m.Record, then: m.Record) -> bool:
    """Whether ``first`` is known to come before ``then`` (as ``order_known``)."""
    return first.date.latest < then.date.earliest or _follows(then, first) \
        or _follows(first, then)


def _tie_sentence(before: m.Assessment, after: m.Assessment) -> str:
    """Two assessments in no known order, both said plainly, neither as a change."""
    one, two = sorted((before, after), key=lambda a: (speaker(a), a.status.label))
    if one.record.date == two.record.date:
        return (f"Assessed on the same day, {one.record.when}, by {_stated(one, False)}: "
                f"{status_words(one.status)}, and by {_stated(two, False)}: "
                f"{status_words(two.status)}.")
    return (f"{_stated(one)}: {status_words(one.status)}; {_stated(two)}: "
            f"{status_words(two.status)}. Which came first is not known from their dates.")


def change_sentence(before: m.Assessment, after: m.Assessment) -> str:
    """One step of a finding's history in words, each status with its date and who says so.
    A change is told only between two assessments by the same body speaking the same way:
    'From “concern remains” (December 2017, Welsh Government) to “improving” (October 2018,
    Welsh Government).' or, unchanged, '“Improving” again (…), as before (…).' Between
    different bodies both are said and no change is implied; two in no known order (the same
    day, or overlapping dates) are said side by side."""
    if not order_known(before, after):
        return _tie_sentence(before, after)
    if not same_voice(before, after):
        return (f"{_stated(after)}: {status_words(after.status)}. The assessment before it "
                f"was by another body, {_stated(before)}: {status_words(before.status)}.")
    if before.status.value == after.status.value:
        again = status_words(after.status)
        again = again[:1].upper() + again[1:]
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
    # "These records end on …" with its citations, as the case page's where things stand
    # says it (casefile.model.stand.records_end); None where not given
    ends: Said | None = None

    @property
    def latest(self) -> m.Assessment | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def latest_tied(self) -> list[m.Assessment]:
        """The latest assessment and every other in no known order with it (the same day,
        or overlapping dates): none of them is "the" latest."""
        latest = self.latest
        if latest is None:
            return []
        return [a for a in self.assessments if a is latest or not order_known(a, latest)]

    @property
    def statuses(self) -> list[vocab.Term]:
        """The latest status, or each of several in no known order (latest_tied), as the
        page's badges; “not assessed” when nothing assesses it."""
        out: list[vocab.Term] = []
        for a in sorted(self.latest_tied, key=lambda a: (speaker(a), a.status.label)):
            if all(t.value != a.status.value for t in out):
                out.append(a.status)
        return out or [NOT_ASSESSED]

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
            return (f"Not assessed: no later document in these records says how this "
                    f"{self.finding.noun} has progressed since {raised.when}.")
        times = len(self.assessments)
        count = "once" if times == 1 else "twice" if times == 2 else f"{times} times"
        on = "on" if raised.date.day is not None and raised.until is None else "in"
        since = f"Assessed {count} since it was raised {on} {raised.when}."
        tied = self.latest_tied
        if len(tied) > 1:
            tied = sorted(tied, key=lambda a: (speaker(a), a.status.label))
            said = "; ".join(_latest_words(a) for a in tied)
            return (f"Latest, in no known order (their dates do not tell which came first): "
                    f"{said}. {since}")
        return f"Latest: {_latest_words(latest)}. {since}"

    @property
    def none_yet(self) -> str:
        """Said where no later document assesses it: "No later document in the records
        assesses this recommendation yet."."""
        return f"No later document in the records assesses this {self.finding.noun} yet."

    @property
    def in_table(self) -> str:
        """The link back to its row: "This recommendation in the case's findings table"."""
        return f"This {self.finding.noun} in the case's findings table"

    @property
    def responses(self) -> list[ResponseLine]:
        """The second axis: responses to it, and bodies still to respond (model.responses)."""
        return response_lines(self.finding)

    @functools.cached_property
    def both(self) -> list[axes.Entry]:
        """Its history of both axes: the report raising it, its assessments, its responses
        and the day a response falls due, in one list in date order (model.both); worked
        out once (its page shows it, and lists its sources)."""
        return axes.entries(self.finding, self.assessments)

    @functools.cached_property
    def standing(self) -> list[axes.Standing]:
        """Where each body's response stands, in short, pointing into ``both``; worked out
        once."""
        return axes.standing(self.finding)

    @property
    def tie_rule(self) -> str:
        """How entries of the same day are ordered, said on the page."""
        return axes.TIE_RULE

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
        return (f"A {self.finding.noun} of {raised.body.label_at(raised.date)} ({raised.when}) in "
                f"{self.case.title}, and each later assessment of it. Latest status: "
                f"{' or '.join(status_words(t) for t in self.statuses)}.")

    @property
    def cites(self) -> list[m.Citation]:
        """Every citation on the page, in the order shown: the records' end, the finding's,
        where responses stand, then each entry of the history's."""
        ends = self.ends.cites if self.ends else []
        return ends + self.finding.cites + [c for line in self.standing for c in line.cites] + [
            c for entry in self.both for c in entry.cites]

    @property
    def sources(self) -> list[m.Citation]:
        """One citation per source cited on the page, by number (its place in the case's
        list of sources), for the page's own short list of sources."""
        first: dict[str, m.Citation] = {}
        for cite in self.cites:
            first.setdefault(cite.source.id, cite)
        return sorted(first.values(), key=lambda c: c.number)


def _order(a: m.Assessment) -> tuple:
    """Date order; two on the same first day by who says so and what, never by record id
    (renaming a record must not reorder what a page says)."""
    return (a.record.date.earliest, a.record.date.latest, speaker(a), a.status.label,
            a.record.id)


def histories(case: m.Case, ends: Said | None = None) -> list[History]:
    """Every finding of ``case``, in the order of the findings tables (by the record that
    raised it, then as written), each with its assessments oldest first and ``ends``, the
    records' end date as the case page says it."""
    assessed: dict[str, list[m.Assessment]] = {}
    for record in case.records:
        for assessment in record.assessments:
            assessed.setdefault(assessment.finding.id, []).append(assessment)
    out = []
    for record in case.records:
        for finding in record.findings:
            found = after_order(assessed.get(finding.id, []), _order, lambda a: a.record)
            out.append(History(finding, case, found, ends))
    return out


# -- the findings table's columns --------------------------------------------------------

def _voices(record: m.Record, found: list[m.Assessment]) -> list[str]:
    """Who says so in a column of a findings table, each named once, in alphabetical order."""
    return sorted({speaker(a) for a in found if a.record is record})


def columns(found: list[m.Assessment]) -> list[m.Record]:
    """The records that assess ``found`` (a findings table's columns) in date order, 'after'
    respected; records in no known order by who says so, then title, as the finding pages
    order them: never by record id alone, so renaming a file does not reorder a table."""
    records = list({id(a.record): a.record for a in found}.values())
    return after_order(records, lambda r: (r.date.earliest, r.date.latest, _voices(r, found),
                                           r.title, r.id), lambda r: r)


def column_ties(cols: list[m.Record], headings: list[str]) -> list[str]:
    """A sentence for each run of neighbouring columns in no known order, each column named
    by its heading as the table shows it (``headings``, one per column): "The columns
    “Monitoring visit, 12 June 2018; Regulator's judgement: Example Inspectorate” and
    “Update, 12 June 2018; Own claim: Town Council” are dated the same day: which came first
    is not known, so they stand in order of who says so, not of time."."""
    runs: list[list[int]] = []
    for i, record in enumerate(cols):
        if runs and not records_in_order(cols[runs[-1][-1]], record):
            runs[-1].append(i)
        else:
            runs.append([i])
    out = []
    for run in (r for r in runs if len(r) > 1):
        first = cols[run[0]]
        same = all(cols[i].date == first.date and cols[i].until == first.until for i in run)
        named = "The columns " + who.listed([f"“{headings[i]}”" for i in run])
        if same:
            out.append(f"{named} are dated the same day: which came first is not known, so "
                       "they stand in order of who says so, not of time.")
        else:
            out.append(f"{named}: which came first is not known from their dates, so they "
                       "stand in order of their earliest possible day, then their latest, "
                       "then of who says so.")
    return out
