"""The few exception types Gauntlet raises on purpose.

Each message says what is wrong and, where it can, what to do next. The shells turn these into one
clear line (CLI, non-zero exit) or a 4xx page (web); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class GauntletError(Exception):
    """Base class for errors caused by user input or environment, not by a bug."""


@dataclass(frozen=True)
class ContentProblem:
    """One defect in one content file: where it is and what is wrong."""

    path: Path
    line: int | None  # 1-based; None when the defect concerns the file as a whole
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class ContentError(GauntletError):
    """One or more content files are malformed. ``problems`` lists every defect found."""

    def __init__(self, problems: list[ContentProblem]):
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line or 0, p.message))
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the question bank"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class NotFoundError(GauntletError):
    """A named thing (question, lab, drill, report...) does not exist."""


class StoreError(GauntletError):
    """The database cannot be opened or migrated; the message says how to fix it."""


class InputError(GauntletError):
    """A command-line or form argument is invalid."""
