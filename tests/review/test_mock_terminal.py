"""`gauntlet mock` in a real pseudo-terminal: live countdown, time-out keeps the text, kill + resume."""

from __future__ import annotations

import signal
import sqlite3
import sys

import pexpect

from tests.support import FIXTURE_BANK, gauntlet_command


def test_time_out_submits_what_was_typed(cli_env):
    code = ("from gauntlet.cli.timed_input import read_timed_answer\n"
            "r = read_timed_answer('HEADER', 3, 100)\n"
            "print('RESULT', repr(r.text), r.timed_out, round(r.elapsed_s))")
    child = pexpect.spawn(sys.executable, ["-c", code], env=dict(cli_env, TERM="xterm"), encoding="utf-8",
                          timeout=20, dimensions=(40, 120))
    child.expect("question 00:0[23] left")  # the live countdown is on screen
    child.send("half an ans")
    child.send("wer\x7f\x7f\x7fwer")
    child.expect(r"RESULT 'half an answer' True 3")


def test_mock_in_a_terminal_with_follow_up_kill_and_resume(cli_env, tmp_path):
    env = dict(cli_env, TERM="xterm")
    db = tmp_path / "g.db"
    base = gauntlet_command() + ["--db", str(db), "--bank", str(FIXTURE_BANK)]
    # --tag my-bank: only the test bank's two questions, whatever the shipped bank holds
    args = ["mock", "--tag", "my-bank", "--minutes", "10", "--level", "all", "--seed", "4",
            "--out", str(tmp_path / "out"), "--no-grade"]
    child = pexpect.spawn(base[0], base[1:] + args, env=env, encoding="utf-8", timeout=30, dimensions=(50, 120))
    child.expect("2 questions in 10 minutes")
    child.expect(r"Question 1/2")
    child.expect(r"interview \d\d:\d\d left")
    child.send("The model memorises noise.\x04")
    child.expect("Follow-up 1/2")  # plenty of time left: a follow-up from the question's list
    child.send("Look at the gap between training and validation error.\n.\n")
    child.expect("Question 2/2")
    child.send("Compare feature distributions with a KS test per feature and alert on PSI")
    # A draft is saved every 5 s; keep reading the screen meanwhile, or the pty buffer fills and blocks it.
    child.expect(pexpect.TIMEOUT, timeout=6.5)
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
