"""One account's fair share of the graders.

Grading is the expensive thing the web app does (about a second of a grading process for the longest
answer the form takes), and the graders are few (``grade.pool``: half the cores). Without a cap, one
account posting answers in parallel, by script or by holding Enter, queues its grades ahead of
everyone else's. On a shared server each account may have ``per_user`` answer being graded at once;
one more is refused at once (429, "wait for the feedback") before anything is recorded. A local
server has one user, with nobody to protect: no cap there.

Counted per server process: behind a load balancer each server protects its own graders.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from fastapi import HTTPException

PER_USER = 1


class GradingShares:
    def __init__(self, per_user: int = PER_USER, enabled: bool = True):
        self.per_user = per_user
        self.enabled = enabled
        self._busy: dict[int, int] = {}
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def slot(self, user_id: int) -> Iterator[None]:
        """Hold one of this account's grading slots for the block, or raise HTTP 429."""
        if not self.enabled:
            yield
            return
        with self._lock:
            if self._busy.get(user_id, 0) >= self.per_user:
                raise HTTPException(429, "You already have an answer being graded. Wait for its feedback, then "
                                         "send the next one.", headers={"Retry-After": "2"})
            self._busy[user_id] = self._busy.get(user_id, 0) + 1
        try:
            yield
        finally:
            with self._lock:
                left = self._busy[user_id] - 1
                if left:
                    self._busy[user_id] = left
                else:
                    del self._busy[user_id]  # the dict holds only accounts with a grade in progress

    def in_progress(self) -> int:
        with self._lock:
            return sum(self._busy.values())
