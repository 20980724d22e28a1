"""`gauntlet mock` in a real pseudo-terminal: live countdown, time-out keeps the text, kill + resume.

The terminal's clock is the test's: the child process reads the seconds from a file the test writes, so
the countdown moves, time runs out and a draft is saved when the test says, however busy the machine.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pexpect
import pytest

from tests.support import FIXTURE_BANK, gauntlet_command

# Run first in the child: every timed answer reads the test's clock.
TEST_CLOCK = (
    "import functools, os\n"
    "from pathlib import Path\n"
    "import gauntlet.cli.timed_input as timed_input\n"
    "clock_file = Path(os.environ['GAUNTLET_TEST_CLOCK'])\n"
    "timed_input.read_timed_answer = functools.partial(timed_input.read_timed_answer,\n"
    "                                                  now=lambda: float(clock_file.read_text()))\n"
)


def set_clock(clock_file: Path, seconds: float) -> None:
    """Move the child's clock to ``seconds`` (atomically: the child never reads half a number)."""
    ahead = clock_file.with_suffix(".next")
    ahead.write_text(repr(float(seconds)))
    os.replace(ahead, clock_file)


def clocked(cli_env, tmp_path) -> tuple[dict, Path]:
    clock_file = tmp_path / "clock"
    set_clock(clock_file, 0)
    return dict(cli_env, TERM="xterm", GAUNTLET_TEST_CLOCK=str(clock_file)), clock_file


@pytest.mark.slow
def test_time_out_submits_what_was_typed(cli_env, tmp_path):
    env, clock_file = clocked(cli_env, tmp_path)
    code = TEST_CLOCK + ("r = timed_input.read_timed_answer('HEADER', 3, 100)\n"
                         "print('RESULT', repr(r.text), r.timed_out, round(r.elapsed_s))")
    child = pexpect.spawn(sys.executable, ["-c", code], env=env, encoding="utf-8", timeout=30, dimensions=(40, 120))
    child.expect("question 00:03 left")  # the live countdown is on screen
    set_clock(clock_file, 1.5)
    child.expect("question 00:02 left")  # and counts down (whole seconds, rounded up)
    child.send("half an ans")
    child.send("wez\x7f\x7f\x7fwer")
    child.expect("half an answer▌")  # every key applied (no earlier state of the line reads so)
    set_clock(clock_file, 3)
    child.expect(r"RESULT 'half an answer' True 3")


@pytest.mark.slow  # three CLI sessions end to end
def test_mock_in_a_terminal_with_follow_up_kill_and_resume(cli_env, tmp_path):
    env, clock_file = clocked(cli_env, tmp_path)
    db = tmp_path / "g.db"
    options = ["--db", str(db), "--bank", str(FIXTURE_BANK)]
    base = gauntlet_command() + options
    # --tag my-bank: only the test bank's two questions, whatever the shipped bank holds
    args = ["mock", "--tag", "my-bank", "--minutes", "10", "--level", "all", "--seed", "4",
            "--out", str(tmp_path / "out"), "--no-grade"]
    # What the console script runs, on the test's clock.
    launcher = TEST_CLOCK + "import sys\nsys.argv[0] = 'gauntlet'\nfrom gauntlet.cli.main import run\nrun()\n"
    child = pexpect.spawn(sys.executable, ["-c", launcher, *options, *args], env=env, encoding="utf-8", timeout=30,
                          dimensions=(50, 120))
    child.expect("2 questions in 10 minutes")
    child.expect(r"Question 1/2")
    child.expect(r"interview \d\d:\d\d left")
    child.send("The model memorises noise.\x04")
    child.expect("Follow-up 1/2")  # plenty of time left: a follow-up from the question's list
    child.send("Look at the gap between training and validation error.\n.\n")
    child.expect("Question 2/2")
    child.send("Compare feature distributions with a KS test per feature and alert on PSI")
    child.expect("alert on PSI▌")  # typed, not yet saved: a draft is saved every 5 s
    set_clock(clock_file, 6)
    wait_for_draft(child, db, "alert on PSI")
    child.kill(signal.SIGKILL)
    child.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM mock_sessions").fetchall() == [("running",)]
        rows = conn.execute("SELECT position, status, answer, follow_up_answer FROM mock_answers "
                            "ORDER BY position").fetchall()
    assert rows[0][1:] == ("answered", "The model memorises noise.",
                           "Look at the gap between training and validation error.")
    assert rows[1][1] == "in_progress" and rows[1][2].startswith("Compare feature distributions")

    # Starting another while this one is paused says so (and how to continue it), then starts it.
    other = pexpect.spawn(base[0], base[1:] + args, env=env, encoding="utf-8", timeout=30, dimensions=(50, 120))
    other.expect(r"mock interview #1 is paused with \d+\.\d minutes left; `gauntlet mock --resume` continues it")
    other.expect("Mock interview #2")
    other.kill(signal.SIGKILL)
    other.wait()
    with sqlite3.connect(db) as conn:  # --resume takes the latest paused one: give #1 back that place
        conn.execute("DELETE FROM mock_sessions WHERE id = 2")

    resumed = pexpect.spawn(base[0], base[1:] + ["mock", "--resume", "--out", str(tmp_path / "out"), "--no-grade"],
                            env=env, encoding="utf-8", timeout=30, dimensions=(50, 120))
    resumed.expect("Resuming mock interview #1")
    resumed.expect("Question 2/2")
    resumed.expect("alert on PSI")  # the draft is back in the answer box
    resumed.send(" above 0.25.\x04")
    index = resumed.expect(["Follow-up 2/2", "Report saved"])
    if index == 0:
        resumed.send("\x04")
        resumed.expect("Report saved")
    resumed.expect(pexpect.EOF)
    report_md = (tmp_path / "out" / "mock-1.md").read_text()
    assert "alert on PSI above 0.25." in report_md and "Three things to practise next" in report_md
    assert (tmp_path / "out" / "mock-1.html").read_text().startswith("<!doctype html>")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM mock_sessions").fetchall() == [("finished",)]
        assert conn.execute("SELECT count(*) FROM attempts WHERE source = 'mock'").fetchone() == (2,)


def wait_for_draft(child, db: Path, ending: str) -> None:
    """Until the second answer's saved draft ends with ``ending``; the screen is read meanwhile, or the pty
    buffer fills and blocks the child."""
    give_up = time.monotonic() + 30
    while time.monotonic() < give_up:
        child.expect([pexpect.TIMEOUT, pexpect.EOF], timeout=0.1)
        with sqlite3.connect(db) as conn:
            draft = conn.execute("SELECT answer FROM mock_answers WHERE position = 1").fetchone()
        if draft and (draft[0] or "").endswith(ending):
            return
    raise AssertionError(f"no draft ending {ending!r} was saved")
