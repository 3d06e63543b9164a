"""Deterministic synthetic data: N cases shaped like Powys, and the same case pages written
by hand as plain Markdown (the anchor the benchmark compares against).

Each case: a council, about 12 sources, 12 records (an inspection raising 10 findings,
notices with requirements, 3 follow-ups assessing findings), statements and money. Each
source has a stored copy (data/sources/copies/, about 4 KB) holding its quotes, so every
quote is checked.

Beside them, one inquiry-sized case (``inquiry``, #18; invented, like every case here): a
public inquiry's final report with 200 recommendations, each directed at one of 3 bodies that
must respond within six months; a government response answering 180 of them for the three
bodies (statuses, notes and verbatim words from its stored copy); and 3 later progress reports
assessing some of them.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from casefile.outputs.jsonschema import header_for

WORDS = ("service", "oversight", "children", "families", "assessment", "planning",
         "safeguarding", "visits", "management", "leadership", "partners", "police", "health",
         "placements", "complaints", "workforce", "recruitment", "supervision", "timeliness",
         "quality", "practice", "improvement", "board", "council", "regulator", "inspection",
         "report", "notice", "plan", "budget", "progress", "concern", "risk")
THEMES = ["leadership", "safeguarding", "access", "assessment-planning", "partnership",
          "workforce", "placements", "complaints", "strategy", "corporate-priority"]
STATUSES = ["serious_concern", "concern", "early_signs", "improving", "improved"]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return (" ".join(words)).capitalize() + "."


def _write(root: Path, rel: str, kind: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{header_for(kind, rel)}\n{text}", encoding="utf-8")


def shared(root: Path) -> None:
    themes = "".join(f"  - id: {t}\n    name: {t.replace('-', ' ').capitalize()}\n"
                     for t in THEMES)
    _write(root, "data/themes.yml", "themes", f"themes:\n{themes}")
    for ident, kind, name in (("regulator", "regulator", "National Care Inspectorate"),
                              ("government", "government", "National Government"),
                              ("newspaper", "news_organisation", "The Daily Record")):
        _write(root, f"data/bodies/{ident}.yml", "body",
               f"id: {ident}\nkind: {kind}\nnames:\n  - name: {name}\n")


def case(root: Path, i: int) -> None:
    rng = random.Random(i)
    cid, council = f"case-{i:04d}", f"council-{i:04d}"
    _write(root, f"data/bodies/{council}.yml", "body",
           f"id: {council}\nkind: local_authority\nnames:\n  - name: Council {i}\n")
    _write(root, f"data/people/leader-{i:04d}.yml", "person",
           f"id: leader-{i:04d}\nname: Leader {i}\nroles:\n  - title: Leader\n"
           f"    body: {council}\n")
    sources = [f"{cid}-src-{j:02d}" for j in range(12)]
    source_files = {}  # written last, with their stored copies, once every quote is known
    for j, sid in enumerate(sources):
        publisher = ("regulator", "government", council, "newspaper")[j % 4]
        kind = ("inspection_report", "government_statement", "council_press_release",
                "news_article")[j % 4]
        source_files[sid] = (
            f"id: {sid}\ntitle: {sentence(rng, 6)}\npublisher: {publisher}\nkind: {kind}\n"
            f"published: {2017 + j // 4}-{1 + j % 12:02d}-{10 + j:02d}\nlanguage: en\n")
    quoted: dict[str, list[str]] = {sid: [] for sid in sources}

    def quote(sid: str, words: int) -> str:
        said = sentence(rng, words)
        quoted[sid].append(said)
        return said

    _write(root, f"data/cases/{cid}/case.yml", "case",
           f"id: {cid}\ntitle: Council {i} children's services\nsubject: {council}\n"
           f"service: Children's services\nregulators: [regulator]\nlegal_basis: An Act\n"
           "jurisdiction: GB-ENG\n"
           f"status: open\nreviewed: 2026-11-01\nsummary: {sentence(rng, 40)}\n"
           f"themes: [{', '.join(THEMES)}]\nmoney:\n"
           f"  - amount: {rng.randrange(1, 20) * 1_000_000}\n    currency: GBP\n"
           f"    for: {sentence(rng, 6)}\n    cite: [{sources[2]}]\ncite: [{sources[0]}]\n")
    findings = "".join(
        f"  - id: {cid}-f{k:02d}\n    theme: {THEMES[k]}\n    text: {sentence(rng, 18)}\n"
        f"    cite:\n      - source: {sources[0]}\n        quote: {quote(sources[0], 20)}\n"
        for k in range(10))
    records = [("inspection", "2017-07", "regulator", f"findings:\n{findings}")]
    records.append(("warning_notice", "2017-10", "government",
                    "requirements:\n" + "".join(
                        f"  - id: {cid}-req-{k}\n    text: {sentence(rng, 10)}\n    due:\n"
                        f"      within: {20 * (k + 1)}\n      unit: working_days\n"
                        f"      from: event\n    cite: [{sources[1]}]\n" for k in range(2))))
    for n, (kind, date, body) in enumerate((("monitoring_visit", "2017-12", "regulator"),
                                            ("cabinet_report", "2018-03-13", council),
                                            ("follow_up_inspection", "2018-10", "regulator"))):
        assessed = "".join(
            f"  - finding: {cid}-f{k:02d}\n    status: {rng.choice(STATUSES)}\n"
            f"    asserted_by: {body}\n    note: {sentence(rng, 14)}\n"
            f"    cite: [{sources[3 + n * 3]}]\n" for k in range(10) if (k + n) % 3 != 2)
        records.append((kind, date, body, f"assessments:\n{assessed}"))
    records.append(("follow_up_notice", "2018-01", "government",
                    f"requirements:\n  - id: {cid}-req-2\n    text: {sentence(rng, 9)}\n"
                    f"    due:\n      date: 2018-02-07\n    cite: [{sources[5]}]\n"))
    for kind, date in (("funding_decision", "2018-02-22"), ("addendum", "2018-04"),
                       ("support_package", "2018-05"), ("appointment", "2018-09"),
                       ("monitoring", "2019-01-09")):
        records.append((kind, date, council if kind in ("funding_decision", "appointment")
                        else "government", ""))
    records.append(("council_statement", "2019-01", council,
                    f"statements:\n  - person: leader-{i:04d}\n    date: 2019-01\n"
                    f"    quote: {quote(sources[11], 25)}\n    cite: [{sources[11]}]\n"))
    for n, (kind, date, body, extra) in enumerate(records):
        rid = f"{cid}-r{n:02d}"
        _write(root, f"data/cases/{cid}/records/{rid}.yml", "record",
               f"id: {rid}\ntype: {kind}\ntitle: {sentence(rng, 6)}\ndate: {date}\n"
               f"body: {body}\nsummary: {sentence(rng, 45)}\n"
               f"cite:\n  - source: {sources[n % 12]}\n    quote: {quote(sources[n % 12], 16)}\n"
               f"{extra}")
    for sid, text in source_files.items():
        _write(root, f"data/sources/{sid}.yml", "source", text + stored_copy(root, sid,
                                                                             quoted[sid]))


COPY_PARAGRAPHS = 12  # filler paragraphs of 50 words in each stored copy (about 4 KB)


def stored_copy(root: Path, sid: str, quotes: list[str]) -> str:
    """Write the stored copy of source ``sid``: filler paragraphs, and each of its quotes
    inside a paragraph of its own; return the copy: block for its source file."""
    rng = random.Random(sid)  # apart from the case's generator: the data stay as they were
    paragraphs = [sentence(rng, 50) for _ in range(COPY_PARAGRAPHS)]
    for n, said in enumerate(quotes):
        paragraphs.insert(1 + 2 * n, f"{sentence(rng, 8)} {said} {sentence(rng, 8)}")
    raw = "\n\n".join(paragraphs).encode()
    path = root / "data" / "sources" / "copies" / f"{sid}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return f"copy:\n  file: {sid}.txt\n  sha256: {hashlib.sha256(raw).hexdigest()}\n"


INQUIRY = "synthetic-inquiry"  # the inquiry case's id
PANEL = "synthetic-inquiry-panel"
ADDRESSEES = ("inquiry-department", "inquiry-agency", "inquiry-board")  # who must respond
RECOMMENDATIONS = 200
ANSWERS = ("accepted", "accepted", "accepted_in_part", "accepted_in_principle",
           "under_consideration", "noted", "rejected")


def inquiry(root: Path) -> None:
    """The inquiry case: see the module's docstring. Recommendation k is directed at
    ``ADDRESSEES[k % 3]``; the response skips every tenth (they read "Not answered in the
    reply"); progress report n assesses every third recommendation from n on, 40 or so."""
    rng, cid = random.Random(INQUIRY), INQUIRY
    for ident, kind, name in ((PANEL, "inquiry", "Synthetic Inquiry into Example Services"),
                              (ADDRESSEES[0], "government", "Example Department (fictional)"),
                              (ADDRESSEES[1], "regulator", "Example Agency (fictional)"),
                              (ADDRESSEES[2], "board", "Example Services Board (fictional)")):
        _write(root, f"data/bodies/{ident}.yml", "body",
               f"id: {ident}\nkind: {kind}\nnames:\n  - name: {name}\n")
    published = {"report": "2024-03-11", "response": "2024-09-02", "progress-1": "2025-03-14",
                 "progress-2": "2025-09-15", "progress-3": "2026-03-16"}
    publisher = {"report": PANEL, "response": ADDRESSEES[0], "progress-1": ADDRESSEES[0],
                 "progress-2": PANEL, "progress-3": ADDRESSEES[0]}
    quoted: dict[str, list[str]] = {f"{cid}-{k}": [] for k in published}

    def quote(key: str, words: int) -> str:
        said = sentence(rng, words)
        quoted[f"{cid}-{key}"].append(said)
        return said

    def cite(key: str, words: int, indent: str = "    ") -> str:
        return (f"{indent}  - source: {cid}-{key}\n{indent}    quote: {quote(key, words)}\n")

    _write(root, f"data/cases/{cid}/case.yml", "case",
           f"id: {cid}\ntitle: Synthetic inquiry into example services (fictional)\n"
           f"subject: {ADDRESSEES[2]}\noverseers: [{ADDRESSEES[0]}]\nservice: Example services\n"
           f"regulators: [{PANEL}]\nlegal_basis: An invented act\njurisdiction: GB-ENG\n"
           f"status: open\nreviewed: 2026-11-01\nsummary: {sentence(rng, 40)}\n"
           f"themes: [{', '.join(THEMES)}]\ncite: [{cid}-report]\n")
    recs = [f"{cid}-rec-{k + 1:03d}" for k in range(RECOMMENDATIONS)]
    findings = "".join(
        f"  - id: {rec}\n    kind: recommendation\n    number: '{k + 1}'\n"
        f"    paragraph: '{k // 10 + 1}.{k % 10 + 1}'\n    directed_at: [{ADDRESSEES[k % 3]}]\n"
        f"    theme: {THEMES[k % 10]}\n    text: {sentence(rng, 16)}\n    cite:\n"
        f"{cite('report', 18)}" for k, rec in enumerate(recs))
    answered = "".join(
        f"  - to: {rec}\n    status: {ANSWERS[k % 7]}\n"
        + (f"    by: {ADDRESSEES[k % 3]}\n" if k % 3 else "")
        + f"    note: {sentence(rng, 12)}\n    cite:\n{cite('response', 16)}"
        for k, rec in enumerate(recs) if k % 10 != 9)
    records = [("inquiry_final_report", "report", PANEL,
                f"respond:\n  by: [{', '.join(ADDRESSEES)}]\n  within: 6\n  unit: months\n"
                f"  from: event\n  as_written: within six months of this report\n"
                f"findings:\n{findings}"),
               ("government_response", "response", ADDRESSEES[0], f"responses:\n{answered}")]
    for n in (1, 2, 3):
        body = publisher[f"progress-{n}"]
        assessed = "".join(
            f"  - finding: {rec}\n    status: {rng.choice(STATUSES)}\n"
            f"    asserted_by: {body}\n    note: {sentence(rng, 14)}\n"
            f"    cite: [{cid}-progress-{n}]\n" for rec in recs[n::3][: 40 + 5 * n])
        records.append(("report", f"progress-{n}", body, f"assessments:\n{assessed}"))
    for n, (kind, key, body, extra) in enumerate(records):
        _write(root, f"data/cases/{cid}/records/{cid}-r{n:02d}.yml", "record",
               f"id: {cid}-r{n:02d}\ntype: {kind}\ntitle: {sentence(rng, 6)}\n"
               f"date: {published[key]}\nbody: {body}\nsummary: {sentence(rng, 45)}\n"
               f"cite:\n{cite(key, 16, '')}{extra}")
    for key, day in published.items():
        sid = f"{cid}-{key}"
        _write(root, f"data/sources/{sid}.yml", "source",
               f"id: {sid}\ntitle: {sentence(rng, 6)}\n"
               f"publisher: {publisher[key]}\nkind: report\npublished: {day}\nlanguage: en\n"
               + stored_copy(root, sid, quoted[sid]))


def generate(root: Path, n: int, with_inquiry: bool = False) -> None:
    """``n`` cases shaped like Powys, and the inquiry case with ``with_inquiry`` (as
    ``bench.run`` asks unless told ``--no-inquiry``)."""
    shared(root)
    for i in range(n):
        case(root, i)
    if with_inquiry:
        inquiry(root)
