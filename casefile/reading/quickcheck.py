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

import hashlib
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path

from casefile.fork import no_gc
from casefile.model.calendars import DEFAULT_JURISDICTION
from casefile.model.deadlines import compute_all
from casefile.model.link import Linker
from casefile.pipeline import link_cases, load_dataset, read_all
from casefile.reading.cache import cache_file, read_pickle, write_pickle
from casefile.reading.validate import Loc, Rec

SHARED = ""  # the group of files outside cases/
RACY = "racy"
RACY_NS = 2_000_000_000
_UNUSED = Rec(Loc("", 0, 0, ""))  # stands in for records a clean state no longer holds


@dataclass
class Summary:
    cases: int
    records: int
    sources: int
    bodies: int

    def line(self) -> str:
        return (f"casefile: data OK: {self.cases} case(s), {self.records} record(s), "
                f"{self.sources} source(s), {self.bodies} bodies.")


@dataclass
class State:
    groups: dict[str, str]  # group → signature of its files
    ids: dict[str, frozenset[str]]  # case → the ids its files claimed
    records: dict[str, int]  # case → number of records
    sources: int
    bodies: int
    shared: bytes = field(repr=False)  # the pickled linker after the shared files

    def summary(self) -> Summary:
        return Summary(len(self.records), sum(self.records.values()), self.sources,
                       self.bodies)


def scan(data_dir: Path) -> dict[str, str]:
    """Group → signature of every entry under data_dir (folders, files, links, hidden or
    not), from directory entries alone; a folder that cannot be listed is RACY.

    A group with a file modified in the last two seconds gets the signature RACY, which
    never matches: a second edit within the file system's timestamp granularity could
    otherwise leave the same size and time (git's "racy clean" problem)."""
    racy_from = time.time_ns() - RACY_NS
    entries: dict[str, list[str]] = {}
    newest: dict[str, int] = {}
    stack = [str(data_dir)]
    base = len(str(data_dir)) + 1
    while stack:
        folder = stack.pop()
        try:
            found = list(os.scandir(folder))
        except OSError:  # a missing or unreadable folder: the full check reports it
            found = []
            parts = folder[base:].replace(os.sep, "/").split("/")
            group = parts[1] if parts[0] == "cases" and len(parts) > 1 else SHARED
            newest[group] = racy_from + 1
            entries.setdefault(group, [])
        for entry in found:  # every entry, whatever it is: the full check reports strays
            rel = entry.path[base:].replace(os.sep, "/")
            parts = rel.split("/")
            folder_entry = entry.is_dir(follow_symlinks=False)
            group = parts[1] if parts[0] == "cases" and len(parts) > 2 - folder_entry else SHARED
            if folder_entry:
                stack.append(entry.path)
                entries.setdefault(group, []).append(f"{rel}/\n")
                continue
            st = entry.stat(follow_symlinks=False)
            entries.setdefault(group, []).append(f"{rel}\0{st.st_mode}\0{st.st_mtime_ns}\0"
                                                 f"{st.st_size}\n")
            newest[group] = max(newest.get(group, 0), st.st_mtime_ns)
    return {group: RACY if newest.get(group, 0) > racy_from else
            hashlib.blake2b("".join(sorted(lines)).encode(), digest_size=16).hexdigest()
            for group, lines in entries.items()}


def _load(data_dir: Path) -> State | None:
    state = read_pickle(cache_file("state", data_dir))
    return state if isinstance(state, State) else None


def _save(data_dir: Path, state: State) -> None:
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
    copy.site_terms = linker.site_terms
    copy.first_use = dict.fromkeys(linker.first_use, _UNUSED)
    return pickle.dumps(copy, protocol=pickle.HIGHEST_PROTOCOL)


def full(data_dir: Path, jurisdiction: str = DEFAULT_JURISDICTION) -> Summary:
    """The full check (raising DataError); when clean, remember what the next check needs."""
    groups = scan(data_dir)
    seen: list[tuple[Linker, bytes, frozenset[str]]] = []
    dataset = load_dataset(data_dir, on_shared=lambda linker: seen.append(
        (linker, _snapshot(linker), frozenset(linker.first_use))), jurisdiction=jurisdiction)
    linker, shared, shared_ids = seen[0]
    state = State(groups, _claims(linker, shared_ids),
                  {cid: len(c.records) for cid, c in dataset.cases.items()},
                  len(dataset.sources), len(dataset.bodies), shared)
    _save(data_dir, state)
    return state.summary()


def _quick(data_dir: Path, state: State, groups: dict[str, str], jurisdiction: str
           ) -> Summary | None:
    """The check relinking only changed cases, or None where only a full check can say."""
    if groups.get(SHARED) in (RACY, None) or groups[SHARED] != state.groups.get(SHARED) \
            or set(state.groups) - set(groups):
        return None
    changed = sorted(g for g, sig in groups.items() if sig == RACY or state.groups.get(g) != sig)
    if not changed:
        return state.summary()
    loaded, problems, broken = read_all(data_dir, data_dir.parent, None,
                                        under=[data_dir / "cases" / case for case in changed])
    with no_gc():
        linker: Linker = pickle.loads(state.shared)
    shared_ids = frozenset(linker.first_use)
    linker.broken = broken
    link_cases(linker, loaded)
    if problems or linker.problems or set(linker.cases) != set(changed):
        return None
    claims = _claims(linker, shared_ids)
    others = {i for case, ids in state.ids.items() if case not in claims for i in ids}
    if any(ids & others for ids in claims.values()):
        return None
    compute_all(list(linker.cases.values()), None, jurisdiction)  # each case on its own
    state.groups = groups
    state.ids.update(claims)
    state.records.update({cid: len(c.records) for cid, c in linker.cases.items()})
    _save(data_dir, state)
    return state.summary()


def check(data_dir: Path, jurisdiction: str = DEFAULT_JURISDICTION) -> Summary:
    """Check the data set, relinking only what changed when that is safe; raise DataError.
    ``jurisdiction`` is the calendar of cases that name none (the plugin option)."""
    data_dir = data_dir.resolve()
    state = _load(data_dir)
    if state is not None and (data_dir / "themes.yml").is_file():
        summary = _quick(data_dir, state, scan(data_dir), jurisdiction)
        if summary is not None:
            return summary
    return full(data_dir, jurisdiction)
