"""Rollups per case: timeline, findings-versus-progress matrix, deadlines, bibliography.

Everything a template shows is computed here; the templates only lay it out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from casefile.model import histories, vocab, who
from casefile.model import objects as m
from casefile.model.cited_in import Part, cited_in
from casefile.model.dates import PartialDate
from casefile.model.deadlines import skipped
from casefile.model.grades import RatingRow, ratings
from casefile.model.link_dates import after_order
from casefile.model.next_due import NextDue, next_due
from casefile.model.oversight_history import Track, tracks
from casefile.model.stand import Stand, kinds_counted, stand


@dataclass
class TimelineEntry:
    date: PartialDate
    label: str
    title: str
    record: m.Record
    is_publication: bool = False

    @property
    def anchor(self) -> str:
        return f"{self.record.id}-published" if self.is_publication else self.record.id

    @property
    def when(self) -> str:
        """The entry's date in words; an event over a period gives both ends."""
        return self.date.human() if self.is_publication else self.record.when

    @property
    def differs(self) -> list[m.Disagreement]:
        """The disagreements shown with this entry: the publication date's with the
        publication, the event date's with the event (and the publication date's too, when
        the publication has no entry of its own)."""
        differs = self.record.differs
        if self.is_publication:
            return [differs["published"]] if "published" in differs else []
        apart = self.record.published and self.record.published != self.record.date
        return [d for name, d in differs.items() if name == "date" or not apart]

    @property
    def of_event(self) -> bool:
        """A publication worded "The report of the inspection of … was published": only for
        record types whose report comes out after the event (vocab.REPORT_OF_EVENT)."""
        return self.record.type.value in vocab.REPORT_OF_EVENT

    @property
    def published_as(self) -> str:
        """How the record's event entry names its publication: "report published" or
        "published"."""
        return publication_label(self.record.type).lower()

    @property
    def published_sentence(self) -> str:
        """The publication in plain text, for feeds."""
        return ("The report was published." if is_report(self.record.type)
                else "It was published.")


def is_report(record_type: vocab.Term) -> bool:
    """Whether a record of this type produces a report or is one (casefile.model.vocab.
    REPORT_OF_EVENT, REPORT_ITSELF); a site's own types do not count."""
    return record_type.value in vocab.REPORT_OF_EVENT | vocab.REPORT_ITSELF


def publication_label(record_type: vocab.Term) -> str:
    """"Report published" for record types that produce or are a report, else "Published"."""
    return "Report published" if is_report(record_type) else "Published"


@dataclass
class MatrixRow:
    finding: m.Finding
    cells: list[m.Assessment | None]


@dataclass
class MatrixGroup:
    """The findings one record raised, against the later records that assessed them."""

    record: m.Record
    columns: list[m.Record]
    rows: list[MatrixRow]
    speakers: list[m.Assessment | None]
    """Per column, an assessment naming who speaks for every cell of that column (shown once,
    in the column heading), or None where the cells of a column have different speakers."""
    ties: list[str] = field(default_factory=list)
    """Sentences naming the columns in no known order (the same day, or overlapping dates)
    and the order they are shown in (casefile.model.histories.column_ties)."""

    @property
    def raised_in(self) -> str:
        """What raised the findings, for the caption before the date: "the inspection of"
        for events whose report comes later, else the record's title in quotes."""
        if self.record.type.value in vocab.REPORT_OF_EVENT:
            return f"the {self.record.type.label.lower()} of"
        return f"“{self.record.title}”,"

    @property
    def items_called(self) -> str:
        """What the table's rows are, in its caption: "Findings", "Recommendations",
        "Findings and recommendations" (each kind among them, in the vocabulary's order)."""
        said = who.listed(vocab.kind_words((r.finding.kind for r in self.rows), plural=True))
        return said[:1].upper() + said[1:]

    @property
    def item_heading(self) -> str:
        """The rows' column heading: "Finding", "Recommendation", "Finding or
        recommendation" (each kind among them, in the vocabulary's order)."""
        words = vocab.kind_words(r.finding.kind for r in self.rows)
        said = words[-1] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
        return said[:1].upper() + said[1:]

    @property
    def rows_named(self) -> bool:
        """Whether the rows' heading is not casefile.css's fixed FIRST_HEADING, so that a
        phone card shows the table's own (--c1 of card_labels; class cf-rows-named)."""
        return self.item_heading != FIRST_HEADING

    @property
    def card_labels(self) -> str:
        """The later columns' headings once, for the table's style (card_labels)."""
        return card_labels(self.headings)

    @property
    def headings(self) -> list[str]:
        """The table's column headings as plain text, the rows' first ("Finding",
        "Recommendation": item_heading), then each later record's
        type and date, and who speaks for the whole column where one body does. A phone
        shows them beside each cell (its data-label), so they match the headings' words."""
        out = [self.item_heading]
        for record, speaker in zip(self.columns, self.speakers, strict=True):
            heading = f"{record.type.label}, {record.when}"
            out.append(f"{heading}; {who_says(speaker)}" if speaker else heading)
        return out


CARD_COLUMNS = 16  # matrix columns labelled from the table's style (casefile.css rules)


def css_string(text: str) -> str:
    """``text`` as a CSS string that says it and nothing else: letters, digits, spaces and
    plain punctuation as they are, any other character (quotes, backslashes, braces, angle
    brackets, control characters) as a hex escape."""
    safe = [ch if ch.isalnum() or ch in " ,.:;()-'/&" else f"\\{ord(ch):x} " for ch in text]
    return '"' + "".join(safe) + '"'


FIRST_HEADING = "Finding"  # the rows' heading casefile.css gives a phone card by default


def card_labels(headings: list[str]) -> str:
    """A findings table's style attribute: each later column's heading once, as a custom
    property (--c2, --c3...) that casefile.css shows above that column's cells on a phone,
    instead of a data-label on every cell. Columns past CARD_COLUMNS keep data-label. The
    rows' own heading is given (--c1) only where it is not FIRST_HEADING ("Recommendation")."""
    first = 1 if headings[0] == FIRST_HEADING else 0
    return ";".join(f"--c{i}:{css_string(h)}"
                    for i, h in enumerate(headings[first:CARD_COLUMNS], first + 1))


def who_says(assessment: m.Assessment) -> str:
    """Who asserts an assessment, in the words beside it: "Regulator: Example Inspectorate",
    and for a second-hand claim whose account it is ("…, as reported by …")."""
    return who.said_by(assessment.asserter, assessment.asserted_by, assessment.record,
                       assessment.relayed)


@dataclass
class Passage:
    """A passage a case quotes from a source (a citation's quote, or a statement's for each
    of its citations), with the first citation that quotes it: whether it was checked
    against the source's stored copy, and where it is."""

    text: str
    cite: m.Citation

    @property
    def locator(self) -> str | None:
        """The locator computed from the stored copy where the quote was found there, else
        the one the editors wrote (a written locator is never shown as checked)."""
        return self.cite.found_at or self.cite.locator


@dataclass
class CaseView:
    case: m.Case
    as_of: dt.date  # the case's own: outcomes are computed as of it (case.as_of_basis says why)
    timeline: list[TimelineEntry]
    matrices: list[MatrixGroup]
    bibliography: list[m.Source]
    requirements: list[m.Requirement]
    statements: list[m.Statement]
    latest: TimelineEntry | None
    numbers: dict[str, int] = field(default_factory=dict)
    quotes: dict[str, list[Passage]] = field(default_factory=dict)  # source id → quoted
    ratings: list[RatingRow] = field(default_factory=list)
    working_days: str = ""  # what they skip: 'weekends and bank holidays in Scotland'
    oversight: list[Track] = field(default_factory=list)  # levels over time, per body
    grades: dict[str, vocab.Term] = field(default_factory=dict)  # source id → grade here
    stand: Stand | None = None  # "where things stand" (casefile.model.stand)
    cited_in: dict[str, list[Part]] = field(default_factory=dict)  # source id → where
    # source id → the passages quoted for the case page itself: the quotes behind findings
    # and assessments are shown beside them on the finding pages (casefile.model.histories)
    shown_quotes: dict[str, list[Passage]] = field(default_factory=dict)
    # the case facts' and the list of cases' "Next or past-due deadline": a requirement's
    # or a duty to respond's, whichever is first (casefile.model.next_due)
    next_due: NextDue | None = None

    def elsewhere(self, source: m.Source) -> int:
        """How many of the passages quoted from ``source`` only finding pages show."""
        return len(self.quotes[source.id]) - len(self.shown_quotes[source.id])

    def number(self, source: m.Source) -> int:
        return self.numbers[source.id]

    def label(self, source: m.Source) -> str:
        """What the source's citation links are called for screen readers here."""
        return m.source_label(self.numbers[source.id], source)


def timeline(case: m.Case) -> list[TimelineEntry]:
    entries = []
    for record in case.records:
        entries.append(TimelineEntry(record.date, record.type.label, record.title, record))
        if record.published and record.published != record.date:
            entries.append(TimelineEntry(record.published, publication_label(record.type),
                                         record.title, record, True))
    return after_order(entries, lambda e: (e.date.earliest, e.date.latest, e.record.id),
                       _event_of)


def _event_of(entry: TimelineEntry) -> m.Record | None:
    """The record whose event ``entry`` is; None for a publication, which ``after`` does
    not order."""
    return None if entry.is_publication else entry.record


def _all_citations(case: m.Case, entries: list[TimelineEntry]) -> list[m.Citation]:
    cites = list(case.cites)
    for money in case.money:
        cites += money.cites + [c for d in money.differs.values() for c in d.cites]
    for entry in entries:
        if not entry.is_publication:
            cites += entry.record.cites + [c for d in entry.record.differs.values()
                                           for c in d.cites]
    for finding in case.findings:
        cites += finding.cites
    for record in sorted(case.records, key=lambda r: r.date):
        cites += record.part_cites()
    return cites


def _number(cites: list[m.Citation]) -> tuple[list[m.Source], dict[str, int]]:
    numbers: dict[str, int] = {}
    order: list[m.Source] = []
    for cite in cites:
        if cite.source.id not in numbers:
            order.append(cite.source)
            numbers[cite.source.id] = len(order)
        cite.number = numbers[cite.source.id]
    return order, numbers


def case_view(case: m.Case, build_date: dt.date | None = None) -> CaseView:
    """Everything a case page shows; outcomes as of the case's own date (set by
    casefile.model.deadlines.compute_all), never one date for the whole site.
    ``build_date`` (the site's) only lets "where things stand" say when the records stop
    long before it."""
    assert case.as_of is not None, "compute_all runs first"
    entries = timeline(case)
    cites = _all_citations(case, entries)
    bibliography, numbers = _number(cites)
    quotes = passages(bibliography, [(c.quote, c) for c in cites if c.quote])
    on_finding_pages = {id(c) for c in _finding_citations(case)}
    shown = passages(bibliography, [(c.quote, c) for c in cites
                                    if c.quote and id(c) not in on_finding_pages])
    reqs = sorted(case.requirements, key=lambda r: (r.record.date.earliest, r.id))
    groups = matrices(case)
    view = CaseView(case, case.as_of, entries, groups, bibliography, reqs,
                    case.statements, entries[-1] if entries else None, numbers, quotes,
                    ratings(case), skipped(case.jurisdiction), tracks(case, case.as_of),
                    {s.id: who.grade(s, case) for s in bibliography},
                    stand=stand(case, groups, reqs, build_date), shown_quotes=shown,
                    next_due=next_due(case, reqs))
    view.cited_in = cited_in(view)
    return view


def _finding_citations(case: m.Case) -> list[m.Citation]:
    """The citations of the case's findings, assessments and responses to findings, whose
    quotes their finding pages show."""
    return ([c for f in case.findings for c in f.cites]
            + [c for r in case.records for a in r.assessments for c in a.cites]
            + [c for f in case.findings for x in f.responses for c in x.cites])


def passages(bibliography: list[m.Source], quoted: list[tuple[str, m.Citation]]
             ) -> dict[str, list[Passage]]:
    """Each source's passages among ``quoted`` (text, citation), in that order, each passage
    once for each locator."""
    quotes: dict[str, list[Passage]] = {s.id: [] for s in bibliography}
    seen: set[tuple[str, str, str | None]] = set()
    for text, cite in quoted:
        passage = Passage(text, cite)
        key = (cite.source.id, text, passage.locator)
        if key not in seen and cite.source.id in quotes:
            seen.add(key)
            quotes[cite.source.id].append(passage)
    return quotes


def stated(view: CaseView) -> list[tuple[str, m.Citation]]:
    """The statements' quotes, with each of their citations that has no quote of its own
    (the bibliography lists citations' quotes; statements show their own)."""
    return [(s.quote, c) for s in view.statements for c in s.cites if not c.quote]


Graded = list[tuple["m.Case | None", vocab.Term]]


def source_grades(views: dict[str, CaseView], sources: dict[str, m.Source]) -> dict[str, Graded]:
    """For each source id, its evidence grade in each case that cites it (grades are per
    case: the same document can be a self-report in one case and oversight in another);
    a source no case cites is graded from its publisher's kind alone (case None)."""
    out: dict[str, Graded] = {}
    for view in views.values():
        for source_id, grade in view.grades.items():
            out.setdefault(source_id, []).append((view.case, grade))
    for source_id, source in sources.items():
        out.setdefault(source_id, [(None, who.grade(source, None))])
    return out


def matrices(case: m.Case) -> list[MatrixGroup]:
    groups = []
    for record in case.records:
        if not record.findings:
            continue
        found = [a for f in record.findings for a in _assessments_of(case, f)]
        columns = histories.columns(found)  # date order; ties by who says so, never by id
        rows = []
        for finding in record.findings:
            by_record = {a.record.id: a for a in _assessments_of(case, finding)}
            rows.append(MatrixRow(finding, [by_record.get(r.id) for r in columns]))
        group = MatrixGroup(record, columns, rows, _speakers(columns, rows))
        # the note on columns in no known order names them by their headings as shown
        group.ties = histories.column_ties(columns, group.headings[1:])
        groups.append(group)
    return groups


def _speakers(columns: list[m.Record], rows: list[MatrixRow]) -> list[m.Assessment | None]:
    speakers: list[m.Assessment | None] = []
    for i in range(len(columns)):
        cells = [row.cells[i] for row in rows if row.cells[i] is not None]
        who = {(a.asserter.value, a.asserted_by.id, a.relayed and a.relayed.words)
               for a in cells if a}
        speakers.append(cells[0] if len(who) == 1 else None)
    return speakers


def _assessments_of(case: m.Case, finding: m.Finding) -> list[m.Assessment]:
    return [a for r in case.records for a in r.assessments if a.finding is finding]


NOT_ASSESSED = vocab.STATUSES["not_assessed"]


@dataclass
class ThemeFinding:
    finding: m.Finding
    view: CaseView = field(repr=False, compare=False)  # its case's (printed on its own)
    latest: m.Assessment | None


def cross_timeline(views: dict[str, CaseView]) -> list[tuple[TimelineEntry, CaseView]]:
    """Every case's timeline merged, oldest first."""
    merged = [(entry, view) for view in views.values() for entry in view.timeline]
    return after_order(merged, lambda p: (p[0].date.earliest, p[0].date.latest, p[1].case.id,
                                          p[0].anchor), lambda p: _event_of(p[0]))


def by_theme(ds: m.Dataset, views: dict[str, CaseView]) -> list[tuple[m.Theme, list[ThemeFinding]]]:
    """Findings grouped by theme across cases, each with its most recent assessment."""
    grouped: dict[str, list[ThemeFinding]] = {t: [] for t in ds.themes}
    for view in views.values():
        position = {r.id: i for i, r in enumerate(view.case.records)}  # 'after' respected
        for finding in view.case.findings:
            assessed = sorted(_assessments_of(view.case, finding),
                              key=lambda a: position[a.record.id])
            grouped[finding.theme.id].append(
                ThemeFinding(finding, view, assessed[-1] if assessed else None))
    return [(ds.themes[t], items) for t, items in grouped.items() if items]


def review_age_days(case: m.Case, build_date: dt.date) -> int | None:
    """Days between the case's last review and the build, or None if never reviewed."""
    return (build_date - case.reviewed.latest).days if case.reviewed else None


@dataclass
class BodyCase:
    """A case a body takes part in, and its parts in it in words: "regulator", "acts in 5
    records", "publishes 2 of the sources cited"."""

    case: m.Case
    roles: list[str]
    levels: list[Track] = field(default_factory=list)  # its oversight levels in the case


# A body's parts in a case beyond subject and regulator, in the order shown: key → words.
PARTS = {"records": ("acts in {n} record", "acts in {n} records"),
         "findings": ("assesses {n} finding", "assesses {n} findings"),
         "ratings": ("gives {n} grade", "gives {n} grades"),
         "reported": ("reports whether {n} requirement was met",
                      "reports whether {n} requirements were met"),
         "statements": ("is quoted in {n} statement", "is quoted in {n} statements"),
         "sources": ("publishes {n} of the sources cited", "publishes {n} of the sources cited")}


def body_cases(views: dict[str, CaseView]) -> dict[str, list[BodyCase]]:
    """For each body id, every case it takes part in (in case order) with its roles; a
    body that takes part in no case has no entry."""
    out: dict[str, list[BodyCase]] = {}
    for view in views.values():
        for body_id, roles in _roles_in(view).items():
            levels = [t for t in view.oversight if t.body.id == body_id]
            out.setdefault(body_id, []).append(BodyCase(view.case, roles, levels))
    return out


def _roles_in(view: CaseView) -> dict[str, list[str]]:
    case = view.case
    parts: dict[str, dict[str, set[object]]] = {}  # body id → part → what it counts
    kinds: dict[str, dict[str, vocab.Term | None]] = {}  # body id → finding id → its kind

    def note(body: m.Body | None, part: str, thing: object) -> None:
        if body is not None:
            parts.setdefault(body.id, {}).setdefault(part, set()).add(thing)

    for record in case.records:
        note(record.body, "records", record.id)
        for assessment in record.assessments:
            note(assessment.asserted_by, "findings", assessment.finding.id)
            if assessment.asserted_by is not None:
                kinds.setdefault(assessment.asserted_by.id, {})[assessment.finding.id] = \
                    assessment.finding.kind
        for rating in record.ratings:
            note(rating.by, "ratings", id(rating))
        for req in record.requirements:
            note(req.reported.by if req.reported else None, "reported", req.id)
        for statement in record.statements:
            note(_speaker_body(statement), "statements", id(statement))
    for source in view.bibliography:
        note(source.publisher, "sources", source.id)
    roles: dict[str, list[str]] = {}
    for named, part in ((case.subjects or [case.subject], "subject of the case"),
                        (case.partners, "partner of the subject"),
                        (case.overseers, "overseer"), (case.regulators, "regulator")):
        for body in named:
            roles.setdefault(body.id, []).append(part)
    for body_id, counted in parts.items():
        roles.setdefault(body_id, []).extend(
            _part_words(p, len(counted[p]), list(kinds.get(body_id, {}).values()))
            for p in PARTS if p in counted)
    return roles


def _part_words(part: str, count: int, kinds: list[vocab.Term | None]) -> str:
    """A body's part in words: "acts in 4 records"; the findings it assesses counted in the
    words of their kinds, "assesses 3 findings and 2 recommendations"."""
    if part == "findings" and kinds:
        return f"assesses {kinds_counted(kinds)}"
    return PARTS[part][count != 1].format(n=count)


def _speaker_body(statement: m.Statement) -> m.Body | None:
    """The body a statement speaks for: named with the speaker, or the person's role then."""
    if statement.body is not None:
        return statement.body
    role = statement.role
    return role.body if role else None
