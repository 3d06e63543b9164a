"""Oversight frameworks as data: who oversees, the ordered levels, which end is more serious.

A framework is set by a government or an inspectorate (not an inspection grade): NHS Wales's
escalation levels, a police inspectorate's monitoring phases, commissioners sent into a
council. Five are built in, with their published level names only; a site adds its own
under ``oversight_frameworks:`` in data/vocabulary.yml. Records move a body between levels
(``casefile.model.oversight_history`` computes the level over time)."""

from __future__ import annotations

from dataclasses import dataclass

from casefile.model.vocab import Term, _terms


@dataclass(frozen=True)
class Level:
    """One level of a framework; ``rank`` 0 is the least serious."""

    value: str
    label: str
    description: str
    rank: int


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    overseer: str  # in words: "Welsh Government"
    description: str
    levels: tuple[Level, ...]  # least serious first, whatever order the source lists them
    most_serious: str = "last"  # which end of the list as written is the most serious
    built_in: bool = True

    def level(self, value: str) -> Level | None:
        return next((lv for lv in self.levels if lv.value == value), None)

    @property
    def as_written(self) -> tuple[Level, ...]:
        """The levels in the order the framework lists them."""
        return self.levels if self.most_serious == "last" else self.levels[::-1]


SERIOUS_ENDS: dict[str, Term] = _terms(
    ("last", "last", "The last level listed is the most serious (e.g. stage 1 to stage 5)."),
    ("first", "first", "The first level listed is the most serious."),
)


def framework(ident: str, name: str, overseer: str, description: str,
              rows: list[tuple[str, str, str]], most_serious: str = "last",
              built_in: bool = True) -> Framework:
    """A framework from its levels as the framework lists them (value, label, description)."""
    ordered = rows if most_serious == "last" else rows[::-1]
    levels = tuple(Level(v, label, d, rank) for rank, (v, label, d) in enumerate(ordered))
    return Framework(ident, name, overseer, description, levels, most_serious, built_in)


_PUBLISHED = "One of the framework's published levels; see the overseer's own guidance."

BUILT_IN: dict[str, Framework] = {f.id: f for f in (
    framework(
        "nhs-wales-escalation", "NHS Wales escalation and intervention arrangements",
        "Welsh Government",
        "How the Welsh Government escalates its oversight of NHS bodies in Wales.",
        [("routine_arrangements", "Routine arrangements", _PUBLISHED),
         ("enhanced_monitoring", "Enhanced monitoring", _PUBLISHED),
         ("targeted_intervention", "Targeted intervention", _PUBLISHED),
         ("special_measures", "Special measures", _PUBLISHED)]),
    framework(
        "nhs-scotland-escalation", "NHS Scotland board performance escalation framework",
        "Scottish Government",
        "How the Scottish Government escalates its oversight of NHS boards, in stages 1 "
        "to 5; stage 5 is the most serious.",
        [(f"stage_{n}", f"Stage {n}", f"Stage {n} of 5. {_PUBLISHED}") for n in range(1, 6)]),
    framework(
        "hmicfrs-police-monitoring", "HMICFRS monitoring of police forces",
        "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        "The inspectorate's monitoring process for police forces in England and Wales.",
        [("scan", "Scan", "Routine monitoring."),
         ("engage", "Engage", "Enhanced monitoring by the inspectorate (the press often "
          "calls it special measures).")]),
    framework(
        "nhs-england-oversight", "NHS England oversight framework segments",
        "NHS England",
        "NHS England places trusts and integrated care boards in segments 1 to 4; "
        "segment 4 means the most intensive support.",
        [(f"segment_{n}", f"Segment {n}", f"Segment {n} of 4. {_PUBLISHED}")
         for n in range(1, 5)]),
    framework(
        "council-intervention", "Government intervention in a council",
        "the national or devolved government",
        "Whether a government has sent commissioners into a council to run or oversee some "
        "of its work.",
        [("no_intervention", "No intervention", "No commissioners are appointed."),
         ("commissioners_appointed", "Commissioners appointed", "The government has "
          "appointed commissioners to run or oversee some or all of the council's work.")]),
)}


def with_site(site: dict[str, Framework] | None = None) -> dict[str, Framework]:
    """The built-in frameworks, then those the site adds in data/vocabulary.yml."""
    return {**BUILT_IN, **(site or {})}
