"""Oversight frameworks and levels over time, on the fictional cases of
tests/projects/oversight (one per built-in framework, and a site's own framework)."""

from __future__ import annotations

import datetime as dt
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casefile.errors import DataError
from casefile.model import oversight
from casefile.model.oversight_history import tracks
from casefile.outputs import feeds
from casefile.outputs.opendata import dump, from_json, tables, to_json
from casefile.outputs.render import Renderer, case_src
from casefile.pipeline import load_dataset
from tests.conftest import PROJECTS, REPO

DATA = PROJECTS / "oversight" / "data"
NORTHSHIRE = "northshire-health-board-escalation"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(load_dataset(DATA, use_cache=False), REPO / "macros")


def summaries(renderer: Renderer) -> dict[str, list[str]]:
    return {cid: [f"{t.who} | {t.framework.id} | {t.summary}" for t in view.oversight]
            for cid, view in renderer.views.items()}


def test_current_level_in_words_for_every_built_in_framework(renderer: Renderer) -> None:
    assert summaries(renderer) == {
        "eastmoor-health-board-escalation": [
            "Eastmoor Health Board | nhs-scotland-escalation | Stage 3 since September 2023; "
            "previously stage 4"],
        NORTHSHIRE: [
            "Northshire Health Board | nhs-wales-escalation | Special measures since "
            "27 February 2023; previously targeted intervention",
            "Northshire Health Board, maternity services | nhs-wales-escalation | Enhanced "
            "monitoring since 20 February 2023"],
        "riverton-council-intervention": [
            "Riverton Council, children's services | example-regional-review | Serious "
            "concern since 10 March 2021; previously no concern",
            "Riverton Council | council-intervention | Commissioners appointed since "
            "10 March 2021"],
        "southdale-nhs-trust-oversight": [
            "Southdale NHS Trust | nhs-england-oversight | Segment 4 since April 2022; "
            "previously segment 3"],
        "westvale-police-monitoring": [
            "Westvale Police | hmicfrs-police-monitoring | Scan since 12 March 2024; "
            "previously engage"],
    }


def test_worse_and_better_follow_the_frameworks_order(renderer: Renderer) -> None:
    got = {cid: [[(p.level.value, p.direction, p.comparison) for p in t.periods]
                 for t in view.oversight] for cid, view in renderer.views.items()}
    assert got[NORTHSHIRE][0] == [
        ("special_measures", "first", "First level in these records"),
        ("targeted_intervention", "better", "Better: down from special measures"),
        ("special_measures", "worse", "Worse: up from targeted intervention")]
    assert got["eastmoor-health-board-escalation"][0] == [
        ("stage_2", "first", "First level in these records"),
        ("stage_4", "worse", "Worse: up from stage 2"),
        ("stage_3", "better", "Better: down from stage 4")]
    assert [d for _, d, _ in got["westvale-police-monitoring"][0]] == ["first", "better"]
    assert [d for _, d, _ in got["southdale-nhs-trust-oversight"][0]] == ["first", "worse"]
    # the site's framework lists its most serious level first
    site = got["riverton-council-intervention"][0]
    assert site[1] == ("serious_concern", "worse", "Worse: up from no concern")
    period = renderer.views["riverton-council-intervention"].oversight[0].periods[1]
    assert period.rank_words == "level 1 of 3, the most serious"


def test_a_level_counts_from_the_day_it_takes_effect(renderer: Renderer) -> None:
    """Announced 20 February 2023, effective 27 February: the day before, it is upcoming."""
    case = renderer.dataset.cases[NORTHSHIRE]
    before = tracks(case, dt.date(2023, 2, 26))[0]
    assert before.summary == ("Targeted intervention since November 2020; previously special "
                              "measures; special measures from 27 February 2023")
    assert [p.upcoming for p in before.periods] == [False, False, True]
    on_the_day = tracks(case, dt.date(2023, 2, 27))[0]
    assert on_the_day.summary == ("Special measures since 27 February 2023; previously "
                                  "targeted intervention")
    assert tracks(case, dt.date(2015, 5, 31))[0].summary == (
        "Special measures from June 2015; targeted intervention from November 2020; special "
        "measures from 27 February 2023")
    # a level known only to the month counts from that month's first day
    assert tracks(case, dt.date(2015, 6, 1))[0].summary.startswith(
        "Special measures since June 2015; targeted intervention from November 2020")


def band(renderer: Renderer, case_id: str) -> BeautifulSoup:
    view = renderer.views[case_id]
    return BeautifulSoup(str(renderer.macro("oversight", case_src(case_id), view=view)),
                         "html.parser")


def test_band_says_each_period_in_words_with_dates(renderer: Renderer) -> None:
    html = band(renderer, NORTHSHIRE)
    first = html.find("section")
    assert first.h3.get_text() == ("Northshire Health Board: NHS Wales escalation and "
                                   "intervention arrangements")
    items = first.find_all("li")
    assert [li["id"] for li in items] == ["ov-northshire-2015-special-measures-1",
                                          "ov-northshire-2020-targeted-intervention-1",
                                          "ov-northshire-2023-special-measures-1"]
    assert [li.find(class_="cf-level__label").get_text() for li in items] == [
        "Special measures", "Targeted intervention", "Special measures"]
    assert [[t["datetime"] for t in li.find(class_="cf-level__dates").find_all("time")]
            for li in items] == [["2015-06", "2020-11"], ["2020-11", "2023-02-27"],
                                 ["2023-02-27", "2023-03-31"]]
    last = items[-1]
    assert last.find(class_="cf-level__dates").get_text() == (
        "From 27 February 2023, still in force as of 31 March 2023")
    assert last.find(class_="cf-change").get_text() == "Worse: up from targeted intervention"
    assert last.find(class_="cf-level__source").get_text(" ", strip=True) == (
        "Announced 20 February 2023 : Returned to special measures [3]")
    assert last.find(class_="cf-note").get_text() == "(level 4 of 4, the most serious)"


def test_case_facts_give_the_current_level(renderer: Renderer) -> None:
    view = renderer.views[NORTHSHIRE]
    html = BeautifulSoup(str(renderer.macro("case_facts", case_src(NORTHSHIRE), view=view)),
                         "html.parser")
    dd = html.find("dt", string="Oversight level").find_next_sibling("dd")
    assert [li.a.get_text() for li in dd.find_all("li")] == [
        "Special measures since 27 February 2023; previously targeted intervention",
        "Enhanced monitoring since 20 February 2023"]
    assert dd.li.a["href"] == "#ov-northshire-2023-special-measures-1"


def test_cross_case_page_lists_bodies_by_current_level(renderer: Renderer) -> None:
    page = BeautifulSoup(renderer.pages()["oversight.md"], "html.parser")
    captions = [t.caption.get_text() for t in page.find_all("table")]
    assert [c.split(" (")[0] for c in captions] == [
        "NHS Wales escalation and intervention arrangements",
        "NHS Scotland board performance escalation framework",
        "HMICFRS monitoring of police forces", "NHS England oversight framework segments",
        "Government intervention in a council", "Example regional review of children's services"]
    wales = page.find_all("table")[0]
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])][:3]
            for tr in wales.tbody.find_all("tr")]
    assert rows == [["Northshire Health Board", "Special measures (level 4 of 4, the most serious)",
                     "27 February 2023"],
                    ["Northshire Health Board , maternity services",
                     "Enhanced monitoring (level 2 of 4)", "20 February 2023"]]


def test_no_case_with_oversight_has_no_band_and_an_empty_list(tmp_path: Path) -> None:
    from tests.conftest import POWYS_DATA
    plain = Renderer(load_dataset(POWYS_DATA, use_cache=False), REPO / "macros")
    assert all(not v.oversight for v in plain.views.values())
    page = BeautifulSoup(plain.pages()["oversight.md"], "html.parser")
    assert page.find(class_="cf-empty").get_text() == "No case records an oversight level yet."


def test_changes_go_into_the_case_feed(renderer: Renderer) -> None:
    files = dict(feeds.each_file(renderer.views, renderer.dataset.as_of, []))
    feed = ET.fromstring(files[f"feeds/{NORTHSHIRE}.xml"].encode())
    entries = [(e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}updated"),
                e.find(f"{ATOM}link").get("href")) for e in feed.iter(f"{ATOM}entry")
               if e.findtext(f"{ATOM}title").startswith("Oversight level")]
    assert entries == [
        ("Oversight level: Special measures (Northshire Health Board)", "2023-02-27T00:00:00Z",
         f"../cases/{NORTHSHIRE}/#ov-northshire-2023-special-measures-1"),
        ("Oversight level: Enhanced monitoring (Northshire Health Board, maternity services)",
         "2023-02-20T00:00:00Z", f"../cases/{NORTHSHIRE}/#ov-northshire-2023-special-measures-2"),
        ("Oversight level: Targeted intervention (Northshire Health Board)",
         "2020-11-01T00:00:00Z",
         f"../cases/{NORTHSHIRE}/#ov-northshire-2020-targeted-intervention-1"),
        ("Oversight level: Special measures (Northshire Health Board)", "2015-06-01T00:00:00Z",
         f"../cases/{NORTHSHIRE}/#ov-northshire-2015-special-measures-1")]
    everything = ET.fromstring(files["feeds/all.xml"].encode())  # the all-cases feed too
    assert [(e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}updated"),
             e.find(f"{ATOM}link").get("href")) for e in everything.iter(f"{ATOM}entry")
            if e.findtext(f"{ATOM}title").startswith("Oversight level")
            and NORTHSHIRE in e.find(f"{ATOM}link").get("href")] == entries
    summary = next(e.findtext(f"{ATOM}summary") for e in feed.iter(f"{ATOM}entry")
                   if e.findtext(f"{ATOM}updated").startswith("2023-02-27"))
    assert summary == ("27 February 2023. Northshire Health Board: escalation. Northshire "
                       "Health Board: Special measures, under NHS Wales escalation and "
                       "intervention arrangements (set by Welsh Government). Worse: up from "
                       "targeted intervention. Announced 20 February 2023.")
    unannounced = next(e.findtext(f"{ATOM}summary") for e in feed.iter(f"{ATOM}entry")
                       if e.findtext(f"{ATOM}updated").startswith("2020-11-01"))
    assert unannounced == ("November 2020. Northshire Health Board: escalation. Northshire "
                           "Health Board: Targeted intervention, under NHS Wales escalation and "
                           "intervention arrangements (set by Welsh Government). Better: down "
                           "from special measures.")  # no "Announced" sentence


def test_open_data_carries_the_moves_and_round_trips(renderer: Renderer) -> None:
    ds = renderer.dataset
    data = to_json(ds)
    assert dump(to_json(from_json(data))) == dump(data)
    record = next(r for c in data["cases"] if c["id"] == NORTHSHIRE for r in c["records"]
                  if r["id"] == "northshire-2023-special-measures")
    assert record["oversight"][0] == {
        "framework": "nhs-wales-escalation", "level": "special_measures",
        "effective": "2023-02-27", "cite": [{"source": "northshire-2023-statement"}],
        "derived": {"change": "worse", "previous_level": "targeted_intervention"}}
    assert [f["id"] for f in data["vocabulary"]["oversight_frameworks"]] == [
        "example-regional-review"]
    assert "vocabulary" not in to_json(ds, ["westvale-police-monitoring"])
    csv = tables([ds.cases[NORTHSHIRE]])["oversight"].splitlines()
    assert csv[0] == ("case,record,announced,effective,framework,overseer,body,service,level,"
                      "level_label,previous_level,change,in_effect,sources")
    assert csv[3] == (f"{NORTHSHIRE},northshire-2023-special-measures,2023-02-20,2023-02-27,"
                      "nhs-wales-escalation,Welsh Government,northshire-health-board,,"
                      "special_measures,Special measures,targeted_intervention,worse,yes,"
                      "northshire-2023-statement")


def test_built_in_frameworks_keep_their_published_level_names() -> None:
    assert {f.id: [lv.label for lv in f.as_written] for f in oversight.BUILT_IN.values()} == {
        "nhs-wales-escalation": ["Routine arrangements", "Enhanced monitoring",
                                 "Targeted intervention", "Special measures"],
        "nhs-scotland-escalation": [f"Stage {n}" for n in range(1, 6)],
        "hmicfrs-police-monitoring": ["Scan", "Engage"],
        "nhs-england-oversight": [f"Segment {n}" for n in range(1, 5)],
        "council-intervention": ["No intervention", "Commissioners appointed"]}


# -- mistakes: located, with a hint -------------------------------------------------------
RECORD = "cases/westvale-police-monitoring/records/westvale-2022-engage.yml"


def problems(tmp_path: Path, path: str, old: str, new: str) -> list[str]:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    target = data / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data, use_cache=False)
    return [str(p) for p in caught.value.problems]


def test_unknown_framework_is_located_with_a_suggestion(tmp_path: Path) -> None:
    assert problems(tmp_path, RECORD, "framework: hmicfrs-police-monitoring",
                    "framework: hmicfrs-police-monitor") == [
        f"data/{RECORD}:10:16: oversight[0].framework: no oversight framework "
        "'hmicfrs-police-monitor'; did you mean 'hmicfrs-police-monitoring'? (built in: "
        "nhs-wales-escalation, nhs-scotland-escalation, hmicfrs-police-monitoring, "
        "nhs-england-oversight, council-intervention; a site adds its own under "
        "oversight_frameworks in data/vocabulary.yml)"]


def test_unknown_level_names_the_frameworks_levels(tmp_path: Path) -> None:
    assert problems(tmp_path, RECORD, "level: engage", "level: Engage") == [
        f"data/{RECORD}:11:12: oversight[0].level: 'Engage' is not a level of HMICFRS "
        "monitoring of police forces; for Engage, write 'engage' (its levels: 'scan' for "
        "Scan, 'engage' for Engage)"]
    assert problems(tmp_path / "2", RECORD, "level: engage", "level: engaged")[0].endswith(
        "'engaged' is not a level of HMICFRS monitoring of police forces; did you mean "
        "'engage'? (its levels: 'scan' for Scan, 'engage' for Engage)")


def test_the_same_move_twice_in_a_record_is_refused(tmp_path: Path) -> None:
    move = "  - framework: hmicfrs-police-monitoring\n    level: engage\n"
    assert problems(tmp_path, RECORD, move, move + "    cite: [westvale-2022-letter]\n"
                    + move) == [
        f"data/{RECORD}:13:16: oversight[1].framework: this record already moves Westvale "
        "Police under HMICFRS monitoring of police forces; give one move per body and "
        "service, with several citations if needed"]


def test_site_frameworks_are_checked(tmp_path: Path) -> None:
    got = problems(tmp_path, "vocabulary.yml", "  - id: example-regional-review",
                   "  - id: nhs-wales-escalation")
    assert ("data/vocabulary.yml:2:9: oversight_frameworks[0].id: 'nhs-wales-escalation' is "
            "already a built-in oversight framework; use it as it is, or choose another id"
            ) in got
    got = problems(tmp_path / "2", "vocabulary.yml", "value: some_concern", "value: no_concern")
    assert ("data/vocabulary.yml:13:16: oversight_frameworks[0].levels[2].value: level "
            "'no_concern' is given twice; each level of the framework needs its own value"
            ) in got
    got = problems(tmp_path / "3", "vocabulary.yml", "    most_serious: first\n", "")
    assert [p for p in got if p.startswith("data/vocabulary.yml")] == [
        "data/vocabulary.yml:2:5: oversight_frameworks[0].most_serious: missing required key "
        "'most_serious' (which end of the levels as listed is the most serious: first or "
        "last)"]


def test_a_move_of_a_body_the_case_is_not_about_is_located(tmp_path: Path) -> None:
    """Found by a new-editor trial: an inspectorate put under a health board's escalation
    framework appeared on the oversight page."""
    assert problems(tmp_path, RECORD, "    level: engage\n",
                    "    level: engage\n    body: example-inspectorate\n") == [
        f"data/{RECORD}:12:11: oversight[0].body: 'example-inspectorate' is not a subject or "
        "partner of case 'westvale-police-monitoring', nor part of one; a move concerns a "
        "body the case is about: name one of them, or add this body to the case's subject "
        "or partners"]


def test_a_body_page_gives_its_current_level_in_each_case(renderer: Renderer) -> None:
    """Found by a new-editor trial: a body's own page did not say where it stands."""
    page = BeautifulSoup(renderer.pages()["bodies/northshire-health-board.md"], "html.parser")
    item = page.select_one(".cf-body-cases li")
    assert [x.get_text() for x in item.select(".cf-body-level")] == [
        "NHS Wales escalation and intervention arrangements: Special measures since "
        "27 February 2023; previously targeted intervention",
        "NHS Wales escalation and intervention arrangements, maternity services: Enhanced "
        "monitoring since 20 February 2023"]
    inspectorate = BeautifulSoup(renderer.pages()["bodies/example-inspectorate.md"],
                                 "html.parser")
    assert inspectorate.select(".cf-body-cases li") and not inspectorate.select(
        ".cf-body-level")  # it oversees; it is moved between no levels
