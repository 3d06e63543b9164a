"""Wording and order on the built site (#12, G1), from the fictional MINI data set
(tests/conftest.py) with a deadline stated only to the month and a second record assessing
the same finding on the same day as the first:

- the case list and the case page give a window deadline in the same words
  (casefile.model.deadlines.due_words);
- the findings table orders same-day columns by who says so (never by record id), says so
  under the table, and the finding page tells the same two side by side in the same order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.model import histories, views
from casefile.pipeline import load_dataset
from tests.conftest import copy_project, mkdocs_build, write_mini
from tests.html_support import soup_of, spaced_words

INSPECTION = "cases/town/records/town-inspection.yml"
WINDOW = ("      within: 20\n      unit: working_days\n      from: publication\n",
          "      date: 2018-04\n")
VISIT = """\
id: a-visit
type: monitoring_visit
title: Visit
date: 2018-03-01
body: inspectorate
summary: Inspectors visited again.
cite: [visit-letter]
assessments:
  - finding: f-leadership
    status: concern
    asserted_by: inspectorate
    note: Still weak.
    cite: [visit-letter]
"""
LETTER = """\
id: visit-letter
title: Visit letter
publisher: inspectorate
kind: letter
published: 2018-03-01
language: en
"""
# the columns named by their headings as shown (#12 review)
TIE = ("The columns “Monitoring visit, 1 March 2018; Regulator's judgement: New Inspectorate” "
       "and “Follow-up inspection, 1 March 2018; Own claim: Town Council” are dated the same "
       "day: which came first is not known, so they stand in order of who says so, not of "
       "time.")
DUE = "due between 1 April 2018 and 30 April 2018"


def _changes(visit_id: str) -> dict[str, str | tuple[str, str]]:
    return {INSPECTION: WINDOW, "sources/visit-letter.yml": LETTER,
            f"cases/town/records/{visit_id}.yml": VISIT.replace("a-visit", visit_id)}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("words")
    write_mini(root, _changes("a-visit"))
    copy_project(root, data=False)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_the_case_list_and_the_case_page_give_a_window_deadline_alike(site: Path) -> None:
    home = soup_of(site, ".")
    row = home.select_one("table.cf-case-list tbody tr")
    assert row is not None
    deadline = spaced_words(row.select("td")[-1])
    # <br>s; counted as of the day the records end (#12 review)
    assert deadline == (f"Produce a plan. Outstanding when the records end , {DUE} as of "
                        "1 March 2018")
    case = soup_of(site, "cases/town")
    stand = spaced_words(case.select_one("div.cf-stand"))
    # the month as the source dates it, beside the window (#12 review)
    assert ("The next deadline in these records: Produce a plan, by April 2018 (as the source "
            f"dates it); counted here as {DUE}.") in stand
    table = spaced_words(case.select_one("table.cf-deadlines") or case)
    assert (f"by April 2018: {DUE}, because the deadline is stated only to the month."
            in table)


def test_same_day_columns_stand_in_order_of_who_says_so_and_say_it(site: Path) -> None:
    case = soup_of(site, "cases/town")
    table = case.select_one("table.cf-matrix")
    assert table is not None
    heads = [spaced_words(th) for th in table.select("thead th")]
    assert heads == [
        "Finding", "Monitoring visit , 1 March 2018 ; Regulator's judgement: New Inspectorate",
        "Follow-up inspection , 1 March 2018 ; Own claim: Town Council"]
    assert [spaced_words(p) for p in case.select("p.cf-ties")] == [TIE]
    finding = soup_of(site, "cases/town/findings/f-leadership")
    said = spaced_words(finding.select_one("article") or finding)
    assert ("Assessed on the same day, 1 March 2018, by New Inspectorate (regulator's "
            "judgement): concern remains, and by Town Council (own claim): improving." in said)


@pytest.mark.parametrize("visit_id", ["a-visit", "zz-visit"])
def test_renaming_a_record_does_not_reorder_the_columns(tmp_path: Path, visit_id: str) -> None:
    case = load_dataset(write_mini(tmp_path, _changes(visit_id)), use_cache=False).cases["town"]
    found = [a for r in case.records for a in r.assessments]
    cols = histories.columns(found)
    assert [r.title for r in cols] == ["Visit", "Follow-up"]
    [group] = views.matrices(case)
    assert group.ties == [TIE]


def test_a_month_and_a_day_within_it_are_said_to_be_in_no_known_order(tmp_path: Path) -> None:
    month = VISIT.replace("date: 2018-03-01", "date: 2018-03")
    changes = _changes("a-visit") | {"cases/town/records/a-visit.yml": month}
    case = load_dataset(write_mini(tmp_path, changes), use_cache=False).cases["town"]
    found = [a for r in case.records for a in r.assessments]
    cols = histories.columns(found)
    assert [r.title for r in cols] == ["Follow-up", "Visit"]
    [group] = views.matrices(case)
    assert group.ties == [
        "The columns “Follow-up inspection, 1 March 2018; Own claim: Town Council” and "
        "“Monitoring visit, March 2018; Regulator's judgement: New Inspectorate”: which came "
        "first is not known from their dates, so they stand in order of their earliest "
        "possible day, then their latest, then of who says so."]
