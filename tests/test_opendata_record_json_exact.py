"""Exact open data of a record's responses (each item's note) and of a reply letter's
``answers`` (#18). Written for the partial mutation re-run of opendata_json.record_json
(#17): its keys ``note`` and ``answers`` had no exact test. Fictional data only
(tests/test_responses.py's coroner's report and tests/test_responses_review.py's letter)."""

from __future__ import annotations

from pathlib import Path

from casefile.outputs.opendata_json import record_json
from tests.test_responses import PFD, load, pfd, record, reply
from tests.test_responses_review import LETTER, letter

REPLY = "cases/town/records/r-council.yml"


def test_a_response_is_exported_with_its_note(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(), REPLY: reply("r-council", "2018-03-07")})
    assert record_json(record(case, "r-council"))["responses"] == [
        {"to": "c-staffing", "status": "accepted", "by": "town-council",
         "note": "New staff are being hired.",
         "cite": [{"source": "reply", "quote": "We accept this concern in full.",
                  "derived": {"checked": False}}]}]


def test_a_reply_letter_is_exported_with_the_record_it_answers(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(), LETTER: letter()})
    exported = record_json(record(case, "l-council"))
    assert exported["answers"] == "town-pfd"
    assert "responses" not in exported


def test_a_report_answers_nothing(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(), LETTER: letter()})
    assert "answers" not in record_json(record(case, "town-pfd"))
