"""The anchor: the same case pages written as plain Markdown (timeline list, findings table,
footnote citations), the same page per finding (its assessments' words and quotes, which
the case page leaves to it) and per case's sources (each in full, with the passages the case
page quotes), built by mkdocs-material with the same bounded nav.

Responses (#18) likewise: the case page's counts per report and body, each linking to its
status's list page; each finding page's responses with their words and quotes; and a list
page per response status (the entries grouped by report and body), all from the model's
own objects (casefile.model.response_lists), as the site's pages are."""

from __future__ import annotations

from pathlib import Path

from casefile.model import objects as m
from casefile.model.histories import History, histories
from casefile.model.response_lists import ResponseLists, StatusPage, response_lists
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


def _status_md(case: m.Case, page: StatusPage) -> str:
    """A status's list page, relative to the case's folder: ``responses/STATUS.md``."""
    return page.src.removeprefix(f"cases/{case.id}/")


def response_counts(case: m.Case, lists: ResponseLists) -> list[str]:
    """The case page's counts: a line per report and body, each count a link (0: text)."""
    if not lists.lines:
        return []
    out = ["## Responses", ""]
    for line in lists.lines:
        counts = " · ".join(
            f"[{n.term.label} {n.n}]({case.id}/{n.src.removeprefix(f'cases/{case.id}/')})"
            if n.src else f"{n.term.label} {n.n}" for n in line.counts)
        out.append(f"- {line.intro} {line.record.title} ({line.record.when}): {counts}")
    return [*out, ""]


def case_markdown(case: m.Case, lists: ResponseLists | None = None) -> str:
    view = case_view(case)
    out = [f"# {case.title}", "", f"{case.summary} {_notes(case.cites)}", "",
           *response_counts(case, lists or response_lists(case)), "## Timeline", ""]
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
    if history.responses:
        out += ["## Responses", ""]
    for line in history.responses:
        said = f"{line.record.when} {line.record.title}: " if line.record else ""
        if line.response:
            said = f"{line.response.record.when} {line.response.record.title}: "
        note = line.response.note if line.response and line.response.note else ""
        out += [f"- {said}Response: {line.words} {_notes(line.cites)} {note}".rstrip(), "",
                *_said(line.cites)]
    for cite in history.sources:
        source = cite.source
        publisher = source.publisher.name if source.publisher else "Publisher not named"
        out.append(f"[^{source.id}]: {publisher}, *{source.display_title}*")
    return "\n".join(out) + "\n"


def status_markdown(case: m.Case, lists: ResponseLists, page: StatusPage) -> str:
    """A response status's list page: the other statuses, then per report and body its
    entries, each linked to its finding's page, with the response's words and sources."""
    others = " · ".join(f"[{o.term.label} ({o.total})](../{_status_md(case, o)})"
                        for o in lists.pages if o is not page)
    out = [f"# {page.term.label}", "", f"[{case.title}](../../{case.id}.md)", "",
           f"{page.term.description} {page.summary}", "", f"Other statuses: {others}", ""]
    cited: dict[str, m.Source] = {}
    for group in page.groups:
        out += [f"## {group.intro} {group.record.title}: {page.term.label} "
                f"{len(group.entries)}", ""]
        for n, e in enumerate(group.entries, 1):
            link = f"../findings/{e.item.id}.md" if e.is_finding else f"../../{case.id}.md"
            said = f", in {e.response.record.title} {_notes(e.cites)}" if e.response else ""
            out += [f"{n}. [{e.label}]({link}): {e.item.text}", "",
                    f"    Response: {e.words}{said}", ""]
            cited.update((c.source.id, c.source) for c in e.cites)
    for source in cited.values():
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
        lists = response_lists(case)
        (docs / "cases" / f"{case.id}.md").write_text(case_markdown(case, lists),
                                                      encoding="utf-8")
        for page in lists.pages:
            path = docs / "cases" / case.id / _status_md(case, page)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(status_markdown(case, lists, page), encoding="utf-8")
        findings = docs / "cases" / case.id / "findings"
        findings.mkdir(parents=True, exist_ok=True)
        (docs / "cases" / case.id / "sources.md").write_text(sources_markdown(case),
                                                             encoding="utf-8")
        for history in histories(case):
            (findings / f"{history.finding.id}.md").write_text(finding_markdown(history),
                                                               encoding="utf-8")
