"""The Powys case invents nothing: every quotation is in the seed document it cites."""

from __future__ import annotations

import re

import pytest

from casefile import model as m
from casefile.pipeline import load_dataset
from tests.conftest import POWYS_DATA, REPO

SEEDS = REPO / "tests" / "seeds"
# Which seed document (copied from ../shared/seeds) each source record describes.
SEED_OF = {
    "star-further-warning": "000_7ee426d559da7f46.txt",
    "news-serious-concerns-remain": "001_ca2cbad75c2c214d.txt",
    "powys-press-release-2018-03-13": "002_c9f0e9f05ce56dc3.txt",
    "wg-statement-2019-01-09": "003_78705bdef9e583c7.txt",
    "star-damning-report": "004_1ab828acba130f78.txt",
}
DATASET = load_dataset(POWYS_DATA)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def every_citation() -> list[tuple[str, m.Citation]]:
    found: list[tuple[str, m.Citation]] = []
    for body in DATASET.bodies.values():
        found += [(f"body {body.id}", c) for n in body.names for c in n.cites]
    for case in DATASET.cases.values():
        found += [(f"case {case.id}", c) for c in case.cites]
        found += [(f"money {x.display}", c) for x in case.money for c in x.cites]
        for r in case.records:
            found += [(r.id, c) for c in r.cites]
            found += [(f.id, c) for f in r.findings for c in f.cites]
            found += [(f"{r.id} on {a.finding.id}", c) for a in r.assessments for c in a.cites]
            for q in r.requirements:
                found += [(q.id, c) for c in q.cites + (q.reported.cites if q.reported else [])]
            found += [(f"{r.id} statement", c) for s in r.statements for c in s.cites]
    return found


def test_every_source_is_a_seed_document() -> None:
    assert set(DATASET.sources) == set(SEED_OF)
    assert sorted(SEED_OF.values()) == sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("where, cite", every_citation(), ids=lambda v: str(v)[:40])
def test_quotations_are_verbatim(where: str, cite: m.Citation) -> None:
    if cite.quote is None:
        return
    seed = normalise((SEEDS / SEED_OF[cite.source.id]).read_text(encoding="utf-8"))
    assert normalise(cite.quote) in seed, f"{where}: not in {cite.source.id}"


def test_statements_quote_their_source_verbatim() -> None:
    for case in DATASET.cases.values():
        for statement in case.statements:
            for cite in statement.cites:
                seed = normalise((SEEDS / SEED_OF[cite.source.id]).read_text(encoding="utf-8"))
                assert normalise(statement.quote) in seed, statement.quote[:60]


def test_no_invented_urls_or_publication_dates() -> None:
    for source in DATASET.sources.values():
        assert source.url is None and source.archive_url is None  # the seeds give none
        seed = (SEEDS / SEED_OF[source.id]).read_text(encoding="utf-8")
        if source.published is None:
            assert source.published_note, source.id
        elif not source.published_note or "inferred" not in source.published_note:
            # a stated date must appear in the document in some written form
            day = source.published.earliest
            forms = (f"{day.day}th {day:%B %Y}", f"{day.day} {day:%B}")
            assert any(f in seed for f in forms), source.id


def test_every_requirement_and_finding_is_cited() -> None:
    for case in DATASET.cases.values():
        assert all(f.cites for f in case.findings)
        assert all(r.cites for r in case.requirements)
        assert all(r.cites for r in case.records)
