"""Which threads run what: a few for page requests, separate ones for labs and judged code.

FastAPI runs every plain ``def`` route in a worker thread (forty by default). Our routes are CPU work
in Python (rendering), so forty threads only take turns on one GIL: under load every request gets
slower by the number of threads sharing it. A few threads keep each request close to its own cost
(measured with `benchmarks/web_load.py`, 50 users on 2 cores: grading p95 157 ms with forty threads,
124 ms with four; grading has since moved to worker processes, see ``gauntlet.grade.pool``).

Labs and judged code take seconds each, so they must not hold those few threads: they run on their
own limiter, two at a time, and a page view never queues behind them. Requests that grade answers
wait on the grading processes (``gauntlet.grade.pool``), up to seconds when many arrive at once: they
wait on a limiter of their own too, so page views are never stuck behind them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio.to_thread

T = TypeVar("T")

REQUEST_THREADS = 4
LONG_TASKS_AT_ONCE = 2
# Threads that wait for grades: mostly asleep on a worker process's answer, so more than the cores.
GRADING_WAITS_AT_ONCE = 16
# How long a thread may keep the GIL while another waits for it. Python's default, 5 ms, is made for
# throughput: here the event loop, which only needs the GIL for a moment to pass a request or a
# response along, would wait up to 5 ms behind a thread rendering a page, at every hand-over.
GIL_SWITCH_INTERVAL_S = 0.001


class LongTasks:
    """Runs seconds-long CPU work (a lab, a judged submission) off the request threads, two at a time."""

    def __init__(self, at_once: int = LONG_TASKS_AT_ONCE):
        self._at_once = at_once
        self._limiter: anyio.CapacityLimiter | None = None  # made inside the event loop, on first use

    async def run(self, work: Callable[[], T]) -> T:
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self._at_once)
        return await anyio.to_thread.run_sync(work, limiter=self._limiter)


def limit_request_threads(threads: int = REQUEST_THREADS) -> None:
    """Set how many worker threads run plain ``def`` routes (call inside the app's event loop)."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = threads
