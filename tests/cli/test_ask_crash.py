"""A `gauntlet ask` killed with SIGKILL keeps every attempt it reported saved, and the DB opens clean."""

from __future__ import annotations

import random
import signal
import sqlite3

import pexpect
import pytest

from gauntlet.store import open_store
from gauntlet.store.db import integrity_ok
from tests.support import FIXTURE_BANK, gauntlet_command


def start_ask(env, db_path):
    command = gauntlet_command() + ["--db", str(db_path), "--bank", str(FIXTURE_BANK), "ask", "--id",
                                    "my-overfitting", "--no-grade"]
    return pexpect.spawn(command[0], command[1:], env=env, encoding="utf-8", timeout=30, dimensions=(40, 120))


@pytest.mark.slow
def test_kill_after_submit_keeps_the_attempt(cli_env, tmp_path):
    db_path = tmp_path / "g.db"
    child = start_ask(cli_env, db_path)
    child.expect("Finish with a line")
    child.sendline("It memorises the training noise.")
    child.sendline(".")
    child.expect(r"Saved attempt #(\d+)")
    saved_id = int(child.match.group(1))
    child.kill(signal.SIGKILL)
    child.wait()
    assert integrity_ok(f"sqlite:///{db_path}")
    with sqlite3.connect(db_path) as db:
        assert (db.execute("SELECT id, answer FROM attempts").fetchall()
                == [(saved_id, "It memorises the training noise.")])
    open_store(f"sqlite:///{db_path}").close()  # still opens (and migrates) cleanly


@pytest.mark.slow  # a soak: twelve processes, killed at random moments
def test_kills_at_random_moments_never_lose_a_saved_attempt_or_corrupt_the_db(cli_env, tmp_path):
    rng = random.Random(1234)
    db_path = tmp_path / "g.db"
    saved = 0
    for round_no in range(12):
        child = start_ask(cli_env, db_path)
        child.expect("Finish with a line")
        child.sendline(f"answer {round_no}")
        child.sendline(".")
        # Kill anywhere from before the commit to after the model answer is shown.
        reported = child.expect(["Saved attempt", pexpect.TIMEOUT], timeout=rng.uniform(0.0, 0.4)) == 0
        child.kill(signal.SIGKILL)
        child.wait()
        saved += reported
        with sqlite3.connect(db_path) as db:
            count = db.execute("SELECT count(*) FROM attempts").fetchone()[0]
        assert count >= saved, f"round {round_no}: {saved} reported saved, {count} in the database"
        assert integrity_ok(f"sqlite:///{db_path}")
