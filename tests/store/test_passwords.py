"""Accounts' passwords: argon2id at the library's recommended cost, checked, never stored in clear."""

from __future__ import annotations

from argon2 import PasswordHasher
from sqlalchemy import select

from gauntlet.store import open_store
from gauntlet.store.schema import users
from gauntlet.store.users import authenticate, create_user


def test_a_password_is_stored_as_an_argon2id_hash_at_the_recommended_cost(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'g.db'}")
    try:
        created = create_user(store, "alice", "correct horse battery")
        with store.engine.connect() as conn:
            stored = conn.execute(select(users.c.password_hash).where(users.c.id == created.id)).scalar_one()
        assert stored.startswith("$argon2id$") and "correct horse battery" not in stored
        assert not PasswordHasher().check_needs_rehash(stored)  # the library's current recommended parameters
        assert authenticate(store, "ALICE", "correct horse battery") == created
        assert authenticate(store, "alice", "correct horse batterY") is None
    finally:
        store.close()
