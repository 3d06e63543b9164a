"""The core never imports MkDocs; the plugin is registered; the JSON Schema is generable."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

from casefile.outputs.jsonschema import file_schema, write_schemas
from casefile.reading import schema
from tests.conftest import POWYS_DATA, REPO

# The folder tree shows the pipeline: reading -> model -> outputs, with the command line
# beside them; only the pipeline, the MkDocs adapter and shared helpers sit at the top.
STAGES = {
    "reading": {"survey", "beneath", "load", "validate", "schema", "cache", "quickcheck",
                "differ", "copies", "scan", "kept"},
    "model": {"objects", "vocab", "dates", "date_words", "calendars", "money", "link",
              "link_records", "link_dates", "link_differ", "deadlines", "views", "oversight",
              "oversight_history", "link_oversight", "who", "quotes", "published", "grades",
              "cited_in", "citation", "stand", "histories", "upcoming", "responses",
              "link_responses"},
    "outputs": {"render", "opendata", "opendata_json", "opendata_dataset", "opendata_import",
                "opendata_tables", "feeds", "export", "jsonschema", "minify", "harden",
                "output", "links", "external", "wayback", "examples", "feature_examples",
                "neutral", "skip", "blocks", "compiled"},
    "commands": {"cli", "scaffold", "init", "import_recs", "import_read", "import_target",
                 "yaml_append"},
}
# "where things stand", split by concern: its requirements, and the sentence both parts say
STAGES["model"] |= {"said", "stand_requirements", "stand_oversight"}
# responses counted per report and listed per status, for the case page and list pages (#18)
STAGES["model"] |= {"response_lists"}
# figures over time: values of shared indicators, written with their units and linked (#15)
STAGES["model"] |= {"figures", "link_figures"}
# ... as readers see them: a series per indicator, the latest per case; and their chart
STAGES["model"] |= {"figures_view"}
STAGES["outputs"] |= {"chart"}
# one finding's history of both axes, progress and responses, in date order (#18 item 4)
STAGES["model"] |= {"both"}
# progress beside responses, and list pages that filter without JavaScript (#18 item 5)
STAGES["model"] |= {"item_progress", "list_pages"}
# the next or past-due deadline: a requirement's or a duty to respond's (#12 review, #18)
STAGES["model"] |= {"next_due"}
# the jurisdiction codes the holidays package knows, generated from it (checked without it)
STAGES["model"] |= {"jurisdiction_codes"}
# generated pages converted without Python-Markdown where they are only headings and blocks
STAGES["outputs"] |= {"fastmd"}
# the model's objects, split by theme: sources, bodies and people, claims, duties, figures
STAGES["model"] |= {"objects_sources", "objects_bodies", "objects_claims", "objects_duties",
                    "objects_figures"}
# the theme's search entries spooled to a file as pages are written (peak memory, #12)
STAGES["outputs"] |= {"search"}
# the theme's site menu rendered once for the pages that share it (#12, build time)
STAGES["outputs"] |= {"menu"}
# ... and each page's search sections found without the theme's HTML parser (#12 build time)
STAGES["outputs"] |= {"search_sections"}
# MkDocs' page loop in two halves: the last generated pages built on the other core (#12)
STAGES["outputs"] |= {"pageloop"}
# options: the plugin options, checked for the build, casefile check and casefile init alike
TOP = {"pipeline", "errors", "fork", "assets", "buildinfo", "options"}  # and plugin.py (MkDocs)
CORE = sorted([f"casefile.{m}" for m in TOP] +
              [f"casefile.{stage}.{m}" for stage, mods in STAGES.items() for m in mods])


def test_core_does_not_import_mkdocs() -> None:
    code = ("import sys\n" + "".join(f"import {m}\n" for m in CORE) +
            "from pathlib import Path\nfrom casefile.pipeline import load_dataset\n"
            "from casefile.outputs.render import Renderer\n"
            f"Renderer(load_dataset(Path({str(POWYS_DATA)!r})), Path({str(REPO / 'macros')!r}))"
            ".pages()\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')]\n"
            "assert not bad, bad\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_core_modules_are_listed() -> None:
    package = REPO / "casefile"
    on_disk = {".".join(p.relative_to(REPO).with_suffix("").parts)
               for p in package.rglob("*.py") if p.stem != "__init__"}
    assert on_disk == set(CORE) | {"casefile.plugin"}
    assert {p.name for p in package.iterdir() if p.is_dir() and p.name != "__pycache__"} == \
        set(STAGES)


def test_plugin_is_registered_as_an_entry_point() -> None:
    found = [e for e in entry_points(group="mkdocs.plugins") if e.name == "casefile"]
    assert [e.value for e in found] == ["casefile.plugin:CasefilePlugin"]


def test_json_schema_is_generated_from_the_schema(tmp_path: Path) -> None:
    paths = write_schemas(tmp_path)
    assert sorted(p.name for p in paths) == sorted(f"{k}.schema.json" for k in schema.FILE_KINDS)
    record = json.loads((tmp_path / "record.schema.json").read_text(encoding="utf-8"))
    assert record["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert record["additionalProperties"] is False
    assert set(record["properties"]) == {f.name for f in schema.RECORD.fields}
    assert set(record["required"]) == {f.name for f in schema.RECORD.fields if f.required}
    status = record["properties"]["assessments"]["items"]["properties"]["status"]
    assert status["enum"] == list(schema.vocab.STATUSES)


def test_every_field_is_documented() -> None:
    def walk(obj: schema.Obj) -> None:
        assert obj.doc, obj.name
        for field in obj.fields:
            assert field.doc, f"{obj.name}.{field.name}"
            inner = field.type.item if isinstance(field.type, schema.ListOf) else field.type
            if isinstance(inner, schema.Obj):
                walk(inner)

    for kind in schema.FILE_KINDS.values():
        walk(kind)
    for kind in schema.FILE_KINDS:
        assert file_schema(kind)["title"] == f"casefile {kind} file"
