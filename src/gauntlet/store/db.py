"""Opening the database: engine, SQLite pragmas, migrations, and the implicit local user.

SQLite (a file in the user's data dir) is the default; any SQLAlchemy URL works, PostgreSQL included.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, overload

from sqlalchemy import Connection, CursorResult, Engine, Insert, Row, Table, create_engine, event, insert, select, text
from sqlalchemy.exc import DBAPIError, OperationalError

from gauntlet.errors import StoreError
from gauntlet.store import schema

LOCAL_USERNAME = "local"
# Connections one process keeps to a database server: a server's 4 page threads, its long-task threads
# (labs, code) and the grader's writes rarely use more than 6 at once.
DEFAULT_CONNECTIONS = 10


def storable_text(text: str) -> str:
    """Text any backend accepts, otherwise as typed.

    Lone surrogates (from a broken terminal or clipboard) cannot be encoded by any driver, and
    PostgreSQL rejects NUL characters; both become U+FFFD / '?' rather than failing the save.
    """
    return text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@overload
def as_utc(value: dt.datetime) -> dt.datetime: ...
@overload
def as_utc(value: None) -> None: ...
def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC, so say so."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


def inserted_id(result: CursorResult[Any]) -> int:
    """The id of the row a single-row ``insert`` just added (every table here has one integer key)."""
    key = result.inserted_primary_key
    if key is None:  # pragma: no cover - only for statements that are not single-row inserts
        raise StoreError("the statement inserted no row")
    return int(key[0])


def insert_ignoring_duplicates(conn: Connection, table: Table, **values: object) -> bool:
    """Insert a row unless one with the same unique key exists (another server may be inserting it at
    this very moment); True if this call inserted it. Both backends do it in one statement, so a race
    never surfaces as an IntegrityError."""
    statement: Insert
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        statement = postgresql_insert(table).values(**values).on_conflict_do_nothing()
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(table).values(**values).on_conflict_do_nothing()
    else:  # pragma: no cover - the two backends we support
        raise StoreError(f"unsupported database: {conn.dialect.name}")
    result = conn.execute(statement)
    return result.rowcount == 1


def newest_rows(store: Store, table: Table, user_id: int, limit: int, **equal: object) -> list[Row[Any]]:
    """The user's rows of ``table``, newest first (by ``submitted_at``, then id), at most ``limit``;
    ``equal``: column=value filters, a None value filtering nothing ("every question")."""
    query = select(table).where(table.c.user_id == user_id)
    for column, value in equal.items():
        if value is not None:
            query = query.where(table.c[column] == value)
    query = query.order_by(table.c.submitted_at.desc(), table.c.id.desc()).limit(limit)
    with store.engine.connect() as conn:
        return list(conn.execute(query))


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:  # a DB-API (sqlite3) connection
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets the web app read while a drill writes; synchronous=FULL makes each commit durable on
    # disk before we tell the user "saved" (a review must survive a crash right after it).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the write lock up front (BEGIN IMMEDIATE): a read-then-write such as "load the card,
    # apply the rating, save it" can then never interleave with another process doing the same.
    immediate = conn.get_execution_options().get("sqlite_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Store:
    """A migrated database and the id of its implicit local user. Cheap to pass around."""

    def __init__(self, url: str, connections: int = DEFAULT_CONNECTIONS) -> None:
        self.url = url
        self.engine = _make_engine(url, connections)
        _ensure_migrated(self.engine, url)
        self.local_user_id = _ensure_local_user(self.engine)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One committed-or-rolled-back unit of work that may read, then write."""
        with self.engine.connect().execution_options(sqlite_immediate=True) as conn:
            with conn.begin():
                yield conn

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, connections: int = DEFAULT_CONNECTIONS) -> Store:
    """Open (creating and migrating if needed) the database at ``url`` (default: ``GAUNTLET_DB``/data dir).
    ``connections``: at most this many open at once to a database server (not SQLite)."""
    from gauntlet.paths import default_db_url

    return Store(url or default_db_url(), connections)


def _make_engine(url: str, connections: int = DEFAULT_CONNECTIONS) -> Engine:
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        _check_sqlite_folder(Path(url.removeprefix("sqlite:///")))
    # A database server takes a fixed number of connections (PostgreSQL: 100 by default), shared by every
    # Gauntlet server on it: each one holds at most ``connections``, no overflow, so N servers need
    # N x connections (see the README's deployment section). SQLite keeps SQLAlchemy's own pool.
    server_pool = {} if url.startswith("sqlite") else dict(pool_size=connections, max_overflow=0, pool_timeout=30)
    try:
        engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"), **server_pool)
    except Exception as exc:  # bad URL, missing driver
        raise StoreError(f"cannot use database URL '{url}': {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _check_sqlite_folder(path: Path) -> None:
    """The default database's folder is created on first use; any other path must name an existing
    folder: a typo in ``--db /home/me/gauntet/x.db`` would otherwise start an empty history elsewhere
    and the user would think theirs was lost."""
    from gauntlet.paths import data_dir

    if path.parent.is_dir():
        return
    if path.parent.resolve() != data_dir().expanduser().resolve():
        raise StoreError(f"the folder {path.parent} does not exist, so there is no database at {path}. Check the "
                         f"path (a typo?), or create the folder first (mkdir -p {path.parent}) to start a new one.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder for the database {path}: {exc.strerror}; "
                         "set GAUNTLET_HOME, GAUNTLET_DB or --db to a writable place") from exc


def _unopenable(url: str, exc: Exception) -> StoreError:
    """Why a database cannot be opened, said so the user knows what to do."""
    if url.startswith("sqlite:///"):
        folder = Path(url.removeprefix("sqlite:///")).parent
        if folder.is_dir() and not os.access(folder, os.W_OK):
            return StoreError(f"the folder {folder} is read-only, so the database there cannot be opened for "
                              "writing; point Gauntlet elsewhere with GAUNTLET_HOME, GAUNTLET_DB or --db")
    return StoreError(f"cannot open the database at {url}: {getattr(exc, 'orig', exc)}")


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, DBAPIError):
            return None  # a new database: no version table yet


def _ensure_migrated(engine: Engine, url: str) -> None:
    try:
        if _current_revision(engine) == schema.SCHEMA_HEAD:
            return
        with _migration_lock(engine, url):
            if _current_revision(engine) != schema.SCHEMA_HEAD:  # another process may have done it
                upgrade(engine)
    except (OperationalError, DBAPIError) as exc:
        raise _unopenable(url, exc) from exc


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic migrations up to ``revision`` on ``engine``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


@contextlib.contextmanager
def _migration_lock(engine: Engine, url: str) -> Iterator[None]:
    """Serialise migrations between processes starting at the same time."""
    if engine.dialect.name == "sqlite" and url.startswith("sqlite:///"):
        import fcntl

        lock_path = url.removeprefix("sqlite:///") + ".migrate-lock"
        with open(lock_path, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
    elif engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(727274)"))  # an arbitrary app-wide key
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(727274)"))
                conn.commit()
    else:
        yield


def _ensure_local_user(engine: Engine) -> int:
    users = schema.users
    with engine.begin() as conn:
        found: int | None = conn.execute(select(users.c.id).where(users.c.username == LOCAL_USERNAME)).scalar()
        if found is not None:
            return found
        try:
            return inserted_id(conn.execute(
                insert(users).values(username=LOCAL_USERNAME, is_local=True, created_at=utcnow())
            ))
        except DBAPIError:
            pass  # created by a concurrent process between our select and insert
    with engine.connect() as conn:
        local_id: int = conn.execute(select(users.c.id).where(users.c.username == LOCAL_USERNAME)).scalar_one()
        return local_id


def integrity_ok(url: str) -> bool:
    """True if a SQLite database file passes ``PRAGMA integrity_check`` (used by crash tests)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        engine.dispose()


__all__ = ["Store", "open_store", "upgrade", "utcnow", "as_utc", "integrity_ok"]
