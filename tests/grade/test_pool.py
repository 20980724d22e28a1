"""Grading in worker processes: same grades as in-process, a warm-up per worker, a dead worker replaced."""

from __future__ import annotations

import os
import signal

import pytest

from gauntlet.bank import load_bank
from gauntlet.grade import grade_question
from gauntlet.grade.pool import GradingPool
from tests.support import FIXTURE_BANK

ANSWER = "Compare the live feature distributions with the training ones (PSI, KS test) and retrain when they drift."


def _cached_questions() -> int:
    """Runs inside a worker: how many questions its grader has prepared."""
    from gauntlet.grade import grader

    return len(grader._CACHE)


@pytest.fixture(scope="module")
def questions():
    bank = load_bank((FIXTURE_BANK,))
    return [bank.question("my-drift"), bank.question("my-overfitting")]


def _same(a, b) -> None:
    assert a.to_dict() == b.to_dict()


def test_a_pooled_grade_is_the_grade_computed_in_process(questions):
    pool = GradingPool(workers=2)
    try:
        for question in questions:
            _same(pool.grade(question, ANSWER), grade_question(question, ANSWER))
    finally:
        pool.close()


def test_the_warm_up_prepares_each_question_in_the_worker_that_grades_it(questions):
    pool = GradingPool(workers=2, warm=questions)
    try:
        pool.start()
        pool.join_warm_up(timeout=120)
        assert pool.status() == {"questions": 2, "prepared": 2, "error": None}
        per_worker = [executor.submit(_cached_questions).result() for executor in pool._executors]
        expected = [sum(1 for q in questions if pool._slot(q) == slot) for slot in range(2)]
        assert per_worker == expected
    finally:
        pool.close()


def test_a_killed_worker_still_yields_the_grade_and_is_replaced(questions):
    question = questions[0]
    pool = GradingPool(workers=1)
    try:
        first = pool.grade(question, ANSWER)
        (pid,) = pool._executors[0]._processes
        os.kill(pid, signal.SIGKILL)
        _same(pool.grade(question, ANSWER), first)  # the dead worker's grade is computed here instead
        _same(pool.grade(question, ANSWER), first)  # and a new worker takes the next one
        (new_pid,) = pool._executors[0]._processes
        assert new_pid != pid
    finally:
        pool.close()


def test_closing_stops_the_warm_up(questions):
    pool = GradingPool(workers=1, warm=questions * 50)
    pool.start()
    pool.close()
    pool.join_warm_up(timeout=60)
    assert pool.status()["prepared"] < 100
    assert not any(thread.is_alive() for thread in pool._warmers)


def test_a_pool_needs_a_worker():
    with pytest.raises(ValueError):
        GradingPool(workers=0)
