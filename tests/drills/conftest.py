"""Fixtures shared by the drill tests."""

# The attempt tests run on both backends with the store suite's own fixture (a SQLite file and a real
# PostgreSQL server). Imported here, not in the test module, where each use would redefine the import.
from tests.store.test_store import store  # noqa: F401
