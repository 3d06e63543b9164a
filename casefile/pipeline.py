"""The whole core pipeline in one readable function: find → load → validate → link.

``load_dataset`` returns a ``Dataset`` or raises ``DataError`` carrying every problem in
the data set, sorted by file and line. It never imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from pathlib import Path

from casefile.errors import DataError, Problem
from casefile.fork import Forked, ForkError, no_gc
from casefile.fork import available as fork_available
from casefile.model import vocab
from casefile.model.calendars import DEFAULT_JURISDICTION
from casefile.model.deadlines import compute_all
from casefile.model.link import Linker, Loaded
from casefile.model.link_dates import as_of_after_records, break_loops, in_record_order, link_after
from casefile.model.link_oversight import check_move_order
from casefile.model.link_records import link_record_parts
from casefile.model.link_responses import answerable_items, link_responses
from casefile.model.objects import Dataset
from casefile.model.quotes import to_check
from casefile.reading import copies, schema
from casefile.reading.beneath import Beneath
from casefile.reading.cache import ParseCache, digest
from casefile.reading.load import load_bytes, read_data_file
from casefile.reading.survey import prefix_length, survey
from casefile.reading.validate import Loc, Rec, validate

_FLAT_KINDS = {"bodies": "body", "people": "person", "sources": "source"}


def classify(data_dir: Path, path: Path) -> tuple[str | None, str | None, str | None]:
    """(kind, expected id, case id) for a file, or kind None with a reason in slot 2."""
    return _classify(os.path.relpath(path, data_dir).replace(os.sep, "/"))


def _classify(rel: str) -> tuple[str | None, str | None, str | None]:
    """``classify`` on a path relative to the data folder, in POSIX form (string work only:
    pathlib cost 1.8 s of a 27,000-file load)."""
    parts = tuple(rel.split("/"))
    stem, _, ending = parts[-1].rpartition(".")
    if parts[:2] == ("sources", copies.FOLDER) and len(parts) == 3:
        if parts[2].endswith(copies.ENDINGS):
            return "copy", parts[2], None
        return None, ("unexpected file: a stored copy ends in " + ", ".join(copies.ENDINGS)
                      + "; convert the document to one of these, or move it out"), None
    if ending != "yml":
        if ending.lower() in ("yml", "yaml"):
            return None, f"data files end in .yml, not .{ending}; rename the file", None
        return None, ("unexpected file: only .yml data files are read under the data folder; "
                      "move other files out of it"), None
    if parts == ("themes.yml",):
        return "themes", None, None
    if parts == ("vocabulary.yml",):
        return "vocabulary", None, None
    if parts == ("indicators.yml",):
        return "indicators", None, None
    if len(parts) == 2 and parts[0] in _FLAT_KINDS:
        return _FLAT_KINDS[parts[0]], stem, None
    if len(parts) == 3 and parts[0] == "cases" and parts[2] == "case.yml":
        return "case", parts[1], parts[1]
    if len(parts) == 4 and parts[0] == "cases" and parts[2] == "records":
        return "record", stem, parts[1]
    return None, ("unexpected file: data files go in themes.yml, vocabulary.yml, "
                  "indicators.yml, bodies/, people/, sources/, cases/CASE/case.yml or "
                  "cases/CASE/records/"), None


def data_files(data_dir: Path) -> list[Path]:
    """Every plain .yml/.yaml file under data_dir, in a stable order: never a symbolic
    link, special file or hidden file (``survey`` reports those)."""
    files, _ = survey(data_dir, data_dir.parent)
    return [Path(p) for p in files if p.endswith((".yml", ".yaml"))]


Checked = tuple[Rec | None, list[Problem], bool]  # record, problems, parsed at all


def check_bytes(raw: bytes, rel: str, kind: str) -> Checked:
    """Parse and validate one file's bytes (run in worker processes for large data sets)."""
    node, problems = load_bytes(raw, rel)
    if node is None:
        return None, problems, False
    rec, found = validate(node, schema.FILE_KINDS[kind], rel)
    return rec, problems + found, True


Job = tuple[bytes | str, str, str]  # (the bytes, or a path to read), relative path, kind


def _check_job(source: bytes | str, rel: str, kind: str,
               beneath: Beneath | None = None) -> tuple[str, Checked | str]:
    """(content hash, result) of one file; the result is a message if it cannot be read."""
    if isinstance(source, str):
        source = read_data_file(source, beneath)
        if isinstance(source, str):
            return "", source
    return digest(source), check_bytes(source, rel, kind)


def _check_many(jobs: list[Job], base: str) -> list[tuple[str, Checked | str]]:
    """Check ``jobs``, reading files through the folder ``base`` (``Beneath``)."""
    with no_gc(), Beneath(base) as beneath:
        return [_check_job(*job, beneath) for job in jobs]


PARALLEL_FROM = 400  # files; below this, starting processes costs more than it saves


def _check_all(jobs: list[Job], base: str) -> list[tuple[str, Checked | str]]:
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < max(PARALLEL_FROM, 2) or workers < 2:
        return _check_many(jobs, base)
    if fork_available():
        return _check_shared(jobs, base, workers)
    size = -(-len(jobs) // (workers * 4))
    chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    import multiprocessing  # here: the incremental check starts no workers (0.03 s import)
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if fork_available() else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        check = functools.partial(_check_many, base=base)
        return [result for chunk in pool.map(check, chunks) for result in chunk]


# This process checks OWN_SHARE files for every CHILD_SHARE a child checks: a child then
# pickles what it found (0.8 to 1.06 s of CPU after 3.7 to 5.1 s checking half of a
# 1000-case data set) and this process unpickles it (0.2 to 0.4 s), so with equal shares
# this process waited. Measured, both end together when this process checks 53 to 54 %.
OWN_SHARE, CHILD_SHARE = 6, 5


def shares(count: int, workers: int) -> list[list[int]]:
    """The indexes of ``count`` jobs each of ``workers`` processes checks, this process's
    first: interleaved, OWN_SHARE for this one for every CHILD_SHARE for each child."""
    period = OWN_SHARE + CHILD_SHARE * (workers - 1)
    owner = [0] * OWN_SHARE + [1 + i // CHILD_SHARE for i in range(period - OWN_SHARE)]
    out: list[list[int]] = [[] for _ in range(workers)]
    for index in range(count):
        out[owner[index % period]].append(index)
    return out


def _check_shared(jobs: list[Job], base: str, workers: int) -> list[tuple[str, Checked | str]]:
    """``_check_many`` with the jobs shared (``shares``) between this process and
    ``workers - 1`` forked children, which send back their results when done: this
    process pickles nothing of its own share (with a pool of workers it waited, idle,
    and unpickled all of them). A share whose child fails is checked here instead."""
    indexes = shares(len(jobs), workers)
    parts = [[jobs[i] for i in share] for share in indexes]
    children = [Forked(functools.partial(_check_many, part, base), "casefile-parse")
                for part in parts[1:]]
    results = [_check_many(parts[0], base)]
    for child, part in zip(children, parts[1:], strict=True):
        try:
            found = child.result()
        except ForkError:  # the same results, later
            found = None
        results.append(found if isinstance(found, list) and len(found) == len(part)
                       else _check_many(part, base))
    out: list[tuple[str, Checked | str]] = [("", "")] * len(jobs)
    for share, result in zip(indexes, results, strict=True):
        for index, checked in zip(share, result, strict=True):
            out[index] = checked
    return out


def read_all(data_dir: Path, root: Path, cache: ParseCache | None = None,
             paths: list[Path] | None = None, under: list[Path] | None = None,
             digests: dict[str, str] | None = None
             ) -> tuple[list[Loaded], list[Problem], set[str]]:
    """Load and validate every file (or just ``paths``, or everything in the folders
    ``under``); return what validated, the problems, and broken ids. Whatever under the
    folders read is not a data file is a problem (``survey``). ``digests`` (if given)
    receives the content hash (``cache.digest``) of every data file read, by its path
    relative to ``root``.

    With cached results, each file is read and hashed here to find them; with none (a cold
    cache), the workers read the files themselves, in parallel."""
    loaded: list[Loaded] = []
    problems: list[Problem] = []
    broken: set[str] = set()
    if paths is None and not (data_dir / "themes.yml").is_file():
        problems.append(Problem(_rel(data_dir / "themes.yml", root), 1, 1, "",
                                "missing file: the list of themes is required"))
    planned: list[tuple[str, str, str | None, str | None, Checked | None]] = []
    jobs: list[Job] = []
    cold = cache is None or not cache.entries
    data_prefix, root_prefix = prefix_length(data_dir), prefix_length(root)
    listed, stray = _listed(data_dir, root, paths, under)
    problems += stray
    with Beneath(str(data_dir)) as beneath:  # no folder below data_dir is followed if a link
        for text in listed:
            rel = text[root_prefix:].replace(os.sep, "/")
            kind, expected, case_id = _classify(text[data_prefix:].replace(os.sep, "/"))
            if kind is None:
                problems.append(Problem(rel, 1, 1, "", expected or "unexpected file"))
                continue
            if kind == "copy":  # read once a source names it (casefile.reading.copies)
                loaded.append(Loaded(kind, Rec(Loc(rel, 1, 1, "")), expected))
                continue
            hit = None
            if cold:
                jobs.append((text, rel, kind))
            else:
                raw = read_data_file(text, beneath)
                if isinstance(raw, str):
                    problems.append(Problem(rel, 1, 1, "", raw))
                    broken.add(expected or "")  # its id is not also reported as missing
                    continue
                key = digest(raw)
                hit = cache.get(rel, key) if cache else None
                if hit is None:
                    jobs.append((raw, rel, kind))
                elif digests is not None:
                    digests[rel] = key
            planned.append((rel, kind, expected, case_id, hit))
    fresh = iter(_check_all(jobs, str(data_dir)))
    kept = set()
    for rel, kind, expected, case_id, hit in planned:
        if hit is None:
            key, result = next(fresh)
            if isinstance(result, str):
                problems.append(Problem(rel, 1, 1, "", result))
                broken.add(expected or "")
                continue
            hit = result
            if cache is not None:
                cache.put(rel, key, hit)
            if digests is not None:
                digests[rel] = key
        kept.add(rel)
        rec, found, parsed = hit
        problems += found
        if not parsed:
            broken.add(expected or "")
        elif rec is not None:
            loaded.append(Loaded(kind, rec, expected, case_id, clean=not found))
    if cache is not None:
        cache.save(kept, background=True)  # the caller waits, after linking
    return loaded, problems, broken


def _listed(data_dir: Path, root: Path, paths: list[Path] | None,
            under: list[Path] | None) -> tuple[list[str], list[Problem]]:
    """The files read_all reads (``paths``, everything in ``under``, or everything), and
    the problems of whatever else the folders walked hold."""
    if paths is not None:
        return [str(p) for p in paths], []
    listed: list[str] = []
    problems: list[Problem] = []
    for top in under if under is not None else [None]:
        files, stray = survey(data_dir, root, top)
        listed += files
        problems += stray
    return listed, problems


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _each(loaded: list[Loaded], kinds: tuple[str, ...], step: Callable[[Loaded], None]) -> None:
    for item in loaded:
        if item.kind not in kinds:
            continue
        try:
            step(item)
        except (KeyError, TypeError, AttributeError):
            if item.clean:  # a bug, not bad data: let it surface
                raise  # pragma: no cover


def link_all(loaded: list[Loaded], broken: set[str],
             on_shared: Callable[[Linker], None] | None = None,
             data_dir: Path | None = None,
             meanwhile: Callable[[Linker], None] | None = None) -> Linker:
    """Link every file: first the shared ones (themes, bodies, sources, people), then the
    cases, then check every quote against the stored copies in ``data_dir`` (if given).
    ``on_shared`` sees the linker in between (``casefile check`` keeps a copy);
    ``meanwhile`` runs while a child checks stored copies (``copies.verify``)."""
    linker = link_shared(loaded, broken)
    if on_shared is not None:
        on_shared(linker)
    link_cases(linker, loaded)
    check_quotes(linker, data_dir, loaded,
                 None if meanwhile is None else functools.partial(meanwhile, linker))
    return linker


def link_shared(loaded: list[Loaded], broken: set[str]) -> Linker:
    linker = Linker()
    linker.broken = broken
    _each(loaded, ("vocabulary",), lambda i: linker.add_vocabulary(i.rec))
    _each(loaded, ("themes",), lambda i: [linker.add_theme(theme)
                                          for theme in i.rec.get("themes") or [] if theme])
    _each(loaded, ("indicators",), lambda i: [
        linker.add_indicator(item) for item in i.rec.get("indicators") or [] if item])
    _each(loaded, ("body",), lambda i: linker.add_body(i.rec, i.expected_id))
    _each(loaded, ("source",), lambda i: linker.add_source(i.rec, i.expected_id))
    _each(loaded, ("person",), lambda i: linker.add_person(i.rec, i.expected_id))
    linker.finish_bodies()
    linker.finish_source_dates()
    return linker


def link_cases(linker: Linker, loaded: list[Loaded]) -> Linker:
    """Link case files and their records against an already linked set of shared files."""
    _each(loaded, ("case",), lambda i: linker.add_case(i.rec, i.expected_id))
    _each(loaded, ("record",), lambda i: linker.add_record(i.rec, i.expected_id, i.case_id))
    _each(loaded, ("record",), lambda i: link_after(linker, i.rec))
    break_loops(linker, [i.rec for i in loaded if i.kind == "record"])
    _each(loaded, ("case",), lambda i: linker.add_money(i.rec))
    _each(loaded, ("case",), lambda i: as_of_after_records(linker, i.rec))
    _each(loaded, ("record",), lambda i: linker.add_record_parts(i.rec))
    _each(loaded, ("record",), lambda i: link_record_parts(
        linker, linker.records[i.rec["id"]], i.rec) if i.rec.get("id") in linker.records else None)
    answerable = answerable_items(linker, [i.rec for i in loaded if i.kind == "record"])
    _each(loaded, ("record",), lambda i: link_responses(
        linker, linker.records[i.rec["id"]], i.rec, answerable, i.clean)
        if i.rec.get("id") in linker.records else None)
    _each(loaded, ("case",), lambda i: check_move_order(linker, i.rec))
    return linker


def check_quotes(linker: Linker, data_dir: Path | None,
                 loaded: list[Loaded] | None = None,
                 meanwhile: Callable[[], None] | None = None) -> None:
    """Check every quote linked so far against its source's stored copy, read from
    ``data_dir`` (none: nothing is read and no quote is checked), and count those of
    sources with no copy. ``loaded``: the full check (``copies.verify``); ``meanwhile``:
    other work for this process while a child checks copies (else run here, after)."""
    quoted = to_check(linker.quoted, linker.stated)
    linker.unverified = [q.at[0] for q in quoted if q.cite.source.copy is None]
    if data_dir is not None:
        copies.verify(linker, quoted, data_dir, loaded, meanwhile)
    elif meanwhile is not None:
        meanwhile()


def require_copies(linker: Linker) -> list[Problem]:
    """A problem at each cited source that has no stored copy (the option
    ``require_copies``), giving how often it is cited."""
    out = []
    for ident, count in sorted(linker.cited.items()):
        source = linker.sources.get(ident)
        if source is not None and source.copy is None:
            out.append(linker.source_recs[ident].where("id").problem(
                f"source '{ident}' is cited {count} time{'s' if count != 1 else ''} but has no "
                f"stored copy, and this site requires one (require_copies): put the document "
                f"in data/sources/{copies.FOLDER}/ and add its copy: block (casefile copy "
                "prints it)"))
    return out


def load_dataset(data_dir: Path, as_of: dt.date | None = None, use_cache: bool = True,
                 keep: Callable[[list[Loaded]], list[Loaded]] | None = None,
                 on_shared: Callable[[Linker], None] | None = None,
                 jurisdiction: str | None = DEFAULT_JURISDICTION,
                 require: bool = False, digests: dict[str, str] | None = None) -> Dataset:
    """Run the core pipeline over ``data_dir``; raise ``DataError`` listing every problem.

    With ``keep``, the loading runs in a child process (on Linux, for data sets of more
    than ISOLATE_FROM files) and only the linked model comes back, with the validated
    records ``keep`` chooses: parsing leaves memory fragmented that Python never returns
    (312 MB against 120 MB for the model alone, at 1,000 cases). ``on_shared`` is passed
    to ``build_dataset`` (not with ``keep``). ``as_of`` overrides, for every case without
    an ``as_of`` of its own, the date of its latest document; ``jurisdiction`` is the
    calendar of cases that name none. With ``require``, every cited source must have a
    stored copy (the option ``require_copies``). ``digests`` receives the content hash of
    every data file read (``read_all``; not with ``keep``)."""
    data_dir = data_dir.resolve()
    if keep is not None:
        assert on_shared is None and digests is None, "not seen from another process"
        if fork_available() and _count_files(data_dir) > ISOLATE_FROM:
            return _load_isolated(data_dir, as_of, use_cache, keep, jurisdiction, require)
        dataset = load_dataset(data_dir, as_of, use_cache, jurisdiction=jurisdiction,
                               require=require)
        dataset.loaded = keep(dataset.loaded)
        return dataset
    cache = ParseCache(data_dir) if use_cache else None
    try:
        with no_gc():  # records and the model hold no garbage cycles worth collecting
            loaded, problems, broken = read_all(data_dir, data_dir.parent, cache,
                                                digests=digests)
            return build_dataset(loaded, problems, broken, as_of, on_shared, jurisdiction,
                                 data_dir, require)
    finally:
        if cache is not None:
            cache.wait()


def build_dataset(loaded: list[Loaded], problems: list[Problem], broken: set[str],
                  as_of: dt.date | None = None,
                  on_shared: Callable[[Linker], None] | None = None,
                  jurisdiction: str | None = DEFAULT_JURISDICTION, data_dir: Path | None = None,
                  require: bool = False) -> Dataset:
    """Link validated records into a Dataset (shared by the YAML loader and JSON import);
    with ``data_dir``, quotes are checked against the stored copies in it."""
    timed: list[Linker] = []

    def outcomes(linker: Linker) -> None:
        """The cases' outcomes, worked out while a child checks stored copies when nothing
        is wrong so far (what the copies find cannot change them; any problem found
        later is still reported, and these are then not used)."""
        if not problems and not linker.problems:
            _outcomes(linker, as_of, jurisdiction)
            timed.append(linker)

    linker = link_all(loaded, broken, on_shared, data_dir, outcomes)
    problems = problems + linker.problems + (require_copies(linker) if require else [])
    if problems:
        raise DataError(problems)
    if not timed:
        _outcomes(linker, as_of, jurisdiction)
    newest = max((c.as_of for c in linker.cases.values() if c.as_of),
                 default=as_of or dt.date(1970, 1, 1))
    return Dataset(linker.bodies, linker.people, linker.sources, linker.themes,
                   dict(sorted(linker.cases.items())), newest, list(loaded),
                   {k: v for k, v in linker.site_terms.items() if v}, linker.site_frameworks,
                   len(linker.unverified), dict(linker.indicators))


def _outcomes(linker: Linker, as_of: dt.date | None, jurisdiction: str | None) -> None:
    """Each case's records in order, then its calendar, as-of date and outcomes."""
    for case in linker.cases.values():
        case.records = in_record_order(case.records)
    compute_all(list(linker.cases.values()), as_of, jurisdiction)


def read_site_terms(data_dir: Path) -> dict[str, dict[str, vocab.Term]]:
    """The site's own vocabulary terms from data_dir/vocabulary.yml (none if absent);
    DataError if that file has problems."""
    path = data_dir.resolve() / "vocabulary.yml"
    if not path.is_file():
        return {}
    loaded, problems, _ = read_all(path.parent, path.parent.parent, None, [path])
    linker = Linker()
    for item in loaded:
        linker.add_vocabulary(item.rec)
    if problems or linker.problems:
        raise DataError(problems + linker.problems)
    return {k: v for k, v in linker.site_terms.items() if v}


ISOLATE_FROM = 2000  # files; below this a child process costs more than it saves


def _count_files(data_dir: Path, limit: int = ISOLATE_FROM + 1) -> int:
    """Entries under data_dir, counted up to ``limit`` (iteratively: no folder depth can
    exhaust the stack; links are never followed)."""
    count, stack = 0, [str(data_dir)]
    while stack and count < limit:
        try:
            with os.scandir(stack.pop()) as listing:
                for entry in listing:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    else:
                        count += 1
        except OSError:
            continue  # reported by survey
    return count


def _load_isolated(data_dir: Path, as_of: dt.date | None, use_cache: bool,
                   keep: Callable[[list[Loaded]], list[Loaded]], jurisdiction: str | None,
                   require: bool) -> Dataset:
    """Load in a forked child; receive the model (or the problems) through a pipe."""

    def child() -> tuple[str, object]:
        try:
            dataset = load_dataset(data_dir, as_of, use_cache, jurisdiction=jurisdiction,
                                   require=require)
        except DataError as exc:
            return "problems", exc.problems
        dataset.loaded = keep(dataset.loaded)
        return "ok", dataset

    try:
        kind, value = Forked(child, "casefile-load").result()
    except ForkError as exc:
        raise ForkError(f"loading the data failed: {exc}") from None
    if kind == "problems":
        assert isinstance(value, list)
        raise DataError(value)
    assert isinstance(value, Dataset)
    return value
