"""A sentence of "where things stand" and what it rests on, shared by its parts
(casefile.model.stand, casefile.model.stand_requirements)."""

from __future__ import annotations

from dataclasses import dataclass, field

from casefile.model import objects as m


@dataclass
class Said:
    """A sentence and the citations it rests on; ``anchor`` names the row of the case page
    that gives it in full, where there is one."""

    text: str
    cites: list[m.Citation] = field(default_factory=list)
    anchor: str | None = None
    # said to screen readers after ``text`` where it links to ``anchor``, so that the link
    # names what it goes to: ", requirement 2: Produce a plan" (WCAG 2.4.4)
    more: str = ""


def unique(cites: list[m.Citation]) -> list[m.Citation]:
    """The first citation of each source, in order (one link per source)."""
    seen: dict[str, m.Citation] = {}
    for cite in cites:
        seen.setdefault(cite.source.id, cite)
    return list(seen.values())


def called(body: m.Body, case: m.Case) -> str:
    """A body as the block names it, whenever it spoke: by its name when the records end
    ("New Inspectorate"), so that one body has one name throughout the block (the timeline
    and tables give each name of the time)."""
    return body.label_at(case.as_of_shown)
