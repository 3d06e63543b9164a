"""A case's filter pages, exactly (casefile.model.list_pages, #18 item 5), in process: which
reports are listed, who each item is addressed to (directed at, else the duty's bodies,
else the case's subject), each page's address, heading, name and count, the order of the
pages in each section (the vocabulary's, the bodies' names, the years, the case's themes)
and of the items on them, and an item's text cut at a word.

The data are the fictional coroner's report of tests/test_responses.py on the Town Council
case (tests/conftest.py MINI): its duty to respond is on the council and the trust; the
council replies to three items (one not addressed to it), the trust to one; an inspection
finding is directed at the trust, which owes no reply under a duty and gives none; a
review between the two reports raises a finding nobody owes or gives a reply to. Each
test loads its own data (mutation testing credits a shared fixture's calls to one test
only, TESTING.md)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from casefile.model import objects as m
from casefile.model import vocab
from casefile.model.list_pages import (
    NO_PROGRESS,
    TEXT_LIMIT,
    ListPage,
    Lists,
    _progress_order,
    list_pages,
    lists_src,
    plural,
    slug,
)
from casefile.model.response_lists import response_lists
from tests.test_responses import PFD, load, pfd, reply

INS = "cases/town/records/town-inspection.yml"
FOLLOW = "cases/town/records/town-follow-up.yml"
# 201 characters, one more than an item's text shows: cut after "Annex X" (its comma
# dropped), at the last space of the first 200
LONG = ("The trust should publish its staffing plan and its training plan, and say how each "
        "ward will be staffed at night, at weekends and on public holidays, as it has agreed "
        "to do in its Annex X, accordingly.")
CUT = ("The trust should publish its staffing plan and its training plan, and say how each "
       "ward will be staffed at night, at weekends and on public holidays, as it has agreed "
       "to do in its Annex X…")
DIRECTED = """\
findings:
  - id: c-directed
    kind: concern
    theme: leadership
    directed_at: [trust]
    text: A concern   for the trust alone.
    cite: [pfd]
"""
TRUST_FINDING = f"""\
findings:
  - id: f-trust
    theme: finance
    directed_at: [trust]
    text: {LONG}
    cite: [report-2017]
"""
COUNCIL_REPLY = """\
  - to: c-handover
    status: accepted
    cite: [reply]
  - to: c-directed
    status: rejected
    cite: [reply]
  - to: req-plan
    status: accepted_in_part
    cite: [reply]
"""
TRUST_REPLY = """\
  - to: c-staffing
    status: accepted
    cite: [reply]
"""
REVIEW = """\
id: town-review
type: inspection
title: Review
date: 2017-12
body: inspectorate
summary: A review nobody replied to.
cite: [report-2017]
findings:
  - id: f-other
    theme: safeguarding
    text: Nobody answers this.
    cite: [report-2017]
"""
CONCERN = """\
  - finding: c-handover
    status: concern
    asserted_by: town-council
    note: Still poor.
    cite: [council-news]
"""


def load_lists(tmp_path: Path) -> tuple[m.Case, Lists]:
    case = load(tmp_path, {
        "themes.yml": ("  - id: safeguarding\n", "  - id: finance\n    name: Finance\n"
                       "  - id: safeguarding\n"),
        "cases/town/case.yml": ("themes: [leadership, safeguarding]",
                                "themes: [safeguarding, leadership]"),
        INS: ("findings:\n", TRUST_FINDING),
        FOLLOW: ("    status: improving\n    asserted_by: town-council\n    note: Better.\n"
                 "    cite: [council-news]\n", "    status: worsened\n    asserted_by: "
                 "town-council\n    note: Worse.\n    cite: [council-news]\n" + CONCERN),
        PFD: pfd().replace("findings:\n", DIRECTED, 1),
        "cases/town/records/r-1.yml": reply("r-1", "2018-02-01", rows=COUNCIL_REPLY),
        "cases/town/records/r-2.yml": reply("r-2", "2018-02-15", "trust", TRUST_REPLY),
        "cases/town/records/town-review.yml": REVIEW,
        # named to sort before the council, whose id sorts before the trust's
        "bodies/trust.yml": "id: trust\nkind: health\nnames:\n  - name: Area Health Trust\n"})
    return case, list_pages(case, response_lists(case))


def shape(lists: Lists) -> list[tuple[str, list[tuple[str, str, str, str, list[str]]]]]:
    """Each section's heading and its pages: the address after the case's ``lists/``,
    the H1, the name in the index, the count and the items' ids, in order."""
    prefix = lists_src("town", "x", "y").removesuffix("x/y.md")
    return [(s.heading, [(p.src.removeprefix(prefix), p.title, p.name, p.count,
                          [e.item.item.id for e in p.entries]) for p in s.pages])
            for s in lists.sections]


def facets(lists: Lists) -> list[tuple[str, list[str]]]:
    return [(s.heading, list(dict.fromkeys(p.facet for p in s.pages))) for s in lists.sections]


PENDING_NONE = "No progress recorded"


def test_the_single_filter_sections_in_order(tmp_path: Path) -> None:
    """Progress in the vocabulary's order (statuses, then outcomes, "none" last), not the
    order first seen; bodies by name; years; themes in the case's order (safeguarding
    first here), a theme the case does not list last. Bodies by name: Area Health Trust
    before Town Council, whose id comes first. The review's finding, which nobody
    owes or gives a reply, is on no page."""
    case, lists = load_lists(tmp_path)
    # the review, between the two reports, is skipped, not the end of the list
    assert [r.id for r in case.records][:3] == ["town-inspection", "town-review", "town-pfd"]
    assert shape(lists)[:4] == [
        ("By progress status", [
            ("progress/worsened.md", "Findings whose latest progress status is Got worse",
             "Got worse", "1 finding listed.", ["f-leadership"]),
            ("progress/concern.md", "Findings whose latest progress status is Concern remains",
             "Concern remains", "1 finding listed.", ["c-handover"]),
            ("progress/overdue.md", "Requirements whose latest progress status is Past due: "
             "no record that it was met", "Past due: no record that it was met",
             "1 requirement listed.", ["req-plan"]),
            ("progress/not-assessed.md", "Findings with no progress recorded", PENDING_NONE,
             "3 findings listed.", ["f-trust", "c-directed", "c-staffing"])]),
        ("By the body it is addressed to", [
            ("body/trust.md", "Findings to Area Health Trust", "Area Health Trust",
             "4 findings listed.", ["f-trust", "c-directed", "c-staffing", "c-handover"]),
            ("body/town-council.md", "Findings and requirements to Town Council",
             "Town Council", "4 findings and requirements listed.",
             ["f-leadership", "req-plan", "c-staffing", "c-handover"])]),
        ("By year of the report", [
            ("year/2017.md", "Findings and requirements raised in 2017", "2017",
             "3 findings and requirements listed.", ["f-trust", "f-leadership", "req-plan"]),
            ("year/2018.md", "Findings raised in 2018", "2018", "3 findings listed.",
             ["c-directed", "c-staffing", "c-handover"])]),
        ("By theme", [
            ("theme/safeguarding.md", "Findings on the theme Safeguarding", "Safeguarding",
             "1 finding listed.", ["c-staffing"]),
            ("theme/leadership.md", "Findings on the theme Leadership", "Leadership",
             "3 findings listed.", ["f-leadership", "c-directed", "c-handover"]),
            ("theme/finance.md", "Findings on the theme Finance", "Finance",
             "1 finding listed.", ["f-trust"])])]


def test_the_response_sections_per_status_and_body_in_order(tmp_path: Path) -> None:
    """Statuses in the responses' order; under one status, bodies by name (Area Health
    Trust before Town Council, whose id comes first; the council's unanswered item is seen
    first); under a status and body, progress in the vocabulary's order, not by value
    (the council's unanswered item that got worse before the one with none recorded)."""
    _, lists = load_lists(tmp_path)
    council, trust = "from Town Council", "from Area Health Trust"
    assert shape(lists)[4:] == [
        ("By response status and responding body", [
            ("response-body/accepted--trust.md",
             f"Findings with the response status Accepted {trust}",
             f"Accepted {trust}", "1 finding listed.", ["c-staffing"]),
            ("response-body/accepted--town-council.md",
             f"Findings with the response status Accepted {council}",
             f"Accepted {council}", "1 finding listed.", ["c-handover"]),
            ("response-body/accepted-in-part--town-council.md",
             f"Requirements with the response status Accepted in part {council}",
             f"Accepted in part {council}", "1 requirement listed.", ["req-plan"]),
            ("response-body/rejected--town-council.md",
             f"Matters of concern with the response status Rejected {council}",
             f"Rejected {council}", "1 matter of concern listed.", ["c-directed"]),
            ("response-body/not-answered-in-reply--trust.md",
             f"Findings with the response status Not answered in the reply {trust}",
             f"Not answered in the reply {trust}", "2 findings listed.",
             ["c-directed", "c-handover"]),
            ("response-body/not-answered-in-reply--town-council.md",
             f"Findings with the response status Not answered in the reply {council}",
             f"Not answered in the reply {council}", "2 findings listed.",
             ["f-leadership", "c-staffing"])]),
        ("By response status, responding body and progress status", [
            ("response-progress/accepted--trust--not-assessed.md",
             f"Findings with the response status Accepted {trust} and no progress recorded",
             f"Accepted {trust}, {PENDING_NONE}", "1 finding listed.", ["c-staffing"]),
            ("response-progress/accepted--town-council--concern.md",
             f"Findings with the response status Accepted {council} and the progress "
             "status Concern remains", f"Accepted {council}, Concern remains",
             "1 finding listed.", ["c-handover"]),
            ("response-progress/accepted-in-part--town-council--overdue.md",
             f"Requirements with the response status Accepted in part {council} and the "
             "progress status Past due: no record that it was met",
             f"Accepted in part {council}, Past due: no record that it was met",
             "1 requirement listed.", ["req-plan"]),
            ("response-progress/rejected--town-council--not-assessed.md",
             f"Matters of concern with the response status Rejected {council} and no "
             "progress recorded", f"Rejected {council}, {PENDING_NONE}",
             "1 matter of concern listed.", ["c-directed"]),
            ("response-progress/not-answered-in-reply--trust--concern.md",
             f"Findings with the response status Not answered in the reply {trust} and the "
             "progress status Concern remains",
             f"Not answered in the reply {trust}, Concern remains", "1 finding listed.",
             ["c-handover"]),
            ("response-progress/not-answered-in-reply--trust--not-assessed.md",
             f"Matters of concern with the response status Not answered in the reply {trust} "
             "and no progress recorded", f"Not answered in the reply {trust}, {PENDING_NONE}",
             "1 matter of concern listed.", ["c-directed"]),
            ("response-progress/not-answered-in-reply--town-council--worsened.md",
             f"Findings with the response status Not answered in the reply {council} and "
             "the progress status Got worse", f"Not answered in the reply {council}, Got worse",
             "1 finding listed.", ["f-leadership"]),
            ("response-progress/not-answered-in-reply--town-council--not-assessed.md",
             f"Findings with the response status Not answered in the reply {council} and no "
             "progress recorded", f"Not answered in the reply {council}, {PENDING_NONE}",
             "1 finding listed.", ["c-staffing"])])]
    assert lists.status_pages == [
        ("cases/town/responses/accepted.md",
         "Accepted from Town Council and Area Health Trust", 2),
        ("cases/town/responses/accepted-in-part.md", "Accepted in part from Town Council", 1),
        ("cases/town/responses/rejected.md", "Rejected from Town Council", 1),
        ("cases/town/responses/not-answered-in-reply.md",
         "Not answered in the reply from Town Council and Area Health Trust", 4)]
    assert (lists.case_id, lists.index_src) == ("town", "cases/town/lists/index.md")
    assert lists.pages == [p for s in lists.sections for p in s.pages]


def rows(page: ListPage) -> list[list[tuple[str, str | None, bool, str]]]:
    return [[(r.body.id, r.entry.term.value if r.entry else None, r.addressed, r.words)
             for r in shown.rows] for shown in page.entries]


def page(lists: Lists, facet: str, key: str) -> ListPage:
    [found] = [p for p in lists.pages if p.src == lists_src("town", facet, key)]
    return found


def test_each_item_s_rows_addressed_bodies_first_then_any_other_that_replied(
        tmp_path: Path) -> None:
    """Directed at the trust: its row, then the council's reply (not addressed to it);
    under the duty: the council's row, then the trust's; no duty and no directed_at: the
    case's subject; directed at a body that owes nothing and said nothing: "No response
    recorded". A body's page shows only that body's row of each item."""
    _, lists = load_lists(tmp_path)
    unanswered = ("Not answered in the reply — {}: its reply to this report, “Reply {}” ({}), "
                  "gives no response to this {}.")
    trust = unanswered.format("Area Health Trust", "r-2", "15 February 2018", "{}")
    council = unanswered.format("Town Council", "r-1", "1 February 2018", "finding")
    assert rows(page(lists, "year", "2018")) == [
        [("trust", "not_answered_in_reply", True, trust.format("matter of concern")),
         ("town-council", "rejected", False, "Rejected — Town Council, 1 February 2018")],
        [("town-council", "not_answered_in_reply", True, council),
         ("trust", "accepted", True, "Accepted — Area Health Trust, 15 February 2018")],
        [("town-council", "accepted", True, "Accepted — Town Council, 1 February 2018"),
         ("trust", "not_answered_in_reply", True, trust.format("finding"))]]
    assert rows(page(lists, "year", "2017"))[0] == [("trust", None, True, (
        "No response recorded — Area Health Trust: no document in the records is a response "
        "from it, and no duty to respond is recorded for it."))]
    assert [[r[:3] for r in one] for one in rows(page(lists, "body", "trust"))] == [
        [("trust", None, True)], [("trust", "not_answered_in_reply", True)],
        [("trust", "accepted", True)], [("trust", "not_answered_in_reply", True)]]
    council = page(lists, "body", "town-council")
    assert [[r[:3] for r in one] for one in rows(council)] == [
        [("town-council", "not_answered_in_reply", True)],
        [("town-council", "accepted_in_part", True)],
        [("town-council", "not_answered_in_reply", True)],
        [("town-council", "accepted", True)]]
    # the rejected concern is not the council's to answer: not on its body page
    assert "c-directed" not in [s.item.item.id for s in council.entries]


def test_an_item_s_text_year_and_progress(tmp_path: Path) -> None:
    _, lists = load_lists(tmp_path)
    items = {s.item.item.id: s.item for p in lists.pages for s in p.entries}
    assert {k: (i.text, i.year, i.label) for k, i in items.items()} == {
        "f-trust": (CUT, 2017, "Finding"),
        "f-leadership": ("Weak leadership.", 2017, "Finding"),
        "req-plan": ("Produce a plan.", 2017, "Requirement"),
        "c-directed": ("A concern for the trust alone.", 2018, "Matter of concern"),
        "c-staffing": ("Too few staff.", 2018, "Finding"),
        "c-handover": ("Poor handovers.", 2018, "Finding")}
    assert len(LONG) == TEXT_LIMIT + 1 == 201
    assert [t.value for t in items["c-handover"].progress.terms] == ["concern"]
    assert items["c-staffing"].progress.words == PENDING_NONE


def test_a_text_of_the_limit_is_whole_and_one_word_longer_is_cut(tmp_path: Path) -> None:
    _, lists = load_lists(tmp_path)
    [item] = [s.item for s in page(lists, "year", "2017").entries if s.item.item.id == "f-trust"]
    whole = LONG[:TEXT_LIMIT - 1] + "."
    assert dataclasses.replace(item, item=dataclasses.replace(item.item, text=whole)
                               ).text == whole
    spaced = "  Too\n few   staff;  "
    assert dataclasses.replace(item, item=dataclasses.replace(item.item, text=spaced)
                               ).text == "Too few staff;"
    semi = LONG.replace("Annex X,", "Annex X;")
    assert dataclasses.replace(item, item=dataclasses.replace(item.item, text=semi)
                               ).text == CUT


def test_a_case_with_no_report_owed_or_given_a_reply_has_no_pages(tmp_path: Path) -> None:
    case = load(tmp_path, {})
    lists = list_pages(case, response_lists(case))
    assert (lists.case_id, lists.status_pages, lists.sections, lists.pages) == (
        "town", [], [], [])


def test_addresses() -> None:
    assert slug("accepted_in_part") == "accepted-in-part"
    assert lists_src("town") == "cases/town/lists/index.md"
    assert lists_src("town", "response-body", "accepted--trust") == \
        "cases/town/lists/response-body/accepted--trust.md"


def test_progress_order_statuses_outcomes_any_other_then_none() -> None:
    keys = ["zz-own", NO_PROGRESS, "overdue", "met", "aa-own", "improving", "worsened"]
    assert sorted(keys, key=_progress_order) == [
        "worsened", "improving", "met", "overdue", "aa-own", "zz-own", NO_PROGRESS]
    assert _progress_order(NO_PROGRESS) == (3, 0, NO_PROGRESS)
    assert _progress_order("improving") == (0, list(vocab.STATUSES).index("improving"),
                                            "improving")
    assert _progress_order("overdue") == (1, list(vocab.OUTCOMES).index("overdue"), "overdue")
    assert _progress_order("own") == (2, 0, "own")


def test_what_the_items_are_called(tmp_path: Path) -> None:
    case, _ = load_lists(tmp_path)
    found = {i.id: i for r in case.records for i in (*r.findings, *r.requirements)}
    finding, concern, req = found["c-staffing"], found["c-directed"], found["req-plan"]
    assert [plural([finding]), plural([finding], 1), plural([concern], 1),
            plural([concern, concern]), plural([req], 1), plural([req, req]),
            plural([finding, concern]), plural([finding, req]), plural([finding, concern], 1),
            plural([finding, req], 1)] == [
        "findings", "finding", "matter of concern", "matters of concern", "requirement",
        "requirements", "findings", "findings and requirements", "findings",
        "findings and requirements"]
    own = dataclasses.replace(finding, kind=vocab.Term("site_kind", "Site kind", ""))
    assert (plural([own], 1), plural([own])) == ("site kind", "site kinds")


def test_each_section_s_facet_and_every_page_but_a_body_s_shows_every_row(
        tmp_path: Path) -> None:
    _, lists = load_lists(tmp_path)
    assert facets(lists) == [
        ("By progress status", ["progress"]), ("By the body it is addressed to", ["body"]),
        ("By year of the report", ["year"]), ("By theme", ["theme"]),
        ("By response status and responding body", ["response-body"]),
        ("By response status, responding body and progress status", ["response-progress"])]
    shown = [p for p in lists.pages if p.facet != "body"]
    assert len(shown) == 4 + 2 + 3 + 6 + 8
    for listed in shown:
        assert [s.rows for s in listed.entries] == [s.item.rows for s in listed.entries]
    assert [[r[:3] for r in one] for one in rows(page(lists, "progress", "not-assessed"))] == [
        [("trust", None, True)],
        [("trust", "not_answered_in_reply", True), ("town-council", "rejected", False)],
        [("town-council", "not_answered_in_reply", True), ("trust", "accepted", True)]]
