"""Text, dates, numbers and ids are bounded at load: characters no output can carry,
years outside 1000-2999, numbers and ids too long to publish are located errors."""

from __future__ import annotations

import pytest

from casefile.model.dates import DateSyntaxError, PartialDate
from casefile.reading import schema as s
from casefile.reading.load import Mapping, load_bytes
from casefile.reading.validate import validate

CONTROL = ("text may hold tabs and line breaks but no other control characters; remove it "
           "(a YAML escape such as \"\\x01\", \"\\e\" or \"\\r\" writes one)")
NONCHAR = "it is not text and breaks feeds; remove it (a YAML escape such as \"\\uFFFE\" writes it)"


def messages(text: str) -> list[str]:
    return [str(p) for p in load_bytes(text.encode("utf-8"), "f.yml")[1]]


@pytest.mark.parametrize(("escape", "code"), [
    ("\\x01", "0001"), ("\\0", "0000"), ("\\e", "001B"), ("\\f", "000C"), ("\\r", "000D"),
    ("\\b", "0008"), ("\\v", "000B"), ("\\x7F", "007F"), ("\\x85", "0085"), ("\\x9F", "009F")])
def test_escaped_control_characters_are_located_errors(escape: str, code: str) -> None:
    assert messages(f'a: ok\ntitle: "ab{escape}c"\n') == [
        f"f.yml:2:8: control character U+{code} (character 3 of the value): {CONTROL}"]


@pytest.mark.parametrize(("escape", "code"), [
    ("\\uFFFE", "FFFE"), ("\\uFFFF", "FFFF"), ("\\uFDD0", "FDD0"), ("\\uFDEF", "FDEF"),
    ("\\U0001FFFE", "1FFFE"), ("\\U0010FFFF", "10FFFF")])
def test_noncharacters_are_located_errors(escape: str, code: str) -> None:
    assert messages(f'title: "{escape}"\n') == [
        f"f.yml:1:8: Unicode noncharacter U+{code} (character 1 of the value): {NONCHAR}"]


def test_keys_are_checked_too_and_every_value_is_reported() -> None:
    assert messages('"k\\x01": "\\e"\nb: "\\uFFFE"\n') == [
        f"f.yml:1:1: control character U+0001 (character 2 of the value): {CONTROL}",
        f"f.yml:1:10: control character U+001B (character 1 of the value): {CONTROL}",
        f"f.yml:2:4: Unicode noncharacter U+FFFE (character 1 of the value): {NONCHAR}"]


def test_raw_control_characters_and_noncharacters_are_located() -> None:
    assert messages("a: b\nc: x\x1b[31m\n") == [f"f.yml:2:5: control character U+001B: {CONTROL}"]
    assert messages("a: x\ufffe\n") == [f"f.yml:1:5: Unicode noncharacter U+FFFE: {NONCHAR}"]


def test_lone_surrogate_escapes_are_located() -> None:
    assert messages('title: "ok \\uD83D"\n') == [
        "f.yml:1:14: YAML syntax error: found invalid Unicode character escape code while "
        "parsing a quoted scalar"]


@pytest.mark.parametrize("text", ["tab\tand\nnewline", "\U0001F600 emoji", "\u00e9\u0175",
                                  "\u200b zero width", "\ufdcf and \ufdf0 (not noncharacters)",
                                  "\U0010FFFD"])
def test_legitimate_text_is_kept(text: str) -> None:
    escaped = text.replace("\t", "\\t").replace("\n", "\\n")
    node, problems = load_bytes(f'title: "{escaped}"\n'.encode(), "f.yml")
    assert problems == [] and isinstance(node, Mapping)
    assert node.items["title"][1].value == text


@pytest.mark.parametrize(("text", "ok"), [
    ("0999-12-31", False), ("1000", True), ("1000-01-01", True), ("2999-12-31", True),
    ("2999-12", True), ("3000", False), ("3000-01-01", False), ("0000", False),
    ("9999-12-31", False)])
def test_years_from_1000_to_2999(text: str, ok: bool) -> None:
    if ok:
        assert PartialDate.parse(text).iso() == text
        return
    with pytest.raises(DateSyntaxError) as caught:
        PartialDate.parse(text)
    assert str(caught.value) == (f"'{text}' is outside the years this site accepts "
                                 "(1000 to 2999); check the year")


def test_dates_need_ascii_digits() -> None:
    with pytest.raises(DateSyntaxError) as caught:
        PartialDate.parse("\u0662\u0660\u0661\u0667")  # 2017 in Arabic-Indic digits
    assert str(caught.value) == ("'\u0662\u0660\u0661\u0667' is not a date; write YYYY, "
                                 "YYYY-MM or YYYY-MM-DD")


def money(amount: str) -> list[str]:
    node, problems = load_bytes(f"amount: {amount}\ncurrency: GBP\nfor: x\ncite: [s]\n"
                                .encode(), "f.yml")
    assert node is not None and problems == []
    return [str(p) for p in validate(node, s.MONEY, "f.yml")[1]]


def test_amount_size() -> None:
    assert money("9" * 18) == money("1" + "0" * 17 + ".1234") == []
    for amount in ("1" + "0" * 18, "1.12345", "9" * 5000):
        shown = amount if len(amount) <= 40 else f"{amount[:20]}... ({len(amount)} characters)"
        assert money(amount) == [f"f.yml:1:9: amount: '{shown}' is too long: an amount has "
                                 "at most 18 digits before the point and 4 after"]


def due(within: str) -> list[str]:
    text = f"within: {within}\nunit: calendar_days\nfrom: publication\n"
    node, _ = load_bytes(text.encode(), "f.yml")
    assert node is not None
    return [str(p) for p in validate(node, s.DUE, "f.yml")[1]]


def test_within_size() -> None:
    assert due("3650") == []
    assert due("3651") == ["f.yml:1:9: within: '3651' is not a whole number from 1 to 3650 "
                           "(no leading zeros)"]
    assert due("9" * 5000) == ["f.yml:1:9: within: '99999999999999999999... (5000 characters)' "
                               "is not a whole number from 1 to 3650 (no leading zeros)"]


def body(ident: str) -> list[str]:
    node, _ = load_bytes(f"id: {ident}\nkind: regulator\nnames: [{{name: X}}]\n".encode(),
                         "f.yml")
    assert node is not None
    return [str(p) for p in validate(node, s.BODY, "f.yml")[1]]


def test_id_length() -> None:
    assert body("a" * 100) == []
    assert body("a-" * 50 + "b") == ["f.yml:1:5: id: id 'a-a-a-a-a-a-a-a-a-a-...' is 101 "
                                     "characters long; ids may have at most 100, as they name "
                                     "files"]
    assert body("a" * 253) == ["f.yml:1:5: id: id 'aaaaaaaaaaaaaaaaaaaa...' is 253 characters "
                               "long; ids may have at most 100, as they name files"]
