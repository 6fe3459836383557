"""Input problems reported as ``file:line:col: message``.

Loaders collect every problem they find instead of stopping at the first one,
so a researcher fixes a questionnaire in one pass.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

MAX_PROBLEMS = 100
"""Most problems reported for one file. A file with more is not a questionnaire
with typos but something else (or a generated attack); listing them all would
only bury the first ones, and finding them all could take long."""


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    severity: str = "error"  # "error" or "warning"
    cell: str | None = field(default=None, compare=False)
    """For a spreadsheet: 'Answers!D12', printed instead of line:col (which then
    only order the problems: sheet number * SHEET_SPAN + row, column)."""
    excerpt: str | None = field(default=None, compare=False)
    """The offending source line with a caret under the column, shown below."""

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        where = self.cell if self.cell else f"{self.line}:{self.col}"
        head = f"{printable(self.path)}:{where}: {prefix}{printable(self.message, keep_newlines=True)}"
        return head + "\n" + printable(self.excerpt, keep_newlines=True) if self.excerpt else head

    def at_cell(self, cell: str) -> "Problem":
        return replace(self, cell=cell)


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str, keep_newlines: bool = False) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``): a file name
    or a quoted value must never move the cursor, clear the screen or fake an "ok"."""
    pattern = _CONTROL_BUT_NEWLINE if keep_newlines else _CONTROL
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass
class ProblemList:
    """An accumulator of problems, ordered by position when reported."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, col: int, message: str, severity: str = "error") -> None:
        self.items.append(Problem(str(path), line, col, message, severity))

    def extend(self, other: "ProblemList | list[Problem]") -> None:
        self.items.extend(other.items if isinstance(other, ProblemList) else other)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.items if p.severity == "error")

    def __bool__(self) -> bool:
        return bool(self.errors)


class InputError(Exception):
    """Raised when a file cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        ordered = sorted(problems)
        if len(ordered) > MAX_PROBLEMS:
            last = ordered[MAX_PROBLEMS - 1]
            more = Problem(last.path, last.line, last.col,
                           f"too many problems; only the first {MAX_PROBLEMS} are shown; fix these first",
                           cell=last.cell)
            ordered = ordered[:MAX_PROBLEMS] + [more]
        self.problems = ordered
        super().__init__("\n".join(str(p) for p in self.problems))
