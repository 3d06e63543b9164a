"""Dates of events: periods (date … until), order within a month (after), and dates in
the future of the build. The data is fictional (the Town Council of tests/conftest.py)."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.errors import DataError
from casefile.model.dates import PartialDate, human_range
from casefile.model.objects import Dataset
from casefile.model.views import by_theme, cross_timeline
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import MINI, REPO, write_mini
from tests.test_link import problems

INSPECTION = "cases/town/records/town-inspection.yml"
FOLLOW = "cases/town/records/town-follow-up.yml"


@pytest.mark.parametrize(("start", "end", "text"), [
    ("2022-11", "2022-12", "November to December 2022"),
    ("2019-03-12", "2019-03-14", "12 to 14 March 2019"),
    ("2019-03", "2020-01", "March 2019 to January 2020"),
    ("2019-03-30", "2019-04-02", "30 March to 2 April 2019"),
    ("2019-12-30", "2020-01-02", "30 December 2019 to 2 January 2020"),
    ("2019", "2020", "2019 to 2020"),
    ("2019-03", "2019-04-02", "March 2019 to 2 April 2019"),
    ("2019-03-12", "2019-03-12", "12 March 2019"),
])
def test_periods_in_words(start: str, end: str, text: str) -> None:
    assert human_range(PartialDate.parse(start), PartialDate.parse(end)) == text


def record(ident: str, date: str, extra: str = "") -> str:
    return (f"id: {ident}\ntype: other\ntitle: {ident} title\ndate: {date}\nbody: town-council\n"
            f"summary: Something happened.\ncite: [council-news]\n{extra}")


def timeline_html(ds: Dataset) -> BeautifulSoup:
    r = Renderer(ds, REPO / "macros")
    return BeautifulSoup(r.macro("timeline", "cases/town.md", view=r.views["town"]),
                         "html.parser")


# -- periods -----------------------------------------------------------------------------
def test_a_period_is_shown_with_both_ends(tmp_path: Path) -> None:
    ds = load_dataset(write_mini(tmp_path, {INSPECTION: ("date: 2017-07\n",
                                                    "date: 2017-07\nuntil: 2017-08\n")}))
    head = timeline_html(ds).select_one("#ev-town-inspection > h3")
    assert [(t["datetime"], t.get_text()) for t in head.find_all("time")][:2] == [
        ("2017-07", "July"), ("2017-08", "August 2017")]
    assert head.get_text(" ", strip=True).startswith("July to August 2017 Inspection")
    published = timeline_html(ds).select_one("#ev-town-inspection-published p")
    assert published.get_text(" ", strip=True).startswith(
        "The report of the inspection of July to August 2017 was published.")


@pytest.mark.parametrize("until", ["2017-07", "2017-07-01", "2017"])
def test_a_period_may_end_in_the_month_it_starts(tmp_path: Path, until: str) -> None:
    ds = load_dataset(write_mini(tmp_path, {INSPECTION: ("date: 2017-07\n",
                                                    f"date: 2017-07\nuntil: {until}\n")}))
    assert ds.cases["town"].records[0].until == PartialDate.parse(until)


@pytest.mark.parametrize(("until", "words"), [("2017-06", "June 2017"),
                                              ("2017-06-30", "30 June 2017"),
                                              ("2016", "2016")])
def test_a_period_cannot_end_before_it_starts(tmp_path: Path, until: str, words: str) -> None:
    got = problems(tmp_path, {INSPECTION: ("date: 2017-07\n", f"date: 2017-07\nuntil: {until}\n")})
    assert got == [f"data/{INSPECTION}:5:8: until: the event cannot end ({words}) before it "
                   "starts (July 2017); until must be on or after date"]


# -- order within a month ----------------------------------------------------------------
BOARD = "cases/town/records/town-a-board.yml"
PLAN = "cases/town/records/town-z-plan.yml"
VILLAGE = {"cases/village/case.yml": MINI["cases/town/case.yml"].replace("id: town", "id: village"),
           "cases/village/records/village-b-visit.yml":
               record("village-b-visit", "2018-03", "after: village-c-letter\n"),
           "cases/village/records/village-c-letter.yml": record("village-c-letter", "2018")}


def test_after_orders_events_of_the_same_month(tmp_path: Path) -> None:
    plain = load_dataset(write_mini(tmp_path / "plain", {BOARD: record("town-a-board", "2018-03"),
                                                    PLAN: record("town-z-plan", "2018-03")}))
    ordered = load_dataset(write_mini(tmp_path / "after", {
        BOARD: record("town-a-board", "2018-03", "after: town-z-plan\n"),
        PLAN: record("town-z-plan", "2018-03")}))
    order = ["ev-town-inspection", "ev-town-inspection-published", "ev-town-follow-up"]
    assert [li["id"] for li in timeline_html(plain).select("ol > li")] == [
        *order, "ev-town-a-board", "ev-town-z-plan"]
    assert [li["id"] for li in timeline_html(ordered).select("ol > li")] == [
        *order, "ev-town-z-plan", "ev-town-a-board"]


def test_cross_case_timeline_follows_after(tmp_path: Path) -> None:
    ds = load_dataset(write_mini(tmp_path, {BOARD: record("town-a-board", "2018-03",
                                                     "after: town-z-plan\n"),
                                       PLAN: record("town-z-plan", "2018-03"), **VILLAGE}))
    views = Renderer(ds, REPO / "macros").views
    # village-c-letter is dated only "2018", so without 'after' it would come first
    assert [(v.case.id, e.anchor) for e, v in cross_timeline(views)] == [
        ("town", "town-inspection"), ("town", "town-inspection-published"),
        ("village", "village-c-letter"), ("town", "town-follow-up"),
        ("town", "town-z-plan"), ("town", "town-a-board"), ("village", "village-b-visit")]
    page = BeautifulSoup(Renderer(ds, REPO / "macros").pages()["timeline.md"], "html.parser")
    assert [a["href"].split("#")[1] for a in page.select("ol.cf-timeline--all a")][3:] == [
        "ev-town-follow-up", "ev-town-z-plan", "ev-town-a-board", "ev-village-b-visit"]


@pytest.mark.parametrize(("after", "date", "message"), [
    ("town-z-plam", "2018-03", "no record with id 'town-z-plam'; did you mean 'town-z-plan'?"),
    ("town-a-board", "2018-03", "a record cannot come after itself; name the record "
     "'town-a-board' followed"),
    ("village-c-letter", "2018-03", "record 'village-c-letter' belongs to case 'village', not "
     "'town'; after must name a record of the same case"),
    ("town-z-plan", "2018-02", "this record is dated February 2018, before record "
     "'town-z-plan' (March 2018) that it is said to come after"),
])
def test_bad_after_is_located(tmp_path: Path, after: str, date: str, message: str) -> None:
    got = problems(tmp_path, {BOARD: record("town-a-board", date, f"after: {after}\n"),
                              PLAN: record("town-z-plan", "2018-03"), **VILLAGE})
    assert got == [f"data/{BOARD}:8:8: after: {message}"]


def test_after_may_not_loop(tmp_path: Path) -> None:
    got = problems(tmp_path, {BOARD: record("town-a-board", "2018-03", "after: town-z-plan\n"),
                              PLAN: record("town-z-plan", "2018", "after: town-a-board\n")})
    assert got == [
        f"data/{BOARD}:8:8: after: 'after' goes round in a loop: town-a-board → town-z-plan → "
        "town-a-board; one of these records must not say it comes after another",
        f"data/{PLAN}:8:8: after: 'after' goes round in a loop: town-z-plan → town-a-board → "
        "town-z-plan; one of these records must not say it comes after another"]


# -- dates in the future -----------------------------------------------------------------
def build_on(monkeypatch: pytest.MonkeyPatch, day: dt.date, data: Path | None = None) -> None:
    """Build on ``day``; in the data folder ``data`` the case's review and the source's
    access dates (2020 in the fixture) are moved back to that day."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(calendar.timegm(day.timetuple())))
    for rel, key in (("cases/town/case.yml", "reviewed"), ("sources/report-2017.yml",
                                                            "accessed")):
        if data is not None:
            path = data / rel
            path.write_text(path.read_text("utf-8").replace(f"{key}: 2020-01-01",
                                                            f"{key}: {day.isoformat()}"), "utf-8")


def future(when: str, today: str) -> str:
    return f"{when} is in the future: this build is dated {today}; check the year, or add " \
           "the record once it has happened"


def test_a_record_dated_on_the_build_day_is_allowed(mini: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    build_on(monkeypatch, dt.date(2018, 3, 1), mini)
    assert load_dataset(mini).cases["town"].records[-1].id == "town-follow-up"


def test_a_record_dated_the_day_after_the_build_is_refused(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_on(monkeypatch, dt.date(2018, 2, 28), mini)
    with pytest.raises(DataError) as caught:
        load_dataset(mini)
    assert [str(p) for p in caught.value.problems] == [
        f"data/{FOLLOW}:4:7: date: {future('1 March 2018', '28 February 2018')}",
        "data/sources/council-news.yml:5:12: published: "
        f"{future('March 2018', '28 February 2018')}"]


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(2017, 10, 2), []),  # published that very day
    (dt.date(2017, 10, 1), [f"data/{INSPECTION}:5:12: published: "
                            f"{future('2 October 2017', '1 October 2017')}"]),
    (dt.date(2017, 7, 1), [f"data/{INSPECTION}:5:12: published: "
                           f"{future('2 October 2017', '1 July 2017')}"]),  # July 2017 began
    (dt.date(2017, 6, 30), [f"data/{INSPECTION}:4:7: date: {future('July 2017', '30 June 2017')}",
                            f"data/{INSPECTION}:5:12: published: "
                            f"{future('2 October 2017', '30 June 2017')}"]),
])
def test_month_dates_are_future_only_once_the_month_has_not_begun(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: dt.date,
        expected: list[str]) -> None:
    data = write_mini(tmp_path, {FOLLOW: record("town-follow-up", "2017-06")})
    build_on(monkeypatch, day)
    try:
        load_dataset(data)
        problems: list[str] = []
    except DataError as caught:  # other files' dates (sources, statements) may be later
        problems = [str(p) for p in caught.problems]
    own = (f"data/{INSPECTION}:4:", f"data/{INSPECTION}:5:")  # its date and published
    assert [p for p in problems if p.startswith(own)] == expected


def test_an_end_in_the_future_is_refused(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    build_on(monkeypatch, dt.date(2018, 12, 31))
    got = problems(tmp_path, {"cases/town/case.yml": ("reviewed: 2020-01-01", "reviewed: 2018"),
                              "sources/report-2017.yml": ("accessed: 2020-01-01", "accessed: 2018"),
                              FOLLOW: ("date: 2018-03-01\n", "date: 2018-03-01\nuntil: 2019\n")})
    assert got == [f"data/{FOLLOW}:5:8: until: {future('2019', '31 December 2018')}"]


def test_every_date_of_every_file_may_not_be_in_the_future(
        mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not only records: a source, a case's review, its as_of and a statement in a record
    dated after the build would each make the site claim more than the records show."""
    build_on(monkeypatch, dt.date(2019, 1, 1))
    with pytest.raises(DataError) as caught:
        load_dataset(mini)
    today = "1 January 2019"
    assert [str(p) for p in caught.value.problems] == [
        f"data/cases/town/case.yml:8:11: reviewed: {future('1 January 2020', today)}",
        f"data/sources/report-2017.yml:7:11: accessed: {future('1 January 2020', today)}"]
    case = mini / "cases" / "town" / "case.yml"
    case.write_text(case.read_text("utf-8").replace("reviewed: 2020-01-01",
                                                    "reviewed: 2018-12-31\nas_of: 2019-01-02"))
    record = mini / "cases" / "town" / "records" / "town-inspection.yml"
    record.write_text(record.read_text("utf-8").replace("    date: 2017-10\n",
                                                        "    date: 2019-02\n"))
    source = mini / "sources" / "report-2017.yml"
    source.write_text(source.read_text("utf-8").replace("accessed: 2020-01-01",
                                                        "accessed: 2018-12-31"))
    with pytest.raises(DataError) as caught:
        load_dataset(mini)
    assert [str(p) for p in caught.value.problems] == [
        f"data/cases/town/case.yml:9:8: as_of: {future('2 January 2019', today)}",
        "data/cases/town/records/town-inspection.yml:26:11: statements[0].date: "
        f"{future('February 2019', today)}"]


def test_as_of_may_not_come_before_the_case_records(mini: Path) -> None:
    case = mini / "cases" / "town" / "case.yml"
    case.write_text(case.read_text("utf-8").replace("status: open\n",
                                                    "status: open\nas_of: 2018-02-28\n"))
    with pytest.raises(DataError) as caught:
        load_dataset(mini)
    assert [str(p) for p in caught.value.problems] == [
        "data/cases/town/case.yml:8:8: as_of: 28 February 2018 is before record "
        "'town-follow-up' (1 March 2018): outcomes as of that day cannot use it; remove as_of "
        "or give a day on or after 1 March 2018"]
    case.write_text(case.read_text("utf-8").replace("as_of: 2018-02-28", "as_of: 2018-03-01"))
    assert load_dataset(mini).cases["town"].as_of == dt.date(2018, 3, 1)


def test_after_orders_the_findings_table_and_themes_too(tmp_path: Path) -> None:
    """Both records date to March 2018; 'after' puts the board's after the follow-up's in
    the findings table's columns and makes it the latest assessment on the themes page."""
    assess = ("assessments:\n  - finding: f-leadership\n    status: {}\n"
              "    asserted_by: town-council\n    note: Noted.\n    cite: [council-news]\n")
    data = write_mini(tmp_path, {
        "cases/town/records/town-a-board.yml": record(
            "town-a-board", "2018-03", "after: town-follow-up\n" + assess.format("concern")),
    })
    ds = load_dataset(data)
    assert [r.id for r in ds.cases["town"].records] == [
        "town-inspection", "town-follow-up", "town-a-board"]
    r = Renderer(ds, REPO / "macros")
    group = r.views["town"].matrices[0]
    assert [c.id for c in group.columns] == ["town-follow-up", "town-a-board"]
    (_theme, items), = [(t, i) for t, i in by_theme(ds, r.views) if t.id == "leadership"]
    assert items[0].latest is not None and items[0].latest.record.id == "town-a-board"
    unordered = load_dataset(write_mini(tmp_path / "b", {
        "cases/town/records/town-a-board.yml": record("town-a-board", "2018-03",
                                                      assess.format("concern"))}))
    assert [c.id for c in Renderer(unordered, REPO / "macros").views["town"].matrices[0]
            .columns] == ["town-follow-up", "town-a-board"]  # without it: the day first,
    # then the month that holds it (as the finding pages order them), never by id (#12 G1)


def test_a_span_of_days_is_shown_in_its_words_and_ordered_by_its_first_and_last_day() -> None:
    autumn = PartialDate.span(dt.date(2022, 9, 1), dt.date(2022, 11, 30), "autumn 2022")
    assert (autumn.human(), autumn.iso(), autumn.precision) == ("autumn 2022", "2022", "span")
    assert (autumn.earliest, autumn.latest) == (dt.date(2022, 9, 1), dt.date(2022, 11, 30))
    assert PartialDate(2022) < autumn < PartialDate(2022, 9, 2) < PartialDate(2022, 12)
    june = PartialDate.span(dt.date(2021, 6, 1), dt.date(2021, 6, 10), "early June 2021")
    assert june.iso() == "2021-06"
    winter = PartialDate.span(dt.date(2022, 12, 1), dt.date(2023, 2, 28), "winter 2022 to 2023")
    assert winter.iso() == "2022"
    assert human_range(autumn, winter) == "autumn 2022 to winter 2022 to 2023"
    with pytest.raises(ValueError, match="must not end"):
        PartialDate.span(dt.date(2022, 2, 1), dt.date(2022, 1, 1), "backwards")


@pytest.mark.parametrize("due", ["2030-06-30", "by the end of 2030", "2030-06"])
def test_a_deadline_after_the_build_day_is_allowed(tmp_path: Path, due: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A deadline looks forward: only what has happened must not be in the future."""
    extra = (f"requirements:\n  - id: req-later\n    text: Do it.\n    due:\n      date: {due}\n"
             "    cite: [council-news]\n")
    data = write_mini(tmp_path, {FOLLOW: record("town-follow-up", "2018-03-01", extra)})
    build_on(monkeypatch, dt.date(2018, 3, 1), data)
    requirement = load_dataset(data).cases["town"].requirements[-1]
    assert requirement.id == "req-later" and requirement.outcome is not None
    assert requirement.outcome.term.value == "outstanding"


def test_a_level_announced_to_take_effect_after_the_build_day_is_allowed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = ("oversight:\n  - framework: council-intervention\n    level: commissioners_appointed\n"
             "    effective: 2018-04-01\n    cite: [council-news]\n")
    data = write_mini(tmp_path, {FOLLOW: record("town-follow-up", "2018-03-01", extra)})
    build_on(monkeypatch, dt.date(2018, 3, 1), data)
    change = load_dataset(data).cases["town"].records[-1].oversight[0]
    assert change.effective == PartialDate(2018, 4, 1)
