"""The store on a real SQLite file: migrations, WAL, the local user, attempts and per-user isolation."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import insert, text

from gauntlet.errors import NotFoundError, StoreError
from gauntlet.store import open_store, schema
from gauntlet.store.attempts import attach_grade, get_attempt, list_attempts, record_attempt
from gauntlet.store.db import utcnow


@pytest.fixture
def sqlite_store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'g.db'}")
    yield s
    s.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path, new_sqlite_url):
    """The same tests on both backends: a SQLite file and a real PostgreSQL server."""
    url = new_sqlite_url(tmp_path / "g.db") if request.param == "sqlite" else request.getfixturevalue("postgres_db")
    s = open_store(url)
    yield s
    s.close()


def test_new_database_is_migrated_to_head_in_wal_mode(sqlite_store):
    store = sqlite_store
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == schema.SCHEMA_HEAD
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_schema_head_is_alembics_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from gauntlet.store import db

    config = Config()
    config.set_main_option("script_location", str(db.__file__).replace("db.py", "migrations"))
    assert ScriptDirectory.from_config(config).get_current_head() == schema.SCHEMA_HEAD


def test_migrations_produce_exactly_the_declared_tables(store):
    # On PostgreSQL too: the migrations must build what schema.py declares, types included.
    """The Alembic migrations and schema.py must never drift apart."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    assert diff == []


def test_reopening_keeps_one_local_user(store):
    first, second = store, open_store(store.url)
    assert first.local_user_id == second.local_user_id
    with first.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM users")).scalar() == 1


def test_attempts_round_trip_with_any_text(store):
    started = utcnow() - dt.timedelta(minutes=2)
    answer = "L1 → sparsity ✓ 稀疏 عربى 🙂 \u200f\x00 lone:\ud800"
    attempt = record_attempt(store, "l1-vs-l2", answer, "ask", started, user_id=store.local_user_id)
    again = get_attempt(store, attempt.id, user_id=store.local_user_id)
    assert again.answer == answer.replace("\ud800", "?").replace("\x00", "\ufffd")
    assert again.started_at == started and again.submitted_at.tzinfo is not None
    attach_grade(store, attempt.id, 3.5, {"score": 3.5, "covered": ["a"]}, "test-1", user_id=store.local_user_id)
    graded = get_attempt(store, attempt.id, user_id=store.local_user_id)
    assert (graded.score, graded.grade, graded.grader_version) == (3.5, {"score": 3.5, "covered": ["a"]}, "test-1")
    assert [a.id for a in list_attempts(store, question_id="l1-vs-l2", user_id=store.local_user_id)] == [attempt.id]


def test_a_user_cannot_see_or_grade_another_users_attempt(store):
    with store.transaction() as conn:
        other = conn.execute(insert(schema.users).values(username="bob", is_local=False, created_at=utcnow())
                             ).inserted_primary_key[0]
    mine = record_attempt(store, "pca", "answer", "ask", utcnow(), user_id=store.local_user_id)
    with pytest.raises(NotFoundError):
        get_attempt(store, mine.id, user_id=other)
    with pytest.raises(NotFoundError):
        attach_grade(store, mine.id, 5.0, {}, "x", user_id=other)
    assert list_attempts(store, user_id=other) == []


def test_unusable_database_gives_a_clear_error(tmp_path):
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the database"):
        open_store(f"sqlite:///{bad}")
    with pytest.raises(StoreError, match="cannot use database URL"):
        open_store("nosuchdialect://x")


def test_committed_attempt_is_visible_to_a_plain_sqlite_reader(sqlite_store, tmp_path):
    record_attempt(sqlite_store, "pca", "durable", "ask", utcnow(), user_id=sqlite_store.local_user_id)
    with sqlite3.connect(tmp_path / "g.db") as raw:
        assert raw.execute("SELECT answer FROM attempts").fetchall() == [("durable",)]


@pytest.mark.postgres
def test_a_database_server_gets_at_most_the_connections_asked_for(postgres_db):
    """N servers on one PostgreSQL hold at most N x --db-connections, no overflow beyond it."""
    store = open_store(postgres_db, connections=3)
    try:
        assert store.engine.pool.size() == 3 and store.engine.pool._max_overflow == 0
    finally:
        store.close()


def test_a_path_in_a_missing_folder_is_refused_not_created(tmp_path):
    """A typo in --db must not start an empty history somewhere else."""
    typo = tmp_path / "gauntet" / "mine.db"
    with pytest.raises(StoreError, match="does not exist.*a typo"):
        open_store(f"sqlite:///{typo}")
    assert not typo.parent.exists()


def test_the_default_database_folder_is_created_on_first_use(tmp_path, monkeypatch):
    monkeypatch.setenv("GAUNTLET_HOME", str(tmp_path / "new" / "home"))
    monkeypatch.delenv("GAUNTLET_DB", raising=False)
    store = open_store()
    try:
        assert (tmp_path / "new" / "home" / "gauntlet.db").exists()
    finally:
        store.close()


def test_a_read_only_folder_is_named_with_what_to_do(tmp_path):
    import os
    import subprocess

    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:  # root writes through permissions: make the folder immutable instead
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="is read-only.*GAUNTLET_HOME, GAUNTLET_DB or --db"):
            open_store(f"sqlite:///{folder / 'x.db'}")
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_review_answers_stored_as_drill_before_0010_read_as_review(tmp_path):
    """Migration 0010 renames the source of answers typed in a review session ("drill" meant both)."""
    from sqlalchemy import create_engine

    from gauntlet.store.db import upgrade

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    upgrade(engine, "0009")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (id, username, created_at) VALUES (1, 'local', '2026-01-01')"))
        for source in ("drill", "mock"):
            conn.execute(text("INSERT INTO attempts (user_id, question_id, answer, source, started_at, submitted_at) "
                              "VALUES (1, 'q', 'a', :source, '2026-01-01', '2026-01-01')"), {"source": source})
    engine.dispose()
    store = open_store(url)
    try:
        assert sorted(a.source for a in list_attempts(store, user_id=1)) == ["mock", "review"]
    finally:
        store.close()
