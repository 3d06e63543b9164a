"""The open-data JSON item by item (casefile.outputs.opendata_json and opendata_dataset),
in-process so that mutation testing reaches them: the whole export of a small case, a
requirement's outcome and who reports it, money as written, citations and their checks,
oversight moves and ratings compared. Every data set here is a fictional fixture under
tests/."""

from __future__ import annotations

from pathlib import Path

from casefile.model import objects as m
from casefile.outputs.opendata_dataset import dump, to_json
from casefile.outputs.opendata_json import case_json, record_json, source_json
from casefile.pipeline import load_dataset
from tests.conftest import MINI, PROJECTS, write_tree

SECOND_HAND = PROJECTS / "second-hand" / "data"
SECOND_CASE = PROJECTS / "second-case" / "data"
OVERSIGHT = PROJECTS / "oversight" / "data"
CASE = "cases/town/case.yml"
INS = "cases/town/records/town-inspection.yml"


def mini(root: Path, changes: dict[str, tuple[str, str]] | None = None) -> m.Dataset:
    files = dict(MINI)
    for path, (old, new) in (changes or {}).items():
        assert old in files[path]
        files[path] = files[path].replace(old, new)
    write_tree(root / "data", files)
    return load_dataset(root / "data", use_cache=False)


REPORT = {"source": "report-2017"}
TOWN_SOURCES = [
    {"id": "council-news", "title": "Council news", "publisher": "town-council",
     "kind": "council_press_release", "published": "2018-03", "language": "en",
     "derived": {"evidence_grade": "other", "evidence_grade_in_case": {"town": "self_report"},
                 "second_hand": False}},
    {"id": "report-2017", "title": "Inspection of Town Council", "publisher": "inspectorate",
     "kind": "inspection_report", "published": "2017-10-02", "url": "https://example.org/report",
     "accessed": "2020-01-01", "language": "en",
     "derived": {"evidence_grade": "regulator", "evidence_grade_in_case": {"town": "regulator"},
                 "second_hand": False}}]
TOWN_RECORDS = [
    {"id": "town-inspection", "type": "inspection", "title": "Inspection", "date": "2017-07",
     "published": "2017-10-02", "body": "inspectorate", "summary": "Inspectors visited.",
     "cite": [{"source": "report-2017", "quote": "The quote.", "derived": {"checked": False}}],
     "findings": [{"id": "f-leadership", "theme": "leadership", "text": "Weak leadership.",
                   "cite": [REPORT]}],
     "requirements": [{
         "id": "req-plan", "text": "Produce a plan.",
         "due": {"within": 20, "unit": "working_days", "from": "publication"},
         "cite": [REPORT],
         "derived": {"outcome": "overdue",
                     "explanation": "The deadline has passed and no document in the records, "
                                    "up to 1 March 2018, shows that it was met.",
                     "due_from": "2017-10-30", "due_until": "2017-10-30"}}],
     "statements": [{"person": "pat-leader", "date": "2017-10", "quote": "We are sorry.",
                     "cite": [{"source": "report-2017", "derived": {"checked": False}}],
                     "derived": {"relayed_by": [{"publisher": "inspectorate",
                                                 "evidence_grade": "regulator"}]}}]},
    {"id": "town-follow-up", "type": "follow_up_inspection", "title": "Follow-up",
     "date": "2018-03-01", "body": "town-council", "summary": "The council reported progress.",
     "cite": [{"source": "council-news"}],
     "assessments": [{"finding": "f-leadership", "status": "improving",
                      "asserted_by": "town-council", "note": "Better.",
                      "cite": [{"source": "council-news"}], "derived": {"asserter": "self"}}]}]


def test_the_whole_export_of_a_small_case(tmp_path: Path) -> None:
    assert to_json(mini(tmp_path)) == {
        "format": "casefile", "format_version": "1.0",
        "themes": [{"id": "leadership", "name": "Leadership"},
                   {"id": "safeguarding", "name": "Safeguarding"}],
        "bodies": [{"id": "inspectorate", "kind": "regulator",
                    "names": [{"name": "Old Inspectorate", "short": "OI", "until": "2017-12"},
                              {"name": "New Inspectorate", "from": "2018-01"}]},
                   {"id": "town-council", "kind": "local_authority",
                    "names": [{"name": "Town Council"}]}],
        "people": [{"id": "pat-leader", "name": "Pat Leader",
                    "roles": [{"title": "Leader", "body": "town-council"}]}],
        "sources": TOWN_SOURCES,
        "cases": [{
            "id": "town", "title": "Town Council children's services", "subject": "town-council",
            "service": "Children's services", "regulators": ["inspectorate"],
            "legal_basis": "An Act", "status": "open", "summary": "A short summary.",
            "themes": ["leadership", "safeguarding"],
            "money": [{"amount": "4000000", "currency": "GBP", "for": "Set aside.",
                       "cite": [REPORT]}],
            "reviewed": "2020-01-01", "cite": [REPORT], "records": TOWN_RECORDS,
            "derived": {"as_of": "2018-03-01", "as_of_basis":
                        "the date of the latest document in this case's records"}}]}


def test_one_case_is_the_same_as_the_whole_when_it_is_the_only_one(tmp_path: Path) -> None:
    ds = mini(tmp_path)
    assert to_json(ds, ["town"]) == to_json(ds)
    assert dump(to_json(ds, [])) == ('{"format":"casefile","format_version":"1.0","themes":[],'
                                     '"bodies":[],"people":[],"sources":[],"cases":[]}\n')


def test_a_requirement_reported_met_through_a_relay() -> None:
    case = next(iter(load_dataset(SECOND_HAND).cases.values()))
    assert record_json(case.records[0])["requirements"] == [{
        "id": "fh-req-board", "text": "Set up an improvement board (invented).",
        "due": {"date": "2023-09-30"},
        "reported": {"outcome": "met", "by": "brookfield-improvement-board",
                     "cite": [{"source": "brookfield-press-release"}],
                     "derived": {"relayed_by": [{"publisher": "brookfield-council",
                                                 "evidence_grade": "self_report"}],
                                 "shown_as": "self"}},
        "cite": [{"source": "brookfield-inspection-report"}],
        "derived": {"outcome": "met",
                    "explanation": "No document in the records shows it was met. Brookfield "
                                   "Improvement Board reports it as: met, timing not "
                                   "established.",
                    "records_outcome": "overdue", "due_from": "2023-09-30",
                    "due_until": "2023-09-30"}}]
    assert record_json(case.records[1])["assessments"][1] == {
        "finding": "fh-placements", "status": "early_signs",
        "asserted_by": "brookfield-improvement-board",
        "note": "Known only from the council's press release (invented).",
        "cite": [{"source": "brookfield-press-release"}],
        "derived": {"asserter": "board", "relayed_by": [{"publisher": "brookfield-council",
                                                         "evidence_grade": "self_report"}],
                    "shown_as": "self"}}


def test_a_deadline_in_words_and_progress(tmp_path: Path) -> None:
    due = "    due:\n      within: 20\n      unit: working_days\n      from: publication\n"
    ds = mini(tmp_path, {INS: (due, "    due:\n      date: autumn 2017\n      note: Vague.\n"
                                    "    progress:\n      - date: 2017-11\n"
                                    "        note: A draft.\n        cite: [report-2017]\n")})
    req = record_json(ds.cases["town"].records[0])["requirements"][0]
    assert req["due"] == {"date": "2017", "date_as_written": "autumn 2017",
                          "note": "Vague."}
    assert req["progress"] == [{"date": "2017-11", "note": "A draft.", "cite": [REPORT]}]
    assert (req["derived"]["due_from"], req["derived"]["due_until"]) == ("2017-09-01",
                                                                         "2017-11-30")


def test_money_as_written(tmp_path: Path) -> None:
    ds = mini(tmp_path, {CASE: ("  - amount: 4000000\n    currency: GBP\n",
                                "  - amount: 15500000.50\n    currency: EUR\n"
                                "    approximate: true\n    per: month\n    kind: loan\n"
                                "    period: 2019 to 2020\n    note: A note.\n"
                                "    record: town-inspection\n")})
    assert case_json(ds.cases["town"])["money"] == [{
        "amount": "15500000.50", "currency": "EUR", "approximate": True, "per": "month",
        "kind": "loan", "for": "Set aside.", "period": "2019 to 2020", "note": "A note.",
        "record": "town-inspection", "cite": [REPORT]}]


def test_a_checked_quote_and_a_source_with_its_copy() -> None:
    ds = load_dataset(SECOND_CASE)
    case = next(iter(ds.cases.values()))
    assert record_json(case.records[0])["cite"] == [{
        "source": "fictional-inspection-report",
        "quote": "This sentence is invented for casefile's tests.",
        "derived": {"checked": True, "found_at": "para. 2"}}]
    assert source_json(ds.sources["fictional-annual-review"], [case]) == {
        "id": "fictional-annual-review",
        "title": "FICTIONAL TEST DOCUMENT: annual review of Fictional Borough Council",
        "publisher": "fictional-care-regulator", "kind": "inspection_report",
        "published": "2023-03-01", "url": "https://example.org/fictional/annual-review",
        "accessed": "2024-01-15", "language": "en",
        "note": "Invented for casefile's tests; its copy is published because its "
                "(fictional) licence is open.",
        "copy": {"file": "fictional-annual-review.md", "sha256":
                 "70dff52a2d7ada6ffbbd72eea2a28dae19a4386ec58b1bcfbd27fd5a13f3547f"},
        "licence": "OGL-3.0", "publish_copy": True,
        "derived": {"evidence_grade": "regulator", "copy_format": "markdown",
                    "evidence_grade_in_case": {case.id: "regulator"}, "second_hand": False}}


def test_oversight_moves_with_their_change_and_previous_level() -> None:
    case = load_dataset(OVERSIGHT).cases["riverton-council-intervention"]
    assert record_json(case.records[1]) == {
        "id": "riverton-2021-commissioners", "type": "commissioner_appointed",
        "title": "Commissioners appointed", "date": "2021-03-10", "body": "example-government",
        "summary": "A fictional event, for tests only.",
        "cite": [{"source": "riverton-2021-direction"}],
        "oversight": [
            {"framework": "council-intervention", "level": "commissioners_appointed",
             "cite": [{"source": "riverton-2021-direction"}], "derived": {"change": "first"}},
            {"framework": "example-regional-review", "level": "serious_concern",
             "service": "children's services", "cite": [{"source": "riverton-2021-direction"}],
             "derived": {"change": "worse", "previous_level": "no_concern"}}]}


def test_a_rating_compared_with_the_last_one_and_relayed(tmp_path: Path) -> None:
    from tests.test_ratings import load, rated

    records = load(tmp_path, rated()).cases["town"].records
    assert record_json(records[-1])["ratings"] == [{
        "grade": "requires_improvement", "by": "inspectorate",
        "cite": [{"source": "council-news"}],
        "derived": {"change": "same", "compared_with_record": "town-reinspection",
                    "relayed_by": [{"publisher": "town-council",
                                    "evidence_grade": "self_report"}]}}]
    assert record_json(records[0])["ratings"][1] == {
        "area": "Leadership", "grade": "requires_improvement", "by": "inspectorate",
        "cite": [REPORT], "derived": {"change": "first"}}


def test_the_optional_fields_of_a_source_body_person_statement_and_case(tmp_path: Path
                                                                         ) -> None:
    follow = "cases/town/records/town-follow-up.yml"
    ds = mini(tmp_path, {
        "sources/council-news.yml": (
            "publisher: town-council\nkind: council_press_release\npublished: 2018-03\n",
            "publisher_note: Posted by the council.\nkind: council_press_release\n"
            "published_note: No date shown.\ntitle_supplied: true\n"
            "url: http://example.org/news\narchive_url: http://example.org/archive\n"
            "insecure_http: true\naccessed: 2020-01-02\n"),
        "bodies/town-council.yml": ("  - name: Town Council\n",
                                    "  - name: Town Council\n    from: 2001-04\n"
                                    "    note: Renamed.\nvariant_names: [Town Cncl]\n"
                                    "parent: inspectorate\n"),
        "people/pat-leader.yml": ("    body: town-council\n",
                                  "    body: town-council\n    from: 2015\n    until: 2019-05\n"
                                  "    cite: [report-2017]\n"),
        INS: ("statements:\n  - person: pat-leader\n    date: 2017-10\n",
              "statements:\n  - speaker: A spokesperson\n    body: town-council\n"
              "    date: autumn 2017\n    date_note: Undated letter.\n"),
        follow: ("date: 2018-03-01\n", "date: 2018-03-01\nuntil: 2018-03-02\n"
                                       "date_note: Two days.\n"),
        CASE: ("status: open\n", "status: open\njurisdiction: GB-SCT\ncorrections:\n"
                                 "  - date: 2020-02-02\n    what: A date.\n    why: A typo.\n"
                                 "as_of: 2019-01-01\n")})
    news = source_json(ds.sources["council-news"])
    assert {k: v for k, v in news.items() if k != "derived"} == {
        "id": "council-news", "title": "Council news", "title_supplied": True,
        "publisher_note": "Posted by the council.", "kind": "council_press_release",
        "published_note": "No date shown.", "url": "http://example.org/news",
        "archive_url": "http://example.org/archive", "accessed": "2020-01-02", "language": "en",
        "insecure_http": True}
    data = to_json(ds)
    council = next(b for b in data["bodies"] if b["id"] == "town-council")
    assert council == {"id": "town-council", "kind": "local_authority",
                       "names": [{"name": "Town Council", "from": "2001-04", "note": "Renamed."}],
                       "parent": "inspectorate", "variant_names": ["Town Cncl"]}
    assert data["people"][0]["roles"] == [{"title": "Leader", "body": "town-council",
                                           "from": "2015", "until": "2019-05",
                                           "cite": [REPORT]}]
    case = data["cases"][0]
    assert (case["jurisdiction"], case["as_of"], case["corrections"]) == (
        "GB-SCT", "2019-01-01", [{"date": "2020-02-02", "what": "A date.", "why": "A typo."}])
    assert case["derived"]["as_of"] == "2019-01-01"
    inspection, follow_up = case["records"]
    assert inspection["statements"][0] == {
        "speaker": "A spokesperson", "body": "town-council", "date": "2017",
        "date_as_written": "autumn 2017", "date_note": "Undated letter.",
        "quote": "We are sorry.", "cite": [{"source": "report-2017",
                                            "derived": {"checked": False}}],
        "derived": {"relayed_by": [{"publisher": "inspectorate",
                                    "evidence_grade": "regulator"}]}}
    assert (follow_up["until"], follow_up["date_note"]) == ("2018-03-02", "Two days.")


def test_a_source_with_no_date_shown_and_dates_in_words(tmp_path: Path) -> None:
    ds = mini(tmp_path, {
        "sources/council-news.yml": ("published: 2018-03\n", "published: no date shown\n"),
        "sources/report-2017.yml": ("published: 2017-10-02\n", "published: autumn 2017\n")})
    news, report = (source_json(ds.sources[i]) for i in ("council-news", "report-2017"))
    assert ("published" in news, news["published_as_written"]) == (False, "no date shown")
    assert (report["published"], report["published_as_written"]) == ("2017", "autumn 2017")


def test_a_requirement_fulfilled_and_one_superseded(tmp_path: Path) -> None:
    due = "    due:\n      within: 20\n      unit: working_days\n      from: publication\n"
    for key, word in (("fulfilled_by", "met_late"), ("superseded_by", "superseded")):
        ds = mini(tmp_path / key, {INS: (due, due + f"    {key}: town-follow-up\n")})
        req = record_json(ds.cases["town"].records[0])["requirements"][0]
        assert (req[key], req["derived"]["outcome"]) == ("town-follow-up", word)


def test_a_body_with_its_grades_and_a_site_wide_as_of_date(tmp_path: Path) -> None:
    import datetime as dt

    from tests.test_ratings import load, rated

    data = to_json(load(tmp_path, rated()))
    inspectorate = next(b for b in data["bodies"] if b["id"] == "inspectorate")
    assert inspectorate["grades"][1:3] == [
        {"value": "good", "label": "Good"},
        {"value": "requires_improvement", "label": "Requires improvement to be good",
         "description": "Not yet good."}]
    write_tree(tmp_path / "later", MINI)
    case = to_json(load_dataset(tmp_path / "later", as_of=dt.date(2019, 5, 1),
                                use_cache=False))["cases"][0]
    assert (case["as_of"], case["derived"]["as_of"]) == ("2019-05-01", "2019-05-01")
    assert "as_of" not in to_json(mini(tmp_path / "own"))["cases"][0]


def test_several_subjects_partners_and_overseers(tmp_path: Path) -> None:
    from tests.test_who import dataset

    case = case_json(dataset(tmp_path).cases["northshire"])
    assert (case["subject"], case["partners"], case["overseers"]) == (
        ["northshire-police", "northshire-council"], ["northshire-health-board"],
        ["northshire-mayor"])


def test_an_unsettled_grade_is_exported_as_written_not_as_the_worse_one_counted(
        tmp_path: Path) -> None:
    from tests.test_differ import PUBLISHED, RATING, changes
    from tests.test_differ import load as load_differ

    rating = RATING.replace("value: good", "value: weak").replace(
        "chosen: adequate", "unsettled: true")
    ds = load_differ(tmp_path, changes(PUBLISHED + rating))
    record = ds.cases["town"].records[0]
    assert record.ratings[0].grade.value == "weak"  # counted as the worse
    exported = record_json(record)["ratings"][0]
    assert (exported["grade"], exported["sources_differ"]["grade"]["unsettled"]) == (
        "adequate", True)


def test_a_move_effective_on_another_day_and_one_of_another_body() -> None:
    ds = load_dataset(OVERSIGHT)
    case = ds.cases["northshire-health-board-escalation"]
    moves = record_json(case.records[-1])["oversight"]
    assert [(o["level"], o.get("effective"), o.get("body")) for o in moves] == [
        ("special_measures", "2023-02-27", None), ("enhanced_monitoring", None, None)]
    case.records[-1].oversight[1].body = ds.bodies["example-government"]
    assert record_json(case.records[-1])["oversight"][1]["body"] == "example-government"


def test_a_body_name_with_its_citation(tmp_path: Path) -> None:
    ds = mini(tmp_path, {"bodies/inspectorate.yml": (
        "    short: OI\n", "    short: OI\n    cite: [report-2017]\n")})
    assert to_json(ds)["bodies"][0]["names"][0] == {
        "name": "Old Inspectorate", "short": "OI", "until": "2017-12", "cite": [REPORT]}


def test_a_case_as_of_its_latest_document_written_out_and_one_with_no_date(
        tmp_path: Path) -> None:
    """An as-of date set on the case is exported even when it is the latest document's
    date; a case with none has none under ``derived``."""
    ds = mini(tmp_path, {CASE: ("status: open\n", "status: open\nas_of: 2018-03-01\n")})
    assert to_json(ds)["cases"][0]["as_of"] == "2018-03-01"
    case = ds.cases["town"]
    case.as_of = None
    assert case_json(case)["derived"]["as_of"] is None


def test_a_copy_names_its_original(tmp_path: Path) -> None:
    from tests.test_who import dataset

    assert source_json(dataset(tmp_path).sources["audit-mirror"])["original"] == "audit-report"


def test_a_source_whose_publication_date_sources_differ_on(tmp_path: Path) -> None:
    """A source's own date is exported as written, with the other value and its source,
    whether the editor chose between them or left it unsettled (then the date counted is
    the span, not what is written)."""
    differ = ("sources_differ:\n  published:\n    values:\n      - value: 2017-10-03\n"
              "        cite: [council-news]\n    {how}\n    reason: The report gives the 2nd.\n")
    other = {"values": [{"value": "2017-10-03", "cite": [{"source": "council-news"}]}],
             "reason": "The report gives the 2nd."}
    for how, said in (("chosen: 2017-10-02", {"chosen": "2017-10-02"}),
                      ("unsettled: true", {"unsettled": True})):
        ds = mini(tmp_path / how[:5], {"sources/report-2017.yml": (
            "language: en\n", "language: en\n" + differ.format(how=how))})
        report = source_json(ds.sources["report-2017"])
        assert ({k: report.get(k) for k in ("published", "published_as_written")},
                report["sources_differ"]) == (
            {"published": "2017-10-02", "published_as_written": None},
            {"published": {**other, **said}})


def test_a_record_with_every_date_in_words_its_notes_and_next_steps(tmp_path: Path) -> None:
    """Dates in words beside their ISO form, a record's ``after``, ``published_note`` and
    next steps, a statement with no date shown, an unsettled record date (exported as
    written, with no words: the span is not what the editor wrote), a requirement's
    deadline in the source's words and one with no deadline, money the sources differ on,
    and a source said to be second-hand."""
    follow = "cases/town/records/town-follow-up.yml"
    money = ("    cite: [report-2017]\ncite:", "    cite: [report-2017]\n    sources_differ:\n"
             "      amount:\n        values:\n          - value: 4500000\n"
             "            cite: [council-news]\n        unsettled: true\n"
             "        reason: They differ.\ncite:")
    ds = mini(tmp_path, {
        follow: ("date: 2018-03-01\n", "date: spring 2018\nuntil: summer 2018\n"
                 "after: town-inspection\npublished: autumn 2018\n"
                 "published_note: On the council's site.\nnext:\n"
                 "  - text: Inspectors return.\n    date: 2019-03-31\n"
                 "    cite: [report-2017]\nstatements:\n  - speaker: A spokesperson\n"
                 "    body: town-council\n    date: no date shown\n    quote: Better.\n"
                 "    cite: [council-news]\n"),
        INS: ("date: 2017-07\n", "date: 2017-07-03\nsources_differ:\n  date:\n    values:\n"
              "      - value: 2017-07-04\n        cite: [council-news]\n"
              "    unsettled: true\n    reason: They differ.\n"),
        "sources/council-news.yml": ("language: en\n", "language: en\nsecond_hand: true\n"),
        CASE: money})
    case = case_json(ds.cases["town"])
    inspection, follow_up = case["records"]
    assert ({k: inspection.get(k) for k in ("date", "date_as_written")},
            inspection["sources_differ"]["date"]["unsettled"]) == (
        {"date": "2017-07-03", "date_as_written": None}, True)
    assert {k: v for k, v in follow_up.items() if k not in (
        "id", "type", "title", "body", "summary", "cite", "assessments")} == {
        "date": "2018", "date_as_written": "spring 2018", "until": "2018",
        "until_as_written": "summer 2018", "after": "town-inspection", "published": "2018",
        "published_as_written": "autumn 2018", "published_note": "On the council's site.",
        "next": [{"text": "Inspectors return.", "date": "2019-03-31",
                  "cite": [REPORT]}],
        "statements": [{"speaker": "A spokesperson", "body": "town-council",
                        "date_as_written": "no date shown", "quote": "Better.",
                        "cite": [{"source": "council-news", "derived": {"checked": False}}]}]}
    assert case["money"][0]["sources_differ"] == {"amount": {"values": [
        {"value": "4500000", "cite": [{"source": "council-news"}]}], "unsettled": True,
        "reason": "They differ."}}
    assert source_json(ds.sources["council-news"])["second_hand"] is True


def test_a_deadline_in_the_sources_words_and_a_requirement_with_none(tmp_path: Path) -> None:
    due = "      from: publication\n"
    ds = mini(tmp_path, {INS: (due, due + "      as_written: within twenty working days\n"
                                          "    cite: [report-2017]\n  - id: req-two\n"
                                          "    text: Report back.\n")})
    plan, two = record_json(ds.cases["town"].records[0])["requirements"]
    assert plan["due"]["as_written"] == "within twenty working days"
    assert two == {"id": "req-two", "text": "Report back.", "cite": [REPORT], "derived": {
        "outcome": "outstanding",
        "explanation": "Not shown as fulfilled as of 1 March 2018; no deadline was set."}}


def test_one_cases_file_carries_only_the_site_terms_it_uses(tmp_path: Path) -> None:
    """A case's own file carries the site's record types, body kinds, licences and oversight
    frameworks it uses, each as data/vocabulary.yml gives it, and no others."""
    from tests.test_link_exact import LICENCES
    from tests.test_site_vocabulary import VOCAB

    files = {**MINI, "vocabulary.yml": VOCAB + LICENCES}
    files["sources/council-news.yml"] += "licence: Local-Shut-1.0\n"
    files["cases/town/records/town-follow-up.yml"] = files[
        "cases/town/records/town-follow-up.yml"].replace("follow_up_inspection", "panel_hearing")
    files["themes.yml"] += "    description: Keeping children safe.\n"
    files["bodies/town-council.yml"] = files["bodies/town-council.yml"].replace(
        "local_authority", "example_trust")
    write_tree(tmp_path / "data", files)
    ds = load_dataset(tmp_path / "data", use_cache=False)
    assert to_json(ds, ["town"])["vocabulary"] == {
        "record_types": [{"value": "panel_hearing", "label": "Panel hearing",
                          "description": "A hearing before an example panel."}],
        "body_kinds": [{"value": "example_trust", "label": "Example trust",
                        "description": "A made-up kind of trust."}],
        "licences": [{"value": "Local-Shut-1.0", "label": "Local shut",
                      "description": "Not ours to give.", "open": False}]}
    assert to_json(ds)["themes"][1] == {"id": "safeguarding", "name": "Safeguarding",
                                        "description": "Keeping children safe."}
    oversight = load_dataset(OVERSIGHT)
    assert "vocabulary" not in to_json(oversight, ["eastmoor-health-board-escalation"])
    assert to_json(oversight, ["riverton-council-intervention"])["vocabulary"] == {
        "oversight_frameworks": [{
            "id": "example-regional-review",
            "name": "Example regional review of children's services",
            "overseer": "Example Regional Assembly",
            "description": "A fictional framework, for tests only; its most serious level "
                           "is listed first.",
            "most_serious": "first",
            "levels": [{"value": "serious_concern", "label": "Serious concern",
                        "description": "The assembly reviews the service every month."},
                       {"value": "some_concern", "label": "Some concern"},
                       {"value": "no_concern", "label": "No concern"}]}]}


def test_the_file_keeps_letters_beyond_ascii_as_they_are() -> None:
    assert dump({"name": "Café Nordstädt – Ørby"}) == '{"name":"Café Nordstädt – Ørby"}\n'
