"""Static list pages that filter without JavaScript (#18 item 5): a case's findings and
requirements that a report asked a response to, listed per progress status, responsible
body, year and theme, and per response status with a body or a progress status.

Built from one table per case: the entries of ``response_lists`` (each item's response
state per body, worked out once) and their progress (``item_progress``), grouped here. The
items are those of every report with a duty to respond or a reply (``responses.responders``);
a case with none gets no page and costs nothing. An item is addressed to the bodies it is
directed at (``directed_at``), else the duty's, else the case's subject: a body's page
("to X") lists only those. Its rows are those bodies and every other body that responded to
it; a body it is directed at that owes no reply under a duty and gave none is listed with
"No response recorded". A response status belongs to a body, so each response-status page
is per status and body, says whose status it is, and shows every row of each item. No page
lists nothing, and an index links every page with its count. Addresses come from ids and
vocabulary values, never from names."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from casefile.model import objects as m
from casefile.model import responses as rs
from casefile.model import vocab
from casefile.model.item_progress import Progress
from casefile.model.response_lists import Entry, Named, ResponseLists

Answerable = rs.Answerable
TEXT_LIMIT = 200  # characters of an item's text on a list page, cut at a word


def slug(value: str) -> str:
    """A vocabulary value in an address: ``accepted_in_part`` → ``accepted-in-part``."""
    return value.replace("_", "-")


def lists_src(case_id: str, facet: str = "", key: str = "") -> str:
    """``cases/CASE/lists/`` (the index), ``cases/CASE/lists/FACET/KEY/``; a combination's
    key joins its parts with ``--`` (ids and values never hold two hyphens in a row)."""
    return f"cases/{case_id}/lists/{facet}/{key}.md" if facet else f"cases/{case_id}/lists/index.md"


@dataclass
class Row:
    """One item with one body: the body's response entry (None: no reply is owed under a
    duty and none was given)."""

    body: m.Body
    entry: Entry | None
    addressed: bool = True  # False: a body that replied to an item not addressed to it

    @property
    def words(self) -> str:
        if self.entry is not None:
            return self.entry.words
        return (f"No response recorded — {self.body.name}: no document in the records is a "
                "response from it, and no duty to respond is recorded for it.")


@dataclass
class Item(Named):
    """One finding or requirement, its bodies, and its progress."""

    item: Answerable
    rows: list[Row]
    progress: Progress

    @property
    def text(self) -> str:
        """Its words, cut at a word when long (the whole text is on its own page)."""
        text = " ".join(self.item.text.split())
        if len(text) <= TEXT_LIMIT:
            return text
        return text[:TEXT_LIMIT].rsplit(" ", 1)[0].rstrip(",;:.") + "…"

    @property
    def year(self) -> int:
        """The year of the report that raised it (its first day's, for a span)."""
        return self.item.record.date.earliest.year


@dataclass
class Shown:
    """An item as a list page shows it: the rows that page is about."""

    item: Item
    rows: list[Row]


@dataclass
class ListPage:
    """One filter's page: its address, its H1 in words, and the items it lists."""

    src: str
    title: str  # "Recommendations with the response status Accepted from Example Department"
    facet: str  # progress, body, year, theme, response-body, response-progress
    name: str  # the filter's value in words, as the index lists it
    entries: list[Shown]

    @property
    def count(self) -> str:
        n = len(self.entries)
        return f"{n} {plural([s.item.item for s in self.entries], n)} listed."


@dataclass
class Section:
    """One group of the index: "By progress status", with its pages in order."""

    heading: str
    pages: list[ListPage] = field(default_factory=list)


@dataclass
class Lists:
    """A case's filter pages and their index (empty for a case with no responses)."""

    case_id: str
    # the response-status pages: src, label (whose, where more than one body responds:
    # StatusPage.label), total
    status_pages: list[tuple[str, str, int]]
    sections: list[Section]

    @property
    def pages(self) -> list[ListPage]:
        return [p for s in self.sections for p in s.pages]

    @property
    def index_src(self) -> str:
        return lists_src(self.case_id)


def plural(items: Iterable[Answerable], n: int = 2) -> str:
    """What the items are, lower case: "recommendations", "findings and requirements";
    singular when ``n`` is 1."""
    kinds = {(i.kind.value if i.kind else "finding") if isinstance(i, m.Finding)
             else "requirement" for i in items}
    if n == 1 and len(kinds) == 1:
        kind = kinds.pop()
        return "requirement" if kind == "requirement" else \
            vocab.FINDING_KIND_WORDS.get(kind, (kind.replace("_", " "),))[0]
    if kinds == {"requirement"}:
        return "requirements"
    if len(kinds) == 1:
        kind = kinds.pop()
        return vocab.FINDING_KIND_WORDS.get(kind, ("", f"{kind.replace('_', ' ')}s"))[1]
    return "findings and requirements" if "requirement" in kinds else "findings"


def _bodies(item: Answerable) -> list[m.Body]:
    """Those ``item`` is directed at, else the duty's bodies, else the case's subject."""
    if isinstance(item, m.Finding) and item.directed_at:
        return list(item.directed_at)
    duty = item.record.duty
    return list(duty.by) if duty else [item.record.case.subject]


def table(case: m.Case, lists: ResponseLists) -> list[Item]:
    """Every item of each report in ``lists`` (one with a duty or a reply), in the case's
    order, with a row per body: its entry from the response pages, reused, not worked
    out again."""
    entries: dict[int, list[Entry]] = {}
    for page in lists.pages:
        for group in page.groups:
            for e in group.entries:
                entries.setdefault(id(e.item), []).append(e)
    reports = {id(line.record) for line in lists.lines}
    out = []
    for record in case.records:
        if id(record) not in reports:
            continue
        for item in rs.items(record):
            given = {id(e.body): e for e in entries.get(id(item), [])}
            to = _bodies(item)
            rows = [Row(b, given.get(id(b))) for b in to]
            rows += [Row(e.body, e, False) for e in entries.get(id(item), [])
                     if all(e.body.id != b.id for b in to)]
            out.append(Item(item, rows, lists.progress[id(item)]))
    return out


def _page(case_id: str, facet: str, key: str, title: Callable[[str], str], name: str,
          entries: list[Shown]) -> ListPage:
    noun = plural(s.item.item for s in entries)
    return ListPage(lists_src(case_id, facet, key), title(noun[:1].upper() + noun[1:]), facet,
                    name, entries)


def _by(items: list[Item], keys: Callable[[Item], list[tuple[str, str]]]
        ) -> dict[str, tuple[str, list[Item]]]:
    """Items grouped by each (key, name) ``keys`` gives them, keys in first-seen order."""
    out: dict[str, tuple[str, list[Item]]] = {}
    for item in items:
        for key, name in keys(item):
            out.setdefault(key, (name, []))[1].append(item)
    return out


NO_PROGRESS = "not_assessed"  # the key of items with no progress recorded


def _progress_keys(item: Item) -> list[tuple[str, str]]:
    terms = item.progress.terms
    return [(t.value, t.label) for t in terms] or [(NO_PROGRESS, "No progress recorded")]


def _progress_order(key: str) -> tuple[int, int, str]:
    """Progress statuses in the vocabulary's order, then deadline outcomes, then a site's
    own (by value); "no progress recorded" last."""
    for rank, terms in enumerate((vocab.STATUSES, vocab.OUTCOMES)):
        if key in terms and key != NO_PROGRESS:
            return rank, list(terms).index(key), key
    return (3, 0, key) if key == NO_PROGRESS else (2, 0, key)


def _progress_title(key: str, name: str) -> Callable[[str], str]:
    if key == NO_PROGRESS:
        return lambda noun: f"{noun} with no progress recorded"
    return lambda noun: f"{noun} whose latest progress status is {name}"


def _responses(item: Item) -> list[tuple[str, str]]:
    return [(r.entry.term.value, r.entry.term.label) for r in item.rows if r.entry]


def _sorted(groups: dict[str, tuple[str, list[Item]]], order: Callable[[str], object]
            ) -> list[tuple[str, str, list[Item]]]:
    return [(k, *groups[k]) for k in sorted(groups, key=order)]  # type: ignore[arg-type]


def _single(case: m.Case, items: list[Item]) -> list[Section]:
    """The one-filter sections: progress, body, year, theme."""
    cid = case.id
    progress = Section("By progress status", [
        _page(cid, "progress", slug(k), _progress_title(k, name), name,
              [Shown(i, i.rows) for i in found])
        for k, name, found in _sorted(_by(items, _progress_keys), _progress_order)])
    bodies = {b.id: b for i in items for b in (r.body for r in i.rows)}
    body = Section("By the body it is addressed to", [
        _page(cid, "body", k, lambda noun, b=bodies[k]: f"{noun} to {b.name}", name,
              [Shown(i, [r for r in i.rows if r.body.id == k]) for i in found])
        for k, name, found in _sorted(_by(items, lambda i: [(r.body.id, r.body.name)
                                                           for r in i.rows if r.addressed]),
                                      lambda k: (bodies[k].name, k))])
    year = Section("By year of the report", [
        _page(cid, "year", k, lambda noun, y=k: f"{noun} raised in {y}", k,
              [Shown(i, i.rows) for i in found])
        for k, _, found in _sorted(_by(items, lambda i: [(str(i.year), str(i.year))]), int)])
    themes = [t.id for t in case.themes]
    theme = Section("By theme", [
        _page(cid, "theme", k, lambda noun, n=name: f"{noun} on the theme {n}", name,
              [Shown(i, i.rows) for i in found])
        for k, name, found in _sorted(_by(items, lambda i: [
            (i.item.theme.id, i.item.theme.name)] if isinstance(i.item, m.Finding) else []),
            lambda k: (themes.index(k) if k in themes else len(themes), k))])
    return [progress, body, year, theme]


def _combined(case: m.Case, items: list[Item]) -> list[Section]:
    """Response status from one body, alone and with a progress status: a response status
    is a body's, so each page is per (status, body) and its heading names the body; each
    item shows every body's row, so a page never hides another body's answer."""
    cid = case.id
    with_body = Section("By response status and responding body")
    with_progress = Section("By response status, responding body and progress status")
    for key, name, found in _sorted(_by(items, _responses), rs._order):
        bodies = {r.body.id: r.body for i in found for r in i.rows
                  if r.entry and r.entry.term.value == key}
        for bid in sorted(bodies, key=lambda b: (bodies[b].name, b)):
            b = bodies[bid]
            held = [i for i in found if any(r.body.id == bid and r.entry
                                            and r.entry.term.value == key for r in i.rows)]
            status = f"the response status {name} from {b.name}"
            with_body.pages.append(_page(
                cid, "response-body", f"{slug(key)}--{bid}",
                lambda noun, w=status: f"{noun} with {w}", f"{name} from {b.name}",
                [Shown(i, i.rows) for i in held]))
            for pk, pname, shown in _sorted(_by(held, _progress_keys), _progress_order):
                words = "no progress recorded" if pk == NO_PROGRESS else \
                    f"the progress status {pname}"
                with_progress.pages.append(_page(
                    cid, "response-progress", f"{slug(key)}--{bid}--{slug(pk)}",
                    lambda noun, w=status, p=words: f"{noun} with {w} and {p}",
                    f"{name} from {b.name}, {pname}", [Shown(i, i.rows) for i in shown]))
    return [with_body, with_progress]


def list_pages(case: m.Case, lists: ResponseLists) -> Lists:
    """A case's filter pages from its response lists (``response_lists``), in the index's
    order; none for a case with no report owed or given a response."""
    status_pages = [(p.src, p.label, p.total) for p in lists.pages]
    if not lists.lines:
        return Lists(case.id, status_pages, [])
    items = table(case, lists)
    return Lists(case.id, status_pages, _single(case, items) + _combined(case, items))

