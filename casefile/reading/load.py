"""Stage 1, load: bytes on disk → a tree of positioned nodes, parsed strictly.

Every scalar stays a string (no YAML 1.1 booleans, octals or sexagesimals); the
``plain`` flag remembers whether it was quoted so validation can flag ``no`` in text.
Duplicate keys, anchors, aliases, merge keys, explicit tags, several documents, a
BOM, NUL bytes and invalid UTF-8 are all reported as problems, never raised.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import yaml

from casefile.errors import LAYOUT_CONTROLS, Problem
from casefile.reading.beneath import Beneath

try:  # the C parser when available: same events, several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 50  # data files nest about 6 levels; deeper input is hostile, not data

# Characters no text may hold, however written (YAML escapes such as "\x01", "\0", "\e",
# "\f", "\r" or "\uFFFE" reach the parser's output): control characters other than tab
# and newline, Unicode noncharacters and lone surrogates. They break feeds (XML),
# calendars and terminals, and no public document needs them.
_NONCHARACTERS = "".join(chr(c) for plane in range(17) for c in
                         (plane * 0x10000 + 0xFFFE, plane * 0x10000 + 0xFFFF))
# Invisible characters that change how text is laid out, refused in all text: the line
# and paragraph separators (line breaks that feeds, scripts and one-line fields do not
# expect) and the bidirectional embeddings, overrides and isolates, which make text display
# in another order than it is stored (the "Trojan Source" trick). Arabic and Hebrew text
# needs none of them: it displays right to left by itself.
_LAYOUT = LAYOUT_CONTROLS
LAYOUT_TEXT = re.compile(f"[{_LAYOUT}]")
_BAD_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                       f"{_NONCHARACTERS}{_LAYOUT}]")
# The same characters as a set, to look for them in a whole file at C speed (the search
# above took 2 s over the 26 MB of a 1000-case data set); for ASCII text, the bytes that
# are fine, deleted by ``bytes.translate``: what is left is bad.
_BAD_CHARACTERS = frozenset(map(chr, (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                                      *range(0xD800, 0xE000), *range(0xFDD0, 0xFDF0),
                                      0x2028, 0x2029, *range(0x202A, 0x202F),
                                      *range(0x2066, 0x206A)))) | frozenset(_NONCHARACTERS)
_ASCII_FINE = bytes((0x09, 0x0A, *range(0x20, 0x7F)))


def has_bad_text(text: str) -> bool:
    """Whether ``text`` holds a character ``_BAD_TEXT`` matches (a layout control too)."""
    if text.isascii():  # O(1)
        return bool(text.encode("ascii").translate(None, _ASCII_FINE))
    return not _BAD_CHARACTERS.isdisjoint(text)


# The direction marks (left-to-right, right-to-left, Arabic letter mark) are allowed in
# text that may run over several lines, where mixed Arabic or Hebrew and Latin text can
# need them, but not in one-line fields (titles, names, ids, links): reading/validate.py.
DIRECTION_MARKS = re.compile("[\u200e\u200f\u061c]")


@dataclass(slots=True)
class Scalar:
    value: str
    line: int
    column: int
    plain: bool = True


@dataclass(slots=True)
class Mapping:
    line: int
    column: int
    items: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)


@dataclass(slots=True)
class Sequence:
    line: int
    column: int
    items: list[Node] = field(default_factory=list)


Node = Union[Scalar, Mapping, Sequence]  # noqa: UP007 - a runtime alias, used before 3.12


class _RejectError(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def _pos(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def _check_event(event: yaml.Event) -> None:
    line, column = _pos(event)
    if isinstance(event, yaml.AliasEvent):
        raise _RejectError(line, column,
                           f"alias '*{event.anchor}' is not allowed; write the value out in full")
    anchor = getattr(event, "anchor", None)
    if anchor:
        raise _RejectError(line, column,
                           f"anchor '&{anchor}' is not allowed; write each value out in full")
    tag = getattr(event, "tag", None)
    if tag and tag != "!":
        raise _RejectError(line, column, f"explicit tag '{tag}' is not allowed; remove it")


_NODE_EVENTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_SCALAR, _MAPPING_END, _SEQUENCE_END = yaml.ScalarEvent, yaml.MappingEndEvent, yaml.SequenceEndEvent


class _Builder:
    """Turns the event stream of one document into nodes, checking as it goes."""

    def __init__(self, events: list[yaml.Event] | object) -> None:
        self.events = iter(events)  # type: ignore[call-overload]
        self.duplicates: list[Problem] = []
        self.file = ""
        self.scan = True  # look for bad characters in each value (``parse_text``)

    def node(self, event: yaml.Event, depth: int = 0) -> Node:
        kind = type(event)
        if kind not in _NODE_EVENTS:  # an alias, or an event no node starts with
            return self._other(event, depth)
        mark = event.start_mark  # what _check_event and _pos do, inline: 1,000,000 calls
        line, column = mark.line + 1, mark.column + 1
        if event.anchor:
            raise _RejectError(line, column, f"anchor '&{event.anchor}' is not allowed; "
                               "write each value out in full")
        if event.tag and event.tag != "!":
            raise _RejectError(line, column,
                               f"explicit tag '{event.tag}' is not allowed; remove it")
        if depth > MAX_DEPTH:
            raise _RejectError(line, column, f"nested more than {MAX_DEPTH} levels deep; "
                               "data files are never this deep")
        if kind is _SCALAR:
            bad = _BAD_TEXT.search(event.value) if self.scan else None
            if bad:
                self.duplicates.append(Problem(self.file, line, column, "",
                                               bad_character(bad.group(), bad.start())))
            return Scalar(event.value, line, column, not event.style)
        if kind is yaml.SequenceStartEvent:
            return self.sequence(line, column, depth)
        return self.mapping(line, column, depth)

    def sequence(self, line: int, column: int, depth: int) -> Sequence:
        seq = Sequence(line, column)
        items = seq.items
        fast = not self.scan and depth < MAX_DEPTH  # ``node``, inline, for a plain value
        for item in self.events:
            kind = type(item)
            if kind is _SEQUENCE_END:
                return seq
            if fast and kind is _SCALAR and not item.anchor and not item.tag:
                mark = item.start_mark
                items.append(Scalar(item.value, mark.line + 1, mark.column + 1, not item.style))
            else:
                items.append(self.node(item, depth + 1))
        raise _RejectError(line, column, "unexpected YAML event SequenceStartEvent")

    def _other(self, event: yaml.Event, depth: int) -> Node:
        """``node`` for an event that starts no node: always a problem."""
        _check_event(event)
        line, column = _pos(event)
        if depth > MAX_DEPTH:
            raise _RejectError(line, column, f"nested more than {MAX_DEPTH} levels deep; "
                               "data files are never this deep")
        raise _RejectError(line, column, f"unexpected YAML event {type(event).__name__}")

    def mapping(self, line: int, column: int, depth: int = 0) -> Mapping:
        result = Mapping(line, column)
        items = result.items
        events = self.events
        # ``node``, inline, for a key or value that is a plain scalar with nothing to
        # check (no anchor, tag or bad character possible, not too deep): most of them
        fast = not self.scan and depth < MAX_DEPTH
        for key_event in events:
            kind = type(key_event)
            if kind is _MAPPING_END:
                return result
            if fast and kind is _SCALAR and not key_event.anchor and not key_event.tag:
                mark = key_event.start_mark
                key: Node = Scalar(key_event.value, mark.line + 1, mark.column + 1,
                                   not key_event.style)
            else:
                key = self.node(key_event, depth + 1)
            event = next(events)
            if fast and type(event) is _SCALAR and not event.anchor and not event.tag:
                mark = event.start_mark
                value: Node = Scalar(event.value, mark.line + 1, mark.column + 1,
                                     not event.style)
            else:
                value = self.node(event, depth + 1)
            if not isinstance(key, Scalar):
                raise _RejectError(key.line, key.column,
                                   "keys must be plain words, not lists or mappings")
            if key.value == "<<" and key.plain:
                raise _RejectError(key.line, key.column,
                                   "merge key '<<' is not allowed; write the keys out")
            if key.value in items:
                first = items[key.value][0]
                self.duplicates.append(
                    Problem(
                        self.file, key.line, key.column, key.value,
                        f"duplicate key '{key.value}' (first given at line {first.line}); "
                        "each key may appear only once",
                    )
                )
                continue
            items[key.value] = (key, value)
        raise _RejectError(line, column, "mapping was not closed")  # pragma: no cover


def bad_character(char: str, index: int) -> str:
    """What is wrong with a character no text may hold, at ``index`` in its value."""
    code = ord(char)
    where = f"U+{code:04X} (character {index + 1} of the value)"
    if LAYOUT_TEXT.match(char) or DIRECTION_MARKS.match(char):
        return layout_character(char, index)
    if 0xD800 <= code <= 0xDFFF:
        return (f"lone surrogate {where}: half of a UTF-16 pair is not a character; write "
                "the character itself (e.g. the emoji), not a \\u escape of its halves")
    if code >= 0xFDD0:
        return (f"Unicode noncharacter {where}: it is not text and breaks feeds; remove it "
                "(a YAML escape such as \"\\uFFFE\" writes it)")
    return (f"control character {where}: text may hold tabs and line breaks but no other "
            "control characters; remove it (a YAML escape such as \"\\x01\", \"\\e\" or "
            "\"\\r\" writes one)")


def layout_character(char: str, index: int | None, one_line: bool = False) -> str:
    """What is wrong with an invisible line separator or bidirectional control at
    ``index`` in its value (None: a raw character in the file, outside any value)."""
    where = f"U+{ord(char):04X} {unicodedata.name(char, 'CONTROL')}"
    if index is not None:
        where += f" (character {index + 1} of the value)"
    if char in "\u2028\u2029":
        return (f"{where}: an invisible line break that feeds, scripts and one-line fields "
                "do not expect; remove it, or use a plain line break in text that may run "
                "over several lines")
    why = ("invisible direction marks are not allowed in one-line fields (titles, names, "
           "ids, links)" if one_line else "an invisible control that makes text display in "
           "another order than it is written")
    return (f"{where}: {why}; remove it (Arabic and Hebrew text displays right to left "
            "without it)")


def _decode(raw: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(rel, 1, 1, "", "file starts with a UTF-8 byte-order mark (BOM); "
                              "save it as UTF-8 without BOM")]
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line, column = _line_col(raw, offset)
        return None, [Problem(rel, line, column, "", "NUL byte (0x00) in file; "
                              "it may be UTF-16 or binary: save it as UTF-8 text")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, column = _line_col(raw, exc.start)
        byte = raw[exc.start]
        return None, [Problem(rel, line, column, "", f"invalid UTF-8 byte 0x{byte:02X}; the file "
                              "may be saved as Windows-1252 or Latin-1: save it as UTF-8")]


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    return line, len(before[start:].decode("utf-8", errors="replace")) + 1


def _syntax_problem(rel: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    if mark and text[mark.index : mark.index + 1] == "\t":
        return Problem(rel, line, column, "", "YAML syntax error: a tab character is used for "
                       "indentation or spacing; YAML needs spaces")
    if mark and problem.startswith("mapping values are not allowed"):
        return Problem(rel, line, column, "", _colon_hint(text, mark.line))
    context = f" {exc.context}" if exc.context else ""
    return Problem(rel, line, column, "", f"YAML syntax error: {problem}{context}")


def _colon_hint(text: str, index: int) -> str:
    """The message for a plain value holding ': ', with the line rewritten in quotes."""
    line = text.splitlines()[index] if index < len(text.splitlines()) else ""
    found = re.match(r"^(\s*(?:-\s+)?[A-Za-z_][\w-]*:\s+)(.*?)\s*$", line)
    message = ("YAML syntax error: a value containing ': ' must be put in quotes, "
               "or YAML reads it as another key")
    if not found or found.group(2)[:1] in ("'", '"'):
        return message
    value = found.group(2)
    quoted = f'"{value}"' if '"' not in value else "'" + value.replace("'", "''") + "'"
    return f"{message}: write {found.group(1).strip()} {quoted}"


def parse_text(text: str, rel: str) -> tuple[Node | None, list[Problem]]:
    """Parse one YAML document held in ``text``; ``rel`` names it in problems."""
    suspect = has_bad_text(text)  # (LAYOUT_TEXT's characters are among these)
    raw = LAYOUT_TEXT.search(text) if suspect else None  # YAML reads a raw U+2028 as a
    # line break: look first
    if raw:
        position = raw.start()
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        return None, [Problem(rel, line, column, "", layout_character(raw.group(), None))]
    loader = _Loader(text)  # its events one C call each (yaml.parse adds a generator)
    builder = _Builder(iter(loader.get_event, None))
    builder.file = rel
    # a value holds only the file's own characters, line breaks and spaces, except
    # through an escape ("\\x01"): with no backslash and nothing bad in the file, no
    # value can hold a bad character, and none is searched
    builder.scan = suspect or "\\" in text
    root: Node | None = None
    try:
        for event in builder.events:
            skip = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
            if isinstance(event, skip):
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                if root is not None:
                    line, column = _pos(event)
                    raise _RejectError(line, column,
                                       "only one YAML document per file; remove the '---'")
                continue
            root = builder.node(event)
    except _RejectError as exc:
        return None, [Problem(rel, exc.line, exc.column, "", exc.message)]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(rel, text, exc)]
    except yaml.reader.ReaderError as exc:  # a raw control character or noncharacter
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [Problem(rel, line, column, "", bad_character(chr(exc.character), 0)
                              .replace(" (character 1 of the value)", ""))]
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked reader errors
        return None, [Problem(rel, 1, 1, "", f"YAML error: {exc}")]
    if root is None or (isinstance(root, Scalar) and root.value == "" and root.plain):
        return None, [Problem(rel, 1, 1, "", "file is empty; it should hold a mapping of keys")]
    return root, builder.duplicates


SYMLINK = ("symbolic link: casefile never follows links under the data folder; "
           "put the file or folder itself here")


def special_kind(mode: int) -> str:
    """What a file that is neither a plain file, a folder nor a link is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file"


def not_regular(mode: int) -> str:
    return (f"not a plain file: this is {special_kind(mode)}; casefile reads only plain "
            "files under the data folder")


def read_data_file(path: str, beneath: Beneath | None = None, limit: int = MAX_FILE_BYTES,
                   what: str = "a data file") -> bytes | str:
    """A data file's bytes, or a message saying why it cannot be read.

    Never follows a symbolic link (O_NOFOLLOW; with ``beneath``, not in any folder below
    its base either), never waits on a named pipe (O_NONBLOCK), never reads a device or
    anything but a plain file, and never more than ``limit`` bytes (``what`` names the
    kind of file in the message)."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = beneath.open(path, flags) if beneath is not None else os.open(path, flags)
    except OSError as exc:
        return SYMLINK if exc.errno == errno.ELOOP else f"cannot read file: {exc.strerror}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return not_regular(info.st_mode)
        if info.st_size > limit:
            return (f"file is {info.st_size / 1e6:.1f} MB; {what} may be at most "
                    f"{limit / 1e6:.0f} MB")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        return f"cannot read file: {exc.strerror}"
    finally:
        os.close(fd)


def load_file(path: Path, rel: str) -> tuple[Node | None, list[Problem]]:
    """Read and parse one data file; never raises for bad content."""
    raw = read_data_file(str(path))
    if isinstance(raw, str):
        return None, [Problem(rel, 1, 1, "", raw)]
    return load_bytes(raw, rel)


def load_bytes(raw: bytes, rel: str) -> tuple[Node | None, list[Problem]]:
    """Parse one data file's bytes; never raises for bad content."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(rel, 1, 1, "", f"file is {len(raw) / 1e6:.1f} MB; a data file may "
                              f"be at most {MAX_FILE_BYTES / 1e6:.0f} MB")]
    text, problems = _decode(raw, rel)
    if text is None:
        return None, problems
    return parse_text(text, rel)
