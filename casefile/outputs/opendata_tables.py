"""Open data as CSV: one row per record, finding, assessment, requirement (its deadline
and outcome), rating, oversight period, figure, response, response state and cited source,
for a spreadsheet."""

from __future__ import annotations

from typing import Any

from casefile.model import objects as m
from casefile.model import responses, who
from casefile.model.deadlines import due_window
from casefile.model.oversight_history import Period, tracks
from casefile.model.views import RatingRow, ratings
from casefile.outputs.opendata_json import _all, _d

TABLES = ("timeline", "findings", "assessments", "deadlines", "ratings", "oversight", "figures",
          "responses", "response_states", "sources")


def _relayed_cells(relayed: m.Relayed | None) -> list[str]:
    """CSV cells: the publishers' ids (``-`` for one not named), their evidence grades, and
    the asserter relation the claim is shown as; empty for a first-hand claim."""
    if relayed is None:
        return ["", "", ""]
    return [" ".join(b.id if b else "-" for b, _ in relayed.publishers),
            " ".join(g.value for _, g in relayed.publishers), relayed.style.value]



FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """One CSV field (RFC 4180). Text a spreadsheet would run as a formula (it starts with
    = + - @ tab or CR) gets a leading apostrophe, as OWASP recommends; a field holding a
    comma, quote, CR or LF is quoted (the csv module leaves a lone CR bare)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    if any(char in text for char in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    return "".join(",".join(_cell(v) for v in row) + "\n" for row in [header, *rows])


def _ids(cites: list[m.Citation]) -> str:
    return " ".join(dict.fromkeys(c.source.id for c in cites))


def tables(cases: list[m.Case]) -> dict[str, str]:
    """CSV text for every table of ``TABLES``."""
    rows: dict[str, list[list[Any]]] = {k: [] for k in TABLES}
    used: dict[tuple[str, str], m.Source] = {}
    counts: dict[tuple[str, str], list[int]] = {}  # (case, source) → [quotes, checked]
    by_id = {c.id: c for c in cases}
    for c in cases:
        for r in c.records:
            rows["timeline"].append([c.id, r.id, r.date.iso(), _d(r.until) or "",
                                     _d(r.published) or "", r.after.id if r.after else "",
                                     r.type.value, r.title, r.body.id, r.summary, _ids(r.cites)])
            for f in r.findings:
                rows["findings"].append([c.id, f.id, r.id, r.date.iso(), f.theme.id, f.text,
                                         _ids(f.cites), f.kind.value if f.kind else "finding",
                                         f.number or "", f.paragraph or "",
                                         " ".join(b.id for b in f.directed_at)])
            for a in r.assessments:
                rows["assessments"].append([c.id, r.id, r.date.iso(), a.finding.id,
                                            a.status.value, a.asserted_by.id, a.asserter.value,
                                            a.note, *_relayed_cells(a.relayed), _ids(a.cites)])
            rows["deadlines"] += [_deadline_row(c, q) for q in r.requirements]
            rows["figures"] += [_figure_row(c, x) for x in r.figures]
            rows["responses"] += [_response_row(c, x) for x in r.responses]
            rows["response_states"] += _state_rows(c, r)
            stated = {id(x) for st in r.statements for x in st.cites}
            for cite in _all(r):
                used[c.id, cite.source.id] = cite.source
                if cite.quote or id(cite) in stated:
                    _count(counts, (c.id, cite.source.id), cite.checked)
        for cite in c.cites + [x for money in c.money for x in money.cites]:
            used[c.id, cite.source.id] = cite.source
            if cite.quote:
                _count(counts, (c.id, cite.source.id), cite.checked)
        rows["ratings"] += [_rating_row(c, x) for x in ratings(c)]
        rows["oversight"] += [_oversight_row(c, p) for t in tracks(c, c.as_of) for p in t.periods]
    return {
        "timeline": _csv(["case", "record", "date", "until", "published", "after", "type",
                          "title", "body", "summary", "sources"], rows["timeline"]),
        "findings": _csv(["case", "finding", "raised_by", "raised_date", "theme", "text",
                          "sources", "kind", "number", "paragraph", "directed_at"],
                         rows["findings"]),
        "assessments": _csv(["case", "record", "record_date", "finding", "status",
                             "asserted_by", "asserter", "note", "relayed_by",
                             "relayed_grades", "shown_as", "sources"], rows["assessments"]),
        "deadlines": _csv(["case", "requirement", "set_by", "text", "due_from", "due_until",
                           "as_written", "outcome", "explanation", "records_outcome",
                           "reported_outcome", "reported_by", "reported_relayed_by",
                           "reported_relayed_grades", "reported_shown_as", "sources", "as_of",
                           "jurisdiction"], rows["deadlines"]),
        "ratings": _csv(["case", "record", "date", "body", "area", "grade", "grade_label",
                         "compared_with_record", "change", "relayed_by", "relayed_grades",
                         "sources"], rows["ratings"]),
        "oversight": _csv(["case", "record", "announced", "effective", "framework", "overseer",
                           "body", "service", "level", "level_label", "previous_level",
                           "change", "in_effect", "sources"], rows["oversight"]),
        "figures": _csv(FIGURE_COLUMNS, rows["figures"]),
        "responses": _csv(["case", "record", "date", "item", "item_kind", "item_number",
                           "item_record", "body", "status", "status_label", "note", "sources",
                           "quote"], rows["responses"]),
        "response_states": _csv(["case", "record", "item", "item_kind", "item_number", "body",
                                 "state", "state_label", "duty_state", "due_from", "due_until",
                                 "as_of"], rows["response_states"]),
        "sources": _csv(["case", "source", "title", "publisher", "kind", "published",
                         "evidence_grade", "second_hand", "original", "url", "archive_url",
                         "copy_file", "copy_sha256", "copy_format", "licence", "publish_copy",
                         "quotes", "quotes_checked"],
                        [_source_row(by_id[cid], s) + counts.get((cid, s.id), [0, 0])
                         for (cid, _), s in sorted(used.items())]),
    }


def _count(counts: dict[tuple[str, str], list[int]], key: tuple[str, str], checked: bool
           ) -> None:
    """One more quote of a source in a case (and one more checked, if it was)."""
    tally = counts.setdefault(key, [0, 0])
    tally[0] += 1
    tally[1] += checked


def _source_row(c: m.Case, s: m.Source) -> list[Any]:
    copy = s.copy
    return [c.id, s.id, s.display_title, s.publisher.id if s.publisher else "", s.kind,
            _d(s.published) or "", who.grade(s, c).value, "yes" if s.second_hand else "",
            s.original.id if s.original else "", s.url or "", s.archive_url or "",
            copy.file if copy else "", copy.sha256 if copy else "", copy.format if copy else "",
            s.licence or "", "yes" if s.publish_copy else ""]


def _due_words(due: m.Due | None) -> str:
    """A deadline as the source words it: the editor's note of its wording, else the words
    written in its date ("by the end of autumn 2022", "immediately")."""
    if due is None:
        return ""
    return due.as_written or due.words or (due.date.words if due.date else None) or ""


def _deadline_row(c: m.Case, q: m.Requirement) -> list[Any]:
    window, outcome, reported = due_window(q), q.outcome, q.reported
    records = outcome.records_term or outcome.term if outcome else None
    return [c.id, q.id, q.record.id, q.text, window[0].isoformat() if window else "",
            window[1].isoformat() if window else "",
            _due_words(q.due), outcome.term.value if outcome else "",
            outcome.explanation if outcome else "",
            records.value if records else "", reported.outcome.value if reported else "",
            reported.by.id if reported else "",
            *_relayed_cells(reported.relayed if reported else None),
            _ids(q.cites + (reported.cites if reported else [])),
            c.as_of.isoformat() if c.as_of else "", c.jurisdiction]


def _rating_row(c: m.Case, row: RatingRow) -> list[Any]:
    x, before = row.rating, row.previous
    return [c.id, x.record.id, x.record.date.iso(), x.by.id, x.area or "", x.grade.value,
            x.grade.label, before.record.id if before else "", row.change,
            *_relayed_cells(x.relayed)[:2], _ids(x.cites)]


FIGURE_COLUMNS = ["case", "record", "indicator", "indicator_name", "unit", "currency", "value",
                  "approximate", "date", "until", "by", "asserter", "note", "relayed_by",
                  "relayed_grades", "shown_as", "sources"]


def _figure_row(c: m.Case, x: m.Figure) -> list[Any]:
    """A figure: its value exactly as written (a spreadsheet reads it as a number)."""
    i = x.indicator
    return [c.id, x.record.id, i.id, i.name, i.unit.value, i.currency or "", str(x.value),
            "yes" if x.approximate else "", x.date.iso(), _d(x.until) or "", x.by.id,
            x.asserter.value, x.note or "", *_relayed_cells(x.relayed), _ids(x.cites)]


def _oversight_row(c: m.Case, p: Period) -> list[Any]:
    o = p.change
    return [c.id, o.record.id, o.record.date.iso(), o.effective.iso(), o.framework.id,
            o.framework.overseer, o.body.id, o.service or "", o.level.value, o.level.label,
            p.previous.value if p.previous else "", p.direction,
            "no" if p.upcoming else "yes", _ids(o.cites)]


def _item_cells(item: responses.Answerable) -> list[str]:
    """An item a response answers: its id, its kind (a finding's, else ``requirement``)
    and the source's own number for it (empty when not given)."""
    if isinstance(item, m.Finding):
        return [item.id, item.kind.value if item.kind else "finding", item.number or ""]
    return [item.id, "requirement", ""]


def _response_row(c: m.Case, x: m.Response) -> list[Any]:
    """One response as its record gives it, with the verbatim words its citations quote,
    one quotation a line."""
    return [c.id, x.record.id, x.record.date.iso(), *_item_cells(x.to), x.to.record.id,
            x.by.id, x.status.value, x.status.label, x.note or "", _ids(x.cites),
            "\n".join(cite.quote for cite in x.cites if cite.quote)]


def _state_rows(c: m.Case, r: m.Record) -> list[list[Any]]:
    """Where each of ``r``'s findings and requirements stands with each body counted over
    it (``responses.counts``: the duty's bodies, then any other that replied), with the
    body's duty state and due days when the duty names it."""
    out = []
    for body in responses.responders(r):
        duty = responses.duty_state(r.duty, body) if r.duty and body in r.duty.by else None
        cells = [duty.term.value, duty.due_from.isoformat(), duty.due_until.isoformat()] \
            if duty else ["", "", ""]
        for item in responses.owed(r, body):
            state = responses.item_state(item, body)
            out.append([c.id, r.id, *_item_cells(item), body.id, state.value, state.label,
                        *cells, c.as_of.isoformat() if c.as_of else ""])
    return out
