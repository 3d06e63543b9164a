"""The worked example of the "How to edit" page and its common mistakes.

The page shows the message each mistake produces by running the real checks on the
example at build time, so the documentation cannot drift from the code. The example
brings its own small, fictional data set (``BASE``) and is checked against it alone, so
the messages are the same whatever cases the site's data/ holds.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from casefile.errors import DataError, Problem
from casefile.model.link import Loaded
from casefile.outputs import feature_examples
from casefile.outputs.jsonschema import header_for
from casefile.pipeline import build_dataset, classify
from casefile.reading.load import parse_text
from casefile.reading.schema import FILE_KINDS
from casefile.reading.validate import validate

CASE = "example-childrens-services"
SOURCE_PATH = "data/sources/example-letter.yml"
RECORD_PATH = f"data/cases/{CASE}/records/example-2019-monitoring-visit.yml"

# The small, fictional data set the example belongs to (no real body, place or event): the
# example and its mistakes are checked against it alone, so the page shows the same
# messages whatever the site's own data/ holds.
BASE = {
    "data/themes.yml": """\
themes:
  - id: access
    name: Access to services
  - id: assessment-planning
    name: Assessment and planning
  - id: partnership
    name: Working with partners
""",
    "data/bodies/example-council.yml": """\
id: example-council
kind: local_authority
names:
  - name: Example Council
""",
    "data/bodies/example-inspectorate.yml": """\
id: example-inspectorate
kind: regulator
names:
  - name: Example Inspectorate
""",
    "data/sources/example-report.yml": """\
id: example-report
title: "EXAMPLE ONLY: inspection report"
publisher: example-inspectorate
kind: inspection_report
published: 2017-10-02
language: en
""",
    f"data/cases/{CASE}/case.yml": f"""\
id: {CASE}
title: "EXAMPLE ONLY: Example Council children's services"
subject: example-council
service: Children's services
regulators: [example-inspectorate]
legal_basis: The law under which the inspectorate acts
jurisdiction: GB-ENG
status: open
reviewed: 2019-04-01
summary: A fictional case, for the worked example of the How to edit page.
themes: [access, assessment-planning, partnership]
cite: [example-report]
""",
    f"data/cases/{CASE}/records/example-2017-inspection.yml": """\
id: example-2017-inspection
type: inspection
title: "EXAMPLE ONLY: inspection"
date: 2017-07
published: 2017-10-02
body: example-inspectorate
summary: Inspectors found three things to put right.
cite: [example-report]
findings:
  - id: f2017-access
    theme: access
    text: Families could not get help quickly enough.
    cite: [example-report]
  - id: f2017-assessment-planning
    theme: assessment-planning
    text: Assessments and plans were often late.
    cite: [example-report]
  - id: f2017-partners
    theme: partnership
    text: The council and its partners did not share information.
    cite: [example-report]
""",
}
FINDINGS = ("f2017-access", "f2017-assessment-planning", "f2017-partners")

SOURCE = """\
id: example-letter
title: "EXAMPLE ONLY: letter after a monitoring visit"
publisher: example-inspectorate
kind: other
published: 2019-03-20
language: en
"""

RECORD = """\
id: example-2019-monitoring-visit
type: monitoring_visit
title: "EXAMPLE ONLY: monitoring visit"
date: 2019-03-12
published: 2019-03-20
body: example-inspectorate
summary: Inspectors returned to check progress on three findings of the 2017 report.
cite:
  - source: example-letter
    quote: The exact words from the letter go here.
assessments:
  - finding: f2017-access
    status: improved
    asserted_by: example-inspectorate
    note: What the letter says about access, in brief.
    cite: [example-letter]
  - finding: f2017-assessment-planning
    status: improving
    asserted_by: example-inspectorate
    note: What the letter says about assessments, in brief.
    cite: [example-letter]
  - finding: f2017-partners
    status: concern
    asserted_by: example-inspectorate
    note: What the letter says about partners, in brief.
    cite: [example-letter]
"""


@dataclass(frozen=True)
class Mistake:
    title: str
    old: str
    new: str
    message: str = ""
    path: str = RECORD_PATH  # the file of the example data set it is made in


MISTAKES = (
    Mistake("A misspelt key", "summary: Inspectors", "sumary: Inspectors"),
    Mistake("A status that is not in the vocabulary", "status: improving",
            "status: getting better"),
    Mistake("Citing a source that does not exist", "cite: [example-letter]\n",
            "cite: [example-leter]\n"),
    Mistake("An impossible date", "date: 2019-03-12", "date: 2019-02-30"),
    Mistake("An unquoted no", "status: concern", "status: no"),
    Mistake("A key given twice", "type: monitoring_visit\n",
            "type: monitoring_visit\ntype: monitoring\n"),
    Mistake("An assessment dated before its finding", "date: 2019-03-12\npublished: 2019-03-20",
            "date: 2016-03-12\npublished: 2019-03-20"),
    *(Mistake(title, old, new, path=path) for title, path, old, new in feature_examples.MISTAKES),
)


def _with_header(rel: str, text: str) -> str:
    kind, _, _ = classify(Path("data"), Path(rel))
    return f"{header_for(str(kind), rel)}\n{text}"


def record_text(mistake: Mistake | None = None) -> str:
    text = _with_header(RECORD_PATH, RECORD)
    return text.replace(mistake.old, mistake.new, 1) if mistake else text


def source_text() -> str:
    return _with_header(SOURCE_PATH, SOURCE)


def files(mistake: Mistake | None = None) -> dict[str, str]:
    """Every file of the example's data set (path from the project root → text): the
    fictional case it belongs to, the example source and the record, and the fictional
    partnership case of the newer fields (with ``mistake`` made in its file)."""
    texts = {**{rel: _with_header(rel, text) for rel, text in BASE.items()},
             SOURCE_PATH: source_text(), RECORD_PATH: record_text(),
             **{rel: _with_header(rel, text) for rel, text in feature_examples.FILES.items()}}
    if mistake:
        texts[mistake.path] = texts[mistake.path].replace(mistake.old, mistake.new, 1)
    return texts


def install(root: Path, mistake: Mistake | None = None) -> None:
    """Write the example's whole data set into the project at ``root``, which must have no
    data of its own (the example brings its own themes.yml)."""
    for rel, text in files(mistake).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def needed(loaded: list[Loaded]) -> list[Loaded]:
    """The build's validated records the examples need (``load_dataset(keep=...)``): none,
    since the examples are checked against their own data set."""
    return []


def _check(texts: dict[str, str]) -> str:
    """The problems the checks report for a data set given as texts, one per line."""
    loaded: list[Loaded] = []
    problems: list[Problem] = []
    for rel, text in texts.items():
        kind, expected_id, case_id = classify(Path("data"), Path(rel))
        node, parse_problems = parse_text(text, rel)
        problems += parse_problems
        if node is not None and kind is not None:
            rec, invalid = validate(node, FILE_KINDS[kind], rel)
            problems += invalid
            if rec is not None:
                loaded.append(Loaded(kind, rec, expected_id, case_id, not invalid))
    try:
        build_dataset(loaded, problems, set())
    except DataError as exc:
        return "\n".join(str(p) for p in exc.problems)
    return "(no problem found)"


@functools.cache
def with_messages() -> tuple[Mistake, ...]:
    """Each mistake with the exact problem lines the checks report for it, made in the
    example's own data set (a few milliseconds, whatever the size of the site)."""
    return tuple(Mistake(m.title, m.old, m.new, _check(files(m))) for m in MISTAKES)
