"""Figures over time (#15), the documentation against the code: the units the How to edit
page, the schema and the methodology name are the vocabulary's, in its order; the field
reference and JSON Schema describe figures and indicators; and `casefile new record`'s
commented figures example, uncommented, passes the check. All data here is fictional."""

from __future__ import annotations

import re
from pathlib import Path

from casefile.commands.init import METHODOLOGY_MD
from casefile.model import vocab
from casefile.outputs import feature_examples
from casefile.outputs.jsonschema import file_schema
from casefile.pipeline import load_dataset
from casefile.reading import schema
from tests.conftest import REPO, init_site
from tests.test_cli import run
from tests.test_scaffold import FILL, make_all

UNITS = list(vocab.INDICATOR_UNITS)
IN_WORDS = ", ".join(UNITS[:-1]) + " or " + UNITS[-1]  # people, per_cent, ... or money


def test_the_units_are_named_as_the_vocabulary_has_them() -> None:
    assert UNITS == ["people", "per_cent", "days", "cases", "count", "money"]
    assert f"unit: people              # {IN_WORDS}\n" in \
        feature_examples.FILES["data/indicators.yml"]
    assert f"What it is counted in: {IN_WORDS} (see" in \
        schema.INDICATOR.field_map()["unit"].doc
    howto = (REPO / "content" / "how-to-edit.md").read_text("utf-8")
    assert f"# {IN_WORDS}\n" in howto
    for page in ((REPO / "content" / "methodology.md").read_text("utf-8"), METHODOLOGY_MD.format()):
        assert "{{ vocabulary(\"indicator_units\") }}" in page
        assert "self-report" in page.split("## Figures over time")[1].split("\n## ")[0]


def test_field_reference_and_json_schema_describe_figures() -> None:
    names = [obj.name for obj in schema.sections()]
    assert {"figure", "indicator", "indicators"} <= set(names)
    assert schema.type_label(schema.FIGURE.field_map()["indicator"].type) == \
        "id of an indicator"
    record = file_schema("record")["properties"]["figures"]["items"]
    assert record["required"] == ["indicator", "value", "date", "cite"]
    assert record["properties"]["value"]["type"] == "number"
    indicators = file_schema("indicators")["properties"]["indicators"]["items"]
    assert indicators["properties"]["unit"]["enum"] == UNITS
    assert (REPO / "schema" / "indicators.schema.json").is_file()


def test_the_scaffolds_figures_example_passes_once_filled_in(tmp_path: Path) -> None:
    root = init_site(tmp_path / "site")
    make_all(root)
    for made in (root / "data").rglob("*.yml"):
        made.write_text(re.sub(r"<[^<>=\"\n]+>", lambda m: FILL[m.group(0)],
                               made.read_text("utf-8")), encoding="utf-8")
    path = root / "data/cases/case-001/records/case-001-001.yml"
    text = path.read_text("utf-8")
    block = text[text.index("# figures:"):]
    assert block == (
        "# figures:               # values of indicators from data/indicators.yml\n"
        "#   - indicator: indicator-id\n"
        "#     value: 120         # digits only, exactly as the source gives it\n"
        "#     date: YYYY-MM      # the day, month or year it applies to\n"
        "#     # until: YYYY-MM   # for a value over a period: its last day, month or year\n"
        "#     cite:\n"
        "#       - source: source-id\n"
        "#         quote: exact words from the source\n")
    filled = re.sub(r"^# ?", "", block, flags=re.M).replace("indicator-id", "staff-in-post") \
        .replace("YYYY-MM", "2020-03").replace("source-id", "source-001") \
        .replace("# until: 2020-03", "until: 2020-03")
    path.write_text(text.replace(block, filled).replace(
        "    # quote: exact words from the source\n", ""), encoding="utf-8")
    (root / "data" / "indicators.yml").write_text(
        "indicators:\n  - id: staff-in-post\n    name: Staff in post\n    unit: people\n",
        encoding="utf-8")
    check = run(["check"], root)
    assert (check.returncode, check.stderr) == (0, "")
    figures = load_dataset(root / "data", use_cache=False).cases["case-001"].figures
    assert [(f.text(), f.when) for f in figures] == [("120 people", "March 2020")]


def test_new_indicator_adds_to_the_indicators_file(tmp_path: Path) -> None:
    root = init_site(tmp_path / "site")
    first, second = (run(["new", "indicator", *args], root) for args in (
        ["--id", "staff-in-post"], []))
    assert (first.returncode, second.returncode) == (0, 0)
    path = root / "data" / "indicators.yml"
    text = path.read_text("utf-8")
    assert text == (
        "# yaml-language-server: $schema=../schema/indicators.schema.json\nindicators:\n"
        "  - id: staff-in-post\n    name: <a short name shown to readers>\n"
        f"    unit: <what it counts>  # {', '.join(UNITS)}\n"
        "    # currency: GBP      # for a money indicator only\n"
        "    description: <what exactly is measured>\n"
        "  - id: indicator-001\n    name: <a short name shown to readers>\n"
        f"    unit: <what it counts>  # {', '.join(UNITS)}\n"
        "    # currency: GBP      # for a money indicator only\n"
        "    description: <what exactly is measured>\n")
    again = run(["new", "indicator", "--id", "staff-in-post"], root)
    assert again.returncode != 0 and "'staff-in-post' is already used" in again.stderr
    unfilled = run(["check"], root)
    assert "indicators[0].name: placeholder not filled in" in unfilled.stderr
    path.write_text(text.replace("<a short name shown to readers>", "Staff")
                    .replace("<what it counts>", "people")
                    .replace("<what exactly is measured>", "Heads."), encoding="utf-8")
    assert run(["check"], root).returncode == 0
    assert list(load_dataset(root / "data", use_cache=False).indicators) == [
        "staff-in-post", "indicator-001"]
