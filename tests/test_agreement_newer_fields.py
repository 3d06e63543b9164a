"""`casefile check` and the JSON Schema give the same verdict on the newer fields (#19):
dates and deadlines in words, one subject or a list, partners and overseers, oversight
moves, money kinds, reported outcomes and progress notes, disagreements, a source's
original and second-hand mark, a body's parent and variant names.

Each row changes one file of the fictional example data set (casefile/outputs/examples.py)
and says whether the result is valid. What needs the other files (an id that no file has,
a level of the framework named, a body named twice in one case) is the checker's alone, as
in tests/test_schema_agreement.py: those rows say so."""

from __future__ import annotations

import pytest

from casefile.outputs import examples
from casefile.outputs import feature_examples as fx
from tests.conftest import plain_id
from tests.test_schema_agreement import schema_errors

POLICE, TRUST = "data/bodies/northshire-police.yml", "data/bodies/northshire-health-trust.yml"
PRESS = "data/sources/northshire-press-article.yml"
KINDS = {fx.INSPECTION_PATH: "record", fx.ESCALATION_PATH: "record", fx.CASE_PATH: "case",
         fx.REPORT_PATH: "source", fx.MIRROR_PATH: "source", PRESS: "source", POLICE: "body",
         TRUST: "body"}
CHOSEN = "    chosen: 2021-06-05"
CITED = '        cite: [{source: northshire-press-article, quote: "published on Sunday"}]'
# (file, text in the example, text instead, valid?)
ROWS = [
    # dates of events, sources and statements, in words
    (fx.INSPECTION_PATH, "date: spring 2021", "date: Autumn  2020", True),
    (fx.INSPECTION_PATH, "date: spring 2021", "date: early June 2021", True),
    (fx.INSPECTION_PATH, "date: spring 2021", "date: around 2021", True),
    (fx.INSPECTION_PATH, "date: spring 2021", "date: during 2021", True),
    (fx.INSPECTION_PATH, "date: spring 2021", "date: springtime 2021", False),
    (fx.INSPECTION_PATH, "date: spring 2021", "date: spring", False),
    (fx.INSPECTION_PATH, "date: spring 2021", "date: by the end of 2021", False),
    (fx.INSPECTION_PATH, "date: spring 2021", "date: immediately", False),
    (fx.INSPECTION_PATH, "date: spring 2021", "date: no date shown", False),
    (fx.MIRROR_PATH, "published: no date shown", "published: No date shown", True),
    (fx.MIRROR_PATH, "published: no date shown", "published: immediately", False),
    (fx.MIRROR_PATH, "published: no date shown", "published: undated", False),
    (fx.ESCALATION_PATH, "date: no date shown\n", "date: late 2021\n", True),
    (fx.ESCALATION_PATH, "date: no date shown\n", "date: by 2021\n", False),
    # deadlines
    (fx.INSPECTION_PATH, "date: by the end of autumn 2022", "date: by autumn 2022", True),
    (fx.INSPECTION_PATH, "date: by the end of autumn 2022", "date: during 2023", True),
    (fx.INSPECTION_PATH, "date: by the end of autumn 2022",
     "date: at the earliest opportunity", True),
    (fx.INSPECTION_PATH, "date: by the end of autumn 2022", "date: by end of autumn 2022",
     False),
    (fx.INSPECTION_PATH, "date: by the end of autumn 2022", "date: no date shown", False),
    (fx.INSPECTION_PATH, "date: by the end of autumn 2022", "date: soon", False),
    # dates that take no words
    (fx.INSPECTION_PATH, "      - date: 2022-03", "      - date: early 2022", False),
    (fx.ESCALATION_PATH, "effective: 2022-03-07", "effective: spring 2022", False),
    (fx.ESCALATION_PATH, "effective: 2022-03-07", "effective: 2022-03", True),
    # subjects, partners, overseers
    (fx.CASE_PATH, "subject: [northshire-police, northshire-health-trust]",
     "subject: northshire-health-trust", True),
    (fx.CASE_PATH, "subject: [northshire-police, northshire-health-trust]", "subject: []",
     False),
    (fx.CASE_PATH, "subject: [northshire-police, northshire-health-trust]",
     "subject: Northshire Police", False),
    (fx.CASE_PATH, "subject: [northshire-police, northshire-health-trust]",
     "subject: {id: northshire-police}", False),
    (fx.CASE_PATH, "partners: [example-borough-council]", "partners: example-borough-council",
     False),
    (fx.CASE_PATH, "overseers: [northshire-mayor]", "overseers: []", False),
    # oversight moves
    (fx.ESCALATION_PATH, "    cite: [northshire-escalation-letter]\nstatements",
     "statements", False),
    (fx.ESCALATION_PATH, "level: segment_4", "level: 4", False),
    (fx.ESCALATION_PATH, "framework: nhs-england-oversight", "framework: NHS England",
     False),
    (fx.ESCALATION_PATH, "    body: northshire-health-trust", "    service: maternity",
     True),
    # money kinds
    (fx.CASE_PATH, "kind: loan", "kind: savings_achieved", True),
    (fx.CASE_PATH, "kind: loan", "kind: borrowing", False),
    # reported outcomes and progress
    *[(fx.INSPECTION_PATH, "outcome: partly_met", f"outcome: {outcome}", True)
      for outcome in ("suspended", "superseded", "not_reported", "met_late", "not_met")],
    (fx.INSPECTION_PATH, "outcome: partly_met", "outcome: partially_met", False),
    (fx.INSPECTION_PATH, "outcome: partly_met", "outcome: overdue", False),
    (fx.INSPECTION_PATH, "        note: The mayor says", "        text: The mayor says", False),
    # disagreements
    (fx.REPORT_PATH, CHOSEN, "    unsettled: true", True),
    (fx.REPORT_PATH, CHOSEN, "    unsettled: false", False),
    (fx.REPORT_PATH, CHOSEN, f"{CHOSEN}\n    unsettled: true", False),
    (fx.REPORT_PATH, CHOSEN, f"{CHOSEN}\n    unsettled: false", False),
    (fx.REPORT_PATH, CHOSEN, "    # chosen: 2021-06-05", False),
    (fx.REPORT_PATH, CITED, "        cite: []", False),
    (fx.REPORT_PATH, CITED + "\n", "", False),
    (fx.REPORT_PATH, "reason: The", "# reason: The", False),
    # a source's original and second-hand mark; a body's parent and variant names
    (PRESS, "second_hand: true", "second_hand: false", True),
    (PRESS, "second_hand: true", "second_hand: yes", False),
    (PRESS, "second_hand: true", 'second_hand: "true"', False),
    (fx.MIRROR_PATH, "original: northshire-inspection-report",
     "original: [northshire-inspection-report]", False),
    (TRUST, "parent: example-government", "parent: Example Government", False),
    (POLICE, "variant_names: [Northshire Constabulary, Northshire Police Service]",
     "variant_names: Northshire Constabulary", False),
    (POLICE, "variant_names: [Northshire Constabulary, Northshire Police Service]",
     "variant_names: []", False),
]
# Invalid only against the other files: the checker's alone, as a missing source id is.
CHECKER_ONLY = [
    # the trust's oversight move then names a body the case is no longer about
    (fx.CASE_PATH, "subject: [northshire-police, northshire-health-trust]",
     "subject: northshire-police", False),
    (fx.ESCALATION_PATH, "level: segment_4", "level: segment_5", False),
    (fx.ESCALATION_PATH, "framework: nhs-england-oversight", "framework: nhs-england", False),
    (fx.CASE_PATH, "partners: [example-borough-council]", "partners: [northshire-police]",
     False),
    (fx.CASE_PATH, "subject: [northshire-police, northshire-health-trust]",
     "subject: [northshire-police, northshire-police]", False),
    (fx.MIRROR_PATH, "original: northshire-inspection-report",
     "original: northshire-report-mirror", False),
    (TRUST, "parent: example-government", "parent: northshire-health-trust", False),
]


def verdicts(path: str, old: str, new: str) -> tuple[bool, bool]:
    """(check finds nothing, the schema finds nothing) with the change made."""
    texts = examples.files()
    assert texts[path].count(old) >= 1, old
    mistake = examples.Mistake("row", old, new, path=path)
    changed = examples.files(mistake)
    checked = examples._check(changed) == "(no problem found)"
    return checked, schema_errors(KINDS[path], changed[path]) == []


@pytest.mark.parametrize(("path", "old", "new", "valid"), ROWS, ids=plain_id)
def test_check_and_schema_agree(path: str, old: str, new: str, valid: bool) -> None:
    assert verdicts(path, old, new) == (valid, valid)


@pytest.mark.parametrize(("path", "old", "new", "valid"), CHECKER_ONLY,
                         ids=plain_id)
def test_what_needs_the_other_files_is_the_checkers(path: str, old: str, new: str,
                                                    valid: bool) -> None:
    assert verdicts(path, old, new) == (valid, True)


def test_the_example_data_set_is_valid_for_both() -> None:
    assert examples._check(examples.files()) == "(no problem found)"
    for path, kind in KINDS.items():
        assert schema_errors(kind, examples.files()[path]) == [], path
