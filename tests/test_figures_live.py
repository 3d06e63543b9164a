"""Figures over time (#15) in the live data/ folder, checked only for what must hold for
ANY valid data set: nothing here names a case, body, source or indicator."""

from __future__ import annotations

from casefile.model import vocab, who
from casefile.outputs.opendata import tables, to_json
from casefile.pipeline import load_dataset
from tests.conftest import REPO

LIVE = REPO / "data"


def test_every_live_figure_is_quoted_checked_and_graded() -> None:
    """Each figure quotes its source, and every quote of a source with a stored copy was
    found in it; its grade is its reporting body's relation to the case (a subject's own
    figure is a self-report); its value fits its unit."""
    ds = load_dataset(LIVE, use_cache=False)
    figures = [f for c in ds.cases.values() for f in c.figures]
    for f in figures:
        assert any(c.quote for c in f.cites), f
        assert all(c.checked for c in f.cites if c.quote and c.source.copy), f
        assert f.asserter == who.asserter(f.by, f.record.case)
        assert f.indicator is ds.indicators[f.indicator.id]
        unit = f.indicator.unit
        assert isinstance(unit, vocab.Unit) and f.value >= 0
        assert unit.most is None or f.value <= unit.most
        assert not unit.whole or f.value == f.value.to_integral_value()
    rows = tables(list(ds.cases.values()))["figures"].splitlines()[1:]
    assert len(rows) == len(figures)
    exported = to_json(ds)
    assert len(exported.get("indicators", [])) == len(ds.indicators)
    assert sum(len(r.get("figures", [])) for c in exported["cases"] for r in c["records"]) \
        == len(figures)
