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


class PermalinkNames(dict[str, str]):
    """The aria-label of each permalink of a case page that has one, by the id it links to;
    an event's permalink not in it is named by words already on the page instead (#12: the
    page's weight): ``aria-labelledby`` the hidden PREFIX (id PREFIX_ID, once per page) and
    the words of its entry's heading (``heading_id``: its date, kind and title)."""

    #: The words before an event's heading in its permalink's name, and their element's id.
    PREFIX = "Permalink to the entry"
    PREFIX_ID = "pe"

    @staticmethod
    def heading_id(n: int) -> str:
        """The id of the words of the n-th (from 1) timeline entry's heading."""
        return f"e{n}"


def permalink_names(view: CaseView) -> PermalinkNames:
    """What names each permalink of a case page, by the id it links to, never a count of
    casefile's own, which a reader would take for the source's numbering: an event by the
    words of its entry's heading, which the page already carries ("Permalink to the entry
    July 2017 Inspection Council concern", "… 2 October 2017 Report published Council
    concern"; not in the dict, PermalinkNames), a finding by its source's own number where
    given, else by its first words (finding_names), a requirement by its first words
    ("Permalink to the requirement “Produce a plan.”"; the link itself shows only "#").
    Entries whose headings read alike get an aria-label of those words and their place:
    "Permalink to the entry 1 March 2018 Follow-up Visit (entry 4 of the timeline)"."""
    names = PermalinkNames()
    said = [(f"ev-{e.anchor}", event_words(e), event_words(e)) for e in view.timeline]
    told = _told_apart(said, "entry", "the timeline")
    names.update((anchor, f"{PermalinkNames.PREFIX} {told[anchor]}")
                 for anchor, words, _ in said if told[anchor] != words)
    names.update((anchor, f"Permalink to {what}") for anchor, what in finding_names(
        [row.finding for group in view.matrices for row in group.rows]).items())
    names.update((anchor, f"Permalink to {what}")
                 for anchor, what in requirement_names(view.requirements).items())
    return names


def event_words(e: TimelineEntry) -> str:
    """The words of a timeline entry's heading, as a screen reader reads them: its date
    (both ends of a period), its kind and its title: "July 2017 Inspection Council concern"."""
    return f"{e.when} {e.label} {e.title}"


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
