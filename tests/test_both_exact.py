"""One finding's history of both axes, exactly (casefile.model.both), in process: every
field of every entry (the report raising it, each assessment, each response, each reply
that gives it no status, the day a response falls due), their order, "on time" only on a
duty body's first reply that answers the item, and the summary of where each body's
response stands.

A fictional coroner's report (tests/test_responses.py: Town Council and Town Health Trust,
plus New Inspectorate here) on 10 January 2018 with the statutory 56-day duty: due 7 March
2018. Each test loads its own data (mutation testing credits a shared fixture's calls to
one test only, TESTING.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from casefile.model import both
from casefile.model import objects as m
from casefile.model.histories import histories
from tests.test_responses import PFD, load, pfd, reply

D = dt.date
THREE = "  by: [town-council, trust, inspectorate]\n"
HANDOVER = ("  - to: c-handover\n    status: accepted\n    note: Handovers fixed.\n"
            "    cite: [reply]\n")
STILL = "  - to: c-staffing\n    status: noted\n    note: Still hiring.\n    cite: [reply]\n"
PFD_TITLE = "“Report to prevent future deaths”"
DUE_WORDS = ("From Town Council, Town Health Trust and New Inspectorate: 56 calendar days from "
             "the event (10 January 2018): due 7 March 2018. The period is the one every "
             "prevention of future deaths report carries.")


def row(e: both.Entry) -> tuple[object, ...]:
    return (e.kind, e.anchor, e.head, e.by, e.words, e.earliest, e.latest, e.day, e.until,
            e.term.value if e.term else None, e.quoted, e.timing,
            e.replier.id if e.replier else None, e.assessment is not None,
            e.record.id if e.record else None, [c.source.id for c in e.cites])


def of(case: m.Case, finding: str) -> tuple[list[both.Entry], m.Finding]:
    [h] = [h for h in histories(case) if h.finding.id == finding]
    return h.both, h.finding


def three_bodies(tmp_path: Path, later: bool = True) -> m.Case:
    """The council answers c-staffing on day 56 and (``later``) again on 20 March; the
    trust answers c-handover only, on day 57; the inspectorate never replies (as of 21
    March)."""
    files = {PFD: pfd(respond=THREE),
             "cases/town/records/r-council.yml": reply("r-council", "2018-03-07"),
             "cases/town/records/r-trust.yml": reply("r-trust", "2018-03-08", "trust",
                                                     rows=HANDOVER)}
    if later:
        files["cases/town/records/r-later.yml"] = reply("r-later", "2018-03-20", rows=STILL)
    return load(tmp_path, files, as_of="2018-03-21")


def test_every_entry_of_a_history_with_a_duty_exactly(tmp_path: Path) -> None:
    entries, _ = of(three_bodies(tmp_path), "c-staffing")
    raised = ("raised", "raised", "Finding raised", "Area Coroner",
              f"In {PFD_TITLE}; its words are under As raised.", D(2018, 1, 10),
              D(2018, 1, 10), None, None, None, False, "", None, False, "town-pfd", ["pfd"])
    assert [row(e) for e in entries] == [
        raised,
        # a reply on the due day stands before the day it was due, and says it was on time
        ("response", "response-r-council-town-council", "Response", "Town Council",
         "New staff are being hired.", D(2018, 3, 7), D(2018, 3, 7), None, None, "accepted",
         True, "Responded on time: Town Council responded in “Reply r-council” (7 March "
         "2018), on or before the day it was due.", "town-council", False, "r-council",
         ["reply"]),
        ("due", "response-due", "Response due", f"Area Coroner, in {PFD_TITLE}", DUE_WORDS,
         D(2018, 3, 7), D(2018, 3, 7), D(2018, 3, 7), None, None, False, "", None, False,
         None, ["pfd"]),
        # the trust's reply answers another item only: no timing on it
        ("response", "reply-r-trust-trust", "Response", "Town Health Trust",
         "Its reply to this report, “Reply r-trust” (8 March 2018), gives no response to "
         "this finding.", D(2018, 3, 8), D(2018, 3, 8), None, None, "not_answered_in_reply",
         True, "", "trust", False, "r-trust", ["reply"]),
        # the council's second reply: not its first, so nothing of on time
        ("response", "response-r-later-town-council", "Response", "Town Council",
         "Still hiring.", D(2018, 3, 20), D(2018, 3, 20), None, None, "noted", True, "",
         "town-council", False, "r-later", ["reply"])]


def test_a_late_answer_and_a_reply_that_skips_the_item(tmp_path: Path) -> None:
    entries, _ = of(three_bodies(tmp_path, later=False), "c-handover")
    assert [(e.anchor, e.term.value if e.term else None, e.timing, e.words)
            for e in entries] == [
        ("raised", None, "", f"In {PFD_TITLE}; its words are under As raised."),
        ("reply-r-council-town-council", "not_answered_in_reply", "",
         "Its reply to this report, “Reply r-council” (7 March 2018), gives no response to "
         "this finding."),
        ("response-due", None, "", DUE_WORDS),
        ("response-r-trust-trust", "accepted", "Responded late: Town Health Trust responded "
         "in “Reply r-trust” (8 March 2018), after the day it was due.", "Handovers fixed.")]


def test_where_each_body_s_response_stands(tmp_path: Path) -> None:
    _, finding = of(three_bodies(tmp_path), "c-staffing")
    assert [(s.term.value, s.words, s.anchor, [c.source.id for c in s.cites])
            for s in both.standing(finding)] == [
        ("noted", "Town Council, 20 March 2018", "response-r-later-town-council", []),
        ("not_answered_in_reply", "Town Health Trust, 8 March 2018", "reply-r-trust-trust",
         []),
        ("no_response_published", f"New Inspectorate: {PFD_TITLE} (10 January 2018) set a "
         "duty to respond, due 7 March 2018; as of 21 March 2018, no document in the records "
         "is a response from New Inspectorate, and this is not a rejection: the records may "
         "not hold the reply.", "response-due", ["pfd"])]


def test_a_finding_with_an_assessment_and_no_duty(tmp_path: Path) -> None:
    """The MINI inspection sets no duty: no due day; its body was renamed after it."""
    entries, finding = of(load(tmp_path, {}), "f-leadership")
    assert [row(e) for e in entries] == [
        ("raised", "raised", "Finding raised", "OI (now New Inspectorate)",
         "In “Inspection”; its words are under As raised.", D(2017, 7, 1), D(2017, 7, 31),
         None, None, None, False, "", None, False, "town-inspection", ["report-2017"]),
        ("assessment", "in-town-follow-up", "Progress", "Town Council", "Better.",
         D(2018, 3, 1), D(2018, 3, 1), None, None, "improving", True, "", None, True,
         "town-follow-up", ["council-news"])]
    assert both.standing(finding) == []


def test_a_due_day_in_the_reports_words_after_the_records_end(tmp_path: Path) -> None:
    """A duty of its own (not the type's), worded by the report, falling due after the
    records end; owed by one body only, so only it is named."""
    own = ("  by: [trust]\n  within: 3\n  unit: months\n  from: event\n"
           "  as_written: within three months\n")
    entries, _ = of(load(tmp_path, {PFD: pfd(respond=own)}, as_of="2018-03-01"), "c-staffing")
    due = entries[-1]
    assert row(due) == (
        "due", "response-due", "Response due", f"Area Coroner, in {PFD_TITLE}",
        "From Town Health Trust: 3 calendar months from the event (10 January 2018): due 10 "
        "April 2018. In the report's words: “within three months”. That day is after these "
        "records end (1 March 2018).", D(2018, 4, 10), D(2018, 4, 10), D(2018, 4, 10), None,
        None, False, "", None, False, None, ["pfd"])


def test_a_due_range_stands_at_its_last_day(tmp_path: Path) -> None:
    months = "  by: [town-council]\n  within: 2\n  unit: months\n  from: event\n"
    entries, _ = of(load(tmp_path, {PFD: pfd(date="2018-01", respond=months)},
                         as_of="2018-04-30"), "c-staffing")
    due = entries[-1]
    assert (due.kind, due.day, due.until, due.earliest, due.latest) == (
        "due", D(2018, 3, 1), D(2018, 3, 31), D(2018, 3, 31), D(2018, 3, 31))
    assert due.words == ("From Town Council: 2 calendar months from the event (January "
                         "2018): due between 1 March 2018 and 31 March 2018, because the "
                         "start date is not known to the day.")


def test_no_due_day_for_a_body_the_item_is_not_addressed_to(tmp_path: Path) -> None:
    """c-staffing is directed at the inspectorate, which owes no reply under the duty: no
    due day on its history, and the council's answer to it says nothing of on time."""
    directed = pfd(respond="  by: [town-council, trust]\n").replace(
        "    theme: safeguarding\n", "    theme: safeguarding\n    directed_at: [inspectorate]\n")
    case = load(tmp_path, {PFD: directed,
                           "cases/town/records/r-council.yml": reply("r-council", "2018-03-07")},
                as_of="2018-03-09")
    entries, _ = of(case, "c-staffing")
    assert [(e.kind, e.anchor, e.timing) for e in entries] == [
        ("raised", "raised", ""), ("response", "response-r-council-town-council", "")]


def test_same_day_entries_by_kind_then_who_then_status_then_words(tmp_path: Path) -> None:
    """On 1 February 2018: two council replies (Accepted, then Noted: by status), the
    trust's (after the council's: by who), two assessments by the council of one status
    (by their notes, not their record ids)."""
    def assessed(ident: str, note: str) -> str:
        return reply(ident, "2018-02-01", rows="  - to: c-handover\n    status: noted\n"
                     "    cite: [reply]\n").replace(
            "responses:\n", "assessments:\n  - finding: c-staffing\n    status: improving\n"
            f"    asserted_by: town-council\n    note: {note}\n    cite: [reply]\nresponses:\n")
    case = load(tmp_path, {
        PFD: pfd(), "cases/town/records/z-council.yml": reply("z-council", "2018-02-01"),
        "cases/town/records/a-noted.yml": reply("a-noted", "2018-02-01", rows=STILL),
        "cases/town/records/b-trust.yml": reply("b-trust", "2018-02-01", "trust"),
        "cases/town/records/a-assess.yml": assessed("a-assess", "Up."),
        "cases/town/records/b-assess.yml": assessed("b-assess", "Also up.")})
    entries, _ = of(case, "c-staffing")
    assert [e.anchor for e in entries] == [
        "raised", "response-z-council-town-council", "response-a-noted-town-council",
        "response-b-trust-trust", "in-b-assess", "in-a-assess", "response-due"]


# -- each reply that gives the finding no status, each on its own (#12 review) ------------

def replies_of(entries: list[both.Entry]) -> list[tuple[object, ...]]:
    return [(e.anchor, e.by, e.term.value if e.term else None, e.words, e.timing,
             e.replier.id if e.replier else None, e.earliest)
            for e in entries if e.kind == "response"]


def test_each_reply_that_skips_the_item_not_only_the_latest(tmp_path: Path) -> None:
    """The council answers c-staffing twice (7 and 20 March) and c-handover never: both of
    its replies stand in c-handover's history, in date order, neither on time for it; the
    summary links its latest."""
    entries, finding = of(three_bodies(tmp_path), "c-handover")
    assert replies_of(entries) == [
        ("reply-r-council-town-council", "Town Council", "not_answered_in_reply",
         "Its reply to this report, “Reply r-council” (7 March 2018), gives no response to "
         "this finding.", "", "town-council", D(2018, 3, 7)),
        ("response-r-trust-trust", "Town Health Trust", "accepted", "Handovers fixed.",
         "Responded late: Town Health Trust responded in “Reply r-trust” (8 March 2018), "
         "after the day it was due.", "trust", D(2018, 3, 8)),
        ("reply-r-later-town-council", "Town Council", "not_answered_in_reply",
         "Its reply to this report, “Reply r-later” (20 March 2018), gives no response to "
         "this finding.", "", "town-council", D(2018, 3, 20))]
    assert [(e.record.id if e.record else None, [c.source.id for c in e.cites], e.quoted)
            for e in entries if e.anchor.startswith("reply-")] == [
        ("r-council", ["reply"], True), ("r-later", ["reply"], True)]
    assert [(s.term.value, s.words, s.anchor) for s in both.standing(finding)][:2] == [
        ("accepted", "Town Health Trust, 8 March 2018", "response-r-trust-trust"),
        ("not_answered_in_reply", "Town Council, 20 March 2018", "reply-r-later-town-council")]


def letter(ident: str, date: str, by: str = "town-council", rows: str = "") -> str:
    return reply(ident, date, by).replace("responses:\n", "answers: town-pfd\n").replace(
        "  - to: c-staffing\n    status: accepted\n    note: New staff are being hired.\n"
        "    cite:\n      - source: reply\n        quote: We accept this concern in full.\n",
        f"responses:\n{rows}" if rows else "")


def test_a_letter_and_a_reply_to_other_items_each_with_its_own_status(tmp_path: Path) -> None:
    """The trust writes a letter on 1 March (on time: its first reply), then answers
    c-staffing only on 8 March: c-handover's history gives the letter ("no status for")
    and the later reply ("no response to"), each its own status; the summary, the letter
    (a letter says more of the item than a reply that skips it)."""
    case = load(tmp_path, {PFD: pfd(respond="  by: [trust]\n"),
                           "cases/town/records/l-trust.yml": letter("l-trust", "2018-03-01",
                                                                    "trust"),
                           "cases/town/records/r-trust.yml": reply("r-trust", "2018-03-08",
                                                                   "trust")},
                as_of="2018-03-21")
    entries, finding = of(case, "c-handover")
    assert replies_of(entries) == [
        ("reply-l-trust-trust", "Town Health Trust", "responded_no_status",
         "Its reply to this report, “Reply l-trust” (1 March 2018), gives no status for this "
         "finding.", "Responded on time: Town Health Trust responded in “Reply l-trust” (1 "
         "March 2018), on or before the day it was due.", "trust", D(2018, 3, 1)),
        ("reply-r-trust-trust", "Town Health Trust", "not_answered_in_reply",
         "Its reply to this report, “Reply r-trust” (8 March 2018), gives no response to this "
         "finding.", "", "trust", D(2018, 3, 8))]
    assert [(s.term.value, s.words, s.anchor) for s in both.standing(finding)] == [
        ("responded_no_status", "Town Health Trust, 1 March 2018", "reply-l-trust-trust")]
    # c-staffing, which the trust answered on 8 March: its letter before, which gives it
    # no status, and is the first reply, so on time; the reply that answers it is not
    entries, finding = of(case, "c-staffing")
    assert [(a, t, timing[:26]) for a, _, t, _, timing, _, _ in replies_of(entries)] == [
        ("reply-l-trust-trust", "responded_no_status", "Responded on time: Town He"),
        ("response-r-trust-trust", "accepted", "")]
    assert [(s.term.value, s.anchor) for s in both.standing(finding)] == [
        ("accepted", "response-r-trust-trust")]


def test_a_letter_that_answers_the_item_is_its_response_only(tmp_path: Path) -> None:
    """A letter that gives c-staffing a status is that response's entry, not a reply that
    gives none; to c-handover, which it gives none, it is such a reply."""
    rows = "  - to: c-staffing\n    status: rejected\n    note: Enough staff.\n    cite: [reply]\n"
    case = load(tmp_path, {PFD: pfd(respond="  by: [town-council]\n"),
                           "cases/town/records/l-council.yml": letter("l-council", "2018-02-01",
                                                                      rows=rows)},
                as_of="2018-03-21")
    entries, _ = of(case, "c-staffing")
    assert [(e.anchor, e.term.value if e.term else None) for e in entries] == [
        ("raised", None), ("response-l-council-town-council", "rejected"),
        ("response-due", None)]
    entries, _ = of(case, "c-handover")
    assert [(e.anchor, e.term.value if e.term else None, e.words) for e in entries][1] == (
        "reply-l-council-town-council", "responded_no_status", "Its reply to this report, "
        "“Reply l-council” (1 February 2018), gives no status for this finding.")


def test_a_reply_given_in_another_body_s_record_is_said_to_be_that_body_s(
        tmp_path: Path) -> None:
    """The council's record carries the trust's answer to c-handover (``by: trust``): on
    c-staffing, which the trust never answered, the reply is the trust's, not the council's
    (who says so), in the history and in the summary."""
    rows = "  - to: c-handover\n    by: trust\n    status: noted\n    cite: [reply]\n"
    case = load(tmp_path, {PFD: pfd(respond="  by: [trust]\n"),
                           "cases/town/records/r-joint.yml": reply("r-joint", "2018-02-01",
                                                                   rows=rows)},
                as_of="2018-03-21")
    entries, finding = of(case, "c-staffing")
    assert replies_of(entries) == [
        ("reply-r-joint-trust", "Town Health Trust", "not_answered_in_reply",
         "Its reply to this report, “Reply r-joint” (1 February 2018), gives no response to "
         "this finding.", "", "trust", D(2018, 2, 1))]
    assert [(s.term.value, s.words, s.anchor) for s in both.standing(finding)] == [
        ("not_answered_in_reply", "Town Health Trust, 1 February 2018", "reply-r-joint-trust")]


def test_a_letter_carrying_another_body_s_answer_still_gives_its_own_none(
        tmp_path: Path) -> None:
    """The council answered c-staffing in February; its letter of March carries the
    trust's answer to c-staffing, not its own: the letter is still a reply of the
    council's that gives c-staffing no status, beside the trust's response in it."""
    rows = "  - to: c-staffing\n    by: trust\n    status: noted\n    cite: [reply]\n"
    case = load(tmp_path, {PFD: pfd(),
                           "cases/town/records/r-council.yml": reply("r-council", "2018-02-01"),
                           "cases/town/records/l-council.yml": letter("l-council", "2018-03-01",
                                                                      rows=rows)},
                as_of="2018-03-21")
    entries, _ = of(case, "c-staffing")
    assert [(a, by, t) for a, by, t, *_ in replies_of(entries)] == [
        ("response-r-council-town-council", "Town Council", "accepted"),
        ("reply-l-council-town-council", "Town Council", "responded_no_status"),
        ("response-l-council-trust", "Town Health Trust", "noted")]
