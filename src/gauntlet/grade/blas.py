"""One BLAS thread for grading, in every process that grades.

The encoder multiplies small matrices (a few hundred word pieces by 384): with several BLAS threads
each product pays for waking and joining them, and on a busy machine a thread that is not scheduled
stalls the whole product. Measured on 2 busy cores (benchmarks/grader_latency.py): in-process grading
with the default threads had a p99 in seconds; with one thread it stays in milliseconds. The server's
grading workers set this through the environment before NumPy loads; every other path (`gauntlet
grade/ask/review/mock`, `serve --grading-workers 0`) gets it here, on first use, for the whole process:
nothing else in a process that grades gains from BLAS threads (labs pin themselves to one too).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

_LIMITED = False
_LOCK = threading.Lock()


def limit_blas_threads() -> None:
    """Limit BLAS to one thread in this process (once; later calls are free)."""
    global _LIMITED
    if _LIMITED:
        return
    with _LOCK:
        if _LIMITED:
            return
        from threadpoolctl import threadpool_limits

        threadpool_limits(1, user_api="blas")
        _LIMITED = True


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Context for a grading step: makes sure the process-wide limit is in place."""
    limit_blas_threads()
    yield
