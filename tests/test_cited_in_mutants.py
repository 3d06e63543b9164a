"""Where a case page cites each source (casefile.model.cited_in): the cases a mutation run
found no test for. Two money items are named by what they are for, as the page's list of
money says it (the list is not numbered): by their first 4 words, told apart by their
first 16, then by their place among the links of the same words. The fictional Town
Council case of tests/conftest.py MINI."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MINI
from tests.test_cited_in_exact import CASE, listed, view

SHARED = "Set aside for the new children's home on the edge of the town, to be built"  # 16
MONEY = f"""\
money:
  - amount: 4000000
    currency: GBP
    for: {SHARED} by the council.
    cite: [report-2017]
  - amount: 1000
    currency: GBP
    for: {SHARED} by a charity.
    cite: [report-2017]
"""


def test_money_items_alike_in_16_words_are_told_apart_by_their_place(tmp_path: Path) -> None:
    old = MINI[CASE][MINI[CASE].index("money:\n"):MINI[CASE].rindex("cite: [report-2017]\n")]
    v = view(tmp_path, {CASE: (old, MONEY)})
    detail = f"“{SHARED}…”"
    assert dict(listed(v)["report-2017"])["Money"] == [
        ("money-1", f"“Set aside for the…” ({detail}, 1st of 2)", detail),
        ("money-2", f"“Set aside for the…” ({detail}, 2nd of 2)", detail)]
