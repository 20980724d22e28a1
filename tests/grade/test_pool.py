"""Grading in worker processes: same grades as in-process, a warm-up per worker, a dead worker replaced."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading

import pytest

from gauntlet.bank import load_bank
from gauntlet.grade import grade_question
from gauntlet.grade.model_files import model_dir
from gauntlet.grade.pool import GradingPool
from gauntlet.paths import cache_dir
from tests.support import FIXTURE_BANK

ANSWER = "Compare the live feature distributions with the training ones (PSI, KS test) and retrain when they drift."


def child_pids() -> set[int]:
    """This process's live worker processes (the pool's workers are started from here)."""
    return {process.pid for process in multiprocessing.active_children()}


@pytest.fixture
def prepared_on_disk(tmp_path, monkeypatch):
    """A cache folder of this test's own for prepared questions (the model is the shared one): every
    preparation a worker makes leaves a file here, so the test sees where questions were prepared."""
    shared_models = model_dir().parent
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "models").symlink_to(shared_models, target_is_directory=True)
    monkeypatch.setenv("GAUNTLET_CACHE", str(cache))  # read by the workers, which start after this
    assert cache_dir() == cache
    return cache / "prepared"


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


@pytest.mark.slow  # two workers, each loading the model and preparing
def test_the_warm_up_prepares_each_question_in_the_worker_that_grades_it(questions, prepared_on_disk):
    pool = GradingPool(workers=2, warm=questions)
    try:
        pool.start()
        pool.join_warm_up(timeout=120)
        assert pool.status() == {"questions": 2, "prepared": 2, "error": None}
        stored = list(prepared_on_disk.rglob("*.pickle"))
        assert len(stored) == 2  # each question prepared once
        for path in stored:
            path.unlink()
        graded = [pool.grade(question, ANSWER) for question in questions]
        # Prepared again, a question would be on disk again: each went to the worker holding it.
        assert list(prepared_on_disk.rglob("*.pickle")) == []
        for question, grade in zip(questions, graded, strict=True):  # (grading here writes to the disk too)
            _same(grade, grade_question(question, ANSWER))
    finally:
        pool.close()


@pytest.mark.slow
def test_a_killed_worker_still_yields_the_grade_and_is_replaced(questions):
    question = questions[0]
    before = child_pids()
    pool = GradingPool(workers=1)
    try:
        first = pool.grade(question, ANSWER)
        (worker,) = child_pids() - before
        os.kill(worker, signal.SIGKILL)
        _same(pool.grade(question, ANSWER), first)  # the dead worker's grade is computed here instead
        _same(pool.grade(question, ANSWER), first)  # and a new worker takes the next one
        (replacement,) = child_pids() - before
        assert replacement != worker
    finally:
        pool.close()
    assert child_pids() - before == set()  # closing stops the workers


@pytest.mark.slow
def test_closing_stops_the_warm_up(questions):
    threads_before = set(threading.enumerate())
    pool = GradingPool(workers=1, warm=questions * 50)
    pool.start()
    pool.close()
    pool.join_warm_up(timeout=60)
    assert pool.status()["prepared"] < 100
    assert set(threading.enumerate()) <= threads_before  # no warm-up (or other) thread left running


def test_a_pool_needs_a_worker():
    with pytest.raises(ValueError):
        GradingPool(workers=0)
