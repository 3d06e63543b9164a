"""The ``casefile`` command. Exit status: 0 when all is well, 1 on data problems, 2 on misuse."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from casefile.errors import DataError, Problem, printable

# Only light modules here: ``casefile check`` starts its folder scan in a child before it
# imports the checker (``cmd_check``); each command imports what it needs.


def _github_data(text: str) -> str:
    """A workflow command's message, per GitHub's rules (control characters already
    shown as escapes, so nothing can start a new command line)."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """A workflow command's property value: ``:`` and ``,`` would end it or add another."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(problem: Problem) -> str:
    message = f"{problem.path}: {problem.message}" if problem.path else problem.message
    return (f"::error file={_github_property(problem.file)},line={problem.line},"
            f"col={problem.column},title=casefile check::{_github_data(message)}")


def project_jurisdiction(data: Path) -> str | None:
    """The plugin option ``jurisdiction`` from the mkdocs.yml beside the data folder (or in
    the current folder), else None (not set); DataError, located, when it or another plugin
    option is not one a build would accept."""
    from casefile.model.calendars import project_jurisdiction as read
    from casefile.options import problems as option_problems

    root = data.resolve().parent
    if not (root / "mkdocs.yml").is_file():
        root = Path(".")
    code, problems = read(root)
    problems = option_problems(root) or problems
    if problems:
        raise DataError(problems)
    return code


def project_requires_copies(data: Path) -> bool:
    """Whether the mkdocs.yml beside the data folder (or in the current folder) sets the
    plugin option ``require_copies: true``."""
    from casefile.model.calendars import plugin_option

    root = data.resolve().parent
    option = plugin_option(root if (root / "mkdocs.yml").is_file() else Path("."),
                           "require_copies")
    return option is not None and option.value.lower() == "true"


def cmd_check(args: argparse.Namespace) -> int:
    from casefile.reading.scan import Early

    data = Path(args.data)
    early = Early(data.resolve())  # the folder scan, on the other core while this imports
    try:
        from casefile.reading import quickcheck

        where = project_jurisdiction(data)
        require = args.require_copies or project_requires_copies(data)
        summary = quickcheck.full(data.resolve(), where, require, early.result) if \
            args.full else quickcheck.check(data, where, require, early.result)
    except DataError as exc:
        if args.format == "github":
            print("\n".join(_github(p) for p in exc.problems))
        print(exc.report(), file=sys.stderr)
        return 1
    finally:
        early.close()
    print(summary.line())
    _warn(summary.notes, args.format)
    return 0


def _warn(notes: tuple[Problem, ...], form: str) -> None:
    """Each warning of a clean check, on stderr as 'file:line:col: warning: ...' (and as a
    GitHub annotation with ``--format github``); the exit status stays 0."""
    for note in notes:
        if form == "github":
            print(_github(note).replace("::error ", "::warning ", 1))
        print(printable(f"{note.file}:{note.line}:{note.column}: warning: {note.message}"),
              file=sys.stderr)


def cmd_copy(args: argparse.Namespace) -> int:
    from casefile.reading import copies

    path = Path(args.file)
    if path.suffix not in copies.ENDINGS:
        print(f"casefile copy: {printable(args.file)}: a stored copy ends in "
              f"{', '.join(copies.ENDINGS)}", file=sys.stderr)
        return 2
    try:
        block = copies.copy_block(path)
    except ValueError as exc:
        print(f"casefile copy: {printable(args.file)}: {exc}", file=sys.stderr)
        return 1
    problem = copies.readable(path)
    if problem:
        print(f"casefile copy: {printable(args.file)}: {problem}", file=sys.stderr)
        return 1
    if path.resolve().parent.name != copies.FOLDER:
        print(f"casefile copy: note: move it to data/sources/{copies.FOLDER}/ before "
              "checking", file=sys.stderr)
    sys.stdout.write(block)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from casefile.outputs.jsonschema import write_schemas
    from casefile.pipeline import read_site_terms

    try:
        site = read_site_terms(Path(args.data))
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    for path in write_schemas(Path(args.out), site):
        print(path)
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from casefile.outputs.export import OutputRefusedError, generate

    try:
        written = generate(Path("."), Path(args.out), data=args.data)
    except OutputRefusedError as exc:
        print(f"casefile generate: --out {args.out}: {exc}; nothing was written or deleted. "
              "Give a new folder, or one an earlier generate wrote", file=sys.stderr)
        return 2
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"casefile generate: cannot write to {args.out}: {exc.strerror or exc}; "
              "the previous output is unchanged", file=sys.stderr)
        return 1
    print(f"casefile: wrote {len(written)} files to {args.out}")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from casefile.commands.init import InitError, init

    try:
        init(Path(args.folder), args.name)
    except InitError as exc:
        print(f"casefile init: {printable(str(exc))}", file=sys.stderr)
        return 1
    print(f"casefile init: created a new site in {args.folder}. Next: cd {args.folder}, "
          "then casefile check and mkdocs build --strict")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from casefile.commands.scaffold import ScaffoldError, scaffold

    data = Path(args.data)
    if not data.is_dir():
        print(f"casefile new: no data folder at {printable(str(data))}; give --data with the "
              "path of the site's data folder", file=sys.stderr)
        return 2
    if not (data / "themes.yml").is_file():  # never write into just any folder (e.g. /)
        print(f"casefile new: {printable(str(data))} is not a casefile data folder (it has no "
              "themes.yml); give --data with the site's data folder, or start a site with "
              "casefile init", file=sys.stderr)
        return 2
    if data.name in ("", ".", ".."):  # named by its own path: name it by its parent's
        data = data.resolve()
    try:  # the project is the data folder's parent: schema/ sits beside data/
        path = scaffold(args.kind, data, data.parent, args.id, args.case)
    except ScaffoldError as exc:
        print(f"casefile new: {printable(str(exc))}", file=sys.stderr)
        return 1
    print(path.as_posix())
    return 0


def external_links(args: argparse.Namespace) -> int:
    """Check every source URL, ask the Internet Archive about those with no archive URL,
    and write a Markdown report. Never fails on link results or archive answers."""
    import datetime as dt

    from casefile.outputs import wayback
    from casefile.outputs.external import Checker, check_all, report, targets
    from casefile.pipeline import load_dataset

    try:
        dataset = load_dataset(Path(args.data))
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    found = targets(dataset)
    checker = Checker(timeout=args.timeout, retries=args.retries, per_host=args.per_host,
                      allow_internal=args.allow_internal_for_tests)
    results = check_all(found, checker, Path(args.cache), args.max_age_days)
    archive, lookups = None, {}
    if not args.no_archive:
        lookups = wayback.look_up_all(found, checker, wayback.api_base(args.archive_api))
        archive = wayback.section(found, lookups)
    text = report(found, results, dt.date.today().isoformat(), archive)
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(text, encoding="utf-8")
    print(text.splitlines()[2] if len(text.splitlines()) > 2 else text)
    if lookups:
        print(wayback.summary(found, lookups) + " (advice only; never fails the run)")
    print(f"casefile links: report written to {args.report}")
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from casefile.outputs.links import check_internal

    if args.external:
        return external_links(args)
    result = check_internal(Path(args.site))
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    verdict = "all internal links and anchors resolve" if result.returncode == 0 else \
        "broken internal links or anchors (above)"
    print(f"casefile links: {verdict}", file=sys.stderr)
    return 0 if result.returncode == 0 else 1


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="casefile", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate all data and print every problem")
    check.add_argument("--data", default="data", help="data folder (default: data)")
    check.add_argument("--format", choices=("text", "github"), default="text")
    check.add_argument("--full", action="store_true",
                       help="check every file from scratch, ignoring what the last clean "
                            "check remembered (problems are always reported in full)")
    check.add_argument("--require-copies", action="store_true",
                       help="every cited source must have a stored copy (as the plugin "
                            "option require_copies: true does)")
    check.set_defaults(func=cmd_check)
    copy = sub.add_parser("copy", help="print the copy: block for a stored copy of a "
                          "document (data/sources/copies/FILE), to paste into its source")
    copy.add_argument("file", help="the stored copy, e.g. data/sources/copies/report.pdf")
    copy.set_defaults(func=cmd_copy)
    schema = sub.add_parser("schema", help="write the JSON Schema for each kind of file")
    schema.add_argument("--out", default="schema", help="output folder (default: schema)")
    schema.add_argument("--data", default="data", help="data folder whose vocabulary.yml "
                        "adds record types, body kinds and source kinds (default: data)")
    schema.set_defaults(func=cmd_schema)
    gen = sub.add_parser("generate", help="write all pages as Markdown plus assets, for "
                         "another site builder")
    gen.add_argument("--out", required=True, help="output folder (replaced atomically)")
    gen.add_argument("--data", default="data", help="data folder (default: data)")
    gen.set_defaults(func=cmd_generate)
    init = sub.add_parser("init", help="create a new, empty site in a new or empty folder")
    init.add_argument("folder", help="where to create the site")
    init.add_argument("--name", default="Public accountability records",
                      help="the site's name, shown on every page")
    init.set_defaults(func=cmd_init)
    new = sub.add_parser("new", help="start a data file with the next free id and "
                         "placeholders to fill in")
    new.add_argument("kind", choices=("case", "record", "source", "body", "person", "theme",
                                      "indicator"))
    new.add_argument("--id", help="the id to use (default: the next free one)")
    new.add_argument("--case", help="the case a new record belongs to")
    new.add_argument("--data", default="data", help="data folder (default: data)")
    new.set_defaults(func=cmd_new)
    links = sub.add_parser("links", help="check every internal link and #anchor in the site")
    links.add_argument("site", nargs="?", default="site", help="built site (default: site)")
    links.add_argument("--external", action="store_true",
                       help="check every source URL and archive URL, look up Internet "
                            "Archive copies of URLs with no archive URL; write a report")
    links.add_argument("--data", default="data", help="data folder (default: data)")
    links.add_argument("--report", default="link-report.md", help="Markdown report file")
    links.add_argument("--cache", default=".cache/links.json", help="results cache (JSON)")
    links.add_argument("--max-age-days", type=float, default=7,
                       help="do not re-check a URL checked this recently (default: 7)")
    links.add_argument("--timeout", type=float, default=10, help="seconds per request")
    links.add_argument("--retries", type=int, default=2, help="retries, with backoff")
    links.add_argument("--per-host", type=int, default=2, help="requests at once per host")
    links.add_argument("--archive-api", metavar="URL",
                       help="Internet Archive availability API to ask about source URLs "
                            "with no archive_url (default: $CASEFILE_ARCHIVE_API, else "
                            "https://archive.org/wayback/available)")
    links.add_argument("--no-archive", action="store_true",
                       help="do not ask the Internet Archive for copies")
    links.add_argument("--allow-internal-for-tests", action="store_true", help=argparse.SUPPRESS)
    links.set_defaults(func=cmd_links)
    _import_parser(sub)
    return top


def cmd_import(args: argparse.Namespace) -> int:
    from casefile.commands.import_recs import cmd_import as run

    return run(args)


def _import_parser(sub: Any) -> None:
    top = sub.add_parser("import", help="add entries to a record from a table")
    what = top.add_subparsers(dest="what", required=True)
    recs = what.add_parser(
        "recommendations", help="append a table of recommendations (CSV or JSON) to a "
        "record's findings, as kind: recommendation",
        description="Append a table of recommendations to a record's findings. Columns: "
        "number, paragraph, text (the words as the source prints them: they become the "
        "quotation), directed_at (body ids separated by ';'), and optionally theme and id. "
        "Nothing is written unless every row is good; existing entries are never changed.")
    recs.add_argument("file", help="a CSV file with a header row, or a JSON list of objects")
    recs.add_argument("--record", required=True, metavar="PATH_OR_ID",
                      help="the record to add to: its file or its id")
    recs.add_argument("--theme", help="theme id for rows with no theme column")
    recs.add_argument("--source", help="the source id each entry cites (default: the "
                      "record's first cited source)")
    recs.add_argument("--prefix", help="ids are PREFIX-NUMBER where there is no id column "
                      "(default: the record's id)")
    recs.add_argument("--data", default="data", help="data folder (default: data)")
    recs.set_defaults(func=cmd_import)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
