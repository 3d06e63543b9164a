"""The Powys case (the fixture copy in tests/projects/powys) invents nothing: every
quotation is in the seed document it cites."""

from __future__ import annotations

import pytest

from casefile.model import objects as m
from casefile.pipeline import load_dataset
from tests.conftest import POWYS_DATA, plain_id
from tests.test_live_data import SEED_OF, SEEDS, every_citation, normalise

DATASET = load_dataset(POWYS_DATA)  # the fixture copy of the Powys case


def test_every_source_is_a_seed_document() -> None:
    assert set(DATASET.sources) == set(SEED_OF)
    seeds = SEEDS.glob("[0-9][0-9][0-9]_*.txt")  # other stored copies are <source-id>.txt
    assert sorted(SEED_OF.values()) == sorted(p.name for p in seeds)


@pytest.mark.parametrize("where, cite", every_citation(DATASET), ids=plain_id)
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
