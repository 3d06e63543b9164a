"""A figure's value in words, exactly (casefile.model.figures): the defaults of
``figure_words`` (not approximate, the default locale) and money in the site's locale.
The indicators are built here as linking builds them (tests/test_figures.py checks the
linking); all fictional."""

from __future__ import annotations

from decimal import Decimal

from casefile.model import objects as m
from casefile.model import vocab
from casefile.model.figures import figure_words, number_words


def indicator(unit: str, currency: str | None = None) -> m.Indicator:
    return m.Indicator("x", "X", vocab.INDICATOR_UNITS[unit], None, currency)


def test_by_default_a_value_is_exact_and_in_the_default_locale() -> None:
    assert figure_words(indicator("people"), Decimal("1360")) == "1,360 people"
    assert figure_words(indicator("money", "GBP"), Decimal("2000000")) == "£2 million"
    assert number_words(Decimal("1234.50")) == "1,234.50"


def test_money_is_written_in_the_locale_asked_for() -> None:
    money = indicator("money", "GBP")
    assert figure_words(money, Decimal("2000000"), locale="fr_FR") == "2 millions\xa0£GB"
    assert figure_words(money, Decimal("1234.50"), True, "fr_FR") == (
        "about 1\u202f234,50\xa0£GB")  # the words stay English: only the number is local
