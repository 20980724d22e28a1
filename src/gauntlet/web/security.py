"""CSRF protection, login rate limiting and the current user, as FastAPI dependencies.

CSRF: every visitor gets a random token in an HttpOnly, SameSite=Lax cookie; pages embed the same
token in every form (and in a header for HTMX requests); a state-changing request whose token does not
match the cookie is refused with 403. A page on another site can neither read the cookie nor the token.
"""

from __future__ import annotations

import secrets
import time
from collections import defaultdict, deque

from fastapi import HTTPException, Request

from gauntlet.store.users import User, session_user

CSRF_COOKIE = "gauntlet_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_COOKIE = "gauntlet_session"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def new_token() -> str:
    return secrets.token_urlsafe(32)


async def verify_csrf(request: Request) -> None:
    """Dependency for every router: refuse unsafe methods without a matching CSRF token."""
    if request.method in SAFE_METHODS:
        return
    expected = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and "form" in request.headers.get("content-type", ""):
        sent = (await request.form()).get(CSRF_FIELD)
    if not expected or not sent or not secrets.compare_digest(str(expected), str(sent)):
        raise HTTPException(status_code=403, detail="This form has expired or did not come from Gauntlet. "
                                                    "Reload the page and try again.")


class LoginRateLimiter:
    """At most ``limit`` failed logins per ``window_s`` for each client address and each username."""

    def __init__(self, limit: int, window_s: float):
        self.limit = limit
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and now - failures[0] > self.window_s:
            failures.popleft()
        return failures

    def retry_after(self, address: str, username: str) -> float:
        """Seconds until another attempt is allowed (0 if allowed now)."""
        now = time.monotonic()
        waits = [self.window_s - (now - failures[0]) for key in (f"ip:{address}", f"user:{username.lower()}")
                 if len(failures := self._recent(key, now)) >= self.limit]
        return max(waits, default=0.0)

    def record_failure(self, address: str, username: str) -> None:
        now = time.monotonic()
        for key in (f"ip:{address}", f"user:{username.lower()}"):
            self._recent(key, now).append(now)

    def reset(self, username: str) -> None:
        self._failures.pop(f"user:{username.lower()}", None)


class LoginRequired(Exception):
    """Raised by ``current_user`` in shared mode when nobody is logged in (handled as a redirect)."""


def current_user(request: Request) -> User:
    """The user of this request: the implicit local user, or whoever the session cookie belongs to."""
    state = request.app.state
    user = state.local_user if not state.config.shared else session_user(state.store, request.cookies.get(SESSION_COOKIE))
    if user is None:
        raise LoginRequired()
    request.state.user = user
    return user
