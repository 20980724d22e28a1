"""Failed-login throttling in the database: per (username, client) with backoff, never a lock on an
account for everyone, shared by every server on the database, and bounded in size."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from gauntlet.store import open_store
from gauntlet.store.db import utcnow
from gauntlet.store.login_throttle import MAX_BLOCK, SPRAY_FACTOR, LoginThrottle

WINDOW = dt.timedelta(minutes=5)
T0 = utcnow()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request, tmp_path, new_sqlite_url):
    return new_sqlite_url(tmp_path / "g.db") if request.param == "sqlite" else request.getfixturevalue("postgres_db")


@pytest.fixture
def store(url):
    s = open_store(url)
    yield s
    s.close()


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def fail(throttle, times, address="10.0.0.1", username="alice", start=0.0):
    for i in range(times):
        throttle.record_failure(address, username, now=at(start + i))


def test_the_limit_blocks_this_client_for_this_account_only(store):
    throttle = LoginThrottle(store, limit=3, window=WINDOW)
    fail(throttle, 2)
    assert throttle.retry_after("10.0.0.1", "alice", now=at(2)) == 0
    fail(throttle, 1, start=2)
    assert throttle.retry_after("10.0.0.1", "alice", now=at(3)) == pytest.approx(WINDOW.total_seconds() - 1)
    assert throttle.retry_after("10.0.0.1", "ALICE", now=at(3)) > 0  # one account, however it is spelt
    # Alice from her own address, and the guesser on another account, are not held up.
    assert throttle.retry_after("192.168.1.7", "alice", now=at(3)) == 0
    assert throttle.retry_after("10.0.0.1", "bob", now=at(3)) == 0


def test_each_failure_past_the_limit_doubles_the_wait_up_to_the_cap(store):
    throttle = LoginThrottle(store, limit=3, window=WINDOW)
    fail(throttle, 3)
    waits, now = [], at(2)
    for _ in range(12):
        now += dt.timedelta(seconds=throttle.retry_after("10.0.0.1", "alice", now=now))  # tried again as the block ends
        throttle.record_failure("10.0.0.1", "alice", now=now)
        waits.append(throttle.retry_after("10.0.0.1", "alice", now=now))
    base = WINDOW.total_seconds()
    assert waits[:3] == [2 * base, 4 * base, 8 * base]
    assert max(waits) == MAX_BLOCK.total_seconds() and waits[-1] == MAX_BLOCK.total_seconds()


def test_a_quiet_window_starts_the_count_again(store):
    throttle = LoginThrottle(store, limit=3, window=WINDOW)
    fail(throttle, 2)
    fail(throttle, 2, start=WINDOW.total_seconds() + 10)  # the first two have aged out
    assert throttle.retry_after("10.0.0.1", "alice", now=at(WINDOW.total_seconds() + 12)) == 0


def test_a_right_password_clears_the_accounts_count_for_that_client(store):
    throttle = LoginThrottle(store, limit=3, window=WINDOW)
    fail(throttle, 2)
    throttle.record_success("10.0.0.1", "alice")
    fail(throttle, 2, start=3)
    assert throttle.retry_after("10.0.0.1", "alice", now=at(5)) == 0


def test_one_address_spraying_many_accounts_is_slowed_down(store):
    throttle = LoginThrottle(store, limit=3, window=WINDOW)
    for i in range(3 * SPRAY_FACTOR):
        throttle.record_failure("10.0.0.1", f"user{i}", now=at(i))
    assert throttle.retry_after("10.0.0.1", "someone-new", now=at(13)) > 0
    assert throttle.retry_after("10.0.0.2", "someone-new", now=at(13)) == 0


def test_servers_on_one_database_count_the_same_failures_and_a_restart_forgets_none(url):
    first, second = open_store(url), open_store(url)
    try:
        fail(LoginThrottle(first, limit=4, window=WINDOW), 2)
        fail(LoginThrottle(second, limit=4, window=WINDOW), 2, start=2)
        assert LoginThrottle(first, limit=4, window=WINDOW).retry_after("10.0.0.1", "alice", now=at(4)) > 0
    finally:
        first.close(), second.close()
    restarted = open_store(url)
    try:
        assert LoginThrottle(restarted, limit=4, window=WINDOW).retry_after("10.0.0.1", "alice", now=at(5)) > 0
    finally:
        restarted.close()


def test_old_counters_are_deleted_so_the_table_stays_small(store):
    throttle = LoginThrottle(store, limit=3, window=WINDOW)
    for i in range(50):
        throttle.record_failure(f"10.0.{i}.1", f"user{i}", now=at(i))
    assert throttle.rows() == 100  # a pair and an address for each
    much_later = at(MAX_BLOCK.total_seconds() + 3 * WINDOW.total_seconds())
    throttle.record_failure("10.9.9.9", "zed", now=much_later)
    assert throttle.rows() == 2


def test_simultaneous_first_failures_are_all_counted_without_an_error(url):
    """Two servers (threads on their own connections) recording the first failure of a key at once."""
    stores = [open_store(url) for _ in range(4)]
    errors = []

    def worker(s):
        try:
            for i in range(5):
                LoginThrottle(s, limit=100, window=WINDOW).record_failure("10.0.0.1", "alice", now=at(i))
        except Exception as exc:  # noqa: BLE001 - any error is the failure this test looks for
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        with stores[0].engine.connect() as conn:
            from sqlalchemy import select

            from gauntlet.store.schema import login_throttle

            counts = sorted(row.failures for row in conn.execute(select(login_throttle.c.failures)))
        assert counts == [20, 20]
    finally:
        for s in stores:
            s.close()
