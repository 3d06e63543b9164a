"""JSON Schema (draft-07) generated from ``casefile.reading.schema``: one source of truth.

yaml-language-server reads draft-07, so editors get completion and inline errors. The
loader stays stricter than any JSON Schema can be (duplicate keys, YAML 1.1 scalars,
real calendar dates, cross-file ids), but the two agree on everything a schema can say.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from casefile.model import date_words
from casefile.model.dates import MAX_YEAR, MIN_YEAR
from casefile.model.money import CURRENCIES
from casefile.model.vocab import SiteTerms
from casefile.reading import schema as s

DRAFT = "http://json-schema.org/draft-07/schema#"
_DATE = (r"^[12][0-9]{3}(-((0[13578]|1[02])(-(0[1-9]|[12]\d|3[01]))?"
         r"|(0[469]|11)(-(0[1-9]|[12]\d|30))?"
         r"|02(-(0[1-9]|1\d|2[0-9]))?))?$")


def type_schema(type_: s.Type) -> dict[str, Any]:
    if isinstance(type_, s.Obj):
        return obj_schema(type_)
    if isinstance(type_, s.ListOf):
        out: dict[str, Any] = {"type": "array", "items": type_schema(type_.item)}
        if type_.min_items:
            out["minItems"] = type_.min_items
        if type_.one_ok:
            return {"anyOf": [type_schema(type_.item), out]}
        return out
    if isinstance(type_, s.Enum):
        return {"type": "string", "enum": list(type_.terms),
                "markdownEnumDescriptions": [t.description for t in type_.terms.values()]}
    simple: dict[type, dict[str, Any]] = {
        s.Text: {"type": "string", "minLength": 1},
        s.Id: {"type": "string", "pattern": s.ID_PATTERN, "maxLength": s.MAX_ID_LENGTH},
        s.Key: {"type": "string", "pattern": s.KEY_PATTERN},
        s.Ref: {"type": "string", "pattern": s.ID_PATTERN, "maxLength": s.MAX_ID_LENGTH},
        # a plain 2017 reaches a YAML 1.2 editor as a number, so years may be integers
        s.Date: {"anyOf": [{"type": "string", "pattern": _DATE},
                           {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}]},
        s.Url: {"type": "string", "pattern": r"^https://"},
        s.Int: {"type": "integer", "minimum": getattr(type_, "minimum", 1),
                "maximum": getattr(type_, "maximum", 100_000)},
        s.Amount: {"type": "number", "minimum": 0},
        s.Number: {"type": "number"},
        s.Bool: {"type": "boolean"},
        s.Lang: {"type": "string", "pattern": s.LANG_PATTERN},
        s.Currency: {"type": "string", "enum": sorted(CURRENCIES)},
    }
    if isinstance(type_, s.Pattern):
        return {"type": "string", "pattern": type_.pattern}
    if isinstance(type_, s.Bool) and type_.only_true:  # false is refused by the check too
        return {"type": "boolean", "const": True}
    if isinstance(type_, s.Date) and type_.words:  # and the worded forms it takes
        words = {"type": "string", "pattern": date_words.json_pattern(type_.words, _DATE[1:-1])}
        return {"anyOf": [*simple[s.Date]["anyOf"], words]}
    return dict(simple[type(type_)])


def obj_schema(obj: s.Obj) -> dict[str, Any]:
    properties = {}
    for field in obj.fields:
        prop = type_schema(field.type)
        prop["description"] = field.doc
        properties[field.name] = prop
    out: dict[str, Any] = {"type": "object", "description": obj.doc, "properties": properties,
                           "additionalProperties": False}
    required = [f.name for f in obj.fields if f.required]
    if required:
        out["required"] = required
    for rule in obj.rules:
        if rule.kind == "exactly_one":
            out.setdefault("allOf", []).append(
                {"oneOf": [{"required": [name]} for name in rule.fields]})
        elif rule.kind == "at_least_one":
            out.setdefault("allOf", []).append(
                {"anyOf": [{"required": [name]} for name in rule.fields]})
        elif rule.kind in ("together", "requires"):
            first, *rest = rule.fields
            out.setdefault("dependencies", {})[first] = rest
        elif rule.kind == "http_needs_flag":
            _http_with_flag(out, rule.fields)
    if obj.shorthand:
        return {"anyOf": [type_schema(obj.field_map()[obj.shorthand].type), out],
                "description": obj.doc}
    return out


def _http_with_flag(out: dict[str, Any], fields: tuple[str, ...]) -> None:
    """Plain http:// in ``urls`` only when ``flag`` is true, as the loader allows it."""
    *urls, flag = fields
    for url in urls:
        out["properties"][url]["pattern"] = r"^https?://"
    flag_set = {"required": [flag], "properties": {flag: {"const": True}}}
    out.setdefault("allOf", []).append(
        {"if": {"not": flag_set},
         "then": {"properties": {url: {"pattern": r"^https://"} for url in urls}}})


def file_schema(kind: str, site: SiteTerms | None = None) -> dict[str, Any]:
    """The schema of one kind of file, with the site's own vocabulary terms if given."""
    out = obj_schema(s.file_kinds(site)[kind])
    out["$schema"] = DRAFT
    out["$id"] = f"casefile-{kind}.schema.json"
    out["title"] = f"casefile {kind} file"
    return out


def write_schemas(out_dir: Path, site: SiteTerms | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in s.FILE_KINDS:
        path = out_dir / f"{kind}.schema.json"
        path.write_text(json.dumps(file_schema(kind, site), indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written


SCHEMA_DIR = "schema"
HEADER_PREFIX = "# yaml-language-server: $schema="


def header_for(kind: str, rel_path: str) -> str:
    """The first line a data file at ``rel_path`` (relative to the project root) carries."""
    depth = rel_path.count("/")
    return f"{HEADER_PREFIX}{'../' * depth}{SCHEMA_DIR}/{kind}.schema.json"
