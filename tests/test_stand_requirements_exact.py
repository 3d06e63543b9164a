"""Where things stand, its requirements, exactly (casefile.model.stand_requirements): the
counts by outcome, whose records each rests on and who set them, the past-due and
outstanding lists, the next deadline, the case list's outcome, every sentence word for
word with its citations.

Pinned: every outcome of the vocabulary that the records decide (met on time, met late,
met without a deadline, outstanding, past due, superseded) and those a source reports
(partly met, disputed), counted in the vocabulary's order; two alike counted together
("records from … show them met"); a count whose words have a comma of their own listed
with semicolons; requirements set by two bodies; requirements known only from a
newspaper, all of them or some; a deadline the source gave in words, as a season or to a
day; the case list's "Outstanding when the records end", and not where the editors set
the date.

The data are the fictional Town Council case (tests/conftest.py MINI), its records ending
on 1 March 2018; each test loads its own (mutation testing credits a shared fixture's
calls to one test only, TESTING.md)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from casefile.model import objects as m
from casefile.model import stand_requirements as sr
from casefile.model import vocab
from casefile.model.dates import PartialDate
from casefile.model.said import Said
from casefile.model.views import CaseView, case_view
from casefile.pipeline import load_dataset
from tests.conftest import MINI, write_mini

INS = "cases/town/records/town-inspection.yml"
FOLLOW = "cases/town/records/town-follow-up.yml"
CASE = "cases/town/case.yml"
PLAN_DUE = "    due:\n      within: 20\n      unit: working_days\n      from: publication\n"
GAZETTE = """\
id: zz-gazette
title: Inspectors tell the council to act
publisher_note: A fictional local newspaper.
kind: news_article
published: 2017-10-05
language: en
"""
MET = "    fulfilled_by: town-follow-up\n"
NEW, COUNCIL = "New Inspectorate", "Town Council"
SHOWS = "a record from Town Council shows it met"


def due(date: str) -> str:
    return f"    due:\n      date: {date}\n"


def req(rid: str, text: str, extra: str = "", cite: str = "report-2017") -> str:
    return f"  - id: {rid}\n    text: {text}\n{extra}    cite: [{cite}]\n"


def reported(outcome: str, cite: str) -> str:
    return (f"    reported:\n      outcome: {outcome}\n      by: inspectorate\n"
            f"      cite: [{cite}]\n")


def with_requirements(*reqs: str, plan: str = PLAN_DUE) -> str:
    """The MINI inspection with its requirement's deadline ``plan`` and more requirements."""
    return MINI[INS].replace(PLAN_DUE, plan).replace("statements:", "".join(reqs) + "statements:")


def view(tmp_path: Path, changes: dict[str, str | tuple[str, str]]) -> CaseView:
    return case_view(load_dataset(write_mini(tmp_path, changes), use_cache=False).cases["town"])


def text_and_sources(said: Said) -> tuple[str, list[str]]:
    return said.text, [c.source.id for c in said.cites]


EVERY = with_requirements(
    req("req-audit", "Commission an audit.", due("2018-01-31") + MET),
    req("req-staff", "Hire staff.", due("2018-06-30") + MET),
    req("req-train", "Train the staff.", MET),
    req("req-review", "Review the cases.", due("2018-06-30")),
    req("req-board", "Set up a board.", reported("partly_met", "report-2017")),
    req("req-old", "Use the old plan.", "    superseded_by: town-follow-up\n"),
    req("req-close", "Close the unit.", due("2018-06-30") + MET
        + reported("not_met", "council-news")),
    req("req-report", "Report  monthly.", due("2018-02-28") + MET))


def test_every_outcome_counted_in_order_with_what_it_rests_on(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: EVERY})
    assert v.case.as_of_shown is not None
    assert text_and_sources(sr.outcomes(v.requirements, v.case.as_of_shown)) == (
        # a short sentence a count, then one for what it rests on (#29 review, item 3)
        "As of 1 March 2018, 9 requirements are recorded, all set by New Inspectorate. "
        "1 has the status Met on time. A record from Town Council shows it met. "
        "2 have the status Met late. Records from Town Council show them met. "
        "1 has the status Met (no deadline set). A record from Town Council shows it met. "
        "1 has the status Outstanding. No record yet shows it met. "
        "1 has the status Past due: no record that it was met. "
        "1 has the status Superseded. A record from Town Council replaces it. "
        "1 has the status Partly met. New Inspectorate says so. "
        "1 has the status Disputed. A record from Town Council shows it met. Town Council "
        "(self-report) reports that New Inspectorate reports it as not met.",
        ["report-2017", "council-news"])


def test_what_each_outcome_rests_on_for_one_and_for_more(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: EVERY})
    assert {r.id: (sr.rests_on(r, 1), sr.rests_on(r, 2)) for r in v.requirements} == {
        "req-audit": (SHOWS, "records from Town Council show them met"),
        "req-board": ("according to New Inspectorate", "according to New Inspectorate"),
        "req-close": (f"{SHOWS}; Town Council (self-report) reports that New Inspectorate "
                      "reports it as not met",
                      "records from Town Council show them met; Town Council (self-report) "
                      "reports that New Inspectorate reports them as not met"),
        "req-old": ("a record from Town Council replaces it",
                    "records from Town Council replace them"),
        "req-plan": ("", ""),
        "req-report": (SHOWS, "records from Town Council show them met"),
        "req-review": ("no record yet that it was met", "no record yet that they were met"),
        "req-staff": (SHOWS, "records from Town Council show them met"),
        "req-train": (SHOWS, "records from Town Council show them met")}


def test_a_reported_outcome_relayed_by_another_publisher_says_so(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: with_requirements(
        req("req-board", "Set up a board.", reported("partly_met", "council-news")))})
    [board] = [r for r in v.requirements if r.id == "req-board"]
    assert sr.rests_on(board, 1) == (
        "Town Council (self-report) reports that New Inspectorate says so")


def test_the_past_due_and_outstanding_soonest_first_named_for_screen_readers(
        tmp_path: Path) -> None:
    v = view(tmp_path, {INS: with_requirements(
        req("req-b-review", "Review  the\n      cases.", due("2018-06-30")),
        req("req-a-audit", "Commission an audit.", due("2018-06-30")),
        req("req-undated", "Train the staff."),
        req("req-early", "Hire staff.", due("2018-01-31"), cite="council-news"),
        req("req-soon", "Report monthly.", due("2018-04")),
        req("req-met", "Set up a board.", due("2018-01-31") + MET))})
    assert [r.id for r in v.requirements][:3] == ["req-a-audit", "req-b-review", "req-early"]
    assert [(p.term.value, [(i.text, i.anchor, i.more, [c.source.id for c in i.cites])
                            for i in p.items]) for p in sr.pending(v.requirements)] == [
        ("overdue", [
            ("due 30 October 2017", "req-req-plan", ", the requirement: Produce a plan",
             ["report-2017"]),
            ("due 31 January 2018", "req-req-early", ", the requirement: Hire staff",
             ["council-news"])]),
        ("outstanding", [
            ("due between 1 April 2018 and 30 April 2018", "req-req-soon",
             ", the requirement: Report monthly", ["report-2017"]),
            ("due 30 June 2018", "req-req-a-audit", ", the requirement: Commission an audit",
             ["report-2017"]),
            ("due 30 June 2018", "req-req-b-review", ", the requirement: Review the cases",
             ["report-2017"]),
            ("no deadline set", "req-req-undated", ", the requirement: Train the staff",
             ["report-2017"])])]
    assert [p.term for p in sr.pending(v.requirements)] == [vocab.OUTCOMES["overdue"],
                                                            vocab.OUTCOMES["outstanding"]]
    nxt = sr.next_deadline(v.requirements)
    assert nxt is not None
    assert (nxt.text, nxt.anchor, [c.source.id for c in nxt.cites]) == (
        "The next deadline in these records: Report monthly, by April 2018 (as the source "
        "dates it); counted here as due between 1 April 2018 and 30 April 2018.",
        "req-req-soon", ["report-2017"])


def test_no_pending_and_no_next_deadline_when_all_are_met(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: with_requirements(plan=PLAN_DUE + MET)})
    assert sr.pending(v.requirements) == []
    assert sr.next_deadline(v.requirements) is None


def test_an_outstanding_requirement_without_a_deadline_is_no_next_deadline(
        tmp_path: Path) -> None:
    v = view(tmp_path, {INS: with_requirements(plan="")})
    assert [r.outcome.term.value for r in v.requirements if r.outcome] == ["outstanding"]
    assert sr.next_deadline(v.requirements) is None


def test_the_next_deadline_is_the_soonest_outstanding_one(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: with_requirements(
        req("req-later", "Later.", due("2018-09-30")),
        req("req-a-same", "Same  day.", due("2018-06-30")),
        req("req-b-same", "Other same day.", due("2018-06-30")), plan=due("2018-12-31"))})
    nxt = sr.next_deadline(v.requirements)
    assert nxt is not None
    assert (nxt.text, nxt.anchor) == (
        "The next deadline in these records: Same  day, due 30 June 2018.", "req-req-a-same")


def test_a_count_with_a_comma_of_its_own_is_a_sentence_of_its_own(tmp_path: Path) -> None:
    """A follow-up known to the month (March 2018) meets a deadline of 15 March: on time
    or not is not established ("Met, timing not established")."""
    v = view(tmp_path, {INS: with_requirements(
        req("req-audit", "Commission an audit.", due("2018-03-15") + MET)),
        FOLLOW: ("date: 2018-03-01", "date: 2018-03")})
    assert v.case.as_of_shown is not None
    assert sr.outcomes(v.requirements, v.case.as_of_shown).text == (
        "As of March 2018, 2 requirements are recorded, all set by New Inspectorate. 1 has "
        "the status Met, timing not established. A record from Town Council shows it met. "
        "1 has the status Past due: no record that it was met.")
    three = view(tmp_path / "three", {INS: with_requirements(
        req("req-audit", "Commission an audit.", due("2018-03-15") + MET),
        req("req-review", "Review the cases.", due("2018-06-30"))),
        FOLLOW: ("date: 2018-03-01", "date: 2018-03")})
    assert three.case.as_of_shown is not None
    assert sr.outcomes(three.requirements, three.case.as_of_shown).text == (
        "As of March 2018, 3 requirements are recorded, all set by New Inspectorate. 1 has "
        "the status Met, timing not established. A record from Town Council shows it met. "
        "1 has the status Outstanding. No record yet shows it met. 1 has the status Past "
        "due: no record that it was met.")


def test_one_count_with_a_comma_is_said_alone(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: with_requirements(plan=due("2018-03-15") + MET),
                        FOLLOW: ("date: 2018-03-01", "date: 2018-03")})
    assert v.case.as_of_shown is not None
    two = [v.requirements[0], dataclasses.replace(v.requirements[0], id="req-copy")]
    assert sr.outcomes(two, v.case.as_of_shown).text == (
        "As of March 2018, 2 requirements are recorded, all set by New Inspectorate. 2 have "
        "the status Met, timing not established. Records from Town Council show them met.")


def test_a_tie_on_the_due_day_goes_by_id_whichever_record_set_it(tmp_path: Path) -> None:
    """The follow-up (a later record) sets req-a, due the same day as the inspection's
    req-plan: req-a is named first, in the pending list and as the next deadline."""
    own = req("req-a", "Report back.", due("2018-06-30"), cite="council-news")
    v = view(tmp_path, {INS: with_requirements(plan=due("2018-06-30")),
                        FOLLOW: ("cite: [council-news]\nassessments",
                                 f"cite: [council-news]\nrequirements:\n{own}assessments")})
    assert [r.id for r in v.requirements] == ["req-plan", "req-a"]
    [outstanding] = sr.pending(v.requirements)
    assert [(i.anchor, i.more) for i in outstanding.items] == [
        ("req-req-a", ", the requirement: Report back"),
        ("req-req-plan", ", the requirement: Produce a plan")]
    nxt = sr.next_deadline(v.requirements)
    assert nxt is not None and nxt.anchor == "req-req-a"


def test_requirements_set_by_two_bodies_are_counted_by_each(tmp_path: Path) -> None:
    own = req("req-own", "Report back.", cite="council-news")
    v = view(tmp_path, {INS: with_requirements(req("req-more", "Hire staff.")),
                        FOLLOW: ("cite: [council-news]\nassessments",
                                 f"cite: [council-news]\nrequirements:\n{own}assessments")})
    assert v.case.as_of_shown is not None
    assert text_and_sources(sr.outcomes(v.requirements, v.case.as_of_shown)) == (
        "As of 1 March 2018, 3 requirements are recorded, set 2 by New Inspectorate and 1 by "
        "Town Council. 2 have the status Outstanding. No record yet shows them met. 1 has "
        "the status Past due: no record that it was met.",
        ["report-2017", "council-news"])


def test_one_requirement_and_none(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: with_requirements(plan=PLAN_DUE + MET)})
    assert v.case.as_of_shown is not None
    assert text_and_sources(sr.outcomes(v.requirements, v.case.as_of_shown)) == (
        "As of 1 March 2018, the one requirement recorded, set by New Inspectorate, is met "
        "late. A record from Town Council shows it met.", ["report-2017", "council-news"])
    none = sr.outcomes([], PartialDate(2018, 3, 1))
    assert (none.text, none.cites) == ("No requirements or deadlines are recorded in this "
                                       "case.", [])


def test_what_a_count_rests_on_is_cited_in_order_each_source_once(tmp_path: Path) -> None:
    """The requirement's own citations, the record that meets it, the one that replaces
    it, then a reported outcome's."""
    v = view(tmp_path, {INS: with_requirements(plan=PLAN_DUE + MET),
                        "sources/zz-gazette.yml": GAZETTE})
    [plan] = v.requirements
    gazette = load_dataset(write_mini(tmp_path / "g", {"sources/zz-gazette.yml": GAZETTE}),
                           use_cache=False).sources["zz-gazette"]
    report = m.Reported(plan.outcome.term if plan.outcome else vocab.OUTCOMES["met"],
                        plan.record.body, [m.Citation(gazette)])
    record = dataclasses.replace(plan.record, cites=[m.Citation(gazette)])
    changed = dataclasses.replace(plan, fulfilled_by=None, superseded_by=record,
                                  reported=report)
    assert [c.source.id for c in sr.evidence(plan)] == ["report-2017", "council-news"]
    assert [c.source.id for c in sr.evidence(changed)] == ["report-2017", "zz-gazette",
                                                           "zz-gazette"]
    both = dataclasses.replace(plan, superseded_by=record, reported=None)
    assert [c.source.id for c in sr.evidence(both)] == ["report-2017", "council-news",
                                                        "zz-gazette"]


def test_requirements_known_only_from_a_newspaper_say_who_reports_them(
        tmp_path: Path) -> None:
    gazette_cite = ("      from: publication\n    cite: [report-2017]\n",
                    "      from: publication\n    cite: [zz-gazette]\n")
    two = with_requirements(req("req-more", "Hire staff.", cite="zz-gazette")).replace(
        *gazette_cite)
    v = view(tmp_path, {INS: two, "sources/zz-gazette.yml": GAZETTE})
    said = "A source that does not name its publisher (press) reports that New Inspectorate"
    assert [text_and_sources(s) for s in sr.set_second_hand(v.requirements)] == [
        (f"{said} set all 2.", ["zz-gazette"])]
    some = view(tmp_path / "some", {INS: with_requirements(
        req("req-more", "Hire staff.", cite="zz-gazette"),
        req("req-most", "Train staff.", cite="zz-gazette")),
        "sources/zz-gazette.yml": GAZETTE})
    assert [text_and_sources(s) for s in sr.set_second_hand(some.requirements)] == [
        (f"{said} set 2 of them.", ["zz-gazette"])]
    assert sr.set_second_hand(view(tmp_path / "own", {}).requirements) == []


def test_a_deadline_in_the_source_s_words(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: with_requirements(
        req("req-soon", "Act soon.", "    due:\n      date: At the earliest opportunity\n"),
        req("req-spring", "Plan.", "    due:\n      date: spring 2018\n"),
        req("req-said", "Say.", "    due:\n      date: 2018-04-30\n      as_written: by the "
            "end of April\n"))})
    words = {r.id: sr.deadline_words(r) for r in v.requirements}
    assert words == {
        "req-plan": "due 30 October 2017",
        "req-said": "“by the end of April” (in the source's words); counted here as due 30 "
                    "April 2018",
        "req-soon": "“At the earliest opportunity” (in the source's words); counted here as "
                    "no deadline set",
        "req-spring": "“spring 2018” (in the source's words); counted here as due between 1 "
                      "March 2018 and 31 May 2018"}
    [plan] = [r for r in v.requirements if r.id == "req-plan"]
    assert sr.deadline_words(dataclasses.replace(plan, due=None)) == "due 30 October 2017"


def test_the_case_list_says_outstanding_when_the_records_end(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: with_requirements(plan=due("2018-04-30"))})
    [plan] = v.requirements
    assert sr.list_outcome(plan) == "Outstanding when the records end"
    given = view(tmp_path / "given", {INS: with_requirements(plan=due("2018-04-30")),
                                      CASE: ("status: open", "status: open\nas_of: 2018-03-01")})
    assert sr.list_outcome(given.requirements[0]) == "Outstanding"
    assert sr.list_outcome(view(tmp_path / "due", {}).requirements[0]) == (
        "Past due: no record that it was met")


def test_a_closed_case_follows_no_deadline() -> None:
    assert sr.closed_words(PartialDate(2018, 3)) == (
        "The case is closed, so no deadline is followed; each requirement's outcome as of "
        "March 2018 stays in its table.")


def test_a_count_names_its_status_by_the_vocabulary_s_label() -> None:
    assert sr.counted_status(2, vocab.OUTCOMES["met"]) == (
        "2 with the status Met, timing not established")


def test_a_reported_outcome_beside_the_record_and_alone(tmp_path: Path) -> None:
    """A record shows it met late and the inspectorate says so too: both are named. A
    replacement only reported (no record of it): the report alone."""
    v = view(tmp_path, {INS: with_requirements(
        req("req-late", "Hire staff.", due("2018-01-31") + MET
            + reported("met_late", "report-2017")),
        req("req-gone", "Use the old plan.", reported("superseded", "report-2017")))})
    words = {r.id: (r.outcome.term.value if r.outcome else None, sr.rests_on(r, 1))
             for r in v.requirements}
    assert words["req-late"] == (
        "met_late", f"{SHOWS}; New Inspectorate reports it as met late")
    assert words["req-gone"] == ("superseded", "according to New Inspectorate")


def test_a_publisher_renamed_after_the_records_end_is_named_as_it_was(
        tmp_path: Path) -> None:
    renamed = ("names:\n  - name: Town Council\n",
               "names:\n  - name: Borough Council\n    until: 2018-12\n"
               "  - name: Town Council\n    from: 2019-01\n")
    v = view(tmp_path, {INS: MINI[INS].replace(
        "      from: publication\n    cite: [report-2017]\n",
        "      from: publication\n    cite: [council-news]\n"),
        "bodies/town-council.yml": renamed})
    assert [s.text for s in sr.set_second_hand(v.requirements)] == [
        "Borough Council (now Town Council) (self-report) reports that New Inspectorate set "
        "it."]


def test_requirements_reported_by_two_publishers_are_said_by_each(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: with_requirements(
        req("req-more", "Hire staff.", cite="zz-gazette"),
        req("req-most", "Train staff.", cite="council-news")),
        "sources/zz-gazette.yml": GAZETTE})
    assert [text_and_sources(s) for s in sr.set_second_hand(v.requirements)] == [
        ("A source that does not name its publisher (press) reports that New Inspectorate "
         "set 1 of them.", ["zz-gazette"]),
        ("Town Council (self-report) reports that New Inspectorate set 1 of them.",
         ["council-news"])]


def test_the_next_deadline_drops_only_a_closing_full_stop(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: MINI[INS].replace("text: Produce a plan.", "text: Reopen ward X.")
                        .replace(PLAN_DUE, due("2018-06-30"))})
    nxt = sr.next_deadline(v.requirements)
    assert nxt is not None
    assert nxt.text == "The next deadline in these records: Reopen ward X, due 30 June 2018."


def test_two_pending_of_the_same_words_and_day_are_told_apart_by_their_row(
        tmp_path: Path) -> None:
    """Two requirements the report words alike, due the same day, and a third of the same
    words due later: only the two that would read alike say their row of the table."""
    v = view(tmp_path, {INS: with_requirements(
        req("req-a", "Hire staff.", due("2018-06-30")),
        req("req-b", "Hire  staff.", due("2018-06-30")),
        req("req-c", "Hire staff.", due("2018-07-31")))})
    assert [r.id for r in v.requirements] == ["req-a", "req-b", "req-c", "req-plan"]
    assert [[(i.text, i.anchor, i.more) for i in p.items] for p in sr.pending(v.requirements)
            ] == [[("due 30 October 2017", "req-req-plan", ", the requirement: Produce a plan")],
                  [("due 30 June 2018", "req-req-a", ", the requirement: Hire staff (row 1 of "
                    "the requirements table)"),
                   ("due 30 June 2018", "req-req-b", ", the requirement: Hire staff (row 2 of "
                    "the requirements table)"),
                   ("due 31 July 2018", "req-req-c", ", the requirement: Hire staff")]]


def test_the_one_requirement_s_outcome_is_said_once_then_its_deadline(tmp_path: Path) -> None:
    """#29 review, item 2: not "… is past due: no record that it was met. Past due: no record
    that it was met: due …", but the outcome once, then "It was due …", the same citations
    not repeated."""
    said = []
    for name, plan in (("past", PLAN_DUE), ("soon", due("2018-06-30")), ("none", "")):
        v = view(tmp_path / name, {INS: with_requirements(plan=plan)})
        assert v.case.as_of_shown is not None
        [p] = sr.pending(v.requirements)
        [item] = p.items
        assert (item.anchor, item.cites) == ("req-req-plan", [])
        said.append((sr.outcomes(v.requirements, v.case.as_of_shown).text,
                     f"{p.lead}{item.text}."))
    assert said == [
        ("As of 1 March 2018, the one requirement recorded, set by New Inspectorate, is past "
         "due: no record that it was met.", "It was due 30 October 2017."),
        ("As of 1 March 2018, the one requirement recorded, set by New Inspectorate, is "
         "outstanding. No record yet shows it met.", "It is due 30 June 2018."),
        ("As of 1 March 2018, the one requirement recorded, set by New Inspectorate, is "
         "outstanding. No record yet shows it met.", "It has no deadline set.")]


def test_several_requirements_keep_the_outcome_before_their_deadlines(tmp_path: Path) -> None:
    v = view(tmp_path, {INS: with_requirements(req("req-later", "Later.", due("2018-09-30")))})
    assert [(p.lead, [(i.text, [c.source.id for c in i.cites]) for i in p.items])
            for p in sr.pending(v.requirements)] == [
        ("Past due: no record that it was met: ", [("due 30 October 2017", ["report-2017"])]),
        ("Outstanding: ", [("due 30 September 2018", ["report-2017"])])]


def test_a_requirements_words_lose_only_the_full_stop_that_ends_them() -> None:
    """The sentence goes on after them ("; due …") or ends with its own full stop: "Produce
    a plan.." was heard before (session 29's review)."""
    assert sr._words("Produce a plan.") == "Produce a plan"
    assert sr._words("  Produce\n a   plan. ") == "Produce a plan"
    assert sr._words("Report by 1 May (see p. 4).") == "Report by 1 May (see p. 4)"
    assert sr._words("Is the plan done?") == "Is the plan done?"
    assert sr._words("Keep going...") == "Keep going..."
    assert sr._words("No full stop") == "No full stop"
