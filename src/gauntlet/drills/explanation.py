"""What went wrong in a judged run, decided once for every shell (the CLI and the web app only render it).

Never a hidden test's content: for hidden tests only their categories and counts, and for the run's
decisive failure only what the user's own code raised or printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gauntlet.drills.model import Drill
from gauntlet.drills.verdict import CATEGORY_HINTS, Submission, TestResult, Verdict


@dataclass(frozen=True)
class FailedExample:
    """A visible example the code got wrong: its source (the expected values are in it) and its message."""

    name: str
    source: str
    message: str


@dataclass(frozen=True)
class Explanation:
    examples_passed: int
    examples: int
    hidden_passed: int
    hidden: int
    failed_example: FailedExample | None
    # The first test whose outcome is the run's verdict, when that is not a plain wrong answer (a crash,
    # a time or memory limit, a forbidden operation): where it happened and what the user's code said.
    decisive: TestResult | None
    # Hidden tests that did not pass (wrong answers, crashes and limits alike), by category, with the
    # hint for each: where to look without seeing the tests.
    hidden_failures: dict[str, int] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)

    @property
    def hidden_failed(self) -> int:
        return sum(self.hidden_failures.values())

    def decisive_place(self) -> str:
        if self.decisive is None:
            return ""
        return self.decisive.name if self.decisive.visible else f"a hidden test ({self.decisive.category})"

    def hidden_summary(self) -> str:
        """The one sentence both shells print above the hints."""
        return f"{self.hidden_failed} of {self.hidden} hidden tests failed. Where to look:"


def explain(drill: Drill, submission: Submission) -> Explanation:
    from gauntlet.drills.judge import load_checks

    examples = [r for r in submission.results if r.visible]
    hidden = [r for r in submission.results if not r.visible]
    failed = next((r for r in examples if r.outcome is Verdict.WRONG_ANSWER), None)
    failed_example = None
    if failed is not None:
        check = next((c for c in load_checks(drill, hidden=False) if c.name == failed.name), None)
        failed_example = FailedExample(failed.name, check.source() if check else "", failed.message)
    decisive = submission.decisive_result()
    if decisive is not None and decisive.outcome in (Verdict.ACCEPTED, Verdict.WRONG_ANSWER):
        decisive = None
    failures = submission.hidden_failures_by_category()
    return Explanation(
        examples_passed=sum(r.outcome is Verdict.ACCEPTED for r in examples), examples=len(examples),
        hidden_passed=sum(r.outcome is Verdict.ACCEPTED for r in hidden), hidden=len(hidden),
        failed_example=failed_example, decisive=decisive, hidden_failures=failures,
        hints={category: CATEGORY_HINTS.get(category, "") for category in failures},
    )
