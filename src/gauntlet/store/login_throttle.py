"""Failed-login (and sign-up) throttling, kept in the database so every server behind a load balancer counts the same
failures and a restart forgets none.

Two counters, neither of which can lock anyone else out of an account:

* per (username, client address): after ``limit`` failures within ``window``, that client must wait,
  and each further failure doubles the wait (up to ``MAX_BLOCK``). Someone guessing Alice's password
  from one address is slowed down; Alice, from her own address, is not.
* per client address alone, with ``SPRAY_FACTOR`` times the limit: one address trying a few passwords
  on many usernames.

Keys are stored hashed (no usernames or addresses at rest), and a row is deleted once its window and
block have passed, so the table holds only the recent failures.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, delete, select, update

from gauntlet.store.db import Store, as_utc, insert_ignoring_duplicates, utcnow
from gauntlet.store.schema import login_throttle
from gauntlet.store.users import normalise_username

MAX_BLOCK = dt.timedelta(hours=1)
SPRAY_FACTOR = 4


def _key(kind: str, *parts: str) -> str:
    return hashlib.sha256("\0".join((kind, *parts)).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class LoginThrottle:
    store: Store
    limit: int = 5
    window: dt.timedelta = dt.timedelta(minutes=5)

    def _keys(self, address: str, username: str) -> dict[str, int]:
        """Each counter this login attempt counts towards, with its limit."""
        return {_key("pair", normalise_username(username), address): self.limit,
                _key("client", address): self.limit * SPRAY_FACTOR}

    def retry_after(self, address: str, username: str, now: dt.datetime | None = None) -> float:
        """Seconds until this client may try this username again (0: now)."""
        return _retry_after(self.store, list(self._keys(address, username)), now or utcnow())

    def record_failure(self, address: str, username: str, now: dt.datetime | None = None) -> None:
        _record(self.store, self._keys(address, username), self.window, now or utcnow())

    def record_success(self, address: str, username: str) -> None:
        """A right password clears this client's count for the account (not its count as an address)."""
        pair = _key("pair", normalise_username(username), address)
        with self.store.transaction() as conn:
            conn.execute(delete(login_throttle).where(login_throttle.c.key == pair))

    def rows(self) -> int:
        """How many counters the table holds (tests, diagnostics)."""
        with self.store.engine.connect() as conn:
            return len(conn.execute(select(login_throttle.c.key)).all())


def _retry_after(store: Store, keys: list[str], now: dt.datetime) -> float:
    """Seconds until none of ``keys`` is blocked (0: none is)."""
    with store.engine.connect() as conn:
        blocked: Sequence[dt.datetime] = conn.execute(
            select(login_throttle.c.blocked_until).where(login_throttle.c.key.in_(keys))
            .where(login_throttle.c.blocked_until.is_not(None))).scalars().all()
    return max([0.0, *((as_utc(until) - now).total_seconds() for until in blocked)])


def _record(store: Store, limits: dict[str, int], window: dt.timedelta, now: dt.datetime, backoff: bool = True) -> None:
    """One more event for each key (with its limit), in one transaction that also drops expired rows."""
    with store.transaction() as conn:
        conn.execute(delete(login_throttle).where(login_throttle.c.expires_at < now))
        for key, limit in limits.items():
            _count(conn, key, limit, window, now, backoff)


def _count(conn: Connection, key: str, limit: int, window: dt.timedelta, now: dt.datetime,
           backoff: bool = True) -> None:
    """One more event for ``key``: at ``limit`` within ``window`` the key is blocked for ``window``, and
    with ``backoff`` each further event doubles that (up to MAX_BLOCK)."""
    # The row may not exist yet and another server may be creating it right now: create it if
    # missing, then count under its row lock (PostgreSQL; SQLite locks the whole file).
    insert_ignoring_duplicates(conn, login_throttle, key=key, failures=0, first_failure_at=now,
                               blocked_until=None, expires_at=now)
    row = conn.execute(select(login_throttle).where(login_throttle.c.key == key).with_for_update()).one()
    failures, first = row.failures, as_utc(row.first_failure_at)
    if first + window < now and (row.blocked_until is None or as_utc(row.blocked_until) < now - window):
        failures, first = 0, now  # a quiet window since: start counting again
    failures += 1
    blocked_until = None
    if failures >= limit:
        blocked_until = now + (min(window * 2 ** (failures - limit), MAX_BLOCK) if backoff else window)
    expires_at = max(now + window, blocked_until or now) + window
    conn.execute(update(login_throttle).where(login_throttle.c.key == key).values(
        failures=failures, first_failure_at=first, blocked_until=blocked_until, expires_at=expires_at))


@dataclass(frozen=True)
class SignupThrottle:
    """At most ``limit`` new accounts per ``window`` from one client address (open sign-up is otherwise
    a way to mint accounts, each with its own share of the graders). Same table, its own keys."""

    store: Store
    limit: int = 5
    window: dt.timedelta = dt.timedelta(hours=1)

    def retry_after(self, address: str, now: dt.datetime | None = None) -> float:
        return _retry_after(self.store, [_key("signup", address)], now or utcnow())

    def record(self, address: str, now: dt.datetime | None = None) -> None:
        _record(self.store, {_key("signup", address): self.limit}, self.window, now or utcnow(), backoff=False)
