"""Issue #19's new fields, attacked as a hostile contributor or an unlucky editor would:
hostile text in every new text field, loops, dates in words at the edges, check against
JSON Schema, open data round trips, moves of one level whose order no source gives. Each
test works on a scratch copy of the fictional tests/projects/oversight data."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.outputs import opendata
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from casefile.reading.load import parse_text
from casefile.reading.schema import file_kinds
from casefile.reading.validate import validate
from tests.conftest import PROJECTS, REPO
from tests.test_schema_agreement import schema_errors

DATA = PROJECTS / "oversight" / "data"
NS = "cases/northshire-health-board-escalation"
NS_2015 = f"{NS}/records/northshire-2015-special-measures.yml"
NS_2020 = f"{NS}/records/northshire-2020-targeted-intervention.yml"
PAYLOAD = '<script>alert(1)</script>{{ 7*7 }}{% if 1 %}IFX{% endif %}<img src=x onerror=alert(2)>'
Q = json.dumps(PAYLOAD)
Edit = Callable[[str], str]


def add(text: str) -> Edit:
    return lambda old: old + text


def swap(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)
    return edit


def scratch(tmp_path: Path, edits: dict[str, Edit | str]) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for rel, edit in edits.items():
        path = data / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(edit if isinstance(edit, str) else edit(old), encoding="utf-8")
    return data


def problems(tmp_path: Path, edits: dict[str, Edit | str]) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(scratch(tmp_path, edits), use_cache=False)
    return [str(p) for p in caught.value.problems]


HOSTILE: dict[str, Edit | str] = {
    "vocabulary.yml": lambda v: v.replace(
        "name: Example regional review of children's services", f"name: {Q}").replace(
        "overseer: Example Regional Assembly", f"overseer: {Q}").replace(
        "label: Serious concern", f"label: {Q}").replace(
        "description: The assembly reviews the service every month.", f"description: {Q}")
    + f"money_kinds:\n  - value: hostile_kind\n    label: {Q}\n    description: {Q}\n",
    "bodies/northshire-health-board.yml": add(f"variant_names: [{Q}, North Shire HB]\n"
                                              "parent: example-government\n"),
    "sources/northshire-2023-statement.yml": add(
        "second_hand: true\nsources_differ:\n  published:\n    values:\n      - value: "
        "2023-02-21\n        cite: [northshire-2020-letter]\n    chosen: 2023-02-20\n"
        f"    reason: {Q}\n"),
    f"{NS}/case.yml": add(
        "money:\n  - amount: 100\n    currency: GBP\n    kind: hostile_kind\n"
        f"    for: {Q}\n    cite: [northshire-2015-letter]\n    sources_differ:\n      amount:\n"
        "        values:\n          - value: 200\n            cite: [northshire-2020-letter]\n"
        f"        unsettled: true\n        reason: {Q}\n"),
    NS_2015: add(
        f"requirements:\n  - id: req-h\n    text: {Q}\n    due:\n      date: by autumn 2016\n"
        "    cite: [northshire-2015-letter]\n    reported:\n      outcome: partly_met\n"
        "      by: example-government\n      cite: [northshire-2020-letter]\n    progress:\n"
        f"      - date: 2016-01\n        note: {Q}\n        cite: [northshire-2020-letter]\n"),
    f"{NS}/records/northshire-2020-targeted-intervention.yml": swap(
        "date: 2020-11", "date: autumn 2020"),
    "cases/riverton-council-intervention/records/riverton-2021-commissioners.yml": swap(
        "service: children's services", f"service: {Q}"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> m.Dataset:
    return load_dataset(scratch(tmp_path_factory.mktemp("hostile"), HOSTILE), use_cache=False)


def test_hostile_text_in_every_new_field_stays_inert_in_pages(hostile: m.Dataset) -> None:
    renderer = Renderer(hostile, REPO / "macros")
    pages = renderer.pages()
    shown = 0
    for name in ("cases/northshire-health-board-escalation.md", "oversight.md", "sources.md",
                 "cases/riverton-council-intervention.md", "bodies/northshire-health-board.md"):
        soup = BeautifulSoup(pages[name], "html.parser")
        assert not soup.find_all(["script", "img"]), name
        assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
        shown += soup.get_text().count(PAYLOAD)  # shown literally: never run, never templated
    assert shown >= 8


def test_hostile_text_stays_text_in_feeds(hostile: m.Dataset) -> None:
    files = dict(opendata.joined(Renderer(hostile, REPO / "macros").each_output_part()))
    feed = files["feeds/riverton-council-intervention.xml"]
    assert "<script>" not in feed and "&lt;script&gt;alert(1)" in feed


def test_open_data_round_trip_keeps_every_new_field_and_dates_in_words(
        hostile: m.Dataset) -> None:
    """Found: an export with any date in words (date_as_written, published_as_written)
    could not be imported (unknown key); the words are now read back as the date."""
    exported = json.loads(json.dumps(opendata.to_json(hostile)))
    again = opendata.to_json(opendata.from_json(exported))
    assert again == exported
    record = next(r for c in exported["cases"] for r in c["records"]
                  if r["id"] == "northshire-2020-targeted-intervention")
    assert (record["date"], record["date_as_written"]) == ("2020", "autumn 2020")
    due = next(r for c in exported["cases"] for r in c["records"]
               if r["id"] == "northshire-2015-special-measures")["requirements"][0]["due"]
    assert due["date_as_written"] == "by autumn 2016"
    body = next(b for b in exported["bodies"] if b["id"] == "northshire-health-board")
    assert (body["parent"], body["variant_names"]) == ("example-government",
                                                       [PAYLOAD, "North Shire HB"])


@pytest.mark.parametrize("field, words", [
    ("due", "immediately"), ("due", "at the earliest opportunity"),
    ("statement", "no date shown")])
def test_open_data_round_trip_of_forms_that_are_no_date(tmp_path: Path, field: str,
                                                        words: str) -> None:
    item = (f"requirements:\n  - id: q\n    text: Do.\n    due:\n      date: {words}\n"
            "    cite: [northshire-2015-letter]\n" if field == "due" else
            f"statements:\n  - speaker: A spokesperson\n    body: example-government\n"
            f"    date: {words}\n    quote: Fine.\n    cite: [northshire-2015-letter]\n")
    ds = load_dataset(scratch(tmp_path, {NS_2015: add(item)}), use_cache=False)
    exported = json.loads(json.dumps(opendata.to_json(ds)))
    assert opendata.to_json(opendata.from_json(exported)) == exported


def test_loops_and_repeated_bodies_are_located_errors(tmp_path: Path) -> None:
    assert problems(tmp_path / "a", {
        "bodies/northshire-health-board.yml": add("parent: example-government\n"),
        "bodies/example-government.yml": add("parent: example-inspectorate\n"),
        "bodies/example-inspectorate.yml": add("parent: northshire-health-board\n")}) == [
        "data/bodies/northshire-health-board.yml:5:9: parent: parent 'example-government' "
        "makes a loop (northshire-health-board → example-government → example-inspectorate "
        "→ northshire-health-board); a body's parent is the body it is part of, so one of "
        "them must not name the other"]
    assert problems(tmp_path / "b", {f"{NS}/case.yml": add(
        "overseers: [northshire-health-board]\n")}) == [
        f"data/{NS}/case.yml:14:12: overseers: body 'northshire-health-board' is already "
        "named as a subject of this case; name each body once, in the one list that fits best"]


def test_original_loop_says_it_is_a_loop(tmp_path: Path) -> None:
    """Found: two sources naming each other as original were told to name each other
    (the hint went round the loop: 'name ... northshire-2015-letter' in that very file)."""
    assert problems(tmp_path, {
        "sources/northshire-2020-letter.yml": add("original: northshire-2015-letter\n"),
        "sources/northshire-2015-letter.yml": add("original: northshire-2020-letter\n")}) == [
        "data/sources/northshire-2015-letter.yml:9:11: original: sources "
        "'northshire-2015-letter' and 'northshire-2020-letter' name each other as original; "
        "remove 'original' from the one that is the first document",
        "data/sources/northshire-2020-letter.yml:9:11: original: sources "
        "'northshire-2020-letter' and 'northshire-2015-letter' name each other as original; "
        "remove 'original' from the one that is the first document"]


KINDS = file_kinds()
SOURCE = """id: s1
title: T
publisher_note: x
kind: report
published: {}
language: en
"""
DUE = """id: r1
type: inspection
title: T
date: 2019-01-01
body: b
summary: S
cite: [s1]
requirements:
  - id: q
    text: Do.
    due:
      date: {}
    cite: [s1]
"""


def check_and_schema(kind: str, text: str) -> tuple[list[str], bool]:
    node, _ = parse_text(text, "x.yml")
    assert node is not None
    found = [str(p).split(": ", 2)[2] for p in validate(node, KINDS[kind], "x.yml")[1]]
    return found, not schema_errors(kind, text)


@pytest.mark.parametrize("value", [
    '"autumn\\t2022"', "'autumn\u00a02022'",
    "'during\u2003 2023'", "spring 3000", "around 0999", "'0 June 2021'", "'32 June 2021'",
    "'31 June 2021'", "'30 February 2021'"])
def test_check_and_schema_agree_on_dates_in_words_at_the_edges(value: str) -> None:
    """Found: check read any whitespace (tab, no-break space, em space, spaces around) and
    the schema only spaces; the schema took years 3000 and 0999 and days 0 and 31 June in
    words, which check refuses."""
    found, schema_ok = check_and_schema("source", SOURCE.format(value))
    assert found and not schema_ok, (found, schema_ok)


@pytest.mark.parametrize("value", ["AUTUMN   2022", "'12  June  2021'", "'31 December 2021'",
                                   "'29 February 2024'", "winter 2999", "around 1000",
                                   "'early-June 2021'", "'No Date Shown'"])
def test_check_and_schema_accept_the_same_odd_but_right_dates(value: str) -> None:
    assert check_and_schema("source", SOURCE.format(value)) == ([], True)


def test_a_deadline_form_wrong_after_by_gets_a_hint_that_fits_a_deadline() -> None:
    """Found: in due: date: itself, 'by the end of around 2020' was told to move to due:
    date:."""
    found, schema_ok = check_and_schema("record", DUE.format("by the end of around 2020"))
    assert not schema_ok
    assert found == [
        "'by the end of around 2020' is not a deadline form: after 'by' or 'by the end of' "
        "give a year, month, day or season, e.g. 'by the end of 2019', 'by autumn 2022'; "
        "write YYYY, YYYY-MM or YYYY-MM-DD, or in words, e.g. 'June 2021', 'autumn 2022', "
        "'early 2021', 'late June 2021', 'around June 2021', 'during 2023', 'by the end of "
        "2019', 'by autumn 2022', 'immediately', 'at the earliest opportunity' (see the date "
        "forms on the methodology page)"]


def _same_month(first: str, second: str) -> dict[str, Edit | str]:
    record = (DATA / NS_2020).read_text(encoding="utf-8")
    return {
        f"{NS}/records/northshire-2023-special-measures.yml": swap(
            "    level: special_measures\n    effective", "    level: special_measures\n"
            "    service: adult services\n    effective"),
        NS_2020: record.replace("date: 2020-11", "date: 2020-12").replace(
            "targeted_intervention", first),
        f"{NS}/records/northshire-2020-b.yml": record.replace(
            "northshire-2020-targeted-intervention", "northshire-2020-b").replace(
            "date: 2020-11", "date: 2020-12").replace("targeted_intervention", second)}


def test_moves_whose_order_no_source_gives_are_a_located_error(tmp_path: Path) -> None:
    found = problems(tmp_path, _same_month("enhanced_monitoring", "routine_arrangements"))
    assert found == [
        f"data/{NS_2020}:11:12: oversight[0].level: the order of this move and the move to "
        "Routine arrangements in record 'northshire-2020-b' cannot be told: both records and "
        "both moves are dated December 2020; give the day, or name the earlier record in this "
        "record's 'after'"]


def test_a_backdated_move_cannot_hide_the_latest_announcement(tmp_path: Path) -> None:
    found = problems(tmp_path, {
        f"{NS}/records/northshire-2023-special-measures.yml": swap(
            "effective: 2023-02-27", "effective: 2010-01-01")})
    assert found == [
        f"data/{NS}/records/northshire-2023-special-measures.yml:12:16: oversight[0].effective: "
        "this move takes effect 1 January 2010, before the move to Targeted intervention in "
        "record 'northshire-2020-targeted-intervention' (in effect from November 2020), which "
        "was announced earlier; a level announced later cannot start first: check the "
        "effective date"]


@pytest.mark.parametrize("rel, old, new", [
    ("vocabulary.yml", "      - value: no_concern\n        label: No concern\n", ""),
    ("bodies/northshire-health-board.yml", "kind: health\n",
     "kind: health\nparent: northshire-health-board\n"),
    ("sources/northshire-2015-letter.yml", "language: en",
     "language: en\noriginal: northshire-2015-letter"),
    (f"{NS}/case.yml", "reviewed:", "partners: [northshire-health-board]\nreviewed:"),
    (NS_2020, "date: 2020-11", "date: autumn 2029"),
    (NS_2020, "level: targeted_intervention", "level: stage_4"),
])
def test_the_quick_check_reports_edits_to_new_fields_as_the_full_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rel: str, old: str, new: str) -> None:
    from casefile.reading import quickcheck
    from tests.test_quickcheck import quick, truth

    monkeypatch.setenv("CASEFILE_CACHE", str(tmp_path / "cache"))
    data = scratch(tmp_path, {})
    stamp = [1_000_000_000.0]

    def touch(path: Path) -> None:  # edited in the past, one second apart, as editors do
        stamp[0] += 1
        os.utime(path, (stamp[0], stamp[0]))

    for path in sorted(data.rglob("*.yml")):
        touch(path)
    assert quick(data) == truth(data) == quickcheck.Summary(5, 12, 12, 7, 12, 0).line()
    path = data / rel
    path.write_text(swap(old, new)(path.read_text(encoding="utf-8")), encoding="utf-8")
    touch(path)
    report = quick(data)
    assert report == truth(data) and report.startswith("data/")
