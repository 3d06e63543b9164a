"""Fixed vocabularies. The schema, the validator, the model and the methodology page
all read them from here, so the documentation cannot drift from the code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from casefile.model.money import CURRENCIES  # noqa: F401 - every ISO 4217 code Babel knows


@dataclass(frozen=True)
class Term:
    value: str
    label: str
    description: str


def _terms(*rows: tuple[str, str, str]) -> dict[str, Term]:
    return {value: Term(value, label, description) for value, label, description in rows}


STATUSES = _terms(
    ("not_assessed", "Not assessed",
     "No document in the records assesses this finding at this point."),
    ("worsened", "Got worse",
     "The assessor says the matter has got worse since it was last assessed."),
    ("serious_concern", "Serious concern",
     "The assessor says serious concerns remain."),
    ("concern", "Concern remains",
     "The assessor says the matter still needs work (for example, names it a priority for "
     "action) without calling it serious."),
    ("early_signs", "Early signs",
     "The assessor reports early signs of improvement that are not yet embedded."),
    ("improving", "Improving",
     "The assessor reports progress while saying more work remains."),
    ("improved", "Improved",
     "The assessor reports clear or significant improvement."),
    ("resolved", "Resolved",
     "The assessor says the finding no longer applies."),
)

ASSERTERS = _terms(
    ("regulator", "Regulator's judgement", "Stated by the inspectorate or regulator."),
    ("government", "Government's account", "Stated by the government or a minister."),
    ("self", "Own claim", "Stated by the body under scrutiny about itself: not independent."),
    ("board", "Improvement board", "Stated by an improvement or assurance board."),
    ("press", "Press report", "Stated by a news organisation."),
    ("other", "Other", "Stated by another body."),
    ("oversight", "Overseer's account",
     "Stated by a body the case names as overseeing the body under scrutiny."),
    ("auditor", "Auditor's finding", "Stated by an auditor."),
    ("parliament", "Parliament or committee", "Stated by a parliament, assembly or committee."),
    ("inquiry", "Inquiry's finding", "Stated by an inquiry or review."),
    ("coroner", "Coroner's finding", "Stated by a coroner, e.g. in a report to prevent "
     "future deaths."),
    ("tracker", "Tracker (second-hand)",
     "Stated by a third party that collects what others said: second-hand."),
)

EVIDENCE_GRADES = _terms(
    ("regulator", "Regulator", "Published by the inspectorate or regulator."),
    ("government", "Government", "Published by the government or a minister."),
    ("self_report", "Self-report", "Published by a body under scrutiny about itself."),
    ("press", "Press", "Published by a news organisation."),
    ("other", "Other", "Published by anyone else, or publisher not known."),
    ("oversight", "Oversight",
     "Published by a body the case names as overseeing the body under scrutiny."),
    ("auditor", "Auditor", "Published by an auditor."),
    ("parliament", "Parliament", "Published by a parliament, assembly or committee."),
    ("inquiry", "Inquiry", "Published by an inquiry or review."),
    ("coroner", "Coroner", "Published by a coroner."),
    ("board", "Improvement board", "Published by an improvement or assurance board."),
    ("second_hand", "Second-hand",
     "Published by a third-party tracker that collects what others said."),
)

# Who says so: how the publisher of a source (or the body making a judgement) stands to
# a case, tried in this order; the first that applies gives both the asserter and the
# evidence grade (casefile.model.who). Shown on the methodology page.
WHO_SAYS_SO = _terms(
    ("self", "Own claim; Self-report",
     "A subject of the case, or a partner it names, or a body within or above one of "
     "them (its parent:, or a body whose parent: it is)."),
    ("oversight", "Overseer's account; Oversight",
     "A body the case names under overseers (a government department, a mayor, a police "
     "and crime commissioner)."),
    ("regulator", "Regulator's judgement; Regulator",
     "A body the case names under regulators, or any body of kind regulator."),
    ("auditor", "Auditor's finding; Auditor", "A body of kind auditor."),
    ("parliament", "Parliament or committee; Parliament",
     "A body of kind parliament or committee."),
    ("inquiry", "Inquiry's finding; Inquiry", "A body of kind inquiry."),
    ("coroner", "Coroner's finding; Coroner", "A body of kind coroner."),
    ("government", "Government's account; Government",
     "A body of kind government that the case does not name as an overseer."),
    ("board", "Improvement board", "A body of kind board that the case does not name."),
    ("press", "Press report; Press", "A body of kind news_organisation. A source with no "
     "publisher named is graded Press if it is a news article, otherwise Other."),
    ("tracker", "Tracker (second-hand); Second-hand", "A body of kind tracker."),
    ("other", "Other", "Anyone else."),
)

BODY_KINDS = _terms(
    ("local_authority", "Local authority", "A council."),
    ("regulator", "Regulator", "An inspectorate or regulator."),
    ("government", "Government", "A government, ministry or minister's office."),
    ("board", "Board", "An improvement, assurance or oversight board."),
    ("police", "Police", "A police force or police service."),
    ("health", "Health body", "An NHS trust, health board, integrated care board or other "
     "health service body."),
    ("trust", "Service trust", "A trust or company set up to run a service in place of a "
     "council, e.g. a children's services trust."),
    ("commissioner", "Commissioner", "Commissioners or an intervention team appointed to run or "
     "oversee a body, or a statutory commissioner's office."),
    ("coroner", "Coroner", "A coroner or coroner's office, e.g. one that reports to prevent "
     "future deaths."),
    ("committee", "Committee", "A committee of a parliament, assembly or council, e.g. a "
     "select or scrutiny committee."),
    ("ombudsman", "Ombudsman", "An ombudsman or complaints body."),
    ("news_organisation", "News organisation", "A newspaper, broadcaster or news agency."),
    ("other", "Other", "Any other organisation."),
    ("auditor", "Auditor", "An audit body, e.g. a national audit office or an external "
     "auditor."),
    ("parliament", "Parliament", "A parliament, assembly or one of its committees."),
    ("inquiry", "Inquiry", "A public inquiry or an independent review."),
    ("elected_overseer", "Elected overseer", "An elected office that oversees a body, e.g. "
     "a mayor or a police and crime commissioner."),
    ("tracker", "Tracker", "A third party that collects and republishes what others said, "
     "e.g. a campaign's tracker or a data aggregator."),
)

SOURCE_KINDS = _terms(
    ("inspection_report", "Inspection report", "A report published by an inspectorate."),
    ("notice", "Notice", "A warning notice, improvement notice or other formal notice."),
    ("letter", "Letter", "A letter, e.g. from a regulator, minister or commissioner."),
    ("direction", "Direction", "A statutory direction or order, or the instrument that "
     "appoints commissioners."),
    ("commissioner_report", "Commissioner's report",
     "A report by commissioners or an intervention team."),
    ("minutes", "Minutes", "Minutes or papers of a meeting."),
    ("government_statement", "Government statement", "A written statement by a government."),
    ("oral_statement", "Oral statement", "A statement made in a parliament or assembly."),
    ("council_press_release", "Council press release", "News published by a council."),
    ("council_report", "Council report", "A report to a council, cabinet or committee."),
    ("news_article", "News article", "An article by a news organisation."),
    ("other", "Other", "Any other document."),
    ("report", "Report", "A report by any body."),
    ("statement", "Statement", "A written or spoken statement by any body or person."),
    ("press_release", "Press release", "News published by any body about itself."),
    ("official_report", "Official report",
     "A parliament's or assembly's record of its proceedings, e.g. Hansard."),
    ("written_answer", "Written answer", "An answer to a written question in a parliament "
     "or assembly."),
    ("web_page", "Web page", "A page of a website that is not one of the kinds above."),
)

RECORD_TYPES = _terms(
    ("inspection", "Inspection", "An inspection; its report may be published later."),
    ("report", "Report published", "Publication of a report."),
    ("warning_notice", "Warning notice", "A formal warning notice."),
    ("follow_up_notice", "Follow-up notice", "A follow-up or refreshed warning notice."),
    ("addendum", "Addendum", "An addendum to a notice."),
    ("monitoring_visit", "Monitoring visit", "A visit by the regulator to monitor progress."),
    ("monitoring", "Monitoring", "Formal monitoring by the regulator."),
    ("improvement_plan", "Improvement plan", "An improvement plan submitted or agreed."),
    ("improvement_board_report", "Improvement board report", "A report by an improvement board."),
    ("cabinet_report", "Cabinet report", "A report to a council's cabinet."),
    ("ministerial_statement", "Ministerial statement", "A statement by a minister."),
    ("council_statement", "Council statement", "A statement by the council."),
    ("funding_decision", "Funding decision", "A decision to fund or budget."),
    ("support_package", "Support package", "Support offered to the body under scrutiny."),
    ("follow_up_inspection", "Follow-up inspection",
     "An inspection that follows up an earlier one, e.g. to check a warning notice."),
    ("re_inspection", "Re-inspection",
     "A full inspection repeated after an earlier one, which may give new grades."),
    ("focused_visit", "Focused visit",
     "A short visit by the regulator looking at one part of a service."),
    ("improvement_notice", "Improvement notice",
     "A formal notice requiring improvement by a stated time."),
    ("statutory_direction", "Statutory direction",
     "A direction under law by a minister or regulator, e.g. to accept help or to act."),
    ("intervention", "Intervention",
     "Formal intervention or escalation, e.g. special measures or enhanced monitoring."),
    ("intervention_ended", "Intervention ended",
     "Formal intervention, special measures or escalation lifted."),
    ("commissioner_appointed", "Commissioner appointed",
     "Commissioners or an intervention team appointed to run or oversee a service."),
    ("commissioner_report", "Commissioner's report",
     "A report by commissioners or an intervention team."),
    ("inquiry_interim_report", "Public inquiry interim report",
     "An interim report of a public inquiry or independent review, often with "
     "recommendations."),
    ("inquiry_final_report", "Public inquiry final report",
     "The final report of a public inquiry or independent review, often with "
     "recommendations."),
    ("pfd_report", "Prevention of future deaths report",
     "A coroner's report to prevent future deaths, sent to the people and bodies it names. "
     "This type carries a duty to respond within 56 calendar days of the record's date: "
     "the statutory duty of the Coroners (Investigations) Regulations 2013 (regulation 29), "
     "under which each person or body the report is sent to must reply in writing within "
     "56 days of the date of the report. A record names who must respond and may give "
     "another period (respond:)."),
    ("pfd_response", "Response to a prevention of future deaths report",
     "A reply to a coroner's report to prevent future deaths, saying what action is taken "
     "or proposed."),
    ("committee_report", "Committee report",
     "A report of a parliamentary, assembly or council committee, e.g. a select committee, "
     "with its conclusions and recommendations."),
    ("government_response", "Government response",
     "A government's or public body's published response to a committee's or inquiry's "
     "report and its recommendations."),
    ("audit_report_national", "National audit report",
     "A report of a national audit office or auditor general, e.g. on value for money."),
    ("audit_report_local", "Local audit report",
     "An external auditor's report on a local body, e.g. on its accounts or its arrangements "
     "for value for money."),
    ("transfer_to_trust", "Transfer to a trust",
     "A service moved out of a council's direct control, e.g. to a children's services "
     "trust."),
    ("appointment", "Appointment", "A person appointed to a post."),
    ("other", "Other", "Any other event."),
)

# Duties to respond that a record type carries unless a record says otherwise (its own
# ``respond:`` period, or none): type → (within, unit, from). The bodies that must respond
# are always the record's own (``respond: by:``).
RESPONSE_DUTIES: dict[str, tuple[int, str, str]] = {
    "pfd_report": (56, "calendar_days", "event"),
}



@dataclass(frozen=True)
class RecordType(Term):
    """A record type a site adds (data/vocabulary.yml); ``respond``: the duty to respond
    its records carry unless one gives its own period, as (within, unit, from), like
    ``RESPONSE_DUTIES``; None for none."""

    respond: tuple[int, str, str] | None = None
    refused: bool = False  # it gave a duty that validation refused (reported there)

    @property
    def duty_words(self) -> str:
        """The methodology's sentence for its duty: "Carries a duty to respond within 2
        calendar months of the record's date (this site's own period)."; "" for none."""
        if self.respond is None:
            return ""
        within, unit, start = self.respond
        label = DAY_BASES[unit].label
        units = label[:-1] if within == 1 else label
        since = "the record's date" if start == "event" else "the record's publication"
        return (f"Carries a duty to respond within {within} {units} of {since} (this site's "
                "own period); a record names who must respond and may give another period.")


def default_duty(type_: Term) -> tuple[int, str, str] | None:
    """The duty to respond a record of ``type_`` carries when it gives no period of its
    own: a built-in type's (``RESPONSE_DUTIES``), or the one a site gives its own type."""
    built_in = RESPONSE_DUTIES.get(type_.value)
    if built_in is not None:
        return built_in
    return type_.respond if isinstance(type_, RecordType) else None


# How the timeline words a record's publication (its ``published:`` date). Events whose
# report comes out later: "Report published", "The report of the inspection of … was
# published". Records that are reports themselves: "Report published", "“Title” was
# published". Any other type, and every type a site adds: "Published", "“Title” was published".
REPORT_OF_EVENT = frozenset({"inspection", "monitoring_visit", "follow_up_inspection",
                             "re_inspection", "focused_visit"})
REPORT_ITSELF = frozenset({"report", "improvement_board_report", "cabinet_report",
                           "commissioner_report", "inquiry_interim_report",
                           "inquiry_final_report", "pfd_report", "committee_report",
                           "audit_report_national", "audit_report_local"})

DAY_BASES = _terms(
    ("calendar_days", "calendar days", "Every day counts."),
    ("working_days", "working days",
     "Weekends and the public holidays of the case's jurisdiction do not count (from the "
     "holidays package)."),
    ("weeks", "weeks", "Seven calendar days each."),
    ("months", "calendar months",
     "The same day of the month, that many months later; where that month has no such day, "
     "its last day (31 January + 1 month is 28 February, or 29 in a leap year)."),
    ("years", "years",
     "The same day, that many years later; from 29 February, 28 February in a year that "
     "is not a leap year."),
)

PERIOD_STARTS = _terms(
    ("publication", "publication", "Counted from the date the setting record was published."),
    ("event", "the event", "Counted from the date of the setting record itself."),
)

OUTCOMES = _terms(
    ("met_on_time", "Met on time", "Fulfilled on or before the deadline."),
    ("met_late", "Met late", "Fulfilled after the deadline."),
    ("met", "Met, timing not established",
     "Fulfilled, but the dates in the records are too imprecise to say whether on time."),
    ("met_no_deadline", "Met (no deadline set)", "Fulfilled; no deadline was stated."),
    ("outstanding", "Outstanding", "Not yet fulfilled and not yet past its deadline."),
    ("overdue", "Past due: no record that it was met",
     "The deadline has passed and no document in the records shows it was met. This is not "
     "a finding that it was missed: the records may simply not say."),
    ("not_met", "Not met", "A source reports that it was not met; the page says who."),
    ("superseded", "Superseded",
     "Replaced by a later notice or requirement before it was shown to be met: a record in "
     "the case shows it, or a source reports it."),
    ("partly_met", "Partly met",
     "A source reports that it was met in part; the page says who. Never shown as past due."),
    ("suspended", "Suspended",
     "A source reports that the requirement or its deadline was suspended or paused; the "
     "deadline no longer runs, so it is never shown as past due."),
    ("not_reported", "No progress reported",
     "A source says the body has not reported its progress on this requirement; the page "
     "says who. This is not a finding that it was missed."),
    ("disputed", "Disputed",
     "The records and a source disagree: a record shows it was met, but a source reports it "
     "as not met or partly met, or on time where the dates show late (or late where they "
     "show on time). The page gives both, and who says each; casefile does not choose "
     "between them."),
)

REPORTED_OUTCOMES = {k: OUTCOMES[k] for k in ("met_on_time", "met_late", "met", "not_met",
                                              "partly_met", "suspended", "superseded",
                                              "not_reported")}

# A response to a finding, recommendation or requirement: what the answering body says it
# will do, in the words of its own published reply. Kept apart from progress (STATUSES):
# accepting a recommendation is not carrying it out. A site may add its own.
RESPONSE_STATUSES = _terms(
    ("accepted", "Accepted", "The reply says the recommendation is accepted in full."),
    ("accepted_in_part", "Accepted in part",
     "The reply accepts some of the recommendation and not the rest."),
    ("accepted_in_principle", "Accepted in principle",
     "The reply accepts the aim of the recommendation without committing to it as written, "
     "e.g. subject to funding or further work."),
    ("under_consideration", "Under consideration",
     "The reply says the recommendation is still being considered: no decision yet."),
    ("noted", "Noted", "The reply acknowledges the recommendation without accepting or "
     "rejecting it."),
    ("rejected", "Rejected", "The reply says the recommendation is not accepted."),
)

# Derived, never entered: whether a body answered a duty to respond, and how an answer is
# still missing. "No response published" is never "Rejected": the records may simply not
# hold the reply (casefile.model.responses).
RESPONSE_STATES = _terms(
    ("responded_on_time", "Responded on time",
     "The body's first published response is dated on or before the day it was due."),
    ("responded_late", "Responded late",
     "The body's first published response is dated after the day it was due."),
    ("responded", "Responded, timing not established",
     "The body responded, but the dates in the records are too imprecise to say whether "
     "on time."),
    ("responded_no_status", "Responded, no status given for this item",
     "The body's reply to the report (a record that answers it) is in the records but gives "
     "no status for this item. This is neither acceptance nor rejection."),
    ("not_answered_in_reply", "Not answered in the reply",
     "The body has replied to the report, giving statuses for other items, but none for "
     "this one. This is neither acceptance nor rejection."),
    ("response_pending", "Response pending",
     "The body has not replied, and its duty to respond has not passed as of the case's "
     "own date (or none was set)."),
    ("no_response_published", "No response published",
     "A duty to respond has passed, as of the case's own date, and no response is recorded. "
     "This is not a rejection: the records may simply not hold the reply."),
)

CASE_STATUSES = _terms(
    ("open", "Open", "Oversight continues."),
    ("closed", "Closed", "The regulator has ended formal oversight."),
)

# What a record's finding is: the label readers see ("Recommendation 12") comes from here.
FINDING_KINDS = _terms(
    ("finding", "Finding", "Something the document found (the default)."),
    ("recommendation", "Recommendation",
     "Something the document recommends that a body should do."),
    ("conclusion", "Conclusion", "A conclusion the document draws, e.g. a committee's."),
    ("concern", "Matter of concern",
     "A matter the document is concerned about and asks a body to act on, e.g. a coroner's "
     "concern in a report to prevent future deaths."),
)

# Each finding kind inside a sentence, one and several: "raised 64 recommendations".
FINDING_KIND_WORDS = {
    "finding": ("finding", "findings"),
    "recommendation": ("recommendation", "recommendations"),
    "conclusion": ("conclusion", "conclusions"),
    "concern": ("matter of concern", "matters of concern"),
}


def kind_count(count: int, kind: Term | None) -> str:
    """``count`` things of a finding kind (None: a finding) in words: "1 recommendation",
    "3 matters of concern"."""
    one, many = FINDING_KIND_WORDS[kind.value if kind else "finding"]
    return f"{count} {one if count == 1 else many}"


def kind_word(kind: Term | None) -> str:
    """A finding kind (None: a finding) inside a sentence: "recommendation"."""
    return FINDING_KIND_WORDS[kind.value if kind else "finding"][0]


def kind_words(kinds: Iterable[Term | None], plural: bool = False) -> list[str]:
    """The finding kinds among ``kinds`` (None: a finding), each once, in the vocabulary's
    order, in words inside a sentence: ["finding", "recommendation"]; ``plural``:
    ["findings", "recommendations"]; with no kinds, a finding's words."""
    given = {kind.value if kind else "finding" for kind in kinds} or {"finding"}
    return [words[int(plural)] for key, words in FINDING_KIND_WORDS.items() if key in given]

MONEY_KINDS = _terms(
    ("budget", "Budget", "Money set aside or planned for a purpose."),
    ("overspend", "Overspend or deficit", "Spending above the budget, or a shortfall."),
    ("savings_target", "Savings target", "Savings the body plans or is required to make."),
    ("savings_achieved", "Savings achieved", "Savings the source says were made."),
    ("loan", "Loan", "Money lent to the body, to be repaid."),
    ("repayment", "Repayment", "Money paid back, e.g. of a loan."),
    ("grant", "Grant", "Money given to the body, not to be repaid."),
    ("other", "Other", "Any other kind of amount."),
)


@dataclass(frozen=True)
class Licence(Term):
    """A licence a source document is published under; ``open`` ones let the site
    publish the stored copy (``publish_copy: true``)."""

    open: bool = False


LICENCES: dict[str, Term] = {t.value: t for t in (
    Licence("OGL-3.0", "Open Government Licence v3.0",
            "The UK public sector's open licence: anyone may copy and publish the document "
            "if they acknowledge the source.", True),
    Licence("CC-BY-4.0", "Creative Commons Attribution 4.0",
            "Anyone may copy and publish the document if they credit the author.", True),
    Licence("CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0",
            "Anyone may copy and publish the document if they credit the author and "
            "publish it under the same licence.", True),
    Licence("CC0-1.0", "Creative Commons Zero 1.0",
            "The author has given up copyright: anyone may copy and publish it.", True),
    Licence("all-rights-reserved", "All rights reserved",
            "Under copyright with no open licence (most news articles): the stored copy is "
            "kept to check quotations and is never published.", False),
)}


def is_open(term: Term | None) -> bool:
    return isinstance(term, Licence) and term.open


@dataclass(frozen=True)
class Unit(Term):
    """What an indicator counts in, and how a value is written: ``one``/``many`` after the
    number ("1 day", "108 days"); ``whole``: only whole numbers; ``most``: the largest
    value allowed (None: no limit). Money is written by casefile.model.money instead."""

    one: str = ""
    many: str = ""
    whole: bool = False
    most: int | None = None


INDICATOR_UNITS: dict[str, Term] = {t.value: t for t in (
    Unit("people", "People", "A number of people, e.g. staff in post: a whole number.",
         "person", "people", True),
    Unit("per_cent", "Per cent", "A share out of a hundred, from 0 to 100.",
         "per cent", "per cent", most=100),
    Unit("days", "Days", "A number of days, e.g. working days lost; may have decimals "
         "(an average).", "day", "days"),
    Unit("cases", "Cases", "A number of cases, e.g. children on a register or referrals: a "
         "whole number.", "case", "cases", True),
    Unit("count", "Count", "A number of anything else the indicator's name says: a whole "
         "number, written without a unit.", "", "", True),
    Unit("money", "Money", "An amount of money in the indicator's currency (ISO 4217).",
         "", ""),
)}
"""The units an indicator (data/indicators.yml) is counted in; none is below zero."""


# The vocabularies a site may add to in data/vocabulary.yml, by the key used there.
EXTENSIBLE = {"record_types": RECORD_TYPES, "body_kinds": BODY_KINDS,
              "source_kinds": SOURCE_KINDS, "money_kinds": MONEY_KINDS,
              "licences": LICENCES, "response_statuses": RESPONSE_STATUSES}

SiteTerms = dict[str, dict[str, Term]]  # key of EXTENSIBLE → the site's own terms


def with_site(name: str, site: SiteTerms | None = None) -> dict[str, Term]:
    """A vocabulary: the built-in terms, then those the site adds (extensible ones only)."""
    built_in = EXTENSIBLE.get(name) or TABLES[name]
    return {**built_in, **(site or {}).get(name, {})}


TABLES = {"statuses": STATUSES, "asserters": ASSERTERS, "evidence_grades": EVIDENCE_GRADES,
          "who_says_so": WHO_SAYS_SO,
          "outcomes": OUTCOMES, "day_bases": DAY_BASES, "response_states": RESPONSE_STATES,
          "finding_kinds": FINDING_KINDS, "indicator_units": INDICATOR_UNITS,
          **EXTENSIBLE}

RATES = _terms(
    ("day", "a day", "The amount is paid or spent each day."),
    ("week", "a week", "The amount is paid or spent each week."),
    ("month", "a month", "The amount is paid or spent each month."),
    ("quarter", "a quarter", "The amount is paid or spent each quarter of a year."),
    ("year", "a year", "The amount is paid or spent each year."),
)

