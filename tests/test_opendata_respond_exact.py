"""Exact open data of a duty to respond with a period of its own (#18): every written field,
and each body's derived state. Written for the partial mutation re-run of opendata_json.py
(#17); fictional data only (tests/test_responses.py's coroner's report)."""

from __future__ import annotations

from pathlib import Path

from casefile.outputs.opendata_json import record_json
from tests.test_responses import PFD, load, pfd, record

OWN = "  by: [trust]\n  within: 2\n  unit: months\n  from: event\n" \
    "  as_written: within two months\n"


def test_a_duty_with_its_own_period_is_exported_as_written(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(date="2019-01-31", respond=OWN)})
    assert record_json(record(case, "town-pfd"))["respond"] == {
        "by": ["trust"], "within": 2, "unit": "months", "from": "event",
        "as_written": "within two months",
        "derived": {"period_from_record_type": False,
                    "deadline": "2 calendar months from the event (31 January 2019): due "
                                "31 March 2019.",
                    "states": [{"body": "trust", "state": "response_pending",
                                "due_from": "2019-03-31", "due_until": "2019-03-31",
                                "explanation": "No response from Town Health Trust is "
                                "recorded as of 31 January 2019; it is due 31 March 2019."}]}}


def test_a_duty_with_a_date_of_its_own_is_exported_as_written(tmp_path: Path) -> None:
    case = load(tmp_path, {PFD: pfd(respond="  by: [trust]\n  date: 2018-05\n")})
    respond = record_json(record(case, "town-pfd"))["respond"]
    assert {k: v for k, v in respond.items() if k != "derived"} == {
        "by": ["trust"], "date": "2018-05"}
