"""Every kind of body is told as what it is: a coroner's words read as a coroner's, a
committee's as a parliament's or committee's, never as "Other" (casefile.model.who)."""

from __future__ import annotations

import pytest

from casefile.model import objects as m
from casefile.model import vocab, who

# kind -> (asserter label, evidence grade label) when no case names the body
EXPECTED = {
    "coroner": ("Coroner's finding", "Coroner"),
    "committee": ("Parliament or committee", "Parliament"),
    "parliament": ("Parliament or committee", "Parliament"),
    "inquiry": ("Inquiry's finding", "Inquiry"),
    "auditor": ("Auditor's finding", "Auditor"),
    "regulator": ("Regulator's judgement", "Regulator"),
    "local_authority": ("Other", "Other"),
    "police": ("Other", "Other"),
}


def _body(kind: str) -> m.Body:
    return m.Body(id=f"example-{kind}", kind=kind, names=[], note=None)


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_a_body_is_told_by_its_kind(kind: str) -> None:
    body = _body(kind)
    source = m.Source.__new__(m.Source)
    source.original, source.publisher, source.kind = None, body, "report"
    assert (who.asserter(body, None).label, who.grade(source, None).label) == EXPECTED[kind]


def test_every_kind_of_body_has_an_asserter_and_an_evidence_grade() -> None:
    for kind in vocab.BODY_KINDS:
        relation = who.relation(_body(kind), None)
        assert relation in vocab.ASSERTERS and relation in vocab.WHO_SAYS_SO, kind
