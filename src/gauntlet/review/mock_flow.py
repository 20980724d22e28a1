"""The steps of a mock interview shared by the terminal and the browser.

Each shell owns its clock and its input; what happens when an answer is in (record it, decide on a
follow-up, finish, grade, report) is decided here, once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from gauntlet.bank.model import Bank, Question
from gauntlet.grade.result import Grade
from gauntlet.review.follow_up import choose_follow_up
from gauntlet.review.mock import (
    AnswerStatus,
    MockAnswer,
    MockSession,
    SessionStatus,
    advance_answer,
    finish_session,
    get_session,
    heartbeat,
    save_progress,
)
from gauntlet.review.mock_report import MockReport, build_report
from gauntlet.store import Store
from gauntlet.store.attempts import Attempt, get_attempt, insert_attempt, set_grade
from gauntlet.store.db import utcnow

if TYPE_CHECKING:
    from sqlalchemy import Connection

GradeFunction = Callable[[Question, str], Grade | None]

# A follow-up is asked only when at least this much of the question's time (and of the interview) is left.
FOLLOW_UP_MIN_S = 45.0


@dataclass(frozen=True)
class Turn:
    """The question an interview is on, in which phase (main answer or follow-up), with its clocks."""

    session: MockSession
    position: int
    question: Question
    answer: MockAnswer

    @property
    def in_follow_up(self) -> bool:
        return self.answer.status == AnswerStatus.FOLLOW_UP

    @property
    def draft(self) -> str:
        """What has been typed so far in this phase."""
        return (self.answer.follow_up_answer if self.in_follow_up else self.answer.answer) or ""

    @property
    def question_left_s(self) -> float:
        """This question's own countdown: its budget less the time spent on its answer and follow-up."""
        return self.session.plan[self.position].budget_s - self.answer.time_used_s - self.answer.follow_up_time_s

    @property
    def overall_left_s(self) -> float:
        return self.session.remaining_s

    def grades_when_handed_in(self, text: str, timed_out: bool = False) -> bool:
        """Whether ``submit`` grades this turn's answer right away (a main answer with time left for a
        follow-up): the shells show a wait and the web charges the account's grading share for it."""
        return (not self.in_follow_up and bool(text.strip())
                and _follow_up_due(self.session, self.answer, self.answer.time_used_s,
                                   timed_out or self.question_left_s <= 0))

    @property
    def time_used_field(self) -> str:
        """The answer's clock that runs in this phase."""
        return "follow_up_time_s" if self.in_follow_up else "time_used_s"

    @property
    def text_field(self) -> str:
        return "follow_up_answer" if self.in_follow_up else "answer"


def current_turn(store: Store, bank: Bank, session_id: int, user_id: int, advance_clock: bool = False) -> Turn | None:
    """The turn to answer now, or None when the interview is over (every question done or no time left).

    ``advance_clock``: count the time since the last call against the turn (the browser, whose clock is
    the server's); the terminal counts its own seconds and passes them to ``save_draft``/``submit``.
    Raises ``NotFoundError`` for another user's session.
    """
    session = get_session(store, session_id, user_id)
    position = session.next_position() if session.status == SessionStatus.RUNNING else None
    if position is None or session.remaining_s <= 0:
        return None
    if advance_clock:
        answer = heartbeat(store, session, position)
        session = get_session(store, session_id, user_id)
    else:
        item = session.plan[position]
        answer = session.answer_at(position) or MockAnswer(position, item.question_id, AnswerStatus.IN_PROGRESS)
    return Turn(session, position, bank.question(answer.question_id), answer)


def save_draft(store: Store, turn: Turn, text: str, time_used_s: float | None = None) -> Turn:
    """Keep what is typed (and, from a shell that keeps its own clock, the phase's time used so far)."""
    changes: dict[str, Any] = {turn.text_field: text}  # text and time fields, named by the turn
    if time_used_s is not None:
        changes[turn.time_used_field] = time_used_s
    answer = replace(turn.answer, **changes)
    save_progress(store, turn.session, answer)
    return replace(turn, answer=answer)


def submit(store: Store, turn: Turn, text: str, timed_out: bool = False, grade: bool = True,
           grade_with: GradeFunction | None = None) -> MockAnswer:
    """Hand in the turn's answer: the main answer (which may bring a follow-up) or the follow-up. A turn
    whose countdown has run out counts as timed out whatever the shell says. Sent twice, recorded once.

    A main answer that brings a follow-up is graded now (``grade_with``: see ``practice.submit_answer``),
    so the follow-up can go where the answer was weakest; ``grade=False`` (or no sentence model) draws
    one of the bank's follow-ups instead."""
    timed_out = timed_out or turn.question_left_s <= 0
    if turn.in_follow_up:
        return submit_follow_up(store, turn.session, turn.answer, text, turn.answer.follow_up_time_s)
    return submit_main_answer(store, turn.session, turn.question, turn.answer, text, turn.answer.time_used_s, timed_out,
                              grade_with if grade else _no_grade)


def _no_grade(question: Question, text: str) -> None:
    return None


def _grade_for_follow_up(question: Question, text: str, grade_with: GradeFunction | None) -> Grade | None:
    """The answer's grade, or None when it cannot be graded here (nothing typed, no sentence model):
    the follow-up is then drawn, and the report grades the answer as it always has."""
    from gauntlet.grade import SentenceModelMissingError, grade_question

    if not text.strip():
        return None
    try:
        return (grade_with or grade_question)(question, text)
    except SentenceModelMissingError:
        return None


def _follow_up_due(session: MockSession, current: MockAnswer, time_used_s: float, timed_out: bool) -> bool:
    """A follow-up is asked when the answer did not time out and enough of the question's time and of the
    interview is left."""
    question_left = session.plan[current.position].budget_s - time_used_s - current.follow_up_time_s
    # From the other questions' stored times and this one's as given: ``session`` may predate the clock
    # this answer ran on.
    others = sum(a.time_used_s + a.follow_up_time_s for a in session.answers if a.position != current.position)
    overall_left = session.total_s - others - time_used_s - current.follow_up_time_s
    return not timed_out and question_left >= FOLLOW_UP_MIN_S and overall_left >= FOLLOW_UP_MIN_S


def submit_main_answer(store: Store, session: MockSession, question: Question, current: MockAnswer, text: str,
                       time_used_s: float, timed_out: bool, grade_with: GradeFunction | None = None) -> MockAnswer:
    """Record the answer (an attempt too, if anything was typed, with its grade when one was needed for
    the follow-up) and move to a follow-up or to the next question. Sent twice, it is recorded once: the
    second call returns the state the first one left."""
    choice = None
    if _follow_up_due(session, current, time_used_s, timed_out):
        # Graded before the transaction: grading takes a moment, and the row stays unlocked meanwhile.
        graded = _grade_for_follow_up(question, text, grade_with)
        choice = choose_follow_up(question, graded, seed=session.id * 1000 + current.position)
    else:
        graded = None

    def step(conn: Connection) -> MockAnswer:
        attempt_id = None
        if text.strip():
            attempt_id = insert_attempt(conn, user_id=session.user_id, question_id=question.id, answer=text,
                                        source="mock", started_at=utcnow(), submitted_at=utcnow()).id
            if graded is not None:
                set_grade(conn, attempt_id, graded.score, graded.to_dict(), graded.version, session.user_id)
        return MockAnswer(**{
            **current.to_dict(), "answer": text, "time_used_s": time_used_s, "attempt_id": attempt_id,
            "status": (AnswerStatus.FOLLOW_UP if choice is not None
                       else AnswerStatus.TIMED_OUT if timed_out else AnswerStatus.ANSWERED),
            "follow_up": choice.text if choice else None,
            "follow_up_aim": choice.aim.value if choice else None,
            "follow_up_target": choice.target if choice else None,
        })

    return advance_answer(store, session, current.position, AnswerStatus.IN_PROGRESS, step)


def submit_follow_up(store: Store, session: MockSession, current: MockAnswer, text: str,
                     time_used_s: float) -> MockAnswer:
    """Record the follow-up answer; sent twice, recorded once."""
    updated = MockAnswer(**{**current.to_dict(), "follow_up_answer": text, "follow_up_time_s": time_used_s,
                            "status": AnswerStatus.ANSWERED})
    return advance_answer(store, session, current.position, AnswerStatus.FOLLOW_UP, lambda _conn: updated)


def finish_with_report(store: Store, bank: Bank, session: MockSession, grade: bool = True,
                       grade_with: Callable[[Question, str], Grade] | None = None) -> MockReport:
    """Grade every typed answer (storing each grade on its attempt), build the report, close the session.

    ``grade_with``: see ``practice.submit_answer``.
    """
    from gauntlet.practice import grade_and_store

    session = get_session(store, session.id, session.user_id)
    if session.status == SessionStatus.FINISHED and session.report is not None:
        return session.report  # finished already (a second tab, a retry)
    grades: dict[int, Grade | None] = {}
    if grade:
        for a in session.answers:
            if a.attempt_id:
                attempt = get_attempt(store, a.attempt_id, session.user_id)
                grades[a.position] = (_current_grade(attempt) or grade_and_store(
                    store, bank.question(a.question_id), attempt, session.user_id, grade_with))
    report = build_report(session, bank, grades)
    finish_session(store, session, report)
    return report


def _current_grade(attempt: Attempt) -> Grade | None:
    """The grade the attempt got when its follow-up was chosen, if today's grader gave it."""
    from gauntlet.grade import GRADER_VERSION

    if attempt.grade is None or attempt.grader_version != GRADER_VERSION:
        return None
    return Grade.from_dict(attempt.grade)
