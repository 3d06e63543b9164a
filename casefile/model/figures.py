"""Figures over time: a value of an indicator written in words with its unit, exactly.

Values are ``Decimal`` built from the digits the editor wrote, never from a float, and
are shown with the decimal places written: "88.0 per cent" stays "88.0 per cent".
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import TYPE_CHECKING

from casefile.model import vocab
from casefile.model.money import DEFAULT_LOCALE, _locale, describe, places

if TYPE_CHECKING:
    from casefile.model.objects import Indicator


def number_words(value: Decimal, locale: str = DEFAULT_LOCALE) -> str:
    """``value`` with the locale's grouping and decimal sign, every decimal place written
    kept: "1,234", "88.0", "0.30" (fr_FR: "0,30")."""
    digits = places(value)
    pattern = copy.copy(_locale(locale).decimal_formats[None])
    pattern.frac_prec = (digits, digits)
    return pattern.apply(value, _locale(locale), decimal_quantization=True)


def figure_words(indicator: Indicator, value: Decimal, approximate: bool = False,
                 locale: str = DEFAULT_LOCALE) -> str:
    """"360 people", "1 person", "88 per cent", "about 108 days", "12" (a count),
    "£2 million" (money, by casefile.model.money)."""
    unit = indicator.unit
    if unit.value == "money" and indicator.currency:
        return describe(value, indicator.currency, approximate, None, locale)
    text = number_words(value, locale)
    if isinstance(unit, vocab.Unit) and unit.many:
        text += " " + (unit.one if value == 1 else unit.many)
    return f"about {text}" if approximate else text
