"""Storage: SQLAlchemy Core over SQLite (default) or PostgreSQL, with Alembic migrations."""

from gauntlet.store.db import Store, open_store

__all__ = ["Store", "open_store"]
