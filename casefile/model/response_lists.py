"""Responses counted per report on the case page, and a static list page per response
status (#18 items 4-5, first slice).

Every count is the model's (``responses.counts``) and every entry's status is the model's
(``responses.item_state``) over the items each body owes a reply (``responses.owed``):
this module only groups them. A list page exists for a status
only when some finding or requirement of the case stands at it; a count of 0 is shown as
text with no link. Sentences and counts are computed here; the templates lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casefile.model import objects as m
from casefile.model import responses as rs
from casefile.model import vocab, who
from casefile.model.item_progress import Progress, progress_of

Answerable = rs.Answerable


def response_src(case_id: str, status: str) -> str:
    """Where a status's list page is generated: ``cases/CASE/responses/STATUS/``, the
    status's value with hyphens (values are lower-case letters, digits and single
    underscores, so no two statuses share an address)."""
    return f"cases/{case_id}/responses/{status.replace('_', '-')}.md"


def anchor(record: m.Record, body: m.Body) -> str:
    """The id of one report's and one body's group on a list page."""
    return f"from-{body.id}-to-{record.id}"


def label(item: Answerable) -> str:
    """What an entry is called: "Recommendation 12", "Finding", "Requirement"."""
    return item.label if isinstance(item, m.Finding) else "Requirement"


class Named:
    """What a finding or requirement listed is called (``label``) and whether it is a finding
    (``is_finding``): shared by an Entry here and a list page's Item."""

    item: Answerable

    @property
    def label(self) -> str:
        return label(self.item)

    @property
    def is_finding(self) -> bool:
        """A finding has a page of its own; a requirement is a row of the case page."""
        return isinstance(self.item, m.Finding)


def items_noun(items: list[Answerable]) -> str:
    """The report's items, counted: "the 64 recommendations", "the finding", "the 3
    findings and requirements"."""
    if len(items) == 1:
        return f"the {rs.noun(items[0])}"
    kinds = {(i.kind.value if i.kind else "finding") if isinstance(i, m.Finding)
             else "requirement" for i in items}
    if kinds == {"requirement"}:
        noun = "requirements"
    elif len(kinds) == 1:
        noun = vocab.FINDING_KIND_WORDS[kinds.pop()][1]
    else:
        noun = "findings and requirements" if "requirement" in kinds else "findings"
    return f"the {len(items)} {noun}"


@dataclass
class Entry(Named):
    """One finding or requirement on a list page, as one body's response leaves it."""

    item: Answerable
    body: m.Body
    term: vocab.Term
    words: str  # "Accepted — Example Department, 1 May 2025" or "Response pending — …"
    response: m.Response | None = None  # the body's latest response to it, if any
    progress: Progress = field(default_factory=Progress)  # the second axis, beside it

    @property
    def cites(self) -> list[m.Citation]:
        return self.response.cites if self.response else []


@dataclass
class Count:
    """One status's count on a report's line; ``src`` is None when the count is 0."""

    term: vocab.Term
    n: int
    src: str | None
    anchor: str


@dataclass
class CountLine:
    """One body's responses to one report's findings and requirements, counted."""

    record: m.Record
    body: m.Body
    intro: str  # "Responses from Example Department to the 64 recommendations of"
    counts: list[Count]

    @property
    def words(self) -> str:
        """The counts in words, as read aloud: "Accepted 38 · Rejected 1 · …"."""
        return " · ".join(f"{c.term.label} {c.n}" for c in self.counts)


@dataclass
class Group:
    """The entries of one report and one body at one status, on that status's page."""

    record: m.Record
    body: m.Body
    intro: str  # as the case page's line says it
    entries: list[Entry] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return anchor(self.record, self.body)


@dataclass
class StatusPage:
    """A status's list page: every finding and requirement of the case standing at it."""

    term: vocab.Term
    src: str
    groups: list[Group] = field(default_factory=list)
    several: bool = False  # more than one body responds, or must, in the case

    @property
    def label(self) -> str:
        """The status as a heading or a link to the page names it: "Accepted" where one
        body responds in the case; where more do, a status is one body's, so whose:
        "Accepted from Example Department", "Response pending from Example Board and
        Example Council" (each body with an entry here, in the page's order)."""
        if not self.several:
            return self.term.label
        names = {id(g.body): g.body.name for g in self.groups}
        return f"{self.term.label} from {who.listed(list(names.values()))}"

    @property
    def total(self) -> int:
        return sum(len(g.entries) for g in self.groups)

    @property
    def summary(self) -> str:
        """"38 entries: …", each finding or requirement counted once per body."""
        n = self.total
        return (f"{n} {'entry' if n == 1 else 'entries'}: each finding or requirement of this "
                "case that stands at this status with a body, counted once for each body "
                "that must respond or has responded.")


@dataclass
class ResponseLists:
    """The case page's lines and the list pages, in status order; ``progress``: each
    item's (``item_progress``), keyed by ``id(item)``, worked out only for a case with a
    line (the filter pages of ``list_pages`` reuse it and the entries)."""

    lines: list[CountLine]
    pages: list[StatusPage]
    progress: dict[int, Progress] = field(default_factory=dict)


def _pending_words(item: Answerable, body: m.Body, term: vocab.Term) -> str:
    """Where an item with no response from ``body`` stands, in the finding page's words
    (``responses._missing``: its reply, or the report that set the duty, as of the case's
    date); a body that owes no reply under a duty and sent none is said plainly."""
    duty = item.record.duty
    if term.value in (rs.NO_STATUS, rs.NOT_ANSWERED) or (duty is not None and body in duty.by):
        return rs._missing(item, body).words
    return f"{term.label} — {body.name}: no response to this {rs.noun(item)} in the records."


def entry(item: Answerable, body: m.Body, progress: Progress | None = None) -> Entry:
    """``item`` as ``body``'s responses leave it (``responses.item_state``), with its
    progress beside it."""
    term = rs.item_state(item, body)
    beside = progress or Progress()
    given = [r for r in rs.answers(item) if r.by is body]
    if not given:
        return Entry(item, body, term, _pending_words(item, body, term), progress=beside)
    last = given[-1]
    return Entry(item, body, term, f"{term.label} — {body.label_at(last.record.date)}, "
                 f"{last.record.date.human()}", last, beside)


def response_lists(case: m.Case) -> ResponseLists:
    """Per report with a duty to respond or a response, per responding body: the model's
    counts (``responses.counts``), and the entries behind them grouped by status."""
    lines: list[CountLine] = []
    pages: dict[str, StatusPage] = {}
    progress: dict[int, Progress] = {}
    for record in case.records:
        counted = rs.counts(record)
        if counted and not progress:  # once, and only for a case with responses
            progress = progress_of(case)
        for count in counted:
            body = count.body
            items = rs.owed(record, body)  # a finding addressed to other bodies only: not
            intro = f"Responses from {body.name} to {items_noun(items)} of"
            for e in (entry(item, body, progress[id(item)]) for item in items):
                page = pages.setdefault(e.term.value, StatusPage(
                    e.term, response_src(case.id, e.term.value)))
                if not page.groups or page.groups[-1].anchor != anchor(record, body):
                    page.groups.append(Group(record, body, intro))
                page.groups[-1].entries.append(e)
            lines.append(CountLine(record, body, intro, [
                Count(count.terms[k], n, response_src(case.id, k) if n else None,
                      anchor(record, body)) for k, n in count.counts.items()]))
    several = len({id(line.body) for line in lines}) > 1
    for page in pages.values():
        page.several = several
    order = {k: i for i, k in enumerate(sorted(pages, key=rs._order))}
    return ResponseLists(lines, sorted(pages.values(), key=lambda p: order[p.term.value]),
                         progress)
