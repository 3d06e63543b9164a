"""Amounts of money and figures over time: a case's money, a shared indicator, and a
value of it a record gives. Part of ``casefile.model.objects``, which re-exports every
name."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from casefile.model.dates import human_range
from casefile.model.figures import figure_words
from casefile.model.money import DEFAULT_LOCALE, describe
from casefile.model.objects_sources import by_id

if TYPE_CHECKING:
    from casefile.model import vocab
    from casefile.model.dates import PartialDate
    from casefile.model.objects import Record
    from casefile.model.objects_bodies import Body
    from casefile.model.objects_claims import Relayed
    from casefile.model.objects_sources import Citation, Disagreement


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
