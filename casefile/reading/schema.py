"""The one source of truth for the shape of every data file.

Each file kind is an ``Obj`` built from typed ``Field``s. ``casefile.reading.validate`` checks
loaded YAML against these; ``casefile.outputs.jsonschema`` turns them into JSON Schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from casefile.model import date_words, vocab
from casefile.model.oversight import SERIOUS_ENDS
from casefile.model.vocab import Term

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_ID_LENGTH = 100  # an id names files (cases/ID/, feeds/ID.xml): keep them valid
KEY_PATTERN = r"^[a-z0-9]+(_[a-z0-9]+)*$"
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Z]{2})?$"


class Type:
    """Base of all field types. ``what`` names the type in error messages."""

    what = "value"


@dataclass(frozen=True)
class Text(Type):
    one_line: bool = False
    what = "text"


@dataclass(frozen=True)
class Id(Type):
    what = "an id (lower-case letters, digits and single hyphens, e.g. council-2017-inspection)"


@dataclass(frozen=True)
class Ref(Type):
    target: str = ""
    what = "an id"


@dataclass(frozen=True)
class Date(Type):
    # the worded forms it also takes (casefile.model.date_words): "" for none, RANGES
    # ("autumn 2022"), UNDATED (also "no date shown") or DEADLINE ("by the end of 2019")
    words: str = ""
    what = "a date (YYYY, YYYY-MM or YYYY-MM-DD)"


@dataclass(frozen=True)
class Url(Type):
    what = "an https:// URL"  # plain http only with the source's insecure_http flag


@dataclass(frozen=True)
class Key(Type):
    linked: bool = False  # a value of another file (a body's grades): checked when linking
    what = "a value in lower-case letters, digits and single underscores, e.g. children_trust"


@dataclass(frozen=True)
class Enum(Type):
    terms: dict[str, Term] = field(default_factory=dict)
    site: str = ""  # a key of vocab.EXTENSIBLE: data/vocabulary.yml may add terms
    what = "one of the allowed values"


@dataclass(frozen=True)
class Pattern(Type):
    """Text on one line that must match ``pattern`` (a regular expression, anchored)."""

    pattern: str = ""
    what: str = "text"  # what it must be, in error messages
    label: str = "text"  # the type in the field reference


@dataclass(frozen=True)
class Int(Type):
    minimum: int = 1
    maximum: int = 100_000
    what = "a whole number"


@dataclass(frozen=True)
class Amount(Type):
    what = "an amount in digits, e.g. 6172000 (no commas, no 6.172e6)"
    whole_digits = 18  # beyond any public body's accounts in any currency
    decimal_digits = 4  # the most any ISO 4217 currency uses


@dataclass(frozen=True)
class Number(Type):
    """A figure's value: digits with an optional point and minus sign, read from the text
    written (never a float); the indicator's unit is checked when linking."""

    what = "a number in digits, e.g. 360 or 88.5 (no commas, units or signs)"
    whole_digits = 18
    decimal_digits = 6


@dataclass(frozen=True)
class Currency(Type):
    what = "an ISO 4217 currency code such as GBP, EUR or USD"


@dataclass(frozen=True)
class Bool(Type):
    only_true: bool = False  # a mark given only as true (false is refused when linking)
    what = "true or false"


@dataclass(frozen=True)
class Lang(Type):
    what = "a language code such as en or cy"


@dataclass(frozen=True)
class ListOf(Type):
    item: Type = field(default_factory=Text)
    min_items: int = 0
    one_ok: bool = False  # a single item may be written without the list
    what = "a list"


@dataclass(frozen=True)
class Field:
    name: str
    type: Type
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Rule:
    """A constraint across fields: ``kind`` is exactly_one, at_least_one, together or requires."""

    kind: str
    fields: tuple[str, ...]
    hint: str = ""  # what would be right, added to the message when the rule is broken


@dataclass(frozen=True)
class Obj(Type):
    name: str = ""
    doc: str = ""
    fields: tuple[Field, ...] = ()
    rules: tuple[Rule, ...] = ()
    shorthand: str | None = None  # a bare scalar may stand for this one field
    what = "a mapping of keys"

    def field_map(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}


def F(name: str, type_: Type, doc: str, required: bool = False) -> Field:  # noqa: N802
    return Field(name, type_, required, doc)


CITATION = Obj(
    "citation",
    "A source for a statement. Write just the source id, or a mapping with a quote and locator.",
    (
        F("source", Ref("source"), "Id of the source (a file in data/sources/).", True),
        F("quote", Text(), "Exact words from the source, copied verbatim."),
        F("locator", Text(one_line=True), "Where in the source: page, paragraph or section."),
    ),
    shorthand="source",
)
CITES = ListOf(CITATION, 1)


def cite_field(required: bool = True) -> Field:
    return F("cite", CITES, "Citations: at least one source for this statement.", required)


def _disagreement(what: str, value_type: Type, example: str) -> Obj:
    """Sources that disagree on one field of type ``value_type``: the other values, each
    cited, and the editor's choice or ``unsettled``."""
    an = "an" if what[:1] in "aeiou" else "a"
    other = Obj(
        f"alternative {what}",
        f"{an.capitalize()} {what} another source gives, which differs from the field's own "
        "value.",
        (F("value", value_type, f"The {what} as that source gives it, e.g. {example}.", True),
         F("cite", CITES, "Citations: the sources that give this value.", True)),
    )
    return Obj(
        f"{what} disagreement",
        f"Sources that give different values for {an} {what}. The field itself holds the "
        "chosen value (or, when unsettled, one of the values), supported by the item's own "
        "citations; values lists only the others.",
        (F("values", ListOf(other, 1), "The other values sources give, each with its "
           "citations.", True),
         F("chosen", value_type, "The value chosen: the field's own value, written again."),
         F("unsettled", Bool(only_true=True), "true when the sources cannot be settled; "
           "computations then use every value (see the methodology)."),
         F("reason", Text(), "Why that value was chosen, or why the question stays open.",
           True)),
        rules=(Rule("exactly_one", ("chosen", "unsettled"), "write chosen: with the field's "
                    "own value again, or unsettled: true if the sources cannot be settled"),),
    )


DATE_DISAGREEMENT = _disagreement("date", Date(), "2019-03-06")
AMOUNT_DISAGREEMENT = _disagreement("amount", Amount(), "2500000")
GRADE_DISAGREEMENT = _disagreement("grade", Key(linked=True), "good")


def differ_field(item: str, fields: tuple[tuple[str, Obj], ...]) -> Field:
    """The ``sources_differ`` field of an item: one disagreement per field named."""
    names = " or ".join(name for name, _ in fields)
    obj = Obj(f"{item} disagreements",
              "The fields on which sources disagree, each with its disagreement.",
              tuple(F(name, kind, f"Sources differ on this {item}'s {name}.")
                    for name, kind in fields))
    return F("sources_differ", obj, f"Where sources give different values for {names}: the "
             "other values, each cited, and the value chosen or unsettled: true.")


NAME = Obj(
    "name",
    "A name the body held over a period.",
    (
        F("name", Text(one_line=True), "The full name.", True),
        F("short", Text(one_line=True), "Abbreviation, e.g. ABC."),
        F("from", Date(), "First date the name was in force (omit if unknown)."),
        F("until", Date(), "Last date the name was in force (omit if still in use)."),
        cite_field(required=False),
        F("note", Text(), "How the dates are known."),
    ),
)

GRADE = Obj(
    "grade",
    "One grade of a regulator's grading scale.",
    (
        F("value", Key(), "How ratings write this grade, e.g. requires_improvement.", True),
        F("label", Text(one_line=True), "The grade in the regulator's words, e.g. "
          "Requires improvement.", True),
        F("description", Text(), "What the grade means, in the regulator's words."),
    ),
)

BODY = Obj(
    "body",
    "An organisation: council, regulator, government, board or publisher.",
    (
        F("id", Id(), "Unique id; must match the file name.", True),
        F("kind", Enum(vocab.BODY_KINDS, "body_kinds"), "What kind of organisation it is.", True),
        F("names", ListOf(NAME, 1), "Names in date order; the last is the current name.", True),
        F("note", Text(), "Anything a reader should know about the body."),
        F("grades", ListOf(GRADE, 1), "The regulator's grading scale, best grade first (omit if "
          "it gives no grades)."),
        F("parent", Ref("body"), "The body this one is part of or owned by, e.g. the "
          "government a board is within, or the council that owns a company. In a case about "
          "either, the other's claims count as the body's own."),
        F("variant_names", ListOf(Text(one_line=True), 1), "Other spellings of the body's name "
          "seen in sources, for search; never shown as its name."),
    ),
)

ROLE = Obj(
    "role",
    "A post a person held at a body.",
    (
        F("title", Text(one_line=True), "The post, as the sources give it.", True),
        F("body", Ref("body"), "The body the post belongs to.", True),
        F("from", Date(), "First date the post was held (omit if unknown)."),
        F("until", Date(), "Last date the post was held (omit if unknown or current)."),
        cite_field(required=False),
    ),
)

PERSON = Obj(
    "person",
    "A named person who makes statements in the records.",
    (
        F("id", Id(), "Unique id; must match the file name.", True),
        F("name", Text(one_line=True), "Name as the sources give it.", True),
        F("roles", ListOf(ROLE, 1), "Posts held, with dates where the sources give them.", True),
    ),
)

COPY_FILE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*\.(txt|md|html|htm|pdf)$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
LICENCE_PATTERN = r"^[A-Za-z0-9]+([.+-][A-Za-z0-9]+)*$"

STORED_COPY = Obj(
    "stored copy",
    "A copy of the document kept in data/sources/copies/, against which every quotation "
    "from this source is checked. `casefile copy FILE` prints this block.",
    (
        F("file", Pattern(COPY_FILE_PATTERN, "a file name in data/sources/copies/ ending in "
                          ".txt, .md, .html, .htm or .pdf, e.g. council-report-2019.pdf",
                          "file name"),
          "The file's name in data/sources/copies/ (.txt, .md, .html, .htm or .pdf).", True),
        F("sha256", Pattern(SHA256_PATTERN, "a SHA-256 hash: 64 digits and letters a-f, "
                            "lower case", "SHA-256 hash"),
          "The file's SHA-256 hash, so a changed copy is noticed.", True),
    ),
)

SOURCE = Obj(
    "source",
    "A document that statements are cited to.",
    (
        F("id", Id(), "Unique id; must match the file name.", True),
        F("title", Text(one_line=True), "Title as written in the document.", True),
        F("title_supplied", Bool(), "true if the document has no title and this one is ours; "
          "it is then shown in [square brackets]."),
        F("publisher", Ref("body"), "Body that published it (omit if the document does not say)."),
        F("publisher_note", Text(), "How the publisher is known, or why it is not given."),
        F("kind", Enum(vocab.SOURCE_KINDS, "source_kinds"), "What kind of document it is.", True),
        F("published", Date(date_words.UNDATED), "Publication date as the document gives it, "
          "in ISO or in words (autumn 2022); no date shown when the document has none."),
        F("published_note", Text(), "Why the date is partial, inferred or missing."),
        F("url", Url(), "Where the document is published (https; plain http only with "
          "insecure_http: true)."),
        F("archive_url", Url(), "An archived copy, e.g. on the Wayback Machine (https; plain "
          "http only with insecure_http: true)."),
        F("accessed", Date(), "When the URL was last read; required with a URL."),
        F("insecure_http", Bool(), "true only if the publisher offers no https: allows "
          "plain http:// in url and archive_url, shown to readers as not secure."),
        F("language", Lang(), "Language of the document (en, cy…).", True),
        F("note", Text(), "Anything a reader should know about the source."),
        F("original", Ref("source"), "Id of the source this one is a mirror, copy or repost "
          "of; it is shown beside it and graded as the original."),
        F("second_hand", Bool(), "true if it reports what another body said or found, e.g. a "
          "press article quoting an inspectorate; it keeps its grade and is marked second-hand."),
        differ_field("source", (("published", DATE_DISAGREEMENT),)),
        F("copy", STORED_COPY, "A stored copy of the document: its quotations are checked "
          "against it."),
        F("licence", Enum(vocab.LICENCES, "licences"), "The licence the document is "
          "published under, e.g. OGL-3.0; omit when not known."),
        F("publish_copy", Bool(), "true to publish the stored copy on the site; "
          "allowed only with an open licence."),
    ),
    rules=(Rule("at_least_one", ("published", "published_note")),
           Rule("at_least_one", ("publisher", "publisher_note")),
           Rule("requires", ("url", "accessed")),
           Rule("http_needs_flag", ("url", "archive_url", "insecure_http")),
           Rule("requires", ("publish_copy", "copy")),
           Rule("requires", ("publish_copy", "licence"))),
)

THEME = Obj(
    "theme",
    "A theme findings are grouped under across cases.",
    (
        F("id", Id(), "Unique id.", True),
        F("name", Text(one_line=True), "Short name shown to readers.", True),
        F("description", Text(), "What findings under this theme are about."),
    ),
)

THEMES_FILE = Obj(
    "themes", "The list of themes (data/themes.yml).",
    (F("themes", ListOf(THEME), "All themes (may be empty while no case is published).", True),),
)

MONEY = Obj(
    "money",
    "An amount of money and what it is for.",
    (
        F("amount", Amount(), "The exact amount in digits, e.g. 6172000 for £6.172 million "
          "or 2.50; no more decimal places than the currency has (none for JPY).", True),
        F("currency", Currency(), "ISO 4217 currency code, e.g. GBP, EUR, USD or JPY.", True),
        F("approximate", Bool(), "true if the source gives a rough figure (\"about £2m\")."),
        F("per", Enum(vocab.RATES), "If the amount is a rate, what it is per: "
          "day, week, month, quarter or year."),
        F("kind", Enum(vocab.MONEY_KINDS, "money_kinds"), "What kind of amount it is: "
          "budget, overspend (or deficit), savings_target, savings_achieved, loan, "
          "repayment, grant or other (or one of the site's own)."),
        F("for", Text(), "What the money is for, as the source says.", True),
        F("period", Text(one_line=True), "The period in the source's words, e.g. 2018/19."),
        F("note", Text(), "Comparisons the source makes, e.g. a 47 per cent increase."),
        F("record", Ref("record"), "The record of the decision, if there is one."),
        cite_field(),
        differ_field("money", (("amount", AMOUNT_DISAGREEMENT),)),
    ),
)

INDICATOR = Obj(
    "indicator",
    "Something measured over time and shared across cases, e.g. staff in post or the "
    "share of posts filled by permanent staff; figures in records give its values.",
    (
        F("id", Id(), "Unique id, written in figures' indicator.", True),
        F("name", Text(one_line=True), "Short name shown to readers.", True),
        F("unit", Enum(vocab.INDICATOR_UNITS), "What it is counted in: people, per_cent, "
          "days, cases, count or money (see the methodology page).", True),
        F("description", Text(), "What exactly is measured, so that figures from different "
          "cases compare like with like."),
        F("currency", Currency(), "For a money indicator only: the ISO 4217 currency code "
          "its values are in, e.g. GBP."),
    ),
)

INDICATORS_FILE = Obj(
    "indicators", "The list of indicators figures are recorded against (data/indicators.yml; "
    "optional).",
    (F("indicators", ListOf(INDICATOR), "All indicators.", True),),
)

CORRECTION = Obj(
    "correction",
    "A correction published on the case page: when, what changed and why.",
    (
        F("date", Date(), "When the correction was made.", True),
        F("what", Text(), "What changed.", True),
        F("why", Text(), "Why it changed.", True),
    ),
)

CASE = Obj(
    "case",
    "A case: the matter under scrutiny, about one or more public bodies (a service, or the "
    "body as a whole) under oversight (data/cases/ID/case.yml).",
    (
        F("id", Id(), "Unique id; must match the folder name.", True),
        F("title", Text(one_line=True), "Title shown to readers.", True),
        F("subject", ListOf(Ref("body"), 1, one_ok=True), "The body under scrutiny, or a list "
          "of them (the first is the main one).", True),
        F("partners", ListOf(Ref("body"), 1), "Bodies answering the matter together with the "
          "subject, e.g. councils and a police force in one partnership; their claims count "
          "as own claims."),
        F("overseers", ListOf(Ref("body"), 1), "Bodies that oversee the subject, e.g. a "
          "government department, a mayor or a police and crime commissioner; what they say "
          "is graded as oversight."),
        F("service", Text(one_line=True), "The service under scrutiny.", True),
        F("regulators", ListOf(Ref("body"), 1), "The regulator(s).", True),
        F("legal_basis", Text(), "The law the oversight rests on.", True),
        F("status", Enum(vocab.CASE_STATUSES), "Whether oversight continues.", True),
        F("summary", Text(), "A few sentences for the case page and home page.", True),
        F("themes", ListOf(Ref("theme"), 1), "Themes of this case (from data/themes.yml).", True),
        F("money", ListOf(MONEY), "Key money figures."),
        F("reviewed", Date(), "When an editor last checked the whole case against its "
          "sources.", True),
        F("corrections", ListOf(CORRECTION), "Corrections made to this case, newest last."),
        F("jurisdiction", Text(one_line=True),
          "Where the case is, as an ISO 3166 or ISO 3166-2 code the holidays package knows "
          "(GB-ENG, GB-NIR, GB-SCT, GB-WLS, IE, US-CA...): working days skip that "
          "calendar's weekend and public holidays. Default: the site's jurisdiction option; "
          "if that is not set either, none: working days then skip Saturdays and Sundays "
          "only, and the case's page says so."),
        F("as_of", Date(), "The day (YYYY-MM-DD) this case's outcomes are computed as of. "
          "Default: the date of the case's latest document."),
        cite_field(),
    ),
)

FINDING = Obj(
    "finding",
    "A finding raised by this record (e.g. by an inspection report).",
    (
        F("id", Id(), "Unique id.", True),
        F("theme", Ref("theme"), "Theme from data/themes.yml.", True),
        F("text", Text(), "The finding in brief; quote the source in the citation.", True),
        F("kind", Enum(vocab.FINDING_KINDS), "What it is: a finding (the default), a "
          "recommendation, a conclusion or a matter of concern."),
        F("number", Text(one_line=True), "The source's own number for it, e.g. 12 or R3.1; "
          "unique within the record."),
        F("paragraph", Text(one_line=True), "Where it is in the source, e.g. 4.12."),
        F("directed_at", ListOf(Ref("body"), 1), "The bodies it is addressed to."),
        cite_field(),
    ),
)

ASSESSMENT = Obj(
    "assessment",
    "This record's judgement of progress on an earlier finding.",
    (
        F("finding", Ref("finding"), "Id of the finding assessed.", True),
        F("status", Enum(vocab.STATUSES), "Progress status (see the methodology page).", True),
        F("asserted_by", Ref("body"), "Body that makes this judgement.", True),
        F("note", Text(), "What the source says, in brief.", True),
        cite_field(),
    ),
)

DUE = Obj(
    "due",
    "When a requirement is due: an explicit date, or a period counted from this record.",
    (
        F("date", Date(date_words.DEADLINE), "Explicit due date, or the deadline in the "
          "source's words: by the end of 2019, by autumn 2022, during 2023, immediately, at the "
          "earliest opportunity (see the date forms on the methodology page)."),
        F("within", Int(1, 3650), "Length of the period, in units."),
        F("unit", Enum(vocab.DAY_BASES), "What the period is counted in: calendar days, "
          "working days, weeks, calendar months or years."),
        F("from", Enum(vocab.PERIOD_STARTS), "What the period is counted from."),
        F("as_written", Text(one_line=True), "The deadline in the source's words."),
        F("note", Text(), "Why the date is partial or inferred."),
    ),
    rules=(Rule("exactly_one", ("date", "within")), Rule("together", ("within", "unit", "from"))),
)

REPORTED = Obj(
    "reported",
    "An outcome a source reports. It fills a gap where the records cannot settle the "
    "outcome; where it contradicts them (not met or partly met, though a record fulfils "
    "it), the outcome is shown as Disputed, with both sides.",
    (
        F("outcome", Enum(vocab.REPORTED_OUTCOMES), "The outcome the source reports: "
          "not_met when it says the requirement was not met, partly_met when met in part, "
          "suspended when it or its deadline was suspended or paused, superseded when it "
          "was replaced, not_reported when the source says the body has not reported its "
          "progress.", True),
        F("by", Ref("body"), "Body that reports it.", True),
        cite_field(),
    ),
)

PROGRESS = Obj(
    "progress",
    "A dated note of progress on a requirement, as a source gives it. It is shown with the "
    "requirement, in date order, and does not change the outcome (use reported for that).",
    (
        F("date", Date(), "When the progress was reported or made, as the source gives it.",
          True),
        F("note", Text(), "What the source says about progress, in brief.", True),
        cite_field(),
    ),
)

REQUIREMENT = Obj(
    "requirement",
    "Something this record requires, with its deadline.",
    (
        F("id", Id(), "Unique id.", True),
        F("text", Text(), "What is required.", True),
        F("due", DUE, "The deadline; omit if none was set."),
        F("fulfilled_by", Ref("record"), "Record that fulfils it."),
        F("superseded_by", Ref("record"), "Later record that replaced it."),
        F("reported", REPORTED, "An outcome a source reports."),
        F("progress", ListOf(PROGRESS), "Dated notes of progress, each cited."),
        cite_field(),
    ),
)

NEXT_STEP = Obj(
    "next step",
    "What happens next, as a source says it: a step the source says is planned or expected, "
    "with the date it is expected by where the source gives one. Shown in the case's where "
    "things stand; a date these records have passed is said as passed, never as to come.",
    (
        F("text", Text(), "What the source says happens next, in brief.", True),
        F("date", Date(), "When it is expected by, as the source gives it: a year, month or "
          "day (2019, 2019-03, 2019-03-31)."),
        cite_field(),
        F("reported_in", Ref("record"), "Id of a later record of the same case that reports "
          "what happened, shown as “What happened: see …” with a link to it. Leave it out "
          "where no record says: the page then never says the step happened, or that it "
          "did not."),
    ),
)

STATEMENT = Obj(
    "statement",
    "An attributed quotation.",
    (
        F("person", Ref("person"), "Who said it (omit for an unnamed spokesperson)."),
        F("speaker", Text(one_line=True),
          "Description of an unnamed speaker, as the source gives it."),
        F("body", Ref("body"), "Body the speaker spoke for (needed with speaker)."),
        F("date", Date(date_words.UNDATED), "When it was said, in ISO or in words; no date "
          "shown when the source gives none.", True),
        F("date_note", Text(), "Why the date is partial or inferred."),
        F("quote", Text(), "The words, verbatim.", True),
        cite_field(),
    ),
    rules=(Rule("exactly_one", ("person", "speaker")), Rule("requires", ("speaker", "body"))),
)

RATING = Obj(
    "rating",
    "A grade this record gives: the overall grade, or the grade for one judgement area.",
    (
        F("area", Text(one_line=True), "The judgement area in the regulator's words; omit for "
          "the overall grade."),
        F("grade", Key(linked=True), "A value from the grades of the body giving it.", True),
        F("by", Ref("body"), "The body giving the grade, if not this record's body."),
        cite_field(),
        differ_field("rating", (("grade", GRADE_DISAGREEMENT),)),
    ),
)

OVERSIGHT = Obj(
    "oversight",
    "A move of a body (or one of its services) to a level of an oversight framework, e.g. "
    "into special measures.",
    (
        F("framework", Id(), "Id of the framework: a built-in one (see the methodology page) "
          "or one from oversight_frameworks in data/vocabulary.yml.", True),
        F("level", Key(linked=True), "The level it moves to, as the framework writes it, "
          "e.g. special_measures.", True),
        F("effective", Date(), "When the level took effect, if not on this record's date "
          "(the record's date is when it was announced)."),
        F("body", Ref("body"), "The body moved, if not the case's subject."),
        F("service", Text(one_line=True), "The one service moved, if not the whole body, "
          "e.g. maternity services."),
        cite_field(),
    ),
)

RESPONSE = Obj(
    "response",
    "This record's response to a finding, recommendation or requirement of an earlier "
    "record: its status in the words of the reply, which the citation quotes.",
    (
        F("to", Ref("finding or requirement"), "Id of the finding (or recommendation) or "
          "requirement answered.", True),
        F("status", Enum(vocab.RESPONSE_STATUSES, "response_statuses"), "The response, as "
          "the reply states it (see the methodology page): never inferred.", True),
        F("by", Ref("body"), "The body that responds, if not this record's body."),
        F("note", Text(), "What the reply says, in brief."),
        F("cite", CITES, "Citations: the reply, with its verbatim words as the quote.", True),
    ),
)

RESPOND = Obj(
    "respond",
    "A duty to respond that this record sets: who must respond to its findings and "
    "requirements, and by when (a period counted from this record, or a date). A record "
    "type may carry a period of its own (see the methodology page); giving one here "
    "replaces it.",
    (
        F("by", ListOf(Ref("body"), 1), "The bodies that must respond, each counted "
          "separately.", True),
        F("date", Date(), "The date responses are due, if the source gives one."),
        F("within", Int(1, 3650), "Length of the period, in units."),
        F("unit", Enum(vocab.DAY_BASES), "What the period is counted in: calendar days, "
          "working days, weeks, calendar months or years."),
        F("from", Enum(vocab.PERIOD_STARTS), "What the period is counted from."),
        F("as_written", Text(one_line=True), "The duty in the source's words, e.g. within "
          "56 days of the date of this report."),
    ),
    rules=(Rule("together", ("within", "unit", "from")),),
)

FIGURE = Obj(
    "figure",
    "A value of an indicator on a date or over a period, as a source gives it, e.g. the "
    "staff in post at the end of a month. Whoever reports it is graded as for any claim: "
    "a body's own figure is a self-report.",
    (
        F("indicator", Ref("indicator"), "Id of the indicator (from data/indicators.yml).",
          True),
        F("value", Number(), "The value in digits, exactly as the source gives it, e.g. 360 "
          "or 88.5: no commas, no unit; the indicator's unit says what it counts.", True),
        F("date", Date(), "The day, month or year the value applies to; for a period, its "
          "first (with until).", True),
        F("until", Date(), "For a value over a period, e.g. days lost in a month: the "
          "period's last day, month or year; not before date."),
        F("by", Ref("body"), "The body that reports the figure, if not this record's body."),
        F("approximate", Bool(), "true if the source gives a rough figure (\"about 360\")."),
        F("currency", Currency(), "For a money indicator, the currency the source gives: "
          "checked against the indicator's."),
        F("note", Text(), "What the source says about the figure, e.g. how it is counted."),
        cite_field(),
    ),
)

RECORD = Obj(
    "record",
    "One event in a case (data/cases/CASE/records/ID.yml).",
    (
        F("id", Id(), "Unique id; must match the file name.", True),
        F("type", Enum(vocab.RECORD_TYPES, "record_types"), "What kind of event.", True),
        F("title", Text(one_line=True), "Short title for the timeline.", True),
        F("date", Date(date_words.RANGES), "When it happened (its first day, for an event over "
          "a period), in ISO or in words (autumn 2022, early 2021).",
          True),
        F("until", Date(date_words.RANGES), "When an event over a period ended, e.g. "
          "date: 2022-11 and "
          "until: 2022-12; not before date."),
        F("after", Ref("record"), "Id of a record of the same case that this event followed, "
          "when the sources give both only to the same month or year."),
        F("date_note", Text(), "Why the date is partial or inferred."),
        F("published", Date(date_words.RANGES), "When it was published, if that differs from "
          "date."),
        F("published_note", Text(), "Why the publication date is partial or inferred."),
        F("body", Ref("body"), "The responsible body.", True),
        F("summary", Text(), "What happened, in plain words.", True),
        cite_field(),
        F("findings", ListOf(FINDING), "Findings raised."),
        F("assessments", ListOf(ASSESSMENT), "Assessments of earlier findings."),
        F("requirements", ListOf(REQUIREMENT), "Requirements set, with deadlines."),
        F("statements", ListOf(STATEMENT), "Attributed quotations."),
        F("ratings", ListOf(RATING), "Grades given, overall and per judgement area."),
        F("oversight", ListOf(OVERSIGHT), "Moves between the levels of an oversight "
          "framework that this record announces."),
        F("next", ListOf(NEXT_STEP), "What happens next, where a source says so: steps "
          "planned or expected, each cited."),
        F("responses", ListOf(RESPONSE), "Responses this record gives to findings, "
          "recommendations or requirements of earlier records."),
        F("respond", RESPOND, "A duty to respond to this record's findings and "
          "requirements: who must, and by when."),
        F("figures", ListOf(FIGURE), "Values of indicators (data/indicators.yml) that "
          "this record's sources give, each cited."),
        F("answers", Ref("record"), "Id of an earlier record of the same case that this "
          "record is its body's reply to, e.g. a reply letter that gives no status for each "
          "recommendation: it meets the body's duty to respond to that record."),
        differ_field("record", (("date", DATE_DISAGREEMENT), ("published", DATE_DISAGREEMENT))),
    ),
)

SITE_TERM = Obj(
    "term",
    "A value this site adds to a vocabulary.",
    (
        F("value", Key(), "How the data writes it, e.g. childrens_trust.", True),
        F("label", Text(one_line=True), "How the site shows it.", True),
        F("description", Text(), "What it means, for the methodology page.", True),
    ),
)

TYPE_DUTY = Obj(
    "default duty to respond",
    "The duty to respond every record of this type carries, as a period counted from the "
    "record (see the methodology page): used when a record's respond: names who must "
    "respond and gives no period of its own.",
    (
        F("within", Int(1, 3650), "Length of the period, in units.", True),
        F("unit", Enum(vocab.DAY_BASES), "What the period is counted in: calendar days, "
          "working days, weeks, calendar months or years.", True),
        F("from", Enum(vocab.PERIOD_STARTS), "What the period is counted from: event (the "
          "record's date, if omitted) or publication."),
    ),
)

RECORD_TYPE_TERM = Obj(
    "record type",
    "A record type this site adds, with any duty to respond its records carry.",
    (*SITE_TERM.fields,
     F("respond", TYPE_DUTY, "A duty to respond that records of this type carry, e.g. "
       "within: 2 and unit: months.")),
)

LICENCE_TERM = Obj(
    "licence",
    "A licence this site adds, for sources' licence field.",
    (
        F("value", Pattern(LICENCE_PATTERN, "a licence identifier such as OGL-3.0 (letters, "
                           "digits, and single dots, hyphens or plus signs between them)",
                           "licence identifier"),
          "How the data writes it, e.g. an SPDX identifier such as CC-BY-NC-4.0.", True),
        F("label", Text(one_line=True), "How the site shows it.", True),
        F("description", Text(), "What it allows, for the methodology page.", True),
        F("open", Bool(), "true if anyone may republish a document under it, so its stored "
          "copy may be published (publish_copy: true).", True),
    ),
)

LEVEL = Obj(
    "level",
    "One level of an oversight framework.",
    (
        F("value", Key(), "How records write this level, e.g. special_measures.", True),
        F("label", Text(one_line=True), "The level in the framework's own words.", True),
        F("description", Text(), "What the level means, in the framework's words."),
    ),
)

FRAMEWORK = Obj(
    "framework",
    "An oversight framework this site adds: who oversees, and its levels in order.",
    (
        F("id", Id(), "Unique id, written in records' oversight framework.", True),
        F("name", Text(one_line=True), "The framework's name.", True),
        F("overseer", Text(one_line=True), "Who sets the levels, in words, e.g. the "
          "government or inspectorate.", True),
        F("description", Text(), "What the framework is, for the methodology page."),
        F("levels", ListOf(LEVEL, 2), "The levels in the framework's own order.", True),
        F("most_serious", Enum(SERIOUS_ENDS), "Which end of the levels as listed is the "
          "most serious: first or last.", True),
    ),
)

VOCABULARY_FILE = Obj(
    "vocabulary",
    "Record types, body kinds, source kinds, money kinds, licences, response statuses and "
    "oversight frameworks this site adds "
    "to the built-in ones (data/vocabulary.yml; optional).",
    (
        F("record_types", ListOf(RECORD_TYPE_TERM), "Kinds of event added, each with any "
          "duty to respond its records carry."),
        F("body_kinds", ListOf(SITE_TERM), "Kinds of organisation added."),
        F("source_kinds", ListOf(SITE_TERM), "Kinds of document added."),
        F("money_kinds", ListOf(SITE_TERM), "Kinds of money figure added."),
        F("licences", ListOf(LICENCE_TERM), "Licences added."),
        F("response_statuses", ListOf(SITE_TERM), "Response statuses added."),
        F("oversight_frameworks", ListOf(FRAMEWORK), "Oversight frameworks added."),
    ),
)

FILE_KINDS: dict[str, Obj] = {
    "body": BODY, "person": PERSON, "source": SOURCE, "themes": THEMES_FILE,
    "indicators": INDICATORS_FILE, "case": CASE, "record": RECORD, "vocabulary": VOCABULARY_FILE,
}


def extend(type_: Type, site: vocab.SiteTerms) -> Type:
    """``type_`` with the site's own terms added to every extensible vocabulary in it."""
    if isinstance(type_, Enum) and site.get(type_.site):
        return replace(type_, terms=vocab.with_site(type_.site, site))
    if isinstance(type_, ListOf):
        return replace(type_, item=extend(type_.item, site))
    if isinstance(type_, Obj):
        return replace(type_, fields=tuple(replace(f, type=extend(f.type, site))
                                           for f in type_.fields))
    return type_


def file_kinds(site: vocab.SiteTerms | None = None) -> dict[str, Obj]:
    """FILE_KINDS, with a site's own record types, body kinds and source kinds."""
    if not site:
        return FILE_KINDS
    out: dict[str, Obj] = {}
    for name, obj in FILE_KINDS.items():
        extended = extend(obj, site)
        assert isinstance(extended, Obj)
        out[name] = extended
    return out


def type_label(type_: Type) -> str:
    """A short description of a field's type for the field reference."""
    if isinstance(type_, ListOf) and type_.one_ok:
        return f"{type_label(type_.item)}, or a list of them"
    if isinstance(type_, ListOf):
        return f"list of {type_label(type_.item)}" + (
            f" (at least {type_.min_items})" if type_.min_items else "")
    if isinstance(type_, Obj):
        return f"{type_.name} (see below)" + (
            f", or just the {type_.shorthand}" if type_.shorthand else "")
    if isinstance(type_, Enum):
        return "one of " + ", ".join(type_.terms)
    if isinstance(type_, Ref):
        return f"id of {'an' if type_.target[:1] in 'aeiou' else 'a'} {type_.target}"
    if isinstance(type_, Pattern):
        return type_.label
    if isinstance(type_, Date) and type_.words:
        return "date (YYYY, YYYY-MM, YYYY-MM-DD, or in words: see the date forms)"
    return {Text: "text", Id: "id", Key: "value (lower_case_with_underscores)",
            Date: "date (YYYY, YYYY-MM or YYYY-MM-DD)",
            Url: "https URL", Int: "whole number", Amount: "amount", Number: "number",
            Bool: "true or false",
            Lang: "language code", Currency: "currency code (ISO 4217)"}[type(type_)]


Part = tuple[str, bool]  # a piece of a sentence, and whether it is a field name (code)


def _named(names: tuple[str, ...], last: str) -> list[Part]:
    """`a`, `b` and `c` (``last`` is "and" or "or")."""
    parts: list[Part] = []
    for i, name in enumerate(names):
        if i:
            parts.append((f" {last} " if i == len(names) - 1 else ", ", False))
        parts.append((name, True))
    return parts


def rule_parts(rule: Rule) -> list[Part]:
    """A rule of the field reference as one plain sentence, e.g. If you give `url`, also
    give `accessed`. (the same checks as ``casefile.reading.validate``)."""
    names = rule.fields
    if rule.kind == "exactly_one":
        lead = "Give either " if len(names) == 2 else "Give exactly one of "
        tail = ", not both." if len(names) == 2 else "."
        return [(lead, False), *_named(names, "or"), (tail, False)]
    if rule.kind == "at_least_one":
        tail = ", or both." if len(names) == 2 else ", or several of them."
        return [("Give ", False), *_named(names, "or"), (tail, False)]
    if rule.kind == "together":
        return [("Give ", False), *_named(names, "and"), (" together, or none of them.", False)]
    if rule.kind == "requires":
        return [("If you give ", False), (names[0], True), (", also give ", False),
                (names[1], True), (".", False)]
    assert rule.kind == "http_needs_flag", rule.kind
    return [("A ", False), *_named(names[:-1], "or"), (" that starts with plain ", False),
            ("http://", True), (" needs ", False), (f"{names[-1]}: true", True),
            (" (use https wherever the publisher offers it).", False)]


_NOUN_PHRASES = {"themes": "the themes file", "indicators": "the indicators file",
                 "vocabulary": "the vocabulary file",
                 "money": "a money figure", "due": "a deadline (due)",
                 "reported": "a reported outcome", "progress": "a progress note",
                 "respond": "a duty to respond (respond)",
                 "record disagreements": "the disagreements on a record",
                 "source disagreements": "the disagreements on a source",
                 "money disagreements": "the disagreements on a money figure",
                 "rating disagreements": "the disagreements on a rating"}


def with_article(noun: str) -> str:
    """"a source", "an assessment", "the themes file": an object's name in a sentence."""
    if noun in _NOUN_PHRASES:
        return _NOUN_PHRASES[noun]
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def sections(site: vocab.SiteTerms | None = None) -> list[Obj]:
    """Every object in the schema once, file kinds first, in reading order."""
    seen: list[Obj] = []

    def walk(obj: Obj) -> None:
        if obj in seen:
            return
        seen.append(obj)
        for field_ in obj.fields:
            inner = field_.type.item if isinstance(field_.type, ListOf) else field_.type
            if isinstance(inner, Obj):
                walk(inner)

    for kind in file_kinds(site).values():
        walk(kind)
    return seen
