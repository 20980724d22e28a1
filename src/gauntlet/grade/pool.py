"""Grading in worker processes, for a server that also renders pages.

Grading is ~20 ms of NumPy and Python per answer. Run in a server's request threads, it shares one
GIL with every page being rendered: the encoder gives the GIL up and takes it back about a hundred
times per answer, and each time it can wait behind a template. Under load (`benchmarks/web_load.py`,
50 users on 2 cores) that, not the arithmetic, is what made a grade take 120 ms at p95. Here each
grade runs in a worker process with its own interpreter, while the request thread that asked for it
sleeps on the result without holding the GIL.

Each worker has its own in-process cache of prepared questions (see ``grader.prepare_question``), so a
question is always sent to the same worker (a stable hash of its id) and the warm-up prepares in each
worker only the questions it will be sent. The warm-up goes one question at a time, so an answer that
arrives meanwhile waits for at most one question's preparation (~0.5 s), not for the whole warm-up.

A worker that dies (killed, out of memory) is replaced; the grade that was in it is computed in the
calling thread instead, so the user still gets it. A worker whose server dies (``kill -9``, a crash)
exits within a second: it would otherwise hold its 120-330 MB forever, as nothing else ends it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import zlib
from collections.abc import Sequence
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from gauntlet.grade.result import Grade

if TYPE_CHECKING:
    from gauntlet.bank.model import Question


def default_workers() -> int:
    """Half the cores (at least one): the other half render pages and run the database.

    On 2 cores one worker beat two under `benchmarks/web_load.py` (50 users, PostgreSQL, two runs
    each): page p95 at most 38 ms and grading p95 68-82 ms, against 49-67 ms and 75-119 ms. Two
    workers leave no core for the server process when grades arrive together.
    """
    return max(1, (os.cpu_count() or 2) // 2)


# How often a worker checks that the server that started it is still alive.
PARENT_CHECK_S = 0.5


def _worker_start(server_pid: int) -> None:
    # One BLAS thread per worker: the workers already use the cores, and threads on top would only
    # fight them. Set before NumPy is first imported in this process (this module does not import it).
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    threading.Thread(target=_exit_with_server, args=(server_pid,), name="server-watch", daemon=True).start()


def _exit_with_server(server_pid: int) -> None:
    """End this worker once the server is gone (this process is then re-parented, to init or a
    subreaper). Polling the parent id, not prctl(PR_SET_PDEATHSIG): that signal fires when the *thread*
    that started the worker ends, and workers are started from request threads that come and go."""
    while os.getppid() == server_pid:
        time.sleep(PARENT_CHECK_S)
    os._exit(0)  # no clean-up to run: the server that wanted the results is dead


def _prepare_in_worker(question: Question) -> None:
    from gauntlet.grade.grader import prepare_bank_question

    prepare_bank_question(question)


def _grade(question: Question, answer: str) -> Grade:
    from gauntlet.grade.grader import grade_question

    return grade_question(question, answer)


class GradingPool:
    """``workers`` single-process executors (default: ``default_workers()``); ``grade(question, answer)``
    is a drop-in for ``grade_question``.

    ``warm`` lists the questions to prepare in the background after ``start()``; ``status()`` tells how
    far that has got. Call ``close()`` to stop the workers.
    """

    def __init__(self, workers: int | None = None, warm: Sequence[Question] = ()) -> None:
        workers = default_workers() if workers is None else workers
        if workers < 1:
            raise ValueError("a grading pool needs at least one worker")
        self._context = multiprocessing.get_context("spawn")  # fork would copy a threaded parent's locks
        self._executors = [self._new_executor() for _ in range(workers)]
        self._lock = threading.Lock()
        self._warm = list(warm)
        self._to_warm = 0  # how many of them start() gives the workers to prepare
        self._prepared = 0
        self._error: str | None = None
        self._stop = threading.Event()
        self._warmers: list[threading.Thread] = []

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=1, mp_context=self._context, initializer=_worker_start,
                                   initargs=(os.getpid(),))

    def _slot(self, question: Question) -> int:
        return zlib.crc32(question.id.encode("utf-8")) % len(self._executors)

    def _replace(self, slot: int, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executors[slot] is broken:
                broken.shutdown(wait=False, cancel_futures=True)
                self._executors[slot] = self._new_executor()

    def grade(self, question: Question, answer: str) -> Grade:
        """Grade in the question's worker; in this thread if that worker died meanwhile."""
        slot = self._slot(question)
        executor = self._executors[slot]
        try:
            return executor.submit(_grade, question, answer).result()
        except BrokenProcessPool:
            self._replace(slot, executor)
            return _grade(question, answer)

    # -- warm-up ---------------------------------------------------------------------------------------

    def start(self) -> None:
        """Begin preparing the ``warm`` questions, each in the worker that will grade it."""
        from gauntlet.grade.grader import PREPARED_CACHE_SIZE

        shares: list[list[Question]] = [[] for _ in self._executors]
        for question in self._warm:
            share = shares[self._slot(question)]
            if len(share) < PREPARED_CACHE_SIZE:  # more would only evict the first ones again
                share.append(question)
        self._to_warm = sum(len(share) for share in shares)
        for slot, share in enumerate(shares):
            thread = threading.Thread(target=self._warm_share, args=(slot, share), name=f"grader-warm-up-{slot}",
                                      daemon=True)
            self._warmers.append(thread)
            thread.start()

    def _warm_share(self, slot: int, share: list[Question]) -> None:
        from gauntlet.grade.model_files import SentenceModelMissingError

        for question in share:
            if self._stop.is_set():
                return
            executor = self._executors[slot]
            try:
                executor.submit(_prepare_in_worker, question).result()
            except SentenceModelMissingError as exc:  # grading pages already explain this to the user
                self._error = str(exc)
                return
            except BrokenProcessPool:
                self._replace(slot, executor)
                continue  # the replacement prepares this one when it is first graded
            except (CancelledError, RuntimeError):  # the pool was shut down under us: the server is stopping
                return
            with self._lock:
                self._prepared += 1

    def status(self) -> dict[str, Any]:
        return {"questions": self._to_warm, "prepared": self._prepared, "error": self._error}

    def join_warm_up(self, timeout: float | None = None) -> None:
        for thread in self._warmers:
            thread.join(timeout)

    def close(self) -> None:
        """Stop the warm-up after the question in hand and shut the workers down."""
        self._stop.set()
        for executor in self._executors:
            executor.shutdown(wait=True, cancel_futures=True)
