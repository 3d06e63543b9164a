"""Cases are independent: each has its own as-of date and its own calendar of working days
(a jurisdiction code the holidays package knows). All data here is fictional."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.commands.cli import main
from casefile.errors import DataError
from casefile.model import calendars
from casefile.model.dates import add_months, add_period, add_working_days, is_working_day
from casefile.outputs.opendata import from_json, tables, to_json
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import (
    MINI,
    POWYS_DATA,
    REPO,
    add_second_case,
    copy_project,
    mkdocs_build,
    write_tree,
)

D = dt.date

# A second, fictional case in another jurisdiction, whose documents run to 2023.
CITY = {
    "bodies/city-council.yml": "id: city-council\nkind: local_authority\nnames:\n"
                               "  - name: Fictional City Council\n",
    "sources/city-letter.yml": """\
id: city-letter
title: Letter to Fictional City Council
publisher: inspectorate
kind: notice
published: 2023-02-01
language: en
""",
    "cases/city/case.yml": """\
id: city
title: Fictional City Council housing
subject: city-council
service: Housing
regulators: [inspectorate]
legal_basis: A fictional Act
status: open
reviewed: 2023-03-01
summary: A fictional case.
themes: [leadership]
jurisdiction: GB-SCT
cite: [city-letter]
""",
    "cases/city/records/city-notice.yml": """\
id: city-notice
type: warning_notice
title: Notice
date: 2018-12-31
body: inspectorate
summary: A fictional notice.
cite: [city-letter]
requirements:
  - id: req-city-plan
    text: Send a plan.
    due:
      within: 70
      unit: working_days
      from: event
    fulfilled_by: city-plan
    cite: [city-letter]
  - id: req-city-audit
    text: Commission an audit.
    due:
      date: 2023-01-20
    cite: [city-letter]
  - id: req-city-training
    text: Train the staff.
    reported:
      outcome: not_met
      by: inspectorate
      cite: [city-letter]
    cite: [city-letter]
""",
    "cases/city/records/city-plan.yml": """\
id: city-plan
type: improvement_plan
title: Plan
date: 2019-04-10
body: city-council
summary: A fictional plan.
cite: [city-letter]
""",
}

# The mini case gains a requirement still open at its own latest document (1 March 2018).
TOWN_OPEN = """\
requirements:
  - id: req-report
    text: Report back.
    due:
      date: 2018-06-01
    cite: [council-news]
"""


def two_cases(root: Path, **changes: str) -> Path:
    files = {**MINI, **CITY}
    follow_up = "cases/town/records/town-follow-up.yml"
    files[follow_up] += TOWN_OPEN
    for rel, text in changes.items():
        files[rel.replace(":", "/")] = text
    write_tree(root / "data", files)
    return root / "data"


def outcomes(data: Path, **options: object) -> dict[str, str]:
    dataset = load_dataset(data, use_cache=False, **options)  # type: ignore[arg-type]
    return {q.id: q.outcome.term.value for c in dataset.cases.values()  # type: ignore[union-attr]
            for q in c.requirements}


# -- working days in each calendar -------------------------------------------------------

def test_working_days_follow_each_nations_calendar() -> None:
    # 70 working days from Monday 31 December 2018, over Christmas and New Year: England
    # and Wales skip 1 January; Scotland also 2 January; Northern Ireland also St Patrick's
    # Day (Monday 18 March 2019, for Sunday 17 March). Good Friday is 19 April, later.
    start = D(2018, 12, 31)
    assert {code: add_working_days(start, 70, code)
            for code in ("GB-WLS", "GB-ENG", "GB-SCT", "GB-NIR")} == {
        "GB-WLS": D(2019, 4, 9), "GB-ENG": D(2019, 4, 9),
        "GB-SCT": D(2019, 4, 10), "GB-NIR": D(2019, 4, 10)}
    assert not is_working_day(D(2019, 1, 2), "GB-SCT")
    assert is_working_day(D(2019, 1, 2), "GB-ENG")
    assert not is_working_day(D(2019, 3, 18), "GB-NIR")
    # 26 December 2022 was a Monday and Christmas Day fell on a Sunday: substitute day 27th.
    assert add_working_days(D(2022, 12, 23), 1, "GB-ENG") == D(2022, 12, 28)


def test_a_non_uk_calendar_and_its_weekend() -> None:
    # Ireland: St Stephen's Day 26 December and St Patrick's Day 17 March 2020 (a Tuesday).
    assert add_working_days(D(2020, 3, 16), 1, "IE") == D(2020, 3, 18)
    assert add_working_days(D(2020, 3, 16), 1, "GB-ENG") == D(2020, 3, 17)
    # California: Cesar Chavez Day, Tuesday 31 March 2020, is a state holiday.
    assert add_working_days(D(2020, 3, 30), 1, "US-CA") == D(2020, 4, 1)
    # Israel's weekend is Friday and Saturday: Thursday 5 March 2020 + 1 is Sunday the 8th.
    assert add_working_days(D(2020, 3, 5), 1, "IL") == D(2020, 3, 8)
    assert calendars.weekend_words("IL") == "Fridays and Saturdays"


def test_calendars_are_named_for_readers() -> None:
    assert calendars.holidays_words("GB-SCT") == "bank holidays in Scotland"
    assert calendars.holidays_words("GB-NIR") == "bank holidays in Northern Ireland"
    assert calendars.holidays_words("IE") == "public holidays in Ireland"
    assert calendars.holidays_words("US-CA") == "public holidays in California, United States"
    assert calendars.holidays_words("NL") == "public holidays in the Netherlands"
    assert calendars.holidays_words("DE-BY") == "public holidays in Bayern, Germany"


@pytest.mark.parametrize(("code", "message"), [
    ("GB-WAL", "unknown jurisdiction 'GB-WAL': the holidays package has no subdivision 'WAL' "
               "of GB; GB has GB-ENG, GB-NIR, GB-SCT, GB-WLS"),
    ("UK", "'UK' is not an ISO 3166 code: the United Kingdom is GB; write GB-ENG, GB-NIR, "
           "GB-SCT or GB-WLS for one of its nations"),
    ("gb-sct", "unknown jurisdiction 'gb-sct': write it in capitals, 'GB-SCT'"),
    ("GBR", "unknown jurisdiction 'GBR': write the two-letter code 'GB'"),
    ("Ireland", "'Ireland' is a name, not a code: write 'IE'"),
    ("XX", "unknown jurisdiction 'XX'; write an ISO 3166 country code or ISO 3166-2 "
           "subdivision code that the holidays package knows, in capitals, e.g. GB-ENG, "
           "GB-NIR, GB-SCT, GB-WLS, IE or US-CA"),
    ("US-CAL", "unknown jurisdiction 'US-CAL': the holidays package has no subdivision 'CAL' "
               "of US; did you mean 'US-CA'? If not, see the holidays package's list of the "
               "57 subdivisions of US"),
    ("US-XX", "unknown jurisdiction 'US-XX': the holidays package has no subdivision 'XX' "
              "of US; did you mean 'US-TX'? If not, see the holidays package's list of the "
              "57 subdivisions of US"),
    ("GBB", "unknown jurisdiction 'GBB'; did you mean 'GB'? If not, write an ISO 3166 country "
            "code or ISO 3166-2 subdivision code that the holidays package knows, in capitals, "
            "e.g. GB-ENG, GB-NIR, GB-SCT, GB-WLS, IE or US-CA"),
    ("IE-D", "unknown jurisdiction 'IE-D': the holidays package has no subdivision 'D' of "
             "IE; IE has no subdivisions, write IE"),
])
def test_unknown_codes_get_a_hint(code: str, message: str) -> None:
    assert calendars.problem(code) == message


def test_an_unknown_jurisdiction_is_a_located_error(tmp_path: Path) -> None:
    case = CITY["cases/city/case.yml"].replace("GB-SCT", "Scotland")
    data = two_cases(tmp_path, **{"cases:city:case.yml": case})
    with pytest.raises(DataError) as caught:
        load_dataset(data, use_cache=False)
    assert [str(p) for p in caught.value.problems] == [
        "data/cases/city/case.yml:11:15: jurisdiction: 'Scotland' is a name, not a code: "
        "write 'GB-SCT'"]


# -- deadline units ----------------------------------------------------------------------

def test_months_and_years_clamp_to_the_month_end() -> None:
    assert add_months(D(2019, 1, 31), 1) == D(2019, 2, 28)
    assert add_months(D(2020, 1, 31), 1) == D(2020, 2, 29)  # leap year
    assert add_months(D(2019, 3, 31), 1) == D(2019, 4, 30)
    assert add_months(D(2019, 11, 30), 3) == D(2020, 2, 29)
    assert add_months(D(2019, 12, 15), 1) == D(2020, 1, 15)  # across a year end
    assert add_period(D(2020, 2, 29), 1, "years", "GB-ENG") == D(2021, 2, 28)
    assert add_period(D(2020, 2, 29), 4, "years", "GB-ENG") == D(2024, 2, 29)
    assert add_period(D(2019, 1, 31), 2, "weeks", "GB-ENG") == D(2019, 2, 14)
    assert add_period(D(2019, 1, 31), 28, "calendar_days", "GB-ENG") == D(2019, 2, 28)


def test_a_month_only_start_keeps_giving_a_window(tmp_path: Path) -> None:
    notice = CITY["cases/city/records/city-notice.yml"].replace("date: 2018-12-31",
                                                                "date: 2019-01")
    notice = notice.replace("within: 70\n      unit: working_days", "within: 1\n      unit: months")
    data = two_cases(tmp_path, **{"cases:city:records:city-notice.yml": notice})
    req = load_dataset(data, use_cache=False).cases["city"].requirements[0]
    assert req.outcome is not None
    assert (req.outcome.due_from, req.outcome.due_until) == (D(2019, 2, 1), D(2019, 2, 28))
    assert req.outcome.deadline == ("1 calendar month from the event (January 2019): due "
                                    "between 1 February 2019 and 28 February 2019, because "
                                    "the start date is not known to the day.")
    assert req.outcome.term.value == "met_late"  # the plan came on 10 April 2019


# -- outcomes: the due day itself, the day after ----------------------------------------

@pytest.mark.parametrize(("code", "plan_day", "expected"), [
    ("GB-SCT", "2019-04-10", "met_on_time"),  # due 10 April in Scotland: the day itself
    ("GB-SCT", "2019-04-11", "met_late"),     # the day after
    ("GB-ENG", "2019-04-09", "met_on_time"),  # due 9 April in England
    ("GB-ENG", "2019-04-10", "met_late"),
])
def test_due_day_and_the_day_after(tmp_path: Path, code: str, plan_day: str,
                                   expected: str) -> None:
    case = CITY["cases/city/case.yml"].replace("GB-SCT", code)
    plan = CITY["cases/city/records/city-plan.yml"].replace("2019-04-10", plan_day)
    data = two_cases(tmp_path, **{"cases:city:case.yml": case,
                                  "cases:city:records:city-plan.yml": plan})
    assert outcomes(data)["req-city-plan"] == expected


def test_the_deadline_names_its_calendar(tmp_path: Path) -> None:
    case = load_dataset(two_cases(tmp_path), use_cache=False).cases["city"]
    assert case.requirements[0].outcome.deadline == (  # type: ignore[union-attr]
        "70 working days from the event (31 December 2018), not counting weekends or bank "
        "holidays in Scotland: due 10 April 2019.")


NO_CALENDAR = "no jurisdiction is recorded for this case, so public holidays are not skipped"


def test_a_case_without_jurisdiction_has_no_calendar_but_weekends(tmp_path: Path) -> None:
    case = CITY["cases/city/case.yml"].replace("jurisdiction: GB-SCT\n", "")
    data = two_cases(tmp_path, **{"cases:city:case.yml": case})
    city = load_dataset(data, use_cache=False).cases["city"]
    assert (city.jurisdiction_given, city.jurisdiction) == (None, None)
    # 70 working days from Monday 31 December 2018, skipping Saturdays and Sundays only:
    # 1 January 2019 (a bank holiday in every UK nation) counts, so 14 weeks to the day.
    assert city.requirements[0].outcome.deadline == (  # type: ignore[union-attr]
        "70 working days from the event (31 December 2018), not counting Saturdays or Sundays "
        f"({NO_CALENDAR}): due 8 April 2019.")
    assert outcomes(data)["req-city-plan"] == "met_late"  # the plan came on 10 April
    city = load_dataset(data, use_cache=False, jurisdiction="GB-NIR").cases["city"]
    assert (city.jurisdiction_given, city.jurisdiction) == (None, "GB-NIR")  # the site's
    assert city.requirements[0].outcome.term.value == "met_on_time"  # type: ignore[union-attr]


def test_no_jurisdiction_counts_public_holidays_as_working_days() -> None:
    assert add_working_days(D(2018, 3, 29), 1, None) == D(2018, 3, 30)  # Good Friday
    assert add_working_days(D(2018, 3, 29), 1, "GB-WLS") == D(2018, 4, 3)
    assert add_working_days(D(2017, 12, 15), 20, None) == D(2018, 1, 12)  # methodology
    assert add_working_days(D(2017, 12, 15), 20, "GB-ENG") == D(2018, 1, 17)
    assert add_period(D(2018, 12, 28), 1, "working_days", None) == D(2018, 12, 31)
    assert not is_working_day(D(2018, 12, 29), None)  # a Saturday
    assert not is_working_day(D(2018, 12, 30), None)  # a Sunday
    assert is_working_day(D(2018, 12, 25), None)  # Christmas Day, a Tuesday


def deadlines(data: Path, **options: object) -> dict[str, tuple[str | None, str]]:
    dataset = load_dataset(data, use_cache=False, **options)  # type: ignore[arg-type]
    return {q.id: (q.outcome.deadline, q.outcome.term.value)  # type: ignore[union-attr]
            for c in dataset.cases.values() for q in c.requirements}


def test_the_powys_fixture_names_its_calendar_and_keeps_its_dates(tmp_path: Path) -> None:
    """The fixture's case says GB-WLS itself: its deadlines are what they were when GB-WLS
    was the site's default (the case file without the line, the option set to GB-WLS)."""
    case = POWYS_DATA / "cases" / "powys-childrens-services" / "case.yml"
    line = "jurisdiction: GB-WLS  # Wales: its bank holidays are skipped when counting " \
           "working days\n"
    assert line in case.read_text(encoding="utf-8")
    now = deadlines(POWYS_DATA)
    old = copy_project(tmp_path) / "data"
    moved = old / "cases" / "powys-childrens-services" / "case.yml"
    moved.write_text(moved.read_text(encoding="utf-8").replace(line, ""), encoding="utf-8")
    assert deadlines(old, jurisdiction="GB-WLS") == now
    assert len(now) >= 6 and deadlines(old) != now  # no calendar: the words differ


# -- each case as of its own latest document ---------------------------------------------

def test_cases_keep_their_own_outcomes(tmp_path: Path) -> None:
    data = two_cases(tmp_path)
    dataset = load_dataset(data, use_cache=False)
    town, city = dataset.cases["town"], dataset.cases["city"]
    assert (town.as_of, city.as_of) == (D(2018, 3, 1), D(2023, 2, 1))
    assert town.as_of_basis == "the date of the latest document in this case's records"
    # Due 1 June 2018; the town's records stop on 1 March 2018. A 2023 document in
    # another case must not make it past due.
    assert outcomes(data)["req-report"] == "outstanding"
    assert outcomes(data)["req-city-audit"] == "overdue"
    alone = tmp_path / "alone"
    write_tree(alone / "data", {**MINI, "cases/town/records/town-follow-up.yml":
                                MINI["cases/town/records/town-follow-up.yml"] + TOWN_OPEN})
    assert outcomes(alone / "data")["req-report"] == "outstanding"


def test_as_of_set_on_the_case_or_for_the_site(tmp_path: Path) -> None:
    town = MINI["cases/town/case.yml"].replace("status: open\n",
                                               "status: open\nas_of: 2018-06-02\n")
    data = two_cases(tmp_path, **{"cases:town:case.yml": town})
    dataset = load_dataset(data, use_cache=False)
    assert dataset.cases["town"].as_of == D(2018, 6, 2)
    assert outcomes(data)["req-report"] == "overdue"  # the day after it was due
    town = town.replace("2018-06-02", "2018-06-01")
    data = two_cases(tmp_path / "b", **{"cases:town:case.yml": town})
    assert outcomes(data)["req-report"] == "outstanding"  # the due day itself
    # A site-wide date applies to cases that set none; a case's own date wins.
    site = load_dataset(data, use_cache=False, as_of=D(2019, 1, 1))
    assert (site.cases["town"].as_of, site.cases["city"].as_of) == (D(2018, 6, 1),
                                                                     D(2019, 1, 1))
    assert site.cases["city"].as_of_basis == \
        "a date the editors set for this site"


def test_as_of_must_be_a_full_date(tmp_path: Path) -> None:
    town = MINI["cases/town/case.yml"].replace("status: open\n", "status: open\nas_of: 2018-06\n")
    data = two_cases(tmp_path, **{"cases:town:case.yml": town})
    with pytest.raises(DataError) as caught:
        load_dataset(data, use_cache=False)
    assert [str(p) for p in caught.value.problems] == [
        "data/cases/town/case.yml:8:8: as_of: '2018-06' is not a full date: outcomes are "
        "computed as of one day; write YYYY-MM-DD"]


# -- honest outcomes ---------------------------------------------------------------------

def test_past_due_is_never_worded_like_not_met(tmp_path: Path) -> None:
    reqs = {q.id: q for q in load_dataset(two_cases(tmp_path), use_cache=False)
            .cases["city"].requirements}
    audit, training = reqs["req-city-audit"].outcome, reqs["req-city-training"].outcome
    assert audit is not None and training is not None
    assert audit.term.label == "Past due: no record that it was met"
    assert audit.explanation == ("The deadline has passed and no document in the records, up "
                                 "to 1 February 2023, shows that it was met.")
    assert (training.term.value, training.term.label) == ("not_met", "Not met")
    assert training.explanation == ("No document in the records shows it was met. New "
                                    "Inspectorate reports it as: not met.")


# -- pages, open data and the check command ----------------------------------------------

def test_site_wide_pages_give_each_case_its_own_date(tmp_path: Path) -> None:
    renderer = Renderer(load_dataset(two_cases(tmp_path), use_cache=False), REPO / "macros")
    soup = BeautifulSoup(renderer.macro("case_list", "cases/index.md"), "html.parser")
    rows = {tr.th.get_text(strip=True): tr.find_all("td")[-1].get_text(" ", strip=True)
            for tr in soup.select("tbody tr")}
    assert rows["Town Council children's services"].endswith("as of 1 March 2018")
    assert rows["Fictional City Council housing"].endswith("as of 1 February 2023")
    view = renderer.views["city"]
    facts = BeautifulSoup(renderer.macro("case_facts", "cases/city.md", view=view),
                          "html.parser")
    terms = {dt_.get_text(strip=True): " ".join(dt_.find_next_sibling("dd").get_text().split())
             for dt_ in facts.find_all("dt")}
    assert terms["Outcomes computed as of"] == \
        "1 February 2023, the date of the latest document in this case's records"
    assert terms["Working days skip"] == \
        "weekends and bank holidays in Scotland (calendar GB-SCT)"
    table = BeautifulSoup(renderer.macro("case_calendars", "methodology.md"), "html.parser")
    assert [[td.get_text(" ", strip=True) for td in tr.find_all("td")[:2]]
            for tr in table.select("tbody tr")] == [
        ["GB-SCT", "weekends and bank holidays in Scotland"],
        ["None recorded", f"Saturdays and Sundays only: {NO_CALENDAR}"]]
    town = BeautifulSoup(renderer.macro("case_facts", "cases/town.md",
                                        view=renderer.views["town"]), "html.parser")
    skip = next(d for d in town.find_all("dt") if d.get_text(strip=True) == "Working days skip")
    assert " ".join(skip.find_next_sibling("dd").get_text().split()) == \
        f"Saturdays and Sundays only: {NO_CALENDAR}"
    assert skip.find_next_sibling("dd").code is None  # no calendar code is named
    site = Renderer(load_dataset(two_cases(tmp_path / "b"), use_cache=False,
                                 jurisdiction="GB-ENG"), REPO / "macros")
    table = BeautifulSoup(site.macro("case_calendars", "methodology.md"), "html.parser")
    assert [tr.td.get_text(" ", strip=True) for tr in table.select("tbody tr")] == [
        "GB-SCT", "GB-ENG (the site's default)"]


def test_open_data_carries_each_cases_date_and_calendar(tmp_path: Path) -> None:
    dataset = load_dataset(two_cases(tmp_path), use_cache=False, jurisdiction="GB-ENG")
    exported = to_json(dataset)
    cases = {c["id"]: c for c in exported["cases"]}
    assert (cases["town"]["jurisdiction"], cases["city"]["jurisdiction"]) == ("GB-ENG", "GB-SCT")
    assert cases["city"]["derived"]["as_of"] == "2023-02-01" and "as_of" not in cases["city"]
    back = from_json(exported)  # the import's own default (GB-WLS) must not matter
    assert to_json(back) == exported
    header, *rows = tables([dataset.cases["city"]])["deadlines"].splitlines()
    assert header.endswith(",as_of,jurisdiction")
    assert all(row.endswith(",2023-02-01,GB-SCT") for row in rows)


def test_check_uses_the_projects_jurisdiction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    two_cases(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - search\n  - casefile:\n      jurisdiction: GB-ENG\n",
        encoding="utf-8")
    assert calendars.project_jurisdiction(tmp_path) == ("GB-ENG", [])
    assert main(["check", "--full"]) == 0
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - casefile:\n      jurisdiction: GB-WAL\n", encoding="utf-8")
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "mkdocs.yml:4:21: plugins.casefile.jurisdiction: unknown jurisdiction 'GB-WAL': the "
        "holidays package has no subdivision 'WAL' of GB; GB has GB-ENG, GB-NIR, GB-SCT, GB-WLS")
    (tmp_path / "mkdocs.yml").unlink()
    assert calendars.project_jurisdiction(tmp_path) == (None, [])  # no default nation


WARNING = ("data/cases/{}/case.yml:1:1: warning: no jurisdiction: working days will skip "
           "weekends only; add `jurisdiction: GB-ENG` (or the code for where the case is) so "
           "public holidays are skipped too")


def test_check_warns_of_a_case_with_no_jurisdiction(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    two_cases(tmp_path)  # the town case names no jurisdiction; the city names GB-SCT
    monkeypatch.chdir(tmp_path)
    for args in (["check", "--full"], ["check"]):  # the full check, then the quick one
        assert main(args) == 0  # a warning, never a failure
        out, err = capsys.readouterr()
        assert out.startswith("casefile: data OK: 2 case(s)")
        assert err.splitlines() == [WARNING.format("town")]
    assert main(["check", "--format", "github"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == (
        "::warning file=data/cases/town/case.yml,line=1,col=1,title=casefile check::"
        + WARNING.format("town").split(": warning: ")[1])
    city = tmp_path / "data" / "cases" / "city" / "case.yml"
    city.write_text(city.read_text(encoding="utf-8").replace("jurisdiction: GB-SCT\n", ""),
                    encoding="utf-8")
    assert main(["check"]) == 0  # the quick check, relinking the changed case
    assert capsys.readouterr().err.splitlines() == [WARNING.format("city"),
                                                    WARNING.format("town")]
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - casefile:\n      jurisdiction: GB-ENG\n", encoding="utf-8")
    assert main(["check"]) == 0  # the site's calendar covers them: nothing to warn of
    assert capsys.readouterr().err == ""


def test_a_plugin_option_is_read_from_the_projects_mkdocs_yml(tmp_path: Path) -> None:
    """`casefile check` reads require_copies this way (in a subprocess in test_copies)."""
    assert calendars.plugin_option(tmp_path, "require_copies") is None  # no mkdocs.yml
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - search\n  - casefile:\n      require_copies: true\n"
        "      jurisdiction: GB-WLS\n", encoding="utf-8")
    option = calendars.plugin_option(tmp_path, "require_copies")
    assert option is not None and option.value == "true"
    option = calendars.plugin_option(tmp_path, "jurisdiction")
    assert option is not None and option.value == "GB-WLS"
    assert calendars.plugin_option(tmp_path, "as_of") is None


def test_the_plugin_option_sets_the_default_and_is_checked(tmp_path: Path) -> None:
    root = copy_project(tmp_path, data=False)
    two_cases(root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    option = "      macros_dir: macros\n"
    assert option in config
    (root / "mkdocs.yml").write_text(config.replace(option, option + "      jurisdiction: XX\n"),
                                     encoding="utf-8")
    failed = mkdocs_build(root)
    assert failed.returncode == 1 and not (root / "site").exists()
    assert "Plugin 'casefile' option 'jurisdiction': unknown jurisdiction 'XX'" \
        in failed.stderr and "Traceback" not in failed.stderr
    (root / "mkdocs.yml").write_text(config.replace(option, option + "      jurisdiction: "
                                                    "GB-NIR\n"), encoding="utf-8")
    built = mkdocs_build(root)
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup((root / "site" / "cases" / "town" / "index.html").read_text("utf-8"),
                         "html.parser")
    facts = {d.get_text(strip=True): " ".join(d.find_next_sibling("dd").get_text().split())
             for d in page.select("dl.cf-facts dt")}
    assert facts["Working days skip"] == \
        "weekends and bank holidays in Northern Ireland (calendar GB-NIR)"


def test_as_of_is_shown_only_as_precisely_as_the_document_gives_it(mini: Path) -> None:
    """A latest document dated only "2019" must not become "1 January 2019" for readers;
    outcomes are still computed from its first possible day."""
    news = mini / "sources" / "council-news.yml"
    news.write_text(news.read_text("utf-8").replace("published: 2018-03", "published: 2019"))
    town = load_dataset(mini, use_cache=False).cases["town"]
    assert town.as_of == D(2019, 1, 1) and town.as_of_shown is not None
    assert town.as_of_shown.human() == "2019"
    plan = town.requirements[0].outcome
    assert plan is not None and plan.term.value == "overdue"
    assert plan.explanation == ("The deadline has passed and no document in the records, up "
                                "to 2019, shows that it was met.")
    facts = Renderer(load_dataset(mini, use_cache=False), REPO / "macros")
    html = BeautifulSoup(facts.macro("case_facts", "cases/town.md", view=facts.views["town"]),
                         "html.parser")
    dd = next(d for d in html.find_all("dt") if d.get_text() == "Outcomes computed as of")
    assert " ".join(dd.find_next_sibling("dd").get_text().split()) == \
        "2019, the date of the latest document in this case's records"


def test_the_second_case_fixture_is_set_in_england(tmp_path: Path) -> None:
    """tests/projects/second-case says it is in England: it must not take the site default."""
    write_tree(tmp_path / "data", MINI)
    data = add_second_case(tmp_path / "data")
    case_id = "fictional-borough-childrens-services"
    ds = load_dataset(data, use_cache=False)
    assert (ds.cases[case_id].jurisdiction_given, ds.cases[case_id].jurisdiction) == (
        "GB-ENG", "GB-ENG")
    view = Renderer(ds, REPO / "macros").views[case_id]
    assert view.working_days == "weekends and bank holidays in England"
    assert view.requirements[0].outcome.deadline == (
        "20 working days from publication (1 March 2023), not counting weekends or bank "
        "holidays in England: due 29 March 2023.")


def test_a_case_with_nothing_dated_is_as_of_the_build_day_and_says_so(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never "as of 1 January 1970": a case whose records and sources carry no date yet."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 1 January 2027
    write_tree(mini, {
        "sources/undated.yml": "id: undated\ntitle: An undated page\npublisher: town-council\n"
                               "kind: other\npublished_note: The page gives no date.\n"
                               "language: en\n",
        "cases/quiet/case.yml": MINI["cases/town/case.yml"].replace("id: town", "id: quiet")
        .replace("cite: [report-2017]", "cite: [undated]").split("money:")[0]
        + "cite: [undated]\n"})
    quiet = load_dataset(mini, use_cache=False).cases["quiet"]
    assert quiet.as_of == D(2027, 1, 1)
    assert quiet.as_of_basis == ("the day this site was built: no document in this case's "
                                 "records has a date yet")
