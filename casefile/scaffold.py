"""``casefile new``: write a valid starting file with the next free id, commented
placeholders and the schema header. Never overwrites an existing file."""

from __future__ import annotations

import re
from pathlib import Path

from casefile import vocab
from casefile.jsonschema import header_for
from casefile.pipeline import data_files

KINDS = ("body", "source", "case", "record")


class ScaffoldError(Exception):
    """A scaffold that cannot be written; the message says why."""


def existing_ids(data: Path) -> set[str]:
    ids = set()
    for path in data_files(data):
        ids.add(path.parent.name if path.name == "case.yml" else path.stem)
        for match in re.finditer(r"^\s*-?\s*id:\s*([a-z0-9-]+)\s*$",
                                 path.read_text(encoding="utf-8", errors="replace"), re.M):
            ids.add(match.group(1))
    return ids


def next_id(prefix: str, taken: set[str]) -> str:
    number = 1
    while f"{prefix}-{number:03d}" in taken:
        number += 1
    return f"{prefix}-{number:03d}"


def _first(data: Path, folder: str, pattern: str = "") -> str:
    for path in sorted((data / folder).glob("*.yml")):
        if not pattern or re.search(pattern, path.read_text(encoding="utf-8"), re.M):
            return path.stem
    raise ScaffoldError(f"add a file to data/{folder}/ first (casefile new "
                        f"{'body' if folder == 'bodies' else 'source'})")


def _theme(data: Path) -> str:
    match = re.search(r"^\s*- id:\s*([a-z0-9-]+)", (data / "themes.yml").read_text("utf-8"), re.M)
    if not match:
        raise ScaffoldError("add a theme to data/themes.yml first")
    return match.group(1)


def _choices(terms: dict[str, vocab.Term]) -> str:
    """The built-in values, for a comment (a site may add more in data/vocabulary.yml)."""
    return ", ".join(terms) + " (or one from data/vocabulary.yml)"


def _text(kind: str, ident: str, data: Path, case: str | None) -> str:
    if kind == "body":
        return (f"id: {ident}\nkind: other  # {_choices(vocab.BODY_KINDS)}\nnames:\n"
                "  - name: Replace with the body's full name\n"
                "    # short: ABBR\n    # from: 2018-01   # when this name came into use\n")
    if kind == "source":
        return (f"id: {ident}\ntitle: Replace with the title exactly as written\n"
                "# publisher: body-id     # the body that published it, from data/bodies/\n"
                "publisher_note: Replace, or give publisher above and delete this line.\n"
                f"kind: other  # {_choices(vocab.SOURCE_KINDS)}\n"
                "# published: 2018-03-13  # as precise as the document says\n"
                "published_note: Replace, or give published above and delete this line.\n"
                "# url: https://…          # https only; needs accessed:\n"
                "# archive_url: https://web.archive.org/…\n# accessed: 2026-01-01\n"
                "language: en\n")
    source = _first(data, "sources")
    if kind == "case":
        subject = _first(data, "bodies", r"^kind: local_authority")
        regulator = _first(data, "bodies", r"^kind: regulator")
        return (f"id: {ident}\ntitle: Replace with the case title\nsubject: {subject}\n"
                f"service: Replace with the service\nregulators: [{regulator}]\n"
                "legal_basis: Replace with the law the oversight rests on\nstatus: open\n"
                "reviewed: 2000-01-01  # the day you last checked the case against its sources\n"
                "summary: Replace with a few sentences for readers.\n"
                f"themes: [{_theme(data)}]\ncite: [{source}]  # source ids, from data/sources/\n")
    body = _first(data, "bodies")
    return (f"id: {ident}\ntype: other  # see the methodology page for record types\n"
            "title: Replace with a short title for the timeline\n"
            "date: 2018  # when it happened: 2018, 2018-04 or 2018-04-12\n"
            "# published: 2018-05  # only if published on a different date\n"
            f"body: {body}  # the responsible body\n"
            "summary: Replace with what happened, in plain words.\n"
            f"cite:\n  - source: {source}\n    # quote: exact words from the source\n"
            "# findings:\n#   - id: …\n#     theme: …\n#     text: …\n#     cite: [source-id]\n"
            "# assessments:\n#   - finding: finding-id\n#     status: improving\n"
            "#     asserted_by: body-id\n#     note: …\n#     cite: [source-id]\n")


def scaffold(kind: str, data: Path, root: Path, ident: str | None = None,
             case: str | None = None) -> Path:
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind '{kind}'; choose one of {', '.join(KINDS)}")
    taken = existing_ids(data)
    if kind == "record":
        if not case or not (data / "cases" / case / "case.yml").is_file():
            raise ScaffoldError("give --case with the id of an existing case")
        ident = ident or next_id(case, taken)
        path = data / "cases" / case / "records" / f"{ident}.yml"
    else:
        ident = ident or next_id(kind, taken)
        folder = {"body": "bodies", "source": "sources", "case": "cases"}[kind]
        path = data / folder / (f"{ident}/case.yml" if kind == "case" else f"{ident}.yml")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident):
        raise ScaffoldError(f"'{ident}' is not a valid id (lower-case letters, digits, hyphens)")
    if path.exists() or ident in taken:
        raise ScaffoldError(f"'{ident}' is already used ({path}); nothing was written")
    text = _text(kind, ident, data, case)
    rel = path.relative_to(root).as_posix()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(f"{header_for(kind, rel)}\n{text}")
    return path
