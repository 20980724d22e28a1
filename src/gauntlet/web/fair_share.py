"""One account's fair share of the graders.

Grading is the expensive thing the web app does, and the graders are few (``grade.pool``: half the
cores). An answer's cost grows with its length up to what the grader reads (about 0.05 s for a usual
answer, about a second from ~1,100 words on): measured with `benchmarks/web_load.py --hostile`, one
account sending the longest answers the form takes, one at a time, kept the only grading process busy
nine seconds in ten and everyone else's feedback waited seconds. So on a shared server each account
may have one answer being graded at a time, and at most ``CHARS_PER_WINDOW`` characters of answers
graded per ``WINDOW_S`` (one answer of the maximum length, or dozens of usual ones); beyond either, the
answer is refused at once (429, with how long to wait) before anything is recorded. A local server
has one user, with nobody to protect: no cap there.

Counted per server process, in memory: behind a load balancer each server protects its own graders.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections import deque
from collections.abc import Iterator

from fastapi import HTTPException

from gauntlet.web.inputs import MAX_ANSWER_CHARS

PER_USER = 1
BUSY_RETRY_S = 2.0  # how long a session refused for having an answer in grading waits
WINDOW_S = 600.0
CHARS_PER_WINDOW = MAX_ANSWER_CHARS  # one answer of the maximum length always fits an empty window


class GradingShares:
    def __init__(self, per_user: int = PER_USER, enabled: bool = True, chars_per_window: int = CHARS_PER_WINDOW,
                 window_s: float = WINDOW_S, clock=time.monotonic):
        self.per_user, self.enabled = per_user, enabled
        self.chars_per_window, self.window_s, self.clock = chars_per_window, window_s, clock
        self._busy: dict[int, int] = {}
        self._cooling: dict[str, float] = {}  # session -> until when its answers are refused unread
        self._sent: dict[int, deque[tuple[float, int]]] = {}  # per account: (when, characters) in the window
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def slot(self, user_id: int, chars: int = 0, session: str | None = None) -> Iterator[None]:
        """Hold one of this account's grading slots for the block, or raise HTTP 429. A refused
        ``session`` (its cookie) is remembered until it may send again: ``cooling``."""
        if not self.enabled:
            yield
            return
        with self._lock:
            if self._busy.get(user_id, 0) >= self.per_user:
                self._cool(session, BUSY_RETRY_S)
                raise HTTPException(429, "You already have an answer being graded (sent twice? the first one counts: "
                                         "it is listed under the question's earlier answers). Wait for its "
                                         "feedback, then send the next one.",
                                    headers={"Retry-After": str(int(BUSY_RETRY_S))})
            wait = self._wait_for(user_id, chars)
            if wait > 0:
                self._cool(session, wait)
                minutes = int(wait // 60) + 1
                raise HTTPException(429, f"You have sent {self.chars_per_window:,} characters of answers to grade in "
                                         f"the last {self.window_s / 60:.0f} minutes, this server's share per account. "
                                         f"Try again in {minutes} minute{'s' if minutes > 1 else ''}.",
                                    headers={"Retry-After": str(int(wait) + 1)})
            self._sent.setdefault(user_id, deque()).append((self.clock(), chars))
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

    def _wait_for(self, user_id: int, chars: int) -> float:
        """Seconds until ``chars`` more fit this account's window (0: now). Forgets what left the window."""
        now = self.clock()
        for account in list(self._sent):  # every account's old entries go: the dicts stay small
            sent = self._sent[account]
            while sent and now - sent[0][0] > self.window_s:
                sent.popleft()
            if not sent:
                del self._sent[account]
        sent = self._sent.get(user_id, deque())
        used = sum(c for _, c in sent)
        if used + chars <= self.chars_per_window:
            return 0.0
        for when, c in sent:  # the oldest entries leave first
            used -= c
            if used + chars <= self.chars_per_window:
                return when + self.window_s - now
        return 0.0  # unreachable: an empty window takes any answer the form allows

    def _cool(self, session: str | None, seconds: float) -> None:
        """Called under the lock, on a refusal (rare): also drops the sessions whose wait is over, so the
        dict holds only sessions still waiting and every POST's lookup stays one dict access."""
        if session:
            now = self.clock()
            for key in [k for k, until in self._cooling.items() if until <= now]:
                del self._cooling[key]
            self._cooling[_session_key(session)] = now + seconds

    def cooling(self, session: str | None) -> float:
        """Seconds this session must still wait after a refusal (0: none). Answers it sends meanwhile
        are refused by the app before their bodies are read: a flood costs the server next to nothing.
        Called on every POST, so it reads one entry and nothing else."""
        if not session or not self._cooling:
            return 0.0
        until = self._cooling.get(_session_key(session))
        return 0.0 if until is None else max(0.0, until - self.clock())

    def in_progress(self) -> int:
        with self._lock:
            return sum(self._busy.values())


def _session_key(session: str) -> str:
    return hashlib.sha256(session.encode("utf-8", "surrogateescape")).hexdigest()[:32]
