"""Checks of the second half of casefile.model.link (Linker.finish_source_dates to the end),
each with its exact located message or exact linked values (found by mutation testing,
#17). Each test changes the small valid data set of tests/conftest.py (MINI) and loads it
in-process; every name in them is fictional."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.pipeline import load_dataset
from tests.conftest import write_mini

REPORT = "sources/report-2017.yml"
NEWS = "sources/council-news.yml"
CASE = "cases/town/case.yml"
COUNCIL = "bodies/town-council.yml"
# a source whose file sorts after report-2017's, so it is linked after it
GAZETTE = """\
id: zz-gazette
title: Inspectors' verdict on the council
publisher_note: A fictional local newspaper.
kind: news_article
published: 2017-10-03
language: en
"""
Changes = dict[str, tuple[str, str] | str]


def problems(tmp_path: Path, changes: Changes) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(write_mini(tmp_path, changes), use_cache=False)
    return [str(p) for p in caught.value.problems]


def load(tmp_path: Path, changes: Changes) -> m.Dataset:
    return load_dataset(write_mini(tmp_path, changes), use_cache=False)


def own_date_differs(decision: str, source: str = "zz-gazette") -> Changes:
    return {GAZETTE_PATH: GAZETTE, REPORT: (
        "language: en\n", "language: en\nsources_differ:\n  published:\n    values:\n"
        f"      - value: 2017-10-04\n        cite: [{{source: {source}, quote: on Wednesday}}]\n"
        f"    {decision}\n    reason: They differ.\n")}


GAZETTE_PATH = "sources/zz-gazette.yml"


def test_a_source_s_own_date_unsettled_between_sources_linked_after_it(tmp_path: Path) -> None:
    """report-2017's date is given otherwise by a source linked after it: the range of
    both days is its date, and the disagreement lists both with their sources."""
    dataset = load(tmp_path, own_date_differs("unsettled: true"))
    source = dataset.sources["report-2017"]
    assert (source.published.human(), source.published.first.isoformat(),
            source.published.last.isoformat()) == ("2 or 4 October 2017", "2017-10-02",
                                                   "2017-10-04")
    assert list(source.differs) == ["published"]
    differs = source.differs["published"]
    assert [(a.shown, [c.source.id for c in a.cites], a.own) for a in differs.values] == [
        ("2 October 2017", ["report-2017"], True), ("4 October 2017", ["zz-gazette"], False)]
    assert (differs.used, differs.reason) == ("2 or 4 October 2017", "They differ.")
    assert (dataset.sources["zz-gazette"].differs, dataset.sources["council-news"].differs) \
        == ({}, {})


def test_a_source_s_own_date_chosen_over_another_source_s(tmp_path: Path) -> None:
    source = load(tmp_path, own_date_differs("chosen: 2017-10-02")).sources["report-2017"]
    assert (source.published.iso(), source.differs["published"].used,
            [a.shown for a in source.differs["published"].values]) == (
        "2017-10-02", "2 October 2017", ["2 October 2017", "4 October 2017"])


def test_a_source_s_own_date_citing_no_such_source(tmp_path: Path) -> None:
    got = problems(tmp_path, own_date_differs("unsettled: true", "zz-gazettex"))
    assert got == [f"data/{REPORT}:13:25: sources_differ.published.values[0].cite[0].source: "
                   "no source with id 'zz-gazettex'; did you mean 'zz-gazette'?"]


def original(ident: str) -> tuple[str, str]:
    return ("language: en\n", f"language: en\noriginal: {ident}\n")


def test_a_copy_keeps_its_original_and_the_original_none(tmp_path: Path) -> None:
    sources = load(tmp_path, {NEWS: original("report-2017")}).sources
    assert sources["council-news"].original is sources["report-2017"]
    assert sources["report-2017"].original is None


def test_an_unknown_original_is_located(tmp_path: Path) -> None:
    assert problems(tmp_path, {NEWS: original("report-2071")}) == [
        f"data/{NEWS}:7:11: original: no source with id 'report-2071'; did you mean "
        "'report-2017'?"]


def test_a_source_naming_itself_as_its_original(tmp_path: Path) -> None:
    assert problems(tmp_path, {NEWS: original("council-news")}) == [
        f"data/{NEWS}:7:11: original: source 'council-news' names itself as its original; "
        "name the source it is a copy of, or remove 'original'"]


def test_two_sources_naming_each_other_as_original(tmp_path: Path) -> None:
    tail = "name each other as original; remove 'original' from the one that is the first " \
           "document"
    assert problems(tmp_path, {NEWS: original("report-2017"),
                               REPORT: original("council-news")}) == [
        f"data/{NEWS}:7:11: original: sources 'council-news' and 'report-2017' {tail}",
        f"data/{REPORT}:9:11: original: sources 'report-2017' and 'council-news' {tail}"]


def test_a_copy_of_a_copy_names_the_first_document(tmp_path: Path) -> None:
    assert problems(tmp_path, {NEWS: original("report-2017"), REPORT: original("zz-gazette"),
                               GAZETTE_PATH: GAZETTE}) == [
        f"data/{NEWS}:7:11: original: source 'report-2017' is itself a copy of 'zz-gazette'; "
        "name the first document, 'zz-gazette', as the original"]


def test_a_body_that_is_its_own_parent(tmp_path: Path) -> None:
    assert problems(tmp_path, {COUNCIL: ("names:\n", "parent: town-council\nnames:\n")}) == [
        f"data/{COUNCIL}:3:9: parent: parent 'town-council' makes a loop (town-council → "
        "town-council); a body's parent is the body it is part of, so one of them must not "
        "name the other"]


def test_a_parent_lists_its_part(tmp_path: Path) -> None:
    bodies = load(tmp_path, {COUNCIL: ("names:\n", "parent: inspectorate\nnames:\n")}).bodies
    assert bodies["town-council"].parent is bodies["inspectorate"]
    assert ([b.id for b in bodies["inspectorate"].children], bodies["inspectorate"].parent,
            bodies["town-council"].children) == (["town-council"], None, [])


def case_line(line: str) -> Changes:
    return {CASE: ("status: open\n", f"status: open\n{line}\n")}


def test_a_case_keeps_its_jurisdiction_and_as_of(tmp_path: Path) -> None:
    case = load(tmp_path, case_line("jurisdiction: GB-SCT\nas_of: 2018-06-02")).cases["town"]
    assert (case.jurisdiction_given, case.as_of_given.isoformat(), case.file) == (
        "GB-SCT", "2018-06-02", f"data/{CASE}")


def test_an_unknown_jurisdiction_is_located(tmp_path: Path) -> None:
    assert problems(tmp_path, case_line("jurisdiction: GB-XXX")) == [
        f"data/{CASE}:8:15: jurisdiction: unknown jurisdiction 'GB-XXX': the holidays package "
        "has no subdivision 'XXX' of GB; GB has GB-ENG, GB-NIR, GB-SCT, GB-WLS"]


@pytest.mark.parametrize("given", ["2018", "2018-06"])
def test_as_of_must_be_a_full_date(tmp_path: Path, given: str) -> None:
    assert problems(tmp_path, case_line(f"as_of: {given}")) == [
        f"data/{CASE}:8:8: as_of: '{given}' is not a full date: outcomes are computed as of "
        "one day; write YYYY-MM-DD"]


MONEY = ("  - amount: 4000000\n    currency: GBP\n    for: Set aside.\n    cite: [report-2017]\n",
         "  - amount: {amount}\n    currency: GBP\n    for: Set aside.\n    kind: budgetx\n"
         "    cite: [report-2018]\n")


def money(amount: str) -> Changes:
    return {CASE: (MONEY[0], MONEY[1].format(amount=amount))}


def test_an_amount_refused_hides_the_rest_of_its_item_until_it_is_fixed(tmp_path: Path) -> None:
    """As with a case or record whose key fields are refused, the linker links no further
    part of a money item whose amount it refused: its kind and citations are checked once
    the amount is written as the source gives it (exact_amount__mutmut_40)."""
    assert problems(tmp_path / "a", money("4000000.125")) == [
        f"data/{CASE}:12:13: money[0].amount: '4000000.125' has 3 decimal places, but GBP "
        "amounts have at most 2 decimal places; write the amount as the source gives it, e.g. "
        "4000000.13"]
    assert problems(tmp_path / "b", money("4000000.12")) == [
        f"data/{CASE}:15:11: money[0].kind: 'budgetx' is not allowed; did you mean 'budget'? "
        "(allowed: budget, overspend, savings_target, savings_achieved, loan, repayment, grant, "
        "other)",
        f"data/{CASE}:16:12: money[0].cite[0].source: no source with id 'report-2018'; did you "
        "mean 'report-2017'?"]


FOLLOW = "cases/town/records/town-follow-up.yml"


def test_a_case_s_unknown_subject_is_located(tmp_path: Path) -> None:
    assert problems(tmp_path, {CASE: ("subject: town-council\n", "subject: town-councill\n")}) \
        == [f"data/{CASE}:3:10: subject: no body with id 'town-councill'; did you mean "
            "'town-council'?"]


def test_a_case_with_an_unknown_body_links_none_of_its_records(tmp_path: Path) -> None:
    """The case is not linked, so neither are its records: the follow-up's unknown source
    is reported once the regulator is corrected, as with a refused amount."""
    cite = ("cite: [council-news]\nassessments", "cite: [council-newz]\nassessments")
    assert problems(tmp_path / "a", {CASE: ("regulators: [inspectorate]\n",
                                            "regulators: [inspectorates]\n"), FOLLOW: cite}) == [
        f"data/{CASE}:5:13: regulators: no body with id 'inspectorates'; did you mean "
        "'inspectorate'?"]
    assert problems(tmp_path / "b", {FOLLOW: cite}) == [
        f"data/{FOLLOW}:7:8: cite[0].source: no source with id 'council-newz'; did you mean "
        "'council-news'?"]


ALREADY = "of this case; name each body once, in the one list that fits best"


def test_a_body_named_in_two_lists_of_a_case(tmp_path: Path) -> None:
    """Every later list is reported, naming the first list the body is in."""
    assert problems(tmp_path, {CASE: ("status: open\n", "status: open\npartners: [inspectorate]"
                                                        "\noverseers: [inspectorate]\n")}) == [
        f"data/{CASE}:5:13: regulators: body 'inspectorate' is already named as a partner "
        f"{ALREADY}",
        f"data/{CASE}:9:12: overseers: body 'inspectorate' is already named as a partner "
        f"{ALREADY}"]


def test_a_subject_may_not_also_be_a_partner(tmp_path: Path) -> None:
    assert problems(tmp_path, {CASE: ("status: open\n", "status: open\npartners: "
                                                        "[town-council]\n")}) == [
        f"data/{CASE}:8:11: partners: body 'town-council' is already named as a subject "
        f"{ALREADY}"]


def test_a_subject_may_also_be_a_regulator(tmp_path: Path) -> None:
    case = load(tmp_path, {CASE: ("regulators: [inspectorate]\n",
                                  "regulators: [inspectorate, town-council]\n")}).cases["town"]
    assert ([b.id for b in case.subjects], [b.id for b in case.regulators]) == (
        ["town-council"], ["inspectorate", "town-council"])


def test_a_subject_that_is_also_a_regulator_lists_the_case_once(tmp_path: Path) -> None:
    """Its body page lists each case once, and the case names each body once."""
    dataset = load(tmp_path, {CASE: ("regulators: [inspectorate]\n",
                                     "regulators: [inspectorate, town-council]\n")})
    case = dataset.cases["town"]
    assert [b.id for b in case.named_bodies] == ["town-council", "inspectorate"]
    assert [c.id for c in dataset.bodies["town-council"].cases] == ["town"]


def test_a_case_s_date_in_the_future_is_located(tmp_path: Path) -> None:
    got = problems(tmp_path, {CASE: ("reviewed: 2020-01-01\n", "reviewed: 2099-01-01\n")})
    assert len(got) == 1
    assert got[0].startswith(f"data/{CASE}:8:11: reviewed: 1 January 2099 is in the future: "
                             "this build is dated ")
    assert got[0].endswith("; check the year, or add the record once it has happened")


def test_a_case_s_unknown_theme_is_located(tmp_path: Path) -> None:
    assert problems(tmp_path, {CASE: ("themes: [leadership, safeguarding]\n",
                                      "themes: [leadership, safeguardin]\n")}) == [
        f"data/{CASE}:10:9: themes: no theme with id 'safeguardin'; did you mean "
        "'safeguarding'?"]


AMOUNT = ("  - amount: 4000000\n    currency: GBP\n", "  - amount: {amount}\n    currency: {cur}\n")


def test_one_decimal_place_where_none_are_allowed(tmp_path: Path) -> None:
    assert problems(tmp_path, {CASE: (AMOUNT[0], AMOUNT[1].format(amount="1500.5",
                                                                  cur="JPY"))}) == [
        f"data/{CASE}:12:13: money[0].amount: '1500.5' has 1 decimal place, but JPY amounts "
        "have no decimal places; write the amount as the source gives it, e.g. 1501"]


def test_as_many_decimal_places_as_the_currency_has_are_kept(tmp_path: Path) -> None:
    case = load(tmp_path, {CASE: (AMOUNT[0], AMOUNT[1].format(amount="1500.25", cur="GBP"))})
    assert str(case.cases["town"].money[0].amount) == "1500.25"


def test_an_unknown_parent_is_located(tmp_path: Path) -> None:
    assert problems(tmp_path, {COUNCIL: ("names:\n", "parent: inspectorat\nnames:\n")}) == [
        f"data/{COUNCIL}:3:9: parent: no body with id 'inspectorat'; did you mean "
        "'inspectorate'?"]


def test_a_body_s_name_keeps_its_citations(tmp_path: Path) -> None:
    bodies = load(tmp_path, {COUNCIL: ("  - name: Town Council\n", "  - name: Town Council\n"
                                       "    cite: [council-news]\n")}).bodies
    assert [[c.source.id for c in n.cites] for n in bodies["town-council"].names] == [
        ["council-news"]]


INSPECTION = "cases/town/records/town-inspection.yml"


def test_a_record_s_unknown_type_is_located(tmp_path: Path) -> None:
    got = problems(tmp_path, {INSPECTION: ("type: inspection\n", "type: inspectionx\n")})
    assert len(got) == 1
    assert got[0].startswith(f"data/{INSPECTION}:2:7: type: 'inspectionx' is not allowed; "
                             "did you mean 'inspection'? (allowed: inspection, report, ")


def test_a_record_s_unknown_body_is_located_and_the_record_not_linked(tmp_path: Path) -> None:
    assert problems(tmp_path, {INSPECTION: ("body: inspectorate\n", "body: inspectorat\n")}) == [
        f"data/{FOLLOW}:9:14: assessments[0].finding: no finding with id 'f-leadership'",
        f"data/{INSPECTION}:6:7: body: no body with id 'inspectorat'; did you mean "
        "'inspectorate'?"]


def test_published_on_the_day_of_its_event_is_not_before_it(tmp_path: Path) -> None:
    case = load(tmp_path, {INSPECTION: ("date: 2017-07\n", "date: 2017-10-02\n")}).cases["town"]
    assert (case.records[0].date.iso(), case.records[0].published.iso()) == (
        "2017-10-02", "2017-10-02")


RECORD_DIFFERS = ("body: inspectorate\n", "body: inspectorate\nsources_differ:\n  date:\n"
                  "    values:\n      - value: 2017-08\n        cite: [zz-gazette]\n"
                  "    unsettled: true\n    reason: Dates differ.\n  published:\n    values:\n"
                  "      - value: 2017-10-03\n        cite: [zz-gazette]\n    unsettled: true\n"
                  "    reason: Days differ.\n")


def test_a_record_s_dates_where_sources_differ(tmp_path: Path) -> None:
    """Each alternative with its sources, the record's own value cited by the record's own
    citations."""
    record = load(tmp_path, {GAZETTE_PATH: GAZETTE, INSPECTION: RECORD_DIFFERS}).cases[
        "town"].records[0]
    assert (record.date.human(), record.published.human()) == (
        "July or August 2017", "2 or 3 October 2017")
    assert {k: [(a.shown, [c.source.id for c in a.cites], a.own) for a in v.values]
            for k, v in record.differs.items()} == {
        "date": [("July 2017", ["report-2017"], True), ("August 2017", ["zz-gazette"], False)],
        "published": [("2 October 2017", ["report-2017"], True),
                      ("3 October 2017", ["zz-gazette"], False)]}


def test_a_finding_keeps_its_theme_and_text(tmp_path: Path) -> None:
    finding = load(tmp_path, {}).cases["town"].records[0].findings[0]
    assert (finding.id, finding.theme.id, finding.text, finding.record.id) == (
        "f-leadership", "leadership", "Weak leadership.", "town-inspection")


def test_a_record_keeps_the_end_of_its_period(tmp_path: Path) -> None:
    record = load(tmp_path, {INSPECTION: ("date: 2017-07\n", "date: 2017-07\nuntil: 2017-08\n")}
                  ).cases["town"].records[0]
    assert record.until.iso() == "2017-08"


def test_a_refused_amount_does_not_stop_the_next_money_item(tmp_path: Path) -> None:
    second = ("  - amount: 5\n    currency: GBP\n    for: X.\n    cite: [report-2018]\n")
    got = problems(tmp_path, {CASE: (MONEY[0], MONEY[0].replace("4000000", "1.125") + second)})
    assert got == [
        f"data/{CASE}:12:13: money[0].amount: '1.125' has 3 decimal places, but GBP amounts "
        "have at most 2 decimal places; write the amount as the source gives it, e.g. 1.13",
        f"data/{CASE}:19:12: money[1].cite[0].source: no source with id 'report-2018'; did "
        "you mean 'report-2017'?"]


def test_a_period_ending_before_it_starts_is_located(tmp_path: Path) -> None:
    assert problems(tmp_path, {INSPECTION: ("date: 2017-07\n", "date: 2017-07\nuntil: 2017-06\n")}
                    ) == [f"data/{INSPECTION}:5:8: until: the event cannot end (June 2017) "
                          "before it starts (July 2017); until must be on or after date"]
