"""Errors are data: every problem knows its file, line, column and dotted path."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The invisible characters that change how text is laid out (a character class's body):
# line and paragraph separators, and the bidirectional embeddings, overrides and isolates
LAYOUT_CONTROLS = "\u2028\u2029\u202a-\u202e\u2066-\u2069"
# Characters that could forge a line, a terminal escape or reordered text when echoed:
# C0 and C1 controls (newline, CR, ESC, ...), DEL, line/paragraph separators and the
# bidirectional overrides. Shown as visible escapes instead.
_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f{LAYOUT_CONTROLS}\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` safe to print on one line of a terminal or CI log: control characters
    (newline, ESC, ...) become visible escapes such as ``\\n`` and ``\\x1b``."""
    return _UNPRINTABLE.sub(_escape, text)


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One thing wrong with the data, located precisely enough to fix it."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.path}: {self.message}" if self.path else \
            f"{where}: {self.message}"
        return printable(text)


class DataError(Exception):
    """Raised once, after the whole data set has been checked, carrying every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")

    def report(self) -> str:
        """All problems, one per line, followed by a summary line."""
        lines = [str(p) for p in self.problems]
        lines.append(f"casefile: {self}; nothing was built.")
        return "\n".join(lines)
