"""The ready-to-paste citation of a page: who publishes it, its title and full address,
the date its records run to, the build, and a place for the reader's own access date."""

from __future__ import annotations

from casefile.model.views import CaseView

# The access date is the reader's: the page says so, and casefile.js fills in the day the
# page is read where JavaScript runs (the text stays complete without it).
ACCESSED = "[date you read it]"
# Built without the site's address (no SITE_URL), a page cannot know its own: a path from
# the host's root would be wrong under a sub-path and reads like a full address, so the
# citation says what to put there instead.
NO_ADDRESS = "address: the page's address on this site"
NO_ADDRESS_SHOWN = ("Not known to this copy of the site (it was built without its address): "
                    "use the page's address on this site, as your browser shows it.")


def citation(publisher: str, title: str, address: str | None, records_as_of: str,
             built: str, commit: str | None = None) -> str:
    """"casefile, “Title”, https://…/cases/x/, records as of 9 January 2019, built
    1 December 2026 (git commit 0123456789ab), accessed [date you read it]."; with no
    ``address`` known, NO_ADDRESS in its place."""
    address = address or NO_ADDRESS
    version = f"built {built}" + (f" (git commit {commit[:12]})" if commit else "")
    return (f"{publisher}, “{title}”, {address}, records as of {records_as_of}, {version}, "
            f"accessed {ACCESSED}.")


def around_accessed(text: str) -> tuple[str, str]:
    """A citation's words before and after its own access-date placeholder (the last one:
    a title quoting the placeholder's words is not it), so that the page can mark just that
    one for casefile.js to fill in."""
    before, found, after = text.rpartition(ACCESSED)
    assert found, "a citation ends with its access date"
    return before, after


def permalink_names(view: CaseView) -> dict[str, str]:
    """The accessible name of each permalink of a case page, by the id it links to:
    "Permalink to event 3", "Permalink to finding 12", "Permalink to requirement 2",
    numbered in page order within each kind (the link itself shows only "#")."""
    names = {f"ev-{e.anchor}": f"event {n}" for n, e in enumerate(view.timeline, 1)}
    rows = [row for group in view.matrices for row in group.rows]
    names.update((f"finding-{row.finding.id}", f"finding {n}") for n, row in enumerate(rows, 1))
    names.update((f"req-{r.id}", f"requirement {n}")
                 for n, r in enumerate(view.requirements, 1))
    return {anchor: f"Permalink to {what}" for anchor, what in names.items()}
