"""Working days in each jurisdiction's calendar, at weekends, bank holidays, year ends and
leap days, and the invariants of adding them (Hypothesis, derandomized: never green or red
by luck). The plain functions are tested, not only their cached wrappers, so mutation
testing can reach the logic (it never mutates a decorated function)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.model import calendars
from casefile.model.dates import (
    add_period,
    add_working_days,
    days_off_in_year,
    is_working_day,
    working_day_after,
)

D = dt.date
UK = ("GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR")
CODES = (*UK, "IE", "US-CA", "IL")


@pytest.mark.parametrize(("start", "count", "expected"), [
    # Christmas Eve 2020 (Thursday): Christmas Friday, Boxing Day Saturday, substitute
    # Monday 28 December; New Year's Day Friday 1 January 2021; Scotland's 2 January
    # (a Saturday) moves to Monday 4 January there.
    (D(2020, 12, 24), 1, {"GB-ENG": D(2020, 12, 29), "GB-WLS": D(2020, 12, 29),
                          "GB-SCT": D(2020, 12, 29), "GB-NIR": D(2020, 12, 29),
                          "IE": D(2020, 12, 28)}),
    (D(2020, 12, 24), 4, {"GB-ENG": D(2021, 1, 4), "GB-WLS": D(2021, 1, 4),
                          "GB-SCT": D(2021, 1, 5), "GB-NIR": D(2021, 1, 4),
                          "IE": D(2020, 12, 31)}),
    # A bank holiday on the due day: the Summer Bank Holiday, Monday 26 August 2019, except
    # in Scotland (5 August there).
    (D(2019, 8, 23), 1, {"GB-ENG": D(2019, 8, 27), "GB-WLS": D(2019, 8, 27),
                         "GB-SCT": D(2019, 8, 26), "GB-NIR": D(2019, 8, 27),
                         "IE": D(2019, 8, 26)}),
    # St Andrew's Day, Monday 30 November 2020, in Scotland only.
    (D(2020, 11, 27), 1, {"GB-ENG": D(2020, 11, 30), "GB-WLS": D(2020, 11, 30),
                          "GB-SCT": D(2020, 12, 1), "GB-NIR": D(2020, 11, 30),
                          "IE": D(2020, 11, 30)}),
    # The Battle of the Boyne, Friday 12 July 2019, in Northern Ireland only.
    (D(2019, 7, 11), 1, {"GB-ENG": D(2019, 7, 12), "GB-WLS": D(2019, 7, 12),
                         "GB-SCT": D(2019, 7, 12), "GB-NIR": D(2019, 7, 15),
                         "IE": D(2019, 7, 12)}),
    # Leap days: Saturday 29 February 2020 is a weekend day; Thursday 29 February 2024 and
    # Monday 29 February 2016 are working days.
    (D(2020, 2, 28), 1, dict.fromkeys((*UK, "IE"), D(2020, 3, 2))),
    (D(2024, 2, 28), 1, dict.fromkeys((*UK, "IE"), D(2024, 2, 29))),
    (D(2016, 2, 26), 1, dict.fromkeys((*UK, "IE"), D(2016, 2, 29))),
    # Zero working days: the start itself, even on a holiday.
    (D(2020, 12, 25), 0, dict.fromkeys((*UK, "IE"), D(2020, 12, 25))),
])
def test_working_days_in_each_calendar(start: dt.date, count: int,
                                       expected: dict[str, dt.date]) -> None:
    assert {code: working_day_after(start, count, code) for code in expected} == expected
    assert {code: add_working_days(start, count, code) for code in expected} == expected
    assert {code: add_period(start, count, "working_days", code) for code in expected} == \
        expected


def test_days_off_in_a_year() -> None:
    # 2020: 104 weekend days (366 days from a Wednesday); England and Wales 8 bank holidays,
    # Scotland 9, Northern Ireland 10.
    assert {code: len(days_off_in_year(code, 2020)) for code in UK} == {
        "GB-ENG": 112, "GB-WLS": 112, "GB-SCT": 113, "GB-NIR": 114}
    off = days_off_in_year("GB-ENG", 2022)  # 1 January and 31 December 2022: Saturdays
    assert {D(2022, 1, 1), D(2022, 12, 31), D(2022, 1, 3)} <= off
    assert all(day.year == 2022 for day in off)
    assert D(2022, 1, 4) not in off
    assert D(2021, 12, 31) not in days_off_in_year("GB-ENG", 2021)  # a Friday, worked
    assert not is_working_day(D(2020, 11, 30), "GB-SCT")
    assert is_working_day(D(2020, 11, 30), "GB-ENG")


def test_a_non_uk_weekend() -> None:
    # Israel: Friday and Saturday; Sunday 8 March 2020 is a working day.
    assert working_day_after(D(2020, 3, 5), 1, "IL") == D(2020, 3, 8)
    assert working_day_after(D(2020, 3, 5), 2, "IL") == D(2020, 3, 9)
    assert D(2020, 3, 8) not in days_off_in_year("IL", 2020)
    assert D(2020, 3, 6) in days_off_in_year("IL", 2020)


# -- invariants ---------------------------------------------------------------------------

def _independent_working_day(day: dt.date, code: str) -> bool:
    """The holidays package's own calendar, asked directly (not through casefile)."""
    country, _, subdiv = code.partition("-")
    cal = holidays.country_holidays(country, subdiv=subdiv or None, years=day.year)
    return day.weekday() not in cal.weekend and day not in cal


STARTS = st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31))


@settings(derandomize=True, max_examples=60, deadline=None)
@given(start=STARTS, count=st.integers(min_value=1, max_value=40), code=st.sampled_from(CODES))
def test_adding_working_days_gives_a_working_day_after_the_start(
        start: dt.date, count: int, code: str) -> None:
    due = working_day_after(start, count, code)
    assert due > start
    assert is_working_day(due, code) and _independent_working_day(due, code)
    between = [start + dt.timedelta(days=n) for n in range(1, (due - start).days + 1)]
    assert sum(_independent_working_day(day, code) for day in between) == count


@settings(derandomize=True, max_examples=40, deadline=None)
@given(start=STARTS, count=st.integers(min_value=0, max_value=30), code=st.sampled_from(CODES))
def test_adding_working_days_is_monotone_in_the_count(start: dt.date, count: int,
                                                      code: str) -> None:
    assert working_day_after(start, count, code) >= start
    assert working_day_after(start, count, code) < working_day_after(start, count + 1, code)


@settings(derandomize=True, max_examples=20, deadline=None)
@given(year=st.integers(min_value=2015, max_value=2030), code=st.sampled_from(CODES))
def test_days_off_agree_with_the_holidays_package(year: int, code: str) -> None:
    first = D(year, 1, 1)
    days = [first + dt.timedelta(days=n) for n in range((D(year + 1, 1, 1) - first).days)]
    assert days_off_in_year(code, year) == {
        day for day in days if not _independent_working_day(day, code)}


# -- calendars ----------------------------------------------------------------------------

def test_calendars_and_place_names() -> None:
    scotland = calendars.calendar_of("GB-SCT")
    assert (scotland.country, scotland.subdiv) == ("GB", "SCT")
    assert calendars.calendar_of("IE").subdiv is None
    assert calendars.holiday_calendar("GB-NIR").subdiv == "NIR"
    assert {code: calendars.name_of_place(code) for code in (
        "GB", "NL", "GB-SCT", "GB-WLS", "US-CA", "IE", "DE-BY")} == {
        "GB": "the United Kingdom", "NL": "the Netherlands", "GB-SCT": "Scotland",
        "GB-WLS": "Wales", "US-CA": "California, United States", "IE": "Ireland",
        "DE-BY": "Bayern, Germany"}
    assert calendars.place_name("GB-NIR") == "Northern Ireland"
    assert calendars.holidays_words("GB-ENG") == "bank holidays in England"
    assert calendars.holidays_words("NL") == "public holidays in the Netherlands"


def test_the_supported_codes() -> None:
    codes = calendars.supported_codes()
    assert all(len(country) == 2 for country in codes)
    assert {"ENG", "NIR", "SCT", "WLS"} <= set(codes["GB"])
    assert codes["IE"] == ()
    assert isinstance(codes["US"], tuple) and "CA" in codes["US"]
    assert calendars._supported() == codes


@pytest.mark.parametrize(("code", "words"), [
    ("GB-ENG", "Saturdays and Sundays"), ("IL", "Fridays and Saturdays")])
def test_weekend_words(code: str, words: str) -> None:
    assert calendars.weekend_words(code) == words


# -- unknown codes, and the project's option ------------------------------------------------

def test_a_list_of_subdivisions_up_to_twelve_else_a_guess() -> None:
    twelve = tuple(f"{n:02d}" for n in range(1, 13))
    assert calendars._subdivisions("ZZ-99", "ZZ", twelve) == "ZZ has " + ", ".join(
        f"ZZ-{n:02d}" for n in range(1, 13))
    assert calendars._subdivisions("ZZ-99", "ZZ", (*twelve, "13")) == (
        "did you mean 'ZZ-09'? If not, see the holidays package's list of the 13 "
        "subdivisions of ZZ")
    assert calendars._subdivisions("ZZ-Q", "ZZ", ()) == "ZZ has no subdivisions, write ZZ"
    # Canada: 13 subdivisions, so a guess and not a list
    assert calendars.problem("CA-XX") == (
        "unknown jurisdiction 'CA-XX': the holidays package has no subdivision 'XX' of CA; "
        "did you mean 'CA-YT'? If not, see the holidays package's list of the 13 "
        "subdivisions of CA")


@pytest.mark.parametrize(("config", "expected"), [
    ("site_name: x\nplugins:\n  casefile:\n    jurisdiction: GB-ENG\n", "GB-ENG"),  # a mapping
    ("site_name: x\nplugins:\n  - search\n  - casefile:\n      jurisdiction: GB-NIR\n", "GB-NIR"),
    ("site_name: x\n", None),  # no plugins at all: no default nation
    ("site_name: x\nplugins:\n  - casefile\n", None),  # the plugin without options
    ("site_name: x\nplugins:\n  - casefile:\n      jurisdiction:\n", None),  # empty
    ("site_name: x\nplugins:\n  - casefile:\n      jurisdiction: null\n", None),
    ("site_name: x\nplugins:\n  - casefile:\n      jurisdiction: [GB-ENG]\n", None),
    ("site_name: x\nplugins: [\n", None),  # not YAML: mkdocs itself reports it
])
def test_the_projects_jurisdiction(tmp_path: Path, config: str, expected: str | None) -> None:
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert calendars.project_jurisdiction(tmp_path) == (expected, [])


def test_a_wrong_option_is_located(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - casefile:\n      jurisdiction: Wales\n",
                                     encoding="utf-8")
    code, problems = calendars.project_jurisdiction(tmp_path)
    assert code is None
    assert [str(p) for p in problems] == [
        "mkdocs.yml:3:21: plugins.casefile.jurisdiction: 'Wales' is a name, not a code: "
        "write 'GB-WLS'"]


@pytest.mark.parametrize(("code", "message"), [
    ("GBR-SCT", "unknown jurisdiction 'GBR-SCT': write the two-letter code 'GB-SCT'"),
    ("Netherlands", "'Netherlands' is a name, not a code: write 'NL'"),  # "the Netherlands"
])
def test_more_codes_that_get_a_hint(code: str, message: str) -> None:
    assert calendars.problem(code) == message


def test_names_keep_their_small_words_small_and_a_far_code_gets_the_list() -> None:
    assert calendars.name_of_place("BA") == "Bosnia and Herzegovina"
    thirteen = tuple(f"{n:02d}" for n in range(1, 14))
    assert calendars._subdivisions("ZZ-QQQQQQ", "ZZ", thirteen) == (
        "see the holidays package's list of the 13 subdivisions of ZZ")
