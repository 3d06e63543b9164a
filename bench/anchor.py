"""The anchor: the same case pages written as plain Markdown (timeline list, findings table,
footnote citations), the same page per finding (its assessments' words and quotes, which
the case page leaves to it) and per case's sources (each in full, with the passages the case
page quotes), built by mkdocs-material with the same bounded nav."""

from __future__ import annotations

from pathlib import Path

from casefile.model import objects as m
from casefile.model.histories import History, histories
from casefile.model.views import case_view

MKDOCS_YML = """site_name: anchor
docs_dir: docs
theme:
  name: material
  font: false
plugins: [search]
markdown_extensions: [footnotes, tables, toc]
nav:
  - Home: index.md
  - Cases: cases/index.md
"""


def _notes(cites: list[m.Citation]) -> str:
    return "".join(f"[^{c.source.id}]" for c in cites)


def case_markdown(case: m.Case) -> str:
    view = case_view(case)
    out = [f"# {case.title}", "", f"{case.summary} {_notes(case.cites)}", "", "## Timeline", ""]
    for n, e in enumerate(view.timeline, 1):
        out.append(f"{n}. **{e.date.human()}**, {e.label}: {e.title}. {e.record.summary} "
                   f"{_notes(e.record.cites)}")
    out += ["", "## Findings and progress", ""]
    for g in view.matrices:
        cols = " | ".join(f"{c.type.label} ({c.date.human()})" for c in g.columns)
        out += [f"| Finding | {cols} |" if cols else "| Finding |",
                "|---" * (len(g.columns) + 1) + "|"]
        for row in g.rows:
            cells = " | ".join(f"{a.status.label} ({a.asserter.label}) {_notes(a.cites)}"
                               if a else "Not assessed" for a in row.cells)
            out.append(f"| [{row.finding.text}]({case.id}/findings/{row.finding.id}.md) "
                       f"{_notes(row.finding.cites)} | {cells} |")
        out.append("")
    out += ["## Requirements and deadlines", ""]
    for q in view.requirements:
        label = q.outcome.term.label if q.outcome else ""
        out.append(f"- {q.text} {label}. {_notes(q.cites)}")
    out += ["", "## Statements", ""]
    for s in view.statements:
        out.append(f"> {s.quote}\n>\n> {s.attribution}, {s.date.human()} {_notes(s.cites)}\n")
    out.append("")
    for n, source in enumerate(view.bibliography, 1):
        out.append(f"[^{source.id}]: [{_name(source)}]({case.id}/sources.md#{n})")
    return "\n".join(out) + "\n"


def _name(source: m.Source) -> str:
    publisher = source.publisher.name if source.publisher else "Publisher not named"
    date = source.published.human() if source.published else "undated"
    return f"{publisher}, *{source.display_title}*, {date}"


def sources_markdown(case: m.Case) -> str:
    """A case's sources page by hand: each source in full, with the passages quoted."""
    view = case_view(case)
    out = [f"# Sources: {case.title}", "", f"[{case.title}](../{case.id}.md)", ""]
    for n, source in enumerate(view.bibliography, 1):
        quotes = " ".join(f"“{q.text}”" for q in view.shown_quotes[source.id])
        out += [f"## {n}", "", f"{_name(source)}. {source.kind_label}. {source.url or ''}",
                "", quotes, ""]
    return "\n".join(out) + "\n"


def _said(cites: list[m.Citation]) -> list[str]:
    return [f"> “{c.quote}” [^{c.source.id}]\n" for c in cites if c.quote]


def finding_markdown(history: History) -> str:
    """A finding's page by hand: as raised, its assessments oldest first with who says so,
    their words and quotes, the changes of status, and the sources."""
    f, raised = history.finding, history.finding.record
    out = [f"# {history.title}", "", f"[{history.case.title}](../../{history.case.id}.md)",
           "", history.where_it_stands, "", *(f"- {s}" for s in history.changes), "",
           "## As raised", "", f"{f.text} {_notes(f.cites)}", "",
           f"{raised.body.name}, {raised.title}, {raised.when}", "", *_said(f.cites),
           "## Assessments", ""]
    for a in history.assessments:
        out += [f"### {a.record.when}: {a.status.label}", "",
                f"{a.asserter.label}: {a.asserted_by.name}. {a.note} {_notes(a.cites)}", "",
                *_said(a.cites)]
    for cite in history.sources:
        source = cite.source
        publisher = source.publisher.name if source.publisher else "Publisher not named"
        out.append(f"[^{source.id}]: {publisher}, *{source.display_title}*")
    return "\n".join(out) + "\n"


def write(ds: m.Dataset, root: Path) -> None:
    docs = root / "docs"
    (docs / "cases").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (docs / "index.md").write_text("# Anchor\n\nSee [cases](cases/index.md).\n",
                                   encoding="utf-8")
    lines = ["# Cases", ""] + [f"- [{c.title}]({c.id}.md)" for c in ds.cases.values()]
    (docs / "cases" / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for case in ds.cases.values():
        (docs / "cases" / f"{case.id}.md").write_text(case_markdown(case),
                                                      encoding="utf-8")
        findings = docs / "cases" / case.id / "findings"
        findings.mkdir(parents=True, exist_ok=True)
        (docs / "cases" / case.id / "sources.md").write_text(sources_markdown(case),
                                                             encoding="utf-8")
        for history in histories(case):
            (findings / f"{history.finding.id}.md").write_text(finding_markdown(history),
                                                               encoding="utf-8")
