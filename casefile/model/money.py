"""Amounts of money in any currency Babel knows, kept exact and shown by locale.

Amounts arrive from the validator as digit strings and become ``Decimal``: never a float.
A figure of a million or more is shown in words ("£6.172 million") only when that is
exact; otherwise every digit is shown ("£15,500,000.50").
"""

from __future__ import annotations

import copy
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    NumberPattern,
    format_compact_decimal,
    format_currency,
    get_currency_precision,
    get_currency_symbol,
    list_currencies,
)

DEFAULT_LOCALE = "en_GB"
COMPACT_FROM = Decimal(1_000_000)
COMPACT_DIGITS = 3  # at most "£6.172 million"
NOT_MONEY: dict[str, str] = {
    "XTS": "reserved for testing", "XXX": "for no currency at all", "XAU": "for gold",
    "XAG": "for silver", "XPD": "for palladium", "XPT": "for platinum",
    "XBA": "for a bond-market unit", "XBB": "for a bond-market unit",
    "XBC": "for a bond-market unit", "XBD": "for a bond-market unit",
    "XFO": "for the old gold franc", "XFU": "for the old UIC franc",
    "XRE": "for the old RINET funds code",
}
"""ISO 4217 codes Babel lists that are not money a public body spends: what each is for."""
CURRENCIES: frozenset[str] = frozenset(list_currencies()) - set(NOT_MONEY)
"""Every ISO 4217 currency code Babel knows (current and historic), without NOT_MONEY."""
COMMON_NAMES: dict[str, str] = {
    "YEN": "JPY", "EURO": "EUR", "EUROS": "EUR", "€": "EUR", "STERLING": "GBP", "UKP": "GBP",
    "STG": "GBP", "£": "GBP", "US$": "USD", "RMB": "CNY", "YUAN": "CNY", "RENMINBI": "CNY",
    "NIS": "ILS",
}
"""Names and signs that are not ISO codes, in capitals → the code they stand for. Only
unambiguous ones: not DOLLAR, POUND, FRANC, KRONA or $."""


def currency_hint(value: str) -> str | None:
    """The code an editor most likely meant by ``value`` (not a known code), or None: the
    same letters in capitals, a common name from COMMON_NAMES, or the one code that has
    the same three letters in another order (GPB → GBP). Never a look-alike guess."""
    upper = value.strip().upper()
    if upper in CURRENCIES:
        return upper
    if upper in COMMON_NAMES:
        return COMMON_NAMES[upper]
    same_letters = [c for c in CURRENCIES if sorted(c) == sorted(upper)]
    return same_letters[0] if len(same_letters) == 1 else None


def decimals(currency: str) -> int:
    """How many decimal places the currency has: 2 for GBP, 0 for JPY."""
    return get_currency_precision(currency)


def places(amount: str | Decimal) -> int:
    exponent = Decimal(amount).as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def known_locale(name: str) -> bool:
    try:
        Locale.parse(name)
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return True


@lru_cache(maxsize=32)
def _locale(name: str) -> Locale:
    return Locale.parse(name)


def _full(amount: Decimal, currency: str, locale: str) -> str:
    """Every digit: whole amounts without decimals, others to the currency's places."""
    if amount == amount.to_integral_value():
        pattern = copy.copy(_locale(locale).currency_formats["standard"])
        pattern.frac_prec = (0, 0)
        return pattern.apply(amount, _locale(locale), currency=currency, currency_digits=False)
    return format_currency(amount, currency, locale=locale)


def _compact_table(locale: str) -> tuple[str, dict[str, NumberPattern]]:
    """The locale's compact number patterns, long ("million") where it has them (every
    table in CLDR has the plural form "other")."""
    formats = _locale(locale).compact_decimal_formats
    for kind in ("long", "short"):
        if kind in formats:
            return kind, dict(formats[kind]["other"])
    return "short", {}


def _compact_digits(amount: Decimal, locale: str) -> int | None:
    """Decimal places the locale's compact form needs to show ``amount`` exactly, or None
    when it cannot (or the locale has no compact form for it)."""
    if amount < COMPACT_FROM:
        return None
    patterns = _compact_table(locale)[1]
    magnitudes = [int(k) for k in patterns if int(k) <= amount]
    if not magnitudes:
        return None
    magnitude = max(magnitudes)
    pattern = patterns[str(magnitude)].pattern
    zeros = pattern.count("0")
    if zeros == 0 or pattern.strip() == "0":
        return None
    scaled = amount / (magnitude // 10 ** (zeros - 1))
    digits = places(scaled.normalize())  # 0 for a whole number: "£4 million"
    return digits if digits <= COMPACT_DIGITS else None


def _compact(amount: Decimal, currency: str, locale: str, digits: int) -> str:
    loc = _locale(locale)
    pattern = loc.currency_formats["standard"]
    symbol = get_currency_symbol(currency, locale)
    number = format_compact_decimal(amount, format_type=_compact_table(locale)[0], locale=locale,
                                    fraction_digits=digits)
    prefix, suffix = (part[0].replace("¤", symbol) for part in (pattern.prefix, pattern.suffix))
    return f"{prefix}{number}{suffix}"


def format_money(amount: Decimal, currency: str, locale: str = DEFAULT_LOCALE) -> str:
    """``£4 million``, ``£6.172 million``, ``£15,500,000.50``, ``JP¥1,500``."""
    digits = _compact_digits(amount, locale)
    if digits is None:
        return _full(amount, currency, locale)
    return _compact(amount, currency, locale, digits)


def describe(amount: Decimal, currency: str, approximate: bool = False, rate: str | None = None,
             locale: str = DEFAULT_LOCALE) -> str:
    """The amount as a reader sees it: ``about £2 million a month``."""
    text = format_money(amount, currency, locale)
    if approximate:
        text = f"about {text}"
    return f"{text} {rate}" if rate else text
