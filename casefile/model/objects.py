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
from decimal import Decimal
from typing import Any

from casefile.model import vocab
from casefile.model.dates import PartialDate, human_range, range_parts
from casefile.model.figures import figure_words
from casefile.model.money import DEFAULT_LOCALE, describe
from casefile.model.oversight import Framework, Level
from casefile.model.oversight import with_site as frameworks_with_site


def by_id(self: Any) -> str:
    """The repr of an object defined once and referenced from everywhere (a body, person,
    source, theme, indicator or case): ``Body(id='town-council')``."""
    return f"{type(self).__name__}(id={self.id!r})"


@dataclass
class Citation:
    source: Source
    quote: str | None = None
    locator: str | None = None  # as the editor wrote it
    number: int = 0  # position in the case bibliography, set by casefile.model.views
    # where the quote is written: (file, line, column, dotted path); None without a quote
    quote_at: tuple[str, int, int, str] | None = None
    checked: bool = False  # its quote (or its statement's) was found in the stored copy
    found_at: str | None = None  # where in the copy, computed: "para. 12", "pp. 4–5"

    @property
    def label(self) -> str:
        """The accessible name of its numbered link: source_label."""
        return source_label(self.number, self.source)


def source_label(number: int, source: Source) -> str:
    """What a citation link "[2]" is called for screen readers: its visible text first
    (WCAG 2.5.3, label in name), then which source it is: "[2] source: Example
    Inspectorate, Inspection of Town Council, 2 October 2017"."""
    return f"[{number}] source: {source.name_words}"


@dataclass
class StoredCopy:
    """A source document kept beside the data (data/sources/copies/FILE), read at check
    time: its text by paragraph (text, Markdown, HTML) or by page (PDF)."""

    file: str  # the name in data/sources/copies/
    sha256: str  # as recorded in the source file
    format: str  # text, markdown, html or pdf (from the file's ending)
    read: bool = False  # read, its hash matched and its text taken out: quotes checked
    # Its text, kept in the built model only when the copy may be published
    # (Source.publish_copy); otherwise dropped once every quote is checked (memory):
    parts: list[str] | None = None  # paragraphs or pages
    text: str = ""  # the parts normalised for quote search, joined by single spaces
    starts: list[int] = field(default_factory=list)  # where each part starts in ``text``

    def forget_text(self) -> None:
        self.parts, self.text, self.starts = None, "", []

    @property
    def by_page(self) -> bool:
        return self.format == "pdf"


@dataclass
class Alternative:
    """One value sources give for a field on which they differ, with its citations."""

    shown: str  # the value in words: "6 March 2019", "£2.5 million", "Good"
    cites: list[Citation]
    written: str  # as the data writes it: 2019-03-06, 2500000, good
    own: bool = False  # the field's own value, supported by the item's citations


@dataclass
class Disagreement:
    """Sources that give different values for one field (``sources_differ``): every value,
    the field's own first, and the editor's choice or, when unsettled, what is used."""

    field: str  # date, published, amount or grade
    what: str  # the field in words: "date", "publication date", "amount", "grade"
    values: list[Alternative]
    chosen: str | None  # the chosen value in words; None when unsettled
    reason: str
    used: str  # what the page and computations use, in words: "5 or 6 March 2019"

    @property
    def unsettled(self) -> bool:
        return self.chosen is None

    @property
    def given(self) -> str:
        """The field's own value as the data writes it (for open data)."""
        return self.values[0].written

    @property
    def cites(self) -> list[Citation]:
        """The citations of the other values (the own value's are the item's)."""
        return [c for v in self.values if not v.own for c in v.cites]


@dataclass
class BodyName:
    name: str
    short: str | None
    start: PartialDate | None
    end: PartialDate | None
    note: str | None
    cites: list[Citation]

    def covers(self, when: PartialDate) -> bool:
        after_start = self.start is None or when.latest >= self.start.earliest
        before_end = self.end is None or when.earliest <= self.end.latest
        return after_start and before_end

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass
class Grade:
    """One grade of a regulator's scale; rank 0 is the best."""

    value: str
    label: str
    description: str | None
    rank: int


@dataclass
class Body:
    id: str
    kind: str
    names: list[BodyName]
    note: str | None
    cases: list[Case] = field(default_factory=list, repr=False, compare=False)  # those naming it
    kind_term: vocab.Term | None = None  # None only in data that failed to link
    grades: list[Grade] = field(default_factory=list)  # best first; empty: no grades
    # the body it is part of or owned by, and those naming it parent
    parent: Body | None = field(default=None, repr=False, compare=False)
    children: list[Body] = field(default_factory=list, repr=False, compare=False)
    variant_names: list[str] = field(default_factory=list)  # for search, never shown as name

    __repr__ = by_id

    @property
    def current(self) -> BodyName:
        return self.names[-1]

    @property
    def name(self) -> str:
        return self.current.name

    def name_at(self, when: PartialDate | None) -> BodyName:
        if when is not None:
            for name in self.names:
                if name.covers(when):
                    return name
        return self.current

    def label_at(self, when: PartialDate | None) -> str:
        """The name in force at ``when``, with the current name if it has changed since."""
        then = self.name_at(when)
        if then is self.current:
            return then.name
        return f"{then.label} (now {self.current.name})"

    @property
    def kind_label(self) -> str:
        return (self.kind_term or vocab.BODY_KINDS[self.kind]).label


@dataclass
class Role:
    title: str
    body: Body
    start: PartialDate | None
    end: PartialDate | None
    cites: list[Citation] = field(default_factory=list)

    def covers(self, when: PartialDate) -> bool:
        return (self.start is None or when.latest >= self.start.earliest) and (
            self.end is None or when.earliest <= self.end.latest)


@dataclass
class Person:
    id: str
    name: str
    roles: list[Role]

    __repr__ = by_id

    def role_at(self, when: PartialDate, bodies: frozenset[str] = frozenset()) -> Role | None:
        """The role held at ``when``. Among several, one with a body in ``bodies`` (those of
        the case being told) comes first, so a role in another case never changes who this
        case quotes; then a role dated to cover ``when`` before one with no dates (an undated
        role covers every date, so it must not hide a dated one); then the order listed."""
        covering = [r for r in self.roles if r.covers(when)]
        return min(covering, default=None, key=lambda r: (
            r.body.id not in bodies, r.start is None and r.end is None))


@dataclass
class Source:
    id: str
    title: str
    title_supplied: bool
    publisher: Body | None
    publisher_note: str | None
    kind: str
    published: PartialDate | None
    published_note: str | None
    url: str | None
    archive_url: str | None
    accessed: PartialDate | None
    language: str
    note: str | None
    insecure_http: bool = False
    kind_term: vocab.Term | None = None  # None only in data that failed to link
    undated: bool = False  # published: no date shown (the document has none)
    differs: dict[str, Disagreement] = field(default_factory=dict)  # sources_differ
    original: Source | None = None  # the document this one is a mirror or repost of
    second_hand_given: bool = False  # as written: second_hand: true
    copy: StoredCopy | None = None  # the stored copy of the document, if one is kept
    licence: str | None = None  # a value of the licences vocabulary
    publish_copy: bool = False  # the copy may be published (only with an open licence)

    __repr__ = by_id

    @property
    def display_title(self) -> str:
        return f"[{self.title}]" if self.title_supplied else self.title

    @property
    def name_words(self) -> str:
        """Publisher, title and date in one line, in the words of the list of sources:
        "Town Council, Council news, March 2018", "Publisher not named in the
        document", "no date shown" or "undated" where so."""
        publisher = self.publisher.name if self.publisher else "Publisher not named in the document"
        when = (self.published.human() if self.published
                else "no date shown" if self.undated else "undated")
        return f"{publisher}, {self.display_title}, {when}"

    @property
    def second_hand(self) -> bool:
        """Reports what others said or found: marked so, or published by a tracker."""
        source = self.original or self
        return self.second_hand_given or source.second_hand_given or bool(
            source.publisher and source.publisher.kind == "tracker")

    @property
    def kind_label(self) -> str:
        return (self.kind_term or vocab.SOURCE_KINDS[self.kind]).label


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
class Response:
    """A body's response to a finding or requirement of an earlier record, as its reply
    (``record``, cited) states it: accepted, rejected... never inferred."""

    to: Finding | Requirement
    status: vocab.Term  # from vocab.RESPONSE_STATUSES or the site's own
    by: Body
    note: str | None
    cites: list[Citation]
    record: Record = field(repr=False, compare=False)  # the reply: its date is the response's date


@dataclass
class Duty:
    """A duty to respond a record sets (its ``respond:``, or its type's default period):
    the bodies that must respond to its findings and requirements, and by when."""

    due: Due  # a date, or a period counted from the record (computed as deadlines are)
    by: list[Body]
    record: Record = field(repr=False, compare=False)
    from_type: bool = False  # the period is the record type's default (vocab.RESPONSE_DUTIES)


@dataclass
class Relayed:
    """A second-hand claim: its asserter published none of the sources cited, so the reader
    has it from their publishers (casefile.model.who.relayed)."""

    publishers: list[tuple[Body | None, vocab.Term]]  # with evidence grades; None: not named
    style: vocab.Term  # the ASSERTERS term the claim is styled by: its publishers' relation
    words: str  # "as reported by Example Council (self-report)"
    reporters: str = ""  # "Example Council (self-report)", "A (press) and B (self-report)"


@dataclass
class Assessment:
    finding: Finding
    status: vocab.Term
    asserted_by: Body
    asserter: vocab.Term
    note: str
    cites: list[Citation]
    record: Record = field(repr=False, compare=False)
    relayed: Relayed | None = None  # set when no source cited is the asserter's own


@dataclass
class Due:
    date: PartialDate | None
    within: int | None
    unit: str | None
    start: str | None
    as_written: str | None
    note: str | None
    # a deadline in words with no date of its own: date_words.IMMEDIATELY (the record's
    # date) or EARLIEST_OPPORTUNITY (none computable); its words as the editor wrote them
    worded: str | None = None
    words: str | None = None


@dataclass
class Reported:
    outcome: vocab.Term
    by: Body
    cites: list[Citation]
    asserter: vocab.Term | None = None  # who says so, by the body's relation to the case
    relayed: Relayed | None = None  # set when no source cited is the asserter's own


@dataclass
class Outcome:
    """A requirement's computed outcome and how it was reached, in words."""

    term: vocab.Term
    deadline: str
    due_from: dt.date | None
    due_until: dt.date | None
    explanation: str
    reported: Reported | None = None
    # What the records alone show, when a report is also given (differs from term when
    # the report fills a gap in the records, or when they disagree: term is then disputed)
    records_term: vocab.Term | None = None


@dataclass
class NextStep:
    """What happens next, as a source says it: a record's ``next`` entry."""

    text: str
    date: PartialDate | None  # expected by, as the source gives it
    cites: list[Citation]
    record: Record = field(repr=False, compare=False)
    # a later record of the case that reports what happened
    reported_in: Record | None = field(default=None, repr=False, compare=False)


@dataclass
class Progress:
    """A dated, cited note of progress on a requirement."""

    date: PartialDate
    note: str
    cites: list[Citation]


@dataclass
class Requirement:
    id: str
    text: str
    due: Due | None
    fulfilled_by: Record | None = field(repr=False, compare=False)
    superseded_by: Record | None = field(repr=False, compare=False)
    reported: Reported | None
    cites: list[Citation]
    record: Record = field(repr=False, compare=False)
    outcome: Outcome | None = None  # set by casefile.model.deadlines
    progress: list[Progress] = field(default_factory=list)  # in date order
    # its responses, as linked (see model.responses)
    responses: list[Response] = field(default_factory=list, repr=False, compare=False)


@dataclass
class Statement:
    person: Person | None
    speaker: str | None
    body: Body | None
    date: PartialDate | None  # None: no date shown in the source
    date_note: str | None
    quote: str
    cites: list[Citation]
    record: Record = field(repr=False, compare=False)
    relayed: Relayed | None = None  # set when no source cited is the speaker's body's own
    quote_at: tuple[str, int, int, str] | None = None  # where the quote is written

    @property
    def role(self) -> Role | None:
        """The speaker's role when they spoke, preferring the bodies of this case."""
        if self.person is None:
            return None
        if self.date is None:  # no date shown: only a post held at every date can be named
            return next((r for r in self.person.roles if r.start is None and r.end is None),
                        None)
        case = self.record.case
        bodies = frozenset([self.record.body.id, *(b.id for b in case.named_bodies)])
        return self.person.role_at(self.date, bodies)

    @property
    def attribution(self) -> str:
        if self.person:
            role = self.role
            if role:
                body = role.body.label_at(self.date)
                if role.title.casefold() == body.casefold():  # "Mayor of X", body "Mayor of X"
                    return f"{self.person.name}, {role.title}"
                return f"{self.person.name}, {role.title}, {body}"
            return self.person.name
        assert self.speaker is not None and self.body is not None
        return f"{self.speaker} ({self.body.label_at(self.date)})"


@dataclass
class Rating:
    """A grade a record gives, overall (area None) or for one judgement area."""

    area: str | None
    grade: Grade
    by: Body
    cites: list[Citation]
    record: Record = field(repr=False, compare=False)
    differs: dict[str, Disagreement] = field(default_factory=dict)  # sources_differ
    relayed: Relayed | None = None  # set when no source cited is the grading body's own

    @property
    def area_label(self) -> str:
        return self.area or "Overall"

    @property
    def grade_shown(self) -> str:
        """The grade's label; every grade sources give, when they differ unsettled."""
        differs = self.differs.get("grade")
        return differs.used if differs else self.grade.label


@dataclass
class OversightChange:
    """A record moves ``body`` (or one ``service`` of it) to ``level`` of ``framework``,
    taking effect on ``effective`` (the record's own date unless the source gives another)."""

    framework: Framework
    level: Level
    body: Body
    service: str | None
    effective: PartialDate
    effective_given: bool
    cites: list[Citation]
    record: Record = field(repr=False, compare=False)
    position: int = 0  # its place in the record's list, for stable anchors


@dataclass
class Money:
    amount: Decimal
    currency: str
    purpose: str
    period: str | None
    note: str | None
    record: Record | None = field(repr=False, compare=False)  # the record that gives it
    cites: list[Citation]

    approximate: bool = False
    per: vocab.Term | None = None  # a rate: "a month"
    kind: vocab.Term | None = None  # a loan, a grant... (None: not given)
    differs: dict[str, Disagreement] = field(default_factory=dict)  # sources_differ
    others: list[Decimal] = field(default_factory=list)  # other amounts, when unsettled

    def text(self, locale: str = DEFAULT_LOCALE) -> str:
        """``£6.172 million``, ``about £2 million a month``, ``US$1,500.25``; when sources
        differ and the editor leaves it unsettled, every amount, smallest first:
        ``£2 million or £2.5 million``."""
        rate = self.per.label if self.per else None
        return " or ".join(describe(amount, self.currency, self.approximate, rate, locale)
                           for amount in sorted({self.amount, *self.others}))

    @property
    def display(self) -> str:
        return self.text()


@dataclass
class Indicator:
    """What a figure measures, shared across cases (data/indicators.yml)."""

    id: str
    name: str
    unit: vocab.Term  # from vocab.INDICATOR_UNITS
    description: str | None
    currency: str | None = None  # ISO 4217, for a money indicator only

    __repr__ = by_id

    def value_text(self, value: Decimal, approximate: bool = False,
                   locale: str = DEFAULT_LOCALE) -> str:
        """A value in words with its unit: "360 people", "88 per cent", "about 108 days",
        "£2 million"."""
        return figure_words(self, value, approximate, locale)


@dataclass
class Figure:
    """A value of an indicator at a date or over a period (``date`` … ``until``), as a
    record's cited sources give it; ``by`` reports it (default: the record's body)."""

    indicator: Indicator
    value: Decimal  # exact, as written: "88.0" stays Decimal("88.0")
    date: PartialDate
    until: PartialDate | None
    by: Body
    asserter: vocab.Term  # who says so, as for assessments (vocab.ASSERTERS)
    note: str | None
    cites: list[Citation]
    record: Record = field(repr=False, compare=False)
    relayed: Relayed | None = None  # set when no source cited is the reporting body's own
    approximate: bool = False

    def text(self, locale: str = DEFAULT_LOCALE) -> str:
        """The value in words with its unit: "360 people", "about 88 per cent"."""
        return self.indicator.value_text(self.value, self.approximate, locale)

    @property
    def when(self) -> str:
        """``February 2018``, ``1 to 28 February 2018``."""
        return human_range(self.date, self.until)


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
        cites += [c for r in self.ratings for c in r.cites + _differ_cites(r.differs)]
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


def _differ_cites(differs: dict[str, Disagreement]) -> list[Citation]:
    return [c for d in differs.values() for c in d.cites]
