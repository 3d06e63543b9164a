"""Exact open data for a finding's new fields (#18: kind, number, paragraph, directed_at):
the findings table's columns and the JSON record, with the defaults a finding without them
gets. Written for the partial mutation re-runs of opendata_tables.py and opendata_json.py
(#17); fictional data only (tests/conftest.py MINI)."""

from __future__ import annotations

from pathlib import Path

from casefile.outputs.opendata_json import record_json
from casefile.outputs.opendata_tables import tables
from tests.test_link_records_kinds_exact import load, second

DETAILS = "    kind: concern\n    number: R3.1\n    paragraph: '4.12'\n" \
    "    directed_at: [inspectorate, town-council]\n"


def test_the_findings_table_gives_kind_number_paragraph_and_bodies(tmp_path: Path) -> None:
    record = load(tmp_path, DETAILS, second("f-two", ""))
    text = tables([record.case])["findings"]
    assert text.splitlines() == [
        "case,finding,raised_by,raised_date,theme,text,sources,kind,number,paragraph,"
        "directed_at",
        "town,f-leadership,town-inspection,2017-07,leadership,Weak leadership.,report-2017,"
        "concern,R3.1,4.12,inspectorate town-council",
        "town,f-two,town-inspection,2017-07,safeguarding,Another.,report-2017,finding,,,"]


def test_the_json_record_gives_the_fields_only_when_set(tmp_path: Path) -> None:
    record = load(tmp_path, DETAILS, second("f-two", ""))
    one, two = record_json(record)["findings"]
    assert one == {"id": "f-leadership", "theme": "leadership", "text": "Weak leadership.",
                   "kind": "concern", "number": "R3.1", "paragraph": "4.12",
                   "directed_at": ["inspectorate", "town-council"],
                   "cite": [{"source": "report-2017"}]}
    assert two == {"id": "f-two", "theme": "safeguarding", "text": "Another.",
                   "cite": [{"source": "report-2017"}]}
    assert list(one) == ["id", "theme", "text", "kind", "number", "paragraph", "directed_at",
                         "cite"]
