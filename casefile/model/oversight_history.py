"""Oversight levels over time: per body (or one of its services) and framework, each level
from the day it took effect to the day the next one did, compared in words with the one
before by the framework's own order. Templates, feeds and open data only lay these out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casefile.model import objects as m
from casefile.model.dates import PartialDate
from casefile.model.oversight import Framework, Level

CHANGES = {"first": "First level in these records", "worse": "Worse", "better": "Better",
           "same": "No change"}


def in_sentence(label: str) -> str:
    """A level's label inside a sentence: "targeted intervention", but "NHS ..." kept."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


@dataclass
class Period:
    """One level held from ``change.effective`` until ``end`` (None: still held)."""

    change: m.OversightChange
    previous: Level | None
    end: PartialDate | None
    upcoming: bool  # takes effect after the day the case is told as of

    @property
    def level(self) -> Level:
        return self.change.level

    @property
    def anchor(self) -> str:
        return f"ov-{self.change.record.id}-{self.change.position + 1}"

    @property
    def direction(self) -> str:
        """first, worse, better or same, by the framework's order."""
        if self.previous is None:
            return "first"
        now, before = self.level.rank, self.previous.rank
        return "same" if now == before else "worse" if now > before else "better"

    @property
    def comparison(self) -> str:
        """"Worse: up from targeted intervention", "First level in these records"."""
        if self.previous is None:
            return CHANGES["first"]
        before = in_sentence(self.previous.label)
        return {"worse": f"Worse: up from {before}", "better": f"Better: down from {before}",
                "same": f"No change: still {before}"}[self.direction]

    @property
    def rank_words(self) -> str:
        """"level 4 of 4, the most serious", counted in the order the framework lists them."""
        listed = self.change.framework.as_written
        count = len(listed)
        words = f"level {listed.index(self.level) + 1} of {count}"
        if self.level.rank == count - 1:
            return words + ", the most serious"
        return words + (", the least serious" if self.level.rank == 0 else "")

    @property
    def step(self) -> int:
        """Seriousness on a common scale, 0 (least) to 4 (most), whatever the number of
        levels: the band's border weight and pattern, in addition to the words."""
        top = len(self.change.framework.levels) - 1
        return round(4 * self.level.rank / top) if top > 0 else 4

    @property
    def announced(self) -> PartialDate | None:
        """The record's date, when the level took effect on another day."""
        return self.change.record.date if self.change.effective_given else None


@dataclass
class Track:
    framework: Framework
    body: m.Body
    service: str | None
    periods: list[Period]

    @property
    def current(self) -> Period | None:
        held = [p for p in self.periods if not p.upcoming]
        return held[-1] if held else None

    @property
    def upcoming(self) -> list[Period]:
        return [p for p in self.periods if p.upcoming]

    @property
    def who(self) -> str:
        """"Northshire Health Board" or "Northshire Health Board, maternity services"."""
        return f"{self.body.name}, {self.service}" if self.service else self.body.name

    @property
    def summary(self) -> str:
        """"Special measures since February 2023; previously targeted intervention"."""
        now, parts = self.current, []
        if now is not None:
            parts.append(f"{now.level.label} since {now.change.effective.human()}")
            if now.previous is not None:
                parts.append(f"previously {in_sentence(now.previous.label)}")
        for later in self.upcoming:
            label = later.level.label if not parts else in_sentence(later.level.label)
            parts.append(f"{label} from {later.change.effective.human()}")
        return "; ".join(parts)


def track_of(framework: str, body: str, service: str | None) -> tuple[str, str, str]:
    """The track a move belongs to: one framework, one body, one service (in any case)."""
    return framework, body, (service or "").casefold()


def track_key(move: m.OversightChange) -> tuple[str, str, str]:
    return track_of(move.framework.id, move.body.id, move.service)


def tracks(case: m.Case, as_of: dt.date | None = None) -> list[Track]:
    """Every body, service and framework the case's records move, with its periods; a
    level that takes effect after ``as_of`` (the case's own) is upcoming, not current."""
    position = {r.id: i for i, r in enumerate(case.records)}  # 'after' respected
    changes = sorted((o for r in case.records for o in r.oversight), key=lambda o: (
        o.effective.earliest, o.effective.latest, position[o.record.id], o.position))
    grouped: dict[tuple[str, str, str], list[m.OversightChange]] = {}
    for change in changes:
        grouped.setdefault(track_key(change), []).append(change)
    out = []
    for moves in grouped.values():
        periods = []
        for i, change in enumerate(moves):
            end = moves[i + 1].effective if i + 1 < len(moves) else None
            periods.append(Period(change, moves[i - 1].level if i else None, end,
                                  as_of is not None and change.effective.earliest > as_of))
        first = moves[0]
        out.append(Track(first.framework, first.body, first.service, periods))
    return out


def by_current_level(tracks_by_case: list[tuple[Track, m.Case]], order: list[str]
                     ) -> list[tuple[Framework, list[tuple[Track, m.Case]]]]:
    """For the cross-case page: per framework (in ``order``), bodies by current level, most
    serious first (then by name); a body whose first level is yet to take effect comes last."""
    grouped: dict[str, tuple[Framework, list[tuple[Track, m.Case]]]] = {}
    for track, case in tracks_by_case:
        grouped.setdefault(track.framework.id, (track.framework, []))[1].append((track, case))

    def key(pair: tuple[Track, m.Case]) -> tuple[int, str, str]:
        now = pair[0].current
        return (-(now.level.rank + 1) if now else 0, pair[0].who.casefold(), pair[1].id)

    ranked = sorted(grouped, key=lambda i: order.index(i) if i in order else len(order))
    return [(grouped[i][0], sorted(grouped[i][1], key=key)) for i in ranked]
