"""The FastAPI application: wiring of store, bank, templates, security middleware and routes."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import cookie_parser

from gauntlet.bank import load_bank
from gauntlet.errors import GauntletError, InputError, NotFoundError
from gauntlet.grade.pool import GradingPool
from gauntlet.store import open_store
from gauntlet.store.login_throttle import LoginThrottle, SignupThrottle
from gauntlet.store.users import User
from gauntlet.web.config import WebConfig
from gauntlet.web.fair_share import GradingShares
from gauntlet.web.inputs import MAX_ANSWER_CHARS, MAX_CODE_CHARS
from gauntlet.web.rendering import error_message, make_templates, page
from gauntlet.web.security import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    LoginRequired,
    expected_csrf_token,
    host_allowed,
    new_token,
)
from gauntlet.web.threads import GIL_SWITCH_INTERVAL_S, GRADING_WAITS_AT_ONCE, LongTasks, limit_request_threads

STATIC = Path(__file__).parent / "static"
HTMX = STATIC / "vendor" / "htmx.min.js"

# No inline script or style: with this policy an injected <script> could not run even if it slipped
# past escaping.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
SECURITY_HEADERS = (("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"),
                    ("X-Frame-Options", "DENY"), ("Referrer-Policy", "same-origin"))


def assets_missing() -> str | None:
    """None when the front-end assets are installed, else how to install them."""
    if HTMX.exists():
        return None
    return (f"the web assets are not installed ({HTMX} is missing): run `npm ci` in the Gauntlet source folder "
            "(it installs htmx from the npm registry and copies it there)")


async def _plain_response(send, status: int, text: str, headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
    """A short text/plain answer sent straight from the middleware, without the app."""
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


class CsrfCookieAndHeaders:
    """Gives every request a CSRF token (see ``security.expected_csrf_token``; a new double-submit cookie
    is set on the response when the visitor has none) and every response the security headers. Before
    that, refuses unknown hosts (421) and, at once, the answers of a session over its grading share.

    Plain ASGI rather than ``@app.middleware("http")``: that form runs each request through an extra task
    and two in-memory streams on the event loop, a cost every page paid under load.
    """

    def __init__(self, app, config: WebConfig, shares: GradingShares | None = None):
        self.app = app
        self.config = config
        self.shares = shares
        self.cookie_flags = "; HttpOnly; Path=/; SameSite=lax" + ("; Secure" if config.secure_cookies else "")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if not host_allowed(Headers(scope=scope).get("host", ""), self.config.shared, self.config.public_hosts):
            return await _plain_response(send, 421, "Unknown host: this Gauntlet server answers only the names it is "
                                                    "configured for.")
        cookies = cookie_parser(Headers(scope=scope).get("cookie", ""))
        if self.shares is not None and scope["method"] == "POST":
            # A session just refused an answer for being over its share: its next answers during the
            # wait are refused here, before their bodies (up to megabytes each) are read and parsed.
            wait = self.shares.cooling(cookies.get(SESSION_COOKIE))
            path = scope["path"]
            if wait > 0 and (path == "/review/answer" or (path.startswith("/questions/") and path.endswith("/answer"))):
                # Connection: close, so the unread body is dropped with the connection, not read to drain it.
                return await _plain_response(
                    send, 429, f"Too many answers sent: your share of the graders is used. Try again in "
                               f"{int(wait) + 1} seconds.",
                    [(b"retry-after", str(int(wait) + 1).encode()), (b"connection", b"close")])
        token = cookies.get(CSRF_COOKIE)
        # Signed in: the token pages embed is the session's own (a new one at every login); before
        # that, the double-submit cookie's.
        scope.setdefault("state", {})["csrf_token"] = expected_csrf_token(cookies.get(SESSION_COOKIE), token) \
            or new_token()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if not token:
                    headers.append("set-cookie", f"{CSRF_COOKIE}={scope['state']['csrf_token']}{self.cookie_flags}")
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(config: WebConfig | None = None) -> FastAPI:
    config = (config or WebConfig()).checked()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        limit_request_threads(config.request_threads)
        switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
        pool = app.state.grading_pool
        if pool is not None:
            pool.start()
        yield
        if pool is not None:
            pool.close()
        sys.setswitchinterval(switch_interval)

    app = FastAPI(title="Gauntlet", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.config = config
    app.state.store = open_store(config.db_url, config.db_connections)
    app.state.bank = load_bank(config.extra_banks)
    app.state.templates = make_templates()
    app.state.local_user = User(app.state.store.local_user_id, "local", True)
    app.state.grading_shares = GradingShares(enabled=config.shared)
    app.state.signup_throttle = SignupThrottle(app.state.store, limit=config.signups_per_hour)
    app.state.login_throttle = LoginThrottle(app.state.store, config.login_attempts,
                                             dt.timedelta(seconds=config.login_window_s))
    # Worker processes start on the first grade or warm-up, not here: creating the app stays cheap.
    pool = GradingPool(config.grading_workers, warm=app.state.bank.questions) if config.grading_workers else None
    app.state.grading_pool = pool
    app.state.grade_with = pool.grade if pool is not None else None  # None: grade in the request thread
    app.state.long_tasks = LongTasks()
    app.state.grading_tasks = LongTasks(GRADING_WAITS_AT_ONCE)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    app.add_middleware(CsrfCookieAndHeaders, config=config, shares=app.state.grading_shares)

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, _exc: LoginRequired):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if request.headers.get("hx-request"):
            response = RedirectResponse("/login", status_code=303)
            response.headers["HX-Redirect"] = "/login"
            return response
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    # The same error reads differently here than in the terminal: error_message says it with pages and
    # form fields where the CLI names its commands and flags.
    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError):
        return page(request, "error.html", status_code=404, title="Not found", message=error_message(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError):
        return page(request, "error.html", status_code=400, title="Check your input", message=error_message(exc))

    @app.exception_handler(GauntletError)
    async def other_error(request: Request, exc: GauntletError):
        return page(request, "error.html", status_code=400, title="Something is not right", message=error_message(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        fields = sorted({str(e["loc"][-1]) for e in exc.errors() if e.get("loc")})
        return page(request, "error.html", status_code=400, title="Check your input",
                    message=f"Some fields are missing or not in the expected form: {', '.join(fields)}.")

    @app.exception_handler(OverflowError)
    async def id_out_of_range(request: Request, _exc: OverflowError):
        # An id in the path larger than a database integer: it names nothing (SQLite raises this).
        return page(request, "error.html", status_code=404, title="Not found", message="There is no such item.")

    @app.exception_handler(DataError)
    async def unstorable_value(request: Request, _exc: DataError):
        # PostgreSQL refuses a number out of range or a NUL byte in text: the request names nothing it holds.
        return page(request, "error.html", status_code=404, title="Not found", message="There is no such item.")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        titles = {403: "Refused", 404: "Not found", 405: "Not allowed", 429: "Too many attempts"}
        message, title = str(exc.detail), titles.get(exc.status_code, "Error")
        if exc.status_code == 400 and "exceeded maximum size" in message:
            # The form parser's own cap (1 MB per field) hit before ours could be checked: say ours.
            title, message = "Check your input", (f"This form is too large. Answers are limited to "
                                                  f"{MAX_ANSWER_CHARS:,} characters and code to "
                                                  f"{MAX_CODE_CHARS:,}.")
        response = page(request, "error.html", status_code=exc.status_code, title=title, message=message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.get("/healthz")
    def health():
        """Liveness: the process answers (restart it if not). Also how far the grader warm-up has got."""
        pool = app.state.grading_pool
        return JSONResponse({"ok": True, "grader": pool.status() if pool else None})

    @app.get("/readyz")
    def ready():
        """Readiness, for a load balancer: 200 once the graders have prepared every question and the
        database answers; 503 before (send this server no traffic yet: answers would wait for the
        warm-up) or when the database is unreachable."""
        from sqlalchemy import text

        pool = app.state.grading_pool
        status = pool.status() if pool else None
        problems = []
        if status is not None:
            if status["error"]:
                problems.append(f"the grader cannot run: {status['error']}")
            elif status["prepared"] < status["questions"]:
                problems.append(f"grader warming up: {status['prepared']} of {status['questions']} questions")
        try:
            with app.state.store.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready", said in the body
            problems.append(f"database unreachable: {type(exc).__name__}")
        return JSONResponse({"ready": not problems, "problems": problems, "grader": status},
                            status_code=503 if problems else 200)

    from gauntlet.web.routes import auth, bank, code, extras, labs, mock, plan, practice, review

    for module in (auth, bank, practice, review, mock, labs, code, plan, extras):
        app.include_router(module.router)
    return app
