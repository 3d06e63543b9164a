"""Money in any currency Babel knows: exact amounts, locale formatting, approximate
figures and rates, located errors, and the open-data export. All data is fictional."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.errors import DataError
from casefile.model.money import (
    COMMON_NAMES,
    CURRENCIES,
    describe,
    format_money,
    known_locale,
    places,
)
from casefile.outputs.jsonschema import file_schema
from casefile.outputs.opendata import from_json, to_json
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import MINI, REPO, write_tree

CASE = "cases/town/case.yml"
MONEY = """\
  - amount: 4000000
    currency: GBP
    for: Set aside.
"""


@pytest.mark.parametrize(("amount", "currency", "locale", "shown"), [
    ("4000000", "GBP", "en_GB", "£4 million"),
    ("6172000", "GBP", "en_GB", "£6.172 million"),
    ("15500000.50", "GBP", "en_GB", "£15,500,000.50"),  # not "£15.5000005m"
    ("15500000", "GBP", "en_GB", "£15.5 million"),
    ("1234567", "GBP", "en_GB", "£1,234,567"),  # "£1.235 million" would not be exact
    ("999999", "GBP", "en_GB", "£999,999"),  # below a million: every digit
    ("0.75", "GBP", "en_GB", "£0.75"),
    ("850", "GBP", "en_GB", "£850"),
    ("850.5", "GBP", "en_GB", "£850.50"),
    ("2500000", "EUR", "en_GB", "€2.5 million"),
    ("2500000", "EUR", "de_DE", "2,5 Millionen €"),
    ("1500.25", "USD", "en_GB", "US$1,500.25"),
    ("3000000000", "USD", "en_GB", "US$3 billion"),
    ("1234", "JPY", "en_GB", "JP¥1,234"),
    ("1500000", "JPY", "en_GB", "JP¥1.5 million"),
    ("1000000", "GBP", "en_GB", "£1 million"),  # a million exactly is in words
    ("6172500", "GBP", "en_GB", "£6,172,500"),  # "£6.1725 million": too many digits
    # Japanese has only short compact forms, counted in 万 (10,000) and 億 (100,000,000)
    ("12000000", "JPY", "ja_JP", "￥1200万"),
    ("100000000", "JPY", "ja_JP", "￥1億"),
    # Galician's compact words start at a million exactly: no smaller magnitude to fall to
    ("1000000", "EUR", "gl", "1 millón\xa0€"),
])
def test_amounts_are_shown_exactly_by_locale(amount: str, currency: str, locale: str,
                                             shown: str) -> None:
    assert format_money(Decimal(amount), currency, locale) == shown.replace(" €", "\xa0€")


def test_approximate_amounts_and_rates() -> None:
    assert describe(Decimal(2_000_000), "GBP", approximate=True) == "about £2 million"
    assert describe(Decimal(2_000_000), "GBP", True, "a month") == "about £2 million a month"
    assert describe(Decimal("350.50"), "EUR", False, "a week") == "€350.50 a week"
    assert describe(Decimal(850), "GBP") == "£850"  # exact, once, unless said otherwise


def _data(tmp_path: Path, money: str) -> Path:
    files = dict(MINI)
    files[CASE] = files[CASE].replace(MONEY, money)
    write_tree(tmp_path / "data", files)
    return tmp_path / "data"


def _problems(tmp_path: Path, money: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(_data(tmp_path, money))
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(("amount", "currency", "message"), [
    ("2.505", "GBP", "'2.505' has 3 decimal places, but GBP amounts have at most 2 decimal "
     "places; write the amount as the source gives it, e.g. 2.51"),
    ("1500.5", "JPY", "'1500.5' has 1 decimal place, but JPY amounts have no decimal places; "
     "write the amount as the source gives it, e.g. 1501"),
    ("6,172,000", "GBP", "'6,172,000' is not an amount in digits, e.g. 6172000 (no commas, no "
     "6.172e6)"),
    ("6.172e6", "GBP", "'6.172e6' is not an amount in digits, e.g. 6172000 (no commas, no "
     "6.172e6)"),
    ("'<b>£4m</b>'", "GBP", "'<b>£4m</b>' is not an amount in digits, e.g. 6172000 (no "
     "commas, no 6.172e6)"),
])
def test_bad_amounts_are_located(tmp_path: Path, amount: str, currency: str,
                                 message: str) -> None:
    got = _problems(tmp_path, f"  - amount: {amount}\n    currency: {currency}\n"
                              "    for: Set aside.\n")
    assert got == [f"data/{CASE}:12:13: money[0].amount: {message}"]


@pytest.mark.parametrize(("currency", "message"), [
    ("gbp", "'gbp' is not a currency code; did you mean 'GBP'? (write the ISO 4217 code, "
     "e.g. GBP, EUR, USD or JPY)"),
    ("EURO", "'EURO' is not a currency code; did you mean 'EUR'? (write the ISO 4217 code, "
     "e.g. GBP, EUR, USD or JPY)"),
    ("'<script>'", "'<script>' is not a currency code (write the ISO 4217 code, e.g. GBP, "
     "EUR, USD or JPY)"),
    ("YEN", "'YEN' is not a currency code; did you mean 'JPY'? (write the ISO 4217 code, "
     "e.g. GBP, EUR, USD or JPY)"),  # a common name, not the look-alike YUN
    ("Sterling", "'Sterling' is not a currency code; did you mean 'GBP'? (write the ISO 4217 "
     "code, e.g. GBP, EUR, USD or JPY)"),
    ("GPB", "'GPB' is not a currency code; did you mean 'GBP'? (write the ISO 4217 code, "
     "e.g. GBP, EUR, USD or JPY)"),  # the same letters in another order
    ("DOLLAR", "'DOLLAR' is not a currency code (write the ISO 4217 code, e.g. GBP, EUR, USD "
     "or JPY)"),  # which dollar? no guess
    ("GBQ", "'GBQ' is not a currency code (write the ISO 4217 code, e.g. GBP, EUR, USD or "
     "JPY)"),  # no look-alike guesses
    ("XTS", "'XTS' is the ISO 4217 code reserved for testing, not a currency; write the code "
     "of the currency the amount is in, e.g. GBP, EUR, USD or JPY"),
    ("XXX", "'XXX' is the ISO 4217 code for no currency at all, not a currency; write the "
     "code of the currency the amount is in, e.g. GBP, EUR, USD or JPY"),
    ("XAU", "'XAU' is the ISO 4217 code for gold, not a currency; write the code of the "
     "currency the amount is in, e.g. GBP, EUR, USD or JPY"),
])
def test_unknown_currency_is_located(tmp_path: Path, currency: str, message: str) -> None:
    got = _problems(tmp_path, f"  - amount: 4000000\n    currency: {currency}\n"
                              "    for: Set aside.\n")
    assert got == [f"data/{CASE}:13:15: money[0].currency: {message}"]


def test_rate_must_be_known(tmp_path: Path) -> None:
    got = _problems(tmp_path, MONEY + "    per: fortnight\n")
    assert got == [f"data/{CASE}:15:10: money[0].per: 'fortnight' is not allowed "
                   "(allowed: day, week, month, quarter, year)"]


def _money_items(data: Path, locale: str = "en_GB") -> list[str]:
    r = Renderer(load_dataset(data), REPO / "macros", locale=locale)
    soup = BeautifulSoup(r.macro("money", "cases/town.md", view=r.views["town"]),
                         "html.parser")
    return [li.strong.get_text() for li in soup.select("ul.cf-money > li")]


def test_case_page_shows_money_by_locale(tmp_path: Path) -> None:
    data = _data(tmp_path, MONEY + """\
    cite: [report-2017]
  - amount: 15500000.50
    currency: GBP
    for: Overspend.
    cite: [report-2017]
  - amount: 2000000
    currency: EUR
    approximate: true
    per: month
    for: A grant.
    cite: [report-2017]
  - amount: 1500
    currency: JPY
    for: A fee.
""")
    assert _money_items(data) == ["£4 million", "£15,500,000.50", "about €2 million a month",
                                  "JP¥1,500"]
    assert _money_items(data, "en_US")[0] == "£4 million"
    # the locale is a parameter: symbols, separators and words follow it
    assert _money_items(data, "fr_FR") == ["4 millions\xa0£GB", "15\u202f500\u202f000,50"
                                           "\xa0£GB", "about 2 millions\xa0€ a month",
                                           "1\u202f500\xa0JPY"]


def test_open_data_keeps_the_exact_amount_as_text(tmp_path: Path) -> None:
    data = _data(tmp_path, MONEY + """\
    cite: [report-2017]
  - amount: 15500000.50
    currency: USD
    approximate: true
    per: year
    for: Overspend.
""")
    exported = to_json(load_dataset(data))
    money = exported["cases"][0]["money"]
    assert [(x["amount"], x["currency"]) for x in money] == [("4000000", "GBP"),
                                                             ("15500000.50", "USD")]
    assert (money[1]["approximate"], money[1]["per"]) == (True, "year")
    assert "approximate" not in money[0] and "per" not in money[0]
    back = from_json(json.loads(json.dumps(exported)))
    assert back.cases["town"].money[1].amount == Decimal("15500000.50")
    assert back.cases["town"].money[1].display == "about US$15,500,000.50 a year"


def test_only_money_codes_are_currencies() -> None:
    assert {"GBP", "EUR", "USD", "JPY", "XOF", "XAF", "XCD", "XPF"} <= CURRENCIES
    assert not {"XTS", "XXX", "XAU", "XAG", "XPD", "XPT", "XBA"} & CURRENCIES
    assert set(COMMON_NAMES.values()) <= CURRENCIES
    money = file_schema("case")["properties"]["money"]["items"]
    enum = money["properties"]["currency"]["enum"]
    assert "GBP" in enum and "XTS" not in enum and "XXX" not in enum


@pytest.mark.parametrize(("name", "known"), [
    ("en_GB", True), ("cy_GB", True), ("fr_FR", True),
    ("xx_ZZ", False), ("english", False), ("en GB", False), ("", False),
])
def test_the_site_locale_must_be_one_babel_knows(name: str, known: bool) -> None:
    """The plugin refuses a ``locale:`` in mkdocs.yml that Babel cannot format money in."""
    assert known_locale(name) is known


def test_decimal_places_of_an_amount() -> None:
    assert places("2.50") == 2 and places(Decimal("0.125")) == 3
    assert places("6172000") == 0 and places("7") == 0
    assert places(Decimal("6172000").normalize()) == 0  # 6.172E+6: exponent 3, no places
    assert places(Decimal("1E+3")) == 0
