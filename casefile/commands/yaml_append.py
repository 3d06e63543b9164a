"""Append entries to a list of a YAML file by editing its text: everything already in the
file (comments, quoting, blank lines, key order) stays as it was, byte for byte."""

from __future__ import annotations

import json
from typing import Any

import yaml

Entry = dict[str, Any]  # str values, lists of str, or lists of such dicts


class AppendError(Exception):
    """The file cannot be appended to safely; the message says why (line numbers 1-based)."""


def _scalar(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's): never read as a number,
    a date, a boolean or a comment, whatever the source's words hold."""
    return json.dumps(value, ensure_ascii=False)


def entry_lines(entry: Entry, dash: int) -> list[str]:
    """One list item as YAML lines: ``- key: value`` at column ``dash``. Ids, themes, kinds,
    sources and lists (of body ids) are written plain: the caller has checked each is one."""
    lines: list[str] = []
    pad = " " * (dash + 2)
    for key, value in entry.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{pad}{key}:")
            for item in value:
                lines += entry_lines(item, dash + 4)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}: [{', '.join(value)}]")  # ids, checked by the caller
        elif key in ("id", "theme", "kind", "source"):
            lines.append(f"{pad}{key}: {value}")
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")
    lines[0] = " " * dash + "- " + lines[0][dash + 2:]
    return lines


def _last_end(node: yaml.Node) -> yaml.Mark:
    """Where the last value inside ``node`` ends (not the block's end, which PyYAML puts
    after any comments and blank lines that follow)."""
    if isinstance(node, yaml.MappingNode) and node.value:
        return _last_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _last_end(node.value[-1])
    return node.end_mark


def _top_key(root: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(root, yaml.MappingNode):
        raise AppendError("the file is not a mapping of keys to values")
    for k, v in root.value:
        if k.value == key:
            return k, v
    return None


def append(text: str, key: str, entries: list[Entry]) -> str:
    """``text`` with ``entries`` added at the end of its top-level list ``key`` (made when
    absent, or when empty: ``key: []`` or ``key:``)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise AppendError(f"the file is not valid YAML ({exc})") from exc
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    found = _top_key(root, key) if root is not None else None
    if found is None:
        new = [f"{key}:\n"] + [x + "\n" for e in entries for x in entry_lines(e, 2)]
        return "".join(lines + new)
    name, value = found
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        end = _last_end(value)
        at = end.line if end.column == 0 else end.line + 1
        dash = value.start_mark.column
    elif (isinstance(value, yaml.SequenceNode) and not value.value) or (
            isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null")):
        if value.start_mark.line != name.start_mark.line:
            raise AppendError(f"line {value.start_mark.line + 1}: write '{key}:' and its empty "
                              "value on one line")
        row = lines[name.start_mark.line]
        lines[name.start_mark.line] = (row[:value.start_mark.column].rstrip(" ") +
                                       row[value.end_mark.column:])
        at, dash = name.start_mark.line + 1, name.start_mark.column + 2
    else:
        raise AppendError(f"line {name.start_mark.line + 1}: '{key}' is not a block list "
                          f"('- ' items, one under another); write it as one to import")
    new = [x + "\n" for e in entries for x in entry_lines(e, dash)]
    return "".join(lines[:at] + new + lines[at:])
