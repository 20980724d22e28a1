"""Accounts for shared mode: argon2 password hashes, and browser sessions stored as token hashes."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from gauntlet.errors import InputError
from gauntlet.store.db import Store, as_utc, inserted_id, utcnow
from gauntlet.store.schema import users, web_sessions

if TYPE_CHECKING:
    from argon2 import PasswordHasher

USERNAME = re.compile(r"[a-z0-9_.-]{3,32}")  # matched whole (fullmatch), after normalise_username
MIN_PASSWORD = 10
SESSION_LIFETIME = dt.timedelta(days=14)


@dataclass(frozen=True)
class User:
    id: int
    username: str
    is_local: bool


def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with the library's current recommended cost parameters


def normalise_username(username: str) -> str:
    """The one form of a username: NFKC, case-folded, so "ALICE" and "Ａｌｉｃｅ" are "alice"."""
    return unicodedata.normalize("NFKC", username).casefold()


def create_user(store: Store, username: str, password: str) -> User:
    username = normalise_username(username)
    if not USERNAME.fullmatch(username):  # fullmatch: "alice\n" is not "alice"
        raise InputError("a username has 3-32 letters, digits, '.', '_' or '-'")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters")
    try:
        with store.transaction() as conn:
            # Accounts made before names were normalised keep their case: compare case-blind.
            if conn.execute(select(users.c.id).where(func.lower(users.c.username) == username)).first():
                raise IntegrityError("username taken", None, Exception())
            user_id = inserted_id(conn.execute(insert(users).values(
                username=username, password_hash=_hasher().hash(password), is_local=False, created_at=utcnow())
            ))
    except IntegrityError:
        raise InputError(f"the username '{username}' is taken") from None
    return User(user_id, username, False)


def authenticate(store: Store, username: str, password: str) -> User | None:
    """The user if the password matches; None otherwise (same answer for unknown users)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    username = normalise_username(username)
    row = None
    if USERNAME.fullmatch(username):  # anything else (a NUL byte, a newline) names no account
        with store.engine.connect() as conn:
            row = conn.execute(select(users).where(func.lower(users.c.username) == username,
                                                   users.c.is_local.is_(False))).first()
    hasher = _hasher()
    if row is None or not row.password_hash:
        # Spend the same effort as a real check, so response time does not reveal which usernames exist.
        try:
            hasher.verify(_dummy_hash(), password)
        except VerificationError:
            pass
        return None
    try:
        hasher.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return User(row.id, row.username, False)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(store: Store, user: User) -> str:
    """A fresh random session token for ``user`` (never reuses one: no session fixation)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with store.transaction() as conn:
        conn.execute(delete(web_sessions).where(web_sessions.c.expires_at < now))
        conn.execute(insert(web_sessions).values(token_hash=_token_hash(token), user_id=user.id, created_at=now,
                                                 expires_at=now + SESSION_LIFETIME))
    return token


def session_user(store: Store, token: str | None) -> User | None:
    if not token:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(select(users.c.id, users.c.username, users.c.is_local, web_sessions.c.expires_at)
                           .join(users, users.c.id == web_sessions.c.user_id)
                           .where(web_sessions.c.token_hash == _token_hash(token))).first()
    if row is None or as_utc(row.expires_at) < utcnow():
        return None
    return User(row.id, row.username, row.is_local)


def close_session(store: Store, token: str | None) -> None:
    if token:
        with store.transaction() as conn:
            conn.execute(delete(web_sessions).where(web_sessions.c.token_hash == _token_hash(token)))


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash(secrets.token_urlsafe(16))
