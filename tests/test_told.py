"""A claim relayed through other bodies reads as one plain sentence, from the end the reader
has it from (#12, G1): "X gave …" first-hand, "A reports that X gave …" through one
publisher, "A and B report that X gave …" through two (casefile.model.who.told). Exact
sentences from the fictional second-hand fixture (tests/projects/second-hand), in the model
and on the built case page and case list."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from casefile.model import objects as m
from casefile.model import vocab, who
from casefile.model.views import case_view
from casefile.pipeline import load_dataset
from tests.conftest import SECOND_HAND_DATA
from tests.html_support import soup_of, spaced_words
from tests.test_second_hand import site  # noqa: F401  (the same build, made once)

CASE = "brookfield-childrens-services"
VISIT = f"cases/{CASE}/records/brookfield-2024-regulator-visit.yml"
ONE = ("Brookfield Improvement Board (improvement board; 20 February 2024) gave the latest "
       "assessment of 2 of them: 2 with the status Improving.")
TWO_OWN = ("The Example Gazette (press) reports that Brookfield District Council (own claim; "
           "5 March 2024) gave the latest assessment of 1 of them: 1 with the status Resolved.")
TWO = ("The Example Gazette (press) reports that Example Care Regulator (regulator's "
       "judgement; 4 March 2024) gave the latest assessment of 1 of them: 1 with the "
       "status Concern remains.")
THREE = ("The Example Gazette (press) and Brookfield District Council (self-report) report "
         "that Example Care Regulator (regulator's judgement; 4 March 2024) gave the latest "
         "assessment of 1 of them: 1 with the status Concern remains.")
REQUIREMENT = ("As of 5 March 2024, the one requirement recorded, set by Example Care "
               "Regulator, is met, timing not established. Brookfield District Council "
               "(self-report) reports that Brookfield Improvement Board says so.")


def _voices(data: Path) -> list[str]:
    stand = case_view(load_dataset(data, use_cache=False).cases[CASE]).stand
    assert stand is not None
    return [v.text for f in stand.findings for v in f.voices]


def test_one_and_two_links_in_the_chain() -> None:
    assert _voices(SECOND_HAND_DATA) == [TWO_OWN, TWO, ONE]
    stand = case_view(load_dataset(SECOND_HAND_DATA, use_cache=False).cases[CASE]).stand
    assert stand is not None and stand.requirements.text == REQUIREMENT


def test_three_links_in_the_chain(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SECOND_HAND_DATA, data)
    visit = data / VISIT
    text = visit.read_text("utf-8")
    old = "    cite: [brookfield-gazette-article]\n"
    assert text.endswith(old)
    visit.write_text(text.removesuffix(old) + "    cite: [brookfield-gazette-article, "
                     "brookfield-press-release]\n", "utf-8")
    assert _voices(data) == [TWO_OWN, THREE, ONE]


def test_told_names_every_link_in_order() -> None:
    press, own = vocab.EVIDENCE_GRADES["press"], vocab.EVIDENCE_GRADES["self_report"]
    style = vocab.ASSERTERS["press"]
    one = m.Relayed([(None, press)], style, "as reported by a paper (press)", "a paper (press)")
    two = m.Relayed([(None, press), (None, own)], style, "",
                    "a paper (press) and Town Council (self-report)")
    assert who.told("X", None, "said so.") == "X said so."
    assert who.told("X", one, "said so.") == "A paper (press) reports that X said so."
    assert who.told("X", two, "said so.") == ("A paper (press) and Town Council (self-report) "
                                              "report that X said so.")


def _said(node: BeautifulSoup) -> list[str]:
    return [" ".join(li.get_text(" ", strip=True).split()) for li in node]


def test_the_case_page_and_the_case_list_say_it_so(site: Path) -> None:  # noqa: F811
    case = soup_of(site, f"cases/{CASE}")
    items = [re.sub(r"( \[\d+\])+$", "", t) for t in _said(case.select("div.cf-stand li"))]
    assert items == [TWO_OWN, TWO, ONE]
    short = spaced_words(soup_of(site).select_one("td.cf-stand-short"))  # type: ignore[arg-type]
    assert f"{TWO_OWN} {TWO} {ONE}" in short
