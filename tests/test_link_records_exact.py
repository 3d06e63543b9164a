"""The parts of a record that point at other records (casefile.model.link_records):
assessments, requirements (due, fulfilled, superseded, reported, progress) and statements.
Each check gives its exact located problem, and each part that links gives exactly the
objects it names (found by mutation testing, #17). Data: the fictional Town Council
fixture (tests/conftest.py MINI), with a copy of its case as "city" where two cases are
needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.model.dates import PartialDate
from casefile.pipeline import load_dataset
from tests.conftest import MINI, write_mini

INS = "cases/town/records/town-inspection.yml"
FOLLOW = "cases/town/records/town-follow-up.yml"
EARLIER = "cases/town/records/town-earlier.yml"
REQ_CITE = "      from: publication\n    cite: [report-2017]\n"
ASSESSMENT = ("assessments:\n  - finding: f-leadership\n    status: improving\n"
              "    asserted_by: town-council\n    note: Better.\n    cite: [council-news]\n")


def problems(tmp_path: Path, changes: dict[str, tuple[str, str] | str]) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(write_mini(tmp_path, changes), use_cache=False)
    return [str(p) for p in caught.value.problems]


def case(tmp_path: Path, changes: dict[str, tuple[str, str] | str]) -> m.Case:
    return load_dataset(write_mini(tmp_path, changes), use_cache=False).cases["town"]


def city() -> dict[str, tuple[str, str] | str]:
    """A second case, "city", a copy of town with its own ids."""
    def rename(text: str) -> str:
        for old, new in (("town-inspection", "city-inspection"), ("id: town\n", "id: city\n"),
                         ("town-follow-up", "city-follow-up"), ("f-leadership", "f-city"),
                         ("req-plan", "req-city")):
            text = text.replace(old, new)
        return text
    return {rename(rel.replace("cases/town/", "cases/city/")): rename(text)
            for rel, text in MINI.items() if rel.startswith("cases/town/")}


def record(ident: str, date: str, extra: str = "") -> str:
    return (f"id: {ident}\ntype: warning_notice\ntitle: {ident} title\ndate: {date}\n"
            f"body: inspectorate\nsummary: A record.\ncite: [report-2017]\n{extra}")


# Assessments


def test_an_assessment_links_the_finding_status_body_and_sources(tmp_path: Path) -> None:
    follow = case(tmp_path, {}).records[1]
    [a] = follow.assessments
    assert (a.finding.id, a.status.value, a.asserted_by.id, a.asserter.value, a.note) == (
        "f-leadership", "improving", "town-council", "self", "Better.")
    assert [c.source.id for c in a.cites] == ["council-news"]
    assert a.record is follow and a.finding.record.id == "town-inspection"


def test_an_assessment_may_not_name_another_cases_finding(tmp_path: Path) -> None:
    other = city()
    rel = "cases/city/records/city-follow-up.yml"
    other[rel] = str(other[rel]).replace("finding: f-city", "finding: f-leadership")
    assert problems(tmp_path, other) == [
        f"data/{rel}:9:14: assessments[0].finding: finding 'f-leadership' belongs to case "
        "'town', not 'city'"]


def test_a_record_cannot_assess_its_own_finding(tmp_path: Path) -> None:
    assert problems(tmp_path, {INS: MINI[INS] + ASSESSMENT.replace("council-news",
                                                                   "report-2017")}) == [
        f"data/{INS}:30:14: assessments[0].finding: a record cannot assess its own finding "
        "'f-leadership'"]


def test_an_assessment_on_the_day_the_finding_was_raised_is_accepted(tmp_path: Path) -> None:
    # the finding's record is dated July 2017: its first day is not before it
    town = case(tmp_path, {FOLLOW: ("date: 2018-03-01", "date: 2017-07-01")})
    follow = next(r for r in town.records if r.id == "town-follow-up")
    assert [a.finding.id for a in follow.assessments] == ["f-leadership"]


def test_one_assessment_per_finding(tmp_path: Path) -> None:
    again = ASSESSMENT.removeprefix("assessments:\n").replace("improving", "improved")
    assert problems(tmp_path, {FOLLOW: MINI[FOLLOW] + again}) == [
        f"data/{FOLLOW}:14:14: assessments[1].finding: finding 'f-leadership' is already "
        "assessed in this record; give one assessment per finding, with several citations "
        "if needed"]


def test_an_assessment_by_an_unknown_body_is_one_problem(tmp_path: Path) -> None:
    assert problems(tmp_path, {FOLLOW: ("asserted_by: town-council",
                                        "asserted_by: town-councill")}) == [
        f"data/{FOLLOW}:11:18: assessments[0].asserted_by: no body with id 'town-councill'; "
        "did you mean 'town-council'?"]


# Requirements: the records that fulfil or supersede them


def test_a_requirement_links_the_records_that_fulfil_and_supersede_it(tmp_path: Path) -> None:
    later = record("town-earlier", "2017-07-01")  # the first day of the inspection's month
    town = case(tmp_path, {EARLIER: later, INS: (
        REQ_CITE, "      from: publication\n    fulfilled_by: town-follow-up\n"
        "    superseded_by: town-earlier\n    cite: [report-2017]\n")})
    [req] = town.requirements
    assert (req.id, req.text, req.record.id) == ("req-plan", "Produce a plan.", "town-inspection")
    assert req.fulfilled_by is not None and req.fulfilled_by.id == "town-follow-up"
    assert req.superseded_by is not None and req.superseded_by.id == "town-earlier"
    assert [c.source.id for c in req.cites] == ["report-2017"]
    assert req.reported is None and req.progress == []


@pytest.mark.parametrize("key", ["fulfilled_by", "superseded_by"])
def test_a_requirement_is_not_fulfilled_or_superseded_by_its_own_record(
        tmp_path: Path, key: str) -> None:
    assert problems(tmp_path, {INS: (REQ_CITE, f"      from: publication\n    {key}: "
                                     "town-inspection\n    cite: [report-2017]\n")}) == [
        f"data/{INS}:23:{len(key) + 7}: requirements[0].{key}: 'town-inspection' is the record "
        f"that sets this requirement; {key} must name a later record"]


def test_a_requirement_is_not_fulfilled_by_another_cases_record(tmp_path: Path) -> None:
    assert problems(tmp_path, {**city(), INS: (REQ_CITE, "      from: publication\n"
                                               "    fulfilled_by: city-follow-up\n"
                                               "    cite: [report-2017]\n")}) == [
        f"data/{INS}:23:19: requirements[0].fulfilled_by: record 'city-follow-up' belongs to "
        "case 'city', not 'town'"]


def test_a_requirement_is_not_superseded_by_an_earlier_record(tmp_path: Path) -> None:
    assert problems(tmp_path, {EARLIER: record("town-earlier", "2017-06-30"), INS: (
        REQ_CITE, "      from: publication\n    superseded_by: town-earlier\n"
        "    cite: [report-2017]\n")}) == [
        f"data/{INS}:23:20: requirements[0].superseded_by: record 'town-earlier' (30 June "
        "2017) is dated before the record that sets this requirement (July 2017)"]


# Requirements: reported outcomes, deadlines and progress


REPORTED = ("      from: publication\n    reported:\n      outcome: partly_met\n"
            "      by: inspectorate\n      cite: [council-news]\n    cite: [report-2017]\n")


def test_a_reported_outcome_links_its_body_and_sources(tmp_path: Path) -> None:
    reported = case(tmp_path, {INS: (REQ_CITE, REPORTED)}).requirements[0].reported
    assert reported is not None
    assert (reported.outcome.value, reported.by.id) == ("partly_met", "inspectorate")
    assert reported.asserter is not None and reported.asserter.value == "regulator"
    assert [c.source.id for c in reported.cites] == ["council-news"]


def test_a_reported_outcome_by_an_unknown_body_is_one_problem(tmp_path: Path) -> None:
    assert problems(tmp_path, {INS: (REQ_CITE, REPORTED.replace("by: inspectorate",
                                                                "by: inspectorat"))}) == [
        f"data/{INS}:25:11: requirements[0].reported.by: no body with id 'inspectorat'; did "
        "you mean 'inspectorate'?"]


def test_a_deadline_counted_from_publication(tmp_path: Path) -> None:
    due = case(tmp_path, {}).requirements[0].due
    assert due == m.Due(None, 20, "working_days", "publication", None, None, None, None)


def test_a_deadline_in_words_keeps_its_kind_and_words(tmp_path: Path) -> None:
    old = "      within: 20\n      unit: working_days\n      from: publication\n"
    new = "      date: At the earliest opportunity\n      as_written: Soon.\n      note: Vague.\n"
    due = case(tmp_path, {INS: (old, new)}).requirements[0].due
    assert due == m.Due(None, None, None, None, "Soon.", "Vague.", "earliest_opportunity",
                        "At the earliest opportunity")


def test_a_dated_deadline_has_no_words(tmp_path: Path) -> None:
    old = "      within: 20\n      unit: working_days\n      from: publication\n"
    due = case(tmp_path, {INS: (old, "      date: 2018-03\n")}).requirements[0].due
    assert due == m.Due(PartialDate(2018, 3), None, None, None, None, None, None, None)


PROGRESS = ("      from: publication\n    progress:\n"
            "      - date: 2018\n        note: All year.\n        cite: [council-news]\n"
            "      - date: 2018-01\n        note: January.\n        cite: [council-news]\n"
            "      - date: 2017-07-01\n        note: First day.\n        cite: [report-2017]\n"
            "    cite: [report-2017]\n")


def test_progress_notes_go_by_first_then_last_day(tmp_path: Path) -> None:
    """January 2018 and 2018 start on the same day; the shorter ends first. A note on the
    first day of the record's month (July 2017) is not before it."""
    [req] = case(tmp_path, {INS: (REQ_CITE, PROGRESS)}).requirements
    assert [(p.date.iso(), p.note) for p in req.progress] == [
        ("2017-07-01", "First day."), ("2018-01", "January."), ("2018", "All year.")]
    assert [[c.source.id for c in p.cites] for p in req.progress] == [
        ["report-2017"], ["council-news"], ["council-news"]]


def test_a_progress_note_with_a_bad_date_is_one_problem(tmp_path: Path) -> None:
    bad = PROGRESS.replace("date: 2018-01", "date: 2018-13")
    got = problems(tmp_path, {INS: (REQ_CITE, bad)})
    assert len(got) == 1 and got[0].startswith(
        f"data/{INS}:27:15: requirements[0].progress[1].date: ")


# Statements


def test_a_statement_links_its_person_date_quote_and_sources(tmp_path: Path) -> None:
    inspection = case(tmp_path, {}).records[0]
    [s] = inspection.statements
    assert s.person is not None and s.person.id == "pat-leader"
    assert (s.speaker, s.body, s.date, s.date_note, s.quote) == (
        None, None, PartialDate(2017, 10), None, "We are sorry.")
    assert [c.source.id for c in s.cites] == ["report-2017"] and s.record is inspection


def test_an_unnamed_speaker_with_no_date_shown(tmp_path: Path) -> None:
    s = case(tmp_path, {INS: ("  - person: pat-leader\n    date: 2017-10\n",
                              "  - speaker: A spokesperson\n    body: town-council\n"
                              "    date: no date shown\n    date_note: None given.\n")}
             ).records[0].statements[0]
    assert (s.person, s.speaker, s.date, s.date_note, s.quote) == (
        None, "A spokesperson", None, "None given.", "We are sorry.")
    assert s.body is not None and s.body.id == "town-council"


def test_a_statement_by_an_unknown_person_is_one_problem(tmp_path: Path) -> None:
    assert problems(tmp_path, {INS: ("person: pat-leader", "person: pat-leeder")}) == [
        f"data/{INS}:25:13: statements[0].person: no person with id 'pat-leeder'; did you mean "
        "'pat-leader'?"]


def test_a_statement_with_a_bad_date_is_one_problem(tmp_path: Path) -> None:
    got = problems(tmp_path, {INS: ("    date: 2017-10\n", "    date: 2017-13\n")})
    assert len(got) == 1 and got[0].startswith(f"data/{INS}:26:11: statements[0].date: ")


def test_a_requirement_naming_an_unknown_record(tmp_path: Path) -> None:
    assert problems(tmp_path, {INS: (REQ_CITE, "      from: publication\n    fulfilled_by: "
                                     "town-follow-upp\n    cite: [report-2017]\n")}) == [
        f"data/{INS}:23:19: requirements[0].fulfilled_by: no record with id 'town-follow-upp'; "
        "did you mean 'town-follow-up'?"]


FULFILLED = PROGRESS.removesuffix("    cite: [report-2017]\n") + (
    "    fulfilled_by: town-follow-up\n    cite: [report-2017]\n")


@pytest.mark.parametrize(("rel", "date"), [(INS, "date: 2017-07\n"),
                                           (FOLLOW, "date: 2018-03-01\n")])
def test_a_bad_date_on_either_side_of_a_requirement_is_one_problem(
        tmp_path: Path, rel: str, date: str) -> None:
    """The record that sets a requirement (with progress notes), or the record that fulfils
    it, has a date in error: only the date is reported, nothing is compared with it."""
    files = {INS: MINI[INS].replace(REQ_CITE, FULFILLED), FOLLOW: MINI[FOLLOW]}
    files[rel] = files[rel].replace(date, "date: 2017-02-30\n")
    assert problems(tmp_path, dict(files)) == [
        f"data/{rel}:4:7: date: '2017-02-30' is not a real date: February 2017 has 28 days"]


def test_every_progress_note_is_checked(tmp_path: Path) -> None:
    """A note with a date in error, and one dated before the requirement, do not stop the
    notes after them being checked."""
    notes = PROGRESS.replace("date: 2018\n", "date: 2018-13\n").replace(
        "date: 2018-01\n", "date: 2017-06\n").replace("date: 2017-07-01", "date: 2017-05")
    assert problems(tmp_path, {INS: (REQ_CITE, notes)}) == [
        f"data/{INS}:24:15: requirements[0].progress[0].date: '2018-13' is not a real date: "
        "month 13 is not 01 to 12",
        f"data/{INS}:27:15: requirements[0].progress[1].date: this progress note is dated June "
        "2017, before the record that sets the requirement (July 2017); progress can only "
        "follow the requirement: check the date in the source",
        f"data/{INS}:30:15: requirements[0].progress[2].date: this progress note is dated May "
        "2017, before the record that sets the requirement (July 2017); progress can only "
        "follow the requirement: check the date in the source"]


def test_a_statement_for_an_unknown_body_is_one_problem(tmp_path: Path) -> None:
    assert problems(tmp_path, {INS: ("  - person: pat-leader\n",
                                     "  - speaker: A spokesperson\n    body: town-councill\n")}
                    ) == [f"data/{INS}:26:11: statements[0].body: no body with id "
                          "'town-councill'; did you mean 'town-council'?"]


SCALE = ("grades:\n  - value: good\n    label: Good\n  - value: weak\n    label: Weak\n")


def test_a_rating_by_an_unknown_body_is_one_problem(tmp_path: Path) -> None:
    rating = "ratings:\n  - by: inspectorat\n    grade: good\n    cite: [report-2017]\n"
    assert problems(tmp_path, {"bodies/inspectorate.yml": MINI["bodies/inspectorate.yml"] + SCALE,
                               INS: MINI[INS] + rating}) == [
        f"data/{INS}:30:9: ratings[0].by: no body with id 'inspectorat'; did you mean "
        "'inspectorate'?"]


def test_a_second_overall_rating_is_located_at_its_grade(tmp_path: Path) -> None:
    ratings = ("ratings:\n  - grade: good\n    cite: [report-2017]\n"
               "  - grade: weak\n    cite: [report-2017]\n")
    assert problems(tmp_path, {"bodies/inspectorate.yml": MINI["bodies/inspectorate.yml"] + SCALE,
                               INS: MINI[INS] + ratings}) == [
        f"data/{INS}:32:12: ratings[1].grade: this record already gives New Inspectorate's "
        "grade for 'Overall'; give one rating per area"]
