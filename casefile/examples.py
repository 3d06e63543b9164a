"""The worked example of the "How to edit" page and its common mistakes.

The page shows the message each mistake produces by running the real validator on the
example at build time, so the documentation cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casefile.errors import DataError
from casefile.jsonschema import header_for
from casefile.link import Loaded
from casefile.load import parse_text
from casefile.model import Dataset
from casefile.pipeline import build_dataset
from casefile.schema import FILE_KINDS
from casefile.validate import validate

CASE = "powys-childrens-services"
SOURCE_PATH = "data/sources/example-ciw-letter.yml"
RECORD_PATH = f"data/cases/{CASE}/records/example-2019-monitoring-visit.yml"

SOURCE = """\
id: example-ciw-letter
title: "EXAMPLE ONLY: letter after a monitoring visit"
publisher: care-inspectorate-wales
kind: other
published: 2019-03-20
language: en
"""

RECORD = """\
id: example-2019-monitoring-visit
type: monitoring_visit
title: "EXAMPLE ONLY: CIW monitoring visit"
date: 2019-03-12
published: 2019-03-20
body: care-inspectorate-wales
summary: Inspectors returned to check progress on three findings of the 2017 report.
cite:
  - source: example-ciw-letter
    quote: The exact words from the letter go here.
assessments:
  - finding: f2017-access
    status: improved
    asserted_by: care-inspectorate-wales
    note: What the letter says about access, in brief.
    cite: [example-ciw-letter]
  - finding: f2017-assessment-planning
    status: improving
    asserted_by: care-inspectorate-wales
    note: What the letter says about assessments, in brief.
    cite: [example-ciw-letter]
  - finding: f2017-partners
    status: concern
    asserted_by: care-inspectorate-wales
    note: What the letter says about partners, in brief.
    cite: [example-ciw-letter]
"""


@dataclass(frozen=True)
class Mistake:
    title: str
    old: str
    new: str
    message: str = ""


MISTAKES = (
    Mistake("A misspelt key", "summary: Inspectors", "sumary: Inspectors"),
    Mistake("A status that is not in the vocabulary", "status: improving",
            "status: getting better"),
    Mistake("Citing a source that does not exist", "cite: [example-ciw-letter]\n",
            "cite: [example-ciw-leter]\n"),
    Mistake("An impossible date", "date: 2019-03-12", "date: 2019-02-30"),
    Mistake("An unquoted no", "status: concern", "status: no"),
    Mistake("A key given twice", "type: monitoring_visit\n",
            "type: monitoring_visit\ntype: monitoring\n"),
    Mistake("An assessment dated before its finding", "date: 2019-03-12\npublished: 2019-03-20",
            "date: 2016-03-12\npublished: 2019-03-20"),
)


def record_text(mistake: Mistake | None = None) -> str:
    text = f"{header_for('record', RECORD_PATH)}\n{RECORD}"
    return text.replace(mistake.old, mistake.new, 1) if mistake else text


def source_text() -> str:
    return f"{header_for('source', SOURCE_PATH)}\n{SOURCE}"


def install(root: Path, mistake: Mistake | None = None) -> None:
    """Write the example source and record into the project at ``root``."""
    for rel, text in ((SOURCE_PATH, source_text()), (RECORD_PATH, record_text(mistake))):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def _ids(value: object) -> set[str]:
    """Every string value in a validated record (a superset of the ids it cites)."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            found.add(item)
    return found


def needed(loaded: list[Loaded]) -> list[Loaded]:
    """The validated records the examples are checked against: the example's case and the
    shared files it can refer to (sources only where it cites them)."""
    loaded = [item for item in loaded if isinstance(item, Loaded)]
    mine = [item for item in loaded if item.case_id == CASE]
    cited = {value for item in mine for value in _ids(item.rec)}
    return mine + [item for item in loaded if item.case_id is None
                   and (item.kind != "source" or item.rec.get("id") in cited)]


def with_messages(dataset: Dataset) -> list[Mistake]:
    """Each mistake with the exact problem lines the checks report for it.

    Reuses the records the build already validated (only the example's case is linked
    again), so it costs milliseconds however large the data set is."""
    base = needed(dataset.loaded)
    found = []
    for mistake in MISTAKES:
        loaded, problems = list(base), []
        for kind, rel, text in (("source", SOURCE_PATH, source_text()),
                                ("record", RECORD_PATH, record_text(mistake))):
            node, parse_problems = parse_text(text, rel)
            problems += parse_problems
            if node is not None:
                rec, invalid = validate(node, FILE_KINDS[kind], rel)
                problems += invalid
                if rec is not None:
                    loaded.append(Loaded(kind, rec, Path(rel).stem,
                                         CASE if kind == "record" else None, not invalid))
        try:
            build_dataset(loaded, problems, set())
            message = "(no problem found)"
        except DataError as exc:
            message = "\n".join(str(p) for p in exc.problems)
        found.append(Mistake(mistake.title, mistake.old, mistake.new, message))
    return found
