"""The built case pages' "where things stand" (issue #12): its dates and counts read from
the HTML and checked against the model of the same data, computed here without
casefile.model.stand: the records' end date, each finding counted once by its latest
assessment, every requirement by its outcome, the past-due and outstanding dates. Builds the
Powys fixture with the fictional second case added (tests/projects)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from casefile.model import objects as m
from casefile.model.dates import human_day
from casefile.model.deadlines import latest_document_date
from casefile.model.histories import status_words
from casefile.model.vocab import OUTCOMES, STATUSES
from casefile.pipeline import load_dataset
from tests.conftest import add_second_case, copy_project, mkdocs_build

BUILT = dt.date(2026, 11, 30)
# statuses and outcomes in the vocabulary's words, without quotation marks (#12 review);
# a count before its label, as the vocabulary gives it (#18/#12 review, item 3): "2 with the
# status Concern remains", "1 with the status Met, timing not established"; the one
# requirement's outcome inside its sentence: "is met, timing not established"
TERMS = {status_words(t): t.label for t in [*STATUSES.values(), *OUTCOMES.values()]}
TERMS.update({t.label: t.label for t in [*STATUSES.values(), *OUTCOMES.values()]})
WORDS = "|".join(re.escape(w) for w in sorted(TERMS, key=len, reverse=True))
COUNTED = re.compile(rf"(\d+) with the status ({WORDS})(?!\w)")
# the requirements, a short sentence a count (#29 review, item 3): "2 have the status Met late."
HAS = re.compile(rf"(\d+) (?:has|have) the status ({WORDS})\.")
ONE = re.compile(rf"As of (.+?), the one requirement recorded, set by .+?, is ({WORDS})"
                 r"(?!\w)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, m.Dataset]:
    root = copy_project(tmp_path_factory.mktemp("stand"))
    add_second_case(root / "data")
    epoch = calendar.timegm(BUILT.timetuple())
    result = mkdocs_build(root, SOURCE_DATE_EPOCH=str(epoch))
    assert result.returncode == 0, result.stderr
    return root / "site", load_dataset(root / "data", use_cache=False)


def block(site: Path, case_id: str) -> tuple[Tag, BeautifulSoup]:
    soup = BeautifulSoup((site / "cases" / case_id / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    found = soup.select_one("div.cf-stand")
    assert found is not None
    return found, soup


def latest_statuses(case: m.Case, record: m.Record) -> Counter[str]:
    """Each finding of ``record`` once: the status of its assessment in the latest record of
    the case that assesses it (records are in date order), or "Not assessed"."""
    counts: Counter[str] = Counter()
    for finding in record.findings:
        last = [a for r in case.records for a in r.assessments if a.finding is finding]
        counts[last[-1].status.label if last else "Not assessed"] += 1
    return counts


def shown_statuses(lead: Tag) -> tuple[int, Counter[str]]:
    """The number of findings a lead paragraph says were raised, and the counts in the
    sentences that follow it (its list, or the paragraph itself)."""
    text = lead.get_text(" ", strip=True)
    raised = int(re.search(r"raised (\d+) findings?", text).group(1))  # type: ignore[union-attr]
    after = lead.find_next_sibling()
    said = [li.get_text(" ", strip=True) for li in after("li")] \
        if after is not None and after.name == "ul" else []
    counts: Counter[str] = Counter()
    for sentence in [*said, text]:
        for n, words in COUNTED.findall(sentence):
            counts[TERMS[words]] += int(n)
        missing = re.match(r"(\d+) (?:is|are) not assessed yet", sentence)
        if missing:
            counts["Not assessed"] += int(missing.group(1))
        if "None of them is assessed yet" in sentence or "It is not assessed yet" in sentence:
            counts["Not assessed"] += raised
    return raised, counts


def test_each_case_page_says_where_things_stand_as_the_model_does(
        built: tuple[Path, m.Dataset]) -> None:
    site, ds = built
    assert len(ds.cases) == 2
    for case in ds.cases.values():
        stand, soup = block(site, case.id)
        # right under the title, before the facts
        assert soup.h1.find_next("h2")["id"] == "where-things-stand"
        assert stand.find_next("dl")["class"] == ["cf-facts"]
        assert stand.find_previous("dl") is None
        end = latest_document_date(case)
        assert end is not None
        first = stand.p.get_text(" ", strip=True)
        assert first.startswith(f"These records end {'on' if end.day else 'in'} {end.human()}.")
        for a in stand.p("a"):
            assert soup.find(id=a["href"].removeprefix("#")) is not None
        if (BUILT - end.latest).days > 90:
            assert f"this version of the site was built on {human_day(BUILT)}" in first
        leads = [p for p in stand("p", recursive=False) if " raised " in p.get_text()]
        raised = [r for r in case.records if r.findings]
        assert len(leads) == len(raised)
        for lead, record in zip(leads, raised, strict=True):
            total, counts = shown_statuses(lead)
            assert total == len(record.findings)
            assert counts == latest_statuses(case, record)


def test_requirements_are_counted_and_dated_as_the_model_does(
        built: tuple[Path, m.Dataset]) -> None:
    site, ds = built
    for case in ds.cases.values():
        stand, soup = block(site, case.id)
        text = next(p for p in stand("p", recursive=False)
                    if p.get_text().startswith(("Of the", "As of", "No requirements")))
        words = text.get_text(" ", strip=True)
        outcomes = Counter(r.outcome.term.label for r in case.requirements if r.outcome)
        assert as_of_in(words) == (case.as_of_shown.human() if outcomes else None)
        one = ONE.match(words)
        shown: Counter[str] = Counter({TERMS[one.group(2)]: 1}) if one else Counter()
        for n, said in [] if one else HAS.findall(words):  # one count per who says so
            shown[TERMS[said]] += int(n)
        assert shown == outcomes
        pending = {r.id: r for r in case.requirements if r.outcome
                   and r.outcome.term.value in ("overdue", "outstanding")}
        # each link's visible words (its hidden words name the requirement, #12 review)
        linked = {a["href"].removeprefix("#req-"): next(a.strings) for a in text("a")
                  if a["href"].startswith("#req-")}
        open_case = case.status.value == "open"
        assert set(linked) == (set(pending) if open_case else set())
        for req_id, due in linked.items():
            outcome = pending[req_id].outcome
            assert outcome is not None
            assert soup.find("tr", id=f"req-{req_id}") is not None
            if outcome.due_until is None:
                assert due == "no deadline set"
            else:
                assert due.endswith(human_day(outcome.due_until))


def as_of_in(words: str) -> str | None:
    found = re.match(r"As of (.+?), (?:the one|\d+) requirements? (?:is|are )?recorded", words)
    return found.group(1) if found else None


def test_the_block_is_light_and_the_case_list_repeats_it(
        built: tuple[Path, m.Dataset]) -> None:
    site, ds = built
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    for case in ds.cases.values():
        stand, _ = block(site, case.id)
        # of a page meant to stay within 40 KB; each second-hand count names only the
        # sources that report it, which takes a sentence per group of sources; the
        # requirement counts are cited, and who reports a requirement known second-hand is
        # named (#12 review)
        assert len(str(stand).encode()) < 4000
        row = home.find("a", href=f"cases/{case.id}/").find_parent("tr")
        short = row.select_one("td.cf-stand-short")
        assert short.p.get_text(" ", strip=True) == stand.p.get_text(" ", strip=True).split(
            " [")[0]
        assert short.select_one("a[href$='#where-things-stand']") is not None


def test_the_case_list_counts_each_reports_findings_as_the_model_does(
        built: tuple[Path, m.Dataset]) -> None:
    """The home page's case list says where things stand too (#12 item 1): a paragraph per
    report that raised findings, each finding counted once by its latest assessment, every
    speaker's counts in that one paragraph (the case page has a list)."""
    site, ds = built
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    seen = 0
    for case in ds.cases.values():
        short = home.find("a", href=f"cases/{case.id}/").find_parent("tr").select_one(
            "td.cf-stand-short")
        leads = [p for p in short("p", recursive=False) if " raised " in p.get_text()]
        raised = [r for r in case.records if r.findings]
        assert len(leads) == len(raised)
        for lead, record in zip(leads, raised, strict=True):
            assert lead.find_next_sibling().name == "p"  # no list here: all in the paragraph
            text = lead.get_text(" ", strip=True)
            total = int(re.search(r"raised (\d+) findings?", text).group(1))  # type: ignore[union-attr]
            counts: Counter[str] = Counter()
            for n, words in COUNTED.findall(text):
                counts[TERMS[words]] += int(n)
            missing = re.search(r"(?:^|\. )(\d+) (?:is|are) not assessed yet", text)
            counts["Not assessed"] += int(missing.group(1)) if missing else 0
            if "None of them is assessed yet" in text or "It is not assessed yet" in text:
                counts["Not assessed"] += total
            assert total == len(record.findings)
            assert +counts == latest_statuses(case, record)
            seen += sum(counts.values())
    assert seen > 10  # both cases, the Powys fixture's 18 findings among them
