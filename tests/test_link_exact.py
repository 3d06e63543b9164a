"""Checks of casefile.model.link that no other test pinned, each with its exact located
message (found by mutation testing, #17). Each test changes the small valid data set of
tests/conftest.py (MINI) and loads it in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.model import vocab
from casefile.model.link import stored_copy
from casefile.model.objects import StoredCopy
from casefile.pipeline import load_dataset
from casefile.reading.validate import Loc, Rec
from tests.conftest import write_mini

INSPECTION = "cases/town/records/town-inspection.yml"
COUNCIL = "bodies/town-council.yml"
FOLLOW = "cases/town/records/town-follow-up.yml"


def problems(tmp_path: Path, changes: dict[str, tuple[str, str] | str]) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(write_mini(tmp_path, changes), use_cache=False)
    return [str(p) for p in caught.value.problems]


def variants(names: str) -> dict[str, tuple[str, str] | str]:
    return {COUNCIL: ("  - name: Town Council\n",
                      f"  - name: Town Council\n    short: TC\nvariant_names: [{names}]\n")}


def test_variant_names_are_kept_in_order(tmp_path: Path) -> None:
    data = write_mini(tmp_path, variants("Town Borough, Town Burgh"))
    body = load_dataset(data, use_cache=False).bodies["town-council"]
    assert body.variant_names == ["Town Borough", "Town Burgh"]


def test_a_variant_name_repeating_a_name_or_another_variant(tmp_path: Path) -> None:
    """Compared without regard to case or spacing, with the name, the short name and the
    variants before it; every repeat is reported, not only the first."""
    got = problems(tmp_path, variants("' town  COUNCIL', Town Borough, tc, TOWN borough, "
                                      "Town Burgh"))
    where = "data/bodies/town-council.yml:6:16: variant_names:"
    tail = ("is already one of this body's names or variant names; list only other spellings "
            "seen in sources, each once")
    assert got == [f"{where} 'TOWN borough' {tail}", f"{where} 'tc' {tail}",
                   f"{where} 'town  COUNCIL' {tail}"]


def test_a_record_published_before_its_event(tmp_path: Path) -> None:
    got = problems(tmp_path, {INSPECTION: ("published: 2017-10-02", "published: 2017-06")})
    assert got == [f"data/{INSPECTION}:5:12: published: published June 2017 is before the "
                   "date of the event (July 2017)"]


def test_published_in_the_month_of_its_event_is_not_before_it(tmp_path: Path) -> None:
    data = write_mini(tmp_path, {INSPECTION: ("published: 2017-10-02", "published: 2017-07-31")})
    record = load_dataset(data, use_cache=False).cases["town"].records[0]
    assert (record.date.iso(), record.published.iso()) == ("2017-07", "2017-07-31")


def test_a_theme_without_an_id_is_reported_once(tmp_path: Path) -> None:
    got = problems(tmp_path, {"themes.yml": ("  - id: safeguarding\n",
                                             "  - name: Nameless\n  - id: safeguarding\n")})
    assert got == ["data/themes.yml:4:5: themes[1].id: missing required key 'id' (unique id)"]


def test_an_empty_citation_does_not_hide_the_next(tmp_path: Path) -> None:
    got = problems(tmp_path, {INSPECTION: ("cite:\n  - source: report-2017\n    quote: The "
                                           "quote.\n", "cite:\n  - ''\n  - report-2016\n")})
    assert got == [f"data/{INSPECTION}:9:5: cite[0]: expected citation (a mapping of keys), "
                   "found ''",
                   f"data/{INSPECTION}:10:5: cite[1].source: no source with id 'report-2016'; "
                   "did you mean 'report-2017'?"]


def body(ident: str, parent: str) -> str:
    return f"id: {ident}\nkind: local_authority\nnames:\n  - name: {ident}\nparent: {parent}\n"


def test_a_loop_of_parents_is_cut_where_it_is_found(tmp_path: Path) -> None:
    """town-council → x-board → y-board → town-council: the loop is found at y-board (the
    last of the three linked) and its link to town-council is dropped, so z-unit, part of
    y-board, is not part of the case's subject (a kept link would make it so)."""
    got = problems(tmp_path, {
        COUNCIL: ("names:\n", "parent: x-board\nnames:\n"),
        "bodies/x-board.yml": body("x-board", "y-board"),
        "bodies/y-board.yml": body("y-board", "town-council"),
        "bodies/z-unit.yml": body("z-unit", "y-board"),
        FOLLOW: ("assessments:", "oversight:\n  - framework: nhs-scotland-escalation\n"
                 "    level: stage_2\n    body: z-unit\n    cite: [council-news]\nassessments:")})
    assert got == [
        "data/bodies/y-board.yml:5:9: parent: parent 'town-council' makes a loop (y-board → "
        "town-council → x-board → y-board); a body's parent is the body it is part of, so one "
        "of them must not name the other",
        f"data/{FOLLOW}:11:11: oversight[0].body: 'z-unit' is not a subject or partner of case "
        "'town', nor part of one; a move concerns a body the case is about: name one of them, "
        "or add this body to the case's subject or partners"]


LICENCES = ("licences:\n  - value: Local-Open-1.0\n    label: Local open\n    description: Ours.\n"
            "    open: true\n  - value: Local-Shut-1.0\n    label: Local shut\n"
            "    description: Not ours to give.\n    open: false\n")
NEWS = "sources/council-news.yml"


def test_a_site_adds_licences_open_or_not(tmp_path: Path) -> None:
    data = write_mini(tmp_path, {"vocabulary.yml": LICENCES, NEWS: (
        "language: en\n", "language: en\nlicence: Local-Open-1.0\n")})
    dataset = load_dataset(data, use_cache=False)
    assert dataset.site_terms == {"licences": {
        "Local-Open-1.0": vocab.Licence("Local-Open-1.0", "Local open", "Ours.", True),
        "Local-Shut-1.0": vocab.Licence("Local-Shut-1.0", "Local shut", "Not ours to give.",
                                        False)}}
    assert dataset.sources["council-news"].licence == "Local-Open-1.0"


def test_a_closed_licence_of_the_site_names_the_open_ones_with_the_site_s_own(
        tmp_path: Path) -> None:
    got = problems(tmp_path, {"vocabulary.yml": LICENCES, NEWS: (
        "language: en\n", "language: en\nlicence: Local-Shut-1.0\npublish_copy: true\ncopy:\n"
        f"  file: news.txt\n  sha256: {'a' * 64}\n")})
    assert got == [
        f"data/{NEWS}:8:15: publish_copy: the licence 'Local-Shut-1.0' does not let anyone "
        "republish the document, so its copy cannot be published; remove publish_copy, or give "
        "an open licence (OGL-3.0, CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, Local-Open-1.0)",
        f"data/{NEWS}:10:9: copy.file: the stored copy copies/news.txt is missing: put the "
        "document in data/sources/copies/, or correct the file name"]


@pytest.mark.parametrize("rel", ["people/pat-leader.yml", "sources/council-news.yml",
                                 FOLLOW])
def test_every_kind_of_file_is_named_after_its_id(tmp_path: Path, rel: str) -> None:
    ident = rel.rsplit("/", 1)[1].removesuffix(".yml")
    got = problems(tmp_path, {rel: (f"id: {ident}\n", f"id: {ident}-x\n")})
    assert f"data/{rel}:1:5: id: id '{ident}-x' does not match the file name; rename the " \
           f"file to '{ident}-x.yml' or change the id to '{ident}'" in got


PAT = "people/pat-leader.yml"
ROLES = ("roles:\n  - title: Leader\n    body: town-council\n",
         "roles:\n  - title: Deputy\n    body: town-council\n    from: 2015\n    until: 2016-05\n"
         "    cite:\n      - source: council-news\n        locator: p. 2\n"
         "  - title: Leader\n    body: town-council\n")


def test_a_person_s_roles_keep_their_dates_and_citations(tmp_path: Path) -> None:
    dataset = load_dataset(write_mini(tmp_path, {PAT: ROLES}), use_cache=False)
    deputy, leader = dataset.people["pat-leader"].roles
    assert (deputy.title, deputy.body.id, deputy.start.iso(), deputy.end.iso()) == (
        "Deputy", "town-council", "2015", "2016-05")
    assert [(c.source.id, c.locator, c.quote) for c in deputy.cites] == [
        ("council-news", "p. 2", None)]
    assert (leader.title, leader.body.id, leader.start, leader.end, leader.cites) == (
        "Leader", "town-council", None, None, [])


def test_an_empty_role_is_reported_and_the_others_kept(tmp_path: Path) -> None:
    got = problems(tmp_path, {PAT: (ROLES[0], "roles:\n  - ''\n" + ROLES[1][len("roles:\n"):])})
    assert got == [f"data/{PAT}:4:5: roles[0]: expected role (a mapping of keys), found ''"]


def test_grades_without_a_value_are_not_taken_for_a_repeat(tmp_path: Path) -> None:
    got = problems(tmp_path, {"bodies/inspectorate.yml": (
        "    from: 2018-01\n", "    from: 2018-01\ngrades:\n  - label: Good\n  - label: Poor\n"
        "  - value: good\n    label: Good\n")})
    missing = ("value: missing required key 'value' (how ratings write this grade, e.g. "
               "requires_improvement)")
    assert got == [f"data/bodies/inspectorate.yml:10:5: grades[0].{missing}",
                   f"data/bodies/inspectorate.yml:11:5: grades[1].{missing}"]


def test_an_empty_money_item_does_not_hide_the_next(tmp_path: Path) -> None:
    got = problems(tmp_path, {"cases/town/case.yml": (
        "money:\n", "money:\n  - ''\n  - amount: 5\n    currency: GBP\n    for: X.\n"
        "    record: town-inspectionx\n    cite: [report-2017]\n")})
    assert got == ["data/cases/town/case.yml:12:5: money[0]: expected money (a mapping of "
                   "keys), found ''",
                   "data/cases/town/case.yml:16:13: money[1].record: no record with id "
                   "'town-inspectionx'; did you mean 'town-inspection'?"]


def test_a_finding_with_an_unknown_theme_is_not_kept(tmp_path: Path) -> None:
    got = problems(tmp_path, {INSPECTION: ("    theme: leadership\n", "    theme: leadershipx\n")})
    assert got == [f"data/{FOLLOW}:9:14: assessments[0].finding: no finding with id "
                   "'f-leadership'",
                   f"data/{INSPECTION}:13:12: findings[0].theme: no theme with id 'leadershipx'; "
                   "did you mean 'leadership'?"]


def test_a_finding_id_used_twice_keeps_the_first(tmp_path: Path) -> None:
    got = problems(tmp_path, {FOLLOW: ("assessments:", "findings:\n  - id: f-leadership\n"
                                       "    theme: leadership\n    text: Again.\n"
                                       "    cite: [council-news]\nassessments:")})
    assert got == [f"data/{FOLLOW}:14:14: assessments[0].finding: a record cannot assess its "
                   "own finding 'f-leadership'",
                   f"data/{INSPECTION}:12:9: findings[0].id: duplicate id 'f-leadership': "
                   f"already used at data/{FOLLOW}:9:9; ids must be unique across the whole "
                   "data set"]


def test_a_role_at_an_unknown_body_is_reported_and_left_out(tmp_path: Path) -> None:
    got = problems(tmp_path, {PAT: ("    body: town-council\n", "    body: town-councill\n")})
    assert got == [f"data/{INSPECTION}:25:13: statements[0].person: Pat Leader has no role in "
                   f"force on October 2017; add one to data/{PAT}",
                   f"data/{PAT}:5:11: roles[0].body: no body with id 'town-councill'; did you "
                   "mean 'town-council'?"]


def test_each_citation_of_a_source_is_counted(tmp_path: Path) -> None:
    """The counts require_copies reports (casefile check --require-copies), in-process:
    report-2017 is cited by the case, its money, the inspection, its finding, requirement
    and statement; council-news by the follow-up and its assessment."""
    with pytest.raises(DataError) as caught:
        load_dataset(write_mini(tmp_path, {}), use_cache=False, require=True)
    tail = ("but has no stored copy, and this site requires one (require_copies): put the "
            "document in data/sources/copies/ and add its copy: block (casefile copy prints it)")
    assert [str(p) for p in caught.value.problems] == [
        f"data/{NEWS}:1:5: id: source 'council-news' is cited 2 times {tail}",
        f"data/sources/report-2017.yml:1:5: id: source 'report-2017' is cited 6 times {tail}"]


# Every optional field the linker copies into the model, given once (MINI leaves most out).
FULL = {
    "themes.yml": ("    name: Leadership\n",
                   "    name: Leadership\n    description: How it is run.\n"),
    "bodies/inspectorate.yml": ("    from: 2018-01\n",
                                "    from: 2018-01\n    note: Renamed.\nnote: The regulator.\n"),
    "bodies/town-trust.yml": ("id: town-trust\nkind: local_authority\nnames:\n"
                              "  - name: Town Trust\n"),
    "bodies/ministry.yml": "id: ministry\nkind: government\nnames:\n  - name: Ministry\n",
    "sources/report-2017.yml": (
        "language: en\n", "language: cy\ntitle_supplied: true\npublisher_note: Its press office.\n"
        "published_note: Dated on its cover.\narchive_url: https://web.archive.org/x\n"
        "note: Read in full.\nsecond_hand: true\n"),
    NEWS: ("language: en\n",
           "language: en\nurl: http://example.org/news\naccessed: 2020-02\ninsecure_http: true\n"),
    "cases/town/case.yml": (
        "status: open\n", "status: closed\npartners: [town-trust]\noverseers: [ministry]\n"
        "corrections:\n  - date: 2020-02-01\n    what: The date.\n    why: A typo.\n"),
    INSPECTION: ("date: 2017-07\n", "date: 2017-07\ndate_note: The month of the visit.\n"
                 "published_note: On its website.\n"),
}
MONEY = ("    for: Set aside.\n", "    for: Set aside.\n    period: 2018/19\n"
         "    note: Up 4 per cent.\n    approximate: true\n    per: month\n    kind: budget\n"
         "    record: town-inspection\n")


def full(tmp_path: Path) -> Path:
    data = write_mini(tmp_path, FULL)
    case = data / "cases/town/case.yml"
    case.write_text(case.read_text(encoding="utf-8").replace(*MONEY), encoding="utf-8")
    return data


def test_a_source_keeps_every_field(tmp_path: Path) -> None:
    dataset = load_dataset(full(tmp_path), use_cache=False)
    s = dataset.sources["report-2017"]
    assert (s.id, s.title, s.title_supplied, s.publisher.id, s.publisher_note, s.kind,
            s.published.iso(), s.published_note, s.url, s.archive_url, s.accessed.iso(),
            s.language, s.note, s.insecure_http, s.kind_term.value, s.undated,
            s.second_hand_given, s.copy, s.licence, s.publish_copy) == (
        "report-2017", "Inspection of Town Council", True, "inspectorate", "Its press office.",
        "inspection_report", "2017-10-02", "Dated on its cover.", "https://example.org/report",
        "https://web.archive.org/x", "2020-01-01", "cy", "Read in full.", False,
        "inspection_report", False, True, None, None, False)
    news = dataset.sources["council-news"]
    assert (news.title_supplied, news.insecure_http, news.second_hand_given, news.url) == (
        False, True, False, "http://example.org/news")


def test_a_case_and_its_money_keep_every_field(tmp_path: Path) -> None:
    c = load_dataset(full(tmp_path), use_cache=False).cases["town"]
    assert (c.id, c.title, c.subject.id, c.service, [b.id for b in c.regulators],
            c.legal_basis, c.status.value, c.summary, [t.id for t in c.themes],
            [x.source.id for x in c.cites], c.reviewed.iso(),
            [(x.date.iso(), x.what, x.why) for x in c.corrections], c.jurisdiction_given,
            c.as_of_given, [b.id for b in c.subjects], [b.id for b in c.partners],
            [b.id for b in c.overseers]) == (
        "town", "Town Council children's services", "town-council", "Children's services",
        ["inspectorate"], "An Act", "closed", "A short summary.", ["leadership", "safeguarding"],
        ["report-2017"], "2020-01-01", [("2020-02-01", "The date.", "A typo.")], None, None,
        ["town-council"], ["town-trust"], ["ministry"])
    money = c.money[0]
    assert (str(money.amount), money.currency, money.purpose, money.period, money.note,
            money.record.id, [x.source.id for x in money.cites], money.approximate,
            money.per.value, money.kind.value) == (
        "4000000", "GBP", "Set aside.", "2018/19", "Up 4 per cent.", "town-inspection",
        ["report-2017"], True, "month", "budget")
    assert [b.id for b in c.named_bodies if c in b.cases] == [
        b.id for b in c.named_bodies]  # each body named lists the case


def test_a_record_a_body_and_a_theme_keep_every_field(tmp_path: Path) -> None:
    dataset = load_dataset(full(tmp_path), use_cache=False)
    r = dataset.cases["town"].records[0]
    assert (r.id, r.type.value, r.title, r.date.iso(), r.date_note, r.published.iso(),
            r.published_note, r.body.id, r.summary, [x.source.id for x in r.cites], r.case.id,
            r.until) == (
        "town-inspection", "inspection", "Inspection", "2017-07", "The month of the visit.",
        "2017-10-02", "On its website.", "inspectorate", "Inspectors visited.",
        ["report-2017"], "town", None)
    b = dataset.bodies["inspectorate"]
    assert (b.id, b.kind, b.note, b.kind_term.value) == (
        "inspectorate", "regulator", "The regulator.", "regulator")
    assert [(n.name, n.short, n.start and n.start.iso(), n.end and n.end.iso(), n.note)
            for n in b.names] == [("Old Inspectorate", "OI", None, "2017-12", None),
                                  ("New Inspectorate", None, "2018-01", None, "Renamed.")]
    assert [(t.id, t.name, t.description) for t in dataset.themes.values()] == [
        ("leadership", "Leadership", "How it is run."), ("safeguarding", "Safeguarding", None)]


def copy_rec(**given: str) -> Rec:
    rec = Rec(Loc("s.yml", 1, 1, "copy"))
    for key, value in given.items():
        rec.put(key, value, 1, 1)
    return rec


@pytest.mark.parametrize("file, form", [("a.txt", "text"), ("a.md", "markdown"),
                                         ("a.html", "html"), ("a.htm", "html"),
                                         ("a.pdf", "pdf"), ("Scan.2019.PDF", "pdf")])
def test_a_stored_copy_s_format_is_its_file_ending(file: str, form: str) -> None:
    assert stored_copy(copy_rec(file=file, sha256="ab")) == StoredCopy(file, "ab", form)


def test_no_stored_copy_without_a_file_and_a_hash() -> None:
    assert stored_copy(None) is None
    assert stored_copy(copy_rec(file="a.txt")) is None
    assert stored_copy(copy_rec(sha256="ab")) is None
    assert stored_copy(copy_rec(file="", sha256="ab")) is None


def test_two_decimal_places_where_none_are_allowed(tmp_path: Path) -> None:
    got = problems(tmp_path, {"cases/town/case.yml": ("  - amount: 4000000\n    currency: GBP\n",
                                                      "  - amount: 1500.25\n    currency: JPY\n")})
    assert got == ["data/cases/town/case.yml:12:13: money[0].amount: '1500.25' has 2 decimal "
                   "places, but JPY amounts have no decimal places; write the amount as the "
                   "source gives it, e.g. 1500"]
