"""The ready-to-paste citation of a page: who publishes it, its title and full address,
the date its records run to, the build, and a place for the reader's own access date."""

from __future__ import annotations

from collections import Counter

from casefile.model import objects as m
from casefile.model.cited_in import OPENING_WORDS, opening
from casefile.model.views import CaseView, TimelineEntry

# The access date is the reader's: the page says so, and casefile.js fills in the day the
# page is read where JavaScript runs (the text stays complete without it).
ACCESSED = "[date you read it]"
# Built without the site's address (no SITE_URL), a page cannot know its own: a path from
# the host's root would be wrong under a sub-path and reads like a full address, so the
# citation says what to put there instead.
NO_ADDRESS = "address: the page's address on this site"
NO_ADDRESS_SHOWN = ("Not known to this copy of the site (it was built without its address): "
                    "use the page's address on this site, as your browser shows it.")


# The classes of the citation's placeholders, which casefile.js fills where it runs: the
# reader's access date, and the page's address where the build did not know it.
ACCESSED_CLASS = "cf-accessed"
ADDRESS_CLASS = "cf-address"


def citation(publisher: str, title: str, address: str | None, records_as_of: str,
             built: str, commit: str | None = None) -> str:
    """"casefile, “Title”, https://…/cases/x/, records as of 9 January 2019, built
    1 December 2026 (git commit 0123456789ab), accessed [date you read it]."; with no
    ``address`` known, NO_ADDRESS in its place."""
    return "".join(text for text, _ in citation_parts(publisher, title, address,
                                                      records_as_of, built, commit))


def citation_parts(publisher: str, title: str, address: str | None, records_as_of: str,
                   built: str, commit: str | None = None) -> list[tuple[str, str | None]]:
    """The citation in pieces, each with the class of the placeholder it is (None: plain
    text): the access date always, the address where it is not known (NO_ADDRESS), so that
    the page marks just these for casefile.js, whatever words the title quotes."""
    version = f"built {built}" + (f" (git commit {commit[:12]})" if commit else "")
    return [(f"{publisher}, “{title}”, ", None),
            (address, None) if address else (NO_ADDRESS, ADDRESS_CLASS),
            (f", records as of {records_as_of}, {version}, accessed ", None),
            (ACCESSED, ACCESSED_CLASS), (".", None)]


def permalink_names(view: CaseView) -> dict[str, str]:
    """The accessible name of each permalink of a case page, by the id it links to, never
    by a count of casefile's own, which a reader would take for the source's numbering: an
    event by its title and date ("Permalink to the event “Inspection”, July 2017", "… to the
    publication of “Inspection”, 2 October 2017"), a finding by its source's own number
    where given, else by its first words (finding_names), a requirement by its first words
    ("Permalink to the requirement “Produce a plan.”"; the link itself shows only "#")."""
    names = _told_apart([(f"ev-{e.anchor}", _event_name(e), _event_name(e))
                         for e in view.timeline], "entry", "the timeline")
    names.update(finding_names([row.finding for group in view.matrices for row in group.rows]))
    names.update(requirement_names(view.requirements))
    return {anchor: f"Permalink to {what}" for anchor, what in names.items()}


def _event_name(e: TimelineEntry) -> str:
    return (f"the publication of “{e.title}”, {e.when}" if e.is_publication
            else f"the event “{e.title}”, {e.when}")


def requirement_names(requirements: list[m.Requirement]) -> dict[str, str]:
    """What each requirement's permalink names it, by its row's id, in page order: by its
    first words (requirements carry no number of the source's), told apart by more of them
    where two open alike, then by its row of the table."""
    return _told_apart([(f"req-{r.id}", f"the requirement {opening(r.text)}",
                         f"the requirement {opening(r.text, 4 * OPENING_WORDS)}")
                        for r in requirements], "row", "the requirements table")


def _told_apart(said: list[tuple[str, str, str]], unit: str, where: str) -> dict[str, str]:
    """Each anchor's short name; where two share it, the longer one; where two share that
    too, the longer one with the place on the page: "(row 2 of the requirements table)"."""
    short = Counter(name for _, name, _ in said)
    chosen = [(anchor, name if short[name] == 1 else longer) for anchor, name, longer in said]
    shared = {name for name, k in Counter(name for _, name in chosen).items() if k > 1}
    return {anchor: f"{name} ({unit} {n} of {where})" if name in shared else name
            for n, (anchor, name) in enumerate(chosen, 1)}


def finding_names(findings: list[m.Finding]) -> dict[str, str]:
    """What each finding's permalink names it, by its row's id, for findings in page
    order: its kind and the source's own number where given ("recommendation 12", as its
    label); one the source did not number, by its kind and first words ("the finding
    “Leadership was not effective…”"), never by a count of casefile's own, which a reader
    would take for the source's numbering; a name two rows would share (two reports'
    "recommendation 1") is told apart by the row: "recommendation 1 (row 5 of the findings
    tables)"."""
    said = [(f"finding-{f.id}", f"{f.noun} {f.number}" if f.number
             else f"the {f.noun} {opening(f.text)}") for f in findings]
    return _told_apart([(anchor, name, name) for anchor, name in said], "row",
                       "the findings tables")
