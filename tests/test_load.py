"""Strict YAML loading: every surprise becomes a located problem, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.reading.load import MAX_FILE_BYTES, Mapping, Scalar, Sequence, load_file, parse_text


def messages(text: str) -> list[str]:
    return [str(p) for p in parse_text(text, "f.yml")[1]]


def test_scalars_stay_strings_and_remember_quoting() -> None:
    node, problems = parse_text('a: no\nb: "no"\nc: 012\nd: 12:30\n', "f.yml")
    assert problems == []
    assert isinstance(node, Mapping)
    values = {k: v for k, (_, v) in node.items.items()}
    assert values["a"] == Scalar("no", 1, 4, plain=True)
    assert values["b"] == Scalar("no", 2, 4, plain=False)
    assert values["c"].value == "012" and values["d"].value == "12:30"


@pytest.mark.parametrize("text, expected", [
    ("a: 1\na: 2\n", ["f.yml:2:1: a: duplicate key 'a' (first given at line 1); "
                      "each key may appear only once"]),
    ("x:\n  y: 1\n  y: 2\n", ["f.yml:3:3: y: duplicate key 'y' (first given at line 2); "
                              "each key may appear only once"]),
    ("l:\n  - k: 1\n    k: 2\n", ["f.yml:3:5: k: duplicate key 'k' (first given at line 2); "
                                  "each key may appear only once"]),
])
def test_duplicate_keys_at_every_level(text: str, expected: list[str]) -> None:
    assert messages(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("a: &x 1\nb: 2\n", "f.yml:1:4: anchor '&x' is not allowed; write each value out in full"),
    ("a: 1\nb: *x\n", "f.yml:2:4: alias '*x' is not allowed; write the value out in full"),
    ("<<: {a: 1}\n", "f.yml:1:1: merge key '<<' is not allowed; write the keys out"),
    ("a: !!str x\n", "f.yml:1:4: explicit tag 'tag:yaml.org,2002:str' is not allowed; remove it"),
    ("a: 1\n---\nb: 2\n", "f.yml:2:1: only one YAML document per file; remove the '---'"),
    ("", "f.yml:1:1: file is empty; it should hold a mapping of keys"),
    ("# just a comment\n", "f.yml:1:1: file is empty; it should hold a mapping of keys"),
    ("a:\n\t- b\n", "f.yml:2:1: YAML syntax error: a tab character is used for indentation "
                    "or spacing; YAML needs spaces"),
])
def test_rejected_constructs(text: str, expected: str) -> None:
    assert messages(text)[0].startswith(expected)


def test_billion_laughs_is_rejected_at_the_first_anchor() -> None:
    lines = ['a: &a ["lol","lol"]'] + [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, "
                                       f"*{chr(97 + i)}]" for i in range(8)]
    assert messages("\n".join(lines) + "\n") == [
        "f.yml:1:4: anchor '&a' is not allowed; write each value out in full"]


def read(tmp_path: Path, raw: bytes) -> list[str]:
    path = tmp_path / "x.yml"
    path.write_bytes(raw)
    return [str(p) for p in load_file(path, "data/x.yml")[1]]


def test_bom_nul_and_bad_bytes_are_reported(tmp_path: Path) -> None:
    assert read(tmp_path, b"\xef\xbb\xbfa: 1\n") == [
        "data/x.yml:1:1: file starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 "
        "without BOM"]
    assert read(tmp_path, b"a: 1\nb: x\x00y\n") == [
        "data/x.yml:2:5: NUL byte (0x00) in file; it may be UTF-16 or binary: save it as "
        "UTF-8 text"]
    assert read(tmp_path, b"a: 1\nb: don" + b"\x92t\n") == [
        "data/x.yml:2:7: invalid UTF-8 byte 0x92; the file may be saved as Windows-1252 or "
        "Latin-1: save it as UTF-8"]


def test_crlf_is_read_correctly(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_bytes(b"a: one\r\nb:\r\n  - two\r\n")
    node, problems = load_file(path, "x.yml")
    assert problems == [] and isinstance(node, Mapping)
    seq = node.items["b"][1]
    assert isinstance(seq, Sequence) and seq.items[0] == Scalar("two", 3, 5, True)
    assert node.items["a"][1].value == "one"  # type: ignore[union-attr]


def test_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    assert [str(p) for p in load_file(path, "big.yml")[1]] == [
        "big.yml:1:1: file is 1.0 MB; a data file may be at most 1 MB"]


@pytest.mark.parametrize(("text", "expected"), [
    ("id: a\ntitle: Inspection: the findings\n",
     "f.yml:2:18: YAML syntax error: a value containing ': ' must be put in quotes, or YAML "
     "reads it as another key: write title: \"Inspection: the findings\""),
    ("items:\n  - note: Weak \"leadership\": very\n",
     "f.yml:2:28: YAML syntax error: a value containing ': ' must be put in quotes, or YAML "
     "reads it as another key: write - note: 'Weak \"leadership\": very'"),
])
def test_colon_in_plain_value_gets_the_quoting_hint(text: str, expected: str) -> None:
    assert messages(text) == [expected]
