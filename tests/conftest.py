"""Suite-wide setup: isolate each test's user data, and select the slow suites.

`pytest` runs the fast tests; `pytest --all` (what CI runs) adds those marked slow, browser and
postgres. In CI (`CI=true`) a skipped test fails the run: a missing browser, database or reference
library must be installed by `.ci/run`, not silently passed over.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

# Keep the bytecode of the test modules (and the package) between runs even where the environment sets
# PYTHONDONTWRITEBYTECODE: rewriting the asserts of 200 test modules again on every run cost about 5 s
# of the fast suite's minute. The caches go to the usual, git-ignored __pycache__ folders.
sys.dont_write_bytecode = False

SLOW_MARKERS = ("slow", "browser", "postgres")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--all", action="store_true", default=False,
                     help="also run the slow, browser and postgres suites (CI does)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--all"):
        return
    skip = pytest.mark.skip(reason="slow suite: run with `pytest --all`")
    for item in items:
        if any(marker in item.keywords for marker in SLOW_MARKERS):
            item.add_marker(skip)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or not _in_ci():
        return
    skipped = reporter.stats.get("skipped", [])
    if skipped and session.config.getoption("--all"):
        reporter.write_line(f"CI: {len(skipped)} test(s) were skipped; in CI every test must run.", red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Every test gets its own data and cache dirs, so no test reads or writes the real user's files."""
    home = tmp_path_factory.mktemp("gauntlet-home")
    monkeypatch.setenv("GAUNTLET_HOME", str(home))
    monkeypatch.delenv("GAUNTLET_DB", raising=False)
    # The extracted sentence model is read-only and large: share one cache across tests.
    monkeypatch.setenv("GAUNTLET_CACHE", os.environ.get("GAUNTLET_TEST_CACHE",
                                                        os.path.expanduser("~/.cache/gauntlet-test")))
    return home


@pytest.fixture(scope="session")
def empty_sqlite_database(tmp_path_factory) -> Path:
    """An empty SQLite database at the latest migration, made once per session."""
    from gauntlet.store import open_store

    path = tmp_path_factory.mktemp("empty-database") / "empty.db"
    open_store(f"sqlite:///{path}").close()
    return path


@pytest.fixture
def new_sqlite_url(empty_sqlite_database):
    """``new_sqlite_url(path)``: the URL of a new, empty SQLite database at ``path``, already migrated.

    A copy of one database migrated at the start of the session: running every migration on each test's
    new database took about a tenth of a second, hundreds of times. Tests of migrating itself open a
    path of their own instead.
    """
    def make(path: Path) -> str:
        shutil.copyfile(empty_sqlite_database, path)
        return f"sqlite:///{path}"

    return make


@pytest.fixture
def cli_env(isolated_home) -> dict[str, str]:
    """Environment for running the real `gauntlet` script in a subprocess."""
    env = dict(os.environ)
    env.update(GAUNTLET_HOME=str(isolated_home), COLUMNS="120", TERM="dumb")
    return env


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory):
    """URL of a PostgreSQL server for the postgres suites (started for the session unless given)."""
    given = os.environ.get("GAUNTLET_TEST_PG_URL")
    if given:
        yield given
        return
    import tempfile

    from tests.pg_server import TempPostgres

    # Not under pytest's tmp dir: that is private to root, and the server runs as the postgres user.
    server = TempPostgres(Path(tempfile.mkdtemp(prefix="gauntlet-pg-")) / "server")
    try:
        url = server.start()
    except Exception as exc:  # noqa: BLE001 - any failure to start means the suite cannot run here
        pytest.skip(f"cannot start PostgreSQL: {exc}")
    yield url
    server.stop()


@pytest.fixture
def postgres_db(postgres_url, request):
    """An empty database of its own for one test."""
    import uuid

    from tests.pg_server import fresh_database

    readable = "".join(ch if ch.isalnum() else "_" for ch in request.node.name.lower())[:40]
    return fresh_database(postgres_url, f"t_{readable}_{uuid.uuid4().hex[:8]}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Expose each phase's report on the test item (the browser tests screenshot failures with it)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
