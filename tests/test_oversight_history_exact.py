"""Oversight levels over time, exactly: which moves make one track, in which order, which
period is current, and the order of the cross-case page. Every body and case is fictional;
the stand-ins below carry only the fields oversight_history reads."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from casefile.model.dates import PartialDate
from casefile.model.oversight import BUILT_IN, framework
from casefile.model.oversight_history import (
    Period,
    Track,
    by_current_level,
    in_sentence,
    track_of,
    tracks,
)

WALES = BUILT_IN["nhs-wales-escalation"]  # routine, enhanced, targeted, special measures
POLICE = BUILT_IN["hmicfrs-police-monitoring"]


@pytest.mark.parametrize(("label", "shown"), [
    ("Targeted intervention", "targeted intervention"),
    ("NHS oversight", "NHS oversight"),  # an initialism keeps its capitals
    ("UK-wide measures", "UK-wide measures"),  # only the second letter decides
    ("UK", "UK"),  # two letters are enough
    ("A", "a"),  # one letter: nothing after it to look at
    ("", ""),
])
def test_a_label_inside_a_sentence(label: str, shown: str) -> None:
    assert in_sentence(label) == shown


def test_a_track_is_one_framework_body_and_service_in_any_case() -> None:
    assert track_of("f", "b", "Maternity Services") == track_of("f", "b", "maternity services")
    assert track_of("f", "b", None) == ("f", "b", "")
    # no service is never the same track as a named service, whatever its name
    assert track_of("f", "b", None) != track_of("f", "b", "xxxx")
    assert track_of("f", "b", None) != track_of("f", "c", None) != track_of("g", "c", None)


def _move(record: Any, level: str, when: str, position: int = 0, body: Any = None,
          service: str | None = None) -> SimpleNamespace:
    move = SimpleNamespace(framework=WALES, level=WALES.level(level), body=body or BOARD,
                           service=service, effective=PartialDate.parse(when),
                           record=record, position=position)
    record.oversight.append(move)
    return move


BOARD = SimpleNamespace(id="northshire-health-board", name="Northshire Health Board")


def _case(*ids: str) -> tuple[SimpleNamespace, list[SimpleNamespace]]:
    records = [SimpleNamespace(id=i, oversight=[]) for i in ids]
    return SimpleNamespace(id="northshire", records=records), records


def _levels(track: Track) -> list[tuple[str, str | None, bool]]:
    return [(p.level.value, p.previous.value if p.previous else None, p.upcoming)
            for p in track.periods]


def test_moves_on_one_day_follow_the_records_then_their_order_in_a_record() -> None:
    case, (first, second) = _case("first", "second")
    _move(second, "special_measures", "2023-02")  # same month: the case's order decides
    _move(first, "enhanced_monitoring", "2023-02", position=1)
    _move(first, "targeted_intervention", "2023-02", position=0)
    _move(first, "routine_arrangements", "2023-01-31")  # the earlier day comes first
    [track] = tracks(case)  # type: ignore[arg-type]
    assert _levels(track) == [
        ("routine_arrangements", None, False),
        ("targeted_intervention", "routine_arrangements", False),
        ("enhanced_monitoring", "targeted_intervention", False),
        ("special_measures", "enhanced_monitoring", False)]
    assert [p.end.iso() if p.end else None for p in track.periods] == [
        "2023-02", "2023-02", "2023-02", None]


def test_of_two_moves_from_the_same_first_day_the_one_that_ends_sooner_comes_first() -> None:
    case, (first, second) = _case("first", "second")
    _move(first, "targeted_intervention", "2023-02")  # from 1 February, known to the month
    _move(second, "special_measures", "2023-02-01")  # the day itself: before, whatever record
    [track] = tracks(case)  # type: ignore[arg-type]
    assert [p.level.value for p in track.periods] == ["special_measures",
                                                      "targeted_intervention"]


def test_services_and_bodies_are_tracks_of_their_own() -> None:
    case, (record,) = _case("only")
    other = SimpleNamespace(id="eastmoor", name="Eastmoor Health Board")
    _move(record, "special_measures", "2023-02-01", 0)
    _move(record, "enhanced_monitoring", "2023-02-01", 1, service="Maternity services")
    _move(record, "routine_arrangements", "2023-02-01", 2, body=other)
    _move(record, "targeted_intervention", "2023-03-01", 3, service="maternity services")
    got = [(t.who, _levels(t)) for t in tracks(case)]  # type: ignore[arg-type]
    assert got == [
        ("Northshire Health Board", [("special_measures", None, False)]),
        ("Northshire Health Board, Maternity services", [
            ("enhanced_monitoring", None, False),
            ("targeted_intervention", "enhanced_monitoring", False)]),
        ("Eastmoor Health Board", [("routine_arrangements", None, False)])]


@pytest.mark.parametrize(("as_of", "upcoming"), [
    (None, [False, False]),  # no as-of date: nothing is upcoming
    (dt.date(2023, 2, 26), [False, True]),
    (dt.date(2023, 2, 27), [False, False]),  # in force on the day it takes effect
])
def test_upcoming_is_after_the_as_of_day(as_of: dt.date | None, upcoming: list[bool]) -> None:
    case, (record,) = _case("only")
    _move(record, "targeted_intervention", "2020-11")
    _move(record, "special_measures", "2023-02-27", 1)
    [track] = tracks(case, as_of)  # type: ignore[arg-type]
    assert [p.upcoming for p in track.periods] == upcoming


def _track(name: str, *levels: tuple[str, bool], fw: Any = WALES) -> Track:
    body = SimpleNamespace(id=name.casefold(), name=name)
    periods = [Period(SimpleNamespace(level=fw.level(value)), None, None, later)  # type: ignore[arg-type]
               for value, later in levels]
    return Track(fw, body, None, periods)  # type: ignore[arg-type]


def _case_of(ident: str) -> Any:
    return SimpleNamespace(id=ident)


def test_cross_case_order_most_serious_first_then_name_then_case() -> None:
    pairs = [
        (_track("Zeta Board", ("routine_arrangements", False)), _case_of("z")),
        (_track("Upcoming Board", ("special_measures", True)), _case_of("u")),
        (_track("beta Board", ("targeted_intervention", False)), _case_of("b2")),
        (_track("Alpha Board", ("targeted_intervention", False)), _case_of("a")),
        (_track("Beta Board", ("targeted_intervention", False)), _case_of("b1")),
        (_track("Gamma Board", ("routine_arrangements", False), ("special_measures", False)),
         _case_of("g")),
        (_track("Delta Board", ("special_measures", False), ("routine_arrangements", True)),
         _case_of("d")),
    ]
    [(fw, ranked)] = by_current_level(pairs, ["nhs-wales-escalation"])
    assert fw is WALES
    # the least serious level still comes before a body with no level in force yet; names
    # compare without regard to case, then the case id decides
    assert [(t.who, c.id) for t, c in ranked] == [
        ("Delta Board", "d"), ("Gamma Board", "g"), ("Alpha Board", "a"),
        ("Beta Board", "b1"), ("beta Board", "b2"), ("Zeta Board", "z"),
        ("Upcoming Board", "u")]


def test_frameworks_follow_the_order_given_and_unlisted_ones_come_last() -> None:
    site = framework("site-review", "Site review", "Example Office", "A fictional review.",
                     [("low", "Low", ""), ("high", "High", "")])
    pairs = [(_track("A", ("low", False), fw=site), _case_of("a")),
             (_track("B", ("scan", False), fw=POLICE), _case_of("b")),
             (_track("C", ("routine_arrangements", False)), _case_of("c"))]
    got = by_current_level(pairs, ["hmicfrs-police-monitoring", "nhs-wales-escalation"])
    assert [fw.id for fw, _ in got] == ["hmicfrs-police-monitoring", "nhs-wales-escalation",
                                        "site-review"]
    assert [[t.who for t, _ in rows] for _, rows in got] == [["B"], ["C"], ["A"]]
