"""Database tables (SQLAlchemy Core). Changes here need a migration in ``migrations/versions``.

``SCHEMA_HEAD`` names the newest migration: opening a database compares it with the stored version
and only imports Alembic when they differ, which keeps every command's start-up fast.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_HEAD = "0001"

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=True),  # None for the implicit local user
    Column("is_local", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("question_id", String(100), nullable=False),
    Column("answer", Text, nullable=False),
    Column("source", String(20), nullable=False),  # ask | grade | drill | mock | web
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    # Filled by the grader when it runs; an attempt is recorded before grading so a crash loses nothing.
    Column("score", Float, nullable=True),
    Column("grade_json", Text, nullable=True),
    Column("grader_version", String(40), nullable=True),
    Index("ix_attempts_user_question", "user_id", "question_id"),
)
