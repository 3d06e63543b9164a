"""Typed objects for the whole data set. Built by ``casefile.model.link`` from validated records;
templates lay these out and never compute.

A field that points back up to what holds an object (its record, its case, a parent body),
lists what points at it, or points across to another record is left out of repr and ==
(``repr=False, compare=False``): printing or comparing one record never walks the whole data
set (a failing test once printed 24 GB), and == compares an object's own content. Bodies,
people, sources, themes, indicators and cases are printed by id (``by_id``), wherever they
appear."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from casefile.model import vocab
from casefile.model.dates import PartialDate, human_range, range_parts
from casefile.model.objects_bodies import Body, BodyName, Grade, Person, Role
from casefile.model.objects_claims import Assessment, OversightChange, Rating, Relayed, Statement
from casefile.model.objects_duties import (
    Due,
    Duty,
    NextStep,
    Outcome,
    Progress,
    Reported,
    Requirement,
    Response,
)
from casefile.model.objects_figures import Figure, Indicator, Money
from casefile.model.objects_sources import (
    Alternative,
    Citation,
    Disagreement,
    Source,
    StoredCopy,
    by_id,
    differ_cites,
    source_label,
)
from casefile.model.oversight import Framework
from casefile.model.oversight import with_site as frameworks_with_site

# every name, as before the split (modules write ``from casefile.model import objects as m``)
__all__ = [
    "Alternative", "Assessment", "Body", "BodyName", "Case", "Citation", "Correction",
    "Dataset", "Disagreement", "Due", "Duty", "Figure", "Finding", "Grade", "Indicator",
    "Money", "NextStep", "Outcome", "OversightChange", "Person", "Progress", "Rating",
    "Record", "Relayed", "Reported", "Requirement", "Response", "Role", "Source", "Statement",
    "StoredCopy", "Theme", "by_id", "source_label",
]


@dataclass
class Theme:
    id: str
    name: str
    description: str | None

    __repr__ = by_id


@dataclass
class Finding:
    id: str
    theme: Theme
    text: str
    cites: list[Citation]
    record: Record = field(repr=False, compare=False)
    # its responses, as linked (see model.responses)
    responses: list[Response] = field(default_factory=list, repr=False, compare=False)
    kind: vocab.Term | None = None  # None: not given (a finding)
    number: str | None = None  # the source's own number, e.g. "12" or "R3.1"
    paragraph: str | None = None  # where in the source, e.g. "4.12"
    directed_at: list[Body] = field(default_factory=list)

    @property
    def label(self) -> str:
        """What it is, with its number: "Recommendation 12", "Finding 3", "Finding"."""
        name = (self.kind or vocab.FINDING_KINDS["finding"]).label
        return f"{name} {self.number}" if self.number else name

    @property
    def noun(self) -> str:
        """What it is inside a sentence: "recommendation", "finding", "matter of concern"."""
        return vocab.kind_word(self.kind)


@dataclass
class Record:
    id: str
    type: vocab.Term
    title: str
    date: PartialDate
    date_note: str | None
    published: PartialDate | None
    published_note: str | None
    body: Body
    summary: str
    cites: list[Citation]
    case: Case = field(repr=False, compare=False)
    findings: list[Finding] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    oversight: list[OversightChange] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)  # its ``next`` entries
    until: PartialDate | None = None  # the last day, month or year of an event over a period
    # an earlier record of the same case, when dates cannot say
    after: Record | None = field(default=None, repr=False, compare=False)
    differs: dict[str, Disagreement] = field(default_factory=dict)  # sources_differ
    responses: list[Response] = field(default_factory=list)  # those this record gives
    duty: Duty | None = None  # a duty to respond to this record
    # an earlier record this one is its body's reply to
    answers: Record | None = field(default=None, repr=False, compare=False)
    figures: list[Figure] = field(default_factory=list)  # its ``figures``, as listed

    @property
    def date_parts(self) -> tuple[str, str] | None:
        """("November", "December 2022") for an event over a period, else None."""
        return range_parts(self.date, self.until) if self.until else None

    @property
    def when(self) -> str:
        """``14 March 2019`` or ``12 to 14 March 2019``."""
        return human_range(self.date, self.until)

    @property
    def publication(self) -> PartialDate:
        return self.published or self.date

    def part_cites(self) -> list[Citation]:
        """Citations of its assessments, requirements (with any reported outcome and
        progress notes), statements, ratings, oversight changes, next steps and responses,
        in that order."""
        cites = [c for a in self.assessments for c in a.cites]
        for req in self.requirements:
            cites += req.cites + (req.reported.cites if req.reported else [])
            cites += [c for p in req.progress for c in p.cites]
        cites += [c for s in self.statements for c in s.cites]
        cites += [c for r in self.ratings for c in r.cites + differ_cites(r.differs)]
        cites += [c for o in self.oversight for c in o.cites]
        cites += [c for n in self.next_steps for c in n.cites]
        cites += [c for r in self.responses for c in r.cites]
        return cites + [c for f in self.figures for c in f.cites]


@dataclass
class Correction:
    date: PartialDate
    what: str
    why: str


@dataclass
class Case:
    id: str
    title: str
    subject: Body
    service: str
    regulators: list[Body]
    legal_basis: str
    status: vocab.Term
    summary: str
    themes: list[Theme]
    cites: list[Citation]
    money: list[Money] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    reviewed: PartialDate | None = None
    corrections: list[Correction] = field(default_factory=list)
    jurisdiction_given: str | None = None  # as written in case.yml
    file: str = ""  # the case file, as problems name it (a note names it when no jurisdiction)
    subjects: list[Body] = field(default_factory=list)  # all, subject first; set by link
    partners: list[Body] = field(default_factory=list)  # answering the matter with them
    overseers: list[Body] = field(default_factory=list)  # a department, mayor or PCC
    as_of_given: dt.date | None = None  # as written in case.yml
    jurisdiction: str | None = None  # the calendar in use (None: weekends only), set by
    # casefile.model.deadlines.compute_all
    as_of: dt.date | None = None  # the day outcomes are computed as of, set likewise
    as_of_basis: str = ""  # why that day, in words
    as_of_shown: PartialDate | None = None  # that date for readers, as precise as its source

    __repr__ = by_id

    @property
    def named_bodies(self) -> list[Body]:
        """Subjects, partners, overseers and regulators, in that order, each body once (a
        subject may also be a regulator)."""
        seen: set[int] = set()
        return [b for b in (*(self.subjects or [self.subject]), *self.partners,
                            *self.overseers, *self.regulators)
                if id(b) not in seen and not seen.add(id(b))]

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.records for f in r.findings]

    @property
    def requirements(self) -> list[Requirement]:
        return [q for r in self.records for q in r.requirements]

    @property
    def figures(self) -> list[Figure]:
        """Every record's figures, by indicator name, then oldest first (a figure over a
        period by its start), then in the records' order."""
        return sorted((f for r in self.records for f in r.figures),
                      key=lambda f: (f.indicator.name.casefold(), f.indicator.id,
                                     f.date.earliest, (f.until or f.date).latest))

    @property
    def statements(self) -> list[Statement]:
        """Oldest first; those with no date shown last, in the records' order."""
        return sorted((s for r in self.records for s in r.statements),
                      key=lambda s: (s.date is None, s.date and (s.date.earliest, s.date.latest)))


@dataclass
class Dataset:
    bodies: dict[str, Body]
    people: dict[str, Person]
    sources: dict[str, Source]
    themes: dict[str, Theme]
    cases: dict[str, Case]
    as_of: dt.date  # the newest case as_of: for build and feed stamps, never for outcomes
    loaded: list[object] = field(default_factory=list, repr=False)  # validated records
    site_terms: vocab.SiteTerms = field(default_factory=dict)  # from data/vocabulary.yml
    site_frameworks: dict[str, Framework] = field(default_factory=dict)  # likewise
    unverified: int = 0  # quotations of sources with no stored copy
    indicators: dict[str, Indicator] = field(default_factory=dict)  # data/indicators.yml

    @property
    def frameworks(self) -> dict[str, Framework]:
        """Every oversight framework: the built-in ones, then the site's own."""
        return frameworks_with_site(self.site_frameworks)
