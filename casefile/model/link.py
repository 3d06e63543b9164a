"""Stage 3, model: validated records → the linked ``Dataset``.

Checks that need the whole data set live here: duplicate ids anywhere, references to
missing ids (with suggestions), file names matching ids, and the order of dates.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from casefile.errors import Problem
from casefile.model import calendars, link_differ, vocab, who
from casefile.model import objects as m
from casefile.model.date_words import Worded, dated
from casefile.model.link_dates import event_end, not_in_future
from casefile.model.link_oversight import add_frameworks
from casefile.model.money import decimals, places
from casefile.reading.validate import Loc, Rec, suggest

T = TypeVar("T")
COPY_FORMATS = {"txt": "text", "md": "markdown", "html": "html", "htm": "html", "pdf": "pdf"}


def _type_duty(rec: Rec | None) -> tuple[int, str, str] | None:
    """A site record type's ``respond:`` (within, unit, from: the record's date unless it
    says publication); None without one, or where validation refused a value (reported
    where it is written)."""
    if rec is None:
        return None
    within, unit, start = rec.get("within"), rec.get("unit"), rec.get("from") or "event"
    if not isinstance(within, int) or unit not in vocab.DAY_BASES \
            or start not in vocab.PERIOD_STARTS:
        return None
    return within, unit, start


def stored_copy(rec: Rec | None) -> m.StoredCopy | None:
    """The stored copy a source names (its text is read later, by the reading stage)."""
    if not rec or not rec.get("file") or not rec.get("sha256"):
        return None
    return m.StoredCopy(rec["file"], rec["sha256"],
                        COPY_FORMATS[rec["file"].rpartition(".")[2].lower()])

# The lists of bodies a case names, each body in one only: key in case.yml → words.
CASE_PARTS = {"subject": "a subject", "partners": "a partner", "overseers": "an overseer",
              "regulators": "a regulator"}


SINGULAR = {"response_statuses": "response_status"}  # vocabulary keys not plural by an -s

RESERVED_IDS = {
    "case": {"index": "the list of cases (cases/index.html)",
             "all": "the feed of every case (feeds/all.xml)",
             "deadlines": "the calendar of every case's deadlines (feeds/deadlines.ics)"},
    "body": {"index": "the list of bodies (bodies/index.html)"},
}


@dataclass
class Loaded:
    """One validated file: its kind, its record and the id its path implies."""

    kind: str
    rec: Rec
    expected_id: str | None
    case_id: str | None = None
    clean: bool = True  # False when validation already reported problems in this file


class Linker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.first_use: dict[str, Rec] = {}  # id → the record that claimed it first
        self.bodies: dict[str, m.Body] = {}
        self.people: dict[str, m.Person] = {}
        self.sources: dict[str, m.Source] = {}
        self.themes: dict[str, m.Theme] = {}
        self.indicators: dict[str, m.Indicator] = {}  # data/indicators.yml
        self.cases: dict[str, m.Case] = {}
        self.records: dict[str, m.Record] = {}
        self.findings: dict[str, m.Finding] = {}
        self.broken: set[str] = set()  # ids of files that failed to parse: no cascades
        self.body_recs: dict[str, Rec] = {}  # the record each body was made from
        self.source_recs: dict[str, Rec] = {}  # likewise for each source
        self.site_terms: vocab.SiteTerms = {}  # from data/vocabulary.yml
        self.differing_sources: list[Rec] = []  # sources with sources_differ
        self.site_frameworks: dict[str, m.Framework] = {}  # likewise
        self.move_items: dict[int, Rec] = {}  # id() of an oversight move -> its entry
        self.quoted: list[m.Citation] = []  # every citation with a quote, as linked
        self.stated: list[m.Statement] = []  # every statement, as linked (quotes too)
        self.cited: dict[str, int] = {}  # source id → how many citations name it
        self.unverified: list[str] = []  # a file for each quote of a source with no copy

    # -- helpers -------------------------------------------------------------------------
    def fail(self, loc: Loc, message: str) -> None:
        self.problems.append(loc.problem(message))

    def claim(self, rec: Rec, expected: str | None = None) -> bool:
        """Register ``rec['id']``; report duplicates and file-name mismatches. The record
        is kept, not a location: one is built only when a message needs it."""
        ident = rec.get("id")
        if not ident:
            return False
        if ident in self.first_use:
            first = self.first_use[ident].where("id")
            self.fail(rec.where("id"), f"duplicate id '{ident}': already used at {first.file}:"
                      f"{first.line}:{first.column}; ids must be unique across the whole data "
                      "set")
            return False
        self.first_use[ident] = rec
        if expected is not None and ident != expected and rec.loc.file.endswith("/case.yml"):
            folder = rec.loc.file[: -len("/case.yml")]
            self.fail(rec.where("id"), f"id '{ident}' does not match the folder name "
                      f"'{expected}' ({folder}/); rename the folder to '{ident}' or change "
                      f"the id to '{expected}'")
        elif expected is not None and ident != expected:
            self.fail(rec.where("id"), f"id '{ident}' does not match the file name; rename "
                      f"the file to '{ident}.yml' or change the id to '{expected}'")
        return True

    def ref(self, rec: Rec, key: str, table: dict[str, T], what: str) -> T | None:
        value = rec.get(key)
        if value is None:
            return None
        found = table.get(value)  # the common case: no location needed
        return found if found is not None else self.lookup(value, rec.where(key), table, what)

    def lookup(self, value: str, loc: Loc, table: dict[str, T], what: str) -> T | None:
        if value in table:
            return table[value]
        if value in self.broken:
            return None
        self.fail(loc, f"no {what} with id '{value}'{suggest(value, tuple(table))}")
        return None

    def term(self, rec: Rec, key: str, name: str) -> vocab.Term | None:
        """The term ``rec[key]`` names in an extensible vocabulary (built-in or the site's)."""
        value = rec.get(key)
        terms = vocab.with_site(name, self.site_terms)
        if value is None or value in terms:
            return terms.get(value) if value is not None else None
        self.fail(rec.where(key), f"'{value}' is not allowed{suggest(value, tuple(terms))} "
                  f"(allowed: {', '.join(terms)})")
        return None

    def add_vocabulary(self, rec: Rec) -> None:
        """The site's own record types, body kinds, source kinds, money kinds and oversight
        frameworks
        (data/vocabulary.yml)."""
        for name, built_in in vocab.EXTENSIBLE.items():
            added = self.site_terms.setdefault(name, {})
            for item in self.items(rec, name):
                value = item.get("value")
                if value in built_in:
                    self.fail(item.where("value"), f"'{value}' is already a built-in "
                              f"{SINGULAR.get(name, name[:-1]).replace('_', ' ')}; use it as "
                              "it is, or choose "
                              "another value")
                elif value in added:
                    self.fail(item.where("value"), f"'{value}' is given twice in {name}")
                elif name == "response_statuses" and value in vocab.RESPONSE_STATES:
                    self.fail(item.where("value"), f"'{value}' is a state casefile works out "
                              "from the records, never written; choose another value")
                elif value and name == "record_types":
                    duty = _type_duty(item.get("respond"))
                    added[value] = vocab.RecordType(value, item["label"], item["description"],
                                                    duty, duty is None and "respond" in item)
                elif value and name == "licences":
                    added[value] = vocab.Licence(value, item["label"], item["description"],
                                                 bool(item.get("open")))
                elif value:
                    added[value] = vocab.Term(value, item["label"], item["description"])
        add_frameworks(self, rec)

    def cites(self, rec: Rec, key: str = "cite") -> list[m.Citation]:
        result = []
        for item in rec.get(key) or []:
            if item is None:
                continue
            source = self.ref(item, "source", self.sources, "source")
            if source is None:
                continue
            self.cited[source.id] = self.cited.get(source.id, 0) + 1
            quote = item.get("quote")
            cite = m.Citation(source, quote, item.get("locator"),
                              quote_at=tuple(item.where("quote")) if quote else None)
            result.append(cite)
            if quote:
                self.quoted.append(cite)
        return result

    # -- top-level files -----------------------------------------------------------------
    def add_theme(self, rec: Rec) -> None:
        if self.claim(rec):
            self.themes[rec["id"]] = m.Theme(rec["id"], rec["name"], rec.get("description"))

    def add_indicator(self, rec: Rec) -> None:
        """An indicator of data/indicators.yml: a money one needs its currency, no other
        takes one."""
        if not self.claim(rec):
            return
        unit, currency = vocab.INDICATOR_UNITS[rec["unit"]], rec.get("currency")
        if unit.value == "money" and currency is None:
            self.fail(rec.where("unit"), f"indicator '{rec['id']}' counts money: give its "
                      "currency too, e.g. currency: GBP")
        elif unit.value != "money" and currency is not None:
            self.fail(rec.where("currency"), f"indicator '{rec['id']}' is counted in "
                      f"{unit.label.lower()}, not money: remove currency, or make its unit "
                      "money")
            currency = None
        self.indicators[rec["id"]] = m.Indicator(rec["id"], rec["name"], unit,
                                                 rec.get("description"), currency)

    def add_body(self, rec: Rec, expected: str | None) -> None:
        kind = self.term(rec, "kind", "body_kinds")
        if self.claim(rec, expected):
            self.not_reserved(rec, "body")
            self.names_in_order([n for n in rec["names"] if n])
            names = [m.BodyName(n["name"], n.get("short"), n.get("from"), n.get("until"),
                                n.get("note"), []) for n in rec["names"] if n]
            self.bodies[rec["id"]] = m.Body(
                rec["id"], rec["kind"], names, rec.get("note"), kind_term=kind,
                grades=self.grades(rec), variant_names=self.variant_names(rec, names))
            self.body_recs[rec["id"]] = rec

    def variant_names(self, rec: Rec, names: list[m.BodyName]) -> list[str]:
        """Other spellings seen in sources: none may repeat the body's own names or
        another variant (compared without regard to case or spacing)."""
        seen = {" ".join(x.casefold().split()) for n in names for x in (n.name, n.short) if x}
        kept = []
        for variant in [v for v in rec.get("variant_names") or [] if v]:
            key = " ".join(variant.casefold().split())
            if key in seen:
                self.fail(rec.where("variant_names"), f"'{variant}' is already one of this "
                          "body's names or variant names; list only other spellings seen in "
                          "sources, each once")
                continue
            seen.add(key)
            kept.append(variant)
        return kept

    def not_reserved(self, rec: Rec, kind: str) -> None:
        """Ids the site uses for its own pages and files (cases/index, feeds/all.xml...)."""
        ident = rec.get("id")
        if ident in RESERVED_IDS[kind]:
            self.fail(rec.where("id"), f"'{ident}' is reserved: the site uses it for "
                      f"{RESERVED_IDS[kind][ident]}; choose another id")

    def names_in_order(self, names: list[Rec]) -> None:
        """A body's names go oldest first, so that the last is the current one."""
        for before, name in itertools.pairwise(names):
            start, end = before.get("from"), before.get("until")
            first = start or end
            for key in ("from", "until"):
                when = name.get(key)
                if when is not None and first is not None and when.latest < first.earliest:
                    self.fail(name.where(key), f"names go oldest first, the current name last: "
                              f"'{name['name']}' ({key} {when.human()}) is listed after "
                              f"'{before['name']}' ({'from' if start else 'until'} "
                              f"{first.human()}); move it up")
                    return

    def grades(self, rec: Rec) -> list[m.Grade]:
        """A body's grading scale, best first; a value given twice is reported."""
        scale: list[m.Grade] = []
        for item in self.items(rec, "grades"):
            value = item.get("value")
            if any(g.value == value for g in scale):
                self.fail(item.where("value"), f"grade '{value}' is given twice; each grade "
                          "of the scale needs its own value")
            elif value:
                scale.append(m.Grade(value, item["label"], item.get("description"), len(scale)))
        return scale

    def add_source(self, rec: Rec, expected: str | None) -> None:
        kind = self.term(rec, "kind", "source_kinds")
        licence = self.term(rec, "licence", "licences")
        if rec.get("publish_copy") and licence is not None and not vocab.is_open(licence):
            opened = [t for t, term in vocab.with_site("licences", self.site_terms).items()
                      if vocab.is_open(term)]
            self.fail(rec.where("publish_copy"), f"the licence '{licence.value}' does not let "
                      "anyone republish the document, so its copy cannot be published; remove "
                      f"publish_copy, or give an open licence ({', '.join(opened)})")
        if not self.claim(rec, expected):
            return
        not_in_future(self, rec)
        self.sources[rec["id"]] = m.Source(
            rec["id"], rec["title"], bool(rec.get("title_supplied")),
            self.ref(rec, "publisher", self.bodies, "body"), rec.get("publisher_note"),
            rec["kind"], dated(rec.get("published")), rec.get("published_note"),
            rec.get("url"), rec.get("archive_url"), rec.get("accessed"), rec["language"],
            rec.get("note"), bool(rec.get("insecure_http")), kind_term=kind,
            undated=isinstance(rec.get("published"), Worded),
            second_hand_given=bool(rec.get("second_hand")), copy=stored_copy(rec.get("copy")),
            licence=licence.value if licence else None,
            publish_copy=bool(rec.get("publish_copy")) and vocab.is_open(licence))
        self.source_recs[rec["id"]] = rec
        if rec.get("sources_differ"):  # its citations may name sources not yet linked
            self.differing_sources.append(rec)

    def finish_source_dates(self) -> None:
        """Where sources differ on a source's own date: linked once every source is."""
        for rec in self.differing_sources:
            source = self.sources[rec["id"]]
            source.published, differs = link_differ.date(self, rec, "published",
                                                         [m.Citation(source)])
            if differs:
                source.differs["published"] = differs

    def add_person(self, rec: Rec, expected: str | None) -> None:
        if not self.claim(rec, expected):
            return
        roles = []
        for role in rec["roles"]:
            body = self.ref(role, "body", self.bodies, "body") if role else None
            if body:
                roles.append(m.Role(role["title"], body, role.get("from"), role.get("until"),
                                    self.cites(role)))
        self.people[rec["id"]] = m.Person(rec["id"], rec["name"], roles)

    def finish_bodies(self) -> None:
        """Resolve name citations, from the record each body was made from (a second file
        claiming the same id was already reported and is not used)."""
        for ident, body in self.bodies.items():
            names = [n for n in self.body_recs[ident]["names"] if n]
            for name, rec in zip(body.names, names, strict=True):
                name.cites = self.cites(rec)
        for ident, body in self.bodies.items():
            rec = self.body_recs[ident]
            body.parent = self.ref(rec, "parent", self.bodies, "body")
            if body.parent is not None and self.parent_loops(body, rec):
                body.parent = None
            if body.parent is not None:
                body.parent.children.append(body)
        self.finish_sources()

    def parent_loops(self, body: m.Body, rec: Rec) -> bool:
        """A body may not be its own parent, nor its parent's parent, and so on."""
        chain, above = [body.id], body.parent
        while above is not None and above.id not in chain:
            chain.append(above.id)
            above = above.parent
        if above is None:
            return False
        loop = " → ".join([*chain[chain.index(above.id):], above.id])
        self.fail(rec.where("parent"), f"parent '{rec['parent']}' makes a loop ({loop}); a "
                  "body's parent is the body it is part of, so one of them must not name the "
                  "other")
        return True

    def finish_sources(self) -> None:
        """Resolve each mirror's or repost's original: a source that is not itself a copy."""
        for ident, source in self.sources.items():
            rec = self.source_recs[ident]
            original = self.ref(rec, "original", self.sources, "source")
            further = self.source_recs[original.id].get("original") if original else None
            if original is source:
                self.fail(rec.where("original"), f"source '{ident}' names itself as its "
                          "original; name the source it is a copy of, or remove 'original'")
            elif original is not None and further == ident:
                self.fail(rec.where("original"), f"sources '{ident}' and '{original.id}' name "
                          "each other as original; remove 'original' from the one that is "
                          "the first document")
            elif original is not None and further:
                self.fail(rec.where("original"), f"source '{original.id}' is itself a copy of "
                          f"'{further}'; name the first document, '{further}', as the original")
            else:
                source.original = original

    def add_case(self, rec: Rec, expected: str | None) -> None:
        if not self.claim(rec, expected):
            return
        self.not_reserved(rec, "case")
        not_in_future(self, rec)
        named = self.case_bodies(rec)
        themes = [self.lookup(v, rec.where("themes"), self.themes, "theme")
                  for v in rec["themes"] if v]
        if named is None or None in themes:
            return
        subjects, regulators = named["subject"], named["regulators"]
        case = m.Case(rec["id"], rec["title"], subjects[0], rec["service"],
                      regulators, rec["legal_basis"],
                      vocab.CASE_STATUSES[rec["status"]], rec["summary"],
                      [t for t in themes if t], self.cites(rec), reviewed=rec["reviewed"],
                      corrections=[m.Correction(c["date"], c["what"], c["why"])
                                   for c in rec.get("corrections") or [] if c],
                      jurisdiction_given=self.jurisdiction(rec), file=rec.loc.file,
                      as_of_given=self.as_of(rec),
                      subjects=subjects, partners=named["partners"],
                      overseers=named["overseers"])
        self.cases[case.id] = case
        for body in case.named_bodies:
            body.cases.append(case)

    def case_bodies(self, rec: Rec) -> dict[str, list[m.Body]] | None:
        """The bodies a case names as subjects, partners, overseers and regulators, each
        body in one list only (a subject may also be a regulator, as it always could); None
        if any is missing (already reported) or none is a subject."""
        named: dict[str, list[m.Body]] = {}
        part_of: dict[str, str] = {}
        complete = True
        for key in CASE_PARTS:
            named[key] = []
            for value in [v for v in rec.get(key) or [] if v]:
                body = self.lookup(value, rec.where(key), self.bodies, "body")
                complete = complete and body is not None
                before = part_of.get(body.id) if body is not None else None
                if before is not None and {before, key} != {"subject", "regulators"}:
                    self.fail(rec.where(key), f"body '{value}' is already named as "
                              f"{CASE_PARTS[before]} of this case; name each body once, "
                              f"in the one list that fits best")
                elif body is not None:  # subject and regulator at once: allowed, as before
                    part_of.setdefault(body.id, key)
                    named[key].append(body)
        return named if complete and named["subject"] else None

    def jurisdiction(self, rec: Rec) -> str | None:
        code = rec.get("jurisdiction")
        why = calendars.problem(code) if code is not None else None
        if why:
            self.fail(rec.where("jurisdiction"), why)
        return code

    def as_of(self, rec: Rec) -> dt.date | None:
        day = rec.get("as_of")
        if day is None or day.precision == "day":
            return day.earliest if day else None
        self.fail(rec.where("as_of"), f"'{day.iso()}' is not a full date: outcomes are "
                  "computed as of one day; write YYYY-MM-DD")
        return None

    def add_record(self, rec: Rec, expected: str | None, case_id: str | None) -> None:
        type_ = self.term(rec, "type", "record_types") or vocab.RECORD_TYPES["other"]
        case = self.cases.get(case_id or "")
        body = self.ref(rec, "body", self.bodies, "body")
        if not self.claim(rec, expected) or case is None or body is None:
            return
        date, published = rec["date"], rec.get("published")
        if published and date and published.latest < date.earliest:
            self.fail(rec.where("published"), f"published {published.human()} is before the "
                      f"date of the event ({date.human()})")
        cites = self.cites(rec)
        date, on_date = link_differ.date(self, rec, "date", cites)
        published, on_published = link_differ.date(self, rec, "published", cites)
        record = m.Record(rec["id"], type_, rec["title"], date,
                          rec.get("date_note"), published, rec.get("published_note"), body,
                          rec["summary"], cites, case,
                          until=event_end(self, rec))
        record.differs = {d.field: d for d in (on_date, on_published) if d}
        self.records[record.id] = record
        case.records.append(record)

    def add_money(self, rec: Rec) -> None:
        case = self.cases.get(rec.get("id", ""))
        for item in rec.get("money") or []:
            if case is None or item is None:
                continue
            record = self.ref(item, "record", self.records, "record")
            if record is not None and record.case is not case:
                self.fail(item.where("record"), f"record '{record.id}' belongs to case "
                          f"'{record.case.id}', not '{case.id}'; money may name only a record "
                          "of its own case")
                record = None
            if not self.exact_amount(item):
                continue
            per = vocab.RATES[item["per"]] if item.get("per") else None
            kind = self.term(item, "kind", "money_kinds")
            case.money.append(m.Money(Decimal(item["amount"]), item["currency"], item["for"],
                                      item.get("period"), item.get("note"), record,
                                      self.cites(item), bool(item.get("approximate")), per,
                                      kind))
            link_differ.money(self, item, case.money[-1])

    def exact_amount(self, item: Rec) -> bool:
        """An amount may not have more decimal places than its currency (JPY has none)."""
        raw, currency = item["amount"], item["currency"]
        allowed, given = decimals(currency), places(raw)
        if given <= allowed:
            return True
        example = Decimal(raw).quantize(Decimal(1).scaleb(-allowed), ROUND_HALF_UP)
        most = f"at most {allowed} decimal places" if allowed else "no decimal places"
        self.fail(item.where("amount"), f"'{raw}' has {given} decimal place"
                  f"{'s' if given > 1 else ''}, but {currency} amounts have {most}; write the "
                  f"amount as the source gives it, e.g. {example}")
        return False

    def items(self, rec: Rec, key: str) -> list[Rec]:
        return [item for item in rec.get(key) or [] if item is not None]

    def add_record_parts(self, rec: Rec) -> None:
        record = self.records.get(rec.get("id", ""))
        if record is None:
            return
        for item in self.items(rec, "findings"):
            theme = self.ref(item, "theme", self.themes, "theme")
            if self.claim(item) and theme:
                finding = m.Finding(item["id"], theme, item["text"], self.cites(item), record)
                self.findings[finding.id] = finding
                record.findings.append(finding)

    def asserter(self, body: m.Body, case: m.Case) -> vocab.Term:
        return who.asserter(body, case)

