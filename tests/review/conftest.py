from __future__ import annotations

import pytest

from gauntlet.bank import load_bank
from gauntlet.store import open_store
from tests.support import FIXTURE_BANK


@pytest.fixture
def store(tmp_path, new_sqlite_url):
    s = open_store(new_sqlite_url(tmp_path / "g.db"))
    yield s
    s.close()


@pytest.fixture(scope="session")
def bank():
    return load_bank((FIXTURE_BANK,))
