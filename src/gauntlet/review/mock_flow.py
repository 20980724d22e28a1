"""The steps of a mock interview shared by the terminal and the browser.

Each shell owns its clock and its input; what happens when an answer is in (record it, decide on a
follow-up, finish, grade, report) is decided here, once.
"""

from __future__ import annotations

import random
from typing import Callable

from gauntlet.bank.model import Bank, Question
from gauntlet.review.mock import MockAnswer, MockSession, advance_answer, finish_session, get_session
from gauntlet.review.mock_report import build_report
from gauntlet.store import Store
from gauntlet.store.attempts import get_attempt, insert_attempt
from gauntlet.store.db import utcnow

# A follow-up is asked only when at least this much of the question's time (and of the interview) is left.
FOLLOW_UP_MIN_S = 45.0


def pick_follow_up(session_id: int, position: int, follow_ups: tuple[str, ...]) -> str:
    """One of the question's follow-ups, the same every time for this session and position (resumable)."""
    return random.Random(session_id * 1000 + position).choice(follow_ups)


def submit_main_answer(store: Store, session: MockSession, question: Question, current: MockAnswer, text: str,
                       time_used_s: float, timed_out: bool) -> MockAnswer:
    """Record the answer (an attempt too, if anything was typed) and move to a follow-up or to the next
    question. Sent twice, it is recorded once: the second call returns the state the first one left."""
    question_left = session.plan[current.position].budget_s - time_used_s - current.follow_up_time_s
    overall_left = session.total_s - (session.time_used_s - current.time_used_s + time_used_s)
    wants_follow_up = (not timed_out and bool(question.follow_ups) and question_left >= FOLLOW_UP_MIN_S
                       and overall_left >= FOLLOW_UP_MIN_S)

    def step(conn) -> MockAnswer:
        attempt_id = None
        if text.strip():
            attempt_id = insert_attempt(conn, user_id=session.user_id, question_id=question.id, answer=text,
                                        source="mock", started_at=utcnow(), submitted_at=utcnow()).id
        return MockAnswer(**{
            **current.to_dict(), "answer": text, "time_used_s": time_used_s, "attempt_id": attempt_id,
            "status": "follow_up" if wants_follow_up else ("timed_out" if timed_out else "answered"),
            "follow_up": pick_follow_up(session.id, current.position, question.follow_ups) if wants_follow_up else None,
        })

    return advance_answer(store, session, current.position, "in_progress", step)


def submit_follow_up(store: Store, session: MockSession, current: MockAnswer, text: str, time_used_s: float) -> MockAnswer:
    """Record the follow-up answer; sent twice, recorded once."""
    updated = MockAnswer(**{**current.to_dict(), "follow_up_answer": text, "follow_up_time_s": time_used_s,
                            "status": "answered"})
    return advance_answer(store, session, current.position, "follow_up", lambda _conn: updated)


def finish_with_report(store: Store, bank: Bank, session: MockSession, grade: bool = True,
                       grade_with: Callable | None = None) -> dict:
    """Grade every typed answer (storing each grade on its attempt), build the report, close the session.

    ``grade_with``: see ``practice.submit_answer``.
    """
    from gauntlet.practice import grade_and_store

    session = get_session(store, session.id, session.user_id)
    if session.status == "finished" and session.report is not None:
        return session.report  # finished already (a second tab, a retry)
    grades: dict[int, dict | None] = {}
    if grade:
        for a in session.answers:
            if a.attempt_id:
                result = grade_and_store(store, bank.question(a.question_id),
                                         get_attempt(store, a.attempt_id, session.user_id), session.user_id,
                                         grade_with)
                grades[a.position] = result.to_dict() if result is not None else None
    report = build_report(session, bank, grades)
    finish_session(store, session, report)
    return report
