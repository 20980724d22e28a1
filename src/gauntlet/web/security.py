"""CSRF protection, allowed hosts and the current user, as FastAPI dependencies.

CSRF: every visitor gets a random token in an HttpOnly, SameSite=Lax cookie; pages embed the same
token in every form (and in a header for HTMX requests); a state-changing request whose token does not
match the cookie is refused with 403. A page on another site can neither read the cookie nor the token.
"""

from __future__ import annotations

import ipaddress
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

from gauntlet.store.users import User, session_user

CSRF_COOKIE = "gauntlet_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_COOKIE = "gauntlet_session"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def new_token() -> str:
    return secrets.token_urlsafe(32)


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
    expected = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
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
    user = state.local_user if not state.config.shared else session_user(state.store, request.cookies.get(SESSION_COOKIE))
    if user is None:
        raise LoginRequired()
    request.state.user = user
    return user
