"""Stored copies as readers see them: a copy's status in words, where a checked quote
lies in a published copy, and the page of each copy the site may publish
(``publish_copy``): its text by paragraph (by page for a PDF), numbered, with the passages
the site quotes marked and where each is quoted.

Only the copies' own text is used, split where the reading stage split it; positions come
from ``casefile.model.quotes`` (the same search that checked the quotes), mapped back from
the normalised text to the document's own characters."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from casefile.errors import LAYOUT_CONTROLS
from casefile.model import objects as m
from casefile.model import quotes

if TYPE_CHECKING:
    from casefile.model.views import CaseView

# they make text display other than it reads (data files refuse them; a copy is the
# document's own text, so they are dropped from the page instead)
_CONTROLS = re.compile(f"[{LAYOUT_CONTROLS}]")
FORMATS = {"text": "plain text", "markdown": "Markdown text", "html": "web page (HTML)",
           "pdf": "PDF"}
_NUMBER = re.compile(r"\d+")


def format_words(copy: m.StoredCopy) -> str:
    return FORMATS.get(copy.format, copy.format)


def copy_src(source_id: str) -> str:
    """The generated page of a published copy."""
    return f"sources/{source_id}/copy.md"


def part_anchor(copy: m.StoredCopy, number: int) -> str:
    """``para-12`` or, in a PDF, ``page-4``: the id of a part on the copy's page."""
    return f"{'page' if copy.by_page else 'para'}-{number}"


def cite_anchor(cite: m.Citation) -> str | None:
    """Where on its source's published copy page a checked quote starts; None when the
    copy is not published or the quote was not checked."""
    source, found = cite.source, _NUMBER.search(cite.found_at or "")
    if not (source.publish_copy and source.copy and cite.checked and found):
        return None
    return part_anchor(source.copy, int(found.group()))


@dataclass(frozen=True)
class QuotedIn:
    """A case that quotes a passage, and the source's number in its bibliography."""

    case: m.Case = field(compare=False, hash=False)
    number: int
    case_id: str


@dataclass
class Piece:
    text: str
    quoted: list[QuotedIn] = field(default_factory=list)  # empty: not quoted

    def __post_init__(self) -> None:  # a copy's direction controls would reorder the page
        self.text = _CONTROLS.sub("", self.text)


@dataclass
class Part:
    number: int  # from 1
    anchor: str
    pieces: list[Piece]


@dataclass
class CopyPage:
    source: m.Source
    copy: m.StoredCopy
    parts: list[Part]

    @property
    def marked(self) -> int:
        """How many passages are marked (a passage over two parts counts twice)."""
        return sum(1 for p in self.parts for x in p.pieces if x.quoted)


def positions(part: str) -> list[int]:
    """For each character of ``quotes.normalise(part)``, its index in ``part`` (a run of
    white space becomes one space, at the run's first character; none at either end)."""
    out: list[int] = []
    run: int | None = None
    for i, char in enumerate(part):
        if char.isspace():
            if out and run is None:
                run = i
        else:
            if run is not None:
                out.append(run)
                run = None
            out.append(i)
    return out


Marks = dict[int, list[tuple[int, int, QuotedIn]]]  # part index → (start, end, where)


def _marks(copy: m.StoredCopy, quoted: list[tuple[str, QuotedIn]],
           where: list[list[int]]) -> Marks:
    marks: Marks = {}
    for text, quoted_in in quoted:
        for start, end in quotes.spans(copy, text):
            i = max(bisect.bisect_right(copy.starts, start) - 1, 0)
            while i < len(copy.starts) and copy.starts[i] < end:
                begins = copy.starts[i]
                lo, hi = max(start, begins), min(end, begins + len(where[i]))
                if lo < hi:
                    marks.setdefault(i, []).append((lo - begins, hi - begins, quoted_in))
                i += 1
    return marks


def _pieces(part: str, where: list[int], marks: list[tuple[int, int, QuotedIn]]
            ) -> list[Piece]:
    """The part's own text cut into plain and quoted pieces; overlapping passages are
    one marked piece naming every case that quotes any of them."""
    merged: list[tuple[int, int, list[QuotedIn]]] = []
    for lo, hi, quoted_in in sorted(marks, key=lambda x: (x[0], x[1])):
        if merged and lo < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], hi), last[2] + [quoted_in])
        else:
            merged.append((lo, hi, [quoted_in]))
    pieces, at = [], 0
    for lo, hi, quoted_in in merged:
        start, end = where[lo], where[hi - 1] + 1
        if start > at:
            pieces.append(Piece(part[at:start]))
        pieces.append(Piece(part[start:end], list(dict.fromkeys(quoted_in))))
        at = end
    if at < len(part) or not pieces:
        pieces.append(Piece(part[at:]))
    return pieces


def copy_page(source: m.Source, views: list[CaseView]) -> CopyPage | None:
    """The page of a copy the site publishes, its passages quoted in ``views`` marked;
    None unless the source's copy may be published and its text was kept."""
    from casefile.model.views import stated

    copy = source.copy
    if copy is None or not source.publish_copy or copy.parts is None:
        return None
    quoted = [(p.text, QuotedIn(v.case, v.numbers[source.id], v.case.id))
              for v in views if source.id in v.numbers for p in v.quotes[source.id]]
    quoted += [(text, QuotedIn(v.case, v.numbers[source.id], v.case.id))
               for v in views for text, c in stated(v) if c.source is source]
    where = [positions(part) for part in copy.parts]
    marks = _marks(copy, quoted, where)
    parts = [Part(i + 1, part_anchor(copy, i + 1), _pieces(part, where[i], marks.get(i, [])))
             for i, part in enumerate(copy.parts)]
    return CopyPage(source, copy, parts)


def copy_pages(sources: dict[str, m.Source], views: list[CaseView]) -> dict[str, CopyPage]:
    """Every published copy's page, by source id."""
    pages = {sid: copy_page(s, views) for sid, s in sources.items() if s.publish_copy}
    return {sid: page for sid, page in pages.items() if page is not None}
