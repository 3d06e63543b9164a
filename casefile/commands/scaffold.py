"""``casefile new``: start a data file with the next free id, the schema header and
``<placeholders>`` that ``casefile check`` rejects ("placeholder not filled in") until
they are replaced. Never overwrites an existing file; ``new theme`` appends to
data/themes.yml and ``new indicator`` to data/indicators.yml. Nothing is copied from other
files in the data set."""

from __future__ import annotations

import re
from pathlib import Path

from casefile.model import vocab
from casefile.outputs.jsonschema import header_for
from casefile.pipeline import data_files

KINDS = ("body", "person", "source", "theme", "indicator", "case", "record")
LISTS = {"theme": "themes", "indicator": "indicators"}  # kinds kept in one list file


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


def _choices(terms: dict[str, vocab.Term]) -> str:
    """The built-in values, for a comment (a site may add more in data/vocabulary.yml)."""
    return ", ".join(terms) + " (or one from data/vocabulary.yml)"


def _text(kind: str, ident: str) -> str:
    """The file's text after the schema line. Every value to write is a placeholder in
    angle brackets, which ``casefile check`` rejects until it is replaced."""
    if kind == "body":
        return (f"id: {ident}\nkind: <kind of body>  # {_choices(vocab.BODY_KINDS)}\nnames:\n"
                "  - name: <the body's full name>\n"
                "    # short: ABC        # an abbreviation, if it has one\n"
                "    # from: YYYY-MM     # when this name came into use\n"
                "# parent: body-id       # the body this one is part of, e.g. a government\n"
                "# variant_names: [Other Spelling]  # other spellings seen in sources\n")
    if kind == "person":
        return (f"id: {ident}\nname: <the name as the sources give it>\nroles:\n"
                "  - title: <the post, as the sources give it>\n"
                "    body: <id of the body the post belongs to>\n"
                "    # from: YYYY-MM\n    # until: YYYY-MM\n")
    if kind == "source":
        return (f"id: {ident}\ntitle: <the title exactly as written>\n"
                "publisher: <id of the body that published it>  # or, if the document does "
                "not say, publisher_note: how it is known\n"
                f"kind: <kind of document>  # {_choices(vocab.SOURCE_KINDS)}\n"
                "published: <the date as the document gives it, YYYY, YYYY-MM or YYYY-MM-DD>"
                "  # or in words (autumn 2022), or: no date shown\n"
                "# url: https://…          # https only; needs accessed:\n"
                "# archive_url: https://web.archive.org/…\n# accessed: YYYY-MM-DD\n"
                "language: en\n"
                "# original: source-id    # if this is a mirror or repost of another source\n"
                "# second_hand: true      # if it reports what another body said or found\n")
    if kind == "case":
        return (f"id: {ident}\ntitle: <the case title shown to readers>\n"
                "subject: <id of the body under scrutiny>  # or a list: [body-id, body-id]\n"
                "# partners: [body-id]    # bodies answering the matter with the subject\n"
                "# overseers: [body-id]   # a department, mayor or commissioner over it\n"
                "service: <the service under scrutiny>\n"
                "regulators: [<id of the regulator>]\n"
                "legal_basis: <the law the oversight rests on>\n"
                "jurisdiction: <ISO 3166 code of where the case is, e.g. GB-ENG, IE or US-CA>"
                "  # whose public holidays working days skip; delete the line if none: the "
                "site's option is used, else weekends only\n"
                "status: open\n"
                "reviewed: <YYYY-MM-DD, the day you last checked the case against its sources>\n"
                "summary: <a few sentences for readers>\n"
                "themes: [<theme id from data/themes.yml>]\n"
                "cite: [<source id from data/sources/>]\n"
                "# as_of: YYYY-MM-DD      # only to compute outcomes as of a day after the "
                "latest document\n"
                "# money:\n#   - amount: 1500000\n#     currency: GBP\n"
                "#     kind: budget       # " + ", ".join(vocab.MONEY_KINDS) + "\n"
                "#     for: what the money is for\n#     cite: [source-id]\n")
    return (f"id: {ident}\ntype: <type of event>  # {_choices(vocab.RECORD_TYPES)}\n"
            "title: <a short title for the timeline>\n"
            "date: <when it happened, as YYYY, YYYY-MM or YYYY-MM-DD>  # or in words: "
            "spring 2021\n"
            "# published: YYYY-MM  # only if published on a different date\n"
            "body: <id of the responsible body>\n"
            "summary: <what happened, in plain words>\n"
            "cite:\n  - source: <source id from data/sources/>\n"
            "    # quote: exact words from the source\n"
            "# findings:\n#   - id: …\n#     theme: …\n#     text: …\n#     cite: [source-id]\n"
            "# assessments:\n#   - finding: finding-id\n#     status: improving\n"
            "#     asserted_by: body-id\n#     note: …\n#     cite: [source-id]\n"
            "# oversight:             # a move to a level of an oversight framework\n"
            "#   - framework: framework-id   # see the methodology page\n"
            "#     level: level_value\n"
            "#     # effective: YYYY-MM-DD  # if it took effect on another day\n"
            "#     cite: [source-id]\n"
            "# next:                  # what happens next, where a source says so\n"
            "#   - text: …\n"
            "#     date: YYYY-MM      # expected by, as the source gives it; or leave out\n"
            "#     cite: [source-id]\n"
            "#     # reported_in: record-id  # a later record that reports what happened\n"
            "# figures:               # values of indicators from data/indicators.yml\n"
            "#   - indicator: indicator-id\n"
            "#     value: 120         # digits only, exactly as the source gives it\n"
            "#     date: YYYY-MM      # the day, month or year it applies to\n"
            "#     # until: YYYY-MM   # for a value over a period: its last day, month or year\n"
            "#     cite:\n#       - source: source-id\n#         quote: exact words from the "
            "source\n")


def _theme_entry(ident: str) -> str:
    return (f"  - id: {ident}\n    name: <a short name shown to readers>\n"
            "    description: <what findings under this theme are about>\n")


def _indicator_entry(ident: str) -> str:
    return (f"  - id: {ident}\n    name: <a short name shown to readers>\n"
            f"    unit: <what it counts>  # {', '.join(vocab.INDICATOR_UNITS)}\n"
            "    # currency: GBP      # for a money indicator only\n"
            "    description: <what exactly is measured>\n")


def add_to_list(data: Path, root: Path, ident: str, kind: str = "theme") -> Path:
    """Append a theme to data/themes.yml, or an indicator to data/indicators.yml (made if
    missing); returns its path."""
    key = LISTS[kind]
    path = data / f"{key}.yml"
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        text = re.sub(rf"^{key}:[ \t]*\[\][ \t]*$", f"{key}:", text, count=1, flags=re.M)
    else:
        text = f"{header_for(key, path.relative_to(root).as_posix())}\n{key}:\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = _theme_entry(ident) if kind == "theme" else _indicator_entry(ident)
    path.write_text(text + ("" if text.endswith("\n") else "\n") + entry, encoding="utf-8")
    return path


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
        folder = {"body": "bodies", "person": "people", "source": "sources", "case": "cases"}
        path = data / f"{LISTS[kind]}.yml" if kind in LISTS else data / folder[kind] / (
            f"{ident}/case.yml" if kind == "case" else f"{ident}.yml")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident):
        raise ScaffoldError(f"'{ident}' is not a valid id (lower-case letters, digits, hyphens)")
    if ident in taken or (kind not in LISTS and path.exists()):
        raise ScaffoldError(f"'{ident}' is already used ({path}); nothing was written")
    if kind in LISTS:
        return add_to_list(data, root, ident, kind)
    text = _text(kind, ident)
    rel = path.relative_to(root).as_posix()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(f"{header_for(kind, rel)}\n{text}")
    return path
