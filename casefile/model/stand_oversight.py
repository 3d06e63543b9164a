"""Where things stand, its oversight levels: for each body (or service) and framework the
case's records move, the level held as of the case's own date, since when, how it compares
with the one before, and who says so, cited; then any level announced that has not yet
taken effect. Computed from casefile.model.oversight_history (the oversight section's own
periods), so the two never disagree."""

from __future__ import annotations

from casefile.model import objects as m
from casefile.model import who
from casefile.model.oversight_history import Period, Track, tracks
from casefile.model.said import Said, called, unique


def levels(case: m.Case) -> list[Said]:
    """A sentence per track's current level and per announced one, each saying who says
    so (the body whose record moves it, and who reports that record where none of its
    sources is the body's own), cited to the move's sources."""
    assert case.as_of_shown is not None  # set by deadlines.compute_all
    as_of = case.as_of_shown.human()
    out = []
    for track in tracks(case, case.as_of):
        now = track.current
        if now is not None:
            before = "" if now.previous is None else f" {now.comparison}."
            out.append(Said(f"Oversight level as of {as_of} for {track.who}: "
                            f"{now.level.label}, since "
                            f"{now.change.effective.human()}.{before} {_level(track, now)} "
                            f"{_says(case, now)}", unique(now.change.cites), now.anchor))
        for later in track.upcoming:
            out.append(Said(f"Announced, not yet in effect as of {as_of}, for {track.who}: "
                            f"{later.level.label} from "
                            f"{later.change.effective.human()}. {_level(track, later)} "
                            f"{_says(case, later)}",
                            unique(later.change.cites), later.anchor))
    return out


def _level(track: Track, period: Period) -> str:
    """"That is level 3 of 5 under NHS Scotland … framework, whose levels Scottish
    Government sets."."""
    rank = period.rank_words + ("," if "," in period.rank_words else "")
    return (f"That is {rank} under {track.framework.name}, whose levels "
            f"{track.framework.overseer} sets.")


def _says(case: m.Case, period: Period) -> str:
    """"Example Government says so in “De-escalated to stage 3” (September 2023).", or,
    known only from another publisher's source, "The Gazette (press) reports that …"."""
    record = period.change.record
    relay = who.relayed(record.body, period.change.cites, case, case.as_of_shown)
    said = who.told(called(record.body, case), relay,
                    f"says so in “{record.title}” ({record.when}).")
    return said[:1].upper() + said[1:]
