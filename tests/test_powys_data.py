"""The Powys case (the fixture copy in tests/projects/powys) invents nothing: every
quotation is in the seed document it cites, which is its source's stored copy, so
casefile's own check verifies it (and fails on any changed character)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from casefile.errors import DataError
from casefile.model import objects as m
from casefile.pipeline import load_dataset
from tests.conftest import POWYS_DATA, REPO
from tests.test_cli import run
from tests.test_live_data import SEED_OF, SEEDS, every_citation

DATASET = load_dataset(POWYS_DATA)  # the fixture copy of the Powys case


def test_every_source_is_a_seed_document() -> None:
    assert set(DATASET.sources) == set(SEED_OF)
    seeds = SEEDS.glob("[0-9][0-9][0-9]_*.txt")
    assert sorted(SEED_OF.values()) == sorted(p.name for p in seeds)


def test_every_source_has_its_seed_document_as_its_stored_copy() -> None:
    for source in DATASET.sources.values():
        assert source.copy is not None and source.copy.file == f"{source.id}.txt"
        stored = POWYS_DATA / "sources" / "copies" / source.copy.file
        assert stored.read_bytes() == (SEEDS / SEED_OF[source.id]).read_bytes()
        assert (REPO / "data" / "sources" / "copies" / source.copy.file).read_bytes() == \
            stored.read_bytes()


def test_every_quotation_was_checked_against_its_stored_copy() -> None:
    quoted = [(where, c) for where, c in every_citation(DATASET)
              if c.quote or where.endswith(" statement")]
    assert len(quoted) > len(DATASET.sources)
    assert [where for where, c in quoted if not c.checked or not c.found_at] == []


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


def _quotes(ds: m.Dataset) -> dict[tuple[str, int, int], str]:
    """(file, line, column) → the quote written there, for every quote in the data set."""
    out = {c.quote_at[:3]: c.quote for _, c in every_citation(ds) if c.quote and c.quote_at}
    for case in ds.cases.values():
        out.update({s.quote_at[:3]: s.quote for s in case.statements if s.quote_at})
    return out


def _one_letter_changed(text: str, line: int, column: int, quote: str) -> tuple[str, str]:
    """``text`` with one letter changed in the quote written at line:column, and the
    changed word."""
    word = max(re.findall(r"[A-Za-z]{4,}", quote), key=len)
    offset = sum(len(x) + 1 for x in text.split("\n")[:line - 1]) + column - 1
    at = text.index(word, offset) + len(word) // 2
    letter = "q" if text[at] != "q" else "z"
    return text[:at] + letter + text[at + 1:], word[:len(word) // 2] + letter + \
        word[len(word) // 2 + 1:]


def test_one_changed_letter_in_any_quote_fails_the_check_at_that_quote(
        tmp_path: Path) -> None:
    """Every quote in turn (one quote a file at a time, so each round's problems must be
    exactly the changed quotes): a located problem with the closest passage."""
    data = tmp_path / "data"
    shutil.copytree(POWYS_DATA, data)
    quotes = _quotes(load_dataset(data, use_cache=False))
    by_file: dict[str, list[tuple[int, int]]] = {}
    for file, line, column in sorted(quotes):
        by_file.setdefault(file, []).append((line, column))
    rounds = max(len(v) for v in by_file.values())
    assert len(quotes) > rounds > 1
    for n in range(rounds):
        changed, originals = {}, {}
        for file, places in by_file.items():
            if n < len(places):
                path = tmp_path / file
                originals[path] = path.read_text(encoding="utf-8")
                text, word = _one_letter_changed(originals[path], *places[n],
                                                 quotes[(file, *places[n])])
                path.write_text(text, encoding="utf-8")
                changed[(file, *places[n])] = word
        with pytest.raises(DataError) as caught:
            load_dataset(data, use_cache=False)
        found = {(p.file, p.line, p.column): p.message for p in caught.value.problems}
        assert set(found) == set(changed)
        for where, message in found.items():
            assert re.search(r"the closest passage \((para\.|paras\.) \d+(–\d+)?\) reads: "
                             rf"\".+\"; the copy has \".+\" where the quote has \"[^\"]*"
                             rf"{changed[where]}", message), message
        if n == 0:  # and the command says so, without a traceback
            result = run(["check", "--full"], tmp_path)
            assert result.returncode == 1 and "Traceback" not in result.stderr
            assert sorted(line.split(": ")[0] for line in result.stderr.splitlines()[:-1]) \
                == sorted(f"{f}:{ln}:{col}" for f, ln, col in changed)
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
