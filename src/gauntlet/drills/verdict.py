"""Verdicts and the record of one judged run (a submission or a run of the visible examples)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    """The outcome of a run, and of each test in it. ``NOT_RUN`` only ever describes a test: the run
    stopped (time limit, forbidden operation) before reaching it."""

    ACCEPTED = "accepted"
    WRONG_ANSWER = "wrong_answer"
    RUNTIME_ERROR = "runtime_error"
    TIME_LIMIT = "time_limit"
    MEMORY_LIMIT = "memory_limit"
    FORBIDDEN = "forbidden"
    NOT_RUN = "not_run"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Verdict.ACCEPTED: "Accepted",
    Verdict.WRONG_ANSWER: "Wrong answer",
    Verdict.RUNTIME_ERROR: "Runtime error",
    Verdict.TIME_LIMIT: "Time limit exceeded",
    Verdict.MEMORY_LIMIT: "Memory limit exceeded",
    Verdict.FORBIDDEN: "Forbidden operation",
    Verdict.NOT_RUN: "Not run",
}

# When tests fail in different ways, the run's verdict is the most serious one: a forbidden operation
# or a time limit ends the run; a memory limit says more than the errors it causes; an exception says
# more than a wrong value.
SEVERITY = (Verdict.FORBIDDEN, Verdict.TIME_LIMIT, Verdict.MEMORY_LIMIT, Verdict.RUNTIME_ERROR,
            Verdict.WRONG_ANSWER)

CATEGORY_HINTS = {
    "edge": "edge cases: the smallest inputs, ties, boundaries and special values the statement lists",
    "shape": "shapes and dtypes: check each output's shape and type against the statement",
    "random": "general inputs compared with a reference: the main computation is off",
    "property": "a property the answer must have (an invariance, symmetry, bound or identity) fails",
    "numeric": "numerical robustness or scale: very large/small values, precision, or large inputs",
}


@dataclass
class TestResult:
    """One example or hidden test. ``message`` is the assertion or error text; shells show it for
    visible examples and user-code errors, never for a hidden test's failed assertion."""

    __test__ = False  # not a pytest test class, despite the name

    name: str
    category: str  # "example" for visible examples, else the hidden test's category
    visible: bool
    outcome: Verdict
    seconds: float  # time spent in the user's code during this test's calls (loading is counted apart)
    message: str = ""
    traceback: str = ""  # the user's traceback for runtime errors; where it happened for forbidden

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "category": self.category, "visible": self.visible,
                "outcome": self.outcome.value, "seconds": self.seconds, "message": self.message,
                "traceback": self.traceback}

    def public_dict(self, hidden_number: int = 0) -> dict[str, Any]:
        """What a user may see: for a hidden test, its category, outcome and time, named by number;
        its assertion text never (a runtime error's message and traceback are the user's own code)."""
        if self.visible:
            return self.to_dict()
        own_error = self.outcome not in (Verdict.ACCEPTED, Verdict.WRONG_ANSWER, Verdict.NOT_RUN)
        return {"name": f"hidden #{hidden_number}", "category": self.category, "visible": False,
                "outcome": self.outcome.value, "seconds": self.seconds,
                "message": self.message if own_error else "", "traceback": self.traceback if own_error else ""}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TestResult:
        return cls(name=data["name"], category=data["category"], visible=bool(data["visible"]),
                   outcome=Verdict(data["outcome"]), seconds=float(data["seconds"]),
                   message=data.get("message", ""), traceback=data.get("traceback", ""))


@dataclass
class Submission:
    """A judged run: the stored attempt for ``gauntlet code submit`` (``suite == "submit"``: examples
    and hidden tests) or the result of ``gauntlet code test`` (``suite == "examples"``)."""

    drill_id: str
    suite: str
    verdict: Verdict
    results: list[TestResult]
    isolation: str  # the sandbox level used: bwrap, unshare or rlimits
    started_at: datetime
    finished_at: datetime
    code: str
    filename: str
    load_seconds: float = 0.0  # starting the sandbox and loading the module (restarts included)
    output: str = ""  # what the user's code printed during the visible examples (capped)
    notes: list[str] = field(default_factory=list)  # e.g. "stopped after the time limit"

    @property
    def passed(self) -> int:
        return sum(r.outcome is Verdict.ACCEPTED for r in self.results)

    @property
    def failed(self) -> int:
        return sum(r.outcome not in (Verdict.ACCEPTED, Verdict.NOT_RUN) for r in self.results)

    @property
    def not_run(self) -> int:
        return sum(r.outcome is Verdict.NOT_RUN for r in self.results)

    @property
    def user_seconds(self) -> float:
        """All time charged to the user's code: loading plus every test (what the time limit caps)."""
        return self.load_seconds + sum(r.seconds for r in self.results)

    def decisive_result(self) -> TestResult | None:
        """The first test whose outcome is the run's verdict (what a shell explains first)."""
        return next((r for r in self.results if r.outcome is self.verdict), None)

    def hidden_failures_by_category(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.results:
            if not r.visible and r.outcome not in (Verdict.ACCEPTED, Verdict.NOT_RUN):
                counts[r.category] = counts.get(r.category, 0) + 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "drill_id": self.drill_id, "suite": self.suite, "verdict": self.verdict.value,
            "results": [r.to_dict() for r in self.results], "isolation": self.isolation,
            "started_at": self.started_at.isoformat(), "finished_at": self.finished_at.isoformat(),
            "code": self.code, "filename": self.filename, "load_seconds": self.load_seconds,
            "output": self.output, "notes": list(self.notes),
            "passed": self.passed, "failed": self.failed, "not_run": self.not_run,
            "user_seconds": self.user_seconds,
        }

    def public_dict(self) -> dict[str, Any]:
        """``to_dict`` with every hidden test shown as a user may see it (``TestResult.public_dict``)."""
        return dict(self.to_dict(), results=public_results(self.results))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Submission:
        return cls(
            drill_id=data["drill_id"], suite=data["suite"], verdict=Verdict(data["verdict"]),
            results=[TestResult.from_dict(r) for r in data["results"]], isolation=data["isolation"],
            started_at=datetime.fromisoformat(data["started_at"]),
            finished_at=datetime.fromisoformat(data["finished_at"]),
            code=data["code"], filename=data["filename"], load_seconds=float(data.get("load_seconds", 0.0)),
            output=data.get("output", ""),
            notes=list(data.get("notes", [])),
        )


def overall_verdict(outcomes: list[Verdict]) -> Verdict:
    """The most serious failure among ``outcomes`` (see ``SEVERITY``), else accepted."""
    for verdict in SEVERITY:
        if verdict in outcomes:
            return verdict
    return Verdict.ACCEPTED


def public_results(results: Sequence[TestResult]) -> list[dict[str, Any]]:
    """Each result as a user may see it, hidden tests numbered in order."""
    out, hidden = [], 0
    for r in results:
        hidden += not r.visible
        out.append(r.public_dict(hidden))
    return out
