"""Exact located errors of Linker.add_vocabulary for a site's own response statuses (#18):
a built-in status named again, and a derived state taken as a name. Written for the partial
mutation re-run of link.py (#17); fictional data only (tests/test_responses.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import plain_id
from tests.test_responses import problems


@pytest.mark.parametrize(("value", "message"), [
    ("rejected", "'rejected' is already a built-in response status; use it as it is, or "
     "choose another value"),
    ("response_pending", "'response_pending' is a state casefile works out from the "
     "records, never written; choose another value"),
    ("responded_late", "'responded_late' is a state casefile works out from the records, "
     "never written; choose another value"),
], ids=plain_id)
def test_a_site_status_may_not_reuse_a_built_in_or_derived_name(
        tmp_path: Path, value: str, message: str) -> None:
    vocabulary = f"response_statuses:\n  - value: {value}\n    label: Mine\n" \
        "    description: Made up.\n"
    assert problems(tmp_path, {"vocabulary.yml": vocabulary}) == [
        f"data/vocabulary.yml:2:12: response_statuses[0].value: {message}"]


def test_other_vocabularies_still_drop_a_final_s(tmp_path: Path) -> None:
    vocabulary = "record_types:\n  - value: inspection\n    label: Mine\n" \
        "    description: Made up.\n"
    assert problems(tmp_path, {"vocabulary.yml": vocabulary}) == [
        "data/vocabulary.yml:2:12: record_types[0].value: 'inspection' is already a built-in "
        "record type; use it as it is, or choose another value"]
