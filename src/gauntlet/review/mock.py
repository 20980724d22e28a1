"""Mock interview sessions: start, record each answer as it is typed, resume, finish with a report.

Every step commits at once: a killed interview resumes at the question it was on, with the text
typed so far and the time already used.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from gauntlet.errors import NotFoundError
from gauntlet.review.mock_plan import PlanItem
from gauntlet.review.mock_report import MockReport, closed_status
from gauntlet.store import Store
from gauntlet.store.db import as_utc, insert_ignoring_duplicates, inserted_id, storable_text, utcnow
from gauntlet.store.schema import mock_answers, mock_sessions


class AnswerStatus(StrEnum):
    """Where one planned question stands. Stored as its value, so rows written before the enum read back."""

    IN_PROGRESS = "in_progress"  # the main answer is being typed
    FOLLOW_UP = "follow_up"  # the main answer is in; the follow-up is being typed
    ANSWERED = "answered"
    TIMED_OUT = "timed_out"  # its clock ran out; what was typed is kept
    SKIPPED = "skipped"  # the interview ended before it


class SessionStatus(StrEnum):
    RUNNING = "running"
    FINISHED = "finished"


FINAL_STATUSES = (AnswerStatus.ANSWERED, AnswerStatus.TIMED_OUT, AnswerStatus.SKIPPED)


@dataclass(frozen=True)
class MockAnswer:
    position: int
    question_id: str
    status: AnswerStatus
    answer: str = ""
    time_used_s: float = 0.0
    follow_up: str | None = None
    follow_up_answer: str | None = None
    follow_up_time_s: float = 0.0
    attempt_id: int | None = None
    follow_up_aim: str | None = None  # review.follow_up.Aim: what the follow-up was aimed at
    follow_up_target: str | None = None  # the key point it probed, if one

    @property
    def finished(self) -> bool:
        return self.status in FINAL_STATUSES

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class MockSession:
    id: int
    user_id: int
    level: str
    minutes: int
    plan: tuple[PlanItem, ...]
    status: SessionStatus
    started_at: dt.datetime
    finished_at: dt.datetime | None
    answers: tuple[MockAnswer, ...]
    report: MockReport | None = None

    @property
    def total_s(self) -> float:
        return self.minutes * 60.0

    @property
    def time_used_s(self) -> float:
        return sum(a.time_used_s + a.follow_up_time_s for a in self.answers)

    @property
    def remaining_s(self) -> float:
        return max(self.total_s - self.time_used_s, 0.0)

    def answer_at(self, position: int) -> MockAnswer | None:
        return next((a for a in self.answers if a.position == position), None)

    def next_position(self) -> int | None:
        """The first planned question not finished yet (None when all are)."""
        for position in range(len(self.plan)):
            found = self.answer_at(position)
            if found is None or not found.finished:
                return position
        return None


def start_session(store: Store, level: str, minutes: int, plan: list[PlanItem], user_id: int) -> MockSession:
    with store.transaction() as conn:
        session_id = inserted_id(conn.execute(insert(mock_sessions).values(
            user_id=user_id, level=level, minutes=minutes, plan_json=json.dumps([p.to_dict() for p in plan]),
            status=SessionStatus.RUNNING.value, started_at=utcnow())))
    return get_session(store, session_id, user_id)


def get_session(store: Store, session_id: int, user_id: int) -> MockSession:
    with store.engine.connect() as conn:
        row = conn.execute(select(mock_sessions).where(mock_sessions.c.id == session_id,
                                                       mock_sessions.c.user_id == user_id)).first()
        if row is None:
            raise NotFoundError(f"no mock interview #{session_id}")
        answers = conn.execute(select(mock_answers).where(mock_answers.c.session_id == session_id)
                               .order_by(mock_answers.c.position)).all()
    return MockSession(
        id=row.id, user_id=row.user_id, level=row.level, minutes=row.minutes,
        plan=tuple(PlanItem.from_dict(p) for p in json.loads(row.plan_json)), status=SessionStatus(row.status),
        started_at=as_utc(row.started_at), finished_at=as_utc(row.finished_at),
        answers=tuple(_answer_from_row(a) for a in answers),
        report=MockReport.from_dict(json.loads(row.report_json)) if row.report_json else None,
    )


def latest_running_session(store: Store, user_id: int) -> MockSession | None:
    with store.engine.connect() as conn:
        found = conn.execute(select(mock_sessions.c.id).where(
            mock_sessions.c.user_id == user_id, mock_sessions.c.status == SessionStatus.RUNNING.value)
            .order_by(mock_sessions.c.started_at.desc(), mock_sessions.c.id.desc()).limit(1)).scalar()
    return get_session(store, found, user_id) if found is not None else None


def list_sessions(store: Store, user_id: int, limit: int = 20) -> list[MockSession]:
    with store.engine.connect() as conn:
        ids = conn.execute(select(mock_sessions.c.id).where(mock_sessions.c.user_id == user_id)
                           .order_by(mock_sessions.c.started_at.desc(), mock_sessions.c.id.desc())
                           .limit(limit)).scalars().all()
    return [get_session(store, i, user_id) for i in ids]


def _answer_from_row(row: Row[Any]) -> MockAnswer:
    return MockAnswer(row.position, row.question_id, AnswerStatus(row.status), row.answer, row.time_used_s,
                      row.follow_up, row.follow_up_answer, row.follow_up_time_s, row.attempt_id,
                      row.follow_up_aim, row.follow_up_target)


def _storable(answer: MockAnswer) -> dict[str, Any]:
    values = answer.to_dict()
    values["status"] = AnswerStatus(values["status"]).value  # a plain string for every database driver
    for field in ("answer", "follow_up_answer"):
        if values[field] is not None:
            values[field] = storable_text(values[field])
    return values


def _locked_answer_row(conn: Connection, session: MockSession, position: int) -> Row[Any]:
    """The answer row at ``position``, created (not yet started) if missing, locked until the transaction
    ends. Creating it cannot race: two servers creating it at once end up with the same one row."""
    insert_ignoring_duplicates(conn, mock_answers, session_id=session.id, position=position,
                               question_id=session.plan[position].question_id, status=AnswerStatus.IN_PROGRESS.value,
                               answer="",
                               time_used_s=0.0, follow_up_time_s=0.0)
    return conn.execute(select(mock_answers).where(mock_answers.c.session_id == session.id,
                                                   mock_answers.c.position == position).with_for_update()).one()


def save_progress(store: Store, session: MockSession, answer: MockAnswer) -> None:
    """Insert or update one answer row (a draft while typing, or its final state). Commits."""
    with store.transaction() as conn:
        row = _locked_answer_row(conn, session, answer.position)
        conn.execute(update(mock_answers).where(mock_answers.c.id == row.id).values(**_storable(answer)))


def advance_answer(store: Store, session: MockSession, position: int, from_status: str,
                   step: Callable[[Connection], MockAnswer]) -> MockAnswer:
    """Move the answer at ``position`` on from ``from_status``: ``step`` (given the transaction, to write
    what goes with it, such as the attempt) returns the new state, stored in the same transaction.

    Under the row's lock, and only if it is still in ``from_status``: the same answer sent twice (a
    double click, a retry through a load balancer, two tabs) moves it once, and the second call gets
    the state the first one left.
    """
    with store.transaction() as conn:
        row = _locked_answer_row(conn, session, position)
        if row.status != from_status:
            return _answer_from_row(row)
        updated = step(conn)
        conn.execute(update(mock_answers).where(mock_answers.c.id == row.id).values(**_storable(updated)))
    return updated


def finish_session(store: Store, session: MockSession, report: MockReport) -> MockSession:
    """Close the answers still open (as ``closed_status`` says, which the report says too), mark the
    questions never reached skipped, store the report, close the session."""
    for position, item in enumerate(session.plan):
        current = session.answer_at(position)
        if current is None:
            save_progress(store, session, MockAnswer(position, item.question_id, AnswerStatus.SKIPPED))
        elif not current.finished:
            closed = AnswerStatus(closed_status(current.status, current.answer))
            save_progress(store, session, MockAnswer(**{**current.to_dict(), "status": closed}))
    with store.transaction() as conn:
        # Finished twice at once (two tabs, a retry): the first report stands.
        conn.execute(update(mock_sessions).where(mock_sessions.c.id == session.id,
                                                 mock_sessions.c.status != SessionStatus.FINISHED.value).values(
            status=SessionStatus.FINISHED.value, finished_at=utcnow(),
            report_json=json.dumps(report.to_dict(), ensure_ascii=False)))
    return get_session(store, session.id, session.user_id)


# The web app cannot watch keystrokes; its page sends a heartbeat every few seconds instead. Time is
# added from heartbeat to heartbeat, capped, so a closed tab pauses the clock instead of running it down.
HEARTBEAT_GAP_CAP_S = 15.0


def heartbeat(store: Store, session: MockSession, position: int, now: dt.datetime | None = None) -> MockAnswer:
    """Advance the clock of the question at ``position`` (main answer or follow-up) and return its state."""
    now = now or utcnow()
    with store.transaction() as conn:
        row = _locked_answer_row(conn, session, position)
        if row.status in (AnswerStatus.IN_PROGRESS, AnswerStatus.FOLLOW_UP):
            gap = 0.0 if row.last_seen_at is None else (now - as_utc(row.last_seen_at)).total_seconds()
            gap = min(max(gap, 0.0), HEARTBEAT_GAP_CAP_S)
            column = "time_used_s" if row.status == AnswerStatus.IN_PROGRESS else "follow_up_time_s"
            conn.execute(update(mock_answers).where(mock_answers.c.id == row.id)
                         .values(**{column: getattr(row, column) + gap, "last_seen_at": now}))
    answer = get_session(store, session.id, session.user_id).answer_at(position)
    assert answer is not None  # the row was created above if it was missing
    return answer
