"""The model's sources and what cites them: a source, its stored copy, a citation, and the
values sources give for a field on which they differ. Part of ``casefile.model.objects``,
which re-exports every name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from casefile.model import vocab

if TYPE_CHECKING:
    from casefile.model.dates import PartialDate
    from casefile.model.objects_bodies import Body


def by_id(self: Any) -> str:
    """The repr of an object defined once and referenced from everywhere (a body, person,
    source, theme, indicator or case): ``Body(id='town-council')``."""
    return f"{type(self).__name__}(id={self.id!r})"


@dataclass
class Citation:
    source: Source
    quote: str | None = None
    locator: str | None = None  # as the editor wrote it
    number: int = 0  # position in the case bibliography, set by casefile.model.views
    # where the quote is written: (file, line, column, dotted path); None without a quote
    quote_at: tuple[str, int, int, str] | None = None
    checked: bool = False  # its quote (or its statement's) was found in the stored copy
    found_at: str | None = None  # where in the copy, computed: "para. 12", "pp. 4–5"

    @property
    def label(self) -> str:
        """The accessible name of its numbered link: source_label."""
        return source_label(self.number, self.source)


def source_label(number: int, source: Source) -> str:
    """What a citation link "[2]" is called for screen readers: its visible text first
    (WCAG 2.5.3, label in name), then which source it is: "[2] source: Example
    Inspectorate, Inspection of Town Council, 2 October 2017"."""
    return f"[{number}] source: {source.name_words}"


@dataclass
class StoredCopy:
    """A source document kept beside the data (data/sources/copies/FILE), read at check
    time: its text by paragraph (text, Markdown, HTML) or by page (PDF)."""

    file: str  # the name in data/sources/copies/
    sha256: str  # as recorded in the source file
    format: str  # text, markdown, html or pdf (from the file's ending)
    read: bool = False  # read, its hash matched and its text taken out: quotes checked
    # Its text, kept in the built model only when the copy may be published
    # (Source.publish_copy); otherwise dropped once every quote is checked (memory):
    parts: list[str] | None = None  # paragraphs or pages
    text: str = ""  # the parts normalised for quote search, joined by single spaces
    starts: list[int] = field(default_factory=list)  # where each part starts in ``text``

    def forget_text(self) -> None:
        self.parts, self.text, self.starts = None, "", []

    @property
    def by_page(self) -> bool:
        return self.format == "pdf"


@dataclass
class Alternative:
    """One value sources give for a field on which they differ, with its citations."""

    shown: str  # the value in words: "6 March 2019", "£2.5 million", "Good"
    cites: list[Citation]
    written: str  # as the data writes it: 2019-03-06, 2500000, good
    own: bool = False  # the field's own value, supported by the item's citations


@dataclass
class Disagreement:
    """Sources that give different values for one field (``sources_differ``): every value,
    the field's own first, and the editor's choice or, when unsettled, what is used."""

    field: str  # date, published, amount or grade
    what: str  # the field in words: "date", "publication date", "amount", "grade"
    values: list[Alternative]
    chosen: str | None  # the chosen value in words; None when unsettled
    reason: str
    used: str  # what the page and computations use, in words: "5 or 6 March 2019"

    @property
    def unsettled(self) -> bool:
        return self.chosen is None

    @property
    def given(self) -> str:
        """The field's own value as the data writes it (for open data)."""
        return self.values[0].written

    @property
    def cites(self) -> list[Citation]:
        """The citations of the other values (the own value's are the item's)."""
        return [c for v in self.values if not v.own for c in v.cites]


@dataclass
class Source:
    id: str
    title: str
    title_supplied: bool
    publisher: Body | None
    publisher_note: str | None
    kind: str
    published: PartialDate | None
    published_note: str | None
    url: str | None
    archive_url: str | None
    accessed: PartialDate | None
    language: str
    note: str | None
    insecure_http: bool = False
    kind_term: vocab.Term | None = None  # None only in data that failed to link
    undated: bool = False  # published: no date shown (the document has none)
    differs: dict[str, Disagreement] = field(default_factory=dict)  # sources_differ
    original: Source | None = None  # the document this one is a mirror or repost of
    second_hand_given: bool = False  # as written: second_hand: true
    copy: StoredCopy | None = None  # the stored copy of the document, if one is kept
    licence: str | None = None  # a value of the licences vocabulary
    publish_copy: bool = False  # the copy may be published (only with an open licence)

    __repr__ = by_id

    @property
    def display_title(self) -> str:
        return f"[{self.title}]" if self.title_supplied else self.title

    @property
    def name_words(self) -> str:
        """Publisher, title and date in one line, in the words of the list of sources:
        "Town Council, Council news, March 2018", "Publisher not named in the
        document", "no date shown" or "undated" where so."""
        publisher = self.publisher.name if self.publisher else "Publisher not named in the document"
        when = (self.published.human() if self.published
                else "no date shown" if self.undated else "undated")
        return f"{publisher}, {self.display_title}, {when}"

    @property
    def second_hand(self) -> bool:
        """Reports what others said or found: marked so, or published by a tracker."""
        source = self.original or self
        return self.second_hand_given or source.second_hand_given or bool(
            source.publisher and source.publisher.kind == "tracker")

    @property
    def kind_label(self) -> str:
        return (self.kind_term or vocab.SOURCE_KINDS[self.kind]).label


def differ_cites(differs: dict[str, Disagreement]) -> list[Citation]:
    return [c for d in differs.values() for c in d.cites]
