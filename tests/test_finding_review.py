"""A finding page after #12's review: its top line names who says so as the findings
table's cell does, from one function (casefile.model.histories.who_says): "own claim",
"regulator's judgement", and "as reported by …" for a claim known second-hand. Built from
the fictional MINI data set (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from casefile.model.histories import finding_src, histories
from casefile.outputs.render import Renderer, case_src
from casefile.pipeline import load_dataset
from tests.conftest import REPO, write_mini
from tests.test_stand import FOLLOW_UP

# the follow-up's assessment made by the inspectorate, known only from the council's news
RELAYED = {FOLLOW_UP: ("    asserted_by: town-council", "    asserted_by: inspectorate")}


def test_the_top_line_says_an_own_claim_is_one(tmp_path: Path) -> None:
    case = load_dataset(write_mini(tmp_path, {}), use_cache=False).cases["town"]
    [history] = histories(case)
    assert history.where_it_stands == (
        "Latest: improving, 1 March 2018 (own claim: Town Council). Assessed once since "
        "it was raised in July 2017.")


def test_the_top_line_says_a_judgement_known_second_hand_is_reported(tmp_path: Path) -> None:
    case = load_dataset(write_mini(tmp_path, RELAYED), use_cache=False).cases["town"]
    [history] = histories(case)
    assert history.where_it_stands == (
        "Latest: improving, 1 March 2018 (regulator's judgement: New Inspectorate, as "
        "reported by Town Council (self-report)). Assessed once since it was raised in July "
        "2017.")


def test_the_page_and_the_table_cell_say_who_in_the_same_words(tmp_path: Path) -> None:
    r = Renderer(load_dataset(write_mini(tmp_path, RELAYED), use_cache=False), REPO / "macros")
    v = r.views["town"]
    table = BeautifulSoup(str(r.macro("findings", case_src("town"), view=v)), "html.parser")
    cell = table.select_one(".cf-matrix .cf-asserter")  # one speaker: in its heading
    assert cell is not None
    said = cell.get_text()
    assert said == ("Regulator's judgement: New Inspectorate, as reported by Town Council "
                    "(self-report)")
    page = BeautifulSoup(r.pages()[finding_src("town", "f-leadership")], "html.parser")
    top = page.select_one(".cf-standing")
    assert top is not None
    assert f"({said[:1].lower()}{said[1:]})" in top.get_text(" ", strip=True)


def test_the_note_on_columns_in_no_known_order_describes_its_table(tmp_path: Path) -> None:
    """The note names the columns by their headings as shown, and the table points to it."""
    from tests.test_words_site import TIE, _changes
    r = Renderer(load_dataset(write_mini(tmp_path, _changes("a-visit")), use_cache=False),
                 REPO / "macros")
    html = BeautifulSoup(str(r.macro("findings", case_src("town"), view=r.views["town"])),
                         "html.parser")
    table = html.select_one("table.cf-matrix")
    assert table is not None
    heads = [" ".join(th.get_text("", strip=False).split()) for th in table.select("thead th")]
    assert heads[1:] == ["Monitoring visit, 1 March 2018; Regulator's judgement: New Inspectorate",
                         "Follow-up inspection, 1 March 2018; Own claim: Town Council"]
    [note_id] = str(table["aria-describedby"]).split()
    note = html.find(id=note_id)
    assert note is not None and note.name == "p" and note.get_text() == TIE
    assert all(f"“{h}”" in TIE for h in heads[1:])
