"""Who says what in a record: assessments of findings, attributed statements, ratings and
oversight changes, and how a claim reached the reader (relayed). Part of
``casefile.model.objects``, which re-exports every name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casefile.model import vocab
    from casefile.model.dates import PartialDate
    from casefile.model.objects import Finding, Record
    from casefile.model.objects_bodies import Body, Grade, Person, Role
    from casefile.model.objects_sources import Citation, Disagreement
    from casefile.model.oversight import Framework, Level


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
