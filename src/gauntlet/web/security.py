"""CSRF protection, allowed hosts and the current user, as FastAPI dependencies.

CSRF: every form carries a token (and HTMX requests a header); a state-changing request whose token is
not the expected one is refused with 403, as is one whose Origin or Referer is another site. Signed in,
the token is bound to the session (``expected_csrf_token``); before that it is a double-submit cookie
(random, HttpOnly, SameSite=Lax). A page on another site can read neither.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.datastructures import UploadFile

from gauntlet.store.users import User, session_user

CSRF_COOKIE = "gauntlet_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_COOKIE = "gauntlet_session"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def expected_csrf_token(session: str | None, cookie_token: str | None) -> str | None:
    """The CSRF token a form must carry. Signed in: an HMAC keyed by the session token, so it is bound to
    that session and changes at every login; a token a same-site page planted as a cookie is worth
    nothing there. No session (local mode, the login and sign-up forms): the double-submit cookie.

    The key is the session token itself: 256 random bits that only the browser holds (the database keeps
    only its hash), the same on every server behind a load balancer, so no server secret is needed."""
    if session:
        return hmac.new(session.encode("utf-8", "surrogateescape"), b"gauntlet-csrf", hashlib.sha256).hexdigest()
    return cookie_token


def _host_name(host: str) -> str:
    """The name part of a Host header or URL authority, lower-cased: "[::1]:8000" -> "::1"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def is_loopback_name(host: str) -> bool:
    name = _host_name(host)
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_allowed(host: str, shared: bool, public_hosts: tuple[str, ...]) -> bool:
    """Which Host headers the server answers. A local server (no login) answers only loopback names: a
    page on attacker.test that the attacker's DNS points at 127.0.0.1 (DNS rebinding) gets nothing.
    A shared server answers its configured public names (any name when none is configured: every page
    needs a login there, and the attacker's origin has no session cookie)."""
    if is_loopback_name(host):
        return True
    if not shared:
        return False
    return not public_hosts or _host_name(host) in {h.lower() for h in public_hosts}


def same_origin(request: Request) -> bool:
    """An unsafe request's Origin (or, without one, its Referer) is this server itself. Neither header
    sent (an old client, a privacy setting): the CSRF token alone decides."""
    claimed = request.headers.get("origin") or request.headers.get("referer")
    if not claimed or claimed == "null":
        return not claimed
    parts = urlsplit(claimed)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == request.headers.get("host", "").lower()


async def verify_csrf(request: Request) -> None:
    """Dependency for every router: refuse unsafe methods from another origin or without a matching
    CSRF token."""
    if request.method in SAFE_METHODS:
        return
    if not same_origin(request):
        raise HTTPException(status_code=403, detail="This request came from another site; Gauntlet only accepts "
                                                    "forms from its own pages.")
    expected = expected_csrf_token(request.cookies.get(SESSION_COOKIE), request.cookies.get(CSRF_COOKIE))
    sent: str | UploadFile | None = request.headers.get(CSRF_HEADER)
    if sent is None and "form" in request.headers.get("content-type", ""):
        sent = (await request.form()).get(CSRF_FIELD)
    if not expected or not sent or not secrets.compare_digest(str(expected), str(sent)):
        raise HTTPException(status_code=403, detail="This form has expired or did not come from Gauntlet. "
                                                    "Reload the page and try again.")


class LoginRequired(Exception):
    """Raised by ``current_user`` in shared mode when nobody is logged in (handled as a redirect)."""


def current_user(request: Request) -> User:
    """The user of this request: the implicit local user, or whoever the session cookie belongs to."""
    state = request.app.state
    user = (state.local_user if not state.config.shared
            else session_user(state.store, request.cookies.get(SESSION_COOKIE)))
    if user is None:
        raise LoginRequired()
    request.state.user = user
    return user
