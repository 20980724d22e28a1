from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from gauntlet.store.users import session_user
from gauntlet.web.app import create_app
from gauntlet.web.config import WebConfig
from gauntlet.web.security import CSRF_COOKIE, SESSION_COOKIE, expected_csrf_token
from tests.support import FIXTURE_BANK


class Browser:
    """A TestClient that sends the CSRF token the way the pages do."""

    def __init__(self, app):
        self.client = TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=True)
        self.client.get("/static/css/app.css")  # any request sets the CSRF cookie
        # whose rows this browser's pages show: the local user until it signs in
        self.user_id: int = app.state.store.local_user_id

    @property
    def csrf(self) -> str:
        """The token the pages embed: the session's once signed in, the double-submit cookie before."""
        return expected_csrf_token(self.client.cookies.get(SESSION_COOKIE), self.client.cookies.get(CSRF_COOKIE))

    def get(self, url, **kw):
        return self.client.get(url, **kw)

    def post(self, url, data=None, with_csrf=True, **kw):
        data = dict(data or {})
        if with_csrf:
            data["csrf_token"] = self.csrf
        return self.client.post(url, data=data, **kw)

    def signup(self, username, password="correct horse battery"):
        return self.post("/signup", {"username": username, "password": password})


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Passwords hashed with argon2id at its lowest cost: at the recommended cost each sign-up and login
    took a fifth of a second, most of these tests' time. That real accounts get the recommended cost is
    tested in tests/store/test_passwords.py."""
    from argon2 import PasswordHasher

    from gauntlet.store import users

    monkeypatch.setattr(users, "_hasher", lambda: PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path, new_sqlite_url):
    if request.param == "sqlite":
        return new_sqlite_url(tmp_path / "web.db")
    return request.getfixturevalue("postgres_db")


@pytest.fixture
def local_app(db_url):
    app = create_app(WebConfig(db_url=db_url, extra_banks=(FIXTURE_BANK,)))
    yield app
    app.state.store.close()


@pytest.fixture
def shared_app(db_url):
    app = create_app(WebConfig(db_url=db_url, shared=True, extra_banks=(FIXTURE_BANK,), login_attempts=3))
    yield app
    app.state.store.close()


@pytest.fixture
def browser(local_app):
    """A browser on the app a single person runs. On PostgreSQL that app is always shared (a PostgreSQL
    database is shared by many), so there the browser first creates an account and is signed in."""
    browser = Browser(local_app)
    if local_app.state.config.shared:
        browser.signup("solo-learner")
        browser.user_id = session_user(local_app.state.store, browser.client.cookies.get(SESSION_COOKIE)).id
    return browser


@pytest.fixture
def sqlite_local_app(tmp_path, new_sqlite_url):
    """Local mode (no login) exists on SQLite only: a PostgreSQL URL always means shared mode."""
    app = create_app(WebConfig(db_url=new_sqlite_url(tmp_path / "web.db"), extra_banks=(FIXTURE_BANK,)))
    yield app
    app.state.store.close()
