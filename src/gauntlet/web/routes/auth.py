"""Login, logout and sign-up (shared mode only)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from gauntlet.errors import InputError
from gauntlet.store.users import authenticate, close_session, create_user, open_session
from gauntlet.web.rendering import page
from gauntlet.web.security import SESSION_COOKIE, verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _require_shared(request: Request) -> None:
    if not request.app.state.config.shared:
        raise HTTPException(404, "There are no accounts in local mode.")


def _safe_next(target: str | None) -> str:
    # Only same-site paths: "//evil.example" or "https://..." would turn login into an open redirect.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _logged_in(request: Request, user, target: str) -> RedirectResponse:
    config = request.app.state.config
    # A brand-new session token on every login: a token planted before login is never promoted.
    close_session(request.app.state.store, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse(_safe_next(target), status_code=303)
    response.set_cookie(SESSION_COOKIE, open_session(request.app.state.store, user), httponly=True,
                        samesite="lax", secure=config.secure_cookies, path="/", max_age=14 * 24 * 3600)
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    _require_shared(request)
    return page(request, "login.html", next=_safe_next(next), error=None,
                allow_signup=request.app.state.config.allow_signup)


@router.post("/login")
def login(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/")):
    _require_shared(request)
    throttle = request.app.state.login_throttle
    # The peer's address, or the client's as a trusted proxy reports it (serve --forwarded-allow-ips).
    address = request.client.host if request.client else "unknown"
    wait = throttle.retry_after(address, username)
    if wait > 0:
        raise HTTPException(429, f"Too many failed logins. Try again in {int(wait) + 1} seconds.",
                            headers={"Retry-After": str(int(wait) + 1)})
    user = authenticate(request.app.state.store, username, password)
    if user is None:
        throttle.record_failure(address, username)
        return page(request, "login.html", status_code=401, next=_safe_next(next),
                    error="Wrong username or password.", allow_signup=request.app.state.config.allow_signup)
    throttle.record_success(address, username)
    return _logged_in(request, user, next)


@router.post("/logout")
def logout(request: Request):
    close_session(request.app.state.store, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login" if request.app.state.config.shared else "/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/signup")
def signup_form(request: Request):
    _require_shared(request)
    if not request.app.state.config.allow_signup:
        raise HTTPException(404, "Sign-up is closed on this server; ask its administrator for an account.")
    return page(request, "signup.html", error=None)


@router.post("/signup")
def signup(request: Request, username: str = Form(""), password: str = Form("")):
    _require_shared(request)
    if not request.app.state.config.allow_signup:
        raise HTTPException(404, "Sign-up is closed on this server.")
    throttle = request.app.state.signup_throttle
    address = request.client.host if request.client else "unknown"
    wait = throttle.retry_after(address)
    if wait > 0:
        minutes = int(wait // 60) + 1
        raise HTTPException(429, f"Too many new accounts from your address. Try again in {minutes} minute"
                                 f"{'s' if minutes > 1 else ''}.", headers={"Retry-After": str(int(wait) + 1)})
    try:
        user = create_user(request.app.state.store, username, password)
    except InputError as exc:
        return page(request, "signup.html", status_code=400, error=str(exc))
    throttle.record(address)
    return _logged_in(request, user, "/")
