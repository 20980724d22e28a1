"""Coding-drill attempts: the code a user submitted and the judge's full report on it.

Only submissions (examples and hidden tests) are stored; a run of the visible examples is a rehearsal
and leaves no trace. Every read is scoped to one user: another user's attempt is "not found".
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import insert, select

from gauntlet.drills.verdict import Submission, TestResult, Verdict
from gauntlet.errors import NotFoundError
from gauntlet.store.db import Store, as_utc, inserted_id, newest_rows, storable_text
from gauntlet.store.schema import code_attempts


@dataclass(frozen=True)
class CodeAttempt:
    """One stored submission. ``results`` holds every example and hidden test in judging order;
    ``user_seconds`` is what the drill's time limit caps, ``duration_s`` the whole run's wall time."""

    id: int
    user_id: int
    drill_id: str
    code: str
    verdict: Verdict
    passed: int
    total: int
    results: tuple[TestResult, ...]
    sandbox: str
    user_seconds: float
    duration_s: float
    submitted_at: dt.datetime
    load_seconds: float = 0.0
    notes: tuple[str, ...] = ()
    output: str = ""
    filename: str = "solution.py"

    @property
    def accepted(self) -> bool:
        return self.verdict is Verdict.ACCEPTED

    def submission(self) -> Submission:
        """The judge's report as it was when submitted, for the shells to render like a fresh one."""
        return Submission(
            drill_id=self.drill_id, suite="submit", verdict=self.verdict, results=list(self.results),
            isolation=self.sandbox, started_at=self.submitted_at,
            finished_at=self.submitted_at + dt.timedelta(seconds=self.duration_s), code=self.code,
            filename=self.filename, load_seconds=self.load_seconds, output=self.output, notes=list(self.notes),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "user_id": self.user_id, "drill_id": self.drill_id, "code": self.code,
            "verdict": self.verdict.value, "passed": self.passed, "total": self.total,
            "results": [r.to_dict() for r in self.results], "sandbox": self.sandbox,
            "user_seconds": self.user_seconds, "duration_s": self.duration_s,
            "submitted_at": self.submitted_at.isoformat(), "load_seconds": self.load_seconds,
            "notes": list(self.notes), "output": self.output, "filename": self.filename,
        }

    def public_dict(self) -> dict[str, Any]:
        """``to_dict`` with hidden tests as a user may see them (``drills.verdict.public_results``)."""
        from gauntlet.drills.verdict import public_results

        return dict(self.to_dict(), results=public_results(self.results))

    @classmethod
    def from_row(cls, row: Any, strict: bool = False) -> CodeAttempt:  # a table row, or its values
        """The stored attempt; a damaged row (hand-edited, or from a bug) is shown with a note saying
        what could not be read, never an error that hides the rest of the history. ``strict``: raise
        ValueError instead (checking a row before it is written, as an import does)."""
        problems = []
        try:
            verdict = Verdict(row.verdict)
        except ValueError:
            verdict = Verdict.NOT_RUN
            problems.append(f"unknown verdict {str(row.verdict)[:40]!r}")
        try:
            details = json.loads(row.results_json)
            results = tuple(TestResult.from_dict(r) for r in details["tests"])
            extra: dict[str, Any] = dict(
                load_seconds=float(details.get("load_seconds", 0.0)), notes=tuple(details.get("notes", ())),
                output=str(details.get("output", "")), filename=str(details.get("filename", "solution.py")))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            results, extra = (), {}
            problems.append(f"its test results are unreadable ({type(exc).__name__})")
        if problems and strict:
            raise ValueError("; ".join(problems))
        if problems:
            extra["notes"] = (*extra.get("notes", ()), "This stored attempt is damaged: " + "; ".join(problems) + ".")
        return cls(
            id=row.id, user_id=row.user_id, drill_id=row.drill_id, code=row.code, verdict=verdict,
            passed=row.passed, total=row.total, results=results, sandbox=row.sandbox,
            user_seconds=row.user_seconds, duration_s=row.duration_s, submitted_at=as_utc(row.submitted_at), **extra,
        )


def record_code_attempt(store: Store, user_id: int, submission: Submission, code: str) -> CodeAttempt:
    """Store a judged submission (``suite == "submit"``) with the code it judged; commits before
    returning. Raises ``ValueError`` for an examples-only run."""
    if submission.suite != "submit":
        raise ValueError("only submissions are stored, not runs of the visible examples")
    details = _storable({
        "tests": [r.to_dict() for r in submission.results], "load_seconds": submission.load_seconds,
        "notes": list(submission.notes), "output": submission.output, "filename": submission.filename,
    })
    values = dict(
        user_id=user_id,
        drill_id=submission.drill_id,
        code=storable_text(code),
        verdict=submission.verdict.value,
        passed=submission.passed,
        total=len(submission.results),
        results_json=json.dumps(details, ensure_ascii=False),
        sandbox=submission.isolation,
        user_seconds=round(submission.user_seconds, 6),
        duration_s=round((submission.finished_at - submission.started_at).total_seconds(), 6),
        submitted_at=submission.started_at,
    )
    with store.transaction() as conn:
        new_id = inserted_id(conn.execute(insert(code_attempts).values(**values)))
    # built by the same from_row as a read, so what is returned is exactly what a read gives back
    return CodeAttempt.from_row(SimpleNamespace(id=new_id, **values))


def code_attempts_for(store: Store, user_id: int, drill_id: str | None = None,
                      limit: int = 50) -> list[CodeAttempt]:
    """The user's attempts, newest first; only those at ``drill_id`` when given."""
    return [CodeAttempt.from_row(row) for row in newest_rows(store, code_attempts, user_id, limit, drill_id=drill_id)]


def get_code_attempt(store: Store, user_id: int, attempt_id: int) -> CodeAttempt:
    """One attempt of this user; another user's attempt raises ``NotFoundError``, as a missing one does."""
    with store.engine.connect() as conn:
        row = conn.execute(select(code_attempts).where(code_attempts.c.id == attempt_id,
                                                       code_attempts.c.user_id == user_id)).first()
    if row is None:
        raise NotFoundError(f"no coding attempt #{attempt_id}")
    return CodeAttempt.from_row(row)


def solved_drill_ids(store: Store, user_id: int) -> set[str]:
    """The drills this user has at least one accepted submission for."""
    query = (select(code_attempts.c.drill_id).distinct()
             .where(code_attempts.c.user_id == user_id, code_attempts.c.verdict == Verdict.ACCEPTED.value))
    with store.engine.connect() as conn:
        return set(conn.execute(query).scalars())


def _storable(value: Any) -> Any:  # JSON-like in, the same shape out
    """``value`` (JSON-like) with every string made storable: the user's code prints and raises
    whatever it likes, NUL bytes and lone surrogates included."""
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, list):
        return [_storable(v) for v in value]
    if isinstance(value, dict):
        return {k: _storable(v) for k, v in value.items()}
    return value
