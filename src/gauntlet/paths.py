"""Where Gauntlet keeps its files: the user's database, caches, and the shipped content."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "gauntlet"


def content_dir() -> Path:
    """The question bank shipped inside the package."""
    return Path(__file__).resolve().parent / "content"


def data_dir() -> Path:
    """Per-user data directory (database, exported reports). Overridable by ``GAUNTLET_HOME``."""
    override = os.environ.get("GAUNTLET_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Per-user cache directory (the extracted sentence model). Overridable by ``GAUNTLET_CACHE``."""
    override = os.environ.get("GAUNTLET_CACHE")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def default_db_url() -> str:
    """``GAUNTLET_DB`` (a SQLAlchemy URL or a file path), else a SQLite file in the data dir."""
    configured = os.environ.get("GAUNTLET_DB")
    if configured:
        return db_url_from_user(configured)
    return f"sqlite:///{data_dir() / 'gauntlet.db'}"


def db_url_from_user(value: str) -> str:
    """Accept either a SQLAlchemy URL (``postgresql+psycopg://...``) or a plain SQLite file path."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"
