"""The "Got worse" status and the built-in kinds for processes across the UK."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from casefile.model import vocab
from casefile.outputs.render import Renderer
from casefile.pipeline import load_dataset
from tests.conftest import MINI, REPO, write_tree

FOL = "cases/town/records/town-follow-up.yml"


def test_worsened_is_a_status_shown_in_words(tmp_path: Path) -> None:
    files = dict(MINI)
    files[FOL] = files[FOL].replace("status: improving", "status: worsened")
    write_tree(tmp_path / "data", files)
    r = Renderer(load_dataset(tmp_path / "data", use_cache=False), REPO / "macros")
    soup = BeautifulSoup(r.macro("findings", "cases/town.md", view=r.views["town"]),
                         "html.parser")
    cell = soup.select_one("span.s-worsened")
    assert cell is not None and cell.get_text() == "Got worse"
    table = BeautifulSoup(r.macro("vocabulary", "methodology.md", name="statuses"),
                          "html.parser")
    assert [c.get_text() for c in table.select("tbody tr")[1].select("th, td")] == [
        "Got worse", "worsened",
        "The assessor says the matter has got worse since it was last assessed."]


def test_built_in_kinds_cover_intervention_steps_across_the_uk() -> None:
    assert {"improvement_notice", "statutory_direction", "intervention", "intervention_ended",
            "commissioner_appointed", "commissioner_report", "focused_visit", "re_inspection",
            "transfer_to_trust"} <= set(vocab.RECORD_TYPES)
    assert {"trust", "commissioner", "health", "police"} <= set(vocab.BODY_KINDS)
    assert {"letter", "direction", "commissioner_report"} <= set(vocab.SOURCE_KINDS)
    for terms in vocab.EXTENSIBLE.values():
        for term in terms.values():
            assert "Wales" not in term.description and "Welsh" not in term.description
