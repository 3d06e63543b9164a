"""The whole-file look for characters no text may hold (``has_bad_text``) finds exactly
what the character-class search it replaced finds, for every code point, alone and among
other text, so the strict parse decides the same way whether to search each value."""

from __future__ import annotations

import pytest

from casefile.reading.load import _BAD_TEXT, LAYOUT_TEXT, has_bad_text, load_bytes


def test_every_code_point_alone() -> None:
    wrong = [hex(c) for c in range(0x110000)
             if has_bad_text(chr(c)) != (_BAD_TEXT.search(chr(c)) is not None)]
    assert wrong == []


def test_layout_controls_are_among_them() -> None:
    assert all(has_bad_text(chr(c)) for c in range(0x110000) if LAYOUT_TEXT.match(chr(c)))


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x0b", "\r", "\x1f", "\x7f", "\x85",
                                  "\x9f", "\ud800", "\udfff", "\ufdd0", "\ufdef", "\ufffe",
                                  "\U0010ffff", "\u2028", "\u202e", "\u2066"])
@pytest.mark.parametrize("around", ["plain ascii text: ", "caf\u00e9 \u2019quoted\u2019 "])
def test_found_among_other_text(char: str, around: str) -> None:
    assert has_bad_text(around + char + around)
    assert not has_bad_text(around + around)


@pytest.mark.parametrize("char", ["\t", "\n", " ", "~", "\xa0", "\u200e", "\ufdcf",
                                  "\ufdf0", "\ufffd", "\U0001f600"])
def test_fine_characters_are_not(char: str) -> None:
    assert not has_bad_text("text " + char)


def test_a_raw_line_separator_is_still_reported_where_it_is() -> None:
    node, problems = load_bytes("title: one\nsummary: a\u2028b\n".encode(), "f.yml")
    assert node is None
    assert [(p.line, p.column) for p in problems] == [(2, 11)]
    assert problems[0].message.startswith("U+2028 LINE SEPARATOR: an invisible line break")


def test_an_escaped_control_is_still_found_in_its_value() -> None:
    node, problems = load_bytes(b'title: "a\\x01b"\n', "f.yml")
    assert node is not None
    assert [(p.line, p.column) for p in problems] == [(1, 8)]
    assert problems[0].message.startswith("control character U+0001 (character 2 of the value)")


_RECORD = """\
id: r1
title: 'An inspection'
date: 2024-05-01
items:
  - {id: a, text: "first"}
  - id: b
    text: |
      second,
      on two lines
    tags: [x, 'y', "z"]
  - plain
nested: [[a, b], {c: [d, {e: f}]}]
empty: ''
"""


@pytest.mark.parametrize("text", [_RECORD, "- a\n- [b, c]\n- {d: e}\n",
                                  "{a: " * 50 + "x" + "}" * 50, "[" * 50 + "x" + "]" * 50,
                                  "{a: " * 51 + "x" + "}" * 51, "[" * 51 + "[x]" + "]" * 51,
                                  "a: !!str x\n", "a: [&x b]\n", "! a: b\n", "a: [! b]\n"])
def test_the_inline_path_builds_what_node_builds(text: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain scalars in mappings and lists are built inline when the file can hold no bad
    character; with every value searched (``scan``), each goes through ``node``: the
    same nodes and problems either way."""
    inline = load_bytes(text.encode(), "f.yml")
    monkeypatch.setattr("casefile.reading.load.has_bad_text", lambda text: True)
    assert repr(load_bytes(text.encode(), "f.yml")) == repr(inline)
