"""Answering one question: pick it, record the answer, grade it. Shared by `gauntlet ask` and the web app."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gauntlet.bank.model import Bank, Question
from gauntlet.bank.query import filter_questions
from gauntlet.errors import InputError
from gauntlet.store import Store
from gauntlet.store.attempts import Attempt, attempt_counts, record_attempt

if TYPE_CHECKING:  # the grader (NumPy, the model) loads only when an answer is graded
    from gauntlet.grade.result import Grade


def pick_question(
    bank: Bank,
    store: Store,
    topic: str | None = None,
    difficulty: str | None = None,
    audience: str | None = None,
    rng: random.Random | None = None,
    *,
    user_id: int,
) -> Question:
    """A question matching the filters, preferring those the user has answered least (random among ties)."""
    candidates = filter_questions(bank, topic, difficulty, audience)
    if not candidates:
        raise InputError("no question matches these filters; `gauntlet list` shows what there is")
    counts = attempt_counts(store, user_id)
    fewest = min(counts.get(q.id, 0) for q in candidates)
    least_practised = [q for q in candidates if counts.get(q.id, 0) == fewest]
    return (rng or random.Random()).choice(least_practised)


@dataclass(frozen=True)
class RecordedAnswer:
    """A typed answer as stored, with its grade. (A coding drill's judged run is ``drills.verdict.Submission``.)"""

    attempt: Attempt
    grade: Grade | None  # None when the grader is not installed or did not run


def why_grading_is_unavailable() -> str | None:
    """None when answers can be graded here, else why not and what to do (checked before the user types,
    so nobody writes an answer to learn afterwards that it cannot be graded)."""
    from gauntlet.grade.model_files import SentenceModelMissingError, model_zip_path

    try:
        model_zip_path()
    except SentenceModelMissingError as exc:
        return str(exc)
    return None


def submit_answer(
    store: Store,
    question: Question,
    answer: str,
    started_at: dt.datetime,
    source: str = "ask",
    *,
    user_id: int,
    grade: bool = True,
    grade_with: Callable[[Question, str], Grade] | None = None,
    on_saved: Callable[[Attempt], None] | None = None,
) -> RecordedAnswer:
    """Record the attempt (committed first, so nothing is lost), then grade it if asked and possible.

    ``grade_with(question, answer)`` computes the grade: ``gauntlet.grade.grade_question`` in this
    process by default; a server passes its ``GradingPool.grade`` to grade in worker processes.
    ``on_saved(attempt)`` runs once the attempt is committed, before grading (a shell interrupted
    while grading can then say what was saved).
    """
    attempt = record_attempt(store, question.id, answer, source, started_at, user_id=user_id)
    if on_saved is not None:
        on_saved(attempt)
    result = None
    if grade and answer.strip():
        result = grade_and_store(store, question, attempt, user_id, grade_with)
    return RecordedAnswer(attempt, result)


def grade_and_store(store: Store, question: Question, attempt: Attempt, user_id: int,
                    grade_with: Callable[[Question, str], Grade] | None = None) -> Grade:
    """Grade an attempt and attach the result to it."""
    from gauntlet.grade import grade_question
    from gauntlet.store.attempts import attach_grade

    result = (grade_with or grade_question)(question, attempt.answer)
    attach_grade(store, attempt.id, result.score, result.to_dict(), result.version, user_id=user_id)
    return result


@dataclass(frozen=True)
class RegradeSummary:
    regraded: int  # attempts given the current grader's grade
    kept: int  # attempts whose question is no longer in the bank (their grade is left as it was)
    changes: tuple[tuple[int, str, float | None, float | None], ...]  # (attempt id, question id, old, new)


def regrade_attempts(store: Store, bank: Bank, user_id: int, grade_with: Callable | None = None,
                     progress: Callable[[int, int], None] | None = None, only_ungraded: bool = False) -> RegradeSummary:
    """Grade again every attempt of the user that the current grader has not graded (never graded, or
    graded by an older ``GRADER_VERSION``). The grade it had goes to ``grade_history``; each attempt is
    its own transaction, so an interrupted run keeps what it did and the next run does the rest.
    ``only_ungraded``: just the answers never graded (saved, then interrupted or without the model).
    Raises ``SentenceModelMissingError`` when the model is not installed (nothing is changed)."""
    from gauntlet.grade import GRADER_VERSION, grade_question
    from gauntlet.store.attempts import attempts_to_regrade, replace_grade

    questions = {q.id: q for q in bank.questions}
    todo = [a for a in attempts_to_regrade(store, user_id, GRADER_VERSION, only_ungraded) if a.answer.strip()]
    changes, kept = [], 0
    for done, attempt in enumerate(todo, 1):
        question = questions.get(attempt.question_id)
        if question is None:
            kept += 1
            continue
        result = (grade_with or grade_question)(question, attempt.answer)
        replace_grade(store, attempt.id, result.score, result.to_dict(), result.version, user_id)
        changes.append((attempt.id, attempt.question_id, attempt.score, result.score))
        if progress:
            progress(done, len(todo))
    return RegradeSummary(len(changes), kept, tuple(changes))


def grade_left_over(store: Store, bank: Bank, user_id: int) -> int:
    """Grade the answers saved but never graded (the program was interrupted while grading, or the model
    was missing then); how many. Nothing to do in the usual case. Callers check
    ``why_grading_is_unavailable`` first (without the model this raises ``SentenceModelMissingError``)."""
    return regrade_attempts(store, bank, user_id, only_ungraded=True).regraded
