"""Errors are data: every problem knows its file, line, column and dotted path."""

from __future__ import annotations

from dataclasses import dataclass


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
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


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
