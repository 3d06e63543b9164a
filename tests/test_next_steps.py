"""What happens next, where a source says so (#12 item 1, G2): a record's ``next:`` entries
(text, optional date, required cite) validated with located errors, their quotes checked
against stored copies, in open data and the JSON schema, and said in the case's where things
stand. A date these records have passed never reads as to come; with no entry nothing is
said. Fictional data only (tests/conftest.py MINI; its case's records run to 1 March 2018)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.model.dates import PartialDate
from casefile.model.upcoming import according_to, step, upcoming
from casefile.model.views import case_view
from casefile.outputs.opendata import from_json, to_json
from casefile.pipeline import load_dataset
from tests.conftest import REPO, copy_project, mkdocs_build, write_mini
from tests.html_support import soup_of

INS = "cases/town/records/town-inspection.yml"
FOLLOW = "cases/town/records/town-follow-up.yml"
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)> {{ 7*7 }} {% raw %}"
LATER = """\
next:
  - text: The council publishes a revised plan
    date: 2019-03
    cite: [council-news]
  - text: Inspectors visit again.
    cite:
      - source: council-news
        quote: We expect a visit.
  - text: '""" + HOSTILE + """'
    cite: [council-news]
assessments:"""
EARLIER = """\
next:
  - text: The council names a new director.
    date: 2018-01
    cite: [report-2017]
  - text: Inspectors publish a summary.
    date: 2018-03
    cite: [report-2017]
findings:"""
NEXT = {FOLLOW: ("assessments:", LATER), INS: ("findings:", EARLIER)}
COUNCIL = "Town Council (Council news, March 2018)"
INSPECTORATE = "New Inspectorate (Inspection of Town Council, 2 October 2017)"
SAID = [  # soonest first, undated after (in the records' order), then those passed
    f"What happens next, according to {INSPECTORATE}: Inspectors publish a summary. "
    "Expected by March 2018.",
    f"What happens next, according to {COUNCIL}: The council publishes a revised plan. "
    "Expected by March 2019.",
    f"What happens next, according to {COUNCIL}: Inspectors visit again.",
    f"What happens next, according to {COUNCIL}: {HOSTILE}.",
    f"Expected by January 2018, a date these records have passed (they run to 1 March 2018), "
    f"according to {INSPECTORATE}: The council names a new director. These records do not "
    "show whether it happened."]
EPOCH = "1798761600"  # 2027-01-01


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data, use_cache=False)
    return [str(p) for p in caught.value.problems]


# -- the model --------------------------------------------------------------------------

def test_each_step_is_said_with_its_source_and_a_passed_date_as_passed(tmp_path: Path) -> None:
    case = load_dataset(write_mini(tmp_path, NEXT)).cases["town"]
    view = case_view(case)
    assert view.stand is not None
    steps = view.stand.upcoming
    assert [s.text for s in steps] == SAID
    assert [s.passed for s in steps] == [False, False, False, False, True]
    assert [[c.number for c in s.cites] for s in steps] == [[1], [2], [2], [2], [1]]
    [record] = [r for r in case.records if r.id == "town-follow-up"]
    assert [n.date for n in record.next_steps] == [PartialDate(2019, 3), None, None]


def test_whether_a_date_has_passed_is_decided_by_the_case_date(tmp_path: Path) -> None:
    case = load_dataset(write_mini(tmp_path, NEXT)).cases["town"]
    [record] = [r for r in case.records if r.id == "town-inspection"]
    director = record.next_steps[0]  # expected by January 2018
    assert step(director, PartialDate(2018, 1, 31)).passed is False
    assert step(director, PartialDate(2018, 2, 1)).passed is True
    assert step(director, PartialDate(2018)).text == (
        f"What happens next, according to {INSPECTORATE}: The council names a new director. "
        "Expected by January 2018.")
    assert step(director, PartialDate(2019)).text == (
        "Expected by January 2018, a date these records have passed (they run to 2019), "
        f"according to {INSPECTORATE}: The council names a new director. These records do "
        "not show whether it happened.")


def test_on_a_closed_case_a_step_is_what_was_said_before_it_closed(tmp_path: Path) -> None:
    """A reviewer found a closed case's page saying "What happens next …" as if to come."""
    closed = {**NEXT, "cases/town/case.yml": ("status: open", "status: closed")}
    case = load_dataset(write_mini(tmp_path, closed)).cases["town"]
    steps = upcoming(case, case.as_of_shown)
    assert steps[0].text == (f"Before the case was closed, {INSPECTORATE} said what would "
                             "happen next: The council names a new director. It was expected "
                             "by January 2018.")
    assert steps[3].text == (f"Before the case was closed, {COUNCIL} said what would happen "
                             "next: Inspectors visit again.")
    assert all(s.passed for s in steps)
    assert not any("What happens next" in s.text for s in steps)


def test_several_sources_are_each_named_once(tmp_path: Path) -> None:
    case = load_dataset(write_mini(tmp_path, {})).cases["town"]
    report, news = case.cites[0].source, case.records[1].cites[0].source
    cites = [m.Citation(news), m.Citation(report), m.Citation(news)]
    assert according_to(cites) == f"{COUNCIL} and {INSPECTORATE}"


def test_with_no_entry_nothing_is_said(tmp_path: Path) -> None:
    case = load_dataset(write_mini(tmp_path, {})).cases["town"]
    assert upcoming(case, PartialDate(2018, 3, 1)) == []
    view = case_view(case)
    assert view.stand is not None and view.stand.upcoming == []


# -- validation -------------------------------------------------------------------------

def test_wrong_entries_are_located_problems(tmp_path: Path) -> None:
    data = write_mini(tmp_path, {FOLLOW: ("assessments:", """\
next:
  - text: [a list]
    date: soon
    cite: [nosuch]
  - date: 2018-02
    cite: []
  - text: A step with no source
  - text: A step
    cite: [council-news]
    when: 2019
  - just words
assessments:""")})
    where = f"data/{FOLLOW}"
    assert problems(data) == [
        f"{where}:9:11: next[0].text: expected text, found a list",
        f"{where}:10:11: next[0].date: 'soon' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD",
        f"{where}:11:12: next[0].cite[0].source: no source with id 'nosuch'",
        f"{where}:12:5: next[1].text: missing required key 'text' (what the source says "
        "happens next, in brief)",
        f"{where}:12:11: next[1].date: this next step is expected by February 2018, before "
        "the record that states it (1 March 2018); a next step comes after: check the date "
        "in the source",
        f"{where}:13:11: next[1].cite: needs at least 1 item; list each on its own line "
        "starting with '- ', or write them in brackets: [first, second]",
        f"{where}:14:5: next[2].cite: missing required key 'cite' (citations: at least one "
        "source for this statement)",
        f"{where}:17:5: next[3].when: unknown key 'when' (allowed: text, date, cite, reported_in)",
        f"{where}:18:5: next[4]: expected next step (a mapping of keys), found 'just words'"]


def test_a_quote_is_checked_against_the_stored_copy(tmp_path: Path) -> None:
    raw = b"Intro.\n\nThe council said: We expect a visit. More later.\n"
    copy = f"copy:\n  file: news.txt\n  sha256: {hashlib.sha256(raw).hexdigest()}\n"
    source = "sources/council-news.yml"
    changes: dict[str, str | tuple[str, str]] = {
        **NEXT, source: ("language: en\n", "language: en\n" + copy)}
    data = write_mini(tmp_path, changes)
    (data / "sources/copies").mkdir()
    (data / "sources/copies/news.txt").write_bytes(raw)
    ds = load_dataset(data, use_cache=False)
    [record] = [r for r in ds.cases["town"].records if r.id == "town-follow-up"]
    [quoted] = record.next_steps[1].cites
    assert (quoted.checked, quoted.found_at) == (True, "para. 2")
    (data / FOLLOW).write_text((data / FOLLOW).read_text("utf-8").replace(
        "We expect a visit.", "We expect an inspection."), encoding="utf-8")
    [problem] = problems(data)
    assert problem.startswith(f"data/{FOLLOW}:15:16: next[1].cite[0].quote: not found in the "
                              "stored copy copies/news.txt of 'council-news'")


# -- open data and the JSON schema ------------------------------------------------------

def test_open_data_carries_next_steps_and_reads_them_back(tmp_path: Path) -> None:
    data = json.loads(json.dumps(to_json(load_dataset(write_mini(tmp_path, NEXT)))))
    [follow] = [r for r in data["cases"][0]["records"] if r["id"] == "town-follow-up"]
    assert follow["next"] == [
        {"text": "The council publishes a revised plan", "date": "2019-03",
         "cite": [{"source": "council-news"}]},
        {"text": "Inspectors visit again.", "cite": [{
            "source": "council-news", "quote": "We expect a visit.",
            "derived": {"checked": False}}]},
        {"text": HOSTILE, "cite": [{"source": "council-news"}]}]
    [plain] = [r for r in to_json(load_dataset(write_mini(tmp_path / "plain", {})))["cases"][0][
        "records"] if r["id"] == "town-follow-up"]
    assert "next" not in plain
    back = from_json(data).cases["town"]
    assert [(n.text, n.date) for r in back.records for n in r.next_steps] == [
        ("The council names a new director.", PartialDate(2018, 1)),
        ("Inspectors publish a summary.", PartialDate(2018, 3)),
        ("The council publishes a revised plan", PartialDate(2019, 3)),
        ("Inspectors visit again.", None), (HOSTILE, None)]


def test_the_json_schema_has_the_field() -> None:
    record = json.loads((REPO / "schema" / "record.schema.json").read_text("utf-8"))
    found = json.dumps(record)
    assert '"next"' in found
    step_schema = record["properties"]["next"]["items"]
    assert sorted(step_schema["required"]) == ["cite", "text"]
    assert sorted(step_schema["properties"]) == ["cite", "date", "reported_in", "text"]
    assert step_schema["additionalProperties"] is False


# -- the case page ----------------------------------------------------------------------

def _built(root: Path, changes: dict[str, str | tuple[str, str]]) -> Path:
    copy_project(root, data=False)
    write_mini(root, changes)
    result = mkdocs_build(root, SOURCE_DATE_EPOCH=EPOCH)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_where_things_stand_says_what_happens_next_with_citations(tmp_path: Path) -> None:
    doc = soup_of(_built(tmp_path / "with", NEXT), "cases/town")
    shown = doc.select("div.cf-stand p.cf-next-step")
    assert [p.get_text() for p in shown] == [f"{s} [{n}]" for s, n in zip(
        SAID, (1, 2, 2, 2, 1), strict=True)]
    assert [[(a["href"], a["aria-labelledby"]) for a in p.select("a")] for p in shown] == [
        [(f"#ref-{n}", f"ref-{n}")] for n in (1, 2, 2, 2, 1)]
    hostile = shown[3]
    assert hostile.find("script") is None and hostile.find("img") is None
    plain = soup_of(_built(tmp_path / "without", {}), "cases/town")
    assert plain.select("p.cf-next-step") == []
    assert "What happens next" not in plain.get_text()
    assert "Expected by" not in plain.get_text()


@pytest.mark.parametrize(("date", "kept"), [("2018-03-01", True), ("2018-03", True),
                                            ("2018-02-28", False), ("2018-02", False)])
def test_a_step_may_be_expected_by_the_record_own_date_but_not_before(
        tmp_path: Path, date: str, kept: bool) -> None:
    data = write_mini(tmp_path, {FOLLOW: ("assessments:", f"""\
next:
  - text: A step.
    date: {date}
    cite: [council-news]
assessments:""")})
    if kept:
        [record] = [r for r in load_dataset(data).cases["town"].records
                    if r.id == "town-follow-up"]
        assert [n.text for n in record.next_steps] == ["A step."]
    else:
        [problem] = problems(data)
        assert problem.startswith(f"data/{FOLLOW}:10:11: next[0].date: this next step is "
                                  "expected by ")
