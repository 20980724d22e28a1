"""Answer attempts: typed answers to a question, recorded before anything else happens to them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, func, insert, select, update

from gauntlet.errors import NotFoundError
from gauntlet.store.db import Store, as_utc, inserted_id, newest_rows, storable_text, utcnow
from gauntlet.store.schema import attempts, grade_history

SOURCES = ("ask", "grade", "review", "mock", "web")
# Before migration 0010 a review session's answers were stored as "drill", the word a coding drill now owns.
OLD_SOURCE_NAMES = {"drill": "review"}


@dataclass(frozen=True)
class Attempt:
    id: int
    user_id: int
    question_id: str
    answer: str
    source: str
    started_at: dt.datetime
    submitted_at: dt.datetime
    score: float | None = None
    grade: dict[str, Any] | None = None  # the grader's full feedback (``Grade.to_dict()``)
    grader_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "user_id": self.user_id,
            "question_id": self.question_id,
            "answer": self.answer,
            "source": self.source,
            "started_at": self.started_at.isoformat(),
            "submitted_at": self.submitted_at.isoformat(),
            "score": self.score,
            "grade": self.grade,
            "grader_version": self.grader_version,
        }

    @classmethod
    def from_row(cls, row: Row[Any]) -> Attempt:
        return cls(
            id=row.id,
            user_id=row.user_id,
            question_id=row.question_id,
            answer=row.answer,
            source=row.source,
            started_at=as_utc(row.started_at),
            submitted_at=as_utc(row.submitted_at),
            score=row.score,
            grade=json.loads(row.grade_json) if row.grade_json else None,
            grader_version=row.grader_version,
        )


def record_attempt(
    store: Store,
    question_id: str,
    answer: str,
    source: str,
    started_at: dt.datetime,
    user_id: int,
    submitted_at: dt.datetime | None = None,
) -> Attempt:
    """Write the attempt and commit before returning, so a crash right after loses nothing."""
    values = dict(
        user_id=user_id,
        question_id=question_id,
        answer=answer,
        source=source,
        started_at=started_at,
        submitted_at=submitted_at or utcnow(),
    )
    with store.transaction() as conn:
        return insert_attempt(conn, **values)


def insert_attempt(conn: Connection, **values: Any) -> Attempt:
    """The insert of ``record_attempt`` inside a caller's transaction (one that also records what the
    attempt belongs to, so the two are written together or not at all)."""
    if values["source"] not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}")
    values = {**values, "answer": storable_text(values["answer"])}
    new_id = inserted_id(conn.execute(insert(attempts).values(**values)))
    return Attempt(id=new_id, **values)


def attach_grade(store: Store, attempt_id: int, score: float | None, grade: dict[str, Any], grader_version: str,
                 user_id: int) -> None:
    """Store the grader's score and feedback on an attempt already recorded."""
    with store.transaction() as conn:
        set_grade(conn, attempt_id, score, grade, grader_version, user_id)


def set_grade(conn: Connection, attempt_id: int, score: float | None, grade: dict[str, Any], grader_version: str,
              user_id: int) -> None:
    """``attach_grade`` inside a caller's transaction."""
    changed = conn.execute(
        update(attempts)
        .where(attempts.c.id == attempt_id, attempts.c.user_id == user_id)
        .values(score=score, grade_json=json.dumps(grade, ensure_ascii=False), grader_version=grader_version)
    ).rowcount
    if not changed:
        raise NotFoundError(f"no attempt #{attempt_id}")


def replace_grade(store: Store, attempt_id: int, score: float | None, grade: dict[str, Any], grader_version: str,
                  user_id: int) -> None:
    """Give an attempt a new grade, keeping the one it had (if any) in ``grade_history``; one
    transaction, so a crash leaves either the old grade or the new one with its history."""
    with store.transaction() as conn:
        row = conn.execute(select(attempts.c.score, attempts.c.grade_json, attempts.c.grader_version)
                           .where(attempts.c.id == attempt_id, attempts.c.user_id == user_id)).first()
        if row is None:
            raise NotFoundError(f"no attempt #{attempt_id}")
        if row.grade_json is not None:
            conn.execute(insert(grade_history).values(attempt_id=attempt_id, score=row.score, grade_json=row.grade_json,
                                                      grader_version=row.grader_version, replaced_at=utcnow()))
        conn.execute(update(attempts).where(attempts.c.id == attempt_id)
                     .values(score=score, grade_json=json.dumps(grade, ensure_ascii=False),
                             grader_version=grader_version))


def earlier_grades(store: Store, attempt_id: int, user_id: int) -> list[dict[str, Any]]:
    """The grades an attempt had before, newest first: {score, grade, grader_version, replaced_at}."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(grade_history).join(attempts, attempts.c.id == grade_history.c.attempt_id)
            .where(grade_history.c.attempt_id == attempt_id, attempts.c.user_id == user_id)
            .order_by(grade_history.c.replaced_at.desc(), grade_history.c.id.desc())).all()
    return [{"score": r.score, "grade": json.loads(r.grade_json) if r.grade_json else None,
             "grader_version": r.grader_version, "replaced_at": as_utc(r.replaced_at)} for r in rows]


def attempts_to_regrade(store: Store, user_id: int, grader_version: str, only_ungraded: bool = False) -> list[Attempt]:
    """The user's attempts with a typed answer whose grade is missing or from another grader version
    (``only_ungraded``: missing only)."""
    stale: ColumnElement[bool] = attempts.c.grader_version.is_(None)
    if not only_ungraded:
        stale = stale | (attempts.c.grader_version != grader_version)
    query = (select(attempts).where(attempts.c.user_id == user_id, attempts.c.answer != "").where(stale)
             .order_by(attempts.c.id))
    with store.engine.connect() as conn:
        return [Attempt.from_row(r) for r in conn.execute(query)]


def get_attempt(store: Store, attempt_id: int, user_id: int) -> Attempt:
    """One attempt of this user; another user's attempt is reported as not found, never shown."""
    with store.engine.connect() as conn:
        row = conn.execute(
            select(attempts).where(attempts.c.id == attempt_id, attempts.c.user_id == user_id)
        ).first()
    if row is None:
        raise NotFoundError(f"no attempt #{attempt_id}")
    return Attempt.from_row(row)


def list_attempts(store: Store, user_id: int, question_id: str | None = None,
                  limit: int = 50) -> list[Attempt]:
    """The user's most recent attempts first."""
    return [Attempt.from_row(row) for row in newest_rows(store, attempts, user_id, limit, question_id=question_id)]


def attempt_counts(store: Store, user_id: int) -> dict[str, int]:
    """How many times the user has answered each question."""
    query = (select(attempts.c.question_id, func.count())
             .where(attempts.c.user_id == user_id).group_by(attempts.c.question_id))
    with store.engine.connect() as conn:
        return {question_id: count for question_id, count in conn.execute(query)}
