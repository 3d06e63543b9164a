"""The JSON Schema (for editors) and the loader (for the build) agree.

Both accept everything in data/. On the bad inputs of #2 the loader rejects all of them;
the schema rejects each one a JSON Schema can see. Duplicate keys are the editor's YAML
parser's business, a missing source id needs the other files, and a plain `no` is a string
to a YAML 1.2 editor, so those three are the loader's alone.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from casefile.model.vocab import SiteTerms
from casefile.outputs.jsonschema import HEADER_PREFIX, file_schema, header_for
from casefile.pipeline import classify, data_files, read_site_terms
from casefile.reading.load import Mapping, Node, Scalar, parse_text
from casefile.reading.schema import file_kinds
from casefile.reading.validate import validate
from tests.conftest import POWYS_DATA, REPO
from tests.test_build_failures import BREAKAGES

DATA = REPO / "data"
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def as_editor_sees_it(node: Node) -> Any:
    """Convert a node tree the way a YAML 1.2 (core schema) editor would."""
    if isinstance(node, Mapping):
        return {k: as_editor_sees_it(v) for k, (_, v) in node.items.items()}
    if isinstance(node, Scalar):
        if not node.plain:
            return node.value
        value = node.value
        if value in ("true", "false"):
            return value == "true"
        if value in ("", "~", "null"):
            return None
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
        return value
    return [as_editor_sees_it(item) for item in node.items]


def schema_errors(kind: str, text: str, site: SiteTerms | None = None) -> list[str]:
    node, problems = parse_text(text, "x.yml")
    assert node is not None, problems
    validator = Draft7Validator(file_schema(kind, site))
    return [e.message for e in validator.iter_errors(as_editor_sees_it(node))]


FILES = [p.relative_to(REPO).as_posix() for p in data_files(DATA)]
SITE = read_site_terms(DATA)  # a site's own kinds (data/vocabulary.yml), as `casefile schema`


@pytest.mark.parametrize("rel", FILES)
def test_schema_accepts_every_data_file(rel: str) -> None:
    kind, _, _ = classify(DATA, REPO / rel)
    assert kind is not None
    assert schema_errors(kind, (REPO / rel).read_text(encoding="utf-8"), SITE) == []


@pytest.mark.parametrize("rel", FILES)
def test_a_data_file_with_a_schema_header_names_its_own_schema(rel: str) -> None:
    """The header is optional (``casefile new`` writes it; a hand-made file may lack it),
    but where there is one it must point at the schema of that kind of file."""
    kind, _, _ = classify(DATA, REPO / rel)
    first = ((REPO / rel).read_text(encoding="utf-8").splitlines() or [""])[0]
    if first.startswith(HEADER_PREFIX):
        assert first == header_for(str(kind), rel)
        assert ((REPO / rel).parent / first.split("=", 1)[1]).resolve().is_file()


def test_the_scaffolded_files_of_the_fixture_start_with_their_headers() -> None:
    for path in data_files(POWYS_DATA):
        kind, _, _ = classify(POWYS_DATA, path)
        rel = f"data/{path.relative_to(POWYS_DATA).as_posix()}"
        assert path.read_text(encoding="utf-8").splitlines()[0] == header_for(str(kind), rel)


def test_committed_schemas_match_the_code() -> None:
    """schema/ is what `casefile schema` writes for this data set (`make site` refreshes it,
    so a site's own kinds in data/vocabulary.yml are in it)."""
    for path in (REPO / "schema").glob("*.schema.json"):
        kind = path.name.split(".")[0]
        assert json.loads(path.read_text(encoding="utf-8")) == file_schema(kind, SITE), (
            f"{path.name} is out of date: run `casefile schema` (or `make site`)")
    assert len(list((REPO / "schema").glob("*.schema.json"))) == len(file_kinds())


SCHEMA_REJECTS = {"duplicate key": False, "unknown key": True, "invalid status": True,
                  "missing source": False, "no as text": False, "no as date": True,
                  "impossible date": True}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_bad_inputs(name: str) -> None:
    rel, old, new, _ = BREAKAGES[name]
    text = (POWYS_DATA.parent / rel).read_text(encoding="utf-8").replace(old, new, 1)
    assert bool(schema_errors("record", text)) is SCHEMA_REJECTS[name]


@pytest.mark.parametrize("date, ok", [("2017", True), ("2017-07", True), ("2017-07-12", True),
                                      ("2018-02-30", False), ("2017-13-01", False),
                                      ("2017-04-31", False), ("2017-7", False)])
def test_schema_date_pattern(date: str, ok: bool) -> None:
    text = (POWYS_DATA / "cases/powys-childrens-services/records/powys-2018-04-addendum.yml"
            ).read_text(encoding="utf-8").replace("date: 2018-04\n", f"date: '{date}'\n", 1)
    assert (schema_errors("record", text) == []) is ok


def test_paths_are_relative_to_each_file() -> None:
    assert header_for("record", "data/cases/x/records/y.yml") == (
        "# yaml-language-server: $schema=../../../../schema/record.schema.json")
    assert Path(REPO / "schema" / "record.schema.json").is_file()


SOURCE = """id: x
title: A report
kind: other
language: en
publisher_note: Not known.
published_note: No date shown.
url: {url}
accessed: 2026-01-01
{flag}"""


@pytest.mark.parametrize("url, flag", [("https://example.org/a", ""),
                                       ("http://example.org/a", ""),
                                       ("http://example.org/a", "insecure_http: true\n"),
                                       ("http://example.org/a", "insecure_http: false\n"),
                                       ("https://example.org/a", "insecure_http: true\n"),
                                       ("ftp://example.org/a", "insecure_http: true\n")])
def test_schema_and_check_agree_on_plain_http_urls(url: str, flag: str) -> None:
    """Plain http:// is allowed only on a source marked insecure_http: true, by both."""
    text = SOURCE.format(url=url, flag=flag)
    node, _ = parse_text(text, "data/sources/x.yml")
    assert node is not None
    _, problems = validate(node, file_kinds()["source"], "data/sources/x.yml")
    schema_ok = schema_errors("source", text) == []
    assert schema_ok is (problems == []), (problems, schema_errors("source", text))
    assert schema_ok is (url.startswith("https") or (url.startswith("http:") and "true" in flag))
