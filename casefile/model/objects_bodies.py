"""Bodies and people: a public body with its names over time, its grading scale and its
place among other bodies, and a person with the roles they held. Part of
``casefile.model.objects``, which re-exports every name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from casefile.model import vocab
from casefile.model.objects_sources import by_id

if TYPE_CHECKING:
    from casefile.model.dates import PartialDate
    from casefile.model.objects import Case
    from casefile.model.objects_sources import Citation


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
