"""A coding drill as data: what ``drill.yaml`` says, and where the drill's files are."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DIFFICULTIES = ("beginner", "intermediate", "advanced")
HIDDEN_TEST_CATEGORIES = ("edge", "shape", "random", "property", "numeric")


@dataclass(frozen=True)
class Drill:
    """One drill folder. ``time_limit_s`` is the budget for all of the user's code in one run (module
    import plus every call, examples and hidden tests together); ``memory_limit_mb`` is what the user's
    code may allocate on top of the interpreter and NumPy."""

    id: str
    title: str
    topic: str
    difficulty: str
    entry: tuple[str, ...]
    time_limit_s: float
    memory_limit_mb: int
    tags: tuple[str, ...]
    questions: tuple[str, ...]
    folder: Path

    @property
    def statement_path(self) -> Path:
        return self.folder / "statement.md"

    @property
    def starter_path(self) -> Path:
        return self.folder / "starter.py"

    @property
    def examples_path(self) -> Path:
        return self.folder / "examples.py"

    @property
    def hidden_tests_path(self) -> Path:
        return self.folder / "hidden_tests.py"

    @property
    def solution_path(self) -> Path:
        return self.folder / "solution.py"

    @property
    def slow_solution_path(self) -> Path:
        """A deliberately naive but correct solution: proof that the time limit accepts readable, slow code."""
        return self.folder / "slow_solution.py"

    @property
    def wrong_dir(self) -> Path:
        return self.folder / "wrong"

    def statement(self) -> str:
        return self.statement_path.read_text(encoding="utf-8")

    def starter(self) -> str:
        return self.starter_path.read_text(encoding="utf-8")

    def starter_filename(self) -> str:
        """Where ``gauntlet code start`` writes the starter: a valid module name from the drill id."""
        return self.id.replace("-", "_") + ".py"


@dataclass(frozen=True)
class WrongSolution:
    """A known-wrong solution in ``wrong/`` and the verdict its first line (``# expect: ...``) promises."""

    path: Path
    expect: str
