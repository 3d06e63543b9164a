"""``casefile check`` that relinks only what changed since the last clean check.

A full check parses, validates and links every file: 3.5 s at 1,000 cases with every file
already in the parse cache, 5.6 s with none (BENCHMARKS.md). Editors
mostly change one case at a time, so after a clean full check casefile keeps, in its cache
folder (never in the repository):

- a signature (path, modification time, size) of the shared files (themes, bodies,
  sources, people) and of each case folder;
- the shared files, linked, as they were before any case was linked;
- the ids each case claimed and its number of records.

The next check looks at file signatures only. If nothing changed, it is done. If only
case folders changed (or appeared), just those folders are parsed, validated and linked
against the kept shared files. The answer is trusted only when it is clean and the
changed cases claim no id another case holds; in every other case (a shared file
changed, a case was removed, anything at all is wrong) casefile runs the full check, so
a problem is always reported exactly as the full check reports it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from casefile.errors import Problem
from casefile.fork import no_gc
from casefile.model import calendars, dates
from casefile.model.calendars import DEFAULT_JURISDICTION
from casefile.model.deadlines import compute_all
from casefile.model.link import Linker
from casefile.model.objects import Case, Dataset
from casefile.pipeline import check_quotes, link_cases, load_dataset, read_all
from casefile.reading import copies, kept
from casefile.reading.beneath import Beneath
from casefile.reading.cache import cache_file, digest, read_pickle, write_pickle
from casefile.reading.load import read_data_file
from casefile.reading.scan import RACY, SHARED, Group, scan
from casefile.reading.survey import prefix_length
from casefile.reading.validate import Loc, Rec

_UNUSED = Rec(Loc("", 0, 0, ""))  # stands in for records a clean state no longer holds


@dataclass
class Summary:
    cases: int
    records: int
    sources: int
    bodies: int
    uncopied: int = 0  # sources with no stored copy
    unverified: int = 0  # their quotations, which no copy can check
    notes: tuple[Problem, ...] = ()  # warnings, located: never a failure (``warnings``)

    def line(self) -> str:
        """What ``casefile check`` prints: the counts, then how many quotations are
        unverified for want of a stored copy (a count, not a problem)."""
        ok = (f"casefile: data OK: {self.cases} case(s), {self.records} record(s), "
              f"{self.sources} source(s), {self.bodies} bodies.")
        if not self.uncopied:
            return ok
        has, its, it = ("has", "its", "it") if self.uncopied == 1 else ("have", "their", "them")
        head = f"{ok}\n{self.uncopied} of {self.sources} sources {has} no stored copy"
        if not self.unverified:
            return f"{head}; no quotation rests on {it}."
        quotes = "quotation is" if self.unverified == 1 else "quotations are"
        return f"{head}: {its} {self.unverified} {quotes} unverified."


NO_JURISDICTION = ("no jurisdiction: working days will skip weekends only; add `jurisdiction: "
                   "GB-ENG` (or the code for where the case is) so public holidays are "
                   "skipped too")


def warnings(unset: tuple[str, ...], jurisdiction: str | None) -> tuple[Problem, ...]:
    """'<case file>:1:1: no jurisdiction: ...' for each case file that names no
    jurisdiction, on a site whose option ``jurisdiction`` is not set either. Data that
    builds is never refused for it: a valid case must not turn a build red."""
    if jurisdiction is not None:
        return ()
    return tuple(Problem(file, 1, 1, "", NO_JURISDICTION) for file in sorted(unset))


def unset_of(cases: list[Case]) -> tuple[str, ...]:
    """The files of the cases that name no jurisdiction of their own."""
    return tuple(c.file for c in cases if c.jurisdiction_given is None)


def summary_of(dataset: Dataset) -> Summary:
    """What a full check of ``dataset`` says."""
    return Summary(len(dataset.cases), sum(len(c.records) for c in dataset.cases.values()),
                   len(dataset.sources), len(dataset.bodies),
                   sum(s.copy is None for s in dataset.sources.values()), dataset.unverified)


@dataclass
class State:
    groups: dict[str, str]  # group → signature of its entries (RACY: recheck content)
    ids: dict[str, frozenset[str]]  # case → the ids its files claimed
    records: dict[str, int]  # case → number of records
    sources: int
    bodies: int
    shared: bytes = field(repr=False)  # the pickled linker after the shared files
    contents: dict[str, str] = field(default_factory=dict)  # group → hash of its files
    jurisdiction: str | None = DEFAULT_JURISDICTION
    uncopied: int = 0  # sources with no stored copy
    unverified: dict[str, int] = field(default_factory=dict)  # group → unverified quotes
    require: bool = False  # checked with require_copies
    unset: tuple[str, ...] = ()  # the files of cases with no jurisdiction of their own
    # days off per (jurisdiction, year) as the holidays package of this version has them
    days_off: dict[tuple[str | None, int], frozenset[dt.date]] = field(default_factory=dict)
    places: dict[str, tuple[frozenset[int], str]] = field(default_factory=dict)  # weekend, name
    holidays: str | None = None
    token: bytes = b""  # the mark of the file ``shared`` is kept in, written with it

    def __getstate__(self) -> dict[str, object]:
        """Saved without ``shared``: 12 MB at 1000 cases, written only by a full check into
        a file of its own, not again after each one-case edit (``_save``)."""
        return {**vars(self), "shared": b""}

    def summary(self) -> Summary:
        return Summary(len(self.records), sum(self.records.values()), self.sources,
                       self.bodies, self.uncopied, sum(self.unverified.values()),
                       warnings(self.unset, self.jurisdiction))


_COPIES = f"sources/{copies.FOLDER}/"


def contents(data_dir: Path, group: Group, known: dict[str, str] | None = None) -> str | None:
    """A hash of the group's files: each one's name and content hash (``cache.digest``; a
    stored copy's SHA-256); None if one cannot be read. ``known``: the hashes of files the
    check has just read, by their path below the data folder (not read again)."""
    known = known or {}
    hashed = hashlib.blake2b(digest_size=16)
    with Beneath(str(data_dir)) as beneath:  # never through a folder swapped for a link
        for rel in sorted(group.files):
            if rel.startswith(_COPIES):
                sha = known.get(rel) or _copy_hash(data_dir, rel, beneath)
                if sha is None:
                    return None
                hashed.update(f"{rel}\0copy\0{sha}\0".encode())
                continue
            key = known.get(rel)
            if key is None:
                raw = read_data_file(str(data_dir / rel), beneath)
                if isinstance(raw, str):
                    return None
                key = digest(raw)
            hashed.update(f"{rel}\0{key}\0".encode())
    return hashed.hexdigest()


def _copy_hash(data_dir: Path, rel: str, beneath: Beneath) -> str | None:
    raw = copies.read_copy(str(data_dir / rel), beneath)
    return None if isinstance(raw, str) else copies.sha256(raw)


def _load(data_dir: Path) -> State | None:
    state = read_pickle(cache_file("state", data_dir))
    if not isinstance(state, State):
        return None
    kept_file = read_pickle(cache_file("shared", data_dir))
    if not (isinstance(kept_file, tuple) and len(kept_file) == 2 and state.token
            and kept_file[0] == state.token):
        return None  # not the shared files this state was saved with
    state.shared = kept_file[1]
    return state


def _save(data_dir: Path, state: State, shared: bool = False) -> None:
    """Save ``state``; with ``shared`` (a full check), its shared files first, under a new
    mark: a state is only ever read with the shared files it was saved with."""
    if shared:
        state.token = os.urandom(16)
        write_pickle(cache_file("shared", data_dir), (state.token, state.shared))
    write_pickle(cache_file("state", data_dir), state)


def _case_of(loc: Loc) -> str:
    parts = loc.file.split("/")  # "<data folder>/cases/<case>/...": relative to its parent
    return parts[2] if len(parts) > 3 and parts[1] == "cases" else SHARED


def _claims(linker: Linker, shared: frozenset[str]) -> dict[str, frozenset[str]]:
    """Case → the ids its files claimed (everything claimed after the shared files)."""
    out: dict[str, set[str]] = {}
    for ident, rec in linker.first_use.items():
        if ident not in shared:
            out.setdefault(_case_of(rec.loc), set()).add(ident)
    return {case: frozenset(ids) for case, ids in out.items()}


def _snapshot(linker: Linker) -> bytes:
    """The shared files, linked: without the raw records or locations a clean state
    never needs again."""
    copy = Linker()
    copy.bodies, copy.people, copy.sources, copy.themes = (
        linker.bodies, linker.people, linker.sources, linker.themes)
    copy.indicators = linker.indicators
    copy.site_terms = linker.site_terms
    copy.site_frameworks = linker.site_frameworks
    copy.first_use = dict.fromkeys(linker.first_use, _UNUSED)
    return kept.dumps(copy)  # copies not read yet; each source on its own


def forget(data_dir: Path) -> None:
    """Drop the saved state: after any failure only a full check can say clean again."""
    with contextlib.suppress(OSError):
        cache_file("state", data_dir).unlink()


def _signatures(groups: dict[str, Group]) -> dict[str, str]:
    return {g: group.signature for g, group in groups.items()}


def _unverified(linker: Linker) -> dict[str, int]:
    """Group → how many quotations in its files cite a source with no stored copy."""
    out: dict[str, int] = {}
    for file in linker.unverified:
        group = _case_of(Loc(file, 0, 0, ""))
        out[group] = out.get(group, 0) + 1
    return out


Scanned = Callable[[], "dict[str, Group] | None"]  # a scan started earlier (scan.Early)


def full(data_dir: Path, jurisdiction: str | None = DEFAULT_JURISDICTION,
         require: bool = False, scanned: Scanned | None = None) -> Summary:
    """The full check (raising DataError); when clean, remember what the next check needs.
    ``require``: every cited source must have a stored copy (require_copies); ``scanned``:
    the folder scan, started before anything was read (else it is done here)."""
    forget(data_dir)
    groups = scanned() if scanned is not None else scan(data_dir)
    seen: list[tuple[Linker, bytes, frozenset[str]]] = []
    read: dict[str, str] = {}  # what the check read: the state's hashes need not read again
    dataset = load_dataset(data_dir, on_shared=lambda linker: seen.append(
        (linker, _snapshot(linker), frozenset(linker.first_use))), jurisdiction=jurisdiction,
        require=require, digests=read)
    linker, shared, shared_ids = seen[0]
    state = State({}, _claims(linker, shared_ids),
                  {cid: len(c.records) for cid, c in dataset.cases.items()},
                  len(dataset.sources), len(dataset.bodies), shared, {}, jurisdiction,
                  sum(s.copy is None for s in dataset.sources.values()), _unverified(linker),
                  require, unset_of(list(dataset.cases.values())), dates.days_off_known(),
                  calendars.facts_known(), calendars.holidays_version())
    known = {f"{_COPIES}{s.copy.file}": s.copy.sha256 for s in dataset.sources.values()
             if s.copy is not None and s.copy.read}  # read and hashed just now
    # read_all names files from the data folder's parent (which may be the root, /)
    start = prefix_length(data_dir) - prefix_length(data_dir.parent)
    known.update((rel[start:], key) for rel, key in read.items())
    hashes = {g: contents(data_dir, group, known) for g, group in (groups or {}).items()}
    if groups is not None and None not in hashes.values():
        state.groups, state.contents = _signatures(groups), hashes  # type: ignore[assignment]
        _save(data_dir, state, shared=True)
    return state.summary()


def _changed(data_dir: Path, state: State, groups: dict[str, Group]) -> list[str] | None:
    """The groups whose files' contents changed (their entries are plain data files), or
    None where only a full check can say (shared files or entries changed, a case removed,
    a file unreadable)."""
    if SHARED not in groups or set(state.groups) - set(groups):
        return None
    changed = []
    for name, group in groups.items():
        if group.signature != RACY and group.signature == state.groups.get(name):
            continue
        if group.odd:  # a stray entry (hidden, link, other extension): the full check says
            return None
        digest = contents(data_dir, group)
        if digest is None or (name == SHARED and digest != state.contents.get(name)):
            return None
        if digest != state.contents.get(name):
            changed.append(name)
        state.contents[name] = digest
    return sorted(changed)


def _quick(data_dir: Path, state: State, groups: dict[str, Group], jurisdiction: str | None,
           require: bool = False) -> Summary | None:
    """The check relinking only changed cases, or None where only a full check can say."""
    changed = _changed(data_dir, state, groups)
    if changed is None or state.jurisdiction != jurisdiction or state.require != require:
        return None
    if changed:
        loaded, problems, broken = read_all(
            data_dir, data_dir.parent, None, under=[data_dir / "cases" / case for case in changed])
        with no_gc():
            linker = kept.loads(state.shared)  # sources: when asked for
            # kept out of the collector's passes (``check`` lets them back in): the first
            # pass after the load would otherwise walk all 100,000 objects (0.1 s quiet)
            gc.freeze()
        shared_ids = frozenset(linker.first_use)
        linker.broken = broken
        link_cases(linker, loaded)
        check_quotes(linker, data_dir)  # reads only the copies these cases quote
        if problems or linker.problems or set(linker.cases) != set(changed):
            return None
        if require and any(linker.sources[i].copy is None for i in linker.cited):
            return None  # the full check says where
        claims = _claims(linker, shared_ids)
        others = {i for case, ids in state.ids.items() if case not in claims for i in ids}
        if any(ids & others for ids in claims.values()):
            return None
        # an id a case no longer claims may be named by an unchanged case (a follow-up, a
        # money item): only the full check links those again
        if any(state.ids.get(case, frozenset()) - claims.get(case, frozenset())
               for case in changed):
            return None
        version = calendars.holidays_version()
        if version is not None and state.holidays == version:
            dates.remember_days_off(state.days_off)  # no calendar loaded for known years
            calendars.remember_facts(state.places)
        compute_all(list(linker.cases.values()), None, jurisdiction)  # each case on its own
        state.days_off, state.places = dates.days_off_known(), calendars.facts_known()
        state.holidays = version
        state.ids.update(claims)
        state.records.update({cid: len(c.records) for cid, c in linker.cases.items()})
        counts = _unverified(linker)
        state.unverified.update({case: counts.get(case, 0) for case in changed})
        state.unset = tuple(f for f in state.unset if _case_of(Loc(f, 0, 0, "")) not in changed
                            ) + unset_of(list(linker.cases.values()))
    if changed or _signatures(groups) != state.groups:
        state.groups = _signatures(groups)
        _save(data_dir, state)
    return state.summary()


def check(data_dir: Path, jurisdiction: str | None = DEFAULT_JURISDICTION,
          require: bool = False, scanned: Scanned | None = None) -> Summary:
    """Check the data set, relinking only what changed when that is safe; raise DataError.
    ``jurisdiction`` is the calendar of cases that name none (the plugin option);
    ``require``: every cited source must have a stored copy (require_copies); ``scanned``:
    the folder scan of ``data_dir`` resolved, started before anything was read (the
    command starts it in a child before it imports this module: ``scan.Early``)."""
    data_dir = data_dir.resolve()
    frozen_before = gc.get_freeze_count()
    state = _load(data_dir)  # while the scan goes on
    groups = scanned() if scanned is not None else None
    try:
        if state is not None and (data_dir / "themes.yml").is_file():
            if scanned is None:
                groups = scan(data_dir)
            try:
                summary = _quick(data_dir, state, groups, jurisdiction, require) if groups \
                    else None
            except kept.DamagedError:  # a kept source unreadable: the full check, afresh
                summary = None
            finally:  # what _quick froze, back to the collector before any full check
                if not frozen_before:  # (unless objects were frozen before: the plugin's)
                    gc.unfreeze()
            if summary is not None:
                return summary
        # the scan made before anything was read serves the full check too
        return full(data_dir, jurisdiction, require,
                    None if scanned is None else (lambda: groups))
    except BaseException:
        forget(data_dir)
        raise
